#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "iop/iop_internal.h"
#include "spec/spec_internal.h"
#include "text.h"

const char *mms_pool_take(mms_pool *p, char *s)
{
	if (!s)
		return NULL;
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 64;
		char **grown = realloc(p->s, cap * sizeof(*grown));

		if (!grown) {
			free(s);
			p->oom = 1;
			return NULL;
		}
		p->s = grown;
		p->cap = cap;
	}
	p->s[p->n++] = s;
	return s;
}

const char *mms_pool_dup(mms_pool *p, const char *s)
{
	char *d;

	if (!s)
		return NULL;
	d = strdup(s);
	if (!d) {
		p->oom = 1;
		return NULL;
	}
	return mms_pool_take(p, d);
}

void mms_pool_free(mms_pool *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->s[i]);
	free(p->s);
	memset(p, 0, sizeof(*p));
}

int mms_iop_today(mms_db *db, const char *today, char out[11])
{
	if (today) {
		if (mms_date_parse(today, out) != 0)
			return mms_fail(db, MMS_EUSAGE,
			                _("'%s' is not a date YYYY-MM-DD or ДД.ММ.ГГГГ"), today);
	} else {
		time_t now = time(NULL);
		struct tm tm;

		localtime_r(&now, &tm);
		strftime(out, 11, "%Y-%m-%d", &tm);
	}
	return MMS_OK;
}

void mms_school_year(const char *today, char year[16])
{
	int y = atoi(today), m = atoi(today + 5);

	/* the spring assessments plan the coming year; January to March, the current one */
	if (m < 4)
		y--;
	snprintf(year, 16, "%d/%d", y, y + 1);
}

void mms_iop_pct(double v, char buf[16])
{
	double r = round(v * 1000.0) / 10.0;

	if (fabs(r - round(r)) < MMS_EPS)
		snprintf(buf, 16, "%.0f", r);
	else
		snprintf(buf, 16, "%.1f", r);
}

static int skill_problem(mms_db *db, const char *file, long line, int code, const char *msg)
{
	if (file) {
		mms_diag(db, file, line, "%s", msg);
		return MMS_EDATA;
	}
	return mms_fail(db, code, "%s", msg);
}

/* The code systems one code is looked up in, at most (grades of one subject). */
#define MAX_SYSTEMS 32

/*
 * The skills of one code: their ids (IDS, NIDS) and in how many subjects
 * (*COUNT, the subjects listed in SUBJECTS).  In one subject a code may be
 * several skills, one a code system: a resource on the code is on each.
 */
static int lookup(mms_db *db, sqlite3_stmt *st, const char *code, const char *subj_key,
                  int64_t teacher, int64_t *ids, size_t *nids, int *count, mms_buf *subjects)
{
	const char *last = NULL;
	char *prev = NULL;

	int rc;

	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	if (subj_key)
		sqlite3_bind_text(st, 2, subj_key, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 2);
	if (teacher > 0)
		sqlite3_bind_int64(st, 3, teacher);
	else
		sqlite3_bind_null(st, 3);
	*count = 0;
	*nids = 0;
	subjects->len = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		last = (const char *)sqlite3_column_text(st, 1);
		if (*nids < MAX_SYSTEMS)
			ids[(*nids)++] = sqlite3_column_int64(st, 0);
		if (prev && strcmp(prev, last) == 0)
			continue; /* rows come by subject */
		if ((*count)++)
			mms_buf_adds(subjects, ", ");
		mms_buf_adds(subjects, last);
		free(prev);
		prev = strdup(last);
	}
	free(prev);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return mms_fail_sql(db, "looking up a skill");
	return MMS_OK;
}

int mms_iop_skills(mms_db *db, const char *codes, const char *subject, int64_t teacher,
                   const char *file, long line, int64_t **ids, size_t *n)
{
	sqlite3_stmt *st;
	char *copy = strdup(codes ? codes : ""), *save = NULL, *tok, *subj_key = NULL;
	mms_buf subjects = {0}, msg = {0};
	int rc, bad = 0;

	*ids = NULL;
	*n = 0;
	if (!copy)
		return mms_oom(db);
	if (subject && !(subj_key = mms_key(subject))) {
		free(copy);
		return mms_oom(db);
	}
	rc = mms_prepare(db, &st,
	                 "SELECT k.id, j.name FROM skill k JOIN subject j ON j.id = k.subject_id "
	                 "WHERE k.code = ?1 AND (?2 IS NULL OR j.name_key = ?2) AND "
	                 "(?3 IS NULL OR k.subject_id IN "
	                 "(SELECT subject_id FROM teaching WHERE teacher_id = ?3)) "
	                 "ORDER BY j.name, k.id");
	if (rc != MMS_OK)
		goto out;
	for (tok = strtok_r(copy, ",;", &save); tok; tok = strtok_r(NULL, ",;", &save)) {
		char *code = mms_trim(tok);
		int64_t found[MAX_SYSTEMS], *grown;
		size_t nfound = 0;
		int count = 0;

		if (!code[0])
			continue;
		rc = lookup(db, st, code, subj_key, subj_key ? 0 : teacher, found, &nfound, &count,
		            &subjects);
		if (rc == MMS_OK && count == 0 && !subj_key && teacher > 0)
			rc = lookup(db, st, code, NULL, 0, found, &nfound, &count, &subjects);
		if (rc != MMS_OK)
			break;
		msg.len = 0;
		if (count == 0) {
			if (subject)
				mms_buf_addf(
				    &msg,
				    _("no skill '%s' in subject '%s' (all of them: mms list "
				      "skills)"),
				    code, subject);
			else
				mms_buf_addf(
				    &msg,
				    _("no skill '%s' in any assessment's description (all of "
				      "them: mms list skills)"),
				    code);
			rc = skill_problem(db, file, line, MMS_ENOTFOUND, msg.p);
		} else if (count > 1) {
			mms_buf_addf(&msg,
			             _("skill '%s' exists in several subjects (%s): name the "
			               "subject"),
			             code, subjects.p);
			rc = skill_problem(db, file, line, MMS_EAMBIGUOUS, msg.p);
		}
		if (rc == MMS_EDATA && file) {
			bad = 1;
			rc = MMS_OK;
			continue;
		}
		if (rc != MMS_OK)
			break;
		grown = realloc(*ids, (*n + nfound) * sizeof(*grown));
		if (!grown) {
			rc = mms_oom(db);
			break;
		}
		*ids = grown;
		for (size_t i = 0; i < nfound; i++)
			(*ids)[(*n)++] = found[i];
	}
	sqlite3_finalize(st);
	if (rc == MMS_OK && bad)
		rc = MMS_EDATA;
	if (rc == MMS_OK && *n == 0) {
		rc = skill_problem(db, file, line, MMS_EUSAGE, _("no skill code given"));
	}
out:
	if (rc != MMS_OK) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	free(copy);
	free(subj_key);
	mms_buf_free(&subjects);
	mms_buf_free(&msg);
	return rc;
}
