/*
 * mms_codifier_import(): a codifier's codes and their own wording (the ФИПИ
 * КЭС and КТ lists, KS.xlsx and KT.xlsx as regions keep them), and the codes
 * of a codifier a description's requirements check, so that the requirement
 * 1 of grade 5 and the requirement 3 of grade 6 that both check КЭС 1.2 are
 * followed as one skill (the view skill_same).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/source.h"
#include "mms/spec.h"
#include "roster/refs.h"
#include "text.h"

static const char *const k_code[] = {"код",         "код кэс",
                                     "код кт",      "код требования",
                                     "код умения",  "код элемента",
                                     "код раздела", "код проверяемого элемента",
                                     "code",        NULL};
/* the code system of a row's code, when a file holds several */
static const char *const k_system[] = {"система кодов", "система", "кодификатор", "code system",
                                       NULL};
/* the codes of the other code system a row's code checks */
static const char *const k_links[] = {"коды кодификатора", "связанные коды", "коды кэс", "коды кт",
                                      "коды кэс/кт",       "кэс/кт",         "links",    NULL};

static int key_in(const char *key, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(key, *names) == 0)
			return 1;
	return 0;
}

struct codifier {
	mms_db *db;
	const mms_codifier_opts *o;
	mms_codifier_stats *st;
	mms_src *src;
	int64_t subject;
	int code_col, links_col, text_col, system_col;
	sqlite3_stmt *find, *add, *word, *link;
};

/* The header: a code column, the text in the column after it, links optionally. */
static int probe(void *ctx, mms_src *s)
{
	struct codifier *c = ctx;
	mms_row *row;
	int rc, rows = 0;

	while ((rc = mms_src_next(s, &row)) == 1) {
		if (mms_row_blank(row))
			continue;
		c->code_col = c->links_col = c->text_col = c->system_col = -1;
		for (size_t f = 0; f < row->n; f++) {
			char *k = row->f[f][0] ? mms_key(row->f[f]) : NULL;

			if (row->f[f][0] && !k)
				return mms_oom(c->db);
			if (k && c->system_col < 0 && key_in(k, k_system))
				c->system_col = (int)f;
			else if (k && c->code_col < 0 && key_in(k, k_code))
				c->code_col = (int)f;
			else if (k && c->links_col < 0 && key_in(k, k_links))
				c->links_col = (int)f;
			else if (k && c->text_col < 0 && c->code_col >= 0)
				c->text_col = (int)f;
			free(k);
		}
		if (c->code_col >= 0 && (c->text_col >= 0 || c->links_col >= 0)) {
			if (c->system_col < 0 && !(c->o->codes && c->o->codes[0])) {
				mms_diag_cell(
				    c->db, s, row->line, -1,
				    _("the file has no column Система кодов: give --codes "
				      "SYSTEM"));
				return MMS_EDATA;
			}
			return MMS_OK;
		}
		if (++rows >= 30)
			break;
	}
	if (rc < 0)
		return rc;
	mms_diag_cell(c->db, s, 0, -1,
	              _("unknown column set: expected a header with the columns Код and the "
	                "text of each code (and optionally Коды кодификатора)"));
	return MMS_EDATA;
}

/* "1.3 " and "2.2." are 1.3 and 2.2. */
static void clean_code(const char *in, char *out, size_t size)
{
	size_t n = 0;

	for (const char *p = in; *p && n + 1 < size; p++)
		if (*p != ' ' && *p != '\t')
			out[n++] = *p;
	while (n > 0 && out[n - 1] == '.')
		n--;
	out[n] = '\0';
}

/* The skill CODE of SYSTEM: found, or added (with TEXT as its own wording, or none). */
static int skill(struct codifier *c, long line, const char *system, const char *code,
                 const char *text, int linked, int64_t *id)
{
	int rc;

	sqlite3_bind_int64(c->find, 1, c->subject);
	sqlite3_bind_text(c->find, 2, system, -1, SQLITE_STATIC);
	sqlite3_bind_text(c->find, 3, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(c->find);
	if (rc == SQLITE_ROW) {
		const char *had = (const char *)sqlite3_column_text(c->find, 1);
		int own = sqlite3_column_int(c->find, 2) && had[0];
		char *a = mms_key(had), *b = mms_key(text);
		int differ = a && b && strcmp(a, b) != 0;

		*id = sqlite3_column_int64(c->find, 0);
		if (!a || !b) {
			free(a);
			free(b);
			sqlite3_reset(c->find);
			return mms_oom(c->db);
		}
		free(a);
		free(b);
		if (own && text[0] && differ) {
			mms_diag_cell(c->db, c->src, line, c->text_col,
			              _("code '%s' of the code system '%s' is «%s», here «%s»: a "
			                "codifier never rewords a code"),
			              code, system, had, text);
			sqlite3_reset(c->find);
			return MMS_EDATA;
		}
		sqlite3_reset(c->find);
		if (!own && text[0]) {
			sqlite3_bind_int64(c->word, 1, *id);
			sqlite3_bind_text(c->word, 2, text, -1, SQLITE_STATIC);
			c->st->worded++;
			return mms_step_done(c->db, c->word);
		}
		return MMS_OK;
	}
	sqlite3_reset(c->find);
	if (rc != SQLITE_DONE)
		return mms_fail_sql(c->db, "looking up a code");
	sqlite3_bind_int64(c->add, 1, c->subject);
	sqlite3_bind_text(c->add, 2, system, -1, SQLITE_STATIC);
	sqlite3_bind_text(c->add, 3, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(c->add, 4, text, -1, SQLITE_STATIC);
	sqlite3_bind_int(c->add, 5, text[0] != 0);
	rc = sqlite3_step(c->add);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(c->add, 0);
	while (rc == SQLITE_ROW)
		rc = sqlite3_step(c->add);
	sqlite3_reset(c->add);
	if (rc != SQLITE_DONE)
		return mms_fail_sql(c->db, "adding a code");
	c->st->added += !linked;
	return MMS_OK;
}

static int row_in(struct codifier *c, mms_row *row)
{
	char code[64];
	mms_buf text = {0};
	int64_t id = 0;
	int rc;

	clean_code((size_t)c->code_col < row->n ? row->f[c->code_col] : "", code, sizeof(code));
	if (!code[0]) {
		c->st->headings++; /* a heading of the codifier, not a code */
		return MMS_OK;
	}
	/* the text, and the words spilled into the cells after it */
	for (size_t f = c->text_col >= 0 ? (size_t)c->text_col : row->n; f < row->n; f++) {
		if ((int)f == c->links_col || !mms_trim(row->f[f])[0])
			continue;
		if (mms_buf_addf(&text, "%s%s", text.len ? " " : "", row->f[f]) != MMS_OK) {
			mms_buf_free(&text);
			return mms_oom(c->db);
		}
	}
	{
		const char *system = c->o->codes;

		if (c->system_col >= 0 && (size_t)c->system_col < row->n &&
		    mms_trim(row->f[c->system_col])[0])
			system = row->f[c->system_col];
		if (!system || !system[0]) {
			mms_diag_cell(c->db, c->src, row->line, c->system_col,
			              _("the code system of code '%s' is empty"), code);
			mms_buf_free(&text);
			return MMS_EDATA;
		}
		rc = skill(c, row->line, system, code, text.p ? text.p : "", 0, &id);
	}
	mms_buf_free(&text);
	if (rc != MMS_OK)
		return rc;
	c->st->codes++;
	if (c->links_col >= 0 && (size_t)c->links_col < row->n) {
		const char *p = row->f[c->links_col];

		while (*p) {
			size_t len = strcspn(p, ",;/\n");
			char raw[64], linked[64];
			int64_t to = 0;

			snprintf(raw, sizeof(raw), "%.*s", (int)(len < 63 ? len : 63), p);
			clean_code(raw, linked, sizeof(linked));
			if (linked[0]) {
				if (!c->o->links) {
					mms_diag_cell(
					    c->db, c->src, row->line, c->links_col,
					    _("the file links codes to another codifier: name it "
					      "with --links SYSTEM"));
					return MMS_EDATA;
				}
				rc = skill(c, row->line, c->o->links, linked, "", 1, &to);
				if (rc != MMS_OK)
					return rc;
				sqlite3_bind_int64(c->link, 1, id);
				sqlite3_bind_int64(c->link, 2, to);
				rc = mms_step_done(c->db, c->link);
				if (rc != MMS_OK)
					return rc;
				c->st->links += sqlite3_changes(c->db->sql);
			}
			p += len;
			while (*p && strchr(",;/\n", *p))
				p++;
		}
	}
	return MMS_OK;
}

int mms_codifier_import(mms_db *db, const mms_codifier_opts *o, const char *file,
                        mms_codifier_stats *st)
{
	struct codifier c = {db, o, st, NULL, 0, -1, -1, -1, -1, NULL, NULL, NULL, NULL};
	mms_row *row;
	int rc, bad = 0;

	memset(st, 0, sizeof(*st));
	mms_diag_clear(db);
	if (!o->subject || !o->subject[0])
		return mms_fail(db, MMS_EUSAGE, _("the subject is empty"));
	rc = mms_tx_begin(db);
	if (rc != MMS_OK)
		return rc;
	rc = mms_subject_ensure(db, o->subject, &c.subject);
	if (rc == MMS_OK)
		rc = mms_prepare(db, &c.find,
		                 "SELECT id, text, text_own FROM skill WHERE subject_id = ?1 "
		                 "AND system = ?2 AND code = ?3");
	if (rc == MMS_OK)
		rc =
		    mms_prepare(db, &c.add,
		                "INSERT INTO skill(subject_id, system, code, text, text_own, kind) "
		                "VALUES (?1, ?2, ?3, ?4, ?5, 'subject') RETURNING id");
	if (rc == MMS_OK)
		rc = mms_prepare(db, &c.word,
		                 "UPDATE skill SET text = ?2, text_own = 1 WHERE id = ?1");
	if (rc == MMS_OK)
		rc = mms_prepare(db, &c.link,
		                 "INSERT OR IGNORE INTO skill_link(skill_id, codifier_id) "
		                 "VALUES (?1, ?2)");
	if (rc == MMS_OK)
		rc = mms_src_open(db, file, o->encoding, o->sheet, &c.src);
	if (rc == MMS_OK)
		rc = mms_src_find(db, c.src, probe, &c);
	while (rc == MMS_OK && (rc = mms_src_next(c.src, &row)) == 1) {
		if (mms_row_blank(row))
			continue;
		rc = row_in(&c, row);
		if (rc == MMS_EDATA) {
			bad = 1;
			rc = MMS_OK;
		}
	}
	if (rc == 0 && !bad && st->codes == 0) {
		mms_diag(db, file, 0, _("the codifier has no codes"));
		bad = 1;
	}
	if (rc == 0 && bad)
		rc = mms_fail(db, MMS_EDATA, _("the codifier has errors; nothing was imported"));
	mms_src_close(c.src);
	sqlite3_finalize(c.find);
	sqlite3_finalize(c.add);
	sqlite3_finalize(c.word);
	sqlite3_finalize(c.link);
	return mms_tx_end(db, rc);
}
