"""Re-typeset the samples' tables in a Word document, for LibreOffice Writer to print to PDF:
the way most disclosures are made (tables in a .docx), by another producer.

    python3 scripts/retypeset_docx.py VARIANT DOCX_DIR ../shared/samples/*.pdf
    soffice --headless --convert-to pdf --outdir PDF_DIR DOCX_DIR/*.docx
    cp ../shared/samples/*.truth.json PDF_DIR/
    yusuan extract PDF_DIR -o OUT && python3 ../shared/tools/score.py OUT --truth PDF_DIR

VARIANT "flow": tables one after another, so pages hold several tables and tables break
across pages, header rows repeated and rows allowed to break across pages (Word's default);
"newpage": each table on a new page; either with "-noborders" (tables without borders). Each
table of a sample (as `yusuan tables` reads it): its
number, title, 编制单位/单位 line, header rows rebuilt from the header paths (merged cells),
body rows, note. Needs python-docx (PyPI), LibreOffice Writer (Debian: libreoffice-writer) and
a CJK font (fonts-noto-cjk); the tests only read the PDF kept in samples/printed/writer/.
"""
import sys, os
from docx import Document
from docx.shared import Pt, Cm
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml import OxmlElement
from _retypeset import tables_of, header_cells


def set_repeat(row):
    trPr = row._tr.get_or_add_trPr()
    el = OxmlElement('w:tblHeader')
    el.set(qn('w:val'), 'true')
    trPr.append(el)

def font(run, size=9, bold=False):
    run.font.size = Pt(size)
    run.bold = bold
    run.font.name = 'Noto Serif CJK SC'
    run._element.rPr.rFonts.set(qn('w:eastAsia'), 'Noto Serif CJK SC')

def build(pdf, out, variant):
    tables = tables_of(pdf)
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = sec.page_height, sec.page_width
    for m in ('left_margin', 'right_margin', 'top_margin', 'bottom_margin'):
        setattr(sec, m, Cm(1.5))
    p = doc.add_paragraph()
    font(p.add_run('单位预算公开说明：以下为本单位预算公开表。'), 11)
    for k, t in enumerate(tables):
        paths, nc, depth = t['header_paths'], t['nc'], t['depth']
        if k > 0 and 'newpage' in variant:
            doc.add_page_break()
        p = doc.add_paragraph()
        font(p.add_run(t['table_no'] or ''), 10)
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        font(p.add_run(t['title']), 16, True)
        p = doc.add_paragraph()
        font(p.add_run(('编制单位：' + t['unit_name'] if t['unit_name'] else '') + '\t\t\t\t\t\t' + ('单位：' + t['amount_unit'] if t['amount_unit'] else '')), 9)
        hdr = depth if any(paths) else 0
        table = doc.add_table(rows=hdr + len(t['rows']), cols=nc)
        if 'noborders' not in variant:
            table.style = 'Table Grid'
        for l, c, e, down, text in header_cells(paths, depth) if hdr else ():
            cell = table.cell(l, c)
            if e > c or down > l:
                cell = cell.merge(table.cell(down, e))
            cell.text = ''
            para = cell.paragraphs[0]
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            font(para.add_run(text), 9, True)
        for l in range(hdr):
            set_repeat(table.rows[l])
        for r, row in enumerate(t['rows']):
            for c in range(nc):
                v = row['cells'][c] if c < len(row['cells']) else ''
                para = table.cell(hdr + r, c).paragraphs[0]
                if v.replace(',', '').replace('.', '').replace('-', '').isdigit() and '.' in v:
                    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                font(para.add_run(v), 9)
        if t['note']:
            p = doc.add_paragraph()
            font(p.add_run(t['note']), 9)
    doc.save(out)

if __name__ == '__main__':
    variant, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    for pdf in sys.argv[3:]:
        build(pdf, os.path.join(outdir, os.path.basename(pdf)[:-4] + '.docx'), variant)
