/* mms log — what was imported, and which classification runs were made, newest first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"
#include "mms/keep.h"
#include "table.h"

const char cmd_log_usage[] =
    N_("usage: mms log [--limit N] [--format table|json] [--quiet]\n"
       "\n"
       "Lists the history, newest first: every import and every command that\n"
       "changed the database (when, which command, which file with the start of\n"
       "its SHA-256, the assessment and the counts of results, the arguments),\n"
       "and what an upgrade of the database did; then the classification runs.\n"
       "\n"
       "options:\n"
       "  --limit N     the last N imports and N runs (default: all)\n"
       "  --format F    table (default) or json\n"
       "  -q, --quiet   print nothing: only check that the history can be read\n");

#define SHA_PREFIX 12
#define FILE_WIDTH 40

/* A long path is cut at its start: its end names the file. */
static int table_cell_tail(struct table *t, const char *s, size_t width)
{
	const char *p = s ? s : "";

	if (table_width(p) <= width)
		return table_cell(t, p);
	while (*p && table_width(p) > width - 1) {
		p++;
		while ((*p & 0xC0) == 0x80)
			p++;
	}
	return table_cellf(t, "…%s", p);
}

struct out {
	int json;
	struct json j;
	struct table *t;
	int oom;
	char *notes; /* the entries' notes, printed after the table */
	size_t notes_len;
};

/* A note in words: a migration's notes are kept as "kind: details". */
static void note_words(const char *note, char *buf, size_t size)
{
	static const char split[] = "skills-split: ";

	if (strncmp(note, split, strlen(split)) == 0)
		snprintf(buf, size,
		         _("skills split by code system: %s; their wording is the last "
		           "description's: import each of those descriptions again"),
		         note + strlen(split));
	else
		snprintf(buf, size, "%s", note);
}

/* Keeps "  at command: note" for after the table. */
static int keep_note(struct out *o, const mms_log_import *e)
{
	char words[2048], at[32];
	int n;
	char *grown;

	note_words(e->note, words, sizeof(words));
	cli_date_text(e->at, at, sizeof(at));
	n = snprintf(NULL, 0, "  %s %s: %s\n", at, e->command, words);
	grown = n < 0 ? NULL : realloc(o->notes, o->notes_len + (size_t)n + 1);
	if (!grown)
		return 1;
	o->notes = grown;
	snprintf(o->notes + o->notes_len, (size_t)n + 1, "  %s %s: %s\n", at, e->command, words);
	o->notes_len += (size_t)n;
	return 0;
}

static const struct json_member import_members[] = {
    JSON_M_LLONG("id", mms_log_import, id),
    JSON_M_STR("at", mms_log_import, at),
    JSON_M_STR("command", mms_log_import, command),
    JSON_M_STR("file", mms_log_import, file),
    JSON_M_STR("sha256", mms_log_import, sha256),
    JSON_M_STR("assessment", mms_log_import, assessment),
    JSON_M_LONG("rows", mms_log_import, rows),
    JSON_M_LONG("students", mms_log_import, students),
    JSON_M_LONG("absent", mms_log_import, absent),
    JSON_M_LONG("scores", mms_log_import, scores),
    JSON_M_LONG("inserted", mms_log_import, inserted),
    JSON_M_LONG("replaced", mms_log_import, replaced),
    JSON_M_LONG("unchanged", mms_log_import, unchanged),
    JSON_M_STR("note", mms_log_import, note),
    JSON_M_END};
static const struct json_member run_members[] = {
    JSON_M_LLONG("id", mms_log_run, id), JSON_M_STR("at", mms_log_run, at),
    JSON_M_STR("assessment", mms_log_run, assessment),
    JSON_M_LLONG("threshold_version", mms_log_run, threshold_version), JSON_M_END};

static int on_import(void *ctx, const mms_log_import *e)
{
	struct out *o = ctx;
	char at[32];
	int rc = 0;

	if (o->json) {
		json_begin_object(&o->j);
		json_members(&o->j, e, import_members);
		json_end_object(&o->j);
		return 0;
	}
	if (e->note && keep_note(o, e)) {
		o->oom = 1;
		return 1;
	}
	rc |= table_cell(o->t, cli_date_text(e->at, at, sizeof(at)));
	rc |= table_cell(o->t, e->command);
	rc |= table_cell_tail(o->t, e->file, FILE_WIDTH);
	rc |= table_cellf(o->t, "%.*s", SHA_PREFIX, e->sha256 ? e->sha256 : "");
	rc |= table_cell(o->t, e->assessment);
	if (strcmp(e->command, "import-results") != 0) {
		/* the counts are import-results'; another command's line has its note */
		for (int k = 0; k < 7; k++)
			rc |= table_cell(o->t, "");
	} else {
		rc |= table_cellf(o->t, "%ld", e->rows);
		rc |= table_cellf(o->t, "%ld", e->students);
		rc |= table_cellf(o->t, "%ld", e->absent);
		rc |= table_cellf(o->t, "%ld", e->scores);
		rc |= table_cellf(o->t, "%ld", e->inserted);
		rc |= table_cellf(o->t, "%ld", e->replaced);
		rc |= table_cellf(o->t, "%ld", e->unchanged);
	}
	rc |= table_end_row(o->t);
	if (rc)
		o->oom = 1;
	return rc ? 1 : 0;
}

static int on_run(void *ctx, const mms_log_run *e)
{
	struct out *o = ctx;
	char at[32];
	int rc = 0;

	if (o->json) {
		json_begin_object(&o->j);
		json_members(&o->j, e, run_members);
		json_end_object(&o->j);
		return 0;
	}
	rc |= table_cellf(o->t, "%lld", e->id);
	rc |= table_cell(o->t, cli_date_text(e->at, at, sizeof(at)));
	rc |= table_cell(o->t, e->assessment);
	rc |= table_cellf(o->t, "%lld", e->threshold_version);
	rc |= table_end_row(o->t);
	if (rc)
		o->oom = 1;
	return rc ? 1 : 0;
}

static int imports_table(struct out *o)
{
	o->t = table_new();
	if (!o->t || table_column(o->t, _("at"), TABLE_LEFT, 0) < 0 ||
	    table_column(o->t, _("command"), TABLE_LEFT, 0) < 0 ||
	    table_column(o->t, _("file"), TABLE_LEFT, 0) < 0 ||
	    table_column(o->t, "sha256", TABLE_LEFT, 0) < 0 ||
	    table_column(o->t, _("assessment"), TABLE_LEFT, 24) < 0 ||
	    table_column(o->t, _("rows"), TABLE_RIGHT, 0) < 0 ||
	    table_column(o->t, _("students"), TABLE_RIGHT, 0) < 0 ||
	    table_column(o->t, _("absent"), TABLE_RIGHT, 0) < 0 ||
	    table_column(o->t, _("scores"), TABLE_RIGHT, 0) < 0 ||
	    table_column(o->t, _("new"), TABLE_RIGHT, 0) < 0 ||
	    table_column(o->t, _("replaced"), TABLE_RIGHT, 0) < 0 ||
	    table_column(o->t, _("unchanged"), TABLE_RIGHT, 0) < 0)
		return -1;
	return 0;
}

static int runs_table(struct out *o)
{
	o->t = table_new();
	if (!o->t || table_column(o->t, _("run"), TABLE_RIGHT, 0) < 0 ||
	    table_column(o->t, _("at"), TABLE_LEFT, 0) < 0 ||
	    table_column(o->t, _("assessment"), TABLE_LEFT, 0) < 0 ||
	    table_column(o->t, _("thresholds"), TABLE_RIGHT, 0) < 0)
		return -1;
	return 0;
}

int cmd_log(int argc, char **argv, struct cli *cli)
{
	struct out o = {0};
	long limit = 0;
	int rc, quiet = 0;
	const struct cli_opt opts[] = {CLI_OPT_INT("limit", &limit, 1, 1000000000L),
	                               CLI_OPT_FORMAT(&o.json, cli_table_json),
	                               CLI_OPT_QUIET(&quiet), CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, 0)) != 0)
		return rc;
	if (quiet)
		o.json = 0; /* the history is read into the tables, and not printed */

	if (o.json) {
		json_init(&o.j, stdout, JSON_PRETTY);
		json_begin_object(&o.j);
		json_key(&o.j, "imports");
		json_begin_array(&o.j);
		rc = mms_log_imports(cli->db, limit, on_import, &o);
		json_end_array(&o.j);
		json_key(&o.j, "runs");
		json_begin_array(&o.j);
		if (rc == MMS_OK)
			rc = mms_log_runs(cli->db, limit, on_run, &o);
		json_end_array(&o.j);
		json_end_object(&o.j);
		json_finish(&o.j);
		return rc == MMS_OK ? cli_finish(cli, EXIT_OK) : cli_fail(cli, rc);
	}

	if (imports_table(&o) < 0)
		goto oom;
	rc = mms_log_imports(cli->db, limit, on_import, &o);
	if (o.oom)
		goto oom;
	if (rc != MMS_OK) {
		table_free(o.t);
		return cli_fail(cli, rc);
	}
	if (!quiet && table_rows(o.t) == 0) {
		puts(_("nothing imported or changed yet"));
	} else if (!quiet) {
		puts(_("imports and changes, newest first:"));
		table_print(o.t, stdout, 2);
		if (o.notes)
			printf("\n%s\n%s", _("notes:"), o.notes);
	}
	table_free(o.t);
	free(o.notes);
	o.notes = NULL;

	if (runs_table(&o) < 0)
		goto oom;
	rc = mms_log_runs(cli->db, limit, on_run, &o);
	if (o.oom)
		goto oom;
	if (rc != MMS_OK) {
		table_free(o.t);
		return cli_fail(cli, rc);
	}
	if (!quiet && table_rows(o.t) > 0) {
		puts(_("\nclassification runs, newest first:"));
		table_print(o.t, stdout, 2);
	}
	table_free(o.t);
	return cli_finish(cli, EXIT_OK);
oom:
	table_free(o.t);
	free(o.notes);
	cli_error(cli, _("out of memory"));
	return EXIT_SOFTWARE;
}
