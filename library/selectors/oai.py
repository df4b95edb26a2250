"""What OAI-PMH harvests, in datestamp order, a page at a time.

The records are exactly the anonymous API's resources (`public_resources`), plus the withdrawn ones
that were public, which harvesters receive as deleted records so that they drop their copy. Staff-only
resources never appear, not even as a deleted header. The datestamp is `modified_at`.

Pages are cut by keyset, after the (modified_at, id) of the last record sent, never by offset: a
record that changes during a harvest moves to the end of the list and is sent again, none is skipped.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Min, Q

from ..models import Collection, Resource
from .catalog import PUBLIC_ACCESS, public_resources


def harvestable_resources():
    """The records of the repository: the public resources, and the withdrawn public ones (as deleted)."""
    withdrawn = Resource.objects.filter(access__in=PUBLIC_ACCESS, withdrawn_at__isnull=False)
    return public_resources() | withdrawn


def harvestable_resource(pk):
    """The record of resource `pk` (deleted or not), or None when it is not harvestable."""
    return harvestable_resources().filter(pk=pk).prefetch_related("subjects", "collections").first()


def earliest_datestamp():
    """The oldest datestamp of the repository, or None when it holds no record."""
    return harvestable_resources().aggregate(earliest=Min("modified_at"))["earliest"]


def sets():
    """The repository's sets: every collection, by slug."""
    return Collection.objects.order_by("slug")


def has_sets():
    return Collection.objects.exists()


@dataclass(frozen=True)
class Page:
    resources: list
    complete_list_size: int
    cursor: int  # how many records of the list came before this page
    after: tuple[datetime, int] | None  # the keyset to continue from, None on the last page


def harvest_page(*, size, since=None, before=None, set_spec=None, after=None, cursor=0):
    """The records with since <= modified_at < before (either may be None), in collection `set_spec`,
    following the keyset `after` ((modified_at, id) of the last record already sent).

    A constant number of queries, whatever the page size: the count, the page, its subjects and its
    collections.
    """
    resources = harvestable_resources()
    if since is not None:
        resources = resources.filter(modified_at__gte=since)
    if before is not None:
        resources = resources.filter(modified_at__lt=before)
    if set_spec is not None:
        resources = resources.filter(collections__slug=set_spec)
    complete_list_size = resources.count()
    if after is not None:
        modified_at, pk = after
        resources = resources.filter(Q(modified_at__gt=modified_at) | Q(modified_at=modified_at, pk__gt=pk))
    rows = list(resources.order_by("modified_at", "pk").prefetch_related("subjects", "collections")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    last = rows[-1] if more else None
    return Page(
        resources=rows,
        complete_list_size=complete_list_size,
        cursor=cursor,
        after=(last.modified_at, last.pk) if last else None,
    )
