//! A set of single words compared case-insensitively, for the word lists of a pack
//! ("mother", "his", "said"…) that are asked about one word of a letter at a time.

use std::hash::Hasher;

/// Words compared in lower case. An ASCII word is looked up without allocating: most
/// words of a letter are turned away by their length and first and last letters before
/// any hashing.
///
/// ```
/// use letterlint::rules::WordSet;
/// let set = WordSet::new(["Mother", "daughter", "Siân"]);
/// assert!(set.contains("mother") && set.contains("DAUGHTER") && set.contains("SIÂN"));
/// assert!(!set.contains("moth") && !set.contains("mothers"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    words: ExactWords,
    /// For each length of ASCII word (up to [`STACK`] bytes), which lower-case first bytes
    /// and which last bytes a word of the set of that length has.
    ends: Vec<(u128, u128)>,
}

/// The longest ASCII word looked up on the stack.
const STACK: usize = 48;

impl WordSet {
    /// The set of `words`, each in lower case.
    pub fn new<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> WordSet {
        let mut set = WordSet::default();
        for w in words {
            let w = w.as_ref().to_lowercase();
            let b = w.as_bytes();
            if w.is_ascii() && !w.is_empty() && w.len() <= STACK {
                if set.ends.len() <= w.len() {
                    set.ends.resize(w.len() + 1, (0, 0));
                }
                let e = &mut set.ends[w.len()];
                e.0 |= 1u128 << b[0];
                e.1 |= 1u128 << b[b.len() - 1];
            }
            set.words.insert(&w);
        }
        set
    }

    /// Whether `word`, in lower case, is in the set.
    pub fn contains(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        let Some(&b) = bytes.first() else {
            return self.words.contains("");
        };
        if !word.is_ascii() || bytes.len() > STACK {
            return self.words.contains(word.to_lowercase().as_str());
        }
        let last = bytes[bytes.len() - 1];
        match self.ends.get(bytes.len()) {
            Some(&(f, l))
                if f & (1u128 << b.to_ascii_lowercase()) != 0
                    && l & (1u128 << last.to_ascii_lowercase()) != 0 => {}
            _ => return false,
        }
        let mut buf = [0u8; STACK];
        let lower = &mut buf[..bytes.len()];
        lower.copy_from_slice(bytes);
        lower.make_ascii_lowercase();
        std::str::from_utf8(lower).is_ok_and(|l| self.words.contains(l))
    }

    /// How many words the set holds.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// A small, fast hasher for short words (FxHash's multiply-rotate): the word lists are
/// the pack's, not attacker-chosen keys, so SipHash's flood resistance buys nothing here.
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Words compared exactly (case and all): the name lists' tens of thousands of words
/// in one text, found through an open-addressed table of their hashes
/// ([`WordHasher`]), so that building the set costs no allocation per word and a
/// miss is usually decided by the table alone.
///
/// ```
/// use letterlint::rules::ExactWords;
/// let mut set: ExactWords = ["smith", "jones"].into_iter().collect();
/// set.insert("ap-rhys");
/// assert!(set.contains("smith") && set.contains("ap-rhys") && !set.contains("Smith"));
/// assert_eq!(set.len(), 3);
/// ```
#[derive(Debug, Clone, Default)]
pub struct ExactWords {
    /// The words, one after another.
    text: String,
    /// Where each word lies in `text`.
    spans: Vec<(u32, u32)>,
    /// A power-of-two table, at most half full: 0 for empty, else the high half of the
    /// word's hash and (its index in `spans` + 1).
    slots: Vec<u64>,
}

fn word_hash(word: &str) -> u64 {
    let mut h = WordHasher::default();
    h.write(word.as_bytes());
    // a terminator, as `Hash for str` writes; then the high bits are folded into the low
    // ones, which pick the slot
    h.write_u8(0xff);
    let x = h.finish();
    x ^ (x >> 29)
}

impl ExactWords {
    /// An empty set.
    pub fn new() -> ExactWords {
        ExactWords::default()
    }

    /// An empty set with room for `n` words before its table grows.
    pub fn with_capacity(n: usize) -> ExactWords {
        let mut set = ExactWords::new();
        set.grow(n * 2);
        set
    }

    /// Adds `word`; returns whether it was new.
    pub fn insert(&mut self, word: &str) -> bool {
        if (self.spans.len() + 1) * 2 > self.slots.len() {
            self.grow((self.spans.len() + 1) * 2);
        }
        let h = word_hash(word);
        let Err(empty) = self.find(word, h) else {
            return false;
        };
        let at = self.text.len() as u32;
        self.text.push_str(word);
        self.spans.push((at, word.len() as u32));
        self.slots[empty] = (h >> 32) << 32 | self.spans.len() as u64;
        true
    }

    /// The slot holding `word` (hashed to `h`), or the empty slot where it would go.
    /// The table is never full, so the probe ends.
    fn find(&self, word: &str, h: u64) -> Result<usize, usize> {
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        loop {
            let s = self.slots[i];
            if s == 0 {
                return Err(i);
            }
            if s >> 32 == h >> 32 {
                let (at, len) = self.spans[(s as u32 - 1) as usize];
                if self.text.get(at as usize..(at + len) as usize) == Some(word) {
                    return Ok(i);
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Resizes the table to hold at least `min` slots and re-places every word.
    fn grow(&mut self, min: usize) {
        let size = min.next_power_of_two().max(16);
        self.slots = vec![0; size];
        for k in 0..self.spans.len() {
            let (at, len) = self.spans[k];
            let word = &self.text[at as usize..(at + len) as usize];
            let h = word_hash(word);
            if let Err(i) = self.find(word, h) {
                self.slots[i] = (h >> 32) << 32 | (k as u64 + 1);
            }
        }
    }

    /// Whether the set holds exactly `word`.
    pub fn contains(&self, word: &str) -> bool {
        !self.slots.is_empty() && self.find(word, word_hash(word)).is_ok()
    }

    /// How many words the set holds.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

impl<S: AsRef<str>> FromIterator<S> for ExactWords {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> ExactWords {
        let iter = iter.into_iter();
        let mut set = ExactWords::with_capacity(iter.size_hint().0);
        for w in iter {
            set.insert(w.as_ref());
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::{ExactWords, WordSet};
    use proptest::prelude::*;

    /// The plain definition: some word of the list equals `word` in lower case.
    fn oracle(list: &[String], word: &str) -> bool {
        let w = word.to_lowercase();
        list.iter().any(|l| l.to_lowercase() == w)
    }

    #[test]
    fn edge_cases() {
        let set = WordSet::new(["he", "İstanbul", "ǅemal", ""]);
        assert!(set.contains("HE") && set.contains("He"));
        assert!(set.contains("") && !set.contains("h"));
        assert!(set.contains("İSTANBUL") == oracle(&["İstanbul".into()], "İSTANBUL"));
        assert!(set.contains("ǆemal"));
        let long = "a".repeat(60);
        assert!(WordSet::new([long.as_str()]).contains(&long.to_uppercase()));
        assert!(!WordSet::new(["abc"]).contains(&long));
    }

    proptest! {
        #[test]
        fn exact_words_answer_like_a_hash_set(
            list in prop::collection::vec("[a-cA-Cé'-]{0,4}", 0..40),
            probes in prop::collection::vec("[a-cA-Cé'-]{0,4}", 0..40),
        ) {
            let mut set: ExactWords = list.iter().take(list.len() / 2).collect();
            let mut plain: std::collections::HashSet<&str> =
                list.iter().take(list.len() / 2).map(String::as_str).collect();
            for w in &list[list.len() / 2..] {
                prop_assert_eq!(set.insert(w), plain.insert(w));
            }
            prop_assert_eq!(set.len(), plain.len());
            for w in list.iter().chain(&probes) {
                prop_assert_eq!(set.contains(w), plain.contains(w.as_str()), "{:?}", w);
            }
        }

        #[test]
        fn answers_like_the_plain_definition(
            list in prop::collection::vec("[a-zA-Zéß'İ-]{0,6}", 0..8),
            probes in prop::collection::vec("[a-zA-Zéß'İ-]{0,6}", 0..8),
        ) {
            let set = WordSet::new(&list);
            for w in list.iter().chain(&probes) {
                prop_assert_eq!(set.contains(w), oracle(&list, w), "{:?} in {:?}", w, list);
            }
        }
    }
}
