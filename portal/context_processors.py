from django.conf import settings


def display(request):
    """Large-text mode comes from the resident's profile, or the visitor's cookie."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and hasattr(user, "profile"):
        large_text = user.profile.large_text
    else:
        large_text = request.COOKIES.get("large_text") == "1"
    return {"large_text": large_text, "portal_name": settings.PORTAL_NAME}
