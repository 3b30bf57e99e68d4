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
//!
//! - `xref`: the cross-reference sections (tables, streams, hybrids, /Prev chains).
//! - `parser`: object syntax into lopdf's `Object`.
//! - here: [`Lazy`], the store that parses each object on first use, and the page-tree walk.

mod parser;
mod xref;

use crate::limits::{MAX_OBJSTM_MEMBERS, MAX_PAGE_TREE_DEPTH, MAX_REFERENCE_HOPS, STREAM_LIMIT};
use lopdf::{Dictionary, Object, ObjectId, Stream};
use parser::Parser;
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::{Cell, OnceCell, RefCell};
use xref::Entry;

/// An object stream, decoded once: its data and the offset of each member.
struct ObjStm {
    data: Vec<u8>,
    members: Vec<(u32, usize)>,
}

/// A well-formed PDF's objects, each parsed the first time it is asked for ([`Lazy::get`]),
/// borrowing the file's bytes. [`Lazy::broken`] tells when anything did not read as expected.
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
        let (trailer, entries) = xref::sections(bytes)?;
        lazy.trailer = trailer;
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
        for _ in 0..MAX_REFERENCE_HOPS {
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
        let data = s.get_plain_content_with_limit(STREAM_LIMIT).ok()?;
        let mut p = Parser::at(&data, 0);
        let mut members = Vec::new();
        for _ in 0..n.clamp(0, MAX_OBJSTM_MEMBERS) {
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
                    Some(b"Pages") if stack.len() < MAX_PAGE_TREE_DEPTH => {
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

#[cfg(test)]
mod tests {
    use super::*;

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
