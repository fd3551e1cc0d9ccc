/* mms report as an Excel workbook: one sheet a section. */
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
#include "xlsx.h"

/* ---------------------------------------------------------------- xlsx */

static void xl_count(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, long v)
{
	if (v == MMS_REPORT_SUPPRESSED)
		worksheet_write_string(ws, r, c, SUPPRESSED_TEXT, NULL);
	else
		worksheet_write_number(ws, r, c, (double)v, NULL);
}

/* A sheet whose heads are FIXED, then a column a school (its name, or its
   code); *WS NULL when the sheet could not be added.  -1 when out of memory. */
static int school_sheet(struct xl *x, const char *name, const char *const *fixed, int nfixed,
                        const mms_report *r, int by_name, lxw_worksheet **ws)
{
	int n = nfixed + (int)r->nschools;
	const char **heads = calloc((size_t)n, sizeof(*heads));

	if (!heads)
		return -1;
	for (int i = 0; i < nfixed; i++)
		heads[i] = fixed[i];
	for (size_t s = 0; s < r->nschools; s++)
		heads[nfixed + (int)s] = by_name ? r->schools[s].name : r->schools[s].code;
	*ws = xl_sheet(x, name, heads, n, NULL);
	free(heads);
	return 0;
}

int rp_write_xlsx(struct cli *cli, const char *path, const char *shown, const void *data)
{
	const mms_report *r = data;
	struct xl x;
	lxw_worksheet *ws;
	lxw_row_t row;
	char buf[96];
	int code = xl_open(cli, &x, path, shown);

	if (code)
		return code;

	/* the heat map: a row a skill, a column a school */
	{
		const char *fixed[] = {_("assessment"), _("skill"), _("what it checks"),
		                       _("threshold"), _("district")};

		if (school_sheet(&x, _("results"), fixed, 5, r, 1, &ws) != 0)
			return xl_abandon(cli, &x);
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
		const char *heads[] = {_("where"), mms_word(MMS_WORDS_SKILL, rp_kind_keys[0]),
		                       mms_word(MMS_WORDS_SKILL, rp_kind_keys[1]),
		                       mms_word(MMS_WORDS_SKILL, rp_kind_keys[2]), _("total")};

		ws = xl_sheet(&x, _("deficits"), heads, 5, NULL);
		if (ws) {
			worksheet_set_column(ws, 0, 0, 24, NULL);
			for (int sp = 0; sp < MMS_NSPREAD; sp++) {
				row = (lxw_row_t)(sp + 1);
				xl_str(
				    ws, row, 0,
				    mms_word(MMS_WORDS_SPREAD, mms_spread_key((enum mms_spread)sp)),
				    NULL);
				for (int k = 0; k < MMS_NKIND; k++)
					xl_count(ws, row, (lxw_col_t)(1 + k), r->deficits[sp][k]);
				xl_count(ws, row, 4, rp_total_deficits(r, sp));
			}
			xl_str(ws, 6, 0, _("found at an earlier assessment too"), NULL);
			xl_count(ws, 6, 4, r->recurrent);
			xl_str(ws, 7, 0, _("students below half on a skill (student × skill)"),
			       NULL);
			xl_count(ws, 7, 4, r->students_below);
		}
	}

	/* marks and signs */
	{
		const char *heads[] = {_("assessment"),    _("date"),      _("pass rate (3–5)"),
		                       _("quality (4–5)"), _("mean mark"), _("raised, %")};
		const double widths[] = {22, 12, 14, 14, 12, 12};
		const char *sheads[] = {_("assessment"), _("school"), _("class"), _("sign")};
		const double swidths[] = {22, 40, 10, 40};

		ws = xl_sheet(&x, _("marks"), heads, 6, widths);
		row = 1;
		for (size_t a = 0; ws && a < r->nassessments; a++) {
			const mms_report_assessment *as = &r->assessments[a];

			for (size_t y = 0; y + 1 < as->nyears; y++, row++) {
				xl_str(ws, row, 0, as->years[y].assessment, NULL);
				xl_str(ws, row, 1, as->years[y].date, NULL);
				xl_num(ws, row, 2, as->years[y].pass, x.pct);
				xl_num(ws, row, 3, as->years[y].quality, x.pct);
			}
			xl_str(ws, row, 0, as->code, NULL);
			xl_str(ws, row, 1, as->date, NULL);
			xl_num(ws, row, 2, as->pass, x.pct);
			xl_num(ws, row, 3, as->quality, x.pct);
			xl_num(ws, row, 4, as->mean, NULL);
			xl_num(ws, row, 5, as->higher_share, x.pct);
			row++;
		}
		ws = xl_sheet(&x, _("signs"), sheads, 4, swidths);
		for (size_t i = 0; ws && i < r->nsigns; i++) {
			const mms_report_sign *g = &r->signs[i];

			row = (lxw_row_t)(i + 1);
			xl_str(ws, row, 0, g->assessment, NULL);
			xl_str(ws, row, 1, g->school_name, NULL);
			xl_str(ws, row, 2, g->class_label, NULL);
			xl_str(ws, row, 3, mms_word(MMS_WORDS_SIGN, g->sign), NULL);
		}
	}

	/* the chain */
	{
		const char *heads[] = {_("stage"), "n"};
		const double widths[] = {48, 10};

		ws = xl_sheet(&x, _("chain"), heads, 2, widths);
		for (int i = 0; ws && i < MMS_NSTAGE; i++) {
			xl_str(ws, (lxw_row_t)(i + 1), 0, _(rp_stage_names[i]), NULL);
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
			xl_num(ws, 1, 3, rp_share(r->with_programme, r->teachers), x.pct);
			xl_str(ws, 2, 0, _("young teachers (under 35 or first three years)"), NULL);
			xl_count(ws, 2, 1, r->young);
			xl_count(ws, 2, 2, r->young_with_programme);
			xl_num(ws, 2, 3, rp_share(r->young_with_programme, r->young), x.pct);
			xl_str(ws, 4, 0, _("the school year of the programmes"), NULL);
			xl_str(ws, 4, 1, r->year, NULL);
		}
	}

	/* competencies */
	{
		const char *fixed[] = {_("area"), _("competency"), _("teachers"), _("needs")};

		if (school_sheet(&x, _("competencies"), fixed, 4, r, 0, &ws) != 0)
			return xl_abandon(cli, &x);
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
			xl_str(ws, row, 3, in->number ? rp_indicator_verdict(in) : "", NULL);
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
				xl_str(ws, row, 18, rp_verdict_text(f->verdict), NULL);
			}
			row = (lxw_row_t)(r->nfollowups + 2);
			for (int v = 0; v < MMS_NFOLLOWUP; v++) {
				xl_str(ws, row + (lxw_row_t)v, 0, rp_verdict_text(v), NULL);
				xl_count(ws, row + (lxw_row_t)v, 1, r->followup_counts[v]);
			}
			xl_str(ws, row + MMS_NFOLLOWUP, 0, _("waiting for a later assessment"),
			       NULL);
			xl_count(ws, row + MMS_NFOLLOWUP, 1, r->followup_pending);
			xl_str(ws, row + MMS_NFOLLOWUP + 1, 0, _("in progress, measured once done"),
			       NULL);
			xl_count(ws, row + MMS_NFOLLOWUP + 1, 1, r->followup_in_progress);
			if (r->followup_chosen_low != 0)
				xl_str(ws, row + MMS_NFOLLOWUP + 2, 0, rp_regression_note(), NULL);
		}
	}
	(void)buf;
	return xl_close(cli, &x);
}
