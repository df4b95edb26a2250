"""The one shape of a refusal: every service raises a subclass of ServiceError."""

from django.core.exceptions import ValidationError


class ServiceError(ValidationError):
    """A refused action: `message` is shown to the person as is, `code` is for programs.

    `status_by_code` says what the API answers for a code (400 when not listed); each domain's
    subclass adds its own codes, so the mapping lives next to the rules that raise them.
    """

    status_by_code = {"email_unverified": 403, "forbidden": 403, "not_found": 404}

    def __init__(self, message, code):
        super().__init__(message, code=code)

    def __str__(self):
        return str(self.message)

    @property
    def http_status(self):
        return self.status_by_code.get(self.code, 400)
