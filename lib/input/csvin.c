#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/csvin.h"
#include "input/spool.h"
#include "sha256.h"
#include "text.h"

#define CHUNK 65536
#define SNIFF_LINES 64

struct mms_csv {
	mms_db *db;
	char *path;
	FILE *fp;
	enum mms_encoding enc;
	char delim;
	struct csv_parser parser;
	int parser_ready;

	/* buffered reading of physical lines */
	char *chunk;
	size_t chunk_len, chunk_pos;
	int eof;
	mms_buf line;
	long lineno;
	mms_sha256 sha;
	int sha_whole; /* sha already covers the whole file (UTF-16, converted at open) */
	int chunks;    /* chunks read so far */
	int sniffing;  /* the first lines read for their delimiter: not hashed yet */
	char eol;      /* what ends a line: '\n', or '\r' in a file of CR line ends only */

	/* records completed by the last feed */
	mms_buf arena;   /* field texts, NUL-terminated */
	size_t *offsets; /* offset of each field in the arena */
	size_t nfields, capfields;
	struct pending {
		size_t first, n;
		long line;
		int clean; /* see mms_row */
	} * rows;
	size_t nrows, caprows, nextrow;
	size_t row_first; /* first field of the record being parsed */
	int row_clean;    /* the record being parsed is clean (see mms_row; split_plain()) */
	long rec_start;
	int between; /* libcsv is between records */
	char **ptrs;
	size_t *lens; /* the row's fields' lengths */
	size_t capptrs, caplens;
	mms_row row;

	int failed; /* a callback's error: stop feeding */
	int done;
	int quoted; /* a line was for libcsv: every line after it is too (split_plain()) */
};

static void *capped_realloc(void *p, size_t n)
{
	if (n > MMS_FIELD_MAX)
		return NULL;
	return realloc(p, n);
}

static int is_space_byte(unsigned char c)
{
	return c == ' ';
}

const char *mms_csv_path(const mms_csv *c)
{
	return c->path;
}

char mms_csv_delimiter(const mms_csv *c)
{
	return c->delim;
}

enum mms_encoding mms_csv_encoding(const mms_csv *c)
{
	return c->enc;
}

void mms_csv_sha256(mms_csv *c, char hex[65])
{
	mms_sha256 copy = c->sha;

	mms_sha256_hex(&copy, hex);
}

/*
 * Whether the start of FP looks like UTF-16LE text: pairs of a non-NUL byte
 * and a high byte of Latin (0x00) or Cyrillic (0x04), some of them NULs.
 * Leaves FP where it was.
 */
static int utf16le_shape(FILE *fp)
{
	unsigned char b[512];
	long at = ftell(fp);
	size_t n, pairs = 0, good = 0, nul = 0;

	if (at < 0 || fseek(fp, 0, SEEK_SET) != 0)
		return 0;
	n = fread(b, 1, sizeof(b), fp);
	fseek(fp, at, SEEK_SET);
	for (size_t i = 0; i + 1 < n; i += 2) {
		pairs++;
		if (b[i] != 0 && (b[i + 1] == 0x00 || b[i + 1] == 0x04))
			good++;
		nul += b[i + 1] == 0;
	}
	return pairs >= 4 && nul > 0 && good * 10 >= pairs * 9;
}

/* Reads up to N raw bytes; returns the count, 0 at EOF, -1 on a read error. */
static long read_raw(mms_csv *c, char *buf, size_t n)
{
	size_t got = fread(buf, 1, n, c->fp);

	if (got < n && ferror(c->fp))
		return -1;
	return (long)got;
}

static int fail_read(mms_csv *c)
{
	return mms_fail(c->db, MMS_EOPEN, _("cannot read '%s': %s"), c->path, strerror(errno));
}

/* Reads the next physical line (with its newline) into c->line: 1, 0 at EOF, < 0. */
static int next_line(mms_csv *c)
{
	c->line.len = 0;
	for (;;) {
		if (c->chunk_pos == c->chunk_len) {
			long got;

			if (c->eof)
				break;
			got = read_raw(c, c->chunk, CHUNK);
			if (got < 0)
				return fail_read(c);
			if (got == 0) {
				c->eof = 1;
				break;
			}
			if (!c->sha_whole && !c->sniffing)
				mms_sha256_update(&c->sha, c->chunk, (size_t)got);
			c->chunk_len = (size_t)got;
			c->chunk_pos = 0;
			/* an old Mac file ends its lines with CR alone: count those */
			if (c->chunks++ == 0)
				c->eol = !memchr(c->chunk, '\n', c->chunk_len) &&
				                 memchr(c->chunk, '\r', c->chunk_len)
				             ? '\r'
				             : '\n';
		}
		const char *start = c->chunk + c->chunk_pos;
		size_t avail = c->chunk_len - c->chunk_pos;
		const char *nl = memchr(start, c->eol ? c->eol : '\n', avail);
		size_t take = nl ? (size_t)(nl - start) + 1 : avail;

		if (memchr(start, '\0', take)) {
			mms_diag(c->db, c->path, c->lineno + 1,
			         _("binary data (a NUL byte): this is not a CSV text file"));
			return MMS_EDATA;
		}
		if (c->line.len + take > MMS_LINE_MAX) {
			mms_diag(c->db, c->path, c->lineno + 1,
			         _("line longer than %d bytes: this is not a CSV text file"),
			         MMS_LINE_MAX);
			return MMS_EDATA;
		}
		if (mms_buf_add(&c->line, start, take) != MMS_OK)
			return mms_oom(c->db);
		c->chunk_pos += take;
		if (nl)
			break;
	}
	if (c->line.len == 0)
		return 0;
	c->lineno++;
	return 1;
}

/*
 * LEN bytes of DATA, decoded, added to the arena with a NUL after them: one
 * field's text, or a line's whose delimiters become its fields' NULs
 * (split_plain()).  0, or c->failed set after a diagnostic.
 */
static int add_text(mms_csv *c, const char *data, size_t len)
{
	int rc;

	if (c->enc == MMS_ENC_CP1251) {
		rc = mms_cp1251_to_utf8(data, len, &c->arena);
		if (rc == -1) {
			mms_diag(c->db, c->path, c->rec_start,
			         _("byte 0x98 is not Windows-1251 text: is the encoding right?"));
			return c->failed = MMS_EDATA;
		}
	} else {
		if (!mms_utf8_valid(data, len)) {
			mms_diag(c->db, c->path, c->rec_start,
			         _("not valid UTF-8: is the file in Windows-1251? (try --encoding "
			           "cp1251)"));
			return c->failed = MMS_EDATA;
		}
		rc = mms_buf_add(&c->arena, data ? data : "", len);
	}
	if (rc == MMS_OK && !mms_buf_room(&c->arena, 1))
		rc = MMS_ENOMEM;
	if (rc != MMS_OK)
		return c->failed = mms_oom(c->db);
	c->arena.len++; /* the text's NUL: the buffer's own, kept */
	c->arena.p[c->arena.len] = '\0';
	return 0;
}

static void field_cb(void *data, size_t len, void *ctx)
{
	mms_csv *c = ctx;
	size_t off = c->arena.len;

	if (c->failed)
		return;
	if (c->nfields - c->row_first >= MMS_FIELDS_MAX) {
		mms_diag(c->db, c->path, c->rec_start, _("more than %d fields in a row"),
		         MMS_FIELDS_MAX);
		c->failed = MMS_EDATA;
		return;
	}
	if (mms_grow((void **)&c->offsets, &c->capfields, c->nfields + 1, sizeof(size_t)) < 0) {
		c->failed = mms_oom(c->db);
		return;
	}
	if (add_text(c, data, len) == 0)
		c->offsets[c->nfields++] = off;
}

static void row_cb(int term, void *ctx)
{
	mms_csv *c = ctx;

	(void)term;
	if (c->failed)
		return;
	if (mms_grow((void **)&c->rows, &c->caprows, c->nrows + 1, sizeof(*c->rows)) < 0) {
		c->failed = mms_oom(c->db);
		return;
	}
	c->rows[c->nrows].first = c->row_first;
	c->rows[c->nrows].n = c->nfields - c->row_first;
	c->rows[c->nrows].line = c->rec_start;
	c->rows[c->nrows].clean = c->row_clean;
	c->row_clean = 0;
	c->nrows++;
	c->row_first = c->nfields;
	c->between = 1;
}

static int line_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != '\r' && s[i] != '\n' && s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

static int parse_error(mms_csv *c, int status)
{
	if (status == CSV_ENOMEM || status == CSV_ETOOBIG)
		mms_diag(c->db, c->path, c->rec_start,
		         _("a field longer than %d bytes: is a quote left open?"), MMS_FIELD_MAX);
	else
		mms_diag(c->db, c->path, c->lineno,
		         _("malformed quoting: a quote inside an unquoted field or text after a "
		           "closing quote"));
	return MMS_EDATA;
}

/*
 * Whether LEN bytes of a line in ENC can hold no character that
 * mms_text_control() finds, so that its fields need not be looked at one by
 * one: no byte below a space but a tab, no DEL, and in UTF-8 no byte that
 * begins a C1 control (C2), U+061C (D8) or a bidirectional control (E2).
 * Windows-1251 has no such character above ASCII.  A plain loop, which the
 * compiler does many bytes at a time.
 */
static int line_clean(const char *s, size_t len, enum mms_encoding enc)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char utf8 = enc != MMS_ENC_CP1251, bad = 0;

	/* bytes, not ints: sixteen to a vector */
	for (size_t i = 0; i < len; i++) {
		unsigned char b = p[i];

		bad |= (unsigned char)((b < 0x20) & (b != '\t')) | (b == 0x7F) |
		       (utf8 & ((b == 0xC2) | (b == 0xD8) | (b == 0xE2)));
	}
	return !bad;
}

/*
 * The line in c->line split into fields here, as libcsv would split it, when
 * it has no quote and no CR or LF but its newline's: its fields in the arena
 * as field_cb() puts them, its record by row_cb() (libcsv took a quarter of
 * reading a file).  As with libcsv, a line of spaces alone is no record.  1 if it
 * was; 0 if the line is libcsv's, and so is every line after it (libcsv,
 * which saw no line before, is between records: the lines here each ended
 * one).
 */
static int split_plain(mms_csv *c)
{
	const char *p = c->line.p, *end = p + c->line.len;
	size_t n = 1, first = c->arena.len; /* its fields; where its text goes */
	char *text;

	if (c->quoted)
		return 0;
	if (end > p && end[-1] == '\n')
		end--;
	if (end > p && end[-1] == '\r')
		end--;
	if (memchr(p, '"', (size_t)(end - p)) || memchr(p, '\r', (size_t)(end - p)) ||
	    memchr(p, '\n', (size_t)(end - p)) || (size_t)(end - p) > MMS_FIELD_MAX / 2) {
		/* libcsv's: quotes, a record's end within the line, or a field as long as
		   libcsv refuses */
		c->quoted = 1;
		return 0;
	}
	/* the spaces around a field, which libcsv leaves out, mms_csv_next() trims */
	while (p < end && *p == ' ')
		p++;
	if (p == end)
		return 1;
	for (const char *d = p; n <= MMS_FIELDS_MAX && (d = memchr(d, c->delim, (size_t)(end - d)));
	     d++)
		n++;
	if (n > MMS_FIELDS_MAX) {
		/* field by field, to say where the row has too many */
		for (;;) {
			const char *delim = memchr(p, c->delim, (size_t)(end - p));

			field_cb((void *)p, (size_t)((delim ? delim : end) - p), c);
			if (c->failed || !delim)
				break;
			p = delim + 1;
		}
		if (!c->failed)
			row_cb(0, c);
		return 1;
	}
	/* the line decoded at once, its delimiters (ASCII, never within a character's
	   bytes) made its fields' NULs */
	if (mms_grow((void **)&c->offsets, &c->capfields, c->nfields + n, sizeof(size_t)) < 0) {
		c->failed = mms_oom(c->db);
		return 1;
	}
	if (add_text(c, p, (size_t)(end - p)) != 0)
		return 1;
	text = c->arena.p + first;
	c->offsets[c->nfields++] = first;
	for (char *d = text, *stop = c->arena.p + c->arena.len - 1;
	     (d = memchr(d, c->delim, (size_t)(stop - d))) != NULL;) {
		*d++ = '\0';
		c->offsets[c->nfields++] = (size_t)(d - c->arena.p);
	}
	c->row_clean = line_clean(p, (size_t)(end - p), c->enc);
	row_cb(0, c);
	return 1;
}

/* Feeds lines until at least one record is complete; 1, 0 at EOF, < 0. */
static int fill(mms_csv *c)
{
	c->arena.len = 0;
	c->nfields = 0;
	c->nrows = 0;
	c->nextrow = 0;
	c->row_first = 0;
	while (c->nrows == 0) {
		int rc;

		if (c->done)
			return 0;
		rc = next_line(c);
		if (rc < 0)
			return rc;
		if (rc == 0) {
			c->done = 1;
			if (csv_fini(&c->parser, field_cb, row_cb, c) != 0) {
				mms_diag(c->db, c->path, c->rec_start,
				         _("unterminated quoted field (the quote opened here is "
				           "never closed)"));
				return MMS_EDATA;
			}
			if (c->failed)
				return c->failed;
			return c->nrows > 0;
		}
		if (c->between && !line_blank(c->line.p, c->line.len)) {
			c->rec_start = c->lineno;
			c->between = 0;
		}
		if (split_plain(c)) {
			if (c->failed)
				return c->failed;
			continue;
		}
		size_t used = csv_parse(&c->parser, c->line.p, c->line.len, field_cb, row_cb, c);

		if (c->failed)
			return c->failed;
		if (used < c->line.len)
			return parse_error(c, csv_error(&c->parser));
	}
	return 1;
}

int mms_csv_next(mms_csv *c, mms_row **row)
{
	struct pending *p;

	if (c->nextrow >= c->nrows) {
		int rc = fill(c);

		if (rc <= 0)
			return rc;
	}
	p = &c->rows[c->nextrow++];
	if (mms_grow((void **)&c->ptrs, &c->capptrs, p->n + 1, sizeof(char *)) < 0 ||
	    mms_grow((void **)&c->lens, &c->caplens, p->n + 1, sizeof(size_t)) < 0)
		return mms_oom(c->db);
	for (size_t i = 0, k = p->first; i < p->n; i++, k++) {
		/* a field's text and NUL run up to the next field's, the last to the arena's end */
		size_t end = k + 1 < c->nfields ? c->offsets[k + 1] : c->arena.len;

		c->ptrs[i] = c->arena.p + c->offsets[k];
		c->lens[i] = mms_trim_len(c->ptrs[i], end - c->offsets[k] - 1);
	}
	c->ptrs[p->n] = NULL;
	c->row.n = p->n;
	c->row.f = c->ptrs;
	c->row.line = p->line;
	c->row.clean = p->clean;
	*row = &c->row;
	return 1;
}

int mms_row_blank(const mms_row *row)
{
	for (size_t i = 0; i < row->n; i++)
		if (row->f[i][0])
			return 0;
	return 1;
}

/* UTF-16LE to UTF-8 into a temporary file, so that the rest reads UTF-8. */
static int convert_utf16(mms_csv *c, long bom)
{
	FILE *tmp = tmpfile();
	unsigned char in[CHUNK];
	unsigned pending_hi = 0;
	long lineno = 1;
	int have_odd = 0;
	unsigned char odd = 0;

	if (!tmp)
		return mms_fail(c->db, MMS_EIO, _("cannot create a temporary file: %s"),
		                strerror(errno));
	/* the hash is of the file's bytes, not of the converted text */
	mms_sha256_update(&c->sha, "\xFF\xFE", (size_t)bom);
	for (;;) {
		long got = read_raw(c, (char *)in + have_odd, sizeof(in) - 1);
		long n, i;

		if (got < 0) {
			fclose(tmp);
			return fail_read(c);
		}
		mms_sha256_update(&c->sha, in + have_odd, (size_t)got);
		if (have_odd)
			in[0] = odd;
		n = got + have_odd;
		if (got == 0) {
			if (have_odd || pending_hi) {
				fclose(tmp);
				mms_diag(c->db, c->path, lineno,
				         _("the file ends in the middle of a UTF-16 character"));
				return MMS_EDATA;
			}
			break;
		}
		have_odd = (int)(n & 1);
		if (have_odd)
			odd = in[n - 1];
		for (i = 0; i + 1 < n; i += 2) {
			unsigned u = in[i] | (unsigned)in[i + 1] << 8;
			unsigned cp;
			unsigned char out[4];
			int len;

			if (u >= 0xD800 && u <= 0xDBFF) {
				if (pending_hi)
					goto bad;
				pending_hi = u;
				continue;
			}
			if (u >= 0xDC00 && u <= 0xDFFF) {
				if (!pending_hi)
					goto bad;
				cp = 0x10000 + ((pending_hi - 0xD800) << 10) + (u - 0xDC00);
				pending_hi = 0;
			} else {
				if (pending_hi)
					goto bad;
				cp = u;
			}
			if (cp == 0) {
				fclose(tmp);
				mms_diag(
				    c->db, c->path, lineno,
				    _("binary data (a NUL byte): this is not a CSV text file"));
				return MMS_EDATA;
			}
			if (cp == '\n')
				lineno++;
			if (cp < 0x80) {
				out[0] = (unsigned char)cp;
				len = 1;
			} else if (cp < 0x800) {
				out[0] = (unsigned char)(0xC0 | cp >> 6);
				out[1] = (unsigned char)(0x80 | (cp & 0x3F));
				len = 2;
			} else if (cp < 0x10000) {
				out[0] = (unsigned char)(0xE0 | cp >> 12);
				out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
				out[2] = (unsigned char)(0x80 | (cp & 0x3F));
				len = 3;
			} else {
				out[0] = (unsigned char)(0xF0 | cp >> 18);
				out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
				out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
				out[3] = (unsigned char)(0x80 | (cp & 0x3F));
				len = 4;
			}
			if (fwrite(out, 1, (size_t)len, tmp) != (size_t)len) {
				fclose(tmp);
				return mms_fail(c->db, MMS_EIO,
				                _("cannot write a temporary file: %s"),
				                strerror(errno));
			}
		}
	}
	if (fflush(tmp) != 0 || fseek(tmp, 0, SEEK_SET) != 0) {
		fclose(tmp);
		return mms_fail(c->db, MMS_EIO, _("cannot write a temporary file: %s"),
		                strerror(errno));
	}
	fclose(c->fp);
	c->fp = tmp;
	c->sha_whole = 1;
	return MMS_OK;
bad:
	fclose(tmp);
	mms_diag(c->db, c->path, lineno, _("broken UTF-16 text (an unpaired surrogate)"));
	return MMS_EDATA;
}

/*
 * One pass over the file: 1 if it is strictly valid UTF-8 with some
 * non-ASCII byte, 0 if it is pure ASCII, -1 if it is not UTF-8; < -1 on a
 * read error.
 */
static int sniff_utf8(mms_csv *c)
{
	char buf[CHUNK + 4];
	size_t carry = 0;
	int nonascii = 0, valid = 1;

	for (;;) {
		long got = read_raw(c, buf + carry, CHUNK);
		size_t n, cut;

		if (got < 0)
			return fail_read(c) - 1;
		n = carry + (size_t)got;
		if (got == 0) {
			if (carry && !mms_utf8_valid(buf, carry))
				valid = 0;
			break;
		}
		/* keep an incomplete trailing sequence for the next chunk */
		cut = n;
		for (size_t k = 1; k <= 3 && k <= n; k++) {
			unsigned char b = (unsigned char)buf[n - k];

			if ((b & 0xC0) == 0x80)
				continue;
			if (b >= 0xC0) {
				size_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;

				if (need > k)
					cut = n - k;
			}
			break;
		}
		for (size_t i = 0; i < cut && !nonascii; i++)
			if ((unsigned char)buf[i] >= 0x80)
				nonascii = 1;
		if (valid && !mms_utf8_valid(buf, cut))
			valid = 0;
		carry = n - cut;
		memmove(buf, buf + cut, carry);
		if (!valid)
			break;
	}
	if (carry)
		nonascii = 1;
	if (!valid)
		return -1;
	return nonascii;
}

/*
 * A file that is UTF-8 but for a line (a row pasted from a Windows-1251
 * file): the number of that first line that is not UTF-8 when lines before
 * it are UTF-8 text (three letters or more beyond ASCII), else 0.  Leaves the
 * file at its start.
 */
static long mixed_utf8_line(mms_csv *c)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0, found = 0;
	int seen = 0;

	if (fseek(c->fp, 0, SEEK_SET) != 0)
		return 0;
	while (!found && (n = getline(&line, &cap, c->fp)) > 0) {
		size_t multi = 0;

		lineno++;
		if (memchr(line, '\0', (size_t)n))
			break; /* binary data: said as such when the file is read */
		if (!mms_utf8_valid(line, (size_t)n)) {
			if (seen)
				found = lineno;
			break;
		}
		for (ssize_t i = 0; i < n; i++)
			multi += ((unsigned char)line[i] & 0xC0) == 0xC0;
		seen |= multi >= 3;
	}
	free(line);
	fseek(c->fp, 0, SEEK_SET);
	return found;
}

/*
 * A line's field counts for each of the candidate delimiters ';', tab and ','
 * (in that order), quotes respected (within the line): one pass, a byte's
 * class looked up; a line without quotes, the most, by comparisons the
 * compiler does many bytes at a time.
 */
static void count_fields(const char *s, size_t n, size_t counts[3])
{
	/* 1, 2, 3: the delimiters; 4: a quote */
	static const unsigned char cls[256] = {[';'] = 1, ['\t'] = 2, [','] = 3, ['"'] = 4};
	size_t c[4] = {0};
	int inq = 0;

	if (!memchr(s, '"', n)) {
		unsigned semi = 0, tab = 0, comma = 0; /* a line is shorter than MMS_LINE_MAX */

		for (size_t i = 0; i < n; i++) {
			semi += s[i] == ';';
			tab += s[i] == '\t';
			comma += s[i] == ',';
		}
		counts[0] = (size_t)semi + 1;
		counts[1] = (size_t)tab + 1;
		counts[2] = (size_t)comma + 1;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned k = cls[(unsigned char)s[i]];

		if (k == 4)
			inq = !inq;
		else if (k && !inq)
			c[k]++;
	}
	counts[0] = c[1] + 1;
	counts[1] = c[2] + 1;
	counts[2] = c[3] + 1;
}

/*
 * The delimiter whose split gives the most lines with the same number (> 1)
 * of fields in the first lines; ties go to ';', then tab, then ','.
 */
static int sniff_delimiter(mms_csv *c, long data_start)
{
	static const char cands[3] = {';', '\t', ','};
	size_t counts[SNIFF_LINES][3];
	size_t nlines = 0;
	int best = 0;
	size_t best_score = 0;
	int rc;

	c->sniffing = 1;
	while (nlines < SNIFF_LINES && (rc = next_line(c)) == 1) {
		if (line_blank(c->line.p, c->line.len))
			continue;
		count_fields(c->line.p, c->line.len, counts[nlines]);
		nlines++;
	}
	c->sniffing = 0;
	if (rc < 0)
		return rc;
	for (int k = 0; k < 3; k++) {
		/* the most frequent field count above 1, and how often it appears */
		size_t score = 0;

		for (size_t i = 0; i < nlines; i++) {
			size_t same = 0;

			if (counts[i][k] < 2)
				continue;
			for (size_t j = 0; j < nlines; j++)
				same += counts[j][k] == counts[i][k];
			/* weigh by width: a header that splits into many columns wins */
			if (same * 64 + (counts[i][k] > 63 ? 63 : counts[i][k]) > score)
				score = same * 64 + (counts[i][k] > 63 ? 63 : counts[i][k]);
		}
		if (score > best_score) {
			best_score = score;
			best = k;
		}
	}
	c->delim = cands[best];
	/* start again from the data, hashed from the first byte (a UTF-8 BOM is
	   part of the file) */
	c->lineno = 0;
	if (!c->sha_whole)
		mms_sha256_update(&c->sha, "\xEF\xBB\xBF", (size_t)data_start);
	if (c->chunks == 1) {
		/* the lines looked at are in the one chunk read (a school's file is
		   smaller than a chunk): from its start, without reading it again */
		c->chunk_pos = 0;
		if (!c->sha_whole)
			mms_sha256_update(&c->sha, c->chunk, c->chunk_len);
		return MMS_OK;
	}
	if (fseek(c->fp, data_start, SEEK_SET) != 0)
		return fail_read(c);
	c->chunk_len = c->chunk_pos = 0;
	c->eof = 0;
	return MMS_OK;
}

int mms_csv_open(mms_db *db, const char *path, enum mms_encoding enc, mms_csv **out)
{
	mms_csv *c;
	unsigned char bom[3] = {0};
	size_t nbom;
	long data_start = 0;
	int rc;

	*out = NULL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return mms_oom(db);
	c->db = db;
	c->enc = enc;
	c->between = 1;
	c->path = strdup(path);
	c->chunk = malloc(CHUNK);
	if (!c->path || !c->chunk) {
		rc = mms_oom(db);
		goto fail;
	}
	mms_sha256_init(&c->sha);
	c->fp = mms_input_fopen(db, path, &rc);
	if (!c->fp)
		goto fail;
	nbom = fread(bom, 1, 3, c->fp);
	if (ferror(c->fp)) {
		rc = fail_read(c);
		goto fail;
	}
	if (nbom == 0) {
		mms_diag(db, path, 1, _("the file is empty"));
		rc = MMS_EDATA;
		goto fail;
	}
	if (nbom >= 2 && bom[0] == 0xFF && bom[1] == 0xFE) {
		if (enc != MMS_ENC_AUTO && enc != MMS_ENC_UTF16LE) {
			mms_diag(
			    db, path, 0,
			    _("the file is UTF-16 (Excel's \"Unicode text\"), not %s as declared"),
			    mms_encoding_name(enc));
			rc = MMS_EDATA;
			goto fail;
		}
		c->enc = MMS_ENC_UTF16LE;
		data_start = 2;
	} else if ((enc == MMS_ENC_AUTO || enc == MMS_ENC_UTF16LE) && utf16le_shape(c->fp)) {
		/* "Unicode text" saved without its byte order mark: NULs every other byte */
		c->enc = MMS_ENC_UTF16LE;
		data_start = 0;
	} else if (nbom == 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF) {
		if (enc == MMS_ENC_CP1251 || enc == MMS_ENC_UTF16LE) {
			mms_diag(db, path, 0,
			         _("the file is UTF-8 (it starts with a BOM), not %s as "
			           "declared"),
			         mms_encoding_name(enc));
			rc = MMS_EDATA;
			goto fail;
		}
		c->enc = MMS_ENC_UTF8;
		data_start = 3;
	}
	if (fseek(c->fp, data_start, SEEK_SET) != 0) {
		rc = fail_read(c);
		goto fail;
	}
	if (c->enc == MMS_ENC_UTF16LE) {
		rc = convert_utf16(c, data_start);
		if (rc != MMS_OK)
			goto fail;
		data_start = 0;
	} else if (data_start == 0) {
		int u = sniff_utf8(c);

		if (u < -1) {
			rc = MMS_EOPEN;
			goto fail;
		}
		if (enc == MMS_ENC_AUTO && u == -1) {
			long bad = mixed_utf8_line(c);

			if (bad > 0) {
				mms_diag(
				    db, path, bad,
				    _("this line is not UTF-8, though the lines before it are: a "
				      "row saved in another encoding? (--encoding cp1251 reads the "
				      "whole file as Windows-1251)"));
				rc = MMS_EDATA;
				goto fail;
			}
		}
		if (enc == MMS_ENC_AUTO)
			c->enc = u >= 0 ? MMS_ENC_UTF8 : MMS_ENC_CP1251;
		else if (enc == MMS_ENC_CP1251 && u == 1) {
			mms_diag(db, path, 0,
			         _("the file is UTF-8 text, not windows-1251 as declared"));
			rc = MMS_EDATA;
			goto fail;
		}
		if (fseek(c->fp, 0, SEEK_SET) != 0) {
			rc = fail_read(c);
			goto fail;
		}
	}
	rc = sniff_delimiter(c, data_start);
	if (rc != MMS_OK)
		goto fail;
	if (csv_init(&c->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		rc = mms_oom(db);
		goto fail;
	}
	c->parser_ready = 1;
	csv_set_delim(&c->parser, (unsigned char)c->delim);
	csv_set_space_func(&c->parser, is_space_byte);
	csv_set_realloc_func(&c->parser, capped_realloc);
	csv_set_free_func(&c->parser, free);
	csv_set_blk_size(&c->parser, 1024);
	*out = c;
	return MMS_OK;
fail:
	mms_csv_close(c);
	return rc;
}

void mms_csv_close(mms_csv *c)
{
	if (!c)
		return;
	if (c->parser_ready)
		csv_free(&c->parser);
	if (c->fp)
		fclose(c->fp);
	free(c->path);
	free(c->chunk);
	mms_buf_free(&c->line);
	mms_buf_free(&c->arena);
	free(c->offsets);
	free(c->rows);
	free(c->ptrs);
	free(c->lens);
	free(c);
}

const size_t *mms_csv_lengths(const mms_csv *c)
{
	return c->lens;
}
