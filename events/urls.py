from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("events/", views.event_list, name="list"),
    path("proposals/", views.proposal_list, name="proposals"),
    path("me/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
