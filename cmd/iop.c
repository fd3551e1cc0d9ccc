/* mms iop — following a programme's items: their status, the 12 steps of a mentor's. */
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
       "   or: mms iop steps [ITEM]\n"
       "   or: mms iop step ITEM K --done [--date DATE] [--note TEXT] [--force] [--quiet]\n"
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
       "  --note TEXT      a note kept with the change (or the step)\n"
       "  -q, --quiet      print nothing on success\n"
       "\n"
       "steps: work with a mentor follows the 12 steps of replicating successful\n"
       "experience; without ITEM, lists the items of work with a mentor and the\n"
       "steps done; with ITEM, its steps with the day planned and the day done.\n"
       "step: records step K of ITEM done (in order; steps 3, 7 and 11 are lessons\n"
       "observed: mms observe --item ITEM --step K).  The first step makes the\n"
       "item in progress, the twelfth (коррекция ИОП) makes it done.\n"
       "  --done           the step is done (required)\n"
       "  --date DATE      the day it was done, YYYY-MM-DD or ДД.ММ.ГГГГ (default: today)\n"
       "  --force          a step before the earlier ones, or 3, 7, 11 without their\n"
       "                   observation\n");

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

/* One mentor item a line, for mms iop steps. */
static int list_item(void *ctx, const mms_iop_mentor_item *it)
{
	(void)ctx;
	printf(_("%6lld  %s (%s), skill %s, mentor %s, %s: %d of %d steps done\n"),
	       (long long)it->item, it->teacher, it->school, it->skill, it->mentor,
	       mms_word(MMS_WORDS_STATUS, it->status), it->done, MMS_IOP_NSTEPS);
	return 0;
}

/* ITEM or K as a number. */
static int number(struct cli *cli, const char *what, const char *arg, long hi, long *out)
{
	return cli_int(cli, what, arg, 1, hi, out);
}

static int show_steps(int argc, char **argv, struct cli *cli)
{
	mms_iop_step_list l;
	char day[32], day2[32];
	long item;
	int rc;
	const struct cli_opt opts[] = {CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, 1)) != 0)
		return rc;
	if (optind >= argc) {
		if ((rc = mms_iop_mentor_items(cli->db, list_item, NULL)) != MMS_OK)
			return cli_fail(cli, rc);
		return cli_finish(cli, EXIT_OK);
	}
	if (number(cli, "ITEM", argv[optind], 2147483647L, &item))
		return EXIT_USAGE;
	if ((rc = mms_iop_steps_get(cli->db, item, &l)) != MMS_OK)
		return cli_fail(cli, rc);
	printf(_("item %lld: %s, skill %s, mentor %s (%s), %d of %d steps done\n"), (long long)item,
	       l.teacher, l.skill, l.mentor, mms_word(MMS_WORDS_STATUS, l.status), l.ndone,
	       MMS_IOP_NSTEPS);
	for (int k = 0; k < MMS_IOP_NSTEPS; k++) {
		const mms_iop_step *s = &l.steps[k];

		printf("  %2d) %s%s\n", s->step, s->text, s->observed ? _(" [observation]") : "");
		if (s->done)
			printf(_("      done %s (planned %s)%s%s\n"),
			       cli_date_text(s->done, day, sizeof(day)),
			       cli_date_text(s->planned, day2, sizeof(day2)), s->note ? ": " : "",
			       s->note ? s->note : "");
		else
			printf(_("      planned %s\n"),
			       cli_date_text(s->planned, day, sizeof(day)));
	}
	mms_iop_steps_free(&l);
	return cli_finish(cli, EXIT_OK);
}

static int record_step(int argc, char **argv, struct cli *cli)
{
	mms_iop_step_opts o = {0};
	const char *status;
	long item, k;
	int rc, done = 0, quiet = 0;
	const struct cli_opt opts[] = {
	    CLI_OPT_FLAG("done", &done),  CLI_OPT_STR("date", &o.date),
	    CLI_OPT_STR("note", &o.note), CLI_OPT_FLAG("force", &o.force),
	    CLI_OPT_QUIET(&quiet),        CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, 2)) != 0)
		return rc;
	if (argc - optind < 2)
		return cli_usage_error(cli,
		                       _("give the item and the step: mms iop step ITEM K --done"));
	if (!done)
		return cli_usage_error(cli, _("--done is required"));
	if (number(cli, "ITEM", argv[optind], 2147483647L, &item) ||
	    number(cli, "K", argv[optind + 1], MMS_IOP_NSTEPS, &k))
		return EXIT_USAGE;
	o.item = item;
	o.step = (int)k;
	if (!o.date && getenv("MMS_TODAY") && getenv("MMS_TODAY")[0])
		o.date = getenv("MMS_TODAY");
	rc = mms_iop_step_done(cli->db, &o, &status);
	if (rc == MMS_EUSAGE)
		return cli_usage_error(cli, "%s", mms_errmsg(cli->db));
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (!quiet) {
		printf(_("item %ld: step %ld done\n"), item, k);
		if (status)
			printf(_("item %ld is now %s\n"), item, mms_word(MMS_WORDS_STATUS, status));
	}
	return cli_finish(cli, EXIT_OK);
}

int cmd_iop(int argc, char **argv, struct cli *cli)
{
	if (argc < 2)
		return cli_usage_error(cli, _("no action given (set-status, steps, step)"));
	if (!strcmp(argv[1], "steps")) {
		optind = 0;
		return show_steps(argc - 1, argv + 1, cli);
	}
	if (!strcmp(argv[1], "step")) {
		optind = 0;
		return record_step(argc - 1, argv + 1, cli);
	}
	if (!strcmp(argv[1], "set-status")) {
		optind = 0;
		return set_status(argc - 1, argv + 1, cli);
	}
	return cli_usage_error(cli, _("unknown action '%s' (use set-status, steps or step)"),
	                       argv[1]);
}
