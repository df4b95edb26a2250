"""REST API of the events app; included under /api/ by portal.urls."""

urlpatterns = []

# Participation: proposals and votes (events/proposal_api.py).
from .proposal_api import urlpatterns as proposal_urlpatterns  # noqa: E402

urlpatterns += proposal_urlpatterns
