"""Accounts: sign-up, sign-in, email confirmation, the profile on /me/ and the sign-in rate limits."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.cache import cache
from django.db import IntegrityError
from django.test import Client

from portal.accounts import has_verified_email
from portal.models import OutgoingEmail, Profile, User
from tests.factories import PASSWORD, DistrictFactory, UserFactory
from tests.utils import client_for

pytestmark = pytest.mark.django_db

STRONG_PASSWORD = "lantern-river-festival-42"
ERROR = re.compile(r'<(?:p class="error"[^>]*|div class="form-errors"[^>]*)>(.*?)</(?:p|div)>', re.DOTALL)
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def errors_in(response):
    assert response.status_code == 200
    return " ".join(ERROR.findall(response.content.decode()))


def signup_data(**overrides):
    data = {
        "email": "anna@example.org",
        "username": "anna",
        "password1": STRONG_PASSWORD,
        "password2": STRONG_PASSWORD,
        "display_name": "Anna",
        "district": "",
    }
    data.update(overrides)
    return data


# --- Sign-up ----------------------------------------------------------------------------------


def test_signup_page(client):
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("email", "username", "password1", "password2", "display_name", "district"):
        assert f'name="{name}"' in html


def test_signup_creates_user_profile_and_sends_one_confirmation(client, django_capture_on_commit_callbacks):
    district = DistrictFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/", signup_data(email="Anna@Example.ORG", district=district.pk))
    assert response.status_code == 302
    user = User.objects.get(username="anna")
    assert user.email == "anna@example.org"
    assert user.profile.district == district
    assert user.profile.display_name == "Anna"
    assert user.profile.preferred_languages == ["en"]
    assert not has_verified_email(user)

    row = OutgoingEmail.objects.get()
    assert row.to == "anna@example.org"
    assert row.sent_at is not None
    assert row.attempts == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_signup_confirmation_link_verifies_the_address(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/signup/", signup_data())
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[0].body).group(1)
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    assert has_verified_email(User.objects.get(username="anna"))


def test_signup_mail_is_not_sent_before_commit(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post("/accounts/signup/", signup_data())
    assert len(callbacks) >= 1
    assert mail.outbox == []
    assert OutgoingEmail.objects.get().sent_at is None


@pytest.mark.parametrize("taken", ["anna@example.org", "ANNA@Example.org"])
def test_signup_with_a_taken_email_does_not_say_so_and_mails_the_owner(
    client, taken, django_capture_on_commit_callbacks
):
    UserFactory(username="first", email="anna@example.org")
    fresh = client.post("/accounts/signup/", signup_data(email="new@example.org", username="new"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/", signup_data(email=taken))
    # The same answer as a sign-up with a new address: nobody learns from the page who has an account.
    assert response.status_code == 302 and response["Location"] == fresh["Location"]
    assert not User.objects.filter(username="anna").exists()
    (message,) = [m for m in mail.outbox if m.to == ["anna@example.org"]]
    assert "already" in message.body and "/accounts/password/reset/" in message.body


def test_signup_with_an_email_taken_by_an_account_without_address_record(client):
    User.objects.create_user("first", "anna@example.org", PASSWORD)
    response = client.post("/accounts/signup/", signup_data(email="Anna@example.org"))
    assert response.status_code == 302
    assert User.objects.count() == 1


def test_an_unverified_address_added_by_someone_else_does_not_block_its_owner(
    client, django_capture_on_commit_callbacks
):
    squatter = UserFactory(username="squatter")
    squatting = client_for(squatter).post("/accounts/email/", {"email": "victim@example.org", "action_add": ""})
    assert squatting.status_code == 302
    assert EmailAddress.objects.filter(user=squatter, email="victim@example.org", verified=False).exists()
    cache.clear()  # allauth sends one confirmation per address every 3 minutes: the owner comes later

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/", signup_data(email="victim@example.org", username="victim"))
    assert response.status_code == 302
    victim = User.objects.get(username="victim")
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[-1].body).group(1)
    client.post(link)
    assert has_verified_email(victim)
    # The squatter's unconfirmed copy is gone once the owner confirmed the address.
    assert not EmailAddress.objects.filter(user=squatter, email="victim@example.org").exists()


def test_signup_with_a_weak_password_is_refused(client):
    response = client.post("/accounts/signup/", signup_data(password1="12345678", password2="12345678"))
    errors = errors_in(response)
    assert "too common" in errors or "entirely numeric" in errors
    assert not User.objects.exists()


def test_signup_with_an_unknown_district_is_refused(client):
    response = client.post("/accounts/signup/", signup_data(district="999999"))
    assert "Choose a district from the list." in errors_in(response)
    assert not User.objects.exists()


def test_signup_errors_in_chinese(zh_client):
    UserFactory(username="first", email="anna@example.org")
    taken = errors_in(zh_client.post("/accounts/signup/", signup_data(username="first")))
    weak = errors_in(
        zh_client.post(
            "/accounts/signup/", signup_data(email="bo@example.org", password1="12345678", password2="12345678")
        )
    )
    district = errors_in(zh_client.post("/accounts/signup/", signup_data(email="bo@example.org", district="999999")))
    for errors in (taken, weak, district):
        assert errors
        assert CHINESE.search(errors), errors
    assert "already" not in taken
    assert "too common" not in weak
    assert User.objects.count() == 1


# --- Profiles and email addresses ---------------------------------------------------------------


def test_create_user_also_creates_a_profile():
    user = User.objects.create_user("bo", "Bo@Example.ORG", PASSWORD)
    assert Profile.objects.filter(user=user).count() == 1
    assert user.profile.personalisation_consent is False
    assert User.objects.get(pk=user.pk).email == "bo@example.org"


def test_emails_are_unique_ignoring_case():
    User.objects.create_user("bo", "bo@example.org", PASSWORD)
    with pytest.raises(IntegrityError):
        User.objects.create_user("other", "BO@EXAMPLE.ORG", PASSWORD)


def test_superuser_gets_a_profile_too():
    user = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    assert user.profile.pk is not None


def test_has_verified_email_needs_a_verified_address():
    unverified = UserFactory(verified=False)
    assert not has_verified_email(unverified)
    EmailAddress.objects.create(user=unverified, email=unverified.email, verified=False, primary=True)
    assert not has_verified_email(unverified)
    assert has_verified_email(UserFactory())
    assert not has_verified_email(AnonymousUser())


# --- Sign-in ----------------------------------------------------------------------------------


@pytest.mark.parametrize("login", ["anna", "anna@example.org", "ANNA@example.org"])
def test_login_by_username_or_email(client, login):
    user = UserFactory(username="anna", email="anna@example.org")
    response = client.post("/accounts/login/", {"login": login, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/me/"
    assert client.get("/me/").context["user"] == user


def test_login_with_a_wrong_password_is_refused(client):
    UserFactory(username="anna")
    response = client.post("/accounts/login/", {"login": "anna", "password": "wrong-password"})
    assert "not correct" in errors_in(response)
    assert client.get("/me/").status_code == 302


def test_many_successful_logins_from_one_address_all_pass():
    """A village station puts hundreds of residents behind one address: none of them is locked out."""
    users = [UserFactory(verified=False) for _ in range(10)]
    # One client whose cookies are dropped each time: a fresh browser per resident, behind the same address.
    client = Client(REMOTE_ADDR="203.0.113.7", headers={"accept-language": "en"})
    statuses = []
    for attempt in range(300):
        client.cookies.clear()
        response = client.post("/accounts/login/", {"login": users[attempt % 10].username, "password": PASSWORD})
        statuses.append(response.status_code)
    assert statuses == [302] * 300


def test_repeated_failed_logins_for_one_account_are_refused_after_five(client):
    UserFactory(username="anna")
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": "anna", "password": "wrong-password"})
        assert "not correct" in errors_in(response)
    # Now even the right password is refused for a while, and the resident is told why.
    response = client.post("/accounts/login/", {"login": "anna", "password": PASSWORD})
    assert "Too many failed login attempts" in errors_in(response)
    assert client.get("/me/").status_code == 302


def test_failed_logins_for_one_account_do_not_lock_out_another(client):
    UserFactory(username="anna")
    UserFactory(username="bo")
    for _ in range(6):
        client.post("/accounts/login/", {"login": "anna", "password": "wrong-password"})
    response = client.post("/accounts/login/", {"login": "bo", "password": PASSWORD})
    assert response.status_code == 302


# --- /me/ ------------------------------------------------------------------------------------


def test_me_redirects_visitors_to_login(client):
    response = client.get("/me/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/me/"


def test_me_asks_unverified_residents_to_confirm(client):
    client.force_login(UserFactory(verified=False))
    html = client.get("/me/").content.decode()
    assert "Please confirm your email address" in html
    assert 'action="/accounts/email/"' in html


def test_me_does_not_nag_verified_residents(client):
    client.force_login(UserFactory())
    response = client.get("/me/")
    assert response.status_code == 200
    assert "Please confirm your email address" not in response.content.decode()


def profile_data(**overrides):
    data = {
        "display_name": "Anna",
        "district": "",
        "age_band": "",
        "notification_frequency": "immediately",
        "event_reminders": "on",
    }
    data.update(overrides)
    return data


def test_me_saves_the_profile(client):
    user = UserFactory()
    district = DistrictFactory()
    client.force_login(user)
    response = client.post(
        "/me/",
        profile_data(
            district=district.pk,
            age_band="senior",
            interests=["reading", "heritage"],
            preferred_languages=["zh-hans", "en"],
            personalisation_consent="on",
            notification_frequency="weekly",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == "/me/"
    profile = Profile.objects.get(user=user)
    assert profile.district == district
    assert profile.age_band == "senior"
    assert profile.interests == ["reading", "heritage"]
    assert profile.preferred_languages == ["zh-hans", "en"]
    assert profile.notification_frequency == "weekly"
    assert profile.personalisation_consent is True
    assert profile.personalisation_consent_at is not None
    consented_at = profile.personalisation_consent_at

    assert "Your profile has been saved." in client.get("/me/").content.decode()

    # Saving again keeps the moment of consent; withdrawing clears it.
    client.post("/me/", profile_data(district=district.pk, personalisation_consent="on"))
    profile.refresh_from_db()
    assert profile.personalisation_consent_at == consented_at
    client.post("/me/", profile_data(district=district.pk))
    profile.refresh_from_db()
    assert profile.personalisation_consent is False
    assert profile.personalisation_consent_at is None


def test_me_refuses_an_unknown_district(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/me/", profile_data(district="999999", age_band="adult"))
    assert "Choose a district from the list." in errors_in(response)
    user.profile.refresh_from_db()
    assert user.profile.district is None
    assert user.profile.age_band == ""


def test_me_refuses_unknown_interests_and_languages(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/me/", profile_data(interests=["gambling"], preferred_languages=["fr"]))
    assert errors_in(response)
    user.profile.refresh_from_db()
    assert user.profile.interests == []
    assert user.profile.preferred_languages == []


def test_me_large_text_on_the_profile_sets_the_display(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/me/", profile_data(large_text="on"))
    assert response.cookies["large_text"].value == "1"
    assert 'class="large-text"' in client.get("/me/").content.decode()


@pytest.mark.parametrize(
    ("client_fixture", "text"),
    [("client", "Too many attempts"), ("zh_client", "尝试次数过多")],
)
def test_too_many_sign_ins_from_one_address_get_a_page_in_the_site_layout(request, settings, client_fixture, text):
    settings.ACCOUNT_RATE_LIMITS = {"login": "3/m/ip"}
    client = request.getfixturevalue(client_fixture)
    for _ in range(3):
        client.post("/accounts/login/", {"login": "nobody", "password": "wrong-password"})
    response = client.post("/accounts/login/", {"login": "nobody", "password": "wrong-password"})
    assert response.status_code == 429
    html = response.content.decode()
    assert '<main id="content"' in html
    assert text in html


# --- Account mail: greeting and links -------------------------------------------------------------


@pytest.mark.parametrize(("language", "greeting"), [("en", "Hello from Culture Portal!"), ("zh-hans", "文化云")])
def test_account_mail_names_the_portal_and_links_to_site_url(
    settings, language, greeting, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://culture.example.cn"
    UserFactory(username="first", email="anna@example.org")
    client = Client(headers={"accept-language": language}, HTTP_HOST="127.0.0.1")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/signup/", signup_data(email="new@example.org", username="new"))
        client.post("/accounts/signup/", signup_data(email="anna@example.org", username="anna"))
        client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert greeting in message.body
        assert "from !" not in message.body and " on ." not in message.body and "在 。" not in message.body
        links = re.findall(r"https?://[^\s]+", message.body)
        assert links and all(link.startswith("https://culture.example.cn/") for link in links), links
