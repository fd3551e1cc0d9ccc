/*
 * On a terminal, stdout cannot be driven by the text it carries: a control
 * character (an escape sequence that sets a window title or clears the
 * screen, a C1 control, a bidirectional override) is shown, not obeyed.
 * Only the colour sequences mms itself writes (ESC [ digits ; m) pass.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "table.h"

static int installed;
static int failed;             /* a write to fd 1 failed */
static unsigned char held[16]; /* the start of a sequence cut by the buffer's end */
static size_t nheld;

/* To fd 1 itself: a pager started later (cli_pager_start) takes it over. */
static void out(const void *p, size_t n)
{
	const char *c = p;

	while (n > 0 && !failed) {
		ssize_t w = write(STDOUT_FILENO, c, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			failed = 1;
			break;
		}
		c += w;
		n -= (size_t)w;
	}
}

/* How many bytes of P (N of them) make one unit: a colour sequence, a
   character to escape or to pass; 0 when P might continue past N. */
static size_t unit(const unsigned char *p, size_t n, int *escape)
{
	*escape = 0;
	if (p[0] == 0x1B) {
		size_t i = 1;

		if (n < 2)
			return 0;
		if (p[1] == '[') {
			for (i = 2; i < n && i < sizeof(held) &&
			            ((p[i] >= '0' && p[i] <= '9') || p[i] == ';');
			     i++)
				;
			if (i == n && i < sizeof(held))
				return 0;
			if (i < n && p[i] == 'm')
				return i + 1; /* a colour: passes */
		}
		*escape = 1;
		return 1;
	}
	if (p[0] < 0x20 && p[0] != '\n' && p[0] != '\t') {
		*escape = 1;
		return 1;
	}
	if (p[0] == 0x7F) {
		*escape = 1;
		return 1;
	}
	if (p[0] == 0xC2 || p[0] == 0xD8) {
		if (n < 2)
			return 0;
		*escape = (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) ||
		          (p[0] == 0xD8 && p[1] == 0x9C);
		return 2;
	}
	if (p[0] == 0xE2) {
		if (n < 3)
			return 0;
		*escape = (p[1] == 0x80 &&
		           ((p[2] >= 0x8E && p[2] <= 0x8F) || (p[2] >= 0xAA && p[2] <= 0xAE))) ||
		          (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9);
		return 3;
	}
	return 1;
}

static void filter(const unsigned char *p, size_t n, int flush)
{
	size_t plain = 0, i = 0;

	while (i < n) {
		int escape;
		size_t k = unit(p + i, n - i, &escape);

		if (k == 0) {
			if (flush) {
				k = 1;
				escape = p[i] == 0x1B;
			} else {
				out(p + plain, i - plain);
				nheld = n - i;
				memcpy(held, p + i, nheld);
				return;
			}
		}
		if (escape) {
			char *e;
			char one[8] = {0};

			out(p + plain, i - plain);
			memcpy(one, p + i, k < 7 ? k : 7);
			e = term_escape(one);
			if (e)
				out(e, strlen(e));
			free(e);
			plain = i + k;
		}
		i += k;
	}
	out(p + plain, n - plain);
	nheld = 0;
}

static ssize_t term_write(void *cookie, const char *buf, size_t size)
{
	unsigned char joined[sizeof(held) + 4096];
	size_t done = 0;

	(void)cookie;
	while (done < size) {
		size_t take = size - done < 4096 ? size - done : 4096;

		memcpy(joined, held, nheld);
		memcpy(joined + nheld, buf + done, take);
		filter(joined, nheld + take, 0);
		done += take;
	}
	return failed ? -1 : (ssize_t)size;
}

static int term_close(void *cookie)
{
	(void)cookie;
	if (nheld)
		filter(held, nheld, 1);
	nheld = 0;
	return failed ? -1 : 0;
}

void cli_term_filter(void)
{
	static const cookie_io_functions_t io = {.write = term_write, .close = term_close};
	FILE *fp;

	if (!isatty(STDOUT_FILENO) || installed)
		return;
	fflush(stdout);
	fp = fopencookie(NULL, "w", io);
	if (!fp)
		return;
	setvbuf(fp, NULL, _IOFBF, 8192);
	stdout = fp;
	installed = 1;
}
