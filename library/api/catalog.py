"""The catalog API: search with facets, and one resource. Reads only; both go through library's selectors,
so the API lists what the /library/ page lists, in the same order."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny

from portal.api import RefusalSerializer
from portal.rest import FacetedPagination

from ..models import Resource
from ..selectors import search as search_selectors
from ..selectors.catalog import visible_resources
from .serializers import ResourceDetailSerializer, ResourceSerializer

FILTER_PARAMETERS = [
    OpenApiParameter(
        "q",
        OpenApiTypes.STR,
        description=_(
            "Words to find, in Chinese or English: every word must match (English words are stemmed; any "
            "two consecutive Chinese characters of a title find it). Search syntax is ignored."
        ),
    ),
    OpenApiParameter("kind", OpenApiTypes.STR, many=True, enum=Resource.Kind.values, description=_("Kinds.")),
    OpenApiParameter("subject", OpenApiTypes.STR, many=True, description=_("Subject slugs.")),
    OpenApiParameter("language", OpenApiTypes.STR, many=True, description=_("Language codes (zh, en, …).")),
    OpenApiParameter(
        "access", OpenApiTypes.STR, many=True, enum=Resource.Access.values, description=_("Access levels.")
    ),
    OpenApiParameter("decade", OpenApiTypes.STR, many=True, description=_("Decades, by their first year (1920).")),
    OpenApiParameter("organizer", OpenApiTypes.STR, many=True, description=_("Slugs of the libraries holding them.")),
    OpenApiParameter("district", OpenApiTypes.STR, many=True, description=_("District codes of those libraries.")),
    OpenApiParameter(
        "sort",
        OpenApiTypes.STR,
        enum=list(search_selectors.SORTS),
        description=_("`relevance` (titles first; newest without words), `newest` or `borrowed` (most loans)."),
    ),
]


@extend_schema_view(
    list=extend_schema(
        summary=_("Search the library"),
        description=_(
            "Resources you may see, best match first, with `facets`: for kind, subject, language, access, "
            "decade, organizer and district, the values among all results with their counts. Values of one "
            "filter are alternatives; different filters must all hold. Staff-only resources are listed "
            "only to the staff who manage them."
        ),
        parameters=FILTER_PARAMETERS,
    ),
    retrieve=extend_schema(
        summary=_("One library resource"),
        responses={200: ResourceDetailSerializer, 404: RefusalSerializer},
    ),
)
class ResourceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ResourceSerializer
    pagination_class = FacetedPagination
    permission_classes = [AllowAny]
    filter_backends = []
    lookup_value_regex = r"\d+"
    queryset = Resource.objects.none()  # for the schema; reads go through the selectors

    def get_serializer_class(self):
        return ResourceDetailSerializer if self.action == "retrieve" else ResourceSerializer

    def list(self, request, *args, **kwargs):
        results = search_selectors.search(
            user=request.user,
            query=request.query_params.get("q", ""),
            filters=search_selectors.parse_filters(request.query_params),
            sort=request.query_params.get("sort", "relevance"),
        )
        page = self.paginate_queryset(results.listing)
        context = {**self.get_serializer_context(), "search_results": results}
        data = ResourceSerializer(page, many=True, context=context).data
        facets = {
            name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
            for name, values in results.facets.items()
        }
        return self.paginator.get_paginated_response(data, facets=facets)

    def get_object(self):
        pk = str(self.kwargs["pk"])
        resource = None
        if pk.isdigit() and len(pk) <= 18:  # beyond that no id exists (and the database would refuse it)
            resource = (
                visible_resources(self.request.user)
                .filter(pk=int(pk))
                .select_related("organizer__district")
                .prefetch_related("subjects", "collections")
                .first()
            )
        if resource is None:
            raise NotFound(_("This resource does not exist or is not available to you."))
        return resource
