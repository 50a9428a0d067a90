/*
 * chart_pen.c - the pen every chart draws with (chart_axis.h): the
 * document (pdf.h), a recorder, or both.  The recorder keeps the ink, the
 * items outside the bound and the texts drawn; without a document, text
 * widths are estimated from DejaVu Sans' average advances.
 */
#include "report/chart/chart_axis.h"

#include "churnkit/utf8.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- The recorder ---- */

void chart_rec_init(chart_rec *r, chart_box bound)
{
	memset(r, 0, sizeof *r);
	r->bound = bound;
	r->x0 = r->y0 = INFINITY;
	r->x1 = r->y1 = -INFINITY;
}

static void rec_box(chart_pen *p, double x0, double y0, double x1, double y1,
                    const char *what)
{
	chart_rec *r = p->rec;
	if (r == NULL)
		return;
	r->items++;
	r->x0 = fmin(r->x0, x0);
	r->y0 = fmin(r->y0, y0);
	r->x1 = fmax(r->x1, x1);
	r->y1 = fmax(r->y1, y1);
	const chart_box *b = &r->bound;
	int out = !(x0 >= b->x - CHART_REC_SLACK && y0 >= b->y - CHART_REC_SLACK
	            && x1 <= b->x + b->w + CHART_REC_SLACK
	            && y1 <= b->y + b->h + CHART_REC_SLACK);
	if (out) {
		if (r->outside == 0)
			snprintf(r->first_outside, sizeof r->first_outside,
			         "%s [%.1f,%.1f]-[%.1f,%.1f]", what, x0, y0, x1, y1);
		r->outside++;
	}
}

static void rec_points(chart_pen *p, const double *x, const double *y, size_t n,
                       double grow, const char *what)
{
	double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		x0 = fmin(x0, x[i]);
		x1 = fmax(x1, x[i]);
		y0 = fmin(y0, y[i]);
		y1 = fmax(y1, y[i]);
	}
	if (n > 0)
		rec_box(p, x0 - grow, y0 - grow, x1 + grow, y1 + grow, what);
}

static void rec_text(chart_pen *p, const char *s)
{
	chart_rec *r = p->rec;
	size_t len = strlen(s);
	if (r == NULL || r->text_len + len + 2 > sizeof r->text)
		return;
	memcpy(r->text + r->text_len, s, len);
	r->text_len += len;
	r->text[r->text_len++] = '\n';
	r->text[r->text_len] = '\0';
}

int chart_rec_has_text(const chart_rec *r, const char *s)
{
	size_t len = strlen(s);
	const char *t = r->text;
	while ((t = strstr(t, s)) != NULL) {
		if ((t == r->text || t[-1] == '\n') && t[len] == '\n')
			return 1;
		t++;
	}
	return 0;
}

int chart_rec_contains(const chart_rec *r, const char *s)
{
	return strstr(r->text, s) != NULL;
}

/* ---- The pen ---- */

chart_pen chart_pen_of(pdf_doc *d, chart_rec *rec)
{
	chart_pen p = { d, rec, 1.0 };
	return p;
}

void chart_pen_fill(chart_pen *p, pdf_rgb c)
{
	if (p->d)
		pdf_fill_color(p->d, c);
}

void chart_pen_stroke(chart_pen *p, pdf_rgb c)
{
	if (p->d)
		pdf_stroke_color(p->d, c);
}

void chart_pen_width(chart_pen *p, double w)
{
	p->lw = w;
	if (p->d)
		pdf_line_width(p->d, w);
}

void chart_pen_dash(chart_pen *p, const double *pattern, size_t n)
{
	if (p->d)
		pdf_dash(p->d, pattern, n);
}

void chart_pen_line(chart_pen *p, double x1, double y1, double x2, double y2)
{
	/* Butt caps: a horizontal or vertical line is wider only across. */
	double g = p->lw / 2;
	if (y1 == y2)
		rec_box(p, fmin(x1, x2), y1 - g, fmax(x1, x2), y1 + g, "line");
	else if (x1 == x2)
		rec_box(p, x1 - g, fmin(y1, y2), x1 + g, fmax(y1, y2), "line");
	else
		rec_box(p, fmin(x1, x2) - g, fmin(y1, y2) - g, fmax(x1, x2) + g, fmax(y1, y2) + g,
		        "line");
	if (p->d)
		pdf_line(p->d, x1, y1, x2, y2);
}

void chart_pen_polyline(chart_pen *p, const double *x, const double *y, size_t n)
{
	if (n < 2)
		return;
	rec_points(p, x, y, n, p->lw / 2, "polyline");
	if (p->d)
		pdf_polyline(p->d, x, y, n);
}

void chart_pen_polygon(chart_pen *p, const double *x, const double *y, size_t n)
{
	if (n < 3)
		return;
	rec_points(p, x, y, n, 0, "polygon");
	if (p->d)
		pdf_polygon(p->d, x, y, n);
}

void chart_pen_rect_fill(chart_pen *p, double x, double y, double w, double h)
{
	if (!(w > 0) || !(h > 0))
		return;
	rec_box(p, x, y, x + w, y + h, "rect");
	if (p->d)
		pdf_rect_fill(p->d, x, y, w, h);
}

void chart_pen_rect_stroke(chart_pen *p, double x, double y, double w, double h)
{
	double g = p->lw / 2;
	rec_box(p, x - g, y - g, x + w + g, y + h + g, "frame");
	if (p->d)
		pdf_rect_stroke(p->d, x, y, w, h);
}

void chart_pen_circle(chart_pen *p, double cx, double cy, double r, int fill)
{
	double g = fill ? 0 : p->lw / 2;
	rec_box(p, cx - r - g, cy - r - g, cx + r + g, cy + r + g, "circle");
	if (p->d)
		pdf_circle(p->d, cx, cy, r, fill);
}

/* Advance widths of DejaVu Sans in em, roughly, for measuring without a
 * document. */
static double est_advance(uint32_t cp, pdf_weight w)
{
	double a;
	if (cp == ' ' || cp == '.' || cp == ',' || cp == ':' || cp == ';' || cp == '\'')
		a = 0.32;
	else if (cp == 'i' || cp == 'l' || cp == 'j' || cp == '!' || cp == '|')
		a = 0.28;
	else if (cp == '(' || cp == ')' || cp == '-' || cp == 'f' || cp == 't' || cp == 'r')
		a = 0.40;
	else if (cp >= '0' && cp <= '9')
		a = 0.64;
	else if (cp == '%' || cp == 'm' || cp == 'w' || cp == 'M' || cp == 'W')
		a = 0.95;
	else if (cp >= 'A' && cp <= 'Z')
		a = 0.70;
	else if (cp >= 0x2e80)
		a = 1.0;
	else if (cp == 0x2026)
		a = 1.0;
	else
		a = 0.62;
	return w == PDF_BOLD ? a * 1.1 : a;
}

double chart_pen_text_width(chart_pen *p, const char *s, pdf_weight w, double size)
{
	if (s == NULL)
		return 0;
	if (p->d)
		return pdf_text_width(p->d, s, w, size);
	double em = 0;
	while (*s) {
		uint32_t cp;
		s += utf8_decode(s, strnlen(s, 4), &cp);
		em += est_advance(cp, w);
	}
	return em * size;
}

void chart_pen_text(chart_pen *p, double x, double y, const char *s, pdf_weight w,
                    double size, pdf_align align, pdf_rgb c)
{
	if (s == NULL || *s == '\0')
		return;
	if (p->rec) {
		double tw = chart_pen_text_width(p, s, w, size);
		double x0 = align == PDF_LEFT ? x : align == PDF_CENTER ? x - tw / 2 : x - tw;
		rec_box(p, x0, y - CHART_ASCENT * size, x0 + tw, y + CHART_DESCENT * size, s);
		rec_text(p, s);
	}
	if (p->d)
		pdf_text(p->d, x, y, s, w, size, align, c);
}

void chart_pen_text_up(chart_pen *p, double x, double y, const char *s, pdf_weight w,
                       double size, pdf_rgb c)
{
	if (s == NULL || *s == '\0')
		return;
	if (p->rec) {
		double tw = chart_pen_text_width(p, s, w, size);
		rec_box(p, x - CHART_ASCENT * size, y - tw / 2, x + CHART_DESCENT * size, y + tw / 2, s);
		rec_text(p, s);
	}
	if (p->d)
		pdf_text_up(p->d, x, y, s, w, size, c);
}

char *chart_pen_fit(chart_pen *p, const char *s, pdf_weight w, double size, double width,
                    char *buf, size_t n)
{
	if (n == 0)
		return buf;
	if (s == NULL) {
		buf[0] = '\0';
		return buf;
	}
	if (p->d)
		return pdf_fit_text(p->d, s, w, size, width, buf, n);
	/* The same contract, measured with the estimates. */
	if (chart_pen_text_width(p, s, w, size) <= width + PDF_FIT_SLACK) {
		snprintf(buf, n, "%s", s);
		return buf;
	}
	static const char ell[] = "\xe2\x80\xa6";
	double used = est_advance(0x2026, w) * size;
	size_t o = 0;
	const char *t = s;
	while (*t) {
		uint32_t cp;
		size_t len = utf8_decode(t, strnlen(t, 4), &cp);
		double a = est_advance(cp, w) * size;
		if (used + a > width || o + len + sizeof ell > n)
			break;
		memcpy(buf + o, t, len);
		o += len;
		used += a;
		t += len;
	}
	if (used <= width && o + sizeof ell <= n) {
		memcpy(buf + o, ell, sizeof ell);
	} else {
		buf[o] = '\0';
	}
	return buf;
}
