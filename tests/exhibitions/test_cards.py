"""The home page's "Current exhibitions" and the Exhibitions section of site search."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.exhibitions.factories import ExhibitionFactory, ItemFactory
from tests.utils import html

pytestmark = pytest.mark.django_db


def test_home_shows_exhibitions_on_show_now(client):
    today = timezone.localdate()
    ExhibitionFactory(title_en="Bronzes on show")
    ExhibitionFactory(title_en="Closed one", opens_on=today - timedelta(days=40), closes_on=today - timedelta(days=1))
    ExhibitionFactory(title_en="Draft one", status="draft", publish_at=None)
    page = html(client.get("/"))
    assert "Current exhibitions" in page and "Bronzes on show" in page
    assert "Closed one" not in page and "Draft one" not in page


def test_home_says_when_nothing_is_on_show(client, db):
    assert "No exhibitions are on show right now." in html(client.get("/"))


def test_search_finds_titles_introductions_and_works_in_both_languages(client):
    by_title = ExhibitionFactory(title_en="Window flowers", title_zh_hans="窗花")
    by_work = ExhibitionFactory(title_en="Canal towns")
    ItemFactory(exhibition=by_work, title_en="Tripod with mask", title_zh_hans="兽面纹鼎")
    ExhibitionFactory(title_en="Window drafts", status="draft", publish_at=None)
    page = html(client.get("/search/?q=window"))
    assert by_title.title_en in page and "Window drafts" not in page
    assert by_work.title_en in html(client.get("/search/?q=兽面"))
    assert by_title.title_en in html(client.get("/search/?q=窗花"))
