/*
 * A skill code of several subjects: observations, interviews and programme
 * items of a primary-school teacher whose hypotheses are on skill 1.1 of
 * Математика and on 1.1 of Русский язык, told apart by the subject's name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "mms/iop.h"
#include "mms/teachers.h"

#define TODAY "2026-10-20"
static const char AMBIGUOUS[] = "skill '1.1' is a skill of several subjects of this teacher: "
                                "Математика, Русский язык (give --subject)";

/*
 * Two schools (1 'edu001', 2 'edu002'); the subjects 1 Математика,
 * 2 Русский язык, 3 Литературное чтение; the assessments 1 (Математика, 4th
 * grade) and 2 (Русский язык), each with a classification run; the skills
 *   1 '1.1' Математика    2 '1.1' Русский язык    3 '2.1' Математика
 *   4 '1.1' Литературное чтение
 * and the teachers 1 Сидорова Мария Ивановна (edu001), with hypotheses on
 * skills 1, 2 and 3, and 2 Сидорова Ольга Петровна (edu002), with a
 * hypothesis on skill 2 only.
 */
static mms_db *primary(char **path)
{
	mms_db *db = t_db(path);

	t_sql(
	    db,
	    "INSERT INTO school(id, code, name, name_key) VALUES "
	    "(1, 'edu001', 'Первая СОШ', 'первая сош'), (2, 'edu002', 'Вторая ООШ', 'вторая оош');"
	    "INSERT INTO subject(id, name, name_key) VALUES (1, 'Математика', 'математика'),"
	    "(2, 'Русский язык', 'русский язык'), (3, 'Литературное чтение', "
	    "'литературное чтение');"
	    "INSERT INTO teacher(id, school_id, full_name, name_key) VALUES "
	    "(1, 1, 'Сидорова Мария Ивановна', 'сидорова мария ивановна'),"
	    "(2, 2, 'Сидорова Ольга Петровна', 'сидорова ольга петровна');"
	    "INSERT INTO assessment(id, code, kind, subject_id, grade, date) VALUES "
	    "(1, 'vpr-m4', 'ВПР', 1, 4, '2026-04-15'), (2, 'vpr-r4', 'ВПР', 2, 4, '2026-04-17');"
	    "INSERT INTO skill(id, subject_id, code, text, kind) VALUES "
	    "(1, 1, '1.1', 'Счёт', 'subject'), (2, 2, '1.1', 'Орфография', 'subject'),"
	    "(3, 1, '2.1', 'Задачи', 'subject'), (4, 3, '1.1', 'Чтение вслух', 'subject');"
	    "INSERT INTO deficit_run(id, assessment_id, threshold_version) VALUES (1, 1, 1),"
	    "(2, 2, 1);"
	    "INSERT INTO hypothesis(teacher_id, skill_id, assessment_id, run_id, n, success, "
	    "rest_n, rest_success, district_success, threshold, p_value, q_value) VALUES "
	    "(1, 1, 1, 1, 25, 0.40, 100, 0.70, 0.64, 0.57, 0.001, 0.004),"
	    "(1, 2, 2, 2, 25, 0.35, 100, 0.66, 0.60, 0.57, 0.002, 0.004),"
	    "(1, 3, 1, 1, 25, 0.30, 100, 0.61, 0.55, 0.57, 0.003, 0.006),"
	    "(2, 2, 2, 2, 24, 0.38, 101, 0.65, 0.60, 0.57, 0.004, 0.008);");
	return db;
}

/* The status of TEACHER's skill SKILL (an id) in teacher_skill_status. */
static const char *status(mms_db *db, int teacher, int skill)
{
	return t_text(db,
	              "SELECT status FROM teacher_skill_status WHERE teacher_id = %d AND "
	              "skill_id = %d",
	              teacher, skill);
}

static int event(mms_db *db, int teacher, const char *skill, const char *subject,
                 enum mms_event_kind kind, enum mms_event_outcome outcome, const char **result)
{
	mms_event ev = {.teacher = teacher,
	                .skill = skill,
	                .subject = subject,
	                .kind = kind,
	                .outcome = outcome,
	                .date = "2026-10-05"};

	return mms_teacher_event_add(db, &ev, result);
}

/* A refused event: the error and its message, and the database as it was. */
static void refused(mms_db *db, int teacher, const char *skill, const char *subject,
                    enum mms_event_kind kind, enum mms_event_outcome outcome, int want_rc,
                    const char *want_msg)
{
	char *before = t_dump(db), *after;
	int rc = event(db, teacher, skill, subject, kind, outcome, NULL);

	if (rc != want_rc)
		fail_msg("%s / %s: %d %s, want %d", skill, subject ? subject : "(any)", rc,
		         mms_errmsg(db), want_rc);
	assert_string_equal(mms_errmsg(db), want_msg);
	after = t_dump(db);
	assert_string_equal(after, before);
	free(before);
	free(after);
}

static void test_ambiguous_without_subject(void **state)
{
	char *path;
	mms_db *db = primary(&path);

	(void)state;
	refused(db, 1, "1.1", NULL, MMS_OBSERVATION, MMS_CONFIRM, MMS_EAMBIGUOUS, AMBIGUOUS);
	refused(db, 1, "1.1", NULL, MMS_OBSERVATION, MMS_REJECT, MMS_EAMBIGUOUS, AMBIGUOUS);
	/* ambiguity comes before the status machine: an interview says the same */
	refused(db, 1, "1.1", NULL, MMS_INTERVIEW, MMS_ACCEPT, MMS_EAMBIGUOUS, AMBIGUOUS);
	assert_int_equal(t_int(db, "SELECT count(*) FROM teacher_event"), 0);
	/* a code of one of the teacher's subjects needs no subject */
	assert_int_equal(event(db, 1, "2.1", NULL, MMS_OBSERVATION, MMS_CONFIRM, NULL), MMS_OK);
	assert_string_equal(status(db, 1, 3), "confirmed");
	/* another teacher has 1.1 in one subject only */
	assert_int_equal(event(db, 2, "1.1", NULL, MMS_OBSERVATION, MMS_REJECT, NULL), MMS_OK);
	assert_string_equal(status(db, 2, 2), "rejected");
	assert_string_equal(status(db, 1, 2), "hypothesis");
	mms_db_close(db);
	t_remove(path);
}

static void test_with_subject(void **state)
{
	char *path;
	mms_db *db = primary(&path);
	const char *result = NULL;

	(void)state;
	/* each subject's skill gets its own status */
	assert_int_equal(event(db, 1, "1.1", "Математика", MMS_OBSERVATION, MMS_CONFIRM, &result),
	                 MMS_OK);
	assert_string_equal(result, "confirmed");
	assert_string_equal(status(db, 1, 1), "confirmed");
	assert_string_equal(status(db, 1, 2), "hypothesis");
	/* the name is matched like other names: case and spaces do not matter */
	assert_int_equal(
	    event(db, 1, "1.1", "  русский   ЯЗЫК", MMS_OBSERVATION, MMS_REJECT, &result), MMS_OK);
	assert_string_equal(result, "rejected");
	assert_string_equal(status(db, 1, 1), "confirmed");
	assert_string_equal(status(db, 1, 2), "rejected");
	assert_int_equal(t_int(db, "SELECT count(*) FROM teacher_event WHERE teacher_id = 1 AND "
	                           "skill_id = 1"),
	                 1);
	assert_int_equal(t_int(db, "SELECT count(*) FROM teacher_event WHERE teacher_id = 1 AND "
	                           "skill_id = 2"),
	                 1);
	/* the interview, too: the confirmed Математика 1.1 becomes a need */
	assert_int_equal(event(db, 1, "1.1", "математика", MMS_INTERVIEW, MMS_ACCEPT, &result),
	                 MMS_OK);
	assert_string_equal(result, "need");
	assert_string_equal(status(db, 1, 1), "need");
	/* the status machine is the subject's skill's: Русский язык 1.1 was rejected */
	refused(db, 1, "1.1", "Русский язык", MMS_INTERVIEW, MMS_ACCEPT, MMS_EDATA,
	        "skill '1.1' is a rejected hypothesis, not a deficit confirmed by a lesson "
	        "observation: observe first (mms observe --confirm)");
	assert_string_equal(status(db, 1, 2), "rejected");
	/* still ambiguous without the subject */
	refused(db, 1, "1.1", NULL, MMS_INTERVIEW, MMS_DECLINE, MMS_EAMBIGUOUS, AMBIGUOUS);
	/* a code of one subject, with that subject */
	assert_int_equal(event(db, 1, "2.1", "Математика", MMS_OBSERVATION, MMS_REJECT, &result),
	                 MMS_OK);
	assert_string_equal(status(db, 1, 3), "rejected");
	mms_db_close(db);
	t_remove(path);
}

static void test_subject_errors(void **state)
{
	char *path;
	mms_db *db = primary(&path);

	(void)state;
	refused(db, 1, "1.1", "Физика", MMS_OBSERVATION, MMS_CONFIRM, MMS_ENOTFOUND,
	        "unknown subject 'Физика'");
	/* a subject without the teacher's hypothesis on the code (ё/е do not matter; the
	   message gives the subject's name as stored) */
	refused(db, 1, "1.1", "ЛИТЕРАТУРНОЁ ЧТЕНИЕ", MMS_OBSERVATION, MMS_CONFIRM, MMS_EDATA,
	        "the teacher has no hypothesis on skill '1.1' of subject 'Литературное чтение' "
	        "(see mms map-to-teacher)");
	refused(db, 1, "2.1", "Русский язык", MMS_OBSERVATION, MMS_CONFIRM, MMS_EDATA,
	        "the teacher has no hypothesis on skill '2.1' of subject 'Русский язык' (see mms "
	        "map-to-teacher)");
	refused(db, 2, "1.1", "Математика", MMS_OBSERVATION, MMS_CONFIRM, MMS_EDATA,
	        "the teacher has no hypothesis on skill '1.1' of subject 'Математика' (see mms "
	        "map-to-teacher)");
	/* without a subject, the message as before */
	refused(db, 1, "3.1", NULL, MMS_OBSERVATION, MMS_CONFIRM, MMS_EDATA,
	        "the teacher has no hypothesis on skill '3.1' (see mms map-to-teacher)");
	assert_int_equal(t_int(db, "SELECT count(*) FROM teacher_event"), 0);
	mms_db_close(db);
	t_remove(path);
}

/*
 * The programmes: teacher 1's of 2025/2026 (Русский язык 1.1, done) and of
 * 2026/2027 (Математика 1.1, Русский язык 1.1, Математика 2.1, planned);
 * teacher 2's of 2025/2026 (Математика 1.1) and of 2026/2027 (Русский язык
 * 1.1): a code of several subjects in different years.
 */
static void programmes(mms_db *db)
{
	t_sql(db, "INSERT INTO iop(id, teacher_id, year) VALUES (1, 1, '2025/2026'),"
	          "(2, 1, '2026/2027'), (3, 2, '2025/2026'), (4, 2, '2026/2027');"
	          "INSERT INTO iop_item(id, iop_id, skill_id, competency_area, competency, form, "
	          "period, threshold, status) VALUES "
	          "(1, 1, 2, 'предметная', 'методика', 'course', '2025/2026', 0.57, 'done'),"
	          "(2, 2, 1, 'предметная', 'методика', 'school', '2026/2027', 0.57, 'planned'),"
	          "(3, 2, 2, 'предметная', 'методика', 'school', '2026/2027', 0.57, 'planned'),"
	          "(4, 2, 3, 'предметная', 'методика', 'network', '2026/2027', 0.57, 'planned'),"
	          "(5, 3, 1, 'предметная', 'методика', 'course', '2025/2026', 0.57, 'planned'),"
	          "(6, 4, 2, 'предметная', 'методика', 'course', '2026/2027', 0.57, 'planned');");
}

#define ITEM(db, id) t_text(db, "SELECT status FROM iop_item WHERE id = %d", id)

/* A refused change: the error and its message, and the database as it was. */
static void refused_status(mms_db *db, int teacher, const char *skill, const char *subject,
                           const char *to, int want_rc, const char *want_msg)
{
	char *before = t_dump(db), *after;
	const char *old = NULL;
	int rc = mms_iop_set_status(db, teacher, skill, subject, to, NULL, TODAY, &old);

	if (rc != want_rc)
		fail_msg("%s / %s: %d %s, want %d", skill, subject ? subject : "(any)", rc,
		         mms_errmsg(db), want_rc);
	assert_string_equal(mms_errmsg(db), want_msg);
	after = t_dump(db);
	assert_string_equal(after, before);
	free(before);
	free(after);
}

static void test_set_status_subject(void **state)
{
	char *path;
	mms_db *db = primary(&path);
	const char *old = NULL;

	(void)state;
	programmes(db);
	/* without a subject: ambiguous, nothing changed */
	refused_status(db, 1, "1.1", NULL, "in-progress", MMS_EAMBIGUOUS, AMBIGUOUS);
	/* ambiguous too when the subjects are in programmes of different years */
	refused_status(db, 2, "1.1", NULL, "dropped", MMS_EAMBIGUOUS, AMBIGUOUS);
	/* each subject's item */
	assert_int_equal(
	    mms_iop_set_status(db, 1, "1.1", "Математика", "in-progress", "начали", TODAY, &old),
	    MMS_OK);
	assert_string_equal(old, "planned");
	assert_string_equal(ITEM(db, 2), "in-progress");
	assert_string_equal(ITEM(db, 3), "planned");
	/* the latest programme that has the subject's skill: 2026/2027, not the done item */
	assert_int_equal(
	    mms_iop_set_status(db, 1, "1.1", "РУССКИЙ  язык", "dropped", NULL, TODAY, &old),
	    MMS_OK);
	assert_string_equal(old, "planned");
	assert_string_equal(ITEM(db, 3), "dropped");
	assert_string_equal(ITEM(db, 1), "done");
	assert_string_equal(ITEM(db, 2), "in-progress");
	assert_int_equal(t_int(db, "SELECT count(*) FROM iop_status"), 2);
	assert_string_equal(t_text(db, "SELECT item_id || ' ' || status || ' ' || note || ' ' || "
	                               "date FROM iop_status ORDER BY id LIMIT 1"),
	                    "2 in-progress начали 2026-10-20");
	/* teacher 2: the items of different years, each by its subject */
	assert_int_equal(
	    mms_iop_set_status(db, 2, "1.1", "Русский язык", "done", NULL, TODAY, &old), MMS_OK);
	assert_string_equal(ITEM(db, 6), "done");
	assert_string_equal(ITEM(db, 5), "planned");
	assert_int_equal(
	    mms_iop_set_status(db, 2, "1.1", "Математика", "dropped", NULL, TODAY, &old), MMS_OK);
	assert_string_equal(ITEM(db, 5), "dropped");
	/* a code of one subject needs none */
	assert_int_equal(mms_iop_set_status(db, 1, "2.1", NULL, "done", NULL, TODAY, &old), MMS_OK);
	assert_string_equal(ITEM(db, 4), "done");
	/* the rules still hold for the subject's item */
	refused_status(db, 1, "1.1", "Русский язык", "done", MMS_EDATA,
	               "an item that is 'dropped' cannot become 'done'");
	/* errors */
	refused_status(db, 1, "1.1", "Физика", "done", MMS_ENOTFOUND, "unknown subject 'Физика'");
	refused_status(db, 1, "1.1", "литературное чтение", "done", MMS_ENOTFOUND,
	               "the teacher's programme has no item on skill '1.1' of subject "
	               "'Литературное чтение'");
	refused_status(db, 1, "2.1", "Русский язык", "done", MMS_ENOTFOUND,
	               "the teacher's programme has no item on skill '2.1' of subject "
	               "'Русский язык'");
	refused_status(db, 1, "3.1", NULL, "done", MMS_ENOTFOUND,
	               "the teacher's programme has no item on skill '3.1'");
	mms_db_close(db);
	t_remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ambiguous_without_subject),
	    cmocka_unit_test(test_with_subject),
	    cmocka_unit_test(test_subject_errors),
	    cmocka_unit_test(test_set_status_subject),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
