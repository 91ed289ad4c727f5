-- 009: notices (issue 15). When a customer first opens a share link or
-- answers, the statement's creator gets a notice, written in the same
-- transaction as the opening or the answer (lib/store.c): none is lost,
-- none is made twice (one per link opened, one per answer recorded).
-- Each notice is also sent out on the account set's enabled channels
-- (企业微信 group robot, mail): one delivery row per notice and channel,
-- made in that same transaction and worked by `dz-admin notify`.

CREATE TABLE notices (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	account_set_id	INT UNSIGNED NOT NULL,
	user_id		INT UNSIGNED NOT NULL,		-- statements.created_by
	statement_id	BIGINT UNSIGNED NOT NULL,
	kind		ENUM('opened', 'agreed', 'disputed') NOT NULL,
	-- what made it: share_links.id (opened), feedback.id (an answer)
	ref_id		BIGINT UNSIGNED NOT NULL,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	read_at		DATETIME NULL,
	UNIQUE KEY uq_notices_ref (kind, ref_id),
	-- the top bar's count: unread of one user (read_at IS NULL)
	KEY ix_notices_unread (user_id, read_at),
	KEY ix_notices_list (user_id, account_set_id, id),
	CONSTRAINT fk_notices_statement FOREIGN KEY (statement_id) REFERENCES statements (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An account set's outbound channels. The robot's URL holds its key and
-- the mail password is a password: both sealed (lib/crypt, bound to the
-- row: "notify_channels.secret:<set>:<channel>"), never shown again.
CREATE TABLE notify_channels (
	account_set_id	INT UNSIGNED NOT NULL,
	channel		ENUM('wecom', 'mail') NOT NULL,
	enabled		TINYINT(1) NOT NULL DEFAULT 0,
	format		ENUM('text', 'markdown') NOT NULL DEFAULT 'text',
	-- mail: smtp:// or smtps:// server; wecom: the URL's host, for the page
	url		VARCHAR(255) NOT NULL DEFAULT '',
	mail_from	VARCHAR(255) NOT NULL DEFAULT '',
	mail_to		VARCHAR(1024) NOT NULL DEFAULT '',
	username	VARCHAR(255) NOT NULL DEFAULT '',
	secret		VARBINARY(1200) NULL,
	version		INT UNSIGNED NOT NULL DEFAULT 0,
	updated_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (account_set_id, channel)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The outbox: one row per notice and channel, never two. 'sending' is
-- claimed by a worker; one found 'sending' after a crash may have been
-- delivered, so it is never sent again by itself (the page shows 未知 and
-- staff may resend). robot: SHA-256 of the robot's URL, for its rate
-- window (attempted_at over the last 60 s).
CREATE TABLE notify_deliveries (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	notice_id	BIGINT UNSIGNED NOT NULL,
	account_set_id	INT UNSIGNED NOT NULL,
	channel		ENUM('wecom', 'mail') NOT NULL,
	state		ENUM('pending', 'sending', 'sent', 'failed') NOT NULL DEFAULT 'pending',
	attempts	INT UNSIGNED NOT NULL DEFAULT 0,
	next_at		DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	attempted_at	DATETIME NULL,
	sent_at		DATETIME NULL,
	robot		CHAR(64) NOT NULL DEFAULT '',
	last_error	VARCHAR(255) NOT NULL DEFAULT '',
	UNIQUE KEY uq_deliveries_notice (notice_id, channel),
	KEY ix_deliveries_due (state, next_at),
	KEY ix_deliveries_robot (robot, attempted_at),
	CONSTRAINT fk_deliveries_notice FOREIGN KEY (notice_id) REFERENCES notices (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per robot, locked while a worker counts its window and claims
-- (two workers never both take the 20th place).
CREATE TABLE notify_robots (
	robot		CHAR(64) NOT NULL PRIMARY KEY,
	touched_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
