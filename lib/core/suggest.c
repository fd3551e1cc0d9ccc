/*
 * Nearest names for a "not found": the names a query lists, ranked by the
 * edit distance of their keys (case, ё, spaces, quotes folded) to what was
 * given, the near ones kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "text.h"

/* Code points of S (UTF-8) into OUT (at most N); their count. */
static size_t code_points(const char *s, unsigned *out, size_t n)
{
	size_t k = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p && k < n; k++) {
		unsigned c = *p++;
		int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;

		c &= more == 3 ? 0x07 : more == 2 ? 0x0F : more == 1 ? 0x1F : 0x7F;
		while (more-- > 0 && (*p & 0xC0) == 0x80)
			c = (c << 6) | (*p++ & 0x3F);
		out[k] = c;
	}
	return k;
}

int mms_edit_distance(const char *a, const char *b)
{
	enum { MAX = 128 };
	unsigned ca[MAX], cb[MAX];
	size_t na = code_points(a, ca, MAX), nb = code_points(b, cb, MAX);
	int prev[MAX + 1], cur[MAX + 1];

	for (size_t j = 0; j <= nb; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= na; i++) {
		cur[0] = (int)i;
		for (size_t j = 1; j <= nb; j++) {
			int sub = prev[j - 1] + (ca[i - 1] != cb[j - 1]);
			int del = prev[j] + 1, ins = cur[j - 1] + 1;

			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, cur, (nb + 1) * sizeof(int));
	}
	return prev[nb];
}

int mms_suggest(mms_db *db, const char *sql, const char *given, mms_buf *out)
{
	struct near {
		char *name;
		int d;
	} best[3] = {{NULL, 0}, {NULL, 0}, {NULL, 0}};
	char *g = mms_key(given);
	sqlite3_stmt *st;
	size_t glen;
	int rc, limit;

	if (!g)
		return MMS_ENOMEM;
	glen = strlen(g);
	/* a third of the length, at least 2: "vpr-2026-math5" finds "vpr-2026-math-5" */
	limit = glen / 3 > 2 ? (int)(glen / 3) : 2;
	rc = mms_prepare(db, &st, sql);
	if (rc != MMS_OK) {
		free(g);
		return rc;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		char *k = name ? mms_key(name) : NULL;
		int d, i;

		if (!k)
			continue;
		d = mms_edit_distance(g, k);
		/* a name that begins with what was given is near too ("Павлова"), one that
		   holds it ("edu249002" for "249002"), one of the same first word ("Павлова
		   Г.И." for "Павлова Галина …") */
		if ((glen >= 3 && strncmp(k, g, glen) == 0) || (glen >= 4 && strstr(k, g)) ||
		    (strcspn(g, " ") >= 3 && strcspn(g, " ") == strcspn(k, " ") &&
		     strncmp(k, g, strcspn(g, " ")) == 0))
			d = d < 1 ? d : 1;
		free(k);
		if (d > limit)
			continue;
		for (i = 0; i < 3 && best[i].name && best[i].d <= d; i++)
			;
		if (i == 3)
			continue;
		free(best[2].name);
		memmove(&best[i + 1], &best[i], (size_t)(2 - i) * sizeof(best[0]));
		best[i].name = strdup(name);
		best[i].d = d;
	}
	sqlite3_finalize(st);
	free(g);
	for (int i = 0; i < 3; i++) {
		if (best[i].name)
			mms_buf_addf(out, "%s%s", i ? ", " : "", best[i].name);
		free(best[i].name);
	}
	return MMS_OK;
}

int mms_not_found(mms_db *db, const char *what, const char *sql, const char *given,
                  const char *list)
{
	mms_buf near = {0};
	int rc = mms_suggest(db, sql, given, &near);

	if (rc == MMS_OK && near.len)
		rc = mms_fail(db, MMS_ENOTFOUND,
		              _("%s; did you mean: %s? (all of them: mms list %s)"), what, near.p,
		              list);
	else if (rc == MMS_OK)
		rc = mms_fail(db, MMS_ENOTFOUND, _("%s (all of them: mms list %s)"), what, list);
	mms_buf_free(&near);
	return rc;
}

int assessment_not_found(mms_db *db, const char *code)
{
	char what[512];

	snprintf(what, sizeof(what),
	         _("no assessment '%s' (its description is imported with mms import-spec)"), code);
	return mms_not_found(db, what, MMS_SQL_ASSESSMENT_NAMES, code, "assessments");
}
