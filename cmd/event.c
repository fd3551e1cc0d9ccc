/* What mms observe and mms interview share: recording one event about a teacher's skill. */
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mms/teacher_card.h"
#include "mms/teachers.h"

int cli_event_command(int argc, char **argv, struct cli *cli, int interview)
{
	static const struct option opts[] = {
	    {"teacher", required_argument, NULL, 't'},  {"school", required_argument, NULL, 's'},
	    {"skill", required_argument, NULL, 'k'},    {"subject", required_argument, NULL, 'j'},
	    {"confirm", no_argument, NULL, 'C'},        {"reject", no_argument, NULL, 'R'},
	    {"accept", no_argument, NULL, 'A'},         {"decline", no_argument, NULL, 'D'},
	    {"priority", required_argument, NULL, 'p'}, {"observer", required_argument, NULL, 'o'},
	    {"date", required_argument, NULL, 'd'},     {"note", required_argument, NULL, 'n'},
	    {"quiet", no_argument, NULL, 'q'},          {NULL, 0, NULL, 0}};
	const char *name = NULL, *school = NULL, *status = NULL;
	mms_event ev = {0};
	int opt, outcome = -1, quiet = 0, rc;
	long priority = 0;

	ev.kind = interview ? MMS_INTERVIEW : MMS_OBSERVATION;
	while ((opt = getopt_long(argc, argv, "q", opts, NULL)) != -1) {
		switch (opt) {
		case 't':
			name = optarg;
			break;
		case 's':
			school = optarg;
			break;
		case 'k':
			ev.skill = optarg;
			break;
		case 'j':
			ev.subject = optarg;
			break;
		case 'C':
		case 'R':
		case 'A':
		case 'D':
			if ((opt == 'C' || opt == 'R') == interview)
				return cli_usage_error(cli, _("unknown option '%s'"),
				                       argv[optind - 1]);
			if (outcome >= 0)
				return cli_usage_error(
				    cli, interview ? _("give one of --accept, --decline")
				                   : _("give one of --confirm, --reject"));
			outcome = opt == 'C'   ? MMS_CONFIRM
			          : opt == 'R' ? MMS_REJECT
			          : opt == 'A' ? MMS_ACCEPT
			                       : MMS_DECLINE;
			break;
		case 'p':
			if (!interview)
				return cli_usage_error(cli, _("unknown option '%s'"),
				                       argv[optind - 1]);
			if (cli_int(cli, "--priority", optarg, 1, 5, &priority))
				return EXIT_USAGE;
			break;
		case 'o':
			if (interview)
				return cli_usage_error(cli, _("unknown option '%s'"),
				                       argv[optind - 1]);
			ev.who = optarg;
			break;
		case 'd':
			ev.date = optarg;
			break;
		case 'n':
			ev.note = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		default:
			return cli_usage_error(cli, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error(cli, _("unexpected argument '%s'"), argv[optind]);
	if (!name)
		return cli_usage_error(cli, _("--teacher is required"));
	if (!ev.skill)
		return cli_usage_error(cli, _("--skill is required"));
	if (outcome < 0)
		return cli_usage_error(cli, interview ? _("give one of --accept, --decline")
		                                      : _("give one of --confirm, --reject"));
	if (priority && outcome != MMS_ACCEPT)
		return cli_usage_error(cli, _("--priority goes with --accept"));
	ev.outcome = (enum mms_event_outcome)outcome;
	ev.priority = (int)priority;
	rc = mms_teacher_find(cli->db, name, school, &ev.teacher);
	if (rc == MMS_OK)
		rc = mms_teacher_event_add(cli->db, &ev, &status);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (!quiet) {
		mms_teacher_card card;
		/* the roster's full name, whatever form of it was typed */
		int have = mms_teacher_card_get(cli->db, ev.teacher, &card) == MMS_OK;

		printf(_("%s, skill %s: %s\n"), have ? card.name : name, ev.skill,
		       cli_status_text(status));
		if (have)
			mms_teacher_card_free(&card);
	}
	return cli_finish(cli, EXIT_OK);
}
