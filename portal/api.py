"""How every API answers a refused action, how its schema says so, and token sign-in.

Every refusal is `{"detail": "<message shown to the person>", "code": "<stable code for programs>"}`:
a service's ServiceError, and DRF's own refusals (not signed in, not allowed, not found, throttled, a
body that does not parse), which get the code DRF gives them. A 400 answer is either such a refusal or
field errors, `{"<field>": ["…"]}`, as the forms show them. `AutoSchema` declares both once, for every
operation and every status the view can answer, so no view repeats the shape.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular import openapi
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import SAFE_METHODS, AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView, set_rollback
from rest_framework.views import exception_handler as drf_exception_handler

from .accounts import check_password_sign_in
from .errors import ServiceError


class RefusalSerializer(serializers.Serializer):
    """The body of every refusal: the message shown on the HTML page, and a stable code for programs."""

    detail = serializers.CharField()
    code = serializers.CharField()


def refusal_response(error):
    """A service's refusal as the API answers it: the page's translated message, the code and its status."""
    set_rollback()
    headers = {"Retry-After": str(error.retry_after)} if error.retry_after else None
    return Response({"detail": str(error.message), "code": error.code}, status=error.http_status, headers=headers)


def exception_handler(exc, context):
    """DRF's handler, and a ServiceError as its refusal; every `{"detail"}` body also gets its `code`."""
    if isinstance(exc, ServiceError):
        return refusal_response(exc)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and set(response.data) == {"detail"}:
        response.data["code"] = getattr(response.data["detail"], "code", None) or "error"
    return response


FIELD_ERRORS = {
    "type": "object",
    "description": _("Field errors: the messages of each field (of nested fields, by name or position)."),
    "additionalProperties": {
        "oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "object", "additionalProperties": {}}]
    },
}

REFUSAL_DESCRIPTIONS = {
    "400": _("Field errors, or a refusal (`detail`, `code`)."),
    "403": _("Not signed in, a wrong token, or not allowed (`detail`, `code`)."),
    "404": _("Not found (`detail`, `code`)."),
    "429": _("Too many requests: `Retry-After` says when to try again (`detail`, `code`)."),
    "503": _("Busy: many people act on this at once; `Retry-After` says when to try again (`detail`, `code`)."),
}


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, with the refusals every operation can answer and their one shape."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for status in self._refusal_statuses():
            responses.setdefault(status, {"description": REFUSAL_DESCRIPTIONS[status]})
        for status, response in responses.items():
            if status.startswith(("4", "503")):
                body = self._get_response_for_code(self._refusal_schema(status), status, direction=direction)
                response["content"] = body["content"]
                response.setdefault("description", body["description"])
        return responses

    def _refusal_statuses(self):
        """The statuses DRF itself answers for this operation, besides those the view declares."""
        statuses = []
        if self._get_request_body() is not None or self._get_filter_parameters():
            statuses.append("400")  # field errors, or a body that does not parse
        permissions = [permission for permission in self.view.get_permissions() if not isinstance(permission, AllowAny)]
        if self.view.get_authenticators() or permissions:
            statuses.append("403")  # a wrong token is refused everywhere; permissions refuse
        if "{" in self.path or (self._is_list_view() and self._get_paginator()):
            statuses.append("404")  # no such object, or no such page
        if self.method not in SAFE_METHODS and self.view.get_throttles():
            statuses.append("429")
        # A view that locks rows (portal.locking) says so: `locks_rows = True`, or the names of its actions.
        locks_rows = getattr(self.view, "locks_rows", ())
        if self.method not in SAFE_METHODS and (locks_rows is True or getattr(self.view, "action", None) in locks_rows):
            statuses.append("503")  # busy: a row lock not granted in time
        return statuses

    def _refusal_schema(self, status):
        refusal = self.resolve_serializer(RefusalSerializer(), "response").ref
        if status != "400":
            return refusal
        component = ResolvedComponent(
            name="FieldErrors", type=ResolvedComponent.SCHEMA, schema=FIELD_ERRORS, object="FieldErrors"
        )
        self.registry.register_on_missing(component)
        return {"oneOf": [refusal, component.ref]}


# --- token sign-in -------------------------------------------------------------------------------------


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("Username or email"))
    password = serializers.CharField(label=_("Password"), style={"input_type": "password"}, trim_whitespace=False)


class ObtainTokenView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []
    # Not DRF's throttles: the web sign-in's limits (allauth's, per address and per account) apply.
    throttle_classes = []

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: inline_serializer("TokenResponse", {"token": serializers.CharField()}),
            400: OpenApiResponse(description=_("Missing fields, or wrong credentials (`non_field_errors`).")),
            429: OpenApiResponse(
                RefusalSerializer,
                description=_(
                    "`too_many_attempts`: too many failed sign-ins for this account or from this address "
                    "(the same limits as the sign-in page), or too many sign-ins from this address."
                ),
            ),
        },
        summary=_("Exchange a username (or email) and password for an API token"),
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = check_password_sign_in(
            request._request,
            login=serializer.validated_data["username"],
            password=serializer.validated_data["password"],
        )
        if user is None:
            raise serializers.ValidationError(
                {"non_field_errors": [_("Unable to sign in with these credentials.")]}, code="authorization"
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
