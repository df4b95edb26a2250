"""{% volunteer_roles event %} on the event page and {% my_volunteering %} on /me/: no view needs changing."""

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


@register.inclusion_tag("events/volunteers/me_section.html", takes_context=True)
def my_volunteering(context):
    user = context["request"].user
    signups = (
        VolunteerSignup.objects.filter(user=user).select_related("role", "event").order_by("-event__start", "-id")[:50]
    )
    from portal.residents import assisted_notes

    signups = assisted_notes(user, signups)
    for signup in signups:
        signup.can_withdraw = volunteers.can_withdraw(signup)
    return {"signups": signups, "csrf_token": context.get("csrf_token")}
