/* The words for statuses and kinds: one table for what is printed and what is accepted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "mms/words.h"
#include "text.h"

struct word {
	enum mms_words group;
	const char *code;
	const char *text; /* the English word, a msgid */
	const char *ru;   /* the Russian words accepted, '|'-separated */
};

static const struct word words[] = {
    {MMS_WORDS_STATUS, "planned", N_("planned"), "запланировано|запланирован|запланирована"},
    {MMS_WORDS_STATUS, "in-progress", N_("in progress"), "выполняется|в работе|начато|начат"},
    {MMS_WORDS_STATUS, "done", N_("done"), "выполнено|выполнен|выполнена|завершено"},
    {MMS_WORDS_STATUS, "dropped", N_("dropped"), "отменено|отменён|отменен|отменена|снято"},
    {MMS_WORDS_FORM, "school", N_("school"), "школа|в школе"},
    {MMS_WORDS_FORM, "network", N_("network"), "сеть|сеть района"},
    {MMS_WORDS_FORM, "course", N_("course"), "курс"},
    {MMS_WORDS_KIND, "mentor", N_("mentor"), "наставник|наставничество"},
    {MMS_WORDS_KIND, "seminar", N_("seminar"), "семинар"},
    {MMS_WORDS_KIND, "rmo", N_("РМО"), "рмо|методическое объединение"},
    {MMS_WORDS_KIND, "internship", N_("internship site"),
     "стажировка|стажировочная площадка|стажёрская площадка"},
    {MMS_WORDS_KIND, "course", N_("course"), "курс|курсы"},
    {MMS_WORDS_KIND, "methodologist", N_("methodologist"), "методист|методист района"},
    {MMS_WORDS_HYPOTHESIS, "hypothesis", N_("hypothesis"), "гипотеза"},
    {MMS_WORDS_HYPOTHESIS, "confirmed", N_("confirmed"), "подтверждено|подтверждён"},
    {MMS_WORDS_HYPOTHESIS, "rejected", N_("rejected"), "не подтверждено|отклонено"},
    {MMS_WORDS_HYPOTHESIS, "need", N_("need"), "потребность"},
    {MMS_WORDS_HYPOTHESIS, "declined", N_("declined"), "не принято|отказ"},
    {MMS_WORDS_SKILL, "subject", N_("subject-specific"), "предметное|предметный"},
    {MMS_WORDS_SKILL, "meta", N_("meta-subject (УУД)"), "метапредметное|метапредметный|ууд"},
    {MMS_WORDS_SKILL, "literacy", N_("functional literacy"),
     "функциональная грамотность|грамотность"},
    {MMS_WORDS_VERDICT, "deficit", N_("DEFICIT"), "дефицит"},
    {MMS_WORDS_VERDICT, "uncertain", N_("uncertain zone"), "зона неопределённости"},
    {MMS_WORDS_VERDICT, "sufficient", N_("sufficient"), "достаточно"},
    {MMS_WORDS_VERDICT, "insufficient_data", N_("too few to judge"), "мало данных"},
    {MMS_WORDS_SPREAD, "district", N_("district-wide"), "по району|районный"},
    {MMS_WORDS_SPREAD, "school", N_("school-wide"), "по школе|школьный"},
    {MMS_WORDS_SPREAD, "teacher", N_("teacher's"), "учителя"},
    {MMS_WORDS_SPREAD, "class", N_("class-specific"), "класса"},
    {MMS_WORDS_SPREAD, "individual", N_("individual"), "индивидуальный"},
    {MMS_WORDS_PERSISTENCE, "new", N_("new"), "новый"},
    {MMS_WORDS_PERSISTENCE, "recurrent", N_("recurrent"), "повторяющийся"},
    {MMS_WORDS_SIGN, "boundary", N_("a peak at a mark's lowest score"), "пик на границе отметки"},
    {MMS_WORDS_SIGN, "raised", N_("marks of the work above the journal's"), "повышение отметок"},
    {MMS_WORDS_SIGN, "history", N_("far above the school's previous year"),
     "резкий рост результатов"},
    {MMS_WORDS_EVENT, "seminar", N_("seminar"), "семинар"},
    {MMS_WORDS_EVENT, "rmo", N_("РМО meeting"), "рмо|заседание рмо"},
    {MMS_WORDS_EVENT, "shmo", N_("ШМО meeting"), "шмо|заседание шмо"},
    {MMS_WORDS_EVENT, "council", N_("methodological council"),
     "методический совет|мс|заседание методического совета"},
    {MMS_WORDS_EVENT, "publication", N_("publication"), "публикация"},
    {MMS_WORDS_EVENT, "decision", N_("management decision"),
     "решение|управленческое решение|приказ|распоряжение"},
    {MMS_WORDS_EVENT, "raop", N_("practice submitted to РАОП"), "раоп|практика в раоп"},
    {MMS_WORDS_EVENT, "raop_support", N_("expert support of a РАОП practice"),
     "сопровождение раоп|экспертное сопровождение"},
    {MMS_WORDS_EVENT, "status", N_("status awarded"), "статус|учитель-методист|учитель-наставник"},
    {MMS_WORDS_EVENT, "creative_group", N_("creative group"), "творческая группа"},
    {MMS_WORDS_EVENT, "monitoring", N_("monitoring of a school's quality system"),
     "мониторинг|мониторинг всоко"},
};

#define NWORDS (sizeof(words) / sizeof(words[0]))

const char *mms_word(enum mms_words group, const char *code)
{
	if (!code)
		return "";
	for (size_t i = 0; i < NWORDS; i++)
		if (words[i].group == group && !strcmp(words[i].code, code))
			return _(words[i].text);
	return code;
}

/* Whether KEY (normalised) is one of the '|'-separated WORDS, normalised too. */
static int among(const char *key, const char *list)
{
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, "|");
		char one[96], *k;
		int same;

		if (n >= sizeof(one))
			n = sizeof(one) - 1;
		memcpy(one, p, n);
		one[n] = '\0';
		k = mms_key(one);
		same = k && !strcmp(k, key);
		free(k);
		if (same)
			return 1;
		p += n + (p[n] == '|');
	}
	return 0;
}

const char *mms_word_code(enum mms_words group, const char *input)
{
	char *key = input ? mms_key(input) : NULL;
	const char *code = NULL;

	if (!key)
		return NULL;
	for (size_t i = 0; i < NWORDS && !code; i++) {
		if (words[i].group != group)
			continue;
		if (among(key, words[i].code) || among(key, words[i].text) ||
		    among(key, _(words[i].text)) || among(key, words[i].ru))
			code = words[i].code;
	}
	free(key);
	return code;
}

const char *mms_word_codes(enum mms_words group)
{
	static char buf[MMS_WORDS_EVENT + 1][200];
	char *b = buf[group];

	if (!b[0])
		for (size_t i = 0; i < NWORDS; i++)
			if (words[i].group == group)
				snprintf(b + strlen(b), sizeof(buf[0]) - strlen(b), "%s%s",
				         b[0] ? ", " : "", words[i].code);
	return b;
}
