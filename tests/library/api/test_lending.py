"""The lending API: statuses and bodies of borrow, hold, cancel, return, renew, and the resident's lists."""

import pytest

from library.models import Hold, Loan, Resource
from library.services import lending
from tests.factories import UserFactory
from tests.library.factories import make_resource
from tests.library.lending import lent_item
from tests.utils import api

pytestmark = pytest.mark.django_db


def borrow(user, item):
    return api(user).post(f"/api/library/items/{item.pk}/borrow/")


def test_borrow_answers_201_with_the_loan():
    resident, item = UserFactory(), lent_item()
    response = borrow(resident, item)
    assert response.status_code == 201
    loan = Loan.objects.get()
    assert response.json()["id"] == loan.pk
    assert response.json()["resource"] == item.pk
    assert response.json()["due_at"].startswith(loan.due_at.date().isoformat()[:4])
    assert response.json()["read_url"].endswith(f"/library/{item.pk}/read/")


def test_refusals_answer_detail_and_code(settings):
    item = lent_item()
    first, second = UserFactory(), UserFactory()
    assert borrow(first, item).status_code == 201

    again = borrow(first, item)
    assert again.status_code == 409 and again.json()["code"] == "already_borrowed"

    full = borrow(second, item)
    assert full.status_code == 409
    assert full.json()["code"] == "no_copy_left" and "Place a hold" in full.json()["detail"]

    open_item = borrow(second, make_resource(access=Resource.Access.OPEN))
    assert open_item.status_code == 400 and open_item.json()["code"] == "not_lendable"

    settings.LIBRARY_MAX_LOANS = 1
    over = borrow(first, lent_item())
    assert over.status_code == 400 and over.json()["code"] == "loan_limit"
    assert over.json()["detail"].startswith("You may borrow 1 item at a time.")


def test_unverified_and_anonymous_are_403_and_unknown_items_404():
    item = lent_item()
    unverified = borrow(UserFactory(verified=False), item)
    assert unverified.status_code == 403 and unverified.json()["code"] == "email_unverified"
    assert api().post(f"/api/library/items/{item.pk}/borrow/").status_code == 403
    assert borrow(UserFactory(), Resource(pk=item.pk + 100)).status_code == 404
    staff_only = make_resource(access=Resource.Access.STAFF)
    assert borrow(UserFactory(), staff_only).status_code == 404  # not visible: not found


def test_hold_then_cancel():
    item = lent_item()
    borrow(UserFactory(), item)
    resident = UserFactory()
    response = api(resident).post(f"/api/library/items/{item.pk}/hold/")
    assert response.status_code == 201
    body = response.json()
    assert body["position"] == 1 and body["reserved_until"] is None and body["resource"] == item.pk
    again = api(resident).post(f"/api/library/items/{item.pk}/hold/")
    assert again.status_code == 409 and again.json()["code"] == "already_on_hold"

    assert api(UserFactory()).post(f"/api/library/holds/{body['id']}/cancel/").status_code == 404
    assert api(resident).post(f"/api/library/holds/{body['id']}/cancel/").status_code == 204
    ended = api(resident).delete(f"/api/library/holds/{body['id']}/")
    assert ended.status_code == 409 and ended.json()["code"] == "hold_ended"
    assert Hold.objects.get().ending == Hold.Ending.CANCELLED


def test_a_hold_on_a_free_copy_is_refused():
    response = api(UserFactory()).post(f"/api/library/items/{lent_item().pk}/hold/")
    assert response.status_code == 409 and response.json()["code"] == "copy_available"


def test_return_and_renew():
    resident, item = UserFactory(), lent_item()
    loan_id = borrow(resident, item).json()["id"]
    renewed = api(resident).post(f"/api/library/loans/{loan_id}/renew/")
    assert renewed.status_code == 200 and renewed.json()["renewals"] == 1

    assert api(UserFactory()).post(f"/api/library/loans/{loan_id}/return/").status_code == 404
    returned = api(resident).post(f"/api/library/loans/{loan_id}/return/")
    assert returned.status_code == 200
    again = api(resident).post(f"/api/library/loans/{loan_id}/return/")
    assert again.status_code == 409 and again.json()["code"] == "loan_ended"


def test_renewal_refused_while_others_wait():
    resident, item = UserFactory(), lent_item()
    loan_id = borrow(resident, item).json()["id"]
    lending.place_hold(user=UserFactory(), resource=item)
    response = api(resident).post(f"/api/library/loans/{loan_id}/renew/")
    assert response.status_code == 409 and response.json()["code"] == "holds_waiting"


def test_my_loans_and_holds_are_paginated_and_my_own():
    resident, other = UserFactory(), UserFactory()
    mine = lent_item()
    borrow(resident, mine)
    borrow(other, lent_item())
    queued = lent_item()
    borrow(other, queued)
    lending.place_hold(user=resident, resource=queued)

    loans = api(resident).get("/api/me/loans/")
    assert loans.status_code == 200
    assert loans.json()["count"] == 1
    assert [row["resource"] for row in loans.json()["results"]] == [mine.pk]
    assert loans.json()["results"][0]["renewable"] is True

    holds = api(resident).get("/api/me/holds/").json()
    assert holds["count"] == 1 and holds["results"][0]["position"] == 1
    assert holds["results"][0]["resource"] == queued.pk

    assert api().get("/api/me/loans/").status_code == 403
    assert api().get("/api/me/holds/").status_code == 403


def test_the_schema_declares_the_lending_operations(client):
    schema = client.get("/api/schema/?format=json").json()
    borrow_operation = schema["paths"]["/api/library/items/{id}/borrow/"]["post"]
    assert {"201", "400", "403", "404", "409", "503"} <= set(borrow_operation["responses"])
    for path in ("/api/me/loans/", "/api/me/holds/", "/api/library/holds/{id}/cancel/"):
        assert path in schema["paths"]
