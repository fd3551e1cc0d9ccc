/*
 * Teacher attribution where districts really are: one teacher per grade,
 * teachers' classes pooled, spread decided by teachers, and teacher and
 * cohort told apart across school years.  Small hand-made districts run
 * through the real classification and map-to-teacher; the figures are
 * worked out in the comments.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "mms/deficits.h"
#include "mms/iop.h"
#include "mms/teachers.h"
#include "text.h"

#define TOL 1e-6

static void near(double got, double want, double tol)
{
	if (!(fabs(got - want) <= tol))
		fail_msg("got %.10g, want %.10g", got, want);
}

/*
 * Six schools, eight teachers of mathematics, four skills 1.1–1.4 (one task
 * of one point each, level Б: deficit below 57 %).  In 2025/2026:
 *   edu1: 5А (class 1) Сидоренко, the sole teacher of the grade
 *   edu2: 5А (2) Петров, 5Б (3) Орлова        edu3: 5А (4) Белов, 5Б (5) Котова
 *   edu4: 5А (6) Лебедева   edu5: 5А (7) Зуев   edu6: 5А (8) Мухина
 * vpr-2026-m5 (2026-04-15, school year 2025/2026), 20 students a class.
 */
static const char *const names[] = {
    NULL,
    "Сидоренко Анна Павловна",
    "Петров Пётр Ильич",
    "Орлова Нина Сергеевна",
    "Белов Игорь Петрович",
    "Котова Елена Андреевна",
    "Лебедева Ольга Юрьевна",
    "Зуев Максим Олегович",
    "Мухина Вера Ивановна",
};
static const int school_of[] = {0, 1, 2, 2, 3, 3, 4, 5, 6};

static mms_db *district(char **path)
{
	mms_db *db = t_db(path);

	t_sql(db, "INSERT INTO subject(id, name, name_key) VALUES (1, 'Математика', 'математика')");
	for (int s = 1; s <= 6; s++)
		t_sql(
		    db,
		    "INSERT INTO school(id, code, name, name_key) VALUES (%d, 'edu%d', 'Школа %d', "
		    "'школа %d')",
		    s, s, s, s);
	for (int t = 1; t <= 8; t++) {
		char *key = mms_key(names[t]);

		assert_non_null(key);
		t_sql(
		    db,
		    "INSERT INTO teacher(id, school_id, full_name, name_key) VALUES (%d, %d, '%s', "
		    "'%s')",
		    t, school_of[t], names[t], key);
		free(key);
	}
	t_sql(db, "INSERT INTO class(id, school_id, label, label_key, grade) VALUES "
	          "(1, 1, '5А', '5а', 5), (2, 2, '5А', '5а', 5), (3, 2, '5Б', '5б', 5),"
	          "(4, 3, '5А', '5а', 5), (5, 3, '5Б', '5б', 5), (6, 4, '5А', '5а', 5),"
	          "(7, 5, '5А', '5а', 5), (8, 6, '5А', '5а', 5),"
	          "(12, 2, '6Б', '6б', 6), (11, 2, '6А', '6а', 6), (13, 1, '6А', '6а', 6),"
	          "(14, 4, '6А', '6а', 6), (15, 5, '6А', '6а', 6), (16, 6, '6А', '6а', 6);"
	          "INSERT INTO skill(id, subject_id, code, text, kind) VALUES "
	          "(1, 1, '1.1', 'Вычисления', 'subject'), (2, 1, '1.2', 'Дроби', 'subject'),"
	          "(3, 1, '1.3', 'Текстовые задачи', 'subject'), (4, 1, '1.4', 'Геометрия', "
	          "'subject');"
	          "INSERT INTO assessment(id, code, kind, subject_id, grade, date) VALUES "
	          "(1, 'vpr-2026-m5', 'ВПР', 1, 5, '2026-04-15'),"
	          "(2, 'vpr-2027-m5', 'ВПР', 1, 5, '2027-04-14'),"
	          "(3, 'vpr-2027-m6', 'ВПР', 1, 6, '2027-04-15');");
	for (int a = 1; a <= 3; a++)
		for (int k = 1; k <= 4; k++) {
			int id = 10 * a + k;

			t_sql(db,
			      "INSERT INTO task(id, assessment_id, label, label_key, position, "
			      "max_score, level, slot) VALUES (%d, %d, '%d', '%d', %d, 1, 'Б', %d);"
			      "INSERT INTO task_skill(task_id, skill_id) VALUES (%d, %d)",
			      id, a, k, k, k, k - 1, id, k);
		}
	/* 2025/2026: each teacher the class of the same number */
	for (int t = 1; t <= 8; t++)
		t_sql(db,
		      "INSERT INTO teaching(teacher_id, subject_id, class_id, year) VALUES "
		      "(%d, 1, %d, '2025/2026')",
		      t, t);
	return db;
}

/*
 * vpr-2026-m5, the students who got each skill right (of 20):
 *   class (teacher)     1.1 1.2 1.3 1.4
 *   1 Сидоренко (edu1)   4  16  16   6   1.1: the sole teacher below
 *   2 Петров (edu2)     16  16  16   6
 *   3 Орлова (edu2)     16  16   4   6   1.3: one of two teachers below
 *   4 Белов (edu3)      16   4  16   6   1.2: both teachers of edu3 below:
 *   5 Котова (edu3)     16   5  16   6        the school's
 *   6 Лебедева (edu4)   16  16  16   0   1.4: the district below (42/160 =
 *   7, 8                16  16  16   6        26 %), Лебедева further still
 *
 * Сидоренко on 1.1: 4/20 = 20 % against the rest 112/140 = 80 %,
 *   p̄ = 116/160 = 0.725, se = √(0.725·0.275·(1/20 + 1/140)) = 0.106738,
 *   z = −0.6/0.106738 = −5.62124, p = 9.4776e-9.
 * Лебедева on 1.4: 0/20 against 42/140 = 30 %, p̄ = 42/160 = 0.2625,
 *   se = √(0.2625·0.7375·(1/20 + 1/140)) = 0.105176, z = −2.85236,
 *   p = 0.00217023.
 * Benjamini–Hochberg over the 32 teacher × skill pairs: the five smallest
 * p are 9.48e-9 (Сидоренко 1.1, Орлова 1.3), 2.19e-6 (Белов 1.2), 2.16e-5
 * (Котова 1.2) and 0.00217 (Лебедева 1.4), the sixth 0.658: Лебедева's
 * q = 0.00217023·32/5 = 0.0138895, Сидоренко's 9.4776e-9·32/2 = 1.51642e-7.
 */
static const int plan2026[8][4] = {
    {4, 16, 16, 6}, {16, 16, 16, 6}, {16, 16, 4, 6},  {16, 4, 16, 6},
    {16, 5, 16, 6}, {16, 16, 16, 0}, {16, 16, 16, 6}, {16, 16, 16, 6},
};

static void results2026(mms_db *db)
{
	for (int c = 1; c <= 8; c++)
		t_class_results(db, 1, school_of[c], c, 20, plan2026[c - 1], 4);
}

static const char *text_of(mms_db *db, const char *sql_fmt, int a, int b)
{
	return t_text(db, sql_fmt, a, b);
}

#define TR(col) "SELECT " col " FROM teacher_result WHERE teacher_id = %d AND skill_id = %d"
#define HYP(col) "SELECT " col " FROM hypothesis WHERE teacher_id = %d AND skill_id = %d"

static void test_spread_by_teachers(void **state)
{
	char *path;
	mms_db *db = district(&path);
	mms_map_opts o = {0};
	mms_map_stats st;
	mms_collective_list cl;

	(void)state;
	results2026(db);
	assert_int_equal(mms_deficits_classify(db, NULL, NULL), MMS_OK);

	/* the sole teacher: the teacher's, and the ШМО sees it too */
	assert_string_equal(text_of(db, TR("spread"), 1, 1), "teacher");
	assert_string_equal(text_of(db, TR("sole_teacher"), 1, 1), "1");
	near(t_real(db, TR("p_below"), 1, 1), 9.4776e-9, 1e-12);
	near(t_real(db, TR("q_below"), 1, 1), 1.51642e-7, 1e-11);
	assert_string_equal(t_text(db, "SELECT spread FROM deficit_result WHERE level = 'school' "
	                               "AND school_id = 1 AND skill_id = 1"),
	                    "teacher");
	assert_string_equal(t_text(db, "SELECT spread FROM deficit_result WHERE level = 'class' "
	                               "AND class_id = 1 AND skill_id = 1"),
	                    "teacher");
	/* one weak teacher of two: the teacher's, not sole, though the school (20/40) is below */
	assert_string_equal(text_of(db, TR("spread"), 3, 3), "teacher");
	assert_string_equal(text_of(db, TR("sole_teacher"), 3, 3), "0");
	assert_string_equal(t_text(db, "SELECT spread FROM deficit_result WHERE level = 'school' "
	                               "AND school_id = 2 AND skill_id = 3"),
	                    "teacher");
	/* Петров's class is fine and not clearly above: nothing stored on him */
	assert_int_equal(t_int(db, "SELECT count(*) FROM teacher_result WHERE teacher_id = 2 "
	                           "AND skill_id = 3"),
	                 0);
	/* two weak teachers: the school's, each */
	assert_string_equal(text_of(db, TR("spread"), 4, 2), "school");
	assert_string_equal(text_of(db, TR("spread"), 5, 2), "school");
	assert_string_equal(t_text(db, "SELECT spread FROM deficit_result WHERE level = 'school' "
	                               "AND school_id = 3 AND skill_id = 2"),
	                    "school");
	/* the district below: every teacher below is 'district' */
	assert_string_equal(text_of(db, TR("spread"), 6, 4), "district");
	assert_string_equal(text_of(db, TR("spread"), 7, 4), "district");
	near(t_real(db, TR("p_below"), 6, 4), 0.00217023, 1e-8);
	near(t_real(db, TR("q_below"), 6, 4), 0.0138895, 1e-7);

	assert_int_equal(mms_teachers_map(db, &o, &st), MMS_OK);
	/* candidates: Сидоренко 1.1, Орлова 1.3, the eight teachers on 1.4 */
	assert_int_equal(st.candidates, 10);
	assert_int_equal(st.hypotheses, 3);
	assert_int_equal(t_int(db, "SELECT count(*) FROM hypothesis"), 3);
	assert_string_equal(text_of(db, HYP("spread"), 1, 1), "teacher");
	assert_string_equal(text_of(db, HYP("sole_teacher"), 1, 1), "1");
	assert_string_equal(text_of(db, HYP("spread"), 3, 3), "teacher");
	assert_string_equal(text_of(db, HYP("sole_teacher"), 3, 3), "0");
	/* the district's skill: only the teacher clearly below the rest */
	assert_string_equal(text_of(db, HYP("spread"), 6, 4), "district");
	assert_int_equal(t_int(db, "SELECT count(*) FROM hypothesis WHERE skill_id = 4"), 1);
	/* the school's skill: on no teacher, however far below each is */
	assert_int_equal(t_int(db, "SELECT count(*) FROM hypothesis WHERE skill_id = 2"), 0);
	assert_true(t_real(db, TR("q_below"), 4, 2) < 0.001);
	/* no earlier assessment: neither recurrent nor the cohort's */
	assert_int_equal(t_int(db, "SELECT sum(same_teacher_earlier + cohort_earlier) "
	                           "FROM hypothesis"),
	                 0);

	/* for the РМО and the ШМО: the district's 1.4, edu1's sole teacher, edu3's 1.2 */
	assert_int_equal(mms_collective_get(db, NULL, NULL, &cl), MMS_OK);
	assert_int_equal(cl.n, 3);
	assert_string_equal(cl.items[0].level, "district");
	assert_string_equal(cl.items[0].skill, "1.4");
	assert_string_equal(cl.items[1].school, "edu1");
	assert_string_equal(cl.items[1].skill, "1.1");
	assert_int_equal(cl.items[1].sole_teacher, 1);
	assert_string_equal(cl.items[2].school, "edu3");
	assert_string_equal(cl.items[2].skill, "1.2");
	assert_int_equal(cl.items[2].sole_teacher, 0);
	mms_collective_list_free(&cl);
	mms_db_close(db);
	t_remove(path);
}

/* Mentors: the same test mirrored, a sole teacher included. */
static void test_mentor_mirrored(void **state)
{
	char *path;
	mms_db *db = district(&path);
	mms_mentor_stats st;

	(void)state;
	/* Зуев (class 7, sole in edu5) gets everything right on 1.4, where the
	   district is low */
	for (int c = 1; c <= 8; c++) {
		int row[4];

		memcpy(row, plan2026[c - 1], sizeof(row));
		if (c == 7)
			row[3] = 20;
		t_class_results(db, 1, school_of[c], c, 20, row, 4);
	}
	assert_int_equal(mms_deficits_classify(db, NULL, NULL), MMS_OK);
	/* 20/20 against 36/140 = 25.7 %: clearly above, at or above 60 % */
	assert_true(t_real(db, TR("q_above"), 7, 4) <= 0.05);
	/* the others are fine, not clearly above: no row */
	assert_int_equal(t_int(db, "SELECT count(*) FROM teacher_result WHERE verdict = "
	                           "'sufficient' AND NOT (teacher_id = 7 AND skill_id = 4)"),
	                 0);
	assert_int_equal(mms_mentors_find(db, &st), MMS_OK);
	assert_int_equal(st.found, 1);
	assert_int_equal(t_int(db, "SELECT r.teacher_id FROM resource r JOIN mentor_evidence e "
	                           "ON e.resource_id = r.id WHERE e.skill_id = 4"),
	                 7);
	mms_db_close(db);
	t_remove(path);
}

/*
 * A second school year, 2026/2027.  The roster: Сидоренко teaches the new
 * 5А of edu1 again; edu2's 5А changed teacher (Петров → Орлова) and Петров
 * teaches 6Б, the 5Б of last year (Орлова's then); the others teach their
 * school's 5А and 6А.
 * vpr-2027-m5 (the new fifth graders): Сидоренко's new 5А is below on 1.1
 * again (4/20), edu2's 5А (Орлова's now) on 1.2 (4/20), everyone else 16/20
 * on every skill.
 * vpr-2027-m6 (last year's fifth graders): edu2's 6Б (Петров) is below on
 * 1.3 (4/20), as the class was with Орлова a year earlier; everyone else
 * 16/20.
 */
static void second_year(mms_db *db)
{
	static const int fine[4] = {16, 16, 16, 16}, weak11[4] = {4, 16, 16, 16},
	                 weak12[4] = {16, 4, 16, 16}, weak13[4] = {16, 16, 4, 16};

	t_sql(db, "INSERT INTO teaching(teacher_id, subject_id, class_id, year) VALUES "
	          "(1, 1, 1, '2026/2027'), (3, 1, 2, '2026/2027'), (2, 1, 12, '2026/2027'),"
	          "(3, 1, 11, '2026/2027'), (1, 1, 13, '2026/2027'), (6, 1, 6, '2026/2027'),"
	          "(6, 1, 14, '2026/2027'), (7, 1, 7, '2026/2027'), (7, 1, 15, '2026/2027'),"
	          "(8, 1, 8, '2026/2027'), (8, 1, 16, '2026/2027'), (4, 1, 4, '2026/2027'),"
	          "(5, 1, 5, '2026/2027')");
	for (int c = 1; c <= 8; c++) {
		const int *plan = fine;

		if (c == 1)
			plan = weak11;
		else if (c == 2)
			plan = weak12;
		t_class_results(db, 2, school_of[c], c, 20, plan, 4);
	}
	t_class_results(db, 3, 1, 13, 20, fine, 4);
	t_class_results(db, 3, 2, 11, 20, fine, 4);
	t_class_results(db, 3, 2, 12, 20, weak13, 4);
	t_class_results(db, 3, 4, 14, 20, fine, 4);
	t_class_results(db, 3, 5, 15, 20, fine, 4);
	t_class_results(db, 3, 6, 16, 20, fine, 4);
}

/* Each year's results go to that year's teacher. */
static void test_teacher_by_year(void **state)
{
	char *path;
	mms_db *db = district(&path);

	(void)state;
	results2026(db);
	second_year(db);
	assert_int_equal(t_int(db, "SELECT teacher_id FROM assessment_teacher "
	                           "WHERE assessment_id = 1 AND class_id = 2"),
	                 2);
	assert_int_equal(t_int(db, "SELECT teacher_id FROM assessment_teacher "
	                           "WHERE assessment_id = 2 AND class_id = 2"),
	                 3);
	assert_string_equal(t_text(db, "SELECT year FROM assessment WHERE id = 2"), "2026/2027");
	assert_int_equal(mms_deficits_classify(db, NULL, NULL), MMS_OK);
	/* 2025/2026: Петров pooled his 5А (below with the district on 1.4) */
	assert_int_equal(t_int(db, "SELECT n FROM teacher_result r JOIN deficit_run u "
	                           "ON u.id = r.run_id WHERE u.assessment_id = 1 "
	                           "AND teacher_id = 2 AND skill_id = 4"),
	                 20);
	/* 2026/2027: the same 5А below on 1.2 is Орлова's, not Петров's */
	assert_int_equal(t_int(db, "SELECT classes FROM teacher_result r JOIN deficit_run u "
	                           "ON u.id = r.run_id WHERE u.assessment_id = 2 "
	                           "AND teacher_id = 3 AND skill_id = 2"),
	                 1);
	assert_int_equal(t_int(db, "SELECT count(*) FROM teacher_result r JOIN deficit_run u "
	                           "ON u.id = r.run_id WHERE u.assessment_id = 2 "
	                           "AND teacher_id = 2"),
	                 0);
	mms_db_close(db);
	t_remove(path);
}

/* The same teacher below with a new class; the same class below with a new teacher. */
static void test_teacher_or_cohort(void **state)
{
	char *path;
	mms_db *db = district(&path);
	mms_map_opts o = {0};
	mms_map_stats st;
	mms_hyp_filter f = {0};
	mms_hyp_list l;

	(void)state;
	results2026(db);
	second_year(db);
	assert_int_equal(mms_deficits_classify(db, NULL, NULL), MMS_OK);
	assert_int_equal(mms_teachers_map(db, &o, &st), MMS_OK);
	/* Сидоренко, 2027: the new 5А below on 1.1 as her 5А of 2026 was */
	assert_int_equal(t_int(db, "SELECT same_teacher_earlier FROM hypothesis "
	                           "WHERE teacher_id = 1 AND skill_id = 1 AND assessment_id = 2"),
	                 1);
	assert_int_equal(t_int(db, "SELECT cohort_earlier FROM hypothesis "
	                           "WHERE teacher_id = 1 AND skill_id = 1 AND assessment_id = 2"),
	                 0);
	/* her 2026 hypothesis had nothing before it */
	assert_int_equal(t_int(db, "SELECT same_teacher_earlier FROM hypothesis "
	                           "WHERE teacher_id = 1 AND skill_id = 1 AND assessment_id = 1"),
	                 0);
	/* Петров, 2027, 6Б: the class had 1.3 below with Орлова: the cohort's */
	assert_int_equal(t_int(db, "SELECT cohort_earlier FROM hypothesis "
	                           "WHERE teacher_id = 2 AND skill_id = 3 AND assessment_id = 3"),
	                 1);
	assert_int_equal(t_int(db, "SELECT same_teacher_earlier FROM hypothesis "
	                           "WHERE teacher_id = 2 AND skill_id = 3 AND assessment_id = 3"),
	                 0);
	assert_int_equal(t_int(db, "SELECT sole_teacher FROM hypothesis "
	                           "WHERE teacher_id = 2 AND skill_id = 3 AND assessment_id = 3"),
	                 0);
	/* Орлова's own 2026 hypothesis on 1.3 is not the cohort's */
	assert_int_equal(t_int(db, "SELECT cohort_earlier FROM hypothesis "
	                           "WHERE teacher_id = 3 AND skill_id = 3 AND assessment_id = 1"),
	                 0);
	/* as listed: the latest assessment of each pair, the flags carried */
	assert_int_equal(mms_hyp_list_get(db, &f, &l), MMS_OK);
	for (size_t i = 0; i < l.n; i++) {
		if (!strcmp(l.items[i].teacher, names[1]) && !strcmp(l.items[i].skill, "1.1")) {
			assert_string_equal(l.items[i].assessment, "vpr-2027-m5");
			assert_int_equal(l.items[i].same_teacher_earlier, 1);
		}
		if (!strcmp(l.items[i].teacher, names[2]) && !strcmp(l.items[i].skill, "1.3"))
			assert_int_equal(l.items[i].cohort_earlier, 1);
	}
	mms_hyp_list_free(&l);
	mms_db_close(db);
	t_remove(path);
}

/* A class nobody teaches that year is counted, not attributed. */
static void test_unassigned(void **state)
{
	char *path;
	mms_db *db = district(&path);
	mms_map_opts o = {0};
	mms_map_stats st;

	(void)state;
	results2026(db);
	t_sql(db, "DELETE FROM teaching WHERE class_id = 1");
	assert_int_equal(mms_deficits_classify(db, NULL, NULL), MMS_OK);
	/* without its teacher, edu1's 5А below on 1.1 is its school's */
	assert_string_equal(t_text(db, "SELECT spread FROM deficit_result WHERE level = 'class' "
	                               "AND class_id = 1 AND skill_id = 1"),
	                    "school");
	assert_int_equal(mms_teachers_map(db, &o, &st), MMS_OK);
	assert_int_equal(st.unassigned, 1);
	assert_int_equal(t_int(db, "SELECT count(*) FROM hypothesis WHERE skill_id = 1"), 0);
	mms_db_close(db);
	t_remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_spread_by_teachers), cmocka_unit_test(test_mentor_mirrored),
	    cmocka_unit_test(test_teacher_by_year),    cmocka_unit_test(test_teacher_or_cohort),
	    cmocka_unit_test(test_unassigned),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
