"""Outgoing mail: written to the database with the fact it reports, delivered by Celery.

A row holds either the text (`queue_email`) or a reference to what it reports (`queue_reference`,
through portal.messaging.queue_message): then it is rendered when it is delivered, in the language
stored with it, and the text sent is kept on the row, so a retry sends exactly the same mail.
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
from .messaging import message_function, recipient_language, reference, render_message, target_of
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
    return _queue(
        OutgoingEmail(to=to, subject=subject[:255], body=body, html_body=html_body, attachments=_encoded(attachments))
    )


def queue_reference(*, to, message, language, params, target_type, target_id, user=None):
    """Record that `message` about a row is to be sent to `to`; rendered at delivery (portal.messaging)."""
    if not (to or "").strip():
        logger.info("Not queueing %s: the recipient has no email address", message)
        return None
    return _queue(
        OutgoingEmail(
            to=to,
            user=user,
            message=message,
            language=language,
            params=params,
            target_type=target_type,
            target_id=target_id,
        )
    )


def queue_message(*, user, message, target, params=None):
    """Write `message` about `target` to `user`'s outbox, rendered when it is delivered; None without an address.

    Transactional: it always goes (the caller decides whether the person wants it). Written in the
    caller's transaction and handed to the worker once it commits (portal.mail).
    """
    message_function(message)  # an unknown message fails here, in the caller's test, not in the worker
    return queue_reference(
        to=user.email,
        user=user,
        message=message,
        language=recipient_language(user),
        params=params or {},
        **reference(target),
    )


def _queue(email):
    email.save()
    after_commit(deliver_email, email.pk)
    return email


def _encoded(attachments):
    return [
        {"filename": filename, "mimetype": mimetype, "content": base64.b64encode(content).decode("ascii")}
        for filename, content, mimetype in attachments
    ]


def _render_stored(email):
    """Fill a by-reference row with its text, once; False when what it was about is gone."""
    if not email.message or email.body:
        return True
    rendered = None
    if email.user is not None:
        rendered = render_message(
            user=email.user,
            message=email.message,
            target=target_of(email),
            params=email.params,
            language=email.language or None,
        )
    if rendered is None:
        email.attempts = MAX_ATTEMPTS
        email.last_error = "Not sent: what it was about is gone."
        email.save(update_fields=["attempts", "last_error"])
        return False
    email.subject = rendered.subject[:255]
    email.body = rendered.body
    email.html_body = rendered.html_body
    email.attachments = _encoded(rendered.attachments)
    email.save(update_fields=["subject", "body", "html_body", "attachments"])
    return True


def deliver(email_id):
    """Send one recorded message at most once: the row is locked while it is sent and then marked."""
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(of=("self",))
            .select_related("user__profile")
            .filter(pk=email_id, sent_at__isnull=True)
            .first()
        )
        if email is None or not _render_stored(email):
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
