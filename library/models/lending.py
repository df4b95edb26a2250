"""Loans and holds of lending-controlled resources (the rules live in services/lending.py).

A person's account may be deleted: loans and holds keep their row and their counts, with `user` empty.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .resources import Resource


class Loan(models.Model):
    class Ending(models.TextChoices):
        RETURNED = "returned", _("Returned")
        EXPIRED = "expired", _("Expired")

    resource = models.ForeignKey(Resource, verbose_name=_("resource"), on_delete=models.CASCADE, related_name="loans")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("borrower"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="library_loans",
    )
    started_at = models.DateTimeField(_("borrowed"), default=timezone.now)
    due_at = models.DateTimeField(_("due"))
    renewals = models.PositiveSmallIntegerField(_("renewals"), default=0)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    ending = models.CharField(_("ending"), max_length=10, choices=Ending.choices, blank=True)
    reminded_at = models.DateTimeField(_("told it is due soon"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "user"], condition=models.Q(ended_at=None), name="library_one_open_loan_each"
            )
        ]
        indexes = [models.Index(fields=["ended_at", "due_at"])]

    def __str__(self):
        return f"{self.resource} – {self.user or _('deleted account')}"

    @property
    def is_open(self):
        return self.ended_at is None

    @property
    def organizer_id(self):
        """The resource's organizer: who may manage this loan (portal.scoping)."""
        return self.resource.organizer_id


class Hold(models.Model):
    """A place in a resource's queue; when a copy is free the first hold is reserved for LIBRARY_HOLD_HOURS."""

    class Ending(models.TextChoices):
        BORROWED = "borrowed", _("Borrowed")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Reservation expired")

    resource = models.ForeignKey(Resource, verbose_name=_("resource"), on_delete=models.CASCADE, related_name="holds")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="library_holds",
    )
    created_at = models.DateTimeField(_("placed"), default=timezone.now)
    reserved_until = models.DateTimeField(_("reserved until"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    ending = models.CharField(_("ending"), max_length=10, choices=Ending.choices, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("hold")
        verbose_name_plural = _("holds")
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "user"], condition=models.Q(ended_at=None), name="library_one_open_hold_each"
            )
        ]

    def __str__(self):
        return f"{self.resource} – {self.user or _('deleted account')}"

    @property
    def is_reserved(self):
        return self.ended_at is None and self.reserved_until is not None

    @property
    def organizer_id(self):
        """The resource's organizer: who may manage this hold (portal.scoping)."""
        return self.resource.organizer_id
