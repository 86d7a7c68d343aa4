-- A report sent by mistake (the child was never missing) is withdrawn: the case stays for the audit
-- trail, everyone told gets a Cancel that says so, and it counts in no statistics or pattern.
ALTER TABLE disappearance_case DROP CONSTRAINT disappearance_case_status_check;
ALTER TABLE disappearance_case ADD CONSTRAINT disappearance_case_status_check
  CHECK (status IN ('MISSING', 'LOCATED', 'RETURNED', 'CLOSED', 'WITHDRAWN'));
ALTER TABLE disappearance_case ADD COLUMN withdrawal_reason text;
ALTER TABLE disappearance_case ADD CONSTRAINT withdrawn_with_a_reason
  CHECK ((status = 'WITHDRAWN') = (withdrawal_reason IS NOT NULL) AND
         (status <> 'WITHDRAWN' OR closed_at IS NOT NULL));
