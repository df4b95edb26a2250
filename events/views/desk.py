"""The assisted-participation desk (/desk/): staff at a venue or village station serve residents who
have no email or smartphone — find or register them, book a place, record a vote, sign them up as a
volunteer, confirm their district, print the ticket; and confirm districts from a census list.

Organizer staff only, and only for the residents they may serve (portal.residents.may_assist: others
answer 404 here, and the services refuse them anyway). Every action goes through the services with
`assisted_by` and a required "the resident agreed" box (`consent_noted`, stored on the row with who
recorded it).
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import residents
from portal.scoping import is_organizer_staff, managed_organizers

from .. import errors
from ..forms.desk import (
    DeskRegisterForm,
    DeskVolunteerForm,
    DeskVoteForm,
    DistrictListForm,
    VerifyDistrictForm,
    WalkInForm,
    _districts_served,
)
from ..models import Registration, VolunteerSignup, Vote
from ..services import registrations, volunteers, votes


def desk_staff_required(view):
    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_organizer_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@desk_staff_required
def desk(request):
    query = request.GET.get("q", "").strip()[:100]
    found = residents.find_residents(query=query, by_user=request.user) if query else []
    form = WalkInForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            resident = residents.create_walk_in_resident(by_user=request.user, **form.cleaned_data)
        except residents.ResidentError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("%(name)s is registered. Nothing is emailed to them.") % {"name": resident.public_name}
            )
            return redirect("events:desk-resident", pk=resident.pk)
    return render(
        request,
        "events/desk/desk.html",
        {"query": query, "found": found, "min_query": residents.MIN_QUERY, "form": form},
    )


def _resident_or_404(request, pk):
    """Only residents the staff member may serve are found at all (portal.residents.may_assist)."""
    return get_object_or_404(
        residents.assistable_residents(request.user).select_related("profile__district", "profile__verified_district"),
        pk=pk,
    )


def _resident_page(request, resident, register_form=None, vote_form=None, volunteer_form=None, district_form=None):
    now = timezone.now()
    return render(
        request,
        "events/desk/resident.html",
        {
            "resident": resident,
            # Only what this desk needs: the resident's places at events of the staff member's organizers
            # and the votes this staff member recorded; the rest of their activity is theirs.
            "registrations": Registration.objects.filter(
                user=resident, event__end__gt=now, event__organizer__in=managed_organizers(request.user)
            )
            .exclude(status=Registration.Status.CANCELLED)
            .select_related("event")
            .order_by("event__start"),
            "votes": Vote.objects.filter(user=resident, recorded_by=request.user).select_related("proposal")[:20],
            "volunteering": VolunteerSignup.objects.filter(
                user=resident, event__end__gt=now, event__organizer__in=managed_organizers(request.user)
            ).select_related("event", "role"),
            "masked_phone": residents.mask_phone(resident.profile.phone),
            "register_form": register_form or DeskRegisterForm(user=request.user),
            "vote_form": vote_form or DeskVoteForm(),
            "volunteer_form": volunteer_form or DeskVolunteerForm(user=request.user),
            "district_form": district_form
            or VerifyDistrictForm(user=request.user, initial={"district": resident.profile.district_id}),
        },
    )


@desk_staff_required
def desk_resident(request, pk):
    return _resident_page(request, _resident_or_404(request, pk))


@desk_staff_required
@require_POST
def desk_register(request, pk):
    resident = _resident_or_404(request, pk)
    form = DeskRegisterForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            registration = registrations.register(
                user=resident,
                event=form.cleaned_data["event"],
                party_size=form.cleaned_data["party_size"],
                assisted_by=request.user,
                consent_noted=form.cleaned_data["consent"],
            )
        except errors.RegistrationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Registered. Print the ticket for the resident."))
            return redirect("events:ticket", code=registration.ticket_code)
    return _resident_page(request, resident, register_form=form)


@desk_staff_required
@require_POST
def desk_vote(request, pk):
    resident = _resident_or_404(request, pk)
    form = DeskVoteForm(request.POST)
    if form.is_valid():
        try:
            votes.cast_vote(
                user=resident,
                proposal=form.cleaned_data["proposal"],
                assisted_by=request.user,
                consent_noted=form.cleaned_data["consent"],
            )
        except errors.ParticipationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The vote is recorded and counts once, like any other."))
            return redirect("events:desk-resident", pk=resident.pk)
    return _resident_page(request, resident, vote_form=form)


@desk_staff_required
@require_POST
def desk_volunteer(request, pk):
    resident = _resident_or_404(request, pk)
    form = DeskVolunteerForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            volunteers.sign_up(
                user=resident,
                role=form.cleaned_data["role"],
                assisted_by=request.user,
                consent_noted=form.cleaned_data["consent"],
            )
        except errors.VolunteerError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("The resident volunteers as “%(role)s”.") % {"role": form.cleaned_data["role"].name}
            )
            return redirect("events:desk-resident", pk=resident.pk)
    return _resident_page(request, resident, volunteer_form=form)


@desk_staff_required
@require_POST
def desk_verify_district(request, pk):
    resident = _resident_or_404(request, pk)
    form = VerifyDistrictForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            residents.verify_district(resident=resident, district=form.cleaned_data["district"], by_user=request.user)
        except residents.ResidentError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The resident's district is confirmed."))
            return redirect("events:desk-resident", pk=resident.pk)
    return _resident_page(request, resident, district_form=form)


@desk_staff_required
def desk_districts(request):
    """Staff upload a census list; each row is matched exactly and confirmed on its own, with a report."""
    form = DistrictListForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = residents.verify_district_rows(rows=form.cleaned_data["file"], by_user=request.user)
    return render(
        request,
        "events/desk/districts.html",
        {
            "form": form,
            "report": report,
            "verified": sum(row["outcome"] == residents.Outcome.VERIFIED for row in report or []),
            "districts": _districts_served(request.user),
        },
    )
