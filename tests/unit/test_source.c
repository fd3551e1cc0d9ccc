/*
 * The row source every import reads: CSV or a workbook recognised by
 * content, the sheet found by its header or by name, places as the user
 * finds them, rows fitted to their header.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "helpers.h"
#include "input/source.h"
#include "input/spool.h"
#include "sha256.h"

static const char *const n_code[] = {"Код", NULL};
static const char *const n_name[] = {"Имя", NULL};
static const mms_column cols[] = {{n_code, 1}, {n_name, 1}};

/* A workbook at a new temporary path: a sheet of notes, then «Лист 2» with a table. */
static char *two_sheets(void)
{
	char *path = t_write_str("");
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *notes = workbook_add_worksheet(wb, "Справка"),
	              *table = workbook_add_worksheet(wb, "Лист 2");

	worksheet_write_string(notes, 0, 0, "Пояснения", NULL);
	worksheet_write_string(notes, 0, 1, "к таблице", NULL);
	worksheet_write_string(table, 1, 0, "Код", NULL);
	worksheet_write_string(table, 1, 1, "Имя", NULL);
	worksheet_write_string(table, 1, 2, "Примечание", NULL);
	worksheet_write_number(table, 2, 0, 7, NULL);
	worksheet_write_string(table, 2, 1, "семь", NULL);
	worksheet_write_number(table, 3, 0, 8, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	return path;
}

static void test_csv(void **state)
{
	char *dbpath, *path = t_write_str("\xEF\xBB\xBF"
	                                  "Титул\n\nКод;Имя\n1;один\n2\n");
	mms_db *db = t_db(&dbpath);
	mms_src *s;
	mms_row *row;
	int map[2];
	char place[512], want[512], hex[65];

	(void)state;
	assert_int_equal(mms_src_open(db, path, MMS_ENC_AUTO, "ignored", &s), MMS_OK);
	assert_int_equal(mms_src_kind(s), MMS_SRC_CSV);
	assert_int_equal(mms_src_sheets(s), 1);
	assert_null(mms_src_sheet_name(s, 0));
	assert_int_equal(mms_src_header(db, s, cols, 2, map, &row), MMS_OK);
	assert_int_equal(row->line, 3);
	assert_int_equal(map[0], 0);
	assert_int_equal(map[1], 1);
	assert_int_equal(mms_src_next(s, &row), 1);
	assert_int_equal(mms_src_fit(db, s, &row, 2), MMS_OK);
	assert_int_equal(mms_src_next(s, &row), 1);
	/* a CSV row with a field missing is an error of its line */
	assert_int_equal(mms_src_fit(db, s, &row, 2), MMS_EDATA);
	snprintf(want, sizeof(want), "%s:5: 1 fields where the header has 2", path);
	assert_non_null(strstr(mms_diag_at(db, 0), want));
	mms_src_place(s, 5, 1, place, sizeof(place));
	snprintf(want, sizeof(want), "%s:5", path);
	assert_string_equal(place, want);
	mms_src_place(s, 0, -1, place, sizeof(place));
	assert_string_equal(place, path);
	assert_int_equal(mms_src_next(s, &row), 0);
	mms_src_sha256(s, hex);
	assert_int_equal(strlen(hex), 64);
	mms_src_close(s);
	mms_db_close(db);
	t_remove(path);
	t_remove(dbpath);
}

static void test_workbook_found_by_header(void **state)
{
	char *dbpath, *path = two_sheets();
	mms_db *db = t_db(&dbpath);
	mms_src *s;
	mms_row *row;
	int map[2];
	char place[512], want[512], hex[65], direct[65];
	unsigned char buf[4096];
	mms_sha256 sha;
	FILE *fp;
	size_t n;

	(void)state;
	assert_int_equal(mms_src_open(db, path, MMS_ENC_CP1251, NULL, &s), MMS_OK);
	assert_int_equal(mms_src_kind(s), MMS_SRC_XLSX);
	assert_int_equal(mms_src_sheets(s), 2);
	assert_string_equal(mms_src_sheet_name(s, 1), "Лист 2");
	/* the first sheet is not the table: the second is read, no diagnostic kept */
	assert_int_equal(mms_src_header(db, s, cols, 2, map, &row), MMS_OK);
	assert_int_equal(mms_diag_count(db), 0);
	assert_int_equal(mms_src_sheet(s), 1);
	assert_int_equal(row->line, 2);
	assert_int_equal(mms_src_next(s, &row), 1);
	assert_string_equal(row->f[0], "7");
	assert_string_equal(row->f[1], "семь");
	/* a workbook's row lacks its empty cells at the end: fitted, not an error */
	assert_int_equal(mms_src_next(s, &row), 1);
	assert_int_equal(row->n, 1);
	assert_int_equal(mms_src_fit(db, s, &row, 3), MMS_OK);
	assert_int_equal(row->n, 3);
	assert_string_equal(row->f[0], "8");
	assert_string_equal(row->f[2], "");
	assert_int_equal(row->line, 4);
	/* places: the sheet quoted as Excel does, the cell */
	mms_src_place(s, 4, 2, place, sizeof(place));
	snprintf(want, sizeof(want), "%s:'Лист 2'!C4", path);
	assert_string_equal(place, want);
	mms_src_place(s, 4, -1, place, sizeof(place));
	snprintf(want, sizeof(want), "%s:'Лист 2'!4", path);
	assert_string_equal(place, want);
	mms_diag_cell(db, s, 4, 27, "bad %d", 1);
	snprintf(want, sizeof(want), "%s:'Лист 2'!AB4: bad 1", path);
	assert_string_equal(mms_diag_at(db, 0), want);
	/* the SHA-256 of a workbook is the whole file's */
	mms_src_sha256(s, hex);
	fp = fopen(path, "rb");
	assert_non_null(fp);
	mms_sha256_init(&sha);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		mms_sha256_update(&sha, buf, n);
	fclose(fp);
	mms_sha256_hex(&sha, direct);
	assert_string_equal(hex, direct);
	mms_src_close(s);
	mms_db_close(db);
	t_remove(path);
	t_remove(dbpath);
}

static void test_workbook_named_sheet(void **state)
{
	char *dbpath, *path = two_sheets();
	mms_db *db = t_db(&dbpath);
	mms_src *s;
	mms_row *row;
	int map[2];
	char want[512];

	(void)state;
	/* named, compared like other names: that sheet only */
	assert_int_equal(mms_src_open(db, path, MMS_ENC_AUTO, " справка ", &s), MMS_OK);
	assert_int_equal(mms_src_sheet(s), 0);
	assert_int_equal(mms_src_header(db, s, cols, 2, map, &row), MMS_EDATA);
	assert_int_equal(mms_diag_count(db), 1);
	snprintf(want, sizeof(want), "%s:Справка!1: unknown column set", path);
	assert_non_null(strstr(mms_diag_at(db, 0), want));
	mms_src_close(s);
	mms_diag_clear(db);
	/* a sheet it does not have: the message lists its sheets */
	assert_int_equal(mms_src_open(db, path, MMS_ENC_AUTO, "Лист1", &s), MMS_EDATA);
	assert_null(s);
	snprintf(want, sizeof(want),
	         "%s: the workbook has no sheet 'Лист1' (its sheets: «Справка», «Лист 2»)", path);
	assert_string_equal(mms_diag_at(db, 0), want);
	mms_db_close(db);
	t_remove(path);
	t_remove(dbpath);
}

static void test_no_sheet_has_it(void **state)
{
	static const char *const n_other[] = {"Предмет", NULL};
	static const mms_column other[] = {{n_other, 1}};
	char *dbpath, *path = two_sheets();
	mms_db *db = t_db(&dbpath);
	mms_src *s;
	mms_row *row;
	int map[1];
	char want[768];

	(void)state;
	assert_int_equal(mms_src_open(db, path, MMS_ENC_AUTO, NULL, &s), MMS_OK);
	assert_int_equal(mms_src_header(db, s, other, 1, map, &row), MMS_EDATA);
	/* the first sheet's diagnostic, then the sheets and what each looks like */
	assert_int_equal(mms_diag_count(db), 2);
	snprintf(want, sizeof(want), "%s:Справка!1: unknown column set", path);
	assert_non_null(strstr(mms_diag_at(db, 0), want));
	snprintf(want, sizeof(want),
	         "%s: no sheet of the workbook has that table (give --sheet): «Справка» (first "
	         "row: Пояснения | к таблице); «Лист 2» (first row: Код | Имя | Примечание)",
	         path);
	assert_string_equal(mms_diag_at(db, 1), want);
	mms_src_close(s);
	mms_db_close(db);
	t_remove(path);
	t_remove(dbpath);
}

/* An OLE file is read as .xls, a damaged one is bad data naming the file. */
static void test_kinds(void **state)
{
	static const unsigned char ole[16] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
	char *dbpath, *path = t_write_file(ole, sizeof(ole)), *zip = t_write_str("PK\003\004junk");
	mms_db *db = t_db(&dbpath);
	mms_src *s = NULL;

	(void)state;
	assert_int_equal(mms_src_open(db, path, MMS_ENC_AUTO, NULL, &s), MMS_EDATA);
	assert_null(s);
	assert_non_null(strstr(mms_diag_at(db, 0), path));
	mms_diag_clear(db);
	assert_int_equal(mms_src_open(db, zip, MMS_ENC_AUTO, NULL, &s), MMS_EDATA);
	assert_non_null(strstr(mms_diag_at(db, 0), zip));
	assert_int_equal(mms_src_open(db, "/nonexistent/x.xlsx", MMS_ENC_AUTO, NULL, &s),
	                 MMS_EOPEN);
	assert_non_null(strstr(mms_errmsg(db), "/nonexistent/x.xlsx"));
	mms_db_close(db);
	t_remove(path);
	t_remove(zip);
	t_remove(dbpath);
}

/*
 * What reading FILES[0..N) shows, file by file: each open's result and
 * error, the rows (their lines and fields), the end's result and SHA-256,
 * the diagnostics; file LEAVE is left after its first row.  A is the
 * reader ahead, or NULL for mms_src_open().
 */
static void transcript(mms_db *db, mms_src_ahead *a, char **files, int n, int leave, mms_buf *out)
{
	for (int i = 0; i < n; i++) {
		mms_src *s = NULL;
		mms_row *row;
		int rc = mms_src_open_ahead(db, a, i, files[i], MMS_ENC_AUTO, NULL, &s);

		mms_buf_addf(out, "file %d: open %d %s\n", i, rc, rc ? mms_errmsg(db) : "");
		while (s && (rc = mms_src_next(s, &row)) == 1) {
			mms_buf_addf(out, "%ld:", row->line);
			for (size_t f = 0; f < row->n; f++)
				mms_buf_addf(out, "|%s", row->f[f]);
			mms_buf_adds(out, "\n");
			if (i == leave)
				break;
		}
		if (s && i != leave) {
			char hex[65];

			mms_src_sha256(s, hex);
			mms_buf_addf(out, "end %d %s %s\n", rc, hex, rc < 0 ? mms_errmsg(db) : "");
		}
		for (size_t d = 0; d < mms_diag_count(db); d++)
			mms_buf_addf(out, "diag %s\n", mms_diag_at(db, d));
		mms_diag_clear(db);
		mms_src_close(s);
	}
}

/* FILES read ahead by a thread, into AHEAD, then in turn, into PLAIN: the same
   (first ahead, while files dropped from the cache are still out of it). */
static void ahead_as_in_turn(mms_db *db, char **files, int n, int leave, mms_buf *plain,
                             mms_buf *ahead)
{
	mms_src_ahead *a = mms_src_ahead_start((const char *const *)files, n, MMS_ENC_AUTO);

	assert_non_null(a);
	transcript(db, a, files, n, leave, ahead);
	mms_src_ahead_stop(a);
	transcript(db, NULL, files, n, leave, plain);
	assert_string_equal(ahead->p, plain->p);
}

/*
 * Files read ahead by a thread show what reading them in turn shows: rows,
 * errors, diagnostics and hashes, a workbook and a missing file among them,
 * a file left early, and more rows than the queue holds.
 */
static void test_ahead(void **state)
{
	char *dbpath, *files[7];
	mms_db *db = t_db(&dbpath);
	mms_buf big = {0}, plain = {0}, ahead = {0};
	mms_src_ahead *a;

	(void)state;
	mms_buf_adds(&big, "Код;Имя\n");
	for (int i = 0; i < 60000; i++) /* ≈ 6 MB: more than the 4 MiB the queue holds */
		mms_buf_addf(&big, "%d;%0100d\n", i, i);
	files[0] = t_write_str("\xEF\xBB\xBFКод;Имя\n1;один\n\n2;\"два\nстроки\"\n");
	files[1] = two_sheets();
	files[2] = strdup("/nonexistent/x.csv");
	files[3] = t_write_str("Код;Имя\n3;\x1b[31m\n4;\"открыта\n");
	files[4] = t_write_str(big.p);
	files[5] = t_write_str("Код;Имя\n5;пять\n");
	files[6] = t_write_str(big.p);
	ahead_as_in_turn(db, files, 7, 4, &plain, &ahead);
	assert_non_null(strstr(plain.p, "\n4:|2|два\nстроки\n"));
	assert_non_null(strstr(plain.p, "/nonexistent/x.csv"));
	assert_non_null(strstr(plain.p, "U+001B"));
	assert_non_null(strstr(plain.p, "60000:|59998|"));

	/* stopped before the files are read: nothing is left behind */
	a = mms_src_ahead_start((const char *const *)files, 7, MMS_ENC_AUTO);
	assert_non_null(a);
	mms_src_ahead_stop(a);
	mms_src_ahead_stop(NULL);
	assert_null(mms_src_ahead_start((const char *const *)files, 0, MMS_ENC_AUTO));

	for (int i = 0; i < 7; i++)
		if (i != 2)
			t_remove(files[i]);
	free(files[2]);
	mms_buf_free(&big);
	mms_buf_free(&plain);
	mms_buf_free(&ahead);
	mms_db_close(db);
	t_remove(dbpath);
}

/* Drops PATH's pages from the system's cache (where the file system lets it). */
static void uncache(const char *path)
{
	int fd = open(path, O_RDONLY);

	assert_true(fd >= 0);
	assert_int_equal(fsync(fd), 0);
	(void)posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	close(fd);
}

/*
 * Files not in the system's cache are read ahead as those in it are: the
 * thread, finding the first one had to come from the disk, asks for the
 * next ones together (what it reads is the same).
 */
static void test_ahead_cold(void **state)
{
	char *dbpath, *files[80];
	mms_db *db = t_db(&dbpath);
	mms_buf plain = {0}, ahead = {0};

	(void)state;
	for (int i = 0; i < 80; i++) {
		char text[64];

		snprintf(text, sizeof(text), "Код;Имя\n%d;имя %d\n", i, i);
		files[i] = t_write_str(text);
		uncache(files[i]);
	}
	ahead_as_in_turn(db, files, 80, -1, &plain, &ahead);
	assert_non_null(strstr(plain.p, "2:|79|имя 79\n"));
	for (int i = 0; i < 80; i++)
		t_remove(files[i]);
	mms_buf_free(&plain);
	mms_buf_free(&ahead);
	mms_db_close(db);
	t_remove(dbpath);
}

/* A pipe carrying the bytes of FILE (written by a thread: a workbook may not fit in
   the pipe), its read end's name in NAME ("/dev/fd/N"); the read end, to close. */
struct feed {
	int fd[2];
	char *data;
	size_t len;
	pthread_t writer;
};

static void *feed_write(void *arg)
{
	struct feed *f = arg;

	for (size_t done = 0; done < f->len;) {
		ssize_t w = write(f->fd[1], f->data + done, f->len - done);

		if (w <= 0)
			break;
		done += (size_t)w;
	}
	close(f->fd[1]);
	return NULL;
}

static void feed_start(struct feed *f, const char *file, char *name, size_t size)
{
	FILE *fp = fopen(file, "rb");

	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	f->len = (size_t)ftell(fp);
	rewind(fp);
	f->data = malloc(f->len + 1);
	assert_non_null(f->data);
	assert_int_equal(fread(f->data, 1, f->len, fp), f->len);
	fclose(fp);
	assert_int_equal(pipe(f->fd), 0);
	assert_int_equal(pthread_create(&f->writer, NULL, feed_write, f), 0);
	snprintf(name, size, "/dev/fd/%d", f->fd[0]);
}

static void feed_end(struct feed *f)
{
	pthread_join(f->writer, NULL);
	close(f->fd[0]);
	free(f->data);
}

/* What reading PATH shows (transcript() of it alone). */
static char *read_all(mms_db *db, const char *path)
{
	char *files[1] = {(char *)path};
	mms_buf out = {0};

	transcript(db, NULL, files, 1, -1, &out);
	return out.p;
}

/*
 * An input that can be read only once (a pipe) reads as the file it
 * carries, CSV or a workbook, again and again: it is copied once, and a
 * pipe of the same name later is another input.  A file is opened as it is.
 */
static void test_pipe(void **state)
{
	char *dbpath, name[64], *files[3], *want, *got;
	mms_db *db = t_db(&dbpath);
	const char *real;
	struct feed f;
	mms_buf plain = {0}, ahead = {0};

	(void)state;
	files[0] = t_write_str("Код;Имя\n1;один\n2;\"два\nстроки\"\n");
	files[1] = two_sheets();
	files[2] = t_write_str("Код;Имя\n3;три\n");
	assert_int_equal(mms_input_file(db, files[0], &real), MMS_OK);
	assert_ptr_equal(real, files[0]);
	assert_int_equal(mms_input_file(db, "/nonexistent/x.csv", &real), MMS_OK);
	assert_string_equal(real, "/nonexistent/x.csv");
	{
		int rc;

		assert_null(mms_input_fopen(db, "/nonexistent/x.csv", &rc));
		assert_int_equal(rc, MMS_EOPEN);
		assert_non_null(strstr(mms_errmsg(db), "/nonexistent/x.csv"));
	}

	for (int k = 0; k < 2; k++) {
		want = read_all(db, files[k]);
		feed_start(&f, files[k], name, sizeof(name));
		got = read_all(db, name);
		/* the same rows, hash and messages, named as given */
		assert_non_null(strstr(got, "file 0: open 0"));
		assert_string_equal(got, want);
		free(got);
		/* read again (a description is): the same, from the copy */
		assert_int_equal(mms_input_file(db, name, &real), MMS_OK);
		assert_string_not_equal(real, name);
		got = read_all(db, name);
		assert_string_equal(got, want);
		free(got);
		free(want);
		feed_end(&f);
	}

	/* among files read ahead: what reading them in turn shows */
	feed_start(&f, files[2], name, sizeof(name));
	{
		char *list[3] = {files[0], name, files[1]};

		ahead_as_in_turn(db, list, 3, -1, &plain, &ahead);
		assert_non_null(strstr(plain.p, "2:|3|три\n"));
	}
	feed_end(&f);

	/* an empty pipe is an empty file */
	{
		int fd[2];

		assert_int_equal(pipe(fd), 0);
		close(fd[1]);
		snprintf(name, sizeof(name), "/dev/fd/%d", fd[0]);
		got = read_all(db, name);
		assert_non_null(strstr(got, "the file is empty"));
		free(got);
		close(fd[0]);
	}
	for (int i = 0; i < 3; i++)
		t_remove(files[i]);
	mms_buf_free(&plain);
	mms_buf_free(&ahead);
	mms_db_close(db);
	t_remove(dbpath);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_csv),
	    cmocka_unit_test(test_workbook_found_by_header),
	    cmocka_unit_test(test_workbook_named_sheet),
	    cmocka_unit_test(test_no_sheet_has_it),
	    cmocka_unit_test(test_kinds),
	    cmocka_unit_test(test_ahead),
	    cmocka_unit_test(test_ahead_cold),
	    cmocka_unit_test(test_pipe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
