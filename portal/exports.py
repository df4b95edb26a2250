"""CSV files for staff: one writer for every export, safe to open in a spreadsheet program.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by
spreadsheet programs, so a resident's display name like `=HYPERLINK(...)` would run on the staff
member's machine. Such text cells are prefixed with a single quote (OWASP's CSV injection guidance).
Numbers are written as they are.
"""

import csv

from django.http import StreamingHttpResponse

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class _Echo:
    def write(self, value):
        return value


def csv_lines(rows):
    """The rows as CSV lines, after a byte-order mark so spreadsheet programs read Chinese as UTF-8."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([safe_cell(value) for value in row])


def csv_response(rows, filename):
    """A streamed CSV download of `rows` (an iterable of lists; the header is the first row)."""
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
