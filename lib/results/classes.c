/*
 * Classes of a results file.  Exports write a class as its label ("5А"),
 * a letter alone ("а", the grade is the assessment's), a number and a
 * letter in two columns, "нет" (no letter: the school's only class of the
 * grade), or an ordinal ("1": the first class of the grade).  An ordinal is
 * read from --class-map or the workbook's sheet «Классы» when they have it,
 * else as the N-th class of the grade in the school by letter order; every
 * such reading is kept (mms_class_guess) for the import's summary, so that a
 * wrong one is seen.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "results/internal.h"
#include "text.h"

static int all_digits(const char *s)
{
	return s[0] && strspn(s, "0123456789") == strlen(s);
}

static int add_map(struct imp *x, int64_t school, const char *value, const char *label,
                   const char *source, int file_scoped)
{
	struct class_map *m;
	char *v = mms_key(value), *l = strdup(label);

	if (!v || !l || mms_grow((void **)&x->cmap, &x->cmap_cap, x->ncmap + 1, sizeof(*m))) {
		free(v);
		free(l);
		return rs_oom(x);
	}
	m = &x->cmap[x->ncmap++];
	m->school = school;
	m->value = v;
	m->label = l;
	m->source = source;
	m->file_scoped = file_scoped;
	return MMS_OK;
}

/* "1=5А,2=5Б" (also with ';'); the message quotes the bad item whole. */
static int parse_inline(struct imp *x, const char *map)
{
	const char *p = map;

	while (*p) {
		size_t len = strcspn(p, ",;");
		char *item = strndup(p, len), *eq;
		int rc = MMS_OK;

		if (!item)
			return rs_oom(x);
		eq = strchr(item, '=');
		if (!eq || !mms_trim(item)[0] || eq == item) {
			rc = mms_fail(
			    x->db, MMS_EUSAGE,
			    _("--class-map: '%s' is not NUMBER=CLASS (e.g. 1=5А) nor a file"),
			    mms_trim(item));
		} else {
			*eq = '\0';
			if (!mms_trim(item)[0] || !mms_trim(eq + 1)[0])
				rc = mms_fail(
				    x->db, MMS_EUSAGE,
				    _("--class-map: an item has an empty side (e.g. 1=5А)"));
			else
				rc = add_map(x, 0, mms_trim(item), mms_trim(eq + 1), "map", 0);
		}
		free(item);
		if (rc != MMS_OK)
			return rc;
		p += len;
		if (*p)
			p++;
	}
	return MMS_OK;
}

static const char *const n_map_school[] = {"Код ОО", "ОО", "Логин ОО", "Логин", "Код школы", NULL};
static const char *const n_map_number[] = {
    "Номер", "Порядковый номер класса", "Номер класса", "№ класса", "№", NULL};
static const char *const n_map_class[] = {"Класс", "Наименование класса", "Название класса", NULL};

/* A map file: Код ОО;Номер;Класс, one row a class of a school. */
static int parse_file(struct imp *x, const char *path)
{
	static const mms_column cols[] = {{n_map_school, 1}, {n_map_number, 1}, {n_map_class, 1}};
	int map[3], rc, bad = 0;
	mms_src *s = NULL;
	mms_row *row;

	rc = mms_src_open(x->db, path, x->o->encoding, NULL, &s);
	if (rc == MMS_OK)
		rc = mms_src_header(x->db, s, cols, 3, map, &row);
	if (rc != MMS_OK) {
		mms_src_close(s);
		return rc;
	}
	while ((rc = mms_src_next(s, &row)) == 1) {
		const char *code, *num, *label;
		int64_t school;

		if (mms_row_blank(row))
			continue;
		code = (size_t)map[0] < row->n ? mms_trim(row->f[map[0]]) : "";
		num = (size_t)map[1] < row->n ? mms_trim(row->f[map[1]]) : "";
		label = (size_t)map[2] < row->n ? mms_trim(row->f[map[2]]) : "";
		if (!code[0] || !num[0] || !label[0]) {
			mms_diag_cell(x->db, s, row->line, -1,
			              _("a class map row needs the school's code, the number and "
			                "the class"));
			bad = 1;
			continue;
		}
		sqlite3_bind_text(x->find_school_code, 1, code, -1, SQLITE_STATIC);
		rc = rs_lookup_id(x, x->find_school_code, &school);
		if (rc != MMS_OK)
			break;
		if (!school) {
			mms_diag_cell(x->db, s, row->line, map[0],
			              _("school '%s' is not in the roster (import it with mms "
			                "import-roster)"),
			              code);
			bad = 1;
			continue;
		}
		rc = add_map(x, school, num, label, "map", 0);
		if (rc != MMS_OK)
			break;
	}
	mms_src_close(s);
	if (rc < 0)
		return rc;
	return bad ? mms_fail(x->db, MMS_EDATA, _("the class map '%s' has errors"), path) : MMS_OK;
}

int rs_parse_class_map(struct imp *x)
{
	const char *m = x->o->class_map;

	if (!m)
		return MMS_OK;
	/* a file if there is one by that name; "1=5А" is no file name anyone has */
	if (access(m, F_OK) == 0 || !strchr(m, '='))
		return parse_file(x, m);
	return parse_inline(x, m);
}

static const char *const k_sheet_number[] = {
    "№", "номер", "порядковый номер класса", "номер класса", "№ класса", "№ п/п", NULL};
static const char *const k_sheet_class[] = {
    "класс", "наименование класса", "название класса", "имя класса", "литера", "буква", NULL};
static const char *const k_sheet_school[] = {"пользователь", "логин", "логин школы", "код оо",
                                             "оо",           "школа", NULL};

/* The columns of the sheet «Классы». */
struct class_sheet {
	int number, klass, school;
	char *last_school; /* the school of the row before, to count its classes */
	int ordinal;
	int64_t school_id;
};

/* Whether ROW is the sheet's header; fills the columns. */
static int class_sheet_header(struct imp *x, const mms_row *row, struct class_sheet *cs)
{
	cs->number = cs->klass = cs->school = -1;
	for (size_t f = 0; f < row->n; f++) {
		char *k = mms_key(row->f[f]);

		if (!k)
			return rs_oom(x);
		if (cs->number < 0 && rs_key_is(k, k_sheet_number))
			cs->number = (int)f;
		/* Буква (цифра) класса. Введите "нет" - если отсутствует */
		else if (cs->klass < 0 &&
		         (rs_key_is(k, k_sheet_class) || strncmp(k, "буква (цифра) класса",
		                                                 strlen("буква (цифра) "
		                                                        "класса")) == 0))
			cs->klass = (int)f;
		else if (cs->school < 0 && rs_key_is(k, k_sheet_school))
			cs->school = (int)f;
		free(k);
	}
	return MMS_OK;
}

/* One class of the sheet: its number is written, or its place among its school's rows. */
static int class_sheet_row(struct imp *x, const mms_row *row, struct class_sheet *cs, int *bad)
{
	const char *num = (size_t)cs->number < row->n ? mms_trim(row->f[cs->number]) : "";
	const char *label = (size_t)cs->klass < row->n ? mms_trim(row->f[cs->klass]) : "";
	const char *school = (size_t)cs->school < row->n ? mms_trim(row->f[cs->school]) : "";
	char buf[16];
	int rc;

	if (!label[0])
		return MMS_OK; /* a template's rows without a class are not classes */
	if (!cs->last_school || strcmp(cs->last_school, school) != 0) {
		free(cs->last_school);
		cs->last_school = strdup(school);
		if (!cs->last_school)
			return rs_oom(x);
		cs->ordinal = 0;
		cs->school_id = 0;
		if (school[0]) {
			rc = rs_resolve_school(x, row->line, cs->school, school, &cs->school_id);
			if (rc != MMS_OK)
				return rc;
		}
	}
	cs->ordinal++;
	if (school[0] && !cs->school_id)
		return MMS_OK; /* a school of another district */
	if (cs->number >= 0 && num[0]) {
		if (!all_digits(num)) {
			mms_diag_cell(x->db, x->src, row->line, cs->number,
			              _("the class number '%s' is not a number"), num);
			*bad = 1;
			return MMS_OK;
		}
	} else {
		snprintf(buf, sizeof(buf), "%d", cs->ordinal);
		num = buf;
	}
	return add_map(x, cs->school_id, num, label, "sheet", 1);
}

/*
 * The sheet «Классы» of a ФИС ОКО form: one row a class, the number the
 * results write (Класс № …) its place in the list, or a column of its own;
 * in a region's file a column of the school, the places counted by school.
 * Its entries hold for the file being read.
 */
int rs_read_class_sheet(struct imp *x)
{
	struct class_sheet cs = {-1, -1, -1, NULL, 0, 0};
	int sheet = -1, cur, rc, bad = 0, have_header = 0;
	mms_row *row;
	size_t i, kept = 0;

	/* the previous file's sheet is forgotten */
	for (i = 0; i < x->ncmap; i++) {
		if (x->cmap[i].file_scoped) {
			free(x->cmap[i].value);
			free(x->cmap[i].label);
		} else {
			x->cmap[kept++] = x->cmap[i];
		}
	}
	x->ncmap = kept;
	if (mms_src_kind(x->src) == MMS_SRC_CSV)
		return MMS_OK;
	for (int s = 0; s < mms_src_sheets(x->src) && sheet < 0; s++) {
		char *k = mms_key(mms_src_sheet_name(x->src, s));

		if (!k)
			return rs_oom(x);
		if (strcmp(k, "классы") == 0)
			sheet = s;
		free(k);
	}
	if (sheet < 0)
		return MMS_OK;
	cur = mms_src_sheet(x->src);
	rc = mms_src_select(x->src, sheet);
	if (rc != MMS_OK)
		return rc;
	while ((rc = mms_src_next(x->src, &row)) == 1) {
		if (mms_row_blank(row))
			continue;
		if (!have_header) {
			rc = class_sheet_header(x, row, &cs);
			if (rc != MMS_OK)
				break;
			have_header = cs.klass >= 0;
			continue;
		}
		rc = class_sheet_row(x, row, &cs, &bad);
		if (rc != MMS_OK)
			break;
	}
	free(cs.last_school);
	if (rc < 0)
		return rc;
	rc = mms_src_select(x->src, cur);
	if (rc != MMS_OK)
		return rc;
	return bad ? MMS_EDATA : MMS_OK;
}

/* The school's code, for messages and the summary (the school exists). */
static char *school_code(struct imp *x, int64_t school)
{
	const char *code = NULL;
	char *r;

	sqlite3_bind_int64(x->school_of, 1, school);
	if (sqlite3_step(x->school_of) == SQLITE_ROW)
		code = (const char *)sqlite3_column_text(x->school_of, 0);
	r = strdup(code ? code : "?");
	sqlite3_reset(x->school_of);
	return r;
}

/* A school's (and a class key's) place in a table of slots: its hash. */
static size_t slot_hash(int64_t school, const char *key)
{
	uint64_t h = (uint64_t)school * 0x9E3779B97F4A7C15u ^ (key ? mms_str_hash(key) : 0);

	return (size_t)(h ^ h >> 29);
}

/*
 * The slot of *SLOTS (CAP of them) for an entry of hash H: the first empty one
 * from H on, or the first whose entry SAME says is it (SAME(x, index, arg)).
 */
static size_t *slot_find(size_t *slots, size_t cap, size_t h,
                         int (*same)(const struct imp *, size_t, const void *), const struct imp *x,
                         const void *arg)
{
	for (size_t i = h & (cap - 1);; i = (i + 1) & (cap - 1))
		if (!slots[i] || same(x, slots[i] - 1, arg))
			return &slots[i];
}

/*
 * Entry N - 1 (of N) put in *SLOTS, which grows (doubles) when more than half
 * full: every entry put again by its hash (HASH(x, index)).  -1 when out of
 * memory.
 */
static int slot_add(size_t **slots, size_t *cap, size_t n,
                    size_t (*hash)(const struct imp *, size_t),
                    int (*same)(const struct imp *, size_t, const void *), const struct imp *x)
{
	if (n * 2 > *cap) {
		size_t ncap = *cap ? *cap * 2 : 64, *grown;

		while (n * 2 > ncap)
			ncap *= 2;
		grown = calloc(ncap, sizeof(*grown));
		if (!grown)
			return -1;
		free(*slots);
		*slots = grown;
		*cap = ncap;
		for (size_t i = 0; i + 1 < n; i++)
			*slot_find(grown, ncap, hash(x, i), same, x, NULL) = i + 1;
	}
	*slot_find(*slots, *cap, hash(x, n - 1), same, x, NULL) = n;
	return 0;
}

/* Class entry I's hash; whether it is struct class_entry ARG's school and key (NULL: none). */
static size_t class_hash(const struct imp *x, size_t i)
{
	return slot_hash(x->classes[i].school, x->classes[i].key);
}

static int class_same(const struct imp *x, size_t i, const void *arg)
{
	const struct class_entry *e = arg;

	return e && x->classes[i].school == e->school && strcmp(x->classes[i].key, e->key) == 0;
}

static size_t grade_hash(const struct imp *x, size_t i)
{
	return slot_hash(x->grades[i].school, NULL);
}

static int grade_same(const struct imp *x, size_t i, const void *arg)
{
	return arg && x->grades[i].school == *(const int64_t *)arg;
}

static int grade_list(struct imp *x, int64_t school, struct grade_list **out)
{
	struct grade_list *g;
	int rc;

	if (x->grade_slots) {
		size_t at = *slot_find(x->grade_slots, x->grade_slots_cap, slot_hash(school, NULL),
		                       grade_same, x, &school);

		if (at) {
			*out = &x->grades[at - 1];
			return MMS_OK;
		}
	}
	if (mms_grow((void **)&x->grades, &x->grades_cap, x->ngrades + 1, sizeof(*g)))
		return rs_oom(x);
	g = &x->grades[x->ngrades++];
	memset(g, 0, sizeof(*g));
	g->school = school;
	if (slot_add(&x->grade_slots, &x->grade_slots_cap, x->ngrades, grade_hash, grade_same, x))
		return rs_oom(x);
	sqlite3_bind_int64(x->grade_classes, 1, school);
	sqlite3_bind_int(x->grade_classes, 2, x->grade);
	while ((rc = sqlite3_step(x->grade_classes)) == SQLITE_ROW) {
		size_t cap = g->n;
		int64_t *id = realloc(g->id, (cap + 1) * sizeof(*id));
		char **lab;

		if (id)
			g->id = id;
		lab = id ? realloc(g->label, (cap + 1) * sizeof(*lab)) : NULL;
		if (lab)
			g->label = lab;
		if (!id || !lab ||
		    !(g->label[g->n] =
		          strdup((const char *)sqlite3_column_text(x->grade_classes, 1)))) {
			sqlite3_reset(x->grade_classes);
			return rs_oom(x);
		}
		g->id[g->n++] = sqlite3_column_int64(x->grade_classes, 0);
	}
	sqlite3_reset(x->grade_classes);
	if (rc != SQLITE_DONE)
		return mms_fail_sql(x->db, "reading the school's classes");
	*out = g;
	return MMS_OK;
}

/* "5А, 5Б" */
static void list_labels(const struct grade_list *g, mms_buf *b)
{
	for (size_t i = 0; i < g->n; i++)
		mms_buf_addf(b, "%s%s", i ? ", " : "", g->label[i]);
}

static int note_guess(struct imp *x, int64_t school, const char *value, const char *label,
                      const char *source)
{
	mms_class_guess *g;
	char *code = school_code(x, school);

	if (!code)
		return rs_oom(x);
	for (size_t i = 0; i < x->nguesses; i++) {
		g = &x->guesses[i];
		if (strcmp(g->school, code) == 0 && strcmp(g->value, value) == 0) {
			g->rows++;
			x->last_guess = (long)i;
			free(code);
			return MMS_OK;
		}
	}
	if (mms_grow((void **)&x->guesses, &x->guesses_cap, x->nguesses + 1, sizeof(*g))) {
		free(code);
		return rs_oom(x);
	}
	g = &x->guesses[x->nguesses];
	g->school = code;
	g->value = strdup(value);
	g->label = strdup(label);
	g->source = source;
	g->rows = 1;
	x->last_guess = (long)x->nguesses++;
	if (!g->value || !g->label)
		return rs_oom(x);
	return MMS_OK;
}

/* The class of a label such as "5А" in the school: its id, or 0. */
static int find_label(struct imp *x, int64_t school, const char *label, int64_t *klass)
{
	char *key = mms_class_key(label);
	int rc;

	if (!key)
		return rs_oom(x);
	if (x->class_slots) {
		struct class_entry e = {school, key, 0};
		size_t at = *slot_find(x->class_slots, x->class_slots_cap, slot_hash(school, key),
		                       class_same, x, &e);

		if (at) {
			*klass = x->classes[at - 1].id;
			free(key);
			return MMS_OK;
		}
	}
	sqlite3_bind_int64(x->find_class, 1, school);
	sqlite3_bind_text(x->find_class, 2, key, -1, SQLITE_STATIC);
	rc = rs_lookup_id(x, x->find_class, klass);
	if (rc == MMS_OK &&
	    mms_grow((void **)&x->classes, &x->classes_cap, x->nclasses + 1, sizeof(*x->classes)))
		rc = rs_oom(x);
	if (rc != MMS_OK) {
		free(key);
		return rc;
	}
	x->classes[x->nclasses].school = school;
	x->classes[x->nclasses].key = key;
	x->classes[x->nclasses].id = *klass;
	x->nclasses++;
	if (slot_add(&x->class_slots, &x->class_slots_cap, x->nclasses, class_hash, class_same, x))
		return rs_oom(x);
	return MMS_OK;
}

static const char *map_lookup(const struct imp *x, int64_t school, const char *value,
                              const char **source)
{
	const char *any = NULL, *any_source = NULL, *r = NULL;
	char *k;

	if (!x->ncmap)
		return NULL; /* no map: nothing to normalise the value for */
	k = mms_key(value);
	if (!k)
		return NULL;
	for (size_t i = 0; i < x->ncmap && !r; i++) {
		const struct class_map *m = &x->cmap[i];

		if (strcmp(m->value, k) != 0)
			continue;
		if (m->school == school) {
			r = m->label;
			*source = m->source;
		} else if (!m->school && (!any || strcmp(any_source, "sheet") == 0)) {
			/* the user's inline map before the file's sheet */
			any = m->label;
			any_source = m->source;
		}
	}
	free(k);
	if (!r && any) {
		r = any;
		*source = any_source;
	}
	return r;
}

static int is_no_letter(const char *s)
{
	char *k;
	int r;

	if (*s >= '0' && *s <= '9')
		return 0; /* a label such as 5А, the common case */
	k = mms_key(s);
	/* ytn: нет typed with the Latin layout on */
	r = k && (strcmp(k, "нет") == 0 || strcmp(k, "без литеры") == 0 ||
	          strcmp(k, "без буквы") == 0 || strcmp(k, "ytn") == 0);
	free(k);
	return r;
}

/* One or two letters and nothing else: "а", "Б", "АБ". */
static int is_letter(const char *s)
{
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		if ((*p >= '0' && *p <= '9') || *p == ' ' || *p == '-' || *p == '.')
			return 0;
		p++;
		while ((*p & 0xC0) == 0x80)
			p++;
		n++;
	}
	return n >= 1 && n <= 2;
}

/* The label the roster writes the class KLASS with ("5А" for "5а"), else WRITTEN. */
static const char *roster_label(struct imp *x, int64_t school, int64_t klass, const char *written)
{
	struct grade_list *g;

	if (grade_list(x, school, &g) != MMS_OK)
		return written;
	for (size_t i = 0; i < g->n; i++)
		if (g->id[i] == klass)
			return g->label[i];
	return written;
}

/* Diagnostics of a class the rules cannot place; MMS_EDATA. */
static int not_placed(struct imp *x, long line, int col, int64_t school, const char *shown,
                      const char *number, int no_letter)
{
	struct grade_list *g;
	mms_buf have = {0};
	char *code;
	int rc = grade_list(x, school, &g);

	if (rc != MMS_OK)
		return rc;
	code = school_code(x, school);
	list_labels(g, &have);
	if (!g->n)
		mms_diag_cell(x->db, x->src, line, col,
		              _("class '%s': school %s has no class of grade %d in the roster "
		                "(import-roster)"),
		              shown, code ? code : "?", x->grade);
	else if (no_letter)
		mms_diag_cell(
		    x->db, x->src, line, col,
		    _("class '%s' (no letter): school %s has %zu classes of grade %d (%s): "
		      "say which with --class-map FILE (Код ОО;Номер;Класс)"),
		    shown, code ? code : "?", g->n, x->grade, have.p);
	else
		mms_diag_cell(x->db, x->src, line, col,
		              _("class '%s': school %s has %zu classes of grade %d (%s), no class "
		                "number %s: say which with --class-map FILE (Код ОО;Номер;Класс)"),
		              shown, code ? code : "?", g->n, x->grade, have.p, number);
	free(code);
	mms_buf_free(&have);
	return MMS_EDATA;
}

/*
 * A class written as a label, a letter or "нет" (after a map, when one gave
 * it): SOURCE is the map's, or NULL when the file wrote LABEL itself.
 */
static int by_label(struct imp *x, long line, int col, int64_t school, const char *label,
                    const char *shown, const char *source, int64_t *klass)
{
	struct grade_list *g;
	char buf[96];
	int rc;

	if (is_no_letter(label)) {
		rc = grade_list(x, school, &g);
		if (rc != MMS_OK)
			return rc;
		if (g->n != 1)
			return not_placed(x, line, col, school, shown, label, 1);
		*klass = g->id[0];
		return note_guess(x, school, shown, g->label[0], source ? source : "only");
	}
	if (is_letter(label)) {
		snprintf(buf, sizeof(buf), "%d%.60s", x->grade, label);
		rc = find_label(x, school, buf, klass);
		if (rc != MMS_OK)
			return rc;
		if (*klass)
			return note_guess(x, school, shown, roster_label(x, school, *klass, buf),
			                  source ? source : "letter");
		mms_diag_cell(
		    x->db, x->src, line, col,
		    _("class '%s' (%s with the assessment's grade) is not in the school's "
		      "roster (import-roster)"),
		    shown, buf);
		return MMS_EDATA;
	}
	rc = find_label(x, school, label, klass);
	if (rc != MMS_OK)
		return rc;
	if (*klass)
		return source ? note_guess(x, school, shown, roster_label(x, school, *klass, label),
		                           source)
		              : MMS_OK;
	if (source)
		mms_diag_cell(x->db, x->src, line, col,
		              _("class '%s' is '%s' by the class map, which is not in the school's "
		                "roster (import-roster)"),
		              shown, label);
	else
		mms_diag_cell(x->db, x->src, line, col,
		              _("class '%s' is not in the school's roster (import-roster)"), label);
	return MMS_EDATA;
}

/*
 * The class VALUE (and LETTER) name in SCHOOL, by the rules at the top;
 * SHOWN gets the text the summary names it by.  MMS_EDATA after a
 * diagnostic.
 */
static int read_class(struct imp *x, long line, int col, int64_t school, const char *value,
                      const char *letter, int64_t *klass, char *shown, size_t nshown)
{
	struct grade_list *g;
	const char *source = NULL, *label;
	char buf[96];
	int rc;

	*klass = 0;
	/* a number and a letter in two columns: "5" and "А" are 5А */
	if (letter && letter[0]) {
		if (!all_digits(value) || strpbrk(letter, "0123456789")) {
			value = letter; /* the second column has the whole label */
			letter = NULL;
		} else if (!is_no_letter(letter)) {
			snprintf(buf, sizeof(buf), "%.40s%.40s", value, letter);
			value = buf;
			letter = NULL;
		}
	}
	snprintf(shown, nshown, "%s%s%s", value, letter ? " " : "", letter ? letter : "");
	label = map_lookup(x, school, shown, &source);
	if (!label && letter)
		label = map_lookup(x, school, value, &source);
	if (label)
		return by_label(x, line, col, school, label, shown, source, klass);
	if (letter) { /* "5" and "нет": the only class of grade 5 */
		if (atoi(value) != x->grade) {
			mms_diag_cell(x->db, x->src, line, col,
			              _("class '%s': grade %s, assessment '%s' is of grade %d"),
			              shown, value, x->o->assessment, x->grade);
			return MMS_EDATA;
		}
		return by_label(x, line, col, school, letter, shown, NULL, klass);
	}
	if (all_digits(value)) {
		int n = atoi(value);

		/* a label such as "11" in the roster is that class */
		rc = find_label(x, school, value, klass);
		if (rc != MMS_OK || *klass)
			return rc;
		rc = grade_list(x, school, &g);
		if (rc != MMS_OK)
			return rc;
		if (n == x->grade && g->n == 1) {
			*klass = g->id[0];
			return note_guess(x, school, shown, g->label[0], "only");
		}
		if (n >= 1 && (size_t)n <= g->n) {
			*klass = g->id[n - 1];
			return note_guess(x, school, shown, g->label[n - 1], "order");
		}
		return not_placed(x, line, col, school, shown, value, 0);
	}
	return by_label(x, line, col, school, value, shown, NULL, klass);
}

int rs_resolve_class(struct imp *x, long line, int col, int64_t school, const char *value,
                     const char *letter, int absent, int64_t *klass)
{
	char shown[96];
	int rc;

	*klass = 0;
	if (!value[0] && (!letter || !letter[0])) {
		if (absent)
			return MMS_OK;
		mms_diag_cell(x->db, x->src, line, col, _("the class is empty"));
		return MMS_EDATA;
	}
	if (!value[0]) {
		value = letter;
		letter = NULL;
	}
	/* rows come class by class: the same text as the last row's is the same class */
	if (x->last_class && x->last_class_school == school && x->last_class_value &&
	    strcmp(x->last_class_value, value) == 0 &&
	    strcmp(x->last_letter_value, letter ? letter : "") == 0) {
		*klass = x->last_class;
		if (x->last_guess >= 0)
			x->guesses[x->last_guess].rows++;
		return MMS_OK;
	}
	x->last_guess = -1;
	rc = read_class(x, line, col, school, value, letter, klass, shown, sizeof(shown));
	if (rc != MMS_OK)
		return rc;
	free(x->last_class_value);
	free(x->last_letter_value);
	x->last_class_value = strdup(value);
	x->last_letter_value = strdup(letter ? letter : "");
	x->last_class_school = school;
	x->last_class = x->last_class_value && x->last_letter_value ? *klass : 0;
	return MMS_OK;
}

void rs_classes_free(struct imp *x)
{
	for (size_t i = 0; i < x->ncmap; i++) {
		free(x->cmap[i].value);
		free(x->cmap[i].label);
	}
	free(x->cmap);
	for (size_t i = 0; i < x->nclasses; i++)
		free(x->classes[i].key);
	free(x->classes);
	free(x->class_slots);
	free(x->grade_slots);
	for (size_t i = 0; i < x->ngrades; i++) {
		for (size_t j = 0; j < x->grades[i].n; j++)
			free(x->grades[i].label[j]);
		free(x->grades[i].label);
		free(x->grades[i].id);
	}
	free(x->grades);
	free(x->last_class_value);
	free(x->last_letter_value);
	/* the guesses go to the caller's stats */
}

void mms_results_stats_free(mms_results_stats *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < st->nclasses; i++) {
		free(st->classes[i].school);
		free(st->classes[i].value);
		free(st->classes[i].label);
	}
	free(st->classes);
	st->classes = NULL;
	st->nclasses = 0;
	for (size_t i = 0; i < st->nblocks; i++) {
		free(st->blocks[i].file);
		free(st->blocks[i].title);
	}
	free(st->blocks);
	st->blocks = NULL;
	st->nblocks = 0;
	for (size_t i = 0; i < st->nforeign; i++)
		free(st->foreign[i]);
	free(st->foreign);
	st->foreign = NULL;
	st->nforeign = 0;
}
