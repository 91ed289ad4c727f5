# shellcheck shell=bash
# t/http/statements.inc.sh: fixtures for the statement tests (300-320),
# sourced after t/lib/http.sh and dz_init. Statements are made the way a
# clerk makes them: 往来对账 on the ERP simulator, then POST /statements/new;
# actions go through dz-history's forms.

ORACLE=${DZ_TEST_ORACLE:-$(dirname "$0")/../erpsim/erpsim-oracle}

# st_need: skip unless the programs and the ERP simulator are there
st_need() {
	program_running dz-generate || skip_all "dz-generate not running"
	program_running dz-history || skip_all "dz-history not running"
	[ -n "${DZ_TEST_ERP_DSN:-}" ] || skip_all "no ERP simulator (DZ_TEST_ERP_DSN unset)"
	[ -x "$ORACLE" ] || skip_all "no erpsim-oracle"
	command -v sqlite3 >/dev/null || skip_all "no sqlite3"
}

# st_admin: an admin signed in as browser "a"
st_admin() {
	local pw=Good-Pass-$U
	mkuser "sa$U" admin "$pw" || bail "cannot create an admin"
	login a "sa$U" "$pw"
	[ "$STATUS" = 303 ] || bail "admin cannot sign in ($STATUS)"
}

# st_user B NAME ROLE DSN: a user made through 用户管理 (its account set
# from the data address), signed in as browser B; prints nothing, sets $uid
st_user() {
	local b=$1 name=$2 role=$3 dsn=$4
	get a /admin/users/new
	post a /admin/users/new "username=$name" erp_kind=grasp "role=$role" "dsn=$dsn" \
		password= status=active "csrf=$(csrf)"
	[ "$STATUS" = 303 ] || bail "cannot create $role $name ($STATUS)"
	uid=$(sql "SELECT id FROM users WHERE username='$name'")
	# the forced password change is 030's business
	sql "UPDATE users SET must_change_password = 0 WHERE id = $uid" >/dev/null
	login "$b" "$name" 123456
	[ "$STATUS" = 303 ] || bail "$name cannot sign in ($STATUS)"
}

# st_lenovo: the ERP simulator's customer with documents in every period
# (erpsim-gen names it in erpsim_meta), for tests that need one statement
st_lenovo() {
	local cu
	cu=$(sqlite3 "$DZ_TEST_ERP_SQLITE" "SELECT value FROM erpsim_meta WHERE name = 'customer_lenovo'")
	echo "${cu:-0000100001}"
}

# st_docs CUSTOMER FROM TO: the oracle's documents (vchcodes, one a line)
st_docs() {
	"$ORACLE" --db "$DZ_TEST_ERP_SQLITE" --customer "$1" --from "$2" --to "$3" |
		awk -F '\t' '$1 == "doc" { print $2 }'
}

# sel B PATH CUSTOMER FROM TO OPENING(0|1|-) VCH...: POST a choice of
# documents to PATH (/statements/new, /statements/preview) with the csrf
# token of B's query page, as its buttons do; sets STATUS
sel() {
	local b=$1 path=$2 cu=$3 from=$4 to=$5 op=$6 args=() v
	shift 6
	get "$b" "/query?customer=$cu&from=$from&to=$to&types=sale&types=return&types=receipt&go=1"
	args=("csrf=$(csrf)" "customer=$cu" "from=$from" "to=$to" types=sale types=return types=receipt)
	[ "$op" = 1 ] && args+=(opening=1)
	for v in "$@"; do args+=("doc=$v"); done
	post "$b" "$path" "${args[@]}"
}

# gen B CUSTOMER FROM TO OPENING(0|1|-) VCH...: generate; sets STATUS and
# SID (from Location)
gen() {
	local b=$1
	shift
	sel "$b" /statements/new "$@"
	SID=$(location | sed -n 's,^/statements/\([0-9][0-9]*\).*,\1,p')
}

# fen COLUMN SID: a money column of statement SID in fen
fen() { sql "SELECT CAST(ROUND($1 * 100) AS SIGNED) FROM statements WHERE id = $2"; }

# st_new B CUSTOMER FROM TO: a statement of all the oracle's documents, with
# the opening balance; prints its id
st_new() {
	# shellcheck disable=SC2046
	gen "$1" "$2" "$3" "$4" 1 $(st_docs "$2" "$3" "$4")
	[ "$STATUS" = 303 ] && [ -n "$SID" ] || { diag "generate: $STATUS"; return 1; }
	echo "$SID"
}

# st_state SID: what an action may change: status|received|version|deleted|
# answers|audit rows|live links
st_state() {
	sql "SELECT CONCAT_WS('|', status, received, version, deleted_at IS NOT NULL,
		(SELECT COUNT(*) FROM feedback WHERE statement_id = s.id),
		(SELECT COUNT(*) FROM audit_log WHERE object = CONCAT('statement:', s.id)),
		(SELECT COUNT(*) FROM share_links WHERE statement_id = s.id AND revoked_at IS NULL))
		FROM statements s WHERE id = $1"
}

# st_version SID
st_version() { sql "SELECT version FROM statements WHERE id = $1"; }

# act B SID ACTION [name=value...]: the action's POST with B's csrf token and
# the current version (unless version=... is given)
act() {
	local b=$1 sid=$2 a=$3 tok
	shift 3
	get "$b" "/statements/$sid"
	tok=$(csrf)
	[ -n "$tok" ] || { get "$b" /statements; tok=$(csrf); }
	case " $* " in
	*" version="*) post "$b" "/statements/$sid/$a" "csrf=$tok" "$@" ;;
	*) post "$b" "/statements/$sid/$a" "csrf=$tok" "version=$(st_version "$sid")" "$@" ;;
	esac
}

# buttons: the action links of the statement card or page in the last page
# for statement SID, by their path's last segment, sorted, space-separated
# (the downloads, 下载 PDF's /pdf and 下载 Excel's /xlsx, are not actions)
buttons() {
	grep -o "href=\"/statements/$1/[a-z]*\"" "$BODY" | sed 's,.*/,,; s,",,' | grep -vxE 'pdf|xlsx' |
		sort -u | tr '\n' ' ' | sed 's/ $//'
}

# card SID: the <article> of statement SID in the last list page
card() {
	awk -v id="id=\"stmt-$1\"" 'index($0, id) { on = 1 } on { print } on && /<\/article>/ { exit }' "$BODY"
}

# st_openpyxl: PY, a python3 that has openpyxl (Debian's python3-openpyxl is
# /usr/bin/python3's, which another python3 on PATH may not see); skips
# the test when there is none
st_openpyxl() {
	local p
	PY=
	for p in python3 /usr/bin/python3; do
		if command -v "$p" >/dev/null && "$p" -c 'import openpyxl' 2>/dev/null; then
			PY=$p
			return 0
		fi
	done
	skip_all "no python3 with openpyxl (apt-get install python3-openpyxl)"
}

# st_poppler: skips the test without poppler-utils (pdftotext, pdffonts, pdfinfo)
st_poppler() {
	local c
	for c in pdftotext pdffonts pdfinfo; do
		command -v $c >/dev/null || skip_all "no $c (apt-get install poppler-utils)"
	done
}

# st_pdf_report WHAT: the last response ($BODY) is a report's PDF: served
# as application/pdf, an attachment; A4 landscape, every font embedded as
# a subset, "第 N 页 共 M 页" on each page. Its text without spaces (pdftotext
# puts them where it likes between Chinese and figures) is left in $PDFTXT;
# the PDF and its first page as a PNG (pdftoppm) are kept as test output.
st_pdf_report() {
	local what=$1 pages f=$BODY.pdf out=${DZ_TEST_OUT:-$DZ_TEST_RUN/out}
	cp "$BODY" "$f"
	mkdir -p "$out"
	cp "$f" "$out/report-$what"
	pdftoppm -q -r 60 -f 1 -l 1 -png -singlefile "$f" "$out/report-${what%.pdf}-page1" || :
	is "$(hdr Content-Type)" "application/pdf" "$what: Content-Type application/pdf"
	like "$(hdr Content-Disposition)" '^attachment; ' "$what: an attachment"
	like "$(head -c 5 "$f")" '^%PDF-' "$what: a PDF"
	pdffonts "$f" >"$f.fonts" 2>&1
	ok "$what: pdffonts lists its fonts" test "$(awk 'NR > 2' "$f.fonts" | wc -l)" -ge 1
	is "$(awk 'NR > 2 && ($(NF-4) != "yes" || $(NF-3) != "yes")' "$f.fonts")" "" \
		"$what: every font embedded and a subset"
	like "$(pdfinfo "$f" | awk '/^Page size:/ { print $3, $5 }')" '^841\.89 595\.2' "$what: A4 landscape"
	pages=$(pdfinfo "$f" | awk '/^Pages:/ { print $2 }')
	PDFTXT=$f.txt
	pdftotext -q "$f" - | tr -d ' \f' >"$PDFTXT"
	is "$(grep -o '第[0-9]*页共[0-9]*页' "$PDFTXT" | sort -u | wc -l) $(grep -o '共[0-9]*页' "$PDFTXT" | sort -u | tr '\n' ' ')" \
		"${pages:-?} 共${pages}页 " "$what: 第 N 页 共 $pages 页 on each of its pages"
}

# st_commas FEN: 123456789 -> 1,234,567.89 (as the pages write amounts)
st_commas() {
	local v=$1 s=
	[ "${v#-}" != "$v" ] && { s=-; v=${v#-}; }
	v=$(printf '%03d' "$v")
	printf '%s%s.%s' "$s" "$(printf '%s' "${v%??}" | sed -E ':a; s/^([0-9]+)([0-9]{3})/\1,\2/; ta')" "${v: -2}"
}
