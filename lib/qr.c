#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>
#include <qrencode.h>

#include "dz.h"
#include "qr.h"

/* Encode text; *qr is for QRcode_free. */
static enum dz_err
encode(const char *text, QRcode **qr)
{
	*qr = NULL;
	if (text == NULL || text[0] == '\0')
		return DZ_ERR_INVAL;
	errno = 0;
	/* QR_MODE_8 with case kept: the bytes go in as they are. */
	if ((*qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1)) != NULL)
		return DZ_OK;
	switch (errno) {
	case ERANGE:
		return DZ_ERR_TOOBIG;
	case ENOMEM:
		return DZ_ERR_NOMEM;
	default:
		return DZ_ERR_INVAL;
	}
}

static int
dark(const QRcode *qr, int x, int y)
{
	return qr->data[y * qr->width + x] & 1;
}

enum dz_err
dz_qr_svg(const char *text, char **svg, size_t *len)
{
	QRcode		*qr;
	enum dz_err	 er;
	char		*buf = NULL;
	size_t		 cap, n;
	int		 x, y, run, w, size;

	*svg = NULL;
	*len = 0;
	if ((er = encode(text, &qr)) != DZ_OK)
		return er;
	w = qr->width;
	size = w + 2 * DZ_QR_QUIET;
	/* Each run "M123 123h123v1h-123z" is <= 20 bytes, a row has at most
	 * (w + 1) / 2 runs; 256 for the rest. */
	cap = (size_t)20 * (size_t)((w + 1) / 2) * (size_t)w + 256;
	if ((buf = malloc(cap)) == NULL) {
		er = DZ_ERR_NOMEM;
		goto out;
	}
	n = (size_t)snprintf(buf, cap, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">"
	    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
	    size, size, size, size);
	/* One rectangle per horizontal run of dark modules keeps it small. */
	for (y = 0; y < w; y++)
		for (x = 0; x < w; x += run) {
			for (run = 0; x + run < w && dark(qr, x + run, y); run++)
				continue;
			if (run == 0) {
				run = 1;
				continue;
			}
			n += (size_t)snprintf(buf + n, cap - n, "M%d %dh%dv1h-%dz",
			    x + DZ_QR_QUIET, y + DZ_QR_QUIET, run, run);
		}
	n += (size_t)snprintf(buf + n, cap - n, "\"/></svg>\n");
	*svg = buf;
	*len = n;
	buf = NULL;
out:
	free(buf);
	QRcode_free(qr);
	return er;
}

/* The PNG is written into memory through this. */
struct membuf {
	unsigned char	*p;
	size_t		 len, cap;
};

static void
mem_write(png_structp png, png_bytep data, png_size_t n)
{
	struct membuf	*m = png_get_io_ptr(png);
	unsigned char	*np;
	size_t		 cap;

	if (m->len + n > m->cap) {
		for (cap = m->cap ? m->cap * 2 : 4096; cap < m->len + n; cap *= 2)
			continue;
		if ((np = realloc(m->p, cap)) == NULL)
			png_error(png, "out of memory");	/* longjmps */
		m->p = np, m->cap = cap;
	}
	memcpy(m->p + m->len, data, n);
	m->len += n;
}

static void
mem_flush(png_structp png)
{
}

/* One image row: 1-bit gray, MSB first, 1 = white. */
static void
fill_row(const QRcode *qr, int my, int scale, int px, unsigned char *row)
{
	int	 x, mx;

	memset(row, 0xff, (size_t)(px + 7) / 8);
	if (my < 0 || my >= qr->width)
		return;
	for (x = 0; x < px; x++) {
		mx = x / scale - DZ_QR_QUIET;
		if (mx >= 0 && mx < qr->width && dark(qr, mx, my))
			row[x / 8] &= (unsigned char)~(0x80 >> (x % 8));
	}
}

enum dz_err
dz_qr_png(const char *text, int target_px, unsigned char **out, size_t *len)
{
	QRcode			*qr;
	png_structp		 png = NULL;
	png_infop		 info = NULL;
	struct membuf		 m = { NULL, 0, 0 };
	unsigned char		*row = NULL;
	enum dz_err		 er;
	int			 size, scale, px, y;

	*out = NULL;
	*len = 0;
	if (target_px < 1 || target_px > DZ_QR_PNG_MAXPX)
		return DZ_ERR_INVAL;
	if ((er = encode(text, &qr)) != DZ_OK)
		return er;
	size = qr->width + 2 * DZ_QR_QUIET;
	scale = target_px / size > 0 ? target_px / size : 1;
	px = size * scale;
	er = DZ_ERR_NOMEM;
	if ((row = malloc((size_t)(px + 7) / 8)) == NULL ||
	    (png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL)) == NULL ||
	    (info = png_create_info_struct(png)) == NULL)
		goto out;
	/* libpng reports errors by longjmp; nothing below changes a local
	 * that the cleanup reads, except m, which lives in memory anyway. */
	if (setjmp(png_jmpbuf(png)))
		goto out;
	png_set_write_fn(png, &m, mem_write, mem_flush);
	png_set_IHDR(png, info, (png_uint_32)px, (png_uint_32)px, 1, PNG_COLOR_TYPE_GRAY,
	    PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (y = 0; y < px; y++) {
		fill_row(qr, y / scale - DZ_QR_QUIET, scale, px, row);
		png_write_row(png, row);
	}
	png_write_end(png, NULL);
	*out = m.p;
	*len = m.len;
	m.p = NULL;
	er = DZ_OK;
out:
	if (png != NULL)
		png_destroy_write_struct(&png, info != NULL ? &info : NULL);
	free(m.p);
	free(row);
	QRcode_free(qr);
	return er;
}
