-- The outbox delivers the notices of one alert to one channel in order (a resolution never
-- before its opening): claiming a notice looks up its alert's earlier ones on this index.
CREATE INDEX outbox_by_alert ON outbox (alert_id, channel_id, id) WHERE alert_id IS NOT NULL;
