"""District rounds (issue 7, item 11): a change of district counts for rounds that open after it, and a round
may ask for a district confirmed by staff (at the desk, or from a census list uploaded with a per-row report)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from events.models import Vote, VotingRound
from portal.models import AssistedAction
from tests.factories import (
    DistrictFactory,
    OpenProposalFactory,
    OrganizerFactory,
    UserFactory,
    VenueFactory,
    VotingRoundFactory,
    make_staff,
    make_walk_in,
    resident_of,
)
from tests.utils import client_for

pytestmark = pytest.mark.django_db


def profile_data(district):
    return {
        "display_name": "Anna",
        "district": district.pk if district else "",
        "notification_frequency": "immediately",
    }


def vote(client, proposal):
    return client.post(f"/api/proposals/{proposal.pk}/vote/").status_code


def district_proposal(district, **round_fields):
    return OpenProposalFactory(district=district, round=VotingRoundFactory(district=district, **round_fields))


def test_switching_district_during_open_rounds_gives_no_vote_in_another_district():
    wuchang, qingshan = DistrictFactory(code="wuchang"), DistrictFactory(code="qingshan")
    resident = resident_of(wuchang)
    wuchang_first, wuchang_second = district_proposal(wuchang), district_proposal(wuchang)
    qingshan_proposal = district_proposal(qingshan)
    client = client_for(resident)
    assert vote(client, wuchang_first) == 201
    assert client.post("/me/", profile_data(qingshan)).status_code == 302  # set Qingshan on /me/ …
    assert vote(client, qingshan_proposal) == 403  # … its round opened before the change
    client.post("/me/", profile_data(wuchang))  # … and back: the change counts against Wuchang's open round too
    assert vote(client, wuchang_second) == 403
    assert Vote.objects.filter(user=resident).count() == 1  # the vote cast before the change stays
    # A round that opens after the change counts the new district.
    later = OpenProposalFactory(district=wuchang, round=VotingRoundFactory(district=wuchang, starts=timezone.now()))
    assert vote(client, later) == 201


def test_choosing_a_district_for_the_first_time_is_no_change():
    qingshan = DistrictFactory()
    resident = UserFactory()
    client = client_for(resident)
    client.post("/me/", profile_data(qingshan))
    resident.profile.refresh_from_db()
    assert resident.profile.district == qingshan and resident.profile.district_changed_at is None
    assert vote(client, district_proposal(qingshan)) == 201


def test_a_round_requiring_a_confirmed_district_takes_votes_only_after_staff_confirm_it():
    qingshan = DistrictFactory()
    organizer = OrganizerFactory(district=qingshan)
    staff = make_staff(organizer)
    resident = resident_of(qingshan)
    proposal = district_proposal(qingshan, requires_verified_district=True)
    client = client_for(resident)
    response = client.post(f"/api/proposals/{proposal.pk}/vote/")
    assert response.status_code == 403 and response.json()["code"] == "district_unverified"
    desk = client_for(staff)
    assert "Confirm the district" in desk.get(f"/desk/residents/{resident.pk}/").content.decode()
    assert desk.post(f"/desk/residents/{resident.pk}/district/", {"district": qingshan.pk}).status_code == 302
    resident.profile.refresh_from_db()
    profile = resident.profile
    assert profile.district_verified and profile.district_verified_by == staff
    assert profile.district_verified_organizer == organizer and profile.district_verified_at
    assert AssistedAction.objects.filter(kind="district", resident=resident, staff=staff).exists()
    assert "confirmed by staff on" in desk.get(f"/desk/residents/{resident.pk}/").content.decode()
    assert "Staff confirmed that you live in" in client.get("/me/").content.decode()
    assert vote(client, proposal) == 201
    # Changing the district yourself drops the confirmation, and coming back does not restore it.
    client.post("/me/", profile_data(DistrictFactory()))
    client.post("/me/", profile_data(qingshan))
    resident.profile.refresh_from_db()
    assert not resident.profile.district_verified and resident.profile.verified_district is None


def test_staff_confirm_only_districts_their_organizers_serve_and_never_move_a_resident():
    qingshan, venue_district, elsewhere = DistrictFactory(), DistrictFactory(), DistrictFactory()
    organizer = OrganizerFactory(district=qingshan)
    VenueFactory(organizer=organizer, district=venue_district)
    staff = make_staff(organizer)
    walk_in = make_walk_in(organizer=organizer)  # no district yet: ours to serve
    desk = client_for(staff)
    page = desk.get(f"/desk/residents/{walk_in.pk}/").content.decode()
    assert qingshan.name in page and venue_district.name in page and elsewhere.name not in page
    desk.post(f"/desk/residents/{walk_in.pk}/district/", {"district": elsewhere.pk})
    walk_in.profile.refresh_from_db()
    assert walk_in.profile.verified_district is None and walk_in.profile.district is None
    desk.post(f"/desk/residents/{walk_in.pk}/district/", {"district": venue_district.pk})
    walk_in.profile.refresh_from_db()
    assert walk_in.profile.district == venue_district and walk_in.profile.district_verified
    response = desk.post(f"/desk/residents/{walk_in.pk}/district/", {"district": qingshan.pk})
    assert "they change it themselves first" in response.content.decode()
    walk_in.profile.refresh_from_db()
    assert walk_in.profile.district == venue_district


def test_only_a_district_round_asks_for_confirmed_districts():
    with pytest.raises(ValidationError) as info:
        VotingRound(
            title="City",
            starts=timezone.now(),
            ends=timezone.now() + timedelta(days=1),
            requires_verified_district=True,
        ).clean()
    assert "requires_verified_district" in info.value.message_dict


# --- the census list -----------------------------------------------------------------------------------------------


def upload(client, content, name="census.csv"):
    return client.post("/desk/districts/", {"file": SimpleUploadedFile(name, content, content_type="text/csv")})


def test_a_census_list_is_matched_exactly_with_a_report_for_every_row():
    qingshan = DistrictFactory(code="qingshan")
    DistrictFactory(code="wuchang")
    organizer = OrganizerFactory(district=qingshan)
    staff = make_staff(organizer)
    by_name = UserFactory(username="li-ming")
    by_phone = make_walk_in()
    by_phone.profile.phone = "13912341234"
    by_phone.profile.save()
    twins = [make_walk_in(), make_walk_in()]
    for twin in twins:
        twin.profile.phone = "13700007777"
        twin.profile.save()
    moved = resident_of(DistrictFactory(code="hanyang"), username="moved-away")
    rows = [
        "username or phone,district",
        "li-ming,qingshan",
        "139 1234 1234,qingshan",
        "1234,qingshan",
        "Li-Ming,qingshan",
        "13700007777,qingshan",
        "li-ming,nowhere",
        "li-ming,wuchang",
        "moved-away,qingshan",
        "li-ming",
        "",
    ]
    content = ("\ufeff" + "\r\n".join(rows)).encode("utf-8")  # with a byte-order mark, as spreadsheets save it
    response = upload(client_for(staff), content)
    assert response.status_code == 200
    page = response.content.decode()
    report = response.context["report"]
    assert [row["outcome"] for row in report] == [
        "verified",
        "verified",
        "not_found",  # never a part of a number
        "not_found",  # usernames are matched exactly
        "ambiguous",
        "unknown_district",
        "not_your_district",
        "other_district",
        "invalid",
    ]
    assert [row["line"] for row in report] == list(range(2, 11))
    for text in ("Confirmed.", "No resident has this username", "More than one resident matches", "No district has"):
        assert text in page
    assert "2 residents confirmed" in page
    for user in (by_name, by_phone):
        user.profile.refresh_from_db()
        assert user.profile.district == qingshan and user.profile.district_verified
    for user in (*twins, moved):
        user.profile.refresh_from_db()
        assert not user.profile.district_verified
    # Without a byte-order mark too.
    again = upload(client_for(staff), b"li-ming,qingshan\n")
    assert [row["outcome"] for row in again.context["report"]] == ["verified"]


def test_a_census_list_that_is_not_utf8_or_too_big_is_refused_with_a_clear_message():
    staff = make_staff(OrganizerFactory())
    client = client_for(staff)
    page = upload(client, "李明,qingshan\n".encode("gb18030")).content.decode()
    assert "The file is not UTF-8 text." in page
    page = upload(client, b"a,b\n" * (200 * 1024)).content.decode()
    assert "The file is larger than 512 KB." in page
    page = upload(client, b"\x00\x01", name="census.xlsx").content.decode()
    assert "File extension" in page
    assert client_for(UserFactory()).get("/desk/districts/").status_code == 403
