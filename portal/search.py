"""Site-wide search (the `top` of portal: it may read every domain app). Each domain answers with its
own filter, so the search finds what the domain's list page would find for the same words."""

from django.utils.translation import gettext_lazy as _

RESULTS_PER_KIND = 20


def search(query):
    """Sections of results for `query`: [{"title", "results": [{"title", "url", "detail"}], "more_url"}]."""
    from django.utils.http import urlencode

    from events.filters import ProposalFilter
    from events.models import Proposal
    from events.selectors.events import filter_events

    words = urlencode({"q": query})
    events = filter_events({"q": query}).qs.select_related("venue__district")[:RESULTS_PER_KIND]
    proposals = ProposalFilter(
        {"q": query, "sort": "newest"}, queryset=Proposal.objects.filter(merged_into__isnull=True)
    ).qs[:RESULTS_PER_KIND]
    return [
        {
            "title": _("Events"),
            "results": [
                {"title": event.title, "url": event.get_absolute_url(), "detail": event.start} for event in events
            ],
            "more_url": f"/events/?{words}",
        },
        {
            "title": _("Proposals"),
            "results": [
                {"title": proposal.title, "url": proposal.get_absolute_url(), "detail": proposal.get_status_display()}
                for proposal in proposals
            ],
            "more_url": f"/proposals/?{words}",
        },
    ]
