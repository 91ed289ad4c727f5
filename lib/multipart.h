/*
 * multipart.h: a multipart/form-data request body (RFC 7578 over RFC 2046
 * §5.1) parsed from memory: the text parts become form pairs (through
 * dz_form_push, so validation treats them like an urlencoded body's) and
 * a file part keeps its bytes where they are, in the caller's buffer.
 * Pure: no I/O. The body's size limit is the caller's (app) job.
 */
#ifndef DZ_MULTIPART_H
#define DZ_MULTIPART_H

#include <stddef.h>
#include "dz.h"
#include "form.h"

#define DZ_MULTIPART_PARTS_MAX		16	/* parts in one body */
#define DZ_MULTIPART_HEAD_MAX		4096	/* bytes of one part's headers */
#define DZ_MULTIPART_FILES_MAX		1	/* parts with a filename= */
#define DZ_MULTIPART_BOUNDARY_MAX	70	/* RFC 2046's limit */

/* One file part. The three strings are NUL-terminated copies. */
struct dz_upload {
	char			*field;		/* the form field's name */
	char			*filename;	/* as sent, "" if none; only its last
						 * path segment kept (after / or \) */
	char			*type;		/* the part's Content-Type, "" if none */
	const unsigned char	*data;		/* points INTO the body buffer; not
						 * NUL-terminated */
	size_t			 len;
};

struct dz_multipart {
	struct dz_pairs		 fields;	/* the text parts (no filename parameter) */
	struct dz_upload	 file[DZ_MULTIPART_FILES_MAX];
	size_t			 nfiles;
};

/*
 * The boundary parameter of a Content-Type "multipart/form-data;
 * boundary=..." (quoted or not; the type and parameter names in any
 * case), copied into buf of size sz (DZ_MULTIPART_BOUNDARY_MAX + 1 is
 * always enough). DZ_OK, or DZ_ERR_INVAL when the type is not
 * multipart/form-data, the parameters do not parse, the boundary is
 * missing, given twice, empty, longer than DZ_MULTIPART_BOUNDARY_MAX, has
 * characters outside RFC 2046's bchars (or ends in a space), or does not
 * fit in buf.
 */
enum dz_err	 dz_multipart_boundary(const char *content_type, char *buf, size_t sz);

/*
 * Parse the body buf[0..len) with that boundary into *mp (set up from
 * scratch: whatever it held is not freed). DZ_OK; DZ_ERR_INVAL for
 * anything malformed: a boundary that dz_multipart_boundary would refuse,
 * no opening delimiter, no closing "--boundary--", a part without
 * "Content-Disposition: form-data" and a non-empty name, a part's headers
 * over DZ_MULTIPART_HEAD_MAX bytes (blank line included) or holding a
 * control character, more than DZ_MULTIPART_PARTS_MAX parts or
 * DZ_MULTIPART_FILES_MAX files, a file's field name over DZ_FORM_MAXKEY
 * bytes. A text part whose value holds a NUL byte is NOT malformed: it
 * goes into fields' dropped list, named (dz_form_push). DZ_ERR_NOMEM.
 * Free with dz_multipart_free whatever the result.
 * NOTE: file[].data points into buf: keep buf alive while using it.
 */
enum dz_err	 dz_multipart_parse(struct dz_multipart *, const char *boundary,
		    const unsigned char *buf, size_t len);

/* Free what a parse kept and reset to empty (safe on a zeroed struct). */
void		 dz_multipart_free(struct dz_multipart *);

#endif /* DZ_MULTIPART_H */
