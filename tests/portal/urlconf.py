"""The portal's URLs plus two test-only views: one that fails (the 500 page) and one that needs a signed-in
API user (what a token opens), both behind the project's default DRF settings."""

from django.urls import include, path
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView


def broken_view(request):
    raise RuntimeError("a bug in a view")


class WhoAmI(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response({"username": request.user.username})

    def post(self, request):
        return Response({"username": request.user.username}, status=201)


urlpatterns = [
    path("broken/", broken_view),
    path("api/test/whoami/", WhoAmI.as_view()),
    path("", include("portal.urls")),
]

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
