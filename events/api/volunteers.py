"""REST API of volunteer roles; its urlpatterns are appended to events.api.urls under /api/.

`GET /api/events/<id>/volunteer-roles/`, `POST|DELETE /api/volunteer-roles/<id>/signup/`. Thin: every
change goes through events.services.volunteers, whose VolunteerError is a RegistrationError, so
portal.api.exception_handler answers refusals with the page's message, the code and its status.
"""

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ..models import VolunteerRole, VolunteerSignup
from ..selectors.events import visible_events
from ..services import volunteers
from .serializers import error


class VolunteerRoleSerializer(serializers.ModelSerializer):
    slots_left = serializers.IntegerField(read_only=True)
    signed_up = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = VolunteerRole
        fields = ["id", "event", "name", "description", "slots", "slots_left", "signed_up", "url"]
        read_only_fields = fields

    def get_signed_up(self, role) -> bool:
        return role.pk in self.context.get("my_role_ids", ())

    def get_url(self, role) -> str:
        path = f"{role.event.get_absolute_url()}#volunteer-role-{role.pk}"
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class VolunteerSignupSerializer(serializers.ModelSerializer):
    class Meta:
        model = VolunteerSignup
        fields = ["id", "role", "event", "created_at"]
        read_only_fields = fields


class EventVolunteerRolesView(ListAPIView):
    serializer_class = VolunteerRoleSerializer
    permission_classes = [AllowAny]
    filter_backends = []

    @extend_schema(
        summary=_("Volunteer roles of an event"),
        description=_("Each role with its slots, the slots left and whether you signed up for it."),
        responses={200: VolunteerRoleSerializer, 404: error(_("No visible event with this id."))},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.event = get_object_or_404(visible_events(self.request.user), pk=self.kwargs["pk"])
        return (
            VolunteerRole.objects.filter(event=self.event)
            .select_related("event")
            .annotate(signup_count=Count("signups"))
            .order_by("order", "id")
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        user = self.request.user
        context["my_role_ids"] = (
            set(VolunteerSignup.objects.filter(user=user).values_list("role_id", flat=True))
            if user.is_authenticated
            else set()
        )
        return context


class VolunteerSignupView(APIView):
    permission_classes = [IsAuthenticated]
    locks_rows = True  # the event row (portal.locking): the schema lists the 503 `busy`

    def _role(self, request, pk):
        return get_object_or_404(
            VolunteerRole.objects.select_related("event"), pk=pk, event__in=visible_events(request.user)
        )

    @extend_schema(
        summary=_("Volunteer in a role"),
        request=None,
        responses={
            201: VolunteerSignupSerializer,
            400: error(_("Refused: `full`, `started`, `cancelled`, `not_published`.")),
            403: error(_("Not signed in, or `email_unverified`.")),
            404: error(_("No visible role with this id.")),
            409: error(_("`already_signed_up` for this role, or `other_role` at the same event.")),
        },
    )
    def post(self, request, pk):
        signup = volunteers.sign_up(user=request.user, role=self._role(request, pk))
        return Response(VolunteerSignupSerializer(signup).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Withdraw from a role"),
        request=None,
        responses={
            204: OpenApiResponse(description=_("Withdrawn; the slot is free again.")),
            400: error(_("`started`: the event has begun.")),
            403: error(_("Not signed in.")),
            404: error(_("No visible role with this id, or `not_signed_up`.")),
        },
    )
    def delete(self, request, pk):
        volunteers.withdraw(user=request.user, role=self._role(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)
