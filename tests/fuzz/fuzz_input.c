/*
 * A libFuzzer harness over the whole input path: the bytes become a file,
 * read as a roster, as an assessment's description and as results (encoding
 * detection, CSV, header matching, validation, the database writes), against
 * a database that already holds a roster and two descriptions.
 *
 * Built with -DMMS_FUZZ=ON and clang; run with scripts/fuzz.sh.  Each input
 * starts from the same database (copied in with SQLite's backup API), so a
 * crash reproduces from its input alone: ./fuzz_input crash-FILE.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "mms/results.h"
#include "mms/roster.h"
#include "mms/spec.h"

static sqlite3 *template_db; /* the prepared database, never written after setup */
static mms_db *work;         /* the database each input is imported into */
static char input_path[256];

static void remove_input(void)
{
	unlink(input_path);
}

static void die(const char *what, mms_db *db)
{
	fprintf(stderr, "fuzz_input: %s: %s\n", what, db ? mms_errmsg(db) : "");
	for (size_t i = 0; db && i < mms_diag_count(db); i++)
		fprintf(stderr, "  %s\n", mms_diag_at(db, i));
	exit(1);
}

static void load_spec(mms_db *db, const char *id, const char *kind, int grade, const char *file)
{
	mms_spec_opts o = {.assessment = id, .subject = "Математика", .grade = grade, .kind = kind};
	mms_spec_stats st;

	if (mms_spec_import(db, &o, file, &st) != MMS_OK)
		die(file, db);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *roster[] = {MMS_TEST_DATA "/results/roster.csv"};
	const char *tmp = getenv("TMPDIR");
	mms_roster_stats rst;
	mms_db *prep;
	int fd;

	if (mms_db_open(":memory:", 0, &prep) != MMS_OK)
		die("opening the template", prep);
	if (mms_roster_import(prep, roster, 1, MMS_ENC_AUTO, NULL, NULL, &rst) != MMS_OK)
		die("the roster", prep);
	load_spec(prep, "vpr-m5", "ВПР", 5, MMS_TEST_DATA "/results/spec.csv");
	load_spec(prep, "oge-m9", "ОГЭ", 9, MMS_TEST_DATA "/results/spec-oge.csv");
	template_db = prep->sql; /* kept open for the whole run */
	prep->sql = NULL;
	mms_db_close(prep);

	if (mms_db_open(":memory:", 0, &work) != MMS_OK)
		die("opening the work database", work);

	snprintf(input_path, sizeof(input_path), "%s/mms-fuzz-XXXXXX.csv",
	         tmp && tmp[0] ? tmp : "/tmp");
	fd = mkstemps(input_path, 4);
	if (fd < 0) {
		perror("fuzz_input: mkstemps");
		exit(1);
	}
	close(fd);
	atexit(remove_input);
	return 0;
}

/* Puts the work database back to the template's content. */
static void reset_work(void)
{
	sqlite3_backup *b = sqlite3_backup_init(work->sql, "main", template_db, "main");

	if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE ||
	    sqlite3_backup_finish(b) != SQLITE_OK) {
		fprintf(stderr, "fuzz_input: resetting the database: %s\n",
		        sqlite3_errmsg(work->sql));
		abort();
	}
	mms_diag_clear(work);
}

static void write_input(const uint8_t *data, size_t size)
{
	FILE *fp = fopen(input_path, "wb");

	if (!fp || (size && fwrite(data, 1, size, fp) != size) || fclose(fp) != 0) {
		perror("fuzz_input: writing the input");
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *files[] = {input_path};
	mms_roster_stats rst;
	mms_spec_stats sst;
	mms_results_stats xst;
	mms_spec_opts so = {.assessment = "fuzz", .subject = "Математика", .grade = 5};
	mms_results_opts ro = {.assessment = "vpr-m5"};
	mms_results_opts rcoi = {
	    .assessment = "oge-m9", .school = "edu241001", .class_map = "1=9А,2=5А"};

	int rc[4];

	write_input(data, size);
	reset_work();

	rc[0] = mms_roster_import(work, files, 1, MMS_ENC_AUTO, NULL, NULL, &rst);
	mms_diag_clear(work);
	rc[1] = mms_spec_import(work, &so, input_path, &sst);
	mms_diag_clear(work);
	rc[2] = mms_results_import(work, &ro, files, 1, &xst);
	mms_results_stats_free(&xst);
	mms_diag_clear(work);
	rc[3] = mms_results_import(work, &rcoi, files, 1, &xst);
	mms_results_stats_free(&xst);
	mms_diag_clear(work);
	if (getenv("MMS_FUZZ_DEBUG")) /* what each import made of a reproduced input */
		fprintf(stderr, "roster %d, spec %d, results %d, rcoi %d\n", rc[0], rc[1], rc[2],
		        rc[3]);
	/* Whatever happened, the library left no transaction open. */
	if (!sqlite3_get_autocommit(work->sql))
		abort();
	return 0;
}
