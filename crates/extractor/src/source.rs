//! The object store of an opened PDF ([`Pdf`]): the lazy reader of [`crate::objects`] or
//! lopdf's full loader, behind one interface for pages, objects and content streams.

use crate::limits::MAX_REFERENCE_HOPS;
use crate::objects::Lazy;
use lopdf::{Dictionary, Object, ObjectId};

/// An opened PDF: its objects read on demand by [`Lazy`], or loaded whole by lopdf (for
/// encrypted and damaged files). One per document: the size of the `Full` variant costs
/// nothing, boxing it would only add an indirection.
#[allow(clippy::large_enum_variant)]
pub enum Pdf<'f> {
    /// Objects parsed on first use from the file's bytes.
    Lazy(Lazy<'f>),
    /// Every object loaded by lopdf (decrypted, repaired).
    Full(lopdf::Document),
}

impl Pdf<'_> {
    /// The object with this id (for lopdf, following a chain of references).
    pub fn get(&self, id: ObjectId) -> Option<&Object> {
        match self {
            Pdf::Lazy(lazy) => lazy.get(id),
            Pdf::Full(doc) => doc.get_object(id).ok(),
        }
    }

    /// Follows references (a bounded number of hops).
    pub fn resolve<'a>(&'a self, obj: Option<&'a Object>) -> Option<&'a Object> {
        let mut o = obj?;
        for _ in 0..MAX_REFERENCE_HOPS {
            match o {
                Object::Reference(id) => o = self.get(*id)?,
                _ => return Some(o),
            }
        }
        None
    }

    /// The dictionary under `key` of `d`, following a reference.
    pub fn dict<'a>(&'a self, d: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
        self.resolve(d.get(key).ok()).and_then(|o| o.as_dict().ok())
    }

    pub(crate) fn pages(&self) -> Vec<ObjectId> {
        match self {
            Pdf::Lazy(lazy) => lazy.pages(),
            Pdf::Full(doc) => doc.get_pages().values().copied().collect(),
        }
    }

    /// The ids of a page's content streams (as lopdf's `get_page_contents` finds them).
    pub(crate) fn page_contents(&self, page: &Dictionary) -> Vec<ObjectId> {
        let mut streams = Vec::new();
        let Ok(mut contents) = page.get(b"Contents") else {
            return streams;
        };
        for _ in 0..128 {
            match contents {
                Object::Reference(id) => match self.get(*id) {
                    None | Some(Object::Stream(_)) => streams.push(*id),
                    Some(o) => {
                        contents = o;
                        continue;
                    }
                },
                Object::Array(items) => {
                    streams.extend(items.iter().filter_map(|o| o.as_reference().ok()))
                }
                _ => {}
            }
            break;
        }
        streams
    }

    /// Read by lopdf after it rebuilt a damaged cross-reference table.
    pub(crate) fn repaired(&self) -> bool {
        matches!(self, Pdf::Full(doc) if doc.xref_recovery.is_some())
    }

    /// Objects the cross-reference data lists that lopdf's loader could not read.
    pub(crate) fn lost_objects(&self) -> Vec<String> {
        let Pdf::Full(doc) = self else {
            return Vec::new();
        };
        // A decrypted file's /Encrypt dictionary is dropped by lopdf; a rebuilt table is
        // counted as damage already.
        if doc.encryption_state.is_some()
            || doc.xref_recovery == Some(lopdf::xref::XrefRecovery::Reconstructed)
        {
            return Vec::new();
        }
        match lost_count(doc) {
            0 => Vec::new(),
            n => vec![format!(
                "{n} objects listed in the cross-reference table could not be read"
            )],
        }
    }

    /// The lazy reader met something it does not read: the file must be read again by lopdf.
    pub(crate) fn broken(&self) -> bool {
        matches!(self, Pdf::Lazy(lazy) if lazy.broken())
    }
}

/// Objects the cross-reference data lists in use that the loader could not read.
pub(crate) fn lost_count(doc: &lopdf::Document) -> usize {
    use lopdf::xref::XrefEntry;
    (doc.reference_table.entries.iter())
        .filter(|(n, e)| match e {
            XrefEntry::Normal { generation, .. } => !doc.objects.contains_key(&(**n, *generation)),
            XrefEntry::Compressed { .. } => !doc.objects.contains_key(&(**n, 0)),
            _ => false,
        })
        .count()
}
