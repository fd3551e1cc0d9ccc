/*
 * A command's options as a table, parsed in one place: the getopt_long()
 * loop, the values checked and stored, the messages for an unknown option,
 * a missing value and an unexpected argument.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* More than any command has; a longer table is a programming error. */
#define MAX_OPTS 40
#define LONG_ONLY 256 /* getopt values of options without a letter: 256 + index */

const char *const cli_table_json[] = {"table", "json", NULL};

static int store(const struct cli *cli, const struct cli_opt *o, const char *value)
{
	char name[64];

	switch (o->arg) {
	case CLI_FLAG:
		*(int *)o->dest = 1;
		return 0;
	case CLI_STR:
		*(const char **)o->dest = value;
		return 0;
	case CLI_WORD:
		if (!value[0])
			return cli_usage_error(cli, _("--%s is empty"), o->name);
		*(const char **)o->dest = value;
		return 0;
	case CLI_INT:
		snprintf(name, sizeof(name), "--%s", o->name);
		return cli_int(cli, name, value, o->lo, o->hi, (long *)o->dest);
	case CLI_FORMAT:
		return cli_format(cli, value, o->names, (int *)o->dest);
	case CLI_ENCODING:
		return cli_encoding(cli, value, (enum mms_encoding *)o->dest) ? EXIT_USAGE : 0;
	case CLI_CALL:
		return o->fn(cli, o, value);
	}
	return EXIT_SOFTWARE;
}

static int takes_value(const struct cli_opt *o)
{
	return o->arg != CLI_FLAG;
}

int cli_options(const struct cli *cli, int argc, char **argv, const struct cli_opt *opts,
                int max_args)
{
	struct option lo[MAX_OPTS + 1];
	char letters[2 * MAX_OPTS + 2] = ":";
	size_t n = 0, nl = 1;
	int opt, seen[MAX_OPTS] = {0};

	for (; opts[n].name; n++) {
		if (n == MAX_OPTS)
			return cli_usage_error(cli, "too many options");
		lo[n].name = opts[n].name;
		lo[n].has_arg = takes_value(&opts[n]) ? required_argument : no_argument;
		lo[n].flag = NULL;
		lo[n].val = opts[n].letter ? opts[n].letter : LONG_ONLY + (int)n;
		if (opts[n].letter) {
			letters[nl++] = opts[n].letter;
			if (takes_value(&opts[n]))
				letters[nl++] = ':';
		}
	}
	memset(&lo[n], 0, sizeof(lo[n]));
	letters[nl] = '\0';
	while ((opt = getopt_long(argc, argv, letters, lo, NULL)) != -1) {
		const struct cli_opt *o = NULL;
		int rc;

		if (opt == ':')
			return cli_usage_error(cli, _("option '%s' needs a value"),
			                       argv[optind - 1]);
		if (opt >= LONG_ONLY && (size_t)(opt - LONG_ONLY) < n)
			o = &opts[opt - LONG_ONLY];
		for (size_t i = 0; !o && opt != '?' && i < n; i++)
			if (opts[i].letter == opt)
				o = &opts[i];
		if (!o)
			return cli_usage_error(cli, _("unknown option '%s'"), argv[optind - 1]);
		if ((rc = store(cli, o, optarg)) != 0)
			return rc;
		seen[o - opts] = 1;
	}
	if (max_args >= 0 && argc - optind > max_args)
		return cli_usage_error(cli, _("unexpected argument '%s'"), argv[optind + max_args]);
	for (size_t i = 0; i < n; i++)
		if (opts[i].required && !seen[i])
			return cli_usage_error(cli, _("--%s is required"), opts[i].name);
	return 0;
}
