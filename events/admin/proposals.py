"""Staff work on proposals, voting rounds and comments in the admin; every change goes through
events.services (proposals, votes, comments).

Proposals are the city's, not one organizer's: moderators review them, organizer staff see them and plan
events from the selected ones. Vote counts of a round that hides them stay hidden here too, except for
superusers (no count or rank column, no sorting by them, no lookup on them, no vote rows of that round).
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, F
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TranslationAdmin

from portal import accounts
from portal.admin_actions import ServiceActionsMixin
from portal.scoping import is_organizer_staff

from ..errors import ParticipationError
from ..models import CommentReport, Proposal, ProposalComment, ProposalStatusChange, Vote, VotingRound
from ..services import comments, proposals

S = Proposal.Status


class NoteForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("Note"), widget=forms.Textarea(attrs={"rows": 4, "cols": 60}))

    def __init__(self, *args, label=None, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["note"].label = label
        self.fields["note"].help_text = help_text


class RoundForm(forms.Form):
    round = forms.ModelChoiceField(
        label=gettext_lazy("Voting round"),
        queryset=VotingRound.objects.none(),
        help_text=gettext_lazy("Rounds that have not ended."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = VotingRound.objects.filter(ends__gt=timezone.now()).select_related("district")


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=gettext_lazy("Merge into"),
        queryset=Proposal.objects.none(),
        help_text=gettext_lazy("The proposal that stays; the selected ones are rejected with a link to it."),
    )

    def __init__(self, *args, exclude=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = Proposal.objects.listed().exclude(status=S.REJECTED).exclude(pk__in=exclude)


class StatusChangeInline(admin.TabularInline):
    """The public timeline, read-only: it is written by the services."""

    model = ProposalStatusChange
    fields = ["at", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Proposal)
class ProposalAdmin(ServiceActionsMixin, TranslationAdmin):
    list_display = ["title", "status", "round", "district", "votes_column", "rank_column", "proposer", "created_at"]
    list_filter = ["status", "round", "district", "category", "will_help", "season"]
    list_select_related = ["round", "district", "proposer"]
    search_fields = ["title_zh_hans", "title_en", "proposer__username", "proposer__email"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["venue"]
    inlines = [StatusChangeInline]
    fieldsets = [
        (None, {"fields": ["title", "description", "category", "image"]}),
        (
            gettext_lazy("For whom, where and when"),
            {
                "fields": [
                    ("for_children", "for_teens", "for_adults", "for_seniors"),
                    "district",
                    "venue",
                    "season",
                    "expected_participants",
                    "will_help",
                ]
            },
        ),
        (
            gettext_lazy("Status"),
            {
                "fields": [
                    "status",
                    "proposer",
                    "language",
                    "round",
                    "votes_column",
                    "rank_column",
                    "change_request_note",
                    "rejection_reason",
                    "merged_into",
                    "events",
                    "created_at",
                ]
            },
        ),
    ]
    readonly_fields = [
        "status",
        "proposer",
        "language",
        "round",
        "votes_column",
        "rank_column",
        "change_request_note",
        "rejection_reason",
        "merged_into",
        "events",
        "created_at",
    ]
    actions = [
        "start_review",
        "request_changes",
        "open_for_voting",
        "select",
        "not_select",
        "reject",
        "merge",
        "plan_event",
    ]

    def has_add_permission(self, request):
        return False  # residents propose on the site

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_plan_permission(self, request):
        return is_organizer_staff(request.user) and request.user.has_perm("events.add_event")

    def get_queryset(self, request):
        queryset = super().get_queryset(request).with_visible_votes()
        # Superusers see every count; everybody else sees None while a round hides them, so neither the
        # columns nor sorting by them reveal a count or a ranking.
        if request.user.is_superuser:
            return queryset.annotate(shown_votes=F("vote_count"), shown_rank=F("rank"))
        return queryset.annotate(shown_votes=F("visible_votes"), shown_rank=F("visible_rank"))

    @admin.display(description=gettext_lazy("votes"), ordering="shown_votes")
    def votes_column(self, obj):
        if obj.shown_votes is None:
            return _("hidden until voting ends")
        return obj.shown_votes

    @admin.display(description=gettext_lazy("rank in the round"), ordering="shown_rank")
    def rank_column(self, obj):
        return obj.shown_rank

    # --- actions -------------------------------------------------------------------------------------------

    def _change_all(self, request, queryset, to, done_message, **kwargs):
        return self._each(
            request,
            queryset,
            lambda proposal: proposals.change_proposal_status(proposal=proposal, to=to, by_user=request.user, **kwargs),
            done_message,
        )

    @admin.action(description=gettext_lazy("Start review"), permissions=["change"])
    def start_review(self, request, queryset):
        self._change_all(request, queryset, S.UNDER_REVIEW, _("%(count)d proposal(s) under review."))

    @admin.action(description=gettext_lazy("Request changes…"), permissions=["change"])
    def request_changes(self, request, queryset):
        def run(data):
            self._change_all(
                request,
                queryset,
                S.CHANGES_REQUESTED,
                _("Changes requested for %(count)d proposal(s)."),
                note=data["note"],
            )

        return self._ask_first(
            request,
            queryset,
            NoteForm,
            action="request_changes",
            title=_("Request changes"),
            intro=_("The proposers can edit their proposals and submit them again."),
            submit_label=_("Request changes"),
            then=run,
            label=_("What should the proposer change?"),
            help_text=_("Emailed to the proposer and shown on the proposal page."),
        )

    @admin.action(description=gettext_lazy("Open for voting in a round…"), permissions=["change"])
    def open_for_voting(self, request, queryset):
        def run(data):
            self._change_all(
                request,
                queryset,
                S.OPEN_FOR_VOTING,
                _("%(count)d proposal(s) open for voting."),
                round=data["round"],
            )

        return self._ask_first(
            request,
            queryset,
            RoundForm,
            action="open_for_voting",
            title=_("Open for voting"),
            intro=_("Residents can vote on these proposals while the round is open."),
            submit_label=_("Open for voting"),
            then=run,
        )

    @admin.action(description=gettext_lazy("Select (after voting)"), permissions=["change"])
    def select(self, request, queryset):
        self._change_all(request, queryset, S.SELECTED, _("%(count)d proposal(s) selected."))

    @admin.action(description=gettext_lazy("Do not select (after voting)"), permissions=["change"])
    def not_select(self, request, queryset):
        self._change_all(request, queryset, S.NOT_SELECTED, _("%(count)d proposal(s) not selected."))

    @admin.action(description=gettext_lazy("Reject…"), permissions=["change"])
    def reject(self, request, queryset):
        def run(data):
            self._change_all(request, queryset, S.REJECTED, _("%(count)d proposal(s) rejected."), note=data["note"])

        return self._ask_first(
            request,
            queryset,
            NoteForm,
            action="reject",
            title=_("Reject proposals"),
            intro=_("Rejected proposals stay visible with the reason."),
            submit_label=_("Reject"),
            then=run,
            label=_("Reason"),
            help_text=_("Public: shown on the proposal page and emailed to the proposer and supporters."),
        )

    @admin.action(description=gettext_lazy("Merge into another proposal…"), permissions=["change"])
    def merge(self, request, queryset):
        def run(data):
            into = data["into"]
            self._each(
                request,
                queryset,
                lambda proposal: proposals.merge_proposal(proposal=proposal, into=into, by_user=request.user),
                _("%(count)d proposal(s) merged."),
            )

        return self._ask_first(
            request,
            queryset,
            MergeForm,
            action="merge",
            title=_("Merge duplicates"),
            intro=_("Only proposals without votes can be merged."),
            submit_label=_("Merge"),
            then=run,
            exclude=list(queryset.values_list("pk", flat=True)),
        )

    @admin.action(description=gettext_lazy("Plan an event"), permissions=["plan"])
    def plan_event(self, request, queryset):
        planned = []
        for proposal in queryset:
            try:
                planned.append(proposals.plan_event_from_proposal(proposal=proposal, by_user=request.user))
            except ParticipationError as exc:
                self.message_user(request, f"{proposal}: {exc.message}", messages.WARNING)
        if not planned:
            return None
        self.message_user(
            request,
            _("%(count)d draft event(s) created: set the date and publish them.") % {"count": len(planned)},
            messages.SUCCESS,
        )
        if len(planned) == 1:
            return HttpResponseRedirect(reverse("admin:events_event_change", args=[planned[0].pk]))
        return None


@admin.register(VotingRound)
class VotingRoundAdmin(TranslationAdmin):
    list_display = ["title", "starts", "ends", "district", "max_votes_per_resident", "hide_counts_until_closed"]
    list_filter = ["district", ("closed_at", admin.EmptyFieldListFilter)]
    search_fields = ["title_zh_hans", "title_en"]
    readonly_fields = ["closed_at", "created_at"]


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    """Read-only: votes change through residents only. Votes of a round hiding its counts are shown to
    superusers only, since counting rows would reveal the count."""

    list_display = ["user", "proposal", "round", "created_at", "assisted", "recorded_by"]
    list_filter = ["round", "assisted", "consent_noted"]
    list_select_related = ["user", "proposal", "round", "recorded_by"]
    search_fields = ["user__username", "proposal__title_zh_hans", "proposal__title_en"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.exclude(round__hide_counts_until_closed=True, round__ends__gt=timezone.now())

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CommentReportInline(admin.TabularInline):
    model = CommentReport
    fields = ["reporter", "reason", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ReportedFilter(admin.SimpleListFilter):
    title = gettext_lazy("reported")
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("yes", _("Reported")), ("no", _("Not reported"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(reports__isnull=False).distinct()
        if self.value() == "no":
            return queryset.filter(reports__isnull=True)
        return queryset


@admin.register(ProposalComment)
class ProposalCommentAdmin(ServiceActionsMixin, admin.ModelAdmin):
    list_display = ["short_body", "author", "proposal", "created_at", "reports_column", "hidden_at"]
    list_filter = [ReportedFilter, ("hidden_at", admin.EmptyFieldListFilter)]
    list_select_related = ["author", "proposal"]
    search_fields = ["body", "author__username"]
    readonly_fields = ["proposal", "author", "body", "created_at", "hidden_at", "hidden_by", "hidden_reason"]
    inlines = [CommentReportInline]
    actions = ["hide", "block_authors"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(report_count=Count("reports"))

    def has_add_permission(self, request):
        return False

    @admin.display(description=gettext_lazy("comment"))
    def short_body(self, obj):
        return obj.body[:80]

    @admin.display(description=gettext_lazy("reports"), ordering="report_count")
    def reports_column(self, obj):
        return obj.report_count

    @admin.action(description=gettext_lazy("Hide selected comments…"), permissions=["change"])
    def hide(self, request, queryset):
        def run(data):
            reason = data["note"]
            self._each(
                request,
                queryset,
                lambda comment: comments.hide_comment(comment=comment, by_user=request.user, reason=reason),
                _("%(count)d comment(s) hidden."),
            )

        return self._ask_first(
            request,
            queryset,
            NoteForm,
            action="hide",
            title=_("Hide comments"),
            intro=_("Hidden comments are replaced by the reason on the proposal page."),
            submit_label=_("Hide"),
            then=run,
            label=_("Reason"),
            help_text=_("Shown in place of the comment."),
        )

    @admin.action(description=gettext_lazy("Block the authors' accounts…"), permissions=["change"])
    def block_authors(self, request, queryset):
        def run(data):
            reason = data["note"]
            authors = {comment.author for comment in queryset.select_related("author")}
            self._each(
                request,
                authors,
                lambda user: accounts.block_account(user=user, by_user=request.user, reason=reason),
                _("%(count)d account(s) blocked."),
            )

        return self._ask_first(
            request,
            queryset,
            NoteForm,
            action="block_authors",
            title=_("Block accounts"),
            intro=_("The authors of these comments will no longer be able to sign in."),
            submit_label=_("Block"),
            then=run,
            label=_("Reason"),
            help_text=_("Recorded with the block; the residents can no longer sign in."),
        )


@admin.register(CommentReport)
class CommentReportAdmin(admin.ModelAdmin):
    list_display = ["comment", "reporter", "reason", "created_at"]
    list_select_related = ["comment", "reporter"]
    readonly_fields = ["comment", "reporter", "reason", "created_at"]

    def has_add_permission(self, request):
        return False
