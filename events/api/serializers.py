"""Input and output shapes of the events API (events/api/); no business rule lives here.

Reads show texts in the request's language (`title`, `summary`, …) and both languages for editing
(`title_zh_hans`, `title_en`, …). Writes are turned into an Event instance and handed to
events.services, which decides; the model's own clean() supplies the cross-field checks as field errors.
"""

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import serializers

from portal.api import RefusalSerializer
from portal.models import Organizer, Venue
from portal.scoping import managed_organizers, scope

from ..models import AUDIENCE_FIELDS, Event, Registration, audience_bands
from ..selectors import registrations

TRANSLATED_FIELDS = [
    f"{name}_{language}"
    for name in ("title", "summary", "description", "accessibility_notes")
    for language in ("zh_hans", "en")
]


def absolute(request, path):
    if not path:
        return None
    return request.build_absolute_uri(path) if request is not None else path


class VenueSerializer(serializers.ModelSerializer):
    district = serializers.SlugRelatedField(slug_field="code", read_only=True)
    accessibility_features = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Venue
        fields = [
            "id",
            "name",
            "address",
            "district",
            "step_free_access",
            "hearing_loop",
            "accessible_toilet",
            "accessibility_features",
            "accessibility_notes",
        ]
        read_only_fields = fields


class OrganizerSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Organizer
        fields = ["id", "slug", "name"]
        read_only_fields = fields


class ManagedOrganizerField(serializers.PrimaryKeyRelatedField):
    """Only organizers the requesting user manages may be chosen; others are "Invalid pk" field errors."""

    def get_queryset(self):
        return managed_organizers(self.context["request"].user)


class ManagedVenueField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return scope(self.context["request"].user, Venue.objects.all())


class EventSerializer(serializers.ModelSerializer):
    """One event: what residents read, and what organizer staff write."""

    url = serializers.SerializerMethodField(help_text=_("The event's page on the portal."))
    title = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    accessibility_notes = serializers.CharField(read_only=True)
    organizer = OrganizerSummarySerializer(read_only=True)
    organizer_id = ManagedOrganizerField(
        source="organizer", write_only=True, help_text=_("An organizer you manage (write only).")
    )
    venue = VenueSerializer(read_only=True, allow_null=True)
    venue_id = ManagedVenueField(
        source="venue",
        write_only=True,
        allow_null=True,
        required=False,
        help_text=_("A venue of an organizer you manage, or null for an online event (write only)."),
    )
    audiences = serializers.MultipleChoiceField(
        choices=list(AUDIENCE_FIELDS), required=False, help_text=_("Age bands the event is meant for.")
    )
    seats_left = serializers.IntegerField(read_only=True, allow_null=True)
    waitlist_size = serializers.IntegerField(read_only=True)
    registration_open = serializers.BooleanField(read_only=True)
    registration_closed_reason = serializers.SerializerMethodField()
    image = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "slug",
            "url",
            "title",
            "summary",
            "description",
            "accessibility_notes",
            *TRANSLATED_FIELDS,
            "organizer",
            "organizer_id",
            "venue",
            "venue_id",
            "livestream_url",
            "start",
            "end",
            "status",
            "cancellation_reason",
            "category",
            "audiences",
            "language",
            "is_free",
            "price",
            "capacity",
            "seats_left",
            "waitlist_enabled",
            "waitlist_limit",
            "waitlist_size",
            "max_party_size",
            "registration_opens",
            "registration_closes",
            "cancellation_deadline",
            "registration_open",
            "registration_closed_reason",
            "contact",
            "image",
            "sequence",
            "published_at",
        ]
        read_only_fields = ["slug", "sequence", "published_at"]
        extra_kwargs = {
            "title_zh_hans": {"required": True, "allow_blank": False, "allow_null": False},
            # The database's check constraint (at least one place), as a field error instead of an IntegrityError.
            "max_party_size": {"min_value": 1},
        }

    def get_url(self, event) -> str:
        return absolute(self.context.get("request"), event.get_absolute_url())

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_image(self, event):
        return absolute(self.context.get("request"), event.image.url) if event.image else None

    def get_registration_closed_reason(self, event) -> str | None:
        reason = event.registration_closed_reason()
        return str(reason) if reason is not None else None

    def to_representation(self, event):
        data = super().to_representation(event)
        data["audiences"] = audience_bands(event)
        return data

    def validate(self, attrs):
        """The model's cross-field rules (ends after start, price, registration window, …) as field errors."""
        candidate = copy.copy(self.instance) if self.instance is not None else Event()
        for name, value in self._model_values(attrs).items():
            setattr(candidate, name, value)
        try:
            candidate.clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from exc
        return attrs

    @staticmethod
    def _model_values(attrs):
        values = dict(attrs)
        audiences = values.pop("audiences", None)
        if audiences is not None:
            for band, field in AUDIENCE_FIELDS.items():
                values[field] = band in audiences
        return values

    def apply(self, event):
        """Set the validated values on `event` (not saved: events.services saves it)."""
        for name, value in self._model_values(self.validated_data).items():
            setattr(event, name, value)
        return event


class EventSummarySerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    title = serializers.CharField(read_only=True)

    class Meta:
        model = Event
        fields = ["id", "slug", "url", "title", "start", "end", "status"]
        read_only_fields = fields

    def get_url(self, event) -> str:
        return absolute(self.context.get("request"), event.get_absolute_url())


class RegistrationRequestSerializer(serializers.Serializer):
    # No bounds here: events.services.register checks 1..max_party_size with the page's own message.
    party_size = serializers.IntegerField(required=False, default=1)


class RegistrationSerializer(serializers.ModelSerializer):
    """A resident's own registration: their ticket, its state and their place in the waiting line."""

    url = serializers.SerializerMethodField(help_text=_("The event's page, where the ticket is shown."))
    event = EventSummarySerializer(read_only=True)
    waitlist_position = serializers.SerializerMethodField()

    class Meta:
        model = Registration
        fields = [
            "id",
            "url",
            "status",
            "party_size",
            "ticket_code",
            "event",
            "created_at",
            "promoted_at",
            "cancelled_at",
            "checked_in_at",
            "waitlist_position",
        ]
        read_only_fields = fields

    def get_url(self, registration) -> str:
        return absolute(self.context.get("request"), registration.event.get_absolute_url())

    def get_waitlist_position(self, registration) -> int | None:
        """1 for the first in line; None unless waitlisted (the selectors' annotation when present)."""
        if registration.status != Registration.Status.WAITLISTED:
            return None
        position = getattr(registration, "waitlist_position", None)
        return position if position is not None else registrations.waitlist_position(registration)


@extend_schema_field(OpenApiTypes.INT)
class ManagedEventField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return scope(self.context["request"].user, Event.objects.all())


class CheckInRequestSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("The ticket code (from the QR code)."))
    event = ManagedEventField(
        required=False,
        allow_null=True,
        help_text=_("When given, a ticket for another event is refused."),
    )


class CheckInSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="user.public_name", read_only=True)
    event = EventSummarySerializer(read_only=True)

    class Meta:
        model = Registration
        fields = ["id", "name", "party_size", "checked_in_at", "event"]
        read_only_fields = fields


def error(description):
    """A refusal the operation answers; its body (`detail`, `code`) is declared once, by portal.api.AutoSchema."""
    return OpenApiResponse(RefusalSerializer, description=description)


NOT_SIGNED_IN = error(_("Not signed in (`detail`)."))
