"""The IIIF manifests, at the root (/iiif/<slug>/manifest.json): included by portal/urls.py."""

from django.urls import path

from .views import iiif

urlpatterns = [path("iiif/<slug:slug>/manifest.json", iiif.manifest, name="exhibition-manifest")]
