/* mms report — the district's picture: terminal, JSON, HTML with charts, Excel. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "cli.h"
#include "export.h"
#include "json.h"
#include "mms/report.h"
#include "mms/words.h"
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

static const char *const stage_keys[MMS_NSTAGE] = {"deficits", "hypotheses", "confirmed", "needs",
                                                   "items",    "ordered",    "done"};
static const char *const stage_names[MMS_NSTAGE] = {
    N_("students' deficits (class × skill)"),
    N_("hypotheses about teachers (teacher × skill)"),
    N_("confirmed at lessons"),
    N_("needs accepted in interviews"),
    N_("items of programmes"),
    N_("ordered from the institute"),
    N_("done")};
static const char *const spread_keys[MMS_NSPREAD] = {"district", "school", "teacher", "class",
                                                     "individual"};
static const char *const spread_names[MMS_NSPREAD] = {N_("district-wide"), N_("school-wide"),
                                                      N_("teacher's"), N_("class-specific"),
                                                      N_("individual")};
static const char *const kind_keys[MMS_NKIND] = {"subject", "meta", "literacy"};
static const char *const kind_colours[MMS_NKIND] = {"#4575b4", "#f39c34", "#5aae61"};
static const char *const verdict_colours[MMS_NFOLLOWUP] = {"#1a9850", "#7f7f7f", "#c0392b",
                                                           "#b8b8b8"};

/* Translated verdict words (the library's are the English keys). */
static const char *verdict_text(enum mms_followup_verdict v)
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

static const char *regression_note(void)
{
	return _("Programme items are chosen where a class was low.  A group chosen for a low "
	         "result tends to score nearer the average next time even without any help "
	         "(regression to the mean), so part of an improvement may be that alone; the "
	         "comparison with the district's change does not remove it.");
}

#define SUPPRESSED_TEXT "< 10"

static const char *count_text(char *buf, size_t size, long v)
{
	if (v == MMS_REPORT_SUPPRESSED)
		return SUPPRESSED_TEXT;
	snprintf(buf, size, "%ld", v);
	return buf;
}

static const char *pct_text(char *buf, size_t size, double v)
{
	if (isnan(v))
		return "—";
	snprintf(buf, size, "%.0f %%", 100 * v);
	return buf;
}

/* "3 of 60 (5 %)", "< 10" or "—". */
static const char *share_text(char *buf, size_t size, long k, long n)
{
	if (k == MMS_REPORT_SUPPRESSED || n == MMS_REPORT_SUPPRESSED)
		return SUPPRESSED_TEXT;
	if (n <= 0)
		return "—";
	snprintf(buf, size, _("%ld of %ld (%.0f %%)"), k, n, 100.0 * (double)k / (double)n);
	return buf;
}

/* A share in [0, 1], or NaN when unknown or suppressed. */
static double share(long k, long n)
{
	if (k == MMS_REPORT_SUPPRESSED || n == MMS_REPORT_SUPPRESSED || n <= 0)
		return NAN;
	return (double)k / (double)n;
}

/* Signed percentage points: "+48", "−12". */
static const char *pp_text(char *buf, size_t size, double v)
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
static const char *change_words(char *buf, size_t size, const mms_report_followup *f)
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
		         pp_text(lo, sizeof(lo), f->ci_low), pp_text(hi, sizeof(hi), f->ci_high));
	return buf;
}

static const char *scope_text(const mms_report *r)
{
	return r->school_name ? r->school_name : _("the district");
}

static long total_deficits(const mms_report *r, int spread)
{
	long n = 0;

	for (int k = 0; k < MMS_NKIND; k++)
		n += r->deficits[spread][k];
	return n;
}

/* ---------------------------------------------------------------- text */

struct style {
	const char *bold, *red, *green, *yellow, *dim, *off;
};

static const struct style plain = {"", "", "", "", "", ""};
static const struct style ansi = {"\033[1m",  "\033[31m", "\033[32m",
                                  "\033[33m", "\033[2m",  "\033[0m"};

static void heading(FILE *fp, const struct style *s, const char *text)
{
	fprintf(fp, "\n%s%s%s\n", s->bold, text, s->off);
}

/* Prints table T; with colour, a cell's number marked "!" (a deficit) in red. */
static void print_marked(FILE *fp, const struct table *t, const struct style *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;

	if (!s->red[0] || !(mem = open_memstream(&buf, &len))) {
		table_print(t, fp, 2);
		return;
	}
	table_print(t, mem, 2);
	fclose(mem);
	for (size_t i = 0; i < len; i++) {
		size_t j = i;

		while (j < len && buf[j] >= '0' && buf[j] <= '9')
			j++;
		if (j > i && j < len && buf[j] == '!' && (i == 0 || buf[i - 1] == ' ')) {
			fprintf(fp, "%s%.*s%s", s->red, (int)(j - i + 1), buf + i, s->off);
			i = j;
		} else if (j > i) {
			fwrite(buf + i, 1, j - i, fp);
			i = j - 1;
		} else {
			fputc(buf[i], fp);
		}
	}
	free(buf);
}

static const char *cell_text(char *buf, size_t size, const mms_report_cell *c)
{
	if (c->suppressed)
		return "<10";
	if (c->n == 0)
		return "·";
	snprintf(buf, size, "%.0f%s", 100 * c->success, c->deficit ? "!" : "");
	return buf;
}

static int text_heatmap(FILE *fp, const mms_report *r, const struct style *s)
{
	char day[32];
	int cols = r->nschools <= 12; /* a column a school when they fit */
	char buf[64];

	heading(fp, s, _("Students' results by skill (success, %; ! below the threshold)"));
	if (r->nskills == 0) {
		fputs(_("  no classified results\n"), fp);
		return 0;
	}
	if (cols && r->nschools > 1) {
		fputs("  ", fp);
		for (size_t i = 0; i < r->nschools; i++)
			fprintf(fp, "%s%zu %s", i ? ", " : "", i + 1, r->schools[i].code);
		fputc('\n', fp);
	}
	for (size_t a = 0; a < r->nassessments; a++) {
		const mms_report_assessment *as = &r->assessments[a];
		struct table *t = table_new();
		int rc = 0;

		if (!t)
			return -1;
		fprintf(fp, "\n  %s%s%s — %s, %s, %d, %s\n", s->bold, as->code, s->off, as->kind,
		        as->subject, as->grade, cli_date_text(as->date, day, sizeof(day)));
		rc |= table_column(t, _("skill"), TABLE_LEFT, 0);
		rc |= table_column(t, _("what it checks"), TABLE_LEFT, 34);
		rc |= table_column(t, _("district"), TABLE_RIGHT, 0);
		for (size_t i = 0; cols && i < r->nschools; i++) {
			snprintf(buf, sizeof(buf), "%zu", i + 1);
			rc |= table_column(t, r->nschools > 1 ? buf : r->schools[i].code,
			                   TABLE_RIGHT, 0);
		}
		rc |= table_column(t, _("schools below"), TABLE_RIGHT, 0);
		for (size_t k = 0; k < r->nskills && rc == 0; k++) {
			const mms_report_skill *sk = &r->skills[k];
			long below = 0;

			if (sk->assessment != a)
				continue;
			rc |= table_cell(t, sk->code);
			rc |= table_cell(t, sk->text);
			rc |= table_cell(t, cell_text(buf, sizeof(buf), &sk->district));
			for (size_t i = 0; i < r->nschools; i++) {
				below += sk->schools[i].deficit;
				if (cols)
					rc |= table_cell(
					    t, cell_text(buf, sizeof(buf), &sk->schools[i]));
			}
			rc |= table_cellf(t, "%ld", below);
			rc |= table_end_row(t);
		}
		if (rc == 0)
			print_marked(fp, t, s);
		table_free(t);
		if (rc)
			return -1;
	}
	return 0;
}

static int text_deficits(FILE *fp, const mms_report *r, const struct style *s)
{
	struct table *t = table_new();
	int rc = 0;

	heading(fp, s, _("Where the students' deficits are (skill × group)"));
	if (!t)
		return -1;
	rc |= table_column(t, _("where"), TABLE_LEFT, 0);
	for (int k = 0; k < MMS_NKIND; k++)
		rc |= table_column(t, mms_word(MMS_WORDS_SKILL, kind_keys[k]), TABLE_RIGHT, 0);
	rc |= table_column(t, _("total"), TABLE_RIGHT, 0);
	for (int sp = 0; sp < MMS_NSPREAD && rc == 0; sp++) {
		rc |= table_cell(t, _(spread_names[sp]));
		for (int k = 0; k < MMS_NKIND; k++)
			rc |= table_cellf(t, "%ld", r->deficits[sp][k]);
		rc |= table_cellf(t, "%ld", total_deficits(r, sp));
		rc |= table_end_row(t);
	}
	if (rc == 0)
		table_print(t, fp, 2);
	table_free(t);
	fprintf(fp,
	        _("  found at an earlier assessment too: %ld; students below half on a skill: "
	          "%ld (student × skill)\n"),
	        r->recurrent, r->students_below);
	return rc;
}

static int text_funnel(FILE *fp, const mms_report *r, const struct style *s)
{
	struct table *t = table_new();
	long max = 1;
	int rc = 0;
	char buf[32];

	heading(fp, s, _("The chain: from students' deficits to done"));
	if (!t)
		return -1;
	for (int i = 0; i < MMS_NSTAGE; i++)
		if (r->funnel[i] > max)
			max = r->funnel[i];
	rc |= table_column(t, _("stage"), TABLE_LEFT, 0);
	rc |= table_column(t, "n", TABLE_RIGHT, 0);
	rc |= table_column(t, "", TABLE_LEFT, 0);
	for (int i = 0; i < MMS_NSTAGE && rc == 0; i++) {
		char bar[3 * 30 + 1] = "";
		long w = r->funnel[i] > 0 ? (r->funnel[i] * 30 + max - 1) / max : 0;

		for (long k = 0; k < w && k < 30; k++)
			strcat(bar, "■");
		rc |= table_cell(t, _(stage_names[i]));
		rc |= table_cell(t, count_text(buf, sizeof(buf), r->funnel[i]));
		rc |= table_cell(t, bar);
		rc |= table_end_row(t);
	}
	if (rc == 0)
		table_print(t, fp, 2);
	table_free(t);
	return rc;
}

static const char *indicator_value(char *buf, size_t size, const mms_report_indicator *in);

/* The shares of the indicators, against the district's targets (one computation). */
static void text_coverage(FILE *fp, const mms_report *r, const struct style *s)
{
	char buf[160];

	heading(fp, s, _("Teachers with an individual programme"));
	for (size_t i = 0; i < r->nindicators; i++) {
		const mms_report_indicator *in = &r->indicators[i];

		if (!in->number)
			fprintf(fp, "  %s%s%s%s: %s\n", in->title, r->year ? " (" : "",
			        r->year ? r->year : "", r->year ? ")" : "",
			        indicator_value(buf, sizeof(buf), in));
	}
}

static int text_competencies(FILE *fp, const mms_report *r, const struct style *s)
{
	struct table *t;
	char b1[32], b2[32];
	int rc = 0;

	heading(fp, s, _("Teachers' professional deficits confirmed at lessons, by competency"));
	if (r->ncompetencies == 0) {
		fputs(_("  none confirmed yet\n"), fp);
		return 0;
	}
	if (!(t = table_new()))
		return -1;
	rc |= table_column(t, _("area"), TABLE_LEFT, 0);
	rc |= table_column(t, _("competency"), TABLE_LEFT, 50);
	rc |= table_column(t, _("teachers"), TABLE_RIGHT, 0);
	rc |= table_column(t, _("needs"), TABLE_RIGHT, 0);
	for (size_t i = 0; i < r->ncompetencies && rc == 0; i++) {
		const mms_report_competency *c = &r->competencies[i];

		rc |= table_cell(t, c->area);
		rc |= table_cell(t, c->name);
		rc |= table_cell(t, count_text(b1, sizeof(b1), c->confirmed));
		rc |= table_cell(t, count_text(b2, sizeof(b2), c->needs));
		rc |= table_end_row(t);
	}
	if (rc == 0)
		table_print(t, fp, 2);
	table_free(t);
	return rc;
}

/* An indicator's verdict in words: yes, no, no data; "" for a share. */
static const char *indicator_verdict(const mms_report_indicator *in)
{
	if (!in->number)
		return "";
	return in->met == MMS_INDICATOR_YES  ? _("yes")
	       : in->met == MMS_INDICATOR_NO ? _("no")
	                                     : _("no data");
}

/* What it rests on: "1 of 1 (100 %)", a count, or a share against the district's target. */
static const char *indicator_value(char *buf, size_t size, const mms_report_indicator *in)
{
	char num[96];
	const char *share;

	if (in->number && in->met == MMS_INDICATOR_NO_DATA) {
		buf[0] = '\0';
		return buf;
	}
	if (!in->of) {
		snprintf(buf, size, "%s", count_text(num, sizeof(num), in->value));
		return buf;
	}
	share = share_text(num, sizeof(num), in->value, in->of);
	if (in->number)
		snprintf(buf, size, "%s", share);
	else if (in->target > 0)
		/* xgettext:no-c-format */
		snprintf(buf, size, _("%s; the district's target: %.0f %%"), share, in->target);
	else
		snprintf(buf, size, _("%s; no target set (mms config targets)"), share);
	return buf;
}

static const char *indicator_colour(const struct style *s, const mms_report_indicator *in)
{
	return in->met == MMS_INDICATOR_YES ? s->green : in->met == MMS_INDICATOR_NO ? s->red : "";
}

static void text_indicators(FILE *fp, const mms_report *r, const struct style *s)
{
	char buf[160];
	int shares = 0;

	heading(fp, s, _("Indicators of the quality of methodological work"));
	for (size_t i = 0; i < r->nindicators; i++) {
		const mms_report_indicator *in = &r->indicators[i];
		const char *value = indicator_value(buf, sizeof(buf), in);

		if (!in->number) {
			if (!shares++)
				fprintf(fp, "  %s\n", _("shares:"));
			fprintf(fp, "   –  %s: %s\n", in->title, value);
		} else {
			fprintf(fp, "  %2d. %s: %s%s%s%s%s\n", in->number, in->title,
			        indicator_colour(s, in), indicator_verdict(in), s->off,
			        value[0] ? ", " : "", value);
		}
		fprintf(fp, "      %s%s%s\n", s->dim, in->basis, s->off);
	}
}

static void text_followup(FILE *fp, const mms_report *r, const struct style *s)
{
	char b[8][32], words[256];

	heading(fp, s, _("Follow-up: the students' results after the programme"));
	for (size_t i = 0; i < r->nfollowups; i++) {
		const mms_report_followup *f = &r->followups[i];
		const char *col = f->verdict == MMS_FOLLOWUP_IMPROVED ? s->green
		                  : f->verdict == MMS_FOLLOWUP_WORSE  ? s->red
		                                                      : s->yellow;

		fprintf(fp, "  %s (%s), %s %s — %s%s%s\n", f->teacher, f->school, _("skill"),
		        f->skill, col, verdict_text(f->verdict), s->off);
		fprintf(fp, _("    %s → %s: %s (n=%ld) → %s (n=%ld); district %s → %s\n"),
		        f->before.classes, f->after.classes,
		        pct_text(b[0], sizeof(b[0]), f->before.success), f->before.n,
		        pct_text(b[1], sizeof(b[1]), f->after.success), f->after.n,
		        pct_text(b[2], sizeof(b[2]), f->before.district_success),
		        pct_text(b[3], sizeof(b[3]), f->after.district_success));
		fprintf(fp, "    %s\n", change_words(words, sizeof(words), f));
		fprintf(fp, "    %s%s → %s%s\n", s->dim, f->before.assessment, f->after.assessment,
		        s->off);
	}
	fprintf(fp, "  ");
	for (int v = 0; v < MMS_NFOLLOWUP; v++)
		fprintf(fp, "%s%s: %s", v ? ", " : "", verdict_text(v),
		        count_text(b[v], sizeof(b[v]), r->followup_counts[v]));
	fprintf(fp, _("; waiting for a later assessment: %s\n"),
	        count_text(b[4], sizeof(b[4]), r->followup_pending));
	if (r->followup_chosen_low != 0)
		fprintf(fp, "  %s%s%s\n", s->dim, regression_note(), s->off);
}

static int print_text(FILE *fp, const mms_report *r, int colour)
{
	char day[32];
	const struct style *s = colour ? &ansi : &plain;

	fprintf(fp, _("%sMethodological service: %s, %s%s\n"), s->bold, scope_text(r),
	        cli_date_text(r->today, day, sizeof(day)), s->off);
	if (r->anonymous)
		fprintf(fp, "%s%s%s\n", s->dim,
		        _("anonymous summary: no teacher or student is named; counts of teachers "
		          "under 10 are shown as \"< 10\""),
		        s->off);
	for (size_t a = 0; a < r->nassessments; a++) {
		const mms_report_assessment *as = &r->assessments[a];

		fprintf(fp, _("  %s: %s, %s, grade %d, %s, %ld participants\n"), as->code, as->kind,
		        as->subject, as->grade,
		        as->date ? cli_date_text(as->date, day, sizeof(day)) : "—",
		        as->participants);
	}
	if (text_heatmap(fp, r, s) || text_deficits(fp, r, s) || text_funnel(fp, r, s))
		return -1;
	text_coverage(fp, r, s);
	if (text_competencies(fp, r, s))
		return -1;
	text_indicators(fp, r, s);
	text_followup(fp, r, s);
	return 0;
}

/* ---------------------------------------------------------------- json */

static void json_count(struct json *j, long v)
{
	if (v == MMS_REPORT_SUPPRESSED)
		json_str(j, SUPPRESSED_TEXT);
	else
		json_int(j, v);
}

static void json_share(struct json *j, long k, long n)
{
	if (k == MMS_REPORT_SUPPRESSED || n == MMS_REPORT_SUPPRESSED)
		json_str(j, SUPPRESSED_TEXT);
	else if (n <= 0)
		json_null(j);
	else
		json_num(j, (double)k / (double)n);
}

static void json_cell(struct json *j, const mms_report_cell *c)
{
	json_begin_object(j);
	json_key(j, "n");
	if (c->suppressed)
		json_str(j, SUPPRESSED_TEXT);
	else
		json_int(j, c->n);
	json_key(j, "success");
	if (c->suppressed || c->n == 0)
		json_null(j);
	else
		json_num(j, c->success);
	json_field_bool(j, "deficit", c->deficit);
	json_end_object(j);
}

static void json_side(struct json *j, const mms_report_side *s)
{
	json_begin_object(j);
	json_field_str(j, "assessment", s->assessment);
	json_field_str(j, "classes", s->classes);
	json_field_int(j, "n", s->n);
	json_field_num(j, "success", s->success);
	json_field_int(j, "district_n", s->district_n);
	json_field_num(j, "district_success", s->district_success);
	json_end_object(j);
}

static void print_json(FILE *fp, const mms_report *r)
{
	struct json j;

	json_init(&j, fp, JSON_PRETTY);
	json_begin_object(&j);
	json_field_str(&j, "date", r->today);
	json_field_bool(&j, "anonymous", r->anonymous);
	json_field_str(&j, "school", r->school);
	json_field_int(&j, "min_group", MMS_REPORT_MIN_GROUP);

	json_key(&j, "assessments");
	json_begin_array(&j);
	for (size_t a = 0; a < r->nassessments; a++) {
		const mms_report_assessment *as = &r->assessments[a];

		json_begin_object(&j);
		json_field_str(&j, "id", as->code);
		json_field_str(&j, "kind", as->kind);
		json_field_str(&j, "subject", as->subject);
		json_field_int(&j, "grade", as->grade);
		json_field_str(&j, "date", as->date);
		json_field_int(&j, "participants", as->participants);
		json_end_object(&j);
	}
	json_end_array(&j);

	json_key(&j, "schools");
	json_begin_array(&j);
	for (size_t i = 0; i < r->nschools; i++) {
		json_begin_object(&j);
		json_field_str(&j, "code", r->schools[i].code);
		json_field_str(&j, "name", r->schools[i].name);
		json_end_object(&j);
	}
	json_end_array(&j);

	json_key(&j, "skills");
	json_begin_array(&j);
	for (size_t k = 0; k < r->nskills; k++) {
		const mms_report_skill *sk = &r->skills[k];

		json_begin_object(&j);
		json_field_str(&j, "assessment", r->assessments[sk->assessment].code);
		json_field_str(&j, "skill", sk->code);
		json_field_str(&j, "text", sk->text);
		json_field_str(&j, "kind", sk->kind);
		json_field_num(&j, "threshold", sk->threshold);
		json_key(&j, "district");
		json_cell(&j, &sk->district);
		json_key(&j, "schools");
		json_begin_object(&j);
		for (size_t i = 0; i < r->nschools; i++) {
			if (sk->schools[i].n == 0 && !sk->schools[i].suppressed)
				continue;
			json_key(&j, r->schools[i].code);
			json_cell(&j, &sk->schools[i]);
		}
		json_end_object(&j);
		json_end_object(&j);
	}
	json_end_array(&j);

	json_key(&j, "deficits");
	json_begin_object(&j);
	for (int sp = 0; sp < MMS_NSPREAD; sp++) {
		json_key(&j, spread_keys[sp]);
		json_begin_object(&j);
		for (int k = 0; k < MMS_NKIND; k++) {
			json_key(&j, kind_keys[k]);
			json_int(&j, r->deficits[sp][k]);
		}
		json_field_int(&j, "total", total_deficits(r, sp));
		json_end_object(&j);
	}
	json_field_int(&j, "recurrent", r->recurrent);
	json_field_int(&j, "students_below_half", r->students_below);
	json_end_object(&j);

	json_key(&j, "funnel");
	json_begin_object(&j);
	for (int i = 0; i < MMS_NSTAGE; i++) {
		json_key(&j, stage_keys[i]);
		json_count(&j, r->funnel[i]);
	}
	json_end_object(&j);

	json_key(&j, "coverage");
	json_begin_object(&j);
	json_field_str(&j, "year", r->year);
	json_key(&j, "teachers");
	json_count(&j, r->teachers);
	json_key(&j, "with_programme");
	json_count(&j, r->with_programme);
	json_key(&j, "share");
	json_share(&j, r->with_programme, r->teachers);
	json_key(&j, "young");
	json_count(&j, r->young);
	json_key(&j, "young_with_programme");
	json_count(&j, r->young_with_programme);
	json_key(&j, "young_share");
	json_share(&j, r->young_with_programme, r->young);
	json_field_num(&j, "young_target", 1.0);
	json_end_object(&j);

	json_key(&j, "competencies");
	json_begin_array(&j);
	for (size_t i = 0; i < r->ncompetencies; i++) {
		const mms_report_competency *c = &r->competencies[i];

		json_begin_object(&j);
		json_field_str(&j, "area", c->area);
		json_field_str(&j, "competency", c->name);
		json_key(&j, "teachers");
		json_count(&j, c->confirmed);
		json_key(&j, "needs");
		json_count(&j, c->needs);
		json_key(&j, "schools");
		json_begin_object(&j);
		for (size_t s = 0; s < r->nschools; s++) {
			if (c->schools[s] == 0)
				continue;
			json_key(&j, r->schools[s].code);
			json_count(&j, c->schools[s]);
		}
		json_end_object(&j);
		json_end_object(&j);
	}
	json_end_array(&j);

	json_key(&j, "indicators");
	json_begin_array(&j);
	for (size_t i = 0; i < r->nindicators; i++) {
		const mms_report_indicator *in = &r->indicators[i];

		json_begin_object(&j);
		json_key(&j, "number");
		if (in->number)
			json_int(&j, in->number);
		else
			json_null(&j);
		json_field_str(&j, "key", in->key);
		json_field_str(&j, "seed", in->seed_text);
		json_field_str(&j, "title", in->title);
		json_key(&j, "met");
		if (in->met == MMS_INDICATOR_NO_DATA)
			json_null(&j);
		else
			json_bool(&j, in->met == MMS_INDICATOR_YES);
		json_key(&j, "value");
		json_count(&j, in->value);
		json_key(&j, "of");
		if (in->of)
			json_count(&j, in->of);
		else
			json_null(&j);
		json_key(&j, "target");
		if (in->target > 0)
			json_num(&j, in->target);
		else
			json_null(&j);
		json_field_str(&j, "basis", in->basis);
		json_end_object(&j);
	}
	json_end_array(&j);

	json_key(&j, "followup");
	json_begin_object(&j);
	json_key(&j, "items");
	json_begin_array(&j);
	for (size_t i = 0; i < r->nfollowups; i++) {
		const mms_report_followup *f = &r->followups[i];

		json_begin_object(&j);
		json_field_str(&j, "teacher", f->teacher);
		json_field_str(&j, "school", f->school);
		json_field_str(&j, "skill", f->skill);
		json_field_str(&j, "skill_text", f->skill_text);
		json_field_str(&j, "form", f->form);
		json_field_str(&j, "status", f->status);
		json_key(&j, "before");
		json_side(&j, &f->before);
		json_key(&j, "after");
		json_side(&j, &f->after);
		json_field_num(&j, "did", f->did);
		json_field_num(&j, "ci_low", f->ci_low);
		json_field_num(&j, "ci_high", f->ci_high);
		json_field_str(&j, "verdict", mms_followup_verdict_key(f->verdict));
		json_field_bool(&j, "chosen_low", f->chosen_low);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_key(&j, "counts");
	json_begin_object(&j);
	for (int v = 0; v < MMS_NFOLLOWUP; v++) {
		json_key(&j, mms_followup_verdict_key(v));
		json_count(&j, r->followup_counts[v]);
	}
	json_end_object(&j);
	json_key(&j, "pending");
	json_count(&j, r->followup_pending);
	json_key(&j, "chosen_low");
	json_count(&j, r->followup_chosen_low);
	json_key(&j, "note");
	if (r->followup_chosen_low != 0)
		json_str(&j, regression_note());
	else
		json_null(&j);
	json_end_object(&j);

	json_end_object(&j);
	json_finish(&j);
}

/* ---------------------------------------------------------------- html */

/* A short form of S for a chart's label: at most WIDTH columns. */
static void esc_cut(FILE *fp, const char *s, size_t width)
{
	char *t = table_truncate(s, width);

	html_text(fp, t ? t : s);
	free(t);
}

/*
 * A cell's colour is its verdict against its skill's own thresholds (a
 * level-В skill at 45 % may be sufficient, a level-Б one at 55 % a deficit):
 * red a deficit, yellow the uncertainty zone, green sufficient, grey no
 * verdict.
 */
static const char *const cell_colours[] = {
    [MMS_CELL_NO_VERDICT] = "#dddddd",
    [MMS_CELL_SUFFICIENT] = "#91cf60",
    [MMS_CELL_UNCERTAIN] = "#fee08b",
    [MMS_CELL_DEFICIT] = "#e8604c",
};

static const char *cell_verdict_text(int v)
{
	return v == MMS_CELL_DEFICIT      ? _("a deficit (below the skill's threshold)")
	       : v == MMS_CELL_UNCERTAIN  ? _("uncertainty zone")
	       : v == MMS_CELL_SUFFICIENT ? _("sufficient")
	                                  : _("too few to judge");
}

static const char css[] =
    "@page{size:A4;margin:14mm 12mm}"
    "*{box-sizing:border-box}"
    "body{font-family:'DejaVu Sans','Liberation Sans',Arial,sans-serif;font-size:10.5pt;"
    "color:#222;max-width:190mm;margin:0 auto;padding:8mm 0;line-height:1.35;"
    "-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "h1{font-size:17pt;margin:0 0 2mm}"
    "h2{font-size:13pt;margin:7mm 0 2mm;border-bottom:1px solid #bbb;padding-bottom:1mm;"
    "break-after:avoid;page-break-after:avoid}"
    "h3{font-size:11pt;margin:4mm 0 1mm;break-after:avoid;page-break-after:avoid}"
    "p{margin:1mm 0 2mm}"
    ".meta{color:#555}"
    ".note{color:#555;font-size:9pt}"
    ".anon{border:1px solid #999;background:#f4f4f4;padding:2mm 3mm;margin:3mm 0}"
    "figure{margin:2mm 0 4mm;break-inside:avoid;page-break-inside:avoid}"
    "figcaption{font-size:9pt;color:#555;margin-top:1mm}"
    "svg{max-width:100%;height:auto;font-family:inherit}"
    "table{border-collapse:collapse;width:100%;margin:2mm 0 4mm;font-size:9.5pt}"
    "thead{display:table-header-group}"
    "tr{break-inside:avoid;page-break-inside:avoid}"
    "th,td{border:1px solid #ccc;padding:1mm 2mm;text-align:left;vertical-align:top}"
    "th{background:#eee}"
    "td.n{text-align:right;white-space:nowrap}td.v{white-space:nowrap}"
    ".yes{color:#1a7a40;font-weight:bold}.no{color:#b03020;font-weight:bold}.nd{color:#777}"
    ".cards{display:flex;flex-wrap:wrap;gap:3mm;margin:3mm 0}"
    ".card{flex:1;border:1px solid #ccc;border-radius:2mm;padding:2mm 3mm;min-width:35mm}"
    ".card b{display:block;font-size:15pt}"
    "section{break-inside:auto}"
    "section.keep{break-inside:avoid;page-break-inside:avoid}"
    "@media print{body{padding:0;max-width:none}h2{page-break-before:auto}"
    ".pagebreak{page-break-before:always;break-before:page}}";

static void html_heatmap(FILE *fp, const mms_report *r, size_t a)
{
	const int lw = 330, cw = 46, ch = 20, hh = 150;
	int ncol = (int)r->nschools + 1, nrow = 0, y, w, h;
	char buf[32];

	for (size_t k = 0; k < r->nskills; k++)
		nrow += r->skills[k].assessment == a;
	w = lw + cw * ncol + 60; /* room for the last rotated head */
	h = hh + ch * nrow + 34;
	fprintf(fp,
	        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	        "width=\"%d\" height=\"%d\" role=\"img\" font-size=\"11\">",
	        w, h, w, h);
	fputs("<title>", fp);
	html_text(fp, _("success by skill and school"));
	fputs("</title>", fp);
	/* column heads */
	for (int c = 0; c < ncol; c++) {
		int x = lw + c * cw + cw / 2;

		fprintf(fp,
		        "<text x=\"%d\" y=\"%d\" transform=\"rotate(-45 %d %d)\" "
		        "font-weight=\"%s\">",
		        x, hh - 6, x, hh - 6, c == 0 ? "bold" : "normal");
		/* the school by its name: a deputy head knows schools by name, not code */
		if (c == 0)
			html_text(fp, _("district"));
		else
			esc_cut(fp, r->schools[c - 1].name, 26);
		fputs("</text>", fp);
	}
	y = hh;
	for (size_t k = 0; k < r->nskills; k++) {
		const mms_report_skill *sk = &r->skills[k];

		if (sk->assessment != a)
			continue;
		fprintf(fp, "<text x=\"4\" y=\"%d\"><tspan font-weight=\"bold\">", y + 14);
		html_text(fp, sk->code);
		fputs("</tspan> ", fp);
		esc_cut(fp, sk->text, 40);
		fputs("</text>", fp);
		for (int c = 0; c < ncol; c++) {
			const mms_report_cell *cell = c == 0 ? &sk->district : &sk->schools[c - 1];
			int x = lw + c * cw;

			fprintf(fp, "<g><title>");
			html_text(fp, c == 0 ? _("district") : r->schools[c - 1].name);
			fputs(", ", fp);
			html_text(fp, sk->code);
			fputs(": ", fp);
			if (cell->suppressed)
				fputs(_("fewer than 10 participants"), fp);
			else if (cell->n == 0)
				fputs(_("no result"), fp);
			else
				fprintf(fp, "%s (n=%ld), %s",
				        pct_text(buf, sizeof(buf), cell->success), cell->n,
				        cell_verdict_text(cell->verdict));
			fputs("</title>", fp);
			if (cell->suppressed || cell->n == 0) {
				fprintf(fp,
				        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
				        "fill=\"#eeeeee\" stroke=\"#ffffff\"/>"
				        "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
				        "fill=\"#777777\" font-size=\"9\">%s</text></g>",
				        x, y, cw, ch, x + cw / 2, y + 14,
				        cell->suppressed ? "&lt; 10" : "·");
				continue;
			}
			fprintf(fp,
			        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" "
			        "stroke=\"%s\" stroke-width=\"%d\"/>",
			        x + (cell->deficit ? 1 : 0), y + (cell->deficit ? 1 : 0),
			        cw - (cell->deficit ? 2 : 0), ch - (cell->deficit ? 2 : 0),
			        cell_colours[cell->verdict], cell->deficit ? "#000000" : "#ffffff",
			        cell->deficit ? 2 : 1);
			fprintf(
			    fp,
			    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\"%s>%.0f%s</text></g>",
			    x + cw / 2, y + 14, cell->deficit ? " font-weight=\"bold\"" : "",
			    100 * cell->success, cell->deficit ? "!" : "");
		}
		y += ch;
	}
	/* the legend: the verdicts, each against the skill's own thresholds */
	y += 10;
	for (int v = MMS_CELL_DEFICIT, x = 4; v >= MMS_CELL_NO_VERDICT; v--) {
		fprintf(fp,
		        "<rect x=\"%d\" y=\"%d\" width=\"18\" height=\"12\" fill=\"%s\" "
		        "stroke=\"%s\" stroke-width=\"%d\"/><text x=\"%d\" y=\"%d\" "
		        "font-size=\"10\">",
		        x, y, cell_colours[v], v == MMS_CELL_DEFICIT ? "#000000" : "#ffffff",
		        v == MMS_CELL_DEFICIT ? 2 : 1, x + 22, y + 10);
		html_text(fp, cell_verdict_text(v));
		fputs("</text>", fp);
		x += 22 + 7 * (int)table_width(cell_verdict_text(v)) + 14;
	}
	fputs("</svg></figure>\n", fp);
}

static void html_deficits(FILE *fp, const mms_report *r)
{
	const int lw = 150, bw = 420, rh = 28;
	long max = 1;
	int h = MMS_NSPREAD * rh + 40, w = lw + bw + 60;

	for (int sp = 0; sp < MMS_NSPREAD; sp++)
		if (total_deficits(r, sp) > max)
			max = total_deficits(r, sp);
	fprintf(fp,
	        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	        "width=\"%d\" height=\"%d\" role=\"img\" font-size=\"11\"><title>",
	        w, h, w, h);
	html_text(fp, _("deficits by spread and kind of skill"));
	fputs("</title>", fp);
	for (int sp = 0; sp < MMS_NSPREAD; sp++) {
		int y = sp * rh + 4, x = lw;

		fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", lw - 6, y + 15);
		html_text(fp, _(spread_names[sp]));
		fputs("</text>", fp);
		for (int k = 0; k < MMS_NKIND; k++) {
			int bwk = (int)(r->deficits[sp][k] * bw / max);

			if (bwk <= 0)
				continue;
			fprintf(fp,
			        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"20\" fill=\"%s\">"
			        "<title>",
			        x, y, bwk, kind_colours[k]);
			html_text(fp, mms_word(MMS_WORDS_SKILL, kind_keys[k]));
			fprintf(fp, ": %ld</title></rect>", r->deficits[sp][k]);
			x += bwk;
		}
		fprintf(fp, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%ld</text>", x + 5,
		        y + 15, total_deficits(r, sp));
	}
	for (int k = 0, x = lw; k < MMS_NKIND; k++) {
		int y = MMS_NSPREAD * rh + 14;

		fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>", x,
		        y, kind_colours[k]);
		fprintf(fp, "<text x=\"%d\" y=\"%d\" font-size=\"10\">", x + 16, y + 10);
		html_text(fp, mms_word(MMS_WORDS_SKILL, kind_keys[k]));
		fputs("</text>", fp);
		x += 150;
	}
	fputs("</svg></figure>\n", fp);
}

static void html_funnel(FILE *fp, const mms_report *r)
{
	const int lw = 300, bw = 360, rh = 30, cx = lw + bw / 2;
	long max = 1;
	int w = lw + bw + 60, h = MMS_NSTAGE * rh + 8;
	char buf[32];

	for (int i = 0; i < MMS_NSTAGE; i++)
		if (r->funnel[i] > max)
			max = r->funnel[i];
	fprintf(fp,
	        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	        "width=\"%d\" height=\"%d\" role=\"img\" font-size=\"11\"><title>",
	        w, h, w, h);
	html_text(fp, _("the chain as a funnel"));
	fputs("</title>", fp);
	for (int i = 0; i < MMS_NSTAGE; i++) {
		int y = i * rh + 4;
		long v = r->funnel[i];

		fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", lw - 8, y + 16);
		html_text(fp, _(stage_names[i]));
		fputs("</text>", fp);
		if (v == MMS_REPORT_SUPPRESSED) {
			fprintf(
			    fp,
			    "<rect x=\"%d\" y=\"%d\" width=\"40\" height=\"22\" fill=\"#eeeeee\" "
			    "stroke=\"#999999\" stroke-dasharray=\"3 2\"/>"
			    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">&lt; 10</text>",
			    cx - 20, y, cx, y + 16);
			continue;
		}
		{
			int bwi = v > 0 ? (int)(v * bw / max) : 0;

			if (v > 0 && bwi < 3)
				bwi = 3;
			fprintf(fp,
			        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"22\" fill=\"%s\"/>",
			        cx - bwi / 2, y, bwi, i == 0 ? "#d98c5f" : "#4575b4");
			fprintf(fp, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>",
			        cx + bwi / 2 + 6, y + 16, count_text(buf, sizeof(buf), v));
		}
	}
	fputs("</svg></figure>\n", fp);
}

/* The two shares as bars, each with the district's target (if set) as a dashed line. */
static void html_coverage(FILE *fp, const mms_report *r)
{
	const int lw = 300, bw = 330, rh = 34;
	int w = lw + bw + 330, h = 2 * rh + 16, i = 0;
	char buf[160];

	fprintf(fp,
	        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	        "width=\"%d\" height=\"%d\" role=\"img\" font-size=\"11\"><title>",
	        w, h, w, h);
	html_text(fp, _("coverage of teachers by programmes"));
	fputs("</title>", fp);
	for (size_t k = 0; k < r->nindicators; k++) {
		const mms_report_indicator *in = &r->indicators[k];
		int y = i * rh + 6;
		double s = share(in->value, in->of);

		if (in->number)
			continue;
		fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", lw - 8, y + 15);
		html_text(fp, in->title);
		fputs("</text>", fp);
		fprintf(fp,
		        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"20\" fill=\"#eeeeee\" "
		        "stroke=\"#bbbbbb\"/>",
		        lw, y, bw);
		if (!isnan(s) && s > 0)
			fprintf(fp,
			        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"20\" "
			        "fill=\"%s\"/>",
			        lw, y, (int)lround(s * bw), i ? "#5aae61" : "#4575b4");
		if (in->target > 0) {
			int tx = lw + (int)lround(in->target / 100.0 * bw);

			fprintf(fp,
			        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#b03020\" "
			        "stroke-width=\"2\" stroke-dasharray=\"4 2\"/>",
			        tx, y - 3, tx, y + 23);
		}
		fprintf(fp, "<text x=\"%d\" y=\"%d\">", lw + bw + 8, y + 15);
		html_text(fp, indicator_value(buf, sizeof(buf), in));
		fputs("</text>", fp);
		i++;
	}
	fputs("</svg></figure>\n", fp);
}

/* The follow-up as a forest plot: each item's difference of differences and its interval. */
static void html_forest(FILE *fp, const mms_report *r)
{
	const int lw = 330, aw = 360, rh = 24, top = 20;
	double lim = 0.25;
	int w = lw + aw + 30, h = top + (int)r->nfollowups * rh + 30;

	for (size_t i = 0; i < r->nfollowups; i++) {
		const mms_report_followup *f = &r->followups[i];

		if (!isnan(f->ci_low) && -f->ci_low > lim)
			lim = -f->ci_low;
		if (!isnan(f->ci_high) && f->ci_high > lim)
			lim = f->ci_high;
	}
	lim = ceil(lim * 4) / 4; /* in steps of 25 points */
	if (lim > 1)
		lim = 1;
#define FX(v) (lw + (int)lround(((v) + lim) / (2 * lim) * aw))
	fprintf(fp,
	        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	        "width=\"%d\" height=\"%d\" role=\"img\" font-size=\"11\"><title>",
	        w, h, w, h);
	/* xgettext:no-c-format */
	html_text(fp, _("change against the district's change, with 95 % intervals"));
	fputs("</title>", fp);
	for (int t = -(int)lround(lim * 4); t <= (int)lround(lim * 4); t++) {
		double v = t / 4.0; /* a tick every 25 points */
		int x = FX(v);

		fprintf(fp,
		        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
		        "stroke-width=\"1\"/>",
		        x, top - 4, x, h - 26, t == 0 ? "#333333" : "#dddddd");
		fprintf(
		    fp,
		    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"9\">%s%d</text>", x,
		    h - 14,
		    t > 0   ? "+"
		    : t < 0 ? "−"
		            : "",
		    abs(t) * 25);
	}
	fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"9\">", FX(0),
	        h - 3);
	html_text(fp, _("percentage points, against the district's change"));
	fputs("</text>", fp);
	for (size_t i = 0; i < r->nfollowups; i++) {
		const mms_report_followup *f = &r->followups[i];
		int y = top + (int)i * rh + rh / 2;
		const char *col = verdict_colours[f->verdict];

		fprintf(fp, "<text x=\"4\" y=\"%d\">", y + 4);
		esc_cut(fp, f->teacher, 30);
		fputs(" — ", fp);
		html_text(fp, f->skill);
		fputs("</text>", fp);
		if (isnan(f->did))
			continue;
		fprintf(fp,
		        "<g><title>%s</title><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		        "stroke=\"%s\" stroke-width=\"3\"/><circle cx=\"%d\" cy=\"%d\" r=\"5\" "
		        "fill=\"%s\"/></g>",
		        verdict_text(f->verdict), FX(fmax(f->ci_low, -lim)), y,
		        FX(fmin(f->ci_high, lim)), y, col, FX(fmax(fmin(f->did, lim), -lim)), y,
		        col);
	}
#undef FX
	fputs("</svg></figure>\n", fp);
}

static void html_followup(FILE *fp, const mms_report *r)
{
	char b[8][32], words[256];

	fputs("<section><h2>", fp);
	html_text(fp, _("Follow-up: the students' results after the programme"));
	fputs("</h2>\n<p>", fp);
	/* xgettext:no-c-format */
	const char *how = _("For each item of a programme whose skill a later assessment of the "
	                    "same subject checked again: the success in the teacher's classes "
	                    "before and after (the same classes a grade up), against the "
	                    "district's change over the same time — the difference of "
	                    "differences, with its 95 % interval.");
	html_text(fp, how);
	fputs("</p>\n", fp);
	if (r->nfollowups) {
		html_forest(fp, r);
		fputs("<table><thead><tr>", fp);
		{
			const char *heads[] = {_("teacher"),
			                       _("skill"),
			                       _("classes"),
			                       _("before"),
			                       _("after"),
			                       _("district"),
			                       _("change against the district"),
			                       _("verdict")};

			for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
				fputs("<th>", fp);
				html_text(fp, heads[i]);
				fputs("</th>", fp);
			}
		}
		fputs("</tr></thead><tbody>\n", fp);
		for (size_t i = 0; i < r->nfollowups; i++) {
			const mms_report_followup *f = &r->followups[i];

			fputs("<tr><td>", fp);
			html_text(fp, f->teacher);
			fputs(" <span class=\"note\">", fp);
			html_text(fp, f->school);
			fputs("</span></td><td><span title=\"", fp);
			html_text(fp, f->skill_text);
			fputs("\">", fp);
			html_text(fp, f->skill);
			fputs("</span></td><td>", fp);
			html_text(fp, f->before.classes);
			fputs(" → ", fp);
			html_text(fp, f->after.classes);
			fprintf(
			    fp,
			    "</td><td class=\"n\">%s (n=%ld)</td><td class=\"n\">%s (n=%ld)</td>"
			    "<td class=\"n\">%s → %s</td><td>",
			    pct_text(b[0], sizeof(b[0]), f->before.success), f->before.n,
			    pct_text(b[1], sizeof(b[1]), f->after.success), f->after.n,
			    pct_text(b[2], sizeof(b[2]), f->before.district_success),
			    pct_text(b[3], sizeof(b[3]), f->after.district_success));
			html_text(fp, change_words(words, sizeof(words), f));
			fputs("</td>", fp);
			fprintf(fp, "<td style=\"color:%s;font-weight:bold\">",
			        verdict_colours[f->verdict]);
			html_text(fp, verdict_text(f->verdict));
			fputs("</td></tr>\n", fp);
		}
		fputs("</tbody></table>\n", fp);
	}
	fputs("<table><thead><tr>", fp);
	for (int v = 0; v < MMS_NFOLLOWUP; v++) {
		fputs("<th>", fp);
		html_text(fp, verdict_text(v));
		fputs("</th>", fp);
	}
	fputs("<th>", fp);
	html_text(fp, _("waiting for a later assessment"));
	fputs("</th></tr></thead><tbody><tr>", fp);
	for (int v = 0; v < MMS_NFOLLOWUP; v++) {
		fputs("<td class=\"n\">", fp);
		html_text(fp, count_text(b[v], sizeof(b[v]), r->followup_counts[v]));
		fputs("</td>", fp);
	}
	fputs("<td class=\"n\">", fp);
	html_text(fp, count_text(b[7], sizeof(b[7]), r->followup_pending));
	fputs("</td></tr></tbody></table>\n", fp);
	if (r->followup_chosen_low != 0) {
		fputs("<p class=\"note\">", fp);
		html_text(fp, regression_note());
		fputs("</p>\n", fp);
	}
	fputs("</section>\n", fp);
}

static void html_competencies(FILE *fp, const mms_report *r)
{
	char buf[32];

	fputs("<section><h2>", fp);
	html_text(fp, _("Teachers' professional deficits confirmed at lessons, by competency"));
	fputs("</h2>\n", fp);
	if (r->ncompetencies == 0) {
		fputs("<p>", fp);
		html_text(fp, _("none confirmed yet"));
		fputs("</p></section>\n", fp);
		return;
	}
	fputs("<table><thead><tr><th>", fp);
	html_text(fp, _("area"));
	fputs("</th><th>", fp);
	html_text(fp, _("competency"));
	fputs("</th><th>", fp);
	html_text(fp, _("teachers"));
	fputs("</th><th>", fp);
	html_text(fp, _("needs"));
	fputs("</th>", fp);
	if (r->nschools > 1) {
		fputs("<th>", fp);
		html_text(fp, _("by school"));
		fputs("</th>", fp);
	}
	fputs("</tr></thead><tbody>\n", fp);
	for (size_t i = 0; i < r->ncompetencies; i++) {
		const mms_report_competency *c = &r->competencies[i];

		fputs("<tr><td>", fp);
		html_text(fp, c->area);
		fputs("</td><td>", fp);
		html_text(fp, c->name);
		fputs("</td><td class=\"n\">", fp);
		html_text(fp, count_text(buf, sizeof(buf), c->confirmed));
		fputs("</td><td class=\"n\">", fp);
		html_text(fp, count_text(buf, sizeof(buf), c->needs));
		fputs("</td>", fp);
		if (r->nschools > 1) {
			int any = 0;

			fputs("<td>", fp);
			for (size_t s = 0; s < r->nschools; s++) {
				if (c->schools[s] == 0)
					continue;
				fputs(any++ ? ", " : "", fp);
				html_text(fp, r->schools[s].code);
				fputs(": ", fp);
				html_text(fp, count_text(buf, sizeof(buf), c->schools[s]));
			}
			fputs("</td>", fp);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody></table>\n", fp);
	if (r->anonymous) {
		fputs("<p class=\"note\">", fp);
		html_text(fp, _("Counts of teachers under 10 are shown as \"< 10\"."));
		fputs("</p>\n", fp);
	}
	fputs("</section>\n", fp);
}

static void html_indicators(FILE *fp, const mms_report *r)
{
	char buf[160];

	fputs("<section class=\"keep\"><h2>", fp);
	html_text(fp, _("Indicators of the quality of methodological work"));
	fputs("</h2>\n<table><thead><tr><th>№</th><th>", fp);
	html_text(fp, _("indicator"));
	fputs("</th><th>", fp);
	html_text(fp, _("value"));
	fputs("</th><th>", fp);
	html_text(fp, _("computed from"));
	fputs("</th></tr></thead><tbody>\n", fp);
	for (size_t i = 0; i < r->nindicators; i++) {
		const mms_report_indicator *in = &r->indicators[i];

		if (in->number)
			fprintf(fp, "<tr><td class=\"n\">%d</td><td>", in->number);
		else
			fputs("<tr><td class=\"n\">—</td><td>", fp);
		html_text(fp, in->title);
		fputs("<br/><span class=\"note\">", fp);
		html_text(fp, in->seed_text);
		fprintf(fp, "</span></td><td class=\"v\"><span class=\"%s\">",
		        in->met == MMS_INDICATOR_YES  ? "yes"
		        : in->met == MMS_INDICATOR_NO ? "no"
		                                      : "nd");
		html_text(fp, indicator_verdict(in));
		fputs("</span><br/>", fp);
		html_text(fp, indicator_value(buf, sizeof(buf), in));
		fputs("</td><td>", fp);
		html_text(fp, in->basis);
		fputs("</td></tr>\n", fp);
	}
	fputs("</tbody></table></section>\n", fp);
}

static void html_card(FILE *fp, const char *value, const char *label)
{
	fputs("<div class=\"card\"><b>", fp);
	html_text(fp, value);
	fputs("</b>", fp);
	html_text(fp, label);
	fputs("</div>", fp);
}

static void print_html(FILE *fp, const mms_report *r)
{
	char day[32];
	char buf[96], b2[32], b3[32];
	long participants = 0;

	for (size_t a = 0; a < r->nassessments; a++)
		participants += r->assessments[a].participants;
	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n", cli_lang());
	fputs("<head>\n<meta charset=\"utf-8\"/>\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>",
	      fp);
	html_text(fp, _("Methodological service"));
	fputs(": ", fp);
	html_text(fp, scope_text(r));
	fprintf(fp, ", %s</title>\n<style>%s</style>\n</head>\n<body>\n<header><h1>",
	        cli_date_text(r->today, day, sizeof(day)), css);
	html_text(fp, _("Methodological service"));
	fputs(": ", fp);
	html_text(fp, scope_text(r));
	fputs("</h1>\n<p class=\"meta\">", fp);
	html_text(fp, cli_date_text(r->today, day, sizeof(day)));
	for (size_t a = 0; a < r->nassessments; a++) {
		const mms_report_assessment *as = &r->assessments[a];

		fputs(a ? "; " : " · ", fp);
		html_text(fp, as->code);
		fputs(" (", fp);
		html_text(fp, as->kind);
		fputs(", ", fp);
		html_text(fp, as->subject);
		fprintf(fp, ", %d", as->grade);
		if (as->date) {
			fputs(", ", fp);
			html_text(fp, cli_date_text(as->date, day, sizeof(day)));
		}
		fputs(")", fp);
	}
	fputs("</p>\n", fp);
	if (r->anonymous) {
		fputs("<p class=\"anon\">", fp);
		html_text(
		    fp, _("Anonymous summary for publication: no teacher and no student is named; "
		          "counts of teachers under 10 and results of groups of fewer than 10 "
		          "students are shown as \"< 10\"."));
		fputs("</p>\n", fp);
	}
	fputs("<div class=\"cards\">", fp);
	snprintf(buf, sizeof(buf), "%ld", participants);
	html_card(fp, buf, _("participants"));
	/* the same figure as the chain's first stage, from the same count */
	html_card(fp, count_text(b3, sizeof(b3), r->funnel[MMS_STAGE_DEFICITS]),
	          _(stage_names[MMS_STAGE_DEFICITS]));
	html_card(fp, count_text(b2, sizeof(b2), r->funnel[MMS_STAGE_NEEDS]),
	          _("teachers' needs accepted"));
	{
		double s = share(r->with_programme, r->teachers);

		if (isnan(s))
			snprintf(buf, sizeof(buf), "%s",
			         r->teachers > 0 || r->teachers == MMS_REPORT_SUPPRESSED
			             ? SUPPRESSED_TEXT
			             : "—");
		else
			snprintf(buf, sizeof(buf), "%.0f %%", 100 * s);
		html_card(fp, buf, _("teachers with a programme"));
	}
	fputs("</div>\n</header>\n", fp);

	fputs("<section><h2>", fp);
	html_text(fp, _("Students' results by skill and school"));
	fputs("</h2>\n<p>", fp);
	html_text(fp,
	          _("Success: the points scored over the points possible, in %; a cell marked with "
	            "a black frame and \"!\" is below the threshold of its level (a deficit)."));
	fputs("</p>\n", fp);
	for (size_t a = 0; a < r->nassessments; a++) {
		fputs("<h3>", fp);
		html_text(fp, r->assessments[a].code);
		fputs(" — ", fp);
		html_text(fp, r->assessments[a].subject);
		fprintf(fp, ", %d</h3>\n", r->assessments[a].grade);
		html_heatmap(fp, r, a);
	}
	if (r->nschools > 1) {
		fputs("<p class=\"note\">", fp);
		for (size_t s = 0; s < r->nschools; s++) {
			fputs(s ? "; " : "", fp);
			html_text(fp, r->schools[s].code);
			fputs(" — ", fp);
			html_text(fp, r->schools[s].name);
		}
		fputs("</p>\n", fp);
	}
	fputs("</section>\n", fp);

	fputs("<section class=\"keep\"><h2>", fp);
	html_text(fp, _("Where the students' deficits are, by kind of skill"));
	fputs("</h2>\n", fp);
	html_deficits(fp, r);
	fputs("<p class=\"note\">", fp);
	snprintf(buf, sizeof(buf), "%ld", r->recurrent);
	html_text(fp, _("found at an earlier assessment too"));
	fprintf(fp, ": %s; ", buf);
	html_text(fp, _("students below half on a skill (student × skill)"));
	fprintf(fp, ": %ld</p>\n</section>\n", r->students_below);

	fputs("<section class=\"keep\"><h2>", fp);
	html_text(fp, _("The chain: from students' deficits to done"));
	fputs("</h2>\n", fp);
	html_funnel(fp, r);
	fputs("<p class=\"note\">", fp);
	html_text(fp,
	          _("From the second stage on, a stage counts teacher × skill pairs; \"ordered\" "
	            "counts course items in a line of a sent order."));
	fputs("</p>\n</section>\n", fp);

	fputs("<section class=\"keep\"><h2>", fp);
	html_text(fp, _("Teachers with an individual programme"));
	fputs("</h2>\n", fp);
	html_coverage(fp, r);
	fputs("<p class=\"note\">", fp);
	html_text(fp, _("Young teachers: under 35, or in their first three years of teaching. "
	                "A dashed line marks the target the district set (mms config targets)."));
	if (r->year) {
		fputs(" ", fp);
		html_text(fp, _("Programmes of the school year"));
		fputs(" ", fp);
		html_text(fp, r->year);
		fputs(".", fp);
	}
	fputs("</p>\n</section>\n", fp);

	html_competencies(fp, r);
	html_indicators(fp, r);
	html_followup(fp, r);

	fputs("<footer><p class=\"note\">", fp);
	html_text(fp, _("Made by mms"));
	fprintf(fp, " %s, %s. ", mms_version(), cli_date_text(r->today, day, sizeof(day)));
	html_text(
	    fp, _("Assessment results are not used to rate teachers: nothing in this report ranks "
	          "them."));
	fputs("</p></footer>\n</body>\n</html>\n", fp);
}

/* ---------------------------------------------------------------- xlsx */

struct xl {
	lxw_workbook *wb;
	lxw_format *head, *pct, *wrap;
};

static lxw_worksheet *xl_sheet(struct xl *x, const char *name, const char *const *heads, int n,
                               const double *widths)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);

	if (!ws)
		return NULL;
	for (int c = 0; c < n; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths ? widths[c] : 14, NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)c, heads[c], x->head);
	}
	worksheet_freeze_panes(ws, 1, 0);
	return ws;
}

static void xl_count(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, long v)
{
	if (v == MMS_REPORT_SUPPRESSED)
		worksheet_write_string(ws, r, c, SUPPRESSED_TEXT, NULL);
	else
		worksheet_write_number(ws, r, c, (double)v, NULL);
}

static void xl_num(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v, lxw_format *f)
{
	if (isnan(v))
		worksheet_write_blank(ws, r, c, NULL);
	else
		worksheet_write_number(ws, r, c, v, f);
}

static void xl_str(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f)
{
	if (s)
		worksheet_write_string(ws, r, c, s, f);
	else
		worksheet_write_blank(ws, r, c, NULL);
}

static int write_xlsx(struct cli *cli, const char *path, const char *shown, const mms_report *r)
{
	struct xl x;
	lxw_worksheet *ws;
	lxw_row_t row;
	lxw_error err;
	char buf[96];

	x.wb = workbook_new(path);
	if (!x.wb) {
		cli_error(cli, _("cannot write '%s'"), shown);
		return EXIT_IO;
	}
	x.head = workbook_add_format(x.wb);
	format_set_bold(x.head);
	format_set_bg_color(x.head, 0xDDDDDD);
	format_set_text_wrap(x.head);
	x.pct = workbook_add_format(x.wb);
	format_set_num_format(x.pct, "0%");
	x.wrap = workbook_add_format(x.wb);
	format_set_text_wrap(x.wrap);
	format_set_align(x.wrap, LXW_ALIGN_VERTICAL_TOP);

	/* the heat map: a row a skill, a column a school */
	{
		int n = 5 + (int)r->nschools;
		const char **heads = calloc((size_t)n, sizeof(*heads));

		if (!heads) {
			workbook_close(x.wb);
			cli_error(cli, _("out of memory"));
			return EXIT_SOFTWARE;
		}
		heads[0] = _("assessment");
		heads[1] = _("skill");
		heads[2] = _("what it checks");
		heads[3] = _("threshold");
		heads[4] = _("district");
		for (size_t s = 0; s < r->nschools; s++)
			heads[5 + s] = r->schools[s].name;
		ws = xl_sheet(&x, _("results"), heads, n, NULL);
		free(heads);
		if (ws) {
			worksheet_set_column(ws, 2, 2, 50, NULL);
			for (size_t k = 0; k < r->nskills; k++) {
				const mms_report_skill *sk = &r->skills[k];

				row = (lxw_row_t)(k + 1);
				xl_str(ws, row, 0, r->assessments[sk->assessment].code, NULL);
				xl_str(ws, row, 1, sk->code, NULL);
				xl_str(ws, row, 2, sk->text, NULL);
				xl_num(ws, row, 3, sk->threshold, x.pct);
				for (int c = 0; c <= (int)r->nschools; c++) {
					const mms_report_cell *cell =
					    c == 0 ? &sk->district : &sk->schools[c - 1];

					if (cell->suppressed)
						xl_str(ws, row, (lxw_col_t)(4 + c), SUPPRESSED_TEXT,
						       NULL);
					else if (cell->n > 0)
						xl_num(ws, row, (lxw_col_t)(4 + c), cell->success,
						       x.pct);
				}
			}
		}
	}

	/* where the deficits are */
	{
		const char *heads[] = {_("where"), mms_word(MMS_WORDS_SKILL, kind_keys[0]),
		                       mms_word(MMS_WORDS_SKILL, kind_keys[1]),
		                       mms_word(MMS_WORDS_SKILL, kind_keys[2]), _("total")};

		ws = xl_sheet(&x, _("deficits"), heads, 5, NULL);
		if (ws) {
			worksheet_set_column(ws, 0, 0, 24, NULL);
			for (int sp = 0; sp < MMS_NSPREAD; sp++) {
				row = (lxw_row_t)(sp + 1);
				xl_str(ws, row, 0, _(spread_names[sp]), NULL);
				for (int k = 0; k < MMS_NKIND; k++)
					xl_count(ws, row, (lxw_col_t)(1 + k), r->deficits[sp][k]);
				xl_count(ws, row, 4, total_deficits(r, sp));
			}
			xl_str(ws, 6, 0, _("found at an earlier assessment too"), NULL);
			xl_count(ws, 6, 4, r->recurrent);
			xl_str(ws, 7, 0, _("students below half on a skill (student × skill)"),
			       NULL);
			xl_count(ws, 7, 4, r->students_below);
		}
	}

	/* the chain */
	{
		const char *heads[] = {_("stage"), "n"};
		const double widths[] = {48, 10};

		ws = xl_sheet(&x, _("chain"), heads, 2, widths);
		for (int i = 0; ws && i < MMS_NSTAGE; i++) {
			xl_str(ws, (lxw_row_t)(i + 1), 0, _(stage_names[i]), NULL);
			xl_count(ws, (lxw_row_t)(i + 1), 1, r->funnel[i]);
		}
	}

	/* coverage */
	{
		const char *heads[] = {_("teachers"), _("number"), _("of them with a programme"),
		                       _("share")};
		const double widths[] = {48, 10, 14, 10};

		ws = xl_sheet(&x, _("coverage"), heads, 4, widths);
		if (ws) {
			xl_str(ws, 1, 0, _("all teachers"), NULL);
			xl_count(ws, 1, 1, r->teachers);
			xl_count(ws, 1, 2, r->with_programme);
			xl_num(ws, 1, 3, share(r->with_programme, r->teachers), x.pct);
			xl_str(ws, 2, 0, _("young teachers (under 35 or first three years)"), NULL);
			xl_count(ws, 2, 1, r->young);
			xl_count(ws, 2, 2, r->young_with_programme);
			xl_num(ws, 2, 3, share(r->young_with_programme, r->young), x.pct);
			xl_str(ws, 4, 0, _("the school year of the programmes"), NULL);
			xl_str(ws, 4, 1, r->year, NULL);
		}
	}

	/* competencies */
	{
		int n = 4 + (int)r->nschools;
		const char **heads = calloc((size_t)n, sizeof(*heads));

		if (!heads) {
			workbook_close(x.wb);
			cli_error(cli, _("out of memory"));
			return EXIT_SOFTWARE;
		}
		heads[0] = _("area");
		heads[1] = _("competency");
		heads[2] = _("teachers");
		heads[3] = _("needs");
		for (size_t s = 0; s < r->nschools; s++)
			heads[4 + s] = r->schools[s].code;
		ws = xl_sheet(&x, _("competencies"), heads, n, NULL);
		free(heads);
		if (ws) {
			worksheet_set_column(ws, 0, 0, 24, NULL);
			worksheet_set_column(ws, 1, 1, 60, NULL);
			for (size_t i = 0; i < r->ncompetencies; i++) {
				const mms_report_competency *c = &r->competencies[i];

				row = (lxw_row_t)(i + 1);
				xl_str(ws, row, 0, c->area, NULL);
				xl_str(ws, row, 1, c->name, NULL);
				xl_count(ws, row, 2, c->confirmed);
				xl_count(ws, row, 3, c->needs);
				for (size_t s = 0; s < r->nschools; s++)
					xl_count(ws, row, (lxw_col_t)(4 + s), c->schools[s]);
			}
		}
	}

	/* indicators */
	{
		const char *heads[] = {
		    "№",        _("indicator"), _("wording in the model"), _("met"),
		    _("value"), _("of"),        _("computed from")};
		const double widths[] = {5, 40, 50, 8, 10, 10, 70};

		ws = xl_sheet(&x, _("indicators"), heads, 7, widths);
		for (size_t i = 0; ws && i < r->nindicators; i++) {
			const mms_report_indicator *in = &r->indicators[i];

			row = (lxw_row_t)(i + 1);
			if (in->number)
				worksheet_write_number(ws, row, 0, in->number, NULL);
			xl_str(ws, row, 1, in->title, x.wrap);
			xl_str(ws, row, 2, in->seed_text, x.wrap);
			xl_str(ws, row, 3, in->number ? indicator_verdict(in) : "", NULL);
			xl_count(ws, row, 4, in->value);
			if (in->of)
				xl_count(ws, row, 5, in->of);
			xl_str(ws, row, 6, in->basis, x.wrap);
		}
	}

	/* the follow-up */
	{
		const char *heads[] = {
		    _("teacher"), _("school"), _("skill"), _("form"), _("status"), _("before"),
		    _("classes before"), _("n before"), _("success before"), _("district before"),
		    _("after"), _("classes after"), _("n after"), _("success after"),
		    _("district after"), _("change against the district, points"),
		    /* xgettext:no-c-format */
		    _("95 % from"),
		    /* xgettext:no-c-format */
		    _("95 % to"), _("verdict")};
		const int n = (int)(sizeof(heads) / sizeof(heads[0]));

		ws = xl_sheet(&x, _("follow-up"), heads, n, NULL);
		if (ws) {
			worksheet_set_column(ws, 0, 0, 30, NULL);
			for (size_t i = 0; i < r->nfollowups; i++) {
				const mms_report_followup *f = &r->followups[i];

				row = (lxw_row_t)(i + 1);
				xl_str(ws, row, 0, f->teacher, NULL);
				xl_str(ws, row, 1, f->school, NULL);
				xl_str(ws, row, 2, f->skill, NULL);
				xl_str(ws, row, 3, f->form, NULL);
				xl_str(ws, row, 4, f->status, NULL);
				xl_str(ws, row, 5, f->before.assessment, NULL);
				xl_str(ws, row, 6, f->before.classes, NULL);
				worksheet_write_number(ws, row, 7, (double)f->before.n, NULL);
				xl_num(ws, row, 8, f->before.success, x.pct);
				xl_num(ws, row, 9, f->before.district_success, x.pct);
				xl_str(ws, row, 10, f->after.assessment, NULL);
				xl_str(ws, row, 11, f->after.classes, NULL);
				worksheet_write_number(ws, row, 12, (double)f->after.n, NULL);
				xl_num(ws, row, 13, f->after.success, x.pct);
				xl_num(ws, row, 14, f->after.district_success, x.pct);
				xl_num(ws, row, 15, f->did, x.pct);
				xl_num(ws, row, 16, f->ci_low, x.pct);
				xl_num(ws, row, 17, f->ci_high, x.pct);
				xl_str(ws, row, 18, verdict_text(f->verdict), NULL);
			}
			row = (lxw_row_t)(r->nfollowups + 2);
			for (int v = 0; v < MMS_NFOLLOWUP; v++) {
				xl_str(ws, row + (lxw_row_t)v, 0, verdict_text(v), NULL);
				xl_count(ws, row + (lxw_row_t)v, 1, r->followup_counts[v]);
			}
			xl_str(ws, row + MMS_NFOLLOWUP, 0, _("waiting for a later assessment"),
			       NULL);
			xl_count(ws, row + MMS_NFOLLOWUP, 1, r->followup_pending);
			if (r->followup_chosen_low != 0)
				xl_str(ws, row + MMS_NFOLLOWUP + 1, 0, regression_note(), NULL);
		}
	}
	(void)buf;
	err = workbook_close(x.wb);
	if (err != LXW_NO_ERROR) {
		cli_error(cli, _("cannot write '%s': %s"), shown, lxw_strerror(err));
		return EXIT_IO;
	}
	return EXIT_OK;
}

/* ---------------------------------------------------------------- main */

int cmd_report(int argc, char **argv, struct cli *cli)
{
	static const struct option opts[] = {{"assessment", required_argument, NULL, 'a'},
	                                     {"school", required_argument, NULL, 's'},
	                                     {"anonymous", no_argument, NULL, 'n'},
	                                     {"format", required_argument, NULL, 'f'},
	                                     {"output", required_argument, NULL, 'o'},
	                                     {"force", no_argument, NULL, 'F'},
	                                     {"quiet", no_argument, NULL, 'q'},
	                                     {NULL, 0, NULL, 0}};
	mms_report_opts o = {0};
	enum format fmt = FMT_TEXT;
	const char *outfile = NULL, *today = getenv("MMS_TODAY");
	mms_report *r;
	struct cli_output out;
	FILE *fp = stdout;
	int opt, rc, quiet = 0, code = EXIT_OK;

	while ((opt = getopt_long(argc, argv, "o:q", opts, NULL)) != -1) {
		switch (opt) {
		case 'a':
			o.assessment = optarg;
			break;
		case 's':
			o.school = optarg;
			break;
		case 'n':
			o.anonymous = 1;
			break;
		case 'f':
			if (cli_format(cli, optarg, format_names, (int *)&fmt))
				return EXIT_USAGE;
			break;
		case 'F':
			cli->force = 1;
			break;
		case 'o':
			outfile = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		default:
			return cli_usage_error(cli, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error(cli, _("unexpected argument '%s'"), argv[optind]);
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
		struct cli_output xo;

		code = cli_output_begin_path(cli, &xo, outfile);
		if (code == 0) {
			/* a workbook's XML has a decimal point whatever the locale */
			locale_t old = cli_numeric_c();

			code = write_xlsx(cli, xo.file.tmp, outfile, r);
			cli_numeric_restore(old);
			if (cli_output_close(cli, &xo, code == EXIT_OK) != EXIT_OK)
				code = EXIT_IO;
		}
	} else if (!quiet || outfile) {
		if ((code = cli_output_open(cli, &out, outfile)) != 0) {
			mms_report_free(r);
			return code;
		}
		fp = out.fp;
		if (fmt == FMT_JSON) {
			print_json(fp, r);
		} else if (fmt == FMT_HTML) {
			print_html(fp, r);
		} else {
			const char *nc = getenv("NO_COLOR");
			int colour = fp == stdout && isatty(STDOUT_FILENO) && !nc;

			if (print_text(fp, r, colour)) {
				cli_error(cli, _("out of memory"));
				code = EXIT_SOFTWARE;
			}
		}
		if (fp != stdout) {
			if (cli_output_close(cli, &out, code == EXIT_OK) != EXIT_OK)
				code = EXIT_IO;
		} else if (fflush(stdout) != 0 || ferror(stdout)) {
			code = cli_finish(cli, EXIT_OK);
		}
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
