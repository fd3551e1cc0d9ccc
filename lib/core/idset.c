#include <stdlib.h>

#include "idset.h"

static size_t slot_of(int64_t id, size_t cap)
{
	uint64_t h = (uint64_t)id * 0x9E3779B97F4A7C15ull;

	return (size_t)(h >> 17) & (cap - 1);
}

static int rehash(mms_idset *s, size_t cap)
{
	int64_t *slots = calloc(cap, sizeof(*slots));

	if (!slots)
		return -1;
	for (size_t i = 0; i < s->cap; i++) {
		if (!s->slots[i])
			continue;
		size_t j = slot_of(s->slots[i], cap);

		while (slots[j])
			j = (j + 1) & (cap - 1);
		slots[j] = s->slots[i];
	}
	free(s->slots);
	s->slots = slots;
	s->cap = cap;
	return 0;
}

int mms_idset_add(mms_idset *s, int64_t id)
{
	size_t j;

	if ((s->count + 1) * 2 > s->cap && rehash(s, s->cap ? s->cap * 2 : 64) < 0)
		return -1;
	j = slot_of(id, s->cap);
	while (s->slots[j]) {
		if (s->slots[j] == id)
			return 0;
		j = (j + 1) & (s->cap - 1);
	}
	s->slots[j] = id;
	s->count++;
	return 1;
}

int mms_idset_has(const mms_idset *s, int64_t id)
{
	size_t j;

	if (!s->cap)
		return 0;
	j = slot_of(id, s->cap);
	while (s->slots[j]) {
		if (s->slots[j] == id)
			return 1;
		j = (j + 1) & (s->cap - 1);
	}
	return 0;
}

void mms_idset_free(mms_idset *s)
{
	free(s->slots);
	s->slots = NULL;
	s->cap = s->count = 0;
}
