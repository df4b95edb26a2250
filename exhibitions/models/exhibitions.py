"""Exhibitions, their sections, items and images: the data rules (workflows live in services/)."""

import secrets
from functools import cache
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import get_resolver
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from portal import media
from portal.categories import Category
from portal.models import Organizer
from portal.rights import RightsStatement, rights_name


def cover_path(instance, filename):
    return f"public/exhibitions/covers/{secrets.token_urlsafe(12)}{PurePosixPath(filename).suffix.lower()[:10]}"


def original_path(instance, filename):
    """Originals live outside public/, under a random name: only a permission-checking view sends them."""
    return f"exhibitions/originals/{secrets.token_urlsafe(24)}{PurePosixPath(filename).suffix.lower()[:10]}"


def audio_guide_path(instance, filename):
    return f"public/exhibitions/audio/{secrets.token_urlsafe(12)}{PurePosixPath(filename).suffix.lower()[:10]}"


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name


# Kept off slugs whether or not a route uses them yet: the images' own paths (originals) and IIIF.
RESERVED_SLUGS = {"images", "iiif"}


@cache
def reserved_slugs():
    """The first segments after exhibitions/ of the app's fixed paths (and RESERVED_SLUGS): an exhibition slug
    equal to one would be shadowed by it. Read from the loaded URL configuration, not imported (the URL
    configuration imports the views, which import these models)."""
    segments = set(RESERVED_SLUGS)
    for route in _routes(get_resolver().url_patterns):
        if route.startswith("exhibitions/") and not route.startswith("exhibitions/<"):
            segment = route.removeprefix("exhibitions/").split("/")[0]
            if segment:
                segments.add(segment.split(".")[0])
    return frozenset(segments)


def _routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if hasattr(pattern, "url_patterns"):
            yield from _routes(pattern.url_patterns, route)
        else:
            yield route


class ExhibitionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Exhibition.Status.PUBLISHED)

    def open_on(self, day):
        """Exhibitions on show on `day`: opened (or no opening date) and not yet closed (or no closing date)."""
        return self.filter(Q(opens_on__isnull=True) | Q(opens_on__lte=day)).filter(
            Q(closes_on__isnull=True) | Q(closes_on__gte=day)
        )


class Exhibition(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")

    organizer = models.ForeignKey(
        Organizer, verbose_name=_("organizer"), on_delete=models.PROTECT, related_name="exhibitions"
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        _("publish at"), null=True, blank=True, help_text=_("A scheduled exhibition is published at this time.")
    )
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    curator = models.CharField(_("curator"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, default=Category.OTHER)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    cover = models.ImageField(_("cover image"), upload_to=cover_path, max_length=200, blank=True)
    cover_thumbnail = models.ImageField(max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    modified_at = models.DateTimeField(_("modified"), auto_now=True)

    objects = ExhibitionQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("exhibition")
        verbose_name_plural = _("exhibitions")
        indexes = [models.Index(fields=["status", "publish_at"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        media.schedule_thumbnail(self, source="cover", target="cover_thumbnail")

    def get_absolute_url(self):
        return f"/exhibitions/{self.slug}/"

    def get_manifest_url(self):
        return f"/iiif/{self.slug}/manifest.json"

    @property
    def summary(self):
        """The introduction's first paragraph, at most 40 words: what lists, cards and the API show."""
        first = (self.introduction or "").strip().split("\n\n")[0]
        return Truncator(" ".join(first.split())).words(40)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def is_open_on(self, day):
        return (self.opens_on is None or self.opens_on <= day) and (self.closes_on is None or self.closes_on >= day)

    def clean(self):
        errors = {}
        if self.slug in reserved_slugs():
            errors["slug"] = _("“%(slug)s” is a fixed part of the site's addresses; choose another slug.") % {
                "slug": self.slug
            }
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("An exhibition cannot close before it opens.")
        if self.status == self.Status.SCHEDULED and self.publish_at is None:
            errors["publish_at"] = _("Say when the scheduled exhibition is to be published.")
        if errors:
            raise ValidationError(errors)


class Section(models.Model):
    """A text block of the exhibition's story, in order; items may belong to one."""

    exhibition = models.ForeignKey(
        Exhibition, verbose_name=_("exhibition"), on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.title

    @property
    def organizer_id(self):
        """The exhibition's organizer, so portal.scoping.can_manage(user, section) works."""
        return self.exhibition.organizer_id


class Item(models.Model):
    """An artwork or artifact on show, with its images, audio guide, rights and credit."""

    class Kind(models.TextChoices):
        ARTWORK = "artwork", _("Artwork")
        ARTIFACT = "artifact", _("Artifact")

    exhibition = models.ForeignKey(
        Exhibition, verbose_name=_("exhibition"), on_delete=models.CASCADE, related_name="items"
    )
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.SET_NULL, null=True, blank=True, related_name="items"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ARTWORK)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, default=Category.OTHER)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    creator = models.CharField(_("creator"), max_length=200, blank=True)
    date = models.CharField(_("date"), max_length=60, blank=True)
    medium = models.CharField(_("medium"), max_length=200, blank=True)
    dimensions = models.CharField(_("dimensions"), max_length=120, blank=True)
    provenance = models.TextField(_("provenance"), blank=True)
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), related_name="items", blank=True)
    audio_guide = models.FileField(_("audio guide"), upload_to=audio_guide_path, max_length=200, blank=True)
    transcript = models.TextField(_("audio guide transcript"), blank=True)
    rights_statement = models.CharField(
        _("rights statement"), max_length=100, choices=RightsStatement.choices, default=RightsStatement.IN_COPYRIGHT
    )
    credit_line = models.CharField(_("credit line"), max_length=300, blank=True)
    watermark = models.BooleanField(
        _("watermark and size cap"),
        default=False,
        help_text=_("The rights holder asks for a visible watermark and a size cap on every public image."),
    )
    allow_full_download = models.BooleanField(
        _("full-resolution download"), default=False, help_text=_("The rights allow downloading the original.")
    )
    # Links across apps by name only: exhibitions never import events or library models.
    library_resource = models.ForeignKey(
        "library.Resource",
        verbose_name=_("library resource"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("item")
        verbose_name_plural = _("items")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"/exhibitions/{self.exhibition.slug}/items/{self.pk}/"

    @property
    def organizer_id(self):
        """The exhibition's organizer, so portal.scoping.can_manage(user, item) works."""
        return self.exhibition.organizer_id

    @property
    def rights_name(self):
        return rights_name(self.rights_statement)

    def clean(self):
        if self.section_id and self.exhibition_id and self.section.exhibition_id != self.exhibition_id:
            raise ValidationError({"section": _("The section must belong to the item's exhibition.")})


class ItemImage(models.Model):
    """One image of an item: the original (protected), web derivatives and IIIF level-0 tiles (public)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be processed")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Refused")

    item = models.ForeignKey(Item, verbose_name=_("item"), on_delete=models.CASCADE, related_name="images")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    original = models.ImageField(_("image"), upload_to=original_path, max_length=200)
    alt_text = models.CharField(
        _("text alternative"), max_length=300, blank=True, help_text=_("What the image shows, for screen readers.")
    )
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(_("error"), blank=True)
    # Where the published files are, relative to MEDIA_ROOT/public/: {"iiif": "iiif/<key>", "sizes": [...]}.
    derivatives = models.JSONField(_("derivatives"), default=dict, blank=True, editable=False)
    job = models.ForeignKey(
        "portal.BackgroundJob", verbose_name=_("processing"), on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.alt_text or f"{self.item} #{self.position}"

    @property
    def organizer_id(self):
        """The exhibition's organizer, so portal.scoping.can_manage(user, image) works."""
        return self.item.exhibition.organizer_id

    @property
    def is_ready(self):
        return self.status == self.Status.READY and bool(self.derivatives.get("sizes"))

    @property
    def sizes(self):
        """The web derivatives, smallest first: [{"width", "height", "jpeg", "webp"}] (paths under public/)."""
        return sorted(self.derivatives.get("sizes") or [], key=lambda size: size["width"])

    @property
    def largest(self):
        sizes = self.sizes
        return sizes[-1] if sizes else None

    @property
    def info_path(self):
        """info.json of the IIIF level-0 tiles, under public/ ("" until they are made)."""
        if self.derivatives.get("info"):
            return self.derivatives["info"]
        return f"{self.derivatives['iiif']}/info.json" if self.derivatives.get("iiif") else ""

    def public_url(self, path):
        """The address of a published file of this image (`path` relative to MEDIA_ROOT/public/)."""
        return f"{settings.MEDIA_URL}public/{path}" if path else ""

    def srcset(self, kind="jpeg"):
        """`srcset` for an <img> or <source>: every derivative of `kind` ("jpeg" or "webp") with its width."""
        return ", ".join(f"{self.public_url(size[kind])} {size['width']}w" for size in self.sizes if size.get(kind))

    def src(self, max_width=1200):
        """The largest JPEG derivative not wider than `max_width` (else the smallest): a plain <img> src."""
        sizes = [size for size in self.sizes if size.get("jpeg")]
        if not sizes:
            return ""
        fitting = [size for size in sizes if size["width"] <= max_width] or sizes[:1]
        return self.public_url(fitting[-1]["jpeg"])

    @property
    def srcset_jpeg(self):
        return self.srcset("jpeg")

    @property
    def srcset_webp(self):
        return self.srcset("webp")

    @property
    def default_src(self):
        return self.src()

    @property
    def info_url(self):
        return self.public_url(self.info_path)
