# t/fault/local.mk: the fault suite (issue 11): the running stack broken
# on purpose under load, each test bounded in time and printing its counts
# (statuses, latencies, recovery). Run after the http and browser tests,
# one at a time like them, by make check (deploy/test).
FAULT_TESTS = \
	t/fault/db-lock.sh \
	t/fault/erp-dead.sh \
	t/fault/fcgi-flood.sh \
	t/fault/queue.sh \
	t/fault/db-kill.sh \
	t/fault/log-full.sh \
	t/fault/worker-kill.sh
TESTS += $(FAULT_TESTS)
dist_check_SCRIPTS += $(FAULT_TESTS)

# The change file on a full tmpfs (root: mounts one in its own namespace).
check_PROGRAMS += t/fault/changes-full
TESTS += t/fault/changes-full
t_fault_changes_full_CPPFLAGS = $(TEST_CPPFLAGS)
t_fault_changes_full_LDADD = $(TAP_LIBS) $(DZ_LIBS)

# A sender of crafted FastCGI records (CVE-2025-23016), for fcgi-flood.sh.
check_PROGRAMS += t/fault/fcgi-crafted
