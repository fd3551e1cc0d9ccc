/* mms order-training — the targeted order to the institute, each line justified. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "export.h"
#include "json.h"
#include "mms/iop.h"
#include "table.h"
#include "xlsx.h"

const char cmd_order_training_usage[] =
    N_("usage: mms order-training [--format table|csv|json|xlsx] [-o FILE [--force]] [--send] "
       "[--quiet]\n"
       "   or: mms order-training --list\n"
       "   or: mms order-training --order N [--format table|csv|json|xlsx] [-o FILE [--force]]\n"
       "\n"
       "Groups the programmes' course items that no sent order holds into the\n"
       "draft of an order to the regional institute (адресный заказ на ИПК): a\n"
       "line a catalogue course, or a competency where the catalogue has none,\n"
       "with its teachers and a justification from the evidence.  --send freezes\n"
       "the draft as a sent order; a sent order never changes, and later course\n"
       "items go into a new draft.  --list lists the sent orders; --order N\n"
       "prints sent order N again, in any format.\n"
       "\n"
       "options:\n"
       "  --format F       table (default), csv (';', UTF-8 for Excel), json or xlsx\n"
       "  -o FILE          write to FILE (required for xlsx)\n"
       "  --force          with -o, replace FILE even if another user owns it\n"
       "  --send           freeze the draft as a sent order, dated today\n"
       "  --list           the sent orders: number, date, lines, teachers\n"
       "  --order N        sent order N instead of the draft\n"
       "  -q, --quiet      print nothing on success: no order on standard output\n"
       "                   (with -o, FILE is still written), no note of --send\n");

enum format { FMT_TABLE, FMT_CSV, FMT_JSON, FMT_XLSX };
static const char *const format_names[] = {"table", "csv", "json", "xlsx", NULL};

/* "Иванова Анна Петровна (МБОУ …, 1.2); …" */
static char *teachers_text(const mms_order_line *l)
{
	size_t len = 1;
	char *s, *p;

	for (size_t i = 0; i < l->nteachers; i++)
		len += strlen(l->teachers[i].teacher) + strlen(l->teachers[i].school) +
		       strlen(l->teachers[i].skill) + 16;
	s = p = malloc(len);
	if (!s)
		return NULL;
	*p = '\0';
	for (size_t i = 0; i < l->nteachers; i++)
		p += sprintf(p, "%s%s (%s, %s)", i ? "; " : "", l->teachers[i].teacher,
		             l->teachers[i].school, l->teachers[i].skill);
	return s;
}

static int print_csv(FILE *fp, const mms_order *o)
{
	csv_bom(fp);
	/* the columns of the table, in the language of the messages */
	{
		static const char *const titles[] = {
		    N_("programme"), N_("competency"), N_("skills"), N_("hours"),
		    N_("provider"),  N_("teachers"),   N_("count"),  N_("justification")};

		for (size_t i = 0; i < 8; i++)
			csv_field(fp, _(titles[i]), i == 7);
	}
	for (size_t i = 0; i < o->n; i++) {
		const mms_order_line *l = &o->lines[i];
		char num[32], *who = teachers_text(l);

		if (!who)
			return -1;
		csv_field(fp, l->programme, 0);
		csv_field(fp, l->competency, 0);
		csv_field(fp, l->skills, 0);
		snprintf(num, sizeof(num), "%d", l->hours);
		csv_field(fp, l->hours > 0 ? num : NULL, 0);
		csv_field(fp, l->provider, 0);
		csv_field(fp, who, 0);
		snprintf(num, sizeof(num), "%ld", l->count);
		csv_field(fp, num, 0);
		csv_field(fp, l->justification, 1);
		free(who);
	}
	return 0;
}

static void print_json(FILE *fp, const mms_order *o)
{
	static const struct json_member head[] = {
	    JSON_M_STR("programme", mms_order_line, programme),
	    JSON_M_STR("competency", mms_order_line, competency),
	    JSON_M_STR("skills", mms_order_line, skills),
	    JSON_M_COUNT("hours", mms_order_line, hours),
	    JSON_M_STR("provider", mms_order_line, provider),
	    JSON_M_END};
	static const struct json_member teacher[] = {
	    JSON_M_STR("teacher", mms_order_teacher, teacher),
	    JSON_M_STR("school", mms_order_teacher, school),
	    JSON_M_STR("skill", mms_order_teacher, skill), JSON_M_END};
	static const struct json_member tail[] = {
	    JSON_M_LONG("count", mms_order_line, count),
	    JSON_M_STR("justification", mms_order_line, justification), JSON_M_END};
	struct json j;

	json_init(&j, fp, JSON_PRETTY);
	json_begin_array(&j);
	for (size_t i = 0; i < o->n; i++) {
		const mms_order_line *l = &o->lines[i];

		json_begin_object(&j);
		json_members(&j, l, head);
		json_key(&j, "teachers");
		json_rows(&j, l->teachers, l->nteachers, sizeof(l->teachers[0]), teacher);
		json_members(&j, l, tail);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_finish(&j);
}

static int print_table(FILE *fp, const mms_order *o)
{
	char day[32];
	struct table *t;
	int rc = 0;

	if (o->id)
		fprintf(fp, _("order %lld, sent %s\n"), (long long)o->id,
		        cli_date_text(o->date, day, sizeof(day)));
	else
		fprintf(fp, _("draft order (not sent; %ld sent before)\n"), o->sent_before);
	if (o->n == 0) {
		/* nothing sent either: no programme asked for a course */
		fputs(o->sent_before ? _("nothing to order: every course item is in a sent order\n")
		                     : _("nothing to order: no programme item is a course to order "
		                         "(mms build-iop makes them from accepted needs)\n"),
		      fp);
		return 0;
	}
	t = table_new();
	if (!t)
		return -1;
	rc |= table_column(t, "№", TABLE_RIGHT, 0);
	rc |= table_column(t, _("programme"), TABLE_LEFT, 80);
	rc |= table_column(t, _("skills"), TABLE_LEFT, 16);
	rc |= table_column(t, _("hours"), TABLE_RIGHT, 0);
	rc |= table_column(t, _("provider"), TABLE_LEFT, 24);
	rc |= table_column(t, _("teachers"), TABLE_RIGHT, 0);
	for (size_t i = 0; i < o->n && rc == 0; i++) {
		const mms_order_line *l = &o->lines[i];

		rc |= table_cellf(t, "%zu", i + 1);
		rc |= table_cell(t, l->programme);
		rc |= table_cell(t, l->skills);
		rc |= l->hours > 0 ? table_cellf(t, "%d", l->hours) : table_cell(t, NULL);
		rc |= table_cell(t, l->provider);
		rc |= table_cellf(t, "%ld", l->count);
		rc |= table_end_row(t);
	}
	if (rc == 0)
		table_print(t, fp, 0);
	table_free(t);
	/* the justification of each line, a teacher's evidence a line */
	if (rc == 0)
		fputs(_("\njustification:\n"), fp);
	for (size_t i = 0; i < o->n && rc == 0; i++) {
		const char *j = o->lines[i].justification, *sep;

		fprintf(fp, "%3zu  ", i + 1);
		while ((sep = strstr(j, "; ")) != NULL) {
			fprintf(fp, "%.*s\n     ", (int)(sep - j), j);
			j = sep + 2;
		}
		fprintf(fp, "%s\n", j);
	}
	return rc;
}

static int write_xlsx(struct cli *cli, const char *path, const char *shown, const void *data)
{
	const mms_order *o = data;
	const char *heads[] = {_("programme"), _("competency"), _("skills"), _("hours"),
	                       _("provider"),  _("teachers"),   _("count"),  _("justification")};
	const double widths[] = {40, 40, 12, 8, 28, 50, 8, 90};
	lxw_worksheet *ws;
	struct xl x;
	int code = xl_open(cli, &x, path, shown);

	if (code)
		return code;
	ws = xl_sheet(&x, _("order"), heads, 8, widths);
	if (!ws)
		return xl_abandon(cli, &x);
	for (size_t i = 0; i < o->n; i++) {
		const mms_order_line *l = &o->lines[i];
		lxw_row_t r = (lxw_row_t)(i + 1);
		char *who = teachers_text(l);

		if (!who)
			return xl_abandon(cli, &x);
		xl_str(ws, r, 0, l->programme, x.wrap);
		xl_str(ws, r, 1, l->competency, x.wrap);
		xl_str(ws, r, 2, l->skills, x.wrap);
		if (l->hours > 0)
			worksheet_write_number(ws, r, 3, l->hours, x.wrap);
		else
			worksheet_write_blank(ws, r, 3, x.wrap);
		xl_str(ws, r, 4, l->provider, x.wrap);
		xl_str(ws, r, 5, who, x.wrap);
		worksheet_write_number(ws, r, 6, (double)l->count, x.wrap);
		xl_str(ws, r, 7, l->justification, x.wrap);
		free(who);
	}
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)o->n, 7);
	return xl_close(cli, &x);
}

static int print_entry(void *ctx, const mms_order_entry *e)
{
	struct table *t = ctx;

	/* 1: out of memory, which stops the listing */
	char day[32];

	return (table_cellf(t, "%lld", (long long)e->id) ||
	        table_cell(t, cli_date_text(e->date, day, sizeof(day))) ||
	        table_cellf(t, "%d", e->lines) || table_cellf(t, "%d", e->teachers) ||
	        table_end_row(t))
	           ? 1
	           : 0;
}

/* --list: the sent orders, oldest first. */
static int list_orders(struct cli *cli)
{
	struct table *t = table_new();
	int rc;

	if (!t || table_column(t, _("order"), TABLE_RIGHT, 0) < 0 ||
	    table_column(t, _("sent"), TABLE_LEFT, 0) < 0 ||
	    table_column(t, _("lines"), TABLE_RIGHT, 0) < 0 ||
	    table_column(t, _("teachers"), TABLE_RIGHT, 0) < 0) {
		table_free(t);
		cli_error(cli, _("out of memory"));
		return EXIT_SOFTWARE;
	}
	rc = mms_order_list(cli->db, print_entry, t);
	if (rc != MMS_OK) {
		table_free(t);
		if (rc > 0) {
			cli_error(cli, _("out of memory"));
			return EXIT_SOFTWARE;
		}
		return cli_fail(cli, rc);
	}
	if (table_rows(t) == 0)
		puts(_("no order has been sent yet"));
	else
		table_print(t, stdout, 0);
	table_free(t);
	return cli_finish(cli, EXIT_OK);
}

/* A cli_printer of the order (DATA). */
static int print_order(FILE *fp, const void *data, int fmt)
{
	const mms_order *o = data;

	if (fmt == FMT_JSON) {
		print_json(fp, o);
		return 0;
	}
	return fmt == FMT_CSV ? print_csv(fp, o) : print_table(fp, o);
}

int cmd_order_training(int argc, char **argv, struct cli *cli)
{
	char day[32];
	enum format fmt = FMT_TABLE;
	const char *outfile = NULL, *today = getenv("MMS_TODAY");
	mms_order *o;
	int rc, send = 0, quiet = 0, list = 0, code = EXIT_OK;
	long order = 0;
	const struct cli_opt opts[] = {CLI_OPT_FORMAT(&fmt, format_names),
	                               CLI_OPT_OUTPUT(&outfile, cli),
	                               CLI_OPT_FLAG("send", &send),
	                               CLI_OPT_FLAG("list", &list),
	                               CLI_OPT_INT("order", &order, 1, 1000000000L),
	                               CLI_OPT_QUIET(&quiet),
	                               CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, 0)) != 0)
		return rc;
	if (fmt == FMT_XLSX && !outfile)
		return cli_usage_error(cli, _("--format xlsx needs -o FILE"));
	if ((list && (send || order)) || (send && order))
		return cli_usage_error(cli, _("--list, --order and --send go one at a time"));
	if (list)
		return list_orders(cli);
	if (order)
		rc = mms_order_load(cli->db, order, &o);
	else
		rc = mms_order_build(cli->db, send, today && today[0] ? today : NULL, &o);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (send && !quiet && o->n == 0)
		cli_error(cli, _("nothing to send: every course item is in a sent order"));
	else if (send && !quiet)
		cli_error(cli, _("order %lld sent %s: %zu lines"), (long long)o->id,
		          cli_date_text(o->date, day, sizeof(day)), o->n);
	if (fmt == FMT_XLSX) {
		code = xl_write(cli, outfile, write_xlsx, o);
		mms_order_free(o);
		return code == EXIT_OK ? cli_finish(cli, EXIT_OK) : code;
	}
	if (quiet && !outfile) {
		mms_order_free(o);
		return cli_finish(cli, EXIT_OK);
	}
	code = cli_write(cli, outfile, print_order, o, fmt);
	mms_order_free(o);
	return code;
}
