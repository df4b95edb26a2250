"""The library's cards (portal.cards): what the home page, site search and the /library/ page show of a resource.

`resource_card` is the one place where a resource's card is worded; `LibraryCards` is the provider
named on the app's AppConfig. Every list comes from library.selectors.search, so site search finds
what the /library/ page finds, in the same order.
"""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from portal.cards import Action, Badge, Card, Section

from .selectors import lending as lending_selectors
from .selectors import search as search_selectors
from .services.notifications import local_text

HOME_RESOURCES = 6
SEARCH_RESULTS = 20


def access_badge(resource):
    tone = {resource.Access.OPEN: "free", resource.Access.STAFF: "alert"}.get(resource.access, "")
    return Badge(resource.get_access_display(), tone)


def resource_card(resource, snippet=None):
    """A resource as every list shows it: cover, title, creator, kind and access, and where the query matched."""
    return Card(
        kind="item",
        id=resource.pk,
        title=resource.title,
        url=resource.get_absolute_url(),
        image=resource.cover_thumbnail.url if resource.cover_thumbnail else "",
        where=resource.organizer.name,
        detail=resource.creator,
        badges=(Badge(resource.get_kind_display()), access_badge(resource)),
        note=snippet or "",
    )


class LibraryCards:
    def home(self, request):
        newest = search_selectors.search(user=request.user, sort="newest").resources[:HOME_RESOURCES]
        return [
            Section(
                id="library",
                title=_("New in the library"),
                cards=[resource_card(resource) for resource in newest],
                empty=_("The online library has no items yet."),
                more_url="/library/",
                more_label=_("Browse the library"),
            )
        ]

    def search(self, query):
        """What the /library/ page lists first for the same words (as a visitor sees it)."""
        results = search_selectors.search(user=AnonymousUser(), query=query)
        found = results.resources[:SEARCH_RESULTS]
        return [
            Section(
                id="library",
                title=_("Library"),
                cards=[resource_card(resource, results.snippet(resource)) for resource in found],
                more_url=f"/library/?{urlencode({'q': query})}",
            )
        ]

    def me(self, request):
        """The resident's loans (due dates, read, return, renew) and holds (place in the queue, borrow, leave)."""
        return lending_sections(request.user)


# --- Lending on /me/ (library.selectors.lending) ---------------------------------------------------------


def loan_card(loan):
    resource = loan.resource
    actions = [Action(_("Return now"), reverse("library:return", args=[loan.pk]))]
    if loan.holds_waiting == 0:
        actions.append(Action(_("Renew the loan"), reverse("library:renew", args=[loan.pk])))
    due = _("Due %(date)s") % {"date": local_text(loan.due_at)}
    return Card(
        kind="loan",
        id=loan.pk,
        title=resource.title,
        url=f"{resource.get_absolute_url()}read/",
        when=loan.due_at,
        when_text=due,
        badges=(Badge(resource.get_kind_display()),),
        note="" if loan.holds_waiting == 0 else _("Others are waiting for it, so it cannot be renewed."),
        actions=tuple(actions),
    )


def hold_card(hold, now):
    resource = hold.resource
    reserved = hold.reserved_until is not None and hold.reserved_until > now
    if reserved:
        badge = Badge(_("Kept for you until %(date)s") % {"date": local_text(hold.reserved_until)}, "ok")
        actions = (
            Action(_("Borrow"), reverse("library:borrow", args=[resource.pk])),
            Action(_("Leave the queue"), reverse("library:cancel-hold", args=[hold.pk])),
        )
    else:
        badge = Badge(_("Number %(position)d in the queue") % {"position": hold.position}, "full")
        actions = (Action(_("Leave the queue"), reverse("library:cancel-hold", args=[hold.pk])),)
    return Card(
        kind="hold",
        id=hold.pk,
        title=resource.title,
        url=resource.get_absolute_url(),
        badges=(badge,),
        actions=actions,
    )


def lending_sections(user):
    now = timezone.now()
    return [
        Section(
            id="library-loans",
            title=_("My loans"),
            cards=[loan_card(loan) for loan in lending_selectors.user_loans(user)],
            empty=_("You have no library loans. Lending-controlled items can be borrowed from their page."),
            more_url="/library/",
            more_label=_("Browse the library"),
        ),
        Section(
            id="library-holds",
            title=_("My holds"),
            cards=[hold_card(hold, now) for hold in lending_selectors.user_holds(user)],
            empty=_("You are in no queue for a library item."),
        ),
    ]
