/* Packed task scores (participant.scores). */
#include <math.h>
#include <string.h>

#include "helpers.h"
#include "results/packed.h"

static void pack_and_unpack(void **state)
{
	unsigned char blob[6];
	double s;
	int a;

	(void)state;
	mms_score_pack(blob, 1, 1);
	mms_score_pack(blob + 2, 0.5, 1);
	mms_score_pack(blob + 4, 0, 0);
	/* big-endian hundredths, high bit for "not attempted" */
	assert_int_equal(blob[0], 0x00);
	assert_int_equal(blob[1], 100);
	assert_int_equal(blob[3], 50);
	assert_int_equal(blob[4], 0x80);
	assert_int_equal(mms_score_unpack(blob, 6, 0, &s, &a), 1);
	assert_true(s == 1.0 && a == 1);
	assert_int_equal(mms_score_unpack(blob, 6, 1, &s, &a), 1);
	assert_true(s == 0.5 && a == 1);
	assert_int_equal(mms_score_unpack(blob, 6, 2, &s, &a), 1);
	assert_true(s == 0.0 && a == 0);
}

static void slots_outside_the_blob(void **state)
{
	unsigned char blob[4] = {0};
	double s;
	int a;

	(void)state;
	assert_int_equal(mms_score_unpack(blob, 4, 2, &s, &a), 0);
	assert_int_equal(mms_score_unpack(blob, 4, -1, &s, &a), 0);
	assert_int_equal(mms_score_unpack(NULL, 0, 0, &s, &a), 0);
	assert_int_equal(mms_score_unpack(blob, 3, 3, &s, &a), 0); /* narrow: 3 slots */
	assert_int_equal(mms_score_unpack(blob, 3, -1, &s, &a), 0);
}

static void rounding_and_clamping(void **state)
{
	unsigned char b[2];
	double s;
	int a;

	(void)state;
	mms_score_pack(b, 2.345, 1); /* hundredths, rounded */
	mms_score_unpack(b, 2, 0, &s, &a);
	assert_true(s > 2.339 && s < 2.351);
	mms_score_pack(b, 1000, 1); /* clamped below the flag bit */
	mms_score_unpack(b, 2, 0, &s, &a);
	assert_true(a == 1 && s > 327.6 && s < 327.7);
	mms_score_pack(b, -1, 1);
	mms_score_unpack(b, 2, 0, &s, &a);
	assert_true(s == 0.0);
	/* half a hundredth away from zero, as lround(); what is not a number as 0 */
	for (double v = 0; v < 400; v += 0.005) {
		mms_score_pack(b, v, 1);
		assert_int_equal((unsigned)b[0] << 8 | b[1],
		                 v * 100 >= 32767 ? 32767 : (unsigned)lround(v * 100));
	}
	mms_score_pack(b, NAN, 1);
	assert_int_equal(b[0] << 8 | b[1], 0);
	mms_score_pack(b, INFINITY, 1);
	assert_int_equal(b[0] << 8 | b[1], 32767);
}

/* A score put from its hundredths is the score put, in either layout, attempted or not;
   and fits the narrow layout as the score does. */
static void put_from_hundredths(void **state)
{
	(void)state;
	for (double v = -1; v < 400; v += 0.125)
		for (int narrow = 0; narrow < 2; narrow++)
			for (int attempted = 0; attempted < 2; attempted++) {
				unsigned char a[8] = {0}, b[8] = {0};
				long centi = mms_score_centi(v);

				assert_int_equal(mms_score_narrow_centi(centi),
				                 mms_score_narrow(v));
				if (narrow && !mms_score_narrow(v))
					continue;
				mms_score_put(a, narrow, 2, v, attempted);
				mms_score_put_centi(b, narrow, 2, centi, attempted);
				assert_memory_equal(a, b, sizeof(a));
			}
}

/* Whole and half points up to 63 take a byte a slot, in an odd length; the rest two. */
static void narrow_layout(void **state)
{
	unsigned char b[8];
	double s;
	int a;

	(void)state;
	assert_true(mms_score_narrow(0) && mms_score_narrow(3) && mms_score_narrow(0.5));
	assert_true(mms_score_narrow(63));
	assert_true(mms_score_narrow(2.001)); /* 2.00 as kept, in hundredths */
	assert_false(mms_score_narrow(0.25) || mms_score_narrow(63.5) || mms_score_narrow(2.01));
	assert_int_equal(mms_scores_length(3, 1), 3);
	assert_int_equal(mms_scores_length(4, 1), 5); /* a last byte of padding */
	assert_int_equal(mms_scores_length(1, 1), 1);
	assert_int_equal(mms_scores_length(4, 0), 8);
	memset(b, 0xEE, sizeof(b));
	assert_int_equal(mms_scores_begin(b, 4, 1), 5);
	assert_int_equal(b[4], MMS_SCORE_NARROW_NONE); /* the padding */
	mms_score_put(b, 1, 0, 2, 1);
	mms_score_put(b, 1, 1, 0, 0);
	mms_score_put(b, 1, 2, 1.5, 1);
	mms_score_put(b, 1, 3, 63, 1);
	assert_int_equal(b[0], 4); /* half points */
	assert_int_equal(b[1], 0x80);
	assert_int_equal(b[2], 3);
	assert_int_equal(b[3], 126);
	assert_int_equal(b[5], 0xEE); /* nothing written past the length */
	assert_int_equal(mms_score_unpack(b, 5, 0, &s, &a), 1);
	assert_true(s == 2.0 && a == 1);
	assert_int_equal(mms_score_unpack(b, 5, 1, &s, &a), 1);
	assert_true(s == 0.0 && a == 0);
	assert_int_equal(mms_score_unpack(b, 5, 2, &s, &a), 1);
	assert_true(s == 1.5 && a == 1);
	assert_int_equal(mms_score_unpack(b, 5, 3, &s, &a), 1);
	assert_true(s == 63 && a == 1);
	/* the padding is no slot: one added to the assessment later is missing */
	assert_int_equal(mms_score_unpack(b, 5, 4, &s, &a), 0);
	assert_int_equal(mms_score_unpack(b, 5, 5, &s, &a), 0);
	assert_int_equal(mms_score_unpack(b, 3, 3, &s, &a), 0);
	/* the wide layout of the same slots reads the same */
	assert_int_equal(mms_scores_begin(b, 2, 0), 4);
	assert_int_equal(mms_score_unpack(b, 4, 1, &s, &a), 1);
	assert_true(s == 0.0 && a == 1);
	mms_score_put(b, 0, 0, 2, 1);
	mms_score_put(b, 0, 1, 0, 0);
	assert_int_equal(mms_score_unpack(b, 4, 0, &s, &a), 1);
	assert_true(s == 2.0 && a == 1);
	assert_int_equal(mms_score_unpack(b, 4, 1, &s, &a), 1);
	assert_true(s == 0.0 && a == 0);
	/* every value the narrow layout holds reads back as packed */
	for (int v = 0; v <= MMS_SCORE_NARROW_MAX; v++) {
		mms_score_put(b, 1, 0, v / 2.0, v % 2);
		assert_int_equal(mms_score_unpack(b, 1, 0, &s, &a), 1);
		assert_true(s == v / 2.0 && a == v % 2);
	}
}

/* The SQL view "score" decodes the same bytes as mms_score_unpack(). */
static void view_agrees(void **state)
{
	char *path;
	mms_db *db = t_db(&path);
	unsigned char blob[4];

	(void)state;
	mms_score_pack(blob, 2.5, 1);
	mms_score_pack(blob + 2, 0, 0);
	assert_int_equal(mms_exec(db, "INSERT INTO school VALUES (1, 'e1', 'Ш', 'ш');"
	                              "INSERT INTO subject VALUES (1, 'М', 'м');"
	                              "INSERT INTO assessment(id, code, kind, subject_id, grade) "
	                              "VALUES (1, 'a', 'ВПР', 1, 5);"
	                              "INSERT INTO task VALUES (1, 1, '1', '1', 1, 3, 'Б', 0);"
	                              "INSERT INTO task VALUES (2, 1, '2', '2', 2, 1, 'Б', 1);"),
	                 MMS_OK);
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(db->sql,
	                                    "INSERT INTO participant(id, assessment_id, school_id, "
	                                    "code, scores) VALUES (1, 1, 1, 'c', ?1)",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_blob(st, 1, blob, 4, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	assert_int_equal(t_int(db, "SELECT score * 10 FROM score WHERE task_id = 1"), 25);
	assert_int_equal(t_int(db, "SELECT attempted FROM score WHERE task_id = 1"), 1);
	assert_int_equal(t_int(db, "SELECT attempted FROM score WHERE task_id = 2"), 0);
	assert_int_equal(t_int(db, "SELECT count(*) FROM score"), 2);
	/* the narrow layout: 1.5 points, and 1 not attempted, of two slots and a padding byte */
	assert_int_equal(mms_exec(db, "INSERT INTO participant(id, assessment_id, school_id, "
	                              "code, scores) VALUES (2, 1, 1, 'd', X'0382FF')"),
	                 MMS_OK);
	assert_int_equal(t_int(db, "SELECT score * 10 FROM score WHERE participant_id = 2 "
	                           "AND task_id = 1"),
	                 15);
	assert_int_equal(t_int(db, "SELECT attempted FROM score WHERE participant_id = 2 "
	                           "AND task_id = 1"),
	                 1);
	assert_int_equal(t_int(db, "SELECT score * 10 + attempted FROM score WHERE "
	                           "participant_id = 2 AND task_id = 2"),
	                 10);
	assert_string_equal(t_text(db, "SELECT group_concat(typeof(score)) FROM score"),
	                    "real,real,real,real");
	assert_int_equal(t_int(db, "SELECT count(*) FROM score"), 4);
	/* a third task described later: no score of the rows stored before, in either layout */
	assert_int_equal(mms_exec(db, "INSERT INTO task VALUES (3, 1, '3', '3', 3, 1, 'Б', 2)"),
	                 MMS_OK);
	assert_int_equal(t_int(db, "SELECT count(*) FROM score"), 4);
	assert_int_equal(t_int(db, "SELECT count(*) FROM score WHERE task_id = 3"), 0);
	mms_db_close(db);
	t_remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(pack_and_unpack),       cmocka_unit_test(slots_outside_the_blob),
	    cmocka_unit_test(rounding_and_clamping), cmocka_unit_test(narrow_layout),
	    cmocka_unit_test(view_agrees),           cmocka_unit_test(put_from_hundredths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
