"""Lending pages: the POST buttons, their messages, /me/'s loans and holds, and the item page's lending panel."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory

from library.models import Hold, Loan
from library.selectors.lending import panel
from library.services import lending
from tests.factories import UserFactory
from tests.library.factories import make_resource
from tests.library.lending import lent_item
from tests.utils import assert_max_queries, client_for, html

pytestmark = pytest.mark.django_db


def test_borrowing_from_the_page_says_until_when_and_goes_back():
    resident, item = UserFactory(), lent_item(title_en="Lanterns")
    client = client_for(resident)
    response = client.post(f"/library/{item.pk}/borrow/")
    assert response.status_code == 302 and response["Location"] == f"/library/{item.pk}/"
    page = html(client.post(f"/library/{item.pk}/borrow/", {"next": "/me/"}, follow=True))
    assert "You have already borrowed “Lanterns”" in page  # the service's words, shown on the page
    assert Loan.objects.filter(user=resident).count() == 1


def test_the_success_message_and_my_loans_on_me():
    resident, item = UserFactory(), lent_item(title_en="Lanterns")
    page = html(client_for(resident).post(f"/library/{item.pk}/borrow/", {"next": "/me/"}, follow=True))
    assert "You have borrowed “Lanterns” until" in page
    assert "My loans" in page and f'href="/library/{item.pk}/read/"' in page
    loan = Loan.objects.get()
    assert f'action="/library/loans/{loan.pk}/return/"' in page
    assert f'action="/library/loans/{loan.pk}/renew/"' in page


def test_next_must_be_a_page_of_this_site():
    item = lent_item()
    response = client_for(UserFactory()).post(f"/library/{item.pk}/borrow/", {"next": "https://evil.example/"})
    assert response["Location"] == f"/library/{item.pk}/"


def test_anonymous_are_sent_to_sign_in_and_get_is_not_allowed():
    item = lent_item()
    response = client_for(None).post(f"/library/{item.pk}/borrow/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client_for(UserFactory()).get(f"/library/{item.pk}/borrow/").status_code == 405
    assert client_for(UserFactory()).post("/library/999999/borrow/").status_code == 404


def test_no_copy_left_is_shown_with_the_offer_of_a_hold_then_the_hold():
    item = lent_item(title_en="Lanterns")
    lending.borrow(user=UserFactory(), resource=item)
    resident = UserFactory()
    client = client_for(resident)
    page = html(client.post(f"/library/{item.pk}/borrow/", {"next": "/me/"}, follow=True))
    assert "Place a hold" in page
    page = html(client.post(f"/library/{item.pk}/hold/", {"next": "/me/"}, follow=True))
    assert "You are number 1 in the queue for “Lanterns”" in page
    hold = Hold.objects.get(user=resident)
    assert "My holds" in page and "Number 1 in the queue" in page
    assert f'action="/library/holds/{hold.pk}/cancel/"' in page

    page = html(client.post(f"/library/holds/{hold.pk}/cancel/", {"next": "/me/"}, follow=True))
    assert "You have left the queue for “Lanterns”." in page
    assert "You are in no queue for a library item." in page


def test_a_reserved_hold_offers_borrowing_on_me():
    item = lent_item()
    borrower, resident = UserFactory(), UserFactory()
    loan = lending.borrow(user=borrower, resource=item)
    lending.place_hold(user=resident, resource=item)
    lending.return_loan(user=borrower, loan=loan)
    page = html(client_for(resident).get("/me/"))
    assert "Kept for you until" in page and f'action="/library/{item.pk}/borrow/"' in page


def test_return_and_renew_from_the_page():
    resident, item = UserFactory(), lent_item(title_en="Lanterns")
    loan = lending.borrow(user=resident, resource=item)
    client = client_for(resident)
    page = html(client.post(f"/library/loans/{loan.pk}/renew/", {"next": "/me/"}, follow=True))
    assert "You may keep “Lanterns” until" in page
    page = html(client.post(f"/library/loans/{loan.pk}/return/", {"next": "/me/"}, follow=True))
    assert "You have returned “Lanterns”." in page
    page = html(client.post(f"/library/loans/{loan.pk}/return/", {"next": "/me/"}, follow=True))
    assert "This loan has already ended." in page
    assert "You have no library loans." in page


def test_another_persons_loan_or_hold_is_404():
    item = lent_item()
    loan = lending.borrow(user=UserFactory(), resource=item)
    hold = lending.place_hold(user=UserFactory(), resource=item)
    stranger = client_for(UserFactory())
    assert stranger.post(f"/library/loans/{loan.pk}/return/").status_code == 404
    assert stranger.post(f"/library/loans/{loan.pk}/renew/").status_code == 404
    assert stranger.post(f"/library/holds/{hold.pk}/cancel/").status_code == 404
    assert Loan.objects.get().is_open and Hold.objects.get().ended_at is None


# --- The lending panel (included by the item's page) -----------------------------------------------------


def render_panel(resource, user):
    request = RequestFactory().get(resource.get_absolute_url())
    request.user = user
    return render_to_string(
        "library/includes/lending_panel.html",
        {"lending": panel(resource=resource, user=user), "resource": resource},
        request=request,
    )


def test_the_panel_is_empty_for_items_that_are_not_lent():
    assert render_panel(make_resource(), UserFactory()).strip() == ""


def test_the_panel_for_visitors_counts_copies_and_asks_to_sign_in():
    item = lent_item(licences=2)
    lending.borrow(user=UserFactory(), resource=item)
    page = render_panel(item, AnonymousUser())
    assert "<dt>Copies</dt><dd>2</dd>" in page
    assert "<dt>On loan</dt><dd>1</dd>" in page and "<dt>Available now</dt><dd>1</dd>" in page
    assert "Log in to borrow" in page and "csrfmiddlewaretoken" not in page


def test_the_panel_offers_what_the_person_may_do():
    item = lent_item()
    resident = UserFactory()
    page = render_panel(item, resident)
    assert f'action="/library/{item.pk}/borrow/"' in page and "csrfmiddlewaretoken" in page

    loan = lending.borrow(user=resident, resource=item)
    page = render_panel(item, resident)
    assert "You have borrowed this item until" in page and f'href="/library/{item.pk}/read/"' in page
    assert f'action="/library/loans/{loan.pk}/return/"' in page and "Renew the loan" in page

    waiting = UserFactory()
    page = render_panel(item, waiting)
    assert f'action="/library/{item.pk}/hold/"' in page and "Place a hold" in page
    hold = lending.place_hold(user=waiting, resource=item)
    page = render_panel(item, waiting)
    assert "You are number 1 in the queue." in page and f'action="/library/holds/{hold.pk}/cancel/"' in page
    assert "<dt>People waiting</dt><dd>1</dd>" in page
    assert "Renew the loan" not in render_panel(item, resident)

    lending.return_loan(user=resident, loan=loan)
    page = render_panel(item, waiting)
    assert "A copy is kept for you until" in page and f'action="/library/{item.pk}/borrow/"' in page


def test_the_panel_says_why_one_may_not_borrow(settings):
    item = lent_item()
    assert "Confirm your email address to borrow" in render_panel(item, UserFactory(verified=False))
    settings.LIBRARY_MAX_LOANS = 1
    resident = UserFactory()
    lending.borrow(user=resident, resource=lent_item())
    page = render_panel(item, resident)
    assert "You may borrow 1 item at a time." in page and "/borrow/" not in page


def test_me_reads_loans_and_holds_in_a_fixed_number_of_queries():
    resident = UserFactory()
    client = client_for(resident)

    def queries_for_me():
        with assert_max_queries(100) as captured:
            html(client.get("/me/"))
        return len(captured.captured_queries)

    lending.borrow(user=resident, resource=lent_item())
    taken = lent_item()
    lending.borrow(user=UserFactory(), resource=taken)
    lending.place_hold(user=resident, resource=taken)
    one_each = queries_for_me()
    for _ in range(3):
        lending.borrow(user=resident, resource=lent_item())
        taken = lent_item()
        lending.borrow(user=UserFactory(), resource=taken)
        lending.place_hold(user=resident, resource=taken)
    assert queries_for_me() == one_each
