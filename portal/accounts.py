"""Account rules shared by the pages and the API (allauth does the rest)."""

from allauth.account.forms import LoginForm
from allauth.account.models import EmailAddress
from allauth.core import ratelimit
from django.utils.translation import gettext_lazy as _

from .errors import ServiceError


class SignInError(ServiceError):
    status_by_code = {**ServiceError.status_by_code, "too_many_attempts": 429}


def has_verified_email(user):
    """Registering, voting and borrowing need a confirmed address: allauth's EmailAddress.verified, nothing else."""
    return user.is_authenticated and EmailAddress.objects.filter(user=user, verified=True).exists()


def check_password_sign_in(request, *, login, password):
    """The web form's check of a username (or email) and password, for sign-ins without the form (the API).

    The same limits as /accounts/login/, from ACCOUNT_RATE_LIMITS: every attempt counts against "login"
    per address; failures count against "login_failed" per address and per account, so an account
    locked on the web form is locked here too, and the other way round. Returns the active user, or
    None for wrong credentials; raises SignInError "too_many_attempts" when a limit is reached.
    """
    if not ratelimit.consume(request, action="login"):
        raise SignInError(_("You have done this too often. Please wait a while and try again."), "too_many_attempts")
    form = LoginForm(data={"login": login, "password": password}, request=request)
    if form.is_valid():
        return form.user if form.user.is_active else None
    for error in form.non_field_errors().as_data():
        if error.code == "too_many_login_attempts":
            raise SignInError(error.messages[0], "too_many_attempts")  # allauth's own, translated message
    return None
