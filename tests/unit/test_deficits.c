/*
 * classify-deficits on small hand-made districts whose answers are worked
 * out in the comments.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deficits/codes.h"
#include "deficits/earlier.h"
#include "helpers.h"
#include "mms/deficits.h"

#define TOL 1e-5

static void near(double got, double want)
{
	if (!(fabs(got - want) <= TOL))
		fail_msg("got %.9f, want %.9f", got, want);
}

static int next_code;

/* A participant present in class CLASS_ID of school SCHOOL_ID with the scores
   of the assessment's NTASKS tasks (slots 0, 1, …). */
static void add_student(mms_db *db, int assessment, int school_id, int class_id,
                        const double *scores, int ntasks)
{
	char code[16];

	snprintf(code, sizeof(code), "p%04d", ++next_code);
	t_participant(db, assessment, school_id, class_id, code, scores, ntasks);
}

/* The result row of LEVEL for skill code SKILL and class label CLASS (or school code). */
#define ROW(level, where, skill)                                                                   \
	"FROM deficit_result r JOIN skill k ON k.id = r.skill_id "                                 \
	"LEFT JOIN class c ON c.id = r.class_id LEFT JOIN school s ON s.id = r.school_id "         \
	"WHERE r.run_id = (SELECT max(id) FROM deficit_run WHERE assessment_id = 1) "              \
	"AND r.level = '" level "' AND " where " AND k.code = '" skill "'"

/*
 * Edges.  One school, one assessment (id 1) with four tasks:
 *   task 1: level Б, max 100, skill "1";  task 2: level П, max 100, skill "2";
 *   task 3: level Б, max 1, and task 4: level П, max 2, both skill "3".
 * Classes (each student of a class scores the same):
 *   5А: 10 present + 1 absent; task 1: 57,    task 2: 28.5,  task 3: 1, task 4: 0
 *   5Б: 10; task 1: 56.99, task 2: 28.49, task 3: 0, task 4: 0
 *   5В: 10; task 1: 60,    task 2: 30,    task 3: 1, task 4: 2
 *   5Г:  9; task 1: 0,     task 2: 0,     task 3: 0, task 4: 0
 * Skill "1" (level Б, ≥ 0.60 / < 0.57): 5А 570/1000 = 0.57 → uncertain (not
 * below 0.57); 5Б 0.5699 → deficit; 5В 0.60 → sufficient; 5Г n = 9 < 10 → no verdict.
 * Skill "2" (level П, ≥ 0.30 / < 0.285): 5А 0.285 → uncertain, 5Б 0.2849 →
 * deficit, 5В 0.30 → sufficient.
 * Skill "3": Б carries 1 point, П 2 points → the threshold of П applies:
 * 5А 1/3 = 0.333 ≥ 0.30 → sufficient (it would be a deficit under Б).
 */
static mms_db *edges_db(char **path)
{
	mms_db *db = t_db(path);

	next_code = 0;
	t_sql(db,
	      "INSERT INTO school(id, code, name, name_key) VALUES (1, 's1', 'Школа 1', 'школа 1');"
	      "INSERT INTO subject(id, name, name_key) VALUES (1, 'Математика', 'математика');"
	      "INSERT INTO class(id, school_id, label, label_key, grade) VALUES "
	      "(1, 1, '5А', '5а', 5), (2, 1, '5Б', '5б', 5), (3, 1, '5В', '5в', 5),"
	      "(4, 1, '5Г', '5г', 5);"
	      "INSERT INTO assessment(id, code, kind, subject_id, grade, date) VALUES "
	      "(1, 'vpr-math-5', 'ВПР', 1, 5, '2026-04-15');"
	      "INSERT INTO skill(id, subject_id, code, text, kind) VALUES "
	      "(1, 1, '1', 'Вычисления', 'subject'), (2, 1, '2', 'Логика', 'meta'),"
	      "(3, 1, '3', 'Чтение графиков', 'literacy');"
	      "INSERT INTO task(id, assessment_id, label, label_key, position, max_score, level, "
	      "slot) VALUES (1, 1, '1', '1', 1, 100, 'Б', 0), (2, 1, '2', '2', 2, 100, 'П', 1),"
	      "(3, 1, '3', '3', 3, 1, 'Б', 2), (4, 1, '4', '4', 4, 2, 'П', 3);"
	      "INSERT INTO task_skill VALUES (1, 1), (2, 2), (3, 3), (4, 3);");
	static const struct {
		int class_id, n;
		double t[4];
	} plan[] = {
	    {1, 10, {57, 28.5, 1, 0}},
	    {2, 10, {56.99, 28.49, 0, 0}},
	    {3, 10, {60, 30, 1, 2}},
	    {4, 9, {0, 0, 0, 0}},
	};
	for (size_t c = 0; c < sizeof(plan) / sizeof(plan[0]); c++)
		for (int i = 0; i < plan[c].n; i++)
			add_student(db, 1, 1, plan[c].class_id, plan[c].t, 4);
	t_sql(db, "INSERT INTO participant(id, assessment_id, school_id, class_id, code, absent) "
	          "VALUES ((SELECT last + 1 FROM participant_seq), 1, 1, 1, 'absent1', 1);"
	          "UPDATE participant_seq SET last = last + 1");
	return db;
}

static void test_edges(void **state)
{
	char *path;
	mms_db *db = edges_db(&path);
	mms_classify_stats st;

	(void)state;
	assert_int_equal(mms_deficits_classify(db, "vpr-math-5", &st), MMS_OK);
	assert_int_equal(st.assessments, 1);
	assert_int_equal(st.thresholds, 1);
	assert_int_equal(st.participants, 39); /* the absent one is not counted */
	assert_int_equal(st.scores, 39 * 4);

	/* 5А, skill 1: n = 10 (the absent student does not count), 570/1000. */
	assert_int_equal(t_int(db, "SELECT n " ROW("class", "c.label = '5А'", "1")), 10);
	near(t_real(db, "SELECT points " ROW("class", "c.label = '5А'", "1")), 570);
	near(t_real(db, "SELECT possible " ROW("class", "c.label = '5А'", "1")), 1000);
	near(t_real(db, "SELECT success " ROW("class", "c.label = '5А'", "1")), 0.57);
	/* Wilson, p = 0.57, n = 10: z²/n = 0.3841459, denominator 1.3841459,
	   centre = 0.7620730 / 1.3841459 = 0.550574,
	   half = 1.416010 · sqrt(0.02451 + 0.0096036) = 1.416010 · 0.184698 = 0.261535
	   → [0.289039, 0.812109]. */
	near(t_real(db, "SELECT ci_low " ROW("class", "c.label = '5А'", "1")), 0.289037);
	near(t_real(db, "SELECT ci_high " ROW("class", "c.label = '5А'", "1")), 0.812108);
	assert_string_equal(t_text(db, "SELECT verdict " ROW("class", "c.label = '5А'", "1")),
	                    "uncertain");
	near(t_real(db, "SELECT threshold " ROW("class", "c.label = '5А'", "1")), 0.57);
	near(t_real(db, "SELECT sufficient " ROW("class", "c.label = '5А'", "1")), 0.60);
	/* the run's thresholds, given in percent, stored as ten-thousandths (codes.h) */
	assert_int_equal(t_int(db, "SELECT count(*) FROM deficit_result WHERE "
	                           "typeof(threshold_stored) <> 'integer' OR "
	                           "typeof(sufficient_stored) <> 'integer'"),
	                 0);
	assert_int_equal(t_int(db, "SELECT count(*) FROM deficit_result WHERE threshold_stored = "
	                           "5700 AND sufficient_stored = 6000 AND task_level = 'Б'"),
	                 t_int(db, "SELECT count(*) FROM deficit_result WHERE task_level = 'Б'"));
	assert_string_equal(t_text(db, "SELECT verdict " ROW("class", "c.label = '5Б'", "1")),
	                    "deficit");
	assert_int_equal(t_int(db, "SELECT deficit " ROW("class", "c.label = '5Б'", "1")), 1);
	assert_string_equal(t_text(db, "SELECT verdict " ROW("class", "c.label = '5В'", "1")),
	                    "sufficient");
	assert_int_equal(t_int(db, "SELECT n " ROW("class", "c.label = '5Г'", "1")), 9);
	assert_string_equal(t_text(db, "SELECT verdict " ROW("class", "c.label = '5Г'", "1")),
	                    "insufficient_data");
	assert_int_equal(t_int(db, "SELECT deficit " ROW("class", "c.label = '5Г'", "1")), 0);

	/* Level П. */
	assert_string_equal(t_text(db, "SELECT task_level " ROW("class", "c.label = '5А'", "2")),
	                    "П");
	assert_string_equal(t_text(db, "SELECT verdict " ROW("class", "c.label = '5А'", "2")),
	                    "uncertain");
	assert_string_equal(t_text(db, "SELECT verdict " ROW("class", "c.label = '5Б'", "2")),
	                    "deficit");
	assert_string_equal(t_text(db, "SELECT verdict " ROW("class", "c.label = '5В'", "2")),
	                    "sufficient");

	/* A skill of two levels: П carries 2 of its 3 points. */
	assert_string_equal(t_text(db, "SELECT task_level " ROW("class", "c.label = '5А'", "3")),
	                    "П");
	near(t_real(db, "SELECT success " ROW("class", "c.label = '5А'", "3")), 1.0 / 3);
	assert_string_equal(t_text(db, "SELECT verdict " ROW("class", "c.label = '5А'", "3")),
	                    "sufficient");

	/* The school and the district: skill 1, (570 + 569.9 + 600 + 0) / 3900
   = 0.446128 over n = 39 → deficit. */
	near(t_real(db, "SELECT success " ROW("district", "1", "1")), 1739.9 / 3900);
	assert_int_equal(t_int(db, "SELECT n " ROW("district", "1", "1")), 39);
	assert_string_equal(t_text(db, "SELECT r.school_id " ROW("district", "1", "1")), "NULL");
	assert_int_equal(t_int(db, "SELECT n " ROW("school", "s.code = 's1'", "1")), 39);

	/* Students below 50 %: skill 1, the 9 of 5Г (0) only — 0.5699 is above half;
	   skill 2: 0.285, 0.2849, 0.30 and 0 are all below half: 39 students;
	   skill 3: 5А 1/3, 5Б 0, 5Г 0 → 29 students (5В has 3/3). */
	assert_int_equal(t_int(db, "SELECT below_half " ROW("class", "c.label = '5Г'", "1")), 9);
	assert_int_equal(t_int(db, "SELECT count(*) FROM student_deficit d JOIN skill k ON "
	                           "k.id = d.skill_id WHERE k.code = '1'"),
	                 9);
	assert_int_equal(t_int(db, "SELECT count(*) FROM student_deficit d JOIN skill k ON "
	                           "k.id = d.skill_id WHERE k.code = '2'"),
	                 39);
	assert_int_equal(t_int(db, "SELECT count(*) FROM student_deficit d JOIN skill k ON "
	                           "k.id = d.skill_id WHERE k.code = '3'"),
	                 29);
	assert_int_equal(st.students_below, 9 + 39 + 29);
	/* 4 classes + 1 school + the district, 3 skills each. */
	assert_int_equal(st.rows, 6 * 3);
	assert_int_equal(t_int(db, "SELECT count(*) FROM deficit_result"), 18);

	mms_db_close(db);
	t_remove(path);
}

static void test_thresholds(void **state)
{
	char *path;
	mms_db *db = edges_db(&path);
	mms_thresholds th, bad;
	int v = 0;

	(void)state;
	assert_int_equal(mms_thresholds_get(db, 0, &th), MMS_OK);
	assert_int_equal(th.version, 1);
	near(th.basic_sufficient, 0.60);
	near(th.basic_insufficient, 0.57);
	near(th.higher_sufficient, 0.30);
	near(th.higher_insufficient, 0.285);
	assert_int_equal(th.min_n, 10);
	assert_int_equal(mms_thresholds_get(db, 7, &bad), MMS_ENOTFOUND);

	bad = th;
	bad.basic_insufficient = 0.61; /* above sufficient */
	assert_int_equal(mms_thresholds_add(db, &bad, &v), MMS_EUSAGE);
	bad = th;
	bad.min_n = 0;
	assert_int_equal(mms_thresholds_add(db, &bad, &v), MMS_EUSAGE);
	assert_int_equal(t_int(db, "SELECT count(*) FROM threshold_version"), 1);

	assert_int_equal(mms_deficits_classify(db, NULL, NULL), MMS_OK);
	/* Version 2: a deficit below 0.56 for Б, and groups of 9 get a verdict. */
	th.basic_insufficient = 0.56;
	th.min_n = 9;
	snprintf(th.note, sizeof(th.note), "test");
	assert_int_equal(mms_thresholds_add(db, &th, &v), MMS_OK);
	assert_int_equal(v, 2);
	assert_int_equal(mms_deficits_classify(db, NULL, NULL), MMS_OK);
	assert_int_equal(t_int(db, "SELECT count(*) FROM deficit_run"), 2);
	assert_int_equal(t_int(db, "SELECT threshold_version FROM deficit_run WHERE id = 1"), 1);
	assert_int_equal(t_int(db, "SELECT threshold_version FROM deficit_run WHERE id = 2"), 2);
	/* 5Б's 0.5699 is no longer a deficit, 5Г's 9 students now get one. */
	assert_string_equal(t_text(db, "SELECT verdict " ROW("class", "c.label = '5Б'", "1")),
	                    "uncertain");
	assert_string_equal(t_text(db, "SELECT verdict " ROW("class", "c.label = '5Г'", "1")),
	                    "deficit");
	/* The first run keeps its results. */
	assert_string_equal(t_text(db, "SELECT r.verdict FROM deficit_result r JOIN class c ON "
	                               "c.id = r.class_id JOIN skill k ON k.id = r.skill_id "
	                               "WHERE r.run_id = 1 AND c.label = '5Б' AND k.code = '1'"),
	                    "deficit");
	assert_int_equal(t_int(db, "SELECT count(*) FROM deficit_result WHERE run_id = 1"), 18);
	assert_int_equal(t_int(db, "SELECT count(*) FROM student_deficit WHERE run_id = 1"), 77);
	mms_db_close(db);
	t_remove(path);
}

/*
 * A run's rows go RESULT_BATCH (32) an INSERT, the rest one by one: the edges'
 * school with 30 classes more, 34 × 3 + 3 + 3 = 108 rows.  Each row holds its
 * own group's sums, whatever its place in a statement; and a statement that
 * stops half-way (OR FAIL keeps the rows before it) leaves nothing of its run.
 */
static void test_many_rows_a_statement(void **state)
{
	static const double scores[4] = {50, 20, 1, 1};
	char *path;
	mms_db *db = edges_db(&path);
	mms_classify_stats st;

	(void)state;
	for (int c = 5; c <= 34; c++) {
		char sql[160];

		snprintf(sql, sizeof(sql),
		         "INSERT INTO class(id, school_id, label, label_key, grade) "
		         "VALUES (%d, 1, '5-%d', '5-%d', 5)",
		         c, c, c);
		t_sql(db, sql);
		/* a teacher a class: teacher_result's rows in batches too */
		t_sql(db,
		      "INSERT INTO teacher(id, school_id, full_name, name_key) VALUES (%d, 1, "
		      "'Учитель %d', 'учитель %d'); INSERT INTO teaching(teacher_id, subject_id, "
		      "class_id, year) VALUES (%d, 1, %d, '2025/2026')",
		      c, c, c, c, c);
		for (int i = 0; i < 10 + c % 3; i++)
			add_student(db, 1, 1, c, scores, 4);
	}
	/* stopped at the 40th row, in the second statement of 32 */
	t_sql(db, "CREATE TEMP TRIGGER stop AFTER INSERT ON deficit_row WHEN (SELECT count(*) "
	          "FROM deficit_result WHERE run_id = NEW.run_id) = 40 "
	          "BEGIN SELECT RAISE(FAIL, 'stopped'); END");
	assert_int_not_equal(mms_deficits_classify(db, NULL, &st), MMS_OK);
	assert_int_equal(t_int(db, "SELECT count(*) FROM deficit_result"), 0);
	assert_int_equal(t_int(db, "SELECT count(*) FROM deficit_run"), 0);
	t_sql(db, "DROP TRIGGER stop");

	assert_int_equal(mms_deficits_classify(db, NULL, &st), MMS_OK);
	assert_int_equal(st.rows, 108);
	assert_int_equal(t_int(db, "SELECT count(*) FROM deficit_result"), 108);
	/* every row's participants and points are its group's, from the scores */
	assert_int_equal(t_int(db,
	                       "SELECT count(*) FROM deficit_result r WHERE (n, points) IS NOT "
	                       "(SELECT count(DISTINCT p.id), sum(sc.score) FROM participant p "
	                       "JOIN score sc ON sc.participant_id = p.id JOIN task_skill ts ON "
	                       "ts.task_id = sc.task_id WHERE ts.skill_id = r.skill_id AND "
	                       "p.absent = 0 AND p.school_id IS coalesce(r.school_id, p.school_id) "
	                       "AND p.class_id IS coalesce(r.class_id, p.class_id))"),
	                 0);
	assert_int_equal(t_int(db, "SELECT count(DISTINCT n) FROM deficit_result "
	                           "WHERE level = 'class'"),
	                 4); /* 9, 10, 11 and 12 participants */
	/* more than a statement's teachers' rows, each its class's sums and the rest's */
	assert_true(t_int(db, "SELECT count(*) FROM teacher_result") > 32);
	assert_int_equal(t_int(db,
	                       "SELECT count(*) FROM teacher_result t JOIN deficit_result c "
	                       "ON c.run_id = t.run_id AND c.skill_id = t.skill_id "
	                       "AND c.class_id = t.teacher_id JOIN deficit_result d "
	                       "ON d.run_id = t.run_id AND d.skill_id = t.skill_id "
	                       "AND d.level = 'district' WHERE (t.n, t.points, t.possible, "
	                       "t.rest_n, t.classes, t.school_id) IS (c.n, c.points, c.possible, "
	                       "d.n - c.n, 1, 1) AND (t.codes >> 2) & 3 = (c.codes >> 2) & 3"),
	                 t_int(db, "SELECT count(*) FROM teacher_result"));
	mms_db_close(db);
	t_remove(path);
}

/*
 * The students below half are kept a row a class: a class's students, the
 * school's students without a class in a row of their own, codes with
 * quotes and backslashes as they are.
 */
static void test_students_a_row_a_class(void **state)
{
	static const double zero[4] = {0, 0, 0, 0};
	char *path;
	mms_db *db = edges_db(&path);

	(void)state;
	t_participant(db, 1, 1, 0, "q\"1\\", zero, 4);
	t_participant(db, 1, 1, 0, "q2", zero, 4);
	assert_int_equal(mms_deficits_classify(db, NULL, NULL), MMS_OK);
	/* a run's rows are stored in the order of deficit_result_by_run (level,
	   skill, class): each row's entry in the index after the one before, and
	   reading a level reads the pages in turn */
	assert_int_equal(t_int(db, "SELECT count(*) FROM deficit_row a JOIN deficit_row b "
	                           "ON b.rowid = a.rowid + 1 AND b.run_id = a.run_id "
	                           "WHERE (b.level, b.skill_id, coalesce(b.class_id, 0)) < "
	                           "(a.level, a.skill_id, coalesce(a.class_id, 0))"),
	                 0);
	/* …where a class's skills together would not be */
	assert_true(t_int(db, "SELECT min(n) FROM (SELECT count(DISTINCT class_id) AS n "
	                      "FROM deficit_result WHERE level = 'class' GROUP BY skill_id)") > 1);
	assert_true(t_int(db, "SELECT count(DISTINCT skill_id) FROM deficit_result") > 1);
	assert_int_equal(t_int(db, "SELECT count(DISTINCT level) FROM deficit_result"), 3);
	/* the four classes (each below half on skill 2) and the two without a class */
	assert_int_equal(t_int(db, "SELECT count(*) FROM student_below"), 5);
	assert_int_equal(t_int(db, "SELECT count(*) FROM student_below WHERE class_id IS NULL"), 1);
	assert_int_equal(t_int(db, "SELECT count(*) FROM student_deficit "
	                           "WHERE code = 'q\"1\\' AND class_id IS NULL"),
	                 3);
	/* a student's skills an array of pairs, skill id and success in millionths */
	assert_string_equal(t_text(db, "SELECT students FROM student_below WHERE class_id IS NULL"),
	                    "{\"q\\\"1\\\\\":[1,0,2,0,3,0],\"q2\":[1,0,2,0,3,0]}");
	assert_string_equal(t_text(db, "SELECT group_concat(skill_id || ':' || success, ' ') FROM "
	                               "student_deficit WHERE code = 'q2'"),
	                    "1:0.0 2:0.0 3:0.0");
	assert_int_equal(t_int(db, "SELECT count(DISTINCT code) FROM student_deficit "
	                           "WHERE class_id = 4"),
	                 9);
	mms_db_close(db);
	t_remove(path);
}

/* Replaces OBJECT ("TABLE x", "VIEW y") by what the latest migration before BEFORE
   with CREATE in it made, its text from CREATE up to END: the schema as it was. */
static void old_schema(mms_db *db, int before, const char *object, const char *create,
                       const char *end)
{
	const char *from = NULL, *to;
	char sql[4096];

	for (int m = before - 1; !from && m >= 1; m--)
		from = strstr(mms_schema_migration(m), create);
	assert_non_null(from);
	to = strstr(from, end);
	assert_non_null(to);
	assert_true((size_t)(to - from) + strlen(end) < sizeof(sql));
	snprintf(sql, sizeof(sql), "%.*s", (int)((to - from) + strlen(end)), from);
	t_sql(db, "DROP %s; %s", object, sql);
}

/* Migration 24 on the rows schema 23 wrote (a student's skills an object keyed by the
   skill's id): the same pairs, in their order, as arrays, and the view reads them. */
static void test_students_migrated(void **state)
{
	char *path;
	mms_db *db = edges_db(&path);

	(void)state;
	t_sql(db, "INSERT INTO deficit_run(id, assessment_id, threshold_version) VALUES (9, 1, 1);"
	          "INSERT INTO student_below(run_id, school_id, class_id, students) VALUES "
	          "(9, 1, 1, '{\"p1\":{\"3\":250000,\"1\":0},\"p\\\"2\":{\"2\":333333}}');");
	old_schema(db, 24, "VIEW student_deficit", "CREATE VIEW student_deficit(", ";");
	assert_non_null(mms_schema_migration(24));
	t_sql(db, "%s", mms_schema_migration(24));
	assert_string_equal(t_text(db, "SELECT students FROM student_below"),
	                    "{\"p1\":[3,250000,1,0],\"p\\\"2\":[2,333333]}");
	assert_string_equal(t_text(db, "SELECT group_concat(code || ' ' || skill_id || ' ' || "
	                               "success, '; ') FROM student_deficit"),
	                    "p1 3 0.25; p1 1 0.0; p\"2 2 0.333333");
	assert_null(mms_schema_migration(0));
	assert_null(mms_schema_migration(mms_schema_latest() + 1));
	mms_db_close(db);
	t_remove(path);
}

static void test_not_found(void **state)
{
	char *path;
	mms_db *db = edges_db(&path);

	(void)state;
	assert_int_equal(mms_deficits_classify(db, "nope", NULL), MMS_ENOTFOUND);
	assert_non_null(strstr(mms_errmsg(db), "'nope'"));
	t_sql(db, "INSERT INTO assessment(id, code, kind, subject_id, grade) "
	          "VALUES (2, 'empty', 'ВПР', 1, 5)");
	assert_int_equal(mms_deficits_classify(db, "empty", NULL), MMS_ENOTFOUND);
	/* Nothing was stored by the failed runs. */
	assert_int_equal(t_int(db, "SELECT count(*) FROM deficit_run"), 0);
	mms_db_close(db);
	t_remove(path);
}

/*
 * Spread and persistence.  Two schools: A with classes 5А, 5Б, 5В; B with 5А,
 * 5Б; 10 students each.  Four skills, one task of level Б and 1 point each,
 * so a class's rate is the share of its students who scored.  How many of the
 * 10 scored, by class A5А, A5Б, A5В, B5А, B5Б:
 *
 *             early (2025-10-01)   late (2026-04-15)
 *   skill 1   5 5 5 5 5            5 5 5 5 5
 *   skill 2   9 9 9 9 9            5 5 5 9 9
 *   skill 3   1 9 9 9 9            1 9 9 9 9
 *   skill 4   9 9 9 9 9            5 7 7 7 7
 *
 * Late:
 * - skill 1: the district at 25/50 = 0.5 < 0.57: district-wide, in every row;
 *   it was so in the early assessment: recurrent.
 * - skill 2: school A 15/30 = 0.5 (deficit), B 0.9, district 33/50 = 0.66
 *   (sufficient): school-wide, for A and for its classes; new.
 * - skill 3: A5А 0.1; school A 19/30 = 0.633, district 37/50 = 0.74.  A5А
 *   against the rest of the district, 36/40 = 0.9: p̄ = 0.74,
 *   se = sqrt(0.74 · 0.26 · (1/10 + 1/40)) = 0.155081, z = −0.8 / 0.155081 =
 *   −5.1586, p = 1.24e−7; Benjamini–Hochberg over the 20 class × skill tests
 *   gives q ≤ 20p < 0.05: class-specific.  Recurrent (early: same).
 * - skill 4: A5А 0.5 (deficit); A 19/30, district 33/50 = 0.66.  A5А against
 *   28/40 = 0.7: p̄ = 0.66, se = sqrt(0.66 · 0.34 · 0.125) = 0.167481,
 *   z = −1.19416, p = 0.116207 > 0.05, so q > 0.05: individual; new.
 *   A5Б (0.7, sufficient) has 3 students below half: individual, no deficit.
 */
static const int early_plan[4][5] = {
    {5, 5, 5, 5, 5}, {9, 9, 9, 9, 9}, {1, 9, 9, 9, 9}, {9, 9, 9, 9, 9}};
static const int late_plan[4][5] = {
    {5, 5, 5, 5, 5}, {5, 5, 5, 9, 9}, {1, 9, 9, 9, 9}, {5, 7, 7, 7, 7}};

static void fill(mms_db *db, int assessment, const int plan[4][5])
{
	static const int school_of[5] = {1, 1, 1, 2, 2};

	for (int c = 0; c < 5; c++) {
		for (int i = 0; i < 10; i++) {
			double t[4];

			for (int k = 0; k < 4; k++)
				t[k] = i < plan[k][c] ? 1 : 0;
			add_student(db, assessment, school_of[c], c + 1, t, 4);
		}
	}
}

static mms_db *spread_db(char **path)
{
	mms_db *db = t_db(path);

	next_code = 0;
	t_sql(db,
	      "INSERT INTO school(id, code, name, name_key) VALUES (1, 'a', 'Школа А', 'школа а'),"
	      "(2, 'b', 'Школа Б', 'школа б');"
	      "INSERT INTO subject(id, name, name_key) VALUES (1, 'Математика', 'математика');"
	      "INSERT INTO class(id, school_id, label, label_key, grade) VALUES "
	      "(1, 1, '5А', '5а', 5), (2, 1, '5Б', '5б', 5), (3, 1, '5В', '5в', 5),"
	      "(4, 2, '5А', '5а', 5), (5, 2, '5Б', '5б', 5);"
	      "INSERT INTO assessment(id, code, kind, subject_id, grade, date) VALUES "
	      "(1, 'late', 'ВПР', 1, 5, '2026-04-15'), (2, 'early', 'КДР', 1, 5, '2025-10-01');"
	      "INSERT INTO skill(id, subject_id, code, text, kind) VALUES "
	      "(1, 1, '1', 'a', 'subject'), (2, 1, '2', 'b', 'subject'),"
	      "(3, 1, '3', 'c', 'subject'), (4, 1, '4', 'd', 'subject');"
	      "INSERT INTO task(id, assessment_id, label, label_key, position, max_score, level, "
	      "slot) VALUES (1, 1, '1', '1', 1, 1, 'Б', 0), (2, 1, '2', '2', 2, 1, 'Б', 1),"
	      "(3, 1, '3', '3', 3, 1, 'Б', 2), (4, 1, '4', '4', 4, 1, 'Б', 3),"
	      "(5, 2, '1', '1', 1, 1, 'Б', 0), (6, 2, '2', '2', 2, 1, 'Б', 1),"
	      "(7, 2, '3', '3', 3, 1, 'Б', 2), (8, 2, '4', '4', 4, 1, 'Б', 3);"
	      "INSERT INTO task_skill VALUES (1, 1), (2, 2), (3, 3), (4, 4),"
	      "(5, 1), (6, 2), (7, 3), (8, 4);");
	/* The late one is imported first: the order of classification is by date. */
	fill(db, 1, late_plan);
	fill(db, 2, early_plan);
	return db;
}

#define A5A "s.code = 'a' AND c.label = '5А'"
#define A5B "s.code = 'a' AND c.label = '5Б'"

static void test_spread_persistence(void **state)
{
	char *path;
	mms_db *db = spread_db(&path);
	mms_classify_stats st;

	(void)state;
	assert_int_equal(mms_deficits_classify(db, NULL, &st), MMS_OK);
	assert_int_equal(st.assessments, 2);
	/* The early assessment was classified first. */
	assert_int_equal(t_int(db, "SELECT assessment_id FROM deficit_run ORDER BY id LIMIT 1"), 2);

	/* Skill 1: district-wide everywhere, recurrent. */
	near(t_real(db, "SELECT success " ROW("district", "1", "1")), 0.5);
	assert_string_equal(t_text(db, "SELECT spread " ROW("district", "1", "1")), "district");
	assert_string_equal(t_text(db, "SELECT persistence " ROW("district", "1", "1")),
	                    "recurrent");
	assert_string_equal(t_text(db, "SELECT spread " ROW("school", "s.code = 'b'", "1")),
	                    "district");
	assert_string_equal(t_text(db, "SELECT spread " ROW("class", A5B, "1")), "district");
	assert_string_equal(t_text(db, "SELECT persistence " ROW("class", A5B, "1")), "recurrent");

	/* Skill 2: school-wide in A, new; B and the district are fine. */
	near(t_real(db, "SELECT success " ROW("district", "1", "2")), 0.66);
	assert_string_equal(t_text(db, "SELECT verdict " ROW("district", "1", "2")), "sufficient");
	assert_string_equal(t_text(db, "SELECT spread " ROW("district", "1", "2")), "NULL");
	assert_string_equal(t_text(db, "SELECT spread " ROW("school", "s.code = 'a'", "2")),
	                    "school");
	assert_string_equal(t_text(db, "SELECT persistence " ROW("school", "s.code = 'a'", "2")),
	                    "new");
	assert_string_equal(t_text(db, "SELECT spread " ROW("class", A5A, "2")), "school");
	assert_string_equal(t_text(db, "SELECT persistence " ROW("class", A5A, "2")), "new");
	assert_int_equal(t_int(db, "SELECT deficit " ROW("school", "s.code = 'b'", "2")), 0);
	assert_string_equal(t_text(db, "SELECT persistence " ROW("school", "s.code = 'b'", "2")),
	                    "NULL");

	/* Skill 3: class-specific, recurrent. */
	near(t_real(db, "SELECT p_value " ROW("class", A5A, "3")), 1.24397e-7);
	assert_true(t_real(db, "SELECT q_value " ROW("class", A5A, "3")) <= 20 * 1.25e-7);
	assert_string_equal(t_text(db, "SELECT spread " ROW("class", A5A, "3")), "class");
	assert_string_equal(t_text(db, "SELECT persistence " ROW("class", A5A, "3")), "recurrent");
	assert_int_equal(t_int(db, "SELECT deficit " ROW("school", "s.code = 'a'", "3")), 0);
	assert_int_equal(t_int(db, "SELECT below_half " ROW("class", A5A, "3")), 9);

	/* Skill 4: individual, new; and a sufficient class with students below half. */
	near(t_real(db, "SELECT p_value " ROW("class", A5A, "4")), 0.116207);
	assert_true(t_real(db, "SELECT q_value " ROW("class", A5A, "4")) > 0.05);
	assert_string_equal(t_text(db, "SELECT spread " ROW("class", A5A, "4")), "individual");
	assert_string_equal(t_text(db, "SELECT persistence " ROW("class", A5A, "4")), "new");
	assert_string_equal(t_text(db, "SELECT verdict " ROW("class", A5B, "4")), "sufficient");
	assert_string_equal(t_text(db, "SELECT spread " ROW("class", A5B, "4")), "individual");
	assert_int_equal(t_int(db, "SELECT below_half " ROW("class", A5B, "4")), 3);
	assert_string_equal(t_text(db, "SELECT persistence " ROW("class", A5B, "4")), "NULL");
	/* Every class was tested: 5 classes × 4 skills. */
	assert_int_equal(t_int(db, "SELECT count(p_value) FROM deficit_result WHERE run_id = 2"),
	                 20);
	assert_int_equal(t_int(db, "SELECT count(*) FROM deficit_result WHERE run_id = 2 AND "
	                           "level <> 'class' AND p_value IS NOT NULL"),
	                 0);

	/* The early assessment: nothing before it, every deficit is new. */
	assert_int_equal(t_int(db, "SELECT count(*) FROM deficit_result WHERE run_id = 1 AND "
	                           "deficit = 1 AND persistence <> 'new'"),
	                 0);
	assert_true(t_int(db, "SELECT count(*) FROM deficit_result WHERE run_id = 1 AND "
	                      "deficit = 1") > 0);

	/* Classifying the late one alone again sees the early run: same answers. */
	assert_int_equal(mms_deficits_classify(db, "late", NULL), MMS_OK);
	assert_string_equal(t_text(db, "SELECT persistence " ROW("class", A5A, "3")), "recurrent");
	assert_int_equal(t_int(db, "SELECT count(*) FROM deficit_run"), 3);
	mms_db_close(db);
	t_remove(path);
}

/*
 * deficit_result_by_group holds the class deficits alone (what mms_sql_earlier
 * seeks), and a run's entries come in its key order.  Keyed by skill first and
 * holding every level's deficits, it got a skill's district and school deficits
 * after every skill's class rows, on pages written long before: at ten regions,
 * pages written to the log and then written over in the same transaction
 * (migration 28).
 */
static void test_group_index(void **state)
{
	char *path;
	mms_db *db = spread_db(&path);

	(void)state;
	assert_int_equal(mms_deficits_classify(db, NULL, NULL), MMS_OK);
	/* the fixture's deficits are at every level */
	assert_int_equal(
	    t_int(db, "SELECT count(DISTINCT level) FROM deficit_row WHERE deficit = 1"), 3);
	assert_int_equal(t_int(db, "SELECT sum(ncell) FROM dbstat WHERE "
	                           "name = 'deficit_result_by_group' AND pagetype = 'leaf'"),
	                 t_int(db, "SELECT count(*) FROM deficit_row "
	                           "WHERE deficit = 1 AND level = 'class'"));
	assert_true(t_int(db, "SELECT count(*) FROM deficit_row "
	                      "WHERE deficit = 1 AND level = 'class'") > 1);
	/* a run's class deficits, each (by rowid) of a skill after the one before */
	assert_int_equal(t_int(db,
	                       "WITH d AS (SELECT run_id, skill_id, "
	                       "lag(skill_id) OVER (PARTITION BY run_id ORDER BY rowid) AS prev "
	                       "FROM deficit_row WHERE deficit = 1 AND level = 'class') "
	                       "SELECT count(*) FROM d WHERE skill_id < prev"),
	                 0);
	mms_db_close(db);
	t_remove(path);
}

/* A hook that leaves a row and counts its calls; from the call numbered in
   fail_at on, it fails instead.  It notes in hook_relaxed whether the run's
   transaction checks CHECK constraints (0) or not (1), and foreign keys (0)
   or not (2), and in hook_autocheckpoint whether its commit is to checkpoint
   the log (SQLite's 1000 pages) or leave it to a thread of its own (0). */
static int fail_at, hook_rows, hook_relaxed, hook_autocheckpoint;

static int first_run_hook(mms_db *db, void *arg)
{
	int n = ++*(int *)arg;

	hook_relaxed = (int)t_int(db, "PRAGMA ignore_check_constraints") +
	               2 * !t_int(db, "PRAGMA foreign_keys");
	hook_autocheckpoint = (int)t_int(db, "PRAGMA wal_autocheckpoint");
	if (fail_at && n >= fail_at)
		return MMS_EDATA;
	hook_rows++;
	t_sql(db, "INSERT INTO subject(name, name_key) VALUES ('hook%d', 'hook%d')", hook_rows,
	      hook_rows);
	return MMS_OK;
}

/* The hook is called once, in the first run's transaction: committed with it
   or not at all. */
static void test_first_run_hook(void **state)
{
	char *path;
	mms_db *db = spread_db(&path);
	mms_classify_stats st;
	int calls = 0;

	(void)state;
	fail_at = hook_rows = 0;
	/* the later assessment (id 1) fails: the first run and the hook's row stay */
	t_sql(db, "CREATE TEMP TRIGGER no_run BEFORE INSERT ON deficit_run "
	          "WHEN NEW.assessment_id = 1 BEGIN SELECT RAISE(ABORT, 'no run'); END");
	assert_int_not_equal(mms_deficits_classify_with(db, NULL, &st, first_run_hook, &calls),
	                     MMS_OK);
	assert_int_equal(calls, 1);
	assert_int_equal(st.committed, 1);
	assert_int_equal(t_int(db, "SELECT count(*) FROM subject WHERE name LIKE 'hook%'"), 1);
	/* a run's rows are the code's own: neither their keys nor their CHECK
	   constraints are checked while it is stored, and both are after it */
	assert_int_equal(hook_relaxed, 3);
	assert_int_equal(t_int(db, "PRAGMA ignore_check_constraints"), 0);
	assert_int_equal(t_int(db, "PRAGMA foreign_keys"), 1);
	t_sql(db, "DROP TRIGGER no_run");
	/* both stored: one call */
	calls = 0;
	assert_int_equal(mms_deficits_classify_with(db, NULL, &st, first_run_hook, &calls), MMS_OK);
	assert_int_equal(st.committed, 2);
	assert_int_equal(calls, 1);
	/* a run's commit leaves the log to the checkpointing thread (the next run is
	   read meanwhile); the commits after the classification checkpoint again */
	assert_int_equal(hook_autocheckpoint, 0);
	assert_int_equal(t_int(db, "PRAGMA wal_autocheckpoint"), 1000);
	assert_int_equal(t_int(db, "PRAGMA wal_checkpoint(PASSIVE)"), 0);
	/* the hook failing fails the first run: nothing stored */
	calls = 0;
	fail_at = 1;
	assert_int_equal(mms_deficits_classify_with(db, NULL, &st, first_run_hook, &calls),
	                 MMS_EDATA);
	assert_int_equal(st.committed, 0);
	assert_int_equal(t_int(db, "SELECT count(*) FROM deficit_run"), 3);
	assert_int_equal(t_int(db, "SELECT count(*) FROM subject WHERE name LIKE 'hook%'"), 2);
	assert_int_equal(t_int(db, "PRAGMA ignore_check_constraints"), 0);
	assert_int_equal(t_int(db, "PRAGMA foreign_keys"), 1);
	/* in a caller's transaction, everything is checked */
	calls = 0;
	fail_at = 0;
	assert_int_equal(mms_tx_begin(db), MMS_OK);
	assert_int_equal(mms_deficits_classify_with(db, NULL, &st, first_run_hook, &calls), MMS_OK);
	assert_int_equal(hook_relaxed, 0);
	assert_int_equal(hook_autocheckpoint, 1000);
	mms_tx_rollback(db);
	mms_db_close(db);
	t_remove(path);
}

/*
 * Outside a caller's transaction each run is committed as it is stored: a
 * later assessment's failure leaves the earlier runs, whole.  In a caller's
 * transaction the classification is a savepoint of it: nothing is committed.
 */
static void test_runs_committed(void **state)
{
	char *path;
	mms_db *db = spread_db(&path);
	mms_classify_stats st;
	long long rows;

	(void)state;
	/* the later assessment (the first classified is the earlier, id 2) fails */
	t_sql(db, "CREATE TEMP TRIGGER no_run BEFORE INSERT ON deficit_run "
	          "WHEN NEW.assessment_id = 1 BEGIN SELECT RAISE(ABORT, 'no run'); END");
	assert_int_not_equal(mms_deficits_classify(db, NULL, &st), MMS_OK);
	assert_int_equal(st.committed, 1);
	assert_int_equal(t_int(db, "SELECT count(*) FROM deficit_run"), 1);
	assert_int_equal(t_int(db, "SELECT assessment_id FROM deficit_run"), 2);
	rows = t_int(db, "SELECT count(*) FROM deficit_result");
	assert_true(rows > 0);
	t_sql(db, "DROP TRIGGER no_run");

	/* the same run again, whole: as many rows */
	assert_int_equal(mms_deficits_classify(db, "early", &st), MMS_OK);
	assert_int_equal(st.committed, 1);
	assert_int_equal(t_int(db, "SELECT count(*) FROM deficit_result WHERE run_id = 2"), rows);

	/* in the caller's transaction: rolled back with it */
	assert_int_equal(mms_db_begin(db), MMS_OK);
	assert_int_equal(mms_deficits_classify(db, NULL, &st), MMS_OK);
	assert_int_equal(st.assessments, 2);
	assert_int_equal(st.committed, 0);
	assert_int_equal(t_int(db, "SELECT count(*) FROM deficit_run"), 4);
	mms_db_rollback(db);
	assert_int_equal(t_int(db, "SELECT count(*) FROM deficit_run"), 2);
	mms_db_close(db);
	t_remove(path);
}

/*
 * A database file's assessments are read ahead of their storing, by a second
 * connection; in a caller's transaction, in turn by one.  The runs are the
 * same either way: every column of every row a run writes, in the same order.
 */
#define RESULT_COLUMNS                                                                             \
	"school_id, class_id, skill_id, n, points, possible, ci_low, ci_high, codes, "             \
	"threshold_stored, sufficient_stored, p_value, q_value, below_half"
#define TEACHER_COLUMNS                                                                            \
	"teacher_id, skill_id, school_id, classes, n, points, possible, rest_n, rest_success, "    \
	"codes, threshold_stored, sufficient_stored, sole_teacher, p_below, q_below, p_above, "    \
	"q_above"
#define BELOW_COLUMNS "school_id, class_id, students"
/* TABLE's rows of the first two runs that the next two do not have, and back:
   the runs' order in the table (ROWID: "rowid", or "0" in a table without one)
   and their columns */
#define NOT_AGAIN(table, rowid, columns)                                                           \
	"SELECT count(*) FROM (SELECT * FROM (SELECT " rowid " - (SELECT min(" rowid               \
	") FROM " table " WHERE run_id <= 2), run_id, " columns " FROM " table                     \
	" WHERE run_id <= 2 "                                                                      \
	"EXCEPT SELECT " rowid " - (SELECT min(" rowid ") FROM " table " WHERE run_id > 2), "      \
	"run_id - 2, " columns " FROM " table " WHERE run_id > 2) UNION ALL SELECT * FROM ("       \
	"SELECT " rowid " - (SELECT min(" rowid ") FROM " table " WHERE run_id > 2), "             \
	"run_id - 2, " columns " FROM " table " WHERE run_id > 2 EXCEPT SELECT " rowid " - "       \
	"(SELECT min(" rowid ") FROM " table " WHERE run_id <= 2), run_id, " columns               \
	" FROM " table " WHERE run_id <= 2))"

static void test_read_ahead_as_in_turn(void **state)
{
	char *path;
	mms_db *db = spread_db(&path);
	mms_classify_stats ahead, in_turn;

	(void)state;
	assert_int_equal(mms_deficits_classify(db, NULL, &ahead), MMS_OK);
	assert_int_equal(ahead.committed, 2);
	assert_int_equal(mms_db_begin(db), MMS_OK);
	assert_int_equal(mms_deficits_classify(db, NULL, &in_turn), MMS_OK);
	assert_int_equal(mms_db_commit(db), MMS_OK);
	assert_int_equal(in_turn.committed, 0);
	assert_int_equal(t_int(db, "SELECT count(*) FROM deficit_run"), 4);
	/* the same assessments in the same order */
	assert_int_equal(t_int(db, "SELECT count(*) FROM deficit_run a JOIN deficit_run b "
	                           "ON b.id = a.id + 2 WHERE a.assessment_id <> b.assessment_id"),
	                 0);
	assert_true(t_int(db, "SELECT count(*) FROM deficit_result WHERE run_id = 2") > 0);
	assert_true(t_int(db, "SELECT count(*) FROM deficit_result WHERE deficit = 1 AND "
	                      "persistence = 'recurrent'") > 0);
	assert_int_equal(t_int(db, NOT_AGAIN("deficit_row", "rowid", RESULT_COLUMNS)), 0);
	assert_int_equal(t_int(db, NOT_AGAIN("teacher_result", "0", TEACHER_COLUMNS)), 0);
	assert_int_equal(t_int(db, NOT_AGAIN("student_below", "rowid", BELOW_COLUMNS)), 0);
	assert_int_equal(ahead.participants, in_turn.participants);
	assert_int_equal(ahead.scores, in_turn.scores);
	assert_int_equal(ahead.rows, in_turn.rows);
	assert_int_equal(ahead.deficits, in_turn.deficits);
	assert_int_equal(ahead.students_below, in_turn.students_below);
	assert_int_equal(ahead.signs, in_turn.signs);
	mms_db_close(db);
	t_remove(path);
}

/*
 * Persistence follows a class from one school year to the next: 5А of the
 * grade-5 assessment (2026) is 6А of the grade-6 one (2027).  Two schools
 * (a: А Б В, b: А Б), classes of 10, two skills of one task each; how many
 * scored, by class:
 *                 2026, grade 5        2027, grade 6
 *   skill 1       1 9 9 | 9 9          1 9 9 | 9 9     → a/6А recurrent (a/5А was low)
 *   skill 2       9 1 9 | 9 9          1 9 9 | 9 9     → a/6А new (a/5Б was low, not 5А)
 * A low class, 1/10 against the rest's 36/40, is a class-specific deficit;
 * school a stays at 19/30 = 0.63, not below the threshold.
 */
static void test_persistence_across_years(void **state)
{
	static const int y1[2][5] = {{1, 9, 9, 9, 9}, {9, 1, 9, 9, 9}};
	static const int y2[2][5] = {{1, 9, 9, 9, 9}, {1, 9, 9, 9, 9}};
	static const int school_of[5] = {1, 1, 1, 2, 2};
	char *path;
	mms_db *db = t_db(&path);

	(void)state;
	next_code = 0;
	t_sql(db,
	      "INSERT INTO school(id, code, name, name_key) VALUES (1, 'a', 'А', 'а'),"
	      "(2, 'b', 'Б', 'б');"
	      "INSERT INTO subject(id, name, name_key) VALUES (1, 'Математика', 'математика');"
	      "INSERT INTO class(id, school_id, label, label_key, grade) VALUES "
	      "(1, 1, '5А', '5а', 5), (2, 1, '5Б', '5б', 5), (3, 1, '5В', '5в', 5),"
	      "(4, 2, '5А', '5а', 5), (5, 2, '5Б', '5б', 5),"
	      "(6, 1, '6А', '6а', 6), (7, 1, '6Б', '6б', 6), (8, 1, '6В', '6в', 6),"
	      "(9, 2, '6А', '6а', 6), (10, 2, '6Б', '6б', 6);"
	      "INSERT INTO assessment(id, code, kind, subject_id, grade, date) VALUES "
	      "(1, 'y2', 'ВПР', 1, 6, '2027-04-14'), (2, 'y1', 'ВПР', 1, 5, '2026-04-15');"
	      "INSERT INTO skill(id, subject_id, code, text, kind) VALUES "
	      "(1, 1, '1', 'a', 'subject'), (2, 1, '2', 'b', 'subject');"
	      "INSERT INTO task(id, assessment_id, label, label_key, position, max_score, level, "
	      "slot) VALUES (1, 1, '1', '1', 1, 1, 'Б', 0), (2, 1, '2', '2', 2, 1, 'Б', 1),"
	      "(3, 2, '1', '1', 1, 1, 'Б', 0), (4, 2, '2', '2', 2, 1, 'Б', 1);"
	      "INSERT INTO task_skill VALUES (1, 1), (2, 2), (3, 1), (4, 2);");
	for (int c = 0; c < 5; c++)
		for (int i = 0; i < 10; i++) {
			double t1[2] = {i < y1[0][c], i < y1[1][c]};
			double t2[2] = {i < y2[0][c], i < y2[1][c]};

			add_student(db, 2, school_of[c], c + 1, t1, 2);
			add_student(db, 1, school_of[c], c + 6, t2, 2);
		}
	assert_int_equal(mms_deficits_classify(db, NULL, NULL), MMS_OK);
#define A6A "s.code = 'a' AND c.label = '6А'"
	assert_string_equal(t_text(db, "SELECT spread " ROW("class", A6A, "1")), "class");
	assert_string_equal(t_text(db, "SELECT persistence " ROW("class", A6A, "1")), "recurrent");
	assert_string_equal(t_text(db, "SELECT spread " ROW("class", A6A, "2")), "class");
	assert_string_equal(t_text(db, "SELECT persistence " ROW("class", A6A, "2")), "new");
#undef A6A
	mms_db_close(db);
	t_remove(path);
}

/*
 * Persistence as the question asked one deficit at a time answered it: the
 * group's deficit of the same skill (or one linked by a codifier) in the
 * newest run of an assessment dated before, in the same class or the class of
 * its letter as far from that assessment's grade.  The classification reads
 * the earlier deficits once (lib/deficits/earlier.c); here each deficit is
 * asked again in SQL.
 */
static const char sql_recurrent[] =
    "SELECT count(*) FROM deficit_result r "
    "JOIN deficit_run u ON u.id = r.run_id JOIN assessment a ON a.id = u.assessment_id "
    "WHERE r.skill_id IN (SELECT same_id FROM skill_same WHERE skill_id = ?1) "
    "AND r.level = ?2 AND r.deficit = 1 AND r.school_id IS ?3 "
    "AND (r.class_id IS ?4 OR r.class_id IN ("
    "  SELECT c2.id FROM class c1 JOIN class c2 ON c2.school_id = c1.school_id "
    "  WHERE c1.id = ?4 AND c2.grade - a.grade = c1.grade - "
    "    (SELECT grade FROM assessment WHERE id = ?6) "
    "  AND substr(c2.label_key, length(c2.grade) + 1) = "
    "    substr(c1.label_key, length(c1.grade) + 1))) "
    "AND a.date IS NOT NULL AND a.date < ?5 "
    "AND u.id = (SELECT max(id) FROM deficit_run WHERE assessment_id = a.id)";

/*
 * A district of three schools whose classes 4 to 7 are А, Б and В, a class
 * of no grade (К) and one whose label does not begin with its grade (А-5);
 * five assessments of one subject, two of them a year apart, one in the
 * autumn written by the grade above, one undated.  Skills 1 and 3 share the
 * codifier 6, skill 7's codifier is skill 2; the later assessments have 3
 * and 7 where the earlier have 1 and 2.  Some letters are weak from year to
 * year, skill 4 everywhere.
 */
static mms_db *years_db(char **path)
{
	static const struct {
		int id, grade, class_grade;
		const char *date;
		int skills[4];
	} as[] = {{1, 4, 4, "'2025-04-10'", {1, 2, 4, 5}},
	          {2, 5, 5, "'2026-04-10'", {1, 2, 4, 5}},
	          {3, 5, 6, "'2026-10-01'", {3, 2, 4, 5}},
	          {4, 6, 6, "'2027-04-10'", {3, 7, 4, 5}},
	          {5, 6, 6, "NULL", {1, 2, 4, 5}}};
	static const char *const letters[] = {"А", "Б", "В"}, *const keys[] = {"а", "б", "в"};
	mms_db *db = t_db(path);
	unsigned seed = 12345;
	int task = 0;

	next_code = 0;
	t_sql(db, "INSERT INTO subject(id, name, name_key) VALUES (1, 'Математика', 'математика');"
	          "INSERT INTO skill(id, subject_id, code, text, kind) VALUES "
	          "(1, 1, '1', 'a', 'subject'), (2, 1, '2', 'b', 'subject'),"
	          "(3, 1, '3', 'c', 'subject'), (4, 1, '4', 'd', 'subject'),"
	          "(5, 1, '5', 'e', 'subject'), (6, 1, '6', 'f', 'subject'),"
	          "(7, 1, '7', 'g', 'subject');"
	          "INSERT INTO skill_link(skill_id, codifier_id) VALUES (1, 6), (3, 6), (7, 2);");
	for (int s = 1; s <= 3; s++) {
		t_sql(
		    db,
		    "INSERT INTO school(id, code, name, name_key) VALUES (%d, 's%d', 'Ш%d', 'ш%d')",
		    s, s, s, s);
		for (int g = 4; g <= 7; g++)
			for (int l = 0; l < 3; l++)
				t_sql(db,
				      "INSERT INTO class(id, school_id, label, label_key, grade) "
				      "VALUES (%d, %d, '%d%s', '%d%s', %d)",
				      s * 100 + g * 10 + l, s, g, letters[l], g, keys[l], g);
		t_sql(db,
		      "INSERT INTO class(id, school_id, label, label_key, grade) VALUES "
		      "(%d, %d, 'К', 'к', NULL), (%d, %d, 'А-5', 'а-5', 5)",
		      s * 100 + 1, s, s * 100 + 2, s);
	}
	for (size_t i = 0; i < sizeof(as) / sizeof(*as); i++) {
		t_sql(db,
		      "INSERT INTO assessment(id, code, kind, subject_id, grade, date) "
		      "VALUES (%d, 'a%d', 'ВПР', 1, %d, %s)",
		      as[i].id, as[i].id, as[i].grade, as[i].date);
		for (int k = 0; k < 4; k++) {
			task++;
			t_sql(db,
			      "INSERT INTO task(id, assessment_id, label, label_key, position, "
			      "max_score, level, slot) VALUES (%d, %d, '%d', '%d', %d, 1, 'Б', %d);"
			      "INSERT INTO task_skill VALUES (%d, %d)",
			      task, as[i].id, k + 1, k + 1, k + 1, k, task, as[i].skills[k]);
		}
		for (int s = 1; s <= 3; s++)
			for (int l = 0; l < 5; l++) {
				/* the three letters of the grade that writes it, К and А-5 */
				int klass =
				    l < 3 ? s * 100 + as[i].class_grade * 10 + l : s * 100 + l - 2;
				/* Б of school 2 and В of school 3 are weak, and skill 4 everywhere
				 */
				double strength =
				    (s == 2 && l == 1) || (s == 3 && l == 2) ? 0.35 : 0.8;

				if (l == 4 && as[i].class_grade != 5)
					continue;
				for (int n = 0; n < 12; n++) {
					double t[4];

					for (int k = 0; k < 4; k++) {
						double p =
						    strength * (as[i].skills[k] == 4 ? 0.6 : 1.0);

						seed = seed * 1103515245u + 12345u;
						t[k] = (double)((seed >> 16) % 1000) / 1000.0 < p;
					}
					add_student(db, as[i].id, s, klass, t, 4);
				}
			}
	}
	return db;
}

/* Every deficit of the newest runs against sql_recurrent; how many recur, and
   how many of those through another class or another skill alone. */
static void check_persistence(mms_db *db, int *recurrent, int *fresh, int *other)
{
	sqlite3_stmt *rows, *ask, *same;

	assert_int_equal(sqlite3_prepare_v2(db->sql,
	                                    "SELECT r.skill_id, r.level, r.school_id, r.class_id, "
	                                    "a.date, a.id, r.persistence FROM deficit_result r "
	                                    "JOIN deficit_run u ON u.id = r.run_id "
	                                    "JOIN assessment a ON a.id = u.assessment_id "
	                                    "WHERE r.deficit = 1 AND u.id = (SELECT max(id) "
	                                    "FROM deficit_run WHERE assessment_id = a.id)",
	                                    -1, &rows, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db->sql, sql_recurrent, -1, &ask, NULL), SQLITE_OK);
	/* the same skill and group, as the classification's run before had them */
	assert_int_equal(sqlite3_prepare_v2(db->sql,
	                                    "SELECT count(*) FROM deficit_result r "
	                                    "JOIN deficit_run u ON u.id = r.run_id "
	                                    "JOIN assessment a ON a.id = u.assessment_id "
	                                    "WHERE r.skill_id = ?1 AND r.level = ?2 "
	                                    "AND r.deficit = 1 AND r.school_id IS ?3 "
	                                    "AND r.class_id IS ?4 AND a.date < ?5 AND u.id = "
	                                    "(SELECT max(id) FROM deficit_run "
	                                    "WHERE assessment_id = a.id)",
	                                    -1, &same, NULL),
	                 SQLITE_OK);
	*recurrent = *fresh = *other = 0;
	while (sqlite3_step(rows) == SQLITE_ROW) {
		const char *got = (const char *)sqlite3_column_text(rows, 6);
		int want;

		for (int i = 0; i < 5; i++) {
			sqlite3_bind_value(ask, i + 1, sqlite3_column_value(rows, i));
			sqlite3_bind_value(same, i + 1, sqlite3_column_value(rows, i));
		}
		sqlite3_bind_value(ask, 6, sqlite3_column_value(rows, 5));
		assert_int_equal(sqlite3_step(ask), SQLITE_ROW);
		want = sqlite3_column_int(ask, 0) > 0;
		assert_int_equal(sqlite3_step(same), SQLITE_ROW);
		if (want && sqlite3_column_int(same, 0) == 0)
			++*other;
		if (strcmp(got, want ? "recurrent" : "new") != 0)
			fail_msg("skill %lld, %s, school %lld, class %lld of assessment %lld: %s, "
			         "asked: %s",
			         sqlite3_column_int64(rows, 0), sqlite3_column_text(rows, 1),
			         sqlite3_column_int64(rows, 2), sqlite3_column_int64(rows, 3),
			         sqlite3_column_int64(rows, 5), got, want ? "recurrent" : "new");
		*recurrent += want;
		*fresh += !want;
		sqlite3_reset(ask);
		sqlite3_reset(same);
	}
	sqlite3_finalize(rows);
	sqlite3_finalize(ask);
	sqlite3_finalize(same);
}

static void test_persistence_as_asked(void **state)
{
	char *path;
	mms_db *db = years_db(&path);
	int recurrent, fresh, other;

	(void)state;
	assert_int_equal(mms_deficits_classify(db, NULL, NULL), MMS_OK);
	check_persistence(db, &recurrent, &fresh, &other);
	assert_true(recurrent > 0 && fresh > 0 && other > 0);
	/* again: each assessment's newest run is the earlier one now, and only it */
	assert_int_equal(mms_deficits_classify(db, "a4", NULL), MMS_OK);
	assert_int_equal(mms_deficits_classify(db, "a1", NULL), MMS_OK);
	assert_int_equal(mms_deficits_classify(db, "a2", NULL), MMS_OK);
	check_persistence(db, &recurrent, &fresh, &other);
	assert_true(recurrent > 0 && fresh > 0 && other > 0);
	mms_db_close(db);
	t_remove(path);
}

/* Whether the district's deficit of skill 5 recurs in assessment 4, as E reads it. */
static int district_recurs(mms_earlier *e)
{
	static const sqlite3_int64 skills[] = {3, 7, 4, 5};
	int out = -1;

	assert_int_equal(mms_earlier_load(e, 4, "2027-04-10", skills, 4), MMS_OK);
	assert_int_equal(mms_earlier_recurs(e, 3, NULL, NULL, &out), MMS_OK);
	return out;
}

/* A run the connection stored is read from memory while it is its assessment's
   newest, and from the database once another run is newer, once forgotten, and
   when it was never committed. */
static void test_persistence_kept(void **state)
{
	char *path;
	mms_db *db = years_db(&path);
	mms_earlier *e;
	sqlite3_int64 run;

	(void)state;
	assert_int_equal(mms_deficits_classify(db, NULL, NULL), MMS_OK);
	run = t_int(db, "SELECT max(id) FROM deficit_run WHERE assessment_id = 3");
	assert_int_equal(mms_earlier_new(db, &e), MMS_OK);
	/* skill 5 is no deficit of the district's in any assessment */
	assert_int_equal(t_int(db, "SELECT count(*) FROM deficit_result WHERE skill_id = 5 "
	                           "AND level = 'district' AND deficit = 1"),
	                 0);
	assert_int_equal(district_recurs(e), 0);
	/* kept as assessment 3's newest run, with a deficit the database does not have */
	mms_earlier_hold_begin(e);
	mms_earlier_hold(e, 5, 0, 0);
	mms_earlier_stored(e, 3, run);
	assert_int_equal(district_recurs(e), 1);
	/* a run begun and never committed is not kept: the run before stays */
	mms_earlier_hold_begin(e);
	mms_earlier_hold(e, 4, 0, 0);
	assert_int_equal(district_recurs(e), 1);
	/* forgotten: the database's */
	mms_earlier_forget(e);
	assert_int_equal(district_recurs(e), 0);
	/* another command's run of assessment 3, newer than the one kept: the database's */
	mms_earlier_hold_begin(e);
	mms_earlier_hold(e, 5, 0, 0);
	mms_earlier_stored(e, 3, run);
	assert_int_equal(district_recurs(e), 1);
	t_sql(db,
	      "INSERT INTO deficit_run(assessment_id, threshold_version) SELECT assessment_id, "
	      "threshold_version FROM deficit_run WHERE id = %lld;"
	      "INSERT INTO deficit_row(run_id, school_id, class_id, skill_id, n, points, "
	      "possible, ci_low, ci_high, p_value, q_value, below_half, codes, "
	      "threshold_stored, sufficient_stored) SELECT last_insert_rowid(), school_id, "
	      "class_id, skill_id, n, points, possible, ci_low, ci_high, p_value, q_value, "
	      "below_half, codes, threshold_stored, sufficient_stored FROM deficit_row "
	      "WHERE run_id = %lld",
	      (long long)run, (long long)run);
	assert_int_equal(district_recurs(e), 0);
	mms_earlier_free(e);
	mms_db_close(db);
	t_remove(path);
}

static void test_query(void **state)
{
	char *path;
	mms_db *db = spread_db(&path);
	mms_deficit_query q = {0};
	mms_deficit_iter *it;
	const mms_deficit_row *r;
	int n = 0, rc;
	double last = -1;

	(void)state;
	assert_int_equal(mms_deficits_classify(db, NULL, NULL), MMS_OK);
	q.assessment = "late";
	q.level = MMS_LEVEL_CLASS;
	q.only_deficits = 1;
	assert_int_equal(mms_deficits_query(db, &q, &it), MMS_OK);
	while ((rc = mms_deficit_iter_next(it, &r)) == 1) {
		assert_int_equal(r->level, MMS_LEVEL_CLASS);
		assert_string_equal(r->assessment, "late");
		assert_string_equal(r->subject, "Математика");
		assert_int_equal(r->deficit, 1);
		assert_non_null(r->class_label);
		assert_non_null(r->school);
		/* Worst first. */
		assert_true(r->success - r->threshold >= last - 1e-12);
		last = r->success - r->threshold;
		if (n == 0) {
			/* A5А, skill 3 at 0.1 is the worst. */
			assert_string_equal(r->skill, "3");
			assert_string_equal(r->class_label, "5А");
			assert_string_equal(r->school, "a");
			near(r->success, 0.1);
			assert_int_equal(r->spread, MMS_SPREAD_CLASS);
		}
		n++;
	}
	assert_int_equal(rc, 0);
	mms_deficit_iter_free(it);
	/* Class deficits: skill 1 in all 5 classes, skill 2 in the 3 of A, skill 3
	   and skill 4 in A5А: 10. */
	assert_int_equal(n, 10);

	q.level = MMS_LEVEL_DISTRICT;
	q.only_deficits = 0;
	assert_int_equal(mms_deficits_query(db, &q, &it), MMS_OK);
	n = 0;
	while (mms_deficit_iter_next(it, &r) == 1) {
		assert_null(r->school);
		assert_null(r->class_label);
		if (n == 0)
			assert_int_equal(r->verdict, MMS_VERDICT_DEFICIT);
		n++;
	}
	mms_deficit_iter_free(it);
	assert_int_equal(n, 4);
	mms_db_close(db);
	t_remove(path);
}

/* Each code names its value and back; an unknown or absent code is the default. */
static void test_keys(void **state)
{
	(void)state;
	for (int v = 0; v < MMS_NVERDICT; v++)
		assert_int_equal(mms_verdict_of(mms_verdict_key((enum mms_verdict)v)), v);
	for (int v = 0; v < MMS_NSPREAD; v++)
		assert_int_equal(mms_spread_of(mms_spread_key((enum mms_spread)v)), v);
	for (int v = MMS_LEVEL_CLASS; v <= MMS_LEVEL_DISTRICT; v++)
		assert_int_equal(mms_level_of(mms_level_key((enum mms_deficit_level)v)), v);
	for (int v = MMS_PERSISTENCE_NEW; v <= MMS_PERSISTENCE_RECURRENT; v++)
		assert_int_equal(mms_persistence_of(mms_persistence_key((enum mms_persistence)v)),
		                 v);
	assert_string_equal(mms_verdict_key(MMS_VERDICT_NO_DATA), "insufficient_data");
	assert_string_equal(mms_spread_key(MMS_SPREAD_TEACHER), "teacher");
	assert_null(mms_spread_key(MMS_SPREAD_NONE));
	assert_null(mms_persistence_key(MMS_PERSISTENCE_NONE));
	assert_null(mms_level_key(MMS_LEVEL_ALL));
	assert_int_equal(mms_spread_of(NULL), MMS_SPREAD_NONE);
	assert_int_equal(mms_spread_of("everywhere"), MMS_SPREAD_NONE);
	assert_int_equal(mms_verdict_of("bad"), MMS_VERDICT_NO_DATA);
}

/* deficit_result's row of deficit_row's row %lld: the one of the same stored values
   (the view's other columns are read from them, the same for any such row). */
#define BY_ROWID                                                                                   \
	" FROM deficit_result WHERE (run_id, coalesce(school_id, 0), coalesce(class_id, 0), "      \
	"skill_id, n, points, possible, codes, threshold_stored, sufficient_stored) = "            \
	"(SELECT run_id, coalesce(school_id, 0), coalesce(class_id, 0), skill_id, n, points, "     \
	"possible, codes, threshold_stored, sufficient_stored FROM deficit_row "                   \
	"WHERE rowid = %lld) LIMIT 1"

/* Column COL of the row ROWID as deficit_result reads it, as text ("NULL" for null). */
static const char *stored(mms_db *db, const char *col, sqlite3_int64 rowid)
{
	return t_text(db, "SELECT %s" BY_ROWID, col, (long long)rowid);
}

/*
 * deficit_result stores a row's task level, verdict, spread and persistence as
 * one integer (codes.h) and reads them as the words of keys.c (its generated
 * columns): the same words, for every combination; the level is the row's ids',
 * the success its points over the possible.
 */
static void test_stored_codes(void **state)
{
	static const char *const task_levels[] = {"Б", "П", "В"};
	char *path;
	mms_db *db = edges_db(&path);
	int rows = 0;

	(void)state;
	t_sql(db, "INSERT INTO deficit_run(id, assessment_id, threshold_version) VALUES (9, 1, 1)");
	for (int v = 0; v < MMS_NVERDICT; v++)
		for (int sp = MMS_SPREAD_NONE; sp < MMS_NSPREAD; sp++)
			for (int p = MMS_PERSISTENCE_NONE; p <= MMS_PERSISTENCE_RECURRENT; p++)
				for (int tl = 0; tl < 3; tl++) {
					const char *spread = mms_spread_key((enum mms_spread)sp);
					const char *persistence =
					    mms_persistence_key((enum mms_persistence)p);
					/* a district's row, a school's, a class's */
					enum mms_deficit_level level = tl == 0 ? MMS_LEVEL_DISTRICT
					                               : tl == 1 ? MMS_LEVEL_SCHOOL
					                                         : MMS_LEVEL_CLASS;
					sqlite3_int64 id;

					t_sql(db,
					      "INSERT INTO deficit_row(run_id, school_id, "
					      "class_id, "
					      "skill_id, n, points, possible, ci_low, ci_high, "
					      "codes, "
					      "threshold_stored, sufficient_stored) VALUES (9, %s, "
					      "%s, 1, 3, "
					      "1, 3, 0, 1, %d, 5700, 6000)",
					      level == MMS_LEVEL_DISTRICT ? "NULL" : "1",
					      level == MMS_LEVEL_CLASS ? "2" : "NULL",
					      mms_result_codes(tl, (enum mms_verdict)v,
					                       (enum mms_spread)sp,
					                       (enum mms_persistence)p));
					id = sqlite3_last_insert_rowid(db->sql);
					rows++;
					assert_string_equal(stored(db, "verdict", id),
					                    mms_verdict_key((enum mms_verdict)v));
					assert_int_equal(atoi(stored(db, "deficit", id)),
					                 v == MMS_VERDICT_DEFICIT);
					assert_string_equal(stored(db, "spread", id),
					                    spread ? spread : "NULL");
					assert_string_equal(stored(db, "persistence", id),
					                    persistence ? persistence : "NULL");
					assert_string_equal(stored(db, "task_level", id),
					                    task_levels[tl]);
					assert_string_equal(stored(db, "level", id),
					                    mms_level_key(level));
					assert_true(t_real(db, "SELECT success" BY_ROWID,
					                   (long long)id) == 1.0 / 3.0);
				}
	/* each combination its own code, in two bytes at most */
	assert_int_equal(t_int(db, "SELECT count(DISTINCT codes) FROM deficit_result"), rows);
	assert_true(t_int(db, "SELECT max(codes) FROM deficit_result") < 512);
	/* no code outside the words: a fourth task level, a sixth spread, a third
	   persistence, a negative */
	assert_int_not_equal(mms_exec(db, "UPDATE deficit_row SET codes = 3"), MMS_OK);
	assert_int_not_equal(mms_exec(db, "UPDATE deficit_row SET codes = 6 << 4"), MMS_OK);
	assert_int_not_equal(mms_exec(db, "UPDATE deficit_row SET codes = 3 << 7"), MMS_OK);
	assert_int_not_equal(mms_exec(db, "UPDATE deficit_row SET codes = -4"), MMS_OK);
	/* what is told from the rest is not stored */
	assert_int_not_equal(mms_exec(db, "UPDATE deficit_row SET level = 'class'"), MMS_OK);
	assert_int_not_equal(mms_exec(db, "UPDATE deficit_result SET success = 0.5"), MMS_OK);
	assert_int_not_equal(mms_exec(db, "UPDATE deficit_result SET verdict = 'deficit'"), MMS_OK);
	assert_int_not_equal(mms_exec(db, "UPDATE deficit_result SET threshold = 0.5"), MMS_OK);
	/* nor computed when a row is stored (migration 27): the words are the view's alone */
	assert_int_equal(t_int(db, "SELECT count(*) FROM pragma_table_xinfo('deficit_row') "
	                           "WHERE name IN ('success', 'task_level', 'threshold', "
	                           "'sufficient', 'verdict', 'spread', 'persistence')"),
	                 0);
	assert_int_equal(t_int(db, "SELECT count(*) FROM pragma_table_xinfo('deficit_result')"),
	                 24);
	mms_db_close(db);
	t_remove(path);
}

/*
 * A threshold is stored as its ten-thousandths when it is a whole number of them,
 * else negated, and reads back as exactly the double it was, either way.
 */
static void test_stored_thresholds(void **state)
{
	static const struct {
		double t;
		const char *type;
	} cases[] = {{0.57, "integer"},   {0.6, "integer"},        {0.285, "integer"},
	             {0.3, "integer"},    {1.0, "integer"},        {0.0001, "integer"},
	             {0.5725, "integer"}, {0.57125, "real"},       {1.0 / 3.0, "real"},
	             {0.1 + 0.2, "real"}, {0.6 * 0.95, "integer"}, {0.7 * 0.95, "real"},
	             {5e-5, "real"}};
	char *path;
	mms_db *db = edges_db(&path);
	sqlite3_stmt *st;

	(void)state;
	t_sql(db, "INSERT INTO deficit_run(id, assessment_id, threshold_version) VALUES (9, 1, 1)");
	assert_int_equal(mms_prepare(db, &st,
	                             "INSERT INTO deficit_row(run_id, skill_id, n, points, "
	                             "possible, ci_low, ci_high, codes, threshold_stored, "
	                             "sufficient_stored) VALUES (9, 1, 3, 1, 3, 0, 1, 4, ?1, ?2)"),
	                 MMS_OK);
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		sqlite3_int64 id;

		mms_bind_threshold(st, 1, cases[i].t);
		mms_bind_threshold(st, 2, cases[i].t);
		assert_int_equal(mms_step_done(db, st), MMS_OK);
		id = sqlite3_last_insert_rowid(db->sql);
		assert_string_equal(stored(db, "typeof(threshold_stored)", id), cases[i].type);
		assert_true(t_real(db,
		                   "SELECT threshold_stored FROM deficit_row WHERE rowid = %lld",
		                   (long long)id) == (strcmp(cases[i].type, "integer") == 0
		                                          ? round(cases[i].t * 10000)
		                                          : -cases[i].t));
		assert_true(t_real(db, "SELECT threshold" BY_ROWID, (long long)id) == cases[i].t);
		assert_true(t_real(db, "SELECT sufficient" BY_ROWID, (long long)id) == cases[i].t);
	}
	sqlite3_finalize(st);
	/* nothing but a threshold's number: a positive REAL is neither */
	assert_int_not_equal(
	    mms_exec(db, "UPDATE deficit_row SET threshold_stored = '0.5' WHERE rowid = 1"),
	    MMS_OK);
	assert_int_not_equal(
	    mms_exec(db, "UPDATE deficit_row SET threshold_stored = 10001 WHERE rowid = 1"),
	    MMS_OK);
	assert_int_not_equal(
	    mms_exec(db, "UPDATE deficit_row SET sufficient_stored = 1.5 WHERE rowid = 1"), MMS_OK);
	assert_int_not_equal(
	    mms_exec(db, "UPDATE deficit_row SET sufficient_stored = 0.6 WHERE rowid = 1"), MMS_OK);
	assert_int_not_equal(
	    mms_exec(db, "UPDATE deficit_row SET threshold_stored = -1.5 WHERE rowid = 1"), MMS_OK);
	assert_int_not_equal(
	    mms_exec(db, "UPDATE deficit_row SET sufficient_stored = NULL WHERE rowid = 1"),
	    MMS_OK);
	assert_int_equal(
	    mms_exec(db, "UPDATE deficit_row SET sufficient_stored = -0.6 WHERE rowid = 1"),
	    MMS_OK);
	mms_db_close(db);
	t_remove(path);
}

/* How many of the values SQL's rows give are REALs (as a reader sees them, the
   rows sorted: sqlite3_column_type). */
static int reals_sorted(mms_db *db, const char *sql)
{
	sqlite3_stmt *st;
	int reals = 0;

	assert_int_equal(mms_prepare(db, &st, sql), MMS_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		for (int c = 0; c < sqlite3_column_count(st); c++)
			reals += sqlite3_column_type(st, c) == SQLITE_FLOAT;
	sqlite3_finalize(st);
	return reals;
}

/*
 * Migration 26 packs a row's four codes into one and stores its thresholds as
 * ten-thousandths when they are, in deficit_result and teacher_result: every row
 * reads the same words and the same numbers, to the last bit, after it as before.
 */
static void test_codes_migrated(void **state)
{
	static const char *const rows =
	    "SELECT group_concat(printf('%s %s %s %d %s %s %.17g %.17g %.17g %d', level, "
	    "task_level, verdict, deficit, spread, persistence, threshold, sufficient, success, "
	    "below_half), '; ') FROM (SELECT * FROM deficit_result ORDER BY below_half, verdict)";
	/* and of what type each column reads */
	static const char *const types =
	    "SELECT group_concat(typeof(level) || typeof(success) || typeof(task_level) || "
	    "typeof(threshold) || typeof(sufficient) || typeof(verdict) || typeof(deficit) || "
	    "typeof(spread) || typeof(persistence), '; ') FROM (SELECT * FROM deficit_result "
	    "ORDER BY below_half, verdict)";
	static const char *const teachers =
	    "SELECT group_concat(printf('%d %s %d %s %.17g %.17g %.17g %.17g', skill_id, "
	    "verdict, deficit, spread, threshold, sufficient, success, rest_success), '; ') "
	    "FROM teacher_result";
	char *path, before[1024], teachers_before[1024], types_before[1024], ids[1024];
	mms_db *db = edges_db(&path);

	(void)state;
	/* the tables as migrations 23 and 5 made them */
	old_schema(db, 26, "VIEW deficit_result; DROP TABLE deficit_row",
	           "CREATE TABLE deficit_result_v23 (", ") STRICT;");
	t_sql(db, "ALTER TABLE deficit_result_v23 RENAME TO deficit_result");
	old_schema(db, 26, "TABLE teacher_result", "CREATE TABLE teacher_result (",
	           ") STRICT, WITHOUT ROWID;");
	t_sql(db,
	      "INSERT INTO deficit_run(id, assessment_id, threshold_version) VALUES (9, 1, 1);"
	      "INSERT INTO teacher(id, school_id, full_name, name_key) VALUES (1, 1, "
	      "'Иванова Анна Петровна', 'иванова анна петровна');"
	      "INSERT INTO deficit_result(run_id, school_id, class_id, skill_id, n, points, "
	      "possible, ci_low, ci_high, task_level_code, threshold, sufficient, verdict_code, "
	      "spread_code, persistence_code, below_half) VALUES "
	      "(9, NULL, NULL, 1, 30, 10, 30, 0, 1, 0, 0.57, 0.6, 3, 0, 2, 4),"
	      "(9, 1, NULL, 1, 30, 20, 30, 0, 1, 1, 0.285, 0.3, 1, NULL, NULL, 0),"
	      "(9, 1, 2, 1, 3, 1, 3, 0, 1, 2, %.17g, 1.0, 2, 4, NULL, 1),"
	      "(9, 1, 2, 1, 3, 1, 3, 0, 1, 2, 0.57, 0.6, 3, 3, 1, 2),"
	      "(9, 1, 2, 1, 3, 1, 3, 0, 1, 0, 0.57, 0.6, 0, NULL, NULL, 0);"
	      "INSERT INTO teacher_result(run_id, teacher_id, skill_id, school_id, classes, n, "
	      "points, possible, success, rest_n, rest_success, threshold, sufficient, verdict, "
	      "deficit, spread, sole_teacher) VALUES "
	      "(9, 1, 1, 1, 2, 20, 7, 20, 0.35, 10, 0.3, 0.57, 0.6, 'deficit', 1, 'district', 1),"
	      "(9, 1, 2, 1, 2, 20, 13.5, 27, 0.5, 10, NULL, %.17g, 0.3, 'uncertain', 0, NULL, 1),"
	      "(9, 1, 3, 1, 2, 20, 20, 20, 1.0, 10, 0.9, 0.57, 0.6, 'sufficient', 0, NULL, 1)",
	      0.7 * 0.95, 0.7 * 0.95);
	snprintf(before, sizeof(before), "%s", t_text(db, "%s", rows));
	snprintf(teachers_before, sizeof(teachers_before), "%s", t_text(db, "%s", teachers));
	assert_non_null(mms_schema_migration(26));
	t_sql(db, "%s", mms_schema_migration(26));
	assert_string_equal(t_text(db, "%s", rows), before);
	assert_string_equal(t_text(db, "%s", teachers), teachers_before);
	assert_string_equal(t_text(db,
	                           "SELECT group_concat(codes || ' ' || typeof(threshold_stored) "
	                           "|| ' ' || sufficient_stored, '; ') FROM deficit_result"),
	                    "284 integer 6000; 5 integer 3000; 90 real 10000; 206 integer 6000; "
	                    "0 integer 6000");
	/* a teacher's task level the district row's, none without one */
	assert_string_equal(t_text(db, "SELECT group_concat(codes || ' ' || "
	                               "typeof(threshold_stored), '; ') FROM teacher_result"),
	                    "28 integer; 8 real; 4 integer");
	/* whole numbers are the REALs they were, sorted too (a success of 1, a threshold) */
	assert_int_equal(reals_sorted(db, "SELECT success, sufficient FROM teacher_result "
	                                  "ORDER BY rest_success"),
	                 6);
	assert_int_equal(reals_sorted(db, "SELECT success, sufficient FROM deficit_result "
	                                  "ORDER BY below_half"),
	                 10);
	/* and is read by its indexes as before */
	assert_int_equal(t_int(db, "SELECT count(*) FROM deficit_result WHERE deficit = 1"), 2);
	/* Migration 27: the same rows, of the same types, through the view; the row ids kept */
	snprintf(types_before, sizeof(types_before), "%s", t_text(db, "%s", types));
	snprintf(ids, sizeof(ids), "%s",
	         t_text(db, "SELECT group_concat(rowid) FROM deficit_result"));
	assert_non_null(mms_schema_migration(27));
	t_sql(db, "%s", mms_schema_migration(27));
	assert_string_equal(t_text(db, "SELECT type FROM sqlite_schema WHERE name = "
	                               "'deficit_result'"),
	                    "view");
	assert_string_equal(t_text(db, "%s", rows), before);
	assert_string_equal(t_text(db, "%s", types), types_before);
	assert_string_equal(t_text(db, "SELECT group_concat(rowid) FROM deficit_row"), ids);
	assert_int_equal(reals_sorted(db, "SELECT success, sufficient FROM deficit_result "
	                                  "ORDER BY below_half"),
	                 10);
	assert_int_equal(t_int(db, "SELECT count(*) FROM deficit_result WHERE deficit = 1"), 2);
	mms_db_close(db);
	t_remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_edges),
	    cmocka_unit_test(test_thresholds),
	    cmocka_unit_test(test_students_a_row_a_class),
	    cmocka_unit_test(test_students_migrated),
	    cmocka_unit_test(test_not_found),
	    cmocka_unit_test(test_spread_persistence),
	    cmocka_unit_test(test_group_index),
	    cmocka_unit_test(test_runs_committed),
	    cmocka_unit_test(test_many_rows_a_statement),
	    cmocka_unit_test(test_read_ahead_as_in_turn),
	    cmocka_unit_test(test_first_run_hook),
	    cmocka_unit_test(test_persistence_across_years),
	    cmocka_unit_test(test_persistence_as_asked),
	    cmocka_unit_test(test_persistence_kept),
	    cmocka_unit_test(test_query),
	    cmocka_unit_test(test_keys),
	    cmocka_unit_test(test_stored_codes),
	    cmocka_unit_test(test_stored_thresholds),
	    cmocka_unit_test(test_codes_migrated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
