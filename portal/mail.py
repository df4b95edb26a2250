"""Outgoing mail: written to the database with the fact it reports, delivered by Celery.

The two tasks keep their first names (`portal.tasks.…`), so queued messages and beat entries survive.
"""

import base64
import logging
import sys

from celery import shared_task
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend
from django.db import transaction
from django.utils import timezone

from .background import after_commit
from .models import OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10


class ConsoleAndFileBackend(BaseEmailBackend):
    """The embedded default: show mail in the terminal of `make run` and keep a copy in var/mail/."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.console = ConsoleBackend(stream=sys.stdout, **kwargs)
        self.file = FileBackend(**kwargs)

    def send_messages(self, email_messages):
        self.file.send_messages(email_messages)
        return self.console.send_messages(email_messages)


def queue_email(*, to, subject, body, html_body="", attachments=()):
    """Record a message and hand it to the worker once the surrounding transaction commits.

    `attachments` are (filename, content bytes, mimetype) tuples, kept on the row with the message so a
    retry sends exactly what was written. An empty address (a resident registered at a desk without
    email) writes nothing and returns None: this is the one guard every sender relies on.
    """
    if not (to or "").strip():
        logger.info("Not queueing %r: the recipient has no email address", subject[:80])
        return None
    stored = [
        {"filename": filename, "mimetype": mimetype, "content": base64.b64encode(content).decode("ascii")}
        for filename, content, mimetype in attachments
    ]
    email = OutgoingEmail.objects.create(
        to=to, subject=subject[:255], body=body, html_body=html_body, attachments=stored
    )
    after_commit(deliver_email, email.pk)
    return email


def deliver(email_id):
    """Send one recorded message at most once: the row is locked while it is sent and then marked."""
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id, sent_at__isnull=True).first()
        if email is None:
            return False
        message = EmailMultiAlternatives(email.subject, email.body, to=[email.to])
        if email.html_body:
            message.attach_alternative(email.html_body, "text/html")
        for attachment in email.attachments:
            message.attach(attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"])
        email.attempts += 1
        try:
            get_connection().send_messages([message])
        except Exception as exc:  # noqa: BLE001 - any mail failure is recorded and retried later
            email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            email.save(update_fields=["attempts", "last_error"])
            logger.warning("Sending email %s failed: %s", email_id, email.last_error)
            return False
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["attempts", "last_error", "sent_at"])
        return True


def pending_email_ids():
    return list(
        OutgoingEmail.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
        .order_by("created_at")
        .values_list("pk", flat=True)[:500]
    )


@shared_task(name="portal.tasks.deliver_email", acks_late=True, ignore_result=True)
def deliver_email(email_id):
    return deliver(email_id)


@shared_task(name="portal.tasks.send_pending_emails", ignore_result=True)
def send_pending_emails():
    """Beat sweep: send what the broker or the mail server could not take earlier."""
    return sum(deliver(email_id) for email_id in pending_email_ids())
