"""The catalog: resources with Dublin Core metadata, their subjects and collections (workflows in services/)."""

import secrets
from pathlib import PurePosixPath

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import media
from portal.categories import Category
from portal.models import Organizer
from portal.rights import RightsStatement, rights_name


def resource_file_path(instance, filename):
    """Resource files live outside media/public/, under a random name: only the checking view sends them."""
    return f"library/files/{secrets.token_urlsafe(24)}{PurePosixPath(filename).suffix.lower()[:10]}"


def captions_file_path(instance, filename):
    return f"library/captions/{secrets.token_urlsafe(24)}.vtt"


def cover_path(instance, filename):
    return f"public/library/covers/{secrets.token_urlsafe(12)}{PurePosixPath(filename).suffix.lower()[:10]}"


class Subject(models.Model):
    """A Dublin Core subject heading (bilingual name)."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")

    def __str__(self):
        return self.name


class Collection(models.Model):
    """A named group of resources (an OAI-PMH set)."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    organizer = models.ForeignKey(
        Organizer, verbose_name=_("organizer"), on_delete=models.PROTECT, related_name="library_collections"
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def __str__(self):
        return self.title


class Resource(models.Model):
    """One work in the online library: its Dublin Core record, its file and who may read it."""

    class Kind(models.TextChoices):
        EBOOK = "ebook", _("E-book")
        AUDIO = "audio", _("Audio")
        VIDEO = "video", _("Video")
        ARTICLE = "article", _("Article")
        IMAGES = "images", _("Image set")

    class Access(models.TextChoices):
        OPEN = "open", _("Open to everyone")
        RESIDENTS = "residents", _("Signed-in residents")
        LENDING = "lending", _("Lending-controlled")
        STAFF = "staff", _("Staff only")

    # The DCMI Type Vocabulary term for each kind (dc:type).
    DCMI_TYPES = {
        Kind.EBOOK: "Text",
        Kind.AUDIO: "Sound",
        Kind.VIDEO: "MovingImage",
        Kind.ARTICLE: "Text",
        Kind.IMAGES: "StillImage",
    }

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    organizer = models.ForeignKey(
        Organizer, verbose_name=_("organizer"), on_delete=models.PROTECT, related_name="library_resources"
    )
    access = models.CharField(_("access"), max_length=10, choices=Access.choices, default=Access.OPEN)
    licences = models.PositiveSmallIntegerField(
        _("licences"), default=1, help_text=_("How many people may borrow it at once (lending-controlled only).")
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, default=Category.READING)

    # Dublin Core: title and description are bilingual (translation.py); the rest as catalogued.
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    creator = models.CharField(_("creator"), max_length=300, blank=True)
    contributor = models.CharField(_("contributor"), max_length=300, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    date = models.CharField(
        _("date"), max_length=20, blank=True, help_text=_("Year, year-month or full date, for example 1923 or 1923-05.")
    )
    year = models.SmallIntegerField(_("year"), null=True, blank=True, editable=False)
    identifier = models.CharField(
        _("identifier"), max_length=120, blank=True, help_text=_("ISBN, ISSN or another stable identifier.")
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True, help_text=_("ISO 639 code: zh, en, …"))
    relation = models.CharField(_("relation"), max_length=300, blank=True)
    coverage = models.CharField(_("coverage"), max_length=300, blank=True)
    subjects = models.ManyToManyField(Subject, verbose_name=_("subjects"), related_name="resources", blank=True)
    collections = models.ManyToManyField(
        Collection, verbose_name=_("collections"), related_name="resources", blank=True
    )
    rights_statement = models.CharField(
        _("rights statement"), max_length=100, choices=RightsStatement.choices, default=RightsStatement.IN_COPYRIGHT
    )
    credit_line = models.CharField(_("credit line"), max_length=300, blank=True)

    file = models.FileField(_("file"), upload_to=resource_file_path, max_length=200, blank=True)
    file_format = models.CharField(_("format"), max_length=80, blank=True, help_text=_("MIME type of the file."))
    file_size = models.PositiveBigIntegerField(_("file size"), default=0, editable=False)
    captions = models.FileField(_("captions (WebVTT)"), upload_to=captions_file_path, max_length=200, blank=True)
    transcript = models.TextField(_("transcript"), blank=True)
    body = models.TextField(
        _("article text"), blank=True, help_text=_("An article may be given as text (simple HTML) instead of a file.")
    )
    cover = models.ImageField(_("cover image"), upload_to=cover_path, max_length=200, blank=True)
    cover_thumbnail = models.ImageField(max_length=200, blank=True, editable=False)

    created_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)
    modified_at = models.DateTimeField(_("modified"), auto_now=True)
    withdrawn_at = models.DateTimeField(
        _("withdrawn"), null=True, blank=True, help_text=_("A withdrawn resource is hidden and harvested as deleted.")
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("library resource")
        verbose_name_plural = _("library resources")
        constraints = [
            models.UniqueConstraint(
                fields=["identifier"], condition=~models.Q(identifier=""), name="library_resource_identifier_unique"
            ),
            models.CheckConstraint(condition=models.Q(licences__gte=1), name="library_resource_licences_positive"),
        ]
        indexes = [
            models.Index(fields=["modified_at"]),
            models.Index(fields=["access", "withdrawn_at"]),
            # Lists without search words come newest first (library.selectors.search).
            models.Index(fields=["-created_at", "-id"], name="library_resource_newest"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.year = _year(self.date)
        super().save(*args, **kwargs)
        media.schedule_thumbnail(self, source="cover", target="cover_thumbnail")

    def get_absolute_url(self):
        return f"/library/{self.pk}/"

    @property
    def dc_type(self):
        return self.DCMI_TYPES[self.kind]

    @property
    def rights_name(self):
        return rights_name(self.rights_statement)

    @property
    def is_lending_controlled(self):
        return self.access == self.Access.LENDING


def _year(date):
    head = (date or "").strip()[:4]
    return int(head) if head.isdigit() else None


def image_file_path(instance, filename):
    return f"library/images/{secrets.token_urlsafe(24)}{PurePosixPath(filename).suffix.lower()[:10]}"


class ResourceImage(models.Model):
    """One picture of an image set, in order; protected like the resource's file."""

    resource = models.ForeignKey(Resource, verbose_name=_("resource"), on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("image"), upload_to=image_file_path, max_length=200)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.caption or f"{self.resource} #{self.position}"
