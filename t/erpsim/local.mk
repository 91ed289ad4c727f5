# t/erpsim/local.mk
