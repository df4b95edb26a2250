"""Staff describe their organizers' resources, subjects and collections; saving goes through library.services."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from portal.admin_actions import ServiceActionsMixin
from portal.admin_lookups import ManagedRelatedOnlyFilter
from portal.scoping import OrganizerScopedAdminMixin, scope

from ..models import Collection, Resource, ResourceImage, Subject
from ..services import catalog, files
from .imports import ImportViewsMixin


class ResourceForm(forms.ModelForm):
    """Checks a new file by its content and size (library.services.files) while the form can still say so."""

    class Meta:
        model = Resource
        fields = ["kind", "file", "cover", "captions"]  # the admin's fieldsets give the rest

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        upload = self.files.get(self.add_prefix("file")) and cleaned.get("file")
        if kind and upload:
            self._check(lambda: files.check_file(upload, kind), "file")
        elif kind and self.instance.file and "kind" in self.changed_data and "file" not in self.changed_data:
            self._check(lambda: self._check_stored_file(kind), "kind")
        for name in ("cover", "captions"):
            extra = self.files.get(self.add_prefix(name))
            if extra:
                self._check(lambda extra=extra: files.check_size(extra), name)
        return cleaned

    def _check_stored_file(self, kind):
        with self.instance.file.open("rb") as stored:
            files.check_file(stored, kind)

    def _check(self, check, field):
        try:
            check()
        except ValidationError as exc:
            self.add_error(field, exc.messages)


class ResourceImageForm(forms.ModelForm):
    class Meta:
        model = ResourceImage
        fields = ["position", "image", "caption"]

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and self.files.get(self.add_prefix("image")):
            files.check_file(image, Resource.Kind.IMAGES)
        return image


class ResourceImageInline(TranslationTabularInline):
    model = ResourceImage
    form = ResourceImageForm
    fields = ["position", "image", "caption"]
    extra = 0
    ordering = ["position", "id"]


@admin.register(Resource)
class ResourceAdmin(ImportViewsMixin, ServiceActionsMixin, OrganizerScopedAdminMixin, TranslationAdmin):
    form = ResourceForm
    list_display = ["title", "kind", "creator", "date", "access", "organizer", "identifier", "withdrawn_at"]
    list_filter = [
        "kind",
        "access",
        "category",
        "rights_statement",
        "language",
        ("organizer", ManagedRelatedOnlyFilter),
        ("subjects", admin.RelatedOnlyFieldListFilter),
        ("collections", ManagedRelatedOnlyFilter),
        ("withdrawn_at", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["organizer"]
    search_fields = [
        "title_zh_hans",
        "title_en",
        "creator",
        "contributor",
        "publisher",
        "identifier",
        "subjects__name_zh_hans",
        "subjects__name_en",
    ]
    date_hierarchy = "created_at"
    autocomplete_fields = ["organizer", "subjects", "collections"]
    readonly_fields = ["file_format", "file_size", "created_at", "modified_at", "withdrawn_at"]
    inlines = [ResourceImageInline]
    actions = ["withdraw"]
    fieldsets = [
        (None, {"fields": ["organizer", "kind", "title", "description", "category"]}),
        (
            gettext_lazy("Dublin Core"),
            {
                "fields": [
                    "creator",
                    "contributor",
                    "publisher",
                    "date",
                    "identifier",
                    "subjects",
                    "collections",
                    "language",
                    "source",
                    "relation",
                    "coverage",
                ]
            },
        ),
        (gettext_lazy("Rights and access"), {"fields": ["rights_statement", "credit_line", "access", "licences"]}),
        (
            gettext_lazy("Files"),
            {"fields": ["file", "file_format", "file_size", "captions", "transcript", "body", "cover"]},
        ),
        (gettext_lazy("Record"), {"classes": ["collapse"], "fields": ["created_at", "modified_at", "withdrawn_at"]}),
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.related_model is Collection:
            kwargs["queryset"] = scope(request.user, Collection.objects.all())
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        """Through catalog.save_resource: the file is checked and the search index written with the row."""
        # (Django's change form runs in one transaction: the resource, its subjects and images, or nothing.)
        upload = (
            form.cleaned_data.get("file") if "file" in form.changed_data and form.cleaned_data.get("file") else None
        )
        if form.cleaned_data.get("file") is False:  # "clear" ticked
            obj.file_format, obj.file_size = "", 0
        catalog.save_resource(
            resource=obj,
            upload=upload,
            subjects=form.cleaned_data.get("subjects"),
            collections=form.cleaned_data.get("collections"),
        )

    @admin.action(description=gettext_lazy("Withdraw selected resources"), permissions=["change"])
    def withdraw(self, request, queryset):
        self._each(
            request,
            queryset.filter(withdrawn_at=None),
            lambda resource: catalog.withdraw_resource(resource=resource),
            _("%(count)d resource(s) withdrawn: hidden everywhere, harvested as deleted."),
        )


@admin.register(Subject)
class SubjectAdmin(TranslationAdmin):
    """The shared subject vocabulary: staff add headings; changing one changes it for every organizer."""

    list_display = ["name", "slug"]
    search_fields = ["name_zh_hans", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Collection)
class CollectionAdmin(OrganizerScopedAdminMixin, TranslationAdmin):
    list_display = ["title", "slug", "organizer"]
    list_filter = [("organizer", ManagedRelatedOnlyFilter)]
    list_select_related = ["organizer"]
    search_fields = ["title_zh_hans", "title_en", "slug"]
    autocomplete_fields = ["organizer"]
    prepopulated_fields = {"slug": ["title_en"]}
