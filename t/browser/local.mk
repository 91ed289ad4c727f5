# t/browser/local.mk: headless Chromium through every real screen of the
# running stack, screenshots kept as output. run.sh runs one test script
# (flow.js by default); each further test has a two-line wrapper NAME.sh
# that names NAME.js, so each is its own TAP test in the tally.
#   run.sh       flow.js: the statement flow, admin to phone and back
#   query.sh     query.js: 往来对账's totals follow the ticks; 预览 without JS
#   history.sh   history.js: prepaid wording, card buttons, action outcomes
#   customer.sh  customer.js: the customer's page after 取消确认
#   reports.sh   reports.js: every report, its charts, a phone
#   recon.sh     recon.js: 账目核对: a phone uploads its ledger, the clerk resolves a line
BROWSER_TESTS = t/browser/run.sh t/browser/query.sh t/browser/history.sh \
	t/browser/customer.sh t/browser/reports.sh t/browser/recon.sh
TESTS += $(BROWSER_TESTS)
dist_check_SCRIPTS += $(BROWSER_TESTS)
EXTRA_DIST += t/browser/lib.js t/browser/flow.js t/browser/query.js \
	t/browser/history.js t/browser/customer.js t/browser/reports.js t/browser/recon.js \
	t/browser/package.json \
	t/browser/package-lock.json
