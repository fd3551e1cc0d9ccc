/*
 * A document of sections, each a table described by its columns, written in
 * any of the five formats from one description: a command says what its rows
 * are, and gets the terminal's table, CSV for Excel, JSON, an HTML page and a
 * workbook.
 *
 *	static const struct col cols[] = {
 *	    COL_STR("class", N_("class"), struct row, label),
 *	    COL_SHARE("quality", N_("quality"), struct row, quality), COL_END};
 *	struct doc *d;
 *	if ((code = doc_open(cli, &d, fmt, outfile, _("ВПР analysis"))) != 0)
 *		return code;
 *	doc_section(d, "marks", _("Marks"));
 *	doc_rows(d, cols, rows, n, sizeof(rows[0]));
 *	return doc_close(d);
 *
 * In JSON the document is an object: doc_field()s, then a key a section whose
 * value is its rows (an array of objects, keys as the columns say) or its
 * lines (doc_line(): an array of strings).  CSV puts the sections one under
 * another, each with its title and header; a workbook has a sheet a section.
 */
#ifndef MMS_CMD_DOC_H
#define MMS_CMD_DOC_H

#include <stddef.h>
#include <stdio.h>

#include "cli.h"

enum doc_format { DOC_TABLE, DOC_CSV, DOC_JSON, DOC_HTML, DOC_XLSX };
/* "table", "csv", "json", "html", "xlsx", NULL: for CLI_OPT_FORMAT */
extern const char *const doc_format_names[];

enum col_type {
	COL_STR,   /* const char *; NULL an empty cell, null in JSON */
	COL_INT,   /* int */
	COL_LONG,  /* long */
	COL_NUM,   /* double with DIGITS decimals; NaN an empty cell */
	COL_SHARE, /* double 0…1, shown as a percentage, a number in JSON */
	COL_BOOL   /* int: «да» or empty; true/false in JSON */
};
struct col {
	const char *key;   /* the JSON key */
	const char *title; /* N_(): the heading elsewhere */
	enum col_type type;
	size_t off;
	int digits; /* COL_NUM: decimals shown (JSON has them all) */
};
/* clang-format off */
#define COL_IS(st, f, ...) (0 * sizeof(char[_Generic(((st *)0)->f, __VA_ARGS__, default: -1)]))
#define COL_M(k, t, ty, st, f, d, ...) {(k), (t), (ty), offsetof(st, f) + COL_IS(st, f, __VA_ARGS__), (d)}
#define COL_STR(k, t, st, f) COL_M(k, t, COL_STR, st, f, 0, const char *: 1, char *: 1)
#define COL_INT(k, t, st, f) COL_M(k, t, COL_INT, st, f, 0, int: 1)
#define COL_LONG(k, t, st, f) COL_M(k, t, COL_LONG, st, f, 0, long: 1)
#define COL_NUM(k, t, st, f, d) COL_M(k, t, COL_NUM, st, f, d, double: 1)
#define COL_SHARE(k, t, st, f) COL_M(k, t, COL_SHARE, st, f, 0, double: 1)
#define COL_BOOL(k, t, st, f) COL_M(k, t, COL_BOOL, st, f, 0, int: 1)
#define COL_END {NULL, NULL, COL_STR, 0, 0}
/* clang-format on */

struct doc;

/*
 * A document titled TITLE in FMT, to PATH (-o; NULL: stdout, which a
 * workbook cannot be).  0, or an exit status with its message.
 */
int doc_open(struct cli *cli, struct doc **d, enum doc_format fmt, const char *path,
             const char *title);
/* A line under the title (what, where, when); in JSON the member KEY: VALUE. */
void doc_field(struct doc *d, const char *key, const char *title, const char *value);
/* Starts a section: its key (JSON, a sheet's name when no title fits) and title. */
void doc_section(struct doc *d, const char *key, const char *title);
/* The section's table: N rows of SIZE bytes from BASE, the columns COLS. */
void doc_rows(struct doc *d, const struct col *cols, const void *base, size_t n, size_t size);
/* A line of prose in the section (a note, a conclusion). */
void doc_line(struct doc *d, const char *text);
/* An HTML document's FP, for a chart in the section (NULL in other formats). */
FILE *doc_html(struct doc *d);
/* Ends the document: written whole, EXIT_OK; else the exit status said. */
int doc_close(struct doc *d);

#endif
