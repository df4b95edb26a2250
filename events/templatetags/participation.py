"""{% my_participation %}: the "My proposals" and "My votes" sections of /me/, so portal needs no events code."""

from django import template

from ..models import Vote

register = template.Library()


@register.inclusion_tag("events/proposals/me_section.html", takes_context=True)
def my_participation(context):
    from ..proposal_views import open_rounds

    user = context["request"].user
    return {
        "proposals": user.proposals.order_by("-created_at"),
        "votes": Vote.objects.filter(user=user).select_related("proposal").order_by("-created_at")[:50],
        "open_rounds": open_rounds(user),
    }
