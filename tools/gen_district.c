/*
 * mms-gen-district — writes the files of an invented district, the way its
 * schools would hand them over: the roster, the assessments' descriptions and
 * the students' item-level results as ФИС ОКО exports them to CSV.
 *
 *   mms-gen-district [--seed N] [--region] [--xlsx] --out DIR
 *   mms-gen-district [--seed N] --big-workbook N [--shared-strings] --out DIR
 *
 * The default is the demo district (15 rural schools, four assessments in two
 * school years) with known deficits and mentors planted in it, written down in
 * DIR/README.txt and DIR/planted.tsv; --region writes
 * the benchmark's region (500 schools, 5 assessments, ≈3.6 million scores) and
 * DIR/scores.csv, the same scores as a plain CSV for a raw bulk load.
 * --xlsx writes the same tables as Excel workbooks (.xlsx), the way schools
 * save them: scores as numbers, codes and classes as text, dates as dates,
 * merged titles, sheets named as in the real exports and a sheet of notes
 * before the roster's.  --big-workbook writes one ФИС ОКО workbook of N rows
 * and its CSV twin, for bench/workbook.sh.
 *
 * Plain C11 and libc, and libxlsxwriter for the workbooks: its own random
 * numbers (splitmix64) and its own exp(), so that a seed gives the same bytes
 * on every machine.  Cyrillic string literals are UTF-8 here and converted to
 * Windows-1251 as they are written to CSV.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#include <xlsxwriter.h>

#define PROG "mms-gen-district"
#define EX_USAGE 64
#define EX_SOFTWARE 70
#define EX_CANTCREAT 73
#define EX_IOERR 74

/* ---------------------------------------------------------------- random */

typedef struct {
	uint64_t s;
} rng;

static uint64_t rng_next(rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double rng_unit(rng *r)
{
	return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform integer in [lo, hi]. */
static int rng_int(rng *r, int lo, int hi)
{
	return lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

/* Approximately standard normal (Irwin–Hall, 12 terms). */
static double rng_normal(rng *r)
{
	double s = 0;

	for (int i = 0; i < 12; i++)
		s += rng_unit(r);
	return s - 6.0;
}

static double xexp(double x)
{
	static const double ln2 = 0.69314718055994530942;
	double r, term = 1, sum = 1, p = 1;
	int k;

	if (x > 60)
		x = 60;
	if (x < -60)
		x = -60;
	k = (int)(x / ln2 + (x < 0 ? -0.5 : 0.5));
	r = x - k * ln2;
	for (int i = 1; i < 16; i++) {
		term *= r / i;
		sum += term;
	}
	for (int i = 0; i < (k < 0 ? -k : k); i++)
		p *= k < 0 ? 0.5 : 2.0;
	return sum * p;
}

static double logistic(double x)
{
	return 1.0 / (1.0 + xexp(-x));
}

static double logit(double p)
{
	double lo = -30, hi = 30;

	for (int i = 0; i < 80; i++) {
		double mid = (lo + hi) / 2;

		if (logistic(mid) < p)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}

/* ---------------------------------------------------------------- output */

static void die(int code, const char *what, const char *path)
{
	fprintf(stderr, "%s: %s '%s': %s\n", PROG, what, path, strerror(errno));
	exit(code);
}

struct out {
	FILE *fp;
	char path[4096];
	int cp1251;
	size_t n;
	char buf[1 << 16];
};

static struct out *out_open(const char *path, int cp1251)
{
	struct out *o = malloc(sizeof(*o));

	if (!o) {
		fprintf(stderr, "%s: out of memory\n", PROG);
		exit(EX_SOFTWARE);
	}
	o->fp = fopen(path, "wb");
	if (!o->fp)
		die(EX_CANTCREAT, "cannot create", path);
	snprintf(o->path, sizeof(o->path), "%s", path);
	o->cp1251 = cp1251;
	o->n = 0;
	return o;
}

static void out_flush(struct out *o)
{
	if (o->n && fwrite(o->buf, 1, o->n, o->fp) != o->n)
		die(EX_IOERR, "cannot write", o->path);
	o->n = 0;
}

static void out_byte(struct out *o, unsigned char c)
{
	if (o->n == sizeof(o->buf))
		out_flush(o);
	o->buf[o->n++] = (char)c;
}

static void out_close(struct out *o)
{
	out_flush(o);
	if (ferror(o->fp) || fclose(o->fp) != 0)
		die(EX_IOERR, "cannot write", o->path);
	free(o);
}

/* The Windows-1251 byte of a code point, or 0 when it has none. */
static unsigned char cp1251_of(uint32_t cp)
{
	if (cp >= 0x410 && cp <= 0x44F)
		return (unsigned char)(cp - 0x410 + 0xC0);
	switch (cp) {
	case 0x401:
		return 0xA8; /* Ё */
	case 0x451:
		return 0xB8; /* ё */
	case 0xA0:
		return 0xA0; /* no-break space */
	case 0xAB:
		return 0xAB; /* « */
	case 0xBB:
		return 0xBB; /* » */
	case 0x2116:
		return 0xB9; /* № */
	case 0x2013:
		return 0x96; /* – */
	case 0x2014:
		return 0x97; /* — */
	}
	return 0;
}

/* Writes UTF-8 text S, converted when the file is Windows-1251. */
static void out_str(struct out *o, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!o->cp1251) {
		while (*p)
			out_byte(o, *p++);
		return;
	}
	while (*p) {
		uint32_t cp;
		unsigned char b;

		if (*p < 0x80) {
			out_byte(o, *p++);
			continue;
		}
		if ((*p & 0xE0) == 0xC0 && p[1]) {
			cp = ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
			p += 2;
		} else if ((*p & 0xF0) == 0xE0 && p[1] && p[2]) {
			cp = ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) |
			     (p[2] & 0x3F);
			p += 3;
		} else {
			cp = 0;
		}
		b = cp1251_of(cp);
		if (!b) {
			fprintf(stderr, "%s: no Windows-1251 form for U+%04X in '%s'\n", PROG,
			        (unsigned)cp, s);
			exit(EX_SOFTWARE);
		}
		out_byte(o, b);
	}
}

static void out_int(struct out *o, long v)
{
	char tmp[24];
	int n = 0;

	if (v < 0) {
		out_byte(o, '-');
		v = -v;
	}
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		out_byte(o, (unsigned char)tmp[--n]);
}

/* A number of half points: 3 → "1,5" (or "1.5" with DEC '.'), 4 → "2". */
static void out_half(struct out *o, int half, char dec)
{
	out_int(o, half / 2);
	if (half % 2) {
		out_byte(o, (unsigned char)dec);
		out_byte(o, '5');
	}
}

static void out_crlf(struct out *o)
{
	out_byte(o, '\r');
	out_byte(o, '\n');
}

static void mkdirs(const char *path)
{
	char buf[4096];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0777) != 0 && errno != EEXIST)
			die(EX_CANTCREAT, "cannot create directory", buf);
		*p = '/';
	}
	if (mkdir(buf, 0777) != 0 && errno != EEXIST)
		die(EX_CANTCREAT, "cannot create directory", buf);
}

static const char *path_of(char *buf, size_t n, const char *dir, const char *a, const char *b,
                           const char *c)
{
	snprintf(buf, n, "%s/%s%s%s%s%s", dir, a, b ? "/" : "", b ? b : "", c ? "/" : "",
	         c ? c : "");
	return buf;
}

/* ---------------------------------------------------------------- tables */

/*
 * A table written cell by cell: as CSV (';' between the cells of a row, CRLF
 * after it) or as a worksheet of an .xlsx workbook, through libxlsxwriter.
 * A cell is a string, a number or a date; an empty cell is an empty field in
 * CSV and no cell at all in a workbook, as Excel saves them.  A table may
 * have a twin (NEXT) that gets the same cells: the big workbook and its CSV.
 */
struct tab {
	struct out *o;     /* CSV */
	lxw_workbook *wb;  /* .xlsx */
	lxw_worksheet *ws; /* the data sheet */
	lxw_format *f_title, *f_head, *f_date;
	char path[4096];
	lxw_row_t row;
	lxw_col_t col; /* the next cell of the row */
	struct tab *next;
};

/* How a workbook looks: its data sheet, and a sheet of notes before or after it. */
struct book {
	const char *sheet;      /* the data sheet's name: «Лист1», «Кадры» */
	const char *note_sheet; /* NULL: none */
	const char *note[4];    /* its lines of text (NULL-terminated) */
	int note_first;         /* the note sheet comes before the data sheet */
	int big;                /* constant_memory: rows go to a temporary file as written */
	const char *tmpdir;     /* where that file is (NULL: the system's) */
};

/* The creation time every workbook claims (2026-05-20, UTC): the same seed, the same bytes. */
#define BOOK_CREATED ((time_t)1779235200)

static void *xmalloc(size_t n)
{
	void *p = calloc(1, n);

	if (!p) {
		fprintf(stderr, "%s: out of memory\n", PROG);
		exit(EX_SOFTWARE);
	}
	return p;
}

static void lxw_check(struct tab *t, lxw_error e)
{
	if (e == LXW_NO_ERROR)
		return;
	fprintf(stderr, "%s: cannot write '%s': %s\n", PROG, t->path, lxw_strerror(e));
	exit(e == LXW_ERROR_CREATING_XLSX_FILE || e == LXW_ERROR_CREATING_TMPFILE ? EX_CANTCREAT
	                                                                          : EX_IOERR);
}

/* A CSV table: Windows-1251 when CP1251, a UTF-8 byte order mark first when BOM. */
static struct tab *tab_csv(const char *path, int cp1251, int bom)
{
	struct tab *t = xmalloc(sizeof(*t));

	t->o = out_open(path, cp1251);
	snprintf(t->path, sizeof(t->path), "%s", path);
	if (bom)
		out_str(t->o, "\xEF\xBB\xBF");
	return t;
}

/* An .xlsx workbook laid out as B says; the cells go to its data sheet. */
static struct tab *tab_xlsx(const char *path, const struct book *b)
{
	struct tab *t = xmalloc(sizeof(*t));
	lxw_workbook_options opt = {0};
	lxw_doc_properties props = {0};
	lxw_worksheet *note = NULL;

	snprintf(t->path, sizeof(t->path), "%s", path);
	opt.constant_memory = b->big ? LXW_TRUE : LXW_FALSE;
	opt.tmpdir = (char *)b->tmpdir;
	t->wb = workbook_new_opt(path, &opt);
	if (!t->wb) {
		fprintf(stderr, "%s: cannot create '%s'\n", PROG, path);
		exit(EX_CANTCREAT);
	}
	props.created = BOOK_CREATED;
	props.author = "mms-gen-district";
	lxw_check(t, workbook_set_properties(t->wb, &props));
	if (b->note_sheet && b->note_first)
		note = workbook_add_worksheet(t->wb, b->note_sheet);
	t->ws = workbook_add_worksheet(t->wb, b->sheet);
	if (b->note_sheet && !b->note_first)
		note = workbook_add_worksheet(t->wb, b->note_sheet);
	if (!t->ws || (b->note_sheet && !note)) {
		fprintf(stderr, "%s: cannot add the sheets of '%s'\n", PROG, path);
		exit(EX_SOFTWARE);
	}
	for (int i = 0; note && i < 4 && b->note[i]; i++)
		lxw_check(t, worksheet_write_string(note, (lxw_row_t)i, 0, b->note[i], NULL));
	worksheet_activate(t->ws);
	t->f_title = workbook_add_format(t->wb);
	format_set_bold(t->f_title);
	format_set_font_size(t->f_title, 12);
	format_set_align(t->f_title, LXW_ALIGN_CENTER);
	t->f_head = workbook_add_format(t->wb);
	format_set_bold(t->f_head);
	format_set_text_wrap(t->f_head);
	format_set_align(t->f_head, LXW_ALIGN_CENTER);
	format_set_align(t->f_head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_border(t->f_head, LXW_BORDER_THIN);
	t->f_date = workbook_add_format(t->wb);
	format_set_num_format(t->f_date, "dd.mm.yyyy");
	format_set_align(t->f_date, LXW_ALIGN_LEFT);
	return t;
}

static void tab_close(struct tab *t)
{
	while (t) {
		struct tab *next = t->next;

		if (t->o)
			out_close(t->o);
		else
			lxw_check(t, workbook_close(t->wb));
		free(t);
		t = next;
	}
}

/* The field separator of a CSV table's next cell; 1 if the table is CSV. */
static int tab_sep(struct tab *t)
{
	if (!t->o)
		return 0;
	if (t->col)
		out_byte(t->o, ';');
	return 1;
}

enum { S_PLAIN, S_HEAD };

static void tab_cell(struct tab *t, const char *s, int style)
{
	for (; t; t = t->next) {
		if (tab_sep(t))
			out_str(t->o, s);
		else if (s[0])
			lxw_check(t, worksheet_write_string(t->ws, t->row, t->col, s,
			                                    style == S_HEAD ? t->f_head : NULL));
		t->col++;
	}
}

static void tab_str(struct tab *t, const char *s)
{
	tab_cell(t, s, S_PLAIN);
}

/* A cell of a header row (bold and framed in a workbook). */
static void tab_head(struct tab *t, const char *s)
{
	tab_cell(t, s, S_HEAD);
}

/* A title: in a workbook, merged over SPAN cells of its row. */
static void tab_title(struct tab *t, const char *s, int span)
{
	for (; t; t = t->next) {
		if (tab_sep(t)) {
			out_str(t->o, s);
			t->col++;
			continue;
		}
		lxw_check(t, worksheet_merge_range(t->ws, t->row, t->col, t->row,
		                                   (lxw_col_t)(t->col + span - 1), s, t->f_title));
		t->col = (lxw_col_t)(t->col + span);
	}
}

static void tab_empty(struct tab *t)
{
	for (; t; t = t->next) {
		tab_sep(t);
		t->col++;
	}
}

static void tab_int(struct tab *t, long v)
{
	for (; t; t = t->next) {
		if (tab_sep(t))
			out_int(t->o, v);
		else
			lxw_check(t,
			          worksheet_write_number(t->ws, t->row, t->col, (double)v, NULL));
		t->col++;
	}
}

/* A number of half points: "1,5" in CSV, the number 1.5 in a workbook. */
static void tab_half(struct tab *t, int half)
{
	for (; t; t = t->next) {
		if (tab_sep(t))
			out_half(t->o, half, ',');
		else
			lxw_check(t,
			          worksheet_write_number(t->ws, t->row, t->col, half / 2.0, NULL));
		t->col++;
	}
}

/* A date: RU ("15.04.2026") in CSV, ISO ("2026-04-15") as an Excel date in a workbook. */
static void tab_date(struct tab *t, const char *iso, const char *ru)
{
	for (; t; t = t->next) {
		lxw_datetime d = {0};

		if (tab_sep(t)) {
			out_str(t->o, ru);
		} else {
			if (sscanf(iso, "%d-%d-%d", &d.year, &d.month, &d.day) != 3) {
				fprintf(stderr, "%s: bad date '%s'\n", PROG, iso);
				exit(EX_SOFTWARE);
			}
			lxw_check(t,
			          worksheet_write_datetime(t->ws, t->row, t->col, &d, t->f_date));
		}
		t->col++;
	}
}

/* Ends the row. */
static void tab_end(struct tab *t)
{
	for (; t; t = t->next) {
		if (t->o)
			out_crlf(t->o);
		t->row++;
		t->col = 0;
	}
}

/* A workbook's column widths, in characters (nothing for CSV). */
static void tab_width(struct tab *t, int first, int last, double width)
{
	for (; t; t = t->next)
		if (t->ws)
			lxw_check(t, worksheet_set_column(t->ws, (lxw_col_t)first, (lxw_col_t)last,
			                                  width, NULL));
}

/* Tables as .xlsx workbooks (--xlsx) instead of CSV. */
static int as_xlsx;
/* --signs: signs of non-objective results planted in vpr-2027-math-5 */
static int plant_signs;

static const char *ext(void)
{
	return as_xlsx ? "xlsx" : "csv";
}

/* ------------------------------------------------------ skills and tests */

struct skill {
	const char *code, *text, *kind;
};

struct task {
	const char *label;
	int max;
	const char *level;
	const char *codes; /* comma list */
	double base;       /* the district's success rate before anything is planted */
	const char *text;  /* NULL: the text of the first skill */
};

static const char K_SUBJ[] = "предметное";
static const char K_COG[] = "метапредметное (УУД, познавательные)";
static const char K_REG[] = "метапредметное (УУД, регулятивные)";
static const char K_COM[] = "метапредметное (УУД, коммуникативные)";
static const char K_MATH[] = "функциональная грамотность (математическая)";
static const char K_READ[] = "функциональная грамотность (читательская)";

static const struct skill math_skills[] = {
    {"1.1",
     "Оперировать понятием «натуральное число», сравнивать и упорядочивать натуральные числа",
     K_SUBJ},
    {"1.2",
     "Выполнять арифметические действия с натуральными числами, находить значение числового "
     "выражения",
     K_SUBJ},
    {"1.3",
     "Оперировать понятием «обыкновенная дробь», находить часть от целого и целое по его "
     "части",
     K_SUBJ},
    {"1.4", "Выполнять действия с десятичными дробями, округлять десятичные дроби", K_SUBJ},
    {"1.5", "Выполнять действия с положительными и отрицательными числами", K_SUBJ},
    {"2.1", "Решать текстовые задачи на движение, работу, покупки арифметическим способом", K_SUBJ},
    {"2.2", "Решать задачи на нахождение части числа и числа по его части", K_SUBJ},
    {"3.1", "Читать и использовать информацию, представленную в таблицах и на диаграммах", K_MATH},
    {"4.1", "Вычислять периметр и площадь прямоугольника и квадрата", K_SUBJ},
    {"4.2",
     "Оперировать понятиями «отрезок», «угол», «многоугольник», изображать фигуры на "
     "клетчатой бумаге",
     K_SUBJ},
    {"4.3", "Оперировать понятиями «окружность» и «круг», строить фигуры, симметричные данным",
     K_SUBJ},
    {"5.1",
     "Использовать единицы измерения длины, массы, времени и переходить от одних единиц к "
     "другим",
     K_SUBJ},
    {"7.5.2", "Применять математические знания для решения практических задач повседневной жизни",
     K_MATH},
    {"8.1", "Проводить логические рассуждения, решать задачи методом перебора вариантов", K_COG},
    {"8.2", "Проверять и оценивать результат решения, находить и исправлять ошибки", K_REG},
    {"9.1", "Решать нестандартные задачи, выстраивать цепочку рассуждений и обосновывать ответ",
     K_COG},
};

static const struct skill rus_skills[] = {
    {"1.1", "Соблюдать изученные орфографические нормы при письме под диктовку", K_SUBJ},
    {"1.2", "Соблюдать изученные пунктуационные нормы при письме под диктовку", K_SUBJ},
    {"1.3", "Писать текст без пропусков и искажений букв, проверять написанное", K_REG},
    {"2.1", "Проводить фонетический анализ слова", K_SUBJ},
    {"2.2", "Проводить морфемный анализ слова", K_SUBJ},
    {"2.3", "Проводить морфологический анализ слова", K_SUBJ},
    {"2.4", "Проводить синтаксический анализ простого предложения", K_SUBJ},
    {"3.1", "Соблюдать орфоэпические нормы, ставить ударение в словах", K_SUBJ},
    {"4.1", "Распознавать части речи и их грамматические признаки", K_SUBJ},
    {"5.1",
     "Ставить знаки препинания в предложениях с однородными членами, обращением и прямой "
     "речью",
     K_SUBJ},
    {"6.1", "Распознавать сложные предложения и обосновывать постановку знаков препинания", K_SUBJ},
    {"7.1", "Определять тему и основную мысль текста, озаглавливать текст", K_READ},
    {"7.2", "Составлять план прочитанного текста", K_COM},
    {"8.1", "Находить в тексте информацию, представленную в явном виде", K_READ},
    {"9.1", "Интерпретировать информацию текста, формулировать выводы", K_READ},
    {"10.1", "Определять лексическое значение слова по контексту", K_SUBJ},
    {"11.1", "Строить письменное высказывание с соблюдением норм русского языка", K_COM},
};

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const struct task math5_tasks[] = {
    {"1", 1, "Б", "1.1", 0.88, NULL},
    {"2", 1, "Б", "1.2,7.5.2", 0.85,
     "Выполнять вычисления с натуральными числами в практической ситуации"},
    {"3", 1, "Б", "1.3", 0.88, NULL},
    {"4.1", 1, "Б", "4.2", 0.88, NULL},
    {"4.2", 1, "Б", "4.1", 0.87, NULL},
    {"5", 1, "Б", "5.1", 0.87, NULL},
    {"6", 2, "Б", "2.1", 0.85, NULL},
    {"7", 1, "Б", "1.2", 0.88, NULL},
    {"8", 2, "П", "2.2", 0.62, NULL},
    {"9К1", 2, "П", "1.4", 0.62, NULL},
    {"9К2", 1, "П", "8.2", 0.64, NULL},
    {"10", 1, "Б", "3.1", 0.88, NULL},
    {"11", 2, "Б", "7.5.2", 0.76, NULL},
    {"12", 1, "П", "8.1", 0.64, NULL},
    {"13", 2, "В", "9.1", 0.50, NULL},
};

static const struct task rus5_tasks[] = {
    {"1К1", 4, "Б", "1.1", 0.78, NULL}, {"1К2", 3, "Б", "1.2", 0.76, NULL},
    {"1К3", 2, "Б", "1.3", 0.88, NULL}, {"2К1", 3, "П", "2.1", 0.60, NULL},
    {"2К2", 3, "П", "2.2", 0.62, NULL}, {"2К3", 3, "П", "2.3", 0.58, NULL},
    {"2К4", 3, "П", "2.4", 0.56, NULL}, {"3", 2, "Б", "3.1", 0.82, NULL},
    {"4", 3, "Б", "4.1", 0.80, NULL},   {"5", 2, "Б", "5.1", 0.78, NULL},
    {"6", 2, "П", "6.1", 0.56, NULL},   {"7.1", 2, "Б", "7.1", 0.82, NULL},
    {"7.2", 2, "П", "7.2", 0.58, NULL}, {"8", 2, "Б", "8.1", 0.85, NULL},
    {"9", 2, "П", "9.1", 0.56, NULL},   {"10", 1, "Б", "10.1", 0.88, NULL},
    {"11", 2, "В", "11.1", 0.50, NULL},
};

static const struct task math6_tasks[] = {
    {"1", 1, "Б", "1.5", 0.88, NULL},
    {"2", 1, "Б", "1.3", 0.87, NULL},
    {"3", 1, "Б", "1.2", 0.88, NULL},
    {"4", 1, "Б", "1.4", 0.87, NULL},
    {"5", 2, "Б", "2.1", 0.84, NULL},
    {"6.1", 1, "Б", "3.1", 0.84, NULL},
    {"6.2", 1, "Б", "3.1", 0.82, NULL},
    {"7", 1, "Б", "5.1", 0.87, NULL},
    {"8", 1, "Б", "4.1", 0.87, NULL},
    {"9", 2, "П", "2.2,7.5.2", 0.58,
     "Решать задачи на нахождение части числа и числа по его части"},
    {"10", 1, "П", "4.3", 0.64, NULL},
    {"11К1", 2, "П", "7.5.2", 0.58, NULL},
    {"11К2", 1, "П", "8.2", 0.64, NULL},
    {"12", 2, "П", "8.1", 0.55, NULL},
    {"13", 2, "В", "9.1", 0.50, NULL},
};

struct assess {
	const char *id, *title, *subject, *date_iso, *date_ru;
	int grade;
	int year;  /* the school year: 0 is 2025/2026, 1 is 2026/2027 */
	int entry; /* the students: 0 entered grade 5 in 2025/2026, 1 in 2026/2027 */
	const struct task *tasks;
	int ntasks;
	const struct skill *skills;
	int nskills;
	double cut[3]; /* share of the maximum for the marks 3, 4, 5 */
};

static const struct assess demo_assess[] = {
    {"vpr-2026-math-5",
     "ВПР 2026 Математика 5 класс",
     "Математика",
     "2026-04-15",
     "15.04.2026",
     5,
     0,
     0,
     math5_tasks,
     NELEM(math5_tasks),
     math_skills,
     NELEM(math_skills),
     {0.25, 0.5, 0.75}},
    {"vpr-2026-rus-5",
     "ВПР 2026 Русский язык 5 класс",
     "Русский язык",
     "2026-04-17",
     "17.04.2026",
     5,
     0,
     0,
     rus5_tasks,
     NELEM(rus5_tasks),
     rus_skills,
     NELEM(rus_skills),
     {0.38, 0.62, 0.85}},
    {"vpr-2027-math-5",
     "ВПР 2027 Математика 5 класс",
     "Математика",
     "2027-04-13",
     "13.04.2027",
     5,
     1,
     1,
     math5_tasks,
     NELEM(math5_tasks),
     math_skills,
     NELEM(math_skills),
     {0.25, 0.5, 0.75}},
    {"vpr-2027-math-6",
     "ВПР 2027 Математика 6 класс",
     "Математика",
     "2027-04-14",
     "14.04.2027",
     6,
     1,
     0,
     math6_tasks,
     NELEM(math6_tasks),
     math_skills,
     NELEM(math_skills),
     {0.25, 0.5, 0.75}},
};
#define NASSESS NELEM(demo_assess)

static const struct skill *skill_find(const struct assess *a, const char *code, size_t len)
{
	for (int i = 0; i < a->nskills; i++)
		if (strlen(a->skills[i].code) == len && memcmp(a->skills[i].code, code, len) == 0)
			return &a->skills[i];
	return NULL;
}

/* Calls FN for each code of a task's comma list; returns how many. */
static int task_codes(const struct task *t, const char *out[4])
{
	const char *p = t->codes;
	int n = 0;
	static char store[8][4][16];
	static int slot;

	slot = (slot + 1) % 8;
	while (*p && n < 4) {
		size_t len = strcspn(p, ",");

		snprintf(store[slot][n], sizeof(store[slot][n]), "%.*s", (int)len, p);
		out[n] = store[slot][n];
		n++;
		p += len;
		if (*p == ',')
			p++;
	}
	return n;
}

static int assess_max(const struct assess *a)
{
	int m = 0;

	for (int i = 0; i < a->ntasks; i++)
		m += a->tasks[i].max;
	return m;
}

static void write_spec(const char *dir, const struct assess *a)
{
	static const char *const head[] = {"Задание",    "Макс. балл",         "Уровень",
	                                   "Код умения", "Проверяемое умение", "Вид умения"};
	char path[4096], name[256];
	struct tab *t;

	snprintf(name, sizeof(name), "%s.%s", a->id, ext());
	path_of(path, sizeof(path), dir, "spec", name, NULL);
	if (as_xlsx) {
		struct book b = {"Спецификация", NULL, {NULL}, 0, 0, NULL};

		t = tab_xlsx(path, &b);
		tab_width(t, 0, 3, 11);
		tab_width(t, 4, 4, 70);
		tab_width(t, 5, 5, 36);
	} else {
		t = tab_csv(path, 0, 1);
	}
	for (int i = 0; i < NELEM(head); i++)
		tab_head(t, head[i]);
	tab_end(t);
	for (int i = 0; i < a->ntasks; i++) {
		const struct task *tk = &a->tasks[i];
		const char *codes[4];
		const struct skill *sk;

		task_codes(tk, codes);
		sk = skill_find(a, codes[0], strlen(codes[0]));
		if (!sk) {
			fprintf(stderr, "%s: no skill '%s'\n", PROG, codes[0]);
			exit(EX_SOFTWARE);
		}
		tab_str(t, tk->label);
		tab_int(t, tk->max);
		tab_str(t, tk->level);
		tab_str(t, tk->codes);
		tab_str(t, tk->text ? tk->text : sk->text);
		tab_str(t, sk->kind);
		tab_end(t);
	}
	tab_close(t);
}

/* The ФИС ОКО title block, the levels row and the header. */
static void write_results_head(struct tab *t, const struct assess *a)
{
	static const char *const head[] = {"ОО",    "Муниципалитет", "Название ОО", "Код участника",
	                                   "Класс", "Вариант"};
	static const char *const tail[] = {"Первичный балл", "Отметка", "Отметка по журналу"};
	char cell[64];

	tab_width(t, 0, 0, 11);
	tab_width(t, 1, 1, 18);
	tab_width(t, 2, 2, 34);
	tab_width(t, 3, 5, 10);
	tab_width(t, 6, 6 + a->ntasks - 1, 6);
	tab_width(t, 6 + a->ntasks, 6 + a->ntasks + 2, 10);
	tab_title(t, "Индивидуальные результаты", 6);
	tab_end(t);
	tab_title(t, a->title, 6);
	tab_end(t);
	tab_str(t, "Предмет:");
	tab_str(t, a->subject);
	tab_end(t);
	tab_str(t, "Максимальный первичный балл:");
	tab_int(t, assess_max(a));
	tab_end(t);
	tab_str(t, "Дата:");
	tab_date(t, a->date_iso, a->date_ru);
	tab_end(t);
	tab_end(t);
	for (int i = 0; i < 5; i++)
		tab_empty(t);
	tab_str(t, "Уровень сложности задания");
	for (int i = 0; i < a->ntasks; i++)
		tab_str(t, a->tasks[i].level);
	tab_end(t);
	for (int i = 0; i < NELEM(head); i++)
		tab_head(t, head[i]);
	for (int i = 0; i < a->ntasks; i++) {
		snprintf(cell, sizeof(cell), "%s (%dб)", a->tasks[i].label, a->tasks[i].max);
		tab_head(t, cell);
	}
	for (int i = 0; i < NELEM(tail); i++)
		tab_head(t, tail[i]);
	tab_end(t);
}

/* One student's results on one test: half points per task, -1 if not attempted. */
struct sheet {
	int half[32];
	int total; /* half points */
	int mark, journal, variant;
	int absent;
};

/* Draws a student's sheet; L[t] is the class's logit for task t. */
static void draw_sheet(rng *r, const struct assess *a, const double *L, double ability,
                       struct sheet *sh)
{
	int max = assess_max(a);
	double frac;

	memset(sh, 0, sizeof(*sh));
	sh->variant = rng_int(r, 1, 2);
	for (int t = 0; t < a->ntasks; t++) {
		const struct task *tk = &a->tasks[t];
		double p = logistic(L[t] + 0.8 * ability);
		double skip = strcmp(tk->level, "В") == 0 ? 0.04 : 0.02;
		int s = 0;

		if (rng_unit(r) < skip) {
			sh->half[t] = -1;
			continue;
		}
		for (int k = 0; k < tk->max; k++)
			if (rng_unit(r) < p)
				s++;
		s *= 2;
		if (tk->max >= 2 && s < 2 * tk->max && rng_unit(r) < 0.05)
			s++;
		sh->half[t] = s;
		sh->total += s;
	}
	frac = sh->total / 2.0 / max;
	sh->mark = frac < a->cut[0] ? 2 : frac < a->cut[1] ? 3 : frac < a->cut[2] ? 4 : 5;
	sh->journal = sh->mark;
	{
		double u = rng_unit(r);

		if (u < 0.35)
			sh->journal++;
		else if (u > 0.94)
			sh->journal--;
	}
	if (sh->journal > 5)
		sh->journal = 5;
	/* a journal's marks are 2 to 5, as the forms allow */
	if (sh->journal < 2)
		sh->journal = 2;
	if (sh->journal < 3 && rng_unit(r) < 0.7)
		sh->journal = 3;
}

static void write_scores(struct tab *t, const struct assess *a, const struct sheet *sh, rng *r)
{
	for (int i = 0; i < a->ntasks; i++) {
		if (sh->absent)
			tab_empty(t);
		else if (sh->half[i] < 0)
			tab_str(t, rng_unit(r) < 0.5 ? "X" : "-");
		else
			tab_half(t, sh->half[i]);
	}
}

/* ------------------------------------------------------------ the district */

static const char DISTRICT[] = "Сосновский МО";
static const char *const LETTERS[] = {"А", "Б", "В", "Г"};
static const char *const YEARS[] = {"2025/2026", "2026/2027"};

/*
 * A rural district: fifteen schools, most with one class of a grade, a few
 * with two or three.  size[0] are the fifth classes of 2025/2026 (the sixth of
 * 2026/2027), size[1] the fifth classes of 2026/2027.
 */
struct dschool {
	const char *code, *name;
	int size[2][4]; /* students per class; 0: no such class */
	int plain;      /* hands its results over as a plain table */
};

static const struct dschool schools[] = {
    {"edu249001", "МБОУ «Берёзовская СОШ»", {{18, 17, 0, 0}, {16, 18, 0, 0}}, 0},
    {"edu249002", "МБОУ «Сосновская СОШ №1»", {{24, 23, 22, 0}, {23, 24, 21, 0}}, 0},
    {"edu249003", "МБОУ «Сосновская СОШ №2»", {{22, 21, 0, 0}, {20, 22, 0, 0}}, 0},
    {"edu249004", "МБОУ «Кедровская СОШ»", {{16, 0, 0, 0}, {15, 0, 0, 0}}, 0},
    {"edu249005", "МБОУ «Ольховская ООШ»", {{12, 0, 0, 0}, {11, 0, 0, 0}}, 0},
    {"edu249006", "МБОУ «Рябиновская СОШ»", {{19, 0, 0, 0}, {17, 0, 0, 0}}, 0},
    {"edu249007", "МБОУ «Лиственская СОШ»", {{15, 0, 0, 0}, {18, 0, 0, 0}}, 0},
    {"edu249008", "МКОУ «Журавлёвская ООШ»", {{8, 0, 0, 0}, {9, 0, 0, 0}}, 1},
    {"edu249009", "МБОУ «Ключевская СОШ»", {{20, 0, 0, 0}, {14, 0, 0, 0}}, 0},
    {"edu249010", "МБОУ «Озёрская СОШ»", {{16, 0, 0, 0}, {14, 0, 0, 0}}, 0},
    {"edu249011", "МКОУ «Луговская ООШ»", {{10, 0, 0, 0}, {12, 0, 0, 0}}, 0},
    {"edu249012", "МБОУ «Калиновская СОШ»", {{17, 0, 0, 0}, {15, 0, 0, 0}}, 0},
    {"edu249013", "МКОУ «Малиновская ООШ»", {{14, 0, 0, 0}, {10, 0, 0, 0}}, 0},
    {"edu249014", "МБОУ «Осиновская СОШ»", {{16, 14, 0, 0}, {15, 13, 0, 0}}, 0},
    {"edu249015", "МБОУ «Еловская СОШ»", {{18, 0, 0, 0}, {16, 0, 0, 0}}, 0},
};
#define NSCHOOLS NELEM(schools)

/*
 * The teachers of mathematics and Russian, who teach which class in each
 * school year ("" : none that year).  Experience is that of 2025/2026.
 */
struct dteacher {
	int school;
	const char *name;
	int birth, exp;
	const char *subjects; /* '|' separated */
	const char *classes[2];
};

static const char MATH[] = "Математика";
static const char RUS[] = "Русский язык|Литература";

static const struct dteacher main_teachers[] = {
    {0, "Гусева Татьяна Николаевна", 1969, 31, MATH, {"5А", "5А,6А"}},
    {0, "Ковалёва Ирина Петровна", 1975, 27, MATH, {"5Б", "5Б,6Б"}},
    {0, "Морозова Елена Викторовна", 1972, 28, RUS, {"5А,5Б", "5А,5Б,6А,6Б"}},
    {1, "Зайцева Марина Алексеевна", 1981, 19, MATH, {"5А,5Б", "6А,6Б"}},
    {1, "Соловьёва Дарья Андреевна", 2001, 2, MATH, {"5В", "6В"}},
    {1, "Белов Андрей Михайлович", 1966, 34, MATH, {"", "5А,5Б,5В"}},
    {1, "Крылова Наталья Игоревна", 1970, 30, RUS, {"5А,5В", "6А,6В"}},
    {1, "Орлова Елена Васильевна", 1968, 33, RUS, {"5Б", "6Б"}},
    {1, "Киселёва Ольга Юрьевна", 1985, 15, RUS, {"", "5А,5Б,5В"}},
    {2, "Егорова Светлана Юрьевна", 1974, 26, MATH, {"5А", "6А"}},
    {2, "Тимофеев Сергей Павлович", 1979, 20, MATH, {"5Б", "6Б"}},
    {2, "Лебедева Анна Викторовна", 1983, 16, MATH, {"", "5А,5Б"}},
    {2, "Никитина Людмила Геннадьевна", 1965, 35, RUS, {"5А", "5А,6А"}},
    {2, "Фомина Ксения Олеговна", 2000, 1, RUS, {"5Б", "5Б,6Б"}},
    {3, "Павлова Галина Ивановна", 1963, 38, MATH, {"5А", "5А,6А"}},
    {3, "Фёдорова Ольга Степановна", 1971, 29, RUS, {"5А", "5А,6А"}},
    {4, "Воробьёва Надежда Павловна", 1967, 33, MATH, {"5А", "5А,6А"}},
    {4, "Михайлова Ирина Сергеевна", 1976, 24, RUS, {"5А", "5А,6А"}},
    {5, "Козлова Марина Владимировна", 1973, 27, MATH, {"5А", "5А,6А"}},
    {5, "Андреева Светлана Анатольевна", 1980, 20, RUS, {"5А", "5А,6А"}},
    {6, "Дёмина Валентина Петровна", 1964, 37, MATH, {"5А", "5А,6А"}},
    {6, "Романова Юлия Александровна", 1982, 18, RUS, {"5А", "5А,6А"}},
    {7, "Григорьева Людмила Ивановна", 1960, 40, MATH, {"5А", "5А,6А"}},
    {7, "Алексеева Татьяна Викторовна", 1978, 23, RUS, {"5А", "5А,6А"}},
    {8, "Шестакова Елена Михайловна", 1979, 21, MATH, {"5А", "5А"}},
    {8, "Прохоров Илья Сергеевич", 2002, 0, MATH, {"", "6А"}},
    {8, "Тихонова Вера Павловна", 1975, 25, RUS, {"5А", "5А,6А"}},
    {9, "Макарова Ольга Ивановна", 1970, 30, MATH, {"5А", "5А,6А"}},
    {9, "Зуева Анна Сергеевна", 1984, 16, RUS, {"5А", "5А,6А"}},
    {10, "Лукина Татьяна Олеговна", 1968, 32, MATH, {"5А", "5А,6А"}},
    {10, "Быкова Галина Петровна", 1962, 39, RUS, {"5А", "5А,6А"}},
    {11, "Соколова Надежда Ивановна", 1977, 23, MATH, {"5А", "5А,6А"}},
    {11, "Щербакова Людмила Викторовна", 1973, 27, RUS, {"5А", "5А,6А"}},
    /* a primary-school way: one teacher for both subjects of a small class */
    {12, "Голубева Елена Николаевна", 1972, 30, "Математика|Русский язык|Литература", {"5А", "5А"}},
    {12, "Чернова Оксана Юрьевна", 1987, 13, "Математика|Русский язык|Литература", {"", "6А"}},
    {13, "Воронцова Ирина Алексеевна", 1975, 26, MATH, {"5А,5Б", "5А,5Б,6А,6Б"}},
    {13, "Ершова Марина Сергеевна", 1980, 20, RUS, {"5А,5Б", "5А,5Б,6А,6Б"}},
    {14, "Кудрявцева Светлана Петровна", 1986, 14, MATH, {"5А", "5А,6А"}},
    {14, "Лаврова Ольга Викторовна", 1979, 21, RUS, {"5А", "5А,6А"}},
};

/*
 * The other teachers of grades 5 and 6, named by a fixed stream of random
 * numbers (the cast is the same for every seed).  A subject followed by ":6"
 * is taught in grade 6 only.  A school with one class of a grade has the
 * first four, a larger one all of them.
 */
static const char *const other_subjects[] = {
    "История|Обществознание:6", "Биология|География",
    "Английский язык",          "Физическая культура|Технология|Музыка",
    "Английский язык",          "Информатика:6",
    "Физическая культура",      "Изобразительное искусство",
};

static const char *const SURNAMES[] = {
    "Иванов",      "Смирнов",   "Кузнецов",   "Попов",    "Васильев", "Петров",    "Соколов",
    "Михайлов",    "Новиков",   "Фёдоров",    "Морозов",  "Волков",   "Алексеев",  "Лебедев",
    "Семёнов",     "Егоров",    "Павлов",     "Козлов",   "Степанов", "Николаев",  "Орлов",
    "Андреев",     "Макаров",   "Никитин",    "Захаров",  "Зайцев",   "Соловьёв",  "Борисов",
    "Яковлев",     "Григорьев", "Романов",    "Воробьёв", "Сергеев",  "Кузьмин",   "Фролов",
    "Александров", "Дмитриев",  "Королёв",    "Гусев",    "Киселёв",  "Ильин",     "Максимов",
    "Поляков",     "Сорокин",   "Виноградов", "Ковалёв",  "Белов",    "Медведев",  "Антонов",
    "Тарасов",     "Жуков",     "Баранов",    "Филиппов", "Комаров",  "Давыдов",   "Беляев",
    "Герасимов",   "Богданов",  "Осипов",     "Сидоров",  "Матвеев",  "Титов",     "Марков",
    "Миронов",     "Крылов",    "Куликов",    "Карпов",   "Власов",   "Мельников", "Денисов",
};
static const char *const FEMALE[] = {
    "Анна", "Елена",  "Ольга",   "Наталья", "Татьяна",   "Ирина",     "Светлана", "Марина",
    "Юлия", "Галина", "Людмила", "Надежда", "Валентина", "Екатерина", "Мария",    "Алёна",
    "Вера", "Любовь", "Лариса",  "Оксана",  "Дарья",     "Ксения",    "Евгения",  "Анастасия",
};
static const char *const MALE[] = {
    "Андрей", "Сергей",  "Алексей", "Дмитрий", "Михаил", "Владимир", "Николай", "Павел",
    "Иван",   "Евгений", "Игорь",   "Олег",    "Юрий",   "Виктор",   "Артём",   "Александр",
};
/* patronymics: male form, female form */
static const char *const PATRO[][2] = {
    {"Александрович", "Александровна"},
    {"Сергеевич", "Сергеевна"},
    {"Владимирович", "Владимировна"},
    {"Николаевич", "Николаевна"},
    {"Викторович", "Викторовна"},
    {"Петрович", "Петровна"},
    {"Иванович", "Ивановна"},
    {"Михайлович", "Михайловна"},
    {"Юрьевич", "Юрьевна"},
    {"Анатольевич", "Анатольевна"},
    {"Геннадьевич", "Геннадьевна"},
    {"Васильевич", "Васильевна"},
    {"Андреевич", "Андреевна"},
    {"Олегович", "Олеговна"},
    {"Алексеевич", "Алексеевна"},
    {"Дмитриевич", "Дмитриевна"},
};

/* A random full name, female four times out of five. */
static void random_name(rng *r, char *buf, size_t n)
{
	int female = rng_unit(r) < 0.8;
	const char *sur = SURNAMES[rng_int(r, 0, NELEM(SURNAMES) - 1)];
	const char *first = female ? FEMALE[rng_int(r, 0, NELEM(FEMALE) - 1)]
	                           : MALE[rng_int(r, 0, NELEM(MALE) - 1)];
	const char *pat = PATRO[rng_int(r, 0, NELEM(PATRO) - 1)][female];

	snprintf(buf, n, "%s%s %s %s", sur, female ? "а" : "", first, pat);
}

/* Rows of the roster, collected so that they can be written school by school. */
struct rrow {
	int school, year;
	char name[128];
	int birth, exp;
	char subject[64];
	char classes[128];
};

struct roster {
	struct rrow *rows;
	int n, cap;
	int teachers;
};

static void roster_add(struct roster *ro, int school, int year, const char *name, int birth,
                       int exp, const char *subject, size_t sublen, const char *classes)
{
	struct rrow *r;

	if (!classes[0])
		return;
	if (ro->n == ro->cap) {
		ro->cap = ro->cap ? 2 * ro->cap : 256;
		ro->rows = realloc(ro->rows, (size_t)ro->cap * sizeof(*ro->rows));
		if (!ro->rows) {
			fprintf(stderr, "%s: out of memory\n", PROG);
			exit(EX_SOFTWARE);
		}
	}
	r = &ro->rows[ro->n++];
	r->school = school;
	r->year = year;
	snprintf(r->name, sizeof(r->name), "%s", name);
	r->birth = birth;
	r->exp = exp;
	snprintf(r->subject, sizeof(r->subject), "%.*s", (int)sublen, subject);
	snprintf(r->classes, sizeof(r->classes), "%s", classes);
}

/* Adds one row per subject of a '|' list; "X:6" keeps the grade-6 classes only. */
static void roster_add_subjects(struct roster *ro, int school, int year, const char *name,
                                int birth, int exp, const char *subjects, const char *classes)
{
	const char *p = subjects;

	while (*p) {
		size_t len = strcspn(p, "|");
		const char *colon = memchr(p, ':', len);
		char list[128] = "";

		if (colon) {
			/* keep the classes of that grade only */
			const char *c = classes;
			char grade = colon[1];

			while (*c) {
				size_t cl = strcspn(c, ",");

				if (c[0] == grade) {
					if (list[0])
						strcat(list, ",");
					strncat(list, c, cl);
				}
				c += cl;
				if (*c == ',')
					c++;
			}
			roster_add(ro, school, year, name, birth, exp, p, (size_t)(colon - p),
			           list);
		} else {
			roster_add(ro, school, year, name, birth, exp, p, len, classes);
		}
		p += len;
		if (*p == '|')
			p++;
	}
	ro->teachers++;
}

static int roster_has_name(const struct roster *ro, const char *name)
{
	for (int i = 0; i < ro->n; i++)
		if (strcmp(ro->rows[i].name, name) == 0)
			return 1;
	return 0;
}

static void roster_write(const char *dir, const struct roster *ro, const char *const *codes,
                         const char *const *names)
{
	static const char *const head[] = {"Код ОО",
	                                   "Школа",
	                                   "Учитель",
	                                   "Предмет",
	                                   "Классы",
	                                   "Год рождения",
	                                   "Педагогический стаж",
	                                   "Учебный год"};
	char path[4096], name[32];
	struct tab *t;

	snprintf(name, sizeof(name), "roster.%s", ext());
	path_of(path, sizeof(path), dir, name, NULL, NULL);
	if (as_xlsx) {
		/* the notes first: the importer finds the table by its header */
		struct book b = {"Кадры",
		                 "Справка",
		                 {"Расстановка кадров на учебный год",
		                  "Лист «Кадры»: кто какой предмет ведёт в каких классах, по "
		                  "учебным годам.",
		                  "Выгрузка из электронного журнала, 20.05.2026.", NULL},
		                 1,
		                 0,
		                 NULL};

		t = tab_xlsx(path, &b);
		tab_width(t, 0, 0, 11);
		tab_width(t, 1, 2, 34);
		tab_width(t, 3, 3, 22);
		tab_width(t, 4, 4, 16);
		tab_width(t, 5, 7, 12);
	} else {
		t = tab_csv(path, 1, 0);
	}
	for (int i = 0; i < NELEM(head); i++)
		tab_head(t, head[i]);
	tab_end(t);
	for (int i = 0; i < ro->n; i++) {
		const struct rrow *r = &ro->rows[i];

		tab_str(t, codes[r->school]);
		tab_str(t, names[r->school]);
		tab_str(t, r->name);
		tab_str(t, r->subject);
		tab_str(t, r->classes);
		tab_int(t, r->birth);
		tab_int(t, r->exp);
		tab_str(t, YEARS[r->year]);
		tab_end(t);
	}
	tab_close(t);
}

/* The classes of a school in a school year: "5А,5Б,6А,6Б" (grade 5 only in 2025/2026). */
static void school_classes(const struct dschool *s, int year, char *buf, size_t n)
{
	buf[0] = '\0';
	for (int g = 5; g <= 5 + year; g++)
		for (int l = 0; l < 4; l++)
			if (s->size[year - (g - 5)][l])
				snprintf(buf + strlen(buf), n - strlen(buf), "%s%d%s",
				         buf[0] ? "," : "", g, LETTERS[l]);
}

/* 1 if TOKEN is one of the SEP-separated items of LIST. */
static int list_has(const char *list, char sep, const char *token)
{
	size_t tl = strlen(token);

	while (*list) {
		const char *end = strchr(list, sep);
		size_t len = end ? (size_t)(end - list) : strlen(list);

		if (len == tl && memcmp(list, token, len) == 0)
			return 1;
		list += len;
		if (*list == sep)
			list++;
	}
	return 0;
}

/* The main teacher of SUBJECT in class LABEL of SCHOOL in school year YEAR, or NULL. */
static const struct dteacher *teacher_at(int school, const char *subject, int year,
                                         const char *label)
{
	for (int i = 0; i < NELEM(main_teachers); i++) {
		const struct dteacher *t = &main_teachers[i];

		if (t->school == school && list_has(t->subjects, '|', subject) &&
		    list_has(t->classes[year], ',', label))
			return t;
	}
	return NULL;
}

/* ----------------------------------------------------- planted truths */

enum {
	P_SOLE,         /* the only teacher of the subject in that grade of the school */
	P_ONE_OF_TWO,   /* one of two or three teachers of a grade, the others fine */
	P_SAME_TEACHER, /* the teacher was weak on the skill with another class a year ago */
	P_COHORT,       /* the class was weak on the skill a year ago with another teacher */
	P_SCHOOL,       /* every teacher of the subject in that grade of the school */
	P_DISTRICT,     /* the whole district */
	P_DTEACHER,     /* one teacher far below a district already below */
	P_MENTOR,       /* a teacher clearly above the rest */
};

static const char *const kind_name[] = {"sole",   "one_of_two", "same_teacher",     "cohort",
                                        "school", "district",   "district_teacher", "mentor"};

struct plant {
	int what;
	int assess;
	int school;          /* -1: every school */
	const char *teacher; /* NULL: every teacher of the school (or district) */
	const char *skill;
	double target; /* the success rate planted */
};

/*
 * What is planted.  A teacher's plant holds for all the teacher's classes of
 * that assessment; every class of a weak teacher has at least 14 students.
 * Skills of tasks that check two skills (1.2 and 7.5.2 in grade 5, 2.2 and
 * 7.5.2 in grade 6) are left alone, so that a plant moves one skill only.
 */
static const struct plant plants[] = {
    /* vpr-2026-math-5 (2025/2026) */
    {P_SOLE, 0, 3, "Павлова Галина Ивановна", "2.1", 0.15},
    {P_SOLE, 0, 5, "Козлова Марина Владимировна", "4.1", 0.15},
    {P_SOLE, 0, 8, "Шестакова Елена Михайловна", "3.1", 0.15},
    {P_ONE_OF_TWO, 0, 0, "Гусева Татьяна Николаевна", "4.2", 0.15},
    {P_ONE_OF_TWO, 0, 1, "Соловьёва Дарья Андреевна", "2.1", 0.15},
    {P_SCHOOL, 0, 2, NULL, "1.3", 0.28},
    {P_DISTRICT, 0, -1, NULL, "5.1", 0.45},
    {P_DTEACHER, 0, 1, "Зайцева Марина Алексеевна", "5.1", 0.05},
    {P_MENTOR, 0, 13, "Воронцова Ирина Алексеевна", "9.1", 0.98},
    /* vpr-2026-rus-5 (2025/2026) */
    {P_SOLE, 1, 6, "Романова Юлия Александровна", "7.1", 0.15},
    {P_SOLE, 1, 11, "Щербакова Людмила Викторовна", "4.1", 0.15},
    {P_SOLE, 1, 12, "Голубева Елена Николаевна", "1.1", 0.15},
    {P_ONE_OF_TWO, 1, 1, "Орлова Елена Васильевна", "1.2", 0.15},
    {P_MENTOR, 1, 1, "Крылова Наталья Игоревна", "9.1", 0.97},
    /* vpr-2027-math-5 (2026/2027): new fifth classes */
    {P_SAME_TEACHER, 2, 5, "Козлова Марина Владимировна", "4.1", 0.15},
    {P_SOLE, 2, 14, "Кудрявцева Светлана Петровна", "2.1", 0.15},
    {P_MENTOR, 2, 1, "Белов Андрей Михайлович", "2.2", 0.97},
    /* vpr-2027-math-6 (2026/2027): the fifth classes of 2025/2026 */
    {P_COHORT, 3, 8, "Прохоров Илья Сергеевич", "3.1", 0.15},
    {P_SOLE, 3, 9, "Макарова Ольга Ивановна", "2.1", 0.15},
    {P_SCHOOL, 3, 2, NULL, "1.3", 0.28},
    {P_DISTRICT, 3, -1, NULL, "5.1", 0.47},
    {P_MENTOR, 3, 13, "Воронцова Ирина Алексеевна", "9.1", 0.97},
};
#define NPLANTS NELEM(plants)

/* --------------------------------------------------------- demo district */

#define MAXCOHORT 48
#define MAXSTUD 40
#define MAXSKILL 20

/* Students who entered grade 5 together: 5А of 2025/2026 is 6А of 2026/2027. */
struct cohort {
	int school, letter, entry, size;
	double ability[MAXSTUD];
};

static struct cohort co[MAXCOHORT];
static int nco;

/* points scored and possible, and participants present, per assessment, cohort and skill */
static double got[NASSESS][MAXCOHORT][MAXSKILL], possible[NASSESS][MAXCOHORT][MAXSKILL];
static int present[NASSESS][MAXCOHORT];

static int skill_index(const struct assess *a, const char *code)
{
	for (int i = 0; i < a->nskills; i++)
		if (strcmp(a->skills[i].code, code) == 0)
			return i;
	return -1;
}

/* The threshold of a skill's level: the level carrying most of its points. */
static double skill_threshold(const struct assess *a, int skill)
{
	double pts[3] = {0, 0, 0};
	int lv = 0;

	for (int t = 0; t < a->ntasks; t++) {
		const char *codes[4];
		int n = task_codes(&a->tasks[t], codes);
		int l = strcmp(a->tasks[t].level, "Б") == 0   ? 0
		        : strcmp(a->tasks[t].level, "П") == 0 ? 1
		                                              : 2;

		for (int k = 0; k < n; k++)
			if (skill_index(a, codes[k]) == skill)
				pts[l] += a->tasks[t].max;
	}
	for (int l = 1; l < 3; l++)
		if (pts[l] > pts[lv])
			lv = l;
	return lv == 0 ? 0.57 : 0.285;
}

/* Does cohort C write assessment A? */
static int writes(int a, int c)
{
	const struct assess *as = &demo_assess[a];

	return co[c].entry == as->entry;
}

static void class_label(int a, int c, char *buf, size_t n)
{
	snprintf(buf, n, "%d%s", demo_assess[a].grade, LETTERS[co[c].letter]);
}

/* What ФИС ОКО writes for cohort C's class: its place among its school's classes
   of the grade, in letter order (1 for 5А, 2 for 5Б). */
static int class_ordinal(int a, int c)
{
	int n = 1;

	for (int c2 = 0; c2 < nco; c2++)
		n += co[c2].school == co[c].school && writes(a, c2) && co[c2].letter < co[c].letter;
	return n;
}

/* The teacher of the assessment's subject in cohort C, or NULL. */
static const struct dteacher *teacher_of(int a, int c)
{
	char label[16];

	class_label(a, c, label, sizeof(label));
	return teacher_at(co[c].school, demo_assess[a].subject, demo_assess[a].year, label);
}

/* The plant for a cohort and skill in assessment A: the teacher's, else the school's,
   else the district's; NULL if none. */
static const struct plant *plant_find(int a, int c, const char *skill)
{
	const struct dteacher *t = teacher_of(a, c);
	const struct plant *best = NULL;
	int best_rank = -1;

	for (int i = 0; i < NPLANTS; i++) {
		const struct plant *p = &plants[i];
		int rank;

		if (p->assess != a || strcmp(p->skill, skill) != 0)
			continue;
		if (p->school >= 0 && p->school != co[c].school)
			continue;
		if (p->teacher && (!t || strcmp(p->teacher, t->name) != 0))
			continue;
		rank = (p->school >= 0) + (p->teacher != NULL);
		if (rank > best_rank) {
			best = p;
			best_rank = rank;
		}
	}
	return best;
}

/* Is cohort C one of the classes of plant P? */
static int plant_covers(const struct plant *p, int c)
{
	const struct dteacher *t;

	if (!writes(p->assess, c))
		return 0;
	if (p->school >= 0 && co[c].school != p->school)
		return 0;
	if (!p->teacher)
		return 1;
	t = teacher_of(p->assess, c);
	return t && strcmp(t->name, p->teacher) == 0;
}

/* The success rate planted for cohort C on SKILL in assessment A (the task's base if none). */
static double planted_rate(int a, int c, const char *skill)
{
	const struct assess *as = &demo_assess[a];
	const struct plant *p = plant_find(a, c, skill);

	if (p)
		return p->target;
	for (int t = 0; t < as->ntasks; t++) {
		const char *codes[4];
		int n = task_codes(&as->tasks[t], codes);

		for (int k = 0; k < n; k++)
			if (strcmp(codes[k], skill) == 0)
				return as->tasks[t].base;
	}
	return 1;
}

/* The teachers of the subject of assessment A in its grade at SCHOOL. */
static int teachers_in_grade(int a, int school)
{
	const struct dteacher *seen[8];
	int n = 0;

	for (int c = 0; c < nco; c++) {
		const struct dteacher *t;
		int k;

		if (!writes(a, c) || co[c].school != school || !(t = teacher_of(a, c)))
			continue;
		for (k = 0; k < n && seen[k] != t; k++)
			;
		if (k == n && n < 8)
			seen[n++] = t;
	}
	return n;
}

struct flags {
	const char *spread;
	int sole, same, cohort, hypothesis;
};

/*
 * What the analysis should say about a plant.  Was a class "below" a year
 * earlier: its planted rate on the skill is under the threshold of the
 * skill's level.
 */
static struct flags plant_flags(const struct plant *p)
{
	const struct assess *as = &demo_assess[p->assess];
	struct flags f = {"", 0, 0, 0, 0};

	switch (p->what) {
	case P_SOLE:
	case P_ONE_OF_TWO:
	case P_SAME_TEACHER:
	case P_COHORT:
		f.spread = "teacher";
		f.hypothesis = 1;
		break;
	case P_SCHOOL:
		f.spread = "school";
		break;
	case P_DISTRICT:
		f.spread = "district";
		break;
	case P_DTEACHER:
		f.spread = "district";
		f.hypothesis = 1;
		break;
	}
	if (!p->teacher)
		return f;
	f.sole = teachers_in_grade(p->assess, p->school) == 1;
	for (int e = 0; e < NASSESS; e++) {
		const struct assess *ea = &demo_assess[e];
		int sk = skill_index(ea, p->skill);

		if (strcmp(ea->subject, as->subject) != 0 ||
		    strcmp(ea->date_iso, as->date_iso) >= 0 || sk < 0)
			continue;
		for (int c = 0; c < nco; c++) {
			const struct dteacher *t;
			int mine;

			if (!writes(e, c) || co[c].school != p->school || !(t = teacher_of(e, c)))
				continue;
			if (planted_rate(e, c, p->skill) >= skill_threshold(ea, sk))
				continue;
			/* is this cohort one of the teacher's classes now? */
			mine = plant_covers(p, c);
			if (strcmp(t->name, p->teacher) == 0 && !mine)
				f.same = 1;
			if (strcmp(t->name, p->teacher) != 0 && mine)
				f.cohort = 1;
		}
	}
	return f;
}

/* Checks that the cast fits the kinds of the plants. */
static void plants_check(void)
{
	for (int i = 0; i < NPLANTS; i++) {
		const struct plant *p = &plants[i];
		struct flags f = plant_flags(p);
		int ok = 1, classes = 0;

		for (int c = 0; c < nco; c++)
			classes += plant_covers(p, c);
		if (!classes)
			ok = 0;
		if ((p->what == P_SOLE && (!f.sole || f.same || f.cohort)) ||
		    (p->what == P_ONE_OF_TWO && (f.sole || f.same || f.cohort)) ||
		    (p->what == P_SAME_TEACHER && (!f.same || f.cohort)) ||
		    (p->what == P_COHORT && (!f.cohort || f.same)))
			ok = 0;
		if (!ok) {
			fprintf(stderr, "%s: plant %d (%s, %s) does not fit the cast\n", PROG, i,
			        kind_name[p->what], p->skill);
			exit(EX_SOFTWARE);
		}
	}
}

/* Success over the cohorts of assessment A that IN selects (1) or leaves out (0). */
static double rate_where(int a, int skill, const struct plant *p, int in, int *n)
{
	double g = 0, q = 0;

	*n = 0;
	for (int c = 0; c < nco; c++) {
		if (!writes(a, c))
			continue;
		if (p && plant_covers(p, c) != in)
			continue;
		g += got[a][c][skill];
		q += possible[a][c][skill];
		*n += present[a][c];
	}
	return q > 0 ? g / q : 0;
}

/* RESULTS: the results' place, the same for all (NULL: results/ID, a directory per test). */
static void write_assessments_tsv(const char *dir, const struct assess *as, int n,
                                  const char *results)
{
	char path[4096];
	struct out *o =
	    out_open(path_of(path, sizeof(path), dir, "assessments.tsv", NULL, NULL), 0);

	out_str(o, "# assessment\tkind\tsubject\tgrade\tdate\tspec file\tresults directory\t"
	           "code system\n");
	for (int i = 0; i < n; i++) {
		out_str(o, as[i].id);
		out_str(o, "\tВПР\t");
		out_str(o, as[i].subject);
		out_byte(o, '\t');
		out_int(o, as[i].grade);
		out_byte(o, '\t');
		out_str(o, as[i].date_iso);
		out_str(o, "\tspec/");
		out_str(o, as[i].id);
		out_byte(o, '.');
		out_str(o, ext());
		out_byte(o, '\t');
		if (results) {
			out_str(o, results);
		} else {
			out_str(o, "results/");
			out_str(o, as[i].id);
		}
		/* the district's descriptions share one codifier a subject: a code is the
		   same skill in grades 5 and 6 (import-spec --codes) */
		out_str(o, "\tКЭС-ООО-");
		out_str(o, as[i].subject);
		out_byte(o, '\n');
	}
	out_close(o);
}

/*
 * DIR/load.sh: loads the district into the database $MMS_DB (after mms
 * init), as a deputy head would: the roster, each description, each
 * assessment's results (a school's plain table with its code).
 */
static void write_load_sh(const char *dir, const struct assess *as, int n)
{
	char path[4096];
	struct out *o = out_open(path_of(path, sizeof(path), dir, "load.sh", NULL, NULL), 0);
	const char *e = ext();

	out_str(o, "#!/bin/sh\n"
	           "# Loads this invented district into the database $MMS_DB (create it\n"
	           "# first with mms init): the roster, the descriptions of the assessments,\n"
	           "# the students' results.  Written by mms-gen-district.\n"
	           "set -e\n"
	           "d=$(dirname \"$0\")\n"
	           "mms import-roster \"$d/roster.");
	out_str(o, e);
	out_str(o, "\"\n");
	for (int i = 0; i < n; i++) {
		out_str(o, "mms import-spec --assessment ");
		out_str(o, as[i].id);
		out_str(o, " --kind ВПР --subject '");
		out_str(o, as[i].subject);
		out_str(o, "' --grade ");
		out_int(o, as[i].grade);
		out_str(o, " --date ");
		out_str(o, as[i].date_iso);
		out_str(o, " \\\n    --codes 'КЭС-ООО-");
		out_str(o, as[i].subject);
		out_str(o, "' \"$d/spec/");
		out_str(o, as[i].id);
		out_byte(o, '.');
		out_str(o, e);
		out_str(o, "\"\n");
	}
	for (int i = 0; i < n; i++) {
		out_str(o, "mms import-results --assessment ");
		out_str(o, as[i].id);
		out_str(o, " \"$d/results/");
		out_str(o, as[i].id);
		out_str(o, "\"/edu*.");
		out_str(o, e);
		out_str(o, "\nfor f in \"$d/results/");
		out_str(o, as[i].id);
		out_str(o, "\"/plain-*.");
		out_str(o, e);
		out_str(o, "; do\n    [ -e \"$f\" ] || continue\n    code=${f##*/plain-}\n"
		           "    mms import-results --assessment ");
		out_str(o, as[i].id);
		out_str(o, " --school \"${code%.");
		out_str(o, e);
		out_str(o, "}\" \"$f\"\ndone\n");
	}
	out_close(o);
}

static void out_rate(struct out *o, double r)
{
	char tmp[32];

	snprintf(tmp, sizeof(tmp), "%.3f", r);
	out_str(o, tmp);
}

static void out_pct(struct out *o, double r)
{
	char tmp[32];

	snprintf(tmp, sizeof(tmp), "%.0f %%", 100 * r);
	out_str(o, tmp);
}

/* The classes of a plant: "5А,5Б". */
static void plant_classes(const struct plant *p, char *buf, size_t n)
{
	buf[0] = '\0';
	for (int c = 0; c < nco; c++) {
		char label[16];

		if (!plant_covers(p, c))
			continue;
		class_label(p->assess, c, label, sizeof(label));
		snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", buf[0] ? "," : "", label);
	}
}

/* DIR/planted.tsv: one line per plant, for the benchmark and the tests. */
static void write_planted(const char *dir)
{
	char path[4096];
	struct out *o = out_open(path_of(path, sizeof(path), dir, "planted.tsv", NULL, NULL), 0);

	out_str(o, "kind\tassessment\tschool_code\tteacher\tsubject\tskill\tspread\tsole_teacher\t"
	           "same_teacher_earlier\tcohort_earlier\thypothesis\tclasses\tplanted\tobserved\t"
	           "rest\tn\n");
	for (int i = 0; i < NPLANTS; i++) {
		const struct plant *p = &plants[i];
		const struct assess *as = &demo_assess[p->assess];
		struct flags f = plant_flags(p);
		int sk = skill_index(as, p->skill), n, rn;
		char classes[128];
		double obs = rate_where(p->assess, sk, p, 1, &n);
		double rest = p->school < 0 ? obs : rate_where(p->assess, sk, p, 0, &rn);

		plant_classes(p, classes, sizeof(classes));
		out_str(o, kind_name[p->what]);
		out_byte(o, '\t');
		out_str(o, as->id);
		out_byte(o, '\t');
		if (p->school >= 0)
			out_str(o, schools[p->school].code);
		out_byte(o, '\t');
		if (p->teacher)
			out_str(o, p->teacher);
		out_byte(o, '\t');
		out_str(o, as->subject);
		out_byte(o, '\t');
		out_str(o, p->skill);
		out_byte(o, '\t');
		out_str(o, f.spread);
		out_byte(o, '\t');
		out_int(o, f.sole);
		out_byte(o, '\t');
		out_int(o, f.same);
		out_byte(o, '\t');
		out_int(o, f.cohort);
		out_byte(o, '\t');
		out_int(o, f.hypothesis);
		out_byte(o, '\t');
		out_str(o, p->school < 0 ? "" : classes);
		out_byte(o, '\t');
		out_rate(o, p->target);
		out_byte(o, '\t');
		out_rate(o, obs);
		out_byte(o, '\t');
		out_rate(o, rest);
		out_byte(o, '\t');
		out_int(o, n);
		out_byte(o, '\n');
	}
	out_close(o);
}

static const char *const kind_text[] = {
    "единственный учитель предмета в параллели школы ниже порога",
    "один из учителей параллели ниже порога, остальные — нет",
    "тот же учитель годом раньше с другим классом был ниже порога на этом умении",
    "этот класс годом раньше был ниже порога на этом умении с другим учителем",
    "ниже порога все учителя предмета в параллели школы: дефицит школы (ШМО), "
    "гипотез об учителях нет",
    "ниже порога весь район: дефицит района (РМО), учитель не называется",
    "на фоне низкого района один учитель намного ниже остальных",
    "учитель намного выше остального района: наставник, найденный по данным",
};

static void write_readme(const char *dir, unsigned long long seed, const int *students,
                         const int *absent)
{
	char path[4096];
	struct out *o = out_open(path_of(path, sizeof(path), dir, "README.txt", NULL, NULL), 0);
	int hyp = 0;

	out_str(o, "Условный район для mms: «");
	out_str(o, DISTRICT);
	out_str(o, "», 15 школ, 5 и 6 классы, 2025/2026 и 2026/2027 учебные годы.\n"
	           "Записан командой mms-gen-district --seed ");
	out_int(o, (long)seed);
	if (as_xlsx)
		out_str(
		    o,
		    " --xlsx. Всё здесь выдумано: места, школы, люди и результаты.\n"
		    "\n"
		    "Файлы (книги Excel .xlsx: баллы — числа, коды и классы — текст, даты — даты)\n"
		    "  load.sh                     загрузка района в базу $MMS_DB (после mms "
		    "init)\n"
		    "  roster.xlsx                 кадры: кто что ведёт в каком учебном году, "
		    "строки\n"
		    "                              обоих годов на листе «Кадры»; перед ним лист\n"
		    "                              «Справка» с пояснением\n"
		    "  spec/ID.xlsx                описание каждой работы, лист «Спецификация»\n"
		    "  results/ID/CODE.xlsx        ФИС ОКО «Индивидуальные результаты», книга на\n"
		    "                              школу, лист «Лист1» (шапка с объединёнными "
		    "ячейками)\n"
		    "  results/ID/plain-CODE.xlsx  то же простой таблицей (Код "
		    "участника;Класс;1;2;…)\n"
		    "                              на листе «Результаты» после листа «Справка», "
		    "без\n"
		    "                              школы: загружать с --school CODE; "
		    "отсутствовавших\n"
		    "                              в ней нет\n");
	else
		out_str(
		    o,
		    ". Всё здесь выдумано: места, школы, люди и результаты.\n"
		    "\n"
		    "Файлы\n"
		    "  load.sh                     загрузка района в базу $MMS_DB (после mms "
		    "init)\n"
		    "  roster.csv                  кадры: кто что ведёт в каком учебном году, "
		    "строки "
		    "обоих\n"
		    "                              годов в одном файле (Windows-1251, ';', CRLF)\n"
		    "  spec/ID.csv                 описание каждой работы (UTF-8 с BOM, ';', "
		    "CRLF)\n"
		    "  results/ID/CODE.csv         ФИС ОКО «Индивидуальные результаты», файл на "
		    "школу\n"
		    "                              (Windows-1251, ';', CRLF, шапка, десятичная "
		    "запятая)\n"
		    "  results/ID/plain-CODE.csv   то же простой таблицей (Код "
		    "участника;Класс;1;2;…)\n"
		    "                              без школы: загружать с --school CODE; "
		    "отсутствовавших\n"
		    "                              в ней нет\n");
	out_str(
	    o, "  assessments.tsv             работа, вид, предмет, класс, дата, файлы, система "
	       "кодов\n"
	       "  planted.tsv                 заложенное в данные, строка на закладку (UTF-8,\n"
	       "                              табуляция): kind, assessment, school_code, teacher,\n"
	       "                              subject, skill, spread, sole_teacher,\n"
	       "                              same_teacher_earlier, cohort_earlier, hypothesis,\n"
	       "                              затем classes, planted, observed, rest, n\n"
	       "\n"
	       "Работы\n");
	for (int a = 0; a < NASSESS; a++) {
		out_str(o, "  ");
		out_str(o, demo_assess[a].id);
		out_str(o, "  ");
		out_str(o, demo_assess[a].title);
		out_str(o, " (");
		out_str(o, YEARS[demo_assess[a].year]);
		out_str(o, "), заданий ");
		out_int(o, demo_assess[a].ntasks);
		out_str(o, ", баллов ");
		out_int(o, assess_max(&demo_assess[a]));
		out_str(o, ", участников ");
		out_int(o, students[a]);
		out_str(o, ", из них отсутствовали ");
		out_int(o, absent[a]);
		out_str(o, "\n");
	}
	out_str(o,
	        "  vpr-2027-math-5 пишут новые пятые классы 2026/2027 по тому же описанию, что и\n"
	        "  vpr-2026-math-5; vpr-2027-math-6 — пятые классы 2025/2026 годом позже\n"
	        "  (5А 2025/2026 — это 6А 2026/2027, а 5А 2026/2027 — уже другие дети).\n"
	        "\n"
	        "Школы (обучающихся в классах: 5-е классы 2025/2026 | 5-е классы 2026/2027)\n");
	for (int s = 0; s < NSCHOOLS; s++) {
		out_str(o, "  ");
		out_str(o, schools[s].code);
		out_str(o, "  ");
		out_str(o, schools[s].name);
		out_str(o, ":");
		for (int y = 0; y < 2; y++) {
			if (y)
				out_str(o, " |");
			for (int l = 0; l < 4; l++) {
				if (!schools[s].size[y][l])
					continue;
				out_str(o, " 5");
				out_str(o, LETTERS[l]);
				out_byte(o, '=');
				out_int(o, schools[s].size[y][l]);
			}
		}
		if (schools[s].plain)
			out_str(o, "  (простая таблица)");
		out_byte(o, '\n');
	}
	out_str(o, "\nУчителя математики и русского языка (классы по учебным годам)\n");
	for (int i = 0; i < NELEM(main_teachers); i++) {
		const struct dteacher *t = &main_teachers[i];

		out_str(o, "  ");
		out_str(o, schools[t->school].code);
		out_str(o, "  ");
		out_str(o, t->name);
		out_str(o, " (");
		out_str(o, t->subjects);
		out_str(o, "):");
		for (int y = 0; y < 2; y++) {
			if (!t->classes[y][0])
				continue;
			out_str(o, " ");
			out_str(o, YEARS[y]);
			out_str(o, " — ");
			out_str(o, t->classes[y]);
			out_str(o, ";");
		}
		out_byte(o, '\n');
	}
	out_str(o,
	        "\n"
	        "Заложено в данные\n"
	        "Успешность — набранные баллы / возможные баллы присутствовавших; задание на два\n"
	        "умения идёт в оба, невыполненное задание (X, -) — 0 баллов.  Пороги: 57 % для\n"
	        "умений базового уровня (Б), 28,5 % для повышенного и высокого (П, В).  Ниже —\n"
	        "успешность классов учителя (школы, района) в записанных файлах, рядом заложенная\n"
	        "и успешность остального района.\n"
	        "\n");
	for (int i = 0; i < NPLANTS; i++) {
		const struct plant *p = &plants[i];
		const struct assess *as = &demo_assess[p->assess];
		struct flags f = plant_flags(p);
		int sk = skill_index(as, p->skill), n, rn;
		double obs = rate_where(p->assess, sk, p, 1, &n);
		double rest = rate_where(p->assess, sk, p, 0, &rn);
		char classes[128];

		hyp += f.hypothesis;
		plant_classes(p, classes, sizeof(classes));
		out_str(o, "  ");
		out_str(o, as->id);
		out_str(o, ", умение ");
		out_str(o, p->skill);
		out_str(o, " (");
		out_str(o, as->skills[sk].text);
		out_str(o, "):\n    ");
		out_str(o, kind_text[p->what]);
		out_str(o, ".\n    ");
		if (p->school < 0) {
			out_str(o, "Район: ");
		} else {
			out_str(o, schools[p->school].code);
			out_str(o, " ");
			out_str(o, schools[p->school].name);
			out_str(o, ", ");
			if (p->teacher) {
				out_str(o, p->teacher);
				out_str(o, ", ");
			}
			out_str(o, classes);
			out_str(o, ": ");
		}
		out_pct(o, obs);
		out_str(o, " (n=");
		out_int(o, n);
		out_str(o, ", заложено ");
		out_pct(o, p->target);
		out_str(o, ")");
		if (p->school >= 0) {
			out_str(o, ", остальной район ");
			out_pct(o, rest);
		}
		out_str(o, ".\n    ");
		if (f.hypothesis) {
			out_str(o, "Ожидается гипотеза о дефиците учителя; распространённость «");
			out_str(o, f.spread);
			out_str(o, "»");
			if (f.sole)
				out_str(o, ", единственный учитель в параллели");
			if (f.same)
				out_str(o, ", тот же учитель раньше (same_teacher_earlier)");
			if (f.cohort)
				out_str(o, ", класс был ниже раньше (cohort_earlier)");
			out_str(o, ".\n");
		} else if (p->what == P_MENTOR) {
			out_str(o, "Ожидается наставник из данных по этому умению");
			if (f.sole)
				out_str(o, " (единственный учитель в параллели)");
			out_str(o, ".\n");
		} else {
			out_str(o, "Гипотезы об учителе не ожидается; распространённость «");
			out_str(o, f.spread);
			out_str(o, "».\n");
		}
	}
	out_str(o, "\n  Всего ожидаемых гипотез об учителях: ");
	out_int(o, hyp);
	out_str(o,
	        ".  Других закладок нет: всё остальное — небольшой случайный\n"
	        "  разброс школ и классов вокруг уровня района.  Дефицит района (5.1) и дефицит\n"
	        "  школы (1.3 в edu249003) держатся и в vpr-2027-math-6: повторяющиеся.\n"
	        "  Голубева Елена Николаевна (edu249013) ведёт в 5А и математику, и русский язык:\n"
	        "  код 1.1 есть в обоих предметах, слаба она только по русскому языку.\n"
	        "\n"
	        "  Молодые педагоги (родились после 1992 года, стаж 0–3 года): Соловьёва Дарья\n"
	        "  Андреевна (edu249002, математика), Фомина Ксения Олеговна (edu249003, русский\n"
	        "  язык), Прохоров Илья Сергеевич (edu249009, математика с 2026/2027) и другие.\n"
	        "\n"
	        "Успешность района по умениям (наблюдаемая)\n");
	for (int a = 0; a < NASSESS; a++) {
		const struct assess *as = &demo_assess[a];

		out_str(o, "  ");
		out_str(o, as->id);
		out_str(o, ":");
		for (int s = 0; s < as->nskills; s++) {
			int n;
			double r = rate_where(a, s, NULL, 1, &n);
			double q = 0;

			for (int c = 0; c < nco; c++)
				if (writes(a, c))
					q += possible[a][c][s];
			if (q == 0)
				continue;
			out_str(o, " ");
			out_str(o, as->skills[s].code);
			out_str(o, "=");
			out_pct(o, r);
		}
		out_str(o, "\n");
	}
	out_close(o);
}

struct other {
	char name[128];
	int birth, exp;
};

/* ------------------------------------------------------------ signs planted */

/* The assessment the signs are planted in (vpr-2027-math-5). */
#define SIGN_ASSESS 2

/* A sheet's total and mark again, after its tasks changed. */
static void resum(const struct assess *a, struct sheet *sh)
{
	double frac;

	sh->total = 0;
	for (int t = 0; t < a->ntasks; t++)
		if (sh->half[t] > 0)
			sh->total += sh->half[t];
	frac = sh->total / 2.0 / assess_max(a);
	sh->mark = frac < a->cut[0] ? 2 : frac < a->cut[1] ? 3 : frac < a->cut[2] ? 4 : 5;
}

/*
 * A class whose work was not written on its own: most tasks full, and the
 * work's mark above the journal's for most of the students (the sign
 * «повысили»).
 */
static void inflate(rng *r, const struct assess *a, struct sheet *sh)
{
	for (int t = 0; t < a->ntasks; t++)
		if (rng_unit(r) < 0.85)
			sh->half[t] = 2 * a->tasks[t].max;
	resum(a, sh);
	sh->journal = sh->mark >= 3 && rng_unit(r) < 0.7 ? sh->mark - 1 : sh->mark;
}

/*
 * A school where the works were marked up to the next mark: a sheet up to
 * three points under a mark's lowest score gets just that score (the
 * boundary anomaly of the distribution).
 */
static void pull_to_boundary(const struct assess *a, struct sheet *sh)
{
	int max = assess_max(a);

	for (int k = 0; k < 3; k++) {
		double want = a->cut[k] * max * 2;
		int low = (int)want; /* the lowest total of the mark, in half points */

		if (low < want - 1e-9)
			low++;

		if (sh->total >= low || sh->total < low - 6)
			continue;
		if (sh->total % 2)
			for (int t = 0; t < a->ntasks; t++)
				if (sh->half[t] > 0 && sh->half[t] % 2) {
					sh->half[t]++;
					sh->total++;
					break;
				}
		for (int t = 0; t < a->ntasks && sh->total < low; t++) {
			if (sh->half[t] < 0)
				sh->half[t] = 0;
			while (sh->total < low && sh->half[t] + 2 <= 2 * a->tasks[t].max) {
				sh->half[t] += 2;
				sh->total += 2;
			}
		}
		resum(a, sh);
		break;
	}
}

/* Where the signs go: a class of a school that has more (*INFLATED), another school (*PEAK). */
static void sign_places(int *inflated, int *peak)
{
	int best = 0;

	*inflated = *peak = -1;
	for (int c = 0; c < nco && *inflated < 0; c++) {
		int others = 0;

		if (!writes(SIGN_ASSESS, c) || schools[co[c].school].plain || co[c].size < 14 ||
		    !teacher_of(SIGN_ASSESS, c))
			continue;
		for (int c2 = 0; c2 < nco; c2++)
			others +=
			    c2 != c && co[c2].school == co[c].school && writes(SIGN_ASSESS, c2);
		if (others)
			*inflated = c;
	}
	for (int s = 0; s < NSCHOOLS; s++) {
		int n = 0;

		if (schools[s].plain || (*inflated >= 0 && s == co[*inflated].school))
			continue;
		for (int c = 0; c < nco; c++)
			n += co[c].school == s && writes(SIGN_ASSESS, c) ? co[c].size : 0;
		if (n > best) {
			best = n;
			*peak = s;
		}
	}
}

/*
 * DIR/survey/: the teachers' self-diagnosis, agreeing with the results on
 * most weak teachers' planted skills, silent on every third (the results
 * show what the teacher did not name), a difficulty the results do not show,
 * a mentor at ease on hers; and the schools' satisfaction with the service.
 */
static void write_survey(const char *dir)
{
	static const char *const questions[] = {"Методическая помощь своевременна",
	                                        "Семинары отвечают затруднениям педагогов",
	                                        "Наставничество организовано"};
	char path[4096], sub[64];
	struct out *o;
	int k = 0;

	snprintf(sub, sizeof(sub), "survey");
	mkdirs(path_of(path, sizeof(path), dir, sub, NULL, NULL));
	o = out_open(path_of(path, sizeof(path), dir, sub, "self-diagnosis.csv", NULL), 0);
	out_str(o, "\xEF\xBB\xBFФИО;Код ОО;Предмет;Код умения;Уровень;Испытываю затруднения;"
	           "Дата\r\n");
	for (int i = 0; i < NPLANTS; i++) {
		const struct plant *p = &plants[i];
		int weak = p->what == P_SOLE || p->what == P_ONE_OF_TWO;

		if (!p->teacher || (!weak && p->what != P_MENTOR))
			continue;
		out_str(o, p->teacher);
		out_byte(o, ';');
		out_str(o, schools[p->school].code);
		out_byte(o, ';');
		out_str(o, demo_assess[p->assess].subject);
		out_byte(o, ';');
		out_str(o, p->skill);
		/* the weak name their skill but every third; the mentor is at ease */
		if (!weak)
			out_str(o, ";5;нет");
		else if (k++ % 3 == 2)
			out_str(o, ";4;нет");
		else
			out_str(o, ";2;да");
		out_str(o, ";20.01.2027\r\n");
	}
	/* a difficulty the results do not show */
	out_str(o, main_teachers[0].name);
	out_byte(o, ';');
	out_str(o, schools[main_teachers[0].school].code);
	out_str(o, ";Математика;9.1;;да;20.01.2027\r\n");
	out_close(o);
	o = out_open(path_of(path, sizeof(path), dir, sub, "satisfaction.csv", NULL), 0);
	out_str(o, "\xEF\xBB\xBFКод ОО;Вопрос;Оценка;Дата\r\n");
	for (int sc = 0; sc < NSCHOOLS; sc++)
		for (int q = 0; q < (int)NELEM(questions); q++) {
			out_str(o, schools[sc].code);
			out_byte(o, ';');
			out_str(o, questions[q]);
			out_byte(o, ';');
			out_int(o, 3 + (sc + q) % 3);
			out_str(o, ";25.05.2027\r\n");
		}
	out_close(o);
}

/* DIR/signs.tsv: the signs planted, for the tests. */
static void write_signs(const char *dir, int inflated, int peak)
{
	char path[4096], label[16];
	struct out *o = out_open(path_of(path, sizeof(path), dir, "signs.tsv", NULL, NULL), 0);
	const struct dteacher *t = teacher_of(SIGN_ASSESS, inflated);

	class_label(SIGN_ASSESS, inflated, label, sizeof(label));
	out_str(o, "sign\tassessment\tschool_code\tclass\tteacher\n");
	out_str(o, "raised\t");
	out_str(o, demo_assess[SIGN_ASSESS].id);
	out_byte(o, '\t');
	out_str(o, schools[co[inflated].school].code);
	out_byte(o, '\t');
	out_str(o, label);
	out_byte(o, '\t');
	out_str(o, t->name);
	out_str(o, "\nboundary\t");
	out_str(o, demo_assess[SIGN_ASSESS].id);
	out_byte(o, '\t');
	out_str(o, schools[peak].code);
	out_str(o, "\t\t\n");
	out_close(o);
}

static void gen_demo(const char *dir, unsigned long long seed)
{
	rng cast = {0x5EED0C0FFEEULL}, r = {seed * 0x2545F4914F6CDD1DULL + 1};
	static struct other others[NSCHOOLS][NELEM(other_subjects)];
	struct roster ro = {0};
	const char *codes[NSCHOOLS], *names[NSCHOOLS];
	char path[4096];
	int students[NASSESS] = {0}, absent[NASSESS] = {0};
	long code = 10000 + rng_int(&r, 0, 900);
	int inflated = -1, peak = -1;

	mkdirs(dir);
	mkdirs(path_of(path, sizeof(path), dir, "spec", NULL, NULL));
	for (int s = 0; s < NSCHOOLS; s++) {
		codes[s] = schools[s].code;
		names[s] = schools[s].name;
	}

	/* the cohorts and their students, who keep their ability from 5th to 6th grade */
	nco = 0;
	for (int e = 0; e < 2; e++)
		for (int s = 0; s < NSCHOOLS; s++)
			for (int l = 0; l < 4; l++) {
				struct cohort *c = &co[nco];
				double mean = 0;

				if (!schools[s].size[e][l])
					continue;
				c->school = s;
				c->letter = l;
				c->entry = e;
				c->size = schools[s].size[e][l];
				for (int i = 0; i < c->size; i++) {
					c->ability[i] = rng_normal(&r);
					mean += c->ability[i] / c->size;
				}
				/* classes differ by their planted rates and a small class
				 * effect, not by the luck of drawing their students */
				for (int i = 0; i < c->size; i++)
					c->ability[i] -= mean;
				nco++;
			}
	plants_check();

	/* the roster: the other teachers are the same people in both years */
	for (int s = 0; s < NSCHOOLS; s++) {
		int many = schools[s].size[0][1] || schools[s].size[1][1];
		int n = many ? NELEM(other_subjects) : 4;

		for (int i = 0; i < n; i++) {
			struct other *t = &others[s][i];
			int taken;

			do {
				random_name(&cast, t->name, sizeof(t->name));
				taken = roster_has_name(&ro, t->name);
				for (int k = 0; k < NELEM(main_teachers); k++)
					taken |= strcmp(main_teachers[k].name, t->name) == 0;
				for (int k = 0; k < s * NELEM(other_subjects) + i; k++)
					taken |= strcmp(others[k / NELEM(other_subjects)]
					                      [k % NELEM(other_subjects)]
					                          .name,
					                t->name) == 0;
			} while (taken);
			if ((s * 5 + i) % 11 == 3) {
				t->birth = rng_int(&cast, 1998, 2003);
				t->exp = rng_int(&cast, 0, 2);
			} else {
				t->birth = rng_int(&cast, 1962, 1990);
				t->exp = rng_int(&cast, 5, 2025 - t->birth - 22);
			}
		}
	}
	for (int y = 0; y < 2; y++)
		for (int s = 0; s < NSCHOOLS; s++) {
			int many = schools[s].size[0][1] || schools[s].size[1][1];
			int n = many ? NELEM(other_subjects) : 4;
			char all[128];

			school_classes(&schools[s], y, all, sizeof(all));
			for (int i = 0; i < NELEM(main_teachers); i++) {
				const struct dteacher *t = &main_teachers[i];

				if (t->school == s)
					roster_add_subjects(&ro, s, y, t->name, t->birth,
					                    t->exp + y, t->subjects, t->classes[y]);
			}
			for (int i = 0; i < n; i++)
				roster_add_subjects(&ro, s, y, others[s][i].name,
				                    others[s][i].birth, others[s][i].exp + y,
				                    other_subjects[i], all);
		}
	roster_write(dir, &ro, codes, names);
	free(ro.rows);
	if (plant_signs)
		sign_places(&inflated, &peak);

	for (int a = 0; a < NASSESS; a++) {
		const struct assess *as = &demo_assess[a];
		double school_eff[NSCHOOLS], class_eff[MAXCOHORT];
		char sub[512];

		write_spec(dir, as);
		snprintf(sub, sizeof(sub), "results/%s", as->id);
		mkdirs(path_of(path, sizeof(path), dir, sub, NULL, NULL));
		for (int s = 0; s < NSCHOOLS; s++)
			school_eff[s] = 0.10 * rng_normal(&r);
		for (int c = 0; c < nco; c++)
			class_eff[c] = 0.10 * rng_normal(&r);
		code += rng_int(&r, 100, 900);

		for (int s = 0; s < NSCHOOLS; s++) {
			const struct dschool *sc = &schools[s];
			char file[128], note[256];
			struct tab *o;

			snprintf(file, sizeof(file), "%s%s.%s", sc->plain ? "plain-" : "", sc->code,
			         ext());
			path_of(path, sizeof(path), dir, sub, file, NULL);
			if (!as_xlsx) {
				o = tab_csv(path, 1, 0);
			} else if (sc->plain) {
				/* a school's own table: the notes first, the results after */
				struct book b = {"Результаты", "Справка", {NULL}, 1, 0, NULL};

				snprintf(note, sizeof(note), "%s, %s: результаты по заданиям",
				         sc->name, as->title);
				b.note[0] = note;
				b.note[1] = "Отсутствовавшие в таблицу не внесены.";
				o = tab_xlsx(path, &b);
			} else {
				struct book b = {"Лист1", NULL, {NULL}, 0, 0, NULL};

				o = tab_xlsx(path, &b);
			}
			if (sc->plain) {
				tab_head(o, "Код участника");
				tab_head(o, "Класс");
				for (int t = 0; t < as->ntasks; t++)
					tab_head(o, as->tasks[t].label);
				tab_end(o);
			} else {
				int n = 0;

				write_results_head(o, as);
				/* the school's group row, as in a municipality's report */
				for (int c = 0; c < nco; c++)
					n += co[c].school == s && writes(a, c) ? co[c].size : 0;
				snprintf(note, sizeof(note), "%s(%s) | Кол-во участников: %d",
				         sc->name, sc->code, n);
				tab_str(o, note);
				for (int i = 1; i < 6 + as->ntasks + 3; i++)
					tab_empty(
					    o); /* Excel writes every row as wide as the table */
				tab_end(o);
			}
			for (int c = 0; c < nco; c++) {
				double L[32];
				char klass[16];

				if (co[c].school != s || !writes(a, c))
					continue;
				/* ФИС ОКО numbers a school's classes; a plain table names them */
				if (sc->plain)
					class_label(a, c, klass, sizeof(klass));
				else
					snprintf(klass, sizeof(klass), "%d", class_ordinal(a, c));
				for (int t = 0; t < as->ntasks; t++) {
					const char *tc[4];
					int n = task_codes(&as->tasks[t], tc);
					int planted = 0;

					L[t] = 0;
					for (int k = 0; k < n; k++) {
						const struct plant *p = plant_find(a, c, tc[k]);

						L[t] += logit(p ? p->target : as->tasks[t].base);
						planted |= p != NULL;
					}
					/* a planted rate is not blurred by the school's and
					 * the class's own level */
					L[t] /= n;
					if (!planted)
						L[t] += school_eff[s] + class_eff[c];
				}
				for (int i = 0; i < co[c].size; i++) {
					struct sheet sh;

					draw_sheet(&r, as, L, co[c].ability[i], &sh);
					if (plant_signs && a == SIGN_ASSESS && c == inflated)
						inflate(&r, as, &sh);
					else if (plant_signs && a == SIGN_ASSESS &&
					         co[c].school == peak)
						pull_to_boundary(as, &sh);
					sh.absent = rng_unit(&r) < 0.03;
					code += rng_int(&r, 1, 7);
					students[a]++;
					if (sh.absent) {
						absent[a]++;
						if (sc->plain)
							continue;
					}
					if (!sh.absent) {
						present[a][c]++;
						for (int t = 0; t < as->ntasks; t++) {
							const char *tc[4];
							int n = task_codes(&as->tasks[t], tc);
							int h = sh.half[t] < 0 ? 0 : sh.half[t];

							for (int k = 0; k < n; k++) {
								int si = skill_index(as, tc[k]);

								got[a][c][si] += h / 2.0;
								possible[a][c][si] +=
								    as->tasks[t].max;
							}
						}
					}
					if (!sc->plain) {
						snprintf(note, sizeof(note), "%s(%s)", sc->name,
						         sc->code);
						tab_str(o, sc->code);
						tab_str(o, DISTRICT);
						tab_str(o, note);
					}
					snprintf(note, sizeof(note), "%ld", code);
					tab_str(o, note);
					if (sc->plain)
						tab_str(o, klass);
					else /* a number, as ФИС ОКО writes it */
						tab_int(o, atoi(klass));
					if (!sc->plain) {
						if (sh.absent)
							tab_str(o, "отсутствовал");
						else
							tab_int(o, sh.variant);
					}
					write_scores(o, as, &sh, &r);
					if (!sc->plain) {
						if (!sh.absent) {
							tab_half(o, sh.total);
							tab_int(o, sh.mark);
						} else {
							tab_empty(o);
							tab_empty(o);
						}
						tab_int(o, sh.journal);
					}
					tab_end(o);
				}
			}
			tab_close(o);
		}
	}
	write_assessments_tsv(dir, demo_assess, NASSESS, NULL);
	write_load_sh(dir, demo_assess, NASSESS);
	write_planted(dir);
	if (!as_xlsx) /* the surveys as CSV, the way a form service exports them */
		write_survey(dir);
	if (plant_signs)
		write_signs(dir, inflated, peak);
	write_readme(dir, seed, students, absent);
}

/* ------------------------------------------------------------ the region */

#define R_SCHOOLS 500
#define R_TASKS 24

static const char *const STEMS[] = {
    "Берёзов", "Соснов",   "Кедров",    "Ольхов",   "Рябинов", "Листвен", "Журавлёв", "Ключев",
    "Озёр",    "Лугов",    "Полев",     "Калинов",  "Малинов", "Осинов",  "Елов",     "Дубов",
    "Липов",   "Тополев",  "Черёмухов", "Клюквен",  "Медвед",  "Соболев", "Лисицын",  "Лебяж",
    "Орлов",   "Ястребов", "Вишнёв",    "Грибов",   "Камышов", "Травян",  "Песчан",   "Родников",
    "Светлов", "Боров",    "Ивов",      "Смородин",
};

static const char *const R_LABELS[R_TASKS] = {
    "1",    "2",    "3",  "4",  "5.1", "5.2", "6",  "7",    "8",    "9",  "10",   "11",
    "12.1", "12.2", "13", "14", "15",  "16",  "17", "18К1", "18К2", "19", "20К1", "20К2",
};

static const int R_MAX[R_TASKS] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                   1, 1, 1, 1, 2, 2, 2, 2, 1, 2, 3, 2};

static struct task region_tasks[5][R_TASKS];
static char region_task_codes[5][R_TASKS][16];
static struct assess region_assess[5];
static char region_ids[5][32], region_titles[5][64], region_dates[5][2][16];

static void region_setup(void)
{
	for (int g = 0; g < 5; g++) {
		struct assess *a = &region_assess[g];

		for (int t = 0; t < R_TASKS; t++) {
			struct task *tk = &region_tasks[g][t];
			int k = (t + 3 * g) % NELEM(math_skills);

			tk->label = R_LABELS[t];
			tk->max = R_MAX[t];
			tk->level = t < 15 ? "Б" : t < 21 ? "П" : "В";
			snprintf(region_task_codes[g][t], sizeof(region_task_codes[g][t]), "%s",
			         math_skills[k].code);
			tk->codes = region_task_codes[g][t];
			tk->base = 0;
			tk->text = NULL;
		}
		snprintf(region_ids[g], sizeof(region_ids[g]), "vpr-2026-math-%d", g + 4);
		snprintf(region_titles[g], sizeof(region_titles[g]), "ВПР 2026 Математика %d класс",
		         g + 4);
		snprintf(region_dates[g][0], sizeof(region_dates[g][0]), "2026-04-%02d", 7 + g);
		snprintf(region_dates[g][1], sizeof(region_dates[g][1]), "%02d.04.2026", 7 + g);
		a->id = region_ids[g];
		a->title = region_titles[g];
		a->subject = "Математика";
		a->date_iso = region_dates[g][0];
		a->date_ru = region_dates[g][1];
		a->grade = g + 4;
		a->year = 0;
		a->entry = 0;
		a->tasks = region_tasks[g];
		a->ntasks = R_TASKS;
		a->skills = math_skills;
		a->nskills = NELEM(math_skills);
		a->cut[0] = 0.25;
		a->cut[1] = 0.5;
		a->cut[2] = 0.75;
	}
}

/* A row of a region's ФИС ОКО file. */
static void region_row(struct tab *o, const struct assess *as, const char *scode, const char *mo,
                       const char *sname, long code, const char *klass, const struct sheet *sh,
                       rng *r)
{
	char cell[160];

	tab_str(o, scode);
	tab_str(o, mo);
	snprintf(cell, sizeof(cell), "%.120s(%.20s)", sname, scode);
	tab_str(o, cell);
	snprintf(cell, sizeof(cell), "%ld", code);
	tab_str(o, cell);
	tab_str(o, klass);
	if (sh->absent) {
		tab_str(o, "отсутствовал");
		write_scores(o, as, sh, r);
		tab_empty(o);
		tab_empty(o);
	} else {
		tab_int(o, sh->variant);
		write_scores(o, as, sh, r);
		tab_half(o, sh->total);
		tab_int(o, sh->mark);
	}
	tab_int(o, sh->journal);
	tab_end(o);
}

/* The region of SCALE × R_SCHOOLS schools (SCALE 1: the benchmark's region). */
static void gen_region(const char *dir, unsigned long long seed, int scale)
{
	rng r = {seed * 0x2545F4914F6CDD1DULL + 7};
	const int nschools = R_SCHOOLS * scale;
	char(*scode)[16] = xmalloc((size_t)nschools * sizeof(*scode));
	char(*sname)[96] = xmalloc((size_t)nschools * sizeof(*sname));
	char(*smo)[64] = xmalloc((size_t)nschools * sizeof(*smo));
	int(*nclass)[5] = xmalloc((size_t)nschools * sizeof(*nclass));
	int(*csize)[5][4] = xmalloc((size_t)nschools * sizeof(*csize));
	const char **codes = xmalloc((size_t)nschools * sizeof(*codes));
	const char **names = xmalloc((size_t)nschools * sizeof(*names));
	int stem_count[NELEM(STEMS)] = {0};
	struct roster ro = {0};
	char path[4096];
	struct out *scores;
	long code = 1000000, students = 0, absent = 0, nscores = 0, files = 0;

	region_setup();
	mkdirs(dir);
	mkdirs(path_of(path, sizeof(path), dir, "spec", NULL, NULL));

	for (int s = 0; s < nschools; s++) {
		int k = (s * 7 + 3) % NELEM(STEMS);
		const char *mo = STEMS[(s / 17) % NELEM(STEMS)];
		int big = rng_unit(&r) < 0.12;

		stem_count[k]++;
		snprintf(scode[s], sizeof(scode[s]), "edu%06d", 250001 + s);
		snprintf(sname[s], sizeof(sname[s]), "МБОУ «%sская %s №%d»", STEMS[k],
		         big ? "гимназия" : "СОШ", stem_count[k]);
		snprintf(smo[s], sizeof(smo[s]), "%sский МО", mo);
		codes[s] = scode[s];
		names[s] = sname[s];
		for (int g = 0; g < 5; g++) {
			nclass[s][g] = rng_int(&r, 1, 4);
			for (int l = 0; l < nclass[s][g]; l++)
				csize[s][g][l] = rng_int(&r, 17, 33);
		}
	}

	/* the roster: a primary teacher per class of grade 4, a teacher of
	 * mathematics per letter of grades 5 to 8 */
	for (int s = 0; s < nschools; s++) {
		char name[128];

		for (int l = 0; l < nclass[s][0]; l++) {
			char cls[16];
			int birth = rng_int(&r, 1962, 2002);

			random_name(&r, name, sizeof(name));
			snprintf(cls, sizeof(cls), "4%s", LETTERS[l]);
			roster_add_subjects(&ro, s, 0, name, birth,
			                    rng_int(&r, 0, 2026 - birth - 22), "Математика", cls);
		}
		for (int l = 0; l < 4; l++) {
			char cls[64] = "";
			int birth;

			for (int g = 1; g < 5; g++)
				if (l < nclass[s][g])
					snprintf(cls + strlen(cls), sizeof(cls) - strlen(cls),
					         "%s%d%s", cls[0] ? "," : "", g + 4, LETTERS[l]);
			if (!cls[0])
				continue;
			random_name(&r, name, sizeof(name));
			birth = rng_int(&r, 1962, 2002);
			roster_add_subjects(&ro, s, 0, name, birth,
			                    rng_int(&r, 0, 2026 - birth - 22), "Математика", cls);
		}
	}
	/* names must be unique within a school: rename the later of two */
	for (int i = 1; i < ro.n; i++)
		for (int j = i - 1; j >= 0 && ro.rows[j].school == ro.rows[i].school; j--)
			if (strcmp(ro.rows[j].name, ro.rows[i].name) == 0) {
				random_name(&r, ro.rows[i].name, sizeof(ro.rows[i].name));
				j = i; /* check again */
			}
	roster_write(dir, &ro, codes, names);
	free(ro.rows);

	scores = out_open(path_of(path, sizeof(path), dir, "scores.csv", NULL, NULL), 0);
	for (int g = 0; g < 5; g++) {
		const struct assess *as = &region_assess[g];
		double task_logit[R_TASKS];
		char sub[512];

		write_spec(dir, as);
		snprintf(sub, sizeof(sub), "results/%s", as->id);
		mkdirs(path_of(path, sizeof(path), dir, sub, NULL, NULL));
		for (int t = 0; t < R_TASKS; t++) {
			const char *lv = as->tasks[t].level;
			double mean = strcmp(lv, "Б") == 0   ? 1.4
			              : strcmp(lv, "П") == 0 ? 0.0
			                                     : -0.8;
			task_logit[t] = mean + 0.4 * rng_normal(&r);
		}
		for (int s = 0; s < nschools; s++) {
			double school_eff = 0.35 * rng_normal(&r);
			char file[64];
			struct tab *o;

			snprintf(file, sizeof(file), "%.15s.%s", scode[s], ext());
			path_of(path, sizeof(path), dir, sub, file, NULL);
			if (as_xlsx) {
				struct book b = {"Лист1", NULL, {NULL}, 0, 0, NULL};

				o = tab_xlsx(path, &b);
			} else {
				o = tab_csv(path, 1, 0);
			}
			files++;
			write_results_head(o, as);
			for (int l = 0; l < nclass[s][g]; l++) {
				double L[R_TASKS], class_eff = 0.25 * rng_normal(&r);
				char klass[16];

				snprintf(klass, sizeof(klass), "%d%s", as->grade, LETTERS[l]);
				for (int t = 0; t < R_TASKS; t++)
					L[t] = task_logit[t] + school_eff + class_eff;
				for (int i = 0; i < csize[s][g][l]; i++) {
					struct sheet sh;

					draw_sheet(&r, as, L, rng_normal(&r), &sh);
					sh.absent = rng_unit(&r) < 0.03;
					code += rng_int(&r, 1, 3);
					students++;
					region_row(o, as, scode[s], smo[s], sname[s], code, klass,
					           &sh, &r);
					if (sh.absent) {
						absent++;
						continue;
					}
					for (int t = 0; t < R_TASKS; t++) {
						out_int(scores, code);
						out_byte(scores, ',');
						out_str(scores, as->tasks[t].label);
						out_byte(scores, ',');
						out_half(scores, sh.half[t] < 0 ? 0 : sh.half[t],
						         '.');
						out_byte(scores, '\n');
						nscores++;
					}
				}
			}
			tab_close(o);
		}
	}
	out_close(scores);
	write_assessments_tsv(dir, region_assess, 5, NULL);
	{
		struct out *o =
		    out_open(path_of(path, sizeof(path), dir, "README.txt", NULL, NULL), 0);

		out_str(o, "An invented region for the mms benchmark, written by mms-gen-district "
		           "--region --seed ");
		out_int(o, (long)seed);
		if (as_xlsx)
			out_str(o, " --xlsx");
		if (scale > 1) {
			out_str(o, " --scale ");
			out_int(o, scale);
		}
		out_str(o, ".\n\nschools ");
		out_int(o, nschools);
		out_str(o, "\nassessments 5 (vpr-2026-math-4 … vpr-2026-math-8, 24 tasks each)\n"
		           "files ");
		out_int(o, files);
		out_str(o, "\nparticipants ");
		out_int(o, students);
		out_str(o, "\nabsent ");
		out_int(o, absent);
		out_str(o, "\nstudents ");
		out_int(o, students - absent);
		out_str(o, "\nscores ");
		out_int(o, nscores);
		out_str(o, "\n\nscores.csv holds the same scores as participant,task,score (no "
		           "header, '.' decimal;\n"
		           "a task not attempted is 0); participant codes are unique in the "
		           "region.\n");
		out_close(o);
	}
	fprintf(stderr, "%s: %ld participants (%ld absent), %ld scores, %ld result files\n", PROG,
	        students, absent, nscores, files);
	free(scode);
	free(sname);
	free(smo);
	free(nclass);
	free(csize);
	free(codes);
	free(names);
}

/* ------------------------------------------------------- the big workbook */

#define BIG_CLASSES 4 /* classes of grade 5 in a school: 5А…5Г */
#define BIG_CLASS 25  /* students in a class */
/* Excel's rows, less the title block and the header */
#define BIG_MAX (1048576L - 8)

/*
 * One ФИС ОКО results workbook of N participants (DIR/big.xlsx, one sheet,
 * written in libxlsxwriter's constant_memory mode, strings inline; with SST
 * in memory first, strings in the shared table as Excel writes them: a few
 * GB for a million rows), the same rows as CSV
 * (DIR/big.csv), and the roster and description to import them: the
 * benchmark of the .xlsx reader against the CSV path.
 */
static void gen_big(const char *dir, unsigned long long seed, long n, int sst)
{
	rng r = {seed * 0x2545F4914F6CDD1DULL + 11};
	long nschools = (n + BIG_CLASSES * BIG_CLASS - 1) / (BIG_CLASSES * BIG_CLASS);
	char(*scode)[16] = xmalloc((size_t)nschools * sizeof(*scode));
	char(*sname)[96] = xmalloc((size_t)nschools * sizeof(*sname));
	const char **codes = xmalloc((size_t)nschools * sizeof(*codes));
	const char **names = xmalloc((size_t)nschools * sizeof(*names));
	const char *mo = "Сосновский МО";
	const struct assess *as;
	struct roster ro = {0};
	struct book b = {"Лист1", NULL, {NULL}, 0, !sst, NULL};
	struct tab *x, *c;
	char path[4096];
	long code = 3000000, left = n, absent = 0;

	region_setup();
	as = &region_assess[1]; /* vpr-2026-math-5, 24 tasks */
	mkdirs(dir);
	mkdirs(path_of(path, sizeof(path), dir, "spec", NULL, NULL));
	for (long s = 0; s < nschools; s++) {
		snprintf(scode[s], sizeof(scode[s]), "edu%06d", (int)(300001 + s));
		snprintf(sname[s], sizeof(sname[s]), "МБОУ «%sская СОШ №%ld»",
		         STEMS[s % NELEM(STEMS)], s / NELEM(STEMS) + 1);
		codes[s] = scode[s];
		names[s] = sname[s];
		/* a teacher of mathematics per class, named uniquely within the school */
		for (int l = 0; l < BIG_CLASSES; l++) {
			char name[128], cls[16];
			int birth = rng_int(&r, 1962, 2002), taken;

			do {
				random_name(&r, name, sizeof(name));
				taken = 0;
				for (int k = ro.n - 1; k >= 0 && ro.rows[k].school == (int)s; k--)
					taken |= strcmp(ro.rows[k].name, name) == 0;
			} while (taken);
			snprintf(cls, sizeof(cls), "5%s", LETTERS[l]);
			roster_add_subjects(&ro, (int)s, 0, name, birth,
			                    rng_int(&r, 0, 2026 - birth - 22), "Математика", cls);
		}
	}
	roster_write(dir, &ro, codes, names);
	free(ro.rows);
	write_spec(dir, as);
	write_assessments_tsv(dir, as, 1, "big.csv");

	b.tmpdir = dir;
	x = tab_xlsx(path_of(path, sizeof(path), dir, "big.xlsx", NULL, NULL), &b);
	c = tab_csv(path_of(path, sizeof(path), dir, "big.csv", NULL, NULL), 1, 0);
	x->next = c;
	write_results_head(x, as);
	for (long s = 0; s < nschools; s++) {
		double school_eff = 0.35 * rng_normal(&r);

		for (int l = 0; l < BIG_CLASSES && left > 0; l++) {
			double L[R_TASKS], class_eff = 0.25 * rng_normal(&r);
			char klass[16];

			snprintf(klass, sizeof(klass), "5%s", LETTERS[l]);
			for (int t = 0; t < R_TASKS; t++) {
				const char *lv = as->tasks[t].level;

				L[t] = (strcmp(lv, "Б") == 0   ? 1.4
				        : strcmp(lv, "П") == 0 ? 0.0
				                               : -0.8) +
				       school_eff + class_eff;
			}
			for (int i = 0; i < BIG_CLASS && left > 0; i++, left--) {
				struct sheet sh;

				draw_sheet(&r, as, L, rng_normal(&r), &sh);
				sh.absent = rng_unit(&r) < 0.03;
				absent += sh.absent;
				code += rng_int(&r, 1, 3);
				region_row(x, as, scode[s], mo, sname[s], code, klass, &sh, &r);
			}
		}
	}
	tab_close(x);
	{
		struct out *o =
		    out_open(path_of(path, sizeof(path), dir, "README.txt", NULL, NULL), 0);

		out_str(o, "The big workbook of the mms benchmark, written by mms-gen-district "
		           "--big-workbook ");
		out_int(o, n);
		out_str(o, " --seed ");
		out_int(o, (long)seed);
		out_str(o, ".\n\nbig.xlsx     ФИС ОКО results of ");
		out_str(o, as->id);
		out_str(o, ", sheet Лист1\nbig.csv      the same rows as CSV (Windows-1251, ';')\n"
		           "roster.csv   the schools, classes and teachers\nspec/");
		out_str(o, as->id);
		out_str(o, ".csv  the description\n\nparticipants ");
		out_int(o, n);
		out_str(o, "\nabsent ");
		out_int(o, absent);
		out_str(o, "\nschools ");
		out_int(o, nschools);
		out_str(o, "\n");
		out_close(o);
	}
	fprintf(stderr, "%s: %ld participants (%ld absent) in %ld schools\n", PROG, n, absent,
	        nschools);
	free(scode);
	free(sname);
	free(codes);
	free(names);
}

/* ------------------------------------------------------------------ main */

static const char usage[] =
    "usage: mms-gen-district [--seed N] [--region [--scale K]] [--xlsx] [--signs] --out DIR\n"
    "       mms-gen-district [--seed N] --big-workbook N [--shared-strings] --out DIR\n"
    "\n"
    "Writes the files of an invented district: DIR/roster.csv, DIR/spec/ID.csv,\n"
    "DIR/results/ID/CODE.csv (ФИС ОКО layout, Windows-1251), DIR/assessments.tsv,\n"
    "DIR/survey/ (the teachers' self-diagnosis, the schools' satisfaction survey)\n"
    "and DIR/README.txt with the deficits planted in it.  The same seed gives the\n"
    "same bytes.\n"
    "\n"
    "options:\n"
    "  --seed N          the seed of the random numbers (default 2026)\n"
    "  --region          the benchmark's region instead: 500 schools, 5 assessments,\n"
    "                    ≈150 000 students, ≈3.6 million scores, and DIR/scores.csv\n"
    "  --scale K         K times the region (1 to 20): K × 500 schools, the same\n"
    "                    classes, students and files per school\n"
    "  --xlsx            the tables as Excel workbooks (.xlsx) instead of CSV: the same\n"
    "                    rows, scores as numbers, dates as dates, sheets named as in\n"
    "                    the real exports (roster.xlsx has a sheet of notes first);\n"
    "                    with --region too (DIR/scores.csv stays CSV)\n"
    "  --signs           plant signs of non-objective results in vpr-2027-math-5: a\n"
    "                    class whose work was not its own (most tasks full, marks\n"
    "                    above the journal's) and a school whose works were marked\n"
    "                    up to a mark's lowest score; DIR/signs.tsv says where\n"
    "  --big-workbook N  one ФИС ОКО workbook of N participants instead (at most\n"
    "                    1048568): DIR/big.xlsx, the same rows in DIR/big.csv, and\n"
    "                    DIR/roster.csv and DIR/spec/ to import them; its strings\n"
    "                    are inline (libxlsxwriter's constant_memory mode)\n"
    "  --shared-strings  the big workbook's strings in the shared table instead, as\n"
    "                    Excel writes them (built in memory: ≈4 GB for 10^6 rows)\n"
    "  --out DIR         where to write (created if missing)\n";

int main(int argc, char **argv)
{
	unsigned long long seed = 2026;
	const char *dir = NULL;
	int region = 0, sst = 0;
	long big = 0, scale = 1;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(usage, stdout);
			return fflush(stdout) == 0 && !ferror(stdout) ? 0 : EX_IOERR;
		} else if (strcmp(argv[i], "--region") == 0) {
			region = 1;
		} else if (strcmp(argv[i], "--xlsx") == 0) {
			as_xlsx = 1;
		} else if (strcmp(argv[i], "--signs") == 0) {
			plant_signs = 1;
		} else if (strcmp(argv[i], "--shared-strings") == 0) {
			sst = 1;
		} else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
			char *end;

			errno = 0;
			seed = strtoull(argv[++i], &end, 10);
			if (errno || end == argv[i] || *end || argv[i][0] == '-') {
				fprintf(stderr, "%s: --seed '%s' is not a non-negative integer\n",
				        PROG, argv[i]);
				return EX_USAGE;
			}
		} else if (strcmp(argv[i], "--big-workbook") == 0 && i + 1 < argc) {
			char *end;

			errno = 0;
			big = strtol(argv[++i], &end, 10);
			if (errno || end == argv[i] || *end || big < 1 || big > BIG_MAX) {
				fprintf(stderr,
				        "%s: --big-workbook '%s' is not a number of rows from 1 to "
				        "%ld\n",
				        PROG, argv[i], BIG_MAX);
				return EX_USAGE;
			}
		} else if (strcmp(argv[i], "--scale") == 0 && i + 1 < argc) {
			char *end;

			errno = 0;
			scale = strtol(argv[++i], &end, 10);
			if (errno || end == argv[i] || *end || scale < 1 || scale > 20) {
				fprintf(stderr, "%s: --scale '%s' is not a number from 1 to 20\n",
				        PROG, argv[i]);
				return EX_USAGE;
			}
		} else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
			dir = argv[++i];
		} else {
			fprintf(stderr, "%s: unknown or incomplete option '%s'\n%s", PROG, argv[i],
			        usage);
			return EX_USAGE;
		}
	}
	if (!dir || !dir[0]) {
		fprintf(stderr, "%s: --out DIR is required\n%s", PROG, usage);
		return EX_USAGE;
	}
	if (sst && !big) {
		fprintf(stderr, "%s: --shared-strings goes with --big-workbook\n%s", PROG, usage);
		return EX_USAGE;
	}
	if (big && (region || as_xlsx)) {
		fprintf(stderr, "%s: --big-workbook goes with neither --region nor --xlsx\n%s",
		        PROG, usage);
		return EX_USAGE;
	}
	if (scale > 1 && !region) {
		fprintf(stderr, "%s: --scale goes with --region\n%s", PROG, usage);
		return EX_USAGE;
	}
	if (big)
		gen_big(dir, seed, big, sst);
	else if (region)
		gen_region(dir, seed, (int)scale);
	else
		gen_demo(dir, seed);
	return 0;
}
