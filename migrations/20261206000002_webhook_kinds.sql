-- What an endpoint is: 'signed' (our signed JSON, registered by admins) or
-- 'slack' (the Slack incoming webhook set in CE_SLACK_WEBHOOK_URL: new Tier 1
-- leads as messages), which each server writes from its configuration.
ALTER TABLE webhook_endpoints ADD COLUMN kind TEXT NOT NULL DEFAULT 'signed';
