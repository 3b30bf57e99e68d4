//! One benchmark per stage of the flow, on the seed document (24 pages):
//! content-stream lexing, reading (objects on demand, content interpretation and font decoding;
//! beside it the same read through lopdf's full loader), table building, normalisation (facts,
//! checks, narrative) and CSV writing.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use yusuan_exporter::{DocumentRecord, Totals, Writer};
use yusuan_extractor::content::lexer::Lexer;
use yusuan_extractor::layout;

fn stages(c: &mut Criterion) {
    let bytes = std::fs::read(yusuan_benches::seed_pdf()).expect("samples/urumqi-2026.pdf");
    let lo = lopdf::Document::load_mem(&bytes).expect("seed document loads");
    let contents: Vec<Vec<u8>> = lo
        .get_pages()
        .values()
        .map(|id| lo.get_page_content(*id))
        .collect();
    c.bench_function("lex content streams (24 pages)", |b| {
        b.iter(|| {
            let mut n = 0usize;
            let mut ops = Vec::new();
            for content in &contents {
                let mut lx = Lexer::new(content);
                while lx.next_op(&mut ops).is_some() {
                    n += 1;
                }
            }
            black_box(n)
        })
    });
    c.bench_function("read: interpret pages and decode fonts", |b| {
        b.iter(|| black_box(yusuan_extractor::read(&bytes).expect("reads")))
    });
    c.bench_function("read: the same through lopdf's full loader", |b| {
        b.iter(|| black_box(yusuan_extractor::read_full(&bytes).expect("reads")))
    });
    let doc = yusuan_extractor::read(&bytes).expect("reads");
    c.bench_function("layout: find tables", |b| {
        b.iter(|| black_box(layout::find_tables(&doc)))
    });
    let tables = layout::find_tables(&doc);
    c.bench_function("normalize: facts, checks, narrative", |b| {
        b.iter(|| black_box(yusuan_normalizer::normalize(&doc, tables.clone())))
    });
    let normalized = yusuan_normalizer::normalize(&doc, tables.clone());
    let dir = std::env::temp_dir().join(format!("yusuan-bench-{}", std::process::id()));
    let mut n = 0;
    c.bench_function("export: write CSV files", |b| {
        b.iter(|| {
            // Writer::create makes every file exclusively: a fresh folder each time.
            n += 1;
            let gen = dir.join(n.to_string());
            std::fs::create_dir_all(&gen).expect("output folder");
            let mut w = Writer::create(&gen, false).expect("output folder");
            let rec = DocumentRecord {
                source: "urumqi-2026.pdf".into(),
                sha256: String::new(),
                bytes: bytes.len() as u64,
                pages: doc.pages.len(),
                status: yusuan_normalizer::vocab::DocumentStatus::Ok,
                error_kind: String::new(),
                error: String::new(),
                millis: 0,
                normalized: Some(normalized.clone()),
                duplicate_of: String::new(),
            };
            let mut totals = Totals::default();
            w.write(&rec, &mut totals).expect("writes");
            w.finish().expect("finishes");
            let _ = std::fs::remove_dir_all(&gen);
        })
    });
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, stages);
criterion_main!(benches);
