/* mms init — create or migrate the database. */

#include "cli.h"

const char cmd_init_usage[] =
    N_("usage: mms init [--quiet]\n"
       "\n"
       "Creates the database, or brings an older one to this version's schema.\n"
       "Every other command migrates on open too; init only says what it did.\n"
       "\n"
       "options:\n"
       "  -q, --quiet   print nothing on success\n");

int cmd_init(int argc, char **argv, struct cli *cli)
{
	int quiet = 0, applied, version, rc;
	const struct cli_opt opts[] = {CLI_OPT_QUIET(&quiet), CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, 0)) != 0)
		return rc;
	rc = mms_db_open(cli->dbpath, 0, &cli->db);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	applied = mms_db_migrations_applied(cli->db);
	version = mms_db_schema_version(cli->db);
	if (!quiet) {
		if (applied == 0)
			printf(_("database '%s' is up to date (schema version %d)\n"), cli->dbpath,
			       version);
		else if (applied == version)
			printf(_("database '%s' created (schema version %d)\n"), cli->dbpath,
			       version);
		else
			printf(_("database '%s' migrated from schema version %d to %d\n"),
			       cli->dbpath, version - applied, version);
	}
	return cli_finish(cli, EXIT_OK);
}
