"""The library's refusals (a portal.errors.ServiceError): `message` for the person, `code` for programs."""

from django.utils.translation import gettext as _

from portal.errors import ServiceError


class LibraryError(ServiceError):
    status_by_code = {
        **ServiceError.status_by_code,
        "no_copy_left": 409,
        "already_borrowed": 409,
        "already_on_hold": 409,
        "loan_limit": 400,
        "not_lendable": 400,
        # Lending (services/lending.py): a copy is free (borrow instead of holding), the loan or hold
        # has already ended, renewal while others wait.
        "copy_available": 409,
        "loan_ended": 409,
        "hold_ended": 409,
        "holds_waiting": 409,
    }

    @classmethod
    def forbidden(cls):
        return cls(_("You are not allowed to do this for this resource."), "forbidden")

    @classmethod
    def not_found(cls):
        return cls(_("This resource does not exist or is not available to you."), "not_found")
