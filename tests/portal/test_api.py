"""The API foundation: token sign-in, throttles, the OpenAPI schema and its documentation page."""

import re

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
    assert response.json() == {"detail": "Invalid token.", "code": "authentication_failed"}


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


def token_request(client, username, password, **extra):
    return client.post("/api/auth/token/", {"username": username, "password": password}, **extra)


def test_an_account_locked_on_the_web_form_gets_no_token(client, resident):
    """The web form's limit per account (5 failures in 5 minutes) holds for the API too."""
    for _ in range(5):
        client.post("/accounts/login/", {"login": "anna", "password": "wrong-password"})
    response = Client(REMOTE_ADDR="198.51.100.9").post(
        "/api/auth/token/", {"username": "anna", "password": PASSWORD}, headers={"accept-language": "en"}
    )
    assert response.status_code == 429
    assert response.json() == {
        "detail": "Too many failed login attempts. Try again later.",
        "code": "too_many_attempts",
    }
    assert not Token.objects.exists()


def test_failures_through_the_api_lock_the_account_on_the_web_form_too(client, resident):
    statuses = [token_request(client, "anna", "wrong").status_code for _ in range(6)]
    assert statuses == [400] * 5 + [429]
    assert token_request(client, "anna@example.org", PASSWORD).status_code == 200  # another login, its own count
    response = Client(REMOTE_ADDR="198.51.100.9").post("/accounts/login/", {"login": "anna", "password": PASSWORD})
    assert response.status_code == 200  # the form again, with the reason: no sign-in
    assert "_auth_user_id" not in response.wsgi_request.session


def test_failures_from_one_address_stop_at_the_per_address_limit(client, resident):
    """60 failed sign-ins a minute from one address (ACCOUNT_RATE_LIMITS), on any accounts; then none."""
    statuses = [token_request(client, f"nobody{n}", "wrong").status_code for n in range(61)]
    assert statuses == [400] * 60 + [429]
    assert token_request(client, "anna", PASSWORD).status_code == 429
    assert token_request(Client(REMOTE_ADDR="198.51.100.9"), "anna", PASSWORD).status_code == 200


@pytest.mark.parametrize("proxies", [0, 1])
def test_a_rotating_forwarded_for_header_is_no_way_around_the_address_limit(client, settings, proxies):
    """Behind TRUSTED_PROXY_COUNT proxies the address is the one the last proxy saw, whatever comes before it."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
    statuses = [
        token_request(
            client, f"nobody{n}", "wrong", headers={"x-forwarded-for": f"10.{n}.0.1, 203.0.113.7"}
        ).status_code
        for n in range(61)
    ]
    assert statuses == [400] * 60 + [429]


def test_successful_sign_ins_from_one_address_are_not_limited_below_300_a_minute(client):
    """A village station or a carrier puts many residents behind one address."""
    users = [UserFactory() for _ in range(3)]
    statuses = [token_request(client, users[n % 3].username, PASSWORD).status_code for n in range(300)]
    assert statuses == [200] * 300


def test_anonymous_writes_are_throttled_per_client_address_not_per_header(client):
    """DRF's throttles use the portal's one client address: a rotating X-Forwarded-For changes nothing."""
    statuses = [
        client.post("/api/docs/", headers={"x-forwarded-for": f"10.0.{n % 250}.{n // 250 + 1}"}).status_code
        for n in range(121)
    ]
    assert set(statuses[:120]) == {405}
    assert statuses[120] == 429
    assert client.get("/api/docs/").status_code == 200


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


def test_docs_page_has_no_inline_style_or_script_and_a_strict_csp(client):
    response = client.get("/api/docs/")
    html = response.content.decode()
    assert "<style" not in html.lower()
    assert "style=" not in html.lower()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts
    assert all("src=" in attributes and not body.strip() for attributes, body in scripts)
    policy = response["Content-Security-Policy"]
    assert "style-src 'self';" in policy and "script-src 'self';" in policy
    assert "unsafe-inline" not in policy
    assert client.get("/api/docs/?script=")["Content-Type"].startswith("application/javascript")


def test_docs_page_and_schema_in_the_readers_language(zh_client, client):
    html = zh_client.get("/api/docs/").content.decode()
    assert '<html lang="zh-hans">' in html
    assert "<title>文化云 API</title>" in html
    assert zh_client.get("/api/schema/?format=json").json()["info"]["title"] == "文化云 API"
    assert "<title>Culture Portal API</title>" in client.get("/api/docs/").content.decode()
