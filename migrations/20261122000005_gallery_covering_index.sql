-- The gallery picks a page of ids first and reads only those rows (a case
-- study's row is wide: its Markdown runs to kilobytes). These indexes let the
-- planners do that from the index alone (see docs/performance.md):
--
-- * one covering index for every filter column, so counting matches and
--   filtering never read rows. It replaces the two filter + sort indexes of
--   migration 4, which made the planners read a row per candidate;
-- * each sort index ends with `id`, the tie-breaker of every gallery order,
--   so ties (many studies share a view count) are ordered without the rows.
DROP INDEX IF EXISTS case_studies_industry_recent_idx;
DROP INDEX IF EXISTS case_studies_method_recent_idx;
CREATE INDEX case_studies_gallery_idx ON case_studies
    (published, industry_sic_code, methodology, company_size, featured, roi_pct, published_at, view_count, id);

DROP INDEX IF EXISTS case_studies_roi_idx;
CREATE INDEX case_studies_roi_idx ON case_studies (published, roi_pct, id);
DROP INDEX IF EXISTS case_studies_recent_idx;
CREATE INDEX case_studies_recent_idx ON case_studies (published, published_at, id);
DROP INDEX IF EXISTS case_studies_popular_idx;
CREATE INDEX case_studies_popular_idx ON case_studies (published, view_count, id);
DROP INDEX IF EXISTS case_studies_featured_idx;
CREATE INDEX case_studies_featured_idx ON case_studies (published, featured, roi_pct, id);
DROP INDEX IF EXISTS case_studies_featured_popular_idx;
CREATE INDEX case_studies_featured_popular_idx ON case_studies (published, featured, view_count, id);

-- Each consultant's work, best first, read from the index alone (the
-- consultant directory ranks every consultant's studies in one query).
DROP INDEX IF EXISTS case_studies_consultant_idx;
CREATE INDEX case_studies_consultant_work_idx ON case_studies
    (consultant_id, published, featured, published_at, id);
