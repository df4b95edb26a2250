"""Forms of the proposal pages. The rules are in events.services.proposals; these only shape the input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.categories import Category
from portal.models import District, Profile, Venue

from ..models import Proposal, ProposalComment, audience_bands

# A field people never see (moved off-screen by CSS, skipped by keyboard and screen readers); bots fill it.
HONEYPOT = "website"


def honeypot_filled(request):
    return bool(request.POST.get(HONEYPOT, "").strip())


class ProposalForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=Proposal.TITLE_MAX,
        help_text=_("A short name for the activity, such as “Paper-cutting class for families”."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "data-similar-url": "/proposals/similar/"}),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=Proposal.DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What would happen, who could lead it, what it needs. At most 4000 characters."),
    )
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    audiences = forms.MultipleChoiceField(
        label=_("For whom"),
        choices=Profile.AgeBand.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("The whole city"),
    )
    venue = forms.ModelChoiceField(
        label=_("Suggested venue"),
        queryset=Venue.objects.none(),  # set per form: see __init__
        required=False,
        empty_label=_("No preference"),
    )
    season = forms.ChoiceField(label=_("Season"), choices=Proposal.Season.choices, initial=Proposal.Season.ANY)
    expected_participants = forms.IntegerField(
        label=_("Expected participants"), min_value=1, max_value=100_000, initial=20
    )
    will_help = forms.BooleanField(label=_("I would help organise it"), required=False)
    image = forms.ImageField(label=_("Image (optional)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # modeltranslation turns "name" into the column of the language active when a queryset is made:
        # made here, that is the page's language, not the one active when the module was imported.
        self.fields["venue"].queryset = Venue.objects.order_by("name")

    @classmethod
    def initial_for(cls, proposal):
        return {
            "title": proposal.title,
            "description": proposal.description,
            "category": proposal.category,
            "audiences": audience_bands(proposal),
            "district": proposal.district_id,
            "venue": proposal.venue_id,
            "season": proposal.season,
            "expected_participants": proposal.expected_participants,
            "will_help": proposal.will_help,
        }


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=ProposalComment.BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
