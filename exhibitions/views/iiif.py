"""The IIIF Presentation 3 manifest of a published exhibition, open to viewers on any site (CORS)."""

from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET

from ..selectors import exhibitions as selectors
from ..services import manifests


@require_GET
def manifest(request, slug):
    exhibition = selectors.visible_exhibition(slug, request.user)
    # Only published exhibitions: a preview is for the curator's page, not for harvesters or other sites.
    if exhibition is None or not exhibition.is_published:
        raise Http404
    response = JsonResponse(
        manifests.exhibition_manifest(exhibition),
        content_type='application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"',
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    return response
