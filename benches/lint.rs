//! Throughput in MB/s over a deterministic generated corpus (`benches/corpus/`, seed
//! 20240601: 1,000 letters of 2–8 KB, a fifth Markdown). Run with `cargo bench`; never in
//! CI (which only builds this). Single thread.
//!
//! - `lint/one-letter` and `lint/1000-letters`: the full default rule set, anonymisation
//!   included;
//! - `anonymise`, `document` (parsing and segmentation alone), `rewrite` (lint and fix
//!   until nothing changes, safe and manual fixes);
//! - `floor/aho-corasick`: one ASCII case-insensitive, leftmost-longest aho-corasick pass
//!   with every phrase of the built-in pack over the same letters, the floor `lint` is
//!   compared with;
//! - `linter-new`: compiling the built-in pack;
//! - `scaling/name-dense/{1,2,4,16}MB`: one letter of that size, every sentence naming
//!   staff (324 first name and surname pairs, some double-barrelled): lint time must grow
//!   with the letter, not with its square (a 2 MB letter took 15 s before the detector's
//!   lookups were indexed).
//!
//! After criterion's report, a summary prints `lint` as a fraction of the floor.

#[path = "corpus/mod.rs"]
mod corpus;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use criterion::{criterion_group, Criterion, Throughput};
use letterlint::anonymise::Mode;
use letterlint::document::{Document, MaskPatterns};
use letterlint::{Applicability, Config, Format, Linter, Source};
use std::time::Instant;

const SEED: u64 = 20_240_601;
const LETTERS: usize = 1000;

fn sources() -> Vec<Source> {
    corpus::corpus(SEED, LETTERS)
        .into_iter()
        .map(|l| {
            let format = if l.markdown {
                Format::Markdown
            } else {
                Format::Text
            };
            Source::new(l.name, l.text, format)
        })
        .collect()
}

/// The letter nearest 5 KB.
fn one(sources: &[Source]) -> Source {
    sources
        .iter()
        .min_by_key(|s| s.text.len().abs_diff(5000))
        .cloned()
        .expect("a letter")
}

/// Every phrase of the built-in pack: each string in a TOML array of its files.
fn pack_phrases() -> Vec<String> {
    fn walk(v: &toml::Value, in_array: bool, out: &mut Vec<String>) {
        match v {
            toml::Value::String(s) if in_array && !s.is_empty() && s.len() < 80 => {
                out.push(s.clone())
            }
            toml::Value::Array(a) => a.iter().for_each(|x| walk(x, true, out)),
            toml::Value::Table(t) => t.values().for_each(|x| walk(x, false, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (_, text) in letterlint::rules::BUILTIN {
        let v: toml::Value = toml::from_str(text).expect("built-in pack parses");
        walk(&v, false, &mut out);
    }
    out.sort();
    out.dedup();
    out
}

fn floor_automaton() -> AhoCorasick {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(pack_phrases())
        .expect("automaton builds")
}

fn bench(c: &mut Criterion) {
    let sources = sources();
    let bytes: u64 = sources.iter().map(|s| s.text.len() as u64).sum();
    let letter = one(&sources);
    let linter = Linter::new(Config::default()).unwrap();
    let ac = floor_automaton();
    let pack = letterlint::rules::Pack::builtin().unwrap();
    let d = &pack.document;
    let masks = MaskPatterns::new(&d.placeholders, &d.urls, &d.emails)
        .unwrap()
        .with_abbreviations(&d.abbreviations);

    let mut g = c.benchmark_group("lint");
    g.throughput(Throughput::Bytes(letter.text.len() as u64));
    g.bench_function("one-letter", |b| {
        b.iter(|| linter.lint(&letter).diagnostics.len())
    });
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(10);
    g.bench_function("1000-letters", |b| {
        b.iter(|| {
            sources
                .iter()
                .map(|s| linter.lint(s).diagnostics.len())
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(10);
    g.bench_function("document", |b| {
        b.iter(|| {
            sources
                .iter()
                .map(|s| Document::parse(&s.text, s.format, &masks).sentences().len())
                .sum::<usize>()
        })
    });
    g.bench_function("anonymise", |b| {
        b.iter(|| {
            sources
                .iter()
                .map(|s| linter.anonymise(s, Mode::Label).text.len())
                .sum::<usize>()
        })
    });
    g.bench_function("rewrite", |b| {
        b.iter(|| {
            sources
                .iter()
                .map(|s| linter.fix(s, Applicability::Manual).text.len())
                .sum::<usize>()
        })
    });
    g.bench_function("floor/aho-corasick", |b| {
        b.iter(|| {
            sources
                .iter()
                .map(|s| ac.find_iter(&s.text).count())
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("compile");
    g.sample_size(10);
    g.bench_function("linter-new", |b| {
        b.iter(|| Linter::new(Config::default()).unwrap())
    });
    g.finish();
}

/// A letter of about `bytes` bytes in which every sentence names a member of staff.
fn name_dense(bytes: usize) -> Source {
    const GIVEN: [&str; 18] = [
        "Sarah", "James", "Mohammed", "Aisha", "Tom", "Priya", "Oliver", "Grace", "Daniel",
        "Fatima", "Liam", "Chloe", "Ewan", "Megan", "Kwame", "Zofia", "Rhys", "Siobhan",
    ];
    const SURNAMES: [&str; 18] = [
        "Jones", "Patel", "Okafor", "Smith", "Nowak", "Murray", "Evans", "Khan", "Taylor", "Brown",
        "Hughes", "Lewis", "Walker", "Wright", "Ahmed", "Davies", "Clarke", "Morgan",
    ];
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut pick = |n: usize| {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    };
    let mut text = String::from("Dear Mrs Brown,\n\n");
    while text.len() < bytes {
        for _ in 0..6 {
            let g = GIVEN[pick(18)];
            let mut s = SURNAMES[pick(18)].to_string();
            if pick(10) < 3 {
                s = format!("{s}-{}", SURNAMES[pick(18)]);
            }
            let sentence = match pick(5) {
                0 => format!("Our housing officer, {g} {s}, visited on 3 May. "),
                1 => format!("Mr {s} did not call you back. "),
                2 => format!("{g} from the repairs team said the work was done. "),
                3 => format!("Ms {s} wrote to you on 12 June. "),
                _ => format!("I have spoken to {g} {s}, the team leader. "),
            };
            text.push_str(&sentence);
        }
        text.push_str("\n\n");
    }
    text.push_str("Yours sincerely,\n\nJane Doe\n");
    Source::new("dense.txt", text, Format::Text)
}

fn bench_scaling(c: &mut Criterion) {
    let linter = Linter::new(Config::default()).unwrap();
    let mut g = c.benchmark_group("scaling");
    g.sample_size(10);
    for mb in [1, 2, 4, 16] {
        let letter = name_dense(mb * 1_000_000);
        g.throughput(Throughput::Bytes(letter.text.len() as u64));
        g.bench_function(format!("name-dense/{mb}MB"), |b| {
            b.iter(|| linter.lint(&letter).diagnostics.len())
        });
    }
    g.finish();
}

/// Prints `lint` over the corpus as a fraction of the aho-corasick floor, measured here
/// in the same run (best of three passes each).
fn summary() {
    let sources = sources();
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let linter = Linter::new(Config::default()).unwrap();
    let ac = floor_automaton();
    let best = |f: &dyn Fn() -> usize| {
        (0..3)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min)
    };
    let lint = best(&|| {
        sources
            .iter()
            .map(|s| linter.lint(s).diagnostics.len())
            .sum()
    });
    let floor = best(&|| sources.iter().map(|s| ac.find_iter(&s.text).count()).sum());
    let mbs = |secs: f64| bytes as f64 / 1e6 / secs;
    println!(
        "\nsummary: {} letters, {:.1} MB; lint {:.2} MB/s; aho-corasick floor ({} phrases) {:.1} MB/s; lint is {:.4} of the floor",
        sources.len(),
        bytes as f64 / 1e6,
        mbs(lint),
        pack_phrases().len(),
        mbs(floor),
        floor / lint
    );
}

criterion_group!(benches, bench, bench_scaling);

fn main() {
    benches();
    criterion::Criterion::default()
        .configure_from_args()
        .final_summary();
    summary();
}
