"""OAI-PMH 2.0 at /oai: every verb and every protocol error, each response validated against the protocol's
schemas (tests/schemas/oai-pmh/, oai_dc records strictly), resumption through whole lists, what is harvested
(deleted records, never staff-only) and a harvest by a real client library (Sickle) over HTTP."""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.core import signing
from django.test import Client
from django.utils import translation
from lxml import etree
from sickle import Sickle

from library.models import Resource
from library.services.catalog import withdraw_resource
from portal.rights import RightsStatement
from tests.library.factories import CollectionFactory, SubjectFactory, make_resource
from tests.utils import assert_max_queries

pytestmark = pytest.mark.django_db

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parents[2] / "schemas" / "oai-pmh" / "oai-pmh-oai_dc.xsd")))
NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOMAIN = "library.example.org"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://portal.example.org"
    settings.IDENTIFIER_DOMAIN = DOMAIN


def oai(method="get", **arguments):
    """The response to `arguments` (a list value repeats the argument), once checked: HTTP 200, XML, and
    valid against OAI-PMH.xsd with oai_dc.xsd."""
    client = Client(headers={"accept-language": "en"})
    if method == "post":
        body = urlencode(arguments, doseq=True)
        response = client.post("/oai", body, content_type="application/x-www-form-urlencoded")
    else:
        response = client.get("/oai", arguments)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = etree.fromstring(response.content)
    SCHEMA.assertValid(root)
    return root


def error_code(root):
    errors = root.findall("oai:error", NS)
    assert len(errors) == 1, etree.tostring(root)
    return errors[0].get("code")


def texts(element, path):
    return [found.text for found in element.findall(path, NS)]


def identifier(resource):
    return f"oai:{DOMAIN}:{resource.pk}"


def set_datestamp(resource, moment):
    Resource.objects.filter(pk=resource.pk).update(modified_at=moment)


# --- the endpoint ---------------------------------------------------------------------------------


def test_oai_answers_at_exactly_slash_oai_without_a_redirect():
    response = Client().get("/oai", {"verb": "Identify"})
    assert response.status_code == 200
    assert "Location" not in response
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")


def test_post_with_form_arguments_answers_like_get():
    root = oai("post", verb="Identify")
    assert root.find("oai:Identify", NS) is not None
    assert root.find("oai:request", NS).get("verb") == "Identify"


def test_post_reads_the_body_not_the_query_string():
    response = Client().post(
        "/oai?verb=Identify", "verb=ListMetadataFormats", content_type="application/x-www-form-urlencoded"
    )
    assert etree.fromstring(response.content).find("oai:ListMetadataFormats", NS) is not None


def test_post_with_another_content_type_is_a_bad_argument():
    response = Client().post("/oai", data='{"verb": "Identify"}', content_type="application/json")
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    SCHEMA.assertValid(root)
    assert error_code(root) == "badArgument"


def test_other_methods_are_not_allowed():
    assert Client().put("/oai").status_code == 405


# --- Identify ---------------------------------------------------------------------------------------


def test_identify_describes_the_repository(settings):
    settings.OAI_ADMIN_EMAIL = "library@portal.example.org"
    old = make_resource()
    make_resource()
    set_datestamp(old, datetime(2021, 3, 4, 5, 6, 7, 890, tzinfo=UTC))
    root = oai(verb="Identify")
    identify = root.find("oai:Identify", NS)
    assert identify.findtext("oai:repositoryName", namespaces=NS) == "Culture Portal"
    assert identify.findtext("oai:baseURL", namespaces=NS) == "https://portal.example.org/oai"
    assert identify.findtext("oai:protocolVersion", namespaces=NS) == "2.0"
    assert identify.findtext("oai:adminEmail", namespaces=NS) == "library@portal.example.org"
    assert identify.findtext("oai:earliestDatestamp", namespaces=NS) == "2021-03-04T05:06:07Z"
    assert identify.findtext("oai:deletedRecord", namespaces=NS) == "transient"
    assert identify.findtext("oai:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    assert root.findtext("oai:request", namespaces=NS) == "https://portal.example.org/oai"


def test_identify_of_an_empty_repository_is_valid_too():
    root = oai(verb="Identify")
    assert root.find("oai:Identify/oai:earliestDatestamp", NS).text == "1970-01-01T00:00:00Z"


def test_the_earliest_datestamp_ignores_staff_only_resources():
    staff_only = make_resource(access=Resource.Access.STAFF)
    set_datestamp(staff_only, datetime(2019, 1, 1, tzinfo=UTC))
    public = make_resource()
    set_datestamp(public, datetime(2022, 1, 1, tzinfo=UTC))
    assert oai(verb="Identify").findtext("oai:Identify/oai:earliestDatestamp", namespaces=NS) == "2022-01-01T00:00:00Z"


def test_identify_takes_no_arguments():
    assert error_code(oai(verb="Identify", metadataPrefix="oai_dc")) == "badArgument"


def test_the_default_admin_email_is_one_the_schema_accepts(settings):
    # The embedded default sender is noreply@localhost, which the schema's emailType refuses; oai() validates.
    assert oai(verb="Identify").findtext("oai:Identify/oai:adminEmail", namespaces=NS) == settings.OAI_ADMIN_EMAIL


# --- ListMetadataFormats -------------------------------------------------------------------------


def test_list_metadata_formats_offers_oai_dc():
    root = oai(verb="ListMetadataFormats")
    formats = root.findall("oai:ListMetadataFormats/oai:metadataFormat", NS)
    assert [f.findtext("oai:metadataPrefix", namespaces=NS) for f in formats] == ["oai_dc"]
    assert formats[0].findtext("oai:metadataNamespace", namespaces=NS) == NS["oai_dc"]
    assert formats[0].findtext("oai:schema", namespaces=NS) == "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"


def test_list_metadata_formats_of_one_record():
    resource = make_resource()
    root = oai(verb="ListMetadataFormats", identifier=identifier(resource))
    assert texts(root, "oai:ListMetadataFormats/oai:metadataFormat/oai:metadataPrefix") == ["oai_dc"]
    assert root.find("oai:request", NS).get("identifier") == identifier(resource)


@pytest.mark.parametrize(
    "name",
    [
        "oai:library.example.org:999999",
        "oai:other.example.org:{pk}",
        "{pk}",
        "oai:library.example.org:0{pk}",
        "oai:library.example.org:{pk}9999999999999999999999",
        "not a URI <{pk}>",
        "书 {pk}",
    ],
)
def test_list_metadata_formats_of_an_unknown_identifier(name):
    resource = make_resource()
    root = oai(verb="ListMetadataFormats", identifier=name.format(pk=resource.pk))
    assert error_code(root) == "idDoesNotExist"
    assert root.find("oai:request", NS).get("verb") == "ListMetadataFormats"


def test_list_metadata_formats_of_a_staff_only_resource_does_not_exist():
    resource = make_resource(access=Resource.Access.STAFF)
    assert error_code(oai(verb="ListMetadataFormats", identifier=identifier(resource))) == "idDoesNotExist"


# --- ListSets --------------------------------------------------------------------------------------


def test_list_sets_lists_the_collections():
    CollectionFactory(slug="rare-books", title_en="Rare books", title_zh_hans="善本", description_en="Old and rare.")
    CollectionFactory(slug="audio-archive", title_en="Audio archive", title_zh_hans="音频档案")
    root = oai(verb="ListSets")
    sets = root.findall("oai:ListSets/oai:set", NS)
    assert [s.findtext("oai:setSpec", namespaces=NS) for s in sets] == ["audio-archive", "rare-books"]
    assert [s.findtext("oai:setName", namespaces=NS) for s in sets] == ["Audio archive", "Rare books"]
    rare = sets[1].find("oai:setDescription/oai_dc:dc", NS)
    assert {(t.get(XML_LANG), t.text) for t in rare.findall("dc:title", NS)} == {
        ("zh-Hans", "善本"),
        ("en", "Rare books"),
    }
    assert texts(rare, "dc:description") == ["Old and rare."]


def test_list_sets_names_them_in_the_requested_language():
    CollectionFactory(slug="rare-books", title_en="Rare books", title_zh_hans="善本")
    response = Client(headers={"accept-language": "zh-hans"}).get("/oai", {"verb": "ListSets"})
    assert etree.fromstring(response.content).findtext("oai:ListSets/oai:set/oai:setName", namespaces=NS) == "善本"


def test_list_sets_without_collections_is_no_set_hierarchy():
    assert error_code(oai(verb="ListSets")) == "noSetHierarchy"


def test_list_sets_never_gave_a_resumption_token():
    CollectionFactory()
    assert error_code(oai(verb="ListSets", resumptionToken="anything")) == "badResumptionToken"


# --- GetRecord -------------------------------------------------------------------------------------


def full_resource():
    poetry = SubjectFactory(slug="poetry", name_en="Poetry", name_zh_hans="诗歌")
    tang = SubjectFactory(slug="tang", name_en="Tang dynasty", name_zh_hans="唐代")
    collection = CollectionFactory(slug="classics")
    return make_resource(
        title_zh_hans="唐诗三百首",
        title_en="Three Hundred Tang Poems",
        description_zh_hans="<p>唐代诗歌选集。</p>",
        description_en="<p>An anthology of <em>Tang</em> poetry &amp; verse.</p>",
        creator="蘅塘退士",
        contributor="Witter Bynner",
        publisher="City Library",
        date="1763",
        identifier="978-7-02-000000-1",
        source="Qing dynasty woodblock edition",
        language="zh",
        relation="https://example.org/related",
        coverage="China, 618-907",
        rights_statement=RightsStatement.PUBLIC_DOMAIN,
        subjects=[poetry, tang],
        collections=[collection],
    )


def test_get_record_carries_every_dublin_core_element_with_a_value():
    resource = full_resource()
    root = oai(verb="GetRecord", identifier=identifier(resource), metadataPrefix="oai_dc")
    record = root.find("oai:GetRecord/oai:record", NS)
    header = record.find("oai:header", NS)
    assert header.get("status") is None
    assert header.findtext("oai:identifier", namespaces=NS) == identifier(resource)
    assert header.findtext("oai:datestamp", namespaces=NS) == resource.modified_at.astimezone(UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    assert texts(header, "oai:setSpec") == ["classics"]
    dc = record.find("oai:metadata/oai_dc:dc", NS)

    def tagged(name):
        return {(element.get(XML_LANG), element.text) for element in dc.findall(f"dc:{name}", NS)}

    assert tagged("title") == {("zh-Hans", "唐诗三百首"), ("en", "Three Hundred Tang Poems")}
    assert tagged("subject") == {("zh-Hans", "诗歌"), ("en", "Poetry"), ("zh-Hans", "唐代"), ("en", "Tang dynasty")}
    assert tagged("description") == {("zh-Hans", "唐代诗歌选集。"), ("en", "An anthology of Tang poetry & verse.")}
    assert texts(dc, "dc:creator") == ["蘅塘退士"]
    assert texts(dc, "dc:contributor") == ["Witter Bynner"]
    assert texts(dc, "dc:publisher") == ["City Library"]
    assert texts(dc, "dc:date") == ["1763"]
    assert texts(dc, "dc:type") == ["Text"]
    assert texts(dc, "dc:format") == ["application/pdf"]
    assert texts(dc, "dc:identifier") == [f"https://portal.example.org/library/{resource.pk}/", "978-7-02-000000-1"]
    assert texts(dc, "dc:source") == ["Qing dynasty woodblock edition"]
    assert texts(dc, "dc:language") == ["zh"]
    assert texts(dc, "dc:relation") == ["https://example.org/related"]
    assert texts(dc, "dc:coverage") == ["China, 618-907"]
    assert tagged("rights") >= {(None, RightsStatement.PUBLIC_DOMAIN.value), ("en", "Public Domain Mark 1.0")}
    assert {element.get(XML_LANG) for element in dc.findall("dc:rights", NS)} == {None, "en", "zh-Hans"}


def test_get_record_leaves_out_elements_without_a_value():
    resource = make_resource(kind=Resource.Kind.AUDIO, upload="wav", title_en="", creator="", language="")
    dc = oai(verb="GetRecord", identifier=identifier(resource), metadataPrefix="oai_dc").find(
        "oai:GetRecord/oai:record/oai:metadata/oai_dc:dc", NS
    )
    assert [(t.get(XML_LANG), t.text) for t in dc.findall("dc:title", NS)] == [("zh-Hans", "一本书")]
    assert texts(dc, "dc:type") == ["Sound"]
    assert {element.tag.split("}")[1] for element in dc} == {"title", "type", "format", "identifier", "rights"}


def test_control_characters_never_break_the_xml():
    resource = make_resource(title_en="Bell\x07 and\x0b book", creator="A\x00B")
    Resource.objects.filter(pk=resource.pk).update(creator="A\x01B")
    dc = oai(verb="GetRecord", identifier=identifier(resource), metadataPrefix="oai_dc").find(
        "oai:GetRecord/oai:record/oai:metadata/oai_dc:dc", NS
    )
    assert "Bell and book" in texts(dc, "dc:title")
    assert texts(dc, "dc:creator") == ["AB"]


def test_get_record_of_a_withdrawn_resource_is_a_deleted_header_without_metadata():
    resource = withdraw_resource(resource=make_resource(collections=[CollectionFactory(slug="gone")]))
    record = oai(verb="GetRecord", identifier=identifier(resource), metadataPrefix="oai_dc").find(
        "oai:GetRecord/oai:record", NS
    )
    assert record.find("oai:header", NS).get("status") == "deleted"
    assert record.find("oai:metadata", NS) is None


@pytest.mark.parametrize("access", [Resource.Access.OPEN, Resource.Access.RESIDENTS, Resource.Access.LENDING])
def test_get_record_of_every_public_access_level(access):
    resource = make_resource(access=access)
    root = oai(verb="GetRecord", identifier=identifier(resource), metadataPrefix="oai_dc")
    assert root.find("oai:GetRecord/oai:record/oai:metadata/oai_dc:dc", NS) is not None


@pytest.mark.parametrize("withdrawn", [False, True])
def test_get_record_of_a_staff_only_resource_does_not_exist(withdrawn):
    resource = make_resource(access=Resource.Access.STAFF)
    if withdrawn:
        withdraw_resource(resource=resource)
    assert error_code(oai(verb="GetRecord", identifier=identifier(resource), metadataPrefix="oai_dc")) == (
        "idDoesNotExist"
    )


def test_get_record_in_another_format_cannot_be_disseminated():
    resource = make_resource()
    root = oai(verb="GetRecord", identifier=identifier(resource), metadataPrefix="marc21")
    assert error_code(root) == "cannotDisseminateFormat"
    assert root.find("oai:request", NS).get("metadataPrefix") == "marc21"


@pytest.mark.parametrize("missing", ["identifier", "metadataPrefix"])
def test_get_record_needs_both_arguments(missing):
    arguments = {"verb": "GetRecord", "identifier": "oai:library.example.org:1", "metadataPrefix": "oai_dc"}
    del arguments[missing]
    assert error_code(oai(**arguments)) == "badArgument"


# --- protocol errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "arguments",
    [{}, {"verb": "Harvest"}, {"verb": ["Identify", "Identify"]}, {"verb": ["Identify", "ListSets"]}, {"foo": "x"}],
    ids=["missing", "unknown", "repeated", "two", "missing-with-argument"],
)
def test_bad_verb(arguments):
    root = oai(**arguments)
    assert error_code(root) == "badVerb"
    assert dict(root.find("oai:request", NS).attrib) == {}


@pytest.mark.parametrize(
    "arguments",
    [
        {"verb": "ListRecords"},
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "colour": "blue"},
        {"verb": "ListRecords", "metadataPrefix": ["oai_dc", "oai_dc"]},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"},
        {"verb": "ListRecords", "metadataPrefix": ""},
        {"verb": "ListRecords", "metadataPrefix": "oai dc"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "bad set"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "yesterday"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-02-30"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "2024-01-01T10:00:00"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01T10:00:00+08:00"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-02", "until": "2024-01-01"},
        {
            "verb": "ListRecords",
            "metadataPrefix": "oai_dc",
            "from": "2024-01-01T10:00:01Z",
            "until": "2024-01-01T10:00:00Z",
        },
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01", "until": "2024-01-02T00:00:00Z"},
        {"verb": "ListMetadataFormats", "metadataPrefix": "oai_dc"},
        {"verb": "GetRecord", "identifier": "oai:x:1", "metadataPrefix": "oai_dc", "set": "a"},
    ],
    ids=[
        "missing-prefix",
        "illegal-argument",
        "repeated-argument",
        "token-not-exclusive",
        "empty-argument",
        "malformed-prefix",
        "malformed-set",
        "malformed-from",
        "impossible-date",
        "until-without-zone",
        "from-with-offset",
        "from-after-until-days",
        "from-after-until-seconds",
        "mixed-granularities",
        "illegal-for-list-metadata-formats",
        "illegal-for-get-record",
    ],
)
def test_bad_argument(arguments):
    root = oai(**arguments)
    assert error_code(root) == "badArgument"
    assert dict(root.find("oai:request", NS).attrib) == {}


def test_an_unknown_format_for_a_list_cannot_be_disseminated():
    make_resource()
    assert error_code(oai(verb="ListRecords", metadataPrefix="mods")) == "cannotDisseminateFormat"
    assert error_code(oai(verb="ListIdentifiers", metadataPrefix="mods")) == "cannotDisseminateFormat"


def test_an_empty_repository_has_no_records_to_match():
    assert error_code(oai(verb="ListRecords", metadataPrefix="oai_dc")) == "noRecordsMatch"
    assert error_code(oai(verb="ListIdentifiers", metadataPrefix="oai_dc")) == "noRecordsMatch"


def test_a_set_without_a_set_hierarchy():
    make_resource()
    assert error_code(oai(verb="ListRecords", metadataPrefix="oai_dc", set="anything")) == "noSetHierarchy"


def test_a_set_with_no_records_matches_none():
    CollectionFactory(slug="empty")
    make_resource()
    assert error_code(oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set="empty")) == "noRecordsMatch"
    assert error_code(oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set="unknown")) == "noRecordsMatch"


# --- lists: what is harvested ---------------------------------------------------------------------


def listed_identifiers(root, verb="ListIdentifiers"):
    path = (
        f"oai:{verb}/oai:header/oai:identifier"
        if verb == "ListIdentifiers"
        else f"oai:{verb}/oai:record/oai:header/oai:identifier"
    )
    return texts(root, path)


def test_lists_hold_the_public_resources_in_datestamp_order_and_deleted_ones_as_deleted():
    first, second, third = make_resource(), make_resource(access=Resource.Access.LENDING), make_resource()
    staff_only = make_resource(access=Resource.Access.STAFF)
    withdrawn_staff_only = withdraw_resource(resource=make_resource(access=Resource.Access.STAFF))
    set_datestamp(third, datetime(2020, 1, 1, tzinfo=UTC))
    withdraw_resource(resource=second)
    root = oai(verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert listed_identifiers(root) == [identifier(third), identifier(first), identifier(second)]
    headers = root.findall("oai:ListIdentifiers/oai:header", NS)
    assert [header.get("status") for header in headers] == [None, None, "deleted"]
    assert root.find("oai:ListIdentifiers/oai:resumptionToken", NS) is None

    records = oai(verb="ListRecords", metadataPrefix="oai_dc")
    listed = records.findall("oai:ListRecords/oai:record", NS)
    assert [record.find("oai:metadata", NS) is not None for record in listed] == [True, True, False]
    for hidden in (staff_only, withdrawn_staff_only):
        assert identifier(hidden) not in listed_identifiers(root)
        assert identifier(hidden) not in listed_identifiers(records, "ListRecords")
        assert f":{hidden.pk}<".encode() not in etree.tostring(records)


def test_lists_by_set():
    rare = CollectionFactory(slug="rare")
    other = CollectionFactory(slug="other")
    in_rare = make_resource(collections=[rare, other])
    make_resource(collections=[other])
    make_resource(access=Resource.Access.STAFF, collections=[rare])
    root = oai(verb="ListRecords", metadataPrefix="oai_dc", set="rare")
    assert listed_identifiers(root, "ListRecords") == [identifier(in_rare)]
    assert texts(root, "oai:ListRecords/oai:record/oai:header/oai:setSpec") == ["other", "rare"]
    assert root.find("oai:request", NS).get("set") == "rare"


@pytest.fixture
def dated():
    """Four resources with datestamps 2024-01-01 09:59:59.5, 10:00:00.25, 10:00:01 and 2024-01-02 00:00:00."""
    moments = [
        datetime(2024, 1, 1, 9, 59, 59, 500000, tzinfo=UTC),
        datetime(2024, 1, 1, 10, 0, 0, 250000, tzinfo=UTC),
        datetime(2024, 1, 1, 10, 0, 1, tzinfo=UTC),
        datetime(2024, 1, 2, tzinfo=UTC),
    ]
    resources = []
    for moment in moments:
        resource = make_resource()
        set_datestamp(resource, moment)
        resources.append(resource)
    return resources


@pytest.mark.parametrize(
    ("bounds", "expected"),
    [
        ({"from": "2024-01-01T10:00:00Z"}, [1, 2, 3]),
        ({"until": "2024-01-01T10:00:00Z"}, [0, 1]),
        ({"from": "2024-01-01T10:00:00Z", "until": "2024-01-01T10:00:00Z"}, [1]),
        ({"from": "2024-01-01T10:00:01Z", "until": "2024-01-01T23:59:59Z"}, [2]),
        ({"from": "2024-01-02"}, [3]),
        ({"until": "2024-01-01"}, [0, 1, 2]),
        ({"from": "2024-01-01", "until": "2024-01-01"}, [0, 1, 2]),
        ({"from": "2023-01-01", "until": "2024-12-31"}, [0, 1, 2, 3]),
    ],
)
def test_from_and_until_select_by_datestamp_in_both_granularities(dated, bounds, expected):
    root = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", **bounds)
    assert listed_identifiers(root) == [identifier(dated[index]) for index in expected]
    for name, value in bounds.items():
        assert root.find("oai:request", NS).get(name) == value


@pytest.mark.parametrize("bounds", [{"from": "2024-01-03"}, {"until": "2023-12-31T23:59:59Z"}])
def test_from_and_until_outside_the_datestamps_match_no_records(dated, bounds):
    assert error_code(oai(verb="ListRecords", metadataPrefix="oai_dc", **bounds)) == "noRecordsMatch"


# --- resumption -----------------------------------------------------------------------------------


def harvest(verb, settings, **arguments):
    """Every page of a list: [(page root, its resumptionToken element or None)]."""
    pages = []
    root = oai(verb=verb, **arguments)
    while True:
        token = root.find(f"oai:{verb}/oai:resumptionToken", NS)
        pages.append((root, token))
        if token is None or not token.text:
            return pages
        root = oai(verb=verb, resumptionToken=token.text)


@pytest.mark.parametrize("verb", ["ListIdentifiers", "ListRecords"])
def test_resumption_through_a_whole_list(settings, verb):
    settings.OAI_PAGE_SIZE = 2
    resources = [make_resource(title_en=f"Book {n}") for n in range(5)]
    make_resource(access=Resource.Access.STAFF)
    pages = harvest(verb, settings, metadataPrefix="oai_dc")
    assert len(pages) == 3
    tokens = [token for _root, token in pages]
    assert [token.get("completeListSize") for token in tokens] == ["5", "5", "5"]
    assert [token.get("cursor") for token in tokens] == ["0", "2", "4"]
    assert all(token.text for token in tokens[:2])
    assert all(token.get("expirationDate", "").endswith("Z") for token in tokens[:2])
    # The last page of a split list ends with an empty token, as the protocol requires.
    assert tokens[2].text is None
    assert tokens[2].get("expirationDate") is None
    seen = [name for root, _token in pages for name in listed_identifiers(root, verb)]
    assert seen == [identifier(resource) for resource in sorted(resources, key=lambda r: (r.modified_at, r.pk))]
    # Each next page echoes only the token.
    assert dict(pages[1][0].find("oai:request", NS).attrib) == {"verb": verb, "resumptionToken": tokens[0].text}


def test_resumption_keeps_the_set_and_the_interval(settings, dated):
    settings.OAI_PAGE_SIZE = 1
    collection = CollectionFactory(slug="kept")
    for resource in dated:
        resource.collections.add(collection)
    outside = make_resource(collections=[collection])
    set_datestamp(outside, datetime(2025, 1, 1, tzinfo=UTC))
    make_resource()
    pages = harvest("ListIdentifiers", settings, metadataPrefix="oai_dc", set="kept", until="2024-01-01")
    seen = [name for root, _token in pages for name in listed_identifiers(root)]
    assert seen == [identifier(resource) for resource in dated[:3]]
    assert pages[-1][1].get("completeListSize") == "3"


def test_a_list_that_fits_one_page_has_no_token(settings):
    settings.OAI_PAGE_SIZE = 3
    for _ in range(3):
        make_resource()
    root = oai(verb="ListRecords", metadataPrefix="oai_dc")
    assert root.find("oai:ListRecords/oai:resumptionToken", NS) is None


def test_a_record_changed_during_a_harvest_is_sent_again_and_none_is_skipped(settings):
    settings.OAI_PAGE_SIZE = 2
    resources = [make_resource() for _ in range(4)]
    for n, resource in enumerate(resources):
        set_datestamp(resource, datetime(2024, 1, 1, tzinfo=UTC) + timedelta(minutes=n))
    first = oai(verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = first.find("oai:ListIdentifiers/oai:resumptionToken", NS).text
    set_datestamp(resources[0], datetime(2024, 6, 1, tzinfo=UTC))
    second = oai(verb="ListIdentifiers", resumptionToken=token)
    assert listed_identifiers(first) + listed_identifiers(second) == [
        identifier(resources[0]),
        identifier(resources[1]),
        identifier(resources[2]),
        identifier(resources[3]),
    ]
    assert listed_identifiers(second) == [identifier(resources[2]), identifier(resources[3])]
    third = oai(verb="ListIdentifiers", resumptionToken=second.find("oai:ListIdentifiers/oai:resumptionToken", NS).text)
    assert listed_identifiers(third) == [identifier(resources[0])]


def first_token(settings):
    settings.OAI_PAGE_SIZE = 1
    make_resource()
    make_resource()
    root = oai(verb="ListRecords", metadataPrefix="oai_dc")
    return root.find("oai:ListRecords/oai:resumptionToken", NS).text


def test_the_token_is_opaque(settings):
    token = first_token(settings)
    assert "oai_dc" not in token
    assert "cursor" not in token


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: "x" + token,
        lambda token: signing.dumps({"p": "oai_dc", "c": 100000}, salt="library.oai.resumption"),
        lambda token: signing.dumps({"p": "oai_dc"}, salt="another.salt"),
        lambda token: "not a token",
    ],
    ids=["changed", "prefixed", "incomplete", "other-salt", "garbage"],
)
def test_a_tampered_token_is_a_bad_resumption_token(settings, tamper):
    token = first_token(settings)
    root = oai(verb="ListRecords", resumptionToken=tamper(token))
    assert error_code(root) == "badResumptionToken"
    assert root.find("oai:request", NS).get("verb") == "ListRecords"


def test_an_expired_token_is_a_bad_resumption_token(settings):
    settings.OAI_RESUMPTION_TOKEN_HOURS = 24
    token = first_token(settings)
    later = datetime.now(UTC).timestamp() + 25 * 3600
    with mock.patch("django.core.signing.time.time", return_value=later):
        root = oai(verb="ListRecords", resumptionToken=token)
    assert error_code(root) == "badResumptionToken"
    assert "expired" in root.findtext("oai:error", namespaces=NS)


def test_a_token_still_valid_resumes(settings):
    token = first_token(settings)
    root = oai(verb="ListIdentifiers", resumptionToken=token)
    assert len(listed_identifiers(root)) == 1


# --- queries ------------------------------------------------------------------------------------------


def rich_catalog(count):
    subjects = [SubjectFactory() for _ in range(3)]
    collections = [CollectionFactory() for _ in range(2)]
    for _ in range(count):
        make_resource(subjects=subjects, collections=collections)
    return collections


@pytest.mark.parametrize("verb", ["ListRecords", "ListIdentifiers"])
def test_a_page_takes_a_constant_number_of_queries(settings, verb):
    collections = rich_catalog(9)
    counts = []
    for size in (2, 8):
        settings.OAI_PAGE_SIZE = size
        with assert_max_queries(4) as first:
            root = oai(verb=verb, metadataPrefix="oai_dc")
        token = root.find(f"oai:{verb}/oai:resumptionToken", NS).text
        with assert_max_queries(4) as next_page:
            oai(verb=verb, resumptionToken=token)
        with assert_max_queries(5) as in_set:
            oai(verb=verb, metadataPrefix="oai_dc", set=collections[0].slug)
        counts.append((len(first), len(next_page), len(in_set)))
    assert counts[0] == counts[1] == (4, 4, 5)


def test_get_record_takes_three_queries():
    resource = rich_catalog(1) and Resource.objects.get()
    with assert_max_queries(3):
        oai(verb="GetRecord", identifier=identifier(resource), metadataPrefix="oai_dc")


# --- a real harvester ----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_sickle_harvests_every_public_resource_exactly_once(live_server, settings):
    settings.OAI_PAGE_SIZE = 3
    collection = CollectionFactory(slug="harvested")
    public = [make_resource(title_en=f"Open {n}", collections=[collection] if n % 2 else []) for n in range(5)] + [
        make_resource(title_en="For residents", access=Resource.Access.RESIDENTS),
        make_resource(title_en="On loan", access=Resource.Access.LENDING),
    ]
    withdrawn = withdraw_resource(resource=make_resource(title_en="Withdrawn"))
    make_resource(title_en="Staff only", access=Resource.Access.STAFF)

    sickle = Sickle(f"{live_server.url}/oai", max_retries=0)
    # A harvester that asks for no language reads the site's default one.
    with translation.override("zh-hans"):
        assert sickle.Identify().repositoryName == str(settings.PORTAL_NAME)
    records = list(sickle.ListRecords(metadataPrefix="oai_dc", ignore_deleted=True))
    harvested = [record.header.identifier for record in records]
    assert sorted(harvested) == sorted(identifier(resource) for resource in public)
    assert len(harvested) == len(set(harvested))
    titles = {title for record in records for title in record.metadata["title"]}
    assert "Staff only" not in titles and "On loan" in titles

    # By POST as well (a form-encoded body), resumption tokens included.
    headers = list(Sickle(f"{live_server.url}/oai", http_method="POST").ListIdentifiers(metadataPrefix="oai_dc"))
    assert {header.identifier for header in headers if header.deleted} == {identifier(withdrawn)}
    assert len(headers) == len(public) + 1

    in_set = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", set="harvested"))
    assert sorted(header.identifier for header in in_set) == sorted(identifier(r) for r in public[1:5:2])
    assert [s.setSpec for s in sickle.ListSets()] == ["harvested"]
