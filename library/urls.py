from django.urls import path

from .views import catalog, files, lending, reader

app_name = "library"
urlpatterns = [
    path("", catalog.index, name="index"),
    path("<int:pk>/", catalog.resource_detail, name="resource"),
    path("<int:pk>/read/", reader.read, name="read"),
    path("<int:pk>/file/", files.resource_file, name="file"),
    path("<int:pk>/images/<int:image_id>/", files.resource_image, name="image"),
    path("<int:pk>/captions/", files.resource_captions, name="captions"),
    path("<int:pk>/borrow/", lending.borrow, name="borrow"),
    path("<int:pk>/hold/", lending.place_hold, name="hold"),
    path("holds/<int:pk>/cancel/", lending.cancel_hold, name="cancel-hold"),
    path("loans/<int:pk>/return/", lending.return_loan, name="return"),
    path("loans/<int:pk>/renew/", lending.renew, name="renew"),
]
