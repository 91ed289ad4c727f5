#!/bin/sh
# rawclient (no FreeTDS): 512-byte packets both ways, token stream shape,
# idle attention, LOGIN7 without PRELOGIN, a malformed packet.
. "${srcdir:-.}/t/erpsim/testlib.sh"
need sqlite3
PORT=14338
make_db
start_erpsim $PORT || exit 1
"$ES_DIR/rawclient" "$PORT" "$ES_USER" "$ES_PASS"
