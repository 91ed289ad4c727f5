# The statement tests (TAP, against deploy/test's stack; they skip without
# it): generate against erpsim's oracle, the action matrix over HTTP, the
# history's filters, paging and daily send records. t/bench/generate.sh
# (a 1,000-document statement on the bench ERP) is run by hand.
STATEMENT_TESTS = \
	t/http/300-generate.sh \
	t/http/310-actions.sh \
	t/http/320-history.sh \
	t/http/330-history-cache.sh
TESTS += $(STATEMENT_TESTS)
dist_check_SCRIPTS += $(STATEMENT_TESTS)
EXTRA_DIST += t/http/statements.inc.sh t/bench/generate.sh
