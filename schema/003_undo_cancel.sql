-- 003: 取消确认 can be undone. The cancel keeps what it cleared (the
-- status and when it was answered) and the version it left the statement
-- at; the undo puts them back only while the statement is still at that
-- version, i.e. nothing has happened to it since. The customer's answer
-- itself was never cleared: it stays in feedback either way.

ALTER TABLE statements
	ADD COLUMN cancelled_status ENUM('agreed', 'disputed') NULL,
	ADD COLUMN cancelled_answered_at DATETIME NULL,
	ADD COLUMN cancelled_version INT UNSIGNED NULL;
