"""Celery tasks of the exhibitions app: they take ids, re-read the state and may run twice without harm."""

from celery import shared_task

from .services.images import process_image_job  # noqa: F401 - defined beside the image pipeline; imported by the worker


@shared_task(ignore_result=True)
def publish_scheduled_exhibitions():
    """Beat, every five minutes: publish the scheduled exhibitions whose time has come (idempotent)."""
    from .services import exhibitions

    return exhibitions.publish_due()
