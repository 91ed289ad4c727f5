#!/bin/sh
# 20 db-lib clients x 1,000 queries at once (batches, RPCs, multi-row
# results), every answer checked; the stress program prints the TAP.
. "${srcdir:-.}/t/erpsim/testlib.sh"
need sqlite3
PORT=14337
make_db
make_freetds_conf
start_erpsim $PORT || exit 1
"$ES_DIR/stress" -p $PORT -U "$ES_USER" -P "$ES_PASS" -t 20 -n 1000
