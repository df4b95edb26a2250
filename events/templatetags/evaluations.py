"""{% proposal_feedback proposal %} for the proposal page, so the proposal views need no evaluation code."""

from django import template

register = template.Library()


@register.inclusion_tag("events/evaluations/proposal_section.html")
def proposal_feedback(proposal):
    from ..selectors import feedback

    return {"feedback": feedback.proposal_feedback(proposal=proposal)}
