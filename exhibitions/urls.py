from django.urls import path

from .views import exhibitions

app_name = "exhibitions"
urlpatterns = [
    path("", exhibitions.index, name="index"),
    # Fixed paths come before <slug>/ (exhibitions.models.reserved_slugs keeps slugs off them).
    path("<slug:slug>/", exhibitions.exhibition_detail, name="detail"),
    path("<slug:slug>/items/<int:item_id>/", exhibitions.item_detail, name="item"),
]
