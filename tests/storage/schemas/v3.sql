-- The schema as the code of main 850c70c created it at version 3 (dumped from sqlite_master,
-- FTS5 shadow tables left out: the virtual table creates them). Frozen history: never regenerate.
CREATE TABLE articles (
            url TEXT PRIMARY KEY,
            lang TEXT,
            section TEXT,
            slug TEXT,
            title TEXT,
            published TEXT,
            summary TEXT,
            body TEXT,
            first_seen TEXT,
            last_seen TEXT
        , content_hash TEXT, word_count INTEGER, updated TEXT, body_html TEXT, translation_url TEXT, listing_date TEXT, date_source TEXT, extraction TEXT, flags TEXT, status TEXT NOT NULL DEFAULT 'live', gone_since TEXT, search_stems TEXT);
CREATE TABLE article_versions (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    title TEXT,
    published TEXT,
    body TEXT,
    content_hash TEXT,
    valid_from TEXT,
    replaced_at TEXT NOT NULL
);
CREATE INDEX idx_article_versions_url ON article_versions(url);
CREATE TABLE images (
    article_url TEXT NOT NULL,
    url TEXT NOT NULL,
    caption TEXT,
    PRIMARY KEY (article_url, url)
);
CREATE TABLE attachments (
    article_url TEXT NOT NULL,
    url TEXT NOT NULL,
    title TEXT,
    PRIMARY KEY (article_url, url)
);
CREATE TABLE rejects (
    id INTEGER PRIMARY KEY,
    url TEXT,
    reason TEXT,
    raw TEXT,
    rejected_at TEXT NOT NULL
);
CREATE TABLE crawl_runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    mode TEXT,
    arguments TEXT,
    lang TEXT,
    sections TEXT,
    pages_fetched INTEGER,
    articles_new INTEGER,
    articles_updated INTEGER,
    articles_unchanged INTEGER,
    articles_rejected INTEGER,
    errors INTEGER,
    finish_reason TEXT,
    exit_status INTEGER
);
CREATE INDEX idx_articles_published ON articles(published);
CREATE INDEX idx_articles_lang_section_published
    ON articles(lang, section, published);
CREATE INDEX idx_articles_slug ON articles(slug);
CREATE VIRTUAL TABLE "articles_fts" USING FTS5 (
    "title", "body", "search_stems",
    tokenize='unicode61 remove_diacritics 2',
    content="articles"
);
CREATE TRIGGER "articles_ai" AFTER INSERT ON "articles" BEGIN
  INSERT INTO "articles_fts" (rowid, "title", "body", "search_stems") VALUES (new.rowid, new."title", new."body", new."search_stems");
END;
CREATE TRIGGER "articles_ad" AFTER DELETE ON "articles" BEGIN
  INSERT INTO "articles_fts" ("articles_fts", rowid, "title", "body", "search_stems") VALUES('delete', old.rowid, old."title", old."body", old."search_stems");
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, body, search_stems ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, body, search_stems)
    VALUES('delete', old.rowid, old.title, old.body, old.search_stems);
  INSERT INTO articles_fts (rowid, title, body, search_stems)
    VALUES (new.rowid, new.title, new.body, new.search_stems);
END;
CREATE TABLE pages (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    fetched_url TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    status INTEGER NOT NULL,
    content_type TEXT,
    lang TEXT NOT NULL,
    listing TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    compression TEXT NOT NULL DEFAULT 'zlib',
    html BLOB NOT NULL
);
CREATE INDEX idx_pages_url ON pages(url, id);
PRAGMA user_version = 3;
