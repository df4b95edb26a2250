"""The API foundation: token sign-in, throttles, the OpenAPI schema and its documentation page."""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident():
    return UserFactory(username="anna", email="anna@example.org")


@pytest.mark.parametrize("login", ["anna", "anna@example.org", "Anna@Example.org"])
def test_token_by_username_or_email(client, resident, login):
    response = client.post(
        "/api/auth/token/", {"username": login, "password": PASSWORD}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=resident).key}


def test_token_is_stable_for_one_user(client, resident):
    first = client.post("/api/auth/token/", {"username": "anna", "password": PASSWORD}).json()["token"]
    second = client.post("/api/auth/token/", {"username": "anna", "password": PASSWORD}).json()["token"]
    assert first == second


@pytest.mark.parametrize(
    "credentials",
    [
        {"username": "anna", "password": "wrong-password"},
        {"username": "anna@example.org", "password": "wrong-password"},
        {"username": "nobody", "password": PASSWORD},
    ],
)
def test_token_with_wrong_credentials_is_refused(client, resident, credentials):
    response = client.post("/api/auth/token/", credentials, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Unable to sign in with these credentials."]}
    assert not Token.objects.exists()


def test_token_error_in_chinese(zh_client, resident):
    response = zh_client.post("/api/auth/token/", {"username": "anna", "password": "wrong"})
    assert response.status_code == 400
    assert response.json()["non_field_errors"] == ["用户名或密码不正确，无法登录。"]


def test_token_for_an_inactive_account_is_refused(client):
    UserFactory(username="gone", is_active=False)
    response = client.post("/api/auth/token/", {"username": "gone", "password": PASSWORD})
    assert response.status_code == 400


def test_token_needs_both_fields(client):
    response = client.post("/api/auth/token/", {"username": "anna"}, content_type="application/json")
    assert response.status_code == 400
    assert "password" in response.json()


@pytest.mark.urls("tests.portal.urlconf")
def test_token_authenticates_api_requests(client, resident):
    token = client.post("/api/auth/token/", {"username": "anna", "password": PASSWORD}).json()["token"]
    assert client.get("/api/test/whoami/").status_code in (401, 403)
    response = client.get("/api/test/whoami/", headers={"authorization": f"Token {token}"})
    assert response.status_code == 200
    assert response.json() == {"username": "anna"}
    # A token request carries no session, so it needs no CSRF token to write.
    response = client.post("/api/test/whoami/", {}, headers={"authorization": f"Token {token}"})
    assert response.status_code == 201


@pytest.mark.urls("tests.portal.urlconf")
def test_a_wrong_token_is_refused(client):
    response = client.get("/api/test/whoami/", headers={"authorization": "Token not-a-real-token"})
    assert response.status_code in (401, 403)
    assert response.json() == {"detail": "Invalid token."}


@pytest.mark.urls("tests.portal.urlconf")
def test_session_sign_in_works_for_the_api_too(client, resident):
    client.force_login(resident)
    assert client.get("/api/test/whoami/").json() == {"username": "anna"}


@pytest.mark.urls("tests.portal.urlconf")
def test_writes_by_a_signed_in_user_are_throttled_per_user(resident):
    token = Token.objects.create(user=resident).key
    client = Client()
    statuses = [
        client.post(
            "/api/test/whoami/", {}, headers={"authorization": f"Token {token}"}, REMOTE_ADDR=f"10.0.0.{n % 250 + 1}"
        ).status_code
        for n in range(121)
    ]
    assert statuses[:120] == [201] * 120
    assert statuses[120] == 429


def test_sign_in_is_throttled(client, resident):
    statuses = [
        client.post("/api/auth/token/", {"username": "anna", "password": "wrong"}).status_code for _ in range(31)
    ]
    assert statuses[:30] == [400] * 30
    assert statuses[30] == 429
    response = client.post("/api/auth/token/", {"username": "anna", "password": PASSWORD})
    assert response.status_code == 429
    assert "detail" in response.json()
    assert "Retry-After" in response


def test_sign_in_throttle_is_per_address(client, resident):
    for _ in range(31):
        client.post("/api/auth/token/", {"username": "anna", "password": "wrong"})
    elsewhere = Client(REMOTE_ADDR="198.51.100.9")
    response = elsewhere.post("/api/auth/token/", {"username": "anna", "password": PASSWORD})
    assert response.status_code == 200


def test_reads_are_never_throttled_but_writes_are(client):
    """The write throttle (120/min) lets a crowd read; it only counts writes."""
    statuses = {client.get("/api/docs/").status_code for _ in range(130)}
    assert statuses == {200}
    writes = [client.post("/api/docs/").status_code for _ in range(121)]
    assert set(writes[:120]) == {405}
    assert writes[120] == 429
    assert client.get("/api/docs/").status_code == 200


def test_schema_is_openapi_3(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Culture Portal API"
    assert "/api/auth/token/" in schema["paths"]
    assert "post" in schema["paths"]["/api/auth/token/"]


def test_schema_as_yaml_by_default(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"openapi: 3." in response.content


def test_docs_page_uses_no_external_cdn(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode().lower()
    assert "swagger" in html
    for host in ("cdn", "unpkg", "jsdelivr", "googleapis", "cloudflare"):
        assert host not in html
    assert "/static/drf_spectacular_sidecar/" in html
