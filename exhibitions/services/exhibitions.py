"""Curators change their exhibitions: save, schedule, publish, withdraw, order sections and items, add images.

An exhibition moves draft → scheduled → published (or draft → published at once); a scheduled one goes
back to draft when its schedule is dropped, a published one back to draft when it is withdrawn. Nothing
else: a published exhibition is never "scheduled" again (withdraw it first). The beat task calls
`publish_due()` for scheduled exhibitions whose time has come.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.locking import lock
from portal.scoping import can_manage

from ..errors import ExhibitionError
from ..models import Exhibition, Item, ItemImage, Section

logger = logging.getLogger(__name__)

Status = Exhibition.Status

# Which status each status may move to (the same status is a plain save).
TRANSITIONS = {
    Status.DRAFT: {Status.SCHEDULED, Status.PUBLISHED},
    Status.SCHEDULED: {Status.DRAFT, Status.PUBLISHED},
    Status.PUBLISHED: {Status.DRAFT},
}


def _require_manager(by_user, obj):
    if by_user is not None and not can_manage(by_user, obj):
        raise ExhibitionError.forbidden()


def _clean(obj):
    try:
        obj.clean()
    except ValidationError as exc:
        raise ExhibitionError(" ".join(exc.messages), "invalid") from exc


def _stored_status(exhibition):
    if exhibition.pk is None:
        return None
    return Exhibition.objects.filter(pk=exhibition.pk).values_list("status", flat=True).first()


@transaction.atomic
def save_exhibition(*, exhibition, by_user=None):
    """Create or update `exhibition` (an instance carrying the wanted values, status included); returns it.

    The one way exhibitions are saved, so the rules always hold: `by_user`, when given, must manage the
    exhibition's organizer ("forbidden"; None is the system: tasks, the demo); the slug is not one of
    the app's fixed addresses and the dates are in order ("invalid"); the status moves only along
    TRANSITIONS ("transition"); a scheduled exhibition has a publication time, and publishing stamps
    `publish_at` with now when it had none (lists sort on it).
    """
    _require_manager(by_user, exhibition)
    before = None
    if exhibition.pk is not None:
        before = lock(Exhibition, exhibition.pk).status
    if before is not None and exhibition.status != before and exhibition.status not in TRANSITIONS[before]:
        raise _bad_transition(before, exhibition.status)
    if exhibition.status == Status.PUBLISHED and exhibition.publish_at is None:
        exhibition.publish_at = timezone.now()
    _clean(exhibition)
    exhibition.save()
    return exhibition


def _bad_transition(before, after):
    return ExhibitionError(
        _("A %(before)s exhibition cannot become %(after)s.")
        % {"before": Status(before).label.lower(), "after": Status(after).label.lower()},
        "transition",
    )


def change_status(*, exhibition, status, by_user=None, publish_at=None):
    """Save `exhibition` as edited and move it to `status`: the one transition policy, for the admin and the
    API. The same status → save_exhibition; scheduled → schedule_exhibition (at `publish_at`, else the
    instance's); published → publish_exhibition; draft → withdraw_exhibition."""
    before = _stored_status(exhibition) or exhibition.status
    if status == before:
        exhibition.status = status
        return save_exhibition(exhibition=exhibition, by_user=by_user)
    if status == Status.SCHEDULED:
        return schedule_exhibition(
            exhibition=exhibition, publish_at=publish_at or exhibition.publish_at, by_user=by_user
        )
    if status == Status.PUBLISHED:
        return publish_exhibition(exhibition=exhibition, by_user=by_user)
    return withdraw_exhibition(exhibition=exhibition, by_user=by_user)


def schedule_exhibition(*, exhibition, publish_at, by_user=None):
    """Have the draft `exhibition` published at `publish_at` by the beat task.

    Refuses a time that has passed ("invalid": publish it now instead) and a published exhibition
    ("transition": withdraw it first). Scheduling a scheduled exhibition again moves its time.
    """
    if publish_at is None or publish_at <= timezone.now():
        raise ExhibitionError(_("Choose a publication time in the future, or publish the exhibition now."), "invalid")
    exhibition.status = Status.SCHEDULED
    exhibition.publish_at = publish_at
    return save_exhibition(exhibition=exhibition, by_user=by_user)


def publish_exhibition(*, exhibition, by_user=None):
    """Publish a draft or scheduled exhibition now; a published one is refused ("transition")."""
    stored = _stored_status(exhibition)
    if stored == Status.PUBLISHED:
        raise ExhibitionError(_("This exhibition is published already."), "transition")
    if stored == Status.SCHEDULED or exhibition.status == Status.SCHEDULED:
        exhibition.publish_at = None  # published now, not at the time it was scheduled for
    exhibition.status = Status.PUBLISHED
    return save_exhibition(exhibition=exhibition, by_user=by_user)


def withdraw_exhibition(*, exhibition, by_user=None):
    """Back to draft: a published exhibition leaves the public pages, the API and its manifest (404)."""
    if _stored_status(exhibition) == Status.DRAFT:
        raise ExhibitionError(_("This exhibition is a draft already."), "transition")
    exhibition.status = Status.DRAFT
    exhibition.publish_at = None
    return save_exhibition(exhibition=exhibition, by_user=by_user)


def publish_due(now=None):
    """Publish every scheduled exhibition whose `publish_at` has passed; returns how many.

    Each is locked and read again, so two beat runs (or a curator acting meanwhile) publish it once;
    one that cannot be saved (its slug became reserved) is logged and left scheduled.
    """
    now = now or timezone.now()
    published = 0
    due = Exhibition.objects.filter(status=Status.SCHEDULED, publish_at__lte=now).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            exhibition = lock(Exhibition, pk)
            if exhibition.status != Status.SCHEDULED or exhibition.publish_at > now:
                continue
            exhibition.status = Status.PUBLISHED
            try:
                save_exhibition(exhibition=exhibition)
            except ExhibitionError:
                logger.warning("Scheduled exhibition %s could not be published", pk, exc_info=True)
                continue
            published += 1
    return published


# --- Sections and items -----------------------------------------------------------------------------


@transaction.atomic
def save_section(*, section, by_user=None):
    """Create or update a section of an exhibition `by_user` manages; a new one goes last."""
    _require_manager(by_user, section.exhibition)
    if section.pk is None and not section.position:
        section.position = _next_position(Section.objects.filter(exhibition=section.exhibition))
    section.save()
    return section


@transaction.atomic
def save_item(*, item, by_user=None):
    """Create or update an item; its section must be of the same exhibition ("invalid"); a new one goes last."""
    _require_manager(by_user, item.exhibition)
    _clean(item)
    if item.pk is None and not item.position:
        item.position = _next_position(Item.objects.filter(exhibition=item.exhibition))
    item.save()
    return item


def _next_position(queryset):
    last = queryset.order_by("-position").values_list("position", flat=True).first()
    return 0 if last is None else last + 1


@transaction.atomic
def reorder_sections(*, exhibition, section_ids, by_user=None):
    """Put the exhibition's sections in the order of `section_ids` (every one of them, each once)."""
    _require_manager(by_user, exhibition)
    _reorder(Section.objects.filter(exhibition=exhibition), section_ids)


@transaction.atomic
def reorder_items(*, exhibition, item_ids, by_user=None):
    """Put the exhibition's items in the order of `item_ids` (every one of them, each once)."""
    _require_manager(by_user, exhibition)
    _reorder(Item.objects.filter(exhibition=exhibition), item_ids)


def _reorder(queryset, ids):
    ids = [int(pk) for pk in ids]
    if sorted(ids) != sorted(queryset.values_list("pk", flat=True)):
        raise ExhibitionError(_("Give every section or item of this exhibition once, in the new order."), "invalid")
    rows = queryset.in_bulk(ids)
    for position, pk in enumerate(ids):
        rows[pk].position = position
    queryset.model.objects.bulk_update(rows.values(), ["position"])


# --- Images ------------------------------------------------------------------------------------------


@transaction.atomic
def add_images(*, item, files, by_user=None):
    """One new ItemImage for each uploaded file, after the item's images; each is processed after commit
    (exhibitions.services.images checks the file, makes the derivatives and the tiles). Returns them."""
    _require_manager(by_user, item.exhibition)
    position = _next_position(ItemImage.objects.filter(item=item))
    created = []
    for offset, upload in enumerate(files):
        image = ItemImage(item=item, position=position + offset)
        image.original.save(upload.name, upload, save=False)
        image.save()
        schedule_processing(image)
        created.append(image)
    return created


def schedule_processing(image):
    """Hand `image` to the image pipeline (exhibitions.services.images), when it is installed."""
    try:
        from . import images
    except ImportError:
        return False
    schedule = getattr(images, "schedule_processing", None)
    if schedule is None:
        return False
    schedule(image)
    return True
