#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "table.h"

/* "mms: COMMAND: MESSAGE" on stderr, the message unable to drive the terminal. */
static void say(const struct cli *cli, const char *fmt, va_list ap)
{
	char *msg = NULL, *safe;

	fflush(stdout);
	if (cli && cli->name)
		fprintf(stderr, "mms: %s: ", cli->name);
	else
		fputs("mms: ", stderr);
	{
		va_list again;
		int n;

		va_copy(again, ap);
		n = vsnprintf(NULL, 0, fmt, again);
		va_end(again);
		if (n >= 0 && (msg = malloc((size_t)n + 1)) != NULL)
			vsnprintf(msg, (size_t)n + 1, fmt, ap);
	}
	safe = msg ? term_escape(msg) : NULL;
	fputs(safe ? safe : fmt, stderr);
	fputc('\n', stderr);
	free(safe);
	free(msg);
}

void cli_error(const struct cli *cli, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(cli, fmt, ap);
	va_end(ap);
}

int cli_usage_error(const struct cli *cli, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(cli, fmt, ap);
	va_end(ap);
	if (cli && cli->name)
		fprintf(stderr, _("see 'mms %s -h'\n"), cli->name);
	else
		fputs(_("see 'mms help'\n"), stderr);
	return EXIT_USAGE;
}

int cli_exit_code(int rc)
{
	switch (rc) {
	case MMS_OK:
		return EXIT_OK;
	case MMS_EDATA:
	case MMS_ENOTFOUND:
		return EXIT_DATA;
	case MMS_EOPEN:
		return EXIT_NOINPUT;
	case MMS_EIO:
		return EXIT_IO;
	case MMS_EBUSY:
		return EXIT_BUSY;
	case MMS_EAMBIGUOUS:
	case MMS_EUSAGE:
		return EXIT_USAGE;
	default:
		return EXIT_SOFTWARE;
	}
}

int cli_fail(const struct cli *cli, int rc)
{
	size_t n = mms_diag_count(cli->db);
	const char *msg = mms_errmsg(cli->db);

	for (size_t i = 0; i < n; i++)
		cli_error(cli, "%s", mms_diag_at(cli->db, i));
	if (mms_diag_dropped(cli->db))
		cli_error(cli, _("… and %zu more problems"), mms_diag_dropped(cli->db));
	if (msg && msg[0])
		cli_error(cli, "%s", msg);
	else if (n == 0)
		cli_error(cli, _("failed (internal error %d)"), rc);
	return cli_exit_code(rc);
}

int cli_finish(const struct cli *cli, int code)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		int err = errno;

		cli_error(cli, _("cannot write the output: %s"), strerror(err ? err : EIO));
		return EXIT_IO;
	}
	return code;
}

void cli_print_usage(const struct cmd *cmd, FILE *fp)
{
	fprintf(fp, "%s", _(cmd->usage));
}

int cli_encoding(const struct cli *cli, const char *arg, enum mms_encoding *enc)
{
	if (mms_encoding_parse(arg, enc) != MMS_OK)
		return cli_usage_error(
		    cli, _("unknown encoding '%s' (use utf-8, cp1251 or utf-16le)"), arg);
	return 0;
}

int cli_int(const struct cli *cli, const char *opt, const char *arg, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < lo || v > hi)
		return cli_usage_error(cli, _("%s '%s' is not a whole number from %ld to %ld"), opt,
		                       arg, lo, hi);
	*out = v;
	return 0;
}

const char *cli_lang(void)
{
	/* TRANSLATORS: the language code of this translation, for HTML pages (lang="…") */
	return _("en");
}

size_t cli_terminal_width(void)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;
	char *end;
	long n;

	if (env && env[0]) {
		n = strtol(env, &end, 10);
		if (!*end && n > 0 && n < 100000)
			return (size_t)n;
	}
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

static pid_t pager_pid;

void cli_pager_start(void)
{
	const char *pager = getenv("PAGER");
	int fd[2];
	pid_t pid;

	if (!pager)
		pager = "less";
	if (!isatty(STDOUT_FILENO) || !pager[0] || !strcmp(pager, "cat") || pipe(fd) != 0)
		return;
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		close(fd[0]);
		close(fd[1]);
		return;
	}
	if (pid == 0) {
		dup2(fd[0], STDIN_FILENO);
		close(fd[0]);
		close(fd[1]);
		/* less: quit when it fits one screen, keep colours, do not clear it */
		setenv("LESS", "FRX", 0);
		setenv("LV", "-c", 0);
		execl("/bin/sh", "sh", "-c", pager, (char *)NULL);
		_exit(127);
	}
	dup2(fd[1], STDOUT_FILENO);
	close(fd[0]);
	close(fd[1]);
	pager_pid = pid;
}

void cli_pager_finish(void)
{
	if (!pager_pid)
		return;
	fflush(stdout);
	close(STDOUT_FILENO); /* the pager sees the end */
	while (waitpid(pager_pid, NULL, 0) < 0 && errno == EINTR)
		;
	pager_pid = 0;
}

const char *cli_date_text(const char *iso, char *buf, size_t size)
{
	int y, m, d, hh, mm, ss, n = 0;

	if (!iso)
		return "";
	/* a moment kept in UTC (2026-12-06T05:19:01Z): the local day and time */
	if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &m, &d, &hh, &mm, &ss, &n) == 6 &&
	    n == 20 && !iso[n]) {
		struct tm tm = {.tm_year = y - 1900,
		                .tm_mon = m - 1,
		                .tm_mday = d,
		                .tm_hour = hh,
		                .tm_min = mm,
		                .tm_sec = ss};
		time_t t = timegm(&tm);

		if (t != (time_t)-1 && localtime_r(&t, &tm)) {
			/* TRANSLATORS: a moment: %1$04d year, %2$02d month, %3$02d day, %4$02d
			   hours, %5$02d minutes (Russian: "%3$02d.%2$02d.%1$04d %4$02d:%5$02d") */
			snprintf(buf, size, _("%1$04d-%2$02d-%3$02d %4$02d:%5$02d"),
			         tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
			         tm.tm_min);
			return buf;
		}
	}
	n = 0;
	if (sscanf(iso, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
		return iso;
	/* TRANSLATORS: a date: %1$04d the year, %2$02d the month, %3$02d the day
	   (Russian: "%3$02d.%2$02d.%1$04d") */
	snprintf(buf, size, _("%1$04d-%2$02d-%3$02d"), y, m, d);
	return buf;
}

int cli_output_begin_path(const struct cli *cli, struct cli_output *o, const char *path)
{
	int rc;

	o->fp = NULL;
	o->path = path;
	rc = mms_outfile_begin(cli->db, path, cli->force ? MMS_OUT_FORCE : 0, &o->file);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	return 0;
}

int cli_output_open(const struct cli *cli, struct cli_output *o, const char *path)
{
	int code;

	memset(&o->file, 0, sizeof(o->file));
	o->fp = stdout;
	o->path = path;
	if (!path)
		return 0;
	if ((code = cli_output_begin_path(cli, o, path)) != 0)
		return code;
	if (!(o->fp = fopen(o->file.tmp, "w"))) {
		cli_error(cli, _("cannot write '%s': %s"), path, strerror(errno ? errno : ENOMEM));
		mms_outfile_end(cli->db, &o->file, 0);
		return EXIT_IO;
	}
	return 0;
}

int cli_output_close(const struct cli *cli, struct cli_output *o, int ok)
{
	int err, rc;

	if (!o->path)
		return EXIT_OK;
	if (o->fp) {
		err = ferror(o->fp);
		if (fclose(o->fp) != 0 || err) {
			if (ok)
				cli_error(cli, _("cannot write '%s': %s"), o->path,
				          strerror(errno ? errno : EIO));
			mms_outfile_end(cli->db, &o->file, 0);
			return ok ? EXIT_IO : EXIT_OK;
		}
		o->fp = NULL;
	}
	rc = mms_outfile_end(cli->db, &o->file, ok);
	if (rc != MMS_OK)
		return cli_fail(cli, rc);
	return EXIT_OK;
}

int cli_write(const struct cli *cli, const char *path, cli_printer *fn, const void *data, int fmt)
{
	struct cli_output out;
	int code = cli_output_open(cli, &out, path), bad;

	if (code != 0)
		return code;
	bad = fn(out.fp, data, fmt) != 0;
	if (bad)
		cli_error(cli, _("out of memory"));
	code = cli_output_close(cli, &out, !bad);
	if (bad)
		return EXIT_SOFTWARE;
	if (code != EXIT_OK)
		return code;
	return cli_finish(cli, EXIT_OK);
}

int cli_format(const struct cli *cli, const char *arg, const char *const *names, int *fmt)
{
	char list[160] = "";
	size_t n = 0;

	for (int i = 0; names[i]; i++) {
		if (strcmp(arg, names[i]) == 0) {
			*fmt = i;
			return 0;
		}
		n++;
	}
	for (size_t i = 0; i < n; i++) {
		size_t used = strlen(list);

		snprintf(list + used, sizeof(list) - used, "%s%s",
		         i == 0       ? ""
		         : i + 1 == n ? _(" or ")
		                      : ", ",
		         names[i]);
	}
	return cli_usage_error(cli, _("unknown format '%s' (use %s)"), arg, list);
}

locale_t cli_numeric_c(void)
{
	locale_t base = duplocale(LC_GLOBAL_LOCALE), c;

	if (!base)
		return (locale_t)0;
	c = newlocale(LC_NUMERIC_MASK, "C", base);
	if (!c) {
		freelocale(base);
		return (locale_t)0;
	}
	return uselocale(c);
}

void cli_numeric_restore(locale_t old)
{
	locale_t c;

	if (!old)
		return; /* cli_numeric_c() could not switch */
	c = uselocale(old);
	if (c && c != LC_GLOBAL_LOCALE)
		freelocale(c);
}
