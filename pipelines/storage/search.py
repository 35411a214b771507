"""Full-text search over ``articles_fts`` with Snowball stemming for both languages.

User input is never passed to FTS5 as syntax: it is split into word tokens and
each token is double-quoted, so quotes, operators (AND, NEAR, ``*``, ``:``,
``^``) and parentheses in a query are just text.
"""

from __future__ import annotations

from typing import Any, Protocol

from pipelines.storage.tables import FTS_TABLE, SEARCHABLE_COLUMNS
from pipelines.storage.words import stem_words, tokens

#: More terms than this are ignored: a pasted paragraph should not build a huge query.
MAX_TERMS = 32

#: bm25 weight of a hit in each searchable column: a hit in the title counts most.
WEIGHTS = {"title": 5.0, "body": 1.0, "search_stems": 2.0}
_BM25 = f"bm25({FTS_TABLE}, {', '.join(str(WEIGHTS[c]) for c in SEARCHABLE_COLUMNS)})"
_BODY = SEARCHABLE_COLUMNS.index("body")  # snippets are cut from the body

_SEARCH = f"""
SELECT a.url, a.lang, a.section, a.published, a.title,
       snippet({FTS_TABLE}, {_BODY}, '[', ']', ' … ', 16) AS snippet,
       {_BM25} AS rank
FROM {FTS_TABLE}
JOIN articles AS a ON a.rowid = {FTS_TABLE}.rowid
WHERE {FTS_TABLE} MATCH {{match}} AND (coalesce(:lang, '') = '' OR a.lang = :lang)
ORDER BY rank
"""
_SQL = _SEARCH.format(match=":match") + "LIMIT :limit\n"

#: The same search as SQL with the query in :query and the language in :lang ('' for
#: both), for a tool that can run SQL but not Python (Datasette's canned query "search").
#: MATCH_FUNCTION is registered on its connection as `build_match`.
MATCH_FUNCTION = "newscrawl_match"
SEARCH_SQL = _SEARCH.format(match=f"{MATCH_FUNCTION}(:query)").strip()


class _Executes(Protocol):
    def execute(self, sql: str, parameters: Any = ...) -> Any: ...


def _quote(term: str) -> str:
    """An FTS5 string literal: double quotes, inner quotes doubled."""
    return '"' + term.replace('"', '""') + '"'


def build_match(query: str, lang: str | None = None) -> str | None:
    """FTS5 MATCH expression for a user query, or None when it has no words.

    Every word must match (AND), as itself or by its stem: an article's stems
    are in title/body (when a word is its own stem) or in search_stems. With no
    language given, both stemmers' stems are accepted, mirroring how each
    article was stemmed by its own language.
    """
    # "_" is a word character to Python but a separator to FTS5: a term of underscores
    # alone would be an empty phrase, which matches nothing and so fails the whole AND.
    words = [w for w in tokens(query) if w.strip("_")][:MAX_TERMS]
    if not words:
        return None
    langs = [lang] if lang else ["en", "ru"]
    stem_lists = [stem_words(words, code) for code in langs]
    clauses = []
    for i, word in enumerate(words):
        options = dict.fromkeys([word] + [stems[i] for stems in stem_lists])
        clauses.append("(" + " OR ".join(_quote(term) for term in options) + ")")
    return " AND ".join(clauses)


def search(
    db: _Executes, query: str, lang: str | None = None, limit: int = 20
) -> list[dict[str, Any]]:
    """Best-matching articles for ``query``, best first (bm25), with a body snippet.

    ``db`` may be a sqlite-utils Database or a plain sqlite3 connection.
    Returns dicts with url, lang, section, published, title, snippet, rank.
    """
    match = build_match(query, lang)
    if match is None or limit <= 0:
        return []
    cursor = db.execute(_SQL, {"match": match, "lang": lang, "limit": int(limit)})
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
