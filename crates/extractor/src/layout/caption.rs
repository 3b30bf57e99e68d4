//! A table's caption: the number, title, unit and 编制单位 printed above it (or drawn inside
//! its frame as leading rows), and whether it says 续表.

use super::cells::Filled;
use super::lines::Line;
use super::params::{
    AROUND_SLACK, MAX_AFTER_UNIT_KEY_CHARS, MAX_CAPTION_ROWS, MAX_CAPTION_TEXTS,
    MIN_CAPTION_GRID_COLUMNS, MIN_INNER_TITLE_CHARS, ORG_NAME_CHARS, SAME_SIZE_SHARE,
    TITLE_HEAD_MIN_CHARS, TITLE_TAIL_MAX_CHARS, WRAP_MAX_EM,
};
use crate::lexicon::{
    amount_unit_of, fold_spaces, is_amount, is_continued_marker, is_title_text, names_unit,
    table_no_prefix, UNIT_NAME_KEYS,
};

/// The caption block above a table: number, title, 编制单位 and unit.
pub(super) struct Caption {
    pub table_no: String,
    pub title: String,
    pub unit_name: String,
    pub amount_unit: String,
    pub continued: bool,
}

/// Leading grid rows that are really the caption (title, 预算单位, 单位：万元) drawn inside the
/// table frame: rows with at most three texts, each a caption line or spanning half the width.
pub(super) fn caption_rows(f: &Filled) -> Vec<String> {
    let g = &f.grid;
    let mut lines = Vec::new();
    for r in 0..g.rows().saturating_sub(2).min(MAX_CAPTION_ROWS) {
        let mut texts = Vec::new();
        let mut ok = true;
        // Wide texts that are not caption lines: a title. Two of them side by side are
        // header cells (收入 | 支出, 2025年预算数 | 2026年预算数), not a caption.
        let mut plain_wide = 0;
        for (_, reg, t) in f.row_cells(r) {
            let t = t.trim();
            if t.is_empty() {
                continue;
            }
            let wide =
                (reg.c1 - reg.c0 + 1) * 2 >= g.cols() && g.cols() >= MIN_CAPTION_GRID_COLUMNS;
            let compact = fold_spaces(t);
            let caption_like = amount_unit_of(t).is_some()
                || names_unit(&compact)
                || compact.contains("部门：")
                || compact.contains("部门:")
                || (is_title_text(t)
                    && table_no_prefix(t).is_none()
                    && compact.chars().count() >= MIN_INNER_TITLE_CHARS);
            if !(wide && !is_amount(t) || caption_like) || reg.r1 != r {
                ok = false;
                break;
            }
            if !caption_like {
                plain_wide += 1;
                if plain_wide > 1 {
                    ok = false;
                    break;
                }
            }
            texts.push(t.to_string());
        }
        if !ok || texts.is_empty() || texts.len() > MAX_CAPTION_TEXTS {
            break;
        }
        lines.push(texts.join(" "));
    }
    lines
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
    ORG_NAME_CHARS.contains(&n) && ENDS.iter().any(|e| name.ends_with(e))
}

/// Reads the caption from the lines above a table (top to bottom), nearest lines first.
pub(super) fn read_caption(lines: &[&Line]) -> Caption {
    let mut cap = Caption {
        table_no: String::new(),
        title: String::new(),
        unit_name: String::new(),
        amount_unit: String::new(),
        continued: false,
    };
    // Nearest lines first: the block right above the table.
    for (i, l) in lines.iter().enumerate().rev() {
        let text = l.text.trim();
        let compact = fold_spaces(text);
        if is_continued_marker(&compact) {
            cap.continued = true;
        }
        if cap.amount_unit.is_empty() {
            if let Some(u) = amount_unit_of(text) {
                cap.amount_unit = u.to_string();
            }
        }
        if cap.unit_name.is_empty() {
            if let Some(name) = unit_name_of(&compact) {
                cap.unit_name = name;
            }
        }
        let mut body = text.to_string();
        if let Some((no, rest)) = table_no_prefix(text) {
            if cap.table_no.is_empty() {
                cap.table_no = no;
            }
            body = rest;
        }
        // A line saying only 续表 (（续表）) marks a continuation: it is no title.
        let bare_marker = is_continued_marker(&compact) && compact.chars().count() <= 4;
        if cap.title.is_empty()
            && is_title_text(&body)
            && !bare_marker
            && !compact.contains("编制单位")
            && !compact.contains("单位：")
        {
            cap.title = fold_spaces(&body);
            if let Some((no, head)) = i.checked_sub(1).and_then(|h| wrapped_head(lines[h], l)) {
                cap.title = format!("{head}{}", cap.title);
                if cap.table_no.is_empty() {
                    cap.table_no = no;
                }
            }
        }
        if !cap.title.is_empty() && !cap.table_no.is_empty() {
            break;
        }
    }
    cap
}

/// Words of a table's title (a unit's name or a date line has none of them).
const TITLE_WORDS: [&str; 8] = [
    "预算", "决算", "收入", "支出", "收支", "经费", "情况", "绩效",
];

/// When `tail`, a short title line (算表), ends a title wrapped from the line `head` right
/// above it: that line's table number (or "") and text, spaces folded. The head is no title,
/// unit, 编制单位 or prose line by itself, has title words, filled its line and is set in
/// the same size close above.
fn wrapped_head(head: &Line, tail: &Line) -> Option<(String, String)> {
    let tail_text = fold_spaces(&tail.text);
    if tail_text.chars().count() > TITLE_TAIL_MAX_CHARS || table_no_prefix(&tail_text).is_some() {
        return None;
    }
    let (no, body) = table_no_prefix(head.text.trim()).unwrap_or_default();
    let body = if no.is_empty() {
        fold_spaces(&head.text)
    } else {
        fold_spaces(&body)
    };
    let caption_line = is_title_text(&body)
        || names_unit(&body)
        || amount_unit_of(&body).is_some()
        || is_continued_marker(&body)
        || looks_like_org(&body);
    let prose = body.contains(['。', '，', '；', '：', ':']);
    let size = head.size.max(tail.size);
    // Below it on the same page (a title does not wrap over a page break).
    let gap = tail.y0 - head.y1;
    let close = (-AROUND_SLACK..=(WRAP_MAX_EM - 1.0) * size).contains(&gap)
        && (head.size - tail.size).abs() <= SAME_SIZE_SHARE * size;
    let joined = format!("{body}{tail_text}");
    (!caption_line
        && !prose
        && close
        && body.chars().count() >= TITLE_HEAD_MIN_CHARS
        && TITLE_WORDS.iter().any(|w| body.contains(w))
        && is_title_text(&joined))
    .then_some((no, body))
}

/// The unit named after the first key of [`UNIT_NAME_KEYS`] that the line (spaces folded)
/// holds as a caption, when the name looks like an organisation's.
fn unit_name_of(compact: &str) -> Option<String> {
    for key in UNIT_NAME_KEYS {
        let Some(pos) = compact.find(key) else {
            continue;
        };
        // Bare "部门：" / "单位：" name the unit only at the start of a line.
        if key.ends_with([':', '：']) && pos != 0 {
            continue;
        }
        // A caption says "编制单位：…"; prose ("从预算单位构成看，…") is no caption.
        let after_key = &compact[pos + key.len()..];
        if after_key.contains(['，', '。']) || after_key.chars().count() > MAX_AFTER_UNIT_KEY_CHARS
        {
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
        return looks_like_org(&name).then_some(name);
    }
    None
}
