#include <locale.h>
#include <math.h>
#include <string.h>

#include "json.h"

void json_init(struct json *j, FILE *fp, int pretty)
{
	memset(j, 0, sizeof(*j));
	j->fp = fp;
	j->pretty = pretty;
}

/* The separator before a value: a comma between elements, a newline and an
   indent for the elements of the outermost container when pretty. */
static void before_value(struct json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (j->depth == 0)
		return;
	if (j->count[j->depth - 1]++ > 0)
		fputc(',', j->fp);
	if (j->pretty && j->depth == 1)
		fputs("\n  ", j->fp);
	else if (j->count[j->depth - 1] > 1)
		fputc(' ', j->fp);
}

static void open_container(struct json *j, char c)
{
	before_value(j);
	fputc(c, j->fp);
	if (j->depth < JSON_MAX_DEPTH)
		j->count[j->depth] = 0;
	j->depth++;
}

static void close_container(struct json *j, char c)
{
	int had = j->depth > 0 && j->depth <= JSON_MAX_DEPTH ? j->count[j->depth - 1] : 0;

	if (j->depth > 0)
		j->depth--;
	if (j->pretty && j->depth == 0 && had)
		fputc('\n', j->fp);
	fputc(c, j->fp);
}

void json_begin_object(struct json *j)
{
	open_container(j, '{');
}

void json_end_object(struct json *j)
{
	close_container(j, '}');
}

void json_begin_array(struct json *j)
{
	open_container(j, '[');
}

void json_end_array(struct json *j)
{
	close_container(j, ']');
}

/* The length of the valid UTF-8 sequence at S, or 0 if there is none. */
static size_t utf8_seq(const unsigned char *s)
{
	unsigned c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if ((s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0; /* overlong */
		if (c == 0xED && s[1] >= 0xA0)
			return 0; /* surrogate */
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if ((s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0;
		if (c == 0xF4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

void json_write_string(FILE *fp, const char *str)
{
	const unsigned char *s = (const unsigned char *)str, *run = s;

	fputc('"', fp);
	/* Bytes that need nothing are written in runs, not one by one. */
	while (*s) {
		const char *esc = NULL;
		char u[8];
		size_t n;

		switch (*s) {
		case '"':
			esc = "\\\"";
			break;
		case '\\':
			esc = "\\\\";
			break;
		case '\n':
			esc = "\\n";
			break;
		case '\r':
			esc = "\\r";
			break;
		case '\t':
			esc = "\\t";
			break;
		case '\b':
			esc = "\\b";
			break;
		case '\f':
			esc = "\\f";
			break;
		default:
			if (*s < 0x20) {
				snprintf(u, sizeof(u), "\\u%04x", *s);
				esc = u;
			}
			break;
		}
		n = esc ? 1 : utf8_seq(s);
		if (n == 0)
			esc = "\\ufffd"; /* not UTF-8: one byte becomes U+FFFD */
		if (!esc) {
			s += n;
			continue;
		}
		fwrite(run, 1, (size_t)(s - run), fp);
		fputs(esc, fp);
		s++;
		run = s;
	}
	fwrite(run, 1, (size_t)(s - run), fp);
	fputc('"', fp);
}

void json_key(struct json *j, const char *key)
{
	before_value(j);
	json_write_string(j->fp, key);
	fputs(": ", j->fp);
	j->after_key = 1;
}

void json_str(struct json *j, const char *s)
{
	if (!s) {
		json_null(j);
		return;
	}
	before_value(j);
	json_write_string(j->fp, s);
}

void json_format_number(char *buf, size_t size, double v)
{
	const char *dp = localeconv()->decimal_point;
	char *at;

	if (v == 0)
		v = 0; /* no "-0" */
	snprintf(buf, size, "%.10g", v);
	/* printf follows LC_NUMERIC; JSON's decimal point is always '.'. */
	if (dp && dp[0] && strcmp(dp, ".") != 0 && (at = strstr(buf, dp)) != NULL) {
		size_t len = strlen(dp);

		*at = '.';
		memmove(at + 1, at + len, strlen(at + len) + 1);
	}
}

void json_num(struct json *j, double v)
{
	char buf[64];

	if (isnan(v) || isinf(v)) {
		json_null(j);
		return;
	}
	before_value(j);
	json_format_number(buf, sizeof(buf), v);
	fputs(buf, j->fp);
}

void json_int(struct json *j, long long v)
{
	before_value(j);
	fprintf(j->fp, "%lld", v);
}

void json_bool(struct json *j, int v)
{
	before_value(j);
	fputs(v ? "true" : "false", j->fp);
}

void json_null(struct json *j)
{
	before_value(j);
	fputs("null", j->fp);
}

void json_finish(struct json *j)
{
	fputc('\n', j->fp);
}

void json_field_str(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_str(j, s);
}

void json_field_int(struct json *j, const char *key, long long v)
{
	json_key(j, key);
	json_int(j, v);
}

void json_field_num(struct json *j, const char *key, double v)
{
	json_key(j, key);
	json_num(j, v);
}

void json_field_bool(struct json *j, const char *key, int v)
{
	json_key(j, key);
	json_bool(j, v);
}

void json_members(struct json *j, const void *rec, const struct json_member *m)
{
	for (; m->key; m++) {
		const char *p = (const char *)rec + m->off;
		long long n;

		json_key(j, m->key);
		switch (m->type) {
		case JSON_STR:
			json_str(j, *(const char *const *)(const void *)p);
			break;
		case JSON_INT:
		case JSON_BOOL:
		case JSON_COUNT:
			n = *(const int *)(const void *)p;
			if (m->type == JSON_BOOL)
				json_bool(j, (int)n);
			else if (m->type == JSON_COUNT && n <= 0)
				json_null(j);
			else
				json_int(j, n);
			break;
		case JSON_LONG:
			json_int(j, *(const long *)(const void *)p);
			break;
		case JSON_LLONG:
			json_int(j, *(const long long *)(const void *)p);
			break;
		case JSON_NUM:
			json_num(j, *(const double *)(const void *)p);
			break;
		case JSON_ENUM:
			json_str(j, m->name(*(const int *)(const void *)p));
			break;
		}
	}
}

void json_rows(struct json *j, const void *base, size_t n, size_t size, const struct json_member *m)
{
	json_begin_array(j);
	for (size_t i = 0; i < n; i++) {
		json_begin_object(j);
		json_members(j, (const char *)base + i * size, m);
		json_end_object(j);
	}
	json_end_array(j);
}
