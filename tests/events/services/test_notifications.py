"""Event emails: the recipient's language, their preferences, and never lost or sent for an undone fact."""

from unittest import mock

import pytest
from django.db import transaction
from django.utils import translation

from events.models import Registration
from events.services import event_changes, notifications, registrations
from portal import tasks as portal_tasks
from portal.models import OutgoingEmail
from tests.factories import EventFactory, RegistrationFactory, UserFactory
from tests.utils import mail_as_sent

pytestmark = pytest.mark.django_db


def test_confirmation_in_the_recipients_language_with_ticket_and_links(event, english_resident):
    registration = registrations.register(user=english_resident, event=event)
    email = mail_as_sent().get()
    assert email.to == english_resident.email
    assert email.subject == f"Your place at {event.title_en} is confirmed"
    assert registration.ticket_code in email.body and registration.ticket_code in email.html_body
    assert f"/events/{event.slug}/" in email.body and f"/events/{event.slug}.ics" in email.body
    assert 'lang="en"' in email.html_body
    assert "unsubscribe" not in email.body  # transactional mail carries no unsubscribe link


def test_default_language_is_chinese(event, resident):
    assert resident.profile.preferred_languages == []
    with translation.override("en"):  # the language of whoever triggers the fact does not matter
        registrations.register(user=resident, event=event)
    email = mail_as_sent().get()
    assert event.title_zh_hans in email.subject and "已确认" in email.subject
    assert 'lang="zh-hans"' in email.html_body


def test_transactional_mail_ignores_never(event, resident):
    resident.profile.notification_frequency = "never"
    resident.profile.event_reminders = False
    resident.profile.save()
    registrations.register(user=resident, event=event)
    event_changes.cancel_event(event=event, reason="Storm")
    assert mail_as_sent().filter(to=resident.email).count() == 2


@pytest.mark.parametrize(
    ("reminders", "frequency", "sent"),
    [(True, "immediately", True), (True, "weekly", True), (False, "immediately", False), (True, "never", False)],
)
def test_reminder_honours_preferences(event, english_resident, reminders, frequency, sent):
    profile = english_resident.profile
    profile.event_reminders, profile.notification_frequency = reminders, frequency
    profile.save()
    registration = RegistrationFactory(event=event, user=english_resident)
    email = notifications.send_reminder(registration)
    assert (email is not None) is sent
    if sent:
        email = mail_as_sent().get(pk=email.pk)
        assert "/me/unsubscribe/" in email.body and "/me/unsubscribe/" in email.html_body


def test_a_rolled_back_registration_leaves_no_email(event, resident):
    with pytest.raises(RuntimeError), transaction.atomic():
        registrations.register(user=resident, event=event)
        raise RuntimeError("something later in the same request failed")
    assert not Registration.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_a_broker_outage_loses_no_confirmation(event, resident, mailoutbox, django_capture_on_commit_callbacks):
    with (
        mock.patch.object(portal_tasks.deliver_email, "delay", side_effect=ConnectionError("broker down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        registration = registrations.register(user=resident, event=event)
    email = OutgoingEmail.objects.get()
    assert email.sent_at is None and mailoutbox == []

    assert portal_tasks.send_pending_emails() == 1
    email.refresh_from_db()
    assert email.sent_at is not None
    assert len(mailoutbox) == 1 and registration.ticket_code in mailoutbox[0].body


def test_html_is_escaped(english_resident):
    event = EventFactory(title_en="<script>alert(1)</script>")
    registrations.register(user=english_resident, event=event)
    assert "<script>" not in mail_as_sent().get().html_body


def test_unsubscribe_link_switches_reminders_off(client, english_resident):
    url = notifications.unsubscribe_url(english_resident, "reminders")
    path = url.removeprefix("http://localhost:8000")
    assert path.startswith("/me/unsubscribe/")

    response = client.get(path)
    assert response.status_code == 200 and b"Stop reminders" in response.content
    english_resident.profile.refresh_from_db()
    assert english_resident.profile.event_reminders  # a GET (a link scanner) changes nothing

    response = client.post(path)
    assert response.status_code == 200
    english_resident.profile.refresh_from_db()
    assert not english_resident.profile.event_reminders

    assert client.get(path[:-5] + "xxxx/").status_code == 404
    with pytest.raises(ValueError):
        notifications.unsubscribe_url(english_resident, "everything")


def test_no_show_penalty_notice_says_until_when(english_resident):
    from datetime import timedelta

    from django.utils import timezone

    from events.models import NoShowPenalty

    penalty = NoShowPenalty.objects.create(user=english_resident, until=timezone.now() + timedelta(days=30), no_shows=2)
    queued = notifications.send_no_show_penalty(penalty)
    email = mail_as_sent().get(pk=queued.pk)
    assert "2 events" in email.body and str(timezone.localtime(penalty.until).year) in email.subject


def test_organizer_message_reaches_waitlisted_too():
    event = EventFactory(capacity=1)
    registrations.register(user=UserFactory(), event=event)
    registrations.register(user=UserFactory(), event=event)
    OutgoingEmail.objects.all().delete()
    event_changes.message_attendees(event=event, subject="Parking", body="Use the north gate.")
    assert OutgoingEmail.objects.count() == 2


def test_the_confirmation_is_written_by_reference_and_rendered_after_the_lock(event, english_resident):
    """Under the event's row lock only the outbox row is written; the templates, the QR code and the
    calendar file are made when the mail is delivered, in the language the resident had then."""
    from events.services import tickets

    with mock.patch.object(tickets, "qr_png", wraps=tickets.qr_png) as qr, transaction.atomic():
        registration = registrations.register(user=english_resident, event=event)
        queued = OutgoingEmail.objects.get()
        assert queued.message == "events.confirmation" and queued.language == "en"
        assert queued.body == "" and queued.attachments == [] and qr.call_count == 0
        english_resident.profile.preferred_languages = ["zh-hans"]
        english_resident.profile.save()
        email = mail_as_sent().get()
        assert qr.call_count == 1
    assert registration.ticket_code in email.body and "confirmed" in email.subject  # the language it was written in
    assert {a["filename"] for a in email.attachments} == {f"ticket-{registration.ticket_code}.png", f"{event.slug}.ics"}
    assert email.sent_at is not None


def test_mail_about_a_row_that_is_gone_is_not_sent(event, resident, mailoutbox):
    registration = registrations.register(user=resident, event=event)
    registration.delete()
    assert portal_tasks.send_pending_emails() == 0
    email = OutgoingEmail.objects.get()
    assert email.sent_at is None and "gone" in email.last_error and mailoutbox == []
    assert portal_tasks.send_pending_emails() == 0  # not retried
