//! Property tests over letters generated from a grammar of real letter parts: the
//! fuzzers' invariants hold; linting is deterministic and the same across threads;
//! diagnostics are sorted and never overlap for the same rule; anonymising twice equals
//! anonymising once; officer labels do not move when unrelated text is added.

use letterlint::anonymise::{Mode, PersonRole};
use letterlint::{invariants, Config, Format, Linter, Source};
use proptest::prelude::*;
use std::sync::OnceLock;

fn linter() -> &'static Linter {
    static L: OnceLock<Linter> = OnceLock::new();
    L.get_or_init(|| Linter::new(Config::default()).unwrap())
}

const GREETINGS: &[&str] = &[
    "Dear Mrs Brown,",
    "Dear Mr Okafor,",
    "Dear Ms Nguyen,",
    "Dear Mx Rivers,",
];
const OFFICERS: &[&str] = &[
    "Officer Smith",
    "Nurse Harris",
    "Mr Patel",
    "our caseworker, Jane Doe,",
    "Sarah from our repairs team",
    "PC Lord",
    "Dr O'Neill",
    "Mrs Siân ap Gwyn",
    "Sergeant Morven Hall",
];
const VERBS: &[&str] = &[
    "visited on 3 May",
    "did not call you back",
    "failed to send the form",
    "was rude to you",
    "arranged a repair",
];
const STANDARDS: &[&str] = &[
    "Our Repairs Policy says we will fix urgent repairs within 24 hours.",
    "Our Customer Care Standards say we will return calls within one working day.",
    "",
];
const OUTCOMES: &[&str] = &[
    "I uphold your complaint because we did not meet our standard.",
    "I do not uphold your complaint, because the records show we acted correctly.",
    "I have decided to partly uphold your complaint.",
    "",
];
const APOLOGIES: &[&str] = &[
    "I am sorry that we let you down.",
    "We are sorry if you feel upset.",
    "We apologise for any inconvenience caused.",
    "",
];
const REMEDIES: &[&str] = &[
    "We will repair the window by 12 March.",
    "We have refunded £40 to your account.",
    "",
];
const SIGNPOSTING: &[&str] = &[
    "If you remain unhappy, you can ask the Housing Ombudsman Service to review your complaint at www.housing-ombudsman.org.uk within 12 months.",
    "You can complain to the Local Government Ombudsman.",
    "",
];
const FILLER: &[&str] = &[
    "Thank you for your letter of 2 April.",
    "The weather on the day was poor.",
    "Your reference is CR/2026/17.",
];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    proptest::sample::select(list)
}

prop_compose! {
    fn letter()(
        greeting in pick(GREETINGS),
        points in proptest::collection::vec((pick(OFFICERS), pick(VERBS), pick(STANDARDS)), 1..4),
        outcome in pick(OUTCOMES),
        apology in pick(APOLOGIES),
        remedy in pick(REMEDIES),
        signposting in pick(SIGNPOSTING),
        markdown in any::<bool>(),
    ) -> Source {
        let mut body = String::new();
        for (officer, verb, standard) in points {
            let heading = if markdown { "## What happened\n\n" } else { "" };
            body.push_str(&format!("{heading}You said that {officer} {verb}. {standard}\n\n"));
        }
        let text = format!("{greeting}\n\n{body}{outcome} {apology} {remedy}\n\n{signposting}\n\nYours sincerely,\n\nA Person\nComplaints Manager\n");
        Source::new("generated", text, if markdown { Format::Markdown } else { Format::Text })
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold(src in letter()) {
        prop_assert_eq!(invariants::check(linter(), &src), Ok(()));
    }

    #[test]
    fn linting_is_deterministic_and_sorted(src in letter()) {
        let a = linter().lint(&src).diagnostics;
        let b = std::thread::scope(|s| s.spawn(|| linter().lint(&src).diagnostics).join().unwrap());
        prop_assert_eq!(&a, &b);
        for w in a.windows(2) {
            prop_assert!(w[0].span.start <= w[1].span.start);
        }
        for (i, x) in a.iter().enumerate() {
            for y in &a[i + 1..] {
                let overlap = x.span.start < y.span.end && y.span.start < x.span.end;
                prop_assert!(!(x.rule == y.rule && overlap), "{} overlaps itself", x.rule);
            }
        }
    }

    #[test]
    fn anonymising_twice_equals_once(src in letter()) {
        for mode in [Mode::Label, Mode::Role] {
            let once = linter().anonymise(&src, mode).text;
            let again = linter().anonymise(&Source::new("again", once.clone(), src.format), mode).text;
            prop_assert_eq!(&once, &again);
        }
    }

    #[test]
    fn labels_are_stable_under_unrelated_edits(src in letter(), filler in pick(FILLER)) {
        let labels = |s: &Source| -> Vec<(String, String)> {
            linter().anonymise(s, Mode::Label).people.into_iter()
                .filter(|p| p.role == PersonRole::Officer)
                .map(|p| (p.label, p.mentions[0].text.clone()))
                .collect()
        };
        let before = labels(&src);
        // a sentence with no names, added before the sign-off
        let at = src.text.find("Yours sincerely").unwrap_or(src.text.len());
        let mut edited = src.text.clone();
        edited.insert_str(at, &format!("{filler}\n\n"));
        let after = labels(&Source::new("edited", edited, src.format));
        prop_assert_eq!(before, after);
    }
}
