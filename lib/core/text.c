#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text.h"

int mms_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		size_t len;
		uint32_t cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			cp = c & 0x07;
		} else {
			return 0;
		}
		if (i + len > n)
			return 0;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += len;
	}
	return 1;
}

static int is_space_cp(utf8proc_int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0xA0 || cp == 0x2007 ||
	       cp == 0x202F || cp == 0x2009 || cp == 0x200A || cp == 0x2002 || cp == 0x2003 ||
	       cp == 0xFEFF;
}

static int is_quote_cp(utf8proc_int32_t cp)
{
	return cp == '"' || cp == '\'' || cp == 0xAB || cp == 0xBB || cp == 0x201C ||
	       cp == 0x201D || cp == 0x201E || cp == 0x2018 || cp == 0x2019 || cp == 0x201A ||
	       cp == 0x2039 || cp == 0x203A;
}

/* Latin letters that look like Cyrillic ones, as typed into class labels. */
static utf8proc_int32_t cyrillic_twin(utf8proc_int32_t cp)
{
	switch (cp) {
	case 'a':
		return 0x0430;
	case 'b':
		return 0x0432; /* a Latin B stands for В */
	case 'e':
		return 0x0435;
	case 'k':
		return 0x043A;
	case 'm':
		return 0x043C;
	case 'h':
		return 0x043D;
	case 'o':
		return 0x043E;
	case 'p':
		return 0x0440;
	case 'c':
		return 0x0441;
	case 't':
		return 0x0442;
	case 'y':
		return 0x0443;
	case 'x':
		return 0x0445;
	default:
		return cp;
	}
}

enum key_kind { KEY_PLAIN, KEY_SCHOOL, KEY_CLASS };

static char *make_key(const char *s, enum key_kind kind)
{
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t n;
	mms_buf out = {0};
	utf8proc_ssize_t i = 0;
	int pending_space = 0;

	n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &folded,
	                 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	                     UTF8PROC_CASEFOLD);
	if (n < 0)
		return NULL;
	if (mms_buf_add(&out, "", 0) != MMS_OK)
		goto oom;
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t len = utf8proc_iterate(folded + i, n - i, &cp);

		if (len <= 0)
			goto oom;
		i += len;
		if (cp == 0x0451) /* ё */
			cp = 0x0435;
		/* invisible format characters (a zero-width space, a soft hyphen) make
		   no second teacher of the same name */
		if (utf8proc_category(cp) == UTF8PROC_CATEGORY_CF)
			continue;
		if (kind == KEY_SCHOOL && is_quote_cp(cp))
			cp = ' ';
		if (kind == KEY_CLASS) {
			if (is_space_cp(cp) || cp == '-' || cp == 0x2013 || cp == 0x2014 ||
			    cp == '"' || cp == '\'' || cp == '.')
				continue;
			cp = cyrillic_twin(cp);
		}
		if (is_space_cp(cp)) {
			pending_space = out.len > 0;
			continue;
		}
		if (pending_space && mms_buf_add(&out, " ", 1) != MMS_OK)
			goto oom;
		pending_space = 0;
		len = utf8proc_encode_char(cp, enc);
		if (mms_buf_add(&out, (const char *)enc, (size_t)len) != MMS_OK)
			goto oom;
	}
	free(folded);
	return out.p;
oom:
	free(folded);
	mms_buf_free(&out);
	return NULL;
}

static int bidi_control(unsigned cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

unsigned mms_text_control(const char *s, int lines)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;

	while (p && *p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len;

		/* the common text quickly: printable ASCII, and two-byte letters from
		   U+00C0 (Cyrillic among them) but for U+0600…U+063F, where U+061C is */
		if (*p >= 0x20 && *p < 0x7F) {
			p++;
			continue;
		}
		if (*p >= 0xC3 && *p <= 0xDF && *p != 0xD8 && (p[1] & 0xC0) == 0x80) {
			p += 2;
			continue;
		}
		len = utf8proc_iterate(p, -1, &cp);

		if (len <= 0) {
			p++;
			continue;
		}
		if (((cp < 0x20 && !(lines && (cp == '\n' || cp == '\t' || cp == '\r'))) ||
		     cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || bidi_control((unsigned)cp)))
			return (unsigned)cp;
		p += len;
	}
	return 0;
}

char *mms_key(const char *s)
{
	return make_key(s, KEY_PLAIN);
}

uint64_t mms_str_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a */

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		h = (h ^ *p) * 0x100000001b3ull;
	return h;
}

#define MEMO_SLOTS 1024 /* a power of two above MMS_KEY_MEMO_MAX */

char *mms_key_memo_get(mms_key_memo *m, const char *s)
{
	uint64_t h = mms_str_hash(s);
	size_t i;
	char *key;

	if (!m->slot && !(m->slot = calloc(MEMO_SLOTS, sizeof(*m->slot))))
		return NULL;
	for (i = h & (MEMO_SLOTS - 1); m->slot[i].text; i = (i + 1) & (MEMO_SLOTS - 1))
		if (strcmp(m->slot[i].text, s) == 0)
			return strdup(m->slot[i].key);
	key = mms_key(s);
	if (key && m->n < MMS_KEY_MEMO_MAX) {
		char *text = strdup(s), *copy = strdup(key);

		if (text && copy) {
			m->slot[i].text = text;
			m->slot[i].key = copy;
			m->n++;
		} else {
			free(text);
			free(copy);
		}
	}
	return key;
}

void mms_key_memo_free(mms_key_memo *m)
{
	for (size_t i = 0; m->slot && i < MEMO_SLOTS; i++) {
		free(m->slot[i].text);
		free(m->slot[i].key);
	}
	free(m->slot);
	m->slot = NULL;
	m->n = 0;
}

char *mms_school_key(const char *s)
{
	return make_key(s, KEY_SCHOOL);
}

char *mms_class_key(const char *s)
{
	return make_key(s, KEY_CLASS);
}

size_t mms_utf8_width(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t w = 0;

	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate(p, -1, &cp);

		if (len <= 0) {
			w++;
			p++;
			continue;
		}
		if (cp >= 0x20) {
			int cw = utf8proc_charwidth(cp);

			w += cw > 0 ? (size_t)cw : 0;
		}
		p += len;
	}
	return w;
}

static size_t lead_space(const unsigned char *p)
{
	if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		return 1;
	if (p[0] == 0xC2 && p[1] == 0xA0)
		return 2;
	if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		return 3;
	return 0;
}

char *mms_trim(char *s)
{
	mms_trim_len(s, strlen(s));
	return s;
}

size_t mms_trim_len(char *s, size_t len)
{
	unsigned char *p = (unsigned char *)s;
	size_t skip = 0, n;

	while ((n = lead_space(p + skip)) > 0)
		skip += n;
	len -= skip;
	if (skip) /* most values have no space to lose */
		memmove(p, p + skip, len + 1);
	while (len > 0) {
		if (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r' ||
		    p[len - 1] == '\n')
			len--;
		else if (len >= 2 && p[len - 2] == 0xC2 && p[len - 1] == 0xA0)
			len -= 2;
		else
			break;
	}
	p[len] = '\0';
	return len;
}

int mms_parse_number(const char *s, double *out)
{
	const unsigned char *p = (const unsigned char *)s;
	double v = 0, scale = 0.1;
	int digits = 0, seen_sep = 0;

	while (*p == ' ')
		p++;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (seen_sep) {
				v += (*p - '0') * scale;
				scale /= 10;
			} else {
				v = v * 10 + (*p - '0');
			}
			digits++;
		} else if ((*p == ',' || *p == '.') && !seen_sep && digits > 0) {
			seen_sep = 1;
		} else if (!seen_sep && digits > 0 && p[0] == 0xC2 && p[1] == 0xA0) {
			p++; /* a no-break space between thousands */
		} else if (!seen_sep && digits > 0 && p[0] == 0xE2 && p[1] == 0x80 &&
		           (p[2] == 0xAF || p[2] == 0x89)) {
			p += 2; /* a narrow no-break or thin space */
		} else if (*p == ' ') {
			const unsigned char *q = p;

			while (*q == ' ')
				q++;
			if (*q)
				return -1;
			break;
		} else {
			return -1;
		}
	}
	if (digits == 0)
		return -1;
	if (seen_sep && p > (const unsigned char *)s && (p[-1] == ',' || p[-1] == '.'))
		return -1;
	*out = v;
	return 0;
}

int mms_parse_int(const char *s, long *out)
{
	long v = 0;
	int neg = 0, digits = 0;

	while (*s == ' ')
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > 100000000L)
			return -1;
		v = v * 10 + (*s - '0');
		digits++;
	}
	while (*s == ' ')
		s++;
	if (*s || !digits)
		return -1;
	*out = neg ? -v : v;
	return 0;
}

/* Windows-1251 0x80..0xFF as Unicode code points; 0 where undefined (0x98). */
static const uint16_t cp1251_high[128] = {
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039,
    0x040A, 0x040C, 0x040B, 0x040F, 0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x0000, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F, 0x00A0, 0x040E, 0x045E, 0x0408,
    0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
    0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB,
    0x0458, 0x0405, 0x0455, 0x0457,
    /* 0xC0..0xFF: А..я */
    0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417, 0x0418, 0x0419, 0x041A, 0x041B,
    0x041C, 0x041D, 0x041E, 0x041F, 0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427,
    0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F, 0x0430, 0x0431, 0x0432, 0x0433,
    0x0434, 0x0435, 0x0436, 0x0437, 0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,
    0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447, 0x0448, 0x0449, 0x044A, 0x044B,
    0x044C, 0x044D, 0x044E, 0x044F};

int mms_cp1251_to_utf8(const char *in, size_t n, mms_buf *out)
{
	/* three bytes at most a character: written in place, not a call each */
	char *o = mms_buf_room(out, 3 * n), *start = o;

	if (!o)
		return MMS_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)in[i];
		uint16_t cp;

		if (c < 0x80) {
			*o++ = (char)c;
			continue;
		}
		cp = cp1251_high[c - 0x80];
		if (cp == 0) {
			out->p[out->len] = '\0'; /* the text before, as it was */
			return -1;
		}
		if (cp < 0x800) {
			*o++ = (char)(0xC0 | (cp >> 6));
			*o++ = (char)(0x80 | (cp & 0x3F));
		} else {
			*o++ = (char)(0xE0 | (cp >> 12));
			*o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
			*o++ = (char)(0x80 | (cp & 0x3F));
		}
	}
	out->len += (size_t)(o - start);
	out->p[out->len] = '\0';
	return 0;
}

int mms_class_grade(const char *key)
{
	const unsigned char *p = (const unsigned char *)key;
	int grade = 0, digits = 0, letters = 0;

	while (*p >= '0' && *p <= '9') {
		grade = grade * 10 + (*p++ - '0');
		if (++digits > 2)
			return -1;
	}
	if (!digits || grade < 1 || grade > 11)
		return -1;
	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate(p, -1, &cp);

		if (len <= 0 ||
		    !(utf8proc_category(cp) == UTF8PROC_CATEGORY_LL ||
		      utf8proc_category(cp) == UTF8PROC_CATEGORY_LU || (cp >= '0' && cp <= '9')))
			return -1;
		if (++letters > 4)
			return -1;
		p += len;
	}
	return grade;
}

/* Reads 2 or 4 digits; the count read, or 0. */
static int year_digits(const char **p, int *v)
{
	int n = 0;

	*v = 0;
	while (**p >= '0' && **p <= '9' && n < 5) {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n == 2 || n == 4 ? n : 0;
}

int mms_school_year_parse(const char *s, char out[16])
{
	const char *p = s;
	int y1, y2, n;

	while (*p == ' ' || *p == '\t')
		p++;
	if (year_digits(&p, &y1) != 4 || y1 < 1990 || y1 > 2200)
		return -1;
	while (*p == ' ')
		p++;
	/* '/', '-', an en dash or an em dash */
	if (*p == '/' || *p == '-')
		p++;
	else if (!strncmp(p, "\u2013", 3) || !strncmp(p, "\u2014", 3))
		p += 3;
	else
		return -1;
	while (*p == ' ')
		p++;
	n = year_digits(&p, &y2);
	if (n == 2)
		y2 += y1 / 100 * 100 + (y1 % 100 == 99 ? 100 : 0);
	if (!n || y2 != y1 + 1 || y2 > 9999)
		return -1;
	/* what may follow: "уч. г.", "учебный год", "г." */
	while (*p == ' ' || *p == '.')
		p++;
	if (*p && strncmp(p, "уч", strlen("уч")) != 0 && strncmp(p, "г", strlen("г")) != 0)
		return -1;
	snprintf(out, 16, "%04u/%04u", (unsigned)y1 % 10000u, (unsigned)y2 % 10000u);
	return 0;
}

void mms_school_year_of(const char *date, char out[16])
{
	int y = atoi(date), m = atoi(date + 5);

	if (m < 9)
		y--;
	if (y < 0 || y > 9998)
		y = 0;
	snprintf(out, 16, "%04u/%04u", (unsigned)y % 10000u, (unsigned)(y + 1) % 10000u);
}
