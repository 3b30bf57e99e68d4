//! Predefined CMaps (code bytes -> CID) and the Adobe-GB1 CID -> Unicode table.

use crate::parse::{be, parse, utf16_first};
use std::sync::OnceLock;

/// One codespace range: `len` bytes, each byte within `lo[i]..=hi[i]`.
#[derive(Debug, Clone, Copy)]
struct Codespace {
    len: usize,
    lo: [u8; 4],
    hi: [u8; 4],
}

impl Codespace {
    fn matches(&self, bytes: &[u8]) -> bool {
        bytes.len() >= self.len
            && (0..self.len).all(|i| self.lo[i] <= bytes[i] && bytes[i] <= self.hi[i])
    }
}

/// A predefined CMap (code bytes -> CID).
#[derive(Debug)]
pub struct PredefinedCMap {
    name: &'static str,
    /// Own codespace ranges, or the `usecmap` parent's when the file has none.
    codespaces: Vec<Codespace>,
    /// Non-overlapping `(first code, last code, first CID)`, sorted by first code.
    ranges: Vec<(u32, u32, u32)>,
    /// CMap named by `usecmap`; consulted when a code is not in `ranges`.
    parent: Option<&'static PredefinedCMap>,
}

/// Shipped CMap files (Adobe-GB1 character collection), see `data/README.md`.
const FILES: &[(&str, &str)] = &[
    ("GB-EUC-H", include_str!("../data/GB-EUC-H")),
    ("GB-EUC-V", include_str!("../data/GB-EUC-V")),
    ("GBpc-EUC-H", include_str!("../data/GBpc-EUC-H")),
    ("GBpc-EUC-V", include_str!("../data/GBpc-EUC-V")),
    ("GBK-EUC-H", include_str!("../data/GBK-EUC-H")),
    ("GBK-EUC-V", include_str!("../data/GBK-EUC-V")),
    ("GBK2K-H", include_str!("../data/GBK2K-H")),
    ("GBK2K-V", include_str!("../data/GBK2K-V")),
    ("UniGB-UCS2-H", include_str!("../data/UniGB-UCS2-H")),
    ("UniGB-UCS2-V", include_str!("../data/UniGB-UCS2-V")),
    ("UniGB-UTF16-H", include_str!("../data/UniGB-UTF16-H")),
    ("UniGB-UTF16-V", include_str!("../data/UniGB-UTF16-V")),
    // Built in code, no file: two-byte identity (code == CID).
    ("Identity-H", ""),
    ("Identity-V", ""),
];

const N_FILES: usize = 14;
static LOADED: [OnceLock<PredefinedCMap>; N_FILES] = [const { OnceLock::new() }; N_FILES];

impl PredefinedCMap {
    /// The CMap for a PDF /Encoding name such as "GBK-EUC-H", "UniGB-UCS2-H"; None if not shipped.
    /// Names ending in -V may fall back to their -H twin. A leading '/' is ignored.
    /// "Identity-H"/"Identity-V" are also provided (two-byte codes, CID = code).
    pub fn by_name(name: &str) -> Option<&'static PredefinedCMap> {
        let name = name.strip_prefix('/').unwrap_or(name);
        if let Some(idx) = FILES.iter().position(|(n, _)| *n == name) {
            return Some(Self::load(idx));
        }
        let h_twin = format!("{}-H", name.strip_suffix("-V")?);
        let idx = FILES.iter().position(|(n, _)| *n == h_twin)?;
        Some(Self::load(idx))
    }

    /// Name of the CMap as shipped (e.g. "GBK-EUC-H").
    pub fn name(&self) -> &'static str {
        self.name
    }

    fn load(idx: usize) -> &'static PredefinedCMap {
        LOADED[idx].get_or_init(|| {
            let (name, src) = FILES[idx];
            if name.starts_with("Identity-") {
                return PredefinedCMap {
                    name,
                    codespaces: vec![Codespace {
                        len: 2,
                        lo: [0; 4],
                        hi: [0xFF, 0xFF, 0, 0],
                    }],
                    ranges: vec![(0, 0xFFFF, 0)],
                    parent: None,
                };
            }
            let p = parse(src);
            // The shipped files only `usecmap` their -H twin (never themselves),
            // so this recursion terminates; a self-reference is ignored.
            let parent = p
                .usecmap
                .as_deref()
                .filter(|n| *n != name)
                .and_then(|n| FILES.iter().position(|(f, _)| *f == n))
                .map(Self::load);
            let mut codespaces: Vec<Codespace> = p
                .codespaces
                .iter()
                .map(|(lo, hi)| {
                    let mut cs = Codespace {
                        len: lo.len(),
                        lo: [0; 4],
                        hi: [0; 4],
                    };
                    cs.lo[..lo.len()].copy_from_slice(lo);
                    cs.hi[..hi.len()].copy_from_slice(hi);
                    cs
                })
                .collect();
            if codespaces.is_empty() {
                if let Some(par) = parent {
                    codespaces = par.codespaces.clone();
                }
            }
            codespaces.sort_by_key(|c| c.len);
            PredefinedCMap {
                name,
                codespaces,
                ranges: normalize(p.cid_ranges),
                parent,
            }
        })
    }

    /// Split off the next character code from `bytes` (non-empty) using the CMap's codespace ranges:
    /// returns (code, number of bytes consumed >= 1). Must never panic on any input.
    ///
    /// Codes are matched per byte against the codespace ranges, shortest first.
    /// If nothing matches, the length of the codespace range whose leading bytes
    /// match best is used (else the shortest codespace length), clamped to the
    /// input length. For empty input the result is `(0, 0)`.
    pub fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        if bytes.is_empty() {
            return (0, 0);
        }
        if let Some(cs) = self.codespaces.iter().find(|cs| cs.matches(bytes)) {
            return (be(&bytes[..cs.len]), cs.len);
        }
        // No full match: pick the range with the longest matching prefix.
        let mut best: Option<(usize, usize)> = None; // (prefix matched, len)
        for cs in &self.codespaces {
            let prefix = (0..cs.len.min(bytes.len()))
                .take_while(|&i| cs.lo[i] <= bytes[i] && bytes[i] <= cs.hi[i])
                .count();
            if prefix > 0 && best.is_none_or(|(bp, _)| prefix > bp) {
                best = Some((prefix, cs.len));
            }
        }
        let len = best
            .map(|(_, l)| l)
            .or_else(|| self.codespaces.first().map(|c| c.len))
            .unwrap_or(1)
            .clamp(1, bytes.len());
        (be(&bytes[..len]), len)
    }

    /// CID for a code (cidrange/cidchar), None if unmapped.
    pub fn cid(&self, code: u32) -> Option<u32> {
        lookup(&self.ranges, code).or_else(|| self.parent.and_then(|p| p.cid(code)))
    }

    /// Convenience: decode a whole string of code bytes to CIDs (unmapped codes are skipped).
    pub fn cids(&self, mut bytes: &[u8]) -> Vec<u32> {
        let mut out = Vec::with_capacity(bytes.len() / 2 + 1);
        while !bytes.is_empty() {
            let (code, n) = self.next_code(bytes);
            out.extend(self.cid(code));
            bytes = &bytes[n.max(1).min(bytes.len())..];
        }
        out
    }
}

/// Sort ranges and drop the parts of later ranges that overlap earlier ones
/// (the range starting first wins), so binary search is exact.
fn normalize(mut ranges: Vec<(u32, u32, u32)>) -> Vec<(u32, u32, u32)> {
    ranges.sort_by_key(|r| r.0);
    let mut out: Vec<(u32, u32, u32)> = Vec::with_capacity(ranges.len());
    for (mut lo, hi, mut cid) in ranges {
        if let Some(&(_, last_hi, _)) = out.last() {
            if hi <= last_hi {
                continue;
            }
            if lo <= last_hi {
                cid = cid.saturating_add(last_hi + 1 - lo);
                lo = last_hi + 1;
            }
        }
        out.push((lo, hi, cid));
    }
    out
}

fn lookup(ranges: &[(u32, u32, u32)], code: u32) -> Option<u32> {
    let idx = ranges.partition_point(|r| r.0 <= code).checked_sub(1)?;
    let (lo, hi, cid) = ranges[idx];
    (code <= hi).then(|| cid.checked_add(code - lo)).flatten()
}

/// Adobe-GB1 CID -> Unicode scalar (0 = unmapped), indexed by CID.
fn gb1_table() -> &'static [u32] {
    static TABLE: OnceLock<Vec<u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let p = parse(include_str!("../data/Adobe-GB1-UCS2"));
        let max = p
            .bf_ranges
            .iter()
            .map(|r| r.1)
            .max()
            .unwrap_or(0)
            .min(100_000);
        let mut t = vec![0u32; max as usize + 1];
        for (lo, hi, dst) in &p.bf_ranges {
            let Some(first) = utf16_first(dst) else {
                continue;
            };
            for cid in *lo..=(*hi).min(max) {
                let u = u32::from(first) + (cid - lo);
                if char::from_u32(u).is_some() && u != 0xFFFD {
                    t[cid as usize] = u;
                }
            }
        }
        t
    })
}

/// Unicode text for an Adobe-GB1 CID (from Adobe's Adobe-GB1-UCS2 CMap); None if unmapped.
///
/// Where Adobe maps a CID to a base character plus a variation selector, the base
/// character is returned.
pub fn gb1_cid_to_unicode(cid: u32) -> Option<char> {
    let u = *gb1_table().get(usize::try_from(cid).ok()?)?;
    if u == 0 {
        None
    } else {
        char::from_u32(u)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(cmap: &PredefinedCMap, bytes: &[u8]) -> String {
        cmap.cids(bytes)
            .into_iter()
            .filter_map(gb1_cid_to_unicode)
            .collect()
    }

    #[test]
    fn all_shipped_cmaps_load_with_codespaces_and_ranges() {
        for (name, _) in FILES {
            let c = PredefinedCMap::by_name(name).expect(name);
            assert_eq!(c.name(), *name);
            assert!(!c.codespaces.is_empty(), "{name}: no codespace");
            assert!(!c.ranges.is_empty(), "{name}: no ranges");
            assert!(
                c.ranges.windows(2).all(|w| w[0].1 < w[1].0),
                "{name}: overlap"
            );
        }
        assert_eq!(FILES.len(), N_FILES);
    }

    #[test]
    fn by_name_variants() {
        assert!(PredefinedCMap::by_name("/GBK-EUC-H").is_some());
        assert!(PredefinedCMap::by_name("Adobe-Japan1-H").is_none());
        assert!(PredefinedCMap::by_name("").is_none());
        assert!(PredefinedCMap::by_name("-V").is_none());
        // Every shipped -H has its -V shipped too; a -V resolves to itself and
        // reaches its -H through usecmap.
        let v = PredefinedCMap::by_name("GBK-EUC-V").unwrap();
        assert_eq!(v.name(), "GBK-EUC-V");
        assert_eq!(v.parent.map(|p| p.name()), Some("GBK-EUC-H"));
        // Same static instance on repeated calls.
        assert!(std::ptr::eq(
            v,
            PredefinedCMap::by_name("GBK-EUC-V").unwrap()
        ));
    }

    #[test]
    fn gbk_euc_h_decodes_chinese_and_ascii() {
        let c = PredefinedCMap::by_name("GBK-EUC-H").unwrap();
        assert_eq!(c.next_code(&[0xD6, 0xD0, 0x31]), (0xD6D0, 2));
        assert_eq!(c.next_code(&[0x31, 0xD6, 0xD0]), (0x31, 1));
        let cid = c.cid(0xD6D0).unwrap();
        assert_eq!(gb1_cid_to_unicode(cid), Some('中'));
        assert_eq!(gb1_cid_to_unicode(c.cid(0x31).unwrap()), Some('1'));
        // "2023年预算" in GBK
        let gbk = [0x32, 0x30, 0x32, 0x33, 0xC4, 0xEA, 0xD4, 0xA4, 0xCB, 0xE3];
        assert_eq!(text(c, &gbk), "2023年预算");
        // A GBK-only (non-GB2312) character: 0x8140 = 丂
        assert_eq!(text(c, &[0x81, 0x40]), "丂");
    }

    #[test]
    fn gb_euc_and_gbpc_decode_gb2312() {
        for name in ["GB-EUC-H", "GBpc-EUC-H", "GBK2K-H", "GB-EUC-V", "GBK-EUC-V"] {
            let c = PredefinedCMap::by_name(name).unwrap();
            // "中国" = D6D0 B9FA
            assert_eq!(text(c, &[0xD6, 0xD0, 0xB9, 0xFA]), "中国", "{name}");
        }
    }

    #[test]
    fn gbk2k_four_byte_codes() {
        let c = PredefinedCMap::by_name("GBK2K-H").unwrap();
        // GB18030 0x81308130 (four-byte codespace) is consumed as one code.
        assert_eq!(c.next_code(&[0x81, 0x30, 0x81, 0x30]), (0x8130_8130, 4));
        // 0x81308436 is mapped by a cidchar in the file.
        assert!(c.cid(0x8130_8436).is_some());
    }

    #[test]
    fn vertical_overrides_horizontal() {
        let h = PredefinedCMap::by_name("GBK-EUC-H").unwrap();
        let v = PredefinedCMap::by_name("GBK-EUC-V").unwrap();
        // Ideographic comma 0xA1A2 has a vertical form with a different CID.
        assert_ne!(h.cid(0xA1A2), v.cid(0xA1A2));
        assert_eq!(h.cid(0xD6D0), v.cid(0xD6D0));
    }

    #[test]
    fn unicode_cmaps() {
        let c = PredefinedCMap::by_name("UniGB-UCS2-H").unwrap();
        assert_eq!(c.next_code(&[0x4E, 0x2D]), (0x4E2D, 2));
        assert_eq!(gb1_cid_to_unicode(c.cid(0x4E2D).unwrap()), Some('中'));
        assert_eq!(text(c, &[0, 0x31, 0x4E, 0x2D]), "1中");
        let u = PredefinedCMap::by_name("UniGB-UTF16-H").unwrap();
        assert_eq!(text(u, &[0x4E, 0x2D, 0x56, 0xFD]), "中国");
        // Surrogate pair U+20087 is one 4-byte code.
        assert_eq!(u.next_code(&[0xD8, 0x40, 0xDC, 0x87]), (0xD840_DC87, 4));
        assert_eq!(
            u.cid(0xD840_DC87).and_then(gb1_cid_to_unicode),
            Some('\u{20087}')
        );
    }

    #[test]
    fn identity() {
        let c = PredefinedCMap::by_name("Identity-H").unwrap();
        assert_eq!(c.next_code(&[0x12, 0x34, 0x56]), (0x1234, 2));
        assert_eq!(c.cid(0x1234), Some(0x1234));
        assert_eq!(c.next_code(&[0x12]), (0x12, 1));
    }

    #[test]
    fn next_code_truncated_and_invalid() {
        let c = PredefinedCMap::by_name("GBK-EUC-H").unwrap();
        assert_eq!(c.next_code(&[0xD6]), (0xD6, 1)); // truncated
        assert_eq!(c.next_code(&[0x81, 0x20]), (0x8120, 2)); // lead byte of a 2-byte range
        assert_eq!(c.next_code(&[0xFF, 0x20]), (0xFF, 1)); // matches no range: shortest length
        assert_eq!(c.next_code(&[]), (0, 0));
        let u = PredefinedCMap::by_name("UniGB-UCS2-H").unwrap();
        assert_eq!(u.next_code(&[0xD8, 0x00, 0x41]), (0xD800, 2)); // lone surrogate: stay aligned
        assert_eq!(u.next_code(&[0x41]), (0x41, 1));
    }

    #[test]
    fn next_code_never_panics_on_random_bytes() {
        // xorshift64*, deterministic
        let mut s: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut rnd = || {
            s ^= s >> 12;
            s ^= s << 25;
            s ^= s >> 27;
            s.wrapping_mul(0x2545_F491_4F6C_DD1D)
        };
        let cmaps: Vec<_> = FILES
            .iter()
            .filter_map(|(n, _)| PredefinedCMap::by_name(n))
            .collect();
        for _ in 0..2000 {
            let len = (rnd() % 9) as usize + 1;
            let bytes: Vec<u8> = (0..len).map(|_| rnd() as u8).collect();
            for c in &cmaps {
                let (code, n) = c.next_code(&bytes);
                assert!(n >= 1 && n <= bytes.len(), "{}: {bytes:?} -> {n}", c.name());
                assert_eq!(code, be(&bytes[..n]));
                let _ = c.cid(code);
                let _ = c.cids(&bytes);
            }
        }
    }

    #[test]
    fn gb1_table_basics() {
        assert_eq!(gb1_cid_to_unicode(0), None);
        assert_eq!(gb1_cid_to_unicode(1), Some(' '));
        assert_eq!(gb1_cid_to_unicode(814 + 0x10), Some('1')); // <21>..<7e> -> 814..
        assert_eq!(gb1_cid_to_unicode(u32::MAX), None);
        let mapped = (0..40_000)
            .filter(|&c| gb1_cid_to_unicode(c).is_some())
            .count();
        assert!(mapped > 29_000, "only {mapped} CIDs mapped");
    }

    #[test]
    fn normalize_and_lookup() {
        let r = normalize(vec![(10, 20, 100), (0, 5, 0), (15, 25, 500), (12, 13, 900)]);
        assert_eq!(r, vec![(0, 5, 0), (10, 20, 100), (21, 25, 506)]);
        assert_eq!(lookup(&r, 7), None);
        assert_eq!(lookup(&r, 22), Some(507));
        assert_eq!(lookup(&r, 26), None);
        assert_eq!(lookup(&[], 1), None);
    }
}
