from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from .errors import Busy


class ContentSecurityPolicyMiddleware:
    """A strict CSP on every page: the portal ships no inline scripts or styles and uses no CDN."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class BusyMiddleware:
    """A page whose action met a busy row (portal.locking) goes back where the form was, with the message.

    The action was rolled back whole; API views answer 503 themselves (portal.api.exception_handler).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Busy):
            return None
        messages.error(request, exception.message)
        back = request.headers.get("referer", "")
        same_site = url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure())
        return redirect(back if same_site else "/")


def content_security_policy(setting):
    """A view whose page needs a wider policy than the site's sends the one named by `setting` instead.

    The policies live side by side in settings (CONTENT_SECURITY_POLICY and the pages' own, such as
    READER_CONTENT_SECURITY_POLICY); the middleware above leaves a policy the view set alone.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response.headers["Content-Security-Policy"] = getattr(settings, setting)
            return response

        return wrapped

    return decorator
