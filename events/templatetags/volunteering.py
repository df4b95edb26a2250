"""{% volunteer_roles event %} on the event page: no view needs changing."""

from django import template

from ..models import VolunteerSignup
from ..services import volunteers

register = template.Library()


@register.inclusion_tag("events/volunteers/event_roles_list.html", takes_context=True)
def volunteer_roles(context, event):
    user = context["request"].user
    mine = None
    if user.is_authenticated:
        mine = VolunteerSignup.objects.filter(user=user, event=event).values_list("role_id", flat=True).first()
    closed = volunteers._closed(event)
    return {
        "event": event,
        "roles": list(volunteers.roles_with_counts(event)),
        "mine": mine,
        "closed_reason": closed[1] if closed else "",
        "user": user,
        "email_verified": context.get("email_verified"),
        "manages": context.get("manages"),
        "csrf_token": context.get("csrf_token"),
        "login_url": context.get("login_url"),
    }
