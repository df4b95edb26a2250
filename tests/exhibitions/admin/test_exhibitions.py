"""The exhibitions admin as curators use it: scoping, filters, preview links, status changes through the
services, scheduling, and bulk image upload on an item."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from exhibitions.models import Exhibition, ItemImage
from tests.exhibitions.factories import ExhibitionFactory, ItemFactory, SectionFactory, jpeg
from tests.factories import UserFactory
from tests.utils import assert_permission_matrix, client_for, html

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/exhibitions/exhibition/"


def change_data(exhibition, **changes):
    data = {
        "organizer": exhibition.organizer_id,
        "title_zh_hans": exhibition.title_zh_hans,
        "title_en": exhibition.title_en,
        "slug": exhibition.slug,
        "introduction_zh_hans": "",
        "introduction_en": "",
        "curator_zh_hans": "",
        "curator_en": "",
        "category": exhibition.category,
        "status": exhibition.status,
        "publish_at_0": "",
        "publish_at_1": "",
        "opens_on": exhibition.opens_on.isoformat() if exhibition.opens_on else "",
        "closes_on": exhibition.closes_on.isoformat() if exhibition.closes_on else "",
    }
    for prefix in ("sections", "items"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    data.update(changes)
    return data


def test_admin_permission_matrix(organizer, staff, other_staff, resident, exhibition):
    item = ItemFactory(exhibition=exhibition)
    users = {
        "anonymous": None,
        "citizen": resident,
        "other_staff": other_staff,
        "organizer_staff": staff,
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }
    own = {"anonymous": 302, "citizen": 302, "other_staff": 302, "organizer_staff": 200, "superuser": 200}
    assert_permission_matrix(
        users,
        {
            CHANGELIST: {**own, "other_staff": 200},
            f"{CHANGELIST}{exhibition.pk}/change/": own,
            f"/admin/exhibitions/item/{item.pk}/change/": own,
            f"{CHANGELIST}add/": {**own, "other_staff": 200},
        },
    )


def test_lists_and_filters_show_only_the_organizers_own(staff, exhibition):
    other = ExhibitionFactory(title_en="Somebody else's")
    ItemFactory(exhibition=exhibition, title_en="Ours")
    ItemFactory(exhibition=other, title_en="Theirs")
    client = client_for(staff)
    exhibitions = html(client.get(CHANGELIST))
    assert exhibition.title_en in exhibitions and other.title_en not in exhibitions
    assert other.organizer.name_en not in exhibitions  # not even in the organizer filter
    items = html(client.get("/admin/exhibitions/item/"))
    assert "Ours" in items and "Theirs" not in items and other.title_en not in items


def test_preview_link_for_a_draft(staff, organizer):
    draft = ExhibitionFactory(organizer=organizer, status="draft", publish_at=None)
    page = html(client_for(staff).get(CHANGELIST))
    assert f'<a href="{draft.get_absolute_url()}">Preview</a>' in page
    assert client_for(staff).get(draft.get_absolute_url()).status_code == 200


def test_saving_goes_through_the_services_and_refuses_bad_transitions(staff, exhibition):
    client = client_for(staff)
    url = f"{CHANGELIST}{exhibition.pk}/change/"
    response = client.post(url, change_data(exhibition, status="scheduled"))
    assert "cannot become scheduled" in html(response)
    assert Exhibition.objects.get().status == "published"
    response = client.post(url, change_data(exhibition, slug="images"))
    assert "is a fixed part of the site" in html(response)
    response = client.post(url, change_data(exhibition, status="draft"))
    assert response.status_code == 302 and Exhibition.objects.get().status == "draft"


def test_schedule_and_publish_actions(staff, organizer):
    draft = ExhibitionFactory(organizer=organizer, status="draft", publish_at=None)
    client = client_for(staff)
    when = timezone.localtime() + timedelta(days=3)
    client.post(
        CHANGELIST,
        {
            "action": "schedule",
            "_selected_action": [draft.pk],
            "apply": "1",
            "publish_at_0": when.date().isoformat(),
            "publish_at_1": when.strftime("%H:%M"),
        },
    )
    draft.refresh_from_db()
    assert draft.status == "scheduled" and draft.publish_at > timezone.now()
    client.post(CHANGELIST, {"action": "publish", "_selected_action": [draft.pk]})
    assert Exhibition.objects.get(pk=draft.pk).status == "published"


def test_sections_and_items_inlines_are_in_order(staff, exhibition):
    SectionFactory(exhibition=exhibition, position=2, title_en="Second")
    SectionFactory(exhibition=exhibition, position=1, title_en="First")
    page = html(client_for(staff).get(f"{CHANGELIST}{exhibition.pk}/change/"))
    assert page.index('value="First"') < page.index('value="Second"')


def test_bulk_image_upload_creates_one_image_each(staff, exhibition, monkeypatch):
    from exhibitions.services import exhibitions as services

    scheduled = []
    monkeypatch.setattr(services, "schedule_processing", scheduled.append)
    item = ItemFactory(exhibition=exhibition)
    client = client_for(staff)
    url = f"/admin/exhibitions/item/{item.pk}/change/"
    data = {
        "exhibition": exhibition.pk,
        "position": 0,
        "kind": "artwork",
        "category": item.category,
        "title_zh_hans": item.title_zh_hans,
        "title_en": item.title_en,
        "rights_statement": item.rights_statement,
        "images-TOTAL_FORMS": 0,
        "images-INITIAL_FORMS": 0,
        "new_images": [SimpleUploadedFile(f"{n}.jpg", jpeg(), content_type="image/jpeg") for n in range(3)],
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    images = ItemImage.objects.filter(item=item).order_by("position")
    assert [image.position for image in images] == [0, 1, 2]
    assert all(image.status == "pending" and not image.original.name.startswith("public/") for image in images)
    assert scheduled == list(images)
