"""The events admin as organizer staff use it: scoping, list counts, and actions that go through services."""

from datetime import timedelta

import pytest
from django.db.models.fields.files import FieldFile
from django.forms import MultiWidget
from django.utils import timezone

from events.errors import RegistrationError
from events.models import Event, EventSeries, NoShowPenalty, Registration
from events.services import check_in, event_changes, registrations
from portal.models import OutgoingEmail
from tests.factories import (
    EventFactory,
    OrganizerFactory,
    RegistrationFactory,
    UserFactory,
    at_the_door,
    make_staff,
)
from tests.utils import assert_max_queries, client_for, csv_rows, mail_as_sent

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/events/event/"


@pytest.fixture
def admin_client(staff):
    return client_for(staff)


def action(client, name, events, **data):
    return client.post(CHANGELIST, {"action": name, "_selected_action": [e.pk for e in events], **data})


def form_data(response):
    """What the browser would post back from an admin change page, every field as it was shown."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for bound in form:
            value = bound.value()
            if isinstance(bound.field.widget, MultiWidget):
                for index, part in enumerate(bound.field.widget.decompress(value)):
                    data[f"{bound.html_name}_{index}"] = "" if part is None else str(part)
            elif isinstance(value, FieldFile):
                continue
            elif isinstance(value, bool):
                if value:
                    data[bound.html_name] = "on"
            elif value is not None:
                data[bound.html_name] = value
    return data


def test_staff_see_only_their_organizers_events(admin_client, event):
    foreign = EventFactory(title_en="Somebody else's concert")
    response = admin_client.get(CHANGELIST)
    assert response.status_code == 200
    content = response.content.decode()
    assert event.title_en in content and foreign.title_en not in content
    assert admin_client.get(f"{CHANGELIST}{foreign.pk}/change/").status_code in (302, 403, 404)
    assert admin_client.get(f"{CHANGELIST}{event.pk}/change/").status_code == 200


def test_list_counts_without_n_plus_one(admin_client, organizer):
    for _ in range(5):
        event = EventFactory(organizer=organizer, capacity=2)
        RegistrationFactory(event=event, party_size=2)
        RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    admin_client.get(CHANGELIST)  # warm up sessions and content types
    with assert_max_queries(15):
        response = admin_client.get(CHANGELIST)
    rows = response.context["cl"].result_list
    assert len(rows) == 5 and all(row.confirmed_seats == 2 and row.waitlisted_count == 1 for row in rows)


def test_publish_action(admin_client, organizer):
    draft = EventFactory(organizer=organizer, status="draft")
    foreign = EventFactory(status="draft")
    response = action(admin_client, "publish", [draft, foreign])
    assert response.status_code == 302
    draft.refresh_from_db()
    foreign.refresh_from_db()
    assert draft.status == "published" and draft.published_at
    assert foreign.status == "draft"  # not in the staff member's queryset


def test_cancel_action_asks_for_a_reason_then_tells_registrants(admin_client, event):
    registrations.register(user=UserFactory(), event=event)
    OutgoingEmail.objects.all().delete()

    response = action(admin_client, "cancel", [event])
    assert response.status_code == 200 and b'name="reason"' in response.content
    assert Event.objects.get(pk=event.pk).status == "published"

    response = action(admin_client, "cancel", [event], apply="yes", reason="")
    assert response.status_code == 200  # asked again: the reason is required

    response = action(admin_client, "cancel", [event], apply="yes", reason="The roof leaks.")
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == "cancelled" and event.cancellation_reason == "The roof leaks."
    assert "The roof leaks." in mail_as_sent().get().body


def test_duplicate_and_weekly_series_actions(admin_client, event):
    action(admin_client, "duplicate", [event])
    assert Event.objects.filter(title_en=event.title_en, status="draft").count() == 1

    response = action(admin_client, "make_weekly_series", [event])
    assert b'name="weeks"' in response.content
    action(admin_client, "make_weekly_series", [event], apply="yes", weeks="3")
    assert EventSeries.objects.get().events.count() == 3


def test_export_attendees_csv(admin_client, organizer):
    event = at_the_door(organizer=organizer)
    alice = UserFactory(username="alice", email="alice@example.org")
    alice.profile.display_name = "王阿丽"
    alice.profile.save()
    checked = registrations.register(user=alice, event=event)
    check_in.check_in(code=checked.ticket_code, by_user=event.organizer.staff.get())
    gone = registrations.register(user=UserFactory(), event=event)
    registrations.cancel_registration(registration=gone, by_user=gone.user)
    RegistrationFactory(event=EventFactory())  # another organizer's attendee

    response = action(admin_client, "export_attendees", [event])
    rows = csv_rows(response)
    assert rows[0] == ["Event", "Starts", "Name", "Email", "Places", "Status", "Checked in", "Ticket"]
    assert len(rows) == 2
    assert rows[1][2:6] == ["王阿丽", "alice@example.org", "1", "Confirmed"] and rows[1][6]


def test_message_attendees_action(admin_client, event):
    for _ in range(2):
        registrations.register(user=UserFactory(), event=event)
    OutgoingEmail.objects.all().delete()
    response = action(admin_client, "message_attendees", [event])
    assert b'name="subject"' in response.content
    action(admin_client, "message_attendees", [event], apply="yes", subject="Parking", body="North gate.")
    assert OutgoingEmail.objects.count() == 2
    assert all("North gate." in body for body in mail_as_sent().values_list("body", flat=True))


def test_saving_in_the_admin_goes_through_the_service(admin_client, event):
    registration = registrations.register(user=UserFactory(), event=event)
    waiting = [registrations.register(user=UserFactory(), event=EventFactory(organizer=event.organizer, capacity=0))]
    OutgoingEmail.objects.all().delete()
    url = f"{CHANGELIST}{event.pk}/change/"
    data = form_data(admin_client.get(url))
    new_start = timezone.localtime(event.start + timedelta(days=1))
    data["start_0"], data["end_0"] = str(new_start.date()), str(new_start.date())
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event.refresh_from_db()
    assert event.sequence == 1 and timezone.localtime(event.start).date() == new_start.date()
    assert mail_as_sent().get().to == registration.user.email

    full = waiting[0].event
    data = form_data(admin_client.get(f"{CHANGELIST}{full.pk}/change/"))
    data["capacity"] = "5"
    admin_client.post(f"{CHANGELIST}{full.pk}/change/", data)
    assert Registration.objects.get(pk=waiting[0].pk).status == Registration.Status.CONFIRMED


def test_registration_admin_is_scoped_and_acts_through_services(admin_client, organizer):
    event = at_the_door(organizer=organizer)
    own = registrations.register(user=UserFactory(), event=event)
    foreign = RegistrationFactory()
    response = admin_client.get("/admin/events/registration/")
    assert list(response.context["cl"].result_list) == [own]
    assert admin_client.get(f"/admin/events/registration/{foreign.pk}/change/").status_code in (302, 403, 404)
    admin_client.post("/admin/events/registration/", {"action": "check_in_registrations", "_selected_action": [own.pk]})
    own.refresh_from_db()
    assert own.checked_in_at is not None


def test_waive_penalty_action(admin_client):
    resident = UserFactory()
    penalty = NoShowPenalty.objects.create(user=resident, until=timezone.now() + timedelta(days=10), no_shows=2)
    response = admin_client.post("/admin/events/noshowpenalty/", {"action": "waive", "_selected_action": [penalty.pk]})
    assert response.status_code == 302
    penalty.refresh_from_db()
    assert penalty.waived_at and not penalty.in_force


def test_residents_have_no_admin(event):
    resident = UserFactory()
    assert client_for(resident).get(CHANGELIST).status_code == 302
    other_staff = make_staff(OrganizerFactory())
    assert event.title_en not in client_for(other_staff).get(CHANGELIST).content.decode()


def test_a_cancelled_event_cannot_be_published_again_through_the_admin():
    event = EventFactory()
    staff = make_staff(event.organizer)
    event_changes.cancel_event(event=event, reason="Storm warning", by_user=staff)
    event.refresh_from_db()
    event.status = Event.Status.PUBLISHED
    with pytest.raises(RegistrationError) as refused:
        event_changes.save_event(event=event, by_user=staff)
    assert refused.value.code == "cancelled"
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
