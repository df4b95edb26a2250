"""{% my_participation %}: the "My proposals" and "My votes" sections of /me/, so portal needs no events code."""

from django import template

from ..models import Vote

register = template.Library()


@register.inclusion_tag("events/proposals/me_section.html", takes_context=True)
def my_participation(context):
    from portal.residents import assisted_notes

    from ..services.votes import voting_closed_reason
    from ..views.proposals import open_rounds

    user = context["request"].user
    votes = assisted_notes(
        user, Vote.objects.filter(user=user).select_related("proposal__round").order_by("-created_at")[:50]
    )
    for vote in votes:
        vote.can_withdraw = voting_closed_reason(vote.proposal) is None
    return {
        "proposals": user.proposals.order_by("-created_at"),
        "votes": votes,
        # Only rounds the resident may vote in (or voted in): another district's round is not theirs.
        "open_rounds": [r for r in open_rounds(user) if r.refusal is None or r.votes_used],
        "csrf_token": context.get("csrf_token"),
    }
