/*
 * The plans of the hot statements use the indexes they were written for: a
 * change that loses one (a dropped index, a join reordered) fails here, not
 * only in the benchmark's figures.
 */
#include <stdio.h>
#include <string.h>

#include "helpers.h"

/* SQLite's plan of SQL, one line a step, in BUF. */
static void plan_of(mms_db *db, const char *sql, char *buf, size_t size)
{
	sqlite3_stmt *st;
	char explain[2048];
	size_t len = 0;

	snprintf(explain, sizeof(explain), "EXPLAIN QUERY PLAN %s", sql);
	assert_int_equal(sqlite3_prepare_v2(db->sql, explain, -1, &st, NULL), SQLITE_OK);
	buf[0] = '\0';
	while (sqlite3_step(st) == SQLITE_ROW && len + 2 < size) {
		snprintf(buf + len, size - len, "%s\n", (const char *)sqlite3_column_text(st, 3));
		len = strlen(buf);
	}
	sqlite3_finalize(st);
}

static void test_seen_hash(void **state)
{
	struct t_fx *fx = *state;
	char plan[2048];

	plan_of(fx->db, mms_sql_seen_hash, plan, sizeof(plan));
	assert_non_null(strstr(plan, "import_log_by_sha256"));
	assert_null(strstr(plan, "SCAN import_log"));
}

static void test_hyp_classes(void **state)
{
	struct t_fx *fx = *state;
	char plan[2048];

	plan_of(fx->db, mms_sql_hyp_classes, plan, sizeof(plan));
	/* the teacher's classes first, then their rows by class */
	assert_non_null(strstr(plan, "deficit_result_by_class"));
	assert_null(strstr(plan, "deficit_result_by_run"));
}

static void test_cache(void **state)
{
	struct t_fx *fx = *state;

	assert_int_equal(t_int(fx->db, "PRAGMA cache_size"), -MMS_DB_CACHE_KIB);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_seen_hash, t_fx_setup, t_fx_teardown),
	    cmocka_unit_test_setup_teardown(test_hyp_classes, t_fx_setup, t_fx_teardown),
	    cmocka_unit_test_setup_teardown(test_cache, t_fx_setup, t_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
