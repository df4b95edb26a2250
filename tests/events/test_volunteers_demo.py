"""The demo's volunteers, walk-in resident and digest items: built through the services, safe to rerun."""

import io

import pytest
from django.core.management import call_command

from events.models import Registration, VolunteerRole, VolunteerSignup, Vote
from portal.models import DigestItem, User

pytestmark = pytest.mark.django_db


def seed_demo():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def figures():
    return (
        VolunteerRole.objects.count(),
        VolunteerSignup.objects.count(),
        Registration.objects.filter(assisted=True).count(),
        Vote.objects.filter(assisted=True).count(),
        DigestItem.objects.filter(sent_at__isnull=True).count(),
    )


def test_demo_volunteers_desk_and_digests(demo):
    assert "volunteers:" in demo.output
    roles, signups, _assisted, _votes, _items = figures()
    assert roles == 5 and signups >= 8
    for role in VolunteerRole.objects.all():
        assert role.signups.count() <= role.slots and role.name_zh_hans and role.name_en
    granny = User.objects.get(username="walkin-granny-zhou")
    assert granny.email is None and not granny.has_usable_password()
    assert granny.profile.district.code == "qingshan-township"
    registration = Registration.objects.get(user=granny)
    assert (
        registration.assisted
        and registration.consent_noted
        and registration.registered_by.username.startswith("staff-")
    )
    vote = Vote.objects.get(user=granny)
    assert vote.assisted and vote.consent_noted and vote.proposal.round.district.code == "qingshan-township"
    waiting = DigestItem.objects.filter(user__username="farmer-zhao", sent_at__isnull=True)
    assert waiting.count() == 3 and {item.message for item in waiting} == {"events.proposal_status"}

    before = figures()
    seed_demo()
    assert figures() == before
