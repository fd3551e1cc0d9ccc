/* mms import-resources — the institute's course catalogue. */
#include <getopt.h>

#include "cli.h"
#include "mms/iop.h"

const char cmd_import_resources_usage[] =
    N_("usage: mms import-resources [--subject NAME] [--sheet NAME] [--encoding E] [--quiet] "
       "FILE\n"
       "\n"
       "Imports the regional institute's catalogue of courses into the resource\n"
       "bank, with the columns\n"
       "Программа;Часов;Умения;Провайдер;Формат\n"
       "(and, optionally, Предмет).  Умения lists the skill codes a course meets:\n"
       "1.2,1.3.  Importing again updates the courses by their name.\n"
       "A code that several subjects use (1.1 in mathematics and in Russian)\n"
       "needs the line's Предмет or --subject.  FILE is CSV or an Excel workbook\n"
       "(.xlsx, .xls).\n"
       "\n"
       "options:\n"
       "  --subject NAME   the subject of the lines with no Предмет, e.g.\n"
       "                   Математика (a catalogue of one subject area)\n"
       "  --sheet NAME     a workbook's sheet (default: the one with the header)\n"
       "  --encoding E     utf-8, cp1251 or utf-16le (default: detected)\n"
       "  -q, --quiet      print nothing on success\n");

int cmd_import_resources(int argc, char **argv, struct cli *cli)
{
	struct cli_input in = {MMS_ENC_AUTO, NULL, 0};
	mms_catalogue_stats st;
	const char *subject = NULL;
	int rc;
	const struct cli_opt opts[] = {{.name = "subject", .arg = CLI_WORD, .dest = &subject},
	                               CLI_OPT_INPUT(&in),
	                               CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, -1)) != 0)
		return rc;
	if (optind >= argc)
		return cli_usage_error(cli, _("no catalogue file given"));
	if (argc - optind > 1)
		return cli_usage_error(cli, _("one catalogue file at a time"));
	rc = mms_resources_import(cli->db, argv[optind], in.enc, in.sheet, subject, &st);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (!in.quiet)
		printf(_("%ld courses: %ld new, %ld updated\n"), st.rows, st.added, st.updated);
	return cli_finish(cli, EXIT_OK);
}
