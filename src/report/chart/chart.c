/*
 * chart.c - what every chart shares: the palette and series styles, axis
 * ticks and their labels, the pen (pdf.h and/or a recorder, chart_axis.h),
 * the x-y layout, legends, titles and the "No data" frame.
 */
#include "report/chart/chart_axis.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const pdf_rgb chart_ink = { 0.13, 0.13, 0.13 };
const pdf_rgb chart_text2 = { 0.33, 0.33, 0.33 };
const pdf_rgb chart_muted = { 0.70, 0.70, 0.70 };
const pdf_rgb chart_grid = { 0.87, 0.87, 0.87 };
const pdf_rgb chart_accent = { 0.08, 0.27, 0.55 };
const pdf_rgb chart_alert = { 0.78, 0.22, 0.12 };

static const pdf_rgb white = { 1, 1, 1 };

/*
 * The series palette.  Read in grayscale the first four differ in
 * lightness by at least 0.12 (0.15, 0.51, 0.37, 0.66), besides the dash and
 * the marker; the first two, the most common pair, by 0.36.
 */
static const struct {
	pdf_rgb color;
	double dash[4];
	size_t ndash;
	chart_mark mark;
} palette[] = {
	{ { 0.05, 0.16, 0.40 }, { 0, 0, 0, 0 }, 0, CHART_MARK_CIRCLE },
	{ { 0.85, 0.42, 0.05 }, { 5.0, 2.5, 0, 0 }, 2, CHART_MARK_SQUARE },
	{ { 0.10, 0.50, 0.40 }, { 1.5, 1.5, 0, 0 }, 2, CHART_MARK_TRIANGLE },
	{ { 0.45, 0.72, 0.90 }, { 6.0, 2.0, 1.5, 2.0 }, 4, CHART_MARK_DIAMOND },
	{ { 0.70, 0.12, 0.15 }, { 3.0, 1.5, 0, 0 }, 2, CHART_MARK_SQUARE },
	{ { 0.45, 0.45, 0.45 }, { 6.0, 2.0, 0, 0 }, 2, CHART_MARK_TRIANGLE },
};
#define NPALETTE (sizeof palette / sizeof palette[0])

void chart_style_of(size_t i, chart_style *out)
{
	size_t k = i % NPALETTE;
	memset(out, 0, sizeof *out);
	out->color = palette[k].color;
	out->band = chart_mix(palette[k].color, white, 0.82);
	memcpy(out->dash, palette[k].dash, sizeof out->dash);
	out->ndash = palette[k].ndash;
	out->mark = palette[k].mark;
}

double chart_lightness(pdf_rgb c)
{
	return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b;
}

pdf_rgb chart_mix(pdf_rgb a, pdf_rgb b, double t)
{
	pdf_rgb m = { a.r + t * (b.r - a.r), a.g + t * (b.g - a.g), a.b + t * (b.b - a.b) };
	return m;
}

/* ---- Ticks ---- */

void chart_nice_ticks(double lo, double hi, size_t target, chart_ticks *out)
{
	if (!isfinite(lo) || !isfinite(hi)) {
		lo = isfinite(lo) ? lo : (isfinite(hi) ? hi : 0);
		hi = lo;
	}
	if (lo > hi) {
		double t = lo;
		lo = hi;
		hi = t;
	}
	if (target < 1)
		target = 1;
	/* A degenerate range is widened: [0, 1] around 0, else +-10%. */
	if (hi - lo <= 1e-12 * fmax(fabs(lo), fabs(hi))) {
		if (lo == 0 && hi == 0) {
			hi = 1;
		} else {
			double m = 0.1 * fmax(fabs(lo), fabs(hi));
			lo -= m;
			hi += m;
		}
	}
	double raw = (hi - lo) / (double)target;
	double mag = pow(10, floor(log10(raw)));
	double f = raw / mag;
	double step = f <= 1 + 1e-9 ? 1 : f <= 2 + 1e-9 ? 2 : f <= 2.5 + 1e-9 ? 2.5
	              : f <= 5 + 1e-9 ? 5 : 10;
	step *= mag;
	double a = floor(lo / step + 1e-9);
	double z = ceil(hi / step - 1e-9);
	out->first = a * step + 0.0;
	out->step = step;
	out->n = (size_t)(z - a + 0.5) + 1;
}

void chart_month_ticks(double lo, double hi, size_t target, chart_ticks *out)
{
	static const double steps[] = { 1, 2, 3, 6, 12, 24, 36, 60, 120, 240, 600, 1200 };
	if (!isfinite(lo))
		lo = 0;
	if (!isfinite(hi) || hi <= lo)
		hi = lo + 1;
	if (target < 1)
		target = 1;
	double step = steps[sizeof steps / sizeof steps[0] - 1];
	for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++)
		if ((hi - lo) / steps[k] <= 1.3 * (double)target + 1e-9) {
			step = steps[k];
			break;
		}
	double a = floor(lo / step + 1e-9);
	double z = ceil(hi / step - 1e-9);
	if (z <= a)
		z = a + 1;
	out->first = a * step + 0.0;
	out->step = step;
	out->n = (size_t)(z - a + 0.5) + 1;
}

double chart_tick_at(const chart_ticks *t, size_t k)
{
	double v = t->first + (double)k * t->step;
	if (fabs(v) < 1e-9 * t->step)
		v = 0;
	return v;
}

char *chart_fmt_tick(double v, double step, int percent, char *buf, size_t n)
{
	if (percent) {
		v *= 100;
		step *= 100;
	}
	int dec = 0;
	while (dec < 3) {
		double s = step * pow(10, dec);
		if (fabs(s - round(s)) < 1e-6 * fmax(1, s))
			break;
		dec++;
	}
	if (fabs(v) < 0.5 * pow(10, -dec))
		v = 0;
	snprintf(buf, n, percent ? "%.*f%%" : "%.*f", dec, v);
	return buf;
}

char *chart_fmt_count(double v, char *buf, size_t n)
{
	if (!isfinite(v)) {
		snprintf(buf, n, "%s", "");
		return buf;
	}
	char digits[32];
	snprintf(digits, sizeof digits, "%.0f", fabs(v));
	size_t len = strlen(digits), o = 0;
	char tmp[48];
	if (v <= -0.5)
		tmp[o++] = '-';
	for (size_t i = 0; i < len && o + 2 < sizeof tmp; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			tmp[o++] = ',';
		tmp[o++] = digits[i];
	}
	tmp[o] = '\0';
	snprintf(buf, n, "%s", tmp);
	return buf;
}

char *chart_fmt_ratio(double v, char *buf, size_t n)
{
	if (isnan(v))
		snprintf(buf, n, "NA");
	else if (v == INFINITY)
		snprintf(buf, n, "inf");
	else if (v <= 0)
		snprintf(buf, n, "0");
	else if (v < 10)
		snprintf(buf, n, "%.2f", v);
	else if (v < 100)
		snprintf(buf, n, "%.1f", v);
	else if (v < 1e4)
		snprintf(buf, n, "%.0f", v);
	else
		snprintf(buf, n, "%.2g", v);   /* 7.8e+04: a separated term's size */
	return buf;
}

double chart_scale_at(const chart_scale *s, double v)
{
	double lo = s->lo, hi = s->hi;
	if (s->log) {
		if (!(lo > 0) || !(hi > 0) || !(v > 0))
			return 0.5 * (s->p0 + s->p1);
		lo = log(lo);
		hi = log(hi);
		v = log(v);
	}
	if (!isfinite(lo) || !isfinite(hi) || !isfinite(v) || hi - lo == 0)
		return 0.5 * (s->p0 + s->p1);
	return s->p0 + (v - lo) / (hi - lo) * (s->p1 - s->p0);
}

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
static double est_advance(unsigned long cp, pdf_weight w)
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

/* Decodes one UTF-8 character at s; returns its length (1 for a bad byte). */
static size_t utf8_next(const char *s, unsigned long *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = u[0] < 0x80 ? 1 : (u[0] >> 5) == 6 ? 2 : (u[0] >> 4) == 14 ? 3
	             : (u[0] >> 3) == 30 ? 4 : 1;
	unsigned long c = len == 1 ? u[0] : len == 2 ? (u[0] & 0x1fUL)
	                  : len == 3 ? (u[0] & 0x0fUL) : (u[0] & 0x07UL);
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3fUL);
	}
	*cp = c;
	return len;
}

double chart_pen_text_width(chart_pen *p, const char *s, pdf_weight w, double size)
{
	if (s == NULL)
		return 0;
	if (p->d)
		return pdf_text_width(p->d, s, w, size);
	double em = 0;
	while (*s) {
		unsigned long cp;
		s += utf8_next(s, &cp);
		em += est_advance(cp, w);
	}
	return em * size;
}

/* Ink above and below the baseline, in em (DejaVu Sans: caps 0.73,
 * descenders 0.24; a little more for accents). */
#define ASCENT 0.78
#define DESCENT 0.24

void chart_pen_text(chart_pen *p, double x, double y, const char *s, pdf_weight w,
                    double size, pdf_align align, pdf_rgb c)
{
	if (s == NULL || *s == '\0')
		return;
	if (p->rec) {
		double tw = chart_pen_text_width(p, s, w, size);
		double x0 = align == PDF_LEFT ? x : align == PDF_CENTER ? x - tw / 2 : x - tw;
		rec_box(p, x0, y - ASCENT * size, x0 + tw, y + DESCENT * size, s);
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
		rec_box(p, x - ASCENT * size, y - tw / 2, x + DESCENT * size, y + tw / 2, s);
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
	if (chart_pen_text_width(p, s, w, size) <= width) {
		snprintf(buf, n, "%s", s);
		return buf;
	}
	static const char ell[] = "\xe2\x80\xa6";
	double used = est_advance(0x2026, w) * size;
	size_t o = 0;
	const char *t = s;
	while (*t) {
		unsigned long cp;
		size_t len = utf8_next(t, &cp);
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

/* ---- Layout ---- */

int chart_xy_layout_of(chart_box b, int has_title, double legend_h, double ytick_w,
                       double xtick_w, int has_xlabel, int has_ylabel, double below,
                       chart_xy_layout *out)
{
	memset(out, 0, sizeof *out);
	double y = b.y;
	if (has_title) {
		out->title_base = y + CHART_TITLE_SIZE;
		y += CHART_TITLE_SIZE + 6;
	}
	out->legend_top = y;
	if (legend_h > 0)
		y += legend_h + 3;
	/* Room for the top y tick label, which is centred on the top line. */
	y += CHART_TICK_SIZE * 0.5;
	double bottom = b.y + b.h - below;
	if (has_xlabel) {
		out->xlabel_base = bottom - CHART_LABEL_SIZE * DESCENT - 1;
		bottom -= CHART_LABEL_SIZE + 5;
	}
	out->xtick_base = bottom - CHART_TICK_SIZE * DESCENT;
	bottom -= CHART_TICK_SIZE + 6;   /* tick marks (3) and a gap (3) */
	double x = b.x;
	if (has_ylabel) {
		out->ylabel_x = x + CHART_LABEL_SIZE * ASCENT;
		x += CHART_LABEL_SIZE + 4;
	}
	x += ytick_w + CHART_PAD;
	double right = b.x + b.w - fmax(xtick_w / 2, 2);
	/* The leftmost x tick label is centred on the plot's left edge. */
	if (x < b.x + xtick_w / 2)
		x = b.x + xtick_w / 2;
	out->plot.x = x;
	out->plot.y = y;
	out->plot.w = right - x;
	out->plot.h = bottom - y;
	out->below_top = b.y + b.h - below;
	return out->plot.w >= CHART_MIN_PLOT && out->plot.h >= CHART_MIN_PLOT;
}

static double sample_w(chart_leg_kind k)
{
	return k == CHART_LEG_LINE ? 22 : k == CHART_LEG_MARK ? 8 : 9;
}

double chart_legend(chart_pen *p, double x, double y, double w, const chart_leg_item *it,
                    size_t n, int draw)
{
	if (n == 0)
		return 0;
	const double size = CHART_LABEL_SIZE, gap = 12, sgap = 4;
	double cx = x;
	size_t rows = 1;
	for (size_t i = 0; i < n; i++) {
		char buf[256];
		double sw = sample_w(it[i].kind);
		chart_pen_fit(p, it[i].label, PDF_REGULAR, size, fmax(w - sw - sgap, 10), buf,
		              sizeof buf);
		double iw = sw + sgap + chart_pen_text_width(p, buf, PDF_REGULAR, size);
		if (cx > x && cx + iw > x + w) {
			rows++;
			cx = x;
		}
		if (draw) {
			double ty = y + (double)(rows - 1) * CHART_LEG_ROW;
			double mid = ty + CHART_LEG_ROW / 2;
			const chart_style *st = &it[i].style;
			if (it[i].kind == CHART_LEG_SWATCH) {
				chart_pen_fill(p, it[i].swatch);
				chart_pen_rect_fill(p, cx, mid - 4, sw, 8);
			} else {
				if (it[i].kind == CHART_LEG_LINE) {
					chart_pen_stroke(p, st->color);
					chart_pen_width(p, 1.5);
					chart_pen_dash(p, st->dash, st->ndash);
					chart_pen_line(p, cx, mid, cx + sw, mid);
					chart_pen_dash(p, NULL, 0);
				}
				chart_marker(p, st->mark, cx + sw / 2, mid, 2.4, st->color);
			}
			chart_pen_text(p, cx + sw + sgap, mid + size * 0.35, buf, PDF_REGULAR, size,
			               PDF_LEFT, chart_ink);
		}
		cx += iw + gap;
	}
	return (double)rows * CHART_LEG_ROW;
}

double chart_title(chart_pen *p, chart_box b, const char *title)
{
	if (title == NULL || *title == '\0')
		return 0;
	char buf[512];
	chart_pen_fit(p, title, PDF_BOLD, CHART_TITLE_SIZE, b.w, buf, sizeof buf);
	chart_pen_text(p, b.x, b.y + CHART_TITLE_SIZE, buf, PDF_BOLD, CHART_TITLE_SIZE,
	               PDF_LEFT, chart_ink);
	return CHART_TITLE_SIZE + 6;
}

void chart_no_data(chart_pen *p, chart_box b, const char *title)
{
	double t = chart_title(p, b, title);
	if (t > b.h)
		return;
	chart_box f = { b.x + 0.5, b.y + t + 0.5, b.w - 1, b.h - t - 1 };
	if (f.w <= 0 || f.h <= 0)
		return;
	chart_pen_stroke(p, chart_grid);
	chart_pen_width(p, 1);
	chart_pen_dash(p, NULL, 0);
	chart_pen_rect_stroke(p, f.x, f.y, f.w, f.h);
	double size = fmin(9, f.h * 0.6);
	if (size >= 3)
		chart_pen_text(p, f.x + f.w / 2, f.y + f.h / 2 + size * 0.35, "No data",
		               PDF_REGULAR, size, PDF_CENTER, chart_text2);
}

void chart_marker(chart_pen *p, chart_mark m, double cx, double cy, double r, pdf_rgb c)
{
	chart_pen_fill(p, c);
	switch (m) {
	case CHART_MARK_SQUARE:
		r *= 0.9;
		chart_pen_rect_fill(p, cx - r, cy - r, 2 * r, 2 * r);
		break;
	case CHART_MARK_TRIANGLE: {
		double x[3] = { cx - r * 1.1, cx + r * 1.1, cx };
		double y[3] = { cy + r * 0.9, cy + r * 0.9, cy - r * 1.1 };
		chart_pen_polygon(p, x, y, 3);
		break;
	}
	case CHART_MARK_DIAMOND: {
		double x[4] = { cx, cx + r * 1.2, cx, cx - r * 1.2 };
		double y[4] = { cy - r * 1.2, cy, cy + r * 1.2, cy };
		chart_pen_polygon(p, x, y, 4);
		break;
	}
	case CHART_MARK_NONE:
		break;
	case CHART_MARK_CIRCLE:
	default:
		chart_pen_circle(p, cx, cy, r, 1);
		break;
	}
}

double chart_ticks_width(chart_pen *p, const chart_ticks *t, int percent, double size)
{
	double w = 0;
	for (size_t k = 0; k < t->n; k++) {
		char buf[32];
		chart_fmt_tick(chart_tick_at(t, k), t->step, percent, buf, sizeof buf);
		w = fmax(w, chart_pen_text_width(p, buf, PDF_REGULAR, size));
	}
	return w;
}

void chart_ygrid(chart_pen *p, chart_box plot, const chart_scale *sy, const chart_ticks *t,
                 int percent)
{
	chart_pen_width(p, 0.5);
	chart_pen_dash(p, NULL, 0);
	for (size_t k = 0; k < t->n; k++) {
		double v = chart_tick_at(t, k);
		double y = chart_scale_at(sy, v);
		char buf[32];
		chart_pen_stroke(p, chart_grid);
		chart_pen_line(p, plot.x, y, plot.x + plot.w, y);
		chart_fmt_tick(v, t->step, percent, buf, sizeof buf);
		chart_pen_text(p, plot.x - CHART_PAD, y + CHART_TICK_SIZE * 0.35, buf, PDF_REGULAR,
		               CHART_TICK_SIZE, PDF_RIGHT, chart_text2);
	}
}

void chart_axis_titles(chart_pen *p, chart_box plot, const char *xlabel, double xbase,
                       const char *ylabel, double yx)
{
	char buf[256];

	if (xlabel) {
		chart_pen_fit(p, xlabel, PDF_REGULAR, CHART_LABEL_SIZE, plot.w, buf, sizeof buf);
		chart_pen_text(p, plot.x + plot.w / 2, xbase, buf, PDF_REGULAR, CHART_LABEL_SIZE,
		               PDF_CENTER, chart_text2);
	}
	if (ylabel) {
		chart_pen_fit(p, ylabel, PDF_REGULAR, CHART_LABEL_SIZE, plot.h, buf, sizeof buf);
		chart_pen_text_up(p, yx, plot.y + plot.h / 2, buf, PDF_REGULAR, CHART_LABEL_SIZE,
		                  chart_text2);
	}
}

void chart_xaxis(chart_pen *p, chart_box plot, const chart_scale *sx, const chart_ticks *t,
                 int percent, double base)
{
	double y = plot.y + plot.h;
	chart_pen_dash(p, NULL, 0);
	chart_pen_stroke(p, chart_text2);
	chart_pen_width(p, 0.7);
	chart_pen_line(p, plot.x, y, plot.x + plot.w, y);
	chart_pen_width(p, 0.5);
	for (size_t k = 0; k < t->n; k++) {
		double v = chart_tick_at(t, k);
		double x = chart_scale_at(sx, v);
		char buf[32];
		chart_pen_line(p, x, y, x, y + 3);
		chart_fmt_tick(v, t->step, percent, buf, sizeof buf);
		chart_pen_text(p, x, base, buf, PDF_REGULAR, CHART_TICK_SIZE, PDF_CENTER,
		               chart_text2);
	}
}
