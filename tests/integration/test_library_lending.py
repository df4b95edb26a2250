"""Lending under real parallel load on PostgreSQL: real threads and connections, committed rows.

The resource row lock (library.services.lending, on portal.locking) is what keeps loans within the
licences, the person's row lock what keeps one person within the loan limit; the unique open loan and
hold per person are the last line. The reservation mail goes through Redis to a real worker.
"""

import pytest

from library.models import Hold, Loan, Resource
from library.services import lending
from portal.models import OutgoingEmail
from tests.factories import UserFactory
from tests.library.factories import make_resource
from tests.utils import in_parallel

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _patient_locks(settings):
    """On a loaded machine a crowd may wait longer than the production lock timeout; these tests are about
    the counts, not the waiting, so nobody is turned away as busy here (tests/integration/test_locking.py
    covers the timeout)."""
    settings.LOCK_TIMEOUT_SECONDS = 60


def lent_item(licences):
    return make_resource(access=Resource.Access.LENDING, licences=licences)


def test_twenty_residents_borrow_a_three_licence_item_at_once():
    item = lent_item(licences=3)
    residents = [UserFactory() for _ in range(20)]
    outcomes = in_parallel([lambda user=user: lending.borrow(user=user, resource=item) for user in residents])
    assert outcomes.count("ok") == 3 and outcomes.count("no_copy_left") == 17, outcomes
    assert Loan.objects.filter(resource=item, ended_at=None).count() == 3


def test_one_person_borrowing_many_items_at_once_stays_within_the_limit(settings):
    settings.LIBRARY_MAX_LOANS = 2
    resident = UserFactory()
    items = [lent_item(licences=1) for _ in range(6)]
    outcomes = in_parallel([lambda item=item: lending.borrow(user=resident, resource=item) for item in items])
    assert outcomes.count("ok") == 2 and outcomes.count("loan_limit") == 4, outcomes
    assert Loan.objects.filter(user=resident, ended_at=None).count() == 2


def test_the_same_person_borrowing_twice_at_once_gets_one_loan():
    item, resident = lent_item(licences=5), UserFactory()
    outcomes = in_parallel([lambda: lending.borrow(user=resident, resource=item) for _ in range(6)])
    assert outcomes.count("ok") == 1 and outcomes.count("already_borrowed") == 5, outcomes


def test_parallel_returns_reserve_each_copy_for_one_hold_in_queue_order():
    item = lent_item(licences=3)
    borrowers = [UserFactory() for _ in range(3)]
    loans = [lending.borrow(user=user, resource=item) for user in borrowers]
    queue = [UserFactory() for _ in range(5)]
    holds = [lending.place_hold(user=user, resource=item) for user in queue]
    calls = [
        lambda user=user, loan=loan: lending.return_loan(user=user, loan=loan)
        for user, loan in zip(borrowers, loans, strict=True)
    ]
    calls += [lambda: lending.place_hold(user=UserFactory(), resource=item) for _ in range(3)]
    outcomes = in_parallel(calls)
    assert outcomes[:3] == ["ok"] * 3
    reserved = set(Hold.objects.filter(resource=item, reserved_until__isnull=False).values_list("pk", flat=True))
    assert reserved == {hold.pk for hold in holds[:3]}
    assert OutgoingEmail.objects.filter(message="library.hold_ready").count() == 3


def test_the_reservation_mail_is_delivered_by_the_worker(celery_worker):
    item = lent_item(licences=1)
    borrower, waiting = UserFactory(), UserFactory()
    loan = lending.borrow(user=borrower, resource=item)
    lending.place_hold(user=waiting, resource=item)
    lending.return_loan(user=borrower, loan=loan)
    email = OutgoingEmail.objects.get(message="library.hold_ready")
    celery_worker.wait_for(
        lambda: OutgoingEmail.objects.filter(pk=email.pk, sent_at__isnull=False).exists(),
        what="the worker to deliver the reservation mail",
    )
    email.refresh_from_db()
    assert email.to == waiting.email and item.title in email.subject


def test_returns_that_reserve_for_people_who_borrow_elsewhere_at_the_same_moment():
    """A return mails the next in line (a row naming that person) while that person borrows another item:
    neither waits on the other in a circle."""
    items = [lent_item(licences=1) for _ in range(6)]
    borrowers = [UserFactory() for _ in items]
    loans = [lending.borrow(user=user, resource=item) for user, item in zip(borrowers, items, strict=True)]
    waiting = [UserFactory() for _ in items]
    for index, user in enumerate(waiting):
        lending.place_hold(user=user, resource=items[(index + 1) % len(items)])
    others = [lent_item(licences=1) for _ in items]
    calls = [
        lambda u=u, loan=loan: lending.return_loan(user=u, loan=loan) for u, loan in zip(borrowers, loans, strict=True)
    ]
    calls += [
        lambda u=u, item=item: lending.borrow(user=u, resource=item) for u, item in zip(waiting, others, strict=True)
    ]
    assert in_parallel(calls) == ["ok"] * len(calls)
    assert Hold.objects.filter(reserved_until__isnull=False).count() == len(items)
