"""How text becomes search tokens: for the index (services/search_index.py) and for queries (selectors/search.py).

Chinese has no spaces, so the engines cannot split it themselves. Each run of CJK characters becomes
jieba's words in search mode, plus every two consecutive characters (bigrams), plus the run's last
character: so any word, any two consecutive characters and (by prefix) any single character of a
title finds it. Everything else is left to the engine's English stemming (FTS5 `porter unicode61`,
PostgreSQL's 'english' configuration).

A query never reaches an engine as written: it is cut into words and CJK tokens here, and the
selector quotes each one. Quotes, `*`, `-`, parentheses, `column:` prefixes, NUL and upper-case
operators (AND, OR, NOT, NEAR) are syntax, not words, and are dropped.
"""

import re
from dataclasses import dataclass, field

import jieba

TABLE = "library_search"  # FTS5 table on SQLite; (resource_id, document tsvector) on PostgreSQL
INDEX_VERSION_KEY = "library:search-index-version"  # bumped by every index write: cached facets are then stale

# Letters only (no CJK punctuation such as 、。・): hiragana, katakana and the prolonged sound mark, CJK
# extension A, unified ideographs and compatibility ideographs.
CJK_LETTERS = "\u3041-\u3096\u30a1-\u30fa\u30fc\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RUN = re.compile(f"[{CJK_LETTERS}]+")
QUERY_TOKEN = re.compile(f"([{CJK_LETTERS}]+)|([^\\W_{CJK_LETTERS}]+)")
COLUMN_PREFIX = re.compile(r"(?<![\w:])[A-Za-z][A-Za-z0-9_]*:(?=\S|$)")
NON_WORD = re.compile(r"[\W_]+")
OPERATORS = {"AND", "OR", "NOT", "NEAR"}

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
MAX_WORD_LENGTH = 40


def cjk_tokens(run):
    """The index tokens of one CJK run: jieba's words (search mode), the bigrams and the last character."""
    words = [word for word in jieba.cut_for_search(run) if word.strip()]
    bigrams = [run[i : i + 2] for i in range(len(run) - 1)]
    return list(dict.fromkeys([*words, *bigrams, run[-1]]))


def split_text(*values):
    """(the words outside CJK runs, for the English analyser; the CJK tokens), each space-separated."""
    text = " ".join(value for value in values if value)
    tokens = [token for run in CJK_RUN.findall(text) for token in cjk_tokens(run)]
    # Split on every non-letter as queries are split (PostgreSQL's parser would keep "-7" as a number).
    return NON_WORD.sub(" ", CJK_RUN.sub(" ", text)).strip(), " ".join(tokens)


@dataclass
class QueryTerms:
    """A query as the engines receive it: every part must match (AND)."""

    words: list[str] = field(default_factory=list)  # non-CJK words, lower case (stemmed by the engine)
    cjk: list[str] = field(default_factory=list)  # CJK tokens that must be in the index (bigrams, pairs)
    prefixes: list[str] = field(default_factory=list)  # single CJK characters, matched as a token prefix
    runs: list[str] = field(default_factory=list)  # the query's CJK runs as typed (for highlighting)

    def __bool__(self):
        return bool(self.words or self.cjk or self.prefixes)


def parse_query(query):
    """The terms of `query`; empty (falsy) for an empty or all-syntax query."""
    text = COLUMN_PREFIX.sub(" ", str(query or "").replace("\x00", " ")[:MAX_QUERY_LENGTH])
    terms = QueryTerms()
    count = 0
    for match in QUERY_TOKEN.finditer(text):
        if count >= MAX_TERMS:
            break
        run, word = match.groups()
        if run:
            terms.runs.append(run)
            if len(run) == 1:
                terms.prefixes.append(run)
                count += 1
                continue
            for pair in dict.fromkeys(run[i : i + 2] for i in range(len(run) - 1)):
                if pair not in terms.cjk and count < MAX_TERMS:
                    terms.cjk.append(pair)
                    count += 1
        elif word not in OPERATORS:
            word = word.lower()[:MAX_WORD_LENGTH]
            if word not in terms.words:
                terms.words.append(word)
                count += 1
    return terms
