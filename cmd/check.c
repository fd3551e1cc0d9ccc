/* mms check — SQLite's integrity and foreign key checks and the schema's own invariants. */
#include <string.h>

#include "cli.h"
#include "json.h"
#include "mms/keep.h"

const char cmd_check_usage[] =
    N_("usage: mms check [--quiet] [--format text|json]\n"
       "\n"
       "Checks the database: SQLite's integrity_check and foreign_key_check, the\n"
       "schema version, every participant's packed scores (their length, absent\n"
       "participants without scores, no score above its task's maximum) and id (no\n"
       "two alike, none beyond the last given), classes and teachers of one school,\n"
       "classification runs with their thresholds.\n"
       "Prints each problem found; exits 65 if there is any.\n"
       "\n"
       "options:\n"
       "  -q, --quiet   print nothing when all is well (text)\n"
       "  --format F    text (default) or json\n");

struct out {
	int json;
	struct json j;
};

static void on_finding(void *ctx, const char *check, const char *message)
{
	struct out *o = ctx;

	if (o->json) {
		json_begin_object(&o->j);
		json_key(&o->j, "check");
		json_str(&o->j, check);
		json_key(&o->j, "message");
		json_str(&o->j, message);
		json_end_object(&o->j);
	} else {
		printf("%s: %s\n", check, message);
	}
}

static const char *const check_formats[] = {"text", "json", NULL};

int cmd_check(int argc, char **argv, struct cli *cli)
{
	struct out o = {0};
	long findings = 0;
	int quiet = 0, rc;
	const struct cli_opt opts[] = {CLI_OPT_QUIET(&quiet),
	                               CLI_OPT_FORMAT(&o.json, check_formats), CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, 0)) != 0)
		return rc;

	if (o.json) {
		json_init(&o.j, stdout, JSON_PRETTY);
		json_begin_object(&o.j);
		json_key(&o.j, "database");
		json_str(&o.j, cli->dbpath);
		json_key(&o.j, "findings");
		json_begin_array(&o.j);
	}
	rc = mms_check(cli->db, on_finding, &o, &findings);
	if (o.json) {
		json_end_array(&o.j);
		json_key(&o.j, "count");
		json_int(&o.j, findings);
		json_key(&o.j, "ok");
		json_bool(&o.j, rc == MMS_OK && findings == 0);
		json_end_object(&o.j);
		json_finish(&o.j);
	}
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (findings) {
		rc = cli_finish(cli, EXIT_DATA);
		cli_error(cli,
		          ngettext("database '%s': %ld problem found",
		                   "database '%s': %ld problems found", (unsigned long)findings),
		          cli->dbpath, findings);
		return rc;
	}
	if (!quiet && !o.json)
		printf(_("database '%s': ok (%d checks)\n"), cli->dbpath, mms_check_count());
	return cli_finish(cli, EXIT_OK);
}
