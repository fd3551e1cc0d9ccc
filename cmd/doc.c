/* A document of described tables in five formats (see doc.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "export.h"
#include "json.h"
#include "table.h"
#include "xlsx.h"

const char *const doc_format_names[] = {"table", "csv", "json", "html", "xlsx", NULL};

struct doc {
	struct cli *cli;
	enum doc_format fmt;
	const char *path;
	struct cli_output out;
	FILE *fp;
	struct json j;
	int in_section; /* JSON: a section's object is open */
	int in_lines;   /* JSON: its "notes" array is open; HTML: its <ul> */
	/* a workbook */
	struct xl x;
	locale_t old;
	lxw_worksheet *ws;
	lxw_row_t row;
	int sheets;   /* a workbook's sheets so far */
	int sections; /* sections begun (an HTML page closes its header at the first) */
	int oom;
};

/* ---------------------------------------------------------------- cells */

static const void *field(const void *row, const struct col *c)
{
	return (const char *)row + c->off;
}

static double num_of(const void *row, const struct col *c)
{
	const void *p = field(row, c);

	switch (c->type) {
	case COL_INT:
	case COL_BOOL:
		return *(const int *)p;
	case COL_LONG:
		return (double)*(const long *)p;
	case COL_NUM:
	case COL_SHARE:
		return *(const double *)p;
	case COL_STR:
		break;
	}
	return NAN;
}

/*
 * A cell as a user reads it, in BUF: numbers in the locale's way (a decimal
 * comma in Russian) unless C_NUMBERS (CSV: always a comma, no percent sign).
 * NULL for an empty cell.
 */
static const char *cell_text(const void *row, const struct col *c, char *buf, size_t size, int csv)
{
	double v;

	if (c->type == COL_STR)
		return *(const char *const *)field(row, c);
	if (c->type == COL_BOOL)
		return *(const int *)field(row, c) ? _("yes") : NULL;
	v = num_of(row, c);
	if (isnan(v))
		return NULL;
	if (c->type == COL_SHARE)
		snprintf(buf, size, csv ? "%.0f" : "%.0f %%", 100 * v);
	else if (c->type == COL_NUM)
		snprintf(buf, size, "%.*f", c->digits, v);
	else
		snprintf(buf, size, "%.0f", v);
	if (csv)
		for (char *p = buf; *p; p++)
			if (*p == '.')
				*p = ',';
	return buf;
}

static int numeric(const struct col *c)
{
	return c->type != COL_STR && c->type != COL_BOOL;
}

/* ---------------------------------------------------------------- workbook */

/* A sheet's name from TITLE: at most 31 characters, none of []:*?/\ */
static void sheet_name(char *out, size_t size, const char *title, int n)
{
	size_t o = 0, chars = 0;

	for (const char *p = title; *p && chars < 28 && o + 5 < size; chars++) {
		size_t len = 1;

		while ((p[len] & 0xC0) == 0x80)
			len++;
		if (len == 1 && strchr("[]:*?/\\'", *p))
			out[o++] = ' ';
		else {
			memcpy(out + o, p, len);
			o += len;
		}
		p += len;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	if (!o)
		snprintf(out, size, "%d", n);
}

static void xl_new_sheet(struct doc *d, const char *title)
{
	char name[128];

	sheet_name(name, sizeof(name), title, d->sheets + 1);
	d->ws = workbook_add_worksheet(d->x.wb, name);
	if (!d->ws) {
		/* the same name twice: number it */
		char numbered[160];

		snprintf(numbered, sizeof(numbered), "%d %s", d->sheets + 1, name);
		sheet_name(name, sizeof(name), numbered, d->sheets + 1);
		d->ws = workbook_add_worksheet(d->x.wb, name);
	}
	if (!d->ws)
		d->oom = 1;
	d->sheets++;
	d->row = 0;
}

/* ---------------------------------------------------------------- document */

int doc_open(struct cli *cli, struct doc **out, enum doc_format fmt, const char *path,
             const char *title)
{
	struct doc *d = calloc(1, sizeof(*d));
	int code;

	*out = NULL;
	if (!d) {
		cli_error(cli, _("out of memory"));
		return EXIT_SOFTWARE;
	}
	d->cli = cli;
	d->fmt = fmt;
	d->path = path;
	if (fmt == DOC_XLSX) {
		if (!path) {
			free(d);
			return cli_usage_error(cli, _("--format xlsx needs -o FILE"));
		}
		if ((code = cli_output_begin_path(cli, &d->out, path)) != 0) {
			free(d);
			return code;
		}
		/* a workbook's XML has a decimal point whatever the locale */
		d->old = cli_numeric_c();
		if ((code = xl_open(cli, &d->x, d->out.file.tmp, path)) != 0) {
			cli_numeric_restore(d->old);
			cli_output_close(cli, &d->out, 0);
			free(d);
			return code;
		}
		*out = d;
		return 0;
	}
	if ((code = cli_output_open(cli, &d->out, path)) != 0) {
		free(d);
		return code;
	}
	d->fp = d->out.fp;
	switch (fmt) {
	case DOC_JSON:
		json_init(&d->j, d->fp, JSON_PRETTY);
		json_begin_object(&d->j);
		json_field_str(&d->j, "title", title);
		break;
	case DOC_CSV:
		csv_bom(d->fp);
		csv_field(d->fp, title, 1);
		break;
	case DOC_HTML:
		fprintf(d->fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n", cli_lang());
		fputs("<head>\n<meta charset=\"utf-8\"/>\n<title>", d->fp);
		html_text(d->fp, title);
		fprintf(d->fp, "</title>\n<style>%s</style>\n</head>\n<body>\n<header><h1>",
		        html_css);
		html_text(d->fp, title);
		fputs("</h1>\n", d->fp);
		break;
	default:
		fprintf(d->fp, "%s\n", title);
		break;
	}
	*out = d;
	return 0;
}

void doc_field(struct doc *d, const char *key, const char *title, const char *value)
{
	switch (d->fmt) {
	case DOC_JSON:
		json_field_str(&d->j, key, value);
		break;
	case DOC_CSV:
		csv_field(d->fp, title, 0);
		csv_field(d->fp, value, 1);
		break;
	case DOC_HTML:
		fputs("<p class=\"meta\">", d->fp);
		html_text(d->fp, title);
		fputs(": ", d->fp);
		html_text(d->fp, value);
		fputs("</p>\n", d->fp);
		break;
	case DOC_XLSX:
		if (!d->sheets)
			xl_new_sheet(d, _("about"));
		if (d->ws) {
			xl_str(d->ws, d->row, 0, title, d->x.head);
			xl_str(d->ws, d->row, 1, value, NULL);
			worksheet_set_column(d->ws, 0, 0, 28, NULL);
			worksheet_set_column(d->ws, 1, 1, 60, NULL);
			d->row++;
		}
		break;
	case DOC_TABLE:
		fprintf(d->fp, "%s: %s\n", title, value ? value : "");
		break;
	}
}

static void end_section(struct doc *d)
{
	if (d->fmt == DOC_JSON && d->in_section) {
		if (d->in_lines)
			json_end_array(&d->j);
		json_end_object(&d->j);
	}
	if (d->fmt == DOC_HTML && d->in_section) {
		if (d->in_lines)
			fputs("</ul>\n", d->fp);
		fputs("</section>\n", d->fp);
	}
	d->in_section = 0;
	d->in_lines = 0;
}

void doc_section(struct doc *d, const char *key, const char *title)
{
	end_section(d);
	d->in_section = 1;
	if (d->fmt != DOC_HTML)
		d->sections++;
	switch (d->fmt) {
	case DOC_JSON:
		json_key(&d->j, key);
		json_begin_object(&d->j);
		json_field_str(&d->j, "title", title);
		break;
	case DOC_CSV:
		fputs("\r\n", d->fp);
		csv_field(d->fp, title, 1);
		break;
	case DOC_HTML:
		if (!d->sections)
			fputs("</header>\n", d->fp);
		fputs("<section><h2>", d->fp);
		html_text(d->fp, title);
		fputs("</h2>\n", d->fp);
		d->sections++;
		break;
	case DOC_XLSX:
		xl_new_sheet(d, title);
		break;
	case DOC_TABLE:
		fprintf(d->fp, "\n%s\n", title);
		break;
	}
}

static void rows_table(struct doc *d, const struct col *cols, const void *base, size_t n,
                       size_t size)
{
	struct table *t = table_new();
	char buf[64];
	int rc = t ? 0 : -1;

	for (const struct col *c = cols; rc == 0 && c->key; c++)
		rc |= table_column(t, _(c->title), numeric(c) ? TABLE_RIGHT : TABLE_LEFT, 0);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		const void *row = (const char *)base + i * size;

		for (const struct col *c = cols; c->key; c++)
			rc |= table_cell(t, cell_text(row, c, buf, sizeof(buf), 0));
		rc |= table_end_row(t);
	}
	if (rc == 0)
		table_print(t, d->fp, 2);
	else
		d->oom = 1;
	table_free(t);
}

static void rows_csv(struct doc *d, const struct col *cols, const void *base, size_t n, size_t size)
{
	char buf[64];

	for (const struct col *c = cols; c->key; c++)
		csv_field(d->fp, _(c->title), !c[1].key);
	for (size_t i = 0; i < n; i++) {
		const void *row = (const char *)base + i * size;

		for (const struct col *c = cols; c->key; c++)
			csv_field(d->fp, cell_text(row, c, buf, sizeof(buf), 1), !c[1].key);
	}
}

static void rows_json(struct doc *d, const struct col *cols, const void *base, size_t n,
                      size_t size)
{
	json_key(&d->j, "rows");
	json_begin_array(&d->j);
	for (size_t i = 0; i < n; i++) {
		const void *row = (const char *)base + i * size;

		json_begin_object(&d->j);
		for (const struct col *c = cols; c->key; c++) {
			json_key(&d->j, c->key);
			if (c->type == COL_STR)
				json_str(&d->j, *(const char *const *)field(row, c));
			else if (c->type == COL_BOOL)
				json_bool(&d->j, *(const int *)field(row, c));
			else if (c->type == COL_INT || c->type == COL_LONG)
				json_int(&d->j, (long long)num_of(row, c));
			else
				json_num(&d->j, num_of(row, c));
		}
		json_end_object(&d->j);
	}
	json_end_array(&d->j);
}

static void rows_html(struct doc *d, const struct col *cols, const void *base, size_t n,
                      size_t size)
{
	char buf[64];

	fputs("<table><thead><tr>", d->fp);
	for (const struct col *c = cols; c->key; c++) {
		fputs("<th>", d->fp);
		html_text(d->fp, _(c->title));
		fputs("</th>", d->fp);
	}
	fputs("</tr></thead><tbody>\n", d->fp);
	for (size_t i = 0; i < n; i++) {
		const void *row = (const char *)base + i * size;

		fputs("<tr>", d->fp);
		for (const struct col *c = cols; c->key; c++) {
			fputs(numeric(c) ? "<td class=\"n\">" : "<td>", d->fp);
			html_text(d->fp, cell_text(row, c, buf, sizeof(buf), 0));
			fputs("</td>", d->fp);
		}
		fputs("</tr>\n", d->fp);
	}
	fputs("</tbody></table>\n", d->fp);
}

static void rows_xlsx(struct doc *d, const struct col *cols, const void *base, size_t n,
                      size_t size)
{
	lxw_col_t k = 0;

	if (!d->ws)
		return;
	for (const struct col *c = cols; c->key; c++, k++) {
		worksheet_set_column(d->ws, k, k, c->type == COL_STR ? 30 : 12, NULL);
		xl_str(d->ws, d->row, k, _(c->title), d->x.head);
	}
	if (d->row == 0)
		worksheet_freeze_panes(d->ws, 1, 0);
	d->row++;
	for (size_t i = 0; i < n; i++, d->row++) {
		const void *row = (const char *)base + i * size;

		k = 0;
		for (const struct col *c = cols; c->key; c++, k++) {
			if (c->type == COL_STR)
				xl_str(d->ws, d->row, k, *(const char *const *)field(row, c),
				       d->x.wrap);
			else if (c->type == COL_BOOL)
				xl_str(d->ws, d->row, k,
				       *(const int *)field(row, c) ? _("yes") : NULL, NULL);
			else
				xl_num(d->ws, d->row, k, num_of(row, c),
				       c->type == COL_SHARE ? d->x.pct : NULL);
		}
	}
}

void doc_rows(struct doc *d, const struct col *cols, const void *base, size_t n, size_t size)
{
	switch (d->fmt) {
	case DOC_TABLE:
		if (n)
			rows_table(d, cols, base, n, size);
		else
			fprintf(d->fp, "  %s\n", _("no data"));
		break;
	case DOC_CSV:
		rows_csv(d, cols, base, n, size);
		break;
	case DOC_JSON:
		if (d->in_lines) {
			json_end_array(&d->j);
			d->in_lines = 0;
		}
		rows_json(d, cols, base, n, size);
		break;
	case DOC_HTML:
		if (n)
			rows_html(d, cols, base, n, size);
		else
			fprintf(d->fp, "<p class=\"nd\">%s</p>\n", _("no data"));
		break;
	case DOC_XLSX:
		rows_xlsx(d, cols, base, n, size);
		break;
	}
}

void doc_line(struct doc *d, const char *text)
{
	switch (d->fmt) {
	case DOC_JSON:
		if (!d->in_lines) {
			json_key(&d->j, "notes");
			json_begin_array(&d->j);
			d->in_lines = 1;
		}
		json_str(&d->j, text);
		break;
	case DOC_CSV:
		csv_field(d->fp, text, 1);
		break;
	case DOC_HTML:
		if (!d->in_lines) {
			fputs("<ul>\n", d->fp);
			d->in_lines = 1;
		}
		fputs("<li>", d->fp);
		html_text(d->fp, text);
		fputs("</li>\n", d->fp);
		break;
	case DOC_XLSX:
		if (d->ws) {
			if (d->row)
				d->row++;
			xl_str(d->ws, d->row++, 0, text, NULL);
		}
		break;
	case DOC_TABLE:
		fprintf(d->fp, "  %s\n", text);
		break;
	}
}

FILE *doc_html(struct doc *d)
{
	if (d->fmt != DOC_HTML)
		return NULL;
	if (d->in_lines) {
		fputs("</ul>\n", d->fp);
		d->in_lines = 0;
	}
	return d->fp;
}

int doc_close(struct doc *d)
{
	struct cli *cli = d->cli;
	int code = EXIT_OK, oom;

	end_section(d);
	oom = d->oom;
	if (d->fmt == DOC_XLSX) {
		if (oom) {
			code = xl_abandon(cli, &d->x);
		} else {
			code = xl_close(cli, &d->x);
		}
		cli_numeric_restore(d->old);
		if (cli_output_close(cli, &d->out, code == EXIT_OK) != EXIT_OK && code == EXIT_OK)
			code = EXIT_IO;
		free(d);
		return code == EXIT_OK ? cli_finish(cli, EXIT_OK) : code;
	}
	if (d->fmt == DOC_JSON) {
		json_end_object(&d->j);
		json_finish(&d->j);
	} else if (d->fmt == DOC_HTML) {
		if (!d->sections)
			fputs("</header>\n", d->fp);
		fputs("</body>\n</html>\n", d->fp);
	}
	if (oom) {
		cli_error(cli, _("out of memory"));
		code = EXIT_SOFTWARE;
	}
	if (cli_output_close(cli, &d->out, code == EXIT_OK) != EXIT_OK && code == EXIT_OK)
		code = EXIT_IO;
	free(d);
	return code == EXIT_OK ? cli_finish(cli, EXIT_OK) : code;
}
