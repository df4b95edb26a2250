"""How often residents hear from the portal: one helper for every non-urgent message, and the digests.

`notify()` is the single door for updates that are not transactional (proposal news and the like): it
sends at once, keeps the update for the daily or weekly digest, or drops it, following the resident's
`Profile.notification_frequency`. Transactional mail (tickets, account mail, messages the organizer
writes) goes through portal.messaging.queue_message (or portal.mail.queue_email) and always goes.

An update is a message of portal.messaging, kept *by reference* — which message, about which row, with
which few parameters — never as text: sent at once, it is rendered when delivered; kept for a digest,
when the digest goes, in the language the resident reads then.

Base layer: imports no domain app.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import ngettext

from .links import absolute_url
from .mail import queue_email, queue_message
from .messaging import Rendered, message_function, recipient_language, reference, target_of
from .models import DigestItem, Profile

__all__ = ["Rendered", "notify", "recipient_language", "send_digest", "send_digests", "wants_mail"]

logger = logging.getLogger(__name__)

Frequency = Profile.NotificationFrequency
DAILY, WEEKLY = Frequency.DAILY, Frequency.WEEKLY


def frequency_of(user):
    profile = getattr(user, "profile", None)
    return profile.notification_frequency if profile is not None else Frequency.IMMEDIATELY


def wants_mail(user):
    """Whether `user` gets non-transactional mail at all: an active account, an address, not "never"."""
    return bool(user.is_active and user.email) and frequency_of(user) != Frequency.NEVER


def notify(*, user, message, target, params=None, kind="updates"):
    """Tell `user` about `target` with `message`; returns the OutgoingEmail, the DigestItem, or None.

    By the profile: at once → queued now (rendered when delivered); daily or weekly → a DigestItem
    (rendered at digest time); never → nothing. Inactive accounts and residents without an address get
    nothing. `params` must be JSON: a few flags, never text meant for the reader.
    """
    if not wants_mail(user):
        return None
    message_function(message)  # an unknown message fails here, in the caller's test, not at digest time
    frequency = frequency_of(user)
    if frequency in (DAILY, WEEKLY):
        return DigestItem.objects.create(
            user=user, kind=kind, message=message, params=params or {}, **reference(target)
        )
    return queue_message(user=user, message=message, target=target, params=params)


def digest_entry(item, user):
    """(subject, text) of a waiting item for `user`'s digest, in the active language; None if it lapsed.

    Items kept before updates were stored by reference carry their text (`subject`, `body`) and are
    shown as written.
    """
    if not item.message:
        return item.subject, item.body
    target = target_of(item)
    if target is None:
        return None
    rendered = message_function(item.message)(user, target, item.params)
    return None if rendered is None else (rendered.subject, rendered.item)


def _digest_subject(frequency, count):
    if frequency == WEEKLY:
        return ngettext("Your weekly digest: %(count)d update", "Your weekly digest: %(count)d updates", count) % {
            "count": count
        }
    return ngettext("Your daily digest: %(count)d update", "Your daily digest: %(count)d updates", count) % {
        "count": count
    }


def send_digest(*, user_id, frequency):
    """Render `user_id`'s unsent items into ONE email in their language and stamp them sent, atomically.

    Idempotent: the items are locked and stamped in the transaction that writes the email, so a second
    run (or a parallel one) finds nothing. Items of a resident who meanwhile chose "never", or who has
    no address or account any more, and items that lapsed (their row is gone), are stamped without mail.
    Returns the OutgoingEmail or None.
    """
    from django.contrib.auth import get_user_model

    with transaction.atomic():
        items = list(
            DigestItem.objects.select_for_update()
            .filter(user_id=user_id, sent_at__isnull=True)
            .order_by("created_at", "id")
        )
        if not items:
            return None
        user = get_user_model().objects.select_related("profile").get(pk=user_id)
        email = None
        if wants_mail(user):
            with translation.override(recipient_language(user)):
                entries = [entry for item in items if (entry := digest_entry(item, user)) is not None]
            if entries:
                email = _send_digest(user, frequency, entries)
        DigestItem.objects.filter(pk__in=[item.pk for item in items]).update(sent_at=timezone.now())
        return email


def _send_digest(user, frequency, entries):
    with translation.override(recipient_language(user)):
        context = {
            "user_name": user.public_name,
            "portal_name": settings.PORTAL_NAME,
            "items": [{"subject": subject, "body": body} for subject, body in entries],
            "frequency": frequency,
            "preferences_url": absolute_url("/me/#profile-title"),
        }
        subject = _digest_subject(frequency, len(entries))
        body = render_to_string("portal/email/digest.txt", context)
        html_body = render_to_string("portal/email/digest.html", {**context, "subject": subject})
    return queue_email(to=user.email, subject=subject, body=body, html_body=html_body)


def send_digests(frequency):
    """Send one digest to every resident whose chosen frequency is `frequency` and who has items waiting.

    The daily run also empties the queue of residents who switched to "at once" or "never" since the
    items were kept, so nothing waits for a digest that will never come.
    """
    frequencies = [WEEKLY] if frequency == WEEKLY else [DAILY, Frequency.IMMEDIATELY, Frequency.NEVER]
    user_ids = (
        DigestItem.objects.filter(sent_at__isnull=True)
        .filter(user__profile__notification_frequency__in=frequencies)
        .values_list("user_id", flat=True)
        .distinct()
    )
    sent = 0
    for user_id in list(user_ids):
        if send_digest(user_id=user_id, frequency=frequency) is not None:
            sent += 1
    return sent
