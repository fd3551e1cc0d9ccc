/*
 * The one place for the schema.  Migrations are append-only: never edit one
 * that has been released, add the next.  migrations[i] takes the database
 * from user_version i to i + 1; all pending ones run in one transaction.
 */
#include <stdio.h>

#include "internal.h"

/*
 * The view of the scores one per row, for ad-hoc queries: both layouts of
 * participant.scores (results/packed.h), the narrow one's padding (FF, no
 * slot's) skipped (migration 22; again after participant is rebuilt, 25).
 */
#define SQL_SCORE_VIEW                                                                             \
	"CREATE VIEW score(participant_id, task_id, score, attempted) AS"                          \
	"  SELECT pid, tid, CASE WHEN wide THEN (v % 32768) / 100.0 ELSE (v % 128) / 2.0 END,"     \
	"    v < CASE WHEN wide THEN 32768 ELSE 128 END FROM ("                                    \
	"    SELECT pid, tid, wide, CASE WHEN wide THEN"                                           \
	"      (instr('0123456789ABCDEF', substr(h, 1, 1)) - 1) * 4096 +"                          \
	"      (instr('0123456789ABCDEF', substr(h, 2, 1)) - 1) * 256 +"                           \
	"      (instr('0123456789ABCDEF', substr(h, 3, 1)) - 1) * 16 +"                            \
	"      (instr('0123456789ABCDEF', substr(h, 4, 1)) - 1) ELSE"                              \
	"      (instr('0123456789ABCDEF', substr(h, 1, 1)) - 1) * 16 +"                            \
	"      (instr('0123456789ABCDEF', substr(h, 2, 1)) - 1) END AS v FROM ("                   \
	"        SELECT p.id AS pid, t.id AS tid, length(p.scores) % 2 = 0 AS wide,"               \
	"          hex(CASE WHEN length(p.scores) % 2 = 0 THEN "                                   \
	"substr(p.scores, 2 * t.slot + 1, 2)"                                                      \
	"            ELSE substr(p.scores, t.slot + 1, 1) END) AS h"                               \
	"        FROM participant p JOIN task t ON t.assessment_id = p.assessment_id"              \
	"        WHERE p.scores IS NOT NULL AND length(p.scores) >= CASE length(p.scores) % 2"     \
	"          WHEN 0 THEN 2 * t.slot + 2 ELSE t.slot + 1 END)"                                \
	"      WHERE wide OR h <> 'FF');"

/* A participant of participant as migrations 1 and 25 make it: the assessment,
   school, class and code, the variant, whether absent, and the import that wrote it. */
#define SQL_PARTICIPANT_WHO                                                                        \
	"  assessment_id INTEGER NOT NULL REFERENCES assessment(id),"                              \
	"  school_id INTEGER NOT NULL REFERENCES school(id),"                                      \
	"  class_id INTEGER REFERENCES class(id),"                                                 \
	"  code TEXT NOT NULL,"                                                                    \
	"  variant TEXT,"                                                                          \
	"  absent INTEGER NOT NULL DEFAULT 0 CHECK (absent IN (0, 1)),"                            \
	"  import_id INTEGER REFERENCES import_log(id),"

/*
 * A run's row of deficit_result as migrations 23 and 26 rebuild it: its group and
 * skill (the level told from which ids there are) and its counts; and the table's
 * indexes (a run's rows by level, skill and class; the deficits by skill and group;
 * a run's deficits by level and school).
 */
#define SQL_RESULT_GROUP                                                                           \
	"  run_id INTEGER NOT NULL REFERENCES deficit_run(id),"                                    \
	"  level TEXT GENERATED ALWAYS AS (CASE WHEN class_id IS NOT NULL THEN 'class'"            \
	"    WHEN school_id IS NOT NULL THEN 'school' ELSE 'district' END) VIRTUAL,"               \
	"  school_id INTEGER REFERENCES school(id),"                                               \
	"  class_id INTEGER REFERENCES class(id),"                                                 \
	"  skill_id INTEGER NOT NULL REFERENCES skill(id),"                                        \
	"  n INTEGER NOT NULL,"                                                                    \
	"  points REAL NOT NULL,"                                                                  \
	"  possible REAL NOT NULL,"
#define SQL_RESULT_INDEXES                                                                         \
	"CREATE INDEX deficit_result_by_run ON deficit_result(run_id, level, skill_id, class_id);" \
	"CREATE INDEX deficit_result_by_group ON deficit_result(skill_id, level, school_id,"       \
	" class_id)  WHERE deficit = 1;"                                                           \
	"CREATE INDEX deficit_result_deficits ON deficit_result(run_id, level, school_id)"         \
	"  WHERE deficit = 1;"
/* A teacher's row of teacher_result as migrations 5 and 26 make it: the teacher's
   classes pooled on a skill, and their counts. */
#define SQL_TEACHER_GROUP                                                                          \
	"  run_id INTEGER NOT NULL REFERENCES deficit_run(id),"                                    \
	"  teacher_id INTEGER NOT NULL REFERENCES teacher(id),"                                    \
	"  skill_id INTEGER NOT NULL REFERENCES skill(id),"                                        \
	"  school_id INTEGER NOT NULL REFERENCES school(id),"                                      \
	"  classes INTEGER NOT NULL,"                                                              \
	"  n INTEGER NOT NULL,"                                                                    \
	"  points REAL NOT NULL,"                                                                  \
	"  possible REAL NOT NULL,"

/*
 * What a run's rows and a teacher's rows (migration 26) store alike and read as
 * the words and numbers they were: codes (lib/deficits/codes.h) and the
 * thresholds in ten-thousandths, or negated when they are not a whole number of
 * them.  The numbers are ANY, not REAL: SQLite gives a REAL generated column's
 * whole values (a success of 0, a threshold of 1) as integers once sorted.
 */
#define SQL_RESULT_READ                                                                            \
	"  threshold ANY GENERATED ALWAYS AS (CASE WHEN threshold_stored >= 0"                     \
	"    THEN threshold_stored / 10000.0 ELSE -threshold_stored END) VIRTUAL,"                 \
	"  sufficient ANY GENERATED ALWAYS AS (CASE WHEN sufficient_stored >= 0"                   \
	"    THEN sufficient_stored / 10000.0 ELSE -sufficient_stored END) VIRTUAL,"               \
	"  verdict TEXT GENERATED ALWAYS AS (CASE (codes >> 2) & 3"                                \
	"    WHEN 0 THEN 'insufficient_data' WHEN 1 THEN 'sufficient' WHEN 2 THEN 'uncertain'"     \
	"    ELSE 'deficit' END) VIRTUAL,"                                                         \
	"  deficit INTEGER GENERATED ALWAYS AS ((codes >> 2) & 3 = 3) VIRTUAL,"                    \
	"  spread TEXT GENERATED ALWAYS AS (CASE (codes >> 4) & 7 WHEN 1 THEN 'district'"          \
	"    WHEN 2 THEN 'school' WHEN 3 THEN 'teacher' WHEN 4 THEN 'class'"                       \
	"    WHEN 5 THEN 'individual' END) VIRTUAL,"
#define SQL_RESULT_STORED_THRESHOLDS                                                               \
	"  threshold_stored ANY NOT NULL CHECK (CASE typeof(threshold_stored)"                     \
	"    WHEN 'integer' THEN threshold_stored BETWEEN 0 AND 10000"                             \
	"    WHEN 'real' THEN threshold_stored >= -1 AND threshold_stored < 0 ELSE 0 END),"        \
	"  sufficient_stored ANY NOT NULL CHECK (CASE typeof(sufficient_stored)"                   \
	"    WHEN 'integer' THEN sufficient_stored BETWEEN 0 AND 10000"                            \
	"    WHEN 'real' THEN sufficient_stored >= -1 AND sufficient_stored < 0 ELSE 0 END)"
/* a row's threshold and sufficient rate of before migration 26 as it stores them */
#define SQL_RESULT_THRESHOLDS_OF                                                                   \
	"    CASE WHEN round(threshold * 10000) / 10000.0 = threshold"                             \
	"      THEN CAST(round(threshold * 10000) AS INTEGER) ELSE -threshold END,"                \
	"    CASE WHEN round(sufficient * 10000) / 10000.0 = sufficient"                           \
	"      THEN CAST(round(sufficient * 10000) AS INTEGER) ELSE -sufficient END"

#define MMS_APPLICATION_ID_SQL "PRAGMA application_id = 1296913201" /* 0x4D4D5331 */

static const char *const migrations[] = {
    /* 1: roster, assessments and their description, results, import log */
    "CREATE TABLE school ("
    "  id INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"
    "  name_key TEXT NOT NULL"
    ") STRICT;"
    "CREATE INDEX school_by_name ON school(name_key);"
    "CREATE TABLE subject ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  name_key TEXT NOT NULL UNIQUE"
    ") STRICT;"
    "CREATE TABLE teacher ("
    "  id INTEGER PRIMARY KEY,"
    "  school_id INTEGER NOT NULL REFERENCES school(id),"
    "  full_name TEXT NOT NULL,"
    "  name_key TEXT NOT NULL,"
    "  birth_year INTEGER,"
    "  experience INTEGER,"
    "  UNIQUE (school_id, name_key)"
    ") STRICT;"
    "CREATE INDEX teacher_by_name ON teacher(name_key);"
    "CREATE TABLE class ("
    "  id INTEGER PRIMARY KEY,"
    "  school_id INTEGER NOT NULL REFERENCES school(id),"
    "  label TEXT NOT NULL,"
    "  label_key TEXT NOT NULL,"
    "  grade INTEGER,"
    "  UNIQUE (school_id, label_key)"
    ") STRICT;"
    "CREATE TABLE teaching ("
    "  teacher_id INTEGER NOT NULL REFERENCES teacher(id),"
    "  subject_id INTEGER NOT NULL REFERENCES subject(id),"
    "  class_id INTEGER NOT NULL REFERENCES class(id),"
    "  PRIMARY KEY (teacher_id, subject_id, class_id)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX teaching_by_class ON teaching(class_id, subject_id);"
    "CREATE TABLE assessment ("
    "  id INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL UNIQUE,"
    "  kind TEXT NOT NULL,"
    "  subject_id INTEGER NOT NULL REFERENCES subject(id),"
    "  grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 11),"
    "  date TEXT"
    ") STRICT;"
    "CREATE TABLE skill ("
    "  id INTEGER PRIMARY KEY,"
    "  subject_id INTEGER NOT NULL REFERENCES subject(id),"
    "  code TEXT NOT NULL,"
    "  text TEXT NOT NULL DEFAULT '',"
    "  kind TEXT NOT NULL CHECK (kind IN ('subject', 'meta', 'literacy')),"
    "  kind_text TEXT NOT NULL DEFAULT '',"
    "  UNIQUE (subject_id, code)"
    ") STRICT;"
    "CREATE TABLE task ("
    "  id INTEGER PRIMARY KEY,"
    "  assessment_id INTEGER NOT NULL REFERENCES assessment(id),"
    "  label TEXT NOT NULL,"
    "  label_key TEXT NOT NULL,"
    "  position INTEGER NOT NULL,"
    "  max_score REAL NOT NULL CHECK (max_score > 0),"
    "  level TEXT NOT NULL CHECK (level IN ('Б', 'П', 'В')),"
    /* where the task's score sits in participant.scores; never changes */
    "  slot INTEGER NOT NULL CHECK (slot >= 0),"
    "  UNIQUE (assessment_id, label_key),"
    "  UNIQUE (assessment_id, slot)"
    ") STRICT;"
    "CREATE TABLE task_skill ("
    "  task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,"
    "  skill_id INTEGER NOT NULL REFERENCES skill(id),"
    "  PRIMARY KEY (task_id, skill_id)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX task_skill_by_skill ON task_skill(skill_id);"
    "CREATE TABLE import_log ("
    "  id INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  command TEXT NOT NULL,"
    "  file TEXT NOT NULL,"
    "  sha256 TEXT NOT NULL,"
    "  assessment_id INTEGER REFERENCES assessment(id),"
    "  rows INTEGER NOT NULL DEFAULT 0,"
    "  students INTEGER NOT NULL DEFAULT 0,"
    "  absent INTEGER NOT NULL DEFAULT 0,"
    "  scores INTEGER NOT NULL DEFAULT 0,"
    "  inserted INTEGER NOT NULL DEFAULT 0,"
    "  replaced INTEGER NOT NULL DEFAULT 0,"
    "  unchanged INTEGER NOT NULL DEFAULT 0"
    ") STRICT;"
    "CREATE TABLE participant ("
    "  id INTEGER PRIMARY KEY," SQL_PARTICIPANT_WHO
    /* a hash of the row, written until schema 17: a re-import now compares the
       stored values themselves, and new rows keep 0 */
    "  digest INTEGER NOT NULL DEFAULT 0,"
    /*
     * The task scores, packed: 2 bytes a task at its slot, big-endian,
     * the score in hundredths of a point, the high bit set when the task
     * was not attempted; NULL for an absent participant.  One row per
     * participant instead of one per score keeps a region's import fast.
     */
    "  scores BLOB,"
    "  UNIQUE (assessment_id, school_id, code)"
    ") STRICT;"
    "CREATE INDEX participant_by_class ON participant(class_id);"
    /* the scores one per row, for ad-hoc queries (slow: decodes in SQL) */
    "CREATE VIEW score(participant_id, task_id, score, attempted) AS"
    "  SELECT pid, tid, (v % 32768) / 100.0, v < 32768 FROM ("
    "    SELECT pid, tid,"
    "      (instr('0123456789ABCDEF', substr(h, 1, 1)) - 1) * 4096 +"
    "      (instr('0123456789ABCDEF', substr(h, 2, 1)) - 1) * 256 +"
    "      (instr('0123456789ABCDEF', substr(h, 3, 1)) - 1) * 16 +"
    "      (instr('0123456789ABCDEF', substr(h, 4, 1)) - 1) AS v FROM ("
    "        SELECT p.id AS pid, t.id AS tid, hex(substr(p.scores, 2 * t.slot + 1, 2)) AS h"
    "        FROM participant p JOIN task t ON t.assessment_id = p.assessment_id"
    "        WHERE p.scores IS NOT NULL AND length(p.scores) >= 2 * t.slot + 2));",
    /* 2: deficit thresholds (versioned), classification runs and their results */
    "CREATE TABLE threshold_version ("
    "  id INTEGER PRIMARY KEY,"
    "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  note TEXT NOT NULL DEFAULT '',"
    "  basic_sufficient REAL NOT NULL,"
    "  basic_insufficient REAL NOT NULL,"
    "  higher_sufficient REAL NOT NULL,"
    "  higher_insufficient REAL NOT NULL,"
    "  min_n INTEGER NOT NULL CHECK (min_n >= 1),"
    "  CHECK (0 < basic_insufficient AND basic_insufficient <= basic_sufficient"
    "         AND basic_sufficient <= 1),"
    "  CHECK (0 < higher_insufficient AND higher_insufficient <= higher_sufficient"
    "         AND higher_sufficient <= 1)"
    ") STRICT;"
    "INSERT INTO threshold_version(id, note, basic_sufficient, basic_insufficient,"
    "  higher_sufficient, higher_insufficient, min_n)"
    "  VALUES (1, 'ФИОКО', 0.60, 0.57, 0.30, 0.285, 10);"
    "CREATE TABLE deficit_run ("
    "  id INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  assessment_id INTEGER NOT NULL REFERENCES assessment(id),"
    "  threshold_version INTEGER NOT NULL REFERENCES threshold_version(id)"
    ") STRICT;"
    "CREATE INDEX deficit_run_by_assessment ON deficit_run(assessment_id, id);"
    "CREATE TABLE deficit_result ("
    "  run_id INTEGER NOT NULL REFERENCES deficit_run(id),"
    "  level TEXT NOT NULL CHECK (level = 'class' OR level = 'school' OR level = 'district'),"
    "  school_id INTEGER REFERENCES school(id),"
    "  class_id INTEGER REFERENCES class(id),"
    "  skill_id INTEGER NOT NULL REFERENCES skill(id),"
    "  n INTEGER NOT NULL,"
    "  points REAL NOT NULL,"
    "  possible REAL NOT NULL,"
    "  success REAL NOT NULL,"
    "  ci_low REAL NOT NULL,"
    "  ci_high REAL NOT NULL,"
    "  task_level TEXT NOT NULL CHECK (task_level = 'Б' OR task_level = 'П' OR task_level = 'В'),"
    "  threshold REAL NOT NULL,"  /* below it: a deficit */
    "  sufficient REAL NOT NULL," /* from it: sufficient; between: uncertain */
    /* CHECKs spelled with OR: "x IN (list)" costs a temporary b-tree per row */
    "  verdict TEXT NOT NULL CHECK (verdict = 'deficit' OR verdict = 'uncertain'"
    "    OR verdict = 'sufficient' OR verdict = 'insufficient_data'),"
    "  deficit INTEGER NOT NULL CHECK (deficit = 0 OR deficit = 1),"
    "  spread TEXT CHECK (spread = 'district' OR spread = 'school' OR spread = 'class'"
    "    OR spread = 'individual'),"
    "  persistence TEXT CHECK (persistence = 'new' OR persistence = 'recurrent'),"
    "  p_value REAL,"
    "  q_value REAL,"
    "  below_half INTEGER NOT NULL DEFAULT 0"
    ") STRICT;"
    "CREATE INDEX deficit_result_by_run ON deficit_result(run_id, level, skill_id);"
    /* the deficits of a group, for persistence */
    "CREATE INDEX deficit_result_by_group ON deficit_result(skill_id, level, school_id, class_id)"
    "  WHERE deficit = 1;"
    /* Students' skills below half, one row a participant and run (one a class
       since migration 18): a region has a million (student, skill) pairs, too
       many to insert one by one.
       skills is a JSON object, skill id → success rate in millionths, e.g.
       {"12":250000,"15":400000}; the view student_deficit unfolds it.  A
       participant is known by (the run's assessment, school, code): results
       may be imported again, the run's rows stay as they were. */
    "CREATE TABLE student_below ("
    "  run_id INTEGER NOT NULL REFERENCES deficit_run(id),"
    "  school_id INTEGER NOT NULL REFERENCES school(id),"
    "  code TEXT NOT NULL,"
    "  class_id INTEGER REFERENCES class(id),"
    "  skills TEXT NOT NULL,"
    "  PRIMARY KEY (run_id, school_id, code)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE VIEW student_deficit(run_id, school_id, class_id, code, skill_id, success) AS"
    "  SELECT b.run_id, b.school_id, b.class_id, b.code, CAST(j.key AS INTEGER),"
    "    j.value / 1000000.0 FROM student_below b, json_each(b.skills) j;",
    /* 3: teachers: competencies, hypotheses from students' deficits, observations, interviews */
    "CREATE TABLE competency ("
    "  id INTEGER PRIMARY KEY,"
    "  skill_kind TEXT NOT NULL CHECK (skill_kind IN ('subject', 'meta', 'literacy')),"
    /* a stem of the skill's kind or wording ('' matches any) */
    "  match TEXT NOT NULL DEFAULT '',"
    "  area TEXT NOT NULL CHECK (area IN ('предметная', 'методическая',"
    "    'психолого-педагогическая', 'коммуникативная')),"
    "  name TEXT NOT NULL"
    ") STRICT;"
    "INSERT INTO competency(skill_kind, match, area, name) VALUES"
    "  ('subject', '', 'предметная', 'предметные знания и методика обучения предмету'),"
    "  ('meta', '', 'методическая', 'формирование универсальных учебных действий (УУД)'),"
    "  ('meta', 'смыслов', 'методическая', 'методика смыслового чтения и работы с текстом'),"
    "  ('meta', 'познават', 'методическая',"
    "   'формирование познавательных УУД: работа с информацией, моделирование'),"
    "  ('meta', 'регулятив', 'психолого-педагогическая',"
    "   'формирование самоконтроля и самооценки (регулятивные УУД)'),"
    "  ('meta', 'коммуникат', 'коммуникативная',"
    "   'организация учебного сотрудничества и диалога (коммуникативные УУД)'),"
    "  ('literacy', '', 'методическая', 'методика формирования функциональной грамотности'),"
    "  ('literacy', 'читательск', 'методическая',"
    "   'методика формирования читательской грамотности'),"
    "  ('literacy', 'математическ', 'методическая',"
    "   'методика формирования математической грамотности'),"
    "  ('literacy', 'естественнонаучн', 'методическая',"
    "   'методика формирования естественнонаучной грамотности'),"
    "  ('literacy', 'финансов', 'методическая',"
    "   'методика формирования финансовой грамотности'),"
    "  ('literacy', 'глобальн', 'методическая', 'методика формирования глобальных компетенций'),"
    "  ('literacy', 'креативн', 'методическая', 'методика развития креативного мышления');"
    /* a hypothesis: the teacher's classes are below the rest of the district on a skill */
    "CREATE TABLE hypothesis ("
    "  id INTEGER PRIMARY KEY,"
    "  teacher_id INTEGER NOT NULL REFERENCES teacher(id),"
    "  skill_id INTEGER NOT NULL REFERENCES skill(id),"
    "  assessment_id INTEGER NOT NULL REFERENCES assessment(id),"
    "  run_id INTEGER NOT NULL REFERENCES deficit_run(id),"
    "  n INTEGER NOT NULL," /* the teacher's classes, pooled */
    "  success REAL NOT NULL,"
    "  rest_n INTEGER NOT NULL," /* the rest of the district */
    "  rest_success REAL NOT NULL,"
    "  district_success REAL NOT NULL,"
    "  threshold REAL NOT NULL,"
    "  p_value REAL NOT NULL," /* one-sided two-proportion z-test */
    "  q_value REAL NOT NULL," /* Benjamini–Hochberg over the assessment */
    "  supported INTEGER NOT NULL DEFAULT 1 CHECK (supported IN (0, 1)),"
    "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  UNIQUE (teacher_id, skill_id, assessment_id)"
    ") STRICT;"
    "CREATE TABLE hypothesis_class ("
    "  hypothesis_id INTEGER NOT NULL REFERENCES hypothesis(id) ON DELETE CASCADE,"
    "  class_id INTEGER NOT NULL REFERENCES class(id),"
    "  n INTEGER NOT NULL,"
    "  success REAL NOT NULL,"
    "  class_specific INTEGER NOT NULL CHECK (class_specific IN (0, 1)),"
    "  PRIMARY KEY (hypothesis_id, class_id)"
    ") STRICT, WITHOUT ROWID;"
    /* observations and interviews: append-only; a correction is a new record */
    "CREATE TABLE teacher_event ("
    "  id INTEGER PRIMARY KEY,"
    "  teacher_id INTEGER NOT NULL REFERENCES teacher(id),"
    "  skill_id INTEGER NOT NULL REFERENCES skill(id),"
    "  kind TEXT NOT NULL CHECK (kind IN ('observation', 'interview')),"
    "  outcome TEXT NOT NULL CHECK (outcome IN ('confirm', 'reject', 'accept', 'decline')),"
    "  priority INTEGER CHECK (priority BETWEEN 1 AND 5),"
    "  who TEXT,"
    "  date TEXT,"
    "  note TEXT,"
    "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    ") STRICT;"
    "CREATE INDEX teacher_event_by_pair ON teacher_event(teacher_id, skill_id, id);"
    "CREATE TRIGGER teacher_event_append_only_u BEFORE UPDATE ON teacher_event"
    "  BEGIN SELECT RAISE(ABORT, 'observations and interviews are append-only'); END;"
    "CREATE TRIGGER teacher_event_append_only_d BEFORE DELETE ON teacher_event"
    "  BEGIN SELECT RAISE(ABORT, 'observations and interviews are append-only'); END;"
    /* the status of a (teacher, skill): the last observation, then the last interview */
    "CREATE VIEW teacher_skill_status(teacher_id, skill_id, status, priority, last_event) AS"
    "  SELECT h.teacher_id, h.skill_id,"
    "    CASE"
    "      WHEN li.outcome = 'accept' THEN 'need'"
    "      WHEN li.outcome = 'decline' THEN 'declined'"
    "      WHEN lo.outcome = 'confirm' THEN 'confirmed'"
    "      WHEN lo.outcome = 'reject' THEN 'rejected'"
    "      ELSE 'hypothesis' END,"
    "    li.priority, max(coalesce(li.id, 0), coalesce(lo.id, 0))"
    "  FROM (SELECT DISTINCT teacher_id, skill_id FROM hypothesis) h"
    "  LEFT JOIN teacher_event lo ON lo.id = (SELECT max(id) FROM teacher_event e"
    "    WHERE e.teacher_id = h.teacher_id AND e.skill_id = h.skill_id"
    "    AND e.kind = 'observation')"
    "  LEFT JOIN teacher_event li ON li.id = (SELECT max(id) FROM teacher_event e"
    "    WHERE e.teacher_id = h.teacher_id AND e.skill_id = h.skill_id"
    "    AND e.kind = 'interview');",
    /* 4: the resource bank, individual programmes (ИОП), orders to the institute */
    "CREATE TABLE resource ("
    "  id INTEGER PRIMARY KEY,"
    "  kind TEXT NOT NULL"
    "    CHECK (kind IN ('mentor', 'seminar', 'rmo', 'internship', 'course')),"
    /* data: a mentor found in the results; manual: `resource add`; catalogue: imported */
    "  origin TEXT NOT NULL CHECK (origin IN ('data', 'manual', 'catalogue')),"
    "  title TEXT NOT NULL,"
    "  title_key TEXT NOT NULL,"
    "  teacher_id INTEGER REFERENCES teacher(id),"
    "  provider TEXT,"
    "  hours INTEGER CHECK (hours IS NULL OR hours > 0),"
    "  capacity INTEGER CHECK (capacity IS NULL OR capacity > 0)," /* a year; NULL: no limit */
    "  period TEXT,"
    "  format TEXT,"
    "  withdrawn TEXT," /* the day a methodologist withdrew it */
    "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  CHECK (kind <> 'mentor' OR teacher_id IS NOT NULL)"
    ") STRICT;"
    "CREATE UNIQUE INDEX resource_data_mentor ON resource(teacher_id) WHERE origin = 'data';"
    "CREATE UNIQUE INDEX resource_catalogue ON resource(title_key) WHERE origin = 'catalogue';"
    "CREATE TABLE resource_skill ("
    "  resource_id INTEGER NOT NULL REFERENCES resource(id),"
    "  skill_id INTEGER NOT NULL REFERENCES skill(id),"
    /* lapsed: a data mentor the latest results no longer support */
    "  state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'withdrawn', 'lapsed')),"
    "  PRIMARY KEY (resource_id, skill_id)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX resource_skill_by_skill ON resource_skill(skill_id);"
    /* why a data mentor is one: the teacher's classes pooled vs the rest of the district */
    "CREATE TABLE mentor_evidence ("
    "  resource_id INTEGER NOT NULL REFERENCES resource(id),"
    "  skill_id INTEGER NOT NULL REFERENCES skill(id),"
    "  assessment_id INTEGER NOT NULL REFERENCES assessment(id),"
    "  run_id INTEGER NOT NULL REFERENCES deficit_run(id),"
    "  n INTEGER NOT NULL,"
    "  success REAL NOT NULL,"
    "  rest_n INTEGER NOT NULL,"
    "  rest_success REAL NOT NULL,"
    "  sufficient REAL NOT NULL,"
    "  p_value REAL NOT NULL,"
    "  q_value REAL NOT NULL,"
    "  PRIMARY KEY (resource_id, skill_id, assessment_id)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE iop ("
    "  id INTEGER PRIMARY KEY,"
    "  teacher_id INTEGER NOT NULL REFERENCES teacher(id),"
    "  year TEXT NOT NULL," /* the school year, 2026/2027 */
    "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  UNIQUE (teacher_id, year)"
    ") STRICT;"
    "CREATE TABLE iop_item ("
    "  id INTEGER PRIMARY KEY,"
    "  iop_id INTEGER NOT NULL REFERENCES iop(id),"
    "  skill_id INTEGER NOT NULL REFERENCES skill(id),"
    "  hypothesis_id INTEGER REFERENCES hypothesis(id),"
    "  priority INTEGER NOT NULL DEFAULT 3,"
    "  competency_area TEXT NOT NULL,"
    "  competency TEXT NOT NULL,"
    "  form TEXT NOT NULL CHECK (form IN ('school', 'network', 'course')),"
    "  resource_id INTEGER REFERENCES resource(id)," /* NULL: a course to be ordered */
    "  period TEXT NOT NULL,"
    "  threshold REAL NOT NULL," /* the expected result: success ≥ threshold */
    "  status TEXT NOT NULL DEFAULT 'planned'"
    "    CHECK (status IN ('planned', 'in-progress', 'done', 'dropped')),"
    "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  UNIQUE (iop_id, skill_id)"
    ") STRICT;"
    "CREATE INDEX iop_item_by_resource ON iop_item(resource_id);"
    "CREATE TABLE iop_status ("
    "  id INTEGER PRIMARY KEY,"
    "  item_id INTEGER NOT NULL REFERENCES iop_item(id),"
    "  status TEXT NOT NULL CHECK (status IN ('planned', 'in-progress', 'done', 'dropped')),"
    "  note TEXT,"
    "  date TEXT NOT NULL,"
    "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    ") STRICT;"
    "CREATE INDEX iop_status_by_item ON iop_status(item_id, id);"
    /* an order sent to the institute, frozen: its lines never change */
    "CREATE TABLE training_order ("
    "  id INTEGER PRIMARY KEY,"
    "  state TEXT NOT NULL CHECK (state IN ('draft', 'sent')),"
    "  sent TEXT,"
    "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    ") STRICT;"
    "CREATE TABLE order_line ("
    "  id INTEGER PRIMARY KEY,"
    "  order_id INTEGER NOT NULL REFERENCES training_order(id),"
    "  position INTEGER NOT NULL,"
    "  programme TEXT NOT NULL,"
    "  competency TEXT NOT NULL,"
    "  skills TEXT NOT NULL,"
    "  hours INTEGER,"
    "  provider TEXT,"
    "  count INTEGER NOT NULL,"
    "  justification TEXT NOT NULL CHECK (justification <> '')"
    ") STRICT;"
    "CREATE TABLE order_line_teacher ("
    "  line_id INTEGER NOT NULL REFERENCES order_line(id),"
    "  position INTEGER NOT NULL,"
    "  item_id INTEGER NOT NULL UNIQUE REFERENCES iop_item(id)," /* in one order only */
    "  teacher TEXT NOT NULL,"
    "  school TEXT NOT NULL,"
    "  skill TEXT NOT NULL,"
    "  PRIMARY KEY (line_id, position)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TRIGGER training_order_frozen BEFORE UPDATE ON training_order"
    "  WHEN OLD.state = 'sent'"
    "  BEGIN SELECT RAISE(ABORT, 'a sent order never changes'); END;"
    "CREATE TRIGGER training_order_kept BEFORE DELETE ON training_order"
    "  WHEN OLD.state = 'sent'"
    "  BEGIN SELECT RAISE(ABORT, 'a sent order never changes'); END;"
    "CREATE TRIGGER order_line_frozen_u BEFORE UPDATE ON order_line"
    "  BEGIN SELECT RAISE(ABORT, 'a sent order never changes'); END;"
    "CREATE TRIGGER order_line_frozen_d BEFORE DELETE ON order_line"
    "  BEGIN SELECT RAISE(ABORT, 'a sent order never changes'); END;"
    "CREATE TRIGGER order_line_teacher_frozen_u BEFORE UPDATE ON order_line_teacher"
    "  BEGIN SELECT RAISE(ABORT, 'a sent order never changes'); END;"
    "CREATE TRIGGER order_line_teacher_frozen_d BEFORE DELETE ON order_line_teacher"
    "  BEGIN SELECT RAISE(ABORT, 'a sent order never changes'); END;",
    /* 5: the reports made (an anonymous one is the published summary) */
    "CREATE TABLE report_run ("
    "  id INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  anonymous INTEGER NOT NULL CHECK (anonymous IN (0, 1)),"
    "  format TEXT NOT NULL CHECK (format IN ('text', 'json', 'html', 'xlsx')),"
    "  assessment TEXT," /* the --assessment given, NULL: all */
    "  school TEXT,"     /* the --school given, NULL: the district */
    "  output TEXT"      /* the file written, NULL: standard output */
    ") STRICT;"
    /* the follow-up looks up one class's row of a run */
    "CREATE INDEX deficit_result_by_class ON deficit_result(class_id, skill_id, run_id)"
    "  WHERE class_id IS NOT NULL;",
    /*
     * 6: who taught whom, when: teaching assignments by school year, results
     * attributed to the teacher of the assessment's school year; the teacher
     * as the unit of attribution (spread 'teacher', results pooled by teacher).
     */
    /* the school year of an assessment: September to August, '2025/2026' */
    "ALTER TABLE assessment ADD COLUMN year TEXT GENERATED ALWAYS AS ("
    "  CASE WHEN date IS NULL THEN NULL"
    "  WHEN CAST(substr(date, 6, 2) AS INTEGER) >= 9"
    "    THEN substr(date, 1, 4) || '/' || (CAST(substr(date, 1, 4) AS INTEGER) + 1)"
    "  ELSE (CAST(substr(date, 1, 4) AS INTEGER) - 1) || '/' || substr(date, 1, 4) END) VIRTUAL;"
    "CREATE TABLE teaching_by_year ("
    "  teacher_id INTEGER NOT NULL REFERENCES teacher(id),"
    "  subject_id INTEGER NOT NULL REFERENCES subject(id),"
    "  class_id INTEGER NOT NULL REFERENCES class(id),"
    "  year TEXT NOT NULL CHECK (year GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9][0-9][0-9]'"
    "    AND CAST(substr(year, 6, 4) AS INTEGER) = CAST(substr(year, 1, 4) AS INTEGER) + 1),"
    "  PRIMARY KEY (teacher_id, subject_id, class_id, year)"
    ") STRICT, WITHOUT ROWID;"
    /* the one snapshot there was: every school year already assessed, else this one */
    "INSERT INTO teaching_by_year(teacher_id, subject_id, class_id, year)"
    "  SELECT t.teacher_id, t.subject_id, t.class_id, y.year FROM teaching t,"
    "  (SELECT DISTINCT year FROM assessment WHERE year IS NOT NULL"
    "   UNION SELECT CASE WHEN CAST(strftime('%m', 'now') AS INTEGER) >= 9"
    "     THEN strftime('%Y', 'now') || '/' || (CAST(strftime('%Y', 'now') AS INTEGER) + 1)"
    "     ELSE (CAST(strftime('%Y', 'now') AS INTEGER) - 1) || '/' || strftime('%Y', 'now') END"
    "   WHERE NOT EXISTS (SELECT 1 FROM assessment WHERE year IS NOT NULL)) y;"
    "DROP TABLE teaching;"
    "ALTER TABLE teaching_by_year RENAME TO teaching;"
    "CREATE INDEX teaching_by_class ON teaching(class_id, subject_id, year);"
    /* the teachers of each class for an assessment: those of its school year
       (an assessment without a date: the class's latest year) */
    "CREATE VIEW assessment_teacher(assessment_id, class_id, teacher_id) AS"
    "  SELECT a.id, t.class_id, t.teacher_id FROM assessment a"
    "  JOIN teaching t ON t.subject_id = a.subject_id AND t.year = coalesce(a.year,"
    "    (SELECT max(t2.year) FROM teaching t2 WHERE t2.class_id = t.class_id"
    "     AND t2.subject_id = a.subject_id));"
    /* spread 'teacher': the shortfall lies in one teacher's classes */
    "CREATE TABLE deficit_result_v6 ("
    "  run_id INTEGER NOT NULL REFERENCES deficit_run(id),"
    "  level TEXT NOT NULL CHECK (level = 'class' OR level = 'school' OR level = 'district'),"
    "  school_id INTEGER REFERENCES school(id),"
    "  class_id INTEGER REFERENCES class(id),"
    "  skill_id INTEGER NOT NULL REFERENCES skill(id),"
    "  n INTEGER NOT NULL,"
    "  points REAL NOT NULL,"
    "  possible REAL NOT NULL,"
    "  success REAL NOT NULL,"
    "  ci_low REAL NOT NULL,"
    "  ci_high REAL NOT NULL,"
    "  task_level TEXT NOT NULL CHECK (task_level = 'Б' OR task_level = 'П' OR task_level = 'В'),"
    "  threshold REAL NOT NULL,"
    "  sufficient REAL NOT NULL,"
    "  verdict TEXT NOT NULL CHECK (verdict = 'deficit' OR verdict = 'uncertain'"
    "    OR verdict = 'sufficient' OR verdict = 'insufficient_data'),"
    "  deficit INTEGER NOT NULL CHECK (deficit = 0 OR deficit = 1),"
    "  spread TEXT CHECK (spread = 'district' OR spread = 'school' OR spread = 'teacher'"
    "    OR spread = 'class' OR spread = 'individual'),"
    "  persistence TEXT CHECK (persistence = 'new' OR persistence = 'recurrent'),"
    "  p_value REAL,"
    "  q_value REAL,"
    "  below_half INTEGER NOT NULL DEFAULT 0"
    ") STRICT;"
    "INSERT INTO deficit_result_v6 SELECT * FROM deficit_result;"
    "DROP TABLE deficit_result;"
    "ALTER TABLE deficit_result_v6 RENAME TO deficit_result;"
    "CREATE INDEX deficit_result_by_run ON deficit_result(run_id, level, skill_id);"
    "CREATE INDEX deficit_result_by_group ON deficit_result(skill_id, level, school_id, class_id)"
    "  WHERE deficit = 1;"
    "CREATE INDEX deficit_result_by_class ON deficit_result(class_id, skill_id, run_id)"
    "  WHERE class_id IS NOT NULL;"
    /* a teacher's classes of the assessment pooled, against the rest of the
       district without them (one-sided both ways, BH over the assessment's
       teacher × skill pairs); kept where they can matter: below the
       sufficient threshold, or clearly above the rest */
    "CREATE TABLE teacher_result (" SQL_TEACHER_GROUP "  success REAL NOT NULL,"
    "  rest_n INTEGER NOT NULL,"
    "  rest_success REAL,"
    "  threshold REAL NOT NULL,"
    "  sufficient REAL NOT NULL,"
    "  verdict TEXT NOT NULL CHECK (verdict = 'deficit' OR verdict = 'uncertain'"
    "    OR verdict = 'sufficient' OR verdict = 'insufficient_data'),"
    "  deficit INTEGER NOT NULL CHECK (deficit = 0 OR deficit = 1),"
    "  spread TEXT CHECK (spread = 'district' OR spread = 'school' OR spread = 'teacher'),"
    /* the only teacher of the subject in the assessment's grade of the school */
    "  sole_teacher INTEGER NOT NULL CHECK (sole_teacher = 0 OR sole_teacher = 1),"
    "  p_below REAL,"
    "  q_below REAL,"
    "  p_above REAL,"
    "  q_above REAL,"
    /* in the order a run writes them: appended, never inserted in the middle */
    "  PRIMARY KEY (run_id, school_id, teacher_id, skill_id)"
    ") STRICT, WITHOUT ROWID;"
    /* the evidence a hypothesis carries beyond its numbers */
    "ALTER TABLE hypothesis ADD COLUMN spread TEXT NOT NULL DEFAULT 'teacher'"
    "  CHECK (spread = 'teacher' OR spread = 'district');"
    "ALTER TABLE hypothesis ADD COLUMN sole_teacher INTEGER NOT NULL DEFAULT 0"
    "  CHECK (sole_teacher = 0 OR sole_teacher = 1);"
    "ALTER TABLE hypothesis ADD COLUMN same_teacher_earlier INTEGER NOT NULL DEFAULT 0"
    "  CHECK (same_teacher_earlier = 0 OR same_teacher_earlier = 1);"
    "ALTER TABLE hypothesis ADD COLUMN cohort_earlier INTEGER NOT NULL DEFAULT 0"
    "  CHECK (cohort_earlier = 0 OR cohort_earlier = 1);",
    /*
     * 7: results as exported: every code a school is known by (the ФИС ОКО
     * login, the РЦОИ code), students' marks, and the database's own secret
     * for the keyed pseudonyms of protocols that carry names, not codes.
     */
    "CREATE TABLE school_code ("
    "  code TEXT PRIMARY KEY,"
    "  school_id INTEGER NOT NULL REFERENCES school(id),"
    /* 'oo': a code of Код ОО (school.code is the first), 'rcoi': Код РЦОИ */
    "  kind TEXT NOT NULL CHECK (kind = 'oo' OR kind = 'rcoi')"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX school_code_by_school ON school_code(school_id);"
    "INSERT INTO school_code(code, school_id, kind) SELECT code, id, 'oo' FROM school;"
    /* school.code is always one of the school's codes */
    "CREATE TRIGGER school_code_first AFTER INSERT ON school BEGIN"
    "  INSERT OR IGNORE INTO school_code(code, school_id, kind) VALUES (new.code, new.id, 'oo');"
    "END;"
    /* the mark of the work and the mark of the journal (or of the last period), 2 to 5 */
    "ALTER TABLE participant ADD COLUMN mark INTEGER CHECK (mark BETWEEN 2 AND 5);"
    "ALTER TABLE participant ADD COLUMN journal_mark INTEGER"
    "  CHECK (journal_mark BETWEEN 2 AND 5);"
    "ALTER TABLE participant ADD COLUMN sex TEXT CHECK (sex = 'М' OR sex = 'Ж');"
    /* created with the database, never printed, never exported */
    "CREATE TABLE secret ("
    "  name TEXT PRIMARY KEY,"
    "  value BLOB NOT NULL CHECK (length(value) >= 32)"
    ") STRICT, WITHOUT ROWID;"
    "INSERT INTO secret(name, value) VALUES ('participant_key', randomblob(32));",
    /*
     * 8: a skill is its subject, its code system and its code.  ВПР
     * descriptions number their requirements from 1 in every grade: with
     * skills known by subject and code, importing grade 6's description
     * rewrote grade 5's.  Every assessment gets the code system of its
     * description (its kind and grade, as import-spec --codes defaults), and
     * a skill the descriptions of several systems share is split: the first
     * system keeps the row, the others get a copy with their rows re-pointed
     * by assessment.  Texts overwritten before cannot be recovered: the note
     * in import_log (mms log) names the skills split, to import their
     * descriptions again.  Runs with foreign keys off (see mms_schema_migrate).
     */
    "ALTER TABLE assessment ADD COLUMN codes TEXT;"
    "UPDATE assessment SET codes = kind || '-' || grade;"
    "ALTER TABLE import_log ADD COLUMN note TEXT;"
    "CREATE TABLE skill_v8 ("
    "  id INTEGER PRIMARY KEY,"
    "  subject_id INTEGER NOT NULL REFERENCES subject(id),"
    "  system TEXT NOT NULL DEFAULT '',"
    "  code TEXT NOT NULL,"
    "  text TEXT NOT NULL DEFAULT '',"
    /* 1: the code's own wording; 0: a requirement's words standing in for it */
    "  text_own INTEGER NOT NULL DEFAULT 1 CHECK (text_own = 0 OR text_own = 1),"
    "  kind TEXT NOT NULL CHECK (kind IN ('subject', 'meta', 'literacy')),"
    "  kind_text TEXT NOT NULL DEFAULT '',"
    "  UNIQUE (subject_id, system, code)"
    ") STRICT;"
    "CREATE TEMP TABLE skill_use AS SELECT DISTINCT ts.skill_id AS skill_id, a.codes AS system,"
    "  min(a.id) OVER (PARTITION BY ts.skill_id, a.codes) AS first_assessment"
    "  FROM task_skill ts JOIN task t ON t.id = ts.task_id"
    "  JOIN assessment a ON a.id = t.assessment_id;"
    "CREATE TEMP TABLE skill_first AS SELECT k.id AS skill_id, coalesce("
    "  (SELECT u.system FROM skill_use u WHERE u.skill_id = k.id"
    "   ORDER BY u.first_assessment LIMIT 1), '') AS system FROM skill k;"
    "INSERT INTO skill_v8(id, subject_id, system, code, text, text_own, kind, kind_text)"
    "  SELECT k.id, k.subject_id, f.system, k.code, k.text, 1, k.kind, k.kind_text"
    "  FROM skill k JOIN skill_first f ON f.skill_id = k.id;"
    "CREATE TEMP TABLE skill_split AS SELECT u.skill_id AS old_id, u.system AS system,"
    "  NULL AS new_id FROM skill_use u JOIN skill_first f ON f.skill_id = u.skill_id"
    "  WHERE u.system <> f.system;"
    "INSERT INTO skill_v8(subject_id, system, code, text, text_own, kind, kind_text)"
    "  SELECT k.subject_id, s.system, k.code, k.text, 1, k.kind, k.kind_text"
    "  FROM skill_split s JOIN skill k ON k.id = s.old_id ORDER BY s.old_id, s.system;"
    "UPDATE skill_split SET new_id = (SELECT v.id FROM skill_v8 v JOIN skill k"
    "  ON k.id = skill_split.old_id WHERE v.subject_id = k.subject_id"
    "  AND v.system = skill_split.system AND v.code = k.code);"
    /* what uses a skill for an assessment follows the assessment's system */
    "UPDATE task_skill SET skill_id = (SELECT s.new_id FROM skill_split s"
    "  JOIN task t ON t.id = task_skill.task_id JOIN assessment a ON a.id = t.assessment_id"
    "  WHERE s.old_id = task_skill.skill_id AND s.system = a.codes)"
    "  WHERE skill_id IN (SELECT old_id FROM skill_split) AND EXISTS (SELECT 1 FROM skill_split s"
    "  JOIN task t ON t.id = task_skill.task_id JOIN assessment a ON a.id = t.assessment_id"
    "  WHERE s.old_id = task_skill.skill_id AND s.system = a.codes);"
    "UPDATE deficit_result SET skill_id = (SELECT s.new_id FROM skill_split s"
    "  JOIN deficit_run r ON r.id = deficit_result.run_id"
    "  JOIN assessment a ON a.id = r.assessment_id"
    "  WHERE s.old_id = deficit_result.skill_id AND s.system = a.codes)"
    "  WHERE skill_id IN (SELECT old_id FROM skill_split) AND EXISTS (SELECT 1 FROM skill_split s"
    "  JOIN deficit_run r ON r.id = deficit_result.run_id"
    "  JOIN assessment a ON a.id = r.assessment_id"
    "  WHERE s.old_id = deficit_result.skill_id AND s.system = a.codes);"
    "UPDATE teacher_result SET skill_id = (SELECT s.new_id FROM skill_split s"
    "  JOIN deficit_run r ON r.id = teacher_result.run_id"
    "  JOIN assessment a ON a.id = r.assessment_id"
    "  WHERE s.old_id = teacher_result.skill_id AND s.system = a.codes)"
    "  WHERE skill_id IN (SELECT old_id FROM skill_split) AND EXISTS (SELECT 1 FROM skill_split s"
    "  JOIN deficit_run r ON r.id = teacher_result.run_id"
    "  JOIN assessment a ON a.id = r.assessment_id"
    "  WHERE s.old_id = teacher_result.skill_id AND s.system = a.codes);"
    "UPDATE hypothesis SET skill_id = (SELECT s.new_id FROM skill_split s"
    "  JOIN assessment a ON a.id = hypothesis.assessment_id"
    "  WHERE s.old_id = hypothesis.skill_id AND s.system = a.codes)"
    "  WHERE skill_id IN (SELECT old_id FROM skill_split) AND EXISTS (SELECT 1 FROM skill_split s"
    "  JOIN assessment a ON a.id = hypothesis.assessment_id"
    "  WHERE s.old_id = hypothesis.skill_id AND s.system = a.codes);"
    "UPDATE mentor_evidence SET skill_id = (SELECT s.new_id FROM skill_split s"
    "  JOIN assessment a ON a.id = mentor_evidence.assessment_id"
    "  WHERE s.old_id = mentor_evidence.skill_id AND s.system = a.codes)"
    "  WHERE skill_id IN (SELECT old_id FROM skill_split) AND EXISTS (SELECT 1 FROM skill_split s"
    "  JOIN assessment a ON a.id = mentor_evidence.assessment_id"
    "  WHERE s.old_id = mentor_evidence.skill_id AND s.system = a.codes);"
    "UPDATE iop_item SET skill_id = (SELECT h.skill_id FROM hypothesis h"
    "  WHERE h.id = iop_item.hypothesis_id)"
    "  WHERE skill_id IN (SELECT old_id FROM skill_split) AND hypothesis_id IS NOT NULL;"
    /* students' skills below half, a JSON object by skill id, follow their run */
    "UPDATE student_below SET skills = (SELECT json_group_object("
    "  CAST(coalesce(s.new_id, j.key) AS TEXT), j.value) FROM json_each(student_below.skills) j"
    "  LEFT JOIN skill_split s ON s.old_id = CAST(j.key AS INTEGER) AND s.system = (SELECT a.codes"
    "  FROM deficit_run r JOIN assessment a ON a.id = r.assessment_id"
    "  WHERE r.id = student_below.run_id))"
    "  WHERE run_id IN (SELECT r.id FROM deficit_run r JOIN assessment a"
    "  ON a.id = r.assessment_id JOIN skill_split s ON s.system = a.codes);"
    /* an observation or interview follows up the teacher's hypothesis of the latest
       assessment on or before its date: it moves with that hypothesis's skill (the
       append-only trigger is lifted for the move alone) */
    "CREATE TEMP TABLE event_move AS SELECT e.id AS event_id, (SELECT h.skill_id"
    "  FROM hypothesis h JOIN assessment a ON a.id = h.assessment_id"
    "  WHERE h.teacher_id = e.teacher_id AND (h.skill_id = e.skill_id"
    "    OR h.skill_id IN (SELECT new_id FROM skill_split WHERE old_id = e.skill_id))"
    "  AND coalesce(a.date, '') <= coalesce(e.date, substr(e.at, 1, 10))"
    "  ORDER BY a.date DESC, a.id DESC LIMIT 1) AS skill_id"
    "  FROM teacher_event e WHERE e.skill_id IN (SELECT old_id FROM skill_split);"
    "DROP TRIGGER teacher_event_append_only_u;"
    "UPDATE teacher_event SET skill_id = (SELECT m.skill_id FROM event_move m"
    "  WHERE m.event_id = teacher_event.id) WHERE id IN (SELECT event_id FROM event_move"
    "  WHERE skill_id IS NOT NULL);"
    "CREATE TRIGGER teacher_event_append_only_u BEFORE UPDATE ON teacher_event"
    "  BEGIN SELECT RAISE(ABORT, 'observations and interviews are append-only'); END;"
    "DROP TABLE event_move;"
    /* a resource offered on the code is offered on each of its skills */
    "INSERT OR IGNORE INTO resource_skill(resource_id, skill_id, state)"
    "  SELECT r.resource_id, s.new_id, r.state FROM resource_skill r"
    "  JOIN skill_split s ON s.old_id = r.skill_id;"
    "INSERT INTO import_log(command, file, sha256, note)"
    "  SELECT 'migrate', 'schema version 8', '', 'skills-split: ' ||"
    "  group_concat(j.name || ' ' || k.code || ' (' || f.system || ', ' || s.system || ')', '; ')"
    "  FROM skill_split s JOIN skill k ON k.id = s.old_id JOIN subject j ON j.id = k.subject_id"
    "  JOIN skill_first f ON f.skill_id = s.old_id HAVING count(*) > 0;"
    "DROP TABLE skill;"
    "ALTER TABLE skill_v8 RENAME TO skill;"
    "CREATE INDEX skill_by_code ON skill(subject_id, code);"
    /* a description's requirement and the codifier's codes it checks (mms import-codifier) */
    "CREATE TABLE skill_link ("
    "  skill_id INTEGER NOT NULL REFERENCES skill(id),"
    "  codifier_id INTEGER NOT NULL REFERENCES skill(id),"
    "  PRIMARY KEY (skill_id, codifier_id)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX skill_link_by_codifier ON skill_link(codifier_id, skill_id);"
    /* the skills that are the same skill as SKILL_ID for persistence and follow-up: itself,
       the codifier's codes it is linked to, and the requirements linked to those */
    "CREATE VIEW skill_same(skill_id, same_id) AS"
    "  SELECT id, id FROM skill"
    "  UNION SELECT skill_id, codifier_id FROM skill_link"
    "  UNION SELECT codifier_id, skill_id FROM skill_link"
    "  UNION SELECT a.skill_id, b.skill_id FROM skill_link a"
    "    JOIN skill_link b ON b.codifier_id = a.codifier_id;"
    "DROP TABLE skill_use;"
    "DROP TABLE skill_first;"
    "DROP TABLE skill_split;",
    /* 9: the targets the district sets for its shares (mms config targets) */
    "CREATE TABLE district_target ("
    "  key TEXT PRIMARY KEY CHECK (key IN ('teachers_with_programme', 'young_supported')),"
    "  percent REAL NOT NULL CHECK (percent > 0 AND percent <= 100),"
    "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    ") STRICT, WITHOUT ROWID;",
    /*
     * 10: the analysis: an assessment's scale of marks (the lowest primary
     * score of 3, 4, 5), the reference values ФИС ОКО publishes (Russia's,
     * the region's, the municipality's success by task and shares of marks),
     * and the signs of non-objective results found at classification.
     */
    "CREATE TABLE mark_scale ("
    "  assessment_id INTEGER PRIMARY KEY REFERENCES assessment(id),"
    "  min3 REAL NOT NULL, min4 REAL NOT NULL, min5 REAL NOT NULL,"
    "  CHECK (0 <= min3 AND min3 < min4 AND min4 < min5)"
    ") STRICT;"
    "CREATE TABLE reference_value ("
    "  assessment_id INTEGER NOT NULL REFERENCES assessment(id),"
    "  scope TEXT NOT NULL CHECK (scope IN ('russia', 'region', 'municipality')),"
    "  name TEXT NOT NULL,"
    /* 'task:LABEL' (success, 0…1) or 'mark:N' (share of the mark N, 0…1) */
    "  what TEXT NOT NULL,"
    "  value REAL NOT NULL CHECK (value >= 0 AND value <= 1),"
    "  PRIMARY KEY (assessment_id, scope, what)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE objectivity_sign ("
    "  assessment_id INTEGER NOT NULL REFERENCES assessment(id),"
    "  school_id INTEGER NOT NULL REFERENCES school(id),"
    "  class_id INTEGER REFERENCES class(id),"
    "  sign TEXT NOT NULL CHECK (sign IN ('boundary', 'raised', 'history')),"
    "  value REAL,"
    "  reference REAL"
    ") STRICT;"
    "CREATE INDEX objectivity_sign_by_assessment ON objectivity_sign(assessment_id, school_id);",
    /*
     * 11: the 12 steps of replicating successful experience (seed 004) of a
     * mentor's item, each with the day planned and the day done; steps 3, 7
     * and 11 take their observation.
     */
    "CREATE TABLE iop_step ("
    "  item_id INTEGER NOT NULL REFERENCES iop_item(id),"
    "  step INTEGER NOT NULL CHECK (step BETWEEN 1 AND 12),"
    "  planned TEXT,"
    "  done TEXT,"
    "  note TEXT,"
    "  event_id INTEGER REFERENCES teacher_event(id),"
    "  PRIMARY KEY (item_id, step)"
    ") STRICT, WITHOUT ROWID;",
    /* 12: a file's "imported before?" by its hash, not by scanning the whole log */
    "CREATE INDEX import_log_by_sha256 ON import_log(sha256, assessment_id);",
    /*
     * 13: the service's own work, the plan of events and what the model's
     * indicators count: seminars, РМО and ШМО meetings, the council's
     * meetings, publications, management decisions, practices submitted to
     * РАОП and their expert support, statuses awarded, creative groups, the
     * monitoring of the schools' quality systems; planned (a day) or done.
     */
    "CREATE TABLE event ("
    "  id INTEGER PRIMARY KEY,"
    "  kind TEXT NOT NULL CHECK (kind IN ('seminar', 'rmo', 'shmo', 'council', 'publication',"
    "    'decision', 'raop', 'raop_support', 'status', 'creative_group', 'monitoring')),"
    "  title TEXT NOT NULL,"
    "  date TEXT NOT NULL,"
    "  done TEXT,"
    "  level TEXT NOT NULL CHECK (level IN ('district', 'school')),"
    "  school_id INTEGER REFERENCES school(id),"
    "  address TEXT,"
    "  skill_id INTEGER REFERENCES skill(id),"
    "  note TEXT,"
    "  CHECK ((level = 'school') = (school_id IS NOT NULL))"
    ") STRICT;"
    "CREATE INDEX event_by_kind ON event(kind, date);"
    "CREATE TABLE event_teacher ("
    "  event_id INTEGER NOT NULL REFERENCES event(id),"
    "  teacher_id INTEGER NOT NULL REFERENCES teacher(id),"
    "  PRIMARY KEY (event_id, teacher_id)"
    ") STRICT, WITHOUT ROWID;",
    /*
     * 14: post-course support (step 1.7 of the model): the district's
     * methodologists join the resource bank (kind 'methodologist', SQLite's
     * procedure for a changed CHECK), and a course item done gets its
     * follow-up: the school's mentor or a methodologist, once.
     */
    "CREATE TABLE resource_v14 ("
    "  id INTEGER PRIMARY KEY,"
    "  kind TEXT NOT NULL CHECK (kind IN ('mentor', 'seminar', 'rmo', 'internship', 'course',"
    "    'methodologist')),"
    "  origin TEXT NOT NULL CHECK (origin IN ('data', 'manual', 'catalogue')),"
    "  title TEXT NOT NULL,"
    "  title_key TEXT NOT NULL,"
    "  teacher_id INTEGER REFERENCES teacher(id),"
    "  provider TEXT,"
    "  hours INTEGER CHECK (hours IS NULL OR hours > 0),"
    "  capacity INTEGER CHECK (capacity IS NULL OR capacity > 0),"
    "  period TEXT,"
    "  format TEXT,"
    "  withdrawn TEXT,"
    "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  CHECK (kind <> 'mentor' OR teacher_id IS NOT NULL)"
    ") STRICT;"
    "INSERT INTO resource_v14 SELECT * FROM resource;"
    "DROP TABLE resource;"
    "ALTER TABLE resource_v14 RENAME TO resource;"
    "CREATE UNIQUE INDEX resource_data_mentor ON resource(teacher_id) WHERE origin = 'data';"
    "CREATE UNIQUE INDEX resource_catalogue ON resource(title_key) WHERE origin = 'catalogue';"
    "CREATE TABLE iop_support ("
    "  item_id INTEGER PRIMARY KEY REFERENCES iop_item(id),"
    "  resource_id INTEGER REFERENCES resource(id),"
    "  status TEXT NOT NULL DEFAULT 'planned'"
    "    CHECK (status IN ('planned', 'in-progress', 'done', 'dropped')),"
    "  created TEXT NOT NULL"
    ") STRICT;",
    /*
     * 15: teachers' own view of their difficulties (самодиагностика): an
     * answer stating a difficulty on a skill is a hypothesis beside the
     * result-based ones, in the same status machine (observation confirms,
     * interview accepts); and the schools' survey of the service.
     */
    "CREATE TABLE self_diagnosis ("
    "  id INTEGER PRIMARY KEY,"
    "  teacher_id INTEGER NOT NULL REFERENCES teacher(id),"
    "  skill_id INTEGER NOT NULL REFERENCES skill(id),"
    "  level INTEGER CHECK (level BETWEEN 1 AND 5),"
    "  difficulty INTEGER NOT NULL CHECK (difficulty IN (0, 1)),"
    "  date TEXT NOT NULL,"
    "  UNIQUE (teacher_id, skill_id, date)"
    ") STRICT;"
    "CREATE INDEX self_diagnosis_by_pair ON self_diagnosis(teacher_id, skill_id);"
    "CREATE TABLE satisfaction ("
    "  id INTEGER PRIMARY KEY,"
    "  school_id INTEGER REFERENCES school(id),"
    "  question TEXT NOT NULL,"
    "  answer REAL NOT NULL CHECK (answer BETWEEN 1 AND 5),"
    "  date TEXT NOT NULL"
    ") STRICT;"
    "DROP VIEW teacher_skill_status;"
    "CREATE VIEW teacher_skill_status(teacher_id, skill_id, status, priority, last_event) AS"
    "  SELECT h.teacher_id, h.skill_id,"
    "    CASE"
    "      WHEN li.outcome = 'accept' THEN 'need'"
    "      WHEN li.outcome = 'decline' THEN 'declined'"
    "      WHEN lo.outcome = 'confirm' THEN 'confirmed'"
    "      WHEN lo.outcome = 'reject' THEN 'rejected'"
    "      ELSE 'hypothesis' END,"
    "    li.priority, max(coalesce(li.id, 0), coalesce(lo.id, 0))"
    "  FROM (SELECT DISTINCT teacher_id, skill_id FROM hypothesis"
    "    UNION SELECT teacher_id, skill_id FROM self_diagnosis WHERE difficulty = 1) h"
    "  LEFT JOIN teacher_event lo ON lo.id = (SELECT max(id) FROM teacher_event e"
    "    WHERE e.teacher_id = h.teacher_id AND e.skill_id = h.skill_id"
    "    AND e.kind = 'observation')"
    "  LEFT JOIN teacher_event li ON li.id = (SELECT max(id) FROM teacher_event e"
    "    WHERE e.teacher_id = h.teacher_id AND e.skill_id = h.skill_id"
    "    AND e.kind = 'interview');",
    /* 16: an event of the plan that serves a programme's item (its network work) */
    "ALTER TABLE event ADD COLUMN item_id INTEGER REFERENCES iop_item(id);"
    "CREATE INDEX event_by_item ON event(item_id) WHERE item_id IS NOT NULL;",
    /* 17: the district's schedule of a mentor's 12 steps (mms config steps) */
    "CREATE TABLE step_schedule ("
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  start TEXT NOT NULL CHECK (start GLOB '[0-1][0-9]-[0-3][0-9]'),"
    "  every INTEGER NOT NULL CHECK (every BETWEEN 1 AND 60)"
    ") STRICT;",
    /* 18: the students below half a row a class, not a row a student: a region has
       150 000 students and 7 000 classes, and the rows were a fifth of a classification's
       time.  students is a JSON object, participant code → the skills as before, e.g.
       {"1001":{"12":250000},"1002":{"12":0,"15":400000}}; class_id NULL holds a
       school's students without a class.  The view student_deficit is unchanged. */
    "CREATE TABLE student_below_v18 ("
    "  run_id INTEGER NOT NULL REFERENCES deficit_run(id),"
    "  school_id INTEGER NOT NULL REFERENCES school(id),"
    "  class_id INTEGER REFERENCES class(id),"
    "  students TEXT NOT NULL"
    ") STRICT;"
    "INSERT INTO student_below_v18(run_id, school_id, class_id, students)"
    "  SELECT run_id, school_id, class_id, json_group_object(code, json(skills))"
    "  FROM (SELECT * FROM student_below ORDER BY run_id, school_id, class_id, code)"
    "  GROUP BY run_id, school_id, class_id;"
    "DROP VIEW student_deficit;"
    "DROP TABLE student_below;"
    "ALTER TABLE student_below_v18 RENAME TO student_below;"
    "CREATE INDEX student_below_by_run ON student_below(run_id, school_id);"
    "CREATE VIEW student_deficit(run_id, school_id, class_id, code, skill_id, success) AS"
    "  SELECT b.run_id, b.school_id, b.class_id, s.key, CAST(j.key AS INTEGER),"
    "    j.value / 1000000.0 FROM student_below b, json_each(b.students) s,"
    "    json_each(s.value) j;",
    /* 19: a run's deficits by level and school: what counts or lists them (the report, map's
       unassigned classes) reads them alone, not the run's every class × skill */
    "CREATE INDEX deficit_result_deficits ON deficit_result(run_id, level, school_id)"
    "  WHERE deficit = 1;",
    /* 20: no index of the participants by class: nothing reads them by class alone
       (what does reads an assessment's, or a school's, by the unique key), no class is
       deleted, and the import kept it for every participant (a twentieth of its time,
       1.8 MB of a region's database) */
    "DROP INDEX participant_by_class;",
    /* 21: a run's rows by level, skill and class, one index where there were two (by run,
       level and skill; by class, skill and run): what looks up a class's row knows its
       run, and each index was a third of the time a run took to store (the write lock's) */
    "DROP INDEX deficit_result_by_class;"
    "DROP INDEX deficit_result_by_run;"
    "CREATE INDEX deficit_result_by_run ON deficit_result(run_id, level, skill_id, class_id);",
    /* 22: a participant's scores in whole or half points up to 63 take a byte a task
       (results/packed.h: the narrow layout, an odd length; the wide one, two bytes a task,
       stays for rows with hundredths and for rows stored before): a quarter of a region's
       database was participants, half of it their scores.  The view reads both. */
    "DROP VIEW score;" SQL_SCORE_VIEW,
    /* 23: a run's rows store what they cannot be told from: the level is the group's
       (a class, a school, the district: which ids there are), the success its points over
       the possible, whether a deficit its verdict; the task's level, the verdict, the
       spread and the persistence are stored as their codes (include/mms/deficits.h's
       order) and read as the words they were.  Generated columns, not stored: every
       reader and index reads them as before, and a region's class × skill rows, a third of
       its database, take 80 bytes where they took 114. */
    "CREATE TABLE deficit_result_v23 (" SQL_RESULT_GROUP
    "  success REAL GENERATED ALWAYS AS (points / possible) VIRTUAL,"
    "  ci_low REAL NOT NULL,"
    "  ci_high REAL NOT NULL,"
    "  task_level TEXT GENERATED ALWAYS AS (CASE task_level_code WHEN 0 THEN 'Б'"
    "    WHEN 1 THEN 'П' ELSE 'В' END) VIRTUAL,"
    "  threshold REAL NOT NULL,"
    "  sufficient REAL NOT NULL,"
    "  verdict TEXT GENERATED ALWAYS AS (CASE verdict_code WHEN 0 THEN 'insufficient_data'"
    "    WHEN 1 THEN 'sufficient' WHEN 2 THEN 'uncertain' ELSE 'deficit' END) VIRTUAL,"
    "  deficit INTEGER GENERATED ALWAYS AS (verdict_code = 3) VIRTUAL,"
    "  spread TEXT GENERATED ALWAYS AS (CASE spread_code WHEN 0 THEN 'district'"
    "    WHEN 1 THEN 'school' WHEN 2 THEN 'teacher' WHEN 3 THEN 'class'"
    "    WHEN 4 THEN 'individual' END) VIRTUAL,"
    "  persistence TEXT GENERATED ALWAYS AS (CASE persistence_code WHEN 1 THEN 'new'"
    "    WHEN 2 THEN 'recurrent' END) VIRTUAL,"
    "  p_value REAL,"
    "  q_value REAL,"
    "  below_half INTEGER NOT NULL DEFAULT 0,"
    "  task_level_code INTEGER NOT NULL CHECK (task_level_code BETWEEN 0 AND 2),"
    "  verdict_code INTEGER NOT NULL CHECK (verdict_code BETWEEN 0 AND 3),"
    "  spread_code INTEGER CHECK (spread_code BETWEEN 0 AND 4),"
    "  persistence_code INTEGER CHECK (persistence_code BETWEEN 1 AND 2)"
    ") STRICT;"
    "INSERT INTO deficit_result_v23(rowid, run_id, school_id, class_id, skill_id, n, points,"
    "  possible, ci_low, ci_high, threshold, sufficient, p_value, q_value, below_half,"
    "  task_level_code, verdict_code, spread_code, persistence_code)"
    "  SELECT rowid, run_id, school_id, class_id, skill_id, n, points, possible, ci_low,"
    "    ci_high, threshold, sufficient, p_value, q_value, below_half,"
    "    CASE task_level WHEN 'Б' THEN 0 WHEN 'П' THEN 1 ELSE 2 END,"
    "    CASE verdict WHEN 'insufficient_data' THEN 0 WHEN 'sufficient' THEN 1"
    "      WHEN 'uncertain' THEN 2 ELSE 3 END,"
    "    CASE spread WHEN 'district' THEN 0 WHEN 'school' THEN 1 WHEN 'teacher' THEN 2"
    "      WHEN 'class' THEN 3 WHEN 'individual' THEN 4 END,"
    "    CASE persistence WHEN 'new' THEN 1 WHEN 'recurrent' THEN 2 END"
    "  FROM deficit_result ORDER BY rowid;"
    "DROP TABLE deficit_result;"
    "ALTER TABLE deficit_result_v23 RENAME TO deficit_result;" SQL_RESULT_INDEXES,
    /* 24: a student's skills below half are an array of pairs, skill id and success in
       millionths, e.g. {"1001":[12,250000],"1002":[12,0,15,400000]}, where they were an
       object keyed by the skill's id in quotes: two characters a pair fewer, a sixth of
       the students below half (a fifth of a region's database).  The view student_deficit
       reads them as before. */
    "UPDATE student_below SET students = (SELECT json_group_object(s.key, json(("
    "  SELECT '[' || group_concat(pair, ',') || ']' FROM (SELECT j.key || ',' || j.value"
    "    AS pair FROM json_each(s.value) j ORDER BY j.id))))"
    "  FROM json_each(student_below.students) s);"
    "DROP VIEW student_deficit;"
    "CREATE VIEW student_deficit(run_id, school_id, class_id, code, skill_id, success) AS"
    "  SELECT b.run_id, b.school_id, b.class_id, s.key, j.value,"
    "    json_extract(s.value, '$[' || (j.key + 1) || ']') / 1000000.0"
    "  FROM student_below b, json_each(b.students) s, json_each(s.value) j"
    "  WHERE j.key % 2 = 0;",
    /* 25: the participants kept in the order of their key (assessment, school, code),
       not beside an index of it: what reads them reads them by that key, and the index
       was over a quarter of them (3.6 MB of a region's database) and a second b-tree
       for every row the import writes.  A participant keeps its id (the view score's),
       now a column the import numbers its new participants in from participant_seq (a
       trigger numbering the others cost the import a third of its time); mms check
       finds two with one id. */
    "CREATE TABLE participant_v25 ("
    "  id INTEGER NOT NULL," SQL_PARTICIPANT_WHO "  digest INTEGER NOT NULL DEFAULT 0,"
    "  scores BLOB,"
    "  mark INTEGER CHECK (mark BETWEEN 2 AND 5),"
    "  journal_mark INTEGER CHECK (journal_mark BETWEEN 2 AND 5),"
    "  sex TEXT CHECK (sex = 'М' OR sex = 'Ж'),"
    "  PRIMARY KEY (assessment_id, school_id, code)"
    ") STRICT, WITHOUT ROWID;"
    "INSERT INTO participant_v25(id, assessment_id, school_id, class_id, code, variant, absent,"
    "  import_id, digest, scores, mark, journal_mark, sex)"
    "  SELECT id, assessment_id, school_id, class_id, code, variant, absent, import_id, digest,"
    "    scores, mark, journal_mark, sex FROM participant"
    "  ORDER BY assessment_id, school_id, code;"
    "DROP VIEW score;"
    "DROP TABLE participant;"
    "ALTER TABLE participant_v25 RENAME TO participant;" SQL_SCORE_VIEW ";"
    /* the last id given, a row alone */
    "CREATE TABLE participant_seq (last INTEGER NOT NULL) STRICT;"
    "INSERT INTO participant_seq SELECT coalesce(max(id), 0) FROM participant;",
    /* 26: a run's row stores its task level, verdict, spread and persistence in one small
       integer, codes (lib/deficits/codes.h: bits 0-1 the task level, 2-3 the verdict, 4-6
       the spread + 1, 7-8 the persistence), where four columns took a byte of the row's
       header each; and its thresholds, the same for every row of a run's task level, as
       whole ten-thousandths (2 bytes where a REAL takes 8) when they are (any given in
       percent with at most two decimals), else as the REAL negated (told from the
       ten-thousandths by its sign, which costs an insert nothing where typeof() cost it a
       twentieth).  The columns read as before; the codes' own columns of migration 23 are
       gone into codes.  A region's class x skill row: 80 bytes -> 65.  The generated
       numbers are ANY (SQL_RESULT_READ), as the REALs stored before read sorted too. */
    "CREATE TABLE deficit_result_v26 (" SQL_RESULT_GROUP
    "  success ANY GENERATED ALWAYS AS (points / possible) VIRTUAL,"
    "  ci_low REAL NOT NULL,"
    "  ci_high REAL NOT NULL,"
    "  task_level TEXT GENERATED ALWAYS AS (CASE codes & 3 WHEN 0 THEN 'Б'"
    "    WHEN 1 THEN 'П' ELSE 'В' END) VIRTUAL," SQL_RESULT_READ
    "  persistence TEXT GENERATED ALWAYS AS (CASE codes >> 7 WHEN 1 THEN 'new'"
    "    WHEN 2 THEN 'recurrent' END) VIRTUAL,"
    "  p_value REAL,"
    "  q_value REAL,"
    "  below_half INTEGER NOT NULL DEFAULT 0,"
    "  codes INTEGER NOT NULL CHECK (codes BETWEEN 0 AND 383 AND (codes & 3) <= 2"
    "    AND ((codes >> 4) & 7) <= 5)," SQL_RESULT_STORED_THRESHOLDS ") STRICT;"
    "INSERT INTO deficit_result_v26(rowid, run_id, school_id, class_id, skill_id, n, points,"
    "  possible, ci_low, ci_high, p_value, q_value, below_half, codes, threshold_stored,"
    "  sufficient_stored)"
    "  SELECT rowid, run_id, school_id, class_id, skill_id, n, points, possible, ci_low,"
    "    ci_high, p_value, q_value, below_half, task_level_code | (verdict_code << 2)"
    "    | (coalesce(spread_code + 1, 0) << 4)"
    "    | (coalesce(persistence_code, 0) << 7)," SQL_RESULT_THRESHOLDS_OF
    "  FROM deficit_result ORDER BY rowid;"
    "DROP TABLE deficit_result;"
    "ALTER TABLE deficit_result_v26 RENAME TO deficit_result;" SQL_RESULT_INDEXES
    /* a teacher's row alike (its codes' task level the one whose thresholds it has,
       the run's district row's; a district's, a school's or a teacher's spread, no
       persistence), and its success its points over the possible: 128 bytes a row -> 89 */
    "CREATE TABLE teacher_result_v26 (" SQL_TEACHER_GROUP
    "  success ANY GENERATED ALWAYS AS (points / possible) VIRTUAL,"
    "  rest_n INTEGER NOT NULL,"
    "  rest_success REAL," SQL_RESULT_READ
    "  sole_teacher INTEGER NOT NULL CHECK (sole_teacher = 0 OR sole_teacher = 1),"
    "  p_below REAL,"
    "  q_below REAL,"
    "  p_above REAL,"
    "  q_above REAL,"
    "  codes INTEGER NOT NULL CHECK (codes BETWEEN 0 AND 63"
    "    AND (codes & 3) <= 2)," SQL_RESULT_STORED_THRESHOLDS ","
    "  PRIMARY KEY (run_id, school_id, teacher_id, skill_id)"
    ") STRICT, WITHOUT ROWID;"
    "INSERT INTO teacher_result_v26(run_id, teacher_id, skill_id, school_id, classes, n,"
    "  points, possible, rest_n, rest_success, sole_teacher, p_below, q_below, p_above,"
    "  q_above, codes, threshold_stored, sufficient_stored)"
    "  SELECT t.run_id, t.teacher_id, t.skill_id, t.school_id, t.classes, t.n, t.points,"
    "    t.possible, t.rest_n, t.rest_success, t.sole_teacher, t.p_below, t.q_below,"
    "    t.p_above, t.q_above, coalesce((SELECT d.codes & 3 FROM deficit_result d"
    "      WHERE d.run_id = t.run_id AND d.level = 'district' AND d.skill_id = t.skill_id),"
    "      0) | (CASE t.verdict WHEN 'insufficient_data' THEN 0 WHEN 'sufficient' THEN 1"
    "      WHEN 'uncertain' THEN 2 ELSE 3 END << 2) | (CASE t.spread WHEN 'district' THEN 1"
    "      WHEN 'school' THEN 2 WHEN 'teacher' THEN 3 ELSE 0 END << 4)," SQL_RESULT_THRESHOLDS_OF
    "  FROM teacher_result t ORDER BY t.run_id, t.school_id, t.teacher_id, t.skill_id;"
    "DROP TABLE teacher_result;"
    "ALTER TABLE teacher_result_v26 RENAME TO teacher_result;",
    /* 27: a run's rows are table deficit_row, and deficit_result the view that reads them
       as before, the words and numbers told by the codes and thresholds computed where
       they are read.  SQLite computes every generated column of a row it inserts, those
       no index nor check needs too: seven of the nine were a third of the program that
       stores a row (instructions to store a region's five runs: 1.83 x 10^9 -> 1.56).
       The level and whether a deficit stay the table's, for its indexes (their names
       kept).  Their columns dropped, VIRTUAL, no row is written again. */
    "ALTER TABLE deficit_result RENAME TO deficit_row;"
    "ALTER TABLE deficit_row DROP COLUMN success;"
    "ALTER TABLE deficit_row DROP COLUMN task_level;"
    "ALTER TABLE deficit_row DROP COLUMN threshold;"
    "ALTER TABLE deficit_row DROP COLUMN sufficient;"
    "ALTER TABLE deficit_row DROP COLUMN verdict;"
    "ALTER TABLE deficit_row DROP COLUMN spread;"
    "ALTER TABLE deficit_row DROP COLUMN persistence;"
    "CREATE VIEW deficit_result(run_id, level, school_id, class_id, skill_id, n, points,"
    "  possible, success, ci_low, ci_high, task_level, threshold, sufficient, verdict,"
    "  deficit, spread, persistence, p_value, q_value, below_half, codes, threshold_stored,"
    "  sufficient_stored) AS"
    "  SELECT run_id, level, school_id, class_id, skill_id, n, points, possible,"
    "    points / possible, ci_low, ci_high,"
    "    CASE codes & 3 WHEN 0 THEN 'Б' WHEN 1 THEN 'П' ELSE 'В' END,"
    "    CASE WHEN threshold_stored >= 0 THEN threshold_stored / 10000.0"
    "      ELSE -threshold_stored END,"
    "    CASE WHEN sufficient_stored >= 0 THEN sufficient_stored / 10000.0"
    "      ELSE -sufficient_stored END,"
    "    CASE (codes >> 2) & 3 WHEN 0 THEN 'insufficient_data' WHEN 1 THEN 'sufficient'"
    "      WHEN 2 THEN 'uncertain' ELSE 'deficit' END,"
    "    deficit,"
    "    CASE (codes >> 4) & 7 WHEN 1 THEN 'district' WHEN 2 THEN 'school'"
    "      WHEN 3 THEN 'teacher' WHEN 4 THEN 'class' WHEN 5 THEN 'individual' END,"
    "    CASE codes >> 7 WHEN 1 THEN 'new' WHEN 2 THEN 'recurrent' END,"
    "    p_value, q_value, below_half, codes, threshold_stored, sufficient_stored"
    "  FROM deficit_row;",
    /* 28: the class deficits by skill and school (what mms_sql_earlier seeks: a
       teacher's school's deficits of a skill in earlier assessments), the class rows
       alone.  A run stores its rows level by level, each level skill by skill; keyed
       by skill first, the index got a skill's district and school rows after every
       skill's class rows, on a page long written.  At ten regions a run no longer fits
       the page cache, and a page written to the log and then changed again in the same
       transaction is written over, which makes SQLite read back and sum again every
       frame after it: 6 800 reads of 16 KiB for 38 pages.  Only class rows enter it
       now, in the order they come. */
    "DROP INDEX deficit_result_by_group;"
    "CREATE INDEX deficit_result_by_group ON deficit_row(skill_id, school_id, class_id)"
    "  WHERE deficit = 1 AND level = 'class';",
};

#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

int mms_schema_latest(void)
{
	return NMIGRATIONS;
}

const char *mms_schema_migration(int to)
{
	return to >= 1 && to <= NMIGRATIONS ? migrations[to - 1] : NULL;
}

/* After the migrations: every reference resolves, or MMS_EDB naming the first that does not. */
static int foreign_keys_hold(mms_db *db)
{
	sqlite3_stmt *st;
	int rc = mms_prepare(db, &st, "PRAGMA foreign_key_check");

	if (rc != MMS_OK)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		rc = mms_fail(db, MMS_EDB,
		              _("the migration left a row of '%s' referring to a missing row of "
		                "'%s': nothing was changed"),
		              (const char *)sqlite3_column_text(st, 0),
		              (const char *)sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
	return rc;
}

int mms_schema_migrate(mms_db *db)
{
	int v, rc, i;

	v = mms_db_schema_version(db);
	if (v < 0)
		return mms_fail_sql(db, "reading the schema version");
	if (v > NMIGRATIONS)
		return mms_fail(
		    db, MMS_EDB,
		    _("database '%s' is at schema version %d, newer than this mms (%d)"), db->path,
		    v, NMIGRATIONS);
	if (v == NMIGRATIONS)
		return MMS_OK;

	/*
	 * Migrations rebuild tables others refer to (SQLite's procedure for a
	 * changed table): foreign keys are off while they run, and checked whole
	 * before the commit.
	 */
	rc = mms_exec(db, "PRAGMA foreign_keys = OFF");
	if (rc != MMS_OK)
		return rc;
	rc = mms_tx_begin(db);
	if (rc != MMS_OK) {
		mms_exec(db, "PRAGMA foreign_keys = ON");
		return rc;
	}
	/* Another process may have migrated while we waited for the lock. */
	v = mms_db_schema_version(db);
	for (i = v; i < NMIGRATIONS; i++) {
		char pragma[64];

		rc = mms_exec(db, migrations[i]);
		if (rc != MMS_OK)
			goto fail;
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", i + 1);
		rc = mms_exec(db, pragma);
		if (rc != MMS_OK)
			goto fail;
		db->migrated++;
	}
	rc = mms_exec(db, MMS_APPLICATION_ID_SQL);
	if (rc != MMS_OK)
		goto fail;
	rc = foreign_keys_hold(db);
	if (rc != MMS_OK)
		goto fail;
	rc = mms_tx_commit(db);
	mms_exec(db, "PRAGMA foreign_keys = ON");
	return rc;
fail:
	mms_tx_rollback(db);
	mms_exec(db, "PRAGMA foreign_keys = ON");
	db->migrated = 0;
	return rc;
}
