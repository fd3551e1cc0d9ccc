/* mms_check(), mms_db_backup(), mms_log_imports(), mms_log_runs(). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "mms/keep.h"
#include "mms/results.h"
#include "mms/roster.h"
#include "mms/spec.h"
#include "sha256.h"

/* A database with the roster, the description and the ФИС ОКО results. */
static mms_db *loaded(char **path)
{
	const char *roster[] = {MMS_TEST_DATA "/results/roster.csv"};
	const char *results[] = {MMS_TEST_DATA "/results/fisoko.csv"};
	mms_spec_opts so = {.assessment = "vpr-m5", .subject = "Математика", .grade = 5};
	mms_results_opts ro = {.assessment = "vpr-m5"};
	mms_roster_stats rst;
	mms_spec_stats sst;
	mms_results_stats xst;
	mms_db *db = t_db(path);

	assert_int_equal(mms_roster_import(db, roster, 1, MMS_ENC_AUTO, NULL, NULL, &rst), MMS_OK);
	assert_int_equal(mms_spec_import(db, &so, MMS_TEST_DATA "/results/spec.csv", &sst), MMS_OK);
	assert_int_equal(mms_results_import(db, &ro, results, 1, &xst), MMS_OK);
	mms_results_stats_free(&xst);
	return db;
}

struct findings {
	int n;
	char text[16][512];
};

static void collect(void *ctx, const char *check, const char *message)
{
	struct findings *f = ctx;

	if (f->n < 16)
		snprintf(f->text[f->n], sizeof(f->text[0]), "%s: %s", check, message);
	f->n++;
}

static int has(const struct findings *f, const char *check, const char *part)
{
	for (int i = 0; i < f->n && i < 16; i++)
		if (strncmp(f->text[i], check, strlen(check)) == 0 &&
		    f->text[i][strlen(check)] == ':' && strstr(f->text[i], part))
			return 1;
	return 0;
}

static void test_check_clean(void **state)
{
	char *path;
	mms_db *db = loaded(&path);
	struct findings f = {0};
	long n = -1;

	assert_int_equal(mms_check(db, collect, &f, &n), MMS_OK);
	assert_int_equal(n, 0);
	assert_int_equal(f.n, 0);
	assert_int_equal(mms_check_count(), 12);
	assert_true(sqlite3_get_autocommit(db->sql)); /* no transaction left open */
	mms_db_close(db);
	t_remove(path);
}

static void test_check_finds_each_invariant(void **state)
{
	char *path;
	mms_db *db = loaded(&path);
	struct findings f = {0};
	long n = -1;
	int rc;

	/* fisoko.csv: tasks 1 (max 1, slot 0), 2.1 (max 2, slot 1), 4К1 (max 3, slot 2) */
	assert_int_equal(t_int(db, "SELECT max(slot) FROM task"), 2);
	rc =
	    mms_exec(db, "PRAGMA foreign_keys = OFF;"
	                 /* 2.1 given 2.50 points (0x00FA), its maximum is 2 */
	                 "UPDATE participant SET scores = X'006400FA0000'"
	                 "  WHERE code = '10001';"
	                 /* four slots' worth of bytes for three tasks */
	                 "UPDATE participant SET scores = X'0000000000000000' WHERE code = '10002';"
	                 /* absent yet with scores */
	                 "UPDATE participant SET absent = 1 WHERE code = '10003';"
	                 /* Иванова (edu241001) teaching a class of edu241002 */
	                 "INSERT INTO teaching(teacher_id, subject_id, class_id, year)"
	                 "  SELECT t.id, t2.subject_id, c.id, t2.year FROM teacher t, teaching t2,"
	                 "  class c"
	                 "  JOIN school s ON s.id = c.school_id"
	                 "  WHERE t.full_name LIKE 'Иванова%' AND t2.teacher_id = t.id"
	                 "  AND s.code = 'edu241002' LIMIT 1;"
	                 /* a run with thresholds that do not exist */
	                 "INSERT INTO deficit_run(id, assessment_id, threshold_version)"
	                 "  SELECT 7, id, 99 FROM assessment;"
	                 /* the pseudonyms' secret lost; a school's own code gone */
	                 "DELETE FROM secret;"
	                 "DELETE FROM school_code WHERE code = 'edu241002';"
	                 "PRAGMA foreign_keys = ON;");
	assert_string_equal(mms_errmsg(db), "");
	assert_int_equal(rc, MMS_OK);
	assert_int_equal(mms_check(db, collect, &f, &n), MMS_OK);
	for (int i = 0; i < f.n; i++)
		print_message("%s\n", f.text[i]);
	assert_true(has(&f, "score_max", "task '2.1' has 2.5 points, its maximum is 2"));
	assert_true(has(&f, "score_max", "participant '10001'"));
	assert_true(has(&f, "scores_length",
	                "participant '10002' of school 'edu241001' on "
	                "'vpr-m5': the scores take 8 bytes, the "
	                "assessment's tasks at most 6"));
	assert_true(has(&f, "scores_absent", "participant '10003'"));
	assert_true(has(&f, "scores_absent", "is absent but has scores"));
	assert_true(has(&f, "teaching_school",
	                "of school 'edu241001' teaches class '5А' of "
	                "school 'edu241002'"));
	assert_true(has(&f, "run_thresholds", "run 7 refers to thresholds version 99"));
	assert_true(has(&f, "foreign_key", "'deficit_run'"));
	assert_true(has(&f, "pseudonym_secret", "the secret for the pseudonyms"));
	assert_true(has(&f, "school_code", "school 'edu241002' is not found by its own code"));
	assert_int_equal(n, 9);
	assert_int_equal(f.n, 9);
	mms_db_close(db);
	t_remove(path);
}

static void test_check_caps_findings(void **state)
{
	char *path;
	mms_db *db = t_db(&path);
	struct findings f = {0};
	long n = -1;

	/* 150 runs without thresholds: 100 reported, then one "… and 50 more" */
	assert_int_equal(mms_exec(db, "PRAGMA foreign_keys = OFF;"
	                              "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
	                              "FROM k WHERE i < 150)"
	                              "INSERT INTO deficit_run(assessment_id, threshold_version)"
	                              "  SELECT 1, 5 FROM k;"
	                              "PRAGMA foreign_keys = ON;"),
	                 MMS_OK);
	assert_int_equal(mms_check(db, collect, &f, &n), MMS_OK);
	/* foreign_key: 150 missing assessments + 150 missing thresholds, capped at 100 */
	assert_int_equal(n, 300 + 150);
	assert_int_equal(f.n, 101 + 101);
	mms_db_close(db);
	t_remove(path);
}

static void test_check_schema_version(void **state)
{
	char *path;
	mms_db *db = t_db(&path);
	struct findings f = {0};
	long n = -1;
	char want[128];

	assert_int_equal(mms_exec(db, "PRAGMA user_version = 1"), MMS_OK);
	assert_int_equal(mms_check(db, collect, &f, &n), MMS_OK);
	assert_int_equal(n, 1);
	snprintf(want, sizeof(want), "the schema is at version 1, this mms writes %d",
	         mms_db_schema_latest());
	assert_true(has(&f, "schema_version", want));
	mms_db_close(db);
	t_remove(path);
}

static int file_exists(const char *p)
{
	struct stat sb;

	return stat(p, &sb) == 0;
}

static void test_backup(void **state)
{
	char *path, *copy = t_write_str("");
	char tmp[4096];
	mms_db *db = loaded(&path), *back;
	long pages = 0;
	char *want, *got;

	snprintf(tmp, sizeof(tmp), "%s.tmp", copy);
	/* an existing file is kept unless forced */
	assert_int_equal(mms_db_backup(db, copy, 0, &pages), MMS_EUSAGE);
	assert_non_null(strstr(mms_errmsg(db), "already exists"));
	assert_int_equal(mms_db_backup(db, copy, MMS_BACKUP_FORCE, &pages), MMS_OK);
	assert_true(pages > 10);
	assert_false(file_exists(tmp));
	/* the database itself, even forced */
	assert_int_equal(mms_db_backup(db, path, MMS_BACKUP_FORCE, NULL), MMS_EUSAGE);
	assert_non_null(strstr(mms_errmsg(db), "is the database itself"));

	assert_int_equal(mms_db_open(copy, MMS_OPEN_NOCREATE, &back), MMS_OK);
	assert_int_equal(mms_db_migrations_applied(back), 0);
	want = t_dump(db);
	got = t_dump(back);
	assert_string_equal(got, want);
	assert_int_equal(t_int(back, "SELECT count(*) FROM participant"),
	                 t_int(db, "SELECT count(*) FROM participant"));
	assert_true(t_int(back, "SELECT count(*) FROM participant") > 0);
	free(want);
	free(got);
	mms_db_close(back);
	mms_db_close(db);
	t_remove(copy);
	t_remove(path);
}

static void test_backup_unwritable(void **state)
{
	char *path;
	mms_db *db = t_db(&path);

	assert_int_equal(mms_db_backup(db, "/nonexistent-dir/x.db", 0, NULL), MMS_EIO);
	assert_non_null(strstr(mms_errmsg(db), "cannot write '/nonexistent-dir/x.db'"));
	assert_int_equal(mms_db_backup(db, "", 0, NULL), MMS_EUSAGE);
	mms_db_close(db);
	t_remove(path);
}

struct seen {
	int n;
	long long ids[8];
	char files[8][256];
	char assessment[8][32];
	long students[8];
};

static int on_import(void *ctx, const mms_log_import *e)
{
	struct seen *s = ctx;

	s->ids[s->n] = e->id;
	snprintf(s->files[s->n], sizeof(s->files[0]), "%s", e->file);
	snprintf(s->assessment[s->n], sizeof(s->assessment[0]), "%s",
	         e->assessment ? e->assessment : "");
	s->students[s->n] = e->students;
	assert_int_equal(strlen(e->sha256), 64);
	return ++s->n >= 8;
}

static int on_run(void *ctx, const mms_log_run *e)
{
	struct seen *s = ctx;

	s->ids[s->n] = e->id;
	s->students[s->n] = (long)e->threshold_version;
	return ++s->n >= 8;
}

static void test_log(void **state)
{
	char *path;
	mms_db *db = loaded(&path);
	const char *again[] = {MMS_TEST_DATA "/results/corrected.csv"};
	mms_results_opts ro = {.assessment = "vpr-m5"};
	mms_results_stats xst;
	struct seen s = {0};

	assert_int_equal(mms_results_import(db, &ro, again, 1, &xst), MMS_OK);
	mms_results_stats_free(&xst);
	assert_int_equal(mms_log_imports(db, 0, on_import, &s), MMS_OK);
	assert_int_equal(s.n, 2);
	assert_true(s.ids[0] > s.ids[1]); /* newest first */
	assert_non_null(strstr(s.files[0], "corrected.csv"));
	assert_non_null(strstr(s.files[1], "fisoko.csv"));
	assert_string_equal(s.assessment[0], "vpr-m5");
	assert_int_equal(s.students[0], 2);

	memset(&s, 0, sizeof(s));
	assert_int_equal(mms_log_imports(db, 1, on_import, &s), MMS_OK);
	assert_int_equal(s.n, 1);
	assert_non_null(strstr(s.files[0], "corrected.csv"));

	/* no runs yet, then two */
	memset(&s, 0, sizeof(s));
	assert_int_equal(mms_log_runs(db, 0, on_run, &s), MMS_OK);
	assert_int_equal(s.n, 0);
	assert_int_equal(mms_exec(db,
	                          "INSERT INTO deficit_run(id, assessment_id, threshold_version)"
	                          "  SELECT 3, id, 1 FROM assessment;"
	                          "INSERT INTO deficit_run(id, assessment_id, threshold_version)"
	                          "  SELECT 4, id, 1 FROM assessment;"),
	                 MMS_OK);
	assert_int_equal(mms_log_runs(db, 0, on_run, &s), MMS_OK);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.ids[0], 4);
	assert_int_equal(s.ids[1], 3);
	assert_int_equal(s.students[0], 1);
	mms_db_close(db);
	t_remove(path);
}

static void test_log_command(void **state)
{
	char *path, *file, expect[65];
	mms_db *db = t_db(&path);
	long long before = mms_db_total_changes(db);
	char *argv[] = {"observe",   "--teacher", "Павлова Г.И.", "--note", "it's",
	                "--confirm", NULL};
	char *imp[] = {"import-roster",    "-q", NULL, "--year", "2026/2027",
	               "no-such-file.csv", NULL};

	(void)state;
	/* a command: one line, its arguments as a shell would take them back */
	assert_int_equal(mms_log_command(db, "observe", 6, argv, 0), MMS_OK);
	assert_true(mms_db_total_changes(db) > before);
	assert_string_equal(t_text(db, "SELECT command || '|' || file || '|' || sha256 || '|' || "
	                               "note FROM import_log"),
	                    "observe|||--teacher 'Павлова Г.И.' --note 'it'\\''s' --confirm");
	/* an import: a line a file, with the hash of its content; what is no file is not one */
	file = t_write_str("Код ОО;Школа\n");
	imp[2] = file;
	assert_int_equal(mms_log_command(db, "import-roster", 6, imp, 1), MMS_OK);
	assert_int_equal(
	    t_int(db, "SELECT count(*) FROM import_log WHERE command = 'import-roster'"), 1);
	{
		mms_sha256 h;

		mms_sha256_init(&h);
		mms_sha256_update(&h, "Код ОО;Школа\n", strlen("Код ОО;Школа\n"));
		mms_sha256_hex(&h, expect);
	}
	assert_string_equal(t_text(db, "SELECT sha256 FROM import_log WHERE command = "
	                               "'import-roster'"),
	                    expect);
	assert_string_equal(t_text(db, "SELECT file FROM import_log WHERE command = "
	                               "'import-roster'"),
	                    file);
	/* an import whose files are gone: one line with the arguments */
	imp[2] = "gone.csv";
	assert_int_equal(mms_log_command(db, "import-spec", 6, imp, 1), MMS_OK);
	assert_string_equal(t_text(db, "SELECT file || '|' || note FROM import_log WHERE command "
	                               "= 'import-spec'"),
	                    "|-q gone.csv --year 2026/2027 no-such-file.csv");
	t_remove(file);
	mms_db_close(db);
	t_remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_check_clean),
	    cmocka_unit_test(test_log_command),
	    cmocka_unit_test(test_check_finds_each_invariant),
	    cmocka_unit_test(test_check_caps_findings),
	    cmocka_unit_test(test_check_schema_version),
	    cmocka_unit_test(test_backup),
	    cmocka_unit_test(test_backup_unwritable),
	    cmocka_unit_test(test_log),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
