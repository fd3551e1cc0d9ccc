#include <stdlib.h>
#include <string.h>

#include "input/source.h"
#include "mms/teachers.h"
#include "spec/spec_internal.h"
#include "text.h"

int mms_skill_competency(mms_db *db, int64_t skill, char **area, char **name)
{
	sqlite3_stmt *st;
	char *hay = NULL;
	size_t best = 0;
	int rc, have = 0;

	*area = *name = NULL;
	rc = mms_prepare(db, &st,
	                 "SELECT c.match, c.area, c.name, s.kind_text || ' ' || s.text "
	                 "FROM skill s JOIN competency c ON c.skill_kind = s.kind "
	                 "WHERE s.id = ?1 ORDER BY c.id");
	if (rc != MMS_OK)
		return rc;
	sqlite3_bind_int64(st, 1, skill);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *match = (const char *)sqlite3_column_text(st, 0);
		size_t len;

		if (!hay) {
			hay = mms_key((const char *)sqlite3_column_text(st, 3));
			if (!hay) {
				rc = mms_oom(db);
				break;
			}
		}
		len = strlen(match);
		if (len > 0) {
			char *mk = mms_key(match);
			int hit = mk && strstr(hay, mk) != NULL;

			free(mk);
			if (!hit)
				continue;
		}
		if (have && len <= best)
			continue;
		free(*area);
		free(*name);
		*area = strdup((const char *)sqlite3_column_text(st, 1));
		*name = strdup((const char *)sqlite3_column_text(st, 2));
		if (!*area || !*name) {
			rc = mms_oom(db);
			break;
		}
		best = len;
		have = 1;
	}
	sqlite3_finalize(st);
	free(hay);
	if (rc == MMS_OK && !have)
		rc = mms_fail(db, MMS_ENOTFOUND,
		              _("the competency table has no row for this kind of skill"));
	if (rc != MMS_OK) {
		free(*area);
		free(*name);
		*area = *name = NULL;
	}
	return rc;
}

static const char *const n_kind[] = {"Вид умения", "Skill kind", "Kind", NULL};
static const char *const n_match[] = {"Уточнение", "Match", "Stem", NULL};
static const char *const n_area[] = {"Область", "Область компетенции", "Area", NULL};
static const char *const n_name[] = {"Компетенция", "Competency", NULL};
static const mms_column comp_cols[] = {{n_kind, 1}, {n_match, 0}, {n_area, 1}, {n_name, 1}};

static const char *area_parse(const char *s)
{
	static const struct {
		const char *stem, *area;
	} areas[] = {{"предмет", "предметная"},
	             {"метод", "методическая"},
	             {"психолог", "психолого-педагогическая"},
	             {"коммуник", "коммуникативная"},
	             {"subject", "предметная"},
	             {"method", "методическая"},
	             {"psycholog", "психолого-педагогическая"},
	             {"communicat", "коммуникативная"}};
	char *k = mms_key(s);
	const char *r = NULL;

	for (size_t i = 0; k && !r && i < sizeof(areas) / sizeof(areas[0]); i++)
		if (strncmp(k, areas[i].stem, strlen(areas[i].stem)) == 0)
			r = areas[i].area;
	free(k);
	return r;
}

int mms_competencies_import(mms_db *db, const char *file, enum mms_encoding enc, const char *sheet,
                            int *rows)
{
	sqlite3_stmt *ins = NULL;
	mms_src *c = NULL;
	mms_row *row;
	int map[4], rc, bad = 0;
	size_t width;

	*rows = 0;
	mms_diag_clear(db);
	rc = mms_tx_begin(db);
	if (rc != MMS_OK)
		return rc;
	rc = mms_exec(db, "DELETE FROM competency");
	if (rc == MMS_OK)
		rc = mms_prepare(db, &ins,
		                 "INSERT INTO competency(skill_kind, match, area, name) "
		                 "VALUES (?1, ?2, ?3, ?4)");
	if (rc == MMS_OK)
		rc = mms_src_open(db, file, enc, sheet, &c);
	if (rc == MMS_OK)
		rc = mms_src_header(db, c, comp_cols, 4, map, &row);
	if (rc != MMS_OK)
		goto out;
	width = row->n;
	while ((rc = mms_src_next(c, &row)) == 1) {
		const char *kind, *area;

		if (mms_row_blank(row))
			continue;
		rc = mms_src_fit(db, c, &row, width);
		if (rc == MMS_EDATA) {
			bad = 1;
			continue;
		}
		if (rc != MMS_OK)
			goto out;
		if (mms_skill_kind_parse(row->f[map[0]], &kind) != 0 || !row->f[map[0]][0]) {
			mms_diag_cell(
			    db, c, row->line, map[0],
			    _("kind of skill '%s' is none of: предметное, метапредметное (УУД), "
			      "функциональная грамотность"),
			    row->f[map[0]]);
			bad = 1;
			continue;
		}
		area = area_parse(row->f[map[2]]);
		if (!area) {
			mms_diag_cell(db, c, row->line, map[2],
			              _("area '%s' is none of: предметная, методическая, "
			                "психолого-педагогическая, коммуникативная"),
			              row->f[map[2]]);
			bad = 1;
			continue;
		}
		if (!row->f[map[3]][0]) {
			mms_diag_cell(db, c, row->line, map[3], _("the competency is empty"));
			bad = 1;
			continue;
		}
		sqlite3_bind_text(ins, 1, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, map[1] >= 0 ? row->f[map[1]] : "", -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 3, area, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 4, row->f[map[3]], -1, SQLITE_TRANSIENT);
		rc = mms_step_done(db, ins);
		if (rc != MMS_OK)
			goto out;
		(*rows)++;
	}
	if (rc == 0) {
		rc = MMS_OK;
		/* every kind of skill must keep a general row */
		if (!bad) {
			static const char *const kinds[] = {"subject", "meta", "literacy"};

			for (int i = 0; i < 3; i++) {
				sqlite3_stmt *chk;
				int have = 0;

				rc = mms_prepare(db, &chk,
				                 "SELECT 1 FROM competency WHERE skill_kind = ?1 "
				                 "AND match = ''");
				if (rc != MMS_OK)
					goto out;
				sqlite3_bind_text(chk, 1, kinds[i], -1, SQLITE_STATIC);
				have = sqlite3_step(chk) == SQLITE_ROW;
				sqlite3_finalize(chk);
				if (!have) {
					mms_diag(db, file, 0,
					         _("no general row (empty Уточнение) for the kind "
					           "'%s': every kind of skill needs one"),
					         kinds[i]);
					bad = 1;
				}
			}
		}
	}
out:
	sqlite3_finalize(ins);
	mms_src_close(c);
	if (rc == MMS_OK && bad)
		rc = mms_fail(db, MMS_EDATA,
		              _("the competency table has errors; nothing was imported"));
	return mms_tx_end(db, rc);
}
