"""Comments on proposals and their moderation: posting, reports, hiding, blocking an account."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.roles import is_moderator

from ..errors import ParticipationError
from ..models import (
    CommentReport,
    ProposalComment,
)
from .proposals import check_rate, require_verified

COMMENT_RATE = (10, 10 * 60)


# --- Comments and moderation -----------------------------------------------------------------------------


@transaction.atomic
def post_comment(*, user, proposal, body):
    """A verified resident comments on a proposal. Refuses: unverified ("email_unverified"), an empty or
    overlong text ("invalid"), more than COMMENT_RATE comments in ten minutes ("rate_limited")."""
    require_verified(user, _("Please confirm your email address before you join the discussion."))
    body = (body or "").strip()
    if not body:
        raise ParticipationError(_("Write a comment first."), "invalid")
    if len(body) > ProposalComment.BODY_MAX:
        raise ParticipationError(
            _("A comment may have at most %(max)d characters.") % {"max": ProposalComment.BODY_MAX}, "invalid"
        )
    check_rate(user, "comment", COMMENT_RATE)
    return ProposalComment.objects.create(proposal=proposal, author=user, body=body)


@transaction.atomic
def report_comment(*, comment, by_user, reason=""):
    """Anybody signed in flags a comment for the moderators, once. Refuses one's own comment ("own_comment")
    and a second report ("already_reported")."""
    if by_user is None or not by_user.is_authenticated:
        raise ParticipationError.forbidden()
    if comment.author_id == by_user.pk:
        raise ParticipationError(_("You cannot report your own comment."), "own_comment")
    try:
        with transaction.atomic():
            return CommentReport.objects.create(comment=comment, reporter=by_user, reason=(reason or "").strip()[:300])
    except IntegrityError as exc:
        raise ParticipationError(_("You have already reported this comment."), "already_reported") from exc


@transaction.atomic
def hide_comment(*, comment, by_user, reason):
    """A moderator hides a comment; the reason is shown in its place. Refuses non-moderators ("forbidden"),
    no reason ("note_required"), a hidden comment ("already_hidden")."""
    if not is_moderator(by_user):
        raise ParticipationError.forbidden()
    if not (reason or "").strip():
        raise ParticipationError(_("Give the reason for hiding the comment."), "note_required")
    comment = ProposalComment.objects.select_for_update().get(pk=comment.pk)
    if comment.is_hidden:
        raise ParticipationError(_("This comment is already hidden."), "already_hidden")
    comment.hidden_at = timezone.now()
    comment.hidden_by = by_user
    comment.hidden_reason = reason.strip()
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    return comment
