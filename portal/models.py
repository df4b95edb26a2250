from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import media


class User(AbstractUser):
    # Optional: residents registered at a desk may have no address. NULL, never '', so uniqueness holds.
    email = models.EmailField(_("email address"), unique=True, null=True, blank=True)

    objects = UserManager()

    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower() or None
        super().save(*args, **kwargs)

    @property
    def public_name(self):
        profile = getattr(self, "profile", None)
        return (profile and profile.display_name) or self.get_full_name() or self.username


class District(models.Model):
    class Kind(models.TextChoices):
        URBAN = "urban", _("Urban")
        RURAL = "rural", _("Rural")

    name = models.CharField(_("name"), max_length=100)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.URBAN)
    population = models.PositiveIntegerField(_("population"), default=0)

    class Meta:
        ordering = ["code"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name


class Organizer(models.Model):
    """A cultural center, branch, library, station or group: what staff belong to and content belongs to."""

    class Kind(models.TextChoices):
        CULTURAL_CENTER = "center", _("Cultural center")
        BRANCH = "branch", _("Branch")
        LIBRARY = "library", _("Library")
        MUSEUM = "museum", _("Museum")
        TOWNSHIP_STATION = "township_station", _("Township cultural station")
        VILLAGE_READING_ROOM = "village_reading_room", _("Village reading room")
        COMMUNITY_GROUP = "community_group", _("Community group")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.CULTURAL_CENTER)
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="organizers"
    )
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("staff members"), related_name="organizers", blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organizer")
        verbose_name_plural = _("organizers")

    def __str__(self):
        return self.name


class Venue(models.Model):
    organizer = models.ForeignKey(
        Organizer, verbose_name=_("organizer"), on_delete=models.PROTECT, related_name="venues"
    )
    name = models.CharField(_("name"), max_length=150)
    address = models.CharField(_("address"), max_length=255, blank=True)
    district = models.ForeignKey(District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="venues")
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=255, blank=True)
    photo = models.ImageField(_("photo"), upload_to="public/venues/", blank=True)
    photo_thumbnail = models.ImageField(
        _("photo thumbnail"), upload_to="public/venues/thumbs/", blank=True, editable=False
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        media.schedule_thumbnail(self, source="photo", target="photo_thumbnail")

    @property
    def accessibility_features(self):
        features = [
            (self.step_free_access, _("Step-free access")),
            (self.hearing_loop, _("Hearing loop")),
            (self.accessible_toilet, _("Accessible toilet")),
        ]
        return [label for present, label in features if present]


class Profile(models.Model):
    class AgeBand(models.TextChoices):
        CHILD = "child", _("Child")
        TEEN = "teen", _("Teenager")
        ADULT = "adult", _("Adult")
        SENIOR = "senior", _("Senior")

    class NotificationFrequency(models.TextChoices):
        IMMEDIATELY = "immediately", _("At once")
        DAILY = "daily", _("Daily digest")
        WEEKLY = "weekly", _("Weekly digest")
        NEVER = "never", _("Never (only tickets and account mail)")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.SET_NULL, null=True, blank=True, related_name="residents"
    )
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices, blank=True)
    preferred_languages = models.JSONField(_("preferred languages"), default=list, blank=True)
    interests = models.JSONField(_("interests"), default=list, blank=True)
    large_text = models.BooleanField(_("large text and high contrast"), default=False)
    personalisation_consent = models.BooleanField(_("personalised recommendations"), default=False)
    personalisation_consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    notification_frequency = models.CharField(
        _("how often we write to you"),
        max_length=12,
        choices=NotificationFrequency.choices,
        default=NotificationFrequency.IMMEDIATELY,
    )
    event_reminders = models.BooleanField(_("reminders the day before an event"), default=True)
    phone = models.CharField(
        _("phone"), max_length=40, blank=True, help_text=_("Optional; lets staff at a desk find you.")
    )
    # Set by Profile.save whenever the district changes (not when it is first chosen): a district round
    # counts the district a resident had when it opened, so moving during a round gives no second vote.
    district_changed_at = models.DateTimeField(_("district changed at"), null=True, blank=True, editable=False)
    # The organizer whose staff registered this resident at a desk (portal.residents); they may serve them.
    created_by_organizer = models.ForeignKey(
        Organizer,
        verbose_name=_("registered at the desk of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    # A district confirmed by staff (at a desk or from a census list); valid while it is the profile's district.
    verified_district = models.ForeignKey(
        District,
        verbose_name=_("district confirmed by staff"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    district_verified_at = models.DateTimeField(_("district confirmed at"), null=True, blank=True, editable=False)
    district_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("district confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    district_verified_organizer = models.ForeignKey(
        Organizer,
        verbose_name=_("district confirmed for"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.user)

    def save(self, *args, **kwargs):
        # The moment of consent is kept so it can be shown and withdrawn knowingly.
        if self.personalisation_consent and not self.personalisation_consent_at:
            self.personalisation_consent_at = timezone.now()
        elif not self.personalisation_consent:
            self.personalisation_consent_at = None
        update_fields = kwargs.get("update_fields")
        if self._note_district_change() and update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *self.DISTRICT_TRACKING_FIELDS}
        super().save(*args, **kwargs)
        self._stored_district_id = self.district_id

    def get_absolute_url(self):
        return reverse("me")

    DISTRICT_TRACKING_FIELDS = (
        "district_changed_at",
        "verified_district",
        "district_verified_at",
        "district_verified_by",
        "district_verified_organizer",
    )

    def _note_district_change(self):
        """The one place a change of district is noticed, whoever makes it (the form, the admin, the API).

        Choosing a district for the first time is not a change; any later change is stamped, and a
        district confirmed by staff stays confirmed only while it is the profile's district. Returns
        whether the district changed.
        """
        stored = getattr(self, "_stored_district_id", None)
        if self.district_id == stored:
            return False
        if stored is not None or self.district_changed_at is not None:
            self.district_changed_at = timezone.now()
        if self.verified_district_id is not None and self.verified_district_id != self.district_id:
            self.verified_district = None
            self.district_verified_at = None
            self.district_verified_by = None
            self.district_verified_organizer = None
        return True

    @property
    def district_verified(self):
        return self.verified_district_id is not None and self.verified_district_id == self.district_id

    @classmethod
    def from_db(cls, db, field_names, values):
        profile = super().from_db(db, field_names, values)
        profile._stored_district_id = profile.__dict__.get("district_id")
        return profile

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self._stored_district_id = self.district_id


class OutgoingEmail(models.Model):
    """An email written in the same transaction as the fact it reports, sent by a task.

    If the broker or the mail server is down the row stays unsent and the beat task retries it,
    so no message is lost and, because a row is marked sent under a lock, none is sent twice.
    """

    to = models.EmailField(_("to"))
    # By reference (portal.messaging.queue_message): which message about which row, in which language;
    # rendered into the fields below when it is delivered.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    message = models.CharField(_("message"), max_length=60, blank=True)
    target_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("about"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    target_id = models.PositiveBigIntegerField(_("record number"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("body"), blank=True)
    html_body = models.TextField(_("HTML body"), blank=True)
    # [{"filename", "mimetype", "content" (base64)}]: small files only (a QR code, a calendar entry).
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [models.Index(fields=["sent_at", "created_at"])]

    def __str__(self):
        return f"{self.to}: {self.subject or self.message}"


class DigestItem(models.Model):
    """One update waiting for a resident's daily or weekly digest (portal.notify); sent once, then stamped.

    Kept by reference (`message` about `target`, with `params`) and rendered when the digest goes, in the
    resident's language of that day. `subject` and `body` hold the text of items kept before that.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("resident"), on_delete=models.CASCADE, related_name="digest_items"
    )
    kind = models.CharField(_("kind"), max_length=30, default="updates")
    message = models.CharField(_("message"), max_length=60, blank=True)
    target_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("about"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    target_id = models.PositiveBigIntegerField(_("record number"), null=True, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("body"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("digest item")
        verbose_name_plural = _("digest items")
        indexes = [models.Index(fields=["sent_at", "user"])]

    def __str__(self):
        return f"{self.user}: {self.message or self.subject}"


class AssistedAction(models.Model):
    """The audit record of something staff did at a desk in a resident's name (portal.residents.record_assisted).

    Kept when the resident withdraws what was recorded: it says what happened, not what is in force.
    `target` is the row that was created (a vote, a registration, …) in whichever app it lives.
    """

    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("registration")
        VOTE = "vote", _("vote")
        EVALUATION = "evaluation", _("evaluation")
        VOLUNTEER = "volunteer", _("volunteer sign-up")
        DISTRICT = "district", _("district confirmation")

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="+"
    )
    organizer = models.ForeignKey(
        Organizer, verbose_name=_("organizer"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        related_name="assisted_actions",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    target_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("recorded as"), on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(_("record number"))
    consent_noted = models.BooleanField(_("resident agreed"), default=False)
    created_at = models.DateTimeField(_("when"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("assisted action")
        verbose_name_plural = _("assisted actions")
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.resident} ({self.staff})"


class AccountBlock(models.Model):
    """The record of a moderator blocking an account (the account itself is made inactive)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE, related_name="blocks"
    )
    blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("blocked by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("blocked"), default=timezone.now, editable=False)

    class Meta:
        db_table = "events_accountblock"  # moved from the events app; the table kept its name
        ordering = ["-created_at", "-id"]
        verbose_name = _("account block")
        verbose_name_plural = _("account blocks")

    def __str__(self):
        return f"{self.user}: {self.reason[:40]}"


class Interaction(models.Model):
    """One reading, listening, viewing or borrowing (portal.interactions): what, where, when, and by whom
    only when the person agreed to personalised recommendations. Written in batches, read by analytics."""

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        READ = "read", _("read or played")
        BORROW = "borrow", _("borrowed")
        HOLD = "hold", _("placed a hold")

    target_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("kind of object"), on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(_("object number"))
    target = GenericForeignKey("target_type", "target_id")
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interactions",
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        indexes = [
            models.Index(fields=["target_type", "target_id", "action"]),
            models.Index(fields=["user", "created_at"]),
        ]

    def __str__(self):
        return f"{self.get_action_display()} {self.target_type.model} #{self.target_id}"


class BackgroundJob(models.Model):
    """A long piece of work (an import, a tiling) with its progress and a per-row report for staff.

    `report` is a list of {"row", "outcome", "message", "object_id"}; `outcome` is created, updated
    or refused. The input a job works on lives under MEDIA_ROOT/jobs/, never under public/.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=40)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    total = models.PositiveIntegerField(_("total"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    report = models.JSONField(_("report"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)
    options = models.JSONField(_("options"), default=dict, blank=True)
    input_file = models.FileField(_("input file"), upload_to="jobs/", max_length=200, blank=True)
    organizer = models.ForeignKey(
        Organizer, verbose_name=_("organizer"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now, editable=False)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self):
        return f"{self.kind} #{self.pk}"

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else (100 if self.status == self.Status.DONE else 0)
