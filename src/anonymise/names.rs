//! The given-name, surname and common-word lists of `rules/names/` (US Census 1990 and
//! SSA baby-name data, public domain; hand-added UK names), loaded once per process.

use std::collections::HashSet;
use std::sync::OnceLock;

/// The name lists, lower-cased.
#[derive(Debug)]
pub struct NameLists {
    given: HashSet<String>,
    surnames: HashSet<String>,
    common: HashSet<String>,
}

fn load(text: &str) -> HashSet<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(fold)
        .collect()
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

    fn key(word: &str) -> String {
        fold(word)
    }

    /// Whether `word` is a listed given name.
    pub fn is_given(&self, word: &str) -> bool {
        self.given.contains(&Self::key(word))
    }

    /// Whether `word` is a listed surname (hyphenated surnames count when every part is).
    pub fn is_surname(&self, word: &str) -> bool {
        let k = Self::key(word);
        self.surnames.contains(&k)
            || k.replace('\'', "").len() > 2 && self.surnames.contains(&k.replace('\'', ""))
            || (k.contains('-')
                && k.split('-')
                    .all(|p| self.surnames.contains(p) || self.given.contains(p)))
    }

    /// Whether `word` is also an ordinary word ("Hope", "Will", "Brown").
    pub fn is_common(&self, word: &str) -> bool {
        self.common.contains(&Self::key(word))
    }
}
