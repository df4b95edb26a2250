"""Status transitions, scheduling, the beat task, reserved slugs and ordering, through the services and the task."""

from datetime import timedelta

import pytest
from django.utils import timezone

from exhibitions.errors import ExhibitionError
from exhibitions.models import Exhibition, Item, Section
from exhibitions.services import exhibitions as services
from exhibitions.tasks import publish_scheduled_exhibitions
from tests.exhibitions.factories import ExhibitionFactory, ItemFactory, SectionFactory

pytestmark = pytest.mark.django_db

S = Exhibition.Status


def draft(**kwargs):
    return ExhibitionFactory(status=S.DRAFT, publish_at=None, **kwargs)


def test_draft_is_published_with_its_time_stamped(staff, organizer):
    exhibition = draft(organizer=organizer)
    services.publish_exhibition(exhibition=exhibition, by_user=staff)
    exhibition.refresh_from_db()
    assert exhibition.status == S.PUBLISHED and exhibition.publish_at <= timezone.now()


def test_publishing_twice_and_scheduling_a_published_one_are_refused(exhibition):
    with pytest.raises(ExhibitionError) as refused:
        services.publish_exhibition(exhibition=exhibition)
    assert refused.value.code == "transition"
    with pytest.raises(ExhibitionError) as refused:
        services.schedule_exhibition(exhibition=exhibition, publish_at=timezone.now() + timedelta(days=1))
    assert refused.value.code == "transition"
    assert Exhibition.objects.get().status == S.PUBLISHED


def test_withdraw_goes_back_to_draft_and_a_draft_cannot_be_withdrawn(exhibition):
    services.withdraw_exhibition(exhibition=exhibition)
    assert Exhibition.objects.get().status == S.DRAFT
    with pytest.raises(ExhibitionError, match="draft already"):
        services.withdraw_exhibition(exhibition=Exhibition.objects.get())


def test_schedule_needs_a_future_time():
    exhibition = draft()
    with pytest.raises(ExhibitionError) as refused:
        services.schedule_exhibition(exhibition=exhibition, publish_at=timezone.now() - timedelta(minutes=1))
    assert refused.value.code == "invalid"
    assert Exhibition.objects.get().status == S.DRAFT


def test_beat_publishes_due_scheduled_exhibitions_once():
    due, later = draft(), draft()
    services.schedule_exhibition(exhibition=due, publish_at=timezone.now() + timedelta(minutes=5))
    services.schedule_exhibition(exhibition=later, publish_at=timezone.now() + timedelta(days=2))
    Exhibition.objects.filter(pk=due.pk).update(publish_at=timezone.now() - timedelta(minutes=1))

    publish_scheduled_exhibitions.delay()  # the beat task, run eagerly
    assert Exhibition.objects.get(pk=due.pk).status == S.PUBLISHED
    assert Exhibition.objects.get(pk=later.pk).status == S.SCHEDULED
    assert services.publish_due() == 0  # run again: nothing more
    assert services.publish_due(now=timezone.now() + timedelta(days=3)) == 1


def test_dropping_a_schedule_clears_its_time():
    exhibition = draft()
    services.schedule_exhibition(exhibition=exhibition, publish_at=timezone.now() + timedelta(days=1))
    services.change_status(exhibition=exhibition, status=S.DRAFT)
    exhibition.refresh_from_db()
    assert exhibition.status == S.DRAFT and exhibition.publish_at is None


def test_staff_of_another_organizer_are_refused(other_staff):
    exhibition = draft()
    with pytest.raises(ExhibitionError) as refused:
        services.publish_exhibition(exhibition=exhibition, by_user=other_staff)
    assert refused.value.code == "forbidden" and refused.value.http_status == 403


@pytest.mark.parametrize("slug", ["images", "iiif"])
def test_reserved_slugs_are_refused(organizer, slug):
    with pytest.raises(ExhibitionError, match="fixed part of the site's addresses"):
        services.save_exhibition(exhibition=Exhibition(organizer=organizer, slug=slug, title_en="X"))
    assert not Exhibition.objects.exists()


def test_closing_before_opening_is_refused(exhibition):
    exhibition.closes_on = exhibition.opens_on - timedelta(days=1)
    with pytest.raises(ExhibitionError, match="cannot close before it opens"):
        services.save_exhibition(exhibition=exhibition)


def test_sections_and_items_are_reordered_and_new_ones_go_last(exhibition):
    first, second = SectionFactory(exhibition=exhibition, position=0), SectionFactory(exhibition=exhibition, position=1)
    services.reorder_sections(exhibition=exhibition, section_ids=[second.pk, first.pk])
    assert list(Section.objects.filter(exhibition=exhibition).order_by("position")) == [second, first]
    new = services.save_section(section=Section(exhibition=exhibition, title_en="Last"))
    assert new.position == 2

    items = [ItemFactory(exhibition=exhibition) for _ in range(3)]
    services.reorder_items(exhibition=exhibition, item_ids=[items[2].pk, items[0].pk, items[1].pk])
    assert list(Item.objects.filter(exhibition=exhibition).order_by("position")) == [items[2], items[0], items[1]]
    with pytest.raises(ExhibitionError, match="once, in the new order"):
        services.reorder_items(exhibition=exhibition, item_ids=[items[0].pk])


def test_an_item_cannot_be_in_another_exhibitions_section(exhibition):
    elsewhere = SectionFactory()
    with pytest.raises(ExhibitionError, match="section must belong"):
        services.save_item(item=Item(exhibition=exhibition, section=elsewhere, title_en="X"))
