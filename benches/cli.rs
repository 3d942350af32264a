//! The CLI over a generated template library on disk: 5,000 letters (the seeded corpus of
//! `benches/corpus/`), `letterlint check DIR --threads 2`, reported in files per second
//! (criterion's elements/s). Run with `cargo bench --bench cli`; never in CI. Peak RSS is
//! read with `/usr/bin/time -v` on the same command (see the README's speed section).

#[path = "corpus/mod.rs"]
mod corpus;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::PathBuf;
use std::process::{Command, Stdio};

const FILES: usize = 5000;

fn library() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("letterlint-bench-library-{FILES}"));
    if !dir.join("decisions").is_dir() {
        let _ = std::fs::remove_dir_all(&dir);
        corpus::write_corpus(&dir, 1, FILES).expect("corpus written");
    }
    dir
}

fn bench(c: &mut Criterion) {
    let dir = library();
    let mut g = c.benchmark_group("cli");
    g.throughput(Throughput::Elements(FILES as u64));
    g.sample_size(10);
    for threads in ["1", "2"] {
        g.bench_function(format!("check-5000-files/threads-{threads}"), |b| {
            b.iter(|| {
                let status = Command::new(env!("CARGO_BIN_EXE_letterlint"))
                    .args([
                        "check",
                        "--quiet",
                        "--format",
                        "concise",
                        "--threads",
                        threads,
                    ])
                    .arg(&dir)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .expect("letterlint runs");
                assert!(status.code().is_some_and(|c| c <= 1), "{status}");
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
