//! A content stream's bytes, decoded (content streams, form XObjects and ToUnicode CMaps):
//! FlateDecode inflated here, other filters by lopdf, damage told rather than hidden.

use crate::limits::STREAM_LIMIT;
use lopdf::Object;

/// A content stream's bytes, decoded; the bool is false when its compressed data ends in an
/// error (lopdf then keeps the bytes before the error silently; they are kept here too, but
/// the loss is told). A stream whose only filter is FlateDecode is inflated here, others by
/// lopdf.
pub fn decode_content(s: &lopdf::Stream) -> Result<(Vec<u8>, bool), lopdf::Error> {
    use std::io::Read as _;
    let only_flate = match s.dict.get(b"Filter") {
        Ok(Object::Name(n)) => n == b"FlateDecode",
        Ok(Object::Array(a)) => a.len() == 1 && a[0].as_name().is_ok_and(|n| n == b"FlateDecode"),
        _ => false,
    };
    if !only_flate || s.dict.has(b"DecodeParms") || s.content.is_empty() {
        return s
            .get_plain_content_with_limit(STREAM_LIMIT)
            .map(|d| (d, true));
    }
    // A stream without a zlib header may be raw deflate, which lopdf tries next.
    let c = &s.content;
    let zlib_header =
        c.len() >= 2 && c[0] & 0x0f == 8 && (u16::from(c[0]) << 8 | u16::from(c[1])) % 31 == 0;
    if !zlib_header {
        return s
            .get_plain_content_with_limit(STREAM_LIMIT)
            .map(|d| (d, true));
    }
    let mut out = Vec::with_capacity(c.len() * 4);
    let mut decoder = flate2::read::ZlibDecoder::new(&c[..]);
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        match decoder.read(&mut chunk) {
            Ok(0) => return Ok((out, true)),
            Ok(n) => {
                out.extend_from_slice(&chunk[..n]);
                if out.len() > STREAM_LIMIT {
                    return s
                        .get_plain_content_with_limit(STREAM_LIMIT)
                        .map(|d| (d, true));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            // Damaged: what came before the error is kept, as lopdf keeps it.
            Err(_) => return Ok((out, false)),
        }
    }
}
