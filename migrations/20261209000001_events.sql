-- First-party events from the beacon (public/ce.js) and the events API:
-- forms started, calls to action clicked, paths visited, custom events.
-- Rows are appended in batches and never updated; an event that reaches a
-- running experiment's metric is also stored as a conversion
-- (experiment_conversions), so experiment analysis never reads this table.
CREATE TABLE events (
    -- The hashed visitor id (services::visitor::visitor_key); NULL when the
    -- browser had no visitor cookie.
    visitor_key  TEXT,
    kind         TEXT NOT NULL
                 CHECK (kind IN ('form_started', 'cta_click', 'url_visit', 'custom')),
    path         TEXT NOT NULL,
    -- The block id (forms, calls to action) or the custom event's name.
    target       TEXT NOT NULL,
    occurred_at  BIGINT NOT NULL,
    received_at  BIGINT NOT NULL
);
CREATE INDEX events_by_kind_and_time ON events (kind, occurred_at);

-- An experiment's other metrics besides its goal, as stored goals separated
-- by spaces (goals never contain one): secondary metrics are watched, a
-- guardrail must not get worse.
ALTER TABLE experiments ADD COLUMN secondary_goals TEXT NOT NULL DEFAULT '';
ALTER TABLE experiments ADD COLUMN guardrail_goals TEXT NOT NULL DEFAULT '';
