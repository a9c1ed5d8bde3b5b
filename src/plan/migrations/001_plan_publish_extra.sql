-- "Publicera i planen" (issue 24): the kind of procedure an officer may state when publishing a plan item.
-- Optional: without it the public plan shows the plan's own route. No person is stored with a publication.
ALTER TABLE plan_publications ADD COLUMN procedure text
  CHECK (procedure IS NULL OR procedure IN ('call-off', 'direct', 'advertised-below', 'open-above', 'complex'));
