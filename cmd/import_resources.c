/* mms import-resources — the institute's course catalogue. */
#include <getopt.h>

#include "cli.h"
#include "mms/iop.h"

const char cmd_import_resources_usage[] =
    N_("usage: mms import-resources [--encoding E] [--quiet] FILE\n"
       "\n"
       "Imports the regional institute's catalogue of courses into the resource\n"
       "bank, with the columns\n"
       "Программа;Часов;Умения;Провайдер;Формат\n"
       "(and, optionally, Предмет).  Умения lists the skill codes a course meets:\n"
       "1.2,1.3.  Importing again updates the courses by their name.\n"
       "\n"
       "options:\n"
       "  --encoding E     utf-8, cp1251 or utf-16le (default: detected)\n"
       "  -q, --quiet      print nothing on success\n");

int cmd_import_resources(int argc, char **argv, struct cli *cli)
{
	enum mms_encoding enc;
	mms_catalogue_stats st;
	int quiet, rc;

	if (cli_file_options(argc, argv, cli, &enc, &quiet))
		return EXIT_USAGE;
	if (optind >= argc)
		return cli_usage_error(cli, _("no catalogue file given"));
	if (argc - optind > 1)
		return cli_usage_error(cli, _("one catalogue file at a time"));
	rc = mms_resources_import(cli->db, argv[optind], enc, &st);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (!quiet)
		printf(_("%ld courses: %ld new, %ld updated\n"), st.rows, st.added, st.updated);
	return cli_finish(cli, EXIT_OK);
}
