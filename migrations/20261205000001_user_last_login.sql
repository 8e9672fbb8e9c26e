-- When each user last signed in (shown to admins on the users page).
-- Written by a successful login; NULL until the first one.
ALTER TABLE users ADD COLUMN last_login_at BIGINT;
