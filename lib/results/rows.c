/* A results row: who (the participant, the school, the class), the marks, the cells. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "results/internal.h"
#include "roster/refs.h"
#include "sha256.h"
#include "text.h"

int rs_lookup_id(struct imp *x, sqlite3_stmt *st, int64_t *id)
{
	int rc = sqlite3_step(st);

	*id = 0;
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return mms_fail_sql(x->db, "looking up the roster");
	return MMS_OK;
}

int rs_school_by_code(struct imp *x, const char *code, int64_t *school)
{
	sqlite3_bind_text(x->find_school_code, 1, code, -1, SQLITE_STATIC);
	return rs_lookup_id(x, x->find_school_code, school);
}

/*
 * The school a name names: "МБОУ «Кириковская СОШ»(edu241000)" by the code
 * in its brackets, else by the name.
 */
static int school_by_name(struct imp *x, char *name, int64_t *school)
{
	size_t n = strlen(name);
	char *open = strrchr(name, '('), *key;
	int rc = MMS_OK;

	*school = 0;
	if (open && n > 2 && name[n - 1] == ')') {
		name[n - 1] = '\0';
		rc = rs_school_by_code(x, mms_trim(open + 1), school);
		name[n - 1] = ')';
		if (rc != MMS_OK || *school)
			return rc;
		*open = '\0';
	}
	key = mms_school_key(name);
	if (!key)
		return rs_oom(x);
	sqlite3_bind_text(x->find_school_name, 1, key, -1, SQLITE_STATIC);
	rc = rs_lookup_id(x, x->find_school_name, school);
	free(key);
	return rc;
}

int rs_resolve_school(struct imp *x, long line, int col, const char *value, int64_t *school)
{
	char *buf;
	int rc;

	if (x->last_school_value && strcmp(x->last_school_value, value) == 0) {
		*school = x->last_school;
		return MMS_OK;
	}
	*school = 0;
	buf = strdup(value);
	if (!buf)
		return rs_oom(x);
	mms_trim(buf);
	/* any of the school's codes */
	rc = rs_school_by_code(x, buf, school);
	/* "edu223017 | МБОУ "…"": a code or a name on either side of the bar */
	if (rc == MMS_OK && !*school && strchr(buf, '|')) {
		char *bar = strchr(buf, '|'), *left = buf, *right = bar + 1;

		*bar = '\0';
		mms_trim(left);
		mms_trim(right);
		rc = rs_school_by_code(x, left, school);
		if (rc == MMS_OK && !*school)
			rc = rs_school_by_code(x, right, school);
		if (rc == MMS_OK && !*school)
			rc = school_by_name(x, right, school);
		if (rc == MMS_OK && !*school)
			rc = school_by_name(x, left, school);
	} else if (rc == MMS_OK && !*school) {
		rc = school_by_name(x, buf, school);
	}
	free(buf);
	if (rc != MMS_OK)
		return rc;
	free(x->last_school_value);
	x->last_school_value = strdup(value);
	x->last_school = *school;
	if (!x->last_school_value)
		return rs_oom(x);
	(void)line;
	(void)col;
	return MMS_OK;
}

/*
 * A participant code is short (32 characters at most), has no spaces and a
 * digit, and no capitalised word: "10001", "0412-0015", "МО-05-123",
 * "edu241001-15".  A name must never be stored in its place, whatever joins
 * its parts: "Громов Иван", "Иванова.А.А.5", "Иванов-Иван-1",
 * "IvanovIvan2010" are refused.
 */
static int participant_code_valid(const char *code)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)code;
	size_t chars = 0, lower_run = 0;
	int digit = 0, capital = 0;

	/* the common code, digits only (ФИС ОКО's), without looking letters up */
	while (code[chars] >= '0' && code[chars] <= '9')
		chars++;
	if (!code[chars])
		return chars > 0 && chars <= 32;
	chars = 0;
	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
		utf8proc_category_t c;

		if (n <= 0)
			return 0;
		p += n;
		if (++chars > 32 || utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS || cp == ' ')
			return 0;
		c = utf8proc_category(cp);
		digit |= cp >= '0' && cp <= '9';
		/* a capital and three small letters after it: a name's shape */
		if (c == UTF8PROC_CATEGORY_LU) {
			capital = 1;
			lower_run = 0;
		} else if (c == UTF8PROC_CATEGORY_LL && capital) {
			if (++lower_run >= 3)
				return 0;
		} else {
			capital = 0;
			lower_run = 0;
		}
	}
	return digit;
}

/* A cell of column COL of ROW, or "" when the layout has no such column. */
static char *cell(const mms_row *row, int col)
{
	static char empty[1];

	empty[0] = '\0';
	return col >= 0 && (size_t)col < row->n ? row->f[col] : empty;
}

/* A document's part as a key without spaces: "04 12" and "0412" are one series. */
static void add_compact(mms_buf *b, const char *s)
{
	char *k = mms_key(s);

	for (const char *p = k ? k : ""; *p; p++)
		if (*p != ' ')
			mms_buf_add(b, p, 1);
	free(k);
}

/*
 * The keyed pseudonym of a protocol's participant: HMAC-SHA-256 under the
 * database's secret of the document (series and number) when the row has
 * it, else of the full name with the school and the date of birth.  The
 * same person is the same key in this database; the key says nothing of
 * the person without the secret.  MMS_EDATA when the row names no one.
 */
static int pseudonym(struct imp *x, const struct layout *L, const mms_row *row, int64_t school,
                     char out[32])
{
	const char *number = cell(row, L->ident[ID_NUMBER]);
	unsigned char d[MMS_SHA256_LEN];
	mms_buf m = {0};

	if (number[0]) {
		mms_buf_adds(&m, "doc\x1f");
		add_compact(&m, cell(row, L->ident[ID_SERIES]));
		mms_buf_adds(&m, "\x1f");
		add_compact(&m, number);
	} else {
		mms_buf name = {0};
		char *k;

		if (L->ident[ID_FULLNAME] >= 0) {
			mms_buf_adds(&name, cell(row, L->ident[ID_FULLNAME]));
		} else {
			mms_buf_addf(&name, "%s %s %s", cell(row, L->ident[ID_SURNAME]),
			             cell(row, L->ident[ID_NAME]),
			             cell(row, L->ident[ID_PATRONYMIC]));
		}
		k = mms_key(name.p ? name.p : "");
		mms_buf_free(&name);
		if (!k) {
			mms_buf_free(&m);
			return rs_oom(x);
		}
		if (!k[0]) {
			free(k);
			mms_diag_cell(x->db, x->src, row->line, -1,
			              _("the row has no participant code, name or document"));
			return MMS_EDATA;
		}
		mms_buf_addf(&m, "name\x1f%s\x1f%lld\x1f", k, (long long)school);
		add_compact(&m, cell(row, L->ident[ID_BIRTH]));
		free(k);
	}
	if (!m.p) {
		mms_buf_free(&m);
		return rs_oom(x);
	}
	mms_hmac_sha256(x->key, x->keylen, m.p, m.len, d);
	memset(m.p, 0, m.len);
	mms_buf_free(&m);
	out[0] = 'p';
	for (int i = 0; i < 12; i++)
		snprintf(out + 1 + 2 * i, 3, "%02x", d[i]);
	return MMS_OK;
}

/* A mark 2..5 (*MARK), 0 for none (empty, "нет отметки", н/я); 1 if it is neither. */
static int read_mark(const char *s, int *mark)
{
	double v;

	/* the common mark, one digit, without parsing it */
	if (s[0] >= '2' && s[0] <= '5' && !s[1]) {
		*mark = s[0] - '0';
		return 0;
	}
	*mark = 0;
	if (!s[0] || rs_is_absent_marker(s) || rs_is_not_attempted(s))
		return 0;
	if (mms_parse_number(s, &v) == 0) {
		if (v >= 2 && v <= 5 && v == (int)v) {
			*mark = (int)v;
			return 0;
		}
		return 1;
	}
	{
		char *k = mms_key(s);
		int none = k && (strcmp(k, "нет отметки") == 0 || strcmp(k, "нет") == 0 ||
		                 strcmp(k, "без отметки") == 0 || strcmp(k, "н/а") == 0);

		free(k);
		return !none;
	}
}

/* "м", "Муж.", "M" are "М"; "ж", "жен", "F" are "Ж"; NULL in *SEX for none; 1 if neither. */
static int read_sex(const char *s, const char **sex)
{
	static const char *const male[] = {"м", "м.", "муж", "муж.", "мужской", "m", "male", NULL};
	static const char *const female[] = {"ж", "ж.", "жен",    "жен.", "женский",
	                                     "f", "w",  "female", NULL};
	char *k;
	int bad = 0;

	*sex = NULL;
	if (!s[0])
		return 0;
	k = mms_key(s);
	if (k && rs_key_is(k, male))
		*sex = "М";
	else if (k && rs_key_is(k, female))
		*sex = "Ж";
	else
		bad = 1;
	free(k);
	return bad;
}

/* Whether ROW (cut short) marks its participant absent: a marker, and no score. */
static int absent_row(const struct layout *L, const mms_row *row)
{
	int marked = 0;

	for (size_t f = 0; f < row->n && f < L->ncols; f++) {
		enum col_kind k = L->cols[f].kind;

		if (!row->f[f][0] || k == C_IGNORE || k == C_PERSONAL || k == C_EXTRA)
			continue;
		if (rs_is_absent_marker(row->f[f]))
			marked = 1;
		else if (k == C_TASK || k == C_WHOLE || k == C_SHORT || k == C_LONG)
			return 0;
	}
	return marked;
}

/* A row of a school the roster does not have: left, and named in the summary. */
static int note_foreign(struct imp *x, const char *value, long line)
{
	if (!x->f_foreign++)
		x->f_first_foreign = line;
	for (size_t i = 0; i < x->nforeign; i++)
		if (strcmp(x->foreign[i].value, value) == 0) {
			x->foreign[i].rows++;
			return MMS_OK;
		}
	if (mms_grow((void **)&x->foreign, &x->foreign_cap, x->nforeign + 1, sizeof(*x->foreign)))
		return rs_oom(x);
	x->foreign[x->nforeign].value = strdup(value);
	x->foreign[x->nforeign].line = line;
	x->foreign[x->nforeign].rows = 1;
	if (!x->foreign[x->nforeign].value)
		return rs_oom(x);
	x->nforeign++;
	return MMS_OK;
}

int rs_do_row(struct imp *x, struct layout *L, mms_row *row)
{
	struct who w = {0};
	int bad = 0, nmarked = 0, nscored = 0, rc;
	const int *scored, *marks, *extra, *parsed;

	/* the first row of a layout: its columns by role, one list after another */
	if (!L->roles && (rc = rs_layout_roles(x, L)) != MMS_OK)
		return rc;
	scored = L->roles;
	marks = scored + L->nscored;
	extra = marks + L->nmarks;
	parsed = extra + L->nextra;

	/* an absent participant's row may end after its marker */
	if (row->n < L->ncols && mms_src_kind(x->src) == MMS_SRC_CSV && absent_row(L, row))
		rc = mms_src_pad(x->db, x->src, &row, L->ncols);
	else
		rc = mms_src_fit(x->db, x->src, &row, L->ncols);
	if (rc != MMS_OK)
		return rc;
	/* its cells come trimmed (mms_row), every source's */
	w.variant = cell(row, L->variant);
	w.pseudonymous = L->pseudonymous;
	w.has_mark = L->mark >= 0;
	w.has_journal = L->journal >= 0;
	w.has_sex = L->sex >= 0;

	/* absent: every task cell empty or a marker; a marker elsewhere (Вариант: отсутствовал) */
	for (size_t i = 0; i < L->nextra; i++) {
		int f = extra[i];
		const char *v = row->f[f];

		if (v[0] && !rs_is_absent_marker(v) && !rs_is_not_attempted(v)) {
			mms_diag_cell(x->db, x->src, row->line, f,
			              _("'%s' in column '%s': assessment '%s' has no such task (a "
			                "column of a task it does not have must stay empty)"),
			              v, L->cols[f].name, x->o->assessment);
			bad = 1;
		}
	}
	for (size_t i = 0; i < L->nmarks; i++) {
		int f = marks[i];
		const char *v = row->f[f];

		if (L->cols[f].kind != C_VARIANT && L->cols[f].kind != C_VARIANT2)
			nmarked += rs_is_absent_marker(v);
		else /* a test in two parts: absent only from both */
			nmarked +=
			    rs_is_absent_marker(v) &&
			    (L->variant2 < 0 || rs_is_absent_marker(cell(row, L->variant)) ==
			                            rs_is_absent_marker(cell(row, L->variant2)));
	}
	for (size_t i = 0; i < L->nscored && !nscored; i++) {
		const char *v = row->f[scored[i]];

		/* a score (a digit first: no marker's) without the call */
		nscored = (v[0] >= '0' && v[0] <= '9') || (v[0] && !rs_is_absent_marker(v));
	}
	w.absent = nscored == 0;
	if (nmarked && nscored) {
		mms_diag_cell(x->db, x->src, row->line, -1,
		              _("the row marks the participant absent but has scores"));
		return MMS_EDATA;
	}
	if (rs_is_absent_marker(w.variant))
		w.variant = L->variant2 >= 0 && !rs_is_absent_marker(cell(row, L->variant2))
		                ? cell(row, L->variant2)
		                : "";

	/* the school */
	if (L->school_code >= 0 && cell(row, L->school_code)[0])
		rc = rs_resolve_school(x, row->line, L->school_code, cell(row, L->school_code),
		                       &w.school);
	else if (L->school_name >= 0 && cell(row, L->school_name)[0])
		rc = rs_resolve_school(x, row->line, L->school_name, cell(row, L->school_name),
		                       &w.school);
	else if (x->group_value)
		w.school = x->group_school;
	else if (x->forced_school)
		w.school = x->forced_school;
	else {
		if (x->school_reported)
			return MMS_EDATA; /* said once for the file */
		x->school_reported = L->school_code < 0 && L->school_name < 0;
		if (L->school_code < 0 && L->school_name < 0)
			mms_diag_cell(
			    x->db, x->src, row->line, -1,
			    _("the file has no school column (ОО, Код ОО, логин школы, "
			      "Название ОО) nor a school's group row before this row: give "
			      "--school CODE"));
		else
			mms_diag_cell(x->db, x->src, row->line, -1, _("the school is empty"));
		return MMS_EDATA;
	}
	if (rc == MMS_OK && !w.school) {
		/* a region's file: the schools of other districts are left, and counted */
		const char *v = L->school_code >= 0 && cell(row, L->school_code)[0]
		                    ? cell(row, L->school_code)
		                    : cell(row, L->school_name);

		return note_foreign(x, v[0] ? v : x->group_value, row->line);
	}
	if (rc == MMS_OK && x->forced_school && w.school != x->forced_school) {
		mms_diag_cell(x->db, x->src, row->line, -1,
		              _("the row's school is not the school given with --school"));
		rc = MMS_EDATA;
	}
	if (rc != MMS_OK)
		return rc;

	/* who: a participant code, or the protocol's names and documents, keyed */
	if (L->pseudonymous) {
		rc = pseudonym(x, L, row, w.school, w.pseudonym);
		if (rc != MMS_OK)
			return rc;
		w.code = w.pseudonym;
	} else {
		w.code = row->f[L->code];
		if (!w.code[0]) {
			mms_diag_cell(x->db, x->src, row->line, L->code,
			              _("the participant code is empty"));
			return MMS_EDATA;
		}
		if (!participant_code_valid(w.code)) {
			/* never echo it: it may be a student's name */
			mms_diag_cell(x->db, x->src, row->line, L->code,
			              _("the participant code has spaces, a capitalised word or no "
			                "digit, like a name, or is longer than 32 characters: only "
			                "participant codes may be stored"));
			return MMS_EDATA;
		}
	}

	rc = rs_resolve_class(x, row->line, L->klass, w.school, row->f[L->klass],
	                      L->letter >= 0 ? row->f[L->letter] : NULL, w.absent, &w.klass);
	if (rc != MMS_OK)
		return rc;
	if (read_mark(cell(row, L->mark), &w.mark)) {
		mms_diag_cell(x->db, x->src, row->line, L->mark, _("the mark '%s' is not 2 to 5"),
		              cell(row, L->mark));
		bad = 1;
	}
	if (read_mark(cell(row, L->journal), &w.journal)) {
		mms_diag_cell(x->db, x->src, row->line, L->journal,
		              _("the journal's mark '%s' is not 2 to 5"), cell(row, L->journal));
		bad = 1;
	}
	if (read_sex(cell(row, L->sex), &w.sex)) {
		mms_diag_cell(x->db, x->src, row->line, L->sex, _("the sex '%s' is not М or Ж"),
		              cell(row, L->sex));
		bad = 1;
	}

	if (!w.absent) {
		if (L->shortans >= 0 || L->longans >= 0) {
			size_t next = 0;

			if (L->shortans >= 0)
				bad |= rs_parse_short(x, row->line, L->shortans,
				                      row->f[L->shortans], &next);
			if (!bad && L->longans >= 0)
				bad |= rs_parse_long(x, row->line, L->longans, row->f[L->longans],
				                     next);
			else if (!bad && next != x->ntasks) {
				mms_diag_cell(
				    x->db, x->src, row->line, -1,
				    _("the answers cover %zu tasks, assessment '%s' has %zu"), next,
				    x->o->assessment, x->ntasks);
				bad = 1;
			}
		} else {
			for (size_t i = 0; i < L->nparsed; i++) {
				int f = parsed[i];

				if (L->cols[f].kind == C_TASK)
					bad |= rs_parse_cell(x, row->line, f,
					                     (size_t)L->cols[f].task, row->f[f]);
				else
					bad |=
					    rs_parse_whole(x, row->line, f, &L->cols[f], row->f[f]);
			}
		}
		if (!bad && L->total >= 0 && row->f[L->total][0] &&
		    !rs_is_absent_marker(row->f[L->total])) {
			double total, sum = 0;

			for (size_t t = 0; t < x->ntasks; t++)
				sum += x->score[t];
			if (mms_parse_number(row->f[L->total], &total) != 0) {
				mms_diag_cell(x->db, x->src, row->line, L->total,
				              _("the primary score '%s' is not a number"),
				              row->f[L->total]);
				bad = 1;
			} else if (fabs(total - sum) > 1e-6) {
				mms_diag_cell(
				    x->db, x->src, row->line, L->total,
				    _("the primary score %g is not the sum of the task scores "
				      "%g (are the columns shifted?)"),
				    total, sum);
				bad = 1;
			}
		}
	}
	if (bad)
		return MMS_EDATA;
	rc = rs_store_row(x, &w, row->line);
	if (rc != MMS_OK)
		return rc;
	if (w.absent) {
		x->f_absent++;
	} else {
		x->f_students++;
		x->f_scores += (long)x->ntasks;
		for (size_t t = 0; t < x->ntasks; t++)
			x->st->not_attempted += !x->attempted[t];
	}
	return MMS_OK;
}
