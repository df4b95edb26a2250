"""QR codes for tickets: the ticket code alone, so any scanner (or the check-in page) can read it."""

import io

import segno


def _qr(code):
    # Level M survives a scratched or creased printout; the code is short, so the symbol stays small.
    return segno.make(code, error="m", micro=False)


def qr_svg(code):
    buffer = io.BytesIO()
    _qr(code).save(buffer, kind="svg", scale=10, border=4, xmldecl=False, title=code)
    return buffer.getvalue()


def qr_png(code):
    buffer = io.BytesIO()
    _qr(code).save(buffer, kind="png", scale=10, border=4)
    return buffer.getvalue()


def qr_data_uri(code):
    """The QR code as an SVG data URI: the ticket page then shows it offline once loaded (CSP allows data:)."""
    return _qr(code).svg_data_uri(scale=10, border=4)
