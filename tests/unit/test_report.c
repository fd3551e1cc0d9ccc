/*
 * The report's figures against hand-computed ones on a small district:
 *
 * Школа №1 (edu1): Иванова (born 1995: young), Петров; Школа №2 (edu2):
 * Сидорова (2 years of experience: young), Кузнецов.  Математика, a5
 * (grade 5, 2026-04-15, run 1) and a6 (grade 6, 2027-04-14, run 2), skills
 * 1.1 (subject) and 1.2 (meta, познавательные).  Today 2027-05-01.
 *
 *   hypothesis          events                  item (2026/2027)
 *   Иванова 1.1 (a5)    confirm, accept         course, done 2026-12-20, ordered
 *   Петров 1.2 (a5)     confirm                 —
 *   Сидорова 1.1 (a5)   reject                  —
 *   Сидорова 1.2 (a5)   confirm, accept         school (a seminar), done
 *   Кузнецов 1.2 (a5)   none, not supported     —  (not counted)
 *
 * Follow-up of Иванова 1.1: 5А 6/20 = .30 → 6А 20/25 = .80, district .70
 * (n=400) → .72 (n=410): (.80 − .30) − (.72 − .70) = .48, variance
 * .3·.7/20 + .8·.2/25 + .7·.3/400 + .72·.28/410 = .0179167, se .133853,
 * 95 %: .48 ± 1.959964·.133853 = [.21765, .74235]: improved.
 * Сидорова 1.2: 5А of edu2 has 8 participants: too little data.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deficits/codes.h"
#include "helpers.h"
#include "mms/deficits.h"
#include "mms/report.h"

/* A result row: SCHOOL and CLASS 0 for none; SPREAD and PERSISTENCE may be NULL. */
static void row(mms_db *db, int run, const char *level, int school, int klass, int skill, int n,
                double points, int deficit, const char *spread, const char *persistence)
{
	char s[16], c[16];

	/* the level is the row's own, told from the ids it has */
	assert_string_equal(level, klass ? "class" : school ? "school" : "district");
	snprintf(s, sizeof(s), school ? "%d" : "NULL", school);
	snprintf(c, sizeof(c), klass ? "%d" : "NULL", klass);
	t_sql(
	    db,
	    "INSERT INTO deficit_row(run_id, school_id, class_id, skill_id, n, points, "
	    "possible, ci_low, ci_high, codes, threshold_stored, sufficient_stored) VALUES (%d, "
	    "%s, %s, %d, %d, %.6f, %d, 0, 1, %d, 5700, 6000)",
	    run, s, c, skill, n, points, n,
	    mms_result_codes(0, deficit ? MMS_VERDICT_DEFICIT : MMS_VERDICT_SUFFICIENT,
	                     spread ? mms_spread_of(spread) : MMS_SPREAD_NONE,
	                     persistence ? mms_persistence_of(persistence) : MMS_PERSISTENCE_NONE));
}

static void fixture(mms_db *db)
{
	t_sql(
	    db,
	    "INSERT INTO school(id, code, name, name_key) VALUES "
	    "(1, 'edu1', 'Школа №1', 'школа №1'), (2, 'edu2', 'Школа №2', 'школа №2');"
	    "INSERT INTO subject(id, name, name_key) VALUES (1, 'Математика', 'математика');"
	    "INSERT INTO teacher(id, school_id, full_name, name_key, birth_year, experience) "
	    "VALUES "
	    "(1, 1, 'Иванова Анна Петровна', 'иванова анна петровна', 1995, 5),"
	    "(2, 1, 'Петров Пётр Ильич', 'петров петр ильич', 1970, 20),"
	    "(3, 2, 'Сидорова Мария Ивановна', 'сидорова мария ивановна', 1980, 2),"
	    "(4, 2, 'Кузнецов Олег Викторович', 'кузнецов олег викторович', 1960, 30);"
	    "INSERT INTO class(id, school_id, label, label_key, grade) VALUES "
	    "(1, 1, '5А', '5а', 5), (2, 1, '5Б', '5б', 5), (3, 2, '5А', '5а', 5),"
	    "(4, 2, '5Б', '5б', 5), (5, 1, '6А', '6а', 6), (6, 1, '6Б', '6б', 6),"
	    "(7, 2, '6А', '6а', 6), (8, 2, '6Б', '6б', 6);"
	    "INSERT INTO teaching VALUES (1, 1, 1, '2025/2026'), (1, 1, 5, '2026/2027'), (2, 1, "
	    "2, '2025/2026'), (2, 1, 6, '2026/2027'),"
	    "(3, 1, 3, '2025/2026'), (3, 1, 7, '2026/2027'), (4, 1, 4, '2025/2026'), (4, 1, 8, "
	    "'2026/2027');"
	    "INSERT INTO assessment(id, code, kind, subject_id, grade, date) VALUES "
	    "(1, 'a5', 'ВПР', 1, 5, '2026-04-15'), (2, 'a6', 'ВПР', 1, 6, '2027-04-14');"
	    "INSERT INTO skill(id, subject_id, code, text, kind, kind_text) VALUES "
	    "(1, 1, '1.1', 'Дроби', 'subject', ''),"
	    "(2, 1, '1.2', 'Таблицы', 'meta', 'познавательные');"
	    "INSERT INTO deficit_run(id, assessment_id, threshold_version) VALUES (1, 1, 1), "
	    "(2, 2, 1);"
	    "INSERT INTO participant(id, assessment_id, school_id, class_id, code, absent) VALUES "
	    "(1, 1, 1, 1, 'P-1001', 0), (2, 1, 1, 1, 'P-1002', 0), (3, 1, 2, 3, 'P-2001', 0),"
	    "(4, 1, 2, 3, 'P-2002', 1); UPDATE participant_seq SET last = 4;");
	/* run 1 (a5) */
	row(db, 1, "district", 0, 0, 1, 400, 280, 0, NULL, NULL);
	row(db, 1, "district", 0, 0, 2, 400, 200, 1, "district", "new");
	row(db, 1, "school", 1, 0, 1, 200, 130, 0, NULL, NULL);
	row(db, 1, "school", 2, 0, 1, 8, 6, 0, NULL, NULL);
	row(db, 1, "school", 1, 0, 2, 200, 100, 1, "district", "new");
	row(db, 1, "school", 2, 0, 2, 8, 4, 1, "district", "new");
	row(db, 1, "class", 1, 1, 1, 20, 6, 1, "class", "new");
	row(db, 1, "class", 2, 3, 1, 8, 6, 0, NULL, NULL);
	row(db, 1, "class", 1, 1, 2, 20, 10, 1, "district", "new");
	row(db, 1, "class", 1, 2, 2, 20, 10, 1, "district", "new");
	row(db, 1, "class", 2, 3, 2, 8, 2, 0, NULL, NULL);
	/* run 2 (a6) */
	row(db, 2, "district", 0, 0, 1, 410, 295.2, 0, NULL, NULL);
	row(db, 2, "district", 0, 0, 2, 410, 225.5, 1, "district", "recurrent");
	row(db, 2, "school", 1, 0, 1, 210, 160, 0, NULL, NULL);
	row(db, 2, "class", 1, 5, 1, 25, 20, 0, NULL, NULL);
	row(db, 2, "class", 2, 7, 2, 9, 5, 0, NULL, NULL);
	row(db, 2, "class", 1, 5, 2, 25, 12, 1, "individual", "new");
	/* hypotheses, events, programmes, the order, the seminar, a published summary */
	t_sql(
	    db,
	    "INSERT INTO hypothesis(id, teacher_id, skill_id, assessment_id, run_id, n, success, "
	    "rest_n, rest_success, district_success, threshold, p_value, q_value, supported) "
	    "VALUES (1, 1, 1, 1, 1, 20, .3, 380, .72, .7, .57, .001, .01, 1),"
	    "(2, 2, 2, 1, 1, 20, .5, 380, .5, .5, .57, .01, .02, 1),"
	    "(3, 3, 1, 1, 1, 8, .75, 392, .7, .7, .57, .5, .5, 1),"
	    "(4, 3, 2, 1, 1, 8, .25, 392, .5, .5, .57, .04, .04, 1),"
	    "(5, 4, 2, 1, 1, 8, .5, 392, .5, .5, .57, .5, .5, 0);"
	    "INSERT INTO hypothesis_class VALUES (1, 1, 20, .3, 1), (4, 3, 8, .25, 1);"
	    "INSERT INTO teacher_event(teacher_id, skill_id, kind, outcome, priority, date) VALUES "
	    "(1, 1, 'observation', 'confirm', NULL, '2026-05-10'),"
	    "(2, 2, 'observation', 'confirm', NULL, '2026-05-11'),"
	    "(3, 1, 'observation', 'reject', NULL, '2026-05-12'),"
	    "(3, 2, 'observation', 'confirm', NULL, '2026-05-12'),"
	    "(1, 1, 'interview', 'accept', 1, '2026-05-20'),"
	    "(3, 2, 'interview', 'accept', 2, '2026-05-21');"
	    "INSERT INTO resource(id, kind, origin, title, title_key) VALUES "
	    "(1, 'seminar', 'manual', 'Семинар по таблицам', 'семинар по таблицам');"
	    "INSERT INTO iop(id, teacher_id, year) VALUES (1, 1, '2026/2027'), (2, 3, '2026/2027');"
	    "INSERT INTO iop_item(id, iop_id, skill_id, hypothesis_id, competency_area, "
	    "competency, form, resource_id, period, threshold, status) VALUES "
	    "(1, 1, 1, 1, 'предметная', 'x', 'course', NULL, '2026/2027', .57, 'done'),"
	    "(2, 2, 2, 4, 'методическая', 'y', 'school', 1, '2026/2027', .57, 'done');"
	    "INSERT INTO iop_status(item_id, status, note, date) VALUES (1, 'done', NULL, "
	    "'2026-12-20');"
	    "INSERT INTO training_order(id, state, sent) VALUES (1, 'sent', '2026-06-01');"
	    "INSERT INTO order_line(id, order_id, position, programme, competency, skills, count, "
	    "justification) VALUES (1, 1, 1, 'Курс', 'x', '1.1', 1, 'Иванова: 5А, n=20: 30 %%');"
	    "INSERT INTO order_line_teacher VALUES (1, 1, 1, 'Иванова', 'Школа №1', '1.1');"
	    "INSERT INTO report_run(anonymous, format) VALUES (1, 'html'), (0, 'text');");
}

static mms_report *compute(mms_db *db, int anonymous, const char *assessment, const char *school)
{
	mms_report_opts o = {assessment, school, anonymous, "2027-05-01"};
	mms_report *r = NULL;
	int rc = mms_report_compute(db, &o, &r);

	if (rc != MMS_OK)
		fail_msg("mms_report_compute: %s", mms_errmsg(db));
	return r;
}

static const mms_report_indicator *indicator(const mms_report *r, const char *key)
{
	for (size_t i = 0; i < r->nindicators; i++)
		if (strcmp(r->indicators[i].key, key) == 0)
			return &r->indicators[i];
	fail_msg("no indicator %s", key);
	return NULL;
}

static void test_did(void **state)
{
	double d, lo, hi;

	(void)state;
	assert_int_equal(mms_report_did(20, .3, 25, .8, 400, .7, 410, .72, &d, &lo, &hi),
	                 MMS_FOLLOWUP_IMPROVED);
	assert_float_equal(d, .48, 1e-9);
	assert_float_equal(lo, .2176523426, 1e-8);
	assert_float_equal(hi, .7423476574, 1e-8);
	/* the same with .60 after: the interval just reaches below 0 */
	assert_int_equal(mms_report_did(20, .3, 25, .6, 400, .7, 410, .72, &d, &lo, &hi),
	                 MMS_FOLLOWUP_NO_CHANGE);
	assert_float_equal(d, .28, 1e-9);
	assert_float_equal(lo, -.0048139069, 1e-8);
	assert_float_equal(hi, .5648139069, 1e-8);
	assert_int_equal(mms_report_did(30, .7, 30, .4, 400, .7, 410, .72, &d, &lo, &hi),
	                 MMS_FOLLOWUP_WORSE);
	assert_float_equal(d, -.32, 1e-9);
	assert_float_equal(hi, -.0719525819, 1e-8);
	/* under 10 on either side: too little data, the figures still given */
	assert_int_equal(mms_report_did(8, .25, 25, .8, 400, .7, 410, .72, &d, &lo, &hi),
	                 MMS_FOLLOWUP_TOO_LITTLE);
	assert_int_equal(mms_report_did(20, .25, 9, .8, 400, .7, 410, .72, &d, &lo, &hi),
	                 MMS_FOLLOWUP_TOO_LITTLE);
	assert_int_equal(mms_report_did(0, 0, 25, .8, 400, .7, 410, .72, &d, &lo, &hi),
	                 MMS_FOLLOWUP_TOO_LITTLE);
	assert_true(isnan(d));
	assert_string_equal(mms_followup_verdict_key(MMS_FOLLOWUP_NO_CHANGE), "no-change");
	assert_string_equal(mms_followup_verdict_name(MMS_FOLLOWUP_TOO_LITTLE), "too little data");
}

static void test_suppress(void **state)
{
	(void)state;
	assert_int_equal(mms_report_suppress(1, 9), MMS_REPORT_SUPPRESSED);
	assert_int_equal(mms_report_suppress(1, 1), MMS_REPORT_SUPPRESSED);
	assert_int_equal(mms_report_suppress(1, 10), 10);
	assert_int_equal(mms_report_suppress(1, 0), 0);
	assert_int_equal(mms_report_suppress(0, 3), 3);
}

static void test_figures(void **state)
{
	char *path;
	mms_db *db = t_db(&path);
	mms_report *r;
	const mms_report_followup *f;
	const mms_report_indicator *in;

	(void)state;
	fixture(db);
	r = compute(db, 0, NULL, NULL);
	assert_string_equal(r->today, "2027-05-01");
	/* scope */
	assert_int_equal(r->nassessments, 2);
	assert_string_equal(r->assessments[0].code, "a5");
	assert_int_equal(r->assessments[0].participants, 3);
	/* a6 was classified but has no participants: none, not an error */
	assert_int_equal(r->assessments[1].participants, 0);
	assert_int_equal(r->nschools, 2);
	/* the heat map: a5 1.1, a5 1.2, a6 1.1, a6 1.2 */
	assert_int_equal(r->nskills, 4);
	assert_string_equal(r->skills[0].code, "1.1");
	assert_int_equal(r->skills[0].assessment, 0);
	assert_float_equal(r->skills[0].district.success, .70, 1e-9);
	assert_int_equal(r->skills[0].schools[1].n, 8);
	assert_float_equal(r->skills[0].schools[1].success, .75, 1e-9);
	assert_int_equal(r->skills[1].district.deficit, 1);
	assert_int_equal(r->skills[1].schools[0].deficit, 1);
	assert_int_equal(r->skills[2].assessment, 1);
	assert_int_equal(r->skills[2].schools[1].n, 0); /* no row */
	/* where the deficits are */
	assert_int_equal(r->deficits[MMS_SPREAD_DISTRICT][MMS_KIND_META], 2);
	assert_int_equal(r->deficits[MMS_SPREAD_SCHOOL][MMS_KIND_META], 0);
	assert_int_equal(r->deficits[MMS_SPREAD_CLASS][MMS_KIND_SUBJECT], 1);
	assert_int_equal(r->deficits[MMS_SPREAD_INDIVIDUAL][MMS_KIND_META], 1);
	assert_int_equal(r->recurrent, 1);
	/* the funnel */
	assert_int_equal(r->funnel[MMS_STAGE_DEFICITS], 4);
	assert_int_equal(r->funnel[MMS_STAGE_HYPOTHESES], 4);
	assert_int_equal(r->funnel[MMS_STAGE_CONFIRMED], 3);
	assert_int_equal(r->funnel[MMS_STAGE_NEEDS], 2);
	assert_int_equal(r->funnel[MMS_STAGE_ITEMS], 2);
	assert_int_equal(r->funnel[MMS_STAGE_ORDERED], 1);
	assert_int_equal(r->funnel[MMS_STAGE_DONE], 2);
	/* coverage */
	assert_string_equal(r->year, "2026/2027");
	assert_int_equal(r->teachers, 4);
	assert_int_equal(r->with_programme, 2);
	assert_int_equal(r->young, 2);
	assert_int_equal(r->young_with_programme, 2);
	/* competencies, by area: методическая (познавательные УУД), then предметная */
	assert_int_equal(r->ncompetencies, 2);
	assert_string_equal(r->competencies[0].area, "методическая");
	assert_non_null(strstr(r->competencies[0].name, "познавательных"));
	assert_int_equal(r->competencies[0].confirmed, 2);
	assert_int_equal(r->competencies[0].needs, 1);
	assert_int_equal(r->competencies[0].schools[0], 1);
	assert_int_equal(r->competencies[0].schools[1], 1);
	assert_string_equal(r->competencies[1].area, "предметная");
	assert_int_equal(r->competencies[1].confirmed, 1);
	assert_int_equal(r->competencies[1].schools[1], 0);
	/* indicators */
	in = indicator(r, "needs_monitored");
	assert_int_equal(in->number, 3);
	assert_int_equal(in->value, 2);
	assert_int_equal(in->of, 3);
	assert_true(in->met);
	in = indicator(r, "order_justified");
	assert_int_equal(in->value, 1);
	assert_int_equal(in->of, 1);
	assert_true(in->met);
	in = indicator(r, "summary_published");
	assert_int_equal(in->value, 1);
	assert_int_equal(in->met, MMS_INDICATOR_NO_DATA);
	/* the model's list, numbered 1–11 as the district's own is, then the shares */
	for (int k = 0; k < 11; k++)
		assert_int_equal(r->indicators[k].number, k + 1);
	assert_int_equal(r->nindicators, 13);
	assert_int_equal(indicator(r, "management_decisions")->met, MMS_INDICATOR_NO_DATA);
	assert_int_equal(indicator(r, "schools_satisfaction")->number, 11);
	in = indicator(r, "events_planned");
	assert_int_equal(in->value, 1);
	assert_non_null(strstr(in->basis, "1 programme items use them, 1 of them done"));
	in = indicator(r, "teachers_with_programme");
	assert_int_equal(in->value, 2);
	assert_int_equal(in->of, 4);
	/* a share is never met: it stands against the district's target, if set */
	assert_int_equal(in->met, MMS_INDICATOR_NO_DATA);
	assert_true(in->target == 0);
	/* the follow-up, alphabetically: Иванова, then Сидорова */
	assert_int_equal(r->nfollowups, 2);
	f = &r->followups[0];
	assert_string_equal(f->teacher, "Иванова Анна Петровна");
	assert_string_equal(f->before.assessment, "a5");
	assert_string_equal(f->after.assessment, "a6");
	assert_string_equal(f->before.classes, "5А");
	assert_string_equal(f->after.classes, "6А");
	assert_int_equal(f->before.n, 20);
	assert_int_equal(f->after.n, 25);
	assert_float_equal(f->before.success, .30, 1e-9);
	assert_float_equal(f->after.success, .80, 1e-9);
	assert_float_equal(f->after.district_success, .72, 1e-9);
	assert_float_equal(f->did, .48, 1e-9);
	assert_float_equal(f->ci_low, .2176523426, 1e-6);
	assert_float_equal(f->ci_high, .7423476574, 1e-6);
	assert_int_equal(f->verdict, MMS_FOLLOWUP_IMPROVED);
	assert_true(f->chosen_low);
	f = &r->followups[1];
	assert_string_equal(f->teacher, "Сидорова Мария Ивановна");
	assert_string_equal(f->after.classes, "6А");
	assert_int_equal(f->before.n, 8);
	assert_int_equal(f->verdict, MMS_FOLLOWUP_TOO_LITTLE);
	assert_int_equal(r->followup_counts[MMS_FOLLOWUP_IMPROVED], 1);
	assert_int_equal(r->followup_counts[MMS_FOLLOWUP_TOO_LITTLE], 1);
	assert_int_equal(r->followup_pending, 0);
	assert_int_equal(r->followup_chosen_low, 2);
	mms_report_free(r);

	/* one school: edu1 */
	r = compute(db, 0, NULL, "edu1");
	assert_int_equal(r->nschools, 1);
	assert_string_equal(r->school_name, "Школа №1");
	assert_int_equal(r->assessments[0].participants, 2);
	assert_int_equal(r->funnel[MMS_STAGE_HYPOTHESES], 2);
	assert_int_equal(r->teachers, 2);
	assert_int_equal(r->young, 1);
	assert_int_equal(r->nfollowups, 1);
	mms_report_free(r);

	/* one school: edu2, whose second participant was absent */
	r = compute(db, 0, NULL, "edu2");
	assert_int_equal(r->assessments[0].participants, 1);
	assert_int_equal(r->assessments[1].participants, 0);
	mms_report_free(r);

	/* one assessment: a6 found no hypotheses, follow-ups that end at it stay */
	r = compute(db, 0, "a6", NULL);
	assert_int_equal(r->nassessments, 1);
	assert_int_equal(r->nskills, 2);
	assert_int_equal(r->funnel[MMS_STAGE_DEFICITS], 1);
	assert_int_equal(r->funnel[MMS_STAGE_HYPOTHESES], 0);
	assert_int_equal(r->nfollowups, 2);
	mms_report_free(r);
	mms_db_close(db);
	t_remove(path);
}

static void test_anonymous(void **state)
{
	char *path;
	mms_db *db = t_db(&path);
	mms_report *r;

	(void)state;
	fixture(db);
	r = compute(db, 1, NULL, NULL);
	assert_true(r->anonymous);
	/* students' groups under 10: the cell has no value */
	assert_true(r->skills[0].schools[1].suppressed);
	assert_true(isnan(r->skills[0].schools[1].success));
	assert_false(r->skills[0].schools[0].suppressed);
	assert_false(r->skills[1].schools[1].deficit);
	/* counts of teachers under 10 */
	assert_int_equal(r->funnel[MMS_STAGE_DEFICITS], 4);
	for (int i = MMS_STAGE_HYPOTHESES; i < MMS_NSTAGE; i++)
		assert_int_equal(r->funnel[i], MMS_REPORT_SUPPRESSED);
	assert_int_equal(r->teachers, MMS_REPORT_SUPPRESSED);
	assert_int_equal(r->competencies[0].confirmed, MMS_REPORT_SUPPRESSED);
	assert_int_equal(r->competencies[1].schools[1], 0);
	/* no follow-up rows, only their counts */
	assert_int_equal(r->nfollowups, 0);
	assert_int_equal(r->followup_counts[MMS_FOLLOWUP_IMPROVED], MMS_REPORT_SUPPRESSED);
	assert_int_equal(r->followup_counts[MMS_FOLLOWUP_WORSE], 0);
	/* a summary written proves no publication: no data, the summaries made are said */
	assert_int_equal(indicator(r, "summary_published")->value, 1);
	assert_int_equal(indicator(r, "summary_published")->met, MMS_INDICATOR_NO_DATA);
	assert_int_equal(indicator(r, "needs_monitored")->value, MMS_REPORT_SUPPRESSED);
	mms_report_free(r);
	mms_db_close(db);
	t_remove(path);
}

static void test_record_and_errors(void **state)
{
	char *path;
	mms_db *db = t_db(&path);
	mms_report_opts o = {NULL, "edu2", 1, NULL};
	mms_report *r = NULL;

	(void)state;
	fixture(db);
	assert_int_equal(mms_report_record(db, &o, "json", "out.json"), MMS_OK);
	assert_int_equal(t_int(db, "SELECT count(*) FROM report_run WHERE anonymous = 1 AND "
	                           "school = 'edu2' AND format = 'json' AND output = 'out.json'"),
	                 1);
	o.school = "edu9";
	assert_int_equal(mms_report_compute(db, &o, &r), MMS_ENOTFOUND);
	assert_null(r);
	assert_non_null(strstr(mms_errmsg(db), "edu9"));
	o.school = NULL;
	o.assessment = "nope";
	assert_int_equal(mms_report_compute(db, &o, &r), MMS_ENOTFOUND);
	t_sql(db, "INSERT INTO assessment(id, code, kind, subject_id, grade) VALUES "
	          "(3, 'a7', 'ВПР', 1, 7)");
	o.assessment = "a7";
	assert_int_equal(mms_report_compute(db, &o, &r), MMS_ENOTFOUND);
	assert_non_null(strstr(mms_errmsg(db), "classif"));
	mms_db_close(db);
	t_remove(path);
}

/* An empty database gives an empty report, not an error. */
static void test_empty(void **state)
{
	char *path;
	mms_db *db = t_db(&path);
	mms_report *r;

	(void)state;
	r = compute(db, 0, NULL, NULL);
	assert_int_equal(r->nassessments, 0);
	assert_int_equal(r->nskills, 0);
	assert_null(r->year);
	assert_int_equal(r->teachers, 0);
	assert_int_equal(indicator(r, "summary_published")->value, 0);
	assert_false(indicator(r, "order_justified")->met);
	mms_report_free(r);
	mms_db_close(db);
	t_remove(path);
}

static void test_targets(void **state)
{
	char *path;
	mms_db *db = t_db(&path);
	double v;

	(void)state;
	assert_int_equal(mms_report_target_get(db, "young_supported", &v), MMS_OK);
	assert_true(v == 0);
	assert_int_equal(mms_report_target_set(db, "young_supported", 100), MMS_OK);
	assert_int_equal(mms_report_target_set(db, "teachers_with_programme", 30), MMS_OK);
	assert_int_equal(mms_report_target_set(db, "teachers_with_programme", 35.5), MMS_OK);
	assert_int_equal(mms_report_target_get(db, "teachers_with_programme", &v), MMS_OK);
	assert_true(v == 35.5);
	assert_int_equal(mms_report_target_get(db, "young_supported", &v), MMS_OK);
	assert_true(v == 100);
	/* 0 removes it; out of range or unknown is refused */
	assert_int_equal(mms_report_target_set(db, "young_supported", 0), MMS_OK);
	assert_int_equal(mms_report_target_get(db, "young_supported", &v), MMS_OK);
	assert_true(v == 0);
	assert_int_equal(mms_report_target_set(db, "young_supported", 101), MMS_EUSAGE);
	assert_int_equal(mms_report_target_set(db, "mentors", 10), MMS_EUSAGE);
	mms_db_close(db);
	t_remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_did),
	    cmocka_unit_test(test_suppress),
	    cmocka_unit_test(test_figures),
	    cmocka_unit_test(test_anonymous),
	    cmocka_unit_test(test_record_and_errors),
	    cmocka_unit_test(test_empty),
	    cmocka_unit_test(test_targets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
