"""Bilingual library fields (django-modeltranslation): each adds `<field>_zh_hans` and `<field>_en` columns."""

from modeltranslation.translator import TranslationOptions, register

from .models import Collection, Resource, ResourceImage, Subject


@register(Resource)
class ResourceTranslation(TranslationOptions):
    fields = ("title", "description", "credit_line", "transcript")


@register(Subject)
class SubjectTranslation(TranslationOptions):
    fields = ("name",)


@register(Collection)
class CollectionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(ResourceImage)
class ResourceImageTranslation(TranslationOptions):
    fields = ("caption",)
