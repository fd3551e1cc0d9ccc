/* mms report as JSON: every figure, with its statistics. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "export.h"
#include "json.h"
#include "mms/words.h"
#include "report_int.h"
#include "table.h"

/* ---------------------------------------------------------------- json */

static void json_count(struct json *j, long v)
{
	if (v == MMS_REPORT_SUPPRESSED)
		json_str(j, SUPPRESSED_TEXT);
	else
		json_int(j, v);
}

static void json_share(struct json *j, long k, long n)
{
	if (k == MMS_REPORT_SUPPRESSED || n == MMS_REPORT_SUPPRESSED)
		json_str(j, SUPPRESSED_TEXT);
	else if (n <= 0)
		json_null(j);
	else
		json_num(j, (double)k / (double)n);
}

static void json_cell(struct json *j, const mms_report_cell *c)
{
	json_begin_object(j);
	json_key(j, "n");
	if (c->suppressed)
		json_str(j, SUPPRESSED_TEXT);
	else
		json_int(j, c->n);
	json_key(j, "success");
	if (c->suppressed || c->n == 0)
		json_null(j);
	else
		json_num(j, c->success);
	json_field_bool(j, "deficit", c->deficit);
	json_end_object(j);
}

static const struct json_member side_members[] = {
    JSON_M_STR("assessment", mms_report_side, assessment),
    JSON_M_STR("classes", mms_report_side, classes),
    JSON_M_LONG("n", mms_report_side, n),
    JSON_M_NUM("success", mms_report_side, success),
    JSON_M_LONG("district_n", mms_report_side, district_n),
    JSON_M_NUM("district_success", mms_report_side, district_success),
    JSON_M_END};
static const struct json_member assessment_members[] = {
    JSON_M_STR("id", mms_report_assessment, code),
    JSON_M_STR("kind", mms_report_assessment, kind),
    JSON_M_STR("subject", mms_report_assessment, subject),
    JSON_M_INT("grade", mms_report_assessment, grade),
    JSON_M_STR("date", mms_report_assessment, date),
    JSON_M_LONG("participants", mms_report_assessment, participants),
    JSON_M_END};
static const struct json_member marks_members[] = {
    JSON_M_STR("assessment", mms_report_assessment, code),
    JSON_M_LONG("marked", mms_report_assessment, marked),
    JSON_M_NUM("pass", mms_report_assessment, pass),
    JSON_M_NUM("quality", mms_report_assessment, quality),
    JSON_M_NUM("mean", mms_report_assessment, mean),
    JSON_M_NUM("higher_share", mms_report_assessment, higher_share),
    JSON_M_END};
static const struct json_member year_members[] = {
    JSON_M_STR("assessment", mms_report_year, assessment),
    JSON_M_STR("date", mms_report_year, date), JSON_M_NUM("pass", mms_report_year, pass),
    JSON_M_NUM("quality", mms_report_year, quality), JSON_M_END};
static const struct json_member question_members[] = {
    JSON_M_STR("question", mms_report_question, question),
    JSON_M_LONG("answers", mms_report_question, answers),
    JSON_M_NUM("mean", mms_report_question, mean), JSON_M_END};
static const struct json_member sign_members[] = {
    JSON_M_STR("assessment", mms_report_sign, assessment),
    JSON_M_STR("school", mms_report_sign, school),
    JSON_M_STR("school_name", mms_report_sign, school_name),
    JSON_M_STR("class", mms_report_sign, class_label),
    JSON_M_STR("sign", mms_report_sign, sign),
    JSON_M_END};
static const struct json_member school_members[] = {JSON_M_STR("code", mms_report_school, code),
                                                    JSON_M_STR("name", mms_report_school, name),
                                                    JSON_M_END};
static const struct json_member followup_members[] = {
    JSON_M_STR("teacher", mms_report_followup, teacher),
    JSON_M_STR("school", mms_report_followup, school),
    JSON_M_STR("skill", mms_report_followup, skill),
    JSON_M_STR("skill_text", mms_report_followup, skill_text),
    JSON_M_STR("form", mms_report_followup, form),
    JSON_M_STR("status", mms_report_followup, status),
    JSON_M_STR("done", mms_report_followup, done),
    JSON_M_END};
static const struct json_member did_members[] = {
    JSON_M_NUM("did", mms_report_followup, did), JSON_M_NUM("ci_low", mms_report_followup, ci_low),
    JSON_M_NUM("ci_high", mms_report_followup, ci_high), JSON_M_END};

static void json_side(struct json *j, const mms_report_side *s)
{
	json_begin_object(j);
	json_members(j, s, side_members);
	json_end_object(j);
}

void rp_print_json(FILE *fp, const mms_report *r)
{
	struct json j;

	json_init(&j, fp, JSON_PRETTY);
	json_begin_object(&j);
	json_field_str(&j, "date", r->today);
	json_field_bool(&j, "anonymous", r->anonymous);
	json_field_str(&j, "school", r->school);
	json_field_int(&j, "min_group", MMS_REPORT_MIN_GROUP);

	json_key(&j, "assessments");
	json_rows(&j, r->assessments, r->nassessments, sizeof(r->assessments[0]),
	          assessment_members);
	json_key(&j, "schools");
	json_rows(&j, r->schools, r->nschools, sizeof(r->schools[0]), school_members);
	json_key(&j, "marks");
	json_begin_array(&j);
	for (size_t a = 0; a < r->nassessments; a++) {
		const mms_report_assessment *as = &r->assessments[a];

		json_begin_object(&j);
		json_members(&j, as, marks_members);
		json_key(&j, "years");
		json_rows(&j, as->years, as->nyears, sizeof(as->years[0]), year_members);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_key(&j, "signs");
	json_rows(&j, r->signs, r->nsigns, sizeof(r->signs[0]), sign_members);
	json_key(&j, "satisfaction");
	json_rows(&j, r->questions, r->nquestions, sizeof(r->questions[0]), question_members);

	json_key(&j, "skills");
	json_begin_array(&j);
	for (size_t k = 0; k < r->nskills; k++) {
		const mms_report_skill *sk = &r->skills[k];

		json_begin_object(&j);
		json_field_str(&j, "assessment", r->assessments[sk->assessment].code);
		json_field_str(&j, "skill", sk->code);
		json_field_str(&j, "text", sk->text);
		json_field_str(&j, "kind", sk->kind);
		json_field_num(&j, "threshold", sk->threshold);
		json_key(&j, "district");
		json_cell(&j, &sk->district);
		json_key(&j, "schools");
		json_begin_object(&j);
		for (size_t i = 0; i < r->nschools; i++) {
			if (sk->schools[i].n == 0 && !sk->schools[i].suppressed)
				continue;
			json_key(&j, r->schools[i].code);
			json_cell(&j, &sk->schools[i]);
		}
		json_end_object(&j);
		json_end_object(&j);
	}
	json_end_array(&j);

	json_key(&j, "deficits");
	json_begin_object(&j);
	for (int sp = 0; sp < MMS_NSPREAD; sp++) {
		json_key(&j, mms_spread_key((enum mms_spread)sp));
		json_begin_object(&j);
		for (int k = 0; k < MMS_NKIND; k++) {
			json_key(&j, rp_kind_keys[k]);
			json_int(&j, r->deficits[sp][k]);
		}
		json_field_int(&j, "total", rp_total_deficits(r, sp));
		json_end_object(&j);
	}
	json_field_int(&j, "recurrent", r->recurrent);
	json_field_int(&j, "students_below_half", r->students_below);
	json_end_object(&j);

	json_key(&j, "funnel");
	json_begin_object(&j);
	for (int i = 0; i < MMS_NSTAGE; i++) {
		json_key(&j, rp_stage_keys[i]);
		json_count(&j, r->funnel[i]);
	}
	json_end_object(&j);

	json_key(&j, "coverage");
	json_begin_object(&j);
	json_field_str(&j, "year", r->year);
	json_key(&j, "teachers");
	json_count(&j, r->teachers);
	json_key(&j, "with_programme");
	json_count(&j, r->with_programme);
	json_key(&j, "share");
	json_share(&j, r->with_programme, r->teachers);
	json_key(&j, "young");
	json_count(&j, r->young);
	json_key(&j, "young_with_programme");
	json_count(&j, r->young_with_programme);
	json_key(&j, "young_share");
	json_share(&j, r->young_with_programme, r->young);
	json_field_num(&j, "young_target", 1.0);
	json_end_object(&j);

	json_key(&j, "competencies");
	json_begin_array(&j);
	for (size_t i = 0; i < r->ncompetencies; i++) {
		const mms_report_competency *c = &r->competencies[i];

		json_begin_object(&j);
		json_field_str(&j, "area", c->area);
		json_field_str(&j, "competency", c->name);
		json_key(&j, "teachers");
		json_count(&j, c->confirmed);
		json_key(&j, "needs");
		json_count(&j, c->needs);
		json_key(&j, "schools");
		json_begin_object(&j);
		for (size_t s = 0; s < r->nschools; s++) {
			if (c->schools[s] == 0)
				continue;
			json_key(&j, r->schools[s].code);
			json_count(&j, c->schools[s]);
		}
		json_end_object(&j);
		json_end_object(&j);
	}
	json_end_array(&j);

	json_key(&j, "indicators");
	json_begin_array(&j);
	for (size_t i = 0; i < r->nindicators; i++) {
		const mms_report_indicator *in = &r->indicators[i];

		json_begin_object(&j);
		json_key(&j, "number");
		if (in->number)
			json_int(&j, in->number);
		else
			json_null(&j);
		json_field_str(&j, "key", in->key);
		json_field_str(&j, "seed", in->seed_text);
		json_field_str(&j, "title", in->title);
		json_key(&j, "met");
		if (in->met == MMS_INDICATOR_NO_DATA)
			json_null(&j);
		else
			json_bool(&j, in->met == MMS_INDICATOR_YES);
		json_key(&j, "value");
		json_count(&j, in->value);
		json_key(&j, "of");
		if (in->of)
			json_count(&j, in->of);
		else
			json_null(&j);
		json_key(&j, "target");
		if (in->target > 0)
			json_num(&j, in->target);
		else
			json_null(&j);
		json_field_str(&j, "basis", in->basis);
		json_end_object(&j);
	}
	json_end_array(&j);

	json_key(&j, "followup");
	json_begin_object(&j);
	json_key(&j, "items");
	json_begin_array(&j);
	for (size_t i = 0; i < r->nfollowups; i++) {
		const mms_report_followup *f = &r->followups[i];

		json_begin_object(&j);
		json_members(&j, f, followup_members);
		json_key(&j, "before");
		json_side(&j, &f->before);
		json_key(&j, "after");
		json_side(&j, &f->after);
		json_members(&j, f, did_members);
		json_field_str(&j, "verdict", mms_followup_verdict_key(f->verdict));
		json_field_bool(&j, "chosen_low", f->chosen_low);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_key(&j, "counts");
	json_begin_object(&j);
	for (int v = 0; v < MMS_NFOLLOWUP; v++) {
		json_key(&j, mms_followup_verdict_key(v));
		json_count(&j, r->followup_counts[v]);
	}
	json_end_object(&j);
	json_key(&j, "pending");
	json_count(&j, r->followup_pending);
	json_key(&j, "in_progress");
	json_count(&j, r->followup_in_progress);
	json_key(&j, "chosen_low");
	json_count(&j, r->followup_chosen_low);
	json_key(&j, "note");
	if (r->followup_chosen_low != 0)
		json_str(&j, rp_regression_note());
	else
		json_null(&j);
	json_end_object(&j);

	json_end_object(&j);
	json_finish(&j);
}

/* ---------------------------------------------------------------- html */
