# t/http/xlsx-read.py FILE: a workbook read back with openpyxl, as lines the
# http tests (510, 511) compare with the store: "key<TAB>value...".
#   sheet NAME / freeze CELL / paper N / fit FITTOPAGE WIDTH HEIGHT /
#   repeat ROWS / formulas N (cells of data_type 'f') / rows N (max_row)
#   cell R C TYPE VALUE NUMBER_FORMAT   for every non-empty cell (1-based;
#       TYPE: s text, n number, d datetime; a number as repr, a date ISO)
# Tabs and newlines inside a value come out as \t and \n.
import datetime
import sys

import openpyxl


def show(v):
    if isinstance(v, datetime.datetime):
        return v.isoformat(sep=" ")
    if isinstance(v, float) and v.is_integer():
        return repr(v)
    return str(v).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def main(path):
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        print("sheet\t%s" % ws.title)
        print("freeze\t%s" % ws.freeze_panes)
        print("paper\t%s" % ws.page_setup.paperSize)
        fit = ws.sheet_properties.pageSetUpPr
        # fitToWidth and fitToHeight are 1 when absent (ECMA-376 CT_PageSetup)
        w, h = ws.page_setup.fitToWidth, ws.page_setup.fitToHeight
        print("fit\t%s\t%s\t%s" % (fit.fitToPage if fit is not None else None,
                                   1 if w is None else w, 1 if h is None else h))
        print("repeat\t%s" % ws.print_title_rows)
        print("rows\t%d" % ws.max_row)
        formulas = 0
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                if c.data_type == "f":
                    formulas += 1
                if isinstance(c.value, datetime.datetime):
                    t = "d"
                elif c.data_type == "n":
                    t = "n"
                else:
                    t = c.data_type
                print("cell\t%d\t%d\t%s\t%s\t%s" % (c.row, c.column, t, show(c.value),
                                                  c.number_format))
        print("formulas\t%d" % formulas)


if __name__ == "__main__":
    main(sys.argv[1])
