-- 008: ERP drift (issue 15). A statement froze the ERP's documents and
-- goods; a check reads the ERP again and keeps what changed since: one row
-- per check (on demand by a clerk, or by the scheduled dz-admin drift) with
-- the ERP version's fingerprint, and one row per change with its kind and
-- before / after values. Nothing frozen changes: a check only moves the
-- statement's version (pages are kept by version) and its mark.

CREATE TABLE drift_checks (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	statement_id	BIGINT UNSIGNED NOT NULL,
	account_set_id	INT UNSIGNED NOT NULL,
	source		ENUM('staff', 'scheduled') NOT NULL,
	user_id		INT UNSIGNED NULL,
	username	VARCHAR(64) NOT NULL DEFAULT '',	-- '' when scheduled
	result		ENUM('ok', 'drift') NOT NULL,
	stmt_fingerprint CHAR(64) NOT NULL,		-- the statement's, as stored
	erp_fingerprint	CHAR(64) NOT NULL,		-- the ERP's version's
	erp_closing	DECIMAL(18,2) NOT NULL,		-- 欠款金额 of the ERP's version
	erp_doc_count	INT UNSIGNED NOT NULL,
	n_changes	INT UNSIGNED NOT NULL,
	n_red		INT UNSIGNED NOT NULL DEFAULT 0,	-- 红冲
	n_amount	INT UNSIGNED NOT NULL DEFAULT 0,	-- 金额变更
	n_lines		INT UNSIGNED NOT NULL DEFAULT 0,	-- 明细变更
	n_date		INT UNSIGNED NOT NULL DEFAULT 0,	-- 日期变更
	n_draft		INT UNSIGNED NOT NULL DEFAULT 0,	-- 反过账/草稿
	n_deleted	INT UNSIGNED NOT NULL DEFAULT 0,	-- 已删除
	n_new		INT UNSIGNED NOT NULL DEFAULT 0,	-- 期间内新单据
	n_header	INT UNSIGNED NOT NULL DEFAULT 0,	-- 单据信息变更
	at		DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	KEY ix_drift_checks_statement (statement_id, id),
	CONSTRAINT fk_drift_checks_statement FOREIGN KEY (statement_id) REFERENCES statements (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE drift_changes (
	check_id	BIGINT UNSIGNED NOT NULL,
	seq		INT UNSIGNED NOT NULL,
	kind		ENUM('red', 'amount', 'lines', 'date', 'draft', 'deleted', 'new',
			    'header') NOT NULL,
	vchcode		BIGINT NOT NULL,
	number		VARCHAR(64) NOT NULL DEFAULT '',
	doc_date	DATE NULL,
	before_text	VARCHAR(200) NOT NULL DEFAULT '',
	after_text	VARCHAR(200) NOT NULL DEFAULT '',
	before_amount	DECIMAL(18,2) NULL,		-- signed as the statement counts
	after_amount	DECIMAL(18,2) NULL,
	PRIMARY KEY (check_id, seq),
	CONSTRAINT fk_drift_changes FOREIGN KEY (check_id) REFERENCES drift_checks (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The statement's last check and its mark: '' never checked, 'ok' the ERP
-- agrees, 'drift' the ERP has changed (the 待跟进 list reads it by account
-- set).
ALTER TABLE statements
	ADD COLUMN drift_state ENUM('', 'ok', 'drift') NOT NULL DEFAULT '',
	ADD COLUMN drift_check_id BIGINT UNSIGNED NULL,
	ADD COLUMN drift_checked_at DATETIME NULL,
	ADD KEY ix_statements_set_drift (account_set_id, drift_state);
