-- Sign-in throttling by device and address range. A failure from a browser that has signed in as
-- the account before (its signed device cookie) names that device and counts against it, not
-- against its address; the address range (/24, /48) names the network in metrics and logs.
ALTER TABLE login_failure ADD COLUMN device text;
ALTER TABLE login_failure ADD COLUMN address_range text NOT NULL DEFAULT '';
CREATE INDEX login_failure_device_time ON login_failure (device, failed_at) WHERE device IS NOT NULL;
-- Pruning past the window, and the gauges of the last window by range.
CREATE INDEX login_failure_time ON login_failure (failed_at);
