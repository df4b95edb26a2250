"""allauth's sign-in and sign-up forms in the portal's words, with its rule for addresses already in use.

Only an address someone has confirmed (or holds as their account's own address) is taken. Then the
page says what it says for any sign-up and the owner gets a mail instead (allauth's enumeration
prevention), so the form never tells whether an address has an account. An unverified address that
another account merely added at /accounts/email/ does not block the sign-up: otherwise anyone could
squat a neighbour's address. Whoever confirms it first keeps it (allauth refuses a second verified
copy), and the other accounts' unconfirmed copies are removed then (portal.signals).
"""

from allauth.account.forms import LoginForm, SignupForm
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _


def address_is_taken(email):
    return (
        EmailAddress.objects.filter(email__iexact=email, verified=True).exists()
        or get_user_model().objects.filter(email__iexact=email).exists()
    )


class AccountSignupForm(SignupForm):
    def validate_unique_email(self, value):
        self.account_already_exists = address_is_taken(value)
        return value


class AccountLoginForm(LoginForm):
    """allauth's form, its "Login" field named for what it takes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Username or email")
