-- When admins were told that a Tier-1 lead had waited past the promised
-- reply time (NULL: not yet, or never needed). Set by the reply-time check.
ALTER TABLE leads ADD COLUMN sla_alerted_at BIGINT;
