-- 013: the imported ledger of an account set of the kind 导入 (issue 16).
--
-- A company not on 管家婆 keeps its customers and documents here, loaded
-- from the import templates (lib/import checks a file; lib/store_import
-- stores it in one transaction) or by the API. The ERP gateway reads these
-- tables for such a set (lib/erp_import: the queries of the contract, in
-- the shape of 管家婆's answers), so that every screen works the same.
--
-- Codes and numbers compare byte for byte (utf8mb4_bin), as lib/import
-- compares them: C001 and c001 are two customers there and here. The
-- customer's code is also its id (the statements' customer_id).
--
-- A document keeps its vchcode for life: a file that brings a number again
-- with other figures makes a new version of it in place (the old one kept
-- in imp_document_versions), so that a statement made from the old one
-- sees it changed (lib/drift), as when 管家婆's user edits a document.
CREATE TABLE imp_files (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	account_set_id	INT UNSIGNED NOT NULL,
	-- SHA-256 of the file's bytes (hex): the same file twice adds nothing
	sha256		CHAR(64) CHARACTER SET ascii NOT NULL,
	name		VARCHAR(255) NOT NULL DEFAULT '',
	source		ENUM('template', 'api') NOT NULL DEFAULT 'template',
	user_id		INT UNSIGNED NULL,
	ncustomers	INT UNSIGNED NOT NULL DEFAULT 0,
	ndocuments	INT UNSIGNED NOT NULL DEFAULT 0,
	nlines		INT UNSIGNED NOT NULL DEFAULT 0,
	-- of the documents: new, a new version, the same as before
	added		INT UNSIGNED NOT NULL DEFAULT 0,
	changed		INT UNSIGNED NOT NULL DEFAULT 0,
	unchanged	INT UNSIGNED NOT NULL DEFAULT 0,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE KEY uq_imp_files_sha (account_set_id, sha256),
	CONSTRAINT fk_imp_files_set FOREIGN KEY (account_set_id) REFERENCES account_sets (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE imp_customers (
	account_set_id	INT UNSIGNED NOT NULL,
	code		VARCHAR(63) COLLATE utf8mb4_bin NOT NULL,
	name		VARCHAR(255) NOT NULL,
	contact		VARCHAR(63) NOT NULL DEFAULT '',
	phone		VARCHAR(31) NOT NULL DEFAULT '',
	-- the balance brought in (期初, our sign: they owe us) and the day it
	-- stands at; documents dated before it are in it ('1000-01-01': none)
	opening		DECIMAL(18,2) NOT NULL DEFAULT 0,
	opening_from	DATE NOT NULL DEFAULT '1000-01-01',
	-- the receivable now: opening + the signed documents from opening_from
	-- on (kept by lib/store_import in the transaction of each import: a
	-- customer of the file summed again, any other moved by its documents)
	balance		DECIMAL(18,2) NOT NULL DEFAULT 0,
	file_id		BIGINT UNSIGNED NOT NULL,
	updated_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (account_set_id, code),
	KEY ix_imp_customers_name (account_set_id, name),
	CONSTRAINT fk_imp_customers_set FOREIGN KEY (account_set_id) REFERENCES account_sets (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE imp_documents (
	vchcode		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	account_set_id	INT UNSIGNED NOT NULL,
	number		VARCHAR(63) COLLATE utf8mb4_bin NOT NULL,
	-- ours: 1, then one more for each change; and the sender's, when it
	-- numbers them (a version not past it is not applied)
	version		INT UNSIGNED NOT NULL DEFAULT 1,
	sender_version	INT UNSIGNED NULL,
	customer_code	VARCHAR(63) COLLATE utf8mb4_bin NOT NULL,
	-- 管家婆's VchType of the type (lib/stmt: 11 出库, 45 退货, 4 收款,
	-- 116 应收增加, 115 应收减少) and its sign on the receivable
	vchtype		SMALLINT NOT NULL,
	sign		TINYINT NOT NULL,
	date		DATE NOT NULL,
	total		DECIMAL(18,2) NOT NULL,
	summary		VARCHAR(255) NOT NULL DEFAULT '',
	file_id		BIGINT UNSIGNED NOT NULL,
	updated_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE KEY uq_imp_documents_number (account_set_id, number),
	KEY ix_imp_documents_customer (account_set_id, customer_code, date, number),
	KEY ix_imp_documents_date (account_set_id, date, vchtype),
	CONSTRAINT fk_imp_documents_set FOREIGN KEY (account_set_id) REFERENCES account_sets (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE imp_lines (
	vchcode		BIGINT UNSIGNED NOT NULL,
	seq		INT UNSIGNED NOT NULL,
	product_code	VARCHAR(63) NOT NULL DEFAULT '',
	product_name	VARCHAR(255) NOT NULL,
	unit		VARCHAR(31) NOT NULL DEFAULT '',
	qty		DECIMAL(18,4) NOT NULL,
	price		DECIMAL(18,4) NULL,
	amount		DECIMAL(18,2) NOT NULL,
	PRIMARY KEY (vchcode, seq),
	CONSTRAINT fk_imp_lines_doc FOREIGN KEY (vchcode) REFERENCES imp_documents (vchcode)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A document as it was before a later file changed it.
CREATE TABLE imp_document_versions (
	vchcode		BIGINT UNSIGNED NOT NULL,
	version		INT UNSIGNED NOT NULL,
	customer_code	VARCHAR(63) COLLATE utf8mb4_bin NOT NULL,
	vchtype		SMALLINT NOT NULL,
	date		DATE NOT NULL,
	total		DECIMAL(18,2) NOT NULL,
	summary		VARCHAR(255) NOT NULL DEFAULT '',
	file_id		BIGINT UNSIGNED NOT NULL,
	replaced_by	BIGINT UNSIGNED NOT NULL,
	PRIMARY KEY (vchcode, version),
	CONSTRAINT fk_imp_versions_doc FOREIGN KEY (vchcode) REFERENCES imp_documents (vchcode)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 数据导入 on the site: a clerk's files gathered (one of each template at
-- most; a second of the same kind takes the first one's place), checked
-- together on every look, and stored together when confirmed. Nothing of
-- them is the ledger until then; a stored upload names its imp_files row.
CREATE TABLE imp_uploads (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	account_set_id	INT UNSIGNED NOT NULL,
	user_id		INT UNSIGNED NOT NULL,
	state		ENUM('open', 'stored', 'dropped') NOT NULL DEFAULT 'open',
	file_id		BIGINT UNSIGNED NULL,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	KEY ix_imp_uploads_user (account_set_id, user_id, state),
	CONSTRAINT fk_imp_uploads_set FOREIGN KEY (account_set_id) REFERENCES account_sets (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE imp_upload_parts (
	upload_id	BIGINT UNSIGNED NOT NULL,
	sheet		ENUM('customers', 'documents', 'lines') NOT NULL,
	-- the worksheet of an XLSX it is (0: the first): one workbook may
	-- bring all three templates, each kept as a part of its own
	sheet_no	TINYINT UNSIGNED NOT NULL DEFAULT 0,
	filename	VARCHAR(255) NOT NULL DEFAULT '',
	size		INT UNSIGNED NOT NULL,
	sha256		CHAR(64) CHARACTER SET ascii NOT NULL,
	content		MEDIUMBLOB NOT NULL,
	at		DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (upload_id, sheet),
	CONSTRAINT fk_imp_parts_upload FOREIGN KEY (upload_id) REFERENCES imp_uploads (id)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The import API's keys (POST /api/v1/documents, /api/v1/customers): made
-- and revoked by an admin of the set, shown once; only the SHA-256 of the
-- key is kept, and its first characters to tell keys apart.
CREATE TABLE api_keys (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	account_set_id	INT UNSIGNED NOT NULL,
	name		VARCHAR(64) NOT NULL DEFAULT '',
	prefix		CHAR(12) CHARACTER SET ascii NOT NULL,
	hash		BINARY(32) NOT NULL,
	created_by	INT UNSIGNED NULL,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	revoked_at	DATETIME NULL,
	last_used_at	DATETIME NULL,
	calls		INT UNSIGNED NOT NULL DEFAULT 0,
	UNIQUE KEY uq_api_keys_hash (hash),
	KEY ix_api_keys_set (account_set_id, id),
	CONSTRAINT fk_api_keys_set FOREIGN KEY (account_set_id) REFERENCES account_sets (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
