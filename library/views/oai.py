"""OAI-PMH 2.0 at /oai: the protocol (arguments, errors, resumption tokens) and its XML, written with lxml.

Every protocol error answers HTTP 200 with `<error code="…">`, as the protocol requires. What is harvested
is `library.selectors.oai` (the anonymous API's resources; withdrawn ones as deleted records). Resumption
tokens are opaque: signed (django.core.signing), carrying the list's arguments, the records already sent
and the keyset to continue from; they expire after OAI_RESUMPTION_TOKEN_HOURS.
"""

import html
import re
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from lxml import etree
from modeltranslation.utils import build_localized_fieldname

from portal.links import absolute_url
from portal.rights import rights_name

from ..selectors import oai as records

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

METADATA_FORMATS = {
    "oai_dc": {"schema": "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", "namespace": OAI_DC},
}
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
SECOND = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
METADATA_PREFIX = re.compile(r"[A-Za-z0-9\-_.!~*'()]+")
SET_SPEC = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*")
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
TOKEN_SALT = "library.oai.resumption"


class ProtocolError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


# verb: (required arguments, optional arguments, whether a resumptionToken may replace them)
VERBS = {
    "Identify": (set(), set(), False),
    "ListMetadataFormats": (set(), {"identifier"}, False),
    "ListSets": (set(), set(), True),
    "GetRecord": ({"identifier", "metadataPrefix"}, set(), False),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}, True),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}, True),
}


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint(request):
    root = etree.Element(f"{{{OAI}}}OAI-PMH", nsmap={None: OAI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd")
    etree.SubElement(root, f"{{{OAI}}}responseDate").text = _datestamp(timezone.now())
    echo = etree.SubElement(root, f"{{{OAI}}}request")
    echo.text = absolute_url(reverse("oai"))
    try:
        arguments = _arguments(request)
    except ProtocolError as error:
        # With badVerb and badArgument the request is echoed without its arguments (protocol 3.6).
        root.append(_error(error))
        return _response(root)
    for name, value in arguments.items():
        echo.set(name, _clean(value))
    handlers = {
        "Identify": _identify,
        "ListMetadataFormats": _list_metadata_formats,
        "ListSets": _list_sets,
        "GetRecord": _get_record,
        "ListIdentifiers": _list_identifiers,
        "ListRecords": _list_records,
    }
    try:
        root.append(handlers[arguments["verb"]](arguments))
    except ProtocolError as error:
        root.append(_error(error))
    return _response(root)


def _response(root):
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return HttpResponse(body, content_type="text/xml; charset=utf-8")


def _error(error):
    element = etree.Element(f"{{{OAI}}}error", code=error.code)
    element.text = error.message
    return element


def _arguments(request):
    """The request's arguments, one value each, checked against its verb; else badVerb or badArgument."""
    if request.method == "POST":
        content_type = request.content_type or ""
        if content_type != "application/x-www-form-urlencoded":
            raise ProtocolError("badArgument", _("Send the arguments as application/x-www-form-urlencoded."))
        query = request.POST
    else:
        query = request.GET
    given = dict(query.lists())
    verbs = given.pop("verb", [])
    if not verbs:
        raise ProtocolError("badVerb", _("The verb argument is missing."))
    if len(verbs) > 1:
        raise ProtocolError("badVerb", _("The verb argument is repeated."))
    verb = verbs[0]
    if verb not in VERBS:
        raise ProtocolError("badVerb", _("%(verb)s is not an OAI-PMH verb.") % {"verb": _clean(verb)[:50]})
    repeated = sorted(name for name, values in given.items() if len(values) > 1)
    if repeated:
        raise ProtocolError("badArgument", _("Repeated argument: %(names)s.") % {"names": _names(repeated)})
    arguments = {name: values[0] for name, values in given.items()}
    required, optional, resumable = VERBS[verb]
    if resumable and "resumptionToken" in arguments:
        others = sorted(set(arguments) - {"resumptionToken"})
        if others:
            raise ProtocolError(
                "badArgument",
                _("resumptionToken is an exclusive argument; remove %(names)s.") % {"names": _names(others)},
            )
    else:
        illegal = sorted(set(arguments) - required - optional)
        if illegal:
            raise ProtocolError(
                "badArgument", _("Illegal argument for %(verb)s: %(names)s.") % {"verb": verb, "names": _names(illegal)}
            )
        missing = sorted(required - set(arguments))
        if missing:
            raise ProtocolError(
                "badArgument", _("Missing argument for %(verb)s: %(names)s.") % {"verb": verb, "names": _names(missing)}
            )
    _check_syntax(arguments)
    return {"verb": verb, **arguments}


def _check_syntax(arguments):
    for name, value in arguments.items():
        if value == "":
            raise ProtocolError("badArgument", _("The argument %(name)s is empty.") % {"name": name})
    if "metadataPrefix" in arguments and not METADATA_PREFIX.fullmatch(arguments["metadataPrefix"]):
        raise ProtocolError("badArgument", _("The metadataPrefix is not well formed."))
    if "set" in arguments and not SET_SPEC.fullmatch(arguments["set"]):
        raise ProtocolError("badArgument", _("The set is not a well-formed setSpec."))
    _interval(arguments.get("from"), arguments.get("until"))


def _names(names):
    return ", ".join(_clean(name)[:50] for name in names)


def _clean(text):
    """Text as XML 1.0 may carry it: control characters dropped."""
    return NOT_XML.sub("", str(text))


def _datestamp(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_bound(value):
    """(start, length) of a `from`/`until` value in either granularity, else badArgument."""
    try:
        if DAY.fullmatch(value):
            return datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC), timedelta(days=1)
        if SECOND.fullmatch(value):
            return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC), timedelta(seconds=1)
    except ValueError:
        pass
    raise ProtocolError(
        "badArgument",
        _("%(value)s is not a date as YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.") % {"value": _clean(value)[:40]},
    )


def _interval(since, until):
    """The half-open datetime range [start, end) that `from` and `until` select (None where unbounded).

    `until` includes the whole day or second it names, since datestamps are cut to the second.
    """
    start = end = None
    if since is not None:
        start, since_length = _parse_bound(since)
    if until is not None:
        until_start, until_length = _parse_bound(until)
        end = until_start + until_length
    if since is not None and until is not None:
        if since_length != until_length:
            raise ProtocolError("badArgument", _("from and until must have the same granularity."))
        if start > until_start:
            raise ProtocolError("badArgument", _("from is later than until."))
    return start, end


# --- identifiers --------------------------------------------------------------------------------


def oai_identifier(resource):
    return f"oai:{settings.IDENTIFIER_DOMAIN}:{resource.pk}"


def _resource_for(identifier):
    """The harvestable resource an OAI identifier names, else idDoesNotExist."""
    prefix = f"oai:{settings.IDENTIFIER_DOMAIN}:"
    local = identifier.removeprefix(prefix) if identifier.startswith(prefix) else ""
    resource = None
    if re.fullmatch(r"[1-9][0-9]{0,17}", local):
        resource = records.harvestable_resource(int(local))
    if resource is None:
        raise ProtocolError(
            "idDoesNotExist", _("No record has the identifier %(identifier)s.") % {"identifier": _clean(identifier)}
        )
    return resource


def _check_format(prefix):
    if prefix not in METADATA_FORMATS:
        raise ProtocolError(
            "cannotDisseminateFormat",
            _("The metadata format %(prefix)s is not offered; use oai_dc.") % {"prefix": prefix},
        )


# --- verbs ----------------------------------------------------------------------------------------


def _identify(arguments):
    element = etree.Element(f"{{{OAI}}}Identify")
    earliest = records.earliest_datestamp() or datetime(1970, 1, 1, tzinfo=UTC)
    for name, value in (
        ("repositoryName", str(settings.PORTAL_NAME)),
        ("baseURL", absolute_url(reverse("oai"))),
        ("protocolVersion", "2.0"),
        ("adminEmail", settings.OAI_ADMIN_EMAIL),
        ("earliestDatestamp", _datestamp(earliest)),
        # Withdrawn resources are kept as deleted records, but a resource deleted outright or made
        # staff-only leaves no trace: the promise is "transient", not "persistent".
        ("deletedRecord", "transient"),
        ("granularity", "YYYY-MM-DDThh:mm:ssZ"),
    ):
        etree.SubElement(element, f"{{{OAI}}}{name}").text = value
    return element


def _list_metadata_formats(arguments):
    if "identifier" in arguments:
        _resource_for(arguments["identifier"])
    element = etree.Element(f"{{{OAI}}}ListMetadataFormats")
    for prefix, described in METADATA_FORMATS.items():
        format_element = etree.SubElement(element, f"{{{OAI}}}metadataFormat")
        etree.SubElement(format_element, f"{{{OAI}}}metadataPrefix").text = prefix
        etree.SubElement(format_element, f"{{{OAI}}}schema").text = described["schema"]
        etree.SubElement(format_element, f"{{{OAI}}}metadataNamespace").text = described["namespace"]
    return element


def _list_sets(arguments):
    if "resumptionToken" in arguments:
        # The list of sets is never split, so no token was ever given out for it.
        raise ProtocolError("badResumptionToken", _("This resumption token is not valid for ListSets."))
    collections = list(records.sets())
    if not collections:
        raise ProtocolError("noSetHierarchy", _("This repository has no sets."))
    element = etree.Element(f"{{{OAI}}}ListSets")
    for collection in collections:
        set_element = etree.SubElement(element, f"{{{OAI}}}set")
        etree.SubElement(set_element, f"{{{OAI}}}setSpec").text = collection.slug
        etree.SubElement(set_element, f"{{{OAI}}}setName").text = _clean(collection.title)
        description = etree.SubElement(set_element, f"{{{OAI}}}setDescription")
        dc = _dc_root(description)
        for language, lang in _languages():
            _dc(dc, "title", getattr(collection, build_localized_fieldname("title", language)), lang)
        for language, lang in _languages():
            _dc(dc, "description", getattr(collection, build_localized_fieldname("description", language)), lang)
    return element


def _get_record(arguments):
    resource = _resource_for(arguments["identifier"])
    _check_format(arguments["metadataPrefix"])
    element = etree.Element(f"{{{OAI}}}GetRecord")
    element.append(_record(resource))
    return element


def _list_identifiers(arguments):
    return _list(arguments, "ListIdentifiers", with_metadata=False)


def _list_records(arguments):
    return _list(arguments, "ListRecords", with_metadata=True)


def _list(arguments, verb, *, with_metadata):
    if "resumptionToken" in arguments:
        state = _read_token(arguments["resumptionToken"])
    else:
        state = {
            "prefix": arguments["metadataPrefix"],
            "from": arguments.get("from"),
            "until": arguments.get("until"),
            "set": arguments.get("set"),
            "cursor": 0,
            "after": None,
        }
    _check_format(state["prefix"])
    since, before = _interval(state["from"], state["until"])
    if state["set"] is not None and not records.has_sets():
        raise ProtocolError("noSetHierarchy", _("This repository has no sets."))
    page = records.harvest_page(
        size=settings.OAI_PAGE_SIZE,
        since=since,
        before=before,
        set_spec=state["set"],
        after=state["after"],
        cursor=state["cursor"],
    )
    if not page.resources:
        raise ProtocolError("noRecordsMatch", _("No record matches these arguments."))
    element = etree.Element(f"{{{OAI}}}{verb}")
    for resource in page.resources:
        element.append(_record(resource) if with_metadata else _header(resource))
    if page.after is not None or "resumptionToken" in arguments:
        element.append(_resumption_token(state, page))
    return element


# --- resumption tokens ------------------------------------------------------------------------


def _resumption_token(state, page):
    """The token for the next page; empty on the last page of a list that was split (protocol 3.5)."""
    sent = page.cursor + len(page.resources)
    element = etree.Element(
        f"{{{OAI}}}resumptionToken",
        completeListSize=str(max(page.complete_list_size, sent, 1)),
        cursor=str(page.cursor),
    )
    if page.after is not None:
        modified_at, pk = page.after
        payload = {
            "p": state["prefix"],
            "f": state["from"],
            "u": state["until"],
            "s": state["set"],
            "c": sent,
            "a": [modified_at.astimezone(UTC).isoformat(), pk],
        }
        expires = timezone.now() + timedelta(hours=settings.OAI_RESUMPTION_TOKEN_HOURS)
        element.set("expirationDate", _datestamp(expires))
        element.text = signing.dumps(payload, salt=TOKEN_SALT, compress=True)
    return element


def _read_token(token):
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=timedelta(hours=settings.OAI_RESUMPTION_TOKEN_HOURS))
        modified_at, pk = payload["a"]
        return {
            "prefix": str(payload["p"]),
            "from": payload["f"],
            "until": payload["u"],
            "set": payload["s"],
            "cursor": int(payload["c"]),
            "after": (datetime.fromisoformat(modified_at), int(pk)),
        }
    except signing.SignatureExpired:
        message = _("This resumption token has expired; start the list again.")
        raise ProtocolError("badResumptionToken", message) from None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise ProtocolError("badResumptionToken", _("This resumption token is not valid.")) from None


# --- records ---------------------------------------------------------------------------------------


def _header(resource):
    header = etree.Element(f"{{{OAI}}}header")
    if resource.withdrawn_at is not None:
        header.set("status", "deleted")
    etree.SubElement(header, f"{{{OAI}}}identifier").text = oai_identifier(resource)
    etree.SubElement(header, f"{{{OAI}}}datestamp").text = _datestamp(resource.modified_at)
    for collection in sorted(resource.collections.all(), key=lambda collection: collection.slug):
        etree.SubElement(header, f"{{{OAI}}}setSpec").text = collection.slug
    return header


def _record(resource):
    """A record: its header, and its oai_dc metadata unless the resource was withdrawn (deleted)."""
    record = etree.Element(f"{{{OAI}}}record")
    record.append(_header(resource))
    if resource.withdrawn_at is None:
        _dublin_core(etree.SubElement(record, f"{{{OAI}}}metadata"), resource)
    return record


def _languages():
    """(the site's language code, its xml:lang tag) for each language of the bilingual fields."""
    return [(code, translation.to_locale(code).replace("_", "-")) for code, _name in settings.LANGUAGES]


def _dc_root(parent):
    dc = etree.SubElement(parent, f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    dc.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    return dc


def _dc(dc, name, value, lang=None):
    text = _clean(value or "").strip()
    if text:
        element = etree.SubElement(dc, f"{{{DC}}}{name}")
        element.text = text
        if lang:
            element.set(XML_LANG, lang)


def _dublin_core(metadata, resource):
    """The 15 Dublin Core elements that have values; bilingual ones once per language, with xml:lang."""
    dc = _dc_root(metadata)
    languages = _languages()
    for language, lang in languages:
        _dc(dc, "title", getattr(resource, build_localized_fieldname("title", language)), lang)
    _dc(dc, "creator", resource.creator)
    for subject in resource.subjects.all():
        for language, lang in languages:
            _dc(dc, "subject", getattr(subject, build_localized_fieldname("name", language)), lang)
    for language, lang in languages:
        description = getattr(resource, build_localized_fieldname("description", language))
        _dc(dc, "description", html.unescape(strip_tags(description or "")), lang)
    _dc(dc, "publisher", resource.publisher)
    _dc(dc, "contributor", resource.contributor)
    _dc(dc, "date", resource.date)
    _dc(dc, "type", resource.dc_type)
    _dc(dc, "format", resource.file_format or ("text/html" if resource.body else ""))
    _dc(dc, "identifier", absolute_url(resource.get_absolute_url()))
    _dc(dc, "identifier", resource.identifier)
    _dc(dc, "source", resource.source)
    _dc(dc, "language", resource.language)
    _dc(dc, "relation", resource.relation)
    _dc(dc, "coverage", resource.coverage)
    _dc(dc, "rights", resource.rights_statement)
    for language, lang in languages:
        with translation.override(language):
            name = str(rights_name(resource.rights_statement))
        if name != resource.rights_statement:
            _dc(dc, "rights", name, lang)
