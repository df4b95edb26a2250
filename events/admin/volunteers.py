"""Admin for volunteer roles (edited inline on the event) and sign-ups (read-only)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TranslationTabularInline

from portal.exports import csv_response
from portal.scoping import OrganizerScopedAdminMixin

from ..models import Event, VolunteerRole, VolunteerSignup
from ..services.volunteers import volunteer_rows


class VolunteerRoleInline(TranslationTabularInline):
    """Roles are edited with the event; who signed up is read from the volunteers page or the CSV."""

    model = VolunteerRole
    fields = ["name", "description", "slots", "order", "taken_column"]
    readonly_fields = ["taken_column"]
    extra = 0

    @admin.display(description=gettext_lazy("signed up"))
    def taken_column(self, obj):
        return obj.taken if obj.pk else 0


@admin.action(description=gettext_lazy("Export volunteers as CSV"), permissions=["view"])
def export_volunteers(modeladmin, request, queryset):
    """For events (`queryset`): every volunteer with role and contact, as CSV."""
    return csv_response(volunteer_rows(queryset), "volunteers.csv")


@admin.register(VolunteerSignup)
class VolunteerSignupAdmin(OrganizerScopedAdminMixin, admin.ModelAdmin):
    """Read-only: residents sign up and withdraw themselves (events.services.volunteers)."""

    organizer_path = "event__organizer"
    list_display = ["user", "role", "event", "created_at"]
    list_filter = [("event__organizer", admin.RelatedOnlyFieldListFilter), "role__name"]
    list_select_related = ["user", "role", "event"]
    search_fields = ["user__username", "user__email", "role__name_zh_hans", "role__name_en"]
    readonly_fields = ["user", "role", "event", "created_at"]
    actions = ["export_csv"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=gettext_lazy("Export volunteers as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        events = Event.objects.filter(pk__in=queryset.values("event_id"))
        return export_volunteers(self, request, events)
