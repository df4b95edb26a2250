"""The exhibitions' refusals (a portal.errors.ServiceError): `message` for the person, `code` for programs."""

from django.utils.translation import gettext as _

from portal.errors import ServiceError


class ExhibitionError(ServiceError):
    status_by_code = {**ServiceError.status_by_code, "not_an_image": 400, "image_too_large": 400}

    @classmethod
    def forbidden(cls):
        return cls(_("You are not allowed to do this for this exhibition."), "forbidden")
