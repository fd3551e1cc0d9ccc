/* mms import-codifier — a codifier's codes and wording, and the codes a description's link to. */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "mms/spec.h"

const char cmd_import_codifier_usage[] =
    N_("usage: mms import-codifier [--codes SYSTEM] --subject NAME [--links SYSTEM] [--sheet NAME] "
       "[--encoding E] [--quiet] FILE\n"
       "\n"
       "Imports a codifier: its codes, each with its own wording (the ФИПИ КЭС\n"
       "and КТ lists: Код;Проверяемые элементы содержания), as skills of the code\n"
       "system SYSTEM (or of the file's column Система кодов); rows without a\n"
       "code are headings.  With a column Коды\n"
       "кодификатора, each code is linked to those codes of --links SYSTEM: a\n"
       "grade 5 requirement and a grade 6 one that check the same КЭС are then\n"
       "the same skill for persistence and follow-up.  A code's wording is never\n"
       "changed: a different one is refused.  FILE is CSV or an Excel workbook.\n"
       "\n"
       "options:\n"
       "  --codes SYSTEM   the code system of the file's codes (unless it has a\n"
       "                   column Система кодов)\n"
       "  --subject NAME   the subject, e.g. Математика\n"
       "  --links SYSTEM   the code system of the codes in Коды кодификатора\n"
       "  --sheet NAME     a workbook's sheet (default: the one with the header)\n"
       "  --encoding E     utf-8, cp1251 or utf-16le (default: detected)\n"
       "  -q, --quiet      print nothing on success\n");

int cmd_import_codifier(int argc, char **argv, struct cli *cli)
{
	mms_codifier_opts o = {0};
	mms_codifier_stats st;
	struct cli_input in = {MMS_ENC_AUTO, NULL, 0};
	int rc;
	const struct cli_opt opts[] = {
	    CLI_OPT_STR("codes", &o.codes), CLI_OPT_NEEDED("subject", &o.subject),
	    CLI_OPT_STR("links", &o.links), CLI_OPT_INPUT(&in), CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, -1)) != 0)
		return rc;
	o.encoding = in.enc;
	o.sheet = in.sheet;
	if (optind >= argc)
		return cli_usage_error(cli, _("no codifier file given"));
	if (argc - optind > 1)
		return cli_usage_error(cli, _("one codifier file at a time"));
	rc = mms_codifier_import(cli->db, &o, argv[optind], &st);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (!in.quiet)
		printf(_("codifier '%s' (%s): %d codes (%d new, %d given their wording), %d "
		         "headings, %d links\n"),
		       o.codes ? o.codes : _("the file's code systems"), o.subject, st.codes,
		       st.added, st.worded, st.headings, st.links);
	return cli_finish(cli, EXIT_OK);
}
