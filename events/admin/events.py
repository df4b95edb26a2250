"""Staff work on events in the admin; every change goes through events.services."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TranslationAdmin

from portal.admin_actions import ServiceActionsMixin
from portal.exports import csv_response
from portal.models import Venue
from portal.scoping import OrganizerScopedAdminMixin, is_organizer_staff, scope

from ..errors import RegistrationError
from ..models import Event, EventSeries, NoShowPenalty, Registration
from ..services import check_in, event_changes, no_shows
from ..services import registrations as registration_services
from .volunteers import VolunteerRoleInline, export_volunteers


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for cancelling"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=gettext_lazy("Sent to everyone registered and shown on the event page."),
    )


class MessageForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=200)
    body = forms.CharField(label=gettext_lazy("Message"), widget=forms.Textarea(attrs={"rows": 8, "cols": 60}))


class SeriesForm(forms.Form):
    weeks = forms.IntegerField(
        label=gettext_lazy("Number of weeks"),
        min_value=2,
        max_value=52,
        initial=8,
        help_text=gettext_lazy("Occurrences in all, the selected event being the first."),
    )


class RegistrationInline(admin.TabularInline):
    """Read-mostly: registrations change through the resident, check-in and the actions, never by hand."""

    model = Registration
    fields = ["user", "party_size", "status", "created_at", "checked_in_at", "no_show", "assisted"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ["status", "created_at", "id"]

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


def _attendee_rows(events):
    yield [_("Event"), _("Starts"), _("Name"), _("Email"), _("Places"), _("Status"), _("Checked in"), _("Ticket")]
    registrations = (
        Registration.objects.filter(event__in=events)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event", "user__profile")
        .order_by("event__start", "event_id", "status", "created_at", "id")
    )
    for registration in registrations:
        checked_in = registration.checked_in_at
        yield [
            registration.event.title,
            timezone.localtime(registration.event.start).strftime("%Y-%m-%d %H:%M"),
            registration.user.public_name,
            registration.user.email or "",
            registration.party_size,
            registration.get_status_display(),
            timezone.localtime(checked_in).strftime("%Y-%m-%d %H:%M") if checked_in else "",
            registration.ticket_code,
        ]


@admin.register(Event)
class EventAdmin(ServiceActionsMixin, OrganizerScopedAdminMixin, TranslationAdmin):
    list_display = [
        "title",
        "start",
        "organizer",
        "venue",
        "status",
        "capacity",
        "confirmed_seats_column",
        "waitlisted_column",
    ]
    list_filter = [
        "status",
        "category",
        ("organizer", admin.RelatedOnlyFieldListFilter),
        ("venue__district", admin.RelatedOnlyFieldListFilter),
        ("start", admin.DateFieldListFilter),
    ]
    list_select_related = ["organizer", "venue"]
    date_hierarchy = "start"
    search_fields = ["title_zh_hans", "title_en", "slug", "venue__name_zh_hans", "venue__name_en"]
    autocomplete_fields = ["organizer", "venue"]
    readonly_fields = ["published_at", "sequence", "series", "created_at", "updated_at"]
    inlines = [RegistrationInline, VolunteerRoleInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = [
        "publish",
        "cancel",
        "duplicate",
        "export_attendees",
        "message_attendees",
        "make_weekly_series",
        export_volunteers,
    ]
    fieldsets = [
        (None, {"fields": ["organizer", "title", "slug", "summary", "description", "category", "image"]}),
        (gettext_lazy("When and where"), {"fields": ["start", "end", "venue", "livestream_url"]}),
        (
            gettext_lazy("Audience and access"),
            {
                "fields": [
                    ("for_children", "for_teens", "for_adults", "for_seniors"),
                    "language",
                    "accessibility_notes",
                    "contact",
                ]
            },
        ),
        (gettext_lazy("Price"), {"fields": ["is_free", "price"]}),
        (
            gettext_lazy("Registration"),
            {
                "fields": [
                    "capacity",
                    "max_party_size",
                    ("waitlist_enabled", "waitlist_limit"),
                    ("registration_opens", "registration_closes"),
                    "cancellation_deadline",
                ]
            },
        ),
        (gettext_lazy("Status"), {"fields": ["status", "cancellation_reason", "published_at", "sequence", "series"]}),
        (gettext_lazy("Record"), {"classes": ["collapse"], "fields": ["created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Venue:
            kwargs["queryset"] = scope(request.user, Venue.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=gettext_lazy("confirmed"), ordering="confirmed_seats")
    def confirmed_seats_column(self, obj):
        return obj.confirmed_seats

    @admin.display(description=gettext_lazy("waiting"), ordering="waitlisted_count")
    def waitlisted_column(self, obj):
        return obj.waitlisted_count

    def save_model(self, request, obj, form, change):
        # Through the service: sequence, notifications and waiting-list promotion follow every change.
        try:
            event_changes.change_event(event=obj, status=obj.status, by_user=request.user)
        except RegistrationError as exc:  # the form validated already; a refusal here is a race
            self.message_user(request, exc.message, messages.ERROR)

    # --- actions ------------------------------------------------------------------------------------

    @admin.action(description=gettext_lazy("Publish selected events"), permissions=["change"])
    def publish(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda event: event_changes.publish_event(event=event, by_user=request.user),
            _("%(count)d event(s) published."),
        )

    @admin.action(description=gettext_lazy("Cancel selected events…"), permissions=["change"])
    def cancel(self, request, queryset):
        def run(data):
            reason = data["reason"]
            self._each(
                request,
                queryset,
                lambda event: event_changes.cancel_event(event=event, reason=reason, by_user=request.user),
                _("%(count)d event(s) cancelled; everyone registered has been told."),
            )

        return self._ask_first(
            request,
            queryset,
            CancelForm,
            action="cancel",
            title=_("Cancel events"),
            intro=_("Everyone registered for these events will receive an email with your reason."),
            submit_label=_("Cancel these events"),
            then=run,
        )

    @admin.action(description=gettext_lazy("Duplicate selected events as drafts"), permissions=["change"])
    def duplicate(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda event: event_changes.duplicate_event(event=event, by_user=request.user),
            _("%(count)d draft copy(ies) created."),
        )

    @admin.action(description=gettext_lazy("Export attendees as CSV"), permissions=["view"])
    def export_attendees(self, request, queryset):
        return csv_response(_attendee_rows(queryset), "attendees.csv")

    @admin.action(description=gettext_lazy("Message attendees…"), permissions=["change"])
    def message_attendees(self, request, queryset):
        def run(data):
            sent = 0
            for event in queryset:
                try:
                    sent += event_changes.message_attendees(event=event, by_user=request.user, **data)
                except RegistrationError as exc:
                    self.message_user(request, f"{event}: {exc.message}", messages.WARNING)
            self.message_user(request, _("Message queued for %(count)d person(s).") % {"count": sent})

        return self._ask_first(
            request,
            queryset,
            MessageForm,
            action="message_attendees",
            title=_("Message attendees"),
            intro=_("Everyone registered or waiting for these events will receive this email."),
            submit_label=_("Send"),
            then=run,
        )

    @admin.action(description=gettext_lazy("Repeat weekly as a series…"), permissions=["add"])
    def make_weekly_series(self, request, queryset):
        def run(data):
            weeks = data["weeks"]
            self._each(
                request,
                queryset,
                lambda event: event_changes.create_weekly_series(event=event, weeks=weeks, by_user=request.user),
                _("%(count)d weekly series created."),
            )

        return self._ask_first(
            request,
            queryset,
            SeriesForm,
            action="make_weekly_series",
            title=_("Repeat weekly"),
            intro=_("Each selected event is copied to the same time in the following weeks."),
            submit_label=_("Create the series"),
            then=run,
        )


@admin.register(Registration)
class RegistrationAdmin(ServiceActionsMixin, OrganizerScopedAdminMixin, admin.ModelAdmin):
    """Registrations change only through the services: cancel and check in are actions here."""

    organizer_path = "event__organizer"
    list_display = ["user", "event", "status", "party_size", "created_at", "checked_in_at", "no_show", "assisted"]
    list_filter = [
        "status",
        "no_show",
        "assisted",
        "consent_noted",
        ("checked_in_at", admin.EmptyFieldListFilter),
        "event__organizer",
    ]
    list_select_related = ["user", "event"]
    search_fields = ["user__username", "user__email", "ticket_code", "event__title_zh_hans", "event__title_en"]
    readonly_fields = [
        "user",
        "event",
        "party_size",
        "status",
        "ticket_code",
        "created_at",
        "promoted_at",
        "cancelled_at",
        "reminded_at",
        "checked_in_at",
        "checked_in_by",
        "no_show",
        "assisted",
        "registered_by",
        "consent_noted",
    ]
    actions = ["cancel_registrations", "check_in_registrations"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=gettext_lazy("Cancel selected registrations"), permissions=["change"])
    def cancel_registrations(self, request, queryset):
        self._each(
            request,
            queryset.select_related("event"),
            lambda r: registration_services.cancel_registration(registration=r, by_user=request.user),
            _("%(count)d registration(s) cancelled."),
        )

    @admin.action(description=gettext_lazy("Check in selected registrations"), permissions=["change"])
    def check_in_registrations(self, request, queryset):
        self._each(
            request,
            queryset.select_related("event"),
            lambda r: check_in.check_in(code=r.ticket_code, by_user=request.user),
            _("%(count)d registration(s) checked in."),
        )


@admin.register(NoShowPenalty)
class NoShowPenaltyAdmin(admin.ModelAdmin):
    """City-wide: a resident may explain a missed event at any center, so any organizer staff may waive."""

    list_display = ["user", "created_at", "until", "no_shows", "in_force_column", "waived_at", "waived_by"]
    list_filter = [("waived_at", admin.EmptyFieldListFilter)]
    list_select_related = ["user", "waived_by"]
    search_fields = ["user__username", "user__email"]
    readonly_fields = ["user", "created_at", "until", "no_shows", "reason", "waived_at", "waived_by"]
    actions = ["waive"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_module_permission(self, request):
        return super().has_module_permission(request) and is_organizer_staff(request.user)

    @admin.display(description=gettext_lazy("in force"), boolean=True)
    def in_force_column(self, obj):
        return obj.in_force

    @admin.action(description=gettext_lazy("Waive selected penalties"), permissions=["change"])
    def waive(self, request, queryset):
        waived = 0
        for user in {penalty.user for penalty in queryset.select_related("user")}:
            waived += no_shows.waive_no_show_penalty(user=user, by_user=request.user)
        self.message_user(request, _("%(count)d penalty(ies) waived.") % {"count": waived}, messages.SUCCESS)


@admin.register(EventSeries)
class EventSeriesAdmin(OrganizerScopedAdminMixin, TranslationAdmin):
    list_display = ["title", "organizer", "created_at"]
    search_fields = ["title_zh_hans", "title_en"]
    readonly_fields = ["organizer", "created_at"]

    def has_add_permission(self, request):
        return False  # series are made by the "Repeat weekly" action on an event
