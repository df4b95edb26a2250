"""How an event's time is written for people, the same on pages and in email (in the active language)."""

from django.utils import formats, timezone


def when_text(event):
    """'Sat 5 Dec 2026 19:00 – 21:00' in the active language; both dates when the event runs over midnight."""
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    day = f"{formats.date_format(start, 'l')} {formats.date_format(start, 'DATE_FORMAT')}"
    if start.date() == end.date():
        return f"{day} {formats.time_format(start, 'TIME_FORMAT')} – {formats.time_format(end, 'TIME_FORMAT')}"
    return (
        f"{day} {formats.time_format(start, 'TIME_FORMAT')} – "
        f"{formats.date_format(end, 'DATE_FORMAT')} {formats.time_format(end, 'TIME_FORMAT')}"
    )


def local_text(value, fmt="DATETIME_FORMAT"):
    """A date and time in local time, written in the active language (`fmt`: a Django format name)."""
    return formats.date_format(timezone.localtime(value), fmt)
