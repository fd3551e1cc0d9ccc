/* Every public _free() takes NULL, as free() does (CONVENTIONS.md). */
#include "helpers.h"
#include "mms/deficits.h"
#include "mms/iop.h"
#include "mms/list.h"
#include "mms/report.h"
#include "mms/results.h"
#include "mms/roster.h"
#include "mms/teacher_card.h"
#include "mms/teachers.h"

static void test_free_null(void **state)
{
	(void)state;
	mms_deficit_iter_free(NULL);
	mms_resources_free(NULL);
	mms_iop_set_free(NULL);
	mms_order_free(NULL);
	mms_list_free(NULL);
	mms_report_free(NULL);
	mms_results_stats_free(NULL);
	mms_roster_stats_free(NULL);
	mms_teacher_card_free(NULL);
	mms_hyp_list_free(NULL);
	mms_collective_list_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_free_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
