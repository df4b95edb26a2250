"""REST API of the exhibitions app; included under /api/ by portal.urls."""

from rest_framework.routers import SimpleRouter

from .exhibitions import ExhibitionViewSet

router = SimpleRouter()
router.register("exhibitions", ExhibitionViewSet, basename="api-exhibition")

urlpatterns = [*router.urls]
