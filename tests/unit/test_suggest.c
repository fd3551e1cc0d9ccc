/* Nearest names for a "not found": the edit distance and the choice of names. */
#include <string.h>

#include "helpers.h"
#include "internal.h"

static void test_edit_distance(void **state)
{
	(void)state;
	assert_int_equal(mms_edit_distance("", ""), 0);
	assert_int_equal(mms_edit_distance("abc", "abc"), 0);
	assert_int_equal(mms_edit_distance("kitten", "sitting"), 3);
	/* by code point, not byte: one Cyrillic letter is one edit */
	assert_int_equal(mms_edit_distance("павлова", "павлава"), 1);
	assert_int_equal(mms_edit_distance("vpr-2026-math5", "vpr-2026-math-5"), 1);
	assert_int_equal(mms_edit_distance("", "ёж"), 2);
}

static void test_suggest(void **state)
{
	char *path;
	mms_db *db = t_db(&path);
	mms_buf b = {0};

	(void)state;
	assert_int_equal(mms_exec(db,
	                          "CREATE TEMP TABLE n(name TEXT);"
	                          "INSERT INTO n VALUES ('vpr-2026-math-5'), ('vpr-2027-math-6'),"
	                          "('oge-2026-rus'), ('edu249002'), ('Павлова Галина Ивановна'),"
	                          "('Петров Олег Ильич');"),
	                 MMS_OK);
	assert_int_equal(mms_suggest(db, "SELECT name FROM n", "vpr-2026-math5", &b), MMS_OK);
	assert_string_equal(b.p, "vpr-2026-math-5, vpr-2027-math-6");
	b.len = 0;
	b.p[0] = '\0';
	/* a code inside a longer one, a surname with other initials */
	assert_int_equal(mms_suggest(db, "SELECT name FROM n", "249002", &b), MMS_OK);
	assert_string_equal(b.p, "edu249002");
	b.len = 0;
	b.p[0] = '\0';
	assert_int_equal(mms_suggest(db, "SELECT name FROM n", "ПАВЛОВА Г.А.", &b), MMS_OK);
	assert_string_equal(b.p, "Павлова Галина Ивановна");
	b.len = 0;
	b.p[0] = '\0';
	/* nothing near: nothing said */
	assert_int_equal(mms_suggest(db, "SELECT name FROM n", "история", &b), MMS_OK);
	assert_int_equal((int)b.len, 0);
	/* the message */
	assert_int_equal(mms_not_found(db, "no assessment 'oge-2026-rus5'", "SELECT name FROM n",
	                               "oge-2026-rus5", "assessments"),
	                 MMS_ENOTFOUND);
	assert_string_equal(mms_errmsg(db), "no assessment 'oge-2026-rus5'; did you mean: "
	                                    "oge-2026-rus? (all of them: mms list assessments)");
	/* nothing near: the list only */
	assert_int_equal(mms_not_found(db, "no assessment 'история'", "SELECT name FROM n",
	                               "история", "assessments"),
	                 MMS_ENOTFOUND);
	assert_string_equal(mms_errmsg(db),
	                    "no assessment 'история' (all of them: mms list assessments)");
	mms_buf_free(&b);
	mms_db_close(db);
	t_remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_edit_distance),
	    cmocka_unit_test(test_suggest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
