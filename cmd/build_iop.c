/* mms build-iop — teachers' individual programmes from their accepted needs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "export.h"
#include "json.h"
#include "mms/iop.h"
#include "mms/teachers.h"
#include "table.h"
#include "mms/words.h"

const char cmd_build_iop_usage[] =
    N_("usage: mms build-iop [--teacher NAME] [--dry-run] [--format text|json|html] [-o FILE "
       "[--force]] "
       "[--quiet]\n"
       "\n"
       "Builds this school year's individual programmes (ИОП): every need a\n"
       "teacher accepted in an interview, by priority, gets the nearest resource\n"
       "with room left: a mentor of the teacher's own school, else the district\n"
       "network (a mentor elsewhere, РМО, a seminar, an internship site), else a\n"
       "course of the catalogue, else a course to be ordered.  Running it again\n"
       "adds the new needs, keeps every item that has started or is in a sent\n"
       "order, moves a planned item to a nearer resource that now exists, and\n"
       "plans a dropped item again when a later interview accepted the need;\n"
       "it says what it changed (marked * in the table, + for new items).\n"
       "\n"
       "options:\n"
       "  --teacher NAME   this teacher's programme only\n"
       "  --dry-run        show what would be added, store nothing\n"
       "  --format F       text (default), json, or html (printable, a page a teacher)\n"
       "  -o FILE          write to FILE instead of standard output\n"
       "  --force          with -o, replace FILE even if another user owns it\n"
       "  -q, --quiet      build and store, print nothing (with -o, FILE is still\n"
       "                   written)\n");

enum format { FMT_TEXT, FMT_JSON, FMT_HTML };
static const char *const format_names[] = {"text", "json", "html", NULL};

/* What this run changed in an item: re-planned, planned again, or nothing. */
static const mms_iop_change *change_of(const mms_iop_set *s, const mms_iop *g,
                                       const mms_iop_item *it)
{
	for (size_t i = 0; i < s->nchanges; i++)
		if (s->changes[i].teacher && !strcmp(s->changes[i].teacher, g->teacher) &&
		    !strcmp(s->changes[i].skill, it->skill))
			return &s->changes[i];
	return NULL;
}

static int has_mentor(const mms_iop *g)
{
	for (size_t i = 0; i < g->n; i++)
		if (g->items[i].mentor)
			return 1;
	return 0;
}

static int print_text(FILE *fp, const mms_iop_set *s)
{
	int dry_run = s->dry_run;
	const char *const *steps = mms_iop_steps();

	if (dry_run)
		fputs(_("dry run: nothing is stored\n\n"), fp);
	for (size_t i = 0; i < s->n; i++) {
		const mms_iop *g = &s->p[i];
		struct table *t = table_new();
		int rc = 0;

		if (!t)
			return -1;
		fprintf(fp, _("%s — %s (%s), school year %s\n"), g->teacher, g->school,
		        g->school_code, g->year);
		rc |= table_column(t, "", TABLE_LEFT, 0);
		rc |= table_column(t, _("skill"), TABLE_LEFT, 0);
		rc |= table_column(t, _("competency"), TABLE_LEFT, 36);
		rc |= table_column(t, _("form"), TABLE_LEFT, 0);
		rc |= table_column(t, _("resource"), TABLE_LEFT, 44);
		rc |= table_column(t, _("period"), TABLE_LEFT, 20);
		rc |= table_column(t, _("status"), TABLE_LEFT, 0);
		rc |= table_column(t, _("expected result"), TABLE_LEFT, 0);
		for (size_t k = 0; k < g->n && rc == 0; k++) {
			const mms_iop_item *it = &g->items[k];

			rc |= table_cell(t, it->is_new ? "+" : change_of(s, g, it) ? "*" : "");
			rc |= table_cell(t, it->skill);
			rc |= table_cell(t, it->competency);
			rc |= table_cell(t, mms_word(MMS_WORDS_FORM, it->form));
			rc |= table_cell(t, it->resource);
			rc |= table_cell(t, it->period);
			rc |= table_cell(t, mms_word(MMS_WORDS_STATUS, it->status));
			rc |= table_cell(t, it->expected);
			rc |= table_end_row(t);
		}
		if (rc == 0)
			table_print(t, fp, 2);
		table_free(t);
		if (rc)
			return -1;
		for (size_t k = 0; k < g->n; k++)
			if (g->items[k].event)
				fprintf(fp, _("  %s: network work at %s\n"), g->items[k].skill,
				        g->items[k].event);
		for (size_t k = 0; k < g->n; k++)
			if (g->items[k].support)
				fprintf(
				    fp,
				    _("  after the course on %s: post-course support by %s; %s\n"),
				    g->items[k].skill,
				    g->items[k].support[0]
				        ? g->items[k].support
				        : _("a methodologist of the district (none in the bank "
				            "yet: mms "
				            "resource add --kind methodologist)"),
				    g->items[k].expected);
		if (has_mentor(g)) {
			fputs(
			    _("  work with a mentor follows the 12 steps of replicating successful "
			      "experience:\n"),
			    fp);
			for (int k = 0; steps[k]; k++)
				fprintf(fp, "    %2d) %s\n", k + 1, steps[k]);
		}
		fputc('\n', fp);
	}
	if (s->needs == 0)
		fputs(_("no accepted needs: nothing to plan\n"), fp);
	for (size_t i = 0; i < s->nchanges; i++) {
		const mms_iop_change *c = &s->changes[i];
		const char *to = c->resource[0] ? c->resource : _("a course to order");

		if (c->revived)
			fprintf(fp, _("%s, skill %s: planned again after a new interview: %s\n"),
			        c->teacher, c->skill, to);
		else
			fprintf(fp, _("%s, skill %s: re-planned from %s to %s: %s\n"), c->teacher,
			        c->skill, mms_word(MMS_WORDS_FORM, c->from),
			        mms_word(MMS_WORDS_FORM, c->to), to);
	}
	if (s->replanned || s->revived)
		fprintf(fp,
		        dry_run ? _("%ld accepted needs: %ld items would be added, %ld re-planned, "
		                    "%ld planned again, %ld kept\n")
		                : _("%ld accepted needs: %ld items added, %ld re-planned, %ld "
		                    "planned again, %ld kept\n"),
		        s->needs, s->added, s->replanned, s->revived, s->kept);
	else
		fprintf(fp,
		        dry_run ? _("%ld accepted needs: %ld items would be added, %ld kept\n")
		                : _("%ld accepted needs: %ld items added, %ld kept\n"),
		        s->needs, s->added, s->kept);
	return 0;
}

static void print_json(FILE *fp, const mms_iop_set *s)
{
	static const struct json_member head[] = {JSON_M_STR("teacher", mms_iop, teacher),
	                                          JSON_M_STR("school", mms_iop, school),
	                                          JSON_M_STR("year", mms_iop, year), JSON_M_END};
	static const struct json_member item[] = {
	    JSON_M_STR("skill", mms_iop_item, skill),
	    JSON_M_STR("competency", mms_iop_item, competency),
	    JSON_M_STR("form", mms_iop_item, form),
	    JSON_M_STR("mentor", mms_iop_item, mentor),
	    JSON_M_STR("resource", mms_iop_item, resource),
	    JSON_M_STR("period", mms_iop_item, period),
	    JSON_M_STR("expected", mms_iop_item, expected),
	    JSON_M_STR("status", mms_iop_item, status),
	    JSON_M_END};
	struct json j;

	json_init(&j, fp, JSON_PRETTY);
	json_begin_array(&j);
	for (size_t i = 0; i < s->n; i++) {
		const mms_iop *g = &s->p[i];

		json_begin_object(&j);
		json_members(&j, g, head);
		json_key(&j, "items");
		json_begin_array(&j);
		for (size_t k = 0; k < g->n; k++) {
			const mms_iop_item *it = &g->items[k];
			const mms_iop_change *c = change_of(s, g, it);

			json_begin_object(&j);
			json_members(&j, it, item);
			json_field_str(&j, "change",
			               it->is_new ? "added"
			               : c        ? (c->revived ? "planned-again" : "re-planned")
			                          : "kept");
			if (c && !c->revived)
				json_field_str(&j, "previous_form", c->from);
			/* a course done: its post-course support ("" none found yet) */
			if (it->support)
				json_field_str(&j, "support", it->support);
			if (it->event)
				json_field_str(&j, "event", it->event);
			json_end_object(&j);
		}
		json_end_array(&j);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_finish(&j);
}

static const char html_style[] =
    "body{font-family:'Times New Roman',serif;font-size:12pt;margin:0;color:#000}"
    ".page{padding:1.5cm 1.5cm 1cm;page-break-after:always}"
    ".school{text-align:center;font-weight:bold;border-bottom:1px solid #000;"
    "padding-bottom:4pt;margin:0 0 12pt}"
    "h1{font-size:14pt;text-align:center;margin:0 0 6pt}"
    "p.who{text-align:center;margin:0 0 12pt}"
    "table{border-collapse:collapse;width:100%;font-size:10.5pt}"
    "th,td{border:1px solid #000;padding:3pt 4pt;vertical-align:top;text-align:left}"
    "th{background:#eee}"
    "h2{font-size:12pt;margin:14pt 0 4pt}"
    "ol{margin:0;padding-left:18pt;font-size:10.5pt}"
    ".sign{margin-top:28pt;width:100%;border:0}"
    ".sign td{border:0;padding:14pt 4pt 0}"
    "@media print{.page{padding:0}@page{size:A4 landscape;margin:1.5cm}}";

static void html_programme(FILE *fp, const mms_iop *g)
{
	const char *const *steps = mms_iop_steps();

	fputs("<div class=\"page\">\n<p class=\"school\">", fp);
	html_text(fp, g->school);
	fputs("</p>\n<h1>", fp);
	html_text(fp, _("Individual educational programme of the teacher"));
	fputs("</h1>\n<p class=\"who\">", fp);
	html_text(fp, g->teacher);
	fputs(" · ", fp);
	html_text(fp, _("school year"));
	fputc(' ', fp);
	html_text(fp, g->year);
	fputs("</p>\n<table>\n<tr>", fp);
	{
		const char *heads[] = {
		    "№",           _("skill"),  _("competency"),      _("form"),
		    _("resource"), _("period"), _("expected result"), _("status")};

		html_heads(fp, heads, sizeof(heads) / sizeof(heads[0]));
	}
	fputs("</tr>\n", fp);
	for (size_t k = 0; k < g->n; k++) {
		const mms_iop_item *it = &g->items[k];

		fprintf(fp, "<tr><td>%zu</td><td>", k + 1);
		html_text(fp, it->skill);
		if (it->skill_text && it->skill_text[0]) {
			fputs("<br>", fp);
			html_text(fp, it->skill_text);
		}
		fputs("</td><td>", fp);
		html_text(fp, it->competency);
		fputs("</td><td>", fp);
		html_text(fp, mms_word(MMS_WORDS_FORM, it->form));
		fputs("</td><td>", fp);
		html_text(fp, it->resource);
		fputs("</td><td>", fp);
		html_text(fp, it->period);
		fputs("</td><td>", fp);
		html_text(fp, it->expected);
		fputs("</td><td>", fp);
		html_text(fp, mms_word(MMS_WORDS_STATUS, it->status));
		fputs("</td></tr>\n", fp);
	}
	fputs("</table>\n", fp);
	for (size_t k = 0; k < g->n; k++) {
		const mms_iop_item *it = &g->items[k];

		if (!it->mentor)
			continue;
		fputs("<h2>", fp);
		html_text(fp, _("Plan of work with the mentor"));
		fputs(": ", fp);
		html_text(fp, it->mentor);
		fputs(", ", fp);
		html_text(fp, _("skill"));
		fputc(' ', fp);
		html_text(fp, it->skill);
		fputs("</h2>\n<ol>\n", fp);
		for (int s = 0; steps[s]; s++) {
			fputs("<li>", fp);
			html_text(fp, steps[s]);
			fputs("</li>\n", fp);
		}
		fputs("</ol>\n", fp);
	}
	fputs("<table class=\"sign\"><tr><td>", fp);
	html_text(fp, _("Teacher"));
	fputs(" ____________ / ", fp);
	html_text(fp, g->teacher);
	fputs(" /</td><td>", fp);
	html_text(fp, _("Deputy head (заместитель директора по УВР)"));
	fputs(" ____________</td><td>", fp);
	html_text(fp, _("Date"));
	fputs(" «___» ____________ 20___</td></tr></table>\n</div>\n", fp);
}

static void print_html(FILE *fp, const mms_iop_set *s)
{
	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n", cli_lang());
	fputs("<head>\n<meta charset=\"utf-8\">\n<title>", fp);
	html_text(fp, _("Individual educational programmes"));
	if (s->n) {
		fputc(' ', fp);
		html_text(fp, s->p[0].year);
	}
	fprintf(fp, "</title>\n<style>%s</style>\n</head>\n<body>\n", html_style);
	for (size_t i = 0; i < s->n; i++)
		html_programme(fp, &s->p[i]);
	if (s->n == 0) {
		fputs("<p>", fp);
		html_text(fp, _("no accepted needs: nothing to plan"));
		fputs("</p>\n", fp);
	}
	fputs("</body>\n</html>\n", fp);
}

/* A cli_printer of the programmes (DATA); the text says what a dry run would do. */
static int print_set(FILE *fp, const void *data, int fmt)
{
	const mms_iop_set *s = data;

	if (fmt == FMT_JSON)
		print_json(fp, s);
	else if (fmt == FMT_HTML)
		print_html(fp, s);
	else
		return print_text(fp, s);
	return 0;
}

int cmd_build_iop(int argc, char **argv, struct cli *cli)
{
	mms_iop_opts o = {0};
	mms_iop_set *s;
	enum format fmt = FMT_TEXT;
	const char *teacher = NULL, *outfile = NULL, *today = getenv("MMS_TODAY");
	int rc, code, quiet = 0;
	const struct cli_opt opts[] = {CLI_OPT_STR("teacher", &teacher),
	                               CLI_OPT_FLAG("dry-run", &o.dry_run),
	                               CLI_OPT_FORMAT(&fmt, format_names),
	                               CLI_OPT_OUTPUT(&outfile, cli),
	                               CLI_OPT_QUIET(&quiet),
	                               CLI_OPT_END};

	if ((code = cli_options(cli, argc, argv, opts, 0)) != 0)
		return code;
	if (teacher) {
		rc = mms_teacher_find(cli->db, teacher, NULL, &o.teacher);
		if (rc != MMS_OK)
			return cli_fail(cli, rc);
	}
	o.today = today && today[0] ? today : NULL;
	rc = mms_iop_build(cli->db, &o, &s);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (quiet && !outfile) {
		mms_iop_set_free(s);
		return cli_finish(cli, EXIT_OK);
	}
	code = cli_write(cli, outfile, print_set, s, fmt);
	mms_iop_set_free(s);
	return code;
}
