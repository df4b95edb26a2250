"""Participation: voting rounds, proposals and their status history, votes, comments and reports."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.categories import Category
from portal.dates import date_errors
from portal.models import Venue

from .events import AudienceMixin, Event, sanitize_description

# --- Participation: proposals, voting rounds, votes, comments --------------------------------------------
# Residents propose activities, vote on them in rounds, and discuss them; staff turn the chosen ones into
# events. The workflows live in events/services/ (proposals, votes, comments); here are the data rules.


class VotingRound(models.Model):
    """A period in which residents vote on proposals: city-wide, or for the residents of one district."""

    title = models.CharField(_("title"), max_length=150)
    starts = models.DateTimeField(_("voting starts"))
    ends = models.DateTimeField(_("voting ends"))
    district = models.ForeignKey(
        "portal.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voting_rounds",
        help_text=_("Leave empty for a city-wide round; otherwise only residents of this district may vote."),
    )
    max_votes_per_resident = models.PositiveSmallIntegerField(
        _("votes per resident"),
        null=True,
        blank=True,
        help_text=_("How many proposals one resident may support in this round; leave empty for no limit."),
    )
    hide_counts_until_closed = models.BooleanField(
        _("hide vote counts until the end"),
        default=False,
        help_text=_("Nobody sees counts or rankings while voting is open, so early results sway nobody."),
    )
    requires_verified_district = models.BooleanField(
        _("only districts confirmed by staff"),
        default=False,
        help_text=_(
            "For a district round: only residents whose district staff have confirmed (at a desk or from a "
            "census list) may vote."
        ),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-starts", "-id"]
        verbose_name = _("voting round")
        verbose_name_plural = _("voting rounds")
        constraints = [
            models.CheckConstraint(condition=Q(ends__gt=models.F("starts")), name="events_round_ends_after_start"),
            models.CheckConstraint(
                condition=Q(max_votes_per_resident__isnull=True) | Q(max_votes_per_resident__gte=1),
                name="events_round_max_votes_at_least_one",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = date_errors(self, ["starts", "ends"])
        if self.starts and self.ends and self.ends <= self.starts:
            errors["ends"] = _("Voting must end after it starts.")
        if self.requires_verified_district and self.district_id is None:
            errors["requires_verified_district"] = _("Only a district round can ask for confirmed districts.")
        if errors:
            raise ValidationError(errors)

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.starts <= now < self.ends

    @property
    def has_ended(self):
        return self.ends <= timezone.now()

    def counts_hidden(self, now=None):
        """Whether vote counts and rankings of this round's proposals must not be shown to anybody yet."""
        return self.hide_counts_until_closed and (now or timezone.now()) < self.ends


class ProposalQuerySet(models.QuerySet):
    def listed(self):
        """Proposals that stand on their own: not merged into another (the one rule of every list)."""
        return self.filter(merged_into__isnull=True)

    def counts_hidden_q(self, now=None):
        """Proposals whose counts must stay hidden now (their round hides counts and has not ended)."""
        return Q(round__hide_counts_until_closed=True, round__ends__gt=now or timezone.now())

    def with_visible_votes(self, now=None):
        """Annotate `visible_votes` and `visible_rank`: the count and the rank, or None where they are hidden
        (sorting by them then leaks nothing)."""
        hidden = self.counts_hidden_q(now)
        return self.annotate(
            **{
                f"visible_{name}": models.Case(
                    models.When(hidden, then=models.Value(None)),
                    default=models.F(field),
                    output_field=models.PositiveIntegerField(),
                )
                for name, field in (("votes", "vote_count"), ("rank", "rank"))
            }
        )

    def open_for_voting(self, now=None):
        now = now or timezone.now()
        return self.filter(status=Proposal.Status.OPEN_FOR_VOTING, round__starts__lte=now, round__ends__gt=now)


class Proposal(AudienceMixin, models.Model):
    """An activity a resident would like the cultural center to organise."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        OPEN_FOR_VOTING = "open_for_voting", _("Open for voting")
        SELECTED = "selected", _("Selected")
        NOT_SELECTED = "not_selected", _("Not selected")
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        REJECTED = "rejected", _("Rejected")

    class Season(models.TextChoices):
        ANY = "any", _("Any time of year")
        SPRING = "spring", _("Spring")
        SUMMER = "summer", _("Summer")
        AUTUMN = "autumn", _("Autumn")
        WINTER = "winter", _("Winter")

    EDITABLE = (Status.SUBMITTED, Status.CHANGES_REQUESTED)
    TITLE_MAX = 120
    DESCRIPTION_MAX = 4000

    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="proposals",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX)
    language = models.CharField(
        _("written in"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE, editable=False
    )
    category = models.CharField(_("category"), max_length=30, choices=Category.choices, default=Category.OTHER)
    district = models.ForeignKey(
        "portal.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        help_text=_("Leave empty when the activity is for the whole city."),
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("suggested venue"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    season = models.CharField(_("season"), max_length=10, choices=Season.choices, default=Season.ANY)
    expected_participants = models.PositiveIntegerField(_("expected participants"), default=20)
    will_help = models.BooleanField(_("I would help organise it"), default=False)
    image = models.ImageField(_("image"), upload_to="public/proposals/", blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    change_request_note = models.TextField(_("changes requested"), blank=True)
    rejection_reason = models.TextField(_("reason for rejecting"), blank=True)
    round = models.ForeignKey(
        VotingRound,
        verbose_name=_("voting round"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_proposals",
    )
    events = models.ManyToManyField(Event, verbose_name=_("events"), blank=True, related_name="proposals")
    # Kept exact by participation.cast_vote/withdraw_vote: F() updates in the vote's own transaction.
    vote_count = models.PositiveIntegerField(_("votes"), default=0, editable=False)
    rank = models.PositiveIntegerField(_("rank in the round"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("submitted"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            models.CheckConstraint(condition=Q(expected_participants__gte=1), name="events_proposal_participants"),
        ]
        indexes = [models.Index(fields=["status", "round"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for field in ["description"] + [f"description_{code.replace('-', '_')}" for code, _n in settings.LANGUAGES]:
            setattr(self, field, sanitize_description(getattr(self, field, None)))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"/proposals/{self.pk}/"

    @property
    def is_editable(self):
        return self.status in self.EDITABLE

    @property
    def counts_hidden(self):
        return self.round is not None and self.round.counts_hidden()

    @property
    def visible_vote_count(self):
        """The count when it may be shown, else None."""
        return None if self.counts_hidden else self.vote_count

    @property
    def proposer_name(self):
        return self.proposer.public_name if self.proposer_id else _("A former resident")


class ProposalStatusChange(models.Model):
    """One step of a proposal's public timeline; written for every status change by participation services."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Proposal.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Proposal.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("proposal status change")
        verbose_name_plural = _("proposal status changes")

    def __str__(self):
        return f"{self.proposal_id}: {self.from_status} → {self.to_status}"

    @property
    def to_label(self):
        return Proposal.Status(self.to_status).label


class Vote(models.Model):
    """A resident's support for a proposal in a round; one per resident and proposal."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("resident"), on_delete=models.CASCADE, related_name="votes"
    )
    proposal = models.ForeignKey(Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="votes")
    # The round at the time of voting: the per-round limit counts these rows.
    round = models.ForeignKey(
        VotingRound, verbose_name=_("voting round"), on_delete=models.CASCADE, related_name="votes"
    )
    created_at = models.DateTimeField(_("voted"), default=timezone.now, editable=False)
    # Recorded by staff at a desk for a resident without a smartphone; it counts once like any other.
    assisted = models.BooleanField(_("recorded by staff"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    consent_noted = models.BooleanField(_("resident agreed"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            # The last line behind participation.cast_vote(): one vote per resident and proposal.
            models.UniqueConstraint(fields=["user", "proposal"], name="events_one_vote_per_user_and_proposal"),
        ]
        indexes = [models.Index(fields=["round", "user"])]

    def __str__(self):
        return f"{self.user} → {self.proposal}"


class ProposalComment(models.Model):
    """Residents discussing a proposal; moderators may hide a comment, with a reason, never delete it."""

    BODY_MAX = 2000

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.CASCADE, related_name="proposal_comments"
    )
    body = models.TextField(_("comment"), max_length=BODY_MAX)
    created_at = models.DateTimeField(_("written"), default=timezone.now, editable=False)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True, editable=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    hidden_reason = models.TextField(_("reason for hiding"), blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return f"{self.author}: {self.body[:40]}"

    @property
    def is_hidden(self):
        return self.hidden_at is not None


class CommentReport(models.Model):
    """Somebody signed in flagged a comment for the moderators; once per person and comment."""

    comment = models.ForeignKey(
        ProposalComment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("reported"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="events_one_report_per_user_and_comment"),
        ]

    def __str__(self):
        return f"{self.reporter} → {self.comment_id}"
