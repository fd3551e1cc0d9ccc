/*
 * mms report's parts (cmd/report*.c): the words and figures every format
 * shares (report.c), and one file a format — text (report_text.c), JSON
 * (report_json.c), HTML (report_html.c, its charts in report_charts.c),
 * Excel (report_xlsx.c).  Not for other commands.
 */
#ifndef MMS_CMD_REPORT_INT_H
#define MMS_CMD_REPORT_INT_H

#include <stdio.h>

#include "cli.h"
#include "mms/report.h"

#define SUPPRESSED_TEXT "< 10"

/* report.c: keys, words and colours of the report's parts */
extern const char *const rp_stage_keys[MMS_NSTAGE];
extern const char *const rp_stage_names[MMS_NSTAGE];
extern const char *const rp_kind_keys[MMS_NKIND];
extern const char *const rp_kind_colours[MMS_NKIND];
extern const char *const rp_verdict_colours[MMS_NFOLLOWUP];

/* report.c: figures in words */
const char *rp_verdict_text(enum mms_followup_verdict v);
const char *rp_regression_note(void);
const char *rp_count_text(char *buf, size_t size, long v);
const char *rp_pct_text(char *buf, size_t size, double v);
const char *rp_share_text(char *buf, size_t size, long k, long n);
double rp_share(long k, long n);
const char *rp_pp_text(char *buf, size_t size, double v);
const char *rp_change_words(char *buf, size_t size, const mms_report_followup *f);
const char *rp_scope_text(const mms_report *r);
long rp_total_deficits(const mms_report *r, int spread);

/* report_text.c */
const char *rp_indicator_verdict(const mms_report_indicator *in);
const char *rp_indicator_value(char *buf, size_t size, const mms_report_indicator *in);
int rp_print_text(FILE *fp, const mms_report *r, int colour);

/* report_json.c */
void rp_print_json(FILE *fp, const mms_report *r);

/* report_charts.c: the HTML's SVG charts */
extern const char *const rp_cell_colours[];
void rp_esc_cut(FILE *fp, const char *s, size_t width);
const char *rp_cell_verdict_text(int v);
void rp_html_heatmap(FILE *fp, const mms_report *r, size_t a);
void rp_html_deficits(FILE *fp, const mms_report *r);
void rp_html_funnel(FILE *fp, const mms_report *r);
void rp_html_coverage(FILE *fp, const mms_report *r);
void rp_html_forest(FILE *fp, const mms_report *r);

/* report_html.c */
void rp_print_html(FILE *fp, const mms_report *r);

/* report_xlsx.c */
/* an xl_writer of the report (DATA) */
int rp_write_xlsx(struct cli *cli, const char *path, const char *shown, const void *data);

#endif
