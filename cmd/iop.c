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
	static const struct option opts[] = {{"teacher", required_argument, NULL, 't'},
	                                     {"school", required_argument, NULL, 'S'},
	                                     {"skill", required_argument, NULL, 's'},
	                                     {"subject", required_argument, NULL, 'j'},
	                                     {"note", required_argument, NULL, 'n'},
	                                     {"quiet", no_argument, NULL, 'q'},
	                                     {NULL, 0, NULL, 0}};
	const char *teacher = NULL, *school = NULL, *skill = NULL, *subject = NULL, *note = NULL;
	const char *old = NULL, *status;
	const char *today = getenv("MMS_TODAY");
	int64_t tid;
	int opt, rc, quiet = 0;

	while ((opt = getopt_long(argc, argv, "q", opts, NULL)) != -1) {
		switch (opt) {
		case 't':
			teacher = optarg;
			break;
		case 'S':
			school = optarg;
			break;
		case 's':
			skill = optarg;
			break;
		case 'j':
			subject = optarg;
			break;
		case 'n':
			note = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		default:
			return cli_usage_error(cli, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (!teacher)
		return cli_usage_error(cli, _("--teacher is required"));
	if (!skill)
		return cli_usage_error(cli, _("--skill is required"));
	if (optind >= argc)
		return cli_usage_error(cli, _("no status given"));
	if (argc - optind > 1)
		return cli_usage_error(cli, _("unexpected argument '%s'"), argv[optind + 1]);
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
