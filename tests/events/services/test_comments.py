"""Comments on proposals: verified authors, rate limits, reports, hiding."""

import pytest

from events.errors import ParticipationError
from events.models import CommentReport
from events.services import comments
from tests.factories import (
    ProposalCommentFactory,
    ProposalFactory,
    UserFactory,
    make_moderator,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(db):
    return make_moderator()


def refused(code, call, **kwargs):
    with pytest.raises(ParticipationError) as info:
        call(**kwargs)
    assert info.value.code == code, info.value.message
    return info.value


# --- comments and moderation -------------------------------------------------------------------------------


def test_comments_need_a_verified_address_and_are_rate_limited(resident, monkeypatch):
    proposal = ProposalFactory()
    comment = comments.post_comment(user=resident, proposal=proposal, body="  I would come!  ")
    assert comment.body == "I would come!"
    refused("email_unverified", comments.post_comment, user=UserFactory(verified=False), proposal=proposal, body="Hi")
    refused("invalid", comments.post_comment, user=resident, proposal=proposal, body="   ")
    refused("invalid", comments.post_comment, user=resident, proposal=proposal, body="x" * 2001)
    monkeypatch.setattr(comments, "COMMENT_RATE", (2, 600))
    comments.post_comment(user=resident, proposal=proposal, body="Second")
    refused("rate_limited", comments.post_comment, user=resident, proposal=proposal, body="Third")


def test_report_and_hide(resident, moderator):
    comment = ProposalCommentFactory()
    comments.report_comment(comment=comment, by_user=resident, reason="Rude")
    refused("already_reported", comments.report_comment, comment=comment, by_user=resident)
    refused("own_comment", comments.report_comment, comment=comment, by_user=comment.author)
    assert CommentReport.objects.get().reason == "Rude"

    refused("forbidden", comments.hide_comment, comment=comment, by_user=resident, reason="x")
    refused("note_required", comments.hide_comment, comment=comment, by_user=moderator, reason="")
    comments.hide_comment(comment=comment, by_user=moderator, reason="Insults another resident.")
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_by == moderator
    refused("already_hidden", comments.hide_comment, comment=comment, by_user=moderator, reason="again")
