//! Tables drawn without a full grid: horizontal rules only, or no rules at all. Columns come
//! from the alignment of the text; the result is a virtual [`Grid`] so that header paths,
//! captions and continuation work as for ruled tables.
//!
//! Outline. The free glyphs (not in a ruled grid) are grouped into lines and each line into
//! tokens (pieces split at wide gaps; a piece made only of numbers is split at its spaces).
//! Lines are cut into blocks at prose, captions, page footers and wide vertical gaps. A block
//! becomes a table when at least three of its lines carry amounts whose right edges align.
//! Amount columns are the clusters of right edges of amount tokens, text columns the clusters
//! of left edges of the other tokens; overlapping extents merge. Lines above the first amount
//! line (up to a rule on top, a caption or six lines) are the header: one grid row per line,
//! each header token a region over the columns it covers (a group header is widened to the
//! centred run of sub-columns below it), empty header cells join the cell above or below, and
//! a header cell wrapped over several lines becomes one region. Body lines without amounts
//! are wrapped labels (joined to the nearer row, or as rules say) or rows of their own.

use super::grid::{Grid, Region};
use super::lines::cell_text;
use super::tables::{is_amount, is_title_text, table_no_prefix, unit_of};
use crate::page::{Glyph, Page};

/// A table found from text alignment: its virtual grid, the text per region, the glyphs it
/// consumed and how many of its grid rows are header rows.
pub struct Virtual {
    pub grid: Grid,
    pub text: Vec<String>,
    pub glyphs: Vec<usize>,
    pub header_rows: usize,
}

/// A piece of a line between wide gaps.
#[derive(Debug, Clone)]
struct Tok {
    x0: f32,
    x1: f32,
    text: String,
    glyphs: Vec<usize>,
    kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Text,
    /// Digits before the label ("201  03  01  行政运行").
    Code,
    Amount,
    /// "-", "—": an empty amount cell.
    Dash,
}

#[derive(Debug, Clone)]
struct SLine {
    y0: f32,
    y1: f32,
    size: f32,
    text: String,
    toks: Vec<Tok>,
    /// Text pieces split at any visible gap: header cells whose texts nearly touch.
    fine: Vec<Tok>,
    glyphs: Vec<usize>,
}

impl SLine {
    fn cy(&self) -> f32 {
        (self.y0 + self.y1) * 0.5
    }
    fn amounts(&self) -> usize {
        self.toks.iter().filter(|t| t.kind == Kind::Amount).count()
    }
    /// Amounts or dashes (an empty amount cell printed as "-"): the line is a row of values.
    fn values(&self) -> usize {
        self.toks
            .iter()
            .filter(|t| matches!(t.kind, Kind::Amount | Kind::Dash))
            .count()
    }
}

pub(super) fn is_dash(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty()
        && t.chars().count() <= 2
        && t.chars()
            .all(|c| matches!(c, '-' | '—' | '－' | '–' | '/' | '*'))
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Groups the free glyphs into lines (as `lines::group_lines` does), keeping glyph indices.
fn build_lines(page: &Page, used: &[bool]) -> Vec<SLine> {
    let mut order: Vec<usize> = (0..page.glyphs.len())
        .filter(|&i| !used.get(i).copied().unwrap_or(false))
        .collect();
    if order.is_empty() {
        return Vec::new();
    }
    let gl = &page.glyphs;
    order.sort_by(|&a, &b| gl[a].cy().total_cmp(&gl[b].cy()));
    let mut bands: Vec<Vec<usize>> = Vec::new();
    let mut band_y = f32::MIN;
    let mut band_h = 0.0f32;
    for i in order {
        let g = &gl[i];
        let h = (g.y1 - g.y0).max(1.0);
        match bands.last_mut() {
            Some(band) if (g.cy() - band_y).abs() <= 0.5 * h.min(band_h).max(1.0) => {
                band.push(i);
                band_y += (g.cy() - band_y) / band.len() as f32;
            }
            _ => {
                bands.push(vec![i]);
                band_y = g.cy();
                band_h = h;
            }
        }
    }
    let mut lines: Vec<SLine> = bands.into_iter().filter_map(|b| line_of(gl, b)).collect();
    lines.sort_by(|a, b| a.cy().total_cmp(&b.cy()));
    lines
}

fn line_of(gl: &[Glyph], mut ids: Vec<usize>) -> Option<SLine> {
    ids.sort_by(|&a, &b| gl[a].x0.total_cmp(&gl[b].x0));
    let size = ids
        .iter()
        .map(|&i| gl[i].size)
        .fold(0.0f32, f32::max)
        .max(1.0);
    // Chunks at gaps of 1.5 font sizes, as in `lines`.
    let mut chunks: Vec<Vec<usize>> = Vec::new();
    let mut prev: Option<usize> = None;
    for &i in &ids {
        let g = &gl[i];
        if g.ch.is_whitespace() {
            continue;
        }
        match (prev, chunks.last_mut()) {
            (Some(p), Some(c)) if g.x0 - gl[p].x1 < 1.5 * gl[p].size.max(g.size).max(1.0) => {
                c.push(i)
            }
            _ => chunks.push(vec![i]),
        }
        if prev.is_none_or(|p| g.x1 >= gl[p].x1) {
            prev = Some(i);
        }
    }
    if chunks.is_empty() {
        return None;
    }
    let mut toks = Vec::new();
    let mut fine = Vec::new();
    for c in chunks {
        // Split at narrower (space) gaps when every piece is a number: "1,234.56 7,890.12".
        let mut pieces: Vec<Vec<usize>> = vec![Vec::new()];
        for (k, &i) in c.iter().enumerate() {
            if k > 0 {
                let p = &gl[c[k - 1]];
                let g = &gl[i];
                if g.x0 - p.x1 > 0.15 * p.size.max(g.size).max(1.0) {
                    pieces.push(Vec::new());
                }
            }
            if let Some(last) = pieces.last_mut() {
                last.push(i);
            }
        }
        let text_of = |v: &[usize]| -> String {
            let refs: Vec<&Glyph> = v.iter().map(|&i| &gl[i]).collect();
            cell_text(&refs)
        };
        // Keep pieces apart around an amount ("600.49 201 一般公共服务支出": two cells whose
        // borders touch); otherwise the chunk stays whole.
        let texts: Vec<String> = pieces.iter().map(|p| text_of(p)).collect();
        for (p, t) in pieces.iter().zip(&texts) {
            let x0 = p.iter().map(|&i| gl[i].x0).fold(f32::MAX, f32::min);
            let x1 = p.iter().map(|&i| gl[i].x1).fold(f32::MIN, f32::max);
            fine.push(Tok {
                x0,
                x1,
                text: t.clone(),
                glyphs: p.clone(),
                kind: Kind::Text,
            });
        }
        let numeric = |k: usize| is_amount(&texts[k]) || is_dash(&texts[k]);
        let strong = |k: usize| numeric(k) && texts[k].contains(['.', ',']);
        let plain = |k: usize| {
            !texts[k].is_empty()
                && texts[k].len() <= 7
                && texts[k].chars().all(|c| c.is_ascii_digit())
        };
        let gap_at = |k: usize| -> f32 {
            match (pieces[k - 1].last(), pieces[k].first()) {
                (Some(&a), Some(&b)) => (gl[b].x0 - gl[a].x1) / gl[a].size.max(gl[b].size).max(1.0),
                _ => 0.0,
            }
        };
        let gaps: Vec<f32> = (0..pieces.len())
            .map(|k| if k == 0 { 0.0 } else { gap_at(k) })
            .collect();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (k, p) in pieces.into_iter().enumerate() {
            let apart = k > 0
                && ((numeric(k - 1) && numeric(k))
                    || strong(k - 1)
                    || strong(k)
                    || (plain(k - 1) && gaps[k] >= 0.6));
            match groups.last_mut() {
                Some(g) if !apart => g.extend(p),
                _ => groups.push(p),
            }
        }
        for gids in groups {
            let x0 = gids.iter().map(|&i| gl[i].x0).fold(f32::MAX, f32::min);
            let x1 = gids.iter().map(|&i| gl[i].x1).fold(f32::MIN, f32::max);
            let text = text_of(&gids);
            toks.push(Tok {
                x0,
                x1,
                text,
                glyphs: gids,
                kind: Kind::Text,
            });
        }
    }
    // Kinds: numbers before the first text token are codes when they are plain digits.
    let first_text = toks
        .iter()
        .position(|t| !is_amount(&t.text) && !is_dash(&t.text));
    for (k, t) in toks.iter_mut().enumerate() {
        t.kind = if is_dash(&t.text) {
            Kind::Dash
        } else if is_amount(&t.text) {
            let plain = t.text.chars().all(|c| c.is_ascii_digit());
            if first_text.is_some_and(|f| k < f) && plain && t.text.len() <= 7 {
                Kind::Code
            } else {
                Kind::Amount
            }
        } else {
            Kind::Text
        };
    }
    let y0 = ids.iter().map(|&i| gl[i].y0).fold(f32::MAX, f32::min);
    let y1 = ids.iter().map(|&i| gl[i].y1).fold(f32::MIN, f32::max);
    let text = toks
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    Some(SLine {
        y0,
        y1,
        size,
        text,
        toks,
        fine,
        glyphs: ids,
    })
}

/// Prose: a long piece of text with sentence punctuation or amounts in 万元 inside it.
fn is_prose(l: &SLine) -> bool {
    l.toks.iter().any(|t| {
        let n = t.text.chars().count();
        (n >= 8 && t.text.contains(['，', '。', '；']))
            || (n >= 10 && t.text.contains("万元") && t.text.chars().any(|c| c.is_ascii_digit()))
            || n >= 45
    })
}

fn is_footer(l: &SLine) -> bool {
    let c = compact(&l.text);
    !c.is_empty()
        && c.chars().count() <= 12
        && c.chars().any(|ch| ch.is_ascii_digit())
        && c.chars()
            .all(|ch| ch.is_ascii_digit() || "第页共-—－/ 、".contains(ch))
        && l.toks.len() < 3
}

/// Caption lines: table number, title, unit, 编制单位 (read as tables.rs reads captions).
fn is_caption(l: &SLine) -> bool {
    let c = compact(&l.text);
    if [
        "编制单位",
        "编制部门",
        "单位名称",
        "填报单位",
        "预算单位",
        "部门名称",
    ]
    .iter()
    .any(|k| c.contains(k))
    {
        return true;
    }
    if unit_of(&c).is_some()
        || c.starts_with("续表")
        || c.starts_with("（续")
        || c.starts_with("(续")
    {
        return true;
    }
    l.toks.len() <= 2
        && ((is_title_text(&c) && c.chars().count() >= 4) || table_no_prefix(&c).is_some())
}

fn is_break(l: &SLine) -> bool {
    is_prose(l) || is_footer(l) || is_caption(l)
}

#[derive(Debug, Clone, Copy)]
struct Col {
    x0: f32,
    x1: f32,
    /// A column of amounts (right-aligned).
    amount: bool,
}

fn cluster(mut v: Vec<(f32, usize)>, tol: f32) -> Vec<Vec<(f32, usize)>> {
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<Vec<(f32, usize)>> = Vec::new();
    for p in v {
        match out.last_mut() {
            Some(c) if p.0 - c[c.len() - 1].0 <= tol => c.push(p),
            _ => out.push(vec![p]),
        }
    }
    out
}

fn distinct_lines(c: &[(f32, usize)]) -> usize {
    let mut ls: Vec<usize> = c.iter().map(|p| p.1).collect();
    ls.sort_unstable();
    ls.dedup();
    ls.len()
}

fn overlap(a0: f32, a1: f32, b0: f32, b1: f32) -> f32 {
    (a1.min(b1) - a0.max(b0)).max(0.0)
}

/// Horizontal rules of the page as (y, x0, x1).
fn h_rules(page: &Page) -> Vec<(f32, f32, f32)> {
    let mut v: Vec<(f32, f32, f32)> = page
        .rules
        .iter()
        .filter(|r| r.is_horizontal() && r.x1 - r.x0 >= 2.0)
        .map(|r| ((r.y0 + r.y1) * 0.5, r.x0.min(r.x1), r.x0.max(r.x1)))
        .collect();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    v
}

/// Whether a horizontal rule lies strictly between `ya` and `yb` covering half of [x0, x1].
fn rule_between(rules: &[(f32, f32, f32)], ya: f32, yb: f32, x0: f32, x1: f32) -> bool {
    let start = rules.partition_point(|r| r.0 <= ya);
    let w = (x1 - x0).max(1.0);
    rules[start..]
        .iter()
        .take_while(|r| r.0 < yb)
        .any(|r| overlap(r.1, r.2, x0, x1) >= 0.5 * w)
}

/// What the previous page tells about this one: the header cell texts (without spaces) of a
/// table left open at its bottom, repeated above its continuation.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    pub header_cells: std::collections::HashSet<String>,
}

/// A line made only of header cells of the table continued from the previous page.
fn is_known_header(l: &SLine, hints: &Hints) -> bool {
    !hints.header_cells.is_empty()
        && l.amounts() == 0
        && l.fine.len() >= 2
        && l.fine.iter().all(|t| {
            // Pieces of a header cell wrapped differently on this page are parts of its text.
            let c = compact(&t.text);
            hints.header_cells.contains(&c)
                || (!c.is_empty() && hints.header_cells.iter().any(|h| h.contains(&c)))
        })
        && l.fine.iter().any(|t| t.text.chars().count() >= 2)
}

pub fn virtual_grids(page: &Page, used: &[bool], hints: &Hints) -> Vec<Virtual> {
    // Cheap evidence first: a table of amounts has several decimal numbers outside the ruled
    // grids (glyphs are in drawing order, so "12.34" is digit, point, digit). Most pages have none.
    let free: Vec<&Glyph> = page
        .glyphs
        .iter()
        .zip(used)
        .filter(|(_, u)| !**u)
        .map(|(g, _)| g)
        .collect();
    let decimals = free
        .windows(3)
        .filter(|w| w[0].ch.is_ascii_digit() && w[1].ch == '.' && w[2].ch.is_ascii_digit())
        .count();
    if decimals == 0 {
        return Vec::new();
    }
    let lines = build_lines(page, used);
    if lines.len() < 3 || lines.len() > 5000 {
        return Vec::new();
    }
    let rules = h_rules(page);
    // Ruled grids of the page: a virtual table never overlaps one.
    let mut ruled: Option<Vec<(f32, f32, f32, f32)>> = None;
    // Blocks of lines between breaks.
    let mut out = Vec::new();
    let mut start = 0;
    // Whether the current block follows a caption line right above it.
    let mut after_caption = false;
    for i in 0..=lines.len() {
        let brk = i == lines.len()
            || is_break(&lines[i])
            || (i > start
                && lines[i].y0 - lines[i - 1].y1 > 4.0 * lines[i].size.max(lines[i - 1].size));
        if brk {
            if i > start {
                for t in tables_in_block(page, &lines[start..i], &rules, after_caption, hints) {
                    let boxes = ruled.get_or_insert_with(|| {
                        super::grid::find_grids(&page.rules)
                            .iter()
                            .filter(|g| g.is_table() && g.rows_drawn(&page.glyphs))
                            .map(|g| g.bbox())
                            .collect()
                    });
                    let (x0, y0, x1, y1) = t.grid.bbox();
                    if boxes
                        .iter()
                        .any(|b| overlap(b.0, b.2, x0, x1) > 0.0 && overlap(b.1, b.3, y0, y1) > 0.0)
                    {
                        continue;
                    }
                    out.push(t);
                }
            }
            after_caption = i < lines.len() && is_caption(&lines[i]) && !is_prose(&lines[i]);
            start = if i < lines.len() && is_break(&lines[i]) {
                i + 1
            } else {
                i
            };
        }
    }
    out
}

/// Finds the tables in a block of lines (normally one): body runs with aligned amounts.
fn tables_in_block(
    page: &Page,
    block: &[SLine],
    rules: &[(f32, f32, f32)],
    after_caption: bool,
    hints: &Hints,
) -> Vec<Virtual> {
    let body: Vec<usize> = (0..block.len())
        .filter(|&i| block[i].amounts() >= 1 && !is_index_row(&block[i]))
        .collect();
    // Strong evidence for a table too short to show aligned columns (one or two rows): a
    // header line of several cells right above its first amount line, under a caption or
    // repeating the header of the table continued from the previous page.
    let small_ok = body.first().is_some_and(|&b| {
        let head = &block[..b];
        let known = head.iter().any(|l| is_known_header(l, hints));
        let header_line = head
            .iter()
            .rev()
            .take(4)
            .any(|l| l.amounts() == 0 && l.fine.len() >= 2 && !is_prose(l));
        let decimals = body.iter().any(|&i| {
            block[i]
                .toks
                .iter()
                .any(|t| t.kind == Kind::Amount && t.text.contains('.'))
        });
        decimals && header_line && (known || (after_caption && head.len() <= 4))
    });
    let found = aligned_table(page, block, &body, rules);
    if found.is_none() && small_ok {
        return build_table(page, block, &body, rules).into_iter().collect();
    }
    found.into_iter().collect()
}

/// The table of a block whose amounts align in columns over at least three lines.
fn aligned_table(
    page: &Page,
    block: &[SLine],
    body: &[usize],
    rules: &[(f32, f32, f32)],
) -> Option<Virtual> {
    if body.len() < 3 {
        return None;
    }
    // Evidence: right edges of amounts aligned over at least three lines, in a column mostly of
    // decimals (3,008.81) or in two such columns.
    let edges: Vec<(f32, usize)> = body
        .iter()
        .flat_map(|&i| {
            block[i]
                .toks
                .iter()
                .enumerate()
                .take(1000)
                .filter(|(_, t)| t.kind == Kind::Amount)
                .map(move |(k, t)| (t.x1, i * 1000 + k))
        })
        .collect();
    let clusters = cluster(edges, 2.0);
    let strong: Vec<&Vec<(f32, usize)>> = clusters
        .iter()
        .filter(|c| distinct_lines(&c.iter().map(|p| (p.0, p.1 / 1000)).collect::<Vec<_>>()) >= 3)
        .collect();
    let decimal = |c: &Vec<(f32, usize)>| {
        let n = c
            .iter()
            .filter(|p| {
                block
                    .get(p.1 / 1000)
                    .and_then(|l| l.toks.get(p.1 % 1000))
                    .is_some_and(|t| t.text.contains(['.', ',']))
            })
            .count();
        n * 2 >= c.len()
    };
    if strong.is_empty() || (strong.len() < 2 && !strong.iter().any(|c| decimal(c))) {
        return None;
    }
    // Body lines: those with an amount in an aligned column.
    let aligned: Vec<usize> = {
        let mut v: Vec<usize> = strong
            .iter()
            .flat_map(|c| c.iter().map(|p| p.1 / 1000))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    if aligned.len() < 3 {
        return None;
    }
    build_table(page, block, &aligned, rules)
}

/// A row of column numbers (1 2 3 …) under the header.
fn is_index_row(l: &SLine) -> bool {
    let mut nums = Vec::new();
    for t in &l.toks {
        let c = compact(&t.text);
        if matches!(c.as_str(), "栏次" | "行次" | "*" | "**") {
            continue;
        }
        match c.parse::<u32>() {
            Ok(n) => nums.push(n),
            Err(_) => return false,
        }
    }
    nums.len() >= 3 && nums.windows(2).all(|w| w[1] == w[0] + 1)
}

fn median(mut v: Vec<f32>) -> Option<f32> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f32::total_cmp);
    Some(v[v.len() / 2])
}

/// Ordinal or code at the start of a label: a new item, not a wrapped line.
pub(super) fn starts_item(t: &str) -> bool {
    let c = compact(t);
    let mut chars = c.chars();
    match chars.next() {
        Some(ch) if ch.is_ascii_digit() => true,
        Some('（') | Some('(') => true,
        Some(ch) if "一二三四五六七八九十".contains(ch) => chars
            .next()
            .is_some_and(|n| n == '、' || "一二三四五六七八九十".contains(n)),
        Some('其') => c.starts_with("其中"),
        Some(_) => c.starts_with("合计") || c.starts_with("总计") || c.starts_with("小计"),
        None => false,
    }
}

/// A total's label: 收入总计, 本年支出合计, 小计.
fn is_total(t: &str) -> bool {
    let c = compact(t);
    c.ends_with("总计") || c.ends_with("合计") || c.ends_with("小计")
}

fn build_table(
    page: &Page,
    block: &[SLine],
    aligned: &[usize],
    rules: &[(f32, f32, f32)],
) -> Option<Virtual> {
    let mut first = *aligned.first()?;
    let last = *aligned.last()?;
    // Rows above the first aligned one that carry amounts or dashes are body rows too.
    let dashes = |l: &SLine| l.toks.iter().filter(|t| t.kind == Kind::Dash).count();
    let size = median(aligned.iter().map(|&i| block[i].size).collect()).unwrap_or(10.0);
    // Lines that go on with the body's rows without amounts (one side of a 收支 table ends
    // early): at the body's line pitch, each piece starting where body labels start.
    let text_lefts = |ls: &mut dyn Iterator<Item = &SLine>| -> Vec<f32> {
        ls.flat_map(|l| {
            l.toks
                .iter()
                .filter(|t| matches!(t.kind, Kind::Text | Kind::Code))
                .map(|t| t.x0)
        })
        .collect()
    };
    let lefts = text_lefts(&mut block[first..=last].iter());
    let pitch = median(
        (first..last)
            .map(|i| block[i + 1].cy() - block[i].cy())
            .collect(),
    )
    .unwrap_or(1.6 * size)
    .max(size);
    let row_like = |l: &SLine, lefts: &[f32]| {
        l.amounts() == 0
            && !l.toks.is_empty()
            && !is_index_row(l)
            && !compact(&l.text).starts_with('注')
            && l.toks.iter().any(|t| t.kind != Kind::Dash)
            && l.toks.iter().all(|t| {
                t.kind == Kind::Dash
                    || (t.kind != Kind::Amount && lefts.iter().any(|x| (x - t.x0).abs() <= 2.0))
            })
    };
    let is_amount_line = |l: &SLine| (l.amounts() > 0 || dashes(l) >= 2) && !is_index_row(l);
    loop {
        while first > 0 && is_amount_line(&block[first - 1]) {
            first -= 1;
        }
        // Up to four such lines, then a line with amounts and a label where body labels start.
        let Some(a) = (first.saturating_sub(5)..first)
            .rev()
            .find(|&k| block[k].amounts() > 0 || is_index_row(&block[k]))
        else {
            break;
        };
        if !is_amount_line(&block[a]) || first - a > 5 {
            break;
        }
        let a_lefts = text_lefts(&mut std::iter::once(&block[a]));
        if !a_lefts
            .iter()
            .any(|x| lefts.iter().any(|y| (x - y).abs() <= 2.0))
        {
            break;
        }
        let mut all = lefts.clone();
        all.extend(a_lefts);
        let fits = (a + 1..first).all(|k| row_like(&block[k], &all))
            && (a..first).all(|k| block[k + 1].cy() - block[k].cy() <= 1.25 * pitch);
        if !fits {
            break;
        }
        first = a;
    }
    // Body lines: from the first to the last aligned line, and close text lines after it (or
    // lines going on with the rows).
    let mut body_end = last + 1;
    while body_end < block.len() && block[body_end].amounts() == 0 {
        let l = &block[body_end];
        let prev = &block[body_end - 1];
        if l.y0 - prev.y1 < 0.6 * size
            || (row_like(l, &lefts) && l.cy() - prev.cy() <= 1.25 * pitch)
        {
            body_end += 1;
        } else {
            break;
        }
    }
    // Columns from the body.
    let mut amount_edges = Vec::new();
    let mut text_edges = Vec::new();
    for (i, l) in block.iter().enumerate().take(body_end).skip(first) {
        // Token ids are line * 1000 + token.
        for (k, t) in l.toks.iter().enumerate().take(1000) {
            match t.kind {
                Kind::Amount => amount_edges.push((t.x1, i * 1000 + k)),
                Kind::Text | Kind::Code => text_edges.push((t.x0, i * 1000 + k)),
                Kind::Dash => {}
            }
        }
    }
    let tok_at =
        |id: usize| -> Option<&Tok> { block.get(id / 1000).and_then(|l| l.toks.get(id % 1000)) };
    let mut cols: Vec<Col> = Vec::new();
    for c in cluster(amount_edges, 2.5) {
        let x0 = c
            .iter()
            .filter_map(|p| tok_at(p.1))
            .map(|t| t.x0)
            .fold(f32::MAX, f32::min);
        let x1 = c
            .iter()
            .filter_map(|p| tok_at(p.1))
            .map(|t| t.x1)
            .fold(f32::MIN, f32::max);
        cols.push(Col {
            x0,
            x1,
            amount: true,
        });
    }
    for c in cluster(text_edges, 3.0) {
        let x0 = c
            .iter()
            .filter_map(|p| tok_at(p.1))
            .map(|t| t.x0)
            .fold(f32::MAX, f32::min);
        let x1 = c
            .iter()
            .filter_map(|p| tok_at(p.1))
            .map(|t| t.x1)
            .fold(f32::MIN, f32::max);
        cols.push(Col {
            x0,
            x1,
            amount: false,
        });
    }
    let mut cols = merge_cols(cols);
    // Dashes centred in columns left empty: a column when they would share a cell with
    // another value of their line.
    let dash_centres: Vec<(f32, usize)> = (first..body_end)
        .flat_map(|i| {
            block[i]
                .toks
                .iter()
                .enumerate()
                .take(1000)
                .filter(|(_, t)| t.kind == Kind::Dash)
                .map(move |(k, t)| ((t.x0 + t.x1) * 0.5, i * 1000 + k))
        })
        .collect();
    let mut dash_cols = Vec::new();
    for c in cluster(dash_centres, 3.0) {
        let lines: Vec<usize> = c.iter().map(|p| p.1 / 1000).collect();
        if distinct_lines(&c.iter().map(|p| (p.0, p.1 / 1000)).collect::<Vec<_>>()) < 2 {
            continue;
        }
        let x0 = c
            .iter()
            .filter_map(|p| tok_at(p.1))
            .map(|t| t.x0)
            .fold(f32::MAX, f32::min);
        let x1 = c
            .iter()
            .filter_map(|p| tok_at(p.1))
            .map(|t| t.x1)
            .fold(f32::MIN, f32::max);
        if cols.iter().any(|col| overlap(col.x0, col.x1, x0, x1) > 0.0) {
            continue;
        }
        let bounds = boundaries(&cols);
        let cx = (x0 + x1) * 0.5;
        let cell = (0..cols.len()).find(|&k| cx >= bounds[k] && cx < bounds[k + 1]);
        let conflict = match cell {
            None => true,
            Some(k) => lines.iter().any(|&i| {
                block[i].toks.iter().any(|t| {
                    t.kind != Kind::Dash && overlap(cols[k].x0, cols[k].x1, t.x0, t.x1) > 0.0
                })
            }),
        };
        if conflict {
            dash_cols.push(Col {
                x0,
                x1,
                amount: true,
            });
        }
    }
    cols.extend(dash_cols);
    let mut cols = merge_cols(cols);
    if cols.len() < 2 {
        return None;
    }
    // Header candidates: lines above the first body line, up to a break, six lines, a wide gap.
    let mut head_start = first;
    while head_start > 0 && first - head_start < 10 {
        let l = &block[head_start - 1];
        let below = &block[head_start];
        if l.amounts() > 0 && !is_index_row(l) {
            break;
        }
        if below.y0 - l.y1 > 3.0 * size {
            break;
        }
        head_start -= 1;
    }
    let tx0 = cols.first().map(|c| c.x0).unwrap_or(0.0);
    let tx1 = cols.last().map(|c| c.x1).unwrap_or(0.0);
    // A rule on top of the header: lines above it are not the table's.
    if head_start < first {
        let top_y = if head_start > 0 {
            block[head_start - 1].cy()
        } else {
            block[head_start].y0 - 3.0 * size
        };
        let first_y = block[first].y0;
        let top_rule = rules
            .iter()
            .filter(|r| {
                r.0 > top_y && r.0 < first_y && overlap(r.1, r.2, tx0, tx1) >= 0.9 * (tx1 - tx0)
            })
            .map(|r| r.0)
            .next();
        if let Some(ry) = top_rule {
            let below_rule = (head_start..first).filter(|&i| block[i].cy() > ry).count();
            if below_rule > 0 {
                while head_start < first && block[head_start].cy() < ry {
                    head_start += 1;
                }
            }
        }
    }
    // The label column: the text column left of the first amount column.
    let first_amount_x = cols
        .iter()
        .find(|c| c.amount)
        .map(|c| c.x0)
        .unwrap_or(f32::MAX);
    // Header lines with text only in the label column right above the body: body rows.
    let mut head_end = first;
    while head_end > head_start + 1 {
        let l = &block[head_end - 1];
        let label_only = l.toks.len() == 1
            && l.toks
                .iter()
                .all(|t| t.x1 < first_amount_x && t.text.chars().count() >= 3);
        // Or labels starting where the body's labels start, codes or names rather than the
        // header words of a label column ("科目名称", "项目").
        let labels = row_like(l, &lefts)
            && l.toks.iter().all(|t| {
                let c = compact(&t.text);
                c.starts_with(|ch: char| ch.is_ascii_digit())
                    || (c.chars().count() >= 3
                        && !["名称", "编码", "代码", "科目", "项目", "内容"]
                            .iter()
                            .any(|e| c.ends_with(e)))
            });
        if (label_only || labels)
            && (head_start..head_end - 1)
                .any(|i| block[i].toks.iter().any(|t| t.x1 > first_amount_x))
        {
            head_end -= 1;
        } else {
            break;
        }
    }
    let head: Vec<usize> = (head_start..head_end).collect();
    // Header cells: the pieces of the header lines, a cell wrapped over several lines joined.
    let index_lines: Vec<usize> = head
        .iter()
        .copied()
        .filter(|&i| is_index_row(&block[i]))
        .collect();
    let text_lines: Vec<usize> = head
        .iter()
        .copied()
        .filter(|&i| !is_index_row(&block[i]))
        .collect();
    let mut cells = header_cells(block, &text_lines, rules, size);
    if cells.len() > 600 {
        return None;
    }
    // Leaf header cells (nothing below them) over no column make columns of their own
    // (columns left blank in the body).
    add_header_columns(&mut cols, &cells);
    let cols = merge_cols(cols);
    let nc = cols.len();
    if !(2..=60).contains(&nc) {
        return None;
    }
    let bounds = boundaries(&cols);
    let col_of = |t: &Tok| -> usize {
        let cx = (t.x0 + t.x1) * 0.5;
        if !cols.iter().any(|c| overlap(c.x0, c.x1, t.x0, t.x1) > 0.0) {
            if let Some(c) = (0..nc).find(|&c| cx >= bounds[c] && cx < bounds[c + 1]) {
                return c;
            }
        }
        let mut best = (0usize, -1.0f32);
        for (c, col) in cols.iter().enumerate() {
            let o = overlap(col.x0, col.x1, t.x0, t.x1);
            let score = if o > 0.0 {
                o
            } else {
                -((col.x0 + col.x1) * 0.5 - (t.x0 + t.x1) * 0.5).abs()
            };
            if c == 0 || score > best.1 {
                best = (c, score);
            }
        }
        best.0
    };
    // Body rows: groups of lines.
    let body_lines: Vec<usize> = (head_end..body_end).collect();
    let groups = group_body(block, &body_lines, size, rules, tx0, tx1, first_amount_x);
    // Header regions: each cell over its columns, from its level down to the level above the
    // next cell below it.
    let nh_text = layout_header(&mut cells, &cols, &bounds, size);
    let nh = nh_text + usize::from(!index_lines.is_empty());
    let nr = nh + groups.len();
    if nr < 2 || nr * nc > 200_000 {
        return None;
    }
    let mut owner = vec![usize::MAX; nr * nc];
    let mut regions: Vec<Region> = Vec::new();
    let mut glyphs_of: Vec<Vec<usize>> = Vec::new();
    let mut order: Vec<usize> = (0..cells.len()).collect();
    order.sort_by(|&a, &b| {
        cells[a]
            .level
            .cmp(&cells[b].level)
            .then(cells[a].x0.total_cmp(&cells[b].x0))
    });
    for &k in &order {
        let (r0, c0, c1) = (cells[k].level, cells[k].c0, cells[k].c1);
        if r0 >= nh_text || c1 >= nc || c0 > c1 {
            continue;
        }
        let r1 = cells
            .iter()
            .filter(|b| b.level > r0 && b.c0 <= c1 && b.c1 >= c0)
            .map(|b| b.level - 1)
            .min()
            .unwrap_or(nh_text - 1)
            .max(r0);
        let taken = (r0..=r1).any(|r| (c0..=c1).any(|c| owner[r * nc + c] != usize::MAX));
        if taken {
            // Another piece over the same cell (letter-spaced text): add its glyphs there.
            let reg = (c0..=c1)
                .map(|c| owner[r0 * nc + c])
                .find(|&o| o != usize::MAX);
            if let Some(gs) = reg.and_then(|o| glyphs_of.get_mut(o)) {
                gs.extend(&cells[k].glyphs);
                continue;
            }
            // Free in its first row only: a cell of one row.
            if (c0..=c1).any(|c| owner[r0 * nc + c] != usize::MAX) {
                continue;
            }
            let idx = regions.len();
            regions.push(Region { r0, c0, r1: r0, c1 });
            glyphs_of.push(cells[k].glyphs.clone());
            for c in c0..=c1 {
                owner[r0 * nc + c] = idx;
            }
            continue;
        }
        let idx = regions.len();
        regions.push(Region { r0, c0, r1, c1 });
        glyphs_of.push(cells[k].glyphs.clone());
        for r in r0..=r1 {
            for c in c0..=c1 {
                owner[r * nc + c] = idx;
            }
        }
    }
    // The row of column numbers under the header: one cell per number.
    if !index_lines.is_empty() {
        let r = nh - 1;
        for &li in &index_lines {
            for t in &block[li].toks {
                let c = col_of(t);
                if owner[r * nc + c] == usize::MAX {
                    owner[r * nc + c] = regions.len();
                    regions.push(Region {
                        r0: r,
                        c0: c,
                        r1: r,
                        c1: c,
                    });
                    glyphs_of.push(t.glyphs.clone());
                } else if let Some(gs) = glyphs_of.get_mut(owner[r * nc + c]) {
                    gs.extend(&t.glyphs);
                }
            }
        }
    }
    // Empty header cells left: extend the region above or below over them, else stand alone.
    for r in 0..nh {
        for c in 0..nc {
            if owner[r * nc + c] != usize::MAX {
                continue;
            }
            let mut joined = false;
            if r > 0 {
                let reg_i = owner[(r - 1) * nc + c];
                if let Some(g) = regions.get(reg_i).cloned() {
                    if g.r1 == r - 1 && (g.c0..=g.c1).all(|cc| owner[r * nc + cc] == usize::MAX) {
                        for cc in g.c0..=g.c1 {
                            owner[r * nc + cc] = reg_i;
                        }
                        if let Some(g) = regions.get_mut(reg_i) {
                            g.r1 = r;
                        }
                        joined = true;
                    }
                }
            }
            if !joined {
                if let Some(rb) = (r + 1..nh).find(|&rb| owner[rb * nc + c] != usize::MAX) {
                    let reg_i = owner[rb * nc + c];
                    if let Some(g) = regions.get(reg_i).cloned() {
                        if g.r0 == rb
                            && (r..rb)
                                .all(|x| (g.c0..=g.c1).all(|cc| owner[x * nc + cc] == usize::MAX))
                        {
                            for x in r..rb {
                                for cc in g.c0..=g.c1 {
                                    owner[x * nc + cc] = reg_i;
                                }
                            }
                            if let Some(g) = regions.get_mut(reg_i) {
                                g.r0 = r;
                            }
                            joined = true;
                        }
                    }
                }
            }
            if !joined {
                owner[r * nc + c] = regions.len();
                regions.push(Region {
                    r0: r,
                    c0: c,
                    r1: r,
                    c1: c,
                });
                glyphs_of.push(Vec::new());
            }
        }
    }
    // Body cells.
    for (gi, grp) in groups.iter().enumerate() {
        let r = nh + gi;
        let base = regions.len();
        for c in 0..nc {
            owner[r * nc + c] = base + c;
            regions.push(Region {
                r0: r,
                c0: c,
                r1: r,
                c1: c,
            });
            glyphs_of.push(Vec::new());
        }
        for &li in grp {
            for t in &block[li].toks {
                let c = col_of(t);
                if let Some(gs) = glyphs_of.get_mut(base + c) {
                    gs.extend(&t.glyphs);
                }
            }
        }
    }
    // Geometry.
    let xs = bounds;
    let mut ext: Vec<(f32, f32)> = Vec::with_capacity(nr);
    for r in 0..nh_text {
        let top = cells
            .iter()
            .filter(|c| c.level == r)
            .map(|c| c.y0)
            .fold(f32::MAX, f32::min);
        let bottom = cells
            .iter()
            .filter(|c| c.level == r)
            .map(|c| c.first_y1)
            .fold(f32::MIN, f32::max);
        ext.push(if top <= bottom {
            (top, bottom)
        } else {
            ext.last().copied().unwrap_or((0.0, 0.0))
        });
    }
    let mut row_lines: Vec<Vec<usize>> = Vec::new();
    if !index_lines.is_empty() {
        row_lines.push(index_lines.clone());
    }
    row_lines.extend(groups.iter().cloned());
    ext.extend(row_lines.iter().map(|ls| {
        (
            ls.iter().map(|&l| block[l].y0).fold(f32::MAX, f32::min),
            ls.iter().map(|&l| block[l].y1).fold(f32::MIN, f32::max),
        )
    }));
    row_lines.extend(text_lines.iter().map(|&l| vec![l]));
    if ext.len() != nr {
        return None;
    }
    let mut ys = Vec::with_capacity(nr + 1);
    ys.push(ext[0].0 - 1.0);
    for r in 1..nr {
        ys.push((ext[r - 1].1.max(ext[r - 1].0) + ext[r].0) * 0.5);
    }
    ys.push(ext[nr - 1].1 + 1.0);
    for i in 1..ys.len() {
        if ys[i] <= ys[i - 1] {
            ys[i] = ys[i - 1] + 0.01;
        }
    }
    if owner.contains(&usize::MAX) {
        return None;
    }
    let text: Vec<String> = glyphs_of
        .iter()
        .map(|ids| {
            let refs: Vec<&Glyph> = ids.iter().filter_map(|&i| page.glyphs.get(i)).collect();
            cell_text(&refs)
        })
        .collect();
    let mut consumed: Vec<usize> = row_lines
        .iter()
        .flatten()
        .flat_map(|&l| block[l].glyphs.iter().copied())
        .collect();
    consumed.sort_unstable();
    consumed.dedup();
    Some(Virtual {
        grid: Grid {
            xs,
            ys,
            regions,
            owner,
        },
        text,
        glyphs: consumed,
        header_rows: nh,
    })
}

/// A header cell: pieces of text, one per header line it was wrapped over.
#[derive(Debug, Clone)]
struct HCell {
    x0: f32,
    x1: f32,
    y0: f32,
    y1: f32,
    /// Bottom of the first piece (one line).
    first_y1: f32,
    /// Extent of the first piece: later lines are centred under it or start where it starts.
    fx0: f32,
    fx1: f32,
    last_cy: f32,
    glyphs: Vec<usize>,
    c0: usize,
    c1: usize,
    level: usize,
}

/// The header pieces of `lines` (top to bottom) as cells: a piece joins the cell right above
/// it (less than a line apart, no rule between) when it lies within that cell's extent,
/// centred under its first line or starting where it starts, and no other cell qualifies.
fn header_cells(
    block: &[SLine],
    lines: &[usize],
    rules: &[(f32, f32, f32)],
    size: f32,
) -> Vec<HCell> {
    let mut cells: Vec<HCell> = Vec::new();
    for &li in lines {
        let l = &block[li];
        let lsize = l.size.max(size);
        let n_before = cells.len();
        for t in &l.fine {
            if t.glyphs.is_empty() {
                continue;
            }
            let tc = (t.x0 + t.x1) * 0.5;
            let mut cand = None;
            let mut count = 0;
            // 类, 款 and 项 name the code columns under 科目编码: never the end of a wrapped cell.
            let code_level = matches!(compact(&t.text).as_str(), "类" | "款" | "项");
            for (k, c) in cells[..n_before].iter().enumerate().filter(|_| !code_level) {
                let gap = l.y0 - c.y1;
                if gap < 0.6 * lsize
                    && l.cy() - c.last_cy > 0.5 * lsize
                    && t.x0 >= c.x0 - 2.0
                    && t.x1 <= c.x1 + 2.0
                    && ((tc - (c.fx0 + c.fx1) * 0.5).abs() <= 0.25 * (c.fx1 - c.fx0) + 2.0
                        || (t.x0 - c.fx0).abs() <= 2.0)
                    && !rule_between(rules, c.last_cy, l.cy(), t.x0, t.x1)
                {
                    cand = Some(k);
                    count += 1;
                }
            }
            match cand {
                Some(k) if count == 1 => {
                    let c = &mut cells[k];
                    c.x0 = c.x0.min(t.x0);
                    c.x1 = c.x1.max(t.x1);
                    c.y1 = c.y1.max(l.y1);
                    c.last_cy = l.cy();
                    c.glyphs.extend(&t.glyphs);
                }
                _ => cells.push(HCell {
                    x0: t.x0,
                    x1: t.x1,
                    y0: l.y0,
                    y1: l.y1,
                    first_y1: l.y1,
                    fx0: t.x0,
                    fx1: t.x1,
                    last_cy: l.cy(),
                    glyphs: t.glyphs.clone(),
                    c0: 0,
                    c1: 0,
                    level: 0,
                }),
            }
        }
    }
    cells
}

fn is_leaf(cells: &[HCell], k: usize) -> bool {
    let a = &cells[k];
    !cells.iter().enumerate().any(|(j, b)| {
        j != k
            && b.y0 > (a.y0 + a.first_y1) * 0.5
            && b.y0 >= a.y1 - 1.0
            && overlap(a.x0, a.x1, b.x0, b.x1) > 0.3 * (a.x1 - a.x0).min(b.x1 - b.x0)
    })
}

/// Columns named only in the header: a leaf cell over no body column whose centre does not
/// fall in the cell of a body column left without a header of its own.
fn add_header_columns(cols: &mut Vec<Col>, cells: &[HCell]) {
    let base = cols.clone();
    if base.is_empty() {
        return;
    }
    let bounds = boundaries(&base);
    let leaves: Vec<usize> = (0..cells.len()).filter(|&k| is_leaf(cells, k)).collect();
    let over = |c: &HCell| base.iter().any(|b| overlap(b.x0, b.x1, c.x0, c.x1) > 0.0);
    let cell_of = |x: f32| -> Option<usize> {
        (0..base.len()).find(|&c| x >= bounds[c] && x < bounds[c + 1])
    };
    // A group header between columns with header text below it on both sides: widened later
    // (its sub-columns' headers overlap body columns, or lie close on both sides of it).
    let group = |c: &HCell| {
        let under = |b: &HCell| b.y0 >= c.y1 - 1.0 && b.y0 > (c.y0 + c.first_y1) * 0.5;
        let w = (c.x1 - c.x0).max(1.0);
        let in_body = |b: &HCell| {
            base.iter()
                .any(|col| overlap(col.x0, col.x1, b.x0, b.x1) > 0.0)
        };
        let left = cells
            .iter()
            .any(|b| under(b) && b.x1 <= c.x0 && (in_body(b) || c.x0 - b.x1 <= 1.5 * w));
        let right = cells
            .iter()
            .any(|b| under(b) && b.x0 >= c.x1 && (in_body(b) || b.x0 - c.x1 <= 1.5 * w));
        left && right
    };
    let leaves: Vec<usize> = leaves
        .into_iter()
        .filter(|&k| over(&cells[k]) || !group(&cells[k]))
        .collect();
    // Per body column: leaves overlapping it or centred in its cell.
    let mut claimed = vec![0usize; base.len()];
    for &k in &leaves {
        let c = &cells[k];
        if over(c) {
            for (i, b) in base.iter().enumerate() {
                if overlap(b.x0, b.x1, c.x0, c.x1) > 0.0 {
                    claimed[i] += 1;
                }
            }
        } else if let Some(i) = cell_of((c.x0 + c.x1) * 0.5) {
            claimed[i] += 1;
        }
    }
    for &k in &leaves {
        let c = &cells[k];
        if over(c) {
            continue;
        }
        if cell_of((c.x0 + c.x1) * 0.5).is_some_and(|i| claimed[i] == 1) {
            continue;
        }
        cols.push(Col {
            x0: c.x0,
            x1: c.x1,
            amount: true,
        });
    }
    cols.sort_by(|a, b| a.x0.total_cmp(&b.x0));
}

/// Gives every header cell its columns (a group header widened to the centred run of columns
/// whose headers start below it) and its level (one more than the deepest cell above it over
/// the same columns). Returns the number of levels.
fn layout_header(cells: &mut [HCell], cols: &[Col], bounds: &[f32], size: f32) -> usize {
    let nc = cols.len();
    if cells.is_empty() || nc == 0 {
        return 0;
    }
    for c in cells.iter_mut() {
        let cx = (c.x0 + c.x1) * 0.5;
        let centre_cell = (0..nc).find(|&i| cx >= bounds[i] && cx < bounds[i + 1]);
        let covered: Vec<usize> = (0..nc)
            .filter(|&i| {
                Some(i) == centre_cell
                    || overlap(cols[i].x0, cols[i].x1, c.x0, c.x1)
                        >= 0.5 * (cols[i].x1 - cols[i].x0).max(1.0)
            })
            .collect();
        let (c0, c1) = match (covered.first(), covered.last()) {
            (Some(&a), Some(&b)) => (a, b),
            _ => {
                let mut best = (0usize, f32::MAX);
                for (i, col) in cols.iter().enumerate() {
                    let d = ((col.x0 + col.x1) * 0.5 - cx).abs();
                    if d < best.1 {
                        best = (i, d);
                    }
                }
                (best.0, best.0)
            }
        };
        c.c0 = c0;
        c.c1 = c1;
    }
    let top = cells.iter().map(|c| c.y0).fold(f32::MAX, f32::min);
    let bottom = cells.iter().map(|c| c.y1).fold(f32::MIN, f32::max);
    let hmid = (top + bottom) * 0.5;
    // Per column, the cells over it (before widening).
    let mut in_col: Vec<Vec<usize>> = vec![Vec::new(); nc];
    for (k, c) in cells.iter().enumerate() {
        for list in in_col.iter_mut().take(c.c1 + 1).skip(c.c0) {
            list.push(k);
        }
    }
    let mut order: Vec<usize> = (0..cells.len()).collect();
    order.sort_by(|&a, &b| cells[a].y0.total_cmp(&cells[b].y0));
    for &k in &order {
        let a = cells[k].clone();
        let below = |i: usize| {
            in_col[i].iter().any(|&j| {
                j != k && cells[j].y0 >= a.y1 - 1.0 && cells[j].y0 > (a.y0 + a.first_y1) * 0.5
            })
        };
        if !(a.c0..=a.c1).any(below) {
            continue;
        }
        // A column whose only header cell is centred on the whole header rather than on the
        // part below this cell is a cell of full height, not one of its sub-columns.
        let sub_mid = (a.y1 + bottom) * 0.5;
        let full_height = |i: usize| {
            in_col[i].len() == 1 && {
                let b = &cells[in_col[i][0]];
                let m = (b.y0 + b.y1) * 0.5;
                (m - hmid).abs() < (m - sub_mid).abs()
            }
        };
        let free = |i: usize| {
            below(i) && !full_height(i) && in_col[i].iter().all(|&j| cells[j].y0 >= a.y1 - 1.0)
        };
        let tc = (a.x0 + a.x1) * 0.5;
        let mut cands: Vec<(usize, usize, f32)> = Vec::new();
        let mut lo = a.c0;
        loop {
            let mut hi = a.c1;
            loop {
                // The run's extent: that of the header text below the cell in those columns
                // (column boundaries sit off-centre beside right-aligned amounts).
                let (mut x0, mut x1) = (f32::MAX, f32::MIN);
                for i in lo..=hi {
                    for &j in &in_col[i] {
                        let b = &cells[j];
                        if j != k && b.y0 >= a.y1 - 1.0 && b.c0 >= lo && b.c1 <= hi {
                            x0 = x0.min(b.x0);
                            x1 = x1.max(b.x1);
                        }
                    }
                }
                if x0 > x1 {
                    x0 = bounds[lo];
                    x1 = bounds[hi + 1];
                }
                // Or that of the columns' contents (a header centred on its cell, whose body
                // labels start at its left border and amounts end at its right one).
                for (x0, x1) in [(x0, x1), (cols[lo].x0, cols[hi].x1)] {
                    let d = (tc - (x0 + x1) * 0.5).abs();
                    if d <= 0.08 * (x1 - x0) + 3.0 {
                        cands.push((lo, hi, d - 0.04 * (x1 - x0)));
                        break;
                    }
                }
                if hi + 1 < nc && free(hi + 1) {
                    hi += 1;
                } else {
                    break;
                }
            }
            if lo > 0 && free(lo - 1) {
                lo -= 1;
            } else {
                break;
            }
        }
        let best_d = cands.iter().map(|c| c.2).fold(f32::MAX, f32::min);
        if let Some(&(lo, hi, _)) = cands
            .iter()
            .filter(|c| c.2 <= best_d + 1.5)
            .max_by_key(|c| c.1 - c.0)
        {
            cells[k].c0 = lo;
            cells[k].c1 = hi;
        }
    }
    // Levels, top to bottom.
    for idx in 0..order.len() {
        let k = order[idx];
        let (c0, c1, y0) = (cells[k].c0, cells[k].c1, cells[k].y0);
        let level = order[..idx]
            .iter()
            .filter(|&&j| {
                cells[j].c0 <= c1
                    && cells[j].c1 >= c0
                    && (cells[j].y0 + cells[j].first_y1) * 0.5 < y0 - 0.2 * size
            })
            .map(|&j| cells[j].level + 1)
            .max()
            .unwrap_or(0);
        cells[k].level = level;
    }
    cells.iter().map(|c| c.level).max().map_or(0, |m| m + 1)
}

/// Column boundaries: midway between neighbouring columns, increasing.
fn boundaries(cols: &[Col]) -> Vec<f32> {
    let nc = cols.len();
    let mut xs = Vec::with_capacity(nc + 1);
    if nc == 0 {
        return xs;
    }
    xs.push(cols[0].x0 - 1.0);
    for c in 1..nc {
        let b = if cols[c - 1].x1 <= cols[c].x0 {
            (cols[c - 1].x1 + cols[c].x0) * 0.5
        } else {
            (cols[c - 1].x0 + cols[c - 1].x1 + cols[c].x0 + cols[c].x1) * 0.25
        };
        xs.push(b);
    }
    xs.push(cols[nc - 1].x1 + 1.0);
    for i in 1..xs.len() {
        if xs[i] <= xs[i - 1] {
            xs[i] = xs[i - 1] + 0.01;
        }
    }
    xs
}

/// Merges columns whose extents overlap, left to right.
fn merge_cols(mut cols: Vec<Col>) -> Vec<Col> {
    cols.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut out: Vec<Col> = Vec::new();
    for c in cols {
        match out.last_mut() {
            Some(m) if c.x0 < m.x1 - 0.5 => {
                m.x1 = m.x1.max(c.x1);
                m.amount |= c.amount;
            }
            _ => out.push(c),
        }
    }
    out
}

/// Groups body lines into rows: a line with amounts or dashes, or with text in two cells,
/// starts a row; a line without joins the row it is closer to (or the one rules leave it with)
/// when it can be the wrapped part of a label, or stands alone.
fn group_body(
    block: &[SLine],
    body: &[usize],
    size: f32,
    rules: &[(f32, f32, f32)],
    tx0: f32,
    tx1: f32,
    first_amount_x: f32,
) -> Vec<Vec<usize>> {
    // A line of dashes only is a row whose amounts are all empty, not a wrapped label.
    let amount_lines: Vec<usize> = body
        .iter()
        .copied()
        .filter(|&i| block[i].values() > 0)
        .collect();
    let pitch = median(
        amount_lines
            .windows(2)
            .map(|w| block[w[1]].cy() - block[w[0]].cy())
            .collect(),
    )
    .unwrap_or(2.0 * size);
    // Rules between rows: most consecutive amount lines separated by a rule.
    let ruled = amount_lines.len() >= 2 && {
        let n = amount_lines
            .windows(2)
            .filter(|w| rule_between(rules, block[w[0]].cy(), block[w[1]].cy(), tx0, tx1))
            .count();
        n * 2 >= amount_lines.len() - 1
    };
    let has_label = |i: usize| {
        block[i]
            .toks
            .iter()
            .any(|t| t.kind == Kind::Text && t.x0 < first_amount_x)
    };
    // Text wraps only when it fills its cell: a label line that ends well short of the widest
    // label starting at the same place ended there, and the next line is another row.
    let label = |i: usize| block[i].toks.iter().find(|t| t.kind == Kind::Text);
    let fills_cell = |i: usize| {
        label(i).is_some_and(|t| {
            let widest = body
                .iter()
                .filter_map(|&j| label(j))
                .filter(|u| (u.x0 - t.x0).abs() <= 2.0)
                .map(|u| u.x1)
                .fold(t.x1, f32::max);
            t.x1 >= widest - 1.5 * size
        })
    };
    // Every text of line `i` goes on from a text of line `p` in its column that filled its
    // cell: two labels side by side (科目名称, 项目名称) wrapped together.
    let widest_at = |x: f32| {
        body.iter()
            .flat_map(|&j| block[j].toks.iter())
            .filter(|u| u.kind == Kind::Text && (u.x0 - x).abs() <= 2.0)
            .map(|u| u.x1)
            .fold(f32::MIN, f32::max)
    };
    let wraps_from = |i: usize, p: usize| {
        block[i].toks.iter().all(|t| {
            t.kind == Kind::Text
                && block[p].toks.iter().any(|u| {
                    u.kind == Kind::Text
                        && (u.x0 - t.x0).abs() <= 2.0
                        && u.x1 >= widest_at(u.x0) - 1.5 * size
                })
        })
    };
    let mut groups: Vec<Vec<usize>> = Vec::new();
    // Which group each line went to.
    let mut pending: Vec<usize> = Vec::new();
    for (k, &i) in body.iter().enumerate() {
        let l = &block[i];
        // Text in two cells of the line (收 and 支 labels side by side, a code and its name):
        // a row whose amounts are blank, not the wrapped end of one label — unless both go on
        // from the line above.
        let cells = l
            .toks
            .iter()
            .filter(|t| matches!(t.kind, Kind::Text | Kind::Code))
            .count();
        let wrapped_pair = k > 0 && wraps_from(i, body[k - 1]);
        if l.values() > 0 || (cells >= 2 && !wrapped_pair) {
            let mut g = std::mem::take(&mut pending);
            g.push(i);
            groups.push(g);
            continue;
        }
        let prev = if k > 0 { Some(body[k - 1]) } else { None };
        let next = body.get(k + 1).copied();
        let up_d = prev.map(|p| l.cy() - block[p].cy());
        let dn_d = next.map(|n| block[n].cy() - l.cy());
        // Lines of one cell are at most ~1.9 font sizes apart (CJK fonts set lines loosely).
        let close =
            |d: Option<f32>| d.is_some_and(|d| d < 0.75 * pitch && d < 1.9 * l.size.max(size));
        let rule_up = prev.is_some_and(|p| rule_between(rules, block[p].cy(), l.cy(), tx0, tx1));
        let rule_dn = next.is_some_and(|n| rule_between(rules, l.cy(), block[n].cy(), tx0, tx1));
        // The next line with amounts and no label of its own takes the lines around it.
        let next_unlabelled = next.is_some_and(|n| block[n].values() > 0 && !has_label(n));
        let prev_in_group = !groups.is_empty() && pending.is_empty();
        let join_up = if ruled {
            prev_in_group && !rule_up
        } else if next_unlabelled && close(dn_d) {
            false
        } else {
            // Equally near both (the middle lines of a label wrapped over three or more), the
            // line goes on from the one above, whose label filled its cell.
            let nearer_up = up_d.zip(dn_d).map_or(true, |(u, d)| u <= d + 0.15 * size);
            prev_in_group
                && close(up_d)
                && (!close(dn_d) || nearer_up)
                && !starts_item(&l.text)
                && prev.is_some_and(|p| fills_cell(p) || label(p).is_none())
        };
        // A line never continues into a next line that starts an item or a total of its own
        // in the same column ("207…" above "208…", "234…" above "支出总计").
        let label_x = l
            .toks
            .iter()
            .find(|t| matches!(t.kind, Kind::Text | Kind::Code))
            .map(|t| t.x0);
        let next_starts_item = next.zip(label_x).is_some_and(|(n, x)| {
            block[n].toks.iter().any(|t| {
                matches!(t.kind, Kind::Text | Kind::Code)
                    && (t.x0 - x).abs() <= 2.0
                    && (starts_item(&t.text) || is_total(&t.text))
            })
        });
        let join_dn = !join_up
            && !next_starts_item
            && (if ruled {
                !rule_dn && rule_up
            } else {
                close(dn_d) && (fills_cell(i) || label(i).is_none())
            });
        if join_up {
            if let Some(g) = groups.last_mut() {
                g.push(i);
            }
        } else if join_dn && next.is_some() {
            pending.push(i);
        } else {
            // A row of its own (flush lines waiting for a row below first).
            if !pending.is_empty() {
                groups.push(std::mem::take(&mut pending));
            }
            groups.push(vec![i]);
        }
    }
    if !pending.is_empty() {
        groups.push(pending);
    }
    groups
}
