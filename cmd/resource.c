/* mms resource — the resource bank: mentors, events, courses. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"
#include "mms/iop.h"
#include "mms/teachers.h"
#include "table.h"
#include "mms/words.h"

const char cmd_resource_usage[] =
    N_("usage: mms resource add --kind KIND --title TEXT --skill CODE[,CODE] [--teacher NAME] "
       "[--provider TEXT] [--hours N] [--capacity N] [--period TEXT] [--subject NAME] "
       "[--quiet]\n"
       "   or: mms resource list [--kind KIND] [--format table|json] [--quiet]\n"
       "   or: mms resource find-mentors [--quiet]\n"
       "   or: mms resource withdraw ID [--skill CODE] [--quiet]\n"
       "\n"
       "The district's resource bank that programmes draw on: mentors (master\n"
       "teachers) found in the results or registered by hand, РМО, seminars,\n"
       "internship sites, and courses.  find-mentors looks for teachers whose\n"
       "classes are clearly above the rest of the district on a skill; withdraw\n"
       "takes a resource, or one of its skills, out of the bank.\n"
       "\n"
       "options:\n"
       "  --kind KIND      mentor, seminar, rmo, internship, course or methodologist\n"
       "  --title TEXT     the resource's name\n"
       "  --skill CODE     the skills it meets, comma-separated (withdraw: one skill)\n"
       "  --teacher NAME   the mentor (required for a mentor)\n"
       "  --provider TEXT  who runs it\n"
       "  --hours N        its length in hours\n"
       "  --capacity N     teachers a school year (default: 3 for a mentor, else no limit)\n"
       "  --period TEXT    when it runs, e.g. \"октябрь–декабрь 2026\"\n"
       "  --subject NAME   the subject of the skill codes, when several have them\n"
       "  --format F       table (default) or json\n"
       "  -q, --quiet      print nothing on success (list: only checks the bank can\n"
       "                   be read)\n");

static const char *today(void)
{
	const char *t = getenv("MMS_TODAY");

	return t && t[0] ? t : NULL;
}

/* --kind: a Russian word too; an unknown one the library names */
static int kind_option(const struct cli *cli, const struct cli_opt *opt, const char *value)
{
	const char *code = mms_word_code(MMS_WORDS_KIND, value);

	(void)cli;
	*(const char **)opt->dest = code ? code : value;
	return 0;
}

static int do_add(int argc, char **argv, struct cli *cli)
{
	mms_resource_new r = {0};
	const char *teacher = NULL, *kind = NULL;
	int64_t id;
	long hours = 0, capacity = 0;
	int rc, quiet = 0;
	const struct cli_opt opts[] = {
	    {.name = "kind", .arg = CLI_CALL, .dest = &kind, .fn = kind_option, .required = 1},
	    CLI_OPT_NEEDED("title", &r.title),
	    CLI_OPT_NEEDED("skill", &r.skills),
	    CLI_OPT_STR("teacher", &teacher),
	    CLI_OPT_STR("provider", &r.provider),
	    CLI_OPT_INT("hours", &hours, 1, 10000),
	    CLI_OPT_INT("capacity", &capacity, 1, 1000),
	    CLI_OPT_STR("period", &r.period),
	    CLI_OPT_STR("subject", &r.subject),
	    CLI_OPT_QUIET(&quiet),
	    CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, 0)) != 0)
		return rc;
	r.kind = kind;
	r.hours = (int)hours;
	r.capacity = (int)capacity;
	if (!strcmp(r.kind, "mentor") && !teacher)
		return cli_usage_error(cli, _("a mentor needs --teacher"));
	if (teacher) {
		rc = mms_teacher_find(cli->db, teacher, NULL, &r.teacher);
		if (rc != MMS_OK)
			return cli_fail(cli, rc);
	}
	rc = mms_resource_add(cli->db, &r, &id);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (!quiet)
		printf(_("resource %lld added: %s '%s'\n"), (long long)id,
		       mms_word(MMS_WORDS_KIND, r.kind), r.title);
	return cli_finish(cli, EXIT_OK);
}

static void list_json(const mms_resources *rs)
{
	static const struct json_member cols[] = {JSON_M_LONG("id", mms_resource, id),
	                                          JSON_M_STR("kind", mms_resource, kind),
	                                          JSON_M_STR("origin", mms_resource, origin),
	                                          JSON_M_STR("title", mms_resource, title),
	                                          JSON_M_STR("teacher", mms_resource, teacher),
	                                          JSON_M_STR("school", mms_resource, school),
	                                          JSON_M_STR("skills", mms_resource, skills),
	                                          JSON_M_STR("provider", mms_resource, provider),
	                                          JSON_M_COUNT("hours", mms_resource, hours),
	                                          JSON_M_COUNT("capacity", mms_resource, capacity),
	                                          JSON_M_LONG("used", mms_resource, used),
	                                          JSON_M_STR("period", mms_resource, period),
	                                          JSON_M_STR("format", mms_resource, format),
	                                          JSON_M_BOOL("withdrawn", mms_resource, withdrawn),
	                                          JSON_M_STR("evidence", mms_resource, evidence),
	                                          JSON_M_END};
	struct json j;

	json_init(&j, stdout, JSON_PRETTY);
	json_rows(&j, rs->r, rs->n, sizeof(rs->r[0]), cols);
	json_finish(&j);
}

static int list_table(const mms_resources *rs)
{
	struct table *t = table_new();
	int rc = 0;

	if (!t)
		return -1;
	rc |= table_column(t, "id", TABLE_RIGHT, 0);
	rc |= table_column(t, _("kind"), TABLE_LEFT, 0);
	rc |= table_column(t, _("resource"), TABLE_LEFT, 40);
	rc |= table_column(t, _("skills"), TABLE_LEFT, 20);
	rc |= table_column(t, _("hours"), TABLE_RIGHT, 0);
	rc |= table_column(t, _("taken"), TABLE_RIGHT, 0);
	rc |= table_column(t, _("period"), TABLE_LEFT, 20);
	rc |= table_column(t, _("state"), TABLE_LEFT, 0);
	rc |= table_column(t, _("evidence"), TABLE_LEFT, 0);
	for (size_t i = 0; i < rs->n && rc == 0; i++) {
		const mms_resource *r = &rs->r[i];

		rc |= table_cellf(t, "%lld", (long long)r->id);
		rc |= table_cell(t, mms_word(MMS_WORDS_KIND, r->kind));
		if (r->teacher)
			rc |= table_cellf(t, "%s (%s)", r->teacher, r->school);
		else if (r->provider)
			rc |= table_cellf(t, "%s (%s)", r->title, r->provider);
		else
			rc |= table_cell(t, r->title);
		rc |= table_cell(t, r->skills);
		rc |= r->hours ? table_cellf(t, "%d", r->hours) : table_cell(t, NULL);
		rc |= r->capacity ? table_cellf(t, "%ld/%d", r->used, r->capacity)
		                  : table_cellf(t, "%ld", r->used);
		rc |= table_cell(t, r->period);
		rc |= table_cell(t, r->withdrawn                      ? _("withdrawn")
		                    : !strcmp(r->origin, "data")      ? _("found in the results")
		                    : !strcmp(r->origin, "catalogue") ? _("catalogue")
		                                                      : _("registered"));
		rc |= table_cell(t, r->evidence);
		rc |= table_end_row(t);
	}
	if (rc == 0) {
		if (table_rows(t) == 0)
			puts(_("the resource bank is empty"));
		else
			table_print(t, stdout, 0);
	}
	table_free(t);
	return rc;
}

static int do_list(int argc, char **argv, struct cli *cli)
{
	const char *kind = NULL;
	mms_resources *rs;
	int rc, json = 0, quiet = 0;
	const struct cli_opt opts[] = {CLI_OPT_CALL("kind", &kind, kind_option),
	                               CLI_OPT_FORMAT(&json, cli_table_json), CLI_OPT_QUIET(&quiet),
	                               CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, 0)) != 0)
		return rc;
	rc = mms_resources_list(cli->db, kind, today(), &rs);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (json && !quiet) {
		list_json(rs);
	} else if (!quiet && list_table(rs) != 0) {
		mms_resources_free(rs);
		cli_error(cli, _("out of memory"));
		return EXIT_SOFTWARE;
	}
	mms_resources_free(rs);
	return cli_finish(cli, EXIT_OK);
}

static int do_find(int argc, char **argv, struct cli *cli)
{
	mms_mentor_stats st;
	int rc, quiet = 0;
	const struct cli_opt opts[] = {CLI_OPT_QUIET(&quiet), CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, 0)) != 0)
		return rc;
	rc = mms_mentors_find(cli->db, &st);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (!quiet)
		printf(_("%d assessments, %ld teacher–skill pairs compared: %ld clearly above the "
		         "rest (%ld new in the bank, %ld no longer supported)\n"),
		       st.assessments, st.tested, st.found, st.added, st.lapsed);
	return cli_finish(cli, EXIT_OK);
}

static int do_withdraw(int argc, char **argv, struct cli *cli)
{
	const char *skill = NULL;
	long id;
	int rc, quiet = 0;
	const struct cli_opt opts[] = {CLI_OPT_STR("skill", &skill), CLI_OPT_QUIET(&quiet),
	                               CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, 1)) != 0)
		return rc;
	if (optind >= argc)
		return cli_usage_error(cli, _("no resource ID given"));
	if (cli_int(cli, "ID", argv[optind], 1, 2147483647L, &id))
		return EXIT_USAGE;
	rc = mms_resource_withdraw(cli->db, id, skill);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (!quiet && skill)
		printf(_("resource %ld: skill '%s' withdrawn\n"), id, skill);
	else if (!quiet)
		printf(_("resource %ld withdrawn\n"), id);
	return cli_finish(cli, EXIT_OK);
}

int cmd_resource(int argc, char **argv, struct cli *cli)
{
	const char *sub = argc > 1 ? argv[1] : NULL;

	if (!sub)
		return cli_usage_error(cli,
		                       _("no action given (add, list, find-mentors, withdraw)"));
	optind = 0;
	if (!strcmp(sub, "add"))
		return do_add(argc - 1, argv + 1, cli);
	if (!strcmp(sub, "list"))
		return do_list(argc - 1, argv + 1, cli);
	if (!strcmp(sub, "find-mentors"))
		return do_find(argc - 1, argv + 1, cli);
	if (!strcmp(sub, "withdraw"))
		return do_withdraw(argc - 1, argv + 1, cli);
	return cli_usage_error(
	    cli, _("unknown action '%s' (use add, list, find-mentors, withdraw)"), sub);
}
