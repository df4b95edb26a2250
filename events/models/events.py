"""Events and registrations: the data rules (fields, constraints, clean()); workflows live in services/."""

import secrets
from datetime import timedelta
from decimal import Decimal
from functools import cache

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q, Sum
from django.urls import get_resolver
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from portal import media
from portal.categories import Category
from portal.dates import date_errors
from portal.models import Organizer, Profile, Venue

from ..formatting import local_text
from .registrations import Registration

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


class AudienceMixin(models.Model):
    """The four audience fields of AUDIENCE_FIELDS; a model may redeclare one to change its default."""

    for_children = models.BooleanField(_("for children"), default=False)
    for_teens = models.BooleanField(_("for teenagers"), default=False)
    for_adults = models.BooleanField(_("for adults"), default=False)
    for_seniors = models.BooleanField(_("for seniors"), default=False)

    class Meta:
        abstract = True

    @property
    def audiences(self):
        flags = [
            (self.for_children, _("Children")),
            (self.for_teens, _("Teenagers")),
            (self.for_adults, _("Adults")),
            (self.for_seniors, _("Seniors")),
        ]
        return [label for present, label in flags if present]


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


@cache
def reserved_slugs():
    """The first segments after events/ of the site's fixed paths (calendar, feed, feedback, tickets …): an
    event slug equal to one would be shadowed by it. Read from the URL configuration, which is loaded by
    then, rather than imported (events.urls imports the views, which import these models)."""
    segments = set()
    for route in _routes(get_resolver().url_patterns):
        if route.startswith("events/") and not route.startswith("events/<"):
            segment = route.removeprefix("events/").split("/")[0].removesuffix(".ics").removesuffix(".csv")
            if segment:
                segments.add(segment)
    return frozenset(segments)


def _routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if hasattr(pattern, "url_patterns"):
            yield from _routes(pattern.url_patterns, route)
        else:
            yield route


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


class Event(AudienceMixin, models.Model):
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
    for_adults = models.BooleanField(_("for adults"), default=True)  # an event is for adults unless told otherwise
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
        errors = date_errors(self, self.DATE_FIELDS)
        if self.slug in reserved_slugs():
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
            when = local_text(self.registration_opens)
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
