"""portal.locking: rows locked in a stable order inside a transaction, and a busy row refused clearly.

The lock timeout itself needs PostgreSQL: tests/integration/test_locking.py holds a row from a second
connection. Here, on SQLite, the helper's contract and how a `Busy` refusal reaches people.
"""

import pytest
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

from events.models import Registration
from events.services import registrations
from portal import locking
from portal.errors import Busy
from portal.models import District
from tests.factories import DistrictFactory, EventFactory, UserFactory, VolunteerRoleFactory
from tests.utils import client_for


@pytest.mark.django_db
def test_lock_returns_the_row_fresh():
    district = DistrictFactory()
    District.objects.filter(pk=district.pk).update(name="Renamed")
    with transaction.atomic():
        assert locking.lock(District, district.pk).name == "Renamed"
        with pytest.raises(District.DoesNotExist):
            locking.lock(District.objects.all(), district.pk + 1000)


@pytest.mark.django_db
def test_several_rows_are_locked_in_primary_key_order():
    districts = [DistrictFactory() for _ in range(3)]
    pks = [district.pk for district in reversed(districts)]
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        locked = locking.lock_all(District, pks + pks[:1])
    assert [district.pk for district in locked] == sorted(pks)
    assert 'ORDER BY "portal_district"."id" ASC' in queries.captured_queries[-1]["sql"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("call", [lambda pk: locking.lock(District, pk), lambda pk: locking.lock_all(District, [pk])])
def test_locking_outside_a_transaction_is_refused(call):
    district = DistrictFactory()
    with pytest.raises(TransactionManagementError, match="transaction.atomic"):
        call(district.pk)


def test_only_models_and_querysets_are_locked():
    with pytest.raises(TypeError):
        locking.lock("portal.District", 1)


# --- a busy row, as people meet it (the event's seat lock refused as PostgreSQL would after the timeout) ---


@pytest.fixture
def busy_event(monkeypatch):
    def refuse(*args, **kwargs):
        raise Busy()

    monkeypatch.setattr(registrations.locking, "lock", refuse)
    return EventFactory()


@pytest.mark.django_db
def test_the_api_answers_a_busy_event_with_503_and_retry_after(busy_event):
    response = client_for(UserFactory()).post(
        f"/api/events/{busy_event.pk}/register/", {}, content_type="application/json"
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json() == {
        "detail": "Many people are signing up right now. Please try again in a moment.",
        "code": "busy",
    }
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_the_page_shows_a_busy_event_as_a_message_where_the_form_was(busy_event):
    client = client_for(UserFactory())
    page = busy_event.get_absolute_url()
    response = client.post(f"{page}register/", {"party_size": 1}, headers={"referer": f"http://testserver{page}"})
    assert response.status_code == 302 and response["Location"] == f"http://testserver{page}"
    assert "Many people are signing up right now." in client.get(page).content.decode()
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_a_busy_page_from_elsewhere_goes_home(busy_event):
    role = VolunteerRoleFactory(event=busy_event)
    response = client_for(UserFactory()).post(
        f"{busy_event.get_absolute_url()}volunteers/{role.pk}/signup/", headers={"referer": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == "/"


def test_the_schema_lists_503_only_where_rows_are_locked(client):
    operations = client.get("/api/schema/?format=json").json()["paths"]
    assert "503" in operations["/api/events/{id}/register/"]["post"]["responses"]
    assert "503" in operations["/api/events/{id}/"]["patch"]["responses"]
    assert "503" not in operations["/api/events/"]["post"]["responses"]
    assert "503" not in operations["/api/events/{id}/"]["get"]["responses"]
