-- Consent to research is given for one version of a debrief: research and retention judge each
-- version's free text by that version's own consent.
ALTER TABLE debrief_version ADD COLUMN consent_to_research boolean;
UPDATE debrief_version SET consent_to_research = coalesce((content->>'consentToResearch')::boolean, false);
ALTER TABLE debrief_version ALTER COLUMN consent_to_research SET NOT NULL;
