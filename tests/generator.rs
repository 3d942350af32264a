//! Properties of the benchmark corpus generator (`benches/corpus/`): determinism, sizes, mix, signposting, slots, names.

#[path = "../benches/corpus/mod.rs"]
mod gen;

use gen::{corpus, write_corpus, Generator, Letter};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

const N: usize = 1000;

fn sample() -> &'static [Letter] {
    static S: OnceLock<Vec<Letter>> = OnceLock::new();
    S.get_or_init(|| corpus(20_240_601, N))
}

fn share(n: usize, of: usize) -> f64 {
    n as f64 / of as f64
}

#[test]
fn same_seed_same_bytes() {
    let a = corpus(42, 300);
    let b = corpus(42, 300);
    assert!(a
        .iter()
        .zip(&b)
        .all(|(x, y)| x.text == y.text && x.name == y.name));
    // A Generator yields the same stream as corpus().
    let mut g = Generator::new(42);
    for l in &a {
        let m = g.letter();
        assert_eq!(
            (
                m.name.as_str(),
                m.text.as_str(),
                m.kind,
                m.sector,
                m.markdown
            ),
            (
                l.name.as_str(),
                l.text.as_str(),
                l.kind,
                l.sector,
                l.markdown
            )
        );
    }
}

#[test]
fn different_seeds_differ() {
    let a = corpus(1, 200);
    let b = corpus(2, 200);
    let same = a.iter().zip(&b).filter(|(x, y)| x.text == y.text).count();
    assert_eq!(same, 0, "{same} letters identical across seeds");
    let texts: BTreeSet<&str> = a.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts.len(), a.len(), "a seed repeats a letter");
}

#[test]
fn sizes_within_2_to_8_kb() {
    let sizes: Vec<usize> = sample().iter().map(|l| l.text.len()).collect();
    for (l, &s) in sample().iter().zip(&sizes) {
        assert!((2048..=8192).contains(&s), "{} is {s} bytes", l.name);
    }
    let mut sorted = sizes.clone();
    sorted.sort_unstable();
    let median = sorted[N / 2];
    assert!((2500..=5000).contains(&median), "median {median}");
    eprintln!(
        "sizes: min {} median {median} max {}",
        sorted[0],
        sorted[N - 1]
    );
}

#[test]
fn about_a_fifth_markdown() {
    let md: Vec<&Letter> = sample().iter().filter(|l| l.markdown).collect();
    let s = share(md.len(), N);
    assert!((0.15..=0.25).contains(&s), "markdown share {s}");
    for l in sample() {
        assert_eq!(l.name.ends_with(".md"), l.markdown, "{}", l.name);
        if l.markdown {
            assert!(
                l.text.contains("## ") || l.text.contains("**"),
                "{} has no Markdown",
                l.name
            );
        } else {
            assert!(
                !l.text.contains("**") && !l.text.contains("\n## ") && !l.text.starts_with('#'),
                "{} has Markdown",
                l.name
            );
        }
    }
    // Markdown letters use headings, bullet lists and bold across the sample.
    let has = |p: &str| md.iter().filter(|l| l.text.contains(p)).count();
    assert!(has("\n## ") > md.len() / 2 && has("\n- ") > md.len() / 4 && has("**") > md.len() / 2);
}

#[test]
fn kind_and_sector_mix() {
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let mut sectors: BTreeMap<&str, usize> = BTreeMap::new();
    for l in sample() {
        *kinds.entry(l.kind).or_default() += 1;
        *sectors.entry(l.sector).or_default() += 1;
    }
    eprintln!("kinds {kinds:?}\nsectors {sectors:?}");
    let k = |name: &str| share(kinds.get(name).copied().unwrap_or(0), N);
    assert!((0.6..=0.8).contains(&k("decision")), "{kinds:?}");
    assert!((0.1..=0.26).contains(&k("acknowledgement")), "{kinds:?}");
    assert!((0.06..=0.18).contains(&k("update")), "{kinds:?}");
    assert_eq!(kinds.len(), 3, "{kinds:?}");
    for s in [
        "council",
        "nhs",
        "housing",
        "financial",
        "scotland",
        "wales",
        "ni",
    ] {
        let got = share(sectors.get(s).copied().unwrap_or(0), N);
        assert!(got >= 0.03, "sector {s}: {got}");
    }
    assert_eq!(sectors.len(), 7, "{sectors:?}");
    for l in sample() {
        assert!(
            matches!(l.kind, "decision" | "acknowledgement" | "update"),
            "{}: kind {}",
            l.name,
            l.kind
        );
    }
}

fn ombudsman(sector: &str) -> &'static str {
    match sector {
        "council" => "Local Government and Social Care Ombudsman",
        "nhs" => "Parliamentary and Health Service Ombudsman",
        "housing" => "Housing Ombudsman Service",
        "financial" => "Financial Ombudsman Service",
        "scotland" => "Scottish Public Services Ombudsman",
        "wales" => "Public Services Ombudsman for Wales",
        "ni" => "Northern Ireland Public Services Ombudsman",
        s => panic!("unknown sector {s}"),
    }
}

const BODIES: [&str; 7] = [
    "council",
    "nhs",
    "housing",
    "financial",
    "scotland",
    "wales",
    "ni",
];

#[test]
fn most_decisions_signpost_the_right_ombudsman() {
    let decisions: Vec<&Letter> = sample().iter().filter(|l| l.kind == "decision").collect();
    let flat = |l: &Letter| l.text.replace('\n', " ").replace("**", "");
    let signposted = decisions
        .iter()
        .filter(|l| flat(l).contains(ombudsman(l.sector)))
        .count();
    let s = share(signposted, decisions.len());
    eprintln!(
        "signposted {signposted} of {} decisions ({s:.3})",
        decisions.len()
    );
    assert!((0.7..=0.9).contains(&s), "signposting share {s}");
    // Never a wrong body, in any letter.
    for l in sample() {
        for other in BODIES.iter().filter(|&&o| o != l.sector) {
            let name = ombudsman(other);
            if name != ombudsman(l.sector) {
                assert!(
                    !flat(l).contains(name),
                    "{} ({}) names the {name}",
                    l.name,
                    l.sector
                );
            }
        }
    }
    // Signposting letters give contact details and a time limit.
    for l in decisions
        .iter()
        .filter(|l| flat(l).contains(ombudsman(l.sector)))
    {
        let t = flat(l);
        assert!(
            t.contains("www.") || t.contains("0300") || t.contains("0800") || t.contains("0345"),
            "{}: no contact",
            l.name
        );
        assert!(
            t.contains("month") || t.contains("year"),
            "{}: no time limit",
            l.name
        );
    }
    // Financial decisions that signpost mostly carry the DISP 1 Annex 3R wording.
    let fos: Vec<&&Letter> = decisions
        .iter()
        .filter(|l| l.sector == "financial" && flat(l).contains("Financial Ombudsman Service"))
        .collect();
    let disp = fos
        .iter()
        .filter(|l| flat(l).contains("will not have our permission to consider your complaint"))
        .count();
    assert!(share(disp, fos.len()) > 0.6, "{disp} of {}", fos.len());
}

#[test]
fn every_slot_filled() {
    for l in sample() {
        assert!(
            !l.text.contains('{') && !l.text.contains('}'),
            "{}: unfilled slot",
            l.name
        );
        assert!(
            !l.text.contains("  \n\n") && !l.text.contains("\n\n\n"),
            "{}: stray blank lines",
            l.name
        );
        assert!(
            !l.text.contains(",.") && !l.text.contains(" ,") && !l.text.contains(" ."),
            "{}: stray punctuation",
            l.name
        );
        assert!(
            l.text.ends_with('\n') && !l.text.ends_with("\n\n"),
            "{}: ending",
            l.name
        );
    }
}

/// Given names and surnames from the data file.
fn pools() -> (BTreeSet<String>, BTreeSet<String>) {
    #[derive(serde::Deserialize)]
    struct Names {
        female: Vec<String>,
        male: Vec<String>,
        surname: Vec<String>,
    }
    #[derive(serde::Deserialize)]
    struct File {
        names: Names,
    }
    #[derive(serde::Deserialize)]
    struct Loose {
        names: toml::Value,
    }
    let text = include_str!("../benches/corpus/banks.toml");
    let loose: Loose = toml::from_str(text).expect("banks.toml parses");
    let file = File {
        names: loose.names.try_into().expect("names"),
    };
    let given = file
        .names
        .female
        .into_iter()
        .chain(file.names.male)
        .collect();
    (given, file.names.surname.into_iter().collect())
}

#[test]
fn names_are_varied() {
    let (given, surnames) = pools();
    assert!(
        given.len() >= 120 && surnames.len() >= 100,
        "{} given, {} surnames",
        given.len(),
        surnames.len()
    );
    // Distinct "Given Surname" pairs outside the address, greeting and sign-off: officers
    // (and a few relatives).
    let mut officers = BTreeSet::new();
    let mut surnames_seen = BTreeSet::new();
    for l in sample() {
        let dear = l.text.find("\nDear ").unwrap_or(0);
        let sign = ["Yours sincerely", "Kind regards"]
            .iter()
            .filter_map(|s| l.text.rfind(s))
            .max()
            .unwrap_or(l.text.len());
        let body = &l.text[dear..sign];
        let body = &body[body.find('\n').map_or(0, |i| i + 1).min(body.len())..];
        let words: Vec<&str> = body
            .split(|c: char| c.is_whitespace() || ",.;:()*".contains(c))
            .filter(|w| !w.is_empty())
            .collect();
        for w in words.windows(2) {
            if given.contains(w[0]) && surnames.contains(w[1]) {
                officers.insert(format!("{} {}", w[0], w[1]));
            }
        }
        for w in &words {
            if surnames.contains(*w) {
                surnames_seen.insert(w.to_string());
            }
        }
    }
    eprintln!(
        "{} distinct officer names, {} surnames seen",
        officers.len(),
        surnames_seen.len()
    );
    assert!(
        officers.len() >= 100,
        "only {} distinct officer names",
        officers.len()
    );
    assert!(surnames_seen.len() >= 60);
    // The officer forms all occur: title + surname, apposition, "X from our team", e-mail, direct line.
    let all: String = sample().iter().map(|l| l.text.replace('\n', " ")).collect();
    for form in [", our ", " from our ", "@", "direct", "Mr ", "Ms ", "Dr "] {
        assert!(all.contains(form), "no {form:?} in the corpus");
    }
}

#[test]
fn paragraphs_are_varied() {
    // No paragraph of prose (beyond the official Ombudsman texts) is in a large share of letters.
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut openings: BTreeSet<String> = BTreeSet::new();
    for l in sample() {
        let mut seen = BTreeSet::new();
        for p in l.text.split("\n\n") {
            let p = p.replace('\n', " ").replace("\u{2019}", "'");
            if p.len() < 100 || p.contains("Ombudsman") {
                continue;
            }
            openings.insert(p.split(' ').take(3).collect::<Vec<_>>().join(" "));
            if seen.insert(p.clone()) {
                *counts.entry(p).or_default() += 1;
            }
        }
    }
    let (top, n) = counts.iter().max_by_key(|(_, &n)| n).expect("paragraphs");
    eprintln!(
        "{} distinct paragraphs, {} distinct openings; most common in {n} letters: {top:.60}",
        counts.len(),
        openings.len()
    );
    assert!(share(*n, N) < 0.1, "{top:?} is in {n} letters");
    assert!(
        openings.len() >= 300,
        "{} distinct openings",
        openings.len()
    );
}

#[test]
fn decisions_state_an_outcome() {
    for l in sample().iter().filter(|l| l.kind == "decision") {
        let t = l.text.to_lowercase();
        assert!(
            t.contains("uphold") || t.contains("upheld"),
            "{}: no outcome",
            l.name
        );
    }
}

#[test]
fn writes_a_corpus_to_disk() {
    let dir = std::env::temp_dir().join(format!("letterlint-corpus-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let bytes = write_corpus(&dir, 9, 120).expect("written");
    let mut files = 0;
    let mut on_disk = 0;
    for sub in ["decisions", "acknowledgements", "updates"] {
        for e in std::fs::read_dir(dir.join(sub)).expect("subfolder") {
            let e = e.expect("entry");
            files += 1;
            on_disk += e.metadata().expect("metadata").len() as usize;
        }
    }
    assert_eq!((files, on_disk), (120, bytes));
    let expected: usize = corpus(9, 120).iter().map(|l| l.text.len()).sum();
    assert_eq!(bytes, expected);
    std::fs::remove_dir_all(&dir).expect("cleaned up");
}
