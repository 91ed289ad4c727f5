# t/http/report-xlsx.py FILE: a report workbook (dz-reports' .xlsx) read back
# with openpyxl, for 520-523 to compare with the page: the title line, the
# sheet's checks, then one line a table row, each cell space-separated
# (money in fen, numbers as integers, empty cells "-", text with spaces
# as "_"), the header row left out.
import sys

import openpyxl

# (a file object: openpyxl goes by the name's ending otherwise)
wb = openpyxl.load_workbook(open(sys.argv[1], "rb"))
ws = wb.worksheets[0]
formulas = sum(1 for row in ws.iter_rows() for c in row if c.data_type == "f")
print("title", str(ws.cell(1, 1).value).replace(" ", "_"))
print("checks", ws.title, ws.freeze_panes, ws.page_setup.paperSize, formulas)
for r in range(4, ws.max_row + 1):
    out = []
    for c in range(1, ws.max_column + 1):
        cell = ws.cell(r, c)
        v = cell.value
        if v is None:
            out.append("-")
        elif cell.data_type == "n" and "0.00" in (cell.number_format or ""):
            out.append(str(round(v * 100)))
        elif cell.data_type == "n":
            out.append(str(int(v)))
        else:
            out.append(str(v).replace(" ", "_"))
    print(" ".join(out))
