"""The range of dates the portal accepts, wherever a date enters (forms, admin, API, query strings).

A year-1 event once broke its calendar file with an OverflowError; a date far outside the range of
a cultural programme is a typing slip, so it is refused with a message instead.
"""

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def date_range():
    """(earliest, latest) accepted dates: DATES_EARLIEST_YEAR to DATES_YEARS_AHEAD years from today."""
    today = timezone.localdate()
    return date(settings.DATES_EARLIEST_YEAR, 1, 1), date(today.year + settings.DATES_YEARS_AHEAD, 12, 31)


def validate_date_in_range(value):
    """A validator for date and datetime fields (models, forms and filters)."""
    if value is None:
        return
    day = value.date() if isinstance(value, datetime) else value
    earliest, latest = date_range()
    if not earliest <= day <= latest:
        raise ValidationError(
            _("Choose a date between %(earliest)s and %(latest)s.") % {"earliest": earliest, "latest": latest},
            code="date_out_of_range",
        )


def date_errors(instance, names):
    """{field name: message} for those of `names` on `instance` whose date is out of range (for clean())."""
    errors = {}
    for name in names:
        try:
            validate_date_in_range(getattr(instance, name))
        except ValidationError as exc:
            errors[name] = exc.messages[0]
    return errors
