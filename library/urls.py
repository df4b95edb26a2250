from django.urls import path

from .views import catalog, files, reader

app_name = "library"
urlpatterns = [
    path("", catalog.index, name="index"),
    path("<int:pk>/", catalog.resource_detail, name="resource"),
    path("<int:pk>/read/", reader.read, name="read"),
    path("<int:pk>/file/", files.resource_file, name="file"),
    path("<int:pk>/images/<int:image_id>/", files.resource_image, name="image"),
    path("<int:pk>/captions/", files.resource_captions, name="captions"),
]
