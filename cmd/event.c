/* mms event — the methodological service's plan of events and what was done. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"
#include "mms/service.h"
#include "mms/words.h"
#include "table.h"

const char cmd_event_usage[] =
    N_("usage: mms event add --kind KIND --title TEXT --date DATE [--done] [--school CODE] "
       "[--teacher NAME]... [--skill CODE [--subject NAME]] [--address URL] [--item ITEM] "
       "[--note TEXT] [--quiet]\n"
       "   or: mms event list [--kind KIND] [--school CODE] [--format table|json]\n"
       "   or: mms event done ID [--date DATE] [--quiet]\n"
       "\n"
       "The methodological service's own work, recorded: its plan of events and what\n"
       "was done, which the report's indicators count.  KIND is seminar, rmo (an РМО\n"
       "meeting), shmo (a ШМО meeting), council (the methodological council),\n"
       "publication (with its --address), decision (a management decision),\n"
       "raop (a practice submitted to РАОП), raop_support (its expert support),\n"
       "status (a status awarded: учитель-методист, учитель-наставник),\n"
       "creative_group, monitoring (of a school's quality system); the Russian\n"
       "words are taken too.  An event is planned for its --date, or done on it\n"
       "with --done; 'mms event done ID' records a planned one done.\n"
       "\n"
       "options:\n"
       "  --kind KIND      the kind of event\n"
       "  --title TEXT     what it is: a seminar's theme, a decision's number\n"
       "  --date DATE      the day, YYYY-MM-DD or ДД.ММ.ГГГГ (done: default today)\n"
       "  --done           held already (on --date)\n"
       "  --school CODE    a school's event (default: the district's)\n"
       "  --teacher NAME   a teacher who took part (again for each)\n"
       "  --skill CODE     the skill it serves\n"
       "  --subject NAME   the skill's subject\n"
       "  --address URL    where a publication is\n"
       "  --item ITEM      the programme's item it serves: its network work\n"
       "  --note TEXT      a note\n"
       "  --format F       table (default) or json\n"
       "  -q, --quiet      print nothing on success\n");

/* --teacher again and again: the names in the event */
static int add_teacher(const struct cli *cli, const struct cli_opt *opt, const char *value)
{
	mms_event_new *e = opt->dest;

	if (e->nteachers == MMS_EVENT_MAX_TEACHERS)
		return cli_usage_error(cli, _("at most %d teachers an event"),
		                       MMS_EVENT_MAX_TEACHERS);
	e->teachers[e->nteachers++] = value;
	return 0;
}

static int do_add(int argc, char **argv, struct cli *cli)
{
	mms_event_new e = {0};
	int64_t id;
	long item = 0;
	int rc, quiet = 0;
	const struct cli_opt opts[] = {CLI_OPT_NEEDED("kind", &e.kind),
	                               CLI_OPT_NEEDED("title", &e.title),
	                               CLI_OPT_STR("date", &e.date),
	                               CLI_OPT_FLAG("done", &e.done),
	                               CLI_OPT_STR("school", &e.school),
	                               CLI_OPT_CALL("teacher", &e, add_teacher),
	                               CLI_OPT_STR("skill", &e.skill),
	                               CLI_OPT_STR("subject", &e.subject),
	                               CLI_OPT_STR("address", &e.address),
	                               CLI_OPT_STR("note", &e.note),
	                               CLI_OPT_INT("item", &item, 1, 2147483647L),
	                               CLI_OPT_QUIET(&quiet),
	                               CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, 0)) != 0)
		return rc;
	e.item = item;
	if (!e.date && e.done)
		e.date = getenv("MMS_TODAY") && getenv("MMS_TODAY")[0] ? getenv("MMS_TODAY") : NULL;
	if (!e.date)
		return cli_usage_error(cli, _("--date is required for a planned event"));
	rc = mms_event_add(cli->db, &e, &id);
	if (rc == MMS_EUSAGE)
		return cli_usage_error(cli, "%s", mms_errmsg(cli->db));
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (!quiet)
		printf(e.done ? _("event %lld added: %s «%s», done\n")
		              : _("event %lld added: %s «%s», planned\n"),
		       (long long)id,
		       mms_word(MMS_WORDS_EVENT, mms_word_code(MMS_WORDS_EVENT, e.kind)), e.title);
	return cli_finish(cli, EXIT_OK);
}

struct out {
	struct table *t;
	struct json j;
	int json, oom;
};

static const struct json_member event_members[] = {JSON_M_LONG("id", mms_event_row, id),
                                                   JSON_M_STR("kind", mms_event_row, kind),
                                                   JSON_M_STR("title", mms_event_row, title),
                                                   JSON_M_STR("date", mms_event_row, date),
                                                   JSON_M_STR("done", mms_event_row, done),
                                                   JSON_M_STR("level", mms_event_row, level),
                                                   JSON_M_STR("school", mms_event_row, school),
                                                   JSON_M_STR("address", mms_event_row, address),
                                                   JSON_M_STR("skill", mms_event_row, skill),
                                                   JSON_M_STR("teachers", mms_event_row, teachers),
                                                   JSON_M_STR("note", mms_event_row, note),
                                                   JSON_M_LONG("item", mms_event_row, item),
                                                   JSON_M_END};

static int on_event(void *ctx, const mms_event_row *e)
{
	struct out *o = ctx;
	char d1[32], d2[32];
	int rc = 0;

	if (o->json) {
		json_begin_object(&o->j);
		json_members(&o->j, e, event_members);
		json_end_object(&o->j);
		return 0;
	}
	rc |= table_cellf(o->t, "%lld", (long long)e->id);
	rc |= table_cell(o->t, cli_date_text(e->date, d1, sizeof(d1)));
	rc |= table_cell(o->t, mms_word(MMS_WORDS_EVENT, e->kind));
	rc |= table_cell(o->t, e->title);
	rc |= table_cell(o->t, e->school_name ? e->school_name : _("district"));
	rc |= table_cell(o->t, e->done ? cli_date_text(e->done, d2, sizeof(d2)) : _("planned"));
	rc |= e->nteachers ? table_cellf(o->t, "%ld", e->nteachers) : table_cell(o->t, "");
	rc |= table_cell(o->t, e->address ? e->address : e->skill);
	rc |= table_end_row(o->t);
	o->oom |= rc != 0;
	return rc ? 1 : 0;
}

static int do_list(int argc, char **argv, struct cli *cli)
{
	const char *kind = NULL, *school = NULL;
	struct out o = {0};
	int rc;
	const struct cli_opt opts[] = {CLI_OPT_STR("kind", &kind), CLI_OPT_STR("school", &school),
	                               CLI_OPT_FORMAT(&o.json, cli_table_json), CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, 0)) != 0)
		return rc;
	if (o.json) {
		json_init(&o.j, stdout, JSON_PRETTY);
		json_begin_array(&o.j);
	} else {
		const char *heads[] = {
		    _("no."),     _("date"), _("kind"),         _("title"),
		    _("held by"), _("done"), _("participants"), _("address or skill")};

		o.t = table_new();
		for (size_t i = 0; o.t && i < sizeof(heads) / sizeof(heads[0]); i++)
			if (table_column(o.t, heads[i], i == 0 || i == 6 ? TABLE_RIGHT : TABLE_LEFT,
			                 0) < 0)
				o.oom = 1;
		if (!o.t)
			o.oom = 1;
	}
	rc = o.oom ? MMS_OK : mms_event_list(cli->db, kind, school, on_event, &o);
	if (o.json) {
		json_end_array(&o.j);
		json_finish(&o.j);
	} else if (rc == MMS_OK && !o.oom) {
		if (table_rows(o.t))
			table_print(o.t, stdout, 0);
		else
			puts(_("no events recorded"));
	}
	table_free(o.t);
	if (rc == MMS_EUSAGE)
		return cli_usage_error(cli, "%s", mms_errmsg(cli->db));
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (o.oom) {
		cli_error(cli, _("out of memory"));
		return EXIT_SOFTWARE;
	}
	return cli_finish(cli, EXIT_OK);
}

static int do_done(int argc, char **argv, struct cli *cli)
{
	const char *date = NULL;
	long id;
	int rc, quiet = 0;
	const struct cli_opt opts[] = {CLI_OPT_STR("date", &date), CLI_OPT_QUIET(&quiet),
	                               CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, 1)) != 0)
		return rc;
	if (optind >= argc)
		return cli_usage_error(cli, _("which event? mms event done ID"));
	if (cli_int(cli, "ID", argv[optind], 1, 2147483647L, &id))
		return EXIT_USAGE;
	if (!date && getenv("MMS_TODAY") && getenv("MMS_TODAY")[0])
		date = getenv("MMS_TODAY");
	rc = mms_event_done(cli->db, id, date);
	if (rc == MMS_EUSAGE)
		return cli_usage_error(cli, "%s", mms_errmsg(cli->db));
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (!quiet)
		printf(_("event %ld done\n"), id);
	return cli_finish(cli, EXIT_OK);
}

int cmd_event(int argc, char **argv, struct cli *cli)
{
	if (argc < 2)
		return cli_usage_error(cli, _("no action given (add, list, done)"));
	optind = 0;
	if (!strcmp(argv[1], "add"))
		return do_add(argc - 1, argv + 1, cli);
	if (!strcmp(argv[1], "list"))
		return do_list(argc - 1, argv + 1, cli);
	if (!strcmp(argv[1], "done"))
		return do_done(argc - 1, argv + 1, cli);
	return cli_usage_error(cli, _("unknown action '%s' (use add, list or done)"), argv[1]);
}
