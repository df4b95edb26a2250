from django import template

from events.formatting import when_text

register = template.Library()


@register.filter
def when(event):
    return when_text(event)
