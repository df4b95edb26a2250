"""Residents served at a desk: who staff may serve, finding them, registering those who have no email
or smartphone, confirming their district, and the audit record and notice of what staff did for them.

Base layer (accounts and profiles only). Staff at a venue or village station (organizer staff) use
these from the desk pages; what they then do for the resident (register, vote, evaluate, volunteer)
goes through the domain services with `assisted_by`, which ask `require_assist` here and call
`record_assisted` after the fact.

The one rule (`assisting_organizer`): staff serve residents whose district is that of one of their
organizers or of its venues, or whose account one of those organizers registered at a desk.
Superusers serve everyone.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from .errors import ServiceError
from .mail import queue_email
from .models import AssistedAction, District, Organizer, Profile
from .notify import recipient_language
from .scoping import is_organizer_staff, managed_organizers

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


def mask_phone(phone):
    """A phone number as the desk shows it: "139****1234" (first three and last four digits)."""
    phone = phone or ""
    if len(phone) <= 7:
        return "*" * max(len(phone) - 2, 0) + phone[-2:]
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def residents():
    """Accounts staff may act for at a desk: active residents, not staff or superusers."""
    return get_user_model().objects.filter(is_active=True, is_staff=False, is_superuser=False)


def served_districts(organizers):
    """Districts `organizers` serve: their own and those of their venues."""
    return District.objects.filter(Q(organizers__in=organizers) | Q(venues__organizer__in=organizers)).distinct()


def _serving(organizers, resident):
    profile = getattr(resident, "profile", None)
    if profile is None:
        return Organizer.objects.none()
    serves = Q(pk=profile.created_by_organizer_id) if profile.created_by_organizer_id else Q(pk__in=[])
    if profile.district_id:
        serves |= Q(district_id=profile.district_id) | Q(venues__district_id=profile.district_id)
    return organizers.filter(serves).distinct().order_by("pk")


def assisting_organizer(staff_user, resident, organizer=None):
    """The organizer on whose behalf `staff_user` serves `resident` at a desk, or None when they may not.

    `organizer`, when given (the event's organizer), is preferred if it serves the resident. A superuser
    may serve anyone; their organizer is then `organizer` or the first that serves the resident (or None).
    """
    if staff_user is None or not is_organizer_staff(staff_user):
        return None
    organizers = _serving(managed_organizers(staff_user), resident)
    if organizer is not None and organizers.filter(pk=organizer.pk).exists():
        return organizer
    found = organizers.first()
    if found is None and staff_user.is_superuser:
        return organizer
    return found


def may_assist(staff_user, resident):
    """Whether `staff_user` may record votes, registrations, evaluations and sign-ups in `resident`'s name."""
    if staff_user is None or resident is None or staff_user.pk == resident.pk:
        return False
    if not residents().filter(pk=resident.pk).exists():
        return False
    return (staff_user.is_active and staff_user.is_superuser) or assisting_organizer(staff_user, resident) is not None


def assistable_residents(staff_user):
    """The residents `staff_user` may serve at a desk (the rule of may_assist, as a queryset)."""
    if not is_organizer_staff(staff_user):
        return residents().none()
    if staff_user.is_superuser:
        return residents()
    organizers = managed_organizers(staff_user)
    return residents().filter(
        Q(profile__district__in=served_districts(organizers)) | Q(profile__created_by_organizer__in=organizers)
    )


def require_assist(staff_user, resident, error_class=None):
    """Raise `error_class` ("forbidden") unless `staff_user` may act for `resident` at a desk."""
    if not may_assist(staff_user, resident):
        raise (error_class or ResidentError)(
            _(
                "Staff record this only for residents of the districts their organizers serve, or whom "
                "their organizer registered at a desk."
            ),
            "forbidden",
        )


def record_assisted(*, staff, resident, kind, target, consent_noted, what, withdraw_path, organizer=None):
    """Write the audit record of an assisted action and tell the resident; returns the AssistedAction.

    `what` is a callable giving the thing recorded ("a vote for …") in the active language: it is called
    in the resident's language. The notice is transactional (it always goes, where there is an address),
    through the outbox, in the same transaction as the action. `withdraw_path` is where they take it back.
    """
    organizer = organizer or assisting_organizer(staff, resident)
    action = AssistedAction.objects.create(
        staff=staff,
        organizer=organizer,
        resident=resident,
        kind=kind,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        consent_noted=bool(consent_noted),
    )
    if kind != AssistedAction.Kind.DISTRICT:
        _tell_resident(action, what, withdraw_path)
    return action


def _tell_resident(action, what, withdraw_path):
    resident = action.resident
    with translation.override(recipient_language(resident)):
        context = {
            "user_name": resident.public_name,
            "portal_name": settings.PORTAL_NAME,
            "organizer": action.organizer.name if action.organizer else settings.PORTAL_NAME,
            "what": str(what()),
            "date": formats.date_format(timezone.localtime(action.created_at), "DATE_FORMAT"),
            "withdraw_url": f"{settings.SITE_URL}{withdraw_path}",
        }
        subject = _("Recorded for you at the desk: %(what)s") % {"what": context["what"]}
        body = render_to_string("portal/email/assisted_action.txt", context)
        html_body = render_to_string("portal/email/assisted_action.html", {**context, "subject": subject})
    return queue_email(to=resident.email, subject=subject, body=body, html_body=html_body)


def assisted_notes(user, objects):
    """Set `assisted_action` on each of `objects` (one model) recorded for `user` at a desk, for /me/."""
    objects = list(objects)
    if objects:
        actions = AssistedAction.objects.filter(
            resident=user,
            target_type=ContentType.objects.get_for_model(objects[0]),
            target_id__in=[obj.pk for obj in objects],
        ).select_related("organizer")
        by_target = {action.target_id: action for action in actions}
        for obj in objects:
            obj.assisted_action = by_target.get(obj.pk)
    return objects


def find_residents(*, query, by_user):
    """Residents `by_user` may serve whose name, display name or username matches `query`, or whose phone
    is the WHOLE number given (at most MAX_RESULTS).

    Organizer staff only ("forbidden"); fewer than MIN_QUERY characters finds nobody, so nobody lists
    every resident by accident; a phone number is never matched in part, so nobody can be found by
    trying digits.
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
    if phone:
        match |= Q(profile__phone=phone)
    found = assistable_residents(by_user).filter(match).select_related("profile__district").order_by("username")
    return list(found[:MAX_RESULTS])


def _new_username():
    while True:
        username = f"walkin-{secrets.token_hex(3)}"
        if not get_user_model().objects.filter(username=username).exists():
            return username


@transaction.atomic
def create_walk_in_resident(
    *, name, by_user, organizer=None, phone="", district=None, age_band="", language="", username=""
):
    """Register a resident who has no email or smartphone; returns the User (with its Profile).

    No email (NULL) and no usable password: the resident is served at desks, where staff find them by
    name or phone. Organizer staff only ("forbidden"); `organizer` is the one of theirs at whose desk the
    resident is registered (recorded on the profile; default: their first), another organizer is
    "forbidden"; a name is required ("invalid"); a phone number already on another account is refused
    ("phone_taken") so the same person is not registered twice.
    """
    if not is_organizer_staff(by_user):
        raise ResidentError(_("Only staff of an organizer may do this."), "forbidden")
    organizers = managed_organizers(by_user)
    if organizer is None:
        organizer = organizers.order_by("pk").first()
    elif not organizers.filter(pk=organizer.pk).exists():
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
    profile.created_by_organizer = organizer
    profile.save()
    return user


# --- Confirming districts ---------------------------------------------------------------------------------


class Outcome:
    VERIFIED = "verified"
    NOT_FOUND = "not_found"
    AMBIGUOUS = "ambiguous"
    UNKNOWN_DISTRICT = "unknown_district"
    NOT_YOUR_DISTRICT = "not_your_district"
    OTHER_DISTRICT = "other_district"
    INVALID = "invalid"


def _verification_refusal(resident, district, by_user):
    """(outcome, message) when `by_user` may not confirm `district` for `resident`, else None."""
    if not is_organizer_staff(by_user):
        return Outcome.NOT_YOUR_DISTRICT, _("Only staff of an organizer may do this.")
    if not by_user.is_superuser and not served_districts(managed_organizers(by_user)).filter(pk=district.pk).exists():
        return Outcome.NOT_YOUR_DISTRICT, _("Your organizers do not serve %(district)s.") % {"district": district.name}
    profile = resident.profile
    if profile.district_id not in (None, district.pk):
        return Outcome.OTHER_DISTRICT, _(
            "The resident's profile names another district (%(district)s); they change it themselves first."
        ) % {"district": profile.district.name}
    return None


@transaction.atomic
def verify_district(*, resident, district, by_user):
    """Staff confirm that `resident` lives in `district` (seen at a desk, or on a census list); returns the Profile.

    Only staff of an organizer serving `district` (its own district or a venue's; superusers: any)
    ("forbidden"); only a resident whose profile names this district or none ("other_district": staff
    never move a resident to another district). A profile without a district gets this one. The
    confirmation holds while the profile's district stays the same (Profile.save drops it otherwise);
    it is on the audit record.
    """
    refusal = _verification_refusal(resident, district, by_user)
    if refusal is not None:
        outcome, message = refusal
        raise ResidentError(message, "other_district" if outcome == Outcome.OTHER_DISTRICT else "forbidden")
    profile = Profile.objects.select_for_update().get(user=resident)
    organizer = (
        managed_organizers(by_user).filter(Q(district=district) | Q(venues__district=district)).order_by("pk").first()
    )
    profile.district = district
    profile.verified_district = district
    profile.district_verified_at = timezone.now()
    profile.district_verified_by = by_user
    profile.district_verified_organizer = organizer
    profile.save()
    record_assisted(
        staff=by_user,
        resident=resident,
        kind=AssistedAction.Kind.DISTRICT,
        target=profile,
        consent_noted=False,
        what=None,
        withdraw_path="",
        organizer=organizer,
    )
    return profile


def _match(identifier):
    """The resident named by a username or a WHOLE phone number, exactly: (users found)."""
    found = {user.pk: user for user in residents().filter(username=identifier).select_related("profile__district")}
    phone = normalise_phone(identifier)
    if phone:
        for user in residents().filter(profile__phone=phone).select_related("profile__district"):
            found[user.pk] = user
    return list(found.values())


def verify_district_rows(*, rows, by_user):
    """Confirm the districts of a census list: `rows` are (line number, cells); returns one report row each.

    Each report row is a dict: line, identifier, code, outcome (an Outcome value) and message. A row
    names a resident by username or whole phone number and a district by its code, both matched
    exactly; each row is confirmed on its own (verify_district), so one bad row stops nothing.
    """
    if not is_organizer_staff(by_user):
        raise ResidentError(_("Only staff of an organizer may do this."), "forbidden")
    districts = {district.code: district for district in District.objects.all()}
    messages = {
        Outcome.VERIFIED: _("Confirmed."),
        Outcome.NOT_FOUND: _("No resident has this username or phone number."),
        Outcome.AMBIGUOUS: _("More than one resident matches; confirm this one at the desk."),
        Outcome.UNKNOWN_DISTRICT: _("No district has this code."),
        Outcome.INVALID: _("A row needs two columns: username or phone number, and district code."),
    }
    report = []
    for line, cells in rows:
        cells = [cell.strip() for cell in cells]
        identifier, code = (cells + ["", ""])[:2]
        row = {"line": line, "identifier": identifier, "code": code}
        district = districts.get(code)
        found = _match(identifier) if identifier else []
        if len([cell for cell in cells if cell]) != 2 or not identifier or not code:
            outcome, message = Outcome.INVALID, None
        elif district is None:
            outcome, message = Outcome.UNKNOWN_DISTRICT, None
        elif not found:
            outcome, message = Outcome.NOT_FOUND, None
        elif len(found) > 1:
            outcome, message = Outcome.AMBIGUOUS, None
        else:
            refusal = _verification_refusal(found[0], district, by_user)
            if refusal is None:
                verify_district(resident=found[0], district=district, by_user=by_user)
                outcome, message = Outcome.VERIFIED, None
            else:
                outcome, message = refusal
        report.append({**row, "outcome": outcome, "message": message or messages[outcome]})
    return report
