"""Logging pieces: an expected refusal (403, 404, 400) is one line, not a traceback."""

import logging


class RefusalsWithoutTraceback(logging.Filter):
    """django.request logs every 4xx with its exception; a traceback is only worth reading for a 5xx."""

    def filter(self, record):
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
