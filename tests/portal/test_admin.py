"""The staff admin: organizer staff manage their own organizer's things only; superusers manage all."""

import pytest
from django.contrib.auth.models import Group, Permission

from portal.models import Organizer, User, Venue
from portal.roles import MODERATOR, ORGANIZER_STAFF
from tests.factories import DistrictFactory, OrganizerFactory, UserFactory, VenueFactory, make_staff
from tests.utils import assert_permission_matrix, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    mine = OrganizerFactory(name_en="Riverside Center")
    other = OrganizerFactory(name_en="Hill Village Station")
    return {
        "mine": mine,
        "other": other,
        "my_venue": VenueFactory(organizer=mine, name_en="Riverside Theatre"),
        "other_venue": VenueFactory(organizer=other, name_en="Hill Reading Room"),
        "staff": make_staff(mine),
        "superuser": User.objects.create_superuser("root", "root@example.org", "root-password-1"),
    }


def venue_form(organizer, **overrides):
    data = {
        "organizer": organizer.pk,
        "name_zh_hans": "新场馆",
        "name_en": "New hall",
        "address_zh_hans": "",
        "address_en": "",
        "district": organizer.district_id,
        "capacity": "80",
        "accessibility_notes_zh_hans": "",
        "accessibility_notes_en": "",
        "opening_hours_zh_hans": "",
        "opening_hours_en": "",
    }
    data.update(overrides)
    return data


def test_admin_sends_visitors_to_the_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_admin_refuses_residents_who_are_not_staff(client):
    client.force_login(UserFactory())
    response = client.get("/admin/portal/venue/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_role_groups_exist_after_migrate_with_their_permissions():
    staff_group = Group.objects.get(name=ORGANIZER_STAFF)
    moderators = Group.objects.get(name=MODERATOR)
    staff_perms = set(staff_group.permissions.values_list("codename", flat=True))
    assert {"view_organizer", "change_organizer", "add_venue", "change_venue", "delete_venue"} <= staff_perms
    assert "add_organizer" not in staff_perms
    assert "delete_organizer" not in staff_perms
    assert "change_user" not in staff_perms
    assert "view_user" in set(moderators.permissions.values_list("codename", flat=True))


def test_staff_see_only_their_organizers_venues(world):
    response = client_for(world["staff"]).get("/admin/portal/venue/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Riverside Theatre" in html
    assert "Hill Reading Room" not in html
    assert list(response.context["cl"].queryset) == [world["my_venue"]]


def test_staff_see_only_their_organizers(world):
    response = client_for(world["staff"]).get("/admin/portal/organizer/")
    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == [world["mine"]]
    assert "Hill Village Station" not in response.content.decode()


def test_superuser_sees_everything(world):
    client = client_for(world["superuser"])
    venues = client.get("/admin/portal/venue/").content.decode()
    assert "Riverside Theatre" in venues
    assert "Hill Reading Room" in venues
    organizers = client.get("/admin/portal/organizer/")
    assert set(organizers.context["cl"].queryset) == {world["mine"], world["other"]}


def test_staff_cannot_open_or_change_another_organizers_venue(world):
    client = client_for(world["staff"])
    venue = world["other_venue"]
    for url in (f"/admin/portal/venue/{venue.pk}/change/", f"/admin/portal/venue/{venue.pk}/delete/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
    response = client.post(f"/admin/portal/venue/{venue.pk}/change/", venue_form(world["mine"], name_en="Taken over"))
    assert response.status_code == 302
    response = client.post(f"/admin/portal/venue/{venue.pk}/delete/", {"post": "yes"})
    venue.refresh_from_db()
    assert venue.name_en == "Hill Reading Room"
    assert venue.organizer == world["other"]


def test_staff_can_change_their_own_venue(world):
    client = client_for(world["staff"])
    venue = world["my_venue"]
    response = client.post(f"/admin/portal/venue/{venue.pk}/change/", venue_form(world["mine"], name_en="Renamed"))
    assert response.status_code == 302
    venue.refresh_from_db()
    assert venue.name_en == "Renamed"


def test_staff_can_add_a_venue_only_to_their_organizer(world):
    client = client_for(world["staff"])
    response = client.post("/admin/portal/venue/add/", venue_form(world["other"]))
    assert response.status_code == 200
    assert "organizer" in response.context["adminform"].form.errors
    assert not Venue.objects.filter(name_en="New hall").exists()

    response = client.post("/admin/portal/venue/add/", venue_form(world["mine"]))
    assert response.status_code == 302
    assert Venue.objects.get(name_en="New hall").organizer == world["mine"]


def test_staff_organizer_choices_are_their_own(world):
    response = client_for(world["staff"]).get("/admin/portal/venue/add/")
    assert list(response.context["adminform"].form.fields["organizer"].queryset) == [world["mine"]]


def test_staff_cannot_change_who_belongs_to_their_organizer(world):
    client = client_for(world["staff"])
    organizer = world["mine"]
    intruder = UserFactory()
    page = client.get(f"/admin/portal/organizer/{organizer.pk}/change/")
    assert page.status_code == 200
    assert 'name="staff"' not in page.content.decode()

    venue = world["my_venue"]
    response = client.post(
        f"/admin/portal/organizer/{organizer.pk}/change/",
        {
            "name_zh_hans": "河畔文化馆",
            "name_en": "Riverside Center (new)",
            "description_zh_hans": "",
            "description_en": "",
            "email": "",
            "phone": "",
            "staff": [intruder.pk],
            "slug": "stolen",
            "district": DistrictFactory().pk,
            "venues-TOTAL_FORMS": "1",
            "venues-INITIAL_FORMS": "1",
            "venues-MIN_NUM_FORMS": "0",
            "venues-MAX_NUM_FORMS": "1000",
            "venues-0-id": venue.pk,
            "venues-0-organizer": organizer.pk,
            "venues-0-name": venue.name,
            "venues-0-district": venue.district_id,
            "venues-0-capacity": "120",
        },
    )
    assert response.status_code == 302
    organizer.refresh_from_db()
    assert organizer.name_en == "Riverside Center (new)"
    assert list(organizer.staff.all()) == [world["staff"]]
    assert organizer.slug != "stolen"


def test_staff_cannot_add_organizers(world):
    assert client_for(world["staff"]).get("/admin/portal/organizer/add/").status_code == 403
    assert client_for(world["superuser"]).get("/admin/portal/organizer/add/").status_code == 200


def test_organizer_autocomplete_offers_staff_only_their_organizers(world):
    url = "/admin/autocomplete/?app_label=portal&model_name=venue&field_name=organizer&term="
    response = client_for(world["staff"]).get(url)
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [str(world["mine"].pk)]

    response = client_for(world["superuser"]).get(url)
    assert {item["id"] for item in response.json()["results"]} == {str(world["mine"].pk), str(world["other"].pk)}

    assert client_for(UserFactory()).get(url).status_code == 302


def test_a_user_manager_cannot_make_themselves_superuser(client):
    manager = UserFactory(username="manager", is_staff=True)
    manager.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="portal", codename__in=["view_user", "change_user"])
    )
    group = Group.objects.get(name=ORGANIZER_STAFF)
    client.force_login(manager)
    response = client.post(
        f"/admin/portal/user/{manager.pk}/change/",
        {
            "username": "manager",
            "email": manager.email,
            "first_name": "Mia",
            "last_name": "",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "groups": [group.pk],
            "user_permissions": list(Permission.objects.values_list("pk", flat=True)[:5]),
        },
    )
    assert response.status_code == 302
    manager.refresh_from_db()
    assert manager.first_name == "Mia"
    assert manager.is_superuser is False
    assert not manager.groups.exists()
    assert manager.user_permissions.count() == 2


def test_superuser_can_grant_powers(world):
    resident = UserFactory(username="promoted")
    response = client_for(world["superuser"]).post(
        f"/admin/portal/user/{resident.pk}/change/",
        {
            "username": "promoted",
            "email": resident.email,
            "first_name": "",
            "last_name": "",
            "is_active": "on",
            "is_staff": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "1",
            "profile-MIN_NUM_FORMS": "0",
            "profile-MAX_NUM_FORMS": "1",
            "profile-0-id": resident.profile.pk,
            "profile-0-user": resident.pk,
            "profile-0-preferred_languages": "[]",
            "profile-0-interests": "[]",
            "profile-0-notification_frequency": "immediately",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    resident.refresh_from_db()
    assert resident.is_staff is True


def test_admin_add_user_creates_a_profile_and_lowercases_email(world):
    response = client_for(world["superuser"]).post(
        "/admin/portal/user/add/",
        {
            "username": "newbie",
            "email": "Newbie@Example.ORG",
            "password1": "lantern-river-festival-42",
            "password2": "lantern-river-festival-42",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="newbie")
    assert user.email == "newbie@example.org"
    assert user.profile.pk is not None


def test_permission_matrix(world):
    citizen, other_citizen = UserFactory(), UserFactory()
    users = {
        "anonymous": None,
        "citizen": citizen,
        "other_citizen": other_citizen,
        "organizer_staff": world["staff"],
        "superuser": world["superuser"],
    }
    my_venue, other_venue = world["my_venue"].pk, world["other_venue"].pk
    public = dict.fromkeys(users, 200)
    admin_only = {"anonymous": 302, "citizen": 302, "other_citizen": 302}
    assert_permission_matrix(
        users,
        {
            "/": public,
            "/about/": public,
            "/api/docs/": public,
            "/me/": {**dict.fromkeys(users, 200), "anonymous": 302},
            "/admin/": {**admin_only, "organizer_staff": 200, "superuser": 200},
            "/admin/portal/venue/": {**admin_only, "organizer_staff": 200, "superuser": 200},
            "/admin/portal/venue/add/": {**admin_only, "organizer_staff": 200, "superuser": 200},
            f"/admin/portal/venue/{my_venue}/change/": {**admin_only, "organizer_staff": 200, "superuser": 200},
            f"/admin/portal/venue/{other_venue}/change/": {**admin_only, "organizer_staff": 302, "superuser": 200},
            "/admin/portal/organizer/add/": {**admin_only, "organizer_staff": 403, "superuser": 200},
            "/admin/portal/user/": {**admin_only, "organizer_staff": 403, "superuser": 200},
            "/admin/portal/outgoingemail/": {**admin_only, "organizer_staff": 403, "superuser": 200},
        },
    )
    assert Organizer.objects.count() == 2


def test_a_user_manager_cannot_take_over_a_superuser(client, world):
    manager = UserFactory(is_staff=True)
    manager.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="portal", codename__in=["view_user", "change_user", "delete_user"]
        )
    )
    superuser = world["superuser"]
    client.force_login(manager)
    assert client.get(f"/admin/portal/user/{superuser.pk}/password/").status_code == 403
    response = client.post(
        f"/admin/portal/user/{superuser.pk}/password/",
        {"password1": "taken-over-password-1", "password2": "taken-over-password-1", "usable_password": "true"},
    )
    assert response.status_code == 403
    response = client.post(
        f"/admin/portal/user/{superuser.pk}/change/",
        {"username": "root", "email": "attacker@example.org", "is_active": "on"},
    )
    assert response.status_code == 403
    assert client.post(f"/admin/portal/user/{superuser.pk}/delete/", {"post": "yes"}).status_code == 403
    superuser.refresh_from_db()
    assert superuser.check_password("root-password-1")
    assert superuser.email == "root@example.org"

    # Ordinary residents remain theirs to help.
    resident = UserFactory()
    assert client.get(f"/admin/portal/user/{resident.pk}/password/").status_code == 200
