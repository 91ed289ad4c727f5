# t/browser/local.mk: headless Chromium through every real screen of the
# running stack (flow.js, driven by run.sh), screenshots kept as output.
TESTS += t/browser/run.sh
dist_check_SCRIPTS += t/browser/run.sh
EXTRA_DIST += t/browser/flow.js t/browser/package.json t/browser/package-lock.json
