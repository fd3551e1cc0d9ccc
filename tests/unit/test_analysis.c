/*
 * The analysis's figures against hand-computed ones.
 *
 * Математика, assessment a (grade 5, 2027-04-15), five tasks of a point
 * each, the scale 2 / 3 / 4 (the lowest scores of «3», «4», «5»).
 * Школа №1 (edu1), 5А: four participants scoring 1, 2, 3 and 5, one absent;
 * no marks in the file, so the scale gives 2, 3, 4, 5; the journal says 4,
 * 3, 3, 4: lowered 1 (by two marks), confirmed 1, raised 2.
 *   «успеваемость» 3/4, «качество» 2/4, mean mark 14/4 = 3.5,
 *   mean score 11/4 = 2.75 of 5 = .55.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "deficits/codes.h"
#include "helpers.h"
#include "mms/analysis.h"
#include "mms/keep.h"

static void base(mms_db *db)
{
	t_sql(db, "INSERT INTO school(id, code, name, name_key) VALUES "
	          "(1, 'edu1', 'Школа №1', 'школа №1'), (2, 'edu2', 'Школа №2', 'школа №2');"
	          "INSERT INTO subject(id, name, name_key) VALUES (1, 'Математика', 'математика');"
	          "INSERT INTO class(id, school_id, label, label_key, grade) VALUES "
	          "(1, 1, '5А', '5а', 5), (2, 1, '5Б', '5б', 5), (3, 2, '5А', '5а', 5);"
	          "INSERT INTO assessment(id, code, kind, subject_id, grade, date) VALUES "
	          "(1, 'a', 'ВПР', 1, 5, '2027-04-15'), (2, 'old', 'ВПР', 1, 5, '2026-04-15');"
	          "INSERT INTO task(assessment_id, label, label_key, position, max_score, level, "
	          "slot) VALUES (1, '1', '1', 1, 1, 'Б', 0), (1, '2', '2', 2, 1, 'Б', 1), "
	          "(1, '3', '3', 3, 1, 'П', 2), (1, '4', '4', 4, 1, 'П', 3), "
	          "(1, '5', '5', 5, 1, 'В', 4);"
	          "INSERT INTO skill(id, subject_id, system, code, text, kind) VALUES "
	          "(1, 1, 'ВПР-5', '1.1', 'Числа', 'subject');"
	          "INSERT INTO task_skill(task_id, skill_id) SELECT id, 1 FROM task "
	          "WHERE label IN ('1', '2');");
}

/* A participant of assessment 1 scoring TOTAL (the first TOTAL tasks right). */
static void scoring(mms_db *db, int school, int klass, const char *code, int total)
{
	double s[5];

	for (int k = 0; k < 5; k++)
		s[k] = k < total ? 1 : 0;
	t_participant(db, 1, school, klass, code, s, 5);
}

static void journal(mms_db *db, const char *code, int mark)
{
	t_sql(db, "UPDATE participant SET journal_mark = %d WHERE code = '%s'", mark, code);
}

static const mms_analysis_group *group(const mms_analysis *a, const char *school, const char *klass)
{
	for (size_t i = 0; i < a->ngroups; i++) {
		const mms_analysis_group *g = &a->groups[i];

		if ((!school && !g->school) ||
		    (school && g->school && !strcmp(g->school, school) &&
		     ((!klass && !g->class_label) ||
		      (klass && g->class_label && !strcmp(g->class_label, klass)))))
			return g;
	}
	fail_msg("no group %s %s", school ? school : "district", klass ? klass : "");
	return NULL;
}

static void test_marks_and_journal(void **state)
{
	struct t_fx *fx = *state;
	const double scale[3] = {2, 3, 4};
	mms_analysis_opts o = {.assessment = "a", .school = "edu1", .class_label = "5А"};
	mms_analysis *a;
	const mms_analysis_group *g;

	base(fx->db);
	assert_int_equal(mms_scale_set(fx->db, "a", scale), MMS_OK);
	scoring(fx->db, 1, 1, "p1", 1);
	scoring(fx->db, 1, 1, "p2", 2);
	scoring(fx->db, 1, 1, "p3", 3);
	scoring(fx->db, 1, 1, "p4", 5);
	t_sql(fx->db,
	      "INSERT INTO participant(id, assessment_id, school_id, class_id, code, absent) "
	      "VALUES ((SELECT last + 1 FROM participant_seq), 1, 1, 1, 'p5', 1);"
	      "UPDATE participant_seq SET last = last + 1");
	journal(fx->db, "p1", 4);
	journal(fx->db, "p2", 3);
	journal(fx->db, "p3", 3);
	journal(fx->db, "p4", 4);
	assert_int_equal(mms_analyse(fx->db, &o, &a), MMS_OK);
	assert_string_equal(a->scale_source, "config");
	assert_int_equal(a->computed_marks, 4);
	assert_int_equal(a->hist_max, 5);
	g = &a->groups[a->scope];
	assert_string_equal(g->class_label, "5А");
	assert_int_equal(g->marks.present, 4);
	assert_int_equal(g->marks.absent, 1);
	for (int k = 0; k < 4; k++)
		assert_int_equal(g->marks.count[k], 1);
	assert_float_equal(g->marks.pass, 0.75, 1e-12);
	assert_float_equal(g->marks.quality, 0.5, 1e-12);
	assert_float_equal(g->marks.mean, 3.5, 1e-12);
	assert_float_equal(g->marks.percent, 0.55, 1e-12);
	assert_int_equal(g->marks.compared, 4);
	assert_int_equal(g->marks.lower, 1);
	assert_int_equal(g->marks.same, 1);
	assert_int_equal(g->marks.higher, 2);
	assert_int_equal(g->marks.gap2, 1);
	assert_float_equal(g->marks.higher_share, 0.5, 1e-12);
	assert_float_equal(g->marks.gap2_share, 0.25, 1e-12);
	/* the histogram: one each at 1, 2, 3 and 5 */
	{
		const long want[6] = {0, 1, 1, 1, 0, 1};

		for (int s = 0; s <= 5; s++)
			assert_int_equal(g->hist[s], want[s]);
	}
	/* task 1 right for all four, task 5 for one */
	assert_float_equal(g->task_success[0], 1.0, 1e-12);
	assert_float_equal(g->task_success[4], 0.25, 1e-12);
	/* the class's school and the district are there to compare */
	assert_int_equal(group(a, "edu1", NULL)->marks.present, 4);
	assert_int_equal(group(a, NULL, NULL)->marks.present, 4);
	/* no earlier year: the trend is this year alone */
	assert_int_equal(a->nyears, 1);
	mms_analysis_free(a);
}

/*
 * The groups: the district, then each school by code with its classes by
 * label right after it, whatever order the rows were written in (school 3
 * and class 4 come last in the tables but first by code and label), the
 * participants of a class counted in it wherever their codes put them, one
 * without a class in the school alone.
 */
static void test_groups_in_order(void **state)
{
	struct t_fx *fx = *state;
	mms_analysis_opts o = {.assessment = "a"};
	static const struct {
		const char *school, *klass;
		long present, absent;
		double task1;
	} want[] = {
	    {NULL, NULL, 6, 1, 4.0 / 6}, {"edu0", NULL, 1, 0, 1}, {"edu1", NULL, 4, 1, 0.5},
	    {"edu1", "1А", 1, 1, 1},     {"edu1", "5А", 1, 0, 0}, {"edu1", "5Б", 1, 0, 0.0},
	    {"edu2", NULL, 1, 0, 1},     {"edu2", "5А", 1, 0, 1},
	};
	mms_analysis *a;

	base(fx->db);
	t_sql(fx->db, "INSERT INTO school(id, code, name, name_key) VALUES "
	              "(3, 'edu0', 'Школа №0', 'школа №0');"
	              "INSERT INTO class(id, school_id, label, label_key, grade) VALUES "
	              "(4, 1, '1А', '1а', 5)");
	scoring(fx->db, 1, 2, "p1", 0);
	scoring(fx->db, 1, 4, "p2", 3);
	scoring(fx->db, 1, 1, "p3", 0);
	scoring(fx->db, 1, 0, "p4", 1);
	t_sql(fx->db,
	      "INSERT INTO participant(id, assessment_id, school_id, class_id, code, absent) "
	      "VALUES ((SELECT last + 1 FROM participant_seq), 1, 1, 4, 'p5', 1);"
	      "UPDATE participant_seq SET last = last + 1");
	scoring(fx->db, 2, 3, "q1", 2);
	scoring(fx->db, 3, 0, "r1", 5);
	assert_int_equal(mms_analyse(fx->db, &o, &a), MMS_OK);
	assert_int_equal(a->ngroups, sizeof(want) / sizeof(*want));
	for (size_t i = 0; i < a->ngroups; i++) {
		const mms_analysis_group *g = &a->groups[i];

		if (want[i].school)
			assert_string_equal(g->school, want[i].school);
		else
			assert_null(g->school);
		if (want[i].klass) {
			assert_string_equal(g->class_label, want[i].klass);
			assert_int_equal(g->level, MMS_LEVEL_CLASS);
			assert_string_equal(a->groups[g->parent].school, want[i].school);
			assert_null(a->groups[g->parent].class_label);
		} else {
			assert_null(g->class_label);
		}
		assert_int_equal(g->marks.present, want[i].present);
		assert_int_equal(g->marks.absent, want[i].absent);
		assert_float_equal(g->task_success[0], want[i].task1, 1e-12);
	}
	mms_analysis_free(a);
}

/* The file's marks, where they agree with the scores, give the scale. */
static void test_scale_from_marks(void **state)
{
	struct t_fx *fx = *state;
	mms_analysis_opts o = {.assessment = "a"};
	mms_analysis *a;

	base(fx->db);
	for (int i = 0; i <= 5; i++) {
		char code[8];

		snprintf(code, sizeof(code), "s%d", i);
		scoring(fx->db, 1, 1, code, i);
		t_sql(fx->db, "UPDATE participant SET mark = %d WHERE code = '%s'",
		      i < 2   ? 2
		      : i < 3 ? 3
		      : i < 4 ? 4
		              : 5,
		      code);
	}
	assert_int_equal(mms_analyse(fx->db, &o, &a), MMS_OK);
	assert_string_equal(a->scale_source, "marks");
	assert_float_equal(a->bound[0], 2, 1e-12);
	assert_float_equal(a->bound[1], 3, 1e-12);
	assert_float_equal(a->bound[2], 4, 1e-12);
	assert_int_equal(a->computed_marks, 0);
	mms_analysis_free(a);
	/* a 5 at a lower score than a 4: the marks show no scale */
	t_sql(fx->db, "UPDATE participant SET mark = 5 WHERE code = 's3'");
	assert_int_equal(mms_analyse(fx->db, &o, &a), MMS_OK);
	assert_null(a->scale_source);
	assert_true(isnan(a->bound[0]));
	mms_analysis_free(a);
}

/*
 * The boundary sign of 5А of edu2: AT participants at the lowest score of
 * «3» (2), BELOW at 1, the rest (to N) at 5.
 */
static unsigned boundary_case(mms_db *db, int at, int below, int n)
{
	const double scale[3] = {2, 3, 4};
	mms_analysis_opts o = {.assessment = "a"};
	mms_analysis *a;
	unsigned signs;
	int i = 0;

	t_sql(db, "DELETE FROM participant");
	assert_int_equal(mms_scale_set(db, "a", scale), MMS_OK);
	for (; i < n; i++) {
		char code[16];

		snprintf(code, sizeof(code), "b%d", i);
		scoring(db, 2, 3, code, i < at ? 2 : i < at + below ? 1 : 5);
	}
	assert_int_equal(mms_analyse(db, &o, &a), MMS_OK);
	signs = group(a, "edu2", "5А")->signs & MMS_SIGN_BOUNDARY;
	if (signs) {
		assert_int_equal(group(a, "edu2", "5А")->peak_mark, 3);
		assert_int_equal(group(a, "edu2", "5А")->peak_at, at);
		assert_int_equal(group(a, "edu2", "5А")->peak_below, below);
	}
	mms_analysis_free(a);
	return signs;
}

static void test_sign_boundary(void **state)
{
	struct t_fx *fx = *state;

	base(fx->db);
	/* 7 at the boundary, none below: a fair coin leaves 7 of 7 with p = 1/128 < .01 */
	assert_true(boundary_case(fx->db, 7, 0, 12));
	/* 6 of 6: p = 1/64, no sign */
	assert_false(boundary_case(fx->db, 6, 0, 12));
	/* the edge with one below: 10 of 11, p = 12/2048 = .0059; 9 of 10, p = 11/1024 = .0107 */
	assert_true(boundary_case(fx->db, 10, 1, 14));
	assert_false(boundary_case(fx->db, 9, 1, 14));
	/* a group under MMS_SIGN_MIN_N participants is not judged */
	assert_false(boundary_case(fx->db, 9, 0, MMS_SIGN_MIN_N - 1));
	assert_true(boundary_case(fx->db, 9, 0, MMS_SIGN_MIN_N));
}

/*
 * The raised sign: edu1's 5А has R of 10 students whose work got a mark
 * above the journal's; edu2's 30 students confirm theirs but for D raised.
 * The district's share is (R + D) / 40.
 */
static unsigned raised_case(mms_db *db, int r, int d)
{
	mms_analysis_opts o = {.assessment = "a"};
	mms_analysis *a;
	unsigned signs;

	t_sql(db, "DELETE FROM participant");
	for (int i = 0; i < 40; i++) {
		char code[16];
		int mine = i < 10;

		snprintf(code, sizeof(code), "r%d", i);
		scoring(db, mine ? 1 : 2, mine ? 1 : 3, code, 3);
		t_sql(db, "UPDATE participant SET mark = 4 WHERE code = '%s'", code);
		journal(db, code, (mine ? i < r : i - 10 < d) ? 3 : 4);
	}
	assert_int_equal(mms_analyse(db, &o, &a), MMS_OK);
	signs = group(a, "edu1", "5А")->signs & MMS_SIGN_RAISED;
	mms_analysis_free(a);
	return signs;
}

static void test_sign_raised(void **state)
{
	struct t_fx *fx = *state;

	base(fx->db);
	/* 3/10 = .30 against 3/40 = .075: ≥ .075 + .20 and ≥ 2 × .075 */
	assert_true(raised_case(fx->db, 3, 0));
	/* 2/10 = .20 against .05: under .25 */
	assert_false(raised_case(fx->db, 2, 0));
	/* 5/10 = .50 against (5 + 10) / 40 = .375: not .20 above */
	assert_false(raised_case(fx->db, 5, 10));
	/* 6/10 = .60 against (6 + 6) / 40 = .30: .20 above and twice */
	assert_true(raised_case(fx->db, 6, 6));
}

/* The history sign: edu1's «качество» this year against the year before. */
static void test_sign_history(void **state)
{
	struct t_fx *fx = *state;
	mms_analysis_opts o = {.assessment = "a", .school = "edu1"};
	mms_analysis *a;

	base(fx->db);
	/* last year: 3 of 10 had 4 or 5; this year: 6 of 10 */
	for (int i = 0; i < 10; i++) {
		char code[16];

		snprintf(code, sizeof(code), "h%d", i);
		t_sql(
		    fx->db,
		    "INSERT INTO participant(id, assessment_id, school_id, class_id, code, absent, "
		    "mark) VALUES ((SELECT last + 1 FROM participant_seq), 2, 1, 2, 'old-%s', 0, "
		    "%d);"
		    "UPDATE participant_seq SET last = last + 1",
		    code, i < 3 ? 4 : 3);
		scoring(fx->db, 1, 1, code, 3);
		t_sql(fx->db, "UPDATE participant SET mark = %d WHERE code = '%s'", i < 6 ? 4 : 3,
		      code);
	}
	assert_int_equal(mms_analyse(fx->db, &o, &a), MMS_OK);
	assert_float_equal(group(a, "edu1", NULL)->history_quality, 0.3, 1e-12);
	assert_true(group(a, "edu1", NULL)->signs & MMS_SIGN_HISTORY); /* .60 − .30 ≥ .25 */
	assert_string_equal(group(a, "edu1", NULL)->history_assessment, "old");
	/* the skill last year as classified (none yet), this year as analysed: tasks 1, 2 */
	assert_int_equal(a->nskills, 1);
	assert_true(isnan(a->skills[0].years[0]));
	assert_float_equal(a->skills[0].years[1], 1.0, 1e-12);
	/* the trend: last year, then this one */
	assert_int_equal(a->nyears, 2);
	assert_string_equal(a->years[0].assessment, "old");
	assert_float_equal(a->years[0].quality, 0.3, 1e-12);
	assert_float_equal(a->years[1].quality, 0.6, 1e-12);
	mms_analysis_free(a);
	/* last year classified: the school's row gives the skill's success then */
	t_sql(fx->db,
	      "INSERT INTO deficit_run(id, assessment_id, threshold_version) VALUES (7, 2, 1);"
	      "INSERT INTO deficit_row(run_id, school_id, skill_id, n, points, possible, "
	      "ci_low, ci_high, codes, threshold_stored, sufficient_stored) "
	      "VALUES (7, 1, 1, 10, 8, 20, 0, 1, %d, 5700, 6000)",
	      mms_result_codes(0, MMS_VERDICT_DEFICIT, MMS_SPREAD_NONE, MMS_PERSISTENCE_NONE));
	assert_int_equal(mms_analyse(fx->db, &o, &a), MMS_OK);
	assert_float_equal(a->skills[0].years[0], 0.4, 1e-12);
	mms_analysis_free(a);
	/* 5 of 10 this year: .50 − .30 < .25 */
	t_sql(fx->db, "UPDATE participant SET mark = 3 WHERE code = 'h5'");
	assert_int_equal(mms_analyse(fx->db, &o, &a), MMS_OK);
	assert_false(group(a, "edu1", NULL)->signs & MMS_SIGN_HISTORY);
	mms_analysis_free(a);
}

/* Signs are kept at classification, replacing the assessment's earlier ones. */
static void test_signs_stored(void **state)
{
	struct t_fx *fx = *state;
	long found;

	base(fx->db);
	assert_int_equal(boundary_case(fx->db, 7, 0, 12), MMS_SIGN_BOUNDARY);
	assert_int_equal(mms_signs_store(fx->db, 1, &found), MMS_OK);
	/* the class and its school (the same participants) */
	assert_int_equal(found, 2);
	assert_int_equal(t_int(fx->db, "SELECT count(*) FROM objectivity_sign WHERE sign = "
	                               "'boundary' AND class_id = 3 AND value = 7"),
	                 1);
	assert_int_equal(mms_signs_store(fx->db, 1, &found), MMS_OK);
	assert_int_equal(t_int(fx->db, "SELECT count(*) FROM objectivity_sign"), 2);
}

/* Found without writing (the classification finds them before it takes the
   write lock), then written as mms_signs_store() writes them. */
static void test_signs_found_then_written(void **state)
{
	struct t_fx *fx = *state;
	mms_signs signs;
	long long changes;

	base(fx->db);
	assert_int_equal(boundary_case(fx->db, 7, 0, 12), MMS_SIGN_BOUNDARY);
	changes = mms_db_total_changes(fx->db);
	assert_int_equal(mms_signs_find(fx->db, 1, &signs), MMS_OK);
	assert_int_equal(mms_db_total_changes(fx->db), changes);
	assert_int_equal(signs.groups, 2);
	assert_int_equal(signs.nrows, 2);
	assert_string_equal(signs.rows[0].sign, "boundary");
	/* the school, then its class, found as they were read */
	assert_int_equal(signs.rows[0].class_id, 0);
	assert_int_equal(signs.rows[1].class_id, 3);
	assert_int_equal(signs.rows[0].school_id,
	                 t_int(fx->db, "SELECT school_id FROM class WHERE id = 3"));
	assert_int_equal(signs.rows[1].school_id, signs.rows[0].school_id);
	assert_int_equal(signs.rows[0].value, 7);
	/* the class renamed before they are written keeps its sign, not its school */
	t_sql(fx->db, "UPDATE class SET label = label || ' (renamed)' WHERE id = 3");
	assert_int_equal(mms_signs_write(fx->db, 1, &signs), MMS_OK);
	assert_int_equal(t_int(fx->db, "SELECT count(*) FROM objectivity_sign WHERE sign = "
	                               "'boundary' AND class_id = 3 AND value = 7"),
	                 1);
	assert_int_equal(t_int(fx->db, "SELECT count(*) FROM objectivity_sign WHERE sign = "
	                               "'boundary' AND class_id IS NULL AND value = 7"),
	                 1);
	mms_signs_free(&signs);
	assert_int_equal(signs.nrows, 0);
	mms_signs_free(&signs);
	/* an unknown assessment: an error, nothing kept */
	assert_int_not_equal(mms_signs_find(fx->db, 99, &signs), MMS_OK);
	assert_int_equal(signs.nrows, 0);
	assert_null(signs.rows);
}

static void test_scope_errors(void **state)
{
	struct t_fx *fx = *state;
	mms_analysis_opts o = {.assessment = "a", .class_label = "5А"};
	mms_analysis *a;
	const double bad[3] = {3, 2, 4};

	base(fx->db);
	/* no results yet */
	assert_int_equal(mms_analyse(fx->db, &o, &a), MMS_ENOTFOUND);
	assert_null(a);
	scoring(fx->db, 1, 1, "x1", 3);
	scoring(fx->db, 2, 3, "x2", 3);
	/* 5А in two schools */
	assert_int_equal(mms_analyse(fx->db, &o, &a), MMS_EAMBIGUOUS);
	o.school = "edu9";
	assert_int_equal(mms_analyse(fx->db, &o, &a), MMS_ENOTFOUND);
	o.school = "edu2";
	o.class_label = "5Б";
	assert_int_equal(mms_analyse(fx->db, &o, &a), MMS_ENOTFOUND);
	o.assessment = "nope";
	assert_int_equal(mms_analyse(fx->db, &o, &a), MMS_ENOTFOUND);
	/* a scale must grow, up to the maximum */
	assert_int_equal(mms_scale_set(fx->db, "a", bad), MMS_EUSAGE);
	{
		const double over[3] = {2, 3, 6};
		double got[3];

		assert_int_equal(mms_scale_set(fx->db, "a", over), MMS_EUSAGE);
		assert_int_equal(mms_scale_get(fx->db, "a", got), MMS_OK);
		assert_true(isnan(got[0]));
		assert_int_equal(mms_scale_get(fx->db, "nope", got), MMS_ENOTFOUND);
	}
	mms_analysis_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_marks_and_journal, t_fx_setup, t_fx_teardown),
	    cmocka_unit_test_setup_teardown(test_groups_in_order, t_fx_setup, t_fx_teardown),
	    cmocka_unit_test_setup_teardown(test_scale_from_marks, t_fx_setup, t_fx_teardown),
	    cmocka_unit_test_setup_teardown(test_sign_boundary, t_fx_setup, t_fx_teardown),
	    cmocka_unit_test_setup_teardown(test_sign_raised, t_fx_setup, t_fx_teardown),
	    cmocka_unit_test_setup_teardown(test_sign_history, t_fx_setup, t_fx_teardown),
	    cmocka_unit_test_setup_teardown(test_signs_found_then_written, t_fx_setup,
	                                    t_fx_teardown),
	    cmocka_unit_test_setup_teardown(test_signs_stored, t_fx_setup, t_fx_teardown),
	    cmocka_unit_test_setup_teardown(test_scope_errors, t_fx_setup, t_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
