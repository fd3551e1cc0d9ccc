#include <string.h>

#include "export.h"

void csv_bom(FILE *fp)
{
	fputs("\xEF\xBB\xBF", fp);
}

/* A number as Excel reads one: an optional sign, digits, one decimal point or comma. */
static int numeric(const char *s)
{
	int digits = 0, point = 0;

	if (*s == '-' || *s == '+')
		s++;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if ((*s == '.' || *s == ',') && !point)
			point = 1;
		else
			return 0;
	}
	return digits > 0;
}

void csv_field(FILE *fp, const char *s, int last)
{
	/*
	 * A text cell Excel would take for a formula (=, +, -, @, a tab or a
	 * carriage return first) starts with an apostrophe, as OWASP says: a
	 * school named =HYPERLINK(…) stays text.  Numbers, negative ones too,
	 * stay numbers.
	 */
	int formula = s && s[0] && strchr("=+-@\t\r", s[0]) && !numeric(s);

	if (s && (formula || strpbrk(s, ";\"\r\n"))) {
		fputc('"', fp);
		if (formula)
			fputc('\'', fp);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', fp);
			fputc(*s, fp);
		}
		fputc('"', fp);
	} else if (s) {
		fputs(s, fp);
	}
	fputs(last ? "\r\n" : ";", fp);
}

void csv_number(FILE *fp, double v, const char *format)
{
	char buf[64];

	snprintf(buf, sizeof(buf), format, v);
	for (char *p = buf; *p; p++)
		if (*p == '.')
			*p = ',';
	csv_field(fp, buf, 0);
}

void html_text(FILE *fp, const char *s)
{
	/* the runs between the characters HTML reserves written whole: a page's
	   text went out a character a call, each call taking the stream's lock */
	while (s && *s) {
		size_t n = strcspn(s, "&<>\"'");

		fwrite(s, 1, n, fp);
		s += n;
		switch (*s) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&#39;", fp);
			break;
		default:
			return; /* the end */
		}
		s++;
	}
}

void html_heads(FILE *fp, const char *const *heads, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fputs("<th>", fp);
		html_text(fp, heads[i]);
		fputs("</th>", fp);
	}
}

/* The style of every page mms writes: A4, print-ready, no outside resources. */
const char html_css[] =
    "@page{size:A4;margin:14mm 12mm}"
    "*{box-sizing:border-box}"
    "body{font-family:'DejaVu Sans','Liberation Sans',Arial,sans-serif;font-size:10.5pt;"
    "color:#222;max-width:190mm;margin:0 auto;padding:8mm 0;line-height:1.35;"
    "-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "h1{font-size:17pt;margin:0 0 2mm}"
    "h2{font-size:13pt;margin:7mm 0 2mm;border-bottom:1px solid #bbb;padding-bottom:1mm;"
    "break-after:avoid;page-break-after:avoid}"
    "h3{font-size:11pt;margin:4mm 0 1mm;break-after:avoid;page-break-after:avoid}"
    "p{margin:1mm 0 2mm}"
    ".meta{color:#555}"
    ".note{color:#555;font-size:9pt}"
    ".anon{border:1px solid #999;background:#f4f4f4;padding:2mm 3mm;margin:3mm 0}"
    "figure{margin:2mm 0 4mm;break-inside:avoid;page-break-inside:avoid}"
    "figcaption{font-size:9pt;color:#555;margin-top:1mm}"
    "svg{max-width:100%;height:auto;font-family:inherit}"
    "table{border-collapse:collapse;width:100%;margin:2mm 0 4mm;font-size:9.5pt}"
    "thead{display:table-header-group}"
    "tr{break-inside:avoid;page-break-inside:avoid}"
    "th,td{border:1px solid #ccc;padding:1mm 2mm;text-align:left;vertical-align:top}"
    "th{background:#eee}"
    "td.n{text-align:right;white-space:nowrap}td.v{white-space:nowrap}"
    ".yes{color:#1a7a40;font-weight:bold}.no{color:#b03020;font-weight:bold}.nd{color:#777}"
    ".cards{display:flex;flex-wrap:wrap;gap:3mm;margin:3mm 0}"
    ".card{flex:1;border:1px solid #ccc;border-radius:2mm;padding:2mm 3mm;min-width:35mm}"
    ".card b{display:block;font-size:15pt}"
    "section{break-inside:auto}"
    "section.keep{break-inside:avoid;page-break-inside:avoid}"
    "@media print{body{padding:0;max-width:none}h2{page-break-before:auto}"
    ".pagebreak{page-break-before:always;break-before:page}}";
