/* mms iop — following a programme's items: their status. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mms/iop.h"
#include "mms/teachers.h"
#include "mms/words.h"

const char cmd_iop_usage[] =
    N_("usage: mms iop set-status --teacher NAME [--school CODE] --skill CODE [--subject NAME] "
       "STATUS [--note TEXT] [--quiet]\n"
       "\n"
       "Sets the status of the item on skill CODE of the teacher's latest\n"
       "programme and records it in the item's history.  STATUS is planned,\n"
       "in-progress, done or dropped.  Allowed: planned → in-progress, done or\n"
       "dropped; in-progress → done, dropped or planned; dropped → planned;\n"
       "done is final.\n"
       "\n"
       "options:\n"
       "  --teacher NAME   the teacher\n"
       "  --school CODE    the teacher's school, when the name is not unique\n"
       "  --skill CODE     the skill of the item\n"
       "  --subject NAME   the skill's subject, when the teacher's programmes have\n"
       "                   the code in several subjects\n"
       "  --note TEXT      a note kept with the change\n"
       "  -q, --quiet      print nothing on success\n");

static int set_status(int argc, char **argv, struct cli *cli)
{
	const char *teacher = NULL, *school = NULL, *skill = NULL, *subject = NULL, *note = NULL;
	const char *old = NULL, *status;
	const char *today = getenv("MMS_TODAY");
	int64_t tid;
	int rc, quiet = 0;
	const struct cli_opt opts[] = {CLI_OPT_NEEDED("teacher", &teacher),
	                               CLI_OPT_STR("school", &school),
	                               CLI_OPT_NEEDED("skill", &skill),
	                               CLI_OPT_STR("subject", &subject),
	                               CLI_OPT_STR("note", &note),
	                               CLI_OPT_QUIET(&quiet),
	                               CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, 1)) != 0)
		return rc;
	if (optind >= argc)
		return cli_usage_error(cli, _("no status given"));
	/* a Russian word for the status too; an unknown one the library names */
	status = mms_word_code(MMS_WORDS_STATUS, argv[optind]);
	if (!status)
		status = argv[optind];
	rc = mms_teacher_find(cli->db, teacher, school, &tid);
	if (rc == MMS_OK)
		rc = mms_iop_set_status(cli->db, tid, skill, subject, status, note,
		                        today && today[0] ? today : NULL, &old);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (!quiet)
		printf(_("skill %s: %s → %s\n"), skill, mms_word(MMS_WORDS_STATUS, old ? old : ""),
		       mms_word(MMS_WORDS_STATUS, status));
	return cli_finish(cli, EXIT_OK);
}

int cmd_iop(int argc, char **argv, struct cli *cli)
{
	if (argc < 2)
		return cli_usage_error(cli, _("no action given (set-status)"));
	if (!strcmp(argv[1], "set-status")) {
		optind = 0;
		return set_status(argc - 1, argv + 1, cli);
	}
	return cli_usage_error(cli, _("unknown action '%s' (use set-status)"), argv[1]);
}
