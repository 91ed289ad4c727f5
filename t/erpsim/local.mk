include t/erpsim/gen.mk
