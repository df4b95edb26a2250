"""Registrations (tickets, the waiting list) and no-show penalties."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_ticket_code():
    """128 random bits, URL-safe: unguessable, so a code alone may be shown as a QR code and checked in."""
    return secrets.token_urlsafe(16)


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    ACTIVE = (Status.CONFIRMED, Status.WAITLISTED)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("resident"), on_delete=models.CASCADE, related_name="registrations"
    )
    # PROTECT: an event people registered for is cancelled, never deleted (their tickets and history stay).
    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.PROTECT, related_name="registrations"
    )
    party_size = models.PositiveSmallIntegerField(_("places"), default=1)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    ticket_code = models.CharField(
        _("ticket code"), max_length=40, unique=True, default=new_ticket_code, editable=False
    )
    # Waiting-list order is (created_at, id): first come, first served.
    created_at = models.DateTimeField(_("registered"), default=timezone.now, db_index=True, editable=False)
    promoted_at = models.DateTimeField(_("moved from the waiting list"), null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True, editable=False)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    no_show = models.BooleanField(_("did not come"), default=False)
    assisted = models.BooleanField(
        _("registered by staff"), default=False, help_text=_("Staff registered the resident on their behalf.")
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    consent_noted = models.BooleanField(
        _("resident agreed"),
        default=False,
        help_text=_("Staff registering on the resident's behalf confirmed that the resident agreed."),
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            # The last line behind services.register(): one active registration per person and event.
            models.UniqueConstraint(
                fields=["user", "event"],
                condition=~Q(status="cancelled"),
                name="events_one_active_registration_per_user",
            ),
            models.CheckConstraint(condition=Q(party_size__gte=1), name="events_registration_party_size_at_least_one"),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        return f"{self.user} – {self.event}"

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    @property
    def organizer_id(self):
        """The organizer owning the event, so portal.scoping.can_manage(user, registration) works."""
        return self.event.organizer_id


class NoShowPenalty(models.Model):
    """A time during which a resident who booked and did not come cannot take seats in events in demand.

    Created by services.mark_no_shows when a resident reaches EVENTS_NO_SHOW_LIMIT no-shows within
    EVENTS_NO_SHOW_PERIOD_DAYS; lasts EVENTS_NO_SHOW_PENALTY_DAYS unless staff waive it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("resident"), on_delete=models.CASCADE, related_name="no_show_penalties"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    until = models.DateTimeField(_("until"))
    no_shows = models.PositiveSmallIntegerField(_("missed events"), default=0)
    reason = models.TextField(_("reason"), blank=True)
    waived_at = models.DateTimeField(_("waived"), null=True, blank=True)
    waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("waived by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("no-show penalty")
        verbose_name_plural = _("no-show penalties")

    def __str__(self):
        return f"{self.user}: {timezone.localtime(self.until):%Y-%m-%d}"

    @property
    def in_force(self):
        return self.waived_at is None and self.until > timezone.now()

    @classmethod
    def in_force_for(cls, user):
        return (
            cls.objects.filter(user=user, waived_at__isnull=True, until__gt=timezone.now()).order_by("-until").first()
        )
