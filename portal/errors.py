"""The one shape of a refusal: every service raises a subclass of ServiceError."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class ServiceError(ValidationError):
    """A refused action: `message` is shown to the person as is, `code` is for programs.

    `status_by_code` says what the API answers for a code (400 when not listed); each domain's
    subclass adds its own codes, so the mapping lives next to the rules that raise them.
    """

    status_by_code = {"email_unverified": 403, "forbidden": 403, "not_found": 404}
    retry_after = None  # seconds, sent as `Retry-After` when set

    def __init__(self, message, code):
        super().__init__(message, code=code)

    def __str__(self):
        return str(self.message)

    @property
    def http_status(self):
        return self.status_by_code.get(self.code, 400)


class Busy(ServiceError):
    """A row others hold longer than LOCK_TIMEOUT_SECONDS (portal.locking): try again shortly, nothing was done.

    The API answers 503 with `Retry-After`; pages show the message (portal.middleware.BusyMiddleware).
    """

    status_by_code = {**ServiceError.status_by_code, "busy": 503}
    retry_after = 5  # seconds

    def __init__(self):
        super().__init__(_("Many people are signing up right now. Please try again in a moment."), "busy")
