from django.urls import path

from .views import exhibitions

app_name = "exhibitions"
urlpatterns = [path("", exhibitions.index, name="index")]
