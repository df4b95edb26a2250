"""The reader: a resource's file read or played in the page (pdf.js, epub.js, the HTML5 players, a gallery).

Who may open it is the files' rule (`files.openable_resource`); the page sends the reader's own
Content-Security-Policy (settings.READER_CONTENT_SECURITY_POLICY), which lets the viewers run.
"""

import nh3
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from portal import interactions
from portal.middleware import content_security_policy
from portal.models import Interaction

from ..models import Resource
from ..services.files import EPUB, PDF
from .catalog import open_label
from .files import openable_resource

# An article's text is staff-written HTML; only this survives (as events' descriptions, plus quotes and headings).
ARTICLE_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h2", "h3", "h4", "blockquote", "q", "cite"}
ARTICLE_ATTRIBUTES = {"a": {"href"}}
ARTICLE_URL_SCHEMES = {"http", "https", "mailto"}


def sanitized_body(html):
    return nh3.clean(html, tags=ARTICLE_TAGS, attributes=ARTICLE_ATTRIBUTES, url_schemes=ARTICLE_URL_SCHEMES)


def player_for(resource):
    """Which player shows `resource`: pdf, epub, audio, video, images, article; None when it has nothing to show."""
    if resource.kind == Resource.Kind.IMAGES:
        return "images"
    if resource.file:
        if resource.kind == Resource.Kind.AUDIO:
            return "audio"
        if resource.kind == Resource.Kind.VIDEO:
            return "video"
        return {PDF: "pdf", EPUB: "epub"}.get(resource.file_format)
    if resource.kind == Resource.Kind.ARTICLE and resource.body:
        return "article"
    return None


@require_safe
@content_security_policy("READER_CONTENT_SECURITY_POLICY")
@openable_resource
def read(request, resource):
    player = player_for(resource)
    images = list(resource.images.all()) if player == "images" else []
    if player is None or (player == "images" and not images):
        raise Http404
    interactions.record(user=request.user, target=resource, action=Interaction.Action.READ)
    return render(
        request,
        "library/reader.html",
        {
            "resource": resource,
            "player": player,
            "images": images,
            "body": sanitized_body(resource.body) if player == "article" else "",
            "open_label": open_label(resource.kind),
        },
    )
