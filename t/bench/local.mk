# t/bench/local.mk (included from t/http/local.mk): the bare FastCGI
# hello-world the benchmarks compare against. Built with the programs so
# deploy/test can start it behind nginx at /bench/hello.
noinst_PROGRAMS += t/bench/hello
t_bench_hello_SOURCES = t/bench/hello.c
t_bench_hello_LDADD = $(FCGI_LIBS)
EXTRA_DIST += t/bench/login.sh
