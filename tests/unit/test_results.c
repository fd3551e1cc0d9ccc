/*
 * The results importer (lib/results): task keys, cell markers, and through
 * mms_results_import() the class rules, the pseudonyms of protocols, marks
 * and the summary's stats.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "mms/results.h"
#include "mms/roster.h"
#include "mms/spec.h"
#include "results/internal.h"
#include "text.h"

/* edu1 has 5А and 5Б, edu2 has 5А; one teacher of Математика in each. */
static const char roster_csv[] =
    "Код ОО;Школа;Учитель;Предмет;Классы;Год рождения;Педагогический стаж\n"
    "edu1;МБОУ «Первая СОШ»;Иванова Анна Петровна;Математика;5А,5Б;1980;20\n"
    "edu2;МБОУ «Вторая ООШ»;Сидорова Мария Ивановна;Математика;5А;1990;8\n";

/* The shape of tests/data/results/spec.csv: tasks 1 (1), 2.1 (2), 4К1 (3). */
static const char spec_csv[] =
    "Задание;Макс. балл;Уровень;Код умения;Проверяемое умение;Вид умения\n"
    "1;1;Б;1.1;Развитие представлений о числе;предметное\n"
    "2.1;2;П;1.2, 7.5.2;Смысловое чтение;метапредметное (УУД)\n"
    "4К1;3;В;ЧГ1;Читательская грамотность;функциональная грамотность\n";

/* A protocol's tasks: 1 and 2 short answers (1 point), 3 a long one (2 points). */
static const char spec_protocol_csv[] =
    "Задание;Макс. балл;Уровень;Код умения;Проверяемое умение;Вид умения\n"
    "1;1;Б;1.1;Вычисления;предметное\n"
    "2;1;Б;1.2;Уравнения;предметное\n"
    "3;2;П;2.1;Геометрия;предметное\n";

#define RESULTS_HEADER "Код участника;Класс;1;2.1;4К1\n"
#define PROTOCOL_NAMES                                                                                                                                            \
	"Код ОО;Класс;Фамилия;Имя;Отчество;Задания с кратким ответом;Задания с развёрнутым " \
	"ответом\n"

struct fx {
	mms_db *db;
	char *dbpath;
	char *files[16];
	int nfiles;
	mms_results_stats st;
};

/* Writes TEXT to a file removed at teardown; returns its path. */
static const char *file(struct fx *f, const char *text)
{
	assert_true(f->nfiles < 16);
	f->files[f->nfiles] = t_write_str(text);
	return f->files[f->nfiles++];
}

/* The roster and both descriptions (vpr-m5, prot-m5) in DB. */
static void load(struct fx *f, mms_db *db)
{
	const char *roster[1] = {file(f, roster_csv)};
	const char *spec = file(f, spec_csv), *spec_prot = file(f, spec_protocol_csv);
	mms_spec_opts so = {.assessment = "vpr-m5", .subject = "Математика", .grade = 5};
	/* its codes are its own: the same codes with other words would be refused */
	mms_spec_opts sp = {
	    .assessment = "prot-m5", .subject = "Математика", .grade = 5, .codes = "protocol"};
	mms_roster_stats rst;
	mms_spec_stats sst;

	assert_int_equal(mms_roster_import(db, roster, 1, MMS_ENC_AUTO, NULL, NULL, &rst), MMS_OK);
	assert_int_equal(mms_spec_import(db, &so, spec, &sst), MMS_OK);
	assert_int_equal(sst.tasks, 3);
	assert_int_equal(mms_spec_import(db, &sp, spec_prot, &sst), MMS_OK);
	assert_int_equal(sst.tasks, 3);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->db = t_db(&f->dbpath);
	load(f, f->db);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	mms_results_stats_free(&f->st);
	for (int i = 0; i < f->nfiles; i++)
		t_remove(f->files[i]);
	mms_db_close(f->db);
	t_remove(f->dbpath);
	free(f);
	return 0;
}

/* Imports TEXT as one results file into DB (the stats in f->st, freed first). */
static int import_into(struct fx *f, mms_db *db, const char *assessment, const char *school,
                       const char *class_map, const char *text)
{
	mms_results_opts o = {.assessment = assessment, .school = school, .class_map = class_map};
	const char *files[1] = {file(f, text)};

	mms_results_stats_free(&f->st);
	return mms_results_import(db, &o, files, 1, &f->st);
}

static int import1(struct fx *f, const char *school, const char *class_map, const char *text)
{
	return import_into(f, f->db, "vpr-m5", school, class_map, text);
}

/* The label of the class the participant CODE is stored in ("NULL" if none, "" if no row). */
static const char *class_of(mms_db *db, const char *code)
{
	return t_text(db,
	              "SELECT coalesce(c.label, 'NULL') FROM participant p "
	              "LEFT JOIN class c ON c.id = p.class_id WHERE p.code = '%s'",
	              code);
}

/* The guess of the summary for VALUE in SCHOOL, or NULL. */
static const mms_class_guess *guess(const mms_results_stats *st, const char *school,
                                    const char *value)
{
	for (size_t i = 0; i < st->nclasses; i++)
		if (strcmp(st->classes[i].school, school) == 0 &&
		    strcmp(st->classes[i].value, value) == 0)
			return &st->classes[i];
	return NULL;
}

/* The diagnostic that contains A, and B and C unless NULL (fails if none does). */
static const char *diag_with(mms_db *db, const char *a, const char *b, const char *c)
{
	for (size_t i = 0; i < mms_diag_count(db); i++) {
		const char *d = mms_diag_at(db, i);

		if (strstr(d, a) && (!b || strstr(d, b)) && (!c || strstr(d, c)))
			return d;
	}
	for (size_t i = 0; i < mms_diag_count(db); i++)
		print_error("diagnostic: %s\n", mms_diag_at(db, i));
	fail_msg("no diagnostic with '%s' '%s' '%s'", a, b ? b : "", c ? c : "");
	return NULL;
}

/* The score of task SLOT stored for the participant CODE (fails if there is none). */
static double score_of(mms_db *db, const char *code, int slot, int *attempted)
{
	sqlite3_stmt *st;
	double v = -1;
	int ok;

	assert_int_equal(sqlite3_prepare_v2(db->sql,
	                                    "SELECT scores FROM participant WHERE code = ?1", -1,
	                                    &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	ok = mms_score_unpack(sqlite3_column_blob(st, 0), sqlite3_column_bytes(st, 0), slot, &v,
	                      attempted);
	sqlite3_finalize(st);
	assert_int_equal(ok, 1);
	return v;
}

/* ---- 1. task keys ------------------------------------------------------ */

static void assert_canon(const char *key, const char *want)
{
	char *c = rs_task_canon(key);

	assert_non_null(c);
	assert_string_equal(c, want);
	free(c);
}

static void test_task_canon(void **state)
{
	char *k, *a, *b;

	(void)state;
	assert_canon("5(1)", "5.1");
	assert_canon("16 (1)", "16.1");
	assert_canon("12", "12");
	/* a Latin k for the Cyrillic к of criteria */
	assert_canon("11.3 k1", "11.3к1");
	assert_canon("11.3к1", "11.3к1");
	/* keys are lower case: 4К1 as a key is 4к1, whichever way it is written */
	k = mms_key("4К1");
	assert_non_null(k);
	a = rs_task_canon(k);
	b = rs_task_canon("4к1");
	assert_non_null(a);
	assert_non_null(b);
	assert_string_equal(a, b);
	assert_string_equal(a, "4к1");
	free(k);
	free(a);
	free(b);
}

/* ---- 2. markers -------------------------------------------------------- */

static void test_absent_marker(void **state)
{
	/* as ФИС ОКО writes them, and otherwise spelt */
	static const char *const yes[] = {
	    "отсутствовал", "Отсутствовал", "ОТСУТСТВУЕТ", "н/я",   "Н", "H",
	    "не пройд.",    "неявка",       "absent",      "  н/я "};
	static const char *const no[] = {"", "0", "X", "Х ", "-", "—", "-1", "1"};

	(void)state;
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (!rs_is_absent_marker(yes[i]))
			fail_msg("'%s' is not read as absent", yes[i]);
		/* what is not attempted is passed over first: never a marker of absence */
		if (rs_is_not_attempted(yes[i]))
			fail_msg("'%s' is read as not attempted", yes[i]);
	}
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (rs_is_absent_marker(no[i]))
			fail_msg("'%s' is read as absent", no[i]);
}

static void test_not_attempted(void **state)
{
	static const char *const yes[] = {"X", "x", "Х", "х", "-", "–", "—", "-1", " X", "Х\u00a0"};
	static const char *const no[] = {"1", "0", "н/я", ""};

	(void)state;
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (!rs_is_not_attempted(yes[i]))
			fail_msg("'%s' is not read as not attempted", yes[i]);
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (rs_is_not_attempted(no[i]))
			fail_msg("'%s' is read as not attempted", no[i]);
}

/* ---- 3a. classes by order, letter and label ---------------------------- */

static void test_class_rules(void **state)
{
	struct fx *f = *state;
	const mms_class_guess *g;

	assert_int_equal(import1(f, "edu1", NULL,
	                         RESULTS_HEADER "1001;1;1;2;3\n"
	                                        "1002;1;0;1;0\n"
	                                        "1003;2;1;0;1\n"
	                                        "1004;а;1;1;1\n"
	                                        "1005;5 б;0;0;0\n"
	                                        "1006;1;1;1;1\n"),
	                 MMS_OK);
	assert_int_equal(f->st.rows, 6);
	assert_int_equal(f->st.students, 6);
	assert_int_equal(f->st.inserted, 6);
	assert_string_equal(class_of(f->db, "1001"), "5А");
	assert_string_equal(class_of(f->db, "1002"), "5А");
	assert_string_equal(class_of(f->db, "1003"), "5Б");
	assert_string_equal(class_of(f->db, "1004"), "5А");
	assert_string_equal(class_of(f->db, "1005"), "5Б");
	assert_string_equal(class_of(f->db, "1006"), "5А");
	/* every participant is in edu1 */
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM participant p JOIN school s ON "
	                              "s.id = p.school_id WHERE s.code = 'edu1'"),
	                 6);

	/* "1", "2", "а" are guesses; "5 б" is a label, no guess */
	assert_int_equal(f->st.nclasses, 3);
	g = guess(&f->st, "edu1", "1");
	assert_non_null(g);
	assert_string_equal(g->source, "order");
	assert_string_equal(g->label, "5А");
	assert_int_equal(g->rows, 3); /* two rows in a row, and one later */
	g = guess(&f->st, "edu1", "2");
	assert_non_null(g);
	assert_string_equal(g->source, "order");
	assert_string_equal(g->label, "5Б");
	assert_int_equal(g->rows, 1);
	g = guess(&f->st, "edu1", "а");
	assert_non_null(g);
	assert_string_equal(g->source, "letter");
	assert_string_equal(g->label, "5А"); /* as the roster writes it */
	assert_int_equal(g->rows, 1);
	assert_null(guess(&f->st, "edu1", "5 б"));
	assert_null(guess(&f->st, "edu1", "5б"));
}

/* ---- 3b. "нет": the school's only class of the grade ------------------- */

static void test_class_no_letter(void **state)
{
	struct fx *f = *state;
	const mms_class_guess *g;
	const char *path, *d;
	char prefix[4200];

	assert_int_equal(import1(f, "edu2", NULL, RESULTS_HEADER "2001;нет;1;2;3\n"), MMS_OK);
	assert_string_equal(class_of(f->db, "2001"), "5А");
	assert_int_equal(f->st.nclasses, 1);
	g = guess(&f->st, "edu2", "нет");
	assert_non_null(g);
	assert_string_equal(g->source, "only");
	assert_string_equal(g->label, "5А");
	assert_int_equal(g->rows, 1);

	/* edu1 has two classes of grade 5: which one is not said */
	assert_int_equal(import1(f, "edu1", NULL, RESULTS_HEADER "2002;нет;1;2;3\n"), MMS_EDATA);
	path = f->files[f->nfiles - 1];
	snprintf(prefix, sizeof(prefix), "%s:2: ", path);
	d = diag_with(f->db, prefix, "edu1", "5А, 5Б");
	assert_non_null(strstr(d, "'нет'"));
	assert_int_equal(strncmp(d, prefix, strlen(prefix)), 0);
	/* nothing stored */
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM participant WHERE code = '2002'"), 0);
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM participant"), 1);
}

/* ---- 3c. the inline class map ------------------------------------------ */

static void test_class_map_inline(void **state)
{
	struct fx *f = *state;
	const mms_class_guess *g;

	/* the map reverses the letter order */
	assert_int_equal(import1(f, "edu1", "1=5Б,2=5А",
	                         RESULTS_HEADER "3001;1;1;2;3\n"
	                                        "3002;2;0;0;0\n"),
	                 MMS_OK);
	assert_string_equal(class_of(f->db, "3001"), "5Б");
	assert_string_equal(class_of(f->db, "3002"), "5А");
	assert_int_equal(f->st.nclasses, 2);
	g = guess(&f->st, "edu1", "1");
	assert_non_null(g);
	assert_string_equal(g->source, "map");
	assert_string_equal(g->label, "5Б");
	g = guess(&f->st, "edu1", "2");
	assert_non_null(g);
	assert_string_equal(g->source, "map");
	assert_string_equal(g->label, "5А");
}

static void test_class_map_bad(void **state)
{
	struct fx *f = *state;

	/* the message quotes the bad item after it is freed: the ASan build checks it */
	assert_int_equal(import1(f, "edu1", "1=5А,junk", RESULTS_HEADER "3101;1;1;2;3\n"),
	                 MMS_EUSAGE);
	assert_int_equal(mms_errcode(f->db), MMS_EUSAGE);
	assert_non_null(strstr(mms_errmsg(f->db), "'junk'"));
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM participant"), 0);

	/* an item with an empty side */
	assert_int_equal(import1(f, "edu1", "1=", RESULTS_HEADER "3102;1;1;2;3\n"), MMS_EUSAGE);
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM participant"), 0);
}

/* ---- 3d. pseudonyms of protocols --------------------------------------- */

static const char protocol_names[] = PROTOCOL_NAMES "edu1;5А;Громов;Святослав;Игнатьевич;+-;1(2)\n"
                                                    "edu1;5Б;Ласточкина;Зарина;Эдуардовна;-+;0(2)\n"
                                                    "edu1;5А;Громов;Святослав;Игнатьевич;++;2(2)\n";

/* The code of the participant of edu1 in class LABEL (one there). */
static void code_in(mms_db *db, const char *label, char out[64])
{
	snprintf(out, 64, "%s",
	         t_text(db,
	                "SELECT p.code FROM participant p JOIN class c ON c.id = p.class_id "
	                "WHERE c.label = '%s'",
	                label));
}

static void assert_pseudonym(const char *code)
{
	assert_int_equal(code[0], 'p');
	assert_int_equal(strlen(code), 25);
	assert_int_equal(strspn(code + 1, "0123456789abcdef"), 24);
}

static void test_pseudonym_names(void **state)
{
	struct fx *f = *state;
	static const char *const parts[] = {"Громов",     "громов",     "Святослав", "святослав",
	                                    "Игнатьевич", "Ласточкина", "Зарина",    "Эдуардовна"};
	char code[64], other[64];
	char *dump;
	double v;
	int att;

	assert_int_equal(import_into(f, f->db, "prot-m5", NULL, NULL, protocol_names), MMS_OK);
	assert_int_equal(f->st.rows, 3);
	assert_int_equal(f->st.retakes, 1);
	assert_int_equal(f->st.inserted, 2);
	assert_int_equal(f->st.personal_columns, 3);
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM participant"), 2);
	code_in(f->db, "5А", code);
	code_in(f->db, "5Б", other);
	assert_pseudonym(code);
	assert_pseudonym(other);
	assert_string_not_equal(code, other);
	/* the later row of the retake is kept: ++ and 2(2) */
	v = score_of(f->db, code, 0, &att);
	assert_true(v == 1 && att == 1);
	v = score_of(f->db, code, 1, &att);
	assert_true(v == 1 && att == 1);
	v = score_of(f->db, code, 2, &att);
	assert_true(v == 2 && att == 1);
	/* no part of a name is stored anywhere */
	dump = t_dump(f->db);
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		assert_null(strstr(code, parts[i]));
		if (strstr(dump, parts[i]))
			fail_msg("'%s' is stored in the database", parts[i]);
	}
	free(dump);

	/* another database has another secret: the same person has another code */
	{
		char *path2;
		mms_db *db2 = t_db(&path2);
		char code2[64];

		load(f, db2);
		assert_int_equal(import_into(f, db2, "prot-m5", NULL, NULL, protocol_names),
		                 MMS_OK);
		assert_int_equal(f->st.retakes, 1);
		assert_int_equal(t_int(db2, "SELECT count(*) FROM participant"), 2);
		code_in(db2, "5А", code2);
		assert_pseudonym(code2);
		assert_string_not_equal(code, code2);
		mms_db_close(db2);
		t_remove(path2);
	}

	/* the same file again into the first database: the same codes, unchanged */
	assert_int_equal(import_into(f, f->db, "prot-m5", NULL, NULL, protocol_names), MMS_OK);
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM participant"), 2);
	assert_int_equal(f->st.inserted, 0);
	code_in(f->db, "5А", other);
	assert_string_equal(code, other);
}

static void test_pseudonym_document(void **state)
{
	struct fx *f = *state;
	char code[64];
	double v;
	int att;

	assert_int_equal(import_into(f, f->db, "prot-m5", NULL, NULL,
	                             "Код ОО;Класс;Серия документа;Номер документа;Задания с "
	                             "кратким ответом;Задания с развёрнутым ответом\n"
	                             "edu1;5А;04 12;567 890;+-;1(2)\n"
	                             "edu1;5А;0412;567890;-+;0(2)\n"),
	                 MMS_OK);
	assert_int_equal(f->st.rows, 2);
	assert_int_equal(f->st.retakes, 1);
	assert_int_equal(f->st.inserted, 1);
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM participant"), 1);
	code_in(f->db, "5А", code);
	assert_pseudonym(code);
	assert_null(strstr(code, "567890"));
	/* the later row counts: -+ and 0(2) */
	v = score_of(f->db, code, 0, &att);
	assert_true(v == 0 && att == 1);
	v = score_of(f->db, code, 1, &att);
	assert_true(v == 1 && att == 1);
	v = score_of(f->db, code, 2, &att);
	assert_true(v == 0 && att == 1);
	/* the document is not stored (its number whole: a pseudonym's hex digits may hold
	   "567" or "0412" by chance, one time in a few hundred) */
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM participant WHERE code LIKE "
	                              "'%567890%' OR code LIKE '%04 12%' OR code LIKE '%567 890%'"),
	                 0);
}

/* ---- 3e. marks and sex ------------------------------------------------- */

static void test_marks(void **state)
{
	struct fx *f = *state;

	assert_int_equal(import1(f, "edu1", NULL,
	                         "Код участника;Класс;1;2.1;4К1;Отметка;Отметка по "
	                         "журналу;Пол\n"
	                         "4001;5А;1;2;3;5;нет отметки;Ж\n"),
	                 MMS_OK);
	assert_int_equal(t_int(f->db, "SELECT mark FROM participant WHERE code = '4001'"), 5);
	assert_string_equal(
	    t_text(f->db, "SELECT journal_mark FROM participant WHERE code = '4001'"), "NULL");
	assert_string_equal(t_text(f->db, "SELECT sex FROM participant WHERE code = '4001'"), "Ж");

	/* a mark of 1 is no mark of the scale */
	assert_int_equal(import1(f, "edu1", NULL,
	                         "Код участника;Класс;1;2.1;4К1;Отметка\n"
	                         "4002;5А;1;0;0;1\n"),
	                 MMS_EDATA);
	diag_with(f->db, ":2: ", "the mark '1'", NULL);
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM participant WHERE code = '4002'"), 0);

	/* a file without the marks keeps them: the same scores are unchanged */
	assert_int_equal(import1(f, "edu1", NULL, RESULTS_HEADER "4001;5А;1;2;3\n"), MMS_OK);
	assert_int_equal(f->st.unchanged, 1);
	assert_int_equal(f->st.replaced, 0);
	assert_int_equal(f->st.inserted, 0);
	assert_int_equal(t_int(f->db, "SELECT mark FROM participant WHERE code = '4001'"), 5);
	assert_string_equal(t_text(f->db, "SELECT sex FROM participant WHERE code = '4001'"), "Ж");

	/* other scores replace the results, and still keep the marks */
	assert_int_equal(import1(f, "edu1", NULL, RESULTS_HEADER "4001;5А;0;2;3\n"), MMS_OK);
	assert_int_equal(f->st.replaced, 1);
	assert_int_equal(f->st.unchanged, 0);
	assert_int_equal(t_int(f->db, "SELECT mark FROM participant WHERE code = '4001'"), 5);
	assert_string_equal(
	    t_text(f->db, "SELECT journal_mark FROM participant WHERE code = '4001'"), "NULL");
	assert_string_equal(t_text(f->db, "SELECT sex FROM participant WHERE code = '4001'"), "Ж");
	{
		int att;
		double v = score_of(f->db, "4001", 0, &att);

		assert_true(v == 0 && att == 1);
	}
}

/*
 * A file's rows are inserted without a lookup while they are new: one that
 * is already there after new ones is still found (replaced or unchanged),
 * and one twice in the file is still refused.
 */
static void test_new_then_known(void **state)
{
	struct fx *f = *state;

	assert_int_equal(import1(f, "edu1", NULL, RESULTS_HEADER "5001;5А;1;2;3\n"), MMS_OK);
	assert_int_equal(import1(f, "edu1", NULL,
	                         RESULTS_HEADER "5002;5А;1;2;3\n5003;5А;0;0;0\n"
	                                        "5001;5А;1;2;3\n5004;5А;1;1;1\n"),
	                 MMS_OK);
	assert_int_equal(f->st.inserted, 3);
	assert_int_equal(f->st.unchanged, 1);
	assert_int_equal(f->st.replaced, 0);
	assert_int_equal(import1(f, "edu1", NULL, RESULTS_HEADER "5005;5А;1;2;3\n5001;5А;0;2;3\n"),
	                 MMS_OK);
	assert_int_equal(f->st.inserted, 1);
	assert_int_equal(f->st.replaced, 1);
	assert_int_equal(import1(f, "edu1", NULL, RESULTS_HEADER "5006;5А;1;2;3\n5006;5А;1;2;3\n"),
	                 MMS_EDATA);
	diag_with(f->db, ":3: ", "'5006'", "twice");
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM participant WHERE code = '5006'"), 0);
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM participant WHERE code LIKE '500_'"),
	                 5);
}

/*
 * One participant in two files of one import is refused as in one file,
 * whether the first was inserted, replaced or found unchanged; nothing is
 * stored.
 */
static void test_twice_across_files(void **state)
{
	struct fx *f = *state;
	mms_results_opts o = {.assessment = "vpr-m5", .school = "edu1"};
	static const struct {
		const char *first, *second, *code;
	} cases[] = {
	    /* inserted by the first file */
	    {RESULTS_HEADER "7001;5А;1;2;3\n", RESULTS_HEADER "7003;5А;1;2;3\n7001;5А;1;2;3\n",
	     "'7001'"},
	    /* replaced by the first */
	    {RESULTS_HEADER "7002;5А;0;2;3\n", RESULTS_HEADER "7002;5А;0;2;3\n", "'7002'"},
	    /* found unchanged by the first */
	    {RESULTS_HEADER "7002;5А;1;2;3\n", RESULTS_HEADER "7002;5А;1;2;3\n", "'7002'"},
	};

	assert_int_equal(import1(f, "edu1", NULL, RESULTS_HEADER "7002;5А;1;2;3\n"), MMS_OK);
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const char *files[2] = {file(f, cases[i].first), file(f, cases[i].second)};

		mms_results_stats_free(&f->st);
		assert_int_equal(mms_results_import(f->db, &o, files, 2, &f->st), MMS_EDATA);
		diag_with(f->db, cases[i].code, "twice", NULL);
		mms_diag_clear(f->db);
	}
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM participant WHERE code LIKE '700_'"),
	                 1);
}

/*
 * Headers across the files of one import: the same header again is laid out
 * as the first (its layout kept), another order of columns as its own, and a
 * header with a fault is said for every file that has it.
 */
static void test_headers_across_files(void **state)
{
	struct fx *f = *state;
	mms_results_opts o = {.assessment = "vpr-m5", .school = "edu1"};
	const char *good[3] = {file(f, RESULTS_HEADER "7101;5А;1;2;3\n"),
	                       file(f, RESULTS_HEADER "7102;5А;0;1;2\n"),
	                       file(f, "Класс;Код участника;4К1;1;2.1\n5А;7103;3;1;0\n")};
	const char *bad[2] = {file(f, "Код участника;Класс;1;1;2.1;4К1\n7104;5А;1;1;2;3\n"),
	                      file(f, "Код участника;Класс;1;1;2.1;4К1\n7105;5А;1;1;2;3\n")};
	int a;

	assert_int_equal(mms_results_import(f->db, &o, good, 3, &f->st), MMS_OK);
	assert_true(score_of(f->db, "7102", 0, &a) == 0 && a);
	assert_true(score_of(f->db, "7102", 1, &a) == 1 && a);
	assert_true(score_of(f->db, "7102", 2, &a) == 2 && a);
	assert_true(score_of(f->db, "7103", 0, &a) == 1 && a);
	assert_true(score_of(f->db, "7103", 1, &a) == 0 && a);
	assert_true(score_of(f->db, "7103", 2, &a) == 3 && a);
	/* after it, the first order again */
	good[0] = file(f, RESULTS_HEADER "7106;5А;1;0;1\n");
	mms_results_stats_free(&f->st);
	assert_int_equal(mms_results_import(f->db, &o, good, 3, &f->st), MMS_OK);
	assert_true(score_of(f->db, "7106", 2, &a) == 1 && a);
	mms_results_stats_free(&f->st);
	assert_int_equal(mms_results_import(f->db, &o, bad, 2, &f->st), MMS_EDATA);
	diag_with(f->db, bad[0], "task 1 has two columns", NULL);
	diag_with(f->db, bad[1], "task 1 has two columns", NULL);
	mms_diag_clear(f->db);
}

/*
 * The header again within a file (the next exam block's), its columns in
 * another order and with a mark and a task the assessment does not have: the
 * rows after it are read by its columns (rs_layout_roles() found again), the
 * rows before by the first header's.
 */
static void test_header_again_in_a_file(void **state)
{
	struct fx *f = *state;
	mms_results_opts o = {.assessment = "vpr-m5", .school = "edu1"};
	const char *files[1] = {file(f, RESULTS_HEADER "7201;5А;1;2;3\n"
	                                               "Код участника;Класс;Отметка;4К1;9;1;2.1\n"
	                                               "7202;5А;4;2;;0;1\n"
	                                               "7203;5А;н/я;;;;\n")};
	const char *bad[1] = {file(f, RESULTS_HEADER "7204;5А;1;2;3\n"
	                                             "Код участника;Класс;Отметка;4К1;9;1;2.1\n"
	                                             "7205;5А;4;2;1;0;1\n")};
	int a;

	assert_int_equal(mms_results_import(f->db, &o, files, 1, &f->st), MMS_OK);
	assert_true(score_of(f->db, "7201", 0, &a) == 1 && a);
	assert_true(score_of(f->db, "7201", 2, &a) == 3 && a);
	assert_true(score_of(f->db, "7202", 0, &a) == 0 && a);
	assert_true(score_of(f->db, "7202", 1, &a) == 1 && a);
	assert_true(score_of(f->db, "7202", 2, &a) == 2 && a);
	assert_int_equal(f->st.students, 2);
	assert_int_equal(f->st.absent, 1);
	mms_results_stats_free(&f->st);
	/* a score in the column of a task the assessment does not have */
	assert_int_equal(mms_results_import(f->db, &o, bad, 1, &f->st), MMS_EDATA);
	diag_with(f->db, bad[0], ":4:", "'1' in column '9'");
	mms_diag_clear(f->db);
}

/* Cells with spaces around them, split by mms and by libcsv (a quoted field), are read
   trimmed: the import takes a row's cells as its source trimmed them. */
static void test_cells_trimmed(void **state)
{
	struct fx *f = *state;
	mms_results_opts o = {.assessment = "vpr-m5", .school = "edu1"};
	const char *files[1] = {file(f, "Код участника;Класс;1;2.1;4К1;Отметка\n"
	                                " 7301 ; 5А ; 1 ;2; 3 ; 4 \n"
	                                "\" 7302 \";\" 5а \";0;\" 1 \";2;\" 5 \"\n")};
	int a;

	assert_int_equal(mms_results_import(f->db, &o, files, 1, &f->st), MMS_OK);
	assert_true(score_of(f->db, "7301", 0, &a) == 1 && a);
	assert_true(score_of(f->db, "7301", 2, &a) == 3 && a);
	assert_true(score_of(f->db, "7302", 1, &a) == 1 && a);
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM participant p JOIN class c ON "
	                              "c.id = p.class_id WHERE c.label = '5А' AND p.code IN "
	                              "('7301', '7302')"),
	                 2);
	assert_int_equal(t_int(f->db, "SELECT sum(mark) FROM participant WHERE code IN "
	                              "('7301', '7302')"),
	                 9);
	mms_results_stats_free(&f->st);
}

/*
 * The title rows that head every file of an export are looked at once an
 * import; a title row that says something (another subject, another maximum)
 * says it in every file that has it, however many files had the good one.
 */
static void test_title_rows(void **state)
{
	struct fx *f = *state;
	mms_results_opts o = {.assessment = "vpr-m5", .school = "edu1"};
#define TITLE "Индивидуальные результаты\nВПР 2026 Математика 5 класс\n"
	const char *good[2] = {
	    file(f, TITLE "Предмет:;Математика\nМаксимальный первичный балл:;6\n" RESULTS_HEADER
	                  "7401;5А;1;2;3\n"),
	    file(f, TITLE "Предмет:;Математика\nМаксимальный первичный балл:;6\n" RESULTS_HEADER
	                  "7402;5А;0;1;2\n")};
	const char *bad[4] = {
	    good[0], file(f, TITLE "Предмет:;Русский язык\n" RESULTS_HEADER "7403;5А;1;1;1\n"),
	    file(f, TITLE "Предмет:;Русский язык\n" RESULTS_HEADER "7404;5А;1;1;1\n"),
	    file(f, TITLE "Максимальный первичный балл:;7\n" RESULTS_HEADER "7405;5А;1;1;1\n")};
#undef TITLE
	int a;

	assert_int_equal(mms_results_import(f->db, &o, good, 2, &f->st), MMS_OK);
	assert_int_equal(f->st.students, 2);
	assert_true(score_of(f->db, "7402", 2, &a) == 2 && a);
	mms_results_stats_free(&f->st);
	/* the good title rows kept, then two files of the wrong subject: each says so */
	assert_int_equal(mms_results_import(f->db, &o, bad, 4, &f->st), MMS_EDATA);
	diag_with(f->db, bad[1], ":3:", "the file is for the subject 'Русский язык'");
	diag_with(f->db, bad[2], ":3:", "the file is for the subject 'Русский язык'");
	diag_with(f->db, bad[3], ":3:", "maximum primary score is 7");
	assert_int_equal(mms_diag_count(f->db), 3);
	mms_diag_clear(f->db);
}

/* The columns of a layout by role, each list in the columns' order, found again for
   another layout. */
static void test_layout_roles(void **state)
{
	struct fx *f = *state;
	struct imp x = {.db = f->db};
	struct column cols[] = {{.kind = C_CODE},  {.kind = C_TASK},    {.kind = C_MARK},
	                        {.kind = C_EXTRA}, {.kind = C_WHOLE},   {.kind = C_VARIANT},
	                        {.kind = C_TASK},  {.kind = C_JOURNAL}, {.kind = C_EXTRA},
	                        {.kind = C_SHORT}};
	struct layout L = {.cols = cols, .ncols = 10};
	static const int want[] = {1,
	                           4,
	                           6,
	                           9,
	                           /* scored */ 2,
	                           5,
	                           7, /* marks */
	                           3,
	                           8,
	                           /* extra */ 1,
	                           4,
	                           6 /* parsed */};

	assert_int_equal(rs_layout_roles(&x, &L), MMS_OK);
	assert_int_equal(L.nscored, 4);
	assert_int_equal(L.nmarks, 3);
	assert_int_equal(L.nextra, 2);
	assert_int_equal(L.nparsed, 3);
	assert_memory_equal(L.roles, want, sizeof(want));
	/* fewer columns: found again */
	L.ncols = 3;
	assert_int_equal(rs_layout_roles(&x, &L), MMS_OK);
	assert_int_equal(L.nscored + L.nmarks + L.nextra + L.nparsed, 3);
	assert_int_equal(L.roles[0], 1);
	assert_int_equal(L.roles[1], 2);
	assert_int_equal(L.roles[2], 1);
	free(L.roles);
}

/* A participant imported again is unchanged only when the class, the variant, presence
   and every score are what is stored. */
static void test_unchanged_is_the_same_row(void **state)
{
	struct fx *f = *state;
	static const struct {
		const char *text;
		long inserted, replaced, unchanged;
	} steps[] = {
	    {RESULTS_HEADER "6001;5А;1;2;3\n", 1, 0, 0},
	    {RESULTS_HEADER "6001;5А;1;2;3\n", 0, 0, 1},
	    {RESULTS_HEADER "6001;5А;1;2;2\n", 0, 1, 0},
	    {RESULTS_HEADER "6001;5Б;1;2;2\n", 0, 1, 0},
	    {"Код участника;Класс;Вариант;1;2.1;4К1\n6001;5Б;2;1;2;2\n", 0, 1, 0},
	    {"Код участника;Класс;Вариант;1;2.1;4К1\n6001;5Б;2;1;2;2\n", 0, 0, 1},
	    {"Код участника;Класс;Вариант;1;2.1;4К1\n6001;5Б;отсутствовал;;;\n", 0, 1, 0},
	    {"Код участника;Класс;Вариант;1;2.1;4К1\n6001;5Б;отсутствовал;;;\n", 0, 0, 1},
	};

	for (size_t i = 0; i < sizeof(steps) / sizeof(*steps); i++) {
		assert_int_equal(import1(f, "edu1", NULL, steps[i].text), MMS_OK);
		assert_int_equal(f->st.inserted, steps[i].inserted);
		assert_int_equal(f->st.replaced, steps[i].replaced);
		assert_int_equal(f->st.unchanged, steps[i].unchanged);
	}
	assert_string_equal(class_of(f->db, "6001"), "5Б");
}

/* Whole and half points are stored a byte a task, hundredths two; a row stored in the other layout
   is unchanged when its scores are the same, and replaced in the row's own when not. */
static void test_score_layouts(void **state)
{
	struct fx *f = *state;
	int att;

	assert_int_equal(import1(f, "edu1", NULL,
	                         RESULTS_HEADER "7001;5А;1;2;3\n7002;5А;1;1,25;3\n7003;5А;0;X;3\n"),
	                 MMS_OK);
	assert_string_equal(t_text(f->db, "SELECT group_concat(hex(scores), ' ') FROM (SELECT "
	                                  "scores FROM participant WHERE code LIKE '700_' "
	                                  "ORDER BY code)"),
	                    "020406 0064007D012C 008006");
	assert_true(score_of(f->db, "7003", 1, &att) == 0 && att == 0);
	assert_true(score_of(f->db, "7003", 2, &att) == 3 && att == 1);
	assert_true(score_of(f->db, "7002", 1, &att) == 1.25 && att == 1);
	/* 7001 as an earlier version stored it: two bytes a task */
	assert_int_equal(
	    mms_exec(f->db, "UPDATE participant SET scores = X'006400C8012C' WHERE code = '7001'"),
	    MMS_OK);
	assert_int_equal(import1(f, "edu1", NULL,
	                         RESULTS_HEADER "7001;5А;1;2;3\n7002;5А;1;1,25;3\n7003;5А;0;X;3\n"),
	                 MMS_OK);
	assert_int_equal(f->st.unchanged, 3);
	assert_int_equal(f->st.replaced, 0);
	assert_string_equal(
	    t_text(f->db, "SELECT hex(scores) FROM participant WHERE code = '7001'"),
	    "006400C8012C");
	/* other scores: each row in the layout its scores take */
	assert_int_equal(import1(f, "edu1", NULL,
	                         RESULTS_HEADER "7001;5А;1;2;2\n7002;5А;1;1;3\n7003;5А;0;X;2,75\n"),
	                 MMS_OK);
	assert_int_equal(f->st.replaced, 3);
	assert_string_equal(t_text(f->db, "SELECT group_concat(hex(scores), ' ') FROM (SELECT "
	                                  "scores FROM participant WHERE code LIKE '700_' "
	                                  "ORDER BY code)"),
	                    "020404 020206 000080000113");
	assert_true(score_of(f->db, "7003", 2, &att) == 2.75 && att == 1);
}

/* A participant's id: numbered on from participant_seq by the import (a participant
   inserted otherwise must be given one); an import that fails gives none. */
static void test_participant_ids(void **state)
{
	struct fx *f = *state;

	assert_int_equal(import1(f, "edu1", NULL, RESULTS_HEADER "7001;5А;1;2;3\n7002;5А;1;1;3\n"),
	                 MMS_OK);
	assert_string_equal(t_text(f->db, "SELECT group_concat(code || '=' || id, ' ') FROM "
	                                  "(SELECT code, id FROM participant ORDER BY id)"),
	                    "7001=1 7002=2");
	assert_int_equal(t_int(f->db, "SELECT last FROM participant_seq"), 2);
	/* by hand: an id is a participant's own, given */
	assert_int_not_equal(mms_exec(f->db,
	                              "INSERT INTO participant(assessment_id, school_id, "
	                              "code, absent) SELECT assessment_id, school_id, 'h1', 1 "
	                              "FROM participant WHERE code = '7001'"),
	                     MMS_OK);
	t_sql(f->db, "INSERT INTO participant(id, assessment_id, school_id, code, absent) SELECT "
	             "3, assessment_id, school_id, 'h1', 1 FROM participant WHERE code = '7001';"
	             "UPDATE participant_seq SET last = 3");
	/* known ones keep theirs, new ones go on */
	assert_int_equal(import1(f, "edu1", NULL,
	                         RESULTS_HEADER "7002;5А;1;2;3\n7003;5А;0;X;3\n7001;5А;1;2;3\n"),
	                 MMS_OK);
	assert_int_equal(f->st.inserted, 1);
	assert_int_equal(f->st.replaced, 1);
	assert_string_equal(t_text(f->db, "SELECT group_concat(code || '=' || id, ' ') FROM "
	                                  "(SELECT code, id FROM participant ORDER BY id)"),
	                    "7001=1 7002=2 h1=3 7003=4");
	assert_int_equal(t_int(f->db, "SELECT last FROM participant_seq"), 4);
	/* a failed import numbers nobody */
	assert_int_equal(import1(f, "edu1", NULL, RESULTS_HEADER "7004;5А;1;2;3\n7005;5А;9;9;9\n"),
	                 MMS_EDATA);
	assert_int_equal(t_int(f->db, "SELECT last FROM participant_seq"), 4);
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM participant WHERE code = '7004'"), 0);
	assert_int_equal(import1(f, "edu1", NULL, RESULTS_HEADER "7004;5А;1;2;3\n"), MMS_OK);
	assert_int_equal(t_int(f->db, "SELECT id FROM participant WHERE code = '7004'"), 5);
	assert_int_equal(t_int(f->db, "SELECT count(DISTINCT id) = count(*) FROM participant"), 1);
}

/* Participants FIRST .. LAST - 1 (their codes) in 5А, with SCORES; LAST 0 ends a list. */
struct rows {
	int first, last;
	const char *scores;
};

/* B emptied and made a results file of edu1's ROWS, then TAIL. */
static void results_of(mms_buf *b, const struct rows *rows, const char *tail)
{
	b->len = 0;
	mms_buf_adds(b, RESULTS_HEADER);
	for (; rows->last; rows++)
		for (int i = rows->first; i < rows->last; i++)
			assert_int_equal(mms_buf_addf(b, "%d;5А;%s\n", i, rows->scores), MMS_OK);
	mms_buf_adds(b, tail);
}

/* The first diagnostic has FIRST and "twice", the second SECOND; then none are. */
static void said_in_order(mms_db *db, const char *first, const char *second)
{
	assert_true(mms_diag_count(db) >= 2);
	if (!strstr(mms_diag_at(db, 0), first) || !strstr(mms_diag_at(db, 0), "twice") ||
	    !strstr(mms_diag_at(db, 1), second))
		fail_msg("said out of order: '%s', then '%s'", mms_diag_at(db, 0),
		         mms_diag_at(db, 1));
	mms_diag_clear(db);
}

/*
 * A file's new participants are inserted many an INSERT: numbered in the
 * file's order, until one is already there, which is found unchanged or
 * replaced as one at a time would be, and the rows after it too; a
 * participant twice is said before what is wrong with the rows after it.
 */
static void test_held_together(void **state)
{
	static const struct rows first[] = {{8000, 8100, "1;2;3"}, {0, 0, NULL}};
	/* 45 new, one known (as it was), 40 new, one known (changed), 3 new */
	static const struct rows second[] = {{8100, 8145, "1;2;3"}, {8050, 8051, "1;2;3"},
	                                     {8145, 8185, "0;1;2"}, {8051, 8052, "0;0;0"},
	                                     {8185, 8188, "1;2;3"}, {0, 0, NULL}};
	/* line 13 is line 4's; a score too high on line 21 */
	static const struct rows twice[] = {{8300, 8311, "1;2;3"}, {8302, 8303, "1;2;3"},
	                                    {8311, 8318, "1;2;3"}, {8318, 8319, "9;2;3"},
	                                    {8319, 8340, "1;2;3"}, {0, 0, NULL}};
	/* line 5 is line 3's; a quote left open at the end */
	static const struct rows open[] = {
	    {8400, 8403, "1;2;3"}, {8401, 8402, "1;2;3"}, {8403, 8420, "1;2;3"}, {0, 0, NULL}};
	struct fx *f = *state;
	mms_buf b = {0};

	results_of(&b, first, "");
	assert_int_equal(import1(f, "edu1", NULL, b.p), MMS_OK);
	assert_int_equal(f->st.inserted, 100);
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM participant WHERE id = code - 7999"),
	                 100);
	results_of(&b, second, "");
	assert_int_equal(import1(f, "edu1", NULL, b.p), MMS_OK);
	assert_int_equal(f->st.inserted, 88);
	assert_int_equal(f->st.unchanged, 1);
	assert_int_equal(f->st.replaced, 1);
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM participant WHERE id = code - 7999"),
	                 188);
	assert_int_equal(t_int(f->db, "SELECT last FROM participant_seq"), 188);
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM participant WHERE code = '8051' "
	                              "AND hex(scores) = '000000'"),
	                 1);
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM participant WHERE code = '8147' "
	                              "AND hex(scores) = '000204'"),
	                 1);
	/* the same file again: every row unchanged */
	assert_int_equal(import1(f, "edu1", NULL, b.p), MMS_OK);
	assert_int_equal(f->st.inserted, 0);
	assert_int_equal(f->st.unchanged, 90);
	/* twice, then a score too high; twice, then a quote the file's reader says */
	results_of(&b, twice, "");
	assert_int_equal(import1(f, "edu1", NULL, b.p), MMS_EDATA);
	said_in_order(f->db, ":13: ", ":21: ");
	results_of(&b, open, "8420;5А;\"1;2;3\n");
	assert_int_equal(import1(f, "edu1", NULL, b.p), MMS_EDATA);
	said_in_order(f->db, ":5: ", "quote");
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM participant WHERE code >= '8300'"), 0);
	assert_int_equal(t_int(f->db, "SELECT last FROM participant_seq"), 188);
	mms_buf_free(&b);
}

/*
 * Classes found again by school and label among many (the import keeps them
 * by their hash, which grows as they come): 90 schools' 5А, 5Б and 5В, each
 * participant in the class of its own school, and a class a school does not
 * have refused.
 */
static void test_classes_many(void **state)
{
	struct fx *f = *state;
	mms_buf roster = {0}, res = {0};
	const char *files[1];
	mms_roster_stats rst;
	mms_results_opts o = {.assessment = "vpr-m5"};

	mms_buf_adds(&roster, "Код ОО;Школа;Учитель;Предмет;Классы\n");
	mms_buf_adds(&res, "Код ОО;Код участника;Класс;1;2.1;4К1\n");
	for (int s = 0; s < 90; s++) {
		mms_buf_addf(&roster, "m%d;Школа %d;Учитель %d;Математика;5А,5Б,5В\n", s, s, s);
		for (int k = 0; k < 3; k++)
			mms_buf_addf(&res, "m%d;%d;5%s;1;2;3\n", s, 90000 + s * 10 + k,
			             k == 0   ? "А"
			             : k == 1 ? "Б"
			                      : "В");
	}
	files[0] = file(f, roster.p);
	assert_int_equal(mms_roster_import(f->db, files, 1, MMS_ENC_AUTO, NULL, NULL, &rst),
	                 MMS_OK);
	files[0] = file(f, res.p);
	assert_int_equal(mms_results_import(f->db, &o, files, 1, &f->st), MMS_OK);
	assert_int_equal(f->st.inserted, 270);
	assert_int_equal(t_int(f->db, "SELECT count(*) FROM participant p JOIN class c ON "
	                              "c.id = p.class_id JOIN school_code s ON s.school_id = "
	                              "c.school_id WHERE p.code LIKE '9____' AND s.code = 'm' || "
	                              "((p.code - 90000) / 10) AND c.label = '5' || CASE "
	                              "p.code % 10 WHEN 0 THEN 'А' WHEN 1 THEN 'Б' ELSE 'В' END"),
	                 270);
	mms_results_stats_free(&f->st);
	files[0] = file(f, "Код ОО;Код участника;Класс;1;2.1;4К1\nm7;99999;5Г;1;2;3\n");
	assert_int_equal(mms_results_import(f->db, &o, files, 1, &f->st), MMS_EDATA);
	diag_with(f->db, "'5Г'", "roster", NULL);
	mms_diag_clear(f->db);
	mms_buf_free(&roster);
	mms_buf_free(&res);
}

/* ---- 3f. freeing the stats --------------------------------------------- */

static void test_stats_free(void **state)
{
	struct fx *f = *state;
	mms_results_stats empty;

	assert_int_equal(import1(f, "edu1", NULL, RESULTS_HEADER "5001;1;1;2;3\n5002;а;0;0;0\n"),
	                 MMS_OK);
	assert_int_equal(f->st.nclasses, 2);
	assert_non_null(f->st.classes);
	mms_results_stats_free(&f->st);
	assert_int_equal(f->st.nclasses, 0);
	assert_null(f->st.classes);
	assert_int_equal(f->st.nblocks, 0);
	assert_null(f->st.blocks);
	assert_int_equal(f->st.nforeign, 0);
	assert_null(f->st.foreign);
	/* twice is harmless (teardown frees once more) */
	mms_results_stats_free(&f->st);
	assert_int_equal(f->st.nclasses, 0);
	assert_null(f->st.classes);

	/* a zeroed struct, as before any import */
	memset(&empty, 0, sizeof(empty));
	mms_results_stats_free(&empty);
	assert_null(empty.classes);
	assert_int_equal(empty.nclasses, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_task_canon),
	    cmocka_unit_test(test_absent_marker),
	    cmocka_unit_test(test_not_attempted),
	    cmocka_unit_test_setup_teardown(test_class_rules, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_class_no_letter, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_class_map_inline, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_class_map_bad, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_pseudonym_names, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_pseudonym_document, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_new_then_known, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unchanged_is_the_same_row, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_score_layouts, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_participant_ids, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_held_together, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_classes_many, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_twice_across_files, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_headers_across_files, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_header_again_in_a_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_layout_roles, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_cells_trimmed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_title_rows, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_marks, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_stats_free, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
