/* mms config — settings kept in the database: thresholds, targets, scales of marks. */
#include <math.h>
#include <string.h>

#include "cli.h"
#include "mms/analysis.h"
#include "mms/deficits.h"
#include "mms/iop.h"
#include "mms/report.h"
#include "table.h"

const char cmd_config_usage[] =
    N_("usage: mms config thresholds [--basic-sufficient P] [--basic-insufficient P] "
       "[--higher-sufficient P] [--higher-insufficient P] [--min-n N] [--note TEXT] [--quiet]\n"
       "   or: mms config targets [--teachers-with-programme P] [--young-supported P] "
       "[--quiet]\n"
       "   or: mms config scale --assessment ID [--marks S3,S4,S5] [--quiet]\n"
       "   or: mms config steps [--start DAY] [--every N] [--quiet]\n"
       "\n"
       "Without options, lists the versions of the thresholds classify-deficits\n"
       "uses (the latest one applies).  With options, adds a new version: the\n"
       "values not given are taken from the latest.  Versions are never changed,\n"
       "so that every classification run can say which one it used.\n"
       "Version 1 holds the ФИОКО values: level Б sufficient from 60 %, insufficient\n"
       "below 57 %; levels П and В from 30 % and below 28.5 %; 10 participants.\n"
       "\n"
       "options:\n"
       "  --basic-sufficient P     level Б: a success rate from P % is sufficient\n"
       "  --basic-insufficient P   level Б: a success rate below P % is a deficit\n"
       "  --higher-sufficient P    levels П and В: sufficient from P %\n"
       "  --higher-insufficient P  levels П and В: a deficit below P %\n"
       "  --min-n N                groups with fewer participants get no verdict\n"
       "  --note TEXT              why this version (e.g. the document it follows)\n"
       "  -q, --quiet              print nothing on success (without other options:\n"
       "                           not even the list)\n"
       "\n"
       "targets: the shares the report compares with a target the district sets\n"
       "(without options, lists them; 0 removes one):\n"
       "  --teachers-with-programme P  teachers with an individual programme, %\n"
       "  --young-supported P          young teachers supported by a programme, %\n"
       "\n"
       "scale: an assessment's scale of marks, for mms analyse where a file has\n"
       "no marks (without --marks, shows it):\n"
       "  --assessment ID   the assessment\n"
       "  --marks S3,S4,S5  the lowest primary scores of «3», «4» and «5», e.g. 6,11,16\n"
       "\n"
       "steps: the schedule build-iop proposes for the 12 steps of work with a mentor\n"
       "(without options, shows it):\n"
       "  --start DAY   the first step's day of the school year, MM-DD or ДД.ММ\n"
       "                (default 10-01)\n"
       "  --every N     days between steps, 1 to 60 (default 21)\n");

/* From the core library (lib/text.h): "28,5" or "28.5" whatever the locale. */
int mms_parse_number(const char *s, double *out);

static int percent(const struct cli *cli, const char *opt, const char *arg, double *out)
{
	double v;

	if (mms_parse_number(arg, &v) != 0 || !(v > 0) || v > 100)
		return cli_usage_error(cli, _("%s '%s' is not a percentage above 0 and up to 100"),
		                       opt, arg);
	*out = v / 100.0;
	return 0;
}

static int list(struct cli *cli)
{
	mms_thresholds th;
	struct table *t;
	int rc, last, err = 0;

	rc = mms_thresholds_get(cli->db, 0, &th);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	last = th.version;
	t = table_new();
	if (!t || table_column(t, _("version"), TABLE_RIGHT, 0) < 0 ||
	    table_column(t, _("created"), TABLE_LEFT, 0) < 0 ||
	    table_column(t, _("Б sufficient"), TABLE_RIGHT, 0) < 0 ||
	    table_column(t, _("Б deficit below"), TABLE_RIGHT, 0) < 0 ||
	    table_column(t, _("П/В sufficient"), TABLE_RIGHT, 0) < 0 ||
	    table_column(t, _("П/В deficit below"), TABLE_RIGHT, 0) < 0 ||
	    table_column(t, _("min n"), TABLE_RIGHT, 0) < 0 ||
	    table_column(t, _("note"), TABLE_LEFT, 40) < 0) {
		table_free(t);
		cli_error(cli, _("out of memory"));
		return EXIT_SOFTWARE;
	}
	for (int v = 1; v <= last; v++) {
		rc = mms_thresholds_get(cli->db, v, &th);
		if (rc == MMS_ENOTFOUND)
			continue;
		if (rc != MMS_OK) {
			table_free(t);
			return cli_fail(cli, rc);
		}
		err |= table_cellf(t, "%d%s", v, v == last ? "*" : "");
		err |= table_cell(t, th.created);
		err |= table_cellf(t, "%g %%", 100.0 * th.basic_sufficient);
		err |= table_cellf(t, "%g %%", 100.0 * th.basic_insufficient);
		err |= table_cellf(t, "%g %%", 100.0 * th.higher_sufficient);
		err |= table_cellf(t, "%g %%", 100.0 * th.higher_insufficient);
		err |= table_cellf(t, "%d", th.min_n);
		err |= table_cell(t, th.note);
		err |= table_end_row(t);
	}
	if (err) {
		table_free(t);
		cli_error(cli, _("out of memory"));
		return EXIT_SOFTWARE;
	}
	table_print(t, stdout, 0);
	table_free(t);
	printf(_("* the version in use\n"));
	return cli_finish(cli, EXIT_OK);
}

/* mms config targets: the district's targets for the report's shares. */
static int targets(int argc, char **argv, struct cli *cli)
{
	static const char *const keys[] = {"teachers_with_programme", "young_supported"};
	static const char *const titles[] = {N_("teachers with an individual programme"),
	                                     N_("young teachers supported by a programme")};
	double want[2] = {-1, -1};
	const char *arg[2] = {NULL, NULL};
	int rc, quiet = 0;
	const struct cli_opt opts[] = {CLI_OPT_STR("teachers-with-programme", &arg[0]),
	                               CLI_OPT_STR("young-supported", &arg[1]),
	                               CLI_OPT_QUIET(&quiet), CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, 0)) != 0)
		return rc;
	for (int k = 0; k < 2; k++)
		if (arg[k] &&
		    (mms_parse_number(arg[k], &want[k]) != 0 || want[k] < 0 || want[k] > 100))
			return cli_usage_error(
			    cli, _("%s '%s' is not a percentage from 0 to 100"),
			    k ? "--young-supported" : "--teachers-with-programme", arg[k]);
	for (int k = 0; k < 2; k++)
		if (want[k] >= 0 &&
		    (rc = mms_report_target_set(cli->db, keys[k], want[k])) != MMS_OK)
			return cli_fail(cli, rc);
	if (quiet)
		return cli_finish(cli, EXIT_OK);
	for (int k = 0; k < 2; k++) {
		double v;

		if ((rc = mms_report_target_get(cli->db, keys[k], &v)) != MMS_OK)
			return cli_fail(cli, rc);
		if (v > 0)
			/* xgettext:no-c-format */
			printf(_("%s: the district's target is %g %%\n"), _(titles[k]), v);
		else
			printf(_("%s: no target set\n"), _(titles[k]));
	}
	return cli_finish(cli, EXIT_OK);
}

/* mms config scale: the lowest primary scores of the marks 3, 4, 5. */
static int scale(int argc, char **argv, struct cli *cli)
{
	const char *assessment = NULL, *marks = NULL;
	double min[3];
	int rc, quiet = 0;
	const struct cli_opt opts[] = {CLI_OPT_NEEDED("assessment", &assessment),
	                               CLI_OPT_STR("marks", &marks), CLI_OPT_QUIET(&quiet),
	                               CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, 0)) != 0)
		return rc;
	if (marks) {
		char buf[128], *p, *save = NULL;
		int k = 0;

		snprintf(buf, sizeof(buf), "%s", marks);
		/* "6,11,16" or "6;11;16"; a decimal comma needs the semicolons */
		for (p = strtok_r(buf, strchr(marks, ';') ? ";" : ",", &save); p && k < 3;
		     p = strtok_r(NULL, strchr(marks, ';') ? ";" : ",", &save))
			if (mms_parse_number(p, &min[k++]) != 0)
				k = 4;
		if (k != 3 || p)
			return cli_usage_error(
			    cli, _("--marks '%s' is not three scores, e.g. 6,11,16"), marks);
		if ((rc = mms_scale_set(cli->db, assessment, min)) == MMS_EUSAGE)
			return cli_usage_error(cli, "%s", mms_errmsg(cli->db));
		if (rc != MMS_OK)
			return cli_fail(cli, rc);
		if (quiet)
			return cli_finish(cli, EXIT_OK);
	}
	rc = mms_scale_get(cli->db, assessment, min);
	if (rc == MMS_OK && isnan(min[0])) {
		if (!quiet)
			printf(_("%s: no scale of marks set (mms analyse reads it off the file's "
			         "marks)\n"),
			       assessment);
		return cli_finish(cli, EXIT_OK);
	}
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (!quiet)
		printf(_("%s: «3» from %g, «4» from %g, «5» from %g primary points\n"), assessment,
		       min[0], min[1], min[2]);
	return cli_finish(cli, EXIT_OK);
}

/* mms config steps: the schedule of a mentor's 12 steps. */
static int steps(int argc, char **argv, struct cli *cli)
{
	const char *start = NULL;
	long every = 0;
	char now[6], mmdd[8];
	int rc, quiet = 0, cur;
	const struct cli_opt opts[] = {CLI_OPT_STR("start", &start),
	                               CLI_OPT_INT("every", &every, 1, 60), CLI_OPT_QUIET(&quiet),
	                               CLI_OPT_END};

	if ((rc = cli_options(cli, argc, argv, opts, 0)) != 0)
		return rc;
	if ((rc = mms_iop_schedule_get(cli->db, now, &cur)) != MMS_OK)
		return cli_fail(cli, rc);
	if (start || every) {
		int d, m, n = 0;

		/* ДД.ММ as Russian users write it, or MM-DD */
		if (start && sscanf(start, "%2d.%2d%n", &d, &m, &n) == 2 && !start[n])
			snprintf(mmdd, sizeof(mmdd), "%02d-%02d", m, d);
		else
			snprintf(mmdd, sizeof(mmdd), "%s", start ? start : now);
		rc = mms_iop_schedule_set(cli->db, mmdd, every ? (int)every : cur);
		if (rc == MMS_EUSAGE)
			return cli_usage_error(cli, "%s", mms_errmsg(cli->db));
		if (rc != MMS_OK)
			return cli_fail(cli, rc);
		if ((rc = mms_iop_schedule_get(cli->db, now, &cur)) != MMS_OK)
			return cli_fail(cli, rc);
	}
	if (!quiet)
		printf(_("the 12 steps: the first on %s (MM-DD) of the school year, then every %d "
		         "days\n"),
		       now, cur);
	return cli_finish(cli, EXIT_OK);
}

int cmd_config(int argc, char **argv, struct cli *cli)
{
	static const char *const names[] = {"--basic-sufficient", "--basic-insufficient",
	                                    "--higher-sufficient", "--higher-insufficient"};
	mms_thresholds th;
	double *field[] = {&th.basic_sufficient, &th.basic_insufficient, &th.higher_sufficient,
	                   &th.higher_insufficient};
	const char *arg[4] = {NULL, NULL, NULL, NULL}, *note = NULL;
	int rc, changed = 0, quiet = 0, version;
	long min_n = 0;
	const struct cli_opt opts[] = {CLI_OPT_STR("basic-sufficient", &arg[0]),
	                               CLI_OPT_STR("basic-insufficient", &arg[1]),
	                               CLI_OPT_STR("higher-sufficient", &arg[2]),
	                               CLI_OPT_STR("higher-insufficient", &arg[3]),
	                               CLI_OPT_INT("min-n", &min_n, 1, 100000),
	                               CLI_OPT_STR("note", &note),
	                               CLI_OPT_QUIET(&quiet),
	                               CLI_OPT_END};

	if (argc < 2)
		return cli_usage_error(cli, _("which setting? (use 'mms config thresholds', "
		                              "'targets', 'scale' or 'steps')"));
	if (!strcmp(argv[1], "steps")) {
		optind = 0;
		return steps(argc - 1, argv + 1, cli);
	}
	if (!strcmp(argv[1], "scale")) {
		optind = 0;
		return scale(argc - 1, argv + 1, cli);
	}
	if (!strcmp(argv[1], "targets")) {
		optind = 0;
		return targets(argc - 1, argv + 1, cli);
	}
	if (strcmp(argv[1], "thresholds") != 0)
		return cli_usage_error(
		    cli,
		    _("unknown setting '%s' (use 'thresholds', 'targets', 'scale' or 'steps')"),
		    argv[1]);
	rc = mms_thresholds_get(cli->db, 0, &th);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	th.note[0] = '\0';
	argc--;
	argv++;
	if ((rc = cli_options(cli, argc, argv, opts, 0)) != 0)
		return rc;
	for (int k = 0; k < 4; k++) {
		if (!arg[k])
			continue;
		if (percent(cli, names[k], arg[k], field[k]))
			return EXIT_USAGE;
		changed = 1;
	}
	if (min_n) {
		th.min_n = (int)min_n;
		changed = 1;
	}
	if (note) {
		snprintf(th.note, sizeof(th.note), "%s", note);
		changed = 1;
	}
	if (!changed)
		return quiet ? cli_finish(cli, EXIT_OK) : list(cli);
	rc = mms_thresholds_add(cli->db, &th, &version);
	if (rc == MMS_EUSAGE)
		return cli_usage_error(cli, "%s", mms_errmsg(cli->db));
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	if (!quiet)
		printf(_("thresholds version %d added: Б %g–%g %%, П/В %g–%g %%, at least %d "
		         "participants\n"),
		       version, 100.0 * th.basic_insufficient, 100.0 * th.basic_sufficient,
		       100.0 * th.higher_insufficient, 100.0 * th.higher_sufficient, th.min_n);
	return cli_finish(cli, EXIT_OK);
}
