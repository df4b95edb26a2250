"""Events and registrations: the data rules (fields, constraints, clean()); workflows live in services.py."""

import secrets
from datetime import timedelta
from decimal import Decimal

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from portal import media
from portal.categories import Category
from portal.dates import date_errors
from portal.models import Organizer, Profile, Venue

# Rich text in descriptions is whatever staff paste from a word processor; only this survives.
DESCRIPTION_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3"}
DESCRIPTION_ATTRIBUTES = {"a": {"href"}}
DESCRIPTION_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_description(html):
    """The only HTML a description may keep; anything else (scripts, styles, handlers, images) is dropped."""
    if not html:
        return html
    return nh3.clean(
        html, tags=DESCRIPTION_TAGS, attributes=DESCRIPTION_ATTRIBUTES, url_schemes=DESCRIPTION_URL_SCHEMES
    )


def new_ticket_code():
    """128 random bits, URL-safe: unguessable, so a code alone may be shown as a QR code and checked in."""
    return secrets.token_urlsafe(16)


# Age bands an event or a proposal is meant for, and the boolean field that says so on both models.
AUDIENCE_FIELDS = {
    Profile.AgeBand.CHILD: "for_children",
    Profile.AgeBand.TEEN: "for_teens",
    Profile.AgeBand.ADULT: "for_adults",
    Profile.AgeBand.SENIOR: "for_seniors",
}


def audience_bands(obj):
    """The age bands `obj` (an Event or a Proposal) is for, as Profile.AgeBand values."""
    return [band for band, field in AUDIENCE_FIELDS.items() if getattr(obj, field)]


class EventSeries(models.Model):
    """Events created from one pattern (a weekly class): each occurrence is a full Event linked here."""

    organizer = models.ForeignKey(
        Organizer, verbose_name=_("organizer"), on_delete=models.PROTECT, related_name="event_series"
    )
    title = models.CharField(_("title"), max_length=200)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self):
        return self.title


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Event.Status.PUBLISHED)

    def public(self):
        """Events anyone may read: published, or cancelled after being published (so registrants see why).

        The one visibility rule: an event that was never published is never public, cancelled or not.
        """
        return self.filter(
            Q(status=Event.Status.PUBLISHED) | Q(status=Event.Status.CANCELLED, published_at__isnull=False)
        )

    def upcoming(self, now=None):
        return self.filter(end__gt=now or timezone.now())

    def with_counts(self):
        """Annotate `confirmed_seats` and `waitlisted_count` in one query (lists must not count per row)."""
        return self.annotate(
            confirmed_seats=Sum(
                "registrations__party_size",
                filter=Q(registrations__status=Registration.Status.CONFIRMED),
                default=0,
            ),
            waitlisted_count=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)),
        )


class Event(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    class Language(models.TextChoices):
        MANDARIN = "mandarin", _("Mandarin")
        ENGLISH = "english", _("English")
        BILINGUAL = "bilingual", _("Mandarin and English")
        DIALECT = "dialect", _("Local dialect")

    organizer = models.ForeignKey(
        Organizer, verbose_name=_("organizer"), on_delete=models.PROTECT, related_name="events"
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        on_delete=models.PROTECT,
        related_name="events",
        null=True,
        blank=True,
        help_text=_("Leave empty for an online event."),
    )
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("series"),
        on_delete=models.SET_NULL,
        related_name="events",
        null=True,
        blank=True,
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Part of the event's address; made from the English title when left empty."),
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Paragraphs, bold, italics, lists, links and sub-headings are kept; other formatting is removed."),
    )
    category = models.CharField(_("category"), max_length=30, choices=Category.choices, default=Category.OTHER)
    for_children = models.BooleanField(_("for children"), default=False)
    for_teens = models.BooleanField(_("for teenagers"), default=False)
    for_adults = models.BooleanField(_("for adults"), default=True)
    for_seniors = models.BooleanField(_("for seniors"), default=False)
    language = models.CharField(_("language"), max_length=12, choices=Language.choices, default=Language.MANDARIN)
    image = models.ImageField(_("image"), upload_to="public/events/", blank=True)
    image_thumbnail = models.ImageField(
        _("image thumbnail"), upload_to="public/events/thumbs/", blank=True, editable=False
    )
    start = models.DateTimeField(_("starts"), db_index=True)
    end = models.DateTimeField(_("ends"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    is_free = models.BooleanField(_("free of charge"), default=True)
    price = models.DecimalField(
        _("price (yuan)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Shown to residents only; the portal takes no payments."),
    )
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Leave empty when the number of places is not limited.")
    )
    waitlist_enabled = models.BooleanField(_("waiting list"), default=True)
    waitlist_limit = models.PositiveIntegerField(
        _("waiting list limit"), null=True, blank=True, help_text=_("Leave empty for a waiting list without limit.")
    )
    registration_opens = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Leave empty to open when published.")
    )
    registration_closes = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Leave empty to close when the event starts.")
    )
    max_party_size = models.PositiveSmallIntegerField(
        _("places per registration"), default=1, help_text=_("How many people one resident may register at once.")
    )
    cancellation_deadline = models.DateTimeField(
        _("cancellation deadline"),
        null=True,
        blank=True,
        help_text=_("Until when residents may cancel a confirmed place; leave empty to allow it until the start."),
    )
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    livestream_url = models.URLField(_("livestream address"), blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    sequence = models.PositiveIntegerField(
        _("revision"), default=0, editable=False, help_text=_("Raised when the date, place or status changes.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=0), name="events_event_capacity_not_negative"),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="events_event_ends_after_start"),
            models.CheckConstraint(condition=Q(max_party_size__gte=1), name="events_event_party_size_at_least_one"),
        ]
        indexes = [models.Index(fields=["status", "start"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for field in self._description_fields():
            setattr(self, field, sanitize_description(getattr(self, field)))
        if not self.slug:
            self.slug = self._new_slug()
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)
        media.schedule_thumbnail(self, source="image", target="image_thumbnail")

    def get_absolute_url(self):
        return f"/events/{self.slug}/"

    @property
    def party_size_limit(self):
        """Places one registration may take: the event's own limit, never above EVENTS_MAX_PARTY_SIZE
        (an event saved before that bound existed may carry more)."""
        return max(1, min(self.max_party_size, settings.EVENTS_MAX_PARTY_SIZE))

    @property
    def check_in_opens_at(self):
        return self.start - timedelta(hours=settings.EVENTS_CHECK_IN_OPENS_HOURS)

    def get_ics_url(self):
        return f"/events/{self.slug}.ics"

    DATE_FIELDS = ["start", "end", "registration_opens", "registration_closes", "cancellation_deadline"]

    def clean(self):
        from .urls import RESERVED_SLUGS  # the URL configuration imports the views, which import the models

        errors = date_errors(self, self.DATE_FIELDS)
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("“%(slug)s” is a fixed part of the site's addresses; choose another slug.") % {
                "slug": self.slug
            }
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The event must end after it starts.")
        if self.status == self.Status.CANCELLED and not (self.cancellation_reason or "").strip():
            errors["cancellation_reason"] = _("Tell residents why the event is cancelled.")
        if not self.is_free and self.price is None:
            errors["price"] = _("Give the price, or mark the event as free of charge.")
        if self.price is not None and Decimal(str(self.price)) < 0:
            errors["price"] = _("The price cannot be negative.")
        party_limit = min(settings.EVENTS_MAX_PARTY_SIZE, self.capacity or settings.EVENTS_MAX_PARTY_SIZE)
        if self.max_party_size is not None and self.max_party_size > max(party_limit, 1):
            errors["max_party_size"] = _("At most %(max)d places per registration for this event.") % {
                "max": max(party_limit, 1)
            }
        if self.registration_opens and self.registration_closes and self.registration_closes <= self.registration_opens:
            errors["registration_closes"] = _("Registration must close after it opens.")
        if self.registration_closes and self.end and self.registration_closes > self.end:
            errors["registration_closes"] = _("Registration cannot close after the event has ended.")
        if self.registration_opens and self.end and self.registration_opens >= self.end:
            errors["registration_opens"] = _("Registration must open before the event ends.")
        if self.cancellation_deadline and self.end and self.cancellation_deadline > self.end:
            errors["cancellation_deadline"] = _("The cancellation deadline cannot be after the event has ended.")
        if self.waitlist_limit is not None and not self.waitlist_enabled:
            errors["waitlist_limit"] = _("A waiting list limit needs the waiting list to be switched on.")
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def _description_fields():
        return ["description"] + [f"description_{code.replace('-', '_')}" for code, _name in settings.LANGUAGES]

    def _new_slug(self):
        base = slugify(getattr(self, "title_en", "") or "")[:60].strip("-") or "event"
        while True:
            slug = f"{base}-{secrets.token_hex(3)}"
            if not Event.objects.filter(slug=slug).exists():
                return slug

    # --- Seats and registration --------------------------------------------------------------------

    @property
    def seats_taken(self):
        """Seats held by confirmed registrations (uses the `with_counts()` annotation when present)."""
        annotated = getattr(self, "confirmed_seats", None)
        if annotated is not None:
            return annotated
        return self.registrations.filter(status=Registration.Status.CONFIRMED).aggregate(
            seats=Sum("party_size", default=0)
        )["seats"]

    @property
    def seats_left(self):
        """Free seats, or None when the number of places is not limited."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.seats_taken, 0)

    @property
    def waitlist_size(self):
        annotated = getattr(self, "waitlisted_count", None)
        if annotated is not None:
            return annotated
        return self.registrations.filter(status=Registration.Status.WAITLISTED).count()

    @property
    def waitlist_has_room(self):
        return self.waitlist_enabled and (self.waitlist_limit is None or self.waitlist_size < self.waitlist_limit)

    @property
    def is_past(self):
        return self.end <= timezone.now()

    @property
    def has_started(self):
        return self.start <= timezone.now()

    @property
    def is_online(self):
        return self.venue_id is None

    @property
    def registration_closes_at(self):
        """When registration ends: the set closing time, else the start."""
        return self.registration_closes or self.start

    @property
    def cancellation_deadline_at(self):
        """Until when a confirmed place may be given back by the resident: the set deadline, else the start."""
        return self.cancellation_deadline or self.start

    def window_closed(self, now=None):
        """(code, user-facing reason) when the registration window is shut, else None; seats are not looked at."""
        now = now or timezone.now()
        if self.status == self.Status.CANCELLED:
            return "cancelled", _("This event has been cancelled.")
        if self.status != self.Status.PUBLISHED:
            return "not_published", _("This event is not open for registration.")
        if self.end <= now:
            return "past", _("This event is over.")
        if self.registration_opens and now < self.registration_opens:
            when = formats.date_format(timezone.localtime(self.registration_opens), "DATETIME_FORMAT")
            return "not_open_yet", _("Registration opens on %(date)s.") % {"date": when}
        if now >= self.registration_closes_at:
            return "closed", _("Registration for this event has closed.")
        return None

    def registration_closed_reason(self, now=None):
        """Why a resident cannot register now (translated, for pages and the API), or None when they can."""
        closed = self.window_closed(now)
        if closed:
            return closed[1]
        if self.seats_left is not None and self.seats_left == 0 and not self.waitlist_has_room:
            return _("This event is full.")
        return None

    @property
    def registration_open(self):
        return self.registration_closed_reason() is None

    @property
    def audiences(self):
        flags = [
            (self.for_children, _("Children")),
            (self.for_teens, _("Teenagers")),
            (self.for_adults, _("Adults")),
            (self.for_seniors, _("Seniors")),
        ]
        return [label for present, label in flags if present]


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
    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="registrations")
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

    def get_admin_url(self):
        return reverse("admin:events_noshowpenalty_change", args=[self.pk])


# --- Participation: proposals, voting rounds, votes, comments --------------------------------------------
# Residents propose activities, vote on them in rounds, and discuss them; staff turn the chosen ones into
# events. The workflows live in events/participation.py; here are the data rules.


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


class Proposal(models.Model):
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
    for_children = models.BooleanField(_("for children"), default=False)
    for_teens = models.BooleanField(_("for teenagers"), default=False)
    for_adults = models.BooleanField(_("for adults"), default=False)
    for_seniors = models.BooleanField(_("for seniors"), default=False)
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
    def audiences(self):
        flags = [
            (self.for_children, _("Children")),
            (self.for_teens, _("Teenagers")),
            (self.for_adults, _("Adults")),
            (self.for_seniors, _("Seniors")),
        ]
        return [label for present, label in flags if present]

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
        ordering = ["-created_at", "-id"]
        verbose_name = _("account block")
        verbose_name_plural = _("account blocks")

    def __str__(self):
        return f"{self.user}: {self.reason[:40]}"


# --- Volunteers ---------------------------------------------------------------------------------------
# An event may offer volunteer roles (usher, photographer, helper for seniors), each with a number of
# slots. The rules (slots counted under the event lock, one role per person and event) live in
# events/volunteering.py.


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


# --- Evaluations: residents rate the events they attended; organizers read the feedback ----------------
# The workflows live in events/evaluations.py, the reading of the numbers in events/feedback.py.


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
    def author_name(self):
        """The resident's public name, or "Anonymous": the one way any page or file names an evaluation's author."""
        return _("Anonymous") if self.anonymous else self.user.public_name

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
