//! A deterministic, seeded generator of realistic UK complaint response letters, for
//! benchmarks (MB/s over a corpus), tests and examples.
//!
//! Rules are data: the letter layouts, paragraph banks, name pools and sector facts
//! (which Ombudsman, its contact details and time limit) live in `banks.toml`, next to
//! this file. This file holds only the mechanism: a SplitMix64 generator, a template
//! expander that fills `{slots}`, and the Markdown / plain-text renderer.
//!
//! Same seed, same bytes, on any platform: no floating point, no hash-map iteration,
//! no external random-number crate.
//!
//! ```ignore
//! #[path = "corpus/mod.rs"]
//! mod corpus;
//! let letters = corpus::corpus(42, 1000);
//! ```
//!
//! # Templates
//!
//! A template is text with `{slots}`. A slot is either computed here (people, dates,
//! amounts, digits: see `code_slot_known`) or names a bank, looked up from the narrowest
//! scope outwards: the complaint point being written, the service, the body (the
//! organisation), the sector, the body's group, then the global `[banks]`. A bank is one
//! template or a list of them, one drawn at random each time; banks named in
//! `settings.sticky` are drawn once per letter, those in `settings.distinct` without
//! replacement within a letter (no sentence twice). `{name_slug}` is `{name}` folded to
//! lower-case ASCII letters and digits (for e-mail addresses and domains).
//!
//! Layouts are lists of blocks, `[conditions] op:args`; see `parse_block`.
//!
//! # Ground truth
//!
//! Each letter records who it names: `Letter::staff` (the officers, to be anonymised)
//! and `Letter::lookalikes` (complainant, signatory, relative, third party), each with
//! every exact form of their name written ("Ms Okafor", "Dan", "DAN OKAFOR", "PC 8097
//! Palmer", an e-mail address's local part) and the shapes of the name and of each form
//! (`Named`, `NameForm`). A person's form is a template in a form bank (`form_first`,
//! `form_again`, `form_poss`, `form_caps`, `relative_first`, `third_kind`…): the name it
//! records runs from its first name field (`{p_title}`, `{p_first}`, `{p_last}`,
//! `{p_full}`, `{p_collar}`) to its last, so "our caseworker, Dan Okafor," records "Dan
//! Okafor". Officers' names share no word with anyone else's in the letter or with the
//! places and firms it names ("Hope Street"), except an officer drawn with the
//! signatory's surname; a draft where an officer's word turns up anywhere else ("Town
//! Hall" for an officer Hall) is drawn again, so `check_ground_truth` holds for every
//! letter: every form is in the text, and every occurrence of an officer's name word lies
//! inside one of that officer's forms unless a look-alike has the word too.

// Included with `#[path]` by benches, tests and examples, each of which uses only a part.
#![allow(dead_code)]

use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;
use std::sync::OnceLock;

/// One generated letter.
#[derive(Clone, Debug)]
pub struct Letter {
    /// File name, e.g. `letter-00042.md` (`.md` for Markdown, `.txt` for plain text).
    pub name: String,
    pub text: String,
    pub markdown: bool,
    /// `"decision"`, `"acknowledgement"` or `"update"`.
    pub kind: &'static str,
    /// `"council"`, `"nhs"`, `"housing"`, `"financial"`, `"scotland"`, `"wales"` or `"ni"`.
    pub sector: &'static str,
    /// What kind of body sent it: `"council"`, `"nhs"`, `"housing"`, `"financial"` or
    /// `"police"` (a police force, in the council sector: England's local public services).
    pub sender: &'static str,
    /// Ground truth: the members of staff the letter names (officers, to be anonymised;
    /// never the signatory), in order of first mention, each with every form written.
    pub staff: Vec<Named>,
    /// Ground truth: the people it names who are not staff to anonymise — the
    /// complainant, the signatory, relatives and third parties — with every form written.
    pub lookalikes: Vec<Named>,
}

/// A person a generated letter names, and every form of their name it writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// `"officer"`; for look-alikes `"complainant"`, `"signatory"`, `"relative"` or
    /// `"third_party"`.
    pub role: &'static str,
    pub first: &'static str,
    /// The surname, as in the pools ("Da Silva", "ap Thomas", "Wyn Jones").
    pub last: &'static str,
    /// The shapes of the name itself: `"particle"` (a particle: "van der Berg", "ap
    /// Gwyn"), `"multiword"` (a surname of two or more words), `"given_surname"` (a surname
    /// word that is also a given name: "ap Thomas", "Lee"), `"non_ascii"` (a letter outside
    /// ASCII: "Ní Bhriain", "Wójcik"), `"shares_signatory"` (an officer with the
    /// signatory's surname), `"first_name_greeting"` (a complainant greeted "Dear Rajesh");
    /// `"plain"` when none applies.
    pub shapes: Vec<&'static str>,
    /// Every exact form written, each once, in order of first use: "Ms Okafor", "Dan
    /// Okafor", "Dan", "DAN OKAFOR", "PC 8097 Palmer", "d.okafor" (an e-mail address's
    /// local part). White space inside a form is one space; in the text, wrapping may have
    /// made it a line break and indentation (compare with [`fold`]ed text).
    pub forms: Vec<NameForm>,
}

/// One form of a name as written, with the shapes of the mentions that wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameForm {
    pub text: String,
    /// How it was written: `"title_surname"` ("Ms Okafor"), `"title_full"`, `"full"`,
    /// `"first"`, `"surname"`, `"apposition"` ("our caseworker, Dan Okafor,"),
    /// `"job_title"` ("Billing Specialist Dan Okafor", "Dan Okafor, the Repairs Planner
    /// who inspected,"), `"first_team"` ("George from the control room"), `"collar"` ("PC
    /// 8097 Palmer"), `"caps"` (an ALL-CAPS header line), `"adverb"` (after a
    /// sentence-opening adverb: "Later, Mr Osei"), `"possessive"`, `"email"`, `"greeting"`,
    /// `"signoff"`, `"address"`.
    pub shapes: Vec<&'static str>,
}

/// Lower-case particles inside surnames, which are not name words of their own ("van",
/// "bin" and "le" are English words too): "van der Berg", "ap Gwyn", "Ní Bhriain".
pub const PARTICLES: &[&str] = &[
    "ap", "ab", "de", "da", "di", "del", "della", "dos", "das", "do", "van", "von", "der", "den",
    "ten", "le", "la", "du", "bin", "binti", "bint", "ibn", "al", "el", "ní", "nic", "ó", "ua",
    "y", "st",
];

/// A letter's text with every run of white space one space and curly apostrophes
/// straight: where [`NameForm`]s are found.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(if c == '\u{2019}' { '\'' } else { c });
    }
    out
}

/// Lower case, char by char, keeping every byte offset (a char whose lower case has
/// another length is kept as it is).
pub fn lower(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                _ => c,
            }
        })
        .collect()
}

/// Where `word` (lower case) occurs in `lowered` (see [`lower`]) as a whole word: not
/// after or before a letter or digit.
pub fn find_word(lowered: &str, word: &str) -> Vec<usize> {
    if word.is_empty() {
        return Vec::new();
    }
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    lowered
        .match_indices(word)
        .map(|(i, _)| i)
        .filter(|&i| {
            !alnum(lowered[..i].chars().next_back())
                && !alnum(lowered[i + word.len()..].chars().next())
        })
        .collect()
}

/// The words of a name, lower case, that identify its bearer: split at spaces, hyphens
/// and apostrophes, without [`PARTICLES`] and single letters ("O'Connor" gives
/// "connor"); with each word's ASCII folding where it differs ("wójcik", "wojcik").
pub fn name_words(first: &str, last: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in first
        .split([' ', '-', '\'', '\u{2019}'])
        .chain(last.split([' ', '-', '\'', '\u{2019}']))
    {
        let w = lower(w);
        if w.chars().count() < 2 || PARTICLES.contains(&w.as_str()) {
            continue;
        }
        let mut ascii = String::new();
        slugify(&w, &mut ascii);
        for x in [w, ascii] {
            if x.chars().count() >= 2 && !out.contains(&x) {
                out.push(x);
            }
        }
    }
    out
}

impl Named {
    /// The words that identify this person ([`name_words`]), and the words of any
    /// e-mail local part written ("dokafor" in "dokafor@…"), lower case.
    pub fn words(&self) -> Vec<String> {
        let mut out = name_words(self.first, self.last);
        for f in self.forms.iter().filter(|f| f.shapes.contains(&"email")) {
            for t in lower(&f.text).split(|c: char| !c.is_alphanumeric()) {
                if t.chars().count() >= 3 && !out.iter().any(|w| w == t) {
                    out.push(t.to_string());
                }
            }
        }
        out
    }
}

/// The ground-truth laws of a letter: every recorded form occurs in the ([`fold`]ed)
/// text, and every occurrence of an officer's name word (whole word, any case) lies inside
/// one of that officer's recorded forms, unless the word is also a look-alike's.
pub fn check_ground_truth(letter: &Letter) -> Result<(), String> {
    let text = fold(&letter.text);
    for p in letter.staff.iter().chain(&letter.lookalikes) {
        if p.forms.is_empty() {
            return Err(format!(
                "{} {} {}: no form recorded",
                p.role, p.first, p.last
            ));
        }
        for f in &p.forms {
            if !text.contains(&f.text) {
                return Err(format!("{} form {:?} is not in the text", p.role, f.text));
            }
        }
    }
    let lowered = lower(&text);
    let look: Vec<String> = letter.lookalikes.iter().flat_map(Named::words).collect();
    for o in &letter.staff {
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for f in &o.forms {
            for (i, _) in text.match_indices(f.text.as_str()) {
                spans.push((i, i + f.text.len()));
            }
        }
        for w in o.words() {
            if look.contains(&w) {
                continue;
            }
            for at in find_word(&lowered, &w) {
                if !spans.iter().any(|&(s, e)| s <= at && at + w.len() <= e) {
                    let from = text[..at]
                        .char_indices()
                        .rev()
                        .nth(30)
                        .map_or(0, |(i, _)| i);
                    let to = text[at..]
                        .char_indices()
                        .nth(40)
                        .map_or(text.len(), |(i, _)| at + i);
                    return Err(format!(
                        "officer {} {}: {w:?} outside the recorded forms: …{}…",
                        o.first,
                        o.last,
                        &text[from..to]
                    ));
                }
            }
        }
    }
    Ok(())
}

/// A stream of letters: the `i`th letter depends only on the seed and `i`.
pub struct Generator {
    data: &'static Data,
    seed: u64,
    index: u64,
    /// Drafts drawn again so far, and the last reason (size or ground truth).
    redrawn: u64,
    last_redraw: String,
}

impl Generator {
    pub fn new(seed: u64) -> Generator {
        Generator {
            data: data(),
            seed,
            index: 0,
            redrawn: 0,
            last_redraw: String::new(),
        }
    }

    /// How many drafts were drawn again (outside the size range, or their ground truth
    /// broken), and why the last was.
    pub fn redrawn(&self) -> (u64, &str) {
        (self.redrawn, &self.last_redraw)
    }

    pub fn letter(&mut self) -> Letter {
        self.index += 1;
        let mut rng = Rng(self.seed ^ self.index.wrapping_mul(0xD1B5_4A32_D192_ED03));
        rng.next_u64();
        let d = self.data;
        let plan = Plan::draw(d, &mut rng);
        let mut last = None;
        // A letter outside the size range, or whose ground truth does not hold (an
        // officer's name is also a word of the letter: "Hall" and "Town Hall"), is drawn
        // again with the same kind, sector, service and format (rare: the extras bank pads
        // short letters, and people avoid each other's names), so the size bounds and the
        // ground truth hold for every letter and the mix is as weighted.
        for _ in 0..64 {
            let letter = compose(d, &mut rng, self.index, &plan);
            let n = letter.text.len();
            let why = if n < d.settings.min_bytes || n > d.settings.max_bytes {
                Err(format!("{n} bytes"))
            } else {
                check_ground_truth(&letter)
            };
            match why {
                Ok(()) => return letter,
                Err(e) => {
                    self.redrawn += 1;
                    self.last_redraw = e;
                }
            }
            last = Some(letter);
        }
        last.expect("at least one attempt")
    }
}

impl Iterator for Generator {
    type Item = Letter;
    fn next(&mut self) -> Option<Letter> {
        Some(self.letter())
    }
}

/// The first `n` letters of the seed's stream.
pub fn corpus(seed: u64, n: usize) -> Vec<Letter> {
    let mut g = Generator::new(seed);
    (0..n).map(|_| g.letter()).collect()
}

/// Writes the first `n` letters of the seed's stream under `dir`, in one subfolder per
/// kind (`acknowledgements/`, `updates/`, `decisions/`), and returns the bytes written.
pub fn write_corpus(dir: &Path, seed: u64, n: usize) -> std::io::Result<usize> {
    let d = data();
    for k in &d.kinds {
        std::fs::create_dir_all(dir.join(&k.folder))?;
    }
    let mut g = Generator::new(seed);
    let mut total = 0;
    for _ in 0..n {
        let l = g.letter();
        let folder = d
            .kinds
            .iter()
            .find(|k| k.key == l.kind)
            .map_or("letters", |k| k.folder.as_str());
        std::fs::write(dir.join(folder).join(&l.name), &l.text)?;
        total += l.text.len();
    }
    Ok(total)
}

// ---------------------------------------------------------------------------------------
// Random numbers: SplitMix64 (Steele, Lea & Flood 2014), integer-only.

struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`), by multiply-shift.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    fn percent(&mut self, p: u32) -> bool {
        self.below(100) < p as usize
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    fn weighted<T>(&mut self, items: &[T], weight: impl Fn(&T) -> u32) -> usize {
        let total: u64 = items.iter().map(|x| u64::from(weight(x))).sum();
        let mut r = self.below(total as usize) as u64;
        for (i, x) in items.iter().enumerate() {
            let w = u64::from(weight(x));
            if r < w {
                return i;
            }
            r -= w;
        }
        items.len() - 1
    }
}

// ---------------------------------------------------------------------------------------
// The data file.

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

type RawScope = HashMap<String, OneOrMany>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawData {
    settings: Settings,
    kind: Vec<Kind>,
    layout: Vec<RawLayout>,
    names: Names,
    banks: RawScope,
    group: HashMap<String, RawScope>,
    sector: Vec<RawSector>,
    service: Vec<RawService>,
    issue: Vec<RawScope>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Settings {
    markdown_percent: u32,
    signpost_percent: u32,
    curly_apostrophe_percent: u32,
    min_bytes: usize,
    max_bytes: usize,
    /// Short letters are padded with extras to `min_bytes` plus up to this many bytes.
    fill_spread: usize,
    /// How many complaint points a letter has, one drawn at random.
    points: Vec<usize>,
    /// Upheld, partly upheld, not upheld.
    outcome_weights: [u32; 3],
    /// Line widths for plain-text letters; 0 leaves paragraphs unwrapped.
    wrap_widths: Vec<usize>,
    /// Banks drawn once per letter.
    sticky: Vec<String>,
    /// Banks drawn without replacement within a letter (no sentence twice).
    distinct: Vec<String>,
    /// How often a person's surname comes from `names.particle` (and `particle_f` or
    /// `particle_m`): "Da Silva", "ap Thomas", "Ní Bhriain".
    particle_percent: u32,
    /// How often an officer shares the signatory's surname.
    shared_surname_percent: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Kind {
    key: String,
    weight: u32,
    folder: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLayout {
    kind: String,
    weight: u32,
    blocks: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Names {
    female: Vec<String>,
    male: Vec<String>,
    surname: Vec<String>,
    /// Surnames with a particle or of several words, for anyone.
    particle: Vec<String>,
    /// ... for women only ("Ní Bhriain", "binti Ismail") and men only ("bin Rashid").
    particle_f: Vec<String>,
    particle_m: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSector {
    key: String,
    weight: u32,
    #[serde(default)]
    banks: RawScope,
    body: Vec<RawBody>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBody {
    group: String,
    weight: u32,
    /// Service keys this body handles; all of its group's when absent.
    #[serde(default)]
    services: Option<Vec<String>>,
    #[serde(default)]
    banks: RawScope,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawService {
    key: String,
    group: String,
    #[serde(default = "one")]
    weight: u32,
    #[serde(default)]
    banks: RawScope,
    issue: Vec<RawScope>,
}

fn one() -> u32 {
    1
}

/// Banks by name. Only looked up, never iterated, so the hasher cannot change the output;
/// FxHash (rustc's) because SipHash dominated lookups.
type Scope = HashMap<String, Vec<String>, BuildHasherDefault<FxHasher>>;

#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

fn scope(raw: RawScope) -> Scope {
    raw.into_iter()
        .map(|(k, v)| {
            let v = match v {
                OneOrMany::One(s) => vec![s],
                OneOrMany::Many(v) => v,
            };
            (k, v)
        })
        .collect()
}

struct Data {
    settings: Settings,
    sticky: HashSet<String, BuildHasherDefault<FxHasher>>,
    distinct: HashSet<String, BuildHasherDefault<FxHasher>>,
    kinds: Vec<Kind>,
    /// Per kind, its layouts.
    layouts: Vec<Vec<Layout>>,
    names: Names,
    global: Scope,
    groups: HashMap<String, Scope, BuildHasherDefault<FxHasher>>,
    sectors: Vec<Sector>,
    services: Vec<Service>,
    generic: Vec<Scope>,
}

struct Layout {
    weight: u32,
    blocks: Vec<Block>,
}

struct Sector {
    key: String,
    weight: u32,
    banks: Scope,
    bodies: Vec<Body>,
}

struct Body {
    group: String,
    weight: u32,
    banks: Scope,
    /// Indices into `Data::services`.
    services: Vec<usize>,
}

struct Service {
    key: String,
    group: String,
    weight: u32,
    banks: Scope,
    issues: Vec<Scope>,
}

/// Every complaint point (a service's `[[service.issue]]` or a generic `[[issue]]`) has these.
const ISSUE_KEYS: [&str; 7] = [
    "title",
    "said",
    "standard",
    "fault",
    "ok",
    "gist_fault",
    "gist_ok",
];

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| {
        Data::load(include_str!("banks.toml")).unwrap_or_else(|e| panic!("corpus/banks.toml: {e}"))
    })
}

impl Data {
    fn load(text: &str) -> Result<Data, String> {
        let raw: RawData = toml::from_str(text).map_err(|e| e.to_string())?;
        let services: Vec<Service> = raw
            .service
            .into_iter()
            .map(|s| Service {
                key: s.key,
                group: s.group,
                weight: s.weight,
                banks: scope(s.banks),
                issues: s.issue.into_iter().map(scope).collect(),
            })
            .collect();
        let mut sectors = Vec::new();
        for s in raw.sector {
            let mut bodies = Vec::new();
            for b in s.body {
                let idx: Vec<usize> = match &b.services {
                    Some(keys) => keys
                        .iter()
                        .map(|k| {
                            services
                                .iter()
                                .position(|sv| &sv.key == k && sv.group == b.group)
                                .ok_or_else(|| {
                                    format!("sector {}: no {} service {k}", s.key, b.group)
                                })
                        })
                        .collect::<Result<_, _>>()?,
                    None => (0..services.len())
                        .filter(|&i| services[i].group == b.group)
                        .collect(),
                };
                if idx.is_empty() {
                    return Err(format!(
                        "sector {}: a {} body has no services",
                        s.key, b.group
                    ));
                }
                bodies.push(Body {
                    group: b.group,
                    weight: b.weight,
                    banks: scope(b.banks),
                    services: idx,
                });
            }
            sectors.push(Sector {
                key: s.key,
                weight: s.weight,
                banks: scope(s.banks),
                bodies,
            });
        }
        let mut layouts = Vec::new();
        for k in &raw.kind {
            let mut ls = Vec::new();
            for l in raw.layout.iter().filter(|l| l.kind == k.key) {
                let blocks = l
                    .blocks
                    .iter()
                    .map(|b| parse_block(b).map_err(|e| format!("layout {}: {e}", k.key)))
                    .collect::<Result<_, _>>()?;
                ls.push(Layout {
                    weight: l.weight,
                    blocks,
                });
            }
            if ls.is_empty() {
                return Err(format!("kind {} has no layout", k.key));
            }
            layouts.push(ls);
        }
        if let Some(l) = raw
            .layout
            .iter()
            .find(|l| !raw.kind.iter().any(|k| k.key == l.kind))
        {
            return Err(format!("layout for unknown kind {}", l.kind));
        }
        let d = Data {
            sticky: raw.settings.sticky.iter().cloned().collect(),
            distinct: raw.settings.distinct.iter().cloned().collect(),
            settings: raw.settings,
            kinds: raw.kind,
            layouts,
            names: raw.names,
            global: scope(raw.banks),
            groups: raw.group.into_iter().map(|(k, v)| (k, scope(v))).collect(),
            sectors,
            services,
            generic: raw.issue.into_iter().map(scope).collect(),
        };
        d.validate()?;
        Ok(d)
    }

    /// Every bank non-empty, every issue complete, every `{slot}` known, every block's
    /// bank defined somewhere: a data mistake fails on first use, not in one letter in 10,000.
    fn validate(&self) -> Result<(), String> {
        let s = &self.settings;
        if s.points.is_empty() || s.wrap_widths.is_empty() || s.min_bytes >= s.max_bytes {
            return Err("settings: points, wrap_widths and min_bytes < max_bytes".into());
        }
        if self.names.female.is_empty()
            || self.names.male.is_empty()
            || self.names.surname.len() < 4
            || self.names.particle.is_empty()
        {
            return Err("names: empty pools".into());
        }
        // Names are found case-insensitively at fixed byte offsets (`lower`).
        let names = &self.names;
        for n in names
            .female
            .iter()
            .chain(&names.male)
            .chain(&names.surname)
            .chain(
                names
                    .particle
                    .iter()
                    .chain(&names.particle_f)
                    .chain(&names.particle_m),
            )
        {
            if lower(n).len() != n.len() || lower(&n.to_uppercase()) != lower(n) {
                return Err(format!("names: {n:?} changes length with its case"));
            }
        }
        let weights = self.kinds.iter().map(|k| k.weight);
        let weights = weights.chain(self.sectors.iter().map(|x| x.weight));
        let weights = weights.chain(
            self.sectors
                .iter()
                .flat_map(|x| x.bodies.iter().map(|b| b.weight)),
        );
        let weights = weights.chain(self.services.iter().map(|x| x.weight));
        let weights = weights.chain(self.layouts.iter().flatten().map(|l| l.weight));
        if weights.into_iter().any(|w| w == 0) || s.outcome_weights.iter().all(|&w| w == 0) {
            return Err("every weight must be positive".into());
        }
        let mut scopes: Vec<(String, &Scope)> = vec![("banks".into(), &self.global)];
        for (k, g) in &self.groups {
            scopes.push((format!("group.{k}"), g));
        }
        for x in &self.sectors {
            scopes.push((format!("sector {}", x.key), &x.banks));
            for b in &x.bodies {
                scopes.push((format!("sector {} body", x.key), &b.banks));
            }
        }
        for x in &self.services {
            scopes.push((format!("service {}", x.key), &x.banks));
            if x.issues.is_empty() {
                return Err(format!("service {} has no issue", x.key));
            }
            for i in &x.issues {
                scopes.push((format!("service {} issue", x.key), i));
            }
        }
        for i in &self.generic {
            scopes.push(("issue".into(), i));
        }
        for x in self
            .services
            .iter()
            .flat_map(|s| s.issues.iter())
            .chain(&self.generic)
        {
            for k in ISSUE_KEYS {
                if !x.contains_key(k) {
                    let title = x
                        .get("title")
                        .and_then(|t| t.first())
                        .map_or("?", |t| t.as_str());
                    return Err(format!("issue {title:?} has no {k}"));
                }
            }
        }
        let defined = |name: &str| scopes.iter().any(|(_, sc)| sc.contains_key(name));
        for (where_, sc) in &scopes {
            for (name, entries) in sc.iter() {
                if entries.is_empty() {
                    return Err(format!("{where_}: bank {name} is empty"));
                }
                for t in entries {
                    for slot in slots(t).map_err(|e| format!("{where_}: {name}: {e}"))? {
                        let base = slot.strip_suffix("_slug").unwrap_or(slot);
                        if !code_slot_known(base) && !defined(base) {
                            return Err(format!(
                                "{where_}: {name}: unknown slot {{{slot}}} in {t:?}"
                            ));
                        }
                    }
                }
            }
        }
        for name in self.sticky.iter().chain(&self.distinct) {
            if !defined(name) {
                return Err(format!("settings: no bank {name}"));
            }
        }
        for b in self.layouts.iter().flatten().flat_map(|l| l.blocks.iter()) {
            let bank = match &b.op {
                Op::Lines(x) | Op::Para(x) | Op::Heading(x) | Op::Title(x) | Op::Extras(x) => x,
                Op::List { bank, .. } => bank,
                Op::Points => continue,
            };
            if !defined(bank) {
                return Err(format!("layout: no bank {bank}"));
            }
        }
        for bank in [
            "point_body",
            "verdict_fault",
            "verdict_ok",
            "point_apology",
            "form_first",
            "form_again",
            "form_poss",
            "form_email",
            "relative_first",
            "relative_again",
            "form_caps",
            "third_kind",
        ] {
            if !defined(bank) {
                return Err(format!("no bank {bank}"));
            }
        }
        Ok(())
    }
}

/// The slot names in a template.
fn slots(t: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    let mut rest = t;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        let j = after
            .find('}')
            .ok_or_else(|| format!("unclosed slot in {t:?}"))?;
        let name = &after[..j];
        if name.is_empty() || name.contains(['{', ' ']) {
            return Err(format!("bad slot in {t:?}"));
        }
        out.push(name);
        rest = &after[j + 1..];
    }
    if rest.contains('}') {
        return Err(format!("stray }} in {t:?}"));
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// Layout blocks.

/// A layout block: zero or more conditions, then one operation, e.g.
/// `"fault p40 list:remedy:2:4:fault"`.
///
/// Conditions (all must hold; `!` negates): `fault` (a point was upheld), `md` (Markdown),
/// `signpost` (this decision signposts the Ombudsman), `upheld`, `partly`, `not_upheld`,
/// `pNN` (with probability NN%).
///
/// Operations: `lines:BANK` (a block of lines: letterhead, address, sign-off; a blank line
/// inside starts a new block), `para:BANK` (paragraphs, split on blank lines), `heading:BANK`,
/// `title:BANK` (the subject line), `list:BANK:MIN:MAX:FROM` (MIN to MAX distinct items;
/// FROM is `each` — one per complaint point —, `fault` — one per upheld point, then any
/// from every scope — or `any`), `points` (the complaint points), `extras:BANK` (paragraphs
/// added until the letter reaches `settings.min_bytes`, and sometimes one more).
struct Block {
    conds: Vec<Cond>,
    op: Op,
}

#[derive(Clone, Copy)]
enum Flag {
    Fault,
    Md,
    Signpost,
    Upheld,
    Partly,
    NotUpheld,
}

enum Cond {
    Flag(Flag, bool),
    Percent(u32),
}

enum Op {
    Lines(String),
    Para(String),
    Heading(String),
    Title(String),
    List {
        bank: String,
        min: usize,
        max: usize,
        from: ListFrom,
    },
    Points,
    Extras(String),
}

#[derive(Clone, Copy, PartialEq)]
enum ListFrom {
    Each,
    Fault,
    Any,
}

fn parse_block(s: &str) -> Result<Block, String> {
    let mut conds = Vec::new();
    let mut op = None;
    for tok in s.split_whitespace() {
        if op.is_some() {
            return Err(format!("{s:?}: the operation must come last"));
        }
        let (want, name) = match tok.strip_prefix('!') {
            Some(n) => (false, n),
            None => (true, tok),
        };
        let flag = match name {
            "fault" => Some(Flag::Fault),
            "md" => Some(Flag::Md),
            "signpost" => Some(Flag::Signpost),
            "upheld" => Some(Flag::Upheld),
            "partly" => Some(Flag::Partly),
            "not_upheld" => Some(Flag::NotUpheld),
            _ => None,
        };
        if let Some(f) = flag {
            conds.push(Cond::Flag(f, want));
            continue;
        }
        if let Some(n) = name.strip_prefix('p').and_then(|n| n.parse::<u32>().ok()) {
            conds.push(Cond::Percent(n));
            continue;
        }
        let parts: Vec<&str> = tok.split(':').collect();
        let arg = |i: usize| -> Result<String, String> {
            parts
                .get(i)
                .map(|x| x.to_string())
                .ok_or_else(|| format!("{s:?}: missing argument"))
        };
        op = Some(match parts[0] {
            "lines" => Op::Lines(arg(1)?),
            "para" => Op::Para(arg(1)?),
            "heading" => Op::Heading(arg(1)?),
            "title" => Op::Title(arg(1)?),
            "extras" => Op::Extras(arg(1)?),
            "points" => Op::Points,
            "list" => {
                let num = |i: usize| -> Result<usize, String> {
                    arg(i)?.parse().map_err(|_| format!("{s:?}: bad number"))
                };
                let from = match arg(4)?.as_str() {
                    "each" => ListFrom::Each,
                    "fault" => ListFrom::Fault,
                    "any" => ListFrom::Any,
                    x => return Err(format!("{s:?}: unknown list source {x}")),
                };
                let (min, max) = (num(2)?, num(3)?);
                if min == 0 || min > max {
                    return Err(format!("{s:?}: need 1 <= MIN <= MAX"));
                }
                Op::List {
                    bank: arg(1)?,
                    min,
                    max,
                    from,
                }
            }
            x => return Err(format!("{s:?}: unknown operation {x}")),
        });
    }
    let op = op.ok_or_else(|| format!("{s:?}: no operation"))?;
    Ok(Block { conds, op })
}

// ---------------------------------------------------------------------------------------
// Slots computed here.

const CODE_SLOTS: &[&str] = &[
    "date",
    "day_date",
    "event_month",
    "complaint_date",
    "letter_date",
    "future_date",
    "reply_by",
    "new_date",
    "year",
    "past_year",
    "amount",
    "small_amount",
    "large_amount",
    "pence_amount",
    "num",
    "section",
    "phone",
    "postcode",
    "home_postcode",
    "any_name",
    "any_first",
    "any_surname",
    "reasons_fault",
    "reasons_ok",
    "fault_gist",
    "finding",
    "verdict",
    "gist",
    "point_sorry",
    "point_note",
    "later_date",
    "outcome_word",
    "point_count",
];

const PERSON_FIELDS: &[&str] = &[
    "title",
    "job",
    "collar",
    "first",
    "last",
    "full",
    "role",
    "team",
    "relation",
    "f",
    "first_ascii",
    "last_ascii",
    "pron",
    "obj",
    "poss",
];
const OFFICER_FIELDS: &[&str] = &[
    "", "ref", "s", "full", "first", "last", "title", "email", "line", "pron", "obj", "poss",
    "role", "team", "caps",
];
const THIRD_FIELDS: &[&str] = &["", "s"];
const RELATIVE_FIELDS: &[&str] = &[
    "", "ref", "rel", "s", "pron", "obj", "poss", "relation", "first", "full",
];
const COMPLAINANT_FIELDS: &[&str] = &["", "_title", "_full", "_name", "_first", "_last"];
const SIGNATORY_FIELDS: &[&str] = &["", "_first", "_last"];

/// `(officer index, field)` for `officer`, `officer_ref`, `officer2`, `officer3_email`...
fn officer_slot(name: &str) -> Option<(usize, &str)> {
    let rest = name.strip_prefix("officer")?;
    let (idx, rest) = match rest.as_bytes().first() {
        Some(c @ b'2'..=b'4') => (usize::from(c - b'1'), &rest[1..]),
        _ => (0, rest),
    };
    let field = if rest.is_empty() {
        ""
    } else {
        rest.strip_prefix('_')?
    };
    OFFICER_FIELDS.contains(&field).then_some((idx, field))
}

fn relative_slot(name: &str) -> Option<&str> {
    let rest = name.strip_prefix("relative")?;
    let field = if rest.is_empty() {
        ""
    } else {
        rest.strip_prefix('_')?
    };
    RELATIVE_FIELDS.contains(&field).then_some(field)
}

fn third_slot(name: &str) -> Option<&str> {
    let rest = name.strip_prefix("third")?;
    let field = if rest.is_empty() {
        ""
    } else {
        rest.strip_prefix('_')?
    };
    THIRD_FIELDS.contains(&field).then_some(field)
}

fn digits_slot(name: &str) -> Option<u32> {
    let b = name.as_bytes();
    (b.len() == 2 && b[0] == b'd' && (b'1'..=b'9').contains(&b[1])).then(|| u32::from(b[1] - b'0'))
}

/// Whether a slot name is computed by the code rather than drawn from a bank.
fn code_slot_known(name: &str) -> bool {
    CODE_SLOTS.contains(&name)
        || digits_slot(name).is_some()
        || officer_slot(name).is_some()
        || relative_slot(name).is_some()
        || third_slot(name).is_some()
        || name
            .strip_prefix("p_")
            .is_some_and(|f| PERSON_FIELDS.contains(&f))
        || name
            .strip_prefix("complainant")
            .is_some_and(|f| COMPLAINANT_FIELDS.contains(&f))
        || name
            .strip_prefix("signatory")
            .is_some_and(|f| SIGNATORY_FIELDS.contains(&f))
}

// ---------------------------------------------------------------------------------------
// Composing one letter.

#[derive(Clone, Copy, PartialEq)]
enum Outcome {
    Upheld,
    Partly,
    NotUpheld,
}

struct Person {
    first: &'static str,
    last: &'static str,
    female: bool,
    title: String,
    role: String,
    team: String,
    /// The role as a job title, capitalised: "Billing Specialist", "Ward Manager".
    job: String,
    /// A police officer's collar number ("8097" in "PC 8097 Palmer"), or empty.
    collar: String,
    relation: String,
    mentioned: bool,
    email: Option<String>,
    line: Option<String>,
    /// A third party's first and later forms (templates).
    kind: (&'static str, &'static str),
    /// Shapes of the name itself (see [`Named::shapes`]) set when drawn.
    shapes: Vec<&'static str>,
    /// Every form written so far, with the shapes of its mentions.
    forms: Vec<NameForm>,
}

impl Person {
    fn words(&self) -> Vec<String> {
        name_words(self.first, self.last)
    }

    fn note(&mut self, text: &str, shapes: &[&'static str]) {
        let mut t = String::with_capacity(text.len());
        for w in text.split_whitespace() {
            if !t.is_empty() {
                t.push(' ');
            }
            t.push_str(w);
        }
        if t.is_empty() {
            return;
        }
        match self.forms.iter_mut().find(|f| f.text == t) {
            Some(f) => {
                for s in shapes {
                    if !f.shapes.contains(s) {
                        f.shapes.push(s);
                    }
                }
            }
            None => self.forms.push(NameForm {
                text: t,
                shapes: shapes.to_vec(),
            }),
        }
    }
}

#[derive(Clone, Copy)]
enum Who {
    Officer(usize),
    Relative,
    Third,
}

/// The shape of a person form template: how it names them.
fn template_shape(t: &str, collar: bool) -> &'static str {
    let has = |f: &str| t.contains(f);
    if has("{p_job}") {
        "job_title"
    } else if has("{p_collar}") && collar {
        "collar"
    } else if has("{p_team}") && !has("{p_last}") {
        "first_team"
    } else if has("{p_role}") || has("{p_relation}") {
        "apposition"
    } else {
        match (has("{p_title}"), has("{p_first}"), has("{p_last}")) {
            (true, false, _) => "title_surname",
            (true, true, _) => "title_full",
            (false, true, true) => "full",
            (false, true, false) => "first",
            _ => "surname",
        }
    }
}

struct Point {
    issue: &'static Scope,
    fault: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum PointStyle {
    HeadingNumbered,
    BoldNumbered,
    HeadingTitle,
    NumberedList,
    NumberedTitle,
    TitleLine,
    Prose,
}

#[derive(Clone, Copy, PartialEq)]
enum ListStyle {
    Dash,
    Bullet,
    Numbered,
    Lettered,
    Prose,
}

struct Ctx<'r> {
    d: &'static Data,
    rng: &'r mut Rng,
    md: bool,
    sector: &'static Sector,
    body: &'static Body,
    group: Option<&'static Scope>,
    service: &'static Service,
    points: Vec<Point>,
    issue: Option<&'static Scope>,
    fault: bool,
    outcome: Option<Outcome>,
    signpost: bool,
    complainant: Person,
    signatory: Person,
    officers: Vec<Person>,
    relative: Option<Person>,
    third: Option<Person>,
    person: Option<Who>,
    /// While a person's form is written: the span of `out` its name fields cover.
    capture: Option<(usize, usize)>,
    /// Where a sentence-opening adverb ("Later,", "However,") just ended in `out`.
    opener_end: Option<usize>,
    /// A form being written is upper-cased (a header line).
    caps: bool,
    /// Name words drawn for places and firms ("{any_surname} Road"): no officer takes them.
    taken: Vec<String>,
    sticky: HashMap<&'static str, String, BuildHasherDefault<FxHasher>>,
    /// For `settings.distinct` banks, the entries used so far.
    used: HashMap<&'static str, Vec<usize>, BuildHasherDefault<FxHasher>>,
    letter_day: i64,
    complaint_day: i64,
    cursor: i64,
    future: i64,
    wrap: usize,
    point_style: PointStyle,
    list_style: ListStyle,
    title_bold: bool,
    upper_headings: bool,
    extras_used: Vec<usize>,
    /// Where the extras go (a byte offset into `out`) and their bank.
    extras_at: Option<(usize, &'static str)>,
    /// The end of the extras written so far.
    extras_end: usize,
    out: String,
}

/// 2024-01-08 and 2026-06-30, in days since 1970-01-01.
const FIRST_DAY: i64 = 19_730;
const LAST_DAY: i64 = 20_634;

/// What a letter is: drawn once, kept across a redraw for size.
struct Plan {
    kind: usize,
    sector: &'static Sector,
    body: &'static Body,
    service: &'static Service,
    md: bool,
}

impl Plan {
    fn draw(d: &'static Data, rng: &mut Rng) -> Plan {
        let kind = rng.weighted(&d.kinds, |k| k.weight);
        let sector = &d.sectors[rng.weighted(&d.sectors, |s| s.weight)];
        let body = &sector.bodies[rng.weighted(&sector.bodies, |b| b.weight)];
        let si = body.services[rng.weighted(&body.services, |&i| d.services[i].weight)];
        let md = rng.percent(d.settings.markdown_percent);
        Plan {
            kind,
            sector,
            body,
            service: &d.services[si],
            md,
        }
    }
}

fn compose(d: &'static Data, rng: &mut Rng, index: u64, plan: &Plan) -> Letter {
    let ki = plan.kind;
    let kind = &d.kinds[ki];
    let (sector, body, service, md) = (plan.sector, plan.body, plan.service, plan.md);
    let layouts = &d.layouts[ki];
    let layout = &layouts[rng.weighted(layouts, |l| l.weight)];
    let decision = kind.key == "decision";
    let signpost = decision && rng.percent(d.settings.signpost_percent);
    let outcome = decision.then(|| match rng.weighted(&d.settings.outcome_weights, |&w| w) {
        0 => Outcome::Upheld,
        1 => Outcome::Partly,
        _ => Outcome::NotUpheld,
    });
    let mut letter_day = rng.range(FIRST_DAY, LAST_DAY);
    while weekday(letter_day) >= 5 {
        letter_day -= 1;
    }
    let before = match kind.key.as_str() {
        "acknowledgement" => rng.range(1, 6),
        "update" => rng.range(24, 50),
        _ => rng.range(12, 60),
    };
    let complaint_day = letter_day - before;
    let cursor = complaint_day - rng.range(90, 240);
    let wrap = if md {
        0
    } else {
        *rng.pick(&d.settings.wrap_widths)
    };
    let point_style = if md {
        *rng.pick(&[
            PointStyle::HeadingNumbered,
            PointStyle::BoldNumbered,
            PointStyle::HeadingTitle,
            PointStyle::NumberedList,
        ])
    } else {
        *rng.pick(&[
            PointStyle::NumberedList,
            PointStyle::NumberedTitle,
            PointStyle::TitleLine,
            PointStyle::Prose,
        ])
    };
    let list_style = if md {
        *rng.pick(&[
            ListStyle::Dash,
            ListStyle::Dash,
            ListStyle::Dash,
            ListStyle::Numbered,
        ])
    } else {
        *rng.pick(&[
            ListStyle::Dash,
            ListStyle::Dash,
            ListStyle::Bullet,
            ListStyle::Numbered,
            ListStyle::Lettered,
            ListStyle::Prose,
        ])
    };
    let title_bold = rng.percent(40);
    let upper_headings = !md && rng.percent(12);
    let complainant = blank_person(d, rng, None);
    let signatory = blank_person(d, rng, Some(complainant.last));
    let mut ctx = Ctx {
        d,
        rng,
        md,
        sector,
        body,
        group: d.groups.get(&body.group),
        service,
        points: Vec::new(),
        issue: None,
        fault: false,
        outcome,
        signpost,
        complainant,
        signatory,
        officers: Vec::new(),
        relative: None,
        third: None,
        person: None,
        capture: None,
        opener_end: None,
        caps: false,
        taken: Vec::new(),
        sticky: HashMap::default(),
        used: HashMap::default(),
        letter_day,
        complaint_day,
        cursor,
        future: letter_day + 2,
        wrap,
        point_style,
        list_style,
        title_bold,
        upper_headings,
        extras_used: Vec::new(),
        extras_at: None,
        extras_end: 0,
        out: String::with_capacity(8192),
    };
    ctx.complainant.title = ctx.bank_text(if ctx.complainant.female {
        "complainant_title_f"
    } else {
        "complainant_title_m"
    });
    ctx.choose_points();
    // The letter's subject follows its first complaint point where the point names one.
    if let Some(first) = ctx.points.first().map(|p| p.issue) {
        let mut subject = String::new();
        ctx.with_issue(first, false, |c| c.bank("subject", &mut subject, 0));
    }
    for b in &layout.blocks {
        if ctx.holds(&b.conds) {
            ctx.block(&b.op);
        }
    }
    ctx.fill_extras();
    let Ctx {
        mut out,
        rng,
        complainant,
        signatory,
        officers,
        relative,
        third,
        ..
    } = ctx;
    out.push('\n');
    let curly = rng.percent(d.settings.curly_apostrophe_percent);
    if curly {
        out = out.replace('\'', "\u{2019}");
    }
    // The forms as they stand in the letter: apostrophes as written, a form opening a
    // sentence capitalised, a heading's upper-cased; a form written only where the
    // letter dropped it (a subject drawn but not used) is not recorded.
    let folded = fold(&out);
    let named = |p: Person, role: &'static str| -> Option<Named> {
        let mut forms: Vec<NameForm> = Vec::new();
        for f in p.forms {
            let mut cap = f.text.clone();
            capitalise_at(&mut cap, 0);
            for t in [f.text.clone(), cap, f.text.to_uppercase()] {
                if !folded.contains(&t) {
                    continue;
                }
                match forms.iter_mut().find(|x| x.text == t) {
                    Some(x) => {
                        for s in &f.shapes {
                            if !x.shapes.contains(s) {
                                x.shapes.push(s);
                            }
                        }
                    }
                    None => forms.push(NameForm {
                        text: t,
                        shapes: f.shapes.clone(),
                    }),
                }
            }
        }
        let mut shapes = p.shapes;
        if shapes.is_empty() {
            shapes.push("plain");
        }
        (!forms.is_empty()).then_some(Named {
            role,
            first: p.first,
            last: p.last,
            shapes,
            forms,
        })
    };
    let staff = officers
        .into_iter()
        .filter_map(|o| named(o, "officer"))
        .collect();
    let lookalikes = [
        (Some(complainant), "complainant"),
        (Some(signatory), "signatory"),
        (relative, "relative"),
        (third, "third_party"),
    ]
    .into_iter()
    .filter_map(|(p, role)| named(p?, role))
    .collect();
    Letter {
        name: format!("letter-{index:05}.{}", if md { "md" } else { "txt" }),
        text: out,
        markdown: md,
        kind: kind.key.as_str(),
        sector: sector.key.as_str(),
        sender: body.group.as_str(),
        staff,
        lookalikes,
    }
}

/// A person with a name and sex only; `avoid` keeps a surname distinct from another's.
/// Now and then (`settings.particle_percent`) the surname has a particle or several
/// words: "Da Silva", "ap Thomas", "Ní Bhriain" (a woman's), "bin Rashid" (a man's).
fn blank_person(d: &'static Data, rng: &mut Rng, avoid: Option<&str>) -> Person {
    let female = rng.percent(55);
    let first = if female {
        rng.pick(&d.names.female)
    } else {
        rng.pick(&d.names.male)
    };
    let n = &d.names;
    let own = if female { &n.particle_f } else { &n.particle_m };
    let draw = |rng: &mut Rng| -> &'static String {
        if rng.percent(d.settings.particle_percent) {
            let i = rng.below(n.particle.len() + own.len());
            n.particle
                .get(i)
                .unwrap_or_else(|| &own[i - n.particle.len()])
        } else {
            rng.pick(&n.surname)
        }
    };
    let mut last = draw(rng);
    while Some(last.as_str()) == avoid {
        last = draw(rng);
    }
    let shapes = blank_shapes(d, first, last);
    Person {
        first,
        last,
        female,
        title: String::new(),
        role: String::new(),
        team: String::new(),
        job: String::new(),
        collar: String::new(),
        relation: String::new(),
        mentioned: false,
        email: None,
        line: None,
        kind: ("", ""),
        shapes,
        forms: Vec::new(),
    }
}

/// The shapes of a name (see [`Named::shapes`]).
fn blank_shapes(d: &Data, first: &str, last: &str) -> Vec<&'static str> {
    let n = &d.names;
    let mut shapes = Vec::new();
    let words: Vec<&str> = last.split(' ').collect();
    if words.iter().any(|w| PARTICLES.contains(&lower(w).as_str())) {
        shapes.push("particle");
    }
    if words.len() > 1 {
        shapes.push("multiword");
    }
    if words.iter().any(|w| {
        !PARTICLES.contains(&lower(w).as_str()) && n.female.iter().chain(&n.male).any(|g| g == w)
    }) {
        shapes.push("given_surname");
    }
    if !first.is_ascii() || !last.is_ascii() {
        shapes.push("non_ascii");
    }
    shapes
}

/// Whether two sets of name words share one.
fn clash(a: &[String], b: &[String]) -> bool {
    a.iter().any(|w| b.contains(w))
}

/// "damp and mould officer" → "Damp and Mould Officer".
fn job_title(role: &str) -> String {
    let mut out = String::with_capacity(role.len());
    for (i, w) in role.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if i > 0 && matches!(w, "and" | "of" | "the" | "for") {
            out.push_str(w);
        } else {
            let mut w = w.to_string();
            capitalise_at(&mut w, 0);
            out.push_str(&w);
        }
    }
    out
}

impl Ctx<'_> {
    fn holds(&mut self, conds: &[Cond]) -> bool {
        for c in conds {
            let ok = match *c {
                Cond::Percent(p) => self.rng.percent(p),
                Cond::Flag(f, want) => {
                    let v = match f {
                        Flag::Fault => self.points.iter().any(|p| p.fault),
                        Flag::Md => self.md,
                        Flag::Signpost => self.signpost,
                        Flag::Upheld => self.outcome == Some(Outcome::Upheld),
                        Flag::Partly => self.outcome == Some(Outcome::Partly),
                        Flag::NotUpheld => self.outcome == Some(Outcome::NotUpheld),
                    };
                    v == want
                }
            };
            if !ok {
                return false;
            }
        }
        true
    }

    fn choose_points(&mut self) {
        let d = self.d;
        let mut k = *self.rng.pick(&d.settings.points);
        if self.outcome == Some(Outcome::Partly) {
            k = k.max(2);
        }
        let own = &self.service.issues;
        let mut generic = 0;
        if k >= 2 && self.rng.percent(55) {
            generic = 1;
        }
        if k >= 4 && self.rng.percent(30) {
            generic = 2;
        }
        let take_own = (k - generic).min(own.len());
        let take_generic = (k - take_own).min(d.generic.len());
        for i in sample(self.rng, own.len(), take_own) {
            self.points.push(Point {
                issue: &own[i],
                fault: false,
            });
        }
        for i in sample(self.rng, d.generic.len(), take_generic) {
            self.points.push(Point {
                issue: &d.generic[i],
                fault: false,
            });
        }
        let n = self.points.len();
        match self.outcome {
            Some(Outcome::Upheld) => self.points.iter_mut().for_each(|p| p.fault = true),
            Some(Outcome::Partly) => {
                for p in &mut self.points {
                    p.fault = self.rng.percent(55);
                }
                if self.points.iter().all(|p| p.fault) || self.points.iter().all(|p| !p.fault) {
                    let i = self.rng.below(n);
                    let f = !self.points[i].fault;
                    for (j, p) in self.points.iter_mut().enumerate() {
                        p.fault = if j == i { f } else { !f };
                    }
                    // Now exactly one differs from the rest, which is a mix; make sure
                    // there is at least one of each even when n == 1 (not reachable: k >= 2).
                }
            }
            _ => {}
        }
    }

    // --- blocks --------------------------------------------------------------------

    fn block(&mut self, op: &'static Op) {
        match op {
            Op::Lines(b) => {
                let t = self.bank_text(b);
                self.push_lines(&t);
            }
            Op::Para(b) => {
                let t = self.bank_text(b);
                self.push_paras(&tidy(&t));
            }
            Op::Heading(b) => {
                let t = strip_bold(&tidy(&self.bank_text(b)));
                let t = t.trim();
                if t.is_empty() {
                    return;
                }
                if self.md {
                    self.push_block(&format!("## {t}"));
                } else if self.upper_headings {
                    self.push_block(&t.to_uppercase());
                } else {
                    self.push_block(t);
                }
            }
            Op::Title(b) => {
                let t = strip_bold(&tidy(&self.bank_text(b)));
                let t = t.trim();
                if self.md && self.title_bold {
                    self.push_block(&format!("**{t}**"));
                } else if self.md {
                    self.push_block(&format!("## {t}"));
                } else {
                    self.push_block(t);
                }
            }
            Op::List {
                bank,
                min,
                max,
                from,
            } => self.list(bank, *min, *max, *from),
            Op::Points => self.render_points(),
            Op::Extras(b) => self.extras(b.as_str()),
        }
    }

    fn push_block(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
        self.out.push_str(text);
    }

    /// Letterhead, address, sign-off: lines kept as they are; in Markdown, hard breaks.
    fn push_lines(&mut self, t: &str) {
        for group in t.split("\n\n") {
            let lines: Vec<&str> = group
                .lines()
                .map(str::trim_end)
                .filter(|l| !l.trim().is_empty())
                .collect();
            if lines.is_empty() {
                continue;
            }
            let mut s = String::new();
            for (i, l) in lines.iter().enumerate() {
                let l = if self.md {
                    tidy_line(l)
                } else {
                    tidy_line(&strip_bold(l))
                };
                s.push_str(&l);
                if i + 1 < lines.len() {
                    let next = lines[i + 1];
                    if self.md
                        && !l.starts_with('#')
                        && !l.starts_with("---")
                        && !next.starts_with("---")
                    {
                        s.push_str("  ");
                    }
                    s.push('\n');
                }
            }
            self.push_block(&s);
        }
    }

    /// Paragraphs split on blank lines; plain text is wrapped, Markdown keeps its bold
    /// and gets hard breaks where a paragraph holds several lines.
    fn push_paras(&mut self, t: &str) {
        for p in t.split("\n\n") {
            let p = p.trim();
            if p.is_empty() {
                continue;
            }
            let s = self.render_para(p, "", "");
            self.push_block(&s);
        }
    }

    fn render_para(&self, p: &str, first: &str, rest: &str) -> String {
        let mut s = String::with_capacity(p.len() + 16);
        if self.md {
            let lines: Vec<&str> = p.lines().collect();
            for (i, l) in lines.iter().enumerate() {
                s.push_str(if i == 0 { first } else { rest });
                s.push_str(l);
                if i + 1 < lines.len() {
                    if !lines[i + 1].starts_with("- ") && !l.starts_with("- ") {
                        s.push_str("  ");
                    }
                    s.push('\n');
                }
            }
        } else {
            let p = strip_bold(p);
            for (i, l) in p.lines().enumerate() {
                if i > 0 {
                    s.push('\n');
                }
                let (f, r) = if i == 0 { (first, rest) } else { (rest, rest) };
                if l.starts_with("- ") {
                    let hang = format!("{r}  ");
                    wrap_into(l, self.wrap, f, &hang, &mut s);
                } else {
                    wrap_into(l, self.wrap, f, r, &mut s);
                }
            }
        }
        s
    }

    fn render_points(&mut self) {
        let n = self.points.len();
        for i in 0..n {
            let (issue, fault) = (self.points[i].issue, self.points[i].fault);
            self.issue = Some(issue);
            self.fault = fault;
            let title = strip_bold(&tidy(&self.bank_text("title")));
            let title = title.trim().trim_end_matches('.');
            let body = tidy(&self.bank_text("point_body"));
            let paras: Vec<&str> = body
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            let num = i + 1;
            let mut numbered_list = false;
            match self.point_style {
                PointStyle::HeadingNumbered => self.push_block(&format!("### {num}. {title}")),
                PointStyle::BoldNumbered => self.push_block(&format!("**{num}. {title}**")),
                PointStyle::HeadingTitle => self.push_block(&format!("### {title}")),
                PointStyle::NumberedTitle => self.push_block(&format!("{num}. {title}")),
                PointStyle::TitleLine if self.upper_headings => {
                    self.push_block(&title.to_uppercase())
                }
                PointStyle::TitleLine => self.push_block(title),
                PointStyle::NumberedList => numbered_list = true,
                PointStyle::Prose => {}
            }
            for (j, p) in paras.iter().enumerate() {
                let s = if numbered_list {
                    let first = if j == 0 {
                        format!("{num}. ")
                    } else {
                        "   ".to_string()
                    };
                    self.render_para(p, &first, "   ")
                } else {
                    self.render_para(p, "", "")
                };
                self.push_block(&s);
            }
        }
        self.issue = None;
        self.fault = false;
    }

    fn list(&mut self, bank: &str, min: usize, max: usize, from: ListFrom) {
        let k = min + self.rng.below(max - min + 1);
        // One item per complaint point first (its own remedy or learning), then any.
        let mut picked: Vec<(&'static str, Option<(&'static Scope, bool)>)> = Vec::new();
        let points: Vec<(&'static Scope, bool)> = self
            .points
            .iter()
            .filter(|p| from == ListFrom::Each || (from == ListFrom::Fault && p.fault))
            .map(|p| (p.issue, p.fault))
            .collect();
        if from != ListFrom::Any {
            for &(issue, fault) in &points {
                // `each`: the point's own bank, or the nearest one seen from the point.
                let v = match issue.get(bank) {
                    Some(v) => Some(v.as_slice()),
                    None if from == ListFrom::Each => {
                        let saved = self.issue.replace(issue);
                        let v = self.find(bank);
                        self.issue = saved;
                        v
                    }
                    None => None,
                };
                if let Some(v) = v {
                    let t = self.rng.pick(v).as_str();
                    if from == ListFrom::Each || !picked.iter().any(|(x, _)| std::ptr::eq(*x, t)) {
                        picked.push((t, Some((issue, fault))));
                    }
                }
            }
        }
        if from != ListFrom::Each && picked.len() < k {
            let mut pool: Vec<&'static str> = Vec::new();
            for sc in self.chain() {
                if let Some(v) = sc.get(bank) {
                    pool.extend(v.iter().map(String::as_str));
                }
            }
            pool.retain(|t| !picked.iter().any(|(x, _)| std::ptr::eq(*x, *t)));
            let want = (k - picked.len()).min(pool.len());
            for i in sample(self.rng, pool.len(), want) {
                picked.push((pool[i], None));
            }
        }
        if picked.is_empty() {
            return;
        }
        let mut items = Vec::with_capacity(picked.len());
        for (t, scope) in picked {
            let saved = (self.issue, self.fault);
            if let Some((issue, fault)) = scope {
                self.issue = Some(issue);
                self.fault = fault;
            }
            let mut s = String::new();
            self.expand(t, &mut s, 0);
            (self.issue, self.fault) = saved;
            let mut s = tidy(&s).trim().to_string();
            if s.is_empty() {
                continue;
            }
            capitalise_at(&mut s, 0);
            if !s.ends_with(['.', '?', '!', ':']) {
                s.push('.');
            }
            items.push(s);
        }
        let mut block = String::new();
        if self.list_style == ListStyle::Prose {
            let joined = items.join(" ");
            self.push_paras(&joined);
            return;
        }
        for (i, it) in items.iter().enumerate() {
            if i > 0 {
                block.push('\n');
            }
            let marker = match self.list_style {
                ListStyle::Dash => "- ".to_string(),
                ListStyle::Bullet => "\u{2022} ".to_string(),
                ListStyle::Numbered => format!("{}. ", i + 1),
                ListStyle::Lettered => format!("({}) ", char::from(b'a' + (i % 26) as u8)),
                ListStyle::Prose => String::new(),
            };
            let hang = " ".repeat(marker.chars().count());
            if self.md {
                block.push_str(&marker);
                block.push_str(it);
            } else {
                wrap_into(&strip_bold(it), self.wrap, &marker, &hang, &mut block);
            }
        }
        self.push_block(&block);
    }

    /// Marks where extra paragraphs (accessibility, meeting offers...) go; they are added
    /// once the rest of the letter is written, until it reaches `settings.min_bytes`.
    /// Sometimes one is added anyway.
    fn extras(&mut self, bank: &'static str) {
        if self.extras_at.is_none() {
            self.extras_at = Some((self.out.len(), bank));
            self.extras_end = self.out.len();
            // Sometimes one or two more than the length needs.
            let bonus = match self.rng.below(20) {
                0..=8 => 0,
                9..=15 => 1,
                _ => 2,
            };
            for _ in 0..bonus {
                self.add_extra(bank);
            }
        }
    }

    fn fill_extras(&mut self) {
        let Some((_, bank)) = self.extras_at else {
            return;
        };
        let tail = self.out.split_off(self.extras_end);
        let spread = self.d.settings.fill_spread;
        let target = self.d.settings.min_bytes
            + if spread > 0 {
                self.rng.below(spread)
            } else {
                0
            };
        // +1: the final newline.
        while self.out.len() + tail.len() + 1 < target {
            if !self.add_extra(bank) {
                break;
            }
        }
        self.out.push_str(&tail);
    }

    /// One unused extra paragraph; false when all are used.
    fn add_extra(&mut self, bank: &str) -> bool {
        let Some(entries) = self.find(bank) else {
            return false;
        };
        let free: Vec<usize> = (0..entries.len())
            .filter(|i| !self.extras_used.contains(i))
            .collect();
        if free.is_empty() {
            return false;
        }
        let i = *self.rng.pick(&free);
        self.extras_used.push(i);
        let mut s = String::new();
        self.expand(&entries[i], &mut s, 0);
        self.push_paras(&tidy(&s));
        self.extras_end = self.out.len();
        true
    }

    // --- templates ------------------------------------------------------------------

    fn chain(&self) -> impl Iterator<Item = &'static Scope> {
        let issue = self.issue;
        let (service, body, sector) = (&self.service.banks, &self.body.banks, &self.sector.banks);
        let group = self.group;
        let global = &self.d.global;
        issue
            .into_iter()
            .chain([service, body, sector])
            .chain(group)
            .chain(std::iter::once(global))
    }

    fn find(&self, name: &str) -> Option<&'static [String]> {
        self.chain().find_map(|sc| sc.get(name)).map(Vec::as_slice)
    }

    fn bank_text(&mut self, name: &str) -> String {
        let mut s = String::new();
        let entries = self
            .find(name)
            .unwrap_or_else(|| panic!("corpus: no bank {name}"));
        let t = self.rng.pick(entries).as_str();
        self.expand(t, &mut s, 0);
        s
    }

    fn expand(&mut self, tpl: &'static str, out: &mut String, depth: u32) {
        assert!(
            depth < 24,
            "corpus/banks.toml: templates nest too deep near {tpl:?}"
        );
        let mut rest = tpl;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            let j = after.find('}').expect("validated template");
            let name = &after[..j];
            let start = out.len();
            self.slot(name, out, depth);
            rest = &after[j + 1..];
            // A slot glued to what follows ("{mailbox}@{domain}", "{p_f}.{p_last_ascii}")
            // is part of a word, not a sentence opening.
            let glued = match rest.as_bytes() {
                [b'@' | b'{' | b'_', ..] => true,
                [b'.', c, ..] => c.is_ascii_alphanumeric() || *c == b'{',
                [c, ..] => c.is_ascii_alphanumeric(),
                [] => false,
            };
            if !glued
                && out.len() > start
                && at_sentence_start(&out[..start])
                && capitalisable(&out[start..])
            {
                capitalise_at(out, start);
            }
        }
        out.push_str(rest);
    }

    fn slot(&mut self, name: &'static str, out: &mut String, depth: u32) {
        // A slot right after a sentence-opening adverb ("Later, {officer} called you").
        let after_opener = self.opener_end.take() == Some(out.len().wrapping_sub(1));
        if name.starts_with("opener") {
            self.bank(name, out, depth + 1);
            self.opener_end = Some(out.len());
            return;
        }
        if let Some((i, field)) = officer_slot(name) {
            return self.officer(i, field, out, depth, after_opener);
        }
        if let Some(field) = relative_slot(name) {
            return self.relative(field, out, depth);
        }
        if let Some(field) = third_slot(name) {
            return self.third(field, out, depth);
        }
        if let Some(field) = name
            .strip_prefix("p_")
            .filter(|f| PERSON_FIELDS.contains(f))
        {
            return self.person_field(field, out);
        }
        if let Some(field) = name
            .strip_prefix("complainant")
            .filter(|f| COMPLAINANT_FIELDS.contains(f))
        {
            let c = &mut self.complainant;
            let start = out.len();
            let shape = match field {
                "_first" => {
                    out.push_str(c.first);
                    if !c.shapes.contains(&"first_name_greeting") {
                        c.shapes.push("first_name_greeting");
                    }
                    "first"
                }
                "_last" => {
                    out.push_str(c.last);
                    "surname"
                }
                "_name" => {
                    push3(out, c.first, " ", c.last);
                    "full"
                }
                "_full" => {
                    push3(out, &c.title, " ", c.first);
                    push3(out, " ", c.last, "");
                    "title_full"
                }
                _ => {
                    push3(out, &c.title, " ", c.last);
                    "title_surname"
                }
            };
            c.note(&out[start..], &[shape]);
            return;
        }
        if let Some(field) = name
            .strip_prefix("signatory")
            .filter(|f| SIGNATORY_FIELDS.contains(f))
        {
            let s = &mut self.signatory;
            let start = out.len();
            let shape = match field {
                "_first" => {
                    out.push_str(s.first);
                    "first"
                }
                "_last" => {
                    out.push_str(s.last);
                    "surname"
                }
                _ => {
                    push3(out, s.first, " ", s.last);
                    "signoff"
                }
            };
            s.note(&out[start..], &[shape]);
            return;
        }
        if let Some(n) = digits_slot(name) {
            for _ in 0..n {
                out.push(char::from(b'0' + self.rng.below(10) as u8));
            }
            return;
        }
        if let Some(base) = name.strip_suffix("_slug") {
            let mut t = String::new();
            self.slot(base, &mut t, depth + 1);
            slugify(&t, out);
            return;
        }
        match name {
            "date" | "day_date" => {
                let step = self.rng.range(1, 9);
                self.cursor = (self.cursor + step).min(self.complaint_day - 1);
                push_date(out, self.cursor, name == "day_date");
            }
            "later_date" => {
                let step = self.rng.range(18, 60);
                self.cursor = (self.cursor + step).min(self.complaint_day - 1);
                push_date(out, self.cursor, false);
            }
            "event_month" => {
                let (y, m, _) = civil(self.cursor);
                push3(out, MONTHS[m as usize - 1], " ", &y.to_string());
            }
            "complaint_date" => push_date(out, self.complaint_day, false),
            "letter_date" => push_date(out, self.letter_day, false),
            "future_date" => {
                self.future += self.rng.range(2, 12);
                push_date(out, self.future, false);
            }
            "reply_by" => push_date(out, self.complaint_day + 28, false),
            "new_date" => push_date(out, self.letter_day + 23, false),
            "year" => out.push_str(&civil(self.letter_day).0.to_string()),
            "past_year" => {
                out.push_str(&(civil(self.letter_day).0 - self.rng.range(2, 9)).to_string())
            }
            "amount" => push_pounds(out, 25 * self.rng.range(2, 24)),
            "small_amount" => push_pounds(out, 5 * self.rng.range(4, 15)),
            "large_amount" => push_pounds(out, 50 * self.rng.range(14, 90)),
            "pence_amount" => {
                let p = self.rng.range(500, 9999);
                out.push_str(&format!("\u{a3}{}.{:02}", p / 100, p % 100));
            }
            "num" => out.push_str(&self.rng.range(1, 120).to_string()),
            "section" => {
                let (a, b) = (self.rng.range(1, 9), self.rng.range(1, 12));
                out.push_str(&format!("{a}.{b}"));
            }
            "phone" => {
                out.push_str("01632 96");
                for _ in 0..4 {
                    out.push(char::from(b'0' + self.rng.below(10) as u8));
                }
            }
            "postcode" | "home_postcode" => {
                let mut area = String::new();
                let bank = if name == "postcode" {
                    "postcode_area"
                } else {
                    "home_area"
                };
                self.bank(bank, &mut area, depth + 1);
                const INWARD: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";
                let (a, b) = (self.rng.below(INWARD.len()), self.rng.below(INWARD.len()));
                out.push_str(&format!(
                    "{area}{} {}{}{}",
                    self.rng.range(1, 19),
                    self.rng.range(1, 9),
                    char::from(INWARD[a]),
                    char::from(INWARD[b])
                ));
            }
            // Names in places and firms ("Hope Street", "Baker Roofing Ltd") are never an
            // officer's: drawn again on a clash, and kept from officers drawn later.
            "any_name" | "any_first" | "any_surname" => {
                let staff: Vec<String> = self.officers.iter().flat_map(Person::words).collect();
                let mut picked = String::new();
                for _ in 0..16 {
                    picked.clear();
                    if name == "any_surname" {
                        picked.push_str(self.rng.pick(&self.d.names.surname).as_str());
                    } else {
                        let p = blank_person(self.d, self.rng, None);
                        picked.push_str(p.first);
                        if name == "any_name" {
                            push3(&mut picked, " ", p.last, "");
                        }
                    }
                    if !clash(&name_words(&picked, ""), &staff) {
                        break;
                    }
                }
                out.push_str(&picked);
                self.taken.extend(name_words(&picked, ""));
            }
            "reasons_fault" | "reasons_ok" => self.reasons(name == "reasons_fault", out, depth),
            "fault_gist" => {
                let faults: Vec<&'static Scope> = self
                    .points
                    .iter()
                    .filter(|p| p.fault)
                    .map(|p| p.issue)
                    .collect();
                if faults.is_empty() {
                    self.bank("gist_fallback", out, depth + 1);
                } else {
                    let issue = *self.rng.pick(&faults);
                    self.with_issue(issue, true, |c| c.bank("gist_fault", out, depth + 1));
                }
            }
            "finding" => self.bank(if self.fault { "fault" } else { "ok" }, out, depth + 1),
            "verdict" => self.bank(
                if self.fault {
                    "verdict_fault"
                } else {
                    "verdict_ok"
                },
                out,
                depth + 1,
            ),
            "gist" => self.bank(
                if self.fault { "gist_fault" } else { "gist_ok" },
                out,
                depth + 1,
            ),
            "point_note" => self.bank(
                if self.fault { "note_fault" } else { "note_ok" },
                out,
                depth + 1,
            ),
            "point_sorry" => {
                if self.fault && self.rng.percent(35) {
                    self.bank("point_apology", out, depth + 1);
                }
            }
            "outcome_word" => out.push_str(match self.outcome {
                Some(Outcome::Upheld) => "upheld",
                Some(Outcome::Partly) => "partly upheld",
                _ => "not upheld",
            }),
            "point_count" => out.push_str(
                ["one", "two", "three", "four", "five"]
                    .get(self.points.len().saturating_sub(1))
                    .copied()
                    .unwrap_or("several"),
            ),
            _ => self.bank(name, out, depth + 1),
        }
    }

    fn with_issue(&mut self, issue: &'static Scope, fault: bool, f: impl FnOnce(&mut Self)) {
        let saved = (self.issue, self.fault);
        self.issue = Some(issue);
        self.fault = fault;
        f(self);
        (self.issue, self.fault) = saved;
    }

    /// "we missed your collections and we replied late": the gists of the upheld (or not
    /// upheld) points, joined.
    fn reasons(&mut self, fault: bool, out: &mut String, depth: u32) {
        let issues: Vec<&'static Scope> = self
            .points
            .iter()
            .filter(|p| p.fault == fault)
            .map(|p| p.issue)
            .collect();
        let bank = if fault { "gist_fault" } else { "gist_ok" };
        let mut parts = Vec::new();
        for issue in issues {
            let mut s = String::new();
            self.with_issue(issue, fault, |c| c.bank(bank, &mut s, depth + 1));
            parts.push(s);
        }
        if parts.is_empty() {
            self.bank("gist_fallback", out, depth + 1);
            return;
        }
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                out.push_str(if i + 1 == parts.len() { " and " } else { ", " });
            }
            out.push_str(p);
        }
    }

    fn bank(&mut self, name: &'static str, out: &mut String, depth: u32) {
        let sticky = self.d.sticky.contains(name);
        if sticky {
            if let Some(v) = self.sticky.get(name) {
                out.push_str(v);
                return;
            }
        }
        let entries = self.find(name).unwrap_or_else(|| {
            panic!(
                "corpus/banks.toml: no bank {name} for service {}",
                self.service.key
            )
        });
        let t = if self.d.distinct.contains(name) {
            self.pick_unused(name, entries)
        } else {
            self.rng.pick(entries).as_str()
        };
        let start = out.len();
        self.expand(t, out, depth + 1);
        if sticky {
            self.sticky.insert(name, out[start..].to_string());
        }
    }

    /// An entry not yet used in this letter (all again once every one has been).
    fn pick_unused(&mut self, name: &'static str, entries: &'static [String]) -> &'static str {
        let used = self.used.entry(name).or_default();
        if used.len() >= entries.len() {
            used.clear();
        }
        let free = entries.len() - used.len();
        let mut k = self.rng.below(free);
        for (i, e) in entries.iter().enumerate() {
            if used.contains(&i) {
                continue;
            }
            if k == 0 {
                used.push(i);
                return e;
            }
            k -= 1;
        }
        unreachable!("free > 0")
    }

    fn person_ref(&self, who: Who) -> Option<&Person> {
        match who {
            Who::Officer(i) => self.officers.get(i),
            Who::Relative => self.relative.as_ref(),
            Who::Third => self.third.as_ref(),
        }
    }

    fn person_mut(&mut self, who: Who) -> Option<&mut Person> {
        match who {
            Who::Officer(i) => self.officers.get_mut(i),
            Who::Relative => self.relative.as_mut(),
            Who::Third => self.third.as_mut(),
        }
    }

    /// The name words of everyone drawn so far but `skip`, and of places and firms.
    fn words_in_use(&self, skip: Option<usize>) -> Vec<String> {
        let mut w: Vec<String> = self.taken.clone();
        for (j, o) in self.officers.iter().enumerate() {
            if Some(j) != skip {
                w.extend(o.words());
            }
        }
        for p in [&self.relative, &self.third].into_iter().flatten() {
            w.extend(p.words());
        }
        w
    }

    /// A person (relative, third party) whose name shares no word with an officer's.
    fn outsider(&mut self) -> Person {
        let staff: Vec<String> = self.officers.iter().flat_map(Person::words).collect();
        let mut p = blank_person(self.d, self.rng, None);
        for _ in 0..16 {
            if !clash(&p.words(), &staff) {
                break;
            }
            p = blank_person(self.d, self.rng, None);
        }
        p
    }

    /// Officer `i` and those before it, drawn on first use. An officer's name shares no
    /// word with anyone else's in the letter (look-alikes, other officers, places), but
    /// now and then (`settings.shared_surname_percent`) an officer has the signatory's
    /// surname.
    fn draw_officers(&mut self, i: usize) {
        while self.officers.len() <= i {
            let shared = !self.officers.iter().any(|o| o.last == self.signatory.last)
                && self.rng.percent(self.d.settings.shared_surname_percent);
            let mut others = self.words_in_use(None);
            others.extend(self.complainant.words());
            let sig = self.signatory.words();
            if !shared {
                others.extend(sig.iter().cloned());
            } else {
                others.extend(name_words(self.signatory.first, ""));
            }
            let mut p = blank_person(self.d, self.rng, Some(self.complainant.last));
            for _ in 0..24 {
                if shared {
                    p.last = self.signatory.last;
                }
                if !clash(&p.words(), &others) {
                    break;
                }
                p = blank_person(self.d, self.rng, Some(self.complainant.last));
            }
            if shared {
                p.last = self.signatory.last;
                p.shapes = blank_shapes(self.d, p.first, p.last);
                p.shapes.push("shares_signatory");
            }
            p.title = self.bank_text(if p.female { "title_f" } else { "title_m" });
            let role = self.bank_text("role_pool");
            match role.split_once('|') {
                Some((r, t)) => {
                    p.role = r.to_string();
                    p.team = t.to_string();
                }
                None => {
                    p.role = role;
                    p.team = self.bank_text("team_pool");
                }
            }
            p.job = job_title(&p.role);
            if matches!(p.title.as_str(), "PC" | "DC" | "PS" | "DS" | "Sergeant") {
                p.collar = self.rng.range(1000, 9999).to_string();
            }
            self.officers.push(p);
        }
    }

    /// Writes one form of `who`'s name from `bank` (or `template`), recording the name
    /// it wrote (the span its name fields cover: "Ms Okafor" in "the caseworker, Ms
    /// Okafor,") with the form's shape and `extra` shapes.
    fn person_form(
        &mut self,
        who: Who,
        bank: &'static str,
        template: Option<&'static str>,
        out: &mut String,
        depth: u32,
        extra: &[&'static str],
    ) {
        let t = match template {
            Some(t) => t,
            None => {
                let entries = self
                    .find(bank)
                    .unwrap_or_else(|| panic!("corpus/banks.toml: no bank {bank}"));
                if self.d.distinct.contains(bank) {
                    self.pick_unused(bank, entries)
                } else {
                    self.rng.pick(entries).as_str()
                }
            }
        };
        let saved = (
            self.person.replace(who),
            self.capture.replace((usize::MAX, 0)),
        );
        self.expand(t, out, depth + 1);
        let span = self.capture.take();
        (self.person, self.capture) = saved;
        let collar = self.person_ref(who).is_some_and(|p| !p.collar.is_empty());
        let mut shapes = vec![template_shape(t, collar)];
        shapes.extend_from_slice(extra);
        if let Some((a, b)) = span.filter(|(a, b)| a < b) {
            let name = if self.caps {
                out[a..b].to_uppercase()
            } else {
                out[a..b].to_string()
            };
            if let Some(p) = self.person_mut(who) {
                p.note(&name, &shapes);
            }
        }
    }

    fn officer(&mut self, i: usize, field: &str, out: &mut String, depth: u32, adverb: bool) {
        self.draw_officers(i);
        let who = Who::Officer(i);
        let extra: &[&'static str] = if adverb { &["adverb"] } else { &[] };
        match field {
            "" | "ref" => {
                let first = !self.officers[i].mentioned;
                self.officers[i].mentioned = true;
                let bank = if first { "form_first" } else { "form_again" };
                self.person_form(who, bank, None, out, depth, extra);
            }
            "s" => {
                self.officers[i].mentioned = true;
                let start = out.len();
                let mut shapes = vec!["possessive"];
                shapes.extend_from_slice(extra);
                self.person_form(who, "form_poss", None, out, depth, &shapes);
                out.push_str(if out[start..].ends_with('s') {
                    "'"
                } else {
                    "'s"
                });
            }
            "caps" => {
                // A header line: "INVESTIGATING OFFICER: MS JANE DOE".
                self.officers[i].mentioned = true;
                let mut s = String::new();
                self.caps = true;
                self.person_form(who, "form_caps", None, &mut s, depth, &["caps"]);
                self.caps = false;
                out.push_str(&s.to_uppercase());
            }
            "email" => {
                if self.officers[i].email.is_none() {
                    let mut s = String::new();
                    let saved = self.person.replace(who);
                    self.bank("form_email", &mut s, depth + 1);
                    self.person = saved;
                    let local = s.split('@').next().unwrap_or_default().to_string();
                    self.officers[i].note(&local, &["email"]);
                    self.officers[i].email = Some(s);
                }
                out.push_str(self.officers[i].email.as_deref().unwrap_or_default());
            }
            "line" => {
                if self.officers[i].line.is_none() {
                    let mut s = String::new();
                    self.slot("phone", &mut s, depth + 1);
                    self.officers[i].line = Some(s);
                }
                out.push_str(self.officers[i].line.as_deref().unwrap_or_default());
            }
            f => {
                let saved = self.person.replace(who);
                let start = out.len();
                self.person_field(f, out);
                self.person = saved;
                if matches!(f, "first" | "last" | "full") {
                    let name = out[start..].to_string();
                    let shape = match f {
                        "first" => "first",
                        "last" => "surname",
                        _ => "full",
                    };
                    self.officers[i].note(&name, &[shape]);
                }
            }
        }
    }

    fn relative(&mut self, field: &str, out: &mut String, depth: u32) {
        if self.relative.is_none() {
            let mut p = self.outsider();
            if self.rng.percent(60) {
                p.last = self.complainant.last;
                p.shapes = blank_shapes(self.d, p.first, p.last);
            }
            p.relation = self.bank_text(if p.female { "relation_f" } else { "relation_m" });
            p.title = self.bank_text(if p.female {
                "relative_title_f"
            } else {
                "relative_title_m"
            });
            self.relative = Some(p);
        }
        let who = Who::Relative;
        match field {
            "" => {
                let first = !self.relative.as_ref().is_some_and(|r| r.mentioned);
                if let Some(r) = self.relative.as_mut() {
                    r.mentioned = true;
                }
                let bank = if first {
                    "relative_first"
                } else {
                    "relative_again"
                };
                self.person_form(who, bank, None, out, depth, &[]);
            }
            "ref" if self.relative.as_ref().is_some_and(|r| r.mentioned) => {
                self.person_form(who, "relative_again", None, out, depth, &[])
            }
            "ref" | "rel" => {
                out.push_str("your ");
                out.push_str(
                    self.relative
                        .as_ref()
                        .map_or("relative", |r| r.relation.as_str()),
                );
            }
            "s" => {
                let start = out.len();
                self.person_form(who, "relative_again", None, out, depth, &["possessive"]);
                out.push_str(if out[start..].ends_with('s') {
                    "'"
                } else {
                    "'s"
                });
            }
            f => {
                let saved = self.person.replace(who);
                let start = out.len();
                self.person_field(f, out);
                self.person = saved;
                if matches!(f, "first" | "full") {
                    let name = out[start..].to_string();
                    if let Some(r) = self.relative.as_mut() {
                        r.note(&name, &[if f == "first" { "first" } else { "full" }]);
                    }
                }
            }
        }
    }

    /// A third party: a neighbour, a councillor, an MP, an advocate, or (near the
    /// police: noise, anti-social behaviour) a police officer of another body, "PC 4471
    /// Hughes of Wexshire Police". One a letter; its kind is a `third_kind` entry,
    /// `first form|later form|title`.
    fn third(&mut self, field: &str, out: &mut String, depth: u32) {
        if self.third.is_none() {
            let mut p = self.outsider();
            let entries = self.find("third_kind").expect("validated bank");
            let kind = self.rng.pick(entries).as_str();
            let mut parts = kind.split('|');
            let first = parts.next().unwrap_or_default();
            let again = parts.next().unwrap_or(first);
            p.kind = (first, again);
            p.title = match parts.next() {
                Some(t) => t.to_string(),
                None if p.female => "Ms".to_string(),
                None => "Mr".to_string(),
            };
            p.collar = self.rng.range(1000, 9999).to_string();
            self.third = Some(p);
        }
        let Some(t) = self.third.as_mut() else {
            return;
        };
        let first = !t.mentioned;
        t.mentioned = true;
        let template = if first { t.kind.0 } else { t.kind.1 };
        let start = out.len();
        let shapes: &[&'static str] = if field == "s" { &["possessive"] } else { &[] };
        self.person_form(Who::Third, "third_kind", Some(template), out, depth, shapes);
        if field == "s" {
            out.push_str(if out[start..].ends_with('s') {
                "'"
            } else {
                "'s"
            });
        }
    }

    fn person_field(&mut self, field: &str, out: &mut String) {
        let Some(who) = self.person else {
            panic!("corpus/banks.toml: {{p_{field}}} outside a person's form")
        };
        let Some(p) = self.person_ref(who) else {
            return;
        };
        let start = out.len();
        match field {
            "title" => out.push_str(&p.title),
            "first" => out.push_str(p.first),
            "last" => out.push_str(p.last),
            "full" => push3(out, p.first, " ", p.last),
            "collar" => out.push_str(&p.collar),
            "role" => out.push_str(&p.role),
            "team" => out.push_str(&p.team),
            "job" => out.push_str(&p.job),
            "relation" => out.push_str(&p.relation),
            "f" => slugify(&p.first.chars().take(1).collect::<String>(), out),
            "first_ascii" => slugify(p.first, out),
            "last_ascii" => slugify(p.last, out),
            "pron" => out.push_str(if p.female { "she" } else { "he" }),
            "obj" => out.push_str(if p.female { "her" } else { "him" }),
            "poss" => out.push_str(if p.female { "her" } else { "his" }),
            _ => {}
        }
        // The name a form writes runs from its first name field to its last.
        if matches!(field, "title" | "first" | "last" | "full" | "collar") && out.len() > start {
            if let Some((a, b)) = self.capture.as_mut() {
                *a = (*a).min(start);
                *b = (*b).max(out.len());
            }
        }
    }
}

/// `k` distinct indices from `0..n`, in random order (partial Fisher–Yates).
fn sample(rng: &mut Rng, n: usize, k: usize) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    let k = k.min(n);
    for i in 0..k {
        let j = i + rng.below(n - i);
        idx.swap(i, j);
    }
    idx.truncate(k);
    idx
}

fn push3(out: &mut String, a: &str, b: &str, c: &str) {
    out.push_str(a);
    out.push_str(b);
    out.push_str(c);
}

// ---------------------------------------------------------------------------------------
// Text helpers.

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// (year, month 1–12, day) of a day count since 1970-01-01 (Hinnant's algorithm).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// 0 = Monday.
fn weekday(days: i64) -> usize {
    (days + 3).rem_euclid(7) as usize
}

fn push_date(out: &mut String, days: i64, with_weekday: bool) {
    let (y, m, d) = civil(days);
    if with_weekday {
        out.push_str(WEEKDAYS[weekday(days)]);
        out.push(' ');
    }
    out.push_str(&format!("{d} {} {y}", MONTHS[m as usize - 1]));
}

fn push_pounds(out: &mut String, pounds: i64) {
    if pounds >= 1000 {
        out.push_str(&format!("\u{a3}{},{:03}", pounds / 1000, pounds % 1000));
    } else {
        out.push_str(&format!("\u{a3}{pounds}"));
    }
}

/// Lower-case ASCII letters and digits, diacritics folded: "Siân ap Gwyn" → "sianapgwyn".
fn slugify(s: &str, out: &mut String) {
    for c in s.chars().flat_map(char::to_lowercase) {
        let f = match c {
            'a'..='z' | '0'..='9' => c,
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'ą' | 'ă' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ė' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => 'i',
            'ł' | 'ļ' => 'l',
            'ñ' | 'ń' | 'ņ' => 'n',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' => 'o',
            'ś' | 'š' | 'ș' | 'ş' => 's',
            'ț' | 'ţ' => 't',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ų' => 'u',
            'ŵ' => 'w',
            'ý' | 'ŷ' | 'ÿ' => 'y',
            'ź' | 'ż' | 'ž' => 'z',
            'ķ' => 'k',
            'ģ' => 'g',
            _ => continue,
        };
        out.push(f);
    }
}

/// After nothing, a line break, or a sentence end and a space.
fn at_sentence_start(before: &str) -> bool {
    let b = before.as_bytes();
    match b.last() {
        None | Some(b'\n') => true,
        Some(b' ') => {
            let t = before.trim_end_matches(' ');
            matches!(t.as_bytes().last(), None | Some(b'.' | b'!' | b'?' | b'\n'))
        }
        _ => false,
    }
}

/// Not an e-mail address, web address or domain.
fn capitalisable(s: &str) -> bool {
    let word = s.split(char::is_whitespace).next().unwrap_or("");
    !(word.contains('@') || word.starts_with("www") || word.trim_end_matches('.').contains('.'))
}

fn capitalise_at(s: &mut String, at: usize) {
    if let Some(c) = s[at..].chars().next() {
        if c.is_lowercase() {
            let up: String = c.to_uppercase().collect();
            s.replace_range(at..at + c.len_utf8(), &up);
        }
    }
}

fn strip_bold(s: &str) -> String {
    if s.contains("**") {
        s.replace("**", "")
    } else {
        s.to_string()
    }
}

/// Tidies what empty or trailing-comma slots leave behind: runs of spaces, a space before
/// punctuation, a comma before other punctuation ("our officer, Dan Whitely,." → "…Whitely."),
/// doubled full stops. Keeps line breaks.
fn tidy(s: &str) -> String {
    let b = s.as_bytes();
    let mut o: Vec<u8> = Vec::with_capacity(b.len());
    let is_punct = |c: Option<&u8>| {
        matches!(
            c,
            None | Some(b'.' | b',' | b';' | b':' | b'!' | b'?' | b')' | b'\n')
        )
    };
    let mut i = 0;
    while i < b.len() {
        let run = b[i..]
            .iter()
            .position(|&c| matches!(c, b' ' | b',' | b'.'))
            .unwrap_or(b.len() - i);
        o.extend_from_slice(&b[i..i + run]);
        i += run;
        if i == b.len() {
            break;
        }
        let c = b[i];
        match c {
            b' ' => {
                let mut j = i;
                while j < b.len() && b[j] == b' ' {
                    j += 1;
                }
                let drop_space =
                    is_punct(b.get(j)) || matches!(o.last(), None | Some(b'\n' | b'(' | b' '));
                if !drop_space {
                    o.push(b' ');
                }
                i = j;
                continue;
            }
            b',' => {
                let mut j = i + 1;
                while j < b.len() && b[j] == b' ' {
                    j += 1;
                }
                if is_punct(b.get(j)) && b.get(j) != Some(&b'\n') {
                    i += 1;
                    continue;
                }
                if b.get(j).is_none() {
                    i += 1;
                    continue;
                }
            }
            b'.' => {
                let prev_dot = o.last() == Some(&b'.');
                let next_dot = b.get(i + 1) == Some(&b'.');
                let prev2_dot = o.len() >= 2 && o[o.len() - 2] == b'.';
                if prev_dot && !next_dot && !prev2_dot {
                    i += 1;
                    continue;
                }
            }
            _ => {}
        }
        o.push(c);
        i += 1;
    }
    while o.last() == Some(&b' ') {
        o.pop();
    }
    String::from_utf8(o).expect("only ASCII bytes were removed")
}

/// A letterhead or address line: spaces tidied, the line otherwise kept.
fn tidy_line(s: &str) -> String {
    let t = tidy(s);
    t.trim().to_string()
}

/// Greedy word wrap to `width` characters (0: no wrapping), `first` and `rest` prefixing
/// the first and following lines.
fn wrap_into(text: &str, width: usize, first: &str, rest: &str, out: &mut String) {
    out.push_str(first);
    if width == 0 {
        out.push_str(text);
        return;
    }
    let indent = rest.chars().count();
    let mut col = first.chars().count();
    let mut line_empty = true;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let wl = if word.is_ascii() {
            word.len()
        } else {
            word.chars().count()
        };
        if !line_empty && col + 1 + wl > width {
            out.push('\n');
            out.push_str(rest);
            col = indent;
            line_empty = true;
        }
        if !line_empty {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += wl;
        line_empty = false;
    }
}
