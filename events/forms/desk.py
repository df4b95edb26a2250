"""Forms of the assisted-participation desk: walk-in residents, places, votes, volunteering, districts."""

import csv
import io

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal import residents
from portal.models import District, Profile
from portal.scoping import managed_organizers

from ..models import Event, Proposal, VolunteerRole

CONSENT_LABEL = gettext_lazy("The resident agreed to this, and I am recording it on their behalf.")


class WalkInForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=80)
    phone = forms.CharField(label=gettext_lazy("Phone (optional)"), max_length=40, required=False)
    district = forms.ModelChoiceField(label=gettext_lazy("District"), queryset=District.objects.all(), required=False)
    age_band = forms.ChoiceField(
        label=gettext_lazy("Age band"), choices=[("", "—"), *Profile.AgeBand.choices], required=False
    )
    # Empty: the staff member's first organizer (portal.residents.create_walk_in_resident).
    organizer = forms.ModelChoiceField(
        label=gettext_lazy("Registered at the desk of"), queryset=None, empty_label=None, required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The organizer whose staff may serve the resident from now on; asked only when there is a choice.
        organizers = managed_organizers(user).order_by("name")
        self.fields["organizer"].queryset = organizers
        if organizers.count() == 1:
            self.fields["organizer"].widget = forms.HiddenInput()
            self.fields["organizer"].initial = organizers.first().pk


class DeskRegisterForm(forms.Form):
    event = forms.ModelChoiceField(label=gettext_lazy("Event"), queryset=Event.objects.none())
    # The event's own limit is checked by registrations.register, which says what it is.
    party_size = forms.IntegerField(label=gettext_lazy("Places"), min_value=1, initial=1)
    consent = forms.BooleanField(label=CONSENT_LABEL, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = (
            Event.objects.published().upcoming().filter(organizer__in=managed_organizers(user)).order_by("start", "id")
        )


class DeskVolunteerForm(forms.Form):
    role = forms.ModelChoiceField(label=gettext_lazy("Volunteer role"), queryset=VolunteerRole.objects.none())
    consent = forms.BooleanField(label=CONSENT_LABEL, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        events = Event.objects.published().upcoming().filter(organizer__in=managed_organizers(user))
        self.fields["role"].queryset = (
            VolunteerRole.objects.filter(event__in=events).select_related("event").order_by("event__start", "order")
        )
        self.fields["role"].label_from_instance = lambda role: f"{role.event.title}: {role.name}"


class VerifyDistrictForm(forms.Form):
    district = forms.ModelChoiceField(label=gettext_lazy("District"), queryset=District.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = _districts_served(user)


def _districts_served(user):
    if user.is_superuser:
        return District.objects.all()
    return residents.served_districts(managed_organizers(user))


class DeskVoteForm(forms.Form):
    proposal = forms.ModelChoiceField(label=gettext_lazy("Proposal"), queryset=Proposal.objects.none())
    consent = forms.BooleanField(label=CONSENT_LABEL, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Never by votes: a round may hide its counts until it closes.
        self.fields["proposal"].queryset = Proposal.objects.open_for_voting().order_by("round", "id")


# --- Confirming districts from a census list ------------------------------------------------------------------

DISTRICT_LIST_MAX_BYTES = 512 * 1024
DISTRICT_LIST_MAX_ROWS = 5000
HEADER_WORDS = {"district", "district code", "district_code", "code"}


class DistrictListForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("List of residents (CSV)"),
        help_text=gettext_lazy(
            "Two columns: username or whole phone number, and district code. UTF-8, at most 512 KB; a first "
            "row with the column names is skipped."
        ),
        validators=[FileExtensionValidator(["csv", "txt"])],
    )

    def clean_file(self):
        """The rows as (line number, cells), blank rows and a header row left out."""
        upload = self.cleaned_data["file"]
        if upload.size > DISTRICT_LIST_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 512 KB. Split it into smaller lists."))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(
                _("The file is not UTF-8 text. Save it as “CSV UTF-8” in your spreadsheet program and upload it again.")
            ) from exc
        try:
            rows = [(line, cells) for line, cells in enumerate(csv.reader(io.StringIO(text)), start=1) if any(cells)]
        except csv.Error as exc:
            raise forms.ValidationError(_("The file could not be read as CSV.")) from exc
        if rows and rows[0][0] == 1 and len(rows[0][1]) > 1 and rows[0][1][1].strip().lower() in HEADER_WORDS:
            rows = rows[1:]
        if not rows:
            raise forms.ValidationError(_("The file has no rows."))
        if len(rows) > DISTRICT_LIST_MAX_ROWS:
            raise forms.ValidationError(
                _("The file has more than %(max)d rows. Split it into smaller lists.") % {"max": DISTRICT_LIST_MAX_ROWS}
            )
        return rows
