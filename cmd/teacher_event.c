/* What mms observe and mms interview share: recording one event about a teacher's skill
   (teacher_event). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mms/iop.h"
#include "mms/words.h"
#include "mms/teacher_card.h"
#include "mms/teachers.h"

int cli_event_command(int argc, char **argv, struct cli *cli, int interview)
{
	const char *name = NULL, *school = NULL, *status = NULL;
	mms_event ev = {0};
	int yes = 0, no = 0, quiet = 0, rc;
	long priority = 0, item = 0, step = 0;
	int64_t recorded = 0;
	const char *step_status = NULL;
#define EVENT_OPTIONS                                                                              \
	CLI_OPT_NEEDED("teacher", &name), CLI_OPT_STR("school", &school),                          \
	    CLI_OPT_NEEDED("skill", &ev.skill), CLI_OPT_STR("subject", &ev.subject),               \
	    CLI_OPT_STR("date", &ev.date), CLI_OPT_STR("note", &ev.note), CLI_OPT_QUIET(&quiet)
	const struct cli_opt observe_opts[] = {EVENT_OPTIONS,
	                                       CLI_OPT_INT("item", &item, 1, 2147483647L),
	                                       CLI_OPT_INT("step", &step, 1, MMS_IOP_NSTEPS),
	                                       CLI_OPT_FLAG("confirm", &yes),
	                                       CLI_OPT_FLAG("reject", &no),
	                                       CLI_OPT_STR("observer", &ev.who),
	                                       CLI_OPT_END};
	const struct cli_opt interview_opts[] = {
	    EVENT_OPTIONS, CLI_OPT_FLAG("accept", &yes), CLI_OPT_FLAG("decline", &no),
	    CLI_OPT_INT("priority", &priority, 1, 5), CLI_OPT_END};
#undef EVENT_OPTIONS

	ev.kind = interview ? MMS_INTERVIEW : MMS_OBSERVATION;
	if ((rc = cli_options(cli, argc, argv, interview ? interview_opts : observe_opts, 0)) != 0)
		return rc;
	if (yes == no)
		return cli_usage_error(cli, interview ? _("give one of --accept, --decline")
		                                      : _("give one of --confirm, --reject"));
	if (priority && !yes)
		return cli_usage_error(cli, _("--priority goes with --accept"));
	ev.outcome =
	    interview ? (yes ? MMS_ACCEPT : MMS_DECLINE) : (yes ? MMS_CONFIRM : MMS_REJECT);
	ev.priority = (int)priority;
	if (!item != !step)
		return cli_usage_error(cli, _("--item and --step go together"));
	if (step && !mms_iop_step_observed((int)step))
		return cli_usage_error(
		    cli,
		    _("step %ld is not a lesson observed (those are 3, 7 and 11): mms iop step"),
		    step);
	ev.recorded = &recorded;
	ev.programme = item != 0;
	rc = mms_teacher_find(cli->db, name, school, &ev.teacher);
	if (rc == MMS_OK)
		rc = mms_teacher_event_add(cli->db, &ev, &status);
	if (rc == MMS_OK && item) {
		/* the observation is the step's: one transaction with it (CMD_WRITES) */
		mms_iop_step_opts so = {.item = item,
		                        .step = (int)step,
		                        .date = ev.date ? ev.date : getenv("MMS_TODAY"),
		                        .note = ev.note,
		                        .event = recorded};

		if (so.date && !so.date[0])
			so.date = NULL;
		rc = mms_iop_step_done(cli->db, &so, &step_status);
		if (rc == MMS_EUSAGE)
			return cli_usage_error(cli, "%s", mms_errmsg(cli->db));
	}
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (!quiet) {
		mms_teacher_card card;
		/* the roster's full name, whatever form of it was typed */
		int have = mms_teacher_card_get(cli->db, ev.teacher, &card) == MMS_OK;

		if (item) /* a lesson of the programme: the hypothesis stays as it was */
			printf(_("%s, skill %s: the observation recorded\n"),
			       have ? card.name : name, ev.skill);
		else
			printf(_("%s, skill %s: %s\n"), have ? card.name : name, ev.skill,
			       cli_status_text(status));
		if (item)
			printf(_("item %ld: step %ld done%s%s\n"), item, step,
			       step_status ? _(", the item is now ") : "",
			       step_status ? mms_word(MMS_WORDS_STATUS, step_status) : "");
		if (have)
			mms_teacher_card_free(&card);
	}
	return cli_finish(cli, EXIT_OK);
}
