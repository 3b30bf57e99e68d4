"""Re-typeset the samples' tables as spreadsheets, for LibreOffice Calc to print to PDF: another
producer's drawing of the same tables, scored against the same truth files.

    python3 scripts/retypeset_samples.py VARIANT XLSX_DIR ../shared/samples/*.pdf
    soffice --headless --convert-to pdf --outdir PDF_DIR XLSX_DIR/*.xlsx
    cp ../shared/samples/*.truth.json PDF_DIR/
    yusuan extract PDF_DIR -o OUT && python3 ../shared/tools/score.py OUT --truth PDF_DIR

VARIANT: "numbers" (amounts as numeric cells, right-aligned like the "-" of empty ones), with
any of "-hborders" (horizontal rules only), "-vborders" (vertical rules only), "-outer" (a
frame around the table; with "-hborders" or "-vborders", rules inside it too), "-headrule" (rules above and below the header and at the bottom),
"-noborders" (no rules at all), "-shaded" (grey
header cells), "-zebra" (every other body row filled), "-totaltop" (合计/总计 rows first), e.g.
"numbers-noborders-totaltop". Each table of a sample (as `yusuan tables` reads it) becomes one sheet:
table number, title, 编制单位/单位 line, header rows rebuilt from the header paths (merged
cells), body rows. Needs openpyxl (PyPI) and LibreOffice Calc (Debian: libreoffice-calc);
neither is needed by the tests, which read the PDFs kept in samples/printed/.
"""
import sys, os, re
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Side, Font, PatternFill
from openpyxl.utils import get_column_letter
from _retypeset import tables_of, header_cells

thin = Side(style='thin', color='000000')
box = Border(left=thin, right=thin, top=thin, bottom=thin)
num_re = re.compile(r'^-?[\d,]*\.?\d+$')

def width(s):
    return sum(2 if ord(c) > 127 else 1 for c in s)

def build(pdf, out, variant):
    tables = tables_of(pdf)
    wb = Workbook()
    wb.remove(wb.active)
    for k, t in enumerate(tables):
        ws = wb.create_sheet(f't{k+1}')
        paths, nc, depth = t['header_paths'], t['nc'], t['depth']
        r = 1
        ws.cell(r, 1, t['table_no'] or '')
        r += 1
        ws.cell(r, 1, t['title']).font = Font(bold=True, size=16)
        ws.cell(r, 1).alignment = Alignment(horizontal='center')
        if nc > 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=nc)
        r += 1
        if t['unit_name']:
            ws.cell(r, 1, '编制单位：' + t['unit_name'])
        if t['amount_unit']:
            ws.cell(r, nc, '单位：' + t['amount_unit']).alignment = Alignment(horizontal='right')
        r += 1
        top = r
        for l, c, e, down, text in header_cells(paths, depth):
            cell = ws.cell(top + l, c + 1, text)
            cell.alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
            if e > c or down > l:
                ws.merge_cells(start_row=top + l, start_column=c + 1, end_row=top + down, end_column=e + 1)
        r = top + depth
        body = t['rows']
        if 'totaltop' in variant:
            is_total = lambda row: any(c.replace(' ', '') in ('合计', '总计') or c.replace(' ', '').endswith('总计') for c in row['cells'])
            body = [x for x in body if is_total(x)] + [x for x in body if not is_total(x)]
        for row in body:
            for c, v in enumerate(row['cells'][:nc]):
                if 'numbers' in variant and num_re.match(v.strip()) and '.' in v:
                    cell = ws.cell(r, c + 1, float(v.replace(',', '')))
                    cell.number_format = '#,##0.00' if ',' in v else '0.00'
                else:
                    cell = ws.cell(r, c + 1, v)
                    if (num_re.match(v.strip()) and '.' in v) or v.strip() in ('-', '—'):
                        cell.alignment = Alignment(horizontal='right')
            r += 1
        hbox = Border(top=thin, bottom=thin)
        gray = PatternFill('solid', fgColor='D9D9D9')
        band = PatternFill('solid', fgColor='EEF3FA')
        for rr in range(top, r):
            for c in range(1, nc + 1):
                if 'shaded' in variant and rr < top + depth:
                    ws.cell(rr, c).fill = gray
                if 'zebra' in variant and rr >= top + depth and (rr - top - depth) % 2 == 1:
                    ws.cell(rr, c).fill = band
        vbox = Border(left=thin, right=thin)
        for rr in range(top, r):
            for c in range(1, nc + 1):
                if 'noborders' in variant:
                    continue
                if 'outer' in variant:
                    inner_v = 'vborders' in variant
                    inner_h = 'hborders' in variant
                    ws.cell(rr, c).border = Border(left=thin if c == 1 or inner_v else None, right=thin if c == nc or inner_v else None, top=thin if rr == top or inner_h else None, bottom=thin if rr == r - 1 or inner_h else None)
                    continue
                if 'headrule' in variant:
                    ws.cell(rr, c).border = Border(top=thin if rr in (top, top + depth) else None, bottom=thin if rr == r - 1 else None)
                    continue
                ws.cell(rr, c).border = hbox if 'hborders' in variant else vbox if 'vborders' in variant else box
        for c in range(nc):
            w = max([width(paths[c][-1]) if paths[c] else 4] + [width(row['cells'][c]) for row in t['rows'] if c < len(row['cells'])])
            ws.column_dimensions[get_column_letter(c + 1)].width = min(max(w + 2, 6), 40)
        ws.page_setup.orientation = 'landscape' if nc > 4 else 'portrait'
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        if t['note']:
            ws.cell(r + 1, 1, t['note'])
    wb.save(out)

if __name__ == '__main__':
    variant = sys.argv[1]
    outdir = sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    for pdf in sys.argv[3:]:
        stem = os.path.basename(pdf)[:-4]
        build(pdf, os.path.join(outdir, stem + '.xlsx'), variant)
