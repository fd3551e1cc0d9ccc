/*
 * What the readers of students' results share: the import's state, the
 * layout of a table's columns, and the steps each file of lib/results does.
 */
#ifndef MMS_RESULTS_INTERNAL_H
#define MMS_RESULTS_INTERNAL_H

#include <stdint.h>
#include <string.h>

#include "idset.h"
#include "input/source.h"
#include "mms/results.h"
#include "results/packed.h"
#include "text.h"

#define HEADER_ROWS_MAX 30
#define TITLE_MEMO 8 /* title rows kept (struct imp's titles) */

struct task {
	int64_t id;
	char *label, *key;
	char *canon; /* the key as rs_task_canon() writes it */
	double max;
	int slot;
};

enum col_kind {
	C_IGNORE,
	C_CODE,
	C_CLASS,
	C_LETTER, /* the class's letter beside its number (Наименование класса) */
	C_SCHOOL_CODE,
	C_SCHOOL_NAME,
	C_VARIANT,
	C_VARIANT2, /* the second part's variant (var-2, Вариант (часть 2)) */
	C_TOTAL,
	C_MARK,
	C_JOURNAL, /* the mark of the journal or of the last period */
	C_SEX,
	C_SHORT,
	C_LONG,
	C_TASK,
	C_EXTRA, /* a task the description does not have: must stay empty */
	C_WHOLE, /* a task whose parts (6.1, 6.2 or 4К1, 4К2) the description has, whole */
	C_PERSONAL
};

/* What a personal column tells of who a participant is, for the keyed pseudonym. */
enum ident {
	ID_NONE,
	ID_SURNAME,
	ID_NAME,
	ID_PATRONYMIC,
	ID_FULLNAME,
	ID_SERIES,
	ID_NUMBER,
	ID_BIRTH,
	NIDENT
};

struct column {
	enum col_kind kind;
	enum ident ident;  /* C_PERSONAL */
	int task;          /* index into tasks for C_TASK */
	char *name;        /* the header's text, for C_EXTRA */
	int part0, nparts; /* C_WHOLE: its parts, tasks part0 … part0 + nparts - 1 */
};

/* An exam block of a РЦОИ protocol the import left for another assessment. */
struct other_block {
	char *title;
	long rows;
};

struct class_entry {
	int64_t school;
	char *key;
	int64_t id;
};

/* One line of a class map: VALUE as a file writes it stands for the class LABEL. */
struct class_map {
	int64_t school; /* 0: any school (the inline --class-map, a file's sheet «Классы») */
	char *value, *label;
	const char *source; /* "map" or "sheet" */
	int file_scoped;    /* from the current file's sheet «Классы» */
};

/* A school's classes of the assessment's grade, in letter order. */
struct grade_list {
	int64_t school;
	size_t n;
	int64_t *id;
	char **label;
};

/* What a row says of its participant besides the scores. */
struct who {
	int64_t school, klass;
	const char *code;
	char pseudonym[32];
	const char *variant;
	int mark, journal; /* 2..5, or 0 */
	const char *sex;   /* "М", "Ж" or NULL */
	/* whether the file has them: a file without marks keeps those stored */
	int has_mark, has_journal, has_sex;
	int absent;
	int pseudonymous;
};

/* New participants inserted together: up to PART_BATCH_MAX (2^(BITS - 1)) an INSERT. */
#define PART_BATCH_BITS 6
#define PART_BATCH_MAX (1 << (PART_BATCH_BITS - 1))

struct imp {
	mms_db *db;
	const mms_results_opts *o;
	mms_results_stats *st;
	int64_t assessment;
	char *subject_key;
	double max_total;
	struct task *tasks;
	size_t ntasks;
	int64_t forced_school; /* from --school, or 0 */
	struct class_map *cmap;
	size_t ncmap, cmap_cap;
	struct class_entry *classes;
	size_t nclasses, classes_cap;
	struct grade_list *grades;
	size_t ngrades, grades_cap;
	/* classes[] and grades[] by school (and key): each slot an index + 1, 0 empty;
	   cap a power of two, at least twice their count (classes.c) */
	size_t *class_slots, *grade_slots;
	size_t class_slots_cap, grade_slots_cap;
	mms_class_guess *guesses; /* the classes read from numbers and letters */
	size_t nguesses, guesses_cap;
	long last_guess; /* the guess of the last class read, or -1 */
	/* the exam block being read (РЦОИ): its title, and whether it is another subject's */
	char *block;
	int block_other;
	int expect_header; /* after a block's title */
	struct other_block *others;
	size_t nothers, others_cap, blocks_cap;
	int64_t group_school; /* from the last group row (0: not in the roster) */
	char *group_value;    /* that row's school, or NULL */
	/* the schools of rows the roster does not have (a region's file) */
	struct foreign {
		char *value;
		long line, rows;
	} * foreign;
	size_t nforeign, foreign_cap;
	unsigned char key[64]; /* the database's secret for pseudonyms */
	size_t keylen;
	int grade; /* the assessment's */
	/* the last school value seen and what it resolved to */
	char *last_school_value;
	int64_t last_school;
	/* the last class value seen, its school and what it resolved to */
	char *last_class_value, *last_letter_value;
	int64_t last_class_school, last_class;
	mms_idset touched;       /* participants this import found unchanged (those it wrote
	                            have import_id >= first_log_id) */
	int64_t first_log_id;    /* the log row of the import's first file */
	int64_t last_id, seq_id; /* the last participant id given; participant_seq's */
	sqlite3_stmt *find_school_code, *find_school_name, *find_class, *find_part, *add_part,
	    *upd_part, *add_log, *upd_log, *seen_hash, *grade_classes, *school_of;
	/* a file's new participants, held and inserted PART_BATCH_MAX an INSERT
	   (results.c): add_parts[k] inserts 2^k of them (k >= 1; one is add_part's) */
	sqlite3_stmt *add_parts[PART_BATCH_BITS];
	struct held_part {
		struct who w;               /* its code and variant in held_text: */
		size_t code, variant, blob; /* their offsets there, and the scores' */
		int bloblen;                /* -1: absent */
		long line;
	} held[PART_BATCH_MAX];
	int nheld;
	mms_buf held_text;
	int held_rc; /* storing them before a diagnostic failed (see mms_db's before_diag) */
	/* per file */
	const char *file;
	mms_src *src;
	mms_src_ahead *ahead;   /* the reader of the files ahead, or NULL */
	int expect_new;         /* the file's rows so far were new participants */
	mms_key_memo keys;      /* the header cells' keys, the same in every file */
	struct key_note *notes; /* what those keys are (header.c), KEY_NOTES slots */
	size_t nnotes;
	struct header_memo *header; /* the last header laid out without a word (header.c) */
	/* rows before a header that were a title alone, saying nothing (header.c) */
	struct title_memo {
		char *cells; /* each NUL-terminated, one after another */
		size_t n;
	} titles[TITLE_MEMO];
	size_t next_title; /* the slot the next one takes */
	int64_t log_id;
	long f_rows, f_students, f_absent, f_scores, f_ins, f_rep, f_unch, f_foreign;
	int school_reported;  /* the file's rows have no school: said once */
	long f_first_foreign; /* the line of the file's first row of such a school */
	/* per row */
	double *score;
	long *centi; /* the scores in hundredths, as packed (rs_store_row()) */
	int *attempted;
	unsigned char *blob; /* the packed scores of the row, room for the wide layout */
	int nslots;          /* the assessment's: its tasks' highest slot + 1 */
	int rowlen;          /* the row's packed length */
};

struct layout {
	struct column *cols;
	size_t ncols;
	int code, klass, letter, school_code, school_name, variant, variant2, total, mark, journal,
	    sex, shortans, longans;
	int ident[NIDENT]; /* the column of each kind of identity, or -1 */
	int pseudonymous;  /* no participant code: a keyed hash of name or document */
	int npersonal;     /* personal columns, dropped */
	char *klass_text;  /* the class column's header, to know the header again */
	int ntaskcols;
	/* the columns a row's cells are looked at in, by what for (rs_layout_roles()):
	   NSCORED of a score (tasks, wholes, answers), NMARKS of an absence's marker
	   (marks, total, variants), NEXTRA of a task the assessment does not have,
	   NPARSED of a task's or a whole's score: four lists one after another, each
	   in the columns' order */
	int *roles;
	size_t nscored, nmarks, nextra, nparsed;
};

struct header_probe {
	struct imp *x;
	struct layout *L;
	int *bad;
};

static inline int rs_oom(struct imp *x)
{
	return mms_oom(x->db);
}

static inline int rs_key_is(const char *key, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(key, *names) == 0)
			return 1;
	return 0;
}

static inline int rs_key_has(const char *key, const char *const *stems)
{
	for (; *stems; stems++)
		if (strstr(key, *stems))
			return 1;
	return 0;
}

/* results.c */
int rs_lookup_id(struct imp *x, sqlite3_stmt *st, int64_t *id);
/* The school a value names: a code, "edu223017 | МБОУ …", "Name(code)" or a name. */
int rs_resolve_school(struct imp *x, long line, int col, const char *value, int64_t *school);

/* header.c: a task's key without spaces, 5(1) as 5.1, a Latin k as к (allocated) */
char *rs_task_canon(const char *key);
/* the probe of a table's header (see mms_src_find()) */
int rs_read_header(void *ctx, mms_src *c);
/* What a row after the header is. */
enum row_kind {
	ROW_DATA,
	ROW_HEADER, /* the header again (the next exam block's) */
	ROW_BLOCK,  /* an exam block's title: 02 - Математика 2026.06.02 */
	ROW_GROUP, /* a school's group row: МБОУ "…"(edu203389) | Кол-во участников: 89 */
	ROW_FOOTER,   /* Средние, Итого */
	ROW_TEMPLATE, /* an empty row of a form, its formulas giving 0 */
};
enum row_kind rs_row_kind(struct imp *x, const struct layout *L, const mms_row *row);
/* Reads ROW as the header into L: MMS_OK (*BAD set after diagnostics), or < 0. */
int rs_header_layout(struct imp *x, const mms_row *row, struct layout *L, int *bad);
void rs_layout_free(struct layout *L);
/* L's columns by role (its roles), after its columns are laid out; MMS_OK, or out of memory.
   rs_do_row() finds them when L has none: every layout laid out or copied has none. */
int rs_layout_roles(struct imp *x, struct layout *L);
/* frees the import's memos of header keys' kinds and of the last header's layout (header.c) */
void rs_header_memos_free(struct imp *x);
/* An exam block's title: sets the current block and whether its rows are this
   assessment's.  A group row: the school its rows are of. */
int rs_enter_block(struct imp *x, const mms_row *row);
int rs_group_school(struct imp *x, const mms_row *row);

/* classes.c */
/* --class-map: a file (Код ОО;Номер;Класс) or inline 1=5А,2=5Б */
int rs_parse_class_map(struct imp *x);
/* A workbook's sheet «Классы» (ordinals to class names), for the current file's rows. */
int rs_read_class_sheet(struct imp *x);
/*
 * The class of a row: VALUE (a label 5А, a letter а, an ordinal 1, нет) and
 * LETTER (a second column's letter, or NULL); an empty class is allowed
 * (*KLASS 0) when ABSENT.  MMS_EDATA after a diagnostic at LINE, COL.
 */
int rs_resolve_class(struct imp *x, long line, int col, int64_t school, const char *value,
                     const char *letter, int absent, int64_t *klass);
void rs_classes_free(struct imp *x);

/* answers.c: a cell's markers and scores; the parsers return 0, or 1 after a diagnostic */
int rs_is_absent_marker(const char *s);
int rs_is_not_attempted(const char *s);
int rs_parse_cell_rest(struct imp *x, long line, int col, size_t t, const char *cell);
/* One score cell; returns 0, or 1 after a diagnostic.  The common cell, a whole
   score of one digit within the task's maximum, is taken without a call. */
static inline int rs_parse_cell(struct imp *x, long line, int col, size_t t, const char *cell)
{
	if (cell[0] >= '0' && cell[0] <= '9' && !cell[1] &&
	    cell[0] - '0' <= x->tasks[t].max + MMS_EPS) {
		x->score[t] = cell[0] - '0';
		x->attempted[t] = 1;
		return 0;
	}
	return rs_parse_cell_rest(x, line, col, t, cell);
}
/* A whole task's score shared among its parts in proportion to their maxima. */
int rs_parse_whole(struct imp *x, long line, int col, const struct column *c, const char *cell);
int rs_parse_short(struct imp *x, long line, int col, const char *s, size_t *next);
int rs_parse_long(struct imp *x, long line, int col, const char *s, size_t t);

/* rows.c: the school a code of any kind names (0 when none) */
int rs_school_by_code(struct imp *x, const char *code, int64_t *school);
/* rows.c: one row of a file read (its participant stored with rs_store_row) */
int rs_do_row(struct imp *x, struct layout *L, mms_row *row);
/* results.c: a participant and its scores, inserted, replaced or unchanged */
int rs_store_row(struct imp *x, const struct who *w, long line);
/* results.c: the participants rs_store_row() holds, stored */
int rs_store_held(struct imp *x);

#endif
