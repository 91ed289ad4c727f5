-- 004: 操作记录 filters the audit trail by who (username) and what (action),
-- newest first: an index for each, ending in the primary key the pages are
-- read by (the object has one since 001).

ALTER TABLE audit_log
	ADD KEY ix_audit_user (username, id),
	ADD KEY ix_audit_action (action, id);
