#include <string.h>

#include "export.h"

void csv_bom(FILE *fp)
{
	fputs("\xEF\xBB\xBF", fp);
}

void csv_field(FILE *fp, const char *s, int last)
{
	if (s && strpbrk(s, ";\"\r\n")) {
		fputc('"', fp);
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
