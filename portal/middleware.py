from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """A strict CSP on every page: the portal ships no inline scripts or styles and uses no CDN."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response
