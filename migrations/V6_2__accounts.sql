-- Accounts can be disabled, and every token issued before tokens_valid_after is refused
-- (set when an account is disabled or its password reset or changed).
ALTER TABLE app_user ADD COLUMN enabled boolean NOT NULL DEFAULT true;
ALTER TABLE app_user ADD COLUMN tokens_valid_after timestamptz;

-- Changes to an account are audited against the account they concern.
ALTER TABLE audit_event ADD COLUMN subject_user_id uuid REFERENCES app_user (id);
CREATE INDEX audit_event_subject_user ON audit_event (subject_user_id)
  WHERE subject_user_id IS NOT NULL;
