"""Absolute links for mail, calendar files and feeds: always on SITE_URL, never on the request's host.

A ticket mail, an account mail and an .ics all point at the same public address, whichever host
name or proxy the request came through (and tasks have no request at all).
"""

from dataclasses import dataclass
from urllib.parse import urlparse

from django.conf import settings


def absolute_url(path):
    return f"{settings.SITE_URL}{path}"


@dataclass(frozen=True)
class PublicSite:
    """What allauth's mail templates read as `current_site`: the portal's name and public host."""

    name: str
    domain: str


def public_site():
    return PublicSite(name=str(settings.PORTAL_NAME), domain=urlparse(settings.SITE_URL).netloc)
