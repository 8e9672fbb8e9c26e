-- The results page counts exposures and conversions per arm and UTC day
-- (`db::experiments::daily_tallies`). These indexes hold the rows in that
-- order (the day is the same expression the query groups by), and carry the
-- timestamp itself so both databases answer from the index alone: the
-- analysis reads the index once in order instead of sorting every row of
-- the experiment (docs/performance.md, "Experiment analysis").
CREATE INDEX experiment_exposures_by_arm_day
    ON experiment_exposures (experiment_id, arm_key, (exposed_at / 86400000), exposed_at);
CREATE INDEX experiment_conversions_by_arm_goal_day
    ON experiment_conversions (experiment_id, arm_key, goal, (converted_at / 86400000), converted_at);
