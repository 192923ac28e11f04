-- The live stream's history is kept for a retention period (whiteglove.notifier.stream.retention), not forever:
-- after a week of alert storms it was hundreds of megabytes no client would ever resume from.
CREATE INDEX stream_event_created ON stream_event (created_at);
