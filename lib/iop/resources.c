/* The resource bank: registered resources, the institute's catalogue, withdrawal, listing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "idset.h"
#include "input/source.h"
#include "iop/iop_internal.h"
#include "text.h"

static const char *const kinds[] = {"mentor", "seminar",       "rmo", "internship",
                                    "course", "methodologist", NULL};

static int kind_valid(const char *k)
{
	for (int i = 0; k && kinds[i]; i++)
		if (!strcmp(k, kinds[i]))
			return 1;
	return 0;
}

static int link_skills(mms_db *db, int64_t res, const int64_t *ids, size_t n, int replace)
{
	sqlite3_stmt *st;
	int rc = MMS_OK;

	if (replace) {
		char sql[128];

		snprintf(sql, sizeof(sql), "DELETE FROM resource_skill WHERE resource_id = %lld",
		         (long long)res);
		rc = mms_exec(db, sql);
		if (rc != MMS_OK)
			return rc;
	}
	rc = mms_prepare(
	    db, &st, "INSERT OR IGNORE INTO resource_skill(resource_id, skill_id) VALUES (?1, ?2)");
	for (size_t i = 0; rc == MMS_OK && i < n; i++) {
		sqlite3_bind_int64(st, 1, res);
		sqlite3_bind_int64(st, 2, ids[i]);
		rc = mms_step_done(db, st);
	}
	sqlite3_finalize(st);
	return rc;
}

static void bind_opt_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s && s[0])
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static void bind_opt_int(sqlite3_stmt *st, int i, long v)
{
	if (v > 0)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

int mms_resource_add(mms_db *db, const mms_resource_new *r, int64_t *id)
{
	sqlite3_stmt *st = NULL;
	int64_t *skills = NULL;
	size_t nskills = 0;
	char *key = NULL;
	int rc, capacity;

	mms_diag_clear(db);
	if (!kind_valid(r->kind))
		return mms_fail(
		    db, MMS_EUSAGE,
		    _("unknown kind '%s' (use mentor, seminar, rmo, internship or course)"),
		    r->kind ? r->kind : "");
	if (!r->title || !r->title[0])
		return mms_fail(db, MMS_EUSAGE, _("a resource needs a title"));
	if (!strcmp(r->kind, "mentor") && r->teacher <= 0)
		return mms_fail(db, MMS_EUSAGE, _("a mentor needs a teacher"));
	if (r->hours < 0 || r->capacity < 0)
		return mms_fail(db, MMS_EUSAGE, _("hours and capacity must be positive"));
	capacity = r->capacity ? r->capacity : !strcmp(r->kind, "mentor") ? MMS_MENTOR_CAPACITY : 0;
	key = mms_key(r->title);
	if (!key)
		return mms_fail(db, MMS_EUSAGE, _("the title is not UTF-8 text"));
	rc = mms_tx_begin(db);
	if (rc != MMS_OK)
		goto out;
	rc = mms_iop_skills(db, r->skills, r->subject, r->teacher, NULL, 0, &skills, &nskills);
	if (rc == MMS_OK)
		rc = mms_prepare(db, &st,
		                 "INSERT INTO resource(kind, origin, title, title_key, teacher_id, "
		                 "provider, hours, capacity, period) "
		                 "VALUES (?1, 'manual', ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	if (rc == MMS_OK) {
		sqlite3_bind_text(st, 1, r->kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, r->title, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC);
		bind_opt_int(st, 4, (long)r->teacher);
		bind_opt_text(st, 5, r->provider);
		bind_opt_int(st, 6, r->hours);
		bind_opt_int(st, 7, capacity);
		bind_opt_text(st, 8, r->period);
		rc = mms_step_done(db, st);
	}
	if (rc == MMS_OK) {
		*id = sqlite3_last_insert_rowid(db->sql);
		rc = link_skills(db, *id, skills, nskills, 0);
	}
	rc = mms_tx_end(db, rc);
out:
	sqlite3_finalize(st);
	free(skills);
	free(key);
	return rc;
}

int mms_resource_withdraw(mms_db *db, int64_t id, const char *skill)
{
	sqlite3_stmt *st;
	char today[11];
	int rc, found;

	rc = mms_iop_today(db, NULL, today);
	if (rc != MMS_OK)
		return rc;
	rc = mms_tx_begin(db);
	if (rc != MMS_OK)
		return rc;
	rc = mms_prepare(db, &st, "SELECT count(*) FROM resource WHERE id = ?1");
	if (rc != MMS_OK)
		goto end;
	sqlite3_bind_int64(st, 1, id);
	found = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
	sqlite3_finalize(st);
	if (!found) {
		rc = mms_fail(db, MMS_ENOTFOUND, _("no resource %lld"), (long long)id);
		goto end;
	}
	if (skill) {
		rc = mms_prepare(
		    db, &st,
		    "UPDATE resource_skill SET state = 'withdrawn' WHERE resource_id = ?1 "
		    "AND skill_id IN (SELECT id FROM skill WHERE code = ?2)");
		if (rc != MMS_OK)
			goto end;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, skill, -1, SQLITE_STATIC);
		rc = mms_step_done(db, st);
		sqlite3_finalize(st);
		if (rc == MMS_OK && sqlite3_changes(db->sql) == 0)
			rc = mms_fail(db, MMS_ENOTFOUND, _("resource %lld has no skill '%s'"),
			              (long long)id, skill);
	} else {
		rc = mms_prepare(
		    db, &st,
		    "UPDATE resource SET withdrawn = coalesce(withdrawn, ?2) WHERE id = ?1");
		if (rc != MMS_OK)
			goto end;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, today, -1, SQLITE_STATIC);
		rc = mms_step_done(db, st);
		sqlite3_finalize(st);
	}
end:
	return mms_tx_end(db, rc);
}

struct resources_priv {
	mms_resources pub; /* first: the caller's pointer */
	mms_pool pool;
};

void mms_resources_free(mms_resources *r)
{
	struct resources_priv *p = (struct resources_priv *)r;

	if (!p)
		return;
	free(p->pub.r);
	free(p->pub.year);
	mms_pool_free(&p->pool);
	free(p);
}

/* "1.2: 86 % vs 61 %, n=48, q=0.002; …" for a data mentor. */
static char *evidence_text(mms_db *db, sqlite3_stmt *ev, int64_t res)
{
	mms_buf b = {0};

	sqlite3_bind_int64(ev, 1, res);
	while (sqlite3_step(ev) == SQLITE_ROW) {
		char s[16], r[16];

		mms_iop_pct(sqlite3_column_double(ev, 2), s);
		mms_iop_pct(sqlite3_column_double(ev, 4), r);
		mms_buf_addf(&b, _("%s%s (%s): %s %% vs the rest %s %%, n=%d, q=%.2g"),
		             b.len ? "; " : "", (const char *)sqlite3_column_text(ev, 0),
		             (const char *)sqlite3_column_text(ev, 5), s, r,
		             sqlite3_column_int(ev, 1), sqlite3_column_double(ev, 6));
	}
	sqlite3_reset(ev);
	(void)db;
	return b.p;
}

int mms_resources_list(mms_db *db, const char *kind, const char *today, mms_resources **out)
{
	struct resources_priv *p;
	sqlite3_stmt *st = NULL, *ev = NULL;
	char day[11], year[16];
	size_t cap = 0;
	int rc;

	*out = NULL;
	if (kind && !kind_valid(kind))
		return mms_fail(
		    db, MMS_EUSAGE,
		    _("unknown kind '%s' (use mentor, seminar, rmo, internship or course)"), kind);
	rc = mms_iop_today(db, today, day);
	if (rc != MMS_OK)
		return rc;
	mms_school_year(day, year);
	p = calloc(1, sizeof(*p));
	if (!p || !(p->pub.year = strdup(year))) {
		free(p);
		return mms_oom(db);
	}
	rc = mms_prepare(
	    db, &st,
	    "SELECT r.id, r.kind, r.origin, r.title, t.full_name, s.name, "
	    "(SELECT group_concat(code, ', ') FROM (SELECT k.code FROM resource_skill rs "
	    "  JOIN skill k ON k.id = rs.skill_id WHERE rs.resource_id = r.id "
	    "  AND rs.state = 'active' ORDER BY k.code)), "
	    "r.provider, r.period, r.format, coalesce(r.hours, 0), coalesce(r.capacity, 0), "
	    "(SELECT count(*) FROM iop_item i JOIN iop o ON o.id = i.iop_id "
	    "  WHERE i.resource_id = r.id AND o.year = ?2 AND i.status <> 'dropped'), "
	    "r.withdrawn IS NOT NULL "
	    "FROM resource r LEFT JOIN teacher t ON t.id = r.teacher_id "
	    "LEFT JOIN school s ON s.id = t.school_id "
	    "WHERE ?1 IS NULL OR r.kind = ?1 "
	    "ORDER BY CASE r.kind WHEN 'mentor' THEN 0 WHEN 'rmo' THEN 1 WHEN 'seminar' THEN 2 "
	    "WHEN 'internship' THEN 3 ELSE 4 END, r.title_key, r.id");
	if (rc == MMS_OK)
		rc = mms_prepare(
		    db, &ev,
		    "SELECT k.code, e.n, e.success, e.rest_n, e.rest_success, a.code, "
		    "e.q_value FROM mentor_evidence e JOIN skill k ON k.id = e.skill_id "
		    "JOIN assessment a ON a.id = e.assessment_id "
		    "WHERE e.resource_id = ?1 ORDER BY k.code, a.date, a.id");
	if (rc != MMS_OK)
		goto out;
	if (kind)
		sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, year, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		mms_resource *r;

		if (p->pub.n == cap) {
			size_t c2 = cap ? 2 * cap : 32;
			mms_resource *grown = realloc(p->pub.r, c2 * sizeof(*grown));

			if (!grown) {
				rc = mms_oom(db);
				goto out;
			}
			p->pub.r = grown;
			cap = c2;
		}
		r = &p->pub.r[p->pub.n++];
		memset(r, 0, sizeof(*r));
		r->id = sqlite3_column_int64(st, 0);
		r->kind = mms_pool_dup(&p->pool, (const char *)sqlite3_column_text(st, 1));
		r->origin = mms_pool_dup(&p->pool, (const char *)sqlite3_column_text(st, 2));
		r->title = mms_pool_dup(&p->pool, (const char *)sqlite3_column_text(st, 3));
		r->teacher = mms_pool_dup(&p->pool, (const char *)sqlite3_column_text(st, 4));
		r->school = mms_pool_dup(&p->pool, (const char *)sqlite3_column_text(st, 5));
		r->skills = mms_pool_dup(&p->pool, (const char *)sqlite3_column_text(st, 6));
		r->provider = mms_pool_dup(&p->pool, (const char *)sqlite3_column_text(st, 7));
		r->period = mms_pool_dup(&p->pool, (const char *)sqlite3_column_text(st, 8));
		r->format = mms_pool_dup(&p->pool, (const char *)sqlite3_column_text(st, 9));
		r->hours = sqlite3_column_int(st, 10);
		r->capacity = sqlite3_column_int(st, 11);
		r->used = sqlite3_column_int(st, 12);
		r->withdrawn = sqlite3_column_int(st, 13);
		if (!strcmp(r->origin, "data"))
			r->evidence = mms_pool_take(&p->pool, evidence_text(db, ev, r->id));
		if (p->pool.oom) {
			rc = mms_oom(db);
			goto out;
		}
	}
	rc = rc == SQLITE_DONE ? MMS_OK : mms_fail_sql(db, "reading the resources");
out:
	sqlite3_finalize(st);
	sqlite3_finalize(ev);
	if (rc != MMS_OK) {
		mms_resources_free(&p->pub);
		return rc;
	}
	*out = &p->pub;
	return MMS_OK;
}

/* The institute's catalogue. */

enum { COL_PROGRAMME, COL_HOURS, COL_SKILLS, COL_PROVIDER, COL_FORMAT, COL_SUBJECT, NCOLS };

static const char *const n_programme[] = {
    "Программа", "Название программы", "Программа ДПП", "Programme", "Program", NULL};
static const char *const n_hours[] = {"Часов", "Часы", "Объём, ч", "Объем, ч", "Hours", NULL};
static const char *const n_skills[] = {"Умения", "Коды умений", "Skills", NULL};
static const char *const n_provider[] = {"Провайдер", "Организация", "Provider", NULL};
static const char *const n_format[] = {"Формат", "Форма обучения", "Format", NULL};
static const char *const n_subject[] = {"Предмет", "Subject", NULL};

static const mms_column catalogue_cols[NCOLS] = {
    {n_programme, 1}, {n_hours, 1}, {n_skills, 1}, {n_provider, 1}, {n_format, 1}, {n_subject, 0},
};

static int catalogue_row(mms_db *db, const mms_src *src, const mms_row *row, const int *map,
                         const char *default_subject, sqlite3_stmt *find, sqlite3_stmt *add,
                         sqlite3_stmt *upd, mms_idset *seen, mms_catalogue_stats *stats)
{
	const char *title = row->f[map[COL_PROGRAMME]], *hours_s = row->f[map[COL_HOURS]];
	const char *subject = map[COL_SUBJECT] >= 0 ? row->f[map[COL_SUBJECT]] : NULL;
	int64_t *skills = NULL, id = 0;
	size_t nskills = 0;
	double hours = 0;
	char *key, place[1200];
	int rc, bad = 0;

	if (!title[0]) {
		mms_diag_cell(db, src, row->line, map[COL_PROGRAMME],
		              _("the programme's name is empty"));
		bad = 1;
	}
	if (mms_parse_number(hours_s, &hours) != 0 || hours < 1 || hours > 10000 ||
	    hours != (double)(long)hours) {
		mms_diag_cell(db, src, row->line, map[COL_HOURS],
		              _("hours '%s' is not a whole number from 1 to 10000"), hours_s);
		bad = 1;
	}
	if (!subject || !subject[0])
		subject = default_subject; /* the line's own Предмет wins */
	mms_src_place(src, row->line, map[COL_SKILLS], place, sizeof(place));
	rc = mms_iop_skills(db, row->f[map[COL_SKILLS]], subject, 0, place, 0, &skills, &nskills);
	if (rc == MMS_EDATA)
		bad = 1;
	else if (rc != MMS_OK)
		return rc;
	if (bad) {
		free(skills);
		return MMS_EDATA;
	}
	key = mms_key(title);
	if (!key) {
		free(skills);
		return mms_oom(db);
	}
	sqlite3_bind_text(find, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(find);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(find, 0);
	sqlite3_reset(find);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		rc = mms_fail_sql(db, "looking up a course");
		goto out;
	}
	if (id && mms_idset_has(seen, id)) {
		mms_diag_cell(db, src, row->line, map[COL_PROGRAMME],
		              _("programme '%s' is listed twice"), title);
		rc = MMS_EDATA;
		goto out;
	}
	{
		sqlite3_stmt *st = id ? upd : add;

		sqlite3_bind_text(st, 1, title, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, (int)hours);
		bind_opt_text(st, 4, row->f[map[COL_PROVIDER]]);
		bind_opt_text(st, 5, row->f[map[COL_FORMAT]]);
		if (id)
			sqlite3_bind_int64(st, 6, id);
		rc = mms_step_done(db, st);
	}
	if (rc != MMS_OK)
		goto out;
	if (id) {
		stats->updated++;
	} else {
		id = sqlite3_last_insert_rowid(db->sql);
		stats->added++;
	}
	if (mms_idset_add(seen, id) < 0) {
		rc = mms_oom(db);
		goto out;
	}
	rc = link_skills(db, id, skills, nskills, 1);
out:
	free(key);
	free(skills);
	return rc;
}

/* MMS_OK if SUBJECT names a subject of the database, else MMS_ENOTFOUND. */
static int subject_known(mms_db *db, const char *subject)
{
	sqlite3_stmt *st;
	char *key = mms_key(subject);
	int rc;

	if (!key)
		return mms_oom(db);
	rc = mms_prepare(db, &st, "SELECT 1 FROM subject WHERE name_key = ?1");
	if (rc == MMS_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			rc = MMS_OK;
		else if (rc == SQLITE_DONE)
			rc = mms_fail(db, MMS_ENOTFOUND,
			              _("no subject '%s': no assessment description of it was "
			                "imported"),
			              subject);
		else
			rc = mms_fail_sql(db, "looking up a subject");
		sqlite3_finalize(st);
	}
	free(key);
	return rc;
}

int mms_resources_import(mms_db *db, const char *file, enum mms_encoding enc, const char *sheet,
                         const char *subject, mms_catalogue_stats *stats)
{
	sqlite3_stmt *find = NULL, *add = NULL, *upd = NULL;
	mms_idset seen = {0};
	mms_src *c = NULL;
	mms_row *row;
	int map[NCOLS];
	size_t width;
	int rc, bad = 0;

	memset(stats, 0, sizeof(*stats));
	mms_diag_clear(db);
	if (subject && !subject[0])
		subject = NULL;
	rc = mms_tx_begin(db);
	if (rc != MMS_OK)
		return rc;
	if (subject && (rc = subject_known(db, subject)) != MMS_OK)
		goto out;
	if ((rc = mms_prepare(db, &find,
	                      "SELECT id FROM resource WHERE origin = 'catalogue' AND "
	                      "title_key = ?1")) != MMS_OK ||
	    (rc = mms_prepare(db, &add,
	                      "INSERT INTO resource(kind, origin, title, title_key, hours, "
	                      "provider, format) VALUES ('course', 'catalogue', ?1, ?2, ?3, ?4, "
	                      "?5)")) != MMS_OK ||
	    (rc = mms_prepare(db, &upd,
	                      "UPDATE resource SET title = ?1, title_key = ?2, hours = ?3, "
	                      "provider = ?4, format = ?5 WHERE id = ?6")) != MMS_OK)
		goto out;
	rc = mms_src_open(db, file, enc, sheet, &c);
	if (rc != MMS_OK)
		goto out;
	rc = mms_src_header(db, c, catalogue_cols, NCOLS, map, &row);
	if (rc != MMS_OK)
		goto out;
	width = row->n;
	while ((rc = mms_src_next(c, &row)) == 1) {
		if (mms_row_blank(row))
			continue;
		stats->rows++;
		rc = mms_src_fit(db, c, &row, width);
		if (rc == MMS_EDATA) {
			bad = 1;
			continue;
		}
		if (rc != MMS_OK)
			goto out;
		rc = catalogue_row(db, c, row, map, subject, find, add, upd, &seen, stats);
		if (rc == MMS_EDATA) {
			bad = 1;
			continue;
		}
		if (rc != MMS_OK)
			goto out;
	}
	if (rc == 0 && bad)
		rc = mms_fail(db, MMS_EDATA, _("the catalogue has errors; nothing was imported"));
	else if (rc == 0 && stats->rows == 0)
		rc = mms_fail(db, MMS_EDATA, _("'%s' lists no programme"), file);
out:
	mms_src_close(c);
	sqlite3_finalize(find);
	sqlite3_finalize(add);
	sqlite3_finalize(upd);
	mms_idset_free(&seen);
	return mms_tx_end(db, rc);
}
