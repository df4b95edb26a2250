"""Token sign-in for the API, and how every API answers a refused action."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .errors import ServiceError
from .rest import SignInRateThrottle


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("Username or email"))
    password = serializers.CharField(label=_("Password"), style={"input_type": "password"}, trim_whitespace=False)

    def validate(self, attrs):
        request = self.context["request"]
        login, password = attrs["username"], attrs["password"]
        user = authenticate(request, username=login, password=password)
        if user is None and "@" in login:
            user = authenticate(request, email=login, password=password)
        if user is None or not user.is_active:
            raise serializers.ValidationError(_("Unable to sign in with these credentials."), code="authorization")
        attrs["user"] = user
        return attrs


class ObtainTokenView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [SignInRateThrottle]

    @extend_schema(
        request=TokenRequestSerializer,
        responses=inline_serializer("TokenResponse", {"token": serializers.CharField()}),
        summary="Exchange a username (or email) and password for an API token",
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})


def refusal_response(error):
    """A service's refusal as the API answers it: the page's translated message, the code and its status."""
    return Response({"detail": str(error.message), "code": error.code}, status=error.http_status)


class ServiceErrorsMixin:
    """For API views: a ServiceError raised by a service becomes its response, never a 500."""

    def handle_exception(self, exc):
        if isinstance(exc, ServiceError):
            return refusal_response(exc)
        return super().handle_exception(exc)
