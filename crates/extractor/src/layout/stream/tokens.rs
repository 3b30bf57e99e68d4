//! The free text of a page as lines of tokens: glyphs grouped into lines (keeping their
//! indices), each line cut into pieces at wide gaps, each piece typed (text, code, amount,
//! dash); and what a whole line is (prose, a caption, a page footer, a row of column numbers).

use crate::layout::lines::{bands_of, cell_text};
use crate::layout::params::{
    CODE_GAP_EM, COLUMN_GAP_EM, FOOTER_CHARS, MAX_CELL_WORD_CHARS, MAX_CODE_PIECES,
    MAX_CODE_PIECE_DIGITS, MIN_CELL_RUN, MIN_TITLE_CHARS, NUMBER_SPLIT_EM, PROSE_AMOUNT_CHARS,
    PROSE_CHARS, PROSE_PUNCT_CHARS, WRAP_GAP_EM,
};
use crate::lexicon::{
    amount_unit_of, fold_spaces, is_amount, is_code_digits, is_column_number_label, is_dash,
    is_plain_digits, is_title_text, names_unit, table_no_prefix,
};
use crate::page::{Glyph, Page};

/// A piece of a line between wide gaps.
#[derive(Debug, Clone)]
pub(super) struct Tok {
    pub x0: f32,
    pub x1: f32,
    pub text: String,
    pub glyphs: Vec<usize>,
    pub kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Kind {
    Text,
    /// Digits before the label ("201  03  01  行政运行").
    Code,
    Amount,
    /// "-", "—": an empty amount cell.
    Dash,
}

#[derive(Debug, Clone)]
pub(super) struct SLine {
    pub y0: f32,
    pub y1: f32,
    pub size: f32,
    pub text: String,
    pub toks: Vec<Tok>,
    /// Text pieces split at any visible gap: header cells whose texts nearly touch.
    pub fine: Vec<Tok>,
    pub glyphs: Vec<usize>,
}

impl SLine {
    pub fn cy(&self) -> f32 {
        (self.y0 + self.y1) * 0.5
    }
    pub fn amounts(&self) -> usize {
        self.toks.iter().filter(|t| t.kind == Kind::Amount).count()
    }
    /// Amounts or dashes (an empty amount cell printed as "-"): the line is a row of values.
    pub fn values(&self) -> usize {
        self.toks
            .iter()
            .filter(|t| matches!(t.kind, Kind::Amount | Kind::Dash))
            .count()
    }
}

/// Groups the free glyphs into lines (as `lines::group_lines` does), keeping glyph indices.
pub(super) fn build_lines(page: &Page, used: &[bool]) -> Vec<SLine> {
    let free: Vec<usize> = (0..page.glyphs.len())
        .filter(|&i| !used.get(i).copied().unwrap_or(false))
        .collect();
    let gl = &page.glyphs;
    let bands = bands_of(free, |i| &gl[i]);
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
    let chunks = chunks_of(gl, &ids);
    if chunks.is_empty() {
        return None;
    }
    let mut toks = Vec::new();
    let mut fine = Vec::new();
    for c in chunks {
        split_chunk(gl, &c, &mut toks, &mut fine);
    }
    set_kinds(&mut toks);
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

/// The glyphs of a line (sorted by x) cut at gaps of 1.5 font sizes, as in `lines`; spaces
/// dropped.
fn chunks_of(gl: &[Glyph], ids: &[usize]) -> Vec<Vec<usize>> {
    let mut chunks: Vec<Vec<usize>> = Vec::new();
    let mut prev: Option<usize> = None;
    for &i in ids {
        let g = &gl[i];
        if g.ch.is_whitespace() {
            continue;
        }
        match (prev, chunks.last_mut()) {
            (Some(p), Some(c))
                if g.x0 - gl[p].x1 < COLUMN_GAP_EM * gl[p].size.max(g.size).max(1.0) =>
            {
                c.push(i)
            }
            _ => chunks.push(vec![i]),
        }
        if prev.is_none_or(|p| g.x1 >= gl[p].x1) {
            prev = Some(i);
        }
    }
    chunks
}

/// A token of the glyphs `ids` (its kind set later).
fn token(gl: &[Glyph], ids: Vec<usize>, text: String) -> Tok {
    let x0 = ids.iter().map(|&i| gl[i].x0).fold(f32::MAX, f32::min);
    let x1 = ids.iter().map(|&i| gl[i].x1).fold(f32::MIN, f32::max);
    Tok {
        x0,
        x1,
        text,
        glyphs: ids,
        kind: Kind::Text,
    }
}

fn text_of(gl: &[Glyph], ids: &[usize]) -> String {
    let refs: Vec<&Glyph> = ids.iter().map(|&i| &gl[i]).collect();
    cell_text(&refs)
}

/// Cuts a chunk into pieces at any visible gap (`fine`, for header cells whose texts nearly
/// touch) and into tokens: pieces stay apart around an amount ("600.49 201 一般公共服务支出":
/// two cells whose borders touch) or a number then a wide gap; otherwise the chunk stays whole.
fn split_chunk(gl: &[Glyph], c: &[usize], toks: &mut Vec<Tok>, fine: &mut Vec<Tok>) {
    // Split at narrower (space) gaps when every piece is a number: "1,234.56 7,890.12".
    let mut pieces: Vec<Vec<usize>> = vec![Vec::new()];
    for (k, &i) in c.iter().enumerate() {
        if k > 0 {
            let p = &gl[c[k - 1]];
            let g = &gl[i];
            if g.x0 - p.x1 > NUMBER_SPLIT_EM * p.size.max(g.size).max(1.0) {
                pieces.push(Vec::new());
            }
        }
        if let Some(last) = pieces.last_mut() {
            last.push(i);
        }
    }
    let texts: Vec<String> = pieces.iter().map(|p| text_of(gl, p)).collect();
    for (p, t) in pieces.iter().zip(&texts) {
        fine.push(token(gl, p.clone(), t.clone()));
    }
    let numeric = |k: usize| is_amount(&texts[k]) || is_dash(&texts[k]);
    let strong = |k: usize| numeric(k) && texts[k].contains(['.', ',']);
    let plain = |k: usize| is_code_digits(&texts[k]);
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
                || (plain(k - 1) && gaps[k] >= CODE_GAP_EM));
        match groups.last_mut() {
            Some(g) if !apart => g.extend(p),
            _ => groups.push(p),
        }
    }
    for gids in groups {
        let text = text_of(gl, &gids);
        toks.push(token(gl, gids, text));
    }
}

/// Kinds: dashes, amounts, text; plain numbers before the first text token are codes.
fn set_kinds(toks: &mut [Tok]) {
    let first_text = toks
        .iter()
        .position(|t| !is_amount(&t.text) && !is_dash(&t.text));
    // A line of nothing but a few short numbers: the wrapped parts of codes in narrow
    // columns (`20` over `1` for 201), not a row of amounts.
    let code_pieces = toks.len() <= MAX_CODE_PIECES
        && toks
            .iter()
            .all(|t| is_plain_digits(&t.text) && t.text.len() <= MAX_CODE_PIECE_DIGITS);
    for (k, t) in toks.iter_mut().enumerate() {
        t.kind = if is_dash(&t.text) {
            Kind::Dash
        } else if is_amount(&t.text) {
            if code_pieces || first_text.is_some_and(|f| k < f) && is_code_digits(&t.text) {
                Kind::Code
            } else {
                Kind::Amount
            }
        } else {
            Kind::Text
        };
    }
}

/// Prose: a long piece of text with sentence punctuation or amounts in 万元 inside it.
pub(super) fn is_prose(l: &SLine) -> bool {
    l.toks.iter().any(|t| {
        let n = t.text.chars().count();
        (n >= PROSE_PUNCT_CHARS && t.text.contains(['，', '。', '；']))
            || (n >= PROSE_AMOUNT_CHARS
                && t.text.contains("万元")
                && t.text.chars().any(|c| c.is_ascii_digit()))
            || (n >= PROSE_CHARS && !is_run_of_cells(&t.text))
    })
}

/// Short Chinese words set apart by spaces (header cells that nearly touch: `项目支出 工资福利
/// 商品和服 对个人和 …`): a row of cells, not a sentence, however long.
fn is_run_of_cells(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    words.len() >= MIN_CELL_RUN
        && words.iter().all(|w| {
            let n = w.chars().count();
            (2..=MAX_CELL_WORD_CHARS).contains(&n) && !w.is_ascii()
        })
}

fn is_footer(l: &SLine) -> bool {
    let c = fold_spaces(&l.text);
    !c.is_empty()
        && c.chars().count() <= FOOTER_CHARS
        && c.chars().any(|ch| ch.is_ascii_digit())
        && c.chars()
            .all(|ch| ch.is_ascii_digit() || "第页共-—－/ 、".contains(ch))
        && l.toks.len() < 3
}

/// Caption lines: table number, title, unit, 编制单位 (read as tables.rs reads captions).
pub(super) fn is_caption(l: &SLine) -> bool {
    let c = fold_spaces(&l.text);
    if names_unit(&c) {
        return true;
    }
    if amount_unit_of(&c).is_some()
        || c.starts_with("续表")
        || c.starts_with("（续")
        || c.starts_with("(续")
    {
        return true;
    }
    l.toks.len() <= 2
        && ((is_title_text(&c) && c.chars().count() >= MIN_TITLE_CHARS)
            || table_no_prefix(&c).is_some())
}

/// Which lines of the page (top to bottom) cut it into blocks: prose, captions and page
/// footers. A line of bare digits is a page number only among the page's first or last lines
/// (nothing but footers above or below it); between lines of a table it is the wrapped part
/// of a code in a narrow column (`20` over `1` for 201).
pub(super) fn breaks(lines: &[SLine]) -> Vec<bool> {
    let footer: Vec<bool> = lines.iter().map(is_footer).collect();
    let first_other = footer.iter().position(|f| !f).unwrap_or(lines.len());
    let last_other = footer.iter().rposition(|f| !f);
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let bare_digits = fold_spaces(&l.text).chars().all(|c| c.is_ascii_digit());
            let at_edge = i < first_other || last_other.is_none_or(|k| i > k);
            // Digits set as close to the line above or below as the lines of one cell are the
            // last (first) piece of a code wrapped one digit a line, not a page number, which
            // stands apart in the margin.
            let size = l.size.max(1.0);
            let touches = (i > 0 && l.y0 - lines[i - 1].y1 < WRAP_GAP_EM * size)
                || lines
                    .get(i + 1)
                    .is_some_and(|n| n.y0 - l.y1 < WRAP_GAP_EM * size);
            let page_number = at_edge && !touches;
            is_prose(l) || is_caption(l) || (footer[i] && (!bare_digits || page_number))
        })
        .collect()
}

/// A row of column numbers (1 2 3 …) under the header.
pub(super) fn is_index_row(l: &SLine) -> bool {
    let mut nums = Vec::new();
    for t in &l.toks {
        let c = fold_spaces(&t.text);
        if is_column_number_label(&c) {
            continue;
        }
        match c.parse::<u32>() {
            Ok(n) => nums.push(n),
            Err(_) => return false,
        }
    }
    nums.len() >= 3 && nums.windows(2).all(|w| w[1] == w[0] + 1)
}
