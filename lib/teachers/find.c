#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "mms/teachers.h"
#include "text.h"

/* "иванова анна петровна" → "иванова а.п."; NULL when out of memory. */
static char *initials_form(const char *key, int spaced)
{
	mms_buf out = {0};
	const char *p = key, *sp = strchr(key, ' ');

	if (!sp)
		return NULL;
	mms_buf_add(&out, key, (size_t)(sp - key));
	mms_buf_adds(&out, " ");
	p = sp + 1;
	while (*p) {
		/* the first character of the word (UTF-8) */
		size_t len = 1;

		while (((unsigned char)p[len] & 0xC0) == 0x80)
			len++;
		if (out.p[out.len - 1] == '.' && spaced)
			mms_buf_adds(&out, " ");
		mms_buf_add(&out, p, len);
		mms_buf_adds(&out, ".");
		sp = strchr(p, ' ');
		if (!sp)
			break;
		p = sp + 1;
	}
	return out.p;
}

/* The key of a name written with initials: "Иванова А.П." → "иванова а.п.". */
static char *query_form(const char *name)
{
	char *k = mms_key(name);
	mms_buf out = {0};

	if (!k)
		return NULL;
	/* drop spaces after dots: "а. п." → "а.п." */
	for (char *p = k; *p; p++) {
		if (*p == ' ' && p > k && p[-1] == '.')
			continue;
		mms_buf_add(&out, p, 1);
	}
	free(k);
	return out.p ? out.p : strdup("");
}

int mms_teacher_find(mms_db *db, const char *name, const char *school, int64_t *id)
{
	sqlite3_stmt *st;
	char *key = mms_key(name), *q = query_form(name);
	int64_t found[16];
	char cands[700] = "";
	int n = 0, pass, rc = MMS_OK;

	if (!key || !q) {
		free(key);
		free(q);
		return mms_oom(db);
	}
	rc = mms_prepare(db, &st,
	                 "SELECT t.id, t.full_name, t.name_key, s.code FROM teacher t "
	                 "JOIN school s ON s.id = t.school_id "
	                 "WHERE ?1 IS NULL OR s.id IN (SELECT school_id FROM school_code "
	                 "  WHERE code = ?1) ORDER BY s.code, t.full_name");
	if (rc != MMS_OK)
		goto out;
	if (school)
		sqlite3_bind_text(st, 1, school, -1, SQLITE_STATIC);
	/* pass 0: the full name; 1: surname and initials; 2: the surname alone */
	for (pass = 0; pass < 3 && n == 0; pass++) {
		sqlite3_reset(st);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *tk = (const char *)sqlite3_column_text(st, 2);
			int match = 0;

			if (pass == 0) {
				match = strcmp(tk, key) == 0;
			} else if (pass == 1) {
				char *ini = initials_form(tk, 0);

				match = ini && strcmp(ini, q) == 0;
				free(ini);
			} else {
				const char *sp = strchr(tk, ' ');

				match = !strchr(key, ' ') && sp &&
				        (size_t)(sp - tk) == strlen(key) &&
				        strncmp(tk, key, strlen(key)) == 0;
			}
			if (!match)
				continue;
			if (n < (int)(sizeof(found) / sizeof(found[0])))
				found[n] = sqlite3_column_int64(st, 0);
			if (n < 6) {
				size_t used = strlen(cands);

				snprintf(cands + used, sizeof(cands) - used, "%s%s (%s)",
				         n ? "; " : "", (const char *)sqlite3_column_text(st, 1),
				         (const char *)sqlite3_column_text(st, 3));
			}
			n++;
		}
	}
	sqlite3_finalize(st);
	if (n == 1)
		*id = found[0];
	else if (n == 0) {
		char what[512];

		if (school)
			snprintf(what, sizeof(what),
			         _("no teacher '%s' in school '%s' of the roster"), name, school);
		else
			snprintf(what, sizeof(what), _("no teacher '%s' in the roster"), name);
		rc = mms_not_found(db, what, MMS_SQL_TEACHER_NAMES, name, "teachers");
	} else
		rc = mms_fail(db, MMS_EAMBIGUOUS, _("'%s' names %d teachers, give --school: %s"),
		              name, n, cands);
out:
	free(key);
	free(q);
	return rc;
}
