/* mms import-roster — schools, teachers, subjects, classes, who teaches which class. */
#include <getopt.h>

#include "cli.h"
#include "mms/roster.h"

const char cmd_import_roster_usage[] =
    N_("usage: mms import-roster [--encoding E] [--quiet] FILE...\n"
       "\n"
       "Imports the roster a school's timetable office exports, with the columns\n"
       "Код ОО;Школа;Учитель;Предмет;Классы;Год рождения;Педагогический стаж\n"
       "(Классы is a list: 5А,5Б).  For every school in the files, who teaches\n"
       "which class becomes what the files say; nothing is duplicated.\n"
       "\n"
       "options:\n"
       "  --encoding E  utf-8, cp1251 or utf-16le (default: detected)\n"
       "  -q, --quiet   print nothing on success\n");

int cmd_import_roster(int argc, char **argv, struct cli *cli)
{
	enum mms_encoding enc;
	mms_roster_stats st;
	int quiet, rc;

	if (cli_file_options(argc, argv, cli, &enc, &quiet))
		return EXIT_USAGE;
	if (optind >= argc)
		return cli_usage_error(cli, _("no roster file given"));
	rc =
	    mms_roster_import(cli->db, (const char *const *)argv + optind, argc - optind, enc, &st);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (!quiet)
		printf(
		    _("roster: %d files, %d rows: %d schools, %d teachers (%d new), %d subjects, "
		      "%d classes, %d assignments\n"),
		    st.files, st.rows, st.schools, st.teachers, st.teachers_new, st.subjects,
		    st.classes, st.teachings);
	return cli_finish(cli, EXIT_OK);
}
