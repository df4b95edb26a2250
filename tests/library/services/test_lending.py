"""The lending rules (library.services.lending): loans, the limit, the holds queue, reservations, renewals, expiry."""

from datetime import timedelta

import pytest
from django.utils import timezone

from library.errors import LibraryError
from library.models import Hold, Loan, Resource
from library.selectors import lending as selectors
from library.services import lending
from library.tasks import expire_loans, expire_reservations, send_loan_due_soon_notices
from portal.models import DigestItem, Interaction, OutgoingEmail
from tests.factories import UserFactory
from tests.library.factories import make_resource
from tests.library.lending import lent_item, let_reservation_lapse, make_overdue
from tests.utils import mail_as_sent

pytestmark = pytest.mark.django_db


def refused(code, call, **kwargs):
    with pytest.raises(LibraryError) as caught:
        call(**kwargs)
    assert caught.value.code == code, caught.value.code
    return str(caught.value.message)


def english_resident(**kwargs):
    """Mail goes in the site's language (Chinese) unless the profile prefers another."""
    user = UserFactory(**kwargs)
    user.profile.preferred_languages = ["en"]
    user.profile.save()
    return user


def hold_ready_mail(user):
    return mail_as_sent().filter(to=user.email, message="library.hold_ready")


# --- Borrowing -------------------------------------------------------------------------------------------


def test_a_loan_lasts_the_configured_days(settings):
    settings.LIBRARY_LOAN_DAYS = 7
    resident, item = UserFactory(), lent_item()
    before = timezone.now()
    loan = lending.borrow(user=resident, resource=item)
    assert loan.user == resident and loan.resource == item and loan.is_open
    assert before + timedelta(days=7) <= loan.due_at <= timezone.now() + timedelta(days=7)


def test_borrowing_needs_a_verified_address():
    message = refused("email_unverified", lending.borrow, user=UserFactory(verified=False), resource=lent_item())
    assert "confirm your email address" in message
    assert not Loan.objects.exists()


@pytest.mark.parametrize("access", [Resource.Access.OPEN, Resource.Access.RESIDENTS, Resource.Access.STAFF])
def test_only_lending_controlled_items_are_borrowed(access):
    item = make_resource(access=access)
    message = refused("not_lendable", lending.borrow, user=UserFactory(), resource=item)
    assert "without borrowing" in message
    refused("not_lendable", lending.place_hold, user=UserFactory(), resource=item)


def test_a_withdrawn_item_is_not_found():
    item = lent_item()
    item.withdrawn_at = timezone.now()
    item.save()
    refused("not_found", lending.borrow, user=UserFactory(), resource=item)


def test_one_loan_of_an_item_per_person():
    resident, item = UserFactory(), lent_item(licences=3)
    lending.borrow(user=resident, resource=item)
    refused("already_borrowed", lending.borrow, user=resident, resource=item)
    assert Loan.objects.count() == 1


def test_the_loan_limit_has_a_clear_message(settings):
    settings.LIBRARY_MAX_LOANS = 2
    resident = UserFactory()
    for _ in range(2):
        lending.borrow(user=resident, resource=lent_item())
    message = refused("loan_limit", lending.borrow, user=resident, resource=lent_item())
    assert message == "You may borrow 2 items at a time. Return one of your loans (on your page) to borrow this."
    # A returned loan no longer counts.
    lending.return_loan(user=resident, loan=resident.library_loans.first())
    lending.borrow(user=resident, resource=lent_item())


def test_no_copy_left_offers_a_hold():
    item = lent_item(licences=2, title_en="Rivers")
    for _ in range(2):
        lending.borrow(user=UserFactory(), resource=item)
    message = refused("no_copy_left", lending.borrow, user=UserFactory(), resource=item)
    assert "All 2 copies of “Rivers” are on loan" in message and "Place a hold" in message


def test_borrowing_and_holding_leave_a_trace(django_capture_on_commit_callbacks):
    item = lent_item()
    with django_capture_on_commit_callbacks(execute=True):
        lending.borrow(user=UserFactory(), resource=item)
        lending.place_hold(user=UserFactory(), resource=item)
    assert sorted(Interaction.objects.filter(target_id=item.pk).values_list("action", flat=True)) == [
        Interaction.Action.BORROW,
        Interaction.Action.HOLD,
    ]


# --- Holds -----------------------------------------------------------------------------------------------


def test_a_hold_is_refused_while_a_copy_is_free():
    message = refused("copy_available", lending.place_hold, user=UserFactory(), resource=lent_item())
    assert "borrow it instead" in message


def test_a_hold_needs_a_verified_address():
    item = lent_item()
    lending.borrow(user=UserFactory(), resource=item)
    refused("email_unverified", lending.place_hold, user=UserFactory(verified=False), resource=item)


def test_no_hold_on_what_one_has_borrowed_nor_twice():
    item = lent_item()
    borrower, waiting = UserFactory(), UserFactory()
    lending.borrow(user=borrower, resource=item)
    refused("already_borrowed", lending.place_hold, user=borrower, resource=item)
    lending.place_hold(user=waiting, resource=item)
    refused("already_on_hold", lending.place_hold, user=waiting, resource=item)


def test_the_queue_is_served_in_order_and_each_reservation_is_mailed(settings):
    settings.LIBRARY_HOLD_HOURS = 48
    item = lent_item(title_en="Tea Roads")
    first_borrower = UserFactory()
    loan = lending.borrow(user=first_borrower, resource=item)
    queue = [english_resident() for _ in range(3)]
    holds = [lending.place_hold(user=user, resource=item) for user in queue]
    assert [selectors.hold_position(hold) for hold in holds] == [1, 2, 3]
    # Someone in the queue but not first cannot borrow, and is told their place.
    assert "number 2 in the queue" in refused("no_copy_left", lending.borrow, user=queue[1], resource=item)

    lending.return_loan(user=first_borrower, loan=loan)
    first = Hold.objects.get(pk=holds[0].pk)
    assert first.is_reserved
    assert timedelta(hours=47) < first.reserved_until - timezone.now() <= timedelta(hours=48)
    assert Hold.objects.filter(reserved_until__isnull=False).count() == 1
    mail = hold_ready_mail(queue[0]).get()
    assert "Tea Roads" in mail.subject and "kept for you" in mail.body
    assert not hold_ready_mail(queue[1]).exists()
    # The kept copy is not for a newcomer, nor for the second in line.
    refused("no_copy_left", lending.borrow, user=UserFactory(), resource=item)
    refused("no_copy_left", lending.borrow, user=queue[1], resource=item)

    second_loan = lending.borrow(user=queue[0], resource=item)
    first.refresh_from_db()
    assert first.ending == Hold.Ending.BORROWED and first.ended_at is not None
    assert selectors.hold_position(holds[1]) == 1
    lending.return_loan(user=queue[0], loan=second_loan)
    assert Hold.objects.get(pk=holds[1].pk).is_reserved
    assert hold_ready_mail(queue[1]).count() == 1


def test_an_unused_reservation_passes_the_copy_to_the_next_in_line():
    item = lent_item()
    borrower, first, second = UserFactory(), UserFactory(), UserFactory()
    loan = lending.borrow(user=borrower, resource=item)
    first_hold = lending.place_hold(user=first, resource=item)
    second_hold = lending.place_hold(user=second, resource=item)
    lending.return_loan(user=borrower, loan=loan)
    let_reservation_lapse(Hold.objects.get(pk=first_hold.pk))

    expire_reservations()
    first_hold.refresh_from_db()
    assert first_hold.ending == Hold.Ending.EXPIRED
    assert Hold.objects.get(pk=second_hold.pk).is_reserved
    assert hold_ready_mail(second).count() == 1
    refused("no_copy_left", lending.borrow, user=first, resource=item)
    expire_reservations()  # again: nothing more happens
    assert hold_ready_mail(second).count() == 1


def test_a_lapsed_reservation_is_ended_before_anyone_borrows_even_without_the_beat():
    item = lent_item()
    borrower, first, second = UserFactory(), UserFactory(), UserFactory()
    loan = lending.borrow(user=borrower, resource=item)
    first_hold = lending.place_hold(user=first, resource=item)
    lending.place_hold(user=second, resource=item)
    lending.return_loan(user=borrower, loan=loan)
    let_reservation_lapse(Hold.objects.get(pk=first_hold.pk))
    refused("no_copy_left", lending.borrow, user=first, resource=item)  # too late: it went to `second`
    lending.borrow(user=second, resource=item)


def test_leaving_the_queue_with_a_reservation_passes_the_copy_on():
    item = lent_item()
    borrower, first, second = UserFactory(), UserFactory(), UserFactory()
    loan = lending.borrow(user=borrower, resource=item)
    first_hold = lending.place_hold(user=first, resource=item)
    second_hold = lending.place_hold(user=second, resource=item)
    lending.return_loan(user=borrower, loan=loan)
    cancelled = lending.cancel_hold(user=first, hold=first_hold)
    assert cancelled.ending == Hold.Ending.CANCELLED
    assert Hold.objects.get(pk=second_hold.pk).is_reserved
    refused("hold_ended", lending.cancel_hold, user=first, hold=first_hold)


def test_nobody_cancels_another_persons_hold():
    item = lent_item()
    lending.borrow(user=UserFactory(), resource=item)
    hold = lending.place_hold(user=UserFactory(), resource=item)
    refused("not_found", lending.cancel_hold, user=UserFactory(), hold=hold)


# --- Returning and renewing ------------------------------------------------------------------------------


def test_an_early_return_frees_the_copy():
    item = lent_item()
    resident = UserFactory()
    loan = lending.borrow(user=resident, resource=item)
    returned = lending.return_loan(user=resident, loan=loan)
    assert returned.ending == Loan.Ending.RETURNED and returned.ended_at is not None
    assert selectors.availability(item).available == 1
    refused("loan_ended", lending.return_loan, user=resident, loan=loan)


def test_another_persons_loan_is_not_found():
    loan = lending.borrow(user=UserFactory(), resource=lent_item())
    refused("not_found", lending.return_loan, user=UserFactory(), loan=loan)
    refused("not_found", lending.renew, user=UserFactory(), loan=loan)


def test_renewal_when_nobody_waits(settings):
    settings.LIBRARY_LOAN_DAYS = 14
    resident, item = UserFactory(), lent_item()
    loan = lending.borrow(user=resident, resource=item)
    loan.due_at = timezone.now() + timedelta(hours=3)
    loan.reminded_at = timezone.now()
    loan.save()
    renewed = lending.renew(user=resident, loan=loan)
    assert renewed.renewals == 1 and renewed.reminded_at is None
    assert renewed.due_at > timezone.now() + timedelta(days=13)


def test_no_renewal_while_others_wait():
    item = lent_item(title_en="Hills")
    resident = UserFactory()
    loan = lending.borrow(user=resident, resource=item)
    lending.place_hold(user=UserFactory(), resource=item)
    message = refused("holds_waiting", lending.renew, user=resident, loan=loan)
    assert message.startswith("Others are waiting for “Hills”, so this loan cannot be renewed.")
    assert Loan.objects.get(pk=loan.pk).renewals == 0


# --- Expiry ----------------------------------------------------------------------------------------------


def test_the_beat_ends_overdue_loans_tells_the_borrower_and_reserves_for_the_queue():
    item = lent_item(title_en="Winter")
    borrower, waiting = english_resident(), UserFactory()
    loan = lending.borrow(user=borrower, resource=item)
    hold = lending.place_hold(user=waiting, resource=item)
    make_overdue(loan)
    assert expire_loans() == 1
    loan.refresh_from_db()
    assert loan.ending == Loan.Ending.EXPIRED and loan.ended_at is not None
    assert Hold.objects.get(pk=hold.pk).is_reserved
    assert mail_as_sent().filter(to=borrower.email, message="library.loan_ended").get().subject == (
        "Your loan of Winter has ended"
    )
    assert hold_ready_mail(waiting).count() == 1
    assert expire_loans() == 0


def test_loan_ended_news_follows_the_digest_choice():
    borrower = UserFactory()
    borrower.profile.notification_frequency = "weekly"
    borrower.profile.save()
    make_overdue(lending.borrow(user=borrower, resource=lent_item()))
    expire_loans()
    assert DigestItem.objects.filter(user=borrower, message="library.loan_ended").count() == 1
    assert not OutgoingEmail.objects.filter(to=borrower.email).exists()


def test_an_overdue_loan_gives_its_copy_to_the_queue_before_a_newcomer():
    item = lent_item()
    loan = lending.borrow(user=UserFactory(), resource=item)
    waiting = UserFactory()
    lending.place_hold(user=waiting, resource=item)
    make_overdue(loan)  # the beat has not run yet
    refused("no_copy_left", lending.borrow, user=UserFactory(), resource=item)
    lending.borrow(user=waiting, resource=item)


def test_due_soon_is_told_once_per_loan():
    resident = english_resident()
    loan = lending.borrow(user=resident, resource=lent_item(title_en="Moon"))
    lending.borrow(user=UserFactory(), resource=lent_item())  # due in two weeks: not yet
    loan.due_at = timezone.now() + timedelta(hours=5)
    loan.save()
    assert send_loan_due_soon_notices() == 1
    assert send_loan_due_soon_notices() == 0
    mail = mail_as_sent().filter(message="library.loan_due_soon").get()
    assert mail.to == resident.email and "Moon" in mail.subject and "Moon" in mail.body


def test_mail_is_written_in_the_recipients_language():
    item = lent_item(title_en="Spring", title_zh_hans="春天")
    borrower, chinese = UserFactory(), UserFactory()
    chinese.profile.preferred_languages = ["zh-hans"]
    chinese.profile.save()
    loan = lending.borrow(user=borrower, resource=item)
    lending.place_hold(user=chinese, resource=item)
    lending.return_loan(user=borrower, loan=loan)
    mail = hold_ready_mail(chinese).get()
    assert mail.language == "zh-hans"
    assert "春天" in mail.subject and "您好" in mail.body


def test_a_stale_reservation_mail_is_not_sent():
    item = lent_item()
    borrower, waiting = UserFactory(), UserFactory()
    loan = lending.borrow(user=borrower, resource=item)
    hold = lending.place_hold(user=waiting, resource=item)
    lending.return_loan(user=borrower, loan=loan)
    lending.cancel_hold(user=waiting, hold=hold)  # before the mail went
    mail = hold_ready_mail(waiting).get()
    assert mail.sent_at is None and mail.last_error.startswith("Not sent")


# --- Accounts deleted ------------------------------------------------------------------------------------


def test_a_deleted_account_keeps_the_loan_row_anonymised_and_frees_the_copy():
    item = lent_item()
    resident, other, waiting = UserFactory(), UserFactory(), UserFactory()
    loan = lending.borrow(user=resident, resource=item)
    ended = lending.borrow(user=other, resource=lent_item())
    lending.return_loan(user=other, loan=ended)
    lending.place_hold(user=waiting, resource=item)
    resident.delete()
    other.delete()
    loan.refresh_from_db()
    assert loan.user is None
    assert Loan.objects.count() == 2  # history and counts kept
    assert expire_loans() == 1
    loan.refresh_from_db()
    assert loan.ending == Loan.Ending.RETURNED
    assert waiting.library_holds.get().is_reserved


# --- The demo --------------------------------------------------------------------------------------------


def test_the_demo_shows_loans_a_full_item_and_a_queue(demo):
    from io import StringIO

    from django.core.management import call_command

    full = Resource.objects.get(identifier="demo:lib:hongloumeng-annotated")
    assert full.access == Resource.Access.LENDING
    assert selectors.availability(full).available == 0
    assert [
        hold.user.username for hold in selectors.open_holds().filter(resource=full).order_by("created_at", "id")
    ] == [
        "grandma-li",
        "sim-resident-01",
    ]
    assert Loan.objects.filter(resource__identifier__startswith="demo:lib:", ended_at=None).count() == 4
    call_command("seed_demo", stdout=StringIO())  # a second run makes no second loan or hold
    assert Loan.objects.filter(resource__identifier__startswith="demo:lib:").count() == 4
    assert Hold.objects.filter(resource__identifier__startswith="demo:lib:").count() == 3
