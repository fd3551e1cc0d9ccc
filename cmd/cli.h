/* What the subcommands share: the dispatcher's context, messages, exit codes. */
#ifndef MMS_CLI_H
#define MMS_CLI_H

#include <getopt.h> /* optind: the first operand after cli_options() */
#include <libintl.h>
#include <locale.h>
#include <stdio.h>

#include "mms/mms.h"
#include "mms/outfile.h"

#define _(s) gettext(s)
#define N_(s) (s)

/* Exit codes (sysexits.h), documented in mms(1). */
enum {
	EXIT_OK = 0,
	EXIT_USAGE = 64,
	EXIT_DATA = 65,
	EXIT_NOINPUT = 66,
	EXIT_SOFTWARE = 70,
	EXIT_IO = 74,
	EXIT_BUSY = 75
};

enum cmd_flags {
	CMD_DB = 1 << 0,        /* opens the database (creating it if needed) */
	CMD_DB_EXISTS = 1 << 1, /* opens a database that must exist */
	CMD_WRITES = 1 << 2,    /* writes: the command and its output are one transaction */
	CMD_PAGES = 1 << 3,     /* reads: long output goes through $PAGER on a terminal */
	CMD_TRUSTED = 1 << 4,   /* CMD_WRITES's transaction mms_db_begin_trusted()'s */
	CMD_OWN_TX = 1 << 5     /* CMD_WRITES that commits as it goes, its history with it */
};

struct cli {
	const char *name;  /* the subcommand, for messages */
	const char *usage; /* its synopsis and options */
	const char *dbpath;
	mms_db *db; /* opened by the dispatcher for CMD_DB commands */
	int force;  /* --force: -o replaces a file of another user */
};

typedef int (*cmd_fn)(int argc, char **argv, struct cli *cli);

struct cmd {
	const char *name;
	cmd_fn fn;
	unsigned flags;
	const char *summary; /* one line for 'mms help' */
	const char *usage;   /* the synopsis lines, then a blank line, then the options */
};

/* The subcommands (one file each). */
#define MMS_COMMAND(id)                                                                            \
	int cmd_##id(int argc, char **argv, struct cli *cli);                                      \
	extern const char cmd_##id##_usage[]
MMS_COMMAND(init);
MMS_COMMAND(import_roster);
MMS_COMMAND(import_spec);
MMS_COMMAND(import_codifier);
MMS_COMMAND(classify_deficits);
MMS_COMMAND(config);
MMS_COMMAND(import_results);
MMS_COMMAND(import_reference);
MMS_COMMAND(import_survey);
MMS_COMMAND(map_to_teacher);
MMS_COMMAND(observe);
MMS_COMMAND(interview);
MMS_COMMAND(teacher);
MMS_COMMAND(import_competencies);
MMS_COMMAND(resource);
MMS_COMMAND(import_resources);
MMS_COMMAND(build_iop);
MMS_COMMAND(iop);
MMS_COMMAND(event);
MMS_COMMAND(order_training);
MMS_COMMAND(check);
MMS_COMMAND(backup);
MMS_COMMAND(log);
MMS_COMMAND(list);
MMS_COMMAND(report);
MMS_COMMAND(analyse);
MMS_COMMAND(help);

/* observe and interview: one event about a teacher's skill (cmd/teacher_event.c). */
int cli_event_command(int argc, char **argv, struct cli *cli, int interview);
/* "hypothesis", "need"… in the user's language (cmd/map_to_teacher.c). */
const char *cli_status_text(const char *status);
/* A hypothesis's q-value in words: "reliably below" the rest of the district, or not. */
const char *cli_below_words(double q);
struct mms_hyp;
/* What the data add to a hypothesis, in words (at most 4); returns the count. */
int cli_hyp_notes(const struct mms_hyp *h, const char *notes[4]);

const struct cmd *cli_find(const char *name);
const struct cmd *cli_commands(size_t *n);

/*
 * Numbers written by a library for a file's format (a workbook's XML) must
 * not follow the user's locale: cli_numeric_c() makes this thread's numbers
 * C's, the words staying the user's, and returns the locale to give back to
 * cli_numeric_restore().
 */
locale_t cli_numeric_c(void);
void cli_numeric_restore(locale_t old);

/* "mms: NAME: message" on stderr. */
void cli_error(const struct cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A usage error: the message and a pointer to -h; returns EXIT_USAGE. */
int cli_usage_error(const struct cli *cli, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Prints the library's diagnostics and message for RC; returns its exit code. */
int cli_fail(const struct cli *cli, int rc);
int cli_exit_code(int rc);
/* Flushes stdout; a failed write gives EXIT_IO with a message. */
int cli_finish(const struct cli *cli, int code);
/* The language of the messages ("en", "ru"), for the lang of HTML pages. */
const char *cli_lang(void);
/* The width tables fit: $COLUMNS, else the terminal's when stdout is one, else 0. */
size_t cli_terminal_width(void);
/*
 * When stdout is a terminal, sends it through $PAGER (less, with LESS=FRX
 * unless LESS is set, as git does; PAGER empty or "cat": none) until
 * cli_pager_finish(), which waits for the pager.  Never when piped.
 */
void cli_pager_start(void);
/* On a terminal, stdout shows control characters instead of obeying them
   (colour sequences pass); nothing when stdout is not a terminal. */
void cli_term_filter(void);
void cli_pager_finish(void);
/* A date (YYYY-MM-DD) as the user's language writes it (ДД.ММ.ГГГГ in
   Russian), a moment kept in UTC (YYYY-MM-DDTHH:MM:SSZ) as the local day and
   time, in BUF (32 bytes are enough); anything else as it is. */
const char *cli_date_text(const char *iso, char *buf, size_t size);
/* Prints the usage text (translated) to FP. */
void cli_print_usage(const struct cmd *cmd, FILE *fp);

/*
 * A file given with -o, written whole or not at all: the output goes to a
 * temporary file beside it, renamed into place when it is complete.  With
 * no path the output is stdout.
 */
struct cli_output {
	FILE *fp;
	const char *path; /* NULL: stdout */
	mms_outfile file; /* the file being written (mms/outfile.h) */
};
/*
 * -o PATH: a file written whole in a private folder beside it, never over
 * the database, a file of another user (unless --force) or through a
 * planted link; "-", a device or a FIFO get it in place.  PATH NULL:
 * stdout.  0, or an exit status with a message.
 */
int cli_output_open(const struct cli *cli, struct cli_output *o, const char *path);
/*
 * Ends the output: if OK and everything was written, the file takes its
 * place (EXIT_OK); else the private folder is removed, and EXIT_IO with a
 * message if the writing failed, or EXIT_OK when !OK (the caller has its
 * own error).
 */
int cli_output_close(const struct cli *cli, struct cli_output *o, int ok);
/*
 * The whole output of a command, to PATH (-o; NULL: stdout): FN prints DATA
 * in format FMT to FP, 0, or -1 when out of memory.  The exit status, with
 * its message.
 */
typedef int cli_printer(FILE *fp, const void *data, int fmt);
int cli_write(const struct cli *cli, const char *path, cli_printer *fn, const void *data, int fmt);
/* For writers that want a path (libxlsxwriter): O->file.tmp is where to write. */
int cli_output_begin_path(const struct cli *cli, struct cli_output *o, const char *path);

/*
 * Parses --format's value ARG among NAMES (NULL-terminated): *FMT gets its
 * index.  0, or EXIT_USAGE with a message listing the names.
 */
int cli_format(const struct cli *cli, const char *arg, const char *const *names, int *fmt);
/* Parses --encoding's value; EXIT_USAGE with a message if unknown, else 0. */
int cli_encoding(const struct cli *cli, const char *arg, enum mms_encoding *enc);
/*
 * A command's options, described rather than switched on: cli_options()
 * parses ARGV by a table of these, ended by an entry whose name is NULL.
 *
 *	struct cli_opt opts[] = {CLI_OPT_STR("assessment", &o.assessment),
 *	                         CLI_OPT_FORMAT(&fmt, format_names),
 *	                         CLI_OPT_QUIET(&quiet), CLI_OPT_END};
 *	if ((code = cli_options(cli, argc, argv, opts, 0)) != 0)
 *		return code;
 */
enum cli_arg {
	CLI_FLAG,     /* no value: *(int *)dest becomes 1 */
	CLI_STR,      /* *(const char **)dest: the value */
	CLI_WORD,     /* the same, refused when empty */
	CLI_INT,      /* *(long *)dest: a whole number from lo to hi */
	CLI_FORMAT,   /* *(int *)dest: the value's index among names */
	CLI_ENCODING, /* *(enum mms_encoding *)dest */
	CLI_CALL      /* fn(cli, opt, value): 0, or an exit status said */
};
struct cli_opt {
	const char *name; /* the long option, without "--" */
	char letter;      /* its short form ('o' for -o), or 0 */
	enum cli_arg arg;
	void *dest;
	const char *const *names; /* CLI_FORMAT: the formats, NULL-terminated */
	long lo, hi;              /* CLI_INT */
	int (*fn)(const struct cli *cli, const struct cli_opt *opt,
	          const char *value); /* CLI_CALL */
	int required;                 /* without it, "--NAME is required" */
};
/* --format table|json, the choice of the commands that print a table or its data */
extern const char *const cli_table_json[];
/* The entries, one line each; CLI_OPT_OUTPUT is -o FILE with --force (cli->force:
   a file of another user may be replaced). */
/* clang-format off */
#define CLI_OPT_END {.name = NULL}
#define CLI_OPT_FLAG(n, d) {.name = (n), .arg = CLI_FLAG, .dest = (d)}
#define CLI_OPT_STR(n, d) {.name = (n), .arg = CLI_STR, .dest = (d)}
#define CLI_OPT_NEEDED(n, d) {.name = (n), .arg = CLI_STR, .dest = (d), .required = 1}
#define CLI_OPT_INT(n, d, l, h) {.name = (n), .arg = CLI_INT, .dest = (d), .lo = (l), .hi = (h)}
#define CLI_OPT_CALL(n, d, f) {.name = (n), .arg = CLI_CALL, .dest = (d), .fn = (f)}
#define CLI_OPT_QUIET(d) {.name = "quiet", .letter = 'q', .arg = CLI_FLAG, .dest = (d)}
#define CLI_OPT_FORMAT(d, n) {.name = "format", .arg = CLI_FORMAT, .dest = (d), .names = (n)}
#define CLI_OPT_OUTPUT(path, cli) \
	{.name = "output", .letter = 'o', .arg = CLI_STR, .dest = (path)}, \
	CLI_OPT_FLAG("force", &(cli)->force)
/* clang-format on */
/* The options of every command that reads table files: --encoding, --sheet, -q/--quiet. */
struct cli_input {
	enum mms_encoding enc; /* MMS_ENC_AUTO unless given */
	const char *sheet;     /* NULL unless given */
	int quiet;
};
#define CLI_OPT_INPUT(in)                                                                          \
	{.name = "encoding", .arg = CLI_ENCODING, .dest = &(in)->enc},                             \
	    {.name = "sheet", .arg = CLI_WORD, .dest = &(in)->sheet}, CLI_OPT_QUIET(&(in)->quiet)
/*
 * Parses the options; optind is left at the first operand.  More than
 * MAX_ARGS operands (-1: any number) or a required option missing is a
 * usage error.  0, or EXIT_USAGE
 * with a message.
 */
int cli_options(const struct cli *cli, int argc, char **argv, const struct cli_opt *opts,
                int max_args);
/* Parses a whole number in [LO, HI]; EXIT_USAGE with a message if not. */
int cli_int(const struct cli *cli, const char *opt, const char *arg, long lo, long hi, long *out);

#endif
