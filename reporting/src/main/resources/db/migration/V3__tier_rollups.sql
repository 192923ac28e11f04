-- Most reports cut by period and VIP tier only. A year grouped by month read every (priority, channel, queue)
-- cell of each month, each with four duration histograms: megabytes per request. These tables hold the same
-- days, weeks and months with only the VIP tier kept (priority, channel and queue ''), so such a report reads
-- one row per tier and bucket. The refresher rolls them up from rollup_day.
CREATE TABLE rollup_day_tier (LIKE rollup_day INCLUDING ALL);
CREATE TABLE rollup_week_tier (LIKE rollup_day INCLUDING ALL);
CREATE TABLE rollup_month_tier (LIKE rollup_day INCLUDING ALL);
-- Existing stores: the days already rolled up, to fill the tier tables from (not from the facts again: on a big
-- store imported out of order that is hours of random reads). Reports use the full tables until this is empty.
CREATE TABLE rollup_tier_backfill (day date PRIMARY KEY);
INSERT INTO rollup_tier_backfill (day) SELECT DISTINCT bucket FROM rollup_day;
