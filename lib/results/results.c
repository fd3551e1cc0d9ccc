/*
 * Reading students' item-level results: the ФИС ОКО "индивидуальные
 * результаты" layout, a plain layout (Код участника;Класс;1;2;…) and the
 * РЦОИ protocol of ОГЭ/ЕГЭ (short answers "++-1", long answers "1(2)0(3)").
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "results/internal.h"
#include "text.h"

/* ---- the assessment ---------------------------------------------------- */

static int load_assessment(struct imp *x)
{
	sqlite3_stmt *st;
	int rc;

	rc = mms_prepare(x->db, &st,
	                 "SELECT a.id, s.name_key FROM assessment a JOIN subject s "
	                 "ON s.id = a.subject_id WHERE a.code = ?1");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_text(st, 1, x->o->assessment, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return mms_fail(x->db, MMS_ENOTFOUND,
		                _("no assessment '%s': import its description first "
		                  "(mms import-spec)"),
		                x->o->assessment);
	}
	x->assessment = sqlite3_column_int64(st, 0);
	x->subject_key = strdup((const char *)sqlite3_column_text(st, 1));
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
		t->max = sqlite3_column_double(st, 3);
		t->slot = sqlite3_column_int(st, 4);
		if ((t->slot + 1) * MMS_SCORE_BYTES > x->bloblen)
			x->bloblen = (t->slot + 1) * MMS_SCORE_BYTES;
		x->ntasks++;
		x->max_total += t->max;
		if (!t->label || !t->key) {
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
	x->attempted = calloc(x->ntasks, sizeof(int));
	x->have = calloc(x->ntasks, sizeof(int));
	x->blob = calloc((size_t)x->bloblen, 1);
	if (!x->score || !x->attempted || !x->have || !x->blob)
		return rs_oom(x);
	return MMS_OK;
}

static int prepare_all(struct imp *x)
{
	static const struct {
		size_t off;
		const char *sql;
	} stmts[] = {
	    {offsetof(struct imp, find_school_code), "SELECT id FROM school WHERE code = ?1"},
	    {offsetof(struct imp, find_school_name), "SELECT id FROM school WHERE name_key = ?1"},
	    {offsetof(struct imp, find_class),
	     "SELECT id FROM class WHERE school_id = ?1 AND label_key = ?2"},
	    {offsetof(struct imp, find_part),
	     "SELECT id, digest FROM participant "
	     "WHERE assessment_id = ?1 AND school_id = ?2 AND code = ?3"},
	    {offsetof(struct imp, add_part),
	     "INSERT INTO participant(assessment_id, school_id, class_id, code, variant, "
	     "absent, import_id, digest, scores) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"},
	    {offsetof(struct imp, upd_part),
	     "UPDATE participant SET class_id = ?2, variant = ?3, absent = ?4, "
	     "import_id = ?5, digest = ?6, scores = ?7 WHERE id = ?1"},
	    {offsetof(struct imp, add_log),
	     "INSERT INTO import_log(command, file, sha256, assessment_id) "
	     "VALUES ('import-results', ?1, '', ?2)"},
	    {offsetof(struct imp, upd_log),
	     "UPDATE import_log SET sha256 = ?2, rows = ?3, students = ?4, absent = ?5, "
	     "scores = ?6, inserted = ?7, replaced = ?8, unchanged = ?9 WHERE id = ?1"},
	    {offsetof(struct imp, seen_hash),
	     "SELECT 1 FROM import_log WHERE sha256 = ?1 AND assessment_id = ?2 AND id <> ?3"},
	};

	for (size_t i = 0; i < sizeof(stmts) / sizeof(stmts[0]); i++) {
		int rc =
		    mms_prepare(x->db, (sqlite3_stmt **)((char *)x + stmts[i].off), stmts[i].sql);

		if (rc != MMS_OK)
			return rc;
	}
	return MMS_OK;
}

static void release(struct imp *x)
{
	sqlite3_stmt **all[] = {&x->find_school_code, &x->find_school_name, &x->find_class,
	                        &x->find_part,        &x->add_part,         &x->upd_part,
	                        &x->add_log,          &x->upd_log,          &x->seen_hash};

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		sqlite3_finalize(*all[i]);
	for (size_t i = 0; i < x->ntasks; i++) {
		free(x->tasks[i].label);
		free(x->tasks[i].key);
	}
	free(x->tasks);
	for (size_t i = 0; i < x->ncmap; i++) {
		free(x->cmap[i].ordinal);
		free(x->cmap[i].label);
	}
	free(x->cmap);
	for (size_t i = 0; i < x->nclasses; i++)
		free(x->classes[i].key);
	free(x->classes);
	free(x->last_school_value);
	free(x->last_class_value);
	free(x->subject_key);
	free(x->score);
	free(x->attempted);
	free(x->have);
	free(x->blob);
	mms_idset_free(&x->touched);
}

/* ---- rows -------------------------------------------------------------- */

int rs_lookup_id(struct imp *x, sqlite3_stmt *st, int64_t *id)
{
	int rc = sqlite3_step(st);

	*id = 0;
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return mms_fail_sql(x->db, "looking up the roster");
	return MMS_OK;
}

/* Finds the school a row's value names: a code, "Name(code)", or a name. */
static int resolve_school(struct imp *x, long line, int col, const char *value, int by_code,
                          int64_t *school)
{
	char *buf = NULL, *key = NULL;
	int rc = MMS_OK;

	if (x->last_school_value && strcmp(x->last_school_value, value) == 0) {
		*school = x->last_school;
		return *school ? MMS_OK : MMS_EDATA;
	}
	*school = 0;
	buf = strdup(value);
	if (!buf)
		return rs_oom(x);
	if (!by_code) {
		/* "МБОУ «Кириковская СОШ»(edu241000)": the code in the brackets */
		size_t n = strlen(buf);
		char *open = strrchr(buf, '(');

		if (open && n > 2 && buf[n - 1] == ')') {
			buf[n - 1] = '\0';
			sqlite3_bind_text(x->find_school_code, 1, mms_trim(open + 1), -1,
			                  SQLITE_STATIC);
			rc = rs_lookup_id(x, x->find_school_code, school);
			*open = '\0';
		}
		if (rc == MMS_OK && !*school) {
			key = mms_school_key(buf);
			if (!key) {
				free(buf);
				return rs_oom(x);
			}
			sqlite3_bind_text(x->find_school_name, 1, key, -1, SQLITE_STATIC);
			rc = rs_lookup_id(x, x->find_school_name, school);
		}
	} else {
		sqlite3_bind_text(x->find_school_code, 1, buf, -1, SQLITE_STATIC);
		rc = rs_lookup_id(x, x->find_school_code, school);
	}
	free(buf);
	free(key);
	if (rc != MMS_OK)
		return rc;
	free(x->last_school_value);
	x->last_school_value = strdup(value);
	x->last_school = *school;
	if (!x->last_school_value)
		return rs_oom(x);
	if (!*school) {
		mms_diag_cell(
		    x->db, x->src, line, col,
		    _("school '%s' is not in the roster (import it with mms import-roster)"),
		    value);
		return MMS_EDATA;
	}
	return MMS_OK;
}

static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static int store_row(struct imp *x, int64_t school, int64_t klass, const char *code,
                     const char *variant, int absent, long line)
{
	uint64_t h = 0xcbf29ce484222325ull;
	int64_t part = 0, digest;
	int rc, exists = 0, same = 0;

	h = fnv(h, &klass, sizeof(klass));
	h = fnv(h, variant, strlen(variant) + 1);
	h = fnv(h, &absent, sizeof(absent));
	for (size_t t = 0; !absent && t < x->ntasks; t++) {
		int64_t centi = (int64_t)llround(x->score[t] * 100);

		h = fnv(h, &x->tasks[t].id, sizeof(int64_t));
		h = fnv(h, &centi, sizeof(centi));
		h = fnv(h, &x->attempted[t], sizeof(int));
	}
	digest = (int64_t)(h >> 1);
	memset(x->blob, 0, (size_t)x->bloblen);
	for (size_t t = 0; !absent && t < x->ntasks; t++)
		mms_score_pack(x->blob + x->tasks[t].slot * MMS_SCORE_BYTES, x->score[t],
		               x->attempted[t]);

	sqlite3_bind_int64(x->find_part, 1, x->assessment);
	sqlite3_bind_int64(x->find_part, 2, school);
	sqlite3_bind_text(x->find_part, 3, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(x->find_part);
	if (rc == SQLITE_ROW) {
		exists = 1;
		part = sqlite3_column_int64(x->find_part, 0);
		same = sqlite3_column_int64(x->find_part, 1) == digest;
	} else if (rc != SQLITE_DONE) {
		sqlite3_reset(x->find_part);
		return mms_fail_sql(x->db, "looking up a participant");
	}
	sqlite3_reset(x->find_part);
	if (exists && mms_idset_has(&x->touched, part)) {
		mms_diag_cell(x->db, x->src, line, -1,
		              _("participant '%s' of this school appears twice in this import"),
		              code);
		return MMS_EDATA;
	}
	if (exists && same) {
		x->f_unch++;
		return mms_idset_add(&x->touched, part) < 0 ? rs_oom(x) : MMS_OK;
	}
	if (exists) {
		sqlite3_bind_int64(x->upd_part, 1, part);
		sqlite3_bind_int64(x->upd_part, 2, klass);
		sqlite3_bind_text(x->upd_part, 3, variant, -1, SQLITE_STATIC);
		sqlite3_bind_int(x->upd_part, 4, absent);
		sqlite3_bind_int64(x->upd_part, 5, x->log_id);
		sqlite3_bind_int64(x->upd_part, 6, digest);
		if (absent)
			sqlite3_bind_null(x->upd_part, 7);
		else
			sqlite3_bind_blob(x->upd_part, 7, x->blob, x->bloblen, SQLITE_STATIC);
		rc = mms_step_done(x->db, x->upd_part);
		if (rc != MMS_OK)
			return rc;
		x->f_rep++;
	} else {
		sqlite3_bind_int64(x->add_part, 1, x->assessment);
		sqlite3_bind_int64(x->add_part, 2, school);
		sqlite3_bind_int64(x->add_part, 3, klass);
		sqlite3_bind_text(x->add_part, 4, code, -1, SQLITE_STATIC);
		sqlite3_bind_text(x->add_part, 5, variant, -1, SQLITE_STATIC);
		sqlite3_bind_int(x->add_part, 6, absent);
		sqlite3_bind_int64(x->add_part, 7, x->log_id);
		sqlite3_bind_int64(x->add_part, 8, digest);
		if (absent)
			sqlite3_bind_null(x->add_part, 9);
		else
			sqlite3_bind_blob(x->add_part, 9, x->blob, x->bloblen, SQLITE_STATIC);
		rc = mms_step_done(x->db, x->add_part);
		if (rc != MMS_OK)
			return rc;
		part = sqlite3_last_insert_rowid(x->db->sql);
		x->f_ins++;
	}
	if (mms_idset_add(&x->touched, part) < 0)
		return rs_oom(x);
	return MMS_OK;
}

/*
 * A participant code is short and has no spaces: "10001", "0412-0015",
 * "МО-05-123".  A name ("Громов Иван") must never be stored in its place.
 */
static int participant_code_valid(const char *code)
{
	size_t len = strlen(code);

	return len <= 32 && !strchr(code, ' ') && strcspn(code, "0123456789") < len;
}

static int do_row(struct imp *x, const struct layout *L, mms_row *row)
{
	const char *code, *variant = "";
	int64_t school = x->forced_school, klass = 0;
	int bad = 0, absent = 0, nscored = 0, nmarked = 0, nempty = 0;
	int rc;

	rc = mms_src_fit(x->db, x->src, &row, L->ncols);
	if (rc != MMS_OK)
		return rc;
	code = row->f[L->code];
	if (!code[0]) {
		mms_diag_cell(x->db, x->src, row->line, L->code,
		              _("the participant code is empty"));
		return MMS_EDATA;
	}
	if (!participant_code_valid(code)) {
		/* never echo it: it may be a student's name */
		mms_diag_cell(
		    x->db, x->src, row->line, L->code,
		    _("the participant code has spaces or no digit, like a name, or is longer "
		      "than 32 characters: only participant codes may be stored"));
		return MMS_EDATA;
	}
	if (L->school_code >= 0 && row->f[L->school_code][0])
		rc = resolve_school(x, row->line, L->school_code, row->f[L->school_code], 1,
		                    &school);
	else if (L->school_name >= 0 && row->f[L->school_name][0])
		rc = resolve_school(x, row->line, L->school_name, row->f[L->school_name], 0,
		                    &school);
	else if (!x->forced_school) {
		mms_diag_cell(x->db, x->src, row->line, -1, _("the school is empty"));
		rc = MMS_EDATA;
	} else
		rc = MMS_OK;
	if (rc == MMS_OK && x->forced_school && school != x->forced_school) {
		mms_diag_cell(x->db, x->src, row->line, -1,
		              _("the row's school is not the school given with --school"));
		rc = MMS_EDATA;
	}
	if (rc == MMS_EDATA)
		return rc;
	if (rc != MMS_OK)
		return rc;
	if (L->variant >= 0)
		variant = row->f[L->variant];

	/* absent: a marker anywhere, and no score */
	memset(x->have, 0, x->ntasks * sizeof(int));
	for (size_t f = 0; f < L->ncols; f++) {
		enum col_kind k = L->cols[f].kind;
		const char *cell = row->f[f];

		/* a marker in another column (Отметка: н/я) comes with empty task cells */
		if (k != C_TASK && k != C_VARIANT && k != C_TOTAL && k != C_SHORT && k != C_LONG)
			continue;
		if (rs_is_absent_marker(cell))
			nmarked++;
		else if (k == C_TASK && !cell[0])
			nempty++;
		else if (k == C_TASK || ((k == C_SHORT || k == C_LONG) && cell[0]))
			nscored++;
	}
	if (nmarked && nscored) {
		mms_diag_cell(x->db, x->src, row->line, -1,
		              _("the row marks the participant absent but has scores"));
		return MMS_EDATA;
	}
	absent = nmarked > 0 || nscored == 0;
	if (rs_is_absent_marker(variant))
		variant = "";

	rc = rs_resolve_class(x, row->line, L->klass, school, row->f[L->klass], &klass);
	if (rc != MMS_OK)
		return rc;

	if (!absent) {
		if (L->shortans >= 0 || L->longans >= 0) {
			size_t next = 0;

			if (L->shortans >= 0)
				bad |= rs_parse_short(x, row->line, L->shortans,
				                      row->f[L->shortans], &next);
			if (!bad && L->longans >= 0)
				bad |= rs_parse_long(x, row->line, L->longans, row->f[L->longans],
				                     next);
			else if (!bad && next != x->ntasks) {
				mms_diag_cell(
				    x->db, x->src, row->line, -1,
				    _("the answers cover %zu tasks, assessment '%s' has %zu"), next,
				    x->o->assessment, x->ntasks);
				bad = 1;
			}
		} else {
			for (size_t f = 0; f < L->ncols; f++)
				if (L->cols[f].kind == C_TASK)
					bad |= rs_parse_cell(x, row->line, (int)f,
					                     (size_t)L->cols[f].task, row->f[f]);
		}
		if (!bad && L->total >= 0 && row->f[L->total][0]) {
			double total, sum = 0;

			for (size_t t = 0; t < x->ntasks; t++)
				sum += x->score[t];
			if (mms_parse_number(row->f[L->total], &total) != 0) {
				mms_diag_cell(x->db, x->src, row->line, L->total,
				              _("the primary score '%s' is not a number"),
				              row->f[L->total]);
				bad = 1;
			} else if (fabs(total - sum) > 1e-6) {
				mms_diag_cell(
				    x->db, x->src, row->line, L->total,
				    _("the primary score %g is not the sum of the task scores "
				      "%g (are the columns shifted?)"),
				    total, sum);
				bad = 1;
			}
		}
		if (bad)
			return MMS_EDATA;
	}
	rc = store_row(x, school, klass, code, variant, absent, row->line);
	if (rc != MMS_OK)
		return rc;
	if (absent) {
		x->f_absent++;
	} else {
		x->f_students++;
		x->f_scores += (long)x->ntasks;
		for (size_t t = 0; t < x->ntasks; t++)
			x->st->not_attempted += !x->attempted[t];
	}
	return MMS_OK;
}

static int import_file(struct imp *x, const char *file, int index, int nfiles)
{
	struct layout L = {0};
	mms_src *c = NULL;
	mms_row *row;
	int rc, bad = 0;
	struct header_probe hp = {x, &L, &bad};
	char hex[65];

	x->file = file;
	x->f_rows = x->f_students = x->f_absent = x->f_scores = x->f_ins = x->f_rep = x->f_unch = 0;
	sqlite3_bind_text(x->add_log, 1, file, -1, SQLITE_STATIC);
	sqlite3_bind_int64(x->add_log, 2, x->assessment);
	rc = mms_step_done(x->db, x->add_log);
	if (rc != MMS_OK)
		return rc;
	x->log_id = sqlite3_last_insert_rowid(x->db->sql);

	rc = mms_src_open(x->db, file, x->o->encoding, x->o->sheet, &c);
	if (rc != MMS_OK)
		return rc;
	x->src = c;
	rc = mms_src_find(x->db, c, rs_read_header, &hp);
	if (rc != MMS_OK || bad)
		goto out;
	while ((rc = mms_src_next(c, &row)) == 1) {
		if (mms_row_blank(row))
			continue;
		x->f_rows++;
		rc = do_row(x, &L, row);
		if (rc == MMS_EDATA)
			bad = 1;
		else if (rc != MMS_OK)
			goto out;
		if (x->o->progress && (x->f_rows & 1023) == 0)
			x->o->progress(x->o->progress_ctx, file, index, nfiles, x->f_rows);
	}
	if (rc < 0)
		goto out;
	rc = MMS_OK;
	if (x->f_rows == 0) {
		mms_diag_cell(x->db, x->src, 0, -1, _("the file has a header but no participants"));
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
	if (rc == MMS_OK && bad)
		rc = MMS_EDATA;
	x->st->rows += x->f_rows;
	x->st->students += x->f_students;
	x->st->absent += x->f_absent;
	x->st->scores += x->f_scores;
	x->st->inserted += x->f_ins;
	x->st->replaced += x->f_rep;
	x->st->unchanged += x->f_unch;
	free(L.cols);
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
	mms_diag_clear(db);
	db->code = 0;
	db->errmsg[0] = '\0';
	if (!o->assessment || !o->assessment[0])
		return mms_fail(db, MMS_EUSAGE, _("the assessment ID is empty"));

	rc = mms_tx_begin(db);
	if (rc != MMS_OK)
		return rc;
	rc = load_assessment(&x);
	if (rc == MMS_OK)
		rc = rs_parse_class_map(&x);
	if (rc == MMS_OK)
		rc = prepare_all(&x);
	if (rc == MMS_OK && o->school) {
		sqlite3_bind_text(x.find_school_code, 1, o->school, -1, SQLITE_STATIC);
		rc = rs_lookup_id(&x, x.find_school_code, &x.forced_school);
		if (rc == MMS_OK && !x.forced_school)
			rc = mms_fail(db, MMS_ENOTFOUND,
			              _("no school with code '%s' (import the roster first)"),
			              o->school);
	}
	for (int i = 0; rc == MMS_OK && i < nfiles; i++) {
		rc = import_file(&x, files[i], i, nfiles);
		stats->files++;
		if (rc == MMS_EDATA) {
			bad = 1;
			rc = MMS_OK; /* go on: list the problems of every file */
		}
	}
	release(&x);
	if (rc == MMS_OK && bad)
		rc = mms_fail(db, MMS_EDATA, _("the results have errors; nothing was imported"));
	if (rc != MMS_OK || o->dry_run) {
		mms_tx_rollback(db);
		return rc;
	}
	return mms_tx_commit(db);
}
