-- Who uploaded each image. Keys are public (they are part of every image URL),
-- so a form may attach a new key only if it names a recorded upload of its
-- kind, and a consultant only one of their own (see domain::media::may_attach).
-- Written by the upload endpoint once the files exist; the media sweep deletes
-- the row when it deletes the files.

CREATE TABLE media_uploads (
    media_key   TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('hero', 'chart', 'profile')),
    uploaded_by TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL
);
