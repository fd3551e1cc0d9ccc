/* mms map-to-teacher — students' deficits in one teacher's classes as hypotheses about the teacher.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "export.h"
#include "json.h"
#include "mms/teachers.h"
#include "table.h"
#include "mms/words.h"

const char cmd_map_to_teacher_usage[] =
    N_("usage: mms map-to-teacher [--assessment ID] [--school CODE] [--format table|csv|json] "
       "[--quiet]\n"
       "\n"
       "Turns the deficits of the latest classification that lie in one teacher's\n"
       "classes into hypotheses about that teacher: the teacher's classes of the\n"
       "assessment's school year pooled, below the threshold and clearly below the\n"
       "rest of the district; a sole teacher of a grade too (with a note: school and\n"
       "teacher cannot be told apart by the data).  Hypotheses for development,\n"
       "never ratings: a lesson observation confirms or rejects one (mms observe),\n"
       "an interview turns a confirmed one into a need (mms interview).  A deficit\n"
       "of two or more teachers of a grade is the ШМО's, a district-wide one the\n"
       "РМО's.  Re-running updates the evidence and keeps every observation and\n"
       "interview.\n"
       "\n"
       "options:\n"
       "  --assessment ID  this assessment only (default: every classified one)\n"
       "  --school CODE    this school only\n"
       "  --format F       table (default), csv (';', UTF-8 for Excel) or json\n"
       "  -q, --quiet      update the hypotheses, print nothing\n");

const char *cli_below_words(double q)
{
	/* the false discovery rate map-to-teacher keeps its hypotheses at */
	return q <= MMS_FDR ? _("reliably below") : _("below, not reliably");
}

const char *cli_status_text(const char *s)
{
	const char *w = mms_word(MMS_WORDS_HYPOTHESIS, s);

	if (w != s)
		return w;
	/* how a class was read from a number or a letter (mms_class_guess) */
	if (!strcmp(s, "map"))
		return _("by --class-map");
	if (!strcmp(s, "sheet"))
		return _("by the sheet «Классы»");
	if (!strcmp(s, "order"))
		return _("the N-th class of the grade by letter");
	if (!strcmp(s, "only"))
		return _("the only class of the grade");
	if (!strcmp(s, "letter"))
		return _("the letter with the assessment's grade");
	return s;
}

/* "5А n=24 31 %, 5Б n=22 44 %" */
static void classes_text(const mms_hyp *h, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < h->nclasses && used < size; i++)
		used +=
		    (size_t)snprintf(buf + used, size - used, "%s%s%s n=%ld %.0f %%", i ? ", " : "",
		                     h->classes[i].label, h->classes[i].class_specific ? "*" : "",
		                     h->classes[i].n, 100 * h->classes[i].success);
}

int cli_hyp_notes(const mms_hyp *h, const char *notes[4])
{
	int n = 0;

	if (h->in_doubt)
		notes[n++] =
		    _("results in doubt («результаты под сомнением»): a sign of non-objective "
		      "results (mms analyse) — look at how the work was written first");
	else if (h->same_teacher_earlier)
		notes[n++] = _("recurs with the teacher and another class: stronger");
	if (h->self_reported && n < 3)
		notes[n++] =
		    _("the teacher named this difficulty too (самодиагностика): the results "
		      "and the teacher agree, the strongest evidence there is");
	if (h->cohort_earlier && n < 4)
		notes[n++] =
		    _("the class had this deficit with its previous teacher: the cohort is "
		      "the likelier cause");
	if (h->sole_teacher && n < 4)
		notes[n++] =
		    _("sole teacher of the subject in the grade: school and teacher factors "
		      "cannot be told apart by the data — check by observation");
	if (h->spread == MMS_SPREAD_DISTRICT && n < 4)
		notes[n++] = _("the district is below too; the teacher's classes are clearly lower "
		               "still");
	return n;
}

/* The spread's code, for JSON (json_member's JSON_ENUM). */
static const char *spread_key(int v)
{
	return mms_spread_key((enum mms_spread)v);
}

static void print_json(const mms_hyp_list *l)
{
	static const struct json_member head[] = {
	    JSON_M_STR("teacher", mms_hyp, teacher),
	    JSON_M_STR("school", mms_hyp, school),
	    JSON_M_STR("school_name", mms_hyp, school_name),
	    JSON_M_STR("subject", mms_hyp, subject),
	    JSON_M_STR("skill", mms_hyp, skill),
	    JSON_M_STR("skill_text", mms_hyp, skill_text),
	    JSON_M_STR("skill_kind", mms_hyp, skill_kind),
	    JSON_M_STR("competency", mms_hyp, competency),
	    JSON_M_STR("competency_area", mms_hyp, competency_area),
	    JSON_M_STR("status", mms_hyp, status),
	    JSON_M_COUNT("priority", mms_hyp, priority),
	    JSON_M_BOOL("supported", mms_hyp, supported),
	    JSON_M_ENUM("spread", mms_hyp, spread, spread_key),
	    JSON_M_END};
	static const struct json_member when[] = {
	    JSON_M_STR("assessment", mms_hyp, assessment),
	    JSON_M_STR("assessment_kind", mms_hyp, assessment_kind),
	    JSON_M_STR("date", mms_hyp, date), JSON_M_END};
	static const struct json_member classes[] = {
	    JSON_M_STR("class", mms_hyp_class, label), JSON_M_LONG("n", mms_hyp_class, n),
	    JSON_M_NUM("success", mms_hyp_class, success),
	    JSON_M_BOOL("class_specific", mms_hyp_class, class_specific), JSON_M_END};
	static const struct json_member figures[] = {
	    JSON_M_LONG("n", mms_hyp, n),
	    JSON_M_NUM("success", mms_hyp, success),
	    JSON_M_LONG("rest_n", mms_hyp, rest_n),
	    JSON_M_NUM("rest_success", mms_hyp, rest_success),
	    JSON_M_NUM("district_success", mms_hyp, district_success),
	    JSON_M_NUM("threshold", mms_hyp, threshold),
	    JSON_M_END};
	static const struct json_member test[] = {
	    JSON_M_NUM("p_value", mms_hyp, p_value),
	    JSON_M_NUM("q_value", mms_hyp, q_value),
	    JSON_M_BOOL("sole_teacher", mms_hyp, sole_teacher),
	    JSON_M_BOOL("same_teacher_earlier", mms_hyp, same_teacher_earlier),
	    JSON_M_BOOL("cohort_earlier", mms_hyp, cohort_earlier),
	    JSON_M_BOOL("in_doubt", mms_hyp, in_doubt),
	    JSON_M_BOOL("self_reported", mms_hyp, self_reported),
	    JSON_M_END};
	struct json j;

	json_init(&j, stdout, JSON_PRETTY);
	json_begin_array(&j);
	for (size_t i = 0; i < l->n; i++) {
		const mms_hyp *h = &l->items[i];

		json_begin_object(&j);
		json_members(&j, h, head);
		json_key(&j, "evidence");
		json_begin_object(&j);
		json_members(&j, h, when);
		json_key(&j, "classes");
		json_rows(&j, h->classes, h->nclasses, sizeof(h->classes[0]), classes);
		json_members(&j, h, figures);
		json_field_str(
		    &j, "test",
		    "one-sided two-proportion z-test, the teacher's classes pooled against "
		    "the rest of the district, Benjamini-Hochberg over the assessment");
		json_members(&j, h, test);
		json_end_object(&j);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_finish(&j);
}

static const char *spread_text(enum mms_spread s)
{
	return mms_word(MMS_WORDS_SPREAD, mms_spread_key(s));
}

static void print_csv(const mms_hyp_list *l)
{
	csv_bom(stdout);
	fputs(_("teacher;school;subject;skill;skill text;competency;status;priority;classes;"
	        "n;success;district;p-value;q-value;assessment;spread;notes"),
	      stdout);
	fputs("\r\n", stdout);
	for (size_t i = 0; i < l->n; i++) {
		const mms_hyp *h = &l->items[i];
		char classes[512], num[64], notes[1024] = "";
		const char *note[4];
		int nn = cli_hyp_notes(h, note);

		for (int k = 0; k < nn; k++)
			snprintf(notes + strlen(notes), sizeof(notes) - strlen(notes), "%s%s",
			         k ? "; " : "", note[k]);
		classes_text(h, classes, sizeof(classes));
		csv_field(stdout, h->teacher, 0);
		csv_field(stdout, h->school, 0);
		csv_field(stdout, h->subject, 0);
		csv_field(stdout, h->skill, 0);
		csv_field(stdout, h->skill_text, 0);
		csv_field(stdout, h->competency, 0);
		csv_field(stdout, cli_status_text(h->status), 0);
		snprintf(num, sizeof(num), "%d", h->priority);
		csv_field(stdout, h->priority ? num : NULL, 0);
		csv_field(stdout, classes, 0);
		printf("%ld;", h->n);
		csv_number(stdout, 100 * h->success, "%.0f");
		csv_number(stdout, 100 * h->district_success, "%.0f");
		csv_number(stdout, h->p_value, "%.4f");
		csv_number(stdout, h->q_value, "%.4f");
		csv_field(stdout, h->assessment, 0);
		csv_field(stdout, spread_text(h->spread), 0);
		csv_field(stdout, notes, 1);
	}
}

/* A teacher's table, then what the data add to its hypotheses FROM .. TO. */
static void flush_teacher(struct table *t, const mms_hyp_list *l, size_t from, size_t to)
{
	table_print(t, stdout, 4);
	table_free(t);
	for (size_t i = from; i < to; i++) {
		const char *note[4];
		int n = cli_hyp_notes(&l->items[i], note);

		for (int k = 0; k < n; k++)
			printf("      %s: %s\n", l->items[i].skill, note[k]);
	}
}

static void print_table(const mms_hyp_list *l, const mms_collective_list *c,
                        const mms_map_stats *st)
{
	const char *school = NULL, *teacher = NULL;
	struct table *t = NULL;
	size_t first = 0;

	if (l->n == 0)
		printf(_("No hypotheses about teachers: no teacher's classes are clearly below the "
		         "rest of the district on a skill.\n"));
	for (size_t i = 0; i < l->n; i++) {
		const mms_hyp *h = &l->items[i];
		char classes[512];

		if (!school || strcmp(school, h->school) != 0) {
			if (t)
				flush_teacher(t, l, first, i);
			t = NULL;
			printf("%s%s %s\n", school ? "\n" : "", h->school, h->school_name);
			school = h->school;
			teacher = NULL;
		}
		if (!teacher || strcmp(teacher, h->teacher) != 0) {
			if (t)
				flush_teacher(t, l, first, i);
			first = i;
			printf("  %s\n", h->teacher);
			teacher = h->teacher;
			t = table_new();
			table_column(t, _("skill"), TABLE_LEFT, 0);
			table_column(t, _("what it checks"), TABLE_LEFT, 26);
			table_column(t, _("competency"), TABLE_LEFT, 26);
			table_column(t, _("classes (* clearly below)"), TABLE_LEFT, 0);
			table_column(t, _("district"), TABLE_RIGHT, 0);
			table_column(t, _("against the district"), TABLE_LEFT, 0);
			table_column(t, _("status"), TABLE_LEFT, 0);
		}
		classes_text(h, classes, sizeof(classes));
		table_cell(t, h->skill);
		table_cell(t, h->skill_text);
		table_cell(t, h->competency);
		table_cell(t, classes);
		table_cellf(t, "%.0f %%", 100 * h->district_success);
		table_cell(t, cli_below_words(h->q_value));
		if (h->priority)
			table_cellf(t, "%s %d", cli_status_text(h->status), h->priority);
		else
			table_cell(t, cli_status_text(h->status));
		table_end_row(t);
	}
	if (t)
		flush_teacher(t, l, first, l->n);
	if (c->n) {
		t = table_new();
		printf(_("\nDeficits of a whole school or the district (for the ШМО and the РМО; "
		         "a sole teacher's also for the ШМО):\n"));
		table_column(t, _("for"), TABLE_LEFT, 0);
		table_column(t, _("assessment"), TABLE_LEFT, 0);
		table_column(t, _("skill"), TABLE_LEFT, 0);
		table_column(t, _("what it checks"), TABLE_LEFT, 34);
		table_column(t, "n", TABLE_RIGHT, 0);
		table_column(t, _("success"), TABLE_RIGHT, 0);
		table_column(t, _("threshold"), TABLE_RIGHT, 0);
		for (size_t i = 0; i < c->n; i++) {
			const mms_collective *x = &c->items[i];

			if (!strcmp(x->level, "district"))
				table_cellf(t, _("РМО (%s)"), x->subject);
			else if (x->sole_teacher)
				table_cellf(t, _("ШМО %s (sole teacher)"), x->school);
			else
				table_cellf(t, _("ШМО %s"), x->school);
			table_cell(t, x->assessment);
			table_cell(t, x->skill);
			table_cell(t, x->skill_text);
			table_cellf(t, "%ld", x->n);
			table_cellf(t, "%.0f %%", 100 * x->success);
			table_cellf(t, "%.0f %%", 100 * x->threshold);
			table_end_row(t);
		}
		table_print(t, stdout, 2);
		table_free(t);
	}
	printf(_("\n%zu teacher × skill pairs above; this run: %ld hypotheses over the "
	         "assessments (%ld new) from %ld candidates"),
	       l->n, st->hypotheses, st->added, st->candidates);
	if (st->unassigned)
		printf(_("; %ld class deficits have no teacher of the subject in the roster of "
		         "the assessment's school year (see mms import-roster --year)"),
		       st->unassigned);
	printf("\n");
}

static const char *const format_names[] = {"table", "csv", "json", NULL};

int cmd_map_to_teacher(int argc, char **argv, struct cli *cli)
{
	mms_map_opts o = {0};
	mms_map_stats st;
	mms_hyp_filter f = {0};
	mms_hyp_list l;
	mms_collective_list c = {0};
	const char *format;
	int quiet = 0, rc, which = 0;
	const struct cli_opt opts[] = {
	    CLI_OPT_STR("assessment", &o.assessment), CLI_OPT_STR("school", &o.school),
	    CLI_OPT_FORMAT(&which, format_names), CLI_OPT_QUIET(&quiet), CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, 0)) != 0)
		return rc;
	format = format_names[which];
	rc = mms_teachers_map(cli->db, &o, &st);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (quiet)
		return cli_finish(cli, EXIT_OK);
	f.assessment = o.assessment;
	f.school = o.school;
	rc = mms_hyp_list_get(cli->db, &f, &l);
	if (rc == MMS_OK && !strcmp(format, "table"))
		rc = mms_collective_get(cli->db, o.assessment, o.school, &c);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (!strcmp(format, "json"))
		print_json(&l);
	else if (!strcmp(format, "csv"))
		print_csv(&l);
	else
		print_table(&l, &c, &st);
	mms_hyp_list_free(&l);
	mms_collective_list_free(&c);
	return cli_finish(cli, EXIT_OK);
}
