"""REST API of the library app; included under /api/ by portal.urls."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import lending
from .catalog import ResourceViewSet

router = SimpleRouter()
router.register("library/items", ResourceViewSet, basename="library-item")

urlpatterns = [
    *router.urls,
    path("library/items/<int:pk>/borrow/", lending.BorrowView.as_view(), name="api-library-borrow"),
    path("library/items/<int:pk>/hold/", lending.HoldView.as_view(), name="api-library-hold"),
    path("library/holds/<int:pk>/", lending.HoldDetailView.as_view(), name="api-library-hold-detail"),
    path("library/holds/<int:pk>/cancel/", lending.HoldCancelView.as_view(), name="api-library-hold-cancel"),
    path("library/loans/<int:pk>/return/", lending.ReturnView.as_view(), name="api-library-return"),
    path("library/loans/<int:pk>/renew/", lending.RenewView.as_view(), name="api-library-renew"),
    path("me/loans/", lending.MyLoansView.as_view(), name="api-my-loans"),
    path("me/holds/", lending.MyHoldsView.as_view(), name="api-my-holds"),
]
