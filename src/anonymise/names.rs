//! The given-name, surname and common-word lists of `rules/names/` (US Census 1990 and
//! SSA baby-name data, public domain; hand-added UK names), loaded once per process.

use crate::rules::ExactWords;
use std::sync::OnceLock;

/// The name lists, lower-cased.
#[derive(Debug)]
pub struct NameLists {
    given: ExactWords,
    surnames: ExactWords,
    common: ExactWords,
}

fn load(text: &str) -> ExactWords {
    let mut set = ExactWords::with_capacity(text.bytes().filter(|&b| b == b'\n').count() + 1);
    let mut ascii = String::new();
    for l in text.split('\n').map(str::trim) {
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        if l.is_ascii() {
            // an ASCII word folds to its lower case; no allocation per word
            ascii.clear();
            ascii.push_str(l);
            ascii.make_ascii_lowercase();
            set.insert(&ascii);
        } else {
            set.insert(&fold(l));
        }
    }
    set
}

/// Lower-case, straight apostrophes, and common Latin diacritics removed ("Siân" →
/// "sian", "Łukasz" → "lukasz"), so a name matches the list however it is accented.
pub fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' | 'ă' => 'a',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ė' | 'ě' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
            'ý' | 'ÿ' | 'ŷ' => 'y',
            'ŵ' => 'w',
            'ñ' | 'ń' | 'ň' => 'n',
            'ç' | 'ć' | 'č' => 'c',
            'ł' => 'l',
            'ś' | 'š' | 'ş' => 's',
            'ź' | 'ż' | 'ž' => 'z',
            'ř' => 'r',
            'ğ' => 'g',
            'ď' => 'd',
            'ť' => 't',
            '’' => '\'',
            c => c,
        })
        .collect()
}

impl NameLists {
    /// The built-in lists (parsed on first use, then shared).
    pub fn get() -> &'static NameLists {
        static LISTS: OnceLock<NameLists> = OnceLock::new();
        LISTS.get_or_init(|| NameLists {
            given: load(include_str!("../../rules/names/given.txt")),
            surnames: load(include_str!("../../rules/names/surnames.txt")),
            common: load(include_str!("../../rules/names/common-words.txt")),
        })
    }

    /// Calls `f` with `word` folded; a short ASCII word is lower-cased on the stack.
    fn with_key<T>(word: &str, f: impl FnOnce(&str) -> T) -> T {
        let mut buf = [0u8; 40];
        if word.is_ascii() && word.len() <= buf.len() {
            let b = &mut buf[..word.len()];
            b.copy_from_slice(word.as_bytes());
            b.make_ascii_lowercase();
            // ASCII stays valid UTF-8 after lower-casing
            if let Ok(k) = std::str::from_utf8(b) {
                return f(k);
            }
        }
        f(&fold(word))
    }

    /// Whether `word` is a listed given name.
    pub fn is_given(&self, word: &str) -> bool {
        Self::with_key(word, |k| self.given.contains(k))
    }

    /// Whether `word` is a listed surname (hyphenated surnames count when every part is).
    pub fn is_surname(&self, word: &str) -> bool {
        Self::with_key(word, |k| {
            self.surnames.contains(k)
                || (k.contains('\'') && {
                    let bare = k.replace('\'', "");
                    bare.len() > 2 && self.surnames.contains(&bare)
                })
                || (k.contains('-')
                    && k.split('-')
                        .all(|p| self.surnames.contains(p) || self.given.contains(p)))
        })
    }

    /// Whether `word` is also an ordinary word ("Hope", "Will", "Brown").
    pub fn is_common(&self, word: &str) -> bool {
        Self::with_key(word, |k| self.common.contains(k))
    }
}
