-- 001: account sets, users, sessions, login throttling, audit trail.
-- Amounts are DECIMAL(18,2); times are the server's local time (the
-- connection sets time_zone to the configured one).

CREATE TABLE account_sets (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	-- lower-case "host:port/instance/database" of the data address:
	-- users naming the same server + database share one account set
	identity	VARCHAR(255) NOT NULL,
	company_name	VARCHAR(200) NOT NULL DEFAULT '',
	erp_kind	VARCHAR(32) NOT NULL,
	-- AES-256-GCM box of the whole data address, bound to this row
	erp_dsn		VARBINARY(1024) NULL,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE KEY uq_account_sets_identity (identity)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE users (
	id			INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	username		VARCHAR(32) NOT NULL,
	password_hash		VARCHAR(255) NOT NULL,
	role			ENUM('admin', 'clerk', 'viewer') NOT NULL,
	erp_kind		VARCHAR(32) NOT NULL DEFAULT '',
	account_set_id		INT UNSIGNED NULL,
	status			ENUM('active', 'disabled') NOT NULL DEFAULT 'active',
	must_change_password	TINYINT(1) NOT NULL DEFAULT 1,
	last_login_at		DATETIME NULL,
	created_at		DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at		DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	version			INT UNSIGNED NOT NULL DEFAULT 1,
	UNIQUE KEY uq_users_username (username),
	CONSTRAINT fk_users_account_set FOREIGN KEY (account_set_id)
		REFERENCES account_sets (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE sessions (
	-- SHA-256 of the 256-bit session id; the id itself is never stored
	id_hash		BINARY(32) NOT NULL PRIMARY KEY,
	user_id		INT UNSIGNED NOT NULL,
	csrf		CHAR(43) NOT NULL,
	created_at	DATETIME NOT NULL,
	last_seen_at	DATETIME NOT NULL,
	ip		VARCHAR(45) NOT NULL DEFAULT '',
	user_agent	VARCHAR(255) NOT NULL DEFAULT '',
	KEY ix_sessions_user (user_id),
	KEY ix_sessions_seen (last_seen_at),
	CONSTRAINT fk_sessions_user FOREIGN KEY (user_id)
		REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Failed sign-ins, for throttling only (the audit log keeps them for good).
CREATE TABLE login_failures (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	at		DATETIME NOT NULL,
	username	VARCHAR(64) NOT NULL,
	ip		VARCHAR(45) NOT NULL,
	KEY ix_login_failures_user (username, at),
	KEY ix_login_failures_ip (ip, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE audit_log (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	at		DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	user_id		INT UNSIGNED NULL,
	username	VARCHAR(64) NOT NULL DEFAULT '',
	action		VARCHAR(32) NOT NULL,
	object		VARCHAR(64) NOT NULL DEFAULT '',
	detail		VARCHAR(1000) NOT NULL DEFAULT '',
	ip		VARCHAR(45) NOT NULL DEFAULT '',
	KEY ix_audit_at (at),
	KEY ix_audit_object (object)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
