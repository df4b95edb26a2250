"""Bilingual event fields (django-modeltranslation): each adds `<field>_zh_hans` and `<field>_en` columns."""

from modeltranslation.translator import TranslationOptions, register

from .models import Event, EventSeries


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "accessibility_notes")


@register(EventSeries)
class EventSeriesTranslation(TranslationOptions):
    fields = ("title",)


# --- Participation ------------------------------------------------------------------------------
from .models import Proposal, VotingRound  # noqa: E402


@register(Proposal)
class ProposalTranslation(TranslationOptions):
    fields = ("title", "description")


@register(VotingRound)
class VotingRoundTranslation(TranslationOptions):
    fields = ("title",)


# --- Volunteers ---------------------------------------------------------------------------------
from .models import VolunteerRole  # noqa: E402


@register(VolunteerRole)
class VolunteerRoleTranslation(TranslationOptions):
    fields = ("name", "description")
