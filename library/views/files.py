"""The protected files of the library: a resource's file, its image set's pictures and its captions.

Files live under MEDIA_ROOT/library/ with random names, which no public URL serves; these views are
the only way out, and each asks `can_open_file` first. A person who may not open the file learns
nothing about where it is: no redirect, no storage path, no URL. The portal streams the file itself
(one byte range at a time, for seeking in audio and video and for pdf.js's partial loading), or, when
PROTECTED_MEDIA_ACCEL_PREFIX is set, hands the transfer to the proxy (X-Accel-Redirect to an
`internal` location) once the check has passed.
"""

import re
from functools import wraps
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from ..models import Resource
from ..selectors.catalog import can_open_file, visible_resource
from ..services.files import sniff

CHUNK_SIZE = 64 * 1024
CAPTIONS_TYPE = "text/vtt; charset=utf-8"
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def openable_resource(view):
    """Call `view(request, resource, …)` with the resource `pk` if the requester may open its file.

    Else 404 when they may not even see it (staff-only, withdrawn, unknown), the login page for
    someone anonymous, 403 for someone signed in. The reader page uses the same rule.
    """

    @wraps(view)
    def wrapped(request, pk, **kwargs):
        resource = visible_resource(request.user, pk)
        if resource is None:
            raise Http404
        if not can_open_file(request.user, resource):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        return view(request, resource, **kwargs)

    return wrapped


@require_safe
@openable_resource
def resource_file(request, resource):
    if not resource.file:
        raise Http404
    return send_file(request, resource=resource, file=resource.file, content_type=resource.file_format)


@require_safe
@openable_resource
def resource_image(request, resource, image_id):
    picture = get_object_or_404(resource.images, pk=image_id)
    with picture.image.open("rb") as image:
        content_type = sniff(image) or "application/octet-stream"
    return send_file(request, resource=resource, file=picture.image, content_type=content_type)


@require_safe
@openable_resource
def resource_captions(request, resource):
    if not resource.captions:
        raise Http404
    return send_file(request, resource=resource, file=resource.captions, content_type=CAPTIONS_TYPE)


def send_file(request, *, resource, file, content_type):
    """The file, whole or the one byte range asked for, with headers that keep it where it belongs.

    The content type is the one stored when the file was checked (never guessed from a name);
    `nosniff` stops the browser from guessing too. Only open items may be kept in the browser's cache.
    Every file is sent `inline` (lending-controlled ones are read in the browser, never downloaded;
    the page of an open item offers its own download link).
    """
    content_type = content_type or "application/octet-stream"
    if settings.PROTECTED_MEDIA_ACCEL_PREFIX:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = quote(settings.PROTECTED_MEDIA_ACCEL_PREFIX + file.name)
        # nginx sends the body from its internal location, answering Range requests itself.
    else:
        try:
            size = file.size
        except OSError:
            raise Http404 from None
        response = _ranged(request, file, size, content_type)
    _protect(response, resource)
    return response


def _ranged(request, file, size, content_type):
    wanted = _byte_range(request.headers.get("range", ""), size)
    if wanted == "unsatisfiable":
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    start, end = wanted or (0, size - 1)
    response = StreamingHttpResponse(_chunks(file, start, end), content_type=content_type)
    response["Content-Length"] = str(max(end - start + 1, 0))
    if wanted:
        response.status_code = 206
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    return response


def _byte_range(header, size):
    """(start, end) of the one range asked for; None to send the whole file; or 'unsatisfiable'.

    Several ranges, or a header we cannot read, get the whole file: a server may always ignore Range.
    """
    match = _RANGE.match(header.strip().replace(" ", ""))
    if not match or match.group(1) == match.group(2) == "":
        return None
    first, last = match.groups()
    if first == "":  # the last `last` bytes
        length = int(last)
        if length == 0 or size == 0:
            return "unsatisfiable"
        return max(size - length, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if last and int(last) < start:
        return None
    if start >= size:
        return "unsatisfiable"
    return start, end


def _chunks(file, start, end):
    with file.open("rb") as handle:
        handle.seek(start)
        left = end - start + 1
        while left > 0:
            chunk = handle.read(min(CHUNK_SIZE, left))
            if not chunk:
                return
            left -= len(chunk)
            yield chunk


def _protect(response, resource):
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    if resource.access == Resource.Access.OPEN:
        response["Cache-Control"] = "private, max-age=3600"
    else:
        response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = "inline"
