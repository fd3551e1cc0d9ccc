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
		char one[5] = {0};
		size_t n = seq_len((unsigned char)s[i]), w;

		if (i + n > len)
			n = len - i;
		memcpy(one, s + i, n);
		w = mms_utf8_width(one);
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
	copy = c->max ? table_truncate(text, c->max) : strdup(text ? text : "");
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

static void pad(FILE *fp, size_t n)
{
	while (n--)
		fputc(' ', fp);
}

static void print_line(const struct table *t, FILE *fp, int indent, char *const *cells)
{
	size_t last = t->ncols;

	/* No trailing spaces: find the last non-empty cell. */
	while (last > 0 && !cells[last - 1][0])
		last--;
	pad(fp, (size_t)indent);
	for (size_t i = 0; i < last; i++) {
		const struct column *c = &t->cols[i];
		size_t w = table_width(cells[i]);

		if (i)
			fputs("  ", fp);
		if (c->align == TABLE_RIGHT)
			pad(fp, c->width - w);
		fputs(cells[i], fp);
		if (c->align == TABLE_LEFT && i + 1 < last)
			pad(fp, c->width - w);
	}
	fputc('\n', fp);
}

void table_print(const struct table *t, FILE *fp, int indent)
{
	char **titles = calloc(t->ncols + 1, sizeof(*titles));
	size_t total = 0;

	if (!titles)
		return;
	for (size_t i = 0; i < t->ncols; i++) {
		titles[i] = t->cols[i].title;
		total += t->cols[i].width + (i ? 2 : 0);
	}
	print_line(t, fp, indent, titles);
	pad(fp, (size_t)indent);
	for (size_t i = 0; i < total; i++)
		fputc('-', fp);
	fputc('\n', fp);
	for (size_t r = 0; r < t->nrows; r++)
		print_line(t, fp, indent, row_at(t, r));
	free(titles);
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
