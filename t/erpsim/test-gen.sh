#!/bin/sh
# t/erpsim/test-gen.sh: erpsim-gen is deterministic and its data consistent.
# TAP. Needs the sqlite3 command-line shell.
gen=./t/erpsim/erpsim-gen
if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "1..0 # SKIP sqlite3 shell not installed"
	exit 0
fi
if [ ! -x "$gen" ]; then
	echo "1..0 # SKIP $gen not built"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/erpsim-gen.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

n=0
fail=0
ok() {	# ok COND-STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fail=1
	fi
}
# q DB SQL: one value
q() { sqlite3 -batch -noheader "$1" "$2"; }
# is GOT WANT DESCRIPTION
is() {
	[ "$1" = "$2" ]
	st=$?
	ok $st "$3"
	[ $st -eq 0 ] || echo "# got '$1', want '$2'"
}

small="--preset demo --customers 12 --products 20 --years 1 --today 2026-11-22"
$gen $small --seed 7 --out "$tmp/a.db" 2>"$tmp/a.log"
ok $? "generates a small set"
$gen $small --seed 7 --out "$tmp/b.db" 2>/dev/null
$gen $small --seed 8 --out "$tmp/c.db" 2>/dev/null
sqlite3 "$tmp/a.db" .dump >"$tmp/a.sql"
sqlite3 "$tmp/b.db" .dump >"$tmp/b.sql"
sqlite3 "$tmp/c.db" .dump >"$tmp/c.sql"
cmp -s "$tmp/a.sql" "$tmp/b.sql"
ok $? "same seed, same options: identical dump"
! cmp -s "$tmp/a.sql" "$tmp/c.sql"
ok $? "another seed: another dump"
$gen $small --seed 7 --today 2026-11-21 --out "$tmp/d.db" 2>/dev/null
sqlite3 "$tmp/d.db" .dump >"$tmp/d.sql"
! cmp -s "$tmp/a.sql" "$tmp/d.sql"
ok $? "--today changes the data (it bounds the dates)"

$gen --preset demo --seed 1 --today 2026-11-22 --out "$tmp/demo.db" 2>"$tmp/demo.log"
ok $? "generates the demo preset"
cat "$tmp/demo.log" | sed 's/^/# /'

for db in "$tmp/a.db" "$tmp/demo.db"; do
	name=$(basename "$db")
	docs=$(q "$db" "SELECT COUNT(*) FROM Dlyndx")
	[ "$docs" -gt 100 ]
	ok $? "$name: has documents ($docs)"
	is "$(q "$db" "SELECT value FROM erpsim_meta WHERE name='documents'")" \
	    "$docs" "$name: erpsim_meta.documents matches"
	for t in 11 45 4 116 115; do
		c=$(q "$db" "SELECT COUNT(*) FROM Dlyndx WHERE VchType=$t AND draft=2")
		[ "$c" -gt 0 ]
		ok $? "$name: posted documents of type $t ($c)"
	done
	c=$(q "$db" "SELECT COUNT(*) FROM Dlyndx WHERE draft=1")
	[ "$c" -gt 0 ]
	ok $? "$name: drafts exist ($c)"
	c=$(q "$db" "SELECT COUNT(*) FROM Dlyndx WHERE RedWord='T'")
	[ "$c" -gt 0 ]
	ok $? "$name: red reversals exist ($c)"

	# ARTotal - APTotal = ARTotal00 - APTotal00 + posted movements (signs per DESIGN §4)
	is "$(q "$db" "SELECT COUNT(*) FROM Btype b WHERE b.sonnum = 0 AND
	    ABS(b.ARTotal - b.APTotal - b.ARTotal00 + b.APTotal00 - IFNULL((
	      SELECT SUM(CASE WHEN n.VchType IN (11,116) THEN n.Total
	                      WHEN n.VchType IN (45,4,115) THEN -n.Total END)
	      FROM Dlyndx n WHERE n.btypeid = b.typeId AND n.draft = 2), 0)) > 0.001")" \
	    0 "$name: every balance = opening + posted documents"
	is "$(q "$db" "SELECT COUNT(*) FROM Btype b WHERE b.sonnum = 0 AND
	    ABS(b.ARTotal - b.APTotal - b.ARTotal00 + b.APTotal00 - IFNULL((
	      SELECT SUM(a.Total) FROM Dlya a JOIN Dlyndx n ON n.Vchcode = a.Vchcode
	      WHERE a.ATypeID = '0000100005' AND a.BTypeID = b.typeId AND n.draft = 2), 0)) > 0.001")" \
	    0 "$name: every balance = opening + Dlya AR rows"
	is "$(q "$db" "SELECT COUNT(*) FROM Btype WHERE sonnum = 0 AND deleted = 0
	    AND isclient = 1 AND (APTotal <> 0 OR ARTotal < 0)")" \
	    0 "$name: customer balances are receivables (ARTotal >= 0, APTotal = 0)"
	is "$(q "$db" "SELECT COUNT(*) FROM Dlyndx n WHERE n.draft = 2 AND ABS(n.Total *
	    (CASE WHEN n.VchType IN (11,116) THEN 1 ELSE -1 END) - (SELECT SUM(a.Total)
	    FROM Dlya a WHERE a.Vchcode = n.Vchcode AND a.ATypeID = '0000100005')) > 0.001")" \
	    0 "$name: each posted document's AR row equals its signed total"
	is "$(q "$db" "SELECT COUNT(*) FROM Dlyndx n WHERE n.draft = 2 AND n.VchType IN (11,45)
	    AND ABS(n.Total * (CASE n.VchType WHEN 11 THEN -1 ELSE 1 END) - (SELECT SUM(s.tax_total)
	    FROM DlySale s WHERE s.Vchcode = n.Vchcode)) > 0.001")" \
	    0 "$name: sales lines (negative) and return lines (positive) sum to the total"
	is "$(q "$db" "SELECT COUNT(*) FROM DlySale s JOIN Dlyndx n ON n.Vchcode = s.Vchcode
	    WHERE (n.VchType = 11 AND n.RedWord = 'F' AND (s.Qty >= 0 OR s.tax_total >= 0))
	       OR (n.VchType = 45 AND n.RedWord = 'F' AND (s.Qty <= 0 OR s.tax_total <= 0))")" \
	    0 "$name: DlySale signs: sales negative, returns positive"
	# red pairs: same number and type, one RedWord T, both RedOld T, totals net to zero
	is "$(q "$db" "SELECT COUNT(*) FROM (SELECT Number, VchType, COUNT(*) c,
	    SUM(RedWord = 'T') r, SUM(Total) s, COUNT(DISTINCT Date) d FROM Dlyndx
	    WHERE RedOld = 'T' GROUP BY Number, VchType)
	    WHERE c <> 2 OR r <> 1 OR ABS(s) > 0.001 OR d <> 1")" \
	    0 "$name: red pairs: two rows, one reversal, net zero, same date"
	is "$(q "$db" "SELECT COUNT(*) FROM Dlyndx WHERE RedWord = 'T' AND
	    (RedOld <> 'T' OR Total >= 0 OR draft <> 2)")" \
	    0 "$name: reversals are posted, negative and marked RedOld"
	is "$(q "$db" "SELECT COUNT(*) FROM Dlyndx n WHERE n.draft = 1 AND
	    (EXISTS (SELECT 1 FROM DlySale s WHERE s.Vchcode = n.Vchcode)
	     OR EXISTS (SELECT 1 FROM Dlya a WHERE a.Vchcode = n.Vchcode)
	     OR NOT EXISTS (SELECT 1 FROM BakDly k WHERE k.Vchcode = n.Vchcode))")" \
	    0 "$name: drafts keep their lines in BakDly only"
	is "$(q "$db" "SELECT COUNT(*) FROM BakDly k JOIN Dlyndx n ON n.Vchcode = k.Vchcode
	    WHERE n.draft <> 1")" 0 "$name: BakDly holds drafts only"
	is "$(q "$db" "SELECT COUNT(*) FROM Dlyndx n LEFT JOIN Btype b ON b.typeId = n.btypeid
	    WHERE b.typeId IS NULL OR b.sonnum <> 0 OR b.deleted <> 0")" \
	    0 "$name: documents name existing leaf, not deleted customers"
	is "$(q "$db" "SELECT COUNT(*) FROM DlySale s LEFT JOIN Ptype p ON p.typeId = s.PtypeId
	    WHERE p.typeId IS NULL OR p.sonnum <> 0")" 0 "$name: lines name existing products"
	is "$(q "$db" "SELECT COUNT(*) FROM Dlyndx WHERE Date NOT GLOB
	    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' OR Date > '2026-11-22'")" \
	    0 "$name: dates are YYYY-MM-DD and not after --today"
	is "$(q "$db" "SELECT COUNT(*) FROM (SELECT Number FROM Dlyndx WHERE RedWord = 'F'
	    GROUP BY Number HAVING COUNT(*) > 1)")" 0 "$name: document numbers are unique"
	is "$(q "$db" "SELECT COUNT(*) FROM Btype c JOIN Btype p ON p.typeId = c.parid
	    WHERE substr(c.typeId, 1, length(p.typeId)) <> p.typeId OR c.leveal <> p.leveal + 1")" \
	    0 "$name: the Btype tree: a child's typeId extends its parent's, one level down"
	is "$(q "$db" "SELECT COUNT(*) FROM Btype p WHERE p.sonnum <> (SELECT COUNT(*)
	    FROM Btype c WHERE c.parid = p.typeId)")" 0 "$name: sonnum counts the children"
	is "$(q "$db" "SELECT COUNT(*) FROM Btype WHERE typeId IN (SELECT btypeid FROM Dlyndx)
	    AND sonnum = 0")" "$(q "$db" "SELECT COUNT(DISTINCT btypeid) FROM Dlyndx")" \
	    "$name: every customer with documents is a leaf"
	is "$(q "$db" "SELECT COUNT(*) FROM Dlyndx WHERE SaveDate NOT GLOB
	    '????-??-?? ??:??:??.??[037]'")" 0 "$name: SaveDate is DATETIME text with SQL Server milliseconds"
	is "$(q "$db" "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'
	    AND name = 'ix_dlyndx_btypeid_date'")" 1 "$name: Dlyndx has the (btypeid, Date) index"
done

is "$(q "$tmp/demo.db" "SELECT FullName FROM Btype WHERE Name = '联想'")" \
    "联想（北京）有限公司" "demo: 联想 is a customer"
is "$(q "$tmp/demo.db" "SELECT COUNT(*) FROM Btype WHERE sonnum = 0 AND deleted = 0
    AND isclient = 1")" "$(q "$tmp/demo.db" "SELECT 30 - COUNT(*) FROM Btype WHERE deleted = 1")" \
    "demo: 30 customers (some deleted)"
c=$(q "$tmp/demo.db" "SELECT COUNT(*) FROM Dlyndx WHERE Date >= '2026-10-01' AND Date <= '2026-10-31'")
[ "$c" -gt 50 ]
ok $? "demo: last calendar month has documents ($c)"
is "$(q "$tmp/demo.db" "SELECT MIN(Date) >= '2024-12-01' AND MAX(Date) <= '2026-11-22' FROM Dlyndx")" \
    1 "demo: two years up to today"
is "$(q "$tmp/demo.db" "SELECT SubValue FROM sysdata WHERE SubName = 'versionno'")" \
    "$(q "$tmp/demo.db" "SELECT value FROM erpsim_meta WHERE name = 'version'")" \
    "sysdata versionno = erpsim_meta version"
is "$(q "$tmp/demo.db" "SELECT fullname FROM GraspcwZt WHERE dbname = 'V3993'")" \
    "$(q "$tmp/demo.db" "SELECT value FROM erpsim_meta WHERE name = 'company'")" \
    "GraspcwZt lists the account set"

# the big customer of the bench preset, at a small scale
$gen --preset bench --customers 20 --products 30 --docs-per-month 2 --years 1 \
    --big-docs 500 --today 2026-11-22 --seed 3 --out "$tmp/big.db" 2>/dev/null
ok $? "bench preset at small scale"
bc=$(q "$tmp/big.db" "SELECT value FROM erpsim_meta WHERE name = 'big_customer'")
bm=$(q "$tmp/big.db" "SELECT value FROM erpsim_meta WHERE name = 'big_month'")
is "$bm" "2026-10" "big month is the last complete month"
c=$(q "$tmp/big.db" "SELECT COUNT(*) FROM Dlyndx WHERE btypeid = '$bc' AND Date LIKE '$bm-%'")
[ "$c" -ge 500 ]
ok $? "big customer has >= 500 documents in $bm ($c)"

$gen --preset nope --seed 1 --out "$tmp/x.db" 2>/dev/null
[ $? -ne 0 ]
ok $? "an unknown preset is refused"
$gen --preset demo --seed 1 --start 2026-13 --out "$tmp/x.db" 2>/dev/null
[ $? -ne 0 ]
ok $? "a bad --start is refused"

echo "1..$n"
exit $fail
