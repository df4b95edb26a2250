from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.static import serve

from events.selectors import registrations as registration_selectors
from events.services import registrations

from . import residents
from .accounts import has_verified_email
from .forms import ProfileForm
from .home import home_sections
from .search import search as site_search

LARGE_TEXT_COOKIE = "large_text"


def home(request):
    return render(request, "portal/home.html", {"sections": home_sections(request)})


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    sections = site_search(query) if query else []
    found = any(section["results"] for section in sections)
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
            _remember_large_text(response, form.instance.large_text)
            return response
        messages.error(request, _("Please correct the errors below."))
    else:
        form = ProfileForm(instance=profile)
    tickets = residents.assisted_notes(request.user, registration_selectors.upcoming_tickets(user=request.user))
    for registration in tickets:
        registration.can_cancel = registrations.can_cancel(registration=registration, by_user=request.user)
    return render(
        request,
        "portal/me.html",
        {
            "form": form,
            "email_verified": has_verified_email(request.user),
            "tickets": tickets,
            "attended": registration_selectors.attended_events(user=request.user),
        },
    )


@require_POST
def toggle_large_text(request):
    """Large text and high contrast, for everyone: a cookie for visitors, the profile for residents."""
    enabled = request.POST.get("large_text") == "1"
    if request.user.is_authenticated:
        request.user.profile.large_text = enabled
        request.user.profile.save(update_fields=["large_text"])
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = "/"
    response = redirect(target)
    _remember_large_text(response, enabled)
    return response


def _remember_large_text(response, enabled):
    if enabled:
        response.set_cookie(
            LARGE_TEXT_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax", secure=settings.SESSION_COOKIE_SECURE
        )
    else:
        response.delete_cookie(LARGE_TEXT_COOKIE)


def public_media(request, path):
    """Public images, derivatives and tiles, for deployments where no proxy serves /media/public/."""
    return serve(request, path, document_root=settings.MEDIA_ROOT / "public")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    return render(request, "500.html", status=500)


def static_page(request, template):
    return render(request, template)
