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
	for (; s && *s; s++) {
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
			fputc(*s, fp);
		}
	}
}
