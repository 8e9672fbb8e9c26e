-- A second submission with the same email within a day no longer overwrites
-- the lead: it is kept here, shown on the lead's timeline, and its own
-- thank-you page is built from what *it* said (never from the earlier one).
CREATE TABLE lead_submissions (
    id                TEXT PRIMARY KEY,
    lead_id           TEXT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    visitor_key       TEXT,
    email             TEXT NOT NULL,
    first_name        TEXT NOT NULL,
    last_name         TEXT NOT NULL,
    company_name      TEXT NOT NULL,
    primary_challenge TEXT NOT NULL,
    timeline          TEXT NOT NULL,
    score             BIGINT NOT NULL,
    tier              TEXT NOT NULL,
    consultant_id     TEXT REFERENCES consultants (id) ON DELETE SET NULL,
    answers_json      TEXT NOT NULL DEFAULT '{}',
    submitted_at      BIGINT NOT NULL
);
CREATE INDEX lead_submissions_lead_idx ON lead_submissions (lead_id, submitted_at);

-- When the server first saw a visitor (by their cookie's key), so a lead's
-- time on site is measured by us rather than taken from the request.
CREATE TABLE visitor_first_seen (
    visitor_key   TEXT PRIMARY KEY,
    first_seen_at BIGINT NOT NULL
);
