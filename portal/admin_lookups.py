"""The admin filters only by what it shows: the lookups of its declared filters and date hierarchy.

Django's admin applies any lookup on a model's own fields that it finds in the query string
(`?vote_count=1`, `?user_id__in=45`, `?evaluations__id=7`) unless `lookup_allowed` refuses it, so a
column that a page hides could still be filtered on. Every ModelAdmin registered on the portal's site,
the project's and other apps' alike, accepts only the parameters of its `list_filter` and
`date_hierarchy`; Django reads search (`q`), ordering (`o`), paging (`p`), `all`, `e`, `_popup`,
`_to_field` and `_facets` itself. Anything else raises DisallowedModelAdminLookup (a 400) before the
changelist's query runs.
"""

from django.contrib import admin
from django.contrib.admin.filters import (
    AllValuesFieldListFilter,
    BooleanFieldListFilter,
    ChoicesFieldListFilter,
    DateFieldListFilter,
    EmptyFieldListFilter,
    FieldListFilter,
    RelatedFieldListFilter,
)
from django.contrib.admin.utils import get_fields_from_path
from django.core.exceptions import ImproperlyConfigured


def filter_parameters(model, list_filter):
    """The query-string parameters one `list_filter` entry reads: its filter's expected_parameters(),
    worked out from the field alone, since building the filter would query its choices."""
    if isinstance(list_filter, type) and issubclass(list_filter, admin.SimpleListFilter):
        return {list_filter.parameter_name}
    path, filter_class = list_filter if isinstance(list_filter, (list, tuple)) else (list_filter, None)
    field = get_fields_from_path(model, path)[-1]
    if filter_class is None:  # as FieldListFilter.create picks it
        filter_class = next(cls for test, cls in FieldListFilter._field_list_filters if test(field))
    if issubclass(filter_class, EmptyFieldListFilter):
        return {f"{path}__isempty"}
    if issubclass(filter_class, RelatedFieldListFilter):
        return {f"{path}__{field.target_field.name}__exact", f"{path}__isnull"}
    if issubclass(filter_class, DateFieldListFilter):
        return {f"{path}__gte", f"{path}__lt"} | ({f"{path}__isnull"} if field.null else set())
    if issubclass(filter_class, (BooleanFieldListFilter, ChoicesFieldListFilter)):
        return {f"{path}__exact", f"{path}__isnull"}
    if issubclass(filter_class, AllValuesFieldListFilter):
        return {path, f"{path}__isnull"}
    raise ImproperlyConfigured(f"{filter_class.__name__}: portal.admin_lookups does not know its parameters.")


class DeclaredLookupsOnly:
    """ModelAdmin mixin: only the declared filters' and date hierarchy's lookups pass."""

    def declared_lookups(self, request):
        lookups = set().union(*(filter_parameters(self.model, item) for item in self.get_list_filter(request)))
        if self.date_hierarchy:
            lookups |= {f"{self.date_hierarchy}__{part}" for part in ("year", "month", "day")}
        return lookups

    def lookup_allowed(self, lookup, value, request=None):
        return lookup in self.declared_lookups(request)


class AdminSite(admin.AdminSite):
    """The portal's admin site (portal.apps.PortalAdminConfig makes it `admin.site`): whatever app
    registers a ModelAdmin on it, that admin accepts only its declared lookups."""

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, DeclaredLookupsOnly):
            admin_class = type(
                admin_class.__name__, (DeclaredLookupsOnly, admin_class), {"__module__": admin_class.__module__}
            )
        super().register(model_or_iterable, admin_class, **options)


class ManagedRelatedOnlyFilter(admin.RelatedOnlyFieldListFilter):
    """A related filter that lists only what the staff member manages, among what the list uses.

    RelatedOnlyFieldListFilter lists the related objects the (scoped) list points at; a row may still
    point at another organizer's object (a collection a superuser linked), whose name would show.
    Organizers and objects that belong to an organizer are cut to the user's own (portal.scoping).
    """

    def field_choices(self, field, request, model_admin):
        from django.db.models import Q

        from .models import Organizer
        from .scoping import scope

        related = field.related_model
        used = model_admin.get_queryset(request).distinct().values_list(f"{self.field_path}__pk", flat=True)
        managed = scope(request.user, related._default_manager.all(), "self" if related is Organizer else "organizer")
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(
            include_blank=False, limit_choices_to=Q(pk__in=used) & Q(pk__in=managed.values("pk")), ordering=ordering
        )
