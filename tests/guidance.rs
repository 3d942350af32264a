//! The guidance's own good wording raises nothing: well-formed decision letters whose
//! signposting is the Ombudsmen's and the FCA's official text (`tests/guidance/`).

mod common;

use letterlint::{Config, Format, Linter, Source};

const BODY: &str = "I have completed my investigation and I uphold your complaint, because we did not call you back when we said we would. Our Customer Care Standards say we will return calls within one working day. We did not do this on 3 and 10 March.\n\nI am sorry that we did not call you back, and that you had to chase us for an answer. To put things right, we will call you every Friday until your case is closed. We have reminded staff to log every call-back request, so that this does not happen again.";

fn letter(org: &str, body: &str, signposting: &str) -> String {
    format!("{org}\n\n1 March 2026\n\nDear Mrs Brown,\n\nYour complaint about our call-backs\n\n{body}\n\n{signposting}\n\nYours sincerely,\n\nA Person\nComplaints Manager\n")
}

#[test]
fn official_signposting_with_a_good_body_raises_nothing() {
    let dir = common::root().join("tests/guidance");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
    let cases = [
        (
            "Northbridge Borough Council, Town Hall, Northbridge",
            read("lgsco.txt"),
        ),
        (
            "Riverside Hospitals NHS Foundation Trust, Patient Experience Team",
            read("phso.txt"),
        ),
        (
            "Northgate Bank plc, Customer Complaints, current accounts",
            read("fca.txt"),
        ),
    ];
    let linter = Linter::new(Config::default()).unwrap();
    for (org, signposting) in cases {
        let text = letter(org, BODY, &signposting);
        for format in [Format::Text, Format::Markdown] {
            let report = linter.lint(&Source::new(org, text.clone(), format));
            let found: Vec<String> = report
                .diagnostics
                .iter()
                .map(|d| {
                    format!(
                        "{} at {}:{}: {}",
                        d.rule, d.span.line, d.span.column, d.message
                    )
                })
                .collect();
            assert!(
                found.is_empty(),
                "{org} ({format:?}, sector {:?}):\n{}",
                report.sector,
                found.join("\n")
            );
        }
    }
}

#[test]
fn guidance_apologies_are_genuine() {
    let linter = Linter::new(Config::default()).unwrap();
    for apology in [
        "I am sorry that we did not call you back.",
        "We apologise for not replying to your email of 3 March.",
        "Please accept our apology for the delay in repairing your roof.",
        "I would like to apologise unreservedly for the distress our delay caused you.",
        "We are very sorry that we missed your appointment.",
    ] {
        let text = format!("Dear Mr Hill,\n\nI uphold your complaint because we missed the deadline in our Repairs Policy. {apology} We will repair the roof by 12 March, and we have changed how we book repairs so this does not happen again. This is our final response.\n\nYours sincerely,\n\nA Person\n");
        let report = linter.lint(&Source::new("apology", text, Format::Text));
        let rules: Vec<&str> = report.diagnostics.iter().map(|d| &*d.rule).collect();
        assert!(
            !rules.contains(&"apology-missing") && !rules.contains(&"non-apology"),
            "{apology}: {rules:?}"
        );
    }
}
