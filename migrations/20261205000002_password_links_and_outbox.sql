-- One-time links that let a person set their password: an invitation made
-- with a new account, or a reset (asked for by an admin or by the person).
-- Only a SHA-256 of the token is stored, as for sessions. A link works once:
-- using it sets used_at.
CREATE TABLE password_links (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX password_links_user_id_idx ON password_links (user_id);

-- Email the app has written. Until a mail transport is configured nothing is
-- sent: rows stay 'not_sent' and admins see them (never lost).
CREATE TABLE outbound_emails (
    id         TEXT PRIMARY KEY,
    to_address TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body_text  TEXT NOT NULL,
    kind       TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'not_sent' CHECK (status IN ('not_sent', 'sent', 'failed')),
    created_at BIGINT NOT NULL,
    sent_at    BIGINT
);
CREATE INDEX outbound_emails_status_idx ON outbound_emails (status, created_at);
