/* mms import-competencies — the district's own table of skills to teacher competencies. */
#include <getopt.h>

#include "cli.h"
#include "mms/teachers.h"

const char cmd_import_competencies_usage[] =
    N_("usage: mms import-competencies [--sheet NAME] [--encoding E] [--quiet] FILE\n"
       "\n"
       "Replaces the table that names the teacher's competency a student skill\n"
       "calls for, with the columns Вид умения;Уточнение;Область;Компетенция.\n"
       "Вид умения is предметное, метапредметное (УУД) or функциональная\n"
       "грамотность; Уточнение is a stem of the skill's kind or wording (empty:\n"
       "any skill of that kind; every kind needs such a row); Область is\n"
       "предметная, методическая, психолого-педагогическая or коммуникативная.\n"
       "FILE is CSV or an Excel workbook (.xlsx, .xls).\n"
       "\n"
       "options:\n"
       "  --sheet NAME  a workbook's sheet (default: the one with the header)\n"
       "  --encoding E  utf-8, cp1251 or utf-16le (default: detected)\n"
       "  -q, --quiet   print nothing on success\n");

int cmd_import_competencies(int argc, char **argv, struct cli *cli)
{
	struct cli_input in = {MMS_ENC_AUTO, NULL, 0};
	int rows, rc;
	const struct cli_opt opts[] = {CLI_OPT_INPUT(&in), CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, -1)) != 0)
		return rc;
	if (optind >= argc)
		return cli_usage_error(cli, _("no competency file given"));
	if (argc - optind > 1)
		return cli_usage_error(cli, _("one competency file at a time"));
	rc = mms_competencies_import(cli->db, argv[optind], in.enc, in.sheet, &rows);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (!in.quiet)
		printf(_("competencies: %d rows imported; the table was replaced\n"), rows);
	return cli_finish(cli, EXIT_OK);
}
