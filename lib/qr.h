/*
 * qr.h: the QR code of a customer link (libqrencode, error correction
 * level M, the text encoded as 8-bit bytes so UTF-8 passes unchanged), as
 * SVG for the share page and as PNG for saving into WeChat. Both draw a
 * quiet zone of 4 modules, the width the QR standard asks for.
 */
#ifndef DZ_QR_H
#define DZ_QR_H

#include <stddef.h>
#include "dz.h"

#define DZ_QR_QUIET	4	/* modules of white around the symbol */
#define DZ_QR_PNG_PX	430	/* WeChat shows about this wide */
#define DZ_QR_PNG_MAXPX	4096

/*
 * An SVG of the QR code of text: a viewBox of (width + 8) modules, a white
 * background, one <path> holding the dark modules, crispEdges, nothing
 * active (no script, no links). Size it with CSS. *svg is malloc'd and
 * NUL-terminated (caller frees), *len its length. DZ_ERR_INVAL for empty
 * text, DZ_ERR_TOOBIG for text over the capacity of a version 40 symbol
 * (2331 bytes at level M), DZ_ERR_NOMEM.
 */
enum dz_err	 dz_qr_svg(const char *text, char **svg, size_t *len);

/*
 * A black-on-white 1-bit grayscale PNG of the QR code of text, scaled by
 * the largest whole number of pixels per module that keeps the image at
 * most target_px wide (at least 1, so a tiny target still gives a
 * readable image): whole pixels keep the edges sharp for scanners.
 * *png is malloc'd (caller frees). Errors as dz_qr_svg, and DZ_ERR_INVAL
 * for target_px outside 1..DZ_QR_PNG_MAXPX.
 */
enum dz_err	 dz_qr_png(const char *text, int target_px, unsigned char **png, size_t *len);

#endif /* DZ_QR_H */
