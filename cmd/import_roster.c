/* mms import-roster — schools, teachers, subjects, classes, who teaches which class. */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "mms/roster.h"

const char cmd_import_roster_usage[] =
    N_("usage: mms import-roster [--year YYYY/YYYY] [--sheet NAME] [--encoding E] [--quiet] "
       "FILE...\n"
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
       "stay as they were, and nothing is duplicated.  A FILE is CSV or an Excel\n"
       "workbook (.xlsx, .xls).\n"
       "\n"
       "options:\n"
       "  --year Y      the school year of rows without Учебный год, e.g. 2026/2027\n"
       "  --sheet NAME  a workbook's sheet (default: the one with the header)\n"
       "  --encoding E  utf-8, cp1251 or utf-16le (default: detected)\n"
       "  -q, --quiet   print nothing on success\n");

int cmd_import_roster(int argc, char **argv, struct cli *cli)
{
	static const struct option opts[] = {
	    {"year", required_argument, NULL, 'y'}, CLI_INPUT_OPTIONS, {NULL, 0, NULL, 0}};
	struct cli_input in = {MMS_ENC_AUTO, NULL, 0};
	const char *year = NULL;
	mms_roster_stats st;
	char years[MMS_ROSTER_MAXYEARS * 18] = "";
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "q", opts, NULL)) != -1) {
		if (opt == 'y')
			year = optarg;
		else if (cli_input_option(cli, opt, argv, &in))
			return EXIT_USAGE;
	}
	if (optind >= argc)
		return cli_usage_error(cli, _("no roster file given"));
	rc = mms_roster_import(cli->db, (const char *const *)argv + optind, argc - optind, in.enc,
	                       in.sheet, year, &st);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	for (int i = 0; i < st.nyears; i++) {
		if (i)
			strcat(years, ", ");
		strcat(years, st.years[i]);
	}
	if (!in.quiet)
		printf(
		    _("roster: %d files, %d rows: %d schools, %d teachers (%d new), %d subjects, "
		      "%d classes, %d assignments (%s)\n"),
		    st.files, st.rows, st.schools, st.teachers, st.teachers_new, st.subjects,
		    st.classes, st.teachings, st.nyears ? years : "-");
	return cli_finish(cli, EXIT_OK);
}
