"""Blocking an account (portal.accounts.block_account) and its record in the admin at /admin/portal/accountblock/."""

import pytest
from django.contrib.auth.models import Permission

from portal import accounts
from portal.accounts import AccountError
from portal.models import AccountBlock
from tests.factories import UserFactory, make_moderator
from tests.utils import client_for

pytestmark = pytest.mark.django_db


def refused(code, **kwargs):
    with pytest.raises(AccountError) as info:
        accounts.block_account(**kwargs)
    assert info.value.code == code, info.value.message


def test_only_a_moderator_blocks_another_resident_with_a_reason_once():
    moderator, author, resident = make_moderator(), UserFactory(), UserFactory()
    refused("forbidden", user=author, by_user=resident, reason="x")
    refused("forbidden", user=moderator, by_user=moderator, reason="x")
    refused("forbidden", user=make_moderator(), by_user=moderator, reason="x")  # staff accounts are not blocked here
    refused("note_required", user=author, by_user=moderator, reason=" ")
    accounts.block_account(user=author, by_user=moderator, reason="Repeated insults.")
    author.refresh_from_db()
    assert not author.is_active
    assert AccountBlock.objects.get().blocked_by == moderator
    refused("already_blocked", user=author, by_user=moderator, reason="again")


def test_moderators_read_the_blocks_in_the_portal_admin():
    moderator = make_moderator()
    block = accounts.block_account(user=UserFactory(), by_user=moderator, reason="Spam")
    client = client_for(moderator)
    changelist = client.get("/admin/portal/accountblock/")
    assert changelist.status_code == 200
    assert list(changelist.context["cl"].result_list) == [block]
    assert client.get(f"/admin/portal/accountblock/{block.pk}/change/").status_code == 200
    assert client.get("/admin/events/accountblock/").status_code == 404
    assert client_for(UserFactory(is_staff=True)).get("/admin/portal/accountblock/").status_code == 403
    codes = Permission.objects.filter(group__name="Moderator", codename="view_accountblock")
    assert list(codes.values_list("content_type__app_label", flat=True)) == ["portal"]
    assert AccountBlock._meta.db_table == "events_accountblock"  # the table kept its name
