"""Celery tasks of the exhibitions app: they take ids, re-read the state and may run twice without harm."""

from .services.images import process_image_job  # noqa: F401 - defined beside the image pipeline; imported by the worker
