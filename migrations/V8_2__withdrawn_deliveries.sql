-- An Alert or Update not yet sent when its case got a Cancel is withdrawn: the child is back.
ALTER TABLE delivery DROP CONSTRAINT delivery_status_check;
ALTER TABLE delivery ADD CONSTRAINT delivery_status_check
  CHECK (status IN ('QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'FAILED', 'UNDELIVERED', 'ACKNOWLEDGED', 'WITHDRAWN'));
