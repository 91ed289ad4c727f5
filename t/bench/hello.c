/*
 * hello: the bare libfcgi hello-world the benchmarks compare against.
 * No parsing, no templates, no database: the ceiling of what one
 * FastCGI process behind nginx can serve on this machine.
 * (libfcgi's printf has its own formatter: no %zu.)
 */
#include "config.h"

#include <fcgi_stdio.h>

static const char body[] =
    "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
    "<title>hello</title></head><body><p>hello, world</p></body></html>\n";

int
main(void)
{
	while (FCGI_Accept() >= 0) {
		printf("Status: 200 OK\r\n"
		    "Content-Type: text/html; charset=utf-8\r\n"
		    "Cache-Control: no-store\r\n"
		    "Content-Length: %d\r\n\r\n", (int)(sizeof(body) - 1));
		fputs(body, stdout);
	}
	return 0;
}
