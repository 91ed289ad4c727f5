-- 011: the history's pages in the order of an index at 1,000,000
-- statements (issue 15, Scale; measured in t/bench/history-scale.sh).
--
-- The list is newest first by (created_at, id). An index serves that
-- order only when every column before created_at is fixed by the WHERE
-- and the id comes right after it: the covering indexes of 010 had the
-- period after created_at (and InnoDB's id after that), so a page of
-- 不符合 sorted every match (12 ms a page), and where MariaDB chose a
-- set-wide ref over the cursor's range the page 90 % down read 900,000
-- rows (3.1 s: the programs now name these indexes). These two are the
-- order itself: the set (and the status), not deleted (IS NULL is an
-- equality to an index), made, the id written out; then what the
-- filters without a customer read, so the count (up to 1,001) reads the
-- index alone (with the rows: 2.5 ms, at 1,000,000).
ALTER TABLE statements
	ADD KEY ix_statements_list (account_set_id, deleted_at, created_at, id,
		status, period_to, period_from),
	ADD KEY ix_statements_list_status (account_set_id, status, deleted_at, created_at, id,
		period_to, period_from),
	-- 010's, which these replace
	DROP KEY ix_statements_set_status_cover,
	-- a customer's (one code, one name: its key) in the same order
	DROP KEY ix_statements_set_customer_cover,
	ADD KEY ix_statements_set_customer_cover (account_set_id, customer_id, customer_code,
		customer_name, deleted_at, created_at, id, status, period_to, period_from);

-- The period filter (the period reaches from..to) as an index: a row per
-- calendar month a live statement's period touches (a month's statement
-- one row, a quarter's three), in the order of the list, with what the
-- other filters read. A statement meets a period of one month only if it
-- has that month's row, so the newest 20 of a month are the first 20 of
-- one range (walking the set by created_at for a month of 2022 read
-- 800,000 rows: 3 s a page). Kept by the triggers below in every
-- transaction that inserts, changes or deletes a statement; rows only
-- for statements not deleted.
CREATE TABLE statement_months (
	account_set_id	INT UNSIGNED NOT NULL,
	month		MEDIUMINT UNSIGNED NOT NULL,	-- YYYYMM
	created_at	DATETIME NOT NULL,
	statement_id	BIGINT UNSIGNED NOT NULL,
	status		ENUM('pending','agreed','disputed') NOT NULL,
	period_from	DATE NOT NULL,
	period_to	DATE NOT NULL,
	PRIMARY KEY (account_set_id, month, created_at, statement_id),
	KEY ix_statement_months_stmt (statement_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The months of a statement NEW (at most 1,200: a period of a hundred
-- years is not an account statement), from the SEQUENCE engine's numbers
-- (no stored procedure: the store's user needs no CREATE ROUTINE).
CREATE TRIGGER tr_statements_months_ins AFTER INSERT ON statements FOR EACH ROW
	INSERT IGNORE INTO statement_months (account_set_id, month, created_at,
		statement_id, status, period_from, period_to)
	SELECT NEW.account_set_id, EXTRACT(YEAR_MONTH FROM NEW.period_from + INTERVAL seq MONTH),
		NEW.created_at, NEW.id, NEW.status, NEW.period_from, NEW.period_to
	FROM seq_0_to_1199 WHERE NEW.deleted_at IS NULL AND seq <= PERIOD_DIFF(
		EXTRACT(YEAR_MONTH FROM NEW.period_to), EXTRACT(YEAR_MONTH FROM NEW.period_from));

-- An answer changes the status of its rows; a delete takes them away, a
-- restore (or a move, or a changed period: the tests do) puts them anew.
CREATE TRIGGER tr_statements_months_upd AFTER UPDATE ON statements FOR EACH ROW
BEGIN
	IF NOT (NEW.deleted_at <=> OLD.deleted_at AND NEW.account_set_id <=> OLD.account_set_id
	    AND NEW.created_at <=> OLD.created_at AND NEW.period_from <=> OLD.period_from
	    AND NEW.period_to <=> OLD.period_to) THEN
		DELETE FROM statement_months WHERE statement_id = OLD.id;
		INSERT IGNORE INTO statement_months (account_set_id, month, created_at,
			statement_id, status, period_from, period_to)
		SELECT NEW.account_set_id,
			EXTRACT(YEAR_MONTH FROM NEW.period_from + INTERVAL seq MONTH),
			NEW.created_at, NEW.id, NEW.status, NEW.period_from, NEW.period_to
		FROM seq_0_to_1199 WHERE NEW.deleted_at IS NULL AND seq <= PERIOD_DIFF(
			EXTRACT(YEAR_MONTH FROM NEW.period_to),
			EXTRACT(YEAR_MONTH FROM NEW.period_from));
	ELSEIF NOT (NEW.status <=> OLD.status) THEN
		UPDATE statement_months SET status = NEW.status WHERE statement_id = NEW.id;
	END IF;
END;

CREATE TRIGGER tr_statements_months_del AFTER DELETE ON statements FOR EACH ROW
	DELETE FROM statement_months WHERE statement_id = OLD.id;

-- The statements there are.
INSERT IGNORE INTO statement_months (account_set_id, month, created_at, statement_id,
	status, period_from, period_to)
	SELECT s.account_set_id, EXTRACT(YEAR_MONTH FROM s.period_from + INTERVAL n.k MONTH),
		s.created_at, s.id, s.status, s.period_from, s.period_to
	FROM statements s
	JOIN (SELECT seq AS k FROM seq_0_to_1199) n
	ON n.k <= PERIOD_DIFF(EXTRACT(YEAR_MONTH FROM s.period_to),
		EXTRACT(YEAR_MONTH FROM s.period_from))
	WHERE s.deleted_at IS NULL;
