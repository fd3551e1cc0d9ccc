/* Parsers of the description's values that other readers share. */
#ifndef MMS_SPEC_INTERNAL_H
#define MMS_SPEC_INTERNAL_H

/* "Б", "базовый", "b"… → "Б" (likewise П, В); -1 if S is no level. */
int mms_level_parse(const char *s, const char **level);
/* Free text of a kind of skill → "subject", "meta" or "literacy"; -1 if unknown. */
int mms_skill_kind_parse(const char *s, const char **kind);
/* 1 if S is a valid date YYYY-MM-DD. */
int mms_date_valid(const char *s);
/* A date given as YYYY-MM-DD or ДД.ММ.ГГГГ into OUT as YYYY-MM-DD; 0, or -1 if it is none. */
int mms_date_parse(const char *s, char out[11]);

#endif
