/*
 * mms-gen-district — writes the files of an invented district, the way its
 * schools would hand them over: the roster, the assessments' descriptions and
 * the students' item-level results as ФИС ОКО exports them to CSV.
 *
 *   mms-gen-district [--seed N] [--region] --out DIR
 *
 * The default is the demo district (8 schools, three assessments) with known
 * deficits planted in it and written down in DIR/README.txt; --region writes
 * the benchmark's region (500 schools, 5 assessments, ≈3.6 million scores) and
 * DIR/scores.csv, the same scores as a plain CSV for a raw bulk load.
 *
 * Plain C11 and libc: its own random numbers (splitmix64) and its own exp(), so
 * that a seed gives the same bytes on every machine.  Cyrillic string literals
 * are UTF-8 here and converted to Windows-1251 as they are written.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

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
    {"3", 1, "Б", "1.3", 0.82, NULL},
    {"4.1", 1, "Б", "4.2", 0.84, NULL},
    {"4.2", 1, "Б", "4.1", 0.80, NULL},
    {"5", 1, "Б", "5.1", 0.82, NULL},
    {"6", 2, "Б", "2.1", 0.82, NULL},
    {"7", 1, "Б", "1.2", 0.85, NULL},
    {"8", 2, "П", "2.2", 0.58, NULL},
    {"9К1", 2, "П", "1.4", 0.62, NULL},
    {"9К2", 1, "П", "8.2", 0.56, NULL},
    {"10", 1, "Б", "3.1", 0.84, NULL},
    {"11", 2, "Б", "7.5.2", 0.76, NULL},
    {"12", 1, "П", "8.1", 0.55, NULL},
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
    {"9", 2, "П", "9.1", 0.56, NULL},   {"10", 1, "Б", "10.1", 0.86, NULL},
    {"11", 2, "В", "11.1", 0.50, NULL},
};

static const struct task math6_tasks[] = {
    {"1", 1, "Б", "1.5", 0.84, NULL},
    {"2", 1, "Б", "1.3", 0.82, NULL},
    {"3", 1, "Б", "1.2", 0.85, NULL},
    {"4", 1, "Б", "1.4", 0.80, NULL},
    {"5", 2, "Б", "2.1", 0.78, NULL},
    {"6.1", 1, "Б", "3.1", 0.84, NULL},
    {"6.2", 1, "Б", "3.1", 0.82, NULL},
    {"7", 1, "Б", "5.1", 0.82, NULL},
    {"8", 1, "Б", "4.1", 0.80, NULL},
    {"9", 2, "П", "2.2,7.5.2", 0.58,
     "Решать задачи на нахождение части числа и числа по его части"},
    {"10", 1, "П", "4.3", 0.56, NULL},
    {"11К1", 2, "П", "7.5.2", 0.58, NULL},
    {"11К2", 1, "П", "8.2", 0.56, NULL},
    {"12", 2, "П", "8.1", 0.55, NULL},
    {"13", 2, "В", "9.1", 0.50, NULL},
};

struct assess {
	const char *id, *title, *subject, *date_iso, *date_ru;
	int grade;
	int follow; /* 1: written a year later by the same classes */
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
     rus5_tasks,
     NELEM(rus5_tasks),
     rus_skills,
     NELEM(rus_skills),
     {0.38, 0.62, 0.85}},
    {"vpr-2027-math-6",
     "ВПР 2027 Математика 6 класс",
     "Математика",
     "2027-04-14",
     "14.04.2027",
     6,
     1,
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
	char path[4096], name[256];
	struct out *o;

	snprintf(name, sizeof(name), "%s.csv", a->id);
	o = out_open(path_of(path, sizeof(path), dir, "spec", name, NULL), 0);
	out_str(o, "\xEF\xBB\xBF");
	out_str(o, "Задание;Макс. балл;Уровень;Код умения;Проверяемое умение;Вид умения");
	out_crlf(o);
	for (int i = 0; i < a->ntasks; i++) {
		const struct task *t = &a->tasks[i];
		const char *codes[4];
		const struct skill *s;

		task_codes(t, codes);
		s = skill_find(a, codes[0], strlen(codes[0]));
		if (!s) {
			fprintf(stderr, "%s: no skill '%s'\n", PROG, codes[0]);
			exit(EX_SOFTWARE);
		}
		out_str(o, t->label);
		out_byte(o, ';');
		out_int(o, t->max);
		out_byte(o, ';');
		out_str(o, t->level);
		out_byte(o, ';');
		out_str(o, t->codes);
		out_byte(o, ';');
		out_str(o, t->text ? t->text : s->text);
		out_byte(o, ';');
		out_str(o, s->kind);
		out_crlf(o);
	}
	out_close(o);
}

/* The ФИС ОКО title block, the levels row and the header. */
static void write_results_head(struct out *o, const struct assess *a)
{
	out_str(o, "Индивидуальные результаты");
	out_crlf(o);
	out_str(o, a->title);
	out_crlf(o);
	out_str(o, "Предмет:;");
	out_str(o, a->subject);
	out_crlf(o);
	out_str(o, "Максимальный первичный балл:;");
	out_int(o, assess_max(a));
	out_crlf(o);
	out_str(o, "Дата:;");
	out_str(o, a->date_ru);
	out_crlf(o);
	out_crlf(o);
	out_str(o, ";;;;;Уровень сложности задания");
	for (int i = 0; i < a->ntasks; i++) {
		out_byte(o, ';');
		out_str(o, a->tasks[i].level);
	}
	out_crlf(o);
	out_str(o, "ОО;Муниципалитет;Название ОО;Код участника;Класс;Вариант");
	for (int i = 0; i < a->ntasks; i++) {
		out_byte(o, ';');
		out_str(o, a->tasks[i].label);
		out_str(o, " (");
		out_int(o, a->tasks[i].max);
		out_str(o, "б)");
	}
	out_str(o, ";Первичный балл;Отметка;Отметка по журналу");
	out_crlf(o);
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
	if (sh->journal < 3 && rng_unit(r) < 0.7)
		sh->journal = 3;
}

static void write_scores(struct out *o, const struct assess *a, const struct sheet *sh, rng *r)
{
	for (int t = 0; t < a->ntasks; t++) {
		out_byte(o, ';');
		if (sh->absent)
			continue;
		if (sh->half[t] < 0)
			out_str(o, rng_unit(r) < 0.5 ? "X" : "-");
		else
			out_half(o, sh->half[t], ',');
	}
}

/* ------------------------------------------------------------ the district */

static const char DISTRICT[] = "Сосновский МО";
static const char *const LETTERS[] = {"А", "Б", "В", "Г"};

struct dschool {
	const char *code, *name;
	int size[4]; /* students of 5А, 5Б, 5В, 5Г in 2026; 0: no such class */
	int plain;   /* hands its results over as a plain table */
};

static const struct dschool schools[] = {
    {"edu249001", "МБОУ «Берёзовская СОШ»", {21, 27, 0, 0}, 0},
    {"edu249002", "МБОУ «Сосновская СОШ №1»", {26, 24, 25, 23}, 0},
    {"edu249003", "МБОУ «Сосновская СОШ №2»", {25, 27, 22, 24}, 0},
    {"edu249004", "МБОУ «Кедровская СОШ»", {19, 18, 0, 0}, 0},
    {"edu249005", "МБОУ «Ольховская ООШ»", {22, 0, 0, 0}, 0},
    {"edu249006", "МБОУ «Рябиновская СОШ»", {23, 12, 0, 0}, 0},
    {"edu249007", "МБОУ «Лиственская СОШ»", {28, 16, 0, 0}, 0},
    {"edu249008", "МКОУ «Журавлёвская ООШ»", {8, 0, 0, 0}, 1},
};
#define NSCHOOLS NELEM(schools)

/* The teachers of mathematics and Russian: who teaches which class matters. */
struct dteacher {
	int school;
	const char *name;
	int birth, exp;
	const char *subjects; /* '|' separated */
	const char *classes;
};

static const struct dteacher main_teachers[] = {
    {0, "Гусева Татьяна Николаевна", 1969, 31, "Математика", "5А,6А"},
    {0, "Ковалёва Ирина Петровна", 1975, 27, "Математика", "5Б,6Б"},
    {0, "Морозова Елена Викторовна", 1972, 28, "Русский язык|Литература", "5А,5Б,6А,6Б"},
    {1, "Зайцева Марина Алексеевна", 1981, 19, "Математика", "5А,6А"},
    {1, "Белов Андрей Михайлович", 1966, 34, "Математика", "5Б,5Г,6Б,6Г"},
    {1, "Соловьёва Дарья Андреевна", 2001, 2, "Математика", "5В,6В"},
    {1, "Крылова Наталья Игоревна", 1970, 30, "Русский язык|Литература", "5А,5В,6А,6В"},
    {1, "Орлова Елена Васильевна", 1968, 33, "Русский язык|Литература", "5Б,6Б"},
    {1, "Киселёва Ольга Юрьевна", 1985, 15, "Русский язык|Литература", "5Г,6Г"},
    {2, "Егорова Светлана Юрьевна", 1974, 26, "Математика", "5А,5Б,6А,6Б"},
    {2, "Тимофеев Сергей Павлович", 1979, 20, "Математика", "5В,6В"},
    {2, "Лебедева Анна Викторовна", 1983, 16, "Математика", "5Г,6Г"},
    {2, "Никитина Людмила Геннадьевна", 1965, 35, "Русский язык|Литература", "5А,5В,5Г,6А,6В,6Г"},
    {2, "Фомина Ксения Олеговна", 2000, 1, "Русский язык|Литература", "5Б,6Б"},
    {3, "Павлова Галина Ивановна", 1963, 38, "Математика", "5А,6А"},
    {3, "Сидоренко Вера Олеговна", 1977, 22, "Математика", "5Б,6Б"},
    {3, "Фёдорова Ольга Степановна", 1971, 29, "Русский язык|Литература", "5А,5Б,6А,6Б"},
    {4, "Воробьёва Надежда Павловна", 1967, 33, "Математика", "5А,6А"},
    {4, "Михайлова Ирина Сергеевна", 1976, 24, "Русский язык|Литература", "5А,6А"},
    {5, "Козлова Марина Владимировна", 1973, 27, "Математика", "5А,5Б,6А,6Б"},
    {5, "Андреева Светлана Анатольевна", 1980, 20, "Русский язык|Литература", "5А,5Б,6А,6Б"},
    {6, "Дёмина Валентина Петровна", 1964, 37, "Математика", "5А,6А"},
    {6, "Новиков Павел Андреевич", 1988, 12, "Математика", "5Б,6Б"},
    {6, "Романова Юлия Александровна", 1982, 18, "Русский язык|Литература", "5А,5Б,6А,6Б"},
    {7, "Григорьева Людмила Ивановна", 1960, 40, "Математика", "5А,6А"},
    {7, "Алексеева Татьяна Викторовна", 1978, 23, "Русский язык|Литература", "5А,6А"},
};

/*
 * The other teachers of grades 5 and 6, named by a fixed stream of random
 * numbers (the cast is the same for every seed).  A subject followed by ":6"
 * is taught in grade 6 only.
 */
struct dother {
	int school;
	const char *subjects;
	int young;
};

static const struct dother other_teachers[] = {
    {0, "История|Обществознание:6", 0},
    {0, "Биология|География", 0},
    {0, "Английский язык", 0},
    {0, "Физическая культура|Технология", 0},
    {1, "История|Обществознание:6", 0},
    {1, "Биология", 0},
    {1, "География", 0},
    {1, "Английский язык", 0},
    {1, "Английский язык", 1},
    {1, "Физическая культура", 0},
    {1, "Информатика|Технология", 0},
    {2, "История|Обществознание:6", 0},
    {2, "Биология|География", 0},
    {2, "Английский язык", 0},
    {2, "Немецкий язык", 0},
    {2, "Физическая культура", 0},
    {2, "Музыка|Изобразительное искусство", 0},
    {2, "Технология", 0},
    {3, "История|Обществознание:6", 0},
    {3, "Биология|География", 0},
    {3, "Английский язык", 0},
    {3, "Физическая культура|Технология", 0},
    {4, "История|Обществознание:6|География", 0},
    {4, "Английский язык", 1},
    {4, "Физическая культура|Технология|Музыка", 0},
    {5, "История|Обществознание:6", 0},
    {5, "Биология|География", 0},
    {5, "Английский язык", 0},
    {5, "Физическая культура", 1},
    {6, "История|Обществознание:6", 0},
    {6, "Биология|География", 0},
    {6, "Английский язык", 0},
    {6, "Физическая культура|Технология", 0},
    {7, "История|Обществознание:6|Биология|География", 0},
    {7, "Английский язык|Физическая культура", 0},
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
	int school;
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

static void roster_add(struct roster *ro, int school, const char *name, int birth, int exp,
                       const char *subject, size_t sublen, const char *classes)
{
	struct rrow *r;

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
	snprintf(r->name, sizeof(r->name), "%s", name);
	r->birth = birth;
	r->exp = exp;
	snprintf(r->subject, sizeof(r->subject), "%.*s", (int)sublen, subject);
	snprintf(r->classes, sizeof(r->classes), "%s", classes);
}

/* Adds one row per subject of a '|' list; "X:6" keeps the grade-6 classes only. */
static void roster_add_subjects(struct roster *ro, int school, const char *name, int birth, int exp,
                                const char *subjects, const char *classes)
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
			roster_add(ro, school, name, birth, exp, p, (size_t)(colon - p), list);
		} else {
			roster_add(ro, school, name, birth, exp, p, len, classes);
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
	char path[4096];
	struct out *o = out_open(path_of(path, sizeof(path), dir, "roster.csv", NULL, NULL), 1);

	out_str(o, "Код ОО;Школа;Учитель;Предмет;Классы;Год рождения;Педагогический стаж");
	out_crlf(o);
	for (int i = 0; i < ro->n; i++) {
		const struct rrow *r = &ro->rows[i];

		out_str(o, codes[r->school]);
		out_byte(o, ';');
		out_str(o, names[r->school]);
		out_byte(o, ';');
		out_str(o, r->name);
		out_byte(o, ';');
		out_str(o, r->subject);
		out_byte(o, ';');
		out_str(o, r->classes);
		out_byte(o, ';');
		out_int(o, r->birth);
		out_byte(o, ';');
		out_int(o, r->exp);
		out_crlf(o);
	}
	out_close(o);
}

/* The classes of a school in grades 5 and 6: "5А,5Б,6А,6Б". */
static void school_classes(const struct dschool *s, char *buf, size_t n)
{
	buf[0] = '\0';
	for (int g = 5; g <= 6; g++)
		for (int l = 0; l < 4; l++)
			if (s->size[l])
				snprintf(buf + strlen(buf), n - strlen(buf), "%s%d%s",
				         buf[0] ? "," : "", g, LETTERS[l]);
}

/* ----------------------------------------------------- planted truths */

enum { P_DISTRICT, P_SCHOOL, P_CLASS, P_ABOVE, P_SMALL };

struct plant {
	int assess;
	int school; /* -1: every school */
	int letter; /* -1: every class of the school */
	const char *skill;
	double target; /* the success rate planted */
	int what;
};

static const struct plant plants[] = {
    /* vpr-2026-math-5 */
    {0, -1, -1, "5.1", 0.42, P_DISTRICT},
    {0, 3, -1, "1.3", 0.35, P_SCHOOL},
    {0, 1, 0, "2.1", 0.30, P_CLASS},
    {0, 1, 2, "3.1", 0.25, P_CLASS},
    {0, 2, 3, "1.2", 0.25, P_CLASS},
    {0, 6, 0, "5.1", 0.95, P_ABOVE},
    {0, 0, 1, "2.1", 0.99, P_ABOVE},
    {0, 0, 1, "2.2", 0.95, P_ABOVE},
    {0, 7, 0, "4.1", 0.35, P_SMALL},
    /* vpr-2026-rus-5 */
    {1, 2, 1, "1.1", 0.20, P_CLASS},
    {1, 1, 1, "9.1", 0.92, P_ABOVE},
    /* vpr-2027-math-6: 2.1 in 6А of edu249002 has recovered, 3.1 in 6В has not */
    {2, -1, -1, "5.1", 0.44, P_DISTRICT},
    {2, 3, -1, "1.3", 0.40, P_SCHOOL},
    {2, 1, 2, "3.1", 0.25, P_CLASS},
    {2, 6, 0, "5.1", 0.95, P_ABOVE},
    {2, 0, 1, "2.1", 0.99, P_ABOVE},
};

/* The most specific plant for a class and skill, or NULL. */
static const struct plant *plant_find(int a, int school, int letter, const char *skill)
{
	const struct plant *best = NULL;
	int best_rank = -1;

	for (int i = 0; i < NELEM(plants); i++) {
		const struct plant *p = &plants[i];
		int rank;

		if (p->assess != a || strcmp(p->skill, skill) != 0)
			continue;
		if (p->school >= 0 && p->school != school)
			continue;
		if (p->letter >= 0 && p->letter != letter)
			continue;
		rank = (p->school >= 0) + (p->letter >= 0);
		if (rank > best_rank) {
			best = p;
			best_rank = rank;
		}
	}
	return best;
}

/* --------------------------------------------------------- demo district */

#define MAXCOHORT 32
#define MAXSTUD 40
#define MAXSKILL 20

struct cohort {
	int school, letter, size;
	double ability[MAXSTUD];
};

/* points scored and possible, per assessment, cohort and skill */
static double got[NASSESS][MAXCOHORT][MAXSKILL], possible[NASSESS][MAXCOHORT][MAXSKILL];

static int skill_index(const struct assess *a, const char *code)
{
	for (int i = 0; i < a->nskills; i++)
		if (strcmp(a->skills[i].code, code) == 0)
			return i;
	return -1;
}

static double rate_of(int a, int skill, int school, int letter, const struct cohort *co, int nco)
{
	double g = 0, p = 0;

	for (int c = 0; c < nco; c++) {
		if (school >= 0 && co[c].school != school)
			continue;
		if (letter >= 0 && co[c].letter != letter)
			continue;
		g += got[a][c][skill];
		p += possible[a][c][skill];
	}
	return p > 0 ? g / p : 0;
}

static int present_of(int a, int skill, int school, int letter, const struct cohort *co, int nco,
                      const struct assess *as)
{
	/* participants = points possible / points of the skill per participant */
	double per = 0, p = 0;

	for (int t = 0; t < as->ntasks; t++) {
		const char *codes[4];
		int n = task_codes(&as->tasks[t], codes);

		for (int k = 0; k < n; k++)
			if (skill_index(as, codes[k]) == skill)
				per += as->tasks[t].max;
	}
	for (int c = 0; c < nco; c++) {
		if ((school < 0 || co[c].school == school) &&
		    (letter < 0 || co[c].letter == letter))
			p += possible[a][c][skill];
	}
	return per > 0 ? (int)(p / per + 0.5) : 0;
}

/* The teacher of SUBJECT in class GRADE+LETTER of SCHOOL. */
static const char *teacher_of(int school, const char *subject, int grade, int letter)
{
	char label[16];

	snprintf(label, sizeof(label), "%d%s", grade, LETTERS[letter]);
	for (int i = 0; i < NELEM(main_teachers); i++) {
		const struct dteacher *t = &main_teachers[i];
		const char *c = t->classes;

		if (t->school != school || strncmp(t->subjects, subject, strlen(subject)) != 0)
			continue;
		while (*c) {
			size_t len = strcspn(c, ",");

			if (len == strlen(label) && memcmp(c, label, len) == 0)
				return t->name;
			c += len;
			if (*c == ',')
				c++;
		}
	}
	return "";
}

static void write_assessments_tsv(const char *dir, const struct assess *as, int n)
{
	char path[4096];
	struct out *o =
	    out_open(path_of(path, sizeof(path), dir, "assessments.tsv", NULL, NULL), 0);

	out_str(o, "# assessment\tkind\tsubject\tgrade\tdate\tspec file\tresults directory\n");
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
		out_str(o, ".csv\tresults/");
		out_str(o, as[i].id);
		out_byte(o, '\n');
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

static void write_readme(const char *dir, unsigned long long seed, const struct cohort *co, int nco,
                         const int *students, const int *absent)
{
	char path[4096];
	struct out *o = out_open(path_of(path, sizeof(path), dir, "README.txt", NULL, NULL), 0);
	static const char *const what[] = {"deficit-district", "deficit-school", "deficit-class",
	                                   "above-class", "no-verdict"};

	out_str(o, "An invented district for mms: «Сосновский МО», 8 schools, grades 5 and 6.\n"
	           "Written by mms-gen-district --seed ");
	out_int(o, (long)seed);
	out_str(
	    o,
	    ". Nothing here is a real place, school, person or result.\n"
	    "\n"
	    "Files\n"
	    "  roster.csv                  who teaches what (Windows-1251, ';', CRLF)\n"
	    "  spec/ID.csv                 each assessment's description (UTF-8 with BOM, ';', "
	    "CRLF)\n"
	    "  results/ID/CODE.csv         ФИС ОКО «индивидуальные результаты», one file per "
	    "school\n"
	    "                              (Windows-1251, ';', CRLF, title block, decimal comma)\n"
	    "  results/ID/plain-CODE.csv   the same in a plain table (Код участника;Класс;1;2;…)\n"
	    "                              with no school in it: import it with --school CODE;\n"
	    "                              students who were absent are not listed in it\n"
	    "  assessments.tsv             assessment, kind, subject, grade, date, files\n"
	    "\n"
	    "Assessments\n");
	for (int a = 0; a < NASSESS; a++) {
		out_str(o, "  ");
		out_str(o, demo_assess[a].id);
		out_str(o, "  ");
		out_str(o, demo_assess[a].title);
		out_str(o, ", ");
		out_int(o, demo_assess[a].ntasks);
		out_str(o, " tasks, ");
		out_int(o, assess_max(&demo_assess[a]));
		out_str(o, " points, ");
		out_int(o, students[a]);
		out_str(o, " participants, ");
		out_int(o, absent[a]);
		out_str(o, " of them absent\n");
	}
	out_str(o,
	        "  vpr-2027-math-6 is written a year later by the same classes (5А of 2026 is 6А "
	        "of 2027),\n"
	        "  taught by the same teachers; most of its skill codes are those of "
	        "vpr-2026-math-5.\n"
	        "\n"
	        "Schools (grade 5 in 2026: students per class)\n");
	for (int s = 0; s < NSCHOOLS; s++) {
		out_str(o, "  ");
		out_str(o, schools[s].code);
		out_str(o, "  ");
		out_str(o, schools[s].name);
		out_str(o, ":");
		for (int l = 0; l < 4; l++) {
			if (!schools[s].size[l])
				continue;
			out_str(o, " 5");
			out_str(o, LETTERS[l]);
			out_byte(o, '=');
			out_int(o, schools[s].size[l]);
		}
		if (schools[s].plain)
			out_str(o, "  (plain layout)");
		out_byte(o, '\n');
	}
	out_str(o,
	        "\n"
	        "Planted truths\n"
	        "Success = points scored / points possible over the participants present, a task "
	        "that\n"
	        "checks two skills counting for both; a task not attempted (X, -) counts 0.  The "
	        "rates\n"
	        "below are those of the files written (\"observed\"), next to the rate planted.\n"
	        "\n");
	for (int i = 0; i < NELEM(plants); i++) {
		const struct plant *p = &plants[i];
		const struct assess *as = &demo_assess[p->assess];
		int sk = skill_index(as, p->skill);
		double obs = rate_of(p->assess, sk, p->school, p->letter, co, nco);
		double dist = rate_of(p->assess, sk, -1, -1, co, nco);
		int n = present_of(p->assess, sk, p->school, p->letter, co, nco, as);

		out_str(o, "  ");
		out_str(o, as->id);
		out_str(o, ", skill ");
		out_str(o, p->skill);
		out_str(o, " (");
		out_str(o, as->skills[sk].text);
		out_str(o, "):\n    ");
		switch (p->what) {
		case P_DISTRICT:
			out_str(o, "deficient district-wide: the district's success is ");
			out_pct(o, obs);
			out_str(o, " (level Б, below 57 % in nearly every class)");
			break;
		case P_SCHOOL:
			out_str(o, "deficient in one whole school only: ");
			out_str(o, schools[p->school].code);
			out_str(o, " ");
			out_str(o, schools[p->school].name);
			out_str(o, " has ");
			out_pct(o, obs);
			out_str(o, " (n=");
			out_int(o, n);
			out_str(o, ", both classes, two teachers) against the district's ");
			out_pct(o, dist);
			break;
		case P_CLASS:
		case P_ABOVE:
		case P_SMALL:
			out_str(o, p->what == P_CLASS ? "class-specific deficit: "
			           : p->what == P_ABOVE
			               ? "class above the district (a candidate mentor; one "
			                 "class of ~25 near the ceiling may stay below the "
			                 "corrected test's reach): "
			               : "small class, below but too few to judge: ");
			out_str(o, schools[p->school].code);
			out_str(o, " ");
			out_int(o, as->grade);
			out_str(o, LETTERS[p->letter]);
			out_str(o, " (");
			out_str(o, teacher_of(p->school, as->subject, as->grade, p->letter));
			out_str(o, ") has ");
			out_pct(o, obs);
			out_str(o, " (n=");
			out_int(o, n);
			out_str(o, ") against the district's ");
			out_pct(o, dist);
			break;
		}
		out_str(o, "\n");
	}
	out_str(o, "\n"
	           "  Follow-up from vpr-2026-math-5 to vpr-2027-math-6 (same classes, same "
	           "teachers):\n");
	{
		static const struct {
			int school, letter;
			const char *skill, *verdict;
		} fu[] = {{1, 0, "2.1", "improved"},
		          {1, 2, "3.1", "not-improved"},
		          {2, 3, "1.2", "improved"}};

		for (int i = 0; i < NELEM(fu); i++) {
			int s0 = skill_index(&demo_assess[0], fu[i].skill);
			int s2 = skill_index(&demo_assess[2], fu[i].skill);
			double before = rate_of(0, s0, fu[i].school, fu[i].letter, co, nco);
			double after = rate_of(2, s2, fu[i].school, fu[i].letter, co, nco);
			double db = rate_of(0, s0, -1, -1, co, nco);
			double da = rate_of(2, s2, -1, -1, co, nco);

			out_str(o, "    ");
			out_str(o, schools[fu[i].school].code);
			out_str(o, " 5");
			out_str(o, LETTERS[fu[i].letter]);
			out_str(o, "→6");
			out_str(o, LETTERS[fu[i].letter]);
			out_str(o, ", skill ");
			out_str(o, fu[i].skill);
			out_str(o, " (");
			out_str(o, teacher_of(fu[i].school, "Математика", 5, fu[i].letter));
			out_str(o, "): ");
			out_pct(o, before);
			out_str(o, " → ");
			out_pct(o, after);
			out_str(o, " (district ");
			out_pct(o, db);
			out_str(o, " → ");
			out_pct(o, da);
			out_str(o, "): ");
			out_str(o, fu[i].verdict);
			out_str(o, "\n");
		}
	}
	out_str(o,
	        "  The district-wide deficit (5.1) and the school-wide one (1.3 in "
	        "edu249004)\n"
	        "  persist in vpr-2027-math-6: recurrent.\n"
	        "\n"
	        "  Young teachers (born after 1992, 0-3 years of experience): Соловьёва Дарья "
	        "Андреевна\n"
	        "  (edu249002, mathematics, 5В: the deficit that did not improve), Фомина Ксения "
	        "Олеговна\n"
	        "  (edu249003, Russian, 5Б: a class-specific deficit) and two others.\n"
	        "  No other class × skill is planted: everything else is noise around the "
	        "district's rate.\n"
	        "\n"
	        "The same, one line each, for tests:\n"
	        "truth;assessment;what;school;class;skill;planted;observed;district;n;"
	        "teacher\n");
	for (int i = 0; i < NELEM(plants); i++) {
		const struct plant *p = &plants[i];
		const struct assess *as = &demo_assess[p->assess];
		int sk = skill_index(as, p->skill);

		out_str(o, "truth;");
		out_str(o, as->id);
		out_byte(o, ';');
		out_str(o, what[p->what]);
		out_byte(o, ';');
		if (p->school >= 0)
			out_str(o, schools[p->school].code);
		out_byte(o, ';');
		if (p->letter >= 0) {
			out_int(o, as->grade);
			out_str(o, LETTERS[p->letter]);
		}
		out_byte(o, ';');
		out_str(o, p->skill);
		out_byte(o, ';');
		out_rate(o, p->target);
		out_byte(o, ';');
		out_rate(o, rate_of(p->assess, sk, p->school, p->letter, co, nco));
		out_byte(o, ';');
		out_rate(o, rate_of(p->assess, sk, -1, -1, co, nco));
		out_byte(o, ';');
		out_int(o, present_of(p->assess, sk, p->school, p->letter, co, nco, as));
		out_byte(o, ';');
		if (p->letter >= 0)
			out_str(o, teacher_of(p->school, as->subject, as->grade, p->letter));
		out_byte(o, '\n');
	}
	out_str(o, "followup;vpr-2026-math-5;vpr-2027-math-6;edu249002;5А;6А;2.1;improved\n"
	           "followup;vpr-2026-math-5;vpr-2027-math-6;edu249002;5В;6В;3.1;not-improved\n"
	           "followup;vpr-2026-math-5;vpr-2027-math-6;edu249003;5Г;6Г;1.2;improved\n"
	           "\n"
	           "District success per skill (observed)\n");
	for (int a = 0; a < NASSESS; a++) {
		const struct assess *as = &demo_assess[a];

		out_str(o, "  ");
		out_str(o, as->id);
		out_str(o, ":");
		for (int s = 0; s < as->nskills; s++) {
			double p = 0;

			for (int c = 0; c < nco; c++)
				p += possible[a][c][s];
			if (p == 0)
				continue;
			out_str(o, " ");
			out_str(o, as->skills[s].code);
			out_str(o, "=");
			out_pct(o, rate_of(a, s, -1, -1, co, nco));
		}
		out_str(o, "\n");
	}
	out_close(o);
}

static void gen_demo(const char *dir, unsigned long long seed)
{
	rng cast = {0x5EED0C0FFEEULL}, r = {seed * 0x2545F4914F6CDD1DULL + 1};
	struct roster ro = {0};
	struct cohort co[MAXCOHORT];
	const char *codes[NSCHOOLS], *names[NSCHOOLS];
	char path[4096];
	int nco = 0, students[NASSESS] = {0}, absent[NASSESS] = {0};
	long code = 10000 + rng_int(&r, 0, 900);

	mkdirs(dir);
	mkdirs(path_of(path, sizeof(path), dir, "spec", NULL, NULL));
	for (int s = 0; s < NSCHOOLS; s++) {
		codes[s] = schools[s].code;
		names[s] = schools[s].name;
	}

	/* the roster: the teachers of mathematics and Russian, then the others */
	for (int s = 0; s < NSCHOOLS; s++) {
		char all[128];

		school_classes(&schools[s], all, sizeof(all));
		for (int i = 0; i < NELEM(main_teachers); i++) {
			const struct dteacher *t = &main_teachers[i];

			if (t->school == s)
				roster_add_subjects(&ro, s, t->name, t->birth, t->exp, t->subjects,
				                    t->classes);
		}
		for (int i = 0; i < NELEM(other_teachers); i++) {
			const struct dother *t = &other_teachers[i];
			char name[128];
			int birth, exp;

			if (t->school != s)
				continue;
			do
				random_name(&cast, name, sizeof(name));
			while (roster_has_name(&ro, name));
			if (t->young) {
				birth = rng_int(&cast, 1998, 2003);
				exp = rng_int(&cast, 0, 3);
			} else {
				birth = rng_int(&cast, 1962, 1990);
				exp = rng_int(&cast, 5, 2026 - birth - 22);
			}
			roster_add_subjects(&ro, s, name, birth, exp, t->subjects, all);
		}
	}
	roster_write(dir, &ro, codes, names);
	free(ro.rows);

	/* the classes and their students, who keep their ability from 5th to 6th grade */
	for (int s = 0; s < NSCHOOLS; s++)
		for (int l = 0; l < 4; l++) {
			if (!schools[s].size[l])
				continue;
			co[nco].school = s;
			co[nco].letter = l;
			co[nco].size = schools[s].size[l];
			double mean = 0;

			for (int i = 0; i < co[nco].size; i++) {
				co[nco].ability[i] = rng_normal(&r);
				mean += co[nco].ability[i] / co[nco].size;
			}
			/* classes differ by their planted rates and a small class
			 * effect, not by the luck of drawing their students */
			for (int i = 0; i < co[nco].size; i++)
				co[nco].ability[i] -= mean;
			nco++;
		}

	for (int a = 0; a < NASSESS; a++) {
		const struct assess *as = &demo_assess[a];
		double school_eff[NSCHOOLS], class_eff[MAXCOHORT];
		char sub[512];

		write_spec(dir, as);
		snprintf(sub, sizeof(sub), "results/%s", as->id);
		mkdirs(path_of(path, sizeof(path), dir, sub, NULL, NULL));
		for (int s = 0; s < NSCHOOLS; s++)
			school_eff[s] = 0.12 * rng_normal(&r);
		for (int c = 0; c < nco; c++)
			class_eff[c] = 0.12 * rng_normal(&r);
		code += rng_int(&r, 100, 900);

		for (int s = 0; s < NSCHOOLS; s++) {
			const struct dschool *sc = &schools[s];
			char file[128];
			struct out *o;

			snprintf(file, sizeof(file), "%s%s.csv", sc->plain ? "plain-" : "",
			         sc->code);
			o = out_open(path_of(path, sizeof(path), dir, sub, file, NULL), 1);
			if (sc->plain) {
				out_str(o, "Код участника;Класс");
				for (int t = 0; t < as->ntasks; t++) {
					out_byte(o, ';');
					out_str(o, as->tasks[t].label);
				}
				out_crlf(o);
			} else {
				write_results_head(o, as);
			}
			for (int c = 0; c < nco; c++) {
				double L[32];
				char klass[16];

				if (co[c].school != s)
					continue;
				snprintf(klass, sizeof(klass), "%d%s", as->grade,
				         LETTERS[co[c].letter]);
				for (int t = 0; t < as->ntasks; t++) {
					const char *tc[4];
					int n = task_codes(&as->tasks[t], tc);

					int planted = 0;

					L[t] = 0;
					for (int k = 0; k < n; k++) {
						const struct plant *p =
						    plant_find(a, s, co[c].letter, tc[k]);

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
					sh.absent = rng_unit(&r) < 0.03;
					code += rng_int(&r, 1, 7);
					students[a]++;
					if (sh.absent) {
						absent[a]++;
						if (sc->plain)
							continue;
					}
					if (!sh.absent) {
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
						out_str(o, sc->code);
						out_byte(o, ';');
						out_str(o, DISTRICT);
						out_byte(o, ';');
						out_str(o, sc->name);
						out_byte(o, '(');
						out_str(o, sc->code);
						out_byte(o, ')');
						out_byte(o, ';');
					}
					out_int(o, code);
					out_byte(o, ';');
					out_str(o, klass);
					if (!sc->plain) {
						out_byte(o, ';');
						if (sh.absent)
							out_str(o, "отсутствовал");
						else
							out_int(o, sh.variant);
					}
					write_scores(o, as, &sh, &r);
					if (!sc->plain) {
						out_byte(o, ';');
						if (!sh.absent) {
							out_half(o, sh.total, ',');
							out_byte(o, ';');
							out_int(o, sh.mark);
						} else {
							out_byte(o, ';');
						}
						out_byte(o, ';');
						out_int(o, sh.journal);
					}
					out_crlf(o);
				}
			}
			out_close(o);
		}
	}
	write_assessments_tsv(dir, demo_assess, NASSESS);
	write_readme(dir, seed, co, nco, students, absent);
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
		a->follow = 0;
		a->tasks = region_tasks[g];
		a->ntasks = R_TASKS;
		a->skills = math_skills;
		a->nskills = NELEM(math_skills);
		a->cut[0] = 0.25;
		a->cut[1] = 0.5;
		a->cut[2] = 0.75;
	}
}

static void gen_region(const char *dir, unsigned long long seed)
{
	rng r = {seed * 0x2545F4914F6CDD1DULL + 7};
	static char scode[R_SCHOOLS][16], sname[R_SCHOOLS][96], smo[R_SCHOOLS][64];
	static int nclass[R_SCHOOLS][5], csize[R_SCHOOLS][5][4];
	const char *codes[R_SCHOOLS], *names[R_SCHOOLS];
	int stem_count[NELEM(STEMS)] = {0};
	struct roster ro = {0};
	char path[4096];
	struct out *scores;
	long code = 1000000, students = 0, absent = 0, nscores = 0, files = 0;

	region_setup();
	mkdirs(dir);
	mkdirs(path_of(path, sizeof(path), dir, "spec", NULL, NULL));

	for (int s = 0; s < R_SCHOOLS; s++) {
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
	for (int s = 0; s < R_SCHOOLS; s++) {
		char name[128];

		for (int l = 0; l < nclass[s][0]; l++) {
			char cls[16];
			int birth = rng_int(&r, 1962, 2002);

			random_name(&r, name, sizeof(name));
			snprintf(cls, sizeof(cls), "4%s", LETTERS[l]);
			roster_add_subjects(&ro, s, name, birth, rng_int(&r, 0, 2026 - birth - 22),
			                    "Математика", cls);
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
			roster_add_subjects(&ro, s, name, birth, rng_int(&r, 0, 2026 - birth - 22),
			                    "Математика", cls);
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
		for (int s = 0; s < R_SCHOOLS; s++) {
			double school_eff = 0.35 * rng_normal(&r);
			char file[64];
			struct out *o;

			snprintf(file, sizeof(file), "%.15s.csv", scode[s]);
			o = out_open(path_of(path, sizeof(path), dir, sub, file, NULL), 1);
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
					out_str(o, scode[s]);
					out_byte(o, ';');
					out_str(o, smo[s]);
					out_byte(o, ';');
					out_str(o, sname[s]);
					out_byte(o, '(');
					out_str(o, scode[s]);
					out_str(o, ");");
					out_int(o, code);
					out_byte(o, ';');
					out_str(o, klass);
					out_byte(o, ';');
					if (sh.absent) {
						absent++;
						out_str(o, "отсутствовал");
						write_scores(o, as, &sh, &r);
						out_str(o, ";;;");
						out_int(o, sh.journal);
						out_crlf(o);
						continue;
					}
					out_int(o, sh.variant);
					write_scores(o, as, &sh, &r);
					out_byte(o, ';');
					out_half(o, sh.total, ',');
					out_byte(o, ';');
					out_int(o, sh.mark);
					out_byte(o, ';');
					out_int(o, sh.journal);
					out_crlf(o);
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
			out_close(o);
		}
	}
	out_close(scores);
	write_assessments_tsv(dir, region_assess, 5);
	{
		struct out *o =
		    out_open(path_of(path, sizeof(path), dir, "README.txt", NULL, NULL), 0);

		out_str(o, "An invented region for the mms benchmark, written by mms-gen-district "
		           "--region --seed ");
		out_int(o, (long)seed);
		out_str(o, ".\n\nschools ");
		out_int(o, R_SCHOOLS);
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
}

/* ------------------------------------------------------------------ main */

static const char usage[] =
    "usage: mms-gen-district [--seed N] [--region] --out DIR\n"
    "\n"
    "Writes the files of an invented district: DIR/roster.csv, DIR/spec/ID.csv,\n"
    "DIR/results/ID/CODE.csv (ФИС ОКО layout, Windows-1251), DIR/assessments.tsv\n"
    "and DIR/README.txt with the deficits planted in it.  The same seed gives the\n"
    "same bytes.\n"
    "\n"
    "options:\n"
    "  --seed N    the seed of the random numbers (default 2026)\n"
    "  --region    the benchmark's region instead: 500 schools, 5 assessments,\n"
    "              ≈150 000 students, ≈3.6 million scores, and DIR/scores.csv\n"
    "  --out DIR   where to write (created if missing)\n";

int main(int argc, char **argv)
{
	unsigned long long seed = 2026;
	const char *dir = NULL;
	int region = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(usage, stdout);
			return fflush(stdout) == 0 && !ferror(stdout) ? 0 : EX_IOERR;
		} else if (strcmp(argv[i], "--region") == 0) {
			region = 1;
		} else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
			char *end;

			errno = 0;
			seed = strtoull(argv[++i], &end, 10);
			if (errno || end == argv[i] || *end || argv[i][0] == '-') {
				fprintf(stderr, "%s: --seed '%s' is not a non-negative integer\n",
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
	if (region)
		gen_region(dir, seed);
	else
		gen_demo(dir, seed);
	return 0;
}
