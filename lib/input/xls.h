/* Reading .xls (BIFF) workbooks through libfreexl, a sheet at a time. */
#ifndef MMS_XLS_H
#define MMS_XLS_H

#include "input/csvin.h"

typedef struct mms_xls mms_xls;

/* As mms_xlsx_open() (input/xlsx.h), for the older format. */
int mms_xls_open(mms_db *db, const char *path, mms_xls **out);
int mms_xls_sheets(const mms_xls *x);
const char *mms_xls_sheet_name(const mms_xls *x, int i);
int mms_xls_select(mms_xls *x, int i);
int mms_xls_next(mms_xls *x, mms_row **row);
void mms_xls_close(mms_xls *x);

#endif
