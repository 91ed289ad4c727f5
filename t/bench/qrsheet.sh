#!/bin/bash
# t/bench/qrsheet.sh: lib/pdf's QR sheet (dz_pdf_qrsheet) of 1,000 made-up
# customers (t/bench/qrsheet-draw): the time to draw it, best of three
# (budget: <= 2 s), then the PDF read back as a person would: every page
# holds its cells, in order, each with the customer's name (in one or two
# lines; a long one cut there with …, its text kept whole), code, amount,
# and the note where there is no link (pdftotext -bbox, cells found by place); the
# page count is ceil(n / 12), each page says 第 N 页 共 M 页; and the QR
# codes of the first, second, a middle and the last page, rendered at
# 150 dpi (pdftoppm), decode to exactly that page's links (zbarimg; a
# code missed on the whole page read from its cell alone, see below). The
# same sheet drawn in a child process (dz_pdf_qrsheet_apart) once beside.
# Needs poppler-utils and zbar-tools (deploy/packages-test). Not part of
# make check; after make:
#   t/bench/qrsheet.sh          QRSHEET_N=1000 (customers)
#   QRSHEET_ALL=1: every page's codes decoded, not four pages' (about 1 min)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
b=$(dirname "$0")/qrsheet-draw
[ -x "$b" ] || { echo "build first: make t/bench/qrsheet-draw" >&2; exit 1; }
for c in pdftotext pdfinfo pdftoppm zbarimg python3; do
	command -v $c >/dev/null || { echo "no $c (deploy/packages-test)" >&2; exit 1; }
done
N=${QRSHEET_N:-1000}
BUDGET=2
T=$(mktemp -d "${TMPDIR:-/tmp}/dz-qrsheet.XXXXXX")
trap 'rm -rf "$T"' EXIT
n=0 fails=0
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fails=$((fails + 1)); fi
}
# The words the sheet prints, from their one source (conf/lang).
lang() {
	awk -v k="$1" '/^Lang\.qrsheet \{/ { on = 1; next } on && /^\}/ { on = 0 }
	    on { sub(/^[ \t]+/, ""); if (index($0, k " = ") == 1) print substr($0, length(k) + 4) }' \
	    "$ROOT/conf/lang/zh_CN.hdf"
}
code_label=$(lang code | sed 's/%s$//')
amount_label=$(lang amount | sed 's/%s$//')
no_link=$(lang no_link)
page_fmt=$(awk '/^Lang\.pdf \{/ { on = 1; next } on && /^\}/ { on = 0 }
    on && /^  page = / { sub(/^  page = /, ""); print }' "$ROOT/conf/lang/zh_CN.hdf")

"$b" -n "$N" -r 3 -o "$T/s.pdf" -e "$T/s.tsv" | tee "$T/time" | sed 's/^/# /'
"$b" -n "$N" -a -o "$T/apart.pdf" | sed 's/^/# /'
best=$(sed -n 's/^best: \([0-9.]*\) s$/\1/p' "$T/time")
echo "# $N customers drawn in $best s (budget $BUDGET s), $(($(stat -c %s "$T/s.pdf") / 1024)) KB"
ok "$(awk -v t="$best" -v b=$BUDGET 'BEGIN { print (t != "" && t <= b) ? 0 : 1 }')" \
    "1,000 customers drawn within $BUDGET s ($best s)"

pages=$(pdfinfo "$T/s.pdf" | sed -n 's/^Pages: *//p')
want=$(( (N + 11) / 12 ))
ok "$([ "$pages" = "$want" ] && echo 0 || echo 1)" "$pages pages, ceil($N / 12) = $want"
ok "$([ "$(pdfinfo "$T/apart.pdf" | sed -n 's/^Pages: *//p')" = "$want" ] && echo 0 || echo 1)" \
    "the child process's sheet has as many"

pdftotext "$T/s.pdf" "$T/s.txt"
missing=0
for p in $(seq 1 "$want"); do
	# shellcheck disable=SC2059
	grep -qF "$(printf "$page_fmt" "$p" "$want")" "$T/s.txt" || missing=$((missing + 1))
done
ok "$missing" "every page's footer says its number of $want ($missing missing)"

pdftotext -bbox "$T/s.pdf" "$T/s.html"
python3 - "$T/s.html" "$T/s.tsv" "$code_label" "$amount_label" "$no_link" >"$T/cells" <<'EOF' || true
# Each word to its cell by place: the grid is 3 x 4 cells of the page's
# body (40 pt margins; below the warning line, above 792 pt).
import html, re, sys
src, tsv, label, alabel, note = sys.argv[1:6]
items = [l.rstrip('\n').split('\t') for l in open(tsv, encoding='utf-8')]
doc = open(src, encoding='utf-8').read()
cells = {}
pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', doc, re.S)
for pno, (pw, ph, body) in enumerate(pages):
    words = [(float(a), float(b), float(c), float(d), html.unescape(t))
             for a, b, c, d, t in re.findall(
                 r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', body)]
    warn = [w for w in words if w[4].endswith('\u3002') and w[1] < 150]
    top = (max(w[3] for w in warn) if warn else 120) + 4
    cw, ch = (float(pw) - 80) / 3, (float(ph) - 50 - top) / 4
    print('grid %d %.2f %.2f %.2f' % (pno + 1, top, cw, ch))
    for x0, y0, x1, y1, t in words:
        xc, yc = (x0 + x1) / 2, (y0 + y1) / 2
        if yc < top or yc > float(ph) - 50:
            continue
        k = pno * 12 + int((yc - top) // ch) * 3 + int((xc - 40) // cw)
        cells.setdefault(k, []).append((round(y0), x0, t, y1))
bad = cut = long_ = 0
for k, (name, code, amount, url) in enumerate(items):
    ws = sorted(cells.get(k, []))
    text = ''.join(w[2] for w in ws)
    flat = re.sub(r'\s+', '', text)
    i = flat.find(label + code)
    why = []
    if i < 0:
        why.append('no code')
    else:
        # NOTE: a name cut with ... keeps its whole text in the PDF's text
        # (the ellipsis glyph stands for the characters it hides), so
        # pdftotext finds it whole; the cut shows as the lines it takes.
        if flat[:i] != re.sub(r'\s+', '', name):
            why.append('name %r' % flat[:i])
        # The name's words: all but the code's, the amount's and the note's;
        # in one or two lines, all above the code.
        ly = min([w[0] for w in ws if label in w[2]] or [0])
        nw = [w for w in ws if label not in w[2] and alabel not in w[2] and
              w[2] not in note]
        lines = sorted({w[0] for w in nw})
        nl = len([y for j, y in enumerate(lines) if j == 0 or y - lines[j - 1] > 3])
        if nl > 2 or nl < 1 or max([w[3] for w in nw] or [0]) > ly + 1:
            why.append('%d lines, down to %.1f, code at %d' %
                       (nl, max([w[3] for w in nw] or [0]), ly))
        if len(name) > 40:
            long_ += 1
            cut += nl == 2
    if amount not in text:
        why.append('no amount')
    if (note in text) != (url == ''):
        why.append('note' if url else 'no note')
    if why:
        bad += 1
        if bad <= 5:
            print('# cell %d (%s): %s in %r' % (k, code, ', '.join(why), text))
extra = [k for k in cells if k >= len(items)]
print('cells %d bad %d cut %d long %d extra %d' % (len(items), bad, cut, long_, len(extra)))
EOF
sed -n '/^#/p' "$T/cells"
read -r _ ncells _ bad _ cut _ long _ extra < <(grep '^cells ' "$T/cells" ||
    echo "cells 0 bad 1 cut 0 long 0 extra 0")
ok "$([ "$ncells" = "$N" ] && [ "$bad" = 0 ] && [ "$extra" = 0 ] && echo 0 || echo 1)" \
    "every cell has its name (1 or 2 lines), code and amount, the note where no link ($bad wrong of $ncells)"
ok "$([ "$long" -gt 0 ] && [ "$cut" = "$long" ] && echo 0 || echo 1)" \
    "every name over 40 characters is cut in two lines ($cut of $long)"

# NOTE: zbar reading a whole page of twelve codes in a grid sometimes
# misses one or two that it reads alone (finder patterns of neighbours in
# line); a code missed on the page is read again from its cell alone, at
# the same 150 dpi. Both counts are printed.
dec_all=0 want_all=0 alone_all=0
qpages="1 2 $(( (want + 1) / 2 )) $want"
[ "${QRSHEET_ALL:-0}" = 1 ] && qpages=$(seq 1 "$want")
for p in $qpages; do
	pdftoppm -r 150 -f "$p" -l "$p" -png "$T/s.pdf" "$T/p$p"
	png=$(ls "$T"/p"$p"-*.png)
	zbarimg -q --raw "$png" 2>/dev/null | grep . | sort >"$T/page$p" || true
	rm -f "$png"
	awk -F'\t' -v a=$(( (p - 1) * 12 + 1 )) -v z=$(( p * 12 )) \
	    'NR >= a && NR <= z && $4 != "" { print NR - a "\t" $4 }' "$T/s.tsv" >"$T/want$p"
	read -r _ _ top cw ch < <(grep "^grid $p " "$T/cells")
	cp "$T/page$p" "$T/got$p"
	alone=0
	while IFS=$'\t' read -r k url; do
		grep -qxF "$url" "$T/page$p" && continue
		# the cell's box in pixels at 150 dpi
		x=$(awk -v k="$k" -v cw="$cw" 'BEGIN { printf "%d", (40 + (k % 3) * cw) * 150 / 72 }')
		y=$(awk -v k="$k" -v t="$top" -v ch="$ch" 'BEGIN { printf "%d", (t + int(k / 3) * ch) * 150 / 72 }')
		w=$(awk -v cw="$cw" 'BEGIN { printf "%d", cw * 150 / 72 }')
		h=$(awk -v ch="$ch" 'BEGIN { printf "%d", ch * 150 / 72 }')
		pdftoppm -r 150 -f "$p" -l "$p" -x "$x" -y "$y" -W "$w" -H "$h" -png "$T/s.pdf" "$T/c"
		zbarimg -q --raw "$T"/c-*.png 2>/dev/null | grep . >>"$T/got$p" && alone=$((alone + 1))
		rm -f "$T"/c-*.png
	done <"$T/want$p"
	sort -o "$T/got$p" "$T/got$p"
	cut -f2 "$T/want$p" | sort >"$T/wantu$p"
	np=$(wc -l <"$T/page$p") nw=$(wc -l <"$T/wantu$p")
	dec_all=$((dec_all + np)) want_all=$((want_all + nw)) alone_all=$((alone_all + alone))
	ok "$(cmp -s "$T/got$p" "$T/wantu$p" && echo 0 || echo 1)" \
	    "page $p at 150 dpi: its $nw links decoded ($np on the page, $alone from the cell alone)"
done
echo "# zbarimg: $want_all codes: $dec_all read on their pages, $alone_all more from the cell alone"
echo "1..$n"
[ "$fails" = 0 ]
