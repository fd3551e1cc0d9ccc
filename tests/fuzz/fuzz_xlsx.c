/*
 * A libFuzzer harness for the .xlsx reader (lib/input/xlsx.c): the bytes
 * become a workbook file, opened and read sheet by sheet to the end.
 *
 * The first byte picks the mode.  Even (a real workbook starts with "PK"):
 * the bytes are the file as they are — the archive's structure, libzip.
 * Odd: the rest is a sheet's XML, then optionally (each after a NUL byte)
 * the shared strings, the styles and the workbook part, packed here into a
 * valid archive — so that mutations reach the XML instead of failing the
 * archive's checksums.  Missing parts are left out (a default workbook with
 * two sheets reading the same part is used when none is given).
 *
 * Built with -DMMS_FUZZ=ON and clang; run with
 * MMS_FUZZ_TARGET=xlsx scripts/fuzz.sh.  A crash reproduces from its input
 * alone: ./fuzz_xlsx crash-FILE.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "input/xlsx.h"

static mms_db *db;
static char input_path[256];

static void remove_input(void)
{
	unlink(input_path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");
	int fd;

	if (mms_db_open(":memory:", 0, &db) != MMS_OK) {
		fprintf(stderr, "fuzz_xlsx: %s\n", mms_errmsg(db));
		exit(1);
	}
	snprintf(input_path, sizeof(input_path), "%s/mms-fuzz-XXXXXX.xlsx",
	         tmp && tmp[0] ? tmp : "/tmp");
	fd = mkstemps(input_path, 5);
	if (fd < 0) {
		perror("fuzz_xlsx: mkstemps");
		exit(1);
	}
	close(fd);
	atexit(remove_input);
	return 0;
}

static void write_raw(const uint8_t *data, size_t size)
{
	FILE *fp = fopen(input_path, "wb");

	if (!fp || (size && fwrite(data, 1, size, fp) != size) || fclose(fp) != 0) {
		perror("fuzz_xlsx: writing the input");
		abort();
	}
}

static void add(zip_t *z, const char *name, const void *data, size_t len)
{
	zip_source_t *src = zip_source_buffer(z, data, len, 0);
	zip_int64_t i;

	if (!src || (i = zip_file_add(z, name, src, ZIP_FL_OVERWRITE)) < 0) {
		fprintf(stderr, "fuzz_xlsx: %s\n", zip_strerror(z));
		abort();
	}
	zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0);
}

static void adds(zip_t *z, const char *name, const char *s)
{
	add(z, name, s, strlen(s));
}

/* Packs the NUL-separated parts of DATA into a workbook. */
static void write_parts(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
	                                    "xl/styles.xml", "xl/workbook.xml"};
	const char *p = (const char *)data, *end = p + size;
	int err, have_wb = 0;
	zip_t *z;

	unlink(input_path);
	z = zip_open(input_path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	if (!z) {
		fprintf(stderr, "fuzz_xlsx: zip_open %d\n", err);
		abort();
	}
	adds(z, "_rels/.rels",
	     "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
	     "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
	     "officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
	     "</Relationships>");
	adds(z, "xl/_rels/workbook.xml.rels",
	     "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
	     "relationships\"><Relationship Id=\"rId1\" Type=\"x/worksheet\" "
	     "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"x/worksheet\" "
	     "Target=\"/xl/worksheets/sheet1.xml\"/><Relationship Id=\"rId3\" "
	     "Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rId4\" "
	     "Type=\"x/styles\" Target=\"styles.xml\"/></Relationships>");
	for (int k = 0; k < 4 && p <= end; k++) {
		const char *nul = memchr(p, '\0', (size_t)(end - p));
		size_t len = nul ? (size_t)(nul - p) : (size_t)(end - p);

		add(z, names[k], p, len);
		have_wb |= k == 3;
		if (!nul)
			break;
		p = nul + 1;
	}
	if (!have_wb)
		adds(
		    z, "xl/workbook.xml",
		    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
		    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
		    "relationships\"><sheets><sheet name=\"Лист1\" r:id=\"rId1\"/><sheet "
		    "name=\"Two\" r:id=\"rId2\"/></sheets></workbook>");
	if (zip_close(z) != 0) {
		fprintf(stderr, "fuzz_xlsx: %s\n", zip_strerror(z));
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mms_xlsx *x;
	mms_row *row;

	if (size > 0 && (data[0] & 1))
		write_parts(data + 1, size - 1);
	else
		write_raw(data, size);
	mms_diag_clear(db);
	if (mms_xlsx_open(db, input_path, &x) != MMS_OK) {
		if (mms_diag_count(db) == 0 && mms_errcode(db) != MMS_EOPEN)
			abort(); /* a damaged workbook must say why */
		return 0;
	}
	for (int i = 0; i < mms_xlsx_sheets(x); i++) {
		int rc;
		long rows = 0;

		if (mms_xlsx_select(x, i) != MMS_OK)
			continue;
		while ((rc = mms_xlsx_next(x, &row)) == 1) {
			/* every row has a cell with a value, its fields NUL-terminated */
			size_t filled = 0;

			if (row->n == 0 || row->n > MMS_FIELDS_MAX || row->f[row->n] ||
			    row->line < 1 || row->line > MMS_XLSX_ROWS_MAX)
				abort();
			for (size_t k = 0; k < row->n; k++)
				filled += strlen(row->f[k]) > 0;
			if (!filled)
				abort();
			rows++;
		}
		if (rc < 0 && mms_diag_count(db) == 0 && rc != MMS_ENOMEM)
			abort();
		if (getenv("MMS_FUZZ_DEBUG"))
			fprintf(stderr, "sheet %d '%s': %ld rows, %d\n", i,
			        mms_xlsx_sheet_name(x, i), rows, rc);
	}
	mms_xlsx_close(x);
	return 0;
}
