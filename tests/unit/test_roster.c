/* Importing the roster: schools, teachers, subjects, classes, who teaches which class. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "helpers.h"
#include "mms/roster.h"
#include "mms/teachers.h"

#define HEADER "Код ОО;Школа;Учитель;Предмет;Классы;Год рождения;Педагогический стаж\n"

static const char roster1[] =
    HEADER "001;МБОУ «СОШ № 1»;Иванова Анна Петровна;Математика;5А,5Б;1980;20\n"
           "001;МБОУ «СОШ № 1»;Иванова Анна Петровна;Алгебра;7 а;1980;20\n"
           "001;МБОУ «СОШ № 1»;Петров Пётр;Русский язык;5-А, 6Б;;\n"
           "\n"
           "002;Кедровская ООШ;Сидорова Ё. Й.;математика;5A;1990;3,5\n";

struct fx {
	mms_db *db;
	char *dbpath;
	char *files[4];
	int nfiles;
	mms_roster_stats st;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	f->db = t_db(&f->dbpath);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	for (int i = 0; i < f->nfiles; i++)
		t_remove(f->files[i]);
	mms_db_close(f->db);
	t_remove(f->dbpath);
	free(f);
	return 0;
}

/* Writes TEXT to a file kept until teardown; returns its path. */
static const char *file(struct fx *f, const char *text)
{
	assert_true(f->nfiles < 4);
	f->files[f->nfiles] = t_write_str(text);
	return f->files[f->nfiles++];
}

static int import1(struct fx *f, const char *path)
{
	const char *files[1] = {path};

	return mms_roster_import(f->db, files, 1, MMS_ENC_AUTO, NULL, NULL, &f->st);
}

/* Some diagnostic is exactly "PATH:LINE: " followed by text containing WHAT. */
static void assert_has_diag(mms_db *db, const char *path, long line, const char *what)
{
	char prefix[4200];

	snprintf(prefix, sizeof(prefix), "%s:%ld: ", path, line);
	for (size_t i = 0; i < mms_diag_count(db); i++) {
		const char *d = mms_diag_at(db, i);

		if (strncmp(d, prefix, strlen(prefix)) == 0 && strstr(d, what))
			return;
	}
	for (size_t i = 0; i < mms_diag_count(db); i++)
		print_error("diagnostic: %s\n", mms_diag_at(db, i));
	fail_msg("no diagnostic '%s…%s…'", prefix, what);
}

static long long count(struct fx *f, const char *table)
{
	char sql[128];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	return t_int(f->db, sql);
}

static void test_import(void **state)
{
	struct fx *f = *state;

	assert_int_equal(import1(f, file(f, roster1)), MMS_OK);
	assert_int_equal(mms_diag_count(f->db), 0);
	assert_int_equal(f->st.files, 1);
	assert_int_equal(f->st.rows, 4);
	assert_int_equal(f->st.schools, 2);
	assert_int_equal(f->st.teachers, 3);
	assert_int_equal(f->st.teachers_new, 3);
	assert_int_equal(f->st.subjects, 3); /* математика twice, in other cases */
	assert_int_equal(f->st.classes, 5);  /* 5а 5б 7а 6б in 001, 5а in 002 */
	assert_int_equal(f->st.teachings, 6);

	assert_int_equal(count(f, "school"), 2);
	assert_int_equal(count(f, "teacher"), 3);
	assert_int_equal(count(f, "subject"), 3);
	assert_int_equal(count(f, "class"), 5);
	assert_int_equal(count(f, "teaching"), 6);
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM school WHERE code = '001' AND "
	                              "name = 'МБОУ «СОШ № 1»' AND name_key = 'мбоу сош № 1'"),
	                 1);
	assert_int_equal(t_int(f->db, "SELECT birth_year FROM teacher WHERE name_key = "
	                              "'иванова анна петровна'"),
	                 1980);
	assert_int_equal(t_int(f->db, "SELECT experience FROM teacher WHERE name_key = "
	                              "'иванова анна петровна'"),
	                 20);
	assert_int_equal(t_int(f->db, "SELECT experience FROM teacher WHERE name_key = "
	                              "'сидорова е. й.'"),
	                 3);
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM teacher WHERE name_key = 'петров петр' "
	                              "AND birth_year IS NULL AND experience IS NULL"),
	                 1);
	/* "5А" and "5-А" are one class of school 001; "5A" (Latin) is 5а of school 002 */
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM class c JOIN school s ON s.id = "
	                              "c.school_id WHERE c.label_key = '5а' AND c.grade = 5"),
	                 2);
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM class WHERE label_key = '7а' AND "
	                              "grade = 7"),
	                 1);
	/* who teaches 5а in 001: Иванова (математика) and Петров (русский язык) */
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM teaching g JOIN class c ON c.id = "
	                              "g.class_id JOIN school s ON s.id = c.school_id WHERE "
	                              "s.code = '001' AND c.label_key = '5а'"),
	                 2);
	assert_int_equal(sqlite3_get_autocommit(f->db->sql), 1);
}

static void test_reimport_no_duplicates(void **state)
{
	struct fx *f = *state;
	const char *path = file(f, roster1);
	char *before;

	assert_int_equal(import1(f, path), MMS_OK);
	before = t_dump(f->db);
	assert_int_equal(import1(f, path), MMS_OK);
	assert_int_equal(f->st.teachers_new, 0);
	assert_int_equal(f->st.teachers, 3);
	assert_int_equal(f->st.teachings, 6);
	assert_int_equal(count(f, "school"), 2);
	assert_int_equal(count(f, "teacher"), 3);
	assert_int_equal(count(f, "class"), 5);
	assert_int_equal(count(f, "teaching"), 6);
	{
		char *after = t_dump(f->db);

		assert_string_equal(after, before);
		free(after);
	}
	free(before);
}

static void test_second_import_replaces_school(void **state)
{
	struct fx *f = *state;

	assert_int_equal(import1(f, file(f, roster1)), MMS_OK);
	assert_int_equal(import1(f, file(f, HEADER "001;\"МБОУ \"\"СОШ № 1\"\"\";ИВАНОВА анна "
	                                           "петровна;Математика;5Б;1980;21\n")),
	                 MMS_OK);
	assert_int_equal(f->st.teachers_new, 0);
	/* school 001 now has exactly one assignment; 002 keeps its own */
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM teaching g JOIN teacher t ON t.id = "
	                              "g.teacher_id JOIN school s ON s.id = t.school_id WHERE "
	                              "s.code = '001'"),
	                 1);
	assert_int_equal(t_int(f->db,
	                       "SELECT count(*) FROM teaching g JOIN teacher t ON t.id = "
	                       "g.teacher_id JOIN school s ON s.id = t.school_id JOIN "
	                       "class c ON c.id = g.class_id WHERE s.code = '001' AND "
	                       "c.label_key = '5б' AND t.name_key = 'иванова анна петровна'"),
	                 1);
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM teaching g JOIN teacher t ON t.id = "
	                              "g.teacher_id JOIN school s ON s.id = t.school_id WHERE "
	                              "s.code = '002'"),
	                 1);
	/* teachers and classes stay; the teacher's data is updated */
	assert_int_equal(count(f, "teacher"), 3);
	assert_int_equal(count(f, "class"), 5);
	assert_int_equal(count(f, "school"), 2);
	assert_int_equal(t_int(f->db, "SELECT experience FROM teacher WHERE name_key = "
	                              "'иванова анна петровна'"),
	                 21);
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM school WHERE code = '001' AND name = "
	                              "'МБОУ \"СОШ № 1\"'"),
	                 1);
}

static void test_bad_rows_change_nothing(void **state)
{
	struct fx *f = *state;
	const char *bad;
	char *before, *after;

	assert_int_equal(import1(f, file(f, roster1)), MMS_OK);
	before = t_dump(f->db);
	bad = file(f, HEADER "003;Новая школа;Новый Учитель;Физика;8А;1985;10\n"
	                     "001;МБОУ «СОШ № 1»;;Математика;5А;1980;20\n"
	                     "001;МБОУ «СОШ № 1»;Иванова Анна Петровна;Математика;5А\n"
	                     "001;МБОУ «СОШ № 1»;Иванова Анна Петровна;;5А;1980;20\n");
	assert_int_equal(import1(f, bad), MMS_EDATA);
	assert_int_equal(mms_errcode(f->db), MMS_EDATA);
	assert_non_null(strstr(mms_errmsg(f->db), "nothing was imported"));
	assert_int_equal(mms_diag_count(f->db), 3);
	assert_has_diag(f->db, bad, 3, "the teacher is empty");
	assert_has_diag(f->db, bad, 4, "5 fields where the header has 7");
	assert_has_diag(f->db, bad, 5, "the subject is empty");
	after = t_dump(f->db);
	assert_string_equal(after, before);
	assert_int_equal(count(f, "school"), 2);
	assert_int_equal(sqlite3_get_autocommit(f->db->sql), 1);
	free(before);
	free(after);
}

static void test_bad_second_file_rolls_back_first(void **state)
{
	struct fx *f = *state;
	const char *files[2];
	char *before, *after;

	before = t_dump(f->db);
	files[0] = file(f, roster1);
	files[1] = file(f, "Фамилия;Имя\nИванов;Иван\n");
	assert_int_equal(mms_roster_import(f->db, files, 2, MMS_ENC_AUTO, NULL, NULL, &f->st),
	                 MMS_EDATA);
	assert_has_diag(f->db, files[1], 1, "unknown column set");
	after = t_dump(f->db);
	assert_string_equal(after, before);
	assert_int_equal(count(f, "school"), 0);
	free(before);
	free(after);
}

static void test_school_with_two_names(void **state)
{
	struct fx *f = *state;
	const char *path = file(f, HEADER "001;СОШ № 1;Иванова А. П.;Математика;5А;;\n"
	                                  "001;«СОШ № 1»;Петров П. П.;Физика;7А;;\n"
	                                  "001;Гимназия № 2;Сидоров С. С.;Химия;8А;;\n");

	assert_int_equal(import1(f, path), MMS_EDATA);
	/* the same name in quotes is no contradiction; another name is */
	assert_int_equal(mms_diag_count(f->db), 1);
	{
		char want[4200];

		snprintf(want, sizeof(want), "'Гимназия № 2' here but 'СОШ № 1' at %s:2", path);
		assert_has_diag(f->db, path, 4, want);
	}
	assert_int_equal(count(f, "school"), 0);
	assert_int_equal(count(f, "teacher"), 0);
}

static void test_bad_class_label(void **state)
{
	struct fx *f = *state;
	const char *path = file(f, HEADER "001;СОШ № 1;Иванова А. П.;Математика;5А, Х;;\n"
	                                  "001;СОШ № 1;Иванова А. П.;Алгебра;12А;;\n"
	                                  "001;СОШ № 1;Иванова А. П.;Геометрия;7А,,8Б;;\n");

	assert_int_equal(import1(f, path), MMS_EDATA);
	assert_int_equal(mms_diag_count(f->db), 2);
	assert_has_diag(f->db, path, 2, "'Х' is not a class label");
	assert_has_diag(f->db, path, 3, "'12А' is not a class label");
	assert_int_equal(count(f, "class"), 0);
}

static void test_birth_year_range(void **state)
{
	struct fx *f = *state;
	time_t now = time(NULL);
	struct tm tm;
	char text[2048];
	const char *path;
	int year;

	gmtime_r(&now, &tm);
	year = tm.tm_year + 1900;
	snprintf(text, sizeof(text),
	         HEADER "001;СОШ № 1;А;Математика;5А;1929;\n"
	                "001;СОШ № 1;Б;Математика;5Б;%d;\n"
	                "001;СОШ № 1;В;Математика;5В;198x;\n"
	                "001;СОШ № 1;Г;Математика;5Г;1930;\n"
	                "001;СОШ № 1;Д;Математика;5Д;%d;\n"
	                "001;СОШ № 1;Е;Математика;5Е;1980;71\n"
	                "001;СОШ № 1;Ж;Математика;5Ж;1980;-1\n",
	         year - 15, year - 16);
	path = file(f, text);
	assert_int_equal(import1(f, path), MMS_EDATA);
	assert_int_equal(mms_diag_count(f->db), 5);
	assert_has_diag(f->db, path, 2, "year of birth '1929'");
	{
		char want[64];

		snprintf(want, sizeof(want), "year of birth '%d'", year - 15);
		assert_has_diag(f->db, path, 3, want);
	}
	assert_has_diag(f->db, path, 4, "year of birth '198x'");
	assert_has_diag(f->db, path, 7, "teaching experience '71'");
	assert_has_diag(f->db, path, 8, "teaching experience '-1'");
	assert_int_equal(count(f, "teacher"), 0);
}

static void test_missing_file(void **state)
{
	struct fx *f = *state;
	const char *files[1] = {"/nonexistent/roster.csv"};

	assert_int_equal(mms_roster_import(f->db, files, 1, MMS_ENC_AUTO, NULL, NULL, &f->st),
	                 MMS_EOPEN);
	assert_non_null(strstr(mms_errmsg(f->db), "'/nonexistent/roster.csv'"));
	assert_int_equal(sqlite3_get_autocommit(f->db->sql), 1);
	assert_int_equal(count(f, "school"), 0);
}

static int import_year(struct fx *f, const char *path, const char *year)
{
	const char *files[1] = {path};

	return mms_roster_import(f->db, files, 1, MMS_ENC_AUTO, NULL, year, &f->st);
}

#define YEARS(school)                                                                              \
	"SELECT group_concat(year, ' ') FROM (SELECT DISTINCT g.year FROM teaching g "             \
	"JOIN teacher t ON t.id = g.teacher_id JOIN school s ON s.id = t.school_id "               \
	"WHERE s.code = '" school "' ORDER BY g.year)"

/* Assignments by school year: an import replaces its years of its schools only. */
static void test_school_years(void **state)
{
	struct fx *f = *state;
	const char *year2 =
	    file(f, "Код ОО;Школа;Учитель;Предмет;Классы;Учебный год\n"
	            "001;МБОУ «СОШ № 1»;Петров Пётр;Математика;6А;2026-27\n"
	            "001;МБОУ «СОШ № 1»;Петров Пётр;Математика;5А;2027/2028 уч. г.\n");

	assert_int_equal(import_year(f, file(f, roster1), "2025/2026"), MMS_OK);
	assert_int_equal(f->st.nyears, 1);
	assert_string_equal(f->st.years[0], "2025/2026");
	assert_string_equal(t_text(f->db, YEARS("001")), "2025/2026");
	/* the column: two more years of school 001; 2025/2026 and school 002 stay */
	assert_int_equal(import1(f, year2), MMS_OK);
	assert_int_equal(f->st.nyears, 2);
	assert_string_equal(f->st.years[0], "2026/2027");
	assert_string_equal(f->st.years[1], "2027/2028");
	assert_string_equal(t_text(f->db, YEARS("001")), "2025/2026 2026/2027 2027/2028");
	assert_string_equal(t_text(f->db, YEARS("002")), "2025/2026");
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM teaching WHERE year = '2025/2026'"), 6);
	/* 2025/2026 again, with one row: school 001's year replaced, not the others */
	assert_int_equal(import_year(f,
	                             file(f, HEADER "001;МБОУ «СОШ № 1»;Петров Пётр;Математика;"
	                                            "5В;;\n"),
	                             "2025-2026"),
	                 MMS_OK);
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM teaching g JOIN teacher t ON "
	                              "t.id = g.teacher_id WHERE t.school_id = (SELECT id FROM "
	                              "school WHERE code = '001') AND g.year = '2025/2026'"),
	                 1);
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM teaching WHERE year = '2026/2027'"), 1);
	assert_string_equal(t_text(f->db, YEARS("002")), "2025/2026");
}

/* A school year that is none, or contradicts --year: nothing imported. */
static void test_bad_school_year(void **state)
{
	struct fx *f = *state;
	const char *path = file(f, "Код ОО;Школа;Учитель;Предмет;Классы;Учебный год\n"
	                           "001;СОШ;Петров Пётр;Математика;6А;2026/2028\n"
	                           "001;СОШ;Петров Пётр;Математика;6Б;осень\n"
	                           "001;СОШ;Петров Пётр;Математика;6В;2026/2027\n");

	assert_int_equal(import1(f, path), MMS_EDATA);
	assert_has_diag(f->db, path, 2, "school year '2026/2028' is not a school year");
	assert_has_diag(f->db, path, 3, "school year 'осень' is not a school year");
	assert_int_equal(count(f, "teaching"), 0);
	assert_int_equal(import_year(f, path, "2025/2026"), MMS_EDATA);
	assert_has_diag(f->db, path, 4, "school year '2026/2027' contradicts --year 2025/2026");
	assert_int_equal(import_year(f, path, "2026"), MMS_EUSAGE);
	assert_non_null(strstr(mms_errmsg(f->db), "'2026' is not a school year"));
	assert_int_equal(count(f, "teaching"), 0);
}

#define CODES(school)                                                                              \
	"SELECT group_concat(code || ':' || kind, ' ') FROM (SELECT c.code, c.kind FROM "          \
	"school_code c JOIN school s ON s.id = c.school_id WHERE s.name_key = '" school "' "       \
	"ORDER BY c.code)"

/* Код ОО may list several codes, the first the main one; Код РЦОИ adds the regional ones. */
static void test_school_codes(void **state)
{
	struct fx *f = *state;
	const char *path =
	    file(f, "Код ОО;Школа;Учитель;Предмет;Классы;Код РЦОИ\n"
	            "edu241001, 241001;СОШ № 1;Иванова А. П.;Математика;5А;9306\n"
	            "edu241001, 241001;СОШ № 1;Петров П. П.;Физика;7А;9306\n"
	            "\"edu241002; 241002\";ООШ № 2;Сидоров С. С.;Химия;8А;\"9307, 9308\"\n"
	            "003,;ООШ № 3;Козлов К. К.;Химия;8А;\n");
	int64_t id = 0;

	assert_int_equal(import1(f, path), MMS_OK);
	assert_int_equal(f->st.schools, 3);
	assert_int_equal(count(f, "school"), 3);
	assert_string_equal(t_text(f->db, "SELECT group_concat(code, ' ') FROM (SELECT code "
	                                  "FROM school ORDER BY code)"),
	                    "003 edu241001 edu241002");
	assert_string_equal(t_text(f->db, CODES("сош № 1")), "241001:oo 9306:rcoi edu241001:oo");
	assert_string_equal(t_text(f->db, CODES("оош № 2")),
	                    "241002:oo 9307:rcoi 9308:rcoi edu241002:oo");
	assert_string_equal(t_text(f->db, CODES("оош № 3")), "003:oo");
	/* any code finds the school */
	assert_int_equal(mms_teacher_find(f->db, "Иванова А. П.", "9306", &id), MMS_OK);
	assert_int_equal(id, t_int(f->db, "SELECT id FROM teacher WHERE name_key = "
	                                  "'иванова а. п.'"));
	assert_int_equal(mms_teacher_find(f->db, "Сидоров С. С.", "241002", &id), MMS_OK);
	assert_int_equal(mms_teacher_find(f->db, "Иванова А. П.", "9307", &id), MMS_ENOTFOUND);
}

/* Other names of the column of РЦОИ codes. */
static void test_rcoi_column_names(void **state)
{
	struct fx *f = *state;
	static const char *const names[] = {"Код ОО РЦОИ", "РЦОИ", "RCOI code"};

	for (int i = 0; i < 3; i++) {
		char text[512];

		snprintf(text, sizeof(text),
		         "Код ОО;Школа;Учитель;Предмет;Классы;%s\n"
		         "00%d;Школа %d;Иванова А. П.;Математика;5А;930%d\n",
		         names[i], i, i, i);
		assert_int_equal(import1(f, file(f, text)), MMS_OK);
		assert_string_equal(
		    t_text(f->db,
		           "SELECT s.code || ' ' || c.kind FROM school_code c "
		           "JOIN school s ON s.id = c.school_id WHERE c.code = '930%d'",
		           i),
		    i == 0   ? "000 rcoi"
		    : i == 1 ? "001 rcoi"
		             : "002 rcoi");
	}
}

/*
 * A school is found by any code of its Код ОО: the code it was imported
 * with, now listed second, is no new school, and re-importing changes nothing.
 */
static void test_school_found_by_any_code(void **state)
{
	struct fx *f = *state;
	const char *path = file(f, "Код ОО;Школа;Учитель;Предмет;Классы;Код РЦОИ\n"
	                           "edu001, 001;МБОУ «СОШ № 1»;Иванова Анна Петровна;"
	                           "Математика;5А,5Б;9306\n");
	char *before, *after;

	assert_int_equal(import1(f, file(f, roster1)), MMS_OK);
	assert_int_equal(import1(f, path), MMS_OK);
	assert_int_equal(mms_diag_count(f->db), 0);
	assert_int_equal(f->st.teachers_new, 0);
	assert_int_equal(count(f, "school"), 2);
	assert_int_equal(count(f, "teacher"), 3);
	/* the first code is now the main one; the school keeps its teachers */
	assert_string_equal(t_text(f->db, CODES("мбоу сош № 1")), "001:oo 9306:rcoi edu001:oo");
	assert_string_equal(t_text(f->db, "SELECT s.code FROM teacher t JOIN school s ON s.id = "
	                                  "t.school_id WHERE t.name_key = 'петров петр'"),
	                    "edu001");
	before = t_dump(f->db);
	assert_int_equal(import1(f, path), MMS_OK);
	after = t_dump(f->db);
	assert_string_equal(after, before);
	free(after);
	free(before);
	/* the roster with one code still finds it, by its code listed second before */
	assert_int_equal(import1(f, file(f, roster1)), MMS_OK);
	assert_int_equal(count(f, "school"), 2);
	assert_string_equal(t_text(f->db, "SELECT code FROM school WHERE name_key = "
	                                  "'мбоу сош № 1'"),
	                    "001");
	assert_string_equal(t_text(f->db, CODES("мбоу сош № 1")), "001:oo 9306:rcoi edu001:oo");
}

/* A code of another school: file:line and both schools named, nothing imported. */
static void test_code_of_another_school(void **state)
{
	struct fx *f = *state;
	const char *path;
	char *before, *after;

	assert_int_equal(import1(f, file(f, "Код ОО;Школа;Учитель;Предмет;Классы;Код РЦОИ\n"
	                                    "001;СОШ № 1;Иванова А. П.;Математика;5А;9306\n"
	                                    "002;ООШ № 2;Петров П. П.;Физика;7А;9307\n")),
	                 MMS_OK);
	before = t_dump(f->db);
	path = file(f, "Код ОО;Школа;Учитель;Предмет;Классы;Код РЦОИ\n"
	               "002;ООШ № 2;Петров П. П.;Физика;7А;9306\n"
	               "003;ООШ № 3;Сидоров С. С.;Химия;8А;9307\n"
	               "001, 002;СОШ № 1;Иванова А. П.;Математика;5А;\n"
	               "004, 005;ООШ № 4;Козлов К. К.;Химия;8А;005\n");
	assert_int_equal(import1(f, path), MMS_EDATA);
	assert_int_equal(mms_diag_count(f->db), 3);
	assert_has_diag(f->db, path, 2,
	                "code '9306' belongs to school '001' (СОШ № 1), not to school '002' "
	                "(ООШ № 2)");
	assert_has_diag(f->db, path, 3,
	                "code '9307' belongs to school '002' (ООШ № 2), not to school '003' "
	                "(ООШ № 3)");
	assert_has_diag(f->db, path, 4,
	                "code '002' belongs to school '002' (ООШ № 2), not to school '001' "
	                "(СОШ № 1)");
	assert_non_null(strstr(mms_errmsg(f->db), "nothing was imported"));
	after = t_dump(f->db);
	assert_string_equal(after, before);
	free(after);
	free(before);
}

/* Within one import, a school keeps the main code its first row gave it. */
static void test_main_code_contradiction(void **state)
{
	struct fx *f = *state;
	const char *path = file(f, HEADER "001;СОШ № 1;Иванова А. П.;Математика;5А;;\n"
	                                  "001, edu001;СОШ № 1;Петров П. П.;Физика;7А;;\n"
	                                  "edu001, 001;СОШ № 1;Сидоров С. С.;Химия;8А;;\n"
	                                  ",;СОШ № 1;Козлов К. К.;Химия;8А;;\n");
	char want[4200];

	assert_int_equal(import1(f, path), MMS_EDATA);
	assert_int_equal(mms_diag_count(f->db), 2);
	snprintf(want, sizeof(want),
	         "school 'СОШ № 1' has the main code 'edu001' here but '001' at %s:2", path);
	assert_has_diag(f->db, path, 4, want);
	assert_has_diag(f->db, path, 5, "the school code is empty");
	assert_int_equal(count(f, "school"), 0);
	assert_int_equal(count(f, "school_code"), 0);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_import),
	    T(test_reimport_no_duplicates),
	    T(test_second_import_replaces_school),
	    T(test_bad_rows_change_nothing),
	    T(test_bad_second_file_rolls_back_first),
	    T(test_school_with_two_names),
	    T(test_bad_class_label),
	    T(test_birth_year_range),
	    T(test_missing_file),
	    T(test_school_years),
	    T(test_bad_school_year),
	    T(test_school_codes),
	    T(test_rcoi_column_names),
	    T(test_school_found_by_any_code),
	    T(test_code_of_another_school),
	    T(test_main_code_contradiction),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
