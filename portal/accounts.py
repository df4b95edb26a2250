"""Account rules shared by the pages and the API (allauth does the rest)."""

from allauth.account.forms import LoginForm
from allauth.account.models import EmailAddress
from allauth.core import ratelimit
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .errors import ServiceError
from .models import AccountBlock
from .roles import is_moderator


class SignInError(ServiceError):
    status_by_code = {**ServiceError.status_by_code, "too_many_attempts": 429}


class AccountError(ServiceError):
    """A refused action on an account (blocking it): `message` for the person, `code` for programs."""


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


@transaction.atomic
def block_account(*, user, by_user, reason):
    """A moderator blocks an account (it can no longer sign in), with the reason recorded in AccountBlock.

    Refuses non-moderators, one's own account and staff or superuser accounts ("forbidden"), no reason
    ("note_required"), an account already blocked ("already_blocked").
    """
    if not is_moderator(by_user) or user.pk == by_user.pk or user.is_superuser or user.is_staff:
        raise AccountError(_("You are not allowed to do this."), "forbidden")
    if not (reason or "").strip():
        raise AccountError(_("Give the reason for blocking the account."), "note_required")
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        raise AccountError(_("This account is already blocked."), "already_blocked")
    user.is_active = False
    user.save(update_fields=["is_active"])
    return AccountBlock.objects.create(user=user, blocked_by=by_user, reason=reason.strip())
