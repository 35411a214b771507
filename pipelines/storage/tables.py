"""Every table and column of the news database, declared once.

Everything else is derived from these declarations: the CREATE TABLE and ALTER TABLE
statements of each schema version (schema.py), the article upsert and the copy of
replaced content into article_versions (store.py), the export's columns (queries.py,
export.py), Datasette's column descriptions (datasette_plugin.py) and the schema tables
of README and docs/schema.md (schema_doc.py, checked by a test).

Adding a column to `articles` means one declaration here, with `since` the schema
version that adds it: the migration to that version adds it to existing databases
(ALTER TABLE), and an upsert writes the item's field of the same name. A value that
must be computed for rows already stored needs a data step in schema.py as well.
"""

from __future__ import annotations

from dataclasses import dataclass

#: How an article upsert fills a column (ArticleColumn.source).
ITEM = "item"  # the item's field of the same name, as it is
JSON = "json"  # the item's field of the same name, as JSON text
STORAGE = "storage"  # computed by the store (ArticleStore.upsert_article names each)

#: An upsert's SQL value for a column: the value prepared under the column's own name.
OWN = ":{name}"


@dataclass(frozen=True)
class Column:
    """One column: its SQL type (with constraints), what it holds, and the schema
    version that added it."""

    name: str
    sql_type: str
    description: str
    since: int = 1
    #: crawl_runs: a run counter, filled from the crawl's stats when the run ends.
    counter: bool = False

    @property
    def definition(self) -> str:
        return f"{self.name} {self.sql_type}"


@dataclass(frozen=True)
class ArticleColumn(Column):
    """A column of `articles`, with what the upsert, the versions and the export do with it."""

    #: In `newscrawl export` (everything an analyst reads; not internal search data).
    exported: bool = True
    #: Part of the content: in content_hash, and copied to article_versions when it changes.
    versioned: bool = False
    #: For a versioned column: the description of its copy in article_versions.
    before_change: str = ""
    #: Indexed by the full-text table articles_fts.
    searchable: bool = False
    #: Where the upsert takes the value from: ITEM, JSON or STORAGE; None: never upserted.
    source: str | None = ITEM
    #: SQL value when a new article is inserted (None: left to the column's default).
    insert: str | None = OWN
    #: SQL value when a changed article is rewritten (None: left as it is).
    update: str | None = OWN


@dataclass(frozen=True)
class Index:
    name: str
    columns: tuple[str, ...]
    since: int = 1


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    since: int = 1
    #: A key of several columns (a one-column key is in that column's sql_type).
    primary_key: tuple[str, ...] = ()
    indexes: tuple[Index, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def key(self) -> tuple[str, ...]:
        """The primary key's columns."""
        if self.primary_key:
            return self.primary_key
        return tuple(c.name for c in self.columns if "PRIMARY KEY" in c.sql_type)

    def columns_at(self, version: int) -> tuple[Column, ...]:
        """The columns the table has at schema `version`."""
        return tuple(c for c in self.columns if c.since <= version)


_UTC = "UTC time (ISO 8601)"

ARTICLES = Table(
    "articles",
    "One row per article URL (English and Russian sites), with its latest content. Rows "
    "are never deleted: articles that disappear from the site are marked gone.",
    (
        ArticleColumn(
            "url", "TEXT PRIMARY KEY",
            "Canonical absolute URL of the article (w3lib's canonical form: escapes as "
            "upper-case %XX, host in punycode; no query, no fragment, no default port, "
            "trailing slash); primary key.",
            update=None,  # the key: an update finds the row by it
        ),
        ArticleColumn("lang", "TEXT", "Site language: en or ru."),
        ArticleColumn(
            "section", "TEXT", "Site section the article belongs to, e.g. news_odkb or smi."
        ),
        ArticleColumn(
            "slug", "TEXT",
            "Last path segment of the URL; often shared by the English and Russian versions.",
        ),
        ArticleColumn(
            "title", "TEXT", "Article title.",
            versioned=True, before_change="Title before the change.", searchable=True,
        ),
        ArticleColumn(
            "published", "TEXT", "Publication date, YYYY-MM-DD.",
            versioned=True, before_change="Publication date before the change.",
        ),
        ArticleColumn("summary", "TEXT", "Lead text shown on the section listing, if any."),
        ArticleColumn(
            "body", "TEXT",
            "Article text as plain text; paragraphs separated by one blank line.",
            versioned=True, before_change="Body text before the change.", searchable=True,
        ),
        ArticleColumn(
            "first_seen", "TEXT", f"{_UTC} the crawler first stored the article.",
            source=STORAGE, insert=":seen", update=None,
        ),
        # A re-extracted old page (an earlier `seen`) never moves last_seen back.
        ArticleColumn(
            "last_seen", "TEXT", f"{_UTC} the crawler last saw the article on the site.",
            source=STORAGE, insert=":seen", update="max(coalesce(last_seen, ''), :seen)",
        ),
        ArticleColumn(
            "content_hash", "TEXT",
            "SHA-256 of title, published and body; changes exactly when a new version is "
            "recorded.",
            since=2, source=STORAGE,
        ),
        ArticleColumn(
            "word_count", "INTEGER",
            "Number of words in body (separated by white space, as wc -w counts them).",
            since=2, source=STORAGE,
        ),
        ArticleColumn(
            "updated", "TEXT",
            f"{_UTC} the title, date or body last changed; equals first_seen until the "
            "first change.",
            since=2, source=STORAGE, insert=":now", update=":now",
        ),
        ArticleColumn(
            "body_html", "TEXT",
            "The article's HTML, sanitised (no scripts, styles or event handlers) with links "
            "and images made absolute.",
            since=2, source=STORAGE,
        ),
        ArticleColumn(
            "translation_url", "TEXT",
            "URL of the same article on the other language site, if found (same slug and "
            "section, else the only article of the same section and date).",
            since=2, source=None, insert=None, update=None,  # linked after the upsert
        ),
        ArticleColumn(
            "listing_date", "TEXT",
            "Date shown for the article on the section listing, YYYY-MM-DD, if any.",
            since=2,
        ),
        ArticleColumn(
            "date_source", "TEXT",
            "Where published was taken from: article:profile, url, article:time, meta, "
            "json-ld, article:text, htmldate or listing (see README, Extraction).",
            since=2,
        ),
        ArticleColumn(
            "extraction", "TEXT",
            'JSON object: which extraction layer produced each field, e.g. {"body": '
            '"trafilatura"}.',
            since=2, source=JSON,
        ),
        ArticleColumn(
            "flags", "TEXT",
            'JSON array of quality flags raised while cleaning, e.g. ["replacement_char"].',
            since=2, source=JSON,
        ),
        # `revive`: the site answered just now, so a gone article is live again; a
        # re-extraction (no visit) leaves the status alone.
        ArticleColumn(
            "status", "TEXT NOT NULL DEFAULT 'live'",
            "live while the article is on the site; gone once it has disappeared.",
            since=2, source=STORAGE, insert="'live'",
            update="CASE WHEN :revive THEN 'live' ELSE status END",
        ),
        ArticleColumn(
            "gone_since", "TEXT",
            f"{_UTC} the article was first found gone; empty while live.",
            since=2, source=STORAGE, insert=None,
            update="CASE WHEN :revive THEN NULL ELSE gone_since END",
        ),
        ArticleColumn(
            "search_stems", "TEXT",
            "Snowball stems (English or Russian, by lang) of the title and body words, each "
            "once and only where the stem differs from the word; lets full-text search match "
            "other forms of a word.",
            since=2, exported=False, searchable=True, source=STORAGE,
        ),
    ),
    indexes=(
        Index("idx_articles_published", ("published",), since=2),
        Index("idx_articles_lang_section_published", ("lang", "section", "published"), since=2),
        Index("idx_articles_slug", ("slug",), since=2),
    ),
)

#: The article columns an upsert writes, changes of which make a new version, and so on.
ARTICLE_COLUMNS: tuple[ArticleColumn, ...] = ARTICLES.columns  # type: ignore[assignment]
VERSIONED_COLUMNS = tuple(c.name for c in ARTICLE_COLUMNS if c.versioned)
SEARCHABLE_COLUMNS = tuple(c.name for c in ARTICLE_COLUMNS if c.searchable)

#: The export's column order is a promise to users' spreadsheets and scripts: these keep
#: their places, and a column added later follows them (in declaration order).
_EXPORT_ORDER = (
    "url", "lang", "section", "slug", "title", "published", "summary", "body",
    "body_html", "translation_url", "listing_date", "date_source", "extraction", "flags",
    "word_count", "content_hash", "status", "gone_since", "first_seen", "last_seen",
    "updated",
)
_EXPORTED = tuple(c.name for c in ARTICLE_COLUMNS if c.exported)
EXPORT_COLUMNS = tuple(n for n in _EXPORT_ORDER if n in _EXPORTED) + tuple(
    n for n in _EXPORTED if n not in _EXPORT_ORDER
)
#: Exported columns that hold integers (Parquet types them int64, the rest string).
INTEGER_EXPORT_COLUMNS = frozenset(
    c.name for c in ARTICLE_COLUMNS if c.exported and c.sql_type.startswith("INTEGER")
)

#: Full-text index of the searchable article columns. unicode61 keeps title/body
#: searchable by exact word in either alphabet; remove_diacritics 2 folds Latin accents
#: (café = cafe) but keeps й and ё. Stemming is done in Python into `search_stems`
#: (Snowball, both languages) because SQLite's porter only stems English: it would treat
#: the two sites differently, and would hide exact-word search in title/body.
FTS_TABLE = "articles_fts"
FTS_TOKENIZE = "unicode61 remove_diacritics 2"

_BY_NAME = {c.name: c for c in ARTICLE_COLUMNS}

ARTICLE_VERSIONS = Table(
    "article_versions",
    "Earlier contents of articles: a row is added when a re-crawl finds a changed title, "
    "date or body, holding the content that was replaced.",
    (
        Column("id", "INTEGER PRIMARY KEY", "Row id."),
        Column("url", "TEXT NOT NULL", "URL of the article (articles.url)."),
        *(
            Column(name, _BY_NAME[name].sql_type, _BY_NAME[name].before_change,
                   since=max(2, _BY_NAME[name].since))
            for name in VERSIONED_COLUMNS
        ),
        Column("content_hash", "TEXT", "content_hash of the replaced content."),
        Column(
            "valid_from", "TEXT",
            "UTC time this content was first stored (the article's updated value at the time).",
        ),
        Column(
            "replaced_at", "TEXT NOT NULL",
            "UTC time a re-crawl found newer content and replaced it.",
        ),
    ),
    since=2,
    indexes=(Index("idx_article_versions_url", ("url",), since=2),),
)

IMAGES = Table(
    "images",
    "Images of each article, as of its latest version.",
    (
        Column("article_url", "TEXT NOT NULL", "URL of the article (articles.url)."),
        Column("url", "TEXT NOT NULL", "Absolute URL of the image."),
        Column("caption", "TEXT", "Image caption, if any."),
    ),
    since=2, primary_key=("article_url", "url"),
)

ATTACHMENTS = Table(
    "attachments",
    "Documents attached to or linked from each article (PDF, DOC, ...), as of its latest "
    "version.",
    (
        Column("article_url", "TEXT NOT NULL", "URL of the article (articles.url)."),
        Column("url", "TEXT NOT NULL", "Absolute URL of the attachment."),
        Column("title", "TEXT", "Link text or title of the attachment, if any."),
    ),
    since=2, primary_key=("article_url", "url"),
)

REJECTS = Table(
    "rejects",
    "Items the crawler scraped but did not store as articles, with the reason; for "
    "auditing extraction.",
    (
        Column("id", "INTEGER PRIMARY KEY", "Row id."),
        Column("url", "TEXT", "URL of the page the item came from."),
        Column("reason", "TEXT", "Why the item was rejected (the validation message)."),
        Column("raw", "TEXT", "JSON object: the item's fields as scraped."),
        Column("rejected_at", "TEXT NOT NULL", "UTC time of the rejection."),
    ),
    since=2,
)

CRAWL_RUNS = Table(
    "crawl_runs",
    "One row per crawl, written when it starts and completed when it ends; an empty "
    "finished or finish_reason means the crawl is still running or was interrupted.",
    (
        Column("id", "INTEGER PRIMARY KEY", "Run id."),
        Column("started", "TEXT NOT NULL", "UTC time the crawl started."),
        Column(
            "finished", "TEXT",
            "UTC time the crawl ended; empty while running or if it was interrupted.",
        ),
        Column("mode", "TEXT", "Crawl mode, e.g. full or incremental."),
        Column("arguments", "TEXT", "JSON object: the arguments the crawl was started with."),
        Column("lang", "TEXT", "Language crawled (en, ru), or empty for both."),
        Column("sections", "TEXT", "Comma-separated sections crawled, or empty for all."),
        Column("pages_fetched", "INTEGER", "HTTP responses received.", counter=True),
        Column("articles_new", "INTEGER", "Articles stored for the first time.", counter=True),
        Column("articles_updated", "INTEGER", "Articles whose title, date or body changed.",
               counter=True),
        Column("articles_unchanged", "INTEGER", "Articles seen again without change.",
               counter=True),
        Column("articles_rejected", "INTEGER", "Items rejected (see rejects).", counter=True),
        Column("errors", "INTEGER", "Errors logged during the crawl.", counter=True),
        Column(
            "finish_reason", "TEXT",
            "Why the crawl ended, e.g. finished, shutdown, closespider_pagecount, "
            "database_locked.",
        ),
        Column("exit_status", "INTEGER", "Exit status of the crawl process, when known."),
    ),
    since=2,
)

#: The crawl_runs columns completed from the crawl's counters when a run ends.
RUN_COUNTER_COLUMNS = tuple(c.name for c in CRAWL_RUNS.columns if c.counter)

PAGES = Table(
    "pages",
    "Every fetched article page as it came from the site, zlib-compressed, so `newscrawl "
    "reextract` can re-run extraction without the network; one row per URL and distinct "
    "content.",
    (
        Column("id", "INTEGER PRIMARY KEY", "Row id (later fetches have larger ids)."),
        Column(
            "url", "TEXT NOT NULL",
            "Canonical URL of the article (articles.url, or rejects.url when the page gave "
            "no article).",
        ),
        Column("fetched_url", "TEXT NOT NULL", "URL the page was fetched from, after redirects."),
        Column("fetched_at", "TEXT NOT NULL", "UTC time of the fetch."),
        Column("status", "INTEGER NOT NULL", "HTTP status of the response."),
        Column("content_type", "TEXT", "Content-Type header of the response, as sent."),
        Column("lang", "TEXT NOT NULL", "Site language (en or ru)."),
        Column(
            "listing", "TEXT NOT NULL",
            "JSON object: what the listing said of the article (section, slug, title, "
            "date_raw, lead, url).",
        ),
        Column(
            "sha256", "TEXT NOT NULL",
            "sha256 of the uncompressed bytes; a fetch equal to the latest stored one adds "
            "no row.",
        ),
        Column("size", "INTEGER NOT NULL", "Size of the uncompressed page in bytes."),
        Column("compression", "TEXT NOT NULL DEFAULT 'zlib'", "How html is compressed: zlib."),
        Column(
            "html", "BLOB NOT NULL",
            "The response body, compressed: zlib.decompress(html) gives the bytes as received.",
        ),
    ),
    since=3,
    indexes=(Index("idx_pages_url", ("url", "id"), since=3),),
)

#: Every table, in the order the documentation describes them.
TABLES = (ARTICLES, ARTICLE_VERSIONS, IMAGES, ATTACHMENTS, REJECTS, CRAWL_RUNS, PAGES)
