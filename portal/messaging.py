"""Mail to one person in their language: the messages apps declare, rendered when they are sent.

Each app names its messages in `messages` on its AppConfig — `{"confirmation":
"events.notifications.confirmation"}` — as functions `(user, target, params)` that return a `Rendered`
in the active language, or None when there is nothing to say any more (the row is gone, or no longer
public). A message is then written by reference, never as text:

- `portal.mail.queue_message()` writes an OutgoingEmail naming the message, its target row, the recipient's
  language and a few JSON parameters, in the caller's transaction; the mail is rendered when it is
  delivered (portal.mail.deliver). So a crowd holding a row lock pays for one INSERT, not for templates,
  QR codes and calendar files, and a process that dies after the commit loses nothing.
- portal.notify keeps non-urgent updates the same way for the digests.

`render()` is the one way to turn an app's templates into a message: `<template>.txt`, `<template>.html`
and, for digests, `<template>_item.txt`, rendered in the recipient's language with their name, the
portal's name and, where the message may be switched off, a one-click unsubscribe link. The kinds of
mail a link may switch off are declared per app too (`unsubscribe_kinds` on the AppConfig: kind ->
(Profile field, value meaning "no more mail")).

Base layer: imports no domain app.
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ObjectDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string

from .links import absolute_url

UNSUBSCRIBE_SALT = "events.unsubscribe"  # the salt of every link already mailed: never change it


@dataclass(frozen=True)
class Rendered:
    """One message for one person: the mail, its attachments, and `item`, its text in a digest."""

    subject: str
    body: str
    html_body: str = ""
    item: str = ""
    attachments: tuple = ()  # (filename, bytes, mimetype)


def recipient_language(user):
    """The person's first preferred language the site offers, else the site default."""
    profile = getattr(user, "profile", None)
    available = {code for code, _name in settings.LANGUAGES}
    for code in (profile.preferred_languages if profile else None) or []:
        if code in available:
            return code
    return settings.LANGUAGE_CODE


def message_function(message):
    """The function registered as `message` ("app_label.name") in that app's `messages`; LookupError if none."""
    app_label, _dot, name = message.partition(".")
    path = getattr(apps.get_app_config(app_label), "messages", {}).get(name)
    if path is None:
        raise LookupError(f"No message {message!r}: add it to {app_label}'s AppConfig.messages")
    return import_string(path)


def render_message(*, user, message, target, params=None, language=None):
    """`message` about `target` rendered for `user` in `language` (default: theirs); None if it lapsed."""
    if target is None:
        return None
    with translation.override(language or recipient_language(user)):
        return message_function(message)(user, target, params or {})


def target_of(row):
    """The row a stored message is about (its `target_type` and `target_id`), or None when it is gone."""
    if row.target_type_id is None:
        return None
    try:
        return row.target_type.get_object_for_this_type(pk=row.target_id)
    except ObjectDoesNotExist:
        return None


def reference(target):
    """The fields that name `target` on a stored message."""
    return {"target_type": ContentType.objects.get_for_model(target), "target_id": target.pk}


def render(user, template, subject, context, *, unsubscribe_kind=None, attachments=None, item=False):
    """`template`.txt/.html (and `_item.txt` with `item`) in the active language, as a `Rendered`.

    `subject` and `attachments` (returning (filename, bytes, mimetype) tuples) are callables, run in the
    same language, so an attached calendar file reads like the message.
    """
    context = {
        "user_name": user.public_name,
        "portal_name": settings.PORTAL_NAME,
        "unsubscribe_url": unsubscribe_url(user, unsubscribe_kind) if unsubscribe_kind else "",
        **context,
    }
    subject_text = str(subject())
    return Rendered(
        subject=subject_text,
        body=render_to_string(f"{template}.txt", context),
        html_body=render_to_string(f"{template}.html", {**context, "subject": subject_text}),
        item=render_to_string(f"{template}_item.txt", context).strip() if item else "",
        attachments=tuple(attachments()) if attachments else (),
    )


# --- One-click unsubscribe ----------------------------------------------------------------------------------


def unsubscribe_kinds():
    """Every app's `unsubscribe_kinds`: kind -> (Profile field, value meaning "no more mail")."""
    kinds = {}
    for app_config in apps.get_app_configs():
        kinds.update(getattr(app_config, "unsubscribe_kinds", {}))
    return kinds


def unsubscribe_url(user, kind):
    """An absolute link that switches off mail of `kind` for `user` without signing in.

    The token is signed (django.core.signing), names the user and the kind, and never expires: an old
    email must still be able to stop the next one. The page asks for one click to confirm, so link
    scanners in mailboxes cannot unsubscribe anybody.
    """
    if kind not in unsubscribe_kinds():
        raise ValueError(f"unknown unsubscribe kind {kind!r}")
    token = signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)
    return absolute_url(f"/me/unsubscribe/{token}/")


def read_unsubscribe_token(token):
    """(user id, kind) from a token made by unsubscribe_url; raises signing.BadSignature when forged."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(data, dict) or data.get("k") not in unsubscribe_kinds():
        raise signing.BadSignature("unknown kind")
    return data["u"], data["k"]
