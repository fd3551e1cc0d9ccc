/*
 * Reading .xlsx workbooks as Excel stores them, a sheet at a time, streamed:
 * the archive through libzip, its XML through expat, never a whole sheet in
 * memory.  Cells come as the text a reader of the CSV path would see.
 */
#ifndef MMS_XLSX_H
#define MMS_XLSX_H

#include "input/csvin.h"

typedef struct mms_xlsx mms_xlsx;

/*
 * Opens the workbook at PATH: its sheets (in the workbook's order), shared
 * strings, date formats and date system.  MMS_EOPEN if the file cannot be
 * opened or read (message on DB); MMS_EDATA with a diagnostic naming PATH
 * for a damaged or hostile workbook (not a ZIP, truncated, a member
 * inflating past its limit, a DOCTYPE or entity, a string too long).
 */
int mms_xlsx_open(mms_db *db, const char *path, mms_xlsx **out);

int mms_xlsx_sheets(const mms_xlsx *x);
const char *mms_xlsx_sheet_name(const mms_xlsx *x, int i);

/*
 * Starts reading sheet I (0-based) from its first row; again rewinds it.
 * MMS_EUSAGE if there is no sheet I.  mms_xlsx_next() before any select
 * reads sheet 0.
 */
int mms_xlsx_select(mms_xlsx *x, int i);

/*
 * 1: *ROW is the sheet's next row that has a cell: ROW->f[k] is column k
 * (A = 0) as UTF-8 text, trimmed, "" for a missing cell; ROW->n is one past
 * the last cell; ROW->line is the row's number in the sheet (1-based).
 * 0: the end of the sheet.  < 0: error, a diagnostic on DB naming the file,
 * sheet and cell.
 *
 * A cell whose value is empty (a styled blank, a formula never computed,
 * spaces) counts as missing: rows of such cells alone are skipped and ROW->n
 * ends at the last cell with a value.  The row and its texts are valid until
 * the next call of mms_xlsx_next(), mms_xlsx_select() or mms_xlsx_close().
 * Read the texts, do not write to them: a shared string's text is shared by
 * every cell that refers to it (trimming one again is harmless).  An error
 * stays: later calls return it until the sheet is selected again.
 *
 * The sheet is inflated and parsed ahead on a thread of the reader's own
 * (a few MiB at most ahead), which the next mms_xlsx_select() or
 * mms_xlsx_close() stops and joins: use one mms_xlsx from one thread at a
 * time, as before.  Diagnostics and errors still come from this call, after
 * the rows before them.
 */
int mms_xlsx_next(mms_xlsx *x, mms_row **row);

void mms_xlsx_close(mms_xlsx *x);

/* Excel's own limits: a sheet has at most this many rows and columns (A…XFD). */
#define MMS_XLSX_ROWS_MAX 1048576L
#define MMS_XLSX_COLS_MAX 16384

/*
 * Writes a cell's reference as Excel users know it, "C17", into BUF of N
 * bytes (COL 0-based, A = 0; ROW 1-based); COL < 0 gives the row alone, "17".
 */
void mms_cell_ref(int col, long row, char *buf, size_t n);
/*
 * Parses a reference such as "C17" (column letters A…XFD, any case, then a
 * row 1…1048576): 0 with *COL 0-based and *ROW 1-based, or -1 if S is not one.
 */
int mms_cell_parse(const char *s, int *col, long *row);

/* A cell's reference as Excel writes it: COL 0-based, ROW 1-based ("C17"; COL < 0: "17"). */
void mms_cell_ref(int col, long row, char *buf, size_t n);

#endif
