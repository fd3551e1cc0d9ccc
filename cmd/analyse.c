/* mms analyse — the analysis of one assessment for a class, a school or the district. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "doc.h"
#include "export.h"
#include "mms/analysis.h"
#include "mms/words.h"

const char cmd_analyse_usage[] =
    N_("usage: mms analyse [--assessment ID] [--school CODE] [--class LABEL] "
       "[--format table|csv|json|html|xlsx] [-o FILE] [--force]\n"
       "\n"
       "The analysis of one assessment as a school's or a district's report on\n"
       "ВПР writes it, for the district (its schools), a school (its classes) or\n"
       "one class: participants, marks, marks against the journal, the\n"
       "distribution of primary scores, success by task and by skill, signs of\n"
       "non-objective results, the region's and Russia's values beside them\n"
       "(mms import-reference), the trend over the years, and the conclusions\n"
       "the data support.  Nothing is stored.\n"
       "\n"
       "options:\n"
       "  --assessment ID  the assessment (default: the latest with results)\n"
       "  --school CODE    a school (any of its codes): it and its classes\n"
       "  --class LABEL    one class, e.g. 5А (with --school when several schools\n"
       "                   have it)\n"
       "  --format F       table (default), csv (';', UTF-8 for Excel), json, html\n"
       "                   (a page with its charts, for printing) or xlsx (a sheet\n"
       "                   a section; needs -o)\n"
       "  -o, --output FILE  write to FILE, whole or not at all\n"
       "  --force          with -o: replace a file of another user\n");

/* ---------------------------------------------------------------- rows */

/* A group's marks as a row. */
struct mark_row {
	const char *group;
	long present, absent, marked, c2, c3, c4, c5;
	double pass, quality, mean, percent;
	long compared, lower, same, higher;
	double lower_share, same_share, higher_share, gap2_share;
};

struct score_row {
	int score;
	long n, district;
	const char *mark;     /* the mark of the score, when the scale is known */
	const char *boundary; /* "the lowest score of «3»" */
};

struct task_row {
	const char *label, *level, *skills;
	double max, success, district, municipality, region, russia;
};

struct skill_row {
	const char *code, *text;
	double success, district;
	const char *verdict, *spread;
};

struct sign_row {
	const char *school, *class_label, *sign, *figure;
};

struct ref_row {
	const char *mark;
	double scope, district, municipality, region, russia;
};

struct skill_year_row {
	const char *skill, *assessment, *date;
	double success;
};

struct year_row {
	const char *assessment, *date;
	long present;
	double pass, quality, mean;
};

#define MR struct mark_row
static const struct col participant_cols[] = {
    COL_STR("group", N_("group"), MR, group), COL_LONG("present", N_("wrote"), MR, present),
    COL_LONG("absent", N_("absent"), MR, absent),
    /* xgettext:no-c-format */
    COL_SHARE("percent", N_("mean score, % of the maximum"), MR, percent), COL_END};
static const struct col mark_cols[] = {COL_STR("group", N_("group"), MR, group),
                                       COL_LONG("marked", N_("with a mark"), MR, marked),
                                       COL_LONG("mark_2", N_("«2»"), MR, c2),
                                       COL_LONG("mark_3", N_("«3»"), MR, c3),
                                       COL_LONG("mark_4", N_("«4»"), MR, c4),
                                       COL_LONG("mark_5", N_("«5»"), MR, c5),
                                       COL_SHARE("pass", N_("pass rate (3–5)"), MR, pass),
                                       COL_SHARE("quality", N_("quality (4–5)"), MR, quality),
                                       COL_NUM("mean", N_("mean mark"), MR, mean, 2),
                                       COL_END};
static const struct col journal_cols[] = {
    COL_STR("group", N_("group"), MR, group),
    COL_LONG("compared", N_("compared"), MR, compared),
    COL_LONG("lower", N_("lowered"), MR, lower),
    COL_SHARE("lower_share", N_("lowered, %"), MR, lower_share),
    COL_LONG("same", N_("confirmed it"), MR, same),
    COL_SHARE("same_share", N_("confirmed, %"), MR, same_share),
    COL_LONG("higher", N_("raised"), MR, higher),
    COL_SHARE("higher_share", N_("raised, %"), MR, higher_share),
    COL_SHARE("gap2_share", N_("two marks apart or more, %"), MR, gap2_share),
    COL_END};
#undef MR
static const struct col score_cols[] = {
    COL_INT("score", N_("primary score"), struct score_row, score),
    COL_LONG("n", N_("participants"), struct score_row, n),
    COL_LONG("district", N_("district"), struct score_row, district),
    COL_STR("mark", N_("mark"), struct score_row, mark),
    COL_STR("boundary", N_("boundary"), struct score_row, boundary),
    COL_END};
#define TR struct task_row
static const struct col task_cols[] = {
    COL_STR("task", N_("task"), TR, label),
    COL_STR("level", N_("level"), TR, level),
    COL_NUM("max", N_("max"), TR, max, 0),
    COL_STR("skills", N_("skills"), TR, skills),
    COL_SHARE("success", N_("success"), TR, success),
    COL_SHARE("district", N_("district"), TR, district),
    COL_SHARE("municipality", N_("municipality"), TR, municipality),
    COL_SHARE("region", N_("region"), TR, region),
    COL_SHARE("russia", N_("Russia"), TR, russia),
    COL_END};
#undef TR
static const struct col skill_cols[] = {
    COL_STR("skill", N_("skill"), struct skill_row, code),
    COL_STR("text", N_("what it checks"), struct skill_row, text),
    COL_SHARE("success", N_("success"), struct skill_row, success),
    COL_SHARE("district", N_("district"), struct skill_row, district),
    COL_STR("verdict", N_("verdict"), struct skill_row, verdict),
    COL_STR("spread", N_("spread"), struct skill_row, spread),
    COL_END};
static const struct col sign_cols[] = {COL_STR("school", N_("school"), struct sign_row, school),
                                       COL_STR("class", N_("class"), struct sign_row, class_label),
                                       COL_STR("sign", N_("sign"), struct sign_row, sign),
                                       COL_STR("figure", N_("its figure"), struct sign_row, figure),
                                       COL_END};
#define RR struct ref_row
static const struct col ref_cols[] = {
    COL_STR("mark", N_("mark"), RR, mark),
    COL_SHARE("scope", N_("here"), RR, scope),
    COL_SHARE("district", N_("district"), RR, district),
    COL_SHARE("municipality", N_("municipality"), RR, municipality),
    COL_SHARE("region", N_("region"), RR, region),
    COL_SHARE("russia", N_("Russia"), RR, russia),
    COL_END};
#undef RR
#define YR struct year_row
static const struct col year_cols[] = {COL_STR("assessment", N_("assessment"), YR, assessment),
                                       COL_STR("date", N_("date"), YR, date),
                                       COL_LONG("present", N_("wrote"), YR, present),
                                       COL_SHARE("pass", N_("pass rate (3–5)"), YR, pass),
                                       COL_SHARE("quality", N_("quality (4–5)"), YR, quality),
                                       COL_NUM("mean", N_("mean mark"), YR, mean, 2),
                                       COL_END};
#undef YR
static const struct col skill_year_cols[] = {
    COL_STR("skill", N_("skill"), struct skill_year_row, skill),
    COL_STR("assessment", N_("assessment"), struct skill_year_row, assessment),
    COL_STR("date", N_("date"), struct skill_year_row, date),
    COL_SHARE("success", N_("success"), struct skill_year_row, success), COL_END};

/* ---------------------------------------------------------------- names */

/* A group as a reader names it, in BUF. */
static const char *group_name(const mms_analysis_group *g, char *buf, size_t size)
{
	if (g->level == MMS_LEVEL_DISTRICT)
		snprintf(buf, size, "%s", _("district"));
	else if (g->level == MMS_LEVEL_SCHOOL)
		snprintf(buf, size, "%s",
		         g->school_name && g->school_name[0] ? g->school_name : g->school);
	else
		snprintf(buf, size, "%s", g->class_label);
	return buf;
}

/* The groups shown: the scope, its parts, and the district to compare with. */
static int shown(const mms_analysis *a, size_t i)
{
	return i == 0 || a->groups[i].in_scope ||
	       (a->groups[a->scope].level == MMS_LEVEL_CLASS &&
	        (int)i == a->groups[a->scope].parent);
}

/* ---------------------------------------------------------------- sections */

struct names {
	char (*text)[160];
	size_t n;
};

static int mark_rows(const mms_analysis *a, struct mark_row **out, size_t *n, struct names *nm)
{
	struct mark_row *rows = calloc(a->ngroups, sizeof(*rows));

	nm->text = calloc(a->ngroups, sizeof(*nm->text));
	if (!rows || !nm->text) {
		free(rows);
		return -1;
	}
	*n = 0;
	for (size_t i = 0; i < a->ngroups; i++) {
		const mms_analysis_group *g = &a->groups[i];
		const mms_marks *m = &g->marks;
		struct mark_row *r;

		if (!shown(a, i))
			continue;
		r = &rows[(*n)++];
		r->group = group_name(g, nm->text[i], sizeof(nm->text[i]));
		r->present = m->present;
		r->absent = m->absent;
		r->percent = m->percent;
		r->marked = m->marked;
		r->c2 = m->count[0];
		r->c3 = m->count[1];
		r->c4 = m->count[2];
		r->c5 = m->count[3];
		r->pass = m->pass;
		r->quality = m->quality;
		r->mean = m->mean;
		r->compared = m->compared;
		r->lower = m->lower;
		r->same = m->same;
		r->higher = m->higher;
		r->lower_share = m->lower_share;
		r->same_share = m->same_share;
		r->higher_share = m->higher_share;
		r->gap2_share = m->gap2_share;
	}
	nm->n = a->ngroups;
	*out = rows;
	return 0;
}

/* The histogram of the scope with the district's beside it: an SVG of bars and boundaries. */
static void hist_chart(FILE *fp, const mms_analysis *a)
{
	const long *h = a->groups[a->scope].hist;
	long top = 1;
	const int w = 640, hgt = 180, left = 36, bottom = 24;
	double bw;

	for (int s = 0; s <= a->hist_max; s++)
		if (h[s] > top)
			top = h[s];
	bw = (double)(w - left - 8) / (a->hist_max + 1);
	fprintf(fp, "<figure><svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">\n",
	        w, hgt, w, hgt);
	for (int s = 0; s <= a->hist_max; s++) {
		double bh = (double)(hgt - bottom - 10) * (double)h[s] / (double)top;

		fprintf(
		    fp,
		    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#4a7ab0\">"
		    "<title>%d: %ld</title></rect>\n",
		    left + s * bw + 1, hgt - bottom - bh, bw - 2, bh, s, h[s]);
		if (a->hist_max <= 40 || s % 5 == 0)
			fprintf(
			    fp,
			    "<text x=\"%.1f\" y=\"%d\" font-size=\"9\" text-anchor=\"middle\">%d"
			    "</text>\n",
			    left + s * bw + bw / 2, hgt - bottom + 12, s);
	}
	for (int k = 0; k < 3 && !isnan(a->bound[k]); k++) {
		double x = left + floor(a->bound[k] + 1e-9) * bw;

		fprintf(fp,
		        "<line x1=\"%.1f\" y1=\"4\" x2=\"%.1f\" y2=\"%d\" stroke=\"#b03020\" "
		        "stroke-dasharray=\"4 2\"/><text x=\"%.1f\" y=\"12\" font-size=\"10\" "
		        "fill=\"#b03020\">«%d»</text>\n",
		        x, x, hgt - bottom, x + 2, k + 3);
	}
	fprintf(fp, "<text x=\"2\" y=\"12\" font-size=\"9\">%ld</text>\n", top);
	fputs("</svg><figcaption>", fp);
	html_text(fp, _("Participants by primary score; the dashed lines are the lowest scores of "
	                "the marks 3, 4 and 5."));
	fputs("</figcaption></figure>\n", fp);
}

/* The marks of the shown groups as stacked bars of 2, 3, 4, 5. */
static void marks_chart(FILE *fp, const struct mark_row *rows, size_t n)
{
	static const char *const colours[] = {"#c0392b", "#e6a23c", "#7fb77e", "#2e7d32"};
	const int w = 640, row = 22, left = 170;
	char buf[32];

	fprintf(fp, "<figure><svg viewBox=\"0 0 %d %zu\" width=\"%d\" role=\"img\">\n", w,
	        n * row + 24, w);
	for (size_t i = 0; i < n; i++) {
		long c[4] = {rows[i].c2, rows[i].c3, rows[i].c4, rows[i].c5};
		double x = left;

		fprintf(fp, "<text x=\"%d\" y=\"%zu\" font-size=\"10\" text-anchor=\"end\">",
		        left - 4, i * row + 15);
		html_text(fp, rows[i].group);
		fputs("</text>\n", fp);
		for (int k = 0; k < 4 && rows[i].marked; k++) {
			double bw = (double)(w - left - 8) * (double)c[k] / (double)rows[i].marked;

			fprintf(
			    fp,
			    "<rect x=\"%.1f\" y=\"%zu\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
			    "<title>«%d»: %ld</title></rect>\n",
			    x, i * row + 4, bw, row - 6, colours[k], k + 2, c[k]);
			x += bw;
		}
	}
	for (int k = 0; k < 4; k++) {
		snprintf(buf, sizeof(buf), "«%d»", k + 2);
		fprintf(fp,
		        "<rect x=\"%d\" y=\"%zu\" width=\"10\" height=\"10\" fill=\"%s\"/>"
		        "<text x=\"%d\" y=\"%zu\" font-size=\"10\">%s</text>\n",
		        left + k * 60, n * row + 8, colours[k], left + k * 60 + 14, n * row + 17,
		        buf);
	}
	fputs("</svg><figcaption>", fp);
	html_text(fp, _("Shares of the marks 2, 3, 4 and 5 among the participants with a mark."));
	fputs("</figcaption></figure>\n", fp);
}

static void pct(char *buf, size_t size, double v)
{
	snprintf(buf, size, "%.0f %%", 100 * v);
}

/* The signs of the shown groups, each with its figure. */
static int sign_rows(const mms_analysis *a, struct sign_row **out, size_t *n, char (*fig)[160])
{
	struct sign_row *rows = calloc(a->ngroups * 3 + 1, sizeof(*rows));
	const mms_marks *d = &a->groups[0].marks;
	size_t k = 0;

	if (!rows)
		return -1;
	for (size_t i = 1; i < a->ngroups; i++) {
		const mms_analysis_group *g = &a->groups[i];
		char x[32], y[32];

		if (!g->signs || !(g->in_scope || (int)i == a->scope || a->scope == 0))
			continue;
		if (g->signs & MMS_SIGN_BOUNDARY) {
			rows[k].sign = mms_word(MMS_WORDS_SIGN, "boundary");
			snprintf(fig[k], sizeof(fig[k]),
			         _("%ld at the lowest score of «%d» (%g), %ld one point below"),
			         g->peak_at, g->peak_mark, a->bound[g->peak_mark - 3],
			         g->peak_below);
			rows[k].school =
			    g->school_name && g->school_name[0] ? g->school_name : g->school;
			rows[k].class_label = g->class_label;
			rows[k].figure = fig[k];
			k++;
		}
		if (g->signs & MMS_SIGN_RAISED) {
			pct(x, sizeof(x), g->marks.higher_share);
			pct(y, sizeof(y), d->higher_share);
			rows[k].sign = mms_word(MMS_WORDS_SIGN, "raised");
			snprintf(fig[k], sizeof(fig[k]), _("raised %s of %ld (the district: %s)"),
			         x, g->marks.compared, y);
			rows[k].school =
			    g->school_name && g->school_name[0] ? g->school_name : g->school;
			rows[k].class_label = g->class_label;
			rows[k].figure = fig[k];
			k++;
		}
		if (g->signs & MMS_SIGN_HISTORY) {
			pct(x, sizeof(x), g->marks.quality);
			pct(y, sizeof(y), g->history_quality);
			rows[k].sign = mms_word(MMS_WORDS_SIGN, "history");
			snprintf(fig[k], sizeof(fig[k]), _("quality %s (%s: %s)"), x,
			         g->history_assessment, y);
			rows[k].school =
			    g->school_name && g->school_name[0] ? g->school_name : g->school;
			rows[k].class_label = g->class_label;
			rows[k].figure = fig[k];
			k++;
		}
	}
	*out = rows;
	*n = k;
	return 0;
}

/* What the data support, in sentences. */
static void conclusions(struct doc *d, const mms_analysis *a, size_t nsigns)
{
	const mms_analysis_group *s = &a->groups[a->scope];
	char line[512], x[32], y[32];
	size_t deficits = 0;

	for (size_t i = 0; i < a->nskills; i++) {
		const mms_analysis_skill *k = &a->skills[i];

		if (!k->classified || k->verdict != MMS_VERDICT_DEFICIT)
			continue;
		deficits++;
		pct(x, sizeof(x), k->success);
		snprintf(line, sizeof(line), _("deficit in %s (%s): %s, %s"), k->code,
		         k->text ? k->text : "", x,
		         mms_word(MMS_WORDS_SPREAD, mms_spread_key(k->spread)));
		doc_line(d, line);
	}
	if (!deficits)
		doc_line(
		    d, a->nskills && a->skills[0].verdict
		           ? _("no skill is a deficit at this level")
		           : _("not classified yet: the deficits come with mms classify-deficits"));
	if (s->marks.compared) {
		pct(x, sizeof(x), s->marks.same_share);
		pct(y, sizeof(y), s->marks.higher_share);
		snprintf(
		    line, sizeof(line),
		    _("the work confirmed the journal's mark for %s of the students, raised it "
		      "for %s"),
		    x, y);
		doc_line(d, line);
	}
	if (nsigns)
		doc_line(
		    d, _("results with a sign are in doubt («результаты под сомнением»): a reason "
		         "to look at how the work was written and marked, not a verdict; they "
		         "are never a mentor's evidence"));
}

/* ---------------------------------------------------------------- the document */

static int write_doc(struct cli *cli, const mms_analysis *a, enum doc_format fmt,
                     const char *outfile)
{
	const mms_analysis_group *scope = &a->groups[a->scope];
	struct mark_row *mrows = NULL;
	struct score_row *srows = NULL;
	struct task_row *trows = NULL;
	struct skill_row *krows = NULL;
	struct sign_row *grows = NULL;
	struct year_row *yrows = NULL;
	struct skill_year_row *syrows = NULL;
	struct ref_row refs[4];
	struct names nm = {0};
	char(*fig)[160] = calloc(a->ngroups * 3 + 1, sizeof(*fig));
	char title[256], buf[256], bounds[4][64];
	size_t nm_rows = 0, nsigns = 0;
	struct doc *d;
	int code;

	srows = calloc((size_t)a->hist_max + 1, sizeof(*srows));
	trows = calloc(a->ntasks + 1, sizeof(*trows));
	krows = calloc(a->nskills + 1, sizeof(*krows));
	yrows = calloc(a->nyears + 1, sizeof(*yrows));
	syrows = calloc(a->nskills * a->nyears + 1, sizeof(*syrows));
	if (!fig || !srows || !trows || !krows || !yrows || !syrows ||
	    mark_rows(a, &mrows, &nm_rows, &nm) || sign_rows(a, &grows, &nsigns, fig)) {
		code = EXIT_SOFTWARE;
		cli_error(cli, _("out of memory"));
		goto done;
	}
	snprintf(title, sizeof(title), _("%s %s, grade %d: the analysis of the results"), a->kind,
	         a->subject, a->grade);
	if ((code = doc_open(cli, &d, fmt, outfile, title)) != 0)
		goto done;
	doc_field(d, "assessment", _("assessment"), a->assessment);
	cli_date_text(a->date, buf, sizeof(buf));
	doc_field(d, "date", _("date"), a->date ? buf : NULL);
	doc_field(d, "scope", _("for"), group_name(scope, buf, sizeof(buf)));
	if (scope->level == MMS_LEVEL_CLASS)
		doc_field(d, "school", _("school"), a->groups[scope->parent].school_name);

	doc_section(d, "participants", _("Participants"));
	doc_rows(d, participant_cols, mrows, nm_rows, sizeof(*mrows));

	doc_section(d, "marks", _("Marks"));
	doc_rows(d, mark_cols, mrows, nm_rows, sizeof(*mrows));
	if (doc_html(d)) {
		/* an SVG's numbers have a decimal point whatever the locale */
		locale_t old = cli_numeric_c();

		marks_chart(doc_html(d), mrows, nm_rows);
		cli_numeric_restore(old);
	}
	if (a->computed_marks) {
		snprintf(buf, sizeof(buf),
		         _("%ld marks computed from the primary score by the assessment's scale"),
		         a->computed_marks);
		doc_line(d, buf);
	}

	doc_section(d, "journal", _("Marks against the journal"));
	doc_rows(d, journal_cols, mrows, nm_rows, sizeof(*mrows));
	doc_line(d, _("lowered: the work's mark below the journal's; confirmed: the same; raised: "
	              "above"));

	doc_section(d, "distribution", _("Primary scores"));
	for (int k = 0; k < 3; k++) {
		if (isnan(a->bound[k]))
			continue;
		snprintf(bounds[k], sizeof(bounds[k]), _("the lowest score of «%d»"), k + 3);
	}
	for (int s = 0; s <= a->hist_max; s++) {
		static const char *const marks[] = {"2", "3", "4", "5"};
		int mark = 0;

		srows[s].score = s;
		srows[s].n = scope->hist[s];
		srows[s].district = a->groups[0].hist[s];
		if (!isnan(a->bound[0])) {
			mark = s + 1e-9 < a->bound[0]   ? 2
			       : s + 1e-9 < a->bound[1] ? 3
			       : s + 1e-9 < a->bound[2] ? 4
			                                : 5;
			srows[s].mark = marks[mark - 2];
			if (mark > 2 && floor(a->bound[mark - 3] + 1e-9) == s)
				srows[s].boundary = bounds[mark - 3];
		}
	}
	doc_rows(d, score_cols, srows, (size_t)a->hist_max + 1, sizeof(*srows));
	if (doc_html(d)) {
		locale_t old = cli_numeric_c();

		hist_chart(doc_html(d), a);
		cli_numeric_restore(old);
	}
	doc_line(d, a->scale_source == NULL ? _("the scale of marks is unknown: set it with mms "
	                                        "config scale")
	            : !strcmp(a->scale_source, "marks")
	                ? _("the scale of marks as the file's marks show it")
	                : _("the scale of marks as set with mms config scale"));

	doc_section(d, "tasks", _("Tasks"));
	for (size_t t = 0; t < a->ntasks; t++) {
		trows[t].label = a->tasks[t].label;
		trows[t].level = a->tasks[t].level;
		trows[t].skills = a->tasks[t].skills;
		trows[t].max = a->tasks[t].max;
		trows[t].success = scope->task_success[t];
		trows[t].district = a->groups[0].task_success[t];
		trows[t].municipality = a->tasks[t].municipality;
		trows[t].region = a->tasks[t].region;
		trows[t].russia = a->tasks[t].russia;
	}
	doc_rows(d, task_cols, trows, a->ntasks, sizeof(*trows));

	doc_section(d, "skills", _("Skills"));
	for (size_t i = 0; i < a->nskills; i++) {
		krows[i].code = a->skills[i].code;
		krows[i].text = a->skills[i].text;
		krows[i].success = a->skills[i].success;
		krows[i].district = a->skills[i].district;
		krows[i].verdict =
		    a->skills[i].classified
		        ? mms_word(MMS_WORDS_VERDICT, mms_verdict_key(a->skills[i].verdict))
		        : NULL;
		krows[i].spread =
		    mms_spread_key(a->skills[i].spread)
		        ? mms_word(MMS_WORDS_SPREAD, mms_spread_key(a->skills[i].spread))
		        : NULL;
	}
	doc_rows(d, skill_cols, krows, a->nskills, sizeof(*krows));

	doc_section(d, "signs", _("Signs of non-objective results"));
	doc_rows(d, sign_cols, grows, nsigns, sizeof(*grows));
	doc_line(d, _("A sign is a reason to look, like a hypothesis: the data cannot say why "
	              "(ФИОКО, the method of finding signs of non-objective results)."));

	doc_section(d, "reference", _("Against the municipality, the region and Russia"));
	for (int k = 0; k < 4; k++) {
		static const char *const marks[] = {"«2»", "«3»", "«4»", "«5»"};

		refs[k].mark = marks[k];
		refs[k].scope = scope->marks.share[k];
		refs[k].district = a->groups[0].marks.share[k];
		refs[k].russia = a->ref_marks[0][k];
		refs[k].region = a->ref_marks[1][k];
		refs[k].municipality = a->ref_marks[2][k];
	}
	doc_rows(d, ref_cols, refs, 4, sizeof(*refs));
	if (isnan(a->ref_marks[0][0]) && isnan(a->ref_marks[1][0]))
		doc_line(d, _("no reference values: import ФИС ОКО's «Статистика по отметкам» and "
		              "«Выполнение заданий» with mms import-reference"));

	doc_section(d, "trend", _("Over the years"));
	for (size_t i = 0; i < a->nyears; i++) {
		yrows[i].assessment = a->years[i].assessment;
		yrows[i].date = a->years[i].date;
		yrows[i].present = a->years[i].present;
		yrows[i].pass = a->years[i].pass;
		yrows[i].quality = a->years[i].quality;
		yrows[i].mean = a->years[i].mean;
	}
	doc_rows(d, year_cols, yrows, a->nyears, sizeof(*yrows));
	if (a->nyears > 1) {
		size_t n = 0;

		for (size_t i = 0; i < a->nskills; i++)
			for (size_t y = 0; y < a->nyears; y++) {
				struct skill_year_row *r = &syrows[n++];

				r->skill = a->skills[i].code;
				r->assessment = a->years[y].assessment;
				r->date = a->years[y].date;
				r->success = a->skills[i].years ? a->skills[i].years[y] : NAN;
			}
		doc_section(d, "skill_trend", _("Skills over the years"));
		doc_rows(d, skill_year_cols, syrows, n, sizeof(*syrows));
		doc_line(d, _("the same skill by its code or the codifier's links; an empty cell: "
		              "the year's work did not check it, or was not classified"));
	}

	doc_section(d, "conclusions", _("Conclusions"));
	conclusions(d, a, nsigns);
	code = doc_close(d);
done:
	free(mrows);
	free(nm.text);
	free(srows);
	free(trows);
	free(krows);
	free(grows);
	free(yrows);
	free(syrows);
	free(fig);
	return code;
}

int cmd_analyse(int argc, char **argv, struct cli *cli)
{
	mms_analysis_opts o = {0};
	mms_analysis *a;
	const char *outfile = NULL;
	int fmt = DOC_TABLE, rc;
	const struct cli_opt opts[] = {CLI_OPT_STR("assessment", &o.assessment),
	                               CLI_OPT_STR("school", &o.school),
	                               CLI_OPT_STR("class", &o.class_label),
	                               CLI_OPT_FORMAT(&fmt, doc_format_names),
	                               CLI_OPT_OUTPUT(&outfile, cli),
	                               CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, 0)) != 0)
		return rc;
	if (fmt == DOC_XLSX && !outfile)
		return cli_usage_error(cli, _("--format xlsx needs -o FILE"));
	/* every figure from one snapshot, without the write lock an import holds */
	rc = mms_db_begin_read(cli->db);
	if (rc == MMS_OK)
		rc = mms_analyse(cli->db, &o, &a);
	mms_db_rollback(cli->db);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	rc = write_doc(cli, a, (enum doc_format)fmt, outfile);
	mms_analysis_free(a);
	return rc;
}
