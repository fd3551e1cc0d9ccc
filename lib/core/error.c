#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int mms_fail(mms_db *db, int code, const char *fmt, ...)
{
	va_list ap;

	if (!db)
		return code;
	db->code = code;
	va_start(ap, fmt);
	vsnprintf(db->errmsg, sizeof(db->errmsg), fmt, ap);
	va_end(ap);
	return code;
}

/*
 * SQLite's message for its common result codes, in the user's language; its
 * own English text for the rare ones (they name what a developer needs).
 */
const char *mms_sqlite_text(int rc, const char *msg)
{
	switch (rc & 0xff) {
	case SQLITE_NOTADB:
		return _("file is not a database");
	case SQLITE_CORRUPT:
		return _("the database file is damaged");
	case SQLITE_FULL:
		return _("the disk is full");
	case SQLITE_IOERR:
		return _("disk I/O error");
	case SQLITE_CANTOPEN:
		return _("the file cannot be opened");
	case SQLITE_READONLY:
		return _("the database is read-only");
	case SQLITE_PERM:
		return _("access denied");
	case SQLITE_CONSTRAINT:
		return _("a constraint of the database failed");
	default:
		return msg;
	}
}

int mms_oom(mms_db *db)
{
	return mms_fail(db, MMS_ENOMEM, _("out of memory"));
}

int mms_fail_readonly(mms_db *db)
{
	return mms_fail(db, MMS_EIO,
	                db->readonly == MMS_DB_DIR_READONLY
	                    ? _("database '%s' cannot be changed: its folder is read-only (what "
	                        "only reads it works; to change it, copy it to a writable "
	                        "folder and use --db)")
	                    : _("database '%s' cannot be changed: the file is read-only (what "
	                        "only reads it works; to change it, copy it to a writable "
	                        "folder and use --db)"),
	                db->path);
}

int mms_fail_sql(mms_db *db, const char *what)
{
	int rc = db->sql ? sqlite3_errcode(db->sql) : SQLITE_ERROR;
	const char *msg = mms_sqlite_text(rc, db->sql ? sqlite3_errmsg(db->sql) : "no database");

	if (db->readonly && ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN))
		return mms_fail_readonly(db);
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return mms_fail(
		    db, MMS_EBUSY,
		    _("database '%s' is busy (another mms is writing to it); try again later"),
		    db->path);
	case SQLITE_NOMEM:
		return mms_oom(db);
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_CANTOPEN:
	case SQLITE_READONLY:
		return mms_fail(db, MMS_EIO, _("cannot write database '%s': %s"), db->path, msg);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return mms_fail(db, MMS_EDB, _("database '%s' is damaged or not a database: %s"),
		                db->path, msg);
	default:
		return mms_fail(db, MMS_ERROR, _("database error while %s: %s"), _(what), msg);
	}
}

/* A message cut by a buffer's size ends where a UTF-8 character ends. */
static void utf8_cut(char *s)
{
	size_t n = strlen(s), k = n;

	/* back over the continuation bytes to the last lead byte */
	while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
		k--;
	if (k > 0 && (unsigned char)s[k - 1] >= 0xC0) {
		unsigned char lead = (unsigned char)s[k - 1];
		size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;

		if (n - (k - 1) < need)
			s[k - 1] = '\0';
	}
}

/* DB's before_diag, which cannot call itself. */
static void before_diag(mms_db *db)
{
	void (*hook)(void *) = db->before_diag;

	if (!hook)
		return;
	db->before_diag = NULL;
	hook(db->before_diag_arg);
	db->before_diag = hook;
}

void mms_diag(mms_db *db, const char *file, long line, const char *fmt, ...)
{
	char msg[900], full[1024];
	va_list ap;
	char **grown;

	before_diag(db);
	if (db->ndiag >= MMS_DIAG_MAX) {
		db->ndropped++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line > 0)
		snprintf(full, sizeof(full), "%s:%ld: %s", file, line, msg);
	else
		snprintf(full, sizeof(full), "%s: %s", file, msg);
	utf8_cut(full);
	grown = realloc(db->diags, (db->ndiag + 1) * sizeof(*grown));
	if (!grown) {
		db->ndropped++;
		return;
	}
	db->diags = grown;
	db->diags[db->ndiag] = strdup(full);
	if (db->diags[db->ndiag])
		db->ndiag++;
	else
		db->ndropped++;
}

size_t mms_diag_count(const mms_db *db)
{
	return db ? db->ndiag : 0;
}

const char *mms_diag_at(const mms_db *db, size_t i)
{
	return db && i < db->ndiag ? db->diags[i] : NULL;
}

size_t mms_diag_dropped(const mms_db *db)
{
	return db ? db->ndropped : 0;
}

void mms_diag_drop(mms_db *db, size_t from, size_t to)
{
	if (to > db->ndiag)
		to = db->ndiag;
	if (from >= to)
		return;
	for (size_t i = from; i < to; i++)
		free(db->diags[i]);
	memmove(db->diags + from, db->diags + to, (db->ndiag - to) * sizeof(*db->diags));
	db->ndiag -= to - from;
}

void mms_diag_take(mms_db *to, mms_db *from)
{
	if (from->ndiag || from->ndropped)
		before_diag(to);
	for (size_t i = 0; i < from->ndiag; i++) {
		char **grown = NULL;

		if (to->ndiag < MMS_DIAG_MAX)
			grown = realloc(to->diags, (to->ndiag + 1) * sizeof(*grown));
		if (!grown) {
			to->ndropped++;
			free(from->diags[i]);
			continue;
		}
		to->diags = grown;
		to->diags[to->ndiag++] = from->diags[i];
	}
	to->ndropped += from->ndropped;
	free(from->diags);
	from->diags = NULL;
	from->ndiag = from->ndropped = 0;
	if (from->code) {
		to->code = from->code;
		memcpy(to->errmsg, from->errmsg, sizeof(to->errmsg));
		from->code = 0;
		from->errmsg[0] = '\0';
	}
}

void mms_diag_clear(mms_db *db)
{
	size_t i;

	if (!db)
		return;
	for (i = 0; i < db->ndiag; i++)
		free(db->diags[i]);
	free(db->diags);
	db->diags = NULL;
	db->ndiag = 0;
	db->ndropped = 0;
}

const char *mms_errmsg(const mms_db *db)
{
	if (!db)
		return _("out of memory");
	return db->errmsg[0] ? db->errmsg : "";
}

int mms_errcode(const mms_db *db)
{
	return db ? db->code : MMS_ENOMEM;
}

const char *mms_version(void)
{
	return MMS_VERSION;
}

int mms_encoding_parse(const char *name, enum mms_encoding *out)
{
	static const struct {
		const char *name;
		enum mms_encoding enc;
	} names[] = {{"auto", MMS_ENC_AUTO},           {"utf-8", MMS_ENC_UTF8},
	             {"utf8", MMS_ENC_UTF8},           {"cp1251", MMS_ENC_CP1251},
	             {"windows-1251", MMS_ENC_CP1251}, {"win1251", MMS_ENC_CP1251},
	             {"1251", MMS_ENC_CP1251},         {"utf-16le", MMS_ENC_UTF16LE},
	             {"utf-16", MMS_ENC_UTF16LE},      {"utf16", MMS_ENC_UTF16LE}};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcasecmp(name, names[i].name) == 0) {
			*out = names[i].enc;
			return MMS_OK;
		}
	}
	return MMS_EUSAGE;
}

const char *mms_encoding_name(enum mms_encoding enc)
{
	switch (enc) {
	case MMS_ENC_UTF8:
		return "utf-8";
	case MMS_ENC_CP1251:
		return "windows-1251";
	case MMS_ENC_UTF16LE:
		return "utf-16le";
	default:
		return "auto";
	}
}
