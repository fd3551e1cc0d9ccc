/* Excel workbooks the commands write: formats, sheets, cells, closing. */
#include <math.h>

#include "xlsx.h"

int xl_open(const struct cli *cli, struct xl *x, const char *path, const char *shown)
{
	x->shown = shown;
	x->wb = workbook_new(path);
	if (!x->wb) {
		cli_error(cli, _("cannot write '%s'"), shown);
		return EXIT_IO;
	}
	x->head = workbook_add_format(x->wb);
	format_set_bold(x->head);
	format_set_bg_color(x->head, 0xDDDDDD);
	format_set_text_wrap(x->head);
	x->pct = workbook_add_format(x->wb);
	format_set_num_format(x->pct, "0%");
	x->wrap = workbook_add_format(x->wb);
	format_set_text_wrap(x->wrap);
	format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
	return 0;
}

lxw_worksheet *xl_sheet(struct xl *x, const char *name, const char *const *heads, int n,
                        const double *widths)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);

	if (!ws)
		return NULL;
	for (int c = 0; c < n; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths ? widths[c] : 14, NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)c, heads[c], x->head);
	}
	worksheet_freeze_panes(ws, 1, 0);
	return ws;
}

void xl_num(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v, lxw_format *f)
{
	if (isnan(v))
		worksheet_write_blank(ws, r, c, NULL);
	else
		worksheet_write_number(ws, r, c, v, f);
}

void xl_str(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f)
{
	if (s)
		worksheet_write_string(ws, r, c, s, f);
	else
		worksheet_write_blank(ws, r, c, NULL);
}

int xl_close(const struct cli *cli, struct xl *x)
{
	lxw_error err = workbook_close(x->wb);

	x->wb = NULL;
	if (err != LXW_NO_ERROR) {
		cli_error(cli, _("cannot write '%s': %s"), x->shown, lxw_strerror(err));
		return EXIT_IO;
	}
	return EXIT_OK;
}

int xl_abandon(const struct cli *cli, struct xl *x)
{
	workbook_close(x->wb);
	x->wb = NULL;
	cli_error(cli, _("out of memory"));
	return EXIT_SOFTWARE;
}

int xl_write(struct cli *cli, const char *path, xl_writer *fn, const void *data)
{
	struct cli_output xo;
	locale_t old;
	int code = cli_output_begin_path(cli, &xo, path);

	if (code != 0)
		return code;
	/* a workbook's XML has a decimal point whatever the locale */
	old = cli_numeric_c();
	code = fn(cli, xo.file.tmp, path, data);
	cli_numeric_restore(old);
	if (cli_output_close(cli, &xo, code == EXIT_OK) != EXIT_OK)
		code = EXIT_IO;
	return code;
}
