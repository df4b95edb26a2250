"""Forms of the evaluation pages: the resident's evaluation, the staff desk's version, the report filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.categories import Category
from portal.dates import validate_date_in_range

from ..models import Evaluation

QUALITY = [
    (1, _("1 – very poor")),
    (2, _("2 – poor")),
    (3, _("3 – all right")),
    (4, _("4 – good")),
    (5, _("5 – excellent")),
]
RECOMMEND = [
    (1, _("1 – certainly not")),
    (2, _("2 – probably not")),
    (3, _("3 – not sure")),
    (4, _("4 – probably")),
    (5, _("5 – certainly")),
]


def rating(label, choices=QUALITY, help_text=""):
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": _("Choose a number from 1 to 5.")},
    )


class EvaluationForm(forms.Form):
    content = rating(_("How good was the content?"))
    organisation = rating(_("How well was it organised?"))
    venue = rating(_("How suitable was the venue (or the online platform)?"))
    recommend = rating(_("Would you recommend it to a friend?"), RECOMMEND)
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=Evaluation.TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("After a moderator has read it, your comment may be shown on the proposal's page."),
    )
    suggestion = forms.CharField(
        label=_("A suggestion for next time (optional)"),
        required=False,
        max_length=Evaluation.TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    anonymous = forms.BooleanField(
        label=_("Stay anonymous: do not show my name with my answers"),
        required=False,
    )

    RATINGS = ("content", "organisation", "venue", "recommend")

    def rating_fields(self):
        return [self[name] for name in self.RATINGS]

    def text_fields(self):
        return [self["comment"], self["suggestion"]]


class AssistedEvaluationForm(EvaluationForm):
    """The staff desk: the attendee is picked from the event's attendees who have not answered yet."""

    resident = forms.TypedChoiceField(label=_("Resident"), coerce=int, widget=forms.RadioSelect)
    consent = forms.BooleanField(
        label=_("The resident agreed that I record these answers for them"),
        error_messages={"required": _("Ask the resident first, then tick this box.")},
    )

    def __init__(self, *args, attendees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].choices = [(user.pk, user.public_name) for user in attendees]


class FeedbackFilterForm(forms.Form):
    organizer = forms.ModelChoiceField(label=_("Organizer"), queryset=None, required=False, empty_label=_("All"))
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_date_in_range],
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_date_in_range],
    )
    category = forms.ChoiceField(label=_("Category"), required=False, choices=[("", _("All")), *Category.choices])

    def __init__(self, *args, organizers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = organizers

    def filters(self):
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
