"""Catalog pages: the library's front page and a resource's own page (metadata, rights, how to read)."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from portal import interactions
from portal.models import Interaction

from ..models import Resource
from ..selectors import lending as lending_selectors
from ..selectors.catalog import can_open_file, visible_resource


def index(request):
    return render(request, "library/index.html")


def resource_detail(request, pk):
    resource = visible_resource(request.user, pk)
    if resource is None:
        raise Http404
    user = request.user
    interactions.record(user=user, target=resource, action=Interaction.Action.VIEW)
    may_open = can_open_file(user, resource)
    has_content = bool(resource.file or resource.body or resource.images.exists())
    return render(
        request,
        "library/resource_detail.html",
        {
            "resource": resource,
            "other_language": _other_language(resource),
            "language_name": _language_name(resource.language),
            "subjects": resource.subjects.all(),
            "collections": resource.collections.all(),
            "access_explained": access_explained(resource.access),
            "has_content": has_content,
            "may_open": may_open and has_content,
            "open_label": open_label(resource.kind),
            "offers_download": may_open and bool(resource.file) and resource.access == Resource.Access.OPEN,
            "download_name": _download_name(resource),
            "login_url": f"{reverse('account_login')}?{urlencode({'next': resource.get_absolute_url()})}",
            "lending": lending_selectors.panel(resource=resource, user=user)
            if resource.is_lending_controlled
            else None,
        },
    )


def access_explained(access):
    return {
        Resource.Access.OPEN: _("Anyone may read it, without an account."),
        Resource.Access.RESIDENTS: _("Residents who are logged in may read it."),
        Resource.Access.LENDING: _(
            "It is lent like a printed book: borrow it to read it in your browser for a few weeks. "
            "When every copy is out, you may join the queue."
        ),
        Resource.Access.STAFF: _("Only the library's staff may see it."),
    }[access]


def open_label(kind):
    return {
        Resource.Kind.AUDIO: _("Listen"),
        Resource.Kind.VIDEO: _("Watch"),
        Resource.Kind.IMAGES: _("View the pictures"),
    }.get(kind, _("Read"))


def _other_language(resource):
    """The title and description in the language the page is not in, when they say something else."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        suffix = code.replace("-", "_")
        title = getattr(resource, f"title_{suffix}", "") or ""
        description = getattr(resource, f"description_{suffix}", "") or ""
        if (title and title != resource.title) or (description and description != resource.description):
            return {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "title": title,
                "description": description if description != resource.description else "",
            }
    return None


# Catalogues write languages as ISO 639-1 or 639-2 codes; Django names languages by locale.
_LOCALE_OF = {"zh": "zh-hans", "chi": "zh-hans", "zho": "zh-hans", "eng": "en"}


def _language_name(code):
    """The language's name in the active language; a code Django does not know is shown as itself."""
    if not code:
        return ""
    try:
        return translation.get_language_info(_LOCALE_OF.get(code.lower(), code.lower()))["name_translated"]
    except KeyError:
        return code


def _download_name(resource):
    extension = {"application/pdf": "pdf", "application/epub+zip": "epub"}.get(resource.file_format)
    if extension is None:
        extension = resource.file.name.rsplit(".", 1)[-1] if "." in resource.file.name else ""
    name = "".join(ch for ch in resource.title if ch not in '\\/:*?"<>|').strip()[:80] or str(resource.pk)
    return f"{name}.{extension}" if extension else name
