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
       "A FILE is CSV or an Excel workbook (.xlsx, .xls).  All files are one\n"
       "transaction: on any error nothing is stored.\n"
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
	struct json j;

	json_init(&j, stdout, JSON_PRETTY);
	json_begin_object(&j);
	json_field_str(&j, "assessment", o->assessment);
	json_field_bool(&j, "dry_run", o->dry_run);
	json_field_int(&j, "files", st->files);
	json_field_int(&j, "files_seen_before", st->files_seen_before);
	json_field_int(&j, "rows", st->rows);
	json_field_int(&j, "students", st->students);
	json_field_int(&j, "absent", st->absent);
	json_field_int(&j, "scores", st->scores);
	json_field_int(&j, "not_attempted", st->not_attempted);
	json_field_int(&j, "inserted", st->inserted);
	json_field_int(&j, "replaced", st->replaced);
	json_field_int(&j, "unchanged", st->unchanged);
	json_field_int(&j, "retakes", st->retakes);
	json_field_int(&j, "skipped_rows", st->skipped);
	json_field_bool(&j, "numbered_in_order", st->numbered);
	json_field_int(&j, "foreign_rows", st->foreign_rows);
	json_key(&j, "foreign_schools");
	json_begin_array(&j);
	for (size_t i = 0; i < st->nforeign; i++)
		json_str(&j, st->foreign[i]);
	json_end_array(&j);
	json_field_int(&j, "personal_columns_dropped", st->personal_columns);
	json_key(&j, "classes");
	json_begin_array(&j);
	for (size_t i = 0; i < st->nclasses; i++) {
		json_begin_object(&j);
		json_field_str(&j, "school", st->classes[i].school);
		json_field_str(&j, "value", st->classes[i].value);
		json_field_str(&j, "class", st->classes[i].label);
		json_field_str(&j, "source", st->classes[i].source);
		json_field_int(&j, "rows", st->classes[i].rows);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_key(&j, "other_blocks");
	json_begin_array(&j);
	for (size_t i = 0; i < st->nblocks; i++) {
		json_begin_object(&j);
		json_field_str(&j, "file", st->blocks[i].file);
		json_field_str(&j, "title", st->blocks[i].title);
		json_field_int(&j, "rows", st->blocks[i].rows);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end_object(&j);
	json_finish(&j);
}

int cmd_import_results(int argc, char **argv, struct cli *cli)
{
	static const struct option opts[] = {{"assessment", required_argument, NULL, 'a'},
	                                     {"school", required_argument, NULL, 's'},
	                                     {"class-map", required_argument, NULL, 'm'},
	                                     {"dry-run", no_argument, NULL, 'n'},
	                                     {"format", required_argument, NULL, 'f'},
	                                     CLI_INPUT_OPTIONS,
	                                     {NULL, 0, NULL, 0}};
	mms_results_opts o = {0};
	mms_results_stats st;
	struct cli_input in = {MMS_ENC_AUTO, NULL, 0};
	int opt, json = 0, rc;

	while ((opt = getopt_long(argc, argv, "q", opts, NULL)) != -1) {
		switch (opt) {
		case 'a':
			o.assessment = optarg;
			break;
		case 's':
			o.school = optarg;
			break;
		case 'm':
			o.class_map = optarg;
			break;
		case 'n':
			o.dry_run = 1;
			break;
		case 'f':
			if (cli_format(cli, optarg, (const char *const[]){"table", "json", NULL},
			               &json))
				return EXIT_USAGE;
			break;
		default:
			if (cli_input_option(cli, opt, argv, &in))
				return EXIT_USAGE;
		}
	}
	o.encoding = in.enc;
	o.sheet = in.sheet;
	if (!o.assessment)
		return cli_usage_error(cli, _("--assessment is required"));
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
