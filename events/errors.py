"""The events app's refusals: each service raises one of these (a portal.errors.ServiceError).

`message` is shown to the person as is, `code` is for programs; `status_by_code` is what the API answers.
"""

from django.utils.translation import gettext as _

from portal.errors import ServiceError


class RegistrationError(ServiceError):
    """A refused event action: `message` is shown to the person as is, `code` is for programs."""

    status_by_code = {
        **ServiceError.status_by_code,
        "already_registered": 409,
        "already_checked_in": 409,
        "checked_in": 409,
        "already_cancelled": 409,
    }

    @classmethod
    def forbidden(cls):
        return cls(_("You are not allowed to do this for this event."), "forbidden")


class VolunteerError(RegistrationError):
    """A refused volunteering action: `message` for the person, `code` for programs."""

    status_by_code = {
        **RegistrationError.status_by_code,
        "already_signed_up": 409,
        "other_role": 409,
        "not_signed_up": 404,
    }


class ParticipationError(ServiceError):
    """A refused participation action: `message` is shown to the person as is, `code` is for programs."""

    status_by_code = {
        **ServiceError.status_by_code,
        "wrong_district": 403,
        "district_changed": 403,
        "district_unverified": 403,
        "already_voted": 409,
        "already_reported": 409,
        "not_voted": 404,
        "rate_limited": 429,
    }

    @classmethod
    def forbidden(cls):
        return cls(_("You are not allowed to do this."), "forbidden")


class EvaluationError(ServiceError):
    """A refused evaluation action: `message` is shown to the person as is, `code` is for programs."""

    status_by_code = {
        **ServiceError.status_by_code,
        "not_attendee": 403,
        "already_evaluated": 409,
        "already_proposed": 409,
    }

    @classmethod
    def forbidden(cls):
        return cls(_("You are not allowed to do this for this event."), "forbidden")
