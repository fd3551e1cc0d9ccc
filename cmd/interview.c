/* mms interview — the teacher accepts or declines a confirmed deficit as a need. */
#include "cli.h"

const char cmd_interview_usage[] =
    N_("usage: mms interview --teacher NAME [--school CODE] --skill CODE [--subject NAME] "
       "(--accept | --decline) [--priority 1..5] [--date YYYY-MM-DD] [--note TEXT] [--quiet]\n"
       "\n"
       "Records the individual interview (собеседование) on a deficit a lesson\n"
       "observation confirmed: --accept makes it the teacher's need, with a\n"
       "priority (1 first, default 3); --decline records that the teacher does\n"
       "not take it up.  Records are never changed or deleted: a later interview\n"
       "corrects an earlier one.\n"
       "\n"
       "options:\n"
       "  --teacher NAME   the teacher (full name, or surname and initials)\n"
       "  --school CODE    the teacher's school, when the name is not unique\n"
       "  --skill CODE     the skill, e.g. 1.2\n"
       "  --subject NAME   the skill's subject, when the teacher has the code in\n"
       "                   several subjects\n"
       "  --accept         the teacher accepts the need\n"
       "  --decline        the teacher declines it\n"
       "  --priority N     1 (first) to 5, with --accept (default 3)\n"
       "  --date DATE      the day of the interview (default: today)\n"
       "  --note TEXT      what was agreed\n"
       "  -q, --quiet      print nothing on success\n");

int cmd_interview(int argc, char **argv, struct cli *cli)
{
	return cli_event_command(argc, argv, cli, 1);
}
