from django.urls import path

from .views import exhibitions, originals

app_name = "exhibitions"
urlpatterns = [
    path("", exhibitions.index, name="index"),
    path("images/<int:image_id>/original/", originals.original, name="image-original"),
    # Fixed paths come before <slug>/ (exhibitions.models.reserved_slugs keeps slugs off them).
    path("<slug:slug>/", exhibitions.exhibition_detail, name="detail"),
    path("<slug:slug>/items/<int:item_id>/", exhibitions.item_detail, name="item"),
]
