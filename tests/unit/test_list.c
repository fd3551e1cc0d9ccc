/* mms_list_get: the rows of each list, a school's rows, and what is refused. */
#include <string.h>

#include "mms/iop.h"
#include "mms/list.h"
#include "iop_fixture.h"

/* The cell of row R under KEY. */
static const char *cell(const mms_list *l, size_t r, const char *key)
{
	for (size_t c = 0; c < l->ncols; c++)
		if (!strcmp(l->keys[c], key))
			return l->cells[r * l->ncols + c];
	fail_msg("no column '%s'", key);
	return NULL;
}

static int numeric(const mms_list *l, const char *key)
{
	for (size_t c = 0; c < l->ncols; c++)
		if (!strcmp(l->keys[c], key))
			return l->numeric[c];
	return -1;
}

static void test_lists(void **state)
{
	char *path;
	mms_db *db = t_db(&path);
	mms_list *l;

	(void)state;
	assert_int_equal(mms_list_get(db, MMS_LIST_TEACHERS, NULL, &l), MMS_OK);
	assert_int_equal(l->nrows, 0);
	mms_list_free(l);
	fixture(db);
	t_sql(db, "INSERT INTO school_code(code, school_id, kind) VALUES ('0401', 2, 'rcoi')");

	assert_int_equal(mms_list_get(db, MMS_LIST_SCHOOLS, NULL, &l), MMS_OK);
	assert_int_equal(l->nrows, 2);
	assert_string_equal(cell(l, 1, "code"), "edu2");
	assert_string_equal(cell(l, 1, "other_codes"), "0401");
	assert_null(cell(l, 0, "other_codes"));
	assert_string_equal(cell(l, 0, "teachers"), "2");
	assert_int_equal(numeric(l, "teachers"), 1);
	assert_int_equal(numeric(l, "name"), 0);
	mms_list_free(l);

	/* a school by any of its codes: its teachers, by name */
	assert_int_equal(mms_list_get(db, MMS_LIST_TEACHERS, "0401", &l), MMS_OK);
	assert_int_equal(l->nrows, 2);
	assert_string_equal(cell(l, 0, "teacher"), "Кузнецов Олег Викторович");
	assert_string_equal(cell(l, 0, "classes"), "5Б");
	assert_string_equal(cell(l, 0, "year"), "2025/2026");
	assert_string_equal(cell(l, 1, "teacher"), "Сидорова Мария Ивановна");
	mms_list_free(l);

	assert_int_equal(mms_list_get(db, MMS_LIST_ASSESSMENTS, NULL, &l), MMS_OK);
	assert_int_equal(l->nrows, 1);
	assert_string_equal(cell(l, 0, "assessment"), "vpr-2026-math-5");
	assert_string_equal(cell(l, 0, "grade"), "5");
	assert_int_equal(numeric(l, "grade"), 1);
	assert_non_null(cell(l, 0, "classified"));
	mms_list_free(l);
	/* the school took part in none (the fixture has results, no participants) */
	assert_int_equal(mms_list_get(db, MMS_LIST_ASSESSMENTS, "edu1", &l), MMS_OK);
	assert_int_equal(l->nrows, 0);
	mms_list_free(l);

	assert_int_equal(mms_list_get(db, MMS_LIST_SKILLS, NULL, &l), MMS_OK);
	assert_int_equal(l->nrows, 4);
	assert_string_equal(cell(l, 1, "skill"), "1.2");
	assert_string_equal(cell(l, 1, "text"), "Дроби");
	assert_null(cell(l, 1, "system"));
	mms_list_free(l);

	/* skills belong to no school; an unknown school is not found */
	assert_int_equal(mms_list_get(db, MMS_LIST_SKILLS, "edu1", &l), MMS_EUSAGE);
	assert_null(l);
	assert_int_equal(mms_list_get(db, MMS_LIST_TEACHERS, "edu9", &l), MMS_ENOTFOUND);
	assert_non_null(strstr(mms_errmsg(db), "mms list schools"));
	assert_int_equal(mms_list_get(db, (enum mms_list_kind)99, NULL, &l), MMS_EUSAGE);

	/* mentors first, their school's code */
	t_sql(db,
	      "INSERT INTO resource(id, kind, origin, title, title_key, capacity) VALUES "
	      "(7, 'course', 'catalogue', 'Дроби', 'дроби', NULL);"
	      "INSERT INTO resource(id, kind, origin, title, title_key, teacher_id, capacity) "
	      "VALUES (8, 'mentor', 'manual', 'Петров Пётр Ильич', 'петров петр ильич', 2, 2);"
	      "INSERT INTO resource_skill(resource_id, skill_id) VALUES (7, 2), (8, 2), (8, 3)");
	assert_int_equal(mms_list_get(db, MMS_LIST_RESOURCES, NULL, &l), MMS_OK);
	assert_int_equal(l->nrows, 2);
	assert_string_equal(cell(l, 0, "kind"), "mentor");
	assert_string_equal(cell(l, 0, "school_code"), "edu1");
	assert_string_equal(cell(l, 0, "skills"), "1.2, 1.3");
	assert_string_equal(cell(l, 1, "kind"), "course");
	assert_null(cell(l, 1, "capacity"));
	mms_list_free(l);
	assert_int_equal(mms_list_get(db, MMS_LIST_RESOURCES, "edu2", &l), MMS_OK);
	assert_int_equal(l->nrows, 0);
	mms_list_free(l);
	mms_list_free(NULL);

	mms_db_close(db);
	t_remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lists),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
