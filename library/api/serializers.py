"""Output shapes of the library API (library/api/); no rule lives here.

Texts are in the request's language (`title`, `description`, falling back to the other language);
`description` is plain text. `snippet` is the one field that is HTML: the passage where the query
matched, escaped, with `<mark>` around the matches (null without a query, or where it matched none
of the shown texts). Borrowing and holds are other views (library/api/lending.py).
"""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from portal.models import Organizer

from ..models import Collection, Resource, Subject


def absolute(request, path):
    if not path:
        return None
    return request.build_absolute_uri(path) if request is not None else path


class RightsSerializer(serializers.Serializer):
    uri = serializers.CharField(
        source="rights_statement", help_text=_("A RightsStatements.org or Creative Commons URI.")
    )
    name = serializers.CharField(source="rights_name", help_text=_("The statement's name in the request's language."))


class LibraryOrganizerSerializer(serializers.ModelSerializer):
    district = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Organizer
        fields = ["id", "slug", "name", "district"]
        read_only_fields = fields


class SubjectSerializer(serializers.ModelSerializer):
    class Meta:
        model = Subject
        fields = ["slug", "name"]
        read_only_fields = fields


class CollectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Collection
        fields = ["slug", "title"]
        read_only_fields = fields


class ResourceSerializer(serializers.ModelSerializer):
    """A resource in a list: what a search result shows."""

    url = serializers.SerializerMethodField(help_text=_("The resource's page on the portal."))
    title = serializers.CharField(read_only=True)
    description = serializers.SerializerMethodField(help_text=_("Plain text, in the request's language."))
    snippet = serializers.SerializerMethodField(
        help_text=_("Where the query matched: escaped HTML with <mark> around the matches; null without a match.")
    )
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    access_label = serializers.CharField(source="get_access_display", read_only=True)
    rights = RightsSerializer(source="*", read_only=True)
    cover = serializers.SerializerMethodField()
    cover_thumbnail = serializers.SerializerMethodField()
    organizer = LibraryOrganizerSerializer(read_only=True)

    class Meta:
        model = Resource
        fields = [
            "id",
            "url",
            "kind",
            "kind_label",
            "title",
            "creator",
            "description",
            "snippet",
            "access",
            "access_label",
            "rights",
            "credit_line",
            "language",
            "date",
            "year",
            "category",
            "cover",
            "cover_thumbnail",
            "organizer",
        ]
        read_only_fields = fields

    def get_url(self, resource) -> str:
        return absolute(self.context.get("request"), resource.get_absolute_url())

    def get_description(self, resource) -> str:
        return strip_tags(resource.description or "").strip()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_snippet(self, resource):
        results = self.context.get("search_results")
        return results.snippet(resource) if results is not None else None

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_cover(self, resource):
        return absolute(self.context.get("request"), resource.cover.url if resource.cover else "")

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_cover_thumbnail(self, resource):
        return absolute(self.context.get("request"), resource.cover_thumbnail.url if resource.cover_thumbnail else "")


class ResourceDetailSerializer(ResourceSerializer):
    """One resource: the list's fields and the rest of its Dublin Core record."""

    subjects = SubjectSerializer(many=True, read_only=True)
    collections = CollectionSerializer(many=True, read_only=True)
    dc_type = serializers.CharField(read_only=True, help_text=_("The DCMI Type Vocabulary term."))

    class Meta(ResourceSerializer.Meta):
        fields = [
            *ResourceSerializer.Meta.fields,
            "contributor",
            "publisher",
            "identifier",
            "source",
            "relation",
            "coverage",
            "dc_type",
            "file_format",
            "subjects",
            "collections",
            "licences",
            "created_at",
            "modified_at",
        ]
        read_only_fields = fields
