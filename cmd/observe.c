/* mms observe — a lesson observation confirms or rejects a hypothesis. */
#include "cli.h"

const char cmd_observe_usage[] =
    N_("usage: mms observe --teacher NAME [--school CODE] --skill CODE [--subject NAME] "
       "(--confirm | --reject) [--observer NAME] [--date YYYY-MM-DD] [--note TEXT] "
       "[--item ITEM --step K] [--quiet]\n"
       "\n"
       "Records a lesson observation (посещение урока with reflection) on a\n"
       "hypothesis of mms map-to-teacher: --confirm makes it the teacher's deficit,\n"
       "--reject sets it aside.  Records are never changed or deleted: a later\n"
       "observation corrects an earlier one, until the teacher's interview.\n"
       "With --item and --step, the observation is a step of a programme's work\n"
       "with a mentor (3, 7 or 11: lessons seen with the observation map): the\n"
       "step is recorded done with it, and the hypothesis stays as it is.\n"
       "\n"
       "options:\n"
       "  --teacher NAME   the teacher (full name, or surname and initials)\n"
       "  --school CODE    the teacher's school, when the name is not unique\n"
       "  --skill CODE     the skill of the hypothesis, e.g. 1.2\n"
       "  --subject NAME   the skill's subject, when the teacher has the code in\n"
       "                   several subjects\n"
       "  --confirm        the lesson showed the deficit\n"
       "  --reject         the lesson did not show it\n"
       "  --observer NAME  who observed the lesson\n"
       "  --date DATE      the day of the lesson (default: today)\n"
       "  --note TEXT      what was seen\n"
       "  --item ITEM      the programme's item of work with a mentor (mms iop steps)\n"
       "  --step K         its step the lesson is: 3, 7 or 11\n"
       "  -q, --quiet      print nothing on success\n");

int cmd_observe(int argc, char **argv, struct cli *cli)
{
	return cli_event_command(argc, argv, cli, 0);
}
