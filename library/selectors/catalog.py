"""Which resources a person may see, and whose files they may open: the one rule for pages, API, OAI-PMH and files.

Metadata of open, signed-in and lending-controlled resources is public; staff-only resources are seen
only by the staff who manage them; withdrawn resources by nobody outside admin. Files are another
matter (`can_open_file`).
"""

from django.db.models import Q
from django.utils import timezone

from portal.scoping import can_manage, managed_organizers

from ..models import Loan, Resource

PUBLIC_ACCESS = (Resource.Access.OPEN, Resource.Access.RESIDENTS, Resource.Access.LENDING)


def public_resources():
    """What anyone may find: the anonymous API's list, and what OAI-PMH harvests."""
    return Resource.objects.filter(withdrawn_at=None, access__in=PUBLIC_ACCESS)


def visible_resources(user):
    resources = Resource.objects.filter(withdrawn_at=None)
    if user.is_authenticated and user.is_active and user.is_superuser:
        return resources
    if user.is_authenticated and user.is_active:
        return resources.filter(Q(access__in=PUBLIC_ACCESS) | Q(organizer__in=managed_organizers(user)))
    return resources.filter(access__in=PUBLIC_ACCESS)


def visible_resource(user, pk):
    """The resource `pk` if `user` may see it, else None."""
    return visible_resources(user).filter(pk=pk).select_related("organizer__district").first()


def open_loan(user, resource):
    if not user.is_authenticated:
        return None
    return Loan.objects.filter(user=user, resource=resource, ended_at=None, due_at__gt=timezone.now()).first()


def can_open_file(user, resource):
    """Whether `user` may read or play `resource`'s file (or its images) now."""
    if resource.withdrawn_at is not None:
        return user.is_authenticated and can_manage(user, resource)
    if resource.access == Resource.Access.OPEN:
        return True
    if not (user.is_authenticated and user.is_active):
        return False
    if can_manage(user, resource):
        return True
    if resource.access == Resource.Access.RESIDENTS:
        return True
    if resource.access == Resource.Access.LENDING:
        return open_loan(user, resource) is not None
    return False
