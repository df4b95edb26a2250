"""/exhibitions/images/<id>/original/: the original only where the rights allow full download, to whom may see it."""

import pytest

from exhibitions.models import Exhibition
from tests.exhibitions.images_helpers import exhibition, item, item_image, jpeg_bytes
from tests.factories import OrganizerFactory, UserFactory, make_staff
from tests.utils import assert_permission_matrix, client_for

pytestmark = pytest.mark.django_db


def url(image):
    return f"/exhibitions/images/{image.pk}/original/"


def image_of(show, *, allow):
    return item_image(jpeg_bytes(400, 300), item_=item(exhibition_=show, allow_full_download=allow))


def test_who_may_download_an_original():
    organizer = OrganizerFactory()
    users = {
        "anonymous": None,
        "resident": UserFactory(),
        "staff": make_staff(organizer),
        "other_staff": make_staff(OrganizerFactory()),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }
    published = exhibition(organizer=organizer)
    draft = exhibition(organizer=organizer, status=Exhibition.Status.DRAFT)
    scheduled = exhibition(organizer=organizer, status=Exhibition.Status.SCHEDULED)
    everyone = dict.fromkeys(users)

    def row(anonymous, resident, staff, other_staff, superuser):
        return dict(zip(everyone, (anonymous, resident, staff, other_staff, superuser), strict=True))

    assert_permission_matrix(
        users,
        {
            url(image_of(published, allow=True)): row(200, 200, 200, 200, 200),
            url(image_of(published, allow=False)): row(403, 403, 403, 403, 403),
            # A draft is seen by its organizer's staff only; nobody else learns it exists.
            url(image_of(draft, allow=True)): row(404, 404, 200, 404, 200),
            url(image_of(draft, allow=False)): row(404, 404, 403, 404, 403),
            url(image_of(scheduled, allow=True)): row(404, 404, 200, 404, 200),
            "/exhibitions/images/999999/original/": row(404, 404, 404, 404, 404),
        },
    )


def test_the_original_is_sent_whole_as_a_download():
    data = jpeg_bytes(400, 300)
    image = item_image(data, item_=item(allow_full_download=True))
    response = client_for(None).get(url(image))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"{image.item.exhibition.slug}-{image.item.pk}-{image.pk}.jpg" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


def test_a_proxy_sends_the_original_when_configured(settings):
    settings.PROTECTED_MEDIA_ACCEL_PREFIX = "/protected/"
    image = item_image(jpeg_bytes(400, 300), item_=item(allow_full_download=True))
    response = client_for(None).get(url(image))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected/{image.original.name}"
    assert response.content == b""


def test_originals_are_not_under_public_media():
    image = item_image(jpeg_bytes(400, 300), item_=item(allow_full_download=True))
    assert image.original.name.startswith("exhibitions/originals/")
    assert client_for(None).get(f"/media/public/{image.original.name}").status_code == 404
    assert client_for(None).get(f"/media/public/../{image.original.name}").status_code in (400, 404)


def test_only_get_is_answered():
    image = item_image(jpeg_bytes(400, 300), item_=item(allow_full_download=True))
    assert client_for(UserFactory()).post(url(image)).status_code == 405
