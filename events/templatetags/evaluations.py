"""{% my_evaluations %} for /me/ and {% proposal_feedback proposal %} for the proposal page, so neither the
portal nor the proposal views need evaluation code."""

from django import template

register = template.Library()


@register.inclusion_tag("events/evaluations/me_section.html", takes_context=True)
def my_evaluations(context):
    from portal.residents import assisted_notes

    from ..selectors import evaluations

    user = context["request"].user
    return {
        "to_give": evaluations.evaluations_to_give(user=user),
        "given": assisted_notes(user, evaluations.evaluations_given(user=user)),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("events/evaluations/proposal_section.html")
def proposal_feedback(proposal):
    from ..selectors import feedback

    return {"feedback": feedback.proposal_feedback(proposal=proposal)}
