#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

/* From the core library (lib/text.h). */
size_t mms_utf8_width(const char *s);

struct column {
	char *title;
	enum table_align align;
	size_t max, width;
};

struct table {
	struct column *cols;
	size_t ncols;
	char **cells; /* rows × ncols */
	size_t nrows, cap;
	size_t at; /* cells filled in the current row */
};

struct table *table_new(void)
{
	return calloc(1, sizeof(struct table));
}

size_t table_width(const char *s)
{
	return s ? mms_utf8_width(s) : 0;
}

static size_t seq_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if ((c & 0xE0) == 0xC0)
		return 2;
	if ((c & 0xF0) == 0xE0)
		return 3;
	if ((c & 0xF8) == 0xF0)
		return 4;
	return 1;
}

/* The character of S (LEN bytes) at byte I: its length in bytes, its columns in *W. */
static size_t char_at(const char *s, size_t len, size_t i, size_t *w)
{
	char one[5] = {0};
	size_t n = seq_len((unsigned char)s[i]);

	if (i + n > len)
		n = len - i;
	memcpy(one, s + i, n);
	*w = mms_utf8_width(one);
	return n;
}

char *table_truncate(const char *s, size_t width)
{
	static const char ell[] = "…";
	size_t used = 0, i = 0, len;
	char *out;

	if (!s)
		s = "";
	len = strlen(s);
	if (table_width(s) <= width)
		return strdup(s);
	/* Keep characters while they and the "…" fit. */
	while (i < len) {
		size_t w, n = char_at(s, len, i, &w);

		if (width == 0 || used + w + 1 > width)
			break;
		used += w;
		i += n;
	}
	out = malloc(i + sizeof(ell));
	if (!out)
		return NULL;
	memcpy(out, s, i);
	memcpy(out + i, ell, sizeof(ell));
	return out;
}

char *term_escape(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)p);
	char *out = malloc(6 * n + 1), *q = out;

	if (!out)
		return NULL;
	while (*p) {
		if (*p < 0x20 && *p != '\n' && *p != '\t') {
			/* ESC as ^[, as git shows a control character in a path */
			*q++ = '^';
			*q++ = (char)(*p + '@');
			p++;
		} else if (*p == 0x7F) {
			*q++ = '^';
			*q++ = '?';
			p++;
		} else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			q += sprintf(q, "<%02X>", p[1]); /* a C1 control */
			p += 2;
		} else if ((p[0] == 0xE2 && p[1] == 0x80 &&
		            ((p[2] >= 0x8E && p[2] <= 0x8F) || (p[2] >= 0xAA && p[2] <= 0xAE))) ||
		           (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9) ||
		           (p[0] == 0xD8 && p[1] == 0x9C)) {
			/* a bidirectional control: it would reorder what follows on screen */
			unsigned cp =
			    p[0] == 0xD8
			        ? 0x061C
			        : (unsigned)(0x2000 | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F));

			q += sprintf(q, "<U+%04X>", cp);
			p += p[0] == 0xD8 ? 2 : 3;
		} else {
			*q++ = (char)*p++;
		}
	}
	*q = '\0';
	return out;
}

int table_column(struct table *t, const char *title, enum table_align align, size_t max_width)
{
	struct column *c;

	if (t->nrows || t->at)
		return -1; /* columns come first */
	c = realloc(t->cols, (t->ncols + 1) * sizeof(*c));
	if (!c)
		return -1;
	t->cols = c;
	c = &t->cols[t->ncols];
	c->title = strdup(title ? title : "");
	if (!c->title)
		return -1;
	c->align = align;
	c->max = max_width;
	c->width = table_width(c->title);
	t->ncols++;
	return 0;
}

static char **row_at(const struct table *t, size_t r)
{
	return &t->cells[r * t->ncols];
}

int table_cell(struct table *t, const char *text)
{
	struct column *c;
	char *copy;
	size_t w;

	if (t->ncols == 0 || t->at >= t->ncols)
		return -1;
	if (t->at == 0) {
		if (t->nrows == t->cap) {
			size_t cap = t->cap ? 2 * t->cap : 32;
			char **g = realloc(t->cells, cap * t->ncols * sizeof(*g));

			if (!g)
				return -1;
			t->cells = g;
			t->cap = cap;
		}
		memset(row_at(t, t->nrows), 0, t->ncols * sizeof(char *));
	}
	c = &t->cols[t->at];
	copy = term_escape(text); /* a cell never drives the terminal */
	if (!copy)
		return -1;
	w = table_width(copy);
	if (w > c->width)
		c->width = w;
	row_at(t, t->nrows)[t->at++] = copy;
	return 0;
}

int table_cellf(struct table *t, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return table_cell(t, buf);
}

int table_end_row(struct table *t)
{
	if (t->at == 0 && table_cell(t, "") < 0)
		return -1;
	while (t->at < t->ncols)
		if (table_cell(t, "") < 0)
			return -1;
	t->nrows++;
	t->at = 0;
	return 0;
}

size_t table_rows(const struct table *t)
{
	return t->nrows;
}

static size_t term_width; /* 0: no limit */

void table_set_width(size_t width)
{
	term_width = width;
}

static void pad(FILE *fp, size_t n)
{
	while (n--)
		fputc(' ', fp);
}

/*
 * The part of S that fits WIDTH columns, broken after a space when there is
 * one (else inside the word): its length in bytes; *NEXT is where the rest
 * starts (the spaces at the break skipped).
 */
static size_t wrap_part(const char *s, size_t width, const char **next)
{
	size_t len = strlen(s), i = 0, used = 0, brk = 0, after = 0;

	while (i < len) {
		size_t w, n = char_at(s, len, i, &w);

		if (used + w > width && i > 0)
			break;
		if (s[i] == ' ') {
			brk = i;
			after = i + 1;
		}
		used += w;
		i += n;
	}
	if (i < len && brk > 0) {
		while (s[after] == ' ')
			after++;
		*next = s + after;
		return brk;
	}
	*next = s + i;
	while (**next == ' ')
		(*next)++;
	return i;
}

/* One row, as many lines as its longest wrapped cell takes. */
static void print_row(const struct table *t, FILE *fp, int indent, const size_t *widths,
                      char *const *cells)
{
	const char **rest = calloc(t->ncols, sizeof(*rest));
	char **part = calloc(t->ncols, sizeof(*part));
	int more = 1;

	if (!rest || !part) {
		free(rest);
		free(part);
		return;
	}
	for (size_t i = 0; i < t->ncols; i++)
		rest[i] = cells[i];
	while (more) {
		size_t last = t->ncols, nparts = t->ncols;

		more = 0;
		for (size_t i = 0; i < nparts; i++) {
			const char *next;
			size_t n;

			if (t->cols[i].align == TABLE_RIGHT || table_width(rest[i]) <= widths[i]) {
				n = strlen(rest[i]);
				next = rest[i] + n;
			} else {
				n = wrap_part(rest[i], widths[i], &next);
			}
			part[i] = strndup(rest[i], n);
			rest[i] = next;
			if (*next)
				more = 1;
		}
		/* No trailing spaces: find the last non-empty cell. */
		while (last > 0 && (!part[last - 1] || !part[last - 1][0]))
			last--;
		pad(fp, (size_t)indent);
		for (size_t i = 0; i < last; i++) {
			const struct column *c = &t->cols[i];
			const char *text = part[i] ? part[i] : "";
			size_t w = table_width(text);

			if (i)
				fputs("  ", fp);
			if (c->align == TABLE_RIGHT && w < widths[i])
				pad(fp, widths[i] - w);
			fputs(text, fp);
			if (c->align == TABLE_LEFT && i + 1 < last && w < widths[i])
				pad(fp, widths[i] - w);
		}
		fputc('\n', fp);
		for (size_t i = 0; i < nparts; i++)
			free(part[i]);
	}
	free(rest);
	free(part);
}

/*
 * The columns' widths: each its widest cell; when the table is wider than
 * LIMIT (the terminal), the widest text columns give way, down to their
 * title or 12 columns, their cells wrapped.
 */
/* The columns the longest word of S takes. */
static size_t longest_word(const char *s)
{
	size_t best = 0;

	while (*s) {
		size_t n = strcspn(s, " ");
		char *w = strndup(s, n);

		if (w && table_width(w) > best)
			best = table_width(w);
		free(w);
		s += n;
		while (*s == ' ')
			s++;
	}
	return best;
}

static void fit(const struct table *t, size_t limit, int indent, size_t *widths)
{
	size_t total = (size_t)indent;

	for (size_t i = 0; i < t->ncols; i++) {
		widths[i] = t->cols[i].width;
		total += widths[i] + (i ? 2 : 0);
	}
	while (limit && total > limit) {
		size_t best = t->ncols;

		for (size_t i = 0; i < t->ncols; i++) {
			/* a title wraps between its words; a cell keeps 12 columns */
			size_t title = longest_word(t->cols[i].title);
			size_t floor = title > 12 ? title : 12;

			if (t->cols[i].align != TABLE_LEFT || widths[i] <= floor)
				continue;
			if (best == t->ncols || widths[i] > widths[best])
				best = i;
		}
		if (best == t->ncols)
			break; /* nothing can give way: the lines stay long */
		/* a column at a time, the widest first: they end up sharing the room */
		widths[best]--;
		total--;
	}
}

void table_print(const struct table *t, FILE *fp, int indent)
{
	/* the terminal's width only for the terminal: a file gets whole lines */
	table_print_width(t, fp, indent, fp == stdout ? term_width : 0);
}

void table_print_width(const struct table *t, FILE *fp, int indent, size_t width)
{
	char **titles = calloc(t->ncols + 1, sizeof(*titles));
	size_t *widths = calloc(t->ncols + 1, sizeof(*widths));
	size_t total = 0;

	if (!titles || !widths) {
		free(titles);
		free(widths);
		return;
	}
	fit(t, width, indent, widths);
	for (size_t i = 0; i < t->ncols; i++) {
		titles[i] = t->cols[i].title;
		total += widths[i] + (i ? 2 : 0);
	}
	print_row(t, fp, indent, widths, titles);
	pad(fp, (size_t)indent);
	for (size_t i = 0; i < total; i++)
		fputc('-', fp);
	fputc('\n', fp);
	for (size_t r = 0; r < t->nrows; r++)
		print_row(t, fp, indent, widths, row_at(t, r));
	free(titles);
	free(widths);
}

void table_free(struct table *t)
{
	if (!t)
		return;
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t i = 0; i < t->ncols; i++)
			free(row_at(t, r)[i]);
	/* A row begun but not ended. */
	if (t->at)
		for (size_t i = 0; i < t->at; i++)
			free(row_at(t, t->nrows)[i]);
	for (size_t i = 0; i < t->ncols; i++)
		free(t->cols[i].title);
	free(t->cols);
	free(t->cells);
	free(t);
}
