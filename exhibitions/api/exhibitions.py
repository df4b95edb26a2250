"""Published exhibitions, read-only: the list and one exhibition by slug with its sections and items."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny

from ..selectors import exhibitions as selectors
from .serializers import ExhibitionDetailSerializer, ExhibitionSerializer


@extend_schema_view(
    list=extend_schema(
        summary=_("List exhibitions"),
        description=_("Published exhibitions, the newest opening first (current, upcoming and past)."),
    ),
    retrieve=extend_schema(
        summary=_("One exhibition"),
        description=_("A published exhibition by its slug, with its sections and items in order."),
        responses={200: ExhibitionDetailSerializer},
    ),
)
class ExhibitionViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    serializer_class = ExhibitionSerializer
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self):
        return selectors.listed_exhibitions()

    def get_object(self):
        exhibition = selectors.visible_exhibition(self.kwargs["slug"], self.request.user)
        if exhibition is None or not exhibition.is_published:
            raise NotFound(_("No published exhibition at this address."))
        return exhibition

    def get_serializer_class(self):
        return ExhibitionDetailSerializer if self.action == "retrieve" else ExhibitionSerializer
