"""The /library/ page: a thin adapter around library.selectors.search (the API lists the same hits)."""

from django.core.paginator import Paginator
from django.shortcuts import render

from ..cards import resource_card
from ..selectors import search as search_selectors

RESOURCES_PER_PAGE = 20  # the API's page size (REST_FRAMEWORK PAGE_SIZE): both list the same top hits


def _without(request, name, value):
    """This page's query string without one chosen filter value (and back on the first page)."""
    query = request.GET.copy()
    query.setlist(name, [v for v in query.getlist(name) if v != value])
    query.pop("page", None)
    return f"?{query.urlencode()}" if query else "?"


def index(request):
    query = request.GET.get("q", "")[:200]
    filters = search_selectors.parse_filters(request.GET)
    results = search_selectors.search(
        user=request.user, query=query, filters=filters, sort=request.GET.get("sort", "relevance")
    )
    page = Paginator(results.listing, RESOURCES_PER_PAGE).get_page(request.GET.get("page"))
    cards = [resource_card(resource, results.snippet(resource)) for resource in page.object_list]
    facets = results.facets
    chosen = []
    for name, values in filters.items():
        labels = {facet.value: facet.label for facet in facets[name]}
        chosen += [
            {
                "facet": search_selectors.FACETS[name],
                "label": labels.get(value) or search_selectors.value_label(name, value),
                "url": _without(request, name, value),
            }
            for value in values
        ]
    return render(
        request,
        "library/index.html",
        {
            "query": query,
            "searched": bool(results.terms),
            "page_obj": page,
            "cards": cards,
            "facets": [
                {"name": name, "title": title, "values": facets[name]}
                for name, title in search_selectors.FACETS.items()
                if facets[name]
            ],
            "chosen": chosen,
            "sort": results.sort,
            "sorts": search_selectors.SORTS.items(),
            "filters_open": bool(chosen),
        },
    )
