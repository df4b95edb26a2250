import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from portal.models import District, Organizer, User, Venue
from portal.roles import ORGANIZER_STAFF

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"resident{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        """Residents have a confirmed address unless a test asks for `verified=False`."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"district-{n}")
    name_en = factory.Sequence(lambda n: f"District {n}")
    name_zh_hans = factory.Sequence(lambda n: f"第{n}区")
    kind = District.Kind.URBAN
    population = 100_000


class OrganizerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organizer

    slug = factory.Sequence(lambda n: f"organizer-{n}")
    name_en = factory.Sequence(lambda n: f"Cultural Center {n}")
    name_zh_hans = factory.Sequence(lambda n: f"文化馆{n}")
    district = factory.SubFactory(DistrictFactory)


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    organizer = factory.SubFactory(OrganizerFactory)
    district = factory.SelfAttribute("organizer.district")
    name_en = factory.Sequence(lambda n: f"Hall {n}")
    name_zh_hans = factory.Sequence(lambda n: f"演出厅{n}")
    capacity = 120


def make_staff(organizer, **kwargs):
    """A staff member of `organizer`, in the organizer staff group, able to use the admin."""
    from portal.roles import ensure_roles

    ensure_roles()
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=ORGANIZER_STAFF))
    organizer.staff.add(user)
    return user


# --- events ---------------------------------------------------------------------------------------


def in_days(days, hour=19, hours=0):
    """A local time `days` from now at `hour` o'clock (plus `hours`), as events are scheduled."""
    from datetime import timedelta

    from django.utils import timezone

    start = timezone.localtime() + timedelta(days=days)
    return start.replace(hour=hour, minute=0, second=0, microsecond=0) + timedelta(hours=hours)


def _two_hours():
    from datetime import timedelta

    return timedelta(hours=2)


class EventFactory(factory.django.DjangoModelFactory):
    """A published event next week with 10 seats and a waiting list, at a venue of its organizer."""

    class Meta:
        model = "events.Event"

    organizer = factory.SubFactory(OrganizerFactory)
    venue = factory.SubFactory(VenueFactory, organizer=factory.SelfAttribute("..organizer"))
    title_en = factory.Sequence(lambda n: f"Event {n}")
    title_zh_hans = factory.Sequence(lambda n: f"活动{n}")
    summary_en = "An evening of music."
    summary_zh_hans = "音乐之夜。"
    start = factory.LazyFunction(lambda: in_days(7))
    end = factory.LazyAttribute(lambda e: e.start + _two_hours())
    status = "published"
    capacity = 10
    waitlist_enabled = True


def at_the_door(**kwargs):
    """A published event starting within the hour: registration still open, check-in already open."""
    from datetime import timedelta

    from django.utils import timezone

    start = timezone.now() + timedelta(minutes=45)
    return EventFactory(start=start, end=start + _two_hours(), **kwargs)


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration made directly (no rules, no email): for tests that set up a state."""

    class Meta:
        model = "events.Registration"

    user = factory.SubFactory(UserFactory)
    event = factory.SubFactory(EventFactory)
    party_size = 1
    status = "confirmed"


# --- participation: proposals, voting rounds, comments ----------------------------------------------


def make_moderator(**kwargs):
    """A member of the Moderator group, able to use the admin."""
    from portal.roles import MODERATOR, ensure_roles

    ensure_roles()
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=MODERATOR))
    return user


def _hours(hours):
    from datetime import timedelta

    return timedelta(hours=hours)


class VotingRoundFactory(factory.django.DjangoModelFactory):
    """A city-wide round that opened yesterday and runs for a week, without limit, counts shown."""

    class Meta:
        model = "events.VotingRound"

    title_en = factory.Sequence(lambda n: f"Round {n}")
    title_zh_hans = factory.Sequence(lambda n: f"第{n}轮投票")
    starts = factory.LazyFunction(lambda: in_days(-1, hour=9))
    ends = factory.LazyAttribute(lambda r: r.starts + _hours(24 * 8))


class ProposalFactory(factory.django.DjangoModelFactory):
    """A submitted proposal, written in English, by a verified resident."""

    class Meta:
        model = "events.Proposal"

    proposer = factory.SubFactory(UserFactory)
    title_en = factory.Sequence(lambda n: f"Proposal {n}")
    title_zh_hans = ""
    description_en = "<p>Let us do this together.</p>"
    language = "en"
    category = "workshop"
    for_adults = True
    expected_participants = 20
    status = "submitted"


class OpenProposalFactory(ProposalFactory):
    """A proposal open for voting in a round that is open now."""

    status = "open_for_voting"
    round = factory.SubFactory(VotingRoundFactory)


class ProposalCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.ProposalComment"

    proposal = factory.SubFactory(ProposalFactory)
    author = factory.SubFactory(UserFactory)
    body = "What a good idea."


# --- volunteers and the desk --------------------------------------------------------------------------


class VolunteerRoleFactory(factory.django.DjangoModelFactory):
    """A role with 2 slots at a published event next week."""

    class Meta:
        model = "events.VolunteerRole"

    event = factory.SubFactory(EventFactory)
    name_en = factory.Sequence(lambda n: f"Usher {n}")
    name_zh_hans = factory.Sequence(lambda n: f"引导员{n}")
    description_en = "Show people to their seats."
    slots = 2


def resident_of(district, **kwargs):
    """A resident (UserFactory) whose profile names `district`: staff of organizers serving it serve them."""
    user = UserFactory(**kwargs)
    user.profile.district = district
    user.profile.save()
    return user


def make_walk_in(organizer=None, district=None, **kwargs):
    """A resident registered at a desk: no email, no usable password, no confirmed address.

    `organizer`: registered at that organizer's desk (its staff may serve them); `district`: their district.
    """
    user = UserFactory(email=None, verified=False, **kwargs)
    user.set_unusable_password()
    user.save()
    if organizer is not None or district is not None:
        user.profile.created_by_organizer = organizer
        user.profile.district = district
        user.profile.save()
    return user


# --- evaluations ------------------------------------------------------------------------------------------


def past_event(days_ago=2, **kwargs):
    """A published event that ended `days_ago` days ago (within the default evaluation window)."""
    start = in_days(-days_ago, hour=14)
    return EventFactory(start=start, end=start + _two_hours(), **kwargs)


def attendee_of(event, user=None, checked_in=True):
    """A resident with a confirmed registration for `event`, checked in unless `checked_in=False`."""
    from django.utils import timezone

    registration = RegistrationFactory(event=event, user=user or UserFactory())
    if checked_in:
        registration.checked_in_at = timezone.now()
        registration.save(update_fields=["checked_in_at"])
    return registration.user


class EvaluationFactory(factory.django.DjangoModelFactory):
    """An evaluation written directly (no rules): for tests that set up a state; ratings 4, 4, 3, 5."""

    class Meta:
        model = "events.Evaluation"

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    content = 4
    organisation = 4
    venue = 3
    recommend = 5
