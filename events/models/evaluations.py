"""Evaluations of events by attendees, invitations to evaluate, and organizers' weekly digests."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Organizer

from .events import Event
from .proposals import Proposal

# --- Evaluations: residents rate the events they attended; organizers read the feedback ----------------
# The workflows live in events/services/evaluations.py, the reading of the numbers in events/selectors/feedback.py.


class Evaluation(models.Model):
    """What an attendee thought of an event: four ratings (1–5) and optional words; one per person and event."""

    RATING_FIELDS = ("content", "organisation", "venue", "recommend")
    TEXT_MAX = 2000

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="evaluations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("resident"), on_delete=models.CASCADE, related_name="evaluations"
    )
    content = models.PositiveSmallIntegerField(_("content"))
    organisation = models.PositiveSmallIntegerField(_("organisation"))
    venue = models.PositiveSmallIntegerField(_("venue"))
    recommend = models.PositiveSmallIntegerField(_("would recommend"))
    comment = models.TextField(_("comment"), max_length=TEXT_MAX, blank=True)
    suggestion = models.TextField(_("suggestion for next time"), max_length=TEXT_MAX, blank=True)
    anonymous = models.BooleanField(
        _("anonymous"), default=False, help_text=_("The resident's name is never shown with these answers.")
    )
    assisted = models.BooleanField(
        _("recorded by staff"), default=False, help_text=_("Staff recorded the answers on the resident's behalf.")
    )
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    consent_noted = models.BooleanField(_("the resident agreed"), default=False)
    comment_approved = models.BooleanField(
        _("comment approved"), default=False, help_text=_("Approved comments are shown publicly on the proposal page.")
    )
    comment_approved_at = models.DateTimeField(_("comment approved at"), null=True, blank=True, editable=False)
    comment_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("comment approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    # The loop closes: an organizer turned this suggestion into a proposal for the next round.
    suggestion_proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposal made from the suggestion"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_evaluations",
        editable=False,
    )
    created_at = models.DateTimeField(_("given"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            # The last line behind evaluations.submit_evaluation(): one evaluation per person and event.
            models.UniqueConstraint(fields=["user", "event"], name="events_one_evaluation_per_user_and_event"),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 1, f"{name}__lte": 5}), name=f"events_evaluation_{name}_1_to_5"
                )
                for name in ("content", "organisation", "venue", "recommend")
            ],
        ]
        indexes = [models.Index(fields=["event", "created_at"])]

    def __str__(self):
        return f"{self.event} – {self.author_name}"

    @property
    def organizer_id(self):
        """The organizer owning the event, so portal.scoping.can_manage(user, evaluation) works."""
        return self.event.organizer_id

    @property
    def shown_name(self):
        """The resident's public name, or None when they answered anonymously: the one rule of every door."""
        return None if self.anonymous else self.user.public_name

    @property
    def author_name(self):
        """`shown_name`, or "Anonymous": how pages and the admin name an evaluation's author."""
        return self.shown_name or _("Anonymous")

    @property
    def ratings(self):
        return {name: getattr(self, name) for name in self.RATING_FIELDS}


class EvaluationInvitation(models.Model):
    """An attendee was invited to evaluate an event (by mail when they accept mail); never twice."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="evaluation_invitations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("resident"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("invited"), default=timezone.now, editable=False)
    emailed = models.BooleanField(_("emailed"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("evaluation invitation")
        verbose_name_plural = _("evaluation invitations")
        constraints = [
            models.UniqueConstraint(fields=["user", "event"], name="events_one_evaluation_invitation_per_user"),
        ]

    def __str__(self):
        return f"{self.user} → {self.event}"


class FeedbackDigest(models.Model):
    """The weekly feedback digest for one organizer's staff was sent for the week starting `week_start`."""

    organizer = models.ForeignKey(
        Organizer, verbose_name=_("organizer"), on_delete=models.CASCADE, related_name="feedback_digests"
    )
    week_start = models.DateField(_("week starting"))
    evaluations = models.PositiveIntegerField(_("new evaluations"), default=0)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-week_start", "organizer"]
        verbose_name = _("feedback digest")
        verbose_name_plural = _("feedback digests")
        constraints = [
            models.UniqueConstraint(fields=["organizer", "week_start"], name="events_one_feedback_digest_per_week"),
        ]

    def __str__(self):
        return f"{self.organizer} {self.week_start}"
