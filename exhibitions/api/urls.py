"""REST API of the exhibitions app; included under /api/ by portal.urls."""

urlpatterns = []
