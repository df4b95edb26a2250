"""iCalendar: one event, the feed and the email attachment, parsed back with the icalendar library."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from events.models import Event
from events.services import event_changes, ics, registrations
from portal.categories import Category
from tests.factories import EventFactory, OrganizerFactory, in_days

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def vevents(calendar):
    return calendar.walk("VEVENT")


def the_vevent(client, event):
    (vevent,) = vevents(parse(client.get(f"/events/{event.slug}.ics")))
    return vevent


def test_single_event_has_every_field(client):
    event = EventFactory(
        title_en="Erhu concert",
        description="<p>Two strings, <strong>many</strong> songs &amp; stories.</p><p>Bring friends.</p>",
        livestream_url="https://live.example.org/erhu",
    )
    event.venue.address = "8 Lantern Street"
    event.venue.save()
    response = client.get(f"/events/{event.slug}.ics")
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    calendar = parse(response)
    (vevent,) = vevents(calendar)
    assert str(vevent["UID"]) == f"event-{event.pk}@localhost"
    assert str(vevent["SUMMARY"]) == "Erhu concert"
    assert str(vevent["LOCATION"]) == f"{event.venue.name_en}, 8 Lantern Street"
    assert str(vevent["URL"]) == f"http://localhost:8000/events/{event.slug}/"
    description = str(vevent["DESCRIPTION"])
    assert "Two strings, many songs & stories.\nBring friends." in description
    assert "<" not in description and "https://live.example.org/erhu" in description
    assert vevent["SEQUENCE"] == 0
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert "DTSTAMP" in vevent
    assert vevent["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert vevent["DTEND"].params["TZID"] == "Asia/Shanghai"
    assert vevent.decoded("DTSTART") == event.start
    assert vevent.decoded("DTEND") == event.end
    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == "Asia/Shanghai"


def test_online_event_location(client):
    event = EventFactory(venue=None)
    assert str(the_vevent(client, event)["LOCATION"]) == "Online"


def test_uid_is_stable_and_sequence_follows_date_changes(client):
    event = EventFactory()
    first = the_vevent(client, event)
    assert the_vevent(client, event)["UID"] == first["UID"]
    event = Event.objects.get(pk=event.pk)
    event.start += timedelta(days=1)
    event.end += timedelta(days=1)
    event_changes.save_event(event=event)
    moved = the_vevent(client, event)
    assert moved["UID"] == first["UID"]
    assert moved["SEQUENCE"] == first["SEQUENCE"] + 1 == 1
    assert moved.decoded("DTSTART") == event.start


def test_cancelled_event_is_status_cancelled_with_the_reason(client):
    event = EventFactory()
    event_changes.cancel_event(event=event, reason="The hall is flooded.")
    vevent = the_vevent(client, event)
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert vevent["SEQUENCE"] == 1
    assert "The hall is flooded." in str(vevent["DESCRIPTION"])


def test_past_event_has_its_ics(client):
    event = EventFactory(start=in_days(-40))
    assert the_vevent(client, event).decoded("DTSTART") == event.start


def test_ics_in_the_visitors_language(zh_client):
    event = EventFactory(title_zh_hans="二胡音乐会", venue=None)
    (vevent,) = vevents(parse(zh_client.get(f"/events/{event.slug}.ics")))
    assert str(vevent["SUMMARY"]) == "二胡音乐会"
    assert str(vevent["LOCATION"]) == "线上"


def test_feed_is_subscribable_and_filtered_like_the_list(client):
    lecture = EventFactory(category=Category.LECTURE, title_en="Talk")
    EventFactory(category=Category.FILM, title_en="Film")
    EventFactory(status="draft", title_en="Draft")
    everything = parse(client.get("/events/feed.ics"))
    assert sorted(str(v["SUMMARY"]) for v in vevents(everything)) == ["Film", "Talk"]
    assert str(everything["X-WR-CALNAME"]) == "Events"
    assert everything.walk("VTIMEZONE")
    lectures = parse(client.get("/events/feed.ics", {"category": "lecture"}))
    assert [str(v["UID"]) for v in vevents(lectures)] == [f"event-{lecture.pk}@localhost"]


def test_feed_keeps_recent_and_cancelled_events_but_not_old_ones(client):
    EventFactory(title_en="Last week", start=in_days(-7))
    EventFactory(title_en="Last year", start=in_days(-365))
    cancelled = EventFactory(title_en="Called off")
    event_changes.cancel_event(event=cancelled, reason="Storm")
    never_published = EventFactory(status="draft", title_en="Draft called off")
    never_published.status = "cancelled"
    never_published.cancellation_reason = "x"
    never_published.save()
    summaries = {str(v["SUMMARY"]): str(v["STATUS"]) for v in vevents(parse(client.get("/events/feed.ics")))}
    assert summaries == {"Last week": "CONFIRMED", "Called off": "CANCELLED"}


def test_feed_with_dates_and_invalid_filters_never_fails(client):
    EventFactory(title_en="Long ago", start=in_days(-365))
    day = (timezone.localdate() - timedelta(days=365)).isoformat()
    dated = parse(client.get("/events/feed.ics", {"date_from": day, "date_to": day}))
    assert [str(v["SUMMARY"]) for v in vevents(dated)] == ["Long ago"]
    assert parse(client.get("/events/feed.ics", {"category": "nope", "date_from": "bad", "district": "x"}))


def test_empty_feed_is_a_valid_calendar(client):
    calendar = parse(client.get("/events/feed.ics"))
    assert vevents(calendar) == []


def test_calendar_bytes_is_a_pure_function_of_events(settings):
    settings.SITE_URL = "https://culture.example.cn"
    settings.IDENTIFIER_DOMAIN = "culture.example.cn"
    organizer = OrganizerFactory(email="hello@center.example.cn")
    event = EventFactory(organizer=organizer)
    calendar = Calendar.from_ical(ics.calendar_bytes([event]))
    (vevent,) = vevents(calendar)
    assert str(vevent["UID"]) == f"event-{event.pk}@culture.example.cn"
    assert str(vevent["URL"]) == f"https://culture.example.cn{event.get_absolute_url()}"
    assert str(vevent["ORGANIZER"]) == "mailto:hello@center.example.cn"
    assert ics.calendar_bytes([event]) == ics.calendar_bytes([event])


def test_confirmation_email_carries_the_qr_code_and_the_ics(
    event, english_resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = registrations.register(user=english_resident, event=event)
    (message,) = mail.outbox
    attachments = {name: (content, mimetype) for name, content, mimetype in message.attachments}
    png, png_type = attachments[f"ticket-{registration.ticket_code}.png"]
    assert png_type == "image/png" and png.startswith(b"\x89PNG")
    ics_content, ics_type = attachments[f"{event.slug}.ics"]
    assert ics_type == "text/calendar"
    ics_bytes = ics_content.encode() if isinstance(ics_content, str) else ics_content
    (vevent,) = Calendar.from_ical(ics_bytes).walk("VEVENT")
    assert str(vevent["UID"]) == f"event-{event.pk}@localhost"
    assert str(vevent["SUMMARY"]) == event.title_en  # in the recipient's language
    assert "attached to this email" in message.body


def test_promotion_email_carries_the_ticket_too(django_capture_on_commit_callbacks):
    from tests.factories import RegistrationFactory, UserFactory

    event = EventFactory(capacity=1)
    first = RegistrationFactory(event=event)
    waiting = registrations.register(user=UserFactory(), event=event)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registrations.cancel_registration(registration=first, by_user=first.user)
    (message,) = [m for m in mail.outbox if waiting.user.email in m.to]
    names = [name for name, _content, _type in message.attachments]
    assert names == [f"ticket-{waiting.ticket_code}.png", f"{event.slug}.ics"]


def test_waitlisted_email_has_no_ticket_attached(django_capture_on_commit_callbacks):
    from tests.factories import RegistrationFactory, UserFactory

    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        registrations.register(user=UserFactory(), event=event)
    (message,) = mail.outbox
    assert message.attachments == []


def test_a_new_site_address_keeps_every_calendar_uid(settings):
    event = EventFactory()
    settings.SITE_URL = "https://old.example.cn"
    settings.IDENTIFIER_DOMAIN = "culture.example.cn"
    before = str(vevents(Calendar.from_ical(ics.calendar_bytes([event])))[0]["UID"])
    settings.SITE_URL = "https://new.example.cn"
    (vevent,) = vevents(Calendar.from_ical(ics.calendar_bytes([event])))
    assert str(vevent["UID"]) == before == f"event-{event.pk}@culture.example.cn"
    assert str(vevent["URL"]).startswith("https://new.example.cn/")


def test_deploy_check_warns_until_the_identifier_domain_is_chosen(monkeypatch):
    from portal.checks import identifier_domain_is_chosen

    monkeypatch.delenv("IDENTIFIER_DOMAIN", raising=False)
    assert [warning.id for warning in identifier_domain_is_chosen(None)] == ["portal.W001"]
    monkeypatch.setenv("IDENTIFIER_DOMAIN", "culture.example.cn")
    assert identifier_domain_is_chosen(None) == []
