#!/bin/bash
# t/bench/fill-statements.sh IDENTITY N USER: fills the account set IDENTITY
# (made if missing, company 规模压测商贸) of the test stack's store with N
# statements, and makes it USER's account set (USER must exist: dz-admin
# create-user). Prints the account set's id.
#
# Idempotent: statement k (1..N) of a fill of N is always the same row,
# and a set that already holds j < N of them gets k = j+1..N only; a set
# holding N or more is left as it is. (A fill of another N into the same
# set spreads its dates differently: use one identity per N.)
#
# The rows are INSERT ... SELECT from MariaDB's SEQUENCE engine
# (seq_A_to_B), 100,000 a batch, each batch one transaction. What they
# look like, so the history's filters find realistic shares:
#   - 2,000 customers (C0001..C2000, K0001..K2000, 压测客户N号商贸有限公司,
#     a city prefix from 8), statement k is customer k mod 2000;
#   - created_at over 5 years (2021-12-01 .. 2026-11-30), rising with k
#     (k = N is the newest), the period the calendar month before it;
#   - status: 45 % 符合, 15 % 不符合, 40 % 未确认 (answered_at a day after
#     creation when answered); 已收 on a quarter; 2 % deleted;
#   - a share link on 1 in 10 (shared_at, opened_at on half of those;
#     token_hash from SHA2 so unique; these links do not open anything);
#   - 账目核对 marks: 3 % 'diff', 2 % 'ok' (recon_state only, no run rows);
#   - no statement_docs rows: the history reads the header (doc_count).
# At N = 1,000,000 this takes a few minutes on the test stack.
#   . run/test/env && t/bench/fill-statements.sh bench:scale/1000000 1000000 clerk1
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 IDENTITY N USER" >&2; exit 2; }
ident=$1 n=$2 user=$3
case $n in ''|*[!0-9]*) echo "$0: N must be a number" >&2; exit 2 ;; esac
case $ident$user in *[\'\\]*) echo "$0: no quotes in IDENTITY or USER" >&2; exit 2 ;; esac
here=$(cd "$(dirname "$0")/../.." && pwd)
if [ -z "${DZ_TEST_SQL:-}" ] && [ -f "$here/run/test/env" ]; then
	. "$here/run/test/env"
fi
sql() { "$DZ_TEST_SQL" "$@"; }

uid=$(sql "SELECT id FROM users WHERE username = '$user'")
[ -n "$uid" ] || { echo "$0: no user $user" >&2; exit 1; }
sql "INSERT IGNORE INTO account_sets (identity, company_name, erp_kind)
	VALUES ('$ident', '规模压测商贸', 'grasp')"
set_id=$(sql "SELECT id FROM account_sets WHERE identity = '$ident'")
sql "UPDATE users SET account_set_id = $set_id, must_change_password = 0 WHERE id = $uid"
have=$(sql "SELECT COUNT(*) FROM statements WHERE account_set_id = $set_id")

# Seconds of the 5 years between two statements, as a decimal.
span=$((5 * 365 * 86400))
batch=100000
k=$((have + 1))
while [ "$k" -le "$n" ]; do
	hi=$((k + batch - 1))
	[ "$hi" -le "$n" ] || hi=$n
	sql "START TRANSACTION;
	INSERT INTO statements (account_set_id, customer_id, customer_code, customer_name,
		company_name, period_from, period_to, opening, sales, returns, receipts, closing,
		doc_count, fingerprint, status, received, received_date, answered_at, created_by,
		created_at, deleted_at, deleted_by, shared_at, opened_at, recon_state)
	SELECT $set_id, CONCAT('C', LPAD(c, 4, '0')), CONCAT('K', LPAD(c, 4, '0')),
		CONCAT(ELT(1 + c % 8, '北京', '上海', '广州', '深圳', '成都', '武汉', '杭州', '西安'),
		'压测客户', c, '号商贸有限公司'), '规模压测商贸',
		DATE_FORMAT(t - INTERVAL 1 MONTH, '%Y-%m-01'),
		LAST_DAY(t - INTERVAL 1 MONTH),
		1000.00, 52345.60, -1200.00, -30000.00, 22145.60 + (seq % 1000), 1 + seq % 60,
		SHA2(CONCAT('$ident/', seq), 256), st,
		IF(h % 4 = 0, 500.00, 0), IF(h % 4 = 0, DATE(t) + INTERVAL 3 DAY, NULL),
		IF(st = 'pending', NULL, t + INTERVAL 1 DAY), $uid, t,
		IF(h % 50 = 7, t + INTERVAL 2 DAY, NULL), IF(h % 50 = 7, $uid, NULL),
		IF(h % 10 = 3, t + INTERVAL 1 HOUR, NULL),
		IF(h % 20 = 3, t + INTERVAL 5 HOUR, NULL),
		CASE WHEN h % 100 < 3 THEN 'diff' WHEN h % 100 < 5 THEN 'ok' END
	FROM (SELECT seq, 1 + seq % 2000 AS c,
		CRC32(CONCAT('$ident/', seq)) AS h,
		TIMESTAMP('2021-12-01') + INTERVAL FLOOR(seq * ($span - 1) / $n) SECOND AS t,
		ELT(1 + CRC32(CONCAT('s', seq)) % 20,
		'agreed', 'agreed', 'agreed', 'agreed', 'agreed', 'agreed', 'agreed', 'agreed', 'agreed',
		'disputed', 'disputed', 'disputed',
		'pending', 'pending', 'pending', 'pending', 'pending', 'pending', 'pending', 'pending') AS st
		FROM seq_${k}_to_${hi}) g
	ORDER BY seq;
	COMMIT;"
	k=$((hi + 1))
done
# The share links of the statements shared (1 in 10), made once.
sql "INSERT INTO share_links (statement_id, token_hash, nonce, key_id, created_by,
	created_at, expires_at, first_opened_at, last_opened_at, open_count)
	SELECT s.id, UNHEX(SHA2(CONCAT('link/', s.id), 256)), UNHEX(SHA2(CONCAT('nonce/', s.id), 256)),
	1, s.created_by, s.shared_at, s.shared_at + INTERVAL 30 DAY, s.opened_at, s.opened_at,
	s.opened_at IS NOT NULL
	FROM statements s WHERE s.account_set_id = $set_id AND s.shared_at IS NOT NULL
	AND NOT EXISTS (SELECT 1 FROM share_links l WHERE l.statement_id = s.id)"
# The optimizer's statistics after a bulk insert (without it the first
# pages after a fill read up to twice as slow).
[ "$have" -ge "$n" ] || sql "ANALYZE TABLE statements, statement_customers" >/dev/null
echo "$set_id"
