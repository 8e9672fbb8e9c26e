-- Edited email templates. An email without a row here says what the code's
-- default says (app/src/domain/email_templates.rs); "reset" deletes the row.
CREATE TABLE email_templates (
    key        TEXT PRIMARY KEY,
    subject    TEXT NOT NULL,
    body_text  TEXT NOT NULL,
    body_html  TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT REFERENCES users (id) ON DELETE SET NULL
);

-- The HTML alternative of an email ('' = plain text only) and, for
-- marketing email, the one-click unsubscribe address its headers carry.
ALTER TABLE outbound_emails ADD COLUMN body_html TEXT NOT NULL DEFAULT '';
ALTER TABLE outbound_emails ADD COLUMN unsubscribe_url TEXT NOT NULL DEFAULT '';

-- When the prospect unsubscribed from marketing email (consent withdrawn).
ALTER TABLE leads ADD COLUMN unsubscribed_at BIGINT;

-- Booking events already recorded (Calendly sends again when unsure), by the
-- invitee's URI and the event kind.
CREATE TABLE booking_events (
    event_key   TEXT PRIMARY KEY,
    lead_id     TEXT REFERENCES leads (id) ON DELETE CASCADE,
    received_at BIGINT NOT NULL
);
