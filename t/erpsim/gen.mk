# t/erpsim/gen.mk: generator and oracle rules (filled in by the data engineer's branch)
