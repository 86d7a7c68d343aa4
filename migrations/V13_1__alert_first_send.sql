-- When the first message of each report's Alert was accepted by the SMS provider. One row per
-- alert, written by whichever instance sent it first (ON CONFLICT DO NOTHING), so that the
-- histogram saknad_alert_first_send_seconds counts each report once even with several instances.
CREATE TABLE alert_first_send (
  alert_id uuid PRIMARY KEY REFERENCES alert (id),
  sent_at timestamptz NOT NULL
);

-- The deliveries still owing an acknowledgement, for the gauge of recipients past their
-- escalation time (read at every scrape; without it that is a scan of the whole outbox).
CREATE INDEX delivery_owing_ack ON delivery (case_id)
  WHERE ack_required AND acknowledged_at IS NULL;
