from django import template

from events.cards import event_card
from events.formatting import when_text

register = template.Library()


@register.filter
def when(event):
    return when_text(event)


@register.filter
def as_card(event):
    """The event as portal.cards shows it (includes/card.html), on the event list as on the home page."""
    return event_card(event)
