"""The lending buttons of an item's page and of /me/: thin POST views over library.services.lending.

Each one acts for the signed-in person, shows the service's words (its refusal as an error message) and
goes back where the button was: `next` when it is a page of this site, else the page it came from, else
the item's page. Loans and holds are looked up among the person's own: another's is a 404.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..errors import LibraryError
from ..models import Hold, Loan
from ..selectors import lending as lending_selectors
from ..selectors.catalog import visible_resource
from ..services import lending
from ..services.notifications import local_text


def _back(request, resource):
    for target in (request.POST.get("next", ""), request.headers.get("referer", "")):
        if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
            return redirect(target)
    return redirect(resource.get_absolute_url())


def _resource_or_404(request, pk):
    resource = visible_resource(request.user, pk)
    if resource is None:
        raise Http404
    return resource


def _act(request, resource, action, success):
    try:
        result = action()
    except LibraryError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success(result))
    return _back(request, resource)


@require_POST
def borrow(request, pk):
    resource = _resource_or_404(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(resource.get_absolute_url())
    return _act(
        request,
        resource,
        lambda: lending.borrow(user=request.user, resource=resource),
        lambda loan: (
            _("You have borrowed “%(title)s” until %(due)s. Open it from its page or from your loans.")
            % {"title": resource.title, "due": local_text(loan.due_at)}
        ),
    )


@require_POST
def place_hold(request, pk):
    resource = _resource_or_404(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(resource.get_absolute_url())
    return _act(
        request,
        resource,
        lambda: lending.place_hold(user=request.user, resource=resource),
        lambda hold: (
            _(
                "You are number %(position)d in the queue for “%(title)s”. "
                "We will email you when a copy is kept for you."
            )
            % {"position": lending_selectors.hold_position(hold), "title": resource.title}
        ),
    )


def _own(request, queryset, pk):
    if not request.user.is_authenticated:
        return None
    return get_object_or_404(queryset.select_related("resource"), pk=pk, user=request.user)


@require_POST
def cancel_hold(request, pk):
    hold = _own(request, Hold.objects.all(), pk)
    if hold is None:
        return redirect_to_login("/me/")
    return _act(
        request,
        hold.resource,
        lambda: lending.cancel_hold(user=request.user, hold=hold),
        lambda hold: _("You have left the queue for “%(title)s”.") % {"title": hold.resource.title},
    )


@require_POST
def return_loan(request, pk):
    loan = _own(request, Loan.objects.all(), pk)
    if loan is None:
        return redirect_to_login("/me/")
    return _act(
        request,
        loan.resource,
        lambda: lending.return_loan(user=request.user, loan=loan),
        lambda loan: _("You have returned “%(title)s”. Thank you!") % {"title": loan.resource.title},
    )


@require_POST
def renew(request, pk):
    loan = _own(request, Loan.objects.all(), pk)
    if loan is None:
        return redirect_to_login("/me/")
    return _act(
        request,
        loan.resource,
        lambda: lending.renew(user=request.user, loan=loan),
        lambda loan: (
            _("You may keep “%(title)s” until %(due)s.")
            % {"title": loan.resource.title, "due": local_text(loan.due_at)}
        ),
    )
