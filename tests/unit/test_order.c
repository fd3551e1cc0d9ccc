/* The targeted order: course items grouped into lines, justified, frozen when sent. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "mms/iop.h"
#include "iop_fixture.h"

/* The fixture with the mentors withdrawn and a catalogue course on 1.2 and 1.3:
   Иванова 1.2, 1.3 and Кузнецов 1.2 get the course, Кузнецов 1.4 a course to be ordered. */
static mms_db *courses_only(char **path)
{
	mms_db *db = t_db(path);
	mms_mentor_stats st;
	mms_catalogue_stats cs;
	mms_iop_opts o = {0, 0, TODAY};
	mms_iop_set *s;
	char *cat;

	fixture(db);
	assert_int_equal(mms_mentors_find(db, &st), MMS_OK);
	assert_int_equal(st.found, 2);
	t_sql(db, "UPDATE resource SET withdrawn = '2026-05-24' WHERE origin = 'data'");
	cat = t_write_str("Программа;Часов;Умения;Провайдер;Формат\n"
	                  "Методика обучения дробям и геометрии;72;1.2,1.3;КК ИПК;очно\n");
	assert_int_equal(mms_resources_import(db, cat, MMS_ENC_AUTO, NULL, NULL, &cs), MMS_OK);
	t_remove(cat);
	assert_int_equal(mms_iop_build(db, &o, &s), MMS_OK);
	assert_int_equal(s->added, 4);
	mms_iop_set_free(s);
	return db;
}

static void test_lines(void **state)
{
	mms_order *o;
	char *path;
	mms_db *db = courses_only(&path);
	const mms_order_line *l;

	(void)state;
	assert_int_equal(mms_order_build(db, 0, TODAY, &o), MMS_OK);
	assert_int_equal(o->id, 0);
	assert_string_equal(o->state, "draft");
	assert_int_equal(o->n, 2);
	/* the catalogue course first, its three items */
	l = &o->lines[0];
	assert_string_equal(l->programme, "Методика обучения дробям и геометрии");
	assert_string_equal(l->provider, "КК ИПК");
	assert_int_equal(l->hours, 72);
	assert_string_equal(l->skills, "1.2, 1.3");
	assert_string_equal(l->competency, "предметные знания и методика обучения предмету");
	assert_int_equal(l->nteachers, 3);
	assert_int_equal(l->count, 2); /* two teachers */
	assert_string_equal(l->teachers[0].teacher, "Иванова Анна Петровна");
	assert_string_equal(l->teachers[0].school, "Школа №1");
	assert_string_equal(l->teachers[0].skill, "1.2");
	assert_string_equal(l->teachers[1].skill, "1.3");
	assert_string_equal(l->teachers[2].teacher, "Кузнецов Олег Викторович");
	assert_string_equal(
	    l->justification,
	    "Иванова Анна Петровна: 5А, n=25: 30 % vs district 54 %, ВПР vpr-2026-math-5, "
	    "skill 1.2 — confirmed by observation 12.05.2026; "
	    "Иванова Анна Петровна: 5А, n=25: 35 % vs district 51 %, ВПР vpr-2026-math-5, "
	    "skill 1.3 — confirmed by observation 13.05.2026; "
	    "Кузнецов Олег Викторович: 5Б, n=25: 40 % vs district 54 %, ВПР vpr-2026-math-5, "
	    "skill 1.2 — confirmed by observation 14.05.2026");
	/* no catalogue course on 1.4: a line by competency */
	l = &o->lines[1];
	assert_string_equal(
	    l->programme,
	    "to be designed: предметные знания и методика обучения предмету (Математика)");
	assert_null(l->provider);
	assert_int_equal(l->hours, 0);
	assert_int_equal(l->count, 1);
	assert_string_equal(l->justification,
	                    "Кузнецов Олег Викторович: 5Б, n=25: 20 % vs district 30 %, ВПР "
	                    "vpr-2026-math-5, skill 1.4 — confirmed by observation 14.05.2026");
	mms_order_free(o);
	mms_db_close(db);
	t_remove(path);
}

static void test_every_line_justified(void **state)
{
	mms_order *o;
	char *path;
	mms_db *db = courses_only(&path);

	(void)state;
	/* several classes, only the class-specific ones named; no observation date kept */
	t_sql(db, "INSERT INTO hypothesis_class VALUES (1, 2, 20, 0.55, 0);"
	          "UPDATE hypothesis_class SET n = 20, success = 0.25 WHERE hypothesis_id = 3");
	assert_int_equal(mms_order_build(db, 0, TODAY, &o), MMS_OK);
	for (size_t i = 0; i < o->n; i++)
		assert_true(o->lines[i].justification && o->lines[i].justification[0]);
	assert_non_null(
	    strstr(o->lines[0].justification, "Иванова Анна Петровна: 5А, n=25: 30 % vs district"));
	assert_null(strstr(o->lines[0].justification, "5Б, n=20"));
	assert_non_null(strstr(o->lines[1].justification, "5Б, n=20: 25 %"));
	mms_order_free(o);
	mms_db_close(db);
	t_remove(path);
}

static void test_dropped_not_ordered(void **state)
{
	mms_order *o;
	char *path;
	mms_db *db = courses_only(&path);

	(void)state;
	assert_int_equal(mms_iop_set_status(db, 4, "1.4", NULL, "dropped", NULL, TODAY, NULL),
	                 MMS_OK);
	assert_int_equal(mms_order_build(db, 0, TODAY, &o), MMS_OK);
	assert_int_equal(o->n, 1);
	mms_order_free(o);
	mms_db_close(db);
	t_remove(path);
}

static void test_send_freezes(void **state)
{
	mms_order *o;
	char *path;
	mms_db *db = courses_only(&path);
	mms_iop_opts opts = {0, 0, TODAY};
	mms_iop_set *s;

	(void)state;
	assert_int_equal(mms_order_build(db, 1, "2026-06-01", &o), MMS_OK);
	assert_int_equal(o->id, 1);
	assert_string_equal(o->state, "sent");
	assert_string_equal(o->date, "2026-06-01");
	assert_int_equal(o->n, 2);
	mms_order_free(o);
	assert_int_equal(t_int(db, "SELECT count(*) FROM order_line WHERE order_id = 1"), 2);
	assert_int_equal(t_int(db, "SELECT count(*) FROM order_line_teacher"), 4);
	/* what is stored is the evidence, a fact a line; the words are made when printed */
	assert_int_equal(
	    t_int(db, "SELECT count(*) FROM order_line WHERE justification LIKE 'T' || char(9) || "
	              "'%' AND justification LIKE '%' || char(10) || 'H' || char(9) || '%'"),
	    2);
	assert_int_equal(mms_order_load(db, 1, &o), MMS_OK);
	assert_non_null(
	    strstr(o->lines[0].justification, "Иванова Анна Петровна: 5А, n=25: 30 % vs district"));
	assert_null(strchr(o->lines[0].justification, '\t'));
	mms_order_free(o);
	/* a sent order never changes, not even by hand */
	assert_int_not_equal(
	    sqlite3_exec(db->sql, "UPDATE order_line SET count = 9", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db->sql, "DELETE FROM training_order", NULL, NULL, NULL),
	                     SQLITE_OK);

	/* the draft is empty now; sending it again sends nothing */
	assert_int_equal(mms_order_build(db, 1, "2026-06-02", &o), MMS_OK);
	assert_int_equal(o->n, 0);
	assert_int_equal(o->id, 0);
	assert_int_equal(o->sent_before, 1);
	mms_order_free(o);
	assert_int_equal(t_int(db, "SELECT count(*) FROM training_order"), 1);

	/* a new need goes into a new draft; the sent order stays as it was */
	t_sql(db, "INSERT INTO hypothesis(teacher_id, skill_id, assessment_id, run_id, n, success, "
	          "rest_n, rest_success, district_success, threshold, p_value, q_value) VALUES "
	          "(3, 2, 1, 1, 25, 0.20, 75, 0.33, 0.30, 0.57, 0.04, 0.04);"
	          "INSERT INTO teacher_event(teacher_id, skill_id, kind, outcome, priority, date) "
	          "VALUES (3, 2, 'observation', 'confirm', NULL, '2026-05-15'),"
	          "(3, 2, 'interview', 'accept', 3, '2026-05-22')");
	assert_int_equal(mms_iop_build(db, &opts, &s), MMS_OK);
	assert_int_equal(s->added, 1);
	mms_iop_set_free(s);
	assert_int_equal(mms_order_build(db, 0, TODAY, &o), MMS_OK);
	assert_int_equal(o->n, 1);
	assert_int_equal(o->lines[0].nteachers, 1);
	assert_string_equal(o->lines[0].teachers[0].teacher, "Сидорова Мария Ивановна");
	mms_order_free(o);
	assert_int_equal(t_int(db, "SELECT count(*) FROM order_line_teacher"), 4);
	assert_int_equal(t_int(db, "SELECT sum(count) FROM order_line WHERE order_id = 1"), 3);
	mms_db_close(db);
	t_remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lines),
	    cmocka_unit_test(test_every_line_justified),
	    cmocka_unit_test(test_dropped_not_ordered),
	    cmocka_unit_test(test_send_freezes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
