/* The resource bank, mentors found in the data, and building the programmes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "mms/iop.h"
#include "iop_fixture.h"

static void near(double got, double want, double tol)
{
	if (!(fabs(got - want) <= tol))
		fail_msg("got %.9g, want %.9g", got, want);
}

static void test_school_year(void **state)
{
	char y[16];

	(void)state;
	mms_school_year("2026-05-25", y);
	assert_string_equal(y, "2026/2027");
	mms_school_year("2026-10-01", y);
	assert_string_equal(y, "2026/2027");
	mms_school_year("2027-02-10", y);
	assert_string_equal(y, "2026/2027");
	mms_school_year("2027-04-01", y);
	assert_string_equal(y, "2027/2028");
}

static void test_steps(void **state)
{
	const char *const *s = mms_iop_steps();
	int n = 0;

	(void)state;
	while (s[n])
		n++;
	assert_int_equal(n, 12);
	assert_non_null(strstr(s[0], "соотнесение потребности и ресурса"));
	assert_non_null(strstr(s[11], "коррекция индивидуальной образовательной траектории"));
}

/* A mentor's item: its 12 steps planned by build-iop, done in order, the last ending it. */
static void test_steps_recorded(void **state)
{
	mms_iop_opts o = {.today = TODAY};
	mms_iop_set *set;
	mms_mentor_stats st;
	mms_iop_step_list l;
	mms_iop_step_opts so = {0};
	const char *status;
	char *path, sql[256];
	mms_db *db = t_db(&path);
	int64_t item;

	(void)state;
	fixture(db);
	assert_int_equal(mms_mentors_find(db, &st), MMS_OK);
	assert_int_equal(mms_iop_build(db, &o, &set), MMS_OK);
	mms_iop_set_free(set);
	item = t_int(db, "SELECT i.id FROM iop_item i JOIN resource r ON r.id = i.resource_id "
	                 "WHERE r.kind = 'mentor' ORDER BY i.id LIMIT 1");
	assert_true(item > 0);
	/* planned by build-iop: 1 October, then every 21 days to 20 May */
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM iop_step WHERE item_id = %lld",
	         (long long)item);
	assert_int_equal(t_int(db, sql), 12);
	assert_int_equal(mms_iop_steps_get(db, item, &l), MMS_OK);
	assert_string_equal(l.steps[0].planned, "2026-10-01");
	assert_string_equal(l.steps[11].planned, "2027-05-20");
	assert_true(l.steps[2].observed && !l.steps[3].observed);
	assert_int_equal(l.ndone, 0);
	mms_iop_steps_free(&l);
	/* the district's own schedule: from 15 September, every 14 days */
	assert_int_equal(mms_iop_schedule_set(db, "9-15", 14), MMS_OK);
	assert_int_equal(mms_iop_schedule_set(db, "13-01", 14), MMS_EUSAGE);
	assert_int_equal(mms_iop_schedule_set(db, "09-15", 61), MMS_EUSAGE);
	snprintf(sql, sizeof(sql), "DELETE FROM iop_step WHERE item_id = %lld", (long long)item);
	t_sql(db, "%s", sql);
	assert_int_equal(mms_iop_steps_plan(db, item), MMS_OK);
	assert_int_equal(mms_iop_steps_get(db, item, &l), MMS_OK);
	assert_string_equal(l.steps[0].planned, "2026-09-15");
	assert_string_equal(l.steps[1].planned, "2026-09-29");
	mms_iop_steps_free(&l);
	{
		char start[6];
		int every;

		assert_int_equal(mms_iop_schedule_get(db, start, &every), MMS_OK);
		assert_string_equal(start, "09-15");
		assert_int_equal(every, 14);
	}
	so.item = item;
	so.date = "2026-10-02";
	so.step = 2;
	assert_int_equal(mms_iop_step_done(db, &so, &status), MMS_EUSAGE); /* 1 first */
	so.step = 13;
	assert_int_equal(mms_iop_step_done(db, &so, &status), MMS_EUSAGE);
	so.step = 1;
	assert_int_equal(mms_iop_step_done(db, &so, &status), MMS_OK);
	assert_string_equal(status, "in-progress");
	so.step = 2;
	assert_int_equal(mms_iop_step_done(db, &so, &status), MMS_OK);
	assert_null(status);
	so.step = 3; /* a lesson observed: its observation, or --force */
	assert_int_equal(mms_iop_step_done(db, &so, &status), MMS_EUSAGE);
	so.force = 1;
	for (so.step = 3; so.step < 12; so.step++)
		assert_int_equal(mms_iop_step_done(db, &so, &status), MMS_OK);
	so.date = "2027-03-20";
	assert_int_equal(mms_iop_step_done(db, &so, &status), MMS_OK);
	assert_string_equal(status, "done");
	snprintf(sql, sizeof(sql),
	         "SELECT count(*) FROM iop_status WHERE item_id = %lld AND status = 'done' "
	         "AND date = '2027-03-20'",
	         (long long)item);
	assert_int_equal(t_int(db, sql), 1);
	so.step = 5; /* closed */
	assert_int_equal(mms_iop_step_done(db, &so, &status), MMS_EDATA);
	/* not a mentor's item, no item */
	assert_int_equal(mms_iop_steps_get(db, 999, &l), MMS_ENOTFOUND);
	mms_db_close(db);
	t_remove(path);
}

static void test_mentors_found(void **state)
{
	mms_mentor_stats st;
	char *path;
	mms_db *db = t_db(&path);

	(void)state;
	fixture(db);
	assert_int_equal(mms_mentors_find(db, &st), MMS_OK);
	assert_int_equal(st.assessments, 1);
	/* 4 skills × 4 teachers, less Кузнецов on 1.1 (n = 8 < min_n 10) */
	assert_int_equal(st.tested, 15);
	/* Петров on 1.2 and Сидорова on 1.3; Иванова on 1.4 is above but below .60 */
	assert_int_equal(st.found, 2);
	assert_int_equal(st.added, 2);
	assert_int_equal(t_int(db, "SELECT count(*) FROM resource WHERE origin = 'data'"), 2);
	assert_int_equal(t_int(db, "SELECT teacher_id FROM resource r JOIN resource_skill s ON "
	                           "s.resource_id = r.id WHERE s.skill_id = 2"),
	                 2);
	assert_int_equal(t_int(db, "SELECT teacher_id FROM resource r JOIN resource_skill s ON "
	                           "s.resource_id = r.id WHERE s.skill_id = 3"),
	                 3);
	assert_int_equal(t_int(db, "SELECT capacity FROM resource WHERE teacher_id = 2"), 3);
	/* the evidence: Петров .90 on 25 vs the rest (7.5 + 13.75 + 10) / 75 */
	assert_int_equal(t_int(db, "SELECT n FROM mentor_evidence WHERE skill_id = 2"), 25);
	assert_int_equal(t_int(db, "SELECT rest_n FROM mentor_evidence WHERE skill_id = 2"), 75);
	near(t_real(db, "SELECT success FROM mentor_evidence WHERE skill_id = 2"), 0.90, 1e-9);
	near(t_real(db, "SELECT rest_success FROM mentor_evidence WHERE skill_id = 2"), 31.25 / 75,
	     1e-9);
	/* Φ((.41667 − .9) / sqrt(.5375 · .4625 · (1/75 + 1/25))), worked out by hand */
	near(t_real(db, "SELECT p_value FROM mentor_evidence WHERE skill_id = 2"), 1.34872e-5,
	     1e-9);
	assert_true(t_real(db, "SELECT q_value FROM mentor_evidence WHERE skill_id = 2") <= 0.05);
	/* Иванова is not a mentor for 1.4, nor anyone for 1.1 */
	assert_int_equal(t_int(db, "SELECT count(*) FROM resource_skill WHERE skill_id IN (1, 4)"),
	                 0);

	/* a second run adds nothing and keeps the evidence */
	assert_int_equal(mms_mentors_find(db, &st), MMS_OK);
	assert_int_equal(st.added, 0);
	assert_int_equal(st.lapsed, 0);
	assert_int_equal(t_int(db, "SELECT count(*) FROM mentor_evidence"), 2);
	mms_db_close(db);
	t_remove(path);
}

static void test_withdraw_and_lapse(void **state)
{
	mms_mentor_stats st;
	char *path;
	mms_db *db = t_db(&path);
	int64_t r2;

	(void)state;
	fixture(db);
	assert_int_equal(mms_mentors_find(db, &st), MMS_OK);
	r2 = t_int(db, "SELECT id FROM resource WHERE teacher_id = 2");
	assert_int_equal(mms_resource_withdraw(db, r2, "1.2"), MMS_OK);
	assert_int_equal(mms_mentors_find(db, &st), MMS_OK);
	/* a methodologist's withdrawal stays */
	assert_int_equal(st.added, 0);
	assert_int_equal(t_int(db, "SELECT count(*) FROM resource_skill WHERE state = 'withdrawn'"),
	                 1);
	assert_int_equal(mms_resource_withdraw(db, r2, "9.9"), MMS_ENOTFOUND);
	assert_int_equal(mms_resource_withdraw(db, 999, NULL), MMS_ENOTFOUND);
	/* new results: Сидорова no longer above on 1.3, her skill lapses */
	t_sql(db, "UPDATE deficit_row SET points = 10 WHERE class_id = 3 AND "
	          "skill_id = 3 AND level = 'class';"
	          "UPDATE deficit_row SET points = 40 WHERE level = 'district' "
	          "AND skill_id = 3;"
	          "UPDATE teacher_result SET points = 10, rest_success = 0.4, "
	          "p_above = 0.5, q_above = 1 WHERE teacher_id = 3 AND skill_id = 3");
	assert_int_equal(mms_mentors_find(db, &st), MMS_OK);
	assert_int_equal(st.lapsed, 1);
	assert_int_equal(t_int(db, "SELECT count(*) FROM resource_skill WHERE state = 'lapsed'"),
	                 1);
	mms_db_close(db);
	t_remove(path);
}

static void test_resource_add(void **state)
{
	mms_resource_new r = {0};
	mms_resources *list;
	char *path;
	mms_db *db = t_db(&path);
	int64_t id;

	(void)state;
	fixture(db);
	r.kind = "seminar";
	r.title = "Семинар по дробям";
	r.skills = "1.2, 1.3";
	assert_int_equal(mms_resource_add(db, &r, &id), MMS_OK);
	assert_int_equal(t_int(db, "SELECT count(*) FROM resource_skill WHERE resource_id = "
	                           "(SELECT max(id) FROM resource)"),
	                 2);
	assert_int_equal(t_int(db, "SELECT capacity IS NULL FROM resource WHERE kind = 'seminar'"),
	                 1);
	r.kind = "mentor";
	assert_int_equal(mms_resource_add(db, &r, &id), MMS_EUSAGE); /* no teacher */
	r.teacher = 1;
	assert_int_equal(mms_resource_add(db, &r, &id), MMS_OK);
	assert_int_equal(t_int(db, "SELECT capacity FROM resource WHERE kind = 'mentor'"), 3);
	r.kind = "webinar";
	assert_int_equal(mms_resource_add(db, &r, &id), MMS_EUSAGE);
	r.kind = "course";
	r.skills = "7.7";
	assert_int_equal(mms_resource_add(db, &r, &id), MMS_ENOTFOUND);
	/* a code of two subjects needs the subject */
	t_sql(db,
	      "INSERT INTO subject(id, name, name_key) VALUES (2, 'Русский язык', 'русский язык');"
	      "INSERT INTO skill(subject_id, code, text, kind) VALUES (2, '1.2', 'x', 'subject')");
	r.skills = "1.2";
	r.teacher = 0;
	assert_int_equal(mms_resource_add(db, &r, &id), MMS_EAMBIGUOUS);
	r.subject = "математика";
	assert_int_equal(mms_resource_add(db, &r, &id), MMS_OK);
	assert_int_equal(mms_resources_list(db, NULL, TODAY, &list), MMS_OK);
	assert_int_equal(list->n, 3);
	assert_string_equal(list->r[0].kind, "mentor");
	assert_string_equal(list->r[0].teacher, "Иванова Анна Петровна");
	assert_string_equal(list->r[0].skills, "1.2, 1.3");
	assert_string_equal(list->r[1].kind, "seminar");
	assert_string_equal(list->r[2].kind, "course");
	assert_string_equal(list->year, "2026/2027");
	mms_resources_free(list);
	mms_db_close(db);
	t_remove(path);
}

static void test_catalogue_import(void **state)
{
	mms_catalogue_stats st;
	char *path, *ok, *bad;
	mms_db *db = t_db(&path);

	(void)state;
	fixture(db);
	ok = t_write_str("Программа;Часов;Умения;Провайдер;Формат\n"
	                 "Методика обучения дробям;72;1.2,1.3;КК ИПК;очно\n"
	                 "Текстовые задачи;36;1.4;КК ИПК;дистанционно\n");
	assert_int_equal(mms_resources_import(db, ok, MMS_ENC_AUTO, NULL, NULL, &st), MMS_OK);
	assert_int_equal(st.rows, 2);
	assert_int_equal(st.added, 2);
	assert_int_equal(t_int(db, "SELECT hours FROM resource WHERE title = 'Текстовые задачи'"),
	                 36);
	/* again: updated, not duplicated */
	assert_int_equal(mms_resources_import(db, ok, MMS_ENC_AUTO, NULL, NULL, &st), MMS_OK);
	assert_int_equal(st.updated, 2);
	assert_int_equal(t_int(db, "SELECT count(*) FROM resource"), 2);
	assert_int_equal(t_int(db, "SELECT count(*) FROM resource_skill"), 3);

	bad = t_write_str("Программа;Часов;Умения;Провайдер;Формат\n"
	                  "Новый курс;72;1.2;КК ИПК;очно\n"
	                  "Плохие часы;много;1.2;КК ИПК;очно\n"
	                  "Нет умения;16;9.9;КК ИПК;очно\n");
	{
		char *before = t_dump(db);
		char *after;

		assert_int_equal(mms_resources_import(db, bad, MMS_ENC_AUTO, NULL, NULL, &st),
		                 MMS_EDATA);
		assert_int_equal(mms_diag_count(db), 2);
		assert_non_null(strstr(mms_diag_at(db, 0), ":3: hours 'много'"));
		assert_non_null(strstr(mms_diag_at(db, 1), ":4: no skill '9.9'"));
		after = t_dump(db);
		assert_string_equal(before, after); /* nothing stored */
		free(before);
		free(after);
	}
	t_remove(ok);
	t_remove(bad);
	mms_db_close(db);
	t_remove(path);
}

/* Codes 1.2 and 1.3 in two subjects: --subject, and a line's own Предмет. */
static void test_catalogue_subject(void **state)
{
	mms_catalogue_stats st;
	char *path, *five, *with_subject, *before, *after;
	mms_db *db = t_db(&path);

	(void)state;
	fixture(db);
	t_sql(db,
	      "INSERT INTO subject(id, name, name_key) VALUES (2, 'Русский язык', 'русский язык');"
	      "INSERT INTO skill(id, subject_id, code, text, kind) VALUES "
	      "(12, 2, '1.2', 'Орфография', 'subject'), (13, 2, '1.3', 'Пунктуация', 'subject')");
	/* the contract's five columns, nothing more */
	five = t_write_str("Программа;Часов;Умения;Провайдер;Формат\n"
	                   "Методика обучения дробям;72;1.2,1.3;КК ИПК;очно\n"
	                   "Текстовые задачи;36;1.4;КК ИПК;дистанционно\n");
	before = t_dump(db);
	/* no subject: 1.2 and 1.3 are ambiguous, the line fails; 1.4 alone would pass */
	assert_int_equal(mms_resources_import(db, five, MMS_ENC_AUTO, NULL, NULL, &st), MMS_EDATA);
	assert_int_equal(mms_diag_count(db), 2);
	assert_non_null(strstr(mms_diag_at(db, 0),
	                       ":2: skill '1.2' exists in several subjects (Математика, Русский "
	                       "язык)"));
	assert_non_null(strstr(mms_diag_at(db, 1), ":2: skill '1.3' exists in several subjects"));
	/* a subject that does not exist: nothing read, nothing stored */
	assert_int_equal(mms_resources_import(db, five, MMS_ENC_AUTO, NULL, "Физика", &st),
	                 MMS_ENOTFOUND);
	assert_non_null(strstr(mms_errmsg(db), "no subject 'Физика'"));
	/* Русский язык has no 1.4: every line takes the subject */
	assert_int_equal(mms_resources_import(db, five, MMS_ENC_AUTO, NULL, "Русский язык", &st),
	                 MMS_EDATA);
	assert_int_equal(mms_diag_count(db), 1);
	assert_non_null(strstr(mms_diag_at(db, 0), ":3: no skill '1.4' in subject 'Русский язык'"));
	after = t_dump(db);
	assert_string_equal(before, after);
	free(before);
	free(after);
	/* the subject named as the user types it */
	assert_int_equal(mms_resources_import(db, five, MMS_ENC_AUTO, NULL, "  МАТЕМАТИКА ", &st),
	                 MMS_OK);
	assert_int_equal(st.rows, 2);
	assert_int_equal(st.added, 2);
	assert_int_equal(t_int(db, "SELECT sum(s.skill_id) FROM resource_skill s JOIN resource r "
	                           "ON r.id = s.resource_id WHERE r.title = 'Методика обучения "
	                           "дробям'"),
	                 2 + 3);
	/* a line's own Предмет wins over --subject; an empty one takes it */
	with_subject = t_write_str("Программа;Часов;Умения;Провайдер;Формат;Предмет\n"
	                           "Методика обучения дробям;72;1.2,1.3;КК ИПК;очно;Русский язык\n"
	                           "Текстовые задачи;36;1.4;КК ИПК;дистанционно;\n");
	assert_int_equal(
	    mms_resources_import(db, with_subject, MMS_ENC_AUTO, NULL, "Математика", &st), MMS_OK);
	assert_int_equal(st.updated, 2);
	assert_int_equal(t_int(db, "SELECT sum(s.skill_id) FROM resource_skill s JOIN resource r "
	                           "ON r.id = s.resource_id WHERE r.title = 'Методика обучения "
	                           "дробям'"),
	                 12 + 13);
	assert_int_equal(t_int(db, "SELECT count(*) FROM resource_skill"), 3);
	t_remove(five);
	t_remove(with_subject);
	mms_db_close(db);
	t_remove(path);
}

static mms_iop_set *build(mms_db *db, int dry_run, int64_t teacher)
{
	mms_iop_opts o = {teacher, dry_run, TODAY};
	mms_iop_set *s = NULL;

	assert_int_equal(mms_iop_build(db, &o, &s), MMS_OK);
	return s;
}

static void test_matching_order(void **state)
{
	const mms_iop_item *it;
	mms_iop_set *s;
	char *path;
	mms_db *db = t_db(&path);

	(void)state;
	fixture(db);
	s = build(db, 0, 0);
	assert_int_equal(s->needs, 4);
	assert_int_equal(s->added, 4);
	assert_int_equal(s->n, 2);
	/* by school code, then name: Иванова (edu1), Кузнецов (edu2) */
	assert_string_equal(s->p[0].teacher, "Иванова Анна Петровна");
	assert_string_equal(s->p[0].school, "Школа №1");
	assert_string_equal(s->p[0].year, "2026/2027");
	/* a mentor of her own school */
	it = item_of(s, "Иванова Анна Петровна", "1.2");
	assert_non_null(it);
	assert_string_equal(it->form, "school");
	assert_string_equal(it->mentor, "Петров Пётр Ильич");
	assert_string_equal(it->resource, "Петров Пётр Ильич (Школа №1)");
	assert_string_equal(it->period, "2026/2027");
	assert_string_equal(it->status, "planned");
	assert_string_equal(it->competency, "предметные знания и методика обучения предмету");
	assert_string_equal(it->expected, "success on skill 1.2 in the teacher's classes at the "
	                                  "next assessment ≥ 57 %");
	assert_true(it->is_new);
	/* a mentor of another school: the network */
	it = item_of(s, "Иванова Анна Петровна", "1.3");
	assert_string_equal(it->form, "network");
	assert_string_equal(it->mentor, "Сидорова Мария Ивановна");
	it = item_of(s, "Кузнецов Олег Викторович", "1.2");
	assert_string_equal(it->form, "network");
	assert_string_equal(it->mentor, "Петров Пётр Ильич");
	/* no resource at all: a course to be ordered on the competency */
	it = item_of(s, "Кузнецов Олег Викторович", "1.4");
	assert_string_equal(it->form, "course");
	assert_null(it->mentor);
	assert_null(it->kind);
	assert_string_equal(it->resource, "a course to be ordered: предметные знания и методика "
	                                  "обучения предмету");
	/* items in order of priority */
	assert_string_equal(s->p[1].items[0].skill, "1.4");
	assert_string_equal(s->p[1].items[1].skill, "1.2");
	mms_iop_set_free(s);
	mms_db_close(db);
	t_remove(path);
}

static void test_network_event_and_course(void **state)
{
	mms_resource_new r = {0};
	const mms_iop_item *it;
	mms_iop_set *s;
	char *path;
	mms_db *db = t_db(&path);
	int64_t id;

	(void)state;
	fixture(db);
	/* a course and an РМО on 1.4: the РМО (network) comes before the course */
	r.kind = "course";
	r.title = "Текстовые задачи";
	r.skills = "1.4";
	r.provider = "КК ИПК";
	r.hours = 36;
	assert_int_equal(mms_resource_add(db, &r, &id), MMS_OK);
	r.kind = "rmo";
	r.title = "РМО учителей математики";
	r.provider = NULL;
	r.hours = 0;
	r.period = "ноябрь 2026";
	assert_int_equal(mms_resource_add(db, &r, &id), MMS_OK);
	s = build(db, 0, 0);
	it = item_of(s, "Кузнецов Олег Викторович", "1.4");
	assert_string_equal(it->form, "network");
	assert_string_equal(it->kind, "rmo");
	assert_string_equal(it->resource, "РМО: РМО учителей математики");
	assert_string_equal(it->period, "ноябрь 2026");
	mms_iop_set_free(s);
	/* with the РМО withdrawn, a new need on 1.4 gets the catalogue course */
	assert_int_equal(mms_resource_withdraw(db, id, NULL), MMS_OK);
	t_sql(db, "INSERT INTO hypothesis(teacher_id, skill_id, assessment_id, run_id, n, success, "
	          "rest_n, rest_success, district_success, threshold, p_value, q_value) VALUES "
	          "(2, 4, 1, 1, 25, 0.20, 75, 0.33, 0.30, 0.57, 0.04, 0.04);"
	          "INSERT INTO teacher_event(teacher_id, skill_id, kind, outcome, priority, date) "
	          "VALUES (2, 4, 'observation', 'confirm', NULL, '2026-05-15'),"
	          "(2, 4, 'interview', 'accept', 3, '2026-05-22')");
	s = build(db, 0, 0);
	assert_int_equal(s->added, 1);
	it = item_of(s, "Петров Пётр Ильич", "1.4");
	assert_string_equal(it->form, "course");
	assert_string_equal(it->resource, "course: Текстовые задачи (КК ИПК, 36 h)");
	assert_true(it->is_new);
	/* the earlier item is kept as it was */
	assert_string_equal(item_of(s, "Кузнецов Олег Викторович", "1.4")->kind, "rmo");
	assert_false(item_of(s, "Кузнецов Олег Викторович", "1.4")->is_new);
	mms_iop_set_free(s);
	mms_db_close(db);
	t_remove(path);
}

static void test_capacity(void **state)
{
	mms_mentor_stats st;
	const mms_iop_item *it;
	mms_iop_set *s;
	char *path;
	mms_db *db = t_db(&path);

	(void)state;
	fixture(db);
	assert_int_equal(mms_mentors_find(db, &st), MMS_OK);
	/* Петров takes one mentee a year: Иванова (priority 1) has him */
	t_sql(db, "UPDATE resource SET capacity = 1 WHERE teacher_id = 2");
	s = build(db, 0, 0);
	it = item_of(s, "Иванова Анна Петровна", "1.2");
	assert_string_equal(it->mentor, "Петров Пётр Ильич");
	it = item_of(s, "Кузнецов Олег Викторович", "1.2");
	assert_null(it->mentor);
	assert_string_equal(it->form, "course");
	mms_iop_set_free(s);
	/* a dropped item frees the place for a new need */
	assert_int_equal(t_int(db, "SELECT count(*) FROM iop_item WHERE resource_id = "
	                           "(SELECT id FROM resource WHERE teacher_id = 2)"),
	                 1);
	assert_int_equal(mms_iop_set_status(db, 1, "1.2", NULL, "dropped", "moved", TODAY, NULL),
	                 MMS_OK);
	t_sql(db, "INSERT INTO hypothesis(teacher_id, skill_id, assessment_id, run_id, n, success, "
	          "rest_n, rest_success, district_success, threshold, p_value, q_value) VALUES "
	          "(3, 2, 1, 1, 25, 0.20, 75, 0.33, 0.30, 0.57, 0.04, 0.04);"
	          "INSERT INTO teacher_event(teacher_id, skill_id, kind, outcome, priority, date) "
	          "VALUES (3, 2, 'observation', 'confirm', NULL, '2026-05-15'),"
	          "(3, 2, 'interview', 'accept', 3, '2026-05-22')");
	s = build(db, 0, 0);
	assert_int_equal(s->added, 1);
	/* Кузнецов waited with a course to order: the freed place is his, by priority */
	assert_int_equal(s->replanned, 1);
	assert_int_equal(s->nchanges, 1);
	assert_string_equal(s->changes[0].teacher, "Кузнецов Олег Викторович");
	assert_string_equal(s->changes[0].from, "course");
	assert_string_equal(s->changes[0].to, "network");
	it = item_of(s, "Кузнецов Олег Викторович", "1.2");
	assert_non_null(it->mentor);
	assert_string_equal(it->mentor, "Петров Пётр Ильич");
	it = item_of(s, "Сидорова Мария Ивановна", "1.2");
	assert_non_null(it);
	assert_null(it->mentor);
	assert_string_equal(it->form, "course");
	mms_iop_set_free(s);
	mms_db_close(db);
	t_remove(path);
}

static void test_stable_rerun_and_dry_run(void **state)
{
	mms_iop_set *s;
	char *path, *before, *after;
	mms_db *db = t_db(&path);

	(void)state;
	fixture(db);
	/* a dry run shows the items and stores nothing */
	before = t_dump(db);
	s = build(db, 1, 0);
	assert_int_equal(s->added, 4);
	assert_int_equal(s->n, 2);
	mms_iop_set_free(s);
	after = t_dump(db);
	assert_string_equal(before, after);
	free(before);
	free(after);

	s = build(db, 0, 0);
	mms_iop_set_free(s);
	assert_int_equal(mms_iop_set_status(db, 1, "1.3", NULL, "in-progress", NULL, TODAY, NULL),
	                 MMS_OK);
	before = t_dump(db);
	s = build(db, 0, 0);
	assert_int_equal(s->added, 0);
	assert_int_equal(s->kept, 4);
	assert_string_equal(item_of(s, "Иванова Анна Петровна", "1.3")->status, "in-progress");
	assert_false(item_of(s, "Иванова Анна Петровна", "1.3")->is_new);
	mms_iop_set_free(s);
	after = t_dump(db);
	assert_string_equal(before, after);
	free(before);
	free(after);

	/* one teacher only */
	s = build(db, 1, 4);
	assert_int_equal(s->n, 1);
	assert_string_equal(s->p[0].teacher, "Кузнецов Олег Викторович");
	assert_int_equal(s->needs, 2);
	mms_iop_set_free(s);
	mms_db_close(db);
	t_remove(path);
}

static void test_set_status(void **state)
{
	const char *old = NULL;
	mms_iop_set *s;
	char *path;
	mms_db *db = t_db(&path);

	(void)state;
	fixture(db);
	s = build(db, 0, 0);
	mms_iop_set_free(s);
	assert_int_equal(
	    mms_iop_set_status(db, 1, "1.2", NULL, "in-progress", "started", TODAY, &old), MMS_OK);
	assert_string_equal(old, "planned");
	assert_int_equal(mms_iop_set_status(db, 1, "1.2", NULL, "done", NULL, "2027-03-01", &old),
	                 MMS_OK);
	assert_string_equal(old, "in-progress");
	/* done is final */
	assert_int_equal(mms_iop_set_status(db, 1, "1.2", NULL, "planned", NULL, TODAY, &old),
	                 MMS_EDATA);
	assert_int_equal(mms_iop_set_status(db, 1, "1.2", NULL, "done", NULL, TODAY, &old),
	                 MMS_EDATA);
	assert_int_equal(mms_iop_set_status(db, 1, "1.2", NULL, "finished", NULL, TODAY, &old),
	                 MMS_EUSAGE);
	assert_int_equal(mms_iop_set_status(db, 1, "1.4", NULL, "done", NULL, TODAY, &old),
	                 MMS_ENOTFOUND);
	/* dropped → planned is allowed */
	assert_int_equal(mms_iop_set_status(db, 1, "1.3", NULL, "dropped", NULL, TODAY, &old),
	                 MMS_OK);
	assert_int_equal(mms_iop_set_status(db, 1, "1.3", NULL, "planned", NULL, TODAY, &old),
	                 MMS_OK);
	/* the history: planned (built), in-progress, done for 1.2 */
	assert_int_equal(t_int(db, "SELECT count(*) FROM iop_status s JOIN iop_item i ON "
	                           "i.id = s.item_id JOIN iop o ON o.id = i.iop_id "
	                           "WHERE i.skill_id = 2 AND o.teacher_id = 1"),
	                 3);
	assert_int_equal(t_int(db, "SELECT count(*) FROM iop_status WHERE note = 'started' AND "
	                           "date = '2026-05-25'"),
	                 1);
	mms_db_close(db);
	t_remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_school_year),
	    cmocka_unit_test(test_steps),
	    cmocka_unit_test(test_steps_recorded),
	    cmocka_unit_test(test_mentors_found),
	    cmocka_unit_test(test_withdraw_and_lapse),
	    cmocka_unit_test(test_resource_add),
	    cmocka_unit_test(test_catalogue_import),
	    cmocka_unit_test(test_catalogue_subject),
	    cmocka_unit_test(test_matching_order),
	    cmocka_unit_test(test_network_event_and_course),
	    cmocka_unit_test(test_capacity),
	    cmocka_unit_test(test_stable_rerun_and_dry_run),
	    cmocka_unit_test(test_set_status),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
