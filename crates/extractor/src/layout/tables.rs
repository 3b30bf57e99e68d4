//! Tables read from ruled grids: header rows and each column's header path, body rows with
//! their page, the title, number, unit and 编制单位 printed above, the note printed below, and
//! continuation across pages.

use super::grid::{find_grids, Grid};
use super::lines::{cell_text, group_lines, Line};
use super::stream::{is_dash, starts_item};
use crate::page::{Document, Glyph, Page};
use regex::Regex;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// A cell's box `[x0, y0, x1, y1]` in the page's user space as the reader hands it over (PDF
/// points, origin at the top-left of the upright page, y growing downwards: the coordinates of
/// [`crate::page::Glyph`] and of [`Table::areas`]). For a ruled grid it is the cell drawn by the
/// rules (a merged cell's whole box); for a table read from text alignment it is the virtual
/// cell between the column and row boundaries found from the text.
pub type CellBox = [f32; 4];

#[derive(Debug, Clone, Serialize)]
pub struct BodyRow {
    /// The page the row is printed on (a row joined across pages keeps its first page).
    pub page: usize,
    pub cells: Vec<String>,
    /// For each cell, the number of columns it spans (1 for ordinary cells, 0 for covered ones).
    pub spans: Vec<usize>,
    /// For each cell, its box on the row's own page (see [`CellBox`]); `None` for covered
    /// cells and for rows not read from a grid (caption lines of a form). Not serialized.
    #[serde(skip)]
    pub boxes: Vec<Option<CellBox>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub pages: Vec<usize>,
    /// Number as printed (`表1`, `表 3-1`, `预算01表`), empty when none.
    pub table_no: String,
    pub title: String,
    /// 编制单位 / 单位名称 printed above the table.
    pub unit_name: String,
    /// `万元` or `元` from the table's own 单位 line; empty when none was printed.
    pub amount_unit: String,
    /// Header rows as printed: a merged cell's text in its first grid cell, "" elsewhere.
    pub header: Vec<Vec<String>>,
    /// For each header cell, its box on the table's first page (see [`CellBox`]); `None`
    /// where `header` holds "" for a covered cell. Not serialized.
    #[serde(skip)]
    pub header_boxes: Vec<Vec<Option<CellBox>>>,
    /// For every column, the header cells above it, top to bottom.
    pub header_paths: Vec<Vec<String>>,
    pub rows: Vec<BodyRow>,
    /// Text printed right below the table (e.g. "…为空表。"), joined.
    pub note: String,
    /// Lines printed above the table between it and the previous table (title block).
    pub caption_lines: Vec<String>,
    /// Where the table is drawn: (page, x0, y0, x1, y1) for each page it spans.
    pub areas: Vec<(usize, f32, f32, f32, f32)>,
}

impl Table {
    pub fn columns(&self) -> usize {
        self.header_paths.len()
    }
}

/// A grid filled with the text of its cells.
struct Filled {
    grid: Grid,
    /// Text per region.
    text: Vec<String>,
    /// Header rows when known from the layout (virtual grids), else read from the cells.
    head: Option<usize>,
}

impl Filled {
    /// The box of region `reg` (see [`CellBox`]).
    fn region_box(&self, reg: &super::grid::Region) -> CellBox {
        let g = &self.grid;
        [g.xs[reg.c0], g.ys[reg.r0], g.xs[reg.c1 + 1], g.ys[reg.r1 + 1]]
    }

    /// The cells that start in row `r` (not covered by a merged cell from above or the left):
    /// (column, region, text).
    fn row_cells(&self, r: usize) -> impl Iterator<Item = (usize, &super::grid::Region, &str)> {
        let g = &self.grid;
        (0..g.cols()).filter_map(move |c| {
            let reg_i = g.owner_at(r, c);
            let reg = &g.regions[reg_i];
            (reg.r0 == r && reg.c0 == c).then(|| (c, reg, self.text[reg_i].as_str()))
        })
    }
}

/// The grid filled with the text of its cells, and the glyphs it took marked used; `None`
/// when its cells show that its rows are not drawn ([`super::grid::rows_drawn`]).
fn fill(grid: Grid, glyphs: &[Glyph], used: &mut [bool]) -> Option<Filled> {
    let mut per_region: Vec<Vec<&Glyph>> = vec![Vec::new(); grid.regions.len()];
    let mut taken = Vec::new();
    let (x0, y0, x1, y1) = grid.bbox();
    // Glyphs by vertical centre, for finding a cut glyph's neighbours on its line (sorted
    // when the first cut glyph is met: most grids have none).
    let mut by_y: Vec<&Glyph> = Vec::new();
    for (i, g) in glyphs.iter().enumerate() {
        let (cx, cy) = (g.cx(), g.cy());
        if cx < x0 || cx > x1 || cy < y0 || cy > y1 {
            continue;
        }
        // Text that overflows its cell runs to the right: place a glyph by its left part,
        // unless a column rule cuts it, where it goes with the nearer of its neighbours.
        let x = (g.x0 + 1.0).min(cx);
        let col = match straddled_rule(&grid, g) {
            Some(border) => {
                if by_y.is_empty() {
                    by_y = glyphs.iter().collect();
                    by_y.sort_by(|a, b| a.cy().total_cmp(&b.cy()));
                }
                side_of_nearer_neighbour(&by_y, g, border, grid.col_at(x))
            }
            None => grid.col_at(x),
        };
        if let (Some(r), Some(c)) = (grid.row_at(cy), col) {
            per_region[grid.owner_at(r, c)].push(g);
            taken.push(i);
        }
    }
    if !super::grid::rows_drawn(&per_region) {
        return None;
    }
    for i in taken {
        used[i] = true;
    }
    let text = per_region.iter().map(|gs| cell_text(gs)).collect();
    Some(Filled {
        grid,
        text,
        head: None,
    })
}

/// The inner column rule that runs through a glyph's box (not just touching its edge).
fn straddled_rule(grid: &Grid, g: &Glyph) -> Option<usize> {
    let inner = grid.xs.len().checked_sub(1)?;
    (1..inner).find(|&k| grid.xs[k] > g.x0 + 0.5 && grid.xs[k] < g.x1 - 0.5)
}

/// The column of a glyph cut by the rule `xs[border]`: the side of whichever neighbour on its
/// line is nearer. A centred header wider than its cell spills over both rules, a wide amount
/// over its left rule: the cut glyph belongs with the word it touches, not with the text of
/// the next cell, which keeps a gap. Without neighbours, `default`.
/// `by_y`: the page's glyphs sorted by vertical centre.
fn side_of_nearer_neighbour(
    by_y: &[&Glyph],
    g: &Glyph,
    border: usize,
    default: Option<usize>,
) -> Option<usize> {
    let h = (g.y1 - g.y0).max(1.0);
    let (mut left, mut right) = (f32::MAX, f32::MAX);
    let from = by_y.partition_point(|o| o.cy() < g.cy() - 0.5 * h);
    for &o in by_y[from..]
        .iter()
        .take_while(|o| o.cy() <= g.cy() + 0.5 * h)
    {
        if std::ptr::eq(o, g) {
            continue;
        }
        if o.cx() < g.cx() {
            left = left.min((g.x0 - o.x1).max(0.0));
        } else {
            right = right.min((o.x0 - g.x1).max(0.0));
        }
    }
    if right < left {
        Some(border)
    } else if left < right {
        Some(border - 1)
    } else {
        default
    }
}

pub fn is_amount(s: &str) -> bool {
    let t = s
        .trim()
        .trim_start_matches(['-', '−', '+'])
        .replace([',', '，'], "");
    !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || c == '.')
        && t.chars().filter(|c| *c == '.').count() <= 1
        && t.chars().any(|c| c.is_ascii_digit())
        && !t.starts_with('.')
        && !t.ends_with('.')
}

fn looks_like_code(s: &str) -> bool {
    let t = s.trim();
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    matches!(digits.len(), 2 | 3 | 5 | 7)
        && (digits.len() == t.len()
            || t[digits.len()..].starts_with([' ', '\u{3000}'])
            || !t[digits.len()..].starts_with(|c: char| c.is_ascii()))
}

fn is_total_label(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(
        t.as_str(),
        "合计" | "总计" | "小计" | "收入总计" | "支出总计"
    )
}

/// A row numbering the columns (栏次: 1 2 3 …, often after a `**` or `栏次` label): part of
/// the header, not published amounts.
fn is_column_index_row(f: &Filled, r: usize) -> bool {
    let mut nums = Vec::new();
    for (_, _, t) in f.row_cells(r) {
        let t = t.trim();
        if t.is_empty() || matches!(t, "**" | "*" | "栏次" | "行次" | "栏 次" | "—" | "-") {
            continue;
        }
        match t.parse::<u32>() {
            Ok(n) => nums.push(n),
            Err(_) => return false,
        }
    }
    nums.len() >= 3 && nums.windows(2).all(|w| w[1] == w[0] + 1)
}

fn row_has_amount(f: &Filled, r: usize) -> bool {
    (0..f.grid.cols()).any(|c| is_amount(&f.text[f.grid.owner_at(r, c)]))
}

/// Header rows end at the first row that has an amount, a code, an empty cell of its own, or a
/// total label.
fn header_rows(f: &Filled, performance: bool) -> usize {
    if performance {
        return 0;
    }
    let g = &f.grid;
    if let Some(h) = f.head {
        return h.min(g.rows().saturating_sub(1));
    }
    let max = g.rows().saturating_sub(1).min(6);
    for r in 0..g.rows() {
        if r >= max {
            return r;
        }
        if is_column_index_row(f, r) {
            continue;
        }
        // In the first rows, a row of header words (项目名称 | | 金额) is a header even with an
        // empty cell of its own (a header cell split by a rule the body needs).
        let worded = r < 2 && header_worded(f, r);
        for c in 0..g.cols() {
            let reg_i = g.owner_at(r, c);
            let reg = &g.regions[reg_i];
            if reg.r0 < r || reg.c0 < c {
                continue; // covered by a merged cell started above or to the left
            }
            let t = f.text[reg_i].trim();
            if (t.is_empty() && !worded)
                || is_amount(t)
                || looks_like_code(t)
                || (r > 0 && c == 0 && is_total_label(t) && row_has_amount(f, r))
            {
                return r;
            }
        }
    }
    g.rows()
}

/// Every text of the row is a typical column header (…名称, 金额, 合计, 预算数, 科目编码, …).
fn header_worded(f: &Filled, r: usize) -> bool {
    const WORDS: &[&str] = &[
        "项目", "名称", "科目", "金额", "合计", "总计", "小计", "预算", "决算", "编码", "代码",
        "类别", "资金", "收入", "支出", "经费", "本年", "上年",
    ];
    let mut texts = 0;
    for (c, _, t) in f.row_cells(r) {
        let t = strip_spaces(t);
        if t.is_empty() {
            continue;
        }
        if is_amount(&t)
            || looks_like_code(&t)
            || is_total_label(&t) && c == 0
            || !WORDS.iter().any(|w| t.contains(w))
        {
            return false;
        }
        texts += 1;
    }
    texts >= 2
}

/// The header of a table's label column ("科目", "项目"): a header row, never a caption.
fn is_label_header(t: &str) -> bool {
    matches!(
        strip_spaces(t).as_str(),
        "科目"
            | "项目"
            | "科目名称"
            | "项目名称"
            | "功能分类科目"
            | "经济分类科目"
            | "支出功能分类科目"
            | "部门预算支出经济分类科目"
    )
}

/// Leading grid rows that are really the caption (title, 预算单位, 单位：万元) drawn inside the
/// table frame: rows with at most three texts, each a caption line or spanning half the width.
fn caption_rows(f: &Filled) -> Vec<String> {
    let g = &f.grid;
    let mut lines = Vec::new();
    for r in 0..g.rows().saturating_sub(2).min(4) {
        let mut texts = Vec::new();
        let mut ok = true;
        // Wide texts that are not caption lines: a title. Two of them side by side are
        // header cells ("科目 | 一般公共预算基本支出"), not a caption.
        let mut plain_wide = 0;
        for (_, reg, t) in f.row_cells(r) {
            let t = t.trim();
            if t.is_empty() {
                continue;
            }
            let wide = (reg.c1 - reg.c0 + 1) * 2 >= g.cols() && g.cols() >= 3;
            let compact = strip_spaces(t);
            let caption_like = unit_of(t).is_some()
                || [
                    "编制单位",
                    "预算单位",
                    "单位名称",
                    "部门名称",
                    "部门：",
                    "部门:",
                ]
                .iter()
                .any(|k| compact.contains(k))
                || (is_title_text(t)
                    && table_no_prefix(t).is_none()
                    && compact.chars().count() >= 6);
            if !(wide && !is_amount(t) || caption_like) || reg.r1 != r {
                ok = false;
                break;
            }
            if !caption_like {
                plain_wide += 1;
                if plain_wide > 1
                    && texts
                        .iter()
                        .chain(std::iter::once(&t.to_string()))
                        .any(|x| is_label_header(x))
                {
                    ok = false;
                    break;
                }
            }
            texts.push(t.to_string());
        }
        if !ok || texts.is_empty() || texts.len() > 3 {
            break;
        }
        lines.push(texts.join(" "));
    }
    lines
}

fn table_from(f: &Filled, page: usize, performance: bool) -> Table {
    let g = &f.grid;
    let nh = header_rows(f, performance);
    let nc = g.cols();
    let mut header = Vec::new();
    let mut header_boxes = Vec::new();
    let index_rows: Vec<bool> = (0..nh).map(|r| is_column_index_row(f, r)).collect();
    for r in 0..nh {
        if index_rows[r] {
            continue;
        }
        let mut row = vec![String::new(); nc];
        let mut boxes = vec![None; nc];
        for c in 0..nc {
            let reg_i = g.owner_at(r, c);
            let reg = &g.regions[reg_i];
            if reg.r0 == r && reg.c0 == c {
                row[c] = f.text[reg_i].clone();
                boxes[c] = Some(f.region_box(reg));
            }
        }
        header.push(row);
        header_boxes.push(boxes);
    }
    let mut header_paths = vec![Vec::new(); nc];
    for (c, path) in header_paths.iter_mut().enumerate() {
        let mut last_region = usize::MAX;
        for r in 0..nh {
            let reg_i = g.owner_at(r, c);
            if reg_i == last_region || index_rows[r] {
                continue;
            }
            last_region = reg_i;
            let t = f.text[reg_i].trim();
            if !t.is_empty() && path.last().map(|p: &String| p.as_str()) != Some(t) {
                path.push(t.to_string());
            }
        }
    }
    let mut rows = Vec::new();
    for r in nh..g.rows() {
        let mut cells = vec![String::new(); nc];
        let mut spans = vec![0usize; nc];
        let mut boxes = vec![None; nc];
        for c in 0..nc {
            let reg_i = g.owner_at(r, c);
            let reg = &g.regions[reg_i];
            // A cell merged down several rows belongs to its first row (or to the first body
            // row when it starts in the header); one merged across columns to its first column.
            let first_row = reg.r0 == r || (reg.r0 < nh && r == nh);
            if reg.c0 == c && first_row {
                cells[c] = f.text[reg_i].clone();
                spans[c] = reg.c1 - reg.c0 + 1;
                boxes[c] = Some(f.region_box(reg));
            }
        }
        if cells.iter().all(|c| c.trim().is_empty()) || is_column_index_row(f, r) {
            continue;
        }
        rows.push(BodyRow {
            page,
            cells,
            spans,
            boxes,
        });
    }
    Table {
        pages: vec![page],
        table_no: String::new(),
        title: String::new(),
        unit_name: String::new(),
        amount_unit: String::new(),
        header,
        header_boxes,
        header_paths,
        rows,
        note: String::new(),
        caption_lines: Vec::new(),
        areas: Vec::new(),
    }
}

/// The caption block above a table: number, title, 编制单位 and unit.
struct Caption {
    table_no: String,
    title: String,
    unit_name: String,
    amount_unit: String,
    continued: bool,
}

fn strip_spaces(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Splits a printed table number off a caption line: `表1`, `表 3-1`, `表一`, `附表2`,
/// `预算01表`, `公开 01表`, or one in brackets after the title (`收支总表（预算表 1）`).
/// Returns (number without spaces, the rest of the line).
pub(crate) fn table_no_prefix(s: &str) -> Option<(String, String)> {
    static LEADING: OnceLock<Regex> = OnceLock::new();
    static BRACKETED: OnceLock<Regex> = OnceLock::new();
    let leading = LEADING.get_or_init(|| {
        Regex::new(r#"^\s*((?:附\s*)?表\s*(?:[0-9]+(?:\s*[-－—.]\s*[0-9]+)?|[一二三四五六七八九十]+)|[\p{Han}]{0,4}\s*[0-9]{1,2}(?:\s*-\s*[0-9]{1,2})?\s*表)(?:[\s:：、.\-－—]|$|[\p{Han}“"（(])"#).expect("valid regex")
    });
    let bracketed = BRACKETED.get_or_init(|| {
        Regex::new(r"[（(]\s*([\p{Han}]{0,4}表\s*[0-9]+(?:\s*-\s*[0-9]+)?)\s*[）)]")
            .expect("valid regex")
    });
    if let Some(m) = leading.captures(s) {
        let whole = m.get(1)?;
        let no: String = whole
            .as_str()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        // "表格说明", "表示" are words, not numbers: the number must contain a digit or 一…十.
        let rest = s[whole.end()..]
            .trim_start_matches([':', '：', ' ', '、', '.', '-', '－', '—'])
            .to_string();
        return Some((no, rest));
    }
    if let Some(m) = bracketed.captures(s) {
        let whole = m.get(0)?;
        let no: String = m
            .get(1)?
            .as_str()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let rest = format!("{}{}", &s[..whole.start()], &s[whole.end()..]);
        return Some((no, rest));
    }
    None
}

pub(crate) fn unit_of(text: &str) -> Option<&'static str> {
    let t = strip_spaces(text);
    let idx = t.rfind("单位")?;
    let after = &t[idx + "单位".len()..];
    let after = after.trim_start_matches([':', '：', '(', '（']);
    if after.starts_with("万元") {
        Some("万元")
    } else if after.starts_with('元') {
        Some("元")
    } else {
        None
    }
}

pub(crate) fn is_title_text(t: &str) -> bool {
    let mut t = strip_spaces(t);
    // A qualifier after the title: 一般公共预算支出表（按经济分类）
    if t.ends_with('）') || t.ends_with(')') {
        if let Some(open) = t.rfind(['（', '(']) {
            if t[..open].ends_with('表') {
                t.truncate(open);
            }
        }
    }
    let n = t.chars().count();
    (2..=60).contains(&n)
        && (t.ends_with('表')
            || t.ends_with("表）")
            || t.ends_with("表)")
            || t.contains("情况表")
            || t.contains("总表")
            || t.contains("明细表"))
        && !t.contains('。')
        && !t.starts_with("注")
}

/// A unit's name ends like one (…局, …委员会, …中心, …学校); "构成" or "万元" do not.
fn looks_like_org(name: &str) -> bool {
    const ENDS: &[&str] = &[
        "局",
        "委员会",
        "委",
        "办公室",
        "办公厅",
        "厅",
        "办",
        "中心",
        "院",
        "校",
        "学",
        "所",
        "站",
        "会",
        "部",
        "处",
        "馆",
        "队",
        "社",
        "府",
        "室",
        "园",
        "司",
        "署",
        "台",
        "团",
        "组",
        "馆",
        "场",
        "区",
        "县",
        "市",
        "省",
        "协",
        "联",
        "支队",
        "大队",
        "公司",
        "医院",
        "监狱",
    ];
    let n = name.chars().count();
    (3..=40).contains(&n) && ENDS.iter().any(|e| name.ends_with(e))
}

fn read_caption(lines: &[&Line]) -> Caption {
    let mut cap = Caption {
        table_no: String::new(),
        title: String::new(),
        unit_name: String::new(),
        amount_unit: String::new(),
        continued: false,
    };
    // Nearest lines first: the block right above the table.
    for l in lines.iter().rev() {
        let text = l.text.trim();
        let compact = strip_spaces(text);
        if compact.contains("续表")
            || compact == "续"
            || compact.starts_with("（续")
            || compact.starts_with("(续")
        {
            cap.continued = true;
        }
        if cap.amount_unit.is_empty() {
            if let Some(u) = unit_of(text) {
                cap.amount_unit = u.to_string();
            }
        }
        if cap.unit_name.is_empty() {
            for key in [
                "编制单位",
                "编制部门",
                "单位名称",
                "部门名称",
                "填报单位",
                "预算单位",
                "部门：",
                "部门:",
                "单位：",
                "单位:",
            ] {
                if let Some(pos) = compact.find(key) {
                    // Bare "部门：" / "单位：" name the unit only at the start of a line.
                    if key.ends_with([':', '：']) && pos != 0 {
                        continue;
                    }
                    // A caption says "编制单位：…"; prose ("从预算单位构成看，…") is no caption.
                    let after_key = &compact[pos + key.len()..];
                    if after_key.contains(['，', '。']) || after_key.chars().count() > 40 {
                        continue;
                    }
                    let rest = after_key.trim_start_matches([':', '：']);
                    if rest.starts_with("万元") || rest.starts_with('元') {
                        continue;
                    }
                    let mut name = rest.to_string();
                    for stop in ["金额单位", "单位：", "单位:", "单位（", "单位("] {
                        if let Some(p) = name.find(stop) {
                            name.truncate(p);
                        }
                    }
                    if looks_like_org(&name) {
                        cap.unit_name = name;
                    }
                    break;
                }
            }
        }
        let mut body = text.to_string();
        if let Some((no, rest)) = table_no_prefix(text) {
            if cap.table_no.is_empty() {
                cap.table_no = no;
            }
            body = rest;
        }
        if cap.title.is_empty()
            && is_title_text(&body)
            && !compact.contains("编制单位")
            && !compact.contains("单位：")
        {
            cap.title = strip_spaces(&body);
        }
        if !cap.title.is_empty() && !cap.table_no.is_empty() {
            break;
        }
    }
    cap
}

/// Finds the tables of a document, joining continuations across pages.
pub fn find_tables(doc: &Document) -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    // Whether the last table so far ends near the bottom of its page (a continuation may follow).
    let mut last_open = false;
    let mut carried: Vec<Line> = Vec::new();
    let running = running_headers(doc);
    for page in &doc.pages {
        // The header of a table left open at the bottom of the previous page, repeated above
        // its continuation: evidence for a short table drawn without rules.
        let mut hints = super::stream::Hints::default();
        if last_open {
            if let Some(p) = tables.last() {
                hints.header_cells = p
                    .header_paths
                    .iter()
                    .flatten()
                    .map(|h| strip_spaces(h))
                    .filter(|h| !h.is_empty())
                    .collect();
            }
        }
        let (page_tables, trailing) = page_tables(page, &carried, &running, &hints);
        carried = trailing;
        for (i, (mut t, cap, at_top, reaches_bottom)) in page_tables.into_iter().enumerate() {
            let joins = i == 0
                && tables.last().is_some_and(|prev| {
                    continues(prev, &t, &cap, at_top, last_open, &running, page.number)
                });
            // A 绩效 form read in parts (its long 项目总体目标 line splits a form drawn without
            // rules): an untitled part right below it on its page belongs to it, that line too.
            let form_part = !joins
                && cap.title.is_empty()
                && cap.table_no.is_empty()
                && tables.last().is_some_and(|prev| {
                    prev.title.contains("绩效") && prev.pages.last() == Some(&page.number)
                });
            last_open = reaches_bottom;
            if form_part {
                if let Some(prev) = tables.last_mut() {
                    // Its caption line and header rows (一级指标 二级指标 …) are rows of the form.
                    let lines = std::mem::take(&mut t.caption_lines);
                    prev.rows.extend(lines.into_iter().map(|l| BodyRow {
                        page: page.number,
                        spans: vec![1],
                        boxes: vec![None],
                        cells: vec![l],
                    }));
                    prev.rows.extend(header_as_rows(&mut t, page.number));
                    prev.rows.append(&mut t.rows);
                    prev.areas.append(&mut t.areas);
                }
                continue;
            }
            if joins {
                if let Some(prev) = tables.last_mut() {
                    append_continuation(prev, t, page.number);
                }
                continue;
            }
            t.table_no = cap.table_no;
            t.title = cap.title;
            t.unit_name = cap.unit_name;
            t.amount_unit = cap.amount_unit;
            tables.push(t);
        }
    }
    tables
}

/// Whether the first table of a page continues the previous table: it starts at the top of
/// the page (only running headers, page numbers or the previous table's repeated header lines
/// above it) with no title of its own after a table left open at the bottom of the last page or
/// under a 续表 line; or it repeats the previous table's title. Its columns must match, except
/// for forms (each 绩效目标表 is one project, and one project's form may change columns).
fn continues(
    prev: &Table,
    t: &Table,
    cap: &Caption,
    at_top: bool,
    last_open: bool,
    running: &HashSet<String>,
    page: usize,
) -> bool {
    let form = prev.title.contains("绩效");
    let same_title = !cap.title.is_empty()
        && !form
        && prev.title == cap.title
        && (cap.table_no.is_empty() || cap.table_no == prev.table_no)
        && !prev.pages.contains(&page);
    let repeats_caption = !t.caption_lines.is_empty()
        && t.caption_lines.iter().all(|l| {
            let c = strip_spaces(l);
            running.contains(&c)
                || prev.caption_lines.iter().any(|pl| strip_spaces(pl) == c)
                || is_page_furniture(&c)
        });
    let at_top = at_top || repeats_caption;
    let continued = (at_top && cap.title.is_empty() && (cap.continued || last_open)) || same_title;
    continued && (prev.columns() == t.columns() || form)
}

/// Appends a continuation's rows. A header repeated on the new page is dropped; a different
/// one (or any header of a form) was body rows after all and is kept as such.
fn append_continuation(prev: &mut Table, mut t: Table, page: usize) {
    let form = prev.title.contains("绩效");
    if !t.header.is_empty() && (form || t.header_paths != prev.header_paths) {
        let rows = header_as_rows(&mut t, page);
        t.rows.splice(0..0, rows);
    } else if !has_label_only_rows(&prev.rows) {
        let Some(last) = prev.rows.last_mut() else {
            return;
        };
        if t.rows.first().is_some_and(|first| is_row_tail(last, first)) {
            let tail = t.rows.remove(0);
            for (cell, more) in last.cells.iter_mut().zip(tail.cells) {
                if !more.is_empty() {
                    *cell = super::lines::join_texts(cell, &more);
                }
            }
        }
    }
    prev.rows.extend(t.rows);
    prev.areas.extend(t.areas);
    if !prev.pages.contains(&page) {
        prev.pages.push(page);
    }
    if !t.note.is_empty() {
        prev.note = t.note;
    }
}

/// A table's header rows taken out as body rows (a header that was body rows after all).
fn header_as_rows(t: &mut Table, page: usize) -> Vec<BodyRow> {
    let mut boxes = std::mem::take(&mut t.header_boxes).into_iter();
    t.header
        .drain(..)
        .map(|h| BodyRow {
            page,
            spans: vec![1; h.len()],
            boxes: boxes.next().unwrap_or_else(|| vec![None; h.len()]),
            cells: h,
        })
        .collect()
}

/// The rest of a row that Word or Writer let break across the page: at the top of the
/// continuation, only the end of the label (支出, 经费) in columns where the row above has
/// text, no code, no amount, in a table whose rows otherwise all carry amounts or dashes (a
/// table printing empty amounts as blank cells keeps its label-only rows).
fn is_row_tail(last: &BodyRow, first: &BodyRow) -> bool {
    let value = |c: &str| is_amount(c) || is_dash(c);
    let filled: Vec<usize> = (0..first.cells.len())
        .filter(|&c| !first.cells[c].trim().is_empty())
        .collect();
    first.cells.len() == last.cells.len()
        && !filled.is_empty()
        && filled.iter().all(|&c| {
            let (text, above) = (first.cells[c].trim(), last.cells[c].trim());
            !value(text) && !starts_item(text) && !above.is_empty() && !value(above)
        })
        && last.cells.iter().any(|c| value(c.trim()))
}

/// More than one row in twenty with text and no amount or dash: blank cells stand for zero.
fn has_label_only_rows(rows: &[BodyRow]) -> bool {
    let value = |c: &String| is_amount(c.trim()) || is_dash(c.trim());
    let bare = rows
        .iter()
        .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()) && !r.cells.iter().any(value))
        .count();
    bare * 20 > rows.len()
}

/// Page numbers and their words: "第7页，共45页", "- 3 -", "3/45".
fn is_page_furniture(compact: &str) -> bool {
    !compact.is_empty()
        && compact
            .chars()
            .all(|ch| ch.is_ascii_digit() || "第页共，,-—－/ 、.".contains(ch))
}

/// Running headers: lines printed at the top of many pages ("××局2026年度部门预算公开").
/// They do not make a table start "mid-page".
fn running_headers(doc: &Document) -> HashSet<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in &doc.pages {
        let band = page.height * 0.12;
        let top: Vec<&Glyph> = page.glyphs.iter().filter(|g| g.y1 < band).collect();
        let mut seen = HashSet::new();
        for l in group_lines(&top) {
            let t = strip_spaces(&l.text);
            if !t.is_empty() && seen.insert(t.clone()) {
                *counts.entry(t).or_default() += 1;
            }
        }
    }
    let min = (doc.pages.len() / 4).max(3);
    counts
        .into_iter()
        .filter(|(_, n)| *n >= min)
        .map(|(t, _)| t)
        .collect()
}

/// Tables of one page with their captions, whether each starts at the top of the page (no
/// other text above it but running headers) and whether it reaches the bottom.
fn page_tables(
    page: &Page,
    carried: &[Line],
    running: &HashSet<String>,
    hints: &super::stream::Hints,
) -> (Vec<(Table, Caption, bool, bool)>, Vec<Line>) {
    let grids = find_grids(&page.rules);
    let mut used = vec![false; page.glyphs.len()];
    let mut filled: Vec<Filled> = Vec::new();
    for g in grids.into_iter().filter(Grid::is_table) {
        filled.extend(fill(g, &page.glyphs, &mut used));
    }
    // Tables drawn without a full grid (horizontal rules only, or no rules): columns from
    // text alignment, as a virtual grid.
    for v in super::stream::virtual_grids(page, &used, hints) {
        let super::stream::Virtual {
            grid,
            text,
            glyphs: glyph_ids,
            header_rows,
        } = v;
        for i in glyph_ids {
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
        }
        filled.push(Filled {
            grid,
            text,
            head: Some(header_rows),
        });
    }
    filled.sort_by(|a, b| a.grid.ys[0].total_cmp(&b.grid.ys[0]));
    let free: Vec<&Glyph> = page
        .glyphs
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(g, _)| g)
        .collect();
    let free_lines = group_lines(&free);
    let mut out = Vec::new();
    let mut prev_bottom = 0.0f32;
    let n = filled.len();
    for (i, f) in filled.iter().enumerate() {
        let (_, top, _, bottom) = f.grid.bbox();
        let mut above: Vec<Line> = free_lines
            .iter()
            .filter(|l| l.y1 <= top + 2.0 && l.y0 >= prev_bottom - 2.0)
            .cloned()
            .collect();
        let inner_caption = caption_rows(f);
        let cut;
        let f = if inner_caption.is_empty() {
            f
        } else {
            for text in &inner_caption {
                above.push(Line {
                    x0: 0.0,
                    y0: top,
                    x1: 0.0,
                    y1: top,
                    size: 0.0,
                    text: text.clone(),
                    chunks: Vec::new(),
                });
            }
            cut = Filled {
                grid: f.grid.without_top_rows(inner_caption.len()),
                text: f.text.clone(),
                head: f.head.map(|h| h.saturating_sub(inner_caption.len())),
            };
            &cut
        };
        let above: Vec<&Line> = above.iter().collect();
        let mut cap = read_caption(&above);
        if i == 0 && cap.title.is_empty() && !carried.is_empty() {
            // The title block was printed at the bottom of the previous page.
            let mut both: Vec<&Line> = carried.iter().collect();
            both.extend(above.iter().copied());
            let carried_cap = read_caption(&both);
            if !carried_cap.title.is_empty() {
                cap = carried_cap;
            }
        }
        let is_perf = cap.title.contains("绩效");
        let mut t = table_from(f, page.number, is_perf);
        t.caption_lines = above.iter().map(|l| l.text.clone()).collect();
        let (x0, y0, x1, y1) = f.grid.bbox();
        t.areas.push((page.number, x0, y0, x1, y1));
        let next_top = if i + 1 < n {
            filled[i + 1].grid.bbox().1
        } else {
            page.height
        };
        let below: Vec<&Line> = free_lines
            .iter()
            .filter(|l| l.y0 >= bottom - 2.0 && l.y1 <= next_top + 2.0)
            .collect();
        t.note = below
            .iter()
            .take(4)
            .map(|l| l.text.trim())
            .filter(|s| s.contains("空表") || s.starts_with("注"))
            .collect::<Vec<_>>()
            .join("");
        // Text above the table other than page headers: a table starting mid-page.
        let substantive_above = above.iter().any(|l| {
            let c = strip_spaces(&l.text);
            c.chars().count() > 3 && !is_page_furniture(&c) && !running.contains(&c)
        });
        let at_top = i == 0 && (!substantive_above || cap.continued);
        let below_text = below.iter().any(|l| {
            let c = strip_spaces(&l.text);
            c.chars().count() > 6 && !is_page_furniture(&c) && !running.contains(&c)
        });
        let reaches_bottom = i + 1 == n && !below_text;
        prev_bottom = bottom;
        out.push((t, cap, at_top, reaches_bottom));
    }
    // Lines after the last table: a title block that belongs to a table on the next page.
    let after: Vec<&Line> = free_lines
        .iter()
        .filter(|l| l.y0 >= prev_bottom - 2.0)
        .collect();
    let trailing: Vec<Line> = after[after.len().saturating_sub(4)..]
        .iter()
        .map(|l| (*l).clone())
        .collect();
    (out, trailing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_numbers() {
        assert_eq!(table_no_prefix("表1"), Some(("表1".into(), "".into())));
        assert_eq!(
            table_no_prefix("表 3-1 一般公共预算支出情况表"),
            Some(("表3-1".into(), "一般公共预算支出情况表".into()))
        );
        assert_eq!(
            table_no_prefix("预算01表 收支总表"),
            Some(("预算01表".into(), "收支总表".into()))
        );
        assert_eq!(
            table_no_prefix("公开 01表"),
            Some(("公开01表".into(), "".into()))
        );
        assert_eq!(
            table_no_prefix("收支总表（预算表 1）"),
            Some(("预算表1".into(), "收支总表".into()))
        );
        assert_eq!(
            table_no_prefix("表一 收支总表"),
            Some(("表一".into(), "收支总表".into()))
        );
        assert_eq!(
            table_no_prefix("表11-财拨结转支出表"),
            Some(("表11".into(), "财拨结转支出表".into()))
        );
        assert_eq!(
            table_no_prefix("表3-1 一般公共预算支出表"),
            Some(("表3-1".into(), "一般公共预算支出表".into()))
        );
        assert_eq!(table_no_prefix("表格说明"), None);
    }

    /// One row, three columns ruled at x = 0, 50, 100, 150. A centred header wider than its
    /// cell ("国有资本" in the middle column) has its first glyph cut by the rule at 50; a wide
    /// amount in the last column has its first digit cut by the rule at 100.
    #[test]
    fn glyphs_cut_by_a_rule_go_with_the_word_they_touch() {
        let rule = |x0: f32, y0: f32, x1: f32, y1: f32| crate::page::Rule { x0, y0, x1, y1 };
        let mut rules = vec![rule(0.0, 0.0, 150.0, 0.0), rule(0.0, 20.0, 150.0, 20.0)];
        rules.extend([0.0f32, 50.0, 100.0, 150.0].map(|x| rule(x, 0.0, x, 20.0)));
        let grid = find_grids(&rules).into_iter().next().expect("a grid");
        let g = |ch: char, x0: f32| Glyph {
            ch,
            x0,
            y0: 5.0,
            x1: x0 + 8.0,
            y1: 13.0,
            size: 8.0,
        };
        let mut glyphs = vec![g('预', 30.0), g('算', 38.0)];
        glyphs.extend(
            "国有资本"
                .chars()
                .enumerate()
                .map(|(i, c)| g(c, 47.0 + 8.0 * i as f32)),
        );
        glyphs.extend(
            "12345"
                .chars()
                .enumerate()
                .map(|(i, c)| g(c, 97.0 + 8.0 * i as f32)),
        );
        let mut used = vec![false; glyphs.len()];
        let filled = fill(grid, &glyphs, &mut used).expect("rows drawn");
        assert_eq!(filled.text, vec!["预算", "国有资本", "12345"]);
    }

    fn table(page: usize, rows: &[&[&str]]) -> Table {
        Table {
            pages: vec![page],
            table_no: "表2".into(),
            title: "收入总体情况表".into(),
            unit_name: String::new(),
            amount_unit: "万元".into(),
            header: Vec::new(),
            header_boxes: Vec::new(),
            header_paths: vec![
                vec!["科目编码".into()],
                vec!["科目名称".into()],
                vec!["总计".into()],
            ],
            rows: rows
                .iter()
                .map(|r| BodyRow {
                    page,
                    cells: r.iter().map(|c| c.to_string()).collect(),
                    spans: vec![1; r.len()],
                    boxes: vec![None; r.len()],
                })
                .collect(),
            note: String::new(),
            caption_lines: Vec::new(),
            areas: Vec::new(),
        }
    }

    /// A row broken across the page by the word processor: the end of its label opens the
    /// next page and joins it; where blank cells stand for zero, a label-only row stays a row.
    #[test]
    fn rows_broken_across_pages_are_joined() {
        let mut prev = table(
            2,
            &[
                &["208", "社会保障和就业支出", "34.22"],
                &["211", "节能环保", "305.69"],
            ],
        );
        append_continuation(
            &mut prev,
            table(
                3,
                &[&["", "支出", ""], &["21101", "环境保护管理事务", "305.69"]],
            ),
            3,
        );
        let labels: Vec<&str> = prev.rows.iter().map(|r| r.cells[1].as_str()).collect();
        assert_eq!(
            labels,
            ["社会保障和就业支出", "节能环保支出", "环境保护管理事务"]
        );

        let mut blanks = table(
            2,
            &[
                &["", "因公出国（境）费", ""],
                &["", "公务用车购置及运行维护费", "92.27"],
            ],
        );
        append_continuation(
            &mut blanks,
            table(3, &[&["", "公务接待费", ""], &["", "总计", "92.27"]]),
            3,
        );
        assert_eq!(blanks.rows.len(), 4);

        let mut item = table(
            2,
            &[
                &["201", "一般公共服务支出", "1.00"],
                &["202", "外交支出", "2.00"],
            ],
        );
        append_continuation(&mut item, table(3, &[&["", "其中：行政运行", ""]]), 3);
        assert_eq!(item.rows.len(), 3);
    }

    #[test]
    fn units() {
        assert_eq!(unit_of("编制单位：某局          单位：万元"), Some("万元"));
        assert_eq!(unit_of("金额单位：元"), Some("元"));
        assert_eq!(unit_of("编制单位：某局"), None);
    }
}
