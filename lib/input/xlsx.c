/*
 * Reading .xlsx workbooks (Office Open XML spreadsheets), streamed.
 *
 * The archive is read with libzip and every XML part with expat, 64 KiB at a
 * time straight from the inflater into the parser's buffer: a sheet is never
 * held in memory.  The shared strings are in memory as one arena of
 * NUL-terminated, trimmed texts plus one array of offsets.
 *
 * A sheet is read ahead on a thread of its own, started by the first
 * mms_xlsx_next() after mms_xlsx_select(): it feeds the parser until a
 * </row> holding a value completes, suspends the parser there
 * (XML_StopParser(p, XML_TRUE)), copies the row into a ring of at most 1024
 * rows and 4 MiB of their texts (MMS_XLSX_QUEUE, rows, lowers the first, for
 * tests), and resumes it.  mms_xlsx_next() takes the rows in order, waiting
 * when the ring is empty; a row's slot goes back to the reader at the next
 * call.  Until it ends, the thread alone uses the sheet's parser, its
 * member and so the archive (everything else is read by mms_xlsx_open()
 * before); select() and close() stop it (it looks between rows and while
 * waiting for room) and join it.  It never touches the database: its
 * diagnostics and error wait for mms_xlsx_next() to report them after the
 * rows before them, as reading on the caller's thread would.
 *
 * The parts are found as Excel finds them: _rels/.rels names the workbook
 * part (xl/workbook.xml when it does not), the workbook's relationships give
 * each <sheet r:id=…> its member, and the shared strings and the styles.
 * Elements and attributes are matched by their local names (expat's
 * namespace processing), so prefixed documents (<x:row>) read the same.
 *
 * Limits; a workbook past one is refused with MMS_EDATA and a diagnostic:
 *  - the inflated size of a member, counted while inflating (a declared size
 *    past the cap is refused before reading): a sheet 4 GiB, the shared
 *    strings 512 MiB, the workbook, its styles and the .rels parts 16 MiB.
 *    The environment variable MMS_XLSX_MAX_MEMBER (bytes) lowers every cap,
 *    for tests; it never raises one;
 *  - a cell's text, and a shared string, MMS_FIELD_MAX bytes; the texts of
 *    one row's cells (shared strings aside: they are not copied) 16 MiB;
 *  - MMS_FIELDS_MAX columns (A…FAN): a value further right is an error
 *    naming its cell; rows 1…1048576 and columns A…XFD as in Excel;
 *  - 4096 sheets;
 *  - XML: no DOCTYPE at all (so no entity is ever declared or expanded),
 *    elements nested at most 64 deep, no allocation of the parser over
 *    2 MiB: an XML token (a tag with its attributes, a comment) of about
 *    1 MiB or more is refused.  Text between tags is not such a token (expat
 *    hands it over in pieces); the cap also bounds the time expat 2.5 takes
 *    rescanning an unfinished token with every chunk.
 *
 * Cell values are the text the CSV path would see: strings as they are
 * (rich text runs joined, phonetic runs left out, Excel's _xHHHH_ escapes
 * decoded), numbers as Excel wrote them with its exponent forms written out
 * when short ("1E-3" is "0.001"), booleans TRUE/FALSE, errors as their text
 * ("#N/A"), a formula's cached value (never evaluated), dates as ISO
 * "YYYY-MM-DD" (" HH:MM:SS" when the time is not midnight; a time alone,
 * a serial under 1 in the 1900 date system, as "HH:MM:SS"); everything
 * trimmed of spaces and no-break spaces like the CSV path.
 */
#include <errno.h>
#include <expat.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "input/source.h"
#include "input/spool.h"
#include "input/xlsx.h"
#include "text.h"

#define CHUNK 65536
#define CAP_SHEET (UINT64_C(4) << 30)
#define CAP_SHARED (UINT64_C(512) << 20)
#define CAP_SMALL (UINT64_C(16) << 20)
#define ROW_TEXT_MAX (16 << 20)
#define SHEETS_MAX 4096
#define DEPTH_MAX 64
#define XML_ALLOC_MAX ((size_t)2 << 20)
#define NS_SEP ' '
/* The queue between the sheet's reader thread and mms_xlsx_next(). */
#define QUEUE_ROWS 1024       /* rows at most… */
#define QUEUE_BYTES (4 << 20) /* …and at most this much of their texts (one row always fits) */
#define SLOT_KEEP 4096        /* a slot's buffer larger than this is freed once read */

/* Set when the allocator below refused a request for being too large. */
static _Thread_local int xml_refused;

static void *xml_malloc(size_t n)
{
	if (n > XML_ALLOC_MAX) {
		xml_refused = 1;
		return NULL;
	}
	return malloc(n);
}

static void *xml_realloc(void *p, size_t n)
{
	if (n > XML_ALLOC_MAX) {
		xml_refused = 1;
		return NULL;
	}
	return realloc(p, n);
}

/* The workbook whose sheet this thread reads (its reader thread); NULL on others. */
static _Thread_local mms_xlsx *producing;

static const XML_Memory_Handling_Suite xml_mem = {xml_malloc, xml_realloc, free};

enum ctype { T_N, T_S, T_STR, T_INLINE, T_B, T_E, T_D };

enum { V_NONE, V_ROW, V_SHARED };

struct cellv {
	unsigned kind; /* V_… */
	size_t off;    /* in the row's texts, or the shared string's index */
};

/* What the user data of every parser starts with. */
struct xbase {
	mms_xlsx *x;
	XML_Parser p;
	const char *member; /* the part being parsed, for messages */
	const char *where;  /* the diagnostics' FILE */
	int depth;
	int failed; /* a handler's error: the parser was stopped */
};

/* A member being inflated into a parser. */
struct feed {
	zip_file_t *zf;
	const char *member;
	uint64_t cap, inflated;
	int final;     /* the last chunk was given to the parser */
	int suspended; /* the parser stopped at a row */
};

/*
 * A row in the queue: BUF holds N cell codes (uint32_t: 0 no value, 2 * (k +
 * 1) the text at offset k of the texts, 2 * (k + 1) + 1 shared string k),
 * then the row's texts, NUL-terminated.
 */
struct slot {
	char *buf;
	size_t cap, len, n;
	long line;
};

struct sheet {
	char *name;
	char *member;
	zip_uint64_t index;
};

struct mms_xlsx {
	mms_db *db;
	char *path;
	zip_t *zip;
	uint64_t cap_sheet, cap_shared, cap_small;

	struct sheet *sheets;
	int nsheets;
	int date1904;

	mms_buf shared; /* the shared strings, NUL-terminated, trimmed */
	uint32_t *shared_off;
	size_t nshared, capshared;

	unsigned char *xf_date; /* cellXfs index → 1 if its number format is a date */
	size_t nxf;

	/* the sheet being read */
	int cur;       /* -1 before the first mms_xlsx_select() */
	mms_buf where; /* "PATH:SHEET" */
	char *member;  /* its member's name */
	struct xbase sb;
	struct feed feed;
	int err; /* sticky: the sheet failed */
	int finished;
	int in_sd, in_row, in_c, in_is, in_t, rph;
	int row_r;   /* the row had its number in an r attribute */
	int collect; /* character data goes to the cell's text */
	int have_text;
	long rownum, prevrow;
	int col, nextcol;
	enum ctype type;
	long style;
	int ready; /* a row is complete: the parser is suspended after it */
	unsigned char open_el[DEPTH_MAX + 1]; /* the E_… of the open element at each depth */

	/* the reader thread and its queue (a ring of NSLOTS slots) */
	pthread_mutex_t mu;
	pthread_cond_t nonempty, nonfull;
	pthread_t thread;
	int sync;         /* MU and the conditions are initialised */
	int running;      /* THREAD is to be joined */
	int cwait, pwait; /* mms_xlsx_next() waits on NONEMPTY, the reader on NONFULL */
	atomic_int quit;  /* the reader thread is to stop */
	struct slot *slots;
	size_t nslots, qbytes_max;
	/*
	 * Counts since the thread started, slot K % NSLOTS holding row K: under
	 * MU the rows queued (FILLED, their texts' bytes BFILLED) and given back
	 * (FREED, BFREED); each side keeps its own, publishing a batch at a time.
	 */
	size_t filled, bfilled, freed, bfreed;
	size_t produced, pbytes, pfreed, pbfreed; /* the reader's */
	size_t taken, seen, released, breleased;  /* mms_xlsx_next()'s */
	int held;                                 /* slot TAKEN - 1 is the row last returned */
	int done; /* the reader thread has ended: DONE_RC and the diagnostics in PEND */
	int done_rc;
	mms_buf pend; /* the reader's diagnostics: "PLACE\0MESSAGE\0"… */

	mms_buf text;       /* the current cell's text */
	mms_buf rowtext;    /* the row's texts, NUL-terminated */
	struct cellv *cols; /* MMS_FIELDS_MAX */
	size_t rown;        /* one past the last column with a value */
	char **ptrs;        /* MMS_FIELDS_MAX + 1 */
	char empty[1];
	mms_row row;
};

/* ---------------------------------------------------------------- cell refs */

void mms_cell_ref(int col, long row, char *buf, size_t n)
{
	char letters[8];
	int k = 0;

	if (n == 0)
		return;
	if (col < 0) {
		snprintf(buf, n, "%ld", row);
		return;
	}
	for (unsigned c = (unsigned)col + 1; c > 0 && k < (int)sizeof(letters); c = (c - 1) / 26)
		letters[k++] = (char)('A' + (c - 1) % 26);
	size_t i = 0;

	while (k > 0 && i + 1 < n)
		buf[i++] = letters[--k];
	buf[i] = '\0';
	if (i + 1 < n)
		snprintf(buf + i, n - i, "%ld", row);
}

int mms_cell_parse(const char *s, int *col, long *row)
{
	long c = 0, r = 0;
	int letters = 0, digits = 0;

	for (; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'); s++) {
		if (++letters > 3)
			return -1;
		c = c * 26 + ((*s | 0x20) - 'a' + 1);
	}
	for (; *s >= '0' && *s <= '9'; s++) {
		if (++digits > 7)
			return -1;
		r = r * 10 + (*s - '0');
	}
	if (*s || letters == 0 || c > MMS_XLSX_COLS_MAX || r < 1 || r > MMS_XLSX_ROWS_MAX)
		return -1;
	*col = (int)c - 1;
	*row = r;
	return 0;
}

/* ----------------------------------------------------------------- helpers */

/* Out of memory: the reader thread leaves the message to mms_xlsx_next(). */
static int nomem(mms_xlsx *x)
{
	if (producing == x)
		return MMS_ENOMEM;
	return mms_oom(x->db);
}

static void xdiag(mms_xlsx *x, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * mms_diag() on the workbook's database; on the reader thread (which must not
 * touch the database) the diagnostic is kept, for mms_xlsx_next() to report
 * after the rows before it.
 */
static void xdiag(mms_xlsx *x, const char *file, long line, const char *fmt, ...)
{
	char msg[900];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (producing != x) {
		mms_diag(x->db, file, line, "%s", msg);
		return;
	}
	/* out of memory here: the diagnostic is lost, the error stays */
	if (mms_buf_add(&x->pend, file, strlen(file) + 1) == MMS_OK)
		mms_buf_add(&x->pend, msg, strlen(msg) + 1);
}

static const char *local(const char *name)
{
	const char *s = strrchr(name, NS_SEP);

	return s ? s + 1 : name;
}

/* The attribute NAME without a namespace. */
static const char *attr(const char **atts, const char *name)
{
	for (; atts[0]; atts += 2)
		if (strcmp(atts[0], name) == 0)
			return atts[1];
	return NULL;
}

/* The attribute with a namespace (any) and local name NAME: r:id. */
static const char *attr_ns(const char **atts, const char *name)
{
	for (; atts[0]; atts += 2)
		if (strchr(atts[0], NS_SEP) && strcmp(local(atts[0]), name) == 0)
			return atts[1];
	return NULL;
}

/* Parses decimal digits alone (at most MAXDIGITS) into *OUT; -1 otherwise. */
static int parse_digits(const char *s, int maxdigits, unsigned long long *out)
{
	unsigned long long v = 0;
	int n = 0;

	for (; *s >= '0' && *s <= '9'; s++) {
		if (++n > maxdigits)
			return -1;
		v = v * 10 + (unsigned)(*s - '0');
	}
	if (*s || n == 0)
		return -1;
	*out = v;
	return 0;
}

static size_t utf8_put(char *out, unsigned cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	out[0] = (char)(0xE0 | cp >> 12);
	out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes Excel's escapes "_xHHHH_" (e.g. _x000D_ for a carriage return) in place. */
static void decode_escapes(char *s)
{
	char *in = strstr(s, "_x"), *out;

	if (!in)
		return;
	out = in;
	while (*in) {
		if (in[0] == '_' && in[1] == 'x') {
			int h[4];
			unsigned cp = 0;
			int ok = 1;

			for (int i = 0; i < 4 && ok; i++) {
				h[i] = in[2 + i] ? hexval(in[2 + i]) : -1;
				ok = h[i] >= 0;
				if (ok)
					cp = cp << 4 | (unsigned)h[i];
			}
			if (ok && in[6] == '_' && cp != 0 && (cp < 0xD800 || cp > 0xDFFF)) {
				out += utf8_put(out, cp);
				in += 7;
				continue;
			}
		}
		*out++ = *in++;
	}
	*out = '\0';
}

/*
 * Excel's exponent form of a number written out as a plain decimal when that
 * is short: "1E-3" → "0.001", "1.00234E+5" → "100234".  Returns 1 with OUT
 * set, 0 if S is no such number or its plain form would be long.
 */
static int plain_number(const char *s, char *out, size_t n)
{
	char digits[40];
	size_t nd = 0, k = 0;
	long point = 0, e = 0;
	int neg = 0, seen_point = 0, any = 0, eneg = 0, edigits = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; (*s >= '0' && *s <= '9') || *s == '.'; s++) {
		if (*s == '.') {
			if (seen_point)
				return 0;
			seen_point = 1;
			continue;
		}
		any = 1;
		if (nd == 0 && *s == '0') { /* a leading zero */
			if (seen_point)
				point--;
			continue;
		}
		if (nd >= sizeof(digits))
			return 0;
		digits[nd++] = *s;
		if (!seen_point)
			point++;
	}
	if (!any || (*s != 'E' && *s != 'e'))
		return 0;
	s++;
	if (*s == '-' || *s == '+')
		eneg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++) {
		if (++edigits > 4)
			return 0;
		e = e * 10 + (*s - '0');
	}
	if (*s || edigits == 0)
		return 0;
	point += eneg ? -e : e;
	while (nd > 0 && digits[nd - 1] == '0')
		nd--;
	if (nd == 0) {
		if (n < 2)
			return 0;
		strcpy(out, "0");
		return 1;
	}
	/* the plain form's length: at most 20 characters and the sign */
	size_t len = point <= 0           ? 2 + (size_t)-point + nd
	             : (size_t)point > nd ? (size_t)point
	                                  : nd + (nd > (size_t)point);
	if (len > 20 || len + 2 > n)
		return 0;
	if (neg)
		out[k++] = '-';
	if (point <= 0) {
		out[k++] = '0';
		out[k++] = '.';
		for (long i = 0; i < -point; i++)
			out[k++] = '0';
		memcpy(out + k, digits, nd);
		k += nd;
	} else {
		for (long i = 0; i < point || (size_t)i < nd; i++) {
			if (i == point)
				out[k++] = '.';
			out[k++] = (size_t)i < nd ? digits[i] : '0';
		}
	}
	out[k] = '\0';
	return 1;
}

/* The civil date of DAYS since 1970-01-01 (H. Hinnant's algorithm). */
static void civil(long days, long *y, int *m, int *d)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/*
 * A date cell's serial number S (plain decimal) as ISO text in OUT (32
 * bytes); 0 if S is not a date Excel can show.
 */
static int serial_date(const char *s, int date1904, char *out, size_t n)
{
	long days = 0, y;
	double frac = 0, scale = 0.1;
	long secs;
	int m, d, nd = 0;

	for (; *s >= '0' && *s <= '9'; s++) {
		if (++nd > 7)
			return 0;
		days = days * 10 + (*s - '0');
	}
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, scale /= 10)
			frac += (*s - '0') * scale;
	if (*s || nd == 0)
		return 0;
	secs = (long)(frac * 86400 + 0.5);
	if (secs >= 86400) {
		days++;
		secs -= 86400;
	}
	if (days > (date1904 ? 2957003 : 2958465))
		return 0;
	if (!date1904 && days == 0) { /* a time of day alone */
		snprintf(out, n, "%02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60, secs % 60);
		return 1;
	}
	if (!date1904 && days == 60) { /* the day Excel's 1900 leap-year bug invents */
		y = 1900;
		m = 2;
		d = 29;
	} else if (date1904) {
		civil(days - 24107, &y, &m, &d);
	} else {
		civil(days - (days < 60 ? 25568 : 25569), &y, &m, &d);
	}
	if (secs)
		snprintf(out, n, "%04ld-%02d-%02d %02ld:%02ld:%02ld", y, m, d, secs / 3600,
		         secs / 60 % 60, secs % 60);
	else
		snprintf(out, n, "%04ld-%02d-%02d", y, m, d);
	return 1;
}

/* A t="d" cell's ISO 8601 text "2024-05-17T10:30:00Z" as "2024-05-17 10:30:00". */
static void iso_date(char *s)
{
	char *t = strchr(s, 'T');

	if (!t)
		return;
	if (strncmp(t + 1, "00:00:00", 8) == 0 && (t[9] == '\0' || t[9] == '.' || t[9] == 'Z')) {
		*t = '\0';
		return;
	}
	*t = ' ';
	if (strlen(t + 1) > 8)
		t[9] = '\0';
}

/* 1 if a number format code shows a date or time: d, m, y, h or s outside quotes and brackets. */
static int code_is_date(const char *s)
{
	if (strcmp(s, "General") == 0)
		return 0;
	for (; *s; s++) {
		switch (*s) {
		case '"':
			s = strchr(s + 1, '"');
			if (!s)
				return 0;
			break;
		case '[':
			s = strchr(s + 1, ']');
			if (!s)
				return 0;
			break;
		case '\\':
		case '_':
		case '*':
			if (s[1])
				s++;
			break;
		default: {
			char c = (char)(*s | 0x20);

			if (c == 'd' || c == 'm' || c == 'y' || c == 'h' || c == 's')
				return 1;
		}
		}
	}
	return 0;
}

static int builtin_date(long id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	       (id >= 50 && id <= 58);
}

/* -------------------------------------------------------------- XML parsing */

static void stop(struct xbase *b, int rc)
{
	if (b->failed)
		return;
	b->failed = rc;
	XML_StopParser(b->p, XML_FALSE);
}

static void doctype_cb(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
                       int internal)
{
	struct xbase *b = ud;

	xdiag(b->x, b->where, 0,
	      _("'%s' has a DOCTYPE declaration, which no workbook has (entities are not "
	        "accepted)"),
	      b->member);
	stop(b, MMS_EDATA);
}

static void entity_cb(void *ud, const XML_Char *name, int param, const XML_Char *value, int len,
                      const XML_Char *base, const XML_Char *sysid, const XML_Char *pubid,
                      const XML_Char *notation)
{
	struct xbase *b = ud;

	if (!b->failed)
		xdiag(b->x, b->where, 0, _("'%s' declares an entity, which is not accepted"),
		      b->member);
	stop(b, MMS_EDATA);
}

/* Every start handler begins here: 1 if the element is to be ignored (an error). */
static int enter(struct xbase *b)
{
	if (b->failed)
		return 1;
	if (++b->depth > DEPTH_MAX) {
		xdiag(b->x, b->where, 0,
		      _("'%s' nests XML elements more than %d deep, which no workbook does"),
		      b->member, DEPTH_MAX);
		stop(b, MMS_EDATA);
		return 1;
	}
	return 0;
}

static int parser_new(mms_xlsx *x, struct xbase *b, const char *member, const char *where,
                      XML_StartElementHandler start, XML_EndElementHandler end,
                      XML_CharacterDataHandler chars)
{
	static const XML_Char sep[] = {NS_SEP, '\0'};

	b->x = x;
	b->member = member;
	b->where = where;
	b->depth = 0;
	b->failed = 0;
	b->p = XML_ParserCreate_MM(NULL, &xml_mem, sep);
	if (!b->p)
		return nomem(x);
	XML_SetUserData(b->p, b);
	XML_SetElementHandler(b->p, start, end);
	if (chars)
		XML_SetCharacterDataHandler(b->p, chars);
	XML_SetStartDoctypeDeclHandler(b->p, doctype_cb);
	XML_SetEntityDeclHandler(b->p, entity_cb);
	XML_SetParamEntityParsing(b->p, XML_PARAM_ENTITY_PARSING_NEVER);
	return MMS_OK;
}

static void parser_free(struct xbase *b)
{
	if (b->p)
		XML_ParserFree(b->p);
	b->p = NULL;
}

/* The archive's index of member NAME (case-insensitive as a fallback); -1 if none. */
static int locate(mms_xlsx *x, const char *name, zip_uint64_t *index)
{
	zip_int64_t i = zip_name_locate(x->zip, name, 0);

	if (i < 0)
		i = zip_name_locate(x->zip, name, ZIP_FL_NOCASE);
	if (i < 0)
		return -1;
	*index = (zip_uint64_t)i;
	return 0;
}

static int feed_open(mms_xlsx *x, struct feed *f, zip_uint64_t index, const char *member,
                     uint64_t cap, const char *where)
{
	zip_stat_t st;

	memset(f, 0, sizeof(*f));
	f->member = member;
	f->cap = cap;
	zip_stat_init(&st);
	if (zip_stat_index(x->zip, index, 0, &st) != 0) {
		xdiag(x, where, 0, _("cannot read '%s' in the archive: %s"), member,
		      zip_strerror(x->zip));
		return MMS_EDATA;
	}
	if ((st.valid & ZIP_STAT_SIZE) && st.size > cap) {
		mms_diag(
		    x->db, where, 0,
		    _("'%s' inflates to %llu bytes, more than the %llu accepted (a ZIP bomb?)"),
		    member, (unsigned long long)st.size, (unsigned long long)cap);
		return MMS_EDATA;
	}
	f->zf = zip_fopen_index(x->zip, index, 0);
	if (!f->zf) {
		zip_error_t *e = zip_get_error(x->zip);

		if (zip_error_code_zip(e) == ZIP_ER_MEMORY)
			return nomem(x);
		xdiag(x, where, 0, _("cannot read '%s' in the archive: %s"), member,
		      zip_error_strerror(e));
		return MMS_EDATA;
	}
	return MMS_OK;
}

static void feed_close(struct feed *f)
{
	if (f->zf)
		zip_fclose(f->zf);
	f->zf = NULL;
}

static int xml_error(mms_xlsx *x, struct feed *f, struct xbase *b)
{
	enum XML_Error e;

	if (b->failed)
		return b->failed;
	e = XML_GetErrorCode(b->p);
	if (e == XML_ERROR_NO_MEMORY && !xml_refused)
		return nomem(x);
	if (e == XML_ERROR_NO_MEMORY) {
		xdiag(x, b->where, 0,
		      _("'%s' has an XML tag of a MiB or more at line %lu, which no workbook "
		        "has"),
		      f->member, (unsigned long)XML_GetCurrentLineNumber(b->p));
		return MMS_EDATA;
	}
	xdiag(x, b->where, 0, _("malformed XML in '%s' at line %lu, column %lu: %s"), f->member,
	      (unsigned long)XML_GetCurrentLineNumber(b->p),
	      (unsigned long)XML_GetCurrentColumnNumber(b->p) + 1, XML_ErrorString(e));
	return MMS_EDATA;
}

/*
 * One step: resumes a suspended parser or inflates the next chunk into it.
 * 1: the document is complete; 0: go on (the parser may have suspended);
 * < 0: an error, diagnosed.
 */
static int feed_step(mms_xlsx *x, struct feed *f, struct xbase *b)
{
	enum XML_Status st;

	xml_refused = 0;
	if (f->suspended) {
		st = XML_ResumeParser(b->p);
	} else {
		void *buf = XML_GetBuffer(b->p, CHUNK);
		zip_int64_t got;

		if (!buf)
			return xml_error(x, f, b);
		got = zip_fread(f->zf, buf, CHUNK);
		if (got < 0) {
			zip_error_t *e = zip_file_get_error(f->zf);

			if (zip_error_code_zip(e) == ZIP_ER_MEMORY)
				return nomem(x);
			xdiag(x, b->where, 0,
			      _("cannot read '%s' in the archive (the workbook is damaged): %s"),
			      f->member, zip_error_strerror(e));
			return MMS_EDATA;
		}
		f->inflated += (uint64_t)got;
		if (f->inflated > f->cap) {
			xdiag(x, b->where, 0,
			      _("'%s' inflates to more than the %llu bytes accepted (a ZIP "
			        "bomb?)"),
			      f->member, (unsigned long long)f->cap);
			return MMS_EDATA;
		}
		f->final = got == 0;
		st = XML_ParseBuffer(b->p, (int)got, f->final);
	}
	f->suspended = 0;
	if (st == XML_STATUS_ERROR)
		return xml_error(x, f, b);
	if (st == XML_STATUS_SUSPENDED) {
		f->suspended = 1;
		return 0;
	}
	return f->final;
}

/* Parses the whole member INDEX through B's parser. */
static int parse_member(mms_xlsx *x, zip_uint64_t index, uint64_t cap, struct xbase *b)
{
	struct feed f;
	int rc = feed_open(x, &f, index, b->member, cap, b->where);

	while (rc == MMS_OK && (rc = feed_step(x, &f, b)) == 0)
		;
	feed_close(&f);
	return rc < 0 ? rc : MMS_OK;
}

/* -------------------------------------------------------- relationships */

struct rel {
	char *id, *type, *target;
};

struct rels {
	struct xbase b;
	struct rel *v;
	size_t n, cap;
};

static void rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct rels *r = ud;
	const char *id, *type, *target, *mode;
	struct rel *e;

	if (enter(&r->b) || strcmp(local(name), "Relationship") != 0)
		return;
	id = attr(atts, "Id");
	type = attr(atts, "Type");
	target = attr(atts, "Target");
	mode = attr(atts, "TargetMode");
	if (!id || !target || (mode && strcmp(mode, "External") == 0))
		return;
	if (mms_grow((void **)&r->v, &r->cap, r->n + 1, sizeof(*r->v)) < 0) {
		stop(&r->b, nomem(r->b.x));
		return;
	}
	e = &r->v[r->n];
	e->id = strdup(id);
	e->type = strdup(type ? type : "");
	e->target = strdup(target);
	r->n++;
	if (!e->id || !e->type || !e->target)
		stop(&r->b, nomem(r->b.x));
}

static void any_end(void *ud, const XML_Char *name)
{
	struct xbase *b = ud;

	b->depth--;
}

static void rels_free(struct rels *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].id);
		free(r->v[i].type);
		free(r->v[i].target);
	}
	free(r->v);
	parser_free(&r->b);
}

static int rel_cmp(const void *a, const void *b)
{
	return strcmp(((const struct rel *)a)->id, ((const struct rel *)b)->id);
}

/* Reads the relationships part NAME into R (sorted by Id); a missing part gives none. */
static int rels_read(mms_xlsx *x, const char *name, struct rels *r)
{
	zip_uint64_t index;
	int rc;

	memset(r, 0, sizeof(*r));
	if (locate(x, name, &index) < 0)
		return MMS_OK;
	rc = parser_new(x, &r->b, name, x->path, rels_start, any_end, NULL);
	if (rc == MMS_OK)
		rc = parse_member(x, index, x->cap_small, &r->b);
	parser_free(&r->b);
	if (rc == MMS_OK && r->n)
		qsort(r->v, r->n, sizeof(*r->v), rel_cmp);
	return rc;
}

static const struct rel *rel_by_id(const struct rels *r, const char *id)
{
	struct rel key = {.id = (char *)id};

	if (!r->n)
		return NULL;
	return bsearch(&key, r->v, r->n, sizeof(*r->v), rel_cmp);
}

/* The first relationship whose type ends in "/SUFFIX" (in Id order). */
static const struct rel *rel_by_type(const struct rels *r, const char *suffix)
{
	size_t n = strlen(suffix);

	for (size_t i = 0; i < r->n; i++) {
		size_t len = strlen(r->v[i].type);

		if (len > n && r->v[i].type[len - n - 1] == '/' &&
		    strcmp(r->v[i].type + len - n, suffix) == 0)
			return &r->v[i];
	}
	return NULL;
}

/*
 * The member a relationship's TARGET names from a part in folder BASE ("xl/",
 * "" at the root): relative, or absolute from the root ("/xl/…"); "." and
 * ".." resolved.  NULL when out of memory.
 */
static char *resolve(const char *base, const char *target)
{
	mms_buf in = {0}, out = {0};
	const char *s;
	int rc = MMS_OK;

	if (target[0] != '/')
		rc = mms_buf_adds(&in, base);
	if (rc == MMS_OK)
		rc = mms_buf_adds(&in, target);
	if (rc == MMS_OK)
		rc = mms_buf_add(&out, "", 0);
	for (s = in.p; rc == MMS_OK && s && *s;) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);

		if (n == 2 && s[0] == '.' && s[1] == '.') {
			while (out.len > 0 && out.p[out.len - 1] != '/')
				out.len--;
			if (out.len > 0)
				out.len--; /* the slash before the folder left */
			out.p[out.len] = '\0';
		} else if (n > 0 && !(n == 1 && s[0] == '.')) {
			if (out.len)
				rc = mms_buf_add(&out, "/", 1);
			if (rc == MMS_OK)
				rc = mms_buf_add(&out, s, n);
		}
		s += n;
		if (*s == '/')
			s++;
	}
	mms_buf_free(&in);
	if (rc != MMS_OK) {
		mms_buf_free(&out);
		return NULL;
	}
	return out.p;
}

/* ------------------------------------------------------------------ workbook */

struct wbsheet {
	char *name, *rid;
};

struct wbp {
	struct xbase b;
	struct wbsheet *v;
	size_t n, cap;
	int date1904;
};

static void wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct wbp *w = ud;
	const char *l = local(name);

	if (enter(&w->b))
		return;
	if (strcmp(l, "workbookPr") == 0) {
		const char *v = attr(atts, "date1904");

		w->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	} else if (strcmp(l, "sheet") == 0) {
		const char *sname = attr(atts, "name"), *rid = attr_ns(atts, "id");

		if (w->n >= SHEETS_MAX) {
			mms_diag(w->b.x->db, w->b.where, 0,
			         _("more than %d sheets in the workbook"), SHEETS_MAX);
			stop(&w->b, MMS_EDATA);
			return;
		}
		if (mms_grow((void **)&w->v, &w->cap, w->n + 1, sizeof(*w->v)) < 0) {
			stop(&w->b, nomem(w->b.x));
			return;
		}
		w->v[w->n].name = strdup(sname ? sname : "");
		w->v[w->n].rid = strdup(rid ? rid : "");
		w->n++;
		if (!w->v[w->n - 1].name || !w->v[w->n - 1].rid)
			stop(&w->b, nomem(w->b.x));
	}
}

static void wb_free(struct wbp *w)
{
	for (size_t i = 0; i < w->n; i++) {
		free(w->v[i].name);
		free(w->v[i].rid);
	}
	free(w->v);
	parser_free(&w->b);
}

/* -------------------------------------------------------------------- styles */

struct fmt {
	long id;
	int date;
};

struct stp {
	struct xbase b;
	int numfmts, cellxfs; /* depth of <numFmts>, <cellXfs>; 0 outside */
	struct fmt *fmts;
	size_t nf, capf;
	long *xfs;
	size_t nxf, capxf;
};

static long attr_long(const char **atts, const char *name)
{
	const char *v = attr(atts, name);
	unsigned long long n;

	if (!v || parse_digits(v, 9, &n) < 0)
		return -1;
	return (long)n;
}

static void st_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct stp *s = ud;
	const char *l = local(name);

	if (enter(&s->b))
		return;
	if (strcmp(l, "numFmts") == 0) {
		s->numfmts = s->b.depth;
	} else if (strcmp(l, "cellXfs") == 0) {
		s->cellxfs = s->b.depth;
	} else if (s->numfmts && strcmp(l, "numFmt") == 0) {
		const char *code = attr(atts, "formatCode");

		if (mms_grow((void **)&s->fmts, &s->capf, s->nf + 1, sizeof(*s->fmts)) < 0) {
			stop(&s->b, nomem(s->b.x));
			return;
		}
		s->fmts[s->nf].id = attr_long(atts, "numFmtId");
		s->fmts[s->nf].date = code && code_is_date(code);
		s->nf++;
	} else if (s->cellxfs && s->b.depth == s->cellxfs + 1 && strcmp(l, "xf") == 0) {
		if (mms_grow((void **)&s->xfs, &s->capxf, s->nxf + 1, sizeof(*s->xfs)) < 0) {
			stop(&s->b, nomem(s->b.x));
			return;
		}
		long id = attr_long(atts, "numFmtId");

		s->xfs[s->nxf++] = id < 0 ? 0 : id; /* none: General */
	}
}

static void st_end(void *ud, const XML_Char *name)
{
	struct stp *s = ud;

	if (s->numfmts == s->b.depth)
		s->numfmts = 0;
	if (s->cellxfs == s->b.depth)
		s->cellxfs = 0;
	s->b.depth--;
}

static int styles_read(mms_xlsx *x, const char *member, zip_uint64_t index)
{
	struct stp s;
	int rc;

	memset(&s, 0, sizeof(s));
	rc = parser_new(x, &s.b, member, x->path, st_start, st_end, NULL);
	if (rc == MMS_OK)
		rc = parse_member(x, index, x->cap_small, &s.b);
	if (rc == MMS_OK && s.nxf) {
		x->xf_date = calloc(s.nxf, 1);
		if (!x->xf_date)
			rc = nomem(x);
	}
	for (size_t i = 0; rc == MMS_OK && i < s.nxf; i++) {
		int date = builtin_date(s.xfs[i]);

		/* a custom format of the same id replaces a built-in one; the last one counts */
		for (size_t k = s.nf; k-- > 0;)
			if (s.fmts[k].id == s.xfs[i]) {
				date = s.fmts[k].date;
				break;
			}
		x->xf_date[i] = (unsigned char)date;
	}
	if (rc == MMS_OK)
		x->nxf = s.nxf;
	parser_free(&s.b);
	free(s.fmts);
	free(s.xfs);
	return rc;
}

/* ------------------------------------------------------------ shared strings */

struct ssp {
	struct xbase b;
	int in_si, in_t, rph;
	size_t start;
};

static void ss_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct ssp *s = ud;
	mms_xlsx *x = s->b.x;
	const char *l = local(name);

	if (enter(&s->b))
		return;
	if (strcmp(l, "si") == 0) {
		if (x->shared.len >= UINT32_MAX ||
		    mms_grow((void **)&x->shared_off, &x->capshared, x->nshared + 1,
		             sizeof(*x->shared_off)) < 0) {
			stop(&s->b, nomem(x));
			return;
		}
		s->in_si = 1;
		s->rph = 0;
		s->start = x->shared.len;
	} else if (s->in_si && strcmp(l, "rPh") == 0) {
		s->rph++;
	} else if (s->in_si && !s->rph && strcmp(l, "t") == 0) {
		s->in_t = 1;
	}
}

static void ss_end(void *ud, const XML_Char *name)
{
	struct ssp *s = ud;
	mms_xlsx *x = s->b.x;
	const char *l = local(name);

	s->b.depth--;
	if (s->b.failed)
		return;
	if (strcmp(l, "t") == 0) {
		s->in_t = 0;
	} else if (strcmp(l, "rPh") == 0 && s->rph > 0) {
		s->rph--;
	} else if (strcmp(l, "si") == 0 && s->in_si) {
		char *str;

		if (mms_buf_add(&x->shared, "", 1) != MMS_OK) {
			stop(&s->b, nomem(x));
			return;
		}
		str = x->shared.p + s->start;
		decode_escapes(str);
		mms_trim(str);
		x->shared.len = s->start + strlen(str) + 1;
		x->shared_off[x->nshared++] = (uint32_t)s->start;
		s->in_si = 0;
	}
}

static void ss_chars(void *ud, const XML_Char *text, int len)
{
	struct ssp *s = ud;
	mms_xlsx *x = s->b.x;

	if (s->b.failed || !s->in_t || s->rph)
		return;
	if (x->shared.len - s->start + (size_t)len > MMS_FIELD_MAX) {
		mms_diag(x->db, s->b.where, 0, _("'%s': shared string %zu is longer than %d bytes"),
		         s->b.member, x->nshared, MMS_FIELD_MAX);
		stop(&s->b, MMS_EDATA);
		return;
	}
	if (mms_buf_add(&x->shared, text, (size_t)len) != MMS_OK)
		stop(&s->b, nomem(x));
}

static int shared_read(mms_xlsx *x, const char *member, zip_uint64_t index)
{
	struct ssp s;
	int rc;

	memset(&s, 0, sizeof(s));
	rc = parser_new(x, &s.b, member, x->path, ss_start, ss_end, ss_chars);
	if (rc == MMS_OK)
		rc = parse_member(x, index, x->cap_shared, &s.b);
	parser_free(&s.b);
	if (rc == MMS_OK && x->shared.cap > x->shared.len + 1) {
		char *p = realloc(x->shared.p, x->shared.len + 1);

		if (p) {
			x->shared.p = p;
			x->shared.cap = x->shared.len + 1;
		}
	}
	return rc;
}

/* --------------------------------------------------------------------- sheet */

static void cell_diag(mms_xlsx *x, int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A diagnostic on "PATH:SHEET!C17" (COL < 0: "PATH:SHEET!17", the row). */
static void cell_diag(mms_xlsx *x, int col, const char *fmt, ...)
{
	char place[1200], msg[900];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	mms_sheet_place(x->path, x->sheets[x->cur].name, x->rownum > 0 ? x->rownum : 1, col, place,
	                sizeof(place));
	xdiag(x, place, 0, "%s", msg);
}

/* Column COL of the row gets KIND (V_ROW: the text S, V_SHARED: shared string IDX). */
static int put(mms_xlsx *x, int col, unsigned kind, const char *s, size_t idx)
{
	size_t len;

	if (kind == V_SHARED)
		s = x->shared.p + x->shared_off[idx];
	if (!*s)
		return MMS_OK;
	if (col >= MMS_FIELDS_MAX) {
		char last[16];

		mms_cell_ref(MMS_FIELDS_MAX - 1, 0, last, sizeof(last));
		last[strcspn(last, "0")] = '\0';
		cell_diag(x, col, _("a value beyond column %s: at most %d columns are read"), last,
		          MMS_FIELDS_MAX);
		return MMS_EDATA;
	}
	if (kind == V_ROW) {
		size_t off = x->rowtext.len;

		len = strlen(s);
		if (off + len + 1 > ROW_TEXT_MAX) {
			cell_diag(x, col, _("the row's text is longer than %d bytes"),
			          ROW_TEXT_MAX);
			return MMS_EDATA;
		}
		if (mms_buf_add(&x->rowtext, s, len + 1) != MMS_OK)
			return nomem(x);
		idx = off;
	}
	x->cols[col].kind = kind;
	x->cols[col].off = idx;
	if ((size_t)col + 1 > x->rown)
		x->rown = (size_t)col + 1;
	return MMS_OK;
}

/* The end of a cell: its text becomes its value. */
static int cell_end(mms_xlsx *x)
{
	char num[48], date[48];
	const char *val;
	char *t;

	if (!x->have_text)
		return MMS_OK; /* no value: a formula never computed, a styled blank */
	if (mms_buf_add(&x->text, "", 0) != MMS_OK)
		return nomem(x);
	t = x->text.p;
	switch (x->type) {
	case T_S: {
		unsigned long long idx;

		mms_trim(t);
		if (parse_digits(t, 10, &idx) < 0 || idx >= x->nshared) {
			cell_diag(x, x->col, _("shared string index %s out of range"), t);
			return MMS_EDATA;
		}
		return put(x, x->col, V_SHARED, NULL, (size_t)idx);
	}
	case T_B:
		mms_trim(t);
		val = strcmp(t, "1") == 0 ? "TRUE" : strcmp(t, "0") == 0 ? "FALSE" : t;
		break;
	case T_STR:
	case T_INLINE:
		decode_escapes(t);
		val = mms_trim(t);
		break;
	case T_D:
		iso_date(mms_trim(t));
		val = t;
		break;
	case T_E:
		val = mms_trim(t);
		break;
	default:
		val = mms_trim(t);
		if (plain_number(t, num, sizeof(num)))
			val = num;
		if (x->style >= 0 && (size_t)x->style < x->nxf && x->xf_date[x->style] &&
		    serial_date(val, x->date1904, date, sizeof(date)))
			val = date;
		break;
	}
	if (val != t) { /* a value of its own: the cell's text is free */
		x->text.len = 0;
		if (mms_buf_adds(&x->text, val) != MMS_OK)
			return nomem(x);
	}
	/* trimmed above, or a value of its own (a number, a date) */
	return put(x, x->col, V_ROW, x->text.p, 0);
}

static enum ctype cell_type(const char *t)
{
	if (!t)
		return T_N;
	if (strcmp(t, "s") == 0)
		return T_S;
	if (strcmp(t, "str") == 0)
		return T_STR;
	if (strcmp(t, "inlineStr") == 0)
		return T_INLINE;
	if (strcmp(t, "b") == 0)
		return T_B;
	if (strcmp(t, "e") == 0)
		return T_E;
	if (strcmp(t, "d") == 0)
		return T_D;
	return T_N;
}

static void sh_fail(mms_xlsx *x, int rc)
{
	stop(&x->sb, rc);
}

static void row_start(mms_xlsx *x, const char **atts)
{
	const char *r = attr(atts, "r");
	unsigned long long n = (unsigned long long)x->prevrow + 1;

	if (r && parse_digits(r, 10, &n) < 0) {
		xdiag(x, x->where.p, 0, _("bad row number '%s' after row %ld"), r, x->prevrow);
		sh_fail(x, MMS_EDATA);
		return;
	}
	if (n < 1 || n > (unsigned long long)MMS_XLSX_ROWS_MAX) {
		x->rownum = n > (unsigned long long)LONG_MAX ? LONG_MAX : (long)n;
		cell_diag(x, -1, _("row number past %ld, Excel's last row"), MMS_XLSX_ROWS_MAX);
		sh_fail(x, MMS_EDATA);
		return;
	}
	x->rownum = (long)n;
	x->row_r = r != NULL;
	for (size_t k = 0; k < x->rown; k++)
		x->cols[k].kind = V_NONE;
	x->rown = 0;
	x->rowtext.len = 0;
	x->nextcol = 0;
	x->in_row = 1;
}

static void cell_start(mms_xlsx *x, const char **atts)
{
	const char *r = attr(atts, "r"), *s = attr(atts, "s");
	unsigned long long style;

	if (r) {
		long row;

		if (mms_cell_parse(r, &x->col, &row) < 0) {
			cell_diag(x, -1, _("bad cell reference '%s'"), r);
			sh_fail(x, MMS_EDATA);
			return;
		}
		/* a row without its number takes the number of its first cell */
		if (!x->row_r && x->nextcol == 0 && row > x->prevrow)
			x->rownum = row;
	} else {
		if (x->nextcol >= MMS_XLSX_COLS_MAX) {
			cell_diag(x, -1, _("more than %d cells in the row"), MMS_XLSX_COLS_MAX);
			sh_fail(x, MMS_EDATA);
			return;
		}
		x->col = x->nextcol;
	}
	x->type = cell_type(attr(atts, "t"));
	x->style = s && parse_digits(s, 9, &style) == 0 ? (long)style : -1;
	x->in_c = 1;
	x->in_is = x->in_t = x->rph = x->collect = 0;
	x->have_text = 0;
	x->text.len = 0;
}

/* The elements of a sheet that matter, by local name. */
enum { E_OTHER, E_SHEETDATA, E_ROW, E_C, E_V, E_IS, E_RPH, E_T };

static unsigned char element(const char *l)
{
	switch (l[0]) {
	case 'c':
		return l[1] ? E_OTHER : E_C;
	case 'v':
		return l[1] ? E_OTHER : E_V;
	case 't':
		return l[1] ? E_OTHER : E_T;
	case 'i':
		return strcmp(l, "is") == 0 ? E_IS : E_OTHER;
	case 'r':
		return strcmp(l, "row") == 0 ? E_ROW : strcmp(l, "rPh") == 0 ? E_RPH : E_OTHER;
	case 's':
		return strcmp(l, "sheetData") == 0 ? E_SHEETDATA : E_OTHER;
	default:
		return E_OTHER;
	}
}

static void sh_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	mms_xlsx *x = ((struct xbase *)ud)->x;
	unsigned char e;

	if (enter(&x->sb))
		return;
	/* kept for sh_end(), which so need not look at the name again */
	e = x->open_el[x->sb.depth] = element(local(name));
	if (!x->in_sd) {
		if (e == E_SHEETDATA)
			x->in_sd = x->sb.depth;
	} else if (!x->in_row) {
		if (e == E_ROW)
			row_start(x, atts);
	} else if (!x->in_c) {
		if (e == E_C)
			cell_start(x, atts);
	} else if (e == E_V && !x->in_is) {
		x->text.len = 0;
		x->collect = 1;
	} else if (e == E_IS) {
		x->text.len = 0;
		x->in_is = 1;
	} else if (x->in_is && e == E_RPH) {
		x->rph++;
	} else if (x->in_is && !x->rph && e == E_T) {
		x->collect = 1;
	}
}

static void sh_end(void *ud, const XML_Char *name)
{
	mms_xlsx *x = ((struct xbase *)ud)->x;
	int depth = x->sb.depth--;
	unsigned char e;

	if (x->sb.failed || !x->in_sd)
		return;
	/* every element open here was entered (a failed enter() failed the parse) */
	e = depth >= 1 && depth <= DEPTH_MAX ? x->open_el[depth] : element(local(name));
	if (depth == x->in_sd) {
		x->in_sd = 0;
	} else if (x->in_c) {
		if (e == E_C) {
			int rc = cell_end(x);

			x->in_c = 0;
			x->nextcol = x->col + 1;
			if (rc != MMS_OK)
				sh_fail(x, rc);
		} else if (e == E_V && !x->in_is) {
			x->collect = 0;
			x->have_text = 1;
		} else if (e == E_IS) {
			x->in_is = 0;
			x->collect = 0;
			x->have_text = 1;
		} else if (x->in_is && e == E_RPH && x->rph > 0) {
			x->rph--;
		} else if (x->in_is && e == E_T) {
			x->collect = 0;
		}
	} else if (x->in_row && e == E_ROW) {
		x->in_row = 0;
		x->prevrow = x->rownum;
		if (x->rown > 0) {
			x->ready = 1;
			XML_StopParser(x->sb.p, XML_TRUE);
		}
	}
}

static void sh_chars(void *ud, const XML_Char *text, int len)
{
	mms_xlsx *x = ((struct xbase *)ud)->x;

	if (x->sb.failed || !x->collect)
		return;
	if (x->text.len + (size_t)len > MMS_FIELD_MAX) {
		cell_diag(x, x->col, _("a cell's text is longer than %d bytes"), MMS_FIELD_MAX);
		sh_fail(x, MMS_EDATA);
		return;
	}
	if (mms_buf_add(&x->text, text, (size_t)len) != MMS_OK)
		sh_fail(x, nomem(x));
}

/* ---------------------------------------------------------- reader thread */

/* Rows the reader queues before waking mms_xlsx_next(), and frees before it is woken. */
static size_t batch(const mms_xlsx *x)
{
	size_t n = x->nslots / 16;

	return n < 1 ? 1 : n > 64 ? 64 : n;
}

/* The reader's rows so far become the queue's; under MU. */
static void publish(mms_xlsx *x)
{
	x->filled = x->produced;
	x->bfilled = x->pbytes;
	x->pfreed = x->freed;
	x->pbfreed = x->bfreed;
	if (x->cwait)
		pthread_cond_signal(&x->nonempty);
}

/* 1 if the reader has room for a row of NEED bytes (one row always fits an empty queue). */
static int room(const mms_xlsx *x, size_t need)
{
	return x->produced - x->pfreed < x->nslots &&
	       (x->produced == x->pfreed || x->pbytes - x->pbfreed + need <= x->qbytes_max);
}

/*
 * The reader: queues the row just completed.  0: queued; 1: the thread is to
 * stop; < 0: out of memory.
 */
static int push_row(mms_xlsx *x)
{
	size_t need = x->rown * sizeof(uint32_t) + x->rowtext.len;
	struct slot *s;
	uint32_t *code;

	if (!room(x, need)) {
		pthread_mutex_lock(&x->mu);
		publish(x);
		while (!atomic_load(&x->quit) && !room(x, need)) {
			x->pwait = 1;
			pthread_cond_wait(&x->nonfull, &x->mu);
			x->pwait = 0;
			x->pfreed = x->freed;
			x->pbfreed = x->bfreed;
		}
		pthread_mutex_unlock(&x->mu);
		if (atomic_load(&x->quit))
			return 1;
	}
	/* mms_xlsx_next() leaves this slot alone until it is published */
	s = &x->slots[x->produced % x->nslots];
	if (s->cap < need) {
		char *p = realloc(s->buf, need);

		if (!p)
			return nomem(x);
		s->buf = p;
		s->cap = need;
	}
	/* the shared strings' index is below 2^31: each takes 9 bytes of a 512 MiB part at least */
	code = (uint32_t *)(void *)s->buf;
	for (size_t k = 0; k < x->rown; k++) {
		const struct cellv *c = &x->cols[k];

		code[k] =
		    c->kind == V_NONE ? 0 : (uint32_t)(c->off + 1) << 1 | (c->kind == V_SHARED);
	}
	if (x->rowtext.len)
		memcpy(s->buf + x->rown * sizeof(uint32_t), x->rowtext.p, x->rowtext.len);
	s->len = need;
	s->n = x->rown;
	s->line = x->rownum;
	x->produced++;
	x->pbytes += need;
	if (x->produced - x->filled >= batch(x)) {
		pthread_mutex_lock(&x->mu);
		publish(x);
		pthread_mutex_unlock(&x->mu);
	}
	return 0;
}

/*
 * The reader thread: inflates and parses the sheet, queueing its rows, until
 * its end, an error or mms_xlsx_select()/mms_xlsx_close() stops it.  It never
 * touches the database: its diagnostics wait in PEND and its result in
 * DONE_RC for mms_xlsx_next() to report after the rows before them.
 */
static void *reader(void *arg)
{
	mms_xlsx *x = arg;
	int rc;

	producing = x;
	for (;;) {
		if (atomic_load_explicit(&x->quit, memory_order_relaxed)) {
			rc = 0;
			break;
		}
		x->ready = 0;
		rc = feed_step(x, &x->feed, &x->sb);
		if (rc < 0)
			break;
		if (x->ready) {
			rc = push_row(x);
			if (rc != 0)
				break;
			continue;
		}
		if (rc == 1) {
			rc = 0;
			break;
		}
	}
	if (rc > 0) /* stopped */
		rc = 0;
	producing = NULL;
	pthread_mutex_lock(&x->mu);
	publish(x);
	x->done = 1;
	x->done_rc = rc;
	pthread_cond_broadcast(&x->nonempty);
	pthread_mutex_unlock(&x->mu);
	return NULL;
}

static int reader_start(mms_xlsx *x)
{
	int e;

	if (!x->slots) {
		x->slots = calloc(x->nslots, sizeof(*x->slots));
		if (!x->slots)
			return nomem(x);
	}
	atomic_store(&x->quit, 0);
	x->filled = x->bfilled = x->freed = x->bfreed = 0;
	x->produced = x->pbytes = x->pfreed = x->pbfreed = 0;
	x->taken = x->seen = x->released = x->breleased = 0;
	x->held = x->done = x->done_rc = x->cwait = x->pwait = 0;
	x->pend.len = 0;
	e = pthread_create(&x->thread, NULL, reader, x);
	if (e != 0)
		return mms_fail(x->db, e == EAGAIN ? MMS_ENOMEM : MMS_EDATA,
		                _("cannot start a thread to read '%s': %s"), x->path, strerror(e));
	x->running = 1;
	return MMS_OK;
}

/* Gives the slot of the row last returned back (to the reader at the next publishing). */
static void slot_release(mms_xlsx *x)
{
	struct slot *s;

	if (!x->held)
		return;
	s = &x->slots[(x->taken - 1) % x->nslots];
	x->released++;
	x->breleased += s->len;
	x->held = 0;
	if (s->cap > SLOT_KEEP) {
		free(s->buf);
		s->buf = NULL;
		s->cap = 0;
	}
}

/* Stops the reader thread, if any, and waits for its end. */
static void reader_stop(mms_xlsx *x)
{
	if (!x->running)
		return;
	pthread_mutex_lock(&x->mu);
	atomic_store(&x->quit, 1);
	pthread_cond_broadcast(&x->nonfull);
	pthread_mutex_unlock(&x->mu);
	pthread_join(x->thread, NULL);
	x->running = 0;
	x->held = 0;
	x->pend.len = 0;
}

static void sheet_reset(mms_xlsx *x)
{
	reader_stop(x);
	feed_close(&x->feed);
	parser_free(&x->sb);
	for (size_t k = 0; k < x->rown; k++)
		x->cols[k].kind = V_NONE;
	x->rown = 0;
	x->rowtext.len = 0;
	x->text.len = 0;
	x->err = 0;
	x->finished = 0;
	x->in_sd = x->in_row = x->in_c = x->in_is = x->in_t = x->rph = 0;
	x->collect = x->have_text = x->ready = 0;
	x->rownum = x->prevrow = 0;
	x->col = x->nextcol = 0;
}

int mms_xlsx_sheets(const mms_xlsx *x)
{
	return x->nsheets;
}

const char *mms_xlsx_sheet_name(const mms_xlsx *x, int i)
{
	return i >= 0 && i < x->nsheets ? x->sheets[i].name : NULL;
}

int mms_xlsx_select(mms_xlsx *x, int i)
{
	int rc;

	if (i < 0 || i >= x->nsheets)
		return mms_fail(x->db, MMS_EUSAGE, _("'%s' has no sheet %d (it has %d)"), x->path,
		                i + 1, x->nsheets);
	sheet_reset(x);
	x->cur = i;
	x->where.len = 0;
	rc = mms_buf_addf(&x->where, "%s:%s", x->path, x->sheets[i].name);
	if (rc != MMS_OK)
		rc = nomem(x);
	if (rc == MMS_OK)
		rc = parser_new(x, &x->sb, x->sheets[i].member, x->where.p, sh_start, sh_end,
		                sh_chars);
	if (rc == MMS_OK)
		rc = feed_open(x, &x->feed, x->sheets[i].index, x->sheets[i].member, x->cap_sheet,
		               x->where.p);
	x->err = rc;
	return rc;
}

/* The reader thread has ended: reports what it left, as mms_xlsx_next() returns it. */
static int reader_end(mms_xlsx *x)
{
	int rc = x->done_rc;

	pthread_join(x->thread, NULL);
	x->running = 0;
	feed_close(&x->feed);
	for (size_t i = 0; i < x->pend.len;) {
		const char *place = x->pend.p + i, *msg = place + strlen(place) + 1;

		mms_diag(x->db, place, 0, "%s", msg);
		i = (size_t)(msg - x->pend.p) + strlen(msg) + 1;
	}
	x->pend.len = 0;
	if (rc == MMS_ENOMEM)
		rc = nomem(x);
	if (rc < 0) {
		x->err = rc;
		return rc;
	}
	x->finished = 1;
	return 0;
}

int mms_xlsx_next(mms_xlsx *x, mms_row **row)
{
	const struct slot *s;
	const uint32_t *code;
	const char *texts;
	int rc;

	*row = NULL;
	if (x->cur < 0) {
		rc = mms_xlsx_select(x, 0);
		if (rc != MMS_OK)
			return rc;
	}
	if (x->err)
		return x->err;
	if (x->finished)
		return 0;
	if (!x->running) {
		rc = reader_start(x);
		if (rc != MMS_OK) {
			x->err = rc;
			feed_close(&x->feed);
			return rc;
		}
	}
	slot_release(x);
	if (x->taken == x->seen || x->released - x->freed >= batch(x)) {
		int done;

		/* FREED is written here alone: reading it unlocked is no race */
		pthread_mutex_lock(&x->mu);
		x->freed = x->released;
		x->bfreed = x->breleased;
		if (x->pwait)
			pthread_cond_signal(&x->nonfull);
		x->seen = x->filled;
		while (x->taken == x->seen && !x->done) {
			x->cwait = 1;
			pthread_cond_wait(&x->nonempty, &x->mu);
			x->cwait = 0;
			x->seen = x->filled;
		}
		done = x->taken == x->seen;
		pthread_mutex_unlock(&x->mu);
		if (done)
			return reader_end(x);
	}
	s = &x->slots[x->taken % x->nslots];
	x->taken++;
	x->held = 1;

	code = (const uint32_t *)(const void *)s->buf;
	texts = s->buf + s->n * sizeof(uint32_t);
	for (size_t k = 0; k < s->n; k++) {
		uint32_t c = code[k];

		x->ptrs[k] = c == 0  ? x->empty
		             : c & 1 ? x->shared.p + x->shared_off[(c >> 1) - 1]
		                     : (char *)texts + (c >> 1) - 1;
	}
	x->ptrs[s->n] = NULL;
	x->row.n = s->n;
	x->row.f = x->ptrs;
	x->row.line = s->line;
	*row = &x->row;
	return 1;
}

/* ---------------------------------------------------------------- open/close */

void mms_xlsx_close(mms_xlsx *x)
{
	if (!x)
		return;
	sheet_reset(x);
	if (x->slots) {
		for (size_t i = 0; i < x->nslots; i++)
			free(x->slots[i].buf);
		free(x->slots);
	}
	if (x->sync) {
		pthread_mutex_destroy(&x->mu);
		pthread_cond_destroy(&x->nonempty);
		pthread_cond_destroy(&x->nonfull);
	}
	mms_buf_free(&x->pend);
	if (x->zip)
		zip_discard(x->zip);
	for (int i = 0; i < x->nsheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].member);
	}
	free(x->sheets);
	mms_buf_free(&x->shared);
	free(x->shared_off);
	free(x->xf_date);
	mms_buf_free(&x->where);
	mms_buf_free(&x->text);
	mms_buf_free(&x->rowtext);
	free(x->cols);
	free(x->ptrs);
	free(x->path);
	free(x);
}

static uint64_t cap(uint64_t deflt, uint64_t env)
{
	return env && env < deflt ? env : deflt;
}

/* Opens the archive: MMS_EOPEN if the file cannot be read, MMS_EDATA if it is no ZIP. */
static int open_zip(mms_xlsx *x)
{
	unsigned char magic[4] = {0};
	struct stat st;
	const char *real;
	int fd, zerr = 0, rc = mms_input_file(x->db, x->path, &real);
	ssize_t got;
	zip_error_t ze;

	if (rc != MMS_OK)
		return rc;
	fd = open(real, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return mms_fail(x->db, MMS_EOPEN, _("cannot open '%s': %s"), x->path,
		                strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		int e = errno;

		if (fstat(fd, &st) == 0) /* not a regular file */
			e = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		close(fd);
		return mms_fail(x->db, MMS_EOPEN, _("cannot open '%s': %s"), x->path, strerror(e));
	}
	got = pread(fd, magic, sizeof(magic), 0);
	if (got < 0) {
		int e = errno;

		close(fd);
		return mms_fail(x->db, MMS_EOPEN, _("cannot read '%s': %s"), x->path, strerror(e));
	}
	if (got == 0) {
		close(fd);
		mms_diag(x->db, x->path, 0, _("the file is empty"));
		return MMS_EDATA;
	}
	if (got == 4 && memcmp(magic, "\xD0\xCF\x11\xE0", 4) == 0) {
		close(fd);
		mms_diag(x->db, x->path, 0,
		         _("not an .xlsx workbook but an older .xls one, or an encrypted "
		           "workbook"));
		return MMS_EDATA;
	}
	if (got < 2 || magic[0] != 'P' || magic[1] != 'K') {
		close(fd);
		mms_diag(x->db, x->path, 0, _("not an .xlsx workbook (it is no ZIP archive)"));
		return MMS_EDATA;
	}
	x->zip = zip_fdopen(fd, ZIP_RDONLY, &zerr);
	if (x->zip)
		return MMS_OK;
	close(fd);
	if (zerr == ZIP_ER_MEMORY)
		return nomem(x);
	zip_error_init_with_code(&ze, zerr);
	if (zerr == ZIP_ER_READ || zerr == ZIP_ER_SEEK || zerr == ZIP_ER_OPEN) {
		rc = mms_fail(x->db, MMS_EOPEN, _("cannot read '%s': %s"), x->path,
		              zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return rc;
	}
	mms_diag(x->db, x->path, 0, _("a damaged workbook or no .xlsx at all: %s"),
	         zip_error_strerror(&ze));
	zip_error_fini(&ze);
	return MMS_EDATA;
}

/* The member of an optional part: the relationship of TYPE, else FALLBACK. */
static char *part_member(const struct rels *r, const char *base, const char *type,
                         const char *fallback, int *nomemory)
{
	const struct rel *e = rel_by_type(r, type);
	char *m = e ? resolve(base, e->target) : strdup(fallback);

	*nomemory = !m;
	return m;
}

static int load(mms_xlsx *x)
{
	struct rels pkg, wbrels;
	struct wbp wb;
	const struct rel *e;
	char *wbname = NULL, *base = NULL, *relsname = NULL, *m = NULL;
	const char *slash;
	zip_uint64_t index;
	int rc, oom;

	memset(&wb, 0, sizeof(wb));
	memset(&wbrels, 0, sizeof(wbrels));
	rc = rels_read(x, "_rels/.rels", &pkg);
	if (rc == MMS_OK) {
		e = rel_by_type(&pkg, "officeDocument");
		wbname = e ? resolve("", e->target) : strdup("xl/workbook.xml");
		if (!wbname)
			rc = nomem(x);
	}
	rels_free(&pkg);
	if (rc != MMS_OK)
		goto out;
	if (locate(x, wbname, &index) < 0) {
		mms_diag(x->db, x->path, 0,
		         _("not an .xlsx workbook: the archive has no '%s' (a .docx, .odt or "
		           "another ZIP?)"),
		         wbname);
		rc = MMS_EDATA;
		goto out;
	}
	/* the workbook's folder, and its relationships in FOLDER/_rels/NAME.rels */
	slash = strrchr(wbname, '/');
	base = strndup(wbname, slash ? (size_t)(slash - wbname) + 1 : 0);
	relsname = malloc(strlen(wbname) + sizeof("_rels/.rels"));
	if (!base || !relsname) {
		rc = nomem(x);
		goto out;
	}
	sprintf(relsname, "%s_rels/%s.rels", base, slash ? slash + 1 : wbname);

	rc = parser_new(x, &wb.b, wbname, x->path, wb_start, any_end, NULL);
	if (rc == MMS_OK)
		rc = parse_member(x, index, x->cap_small, &wb.b);
	if (rc == MMS_OK)
		rc = rels_read(x, relsname, &wbrels);
	if (rc != MMS_OK)
		goto out;
	x->date1904 = wb.date1904;
	if (wb.n == 0) {
		mms_diag(x->db, x->path, 0, _("the workbook has no sheets"));
		rc = MMS_EDATA;
		goto out;
	}
	x->sheets = calloc(wb.n, sizeof(*x->sheets));
	if (!x->sheets) {
		rc = nomem(x);
		goto out;
	}
	for (size_t i = 0; i < wb.n; i++) {
		struct sheet *s = &x->sheets[i];
		const struct rel *r = rel_by_id(&wbrels, wb.v[i].rid);

		s->name = wb.v[i].name;
		wb.v[i].name = NULL;
		x->nsheets++;
		if (!r) {
			mms_diag(x->db, x->path, 0,
			         _("sheet '%s': the workbook has no relationship '%s' for it"),
			         s->name, wb.v[i].rid);
			rc = MMS_EDATA;
			goto out;
		}
		s->member = resolve(base, r->target);
		if (!s->member) {
			rc = nomem(x);
			goto out;
		}
		if (locate(x, s->member, &s->index) < 0) {
			mms_diag(x->db, x->path, 0, _("sheet '%s': the archive has no '%s'"),
			         s->name, s->member);
			rc = MMS_EDATA;
			goto out;
		}
	}

	m = part_member(&wbrels, base, "sharedStrings", "xl/sharedStrings.xml", &oom);
	if (oom) {
		rc = nomem(x);
		goto out;
	}
	if (locate(x, m, &index) == 0) {
		rc = shared_read(x, m, index);
	} else if (rel_by_type(&wbrels, "sharedStrings")) {
		mms_diag(x->db, x->path, 0, _("the archive has no '%s' (the shared strings)"), m);
		rc = MMS_EDATA;
	}
	free(m);
	if (rc != MMS_OK)
		goto out;
	m = part_member(&wbrels, base, "styles", "xl/styles.xml", &oom);
	if (oom) {
		rc = nomem(x);
		goto out;
	}
	if (locate(x, m, &index) == 0)
		rc = styles_read(x, m, index);
	free(m);
out:
	wb_free(&wb);
	rels_free(&wbrels);
	free(wbname);
	free(base);
	free(relsname);
	return rc;
}

int mms_xlsx_open(mms_db *db, const char *path, mms_xlsx **out)
{
	mms_xlsx *x;
	const char *env;
	unsigned long long limit = 0;
	int rc;

	*out = NULL;
	x = calloc(1, sizeof(*x));
	if (!x)
		return mms_oom(db);
	x->db = db;
	x->cur = -1;
	if (pthread_mutex_init(&x->mu, NULL) != 0) {
		free(x);
		return mms_oom(db);
	}
	if (pthread_cond_init(&x->nonempty, NULL) != 0) {
		pthread_mutex_destroy(&x->mu);
		free(x);
		return mms_oom(db);
	}
	if (pthread_cond_init(&x->nonfull, NULL) != 0) {
		pthread_cond_destroy(&x->nonempty);
		pthread_mutex_destroy(&x->mu);
		free(x);
		return mms_oom(db);
	}
	x->sync = 1;
	x->nslots = QUEUE_ROWS;
	x->qbytes_max = QUEUE_BYTES;
	env = getenv("MMS_XLSX_QUEUE"); /* for tests: fewer rows in the queue */
	if (env && parse_digits(env, 4, &limit) == 0 && limit >= 1 && limit < QUEUE_ROWS)
		x->nslots = (size_t)limit;
	limit = 0;
	env = getenv("MMS_XLSX_MAX_MEMBER");
	if (env && parse_digits(env, 19, &limit) < 0)
		limit = 0;
	x->cap_sheet = cap(CAP_SHEET, limit);
	x->cap_shared = cap(CAP_SHARED, limit);
	x->cap_small = cap(CAP_SMALL, limit);
	x->path = strdup(path);
	x->cols = calloc(MMS_FIELDS_MAX, sizeof(*x->cols));
	x->ptrs = calloc(MMS_FIELDS_MAX + 1, sizeof(*x->ptrs));
	if (!x->path || !x->cols || !x->ptrs) {
		mms_xlsx_close(x);
		return mms_oom(db);
	}
	rc = open_zip(x);
	if (rc == MMS_OK)
		rc = load(x);
	if (rc != MMS_OK) {
		mms_xlsx_close(x);
		return rc;
	}
	*out = x;
	return MMS_OK;
}
