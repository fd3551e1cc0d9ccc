/* mms import-results — students' item-level results from the files schools have. */
#include <getopt.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "json.h"
#include "mms/results.h"

const char cmd_import_results_usage[] =
    N_("usage: mms import-results --assessment ID [--school CODE] [--class-map MAP] "
       "[--sheet NAME] [--encoding E] [--dry-run] [--quiet] [--format table|json] FILE...\n"
       "\n"
       "Loads item-level results as the systems export them: ФИС ОКО's\n"
       "\"Индивидуальные результаты\" (Ф1) of a school or a municipality and its\n"
       "\"Форма сбора результатов\" (with the sheet \"Классы\"), a region's exports\n"
       "(логин школы;код обучающегося;класс;балл за 1;…), plain tables (Код\n"
       "участника;Класс;1;2;3.1;…, with --school), and РЦОИ protocols of ОГЭ/ЕГЭ\n"
       "(exam blocks, short answers \"++-1\", long answers \"1(2)0(3)\").  Names and\n"
       "documents are dropped on read; a protocol's participant is known by a keyed\n"
       "pseudonym.  Classes written as numbers or letters are printed as read.\n"
       "A FILE is CSV or an Excel workbook (.xlsx, .xls), also through a pipe, or -\n"
       "for the standard input.  All files are one transaction: on any error nothing\n"
       "is stored.\n"
       "\n"
       "options:\n"
       "  --assessment ID   the assessment (its description imported with import-spec)\n"
       "  --school CODE     the school of files that have no school column\n"
       "  --class-map MAP   class numbers to classes: a file Код ОО;Номер;Класс,\n"
       "                    or 1=5А,2=5Б\n"
       "  --sheet NAME      a workbook's sheet (default: the one with the results)\n"
       "  --encoding E      utf-8, cp1251 or utf-16le (default: detected)\n"
       "  --dry-run         check and count, store nothing\n"
       "  -q, --quiet       print nothing on success\n"
       "  --format F        table (default) or json\n");

static void progress(void *ctx, const char *file, int index, int nfiles, long rows)
{
	(void)ctx;
	fputc('\r', stderr);
	fprintf(stderr, _("importing: file %d of %d, %ld rows of %s"), index + 1, nfiles, rows,
	        file);
	fputs("\033[K", stderr);
}

/*
 * The classes read from numbers and letters, by school, how each was read said
 * once for a run of them: "edu241001: 1 → 5А, 2 → 5Б (the N-th class …), а → 5А (…)".
 */
static void print_classes(const mms_results_stats *st)
{
	if (!st->nclasses)
		return;
	printf(
	    _("classes read from numbers and letters (check them; --class-map says otherwise):\n"));
	for (size_t i = 0; i < st->nclasses; i++) {
		const mms_class_guess *g = &st->classes[i], *next = g + 1;
		int first = !i || strcmp(g[-1].school, g->school) != 0;
		int last = i + 1 == st->nclasses || strcmp(next->school, g->school) != 0;

		if (first)
			printf("  %s:", g->school);
		printf("%s %s → %s", first ? "" : ",", g->value, g->label);
		if (last || strcmp(next->source, g->source) != 0)
			printf(" (%s)", cli_status_text(g->source));
		if (last)
			putchar('\n');
	}
}

static void print_table(const mms_results_opts *o, const mms_results_stats *st)
{
	printf(_("%s%s: %d files, %ld rows: %ld students with results, %ld absent, "
	         "%ld scores (%ld not attempted)\n"),
	       o->dry_run ? _("dry run, nothing stored: ") : "", o->assessment, st->files, st->rows,
	       st->students, st->absent, st->scores, st->not_attempted);
	printf(_("participants: %ld inserted, %ld replaced, %ld unchanged\n"), st->inserted,
	       st->replaced, st->unchanged);
	if (st->retakes)
		printf(_("%ld participants of a protocol appear again (another day of the exam): "
		         "the later result is kept\n"),
		       st->retakes);
	print_classes(st);
	if (st->numbered)
		puts(
		    _("task columns numbered 1, 2, 3… in order: read as the description's tasks in "
		      "its order"));
	if (st->foreign_rows) {
		printf(_("left: %ld rows of %zu schools not in the roster (other districts?):"),
		       st->foreign_rows, st->nforeign);
		for (size_t i = 0; i < st->nforeign && i < 10; i++)
			printf("%s %s", i ? "," : "", st->foreign[i]);
		puts(st->nforeign > 10 ? ", …" : "");
	}
	for (size_t i = 0; i < st->nblocks; i++)
		printf(_("left for another assessment: %s: block «%s», %ld rows\n"),
		       st->blocks[i].file, st->blocks[i].title, st->blocks[i].rows);
	if (st->files_seen_before)
		printf(_("%d files had been imported before (same content)\n"),
		       st->files_seen_before);
	if (st->personal_columns)
		printf(_("%d columns of personal data (names, documents) were dropped, "
		         "not stored\n"),
		       st->personal_columns);
}

static void print_json(const mms_results_opts *o, const mms_results_stats *st)
{
#define ST mms_results_stats
	static const struct json_member counts[] = {
	    JSON_M_INT("files", ST, files),
	    JSON_M_INT("files_seen_before", ST, files_seen_before),
	    JSON_M_LONG("rows", ST, rows),
	    JSON_M_LONG("students", ST, students),
	    JSON_M_LONG("absent", ST, absent),
	    JSON_M_LONG("scores", ST, scores),
	    JSON_M_LONG("not_attempted", ST, not_attempted),
	    JSON_M_LONG("inserted", ST, inserted),
	    JSON_M_LONG("replaced", ST, replaced),
	    JSON_M_LONG("unchanged", ST, unchanged),
	    JSON_M_LONG("retakes", ST, retakes),
	    JSON_M_LONG("skipped_rows", ST, skipped),
	    JSON_M_BOOL("numbered_in_order", ST, numbered),
	    JSON_M_LONG("foreign_rows", ST, foreign_rows),
	    JSON_M_END};
#undef ST
	static const struct json_member classes[] = {JSON_M_STR("school", mms_class_guess, school),
	                                             JSON_M_STR("value", mms_class_guess, value),
	                                             JSON_M_STR("class", mms_class_guess, label),
	                                             JSON_M_STR("source", mms_class_guess, source),
	                                             JSON_M_LONG("rows", mms_class_guess, rows),
	                                             JSON_M_END};
	static const struct json_member blocks[] = {JSON_M_STR("file", mms_results_block, file),
	                                            JSON_M_STR("title", mms_results_block, title),
	                                            JSON_M_LONG("rows", mms_results_block, rows),
	                                            JSON_M_END};
	struct json j;

	json_init(&j, stdout, JSON_PRETTY);
	json_begin_object(&j);
	json_field_str(&j, "assessment", o->assessment);
	json_field_bool(&j, "dry_run", o->dry_run);
	json_members(&j, st, counts);
	json_key(&j, "foreign_schools");
	json_begin_array(&j);
	for (size_t i = 0; i < st->nforeign; i++)
		json_str(&j, st->foreign[i]);
	json_end_array(&j);
	json_field_int(&j, "personal_columns_dropped", st->personal_columns);
	json_key(&j, "classes");
	json_rows(&j, st->classes, st->nclasses, sizeof(st->classes[0]), classes);
	json_key(&j, "other_blocks");
	json_rows(&j, st->blocks, st->nblocks, sizeof(st->blocks[0]), blocks);
	json_end_object(&j);
	json_finish(&j);
}

int cmd_import_results(int argc, char **argv, struct cli *cli)
{
	mms_results_opts o = {0};
	mms_results_stats st;
	struct cli_input in = {MMS_ENC_AUTO, NULL, 0};
	int json = 0, rc;
	const struct cli_opt opts[] = {CLI_OPT_NEEDED("assessment", &o.assessment),
	                               CLI_OPT_STR("school", &o.school),
	                               CLI_OPT_STR("class-map", &o.class_map),
	                               CLI_OPT_FLAG("dry-run", &o.dry_run),
	                               CLI_OPT_FORMAT(&json, cli_table_json),
	                               CLI_OPT_INPUT(&in),
	                               CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, -1)) != 0)
		return rc;
	o.encoding = in.enc;
	o.sheet = in.sheet;
	if (optind >= argc)
		return cli_usage_error(cli, _("no results file given"));
	if (!in.quiet && isatty(STDERR_FILENO))
		o.progress = progress;
	rc =
	    mms_results_import(cli->db, &o, (const char *const *)argv + optind, argc - optind, &st);
	if (o.progress)
		fputs("\r\033[K", stderr);
	if (rc != MMS_OK) {
		mms_results_stats_free(&st);
		return cli_fail(cli, rc);
	}
	if (in.quiet) {
		mms_results_stats_free(&st);
		return cli_finish(cli, EXIT_OK);
	}
	if (json)
		print_json(&o, &st);
	else
		print_table(&o, &st);
	mms_results_stats_free(&st);
	return cli_finish(cli, EXIT_OK);
}
