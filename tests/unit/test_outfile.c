/* mms_outfile: whole files in a private folder, never over the database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "mms/outfile.h"

static void write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static void test_outfile(void **state)
{
	char dir[] = "/tmp/mms-out-XXXXXX", target[128], stale[128], inner[160], link[128];
	char *path;
	mms_db *db = t_db(&path);
	mms_outfile o;
	struct stat sb;
	mode_t old = umask(022);

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(target, sizeof(target), "%s/r.html", dir);
	/* a new file: written in a private folder beside it, then 0600 in place */
	assert_int_equal(mms_outfile_begin(db, target, 0, &o), MMS_OK);
	assert_non_null(strstr(o.tmp, "/.mms-tmp-"));
	assert_int_equal(stat(o.dir, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	write_text(o.tmp, "<html></html>\n");
	assert_int_equal(mms_outfile_end(db, &o, 1), MMS_OK);
	assert_int_equal(stat(target, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	/* not OK: nothing replaced, nothing left */
	assert_int_equal(mms_outfile_begin(db, target, 0, &o), MMS_OK);
	write_text(o.tmp, "half");
	snprintf(inner, sizeof(inner), "%s", o.dir);
	assert_int_equal(mms_outfile_end(db, &o, 0), MMS_OK);
	assert_int_not_equal(stat(inner, &sb), 0);
	/* the database, a folder: refused */
	assert_int_equal(mms_outfile_begin(db, path, MMS_OUT_FORCE, &o), MMS_EUSAGE);
	assert_non_null(strstr(mms_errmsg(db), "is the database"));
	snprintf(link, sizeof(link), "%s/db-link", dir);
	assert_int_equal(symlink(path, link), 0);
	assert_int_equal(mms_outfile_begin(db, link, 0, &o), MMS_EUSAGE);
	assert_int_equal(mms_outfile_begin(db, dir, 0, &o), MMS_EUSAGE);
	/* a dead run's private folder goes; a link with such a name is not followed */
	snprintf(stale, sizeof(stale), "%s/.mms-tmp-999999-AbCdEf", dir);
	assert_int_equal(mkdir(stale, 0700), 0);
	snprintf(inner, sizeof(inner), "%s/r.html", stale);
	write_text(inner, "partial, with names");
	assert_int_equal(mms_outfile_begin(db, target, 0, &o), MMS_OK);
	assert_int_not_equal(stat(stale, &sb), 0);
	assert_int_equal(mms_outfile_end(db, &o, 0), MMS_OK);
	snprintf(stale, sizeof(stale), "%s/.mms-tmp-999998-AbCdEf", dir);
	assert_int_equal(symlink(target, stale), 0);
	assert_int_equal(mms_outfile_begin(db, target, 0, &o), MMS_OK);
	assert_int_equal(mms_outfile_end(db, &o, 0), MMS_OK);
	assert_int_equal(stat(target, &sb), 0); /* the link's target survives */
	unlink(stale);
	unlink(link);
	unlink(target);
	rmdir(dir);
	umask(old);
	mms_db_close(db);
	t_remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_outfile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
