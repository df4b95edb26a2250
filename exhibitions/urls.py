from django.urls import path

from .views import exhibitions, originals

app_name = "exhibitions"
urlpatterns = [
    path("", exhibitions.index, name="index"),
    path("images/<int:image_id>/original/", originals.original, name="image-original"),
]
