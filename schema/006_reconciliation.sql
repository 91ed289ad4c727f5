-- 006: 账目核对. The customer's own figures beside a statement: the file
-- they sent (kept as evidence with its SHA-256), how its columns were read
-- (remembered per customer), each matching run as a 余额调节表 with the
-- lines that differ, and the staff's resolution of each line. Nothing of
-- the frozen statement changes: a run only moves the statement's version
-- (so pages are drawn again) and its mark for the history.

CREATE TABLE recon_uploads (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	statement_id	BIGINT UNSIGNED NOT NULL,
	source		ENUM('customer', 'staff') NOT NULL,
	user_id		INT UNSIGNED NULL,
	share_link_id	BIGINT UNSIGNED NULL,
	filename	VARCHAR(255) NOT NULL DEFAULT '',
	kind		ENUM('csv', 'xlsx') NOT NULL,
	encoding	VARCHAR(16) NOT NULL DEFAULT '',
	size		INT UNSIGNED NOT NULL,
	sha256		CHAR(64) NOT NULL,
	nrows		INT UNSIGNED NOT NULL,
	ncols		INT UNSIGNED NOT NULL,
	content		MEDIUMBLOB NOT NULL,
	ip		VARCHAR(45) NOT NULL DEFAULT '',
	at		DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	KEY ix_recon_uploads_statement (statement_id, id),
	CONSTRAINT fk_recon_uploads_statement FOREIGN KEY (statement_id) REFERENCES statements (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The columns of a customer's ledger as last confirmed (lib/ledger's map).
CREATE TABLE recon_maps (
	account_set_id	INT UNSIGNED NOT NULL,
	customer_id	VARCHAR(64) NOT NULL,
	map		VARCHAR(128) NOT NULL,
	updated_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (account_set_id, customer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One matching run: their closing = our closing + opening_diff + the sum
-- over its lines of (theirs - ours) + unexplained (lib/match).
CREATE TABLE reconciliations (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	statement_id	BIGINT UNSIGNED NOT NULL,
	source		ENUM('customer', 'staff') NOT NULL,
	user_id		INT UNSIGNED NULL,
	username	VARCHAR(64) NOT NULL DEFAULT '',
	share_link_id	BIGINT UNSIGNED NULL,
	method		ENUM('balance', 'ledger') NOT NULL,
	upload_id	BIGINT UNSIGNED NULL,
	map		VARCHAR(128) NOT NULL DEFAULT '',
	our_opening	DECIMAL(18,2) NOT NULL,
	our_closing	DECIMAL(18,2) NOT NULL,
	their_opening	DECIMAL(18,2) NOT NULL,
	their_closing	DECIMAL(18,2) NOT NULL,
	closing_given	TINYINT(1) NOT NULL,
	opening_diff	DECIMAL(18,2) NOT NULL,
	d_amount	DECIMAL(18,2) NOT NULL,		-- 金额不符
	d_timing	DECIMAL(18,2) NOT NULL,		-- 在途, both sides
	d_only_ours	DECIMAL(18,2) NOT NULL,		-- 我方有对方无
	d_only_theirs	DECIMAL(18,2) NOT NULL,		-- 对方有我方无
	unexplained	DECIMAL(18,2) NOT NULL,
	n_ours		INT UNSIGNED NOT NULL,
	n_theirs	INT UNSIGNED NOT NULL,
	n_matched	INT UNSIGNED NOT NULL,		-- lines exact or split
	n_diff		INT UNSIGNED NOT NULL,		-- lines of the others
	skipped		INT UNSIGNED NOT NULL DEFAULT 0,	-- their rows left out
	ip		VARCHAR(45) NOT NULL DEFAULT '',
	at		DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	KEY ix_recon_statement (statement_id, id),
	CONSTRAINT fk_recon_statement FOREIGN KEY (statement_id) REFERENCES statements (id),
	CONSTRAINT fk_recon_upload FOREIGN KEY (upload_id) REFERENCES recon_uploads (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The lines of a run that are not simply matched (and the splits): each
-- side as the page shows it.
CREATE TABLE recon_lines (
	recon_id	BIGINT UNSIGNED NOT NULL,
	seq		INT UNSIGNED NOT NULL,
	-- lib/match's kinds, and 'unexplained': what their own rows do not
	-- account for in the closing they stated (a line of its own, so that
	-- staff resolve it like the others)
	kind		ENUM('exact', 'amount', 'split', 'timing_ours', 'timing_theirs',
			    'only_ours', 'only_theirs', 'unexplained') NOT NULL,
	how		ENUM('number', 'alias', 'amount_date', 'near', 'sum', 'timing',
			    'none') NOT NULL,
	tie		TINYINT(1) NOT NULL DEFAULT 0,
	our_numbers	VARCHAR(200) NOT NULL DEFAULT '',
	our_date	DATE NULL,
	our_amount	DECIMAL(18,2) NOT NULL,
	their_ref	VARCHAR(300) NOT NULL DEFAULT '',
	their_memo	VARCHAR(300) NOT NULL DEFAULT '',
	their_date	DATE NULL,
	their_rows	VARCHAR(40) NOT NULL DEFAULT '',	-- row numbers in their file
	their_amount	DECIMAL(18,2) NOT NULL,
	delta		DECIMAL(18,2) NOT NULL,
	PRIMARY KEY (recon_id, seq),
	CONSTRAINT fk_recon_lines FOREIGN KEY (recon_id) REFERENCES reconciliations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 人工干预: a line explained, marked as timing, or the customer's figure
-- accepted; the last row of a line is its state, every row its history.
CREATE TABLE recon_resolutions (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	recon_id	BIGINT UNSIGNED NOT NULL,
	seq		INT UNSIGNED NOT NULL,
	action		ENUM('explain', 'timing', 'accept') NOT NULL,
	note		VARCHAR(500) NOT NULL DEFAULT '',
	user_id		INT UNSIGNED NOT NULL,
	username	VARCHAR(64) NOT NULL,
	at		DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	KEY ix_recon_res_line (recon_id, seq, id),
	CONSTRAINT fk_recon_res FOREIGN KEY (recon_id, seq) REFERENCES recon_lines (recon_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who answered (经办人), and the run the answer was given with.
ALTER TABLE feedback
	ADD COLUMN handler_name VARCHAR(64) NOT NULL DEFAULT '',
	ADD COLUMN handler_phone VARCHAR(32) NOT NULL DEFAULT '',
	ADD COLUMN handler_position VARCHAR(64) NOT NULL DEFAULT '',
	ADD COLUMN recon_id BIGINT UNSIGNED NULL;

-- The statement's last run and its mark: NULL none, 'diff' differences
-- not all resolved, 'ok' nothing left.
ALTER TABLE statements
	ADD COLUMN recon_id BIGINT UNSIGNED NULL,
	ADD COLUMN recon_state ENUM('ok', 'diff') NULL;
