-- Coarser cohorts for long ranges: a year grouped by month reads 12 rows per cell instead of 365.
-- Rolled up from the day rows; bucket = the Monday of the ISO week, or the first day of the month.
CREATE TABLE rollup_week (LIKE rollup_day INCLUDING ALL);
CREATE TABLE rollup_month (LIKE rollup_day INCLUDING ALL);
-- Existing stores: roll every opened hour up again, which fills weeks and months on the way.
INSERT INTO rollup_dirty (hour)
SELECT DISTINCT date_trunc('hour', opened_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' FROM ticket_fact WHERE opened_at IS NOT NULL
ON CONFLICT DO NOTHING;

-- Backlog reads the last 30 days by the hour: only cohorts that still have open tickets.
CREATE INDEX rollup_hour_open ON rollup_hour (bucket) WHERE open_now > 0;
