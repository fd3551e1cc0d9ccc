/* mms import-survey — teachers' self-diagnosis, or the schools' satisfaction with the service. */
#include <string.h>

#include "cli.h"
#include "mms/service.h"

const char cmd_import_survey_usage[] =
    N_("usage: mms import-survey [--kind self|satisfaction] [--sheet NAME] [--encoding E] "
       "[--quiet] FILE\n"
       "\n"
       "Imports a survey.  self (default): teachers' self-diagnosis of their\n"
       "professional difficulties (диагностика профессиональных затруднений), a row\n"
       "per teacher and skill: ФИО, Код ОО, Предмет, Код умения, Уровень (1 to 5)\n"
       "and/or Испытываю затруднения (да/нет), Дата.  An answer stating a\n"
       "difficulty (да, or a level of 1 or 2) is a hypothesis of source\n"
       "самодиагностика beside those of the results: a lesson observation\n"
       "confirms it, an interview makes it a need.  Where the teacher and the\n"
       "results point to the same skill, the hypothesis says so.  No output ranks\n"
       "teachers by their answers.\n"
       "satisfaction: the schools' survey of the methodological service, a row\n"
       "an answer: Код ОО, Вопрос, Оценка (1 to 5), Дата; the report summarises\n"
       "it per question.  FILE is CSV or an Excel workbook (.xlsx, .xls).\n"
       "\n"
       "options:\n"
       "  --kind KIND    self (default) or satisfaction\n"
       "  --sheet NAME   a workbook's sheet (default: the one with the header)\n"
       "  --encoding E   utf-8, cp1251 or utf-16le (default: detected)\n"
       "  -q, --quiet    print nothing on success\n");

static const char *const kinds[] = {"self", "satisfaction", NULL};

int cmd_import_survey(int argc, char **argv, struct cli *cli)
{
	struct cli_input in = {MMS_ENC_AUTO, NULL, 0};
	mms_survey_opts o = {0};
	mms_survey_stats st;
	int rc, kind = 0;
	const struct cli_opt opts[] = {
	    {.name = "kind", .arg = CLI_FORMAT, .dest = &kind, .names = kinds},
	    CLI_OPT_INPUT(&in),
	    CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, 1)) != 0)
		return rc;
	if (optind >= argc)
		return cli_usage_error(cli, _("no survey file given"));
	o.satisfaction = kind == 1;
	o.encoding = in.enc;
	o.sheet = in.sheet;
	rc = mms_survey_import(cli->db, &o, argv[optind], &st);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (in.quiet)
		return cli_finish(cli, EXIT_OK);
	if (o.satisfaction) {
		printf(_("satisfaction survey: %ld answers imported\n"), st.rows);
		return cli_finish(cli, EXIT_OK);
	}
	printf(_("self-diagnosis: %ld answers, %ld stating a difficulty\n"), st.rows,
	       st.difficulties);
	printf(
	    _("the teachers and the results agree on %ld difficulties (the strongest evidence); "
	      "%ld named by the teachers alone; %ld from the results the teachers did not name\n"),
	    st.agree, st.only_self, st.only_results);
	return cli_finish(cli, EXIT_OK);
}
