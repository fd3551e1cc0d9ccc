/* mms classify-deficits — students' deficits per skill and class, school, district. */
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "export.h"
#include "json.h"
#include "mms/deficits.h"
#include "mms/keep.h"
#include "mms/words.h"
#include "table.h"

const char cmd_classify_deficits_usage[] =
    /* xgettext:no-c-format */
    N_("usage: mms classify-deficits [--assessment ID] [--level class|school|district] "
       "[--only-deficits] [--format table|csv|json] [--quiet]\n"
       "\n"
       "Classifies the imported results: for every assessment, skill and group\n"
       "(class, school, district) the success rate with its 95 % interval, the\n"
       "verdict against the thresholds (deficit, uncertain, sufficient, or too few\n"
       "participants), and for deficits their spread (district-wide, school-wide,\n"
       "teacher's, class-specific, individual) and persistence (new, recurrent).\n"
       "Spread is decided by teachers: a deficit in one teacher's classes of the\n"
       "grade is the teacher's (a sole teacher's too), one of two or more teachers\n"
       "of the grade each below is the school's.  Each run is stored with the\n"
       "thresholds version it used; earlier runs are kept.\n"
       "\n"
       "options:\n"
       "  --assessment ID  classify this assessment only (default: all with results)\n"
       "  --level LEVEL    show only class, school or district results\n"
       "  --only-deficits  show only deficits\n"
       "  --format F       table (default), csv (';', UTF-8 for Excel) or json\n"
       "  -q, --quiet      classify and store, print nothing\n");

enum format { FMT_TABLE, FMT_CSV, FMT_JSON };
static const char *const format_names[] = {"table", "csv", "json", NULL};

static const char *verdict_text(enum mms_verdict v)
{
	return mms_word(MMS_WORDS_VERDICT, mms_verdict_key(v));
}

static const char *spread_text(enum mms_spread s)
{
	return mms_word(MMS_WORDS_SPREAD, mms_spread_key(s));
}

static const char *persistence_text(enum mms_persistence p)
{
	return mms_word(MMS_WORDS_PERSISTENCE, mms_persistence_key(p));
}

/* The codes as JSON writes them (json_member's JSON_ENUM). */
static const char *level_key(int v)
{
	return mms_level_key((enum mms_deficit_level)v);
}

static const char *verdict_key(int v)
{
	return mms_verdict_key((enum mms_verdict)v);
}

static const char *spread_key(int v)
{
	return mms_spread_key((enum mms_spread)v);
}

static const char *persistence_key(int v)
{
	return mms_persistence_key((enum mms_persistence)v);
}

/* Table output: one section per assessment and level. */

struct tab {
	struct table *t;
	char key[512]; /* the section's assessment and level */
	int level;     /* 0 district, 1 school, 2 class */
	int sections;
};

static int flush_section(struct tab *x)
{
	if (!x->t)
		return 0;
	table_print(x->t, stdout, 2);
	table_free(x->t);
	x->t = NULL;
	return 0;
}

static int start_section(struct tab *x, const mms_deficit_row *r)
{
	const char *title;
	struct table *t;
	char day[32];

	flush_section(x);
	x->level = r->level == MMS_LEVEL_CLASS ? 2 : r->level == MMS_LEVEL_SCHOOL ? 1 : 0;
	title = x->level == 2 ? _("classes") : x->level == 1 ? _("schools") : _("district");
	if (x->sections++)
		putchar('\n');
	printf("%s %s · %s, %s %d%s%s · %s (%s %d)\n", r->assessment_kind, r->assessment,
	       r->subject, _("grade"), r->grade, r->date ? " · " : "",
	       cli_date_text(r->date, day, sizeof(day)), title, _("thresholds version"),
	       r->thresholds);
	t = x->t = table_new();
	if (!t)
		return -1;
	if (x->level >= 1 && table_column(t, _("school"), TABLE_LEFT, 28) < 0)
		return -1;
	if (x->level == 2 && table_column(t, _("class"), TABLE_LEFT, 6) < 0)
		return -1;
	if (table_column(t, _("skill"), TABLE_LEFT, 10) < 0 ||
	    table_column(t, _("what it checks"), TABLE_LEFT, 36) < 0 ||
	    table_column(t, _("kind"), TABLE_LEFT, 0) < 0 ||
	    table_column(t, "n", TABLE_RIGHT, 0) < 0 ||
	    table_column(t, _("success, %"), TABLE_RIGHT, 0) < 0 ||
	    /* xgettext:no-c-format */
	    table_column(t, _("95 % interval"), TABLE_RIGHT, 0) < 0 ||
	    table_column(t, _("threshold"), TABLE_LEFT, 0) < 0 ||
	    table_column(t, _("verdict"), TABLE_LEFT, 0) < 0 ||
	    table_column(t, _("spread"), TABLE_LEFT, 0) < 0 ||
	    table_column(t, _("persistence"), TABLE_LEFT, 0) < 0 ||
	    table_column(t, _("below 50 %"), TABLE_RIGHT, 0) < 0)
		return -1;
	return 0;
}

static int table_row(struct tab *x, const mms_deficit_row *r)
{
	char key[512];
	struct table *t;
	int rc = 0;

	snprintf(key, sizeof(key), "%d\x1f%d", r->run, (int)r->level);
	if (!x->t || strcmp(key, x->key) != 0) {
		if (start_section(x, r) < 0)
			return -1;
		memcpy(x->key, key, sizeof(key));
	}
	t = x->t;
	if (x->level >= 1) {
		char school[300];

		snprintf(school, sizeof(school), "%s %s", r->school ? r->school : "",
		         r->school_name ? r->school_name : "");
		rc |= table_cell(t, school);
	}
	if (x->level == 2)
		rc |= table_cell(t, r->class_label);
	rc |= table_cell(t, r->skill);
	rc |= table_cell(t, r->skill_text);
	rc |= table_cell(t, mms_word(MMS_WORDS_SKILL, r->skill_kind));
	rc |= table_cellf(t, "%ld", r->n);
	rc |= table_cellf(t, "%.1f", 100.0 * r->success);
	rc |= table_cellf(t, "%.1f–%.1f", 100.0 * r->ci_low, 100.0 * r->ci_high);
	rc |=
	    table_cellf(t, "%s %g–%g", r->task_level, 100.0 * r->threshold, 100.0 * r->sufficient);
	if (r->in_doubt)
		rc |= table_cellf(t, _("%s (in doubt)"), verdict_text(r->verdict));
	else
		rc |= table_cell(t, verdict_text(r->verdict));
	rc |= table_cell(t, spread_text(r->spread));
	rc |= table_cell(t, persistence_text(r->persistence));
	rc |= table_cellf(t, "%ld", r->below_half);
	rc |= table_end_row(t);
	return rc ? -1 : 0;
}

/* CSV output: ';'-separated UTF-8 with a byte order mark, decimal commas. */

static void csv_text(const char *s, int last)
{
	csv_field(stdout, s, last);
}

static void csv_num(double v, int last)
{
	char buf[64], *p;

	if (isnan(v)) {
		csv_field(stdout, NULL, last);
		return;
	}
	json_format_number(buf, sizeof(buf), v);
	p = strchr(buf, '.');
	if (p)
		*p = ',';
	csv_text(buf, last);
}

static void csv_int(long v, int last)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", v);
	csv_field(stdout, buf, last);
}

/* A rate as a percentage with a decimal comma, as the table shows it (one decimal). */
static void csv_pct(double v)
{
	if (isnan(v))
		csv_field(stdout, NULL, 0);
	else
		csv_number(stdout, 100.0 * v, "%.1f");
}

static const char *level_text(enum mms_deficit_level level)
{
	return level == MMS_LEVEL_CLASS    ? _("class")
	       : level == MMS_LEVEL_SCHOOL ? _("school")
	                                   : _("district");
}

/*
 * The CSV: the table's columns and words, in the language of the messages,
 * rates in %, then what the table leaves out (the JSON has the codes).
 */
static const char *const csv_titles[] = {N_("level"),
                                         N_("assessment"),
                                         N_("kind of assessment"),
                                         N_("subject"),
                                         N_("grade"),
                                         N_("date"),
                                         N_("school"),
                                         N_("school name"),
                                         N_("class"),
                                         N_("skill"),
                                         N_("what it checks"),
                                         N_("kind"),
                                         "n",
                                         N_("success, %"),
                                         N_("interval from, %"),
                                         N_("interval to, %"),
                                         N_("task level"),
                                         N_("threshold, %"),
                                         N_("sufficient from, %"),
                                         N_("verdict"),
                                         N_("spread"),
                                         N_("persistence"),
                                         N_("below 50 %"),
                                         N_("points"),
                                         N_("of points"),
                                         N_("p-value"),
                                         N_("q-value"),
                                         N_("run"),
                                         N_("thresholds version")};

static void csv_head(void)
{
	size_t n = sizeof(csv_titles) / sizeof(csv_titles[0]);

	for (size_t i = 0; i < n; i++)
		csv_field(stdout, _(csv_titles[i]), i + 1 == n);
}

static void csv_row(const mms_deficit_row *r)
{
	csv_text(level_text(r->level), 0);
	csv_text(r->assessment, 0);
	csv_text(r->assessment_kind, 0);
	csv_text(r->subject, 0);
	csv_int(r->grade, 0);
	csv_text(r->date, 0);
	csv_text(r->school, 0);
	csv_text(r->school_name, 0);
	csv_text(r->class_label, 0);
	csv_text(r->skill, 0);
	csv_text(r->skill_text, 0);
	csv_text(mms_word(MMS_WORDS_SKILL, r->skill_kind), 0);
	csv_int(r->n, 0);
	csv_pct(r->success);
	csv_pct(r->ci_low);
	csv_pct(r->ci_high);
	csv_text(r->task_level, 0);
	csv_pct(r->threshold);
	csv_pct(r->sufficient);
	csv_text(verdict_text(r->verdict), 0);
	csv_text(spread_text(r->spread), 0);
	csv_text(persistence_text(r->persistence), 0);
	csv_int(r->below_half, 0);
	csv_num(r->points, 0);
	csv_num(r->possible, 0);
	csv_num(r->p_value, 0);
	csv_num(r->q_value, 0);
	csv_int(r->run, 0);
	csv_int(r->thresholds, 1);
}

#define ROW mms_deficit_row
static const struct json_member row_members[] = {
    JSON_M_ENUM("level", ROW, level, level_key),
    JSON_M_STR("assessment", ROW, assessment),
    JSON_M_STR("subject", ROW, subject),
    JSON_M_STR("skill", ROW, skill),
    JSON_M_STR("skill_text", ROW, skill_text),
    JSON_M_STR("skill_kind", ROW, skill_kind),
    JSON_M_STR("school", ROW, school),
    JSON_M_STR("class", ROW, class_label),
    JSON_M_LONG("n", ROW, n),
    JSON_M_NUM("success", ROW, success),
    JSON_M_NUM("ci_low", ROW, ci_low),
    JSON_M_NUM("ci_high", ROW, ci_high),
    JSON_M_NUM("threshold", ROW, threshold),
    JSON_M_BOOL("deficit", ROW, deficit),
    JSON_M_ENUM("spread", ROW, spread, spread_key),
    JSON_M_ENUM("persistence", ROW, persistence, persistence_key),
    JSON_M_STR("school_name", ROW, school_name),
    JSON_M_STR("assessment_kind", ROW, assessment_kind),
    JSON_M_INT("grade", ROW, grade),
    JSON_M_STR("date", ROW, date),
    JSON_M_STR("task_level", ROW, task_level),
    JSON_M_NUM("sufficient", ROW, sufficient),
    JSON_M_ENUM("verdict", ROW, verdict, verdict_key),
    JSON_M_NUM("points", ROW, points),
    JSON_M_NUM("possible", ROW, possible),
    JSON_M_NUM("p_value", ROW, p_value),
    JSON_M_NUM("q_value", ROW, q_value),
    JSON_M_LONG("students_below_half", ROW, below_half),
    JSON_M_INT("run", ROW, run),
    JSON_M_INT("thresholds_version", ROW, thresholds),
    JSON_M_BOOL("in_doubt", ROW, in_doubt),
    JSON_M_END};
#undef ROW

static int print_results(struct cli *cli, const mms_deficit_query *q, enum format fmt)
{
	mms_deficit_iter *it;
	const mms_deficit_row *r;
	struct tab tab = {0};
	struct json j;
	int rc, nrows = 0;

	rc = mms_deficits_query(cli->db, q, &it);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (fmt == FMT_JSON) {
		json_init(&j, stdout, JSON_PRETTY);
		json_begin_array(&j);
	} else if (fmt == FMT_CSV) {
		csv_bom(stdout);
		csv_head();
	}
	while ((rc = mms_deficit_iter_next(it, &r)) == 1) {
		nrows++;
		if (fmt == FMT_JSON) {
			json_begin_object(&j);
			json_members(&j, r, row_members);
			json_end_object(&j);
		} else if (fmt == FMT_CSV) {
			csv_row(r);
		} else if (table_row(&tab, r) < 0) {
			rc = MMS_ENOMEM;
			break;
		}
	}
	mms_deficit_iter_free(it);
	if (rc < 0) {
		table_free(tab.t);
		if (rc == MMS_ENOMEM) {
			cli_error(cli, _("out of memory"));
			return EXIT_SOFTWARE;
		}
		return cli_fail(cli, rc);
	}
	if (fmt == FMT_JSON) {
		json_end_array(&j);
		json_finish(&j);
	} else if (fmt == FMT_TABLE) {
		flush_section(&tab);
		if (nrows == 0 && q->only_deficits) {
			long groups = 0, small = 0;

			rc = mms_deficits_judged(cli->db, q, &groups, &small);
			if (rc != MMS_OK)
				return cli_fail(cli, rc);
			/* "no deficits" only where groups were judged */
			if (groups > 0 && small == groups)
				printf(_("no verdict: each of the %ld groups is too small to judge "
				         "(see "
				         "mms config thresholds: the least participants a verdict "
				         "needs)\n"),
				       groups);
			else if (small > 0)
				printf(_("no deficits among the %ld groups judged (%ld more too "
				         "small to "
				         "judge)\n"),
				       groups - small, small);
			else
				puts(_("no deficits"));
		} else if (nrows == 0) {
			puts(_("nothing to show"));
		}
	}
	return cli_finish(cli, EXIT_OK);
}

static int parse_level(const struct cli *cli, const struct cli_opt *opt, const char *value)
{
	enum mms_deficit_level *level = opt->dest;

	if (!strcmp(value, "class"))
		*level = MMS_LEVEL_CLASS;
	else if (!strcmp(value, "school"))
		*level = MMS_LEVEL_SCHOOL;
	else if (!strcmp(value, "district"))
		*level = MMS_LEVEL_DISTRICT;
	else
		return cli_usage_error(cli, _("unknown level '%s' (use class, school or district)"),
		                       value);
	return 0;
}

/* After a failure: the runs committed before it stay, and the user is told so. */
static int said_stored(const struct cli *cli, const mms_classify_stats *st, int code)
{
	if (st->committed > 0)
		cli_error(
		    cli,
		    ngettext("the run of %d assessment classified before is stored all the same",
		             "the runs of %d assessments classified before are stored all the "
		             "same",
		             (unsigned long)st->committed),
		    st->committed);
	return code;
}

struct history {
	const char *command;
	int argc;
	char **argv;
};

/* The command's line in the history, committed with its first run. */
static int log_with_first_run(mms_db *db, void *arg)
{
	const struct history *h = arg;

	return mms_log_command(db, h->command, h->argc, h->argv, 0);
}

int cmd_classify_deficits(int argc, char **argv, struct cli *cli)
{
	mms_deficit_query q = {0};
	mms_classify_stats st;
	struct history h = {cli->name, argc, argv};
	enum format fmt = FMT_TABLE;
	int quiet = 0, rc;
	const struct cli_opt opts[] = {CLI_OPT_STR("assessment", &q.assessment),
	                               CLI_OPT_CALL("level", &q.level, parse_level),
	                               CLI_OPT_FLAG("only-deficits", &q.only_deficits),
	                               CLI_OPT_FORMAT(&fmt, format_names),
	                               CLI_OPT_QUIET(&quiet),
	                               CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, 0)) != 0)
		return rc;
	rc = mms_deficits_classify_with(cli->db, q.assessment, &st, log_with_first_run, &h);
	if (rc != MMS_OK)
		return said_stored(cli, &st, cli_fail(cli, rc));
	if (quiet)
		return cli_finish(cli, EXIT_OK);
	/* the runs are stored: a reader gone is said (exit 74), not a signal that
	   would end the command before it can say so */
	signal(SIGPIPE, SIG_IGN);
	/* the runs stored, as one snapshot: each was committed as it was stored */
	rc = mms_db_begin_read(cli->db);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	rc = print_results(cli, &q, fmt);
	mms_db_rollback(cli->db);
	return rc == EXIT_OK ? rc : said_stored(cli, &st, rc);
}
