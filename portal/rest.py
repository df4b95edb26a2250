"""Pagination and throttles for every app's API (kept apart from views: DRF imports them at start-up)."""

from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import SAFE_METHODS
from rest_framework.throttling import SimpleRateThrottle


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100


FACET_VALUE_SCHEMA = {
    "type": "object",
    "required": ["value", "label", "count"],
    "properties": {
        "value": {"type": "string", "description": "What to pass back as the filter's query parameter."},
        "label": {"type": "string", "description": "The value's name in the request's language."},
        "count": {"type": "integer", "description": "How many results have this value."},
    },
}


class FacetedPagination(Pagination):
    """A page of search results with the counts of each facet value over all of them: `facets`,
    `{"<facet>": [{"value", "label", "count"}, …]}`. The view passes the facets with the page."""

    def get_paginated_response(self, data, facets=None):
        response = super().get_paginated_response(data)
        response.data["facets"] = facets or {}
        return response

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["facets"] = {
            "type": "object",
            "description": "For each facet, its values in the results with their counts, most frequent first.",
            "additionalProperties": {"type": "array", "items": FACET_VALUE_SCHEMA},
        }
        paginated["required"] = [*paginated.get("required", []), "facets"]
        return paginated


def client_ip(request):
    """The client's address for every rate limit and throttle: allauth's, honouring TRUSTED_PROXY_COUNT."""
    from allauth.account.adapter import get_adapter

    return get_adapter().get_client_ip(getattr(request, "_request", request))


class WriteRateThrottle(SimpleRateThrottle):
    """Limits writes per user (or address); reads are never throttled, so a crowd never gets 429 on a page."""

    scope = "write"

    def allow_request(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return super().allow_request(request, view)

    def get_ident(self, request):
        return client_ip(request)

    def get_cache_key(self, request, view):
        ident = request.user.pk if request.user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
