"""Activity categories, shared by events, proposals and residents' interests."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    PERFORMANCE = "performance", _("Performance")
    LECTURE = "lecture", _("Lecture")
    WORKSHOP = "workshop", _("Workshop or training class")
    FILM = "film", _("Film")
    READING = "reading", _("Reading")
    EXHIBITION_TOUR = "exhibition-tour", _("Exhibition tour")
    HERITAGE = "heritage", _("Folk custom and intangible heritage")
    SPORTS = "sports", _("Sports and fitness")
    FAMILY = "family", _("Children and family")
    OTHER = "other", _("Other")
