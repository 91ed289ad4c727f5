# t/layout/local.mk: the production layouts (issue 11), run by make check
# after the fault suite (deploy/test, as root):
#   destdir       make install DESTDIR=... from this build, as nobody
#   systemd       deploy/systemd's units: systemd-analyze verify, tmpfiles,
#                 systemd-analyze security (offline; no systemd runs here)
#   unprivileged  the README's spawn-fcgi deployment as a throw-away user
#                 without root, served by an nginx of its own (half a minute
#                 or more: it builds the suite once more)
LAYOUT_TESTS = \
	t/layout/destdir.sh \
	t/layout/systemd.sh \
	t/layout/unprivileged.sh
TESTS += $(LAYOUT_TESTS)
dist_check_SCRIPTS += $(LAYOUT_TESTS)
