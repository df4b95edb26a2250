"""Volunteer pages: sign up and withdraw on the event page; the organizer's list, message form and CSV.

Thin adapters around events.services.volunteers; refusals are shown as the service words them.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.exports import csv_response
from portal.scoping import managed_or_403

from .. import errors
from ..forms.volunteers import VolunteerMessageForm
from ..models import Event, VolunteerRole
from ..services import volunteers
from .events import event_or_404


def _role_or_404(slug, role_id, user):
    event = event_or_404(slug, user)
    return get_object_or_404(VolunteerRole.objects.select_related("event"), pk=role_id, event=event)


def _back(role):
    return redirect(f"{role.event.get_absolute_url()}#volunteer-title")


@require_POST
def volunteer_signup(request, slug, role_id):
    role = _role_or_404(slug, role_id, request.user)
    if not request.user.is_authenticated:
        return redirect_to_login(role.event.get_absolute_url())
    try:
        volunteers.sign_up(user=request.user, role=role)
    except errors.VolunteerError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Thank you! You volunteer as “%(role)s”. The organizer will contact you.") % {"role": role.name},
        )
    return _back(role)


@login_required
@require_POST
def volunteer_withdraw(request, slug, role_id):
    role = _role_or_404(slug, role_id, request.user)
    try:
        volunteers.withdraw(user=request.user, role=role)
    except errors.VolunteerError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("You no longer volunteer as “%(role)s”.") % {"role": role.name})
    return _back(role)


def _managed_event(request, slug):
    return managed_or_403(request.user, Event.objects.select_related("organizer", "venue"), slug=slug)


@login_required
def volunteer_list(request, slug):
    """Organizer staff: the volunteers by role with how to reach them, and a form to write to a role."""
    event = _managed_event(request, slug)
    form = VolunteerMessageForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            sent, without_email = volunteers.message_volunteers(by_user=request.user, **form.cleaned_data)
        except errors.VolunteerError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Message queued for %(count)d volunteer(s).") % {"count": sent})
            if without_email:
                messages.warning(
                    request,
                    _("%(count)d volunteer(s) have no email address: please phone them.") % {"count": without_email},
                )
            return redirect("events:volunteers", slug=event.slug)
    roles = volunteers.roles_with_counts(event).prefetch_related("signups__user__profile")
    return render(request, "events/volunteers/list.html", {"event": event, "roles": roles, "form": form})


@login_required
def volunteer_csv(request, slug):
    event = _managed_event(request, slug)
    return csv_response(volunteers.volunteer_rows([event]), f"volunteers-{event.slug}.csv")
