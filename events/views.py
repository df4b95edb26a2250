from django.core import signing
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from portal.models import Profile

from .notifications import UNSUBSCRIBE_KINDS, read_unsubscribe_token


def event_list(request):
    return render(request, "events/event_list.html")


def proposal_list(request):
    return render(request, "events/proposal_list.html")


# The signed token is the credential, so no session or CSRF token is needed (mail clients may POST
# here directly, RFC 8058); GET only asks, so link scanners in mailboxes unsubscribe nobody.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        user_id, kind = read_unsubscribe_token(token)
    except signing.BadSignature as exc:
        raise Http404 from exc
    profile = Profile.objects.filter(user_id=user_id).first()
    if profile is None:
        raise Http404
    field, value = UNSUBSCRIBE_KINDS[kind]
    done = False
    if request.method == "POST":
        setattr(profile, field, value)
        profile.save(update_fields=[field])
        done = True
    return render(
        request,
        "events/unsubscribe.html",
        {"done": done, "already": not done and getattr(profile, field) == value, "kind": kind},
    )
