"""The events app's API routes, included by portal/urls.py under /api/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from .evaluations import urlpatterns as evaluation_urlpatterns
from .events import CheckInView, EventViewSet, MyRegistrationsView
from .proposals import urlpatterns as proposal_urlpatterns
from .volunteers import EventVolunteerRolesView, VolunteerSignupView

router = SimpleRouter()
router.register("events", EventViewSet, basename="api-event")

urlpatterns = [
    *router.urls,
    path("me/registrations/", MyRegistrationsView.as_view(), name="api-my-registrations"),
    path("check-in/", CheckInView.as_view(), name="api-check-in"),
    *proposal_urlpatterns,
    path("events/<int:pk>/volunteer-roles/", EventVolunteerRolesView.as_view(), name="api-event-volunteer-roles"),
    path("volunteer-roles/<int:pk>/signup/", VolunteerSignupView.as_view(), name="api-volunteer-signup"),
    *evaluation_urlpatterns,
]
