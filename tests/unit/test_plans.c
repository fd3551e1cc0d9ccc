/*
 * The plans of the hot statements use the indexes they were written for: a
 * change that loses one (a dropped index, a join reordered) fails here, not
 * only in the benchmark's figures.
 */
#include <stdio.h>
#include <string.h>

#include "deficits/codes.h"
#include "helpers.h"
#include "mms/deficits.h"

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
	/* the teacher's classes first, then each one's row of the run and skill */
	assert_non_null(strstr(plan, "deficit_result_by_run (run_id=? AND level=? AND skill_id=? "
	                             "AND class_id=?)"));
	assert_null(strstr(plan, "SCAN d"));
}

static void test_earlier(void **state)
{
	struct t_fx *fx = *state;
	char plan[8192];

	plan_of(fx->db, mms_sql_earlier, plan, sizeof(plan));
	/* the teacher's school's deficits of the skill, not the region's */
	assert_non_null(strstr(plan, "deficit_result_by_group (skill_id=? AND school_id=?)"));
	assert_null(strstr(plan, "SCAN d"));
}

static void test_scan_by_school(void **state)
{
	struct t_fx *fx = *state;
	char plan[4096];

	/* the schools with participants: no participant is sorted */
	plan_of(fx->db, mms_sql_scan_schools, plan, sizeof(plan));
	assert_non_null(
	    strstr(plan, "SEARCH p USING PRIMARY KEY (assessment_id=? AND school_id=?)"));
	assert_null(strstr(plan, "SCAN p"));
	/* one school's participants by their key, neither sorted nor joined */
	plan_of(fx->db, mms_sql_scan_school, plan, sizeof(plan));
	assert_non_null(strstr(plan, "SEARCH participant USING PRIMARY KEY "
	                             "(assessment_id=? AND school_id=?)"));
	assert_null(strstr(plan, "SCAN"));
	assert_null(strstr(plan, "TEMP B-TREE"));
}

static void test_trend(void **state)
{
	struct t_fx *fx = *state;
	char plan[4096];

	/* the earlier assessments, then their participants by their key */
	plan_of(fx->db, mms_sql_trend, plan, sizeof(plan));
	assert_non_null(strstr(plan, "SEARCH p USING PRIMARY KEY (assessment_id=?)"));
	assert_null(strstr(plan, "SCAN p"));
}

static void test_below_half(void **state)
{
	struct t_fx *fx = *state;
	char plan[2048];

	/* a run's district or school rows, not every row of the run */
	plan_of(fx->db, mms_sql_below_half, plan, sizeof(plan));
	assert_non_null(strstr(plan, "deficit_result_by_run (run_id=? AND level=?)"));
}

static void test_report_skills(void **state)
{
	struct t_fx *fx = *state;
	char plan[2048];

	/* the heat map: a run's district and school rows in the index's order, no class row
	   read and none sorted */
	plan_of(fx->db, mms_sql_report_skills, plan, sizeof(plan));
	/* the view deficit_result read as its table */
	assert_non_null(strstr(plan, "SEARCH deficit_row USING INDEX deficit_result_by_run "
	                             "(run_id=? AND level=?)"));
	assert_null(strstr(plan, "TEMP B-TREE"));
}

static void test_report_deficits(void **state)
{
	struct t_fx *fx = *state;
	char plan[4096];

	/* a run's deficits alone, not its every class × skill */
	plan_of(fx->db, mms_sql_report_spreads, plan, sizeof(plan));
	assert_non_null(strstr(plan, "SEARCH deficit_row USING INDEX deficit_result_deficits "
	                             "(run_id=?)"));
	plan_of(fx->db, mms_sql_report_class_deficits, plan, sizeof(plan));
	assert_non_null(strstr(plan, "deficit_result_deficits (run_id=? AND level=?)"));
	/* map's classes without a teacher: likewise */
	plan_of(fx->db, mms_sql_unassigned, plan, sizeof(plan));
	assert_non_null(strstr(plan, "SEARCH d USING INDEX deficit_result_deficits (run_id=? AND "
	                             "level=?)"));
}

/* Whether a deficit recurs: the earlier runs' deficits alone, read through their index,
   not those runs' every row. */
static void test_recurrent(void **state)
{
	struct t_fx *fx = *state;
	char plan[8192];

	plan_of(fx->db, mms_sql_earlier_runs, plan, sizeof(plan));
	assert_non_null(strstr(plan, "deficit_run_by_assessment (assessment_id=?)"));
	assert_null(strstr(plan, "SCAN deficit_run"));
	plan_of(fx->db, mms_sql_earlier_deficits, plan, sizeof(plan));
	assert_non_null(
	    strstr(plan, "SEARCH deficit_row USING INDEX deficit_result_deficits (run_id=?)"));
	assert_null(strstr(plan, "SCAN"));
	assert_null(strstr(plan, "TEMP B-TREE"));
}

/* A trusted transaction checks no foreign keys (mms_tx_begin_trusted): they are on
   again after it, whether it commits or fails, and its rows keep them. */
static void test_trusted_tx(void **state)
{
	struct t_fx *fx = *state;
	mms_db *db = fx->db;

	assert_int_equal(mms_tx_begin_trusted(db, MMS_RELAX_FK), MMS_OK);
	assert_int_equal(mms_exec(db, "INSERT INTO class(school_id, label, label_key, grade) "
	                              "VALUES (999999, '5А', '5а', 5)"),
	                 MMS_OK);
	mms_tx_rollback(db);
	assert_int_equal(t_int(db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(mms_tx_begin_trusted(db, MMS_RELAX_FK), MMS_OK);
	assert_int_equal(t_int(db, "PRAGMA foreign_keys"), 0);
	/* the CHECK constraints stay, unless asked for */
	assert_int_equal(t_int(db, "PRAGMA ignore_check_constraints"), 0);
	assert_int_equal(mms_tx_commit(db), MMS_OK);
	assert_int_equal(t_int(db, "PRAGMA foreign_keys"), 1);
	/* checked again: a class of no school is refused */
	assert_int_not_equal(mms_exec(db, "INSERT INTO class(school_id, label, label_key, grade) "
	                                  "VALUES (999999, '5А', '5а', 5)"),
	                     MMS_OK);
	/* the command's transaction (mms import-results begins it so) */
	assert_int_equal(mms_db_begin_trusted(db), MMS_OK);
	assert_int_equal(t_int(db, "PRAGMA foreign_keys"), 0);
	assert_int_equal(t_int(db, "PRAGMA ignore_check_constraints"), 0);
	mms_db_rollback(db);
	assert_int_equal(t_int(db, "PRAGMA foreign_keys"), 1);
	/* nested, it is an ordinary savepoint: the keys stay checked */
	assert_int_equal(mms_tx_begin(db), MMS_OK);
	assert_int_equal(mms_tx_begin_trusted(db, MMS_RELAX_FK | MMS_RELAX_CHECKS), MMS_OK);
	assert_int_equal(t_int(db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(t_int(db, "PRAGMA ignore_check_constraints"), 0);
	assert_int_equal(mms_tx_commit(db), MMS_OK);
	assert_int_equal(mms_tx_commit(db), MMS_OK);
}

/* A classification's run (mms_tx_begin_trusted with MMS_RELAX_CHECKS) checks no
   CHECK constraints either: they are checked again after it, commit or not. */
static void test_trusted_checks(void **state)
{
	struct t_fx *fx = *state;
	mms_db *db = fx->db;
	/* a row whose parents are there: refused for its codes alone (a fourth task level) */
	const char *row = "INSERT INTO deficit_row(run_id, skill_id, n, points, possible, "
	                  "ci_low, ci_high, codes, threshold_stored, sufficient_stored) "
	                  "SELECT max(id), 1, 1, 1, 1, 0, 1, %d, 5000, 6000 FROM deficit_run";
	char good[512], bad[512];

	snprintf(
	    good, sizeof(good), row,
	    mms_result_codes(0, MMS_VERDICT_DEFICIT, MMS_SPREAD_DISTRICT, MMS_PERSISTENCE_NEW));
	snprintf(bad, sizeof(bad), row, 3);
	t_sql(db,
	      "INSERT INTO subject(id, name, name_key) VALUES (1, 'Математика', 'математика');"
	      "INSERT INTO assessment(id, code, kind, subject_id, grade) VALUES (1, 'a', 'ВПР', "
	      "1, 5); INSERT INTO skill(id, subject_id, code, kind) VALUES (1, 1, '1.1', "
	      "'subject'); INSERT INTO deficit_run(assessment_id, threshold_version) SELECT 1, "
	      "max(id) FROM threshold_version");
	assert_int_equal(mms_exec(db, good), MMS_OK);
	assert_int_not_equal(mms_exec(db, bad), MMS_OK);
	for (int commit = 0; commit < 2; commit++) {
		assert_int_equal(mms_tx_begin_trusted(db, MMS_RELAX_FK | MMS_RELAX_CHECKS), MMS_OK);
		assert_int_equal(t_int(db, "PRAGMA foreign_keys"), 0);
		assert_int_equal(t_int(db, "PRAGMA ignore_check_constraints"), 1);
		assert_int_equal(mms_exec(db, bad), MMS_OK);
		if (commit)
			assert_int_equal(mms_tx_commit(db), MMS_OK);
		else
			mms_tx_rollback(db);
		assert_int_equal(t_int(db, "PRAGMA ignore_check_constraints"), 0);
		assert_int_equal(t_int(db, "PRAGMA foreign_keys"), 1);
		assert_int_equal(t_int(db, "SELECT count(*) FROM deficit_result WHERE codes = 3"),
		                 commit);
		/* checked again, outside a transaction as in one */
		assert_int_not_equal(mms_exec(db, bad), MMS_OK);
		assert_int_equal(mms_tx_begin(db), MMS_OK);
		assert_int_not_equal(mms_exec(db, bad), MMS_OK);
		assert_int_equal(mms_exec(db, good), MMS_OK);
		mms_tx_rollback(db);
	}
}

/* A participant is inserted into its table alone, kept in the order of its key (the
   import's cost a row): nothing reads participants by class alone (migration 20), and
   the key is the table's own (migration 25), no index beside it. */
static void test_participant_indexes(void **state)
{
	struct t_fx *fx = *state;

	assert_int_equal(t_int(fx->db, "SELECT count(*) FROM pragma_index_list('participant')"), 1);
	assert_string_equal(t_text(fx->db, "SELECT origin FROM pragma_index_list('participant')"),
	                    "pk");
	assert_int_equal(t_int(fx->db, "SELECT wr FROM pragma_table_list('participant')"), 1);
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
	    cmocka_unit_test_setup_teardown(test_earlier, t_fx_setup, t_fx_teardown),
	    cmocka_unit_test_setup_teardown(test_scan_by_school, t_fx_setup, t_fx_teardown),
	    cmocka_unit_test_setup_teardown(test_trend, t_fx_setup, t_fx_teardown),
	    cmocka_unit_test_setup_teardown(test_below_half, t_fx_setup, t_fx_teardown),
	    cmocka_unit_test_setup_teardown(test_report_skills, t_fx_setup, t_fx_teardown),
	    cmocka_unit_test_setup_teardown(test_report_deficits, t_fx_setup, t_fx_teardown),
	    cmocka_unit_test_setup_teardown(test_recurrent, t_fx_setup, t_fx_teardown),
	    cmocka_unit_test_setup_teardown(test_trusted_tx, t_fx_setup, t_fx_teardown),
	    cmocka_unit_test_setup_teardown(test_trusted_checks, t_fx_setup, t_fx_teardown),
	    cmocka_unit_test_setup_teardown(test_cache, t_fx_setup, t_fx_teardown),
	    cmocka_unit_test_setup_teardown(test_participant_indexes, t_fx_setup, t_fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
