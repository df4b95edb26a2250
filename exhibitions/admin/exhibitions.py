"""Curators build exhibitions in the admin; every save and status change goes through exhibitions.services."""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline

from portal.admin_actions import ServiceActionsMixin
from portal.admin_lookups import ManagedRelatedOnlyFilter
from portal.scoping import OrganizerScopedAdminMixin, scope

from ..errors import ExhibitionError
from ..models import Exhibition, Item, ItemImage, Section, Tag
from ..services import exhibitions as services


class ScheduleForm(forms.Form):
    publish_at = forms.SplitDateTimeField(
        label=gettext_lazy("Publish at"),
        widget=forms.SplitDateTimeWidget(date_attrs={"type": "date"}, time_attrs={"type": "time"}),
        help_text=gettext_lazy("The exhibition appears on the site at this time, by itself."),
    )


class SectionInline(TranslationStackedInline):
    model = Section
    fields = ["position", "title", "body"]
    extra = 0
    ordering = ["position", "id"]


class ItemInline(TranslationTabularInline):
    """The exhibition's items in order; each item's texts, images and audio guide are on its own page."""

    model = Item
    fields = ["position", "title", "section", "kind", "creator"]
    extra = 0
    ordering = ["position", "id"]
    show_change_link = True

    def get_formset(self, request, obj=None, **kwargs):
        self._exhibition = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Section:
            exhibition = getattr(self, "_exhibition", None)
            kwargs["queryset"] = Section.objects.filter(exhibition=exhibition) if exhibition else Section.objects.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Exhibition)
class ExhibitionAdmin(ServiceActionsMixin, OrganizerScopedAdminMixin, TranslationAdmin):
    list_display = ["title", "organizer", "status", "publish_at", "opens_on", "closes_on", "preview_link"]
    list_filter = [
        "status",
        "category",
        ("organizer", ManagedRelatedOnlyFilter),
    ]
    list_select_related = ["organizer"]
    date_hierarchy = "opens_on"
    search_fields = ["title_zh_hans", "title_en", "slug", "curator_zh_hans", "curator_en"]
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["organizer"]
    readonly_fields = ["preview_link", "manifest_link", "created_at", "modified_at"]
    inlines = [SectionInline, ItemInline]
    actions = ["publish", "schedule", "withdraw"]
    fieldsets = [
        (None, {"fields": ["organizer", "title", "slug", "introduction", "curator", "category", "cover"]}),
        (gettext_lazy("On show"), {"fields": ["opens_on", "closes_on"]}),
        (
            gettext_lazy("Publication"),
            {
                "fields": ["status", "publish_at", "preview_link", "manifest_link"],
                "description": gettext_lazy(
                    "A draft is seen only by the organizer's staff (use the preview link). A scheduled "
                    "exhibition is published by itself at its time; a published one can be withdrawn to draft."
                ),
            },
        ),
        (gettext_lazy("Record"), {"classes": ["collapse"], "fields": ["created_at", "modified_at"]}),
    ]

    @admin.display(description=gettext_lazy("page"))
    def preview_link(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        label = _("View") if obj.status == Exhibition.Status.PUBLISHED else _("Preview")
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)

    @admin.display(description=gettext_lazy("IIIF manifest"))
    def manifest_link(self, obj):
        if obj is None or obj.pk is None or obj.status != Exhibition.Status.PUBLISHED:
            return _("Once published: the address IIIF viewers open.")
        return format_html('<a href="{0}">{0}</a>', obj.get_manifest_url())

    def save_model(self, request, obj, form, change):
        # Through the services: reserved slugs, dates and status transitions are checked there.
        try:
            services.change_status(exhibition=obj, status=obj.status, publish_at=obj.publish_at, by_user=request.user)
        except ExhibitionError as exc:  # the form checked the same rules; a refusal here is a race
            self.message_user(request, exc.message, messages.ERROR)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return _with_service_checks(form)

    # --- actions ------------------------------------------------------------------------------------

    @admin.action(description=gettext_lazy("Publish selected exhibitions now"), permissions=["change"])
    def publish(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda exhibition: services.publish_exhibition(exhibition=exhibition, by_user=request.user),
            _("%(count)d exhibition(s) published."),
        )

    @admin.action(description=gettext_lazy("Schedule selected exhibitions…"), permissions=["change"])
    def schedule(self, request, queryset):
        def run(data):
            self._each(
                request,
                queryset,
                lambda exhibition: services.schedule_exhibition(
                    exhibition=exhibition, publish_at=data["publish_at"], by_user=request.user
                ),
                _("%(count)d exhibition(s) scheduled."),
            )

        return self._ask_first(
            request,
            queryset,
            ScheduleForm,
            action="schedule",
            title=_("Schedule publication"),
            intro=_("The exhibitions appear on the site at this time, by themselves."),
            submit_label=_("Schedule"),
            then=run,
        )

    @admin.action(description=gettext_lazy("Withdraw selected exhibitions to draft"), permissions=["change"])
    def withdraw(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda exhibition: services.withdraw_exhibition(exhibition=exhibition, by_user=request.user),
            _("%(count)d exhibition(s) withdrawn to draft."),
        )


def _with_service_checks(form_class):
    """The admin form, refusing in the form (as field errors) what the services would refuse on saving:
    a transition the current status does not allow, a past time for a scheduled exhibition."""

    class ExhibitionForm(form_class):
        def clean(self):
            cleaned = super().clean()
            status, before = cleaned.get("status"), self.instance.status if self.instance.pk else None
            if before and status and status != before and status not in services.TRANSITIONS[before]:
                self.add_error("status", str(services._bad_transition(before, status).message))
            if status == Exhibition.Status.SCHEDULED and before != Exhibition.Status.SCHEDULED:
                publish_at = cleaned.get("publish_at")
                if publish_at is None or publish_at <= timezone.now():
                    self.add_error(
                        "publish_at", _("Choose a publication time in the future, or publish the exhibition now.")
                    )
            return cleaned

    return ExhibitionForm


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several files in one field: a list of uploads (maybe empty)."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleImageField, self).clean(upload, initial) for upload in data if upload]
        return [super().clean(data, initial)] if data else []


class ItemForm(forms.ModelForm):
    new_images = MultipleImageField(
        label=gettext_lazy("Add images"),
        help_text=gettext_lazy(
            "Choose one or more image files: each becomes an image of this item and is processed (checked, "
            "resized, tiled for deep zoom) in the background."
        ),
        widget=MultipleFileInput(attrs={"accept": "image/*"}),
    )

    class Meta:
        model = Item
        fields = ["exhibition"]  # the admin's fieldsets give the rest


class ItemImageInline(TranslationTabularInline):
    model = ItemImage
    fields = ["position", "original", "alt_text", "status", "size_column", "error"]
    readonly_fields = ["status", "size_column", "error"]
    extra = 0
    ordering = ["position", "id"]

    @admin.display(description=gettext_lazy("size"))
    def size_column(self, obj):
        return f"{obj.width} × {obj.height}" if obj.width else "—"


@admin.register(Item)
class ItemAdmin(OrganizerScopedAdminMixin, TranslationAdmin):
    organizer_path = "exhibition__organizer"
    form = ItemForm
    list_display = ["title", "exhibition", "section", "position", "kind", "rights_statement", "watermark"]
    list_filter = [
        ("exhibition", ManagedRelatedOnlyFilter),
        "kind",
        "category",
        "rights_statement",
        "watermark",
        "allow_full_download",
    ]
    list_select_related = ["exhibition", "section"]
    search_fields = ["title_zh_hans", "title_en", "creator", "exhibition__title_zh_hans", "exhibition__title_en"]
    raw_id_fields = ["library_resource", "event"]
    filter_horizontal = ["tags"]
    inlines = [ItemImageInline]
    fieldsets = [
        (None, {"fields": ["exhibition", "section", "position", "kind", "category", "title", "description"]}),
        (
            gettext_lazy("The work"),
            {"fields": ["creator", "date", "medium", "dimensions", "provenance", "tags"]},
        ),
        (gettext_lazy("Images"), {"fields": ["new_images"]}),
        (gettext_lazy("Audio guide"), {"fields": ["audio_guide", "transcript"]}),
        (
            gettext_lazy("Rights and credit"),
            {"fields": ["rights_statement", "credit_line", "watermark", "allow_full_download"]},
        ),
        (gettext_lazy("Links"), {"fields": ["library_resource", "event"]}),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Exhibition:
            kwargs["queryset"] = scope(request.user, Exhibition.objects.all())
        elif db_field.related_model is Section:
            kwargs["queryset"] = scope(
                request.user, Section.objects.select_related("exhibition"), "exhibition__organizer"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        services.save_item(item=obj, by_user=request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        uploads = form.cleaned_data.get("new_images") or []
        if uploads:
            created = services.add_images(item=form.instance, files=uploads, by_user=request.user)
            self.message_user(
                request,
                _("%(count)d image(s) added; they are being processed.") % {"count": len(created)},
                messages.SUCCESS,
            )

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for image in instances:
            is_new_file = image.pk is None or "original" in _changed(formset, image)
            image.save()
            if is_new_file:
                services.schedule_processing(image)
        formset.save_m2m()


def _changed(formset, instance):
    for form in formset.forms:
        if form.instance is instance:
            return form.changed_data
    return []


@admin.register(Tag)
class TagAdmin(TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_zh_hans", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
