"""Finding resources: the one selector behind the /library/ page, the API and site search (the same ranking).

    results = search(user=request.user, query="红楼 paintings", filters=parse_filters(request.GET))
    results.resources   # ordered queryset of visible resources (paginate it)
    results.facets      # {"kind": [FacetValue(value, label, count, selected)], "subject": […], …}
    results.snippet(r)  # safe HTML with <mark>ed matches, or None where the query did not match its text

Matching: every word of the query must match (AND). English words are stemmed ("paintings" finds
"painting"); Chinese is matched by the pairs of consecutive characters the index holds
(library.search_text), so any two or more consecutive characters of a title find it, and a single
character finds it as a prefix. Ranking: bm25 with column weights on SQLite, ts_rank with weights
A–D on PostgreSQL; titles weigh most. An empty or all-syntax query lists everything, newest first.

Facets count the whole result (every filter applied), in one query. Within a facet the values chosen
are alternatives (kind=ebook&kind=audio); across facets all must hold.
"""

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from portal.models import District, Organizer
from portal.scoping import is_organizer_staff

from ..models import Loan, Resource, Subject
from ..search_text import INDEX_VERSION_KEY, TABLE, parse_query
from .catalog import visible_resources

FACETS = {
    "kind": gettext_lazy("Kind"),
    "subject": gettext_lazy("Subject"),
    "language": gettext_lazy("Language"),
    "access": gettext_lazy("Access"),
    "decade": gettext_lazy("Decade"),
    "organizer": gettext_lazy("Library"),
    "district": gettext_lazy("District"),
}
SORTS = {
    "relevance": gettext_lazy("Best match"),
    "newest": gettext_lazy("Newest"),
    "borrowed": gettext_lazy("Most borrowed"),
}
LANGUAGE_NAMES = {"zh": gettext_lazy("Chinese"), "en": gettext_lazy("English")}
LIST_DEFERRED = ("body", "transcript", "transcript_zh_hans", "transcript_en")
MAX_FILTER_VALUES = 20
MAX_VALUE_LENGTH = 100
SUBJECT_FACET_SIZE = 20
FACETS_CACHE_SECONDS = 600
SNIPPET_LENGTH = 180
SNIPPET_LEAD = 50

# bm25 weights of the FTS5 columns (title, creator, subjects, description, other); ts_rank weights D, C, B, A.
SQLITE_RANK = f"bm25({TABLE}, 10.0, 4.0, 3.0, 1.0, 0.5)"
POSTGRESQL_WEIGHTS = "{0.05, 0.2, 0.4, 1.0}"


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


def parse_filters(data):
    """The facet filters in `data` (a QueryDict or a dict of lists): {facet: [values]}, cleaned of NUL."""
    filters = {}
    for name in FACETS:
        values = data.getlist(name) if hasattr(data, "getlist") else data.get(name) or []
        if isinstance(values, str):
            values = [values]
        cleaned = [str(v).replace("\x00", "").strip()[:MAX_VALUE_LENGTH] for v in values][:MAX_FILTER_VALUES]
        cleaned = list(dict.fromkeys(v for v in cleaned if v))
        if cleaned:
            filters[name] = cleaned
    return filters


def _match(terms):
    """For `terms`: the join with the index, the match condition and its params, the score (lower first)
    and its params."""
    if connection.vendor == "sqlite":
        expression = " AND ".join(
            [f'"{token}"' for token in terms.words + terms.cjk] + [f'"{char}" *' for char in terms.prefixes]
        )
        return f"{TABLE}.rowid = library_resource.id", f"{TABLE} MATCH %s", [expression], SQLITE_RANK, []
    parts, params = [], []
    if terms.words:
        parts.append("plainto_tsquery('english', %s)")
        params.append(" ".join(terms.words))
    if terms.cjk:
        parts.append("plainto_tsquery('simple', %s)")
        params.append(" ".join(terms.cjk))
    if terms.prefixes:
        parts.append("to_tsquery('simple', %s)")
        params.append(" & ".join(f"{char}:*" for char in terms.prefixes))
    query = " && ".join(parts)
    return (
        f"{TABLE}.resource_id = library_resource.id",
        f"{TABLE}.document @@ ({query})",
        params,
        f"-ts_rank('{POSTGRESQL_WEIGHTS}', {TABLE}.document, {query})",
        params,
    )


def _filtered(resources, filters):
    if "kind" in filters:
        resources = resources.filter(kind__in=filters["kind"])
    if "language" in filters:
        resources = resources.filter(language__in=filters["language"])
    if "access" in filters:
        resources = resources.filter(access__in=filters["access"])
    if "organizer" in filters:
        resources = resources.filter(organizer__slug__in=filters["organizer"])
    if "district" in filters:
        resources = resources.filter(organizer__district__code__in=filters["district"])
    if "subject" in filters:
        tagged = Resource.subjects.through.objects.filter(
            resource_id=OuterRef("pk"), subject__slug__in=filters["subject"]
        )
        resources = resources.filter(Exists(tagged))
    if "decade" in filters:
        decades = {int(v) // 10 * 10 for v in filters["decade"] if v.isascii() and v.isdigit() and len(v) <= 4}
        any_decade = Q(pk__in=[])
        for decade in decades:
            any_decade |= Q(year__gte=decade, year__lt=decade + 10)
        resources = resources.filter(any_decade)
    return resources


def search(*, user, query="", filters=None, sort="relevance"):
    """The resources `user` may see that match `query` and `filters`, ordered by `sort`.

    `sort` is "relevance" (titles first), "newest" or "borrowed" (most loans ever); without query
    terms, "relevance" means newest. Never raises on odd input: see library.search_text.
    """
    terms = parse_query(query)
    filters = filters or {}
    resources = _filtered(visible_resources(user), filters)
    score = None
    if terms:
        join, condition, params, score_sql, score_params = _match(terms)
        # A join with the index table (not a model): extra() is the ORM's way to name one.
        resources = resources.extra(tables=[TABLE], where=[join, condition], params=params)
        score = RawSQL(score_sql, score_params)
    sort = sort if sort in SORTS else "relevance"
    # Lists never show an article's text or a transcript: they stay in the database.
    ordered = resources.select_related("organizer__district").defer(*LIST_DEFERRED)
    if sort == "borrowed":
        loans = Loan.objects.filter(resource=OuterRef("pk")).order_by().values("resource").annotate(n=Count("*"))
        ordered = ordered.annotate(loan_count=Coalesce(Subquery(loans.values("n")), 0, output_field=IntegerField()))
        ordered = ordered.order_by("-loan_count", "-created_at", "-id")
    elif sort == "relevance" and score is not None:
        ordered = ordered.annotate(score=score).order_by("score", "-created_at", "-id")
    else:
        ordered = ordered.order_by("-created_at", "-id")
    return SearchResults(resources=ordered, matched=resources, terms=terms, filters=filters, sort=sort, user=user)


def value_label(facet, value, name_zh="", name_en=""):
    """How a facet's value is named in the active language (subjects and places by their names, if given)."""
    if facet == "kind":
        return str(Resource.Kind(value).label) if value in Resource.Kind.values else value
    if facet == "access":
        return str(Resource.Access(value).label) if value in Resource.Access.values else value
    if facet == "language":
        return language_name(value)
    if facet == "decade":
        return decade_label(value)
    first, second = (name_zh, name_en) if (get_language() or "").startswith("zh") else (name_en, name_zh)
    return first or second or value


def language_name(code):
    if code in LANGUAGE_NAMES:
        return str(LANGUAGE_NAMES[code])
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


def decade_label(decade):
    return _("%(decade)ss") % {"decade": decade}


class SearchResults:
    def __init__(self, *, resources, matched, terms, filters, sort, user):
        self.resources = resources
        self.terms = terms
        self.filters = filters
        self.sort = sort
        self._matched = matched
        self._user = user

    @cached_property
    def facets(self):
        """{facet: [FacetValue]} over the whole result, most frequent first (decades newest first).

        What the public may see is the same for every visitor and resident: their facets are kept in
        the cache until the index changes (search_text.INDEX_VERSION_KEY) or FACETS_CACHE_SECONDS pass.
        """
        if self._user.is_authenticated and is_organizer_staff(self._user):
            return self._count_facets()
        version = cache.get(INDEX_VERSION_KEY, 0)
        words = repr((self.terms.words, self.terms.cjk, self.terms.prefixes, sorted(self.filters.items())))
        key = f"library:facets:{version}:{get_language()}:{hashlib.sha256(words.encode()).hexdigest()}"
        facets = cache.get(key)
        if facets is None:
            facets = self._count_facets()
            cache.set(key, facets, FACETS_CACHE_SECONDS)
        return facets

    @property
    def count(self):
        """How many resources match: the kind facet's counts add up to it (every resource has a kind)."""
        return sum(value.count for value in self.facets["kind"])

    @property
    def listing(self):
        """`resources` for a paginator, with the count taken from the facets (no second count query)."""
        return _Listing(self.resources, lambda: self.count)

    def _count_facets(self):
        facets = {name: [] for name in FACETS}
        inner = self._matched.order_by().values("id", "kind", "language", "access", "year", "organizer_id")
        try:
            inner_sql, params = inner.query.sql_with_params()
        except EmptyResultSet:  # a filter that can match nothing (decade=abc)
            return facets
        through = Resource.subjects.through._meta.db_table
        subject, organizer, district = Subject._meta.db_table, Organizer._meta.db_table, District._meta.db_table
        sql = f"""
            WITH matched AS MATERIALIZED ({inner_sql})
            SELECT 'kind', kind, NULL, NULL, COUNT(*) FROM matched GROUP BY kind
            UNION ALL SELECT 'language', language, NULL, NULL, COUNT(*) FROM matched
                WHERE language <> '' GROUP BY language
            UNION ALL SELECT 'access', access, NULL, NULL, COUNT(*) FROM matched GROUP BY access
            UNION ALL SELECT 'decade', CAST(year / 10 * 10 AS TEXT), NULL, NULL, COUNT(*) FROM matched
                WHERE year IS NOT NULL GROUP BY 2
            UNION ALL SELECT 'subject', s.slug, s.name_zh_hans, s.name_en, COUNT(*) FROM matched
                JOIN {through} rs ON rs.resource_id = matched.id JOIN {subject} s ON s.id = rs.subject_id
                GROUP BY s.slug, s.name_zh_hans, s.name_en
            UNION ALL SELECT 'organizer', o.slug, o.name_zh_hans, o.name_en, COUNT(*) FROM matched
                JOIN {organizer} o ON o.id = matched.organizer_id GROUP BY o.slug, o.name_zh_hans, o.name_en
            UNION ALL SELECT 'district', d.code, d.name_zh_hans, d.name_en, COUNT(*) FROM matched
                JOIN {organizer} o ON o.id = matched.organizer_id JOIN {district} d ON d.id = o.district_id
                GROUP BY d.code, d.name_zh_hans, d.name_en
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        for name, value, name_zh, name_en, count in rows:
            value = str(value)
            label = value_label(name, value, name_zh, name_en)
            facets[name].append(FacetValue(value, label, count, value in self.filters.get(name, ())))
        for name, values in facets.items():
            if name == "decade":
                values.sort(key=lambda v: -int(v.value))
            else:
                values.sort(key=lambda v: (-v.count, v.label))
        facets["subject"] = facets["subject"][:SUBJECT_FACET_SIZE]
        return facets

    @cached_property
    def _highlight(self):
        """A regex of what to mark: the query's CJK runs and their pairs, and each word's stem as a prefix."""
        terms = self.terms
        cjk = sorted({*terms.runs, *terms.cjk, *terms.prefixes}, key=len, reverse=True)
        parts = [re.escape(token) for token in cjk]
        parts += [rf"\b{re.escape(_stem(word))}\w*" for word in sorted(terms.words, key=len, reverse=True)]
        return re.compile("|".join(parts), re.IGNORECASE) if parts else None

    def snippet(self, resource):
        """A short passage of `resource` where the query matched, escaped, with <mark> around the matches."""
        pattern = self._highlight
        if pattern is None:
            return None
        zh_first = (get_language() or "").startswith("zh")
        languages = ("zh_hans", "en") if zh_first else ("en", "zh_hans")
        sources = [strip_tags(getattr(resource, f"description_{code}") or "") for code in languages]
        sources += [getattr(resource, f"title_{code}") or "" for code in reversed(languages)]
        sources.append(resource.creator)
        for text in sources:
            text = " ".join(text.split())
            found = pattern.search(text)
            if found:
                return _marked(text, found.start(), pattern)
        return None


class _Listing:
    def __init__(self, resources, count):
        self._resources = resources
        self._count = count

    def count(self):
        return self._count()

    def __len__(self):
        return self._count()

    def __getitem__(self, index):
        return self._resources[index]


def _stem(word):
    """A rough English stem for highlighting (the engines' own stemming decides what matches)."""
    for suffix in ("ings", "ing", "ies", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _marked(text, first, pattern):
    start = max(0, first - SNIPPET_LEAD)
    end = min(len(text), start + SNIPPET_LENGTH)
    window = text[start:end]
    pieces, position = [], 0
    for match in pattern.finditer(window):
        pieces.append(escape(window[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    pieces.append(escape(window[position:]))
    return mark_safe(("…" if start else "") + "".join(pieces) + ("…" if end < len(text) else ""))
