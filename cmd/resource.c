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
       "  --kind KIND      mentor, seminar, rmo, internship or course\n"
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

static int do_add(int argc, char **argv, struct cli *cli)
{
	static const struct option opts[] = {{"kind", required_argument, NULL, 'k'},
	                                     {"title", required_argument, NULL, 't'},
	                                     {"skill", required_argument, NULL, 's'},
	                                     {"teacher", required_argument, NULL, 'T'},
	                                     {"provider", required_argument, NULL, 'p'},
	                                     {"hours", required_argument, NULL, 'H'},
	                                     {"capacity", required_argument, NULL, 'c'},
	                                     {"period", required_argument, NULL, 'P'},
	                                     {"subject", required_argument, NULL, 'S'},
	                                     {"quiet", no_argument, NULL, 'q'},
	                                     {NULL, 0, NULL, 0}};
	mms_resource_new r = {0};
	const char *teacher = NULL;
	int64_t id;
	long v;
	int opt, rc, quiet = 0;

	while ((opt = getopt_long(argc, argv, "q", opts, NULL)) != -1) {
		switch (opt) {
		case 'k':
			/* a Russian word too; an unknown one the library names */
			r.kind = mms_word_code(MMS_WORDS_KIND, optarg)
			             ? mms_word_code(MMS_WORDS_KIND, optarg)
			             : optarg;
			break;
		case 't':
			r.title = optarg;
			break;
		case 's':
			r.skills = optarg;
			break;
		case 'T':
			teacher = optarg;
			break;
		case 'p':
			r.provider = optarg;
			break;
		case 'H':
			if (cli_int(cli, "--hours", optarg, 1, 10000, &v))
				return EXIT_USAGE;
			r.hours = (int)v;
			break;
		case 'c':
			if (cli_int(cli, "--capacity", optarg, 1, 1000, &v))
				return EXIT_USAGE;
			r.capacity = (int)v;
			break;
		case 'P':
			r.period = optarg;
			break;
		case 'S':
			r.subject = optarg;
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
	if (!r.kind)
		return cli_usage_error(cli, _("--kind is required"));
	if (!r.title)
		return cli_usage_error(cli, _("--title is required"));
	if (!r.skills)
		return cli_usage_error(cli, _("--skill is required"));
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
	struct json j;

	json_init(&j, stdout, JSON_PRETTY);
	json_begin_array(&j);
	for (size_t i = 0; i < rs->n; i++) {
		const mms_resource *r = &rs->r[i];

		json_begin_object(&j);
		json_field_int(&j, "id", r->id);
		json_field_str(&j, "kind", r->kind);
		json_field_str(&j, "origin", r->origin);
		json_field_str(&j, "title", r->title);
		json_field_str(&j, "teacher", r->teacher);
		json_field_str(&j, "school", r->school);
		json_field_str(&j, "skills", r->skills);
		json_field_str(&j, "provider", r->provider);
		json_key(&j, "hours");
		if (r->hours)
			json_int(&j, r->hours);
		else
			json_null(&j);
		json_key(&j, "capacity");
		if (r->capacity)
			json_int(&j, r->capacity);
		else
			json_null(&j);
		json_field_int(&j, "used", r->used);
		json_field_str(&j, "period", r->period);
		json_field_str(&j, "format", r->format);
		json_field_bool(&j, "withdrawn", r->withdrawn);
		json_field_str(&j, "evidence", r->evidence);
		json_end_object(&j);
	}
	json_end_array(&j);
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
	static const struct option opts[] = {{"kind", required_argument, NULL, 'k'},
	                                     {"format", required_argument, NULL, 'f'},
	                                     {"quiet", no_argument, NULL, 'q'},
	                                     {NULL, 0, NULL, 0}};
	const char *kind = NULL;
	mms_resources *rs;
	int opt, rc, json = 0, quiet = 0;

	while ((opt = getopt_long(argc, argv, "q", opts, NULL)) != -1) {
		switch (opt) {
		case 'k':
			kind = mms_word_code(MMS_WORDS_KIND, optarg)
			           ? mms_word_code(MMS_WORDS_KIND, optarg)
			           : optarg;
			break;
		case 'f':
			if (cli_format(cli, optarg, (const char *const[]){"table", "json", NULL},
			               &json))
				return EXIT_USAGE;
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
	static const struct option opts[] = {{"quiet", no_argument, NULL, 'q'}, {NULL, 0, NULL, 0}};
	mms_mentor_stats st;
	int opt, rc, quiet = 0;

	while ((opt = getopt_long(argc, argv, "q", opts, NULL)) != -1) {
		if (opt != 'q')
			return cli_usage_error(cli, _("unknown option '%s'"), argv[optind - 1]);
		quiet = 1;
	}
	if (optind < argc)
		return cli_usage_error(cli, _("unexpected argument '%s'"), argv[optind]);
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
	static const struct option opts[] = {{"skill", required_argument, NULL, 's'},
	                                     {"quiet", no_argument, NULL, 'q'},
	                                     {NULL, 0, NULL, 0}};
	const char *skill = NULL;
	long id;
	int opt, rc, quiet = 0;

	while ((opt = getopt_long(argc, argv, "q", opts, NULL)) != -1) {
		if (opt == 's')
			skill = optarg;
		else if (opt == 'q')
			quiet = 1;
		else
			return cli_usage_error(cli, _("unknown option '%s'"), argv[optind - 1]);
	}
	if (optind >= argc)
		return cli_usage_error(cli, _("no resource ID given"));
	if (argc - optind > 1)
		return cli_usage_error(cli, _("unexpected argument '%s'"), argv[optind + 1]);
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
