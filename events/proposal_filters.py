"""One FilterSet for the proposal list page and the API alike (filters `q`, `status`, `district`, `round`, `sort`)."""

import django_filters
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from portal.models import District

from .models import Proposal, VotingRound

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
