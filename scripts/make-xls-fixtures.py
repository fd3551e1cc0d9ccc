#!/usr/bin/python3
"""Makes the .xls (Excel 97-2003, BIFF8) fixtures of tests/unit/test_xls.c.

Writes into tests/data/xls/ (every value is invented: no real school,
teacher or participant):

  roster.xls     a roster sheet «Кадры» (numbers stored as numbers) and a
                 second sheet «Справка» of text
  results.xls    a ФИС ОКО-like results sheet: title rows (the first merged
                 across the table), a header, scores with 0.5, «н/я», «-»,
                 a sparse row, dates, a date-time and a time
  formulas.xls   a sheet with a Cyrillic name, a formula with a cached value
                 (xlwt always stores an empty cached result: this script
                 patches the FORMULA record to hold the value), booleans,
                 error cells, numbers in and out of exponent range and a
                 text with spaces round it; and a second sheet, empty
  broken.xls     roster.xls with its FAT (the OLE sector chains) smashed
  fat-loop.xls   roster.xls with every FAT entry 0 (chains that loop)
  truncated.xls  the first 1 500 bytes of roster.xls
  encrypted.xls  a workbook whose globals carry a FILEPASS record, as a
                 password-protected workbook does
  wide.xls       a cell at column 5 001 (past MMS_FIELDS_MAX), as only a
                 crafted file has: xlwt stops at column 256, so the script
                 writes the record itself
  nan.xls        a number cell holding a NaN, as only a damaged file has
  huge.xls       a sheet declaring 65 536 rows by 300 columns, which libfreexl
                 refuses to load (it keeps every cell of a sheet in memory)

Every run writes the same bytes.  The output is committed: run this only to
change the fixtures, from the top of the tree:

    /usr/bin/python3 scripts/make-xls-fixtures.py

It needs xlwt (Debian: apt-get install python3-xlwt), hence the system's
python3, not one of a virtualenv or pyenv.
"""

import datetime
import os
import struct
import sys

import xlwt
from xlwt import BIFFRecords, Cell

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "xls")

# Cached results of formulas, by (row, column): xlwt itself writes none.
CACHED = {}
_formula_init = BIFFRecords.FormulaRecord.__init__


def _formula_with_result(self, row, col, xf_index, rpn, calc_flags=0):
    _formula_init(self, row, col, xf_index, rpn, calc_flags)
    if (row, col) in CACHED:
        # bytes 6..13 of a FORMULA record: the cached result, an IEEE double
        data = self._rec_data
        self._rec_data = data[:6] + struct.pack("<d", CACHED[(row, col)]) + data[14:]


BIFFRecords.FormulaRecord.__init__ = _formula_with_result

# A DIMENSIONS record declaring more than xlwt knows of (wide.xls, huge.xls).
DIMENSIONS = None
_dimensions_init = BIFFRecords.DimensionsRecord.__init__


def _dimensions_override(self, first_row, last_row, first_col, last_col):
    if DIMENSIONS is not None:
        first_row, last_row, first_col, last_col = DIMENSIONS
    _dimensions_init(self, first_row, last_row, first_col, last_col)


BIFFRecords.DimensionsRecord.__init__ = _dimensions_override


def book():
    return xlwt.Workbook(encoding="utf-8")


def save(wb, name):
    path = os.path.join(OUT, name)
    wb.save(path)
    return path


def roster():
    wb = book()
    ws = wb.add_sheet("Кадры")
    header = ["Код ОО", "Школа", "Учитель", "Предмет", "Классы", "Год рождения",
              "Педагогический стаж", "Учебный год"]
    rows = [
        [500101, "МБОУ «Школа № 1» п. Вымышленный", "Иванова Анна Петровна", "Математика",
         "5а, 5б", 1979, 21, "2025/2026"],
        [500101, "МБОУ «Школа № 1» п. Вымышленный", "Петров Илья Сергеевич", "Русский язык",
         "6а", 1991, 8.5, "2025/2026"],
        [500202, "МКОУ «Сказочная СОШ»", "Ёлкина Мария Ильинична", "Математика",
         "5в", 1986, 14, "2025/2026"],
        [500202, "МКОУ «Сказочная СОШ»", "Сидоров Пётр Олегович", "История", "7а", 1969, 33,
         "2025/2026"],
    ]
    for c, v in enumerate(header):
        ws.write(0, c, v)
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row):
            ws.write(r, c, v)
    ws2 = wb.add_sheet("Справка")
    ws2.write(0, 0, "Справка о кадрах (вымышленные данные)")
    ws2.write(2, 0, "Составил:")
    ws2.write(2, 1, "методист РМС")
    return save(wb, "roster.xls")


def results():
    wb = book()
    ws = wb.add_sheet("Результаты")
    date = xlwt.easyxf(num_format_str="DD.MM.YYYY")
    stamp = xlwt.easyxf(num_format_str="DD.MM.YYYY HH:MM:SS")
    clock = xlwt.easyxf(num_format_str="HH:MM:SS")
    ws.write_merge(0, 0, 0, 6, "Индивидуальные результаты")
    ws.write(1, 0, "ВПР 2026 Математика 5 класс")
    ws.write(2, 0, "Предмет:")
    ws.write(2, 1, "Математика")
    ws.write(3, 0, "Дата проведения:")
    ws.write(3, 1, datetime.date(2026, 4, 15), date)
    # row 5 (index 4) is blank
    header = ["ОО", "Код участника", "Класс", "1 (1б)", "2 (1б)", "3 (2б)", "Первичный балл"]
    for c, v in enumerate(header):
        ws.write(5, c, v)
    data = [
        [500101, 10001, "5а", 1, 0, 2, 3],
        [500101, 10002, " 5а ", 1, 1, 0.5, 2.5],
        [500101, 10003, "5б", "н/я", "н/я", "н/я", None],
        [500202, 10004, "5в", 0, "-", 1, 1],
    ]
    for r, row in enumerate(data, start=6):
        for c, v in enumerate(row):
            if v is not None:
                ws.write(r, c, v)
    # a sparse row: the participant's code and the total only
    ws.write(10, 1, 10005)
    ws.write(10, 6, 2)
    ws.write(12, 0, "Выгружено:")
    ws.write(12, 1, datetime.datetime(2026, 5, 20, 14, 30, 5), stamp)
    ws.write(12, 2, datetime.datetime(2026, 5, 21, 0, 0, 0), stamp)
    ws.write(12, 3, datetime.time(9, 45, 0), clock)
    return save(wb, "results.xls")


def formulas():
    wb = book()
    ws = wb.add_sheet("Итоги 5А")
    ws.write(0, 0, "Сумма")
    ws.write(0, 2, 3)
    ws.write(0, 3, 4)
    CACHED[(0, 1)] = 7.0
    ws.write(0, 1, xlwt.Formula("C1+D1"))
    ws.write(1, 0, "Сдал")
    ws.write(1, 1, True)
    ws.write(2, 0, "Не сдал")
    ws.write(2, 1, False)
    ws.write(3, 0, "  с пробелами\u00a0")
    ws.write(3, 1, 0.001)
    ws.write(3, 2, 123456789.25)
    ws.write(3, 3, -1.5e-9)
    ws.write(3, 4, 1e21)
    ws.write(3, 5, 0.1 + 0.2)
    # error cells: libfreexl reads a BOOLERR record's value byte as a boolean
    ws.write(4, 0, "Ошибки")
    ws.row(4).set_cell_error(1, "#DIV/0!")
    ws.row(4).set_cell_error(2, "#NULL!")
    wb.add_sheet("Пусто")
    return save(wb, "formulas.xls")


def broken(src):
    data = bytearray(open(src, "rb").read())
    # the header's DIFAT (offset 0x4C) names the first FAT sector; its
    # entries chain the sectors of every stream: mark them all free, so that
    # no stream has a sector (libfreexl: FREEXL_CFBF_ILLEGAL_FAT_ENTRY)
    fat = (struct.unpack_from("<L", data, 0x4C)[0] + 1) * 512
    for k in range(128):
        struct.pack_into("<L", data, fat + 4 * k, 0xFFFFFFFF)
    with open(os.path.join(OUT, "broken.xls"), "wb") as f:
        f.write(data)


def fat_loop(src):
    data = bytearray(open(src, "rb").read())
    # every FAT entry 0: each sector's next is sector 0, a loop libfreexl
    # reads as a workbook of no sheets
    fat = (struct.unpack_from("<L", data, 0x4C)[0] + 1) * 512
    for k in range(128):
        struct.pack_into("<L", data, fat + 4 * k, 0)
    with open(os.path.join(OUT, "fat-loop.xls"), "wb") as f:
        f.write(data)


def truncated(src):
    data = open(src, "rb").read()
    with open(os.path.join(OUT, "truncated.xls"), "wb") as f:
        f.write(data[:1500])


def encrypted():
    wb = book()
    ws = wb.add_sheet("Лист1")
    ws.write(0, 0, "секрет")
    # FILEPASS (0x002F), XOR obfuscation: type 0, key, verifier; it takes the
    # place of the PASSWORD record xlwt writes into the globals
    wb._Workbook__password_rec = lambda: struct.pack("<HHHHH", 0x002F, 6, 0, 0x1234, 0x5678)
    return save(wb, "encrypted.xls")


def wide():
    global DIMENSIONS
    wb = book()
    ws = wb.add_sheet("Лист1")
    ws.write(0, 0, "Код")
    ws.write(1, 0, "1")
    # a text cell at column index 5000 (GJG): xlwt refuses columns past 255,
    # so the cell goes into the row by hand
    idx = wb.add_str("далеко")
    ws.row(1).insert_cell(5000, Cell.StrCell(1, 5000, 0x0F, idx))
    DIMENSIONS = (0, 1, 0, 5000)
    try:
        return save(wb, "wide.xls")
    finally:
        DIMENSIONS = None


def nan():
    wb = book()
    ws = wb.add_sheet("Баллы д'Артаньяна")
    ws.write(0, 0, "Балл")
    ws.write(1, 0, 1)
    # a NUMBER record holding a NaN, which Excel never writes
    ws.write(2, 0, float("nan"))
    return save(wb, "nan.xls")


def huge():
    global DIMENSIONS
    wb = book()
    ws = wb.add_sheet("Лист1")
    ws.write(0, 0, "мало")
    DIMENSIONS = (0, 65535, 0, 299)
    try:
        return save(wb, "huge.xls")
    finally:
        DIMENSIONS = None


def main():
    os.makedirs(OUT, exist_ok=True)
    src = roster()
    results()
    formulas()
    broken(src)
    fat_loop(src)
    truncated(src)
    encrypted()
    wide()
    nan()
    huge()
    for name in sorted(os.listdir(OUT)):
        size = os.path.getsize(os.path.join(OUT, name))
        if size > 20 * 1024:
            sys.exit("%s: %d bytes, more than a fixture should be" % (name, size))


if __name__ == "__main__":
    main()
