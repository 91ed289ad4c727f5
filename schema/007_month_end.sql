-- 007: 月结, month-end at scale. A bulk run (批量生成) makes one statement
-- and one link for every customer it lists, outside the web request: the
-- run is a row that dz-admin month-run works (claimed by a lease, so a
-- worker killed half-way is taken over when the lease runs out), its
-- customers are its items. A statement a run made carries the key of its
-- customer and period, unique in its account set while it is not deleted:
-- a second run of the same period, or a second worker, makes nothing twice.
-- A statement whose period follows on from its customer's last 符合 one
-- opens from that closing (chain_from_id); when the ERP's opening differs,
-- the ERP's figure is kept beside it (erp_opening) and the card is marked.

CREATE TABLE bulk_runs (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	account_set_id	INT UNSIGNED NOT NULL,
	period_from	DATE NOT NULL,
	period_to	DATE NOT NULL,
	-- who: every customer with a movement in the period or a balance at
	-- its end ('active'), narrowed by a code or name text (filter)
	filter		VARCHAR(63) NOT NULL DEFAULT '',
	-- 'schedule' when dz-admin made it from the customers' 对账日
	origin		ENUM('staff', 'schedule') NOT NULL DEFAULT 'staff',
	-- a scheduled run lists only the customers whose 对账日 and months
	-- these are (their own, or the account set's for those without)
	sched_day	TINYINT UNSIGNED NULL,
	sched_months	TINYINT UNSIGNED NULL,
	state		ENUM('queued', 'running', 'done', 'cancelled', 'failed')
			    NOT NULL DEFAULT 'queued',
	listed		TINYINT(1) NOT NULL DEFAULT 0,	-- its items are written
	total		INT UNSIGNED NOT NULL DEFAULT 0,
	made		INT UNSIGNED NOT NULL DEFAULT 0,
	kept		INT UNSIGNED NOT NULL DEFAULT 0,
	failed		INT UNSIGNED NOT NULL DEFAULT 0,
	created_by	INT UNSIGNED NULL,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	started_at	DATETIME NULL,
	finished_at	DATETIME NULL,
	-- the worker working it, until when (renewed at every customer)
	worker		VARCHAR(96) NOT NULL DEFAULT '',
	lease_until	DATETIME NULL,
	beats		INT UNSIGNED NOT NULL DEFAULT 0,	-- renewals (each one a change)
	error		VARCHAR(500) NOT NULL DEFAULT '',
	KEY ix_bulk_runs_set (account_set_id, id),
	KEY ix_bulk_runs_state (state, lease_until),
	CONSTRAINT fk_bulk_runs_set FOREIGN KEY (account_set_id) REFERENCES account_sets (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE bulk_items (
	run_id		BIGINT UNSIGNED NOT NULL,
	seq		INT UNSIGNED NOT NULL,
	customer_id	VARCHAR(64) NOT NULL,
	customer_code	VARCHAR(64) NOT NULL DEFAULT '',
	customer_name	VARCHAR(255) NOT NULL DEFAULT '',
	-- made: by this run; kept: the period's statement was there already
	state		ENUM('pending', 'made', 'kept', 'failed') NOT NULL DEFAULT 'pending',
	statement_id	BIGINT UNSIGNED NULL,
	attempts	TINYINT UNSIGNED NOT NULL DEFAULT 0,
	error		VARCHAR(500) NOT NULL DEFAULT '',
	at		DATETIME NULL,
	PRIMARY KEY (run_id, seq),
	UNIQUE KEY uq_bulk_items_customer (run_id, customer_id),
	KEY ix_bulk_items_state (run_id, state, seq),
	CONSTRAINT fk_bulk_items_run FOREIGN KEY (run_id) REFERENCES bulk_runs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 对账日: the day of the month a customer's statement is cut (0: the
-- month's last day) and how many months it covers; an account set's own
-- default for the customers without one.
CREATE TABLE recon_days (
	account_set_id	INT UNSIGNED NOT NULL,
	customer_id	VARCHAR(64) NOT NULL,
	customer_code	VARCHAR(64) NOT NULL DEFAULT '',
	customer_name	VARCHAR(255) NOT NULL DEFAULT '',
	day		TINYINT UNSIGNED NOT NULL,
	months		TINYINT UNSIGNED NOT NULL DEFAULT 1,
	updated_by	INT UNSIGNED NULL,
	updated_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (account_set_id, customer_id),
	CONSTRAINT fk_recon_days_set FOREIGN KEY (account_set_id) REFERENCES account_sets (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE account_sets
	ADD recon_day TINYINT UNSIGNED NOT NULL DEFAULT 0,
	ADD recon_months TINYINT UNSIGNED NOT NULL DEFAULT 1,
	-- scheduled runs are on while this is set: the user they run as (the
	-- statements' creator, told of answers)
	ADD recon_schedule_by INT UNSIGNED NULL;

ALTER TABLE statements
	ADD bulk_run_id BIGINT UNSIGNED NULL,
	ADD period_key VARCHAR(100) NULL,
	ADD chain_from_id BIGINT UNSIGNED NULL,
	ADD erp_opening DECIMAL(18,2) NULL,
	ADD UNIQUE KEY uq_statements_period (account_set_id, period_key),
	ADD KEY ix_statements_bulk (bulk_run_id);
