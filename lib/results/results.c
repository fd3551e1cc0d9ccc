/*
 * Importing students' item-level results: files are read row by row (the
 * layouts: header.c; classes: classes.c; cells: answers.c) and stored one
 * participant a row, in one transaction for all files.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "results/internal.h"
#include "roster/refs.h"
#include "sha256.h"
#include "text.h"

/* ---- the assessment ---------------------------------------------------- */

/* A file imported before: by its hash (import_log_by_sha256, tests/unit/test_plans.c). */
const char mms_sql_seen_hash[] =
    "SELECT 1 FROM import_log WHERE sha256 = ?1 AND assessment_id = ?2 AND id <> ?3";

static int load_assessment(struct imp *x)
{
	sqlite3_stmt *st;
	int rc;

	rc = mms_prepare(x->db, &st,
	                 "SELECT a.id, s.name_key, a.grade FROM assessment a JOIN subject s "
	                 "ON s.id = a.subject_id WHERE a.code = ?1");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_text(st, 1, x->o->assessment, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return assessment_not_found(x->db, x->o->assessment);
	}
	x->assessment = sqlite3_column_int64(st, 0);
	x->subject_key = strdup((const char *)sqlite3_column_text(st, 1));
	x->grade = sqlite3_column_int(st, 2);
	sqlite3_finalize(st);
	if (!x->subject_key)
		return rs_oom(x);
	rc = mms_prepare(x->db, &st,
	                 "SELECT id, label, label_key, max_score, slot FROM task "
	                 "WHERE assessment_id = ?1 ORDER BY position");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, x->assessment);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct task *t = realloc(x->tasks, (x->ntasks + 1) * sizeof(*t));

		if (!t) {
			sqlite3_finalize(st);
			return rs_oom(x);
		}
		x->tasks = t;
		t = &x->tasks[x->ntasks];
		t->id = sqlite3_column_int64(st, 0);
		t->label = strdup((const char *)sqlite3_column_text(st, 1));
		t->key = strdup((const char *)sqlite3_column_text(st, 2));
		t->canon = t->key ? rs_task_canon(t->key) : NULL;
		t->max = sqlite3_column_double(st, 3);
		t->slot = sqlite3_column_int(st, 4);
		if (t->slot + 1 > x->nslots)
			x->nslots = t->slot + 1;
		x->ntasks++;
		x->max_total += t->max;
		if (!t->label || !t->key || !t->canon) {
			sqlite3_finalize(st);
			return rs_oom(x);
		}
	}
	if (rc != SQLITE_DONE) {
		rc = mms_fail_sql(x->db, "reading the assessment's tasks");
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_finalize(st);
	if (x->ntasks == 0)
		return mms_fail(x->db, MMS_ENOTFOUND, _("assessment '%s' has no tasks"),
		                x->o->assessment);
	x->score = calloc(x->ntasks, sizeof(double));
	x->centi = calloc(x->ntasks, sizeof(long));
	x->attempted = calloc(x->ntasks, sizeof(int));
	x->blob = calloc((size_t)mms_scores_length(x->nslots, 0), 1);
	if (!x->score || !x->centi || !x->attempted || !x->blob)
		return rs_oom(x);
	return MMS_OK;
}

/* A participant's columns as add_part and add_parts bind them (bind_part()), PART_PARAMS of
   them. */
#define PART_COLUMNS                                                                               \
	"assessment_id, school_id, class_id, code, variant, absent, import_id, id, scores, "       \
	"mark, journal_mark, sex"
enum { PART_PARAMS = 12 };

static int prepare_all(struct imp *x)
{
	static const struct {
		size_t off;
		const char *sql;
	} stmts[] = {
	    {offsetof(struct imp, find_school_code),
	     "SELECT school_id FROM school_code WHERE code = ?1"},
	    {offsetof(struct imp, find_school_name), "SELECT id FROM school WHERE name_key = ?1"},
	    {offsetof(struct imp, find_class),
	     "SELECT id FROM class WHERE school_id = ?1 AND label_key = ?2"},
	    {offsetof(struct imp, find_part),
	     "SELECT id, class_id, variant, absent, scores, coalesce(mark, 0), "
	     "coalesce(journal_mark, 0), coalesce(sex, ''), coalesce(import_id, 0) FROM "
	     "participant "
	     "WHERE assessment_id = ?1 AND school_id = ?2 AND code = ?3"},
	    {offsetof(struct imp, add_part),
	     "INSERT INTO participant(" PART_COLUMNS ") "
	     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
	     /* tried first in a new file: a participant already there is then looked up */
	     "ON CONFLICT (assessment_id, school_id, code) DO NOTHING"},
	    {offsetof(struct imp, upd_part),
	     "UPDATE participant SET class_id = ?3, variant = ?5, absent = ?6, "
	     "import_id = ?7, digest = 0, scores = ?9, mark = iif(?13, ?10, mark), "
	     "journal_mark = iif(?14, ?11, journal_mark), sex = iif(?15, ?12, sex) "
	     "WHERE assessment_id = ?1 AND school_id = ?2 AND code = ?4"},
	    {offsetof(struct imp, add_log),
	     "INSERT INTO import_log(command, file, sha256, assessment_id) "
	     "VALUES ('import-results', ?1, '', ?2)"},
	    {offsetof(struct imp, upd_log),
	     "UPDATE import_log SET sha256 = ?2, rows = ?3, students = ?4, absent = ?5, "
	     "scores = ?6, inserted = ?7, replaced = ?8, unchanged = ?9 WHERE id = ?1"},
	    {offsetof(struct imp, seen_hash), mms_sql_seen_hash},
	    {offsetof(struct imp, grade_classes),
	     "SELECT id, label FROM class WHERE school_id = ?1 AND grade = ?2 ORDER BY label_key"},
	    {offsetof(struct imp, school_of), "SELECT code FROM school WHERE id = ?1"},
	};

	for (size_t i = 0; i < sizeof(stmts) / sizeof(stmts[0]); i++) {
		int rc =
		    mms_prepare(x->db, (sqlite3_stmt **)((char *)x + stmts[i].off), stmts[i].sql);

		if (rc != MMS_OK)
			return rc;
	}
	/* OR FAIL: a participant already there stops the INSERT where it is, the rows
	   before it inserted, and sqlite3_changes() says how many (store_held()); no
	   statement journal is kept to take them back */
	for (int k = 1; k < PART_BATCH_BITS; k++) {
		int rc =
		    mms_prepare_rows(x->db, &x->add_parts[k],
		                     "INSERT OR FAIL INTO participant(" PART_COLUMNS ") VALUES ",
		                     1 << k, PART_PARAMS);

		if (rc != MMS_OK)
			return rc;
	}
	return MMS_OK;
}

/* The last participant id given (participant_seq): the import numbers its new
   participants on from it, and says where it got to before its commit. */
static int load_seq(struct imp *x)
{
	sqlite3_stmt *st;
	int rc = mms_prepare(x->db, &st, "SELECT last FROM participant_seq");

	if (rc != MMS_OK)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		x->last_id = x->seq_id = sqlite3_column_int64(st, 0);
	else
		rc = mms_fail_sql(x->db, "reading the participants' last id");
	sqlite3_finalize(st);
	return rc;
}

static int save_seq(struct imp *x)
{
	sqlite3_stmt *st;
	int rc;

	if (x->last_id == x->seq_id)
		return MMS_OK;
	rc = mms_prepare(x->db, &st, "UPDATE participant_seq SET last = ?1");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, x->last_id);
	rc = mms_step_done(x->db, st);
	sqlite3_finalize(st);
	return rc;
}

/* The database's secret for the pseudonyms of participants known by name. */
static int load_key(struct imp *x)
{
	sqlite3_stmt *st;
	int rc = mms_prepare(x->db, &st, "SELECT value FROM secret WHERE name = 'participant_key'");

	if (rc != MMS_OK)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW) {
		int n = sqlite3_column_bytes(st, 0);

		x->keylen = n > (int)sizeof(x->key) ? sizeof(x->key) : (size_t)n;
		memcpy(x->key, sqlite3_column_blob(st, 0), x->keylen);
	}
	sqlite3_finalize(st);
	if (x->keylen < 32)
		return mms_fail(
		    x->db, MMS_EDB,
		    _("the database has lost its secret for pseudonyms: restore it from a backup"));
	return MMS_OK;
}

static void release(struct imp *x)
{
	sqlite3_stmt **all[] = {&x->find_school_code, &x->find_school_name, &x->find_class,
	                        &x->find_part,        &x->add_part,         &x->upd_part,
	                        &x->add_log,          &x->upd_log,          &x->seen_hash,
	                        &x->grade_classes,    &x->school_of};

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		sqlite3_finalize(*all[i]);
	for (int k = 0; k < PART_BATCH_BITS; k++)
		sqlite3_finalize(x->add_parts[k]);
	mms_buf_free(&x->held_text);
	for (size_t i = 0; i < x->ntasks; i++) {
		free(x->tasks[i].label);
		free(x->tasks[i].key);
		free(x->tasks[i].canon);
	}
	free(x->tasks);
	rs_classes_free(x);
	free(x->last_school_value);
	free(x->subject_key);
	free(x->score);
	free(x->centi);
	free(x->attempted);
	free(x->blob);
	free(x->block);
	free(x->group_value);
	mms_idset_free(&x->touched);
	mms_key_memo_free(&x->keys);
	rs_header_memos_free(x);
	memset(x->key, 0, sizeof(x->key));
}

/* ---- rows -------------------------------------------------------------- */

static void bind_opt_int(sqlite3_stmt *st, int i, int v)
{
	if (v)
		sqlite3_bind_int(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

/* W's values from ?BASE + 1 on (add_parts' BASE + 1 .. BASE + 12), ID its id (0: not
   bound), its scores BLOB of LEN bytes. */
static void bind_part_at(struct imp *x, sqlite3_stmt *st, int base, const struct who *w, int64_t id,
                         const void *blob, int len)
{
	sqlite3_bind_int64(st, base + 1, x->assessment);
	sqlite3_bind_int64(st, base + 2, w->school);
	if (w->klass)
		sqlite3_bind_int64(st, base + 3, w->klass);
	else
		sqlite3_bind_null(st, base + 3);
	sqlite3_bind_text(st, base + 4, w->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, base + 5, w->variant, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, base + 6, w->absent);
	sqlite3_bind_int64(st, base + 7, x->log_id);
	if (id)
		sqlite3_bind_int64(st, base + 8, id);
	if (w->absent)
		sqlite3_bind_null(st, base + 9);
	else
		sqlite3_bind_blob(st, base + 9, blob, len, SQLITE_STATIC);
	bind_opt_int(st, base + 10, w->mark);
	bind_opt_int(st, base + 11, w->journal);
	if (w->sex)
		sqlite3_bind_text(st, base + 12, w->sex, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, base + 12);
}

/* The row's values, ?1 .. ?12 of add_part and upd_part (?1 .. ?4 its key, the assessment,
   school and code; ?8 the id a new participant gets, the next after the last given). */
static void bind_part(struct imp *x, sqlite3_stmt *st, const struct who *w)
{
	bind_part_at(x, st, 0, w, st == x->add_part ? x->last_id + 1 : 0, x->blob, x->rowlen);
}

/* Whether the stored scores BLOB of LEN bytes are the row's: the same bytes, or the same
   scores in the other layout (a row stored before the narrow one, or as another file
   had them). */
static int same_scores(const struct imp *x, const void *blob, int len)
{
	if (len % 2 == x->rowlen % 2)
		return len == x->rowlen && memcmp(blob, x->blob, (size_t)len) == 0;
	for (size_t t = 0; t < x->ntasks; t++) {
		double a, b;
		int at_a, at_b;

		if (!mms_score_unpack(blob, len, x->tasks[t].slot, &a, &at_a) ||
		    !mms_score_unpack(x->blob, x->rowlen, x->tasks[t].slot, &b, &at_b) ||
		    mms_score_centi(a) != mms_score_centi(b) || at_a != at_b)
			return 0;
	}
	return 1;
}

/*
 * Whether the participant find_part is on holds what the row would store:
 * the class, the variant, the scores as packed, and the marks and sex the
 * file has.
 */
static int stored_same(const struct imp *x, const struct who *w)
{
	sqlite3_stmt *st = x->find_part;
	const char *variant = (const char *)sqlite3_column_text(st, 2);
	const void *blob = sqlite3_column_blob(st, 4);

	return sqlite3_column_int64(st, 1) == w->klass &&
	       strcmp(variant ? variant : "", w->variant) == 0 &&
	       sqlite3_column_int(st, 3) == w->absent &&
	       (w->absent ? !blob : blob && same_scores(x, blob, sqlite3_column_bytes(st, 4))) &&
	       (!w->has_mark || sqlite3_column_int(st, 5) == w->mark) &&
	       (!w->has_journal || sqlite3_column_int(st, 6) == w->journal) &&
	       (!w->has_sex ||
	        strcmp((const char *)sqlite3_column_text(st, 7), w->sex ? w->sex : "") == 0);
}

/* A participant and its scores in x->blob, stored at once: inserted, replaced or unchanged. */
static int store_one(struct imp *x, const struct who *w, long line)
{
	int64_t part = 0;
	int rc, exists = 0, same = 0, again = 0;
	sqlite3_stmt *st;

	/* a file's participants are new until one is not: inserted without looking first */
	if (x->expect_new) {
		bind_part(x, x->add_part, w);
		rc = mms_step_done(x->db, x->add_part);
		if (rc != MMS_OK)
			return rc;
		if (sqlite3_changes(x->db->sql) == 1) {
			x->last_id++;
			x->f_ins++;
			return MMS_OK;
		}
		x->expect_new = 0;
	}

	sqlite3_bind_int64(x->find_part, 1, x->assessment);
	sqlite3_bind_int64(x->find_part, 2, w->school);
	sqlite3_bind_text(x->find_part, 3, w->code, -1, SQLITE_STATIC);
	rc = sqlite3_step(x->find_part);
	if (rc == SQLITE_ROW) {
		exists = 1;
		part = sqlite3_column_int64(x->find_part, 0);
		same = stored_same(x, w);
		/* written by this import (its files' log rows are the newest), or found
		   unchanged by it */
		again =
		    (x->first_log_id && sqlite3_column_int64(x->find_part, 8) >= x->first_log_id) ||
		    mms_idset_has(&x->touched, part);
	} else if (rc != SQLITE_DONE) {
		sqlite3_reset(x->find_part);
		return mms_fail_sql(x->db, "looking up a participant");
	}
	sqlite3_reset(x->find_part);
	if (again) {
		if (!w->pseudonymous) {
			mms_diag_cell(
			    x->db, x->src, line, -1,
			    _("participant '%s' of this school appears twice in this import"),
			    w->code);
			return MMS_EDATA;
		}
		/* a protocol's participant again: another day of the exam; the later counts */
		x->st->retakes++;
		if (same)
			return MMS_OK;
	} else if (exists && same) {
		x->f_unch++;
		return mms_idset_add(&x->touched, part) < 0 ? rs_oom(x) : MMS_OK;
	}
	st = exists ? x->upd_part : x->add_part;
	bind_part(x, st, w);
	if (exists) {
		sqlite3_bind_int(st, 13, w->has_mark);
		sqlite3_bind_int(st, 14, w->has_journal);
		sqlite3_bind_int(st, 15, w->has_sex);
	}
	rc = mms_step_done(x->db, st);
	if (rc != MMS_OK)
		return rc;
	if (again)
		return MMS_OK; /* the retake, counted above */
	/* the row now has this import's log id: known again by it */
	if (exists) {
		x->f_rep++;
	} else {
		x->last_id++;
		x->f_ins++;
	}
	return MMS_OK;
}

/* Held participant H as a who: its code and variant where they are held. */
static void unhold(const struct imp *x, const struct held_part *h, struct who *w)
{
	*w = h->w;
	w->code = x->held_text.p + h->code;
	w->variant = x->held_text.p + h->variant;
}

/*
 * The held participants from FIRST on, N of them (a power of two), in one
 * INSERT; into *DONE how many were inserted, those before one already there.
 */
static int insert_held(struct imp *x, int first, int n, int k, int *done)
{
	sqlite3_stmt *st = x->add_parts[k];
	int rc;

	for (int i = 0; i < n; i++) {
		const struct held_part *h = &x->held[first + i];
		struct who w;

		unhold(x, h, &w);
		bind_part_at(x, st, i * PART_PARAMS, &w, x->last_id + 1 + i,
		             x->held_text.p + h->blob, h->bloblen);
	}
	rc = sqlite3_step(st);
	*done = rc == SQLITE_DONE ? n : sqlite3_changes(x->db->sql);
	if (rc != SQLITE_DONE &&
	    sqlite3_extended_errcode(x->db->sql) != SQLITE_CONSTRAINT_PRIMARYKEY) {
		rc = mms_fail_sql(x->db, "storing participants");
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	x->last_id += *done;
	x->f_ins += *done;
	return MMS_OK;
}

/*
 * The participants held, stored: as many at a time as the statements take,
 * until one is already there (a file imported again, or a participant twice);
 * from it on, each in turn, as store_one() stores a row read.
 */
static int store_held(struct imp *x)
{
	/* taken: a diagnostic said meanwhile (of a participant twice) stores none again */
	int first = 0, n = x->nheld, rc = MMS_OK;

	x->nheld = 0;
	while (rc == MMS_OK && first < n && x->expect_new) {
		int k = PART_BATCH_BITS - 1, done;

		while (k > 0 && 1 << k > n - first)
			k--;
		if (k == 0)
			break; /* one: store_one()'s */
		rc = insert_held(x, first, 1 << k, k, &done);
		first += done;
		if (rc == MMS_OK && done < 1 << k)
			break; /* one already there: looked up by store_one() */
	}
	for (; rc == MMS_OK && first < n; first++) {
		const struct held_part *h = &x->held[first];
		struct who w;

		unhold(x, h, &w);
		if (h->bloblen >= 0) {
			memcpy(x->blob, x->held_text.p + h->blob, (size_t)h->bloblen);
			x->rowlen = h->bloblen;
		}
		rc = store_one(x, &w, h->line);
	}
	x->held_text.len = 0;
	return rc;
}

int rs_store_held(struct imp *x)
{
	int rc = x->held_rc;

	x->held_rc = MMS_OK;
	if (rc == MMS_OK && x->nheld)
		rc = store_held(x);
	return rc;
}

/* mms_db's before_diag while the import runs: what it says comes after the rows before. */
static void held_before_diag(void *arg)
{
	struct imp *x = arg;

	if (x->nheld && x->held_rc == MMS_OK)
		x->held_rc = store_held(x);
}

/* Holds W, with the scores in x->blob, to be inserted with the next ones. */
static int hold(struct imp *x, const struct who *w, long line)
{
	struct held_part *h = &x->held[x->nheld];
	mms_buf *t = &x->held_text;

	h->w = *w; /* its sex, "М", "Ж" or NULL, is a constant's */
	h->line = line;
	h->bloblen = w->absent ? -1 : x->rowlen;
	h->code = t->len;
	if (mms_buf_add(t, w->code, strlen(w->code) + 1) != MMS_OK)
		return rs_oom(x);
	h->variant = t->len;
	if (mms_buf_add(t, w->variant, strlen(w->variant) + 1) != MMS_OK)
		return rs_oom(x);
	h->blob = t->len;
	if (!w->absent && mms_buf_add(t, (const char *)x->blob, (size_t)x->rowlen) != MMS_OK)
		return rs_oom(x);
	return ++x->nheld == PART_BATCH_MAX ? store_held(x) : MMS_OK;
}

int rs_store_row(struct imp *x, const struct who *w, long line)
{
	if (x->held_rc != MMS_OK)
		return rs_store_held(x);
	if (!w->absent) {
		int narrow = 1;

		for (size_t t = 0; t < x->ntasks; t++) {
			x->centi[t] = mms_score_centi(x->score[t]);
			narrow &= mms_score_narrow_centi(x->centi[t]);
		}
		x->rowlen = mms_scores_begin(x->blob, x->nslots, narrow);
		for (size_t t = 0; t < x->ntasks; t++)
			mms_score_put_centi(x->blob, narrow, x->tasks[t].slot, x->centi[t],
			                    x->attempted[t]);
	}
	/* a file's participants are new until one is not: held and inserted together */
	return x->expect_new ? hold(x, w, line) : store_one(x, w, line);
}

static int add_other_rows(struct imp *x)
{
	if (x->nothers)
		x->others[x->nothers - 1].rows++;
	return MMS_OK;
}

/* The rows after the header: participants, and what a form has around them. */
static int read_rows(struct imp *x, struct layout *L, int index, int nfiles, int *bad)
{
	mms_row *row;
	int rc;

	while ((rc = mms_src_next(x->src, &row)) == 1) {
		if (mms_row_blank(row))
			continue;
		switch (rs_row_kind(x, L, row)) {
		case ROW_BLOCK:
			rc = rs_enter_block(x, row);
			break;
		case ROW_HEADER:
			rc = rs_header_layout(x, row, L, bad);
			break;
		case ROW_GROUP:
			rc = x->block_other ? MMS_OK : rs_group_school(x, row);
			break;
		case ROW_FOOTER:
		case ROW_TEMPLATE:
			x->st->skipped++;
			rc = MMS_OK;
			break;
		case ROW_DATA:
			if (x->block_other) {
				rc = add_other_rows(x);
				break;
			}
			x->f_rows++;
			rc = rs_do_row(x, L, row);
			if (x->o->progress && (x->f_rows & 1023) == 0)
				x->o->progress(x->o->progress_ctx, x->file, index, nfiles,
				               x->f_rows);
			break;
		}
		if (rc == MMS_EDATA)
			*bad = 1;
		else if (rc != MMS_OK)
			return rc;
	}
	return rc < 0 ? rc : MMS_OK;
}

static int import_file(struct imp *x, const char *file, int index, int nfiles)
{
	struct layout L = {0};
	mms_src *c = NULL;
	int rc, bad = 0;
	struct header_probe hp = {x, &L, &bad};
	size_t others_before = x->nothers;
	char hex[65];

	x->file = file;
	x->f_rows = x->f_students = x->f_absent = x->f_scores = x->f_ins = x->f_rep = x->f_unch = 0;
	x->group_school = 0;
	free(x->group_value);
	x->group_value = NULL;
	x->f_foreign = 0;
	x->school_reported = 0;
	x->expect_new = 1;
	sqlite3_bind_text(x->add_log, 1, file, -1, SQLITE_STATIC);
	sqlite3_bind_int64(x->add_log, 2, x->assessment);
	rc = mms_step_done(x->db, x->add_log);
	if (rc != MMS_OK)
		return rc;
	x->log_id = sqlite3_last_insert_rowid(x->db->sql);
	if (!x->first_log_id)
		x->first_log_id = x->log_id;

	rc = mms_src_open_ahead(x->db, x->ahead, index, file, x->o->encoding, x->o->sheet, &c);
	if (rc != MMS_OK)
		return rc;
	x->src = c;
	rc = rs_read_class_sheet(x);
	if (rc == MMS_EDATA) {
		bad = 1;
		rc = MMS_OK;
	}
	if (rc == MMS_OK)
		rc = mms_src_find(x->db, c, rs_read_header, &hp);
	if (rc != MMS_OK || bad)
		goto out;
	x->st->personal_columns += L.npersonal;
	rc = read_rows(x, &L, index, nfiles, &bad);
	/* the file's last participants, held: stored even when its reading failed, as
	   they would have been row by row (a participant twice is said) */
	if (rc == MMS_OK || rc == MMS_EDATA) {
		int held = rs_store_held(x);

		if (held != MMS_OK && (rc == MMS_OK || held != MMS_EDATA))
			rc = held;
	}
	if (rc != MMS_OK)
		goto out;
	if (x->f_rows == x->f_foreign && x->f_foreign) {
		mms_buf list = {0};

		for (size_t i = 0; i < x->nforeign && i < 5; i++)
			mms_buf_addf(&list, "%s%s", list.len ? ", " : "", x->foreign[i].value);
		mms_diag_cell(x->db, x->src, x->f_first_foreign, -1,
		              _("no school of the file is in the roster by any of its codes or its "
		                "name (%s%s): import the roster first (mms import-roster)"),
		              list.p ? list.p : "", x->nforeign > 5 ? ", …" : "");
		mms_buf_free(&list);
		bad = 1;
	} else if (x->f_rows == 0) {
		mms_diag_cell(x->db, x->src, 0, -1,
		              x->nothers > others_before
		                  ? _("the file has no exam block of the assessment's subject")
		                  : _("the file has a header but no participants"));
		bad = 1;
	}
	mms_src_sha256(c, hex);
	sqlite3_bind_text(x->seen_hash, 1, hex, -1, SQLITE_STATIC);
	sqlite3_bind_int64(x->seen_hash, 2, x->assessment);
	sqlite3_bind_int64(x->seen_hash, 3, x->log_id);
	if (sqlite3_step(x->seen_hash) == SQLITE_ROW)
		x->st->files_seen_before++;
	sqlite3_reset(x->seen_hash);
	sqlite3_bind_int64(x->upd_log, 1, x->log_id);
	sqlite3_bind_text(x->upd_log, 2, hex, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(x->upd_log, 3, x->f_rows);
	sqlite3_bind_int64(x->upd_log, 4, x->f_students);
	sqlite3_bind_int64(x->upd_log, 5, x->f_absent);
	sqlite3_bind_int64(x->upd_log, 6, x->f_scores);
	sqlite3_bind_int64(x->upd_log, 7, x->f_ins);
	sqlite3_bind_int64(x->upd_log, 8, x->f_rep);
	sqlite3_bind_int64(x->upd_log, 9, x->f_unch);
	rc = mms_step_done(x->db, x->upd_log);
out:
	/* those of a file that failed are not stored */
	x->nheld = 0;
	x->held_text.len = 0;
	x->held_rc = MMS_OK;
	if (rc == MMS_OK && bad)
		rc = MMS_EDATA;
	x->st->rows += x->f_rows;
	x->st->students += x->f_students;
	x->st->absent += x->f_absent;
	x->st->scores += x->f_scores;
	x->st->inserted += x->f_ins;
	x->st->replaced += x->f_rep;
	x->st->unchanged += x->f_unch;
	x->st->foreign_rows += x->f_foreign;
	/* the blocks left in this file, named with it */
	for (size_t i = others_before; i < x->nothers; i++) {
		mms_results_block *b;

		if (mms_grow((void **)&x->st->blocks, &x->blocks_cap, x->st->nblocks + 1,
		             sizeof(*b))) {
			rc = rs_oom(x);
			break;
		}
		b = &x->st->blocks[x->st->nblocks++];
		b->file = strdup(file);
		b->title = x->others[i].title;
		b->rows = x->others[i].rows;
		x->others[i].title = NULL;
	}
	rs_layout_free(&L);
	mms_src_close(c);
	x->src = NULL;
	return rc;
}

int mms_results_import(mms_db *db, const mms_results_opts *o, const char *const *files, int nfiles,
                       mms_results_stats *stats)
{
	struct imp x;
	int rc, bad = 0;

	memset(stats, 0, sizeof(*stats));
	memset(&x, 0, sizeof(x));
	x.db = db;
	x.o = o;
	x.st = stats;
	x.last_guess = -1;
	mms_diag_clear(db);
	db->code = 0;
	db->errmsg[0] = '\0';
	if (!o->assessment || !o->assessment[0])
		return mms_fail(db, MMS_EUSAGE, _("the assessment ID is empty"));

	/* trusted: what it writes (participants and their files' log rows) refers
	   to the assessment, schools, classes and log rows it has just found */
	rc = mms_tx_begin_trusted(db, MMS_RELAX_FK);
	if (rc != MMS_OK)
		return rc;
	rc = load_assessment(&x);
	if (rc == MMS_OK)
		rc = prepare_all(&x);
	if (rc == MMS_OK)
		rc = load_key(&x);
	if (rc == MMS_OK)
		rc = load_seq(&x);
	if (rc == MMS_OK)
		rc = rs_parse_class_map(&x);
	if (rc == MMS_OK && o->school) {
		rc = rs_school_by_code(&x, o->school, &x.forced_school);
		if (rc == MMS_OK && !x.forced_school)
			rc = mms_school_by_code(db, o->school, &x.forced_school); /* says why */
	}
	/* the next files are parsed while this one is stored */
	if (rc == MMS_OK)
		x.ahead = mms_src_ahead_start(files, nfiles, o->encoding);
	/* the participants held are stored before anything is said of the rows after them */
	db->before_diag = held_before_diag;
	db->before_diag_arg = &x;
	for (int i = 0; rc == MMS_OK && i < nfiles; i++) {
		rc = import_file(&x, files[i], i, nfiles);
		stats->files++;
		if (rc == MMS_EDATA) {
			bad = 1;
			rc = MMS_OK; /* go on: list the problems of every file */
		}
	}
	db->before_diag = NULL;
	db->before_diag_arg = NULL;
	mms_src_ahead_stop(x.ahead);
	/* the schools left, for the summary */
	stats->foreign = x.nforeign ? calloc(x.nforeign, sizeof(char *)) : NULL;
	for (size_t i = 0; i < x.nforeign; i++) {
		if (stats->foreign)
			stats->foreign[stats->nforeign++] = x.foreign[i].value;
		else
			free(x.foreign[i].value);
	}
	free(x.foreign);
	/* the classes read from numbers and letters, for the summary: by school, then as met */
	for (size_t i = 1; i < x.nguesses; i++) {
		mms_class_guess g = x.guesses[i];
		size_t j = i;

		for (; j > 0 && strcmp(x.guesses[j - 1].school, g.school) > 0; j--)
			x.guesses[j] = x.guesses[j - 1];
		x.guesses[j] = g;
	}
	stats->classes = x.guesses;
	stats->nclasses = x.nguesses;
	x.guesses = NULL;
	for (size_t i = 0; i < x.nothers; i++)
		free(x.others[i].title);
	free(x.others);
	release(&x);
	if (rc == MMS_OK && bad)
		rc = mms_fail(db, MMS_EDATA, _("the results have errors; nothing was imported"));
	if (rc == MMS_OK)
		rc = save_seq(&x);
	if (rc != MMS_OK)
		mms_results_stats_free(stats); /* a failed import says nothing of classes */
	if (rc != MMS_OK || o->dry_run) {
		mms_tx_rollback(db);
		return rc;
	}
	rc = mms_tx_commit(db);
	if (rc != MMS_OK)
		mms_results_stats_free(stats);
	return rc;
}
