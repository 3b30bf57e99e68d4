//! Small geometry shared by the rule-less table finder: overlaps, clusters of edges, medians,
//! and the page's horizontal rules.

use crate::layout::params::{MIN_RULE_LEN, RULE_PRESENT_SHARE};
use crate::page::Page;

/// A token of a block: its line in the block and its place in that line's tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TokId {
    pub line: usize,
    pub tok: usize,
}

/// Length of the overlap of [a0, a1] and [b0, b1] (0 when apart).
pub(super) fn overlap(a0: f32, a1: f32, b0: f32, b1: f32) -> f32 {
    (a1.min(b1) - a0.max(b0)).max(0.0)
}

/// Positions clustered left to right: a position joins the cluster when it lies within `tol`
/// of the cluster's last position.
pub(super) fn cluster<T>(mut v: Vec<(f32, T)>, tol: f32) -> Vec<Vec<(f32, T)>> {
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<Vec<(f32, T)>> = Vec::new();
    for p in v {
        match out.last_mut() {
            Some(c) if p.0 - c[c.len() - 1].0 <= tol => c.push(p),
            _ => out.push(vec![p]),
        }
    }
    out
}

/// How many lines a cluster of tokens spans.
pub(super) fn distinct_lines(c: &[(f32, TokId)]) -> usize {
    let mut ls: Vec<usize> = c.iter().map(|p| p.1.line).collect();
    ls.sort_unstable();
    ls.dedup();
    ls.len()
}

pub(super) fn median(mut v: Vec<f32>) -> Option<f32> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f32::total_cmp);
    Some(v[v.len() / 2])
}

/// A horizontal rule of the page.
#[derive(Debug, Clone, Copy)]
pub(super) struct HRule {
    pub y: f32,
    pub x0: f32,
    pub x1: f32,
}

/// Horizontal rules of the page, top to bottom.
pub(super) fn h_rules(page: &Page) -> Vec<HRule> {
    let mut v: Vec<HRule> = page
        .rules
        .iter()
        .filter(|r| r.is_horizontal() && r.x1 - r.x0 >= MIN_RULE_LEN)
        .map(|r| HRule {
            y: (r.y0 + r.y1) * 0.5,
            x0: r.x0.min(r.x1),
            x1: r.x0.max(r.x1),
        })
        .collect();
    v.sort_by(|a, b| a.y.total_cmp(&b.y));
    v
}

/// Whether a horizontal rule lies strictly between `ya` and `yb` covering half of [x0, x1].
pub(super) fn rule_between(rules: &[HRule], ya: f32, yb: f32, x0: f32, x1: f32) -> bool {
    let start = rules.partition_point(|r| r.y <= ya);
    let w = (x1 - x0).max(1.0);
    rules[start..]
        .iter()
        .take_while(|r| r.y < yb)
        .any(|r| overlap(r.x0, r.x1, x0, x1) >= RULE_PRESENT_SHARE * w)
}
