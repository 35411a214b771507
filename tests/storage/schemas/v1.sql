-- The schema as the code of main 850c70c created it at version 1 (dumped from sqlite_master,
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
        );
PRAGMA user_version = 1;
