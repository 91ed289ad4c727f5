# t/http/local.mk
