"""Bilingual content fields (django-modeltranslation): each adds `<field>_zh_hans` and `<field>_en` columns."""

from modeltranslation.translator import TranslationOptions, register

from .models import District, Organizer, Venue


@register(District)
class DistrictTranslation(TranslationOptions):
    fields = ("name",)


@register(Organizer)
class OrganizerTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Venue)
class VenueTranslation(TranslationOptions):
    fields = ("name", "address", "accessibility_notes", "opening_hours")
