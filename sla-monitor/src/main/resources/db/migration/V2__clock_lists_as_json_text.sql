-- A clock's milestones and excluded intervals are written once per (re)calculation and read back whole on every
-- firing; nothing queries inside them. As jsonb each read rebuilt the text from the binary form: for a burst of
-- deadlines a third of the firing SELECT's time went to printing the same milestone list again and again (the
-- list is ~700 characters per clock). As json they are stored and returned as the text that was written, and the
-- row is a fifth smaller, which every UPDATE of a firing copies. `fired` stays jsonb: checks ask for its members.
ALTER TABLE sla_clock
    ALTER COLUMN milestones TYPE json,
    ALTER COLUMN excluded TYPE json;
