-- Failed sign-ins are counted per account and client address, and per address.
ALTER TABLE login_failure ADD COLUMN client_address text NOT NULL DEFAULT '';
CREATE INDEX login_failure_address_time ON login_failure (client_address, failed_at);
DROP INDEX login_failure_username_time;
CREATE INDEX login_failure_username_address_time
  ON login_failure (lower(username), client_address, failed_at);
