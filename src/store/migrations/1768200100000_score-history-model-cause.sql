-- Up Migration
-- Score history tells a change caused by adopting or reverting a fitted churn model (cause
-- 'model') apart from a settings edit ('config') and new CRM data ('data') (issue 12).
ALTER TABLE score_history DROP CONSTRAINT IF EXISTS score_history_cause_check;
ALTER TABLE score_history ADD CONSTRAINT score_history_cause_check CHECK (cause IN ('data', 'config', 'model'));

-- Down Migration
UPDATE score_history SET cause = 'config' WHERE cause = 'model';
ALTER TABLE score_history DROP CONSTRAINT IF EXISTS score_history_cause_check;
ALTER TABLE score_history ADD CONSTRAINT score_history_cause_check CHECK (cause IN ('data', 'config'));
