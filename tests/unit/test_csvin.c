/* The CSV reader: encodings, delimiters, line numbers, broken files, headers. */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "input/csvin.h"
#include "input/source.h"
#include "sha256.h"
#include "text.h"

/* UTF-8 text converted to ENCODING by iconv(3); *LEN gets its length. */
static char *convert(const char *utf8, const char *encoding, size_t *len)
{
	iconv_t cd = iconv_open(encoding, "UTF-8");
	size_t il = strlen(utf8), ol = il * 4 + 4;
	char *out = malloc(ol), *ip = (char *)utf8, *op = out;

	assert_true(cd != (iconv_t)-1);
	assert_true(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1);
	iconv_close(cd);
	*len = (size_t)(op - out);
	return out;
}

static char *write_cp1251(const char *utf8)
{
	size_t n;
	char *bytes = convert(utf8, "CP1251", &n), *path = t_write_file(bytes, n);

	free(bytes);
	return path;
}

static void file_sha256(const void *data, size_t n, char hex[65])
{
	mms_sha256 h;

	mms_sha256_init(&h);
	mms_sha256_update(&h, data, n);
	mms_sha256_hex(&h, hex);
}

/*
 * Reads every row of PATH into OUT as "LINE:f1|f2|…\n"; returns the last
 * result (0 at the end, < 0 on an error, from mms_csv_open or mms_csv_next).
 */
static int slurp(mms_db *db, const char *path, enum mms_encoding enc, mms_buf *out, char *delim,
                 enum mms_encoding *found, char sha[65])
{
	mms_csv *c;
	mms_row *row;
	int rc = mms_csv_open(db, path, enc, &c);

	if (rc != MMS_OK) {
		assert_null(c);
		return rc;
	}
	if (delim)
		*delim = mms_csv_delimiter(c);
	if (found)
		*found = mms_csv_encoding(c);
	assert_string_equal(mms_csv_path(c), path);
	mms_buf_adds(out, "");
	while ((rc = mms_csv_next(c, &row)) == 1) {
		mms_buf_addf(out, "%ld:", row->line);
		for (size_t i = 0; i < row->n; i++) {
			mms_buf_addf(out, "%s%s", i ? "|" : "", row->f[i]);
			/* every field's length as read, trimmed */
			assert_int_equal(mms_csv_lengths(c)[i], strlen(row->f[i]));
		}
		mms_buf_adds(out, "\n");
		assert_null(row->f[row->n]);
	}
	if (sha)
		mms_csv_sha256(c, sha);
	mms_csv_close(c);
	return rc;
}

/* The only diagnostic must start with "PATH:LINE: " (or "PATH: ") and contain WHAT. */
static void assert_diag(mms_db *db, const char *path, long line, const char *what)
{
	char prefix[4200];
	const char *d;

	assert_int_equal(mms_diag_count(db), 1);
	d = mms_diag_at(db, 0);
	if (line > 0)
		snprintf(prefix, sizeof(prefix), "%s:%ld: ", path, line);
	else
		snprintf(prefix, sizeof(prefix), "%s: ", path);
	if (strncmp(d, prefix, strlen(prefix)) != 0 || !strstr(d, what))
		fail_msg("diagnostic '%s' is not '%s…%s…'", d, prefix, what);
}

static void test_utf8_bom_crlf(void **state)
{
	struct t_fx *f = *state;
	static const char data[] = "\xEF\xBB\xBF"
	                           "Код;Имя\r\n"
	                           "1; Анна \r\n"
	                           "2;\"Пётр; мл.\"\r\n";
	char *path = t_write_file(data, sizeof(data) - 1);
	char delim = 0, sha[65], want[65];
	enum mms_encoding enc = MMS_ENC_AUTO;
	mms_buf out = {0};

	assert_int_equal(slurp(f->db, path, MMS_ENC_AUTO, &out, &delim, &enc, sha), 0);
	assert_string_equal(out.p, "1:Код|Имя\n2:1|Анна\n3:2|Пётр; мл.\n");
	assert_int_equal(delim, ';');
	assert_int_equal(enc, MMS_ENC_UTF8);
	/* the hash is of the file as it is on disk, BOM included */
	file_sha256(data, sizeof(data) - 1, want);
	assert_string_equal(sha, want);
	assert_int_equal(mms_diag_count(f->db), 0);
	mms_buf_free(&out);
	t_remove(path);
}

static void test_plain_utf8_sha256(void **state)
{
	struct t_fx *f = *state;
	static const char data[] = "Код,Имя\n1,Анна\n";
	char *path = t_write_file(data, sizeof(data) - 1);
	char sha[65], want[65], delim = 0;
	enum mms_encoding enc = MMS_ENC_AUTO;
	mms_buf out = {0};

	assert_int_equal(slurp(f->db, path, MMS_ENC_AUTO, &out, &delim, &enc, sha), 0);
	assert_string_equal(out.p, "1:Код|Имя\n2:1|Анна\n");
	assert_int_equal(delim, ',');
	assert_int_equal(enc, MMS_ENC_UTF8);
	file_sha256(data, sizeof(data) - 1, want);
	assert_string_equal(sha, want);
	mms_buf_free(&out);
	t_remove(path);
}

/*
 * The lines looked at for the delimiter are read again from memory when they
 * are in the first chunk, and from the file when they are not: both hashed
 * once, from the first byte, and every row read once, in order.
 */
static void test_sha256_small_and_past_a_chunk(void **state)
{
	struct t_fx *f = *state;
	/* a school's file; one past 64 KiB whose first lines are in the first
	   chunk; one whose first 64 lines are not */
	const struct {
		size_t rows, note;
	} files[] = {{3, 0}, {9000, 0}, {100, 1500}};

	for (size_t k = 0; k < sizeof(files) / sizeof(*files); k++) {
		mms_buf text = {0}, out = {0}, want_rows = {0};
		char *bytes, *path, sha[65], want[65], delim = 0, *note;
		size_t n;

		note = calloc(files[k].note + 1, 1);
		memset(note, 'z', files[k].note);
		mms_buf_adds(&text, "Код участника;Класс;1;2;Примечание\r\n");
		mms_buf_adds(&want_rows, "1:Код участника|Класс|1|2|Примечание\n");
		for (size_t i = 1; i <= files[k].rows; i++) {
			mms_buf_addf(&text, "%05zu;%zuА;1;\"0,5\";%s\r\n", i, i % 9 + 1, note);
			mms_buf_addf(&want_rows, "%zu:%05zu|%zuА|1|0,5|%s\n", i + 1, i, i % 9 + 1,
			             note);
		}
		free(note);
		bytes = convert(text.p, "CP1251", &n);
		assert_true(k == 0 ? n < 65536 : n > 2 * 65536);
		path = t_write_file(bytes, n);
		assert_int_equal(slurp(f->db, path, MMS_ENC_AUTO, &out, &delim, NULL, sha), 0);
		assert_string_equal(out.p, want_rows.p);
		assert_int_equal(delim, ';');
		file_sha256(bytes, n, want);
		assert_string_equal(sha, want);
		free(bytes);
		mms_buf_free(&text);
		mms_buf_free(&out);
		mms_buf_free(&want_rows);
		t_remove(path);
	}
}

static void test_cp1251_detected(void **state)
{
	struct t_fx *f = *state;
	char *path = write_cp1251("Код ОО;Школа;Учитель\r\n"
	                          "001;МБОУ «СОШ № 1»;Ёлкина Алёна\r\n");
	char delim = 0;
	enum mms_encoding enc = MMS_ENC_AUTO;
	mms_buf out = {0};

	assert_int_equal(slurp(f->db, path, MMS_ENC_AUTO, &out, &delim, &enc, NULL), 0);
	assert_string_equal(out.p, "1:Код ОО|Школа|Учитель\n"
	                           "2:001|МБОУ «СОШ № 1»|Ёлкина Алёна\n");
	assert_int_equal(delim, ';');
	assert_int_equal(enc, MMS_ENC_CP1251);
	mms_buf_free(&out);

	/* declared, it reads the same */
	assert_int_equal(slurp(f->db, path, MMS_ENC_CP1251, &out, NULL, NULL, NULL), 0);
	assert_string_equal(out.p, "1:Код ОО|Школа|Учитель\n"
	                           "2:001|МБОУ «СОШ № 1»|Ёлкина Алёна\n");
	mms_buf_free(&out);
	t_remove(path);
}

static void test_utf16le_tabs(void **state)
{
	struct t_fx *f = *state;
	size_t n;
	char *body = convert("Код участника\tКласс\t1\t2\r\n"
	                     "0101\t5А\t1\t0,5\r\n"
	                     "0102\t5Б\t0\tн/я\r\n",
	                     "UTF-16LE", &n);
	char *data = malloc(n + 2), *path, sha[65], want[65], delim = 0;
	enum mms_encoding enc = MMS_ENC_AUTO;
	mms_buf out = {0};

	data[0] = (char)0xFF;
	data[1] = (char)0xFE;
	memcpy(data + 2, body, n);
	path = t_write_file(data, n + 2);
	assert_int_equal(slurp(f->db, path, MMS_ENC_AUTO, &out, &delim, &enc, sha), 0);
	assert_string_equal(out.p, "1:Код участника|Класс|1|2\n"
	                           "2:0101|5А|1|0,5\n"
	                           "3:0102|5Б|0|н/я\n");
	assert_int_equal(delim, '\t');
	assert_int_equal(enc, MMS_ENC_UTF16LE);
	file_sha256(data, n + 2, want);
	assert_string_equal(sha, want);
	mms_buf_free(&out);

	/* no BOM, declared: the same rows, the hash of the bytes there are */
	t_remove(path);
	path = t_write_file(body, n);
	assert_int_equal(slurp(f->db, path, MMS_ENC_UTF16LE, &out, &delim, &enc, sha), 0);
	assert_string_equal(out.p, "1:Код участника|Класс|1|2\n"
	                           "2:0101|5А|1|0,5\n"
	                           "3:0102|5Б|0|н/я\n");
	assert_int_equal(enc, MMS_ENC_UTF16LE);
	file_sha256(body, n, want);
	assert_string_equal(sha, want);
	mms_buf_free(&out);
	t_remove(path);
	path = t_write_file(data, n + 2);

	/* declared as something else: refused */
	assert_int_equal(slurp(f->db, path, MMS_ENC_CP1251, &out, NULL, NULL, NULL), MMS_EDATA);
	assert_diag(f->db, path, 0, "UTF-16");
	mms_diag_clear(f->db);
	mms_buf_free(&out);
	t_remove(path);
	free(body);
	free(data);
}

static void test_delimiters(void **state)
{
	struct t_fx *f = *state;
	static const struct {
		const char *text, *rows;
		char delim;
	} cases[] = {
	    /* decimal commas do not make ',' the delimiter */
	    {"Код;Балл;Отметка\n0101;0,5;3\n0102;1,5;4\n0103;10,25;5\n",
	     "1:Код|Балл|Отметка\n2:0101|0,5|3\n3:0102|1,5|4\n4:0103|10,25|5\n", ';'},
	    {"Код;Балл\n0101;0,5\n", "1:Код|Балл\n2:0101|0,5\n", ';'},
	    {"code,score,mark\n1,2,3\n4,5,6\n", "1:code|score|mark\n2:1|2|3\n3:4|5|6\n", ','},
	    {"name,note\n\"Иванов; А.\",3\n", "1:name|note\n2:Иванов; А.|3\n", ','},
	    {"a\tb\tc\n1\t0,5\t3\n", "1:a|b|c\n2:1|0,5|3\n", '\t'},
	    {"a\tb\tc\n1\t2;3\t4,5\n6\t7\t8\n", "1:a|b|c\n2:1|2;3|4,5\n3:6|7|8\n", '\t'},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *path = t_write_str(cases[i].text), delim = 0;
		mms_buf out = {0};

		assert_int_equal(slurp(f->db, path, MMS_ENC_AUTO, &out, &delim, NULL, NULL), 0);
		assert_string_equal(out.p, cases[i].rows);
		if (delim != cases[i].delim)
			fail_msg("case %zu: delimiter '%c', want '%c'", i, delim, cases[i].delim);
		mms_buf_free(&out);
		t_remove(path);
	}
}

static void test_line_numbers(void **state)
{
	struct t_fx *f = *state;
	char *path = t_write_str("a;b\r\n"
	                         "1;2\r\n"
	                         "\r\n"
	                         "3;\"x\r\n"
	                         "y\"\r\n"
	                         "\r\n"
	                         "   \r\n"
	                         "5;6\r\n"
	                         ";\r\n"
	                         "7;8\r\n"
	                         "\r\n"
	                         "\r\n");
	mms_buf out = {0};

	assert_int_equal(slurp(f->db, path, MMS_ENC_AUTO, &out, NULL, NULL, NULL), 0);
	assert_string_equal(out.p, "1:a|b\n2:1|2\n4:3|x\r\ny\n8:5|6\n9:|\n10:7|8\n");
	mms_buf_free(&out);
	t_remove(path);
}

static void test_no_final_newline(void **state)
{
	struct t_fx *f = *state;
	char *path = t_write_str("a;b\n1;2");
	mms_buf out = {0};

	assert_int_equal(slurp(f->db, path, MMS_ENC_AUTO, &out, NULL, NULL, NULL), 0);
	assert_string_equal(out.p, "1:a|b\n2:1|2\n");
	mms_buf_free(&out);
	t_remove(path);
}

static void test_row_blank(void **state)
{
	struct t_fx *f = *state;
	char *path = t_write_str("a;b\n ; \n1;\n");
	mms_csv *c;
	mms_row *row;

	assert_int_equal(mms_csv_open(f->db, path, MMS_ENC_AUTO, &c), MMS_OK);
	assert_int_equal(mms_csv_next(c, &row), 1);
	assert_false(mms_row_blank(row));
	assert_int_equal(mms_csv_next(c, &row), 1);
	assert_int_equal(row->line, 2);
	assert_true(mms_row_blank(row));
	assert_int_equal(mms_csv_next(c, &row), 1);
	assert_false(mms_row_blank(row));
	assert_int_equal(mms_csv_next(c, &row), 0);
	assert_int_equal(mms_csv_next(c, &row), 0);
	mms_csv_close(c);
	mms_csv_close(NULL);
	t_remove(path);
}

static void test_unterminated_quote(void **state)
{
	struct t_fx *f = *state;
	char *path = t_write_str("a;b\n1;2\n3;\"open\n4;5\n6;7\n");
	mms_buf out = {0};

	assert_int_equal(slurp(f->db, path, MMS_ENC_AUTO, &out, NULL, NULL, NULL), MMS_EDATA);
	assert_string_equal(out.p, "1:a|b\n2:1|2\n");
	assert_diag(f->db, path, 3, "unterminated quoted field");
	mms_diag_clear(f->db);
	mms_buf_free(&out);
	t_remove(path);
}

static void test_text_after_quote(void **state)
{
	struct t_fx *f = *state;
	char *path = t_write_str("a;b\n1;2\n3;\"x\"y\n");
	mms_buf out = {0};

	assert_int_equal(slurp(f->db, path, MMS_ENC_AUTO, &out, NULL, NULL, NULL), MMS_EDATA);
	assert_diag(f->db, path, 3, "quot");
	mms_diag_clear(f->db);
	mms_buf_free(&out);
	t_remove(path);
}

static void test_nul_byte(void **state)
{
	struct t_fx *f = *state;
	static const char data[] = "a;b\n1;2\n3;\0\n";
	char *path = t_write_file(data, sizeof(data) - 1);
	mms_buf out = {0};

	assert_int_equal(slurp(f->db, path, MMS_ENC_AUTO, &out, NULL, NULL, NULL), MMS_EDATA);
	assert_diag(f->db, path, 3, "NUL");
	mms_diag_clear(f->db);
	mms_buf_free(&out);
	t_remove(path);
}

static void test_cp1251_declared_on_utf8(void **state)
{
	struct t_fx *f = *state;
	char *path = t_write_str("Код;Имя\n1;Анна\n");
	mms_buf out = {0};

	assert_int_equal(slurp(f->db, path, MMS_ENC_CP1251, &out, NULL, NULL, NULL), MMS_EDATA);
	assert_diag(f->db, path, 0, "not windows-1251");
	mms_diag_clear(f->db);
	mms_buf_free(&out);
	t_remove(path);
}

static void test_bad_utf8_declared(void **state)
{
	struct t_fx *f = *state;
	/* "a;b", then a row in Windows-1251 */
	char *path = t_write_str("a;b\n1;\xCF\xF0\xE8\xE2\xE5\xF2\n");
	enum mms_encoding enc = MMS_ENC_AUTO;
	mms_buf out = {0};

	assert_int_equal(slurp(f->db, path, MMS_ENC_UTF8, &out, NULL, NULL, NULL), MMS_EDATA);
	assert_diag(f->db, path, 2, "not valid UTF-8");
	mms_diag_clear(f->db);
	mms_buf_free(&out);

	/* not declared: read as Windows-1251 */
	assert_int_equal(slurp(f->db, path, MMS_ENC_AUTO, &out, NULL, &enc, NULL), 0);
	assert_int_equal(enc, MMS_ENC_CP1251);
	assert_string_equal(out.p, "1:a|b\n2:1|Привет\n");
	mms_buf_free(&out);
	t_remove(path);
}

static void test_byte_0x98(void **state)
{
	struct t_fx *f = *state;
	char *path = t_write_str("a;b\n1;\xE0\n2;\x98\n");
	mms_buf out = {0};

	assert_int_equal(slurp(f->db, path, MMS_ENC_AUTO, &out, NULL, NULL, NULL), MMS_EDATA);
	assert_string_equal(out.p, "1:a|b\n2:1|а\n");
	assert_diag(f->db, path, 3, "0x98");
	mms_diag_clear(f->db);
	mms_buf_free(&out);
	t_remove(path);
}

/* The diagnostics of DB about PATH, one a line and PATH left out, emptied. */
static void take_diags(mms_db *db, const char *path, mms_buf *out)
{
	size_t n = strlen(path);

	mms_buf_adds(out, "");
	for (size_t i = 0; i < mms_diag_count(db); i++) {
		const char *d = mms_diag_at(db, i);

		assert_memory_equal(d, path, n);
		mms_buf_addf(out, "%s\n", d + n);
	}
	mms_diag_clear(db);
}

/* UTF8 text written to a file in ENC (UTF-8 or Windows-1251), every '~' a byte that is not
   text in it when BAD (0x98 in Windows-1251, 0xFF in UTF-8); its path. */
static char *write_as(const char *utf8, enum mms_encoding enc, int bad)
{
	size_t n = strlen(utf8);
	char *bytes = enc == MMS_ENC_CP1251 ? convert(utf8, "CP1251", &n) : strdup(utf8), *path;

	for (size_t i = 0; bad && i < n; i++)
		if (bytes[i] == '~')
			bytes[i] = enc == MMS_ENC_CP1251 ? '\x98' : '\xFF';
	path = t_write_file(bytes, n);
	free(bytes);
	return path;
}

/*
 * Lines without quotes are split by mms itself, as libcsv would split them: a
 * thousand random files of fields, spaces, tabs, commas, Cyrillic, CRs, CRLF
 * and LF line ends, blank lines and lines of spaces, now and then a quoted
 * field (every line after it libcsv's), a quote left open or a byte that is
 * not text, half of them in UTF-8 and half in Windows-1251, read as they are
 * and again with the header's first field quoted, which gives the whole file
 * to libcsv: the same rows, lines, fields and diagnostics.
 */
static void test_split_as_libcsv(void **state)
{
	static const char *const tokens[] = {"",    " ",     "a",  "Я", "  b  ", "\t", "12", ",",
	                                     "1,5", " x y ", "\r", "|", "-",     "  ", "~"};
	struct t_fx *f = *state;
	unsigned seed = 2024;
	int quoted = 0, compared = 0, failed = 0, cp1251 = 0;

	for (int round = 0; round < 1000; round++) {
		mms_buf plain = {0}, full = {0}, got = {0}, want = {0}, dgot = {0}, dwant = {0};
		const char *eol = round % 3 == 0 ? "\r\n" : "\n";
		int nlines = 1 + (int)(seed % 12), rgot, rwant;
		char dplain = 0, dfull = 0, *pa, *pb;
		enum mms_encoding enc;

		mms_buf_adds(&plain, "h1;h2;h3;h4");
		mms_buf_adds(&full, "\"h1\";h2;h3;h4");
		mms_buf_adds(&plain, eol);
		mms_buf_adds(&full, eol);
		for (int l = 0; l < nlines; l++) {
			mms_buf line = {0};
			int nfields = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 7;

			mms_buf_adds(&line, "");
			for (int k = 0; k < nfields; k++) {
				unsigned r = (seed = seed * 1103515245u + 12345u) >> 16;

				if (k)
					mms_buf_adds(&line, ";");
				if (r % 97 == 0)
					mms_buf_adds(&line, "\"q;\n\"\"r\"");
				else if (r % 331 == 0)
					mms_buf_adds(&line, "\"open");
				else
					mms_buf_addf(&line, "%s%s", tokens[r % 15],
					             tokens[(r / 15) % 15]);
			}
			mms_buf_adds(&line, l + 1 < nlines || round % 5 ? eol : "");
			mms_buf_adds(&plain, line.p);
			mms_buf_adds(&full, line.p);
			quoted += strchr(line.p, '"') != NULL;
			mms_buf_free(&line);
		}
		/* every other file in Windows-1251; now and then a '~' a byte that is no
		   character of the file's encoding (0x98, or 0xFF in UTF-8) */
		enc = round % 2 ? MMS_ENC_CP1251 : MMS_ENC_UTF8;
		pa = write_as(plain.p, enc, round % 7 == 0);
		pb = write_as(full.p, enc, round % 7 == 0);
		cp1251 += enc == MMS_ENC_CP1251;
		rgot = slurp(f->db, pa, enc, &got, &dplain, NULL, NULL);
		take_diags(f->db, pa, &dgot);
		rwant = slurp(f->db, pb, enc, &want, &dfull, NULL, NULL);
		take_diags(f->db, pb, &dwant);
		/* commas in the fields make a file comma-separated now and then: its
		   header's quote is then no field's, and libcsv refuses it */
		assert_int_equal(dplain, dfull);
		if (dplain == ';') {
			assert_int_equal(rgot, rwant);
			assert_string_equal(got.p, want.p);
			assert_string_equal(dgot.p, dwant.p);
			failed += rgot < 0;
			compared++;
		}
		t_remove(pa);
		t_remove(pb);
		mms_buf_free(&plain);
		mms_buf_free(&full);
		mms_buf_free(&got);
		mms_buf_free(&want);
		mms_buf_free(&dgot);
		mms_buf_free(&dwant);
	}
	assert_true(compared > 600 && quoted > 20 && failed > 20 && cp1251 == 500);
}

/*
 * A row that says it is clean (mms_row.clean: a line split by mms, looked at
 * whole) has no field in which mms_text_control() finds a character, so the
 * import need not look at its fields: random lines of ASCII, Cyrillic, «», №,
 * tabs and the characters it refuses (ESC, SOH, DEL, and in UTF-8 NEL,
 * U+061C, U+200F, U+202E), in UTF-8 and in Windows-1251, now and then a
 * quoted field (every line after it libcsv's, never clean).  Most rows
 * without such a character say so, in both encodings.
 */
static void test_clean_rows(void **state)
{
	static const char *const tokens[] = {"a",  "Я",        "«ш»",    "№1",     "\t",
	                                     "12", "\x1b[2J",  "\x01",   "\x7f",   " x ",
	                                     "б",  "\xc2\x85", "\u061c", "\u200f", "\u202e"};
	struct t_fx *f = *state;
	unsigned seed = 7;
	int clean[2] = {0, 0}, plain[2] = {0, 0}, refused = 0;

	for (int round = 0; round < 400; round++) {
		enum mms_encoding enc = round % 2 ? MMS_ENC_CP1251 : MMS_ENC_UTF8;
		/* Windows-1251 has none of the last four */
		unsigned ntokens = enc == MMS_ENC_CP1251 ? 11 : 15;
		mms_buf text = {0};
		mms_csv *c;
		mms_row *row;
		char *path;
		int rc;

		mms_buf_adds(&text, "h1;h2;h3\n");
		for (int l = 0; l < 6; l++) {
			for (int k = 0; k < 3; k++) {
				unsigned r = (seed = seed * 1103515245u + 12345u) >> 16;

				if (r % 151 == 0)
					mms_buf_addf(&text, "%s\"q\"", k ? ";" : "");
				else
					mms_buf_addf(&text, "%s%s%s", k ? ";" : "",
					             tokens[r % ntokens],
					             r % 3 ? tokens[(r / 16) % 4] : "");
			}
			mms_buf_adds(&text, "\n");
		}
		path = write_as(text.p, enc, 0);
		assert_int_equal(mms_csv_open(f->db, path, enc, &c), MMS_OK);
		while ((rc = mms_csv_next(c, &row)) == 1) {
			int controls = 0;

			for (size_t i = 0; i < row->n; i++)
				controls |= mms_text_control(row->f[i], 1) != 0;
			if (row->clean)
				assert_false(controls);
			refused += controls;
			clean[enc == MMS_ENC_CP1251] += row->clean;
			plain[enc == MMS_ENC_CP1251] += !controls;
		}
		assert_int_equal(rc, 0);
		mms_csv_close(c);
		mms_diag_clear(f->db);
		t_remove(path);
		mms_buf_free(&text);
	}
	/* «» and № begin with bytes the UTF-8 test leaves to the fields' */
	assert_true(refused > 300);
	assert_true(clean[1] > plain[1] * 3 / 4 && clean[0] > plain[0] / 4);
}

static void test_empty_and_missing(void **state)
{
	struct t_fx *f = *state;
	char *path = t_write_str("");
	mms_csv *c = (mms_csv *)1;

	assert_int_equal(mms_csv_open(f->db, path, MMS_ENC_AUTO, &c), MMS_EDATA);
	assert_null(c);
	assert_diag(f->db, path, 1, "the file is empty");
	mms_diag_clear(f->db);
	t_remove(path);

	assert_int_equal(mms_csv_open(f->db, "/nonexistent/roster.csv", MMS_ENC_AUTO, &c),
	                 MMS_EOPEN);
	assert_null(c);
	assert_int_equal(mms_diag_count(f->db), 0);
	assert_non_null(strstr(mms_errmsg(f->db), "'/nonexistent/roster.csv'"));
}

static const char *const n_code[] = {"Код ОО", "School code", NULL};
static const char *const n_school[] = {"Школа", "School", NULL};
static const char *const n_teacher[] = {"Учитель", "Teacher", NULL};
static const char *const n_birth[] = {"Год рождения", "Birth year", NULL};
static const mms_column cols[] = {{n_code, 1}, {n_school, 1}, {n_teacher, 1}, {n_birth, 0}};

static void test_header_after_title(void **state)
{
	struct t_fx *f = *state;
	char *path = write_cp1251("Сведения о педагогах;;;\r\n"
	                          "Школа: МБОУ СОШ № 1;;;\r\n"
	                          ";;;\r\n"
	                          "\r\n"
	                          "учитель;КОД ОО;Школа:;Прочее\r\n"
	                          "Ёлкина А. А.;001;СОШ № 1;\r\n");
	mms_src *c;
	mms_row *row;
	int map[4];

	assert_int_equal(mms_src_open(f->db, path, MMS_ENC_AUTO, NULL, &c), MMS_OK);
	assert_int_equal(mms_src_header(f->db, c, cols, 4, map, &row), MMS_OK);
	assert_int_equal(row->line, 5);
	assert_int_equal(row->n, 4);
	assert_int_equal(map[0], 1);
	assert_int_equal(map[1], 2);
	assert_int_equal(map[2], 0);
	assert_int_equal(map[3], -1);
	assert_int_equal(mms_src_next(c, &row), 1);
	assert_int_equal(row->line, 6);
	assert_string_equal(row->f[map[2]], "Ёлкина А. А.");
	assert_int_equal(mms_src_next(c, &row), 0);
	mms_src_close(c);
	t_remove(path);
}

static void test_header_english_and_optional(void **state)
{
	struct t_fx *f = *state;
	char *path = t_write_str("School code,School,Teacher,Birth year\n1,A,B,1980\n");
	mms_src *c;
	mms_row *row;
	int map[4];

	assert_int_equal(mms_src_open(f->db, path, MMS_ENC_AUTO, NULL, &c), MMS_OK);
	assert_int_equal(mms_src_header(f->db, c, cols, 4, map, &row), MMS_OK);
	assert_int_equal(row->line, 1);
	assert_int_equal(map[0], 0);
	assert_int_equal(map[3], 3);
	mms_src_close(c);
	t_remove(path);
}

static void test_header_unknown(void **state)
{
	struct t_fx *f = *state;
	char *path = t_write_str("\n\nКод;Фамилия;Имя\n1;2;3\n");
	mms_src *c;
	mms_row *row;
	int map[4];

	assert_int_equal(mms_src_open(f->db, path, MMS_ENC_AUTO, NULL, &c), MMS_OK);
	assert_int_equal(mms_src_header(f->db, c, cols, 4, map, &row), MMS_EDATA);
	assert_diag(f->db, path, 3,
	            "unknown column set: expected a header with the columns Код ОО, Школа, "
	            "Учитель");
	mms_diag_clear(f->db);
	mms_src_close(c);
	t_remove(path);
}

static void test_header_no_rows(void **state)
{
	struct t_fx *f = *state;
	char *path = t_write_str("\r\n;;\r\n\r\n");
	mms_src *c;
	mms_row *row;
	int map[4];

	assert_int_equal(mms_src_open(f->db, path, MMS_ENC_AUTO, NULL, &c), MMS_OK);
	assert_int_equal(mms_src_header(f->db, c, cols, 4, map, &row), MMS_EDATA);
	assert_diag(f->db, path, 0, "no rows");
	mms_diag_clear(f->db);
	mms_src_close(c);
	t_remove(path);
}

static void test_header_duplicate(void **state)
{
	struct t_fx *f = *state;
	char *path = t_write_str("Код ОО;Школа;Учитель;Teacher\n1;2;3;4\n");
	mms_src *c;
	mms_row *row;
	int map[4];

	assert_int_equal(mms_src_open(f->db, path, MMS_ENC_AUTO, NULL, &c), MMS_OK);
	assert_int_equal(mms_src_header(f->db, c, cols, 4, map, &row), MMS_EDATA);
	assert_diag(f->db, path, 1, "'Teacher' appears twice");
	mms_diag_clear(f->db);
	mms_src_close(c);
	t_remove(path);
}

static void test_columns_describe(void **state)
{
	mms_buf b = {0};

	(void)state;
	mms_columns_describe(cols, 4, &b);
	assert_string_equal(b.p, "Код ОО, Школа, Учитель");
	mms_buf_free(&b);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, t_fx_setup, t_fx_teardown)
	const struct CMUnitTest tests[] = {
	    T(test_utf8_bom_crlf),
	    T(test_plain_utf8_sha256),
	    T(test_sha256_small_and_past_a_chunk),
	    T(test_cp1251_detected),
	    T(test_utf16le_tabs),
	    T(test_delimiters),
	    T(test_line_numbers),
	    T(test_no_final_newline),
	    T(test_row_blank),
	    T(test_unterminated_quote),
	    T(test_text_after_quote),
	    T(test_nul_byte),
	    T(test_cp1251_declared_on_utf8),
	    T(test_bad_utf8_declared),
	    T(test_byte_0x98),
	    T(test_split_as_libcsv),
	    T(test_clean_rows),
	    T(test_empty_and_missing),
	    T(test_header_after_title),
	    T(test_header_english_and_optional),
	    T(test_header_unknown),
	    T(test_header_no_rows),
	    T(test_header_duplicate),
	    T(test_columns_describe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
