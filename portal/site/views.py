"""Home, site search and /me/: each asks every app's card provider for its sections (portal.cards)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import cards
from ..accounts import has_verified_email
from ..forms import ProfileForm
from ..views import remember_large_text


def home(request):
    return render(request, "portal/home.html", {"sections": cards.sections("home", request)})


def search(request):
    """Each app answers with what its own list page would find for the same words."""
    query = request.GET.get("q", "").strip()[:200]
    sections = cards.sections("search", query) if query else []
    found = any(section.cards for section in sections)
    return render(request, "portal/search.html", {"query": query, "sections": sections, "found": found})


@login_required
def me(request):
    profile = request.user.profile
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=profile)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile has been saved."))
            response = redirect("me")
            remember_large_text(response, form.instance.large_text)
            return response
        messages.error(request, _("Please correct the errors below."))
    else:
        form = ProfileForm(instance=profile)
    return render(
        request,
        "portal/me.html",
        {
            "form": form,
            "email_verified": has_verified_email(request.user),
            "sections": cards.sections("me", request),
        },
    )
