from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.static import serve

LARGE_TEXT_COOKIE = "large_text"


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
    remember_large_text(response, enabled)
    return response


def remember_large_text(response, enabled):
    if enabled:
        response.set_cookie(
            LARGE_TEXT_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax", secure=settings.SESSION_COOKIE_SECURE
        )
    else:
        response.delete_cookie(LARGE_TEXT_COOKIE)


def public_media(request, path):
    """Public images, derivatives and tiles, for deployments where no proxy serves /media/public/.

    IIIF tiles and their info.json are open to viewers on any site (Mirador, Universal Viewer), as the
    README's nginx location says too: `Access-Control-Allow-Origin: *` under iiif/, and only there.
    """
    response = serve(request, path, document_root=settings.MEDIA_ROOT / "public")
    if path.startswith("iiif/"):
        response["Access-Control-Allow-Origin"] = "*"
    return response


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
