import io
import sys
import types
from importlib.machinery import ModuleSpec

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core.management import call_command

from portal import demo as portal_demo
from portal import tasks
from portal.management.commands.seed_demo import demo_modules
from portal.models import District, Organizer, Profile, User, Venue
from portal.roles import MODERATOR, ORGANIZER_STAFF

pytestmark = pytest.mark.django_db

MODELS = [District, Organizer, Venue, User, Profile, EmailAddress]


def seed_demo(*args):
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_builds_a_bilingual_city_with_urban_and_rural_districts(demo):
    districts = District.objects.all()
    assert districts.count() >= 8
    assert {district.kind for district in districts} == {District.Kind.URBAN, District.Kind.RURAL}
    for district in districts:
        assert district.name_zh_hans and district.name_en and district.population > 0
        assert district.organizers.exists(), district.code
        assert district.venues.exists(), district.code
    assert len({organizer.kind for organizer in Organizer.objects.all()}) == len(Organizer.Kind)
    for organizer in Organizer.objects.all():
        assert organizer.name_zh_hans and organizer.name_en
        assert organizer.description_zh_hans and organizer.description_en
        assert organizer.venues.exists(), organizer.slug
    for venue in Venue.objects.all():
        assert venue.name_zh_hans and venue.name_en and venue.address_zh_hans and venue.address_en
        assert venue.opening_hours_zh_hans and venue.opening_hours_en
        assert venue.accessibility_notes_zh_hans and venue.accessibility_notes_en
    assert Venue.objects.filter(step_free_access=False).exists()
    assert Venue.objects.filter(hearing_loop=True).exists()


def test_every_venue_has_a_photo_and_a_thumbnail_without_a_worker(demo, monkeypatch):
    # Under production variables no worker may be running yet: the command makes thumbnails itself
    # and queues no thumbnail task at all, neither while it runs nor once it commits.
    assert tasks.make_venue_thumbnail.name not in demo.queued_tasks
    queued = []
    monkeypatch.setattr(tasks.make_venue_thumbnail, "delay", lambda *args: queued.append(args))
    for callback in demo.on_commit:
        callback()
    assert queued == []

    for venue in Venue.objects.all():
        assert venue.photo.name.startswith("public/venues/")
        assert venue.photo.storage.exists(venue.photo.name)
        assert venue.photo_thumbnail.storage.exists(venue.photo_thumbnail.name)
        assert venue.photo.width == 1200 and venue.photo_thumbnail.width == 640


def test_staff_moderator_and_residents(demo):
    staff_group = Group.objects.get(name=ORGANIZER_STAFF)
    for organizer in Organizer.objects.all():
        staff = User.objects.get(username=f"staff-{organizer.slug}")
        assert staff.is_staff and not staff.is_superuser
        assert staff_group in staff.groups.all()
        assert list(staff.organizers.all()) == [organizer]
    assert User.objects.get(username="admin").is_superuser
    moderator = User.objects.get(username="moderator")
    assert moderator.is_staff and moderator.groups.filter(name=MODERATOR).exists()

    residents = Profile.objects.filter(user__username__in=["resident", "grandma-li", "student-wang", "farmer-zhao"])
    assert residents.count() == 4
    assert len({profile.district_id for profile in residents}) == 4
    assert len({profile.age_band for profile in residents}) >= 3
    for profile in residents:
        assert profile.interests and set(profile.interests) <= set(portal_demo.Category.values)
        assert profile.preferred_languages
    simulated = Profile.objects.filter(user__username__startswith="sim-resident-")
    assert simulated.count() == portal_demo.SIM_RESIDENTS
    assert simulated.values("district").distinct().count() >= 5

    # Walk-in residents registered at a desk have no email and no password by design (events.demo).
    assert User.objects.get(username="walkin-granny-zhou").email is None
    for user in User.objects.exclude(username__startswith="walkin-"):
        address = EmailAddress.objects.get(user=user)
        assert address.verified and address.primary
        assert address.email == user.email and user.email.endswith("@example.org")


def test_running_twice_changes_nothing(demo):
    first = counts()
    photos = dict(Venue.objects.values_list("pk", "photo"))

    seed_demo()

    assert counts() == first
    assert dict(Venue.objects.values_list("pk", "photo")) == photos  # not regenerated


def test_demo_password_outside_production_and_table_printed(demo):
    # The shared demo is seeded outside production (tests.demo_seed).
    assert authenticate(username="admin", password=portal_demo.DEMO_PASSWORD) is not None
    assert authenticate(username="sim-resident-07", password=portal_demo.DEMO_PASSWORD) is not None
    assert "staff-city-cultural-center" in demo.output and portal_demo.DEMO_PASSWORD in demo.output


def test_production_without_flag_leaves_no_known_password(settings):
    settings.PRODUCTION = True
    output = seed_demo()

    assert User.objects.count() > 40
    assert not any(user.has_usable_password() for user in User.objects.all())
    assert portal_demo.DEMO_PASSWORD not in output


def test_production_with_flag_gives_demo_passwords(demo, settings):
    settings.PRODUCTION = True
    seed_demo("--demo-passwords")

    # Walk-in residents never sign in: they are served at a desk and keep no password.
    assert all(user.has_usable_password() for user in User.objects.exclude(username__startswith="walkin-"))
    assert not User.objects.get(username="walkin-granny-zhou").has_usable_password()
    assert authenticate(username="resident", password=portal_demo.DEMO_PASSWORD) is not None


def test_production_rerun_removes_demo_passwords_but_keeps_chosen_ones(demo, settings):
    # The shared demo was seeded outside production, with demo passwords.
    admin = User.objects.get(username="admin")
    admin.set_password("a-real-secret-2026")
    admin.save()

    settings.PRODUCTION = True
    seed_demo()

    assert authenticate(username="admin", password="a-real-secret-2026") is not None
    assert not User.objects.get(username="resident").has_usable_password()


def test_discovery_runs_portal_first_then_other_apps_each_in_its_own_transaction(monkeypatch):
    calls = []

    def seed(context):
        # Portal's part is already there: domain apps build on it.
        calls.append((District.objects.count(), context.demo_passwords, context.random.random()))
        District.objects.create(code="half-built", name_en="Half built")
        raise RuntimeError("events demo failed")

    fake = types.ModuleType("events.demo")
    fake.__spec__ = ModuleSpec("events.demo", None)
    fake.seed = seed
    monkeypatch.setitem(sys.modules, "events.demo", fake)

    labels = [app_config.label for app_config, _ in demo_modules()]
    assert labels.index("portal") < labels.index("events")

    with pytest.raises(RuntimeError):
        seed_demo()

    assert len(calls) == 1 and calls[0][0] >= 8
    assert not District.objects.filter(code="half-built").exists()  # the failing app's part rolled back
    assert District.objects.filter(code="dongcheng").exists()  # the portal's part stays
