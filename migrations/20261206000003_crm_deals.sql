-- The HubSpot deal opened for a lead once it was qualified (at most one).
ALTER TABLE leads ADD COLUMN crm_deal_id TEXT;
