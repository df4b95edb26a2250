"""Evaluations in the admin: read-only answers, scoped to the staff's organizers; moderators see all to
approve comments for the proposal pages. Approving goes through events.services.evaluations. The marks follow the
reports' small-numbers rule (events.selectors.feedback): withheld while an event has fewer than five answers."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.admin_actions import ServiceActionsMixin
from portal.scoping import can_manage, scope

from ..models import Evaluation
from ..selectors import feedback
from ..services import evaluations


class HasCommentFilter(admin.SimpleListFilter):
    title = gettext_lazy("comment")
    parameter_name = "has_comment"

    def lookups(self, request, model_admin):
        return [("yes", _("With a comment")), ("no", _("Without a comment"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(comment="")
        if self.value() == "no":
            return queryset.filter(comment="")
        return queryset


def _mark_column(name):
    """A column (and read-only field) showing one mark, or why it is withheld; it does not sort, since
    the order of the rows would tell the marks."""

    @admin.display(description=Evaluation._meta.get_field(name).verbose_name)
    def column(self, obj):
        mark = feedback.shown_marks(obj)[name]
        if mark is None:
            return _("fewer than %(minimum)s answers") % {"minimum": feedback.min_answers()}
        return mark

    return column


@admin.register(Evaluation)
class EvaluationAdmin(ServiceActionsMixin, admin.ModelAdmin):
    list_display = [
        "event",
        "author_column",
        "content_mark",
        "organisation_mark",
        "venue_mark",
        "recommend_mark",
        "short_comment",
        "comment_approved",
        "assisted",
        "given_column",
    ]
    list_filter = [
        HasCommentFilter,
        "comment_approved",
        "anonymous",
        "assisted",
        ("event__organizer", admin.RelatedOnlyFieldListFilter),
        "event__category",
        "created_at",
    ]
    list_select_related = ["event", "user__profile"]
    search_fields = ["comment", "suggestion", "event__title_zh_hans", "event__title_en"]
    # The user is not shown: anonymous answers must stay anonymous to staff too; author_column says who.
    fields = [
        "event",
        "author_column",
        "content_mark",
        "organisation_mark",
        "venue_mark",
        "recommend_mark",
        "comment",
        "suggestion",
        "anonymous",
        "assisted",
        "assisted_by",
        "consent_noted",
        "comment_approved",
        "comment_approved_at",
        "comment_approved_by",
        "suggestion_proposal",
        "given_column",
    ]
    readonly_fields = fields
    actions = ["approve_comments", "unapprove_comments"]

    content_mark = _mark_column("content")
    organisation_mark = _mark_column("organisation")
    venue_mark = _mark_column("venue")
    recommend_mark = _mark_column("recommend")

    def get_queryset(self, request):
        queryset = feedback.with_event_answers(super().get_queryset(request).select_related("event", "user__profile"))
        if evaluations.may_moderate_all(request.user):
            return queryset
        return scope(request.user, queryset, "event__organizer")

    def _may_touch(self, request, obj):
        return obj is None or evaluations.may_moderate_all(request.user) or can_manage(request.user, obj)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._may_touch(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_touch(request, obj)

    def has_add_permission(self, request):
        return False  # evaluations are given by residents, or recorded at /events/<slug>/evaluations/assist/

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.display(description=gettext_lazy("resident"))
    def author_column(self, obj):
        return obj.author_name

    @admin.display(description=Evaluation._meta.get_field("created_at").verbose_name, ordering="created_at")
    def given_column(self, obj):
        # The day, as in the feedback CSV: the time would tell staff who remember who came when.
        return timezone.localtime(obj.created_at).date()

    @admin.display(description=gettext_lazy("comment"))
    def short_comment(self, obj):
        return obj.comment[:60]

    @admin.action(description=gettext_lazy("Approve the comments (show them publicly)"), permissions=["change"])
    def approve_comments(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda e: evaluations.approve_comment(evaluation=e, by_user=request.user),
            _("%(count)d comment(s) approved."),
        )

    @admin.action(description=gettext_lazy("Withdraw the approval of the comments"), permissions=["change"])
    def unapprove_comments(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda e: evaluations.unapprove_comment(evaluation=e, by_user=request.user),
            _("%(count)d comment(s) no longer shown publicly."),
        )
