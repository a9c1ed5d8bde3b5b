-- Outbox delivery kinds are namespaced by the module that delivers them ("intake.channel-card"), so two
-- modules can never claim the same kind. Notices still waiting keep their handler under the new name.
UPDATE outbox SET kind = 'intake.' || kind WHERE kind IN ('channel-card', 'submitter-notice', 'submitter-question');
UPDATE outbox SET kind = 'policy.' || kind WHERE kind IN ('ticket-card', 'ticket-answer');
UPDATE outbox SET kind = 'survey.' || kind WHERE kind IN ('survey-invite');
