"""Bilingual exhibition fields (django-modeltranslation): each adds `<field>_zh_hans` and `<field>_en` columns."""

from modeltranslation.translator import TranslationOptions, register

from .models import Exhibition, Item, ItemImage, Section, Tag


@register(Exhibition)
class ExhibitionTranslation(TranslationOptions):
    fields = ("title", "introduction", "curator")


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("title", "body")


@register(Item)
class ItemTranslation(TranslationOptions):
    fields = ("title", "description", "medium", "provenance", "transcript", "credit_line")


@register(ItemImage)
class ItemImageTranslation(TranslationOptions):
    fields = ("alt_text",)


@register(Tag)
class TagTranslation(TranslationOptions):
    fields = ("name",)
