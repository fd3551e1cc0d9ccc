/* The codes of levels, verdicts, spreads and persistence, as stored and in JSON. */
#include <string.h>

#include "mms/deficits.h"

static const char *const levels[] = {NULL, "class", "school", "district"};
static const char *const verdicts[MMS_NVERDICT] = {"insufficient_data", "sufficient", "uncertain",
                                                   "deficit"};
static const char *const spreads[MMS_NSPREAD] = {"district", "school", "teacher", "class",
                                                 "individual"};
static const char *const persistences[] = {NULL, "new", "recurrent"};

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* The index of KEY among N NAMES, or -1. */
static int find(const char *const *names, int n, const char *key)
{
	for (int i = 0; key && i < n; i++)
		if (names[i] && !strcmp(names[i], key))
			return i;
	return -1;
}

const char *mms_level_key(enum mms_deficit_level l)
{
	return (int)l >= 0 && (int)l < NELEM(levels) ? levels[l] : NULL;
}

const char *mms_verdict_key(enum mms_verdict v)
{
	return (int)v >= 0 && (int)v < NELEM(verdicts) ? verdicts[v] : NULL;
}

const char *mms_spread_key(enum mms_spread s)
{
	return (int)s >= 0 && (int)s < NELEM(spreads) ? spreads[s] : NULL;
}

const char *mms_persistence_key(enum mms_persistence p)
{
	return (int)p >= 0 && (int)p < NELEM(persistences) ? persistences[p] : NULL;
}

enum mms_deficit_level mms_level_of(const char *key)
{
	int i = find(levels, NELEM(levels), key);

	return i < 0 ? MMS_LEVEL_ALL : (enum mms_deficit_level)i;
}

enum mms_verdict mms_verdict_of(const char *key)
{
	int i = find(verdicts, NELEM(verdicts), key);

	return i < 0 ? MMS_VERDICT_NO_DATA : (enum mms_verdict)i;
}

enum mms_spread mms_spread_of(const char *key)
{
	int i = find(spreads, NELEM(spreads), key);

	return i < 0 ? MMS_SPREAD_NONE : (enum mms_spread)i;
}

enum mms_persistence mms_persistence_of(const char *key)
{
	int i = find(persistences, NELEM(persistences), key);

	return i < 0 ? MMS_PERSISTENCE_NONE : (enum mms_persistence)i;
}
