"""Who may manage what: the one rule behind admin, views and the API.

Content belongs to an organizer (a center, branch, station or group). Staff members of an
organizer manage what belongs to it; superusers manage everything; nobody else manages anything.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Organizer


def managed_organizers(user):
    if not user.is_authenticated or not user.is_active:
        return Organizer.objects.none()
    if user.is_superuser:
        return Organizer.objects.all()
    return Organizer.objects.filter(staff=user)


def owning_organizer_id(obj):
    return obj.pk if isinstance(obj, Organizer) else obj.organizer_id


def can_manage(user, obj):
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return owning_organizer_id(obj) in _managed_ids(user)


def _managed_ids(user):
    """The ids of `user`'s organizers, read once per user object (a request's user): lists that ask
    can_manage for every row (/me/'s tickets, the volunteers page) cost one query, not one per row."""
    ids = getattr(user, "_managed_organizer_ids", None)
    if ids is None:
        ids = user._managed_organizer_ids = frozenset(managed_organizers(user).values_list("pk", flat=True))
    return ids


def managed_or_403(user, queryset, **lookup):
    """The object of `queryset` at `lookup` if `user` may manage it; 404 when there is none, 403 when they may not."""
    obj = get_object_or_404(queryset, **lookup)
    if not can_manage(user, obj):
        raise PermissionDenied
    return obj


def is_organizer_staff(user):
    return user.is_authenticated and (user.is_superuser or managed_organizers(user).exists())


def scope(user, queryset, organizer_path="organizer"):
    """Limit a queryset to the objects `user` manages; `organizer_path` leads from the model to its organizer."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return queryset
    if organizer_path == "self":
        return queryset.filter(pk__in=managed_organizers(user))
    return queryset.filter(**{f"{organizer_path}__in": managed_organizers(user)})


class OrganizerScopedAdminMixin:
    """Admin that shows staff only their organizers' objects and lets them assign only those organizers."""

    organizer_path = "organizer"

    def get_queryset(self, request):
        return scope(request.user, super().get_queryset(request), self.organizer_path)

    def _may_touch(self, request, obj):
        return obj is None or can_manage(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_touch(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_touch(request, obj)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._may_touch(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Organizer:
            kwargs["queryset"] = managed_organizers(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
