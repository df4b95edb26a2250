"""Residents served at a desk: finding them, and registering those who have no email or smartphone.

Base layer (accounts and profiles only). Staff at a venue or village station (organizer staff) use
these from the desk pages; what they then do for the resident (register, vote) goes through the
domain services with `assisted_by`.
"""

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from .errors import ServiceError
from .models import Profile
from .scoping import is_organizer_staff

MIN_QUERY = 2
MAX_RESULTS = 20


class ResidentError(ServiceError):
    """A refused desk action on residents: `message` for staff, `code` for programs."""

    status_by_code = {
        **ServiceError.status_by_code,
        "phone_taken": 409,
    }


def normalise_phone(phone):
    """Digits (and a leading +) only, so "138 0013 8000" and "138-0013-8000" find the same person."""
    phone = (phone or "").strip()
    digits = "".join(ch for ch in phone if ch.isdigit())
    return f"+{digits}" if phone.startswith("+") and digits else digits


def residents():
    """Accounts staff may act for at a desk: active residents, not staff or superusers."""
    return get_user_model().objects.filter(is_active=True, is_staff=False, is_superuser=False)


def find_residents(*, query, by_user):
    """Residents whose name, display name, username or phone matches `query` (at most MAX_RESULTS).

    Organizer staff only ("forbidden"); fewer than MIN_QUERY characters finds nobody, so nobody lists
    every resident by accident.
    """
    if not is_organizer_staff(by_user):
        raise ResidentError(_("Only staff of an organizer may do this."), "forbidden")
    query = (query or "").strip()
    if len(query) < MIN_QUERY:
        return []
    match = (
        Q(username__icontains=query)
        | Q(first_name__icontains=query)
        | Q(last_name__icontains=query)
        | Q(profile__display_name__icontains=query)
    )
    phone = normalise_phone(query)
    if len(phone) >= 4:
        match |= Q(profile__phone__contains=phone)
    return list(residents().filter(match).select_related("profile__district").order_by("username")[:MAX_RESULTS])


def _new_username():
    while True:
        username = f"walkin-{secrets.token_hex(3)}"
        if not get_user_model().objects.filter(username=username).exists():
            return username


@transaction.atomic
def create_walk_in_resident(*, name, by_user, phone="", district=None, age_band="", language="", username=""):
    """Register a resident who has no email or smartphone; returns the User (with its Profile).

    No email (NULL) and no usable password: the resident is served at desks, where staff find them by
    name or phone. Organizer staff only ("forbidden"); a name is required ("invalid"); a phone number
    already on another account is refused ("phone_taken") so the same person is not registered twice.
    """
    if not is_organizer_staff(by_user):
        raise ResidentError(_("Only staff of an organizer may do this."), "forbidden")
    name = (name or "").strip()
    if not name:
        raise ResidentError(_("Write the resident's name."), "invalid")
    phone = normalise_phone(phone)
    if phone and Profile.objects.filter(phone=phone).exists():
        raise ResidentError(
            _("A resident with this phone number is already registered. Search for them instead."), "phone_taken"
        )
    if age_band and age_band not in Profile.AgeBand.values:
        raise ResidentError(_("Choose an age band from the list."), "invalid")
    user = get_user_model()(username=username or _new_username(), first_name=name[:150], email=None)
    user.set_unusable_password()
    user.save()
    profile = user.profile
    profile.display_name = name[:80]
    profile.phone = phone
    profile.district = district
    profile.age_band = age_band
    profile.preferred_languages = [language] if language else []
    profile.save()
    return user
