"""The OAI-PMH endpoint, included at the root by `portal/urls.py` as exactly `/oai` (no trailing slash)."""

from django.urls import path

from .views import oai

urlpatterns = [path("", oai.endpoint, name="oai")]
