/* Files given with -o are written whole or not at all (cmd/cli.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
/* the commands translate with gettext(), the library with dgettext() */
#undef _
#undef N_
#include "../../cmd/cli.c"
#include "../../cmd/table.c"

static char *slurp(const char *path)
{
	static char buf[256];
	FILE *fp = fopen(path, "r");
	size_t n;

	if (!fp)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static int temporaries(const char *path)
{
	char cmd[4200];
	FILE *p;
	int n = -1;

	snprintf(cmd, sizeof(cmd), "ls '%s'.tmp* 2>/dev/null | wc -l", path);
	p = popen(cmd, "r");
	if (p && fscanf(p, "%d", &n) != 1)
		n = -1;
	if (p)
		pclose(p);
	return n;
}

static void complete_output_takes_the_place(void **state)
{
	struct cli cli = {.name = "test"};
	struct cli_output o;
	char *path = t_write_str("old\n");

	(void)state;
	assert_int_equal(cli_output_open(&cli, &o, path), 0);
	assert_string_equal(slurp(path), "old\n"); /* untouched while writing */
	fputs("new\n", o.fp);
	assert_int_equal(cli_output_close(&cli, &o, 1), EXIT_OK);
	assert_string_equal(slurp(path), "new\n");
	assert_int_equal(temporaries(path), 0);
	t_remove(path);
}

static void failed_output_leaves_the_old_file(void **state)
{
	struct cli cli = {.name = "test"};
	struct cli_output o;
	char *path = t_write_str("old\n");

	(void)state;
	assert_int_equal(cli_output_open(&cli, &o, path), 0);
	fputs("half", o.fp);
	/* the command failed (out of memory, a write error): nothing replaces the file */
	assert_int_equal(cli_output_close(&cli, &o, 0), EXIT_OK);
	assert_string_equal(slurp(path), "old\n");
	assert_int_equal(temporaries(path), 0);
	t_remove(path);
}

static void no_path_is_stdout(void **state)
{
	struct cli cli = {.name = "test"};
	struct cli_output o;

	(void)state;
	assert_int_equal(cli_output_open(&cli, &o, NULL), 0);
	assert_ptr_equal(o.fp, stdout);
	assert_int_equal(cli_output_close(&cli, &o, 1), EXIT_OK);
}

static void unwritable_directory(void **state)
{
	struct cli cli = {.name = "test"};
	struct cli_output o;

	(void)state;
	assert_int_equal(cli_output_open(&cli, &o, "/nonexistent-dir/out.csv"), EXIT_IO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(complete_output_takes_the_place),
	    cmocka_unit_test(failed_output_leaves_the_old_file),
	    cmocka_unit_test(no_path_is_stdout),
	    cmocka_unit_test(unwritable_directory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
