/*
 * A small streaming JSON writer for the commands' --format json.
 *
 *	struct json j;
 *	json_init(&j, stdout, JSON_PRETTY);
 *	json_begin_array(&j);
 *	json_begin_object(&j);
 *	json_key(&j, "level");
 *	json_str(&j, "class");
 *	json_end_object(&j);
 *	json_end_array(&j);
 *	json_finish(&j);	(prints the final newline)
 *
 * Commas and colons are written by the writer.  Strings are escaped per RFC
 * 8259; bytes that are not UTF-8 become U+FFFD, so the output is always
 * valid JSON.  A number that is NaN or infinite is written as null.  With
 * JSON_PRETTY the elements of the outermost container go one per line.
 */
#ifndef MMS_CMD_JSON_H
#define MMS_CMD_JSON_H

#include <stdio.h>

#define JSON_MAX_DEPTH 32

enum { JSON_COMPACT = 0, JSON_PRETTY = 1 };

struct json {
	FILE *fp;
	int pretty;
	int depth;
	int count[JSON_MAX_DEPTH]; /* elements written in each open container */
	int after_key;
};

void json_init(struct json *j, FILE *fp, int pretty);
void json_begin_object(struct json *j);
void json_end_object(struct json *j);
void json_begin_array(struct json *j);
void json_end_array(struct json *j);
void json_key(struct json *j, const char *key);
/* A string; NULL is written as null. */
void json_str(struct json *j, const char *s);
void json_num(struct json *j, double v);
void json_int(struct json *j, long long v);
void json_bool(struct json *j, int v);
void json_null(struct json *j);
/* A key and its value in one call. */
void json_field_str(struct json *j, const char *key, const char *s);
void json_field_int(struct json *j, const char *key, long long v);
void json_field_num(struct json *j, const char *key, double v);
void json_field_bool(struct json *j, const char *key, int v);
/* Ends the document with a newline. */
void json_finish(struct json *j);

/* Formats V as a JSON number ("%.10g" with '.' whatever the locale). */
void json_format_number(char *buf, size_t size, double v);
/* Writes S as a JSON string literal (with its quotes) to FP. */
void json_write_string(FILE *fp, const char *s);

#endif
