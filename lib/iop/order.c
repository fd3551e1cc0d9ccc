/* mms order-training: the course items grouped into a justified order to the institute. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iop/iop_internal.h"

struct order_priv {
	mms_order pub; /* first: the caller's pointer */
	mms_pool pool;
};

void mms_order_free(mms_order *o)
{
	struct order_priv *p = (struct order_priv *)o;

	if (!p)
		return;
	for (size_t i = 0; i < p->pub.n; i++)
		free(p->pub.lines[i].teachers);
	free(p->pub.lines);
	mms_pool_free(&p->pool);
	free(p);
}

/* One course item, as the draft reads it. */
struct citem {
	int64_t id, resource, hypothesis, teacher, skill;
	char *key; /* the line it belongs to */
	char *programme, *competency, *provider, *skill_code, *teacher_name, *school;
	int hours;
};

static void citem_free(struct citem *c)
{
	free(c->key);
	free(c->programme);
	free(c->competency);
	free(c->provider);
	free(c->skill_code);
	free(c->teacher_name);
	free(c->school);
}

/* "12.05.2026" from "2026-05-12". */
static void ru_date(const char *iso, char out[16])
{
	if (iso && strlen(iso) >= 10 && iso[4] == '-' && iso[7] == '-')
		snprintf(out, 16, "%.2s.%.2s.%.4s", iso + 8, iso + 5, iso);
	else
		snprintf(out, 16, "%s", iso ? iso : "");
}

struct justify {
	sqlite3_stmt *hyp, *classes, *obs;
};

/*
 * The evidence of one item: "Иванова Анна Петровна: 5А, n=24: 31 % vs
 * district 68 %, ВПР vpr-2026-math-5, skill 1.2 — confirmed by observation
 * 12.05.2026".
 */
/*
 * An item's justification is stored as its facts, a line each, so that it
 * reads in the language of whoever prints the order, not of whoever sent it:
 *   T<TAB>teacher                     a teacher's part begins
 *   C<TAB>class<TAB>n<TAB>success      a class of the hypothesis
 *   H<TAB>n<TAB>success<TAB>district<TAB>kind<TAB>assessment<TAB>skill
 *   N<TAB>skill                       a need accepted in interview, no hypothesis
 *   O<TAB>YYYY-MM-DD                  confirmed by a lesson observation
 */
static int justify_item(mms_db *db, struct justify *j, const struct citem *c, mms_buf *b)
{
	int rc;

	mms_buf_addf(b, "T\t%s\n", c->teacher_name);
	sqlite3_bind_int64(j->hyp, 1, c->hypothesis);
	rc = sqlite3_step(j->hyp);
	if (rc == SQLITE_ROW) {
		sqlite3_bind_int64(j->classes, 1, c->hypothesis);
		while (sqlite3_step(j->classes) == SQLITE_ROW)
			mms_buf_addf(b, "C\t%s\t%d\t%.17g\n",
			             (const char *)sqlite3_column_text(j->classes, 0),
			             sqlite3_column_int(j->classes, 1),
			             sqlite3_column_double(j->classes, 2));
		sqlite3_reset(j->classes);
		mms_buf_addf(b, "H\t%d\t%.17g\t%.17g\t%s\t%s\t%s\n", sqlite3_column_int(j->hyp, 0),
		             sqlite3_column_double(j->hyp, 1), sqlite3_column_double(j->hyp, 2),
		             (const char *)sqlite3_column_text(j->hyp, 3),
		             (const char *)sqlite3_column_text(j->hyp, 4), c->skill_code);
	} else {
		mms_buf_addf(b, "N\t%s\n", c->skill_code);
	}
	sqlite3_reset(j->hyp);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return mms_fail_sql(db, "reading a hypothesis");
	sqlite3_bind_int64(j->obs, 1, c->teacher);
	sqlite3_bind_int64(j->obs, 2, c->skill);
	rc = sqlite3_step(j->obs);
	if (rc == SQLITE_ROW)
		mms_buf_addf(b, "O\t%s\n", (const char *)sqlite3_column_text(j->obs, 0));
	sqlite3_reset(j->obs);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return mms_fail_sql(db, "reading the observations");
	return MMS_OK;
}

/*
 * The facts in words of the reader's language: "Иванова А.П.: 5А, n=25:
 * 30 % vs district 54 %, ВПР vpr-2026-math-5, skill 1.2 — confirmed by
 * observation 14.05.2026; …".  Text stored before the facts were (an order
 * sent by an older mms) is shown as it was written.
 */
static char *justification_text(const char *facts)
{
	mms_buf b = {0};
	char *copy, *line, *save = NULL;
	int teachers = 0, classes = 0;

	if (!facts || strncmp(facts, "T\t", 2) != 0)
		return strdup(facts ? facts : "");
	copy = strdup(facts);
	if (!copy)
		return NULL;
	if (mms_buf_add(&b, "", 0) != MMS_OK) {
		free(copy);
		return NULL;
	}
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[8] = {0}, *q = line, pct[16], dpct[16], date[16];
		int n = 0;

		while (n < 8) {
			f[n++] = q;
			q = strchr(q, '\t');
			if (!q)
				break;
			*q++ = '\0';
		}
		switch (f[0][0]) {
		case 'T':
			mms_buf_addf(&b, "%s%s: ", teachers++ ? "; " : "", n > 1 ? f[1] : "");
			classes = 0;
			break;
		case 'C':
			if (n < 4)
				break;
			mms_iop_pct(strtod(f[3], NULL), pct);
			mms_buf_addf(&b, "%s%s, n=%s: %s %%", classes++ ? ", " : "", f[1], f[2],
			             pct);
			break;
		case 'H':
			if (n < 7)
				break;
			if (!classes) {
				mms_iop_pct(strtod(f[2], NULL), pct);
				mms_buf_addf(&b, "n=%s: %s %%", f[1], pct);
			}
			mms_iop_pct(strtod(f[3], NULL), dpct);
			mms_buf_addf(&b, _(" vs district %s %%, %s %s, skill %s"), dpct, f[4], f[5],
			             f[6]);
			break;
		case 'N':
			if (n > 1)
				mms_buf_addf(&b, _("need accepted in interview, skill %s"), f[1]);
			break;
		case 'O':
			if (n > 1) {
				ru_date(f[1], date);
				mms_buf_addf(&b, _(" — confirmed by observation %s"), date);
			}
			break;
		default:
			break;
		}
	}
	free(copy);
	return b.p;
}

static int read_items(mms_db *db, struct citem **out, size_t *n)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	rc = mms_prepare(
	    db, &st,
	    "SELECT i.id, coalesce(i.resource_id, 0), coalesce(i.hypothesis_id, 0), t.id, k.id, "
	    "r.title, i.competency, r.provider, coalesce(r.hours, 0), k.code, t.full_name, s.name, "
	    "j.name "
	    "FROM iop_item i JOIN iop o ON o.id = i.iop_id JOIN teacher t ON t.id = o.teacher_id "
	    "JOIN school s ON s.id = t.school_id JOIN skill k ON k.id = i.skill_id "
	    "JOIN subject j ON j.id = k.subject_id "
	    "LEFT JOIN resource r ON r.id = i.resource_id "
	    "WHERE i.form = 'course' AND i.status <> 'dropped' AND NOT EXISTS "
	    "(SELECT 1 FROM order_line_teacher x WHERE x.item_id = i.id) "
	    "ORDER BY i.resource_id IS NULL, r.title_key, i.resource_id, i.competency, j.name_key, "
	    "s.code, "
	    "t.name_key, k.code, i.id");
	if (rc != MMS_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct citem *c;
		char key[64];

		if (*n == cap) {
			size_t c2 = cap ? 2 * cap : 32;
			struct citem *grown = realloc(*out, c2 * sizeof(*grown));

			if (!grown) {
				rc = mms_oom(db);
				break;
			}
			*out = grown;
			cap = c2;
		}
		c = &(*out)[(*n)++];
		memset(c, 0, sizeof(*c));
		c->id = sqlite3_column_int64(st, 0);
		c->resource = sqlite3_column_int64(st, 1);
		c->hypothesis = sqlite3_column_int64(st, 2);
		c->teacher = sqlite3_column_int64(st, 3);
		c->skill = sqlite3_column_int64(st, 4);
		c->programme = mms_column_dup(st, 5, NULL);
		c->competency = mms_column_dup(st, 6, NULL);
		c->provider = mms_column_dup(st, 7, NULL);
		c->hours = sqlite3_column_int(st, 8);
		c->skill_code = mms_column_dup(st, 9, NULL);
		c->teacher_name = mms_column_dup(st, 10, NULL);
		c->school = mms_column_dup(st, 11, NULL);
		if (c->resource) {
			snprintf(key, sizeof(key), "r%lld", (long long)c->resource);
			c->key = strdup(key);
		} else {
			/* a course to be ordered: one line per competency and subject */
			const char *subject = (const char *)sqlite3_column_text(st, 12);
			mms_buf b = {0}, k = {0};

			mms_buf_addf(&k, "c%s\x1f%s", c->competency ? c->competency : "", subject);
			c->key = k.p;
			if (c->competency) {
				mms_buf_addf(&b, _("to be designed: %s (%s)"), c->competency,
				             subject);
				c->programme = b.p;
			}
		}
		if (!c->key || !c->competency || !c->skill_code || !c->teacher_name || !c->school ||
		    !c->programme) {
			rc = mms_oom(db);
			break;
		}
	}
	if (rc == SQLITE_DONE)
		rc = MMS_OK;
	else if (rc > 0)
		rc = mms_fail_sql(db, "reading the course items");
	sqlite3_finalize(st);
	return rc;
}

/* Adds S to the ", "-separated list B unless it is there. */
static void add_unique(mms_buf *b, const char *s, const char *sep)
{
	if (b->p) {
		size_t n = strlen(s), seplen = strlen(sep);
		const char *p = b->p;

		while (p) {
			if (!strncmp(p, s, n) && (p[n] == '\0' || !strncmp(p + n, sep, seplen)))
				return;
			p = strstr(p, sep);
			if (p)
				p += seplen;
		}
	}
	if (b->len)
		mms_buf_adds(b, sep);
	mms_buf_adds(b, s);
}

static int group(mms_db *db, struct order_priv *p, struct citem *items, size_t n)
{
	struct justify j = {0};
	mms_pool *pool = &p->pool;
	int rc;

	if ((rc = mms_prepare(db, &j.hyp,
	                      "SELECT h.n, h.success, h.district_success, a.kind, a.code "
	                      "FROM hypothesis h JOIN assessment a ON a.id = h.assessment_id "
	                      "WHERE h.id = ?1")) != MMS_OK ||
	    (rc = mms_prepare(db, &j.classes,
	                      "SELECT c.label, hc.n, hc.success FROM hypothesis_class hc "
	                      "JOIN class c ON c.id = hc.class_id WHERE hc.hypothesis_id = ?1 "
	                      "AND (hc.class_specific = 1 OR NOT EXISTS (SELECT 1 FROM "
	                      "hypothesis_class z WHERE z.hypothesis_id = ?1 AND "
	                      "z.class_specific = 1)) ORDER BY c.label_key")) != MMS_OK ||
	    (rc = mms_prepare(db, &j.obs,
	                      "SELECT coalesce(date, substr(at, 1, 10)) FROM teacher_event "
	                      "WHERE teacher_id = ?1 AND skill_id = ?2 AND kind = 'observation' "
	                      "AND outcome = 'confirm' ORDER BY id DESC LIMIT 1")) != MMS_OK)
		goto out;
	p->pub.lines = calloc(n + 1, sizeof(*p->pub.lines));
	if (!p->pub.lines) {
		rc = mms_oom(db);
		goto out;
	}
	for (size_t i = 0; i < n && rc == MMS_OK;) {
		mms_order_line *l = &p->pub.lines[p->pub.n++];
		mms_buf comp = {0}, skills = {0}, just = {0}, who = {0};
		size_t k, e = i;

		while (e < n && !strcmp(items[e].key, items[i].key))
			e++;
		l->teachers = calloc(e - i, sizeof(*l->teachers));
		if (!l->teachers) {
			rc = mms_oom(db);
			break;
		}
		l->programme = mms_pool_dup(pool, items[i].programme);
		l->provider = mms_pool_dup(pool, items[i].provider);
		l->hours = items[i].hours;
		for (k = i; k < e && rc == MMS_OK; k++) {
			char id[32];

			add_unique(&comp, items[k].competency, "; ");
			add_unique(&skills, items[k].skill_code, ", ");
			snprintf(id, sizeof(id), "%lld", (long long)items[k].teacher);
			add_unique(&who, id, ",");
			rc = justify_item(db, &j, &items[k], &just);
			l->teachers[l->nteachers].teacher =
			    mms_pool_dup(pool, items[k].teacher_name);
			l->teachers[l->nteachers].school = mms_pool_dup(pool, items[k].school);
			l->teachers[l->nteachers].skill = mms_pool_dup(pool, items[k].skill_code);
			l->nteachers++;
		}
		l->count = 1;
		for (const char *c = who.p; c && *c; c++)
			l->count += *c == ',';
		l->competency = mms_pool_take(pool, comp.p);
		l->skills = mms_pool_take(pool, skills.p);
		l->facts = mms_pool_take(pool, just.p);
		{
			char *words = justification_text(l->facts);

			l->justification = words ? mms_pool_take(pool, words) : NULL;
		}
		mms_buf_free(&who);
		if (rc == MMS_OK && (pool->oom || !l->justification || !l->competency))
			rc = mms_oom(db);
		i = e;
	}
out:
	sqlite3_finalize(j.hyp);
	sqlite3_finalize(j.classes);
	sqlite3_finalize(j.obs);
	return rc;
}

/* Freezes the draft as a sent order. */
static int send(mms_db *db, struct order_priv *p, const struct citem *items, size_t n,
                const char *today)
{
	sqlite3_stmt *line = NULL, *who = NULL;
	size_t k = 0;
	int rc;

	rc = mms_prepare(db, &line, "INSERT INTO training_order(state, sent) VALUES ('sent', ?1)");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_text(line, 1, today, -1, SQLITE_STATIC);
	rc = mms_step_done(db, line);
	sqlite3_finalize(line);
	line = NULL;
	if (rc != MMS_OK)
		return rc;
	p->pub.id = sqlite3_last_insert_rowid(db->sql);
	if ((rc = mms_prepare(db, &line,
	                      "INSERT INTO order_line(order_id, position, programme, competency, "
	                      "skills, hours, provider, count, justification) "
	                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")) != MMS_OK ||
	    (rc = mms_prepare(db, &who,
	                      "INSERT INTO order_line_teacher(line_id, position, item_id, teacher, "
	                      "school, skill) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")) != MMS_OK)
		goto out;
	for (size_t i = 0; i < p->pub.n && rc == MMS_OK; i++) {
		const mms_order_line *l = &p->pub.lines[i];
		int64_t lid;

		sqlite3_bind_int64(line, 1, p->pub.id);
		sqlite3_bind_int(line, 2, (int)i + 1);
		sqlite3_bind_text(line, 3, l->programme, -1, SQLITE_STATIC);
		sqlite3_bind_text(line, 4, l->competency, -1, SQLITE_STATIC);
		sqlite3_bind_text(line, 5, l->skills, -1, SQLITE_STATIC);
		if (l->hours > 0)
			sqlite3_bind_int(line, 6, l->hours);
		else
			sqlite3_bind_null(line, 6);
		if (l->provider)
			sqlite3_bind_text(line, 7, l->provider, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(line, 7);
		sqlite3_bind_int64(line, 8, l->count);
		sqlite3_bind_text(line, 9, l->facts, -1, SQLITE_STATIC);
		rc = mms_step_done(db, line);
		lid = sqlite3_last_insert_rowid(db->sql);
		for (size_t t = 0; t < l->nteachers && rc == MMS_OK; t++, k++) {
			sqlite3_bind_int64(who, 1, lid);
			sqlite3_bind_int(who, 2, (int)t + 1);
			sqlite3_bind_int64(who, 3, items[k].id);
			sqlite3_bind_text(who, 4, l->teachers[t].teacher, -1, SQLITE_STATIC);
			sqlite3_bind_text(who, 5, l->teachers[t].school, -1, SQLITE_STATIC);
			sqlite3_bind_text(who, 6, l->teachers[t].skill, -1, SQLITE_STATIC);
			rc = mms_step_done(db, who);
		}
	}
	if (rc == MMS_OK && k != n)
		rc = mms_fail(db, MMS_ERROR, _("the order lost track of its items"));
out:
	sqlite3_finalize(line);
	sqlite3_finalize(who);
	return rc;
}

int mms_order_build(mms_db *db, int send_it, const char *today, mms_order **out)
{
	struct order_priv *p;
	struct citem *items = NULL;
	size_t n = 0;
	char day[11];
	int rc;

	*out = NULL;
	rc = mms_iop_today(db, today, day);
	if (rc != MMS_OK)
		return rc;
	p = calloc(1, sizeof(*p));
	if (!p)
		return mms_oom(db);
	p->pub.state = "draft";
	rc = mms_tx_begin(db);
	if (rc != MMS_OK) {
		free(p);
		return rc;
	}
	rc = read_items(db, &items, &n);
	if (rc == MMS_OK)
		rc = group(db, p, items, n);
	if (rc == MMS_OK && send_it && p->pub.n > 0) {
		rc = send(db, p, items, n, day);
		p->pub.state = "sent";
		p->pub.date = mms_pool_dup(&p->pool, day);
	}
	if (rc == MMS_OK) {
		sqlite3_stmt *st;

		rc = mms_prepare(db, &st,
		                 "SELECT count(*) FROM training_order WHERE state = 'sent' AND "
		                 "id <> ?1");
		if (rc == MMS_OK) {
			sqlite3_bind_int64(st, 1, p->pub.id);
			if (sqlite3_step(st) == SQLITE_ROW)
				p->pub.sent_before = sqlite3_column_int(st, 0);
			sqlite3_finalize(st);
		}
	}
	for (size_t i = 0; i < n; i++)
		citem_free(&items[i]);
	free(items);
	if (rc == MMS_OK)
		rc = mms_tx_commit(db);
	else
		mms_tx_rollback(db);
	if (rc != MMS_OK) {
		mms_order_free(&p->pub);
		return rc;
	}
	*out = &p->pub;
	return MMS_OK;
}

int mms_order_load(mms_db *db, int64_t id, mms_order **out)
{
	struct order_priv *p;
	sqlite3_stmt *st = NULL, *who = NULL;
	int rc;

	*out = NULL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return mms_oom(db);
	rc = mms_prepare(db, &st,
	                 "SELECT state, sent, (SELECT count(*) FROM training_order o2 "
	                 "WHERE o2.state = 'sent' AND o2.id < o.id) FROM training_order o "
	                 "WHERE id = ?1 AND state = 'sent'");
	if (rc != MMS_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = mms_fail(db, MMS_ENOTFOUND,
		              _("no sent order %lld (mms order-training --list lists them)"),
		              (long long)id);
		goto fail;
	}
	p->pub.id = id;
	p->pub.state = mms_pool_dup(&p->pool, (const char *)sqlite3_column_text(st, 0));
	p->pub.date = mms_pool_dup(&p->pool, (const char *)sqlite3_column_text(st, 1));
	p->pub.sent_before = sqlite3_column_int(st, 2);
	sqlite3_finalize(st);
	st = NULL;
	if ((rc = mms_prepare(db, &st,
	                      "SELECT id, programme, competency, skills, hours, provider, count, "
	                      "justification FROM order_line WHERE order_id = ?1 "
	                      "ORDER BY position")) != MMS_OK ||
	    (rc = mms_prepare(db, &who,
	                      "SELECT teacher, school, skill FROM order_line_teacher "
	                      "WHERE line_id = ?1 ORDER BY position")) != MMS_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		mms_order_line *grown = realloc(p->pub.lines, (p->pub.n + 1) * sizeof(*grown)), *l;

		if (!grown) {
			rc = mms_oom(db);
			goto fail;
		}
		p->pub.lines = grown;
		l = &p->pub.lines[p->pub.n++];
		memset(l, 0, sizeof(*l));
		l->programme = mms_pool_dup(&p->pool, (const char *)sqlite3_column_text(st, 1));
		l->competency = mms_pool_dup(&p->pool, (const char *)sqlite3_column_text(st, 2));
		l->skills = mms_pool_dup(&p->pool, (const char *)sqlite3_column_text(st, 3));
		l->hours = sqlite3_column_int(st, 4);
		l->provider =
		    sqlite3_column_type(st, 5) == SQLITE_NULL
		        ? NULL
		        : mms_pool_dup(&p->pool, (const char *)sqlite3_column_text(st, 5));
		l->count = sqlite3_column_int(st, 6);
		l->facts = mms_pool_dup(&p->pool, (const char *)sqlite3_column_text(st, 7));
		{
			char *words = justification_text(l->facts);

			l->justification = words ? mms_pool_take(&p->pool, words) : NULL;
			if (!l->justification) {
				rc = mms_oom(db);
				goto fail;
			}
		}
		sqlite3_bind_int64(who, 1, sqlite3_column_int64(st, 0));
		while (sqlite3_step(who) == SQLITE_ROW) {
			mms_order_teacher *t =
			    realloc(l->teachers, (l->nteachers + 1) * sizeof(*t));

			if (!t) {
				sqlite3_reset(who);
				rc = mms_oom(db);
				goto fail;
			}
			l->teachers = t;
			t[l->nteachers].teacher =
			    mms_pool_dup(&p->pool, (const char *)sqlite3_column_text(who, 0));
			t[l->nteachers].school =
			    mms_pool_dup(&p->pool, (const char *)sqlite3_column_text(who, 1));
			t[l->nteachers].skill =
			    mms_pool_dup(&p->pool, (const char *)sqlite3_column_text(who, 2));
			l->nteachers++;
		}
		sqlite3_reset(who);
	}
	if (rc != SQLITE_DONE) {
		rc = mms_fail_sql(db, "reading an order");
		goto fail;
	}
	sqlite3_finalize(st);
	sqlite3_finalize(who);
	*out = &p->pub;
	return MMS_OK;
fail:
	sqlite3_finalize(st);
	sqlite3_finalize(who);
	mms_order_free(&p->pub);
	return rc;
}

int mms_order_list(mms_db *db, int (*fn)(void *ctx, const mms_order_entry *e), void *ctx)
{
	sqlite3_stmt *st;
	int rc = mms_prepare(db, &st,
	                     "SELECT o.id, o.sent, (SELECT count(*) FROM order_line l "
	                     "WHERE l.order_id = o.id), (SELECT coalesce(sum(count), 0) FROM "
	                     "order_line l WHERE l.order_id = o.id) FROM training_order o "
	                     "WHERE o.state = 'sent' ORDER BY o.id");

	if (rc != MMS_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		mms_order_entry e = {sqlite3_column_int64(st, 0),
		                     (const char *)sqlite3_column_text(st, 1),
		                     sqlite3_column_int(st, 2), sqlite3_column_int(st, 3)};
		int stop = fn(ctx, &e);

		if (stop) {
			sqlite3_finalize(st);
			return stop;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? MMS_OK : mms_fail_sql(db, "listing the orders");
}
