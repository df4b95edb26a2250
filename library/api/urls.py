"""REST API of the library app; included under /api/ by portal.urls."""

urlpatterns = []
