//! The cross-reference sections: where each object of the file is. Classic `xref` tables,
//! cross-reference streams, hybrid files (a table with an /XRefStm) and the /Prev chain of
//! incremental saves, read newest first.

use super::parser::Parser;
use crate::limits::{MAX_XREF_SECTIONS, STREAM_LIMIT};
use lopdf::{Dictionary, Object, Stream};
use rustc_hash::FxHashSet;

/// Where a cross-reference entry says an object is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Entry {
    /// Not in use.
    Free,
    /// At a byte offset of the file, with its generation number.
    Normal { offset: usize, gen: u16 },
    /// The `index`-th member of the object stream numbered `container`.
    Compressed { container: u32, index: usize },
}

/// Every cross-reference section of the file, from the last `startxref` through /Prev: the
/// newest trailer and the entries, newest first (the first entry for a number is the one that
/// counts). `None` when the file is encrypted or a section is not plainly readable.
pub(super) fn sections(bytes: &[u8]) -> Option<(Dictionary, Vec<(u32, Entry)>)> {
    let mut next = Some(startxref(bytes)?);
    let mut seen = FxHashSet::default();
    let mut entries: Vec<(u32, Entry)> = Vec::new();
    let mut newest_trailer: Option<Dictionary> = None;
    while let Some(offset) = next.take() {
        if !seen.insert(offset) || seen.len() > MAX_XREF_SECTIONS {
            return None;
        }
        let trailer = if bytes.get(offset..)?.starts_with(b"xref") {
            let mut table = Vec::new();
            let trailer = xref_table(bytes, offset + 4, &mut table)?;
            // A hybrid file's /XRefStm lists the objects kept in object streams, which its
            // table marks free or leaves out: the table's objects in use first, then the
            // stream's, then the table's free entries (the first entry for a number counts).
            if let Some(at) = trailer.get(b"XRefStm").ok().and_then(|o| o.as_i64().ok()) {
                let mut stream = Vec::new();
                xref_stream(bytes, usize::try_from(at).ok()?, &mut stream)?;
                let (in_use, free): (Vec<_>, Vec<_>) =
                    table.into_iter().partition(|(_, e)| *e != Entry::Free);
                table = in_use;
                table.extend(stream.into_iter().filter(|(_, e)| *e != Entry::Free));
                table.extend(free);
            }
            entries.extend(table);
            trailer
        } else {
            xref_stream(bytes, offset, &mut entries)?
        };
        if trailer.has(b"Encrypt") {
            return None;
        }
        next = match trailer.get(b"Prev") {
            Ok(prev) => Some(usize::try_from(prev.as_i64().ok()?).ok()?),
            Err(_) => None,
        };
        if newest_trailer.is_none() {
            newest_trailer = Some(trailer);
        }
    }
    Some((newest_trailer?, entries))
}

/// The offset after the last `startxref`.
fn startxref(bytes: &[u8]) -> Option<usize> {
    let tail = bytes.len().saturating_sub(4096);
    let at = bytes[tail..].windows(9).rposition(|w| w == b"startxref")? + tail;
    let mut p = Parser::at(bytes, at + 9);
    usize::try_from(p.unsigned()?).ok()
}

/// A classic `xref` table from just after the keyword, up to and including its trailer.
fn xref_table(bytes: &[u8], from: usize, entries: &mut Vec<(u32, Entry)>) -> Option<Dictionary> {
    let mut p = Parser::at(bytes, from);
    loop {
        p.space();
        if p.rest().starts_with(b"trailer") {
            p.pos += 7;
            return match p.object(0)? {
                Object::Dictionary(d) => Some(d),
                _ => None,
            };
        }
        let first = u32::try_from(p.unsigned()?).ok()?;
        let count = u32::try_from(p.unsigned()?).ok()?;
        for k in 0..count {
            let offset = usize::try_from(p.unsigned()?).ok()?;
            // Some producers write 65536 as the generation of the free entry 0.
            let gen = p.unsigned()?;
            p.space();
            let kind = *p.rest().first()?;
            p.pos += 1;
            let entry = match kind {
                b'n' => Entry::Normal {
                    offset,
                    gen: u16::try_from(gen).ok()?,
                },
                b'f' => Entry::Free,
                _ => return None,
            };
            entries.push((first.checked_add(k)?, entry));
        }
    }
}

/// A cross-reference stream at `offset`; returns its dictionary, which is the trailer.
fn xref_stream(bytes: &[u8], offset: usize, entries: &mut Vec<(u32, Entry)>) -> Option<Dictionary> {
    let mut p = Parser::at(bytes, offset);
    p.object_header()?;
    let Object::Dictionary(dict) = p.object(0)? else {
        return None;
    };
    if dict.get(b"Type").ok()?.as_name().ok()? != b"XRef" || !p.stream_keyword() {
        return None;
    }
    let length = usize::try_from(dict.get(b"Length").ok()?.as_i64().ok()?).ok()?;
    let raw = bytes.get(p.pos..p.pos.checked_add(length)?)?;
    let stream = Stream::new(dict, raw.to_vec());
    let data = stream.get_plain_content_with_limit(STREAM_LIMIT).ok()?;
    let dict = stream.dict;
    let widths: Vec<usize> = match dict.get(b"W").ok()? {
        Object::Array(a) if a.len() == 3 => a
            .iter()
            .map(|o| {
                o.as_i64()
                    .ok()
                    .and_then(|n| usize::try_from(n).ok())
                    .filter(|n| *n <= 8)
            })
            .collect::<Option<_>>()?,
        _ => return None,
    };
    let size = dict.get(b"Size").ok()?.as_i64().ok()?;
    let index: Vec<i64> = match dict.get(b"Index") {
        Ok(Object::Array(a)) => a.iter().map(|o| o.as_i64().ok()).collect::<Option<_>>()?,
        Ok(_) => return None,
        Err(_) => vec![0, size],
    };
    if !index.len().is_multiple_of(2) {
        return None;
    }
    let row = widths.iter().sum::<usize>();
    if row == 0 {
        return None;
    }
    let field = |at: usize, w: usize| {
        data[at..at + w]
            .iter()
            .fold(0u64, |v, b| v << 8 | *b as u64)
    };
    let mut at = 0;
    for pair in index.chunks(2) {
        let first = u32::try_from(pair[0]).ok()?;
        for k in 0..u32::try_from(pair[1]).ok()? {
            if at + row > data.len() {
                return None;
            }
            let kind = if widths[0] == 0 {
                1
            } else {
                field(at, widths[0])
            };
            let a = field(at + widths[0], widths[1]);
            let b = field(at + widths[0] + widths[1], widths[2]);
            at += row;
            let entry = match kind {
                0 => Entry::Free,
                1 => Entry::Normal {
                    offset: usize::try_from(a).ok()?,
                    gen: u16::try_from(b).ok()?,
                },
                2 => Entry::Compressed {
                    container: u32::try_from(a).ok()?,
                    index: usize::try_from(b).ok()?,
                },
                _ => continue,
            };
            entries.push((first.checked_add(k)?, entry));
        }
    }
    Some(dict)
}
