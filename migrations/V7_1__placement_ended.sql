-- The day a child's placement in the home ended (moved out, placed elsewhere, came of age): the
-- retention clock of a child who never went missing starts here.
ALTER TABLE child ADD COLUMN placement_ended_on date;
