/* Importing an assessment's description: tasks, maximum scores, levels, skills. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "mms/spec.h"
#include "spec/spec_internal.h"

#define HEADER "Задание;Макс. балл;Уровень;Код умения;Проверяемое умение;Вид умения\n"

static const char spec1[] =
    "ВПР. Математика. 5 класс. Описание проверочной работы\n"
    "\n" HEADER "1;1;Б;1.1;Оперировать понятием натуральное число;предметное\n"
    "2;2;базовый;1.2, 1.3;Сравнивать дроби;Предметные\n"
    "3.1;0,5;П;7.5.2;Извлекать информацию из текста;Функциональная грамотность "
    "(читательская)\n"
    "4К1;2;В;УУД1;Планировать решение;Регулятивные УУД\n"
    "5;1;б;М1;Устанавливать закономерности;метапредметное\n";

struct fx {
	mms_db *db;
	char *dbpath;
	char *files[4];
	int nfiles;
	mms_spec_opts o;
	mms_spec_stats st;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	f->db = t_db(&f->dbpath);
	f->o.assessment = "vpr-2026-math-5";
	f->o.subject = "Математика";
	f->o.grade = 5;
	f->o.date = "2026-04-15";
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	for (int i = 0; i < f->nfiles; i++)
		t_remove(f->files[i]);
	mms_db_close(f->db);
	t_remove(f->dbpath);
	free(f);
	return 0;
}

static const char *file(struct fx *f, const char *text)
{
	assert_true(f->nfiles < 4);
	f->files[f->nfiles] = t_write_str(text);
	return f->files[f->nfiles++];
}

static int import(struct fx *f, const char *path)
{
	return mms_spec_import(f->db, &f->o, path, &f->st);
}

static void assert_has_diag(mms_db *db, const char *path, long line, const char *what)
{
	char prefix[4200];

	if (line > 0)
		snprintf(prefix, sizeof(prefix), "%s:%ld: ", path, line);
	else
		snprintf(prefix, sizeof(prefix), "%s: ", path);
	for (size_t i = 0; i < mms_diag_count(db); i++) {
		const char *d = mms_diag_at(db, i);

		if (strncmp(d, prefix, strlen(prefix)) == 0 && strstr(d, what))
			return;
	}
	for (size_t i = 0; i < mms_diag_count(db); i++)
		print_error("diagnostic: %s\n", mms_diag_at(db, i));
	fail_msg("no diagnostic '%s…%s…'", prefix, what);
}

static long long q(struct fx *f, const char *sql)
{
	return t_int(f->db, sql);
}

static void test_import(void **state)
{
	struct fx *f = *state;

	assert_int_equal(import(f, file(f, spec1)), MMS_OK);
	assert_int_equal(mms_diag_count(f->db), 0);
	assert_int_equal(f->st.tasks, 5);
	assert_int_equal(f->st.skills, 6);
	assert_float_equal(f->st.max_total, 6.5, 1e-9);
	assert_int_equal(f->st.created, 1);

	assert_int_equal(q(f, "SELECT count(*) FROM assessment WHERE code = 'vpr-2026-math-5' "
	                      "AND kind = 'ВПР' AND grade = 5 AND date = '2026-04-15' AND "
	                      "subject_id = (SELECT id FROM subject WHERE name = 'Математика')"),
	                 1);
	assert_int_equal(q(f, "SELECT count(*) FROM task"), 5);
	assert_int_equal(q(f, "SELECT count(*) FROM skill"), 6);
	assert_int_equal(q(f, "SELECT count(*) FROM task_skill"), 6);
	/* levels */
	assert_int_equal(q(f, "SELECT count(*) FROM task WHERE (label, level, position) IN "
	                      "(VALUES ('1', 'Б', 1), ('2', 'Б', 2), ('3.1', 'П', 3), "
	                      "('4К1', 'В', 4), ('5', 'Б', 5))"),
	                 5);
	assert_int_equal(q(f, "SELECT max_score * 10 FROM task WHERE label = '3.1'"), 5);
	assert_int_equal(q(f, "SELECT sum(max_score) * 10 FROM task"), 65);
	/* two codes in one cell: two skills of task 2 */
	assert_int_equal(q(f, "SELECT count(*) FROM task_skill ts JOIN task t ON t.id = "
	                      "ts.task_id JOIN skill s ON s.id = ts.skill_id WHERE t.label = '2' "
	                      "AND s.code IN ('1.2', '1.3')"),
	                 2);
	/* kinds */
	assert_int_equal(q(f, "SELECT count(*) FROM skill WHERE (code, kind) IN (VALUES "
	                      "('1.1', 'subject'), ('1.2', 'subject'), ('1.3', 'subject'), "
	                      "('7.5.2', 'literacy'), ('УУД1', 'meta'), ('М1', 'meta'))"),
	                 6);
	assert_int_equal(q(f, "SELECT count(*) FROM skill WHERE code = 'УУД1' AND kind_text = "
	                      "'Регулятивные УУД' AND text = 'Планировать решение'"),
	                 1);
	assert_int_equal(sqlite3_get_autocommit(f->db->sql), 1);
}

static void test_reimport_updates(void **state)
{
	struct fx *f = *state;

	assert_int_equal(import(f, file(f, spec1)), MMS_OK);
	f->o.kind = "КДР";
	f->o.date = NULL;
	f->o.codes = "ВПР-5"; /* the same code system as before: the same skills */
	assert_int_equal(import(f, file(f, HEADER "1;2;П;1.1;;\n"
	                                          "2;2;Б;1.3;Сравнивать дроби;\n"
	                                          "3.1;1;П;7.5.2;Извлекать;читательская "
	                                          "грамотность\n"
	                                          "4к1;2;В;УУД1;Планировать;УУД\n")),
	                 MMS_OK);
	assert_int_equal(f->st.created, 0);
	assert_int_equal(f->st.tasks, 4);
	assert_float_equal(f->st.max_total, 7, 1e-9);
	assert_int_equal(q(f, "SELECT count(*) FROM assessment"), 1);
	/* the date is kept when not given again; the kind changes */
	assert_int_equal(q(f, "SELECT count(*) FROM assessment WHERE kind = 'КДР' AND date = "
	                      "'2026-04-15'"),
	                 1);
	/* task 5 is dropped, with its skill links */
	assert_int_equal(q(f, "SELECT count(*) FROM task"), 4);
	assert_int_equal(q(f, "SELECT count(*) FROM task WHERE label = '5'"), 0);
	assert_int_equal(q(f, "SELECT count(*) FROM task_skill"), 4);
	assert_int_equal(q(f, "SELECT max_score FROM task WHERE label = '1'"), 2);
	assert_int_equal(q(f, "SELECT count(*) FROM task WHERE label = '1' AND level = 'П'"), 1);
	/* task 2 now checks 1.3 only */
	assert_int_equal(q(f, "SELECT count(*) FROM task_skill ts JOIN task t ON t.id = "
	                      "ts.task_id WHERE t.label = '2'"),
	                 1);
	/* an empty skill text keeps the one known */
	assert_int_equal(q(f, "SELECT count(*) FROM skill WHERE code = '1.1' AND text = "
	                      "'Оперировать понятием натуральное число'"),
	                 1);
	/* 4к1 is 4К1: matched by key, relabelled */
	assert_int_equal(q(f, "SELECT count(*) FROM task WHERE label = '4к1'"), 1);
	assert_int_equal(q(f, "SELECT count(*) FROM skill"), 6);
}

static void test_duplicate_task(void **state)
{
	struct fx *f = *state;
	const char *path;
	char *before, *after;

	assert_int_equal(import(f, file(f, spec1)), MMS_OK);
	before = t_dump(f->db);
	path = file(f, HEADER "1;1;Б;1.1;a;\n"
	                      "2;1;Б;1.2;b;\n"
	                      " 1 ;2;П;1.3;c;\n");
	assert_int_equal(import(f, path), MMS_EDATA);
	assert_has_diag(f->db, path, 4, "task '1' appears twice");
	assert_non_null(strstr(mms_errmsg(f->db), "nothing was imported"));
	after = t_dump(f->db);
	assert_string_equal(after, before);
	free(before);
	free(after);
}

static void test_bad_values(void **state)
{
	struct fx *f = *state;
	const char *path;
	char *before, *after;

	before = t_dump(f->db);
	path = file(f, HEADER "1;1;Б;1.1;a;\n"
	                      "2;abc;Б;1.2;b;\n"
	                      "3;0;Б;1.3;c;\n"
	                      "4;101;Б;1.4;d;\n"
	                      "5;-1;Б;1.5;e;\n"
	                      "6;1;Д;1.6;f;\n"
	                      "7;1;Б;1.7;g;прочее\n"
	                      "8;1;Б;;h;\n"
	                      ";1;Б;1.9;i;\n"
	                      "10;1;Б;1.10\n");
	assert_int_equal(import(f, path), MMS_EDATA);
	assert_int_equal(mms_errcode(f->db), MMS_EDATA);
	assert_int_equal(mms_diag_count(f->db), 9);
	assert_has_diag(f->db, path, 3, "maximum score 'abc'");
	assert_has_diag(f->db, path, 4, "maximum score '0'");
	assert_has_diag(f->db, path, 5, "maximum score '101'");
	assert_has_diag(f->db, path, 6, "maximum score '-1'");
	assert_has_diag(f->db, path, 7, "level 'Д'");
	assert_has_diag(f->db, path, 8, "kind of skill 'прочее'");
	assert_has_diag(f->db, path, 9, "no skill code");
	assert_has_diag(f->db, path, 10, "task number is empty");
	assert_has_diag(f->db, path, 11, "4 fields where the header has 6");
	after = t_dump(f->db);
	assert_string_equal(after, before);
	assert_int_equal(q(f, "SELECT count(*) FROM assessment"), 0);
	free(before);
	free(after);
}

static void test_no_tasks_and_unknown_columns(void **state)
{
	struct fx *f = *state;
	const char *empty = file(f, HEADER "\n;;;;;\n");
	const char *other = file(f, "Задание;Балл\n1;1\n");

	assert_int_equal(import(f, empty), MMS_EDATA);
	assert_has_diag(f->db, empty, 0, "no tasks");
	assert_int_equal(import(f, other), MMS_EDATA);
	assert_int_equal(mms_diag_count(f->db), 1);
	assert_has_diag(f->db, other, 1, "unknown column set");
	assert_int_equal(q(f, "SELECT count(*) FROM assessment"), 0);
	assert_int_equal(q(f, "SELECT count(*) FROM subject"), 0);
}

static void test_usage_errors(void **state)
{
	struct fx *f = *state;
	const char *path = file(f, spec1);

	f->o.grade = 12;
	assert_int_equal(import(f, path), MMS_EUSAGE);
	f->o.grade = 0;
	assert_int_equal(import(f, path), MMS_EUSAGE);
	f->o.grade = 5;
	f->o.date = "2026-02-29";
	assert_int_equal(import(f, path), MMS_EUSAGE);
	assert_non_null(strstr(mms_errmsg(f->db), "'2026-02-29'"));
	f->o.date = NULL;
	f->o.assessment = "";
	assert_int_equal(import(f, path), MMS_EUSAGE);
	f->o.assessment = "a";
	f->o.subject = NULL;
	assert_int_equal(import(f, path), MMS_EUSAGE);
	f->o.subject = "Математика";
	assert_int_equal(import(f, "/nonexistent/spec.csv"), MMS_EOPEN);
	assert_int_equal(q(f, "SELECT count(*) FROM assessment"), 0);
	assert_int_equal(sqlite3_get_autocommit(f->db->sql), 1);
}

/* Once results are stored, the description may not contradict them. */
static void test_results_guard(void **state)
{
	struct fx *f = *state;
	const char *path = file(f, spec1);
	char *before, *after;

	assert_int_equal(import(f, path), MMS_OK);
	assert_int_equal(
	    sqlite3_exec(f->db->sql,
	                 "INSERT INTO school(id, code, name, name_key) VALUES (1, '001', 'a', 'a');"
	                 "INSERT INTO participant(id, assessment_id, school_id, code) "
	                 "VALUES (1, (SELECT id FROM assessment), 1, 'P1')",
	                 NULL, NULL, NULL),
	    SQLITE_OK);
	/* one participant with full marks on every task, however scores are stored */
	if (q(f, "SELECT type = 'view' FROM sqlite_schema WHERE name = 'score'") == 1)
		/* packed: 2 bytes a task at its slot, hundredths of a point, big-endian */
		assert_int_equal(sqlite3_exec(f->db->sql,
		                              "UPDATE participant SET scores = "
		                              "X'006400C8003200C80064' WHERE id = 1",
		                              NULL, NULL, NULL),
		                 SQLITE_OK);
	else
		assert_int_equal(sqlite3_exec(f->db->sql,
		                              "INSERT INTO score(participant_id, task_id, score) "
		                              "SELECT 1, id, max_score FROM task",
		                              NULL, NULL, NULL),
		                 SQLITE_OK);
	assert_int_equal(q(f, "SELECT sum(score) * 10 FROM score"), 65);
	before = t_dump(f->db);
	/* another grade */
	f->o.grade = 6;
	assert_int_equal(import(f, path), MMS_EDATA);
	assert_non_null(strstr(mms_errmsg(f->db), "already has results"));
	f->o.grade = 5;
	/* a lower maximum than a stored score */
	{
		const char *p2 = file(f, HEADER "1;1;Б;1.1;;\n2;1;Б;1.2;;\n3.1;0,5;П;7.5.2;;\n"
		                                "4К1;2;В;УУД1;;\n5;1;Б;М1;;\n");

		assert_int_equal(import(f, p2), MMS_EDATA);
		assert_has_diag(f->db, p2, 3, "above the new maximum");
	}
	/* a task with results dropped */
	{
		const char *p3 = file(f, HEADER "1;1;Б;1.1;;\n2;2;Б;1.2;;\n3.1;0,5;П;7.5.2;;\n"
		                                "4К1;2;В;УУД1;;\n");

		assert_int_equal(import(f, p3), MMS_EDATA);
		assert_has_diag(f->db, p3, 0, "task '5' has stored results");
	}
	after = t_dump(f->db);
	assert_string_equal(after, before);
	free(before);
	free(after);
}

static void test_level_parse(void **state)
{
	const char *l = NULL;

	(void)state;
	assert_int_equal(mms_level_parse("Б", &l), 0);
	assert_string_equal(l, "Б");
	assert_int_equal(mms_level_parse("б", &l), 0);
	assert_string_equal(l, "Б");
	assert_int_equal(mms_level_parse(" Базовый ", &l), 0);
	assert_string_equal(l, "Б");
	assert_int_equal(mms_level_parse("базовый", &l), 0);
	assert_string_equal(l, "Б");
	assert_int_equal(mms_level_parse("П", &l), 0);
	assert_string_equal(l, "П");
	assert_int_equal(mms_level_parse("повышенный", &l), 0);
	assert_string_equal(l, "П");
	assert_int_equal(mms_level_parse("В", &l), 0);
	assert_string_equal(l, "В");
	assert_int_equal(mms_level_parse("Высокий", &l), 0);
	assert_string_equal(l, "В");
	assert_int_equal(mms_level_parse("basic", &l), 0);
	assert_string_equal(l, "Б");
	l = NULL;
	assert_int_equal(mms_level_parse("Д", &l), -1);
	assert_int_equal(mms_level_parse("", &l), -1);
	assert_int_equal(mms_level_parse("средний", &l), -1);
	assert_null(l);
}

static void test_skill_kind_parse(void **state)
{
	static const struct {
		const char *text, *kind;
	} cases[] = {
	    {"", "subject"},
	    {"предметное", "subject"},
	    {"Предметные умения", "subject"},
	    {"метапредметное", "meta"},
	    {"Метапредметные", "meta"},
	    {"УУД (познавательные)", "meta"},
	    {"Регулятивные УУД", "meta"},
	    {"коммуникативные", "meta"},
	    {"Функциональная грамотность", "literacy"},
	    {"читательская грамотность", "literacy"},
	    {"Математическая грамотность", "literacy"},
	    {"literacy", "literacy"},
	};
	const char *k;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		k = NULL;
		assert_int_equal(mms_skill_kind_parse(cases[i].text, &k), 0);
		assert_non_null(k);
		if (strcmp(k, cases[i].kind) != 0)
			fail_msg("'%s' is %s, not %s", cases[i].text, k, cases[i].kind);
	}
	k = NULL;
	assert_int_equal(mms_skill_kind_parse("прочее", &k), -1);
	assert_null(k);
}

static void test_date_parse(void **state)
{
	char d[11];

	(void)state;
	assert_int_equal(mms_date_parse("2026-05-14", d), 0);
	assert_string_equal(d, "2026-05-14");
	assert_int_equal(mms_date_parse("14.05.2026", d), 0);
	assert_string_equal(d, "2026-05-14");
	assert_int_equal(mms_date_parse("4.5.2026", d), 0);
	assert_string_equal(d, "2026-05-04");
	assert_int_equal(mms_date_parse("31.02.2026", d), -1);
	assert_int_equal(mms_date_parse("14.05.26", d), -1);
	assert_int_equal(mms_date_parse("14.05.2026г", d), -1);
	assert_int_equal(mms_date_parse("2026/05/14", d), -1);
	assert_int_equal(mms_date_parse(NULL, d), -1);
}

static void test_date_valid(void **state)
{
	(void)state;
	assert_true(mms_date_valid("2026-04-15"));
	assert_true(mms_date_valid("2028-02-29"));
	assert_true(mms_date_valid("2000-02-29"));
	assert_true(mms_date_valid("2026-02-28"));
	assert_true(mms_date_valid("2026-12-31"));
	assert_true(mms_date_valid("2026-01-01"));
	assert_false(mms_date_valid("2026-02-29"));
	assert_false(mms_date_valid("2100-02-29"));
	assert_false(mms_date_valid("2026-04-31"));
	assert_false(mms_date_valid("2026-13-01"));
	assert_false(mms_date_valid("2026-00-10"));
	assert_false(mms_date_valid("2026-01-00"));
	assert_false(mms_date_valid("2026-01-32"));
	assert_false(mms_date_valid("2026-1-01"));
	assert_false(mms_date_valid("2026-01-1"));
	assert_false(mms_date_valid("2026-01-011"));
	assert_false(mms_date_valid("26-01-01"));
	assert_false(mms_date_valid("2026/01/01"));
	assert_false(mms_date_valid("15.04.2026"));
	assert_false(mms_date_valid(""));
	assert_false(mms_date_valid("1999-12-31"));
	/* every position a digit: no signs or spaces that sscanf would accept */
	assert_false(mms_date_valid("2026-01-+1"));
	assert_false(mms_date_valid("2026- 1-01"));
	assert_false(mms_date_valid("2026-+1-01"));
	assert_false(mms_date_valid("+202-01-01"));
	assert_false(mms_date_valid(" 202-01-01"));
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_import),
	    T(test_reimport_updates),
	    T(test_duplicate_task),
	    T(test_bad_values),
	    T(test_no_tasks_and_unknown_columns),
	    T(test_usage_errors),
	    T(test_results_guard),
	    cmocka_unit_test(test_level_parse),
	    cmocka_unit_test(test_skill_kind_parse),
	    cmocka_unit_test(test_date_valid),
	    cmocka_unit_test(test_date_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
