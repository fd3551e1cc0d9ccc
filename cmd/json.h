/* A small streaming JSON writer for the commands' --format json. */
#ifndef MMS_JSON_H
#define MMS_JSON_H

#include <stdio.h>

struct json {
	FILE *fp;
	int depth;
	int first[32]; /* nothing written yet at this depth */
	int after_key;
	int pretty;
};

void json_init(struct json *j, FILE *fp);
void json_begin_object(struct json *j);
void json_end_object(struct json *j);
void json_begin_array(struct json *j);
void json_end_array(struct json *j);
void json_key(struct json *j, const char *key);
void json_str(struct json *j, const char *s); /* NULL writes null */
void json_int(struct json *j, long long v);
void json_num(struct json *j, double v); /* NaN and infinities write null */
void json_bool(struct json *j, int v);
void json_null(struct json *j);
/* Ends the document with a newline. */
void json_finish(struct json *j);

#endif
