/*
 * Teachers: finding one by name, the status machine of observations and
 * interviews, the competency a skill calls for, the young-teacher rule, and
 * map-to-teacher's attribution on hand-made classification results whose
 * statistics are worked out in the comments.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "mms/deficits.h"
#include "mms/teacher_card.h"
#include "mms/teachers.h"
#include "text.h"

#define TOL 1e-6

static void near(double got, double want)
{
	if (!(fabs(got - want) <= TOL))
		fail_msg("got %.10f, want %.10f", got, want);
}

static void teacher(mms_db *db, int id, int school, const char *name)
{
	char *key = mms_key(name);

	assert_non_null(key);
	t_sql(db,
	      "INSERT INTO teacher(id, school_id, full_name, name_key) VALUES (%d, %d, '%s', '%s')",
	      id, school, name, key);
	free(key);
}

/*
 * Two schools (1 'edu001', 2 'edu002'), mathematics (1), an assessment (1),
 * skills 1 '1.1' (subject), 2 '2.1' (subject), 3 'ЧГ1' (literacy), and the
 * teachers
 *   1 Иванова Анна Петровна (edu001)    2 Петров Пётр Ильич (edu001)
 *   3 Орлова Нина Сергеевна (edu002)     4 Смирнов Олег Ильич (edu002)
 *   5 Белов Игорь Петрович (edu002)      6 Иванова Мария Сергеевна (edu002)
 * with the classes 1, 9 (teacher 1), 2 (2), 3 (3), 4–7 (4), 8 (5).
 */
static mms_db *district(char **path)
{
	mms_db *db = t_db(path);

	t_sql(
	    db,
	    "INSERT INTO school(id, code, name, name_key) VALUES "
	    "(1, 'edu001', 'Первая СОШ', 'первая сош'), (2, 'edu002', 'Вторая ООШ', 'вторая оош');"
	    "INSERT INTO subject(id, name, name_key) VALUES (1, 'Математика', 'математика');"
	    "INSERT INTO assessment(id, code, kind, subject_id, grade, date) "
	    "  VALUES (1, 'vpr-m5', 'ВПР', 1, 5, '2026-04-15');"
	    "INSERT INTO skill(id, subject_id, code, text, kind, kind_text) VALUES "
	    "(1, 1, '1.1', 'Вычисления', 'subject', 'предметное'),"
	    "(2, 1, '2.1', 'Текстовые задачи', 'subject', 'предметное'),"
	    "(3, 1, 'ЧГ1', 'Информация из текста', 'literacy',"
	    "  'функциональная грамотность (читательская)');"
	    "INSERT INTO task(id, assessment_id, label, label_key, position, max_score, level, "
	    "slot) VALUES (1, 1, '1', '1', 1, 1, 'Б', 0), (2, 1, '2', '2', 2, 1, 'Б', 1),"
	    "(3, 1, '3', '3', 3, 1, 'Б', 2);"
	    "INSERT INTO task_skill(task_id, skill_id) VALUES (1, 1), (2, 2), (3, 3);");
	teacher(db, 1, 1, "Иванова Анна Петровна");
	teacher(db, 2, 1, "Петров Пётр Ильич");
	teacher(db, 3, 2, "Орлова Нина Сергеевна");
	teacher(db, 4, 2, "Смирнов Олег Ильич");
	teacher(db, 5, 2, "Белов Игорь Петрович");
	teacher(db, 6, 2, "Иванова Мария Сергеевна");
	for (int c = 1; c <= 9; c++)
		t_sql(db,
		      "INSERT INTO class(id, school_id, label, label_key, grade) "
		      "VALUES (%d, %d, '5-%d', '5-%d', 5)",
		      c, c == 1 || c == 2 || c == 9 ? 1 : 2, c, c);
	t_sql(db, "INSERT INTO teaching(teacher_id, subject_id, class_id, year) "
	          "SELECT column1, column2, column3, '2025/2026' FROM (VALUES "
	          "(1, 1, 1), (1, 1, 9), (2, 1, 2), (3, 1, 3), (4, 1, 4), (4, 1, 5), (4, 1, 6), "
	          "(4, 1, 7), (5, 1, 8))");
	return db;
}

/* ---- mms_teacher_find ---------------------------------------------------- */

static void find_ok(mms_db *db, const char *name, const char *school, int64_t want)
{
	int64_t id = 0;
	int rc = mms_teacher_find(db, name, school, &id);

	if (rc != MMS_OK)
		fail_msg("'%s': %d %s", name, rc, mms_errmsg(db));
	assert_int_equal(id, want);
}

static void test_find(void **state)
{
	char *path;
	mms_db *db = district(&path);
	int64_t id = -1;

	(void)state;
	/* the full name: case, ё/е and spaces do not matter */
	find_ok(db, "Иванова Анна Петровна", NULL, 1);
	find_ok(db, "иванова  АННА петровна", NULL, 1);
	find_ok(db, "Петров Петр Ильич", NULL, 2);
	find_ok(db, "ПЕТРОВ ПЁТР ИЛЬИЧ", NULL, 2);
	/* surname and initials, with or without spaces */
	find_ok(db, "Иванова А.П.", NULL, 1);
	find_ok(db, "Иванова А. П.", NULL, 1);
	find_ok(db, "иванова м.с.", NULL, 6);
	find_ok(db, "Петров П.И.", NULL, 2);
	/* the surname alone */
	find_ok(db, "Смирнов", NULL, 4);
	find_ok(db, "петров", NULL, 2);
	/* two of that surname: ambiguous, unless the school tells */
	assert_int_equal(mms_teacher_find(db, "Иванова", NULL, &id), MMS_EAMBIGUOUS);
	assert_int_equal(id, -1);
	assert_non_null(strstr(mms_errmsg(db), "Иванова Анна Петровна (edu001)"));
	assert_non_null(strstr(mms_errmsg(db), "Иванова Мария Сергеевна (edu002)"));
	find_ok(db, "Иванова", "edu001", 1);
	find_ok(db, "Иванова", "edu002", 6);
	/* not found */
	assert_int_equal(mms_teacher_find(db, "Сидоров", NULL, &id), MMS_ENOTFOUND);
	assert_non_null(strstr(mms_errmsg(db), "Сидоров"));
	assert_int_equal(mms_teacher_find(db, "Петров", "edu002", &id), MMS_ENOTFOUND);
	assert_int_equal(mms_teacher_find(db, "Иванова А.Н.", NULL, &id), MMS_ENOTFOUND);
	assert_int_equal(mms_teacher_find(db, "Иванова Анна", NULL, &id), MMS_ENOTFOUND);
	assert_int_equal(id, -1);
	mms_db_close(db);
	t_remove(path);
}

/* ---- mms_teacher_event_add: the status machine ---------------------------- */

static int event(mms_db *db, enum mms_event_kind kind, enum mms_event_outcome outcome, int priority,
                 const char **status)
{
	mms_event ev = {.teacher = 1,
	                .skill = "ЧГ1",
	                .kind = kind,
	                .outcome = outcome,
	                .priority = priority,
	                .date = "2026-10-01"};

	return mms_teacher_event_add(db, &ev, status);
}

#define STATUS(db) t_text(db, "SELECT status FROM teacher_skill_status WHERE teacher_id = 1")
#define EVENTS(db) t_int(db, "SELECT count(*) FROM teacher_event")

/* An allowed step: the new status, reported and in the view, and one more record. */
static void step(mms_db *db, enum mms_event_kind kind, enum mms_event_outcome outcome, int priority,
                 const char *want)
{
	const char *status = NULL;
	long long before = EVENTS(db);
	int rc = event(db, kind, outcome, priority, &status);

	if (rc != MMS_OK)
		fail_msg("expected %s: %d %s", want, rc, mms_errmsg(db));
	assert_string_equal(status, want);
	assert_string_equal(STATUS(db), want);
	assert_int_equal(EVENTS(db), before + 1);
}

/* A refused step: the error, no record, the status unchanged. */
static void refused(mms_db *db, enum mms_event_kind kind, enum mms_event_outcome outcome,
                    int priority, int want_rc)
{
	char was[64];
	long long before = EVENTS(db);

	snprintf(was, sizeof(was), "%s", STATUS(db));
	assert_int_equal(event(db, kind, outcome, priority, NULL), want_rc);
	assert_int_equal(EVENTS(db), before);
	assert_string_equal(STATUS(db), was);
}

static void test_events(void **state)
{
	char *path;
	mms_db *db = district(&path);
	mms_event ev = {.teacher = 1, .skill = "ЧГ1", .kind = MMS_OBSERVATION};

	(void)state;
	t_sql(db, "INSERT INTO deficit_run(id, assessment_id, threshold_version) VALUES (1, 1, 1);"
	          "INSERT INTO hypothesis(teacher_id, skill_id, assessment_id, run_id, n, success, "
	          "rest_n, rest_success, district_success, threshold, p_value, q_value) "
	          "VALUES (1, 3, 1, 1, 40, 0.4, 126, 0.69, 0.62, 0.57, 0.0005, 0.001)");
	/* a skill with no hypothesis of this teacher */
	ev.skill = "1.1";
	ev.outcome = MMS_CONFIRM;
	assert_int_equal(mms_teacher_event_add(db, &ev, NULL), MMS_EDATA);
	ev.skill = "ЧГ1";
	/* arguments the machine never accepts */
	ev.outcome = MMS_ACCEPT; /* an observation accepts nothing */
	assert_int_equal(mms_teacher_event_add(db, &ev, NULL), MMS_EUSAGE);
	ev.kind = MMS_INTERVIEW;
	ev.outcome = MMS_CONFIRM; /* an interview confirms nothing */
	assert_int_equal(mms_teacher_event_add(db, &ev, NULL), MMS_EUSAGE);
	ev.outcome = MMS_DECLINE;
	ev.priority = 2; /* a priority without acceptance */
	assert_int_equal(mms_teacher_event_add(db, &ev, NULL), MMS_EUSAGE);
	ev.outcome = MMS_ACCEPT;
	ev.priority = 6;
	assert_int_equal(mms_teacher_event_add(db, &ev, NULL), MMS_EUSAGE);
	ev.priority = 1;
	ev.date = "2026-02-30";
	assert_int_equal(mms_teacher_event_add(db, &ev, NULL), MMS_EUSAGE);
	assert_int_equal(EVENTS(db), 0);
	assert_string_equal(STATUS(db), "hypothesis");

	/* hypothesis: no interview yet */
	refused(db, MMS_INTERVIEW, MMS_ACCEPT, 1, MMS_EDATA);
	refused(db, MMS_INTERVIEW, MMS_DECLINE, 0, MMS_EDATA);
	step(db, MMS_OBSERVATION, MMS_REJECT, 0, "rejected");
	/* rejected: no interview; a later observation corrects it */
	refused(db, MMS_INTERVIEW, MMS_ACCEPT, 0, MMS_EDATA);
	refused(db, MMS_INTERVIEW, MMS_DECLINE, 0, MMS_EDATA);
	step(db, MMS_OBSERVATION, MMS_REJECT, 0, "rejected");
	step(db, MMS_OBSERVATION, MMS_CONFIRM, 0, "confirmed");
	/* confirmed: observations still correct it, an interview decides */
	step(db, MMS_OBSERVATION, MMS_CONFIRM, 0, "confirmed");
	step(db, MMS_OBSERVATION, MMS_REJECT, 0, "rejected");
	step(db, MMS_OBSERVATION, MMS_CONFIRM, 0, "confirmed");
	step(db, MMS_INTERVIEW, MMS_DECLINE, 0, "declined");
	/* declined: no more observations; a later interview corrects it */
	refused(db, MMS_OBSERVATION, MMS_CONFIRM, 0, MMS_EDATA);
	refused(db, MMS_OBSERVATION, MMS_REJECT, 0, MMS_EDATA);
	step(db, MMS_INTERVIEW, MMS_ACCEPT, 0, "need");
	/* the default priority of a need is 3 */
	assert_int_equal(t_int(db, "SELECT priority FROM teacher_skill_status"), 3);
	assert_int_equal(t_int(db, "SELECT priority FROM teacher_event ORDER BY id DESC LIMIT 1"),
	                 3);
	/* need: no more observations; interviews correct it */
	refused(db, MMS_OBSERVATION, MMS_CONFIRM, 0, MMS_EDATA);
	refused(db, MMS_OBSERVATION, MMS_REJECT, 0, MMS_EDATA);
	step(db, MMS_INTERVIEW, MMS_ACCEPT, 1, "need");
	assert_int_equal(t_int(db, "SELECT priority FROM teacher_skill_status"), 1);
	step(db, MMS_INTERVIEW, MMS_DECLINE, 0, "declined");
	assert_string_equal(
	    t_text(db, "SELECT coalesce(priority, 'NULL') FROM teacher_skill_status"), "NULL");
	step(db, MMS_INTERVIEW, MMS_ACCEPT, 5, "need");
	assert_int_equal(t_int(db, "SELECT priority FROM teacher_skill_status"), 5);

	/* append-only: every record kept, none can be changed or removed */
	assert_int_equal(EVENTS(db), 11);
	assert_int_equal(t_int(db, "SELECT count(*) FROM teacher_event WHERE date = '2026-10-01'"),
	                 11);
	assert_int_not_equal(
	    sqlite3_exec(db->sql, "UPDATE teacher_event SET outcome = 'reject'", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db->sql, "DELETE FROM teacher_event", NULL, NULL, NULL),
	                     SQLITE_OK);
	assert_int_equal(EVENTS(db), 11);
	/* no date: today */
	ev =
	    (mms_event){.teacher = 1, .skill = "ЧГ1", .kind = MMS_INTERVIEW, .outcome = MMS_ACCEPT};
	assert_int_equal(mms_teacher_event_add(db, &ev, NULL), MMS_OK);
	assert_int_equal(t_int(db, "SELECT count(*) FROM teacher_event WHERE date = date('now')"),
	                 1);
	mms_db_close(db);
	t_remove(path);
}

/* ---- mms_skill_competency -------------------------------------------------- */

static void competency_is(mms_db *db, int64_t skill, const char *area, const char *name)
{
	char *a = NULL, *n = NULL;
	int rc = mms_skill_competency(db, skill, &a, &n);

	if (rc != MMS_OK)
		fail_msg("skill %lld: %d %s", (long long)skill, rc, mms_errmsg(db));
	assert_string_equal(a, area);
	assert_string_equal(n, name);
	free(a);
	free(n);
}

static void test_competency(void **state)
{
	char *path, *file;
	mms_db *db = district(&path);
	char *a = (char *)"x", *n = (char *)"x";
	int rows = -1;

	(void)state;
	t_sql(
	    db,
	    "INSERT INTO skill(id, subject_id, code, text, kind, kind_text) VALUES "
	    "(10, 1, 'М1', 'Оценивать своё решение', 'meta', 'метапредметное (регулятивные УУД)'),"
	    "(11, 1, 'М2', 'Работать в паре', 'meta', 'Коммуникативные УУД'),"
	    "(12, 1, 'М3', 'Строить схемы', 'meta', 'метапредметное'),"
	    "(13, 1, 'ФГ1', 'Читательская грамотность: найти данные', 'literacy',"
	    "  'функциональная грамотность'),"
	    "(14, 1, 'ФГ2', 'Задача о покупках', 'literacy', 'функциональная грамотность'),"
	    "(15, 1, 'ФГ3', 'Бюджет семьи', 'literacy', 'Финансовая грамотность')");
	/* the default table (migration 3) */
	competency_is(db, 3, "методическая", "методика формирования читательской грамотности");
	competency_is(db, 13, "методическая", "методика формирования читательской грамотности");
	competency_is(db, 15, "методическая", "методика формирования финансовой грамотности");
	competency_is(db, 14, "методическая", "методика формирования функциональной грамотности");
	competency_is(db, 10, "психолого-педагогическая",
	              "формирование самоконтроля и самооценки (регулятивные УУД)");
	competency_is(db, 11, "коммуникативная",
	              "организация учебного сотрудничества и диалога (коммуникативные УУД)");
	competency_is(db, 12, "методическая", "формирование универсальных учебных действий (УУД)");
	competency_is(db, 1, "предметная", "предметные знания и методика обучения предмету");

	/* a district's own table replaces it */
	file = t_write_str("Вид умения;Уточнение;Область;Компетенция\n"
	                   "предметное;;Предметная;знание предмета\n"
	                   "метапредметное;;методическая;УУД на уроке\n"
	                   "метапредметное;регулятив;коммуникативная;самооценка в диалоге\n"
	                   "функциональная грамотность;;методическая;грамотность на уроке\n");
	assert_int_equal(mms_competencies_import(db, file, MMS_ENC_AUTO, NULL, &rows), MMS_OK);
	assert_int_equal(rows, 4);
	t_remove(file);
	competency_is(db, 3, "методическая", "грамотность на уроке");
	competency_is(db, 10, "коммуникативная", "самооценка в диалоге");
	competency_is(db, 1, "предметная", "знание предмета");

	/* a bad area, or a kind without a general row: nothing changes */
	file = t_write_str("Вид умения;Уточнение;Область;Компетенция\n"
	                   "предметное;;предметная;x\n"
	                   "метапредметное;;воспитательная;y\n"
	                   "функциональная грамотность;;методическая;z\n");
	assert_int_equal(mms_competencies_import(db, file, MMS_ENC_AUTO, NULL, &rows), MMS_EDATA);
	assert_int_equal(mms_diag_count(db), 1);
	t_remove(file);
	file = t_write_str("Вид умения;Уточнение;Область;Компетенция\n"
	                   "предметное;;предметная;x\n"
	                   "функциональная грамотность;;методическая;z\n");
	assert_int_equal(mms_competencies_import(db, file, MMS_ENC_AUTO, NULL, &rows), MMS_EDATA);
	t_remove(file);
	assert_int_equal(t_int(db, "SELECT count(*) FROM competency"), 4);
	competency_is(db, 1, "предметная", "знание предмета");

	/* a kind the table does not cover */
	t_sql(db, "DELETE FROM competency WHERE skill_kind = 'meta'");
	assert_int_equal(mms_skill_competency(db, 10, &a, &n), MMS_ENOTFOUND);
	assert_null(a);
	assert_null(n);
	mms_db_close(db);
	t_remove(path);
}

/* ---- mms_teacher_is_young ---------------------------------------------------- */

static void test_young(void **state)
{
	(void)state;
	/* under 35: born 1992, 34 in 2026; born 1991, 35 */
	assert_true(mms_teacher_is_young(1992, 10, 2026));
	assert_false(mms_teacher_is_young(1991, 10, 2026));
	/* the first three years: 2 years of experience, not 3 */
	assert_true(mms_teacher_is_young(1970, 2, 2026));
	assert_false(mms_teacher_is_young(1970, 3, 2026));
	assert_true(mms_teacher_is_young(1970, 0, 2026));
	/* unknown: not young */
	assert_false(mms_teacher_is_young(0, -1, 2026));
	assert_true(mms_teacher_is_young(0, 1, 2026));
	assert_true(mms_teacher_is_young(2000, -1, 2026));
}

/* ---- mms_teachers_map ------------------------------------------------------ */

/*
 * The students' results, one point a skill, as the number of the class's
 * students who got each skill right:
 *
 *   class (teacher)  n   1.1  2.1  ЧГ1        school
 *   5-1 (1)          20   4    6    5          edu001
 *   5-9 (1)          20  12    6    5          edu001
 *   5-2 (2)          20  20    6    4          edu001
 *   5-3 (3)          20  20    6   18          edu002
 *   5-4 (4)          20   8    6   18          edu002
 *   5-5, 5-6, 5-7 (4) 20 13    6   18 each     edu002
 *   5-8 (5)           6   0    2    5          edu002
 *
 * Skill 1.1: the district 103/166 = 62.05 % (sufficient).  Teacher 1's
 * classes pooled, 16/40 = 40 %, below the threshold 57 %, against the rest
 * of the district 87/126 = 69.05 %, p̄ = 103/166 = 0.620482:
 *   se = √(0.620482·0.379518·(1/40 + 1/126)) = 0.088068,
 *   z = (0.4 − 0.690476)/0.088068 = −3.298306, p = Φ(z) = 0.00048635;
 * the only teacher of edu001 below on 1.1 (teacher 2: 100 %): spread
 * 'teacher', one of two teachers (not sole).  Teacher 4's one weak class among
 * four pools to 47/80 = 58.75 % (uncertain, no candidate); teacher 5's 0/6
 * is too few to judge (n 6 < min_n 10).
 * Skill 2.1: the district 50/166 = 30.1 %: spread 'district'; teachers 1–4
 * are below it (candidates), none clearly below the rest: no hypothesis.
 * Skill ЧГ1: the district 109/166 = 65.7 %; edu001 14/60 = 23.3 % with both
 * its teachers below (1: 10/40, 2: 4/20): spread 'school', the ШМО's, no
 * hypothesis although each is far below the rest of the district.
 * The adjustment counts the 15 teacher × skill pairs of teachers 1–5.
 */
static mms_db *classified(char **path)
{
	static const struct {
		int school, klass, n, correct[3];
	} plan[] = {
	    {1, 1, 20, {4, 6, 5}},   {1, 9, 20, {12, 6, 5}},  {1, 2, 20, {20, 6, 4}},
	    {2, 3, 20, {20, 6, 18}}, {2, 4, 20, {8, 6, 18}},  {2, 5, 20, {13, 6, 18}},
	    {2, 6, 20, {13, 6, 18}}, {2, 7, 20, {13, 6, 18}}, {2, 8, 6, {0, 2, 5}},
	};
	mms_db *db = district(path);

	for (size_t i = 0; i < sizeof(plan) / sizeof(plan[0]); i++)
		t_class_results(db, 1, plan[i].school, plan[i].klass, plan[i].n, plan[i].correct,
		                3);
	assert_int_equal(mms_deficits_classify(db, NULL, NULL), MMS_OK);
	return db;
}

static void test_map(void **state)
{
	char *path;
	mms_db *db = classified(&path);
	mms_map_opts o = {0};
	mms_map_stats st;
	mms_hyp_filter f = {0};
	mms_hyp_list l;
	mms_collective_list cl;

	(void)state;
	assert_int_equal(mms_teachers_map(db, &o, &st), MMS_OK);
	assert_int_equal(st.assessments, 1);
	assert_int_equal(st.candidates, 5);
	assert_int_equal(st.hypotheses, 1);
	assert_int_equal(st.added, 1);
	assert_int_equal(st.updated, 0);
	assert_int_equal(st.unassigned, 0);
	/* only teacher 1's hypothesis is stored */
	assert_int_equal(t_int(db, "SELECT count(*) FROM hypothesis"), 1);
	assert_int_equal(t_int(db, "SELECT teacher_id FROM hypothesis"), 1);
	assert_int_equal(t_int(db, "SELECT skill_id FROM hypothesis"), 1);
	assert_int_equal(t_int(db, "SELECT n FROM hypothesis"), 40);
	assert_int_equal(t_int(db, "SELECT rest_n FROM hypothesis"), 126);
	near(t_real(db, "SELECT success FROM hypothesis"), 0.4);
	near(t_real(db, "SELECT rest_success FROM hypothesis"), 87.0 / 126);
	near(t_real(db, "SELECT district_success FROM hypothesis"), 103.0 / 166);
	near(t_real(db, "SELECT p_value FROM hypothesis"), 0.00048635007);
	assert_true(t_real(db, "SELECT q_value FROM hypothesis") <= 0.05);
	assert_true(t_real(db, "SELECT q_value FROM hypothesis") >= 0.00048635007);
	near(t_real(db, "SELECT threshold FROM hypothesis"), 0.57);
	assert_string_equal(t_text(db, "SELECT spread FROM hypothesis"), "teacher");
	assert_int_equal(t_int(db, "SELECT sole_teacher FROM hypothesis"), 0);
	/* the school's deficit is on no teacher, however far below each is */
	assert_string_equal(t_text(db, "SELECT spread FROM teacher_result WHERE teacher_id = 1 "
	                               "AND skill_id = 3"),
	                    "school");
	assert_true(t_real(db, "SELECT q_below FROM teacher_result WHERE teacher_id = 1 "
	                       "AND skill_id = 3") < 0.001);

	/* as the commands read it */
	assert_int_equal(mms_hyp_list_get(db, &f, &l), MMS_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.items[0].teacher, "Иванова Анна Петровна");
	assert_string_equal(l.items[0].school, "edu001");
	assert_string_equal(l.items[0].skill, "1.1");
	assert_string_equal(l.items[0].status, "hypothesis");
	assert_string_equal(l.items[0].competency_area, "предметная");
	assert_int_equal(l.items[0].supported, 1);
	assert_int_equal(l.items[0].nclasses, 2);
	assert_string_equal(l.items[0].classes[0].label, "5-1");
	assert_int_equal(l.items[0].classes[0].class_specific, 1);
	near(l.items[0].classes[0].success, 0.2);
	assert_string_equal(l.items[0].classes[1].label, "5-9");
	assert_int_equal(l.items[0].classes[1].class_specific, 0);
	mms_hyp_list_free(&l);

	/* the district's and the school's deficits, for the РМО and the ШМО */
	assert_int_equal(mms_collective_get(db, NULL, NULL, &cl), MMS_OK);
	assert_int_equal(cl.n, 2);
	assert_string_equal(cl.items[0].level, "district");
	assert_string_equal(cl.items[0].skill, "2.1");
	assert_null(cl.items[0].school);
	assert_string_equal(cl.items[1].level, "school");
	assert_string_equal(cl.items[1].skill, "ЧГ1");
	assert_string_equal(cl.items[1].school, "edu001");
	assert_int_equal(cl.items[1].sole_teacher, 0);
	mms_collective_list_free(&cl);
	assert_int_equal(mms_collective_get(db, NULL, "edu002", &cl), MMS_OK);
	assert_int_equal(cl.n, 1);
	mms_collective_list_free(&cl);

	/* one school: the adjustment still counted every school's pairs */
	o.school = "edu001";
	assert_int_equal(mms_teachers_map(db, &o, &st), MMS_OK);
	assert_int_equal(st.candidates, 3);
	assert_int_equal(st.hypotheses, 1);
	assert_int_equal(st.added, 0);
	assert_int_equal(st.updated, 1);
	assert_true(t_real(db, "SELECT q_value FROM hypothesis") <= 0.05);
	o.school = "edu002";
	assert_int_equal(mms_teachers_map(db, &o, &st), MMS_OK);
	assert_int_equal(st.candidates, 2);
	assert_int_equal(st.hypotheses, 0);
	assert_int_equal(t_int(db, "SELECT count(*) FROM hypothesis"), 1);
	o.school = "edu999";
	assert_int_equal(mms_teachers_map(db, &o, &st), MMS_ENOTFOUND);
	o.school = NULL;
	o.assessment = "vpr-none";
	assert_int_equal(mms_teachers_map(db, &o, &st), MMS_ENOTFOUND);
	o.assessment = NULL;
	mms_db_close(db);
	t_remove(path);
}

/* A new run that no longer shows the deficit keeps the hypothesis and its records. */
static void test_map_rerun(void **state)
{
	char *path;
	mms_db *db = classified(&path);
	mms_map_opts o = {0};
	mms_map_stats st;
	mms_event ev = {.teacher = 1,
	                .skill = "1.1",
	                .kind = MMS_OBSERVATION,
	                .outcome = MMS_CONFIRM,
	                .who = "методист",
	                .note = "урок в 5-1"};
	mms_hyp_filter f = {0};
	mms_hyp_list l;

	(void)state;
	assert_int_equal(mms_teachers_map(db, &o, &st), MMS_OK);
	assert_int_equal(mms_teacher_event_add(db, &ev, NULL), MMS_OK);
	/* the same run again: updated, nothing added, the record kept */
	assert_int_equal(mms_teachers_map(db, &o, &st), MMS_OK);
	assert_int_equal(st.added, 0);
	assert_int_equal(st.updated, 1);
	assert_int_equal(t_int(db, "SELECT count(*) FROM teacher_event"), 1);
	/*
	 * New results where class 1 is no longer behind on 1.1 (14/20) and class
	 * 2 is lower (10/20): the district the same, 103/166.  Teacher 1 pools
	 * 26/40 (sufficient); teacher 2 is below (50 %), the only one of edu001,
	 * against the rest 93/146 = 63.7 %: z = −1.18, p ≈ 0.12, no hypothesis.
	 */
	{
		static const int c1[3] = {14, 6, 5}, c2[3] = {10, 6, 4};

		t_sql(db, "DELETE FROM participant WHERE class_id IN (1, 2)");
		t_class_results(db, 1, 1, 1, 20, c1, 3);
		t_class_results(db, 1, 1, 2, 20, c2, 3);
		assert_int_equal(mms_deficits_classify(db, NULL, NULL), MMS_OK);
	}
	assert_int_equal(mms_teachers_map(db, &o, &st), MMS_OK);
	/* teacher 2 on 1.1 and teachers 1–4 on 2.1 are candidates; teacher 1 on 1.1 none */
	assert_int_equal(st.candidates, 5);
	assert_int_equal(st.hypotheses, 0);
	assert_int_equal(t_int(db, "SELECT count(*) FROM hypothesis"), 1);
	/* no longer supported by the latest run; its evidence is the run that showed it */
	assert_int_equal(t_int(db, "SELECT supported FROM hypothesis"), 0);
	assert_int_equal(t_int(db, "SELECT run_id FROM hypothesis"), 1);
	assert_int_equal(t_int(db, "SELECT count(*) FROM teacher_event"), 1);
	/* still listed: it has an observation */
	assert_int_equal(mms_hyp_list_get(db, &f, &l), MMS_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.items[0].status, "confirmed");
	mms_hyp_list_free(&l);
	mms_db_close(db);
	t_remove(path);
}

/* The teacher's card: roster, records. */
static void test_card(void **state)
{
	char *path;
	mms_db *db = classified(&path);
	mms_map_opts o = {0};
	mms_map_stats st;
	mms_teacher_card c;
	mms_event ev = {.teacher = 1,
	                .skill = "1.1",
	                .kind = MMS_OBSERVATION,
	                .outcome = MMS_CONFIRM,
	                .who = "методист",
	                .date = "2026-10-05",
	                .note = "урок в 5-1"};

	(void)state;
	t_sql(db, "UPDATE teacher SET birth_year = 1980, experience = 2 WHERE id = 1");
	assert_int_equal(mms_teachers_map(db, &o, &st), MMS_OK);
	assert_int_equal(mms_teacher_event_add(db, &ev, NULL), MMS_OK);
	ev.kind = MMS_INTERVIEW;
	ev.outcome = MMS_ACCEPT;
	ev.priority = 2;
	ev.who = NULL;
	ev.note = NULL;
	ev.date = "2026-10-20";
	assert_int_equal(mms_teacher_event_add(db, &ev, NULL), MMS_OK);
	assert_int_equal(mms_teacher_card_get(db, 1, &c), MMS_OK);
	assert_string_equal(c.name, "Иванова Анна Петровна");
	assert_string_equal(c.school, "edu001");
	assert_int_equal(c.birth_year, 1980);
	assert_int_equal(c.experience, 2);
	assert_int_equal(c.young, 1);
	assert_int_equal(c.nteaching, 1);
	assert_string_equal(c.teaching[0].year, "2025/2026");
	assert_string_equal(c.teaching[0].subject, "Математика");
	assert_string_equal(c.teaching[0].classes, "5-1, 5-9");
	assert_int_equal(c.nevents, 2);
	assert_string_equal(c.events[0].date, "2026-10-05");
	assert_string_equal(c.events[0].kind, "observation");
	assert_string_equal(c.events[0].result, "confirmed");
	assert_string_equal(c.events[0].who, "методист");
	assert_string_equal(c.events[1].result, "need");
	assert_int_equal(c.events[1].priority, 2);
	assert_null(c.events[1].note);
	assert_int_equal(c.nitems, 0);
	mms_teacher_card_free(&c);
	assert_int_equal(mms_teacher_card_get(db, 99, &c), MMS_ENOTFOUND);
	mms_db_close(db);
	t_remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_find),       cmocka_unit_test(test_events),
	    cmocka_unit_test(test_competency), cmocka_unit_test(test_young),
	    cmocka_unit_test(test_map),        cmocka_unit_test(test_map_rerun),
	    cmocka_unit_test(test_card),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
