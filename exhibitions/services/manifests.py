"""An exhibition as a IIIF Presentation 3 manifest, for Mirador, Universal Viewer or any IIIF viewer elsewhere.

One canvas per ready image, in the order of the story; each canvas is painted by the largest JPEG
derivative, which names its static level-0 image service (the tiles under /media/public/iiif/<key>/),
so deep zoom works without an image server. Every identifier is absolute, on SITE_URL
(portal.links), whichever host the request came through. Texts are language maps in both languages
(`zh-hans`, `en`); a text missing in one language is left out of that language's map.
"""

from django.utils import translation
from django.utils.translation import gettext as _

from portal.links import absolute_url
from portal.rights import rights_name

from ..selectors.exhibitions import items_in_order

CONTEXT = "http://iiif.io/api/presentation/3/context.json"
# Language codes of the maps, by the suffix of the translated fields (modeltranslation).
LANGUAGES = {"zh-hans": "zh_hans", "en": "en"}


def manifest_url(exhibition):
    return absolute_url(exhibition.get_manifest_url())


def language_map(obj, field):
    """{"zh-hans": [...], "en": [...]} of the translated `field` of `obj`; {"none": [...]} when both are empty."""
    values = {code: getattr(obj, f"{field}_{suffix}", "") or "" for code, suffix in LANGUAGES.items()}
    found = {code: [value] for code, value in values.items() if value.strip()}
    return found or {"none": [getattr(obj, field, "") or ""]}


def translated(text_function):
    """{"zh-hans": [...], "en": [...]} of a gettext message, rendered in each language."""
    found = {}
    for code in LANGUAGES:
        with translation.override(code):
            found[code] = [str(text_function())]
    return found


def _label_value(label, value):
    return {"label": label, "value": value}


def _plain_map(value):
    return {"none": [value]}


def exhibition_manifest(exhibition):
    """The manifest of `exhibition` (from selectors.visible_exhibition, with its items prefetched), as a dict."""
    base = manifest_url(exhibition).removesuffix("/manifest.json")
    items = items_in_order(exhibition)
    metadata = [
        _label_value(translated(lambda: _("Organizer")), language_map(exhibition.organizer, "name")),
    ]
    if exhibition.curator:
        metadata.append(_label_value(translated(lambda: _("Curator")), language_map(exhibition, "curator")))
    if exhibition.opens_on or exhibition.closes_on:
        dates = " – ".join(day.isoformat() for day in (exhibition.opens_on, exhibition.closes_on) if day)
        metadata.append(_label_value(translated(lambda: _("Dates")), _plain_map(dates)))
    manifest = {
        "@context": CONTEXT,
        "id": manifest_url(exhibition),
        "type": "Manifest",
        "label": language_map(exhibition, "title"),
        "metadata": metadata,
        "requiredStatement": _label_value(
            translated(lambda: _("Attribution")), language_map(exhibition.organizer, "name")
        ),
        "homepage": [
            {
                "id": absolute_url(exhibition.get_absolute_url()),
                "type": "Text",
                "label": language_map(exhibition, "title"),
                "format": "text/html",
            }
        ],
        "items": [],
    }
    if (exhibition.introduction or "").strip():
        manifest["summary"] = language_map(exhibition, "introduction")
    statements = {item.rights_statement for item in items if item.ready_images}
    if len(statements) == 1:
        manifest["rights"] = statements.pop()
    for item in items:
        for number, image in enumerate(item.ready_images, start=1):
            canvas = _canvas(base, item, image, number, len(item.ready_images))
            if canvas is not None:
                manifest["items"].append(canvas)
    return manifest


def _canvas(base, item, image, number, count):
    largest = image.largest
    if not largest or not largest.get("jpeg") or not image.width or not image.height:
        return None
    label = language_map(item, "title")
    if count > 1:
        label = {code: [f"{values[0]} ({number}/{count})"] for code, values in label.items()}
    canvas_id = f"{base}/canvas/{image.pk}"
    body = {
        "id": absolute_url(image.public_url(largest["jpeg"])),
        "type": "Image",
        "format": "image/jpeg",
        "width": largest["width"],
        "height": largest["height"],
    }
    if image.derivatives.get("iiif"):
        body["service"] = [
            {
                "id": absolute_url(image.public_url(image.derivatives["iiif"])),
                "type": "ImageService3",
                "profile": "level0",
            }
        ]
    canvas = {
        "id": canvas_id,
        "type": "Canvas",
        "label": label,
        "width": image.width,
        "height": image.height,
        "metadata": _item_metadata(item),
        "rights": item.rights_statement,
        "items": [
            {
                "id": f"{canvas_id}/page",
                "type": "AnnotationPage",
                "items": [
                    {
                        "id": f"{canvas_id}/page/painting",
                        "type": "Annotation",
                        "motivation": "painting",
                        "body": body,
                        "target": canvas_id,
                    }
                ],
            }
        ],
        "homepage": [
            {
                "id": absolute_url(item.get_absolute_url()),
                "type": "Text",
                "label": language_map(item, "title"),
                "format": "text/html",
            }
        ],
    }
    if (item.credit_line or "").strip():
        canvas["requiredStatement"] = _label_value(translated(lambda: _("Credit")), language_map(item, "credit_line"))
    return canvas


def _item_metadata(item):
    rows = []
    if item.creator:
        rows.append(_label_value(translated(lambda: _("Creator")), _plain_map(item.creator)))
    if item.date:
        rows.append(_label_value(translated(lambda: _("Date")), _plain_map(item.date)))
    if (item.medium or "").strip():
        rows.append(_label_value(translated(lambda: _("Medium")), language_map(item, "medium")))
    if item.dimensions:
        rows.append(_label_value(translated(lambda: _("Dimensions")), _plain_map(item.dimensions)))
    rights = {}
    for code in LANGUAGES:
        with translation.override(code):
            rights[code] = [str(rights_name(item.rights_statement))]
    rows.append(_label_value(translated(lambda: _("Rights")), rights))
    return rows
