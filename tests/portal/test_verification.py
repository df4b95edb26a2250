import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from portal.models import OutgoingEmail, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_notice_on_me_resends_the_confirmation_mail(client, django_capture_on_commit_callbacks):
    user = UserFactory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    client.force_login(user)

    page = client.get("/me/").content.decode()
    assert "Please confirm your email address" in page
    assert 'name="action_send"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/email/", {"email": user.email, "action_send": ""})

    assert response.status_code == 302
    assert OutgoingEmail.objects.filter(to=user.email, sent_at__isnull=False).count() == 1
    assert len(mail.outbox) == 1
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_public_sign_up_still_requires_an_email_address(client):
    # Walk-in residents registered at a desk have no address; residents signing up themselves must give one.
    response = client.post(
        "/accounts/signup/",
        {"username": "no-mail", "email": "", "password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"},
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not User.objects.filter(username="no-mail").exists()
