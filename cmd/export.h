/* Output the commands share: CSV for Excel and text inside HTML. */
#ifndef MMS_CMD_EXPORT_H
#define MMS_CMD_EXPORT_H

#include <stdio.h>

/* The byte order mark that tells Excel a CSV file is UTF-8. */
void csv_bom(FILE *fp);
/*
 * One field of a ';'-separated CSV for Excel, quoted when it holds ';', '"'
 * or a line break; then ';', or CRLF after the LAST field of a row.  NULL is
 * an empty field.
 */
void csv_field(FILE *fp, const char *s, int last);
/*
 * A number field (then ';') with a decimal comma whatever the locale, as
 * Russian Excel reads it; FORMAT is a printf format of one double.
 */
void csv_number(FILE *fp, double v, const char *format);
/* S with &, <, >, " and ' escaped, for HTML text and attributes. */
void html_text(FILE *fp, const char *s);
/* A table's header cells: <th>HEADS[i]</th> for each of the N, escaped. */
void html_heads(FILE *fp, const char *const *heads, size_t n);

/* The style of the pages mms writes (report, programmes, analysis). */
extern const char html_css[];

#endif
