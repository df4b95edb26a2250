"""The FilterSets of the events app, each shared by a page and the API: events (the list, the iCalendar feed)
and proposals (`q`, `status`, `district`, `round`, `sort`)."""

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from portal.categories import Category
from portal.dates import validate_date_in_range
from portal.models import District, Profile

from .models import AUDIENCE_FIELDS, Event, Proposal, VotingRound


class YesOnlyCheckbox(forms.CheckboxInput):
    """A checkbox for a yes/no filter where unticked means "don't filter".

    Reads `1`, `true`, `yes` and `on` as yes and `0`, `false`, `no` as no (the API may ask for paid events
    only); anything else, or nothing, leaves the filter off. Django's own NullBooleanSelect ignores `1`.
    """

    TRUE = {"1", "true", "yes", "on"}
    FALSE = {"0", "false", "no"}

    def format_value(self, value):
        return "1"

    def value_from_datadict(self, data, files, name):
        value = str(data.get(name, "")).strip().lower()
        if value in self.TRUE:
            return True
        if value in self.FALSE:
            return False
        return None

    def __init__(self, attrs=None):
        super().__init__(attrs, check_test=lambda value: value is True)


class EventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    category = django_filters.ChoiceFilter(label=_("Category"), choices=Category.choices)
    district = django_filters.ModelChoiceFilter(
        label=_("District"),
        queryset=District.objects.all(),
        to_field_name="code",
        method="filter_district",
        empty_label=_("All districts"),
    )
    date_from = django_filters.DateFilter(
        label=_("From"),
        method="filter_date_from",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[validate_date_in_range],
    )
    date_to = django_filters.DateFilter(
        label=_("Until"),
        method="filter_date_to",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[validate_date_in_range],
    )
    free = django_filters.BooleanFilter(label=_("Free only"), method="filter_free", widget=YesOnlyCheckbox)
    audience = django_filters.ChoiceFilter(
        label=_("Audience"), choices=Profile.AgeBand.choices, method="filter_audience"
    )
    language = django_filters.ChoiceFilter(label=_("Language"), choices=Event.Language.choices)

    class Meta:
        model = Event
        fields = ["q", "category", "district", "date_from", "date_to", "free", "audience", "language"]

    def filter_q(self, queryset, name, value):
        terms = value.split()[:8]
        for term in terms:
            queryset = queryset.filter(
                Q(title_zh_hans__icontains=term)
                | Q(title_en__icontains=term)
                | Q(summary_zh_hans__icontains=term)
                | Q(summary_en__icontains=term)
                | Q(venue__name_zh_hans__icontains=term)
                | Q(venue__name_en__icontains=term)
            )
        return queryset

    @extend_schema_field(OpenApiTypes.STR)  # the API schema: a district code
    def filter_district(self, queryset, name, district):
        # Online events count for the organizer's district; held events for the venue's.
        return queryset.filter(Q(venue__district=district) | Q(venue__isnull=True, organizer__district=district))

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(end__date__gte=value)

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(start__date__lte=value)

    def filter_free(self, queryset, name, value):
        return queryset.filter(is_free=value) if value is not None else queryset

    def filter_audience(self, queryset, name, value):
        return queryset.filter(**{AUDIENCE_FIELDS[value]: True})

    @property
    def qs(self):
        queryset = super().qs
        data = self.form.cleaned_data if self.form.is_bound and hasattr(self.form, "cleaned_data") else {}
        # Without dates the list shows what is still to come; past events stay reachable by date.
        if not data.get("date_from") and not data.get("date_to"):
            queryset = queryset.filter(end__gt=timezone.now())
        return queryset


# --- Proposals -----------------------------------------------------------------------------------------------

SORT_NEWEST = "newest"
SORT_VOTES = "votes"


class ProposalFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Proposal.Status.choices, empty_label=_("Any"))
    district = django_filters.ModelChoiceFilter(
        label=_("District"),
        queryset=District.objects.all(),
        to_field_name="code",
        empty_label=_("All districts"),
    )
    round = django_filters.ModelChoiceFilter(
        label=_("Voting round"), queryset=VotingRound.objects.all(), empty_label=_("Any round")
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=[(SORT_NEWEST, _("Newest first")), (SORT_VOTES, _("Most votes"))],
        method="filter_sort",
        empty_label=None,
    )

    class Meta:
        model = Proposal
        fields = ["q", "status", "district", "round", "sort"]

    def filter_q(self, queryset, name, value):
        for term in value.split()[:8]:
            queryset = queryset.filter(
                Q(title_zh_hans__icontains=term)
                | Q(title_en__icontains=term)
                | Q(description_zh_hans__icontains=term)
                | Q(description_en__icontains=term)
            )
        return queryset

    def filter_sort(self, queryset, name, value):
        if value == SORT_VOTES:
            # visible_votes is None while a round hides its counts: those sort last, by date, revealing nothing.
            return queryset.with_visible_votes().order_by(
                F("visible_votes").desc(nulls_last=True), "-created_at", "-pk"
            )
        return queryset.order_by("-created_at", "-pk")
