/*
 * mkbook — writes an .xlsx workbook for the CLI tests from tab-separated
 * text, the way Excel would store what a person typed:
 *
 *   mkbook OUT.xlsx [--merge RANGE]... SHEET=FILE.tsv [[--merge RANGE]... SHEET=FILE.tsv]...
 *
 * Each SHEET=FILE adds a sheet named SHEET with the rows of FILE (UTF-8,
 * tab-separated).  A cell that is a number ("2", "0.5") is stored as a
 * number, "d:2026-04-15" as a date, "f:=A1+B1;3" as a formula with its
 * cached value 3, "'…" as the text after the quote, anything else as text;
 * an empty cell is no cell.  --merge A1:F1 merges that range of the next
 * sheet (its first cell keeps the value).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

static int is_number(const char *s, double *v)
{
	char *end;

	if (!*s || strchr(s, ',') || *s == ' ')
		return 0;
	*v = strtod(s, &end);
	return *end == '\0';
}

static void cell(lxw_worksheet *ws, lxw_format *date, int r, int c, char *s)
{
	double v;

	if (!*s)
		return;
	if (!strncmp(s, "d:", 2)) {
		lxw_datetime dt = {0};

		if (sscanf(s + 2, "%d-%d-%d", &dt.year, &dt.month, &dt.day) == 3) {
			worksheet_write_datetime(ws, (lxw_row_t)r, (lxw_col_t)c, &dt, date);
			return;
		}
	}
	if (!strncmp(s, "f:", 2)) {
		char *bar = strrchr(s, ';');

		if (bar) {
			*bar = '\0';
			worksheet_write_formula_num(ws, (lxw_row_t)r, (lxw_col_t)c, s + 2, NULL,
			                            atof(bar + 1));
			return;
		}
	}
	if (s[0] == '\'')
		worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, s + 1, NULL);
	else if (is_number(s, &v))
		worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, v, NULL);
	else
		worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, s, NULL);
}

static int sheet(lxw_workbook *wb, lxw_format *date, const char *arg, char **merges, int nmerges)
{
	char name[256], line[65536];
	const char *eq = strchr(arg, '=');
	lxw_worksheet *ws;
	FILE *fp;
	int r = 0;

	if (!eq || (size_t)(eq - arg) >= sizeof(name))
		return -1;
	memcpy(name, arg, (size_t)(eq - arg));
	name[eq - arg] = '\0';
	ws = workbook_add_worksheet(wb, name);
	fp = fopen(eq + 1, "r");
	if (!ws || !fp)
		return -1;
	for (int i = 0; i < nmerges; i++) {
		lxw_row_t r1, r2;
		lxw_col_t c1, c2;

		r1 = lxw_name_to_row(merges[i]);
		c1 = lxw_name_to_col(merges[i]);
		r2 = lxw_name_to_row_2(merges[i]);
		c2 = lxw_name_to_col_2(merges[i]);
		worksheet_merge_range(ws, r1, c1, r2, c2, "", NULL);
	}
	while (fgets(line, sizeof(line), fp)) {
		char *p = line;
		int c = 0;

		line[strcspn(line, "\r\n")] = '\0';
		for (char *tab; p; p = tab ? tab + 1 : NULL, c++) {
			tab = strchr(p, '\t');
			if (tab)
				*tab = '\0';
			cell(ws, date, r, c, p);
		}
		r++;
	}
	fclose(fp);
	return 0;
}

int main(int argc, char **argv)
{
	lxw_workbook *wb;
	lxw_format *date;
	char *merges[16];
	int nmerges = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: mkbook OUT.xlsx [--merge RANGE]... SHEET=FILE.tsv...\n");
		return 64;
	}
	wb = workbook_new(argv[1]);
	if (!wb)
		return 73;
	date = workbook_add_format(wb);
	format_set_num_format(date, "dd.mm.yyyy");
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--merge") && i + 1 < argc && nmerges < 16) {
			merges[nmerges++] = argv[++i];
			continue;
		}
		if (sheet(wb, date, argv[i], merges, nmerges) != 0) {
			fprintf(stderr, "mkbook: cannot add sheet '%s'\n", argv[i]);
			return 66;
		}
		nmerges = 0;
	}
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : 74;
}
