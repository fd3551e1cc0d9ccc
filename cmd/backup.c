/* mms backup — a consistent copy of the database, safe while others write to it. */
#include "cli.h"
#include "mms/keep.h"

const char cmd_backup_usage[] =
    N_("usage: mms backup [--force] [--quiet] FILE\n"
       "\n"
       "Copies the database to FILE with SQLite's online backup API: one consistent\n"
       "snapshot, taken while other mms commands go on writing.  The copy is written\n"
       "to FILE.tmp and renamed to FILE when complete.\n"
       "\n"
       "options:\n"
       "  --force       replace FILE if it exists\n"
       "  -q, --quiet   print nothing on success\n");

int cmd_backup(int argc, char **argv, struct cli *cli)
{
	int force = 0, quiet = 0, rc;
	const struct cli_opt opts[] = {CLI_OPT_FLAG("force", &force), CLI_OPT_QUIET(&quiet),
	                               CLI_OPT_END};
	unsigned flags;
	long pages = 0;

	if ((rc = cli_options(cli, argc, argv, opts, -1)) != 0)
		return rc;
	flags = force ? MMS_BACKUP_FORCE : 0;
	if (optind >= argc)
		return cli_usage_error(cli, _("no backup file given"));
	if (argc - optind > 1)
		return cli_usage_error(cli, _("one backup file at a time"));
	rc = mms_db_backup(cli->db, argv[optind], flags, &pages);
	if (rc == MMS_EUSAGE && !(flags & MMS_BACKUP_FORCE)) {
		cli_error(cli, "%s", mms_errmsg(cli->db));
		fputs(_("use --force to replace it\n"), stderr);
		return EXIT_USAGE;
	}
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (!quiet)
		printf(_("database '%s' copied to '%s' (%ld pages)\n"), cli->dbpath, argv[optind],
		       pages);
	return cli_finish(cli, EXIT_OK);
}
