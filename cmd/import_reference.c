/* mms import-reference — the region's, the municipality's and Russia's values of an assessment. */
#include "cli.h"
#include "mms/analysis.h"

const char cmd_import_reference_usage[] =
    N_("usage: mms import-reference --assessment ID [--municipality NAME] [--sheet NAME] "
       "[--encoding E] [--quiet] FILE...\n"
       "\n"
       "Imports ФИС ОКО's forms of an assessment «Статистика по отметкам» (the\n"
       "shares of the marks) and «Выполнение заданий» (the success of each\n"
       "task), as exported: Russia's values («Вся выборка»), the region's and\n"
       "the municipality's, which mms analyse sets beside the district's, the\n"
       "schools' and the classes'.  The schools' rows are left: their figures\n"
       "come from their results.  Importing again replaces the values.  A FILE\n"
       "is CSV or an Excel workbook (.xlsx, .xls).\n"
       "\n"
       "options:\n"
       "  --assessment ID      the assessment\n"
       "  --municipality NAME  the municipality's row, where a form has several\n"
       "                       (a region's export)\n"
       "  --sheet NAME         a workbook's sheet (default: the first)\n"
       "  --encoding E         utf-8, cp1251 or utf-16le (default: detected)\n"
       "  -q, --quiet          print nothing on success\n");

int cmd_import_reference(int argc, char **argv, struct cli *cli)
{
	mms_reference_opts o = {0};
	mms_reference_stats st;
	struct cli_input in = {MMS_ENC_AUTO, NULL, 0};
	int rc;
	const struct cli_opt opts[] = {CLI_OPT_NEEDED("assessment", &o.assessment),
	                               CLI_OPT_STR("municipality", &o.municipality),
	                               CLI_OPT_INPUT(&in), CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, -1)) != 0)
		return rc;
	if (optind >= argc)
		return cli_usage_error(cli, _("no form file given"));
	o.encoding = in.enc;
	o.sheet = in.sheet;
	rc = mms_reference_import(cli->db, &o, (const char *const *)argv + optind, argc - optind,
	                          &st);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (!in.quiet)
		printf(_("%s: %ld reference values from %d forms of marks and %d of tasks (%ld "
		         "tasks); "
		         "%ld rows of schools and %ld of other municipalities left\n"),
		       o.assessment, st.values, st.marks_forms, st.task_forms, st.tasks,
		       st.schools_left, st.municipalities_left);
	return cli_finish(cli, EXIT_OK);
}
