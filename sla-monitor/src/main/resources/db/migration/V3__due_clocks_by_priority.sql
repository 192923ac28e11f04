-- Due clocks are fired critical first when more are due than one pass fires (a burst of deadlines, timers overdue
-- after a restart): each priority's earliest due clocks are read from their own range of this index, so picking the
-- next batch costs the same however many clocks are waiting. It replaces the index on next_due_at alone (the timer
-- loader and the "any left?" check read it per priority too), so a firing still updates as many index entries.
CREATE INDEX sla_clock_due_by_priority ON sla_clock (priority, next_due_at) WHERE next_due_at IS NOT NULL;
DROP INDEX sla_clock_next_due;
