/*
 * The one row source every import reads: a CSV file (input/csvin.h), an
 * .xlsx workbook (input/xlsx.h) or an .xls one (input/xls.h), recognised by
 * content, not by name.  The layouts above it see rows of UTF-8 text and do
 * not know which they read; a place in a message is the line of a CSV file
 * or the sheet and cell of a workbook, as the user finds it.
 */
#ifndef MMS_SOURCE_H
#define MMS_SOURCE_H

#include <stdarg.h>

#include "input/csvin.h"

typedef struct mms_src mms_src;

enum mms_src_kind { MMS_SRC_CSV, MMS_SRC_XLSX, MMS_SRC_XLS };

/*
 * Opens PATH: a ZIP archive is read as .xlsx, an OLE compound file as .xls,
 * anything else as CSV in encoding ENC (ignored for workbooks).  SHEET (may
 * be NULL) names the workbook's sheet to read, compared like other names;
 * without it the first sheet is current and mms_src_find() may choose
 * another.  A CSV file has one table: SHEET does not apply to it.
 * MMS_EOPEN if PATH cannot be read; MMS_EDATA with a diagnostic for bad data
 * or a SHEET the workbook does not have (the message lists its sheets).
 */
int mms_src_open(mms_db *db, const char *path, enum mms_encoding enc, const char *sheet,
                 mms_src **out);

/* 1: *ROW is the next row; 0: the end of the table; < 0: error (diagnostic on DB). */
int mms_src_next(mms_src *s, mms_row **row);

enum mms_src_kind mms_src_kind(const mms_src *s);
const char *mms_src_path(const mms_src *s);
/* The workbook's sheets (1 for CSV), the name of sheet I (NULL for CSV), the current one. */
int mms_src_sheets(const mms_src *s);
const char *mms_src_sheet_name(const mms_src *s, int i);
int mms_src_sheet(const mms_src *s);
/*
 * Reading ahead: a thread reads the CSV files PATHS[0..N) in order (ENC as
 * for mms_src_open()) into a bounded queue while the caller works on the
 * files before; NULL when no thread can start (the caller then reads each
 * file itself).  mms_src_open_ahead() opens file I of the list, files in
 * order: the rows, diagnostics, errors and SHA-256 are those of
 * mms_src_open(); a workbook in the list is opened by the caller as always.
 * mms_src_ahead_stop() stops the thread and frees what it queued.
 */
typedef struct mms_src_ahead mms_src_ahead;
mms_src_ahead *mms_src_ahead_start(const char *const *paths, int n, enum mms_encoding enc);
/* mms_src_open() of PATH, file I of A's list (A NULL: mms_src_open() itself). */
int mms_src_open_ahead(mms_db *db, mms_src_ahead *a, int i, const char *path, enum mms_encoding enc,
                       const char *sheet, mms_src **out);
void mms_src_ahead_stop(mms_src_ahead *a);

/* What a file's first N bytes (up to 8) say it is: a ZIP archive, an OLE compound file, CSV. */
enum mms_src_kind mms_src_magic(const unsigned char *head, size_t n);

/* The thread's side, for source.c: see input/ahead.c. */
int mms_src_ahead_open(mms_src_ahead *a, mms_db *db, int index, int *ahead);
int mms_src_ahead_next(mms_src_ahead *a, mms_db *db, int index, mms_row **row, int *controls,
                       char hex[65]);
void mms_src_ahead_leave(mms_src_ahead *a, int index);

/* Reads sheet I from its first row. */
int mms_src_select(mms_src *s, int i);
/* SHA-256 of the file: of the bytes read so far for CSV (the whole file at its end), of
   the whole file for a workbook. */
void mms_src_sha256(mms_src *s, char hex[65]);
void mms_src_close(mms_src *s);

/*
 * Where a row, or a cell of it, is, as the user finds it: "f.csv:12" (CSV;
 * "f.csv" for LINE 0), "f.xlsx:Протокол!C12" (a workbook's cell: COL is the
 * field's index), "f.xlsx:Протокол!12" (a row, COL < 0), "f.xlsx:Протокол"
 * (LINE 0).  A sheet name with spaces or punctuation is quoted as Excel
 * does: 'Лист 1'!C12.
 */
void mms_src_place(const mms_src *s, long line, int col, char *buf, size_t n);

/*
 * Fits a row to its header's WIDTH: a CSV row must have as many fields
 * (MMS_EDATA with a diagnostic if not: a delimiter missing or extra); a
 * workbook's row lacks the empty cells at its end, so *ROW becomes the row
 * with them (valid until the next row).
 */
int mms_src_fit(mms_db *db, mms_src *s, mms_row **row, size_t width);
/* Pads a row of any source that is shorter than WIDTH with empty fields (a
   CSV row cut short where that is allowed); valid until the next row. */
int mms_src_pad(mms_db *db, mms_src *s, mms_row **row, size_t width);

/*
 * The place of a workbook's cell as Excel shows it: "PATH:SHEET!C17" (COL
 * 0-based, ROW 1-based; COL < 0: "PATH:SHEET!17", ROW 0: "PATH:SHEET"),
 * SHEET quoted as Excel does when it is not letters, digits and '_'.
 */
void mms_sheet_place(const char *path, const char *sheet, long row, int col, char *buf, size_t n);

/* A diagnostic at a row or cell of S (see mms_src_place()). */
void mms_diag_cell(mms_db *db, const mms_src *s, long line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/*
 * Finds the table a reader recognises.  PROBE reads rows of the current
 * sheet until it recognises its header (MMS_OK, positioned after it), gives
 * up (MMS_EDATA, with diagnostics of why), or fails (< 0).  A CSV file, or a
 * workbook whose sheet was named, is probed once.  Otherwise each sheet is
 * probed in turn and the first recognised is read; if none is, the first
 * sheet's diagnostics stay and one more lists the sheets and what each
 * looks like.
 */
typedef int (*mms_src_probe)(void *ctx, mms_src *s);
int mms_src_find(mms_db *db, mms_src *s, mms_src_probe probe, void *ctx);

/*
 * mms_src_find() with the common probe: the header is the first row holding
 * every required column of COLS (title rows before it are skipped).  MAP[i]
 * gets the field index of COLS[i] or -1; *HEADER is the header row.
 */
int mms_src_header(mms_db *db, mms_src *s, const mms_column *cols, size_t ncols, int *map,
                   mms_row **header);

#endif
