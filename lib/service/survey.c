/*
 * Surveys (mms/service.h): teachers' self-diagnosis of their difficulties,
 * and the schools' satisfaction with the methodological service.
 */
#include <stdlib.h>
#include <string.h>

#include "input/source.h"
#include "internal.h"
#include "iop/iop_internal.h"
#include "mms/service.h"
#include "mms/teachers.h"
#include "spec/spec_internal.h"
#include "text.h"

static const char *const n_teacher[] = {"ФИО", "Педагог", "ФИО педагога", "Учитель", NULL};
static const char *const n_school[] = {"Код ОО", "Школа", "Логин ОО", NULL};
static const char *const n_subject[] = {"Предмет", NULL};
static const char *const n_skill[] = {"Код умения", "Умение", "Код", NULL};
static const char *const n_level[] = {"Уровень", "Оценка уровня", "Уровень владения", NULL};
static const char *const n_difficulty[] = {"Испытываю затруднения", "Затруднения",
                                           "Испытываю затруднение", NULL};
static const char *const n_date[] = {"Дата", NULL};
static const mms_column self_cols[] = {{n_teacher, 1}, {n_school, 0}, {n_subject, 0},
                                       {n_skill, 1},   {n_level, 0},  {n_difficulty, 0},
                                       {n_date, 0}};
enum { C_TEACHER, C_SCHOOL, C_SUBJECT, C_SKILL, C_LEVEL, C_DIFFICULTY, C_DATE, NSELF };

static const char *const n_question[] = {"Вопрос", "Показатель", NULL};
static const char *const n_answer[] = {"Оценка", "Ответ", "Балл", NULL};
static const mms_column sat_cols[] = {{n_school, 0}, {n_question, 1}, {n_answer, 1}, {n_date, 0}};
enum { S_SCHOOL, S_QUESTION, S_ANSWER, S_DATE, NSAT };

/* "да"/"нет" and their kin: 1, 0, or -1 for anything else. */
static int yes_no(const char *s)
{
	char *k = mms_key(s);
	int v = -1;

	if (k) {
		if (!strcmp(k, "да") || !strcmp(k, "yes") || !strcmp(k, "1") || !strcmp(k, "+"))
			v = 1;
		else if (!strcmp(k, "нет") || !strcmp(k, "no") || !strcmp(k, "0") ||
		         !strcmp(k, "-"))
			v = 0;
	}
	free(k);
	return v;
}

/* The date of a row: its cell, else today; -1 with a diagnostic for a bad one. */
static int row_date(mms_db *db, mms_src *s, mms_row *row, int col, char day[11])
{
	if (col < 0 || !row->f[col][0])
		return mms_iop_today(db, NULL, day) == MMS_OK ? 0 : -1;
	if (mms_date_parse(row->f[col], day) != 0) {
		mms_diag_cell(db, s, row->line, col,
		              _("'%s' is not a date YYYY-MM-DD or ДД.ММ.ГГГГ"), row->f[col]);
		return -1;
	}
	return 0;
}

/* The skill CODE of SUBJECT (may be empty): the teacher's hypotheses' first, then the latest. */
static int64_t skill_of(sqlite3_stmt *st, int64_t teacher, const char *code, const char *subject)
{
	int64_t id = 0;
	char *key = subject && subject[0] ? mms_key(subject) : NULL;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, teacher);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, key, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	free(key);
	return id;
}

static int self_row(mms_db *db, mms_src *s, mms_row *row, const int *map, sqlite3_stmt *find,
                    sqlite3_stmt *put, mms_survey_stats *st)
{
	const char *school =
	    map[C_SCHOOL] >= 0 && row->f[map[C_SCHOOL]][0] ? row->f[map[C_SCHOOL]] : NULL;
	int64_t teacher, skill;
	long level = 0;
	int difficulty = -1, rc;
	char day[11];

	rc = mms_teacher_find(db, row->f[map[C_TEACHER]], school, &teacher);
	if (rc == MMS_ENOTFOUND || rc == MMS_EAMBIGUOUS) {
		mms_diag_cell(db, s, row->line, map[C_TEACHER], "%s", mms_errmsg(db));
		return 1;
	}
	if (rc != MMS_OK)
		return rc;
	skill = skill_of(find, teacher, row->f[map[C_SKILL]],
	                 map[C_SUBJECT] >= 0 ? row->f[map[C_SUBJECT]] : NULL);
	if (!skill) {
		mms_diag_cell(db, s, row->line, map[C_SKILL], _("no skill '%s' (mms list skills)"),
		              row->f[map[C_SKILL]]);
		return 1;
	}
	if (map[C_LEVEL] >= 0 && row->f[map[C_LEVEL]][0]) {
		if (mms_parse_int(row->f[map[C_LEVEL]], &level) != 0 || level < 1 || level > 5) {
			mms_diag_cell(db, s, row->line, map[C_LEVEL], _("level '%s' is not 1 to 5"),
			              row->f[map[C_LEVEL]]);
			return 1;
		}
		difficulty = level <= MMS_SELF_DIFFICULT_LEVEL;
	}
	if (map[C_DIFFICULTY] >= 0 && row->f[map[C_DIFFICULTY]][0]) {
		int v = yes_no(row->f[map[C_DIFFICULTY]]);

		if (v < 0) {
			mms_diag_cell(db, s, row->line, map[C_DIFFICULTY],
			              _("'%s' is neither да nor нет"), row->f[map[C_DIFFICULTY]]);
			return 1;
		}
		difficulty = v || difficulty == 1;
	}
	if (difficulty < 0) {
		mms_diag_cell(
		    db, s, row->line, -1,
		    _("no answer: give a level 1 to 5 or «Испытываю затруднения» да/нет"));
		return 1;
	}
	if (row_date(db, s, row, map[C_DATE], day) != 0)
		return 1;
	sqlite3_reset(put);
	sqlite3_bind_int64(put, 1, teacher);
	sqlite3_bind_int64(put, 2, skill);
	if (level)
		sqlite3_bind_int(put, 3, (int)level);
	else
		sqlite3_bind_null(put, 3);
	sqlite3_bind_int(put, 4, difficulty);
	sqlite3_bind_text(put, 5, day, -1, SQLITE_TRANSIENT);
	if ((rc = mms_step_done(db, put)) != MMS_OK)
		return rc;
	st->rows++;
	st->difficulties += difficulty;
	return MMS_OK;
}

static int sat_row(mms_db *db, mms_src *s, mms_row *row, const int *map, sqlite3_stmt *put,
                   mms_survey_stats *st)
{
	int64_t school = 0;
	double answer;
	char day[11];
	int rc;

	if (map[S_SCHOOL] >= 0 && row->f[map[S_SCHOOL]][0]) {
		sqlite3_stmt *q;

		if ((rc = mms_prepare(db, &q, "SELECT school_id FROM school_code WHERE code = ?1")))
			return rc;
		sqlite3_bind_text(q, 1, row->f[map[S_SCHOOL]], -1, SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_ROW)
			school = sqlite3_column_int64(q, 0);
		sqlite3_finalize(q);
		if (!school) {
			mms_diag_cell(db, s, row->line, map[S_SCHOOL],
			              _("no school with code '%s' in the roster"),
			              row->f[map[S_SCHOOL]]);
			return 1;
		}
	}
	if (!row->f[map[S_QUESTION]][0]) {
		mms_diag_cell(db, s, row->line, map[S_QUESTION], _("the question is empty"));
		return 1;
	}
	if (mms_parse_number(row->f[map[S_ANSWER]], &answer) != 0 || answer < 1 || answer > 5) {
		mms_diag_cell(db, s, row->line, map[S_ANSWER], _("answer '%s' is not 1 to 5"),
		              row->f[map[S_ANSWER]]);
		return 1;
	}
	if (row_date(db, s, row, map[S_DATE], day) != 0)
		return 1;
	sqlite3_reset(put);
	if (school)
		sqlite3_bind_int64(put, 1, school);
	else
		sqlite3_bind_null(put, 1);
	sqlite3_bind_text(put, 2, row->f[map[S_QUESTION]], -1, SQLITE_TRANSIENT);
	sqlite3_bind_double(put, 3, answer);
	sqlite3_bind_text(put, 4, day, -1, SQLITE_TRANSIENT);
	if ((rc = mms_step_done(db, put)) != MMS_OK)
		return rc;
	st->rows++;
	return MMS_OK;
}

/* What the self-diagnosis and the results say together. */
static int compare(mms_db *db, mms_survey_stats *st)
{
	sqlite3_stmt *q;
	int rc = mms_prepare(
	    db, &q,
	    "SELECT "
	    "(SELECT count(*) FROM self_diagnosis d WHERE d.difficulty = 1 AND EXISTS "
	    "  (SELECT 1 FROM hypothesis h WHERE h.teacher_id = d.teacher_id "
	    "   AND h.skill_id = d.skill_id)), "
	    "(SELECT count(*) FROM self_diagnosis d WHERE d.difficulty = 1 AND NOT EXISTS "
	    "  (SELECT 1 FROM hypothesis h WHERE h.teacher_id = d.teacher_id "
	    "   AND h.skill_id = d.skill_id)), "
	    /* the results point to a difficulty the teacher did not name (having answered) */
	    "(SELECT count(*) FROM (SELECT DISTINCT h.teacher_id, h.skill_id FROM hypothesis h "
	    "  WHERE h.supported = 1 AND h.teacher_id IN (SELECT teacher_id FROM self_diagnosis) "
	    "  AND NOT EXISTS (SELECT 1 FROM self_diagnosis d WHERE d.teacher_id = h.teacher_id "
	    "  AND d.skill_id = h.skill_id AND d.difficulty = 1)))");

	if (rc != MMS_OK)
		return rc;
	if (sqlite3_step(q) == SQLITE_ROW) {
		st->agree = sqlite3_column_int64(q, 0);
		st->only_self = sqlite3_column_int64(q, 1);
		st->only_results = sqlite3_column_int64(q, 2);
	}
	sqlite3_finalize(q);
	return MMS_OK;
}

int mms_survey_import(mms_db *db, const mms_survey_opts *o, const char *file, mms_survey_stats *st)
{
	int self = !o->satisfaction;
	sqlite3_stmt *put = NULL, *find = NULL;
	mms_src *s = NULL;
	mms_row *row;
	int map[NSELF], rc, bad = 0;
	size_t width;

	memset(st, 0, sizeof(*st));
	mms_diag_clear(db);
	if ((rc = mms_tx_begin(db)) != MMS_OK)
		return rc;
	rc =
	    mms_prepare(db, &put,
	                self ? "INSERT OR REPLACE INTO self_diagnosis(teacher_id, skill_id, level, "
	                       "difficulty, date) VALUES (?1, ?2, ?3, ?4, ?5)"
	                     : "INSERT INTO satisfaction(school_id, question, answer, date) "
	                       "VALUES (?1, ?2, ?3, ?4)");
	if (rc == MMS_OK && self)
		rc = mms_prepare(
		    db, &find,
		    "SELECT k.id FROM skill k JOIN subject j ON j.id = k.subject_id "
		    "WHERE k.code = ?2 AND (?3 IS NULL OR j.name_key = ?3) "
		    "ORDER BY EXISTS (SELECT 1 FROM hypothesis h WHERE h.teacher_id = ?1 "
		    "AND h.skill_id = k.id) DESC, k.id DESC LIMIT 1");
	if (rc == MMS_OK)
		rc = mms_src_open(db, file, o->encoding, o->sheet, &s);
	if (rc == MMS_OK)
		rc = self ? mms_src_header(db, s, self_cols, NSELF, map, &row)
		          : mms_src_header(db, s, sat_cols, NSAT, map, &row);
	if (rc != MMS_OK)
		goto out;
	width = row->n;
	while ((rc = mms_src_next(s, &row)) == 1) {
		if (mms_row_blank(row))
			continue;
		if ((rc = mms_src_fit(db, s, &row, width)) == MMS_EDATA) {
			bad = 1;
			continue;
		}
		if (rc != MMS_OK)
			goto out;
		rc = self ? self_row(db, s, row, map, find, put, st)
		          : sat_row(db, s, row, map, put, st);
		if (rc == 1) {
			bad = 1;
			continue;
		}
		if (rc != MMS_OK)
			goto out;
	}
	if (rc == 0)
		rc = bad ? mms_fail(db, MMS_EDATA, _("the survey has errors; nothing was imported"))
		         : MMS_OK;
	if (rc == MMS_OK && self)
		rc = compare(db, st);
out:
	sqlite3_finalize(put);
	sqlite3_finalize(find);
	mms_src_close(s);
	return mms_tx_end(db, rc);
}
