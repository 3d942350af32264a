//! Properties of the benchmark corpus generator (`benches/corpus/`): determinism, sizes, mix, signposting, slots, names,
//! and the ground truth each letter records of who is staff (`Letter::staff`, `Letter::lookalikes`).

#[path = "../benches/corpus/mod.rs"]
mod gen;

use gen::{corpus, write_corpus, Generator, Letter, Named};
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
    assert!(a.iter().zip(&b).all(|(x, y)| x.text == y.text
        && x.name == y.name
        && x.staff == y.staff
        && x.lookalikes == y.lookalikes
        && x.sender == y.sender));
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

/// White space runs as one space, curly apostrophes straight: how forms are recorded.
fn folded(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('\u{2019}', "'")
}

/// The identifying words of a name, lower case: its words at spaces, hyphens and
/// apostrophes, without particles and single letters; each also folded to ASCII.
fn words_of(p: &Named) -> BTreeSet<String> {
    const PARTICLES: &[&str] = &[
        "ap", "ab", "de", "da", "di", "del", "della", "dos", "das", "do", "van", "von", "der",
        "den", "ten", "le", "la", "du", "bin", "binti", "bint", "ibn", "al", "el", "ní", "nic",
        "ó", "ua", "y", "st",
    ];
    let mut out = BTreeSet::new();
    for w in format!("{} {}", p.first, p.last).split([' ', '-', '\'']) {
        let w = w.to_lowercase();
        if w.chars().count() < 2 || PARTICLES.contains(&w.as_str()) {
            continue;
        }
        let ascii: String = w
            .chars()
            .filter_map(|c| match c {
                'a'..='z' => Some(c),
                'á' | 'à' | 'â' | 'ä' | 'ã' | 'ą' => Some('a'),
                'é' | 'è' | 'ê' | 'ë' | 'ę' => Some('e'),
                'í' | 'ì' | 'î' | 'ï' => Some('i'),
                'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => Some('o'),
                'ú' | 'ù' | 'û' | 'ü' => Some('u'),
                'ç' | 'ć' | 'č' => Some('c'),
                'ł' => Some('l'),
                'ñ' | 'ń' => Some('n'),
                'ś' | 'š' | 'ş' => Some('s'),
                'ž' | 'ź' | 'ż' => Some('z'),
                'ē' => Some('e'),
                'ā' => Some('a'),
                'ņ' => Some('n'),
                'ř' => Some('r'),
                'ě' => Some('e'),
                _ => None,
            })
            .collect();
        if ascii.chars().count() >= 2 {
            out.insert(ascii);
        }
        out.insert(w);
    }
    for f in p.forms.iter().filter(|f| f.shapes.contains(&"email")) {
        for t in f.text.to_lowercase().split(|c: char| !c.is_alphanumeric()) {
            if t.len() >= 3 {
                out.insert(t.to_string());
            }
        }
    }
    out
}

/// Whole-word occurrences of `word` (lower case) in `text`, any case: byte offsets into
/// `text`.
fn word_at(text: &str, word: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let want: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    'at: for i in 0..chars.len() {
        if i > 0 && chars[i - 1].1.is_alphanumeric() {
            continue;
        }
        if i + want.len() > chars.len() {
            break;
        }
        for (k, w) in want.iter().enumerate() {
            if chars[i + k].1.to_lowercase().next() != Some(*w) {
                continue 'at;
            }
        }
        if chars
            .get(i + want.len())
            .is_some_and(|c| c.1.is_alphanumeric())
        {
            continue;
        }
        out.push(chars[i].0);
    }
    out
}

#[test]
fn ground_truth_is_consistent() {
    let mut officers = 0;
    for l in sample() {
        let text = folded(&l.text);
        // Every recorded form is in the text.
        for p in l.staff.iter().chain(&l.lookalikes) {
            assert!(!p.forms.is_empty(), "{}: {p:?} has no form", l.name);
            for f in &p.forms {
                assert!(
                    text.contains(&f.text),
                    "{}: the {} form {:?} is not in the text",
                    l.name,
                    p.role,
                    f.text
                );
            }
        }
        // The complainant and the signatory are always there, and never staff.
        let roles: Vec<&str> = l.lookalikes.iter().map(|p| p.role).collect();
        assert!(
            roles.contains(&"complainant") && roles.contains(&"signatory"),
            "{}: {roles:?}",
            l.name
        );
        assert!(l.staff.iter().all(|p| p.role == "officer"));
        assert!(l.lookalikes.iter().all(|p| matches!(
            p.role,
            "complainant" | "signatory" | "relative" | "third_party"
        )));
        // Every occurrence of an officer's name word is inside one of that officer's
        // forms, unless a look-alike has the word too.
        let look: BTreeSet<String> = l.lookalikes.iter().flat_map(words_of).collect();
        for o in &l.staff {
            officers += 1;
            let spans: Vec<(usize, usize)> = o
                .forms
                .iter()
                .flat_map(|f| {
                    text.match_indices(f.text.as_str())
                        .map(|(i, m)| (i, i + m.len()))
                })
                .collect();
            for w in words_of(o).difference(&look) {
                for at in word_at(&text, w) {
                    assert!(
                        spans.iter().any(|&(a, b)| a <= at && at + w.len() <= b),
                        "{}: officer {} {}: {w:?} at {at} is outside the forms {:?}",
                        l.name,
                        o.first,
                        o.last,
                        o.forms.iter().map(|f| &f.text).collect::<Vec<_>>()
                    );
                }
            }
            // Officers' names share no word with each other's.
            for other in l.staff.iter().filter(|x| *x != o) {
                assert!(
                    words_of(o).is_disjoint(&words_of(other)),
                    "{}: {} {} and {} {}",
                    l.name,
                    o.first,
                    o.last,
                    other.first,
                    other.last
                );
            }
        }
        // An e-mail address written for an officer has its local part recorded.
        for o in &l.staff {
            for f in o.forms.iter().filter(|f| f.shapes.contains(&"email")) {
                assert!(
                    text.contains(&format!("{}@", f.text)),
                    "{}: {:?}",
                    l.name,
                    f.text
                );
            }
        }
        // The generator's own check agrees.
        gen::check_ground_truth(l).unwrap_or_else(|e| panic!("{}: {e}", l.name));
    }
    assert!(officers > N, "{officers} officers");
}

/// Share of letters with a person of `role` whose name or a form has `shape`.
fn with_shape(role: &str, shape: &str) -> f64 {
    let n = sample()
        .iter()
        .filter(|l| {
            l.staff.iter().chain(&l.lookalikes).any(|p| {
                p.role == role
                    && (p.shapes.contains(&shape)
                        || p.forms.iter().any(|f| f.shapes.contains(&shape)))
            })
        })
        .count();
    share(n, N)
}

#[test]
fn the_name_shapes_that_leak_are_drawn_modestly() {
    let mut table = Vec::new();
    for (role, shape, lo, hi) in [
        ("officer", "particle", 0.05, 0.35),
        ("officer", "multiword", 0.05, 0.35),
        ("officer", "given_surname", 0.03, 0.25),
        ("officer", "non_ascii", 0.05, 0.35),
        ("officer", "shares_signatory", 0.01, 0.12),
        ("officer", "job_title", 0.05, 0.35),
        ("officer", "first_team", 0.05, 0.35),
        ("officer", "adverb", 0.05, 0.35),
        ("officer", "caps", 0.03, 0.2),
        ("officer", "collar", 0.005, 0.08),
        ("officer", "email", 0.05, 0.35),
        ("complainant", "first_name_greeting", 0.05, 0.25),
        ("complainant", "particle", 0.05, 0.25),
        ("third_party", "collar", 0.002, 0.08),
        ("third_party", "full", 0.02, 0.25),
        ("relative", "apposition", 0.02, 0.3),
    ] {
        let s = with_shape(role, shape);
        table.push(format!("{role} {shape}: {s:.3}"));
        assert!((lo..=hi).contains(&s), "{role} {shape}: {s:.3} of letters");
    }
    eprintln!("{}", table.join("\n"));
    // Collar numbers: staff only where a police force writes, third parties elsewhere.
    for l in sample() {
        let police = l.sender == "police";
        for p in l.staff.iter().chain(&l.lookalikes) {
            for f in p.forms.iter().filter(|f| f.shapes.contains(&"collar")) {
                assert_eq!(
                    p.role == "officer",
                    police,
                    "{}: {} {:?}",
                    l.name,
                    p.role,
                    f.text
                );
                assert!(f
                    .text
                    .split(' ')
                    .any(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())));
            }
        }
    }
    // The shapes the brief names, each somewhere in the sample.
    let all: String = sample()
        .iter()
        .map(|l| folded(&l.text))
        .collect::<Vec<_>>()
        .join("\n");
    for needle in [
        " from the control room",
        "Customer Relations Adviser ",
        "Billing Specialist ",
        "Metering Engineer ",
        "Complaints Handler ",
        "Team Leader ",
        "Ward Manager ",
        "our matron, ",
        "Repairs Planner ",
        " who inspected,",
        "INVESTIGATING OFFICER: ",
        "Later, ",
        "However, ",
        "Sadly, ",
        "Yesterday",
        " Da Silva",
        " De Souza",
        "van der Berg",
        " ap Gwyn",
        " Wyn Jones",
        " Ní Bhriain",
        " bin Rashid",
        " El Amrani",
        " Le Roux",
        " ap Thomas",
        " dos Santos",
        "PC ",
    ] {
        assert!(all.contains(needle), "no {needle:?} in the sample");
    }
}

#[test]
fn police_forces_write_too() {
    let police: Vec<&Letter> = sample().iter().filter(|l| l.sender == "police").collect();
    let s = share(police.len(), N);
    assert!((0.01..=0.1).contains(&s), "police share {s}");
    for l in sample() {
        assert!(
            matches!(
                l.sender,
                "council" | "nhs" | "housing" | "financial" | "police"
            ),
            "{}: {}",
            l.name,
            l.sender
        );
    }
    for l in &police {
        assert_eq!(l.sector, "council", "{}", l.name);
        let t = folded(&l.text);
        assert!(
            !t.contains("Ombudsman"),
            "{}: a police force names an Ombudsman",
            l.name
        );
        if l.kind == "decision" && t.contains("apply for a review") {
            assert!(
                t.contains("28 days") && t.contains("policeconduct.gov.uk"),
                "{}",
                l.name
            );
        }
    }
}
