/*
 * pdf.c: the statement as a PDF (pdf.h), laid out by hand.
 *
 * Why by hand: no library Debian packages lays out a business document in
 * C (a table that splits across pages with its header repeated, goods rows
 * under each document, a block kept whole on one page, page numbers that
 * know the count). Those are a few hundred lines of arithmetic on heights,
 * written here. What is not arithmetic is the libraries': cairo writes the
 * PDF and embeds the subset of the font it used; pango (with HarfBuzz and
 * fontconfig under it) finds Noto Sans CJK SC, shapes the text, breaks
 * lines (Chinese between any two characters, Latin at spaces) and measures
 * every cell, so a long name wraps inside its column and never crosses it.
 *
 * NOTE: the PDF's size. cairo embeds a subset of Noto Sans CJK SC, but when
 * its CFF charstring parser meets an operator it does not follow in one of
 * the glyphs used, it keeps all of that font's subroutines (cairo-cff-subset.c,
 * "we embed all the subroutines"): a few Latin glyphs of the Regular face do
 * that, and the PDF is then about 1 MB instead of about 150 KB. Still a
 * subset (pdffonts: sub yes); the glyphs are right.
 *
 * The QR sheet (dz_pdf_qrsheet) is a fixed grid of cells on the same
 * helpers: text, the QR code, the heading and the footer.
 *
 * Two passes over the same code: the first draws nothing and counts the
 * pages (and keeps every row's height), the second draws, with the count
 * for "第 N 页 共 M 页". Every piece of text comes from Lang (lib/lang.h) or
 * from the statement.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "dz.h"
#include "lang.h"
#include "log.h"
#include "money.h"
#include "pdf.h"
#include "stmt.h"
#include "store.h"

/* A4 in points (portrait; a wide report turns it), and the body's box, of
 * the struct pdf p in scope. */
#define A4_SHORT	595.276
#define A4_LONG		841.890
#define PAGE_W		(p->pw)
#define PAGE_H		(p->ph)
#define LEFT		40.0
#define BODY_W		(PAGE_W - 2 * LEFT)
#define TOP		40.0
#define BOTTOM		(PAGE_H - 50.0)		/* the footer is below */
#define PAD		2.5			/* inside a cell, each side */
#define FONT		"Noto Sans CJK SC"
#define QR_SIZE		92.0

/* The documents' columns, and the goods' beneath them (width 0: the rest). */
enum { D_DATE, D_NUMBER, D_TYPE, D_SUMMARY, D_AMOUNT, D_BALANCE, D__MAX };
static const double doc_w[D__MAX] = { 54, 94, 52, 0, 76, 80 };
enum { G_INDENT, G_PRODUCT, G_UNIT, G_QTY, G_PRICE, G_AMOUNT, G_BALANCE, G__MAX };
static const double goods_w[G__MAX] = { 18, 0, 40, 56, 62, 76, 80 };

enum font { F_TEXT, F_SMALL, F_HEAD, F_BOLD, F_BIG, F_TITLE, F__MAX };
static const struct {
	double		size;
	PangoWeight	weight;
} fonts[F__MAX] = {
	[F_TEXT] = { 9.0, PANGO_WEIGHT_NORMAL },
	[F_SMALL] = { 8.0, PANGO_WEIGHT_NORMAL },
	[F_HEAD] = { 8.5, PANGO_WEIGHT_BOLD },
	[F_BOLD] = { 10.0, PANGO_WEIGHT_BOLD },
	[F_BIG] = { 13.0, PANGO_WEIGHT_BOLD },
	[F_TITLE] = { 18.0, PANGO_WEIGHT_BOLD },
};

/* The PDF as cairo writes it. */
struct out {
	unsigned char	*p;
	size_t		 len, cap;
	int		 nomem;
};

#define FAST_MAX	128	/* bytes of ASCII drawn without pango */
#define LAID_MAX	50000	/* texts kept laid out in one PDF */

enum align { A_LEFT, A_RIGHT, A_CENTER };	/* A_RIGHT: numbers, tabular figures */

/* One cell of a row: text in a column, its font, aligned, in grey. */
struct cell {
	const char	*text;
	double		 w;
	enum font	 font;
	enum align	 al;
	int		 grey;
};

/* What drawing printable ASCII without pango needs of a font (face_init). */
struct face {
	cairo_scaled_font_t	*sf;
	unsigned long		 glyph[128];
	double			 adv[128];
	double			 line_h, baseline;	/* of one line, as pango has them */
	double			 em;
	int			 ok;
};


struct pdf {
	const struct dz_pdf_in	*in;		/* a statement, or */
	const struct dz_pdf_table *tab;		/* a report's table, or */
	const struct dz_pdf_qrsheet *qs;	/* a sheet of QR codes */
	double			 pw, ph;	/* the page */
	cairo_t			*cr;
	PangoFontMap		*fm;		/* this PDF's own: its fonts go with it */
	PangoContext		*ctx;
	PangoLayout		*lay;
	struct face		 face[F__MAX];
	GHashTable		*laid;		/* "font|align|width|text" -> PangoLayout */
	PangoFontDescription	*font[F__MAX];
	PangoAttrList		*tnum;		/* tabular figures for numbers */
	int			 draw;		/* 0: the measuring pass */
	int			 page, pages;
	int			 in_table;	/* a new page repeats the header */
	double			 y;
	double			 body_top;	/* y below this page's headers */
	/* Every row's height, kept by the first pass for the second. */
	double			*h;
	size_t			 nh, caph, ih;
	int			 nomem;
};

static cairo_status_t
out_write(void *closure, const unsigned char *data, unsigned int n)
{
	struct out	*o = closure;
	unsigned char	*np;
	size_t		 cap;

	if (o->len + n > o->cap) {
		cap = o->cap > 0 ? o->cap : 65536;
		while (cap < o->len + n)
			cap *= 2;
		if ((np = realloc(o->p, cap)) == NULL) {
			o->nomem = 1;
			return CAIRO_STATUS_WRITE_ERROR;
		}
		o->p = np;
		o->cap = cap;
	}
	memcpy(o->p + o->len, data, n);
	o->len += n;
	return CAIRO_STATUS_SUCCESS;
}

/* ---------------------------------------------------------------------
 * Text.
 *
 * Most cells are short: a date, an amount, a document number, a type name,
 * a unit. Shaping each with pango twice (to measure, to draw) is most of
 * the time a long statement takes, so two shortcuts, neither of which
 * changes what is drawn:
 *  - measuring: a cell whose widest possible width (its ASCII characters'
 *    advances, and 1.25 em for every other character; CJK ones are 1 em)
 *    fits its column is one line high, without shaping;
 *  - drawing: a line of printable ASCII that fits is drawn as glyphs of the
 *    same font cairo-side (the digits in their tabular forms, as pango
 *    draws them with "tnum"), and a short text already drawn in the same
 *    cell shape (a type name, a unit) reuses its laid-out PangoLayout.
 * Everything else goes through pango.
 */


/*
 * Put s into the layout: w points wide (wrapping; 0: one line), font f, at
 * most lines lines with the last cut by an ellipsis (0: no limit).
 */
static void
lay_set(struct pdf *p, PangoLayout *lay, const char *s, double w, enum font f,
    enum align al, int lines)
{
	char	*fixed = NULL;

	/* Bytes that are not UTF-8 (no stored text should have any) become
	 * U+FFFD rather than cut the text short. */
	if (!g_utf8_validate(s, -1, NULL))
		s = fixed = g_utf8_make_valid(s, -1);
	pango_layout_set_font_description(lay, p->font[f]);
	pango_layout_set_width(lay, w > 0 ? pango_units_from_double(w) : -1);
	pango_layout_set_alignment(lay, al == A_RIGHT ? PANGO_ALIGN_RIGHT :
	    al == A_CENTER ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
	pango_layout_set_attributes(lay, al == A_RIGHT ? p->tnum : NULL);
	pango_layout_set_height(lay, lines > 0 ? -lines : -1);
	pango_layout_set_ellipsize(lay, lines > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
	pango_layout_set_text(lay, s, -1);
	g_free(fixed);
}

/* The width of s if it is printable ASCII drawn by the fast path, else -1. */
static double
fast_width(const struct face *fc, const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	double			 w = 0;
	size_t			 i;

	if (!fc->ok)
		return -1;
	for (i = 0; u[i] != '\0'; i++) {
		if (u[i] < 32 || u[i] > 126 || i == FAST_MAX)
			return -1;
		w += fc->adv[u[i]];
	}
	return w;
}

/* The widest s can be drawn (see above), with no shaping. */
static double
widest(const struct face *fc, const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	double			 w = 0;

	for (; *u != '\0'; u++)
		if (*u >= 32 && *u <= 126 && fc->ok)
			w += fc->adv[*u];
		else if (*u < 0x80 || *u >= 0xc0)	/* a character's first byte */
			w += fc->em * 1.25;
	return w;
}

static PangoLayout	*laid(struct pdf *, const char *, double, enum font, enum align, int);

/* Does s hold a control character (pango breaks lines at \n, \r and more)? */
static int
has_break(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* The height of s in w points (0: one line) in font f. */
static double
measure(struct pdf *p, const char *s, double w, enum font f, enum align al)
{
	PangoLayout	*lay;
	int		 h;

	if (s == NULL || s[0] == '\0')
		return p->face[f].line_h;
	/* (2 % and half a point spare: kerning could widen a line a little) */
	if (p->face[f].ok && (w <= 0 ||
	    (!has_break(s) && widest(&p->face[f], s) * 1.02 + 0.5 <= w)))
		return p->face[f].line_h;
	if ((lay = laid(p, s, w, f, al, 0)) == NULL) {
		lay = p->lay;
		lay_set(p, lay, s, w, f, al, 0);
	}
	pango_layout_get_size(lay, NULL, &h);
	return pango_units_to_double(h);
}

static void
colour(struct pdf *p, int grey)
{
	if (grey)
		cairo_set_source_rgb(p->cr, 0.33, 0.33, 0.33);
	else
		cairo_set_source_rgb(p->cr, 0, 0, 0);
}

/*
 * The text laid out in this cell shape, kept for the rest of the PDF: the
 * second pass draws what the first measured, and a text that comes back (a
 * type name, a unit, a product bought again) is shaped once. NULL when
 * the PDF keeps too many already (then p->lay is used). lines as lay_set.
 */
static PangoLayout *
laid(struct pdf *p, const char *s, double w, enum font f, enum align al, int lines)
{
	PangoLayout	*lay;
	char		*key;

	if ((key = g_strdup_printf("%d|%d|%d|%.3f|%s", (int)f, (int)al, lines, w, s)) == NULL)
		return NULL;
	if ((lay = g_hash_table_lookup(p->laid, key)) != NULL) {
		g_free(key);
		return lay;
	}
	if (g_hash_table_size(p->laid) >= LAID_MAX || (lay = pango_layout_new(p->ctx)) == NULL) {
		g_free(key);
		return NULL;
	}
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
	lay_set(p, lay, s, w, f, al, lines);
	g_hash_table_insert(p->laid, key, lay);
	return lay;
}

/*
 * Draw s at (x, y), w points wide (0: one line, left), in font f, in at
 * most lines lines (0: no limit; see lay_set).
 */
static void
show_lines(struct pdf *p, const char *s, double x, double y, double w, enum font f,
    enum align al, int grey, int lines)
{
	const struct face	*fc = &p->face[f];
	cairo_glyph_t		 g[FAST_MAX];
	cairo_text_cluster_t	 cl[FAST_MAX];
	PangoLayout		*lay;
	double			 width, gx;
	size_t			 i, n;

	if (!p->draw || s == NULL || s[0] == '\0')
		return;
	colour(p, grey);
	if ((width = fast_width(fc, s)) >= 0 && (w <= 0 || width <= w)) {
		n = strlen(s);
		gx = al == A_RIGHT && w > 0 ? x + w - width :
		    al == A_CENTER && w > 0 ? x + (w - width) / 2 : x;
		for (i = 0; i < n; i++) {
			g[i].index = fc->glyph[(unsigned char)s[i]];
			g[i].x = gx;
			g[i].y = y + fc->baseline;
			gx += fc->adv[(unsigned char)s[i]];
			cl[i].num_bytes = 1;
			cl[i].num_glyphs = 1;
		}
		cairo_set_scaled_font(p->cr, fc->sf);
		cairo_show_text_glyphs(p->cr, s, (int)n, g, (int)n, cl, (int)n, 0);
		return;
	}
	if ((lay = laid(p, s, w, f, al, lines)) == NULL) {
		lay = p->lay;
		lay_set(p, lay, s, w, f, al, lines);
	}
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, lay);
}

static void
show(struct pdf *p, const char *s, double x, double y, double w, enum font f,
    enum align al, int grey)
{
	show_lines(p, s, x, y, w, f, al, grey, 0);
}

/* Draw s at (x, p->y) and give its height (as measure does). */
static double
text_at(struct pdf *p, const char *s, double x, double w, enum font f, enum align al,
    int grey)
{
	show(p, s, x, p->y, w, f, al, grey);
	return measure(p, s, w, f, al);
}

static void
rule(struct pdf *p, double x0, double x1, double y, double width, double grey)
{
	if (!p->draw)
		return;
	cairo_set_source_rgb(p->cr, grey, grey, grey);
	cairo_set_line_width(p->cr, width);
	cairo_move_to(p->cr, x0, y);
	cairo_line_to(p->cr, x1, y);
	cairo_stroke(p->cr);
}

/*
 * What the fast paths need of font f, read from pango's own font: its
 * cairo scaled font, each printable ASCII character's glyph and advance
 * (the digits' tabular forms: pango shapes them with "tnum"), and the
 * height and baseline pango gives one line.
 */
static void
face_init(struct pdf *p, enum font f)
{
	struct face		*fc = &p->face[f];
	PangoFont		*pf;
	PangoLayoutLine		*line;
	PangoGlyphItem		*run;
	cairo_glyph_t		*g = NULL;
	cairo_text_extents_t	 ext;
	char			 ch;
	int			 c, n, h, i, ndig = 0;

	memset(fc, 0, sizeof(*fc));
	fc->em = fonts[f].size;
	lay_set(p, p->lay, "0", 0, f, A_LEFT, 0);
	pango_layout_get_size(p->lay, NULL, &h);
	fc->line_h = pango_units_to_double(h);
	fc->baseline = pango_units_to_double(pango_layout_get_baseline(p->lay));
	if ((pf = pango_font_map_load_font(p->fm, p->ctx, p->font[f])) == NULL)
		return;
	fc->sf = cairo_scaled_font_reference(pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(pf)));
	g_object_unref(pf);
	if (cairo_scaled_font_status(fc->sf) != CAIRO_STATUS_SUCCESS)
		return;
	for (c = 32; c <= 126; c++) {
		ch = (char)c;
		n = 0;
		if (cairo_scaled_font_text_to_glyphs(fc->sf, 0, 0, &ch, 1, &g, &n, NULL, NULL,
		    NULL) != CAIRO_STATUS_SUCCESS || n != 1 || (g[0].index == 0 && c != ' ')) {
			cairo_glyph_free(g);
			return;		/* no such glyph: pango finds a font for it */
		}
		cairo_scaled_font_glyph_extents(fc->sf, g, 1, &ext);
		fc->glyph[c] = g[0].index;
		fc->adv[c] = ext.x_advance;
		cairo_glyph_free(g);
		g = NULL;
	}
	/* The tabular digits, as pango draws right-aligned cells. */
	lay_set(p, p->lay, "0123456789", 0, f, A_RIGHT, 0);
	if ((line = pango_layout_get_line_readonly(p->lay, 0)) != NULL &&
	    line->runs != NULL && line->runs->next == NULL) {
		run = line->runs->data;
		for (i = 0; i < run->glyphs->num_glyphs && i < 10; i++)
			if (run->glyphs->log_clusters[i] == i &&
			    !(run->glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG))
				ndig++;
		if (ndig == 10 && run->glyphs->num_glyphs == 10)
			for (i = 0; i < 10; i++) {
				fc->glyph['0' + i] = run->glyphs->glyphs[i].glyph;
				fc->adv['0' + i] = pango_units_to_double(
				    run->glyphs->glyphs[i].geometry.width);
			}
	}
	fc->ok = 1;
}

/* ---------------------------------------------------------------------
 * Pages.
 */

static void	table_head(struct pdf *);
static void	tab_head(struct pdf *);

/*
 * A height the first pass measured, read back by the second (which lays out
 * the same rows in the same order); the first pass keeps it.
 */
static double
kept(struct pdf *p, double measured)
{
	double	*nh;
	size_t	 cap;

	if (p->draw)
		return p->ih < p->nh ? p->h[p->ih++] : measured;
	if (p->nh == p->caph) {
		cap = p->caph > 0 ? p->caph * 2 : 1024;
		if ((nh = reallocarray(p->h, cap, sizeof(*nh))) == NULL) {
			p->nomem = 1;
			return measured;
		}
		p->h = nh;
		p->caph = cap;
	}
	p->h[p->nh++] = measured;
	return measured;
}

static void
footer(struct pdf *p)
{
	char	s[128];
	double	h;

	snprintf(s, sizeof(s), LANG_pdf_page, p->page, p->pages);
	h = measure(p, s, BODY_W, F_SMALL, A_CENTER);
	show(p, s, LEFT, PAGE_H - 36.0 - h / 2, BODY_W, F_SMALL, A_CENTER, 1);
	rule(p, LEFT, LEFT + BODY_W, PAGE_H - 44.0, 0.4, 0.6);
}

static void
page_begin(struct pdf *p)
{
	const struct dz_store_stmt	*s = p->in != NULL ? p->in->stmt : NULL;
	char				 head[1024];

	p->page++;
	p->y = TOP;
	if (p->page > 1) {
		/* Which statement or report a loose page belongs to. */
		if (s != NULL)
			snprintf(head, sizeof(head), LANG_pdf_running,
			    p->in->company != NULL ? p->in->company : "", s->customer_name,
			    s->from, s->to);
		else
			snprintf(head, sizeof(head), "%s  %s  %s",
			    p->tab->company != NULL ? p->tab->company : "", p->tab->title,
			    p->tab->sub != NULL ? p->tab->sub : "");
		p->y += text_at(p, head, LEFT, BODY_W, F_SMALL, A_LEFT, 1) + 3;
		rule(p, LEFT, LEFT + BODY_W, p->y, 0.4, 0.6);
		p->y += 6;
	}
	if (p->in_table && p->tab != NULL)
		tab_head(p);
	else if (p->in_table)
		table_head(p);
	p->body_top = p->y;
}

static void
page_end(struct pdf *p)
{
	footer(p);
	if (p->draw)
		cairo_show_page(p->cr);
}

/*
 * Room for h more points on this page, or a new one. A page that has
 * nothing below its headers yet takes what comes (a row taller than a page
 * is drawn past the bottom rather than moved on forever).
 */
static void
need(struct pdf *p, double h)
{
	if (p->y + h <= BOTTOM || p->y <= p->body_top)
		return;
	page_end(p);
	page_begin(p);
}

/* ---------------------------------------------------------------------
 * Rows of cells.
 */

static double
row_measure(struct pdf *p, const struct cell *c, size_t n)
{
	double	h, max = 0;
	size_t	i;

	if (p->draw)
		return kept(p, 0);
	for (i = 0; i < n; i++)
		if (c[i].text != NULL && c[i].text[0] != '\0' &&
		    (h = measure(p, c[i].text, c[i].w - 2 * PAD, c[i].font, c[i].al)) > max)
			max = h;
	return kept(p, max + 2 * PAD);
}

static void
row_draw(struct pdf *p, const struct cell *c, size_t n, double h)
{
	double	x = LEFT;
	size_t	i;

	if (p->draw)
		for (i = 0; i < n; x += c[i].w, i++)
			show(p, c[i].text, x + PAD, p->y + PAD, c[i].w - 2 * PAD,
			    c[i].font, c[i].al, c[i].grey);
	p->y += h;
}

/* Column widths: the 0 one takes what the others leave of the body. */
static void
widths(const struct pdf *p, const double *w, size_t n, double *out)
{
	double	sum = 0;
	size_t	i;

	for (i = 0; i < n; i++)
		sum += w[i];
	for (i = 0; i < n; i++)
		out[i] = w[i] > 0 ? w[i] : BODY_W - sum;
}

static void
doc_cells(const struct pdf *p, struct cell *c, const char **text, enum font f, int grey)
{
	double	w[D__MAX];
	int	i;

	widths(p, doc_w, D__MAX, w);
	for (i = 0; i < D__MAX; i++) {
		c[i].text = text[i];
		c[i].w = w[i];
		c[i].font = f;
		c[i].al = i == D_AMOUNT || i == D_BALANCE ? A_RIGHT : A_LEFT;
		c[i].grey = grey;
	}
}

static void
goods_cells(const struct pdf *p, struct cell *c, const char **text, enum font f, int grey)
{
	double	w[G__MAX];
	int	i;

	widths(p, goods_w, G__MAX, w);
	for (i = 0; i < G__MAX; i++) {
		c[i].text = text[i];
		c[i].w = w[i];
		c[i].font = f;
		c[i].al = i == G_QTY || i == G_PRICE || i == G_AMOUNT ? A_RIGHT : A_LEFT;
		c[i].grey = grey;
	}
}

/* The table's header: the documents' columns, the goods' under them. */
static void
table_head(struct pdf *p)
{
	const char	*dt[D__MAX] = { LANG_pdf_doc_date, LANG_pdf_doc_number,
	    LANG_pdf_doc_type, LANG_pdf_doc_summary, LANG_pdf_doc_amount, LANG_pdf_balance };
	const char	*gt[G__MAX] = { "", LANG_pdf_product, LANG_pdf_unit, LANG_pdf_qty,
	    LANG_pdf_price, LANG_pdf_line_amount, "" };
	struct cell	 dc[D__MAX], gc[G__MAX];
	double		 h1, h2, y0 = p->y;

	doc_cells(p, dc, dt, F_HEAD, 0);
	goods_cells(p, gc, gt, F_SMALL, 1);
	h1 = row_measure(p, dc, D__MAX);
	h2 = row_measure(p, gc, G__MAX);
	if (p->draw) {
		cairo_set_source_rgb(p->cr, 0.92, 0.92, 0.92);
		cairo_rectangle(p->cr, LEFT, y0, BODY_W, h1 + h2);
		cairo_fill(p->cr);
	}
	row_draw(p, dc, D__MAX, h1);
	row_draw(p, gc, G__MAX, h2);
	rule(p, LEFT, LEFT + BODY_W, p->y, 0.6, 0.3);
}

/* ---------------------------------------------------------------------
 * The statement's parts.
 */

static void
title(struct pdf *p)
{
	const struct dz_store_stmt	*s = p->in->stmt;
	char				 line[1024];

	if (p->in->company != NULL && p->in->company[0] != '\0')
		p->y += text_at(p, p->in->company, LEFT, BODY_W, F_BIG, A_CENTER, 0) + 2;
	p->y += text_at(p, LANG_pdf_title, LEFT, BODY_W, F_TITLE, A_CENTER, 0) + 8;
	snprintf(line, sizeof(line), LANG_pdf_customer, s->customer_name, s->customer_code);
	p->y += text_at(p, line, LEFT, BODY_W, F_BOLD, A_LEFT, 0) + 2;
	snprintf(line, sizeof(line), LANG_pdf_period, s->from, s->to);
	p->y += text_at(p, line, LEFT, BODY_W, F_TEXT, A_LEFT, 0) + 2;
	snprintf(line, sizeof(line), LANG_pdf_status, dz_stmt_status_name(s->status),
	    s->created_at, s->created_by);
	p->y += text_at(p, line, LEFT, BODY_W, F_TEXT, A_LEFT, 1) + 8;
}

static void
goods_row(struct pdf *p, const struct dz_stmt_line *l)
{
	char		 product[600], qty[40], price[40], amount[DZ_MONEY_BUFSZ];
	const char	*t[G__MAX];
	struct cell	 c[G__MAX];
	double		 h;

	if (l->product_code != NULL && l->product_code[0] != '\0')
		snprintf(product, sizeof(product), "%s %s", l->product_code,
		    l->product_name != NULL ? l->product_name : "");
	else
		snprintf(product, sizeof(product), "%s",
		    l->product_name != NULL ? l->product_name : "");
	t[G_INDENT] = "";
	t[G_PRODUCT] = product;
	t[G_UNIT] = l->unit;
	t[G_QTY] = dz_money_format_scaled(l->qty, 4, 0, qty, sizeof(qty));
	t[G_PRICE] = dz_money_format_scaled(l->price, 4, 2, price, sizeof(price));
	t[G_AMOUNT] = dz_money_format(l->amount, amount, sizeof(amount));
	t[G_BALANCE] = "";
	goods_cells(p, c, t, F_SMALL, 1);
	h = row_measure(p, c, G__MAX);
	need(p, h);
	row_draw(p, c, G__MAX, h);
}

static void
doc_row(struct pdf *p, const char **t, int bold)
{
	struct cell	c[D__MAX];
	double		h;

	doc_cells(p, c, t, bold ? F_HEAD : F_TEXT, 0);
	h = row_measure(p, c, D__MAX);
	need(p, h);
	row_draw(p, c, D__MAX, h);
}

static void
documents(struct pdf *p)
{
	const struct dz_store_snap	*sn = p->in->snap;
	const struct dz_store_stmt	*s = p->in->stmt;
	const struct dz_stmt_doc	*d;
	char				 amount[DZ_MONEY_BUFSZ], bal[DZ_MONEY_BUFSZ];
	const char			*t[D__MAX];
	int64_t				 balance = s->with_opening ? s->totals.opening : 0;
	size_t				 i, j;

	/* The header and at least one row on the page. */
	need(p, 60);
	p->in_table = 1;
	table_head(p);
	if (s->with_opening) {
		t[D_DATE] = s->from;
		t[D_NUMBER] = t[D_TYPE] = t[D_AMOUNT] = "";
		t[D_SUMMARY] = LANG_pdf_opening;
		t[D_BALANCE] = dz_money_format(balance, bal, sizeof(bal));
		doc_row(p, t, 0);
		rule(p, LEFT, LEFT + BODY_W, p->y, 0.3, 0.7);
	}
	for (i = 0; i < sn->sn.ndocs; i++) {
		d = &sn->sn.docs[i];
		balance += d->amount;
		t[D_DATE] = d->date;
		t[D_NUMBER] = d->number;
		t[D_TYPE] = dz_stmt_doc_name(d->type);
		t[D_SUMMARY] = d->summary;
		t[D_AMOUNT] = dz_money_format(d->amount, amount, sizeof(amount));
		t[D_BALANCE] = dz_money_format(balance, bal, sizeof(bal));
		/* A document and its first goods line stay together. */
		need(p, d->nlines > 0 ? 30 : 14);
		doc_row(p, t, 0);
		for (j = 0; j < d->nlines; j++)
			goods_row(p, &d->lines[j]);
		rule(p, LEFT, LEFT + BODY_W, p->y, 0.3, 0.7);
	}
	p->in_table = 0;
	rule(p, LEFT, LEFT + BODY_W, p->y, 0.6, 0.3);
	p->y += 8;
}

/* A label and an amount, right-aligned under the amounts. */
static void
total_row(struct pdf *p, const char *label, const char *amount, enum font f)
{
	struct cell	c[2];
	double		h;

	c[0].text = label;
	c[0].w = BODY_W - 160;
	c[0].font = f;
	c[0].al = A_RIGHT;
	c[0].grey = 0;
	c[1].text = amount;
	c[1].w = 160;
	c[1].font = f;
	c[1].al = A_RIGHT;
	c[1].grey = 0;
	h = row_measure(p, c, 2);
	need(p, h);
	row_draw(p, c, 2, h);
}

static void
totals(struct pdf *p)
{
	const struct dz_stmt_totals	*t = &p->in->stmt->totals;
	char				 a[DZ_MONEY_BUFSZ], yen[DZ_MONEY_BUFSZ + 8];
	char				 upper[DZ_MONEY_UPPER_BUFSZ], line[DZ_MONEY_UPPER_BUFSZ + 64];
	int64_t				 closing = t->closing;
	int				 prepaid = closing < 0;

	/* The block is kept whole: the sums and the closing balance together. */
	need(p, 130);
	total_row(p, LANG_pdf_totals, "", F_HEAD);
	if (p->in->stmt->with_opening)
		total_row(p, LANG_pdf_opening, dz_money_format(t->opening, a, sizeof(a)), F_TEXT);
	total_row(p, LANG_history_sales, dz_money_format(t->sales, a, sizeof(a)), F_TEXT);
	total_row(p, LANG_history_returns, dz_money_format(t->returns, a, sizeof(a)), F_TEXT);
	total_row(p, LANG_history_receipts, dz_money_format(t->receipts, a, sizeof(a)), F_TEXT);
	if (t->other != 0)
		total_row(p, LANG_history_other, dz_money_format(t->other, a, sizeof(a)), F_TEXT);
	p->y += 3;
	/* As the customer's page words it: paid more is money held for them. */
	snprintf(yen, sizeof(yen), "\xc2\xa5%s",
	    dz_money_format(prepaid ? -closing : closing, a, sizeof(a)));
	total_row(p, prepaid ? LANG_balance_prepaid_cust : LANG_balance_owed, yen, F_BIG);
	snprintf(line, sizeof(line), LANG_pdf_upper,
	    dz_money_rmb_upper(prepaid ? -closing : closing, upper, sizeof(upper)));
	total_row(p, line, "", F_BOLD);
	if (prepaid)
		total_row(p, LANG_confirm_prepaid_note, "", F_SMALL);
	p->y += 10;
}

static void
kv(struct pdf *p, const char *k, const char *v)
{
	char	*line;
	double	 h;

	if (asprintf(&line, LANG_pdf_kv, k, v != NULL ? v : "") < 0) {
		p->nomem = 1;
		return;
	}
	h = kept(p, p->draw ? 0 : measure(p, line, BODY_W, F_TEXT, A_LEFT) + 2);
	need(p, h);
	show(p, line, LEFT, p->y, BODY_W, F_TEXT, A_LEFT, 0);
	p->y += h;
	free(line);
}

static void
answer(struct pdf *p)
{
	const struct dz_store_answer	*a = p->in->answer;
	enum dz_stmt_status		 st = p->in->stmt->status;
	char				 who[300];
	double				 h;

	char				*desc = NULL;
	double				 block;

	/* The answer is kept on one page: its heading, four lines, the description. */
	h = kept(p, p->draw ? 0 : measure(p, LANG_pdf_answer, BODY_W, F_BOLD, A_LEFT) + 3);
	if (!p->draw && a != NULL && a->description[0] != '\0' &&
	    asprintf(&desc, LANG_pdf_kv, LANG_pdf_description, a->description) < 0)
		p->nomem = 1;
	block = kept(p, p->draw ? 0 : h + 4 * (p->face[F_TEXT].line_h + 2) +
	    (desc != NULL ? measure(p, desc, BODY_W, F_TEXT, A_LEFT) : 0));
	free(desc);
	need(p, block);
	show(p, LANG_pdf_answer, LEFT, p->y, BODY_W, F_BOLD, A_LEFT, 0);
	p->y += h;
	if ((st != DZ_STMT_AGREED && st != DZ_STMT_DISPUTED) || a == NULL ||
	    a->decision[0] == '\0') {
		/* 符合 or 不符合 set by staff with no answer row: the status says it. */
		if (st == DZ_STMT_AGREED || st == DZ_STMT_DISPUTED)
			kv(p, LANG_pdf_decision, dz_stmt_status_name(st));
		else
			kv(p, LANG_pdf_decision, LANG_pdf_unanswered);
		p->y += 6;
		return;
	}
	kv(p, LANG_pdf_decision, strcmp(a->decision, "agreed") == 0 ?
	    dz_stmt_status_name(DZ_STMT_AGREED) : strcmp(a->decision, "disputed") == 0 ?
	    dz_stmt_status_name(DZ_STMT_DISPUTED) : a->decision);
	if (a->description[0] != '\0')
		kv(p, LANG_pdf_description, a->description);
	if (strcmp(a->source, "customer") == 0)
		snprintf(who, sizeof(who), "%s", LANG_pdf_customer_self);
	else
		snprintf(who, sizeof(who), LANG_pdf_staff_who, a->user);
	kv(p, LANG_pdf_who, who);
	kv(p, LANG_pdf_at, a->at);
	p->y += 6;
}

static void
fingerprint(struct pdf *p)
{
	char	line[200];
	double	h;

	snprintf(line, sizeof(line), LANG_pdf_kv, LANG_pdf_fingerprint,
	    p->in->snap->fingerprint[0] != '\0' ? p->in->snap->fingerprint :
	    p->in->stmt->fingerprint);
	h = kept(p, p->draw ? 0 : measure(p, line, BODY_W, F_SMALL, A_LEFT) + 8);
	need(p, h);
	show(p, line, LEFT, p->y, BODY_W, F_SMALL, A_LEFT, 1);
	p->y += h;
}

/* The QR code's dark modules as rectangles, a run of a row at a time. */
static void
qr_draw(struct pdf *p, const QRcode *q, double x, double y, double size)
{
	double	m = size / (q->width + 2 * 2);	/* a quiet zone of 2 modules: the page is white */
	int	r, c, c0;

	cairo_set_source_rgb(p->cr, 0, 0, 0);
	for (r = 0; r < q->width; r++)
		for (c = 0; c < q->width; ) {
			if (!(q->data[r * q->width + c] & 1)) {
				c++;
				continue;
			}
			for (c0 = c; c < q->width && (q->data[r * q->width + c] & 1); c++)
				continue;
			cairo_rectangle(p->cr, x + (c0 + 2) * m, y + (r + 2) * m,
			    (c - c0) * m, m);
		}
	cairo_fill(p->cr);
}

/*
 * The QR code as an image, QR_IMAGE_PX pixels a module, black on white,
 * with the quiet zone qr_draw leaves, size points square at (x, y). Why
 * not qr_draw: on a sheet of hundreds of codes its rectangles (a few
 * hundred a code, each written out as four numbers and deflated) were 3/4
 * of the time (2.6 s for 1,000 codes, 0.6 s so) and of the PDF's size; an
 * image of one bit a pixel is about 370 bytes. Not smoothed (nearest), and
 * a module of several pixels keeps its edges sharp in a viewer that
 * smooths anyway. The statement keeps qr_draw (its one code, as it was).
 */
#define QR_IMAGE_PX	4
#define QR_IMAGE_QUIET	2	/* modules, as qr_draw: the cell around is white too */
static void
qr_image(struct pdf *p, const QRcode *q, double x, double y, double size)
{
	cairo_surface_t	*img;
	unsigned char	*px;
	uint32_t	*row;
	int		 side = (q->width + 2 * QR_IMAGE_QUIET) * QR_IMAGE_PX, stride;
	int		 r, c, mr, mc;

	img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(img);
		p->nomem = 1;
		return;
	}
	cairo_surface_flush(img);
	px = cairo_image_surface_get_data(img);
	stride = cairo_image_surface_get_stride(img);
	for (r = 0; r < side; r++) {
		row = (uint32_t *)(void *)(px + (size_t)r * stride);
		mr = r / QR_IMAGE_PX - QR_IMAGE_QUIET;
		for (c = 0; c < side; c++) {
			mc = c / QR_IMAGE_PX - QR_IMAGE_QUIET;
			row[c] = mr >= 0 && mr < q->width && mc >= 0 && mc < q->width &&
			    (q->data[mr * q->width + mc] & 1) ? 0x000000 : 0xffffff;
		}
	}
	cairo_surface_mark_dirty(img);
	cairo_save(p->cr);
	cairo_translate(p->cr, x, y);
	cairo_scale(p->cr, size / side, size / side);
	cairo_set_source_surface(p->cr, img, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(p->cr), CAIRO_FILTER_NEAREST);
	cairo_rectangle(p->cr, 0, 0, side, side);
	cairo_fill(p->cr);
	cairo_restore(p->cr);
	cairo_surface_destroy(img);
}

/* The QR code of a link as the printed pages draw it (ECC M, 8-bit bytes), or NULL. */
static QRcode *
qr_encode(const char *url)
{
	if (url == NULL || url[0] == '\0')
		return NULL;
	return QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
}

/* 客户确认（签字/盖章） with a date line, and the QR code beside it. */
static void
sign_box(struct pdf *p)
{
	QRcode	*q = NULL;
	double	 boxw = p->in->url != NULL ? BODY_W - QR_SIZE - 24 : BODY_W, h = 110, y;

	if (p->in->url != NULL && p->in->url[0] != '\0' && (q = qr_encode(p->in->url)) == NULL)
		dz_log_warn("pdf: no QR code for the link of statement %lld", p->in->stmt->id);
	need(p, h);
	y = p->y;
	if (p->draw) {
		cairo_set_source_rgb(p->cr, 0.2, 0.2, 0.2);
		cairo_set_line_width(p->cr, 0.8);
		cairo_rectangle(p->cr, LEFT, y, boxw, h - 10);
		cairo_stroke(p->cr);
	}
	p->y = y + 6;
	show(p, LANG_pdf_sign, LEFT + 8, p->y, boxw - 16, F_BOLD, A_LEFT, 0);
	p->y = y + h - 30;
	show(p, LANG_pdf_sign_date, LEFT + boxw - 200, p->y, 190, F_TEXT, A_LEFT, 0);
	if (q != NULL) {
		if (p->draw)
			qr_draw(p, q, LEFT + BODY_W - QR_SIZE, y - 4, QR_SIZE);
		p->y = y + QR_SIZE - 6;
		show(p, LANG_pdf_qr, LEFT + BODY_W - QR_SIZE - 10, p->y, QR_SIZE + 20, F_SMALL,
		    A_CENTER, 1);
		QRcode_free(q);
	}
	p->y = y + h;
}

static void
layout(struct pdf *p)
{
	p->page = 0;
	p->ih = 0;
	p->in_table = 0;
	page_begin(p);
	title(p);
	documents(p);
	totals(p);
	answer(p);
	fingerprint(p);
	sign_box(p);
	page_end(p);
}

/* ---------------------------------------------------------------------
 * A report's table (dz_pdf_table): its title, then rows of cells under a
 * header repeated on every page, a totals row in bold with a rule above.
 */

static void
tab_cells(const struct pdf *p, struct cell *c, const char *const *text, enum font f)
{
	const struct dz_pdf_table	*t = p->tab;
	double				 sum = 0, w;
	size_t				 i;

	for (i = 0; i < t->ncols; i++)
		sum += t->cols[i].width > 0 ? t->cols[i].width : 1;
	for (i = 0; i < t->ncols; i++) {
		w = t->cols[i].width > 0 ? t->cols[i].width : 1;
		c[i].text = text[i];
		c[i].w = BODY_W * w / sum;
		c[i].font = f;
		c[i].al = t->cols[i].right ? A_RIGHT : A_LEFT;
		c[i].grey = 0;
	}
}

/* A report's or a sheet's company, title and the line under it, centred. */
static void
heading(struct pdf *p, const char *company, const char *title, const char *sub)
{
	if (company != NULL && company[0] != '\0')
		p->y += text_at(p, company, LEFT, BODY_W, F_BIG, A_CENTER, 0) + 2;
	if (title != NULL)
		p->y += text_at(p, title, LEFT, BODY_W, F_TITLE, A_CENTER, 0) + 4;
	if (sub != NULL && sub[0] != '\0')
		p->y += text_at(p, sub, LEFT, BODY_W, F_TEXT, A_CENTER, 1) + 8;
}

static void
tab_head(struct pdf *p)
{
	const char	*label[DZ_PDF_COLS_MAX];
	struct cell	 c[DZ_PDF_COLS_MAX];
	double		 h, y0 = p->y;
	size_t		 i;

	for (i = 0; i < p->tab->ncols; i++)
		label[i] = p->tab->cols[i].label;
	tab_cells(p, c, label, F_HEAD);
	h = row_measure(p, c, p->tab->ncols);
	if (p->draw) {
		cairo_set_source_rgb(p->cr, 0.92, 0.92, 0.92);
		cairo_rectangle(p->cr, LEFT, y0, BODY_W, h);
		cairo_fill(p->cr);
	}
	row_draw(p, c, p->tab->ncols, h);
	rule(p, LEFT, LEFT + BODY_W, p->y, 0.6, 0.3);
}

static void
tab_layout(struct pdf *p)
{
	const struct dz_pdf_table	*t = p->tab;
	struct cell			 c[DZ_PDF_COLS_MAX];
	double				 h;
	size_t				 i;
	int				 bold;

	p->page = 0;
	p->ih = 0;
	p->in_table = 0;
	page_begin(p);
	heading(p, t->company, t->title, t->sub);
	/* The header and at least one row on the page. */
	need(p, 40);
	p->in_table = 1;
	tab_head(p);
	for (i = 0; i < t->nrows; i++) {
		bold = t->bold != NULL && t->bold[i];
		tab_cells(p, c, t->cell + i * t->ncols, bold ? F_HEAD : F_TEXT);
		h = row_measure(p, c, t->ncols);
		need(p, h);
		if (bold)
			rule(p, LEFT, LEFT + BODY_W, p->y, 0.6, 0.3);
		row_draw(p, c, t->ncols, h);
		rule(p, LEFT, LEFT + BODY_W, p->y, 0.3, 0.7);
	}
	p->in_table = 0;
	rule(p, LEFT, LEFT + BODY_W, p->y, 0.6, 0.3);
	page_end(p);
}

/* ---------------------------------------------------------------------
 * The QR sheet (dz_pdf_qrsheet): on every page the same heading and the
 * warning, then a grid of DZ_PDF_QR_COLS x DZ_PDF_QR_ROWS cells of one
 * size, filled row by row; the page count is the items' count alone.
 */

#define QS_PAD		6.0	/* inside a cell, each side */
#define QS_QR_PAD	2.0	/* below the QR code: its own quiet zone is white */
#define QS_DASH		3.0	/* the cut line's dashes and gaps */

/* One customer: name (2 lines at most), code, 欠款金额, the QR code or a note. */
static void
qs_cell(struct pdf *p, const struct dz_pdf_qr_item *it, double x, double y, double cw,
    double ch)
{
	QRcode	*q;
	char	*code = NULL, *amount = NULL;
	double	 w = cw - 2 * QS_PAD, bottom = y + ch - QS_QR_PAD, size;

	if (asprintf(&code, LANG_qrsheet_code, it->code != NULL ? it->code : "") < 0 ||
	    asprintf(&amount, LANG_qrsheet_amount, it->amount != NULL ? it->amount : "") < 0) {
		free(code);
		p->nomem = 1;
		return;
	}
	x += QS_PAD;
	y += QS_PAD;
	show_lines(p, it->name, x, y, w, F_BOLD, A_CENTER, 0, 2);
	y += 2 * p->face[F_BOLD].line_h;
	show(p, code, x, y, w, F_SMALL, A_CENTER, 1);
	y += p->face[F_SMALL].line_h;
	show(p, amount, x, y, w, F_TEXT, A_CENTER, 0);
	y += p->face[F_TEXT].line_h;
	free(code);
	free(amount);
	/* The rest of the cell, square: the code with its own quiet zone. */
	size = bottom - y;
	if (size > w)
		size = w;
	if (it->url == NULL || it->url[0] == '\0') {
		show(p, LANG_qrsheet_no_link, x, y + size / 2 - p->face[F_SMALL].line_h, w,
		    F_SMALL, A_CENTER, 1);
		return;
	}
	if ((q = qr_encode(it->url)) == NULL) {
		dz_log_warn("pdf: no QR code for the link of customer %s",
		    it->code != NULL ? it->code : "");
		show(p, LANG_qrsheet_no_qr, x, y + size / 2 - p->face[F_SMALL].line_h, w,
		    F_SMALL, A_CENTER, 1);
		return;
	}
	qr_image(p, q, x + (w - size) / 2, y, size);
	QRcode_free(q);
}

/*
 * The dashed cut lines around the first m cells of a page whose grid starts
 * at (LEFT, top): each edge once, so two cells' dashes never overlap.
 */
static void
qs_cuts(struct pdf *p, size_t m, double top, double cw, double ch)
{
	static const double	 dash[2] = { QS_DASH, QS_DASH };
	double			 x, y;
	size_t			 k;

	cairo_new_path(p->cr);
	for (k = 0; k < m; k++) {
		x = LEFT + (double)(k % DZ_PDF_QR_COLS) * cw;
		y = top + (double)(k / DZ_PDF_QR_COLS) * ch;
		cairo_move_to(p->cr, x, y);
		cairo_line_to(p->cr, x + cw, y);
		cairo_move_to(p->cr, x, y);
		cairo_line_to(p->cr, x, y + ch);
		if (k % DZ_PDF_QR_COLS == DZ_PDF_QR_COLS - 1 || k == m - 1) {
			cairo_move_to(p->cr, x + cw, y);
			cairo_line_to(p->cr, x + cw, y + ch);
		}
		if (k + DZ_PDF_QR_COLS >= m) {
			cairo_move_to(p->cr, x, y + ch);
			cairo_line_to(p->cr, x + cw, y + ch);
		}
	}
	cairo_set_source_rgb(p->cr, 0.55, 0.55, 0.55);
	cairo_set_line_width(p->cr, 0.5);
	cairo_set_dash(p->cr, dash, 2, 0);
	cairo_stroke(p->cr);
	cairo_set_dash(p->cr, NULL, 0, 0);
}

static void
qs_layout(struct pdf *p)
{
	const struct dz_pdf_qrsheet	*qs = p->qs;
	double				 cw = BODY_W / DZ_PDF_QR_COLS, ch;
	size_t				 i, k, m;

	p->page = 0;
	p->ih = 0;
	p->in_table = 0;
	for (i = 0; i < qs->n; i += m) {
		m = qs->n - i < DZ_PDF_QR_PER_PAGE ? qs->n - i : DZ_PDF_QR_PER_PAGE;
		p->page++;
		p->y = TOP;
		heading(p, qs->company, qs->title, qs->sub);
		p->y += text_at(p, LANG_qrsheet_warning, LEFT, BODY_W, F_HEAD, A_CENTER, 0) + 6;
		p->body_top = p->y;
		ch = (BOTTOM - p->body_top) / DZ_PDF_QR_ROWS;
		if (p->draw) {
			for (k = 0; k < m; k++)
				qs_cell(p, &qs->items[i + k], LEFT + (double)(k % DZ_PDF_QR_COLS) * cw,
				    p->body_top + (double)(k / DZ_PDF_QR_COLS) * ch, cw, ch);
			qs_cuts(p, m, p->body_top, cw, ch);
		}
		page_end(p);
	}
}

/* ---------------------------------------------------------------------
 * The PDF.
 */

static int
fonts_new(struct pdf *p)
{
	int	i;

	for (i = 0; i < F__MAX; i++) {
		if ((p->font[i] = pango_font_description_new()) == NULL)
			return -1;
		pango_font_description_set_family_static(p->font[i], FONT);
		pango_font_description_set_size(p->font[i],
		    (gint)(fonts[i].size * PANGO_SCALE));
		pango_font_description_set_weight(p->font[i], fonts[i].weight);
	}
	if ((p->tnum = pango_attr_list_new()) == NULL)
		return -1;
	pango_attr_list_insert(p->tnum, pango_attr_font_features_new("tnum"));
	return 0;
}

/* Say once per worker when fontconfig gives another font than ours. */
static void
font_check(struct pdf *p)
{
	static int	 checked;
	PangoFont	*f;
	PangoFontDescription *d;
	const char	*family;

	if (checked++)
		return;
	f = pango_context_load_font(p->ctx, p->font[F_TEXT]);
	if (f == NULL) {
		dz_log_warn("pdf: no font for %s (install fonts-noto-cjk)", FONT);
		return;
	}
	d = pango_font_describe(f);
	family = d != NULL ? pango_font_description_get_family(d) : NULL;
	if (family == NULL || strcmp(family, FONT) != 0)
		dz_log_warn("pdf: %s is not installed, drawing in %s (install fonts-noto-cjk)",
		    FONT, family != NULL ? family : "?");
	if (d != NULL)
		pango_font_description_free(d);
	g_object_unref(f);
}

/*
 * Draw p (its in or tab set, and its page size) with lay, twice: measuring,
 * then drawing. meta is the PDF's title, what names it in the log.
 */
static enum dz_err
render(struct pdf *pp, void (*lay)(struct pdf *), const char *meta, unsigned char **pdf,
    size_t *len)
{
	struct pdf		 p = *pp;
	struct out		 o;
	cairo_surface_t		*sf = NULL;
	cairo_status_t		 cs;
	enum dz_err		 rc = DZ_ERR_NOMEM;
	int			 i;

	memset(&o, 0, sizeof(o));
	sf = cairo_pdf_surface_create_for_stream(out_write, &o, p.pw, p.ph);
	if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS)
		goto out;
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, meta);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "duizhang");
	p.cr = cairo_create(sf);
	if (cairo_status(p.cr) != CAIRO_STATUS_SUCCESS)
		goto out;
	/*
	 * Pango in points (72 dpi, not the screen's 96), with a font map of
	 * this PDF's own, so nothing is left in pango's process-wide one.
	 * NOTE: that is not enough to give the memory back: fontconfig and
	 * cairo keep their caches and the font files mapped (about 80 MB
	 * resident after one PDF, measured with t/bench/pdf-draw), which is
	 * why the programs draw in a child process (lib/pdf_child.c).
	 */
	if ((p.fm = pango_cairo_font_map_new()) == NULL)
		goto out;
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(p.fm), 72);
	if ((p.ctx = pango_font_map_create_context(p.fm)) == NULL)
		goto out;
	pango_cairo_update_context(p.cr, p.ctx);
	if ((p.lay = pango_layout_new(p.ctx)) == NULL || fonts_new(&p) != 0 ||
	    (p.laid = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    g_object_unref)) == NULL)
		goto out;
	pango_layout_set_wrap(p.lay, PANGO_WRAP_WORD_CHAR);
	font_check(&p);
	for (i = 0; i < F__MAX; i++)
		face_init(&p, (enum font)i);

	/* Measure (and count the pages), then draw. */
	p.draw = 0;
	lay(&p);
	if (p.nomem)
		goto out;
	p.pages = p.page;
	p.draw = 1;
	lay(&p);
	cairo_surface_finish(sf);
	if (o.nomem || p.nomem)
		goto out;
	if ((cs = cairo_surface_status(sf)) != CAIRO_STATUS_SUCCESS) {
		dz_log_err("pdf: %s: cairo: %s", meta, cairo_status_to_string(cs));
		rc = DZ_ERR_IO;
		goto out;
	}
	*pdf = o.p;
	*len = o.len;
	o.p = NULL;
	rc = DZ_OK;
out:
	if (p.laid != NULL)
		g_hash_table_destroy(p.laid);
	for (i = 0; i < F__MAX; i++)
		if (p.face[i].sf != NULL)
			cairo_scaled_font_destroy(p.face[i].sf);
	if (p.lay != NULL)
		g_object_unref(p.lay);
	if (p.ctx != NULL)
		g_object_unref(p.ctx);
	if (p.fm != NULL)
		g_object_unref(p.fm);
	for (i = 0; i < F__MAX; i++)
		if (p.font[i] != NULL)
			pango_font_description_free(p.font[i]);
	if (p.tnum != NULL)
		pango_attr_list_unref(p.tnum);
	if (p.cr != NULL)
		cairo_destroy(p.cr);
	if (sf != NULL)
		cairo_surface_destroy(sf);
	free(p.h);
	free(o.p);
	return rc;
}

enum dz_err
dz_pdf_statement(const struct dz_pdf_in *in, unsigned char **pdf, size_t *len)
{
	struct pdf	p;
	char		meta[600];

	*pdf = NULL;
	*len = 0;
	if (in == NULL || in->stmt == NULL || in->snap == NULL)
		return DZ_ERR_INVAL;
	memset(&p, 0, sizeof(p));
	p.in = in;
	p.pw = A4_SHORT;
	p.ph = A4_LONG;
	snprintf(meta, sizeof(meta), "%s %s %s-%s", LANG_pdf_title,
	    in->stmt->customer_name, in->stmt->from, in->stmt->to);
	return render(&p, layout, meta, pdf, len);
}

enum dz_err
dz_pdf_table(const struct dz_pdf_table *t, unsigned char **pdf, size_t *len)
{
	struct pdf	p;
	char		meta[600];

	*pdf = NULL;
	*len = 0;
	if (t == NULL || t->title == NULL || t->ncols == 0 || t->ncols > DZ_PDF_COLS_MAX ||
	    (t->nrows > 0 && t->cell == NULL))
		return DZ_ERR_INVAL;
	memset(&p, 0, sizeof(p));
	p.tab = t;
	p.pw = t->landscape ? A4_LONG : A4_SHORT;
	p.ph = t->landscape ? A4_SHORT : A4_LONG;
	snprintf(meta, sizeof(meta), "%s %s", t->title, t->sub != NULL ? t->sub : "");
	return render(&p, tab_layout, meta, pdf, len);
}

enum dz_err
dz_pdf_qrsheet(const struct dz_pdf_qrsheet *qs, unsigned char **pdf, size_t *len)
{
	struct pdf	p;
	char		meta[600];

	*pdf = NULL;
	*len = 0;
	if (qs == NULL || qs->items == NULL || qs->n == 0)
		return DZ_ERR_INVAL;
	memset(&p, 0, sizeof(p));
	p.qs = qs;
	p.pw = A4_SHORT;
	p.ph = A4_LONG;
	snprintf(meta, sizeof(meta), "%s %s", qs->title != NULL ? qs->title : LANG_qrsheet_file,
	    qs->sub != NULL ? qs->sub : "");
	return render(&p, qs_layout, meta, pdf, len);
}
