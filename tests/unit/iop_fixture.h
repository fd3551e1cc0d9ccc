/*
 * A small district for the programme and order tests, worked out by hand.
 *
 * Школа №1 (edu1): Иванова (5А), Петров (5Б); Школа №2 (edu2): Сидорова (5А),
 * Кузнецов (5Б); Математика, vpr-2026-math-5, skills 1.1–1.4, 25 students a
 * class (5Б of edu2: 8 on skill 1.1).  Success per class (1 point a skill):
 *
 *   skill  Иванова  Петров  Сидорова  Кузнецов
 *   1.1    .50      .50     .50       1.00 (n=8: below min_n, not tested)
 *   1.2    .30      .90     .55       .40    → Петров clearly above: mentor
 *   1.3    .35      .40     .85       .45    → Сидорова clearly above: mentor
 *   1.4    .58      .20     .20       .20    → Иванова above, but .58 < .60
 *
 * Accepted needs (priority, threshold − success): Кузнецов 1.4 (1, .37),
 * Иванова 1.2 (1, .27), Иванова 1.3 (2, .22), Кузнецов 1.2 (2, .17).
 */
#ifndef MMS_TEST_IOP_FIXTURE_H
#define MMS_TEST_IOP_FIXTURE_H

#include <stdio.h>

#include "deficits/codes.h"
#include "deficits/stats.h"
#include "helpers.h"
#include "mms/deficits.h"

#define TODAY "2026-05-25"

static void result_row(mms_db *db, const char *level, int school, int klass, int skill, int n,
                       double points)
{
	char s[16], c[16];

	/* the level is the row's own, told from the ids it has */
	assert_string_equal(level, klass ? "class" : school ? "school" : "district");
	snprintf(s, sizeof(s), school ? "%d" : "NULL", school);
	snprintf(c, sizeof(c), klass ? "%d" : "NULL", klass);
	t_sql(db,
	      "INSERT INTO deficit_row(run_id, school_id, class_id, skill_id, n, points, "
	      "possible, ci_low, ci_high, codes, threshold_stored, sufficient_stored) "
	      "VALUES (1, %s, %s, %d, %d, %.6f, %d, 0, 1, %d, 5700, 6000)",
	      s, c, skill, n, points, n,
	      mms_result_codes(0, MMS_VERDICT_SUFFICIENT, MMS_SPREAD_NONE, MMS_PERSISTENCE_NONE));
}

static void fixture(mms_db *db)
{
	static const double rate[4][4] = {{.50, .50, .50, 1.00},
	                                  {.30, .90, .55, .40},
	                                  {.35, .40, .85, .45},
	                                  {.58, .20, .20, .20}};

	t_sql(db,
	      "INSERT INTO school(id, code, name, name_key) VALUES "
	      "(1, 'edu1', 'Школа №1', 'школа №1'), (2, 'edu2', 'Школа №2', 'школа №2');"
	      "INSERT INTO subject(id, name, name_key) VALUES (1, 'Математика', 'математика');"
	      "INSERT INTO teacher(id, school_id, full_name, name_key) VALUES "
	      "(1, 1, 'Иванова Анна Петровна', 'иванова анна петровна'),"
	      "(2, 1, 'Петров Пётр Ильич', 'петров петр ильич'),"
	      "(3, 2, 'Сидорова Мария Ивановна', 'сидорова мария ивановна'),"
	      "(4, 2, 'Кузнецов Олег Викторович', 'кузнецов олег викторович');"
	      "INSERT INTO class(id, school_id, label, label_key, grade) VALUES "
	      "(1, 1, '5А', '5а', 5), (2, 1, '5Б', '5б', 5), (3, 2, '5А', '5а', 5),"
	      "(4, 2, '5Б', '5б', 5);"
	      "INSERT INTO teaching VALUES (1, 1, 1, '2025/2026'), (2, 1, 2, '2025/2026'),"
	      "(3, 1, 3, '2025/2026'), (4, 1, 4, '2025/2026');"
	      "INSERT INTO assessment(id, code, kind, subject_id, grade, date) VALUES "
	      "(1, 'vpr-2026-math-5', 'ВПР', 1, 5, '2026-04-15');"
	      "INSERT INTO skill(id, subject_id, code, text, kind) VALUES "
	      "(1, 1, '1.1', 'Вычисления', 'subject'), (2, 1, '1.2', 'Дроби', 'subject'),"
	      "(3, 1, '1.3', 'Геометрия', 'subject'), (4, 1, '1.4', 'Текстовые задачи', "
	      "'subject');"
	      "INSERT INTO deficit_run(id, assessment_id, threshold_version) VALUES (1, 1, 1);");
	double pa[16], qa[16];

	for (int k = 0; k < 4; k++) {
		int dn = 0;
		double dp = 0;

		for (int c = 0; c < 4; c++) {
			int n = (k == 0 && c == 3) ? 8 : 25;

			result_row(db, "class", c < 2 ? 1 : 2, c + 1, k + 1, n, rate[k][c] * n);
			dn += n;
			dp += rate[k][c] * n;
		}
		result_row(db, "district", 0, 0, k + 1, dn, dp);
		/* each teacher teaches one class: the teacher's classes pooled are the
		   class, against the rest of the district, adjusted over the 16 pairs */
		for (int c = 0; c < 4; c++) {
			int n = (k == 0 && c == 3) ? 8 : 25;

			pa[4 * k + c] = mms_ztest_below((dp - rate[k][c] * n) / (dn - n), dn - n,
			                                rate[k][c], n);
		}
	}
	assert_int_equal(mms_bh_adjust(pa, qa, 16), 0);
	for (int k = 0; k < 4; k++) {
		for (int c = 0; c < 4; c++) {
			int n = (k == 0 && c == 3) ? 8 : 25, dn = 0;
			double dp = 0;

			for (int o = 0; o < 4; o++) {
				int on = (k == 0 && o == 3) ? 8 : 25;

				dn += on;
				dp += rate[k][o] * on;
			}
			t_sql(
			    db,
			    "INSERT INTO teacher_result(run_id, teacher_id, skill_id, school_id, "
			    "classes, n, points, possible, rest_n, rest_success, codes, "
			    "threshold_stored, sufficient_stored, sole_teacher, p_below, q_below, "
			    "p_above, q_above) VALUES (1, %d, %d, %d, 1, %d, %.6f, %d, %d, %.9f, "
			    "%d, "
			    "5700, 6000, 0, 0.5, 1, %.12g, %.12g)",
			    c + 1, k + 1, c < 2 ? 1 : 2, n, rate[k][c] * n, n, dn - n,
			    (dp - rate[k][c] * n) / (dn - n),
			    mms_result_codes(0, MMS_VERDICT_SUFFICIENT, MMS_SPREAD_NONE,
			                     MMS_PERSISTENCE_NONE),
			    pa[4 * k + c], qa[4 * k + c]);
		}
	}
	t_sql(
	    db,
	    "INSERT INTO hypothesis(id, teacher_id, skill_id, assessment_id, run_id, n, success, "
	    "rest_n, rest_success, district_success, threshold, p_value, q_value) VALUES "
	    "(1, 1, 2, 1, 1, 25, 0.30, 75, 0.42, 0.54, 0.57, 0.001, 0.01),"
	    "(2, 1, 3, 1, 1, 25, 0.35, 75, 0.57, 0.51, 0.57, 0.01, 0.03),"
	    "(3, 4, 4, 1, 1, 25, 0.20, 75, 0.33, 0.30, 0.57, 0.04, 0.04),"
	    "(4, 4, 2, 1, 1, 25, 0.40, 75, 0.58, 0.54, 0.57, 0.03, 0.04);"
	    "INSERT INTO hypothesis_class VALUES (1, 1, 25, 0.30, 1), (2, 1, 25, 0.35, 1),"
	    "(3, 4, 25, 0.20, 1), (4, 4, 25, 0.40, 1);"
	    "INSERT INTO teacher_event(teacher_id, skill_id, kind, outcome, priority, date) VALUES "
	    "(1, 2, 'observation', 'confirm', NULL, '2026-05-12'),"
	    "(1, 2, 'interview', 'accept', 1, '2026-05-20'),"
	    "(1, 3, 'observation', 'confirm', NULL, '2026-05-13'),"
	    "(1, 3, 'interview', 'accept', 2, '2026-05-20'),"
	    "(4, 4, 'observation', 'confirm', NULL, '2026-05-14'),"
	    "(4, 4, 'interview', 'accept', 1, '2026-05-21'),"
	    "(4, 2, 'observation', 'confirm', NULL, '2026-05-14'),"
	    "(4, 2, 'interview', 'accept', 2, '2026-05-21');");
}

/* The item of a programme on SKILL, or NULL. */
static inline const mms_iop_item *item_of(const mms_iop_set *s, const char *teacher,
                                          const char *skill)
{
	for (size_t i = 0; i < s->n; i++) {
		if (strcmp(s->p[i].teacher, teacher) != 0)
			continue;
		for (size_t k = 0; k < s->p[i].n; k++)
			if (!strcmp(s->p[i].items[k].skill, skill))
				return &s->p[i].items[k];
	}
	return NULL;
}

#endif
