"""Exhibition pages: thin adapters around the selectors; a visit is recorded as an interaction."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from portal import interactions
from portal.models import Interaction
from portal.scoping import can_manage

from ..selectors import exhibitions as selectors

PAST_PER_PAGE = 12


def index(request):
    today = timezone.localdate()
    page = Paginator(selectors.past_exhibitions(today=today), PAST_PER_PAGE).get_page(request.GET.get("page"))
    current = list(selectors.current_exhibitions(today=today))
    upcoming = list(selectors.upcoming_exhibitions(today=today))
    return render(
        request,
        "exhibitions/index.html",
        {
            "current": current,
            "upcoming": upcoming,
            "page_obj": page,
            "past": page.object_list,
            "nothing": not (current or upcoming or page.paginator.count),
        },
    )


def exhibition_or_404(slug, user):
    exhibition = selectors.visible_exhibition(slug, user)
    if exhibition is None:
        raise Http404
    return exhibition


def _visited(request, target, exhibition):
    """A signed-in resident's visit of a published exhibition or item (a curator's preview is no visit)."""
    if request.user.is_authenticated and exhibition.is_published:
        interactions.record(user=request.user, target=target, action=Interaction.Action.VIEW)


def exhibition_detail(request, slug):
    exhibition = exhibition_or_404(slug, request.user)
    _visited(request, exhibition, exhibition)
    story = selectors.story(exhibition)
    return render(
        request,
        "exhibitions/exhibition_detail.html",
        {
            "exhibition": exhibition,
            "story": story,
            "first_item": next((items[0] for _section, items in story if items), None),
            "manages": can_manage(request.user, exhibition),
            "today": timezone.localdate(),
        },
    )


def item_detail(request, slug, item_id):
    exhibition = exhibition_or_404(slug, request.user)
    found = selectors.visible_item(exhibition, item_id)
    if found is None:
        raise Http404
    item, previous, following = found
    _visited(request, item, exhibition)
    images = item.ready_images
    shown = images[0] if images else None
    wanted = request.GET.get("image", "")
    if wanted.isdigit():
        shown = next((image for image in images if image.pk == int(wanted)), shown)
    return render(
        request,
        "exhibitions/item_detail.html",
        {
            "exhibition": exhibition,
            "item": item,
            "image": shown,
            "images": images,
            "previous": previous,
            "next": following,
            "download_url": _download_url(item, shown),
            "linked_resource_url": _linked_url(item, "library_resource"),
            "linked_event_url": _linked_url(item, "event"),
            "manages": can_manage(request.user, exhibition),
        },
    )


def _download_url(item, image):
    """The protected original (exhibitions.services.images' view), only where the rights allow downloading it."""
    if image is None or not item.allow_full_download:
        return ""
    try:
        return reverse("exhibitions:image-original", args=[image.pk])
    except NoReverseMatch:  # the image pipeline's view is not installed
        return ""


def _linked_url(item, field):
    """The page of the library resource or event the item links to, by the linked model's own address."""
    linked = getattr(item, field)
    return linked.get_absolute_url() if linked is not None else ""
