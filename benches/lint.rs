//! Throughput in MB/s over the shipped letters (a deterministic generated corpus
//! replaces this in a later issue). Run with `cargo bench`; never in CI.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use letterlint::anonymise::Mode;
use letterlint::{Applicability, Config, Format, Linter, Source};
use std::path::Path;

fn letters() -> Vec<Source> {
    let mut out = Vec::new();
    for dir in ["tests/letters", "examples"] {
        let Ok(rd) = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = rd
            .flatten()
            .map(|e| e.path())
            .filter(|p| Format::from_path(p).is_some())
            .collect();
        paths.sort();
        for p in paths {
            if p.file_name().is_some_and(|n| n == "README.md") {
                continue;
            }
            out.push(letterlint::io::read_source(&p, None).expect("readable letter"));
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let sources = letters();
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let linter = Linter::new(Config::default()).unwrap();
    let without = Linter::new(Config {
        ignore: vec!["anonymise".into()],
        ..Config::default()
    })
    .unwrap();

    let mut g = c.benchmark_group("letters");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(BenchmarkId::new("lint", sources.len()), |b| {
        b.iter(|| {
            sources
                .iter()
                .map(|s| linter.lint(s).diagnostics.len())
                .sum::<usize>()
        })
    });
    g.bench_function(
        BenchmarkId::new("lint-without-anonymise", sources.len()),
        |b| {
            b.iter(|| {
                sources
                    .iter()
                    .map(|s| without.lint(s).diagnostics.len())
                    .sum::<usize>()
            })
        },
    );
    g.bench_function(BenchmarkId::new("people", sources.len()), |b| {
        b.iter(|| {
            sources
                .iter()
                .map(|s| linter.people(s).persons.len())
                .sum::<usize>()
        })
    });
    g.bench_function(BenchmarkId::new("anonymise", sources.len()), |b| {
        b.iter(|| {
            sources
                .iter()
                .map(|s| linter.anonymise(s, Mode::Label).text.len())
                .sum::<usize>()
        })
    });
    let reports: Vec<_> = sources.iter().map(|s| linter.lint(s)).collect();
    g.bench_function(BenchmarkId::new("rewrite", sources.len()), |b| {
        b.iter(|| {
            reports
                .iter()
                .map(|r| r.rewrite(Applicability::Manual).len())
                .sum::<usize>()
        })
    });
    g.finish();

    c.bench_function("Linter::new", |b| {
        b.iter(|| Linter::new(Config::default()).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
