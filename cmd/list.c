/* mms list — what is in the database: schools, teachers, assessments, skills, resources. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "export.h"
#include "json.h"
#include "mms/list.h"
#include "mms/words.h"
#include "table.h"

const char cmd_list_usage[] =
    N_("usage: mms list schools|teachers|assessments|skills|resources [--school CODE] "
       "[--format table|csv|json]\n"
       "\n"
       "Lists what the database holds, to find the names and codes the other\n"
       "commands take: the schools with all their codes, the teachers with their\n"
       "school, subjects and classes of their latest school year, the assessments\n"
       "with their participants and last classification, the skills of every\n"
       "subject with the assessments that test them, the resources of the bank.\n"
       "\n"
       "options:\n"
       "  --school CODE   only this school (any of its codes): the school, its\n"
       "                  teachers, the assessments it took part in, its mentors\n"
       "  --format F      table (default), csv (';', UTF-8 for Excel) or json\n");

enum format { FMT_TABLE, FMT_CSV, FMT_JSON };
static const char *const format_names[] = {"table", "csv", "json", NULL};

/* A column's title in the user's language; the widest a table shows it. */
static const char *title_of(const char *key, size_t *width)
{
	static const struct {
		const char *key, *title;
		size_t width;
	} titles[] = {
	    {"code", N_("code"), 0},
	    {"name", N_("name"), 48},
	    {"other_codes", N_("other codes"), 30},
	    {"teachers", N_("teachers"), 0},
	    {"classes", N_("classes"), 40},
	    {"teacher", N_("teacher"), 0},
	    {"school_code", N_("school code"), 0},
	    {"school", N_("school"), 40},
	    {"subjects", N_("subjects"), 30},
	    {"year", N_("school year"), 0},
	    {"assessment", N_("assessment"), 0},
	    {"kind", N_("kind"), 0},
	    {"subject", N_("subject"), 24},
	    {"grade", N_("grade"), 0},
	    {"date", N_("date"), 0},
	    {"participants", N_("participants"), 0},
	    {"tasks", N_("tasks"), 0},
	    {"classified", N_("classified"), 0},
	    {"skill", N_("skill"), 0},
	    {"system", N_("code system"), 0},
	    {"text", N_("wording"), 60},
	    {"assessments", N_("assessments"), 40},
	    {"id", N_("no."), 0},
	    {"title", N_("title"), 44},
	    {"skills", N_("skills"), 24},
	    {"capacity", N_("capacity"), 0},
	    {"period", N_("period"), 20},
	    {"provider", N_("provider"), 20},
	    {"withdrawn", N_("withdrawn"), 0},
	};

	for (size_t i = 0; i < sizeof(titles) / sizeof(titles[0]); i++)
		if (!strcmp(titles[i].key, key)) {
			*width = titles[i].width;
			return _(titles[i].title);
		}
	*width = 0;
	return key;
}

static int is_date(const char *key)
{
	return !strcmp(key, "date") || !strcmp(key, "classified") || !strcmp(key, "withdrawn");
}

/* A cell as people read it: kinds in words, dates as the language writes them. */
static const char *cell_text(enum mms_list_kind kind, const char *key, const char *v, int text,
                             char *buf, size_t size)
{
	if (!v)
		return "";
	if (kind == MMS_LIST_RESOURCES && !strcmp(key, "kind"))
		return mms_word(MMS_WORDS_KIND, v);
	if (text && is_date(key))
		return cli_date_text(v, buf, size);
	return v;
}

static int print_table(const mms_list *l, enum mms_list_kind kind)
{
	struct table *t = table_new();
	char buf[32];
	int rc = t ? 0 : -1;

	for (size_t c = 0; c < l->ncols && rc == 0; c++) {
		size_t width;
		const char *title = title_of(l->keys[c], &width);

		rc |= table_column(t, title, l->numeric[c] ? TABLE_RIGHT : TABLE_LEFT, width);
	}
	for (size_t r = 0; r < l->nrows && rc == 0; r++) {
		for (size_t c = 0; c < l->ncols; c++)
			rc |= table_cell(t, cell_text(kind, l->keys[c], l->cells[r * l->ncols + c],
			                              1, buf, sizeof(buf)));
		rc |= table_end_row(t);
	}
	if (rc == 0)
		table_print(t, stdout, 0);
	table_free(t);
	return rc;
}

static void print_csv(const mms_list *l, enum mms_list_kind kind)
{
	char buf[32];

	csv_bom(stdout);
	for (size_t c = 0; c < l->ncols; c++) {
		size_t width;

		csv_field(stdout, title_of(l->keys[c], &width), c + 1 == l->ncols);
	}
	for (size_t r = 0; r < l->nrows; r++)
		for (size_t c = 0; c < l->ncols; c++)
			csv_field(stdout,
			          cell_text(kind, l->keys[c], l->cells[r * l->ncols + c], 0, buf,
			                    sizeof(buf)),
			          c + 1 == l->ncols);
}

static void print_json(const mms_list *l)
{
	struct json j;

	json_init(&j, stdout, JSON_PRETTY);
	json_begin_array(&j);
	for (size_t r = 0; r < l->nrows; r++) {
		json_begin_object(&j);
		for (size_t c = 0; c < l->ncols; c++) {
			const char *v = l->cells[r * l->ncols + c];

			if (v && l->numeric[c])
				json_field_int(&j, l->keys[c], strtoll(v, NULL, 10));
			else
				json_field_str(&j, l->keys[c], v);
		}
		json_end_object(&j);
	}
	json_end_array(&j);
	json_finish(&j);
}

/* What an empty list means, and what fills it. */
static const char *empty_text(enum mms_list_kind kind, int school)
{
	switch (kind) {
	case MMS_LIST_SCHOOLS:
		return _("no schools yet: mms import-roster loads them");
	case MMS_LIST_TEACHERS:
		return school ? _("the school has no teachers in the roster")
		              : _("no teachers yet: mms import-roster loads them");
	case MMS_LIST_ASSESSMENTS:
		return school ? _("the school took part in no assessment yet")
		              : _("no assessments yet: mms import-spec loads an assessment's "
		                  "description");
	case MMS_LIST_SKILLS:
		return _("no skills yet: they come with the assessments' descriptions "
		         "(mms import-spec)");
	case MMS_LIST_RESOURCES:
		return school ? _("no resources of this school")
		              : _("no resources yet: mms resource find-mentors, mms resource add, "
		                  "mms import-resources");
	}
	return "";
}

int cmd_list(int argc, char **argv, struct cli *cli)
{
	const char *school = NULL;
	enum format fmt = FMT_TABLE;
	enum mms_list_kind kind;
	mms_list *l;
	int rc, k;
	const struct cli_opt opts[] = {CLI_OPT_STR("school", &school),
	                               CLI_OPT_FORMAT(&fmt, format_names), CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, 1)) != 0)
		return rc;
	if (optind >= argc)
		return cli_usage_error(
		    cli, _("what to list: schools, teachers, assessments, skills or resources"));
	for (k = 0; mms_list_kinds[k]; k++)
		if (!strcmp(mms_list_kinds[k], argv[optind]))
			break;
	if (!mms_list_kinds[k])
		return cli_usage_error(
		    cli,
		    _("cannot list '%s' (use schools, teachers, assessments, skills or resources)"),
		    argv[optind]);
	kind = (enum mms_list_kind)k;
	if (school && kind == MMS_LIST_SKILLS)
		return cli_usage_error(cli,
		                       _("skills belong to no school: --school does not apply"));
	rc = mms_list_get(cli->db, kind, school, &l);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (fmt == FMT_JSON)
		print_json(l);
	else if (fmt == FMT_CSV)
		print_csv(l, kind);
	else if (l->nrows == 0)
		printf("%s\n", empty_text(kind, school != NULL));
	else if (print_table(l, kind) != 0) {
		mms_list_free(l);
		cli_error(cli, _("out of memory"));
		return EXIT_SOFTWARE;
	}
	mms_list_free(l);
	return cli_finish(cli, EXIT_OK);
}
