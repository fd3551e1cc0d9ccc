/* Classes of a results file: labels, ordinals and maps. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "results/internal.h"
#include "text.h"

int rs_parse_class_map(struct imp *x)
{
	char *copy, *save = NULL, *tok;

	if (!x->o->class_map)
		return MMS_OK;
	copy = strdup(x->o->class_map);
	if (!copy)
		return rs_oom(x);
	for (tok = strtok_r(copy, ",;", &save); tok; tok = strtok_r(NULL, ",;", &save)) {
		char *eq = strchr(tok, '=');
		struct class_map *m;

		if (!eq) {
			free(copy);
			return mms_fail(x->db, MMS_EUSAGE,
			                _("--class-map: '%s' is not ORDINAL=LABEL (e.g. 1=5А)"),
			                tok);
		}
		*eq = '\0';
		m = realloc(x->cmap, (x->ncmap + 1) * sizeof(*m));
		if (!m) {
			free(copy);
			return rs_oom(x);
		}
		x->cmap = m;
		x->cmap[x->ncmap].ordinal = strdup(mms_trim(tok));
		x->cmap[x->ncmap].label = strdup(mms_trim(eq + 1));
		x->ncmap++;
		if (!x->cmap[x->ncmap - 1].ordinal || !x->cmap[x->ncmap - 1].label) {
			free(copy);
			return rs_oom(x);
		}
	}
	free(copy);
	return MMS_OK;
}

int rs_resolve_class(struct imp *x, long line, int col, int64_t school, const char *value,
                     int64_t *klass)
{
	const char *label = value;
	char *key;
	int rc;

	*klass = 0;
	if (!value[0]) {
		mms_diag_cell(x->db, x->src, line, col, _("the class is empty"));
		return MMS_EDATA;
	}
	/* rows come class by class: the same text as the last row's is the same class */
	if (x->last_class && x->last_class_school == school && x->last_class_value &&
	    strcmp(x->last_class_value, value) == 0) {
		*klass = x->last_class;
		return MMS_OK;
	}
	/* an ordinal such as "1" needs the school's mapping: never guess */
	if (strspn(value, "0123456789") == strlen(value)) {
		label = NULL;
		for (size_t i = 0; i < x->ncmap; i++)
			if (strcmp(x->cmap[i].ordinal, value) == 0)
				label = x->cmap[i].label;
		if (!label) {
			mms_diag_cell(
			    x->db, x->src, line, col,
			    _("class '%s' is a number, not a label like 5А: give --class-map "
			      "%s=LABEL"),
			    value, value);
			return MMS_EDATA;
		}
	}
	key = mms_class_key(label);
	if (!key)
		return rs_oom(x);
	for (size_t i = 0; i < x->nclasses; i++) {
		if (x->classes[i].school == school && strcmp(x->classes[i].key, key) == 0) {
			*klass = x->classes[i].id;
			free(key);
			goto found;
		}
	}
	sqlite3_bind_int64(x->find_class, 1, school);
	sqlite3_bind_text(x->find_class, 2, key, -1, SQLITE_STATIC);
	rc = rs_lookup_id(x, x->find_class, klass);
	if (rc != MMS_OK) {
		free(key);
		return rc;
	}
	{
		struct class_entry *e = realloc(x->classes, (x->nclasses + 1) * sizeof(*e));

		if (!e) {
			free(key);
			return rs_oom(x);
		}
		x->classes = e;
		x->classes[x->nclasses].school = school;
		x->classes[x->nclasses].key = key;
		x->classes[x->nclasses].id = *klass;
		x->nclasses++;
	}
found:
	if (!*klass) {
		mms_diag_cell(x->db, x->src, line, col,
		              _("class '%s' is not in the school's roster (import-roster)"), label);
		return MMS_EDATA;
	}
	free(x->last_class_value);
	x->last_class_value = strdup(value);
	x->last_class_school = school;
	x->last_class = x->last_class_value ? *klass : 0;
	return MMS_OK;
}

