/*
 * mms — the dispatcher: global options, the table of subcommands, help.
 */
#include <getopt.h>
#include <locale.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "table.h"
#include "mms/keep.h"

static const struct cmd commands[] = {
    /* init opens the database itself, after its options: a wrong one creates nothing */
    {"init", cmd_init, 0, N_("create or migrate the database"), cmd_init_usage},
    {"import-roster", cmd_import_roster, CMD_DB_EXISTS | CMD_WRITES,
     N_("import schools, teachers, subjects and classes"), cmd_import_roster_usage},
    {"import-spec", cmd_import_spec, CMD_DB_EXISTS | CMD_WRITES,
     N_("import an assessment's description: tasks, scores, levels, skills"),
     cmd_import_spec_usage},
    {"import-codifier", cmd_import_codifier, CMD_DB_EXISTS | CMD_WRITES,
     N_("import a codifier: its codes, their wording, the codes they link to"),
     cmd_import_codifier_usage},
    {"import-results", cmd_import_results, CMD_DB_EXISTS | CMD_WRITES | CMD_TRUSTED,
     N_("import students' item-level results (ФИС ОКО, plain, РЦОИ)"), cmd_import_results_usage},
    {"import-reference", cmd_import_reference, CMD_DB_EXISTS | CMD_WRITES,
     N_("import ФИС ОКО's values of Russia, the region, the municipality for an assessment"),
     cmd_import_reference_usage},
    {"classify-deficits", cmd_classify_deficits, CMD_DB_EXISTS | CMD_WRITES | CMD_OWN_TX,
     N_("find and type students' deficits per skill, class, school, district"),
     cmd_classify_deficits_usage},
    {"config", cmd_config, CMD_DB_EXISTS | CMD_WRITES,
     N_("show or add settings: the deficit thresholds"), cmd_config_usage},
    {"map-to-teacher", cmd_map_to_teacher, CMD_DB_EXISTS | CMD_WRITES,
     N_("attribute deficits in one teacher's classes to the teacher"), cmd_map_to_teacher_usage},
    {"observe", cmd_observe, CMD_DB_EXISTS | CMD_WRITES,
     N_("record a lesson observation: confirm or reject a hypothesis"), cmd_observe_usage},
    {"interview", cmd_interview, CMD_DB_EXISTS | CMD_WRITES,
     N_("record an interview: a confirmed deficit becomes a need, or not"), cmd_interview_usage},
    {"teacher", cmd_teacher, CMD_DB_EXISTS | CMD_PAGES,
     N_("everything known about one teacher: hypotheses, records, programme"), cmd_teacher_usage},
    {"import-competencies", cmd_import_competencies, CMD_DB_EXISTS | CMD_WRITES,
     N_("replace the table of skills to teacher competencies"), cmd_import_competencies_usage},
    {"import-survey", cmd_import_survey, CMD_DB_EXISTS | CMD_WRITES,
     N_("import teachers' self-diagnosis, or the schools' satisfaction survey"),
     cmd_import_survey_usage},
    {"resource", cmd_resource, CMD_DB_EXISTS | CMD_WRITES,
     N_("the resource bank: mentors, РМО, seminars, internship sites, courses"),
     cmd_resource_usage},
    {"import-resources", cmd_import_resources, CMD_DB_EXISTS | CMD_WRITES,
     N_("import the institute's course catalogue into the resource bank"),
     cmd_import_resources_usage},
    {"build-iop", cmd_build_iop, CMD_DB_EXISTS | CMD_WRITES,
     N_("build teachers' individual programmes (ИОП) from their accepted needs"),
     cmd_build_iop_usage},
    {"iop", cmd_iop, CMD_DB_EXISTS | CMD_WRITES, N_("set the status of a programme's item"),
     cmd_iop_usage},
    {"event", cmd_event, CMD_DB_EXISTS | CMD_WRITES,
     N_("the service's plan of events: seminars, РМО, council, publications, decisions…"),
     cmd_event_usage},
    {"order-training", cmd_order_training, CMD_DB_EXISTS | CMD_WRITES,
     N_("the targeted order to the institute (ИПК), each line justified"),
     cmd_order_training_usage},
    {"check", cmd_check, CMD_DB_EXISTS | CMD_PAGES,
     N_("check the database: integrity, references, the schema's invariants"), cmd_check_usage},
    {"backup", cmd_backup, CMD_DB_EXISTS, N_("copy the database safely while others write to it"),
     cmd_backup_usage},
    {"list", cmd_list, CMD_DB_EXISTS | CMD_PAGES,
     N_("list the schools, teachers, assessments, skills or resources the database holds"),
     cmd_list_usage},
    {"log", cmd_log, CMD_DB_EXISTS | CMD_PAGES,
     N_("list the imports and classification runs, newest first"), cmd_log_usage},
    /* report only reads, in one snapshot: it never waits for a writer */
    {"analyse", cmd_analyse, CMD_DB_EXISTS | CMD_PAGES,
     N_("the analysis of an assessment: marks, the journal, scores, tasks, signs, trend"),
     cmd_analyse_usage},
    {"report", cmd_report, CMD_DB_EXISTS | CMD_PAGES,
     N_("the district's picture for the methodological council: figures, charts, follow-up"),
     cmd_report_usage},
    {"help", cmd_help, 0, N_("show help for mms or a command"), cmd_help_usage},
};

static const char main_usage[] =
    N_("usage: mms [--db PATH] COMMAND [ARGS]\n"
       "   or: mms help [COMMAND] | mms COMMAND -h | mms --version\n"
       "\n"
       "The toolkit of a district's methodological service: students' results on\n"
       "ВПР, ОГЭ, ЕГЭ and КДР → their deficits → teachers' needs → programmes.\n"
       "\n"
       "options:\n"
       "  --db PATH     the database (default: $MMS_DB, else ./mms.db)\n"
       "  -h, --help    show this help\n"
       "  --version     show the version\n");

const struct cmd *cli_commands(size_t *n)
{
	*n = sizeof(commands) / sizeof(commands[0]);
	return commands;
}

const struct cmd *cli_find(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void print_main_help(FILE *fp)
{
	size_t n;
	const struct cmd *c = cli_commands(&n);

	fputs(_(main_usage), fp);
	fputs(_("\ncommands:\n"), fp);
	for (size_t i = 0; i < n; i++)
		fprintf(fp, "  %-20s %s\n", c[i].name, _(c[i].summary));
	fputs(_("\n'mms help COMMAND' or 'man mms-COMMAND' tells more.\n"), fp);
}

const char cmd_help_usage[] =
    N_("usage: mms help [COMMAND]\n"
       "\n"
       "Shows the list of commands, or one command's synopsis and options.\n");

int cmd_help(int argc, char **argv, struct cli *cli)
{
	const struct cmd *c;

	if (argc < 2) {
		print_main_help(stdout);
		return cli_finish(cli, EXIT_OK);
	}
	if (argc > 2)
		return cli_usage_error(cli, _("too many arguments"));
	c = cli_find(argv[1]);
	if (!c)
		return cli_usage_error(cli, _("'%s' is not an mms command"), argv[1]);
	cli_print_usage(c, stdout);
	return cli_finish(cli, EXIT_OK);
}

static int wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return 1;
	}
	return 0;
}

/*
 * Where the message catalogues are: $MMS_LOCALEDIR, else beside an installed
 * mms (PREFIX/bin/mms → PREFIX/share/locale), else the build tree's.
 */
static const char *locale_dir(char *buf, size_t size)
{
	const char *env = getenv("MMS_LOCALEDIR");
	char exe[4096], probe[4096 + 64];
	ssize_t n;
	char *slash;

	if (env && env[0])
		return env;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(probe, sizeof(probe), "%s/%s/ru/LC_MESSAGES/mms.mo", exe,
			         MMS_LOCALEDIR_FROM_BIN);
			if (access(probe, R_OK) == 0) {
				snprintf(buf, size, "%s/%s", exe, MMS_LOCALEDIR_FROM_BIN);
				return buf;
			}
		}
	}
	return MMS_LOCALEDIR;
}

/*
 * Whether a command that changed the database goes into the history: not
 * import-results, which records each file with its counts itself, nor a dry
 * run, which changed nothing in the end.
 */
static int logged(const struct cmd *c, int argc, char **argv)
{
	if (!strcmp(c->name, "import-results"))
		return 0;
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--dry-run"))
			return 0;
	return 1;
}

/* Whether this command line prints to stdout (no -o FILE, no --quiet). */
static int pages(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-o") || !strncmp(argv[i], "--output", 8) ||
		    !strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet"))
			return 0;
	return 1;
}

static void setup_locale(void)
{
	char buf[4200];

	setlocale(LC_ALL, "");
	bindtextdomain("mms", locale_dir(buf, sizeof(buf)));
	bind_textdomain_codeset("mms", "UTF-8");
	textdomain("mms");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {"version", no_argument, NULL, 'V'},
	                                     {NULL, 0, NULL, 0}};
	struct cli cli = {0};
	const struct cmd *c;
	long long changes;
	int opt, code;

#if defined(__GLIBC__)
	/* Blocks from 128 KiB (a classification's groups × skills and students
	   below half, the analysis's rows) are mapped, and so given back when
	   freed: glibc otherwise raises that threshold as they are freed and keeps
	   the next ones in the heap, where a classification's resident memory was
	   a quarter above what it held (bench/region.sh's peak at ten regions). */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
	setup_locale();
	cli.dbpath = getenv("MMS_DB");
	if (!cli.dbpath || !cli.dbpath[0])
		cli.dbpath = "mms.db";
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+:h", opts, NULL)) != -1) {
		switch (opt) {
		case 'd':
			cli.dbpath = optarg;
			break;
		case 'h':
			print_main_help(stdout);
			return cli_finish(&cli, EXIT_OK);
		case 'V':
			printf("mms %s\n", mms_version());
			return cli_finish(&cli, EXIT_OK);
		case ':':
			return cli_usage_error(&cli, _("option '%s' needs a value"),
			                       argv[optind - 1]);
		default:
			return cli_usage_error(&cli, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind >= argc) {
		print_main_help(stderr);
		return EXIT_USAGE;
	}
	c = cli_find(argv[optind]);
	if (!c)
		return cli_usage_error(&cli, _("'%s' is not an mms command"), argv[optind]);
	cli.name = c->name;
	cli.usage = c->usage;
	argc -= optind;
	argv += optind;
	if (wants_help(argc, argv)) {
		cli_print_usage(c, stdout);
		return cli_finish(&cli, EXIT_OK);
	}
	if (c->flags & (CMD_DB | CMD_DB_EXISTS)) {
		unsigned of = (c->flags & CMD_DB_EXISTS) ? MMS_OPEN_NOCREATE : 0;
		int rc;

		/*
		 * A database this process cannot write (a read-only copy, a share)
		 * is opened read-only: what only reads works, and a write says why
		 * it cannot happen.
		 */
		if ((c->flags & CMD_DB_EXISTS) && access(cli.dbpath, F_OK) == 0 &&
		    mms_db_access(cli.dbpath))
			of = MMS_OPEN_READONLY;
		rc = mms_db_open(cli.dbpath, of, &cli.db);

		if (rc != MMS_OK) {
			code = cli_fail(&cli, rc);
			mms_db_close(cli.db);
			return code;
		}
		if (getenv("MMS_BUSY_TIMEOUT_MS") && getenv("MMS_BUSY_TIMEOUT_MS")[0]) {
			long ms;

			if (cli_int(&cli, "MMS_BUSY_TIMEOUT_MS", getenv("MMS_BUSY_TIMEOUT_MS"), 0,
			            3600000L, &ms)) {
				mms_db_close(cli.db);
				return EXIT_USAGE;
			}
			mms_db_set_busy_timeout(cli.db, (int)ms);
		}
	}
	/*
	 * A command that writes holds what it stores and what it prints in one
	 * transaction: if the output cannot be written (exit 74), nothing is
	 * stored either.  The import's of results trusted, as its library call's
	 * own would be (foreign keys are off for a transaction, not a
	 * savepoint).  The classification commits each assessment's run as it
	 * stores it, so as to hold the write lock no longer than that: its
	 * output is read after them.
	 */
	if ((c->flags & CMD_WRITES) && !(c->flags & CMD_OWN_TX)) {
		int rc =
		    (c->flags & CMD_TRUSTED) ? mms_db_begin_trusted(cli.db) : mms_db_begin(cli.db);

		if (rc != MMS_OK) {
			code = cli_fail(&cli, rc);
			mms_db_close(cli.db);
			return code;
		}
	}
	/* tables fit the terminal; long output of a reading command is paged;
	   what is printed there cannot drive the terminal */
	table_set_width(cli_terminal_width());
	cli_term_filter();
	if ((c->flags & CMD_PAGES) && pages(argc, argv))
		cli_pager_start();
	optind = 0; /* each command parses its own options from the start */
	changes = mms_db_total_changes(cli.db);
	code = c->fn(argc, argv, &cli);
	if ((c->flags & CMD_WRITES) && !(c->flags & CMD_OWN_TX)) {
		if (code == EXIT_OK && logged(c, argc, argv) &&
		    mms_db_total_changes(cli.db) != changes) {
			/* the history: every command that changed the database */
			int rc = mms_log_command(cli.db, c->name, argc, argv,
			                         !strncmp(c->name, "import-", 7));

			if (rc != MMS_OK)
				code = cli_fail(&cli, rc);
		}
		if (code == EXIT_OK) {
			int rc = mms_db_commit(cli.db);

			if (rc != MMS_OK)
				code = cli_fail(&cli, rc);
		} else {
			mms_db_rollback(cli.db);
		}
	}
	mms_db_close(cli.db);
	cli_pager_finish();
	return code;
}
