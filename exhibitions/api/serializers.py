"""Output shapes of the exhibitions API (exhibitions/api/); no business rule lives here.

Texts come in the request's language (`title`, `summary`, …); file addresses are absolute.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from portal.models import Organizer

from ..models import Exhibition, Item, ItemImage, Section
from ..selectors.exhibitions import items_in_order

NULLABLE_URI = {"type": "string", "format": "uri", "nullable": True}


def absolute(request, path):
    if not path:
        return None
    return request.build_absolute_uri(path) if request is not None else path


class ExhibitionOrganizerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organizer
        fields = ["id", "slug", "name"]
        read_only_fields = fields


class ExhibitionSerializer(serializers.ModelSerializer):
    """An exhibition as lists show it."""

    url = serializers.SerializerMethodField(help_text=_("The exhibition's page on the portal."))
    manifest = serializers.SerializerMethodField(help_text=_("Its IIIF Presentation 3 manifest."))
    cover = serializers.SerializerMethodField(help_text=_("The cover image (a thumbnail), if any."))
    title = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True, help_text=_("The introduction's first lines."))
    organizer = ExhibitionOrganizerSerializer(read_only=True)

    class Meta:
        model = Exhibition
        fields = [
            "id",
            "slug",
            "url",
            "manifest",
            "title",
            "summary",
            "opens_on",
            "closes_on",
            "category",
            "organizer",
            "cover",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj):
        return absolute(self.context.get("request"), obj.get_absolute_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_manifest(self, obj):
        return absolute(self.context.get("request"), obj.get_manifest_url())

    @extend_schema_field(NULLABLE_URI)
    def get_cover(self, obj):
        image = obj.cover_thumbnail or obj.cover
        return absolute(self.context.get("request"), image.url) if image else None


class ExhibitionImageSizeSerializer(serializers.Serializer):
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    jpeg = serializers.URLField(allow_null=True)
    webp = serializers.URLField(allow_null=True)


class ExhibitionItemImageSerializer(serializers.ModelSerializer):
    alt_text = serializers.CharField(read_only=True)
    sizes = serializers.SerializerMethodField(help_text=_("Web derivatives, smallest first."))
    iiif_info = serializers.SerializerMethodField(help_text=_("info.json of the IIIF level-0 deep-zoom tiles."))

    class Meta:
        model = ItemImage
        fields = ["id", "position", "width", "height", "alt_text", "sizes", "iiif_info"]
        read_only_fields = fields

    @extend_schema_field(ExhibitionImageSizeSerializer(many=True))
    def get_sizes(self, obj):
        request = self.context.get("request")
        return [
            {
                "width": size["width"],
                "height": size["height"],
                "jpeg": absolute(request, obj.public_url(size.get("jpeg"))),
                "webp": absolute(request, obj.public_url(size.get("webp"))),
            }
            for size in obj.sizes
        ]

    @extend_schema_field(NULLABLE_URI)
    def get_iiif_info(self, obj):
        return absolute(self.context.get("request"), obj.info_url)


class ExhibitionSectionSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)
    body = serializers.CharField(read_only=True)

    class Meta:
        model = Section
        fields = ["id", "position", "title", "body"]
        read_only_fields = fields


class ExhibitionItemSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("The item's page on the portal."))
    title = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    medium = serializers.CharField(read_only=True)
    provenance = serializers.CharField(read_only=True)
    transcript = serializers.CharField(read_only=True)
    credit_line = serializers.CharField(read_only=True)
    rights_name = serializers.CharField(read_only=True)
    audio_guide = serializers.SerializerMethodField()
    tags = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    images = ExhibitionItemImageSerializer(source="ready_images", many=True, read_only=True)

    class Meta:
        model = Item
        fields = [
            "id",
            "url",
            "section",
            "position",
            "kind",
            "category",
            "title",
            "description",
            "creator",
            "date",
            "medium",
            "dimensions",
            "provenance",
            "tags",
            "rights_statement",
            "rights_name",
            "credit_line",
            "audio_guide",
            "transcript",
            "images",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj):
        return absolute(self.context.get("request"), obj.get_absolute_url())

    @extend_schema_field(NULLABLE_URI)
    def get_audio_guide(self, obj):
        return absolute(self.context.get("request"), obj.audio_guide.url) if obj.audio_guide else None


class ExhibitionDetailSerializer(ExhibitionSerializer):
    """One exhibition with its story: sections and items in order, each item's ready images."""

    introduction = serializers.CharField(read_only=True)
    curator = serializers.CharField(read_only=True)
    sections = ExhibitionSectionSerializer(many=True, read_only=True)
    items = serializers.SerializerMethodField()

    class Meta(ExhibitionSerializer.Meta):
        fields = [*ExhibitionSerializer.Meta.fields, "introduction", "curator", "sections", "items"]
        read_only_fields = fields

    @extend_schema_field(ExhibitionItemSerializer(many=True))
    def get_items(self, obj):
        return ExhibitionItemSerializer(items_in_order(obj), many=True, context=self.context).data
