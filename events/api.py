"""REST API of the events app; included under /api/ by portal.urls."""

urlpatterns = []
