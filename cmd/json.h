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

#include <stddef.h>
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

/*
 * The members of an object read from a struct by a table, ended by an entry
 * whose key is NULL: a command describes its rows once instead of a call a
 * field.
 *
 *	static const struct json_member cols[] = {
 *	    JSON_M_STR("teacher", mms_hyp, teacher), JSON_M_NUM("success", mms_hyp, success),
 *	    JSON_M_END};
 *	json_begin_object(&j);
 *	json_members(&j, h, cols);
 *	json_end_object(&j);
 *
 * Each macro checks at compile time that the field has the type it says.
 */
enum json_type {
	JSON_STR,   /* const char *, NULL written as null */
	JSON_INT,   /* int */
	JSON_LONG,  /* long (int64_t here) */
	JSON_LLONG, /* long long */
	JSON_NUM,   /* double, NaN written as null */
	JSON_BOOL,  /* int, 0 or not */
	JSON_COUNT, /* int, null when 0 or less (hours not given, a priority not set) */
	JSON_ENUM   /* an enum, written as name(value): its code, null for NULL */
};
struct json_member {
	const char *key;
	enum json_type type;
	size_t off;
	const char *(*name)(int value); /* JSON_ENUM */
};
/* clang-format off */
#define JSON_M_IS(st, f, ...) (0 * sizeof(char[_Generic(((st *)0)->f, __VA_ARGS__, default: -1)]))
#define JSON_M(k, t, st, f, ...) {(k), (t), offsetof(st, f) + JSON_M_IS(st, f, __VA_ARGS__), NULL}
/* an enum field (of int's size), written by N, a function of its value */
#define JSON_M_ENUM(k, st, f, n) {(k), JSON_ENUM, offsetof(st, f) + 0 * sizeof(char[sizeof(((st *)0)->f) == sizeof(int) ? 1 : -1]), (n)}
#define JSON_M_STR(k, st, f) JSON_M(k, JSON_STR, st, f, const char *: 1, char *: 1)
#define JSON_M_INT(k, st, f) JSON_M(k, JSON_INT, st, f, int: 1)
#define JSON_M_LONG(k, st, f) JSON_M(k, JSON_LONG, st, f, long: 1)
#define JSON_M_LLONG(k, st, f) JSON_M(k, JSON_LLONG, st, f, long long: 1)
#define JSON_M_NUM(k, st, f) JSON_M(k, JSON_NUM, st, f, double: 1)
#define JSON_M_BOOL(k, st, f) JSON_M(k, JSON_BOOL, st, f, int: 1)
#define JSON_M_COUNT(k, st, f) JSON_M(k, JSON_COUNT, st, f, int: 1)
#define JSON_M_END {NULL, JSON_STR, 0, NULL}
/* clang-format on */
void json_members(struct json *j, const void *rec, const struct json_member *m);
/* An array of N objects, one for each struct of SIZE bytes from BASE. */
void json_rows(struct json *j, const void *base, size_t n, size_t size,
               const struct json_member *m);

/* Ends the document with a newline. */
void json_finish(struct json *j);

/* Formats V as a JSON number ("%.10g" with '.' whatever the locale). */
void json_format_number(char *buf, size_t size, double v);
/* Writes S as a JSON string literal (with its quotes) to FP. */
void json_write_string(FILE *fp, const char *s);

#endif
