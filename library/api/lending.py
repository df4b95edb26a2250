"""REST API of lending: borrow, hold, cancel, return, renew, and the resident's loans and holds.

Thin adapters over library.services.lending; a refusal is the service's LibraryError, which
`portal.api.exception_handler` answers as `{"detail", "code"}` with the status of its code (the words
the HTML page shows). The input and output shapes of lending live here, beside the views that use them.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.api import RefusalSerializer
from portal.rest import Pagination

from ..models import Hold, Loan
from ..selectors import lending as selectors
from ..selectors.catalog import visible_resource
from ..services import lending


def refusal(description):
    """A refusal the operation answers; its body (`detail`, `code`) is declared by portal.api.AutoSchema."""
    return OpenApiResponse(RefusalSerializer, description=description)


NOT_SIGNED_IN = refusal(_("Not signed in, or `email_unverified` (confirm the address first)."))
NO_ITEM = refusal(_("`not_found`: no visible item with this id."))
NOT_YOURS = refusal(_("`not_found`: no such loan or hold of yours."))


# --- Shapes ----------------------------------------------------------------------------------------------


class LoanSerializer(serializers.ModelSerializer):
    resource_title = serializers.CharField(source="resource.title", read_only=True)
    read_url = serializers.SerializerMethodField(help_text=_("Where the item is read or played while on loan."))

    class Meta:
        model = Loan
        fields = ["id", "resource", "resource_title", "read_url", "started_at", "due_at", "renewals"]
        read_only_fields = fields

    def get_read_url(self, loan) -> str:
        path = f"{loan.resource.get_absolute_url()}read/"
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class MyLoanSerializer(LoanSerializer):
    renewable = serializers.SerializerMethodField(help_text=_("Whether it may be renewed now (nobody waits)."))

    class Meta(LoanSerializer.Meta):
        fields = [*LoanSerializer.Meta.fields, "renewable"]
        read_only_fields = fields

    def get_renewable(self, loan) -> bool:
        return getattr(loan, "holds_waiting", 1) == 0


class HoldSerializer(serializers.ModelSerializer):
    resource_title = serializers.CharField(source="resource.title", read_only=True)
    position = serializers.IntegerField(read_only=True, help_text=_("1 for the first in the queue."))
    reserved_until = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text=_("Set when a copy is kept for you: borrow it before then."),
    )

    class Meta:
        model = Hold
        fields = ["id", "resource", "resource_title", "created_at", "position", "reserved_until"]
        read_only_fields = fields


def _hold_data(hold, request):
    hold = selectors.with_positions(Hold.objects.filter(pk=hold.pk).select_related("resource")).get()
    return HoldSerializer(hold, context={"request": request}).data


class LendingView(APIView):
    permission_classes = [IsAuthenticated]
    locks_rows = True  # the resource row is locked (portal.locking): the schema lists 503 `busy`

    def resource(self, pk):
        found = visible_resource(self.request.user, pk)
        if found is None:
            raise Http404
        return found

    def own(self, model, pk):
        return get_object_or_404(model.objects.select_related("resource"), pk=pk, user=self.request.user)


# --- Items -----------------------------------------------------------------------------------------------


class BorrowView(LendingView):
    @extend_schema(
        summary=_("Borrow an item"),
        description=_(
            "A loan of a lending-controlled item for LIBRARY_LOAN_DAYS; a copy kept for your hold is yours to borrow."
        ),
        request=None,
        responses={
            201: LoanSerializer,
            400: refusal(_("`not_lendable` (read it without borrowing) or `loan_limit` (return a loan first).")),
            403: NOT_SIGNED_IN,
            404: NO_ITEM,
            409: refusal(_("`no_copy_left` (place a hold) or `already_borrowed`.")),
        },
    )
    def post(self, request, pk):
        loan = lending.borrow(user=request.user, resource=self.resource(pk))
        return Response(LoanSerializer(loan, context={"request": request}).data, status=status.HTTP_201_CREATED)


class HoldView(LendingView):
    @extend_schema(
        summary=_("Join the queue for an item"),
        description=_("When a copy comes back, the first hold is kept for LIBRARY_HOLD_HOURS and its resident mailed."),
        request=None,
        responses={
            201: HoldSerializer,
            400: refusal(_("`not_lendable`: the item is read without borrowing.")),
            403: NOT_SIGNED_IN,
            404: NO_ITEM,
            409: refusal(_("`copy_available` (borrow it instead), `already_on_hold` or `already_borrowed`.")),
        },
    )
    def post(self, request, pk):
        hold = lending.place_hold(user=request.user, resource=self.resource(pk))
        return Response(_hold_data(hold, request), status=status.HTTP_201_CREATED)


# --- Holds and loans -------------------------------------------------------------------------------------

CANCEL_RESPONSES = {
    204: OpenApiResponse(description=_("The hold is cancelled; a copy kept for it passes to the next in line.")),
    403: refusal(_("Not signed in.")),
    404: NOT_YOURS,
    409: refusal(_("`hold_ended`: the hold has already ended.")),
}


class HoldDetailView(LendingView):
    @extend_schema(summary=_("Cancel your hold"), request=None, responses=CANCEL_RESPONSES)
    def delete(self, request, pk):
        lending.cancel_hold(user=request.user, hold=self.own(Hold, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class HoldCancelView(LendingView):
    @extend_schema(summary=_("Cancel your hold (as POST)"), request=None, responses=CANCEL_RESPONSES)
    def post(self, request, pk):
        lending.cancel_hold(user=request.user, hold=self.own(Hold, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ReturnView(LendingView):
    @extend_schema(
        summary=_("Return a loan early"),
        description=_("The copy goes to the first hold in the queue."),
        request=None,
        responses={
            200: LoanSerializer,
            403: refusal(_("Not signed in.")),
            404: NOT_YOURS,
            409: refusal(_("`loan_ended`: the loan has already ended.")),
        },
    )
    def post(self, request, pk):
        loan = lending.return_loan(user=request.user, loan=self.own(Loan, pk))
        return Response(LoanSerializer(loan, context={"request": request}).data)


class RenewView(LendingView):
    @extend_schema(
        summary=_("Renew a loan"),
        description=_("The loan then ends LIBRARY_LOAN_DAYS from now; only when nobody is in the item's queue."),
        request=None,
        responses={
            200: LoanSerializer,
            400: refusal(_("`not_lendable`: the item is no longer lent.")),
            403: refusal(_("Not signed in.")),
            404: NOT_YOURS,
            409: refusal(_("`holds_waiting` (others wait for it) or `loan_ended`.")),
        },
    )
    def post(self, request, pk):
        loan = lending.renew(user=request.user, loan=self.own(Loan, pk))
        return Response(LoanSerializer(loan, context={"request": request}).data)


# --- The resident's own ----------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        summary=_("Your loans"),
        description=_("The signed-in resident's current loans, soonest due first."),
        responses={200: MyLoanSerializer, 403: refusal(_("Not signed in."))},
    )
)
class MyLoansView(ListAPIView):
    serializer_class = MyLoanSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = Pagination
    filter_backends = []

    def get_queryset(self):
        return selectors.user_loans(self.request.user)


@extend_schema_view(
    get=extend_schema(
        summary=_("Your holds"),
        description=_("The signed-in resident's holds, oldest first, with the place in each queue."),
        responses={200: HoldSerializer, 403: refusal(_("Not signed in."))},
    )
)
class MyHoldsView(ListAPIView):
    serializer_class = HoldSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = Pagination
    filter_backends = []

    def get_queryset(self):
        return selectors.user_holds(self.request.user)
