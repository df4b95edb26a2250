"""portal.notify: routing by notification frequency, and the daily and weekly digests."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from events import participation
from portal import notify as notify_module
from portal.models import DigestItem, OutgoingEmail
from portal.notify import notify, send_digest, send_digests
from portal.tasks import send_daily_digests, send_weekly_digests
from tests.factories import OpenProposalFactory, UserFactory, VotingRoundFactory, make_moderator, make_walk_in

pytestmark = pytest.mark.django_db


def resident(frequency="immediately", languages=("en",)):
    user = UserFactory()
    user.profile.notification_frequency = frequency
    user.profile.preferred_languages = list(languages)
    user.profile.save()
    return user


@pytest.mark.parametrize(
    ("frequency", "mails", "items"),
    [("immediately", 1, 0), ("daily", 0, 1), ("weekly", 0, 1), ("never", 0, 0)],
)
def test_notify_routes_by_frequency(frequency, mails, items):
    user = resident(frequency)
    kept = notify(user=user, subject="News", body="Something happened.")
    assert OutgoingEmail.objects.count() == mails and DigestItem.objects.count() == items
    assert (kept is None) == (mails == items == 0)


@pytest.mark.parametrize("frequency", ["daily", "weekly", "never"])
def test_transactional_mail_always_goes_now(frequency):
    notify(user=resident(frequency), subject="Ticket", body="Your ticket.", transactional=True)
    assert OutgoingEmail.objects.count() == 1 and not DigestItem.objects.exists()


def test_no_mail_and_no_item_for_residents_without_email_or_inactive():
    walk_in = make_walk_in()
    walk_in.profile.notification_frequency = "daily"
    walk_in.profile.save()
    assert notify(user=walk_in, subject="x", body="y") is None
    assert notify(user=walk_in, subject="x", body="y", transactional=True) is None
    inactive = resident()
    inactive.is_active = False
    inactive.save()
    assert notify(user=inactive, subject="x", body="y") is None
    assert not OutgoingEmail.objects.exists() and not DigestItem.objects.exists()


def test_queue_email_refuses_an_empty_address():
    from portal.mail import queue_email

    assert queue_email(to="", subject="x", body="y") is None
    assert queue_email(to=None, subject="x", body="y") is None
    assert not OutgoingEmail.objects.exists()


def test_digest_gathers_items_into_one_email_once():
    user = resident("daily")
    notify(user=user, subject="First", body="One.", digest_body="One, short.")
    notify(user=user, subject="Second", body="Two.")
    assert send_daily_digests() == 1
    mail = OutgoingEmail.objects.get()
    assert mail.to == user.email and "2 updates" in mail.subject
    assert "First" in mail.body and "One, short." in mail.body and "Second" in mail.body
    assert f"{settings.SITE_URL}/me/" in mail.body and "/me/" in mail.html_body
    assert not DigestItem.objects.filter(sent_at__isnull=True).exists()
    # Idempotent: the next run finds nothing.
    assert send_daily_digests() == 0 and OutgoingEmail.objects.count() == 1


def test_daily_and_weekly_runs_each_take_their_own_residents():
    daily, weekly = resident("daily"), resident("weekly")
    for user in (daily, weekly):
        notify(user=user, subject="News", body="Text.")
    assert send_daily_digests() == 1
    assert list(OutgoingEmail.objects.values_list("to", flat=True)) == [daily.email]
    assert DigestItem.objects.filter(user=weekly, sent_at__isnull=True).count() == 1
    assert send_weekly_digests() == 1
    mail = OutgoingEmail.objects.get(to=weekly.email)
    assert "weekly digest" in mail.subject and "this week" in mail.body


def test_digest_is_in_the_residents_language():
    user = resident("weekly", languages=["zh-hans"])
    notify(user=user, subject="新闻", body="内容")
    with translation.override("en"):
        send_digests("weekly")
    mail = OutgoingEmail.objects.get()
    assert "每周" in mail.subject and "新闻" in mail.body and 'lang="zh-hans"' in mail.html_body


def test_items_of_residents_who_chose_never_are_dropped_without_mail():
    user = resident("daily")
    notify(user=user, subject="News", body="Text.")
    user.profile.notification_frequency = "never"
    user.profile.save()
    assert send_daily_digests() == 0
    assert not OutgoingEmail.objects.exists() and not DigestItem.objects.filter(sent_at__isnull=True).exists()


def test_send_digest_without_items_does_nothing():
    assert send_digest(user_id=resident("daily").pk, frequency="daily") is None


def test_proposal_news_follow_each_residents_frequency():
    moderator = make_moderator()
    proposal = OpenProposalFactory(round=VotingRoundFactory())
    at_once, daily, weekly, never = resident(), resident("daily"), resident("weekly"), resident("never")
    for user in (at_once, daily, weekly, never):
        participation.cast_vote(user=user, proposal=proposal)
    OutgoingEmail.objects.all().delete()
    participation.change_proposal_status(proposal=proposal, to="rejected", by_user=moderator, note="Not possible")
    mailed = set(OutgoingEmail.objects.values_list("to", flat=True))
    assert at_once.email in mailed and daily.email not in mailed and weekly.email not in mailed
    assert set(DigestItem.objects.values_list("user_id", flat=True)) == {daily.pk, weekly.pk}
    item = DigestItem.objects.get(user=daily)
    assert item.kind == "proposals" and proposal.title in item.subject and "Hello" not in item.body
    assert "Not possible" in item.body
    send_daily_digests()
    assert daily.email in set(OutgoingEmail.objects.values_list("to", flat=True))
    assert never.email not in set(OutgoingEmail.objects.values_list("to", flat=True))


def test_beat_schedule_has_the_digests():
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["send-daily-digests"]["task"] == "portal.tasks.send_daily_digests"
    weekly = schedule["send-weekly-digests"]
    assert weekly["task"] == "portal.tasks.send_weekly_digests" and weekly["schedule"].day_of_week == {1}
    assert settings.CELERY_TASK_ROUTES["portal.tasks.send_daily_digests"] == {"queue": "email"}


def test_notify_is_base_layer():
    source = Path(notify_module.__file__).read_text(encoding="utf-8")
    assert "from events" not in source and "import events" not in source
