/* mms report in the terminal: sections, tables, colour on a terminal. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "export.h"
#include "json.h"
#include "mms/words.h"
#include "report_int.h"
#include "table.h"

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
		rc |= table_column(t, mms_word(MMS_WORDS_SKILL, rp_kind_keys[k]), TABLE_RIGHT, 0);
	rc |= table_column(t, _("total"), TABLE_RIGHT, 0);
	for (int sp = 0; sp < MMS_NSPREAD && rc == 0; sp++) {
		rc |=
		    table_cell(t, mms_word(MMS_WORDS_SPREAD, mms_spread_key((enum mms_spread)sp)));
		for (int k = 0; k < MMS_NKIND; k++)
			rc |= table_cellf(t, "%ld", r->deficits[sp][k]);
		rc |= table_cellf(t, "%ld", rp_total_deficits(r, sp));
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
		rc |= table_cell(t, _(rp_stage_names[i]));
		rc |= table_cell(t, rp_count_text(buf, sizeof(buf), r->funnel[i]));
		rc |= table_cell(t, bar);
		rc |= table_end_row(t);
	}
	if (rc == 0)
		table_print(t, fp, 2);
	table_free(t);
	return rc;
}

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
			        rp_indicator_value(buf, sizeof(buf), in));
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
		rc |= table_cell(t, rp_count_text(b1, sizeof(b1), c->confirmed));
		rc |= table_cell(t, rp_count_text(b2, sizeof(b2), c->needs));
		rc |= table_end_row(t);
	}
	if (rc == 0)
		table_print(t, fp, 2);
	table_free(t);
	return rc;
}

/* An indicator's verdict in words: yes, no, no data; "" for a share. */
const char *rp_indicator_verdict(const mms_report_indicator *in)
{
	if (!in->number)
		return "";
	return in->met == MMS_INDICATOR_YES  ? _("yes")
	       : in->met == MMS_INDICATOR_NO ? _("no")
	                                     : _("no data");
}

/* What it rests on: "1 of 1 (100 %)", a count, or a share against the district's target. */
const char *rp_indicator_value(char *buf, size_t size, const mms_report_indicator *in)
{
	char num[96];
	const char *rp_share;

	if (in->number && in->met == MMS_INDICATOR_NO_DATA) {
		buf[0] = '\0';
		return buf;
	}
	if (!in->of) {
		snprintf(buf, size, "%s", rp_count_text(num, sizeof(num), in->value));
		return buf;
	}
	rp_share = rp_share_text(num, sizeof(num), in->value, in->of);
	if (in->number)
		snprintf(buf, size, "%s", rp_share);
	else if (in->target > 0)
		/* xgettext:no-c-format */
		snprintf(buf, size, _("%s; the district's target: %.0f %%"), rp_share, in->target);
	else
		snprintf(buf, size, _("%s; no target set (mms config targets)"), rp_share);
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
		const char *value = rp_indicator_value(buf, sizeof(buf), in);

		if (!in->number) {
			if (!shares++)
				fprintf(fp, "  %s\n", _("shares:"));
			fprintf(fp, "   –  %s: %s\n", in->title, value);
		} else {
			fprintf(fp, "  %2d. %s: %s%s%s%s%s\n", in->number, in->title,
			        indicator_colour(s, in), rp_indicator_verdict(in), s->off,
			        value[0] ? ", " : "", value);
		}
		fprintf(fp, "      %s%s%s\n", s->dim, in->basis, s->off);
		if (in->number == 11)
			for (size_t q = 0; q < r->nquestions; q++)
				fprintf(fp, _("        %s: %.1f of 5 (%ld answers)\n"),
				        r->questions[q].question, r->questions[q].mean,
				        r->questions[q].answers);
	}
}

static void text_marks(FILE *fp, const mms_report *r, const struct style *s)
{
	char b[4][32], day[32];

	heading(fp, s, _("Marks and the objectivity of the results"));
	for (size_t a = 0; a < r->nassessments; a++) {
		const mms_report_assessment *as = &r->assessments[a];

		if (!as->marked) {
			fprintf(fp, _("  %s: no marks\n"), as->code);
			continue;
		}
		fprintf(fp,
		        _("  %s: pass rate %s, quality %s, mean mark %.2f; the work's mark above "
		          "the journal's: %s\n"),
		        as->code, rp_pct_text(b[0], sizeof(b[0]), as->pass),
		        rp_pct_text(b[1], sizeof(b[1]), as->quality), as->mean,
		        rp_pct_text(b[2], sizeof(b[2]), as->higher_share));
		for (size_t y = 0; y + 1 < as->nyears; y++)
			fprintf(fp, _("    %s%s (%s): pass rate %s, quality %s%s\n"), s->dim,
			        as->years[y].assessment,
			        as->years[y].date
			            ? cli_date_text(as->years[y].date, day, sizeof(day))
			            : "—",
			        rp_pct_text(b[0], sizeof(b[0]), as->years[y].pass),
			        rp_pct_text(b[1], sizeof(b[1]), as->years[y].quality), s->off);
	}
	if (!r->nsigns) {
		fprintf(fp, "  %s\n", _("no signs of non-objective results"));
		return;
	}
	fprintf(fp, "  %s\n",
	        _("signs of non-objective results (a reason to look, not a verdict; "
	          "never a mentor's evidence):"));
	for (size_t i = 0; i < r->nsigns; i++) {
		const mms_report_sign *g = &r->signs[i];

		fprintf(fp, "   –  %s: %s%s%s — %s%s%s\n", g->assessment, g->school_name,
		        g->class_label ? ", " : "", g->class_label ? g->class_label : "", s->yellow,
		        mms_word(MMS_WORDS_SIGN, g->sign), s->off);
	}
}

static void text_followup(FILE *fp, const mms_report *r, const struct style *s)
{
	char b[8][32], words[256], day[32];

	heading(fp, s, _("Follow-up: the students' results after the programme"));
	for (size_t i = 0; i < r->nfollowups; i++) {
		const mms_report_followup *f = &r->followups[i];
		const char *col = f->verdict == MMS_FOLLOWUP_IMPROVED ? s->green
		                  : f->verdict == MMS_FOLLOWUP_WORSE  ? s->red
		                                                      : s->yellow;

		fprintf(fp, "  %s (%s), %s %s — %s%s%s", f->teacher, f->school, _("skill"),
		        f->skill, col, rp_verdict_text(f->verdict), s->off);
		if (f->done)
			fprintf(fp, _(" (done %s)"), cli_date_text(f->done, day, sizeof(day)));
		fputc('\n', fp);
		fprintf(fp, _("    %s → %s: %s (n=%ld) → %s (n=%ld); district %s → %s\n"),
		        f->before.classes, f->after.classes,
		        rp_pct_text(b[0], sizeof(b[0]), f->before.success), f->before.n,
		        rp_pct_text(b[1], sizeof(b[1]), f->after.success), f->after.n,
		        rp_pct_text(b[2], sizeof(b[2]), f->before.district_success),
		        rp_pct_text(b[3], sizeof(b[3]), f->after.district_success));
		fprintf(fp, "    %s\n", rp_change_words(words, sizeof(words), f));
		fprintf(fp, "    %s%s → %s%s\n", s->dim, f->before.assessment, f->after.assessment,
		        s->off);
	}
	fprintf(fp, "  ");
	for (int v = 0; v < MMS_NFOLLOWUP; v++)
		fprintf(fp, "%s%s: %s", v ? ", " : "", rp_verdict_text(v),
		        rp_count_text(b[v], sizeof(b[v]), r->followup_counts[v]));
	fprintf(fp, _("; waiting for a later assessment: %s\n"),
	        rp_count_text(b[4], sizeof(b[4]), r->followup_pending));
	if (r->followup_in_progress)
		fprintf(fp, _("  in progress, measured once done: %s\n"),
		        rp_count_text(b[5], sizeof(b[5]), r->followup_in_progress));
	if (r->followup_chosen_low != 0)
		fprintf(fp, "  %s%s%s\n", s->dim, rp_regression_note(), s->off);
}

int rp_print_text(FILE *fp, const mms_report *r, int colour)
{
	char day[32];
	const struct style *s = colour ? &ansi : &plain;

	fprintf(fp, _("%sMethodological service: %s, %s%s\n"), s->bold, rp_scope_text(r),
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
	text_marks(fp, r, s);
	if (text_heatmap(fp, r, s) || text_deficits(fp, r, s) || text_funnel(fp, r, s))
		return -1;
	text_coverage(fp, r, s);
	if (text_competencies(fp, r, s))
		return -1;
	text_indicators(fp, r, s);
	text_followup(fp, r, s);
	return 0;
}
