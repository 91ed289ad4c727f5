-- 012: 结算概览 from rollups (issue 15, Scale; t/bench/history-scale.sh).
--
-- The overview summed the statements made in its period row by row: this
-- year of a set of 1,000,000 is 180,000 rows, 426 ms a page against 3 ms
-- at 50. These tables hold the sums instead, kept by the triggers below
-- in the transaction of every insert, change or delete of a statement
-- (the programs, dz-admin, the tests' SQL alike), for the statements not
-- deleted, by the day they were made (created_at):
--   report_days       the counts and sums of the overview and its months
--   report_turns      how many answers took how long from the first share
--                     (seconds rounded: to 6 minutes under 48 hours, to
--                     the hour under 30 days, to the day after; the page
--                     shows hours with one decimal), for the median
--   report_customers  by customer, year ('y', start Jan 1) and month ('m',
--                     start the 1st): made, 不符合 and their 欠款, with
--                     the code and name it was last counted under
-- A period reads the days (at most a row a day), the years and months it
-- covers whole, and the statements of the days at its ends (lib/rollup
-- splits it). Migrate with the programs stopped (deploy does): a
-- statement made between the backfill below and its triggers would be
-- left out.
CREATE TABLE report_days (
	account_set_id	INT UNSIGNED NOT NULL,
	day		DATE NOT NULL,
	made		INT NOT NULL DEFAULT 0,
	shared		INT NOT NULL DEFAULT 0,
	opened		INT NOT NULL DEFAULT 0,
	answered	INT NOT NULL DEFAULT 0,
	agreed		INT NOT NULL DEFAULT 0,
	disputed	INT NOT NULL DEFAULT 0,
	pending		INT NOT NULL DEFAULT 0,
	closing		DECIMAL(20,2) NOT NULL DEFAULT 0,
	received	DECIMAL(20,2) NOT NULL DEFAULT 0,
	pending_closing	DECIMAL(20,2) NOT NULL DEFAULT 0,
	PRIMARY KEY (account_set_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE report_turns (
	account_set_id	INT UNSIGNED NOT NULL,
	day		DATE NOT NULL,
	secs		INT UNSIGNED NOT NULL,
	n		INT NOT NULL DEFAULT 0,
	PRIMARY KEY (account_set_id, day, secs)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE report_customers (
	account_set_id	INT UNSIGNED NOT NULL,
	span		CHAR(1) NOT NULL,	-- 'y' a year, 'm' a month
	start		DATE NOT NULL,
	customer_id	VARCHAR(64) NOT NULL,
	customer_code	VARCHAR(64) NOT NULL,
	customer_name	VARCHAR(256) NOT NULL,
	made		INT NOT NULL DEFAULT 0,
	disputed	INT NOT NULL DEFAULT 0,
	disputed_closing DECIMAL(20,2) NOT NULL DEFAULT 0,
	PRIMARY KEY (account_set_id, span, start, customer_id),
	-- a period of one year or one month: its 20 with the most 不符合 in order
	KEY ix_report_customers_disputed (account_set_id, span, start, disputed DESC, customer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A statement counts (+1) when made or restored and stops counting (-1)
-- when deleted or before it changes; an update that touches none of the
-- counted columns (a note, 账目核对's mark, a drift check) writes nothing.
-- The +1 and -1 are written out in each trigger, not called from one
-- procedure: mariadb-dump (dz-admin backup) takes triggers with their
-- tables but leaves routines out unless told, and a store restored on a
-- new host without the procedure could make no statement at all.
CREATE TRIGGER tr_statements_report_ins AFTER INSERT ON statements FOR EACH ROW
BEGIN
	IF NEW.deleted_at IS NULL THEN
		INSERT INTO report_days (account_set_id, day, made, shared, opened, answered,
			agreed, disputed, pending, closing, received, pending_closing)
		VALUES (NEW.account_set_id, DATE(NEW.created_at), 1, NEW.shared_at IS NOT NULL,
			NEW.opened_at IS NOT NULL, NEW.status <> 'pending', NEW.status = 'agreed',
			NEW.status = 'disputed', NEW.status = 'pending', NEW.closing, NEW.received,
			IF(NEW.status = 'pending', NEW.closing, 0))
		ON DUPLICATE KEY UPDATE made = made + VALUES(made), shared = shared + VALUES(shared),
			opened = opened + VALUES(opened), answered = answered + VALUES(answered),
			agreed = agreed + VALUES(agreed), disputed = disputed + VALUES(disputed),
			pending = pending + VALUES(pending), closing = closing + VALUES(closing),
			received = received + VALUES(received),
			pending_closing = pending_closing + VALUES(pending_closing);
		IF NEW.status <> 'pending' AND NEW.answered_at >= NEW.shared_at THEN
			INSERT INTO report_turns (account_set_id, day, secs, n)
			VALUES (NEW.account_set_id, DATE(NEW.created_at), CASE
				WHEN TIMESTAMPDIFF(SECOND, NEW.shared_at, NEW.answered_at) < 172800
				THEN ROUND(TIMESTAMPDIFF(SECOND, NEW.shared_at, NEW.answered_at) / 360) * 360
				WHEN TIMESTAMPDIFF(SECOND, NEW.shared_at, NEW.answered_at) < 2592000
				THEN ROUND(TIMESTAMPDIFF(SECOND, NEW.shared_at, NEW.answered_at) / 3600) * 3600
				ELSE ROUND(TIMESTAMPDIFF(SECOND, NEW.shared_at, NEW.answered_at) / 86400) * 86400
				END, 1)
			ON DUPLICATE KEY UPDATE n = n + 1;
		END IF;
		INSERT INTO report_customers (account_set_id, span, start, customer_id, customer_code,
			customer_name, made, disputed, disputed_closing)
		VALUES (NEW.account_set_id, 'y', MAKEDATE(YEAR(NEW.created_at), 1), NEW.customer_id,
			NEW.customer_code, NEW.customer_name, 1, NEW.status = 'disputed',
			IF(NEW.status = 'disputed', NEW.closing, 0)),
		(NEW.account_set_id, 'm', DATE(NEW.created_at) - INTERVAL DAYOFMONTH(NEW.created_at) - 1 DAY,
			NEW.customer_id, NEW.customer_code, NEW.customer_name, 1, NEW.status = 'disputed',
			IF(NEW.status = 'disputed', NEW.closing, 0))
		ON DUPLICATE KEY UPDATE made = made + VALUES(made), disputed = disputed + VALUES(disputed),
			disputed_closing = disputed_closing + VALUES(disputed_closing),
			customer_code = VALUES(customer_code), customer_name = VALUES(customer_name);
	END IF;
END;

CREATE TRIGGER tr_statements_report_upd AFTER UPDATE ON statements FOR EACH ROW
BEGIN
	IF NOT (NEW.deleted_at <=> OLD.deleted_at AND NEW.account_set_id <=> OLD.account_set_id
	    AND NEW.created_at <=> OLD.created_at AND NEW.customer_id <=> OLD.customer_id
	    AND NEW.status <=> OLD.status AND NEW.closing <=> OLD.closing
	    AND NEW.received <=> OLD.received AND NEW.answered_at <=> OLD.answered_at
	    AND NEW.shared_at <=> OLD.shared_at AND (NEW.opened_at IS NULL) <=> (OLD.opened_at IS NULL)) THEN
		IF OLD.deleted_at IS NULL THEN
			INSERT INTO report_days (account_set_id, day, made, shared, opened, answered,
				agreed, disputed, pending, closing, received, pending_closing)
			VALUES (OLD.account_set_id, DATE(OLD.created_at), -1, -(OLD.shared_at IS NOT NULL),
				-(OLD.opened_at IS NOT NULL), -(OLD.status <> 'pending'), -(OLD.status = 'agreed'),
				-(OLD.status = 'disputed'), -(OLD.status = 'pending'), -OLD.closing, -OLD.received,
				-IF(OLD.status = 'pending', OLD.closing, 0))
			ON DUPLICATE KEY UPDATE made = made + VALUES(made), shared = shared + VALUES(shared),
				opened = opened + VALUES(opened), answered = answered + VALUES(answered),
				agreed = agreed + VALUES(agreed), disputed = disputed + VALUES(disputed),
				pending = pending + VALUES(pending), closing = closing + VALUES(closing),
				received = received + VALUES(received),
				pending_closing = pending_closing + VALUES(pending_closing);
			IF OLD.status <> 'pending' AND OLD.answered_at >= OLD.shared_at THEN
				INSERT INTO report_turns (account_set_id, day, secs, n)
				VALUES (OLD.account_set_id, DATE(OLD.created_at), CASE
					WHEN TIMESTAMPDIFF(SECOND, OLD.shared_at, OLD.answered_at) < 172800
					THEN ROUND(TIMESTAMPDIFF(SECOND, OLD.shared_at, OLD.answered_at) / 360) * 360
					WHEN TIMESTAMPDIFF(SECOND, OLD.shared_at, OLD.answered_at) < 2592000
					THEN ROUND(TIMESTAMPDIFF(SECOND, OLD.shared_at, OLD.answered_at) / 3600) * 3600
					ELSE ROUND(TIMESTAMPDIFF(SECOND, OLD.shared_at, OLD.answered_at) / 86400) * 86400
					END, -1)
				ON DUPLICATE KEY UPDATE n = n - 1;
			END IF;
			INSERT INTO report_customers (account_set_id, span, start, customer_id, customer_code,
				customer_name, made, disputed, disputed_closing)
			VALUES (OLD.account_set_id, 'y', MAKEDATE(YEAR(OLD.created_at), 1), OLD.customer_id,
				OLD.customer_code, OLD.customer_name, -1, -(OLD.status = 'disputed'),
				-IF(OLD.status = 'disputed', OLD.closing, 0)),
			(OLD.account_set_id, 'm',
				DATE(OLD.created_at) - INTERVAL DAYOFMONTH(OLD.created_at) - 1 DAY,
				OLD.customer_id, OLD.customer_code, OLD.customer_name, -1,
				-(OLD.status = 'disputed'), -IF(OLD.status = 'disputed', OLD.closing, 0))
			ON DUPLICATE KEY UPDATE made = made + VALUES(made),
				disputed = disputed + VALUES(disputed),
				disputed_closing = disputed_closing + VALUES(disputed_closing);
		END IF;
		IF NEW.deleted_at IS NULL THEN
			INSERT INTO report_days (account_set_id, day, made, shared, opened, answered,
				agreed, disputed, pending, closing, received, pending_closing)
			VALUES (NEW.account_set_id, DATE(NEW.created_at), 1, NEW.shared_at IS NOT NULL,
				NEW.opened_at IS NOT NULL, NEW.status <> 'pending', NEW.status = 'agreed',
				NEW.status = 'disputed', NEW.status = 'pending', NEW.closing, NEW.received,
				IF(NEW.status = 'pending', NEW.closing, 0))
			ON DUPLICATE KEY UPDATE made = made + VALUES(made), shared = shared + VALUES(shared),
				opened = opened + VALUES(opened), answered = answered + VALUES(answered),
				agreed = agreed + VALUES(agreed), disputed = disputed + VALUES(disputed),
				pending = pending + VALUES(pending), closing = closing + VALUES(closing),
				received = received + VALUES(received),
				pending_closing = pending_closing + VALUES(pending_closing);
			IF NEW.status <> 'pending' AND NEW.answered_at >= NEW.shared_at THEN
				INSERT INTO report_turns (account_set_id, day, secs, n)
				VALUES (NEW.account_set_id, DATE(NEW.created_at), CASE
					WHEN TIMESTAMPDIFF(SECOND, NEW.shared_at, NEW.answered_at) < 172800
					THEN ROUND(TIMESTAMPDIFF(SECOND, NEW.shared_at, NEW.answered_at) / 360) * 360
					WHEN TIMESTAMPDIFF(SECOND, NEW.shared_at, NEW.answered_at) < 2592000
					THEN ROUND(TIMESTAMPDIFF(SECOND, NEW.shared_at, NEW.answered_at) / 3600) * 3600
					ELSE ROUND(TIMESTAMPDIFF(SECOND, NEW.shared_at, NEW.answered_at) / 86400) * 86400
					END, 1)
				ON DUPLICATE KEY UPDATE n = n + 1;
			END IF;
			INSERT INTO report_customers (account_set_id, span, start, customer_id, customer_code,
				customer_name, made, disputed, disputed_closing)
			VALUES (NEW.account_set_id, 'y', MAKEDATE(YEAR(NEW.created_at), 1), NEW.customer_id,
				NEW.customer_code, NEW.customer_name, 1, NEW.status = 'disputed',
				IF(NEW.status = 'disputed', NEW.closing, 0)),
			(NEW.account_set_id, 'm',
				DATE(NEW.created_at) - INTERVAL DAYOFMONTH(NEW.created_at) - 1 DAY,
				NEW.customer_id, NEW.customer_code, NEW.customer_name, 1,
				NEW.status = 'disputed', IF(NEW.status = 'disputed', NEW.closing, 0))
			ON DUPLICATE KEY UPDATE made = made + VALUES(made),
				disputed = disputed + VALUES(disputed),
				disputed_closing = disputed_closing + VALUES(disputed_closing),
				customer_code = VALUES(customer_code), customer_name = VALUES(customer_name);
		END IF;
	END IF;
END;

CREATE TRIGGER tr_statements_report_del AFTER DELETE ON statements FOR EACH ROW
BEGIN
	IF OLD.deleted_at IS NULL THEN
		INSERT INTO report_days (account_set_id, day, made, shared, opened, answered,
			agreed, disputed, pending, closing, received, pending_closing)
		VALUES (OLD.account_set_id, DATE(OLD.created_at), -1, -(OLD.shared_at IS NOT NULL),
			-(OLD.opened_at IS NOT NULL), -(OLD.status <> 'pending'), -(OLD.status = 'agreed'),
			-(OLD.status = 'disputed'), -(OLD.status = 'pending'), -OLD.closing, -OLD.received,
			-IF(OLD.status = 'pending', OLD.closing, 0))
		ON DUPLICATE KEY UPDATE made = made + VALUES(made), shared = shared + VALUES(shared),
			opened = opened + VALUES(opened), answered = answered + VALUES(answered),
			agreed = agreed + VALUES(agreed), disputed = disputed + VALUES(disputed),
			pending = pending + VALUES(pending), closing = closing + VALUES(closing),
			received = received + VALUES(received),
			pending_closing = pending_closing + VALUES(pending_closing);
		IF OLD.status <> 'pending' AND OLD.answered_at >= OLD.shared_at THEN
			INSERT INTO report_turns (account_set_id, day, secs, n)
			VALUES (OLD.account_set_id, DATE(OLD.created_at), CASE
				WHEN TIMESTAMPDIFF(SECOND, OLD.shared_at, OLD.answered_at) < 172800
				THEN ROUND(TIMESTAMPDIFF(SECOND, OLD.shared_at, OLD.answered_at) / 360) * 360
				WHEN TIMESTAMPDIFF(SECOND, OLD.shared_at, OLD.answered_at) < 2592000
				THEN ROUND(TIMESTAMPDIFF(SECOND, OLD.shared_at, OLD.answered_at) / 3600) * 3600
				ELSE ROUND(TIMESTAMPDIFF(SECOND, OLD.shared_at, OLD.answered_at) / 86400) * 86400
				END, -1)
			ON DUPLICATE KEY UPDATE n = n - 1;
		END IF;
		INSERT INTO report_customers (account_set_id, span, start, customer_id, customer_code,
			customer_name, made, disputed, disputed_closing)
		VALUES (OLD.account_set_id, 'y', MAKEDATE(YEAR(OLD.created_at), 1), OLD.customer_id,
			OLD.customer_code, OLD.customer_name, -1, -(OLD.status = 'disputed'),
			-IF(OLD.status = 'disputed', OLD.closing, 0)),
		(OLD.account_set_id, 'm', DATE(OLD.created_at) - INTERVAL DAYOFMONTH(OLD.created_at) - 1 DAY,
			OLD.customer_id, OLD.customer_code, OLD.customer_name, -1, -(OLD.status = 'disputed'),
			-IF(OLD.status = 'disputed', OLD.closing, 0))
		ON DUPLICATE KEY UPDATE made = made + VALUES(made), disputed = disputed + VALUES(disputed),
			disputed_closing = disputed_closing + VALUES(disputed_closing);
	END IF;
END;

-- The statements there are.
INSERT INTO report_days (account_set_id, day, made, shared, opened, answered, agreed,
	disputed, pending, closing, received, pending_closing)
	SELECT account_set_id, DATE(created_at), COUNT(*), SUM(shared_at IS NOT NULL),
		SUM(opened_at IS NOT NULL), SUM(status <> 'pending'), SUM(status = 'agreed'),
		SUM(status = 'disputed'), SUM(status = 'pending'), SUM(closing), SUM(received),
		SUM(IF(status = 'pending', closing, 0))
	FROM statements WHERE deleted_at IS NULL GROUP BY account_set_id, DATE(created_at);

INSERT INTO report_turns (account_set_id, day, secs, n)
	SELECT account_set_id, DATE(created_at), CASE
		WHEN TIMESTAMPDIFF(SECOND, shared_at, answered_at) < 172800
		THEN ROUND(TIMESTAMPDIFF(SECOND, shared_at, answered_at) / 360) * 360
		WHEN TIMESTAMPDIFF(SECOND, shared_at, answered_at) < 2592000
		THEN ROUND(TIMESTAMPDIFF(SECOND, shared_at, answered_at) / 3600) * 3600
		ELSE ROUND(TIMESTAMPDIFF(SECOND, shared_at, answered_at) / 86400) * 86400
		END AS b, COUNT(*)
	FROM statements WHERE deleted_at IS NULL AND status <> 'pending'
	AND answered_at >= shared_at GROUP BY account_set_id, DATE(created_at), b;

INSERT INTO report_customers (account_set_id, span, start, customer_id, customer_code,
	customer_name, made, disputed, disputed_closing)
	SELECT account_set_id, 'y', MAKEDATE(YEAR(created_at), 1) AS st, customer_id,
		MAX(customer_code), MAX(customer_name), COUNT(*), SUM(status = 'disputed'),
		SUM(IF(status = 'disputed', closing, 0))
	FROM statements WHERE deleted_at IS NULL GROUP BY account_set_id, st, customer_id;

INSERT INTO report_customers (account_set_id, span, start, customer_id, customer_code,
	customer_name, made, disputed, disputed_closing)
	SELECT account_set_id, 'm', DATE(created_at) - INTERVAL DAYOFMONTH(created_at) - 1 DAY AS st,
		customer_id, MAX(customer_code), MAX(customer_name), COUNT(*),
		SUM(status = 'disputed'), SUM(IF(status = 'disputed', closing, 0))
	FROM statements WHERE deleted_at IS NULL GROUP BY account_set_id, st, customer_id;
