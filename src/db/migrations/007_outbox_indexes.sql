-- Claims look for an earlier pending notice about the same case or question; keep that lookup indexed
-- so a large fan-out (thousands of survey invitations) does not make every claim scan the whole outbox.
CREATE INDEX outbox_pending_case_idx ON outbox (case_id, kind, id) WHERE status = 'pending' AND case_id IS NOT NULL;
CREATE INDEX outbox_pending_ticket_idx ON outbox (ticket_id, kind, id) WHERE status = 'pending' AND ticket_id IS NOT NULL;
CREATE INDEX outbox_pending_id_idx ON outbox (id) WHERE status = 'pending';
