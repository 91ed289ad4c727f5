#!/bin/sh
# t/erpsim/test-oracle.sh: erpsim-oracle on a hand-made database whose answers
# were worked out by hand (see the comments next to the expected records). TAP.
oracle=./t/erpsim/erpsim-oracle
schema=${srcdir:-.}/t/erpsim/schema.sql
if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "1..0 # SKIP sqlite3 shell not installed"
	exit 0
fi
if [ ! -x "$oracle" ]; then
	echo "1..0 # SKIP $oracle not built"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/erpsim-oracle.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
db=$tmp/tiny.db
T=$(printf '\t')

n=0
fail=0
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi
}
# same FILE-GOT FILE-WANT DESCRIPTION
same() {
	diff -u "$2" "$1" >"$tmp/diff"
	st=$?
	ok $st "$3"
	[ $st -eq 0 ] || sed 's/^/# /' "$tmp/diff"
}

{
	cat "$schema"
	cat <<'EOF'
INSERT INTO Btype (typeId, parid, leveal, sonnum, soncount, UserCode, FullName, Name,
    ARTotal, APTotal, ARTotal00, APTotal00, deleted) VALUES
 ('00001', '00000', 1, 3, 3, '01', '华北区', '华北区', 0, 0, 0, 0, 0),
 ('0000100001', '00001', 2, 0, 0, '01001', '联想（北京）有限公司', '联想', 1642.12, 0, 1000, 0, 0),
 ('0000100002', '00001', 2, 0, 0, '01002', '天津恒达商贸有限公司', '天津恒达', 400, 0, 0, 0, 0),
 ('0000100003', '00001', 2, 0, 0, '01003', '已删除的客户有限公司', '已删除', 0, 0, 0, 0, 1);
INSERT INTO Ptype (typeId, ParId, leveal, UserCode, FullName, Name, Unit1) VALUES
 ('0000100001', '00001', 2, '010001', '测试商品A', 'A', '个'),
 ('0000100002', '00001', 2, '010002', '六类网线', '网线', '米');
INSERT INTO Dlyndx (Vchcode, Date, Number, VchType, summary, btypeid, Total, draft, RedWord, RedOld) VALUES
 (1, '2026-09-15', 'XS-20260915-00001', 11, '九月销售', '0000100001', 500, 2, 'F', 'F'),
 (2, '2026-09-20', 'SK-20260920-00001', 4, '九月收款', '0000100001', 300, 2, 'F', 'F'),
 (3, '2026-10-01', 'XS-20261001-00001', 11, '送货上门', '0000100001', 1230.06, 2, 'F', 'F'),
 (4, '2026-10-05', 'XT-20261005-00001', 45, '质量问题退货', '0000100001', 100, 2, 'F', 'F'),
 (5, '2026-10-10', 'SK-20261010-00001', 4, '收到9月货款', '0000100001', 800, 2, 'F', 'F'),
 (6, '2026-10-12', 'XS-20261012-00001', 11, '作废的销售', '0000100001', 999, 2, 'F', 'T'),
 (7, '2026-10-12', 'XS-20261012-00001', 11, '作废的销售(红字反冲)', '0000100001', -999, 2, 'T', 'T'),
 (8, '2026-10-15', 'XS-20261015-00001', 11, '草稿', '0000100001', 5000, 1, 'F', 'F'),
 (9, '2026-10-20', 'YZ-20261020-00001', 116, '代垫运费', '0000100001', 12.345, 2, 'F', 'F'),
 (10, '2026-10-21', 'YJ-20261021-00001', 115, '销售折让', '0000100001', 0.285, 2, 'F', 'F'),
 (11, '2026-10-31', 'XS-20261031-00001', 11, 'tab	inside', '0000100001', 50, 2, 'F', 'F'),
 (12, '2026-10-31', 'SK-20261031-00001', 4, '', '0000100001', 20, 2, 'F', 'F'),
 (13, '2026-11-01', 'XS-20261101-00001', 11, '十一月', '0000100001', 70, 2, 'F', 'F'),
 (14, '2026-10-10', 'XS-20261010-00001', 11, '别的客户', '0000100002', 400, 2, 'F', 'F');
INSERT INTO DlySale (dlyorder, Vchcode, Date, VchType, PtypeId, Qty, TaxPrice, tax_total) VALUES
 (1, 1, '2026-09-15', 11, '0000100001', -10, 50, -500),
 (2, 3, '2026-10-01', 11, '0000100001', -2, 100.005, -200.01),
 (3, 3, '2026-10-01', 11, '0000100002', -10.5, 98.1, -1030.05),
 (4, 4, '2026-10-05', 45, '0000100001', 1, 100, 100),
 (5, 6, '2026-10-12', 11, '0000100001', -9, 111, -999),
 (6, 7, '2026-10-12', 11, '0000100001', 9, 111, 999),
 (7, 11, '2026-10-31', 11, '0000100001', -0.5, 100, -50),
 (8, 13, '2026-11-01', 11, '0000100001', -1, 70, -70),
 (9, 14, '2026-10-10', 11, '0000100001', -4, 100, -400);
INSERT INTO BakDly (dlyorder, Vchcode, Date, VchType, PtypeId, Qty, TaxPrice, tax_total) VALUES
 (1, 8, '2026-10-15', 11, '0000100001', 50, 100, 5000);
EOF
} | sqlite3 "$db"
ok $? "builds the hand-made database"

# opening at 10-01: 1000.00 + 500.00 (sale) - 300.00 (receipt) = 1200.00
# 10-01 sale 1230.06: 2 x 100.005 (price rounds half away to 100.01) = 200.01,
#   10.5 m x 98.10 = 1030.05; the return -100.00; receipts -800.00 and -20.00;
#   the voided pair (6, 7) and the draft (8) are left out; on 10-31 the
#   receipt's number SK- sorts before the sale's XS-; the TAB in a summary
#   becomes a space. closing = 1200.00 + 1230.06 + 50.00 - 100.00 - 820.00 = 1560.06
cat >"$tmp/want1" <<EOF
customer${T}0000100001${T}01001${T}联想（北京）有限公司
opening${T}120000
doc${T}3${T}2026-10-01${T}11${T}XS-20261001-00001${T}送货上门${T}123006
line${T}3${T}010001${T}测试商品A${T}个${T}2${T}10001${T}20001
line${T}3${T}010002${T}六类网线${T}米${T}10.5${T}9810${T}103005
doc${T}4${T}2026-10-05${T}45${T}XT-20261005-00001${T}质量问题退货${T}-10000
line${T}4${T}010001${T}测试商品A${T}个${T}1${T}10000${T}10000
doc${T}5${T}2026-10-10${T}4${T}SK-20261010-00001${T}收到9月货款${T}-80000
doc${T}12${T}2026-10-31${T}4${T}SK-20261031-00001${T}${T}-2000
doc${T}11${T}2026-10-31${T}11${T}XS-20261031-00001${T}tab inside${T}5000
line${T}11${T}010001${T}测试商品A${T}个${T}0.5${T}10000${T}5000
total${T}11${T}2${T}128006
total${T}45${T}1${T}-10000
total${T}4${T}2${T}-82000
closing${T}156006
EOF
$oracle --db "$db" --customer 0000100001 --from 2026-10-01 --to 2026-10-31 >"$tmp/got1"
ok $? "runs for October"
same "$tmp/got1" "$tmp/want1" "October, default types 11,45,4"

# with 116 and 115: 12.345 rounds to 12.35 (1235 fen) and 0.285 to 0.29 (29 fen),
# both exact decimal halves that binary doubles hold as ...4999
grep -v '^closing' "$tmp/want1" | sed '/^doc.12/i\
doc	9	2026-10-20	116	YZ-20261020-00001	代垫运费	1235\
doc	10	2026-10-21	115	YJ-20261021-00001	销售折让	-29' >"$tmp/want2"
cat >>"$tmp/want2" <<EOF
total${T}116${T}1${T}1235
total${T}115${T}1${T}-29
closing${T}157212
EOF
$oracle --db "$db" --customer 0000100001 --from 2026-10-01 --to 2026-10-31 \
    --types 11,45,4,116,115 >"$tmp/got2"
same "$tmp/got2" "$tmp/want2" "October, all five types, halves rounded away from zero"

cat >"$tmp/want3" <<EOF
customer${T}0000100001${T}01001${T}联想（北京）有限公司
opening${T}120000
doc${T}5${T}2026-10-10${T}4${T}SK-20261010-00001${T}收到9月货款${T}-80000
doc${T}12${T}2026-10-31${T}4${T}SK-20261031-00001${T}${T}-2000
total${T}4${T}2${T}-82000
closing${T}38000
EOF
$oracle --db "$db" --customer 0000100001 --from 2026-10-01 --to 2026-10-31 --types 4 >"$tmp/got3"
same "$tmp/got3" "$tmp/want3" "receipts only"

# opening on 11-01 includes all of October (the voided pair nets to zero, the draft is out)
# = 1200.00 + 1230.06 - 100 - 800 + 12.35 - 0.29 + 50 - 20 = 1572.12
$oracle --db "$db" --customer 0000100001 --from 2026-11-01 --to 2026-11-30 >"$tmp/got4"
grep "^opening" "$tmp/got4" >"$tmp/got4o"
printf 'opening\t157212\n' >"$tmp/want4o"
same "$tmp/got4o" "$tmp/want4o" "November opening carries October, pair and draft excluded"
grep "^closing" "$tmp/got4" >"$tmp/got4c"
printf 'closing\t164212\n' >"$tmp/want4c"
same "$tmp/got4c" "$tmp/want4c" "November closing = opening + the 70.00 sale"

cat >"$tmp/want5" <<EOF
cust${T}0000100001${T}01001${T}联想（北京）有限公司${T}164212
cust${T}0000100002${T}01002${T}天津恒达商贸有限公司${T}40000
EOF
$oracle --db "$db" --list-customers >"$tmp/got5"
same "$tmp/got5" "$tmp/want5" "--list-customers: leaves, not deleted, by code"

$oracle --db "$db" --customer 0000199999 --from 2026-10-01 --to 2026-10-31 >/dev/null 2>&1
[ $? -eq 1 ]
ok $? "an unknown customer is an error"
$oracle --db "$db" --customer 0000100001 --from 2026-02-30 --to 2026-10-31 >/dev/null 2>&1
[ $? -eq 1 ]
ok $? "an impossible date is an error"
$oracle --db "$db" --customer 0000100001 --from 2026-10-01 --to 2026-10-31 --types 34 >/dev/null 2>&1
[ $? -eq 1 ]
ok $? "a type that is not a statement type is an error"
$oracle --db "$tmp/none.db" --list-customers >/dev/null 2>&1
[ $? -eq 1 ]
ok $? "a missing database file is an error"

echo "1..$n"
exit $fail
