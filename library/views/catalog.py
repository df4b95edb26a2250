"""Catalog pages: /library/ (a thin adapter around library.selectors.search, listing the API's hits) and a
resource's own page (metadata, rights, how to read)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from portal import interactions
from portal.models import Interaction

from ..cards import resource_card
from ..models import Resource
from ..selectors import lending as lending_selectors
from ..selectors import search as search_selectors
from ..selectors.catalog import can_open_file, visible_resource

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
