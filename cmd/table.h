/*
 * A table for the terminal: columns aligned by the width a string takes on
 * screen (Cyrillic letters one column each, CJK two, combining marks none),
 * numbers right-aligned, over-long cells cut with "…".
 *
 *	struct table *t = table_new();
 *	table_column(t, _("school"), TABLE_LEFT, 30);
 *	table_column(t, "n", TABLE_RIGHT, 0);
 *	table_cell(t, "Пировская СОШ");
 *	table_cellf(t, "%ld", n);
 *	table_end_row(t);
 *	table_print(t, stdout);
 *	table_free(t);
 *
 * The functions return 0, or -1 when out of memory.
 */
#ifndef MMS_CMD_TABLE_H
#define MMS_CMD_TABLE_H

#include <stddef.h>
#include <stdio.h>

enum table_align { TABLE_LEFT, TABLE_RIGHT };

struct table;

struct table *table_new(void);
/* Adds a column.  MAX_WIDTH is kept for the callers' sake: cells are never
   cut; a table wider than the terminal wraps its widest text columns. */
int table_column(struct table *t, const char *title, enum table_align align, size_t max_width);
/* The next cell of the current row (copied; NULL is an empty cell). */
int table_cell(struct table *t, const char *text);
int table_cellf(struct table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Ends the current row; missing cells are empty. */
int table_end_row(struct table *t);
size_t table_rows(const struct table *t);
/* Prints the header, a rule and the rows; two spaces between columns, none
   at the end of a line.  INDENT spaces before each line.  On stdout, a table
   wider than table_set_width()'s width wraps its widest text columns. */
void table_print(const struct table *t, FILE *fp, int indent);
/* The same, fitting WIDTH columns (0: no limit), whatever FP is. */
void table_print_width(const struct table *t, FILE *fp, int indent, size_t width);
void table_free(struct table *t);
/* The terminal's width, for tables printed on stdout; 0: no limit (piped). */
void table_set_width(size_t width);

/*
 * A malloc'd copy of S that cannot drive a terminal: C0 controls but tab and
 * newline shown as ^[ and the like, DEL as ^?, C1 controls as <9B>,
 * bidirectional controls as <U+202E>.  NULL when out of memory.
 */
char *term_escape(const char *s);

/* The columns S takes on screen. */
size_t table_width(const char *s);
/* A malloc'd copy of S cut to at most WIDTH columns, ending in "…" if cut. */
char *table_truncate(const char *s, size_t width);

#endif
