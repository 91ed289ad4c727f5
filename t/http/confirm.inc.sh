# t/http/confirm.inc.sh: fixtures for the dz-confirm tests (sourced after
# t/lib/http.sh). Statements and share links are written straight into the
# app store with DZ_TEST_SQL, the way dz-generate and the share action of
# dz-history store them (a link row keeps only SHA-256 of its token).

# cf_set: the id of this suite's account set (made once)
cf_set() {
	sql "INSERT IGNORE INTO account_sets (identity, company_name, erp_kind)
		VALUES ('test-confirm', '测试商贸有限公司', 'grasp')" &&
	sql "SELECT id FROM account_sets WHERE identity = 'test-confirm'"
}

# cf_stmt [CUSTOMER]: a new 未确认 statement with four documents (two with
# goods); prints its id
cf_stmt() {
	local set cust=${1:-华东五金批发部}
	set=$(cf_set) || return 1
	sql "INSERT INTO statements (account_set_id, customer_id, customer_code,
		customer_name, company_name, period_from, period_to, with_opening,
		opening, sales, returns, receipts, other, closing, doc_count,
		fingerprint, created_by)
		VALUES ($set, '00012', 'C012', '$cust', '测试商贸有限公司',
		'2024-03-01', '2024-03-31', 1, 1000.00, 5230.50, -230.50, -3000.00, 0,
		3000.00, 4, REPEAT('a', 64), 1);
		SET @s = LAST_INSERT_ID();
		INSERT INTO statement_docs VALUES
		(@s, 9001, 11, 'sale', 'XS-2024-03-0001', '2024-03-02', '三月第一批', 3230.50),
		(@s, 9002, 11, 'sale', 'XS-2024-03-0007', '2024-03-02', '', 2000.00),
		(@s, 9003, 45, 'return', 'TH-2024-03-0002', '2024-03-10', '破损退回', -230.50),
		(@s, 9004, 4, 'receipt', 'SK-2024-03-0003', '2024-03-20', '转账', -3000.00);
		INSERT INTO statement_lines VALUES
		(@s, 9001, 1, 'P001', '不锈钢螺丝 M6', '盒', 10, 123.05, 1230.50),
		(@s, 9001, 2, 'P002', '膨胀螺栓 M10', '袋', 20, 100, 2000.00),
		(@s, 9002, 1, 'P003', '合页 4寸', '只', 400, 5, 2000.00),
		(@s, 9003, 1, 'P001', '不锈钢螺丝 M6', '盒', -1, 230.50, -230.50);
		SELECT @s"
}

# cf_token: a fresh 256-bit token, base64url without padding (43 characters)
cf_token() {
	openssl rand 32 | base64 | tr -d '=\n' | tr '+/' '-_'
}

# cf_keyid: the newest key's id in the stack's key file (1 if unreadable):
# a link row names a key the programs have, or its QR code is a 503
# (after 441 has rotated the keys, key 1 is gone)
cf_keyid() {
	local f
	f=$(sed -n 's/^[[:space:]]*Paths.KeyFile[[:space:]]*=[[:space:]]*//p' "$DZ_CONF" 2>/dev/null | head -1)
	{ cut -d' ' -f1 "$f" 2>/dev/null || echo 1; } | sort -n | tail -1 | grep . || echo 1
}

# cf_link SID [DAYS]: a live link for statement SID; prints its token (its
# nonce is random: the token the programs would derive from it, e.g. for the
# QR code, is another one)
cf_link() {
	local tok
	tok=$(cf_token)
	sql "INSERT INTO share_links (statement_id, token_hash, nonce, key_id,
		created_by, expires_at) VALUES ($1, UNHEX('$(sha256hex "$tok")'),
		RANDOM_BYTES(32), $(cf_keyid), 1, NOW() + INTERVAL ${2:-30} DAY)" || return 1
	printf '%s\n' "$tok"
}

# cf_hash TOKEN: the hex SHA-256 of a token, as share_links keeps it
cf_hash() { sha256hex "$1"; }

# cf_status SID: the statement's status column
cf_status() { sql "SELECT status FROM statements WHERE id = $1"; }

# cf_feedback SID: how many answers the statement has
cf_feedback() { sql "SELECT COUNT(*) FROM feedback WHERE statement_id = $1"; }

# cf_opens TOKEN: the link's open_count
cf_opens() { sql "SELECT open_count FROM share_links WHERE token_hash = UNHEX('$(cf_hash "$1")')"; }
