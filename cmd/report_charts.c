/* mms report as HTML: the style and the SVG charts mms draws itself. */
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

/* An SVG chart's figure, W × H, its TITLE the tooltip and what a screen reader says. */
static void svg_open(FILE *fp, int w, int h, const char *title)
{
	fprintf(fp,
	        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	        "width=\"%d\" height=\"%d\" role=\"img\" font-size=\"11\"><title>",
	        w, h, w, h);
	html_text(fp, title);
	fputs("</title>", fp);
}

/* A short form of S for a chart's label: at most WIDTH columns. */
void rp_esc_cut(FILE *fp, const char *s, size_t width)
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
const char *const rp_cell_colours[] = {
    [MMS_VERDICT_NO_DATA] = "#dddddd",
    [MMS_VERDICT_SUFFICIENT] = "#91cf60",
    [MMS_VERDICT_UNCERTAIN] = "#fee08b",
    [MMS_VERDICT_DEFICIT] = "#e8604c",
};

const char *rp_cell_verdict_text(int v)
{
	return v == MMS_VERDICT_DEFICIT      ? _("a deficit (below the skill's threshold)")
	       : v == MMS_VERDICT_UNCERTAIN  ? _("uncertainty zone")
	       : v == MMS_VERDICT_SUFFICIENT ? _("sufficient")
	                                     : _("too few to judge");
}

void rp_html_heatmap(FILE *fp, const mms_report *r, size_t a)
{
	const int lw = 330, cw = 46, ch = 20, hh = 150;
	int ncol = (int)r->nschools + 1, nrow = 0, y, w, h;
	char buf[32];
	/* the words of every cell's tooltip, looked up once and not a cell at a time */
	const char *verdicts[MMS_NVERDICT];
	const char *district = _("district");

	for (int v = 0; v < MMS_NVERDICT; v++)
		verdicts[v] = rp_cell_verdict_text(v);

	for (size_t k = 0; k < r->nskills; k++)
		nrow += r->skills[k].assessment == a;
	w = lw + cw * ncol + 60; /* room for the last rotated head */
	h = hh + ch * nrow + 34;
	svg_open(fp, w, h, _("success by skill and school"));
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
			rp_esc_cut(fp, r->schools[c - 1].name, 26);
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
		rp_esc_cut(fp, sk->text, 40);
		fputs("</text>", fp);
		for (int c = 0; c < ncol; c++) {
			const mms_report_cell *cell = c == 0 ? &sk->district : &sk->schools[c - 1];
			int x = lw + c * cw;

			fputs("<g><title>", fp);
			html_text(fp, c == 0 ? district : r->schools[c - 1].name);
			fputs(", ", fp);
			html_text(fp, sk->code);
			fputs(": ", fp);
			if (cell->suppressed)
				fputs(_("fewer than 10 participants"), fp);
			else if (cell->n == 0)
				fputs(_("no result"), fp);
			else
				fprintf(fp, "%s (n=%ld), %s",
				        rp_pct_text(buf, sizeof(buf), cell->success), cell->n,
				        verdicts[cell->verdict]);
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
			        rp_cell_colours[cell->verdict],
			        cell->deficit ? "#000000" : "#ffffff", cell->deficit ? 2 : 1);
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
	for (int v = MMS_VERDICT_DEFICIT, x = 4; v >= MMS_VERDICT_NO_DATA; v--) {
		fprintf(fp,
		        "<rect x=\"%d\" y=\"%d\" width=\"18\" height=\"12\" fill=\"%s\" "
		        "stroke=\"%s\" stroke-width=\"%d\"/><text x=\"%d\" y=\"%d\" "
		        "font-size=\"10\">",
		        x, y, rp_cell_colours[v], v == MMS_VERDICT_DEFICIT ? "#000000" : "#ffffff",
		        v == MMS_VERDICT_DEFICIT ? 2 : 1, x + 22, y + 10);
		html_text(fp, rp_cell_verdict_text(v));
		fputs("</text>", fp);
		x += 22 + 7 * (int)table_width(rp_cell_verdict_text(v)) + 14;
	}
	fputs("</svg></figure>\n", fp);
}

void rp_html_deficits(FILE *fp, const mms_report *r)
{
	const int lw = 150, bw = 420, rh = 28;
	long max = 1;
	int h = MMS_NSPREAD * rh + 40, w = lw + bw + 60;

	for (int sp = 0; sp < MMS_NSPREAD; sp++)
		if (rp_total_deficits(r, sp) > max)
			max = rp_total_deficits(r, sp);
	svg_open(fp, w, h, _("deficits by spread and kind of skill"));
	for (int sp = 0; sp < MMS_NSPREAD; sp++) {
		int y = sp * rh + 4, x = lw;

		fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", lw - 6, y + 15);
		html_text(fp, mms_word(MMS_WORDS_SPREAD, mms_spread_key((enum mms_spread)sp)));
		fputs("</text>", fp);
		for (int k = 0; k < MMS_NKIND; k++) {
			int bwk = (int)(r->deficits[sp][k] * bw / max);

			if (bwk <= 0)
				continue;
			fprintf(fp,
			        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"20\" fill=\"%s\">"
			        "<title>",
			        x, y, bwk, rp_kind_colours[k]);
			html_text(fp, mms_word(MMS_WORDS_SKILL, rp_kind_keys[k]));
			fprintf(fp, ": %ld</title></rect>", r->deficits[sp][k]);
			x += bwk;
		}
		fprintf(fp, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%ld</text>", x + 5,
		        y + 15, rp_total_deficits(r, sp));
	}
	for (int k = 0, x = lw; k < MMS_NKIND; k++) {
		int y = MMS_NSPREAD * rh + 14;

		fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>", x,
		        y, rp_kind_colours[k]);
		fprintf(fp, "<text x=\"%d\" y=\"%d\" font-size=\"10\">", x + 16, y + 10);
		html_text(fp, mms_word(MMS_WORDS_SKILL, rp_kind_keys[k]));
		fputs("</text>", fp);
		x += 150;
	}
	fputs("</svg></figure>\n", fp);
}

void rp_html_funnel(FILE *fp, const mms_report *r)
{
	const int lw = 300, bw = 360, rh = 30, cx = lw + bw / 2;
	long max = 1;
	int w = lw + bw + 60, h = MMS_NSTAGE * rh + 8;
	char buf[32];

	for (int i = 0; i < MMS_NSTAGE; i++)
		if (r->funnel[i] > max)
			max = r->funnel[i];
	svg_open(fp, w, h, _("the chain as a funnel"));
	for (int i = 0; i < MMS_NSTAGE; i++) {
		int y = i * rh + 4;
		long v = r->funnel[i];

		fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", lw - 8, y + 16);
		html_text(fp, _(rp_stage_names[i]));
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
			        cx + bwi / 2 + 6, y + 16, rp_count_text(buf, sizeof(buf), v));
		}
	}
	fputs("</svg></figure>\n", fp);
}

/* The two shares as bars, each with the district's target (if set) as a dashed line. */
void rp_html_coverage(FILE *fp, const mms_report *r)
{
	const int lw = 300, bw = 330, rh = 34;
	int w = lw + bw + 330, h = 2 * rh + 16, i = 0;
	char buf[160];

	svg_open(fp, w, h, _("coverage of teachers by programmes"));
	for (size_t k = 0; k < r->nindicators; k++) {
		const mms_report_indicator *in = &r->indicators[k];
		int y = i * rh + 6;
		double s = rp_share(in->value, in->of);

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
		html_text(fp, rp_indicator_value(buf, sizeof(buf), in));
		fputs("</text>", fp);
		i++;
	}
	fputs("</svg></figure>\n", fp);
}

/* The follow-up as a forest plot: each item's difference of differences and its interval. */
void rp_html_forest(FILE *fp, const mms_report *r)
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
	/* xgettext:no-c-format */
	svg_open(fp, w, h, _("change against the district's change, with 95 % intervals"));
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
		const char *col = rp_verdict_colours[f->verdict];

		fprintf(fp, "<text x=\"4\" y=\"%d\">", y + 4);
		rp_esc_cut(fp, f->teacher, 30);
		fputs(" — ", fp);
		html_text(fp, f->skill);
		fputs("</text>", fp);
		if (isnan(f->did))
			continue;
		fprintf(fp,
		        "<g><title>%s</title><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		        "stroke=\"%s\" stroke-width=\"3\"/><circle cx=\"%d\" cy=\"%d\" r=\"5\" "
		        "fill=\"%s\"/></g>",
		        rp_verdict_text(f->verdict), FX(fmax(f->ci_low, -lim)), y,
		        FX(fmin(f->ci_high, lim)), y, col, FX(fmax(fmin(f->did, lim), -lim)), y,
		        col);
	}
#undef FX
	fputs("</svg></figure>\n", fp);
}
