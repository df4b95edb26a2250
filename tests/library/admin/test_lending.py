"""Admin of loans and holds: scoped to the staff's organizers (lists, filters, search, pages), read-mostly,
with a "return" action that goes through the lending service."""

import pytest

from library.models import Loan
from library.services import lending
from tests.factories import OrganizerFactory, UserFactory, make_staff
from tests.library.lending import lent_item
from tests.utils import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_libraries():
    ours, theirs = OrganizerFactory(name_en="Our Library"), OrganizerFactory(name_en="Their Library")
    mine = lent_item(organizer=ours, title_en="Our Book")
    foreign = lent_item(organizer=theirs, title_en="Their Book")
    our_loan = lending.borrow(user=UserFactory(username="our-reader"), resource=mine)
    their_loan = lending.borrow(user=UserFactory(username="their-reader"), resource=foreign)
    lending.place_hold(user=UserFactory(username="our-waiter"), resource=mine)
    their_hold = lending.place_hold(user=UserFactory(username="their-waiter"), resource=foreign)
    return {
        "staff": make_staff(ours),
        "other_staff": make_staff(theirs),
        "our_loan": our_loan,
        "their_loan": their_loan,
        "their_hold": their_hold,
        "theirs": theirs,
    }


def test_staff_see_only_their_organizers_loans_and_holds(two_libraries):
    client = client_for(two_libraries["staff"])
    loans = client.get("/admin/library/loan/")
    assert loans.status_code == 200
    page = loans.content.decode()
    assert "our-reader" in page and "their-reader" not in page
    assert "Their Library" not in page  # not even in the organizer filter
    holds = client.get("/admin/library/hold/").content.decode()
    assert "our-waiter" in holds and "their-waiter" not in holds


def test_search_and_filters_never_reach_another_organizer(two_libraries):
    client = client_for(two_libraries["staff"])
    searched = client.get("/admin/library/loan/", {"q": "their-reader"})
    assert searched.context["cl"].result_count == 0 and searched.context["cl"].full_result_count == 1
    filtered = client.get("/admin/library/loan/", {"resource__organizer__id__exact": two_libraries["theirs"].pk})
    assert "their-reader" not in filtered.content.decode()
    assert "Their Book" not in filtered.content.decode()
    assert client.get("/admin/library/hold/", {"q": "their"}).context["cl"].result_count == 0


def test_another_organizers_loan_page_is_closed(two_libraries):
    client = client_for(two_libraries["staff"])
    for url in (
        f"/admin/library/loan/{two_libraries['their_loan'].pk}/change/",
        f"/admin/library/hold/{two_libraries['their_hold'].pk}/change/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 404)
        assert "their-" not in response.content.decode()


def test_staff_of_another_organizer_see_nothing_of_ours(two_libraries):
    page = client_for(two_libraries["other_staff"]).get("/admin/library/loan/").content.decode()
    assert "our-reader" not in page and "their-reader" in page


def test_loans_are_read_mostly(two_libraries):
    client = client_for(two_libraries["staff"])
    assert client.get("/admin/library/loan/add/").status_code == 403
    loan = two_libraries["our_loan"]
    page = client.get(f"/admin/library/loan/{loan.pk}/change/").content.decode()
    assert 'name="due_at"' not in page
    assert client.get(f"/admin/library/loan/{loan.pk}/delete/").status_code == 403


def test_the_return_action_ends_loans_through_the_service(two_libraries):
    client = client_for(two_libraries["staff"])
    ours, theirs = two_libraries["our_loan"], two_libraries["their_loan"]
    response = client.post(
        "/admin/library/loan/", {"action": "return_loans", "_selected_action": [ours.pk, theirs.pk]}, follow=True
    )
    assert "1 loan(s) returned." in response.content.decode()
    assert Loan.objects.get(pk=ours.pk).ending == Loan.Ending.RETURNED
    assert Loan.objects.get(pk=theirs.pk).is_open  # not theirs to return
    # The first hold in the queue now has the copy.
    assert ours.resource.holds.get().is_reserved


def test_residents_have_no_admin():
    assert client_for(UserFactory()).get("/admin/library/loan/").status_code == 302
