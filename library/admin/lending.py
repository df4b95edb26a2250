"""Admin for loans and holds: read-mostly lists of the staff's own organizers' items, and a "return" action.

Scoped by portal.scoping through the resource's organizer: staff of one organizer never see who borrowed
another organizer's items — not in the list, its filters, its search, nor a change page reached by id.
Loans and holds change only through library.services.lending.
"""

from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.admin_actions import ServiceActionsMixin
from portal.scoping import OrganizerScopedAdminMixin

from ..models import Hold, Loan
from ..services import lending


class LendingAdmin(OrganizerScopedAdminMixin, admin.ModelAdmin):
    organizer_path = "resource__organizer"
    list_select_related = ["user", "resource__organizer"]
    # Filters offer only what the scoped list holds (RelatedOnlyFieldListFilter reads get_queryset), and
    # never the people: a list of borrowers would cross organizers.
    search_fields = ["user__username", "user__email", "resource__title_zh_hans", "resource__title_en"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Loan)
class LoanAdmin(ServiceActionsMixin, LendingAdmin):
    list_display = ["resource", "user", "started_at", "due_at", "renewals", "ended_at", "ending"]
    list_filter = [
        ("ended_at", admin.EmptyFieldListFilter),
        "ending",
        ("resource__organizer", admin.RelatedOnlyFieldListFilter),
    ]
    readonly_fields = ["resource", "user", "started_at", "due_at", "renewals", "ended_at", "ending", "reminded_at"]
    fields = readonly_fields
    date_hierarchy = "started_at"
    actions = ["return_loans"]

    @admin.action(description=gettext_lazy("Return selected loans"), permissions=["change"])
    def return_loans(self, request, queryset):
        self._each(
            request,
            queryset.filter(ended_at=None).select_related("resource"),
            lambda loan: lending.return_loan(user=request.user, loan=loan),
            _("%(count)d loan(s) returned."),
        )


@admin.register(Hold)
class HoldAdmin(LendingAdmin):
    list_display = ["resource", "user", "created_at", "reserved_until", "ended_at", "ending"]
    list_filter = [
        ("ended_at", admin.EmptyFieldListFilter),
        "ending",
        ("resource__organizer", admin.RelatedOnlyFieldListFilter),
    ]
    readonly_fields = ["resource", "user", "created_at", "reserved_until", "ended_at", "ending"]
    fields = readonly_fields

    def has_change_permission(self, request, obj=None):
        return False
