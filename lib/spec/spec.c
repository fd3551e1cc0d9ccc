#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "idset.h"
#include "input/source.h"
#include "mms/spec.h"
#include "roster/refs.h"
#include "spec/spec_internal.h"
#include "text.h"

enum { COL_TASK, COL_MAX, COL_LEVEL, COL_CODES, COL_TEXT, COL_KIND, NCOLS };

static const char *const n_task[] = {"Задание", "№ задания", "Номер задания", "№", "Task", NULL};
static const char *const n_max[] = {
    "Макс. балл", "Максимальный балл", "Макс балл", "Max score", "Max", NULL};
static const char *const n_level[] = {"Уровень", "Уровень сложности", "Level", NULL};
static const char *const n_codes[] = {"Код умения", "Коды умений", "Код", "КЭС",
                                      "Skill code", "Skill codes", NULL};
static const char *const n_text[] = {"Проверяемое умение",
                                     "Проверяемые умения",
                                     "Умение",
                                     "Проверяемые требования (умения)",
                                     "Skill",
                                     "Skill text",
                                     NULL};
static const char *const n_kind[] = {"Вид умения", "Тип умения", "Вид", "Skill kind", "Kind", NULL};

static const mms_column spec_cols[NCOLS] = {
    {n_task, 1}, {n_max, 1}, {n_level, 1}, {n_codes, 1}, {n_text, 1}, {n_kind, 0},
};

int mms_level_parse(const char *s, const char **level)
{
	char *k = mms_key(s);
	int rc = -1;

	if (!k)
		return -1;
	if (!strcmp(k, "б") || !strncmp(k, "базов", strlen("базов")) || !strcmp(k, "b") ||
	    !strcmp(k, "basic"))
		*level = "Б", rc = 0;
	else if (!strcmp(k, "п") || !strncmp(k, "повыш", strlen("повыш")) || !strcmp(k, "advanced"))
		*level = "П", rc = 0;
	else if (!strcmp(k, "в") || !strncmp(k, "высок", strlen("высок")) || !strcmp(k, "h") ||
	         !strcmp(k, "high"))
		*level = "В", rc = 0;
	free(k);
	return rc;
}

int mms_skill_kind_parse(const char *s, const char **kind)
{
	static const struct {
		const char *stem, *kind;
	} stems[] = {
	    {"функционал", "literacy"}, {"грамотн", "literacy"}, {"literacy", "literacy"},
	    {"метапредм", "meta"},      {"ууд", "meta"},         {"регулятив", "meta"},
	    {"познават", "meta"},       {"коммуникат", "meta"},  {"meta", "meta"},
	    {"предметн", "subject"},    {"subject", "subject"},
	};
	char *k = mms_key(s);
	int rc = -1;

	if (!k)
		return -1;
	if (!k[0]) {
		*kind = "subject";
		rc = 0;
	}
	for (size_t i = 0; rc < 0 && i < sizeof(stems) / sizeof(stems[0]); i++) {
		if (strstr(k, stems[i].stem)) {
			*kind = stems[i].kind;
			rc = 0;
		}
	}
	free(k);
	return rc;
}

int mms_date_valid(const char *s)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d;
	char tail;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !(s[i] >= '0' && s[i] <= '9'))
			return 0;
	if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return 0;
	if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

struct spec_ctx {
	mms_db *db;
	const char *file;
	int64_t assessment, subject;
	sqlite3_stmt *task, *unlink, *skill, *skill_find, *skill_word, *skill_used, *link,
	    *over_max;
	mms_idset worded;   /* skills given their own wording by this description */
	const char *system; /* the code system of the description's skills */
	mms_idset kept;
	mms_spec_stats *st;
	mms_idset skills;
	mms_src *src; /* the description being read */
	int map[NCOLS];
};

static int assessment_upsert(struct spec_ctx *x, const mms_spec_opts *o)
{
	sqlite3_stmt *st;
	int rc;

	rc = mms_prepare(
	    x->db, &st,
	    "SELECT a.id, a.subject_id, a.grade, s.name, "
	    "EXISTS (SELECT 1 FROM participant p WHERE p.assessment_id = a.id) "
	    "FROM assessment a JOIN subject s ON s.id = a.subject_id WHERE a.code = ?1");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_text(st, 1, o->assessment, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		x->assessment = sqlite3_column_int64(st, 0);
		if ((sqlite3_column_int64(st, 1) != x->subject ||
		     sqlite3_column_int(st, 2) != o->grade) &&
		    sqlite3_column_int(st, 4)) {
			rc = mms_fail(x->db, MMS_EDATA,
			              _("assessment '%s' already has results for %s, grade %d: "
			                "its subject and grade cannot change"),
			              o->assessment, (const char *)sqlite3_column_text(st, 3),
			              sqlite3_column_int(st, 2));
			sqlite3_finalize(st);
			return rc;
		}
		sqlite3_finalize(st);
		rc = mms_prepare(x->db, &st,
		                 "UPDATE assessment SET kind = ?2, subject_id = ?3, grade = ?4, "
		                 "date = coalesce(?5, date), codes = ?6 WHERE id = ?1");
		if (rc != MMS_OK)
			return rc;
		sqlite3_bind_int64(st, 1, x->assessment);
	} else if (rc == SQLITE_DONE) {
		sqlite3_finalize(st);
		rc = mms_prepare(
		    x->db, &st,
		    "INSERT INTO assessment(code, kind, subject_id, grade, date, codes) "
		    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
		if (rc != MMS_OK)
			return rc;
		sqlite3_bind_text(st, 1, o->assessment, -1, SQLITE_STATIC);
		x->st->created = 1;
	} else {
		rc = mms_fail_sql(x->db, "looking up the assessment");
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_bind_text(st, 2, o->kind && o->kind[0] ? o->kind : "ВПР", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, x->subject);
	sqlite3_bind_int(st, 4, o->grade);
	if (o->date)
		sqlite3_bind_text(st, 5, o->date, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_text(st, 6, x->system, -1, SQLITE_STATIC);
	rc = mms_step_done(x->db, st);
	if (rc == MMS_OK && x->st->created)
		x->assessment = sqlite3_last_insert_rowid(x->db->sql);
	sqlite3_finalize(st);
	return rc;
}

static int prepare_all(struct spec_ctx *x)
{
	int rc;

	if ((rc = mms_prepare(
	         x->db, &x->task,
	         "INSERT INTO task(assessment_id, label, label_key, position, "
	         "max_score, level, slot) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	         "(SELECT coalesce(max(slot) + 1, 0) FROM task WHERE assessment_id = ?1)) "
	         "ON CONFLICT(assessment_id, label_key) DO UPDATE SET "
	         "label = excluded.label, position = excluded.position, "
	         "max_score = excluded.max_score, level = excluded.level "
	         "RETURNING id")) != MMS_OK ||
	    (rc = mms_prepare(x->db, &x->unlink, "DELETE FROM task_skill WHERE task_id = ?1")) !=
	        MMS_OK ||
	    (rc = mms_prepare(x->db, &x->skill_find,
	                      "SELECT id, text, text_own FROM skill WHERE subject_id = ?1 "
	                      "AND system = ?2 AND code = ?3")) != MMS_OK ||
	    (rc = mms_prepare(x->db, &x->skill,
	                      "INSERT INTO skill(subject_id, system, code, text, text_own, kind, "
	                      "kind_text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id")) !=
	        MMS_OK ||
	    (rc = mms_prepare(x->db, &x->skill_word,
	                      "UPDATE skill SET text = ?2, text_own = 1 WHERE id = ?1")) !=
	        MMS_OK ||
	    (rc = mms_prepare(x->db, &x->skill_used,
	                      "SELECT 1 FROM task_skill ts JOIN task t ON t.id = ts.task_id "
	                      "WHERE ts.skill_id = ?1 AND t.assessment_id <> ?2 LIMIT 1")) !=
	        MMS_OK ||
	    (rc = mms_prepare(
	         x->db, &x->link,
	         "INSERT OR IGNORE INTO task_skill(task_id, skill_id) VALUES (?1, ?2)")) !=
	        MMS_OK ||
	    (rc = mms_prepare(x->db, &x->over_max,
	                      "SELECT max(score) FROM score WHERE task_id = ?1")) != MMS_OK)
		return rc;
	return MMS_OK;
}

static void finalize_all(struct spec_ctx *x)
{
	sqlite3_finalize(x->task);
	sqlite3_finalize(x->unlink);
	sqlite3_finalize(x->skill);
	sqlite3_finalize(x->skill_find);
	sqlite3_finalize(x->skill_word);
	sqlite3_finalize(x->skill_used);
	mms_idset_free(&x->worded);
	sqlite3_finalize(x->link);
	sqlite3_finalize(x->over_max);
	mms_idset_free(&x->kept);
	mms_idset_free(&x->skills);
}

static int step_row_id(struct spec_ctx *x, sqlite3_stmt *st, int64_t *id)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_ROW) {
		rc = mms_fail_sql(x->db, "writing the assessment's description");
		sqlite3_reset(st);
		return rc;
	}
	*id = sqlite3_column_int64(st, 0);
	while (sqlite3_step(st) == SQLITE_ROW)
		;
	sqlite3_reset(st);
	return MMS_OK;
}

/*
 * The skill CODE of the description's code system: found, or added.  TEXT
 * is the code's own wording when OWN, else a requirement's words standing in
 * for it.  A skill keeps the wording it has: a different own wording is
 * refused with both shown (MMS_EDATA), never written over.
 */
static int skill_of(struct spec_ctx *x, long line, const char *code, const char *text, int own,
                    const char *kind, const char *kind_text, int64_t *skill)
{
	int rc;

	sqlite3_bind_int64(x->skill_find, 1, x->subject);
	sqlite3_bind_text(x->skill_find, 2, x->system, -1, SQLITE_STATIC);
	sqlite3_bind_text(x->skill_find, 3, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(x->skill_find);
	if (rc == SQLITE_ROW) {
		const char *had = (const char *)sqlite3_column_text(x->skill_find, 1);
		int had_own = sqlite3_column_int(x->skill_find, 2) && had[0];
		char *a = NULL, *b = NULL;
		int differ;

		*skill = sqlite3_column_int64(x->skill_find, 0);
		if (!own || !text[0]) {
			sqlite3_reset(x->skill_find);
			return MMS_OK;
		}
		a = mms_key(had);
		b = mms_key(text);
		if (!a || !b) {
			free(a);
			free(b);
			sqlite3_reset(x->skill_find);
			return mms_fail(x->db, MMS_ENOMEM, _("out of memory"));
		}
		differ = strcmp(a, b) != 0;
		free(a);
		free(b);
		if (had_own && differ && !mms_idset_has(&x->worded, *skill)) {
			/* a skill only this assessment uses may be reworded by its description */
			sqlite3_bind_int64(x->skill_used, 1, *skill);
			sqlite3_bind_int64(x->skill_used, 2, x->assessment);
			rc = sqlite3_step(x->skill_used);
			sqlite3_reset(x->skill_used);
			if (rc == SQLITE_DONE) {
				had_own = 0;
			} else if (rc != SQLITE_ROW) {
				sqlite3_reset(x->skill_find);
				return mms_fail_sql(x->db, "looking up a skill's descriptions");
			}
		}
		if (had_own && differ) {
			mms_diag_cell(
			    x->db, x->src, line, x->map[COL_TEXT],
			    _("skill '%s' of the code system '%s' is «%s», here «%s»: a "
			      "description never rewords a skill (another description's "
			      "may use it); give this one its own code system with --codes, "
			      "or the same wording"),
			    code, x->system, had, text);
			sqlite3_reset(x->skill_find);
			return MMS_EDATA;
		}
		sqlite3_reset(x->skill_find);
		if (mms_idset_add(&x->worded, *skill) < 0)
			return mms_fail(x->db, MMS_ENOMEM, _("out of memory"));
		if (had_own)
			return MMS_OK;
		/* the code's own wording replaces a requirement's standing in for it */
		sqlite3_bind_int64(x->skill_word, 1, *skill);
		sqlite3_bind_text(x->skill_word, 2, text, -1, SQLITE_STATIC);
		return mms_step_done(x->db, x->skill_word);
	}
	sqlite3_reset(x->skill_find);
	if (rc != SQLITE_DONE)
		return mms_fail_sql(x->db, "looking up a skill");
	sqlite3_bind_int64(x->skill, 1, x->subject);
	sqlite3_bind_text(x->skill, 2, x->system, -1, SQLITE_STATIC);
	sqlite3_bind_text(x->skill, 3, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(x->skill, 4, text, -1, SQLITE_STATIC);
	sqlite3_bind_int(x->skill, 5, own && text[0]);
	sqlite3_bind_text(x->skill, 6, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(x->skill, 7, kind_text, -1, SQLITE_STATIC);
	rc = step_row_id(x, x->skill, skill);
	if (rc == MMS_OK && own && text[0] && mms_idset_add(&x->worded, *skill) < 0)
		rc = mms_fail(x->db, MMS_ENOMEM, _("out of memory"));
	return rc;
}

static int link_skills(struct spec_ctx *x, long line, int64_t task, const char *codes,
                       const char *text, const char *kind, const char *kind_text)
{
	char *copy = strdup(codes), *save = NULL, *tok;
	int rc = MMS_OK, n = 0, ncodes = 0;

	if (!copy)
		return mms_fail(x->db, MMS_ENOMEM, _("out of memory"));
	/* a row's words are one code's own wording only when it names one code */
	for (const char *p = codes; *p; p += strcspn(p, ",;"), p += *p != 0) {
		size_t len = strcspn(p, ",;");

		for (size_t i = 0; i < len; i++)
			if (p[i] != ' ') {
				ncodes++;
				break;
			}
	}
	for (tok = strtok_r(copy, ",;", &save); tok; tok = strtok_r(NULL, ",;", &save)) {
		char *code = mms_trim(tok);
		int64_t skill = 0;

		if (!code[0])
			continue;
		rc = skill_of(x, line, code, text, ncodes == 1, kind, kind_text, &skill);
		if (rc != MMS_OK)
			break;
		if (mms_idset_add(&x->skills, skill) < 0) {
			rc = mms_fail(x->db, MMS_ENOMEM, _("out of memory"));
			break;
		}
		sqlite3_bind_int64(x->link, 1, task);
		sqlite3_bind_int64(x->link, 2, skill);
		rc = mms_step_done(x->db, x->link);
		if (rc != MMS_OK)
			break;
		n++;
	}
	free(copy);
	if (rc == MMS_OK && n == 0) {
		mms_diag_cell(x->db, x->src, line, x->map[COL_CODES],
		              _("the task has no skill code"));
		rc = MMS_EDATA;
	}
	return rc;
}

static int import_row(struct spec_ctx *x, const mms_row *row, const int *map, int position)
{
	const char *label = row->f[map[COL_TASK]];
	const char *maxs = row->f[map[COL_MAX]];
	const char *levels = row->f[map[COL_LEVEL]];
	const char *kinds = map[COL_KIND] >= 0 ? row->f[map[COL_KIND]] : "";
	const char *level = NULL, *kind = NULL;
	double max = 0;
	char *key = NULL;
	int64_t task = 0;
	int rc, bad = 0;

	if (!label[0]) {
		mms_diag_cell(x->db, x->src, row->line, map[COL_TASK],
		              _("the task number is empty"));
		bad = 1;
	}
	if (mms_parse_number(maxs, &max) != 0 || max <= 0 || max > 100) {
		mms_diag_cell(x->db, x->src, row->line, map[COL_MAX],
		              _("maximum score '%s' is not a number from 0 to 100"), maxs);
		bad = 1;
	}
	if (mms_level_parse(levels, &level) != 0) {
		mms_diag_cell(x->db, x->src, row->line, map[COL_LEVEL],
		              _("level '%s' is not Б, П or В"), levels);
		bad = 1;
	}
	if (mms_skill_kind_parse(kinds, &kind) != 0) {
		mms_diag_cell(x->db, x->src, row->line, map[COL_KIND],
		              _("kind of skill '%s' is none of: предметное, метапредметное (УУД), "
		                "функциональная грамотность"),
		              kinds);
		bad = 1;
	}
	if (bad)
		return MMS_EDATA;
	key = mms_key(label);
	if (!key)
		return mms_fail(x->db, MMS_ENOMEM, _("out of memory"));
	sqlite3_bind_int64(x->task, 1, x->assessment);
	sqlite3_bind_text(x->task, 2, label, -1, SQLITE_STATIC);
	sqlite3_bind_text(x->task, 3, key, -1, SQLITE_STATIC);
	sqlite3_bind_int(x->task, 4, position);
	sqlite3_bind_double(x->task, 5, max);
	sqlite3_bind_text(x->task, 6, level, -1, SQLITE_STATIC);
	rc = step_row_id(x, x->task, &task);
	free(key);
	if (rc != MMS_OK)
		return rc;
	rc = mms_idset_add(&x->kept, task);
	if (rc < 0)
		return mms_fail(x->db, MMS_ENOMEM, _("out of memory"));
	if (rc == 0) {
		mms_diag_cell(x->db, x->src, row->line, map[COL_TASK], _("task '%s' appears twice"),
		              label);
		return MMS_EDATA;
	}
	/* results stored earlier must still fit the task's maximum */
	sqlite3_bind_int64(x->over_max, 1, task);
	if (sqlite3_step(x->over_max) == SQLITE_ROW &&
	    sqlite3_column_type(x->over_max, 0) != SQLITE_NULL &&
	    sqlite3_column_double(x->over_max, 0) > max) {
		mms_diag_cell(x->db, x->src, row->line, map[COL_MAX],
		              _("task '%s' has stored results up to %g points, above the new "
		                "maximum %g"),
		              label, sqlite3_column_double(x->over_max, 0), max);
		sqlite3_reset(x->over_max);
		return MMS_EDATA;
	}
	sqlite3_reset(x->over_max);
	sqlite3_bind_int64(x->unlink, 1, task);
	rc = mms_step_done(x->db, x->unlink);
	if (rc != MMS_OK)
		return rc;
	x->st->tasks++;
	x->st->max_total += max;
	return link_skills(x, row->line, task, row->f[map[COL_CODES]], row->f[map[COL_TEXT]], kind,
	                   kinds);
}

/* Tasks of the assessment the new description no longer has. */
static int drop_missing(struct spec_ctx *x)
{
	sqlite3_stmt *st, *del;
	int rc;

	rc = mms_prepare(
	    x->db, &st,
	    "SELECT t.id, t.label, EXISTS (SELECT 1 FROM score s WHERE s.task_id = t.id) "
	    "FROM task t WHERE t.assessment_id = ?1");
	if (rc != MMS_OK)
		return rc;
	rc = mms_prepare(x->db, &del, "DELETE FROM task WHERE id = ?1");
	if (rc != MMS_OK) {
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_bind_int64(st, 1, x->assessment);
	while (rc == MMS_OK && sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);

		if (mms_idset_has(&x->kept, id))
			continue;
		if (sqlite3_column_int(st, 2)) {
			mms_diag(x->db, x->file, 0,
			         _("task '%s' has stored results but is missing from the new "
			           "description"),
			         (const char *)sqlite3_column_text(st, 1));
			rc = MMS_EDATA;
			break;
		}
		sqlite3_bind_int64(del, 1, id);
		rc = mms_step_done(x->db, del);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(del);
	return rc;
}

static int import_spec_file(struct spec_ctx *x, const mms_spec_opts *o)
{
	mms_row *row;
	int *map = x->map;
	size_t width;
	int rc, bad = 0, position = 0;

	rc = mms_src_open(x->db, x->file, o->encoding, o->sheet, &x->src);
	if (rc != MMS_OK)
		return rc;
	rc = mms_src_header(x->db, x->src, spec_cols, NCOLS, map, &row);
	if (rc != MMS_OK)
		goto out;
	width = row->n;
	while ((rc = mms_src_next(x->src, &row)) == 1) {
		if (mms_row_blank(row))
			continue;
		rc = mms_src_fit(x->db, x->src, &row, width);
		if (rc == MMS_EDATA) {
			bad = 1;
			continue;
		}
		if (rc != MMS_OK)
			goto out;
		rc = import_row(x, row, map, ++position);
		if (rc == MMS_EDATA)
			bad = 1;
		else if (rc != MMS_OK)
			goto out;
	}
	if (rc < 0)
		goto out;
	if (!bad && position == 0) {
		mms_diag(x->db, x->file, 0, _("the description has no tasks"));
		bad = 1;
	}
	rc = bad ? MMS_EDATA : drop_missing(x);
out:
	mms_src_close(x->src);
	x->src = NULL;
	return rc;
}

int mms_spec_import(mms_db *db, const mms_spec_opts *o, const char *file, mms_spec_stats *stats)
{
	static char system[128]; /* stats->system points here */
	struct spec_ctx x;
	int rc;

	memset(stats, 0, sizeof(*stats));
	memset(&x, 0, sizeof(x));
	x.db = db;
	x.file = file;
	x.st = stats;
	mms_diag_clear(db);
	if (!o->assessment || !o->assessment[0])
		return mms_fail(db, MMS_EUSAGE, _("the assessment ID is empty"));
	if (!o->subject || !o->subject[0])
		return mms_fail(db, MMS_EUSAGE, _("the subject is empty"));
	if (o->grade < 1 || o->grade > 11)
		return mms_fail(db, MMS_EUSAGE, _("grade %d is not from 1 to 11"), o->grade);
	if (o->date && !mms_date_valid(o->date))
		return mms_fail(db, MMS_EUSAGE, _("date '%s' is not a date YYYY-MM-DD"), o->date);

	/* the code system: as given, else the assessment's kind and grade (ВПР-5) */
	if (o->codes && o->codes[0]) {
		snprintf(system, sizeof(system), "%s", o->codes);
		mms_trim(system);
	} else {
		snprintf(system, sizeof(system), "%s-%d", o->kind && o->kind[0] ? o->kind : "ВПР",
		         o->grade);
	}
	if (!system[0])
		return mms_fail(db, MMS_EUSAGE, _("the code system is empty"));
	x.system = system;
	stats->system = x.system;
	rc = mms_tx_begin(db);
	if (rc != MMS_OK)
		return rc;
	rc = mms_subject_ensure(db, o->subject, &x.subject);
	if (rc == MMS_OK)
		rc = assessment_upsert(&x, o);
	if (rc == MMS_OK)
		rc = prepare_all(&x);
	if (rc == MMS_OK)
		rc = import_spec_file(&x, o);
	stats->skills = (int)x.skills.count;
	finalize_all(&x);
	if (rc == MMS_EDATA && mms_diag_count(db) > 0)
		mms_fail(db, MMS_EDATA, _("the description has errors; nothing was imported"));
	if (rc != MMS_OK) {
		mms_tx_rollback(db);
		return rc;
	}
	return mms_tx_commit(db);
}
