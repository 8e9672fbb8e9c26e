-- How many times the allocation of a started experiment (its weights,
-- coverage or targeting) has changed. While it is 0, the allocation is the
-- one every stored exposure was drawn with, so a visitor the targeting
-- admits now gets the arm the deterministic hash gives, which is the arm
-- stored for them if any: a render needs no lookup (see
-- services::experiments::page_arm). Whatever changes a started
-- experiment's allocation must add one; today nothing can (the back office
-- edits a draft only).
ALTER TABLE experiments ADD COLUMN allocation_revision BIGINT NOT NULL DEFAULT 0;
