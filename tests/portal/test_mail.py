"""Outgoing mail: recorded with the fact, delivered after commit, never lost and never sent twice."""

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from kombu.exceptions import OperationalError

from portal import tasks
from portal.mail import MAX_ATTEMPTS, deliver, queue_email
from portal.models import OutgoingEmail, User
from tests.utils import client_for

pytestmark = pytest.mark.django_db

FAILING_BACKEND = "tests.portal.test_mail.FailingBackend"


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server is down")


@pytest.fixture
def broker_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis:6379. Connection refused.")

    monkeypatch.setattr(tasks.deliver_email, "delay", refuse)


def queue(**overrides):
    fields = {"to": "anna@example.org", "subject": "Your ticket", "body": "See you on Saturday."}
    fields.update(overrides)
    return queue_email(**fields)


def test_queued_email_is_delivered_once_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue(html_body="<p>See you on Saturday.</p>")
        assert mail.outbox == []
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert message.subject == "Your ticket"
    assert message.body == "See you on Saturday."
    assert message.alternatives[0][1] == "text/html"
    email.refresh_from_db()
    assert email.sent_at is not None
    assert email.attempts == 1
    assert email.last_error == ""


def test_nothing_is_sent_if_the_transaction_is_rolled_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue()
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_long_subjects_are_cut_to_fit():
    assert len(queue(subject="x" * 400).subject) == 255


def test_a_sent_email_is_never_sent_twice(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue()
    assert deliver(email.pk) is False
    tasks.deliver_email.delay(email.pk)
    tasks.send_pending_emails.delay()
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.attempts == 1


def test_broker_down_keeps_the_email_for_the_sweep(broker_down, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue()
    assert mail.outbox == []
    email.refresh_from_db()
    assert email.sent_at is None

    result = tasks.send_pending_emails.apply()
    assert result.successful()
    assert result.result == 1
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.sent_at is not None


def test_broker_down_does_not_fail_sign_up(client, broker_down, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/",
            {
                "email": "anna@example.org",
                "username": "anna",
                "password1": "lantern-river-festival-42",
                "password2": "lantern-river-festival-42",
            },
        )
    assert response.status_code == 302
    assert User.objects.filter(username="anna").exists()
    assert mail.outbox == []
    assert OutgoingEmail.objects.get().sent_at is None

    tasks.send_pending_emails.delay()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]


def test_mail_server_down_records_the_failure_and_loses_nothing(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    with django_capture_on_commit_callbacks(execute=True):
        email = queue()
    email.refresh_from_db()
    assert email.sent_at is None
    assert email.attempts == 1
    assert "ConnectionRefusedError" in email.last_error
    assert "mail server is down" in email.last_error

    assert tasks.send_pending_emails.apply().result == 0
    email.refresh_from_db()
    assert email.attempts == 2

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert tasks.send_pending_emails.apply().result == 1
    email.refresh_from_db()
    assert email.sent_at is not None
    assert email.attempts == 3
    assert email.last_error == ""
    assert len(mail.outbox) == 1


def test_the_sweep_gives_up_after_max_attempts(settings):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    hopeless = OutgoingEmail.objects.create(to="a@example.org", subject="s", body="b", attempts=MAX_ATTEMPTS)
    fresh = OutgoingEmail.objects.create(to="b@example.org", subject="s", body="b")
    tasks.send_pending_emails.apply()
    hopeless.refresh_from_db()
    fresh.refresh_from_db()
    assert hopeless.attempts == MAX_ATTEMPTS
    assert fresh.attempts == 1


def test_the_sweep_sends_every_pending_email_oldest_first():
    first = OutgoingEmail.objects.create(to="a@example.org", subject="first", body="b")
    second = OutgoingEmail.objects.create(to="b@example.org", subject="second", body="b")
    OutgoingEmail.objects.filter(pk=first.pk).update(created_at=second.created_at.replace(year=2020))
    assert tasks.send_pending_emails.apply().result == 2
    assert [message.subject for message in mail.outbox] == ["first", "second"]
    assert tasks.send_pending_emails.apply().result == 0
    assert len(mail.outbox) == 2


def test_admin_send_now_sends_unsent_emails_only(client):
    superuser = User.objects.create_superuser("root", "root@example.org", "root-password-1")
    unsent = OutgoingEmail.objects.create(to="a@example.org", subject="unsent", body="b")
    OutgoingEmail.objects.create(to="b@example.org", subject="already sent", body="b", attempts=1)
    already = OutgoingEmail.objects.get(subject="already sent")
    deliver(already.pk)
    assert len(mail.outbox) == 1

    response = client_for(superuser).post(
        "/admin/portal/outgoingemail/",
        {"action": "send_now", "_selected_action": [unsent.pk, already.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "1 email(s) sent." in response.content.decode()
    assert [message.subject for message in mail.outbox] == ["already sent", "unsent"]
    unsent.refresh_from_db()
    assert unsent.sent_at is not None


def test_admin_cannot_add_or_edit_emails(client):
    superuser = User.objects.create_superuser("root", "root@example.org", "root-password-1")
    email = OutgoingEmail.objects.create(to="a@example.org", subject="unsent", body="b")
    admin = client_for(superuser)
    assert admin.get("/admin/portal/outgoingemail/add/").status_code == 403
    admin.post(f"/admin/portal/outgoingemail/{email.pk}/change/", {"to": "evil@example.org", "subject": "x"})
    email.refresh_from_db()
    assert email.to == "a@example.org"


def test_the_sweep_runs_on_the_beat_schedule(settings):
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "portal.tasks.send_pending_emails" in schedule
    assert tasks.send_pending_emails.name in schedule


def test_embedded_default_backend_prints_and_keeps_a_copy(settings, capsys, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "portal.mail.ConsoleAndFileBackend"
    with django_capture_on_commit_callbacks(execute=True):
        email = queue(subject="Kept on disk")
    email.refresh_from_db()
    assert email.sent_at is not None
    assert "Subject: Kept on disk" in capsys.readouterr().out
    files = list(settings.EMAIL_FILE_PATH.iterdir())
    assert len(files) == 1
    assert "Subject: Kept on disk" in files[0].read_text()


def test_attachments_are_stored_with_the_message_and_sent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue(
            attachments=[
                ("ticket.png", b"\x89PNG\x00\xff", "image/png"),
                ("a.ics", b"BEGIN:VCALENDAR", "text/calendar"),
            ]
        )
    email.refresh_from_db()
    assert [attachment["filename"] for attachment in email.attachments] == ["ticket.png", "a.ics"]
    (message,) = mail.outbox
    assert message.attachments[0] == ("ticket.png", b"\x89PNG\x00\xff", "image/png")
    assert message.attachments[1][0] == "a.ics"
    assert message.attachments[1][2] == "text/calendar"
