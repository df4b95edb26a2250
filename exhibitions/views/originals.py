"""The original of an item image, outside public/: sent only where its item's rights allow full download."""

from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from portal.scoping import can_manage

from ..models import Exhibition, ItemImage


@require_GET
def original(request, image_id):
    """404 unless the exhibition is visible to the person (published, or a draft of an organizer they are
    staff of: nobody else learns it exists); 403 unless the item allows full-resolution download."""
    image = get_object_or_404(ItemImage.objects.select_related("item__exhibition"), pk=image_id)
    item, exhibition = image.item, image.item.exhibition
    if exhibition.status != Exhibition.Status.PUBLISHED and not can_manage(request.user, exhibition):
        raise Http404
    if not item.allow_full_download:
        raise PermissionDenied
    if not image.original or not image.original.storage.exists(image.original.name):
        raise Http404
    filename = f"{exhibition.slug}-{item.pk}-{image.pk}{PurePosixPath(image.original.name).suffix}"
    if settings.PROTECTED_MEDIA_ACCEL_PREFIX:
        response = HttpResponse()
        response["X-Accel-Redirect"] = f"{settings.PROTECTED_MEDIA_ACCEL_PREFIX.rstrip('/')}/{image.original.name}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        del response["Content-Type"]  # the proxy sets it from the file
    else:
        response = FileResponse(image.original.open("rb"), as_attachment=True, filename=filename)
    response["Cache-Control"] = "private, no-store"
    return response
