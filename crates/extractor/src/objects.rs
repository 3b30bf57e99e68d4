//! The PDF's objects, parsed only when a page needs them.
//!
//! lopdf parses every object of a file when it opens it, the structure tree of a tagged Word
//! export and every image included: that was a quarter of our time per document, for objects
//! we never look at. For a well-formed, unencrypted file we read the cross-reference sections
//! ourselves and parse an object the first time it is asked for, into lopdf's own `Object`
//! type, so the rest of the extractor does not know the difference.
//!
//! The lazy reader is strict on purpose: a cross-reference section it does not understand, an
//! offset that does not hold the object it should, a stream whose /Length does not end at
//! `endstream`, any syntax it does not expect: it says so, and the document is read again by
//! lopdf's full loader, which repairs damaged files. Encrypted files always go to lopdf.

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::{Cell, OnceCell, RefCell};

/// Nesting of arrays and dictionaries accepted (lopdf's limit too).
const MAX_DEPTH: usize = 100;
/// Cross-reference sections followed through /Prev before giving up.
const MAX_SECTIONS: usize = 64;
/// References followed in a row (an object that is only a reference to another).
const MAX_HOPS: usize = 16;

/// Where a cross-reference entry says an object is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Entry {
    Free,
    Normal { offset: usize, gen: u16 },
    Compressed { container: u32, index: usize },
}

/// An object stream, decoded once: its data and the offset of each member.
struct ObjStm {
    data: Vec<u8>,
    members: Vec<(u32, usize)>,
}

pub struct Lazy<'a> {
    /// The file from its `%PDF-` header on: offsets count from there, as in lopdf.
    bytes: &'a [u8],
    /// Object number → (entry, slot index).
    entries: FxHashMap<u32, (Entry, usize)>,
    objects: Vec<OnceCell<Option<Object>>>,
    streams: Vec<OnceCell<Option<ObjStm>>>,
    trailer: Dictionary,
    /// Objects being parsed now: a /Length that refers back to its own stream is a cycle.
    busy: RefCell<FxHashSet<u32>>,
    /// Set when something did not read as expected: the caller then reads the file again with
    /// lopdf's full loader.
    broken: Cell<bool>,
}

impl<'a> Lazy<'a> {
    /// Reads the cross-reference sections. `None` when the file is encrypted or its
    /// cross-reference data is not plainly readable (lopdf then loads it, repairing if needed).
    pub fn open(file: &'a [u8]) -> Option<Lazy<'a>> {
        let start = file.windows(5).position(|w| w == b"%PDF-")?;
        let bytes = &file[start..];
        let mut lazy = Lazy {
            bytes,
            entries: FxHashMap::default(),
            objects: Vec::new(),
            streams: Vec::new(),
            trailer: Dictionary::new(),
            busy: RefCell::default(),
            broken: Cell::new(false),
        };
        let mut next = Some(startxref(bytes)?);
        let mut seen = FxHashSet::default();
        let mut entries: Vec<(u32, Entry)> = Vec::new();
        let mut newest_trailer: Option<Dictionary> = None;
        while let Some(offset) = next.take() {
            if !seen.insert(offset) || seen.len() > MAX_SECTIONS {
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
        lazy.trailer = newest_trailer?;
        lazy.trailer.get(b"Root").ok()?.as_reference().ok()?;
        // Sections were read newest first: the first entry for a number is the one that counts.
        for (num, entry) in entries {
            let slot = lazy.entries.len();
            if let std::collections::hash_map::Entry::Vacant(v) = lazy.entries.entry(num) {
                v.insert((entry, slot));
            }
        }
        let n = lazy.entries.len();
        lazy.objects = (0..n).map(|_| OnceCell::new()).collect();
        lazy.streams = (0..n).map(|_| OnceCell::new()).collect();
        Some(lazy)
    }

    /// True once something was not read as expected; what was read may be incomplete.
    pub fn broken(&self) -> bool {
        self.broken.get()
    }

    fn fail(&self) -> Option<Object> {
        self.broken.set(true);
        None
    }

    fn fail_ref(&self) -> Option<&Object> {
        self.broken.set(true);
        None
    }

    /// The object with this id, parsed on first use; `None` for a free or missing object.
    pub fn get(&self, id: ObjectId) -> Option<&Object> {
        let &(entry, slot) = self.entries.get(&id.0)?;
        match entry {
            Entry::Free => return None,
            // A reference the cross-reference data does not match: damage, not absence.
            Entry::Normal { gen, .. } if gen != id.1 => return self.fail_ref(),
            Entry::Compressed { .. } if id.1 != 0 => return self.fail_ref(),
            _ => {}
        }
        let cell = &self.objects[slot];
        if let Some(done) = cell.get() {
            return done.as_ref();
        }
        if !self.busy.borrow_mut().insert(id.0) {
            self.broken.set(true);
            return None;
        }
        let parsed = match entry {
            Entry::Normal { offset, .. } => self.parse_at(id, offset),
            Entry::Compressed { container, index } => self.parse_member(id.0, container, index),
            Entry::Free => None,
        };
        self.busy.borrow_mut().remove(&id.0);
        cell.get_or_init(|| parsed).as_ref()
    }

    /// Follows a chain of references to the object at its end.
    fn deref<'s>(&'s self, mut o: &'s Object) -> Option<&'s Object> {
        for _ in 0..MAX_HOPS {
            match o {
                Object::Reference(id) => o = self.get(*id)?,
                _ => return Some(o),
            }
        }
        None
    }

    fn parse_at(&self, id: ObjectId, offset: usize) -> Option<Object> {
        if offset >= self.bytes.len() {
            return self.fail();
        }
        let mut p = Parser::at(self.bytes, offset);
        let Some(header) = p.object_header() else {
            return self.fail();
        };
        if header != id {
            return self.fail();
        }
        let Some(object) = p.object(0) else {
            return self.fail();
        };
        let Object::Dictionary(dict) = object else {
            return Some(object);
        };
        if !p.stream_keyword() {
            return Some(Object::Dictionary(dict));
        }
        let length = match dict.get(b"Length") {
            Ok(Object::Integer(n)) => Some(*n),
            Ok(Object::Reference(r)) => self.get(*r).and_then(|o| o.as_i64().ok()),
            _ => None,
        };
        let Some(length) = length.and_then(|n| usize::try_from(n).ok()) else {
            return self.fail();
        };
        let start = p.pos;
        let Some(data) = self.bytes.get(start..start.saturating_add(length)) else {
            return self.fail();
        };
        p.pos = start + length;
        p.eol();
        if !p.rest().starts_with(b"endstream") {
            return self.fail();
        }
        Some(Object::Stream(Stream::new(dict, data.to_vec())))
    }

    fn parse_member(&self, num: u32, container: u32, index: usize) -> Option<Object> {
        let Some(&(_, slot)) = self.entries.get(&container) else {
            return self.fail();
        };
        // A container that is itself being read (object streams inside each other) is a cycle.
        if self.busy.borrow().contains(&container) {
            return self.fail();
        }
        let stm = self.streams[slot].get_or_init(|| self.decode_objstm(container));
        let Some(stm) = stm else { return self.fail() };
        let Some(&(member, offset)) = stm.members.get(index) else {
            return self.fail();
        };
        if member != num {
            return self.fail();
        }
        match Parser::at(&stm.data, offset).object(0) {
            Some(o) => Some(o),
            None => self.fail(),
        }
    }

    fn decode_objstm(&self, container: u32) -> Option<ObjStm> {
        let Some(Object::Stream(s)) = self.get((container, 0)) else {
            self.broken.set(true);
            return None;
        };
        let n = s.dict.get(b"N").ok()?.as_i64().ok()?;
        let first = usize::try_from(s.dict.get(b"First").ok()?.as_i64().ok()?).ok()?;
        let data = s
            .get_plain_content_with_limit(crate::limits::STREAM_LIMIT)
            .ok()?;
        let mut p = Parser::at(&data, 0);
        let mut members = Vec::new();
        for _ in 0..n.clamp(0, 1_000_000) {
            let num = u32::try_from(p.unsigned()?).ok()?;
            let off = usize::try_from(p.unsigned()?).ok()?;
            members.push((num, first.checked_add(off)?));
        }
        Some(ObjStm { data, members })
    }

    /// The pages in order, as lopdf's page-tree walk finds them.
    pub fn pages(&self) -> Vec<ObjectId> {
        let mut out = Vec::new();
        let Some(root) = self
            .trailer
            .get(b"Root")
            .ok()
            .and_then(|o| o.as_reference().ok())
        else {
            return out;
        };
        let Some(Object::Dictionary(catalog)) = self.get(root) else {
            return out;
        };
        let Some(tree) = catalog
            .get(b"Pages")
            .ok()
            .and_then(|o| o.as_reference().ok())
        else {
            return out;
        };
        // One step per cross-reference entry at most, as lopdf bounds its walk by its objects.
        let mut budget = self.entries.len();
        let mut stack: Vec<&[Object]> = Vec::new();
        let mut kids = self.kids(tree);
        loop {
            while let Some((kid, rest)) = kids.and_then(|k| k.split_first()) {
                if budget == 0 {
                    return out;
                }
                budget -= 1;
                kids = Some(rest);
                let Ok(kid_id) = kid.as_reference() else {
                    continue;
                };
                let ty = match self.get(kid_id) {
                    Some(Object::Dictionary(d)) => d.get_type().ok(),
                    _ => None,
                };
                match ty {
                    Some(b"Page") | None => out.push(kid_id),
                    Some(b"Pages") if stack.len() < 256 => {
                        if !rest.is_empty() {
                            stack.push(rest);
                        }
                        kids = self.kids(kid_id);
                    }
                    Some(_) => {}
                }
            }
            match stack.pop() {
                Some(k) => kids = Some(k),
                None => return out,
            }
        }
    }

    fn kids(&self, tree: ObjectId) -> Option<&[Object]> {
        let Some(Object::Dictionary(d)) = self.get(tree) else {
            return None;
        };
        match self.deref(d.get(b"Kids").ok()?)? {
            Object::Array(a) => Some(a.as_slice()),
            _ => None,
        }
    }
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
    let data = stream
        .get_plain_content_with_limit(crate::limits::STREAM_LIMIT)
        .ok()?;
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
    if index.len() % 2 != 0 {
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

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\0' | b'\x0c')
}

fn is_regular(b: u8) -> bool {
    !is_white(b)
        && !matches!(
            b,
            b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
        )
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|v| v as u8)
}

/// PDF object syntax, read the way lopdf's parser reads it; `None` for anything else.
struct Parser<'d> {
    d: &'d [u8],
    pos: usize,
}

impl<'d> Parser<'d> {
    fn at(d: &'d [u8], pos: usize) -> Self {
        Parser { d, pos }
    }

    fn rest(&self) -> &'d [u8] {
        self.d.get(self.pos..).unwrap_or(&[])
    }

    fn peek(&self) -> Option<u8> {
        self.d.get(self.pos).copied()
    }

    /// White space and comments.
    fn space(&mut self) {
        while let Some(b) = self.peek() {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.peek().is_some_and(|c| c != b'\n' && c != b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn eol(&mut self) {
        if self.rest().starts_with(b"\r\n") {
            self.pos += 2;
        } else if matches!(self.peek(), Some(b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn digits(&mut self) -> &'d [u8] {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        self.d.get(start..self.pos).unwrap_or(&[])
    }

    /// An unsigned integer after optional space.
    fn unsigned(&mut self) -> Option<u64> {
        self.space();
        let digits = self.digits();
        if digits.is_empty() {
            return None;
        }
        digits.iter().try_fold(0u64, |v, d| {
            v.checked_mul(10)?.checked_add((d - b'0') as u64)
        })
    }

    /// `num gen obj`
    fn object_header(&mut self) -> Option<ObjectId> {
        let num = u32::try_from(self.unsigned()?).ok()?;
        let gen = u16::try_from(self.unsigned()?).ok()?;
        self.space();
        if !self.rest().starts_with(b"obj") {
            return None;
        }
        self.pos += 3;
        Some((num, gen))
    }

    /// `stream` and its end of line, after a stream's dictionary (lopdf: space, `stream`,
    /// spaces or tabs, one end of line).
    fn stream_keyword(&mut self) -> bool {
        let save = self.pos;
        self.space();
        if self.rest().starts_with(b"stream") {
            self.pos += 6;
            while matches!(self.peek(), Some(b' ' | b'\t')) {
                self.pos += 1;
            }
            if matches!(self.peek(), Some(b'\n' | b'\r')) {
                self.eol();
                return true;
            }
        }
        self.pos = save;
        false
    }

    fn object(&mut self, depth: usize) -> Option<Object> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.space();
        match self.peek()? {
            b'n' => self.keyword(b"null", Object::Null),
            b't' => self.keyword(b"true", Object::Boolean(true)),
            b'f' => self.keyword(b"false", Object::Boolean(false)),
            b'0'..=b'9' => {
                let save = self.pos;
                if let Some(r) = self.reference() {
                    return Some(r);
                }
                self.pos = save;
                self.number()
            }
            b'+' | b'-' | b'.' => self.number(),
            b'/' => {
                self.pos += 1;
                Some(Object::Name(self.name()))
            }
            b'(' => {
                self.pos += 1;
                Some(Object::String(
                    self.literal(MAX_BRACKET)?,
                    StringFormat::Literal,
                ))
            }
            b'<' if self.rest().starts_with(b"<<") => {
                self.pos += 2;
                let mut dict = Dictionary::new();
                loop {
                    self.space();
                    if self.rest().starts_with(b">>") {
                        self.pos += 2;
                        return Some(Object::Dictionary(dict));
                    }
                    if self.peek()? != b'/' {
                        return None;
                    }
                    self.pos += 1;
                    let key = self.name();
                    let value = self.object(depth + 1)?;
                    dict.set(key, value);
                }
            }
            b'<' => {
                self.pos += 1;
                self.hex_string()
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.space();
                    if self.peek()? == b']' {
                        self.pos += 1;
                        return Some(Object::Array(items));
                    }
                    items.push(self.object(depth + 1)?);
                }
            }
            _ => None,
        }
    }

    fn keyword(&mut self, word: &[u8], value: Object) -> Option<Object> {
        if self.rest().starts_with(word) {
            self.pos += word.len();
            Some(value)
        } else {
            None
        }
    }

    /// `num gen R`
    fn reference(&mut self) -> Option<Object> {
        let num = u32::try_from(self.unsigned_here()?).ok()?;
        self.space();
        let gen = u16::try_from(self.unsigned_here()?).ok()?;
        self.space();
        if self.peek()? != b'R' {
            return None;
        }
        self.pos += 1;
        Some(Object::Reference((num, gen)))
    }

    fn unsigned_here(&mut self) -> Option<u64> {
        let digits = self.digits();
        if digits.is_empty() {
            return None;
        }
        digits.iter().try_fold(0u64, |v, d| {
            v.checked_mul(10)?.checked_add((d - b'0') as u64)
        })
    }

    /// An integer or a real, as lopdf reads them (a minus sign inside the fraction, as in
    /// `0.00-4142502`, is ignored).
    fn number(&mut self) -> Option<Object> {
        let start = self.pos;
        let negative = match self.peek() {
            Some(b'-') => {
                self.pos += 1;
                true
            }
            Some(b'+') => {
                self.pos += 1;
                false
            }
            _ => false,
        };
        let int_digits = self.digits().len();
        if self.peek() == Some(b'.') {
            self.pos += 1;
            let frac_start = self.pos;
            while self.peek().is_some_and(|b| b == b'-' || b.is_ascii_digit()) {
                self.pos += 1;
            }
            let frac = &self.d[frac_start..self.pos];
            if int_digits == 0 && !frac.first().is_some_and(|b| b.is_ascii_digit()) {
                return None;
            }
            let text: Vec<u8> = if frac.contains(&b'-') {
                let (sign, rest) = self.d[start..self.pos].split_at(1);
                sign.iter()
                    .chain(rest.iter().filter(|c| **c != b'-'))
                    .copied()
                    .collect()
            } else {
                self.d[start..self.pos].to_vec()
            };
            return std::str::from_utf8(&text)
                .ok()?
                .parse::<f32>()
                .ok()
                .map(Object::Real);
        }
        if int_digits == 0 {
            return None;
        }
        let magnitude = self.d[self.pos - int_digits..self.pos]
            .iter()
            .try_fold(0u64, |v, d| {
                v.checked_mul(10)?.checked_add((d - b'0') as u64)
            })?;
        let value = if negative {
            0i64.checked_sub_unsigned(magnitude)?
        } else {
            i64::try_from(magnitude).ok()?
        };
        Some(Object::Integer(value))
    }

    /// A name after its `/`, with `#xx` escapes decoded.
    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(b) = self.peek() {
            if b == b'#' {
                match (
                    self.d.get(self.pos + 1).and_then(|c| hex(*c)),
                    self.d.get(self.pos + 2).and_then(|c| hex(*c)),
                ) {
                    (Some(h), Some(l)) => {
                        out.push(h << 4 | l);
                        self.pos += 3;
                    }
                    _ => break,
                }
            } else if is_regular(b) {
                out.push(b);
                self.pos += 1;
            } else {
                break;
            }
        }
        out
    }

    /// A literal string after its `(`: escapes decoded, an end of line inside it read as `\n`.
    fn literal(&mut self, depth: usize) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        loop {
            let b = self.peek()?;
            self.pos += 1;
            match b {
                b')' => return Some(out),
                b'(' => {
                    if depth == 0 {
                        return None;
                    }
                    out.push(b'(');
                    out.extend(self.literal(depth - 1)?);
                    out.push(b')');
                }
                b'\r' | b'\n' => {
                    if b == b'\r' && self.peek() == Some(b'\n') {
                        self.pos += 1;
                    }
                    out.push(b'\n');
                }
                b'\\' => {
                    let e = self.peek()?;
                    match e {
                        b'0'..=b'7' => {
                            let mut v = 0u16;
                            let mut n = 0;
                            while n < 3 && self.peek().is_some_and(|c| (b'0'..=b'7').contains(&c)) {
                                v = v * 8 + (self.d[self.pos] - b'0') as u16;
                                self.pos += 1;
                                n += 1;
                            }
                            out.push(v as u8);
                        }
                        b'\r' | b'\n' => self.eol(),
                        _ => {
                            self.pos += 1;
                            out.push(match e {
                                b'n' => b'\n',
                                b'r' => b'\r',
                                b't' => b'\t',
                                b'b' => 8,
                                b'f' => 12,
                                other => other,
                            });
                        }
                    }
                }
                other => out.push(other),
            }
        }
    }

    /// A hexadecimal string after its `<`; an odd last digit stands for its high nibble.
    fn hex_string(&mut self) -> Option<Object> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        loop {
            let b = self.peek()?;
            self.pos += 1;
            if b == b'>' {
                break;
            }
            if is_white(b) {
                continue;
            }
            let v = hex(b)?;
            match high.take() {
                Some(h) => out.push(h << 4 | v),
                None => high = Some(v),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        Some(Object::String(out, StringFormat::Hexadecimal))
    }
}

/// Nesting of parentheses inside a literal string accepted (lopdf's MAX_BRACKET).
const MAX_BRACKET: usize = 100;

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &[u8]) -> Option<Object> {
        Parser::at(s, 0).object(0)
    }

    #[test]
    fn objects_read_as_lopdf_reads_them() {
        assert_eq!(parse(b"12 0 R"), Some(Object::Reference((12, 0))));
        assert_eq!(parse(b"12 0"), Some(Object::Integer(12)));
        assert_eq!(parse(b"-3.5"), Some(Object::Real(-3.5)));
        assert_eq!(parse(b".25"), Some(Object::Real(0.25)));
        assert_eq!(parse(b"0.00-4142502"), Some(Object::Real(0.004142502)));
        assert_eq!(parse(b"/A#20B"), Some(Object::Name(b"A B".to_vec())));
        assert_eq!(
            parse(b"(a\\(b\\)\\101\\\ncd(e)\r\n)"),
            Some(Object::String(
                b"a(b)Acd(e)\n".to_vec(),
                StringFormat::Literal
            ))
        );
        assert_eq!(
            parse(b"<4e2d 4>"),
            Some(Object::String(
                vec![0x4e, 0x2d, 0x40],
                StringFormat::Hexadecimal
            ))
        );
        let Some(Object::Dictionary(d)) =
            parse(b"<</Type/Page/Kids[1 0 R 2 0 R]/MediaBox[0 0 595.3 841.9]>>")
        else {
            panic!()
        };
        assert_eq!(d.get(b"Type").unwrap().as_name().unwrap(), b"Page");
        assert_eq!(d.get(b"Kids").unwrap().as_array().unwrap().len(), 2);
        assert_eq!(parse(b"1e5 "), Some(Object::Integer(1)));
        assert_eq!(parse(b"<</A 1"), None);
        assert_eq!(parse(b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["), None);
    }

    /// A small file written by hand: classic xref, a stream with an indirect /Length.
    #[test]
    fn reads_objects_on_demand() {
        let body = [
            "1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n",
            "2 0 obj\n<</Type/Pages/Kids[3 0 R]/Count 1>>\nendobj\n",
            "3 0 obj\n<</Type/Page/Parent 2 0 R/Contents 4 0 R>>\nendobj\n",
            "4 0 obj\n<</Length 5 0 R>>\nstream\nBT ET\nendstream\nendobj\n",
            "5 0 obj\n5\nendobj\n",
        ];
        let mut file = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for o in body {
            offsets.push(file.len());
            file.extend_from_slice(o.as_bytes());
        }
        let xref = file.len();
        file.extend_from_slice(b"xref\n0 6\n0000000000 65535 f \n");
        for o in &offsets {
            file.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        file.extend_from_slice(
            format!("trailer\n<</Size 6/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
        );
        let lazy = Lazy::open(&file).expect("opens");
        assert_eq!(lazy.pages(), vec![(3, 0)]);
        let Some(Object::Stream(s)) = lazy.get((4, 0)) else {
            panic!("stream")
        };
        assert_eq!(s.content, b"BT ET");
        assert!(!lazy.broken());
        assert_eq!(lazy.get((6, 0)), None);
        assert_eq!(lazy.get((4, 1)), None);

        // An offset that does not hold its object marks the reader broken.
        let bad = String::from_utf8(file.clone()).unwrap().replacen(
            &format!("{:010} 00000 n", offsets[2]),
            &format!("{:010} 00000 n", offsets[1]),
            1,
        );
        let lazy = Lazy::open(bad.as_bytes()).expect("opens");
        lazy.pages();
        assert!(lazy.broken());
    }
}
