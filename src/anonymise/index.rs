//! Lookups that keep people detection linear in the letter's length: the detector asks
//! "is this token inside a name found already?" and "whose name is this word?" once per
//! token, and scanning every name or person found so far made name-dense letters
//! quadratic (a 2 MB letter took 15 s, 4 MB a minute).

use std::collections::HashMap;
use std::ops::Range;

/// A union of non-empty ranges (empty ones are ignored), kept as sorted, disjoint
/// intervals.
///
/// ```
/// use letterlint::anonymise::index::Spans;
///
/// let mut s = Spans::default();
/// s.insert(10..15);
/// s.insert(0..3);
/// assert!(s.overlaps(&(14..20)));
/// assert!(!s.overlaps(&(3..10)));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Spans {
    /// Disjoint, sorted by start (so also by end).
    runs: Vec<Range<usize>>,
}

impl Spans {
    /// The union of `ranges`.
    pub fn from_ranges<'a>(ranges: impl IntoIterator<Item = &'a Range<usize>>) -> Spans {
        let mut v: Vec<Range<usize>> = ranges
            .into_iter()
            .filter(|r| r.start < r.end)
            .cloned()
            .collect();
        v.sort_by_key(|r| r.start);
        let mut runs: Vec<Range<usize>> = Vec::with_capacity(v.len());
        for r in v {
            match runs.last_mut() {
                Some(last) if r.start < last.end => last.end = last.end.max(r.end),
                _ => runs.push(r),
            }
        }
        Spans { runs }
    }

    /// Adds `r` (cheapest when it lies after everything added so far).
    pub fn insert(&mut self, r: Range<usize>) {
        if r.start >= r.end {
            return;
        }
        // the first run that ends after r starts: every later run might overlap
        let i = self.runs.partition_point(|x| x.end <= r.start);
        let mut j = i;
        let (mut start, mut end) = (r.start, r.end);
        while j < self.runs.len() && self.runs[j].start < end {
            start = start.min(self.runs[j].start);
            end = end.max(self.runs[j].end);
            j += 1;
        }
        self.runs.splice(i..j, std::iter::once(start..end));
    }

    /// Whether any added range shares a position with `r`.
    pub fn overlaps(&self, r: &Range<usize>) -> bool {
        let i = self.runs.partition_point(|x| x.end <= r.start);
        self.runs
            .get(i)
            .is_some_and(|x| x.start < r.end && r.start < r.end)
    }
}

/// People by the words of their names: every word added for a person (folded to lower
/// case) maps to the people it was added for, in ascending order, so a lookup returns
/// candidates in person order and the caller's exact test decides.
///
/// ```
/// use letterlint::anonymise::index::Words;
///
/// let mut w = Words::default();
/// w.add("Okafor", 3);
/// w.add("Dan", 0);
/// w.add("okafor", 0);
/// assert_eq!(w.get("OKAFOR"), &[0, 3]);
/// assert!(w.get("Smith").is_empty());
/// ```
#[derive(Debug, Clone, Default)]
pub struct Words {
    map: HashMap<String, Vec<usize>>,
}

impl Words {
    /// Records that `word` is part of person `person`'s name.
    pub fn add(&mut self, word: &str, person: usize) {
        let v = self.map.entry(word.to_lowercase()).or_default();
        if let Err(i) = v.binary_search(&person) {
            v.insert(i, person);
        }
    }

    /// The people `word` (any case) was added for, in ascending order.
    pub fn get(&self, word: &str) -> &[usize] {
        self.map
            .get(&word.to_lowercase())
            .map_or(&[], |v| v.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index answers as a scan of every range would, whatever the order of inserts
    /// (ranges and queries are never empty: names and tokens have length).
    #[test]
    fn agrees_with_a_scan() {
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for _ in 0..200 {
            let mut all: Vec<Range<usize>> = Vec::new();
            let mut s = Spans::default();
            for _ in 0..next(20) {
                let a = next(100);
                let r = a..a + 1 + next(8);
                all.push(r.clone());
                s.insert(r);
            }
            let built = Spans::from_ranges(&all);
            for a in 0..110 {
                for len in 1..6 {
                    let q = a..a + len;
                    let scan = all.iter().any(|c| c.start < q.end && q.start < c.end);
                    assert_eq!(s.overlaps(&q), scan, "{all:?} {q:?}");
                    assert_eq!(built.overlaps(&q), scan, "{all:?} {q:?}");
                }
            }
        }
    }
}
