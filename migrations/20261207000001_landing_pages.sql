-- Landing pages built by marketers (issue 11). A document is page-document
-- JSON (docs/page-document.md), always stored as the code serialises it
-- after parsing, so a stored document parses again.
CREATE TABLE landing_pages (
    id              TEXT PRIMARY KEY,
    -- Routes /landing/{slug}; a document's own settings.slug follows it.
    slug            TEXT NOT NULL UNIQUE,
    title           TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
    draft_json      TEXT NOT NULL,
    -- Bumped by every draft write; a save that names an older revision was
    -- made from a stale copy and is refused (409) instead of overwriting.
    draft_revision  BIGINT NOT NULL DEFAULT 1,
    -- What /landing/{slug} shows while the page is published.
    published_json  TEXT,
    published_at    BIGINT,
    template_key    TEXT NOT NULL DEFAULT '',
    owner_id        TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    updated_by      TEXT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX landing_pages_updated_idx ON landing_pages (updated_at);

-- Immutable snapshots: every publish, and saves the editor names.
CREATE TABLE landing_page_versions (
    id            TEXT PRIMARY KEY,
    page_id       TEXT NOT NULL REFERENCES landing_pages (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('published', 'named')),
    name          TEXT NOT NULL DEFAULT '',
    document_json TEXT NOT NULL,
    author_id     TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX landing_page_versions_page_idx ON landing_page_versions (page_id, created_at);

-- Earlier slugs of a page, answered with a 301 to where it lives now. A
-- slug taken by a page again stops redirecting.
CREATE TABLE landing_page_redirects (
    old_slug   TEXT PRIMARY KEY,
    page_id    TEXT NOT NULL REFERENCES landing_pages (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL
);

-- Views and leads per page and day (day = days since 1970-01-01, UTC): one
-- row per page and day, so a busy page does not queue on one counter row.
CREATE TABLE landing_page_daily (
    page_id TEXT NOT NULL REFERENCES landing_pages (id) ON DELETE CASCADE,
    day     BIGINT NOT NULL,
    views   BIGINT NOT NULL DEFAULT 0,
    leads   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (page_id, day)
);

-- Templates saved from a page ("save as template"); the built-in ones are
-- compiled in (app/src/domain/page_document/templates/).
CREATE TABLE page_templates (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    document_json TEXT NOT NULL,
    created_by    TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at    BIGINT NOT NULL
);

-- The landing page a lead came from, if any.
ALTER TABLE leads ADD COLUMN landing_page_id TEXT REFERENCES landing_pages (id) ON DELETE SET NULL;
