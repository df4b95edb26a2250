"""How often residents hear from the portal: one helper for every non-urgent message, and the digests.

`notify()` is the single door for messages that are not transactional (proposal news and the like):
it sends at once, keeps the message for the daily or weekly digest, or drops it, following the
resident's `Profile.notification_frequency`. Transactional mail (tickets, account mail, messages the
organizer writes) passes `transactional=True` and always goes. Residents without an email address get
nothing by mail (portal.mail.queue_email refuses an empty address).

Base layer: imports no domain app. Callers render subject and body in the recipient's language
(`recipient_language`) before calling.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import ngettext

from .links import absolute_url
from .mail import queue_email
from .models import DigestItem, Profile

logger = logging.getLogger(__name__)

Frequency = Profile.NotificationFrequency
DAILY, WEEKLY = Frequency.DAILY, Frequency.WEEKLY


def recipient_language(user):
    """The resident's first preferred language the site offers, else the site default."""
    profile = getattr(user, "profile", None)
    available = {code for code, _name in settings.LANGUAGES}
    for code in (profile.preferred_languages if profile else None) or []:
        if code in available:
            return code
    return settings.LANGUAGE_CODE


def frequency_of(user):
    profile = getattr(user, "profile", None)
    return profile.notification_frequency if profile is not None else Frequency.IMMEDIATELY


def notify(*, user, subject, body, html_body="", transactional=False, kind="updates", digest_body=""):
    """Tell `user` something; returns the OutgoingEmail, the DigestItem, or None when nothing was kept.

    Transactional → mail now. Otherwise by the profile: at once → mail now; daily or weekly → a
    DigestItem for the next digest (`digest_body`, when given, is the shorter text kept for it: no
    greeting or signature, the digest has its own); never → nothing. Inactive accounts and residents
    without an address get nothing.
    """
    if not user.is_active or not user.email:
        return None
    if transactional:
        return queue_email(to=user.email, subject=subject, body=body, html_body=html_body)
    frequency = frequency_of(user)
    if frequency == Frequency.IMMEDIATELY:
        return queue_email(to=user.email, subject=subject, body=body, html_body=html_body)
    if frequency in (DAILY, WEEKLY):
        return DigestItem.objects.create(user=user, subject=str(subject)[:255], body=digest_body or body, kind=kind)
    return None


def _digest_subject(frequency, count):
    if frequency == WEEKLY:
        return ngettext("Your weekly digest: %(count)d update", "Your weekly digest: %(count)d updates", count) % {
            "count": count
        }
    return ngettext("Your daily digest: %(count)d update", "Your daily digest: %(count)d updates", count) % {
        "count": count
    }


def send_digest(*, user_id, frequency):
    """Gather `user_id`'s unsent items into ONE email in their language and stamp them sent, atomically.

    Idempotent: the items are locked and stamped in the transaction that writes the email, so a second
    run (or a parallel one) finds nothing. Items of a resident who meanwhile chose "never", or who has
    no address or account any more, are stamped without mail. Returns the OutgoingEmail or None.
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
        if user.is_active and user.email and frequency_of(user) != Frequency.NEVER:
            with translation.override(recipient_language(user)):
                context = {
                    "user_name": user.public_name,
                    "portal_name": settings.PORTAL_NAME,
                    "items": items,
                    "frequency": frequency,
                    "preferences_url": absolute_url("/me/#profile-title"),
                }
                subject = _digest_subject(frequency, len(items))
                body = render_to_string("portal/email/digest.txt", context)
                html_body = render_to_string("portal/email/digest.html", {**context, "subject": subject})
            email = queue_email(to=user.email, subject=subject, body=body, html_body=html_body)
        DigestItem.objects.filter(pk__in=[item.pk for item in items]).update(sent_at=timezone.now())
        return email


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
