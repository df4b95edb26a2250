"""Every admin filters only by its declared filters, search and date hierarchy: any other lookup in the
query string is a 400 and its query never runs. Hidden counts, anonymous authors and the marks of events
with too few answers are out of reach of the admin's filters, ordering, columns and change pages."""

import re
from datetime import timedelta
from urllib.parse import parse_qs

import pytest
from django.contrib import admin
from django.contrib.admin.filters import FieldListFilter
from django.contrib.admin.utils import get_fields_from_path
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import Proposal
from events.services import votes
from tests.factories import (
    EvaluationFactory,
    OpenProposalFactory,
    OrganizerFactory,
    UserFactory,
    VenueFactory,
    VotingRoundFactory,
    attendee_of,
    make_moderator,
    make_staff,
    past_event,
)
from tests.utils import client_for

pytestmark = pytest.mark.django_db

ADMINS = sorted(admin.site._registry.values(), key=lambda model_admin: model_admin.opts.label)


def changelist(model_admin):
    return reverse(f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}_changelist")


def filter_specs(model_admin, request):
    """The filters Django builds for the changelist (as ChangeList.get_filters does), with no parameters."""
    model = model_admin.model
    for item in model_admin.get_list_filter(request):
        if isinstance(item, (list, tuple)):
            path, filter_class = item
        elif callable(item):
            yield item(request, {}, model, model_admin)
            continue
        else:
            path, filter_class = item, FieldListFilter.create
        field = get_fields_from_path(model, path)[-1]
        yield filter_class(field, request, {}, model, model_admin, field_path=path)


def declared_parameters(model_admin, request):
    """What the page itself offers: its filters' parameters and the date hierarchy's."""
    parameters = {p for spec in filter_specs(model_admin, request) for p in spec.expected_parameters()}
    if model_admin.date_hierarchy:
        parameters |= {f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")}
    return parameters


def lookups_on_every_field(model):
    """Each field of the model (own, related and reverse) in the forms a probe would try."""
    for field in model._meta.get_fields():
        names = [field.name]
        if field.concrete and (field.many_to_one or field.one_to_one):
            names.append(field.attname)  # user_id
        for name in names:
            yield from (name, f"{name}__in", f"{name}__gte", f"{name}__exact", f"{name}__isnull")
        if field.is_relation:
            pk = field.related_model._meta.pk.name
            yield from (f"{field.name}__{pk}", f"{field.name}__{pk}__exact", f"{field.name}__{pk}__in")
    yield from ("pk", "pk__in", "pk__gte")


def value_for(parameter):
    if parameter.endswith(("__gte", "__lt")):
        return "2026-01-01 00:00:00+00:00"
    return {"year": "2026", "month": "1", "day": "2", "isnull": "True", "isempty": "1", "in": "1,2"}.get(
        parameter.rsplit("__", 1)[-1], "1"
    )


@pytest.fixture
def superuser():
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.mark.parametrize("model_admin", ADMINS, ids=lambda model_admin: model_admin.opts.label)
def test_every_lookup_outside_the_declared_filters_is_refused_before_any_query(model_admin, superuser):
    client = client_for(superuser)
    url = changelist(model_admin)
    request = RequestFactory().get(url)
    request.user = superuser
    declared = declared_parameters(model_admin, request)
    # The admin's own rule is Django's filters' parameters, no more and no fewer.
    assert model_admin.declared_lookups(request) == declared

    with CaptureQueriesContext(connection) as index:
        client.get("/admin/")
    everywhere = {query["sql"] for query in index.captured_queries}  # the session and the signed-in user
    table = f'"{model_admin.opts.db_table}"'
    failures = []
    for lookup in sorted(set(lookups_on_every_field(model_admin.model)) - declared):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {lookup: value_for(lookup)})
        ran = [q["sql"] for q in queries.captured_queries if table in q["sql"] and q["sql"] not in everywhere]
        if response.status_code != 400 or ran:
            failures.append(f"?{lookup}= answered {response.status_code} after {len(ran)} query(ies) on {table}")
    assert not failures, "\n".join(failures)

    for parameter in sorted(declared):
        response = client.get(url, {parameter: value_for(parameter)})
        assert response.status_code == 200, f"?{parameter}= answered {response.status_code}"
    assert client.get(url, {"q": "x", "o": "1", "p": "1"}).status_code == 200
    assert client.get(url, {"_popup": "1", "_to_field": model_admin.opts.pk.attname}).status_code == 200


def test_every_link_the_filters_offer_still_works_on_the_demo(demo, superuser):
    client = client_for(superuser)
    failures, followed = [], 0
    for model_admin in ADMINS:
        url = changelist(model_admin)
        response = client.get(url, {"_facets": "True"})
        assert response.status_code == 200, url
        cl = response.context["cl"]
        # One link for each set of parameters a filter offers (all its values would only repeat the test).
        links = {
            frozenset(parse_qs(choice["query_string"][1:])): choice["query_string"]
            for spec in cl.filter_specs
            for choice in spec.choices(cl)
        }
        if model_admin.date_hierarchy:
            links[None] = f"?{model_admin.date_hierarchy}__year=2026&{model_admin.date_hierarchy}__month=12"
        for link in sorted(links.values()):
            followed += 1
            if (status := client.get(url + link).status_code) != 200:
                failures.append(f"{url}{link} answered {status}")
    assert not failures, "\n".join(failures)
    assert followed > 50


# --- The findings, one by one ---------------------------------------------------------------------------------


@pytest.fixture
def hidden_round():
    voting_round = VotingRoundFactory(hide_counts_until_closed=True)
    one = OpenProposalFactory(round=voting_round, title_en="One vote")
    OpenProposalFactory(round=voting_round, title_en="No vote")
    votes.cast_vote(user=UserFactory(), proposal=one)
    return voting_round


def test_staff_cannot_find_a_hidden_count_by_filtering_proposals(hidden_round):
    client = client_for(make_staff(OrganizerFactory()))
    url = "/admin/events/proposal/"
    assert len(client.get(url, {"round__id__exact": hidden_round.pk}).context["cl"].result_list) == 2
    for probe in ["vote_count=1", "vote_count__gte=1", "rank=1", "votes__isnull=False", "votes__id__gte=1"]:
        assert client.get(f"{url}?round__id__exact={hidden_round.pk}&{probe}").status_code == 400, probe


def test_no_column_or_ordering_ranks_the_proposals_of_a_hidden_round(hidden_round):
    # A rank left from an earlier closing (a round extended after it closed) hides like the count.
    Proposal.objects.filter(title_en="One vote").update(rank=1)
    Proposal.objects.filter(title_en="No vote").update(rank=2)
    one = Proposal.objects.get(title_en="One vote")
    for user in (make_staff(OrganizerFactory()), make_moderator()):
        client = client_for(user)
        orders = set()
        for column in ("5", "6"):  # the votes and rank columns
            for o in (column, f"-{column}"):
                response = client.get("/admin/events/proposal/", {"o": o})
                assert response.status_code == 200
                orders.add(tuple(row.pk for row in response.context["cl"].result_list))
                cells = re.findall(r'class="field-(?:votes|rank)\w*">([^<]*)<', response.content.decode())
                assert cells and not any(cell.strip().isdigit() for cell in cells), cells
        assert len(orders) == 1  # sorting by either column leaves the list as it was
        change = client.get(f"/admin/events/proposal/{one.pk}/change/").content.decode()
        assert not re.search(r'field-rank\w*">.*?<div class="readonly">\s*1\s*<', change, re.S)


def test_anonymous_authors_cannot_be_found_from_the_evaluation_or_user_lists():
    event = past_event()
    author = attendee_of(event)
    given = timezone.localtime().replace(hour=14, minute=37) - timedelta(days=1)
    evaluation = EvaluationFactory(event=event, user=author, anonymous=True, created_at=given)
    client = client_for(make_staff(event.organizer))
    url = "/admin/events/evaluation/"
    # As in the feedback CSV, the list and the page give the day, not the time, of an answer.
    for page in (client.get(url), client.get(f"{url}{evaluation.pk}/change/")):
        assert page.status_code == 200 and "2:37" not in page.content.decode()
    for probe in ["user_id", "user_id__in", "user_id__gte", "user__id__exact", "user", "user__username"]:
        response = client.get(f"{url}?anonymous__exact=1&{probe}={author.pk}")
        assert response.status_code == 400, probe
    # Moderators read every evaluation and may list users: no lookup leads from one to the other.
    moderator = client_for(make_moderator())
    assert moderator.get("/admin/portal/user/").status_code == 200
    for probe in [f"evaluations__id={evaluation.pk}", f"evaluations__id__in={evaluation.pk}", "evaluations__isnull=0"]:
        assert moderator.get(f"/admin/portal/user/?{probe}").status_code == 400, probe


MARK_CELL = re.compile(r'class="field-(?:content|organisation|venue|recommend)\w*">([^<]*)<')


def marks_shown(html):
    return [cell for cell in MARK_CELL.findall(html) if cell.strip().isdigit()]


def test_the_evaluation_list_and_page_withhold_marks_below_five_answers():
    small, large = past_event(title_en="Small"), past_event(title_en="Large")
    few = [EvaluationFactory(event=small, user=attendee_of(small), content=mark, venue=mark) for mark in (1, 2, 3)]
    for _number in range(5):
        EvaluationFactory(event=large, user=attendee_of(large))
    client = client_for(make_staff(small.organizer))

    response = client.get("/admin/events/evaluation/")
    page = response.content.decode()
    assert len(MARK_CELL.findall(page)) == 4 * 3 and not marks_shown(page)
    assert "fewer than 5 answers" in page
    change = client.get(f"/admin/events/evaluation/{few[0].pk}/change/").content.decode()
    assert 'class="readonly">1<' not in change and "fewer than 5 answers" in change
    # Sorting by a mark tells nothing either: the mark columns do not sort.
    listed = [row.pk for row in response.context["cl"].result_list]
    assert listed == [e.pk for e in reversed(few)]
    for o in ("3", "-3", "5", "-5"):  # content and venue
        assert [row.pk for row in client.get("/admin/events/evaluation/", {"o": o}).context["cl"].result_list] == listed

    moderator = client_for(make_moderator()).get("/admin/events/evaluation/").content.decode()
    assert len(marks_shown(moderator)) == 4 * 5  # the event with five answers shows its marks


def test_autocomplete_searches_only_what_its_admin_shows_and_ignores_lookups():
    mine, other = VenueFactory(name_en="Hall mine"), VenueFactory(name_en="Hall other")
    staff = client_for(make_staff(mine.organizer))
    url = "/admin/autocomplete/?app_label=events&model_name=event&field_name=venue&term=Hall"
    for extra in ("", f"&organizer={other.organizer.pk}", f"&pk={other.pk}", f"&id__in={other.pk}"):
        assert [item["id"] for item in staff.get(url + extra).json()["results"]] == [str(mine.pk)], extra
    # Organizer staff cannot look residents up by address through the staff field of an organizer.
    users = "/admin/autocomplete/?app_label=portal&model_name=organizer&field_name=staff&term=example.org"
    assert staff.get(users).status_code == 403
