/* mms import-roster — schools, teachers, subjects, classes, who teaches which class. */
#include <string.h>

#include "cli.h"
#include "mms/roster.h"

const char cmd_import_roster_usage[] =
    N_("usage: mms import-roster [--year YYYY/YYYY] [--dry-run] [--replace] [--sheet NAME] "
       "[--encoding E] [--quiet] FILE...\n"
       "\n"
       "Imports the roster a school's timetable office exports, with the columns\n"
       "Код ОО;Школа;Учитель;Предмет;Классы;Год рождения;Педагогический стаж;\n"
       "Учебный год;Код РЦОИ (Классы is a list: 5А,5Б; the last four may be\n"
       "absent).  Код ОО may list a school's codes, the main one first\n"
       "(edu241001, 241001), and Код РЦОИ its РЦОИ codes.  A row is the school\n"
       "that any code of its Код ОО names; any code of a school finds it in\n"
       "--school.\n"
       "Assignments belong to a school year: the column Учебный год, else --year,\n"
       "else the school year of today.  For every school and school year in the\n"
       "files, who teaches which class becomes what the files say; other years\n"
       "stay as they were, and nothing is duplicated.  Files that would take from\n"
       "a school more than half of a year's assignments are refused unless\n"
       "--replace (a partial roster by mistake); what changed is printed per\n"
       "school.  A FILE is CSV or an Excel workbook (.xlsx, .xls).\n"
       "\n"
       "options:\n"
       "  --year Y      the school year of rows without Учебный год, e.g. 2026/2027\n"
       "  --dry-run     check and say what would change, store nothing\n"
       "  --replace     import even where a school loses most of its assignments\n"
       "  --sheet NAME  a workbook's sheet (default: the one with the header)\n"
       "  --encoding E  utf-8, cp1251 or utf-16le (default: detected)\n"
       "  -q, --quiet   print nothing on success\n");

int cmd_import_roster(int argc, char **argv, struct cli *cli)
{
	struct cli_input in = {MMS_ENC_AUTO, NULL, 0};
	mms_roster_opts o = {0};
	mms_roster_stats st;
	char years[MMS_ROSTER_MAXYEARS * 18] = "";
	int rc;
	const struct cli_opt opts[] = {
	    CLI_OPT_STR("year", &o.year), CLI_OPT_FLAG("dry-run", &o.dry_run),
	    CLI_OPT_FLAG("replace", &o.replace), CLI_OPT_INPUT(&in), CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, -1)) != 0)
		return rc;
	if (optind >= argc)
		return cli_usage_error(cli, _("no roster file given"));
	o.encoding = in.enc;
	o.sheet = in.sheet;
	rc = mms_roster_import_opts(cli->db, (const char *const *)argv + optind, argc - optind, &o,
	                            &st);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	for (int i = 0; i < st.nyears; i++) {
		if (i)
			strcat(years, ", ");
		strcat(years, st.years[i]);
	}
	if (!in.quiet) {
		printf(
		    _("%sroster: %d files, %d rows: %d schools, %d teachers (%d new), %d subjects, "
		      "%d classes, %d assignments (%s)\n"),
		    o.dry_run ? _("dry run, nothing stored: ") : "", st.files, st.rows, st.schools,
		    st.teachers, st.teachers_new, st.subjects, st.classes, st.teachings,
		    st.nyears ? years : "-");
		/* what changed where: always in a dry run, else where assignments went */
		for (size_t i = 0; i < st.nchanges; i++) {
			const mms_roster_change *c = &st.changes[i];

			if (c->added || c->removed)
				if (o.dry_run || c->removed)
					printf(_("  %s, %s: %d assignments before, %d added, %d "
					         "removed\n"),
					       c->school, c->year, c->before, c->added, c->removed);
			if (o.dry_run && !o.replace && c->before > 0 && c->removed * 2 > c->before)
				printf(
				    _("  %s, %s: more than half of its assignments would go: the "
				      "import is refused without --replace\n"),
				    c->school, c->year);
		}
	}
	mms_roster_stats_free(&st);
	return cli_finish(cli, EXIT_OK);
}
