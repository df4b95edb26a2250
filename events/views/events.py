"""Event pages: thin adapters around selectors (reads) and services (every change)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from portal.accounts import has_verified_email
from portal.messaging import read_unsubscribe_token, unsubscribe_kinds
from portal.models import Profile
from portal.scoping import can_manage, managed_or_403

from .. import errors as event_errors
from ..models import Event, Registration
from ..selectors import events as event_selectors
from ..selectors import registrations as registration_selectors
from ..services import check_in as check_in_services
from ..services import evaluations, ics, registrations, tickets

EVENTS_PER_PAGE = 20


def _filter_problems(filterset):
    """'Label: error' for every filter value that could not be used (and so was ignored)."""
    form = filterset.form
    form.is_valid()
    return [f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()]


def event_list(request):
    filterset = event_selectors.filter_events(request.GET)
    page = Paginator(filterset.qs, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    active = sum(1 for name in filterset.form.fields if name != "q" and request.GET.get(name))
    problems = _filter_problems(filterset)
    return render(
        request,
        "events/event_list.html",
        {
            "filterset": filterset,
            "form": filterset.form,
            "page_obj": page,
            "events": page.object_list,
            "problems": problems,
            # Folded on a phone so the results come first; opened when something needs fixing.
            "filters_active": active,
            "filters_open": bool(problems),
            "feed_url": reverse("events:feed") + (f"?{request.GET.urlencode()}" if request.GET else ""),
        },
    )


def event_calendar(request):
    first, valid = event_selectors.parse_month(request.GET.get("month"))
    weeks = event_selectors.month_calendar(first)
    days_with_events = [(day, events) for week in weeks for day, events, in_month in week if in_month and events]
    return render(
        request,
        "events/event_calendar.html",
        {
            "month": first,
            "month_invalid": not valid,
            "weeks": weeks,
            "weekdays": [day for day, _events, _in_month in weeks[0]],
            "agenda": days_with_events,
            "today": timezone.localdate(),
            "previous_month": event_selectors.shift_month(first, -1),
            "next_month": event_selectors.shift_month(first, 1),
        },
    )


def event_or_404(slug, user):
    event = event_selectors.visible_event(slug, user)
    if event is None:
        raise Http404
    return event


def event_detail(request, slug):
    event = event_or_404(slug, request.user)
    user = request.user
    registration = registration_selectors.active_registration(user=user, event=event)
    seats_left = event.seats_left
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "registration": registration,
            "can_cancel": registration is not None
            and registrations.can_cancel(registration=registration, by_user=user),
            "closed_reason": event.registration_closed_reason(),
            "email_verified": has_verified_email(user),
            "joins_waitlist": seats_left is not None and seats_left == 0,
            # registrations.register waitlists a party bigger than the seats left: say so before they choose.
            "few_seats_left": seats_left is not None and 0 < seats_left < event.party_size_limit,
            "manages": can_manage(user, event),
            "may_evaluate": event.is_past and evaluations.evaluation_refusal(user=user, event=event) is None,
            "login_url": f"{reverse('account_login')}?{urlencode({'next': event.get_absolute_url()})}",
        },
    )


@require_POST
def register(request, slug):
    event = event_or_404(slug, request.user)
    if not request.user.is_authenticated:
        return redirect_to_login(event.get_absolute_url())
    try:
        party_size = int(request.POST.get("party_size", "1"))
    except ValueError:
        party_size = 0  # the service refuses it with the allowed range
    try:
        registration = registrations.register(user=request.user, event=event, party_size=party_size)
    except event_errors.RegistrationError as exc:
        messages.error(request, exc.message)
        return redirect(event.get_absolute_url())
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(request, _("You are registered. This is your ticket; we have also emailed it to you."))
    else:
        messages.success(
            request, _("The event is full, so you are on the waiting list. We will email you if a place comes free.")
        )
    return redirect("events:ticket", code=registration.ticket_code)


def _ticket_or_404(request, code):
    """The registration with `code` for its owner or those who manage its event; nobody else learns it exists."""
    registration = get_object_or_404(
        registration_selectors.with_waitlist_position(Registration.objects.all()).select_related(
            "event__venue__district", "event__organizer", "user__profile"
        ),
        ticket_code=code,
    )
    if registration.user_id != request.user.pk and not can_manage(request.user, registration.event):
        raise Http404
    return registration


@login_required
def ticket(request, code):
    registration = _ticket_or_404(request, code)
    confirmed = registration.status == Registration.Status.CONFIRMED
    return render(
        request,
        "events/ticket.html",
        {
            "registration": registration,
            "event": registration.event,
            "qr_data_uri": tickets.qr_data_uri(registration.ticket_code) if confirmed else "",
            "can_cancel": registrations.can_cancel(registration=registration, by_user=request.user),
            "own": registration.user_id == request.user.pk,
        },
    )


@login_required
def ticket_qr(request, code, kind):
    registration = _ticket_or_404(request, code)
    if kind == "png":
        response = HttpResponse(tickets.qr_png(registration.ticket_code), content_type="image/png")
    else:
        response = HttpResponse(tickets.qr_svg(registration.ticket_code), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=86400"
    return response


@login_required
@require_POST
def cancel(request, code):
    registration = _ticket_or_404(request, code)
    try:
        registrations.cancel_registration(registration=registration, by_user=request.user)
    except event_errors.RegistrationError as exc:
        messages.error(request, exc.message)
        return redirect("events:ticket", code=code)
    messages.success(request, _("Your registration is cancelled. Thank you for giving the place back."))
    return redirect(registration.event.get_absolute_url())


# --- iCalendar ------------------------------------------------------------------------------------------


def _calendar_response(content, filename=None):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, slug):
    event = event_or_404(slug, request.user)
    return _calendar_response(ics.calendar_bytes([event]), filename=f"{event.slug}.ics")


def event_feed(request):
    return _calendar_response(ics.calendar_bytes(event_selectors.feed_events(request.GET), name=_("Events")))


# --- Check-in at the door -------------------------------------------------------------------------------

CHECK_IN_RESULT = "events.check_in.{}"


@login_required
def check_in(request, slug):
    """Organizer staff admit people by ticket code (typed or scanned) or by name; the result shows after PRG."""
    event = managed_or_403(request.user, Event.objects.select_related("venue", "organizer"), slug=slug)
    session_key = CHECK_IN_RESULT.format(event.pk)
    if request.method == "POST":
        query = request.POST.get("q", "").strip()[:100]
        try:
            registration = check_in_services.check_in(
                code=request.POST.get("code", ""), by_user=request.user, event=event
            )
        except event_errors.RegistrationError as exc:
            request.session[session_key] = {"admitted": False, "message": str(exc.message)}
        else:
            request.session[session_key] = {
                "admitted": True,
                "name": registration.user.public_name,
                "party_size": registration.party_size,
            }
        url = reverse("events:check-in", args=[event.slug])
        return redirect(f"{url}?{urlencode({'q': query})}" if query else url)
    query = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "events/check_in.html",
        {
            "event": event,
            "result": request.session.pop(session_key, None),
            "query": query,
            "matches": registration_selectors.search_registrations(event=event, query=query),
            "counts": registration_selectors.check_in_counts(event),
        },
    )


# The signed token is the credential, so no session or CSRF token is needed (mail clients may POST
# here directly, RFC 8058); GET only asks, so link scanners in mailboxes unsubscribe nobody.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        user_id, kind = read_unsubscribe_token(token)
    except signing.BadSignature as exc:
        raise Http404 from exc
    profile = Profile.objects.filter(user_id=user_id).first()
    if profile is None:
        raise Http404
    field, value = unsubscribe_kinds()[kind]
    done = False
    if request.method == "POST":
        setattr(profile, field, value)
        profile.save(update_fields=[field])
        done = True
    return render(
        request,
        "events/unsubscribe.html",
        {"done": done, "already": not done and getattr(profile, field) == value, "kind": kind},
    )
