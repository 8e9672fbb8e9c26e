-- A/B experiments on landing pages (issue: experiments). Each arm is a
-- document of the page: the control is the published page itself (NULL
-- document), the others are copies changed for the test. A visitor's arm is
-- stored on first exposure (experiment_exposures), so later changes of
-- weights or coverage never move anyone; conversions are stored once per
-- visitor, experiment and goal, and analysis aggregates both in SQL.

CREATE TABLE experiments (
    id             TEXT PRIMARY KEY,
    page_id        TEXT NOT NULL REFERENCES landing_pages (id) ON DELETE CASCADE,
    name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    hypothesis     TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'draft'
                   CHECK (status IN ('draft', 'running', 'paused', 'stopped', 'promoted')),
    -- Hashed with the visitor id to choose an arm; fixed at creation.
    seed           TEXT NOT NULL,
    goal           TEXT NOT NULL,
    engine         TEXT NOT NULL CHECK (engine IN ('frequentist', 'sequential', 'bayesian')),
    coverage_pct   BIGINT NOT NULL CHECK (coverage_pct BETWEEN 1 AND 100),
    -- Targeting and the minimum effect worth detecting (JSON).
    plan_json      TEXT NOT NULL,
    created_by     TEXT NOT NULL REFERENCES users (id),
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    started_at     BIGINT,
    ended_at       BIGINT,
    -- The promoted arm, who chose it, when and why.
    decision_json  TEXT
);
CREATE INDEX experiments_by_page ON experiments (page_id, status);
-- One live (running or paused) experiment per page: two would fight over
-- the same elements and each would count the other's effect.
CREATE UNIQUE INDEX experiments_one_live_per_page ON experiments (page_id)
    WHERE status IN ('running', 'paused');

CREATE TABLE experiment_arms (
    experiment_id  TEXT NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
    -- 'control', then 'b', 'c', 'd': stable keys that exposures refer to.
    arm_key        TEXT NOT NULL,
    position       BIGINT NOT NULL,
    name           TEXT NOT NULL,
    weight         BIGINT NOT NULL CHECK (weight BETWEEN 0 AND 100),
    -- NULL for the control (the published page).
    document_json  TEXT,
    PRIMARY KEY (experiment_id, arm_key)
);

CREATE TABLE experiment_exposures (
    experiment_id  TEXT NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
    -- The hashed visitor id (see services::visitor::visitor_key).
    visitor_key    TEXT NOT NULL,
    arm_key        TEXT NOT NULL,
    exposed_at     BIGINT NOT NULL,
    PRIMARY KEY (experiment_id, visitor_key)
);
CREATE INDEX experiment_exposures_by_visitor ON experiment_exposures (visitor_key);

CREATE TABLE experiment_conversions (
    experiment_id  TEXT NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
    visitor_key    TEXT NOT NULL,
    goal           TEXT NOT NULL,
    arm_key        TEXT NOT NULL,
    converted_at   BIGINT NOT NULL,
    PRIMARY KEY (experiment_id, visitor_key, goal)
);
