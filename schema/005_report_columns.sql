-- 005: 结算概览 reads one index. When a statement was first shared and
-- first opened by the customer are kept on the statement itself (set once,
-- by the link's insert and its first opening; never moving the version),
-- and one index holds every column the overview, its months, its disputes
-- and its turnaround read, so that a report over 100,000 statements scans
-- that index alone instead of visiting each row and its links.

ALTER TABLE statements
	ADD COLUMN shared_at DATETIME NULL,
	ADD COLUMN opened_at DATETIME NULL;

UPDATE statements s
	SET s.shared_at = (SELECT MIN(l.created_at) FROM share_links l WHERE l.statement_id = s.id),
	    s.opened_at = (SELECT MIN(l.first_opened_at) FROM share_links l WHERE l.statement_id = s.id);

ALTER TABLE statements
	ADD KEY ix_statements_report (account_set_id, created_at, deleted_at, status,
		closing, received, shared_at, opened_at, answered_at, customer_id);
