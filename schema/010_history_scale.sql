-- 010: the history at 1,000,000 statements in one account set (issue 15,
-- Scale). For each of the history's filters an index that orders by
-- created_at and holds every column the filters read (set, deleted,
-- status, period, and for the customer's its id, code and name), so the
-- newest 20 of a filter are the first 20 of one range and its count reads
-- the index alone; and the names each account set's statements were made
-- with, kept in step by triggers, so the customer filter (a part of the
-- name, a code or an id) is looked up among a few thousand names, not a
-- million rows. Measured in t/bench/history-scale.sh.

ALTER TABLE statements
	ADD KEY ix_statements_set_customer_cover (account_set_id, customer_id, customer_code,
		customer_name, created_at, deleted_at, status, period_to, period_from),
	ADD KEY ix_statements_set_status_cover (account_set_id, status, created_at, deleted_at,
		period_to, period_from),
	-- 005's, with the period: the list and its count without a status
	DROP KEY ix_statements_report,
	ADD KEY ix_statements_report (account_set_id, created_at, deleted_at, status,
		closing, received, shared_at, opened_at, answered_at, customer_id,
		period_to, period_from);

-- One row per (account set, customer, code, name) a statement was made
-- with (a customer renamed in the ERP has a row for each name). Never
-- deleted: a deleted statement's name finds nothing the list shows.
CREATE TABLE statement_customers (
	account_set_id	INT UNSIGNED NOT NULL,
	customer_id	VARCHAR(64) NOT NULL,
	customer_code	VARCHAR(64) NOT NULL,
	customer_name	VARCHAR(256) NOT NULL,
	PRIMARY KEY (account_set_id, customer_id, customer_code, customer_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT IGNORE INTO statement_customers (account_set_id, customer_id, customer_code, customer_name)
	SELECT DISTINCT account_set_id, customer_id, customer_code, customer_name FROM statements;

-- Every insert, however made (the programs, dz-admin, a restore's rows
-- come before the dump's triggers, the tests' SQL), in its transaction.
-- (An update that moves or renames one: the trigger below.)
CREATE TRIGGER tr_statements_customers AFTER INSERT ON statements FOR EACH ROW
	INSERT IGNORE INTO statement_customers (account_set_id, customer_id, customer_code, customer_name)
	VALUES (NEW.account_set_id, NEW.customer_id, NEW.customer_code, NEW.customer_name);

-- A statement moved to another account set (the tests do; a merge of two
-- sets would) brings its name along.
CREATE TRIGGER tr_statements_customers_moved AFTER UPDATE ON statements FOR EACH ROW
	INSERT IGNORE INTO statement_customers (account_set_id, customer_id, customer_code, customer_name)
	SELECT NEW.account_set_id, NEW.customer_id, NEW.customer_code, NEW.customer_name FROM DUAL
	WHERE NOT (NEW.account_set_id <=> OLD.account_set_id AND NEW.customer_id <=> OLD.customer_id
	AND NEW.customer_code <=> OLD.customer_code AND NEW.customer_name <=> OLD.customer_name);
