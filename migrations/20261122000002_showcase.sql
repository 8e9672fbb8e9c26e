-- Case studies and consultant profiles (the showcase). Conventions as in
-- docs/architecture.md: TEXT ids, BIGINT unix-ms times, BIGINT 0/1 flags,
-- money as BIGINT minor units + currency code, JSON as TEXT.

CREATE TABLE consultants (
    id                        TEXT PRIMARY KEY,
    -- The back-office account that may edit this profile (a consultant edits only their own).
    user_id                   TEXT REFERENCES users (id) ON DELETE SET NULL,
    first_name                TEXT NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
    last_name                 TEXT NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
    email                     TEXT NOT NULL CHECK (email = lower(email)),
    phone                     TEXT,
    title                     TEXT NOT NULL DEFAULT '',
    bio_md                    TEXT NOT NULL DEFAULT '',
    years_experience          BIGINT NOT NULL DEFAULT 0 CHECK (years_experience BETWEEN 0 AND 70),
    specializations_json      TEXT NOT NULL DEFAULT '[]',
    primary_industries_json   TEXT NOT NULL DEFAULT '[]',
    secondary_industries_json TEXT NOT NULL DEFAULT '[]',
    total_client_roi_minor    BIGINT NOT NULL DEFAULT 0 CHECK (total_client_roi_minor >= 0),
    currency                  TEXT NOT NULL DEFAULT 'GBP' CHECK (length(currency) = 3),
    average_project_roi_pct   DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (average_project_roi_pct >= 0),
    projects_completed        BIGINT NOT NULL DEFAULT 0 CHECK (projects_completed >= 0),
    satisfaction_score        DOUBLE PRECISION CHECK (satisfaction_score BETWEEN 0 AND 5),
    capacity_pct              BIGINT NOT NULL DEFAULT 0 CHECK (capacity_pct BETWEEN 0 AND 100),
    hourly_rate_minor         BIGINT CHECK (hourly_rate_minor >= 0),
    consultation_rate_minor   BIGINT CHECK (consultation_rate_minor >= 0),
    available_for_new_clients BIGINT NOT NULL DEFAULT 1 CHECK (available_for_new_clients IN (0, 1)),
    preferred_contact         TEXT NOT NULL DEFAULT 'email' CHECK (preferred_contact IN ('email', 'phone', 'calendar')),
    calendar_url              TEXT,
    profile_image             TEXT,
    linkedin_url              TEXT,
    active                    BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at                BIGINT NOT NULL,
    updated_at                BIGINT NOT NULL
);
CREATE UNIQUE INDEX consultants_email_key ON consultants (email);
CREATE UNIQUE INDEX consultants_user_id_key ON consultants (user_id);
CREATE INDEX consultants_availability_idx ON consultants (active, available_for_new_clients, capacity_pct);

CREATE TABLE case_studies (
    id                          TEXT PRIMARY KEY,
    title                       TEXT NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
    slug                        TEXT NOT NULL CHECK (length(slug) BETWEEN 3 AND 120),
    summary                     TEXT NOT NULL CHECK (length(summary) BETWEEN 1 AND 1000),
    industry_sic_code           TEXT NOT NULL,
    industry_name               TEXT NOT NULL,
    client_type                 TEXT NOT NULL,
    company_size                TEXT NOT NULL CHECK (company_size IN ('smb', 'mid_market', 'enterprise')),
    client_size_label           TEXT NOT NULL DEFAULT '',
    client_region               TEXT NOT NULL DEFAULT '',
    business_challenge_md       TEXT NOT NULL,
    previous_approaches_md      TEXT NOT NULL DEFAULT '',
    stakeholder_concerns_md     TEXT NOT NULL DEFAULT '',
    success_criteria_md         TEXT NOT NULL DEFAULT '',
    consultant_id               TEXT REFERENCES consultants (id) ON DELETE SET NULL,
    methodology                 TEXT NOT NULL CHECK (methodology IN ('ab_test', 'multivariate', 'causal_analysis', 'quasi_experiment', 'geo_experiment', 'bandit')),
    duration_days               BIGINT NOT NULL CHECK (duration_days BETWEEN 1 AND 3650),
    sample_size                 BIGINT NOT NULL CHECK (sample_size > 0),
    confidence_level            DOUBLE PRECISION NOT NULL CHECK (confidence_level BETWEEN 0.80 AND 0.99),
    primary_metric_name         TEXT NOT NULL,
    primary_metric_unit         TEXT NOT NULL DEFAULT '',
    primary_metric_baseline     DOUBLE PRECISION NOT NULL,
    primary_metric_result       DOUBLE PRECISION NOT NULL,
    primary_metric_improvement_pct DOUBLE PRECISION NOT NULL,
    secondary_metrics_json      TEXT NOT NULL DEFAULT '[]',
    roi_pct                     DOUBLE PRECISION NOT NULL CHECK (roi_pct >= 0),
    roi_value_minor             BIGINT NOT NULL CHECK (roi_value_minor >= 0),
    roi_currency                TEXT NOT NULL DEFAULT 'GBP' CHECK (length(roi_currency) = 3),
    roi_timeframe               TEXT NOT NULL DEFAULT 'annually' CHECK (roi_timeframe IN ('annually', 'quarterly', 'monthly', 'one_off')),
    payback_months              DOUBLE PRECISION NOT NULL CHECK (payback_months >= 0),
    methodology_details_md      TEXT NOT NULL DEFAULT '',
    testimonial_text            TEXT NOT NULL DEFAULT '',
    testimonial_author          TEXT NOT NULL DEFAULT '',
    testimonial_role            TEXT NOT NULL DEFAULT '',
    hero_image                  TEXT,
    chart_images_json           TEXT NOT NULL DEFAULT '[]',
    meta_description            TEXT NOT NULL DEFAULT '',
    meta_keywords               TEXT NOT NULL DEFAULT '',
    featured_snippet            TEXT NOT NULL DEFAULT '',
    featured                    BIGINT NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
    published                   BIGINT NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
    published_at                BIGINT,
    view_count                  BIGINT NOT NULL DEFAULT 0,
    lead_conversions            BIGINT NOT NULL DEFAULT 0,
    consultation_bookings       BIGINT NOT NULL DEFAULT 0,
    created_by                  TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL
);
CREATE UNIQUE INDEX case_studies_slug_key ON case_studies (slug);
CREATE INDEX case_studies_roi_idx ON case_studies (published, roi_pct);
CREATE INDEX case_studies_recent_idx ON case_studies (published, published_at);
CREATE INDEX case_studies_popular_idx ON case_studies (published, view_count);
CREATE INDEX case_studies_featured_idx ON case_studies (published, featured, roi_pct);
CREATE INDEX case_studies_industry_idx ON case_studies (industry_sic_code, published);
CREATE INDEX case_studies_consultant_idx ON case_studies (consultant_id, published);

-- One row per visitor per case study per day, so views are counted once per
-- visitor and day, whichever app server answers.
CREATE TABLE case_study_views (
    case_study_id TEXT NOT NULL REFERENCES case_studies (id) ON DELETE CASCADE,
    visitor_key   TEXT NOT NULL,
    day           BIGINT NOT NULL,
    PRIMARY KEY (case_study_id, visitor_key, day)
);
