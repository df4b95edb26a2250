"""REST API of the events app; included under /api/ by portal.urls.

Thin adapters: every action calls a service, which decides and refuses with a ServiceError.
`portal.api.exception_handler` is the one place that turns a refusal into a response: the service's
translated message as `detail` (the same words the HTML page shows) and its `code`, with the status
from the error's `status_by_code` (400 unless listed). Proposals, volunteering and evaluations have
their own modules; their routes are collected here.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.scoping import can_manage, is_organizer_staff

from ..filters import EventFilter
from ..models import Event, Registration
from ..selectors import registrations as registration_selectors
from ..selectors.events import visible_events
from ..services import check_in, event_changes, registrations
from .serializers import (
    NOT_SIGNED_IN,
    CheckInRequestSerializer,
    CheckInSerializer,
    EventSerializer,
    RegistrationRequestSerializer,
    RegistrationSerializer,
    error,
)


class EventPermission(BasePermission):
    """Anyone reads; organizer staff create, and change only events of organizers they manage."""

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or is_organizer_staff(request.user)

    def has_object_permission(self, request, view, obj):
        return request.method in SAFE_METHODS or can_manage(request.user, obj)


class IsOrganizerStaff(BasePermission):
    message = _("Only staff of an organizer may do this.")

    def has_permission(self, request, view):
        return is_organizer_staff(request.user)


WRITE_RESPONSES = {
    400: OpenApiResponse(
        description=_(
            'Field errors (`{"<field>": ["…"]}`), e.g. end before start, negative capacity, an '
            "organizer or venue you do not manage; or a refusal by the service (`detail`, `code`)."
        )
    ),
    403: error(_("Not signed in, not organizer staff, or the event belongs to an organizer you do not manage.")),
}


@extend_schema_view(
    list=extend_schema(
        summary=_("List events"),
        description=_(
            "Upcoming events (past ones when dates are given), filtered like the /events/ page. "
            "Visitors and residents see public events; organizer staff also see their own drafts."
        ),
        responses={200: EventSerializer, 400: OpenApiResponse(description=_("Invalid filter values, per field."))},
    ),
    retrieve=extend_schema(
        summary=_("One event"),
        responses={200: EventSerializer, 404: error(_("No visible event with this id."))},
    ),
    create=extend_schema(
        summary=_("Create an event (organizer staff)"),
        description=_(
            "Saved through events.services.save_event. Texts are written per language "
            "(`title_zh_hans`, `title_en`, …); `title_zh_hans` is required."
        ),
        responses={201: EventSerializer, **WRITE_RESPONSES},
    ),
    update=extend_schema(
        summary=_("Replace an event (organizer staff)"),
        description=_(
            "Saved through events.services: more seats promote from the waiting list; a change of "
            "time or place tells registrants; `status: cancelled` cancels (with `cancellation_reason`) and tells them."
        ),
        responses={200: EventSerializer, **WRITE_RESPONSES, 404: error(_("No visible event with this id."))},
    ),
    partial_update=extend_schema(
        summary=_("Change an event (organizer staff)"),
        description=_("As PUT, with only the fields given."),
        responses={200: EventSerializer, **WRITE_RESPONSES, 404: error(_("No visible event with this id."))},
    ),
)
class EventViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = EventSerializer
    permission_classes = [EventPermission]
    filterset_class = EventFilter
    lookup_value_regex = r"\d+"
    # These lock the event row (portal.locking): the schema lists their 503 `busy`.
    locks_rows = {"update", "partial_update", "register", "cancel"}

    def get_queryset(self):
        return (
            visible_events(self.request.user)
            .with_counts()
            .select_related("organizer", "venue__district")
            .order_by("start", "id")
        )

    def filter_queryset(self, queryset):
        # The list's filters (which hide past events by default) never hide one event asked for by id.
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def _fresh(self, event):
        return self.get_queryset().get(pk=event.pk)

    def perform_create(self, serializer):
        event = serializer.apply(Event())
        serializer.instance = self._fresh(event_changes.save_event(event=event, by_user=self.request.user))

    def perform_update(self, serializer):
        event = serializer.instance
        target = serializer.validated_data.pop("status", event.status)
        serializer.apply(event)
        event_changes.change_event(event=event, status=target, by_user=self.request.user)
        serializer.instance = self._fresh(event)

    @extend_schema(
        summary=_("Register for an event"),
        description=_(
            'Body `{}` or `{"party_size": n}`. Confirmed when seats are left, else on the waiting list '
            "when it has room."
        ),
        request=RegistrationRequestSerializer,
        responses={
            201: OpenApiResponse(RegistrationSerializer, description=_("`status` is `confirmed` or `waitlisted`.")),
            400: error(
                _(
                    "Refused: `closed`, `not_open_yet`, `past`, `cancelled`, `not_published`, `full` (no waiting "
                    "list room), `party_size` above the limit, `no_show_penalty`; or a field error."
                )
            ),
            403: error(_("Not signed in, or `email_unverified` (confirm the address first).")),
            404: error(_("No visible event with this id.")),
            409: error(_("`already_registered`: you already hold an active registration.")),
        },
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def register(self, request, pk=None):
        event = self.get_object()
        data = RegistrationRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        registration = registrations.register(
            user=request.user, event=event, party_size=data.validated_data["party_size"]
        )
        return Response(self._registration(registration), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Cancel your registration"),
        description=_("Gives back your active registration for this event; freed seats go to the waiting list."),
        request=None,
        responses={
            200: OpenApiResponse(RegistrationSerializer, description=_("The registration, now `cancelled`.")),
            400: error(_("`too_late` (after the cancellation deadline) or `past`.")),
            403: NOT_SIGNED_IN,
            404: error(_("No visible event with this id, or you have no active registration for it.")),
            409: error(_("`already_cancelled` (cancelled meanwhile).")),
        },
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def cancel(self, request, pk=None):
        event = self.get_object()
        registration = Registration.objects.filter(
            user=request.user, event=event, status__in=Registration.ACTIVE
        ).first()
        if registration is None:
            raise NotFound(_("You have no active registration for this event."))
        registration = registrations.cancel_registration(registration=registration, by_user=request.user)
        return Response(self._registration(registration))

    def _registration(self, registration):
        return RegistrationSerializer(registration, context=self.get_serializer_context()).data


@extend_schema_view(
    get=extend_schema(
        summary=_("Your registrations"),
        description=_(
            "Every registration of the signed-in resident, newest first, with the ticket code, "
            "check-in time and place in the waiting line."
        ),
        responses={200: RegistrationSerializer, 403: NOT_SIGNED_IN},
    )
)
class MyRegistrationsView(ListAPIView):
    serializer_class = RegistrationSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []

    def get_queryset(self):
        return registration_selectors.with_waitlist_position(
            Registration.objects.filter(user=self.request.user).select_related("event").order_by("-created_at", "-id")
        )


class CheckInView(APIView):
    permission_classes = [IsOrganizerStaff]

    @extend_schema(
        summary=_("Check a ticket in at the door (organizer staff)"),
        request=CheckInRequestSerializer,
        responses={
            200: CheckInSerializer,
            400: error(_("`cancelled` ticket or event, `waitlisted` ticket, `wrong_event`; or a field error.")),
            403: error(_("Not organizer staff.")),
            404: error(_("`not_found`: no ticket with this code among your organizers' events.")),
            409: error(_("`already_checked_in`, with the time in `detail`.")),
        },
    )
    def post(self, request):
        data = CheckInRequestSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        registration = check_in.check_in(
            code=data.validated_data["code"], by_user=request.user, event=data.validated_data.get("event")
        )
        return Response(CheckInSerializer(registration, context={"request": request}).data)
