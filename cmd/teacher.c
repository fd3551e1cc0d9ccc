/* mms teacher — everything known about one teacher: the "why" trail. */
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "mms/teachers.h"
#include "mms/teacher_card.h"
#include "mms/words.h"

const char cmd_teacher_usage[] =
    N_("usage: mms teacher [--school CODE] NAME\n"
       "\n"
       "Shows everything known about one teacher, as a trail of why: the roster\n"
       "(school, subjects and classes by school year, whether a young teacher),\n"
       "the hypotheses from the students' results with their evidence, the\n"
       "observations and interviews in the order they were recorded, the needs,\n"
       "and the items of the individual programme (ИОП).  Nothing here rates the\n"
       "teacher.\n"
       "\n"
       "options:\n"
       "  --school CODE  the teacher's school, when the name is not unique\n");

static void print_hyp(const mms_hyp *h)
{
	char day[32];
	printf(_("  %s %s — %s\n"), h->subject, h->skill, h->skill_text);
	printf(_("      competency: %s (%s)\n"), h->competency, h->competency_area);
	printf(_("      status: %s%s\n"), cli_status_text(h->status),
	       h->supported ? "" : _(" (the latest results no longer show it)"));
	printf(_("      evidence: %s %s%s%s: "), h->assessment_kind, h->assessment,
	       h->date ? ", " : "", cli_date_text(h->date, day, sizeof(day)));
	for (size_t k = 0; k < h->nclasses; k++)
		printf("%s%s n=%ld %.0f %%", k ? ", " : "", h->classes[k].label, h->classes[k].n,
		       100 * h->classes[k].success);
	printf(_("; pooled n=%ld %.0f %% against the rest of the district %.0f %% "
	         "(threshold %.0f %%): %s\n"),
	       h->n, 100 * h->success, 100 * h->rest_success, 100 * h->threshold,
	       cli_below_words(h->q_value));
	{
		const char *note[4];
		int n = cli_hyp_notes(h, note);

		for (int k = 0; k < n; k++)
			printf("      %s\n", note[k]);
	}
}

int cmd_teacher(int argc, char **argv, struct cli *cli)
{
	char day[32];
	const char *school = NULL;
	mms_teacher_card card;
	mms_hyp_filter f = {0};
	mms_hyp_list l;
	int64_t id;
	int rc;
	const struct cli_opt opts[] = {CLI_OPT_STR("school", &school), CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, -1)) != 0)
		return rc;
	if (optind >= argc)
		return cli_usage_error(cli, _("no teacher named"));
	if (argc - optind > 1)
		return cli_usage_error(cli, _("one teacher at a time (quote a full name: "
		                              "\"Иванова Анна Петровна\")"));
	rc = mms_teacher_find(cli->db, argv[optind], school, &id);
	if (rc == MMS_OK)
		rc = mms_teacher_card_get(cli->db, id, &card);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	printf("%s\n", card.name);
	printf(_("  school: %s %s\n"), card.school, card.school_name);
	for (size_t i = 0; i < card.nteaching; i++)
		printf(_("  %s: teaches %s: %s\n"), card.teaching[i].year, card.teaching[i].subject,
		       card.teaching[i].classes);
	if (card.birth_year || card.experience >= 0) {
		printf("  ");
		if (card.birth_year)
			printf(_("born %d"), card.birth_year);
		if (card.birth_year && card.experience >= 0)
			printf(", ");
		if (card.experience >= 0)
			printf(_("teaching for %d years"), card.experience);
		printf("%s\n", card.young ? _(" — a young teacher (школа молодого педагога)") : "");
	}
	f.teacher = id;
	f.all = 1;
	f.every_assessment = 1;
	rc = mms_hyp_list_get(cli->db, &f, &l);
	if (rc != MMS_OK) {
		mms_teacher_card_free(&card);
		return cli_fail(cli, rc);
	}
	printf(_("\nHypotheses from the students' results (%zu):\n"), l.n);
	if (l.n == 0)
		printf(_("  none\n"));
	for (size_t i = 0; i < l.n; i++)
		print_hyp(&l.items[i]);
	mms_hyp_list_free(&l);
	printf(_("\nObservations and interviews (%zu):\n"), card.nevents);
	if (card.nevents == 0)
		printf(_("  none\n"));
	for (size_t i = 0; i < card.nevents; i++) {
		const mms_teacher_event *e = &card.events[i];

		printf("  %s  %s %s: %s", cli_date_text(e->date, day, sizeof(day)),
		       !strcmp(e->kind, "observation") ? _("observation") : _("interview"),
		       e->skill, cli_status_text(e->result));
		if (e->priority)
			printf(_(", priority %d"), e->priority);
		if (e->who)
			printf(" (%s)", e->who);
		if (e->note)
			printf(" — %s", e->note);
		printf("\n");
	}
	if (card.nself) {
		printf(_("\nSelf-diagnosis (самодиагностика):\n"));
		for (size_t i = 0; i < card.nself; i++) {
			const mms_teacher_self *e = &card.self[i];

			printf("  %s  %s %s: ", cli_date_text(e->date, day, sizeof(day)),
			       e->subject, e->skill);
			if (e->level)
				printf(_("level %d, "), e->level);
			if (e->difficulty)
				printf(_("a difficulty — %s\n"),
				       cli_status_text(e->status ? e->status : ""));
			else
				printf(_("no difficulty\n"));
		}
	}
	printf(_("\nIndividual programme (ИОП) items (%zu):\n"), card.nitems);
	if (card.nitems == 0)
		printf(_("  none\n"));
	for (size_t i = 0; i < card.nitems; i++) {
		const mms_teacher_item *it = &card.items[i];
		/* its status and the programme's year, as "[planned, 2026/2027]" */
		printf("  %s: %s", it->skill, mms_word(MMS_WORDS_FORM, it->form));
		if (it->resource[0])
			printf(" — %s", it->resource);
		printf(" [%s, %s]\n", mms_word(MMS_WORDS_STATUS, it->status),
		       it->year ? it->year : "");
	}
	mms_teacher_card_free(&card);
	return cli_finish(cli, EXIT_OK);
}
