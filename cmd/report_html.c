/* mms report as HTML: one self-contained page for A4. */
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

/* The marks of each assessment with its earlier years, and the signs of non-objective results. */
static void html_marks(FILE *fp, const mms_report *r)
{
	const char *heads[] = {_("assessment"), _("pass rate (3–5)"), _("quality (4–5)"),
	                       _("mean mark"), _("raised, %")};
	char b[4][32];

	fputs("<section><h2>", fp);
	html_text(fp, _("Marks and the objectivity of the results"));
	fputs("</h2>\n<table><thead><tr>", fp);
	html_heads(fp, heads, sizeof(heads) / sizeof(heads[0]));
	fputs("</tr></thead><tbody>\n", fp);
	for (size_t a = 0; a < r->nassessments; a++) {
		const mms_report_assessment *as = &r->assessments[a];

		for (size_t y = 0; y < as->nyears || (y == 0 && !as->nyears); y++) {
			int last = y + 1 >= as->nyears;

			fputs("<tr><td>", fp);
			html_text(fp, as->nyears ? as->years[y].assessment : as->code);
			if (!last)
				fputs(" <span class=\"note\">↗</span>", fp);
			fprintf(
			    fp, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td>",
			    rp_pct_text(b[0], sizeof(b[0]), last ? as->pass : as->years[y].pass),
			    rp_pct_text(b[1], sizeof(b[1]),
			                last ? as->quality : as->years[y].quality));
			if (last && as->marked)
				fprintf(
				    fp, "<td class=\"n\">%.2f</td><td class=\"n\">%s</td></tr>\n",
				    as->mean, rp_pct_text(b[2], sizeof(b[2]), as->higher_share));
			else
				fputs("<td></td><td></td></tr>\n", fp);
		}
	}
	fputs("</tbody></table>\n<p>", fp);
	if (!r->nsigns) {
		html_text(fp, _("no signs of non-objective results"));
		fputs("</p>\n</section>\n", fp);
		return;
	}
	html_text(fp, _("signs of non-objective results (a reason to look, not a verdict; never a "
	                "mentor's evidence):"));
	fputs("</p>\n<ul>\n", fp);
	for (size_t i = 0; i < r->nsigns; i++) {
		const mms_report_sign *g = &r->signs[i];

		fputs("<li>", fp);
		html_text(fp, g->assessment);
		fputs(": ", fp);
		html_text(fp, g->school_name);
		if (g->class_label) {
			fputs(", ", fp);
			html_text(fp, g->class_label);
		}
		fputs(" — ", fp);
		html_text(fp, mms_word(MMS_WORDS_SIGN, g->sign));
		fputs("</li>\n", fp);
	}
	fputs("</ul>\n</section>\n", fp);
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
		rp_html_forest(fp, r);
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

			html_heads(fp, heads, sizeof(heads) / sizeof(heads[0]));
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
			    rp_pct_text(b[0], sizeof(b[0]), f->before.success), f->before.n,
			    rp_pct_text(b[1], sizeof(b[1]), f->after.success), f->after.n,
			    rp_pct_text(b[2], sizeof(b[2]), f->before.district_success),
			    rp_pct_text(b[3], sizeof(b[3]), f->after.district_success));
			html_text(fp, rp_change_words(words, sizeof(words), f));
			fputs("</td>", fp);
			fprintf(fp, "<td style=\"color:%s;font-weight:bold\">",
			        rp_verdict_colours[f->verdict]);
			html_text(fp, rp_verdict_text(f->verdict));
			fputs("</td></tr>\n", fp);
		}
		fputs("</tbody></table>\n", fp);
	}
	fputs("<table><thead><tr>", fp);
	for (int v = 0; v < MMS_NFOLLOWUP; v++) {
		fputs("<th>", fp);
		html_text(fp, rp_verdict_text(v));
		fputs("</th>", fp);
	}
	fputs("<th>", fp);
	html_text(fp, _("waiting for a later assessment"));
	fputs("</th></tr></thead><tbody><tr>", fp);
	for (int v = 0; v < MMS_NFOLLOWUP; v++) {
		fputs("<td class=\"n\">", fp);
		html_text(fp, rp_count_text(b[v], sizeof(b[v]), r->followup_counts[v]));
		fputs("</td>", fp);
	}
	fputs("<td class=\"n\">", fp);
	html_text(fp, rp_count_text(b[7], sizeof(b[7]), r->followup_pending));
	fputs("</td></tr></tbody></table>\n", fp);
	if (r->followup_in_progress) {
		fputs("<p class=\"note\">", fp);
		html_text(fp, _("in progress, measured once done:"));
		fputs(" ", fp);
		html_text(fp, rp_count_text(b[6], sizeof(b[6]), r->followup_in_progress));
		fputs("</p>\n", fp);
	}
	if (r->followup_chosen_low != 0) {
		fputs("<p class=\"note\">", fp);
		html_text(fp, rp_regression_note());
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
		html_text(fp, rp_count_text(buf, sizeof(buf), c->confirmed));
		fputs("</td><td class=\"n\">", fp);
		html_text(fp, rp_count_text(buf, sizeof(buf), c->needs));
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
				html_text(fp, rp_count_text(buf, sizeof(buf), c->schools[s]));
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
		html_text(fp, rp_indicator_verdict(in));
		fputs("</span><br/>", fp);
		html_text(fp, rp_indicator_value(buf, sizeof(buf), in));
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

void rp_print_html(FILE *fp, const mms_report *r)
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
	html_text(fp, rp_scope_text(r));
	fprintf(fp, ", %s</title>\n<style>%s</style>\n</head>\n<body>\n<header><h1>",
	        cli_date_text(r->today, day, sizeof(day)), html_css);
	html_text(fp, _("Methodological service"));
	fputs(": ", fp);
	html_text(fp, rp_scope_text(r));
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
	html_card(fp, rp_count_text(b3, sizeof(b3), r->funnel[MMS_STAGE_DEFICITS]),
	          _(rp_stage_names[MMS_STAGE_DEFICITS]));
	html_card(fp, rp_count_text(b2, sizeof(b2), r->funnel[MMS_STAGE_NEEDS]),
	          _("teachers' needs accepted"));
	{
		double s = rp_share(r->with_programme, r->teachers);

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
	html_marks(fp, r);

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
		rp_html_heatmap(fp, r, a);
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
	rp_html_deficits(fp, r);
	fputs("<p class=\"note\">", fp);
	snprintf(buf, sizeof(buf), "%ld", r->recurrent);
	html_text(fp, _("found at an earlier assessment too"));
	fprintf(fp, ": %s; ", buf);
	html_text(fp, _("students below half on a skill (student × skill)"));
	fprintf(fp, ": %ld</p>\n</section>\n", r->students_below);

	fputs("<section class=\"keep\"><h2>", fp);
	html_text(fp, _("The chain: from students' deficits to done"));
	fputs("</h2>\n", fp);
	rp_html_funnel(fp, r);
	fputs("<p class=\"note\">", fp);
	html_text(fp,
	          _("From the second stage on, a stage counts teacher × skill pairs; \"ordered\" "
	            "counts course items in a line of a sent order."));
	fputs("</p>\n</section>\n", fp);

	fputs("<section class=\"keep\"><h2>", fp);
	html_text(fp, _("Teachers with an individual programme"));
	fputs("</h2>\n", fp);
	rp_html_coverage(fp, r);
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
