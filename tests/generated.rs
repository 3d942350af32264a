//! Corpus regression over the seeded letter generator (`benches/corpus/`), after issue 19
//! (an outside generator found panics, and staff names left after `anonymise`): every
//! entry point (`try_lint`; `try_fix` at Safe, Manual and Unsafe; `try_anonymise` in
//! Label, Role and Organisation modes; `invariants::check`) on 3,000 generated letters
//! from four seeds. No letter may panic; no letter outside `KNOWN_BROKEN` may break an
//! invariant; and a STRICT leak law, read against the generator's ground truth
//! (`Letter::staff`, `Letter::lookalikes`), is held to a ratchet (`MAX_LEAKING`).
//!
//! The leak law: after the rewrite (`fix` at Manual) and after `anonymise` in every mode,
//! no word of an officer's name (whole word, any case; not a particle such as "van" or
//! "ap", not a word that is also a look-alike's name in that letter; titles are not name
//! words) remains where it was written inside a staff mention. Where a word was written
//! is followed into the output by a token diff; as a backstop, an output may hold no
//! more of a word than the input held outside staff mentions (none: the generator writes
//! officers' words nowhere else). It prints the leak rate (letters leaking / letters
//! naming staff) per output, and per shape of name and of mention, the look-alike forms
//! lost, the panics, the broken invariants and the time each entry point took.
//!
//! Too slow for a debug build: the full run is `#[ignore]`d and runs in release in its
//! own CI step, `cargo test --release --test generated -- --ignored --nocapture` (40–60 s
//! on the 2-core machine, most of it in `fix` and `invariants::check`). Set
//! `LETTERLINT_GENERATED_DIR` to a directory to have the letters that panic, break an
//! invariant or leak written there, with `REPORT.txt` saying what each did. A few letters
//! run through every entry point in every `cargo test` (`smoke_every_entry_point`).

#[path = "../benches/corpus/mod.rs"]
mod gen;

use gen::{find_word, fold, lower, Letter, Named};
use letterlint::anonymise::Mode;
use letterlint::{Applicability, Config, Format, Linter, Source};
use similar::{capture_diff_slices, Algorithm, DiffOp};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// The seeds of the full run, and how many letters of each: 3,000 letters.
const SEEDS: [(u64, usize); 4] = [(1, 750), (19, 750), (2024, 750), (9500, 750)];

/// The outputs the leak law reads: the default rewrite, then `anonymise` in each mode.
const OUTPUTS: [&str; 4] = ["rewrite", "label", "role", "organisation"];

/// RATCHET, per output (in `OUTPUTS` order): how many letters of the full run leak an
/// officer's name word today (measured at e3c8510: 1,328 of the 2,947 naming staff, 45 %,
/// in every output: the misses are the detector's, not a mode's). The detector is known
/// to leak (issue 19); the TARGET IS 0 (issue 18). Lower these whenever the detector
/// improves (the test says when it can); they must never rise. A change to the generator
/// changes the letters: re-measure then.
const MAX_LEAKING: [usize; 4] = [1328, 1328, 1328, 1328];

/// Letters of the full run that break `invariants::check` today, and how; the target is
/// none. All ten are one bug: a label written for "Wei from team" ("Officer B from team")
/// is found again as a first name ("B from team"), so the rewrite never settles while an
/// e-mail address keeps another officer's mention open (smallest reproducer, at Safe:
/// "george.kaya@sperrin.org.uk George from team"), and without one settles on "Officer
/// Officer A from team" ("Ms Okafor called you. Wei from team wrote to you."). Any other
/// letter breaking an invariant fails the test; one of these mending says so.
const KNOWN_BROKEN: &[(&str, &str)] = &[
    ("seed-1/letter-00192.txt", SAFE_NO_FIXED_POINT),
    ("seed-1/letter-00249.md", SAFE_NO_FIXED_POINT),
    ("seed-1/letter-00329.txt", SAFE_NO_FIXED_POINT),
    ("seed-1/letter-00332.txt", SAFE_NO_FIXED_POINT),
    ("seed-1/letter-00342.txt", SAFE_NO_FIXED_POINT),
    ("seed-1/letter-00435.txt", SAFE_NO_FIXED_POINT),
    ("seed-19/letter-00244.txt", SAFE_NO_FIXED_POINT),
    ("seed-19/letter-00683.txt", SAFE_NO_FIXED_POINT),
    ("seed-9500/letter-00352.txt", SAFE_NO_FIXED_POINT),
    ("seed-9500/letter-00709.txt", SAFE_NO_FIXED_POINT),
];
const SAFE_NO_FIXED_POINT: &str = "Safe: the rewrite reached no fixed point";

fn linter() -> Linter {
    Linter::new(Config::default()).expect("the built-in pack compiles")
}

fn source(l: &Letter, name: &str) -> Source {
    let format = if l.markdown {
        Format::Markdown
    } else {
        Format::Text
    };
    Source::new(name, l.text.clone(), format)
}

/// A letter's text as tokens: runs of letters and digits, and every other char alone;
/// each with its byte offset.
fn tokens(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::with_capacity(text.len() / 3);
    let mut run: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            run.get_or_insert(i);
            continue;
        }
        if let Some(s) = run.take() {
            out.push((s, &text[s..i]));
        }
        out.push((i, &text[i..i + c.len_utf8()]));
    }
    if let Some(s) = run {
        out.push((s, &text[s..]));
    }
    out
}

/// One place an officer is named in the (folded) input: the longest recorded form there.
struct Mention {
    start: usize,
    end: usize,
    officer: usize,
    shapes: Vec<&'static str>,
    leaked: [bool; 4],
}

/// What happened to one letter.
#[derive(Default)]
struct Outcome {
    name: String,
    panics: Vec<String>,
    broken: Option<String>,
    /// Whether the letter names staff, and whether it leaks, per output.
    staff: bool,
    leaking: [bool; 4],
    /// Per mention: its shapes (the form's and the name's) and whether it leaked.
    mentions: Vec<(Vec<&'static str>, [bool; 4])>,
    /// Per officer: the name's shapes and whether any of it leaked.
    officers: Vec<(Vec<&'static str>, [bool; 4])>,
    /// Look-alike form occurrences, and those lost per output (informational).
    lookalikes: usize,
    lost: [usize; 4],
    /// What leaked, for the report.
    leaks: Vec<String>,
    /// Seconds spent in lint, fix, anonymise, invariants::check and the leak law.
    seconds: [f64; 5],
}

/// Runs every entry point on one letter and applies the leak law to its outputs.
fn run(linter: &Linter, l: &Letter, name: &str) -> Outcome {
    let src = source(l, name);
    let mut o = Outcome {
        name: name.to_string(),
        ..Outcome::default()
    };
    let mut clock = Instant::now();
    let mut lap = |o: &mut Outcome, i: usize| {
        o.seconds[i] += clock.elapsed().as_secs_f64();
        clock = Instant::now();
    };
    if let Err(e) = linter.try_lint(&src) {
        o.panics.push(format!("lint: {e}"));
    }
    lap(&mut o, 0);
    let mut outputs: [Option<String>; 4] = Default::default();
    for level in [
        Applicability::Safe,
        Applicability::Manual,
        Applicability::Unsafe,
    ] {
        match linter.try_fix(&src, level) {
            Ok(f) if level == Applicability::Manual => outputs[0] = Some(f.text),
            Ok(_) => {}
            Err(e) => o.panics.push(format!("fix {level:?}: {e}")),
        }
    }
    lap(&mut o, 1);
    for (i, mode) in [Mode::Label, Mode::Role, Mode::Organisation]
        .into_iter()
        .enumerate()
    {
        match linter.try_anonymise(&src, mode) {
            Ok(a) => outputs[i + 1] = Some(a.text),
            Err(e) => o.panics.push(format!("anonymise {mode:?}: {e}")),
        }
    }
    lap(&mut o, 2);
    match letterlint::guard::isolate(name, || letterlint::invariants::check(linter, &src)) {
        Ok(Ok(())) => {}
        Ok(Err(e)) => o.broken = Some(e),
        Err(e) => o.panics.push(format!("invariants::check: {e}")),
    }
    lap(&mut o, 3);
    leak_law(l, &outputs, &mut o);
    lap(&mut o, 4);
    o
}

fn leak_law(l: &Letter, outputs: &[Option<String>; 4], o: &mut Outcome) {
    let text = fold(&l.text);
    let low = lower(&text);
    let look: Vec<String> = l.lookalikes.iter().flat_map(Named::words).collect();
    o.staff = !l.staff.is_empty();
    // Every occurrence of a recorded form; one inside a longer one of the same officer
    // is that one's.
    let mut found: Vec<Mention> = Vec::new();
    for (k, p) in l.staff.iter().enumerate() {
        for f in &p.forms {
            for (i, _) in text.match_indices(f.text.as_str()) {
                let mut shapes = f.shapes.clone();
                shapes.extend(p.shapes.iter().copied());
                found.push(Mention {
                    start: i,
                    end: i + f.text.len(),
                    officer: k,
                    shapes,
                    leaked: [false; 4],
                });
            }
        }
    }
    found.sort_by_key(|m| (m.start, usize::MAX - m.end));
    let mut mentions: Vec<Mention> = Vec::new();
    for m in found {
        if !mentions
            .iter()
            .any(|x| x.officer == m.officer && x.start <= m.start && m.end <= x.end)
        {
            mentions.push(m);
        }
    }
    // The officers' words: where each is written inside a mention, and how often outside.
    let mut inside: Vec<(usize, String, usize, usize)> = Vec::new(); // officer, word, at, mention
    let mut outside: BTreeMap<(usize, String), usize> = BTreeMap::new();
    for (k, p) in l.staff.iter().enumerate() {
        for w in p.words().into_iter().filter(|w| !look.contains(w)) {
            let mut out = 0;
            for at in find_word(&low, &w) {
                match mentions
                    .iter()
                    .position(|m| m.officer == k && m.start <= at && at + w.len() <= m.end)
                {
                    Some(mi) => inside.push((k, w.clone(), at, mi)),
                    None => out += 1,
                }
            }
            outside.insert((k, w), out);
        }
    }
    let mut in_tokens: Option<Vec<(usize, &str)>> = None;
    let mut officer_leaked = vec![[false; 4]; l.staff.len()];
    for (j, out) in outputs.iter().enumerate() {
        let Some(out) = out else { continue };
        let tf = fold(out);
        let tl = lower(&tf);
        for p in &l.lookalikes {
            for f in &p.forms {
                let n = text.matches(f.text.as_str()).count();
                o.lost[j] += n.saturating_sub(tf.matches(f.text.as_str()).count());
                if j == 0 {
                    o.lookalikes += n;
                }
            }
        }
        // No officer word anywhere in the output: nothing leaked (and no diff to run).
        let counts: BTreeMap<(usize, &str), usize> = outside
            .keys()
            .map(|(k, w)| ((*k, w.as_str()), find_word(&tl, w).len()))
            .collect();
        if counts.values().all(|&n| n == 0) {
            continue;
        }
        let in_tokens = in_tokens.get_or_insert_with(|| tokens(&text));
        let in_strs: Vec<&str> = in_tokens.iter().map(|t| t.1).collect();
        let out_strs: Vec<&str> = tokens(&tf).into_iter().map(|t| t.1).collect();
        let mut kept = vec![false; in_strs.len()];
        for op in capture_diff_slices(Algorithm::Patience, &in_strs, &out_strs) {
            if let DiffOp::Equal { old_index, len, .. } = op {
                kept[old_index..old_index + len].fill(true);
            }
        }
        let mut survived: BTreeMap<(usize, &str), usize> = BTreeMap::new();
        for (k, w, at, mi) in &inside {
            let Ok(t) = in_tokens.binary_search_by_key(at, |t| t.0) else {
                continue;
            };
            if kept[t] {
                *survived.entry((*k, w.as_str())).or_default() += 1;
                let m = &mut mentions[*mi];
                if !m.leaked[j] {
                    o.leaks.push(format!(
                        "{}: {} keeps {w:?} of {:?}",
                        o.name,
                        OUTPUTS[j],
                        &text[m.start..m.end]
                    ));
                }
                m.leaked[j] = true;
                officer_leaked[*k][j] = true;
            }
        }
        // Backstop: more of a word than the input held outside mentions, wherever it is.
        for ((k, w), allowed) in &outside {
            let n = counts[&(*k, w.as_str())];
            let s = survived.get(&(*k, w.as_str())).copied().unwrap_or(0);
            if n > allowed + s {
                officer_leaked[*k][j] = true;
                o.leaks.push(format!(
                    "{}: {} holds {w:?} x{n} (moved)",
                    o.name, OUTPUTS[j]
                ));
            }
        }
    }
    for (k, p) in l.staff.iter().enumerate() {
        o.officers.push((p.shapes.clone(), officer_leaked[k]));
        for (j, leaked) in officer_leaked[k].iter().enumerate() {
            o.leaking[j] |= leaked;
        }
    }
    o.mentions = mentions.into_iter().map(|m| (m.shapes, m.leaked)).collect();
}

/// Runs `letters` on every core, in order.
fn run_all(letters: &[(String, Letter)]) -> Vec<Outcome> {
    let linter = linter();
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
    let mut all: Vec<(usize, Outcome)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((name, l)) = letters.get(i) else {
                            break;
                        };
                        mine.push((i, run(&linter, l, name)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a worker thread"))
            .collect()
    });
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, o)| o).collect()
}

fn pct(n: usize, of: usize) -> String {
    if of == 0 {
        "-".to_string()
    } else {
        format!("{:.1}%", 100.0 * n as f64 / of as f64)
    }
}

/// Counts per shape: how many, and how many leaked per output.
fn by_shape<'a>(
    items: impl Iterator<Item = &'a (Vec<&'static str>, [bool; 4])>,
) -> BTreeMap<&'static str, (usize, [usize; 4])> {
    let mut t: BTreeMap<&'static str, (usize, [usize; 4])> = BTreeMap::new();
    for (shapes, leaked) in items {
        let mut seen: Vec<&str> = Vec::new();
        for s in shapes {
            if seen.contains(s) {
                continue;
            }
            seen.push(s);
            let e = t.entry(s).or_default();
            e.0 += 1;
            for (j, &x) in leaked.iter().enumerate() {
                e.1[j] += usize::from(x);
            }
        }
    }
    t
}

fn print_shapes(title: &str, t: &BTreeMap<&'static str, (usize, [usize; 4])>) {
    println!(
        "\n{title:<22} {:>6} {:>14} {:>14} {:>14} {:>14}",
        "n", OUTPUTS[0], OUTPUTS[1], OUTPUTS[2], OUTPUTS[3]
    );
    for (shape, (n, leaked)) in t {
        print!("{shape:<22} {n:>6}");
        for l in leaked {
            print!(" {:>14}", format!("{l} {}", pct(*l, *n)));
        }
        println!();
    }
}

/// The letters of the full run, named by seed.
fn full_corpus() -> Vec<(String, Letter)> {
    let mut out = Vec::new();
    for (seed, n) in SEEDS {
        for l in gen::corpus(seed, n) {
            out.push((format!("seed-{seed}/{}", l.name), l));
        }
    }
    out
}

#[test]
#[ignore = "slow in debug builds: runs in release in its own CI step, `cargo test --release --test generated -- --ignored`"]
fn corpus_regression() {
    letterlint::guard::quiet_panics();
    let t0 = Instant::now();
    let letters = full_corpus();
    for (name, l) in &letters {
        gen::check_ground_truth(l).unwrap_or_else(|e| panic!("{name}: ground truth: {e}"));
    }
    let generated = t0.elapsed();
    let outcomes = run_all(&letters);
    let elapsed = t0.elapsed();

    let n = outcomes.len();
    let with_staff = outcomes.iter().filter(|o| o.staff).count();
    let panicking: Vec<&Outcome> = outcomes.iter().filter(|o| !o.panics.is_empty()).collect();
    let broken: Vec<&Outcome> = outcomes.iter().filter(|o| o.broken.is_some()).collect();
    let mut leaking = [0usize; 4];
    for o in &outcomes {
        for (j, &x) in o.leaking.iter().enumerate() {
            leaking[j] += usize::from(x);
        }
    }
    let any_leak = outcomes
        .iter()
        .filter(|o| o.leaking.contains(&true))
        .count();
    println!(
        "\ngenerated corpus: {n} letters ({} seeds), {with_staff} naming staff; \
         generated in {:.1} s, all run in {:.1} s",
        SEEDS.len(),
        generated.as_secs_f64(),
        elapsed.as_secs_f64()
    );
    let mut seconds = [0.0; 5];
    for o in &outcomes {
        for (i, x) in o.seconds.iter().enumerate() {
            seconds[i] += x;
        }
    }
    println!(
        "time across threads: lint {:.1} s, fix (3 levels) {:.1} s, anonymise (3 modes) {:.1} s, \
         invariants::check {:.1} s, leak law {:.1} s",
        seconds[0], seconds[1], seconds[2], seconds[3], seconds[4]
    );
    println!(
        "panics: {} letters ({} panics); invariants broken: {} letters",
        panicking.len(),
        panicking.iter().map(|o| o.panics.len()).sum::<usize>(),
        broken.len()
    );
    println!(
        "\nleak rate (letters leaking an officer's name word / letters naming staff)\n{:<14} {:>8} {:>8} {:>8}",
        "output", "leaking", "of", "rate"
    );
    for (j, out) in OUTPUTS.iter().enumerate() {
        println!(
            "{out:<14} {:>8} {with_staff:>8} {:>8}",
            leaking[j],
            pct(leaking[j], with_staff)
        );
    }
    println!(
        "{:<14} {any_leak:>8} {with_staff:>8} {:>8}",
        "any",
        pct(any_leak, with_staff)
    );
    print_shapes(
        "officers by name",
        &by_shape(outcomes.iter().flat_map(|o| &o.officers)),
    );
    print_shapes(
        "mentions by shape",
        &by_shape(outcomes.iter().flat_map(|o| &o.mentions)),
    );
    let lookalikes: usize = outcomes.iter().map(|o| o.lookalikes).sum();
    print!("\nlook-alike forms lost (of {lookalikes}, informational):");
    for (j, out) in OUTPUTS.iter().enumerate() {
        print!(
            " {out} {}",
            outcomes.iter().map(|o| o.lost[j]).sum::<usize>()
        );
    }
    println!();
    let leaks: Vec<&String> = outcomes.iter().flat_map(|o| &o.leaks).collect();
    println!("\nfirst leaks of {}:", leaks.len());
    for line in leaks.iter().take(40) {
        println!("  {line}");
    }
    for o in panicking.iter().take(20) {
        println!("PANIC {}: {}", o.name, o.panics.join("; "));
    }
    for o in broken.iter().take(40) {
        println!(
            "BROKEN {}: {}",
            o.name,
            o.broken.as_deref().unwrap_or_default()
        );
    }
    if let Some(dir) = std::env::var_os("LETTERLINT_GENERATED_DIR") {
        write_report(std::path::Path::new(&dir), &letters, &outcomes);
    }

    assert!(
        n >= 3000 && with_staff >= n * 9 / 10,
        "{n} letters, {with_staff} with staff"
    );
    assert!(
        panicking.is_empty(),
        "{} letters panic: {}",
        panicking.len(),
        panicking
            .iter()
            .map(|o| format!("{}: {}", o.name, o.panics.join("; ")))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let unknown: Vec<String> = broken
        .iter()
        .filter_map(|o| {
            let b = o.broken.as_deref().unwrap_or_default();
            (!KNOWN_BROKEN.contains(&(o.name.as_str(), b))).then(|| format!("{}: {b}", o.name))
        })
        .collect();
    assert!(
        unknown.is_empty(),
        "{} letters newly break the invariants:\n{}",
        unknown.len(),
        unknown.join("\n")
    );
    for (name, how) in KNOWN_BROKEN {
        if !broken.iter().any(|o| o.name == *name) {
            println!("{name} no longer breaks ({how}): remove it from KNOWN_BROKEN");
        }
    }
    for (j, out) in OUTPUTS.iter().enumerate() {
        assert!(
            leaking[j] <= MAX_LEAKING[j],
            "{out}: {} letters leak an officer's name, more than the ratchet's {}",
            leaking[j],
            MAX_LEAKING[j]
        );
        if leaking[j] < MAX_LEAKING[j] {
            println!(
                "{out}: {} letters leak, fewer than the ratchet's {}: lower MAX_LEAKING",
                leaking[j], MAX_LEAKING[j]
            );
        }
    }
}

/// Writes the letters that panic, break an invariant or leak, with what happened.
fn write_report(dir: &std::path::Path, letters: &[(String, Letter)], outcomes: &[Outcome]) {
    std::fs::create_dir_all(dir).expect("report directory");
    let mut report = String::new();
    for ((name, l), o) in letters.iter().zip(outcomes) {
        let bad = !o.panics.is_empty() || o.broken.is_some() || o.leaking.contains(&true);
        if !bad {
            continue;
        }
        let file = name.replace('/', "-");
        std::fs::write(dir.join(&file), &l.text).expect("letter written");
        report.push_str(&format!("{file}\n"));
        for p in &o.panics {
            report.push_str(&format!("  panic: {p}\n"));
        }
        if let Some(b) = &o.broken {
            report.push_str(&format!("  invariant: {b}\n"));
        }
        for line in &o.leaks {
            report.push_str(&format!("  leak: {line}\n"));
        }
    }
    std::fs::write(dir.join("REPORT.txt"), report).expect("report written");
}

/// A few letters through every entry point in any build: no panic, the invariants hold,
/// the leak law's machinery runs.
#[test]
fn smoke_every_entry_point() {
    let linter = linter();
    for l in gen::corpus(3, 6) {
        gen::check_ground_truth(&l).expect("ground truth");
        let o = run(&linter, &l, &l.name);
        assert!(o.panics.is_empty(), "{}: {:?}", l.name, o.panics);
        assert!(o.broken.is_none(), "{}: {:?}", l.name, o.broken);
        assert_eq!(o.staff, !l.staff.is_empty());
    }
}

/// The leak law finds a leak it is shown, and none where there is none.
#[test]
fn leak_law_sees_leaks() {
    let l = gen::corpus(5, 40)
        .into_iter()
        .find(|l| l.staff.iter().any(|p| p.forms.len() >= 2))
        .expect("a letter naming staff");
    let p = &l.staff[0];
    // The input itself leaks every mention; the input with every officer form replaced
    // leaks none.
    let same = Some(l.text.clone());
    let mut o = Outcome::default();
    leak_law(
        &l,
        &[same.clone(), same.clone(), same.clone(), same],
        &mut o,
    );
    assert!(o.leaking.iter().all(|&x| x), "{:?}", o.leaks);
    assert!(o.mentions.iter().any(|m| m.1.iter().all(|&x| x)));
    let mut clean = fold(&l.text);
    let mut forms: Vec<&str> = l
        .staff
        .iter()
        .flat_map(|p| p.forms.iter().map(|f| f.text.as_str()))
        .collect();
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    for f in forms {
        clean = clean.replace(f, "Officer A");
    }
    let clean = Some(clean);
    let mut o = Outcome::default();
    leak_law(
        &l,
        &[clean.clone(), clean.clone(), clean.clone(), clean],
        &mut o,
    );
    assert!(!o.leaking.contains(&true), "{:?}", o.leaks);
    // One word put back anywhere is a leak (the backstop).
    let word = p.words().into_iter().next().expect("a name word");
    let mut o = Outcome::default();
    let back = Some(format!("{word}\n"));
    leak_law(
        &l,
        &[back.clone(), back.clone(), back.clone(), back],
        &mut o,
    );
    let look: Vec<String> = l.lookalikes.iter().flat_map(Named::words).collect();
    assert_eq!(o.leaking.contains(&true), !look.contains(&word));
}
