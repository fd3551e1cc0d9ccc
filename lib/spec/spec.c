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

int mms_date_parse(const char *s, char out[11])
{
	int d, m, y, n = 0;
	char buf[32];

	/* ДД.ММ.ГГГГ (also Д.М.ГГГГ) as people write dates in Russian */
	if (s && strchr(s, '.') && sscanf(s, "%2d.%2d.%4d%n", &d, &m, &y, &n) == 3 &&
	    s[n] == '\0' && y >= 1000 && y <= 9999 && m >= 0 && m <= 99 && d >= 0 && d <= 99) {
		snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
		s = buf;
	}
	if (!s || !mms_date_valid(s))
		return -1;
	memcpy(out, s, 10);
	out[10] = '\0';
	return 0;
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
	const char *date;   /* the assessment's date as YYYY-MM-DD, or NULL */
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
		sqlite3_bind_text(st, 5, x->date, -1, SQLITE_STATIC);
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
static int skill_of(struct spec_ctx *x, long line, const char *system, const char *code,
                    const char *text, int own, const char *kind, const char *kind_text,
                    int64_t *skill)
{
	int rc;

	sqlite3_bind_int64(x->skill_find, 1, x->subject);
	sqlite3_bind_text(x->skill_find, 2, system, -1, SQLITE_STATIC);
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
			return mms_oom(x->db);
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
			    code, system, had, text);
			sqlite3_reset(x->skill_find);
			return MMS_EDATA;
		}
		sqlite3_reset(x->skill_find);
		if (mms_idset_add(&x->worded, *skill) < 0)
			return mms_oom(x->db);
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
	sqlite3_bind_text(x->skill, 2, system, -1, SQLITE_STATIC);
	sqlite3_bind_text(x->skill, 3, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(x->skill, 4, text, -1, SQLITE_STATIC);
	sqlite3_bind_int(x->skill, 5, own && text[0]);
	sqlite3_bind_text(x->skill, 6, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(x->skill, 7, kind_text, -1, SQLITE_STATIC);
	rc = step_row_id(x, x->skill, skill);
	if (rc == MMS_OK && own && text[0] && mms_idset_add(&x->worded, *skill) < 0)
		rc = mms_oom(x->db);
	return rc;
}

/* The skill CODE of SYSTEM (see skill_of()) checked by TASK. */
static int link_skill(struct spec_ctx *x, long line, int64_t task, const char *system,
                      const char *code, const char *text, int own, const char *kind,
                      const char *kind_text)
{
	int64_t skill = 0;
	int rc = skill_of(x, line, system, code, text, own, kind, kind_text, &skill);

	if (rc != MMS_OK)
		return rc;
	if (mms_idset_add(&x->skills, skill) < 0)
		return mms_oom(x->db);
	sqlite3_bind_int64(x->link, 1, task);
	sqlite3_bind_int64(x->link, 2, skill);
	return mms_step_done(x->db, x->link);
}

static int link_skills(struct spec_ctx *x, long line, int64_t task, const char *codes,
                       const char *text, const char *kind, const char *kind_text)
{
	char *copy = strdup(codes), *save = NULL, *tok;
	int rc = MMS_OK, n = 0, ncodes = 0;

	if (!copy)
		return mms_oom(x->db);
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

		if (!code[0])
			continue;
		rc = link_skill(x, line, task, x->system, code, text, ncodes == 1, kind, kind_text);
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

/*
 * Writes task LABEL (its POSITION, maximum, level): added or updated, its
 * skills to be linked anew.  MMS_EDATA after a diagnostic at LINE (COL_TASK,
 * COL_MAX: the cells to name) when the task comes twice or results stored
 * exceed the new maximum.
 */
static int write_task(struct spec_ctx *x, long line, const char *label, int position, double max,
                      const char *level, int col_task, int col_max, int64_t *task)
{
	char *key = mms_key(label);
	int rc;

	if (!key)
		return mms_oom(x->db);
	sqlite3_bind_int64(x->task, 1, x->assessment);
	sqlite3_bind_text(x->task, 2, label, -1, SQLITE_STATIC);
	sqlite3_bind_text(x->task, 3, key, -1, SQLITE_STATIC);
	sqlite3_bind_int(x->task, 4, position);
	sqlite3_bind_double(x->task, 5, max);
	sqlite3_bind_text(x->task, 6, level, -1, SQLITE_STATIC);
	rc = step_row_id(x, x->task, task);
	free(key);
	if (rc != MMS_OK)
		return rc;
	rc = mms_idset_add(&x->kept, *task);
	if (rc < 0)
		return mms_oom(x->db);
	if (rc == 0) {
		mms_diag_cell(x->db, x->src, line, col_task, _("task '%s' appears twice"), label);
		return MMS_EDATA;
	}
	/* results stored earlier must still fit the task's maximum */
	sqlite3_bind_int64(x->over_max, 1, *task);
	if (sqlite3_step(x->over_max) == SQLITE_ROW &&
	    sqlite3_column_type(x->over_max, 0) != SQLITE_NULL &&
	    sqlite3_column_double(x->over_max, 0) > max) {
		mms_diag_cell(x->db, x->src, line, col_max,
		              _("task '%s' has stored results up to %g points, above the new "
		                "maximum %g"),
		              label, sqlite3_column_double(x->over_max, 0), max);
		sqlite3_reset(x->over_max);
		return MMS_EDATA;
	}
	sqlite3_reset(x->over_max);
	sqlite3_bind_int64(x->unlink, 1, *task);
	rc = mms_step_done(x->db, x->unlink);
	if (rc != MMS_OK)
		return rc;
	x->st->tasks++;
	x->st->max_total += max;
	return MMS_OK;
}

static int import_row(struct spec_ctx *x, const mms_row *row, const int *map, int position)
{
	const char *label = row->f[map[COL_TASK]];
	const char *maxs = row->f[map[COL_MAX]];
	const char *levels = row->f[map[COL_LEVEL]];
	const char *kinds = map[COL_KIND] >= 0 ? row->f[map[COL_KIND]] : "";
	const char *level = NULL, *kind = NULL;
	double max = 0;
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
	rc = write_task(x, row->line, label, position, max, level, map[COL_TASK], map[COL_MAX],
	                &task);
	if (rc != MMS_OK)
		return rc;
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

/* ---- descriptions as published ------------------------------------------
 *
 * The task tables of ВПР descriptions as regions keep them (ALL.xlsx: one row
 * per task × КЭС × КТ, the item's place in the results in its own column) and
 * the plan table of the official description (№ merged over a task's rows,
 * parts with their own maximum, wrapped lines, a footer).  Rows are merged
 * into items: a task's rows name its КЭС and КТ codes, each a skill of the
 * code systems SYSTEM/КЭС and SYSTEM/КТ.
 */

enum { P_LABEL, P_NUM, P_TEXT, P_LEVEL, P_KES, P_KT, P_KESKT, P_MAX, NPCOLS };

static const char *const p_label[] = {"№ по киму", "№ по ким", "№ ким", "№ задания в ким", NULL};
static const char *const p_num[] = {"№", "№ задания", "номер задания", "задание", "№ п/п", NULL};
static const char *const p_text[] = {"умения, виды деятельности (в соответствии с фгос)",
                                     "проверяемые требования (умения)",
                                     "проверяемые умения",
                                     "проверяемые требования",
                                     "умения",
                                     "умение",
                                     NULL};
static const char *const p_level[] = {"уровень сложности", "уровень", NULL};
static const char *const p_kes[] = {"код кэс", "коды кэс", NULL};
static const char *const p_kt[] = {"код кт", "коды кт", NULL};
static const char *const p_keskt[] = {"код кэс/кт",  "коды кэс/кт", "код кт/кэс",
                                      "код кт/ кэс", "код кэс/ кт", NULL};
static const char *const p_max[] = {"максимальный балл за выполнение задания", "максимальный балл",
                                    "макс. балл", "макс балл", NULL};
static const char *const *const p_names[NPCOLS] = {p_label, p_num, p_text,  p_level,
                                                   p_kes,   p_kt,  p_keskt, p_max};

static int key_in(const char *key, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(key, *names) == 0)
			return 1;
	return 0;
}

/* The published columns of ROW in PMAP; 1 when ROW is such a header. */
static int published_header(const mms_row *row, int *pmap, int *nomem)
{
	*nomem = 0;
	for (int i = 0; i < NPCOLS; i++)
		pmap[i] = -1;
	for (size_t f = 0; f < row->n; f++) {
		char *k;

		if (!row->f[f][0])
			continue;
		if (!(k = mms_key(row->f[f]))) {
			*nomem = 1;
			return 0;
		}
		for (int i = 0; i < NPCOLS; i++) {
			if (pmap[i] < 0 && key_in(k, p_names[i])) {
				pmap[i] = (int)f;
				break;
			}
		}
		/* Умения, виды деятельности (в соответствии с ФГОС …) in other words */
		if (pmap[P_TEXT] < 0 &&
		    (strncmp(k, "умения, виды деятельности", strlen("умения, виды деятельности")) ==
		         0 ||
		     strncmp(k, "проверяемые требования", strlen("проверяемые требования")) == 0))
			pmap[P_TEXT] = (int)f;
		free(k);
	}
	return (pmap[P_LABEL] >= 0 || pmap[P_NUM] >= 0) && pmap[P_MAX] >= 0 &&
	       (pmap[P_KES] >= 0 || pmap[P_KT] >= 0 || pmap[P_KESKT] >= 0);
}

/* One item being read: a task, or a part of one. */
struct item {
	char label[32];
	char pos[16]; /* its place in the results (ALL.xlsx's №), or "" */
	double max;   /* -1 until a row gives it */
	const char *level;
	char *text;       /* the first row's words */
	mms_buf codes[3]; /* КЭС, КТ, КЭС/КТ: "a,b," */
	int rows;
	long line;
};

struct published {
	struct item *items;
	size_t n, cap;
	int pmap[NPCOLS];
	char task[32]; /* the task number the rows are under (plan tables) */
	int parts;     /* of that task */
};

static void items_free(struct published *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->items[i].text);
		for (int c = 0; c < 3; c++)
			mms_buf_free(&p->items[i].codes[c]);
	}
	free(p->items);
}

/* "4K2" with a Latin K is "4К2"; spaces dropped. */
static void normalize_label(const char *in, char *out, size_t size)
{
	size_t o = 0;

	for (const char *p = in; *p && o + 3 < size; p++) {
		if (*p == ' ')
			continue;
		if ((*p == 'K' || *p == 'k') && p > in && p[-1] >= '0' && p[-1] <= '9') {
			out[o++] = (char)0xD0; /* К */
			out[o++] = (char)0x9A;
			continue;
		}
		out[o++] = *p;
	}
	out[o] = '\0';
}

/* Adds the codes of a cell ("1.2, 1.3", "1.1,\n2.1", "2.2.") to B (",a,b,"), each once. */
static int add_codes(mms_buf *b, const char *cell)
{
	const char *p = cell;

	while (*p) {
		size_t len = strcspn(p, ",;/\n\r");
		char code[64], probe[68];
		size_t n = 0;

		for (size_t i = 0; i < len && n + 1 < sizeof(code); i++)
			if (p[i] != ' ' && p[i] != '\t')
				code[n++] = p[i];
		while (n > 0 && code[n - 1] == '.')
			n--; /* "2.2." is 2.2 */
		code[n] = '\0';
		snprintf(probe, sizeof(probe), ",%s,", code);
		if (n && (!b->len || !strstr(b->p, probe)) &&
		    mms_buf_addf(b, "%s%s,", b->len ? "" : ",", code) != MMS_OK)
			return -1;
		p += len;
		while (*p && strchr(",;/\n\r", *p))
			p++;
	}
	return 0;
}

static struct item *new_item(struct spec_ctx *x, struct published *p, const char *label,
                             const char *pos, long line)
{
	struct item *it;

	if (mms_grow((void **)&p->items, &p->cap, p->n + 1, sizeof(*it))) {
		mms_oom(x->db);
		return NULL;
	}
	it = &p->items[p->n++];
	memset(it, 0, sizeof(*it));
	normalize_label(label, it->label, sizeof(it->label));
	snprintf(it->pos, sizeof(it->pos), "%s", pos);
	it->max = -1;
	it->line = line;
	return it;
}

static char *pcell(const struct published *p, const mms_row *row, int col)
{
	static char empty[1];
	int f = p->pmap[col];

	empty[0] = '\0';
	return f >= 0 && (size_t)f < row->n ? row->f[f] : empty;
}

/* A footer: Всего заданий — 14; … */
static int footer_row(const mms_row *row)
{
	for (size_t f = 0; f < row->n; f++) {
		if (row->f[f][0]) {
			char *k = mms_key(row->f[f]);
			int r = k && (strncmp(k, "всего заданий", strlen("всего заданий")) == 0 ||
			              strncmp(k, "всего", strlen("всего")) == 0 ||
			              strncmp(k, "итого", strlen("итого")) == 0 ||
			              strncmp(k, "примечание", strlen("примечание")) == 0);

			free(k);
			return r;
		}
	}
	return 0;
}

/* Reads one row of a published table into its item. */
static int published_row(struct spec_ctx *x, struct published *p, mms_row *row)
{
	char label[64], pos[16];
	const char *maxs = mms_trim(pcell(p, row, P_MAX));
	struct item *it = p->n ? &p->items[p->n - 1] : NULL;
	double max = -1;
	int has_pos = p->pmap[P_LABEL] >= 0 && p->pmap[P_NUM] >= 0;

	snprintf(label, sizeof(label), "%s",
	         mms_trim(pcell(p, row, p->pmap[P_LABEL] >= 0 ? P_LABEL : P_NUM)));
	snprintf(pos, sizeof(pos), "%s", has_pos ? mms_trim(pcell(p, row, P_NUM)) : "");
	if (maxs[0] && (mms_parse_number(maxs, &max) != 0 || max <= 0 || max > 100)) {
		mms_diag_cell(x->db, x->src, row->line, p->pmap[P_MAX],
		              _("maximum score '%s' is not a number from 0 to 100"), maxs);
		return MMS_EDATA;
	}
	if (has_pos) {
		/* ALL.xlsx: the item is its place in the results; a blank № по КИМу continues */
		if (pos[0] && (!it || strcmp(it->pos, pos) != 0)) {
			it = new_item(x, p, label[0] ? label : (it ? it->label : ""), pos,
			              row->line);
			if (!it)
				return MMS_ENOMEM;
		}
	} else if (label[0]) {
		char norm[32];

		normalize_label(label, norm, sizeof(norm));
		/* the same number again: the same task, a row a КЭС or КТ */
		if (!it || (strcmp(p->task, norm) != 0)) {
			it = new_item(x, p, label, "", row->line);
			if (!it)
				return MMS_ENOMEM;
			snprintf(p->task, sizeof(p->task), "%s", it->label);
			p->parts = 1;
		}
	} else if (it && maxs[0]) {
		/* a blank № with a maximum of its own: the next part of the task above */
		if (p->parts == 1 && strcmp(it->label, p->task) == 0)
			snprintf(it->label, sizeof(it->label), "%.28s.1", p->task);
		p->parts++;
		snprintf(label, sizeof(label), "%.28s.%d", p->task, p->parts);
		it = new_item(x, p, label, "", row->line);
		if (!it)
			return MMS_ENOMEM;
		{
			char line[160];
			size_t used = strlen(x->st->merged);

			snprintf(line, sizeof(line),
			         _("task %s: a row with a maximum of its own is its part %s"),
			         p->task, it->label);
			snprintf(x->st->merged + used, sizeof(x->st->merged) - used, "%s%s",
			         used ? "\n" : "", line);
		}
	}
	if (!it || !it->label[0]) {
		mms_diag_cell(x->db, x->src, row->line, -1,
		              _("the row names no task and follows none"));
		return MMS_EDATA;
	}
	it->rows++;
	if (max > 0) {
		if (it->max < 0)
			it->max = max;
		else if (it->max != max) {
			mms_diag_cell(x->db, x->src, row->line, p->pmap[P_MAX],
			              _("task '%s': maximum %g here, %g on its row above"),
			              it->label, max, it->max);
			return MMS_EDATA;
		}
	}
	if (!it->level && mms_trim(pcell(p, row, P_LEVEL))[0] &&
	    mms_level_parse(pcell(p, row, P_LEVEL), &it->level) != 0) {
		mms_diag_cell(x->db, x->src, row->line, p->pmap[P_LEVEL],
		              _("level '%s' is not Б, П or В"), pcell(p, row, P_LEVEL));
		return MMS_EDATA;
	}
	if (!it->text && pcell(p, row, P_TEXT)[0] && !(it->text = strdup(pcell(p, row, P_TEXT))))
		return mms_oom(x->db);
	if (add_codes(&it->codes[0], pcell(p, row, P_KES)) ||
	    add_codes(&it->codes[1], pcell(p, row, P_KT)) ||
	    add_codes(&it->codes[2], pcell(p, row, P_KESKT)))
		return mms_oom(x->db);
	return MMS_OK;
}

/* Writes the items read: tasks, their skills; the summary says what was merged. */
static int published_write(struct spec_ctx *x, struct published *p)
{
	static const char *const suffix[3] = {"/КЭС", "/КТ", ""};
	int bad = 0;

	for (size_t i = 0; i < p->n; i++) {
		struct item *it = &p->items[i];
		int64_t task = 0;
		int rc, nskills = 0;

		if (it->max < 0) {
			mms_diag_cell(x->db, x->src, it->line, p->pmap[P_MAX],
			              _("task '%s' has no maximum score"), it->label);
			bad = 1;
			continue;
		}
		if (!it->level) {
			it->level = "Б";
			x->st->levels_assumed++;
		}
		rc = write_task(x, it->line, it->label, (int)i + 1, it->max, it->level,
		                p->pmap[P_LABEL] >= 0 ? p->pmap[P_LABEL] : p->pmap[P_NUM],
		                p->pmap[P_MAX], &task);
		if (rc == MMS_EDATA) {
			bad = 1;
			continue;
		}
		if (rc != MMS_OK)
			return rc;
		for (int c = 0; c < 3; c++) {
			char system[160], *save = NULL, *copy, *code;

			if (!it->codes[c].len)
				continue;
			snprintf(system, sizeof(system), "%s%s", x->system, suffix[c]);
			copy = strdup(it->codes[c].p);
			if (!copy)
				return mms_oom(x->db);
			for (code = strtok_r(copy, ",", &save); code;
			     code = strtok_r(NULL, ",", &save)) {
				/* a requirement's words stand in for the code's own (a codifier's)
				 */
				rc = link_skill(x, it->line, task, system, code,
				                it->text ? it->text : "", 0, "subject", "");
				if (rc != MMS_OK)
					break;
				nskills++;
			}
			free(copy);
			if (rc != MMS_OK)
				return rc;
		}
		if (!nskills) {
			mms_diag_cell(x->db, x->src, it->line, -1, _("task '%s' has no skill code"),
			              it->label);
			bad = 1;
		}
		if (it->rows > 1) {
			char line[160];

			snprintf(line, sizeof(line), _("task %s: %d rows → 1 task, %d skills"),
			         it->label, it->rows, nskills);
			size_t used = strlen(x->st->merged);

			snprintf(x->st->merged + used, sizeof(x->st->merged) - used, "%s%s",
			         used ? "\n" : "", line);
		}
	}
	return bad ? MMS_EDATA : MMS_OK;
}

/* The probe: the published header, else the plain one (see spec_cols). */
struct spec_probe {
	struct spec_ctx *x;
	struct published *p;
	int published;
	mms_row **header;
};

static int spec_probe(void *ctx, mms_src *s)
{
	struct spec_probe *sp = ctx;
	int rc, nomem, rows = 0;
	mms_row *row;

	while ((rc = mms_src_next(s, &row)) == 1) {
		if (mms_row_blank(row))
			continue;
		if (published_header(row, sp->p->pmap, &nomem)) {
			sp->published = 1;
			*sp->header = row;
			return MMS_OK;
		}
		if (nomem)
			return mms_oom(sp->x->db);
		if (++rows >= 30)
			break;
	}
	/* not published: the caller reads the plain layout from the top */
	return rc < 0 ? rc : MMS_EDATA;
}

/* The rows of a published table after its header. */
static int import_published(struct spec_ctx *x, struct published *p)
{
	mms_row *row;
	int rc, bad = 0;

	while ((rc = mms_src_next(x->src, &row)) == 1) {
		if (mms_row_blank(row))
			continue;
		if (footer_row(row))
			continue;
		rc = published_row(x, p, row);
		if (rc == MMS_EDATA)
			bad = 1;
		else if (rc != MMS_OK)
			return rc;
	}
	if (rc < 0)
		return rc;
	if (!p->n) {
		mms_diag(x->db, x->file, 0, _("the description has no tasks"));
		return MMS_EDATA;
	}
	if (bad)
		return MMS_EDATA;
	rc = published_write(x, p);
	return rc != MMS_OK ? rc : drop_missing(x);
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
	{
		struct published pub = {0};
		struct spec_probe sp = {x, &pub, 0, &row};
		size_t mark = mms_diag_count(x->db);

		rc = mms_src_find(x->db, x->src, spec_probe, &sp);
		if (sp.published && rc == MMS_OK) {
			rc = import_published(x, &pub);
			items_free(&pub);
			goto out;
		}
		items_free(&pub);
		if (rc != MMS_OK && rc != MMS_EDATA)
			goto out;
		mms_diag_drop(x->db, mark, mms_diag_count(x->db)); /* the plain layout, then */
		mms_src_close(x->src);
		rc = mms_src_open(x->db, x->file, o->encoding, o->sheet, &x->src);
		if (rc != MMS_OK)
			return rc;
	}
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
	char date[11];
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
	if (o->date && mms_date_parse(o->date, date) != 0)
		return mms_fail(db, MMS_EUSAGE,
		                _("date '%s' is not a date YYYY-MM-DD or ДД.ММ.ГГГГ"), o->date);

	/* the code system: as given, else the assessment's kind and grade (ВПР-5) */
	if (o->codes && o->codes[0]) {
		snprintf(stats->system, sizeof(stats->system), "%s", o->codes);
		mms_trim(stats->system);
	} else {
		snprintf(stats->system, sizeof(stats->system), "%s-%d",
		         o->kind && o->kind[0] ? o->kind : "ВПР", o->grade);
	}
	if (!stats->system[0])
		return mms_fail(db, MMS_EUSAGE, _("the code system is empty"));
	x.system = stats->system;
	x.date = o->date ? date : NULL;
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
	return mms_tx_end(db, rc);
}
