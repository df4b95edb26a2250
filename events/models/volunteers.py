"""Volunteer roles of an event and the residents who signed up for them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .events import Event

# --- Volunteers ---------------------------------------------------------------------------------------
# An event may offer volunteer roles (usher, photographer, helper for seniors), each with a number of
# slots. The rules (slots counted under the event lock, one role per person and event) live in
# events/services/volunteers.py.


class VolunteerRole(models.Model):
    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="volunteer_roles")
    name = models.CharField(_("role"), max_length=100)
    description = models.TextField(_("what the volunteer does"), blank=True)
    slots = models.PositiveSmallIntegerField(_("volunteers needed"), default=1)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["event", "order", "id"]
        verbose_name = _("volunteer role")
        verbose_name_plural = _("volunteer roles")
        constraints = [
            models.CheckConstraint(condition=Q(slots__gte=1), name="events_volunteer_role_slots_at_least_one"),
        ]

    def __str__(self):
        return self.name

    @property
    def organizer_id(self):
        """The organizer owning the event, so portal.scoping.can_manage(user, role) works."""
        return self.event.organizer_id

    @property
    def taken(self):
        annotated = getattr(self, "signup_count", None)
        return annotated if annotated is not None else self.signups.count()

    @property
    def slots_left(self):
        return max(self.slots - self.taken, 0)


class VolunteerSignup(models.Model):
    """A resident volunteering in one role at an event; withdrawing deletes the row."""

    role = models.ForeignKey(VolunteerRole, verbose_name=_("role"), on_delete=models.CASCADE, related_name="signups")
    # The role's event, kept on the row so the database can hold "one role per person and event".
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="volunteer_signups"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="volunteer_signups",
    )
    created_at = models.DateTimeField(_("signed up"), default=timezone.now, editable=False)
    # Recorded by staff at a desk for a resident without email or a smartphone, with their agreement.
    assisted = models.BooleanField(_("recorded by staff"), default=False)
    signed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    consent_noted = models.BooleanField(_("resident agreed"), default=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("volunteer sign-up")
        verbose_name_plural = _("volunteer sign-ups")
        constraints = [
            # The last line behind volunteering.sign_up(): one role per person and event (so also one
            # sign-up per person and role).
            models.UniqueConstraint(fields=["user", "event"], name="events_one_volunteer_role_per_user_and_event"),
        ]

    def __str__(self):
        return f"{self.user} – {self.role}"

    @property
    def organizer_id(self):
        return self.event.organizer_id
