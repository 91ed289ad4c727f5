# t/fuzz/local.mk
