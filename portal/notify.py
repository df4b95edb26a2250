"""How often residents hear from the portal: one helper for every non-urgent message, and the digests.

`notify()` is the single door for updates that are not transactional (proposal news and the like): it
sends at once, keeps the update for the daily or weekly digest, or drops it, following the resident's
`Profile.notification_frequency`. Transactional mail (tickets, account mail, messages the organizer
writes) goes through portal.mail.queue_email and always goes.

An update is kept *by reference* — which message, about which row, with which few parameters — never as
text, so a digest renders it when it is sent, in the language the resident reads then. Each app names
its messages in `updates` on its AppConfig (`{"proposal_status":
"events.services.proposals.proposal_status_update"}`);
a message is a function `(user, target, params)` that returns an `Update` in the active language, or None
when there is nothing to say any more (the row is gone or no longer public).

Base layer: imports no domain app.
"""

import logging
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import ngettext

from .links import absolute_url
from .mail import queue_email
from .models import DigestItem, Profile

logger = logging.getLogger(__name__)

Frequency = Profile.NotificationFrequency
DAILY, WEEKLY = Frequency.DAILY, Frequency.WEEKLY


@dataclass(frozen=True)
class Update:
    """One message rendered for one resident: the mail sent at once, and `item`, its text in a digest."""

    subject: str
    body: str
    html_body: str
    item: str


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


def message_function(message):
    """The function registered as `message` ("app_label.name") in that app's `updates`; LookupError if none."""
    app_label, _dot, name = message.partition(".")
    path = getattr(apps.get_app_config(app_label), "updates", {}).get(name)
    if path is None:
        raise LookupError(f"No update message {message!r}: add it to {app_label}'s AppConfig.updates")
    return import_string(path)


def render_update(*, user, message, target, params=None):
    """`message` about `target` rendered for `user`, in their language; None when it no longer applies."""
    if target is None:
        return None
    with translation.override(recipient_language(user)):
        return message_function(message)(user, target, params or {})


def notify(*, user, message, target, params=None, kind="updates"):
    """Tell `user` about `target` with `message`; returns the OutgoingEmail, the DigestItem, or None.

    By the profile: at once → mail now; daily or weekly → a DigestItem (the reference, rendered at
    digest time); never → nothing. Inactive accounts and residents without an address get nothing.
    `params` must be JSON: a few flags, never text meant for the reader.
    """
    if not user.is_active or not user.email:
        return None
    message_function(message)  # an unknown message fails here, in the caller's test, not at digest time
    frequency = frequency_of(user)
    if frequency == Frequency.IMMEDIATELY:
        update = render_update(user=user, message=message, target=target, params=params)
        if update is None:
            return None
        return queue_email(to=user.email, subject=update.subject, body=update.body, html_body=update.html_body)
    if frequency in (DAILY, WEEKLY):
        return DigestItem.objects.create(
            user=user,
            kind=kind,
            message=message,
            target_type=ContentType.objects.get_for_model(target),
            target_id=target.pk,
            params=params or {},
        )
    return None


def digest_entry(item, user):
    """(subject, text) of a waiting item for `user`'s digest, in the active language; None if it lapsed.

    Items kept before updates were stored by reference carry their text (`subject`, `body`) and are
    shown as written.
    """
    if not item.message:
        return item.subject, item.body
    try:
        target = item.target_type.get_object_for_this_type(pk=item.target_id)
    except ObjectDoesNotExist:
        return None
    update = message_function(item.message)(user, target, item.params)
    return None if update is None else (update.subject, update.item)


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
        if user.is_active and user.email and frequency_of(user) != Frequency.NEVER:
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
