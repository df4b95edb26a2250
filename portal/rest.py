"""Pagination and throttles for every app's API (kept apart from views: DRF imports them at start-up)."""

from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import SAFE_METHODS
from rest_framework.throttling import SimpleRateThrottle


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100


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
