-- Indexes for the gallery's common filter + sort pairs (see the
-- showcase_queries benchmark in docs/performance.md).
CREATE INDEX case_studies_industry_recent_idx ON case_studies (published, industry_sic_code, published_at);
CREATE INDEX case_studies_featured_popular_idx ON case_studies (published, featured, view_count);
CREATE INDEX case_studies_method_recent_idx ON case_studies (published, methodology, published_at);
