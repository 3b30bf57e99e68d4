//! Glyph id -> Unicode from an embedded font program's own `cmap` table.

use std::collections::HashMap;
use ttf_parser::{cmap, RawFace, Tag};

/// Reverse-map an embedded font program (TrueType/OpenType bytes of /FontFile2 or /FontFile3 OpenType)
/// from glyph id to Unicode using its own `cmap` table (ttf-parser). Empty map if the font cannot be parsed.
///
/// Only Unicode subtables (platform 0, and Windows 3/1, 3/10) are used; symbolic
/// (3,0) and Mac Roman subtables are ignored. Subsetted PDF fonts often lack
/// tables such as `hhea` or `name`, so only the table directory and `cmap` are read.
/// When several code points share a glyph, the smallest code point wins
/// (so 'A' is preferred over a Greek Alpha drawn with the same glyph).
pub fn glyph_to_unicode(font_program: &[u8]) -> HashMap<u16, char> {
    let mut map: HashMap<u16, char> = HashMap::new();
    let Ok(face) = RawFace::parse(font_program, 0) else {
        return map;
    };
    let Some(data) = face.table(Tag::from_bytes(b"cmap")) else {
        return map;
    };
    let Some(table) = cmap::Table::parse(data) else {
        return map;
    };
    for (index, sub) in table.subtables.into_iter().enumerate() {
        if !sub.is_unicode() {
            continue;
        }
        // `Subtable::codepoints` walks the ranges the font claims, which a broken
        // font can make enormous, so the code points probed are bounded here:
        // BMP formats probe U+0000..=U+FFFF, formats 12/13 their own groups
        // (clamped to Unicode, at most 0x110000 probes in all).
        let mut add = |cp: u32| {
            let Some(gid) = sub.glyph_index(cp) else {
                return;
            };
            let Some(ch) = char::from_u32(cp) else { return };
            if gid.0 == 0 {
                return; // .notdef
            }
            map.entry(gid.0)
                .and_modify(|c| {
                    if ch < *c {
                        *c = ch;
                    }
                })
                .or_insert(ch);
        };
        match sub.format {
            cmap::Format::UnicodeVariationSequences(_) | cmap::Format::MixedCoverage => {}
            cmap::Format::SegmentedCoverage(_) | cmap::Format::ManyToOneRangeMappings(_) => {
                let mut budget: u32 = 0x11_0000;
                for (start, end) in groups_12_13(data, index) {
                    let end = end.min(0x10_FFFF);
                    if start > end {
                        continue;
                    }
                    let n = (end - start + 1).min(budget);
                    budget -= n;
                    (start..start + n).for_each(&mut add);
                    if budget == 0 {
                        break;
                    }
                }
            }
            cmap::Format::TrimmedArray(_) => (0..=0x10_FFFF).for_each(&mut add),
            _ => (0..=0xFFFF).for_each(&mut add),
        }
    }
    map
}

fn be_u16(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(
        d.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn be_u32(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(
        d.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// (start, end) code point ranges of the format 12/13 subtable of encoding record
/// `index` in the raw `cmap` table `data` (empty if malformed).
fn groups_12_13(data: &[u8], index: usize) -> Vec<(u32, u32)> {
    let read = || -> Option<Vec<(u32, u32)>> {
        let offset = be_u32(data, 4 + 8 * index + 4)? as usize;
        let format = be_u16(data, offset)?;
        if format != 12 && format != 13 {
            return None;
        }
        let count = be_u32(data, offset.checked_add(12)?)? as usize;
        let mut out = Vec::new();
        for g in 0..count.min(data.len() / 12) {
            let at = offset.checked_add(16)?.checked_add(12 * g)?;
            out.push((be_u32(data, at)?, be_u32(data, at + 4)?));
        }
        Some(out)
    };
    read().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_gives_empty_map() {
        assert!(glyph_to_unicode(&[]).is_empty());
        assert!(glyph_to_unicode(b"not a font at all").is_empty());
        // A TrueType header claiming tables that are not there.
        let mut fake = vec![0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        fake.extend_from_slice(b"cmap\0\0\0\0\0\0\xff\xff\0\0\xff\xff");
        assert!(glyph_to_unicode(&fake).is_empty());
        // Random bytes behind a valid-looking header must not panic.
        let mut s: u32 = 12345;
        for _ in 0..200 {
            let mut buf = fake.clone();
            for _ in 0..64 {
                s = s.wrapping_mul(1_103_515_245).wrapping_add(12345);
                buf.push((s >> 16) as u8);
            }
            let _ = glyph_to_unicode(&buf);
        }
    }

    /// A minimal sfnt holding only a `cmap` table with one (3,10) format 12 subtable.
    fn font_with_format12(groups: &[(u32, u32, u32)]) -> Vec<u8> {
        let mut sub = Vec::new();
        sub.extend_from_slice(&12u16.to_be_bytes());
        sub.extend_from_slice(&0u16.to_be_bytes());
        sub.extend_from_slice(&(16 + 12 * groups.len() as u32).to_be_bytes());
        sub.extend_from_slice(&0u32.to_be_bytes());
        sub.extend_from_slice(&(groups.len() as u32).to_be_bytes());
        for (a, b, g) in groups {
            for v in [a, b, g] {
                sub.extend_from_slice(&v.to_be_bytes());
            }
        }
        let mut cmap = vec![0, 0, 0, 1, 0, 3, 0, 10, 0, 0, 0, 12];
        cmap.extend_from_slice(&sub);
        let mut font = vec![0, 1, 0, 0, 0, 1, 0, 16, 0, 0, 0, 0];
        font.extend_from_slice(b"cmap");
        font.extend_from_slice(&0u32.to_be_bytes());
        font.extend_from_slice(&28u32.to_be_bytes());
        font.extend_from_slice(&(cmap.len() as u32).to_be_bytes());
        font.extend_from_slice(&cmap);
        font
    }

    #[test]
    fn format12_with_huge_group_is_bounded() {
        let font = font_with_format12(&[
            (0x41, 0x42, 5),
            (0x4E2D, 0x4E2D, 7),
            (0x5000, u32::MAX, 100),
        ]);
        let start = std::time::Instant::now();
        let map = glyph_to_unicode(&font);
        assert_eq!(map.get(&5), Some(&'A'));
        assert_eq!(map.get(&6), Some(&'B'));
        assert_eq!(map.get(&7), Some(&'中'));
        assert!(start.elapsed().as_secs() < 20);
        let data = &font[28..];
        assert_eq!(groups_12_13(data, 0).len(), 3);
        assert!(groups_12_13(data, 1).is_empty());
        assert!(groups_12_13(&data[..20], 0).is_empty());
    }

    #[test]
    fn real_truetype_font_round_trips() {
        let candidates = [
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        ];
        let Some(bytes) = candidates.iter().find_map(|p| std::fs::read(p).ok()) else {
            // CI installs the font (.ci/run), so there the test must run.
            assert!(
                std::env::var_os("CI").is_none(),
                "no TrueType font found: .ci/run installs fonts-dejavu-core"
            );
            eprintln!(
                "SKIPPED real_truetype_font_round_trips: no TrueType font found \
                 (apt-get install -y fonts-dejavu-core)"
            );
            return;
        };
        let map = glyph_to_unicode(&bytes);
        assert!(map.len() > 100, "only {} glyphs mapped", map.len());
        let gid_a = map
            .iter()
            .find(|(_, c)| **c == 'A')
            .map(|(g, _)| *g)
            .expect("no 'A'");
        assert_eq!(map.get(&gid_a), Some(&'A'));
        // Cross-check against ttf-parser's forward lookup.
        let face = ttf_parser::Face::parse(&bytes, 0).expect("font parses");
        assert_eq!(face.glyph_index('A').map(|g| g.0), Some(gid_a));
        assert_eq!(map.get(&face.glyph_index('1').unwrap().0), Some(&'1'));
        // Truncated copies of a real font must not panic.
        for cut in [12, 100, 1000, bytes.len() / 2] {
            let _ = glyph_to_unicode(&bytes[..cut.min(bytes.len())]);
        }
    }
}
