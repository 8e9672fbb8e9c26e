-- ROI calculations, leads and their interactions, admin-editable settings and
-- database-backed rate limits. Conventions as in docs/architecture.md.

-- The business challenge a case study addressed (domain::lead_fields::Challenge),
-- so estimates and consultant matching compare like with like.
ALTER TABLE case_studies ADD COLUMN challenge TEXT NOT NULL DEFAULT 'conversion'
    CHECK (challenge IN ('conversion', 'pricing', 'retention', 'marketing', 'basket_value', 'customer_experience'));
CREATE INDEX case_studies_challenge_idx ON case_studies (challenge, published);

-- Fixed-window counters shared by every app server (per scope, key and window).
CREATE TABLE rate_limit_hits (
    scope        TEXT NOT NULL,
    key          TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    hits         BIGINT NOT NULL,
    PRIMARY KEY (scope, key, window_start)
);
CREATE INDEX rate_limit_hits_window_idx ON rate_limit_hits (window_start);

-- Every estimate the calculator produced, with what was asked and answered.
CREATE TABLE roi_calculations (
    id                   TEXT PRIMARY KEY,
    -- Hash of the first-party visitor cookie, linking calculator use to a later lead.
    visitor_key          TEXT,
    industry_sic_code    TEXT,
    challenge            TEXT NOT NULL,
    annual_revenue_minor BIGINT NOT NULL CHECK (annual_revenue_minor > 0),
    inputs_json          TEXT NOT NULL,
    outputs_json         TEXT NOT NULL,
    created_at           BIGINT NOT NULL
);
CREATE INDEX roi_calculations_visitor_idx ON roi_calculations (visitor_key, created_at);

CREATE TABLE leads (
    id                       TEXT PRIMARY KEY,
    email                    TEXT NOT NULL CHECK (email = lower(email)),
    first_name               TEXT NOT NULL DEFAULT '',
    last_name                TEXT NOT NULL DEFAULT '',
    company_name             TEXT NOT NULL DEFAULT '',
    job_title                TEXT NOT NULL DEFAULT '',
    phone                    TEXT NOT NULL DEFAULT '',
    website                  TEXT NOT NULL DEFAULT '',
    -- NULL code: an industry the firm has no published results in (name given by the prospect).
    industry_sic_code        TEXT,
    industry_name            TEXT NOT NULL,
    annual_revenue_range     TEXT NOT NULL CHECK (annual_revenue_range IN ('under_2m', '2m_10m', '10m_50m', '50m_250m', 'over_250m')),
    company_size_range       TEXT NOT NULL CHECK (company_size_range IN ('1-10', '10-50', '50-200', '200-1000', '1000+')),
    number_of_locations      BIGINT CHECK (number_of_locations BETWEEN 1 AND 100000),
    primary_challenge        TEXT NOT NULL CHECK (primary_challenge IN ('conversion', 'pricing', 'retention', 'marketing', 'basket_value', 'customer_experience')),
    challenge_description    TEXT NOT NULL DEFAULT '',
    timeline                 TEXT NOT NULL CHECK (timeline IN ('asap', '1-3_months', '3-6_months', '6+_months', 'researching')),
    budget_range             TEXT CHECK (budget_range IN ('under_10k', '10k_50k', '50k_150k', 'over_150k', 'not_sure')),
    decision_authority       TEXT NOT NULL CHECK (decision_authority IN ('decision_maker', 'influencer', 'researcher')),
    source                   TEXT NOT NULL,
    source_detail            TEXT NOT NULL DEFAULT '',
    utm_campaign             TEXT NOT NULL DEFAULT '',
    utm_source               TEXT NOT NULL DEFAULT '',
    utm_medium               TEXT NOT NULL DEFAULT '',
    -- Scoring: the total, its tier and the per-factor breakdown ("why this score").
    score                    BIGINT NOT NULL CHECK (score BETWEEN 0 AND 100),
    tier                     TEXT NOT NULL CHECK (tier IN ('Tier_1', 'Tier_2', 'Tier_3')),
    score_breakdown_json     TEXT NOT NULL,
    scored_at                BIGINT NOT NULL,
    -- Routing: who has it, since when, and why they were chosen.
    assigned_consultant_id   TEXT REFERENCES consultants (id) ON DELETE SET NULL,
    assigned_at              BIGINT,
    match_json               TEXT NOT NULL DEFAULT '[]',
    -- The sales process, with the date each step was first reached.
    status                   TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'contacted', 'qualified', 'consultation_booked', 'proposal_sent', 'won', 'lost')),
    contacted_at             BIGINT,
    qualified_at             BIGINT,
    consultation_booked_at   BIGINT,
    proposal_sent_at         BIGINT,
    closed_at                BIGINT,
    closed_reason            TEXT NOT NULL DEFAULT '',
    estimated_value_minor    BIGINT CHECK (estimated_value_minor >= 0),
    actual_value_minor       BIGINT CHECK (actual_value_minor >= 0),
    currency                 TEXT NOT NULL DEFAULT 'GBP' CHECK (length(currency) = 3),
    -- Behaviour that led here.
    visitor_key              TEXT,
    roi_calculation_id       TEXT REFERENCES roi_calculations (id) ON DELETE SET NULL,
    case_studies_viewed_json TEXT NOT NULL DEFAULT '[]',
    time_on_site_secs        BIGINT NOT NULL DEFAULT 0 CHECK (time_on_site_secs >= 0),
    forms_submitted          BIGINT NOT NULL DEFAULT 1 CHECK (forms_submitted >= 1),
    -- Consent as given: when, to which wording, for which purposes.
    consent_marketing        BIGINT NOT NULL DEFAULT 0 CHECK (consent_marketing IN (0, 1)),
    consent_at               BIGINT NOT NULL,
    consent_wording_version  TEXT NOT NULL,
    consent_purposes_json    TEXT NOT NULL,
    created_at               BIGINT NOT NULL,
    updated_at               BIGINT NOT NULL
);
CREATE INDEX leads_email_idx ON leads (email, created_at);
CREATE INDEX leads_consultant_idx ON leads (assigned_consultant_id, status, created_at);
CREATE INDEX leads_status_idx ON leads (status, created_at);
CREATE INDEX leads_tier_idx ON leads (tier, created_at);
CREATE INDEX leads_source_idx ON leads (source, created_at);
CREATE INDEX leads_industry_idx ON leads (industry_sic_code, created_at);

-- One row per email address: the lead that address's submissions merge into
-- while it is fresh. Writing this row first serialises concurrent submissions
-- for one address on both databases, so none is lost or duplicated. (No
-- foreign key: the row is written before the lead it points to.)
CREATE TABLE lead_emails (
    email             TEXT PRIMARY KEY,
    lead_id           TEXT NOT NULL,
    last_submitted_at BIGINT NOT NULL
);

CREATE TABLE lead_interactions (
    id             TEXT PRIMARY KEY,
    lead_id        TEXT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('form_submit', 'case_study_view', 'roi_calculation', 'status_change', 'note', 'assignment', 'rescored', 'value_change')),
    detail         TEXT NOT NULL DEFAULT '',
    case_study_id  TEXT REFERENCES case_studies (id) ON DELETE SET NULL,
    actor_user_id  TEXT REFERENCES users (id) ON DELETE SET NULL,
    occurred_at    BIGINT NOT NULL
);
CREATE INDEX lead_interactions_lead_idx ON lead_interactions (lead_id, occurred_at);

-- A form submitted without JavaScript that did not validate, kept briefly so
-- the page can show it again with its errors (nothing typed is lost, and no
-- personal data travels in the URL). Readable only by the same visitor.
CREATE TABLE form_drafts (
    id           TEXT PRIMARY KEY,
    visitor_key  TEXT NOT NULL,
    form         TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    errors_json  TEXT NOT NULL,
    expires_at   BIGINT NOT NULL
);
CREATE INDEX form_drafts_expiry_idx ON form_drafts (expires_at);
