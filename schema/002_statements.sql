-- 002: statements (frozen snapshots of ERP documents), their goods lines,
-- share links for customers, and the customers' and staff's answers.

CREATE TABLE statements (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	account_set_id	INT UNSIGNED NOT NULL,
	-- the customer as the ERP named it when the statement was made
	customer_id	VARCHAR(64) NOT NULL,
	customer_code	VARCHAR(64) NOT NULL DEFAULT '',
	customer_name	VARCHAR(256) NOT NULL DEFAULT '',
	company_name	VARCHAR(200) NOT NULL DEFAULT '',
	period_from	DATE NOT NULL,
	period_to	DATE NOT NULL,
	with_opening	TINYINT(1) NOT NULL DEFAULT 1,
	opening		DECIMAL(18,2) NOT NULL DEFAULT 0,
	sales		DECIMAL(18,2) NOT NULL DEFAULT 0,
	returns		DECIMAL(18,2) NOT NULL DEFAULT 0,
	receipts	DECIMAL(18,2) NOT NULL DEFAULT 0,
	other		DECIMAL(18,2) NOT NULL DEFAULT 0,
	closing		DECIMAL(18,2) NOT NULL DEFAULT 0,	-- 欠款金额
	doc_count	INT UNSIGNED NOT NULL DEFAULT 0,
	fingerprint	CHAR(64) NOT NULL,
	status		ENUM('pending', 'agreed', 'disputed') NOT NULL DEFAULT 'pending',
	received	DECIMAL(18,2) NOT NULL DEFAULT 0,	-- 已收金额
	received_date	DATE NULL,
	received_note	VARCHAR(200) NOT NULL DEFAULT '',
	answered_at	DATETIME NULL,
	created_by	INT UNSIGNED NOT NULL,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	deleted_at	DATETIME NULL,
	deleted_by	INT UNSIGNED NULL,
	version		INT UNSIGNED NOT NULL DEFAULT 1,
	KEY ix_statements_set_created (account_set_id, created_at),
	KEY ix_statements_set_customer (account_set_id, customer_id),
	CONSTRAINT fk_statements_set FOREIGN KEY (account_set_id) REFERENCES account_sets (id),
	CONSTRAINT fk_statements_user FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE statement_docs (
	statement_id	BIGINT UNSIGNED NOT NULL,
	vchcode		BIGINT NOT NULL,
	vchtype		INT NOT NULL,
	doc_type	ENUM('sale', 'return', 'receipt', 'ar_inc', 'ar_dec') NOT NULL,
	number		VARCHAR(64) NOT NULL DEFAULT '',
	date		DATE NOT NULL,
	summary		VARCHAR(256) NOT NULL DEFAULT '',
	amount		DECIMAL(18,2) NOT NULL,			-- signed as counted
	PRIMARY KEY (statement_id, vchcode),
	KEY ix_statement_docs_date (statement_id, date, number),
	CONSTRAINT fk_statement_docs FOREIGN KEY (statement_id) REFERENCES statements (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE statement_lines (
	statement_id	BIGINT UNSIGNED NOT NULL,
	vchcode		BIGINT NOT NULL,
	seq		INT UNSIGNED NOT NULL,
	product_code	VARCHAR(64) NOT NULL DEFAULT '',
	product_name	VARCHAR(256) NOT NULL DEFAULT '',
	unit		VARCHAR(32) NOT NULL DEFAULT '',
	qty		DECIMAL(18,4) NOT NULL,
	price		DECIMAL(18,4) NOT NULL,
	amount		DECIMAL(18,2) NOT NULL,
	PRIMARY KEY (statement_id, vchcode, seq),
	CONSTRAINT fk_statement_lines FOREIGN KEY (statement_id, vchcode)
		REFERENCES statement_docs (statement_id, vchcode)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE share_links (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	statement_id	BIGINT UNSIGNED NOT NULL,
	-- The token itself is never stored: it is HMAC-SHA256(share key, nonce),
	-- so staff can see the live link again, while the database alone
	-- (without the key file) yields no working link. Lookups go by hash.
	token_hash	BINARY(32) NOT NULL,			-- SHA-256 of the token
	nonce		BINARY(32) NOT NULL,
	key_id		TINYINT UNSIGNED NOT NULL,
	created_by	INT UNSIGNED NOT NULL,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	expires_at	DATETIME NOT NULL,
	revoked_at	DATETIME NULL,
	first_opened_at	DATETIME NULL,
	last_opened_at	DATETIME NULL,
	last_opened_ip	VARCHAR(45) NULL,
	open_count	INT UNSIGNED NOT NULL DEFAULT 0,
	UNIQUE KEY uq_share_links_token (token_hash),
	KEY ix_share_links_statement (statement_id),
	KEY ix_share_links_created (created_at),
	CONSTRAINT fk_share_links_statement FOREIGN KEY (statement_id) REFERENCES statements (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE feedback (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	statement_id	BIGINT UNSIGNED NOT NULL,
	decision	ENUM('agreed', 'disputed') NOT NULL,
	description	VARCHAR(2000) NOT NULL DEFAULT '',
	source		ENUM('customer', 'staff') NOT NULL,
	user_id		INT UNSIGNED NULL,
	username	VARCHAR(64) NOT NULL DEFAULT '',
	share_link_id	BIGINT UNSIGNED NULL,
	ip		VARCHAR(45) NOT NULL DEFAULT '',
	user_agent	VARCHAR(255) NOT NULL DEFAULT '',
	at		DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	KEY ix_feedback_statement (statement_id, at),
	CONSTRAINT fk_feedback_statement FOREIGN KEY (statement_id) REFERENCES statements (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The history of a statement is its audit rows: object 'statement:<id>'.
