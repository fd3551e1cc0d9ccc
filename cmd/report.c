/* mms report — the district's picture: terminal, JSON, HTML with charts, Excel. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "cli.h"
#include "export.h"
#include "json.h"
#include "xlsx.h"
#include "mms/report.h"
#include "mms/words.h"
#include "report_int.h"
#include "table.h"

const char cmd_report_usage[] =
    N_("usage: mms report [--assessment ID] [--school CODE] [--anonymous] [--format "
       "text|json|html|xlsx] [-o FILE [--force]] [--quiet]\n"
       "\n"
       "The picture for the methodological council: the students' results by\n"
       "skill and school, where the deficits are, the chain from students'\n"
       "deficits to teachers' programmes, how many teachers (and young teachers)\n"
       "have a programme, the indicators of the quality of methodological work\n"
       "that the data can answer, and the follow-up of programme items at a later\n"
       "assessment.  Teachers appear, if at all, in alphabetical order: nothing\n"
       "ranks them.\n"
       "\n"
       "options:\n"
       "  --assessment ID  one assessment (default: every classified one)\n"
       "  --school CODE    one school (default: the district)\n"
       "  --anonymous      no teacher or student identifiers, counts of teachers\n"
       "                   under 10 shown as \"< 10\": the summary to publish\n"
       "  --format F       text (default), json, html (one self-contained file)\n"
       "                   or xlsx (one sheet a section)\n"
       "  -o FILE          write to FILE (required for xlsx)\n"
       "  --force          with -o, replace FILE even if another user owns it\n"
       "  -q, --quiet      print nothing on success: with -o, write FILE only;\n"
       "                   without it, only check that the report can be made (it\n"
       "                   is neither shown nor recorded)\n");

enum format { FMT_TEXT, FMT_JSON, FMT_HTML, FMT_XLSX };
static const char *const format_names[] = {"text", "json", "html", "xlsx", NULL};

const char *const rp_stage_keys[MMS_NSTAGE] = {"deficits", "hypotheses", "confirmed", "needs",
                                               "items",    "ordered",    "done"};
const char *const rp_stage_names[MMS_NSTAGE] = {N_("students' deficits (class × skill)"),
                                                N_("hypotheses about teachers (teacher × skill)"),
                                                N_("confirmed at lessons"),
                                                N_("needs accepted in interviews"),
                                                N_("items of programmes"),
                                                N_("ordered from the institute"),
                                                N_("done")};
const char *const rp_kind_keys[MMS_NKIND] = {"subject", "meta", "literacy"};
const char *const rp_kind_colours[MMS_NKIND] = {"#4575b4", "#f39c34", "#5aae61"};
const char *const rp_verdict_colours[MMS_NFOLLOWUP] = {"#1a9850", "#7f7f7f", "#c0392b", "#b8b8b8"};

/* Translated verdict words (the library's are the English keys). */
const char *rp_verdict_text(enum mms_followup_verdict v)
{
	switch (v) {
	case MMS_FOLLOWUP_IMPROVED:
		return _("improved");
	case MMS_FOLLOWUP_NO_CHANGE:
		return _("no clear change");
	case MMS_FOLLOWUP_WORSE:
		return _("worse");
	default:
		return _("too little data");
	}
}

const char *rp_regression_note(void)
{
	return _("Programme items are chosen where a class was low.  A group chosen for a low "
	         "result tends to score nearer the average next time even without any help "
	         "(regression to the mean), so part of an improvement may be that alone; the "
	         "comparison with the district's change does not remove it.");
}

#define SUPPRESSED_TEXT "< 10"

const char *rp_count_text(char *buf, size_t size, long v)
{
	if (v == MMS_REPORT_SUPPRESSED)
		return SUPPRESSED_TEXT;
	snprintf(buf, size, "%ld", v);
	return buf;
}

const char *rp_pct_text(char *buf, size_t size, double v)
{
	if (isnan(v))
		return "—";
	snprintf(buf, size, "%.0f %%", 100 * v);
	return buf;
}

/* "3 of 60 (5 %)", "< 10" or "—". */
const char *rp_share_text(char *buf, size_t size, long k, long n)
{
	if (k == MMS_REPORT_SUPPRESSED || n == MMS_REPORT_SUPPRESSED)
		return SUPPRESSED_TEXT;
	if (n <= 0)
		return "—";
	snprintf(buf, size, _("%ld of %ld (%.0f %%)"), k, n, 100.0 * (double)k / (double)n);
	return buf;
}

/* A share in [0, 1], or NaN when unknown or suppressed. */
double rp_share(long k, long n)
{
	if (k == MMS_REPORT_SUPPRESSED || n == MMS_REPORT_SUPPRESSED || n <= 0)
		return NAN;
	return (double)k / (double)n;
}

/* Signed percentage points: "+48", "−12". */
const char *rp_pp_text(char *buf, size_t size, double v)
{
	long p = lround(100 * v);

	if (isnan(v))
		return "—";
	if (p < 0)
		snprintf(buf, size, "−%ld", -p);
	else
		snprintf(buf, size, "+%ld", p);
	return buf;
}

/*
 * An item's change in words a deputy head would use: how much more (or
 * less) success grew in the teacher's classes than in the district, and
 * whether that is reliable (the 95 % interval excludes no change).
 */
const char *rp_change_words(char *buf, size_t size, const mms_report_followup *f)
{
	char lo[32], hi[32];
	long pts = lround(100 * fabs(f->did));
	int n;

	if (isnan(f->did))
		return "—";
	if (pts == 0)
		n = snprintf(buf, size, "%s",
		             _("after the programme, success changed as much as in the district"));
	else
		n = snprintf(buf, size,
		             f->did > 0
		                 ? _("after the programme, success grew %ld points more than "
		                     "in the district")
		                 : _("after the programme, success grew %ld points less than "
		                     "in the district"),
		             pts);
	if (n < 0 || (size_t)n >= size)
		return buf;
	if (f->ci_low > 0 || f->ci_high < 0)
		snprintf(buf + n, size - (size_t)n, "%s", _(" (a reliable difference)"));
	else
		snprintf(buf + n, size - (size_t)n,
		         _(" (not a reliable difference: anywhere from %s to %s points)"),
		         rp_pp_text(lo, sizeof(lo), f->ci_low),
		         rp_pp_text(hi, sizeof(hi), f->ci_high));
	return buf;
}

const char *rp_scope_text(const mms_report *r)
{
	return r->school_name ? r->school_name : _("the district");
}

long rp_total_deficits(const mms_report *r, int spread)
{
	long n = 0;

	for (int k = 0; k < MMS_NKIND; k++)
		n += r->deficits[spread][k];
	return n;
}

/* ---------------------------------------------------------------- main */

/* A cli_printer of the report (DATA): colours on a terminal unless NO_COLOR. */
static int print_report(FILE *fp, const void *data, int fmt)
{
	const mms_report *r = data;

	if (fmt == FMT_JSON)
		rp_print_json(fp, r);
	else if (fmt == FMT_HTML)
		rp_print_html(fp, r);
	else
		return rp_print_text(fp, r,
		                     fp == stdout && isatty(STDOUT_FILENO) && !getenv("NO_COLOR"));
	return 0;
}

int cmd_report(int argc, char **argv, struct cli *cli)
{
	mms_report_opts o = {0};
	enum format fmt = FMT_TEXT;
	const char *outfile = NULL, *today = getenv("MMS_TODAY");
	mms_report *r;
	int rc, quiet = 0, code = EXIT_OK;
	const struct cli_opt opts[] = {CLI_OPT_STR("assessment", &o.assessment),
	                               CLI_OPT_STR("school", &o.school),
	                               CLI_OPT_FLAG("anonymous", &o.anonymous),
	                               CLI_OPT_FORMAT(&fmt, format_names),
	                               CLI_OPT_OUTPUT(&outfile, cli),
	                               CLI_OPT_QUIET(&quiet),
	                               CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, 0)) != 0)
		return rc;
	if (fmt == FMT_XLSX && !outfile)
		return cli_usage_error(cli, _("--format xlsx needs -o FILE"));
	o.today = today && today[0] ? today : NULL;
	/* every figure from one snapshot, without the write lock an import holds */
	rc = mms_db_begin_read(cli->db);
	if (rc == MMS_OK)
		rc = mms_report_compute(cli->db, &o, &r);
	mms_db_rollback(cli->db);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (fmt == FMT_XLSX) {
		code = xl_write(cli, outfile, rp_write_xlsx, r);
	} else if (!quiet || outfile) {
		code = cli_write(cli, outfile, print_report, r, fmt);
	}
	mms_report_free(r);
	if (code != EXIT_OK || (quiet && !outfile))
		return code;
	/*
	 * The log of reports is kept where it can be, best-effort: a short
	 * transaction after the output, which a busy or read-only database skips
	 * without failing the report.
	 */
	if (!mms_db_readonly(cli->db)) {
		mms_db_set_busy_timeout(cli->db, 250);
		(void)mms_report_record(cli->db, &o, format_names[fmt], outfile);
	}
	return cli_finish(cli, EXIT_OK);
}
