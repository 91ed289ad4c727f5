# Tests. Unit tests (TAP, C) need nothing running; http tests skip unless
# deploy/test has started the stack and exported DZ_TEST_* variables.
check_LIBRARIES = t/lib/libtap.a
t_lib_libtap_a_SOURCES = t/lib/tap.c t/lib/tap.h
TAP_LIBS = t/lib/libtap.a

include t/unit/core.mk
include t/unit/domain.mk
include t/unit/app.mk
include t/unit/gateway.mk
include t/fuzz/local.mk
include t/http/local.mk
include t/http/confirm.mk
include t/http/statements.mk
