/*
 * Excel workbooks the commands write (report, order-training): one set of
 * formats, a sheet with its header row, cells that may be empty, and the
 * closing that says what went wrong.  libxlsxwriter writes the file; the
 * caller runs it under cli_numeric_c() so that numbers have a decimal point.
 */
#ifndef MMS_CMD_XLSX_H
#define MMS_CMD_XLSX_H

#include <xlsxwriter.h>

#include "cli.h"

struct xl {
	lxw_workbook *wb;
	lxw_format *head;  /* the header row: bold, grey, wrapped */
	lxw_format *wrap;  /* wrapped text, top-aligned */
	lxw_format *pct;   /* a share shown as a percentage */
	const char *shown; /* the file as the user named it, for messages */
};

/* A workbook at PATH (SHOWN in messages) with the formats; 0, or EXIT_IO said. */
int xl_open(const struct cli *cli, struct xl *x, const char *path, const char *shown);
/* A sheet NAME whose first row is HEADS (N columns, WIDTHS or 14 each), frozen. */
lxw_worksheet *xl_sheet(struct xl *x, const char *name, const char *const *heads, int n,
                        const double *widths);
/* A number, blank when NaN; a string, blank when NULL. */
void xl_num(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v, lxw_format *f);
void xl_str(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f);
/* Writes the file: EXIT_OK, or EXIT_IO with the reason. */
int xl_close(const struct cli *cli, struct xl *x);
/*
 * Writes the workbook FN makes of DATA to PATH (-o), whole or not at all
 * (cli_output_begin_path()), with numbers in C's format; FN writes to TMP and
 * names SHOWN in its messages.  EXIT_OK, or the exit status said.
 */
typedef int xl_writer(struct cli *cli, const char *tmp, const char *shown, const void *data);
int xl_write(struct cli *cli, const char *path, xl_writer *fn, const void *data);
/* Gives up the workbook (an error was said already): EXIT_SOFTWARE for out of memory. */
int xl_abandon(const struct cli *cli, struct xl *x);

#endif
