from django.urls import path

from .views import catalog, lending

app_name = "library"
urlpatterns = [
    path("", catalog.index, name="index"),
    path("<int:pk>/borrow/", lending.borrow, name="borrow"),
    path("<int:pk>/hold/", lending.place_hold, name="hold"),
    path("holds/<int:pk>/cancel/", lending.cancel_hold, name="cancel-hold"),
    path("loans/<int:pk>/return/", lending.return_loan, name="return"),
    path("loans/<int:pk>/renew/", lending.renew, name="renew"),
]
