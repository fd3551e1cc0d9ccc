/* mms import-spec — an assessment's description: tasks, maximum scores, levels, skills. */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "mms/spec.h"

const char cmd_import_spec_usage[] =
    N_("usage: mms import-spec --assessment ID --subject NAME --grade N [--kind KIND] "
       "[--date YYYY-MM-DD] [--codes SYSTEM] [--sheet NAME] [--encoding E] [--quiet] FILE\n"
       "\n"
       "Imports the description of an assessment (the ВПР \"описание\", the ФИПИ\n"
       "codifier), with the columns\n"
       "Задание;Макс. балл;Уровень;Код умения;Проверяемое умение;Вид умения\n"
       "Уровень is Б, П or В; Код умения may list several codes: 1.1,1.2.\n"
       "A skill is its subject, its code system and its code: grade 5's 1 and\n"
       "grade 6's 1 are different skills unless both descriptions name the same\n"
       "--codes; a skill's wording is never changed by another description.\n"
       "FILE is CSV or an Excel workbook (.xlsx, .xls).  Importing it again\n"
       "updates the assessment.\n"
       "\n"
       "options:\n"
       "  --assessment ID  the assessment's identifier, e.g. vpr-2026-math-5\n"
       "  --subject NAME   the subject, e.g. Математика\n"
       "  --grade N        the grade, 1 to 11\n"
       "  --kind KIND      ВПР, ОГЭ, ЕГЭ, КДР… (default: ВПР)\n"
       "  --date DATE      the day the assessment was written, YYYY-MM-DD\n"
       "  --codes SYSTEM   the code system of its skill codes, e.g. a ФИПИ codifier\n"
       "                   КЭС-ОГЭ-математика (default: KIND-GRADE, e.g. ВПР-5)\n"
       "  --sheet NAME     a workbook's sheet (default: the one with the header)\n"
       "  --encoding E     utf-8, cp1251 or utf-16le (default: detected)\n"
       "  -q, --quiet      print nothing on success\n");

int cmd_import_spec(int argc, char **argv, struct cli *cli)
{
	mms_spec_opts o = {0};
	mms_spec_stats st;
	struct cli_input in = {MMS_ENC_AUTO, NULL, 0};
	long grade = 0;
	int rc;
	const struct cli_opt opts[] = {
	    CLI_OPT_NEEDED("assessment", &o.assessment),
	    CLI_OPT_NEEDED("subject", &o.subject),
	    {.name = "grade", .arg = CLI_INT, .dest = &grade, .lo = 1, .hi = 11, .required = 1},
	    CLI_OPT_STR("kind", &o.kind),
	    CLI_OPT_STR("date", &o.date),
	    CLI_OPT_STR("codes", &o.codes),
	    CLI_OPT_INPUT(&in),
	    CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, -1)) != 0)
		return rc;
	o.encoding = in.enc;
	o.sheet = in.sheet;
	if (optind >= argc)
		return cli_usage_error(cli, _("no description file given"));
	if (argc - optind > 1)
		return cli_usage_error(cli, _("one description file at a time"));
	o.grade = (int)grade;
	rc = mms_spec_import(cli->db, &o, argv[optind], &st);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (!in.quiet) {
		printf(_("assessment '%s' (%s, %s, grade %d): %d tasks, %d skills, %g points in "
		         "all%s\n"),
		       o.assessment, o.kind ? o.kind : "ВПР", o.subject, o.grade, st.tasks,
		       st.skills, st.max_total, st.created ? _(" (new)") : _(" (updated)"));
		/* how a published table was read: the rows merged into each task */
		if (st.merged[0])
			printf(_("rows merged:\n%s\n"), st.merged);
		if (st.levels_assumed)
			printf(_("%d tasks have no level in the file: Б was taken\n"),
			       st.levels_assumed);
	}
	return cli_finish(cli, EXIT_OK);
}
