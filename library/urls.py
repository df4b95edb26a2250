from django.urls import path

from .views import catalog

app_name = "library"
urlpatterns = [path("", catalog.index, name="index")]
