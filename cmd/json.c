#include <math.h>
#include <string.h>

#include "json.h"

void json_init(struct json *j, FILE *fp)
{
	memset(j, 0, sizeof(*j));
	j->fp = fp;
	j->first[0] = 1;
	j->pretty = 1;
}

static void indent(struct json *j)
{
	if (!j->pretty)
		return;
	fputc('\n', j->fp);
	for (int i = 0; i < j->depth; i++)
		fputs("  ", j->fp);
}

/* Before a value: a comma and a new line unless it follows a key. */
static void before_value(struct json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (j->depth > 0) {
		if (!j->first[j->depth])
			fputc(',', j->fp);
		indent(j);
	}
	j->first[j->depth] = 0;
}

static void open(struct json *j, char c)
{
	before_value(j);
	fputc(c, j->fp);
	if (j->depth + 1 < (int)(sizeof(j->first) / sizeof(j->first[0])))
		j->depth++;
	j->first[j->depth] = 1;
}

static void close(struct json *j, char c)
{
	int empty = j->first[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (!empty)
		indent(j);
	fputc(c, j->fp);
}

void json_begin_object(struct json *j)
{
	open(j, '{');
}

void json_end_object(struct json *j)
{
	close(j, '}');
}

void json_begin_array(struct json *j)
{
	open(j, '[');
}

void json_end_array(struct json *j)
{
	close(j, ']');
}

static void write_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		default:
			if (*p < 0x20)
				fprintf(fp, "\\u%04x", *p);
			else
				fputc(*p, fp);
		}
	}
	fputc('"', fp);
}

void json_key(struct json *j, const char *key)
{
	before_value(j);
	write_string(j->fp, key);
	fputs(j->pretty ? ": " : ":", j->fp);
	j->after_key = 1;
}

void json_str(struct json *j, const char *s)
{
	if (!s) {
		json_null(j);
		return;
	}
	before_value(j);
	write_string(j->fp, s);
}

void json_int(struct json *j, long long v)
{
	before_value(j);
	fprintf(j->fp, "%lld", v);
}

void json_num(struct json *j, double v)
{
	char buf[64];

	if (!isfinite(v)) {
		json_null(j);
		return;
	}
	before_value(j);
	/* locale-independent: %g may write a decimal comma */
	snprintf(buf, sizeof(buf), "%.6g", v);
	for (char *p = buf; *p; p++)
		if (*p == ',')
			*p = '.';
	fputs(buf, j->fp);
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
