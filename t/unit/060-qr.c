/*
 * 060-qr: the QR code as SVG and PNG. Both are read back (the SVG path is
 * parsed, the PNG decoded with libpng) and compared module by module with
 * what libqrencode encodes for the same text.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>
#include <qrencode.h>

#include "dz.h"
#include "qr.h"
#include "tap.h"

static const char url[] =
    "https://duizhang.example.cn/c/q9Xw3vH0bY8rT2kLmN4pZs6uE1aC7dF5gJ0hK3iO_-A";

static QRcode *
expect(const char *text)
{
	return QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
}

/* Parse "M x y h n v1h-n z" runs into a size x size bitmap; -1 on junk. */
static int
svg_modules(const char *svg, int size, unsigned char *bits)
{
	const char	*d, *end;
	int		 x, y, n, n2, used, i;

	if ((d = strstr(svg, " d=\"")) == NULL || (end = strchr(d + 4, '"')) == NULL)
		return -1;
	for (d += 4; d < end; d += used) {
		if (sscanf(d, "M%d %dh%dv1h-%dz%n", &x, &y, &n, &n2, &used) != 4 ||
		    n != n2 || n < 1 || x < 0 || y < 0 || x + n > size || y >= size)
			return -1;
		for (i = 0; i < n; i++) {
			if (bits[y * size + x + i])
				return -1;	/* drawn twice */
			bits[y * size + x + i] = 1;
		}
	}
	return 0;
}

static void
test_svg(const char *text, const char *what)
{
	QRcode		*qr = expect(text);
	char		*svg, want[64];
	size_t		 len;
	unsigned char	*bits;
	int		 size, x, y, same = 1;

	if (!ok(qr != NULL, "%s: libqrencode encodes it", what))
		return;
	is_int(dz_qr_svg(text, &svg, &len), DZ_OK, "%s: svg", what);
	size = qr->width + 8;
	ok(strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39) == 0 &&
	    strlen(svg) == len && strcmp(svg + len - 7, "</svg>\n") == 0,
	    "%s: starts with <svg, ends with </svg>", what);
	snprintf(want, sizeof(want), "viewBox=\"0 0 %d %d\"", size, size);
	ok(strstr(svg, want) != NULL, "%s: %s (width %d + quiet zone)", what, want, qr->width);
	ok(strstr(svg, "crispEdges") != NULL, "%s: crispEdges", what);
	ok(strstr(svg, "<path") != NULL && strstr(strstr(svg, "<path") + 1, "<path") == NULL,
	    "%s: one path", what);
	ok(strstr(svg, "script") == NULL && strstr(svg, "href") == NULL &&
	    strstr(svg, " on") == NULL, "%s: nothing active", what);
	bits = calloc((size_t)size * size, 1);
	is_int(svg_modules(svg, size, bits), 0, "%s: path parses", what);
	for (y = 0; y < size; y++)
		for (x = 0; x < size; x++) {
			int m = x >= 4 && y >= 4 && x < size - 4 && y < size - 4 &&
			    (qr->data[(y - 4) * qr->width + (x - 4)] & 1);
			if (bits[y * size + x] != m)
				same = 0;
		}
	ok(same, "%s: dark modules match the QR code exactly", what);
	free(bits);
	free(svg);
	QRcode_free(qr);
}

static void
test_png(const char *text, int target, const char *what)
{
	QRcode		*qr = expect(text);
	unsigned char	*png, *pix = NULL;
	size_t		 len;
	png_image	 img;
	int		 size, scale, px, x, y, same = 1;

	if (!ok(qr != NULL, "%s: libqrencode encodes it", what))
		return;
	is_int(dz_qr_png(text, target, &png, &len), DZ_OK, "%s: png at %d px", what, target);
	size = qr->width + 8;
	scale = target / size > 0 ? target / size : 1;
	px = size * scale;
	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	if (!ok(png_image_begin_read_from_memory(&img, png, len) != 0,
	    "%s: libpng reads it back", what))
		goto out;
	ok(img.width == (png_uint_32)px && img.height == (png_uint_32)px,
	    "%s: %ux%u, want %dx%d (%d px per module)", what, img.width, img.height,
	    px, px, scale);
	ok(px <= target || scale == 1, "%s: no wider than asked", what);
	ok(target < size || px > target - size, "%s: within one module of target", what);
	img.format = PNG_FORMAT_GRAY;
	pix = malloc(PNG_IMAGE_SIZE(img));
	ok(png_image_finish_read(&img, NULL, pix, 0, NULL) != 0, "%s: decodes", what);
	for (y = 0; y < px && same; y++)
		for (x = 0; x < px; x++) {
			int mx = x / scale - 4, my = y / scale - 4;
			int d = mx >= 0 && my >= 0 && mx < qr->width && my < qr->width &&
			    (qr->data[my * qr->width + mx] & 1);
			if (pix[y * px + x] != (d ? 0 : 255)) {
				same = 0;
				diag("pixel %d,%d is %d", x, y, pix[y * px + x]);
				break;
			}
		}
	ok(same, "%s: every pixel matches its module", what);
out:
	png_image_free(&img);
	free(pix);
	free(png);
	QRcode_free(qr);
}

static void
test_errors(void)
{
	char		*big, *svg = (char *)1;
	unsigned char	*png = (unsigned char *)1;
	size_t		 len = 1;

	big = malloc(3001);
	memset(big, 'a', 3000);
	big[3000] = '\0';
	is_int(dz_qr_svg(big, &svg, &len), DZ_ERR_TOOBIG, "svg: text over capacity");
	ok(svg == NULL && len == 0, "  no output");
	is_int(dz_qr_png(big, 430, &png, &len), DZ_ERR_TOOBIG, "png: text over capacity");
	ok(png == NULL && len == 0, "  no output");
	big[2331] = '\0';
	is_int(dz_qr_svg(big, &svg, &len), DZ_OK, "2331 bytes: the most level M holds");
	free(svg);
	big[2331] = 'a';
	big[2332] = '\0';
	is_int(dz_qr_svg(big, &svg, &len), DZ_ERR_TOOBIG, "2332 bytes: one too many");
	free(big);
	is_int(dz_qr_svg("", &svg, &len), DZ_ERR_INVAL, "empty text");
	is_int(dz_qr_svg(NULL, &svg, &len), DZ_ERR_INVAL, "NULL text");
	is_int(dz_qr_png(url, 0, &png, &len), DZ_ERR_INVAL, "target 0 px");
	is_int(dz_qr_png(url, 5000, &png, &len), DZ_ERR_INVAL, "target 5000 px");
}

int
main(void)
{
	test_svg(url, "link");
	test_svg("https://例子.cn/c/对账单?x=1&y=<b>", "UTF-8 and markup");
	test_svg("a", "one byte");
	test_png(url, DZ_QR_PNG_PX, "link");
	test_png(url, 37, "link, tiny target");
	test_png("https://例子.cn/对账单", 1000, "UTF-8, large");
	test_errors();
	return done_testing();
}
