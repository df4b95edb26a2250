"""Reads of exhibitions, with their joins inside, so every caller (pages, API, cards, manifest) gets the same."""

from django.db.models import Prefetch, Q
from django.utils import timezone

from portal.scoping import managed_organizers

from ..models import Exhibition, Item, ItemImage, Section


def visible_exhibitions(user):
    """Everybody sees published exhibitions; staff of an organizer also its drafts and scheduled ones (the
    preview); superusers see everything. Nobody else ever learns that a draft exists."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return Exhibition.objects.all()
    if user.is_authenticated:
        managed = Q(organizer__in=managed_organizers(user))
        return Exhibition.objects.filter(Q(status=Exhibition.Status.PUBLISHED) | managed)
    return Exhibition.objects.published()


def listed_exhibitions():
    """Published exhibitions with their organizer, newest opening first."""
    return Exhibition.objects.published().select_related("organizer").order_by("-opens_on", "-publish_at", "-id")


def current_exhibitions(*, today=None, limit=None):
    """Published exhibitions on show today (opened, not closed), those closing soonest first."""
    today = today or timezone.localdate()
    queryset = listed_exhibitions().open_on(today).order_by("closes_on", "-opens_on", "-id")
    return list(queryset[:limit]) if limit else queryset


def upcoming_exhibitions(*, today=None):
    """Published exhibitions that open later (announced ahead), soonest first."""
    today = today or timezone.localdate()
    return listed_exhibitions().filter(opens_on__gt=today).order_by("opens_on", "id")


def past_exhibitions(*, today=None):
    """Published exhibitions that have closed, the most recent first (they stay online to visit)."""
    today = today or timezone.localdate()
    return listed_exhibitions().filter(closes_on__lt=today).order_by("-closes_on", "-id")


def search_exhibitions(query, *, limit=20):
    """Published exhibitions whose title, introduction or an item's title holds `query`, in either language."""
    query = (query or "").strip()
    if not query:
        return []
    matches = Q()
    for field in ("title", "introduction", "items__title", "items__creator"):
        for language in ("zh_hans", "en"):
            name = field if field.endswith("creator") else f"{field}_{language}"
            matches |= Q(**{f"{name}__icontains": query})
    ids = Exhibition.objects.published().filter(matches).values("pk")
    return list(listed_exhibitions().filter(pk__in=ids)[:limit])


def ready_images():
    return ItemImage.objects.filter(status=ItemImage.Status.READY).order_by("position", "id")


def _items():
    return (
        Item.objects.select_related("section", "library_resource", "event")
        .prefetch_related(Prefetch("images", queryset=ready_images(), to_attr="ready_images"), "tags")
        .order_by("position", "id")
    )


def visible_exhibition(slug, user):
    """The exhibition at `slug` for its page, the API and the manifest, or None where `user` may not see it;
    its sections and items (with their ready images and tags) come prefetched, in order."""
    return (
        visible_exhibitions(user)
        .select_related("organizer")
        .prefetch_related(
            Prefetch("sections", queryset=Section.objects.order_by("position", "id")),
            Prefetch("items", queryset=_items()),
        )
        .filter(slug=slug)
        .first()
    )


def story(exhibition):
    """The exhibition as it reads: (section or None, its items) in order, the items without a section first.

    Uses the prefetched sections and items of visible_exhibition(): no query of its own.
    """
    items = list(exhibition.items.all())
    parts = []
    loose = [item for item in items if item.section_id is None]
    if loose:
        parts.append((None, loose))
    for section in exhibition.sections.all():
        parts.append((section, [item for item in items if item.section_id == section.pk]))
    return parts


def items_in_order(exhibition):
    """Every item in the order the story shows them: what next/previous walk through."""
    return [item for _section, items in story(exhibition) for item in items]


def visible_item(exhibition, item_id):
    """(item, previous item, next item) of `exhibition` (from visible_exhibition), or None when it has no such item."""
    items = items_in_order(exhibition)
    for index, item in enumerate(items):
        if item.pk == item_id:
            previous = items[index - 1] if index > 0 else None
            following = items[index + 1] if index + 1 < len(items) else None
            return item, previous, following
    return None
