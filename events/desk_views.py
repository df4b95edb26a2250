"""The assisted-participation desk (/desk/): staff at a venue or village station serve residents who
have no email or smartphone — find or register them, book a place, record a vote, print the ticket.

Organizer staff only. Every action goes through the services with `assisted_by` and a required
"the resident agreed" box (`consent_noted`, stored on the row with who recorded it).
"""

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from portal import residents
from portal.models import District, Profile
from portal.scoping import is_organizer_staff, managed_organizers

from . import participation, services
from .models import Event, Proposal, Registration, Vote

CONSENT_LABEL = gettext_lazy("The resident agreed to this, and I am recording it on their behalf.")


def desk_staff_required(view):
    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_organizer_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class WalkInForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=80)
    phone = forms.CharField(label=gettext_lazy("Phone (optional)"), max_length=40, required=False)
    district = forms.ModelChoiceField(label=gettext_lazy("District"), queryset=District.objects.all(), required=False)
    age_band = forms.ChoiceField(
        label=gettext_lazy("Age band"), choices=[("", "—"), *Profile.AgeBand.choices], required=False
    )


class DeskRegisterForm(forms.Form):
    event = forms.ModelChoiceField(label=gettext_lazy("Event"), queryset=Event.objects.none())
    # The event's own limit is checked by services.register, which says what it is.
    party_size = forms.IntegerField(label=gettext_lazy("Places"), min_value=1, initial=1)
    consent = forms.BooleanField(label=CONSENT_LABEL, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = (
            Event.objects.published().upcoming().filter(organizer__in=managed_organizers(user)).order_by("start", "id")
        )


class DeskVoteForm(forms.Form):
    proposal = forms.ModelChoiceField(label=gettext_lazy("Proposal"), queryset=Proposal.objects.none())
    consent = forms.BooleanField(label=CONSENT_LABEL, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Never by votes: a round may hide its counts until it closes.
        self.fields["proposal"].queryset = Proposal.objects.open_for_voting().order_by("round", "id")


@desk_staff_required
def desk(request):
    query = request.GET.get("q", "").strip()[:100]
    found = residents.find_residents(query=query, by_user=request.user) if query else []
    form = WalkInForm(request.POST or None)
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


def _resident_or_404(pk):
    return get_object_or_404(residents.residents().select_related("profile__district"), pk=pk)


def _resident_page(request, resident, register_form=None, vote_form=None):
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
            "register_form": register_form or DeskRegisterForm(user=request.user),
            "vote_form": vote_form or DeskVoteForm(),
        },
    )


@desk_staff_required
def desk_resident(request, pk):
    return _resident_page(request, _resident_or_404(pk))


@desk_staff_required
@require_POST
def desk_register(request, pk):
    resident = _resident_or_404(pk)
    form = DeskRegisterForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            registration = services.register(
                user=resident,
                event=form.cleaned_data["event"],
                party_size=form.cleaned_data["party_size"],
                assisted_by=request.user,
                consent_noted=form.cleaned_data["consent"],
            )
        except services.RegistrationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Registered. Print the ticket for the resident."))
            return redirect("events:ticket", code=registration.ticket_code)
    return _resident_page(request, resident, register_form=form)


@desk_staff_required
@require_POST
def desk_vote(request, pk):
    resident = _resident_or_404(pk)
    form = DeskVoteForm(request.POST)
    if form.is_valid():
        try:
            participation.cast_vote(
                user=resident,
                proposal=form.cleaned_data["proposal"],
                assisted_by=request.user,
                consent_noted=form.cleaned_data["consent"],
            )
        except participation.ParticipationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The vote is recorded and counts once, like any other."))
            return redirect("events:desk-resident", pk=resident.pk)
    return _resident_page(request, resident, vote_form=form)
