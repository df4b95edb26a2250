from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserCreationForm
from django.template.defaultfilters import linebreaksbr
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from . import mail
from .models import AccountBlock, AssistedAction, District, Organizer, OutgoingEmail, Profile, User, Venue
from .scoping import OrganizerScopedAdminMixin


class ProfileInline(admin.StackedInline):
    model = Profile
    fk_name = "user"
    can_delete = False
    autocomplete_fields = ["district"]
    readonly_fields = [
        "personalisation_consent_at",
        "district_changed_at",
        "created_by_organizer",
        "verified_district",
        "district_verified_at",
        "district_verified_by",
        "district_verified_organizer",
    ]


class UserCreationWithEmailForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = UserCreationWithEmailForm
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("username", "email", "password1", "password2")}),)
    inlines = [ProfileInline]
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups", "profile__district"]
    search_fields = ["username", "email", "first_name", "last_name", "profile__display_name"]

    def get_readonly_fields(self, request, obj=None):
        # Only superusers hand out powers; anyone else with change rights edits people, not privileges.
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return ["is_staff", "is_superuser", "groups", "user_permissions", "last_login", "date_joined"]

    def get_inlines(self, request, obj):
        return self.inlines if obj else []

    def has_change_permission(self, request, obj=None):
        # Changing a superuser's password or email would hand over their powers: superusers only.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(District)
class DistrictAdmin(TranslationAdmin):
    list_display = ["name", "code", "kind", "population"]
    list_filter = ["kind"]
    search_fields = ["name_zh_hans", "name_en", "code"]
    prepopulated_fields = {"code": ["name_en"]}


class VenueInline(admin.TabularInline):
    model = Venue
    fields = ["name", "district", "capacity", "step_free_access", "hearing_loop"]
    extra = 0
    show_change_link = True
    autocomplete_fields = ["district"]


@admin.register(Organizer)
class OrganizerAdmin(OrganizerScopedAdminMixin, TranslationAdmin):
    organizer_path = "self"
    list_display = ["name", "kind", "district", "email"]
    list_filter = ["kind", "district__kind", "district"]
    search_fields = ["name_zh_hans", "name_en", "slug", "email"]
    autocomplete_fields = ["district", "staff"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [VenueInline]

    def get_readonly_fields(self, request, obj=None):
        # Staff edit their organizer's details; who belongs to it is the superuser's decision.
        return [] if request.user.is_superuser else ["slug", "kind", "district", "staff"]

    def get_prepopulated_fields(self, request, obj=None):
        # A read-only slug is not in the form: prepopulating it would crash the page for staff.
        return super().get_prepopulated_fields(request, obj) if request.user.is_superuser else {}

    def has_add_permission(self, request):
        return request.user.is_superuser


@admin.register(Venue)
class VenueAdmin(OrganizerScopedAdminMixin, TranslationAdmin):
    list_display = ["name", "organizer", "district", "capacity", "step_free_access", "hearing_loop"]
    list_filter = ["district__kind", "district", "step_free_access", "hearing_loop", "accessible_toilet"]
    search_fields = ["name_zh_hans", "name_en", "address_zh_hans", "address_en"]
    autocomplete_fields = ["organizer", "district"]
    list_select_related = ["organizer", "district"]


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["__str__", "to", "message", "created_at", "sent_at", "attempts"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter), "message"]
    search_fields = ["to", "subject"]
    readonly_fields = [
        "to",
        "message",
        "language",
        "subject",
        "body",
        "html_body",
        "attachment_names",
        "created_at",
        "sent_at",
        "attempts",
        "last_error",
    ]
    exclude = ["attachments", "user", "target_type", "target_id", "params"]
    actions = ["send_now"]

    @admin.display(description=_("attachments"))
    def attachment_names(self, email):
        return ", ".join(attachment["filename"] for attachment in email.attachments) or "-"

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send selected unsent emails now"))
    def send_now(self, request, queryset):
        sent = sum(mail.deliver(pk) for pk in queryset.filter(sent_at__isnull=True).values_list("pk", flat=True))
        self.message_user(request, _("%(count)d email(s) sent.") % {"count": sent})


# --- Digests (portal.notify) --------------------------------------------------------------------
from .models import DigestItem  # noqa: E402


@admin.register(DigestItem)
class DigestItemAdmin(admin.ModelAdmin):
    """Read-only: what waits for (or went out in) residents' daily and weekly digests."""

    list_display = ["user", "message", "kind", "created_at", "sent_at"]
    list_filter = ["kind", ("sent_at", admin.EmptyFieldListFilter)]
    list_select_related = ["user"]
    search_fields = ["user__username"]
    fields = readonly_fields = ["user", "kind", "message", "preview", "created_at", "sent_at"]

    @admin.display(description=_("as the digest will show it"))
    def preview(self, obj):
        from .notify import digest_entry, recipient_language

        with translation.override(recipient_language(obj.user)):
            entry = digest_entry(obj, obj.user)
        if entry is None:
            return _("Nothing: what it was about is gone.")
        return format_html("<strong>{}</strong><br>{}", entry[0], linebreaksbr(entry[1]))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AssistedAction)
class AssistedActionAdmin(OrganizerScopedAdminMixin, admin.ModelAdmin):
    """Read-only: what staff recorded at a desk in residents' names; staff see their organizers' records."""

    list_display = ["created_at", "kind", "resident", "staff", "organizer", "consent_noted"]
    list_filter = ["kind", "consent_noted"]
    list_select_related = ["resident", "staff", "organizer"]
    search_fields = ["resident__username", "staff__username"]
    date_hierarchy = "created_at"
    fields = readonly_fields = [
        "created_at",
        "kind",
        "resident",
        "staff",
        "organizer",
        "target_type",
        "target_id",
        "consent_noted",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccountBlock)
class AccountBlockAdmin(admin.ModelAdmin):
    list_display = ["user", "blocked_by", "reason", "created_at"]
    list_select_related = ["user", "blocked_by"]
    search_fields = ["user__username", "user__email"]
    readonly_fields = ["user", "blocked_by", "reason", "created_at"]

    def has_add_permission(self, request):
        return False  # accounts are blocked through the comment action (portal.accounts.block_account)


# --- Long jobs (portal.jobs) ------------------------------------------------------------------------
from django.contrib.admin.utils import unquote  # noqa: E402
from django.core.exceptions import PermissionDenied  # noqa: E402
from django.template.response import TemplateResponse  # noqa: E402

from . import jobs  # noqa: E402
from .models import BackgroundJob  # noqa: E402


@admin.register(BackgroundJob)
class BackgroundJobAdmin(OrganizerScopedAdminMixin, admin.ModelAdmin):
    """Read-only: imports and other long jobs, each with a progress page; staff see their organizers' jobs."""

    list_display = ["__str__", "kind", "status", "progress_column", "organizer", "created_by", "created_at"]
    list_filter = ["status", "kind", ("organizer", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["organizer", "created_by"]
    date_hierarchy = "created_at"
    progress_template = "admin/portal/backgroundjob/progress.html"
    refresh_seconds = 2

    @admin.display(description=_("progress"))
    def progress_column(self, job):
        return f"{job.done} / {job.total}" if job.total else f"{job.done}"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The job's progress page: a bar and the per-row report, reloaded while the job runs (no script)."""
        job = self.get_object(request, unquote(object_id))
        if job is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_permission(request, job):
            raise PermissionDenied
        running = job.status in (BackgroundJob.Status.PENDING, BackgroundJob.Status.RUNNING)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("%(job)s: %(status)s") % {"job": job, "status": job.get_status_display()},
            "job": job,
            "counts": jobs.counts(job),
            "refresh_seconds": self.refresh_seconds if running else None,
            "running": running,
        }
        return TemplateResponse(request, self.progress_template, context)

    def has_add_permission(self, request):
        return False  # jobs are started by the pages that need them (an import form, …)

    def has_change_permission(self, request, obj=None):
        return False
