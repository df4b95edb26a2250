"""REST API of the library app; included under /api/ by portal.urls."""

from rest_framework.routers import SimpleRouter

from .catalog import ResourceViewSet

router = SimpleRouter()
router.register("library/items", ResourceViewSet, basename="library-item")

urlpatterns = [*router.urls]
