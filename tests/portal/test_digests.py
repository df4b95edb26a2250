"""portal.notify: routing by notification frequency, and the daily and weekly digests."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from events.services import proposals, votes
from portal import notify as notify_module
from portal.models import DigestItem, OutgoingEmail
from portal.notify import Rendered, notify, send_digest, send_digests
from portal.tasks import send_daily_digests, send_weekly_digests
from tests.factories import OpenProposalFactory, UserFactory, VotingRoundFactory, make_moderator, make_walk_in

pytestmark = pytest.mark.django_db


def news_update(user, target, params):
    """A test message about `target` (any row): its subject and text follow the active language."""
    lang = translation.get_language()
    subject = f"[{lang}] {params.get('title', 'News')} #{target.pk}"
    return Rendered(subject=subject, body=f"Hello. {subject}", html_body=f"<p>{subject}</p>", item=f"short {subject}")


@pytest.fixture(autouse=True)
def news_message(monkeypatch):
    from django.apps import apps

    monkeypatch.setattr(apps.get_app_config("portal"), "messages", {"news": f"{__name__}.news_update"}, raising=False)


def tell(user, title="News", target=None):
    return notify(user=user, message="portal.news", target=target or user, params={"title": title})


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
    kept = tell(user)
    assert OutgoingEmail.objects.count() == mails and DigestItem.objects.count() == items
    assert (kept is None) == (mails == items == 0)


def test_an_unknown_message_fails_when_notifying_not_at_digest_time():
    with pytest.raises(LookupError):
        notify(user=resident("daily"), message="portal.nonsense", target=UserFactory())
    assert not DigestItem.objects.exists()


def test_no_mail_and_no_item_for_residents_without_email_or_inactive():
    walk_in = make_walk_in()
    walk_in.profile.notification_frequency = "daily"
    walk_in.profile.save()
    assert tell(walk_in) is None
    inactive = resident()
    inactive.is_active = False
    inactive.save()
    assert tell(inactive) is None
    assert not OutgoingEmail.objects.exists() and not DigestItem.objects.exists()


def test_queue_email_refuses_an_empty_address():
    from portal.mail import queue_email

    assert queue_email(to="", subject="x", body="y") is None
    assert queue_email(to=None, subject="x", body="y") is None
    assert not OutgoingEmail.objects.exists()


def test_digest_gathers_items_into_one_email_once():
    user = resident("daily")
    tell(user, "First")
    tell(user, "Second")
    assert send_daily_digests() == 1
    mail = OutgoingEmail.objects.get()
    assert mail.to == user.email and "2 updates" in mail.subject
    assert "short [en] First" in mail.body and "short [en] Second" in mail.body and "Hello. [en]" not in mail.body
    assert f"{settings.SITE_URL}/me/" in mail.body and "/me/" in mail.html_body
    assert not DigestItem.objects.filter(sent_at__isnull=True).exists()
    # Idempotent: the next run finds nothing.
    assert send_daily_digests() == 0 and OutgoingEmail.objects.count() == 1


def test_daily_and_weekly_runs_each_take_their_own_residents():
    daily, weekly = resident("daily"), resident("weekly")
    for user in (daily, weekly):
        tell(user)
    assert send_daily_digests() == 1
    assert list(OutgoingEmail.objects.values_list("to", flat=True)) == [daily.email]
    assert DigestItem.objects.filter(user=weekly, sent_at__isnull=True).count() == 1
    assert send_weekly_digests() == 1
    mail = OutgoingEmail.objects.get(to=weekly.email)
    assert "weekly digest" in mail.subject and "this week" in mail.body


def test_digest_is_in_the_residents_language():
    user = resident("weekly", languages=["zh-hans"])
    tell(user)
    with translation.override("en"):
        send_digests("weekly")
    mail = OutgoingEmail.objects.get()
    assert "每周" in mail.subject and "[zh-hans] News" in mail.body and 'lang="zh-hans"' in mail.html_body


def test_digest_items_are_rendered_in_the_language_of_the_day_they_are_sent():
    user = resident("daily", languages=["en"])
    tell(user, "Festival")
    user.profile.preferred_languages = ["zh-hans"]
    user.profile.save()
    send_daily_digests()
    mail = OutgoingEmail.objects.get()
    assert "[zh-hans] Festival" in mail.body and "[en]" not in mail.body and "每日" in mail.subject


def test_items_whose_row_is_gone_lapse_without_mail():
    user = resident("daily")
    gone, kept = UserFactory(), UserFactory()
    tell(user, "Gone", target=gone)
    tell(user, "Kept", target=kept)
    gone.delete()
    assert send_daily_digests() == 1
    mail = OutgoingEmail.objects.get()
    assert "1 update" in mail.subject and "Kept" in mail.body and "Gone" not in mail.body
    tell(user, "Alone", target=kept)
    kept.delete()
    assert send_daily_digests() == 0 and not DigestItem.objects.filter(sent_at__isnull=True).exists()


def test_items_kept_as_text_before_references_are_sent_as_written():
    user = resident("daily")
    DigestItem.objects.create(user=user, kind="proposals", subject="Old news", body="Written then.")
    send_daily_digests()
    assert "Old news" in OutgoingEmail.objects.get().body


def test_items_of_residents_who_chose_never_are_dropped_without_mail():
    user = resident("daily")
    tell(user)
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
        votes.cast_vote(user=user, proposal=proposal)
    OutgoingEmail.objects.all().delete()
    proposals.change_proposal_status(proposal=proposal, to="rejected", by_user=moderator, note="Not possible")
    mailed = set(OutgoingEmail.objects.values_list("to", flat=True))
    assert at_once.email in mailed and daily.email not in mailed and weekly.email not in mailed
    assert set(DigestItem.objects.values_list("user_id", flat=True)) == {daily.pk, weekly.pk}
    item = DigestItem.objects.get(user=daily)
    assert (
        item.kind == "proposals" and item.message == "events.proposal_status" and item.params == {"is_proposer": False}
    )
    assert item.subject == item.body == ""  # kept by reference: no text frozen in one language
    daily.profile.preferred_languages = ["zh-hans"]
    daily.profile.save()
    send_daily_digests()
    digest = OutgoingEmail.objects.get(to=daily.email)
    assert proposal.title_zh_hans in digest.body and "Not possible" in digest.body
    assert "您投票支持的提案" in digest.body and "Hello" not in digest.body and "您好" in digest.body
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


def test_admin_shows_a_waiting_item_as_the_digest_will_in_the_residents_language(client):
    user = resident("daily", languages=["zh-hans"])
    item = tell(user, "Festival <b>")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(f"/admin/portal/digestitem/{item.pk}/change/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "short [zh-hans] Festival &lt;b&gt;" in page.content.decode()
