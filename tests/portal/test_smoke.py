import pytest

pytestmark = pytest.mark.django_db


def test_home_page_has_main_landmark_and_language(client, zh_client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert '<main id="content"' in html
    assert '<html lang="zh-hans"' in zh_client.get("/").content.decode()
