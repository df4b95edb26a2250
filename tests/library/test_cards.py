"""The library's sections on the home page ("New in the library") and in site search."""

import re

import pytest
from django.utils import timezone

from library.models import Resource
from tests.factories import OrganizerFactory, make_staff
from tests.library.factories import make_resource
from tests.utils import client_for, html

pytestmark = pytest.mark.django_db


def section(page, name):
    start = page.index(f'id="{name}')
    return page[start : page.index("</section>", start)]


def test_home_shows_the_newest_visible_resources(client):
    now = timezone.now()
    for n in range(8):
        make_resource(title_en=f"Book {n}", created_at=now - timezone.timedelta(days=10 - n))
    organizer = OrganizerFactory()
    make_resource(title_en="Staff manual", organizer=organizer, access=Resource.Access.STAFF)
    library = section(html(client.get("/")), "home-library")
    assert "New in the library" in library
    assert re.findall(r"Book \d", library) == [f"Book {n}" for n in range(7, 1, -1)]
    assert "Staff manual" not in library and 'href="/library/"' in library
    staff_view = section(html(client_for(make_staff(organizer)).get("/")), "home-library")
    assert "Staff manual" in staff_view


def test_site_search_has_a_library_section_with_the_pages_hits(client):
    dream = make_resource(title_en="Dream of the Red Chamber", title_zh_hans="红楼梦")
    make_resource(title_en="Staff dream", access=Resource.Access.STAFF)
    page = html(client.get("/search/", {"q": "红楼"}))
    library = section(page, "results-library")
    assert f'href="/library/{dream.pk}/"' in library and "<mark>红楼</mark>梦" in library
    assert 'href="/library/?q=%E7%BA%A2%E6%A5%BC"' in library
    assert "Staff dream" not in html(client.get("/search/", {"q": "dream"}))
    assert 'id="results-library"' not in html(client.get("/search/", {"q": "nothing-here"}))
