"""Rights statements: the RightsStatements.org and Creative Commons URIs content may carry, with their names.

One vocabulary for every app that publishes works (the library's resources, the exhibitions' items):
the URI is what is stored and what OAI-PMH and IIIF publish; the name is what pages show, in the
active language. The URIs are the canonical `http://` forms, as both vocabularies publish them and as
IIIF Presentation 3 requires them in `rights` (imports accept `https://` and map it here).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RightsStatement(models.TextChoices):
    PUBLIC_DOMAIN = "http://creativecommons.org/publicdomain/mark/1.0/", _("Public Domain Mark 1.0")
    CC0 = "http://creativecommons.org/publicdomain/zero/1.0/", _("CC0 1.0 Universal (public domain dedication)")
    CC_BY = "http://creativecommons.org/licenses/by/4.0/", _("Creative Commons Attribution 4.0")
    CC_BY_SA = "http://creativecommons.org/licenses/by-sa/4.0/", _("Creative Commons Attribution-ShareAlike 4.0")
    CC_BY_NC = "http://creativecommons.org/licenses/by-nc/4.0/", _("Creative Commons Attribution-NonCommercial 4.0")
    CC_BY_NC_SA = (
        "http://creativecommons.org/licenses/by-nc-sa/4.0/",
        _("Creative Commons Attribution-NonCommercial-ShareAlike 4.0"),
    )
    CC_BY_ND = "http://creativecommons.org/licenses/by-nd/4.0/", _("Creative Commons Attribution-NoDerivatives 4.0")
    CC_BY_NC_ND = (
        "http://creativecommons.org/licenses/by-nc-nd/4.0/",
        _("Creative Commons Attribution-NonCommercial-NoDerivatives 4.0"),
    )
    IN_COPYRIGHT = "http://rightsstatements.org/vocab/InC/1.0/", _("In Copyright")
    IN_COPYRIGHT_EDUCATIONAL = (
        "http://rightsstatements.org/vocab/InC-EDU/1.0/",
        _("In Copyright – Educational Use Permitted"),
    )
    IN_COPYRIGHT_NON_COMMERCIAL = (
        "http://rightsstatements.org/vocab/InC-NC/1.0/",
        _("In Copyright – Non-Commercial Use Permitted"),
    )
    NO_COPYRIGHT_CONTRACTUAL = (
        "http://rightsstatements.org/vocab/NoC-CR/1.0/",
        _("No Copyright – Contractual Restrictions"),
    )
    NO_COPYRIGHT_NON_COMMERCIAL = (
        "http://rightsstatements.org/vocab/NoC-NC/1.0/",
        _("No Copyright – Non-Commercial Use Only"),
    )
    NO_COPYRIGHT_OTHER = (
        "http://rightsstatements.org/vocab/NoC-OKLR/1.0/",
        _("No Copyright – Other Known Legal Restrictions"),
    )
    NO_KNOWN_COPYRIGHT = "http://rightsstatements.org/vocab/NKC/1.0/", _("No Known Copyright")
    COPYRIGHT_NOT_EVALUATED = "http://rightsstatements.org/vocab/CNE/1.0/", _("Copyright Not Evaluated")
    COPYRIGHT_UNDETERMINED = "http://rightsstatements.org/vocab/UND/1.0/", _("Copyright Undetermined")


def rights_name(uri):
    """The statement's name in the active language; an unknown URI is shown as itself."""
    try:
        return RightsStatement(uri).label
    except ValueError:
        return uri


def is_open_licence(uri):
    """Whether the statement lets anyone reuse the work (public domain or a Creative Commons licence)."""
    return uri.startswith("http://creativecommons.org/")
