/*
 * Allocation failures injected at each allocation in turn, on import and on
 * classification: the library must return an error (never crash), leak
 * nothing (LeakSanitizer checks at exit) and leave the database as it was.
 *
 * The hook: this executable is linked with -Wl,--wrap=malloc,… so that every
 * allocation of the library's own code (and libcsv's, which goes through
 * the library's realloc) comes here, and SQLite's through
 * sqlite3_config(SQLITE_CONFIG_MALLOC).  Allocation number FAIL_AT fails;
 * 0 means none does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "deficits/earlier.h"
#include "helpers.h"
#include "mms/deficits.h"
#include "mms/results.h"
#include "mms/roster.h"
#include "mms/spec.h"

static long fail_at;       /* the allocation that fails; 0: none */
static _Atomic long count; /* allocations since armed (the import reads ahead in a thread) */
static int armed;
static long failures; /* allocations failed */

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);

static int should_fail(void)
{
	if (!armed)
		return 0;
	if (++count == fail_at) {
		failures++;
		return 1;
	}
	return 0;
}

void *__wrap_malloc(size_t n)
{
	return should_fail() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return should_fail() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
	return should_fail() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
	return should_fail() ? NULL : __real_strdup(s);
}

/* SQLite's allocator, wrapped the same way. */
static sqlite3_mem_methods real_mem;

static void *sq_malloc(int n)
{
	return should_fail() ? NULL : real_mem.xMalloc(n);
}

static void *sq_realloc(void *p, int n)
{
	return should_fail() ? NULL : real_mem.xRealloc(p, n);
}

static void install_sqlite_hook(void)
{
	static sqlite3_mem_methods m;

	assert_int_equal(sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real_mem), SQLITE_OK);
	m = real_mem;
	m.xMalloc = sq_malloc;
	m.xRealloc = sq_realloc;
	assert_int_equal(sqlite3_config(SQLITE_CONFIG_MALLOC, &m), SQLITE_OK);
}

static char *db_path, *roster, *spec, *results;

static const char roster_csv[] =
    "Код ОО;Школа;Учитель;Предмет;Классы;Год рождения;Педагогический стаж\n"
    "edu1;МБОУ «Первая СОШ»;Иванова Анна Петровна;Математика;5А,5Б;1980;20\n"
    "edu2;МБОУ «Вторая СОШ»;Петров Олег Ильич;Математика;5А;1995;3\n";
static const char spec_csv[] =
    "Задание;Макс. балл;Уровень;Код умения;Проверяемое умение;Вид умения\n"
    "1;1;Б;1.1;Числа;предметное\n"
    "2;2;П;1.2, 7.5.2;Чтение;метапредметное (УУД)\n"
    "3К1;3;В;ЧГ1;Грамотность;функциональная грамотность\n";

/* A results file of three classes of 12, in Windows-1251 with a title block. */
static char *make_results(void)
{
	mms_buf b = {0};
	char *path;

	mms_buf_adds(&b,
	             "Индивидуальные результаты\r\nПредмет:;Математика\r\n\r\n"
	             "ОО;Код участника;Класс;Вариант;1 (1б);2 (2б);3К1 (3б);Первичный балл\r\n");
	for (int i = 0; i < 24; i++) {
		const char *school = i < 16 ? "edu1" : "edu2";
		const char *klass = i < 8 ? "5А" : i < 16 ? "5Б" : "5А";
		int s1 = i % 2, s2 = i % 3, s3 = i % 4;

		if (i == 5)
			mms_buf_addf(&b, "%s;%d;%s;отсутствовал;;;;\r\n", school, 1000 + i, klass);
		else if (i == 7)
			mms_buf_addf(&b, "%s;%d;%s;1;X;0,5;%d;%g\r\n", school, 1000 + i, klass, s3,
			             0.5 + s3);
		else
			mms_buf_addf(&b, "%s;%d;%s;1;%d;%d;%d;%d\r\n", school, 1000 + i, klass, s1,
			             s2 > 2 ? 2 : s2, s3 > 3 ? 3 : s3, s1 + (s2 > 2 ? 2 : s2) + s3);
	}
	/* the fixture is written as UTF-8 here; the file is Windows-1251 */
	path = t_write_file(b.p, b.len);
	{
		char cmd[4200];

		snprintf(cmd, sizeof(cmd),
		         "iconv -f UTF-8 -t CP1251 '%s' > '%s.1251' && mv '%s.1251' '%s'", path,
		         path, path, path);
		assert_int_equal(system(cmd), 0);
	}
	mms_buf_free(&b);
	return path;
}

static int setup(void **state)
{
	mms_db *db;
	mms_roster_stats rs;
	mms_spec_stats ss;
	mms_spec_opts so = {
	    .assessment = "a", .subject = "Математика", .grade = 5, .date = "2026-04-15"};
	const char *files[1];

	(void)state;
	db = t_db(&db_path);
	roster = t_write_str(roster_csv);
	spec = t_write_str(spec_csv);
	results = make_results();
	files[0] = roster;
	assert_int_equal(mms_roster_import(db, files, 1, MMS_ENC_AUTO, NULL, NULL, &rs), MMS_OK);
	assert_int_equal(mms_spec_import(db, &so, spec, &ss), MMS_OK);
	mms_db_close(db);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	t_remove(db_path);
	t_remove(roster);
	t_remove(spec);
	t_remove(results);
	return 0;
}

/* The database's every row, its times (YYYY-MM-DDTHH:MM:SSZ) as 'T's. */
static char *dump_of(void)
{
	mms_db *db;
	char *d;

	assert_int_equal(mms_db_open(db_path, 0, &db), MMS_OK);
	assert_int_equal(t_int(db, "SELECT count(*) FROM pragma_integrity_check "
	                           "WHERE integrity_check <> 'ok'"),
	                 0);
	d = t_dump(db);
	mms_db_close(db);
	for (char *p = d; (p = strchr(p, 'T')) != NULL; p++)
		if (p - d >= 10 && p[-3] == '-' && p[-6] == '-' && p[3] == ':' && p[6] == ':' &&
		    p[9] == 'Z')
			memset(p - 10, 'T', 20);
	return d;
}

/* The database as a classification that stored its first run whole, and
   failed after it, leaves it (the runs are committed one by one); NULL if the
   operation is not the classification. */
static char *first_run_whole;

typedef int (*operation)(mms_db *db);

static int do_import(mms_db *db)
{
	mms_results_opts o = {.assessment = "a"};
	mms_results_stats st;
	const char *files[1] = {results};
	int rc = mms_results_import(db, &o, files, 1, &st);

	mms_results_stats_free(&st);
	return rc;
}

static int do_classify(mms_db *db)
{
	mms_classify_stats st;

	return mms_deficits_classify(db, NULL, &st);
}

/* The first assessment alone, read and stored in turn. */
static int do_classify_one(mms_db *db)
{
	mms_classify_stats st;

	return mms_deficits_classify(db, "a", &st);
}

/* Results imported for two assessments, ready to classify: the second is read
   ahead, by a connection and a thread of its own, while the first is stored. */
static void prepare_classify(void)
{
	mms_spec_opts so = {
	    .assessment = "b", .subject = "Математика", .grade = 5, .date = "2026-05-15"};
	mms_results_opts o = {.assessment = "b"};
	const char *files[1] = {results};
	mms_results_stats st;
	mms_spec_stats ss;
	mms_db *db;

	assert_int_equal(mms_db_open(db_path, 0, &db), MMS_OK);
	assert_int_equal(do_import(db), MMS_OK);
	assert_int_equal(mms_spec_import(db, &so, spec, &ss), MMS_OK);
	assert_int_equal(mms_results_import(db, &o, files, 1, &st), MMS_OK);
	mms_results_stats_free(&st);
	mms_db_close(db);
}

/*
 * The allocations failed in turn: every one of the first FAULT_EVERY_UPTO
 * (opening, the first rows: where most paths part), then every STRIDE-th
 * (FAULT_STRIDE), so that the suite stays short; MMS_FAULTS_ALL=1 fails
 * each one (minutes: run by hand before a release).  A classification of two
 * assessments, the second read ahead while the first is stored, makes 19 600
 * allocations, three connections opening among them: every FAULT_STRIDE_AHEAD-th
 * from the first (MMS_FAULTS_ALL=1: each, a quarter of an hour).
 */
#define FAULT_EVERY_UPTO 400
#define FAULT_STRIDE 7
#define FAULT_STRIDE_AHEAD 61

static long next_fault(long n, long stride)
{
	static int all = -1;

	if (all < 0) {
		const char *e = getenv("MMS_FAULTS_ALL");

		all = e && e[0] == '1';
	}
	if (all)
		return n + 1;
	return stride == FAULT_STRIDE && n < FAULT_EVERY_UPTO ? n + 1 : n + stride;
}

/* A copy of the database file as prepare_classify() left it (closed: no log
   beside it), which the classification starts again from. */
static char pristine[4200];

static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[65536];
	size_t n;

	assert_non_null(in);
	assert_non_null(out);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	assert_int_equal(fclose(out), 0);
}

/* The state before OP again (BEFORE, its dump, freed): the dump of it. */
static char *start_again(operation op, char *before)
{
	if (op != do_import) {
		copy_file(pristine, db_path);
	} else {
		teardown(NULL);
		setup(NULL);
	}
	free(before);
	return dump_of();
}

/*
 * Runs OP with allocation N failing, for N = 1, 2, … (see next_fault())
 * until OP runs with no failure at all.  Each failed run must return an
 * error code and leave the database as it was (the classification: or with
 * its first run stored whole, first_run_whole); the run without failure
 * must succeed.
 */
static void each_allocation_fails(operation op, long stride)
{
	char *before = dump_of();
	long n, runs = 0;

	for (n = 1;; n = next_fault(n, stride)) {
		mms_db *db = NULL;
		int rc;

		runs++;
		count = 0;
		failures = 0;
		fail_at = n;
		armed = 1;
		rc = mms_db_open(db_path, 0, &db);
		if (rc == MMS_OK)
			rc = op(db);
		mms_db_close(db);
		armed = 0;
		if (failures == 0) {
			/* past the last allocation: the operation ran whole */
			assert_int_equal(rc, MMS_OK);
			break;
		}
		if (rc == MMS_OK) {
			/* a failure SQLite absorbed (it retries some allocations): the
			   work was done whole; start the next round from the state before */
			before = start_again(op, before);
			continue;
		}
		{
			char *after = dump_of();
			int changed = strcmp(before, after) != 0;

			if (changed && !(first_run_whole && strcmp(first_run_whole, after) == 0)) {
				FILE *f1 = fopen("/tmp/faults-before.txt", "w"),
				     *f2 = fopen("/tmp/faults-after.txt", "w");

				if (f1 && f2) {
					fputs(before, f1);
					fputs(after, f2);
				}
				if (f1)
					fclose(f1);
				if (f2)
					fclose(f2);
				fail_msg("allocation %ld failing (rc %d: %s) changed the database",
				         n, rc, "see /tmp/faults-*.txt");
			}
			free(after);
			/* the classification's first run stayed, whole */
			if (changed)
				before = start_again(op, before);
		}
	}
	print_message("%ld allocations, %ld of them failed in turn\n", n - 1, runs - 1);
	assert_true(n > 50);
	free(before);
}

static void import_under_allocation_failures(void **state)
{
	(void)state;
	each_allocation_fails(do_import, FAULT_STRIDE);
}

/* Two assessments' results imported; the copy to start again from made. */
static void prepare_pristine(void)
{
	prepare_classify();
	snprintf(pristine, sizeof(pristine), "%s.pristine", db_path);
	copy_file(db_path, pristine);
}

static void classify_under_allocation_failures(void **state)
{
	(void)state;
	prepare_pristine();
	each_allocation_fails(do_classify_one, FAULT_STRIDE);
	unlink(pristine);
}

static void classify_ahead_under_allocation_failures(void **state)
{
	mms_db *db;

	(void)state;
	prepare_pristine();
	assert_int_equal(mms_db_open(db_path, 0, &db), MMS_OK);
	assert_int_equal(mms_deficits_classify(db, "a", NULL), MMS_OK);
	mms_db_close(db);
	first_run_whole = dump_of();
	copy_file(pristine, db_path);
	each_allocation_fails(do_classify, FAULT_STRIDE_AHEAD);
	free(first_run_whole);
	first_run_whole = NULL;
	unlink(pristine);
}

/* Whether skill SKILL's deficit of the district in assessment b recurs, as E reads it. */
static int district_recurs(mms_earlier *e, mms_db *db, sqlite3_int64 skill)
{
	sqlite3_int64 b = t_int(db, "SELECT id FROM assessment WHERE code = 'b'");
	int out = -1;

	assert_int_equal(mms_earlier_load(e, b, "2026-05-15", &skill, 1), MMS_OK);
	assert_int_equal(mms_earlier_recurs(e, 0, NULL, NULL, &out), MMS_OK);
	return out;
}

/*
 * A run whose deficits could not all be kept (out of memory while they were
 * stored) is read from the database, not from the rows kept before the
 * failure, though its assessment had a run kept before.
 */
static void kept_run_lost_is_read(void **state)
{
	sqlite3_int64 a, run, skill = 0;
	mms_earlier *e;
	mms_db *db;

	(void)state;
	prepare_classify();
	assert_int_equal(mms_db_open(db_path, 0, &db), MMS_OK);
	assert_int_equal(do_classify(db), MMS_OK);
	a = t_int(db, "SELECT id FROM assessment WHERE code = 'a'");
	run = t_int(db, "SELECT max(id) FROM deficit_run WHERE assessment_id = (SELECT id FROM "
	                "assessment WHERE code = 'a')");
	assert_int_equal(mms_earlier_new(db, &e), MMS_OK);
	/* a skill of b that was no deficit of the district in a */
	for (int i = 0; i < 4 && !skill; i++) {
		char sql[256];
		sqlite3_int64 k;

		snprintf(sql, sizeof(sql),
		         "SELECT coalesce((SELECT DISTINCT skill_id FROM task_skill ts JOIN task t "
		         "ON t.id = ts.task_id JOIN assessment s ON s.id = t.assessment_id "
		         "WHERE s.code = 'b' ORDER BY skill_id LIMIT 1 OFFSET %d), 0)",
		         i);
		k = t_int(db, sql);
		if (k && district_recurs(e, db, k) == 0)
			skill = k;
	}
	assert_true(skill > 0);
	/* a's run kept once, whole */
	mms_earlier_hold_begin(e);
	mms_earlier_stored(e, a, run);
	/* then kept again with that deficit among its first 16 rows, the 17th failing */
	mms_earlier_hold_begin(e);
	mms_earlier_hold(e, skill, 0, 0);
	for (int i = 1; i < 16; i++)
		mms_earlier_hold(e, skill + 1000000 + i, 0, 0);
	count = 0;
	fail_at = 1;
	armed = 1;
	mms_earlier_hold(e, skill + 2000000, 0, 0);
	armed = 0;
	fail_at = 0;
	assert_int_equal(failures, 1);
	mms_earlier_stored(e, a, run);
	assert_int_equal(district_recurs(e, db, skill), 0);
	mms_earlier_free(e);
	mms_db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(import_under_allocation_failures, setup, teardown),
	    cmocka_unit_test_setup_teardown(classify_under_allocation_failures, setup, teardown),
	    cmocka_unit_test_setup_teardown(classify_ahead_under_allocation_failures, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(kept_run_lost_is_read, setup, teardown),
	};

	install_sqlite_hook();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
