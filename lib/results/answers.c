/* The cells of a results row: markers, scores, the РЦОИ answer strings. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "results/internal.h"
#include "text.h"

/*
 * Absent: отсутствовал, н/я, Н (and a Latin H typed for it), не пройд.,
 * неявка.  A whole row of them (or of nothing) is an absent participant; one
 * among scores is a task not attempted.
 */
int rs_is_absent_marker(const char *s)
{
	static const char *const marks[] = {
	    "отсутствовал", "отсутствовала", "отсутствует", "н/я",       "н",      "h", "не пройд.",
	    "не пройд",     "не пройдено",   "неявка",      "не явился", "absent", NULL};
	char *k;
	int r;

	/* scores are the common case: no marker starts with a digit; nor is a task's
	   "not attempted" (X, -) one, and it is the next most common */
	if (!s[0] || (s[0] >= '0' && s[0] <= '9') || rs_is_not_attempted(s))
		return 0;
	/* a marker as ФИС ОКО writes it needs no normalising */
	if (rs_key_is(s, marks))
		return 1;
	k = mms_key(s);
	if (!k)
		return 0;
	r = rs_key_is(k, marks);
	free(k);
	return r;
}

int rs_is_not_attempted(const char *s)
{
	/* X and х/Х (Latin and Cyrillic), hyphen, en and em dashes, -1 */
	static const char *const marks[] = {"X", "x", "Х", "х", "-", "—", "–", "-1", NULL};
	char buf[16];
	size_t n;

	if (s[0] >= '0' && s[0] <= '9')
		return 0; /* a score, the common case */
	if (rs_key_is(s, marks))
		return 1;
	/* "Х " or " X" with a space or a no-break space around */
	n = strlen(s);
	if (n >= sizeof(buf))
		return 0;
	memcpy(buf, s, n + 1);
	mms_trim(buf);
	return strcmp(buf, s) != 0 && rs_key_is(buf, marks);
}

/* A score cell that is not one digit within its maximum (see rs_parse_cell()). */
int rs_parse_cell_rest(struct imp *x, long line, int col, size_t t, const char *cell)
{
	double v;

	if (!cell[0] || rs_is_not_attempted(cell) || rs_is_absent_marker(cell)) {
		x->score[t] = 0;
		x->attempted[t] = 0;
		return 0;
	}
	if (mms_parse_number(cell, &v) != 0) {
		mms_diag_cell(x->db, x->src, line, col, _("task %s: '%s' is not a score"),
		              x->tasks[t].label, cell);
		return 1;
	}
	if (v < 0) {
		mms_diag_cell(x->db, x->src, line, col, _("task %s: score %g is below 0"),
		              x->tasks[t].label, v);
		return 1;
	}
	if (v > x->tasks[t].max + MMS_EPS) {
		mms_diag_cell(x->db, x->src, line, col,
		              _("task %s: score %g is above its maximum %g"), x->tasks[t].label, v,
		              x->tasks[t].max);
		return 1;
	}
	/* scores are kept in hundredths: 0,333 would silently become 0,33 */
	if (fabs(v * 100 - round(v * 100)) > 1e-6) {
		mms_diag_cell(x->db, x->src, line, col,
		              _("task %s: score '%s' has more than two decimals: scores are kept "
		                "in hundredths (write 0,33 or 0,5)"),
		              x->tasks[t].label, cell);
		return 1;
	}
	x->score[t] = v;
	x->attempted[t] = 1;
	return 0;
}

/* The РЦОИ short answers: one character a task: + full, - none, a digit. */
int rs_parse_short(struct imp *x, long line, int col, const char *s, size_t *next)
{
	size_t t = 0;
	int bad = 0;

	for (const char *p = s; *p;) {
		/* one answer: a character, which may take several bytes (Cyrillic Х) */
		size_t len = 1;
		char one[8];

		while (((unsigned char)p[len] & 0xC0) == 0x80 && len < sizeof(one) - 1)
			len++;
		memcpy(one, p, len);
		one[len] = '\0';
		p += len;
		if (one[0] == ' ')
			continue;
		if (t >= x->ntasks) {
			mms_diag_cell(
			    x->db, x->src, line, col,
			    _("the short answers '%s' are more than the %zu tasks of '%s'"), s,
			    x->ntasks, x->o->assessment);
			return 1;
		}
		x->attempted[t] = 1;
		if (one[0] == '+' && len == 1)
			x->score[t] = x->tasks[t].max;
		else if (one[0] == '-' && len == 1)
			x->score[t] = 0;
		else if (len == 1 && one[0] >= '0' && one[0] <= '9' &&
		         one[0] - '0' <= x->tasks[t].max)
			x->score[t] = one[0] - '0';
		else if (strcmp(one, "_") == 0 || rs_is_not_attempted(one)) {
			x->score[t] = 0;
			x->attempted[t] = 0;
		} else {
			mms_diag_cell(
			    x->db, x->src, line, col,
			    _("short answer %zu ('%s') of task %s is not +, - or a score up to "
			      "%g"),
			    t + 1, one, x->tasks[t].label, x->tasks[t].max);
			bad = 1;
			x->score[t] = 0;
		}
		t++;
	}
	*next = t;
	return bad;
}

/* The РЦОИ long answers: "score(max)" runs, e.g. "1(2)2(3)0(2)". */
int rs_parse_long(struct imp *x, long line, int col, const char *s, size_t t)
{
	const char *p = s;

	while (*p) {
		double v, m;
		char num[16], mx[16];
		size_t n = 0, k = 0;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		while ((*p >= '0' && *p <= '9') || *p == ',' || *p == '.' || *p == 'X' ||
		       *p == 'x' || *p == '-') {
			if (n + 1 < sizeof(num))
				num[n++] = *p;
			p++;
		}
		num[n] = '\0';
		if (*p != '(')
			goto bad;
		p++;
		while ((*p >= '0' && *p <= '9') || *p == ',' || *p == '.') {
			if (k + 1 < sizeof(mx))
				mx[k++] = *p;
			p++;
		}
		mx[k] = '\0';
		if (*p != ')' || mms_parse_number(mx, &m) != 0)
			goto bad;
		p++;
		if (t >= x->ntasks) {
			mms_diag_cell(x->db, x->src, line, col,
			              _("the answers are more than the %zu tasks of '%s'"),
			              x->ntasks, x->o->assessment);
			return 1;
		}
		if (fabs(m - x->tasks[t].max) > MMS_EPS) {
			mms_diag_cell(
			    x->db, x->src, line, col,
			    _("long answer of task %s says its maximum is %g, the description "
			      "says %g"),
			    x->tasks[t].label, m, x->tasks[t].max);
			return 1;
		}
		if (rs_is_not_attempted(num) || strcmp(num, "x") == 0) {
			x->score[t] = 0;
			x->attempted[t] = 0;
		} else if (mms_parse_number(num, &v) == 0 && v <= m + MMS_EPS) {
			x->score[t] = v;
			x->attempted[t] = 1;
		} else {
			mms_diag_cell(x->db, x->src, line, col,
			              _("long answer of task %s: '%s' is not a score from 0 to %g"),
			              x->tasks[t].label, num, m);
			return 1;
		}
		t++;
	}
	if (t != x->ntasks) {
		mms_diag_cell(x->db, x->src, line, col,
		              _("the answers cover %zu tasks, assessment '%s' has %zu"), t,
		              x->o->assessment, x->ntasks);
		return 1;
	}
	return 0;
bad:
	mms_diag_cell(x->db, x->src, line, col,
	              _("the long answers '%s' are not runs of score(max) such as 1(2)0(3)"), s);
	return 1;
}

int rs_parse_whole(struct imp *x, long line, int col, const struct column *c, const char *cell)
{
	double v, sum = 0;
	int attempted = 1;

	for (int i = 0; i < c->nparts; i++)
		sum += x->tasks[c->part0 + i].max;
	if (!cell[0] || rs_is_not_attempted(cell) || rs_is_absent_marker(cell)) {
		v = 0;
		attempted = 0;
	} else if (mms_parse_number(cell, &v) != 0) {
		mms_diag_cell(x->db, x->src, line, col, _("task %s: '%s' is not a score"), c->name,
		              cell);
		return 1;
	} else if (v < 0 || v > sum + MMS_EPS) {
		mms_diag_cell(x->db, x->src, line, col,
		              _("task %s: score %g is not from 0 to its parts' maximum %g"),
		              c->name, v, sum);
		return 1;
	}
	/* which part was missed, the file cannot say: each part gets its share */
	for (int i = 0; i < c->nparts; i++) {
		size_t t = (size_t)(c->part0 + i);

		x->score[t] = sum > 0 ? v * x->tasks[t].max / sum : 0;
		x->attempted[t] = attempted;
	}
	return 0;
}
