# t/http/local.mk: TAP tests against the running stack (nginx, the
# programs, MariaDB, erpsim), started by deploy/test. Without DZ_TEST_BASE
# each test prints "1..0 # SKIP" (deploy/test always sets it).
#   005-110  the site, sessions, CSRF, roles, users, the store restarted;
#            007 robots.txt, the /c/ headers, no third-party URL (check 7);
#            008 the security headers on 200/303/404/429/500/502/504 (check 8);
#            071 authorisation refusals logged with user and path;
#            105 the backup-and-restore drill (dz-admin backup, restore, verify)
#   015      every statement of lib/db.c prepared against the schema
#   016      a web program's store connection refuses a second statement
#   120-125  往来对账 against erpsim, the ERP in trouble, 预览
#   200-290  the customer's page (helper: confirm-helper, lib/store's calls);
#            211 50 answers and a staff delete at once (check 4);
#            251 /c/'s per-address rate and burst, refusals logged (check 6);
#            260 links and QR codes on App.PublicBase, not the Host header
#   300-335  generating statements, the action matrix, the history;
#            335 操作记录 (the audit screen and its CSV)
#   440-445  keys, binaries and sockets: decryption refused and logged, key
#            rotation, sealed at rest, FastCGI sockets, hardening, the key file;
#   446      the ERP connection in TLS (issue 12, hole 3)
#   460      hostile bytes into every field of every form (a sweep)
#   465      the form limits (fields, bytes) say what was too large
#   470      hostile text (markup, template syntax, formulas, CR/LF) shown
#            escaped, never evaluated, no forged log line (security check 19)
#   480      the malformed-input corpus on every route (security check 20)
#   490-491  sqlmap against every parameter, wapiti with every module
#            (security check 18)
#   500      the statement PDF: its text, fonts, pages, answer, QR code, who
#            may download it (issue 13)
#   510-511  the exports: a statement's XLSX, the history's XLSX and CSV
#            (read back with openpyxl, t/http/xlsx-read.py)
#   520-523  报表: 结算概览, 账龄, 对账报表, 付款习惯 (issue 13)
#   540-541  账目核对: the customer's ledger, matching, the 余额调节表 (issue 14)
#   550      批量生成, chained openings, 对账日 (issue 15)
#   560      notices: the creator told in the site, by robot and by mail,
#            once each, retried, rate-limited (receivers on loopback:
#            t/http/notify-receiver.py; issue 15)
#   580      the history at scale: cursor paging, the bounded count, the
#            customer filter through statement_customers (issue 15)
HTTP_TESTS = \
	t/http/005-nginx-site.sh \
	t/http/007-public-surface.sh \
	t/http/008-headers-every-status.sh \
	t/http/010-nginx.sh \
	t/http/011-nginx-down.sh \
	t/http/020-login.sh \
	t/http/030-forced-change.sh \
	t/http/040-logout.sh \
	t/http/045-session-life.sh \
	t/http/046-session-ids.sh \
	t/http/050-csrf.sh \
	t/http/060-methods.sh \
	t/http/070-roles.sh \
	t/http/071-authz-log.sh \
	t/http/080-users.sh \
	t/http/081-users-bad-bytes.sh \
	t/http/082-users-dsn-echo.sh \
	t/http/090-throttle.sh \
	t/http/091-lockout.sh \
	t/http/092-login-guessing.sh \
	t/http/095-password-hash.sh \
	t/http/096-password-policy.sh \
	t/http/100-db-restart.sh \
	t/http/101-db-access.sh \
	t/http/105-backup-drill.sh \
	t/http/110-valgrind.sh \
	t/http/120-query.sh \
	t/http/121-query-erp-trouble.sh \
	t/http/125-preview.sh \
	t/http/200-confirm-flow.sh \
	t/http/210-confirm-race.sh \
	t/http/211-answer-delete-race.sh \
	t/http/220-confirm-gone.sh \
	t/http/230-confirm-tokens.sh \
	t/http/240-confirm-reopened.sh \
	t/http/250-confirm-limits.sh \
	t/http/251-limit-rate.sh \
	t/http/260-share-base.sh \
	t/http/290-confirm-logs.sh \
	t/http/300-generate.sh \
	t/http/310-actions.sh \
	t/http/315-outcomes.sh \
	t/http/320-history.sh \
	t/http/330-history-cache.sh \
	t/http/335-audit.sh \
	t/http/440-key-failures.sh \
	t/http/441-key-rotation.sh \
	t/http/442-sealed-at-rest.sh \
	t/http/443-fcgi-sockets.sh \
	t/http/444-hardening.sh \
	t/http/445-key-file.sh \
	t/http/446-erp-tls.sh \
	t/http/460-form-sweep.sh \
	t/http/465-form-limits.sh \
	t/http/470-hostile-text.sh \
	t/http/480-bad-input.sh \
	t/http/490-sqlmap.sh \
	t/http/491-wapiti.sh \
	t/http/500-export-pdf.sh \
	t/http/510-export-xlsx.sh \
	t/http/511-export-history.sh \
	t/http/520-reports-aging.sh \
	t/http/521-reports-overview.sh \
	t/http/522-reports-ledger.sh \
	t/http/523-reports-habits.sh \
	t/http/540-recon.sh \
	t/http/541-recon-hostile.sh \
	t/http/550-month.sh \
	t/http/560-notify.sh \
	t/http/570-drift.sh \
	t/http/580-history-scale.sh \
	t/http/600-import.sh
TESTS += $(HTTP_TESTS)
dist_check_SCRIPTS += $(HTTP_TESTS)
EXTRA_DIST += t/http/confirm.inc.sh t/http/statements.inc.sh t/http/report-xlsx.py t/http/xlsx-read.py \
	t/http/notify-receiver.py

check_PROGRAMS += t/http/015-db-statements t/http/confirm-helper
TESTS += t/http/015-db-statements
t_http_015_db_statements_CPPFLAGS = $(TEST_CPPFLAGS)
t_http_015_db_statements_LDADD = $(TAP_LIBS) $(DZ_LIBS)
check_PROGRAMS += t/http/016-db-one-statement
TESTS += t/http/016-db-one-statement
t_http_016_db_one_statement_CPPFLAGS = $(TEST_CPPFLAGS)
t_http_016_db_one_statement_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_http_confirm_helper_SOURCES = t/http/confirm-helper.c
t_http_confirm_helper_LDADD = $(DZ_LIBS)
check_PROGRAMS += t/http/seal-helper
t_http_seal_helper_SOURCES = t/http/seal-helper.c
t_http_seal_helper_LDADD = $(DZ_LIBS)
