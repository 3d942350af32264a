//! The command line, end to end: output formats (snapshots), exit codes, errors on one
//! file that leave the others linted, stdin, rewrite/diff/fix, rules/explain, config and
//! user rule packs.

mod common;

use common::cli::{report_paths, run, run_in, run_with_input, stderr, stdout, temp_dir};
use common::root;

const EXAMPLE: &str = "examples/decision-letter.txt";
const GOOD: &str = "tests/letters/a-council-bins-upheld.txt";

#[test]
fn human_output_snapshot() {
    let o = run(&["check", EXAMPLE]);
    insta::assert_snapshot!("check_human", stdout(&o));
}

#[test]
fn json_output_snapshot_and_contract() {
    let o = run(&["check", "--format", "json", EXAMPLE]);
    let text = stdout(&o);
    insta::assert_snapshot!("check_json", text);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["version"], 1);
    let f = &v["files"][0];
    assert_eq!(f["path"], EXAMPLE);
    assert_eq!(f["kind"], "decision");
    assert_eq!(f["sector"], "council");
    assert!(f["error"].is_null());
    let d = &f["diagnostics"][0];
    for key in [
        "rule",
        "severity",
        "principle",
        "message",
        "help",
        "span",
        "fixes",
    ] {
        assert!(!d[key].is_null(), "diagnostic lacks {key}");
    }
    for key in ["start", "end", "line", "column", "end_line", "end_column"] {
        assert!(d["span"][key].is_u64(), "span lacks {key}");
    }
    let summary = &v["summary"];
    let total = summary["errors"].as_u64().unwrap()
        + summary["warnings"].as_u64().unwrap()
        + summary["infos"].as_u64().unwrap();
    assert_eq!(total as usize, f["diagnostics"].as_array().unwrap().len());
}

#[test]
fn exit_codes_follow_fail_on() {
    let o = run(&["check", EXAMPLE]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "the example upholds without apologising (an error)\n{}",
        stdout(&o)
    );
    let o = run(&[
        "check",
        "--fail-on",
        "warning",
        "--kind",
        "acknowledgement",
        EXAMPLE,
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "as an acknowledgement only the non-apology (a warning) remains"
    );
    let o = run(&["check", "examples"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "the NHS example misses the Ombudsman (an error)\n{}",
        stdout(&o)
    );
    let o = run(&["check", GOOD]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("No findings in 1 file."));
    let o = run(&["check", "--kind", "acknowledgement", EXAMPLE]);
    assert_eq!(o.status.code(), Some(0));
    let dir = temp_dir();
    let f = dir.join("warn.txt");
    std::fs::write(&f, "Dear Mr Green,\n\nI do not uphold your complaint, because our records show we collected your bin on the right day. You can ask the Local Government and Social Care Ombudsman to look at it at www.lgo.org.uk.\n\nYours sincerely,\n\nA Person\n").unwrap();
    let p = f.to_str().unwrap();
    assert_eq!(run(&["check", p]).status.code(), Some(0));
    assert_eq!(
        run(&["check", "--fail-on", "warning", p]).status.code(),
        Some(1)
    );
}

#[test]
fn a_bad_file_is_reported_and_the_others_still_linted() {
    let dir = temp_dir();
    std::fs::write(dir.join("bad.txt"), b"Dear Sir,\n\xff\xfe oops\n").unwrap();
    std::fs::write(dir.join("bin.txt"), b"abc\0def").unwrap();
    std::fs::write(dir.join("notes.rtf"), b"{\\rtf1}").unwrap();
    std::fs::copy(root().join(EXAMPLE), dir.join("letter.txt")).unwrap();
    let o = run_in(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "missing.txt",
            "bad.txt",
            "bin.txt",
            "notes.rtf",
            "letter.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 5);
    let err = |i: usize| files[i]["error"].as_str().unwrap_or("").to_string();
    assert!(err(0).starts_with("missing.txt: "), "{}", err(0));
    assert_eq!(
        err(1),
        "bad.txt: not valid UTF-8 (first invalid byte at offset 10), nor Windows-1252 or UTF-16 text; use --lossy to replace invalid bytes and go on"
    );
    assert_eq!(
        err(2),
        "bin.txt: looks like a binary file (NUL byte at offset 3); not linted"
    );
    // a word processor's format is named, with what to do instead
    assert_eq!(
        err(3),
        "notes.rtf: a Rich Text Format document (.rtf), which letterlint cannot read; save the letter as .docx or .txt and check that"
    );
    assert!(files[4]["error"].is_null());
    assert!(!files[4]["diagnostics"].as_array().unwrap().is_empty());
    // human output names each failing file on stderr
    let o = run_in(&dir, &["check", "missing.txt", "letter.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("error: missing.txt: "),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("ombudsman-outdated"));
}

#[test]
fn directories_are_walked_sorted_and_ignores_respected() {
    let dir = temp_dir();
    std::fs::create_dir_all(dir.join("b")).unwrap();
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    for name in ["b/z.md", "a.txt", "drafts/old.txt", "skip.txt"] {
        std::fs::copy(root().join(GOOD), dir.join(name)).unwrap();
    }
    std::fs::write(dir.join("ignored.docx.bak"), "x").unwrap();
    std::fs::write(dir.join(".letterlintignore"), "drafts/\n").unwrap();
    std::fs::write(dir.join(".gitignore"), "skip.txt\n").unwrap();
    let o = run_in(&dir, &["check", "--format", "json", "."]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let paths: Vec<&str> = report_paths(&v);
    assert_eq!(paths, vec!["./a.txt", "./b/z.md"]);
}

#[test]
fn stdin_and_format_in() {
    let letter = std::fs::read(root().join(EXAMPLE)).unwrap();
    let o = run_with_input(&root(), &["check", "--format", "json", "-"], Some(&letter));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["files"][0]["path"], "<stdin>");
    assert!(!v["files"][0]["diagnostics"].as_array().unwrap().is_empty());
    let md = b"# Our decision\n\nI uphold your complaint about `stage 0` code.\n\nYours sincerely,\n\nA Person\n";
    let o = run_with_input(
        &root(),
        &["check", "--format-in", "markdown", "--format", "json", "-"],
        Some(md),
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rules: Vec<&str> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"ombudsman-missing"), "{rules:?}");
}

#[test]
fn rewrite_diff_and_fix() {
    let o = run(&["rewrite", EXAMPLE]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(text.contains("Local Government and Social Care Ombudsman"));
    assert!(!text.contains("Local Government Ombudsman"));
    let o = run(&["diff", EXAMPLE]);
    let d = stdout(&o);
    assert!(
        d.starts_with(
            "--- examples/decision-letter.txt\n+++ examples/decision-letter.txt (rewritten)\n"
        ),
        "{d}"
    );
    assert!(d.contains("\n-If you are still unhappy"));

    let dir = temp_dir();
    let f = dir.join("letter.txt");
    std::fs::copy(root().join(EXAMPLE), &f).unwrap();
    let o = run_in(&dir, &["fix", "letter.txt"]);
    let fixed = std::fs::read_to_string(&f).unwrap();
    assert!(
        fixed.contains("You usually have up to 12 months"),
        "{fixed}"
    );
    assert!(stderr(&o).contains("fixed: letter.txt"));
    // what remains is reported (the safe fixes are gone)
    assert!(
        !stdout(&o).contains("ombudsman-no-time-limit"),
        "{}",
        stdout(&o)
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[cfg(unix)]
#[test]
fn fix_on_a_read_only_file_leaves_it_intact() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir();
    let f = dir.join("letter.txt");
    std::fs::copy(root().join(EXAMPLE), &f).unwrap();
    let before = std::fs::read(&f).unwrap();
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = run_in(&dir, &["fix", "letter.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("letter.txt: file is read-only"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&f).unwrap(), before);
}

#[test]
fn rules_and_explain() {
    let o = run(&["rules"]);
    let text = stdout(&o);
    for id in [
        "ombudsman-missing",
        "ombudsman-wrong-body",
        "ombudsman-no-contact",
        "ombudsman-no-time-limit",
        "ombudsman-outdated",
        "fos-referral-wording",
    ] {
        assert!(text.contains(id), "rules lacks {id}");
    }
    let o = run(&["explain", "ombudsman-missing"]);
    insta::assert_snapshot!("explain_ombudsman_missing", stdout(&o));
    let o = run(&["explain", "no-such-rule"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no rule `no-such-rule`"));
}

#[test]
fn config_errors_name_file_line_and_key() {
    let dir = temp_dir();
    std::fs::write(
        dir.join("letterlint.toml"),
        "sector = \"council\"\nfail-onn = \"warning\"\n",
    )
    .unwrap();
    std::fs::copy(root().join(GOOD), dir.join("a.txt")).unwrap();
    let o = run_in(&dir, &["check", "a.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("letterlint.toml:2:1: invalid configuration: unknown field `fail-onn`"),
        "{e}"
    );
    std::fs::write(
        dir.join("letterlint.toml"),
        "ignore = [\"ombudsman-nope\"]\n",
    )
    .unwrap();
    let o = run_in(&dir, &["check", "a.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown rule id or group `ombudsman-nope`"),
        "{}",
        stderr(&o)
    );
    // a valid config applies: ignoring the whole group silences it
    std::fs::copy(root().join(EXAMPLE), dir.join("b.txt")).unwrap();
    std::fs::write(
        dir.join("letterlint.toml"),
        "ignore = [\"ombudsman\", \"apology\"]\n",
    )
    .unwrap();
    let o = run_in(&dir, &["check", "b.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn user_rule_pack_overrides_and_adds() {
    let dir = temp_dir();
    let pack = dir.join("pack");
    std::fs::create_dir_all(&pack).unwrap();
    std::fs::write(
        pack.join("house.toml"),
        r#"
[[rule]]
id = "house-no-dear-sir"
group = "house"
kind = "phrases"
severity = "warning"
principle = "Being customer-focused."
principle_source = "House style"
message = "Address the complainant by name, not “{found}”."
help = "Use their name."
what = "Flags Dear Sir or Madam."
why = "It is impersonal."
fix_safety = "No fix."
[[rule.phrase]]
find = ["Dear Sir or Madam"]
"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("a.txt"),
        "Dear Sir or Madam,\n\nThank you for your complaint. We will respond by 3 March.\n",
    )
    .unwrap();
    let o = run_in(
        &dir,
        &["check", "--rules", "pack", "--format", "json", "a.txt"],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let d = &v["files"][0]["diagnostics"][0];
    assert_eq!(d["rule"], "house-no-dear-sir");
    assert_eq!(
        d["message"],
        "Address the complainant by name, not “Dear Sir or Madam”."
    );
    // a malformed pack names the file, line and key
    std::fs::write(
        pack.join("zz-broken.toml"),
        "[[rule]]\nid = \"x\"\nseverity = \"loud\"\n",
    )
    .unwrap();
    let o = run_in(&dir, &["check", "--rules", "pack", "a.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("zz-broken.toml:3:12: invalid rule pack"), "{e}");
    assert!(e.contains("loud"), "{e}");
}

/// A letter naming an officer whose name the rules' own documentation (also in a SARIF
/// log) lacks.
const NAMED_OFFICER_LETTER: &str = "Dear Mrs Green,\n\nI uphold your complaint. Officer Trebilcock failed to call you back. I am sorry that we let you down.\n\nYours sincerely,\n\nA Person\n";

/// The `partialFingerprints` of the SARIF results of `rule`.
fn sarif_fingerprints(o: &std::process::Output, rule: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(&stdout(o)).unwrap();
    v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ruleId"] == rule)
        .map(|r| {
            r["partialFingerprints"]["letterlint/v1"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn redact_takes_sarif_fingerprints_from_the_masked_text() {
    // A fingerprint is a hash of the flagged words: of a name, it can be matched against
    // a list of names. With --redact it is taken from the text with the name masked.
    let dir = temp_dir();
    let text = NAMED_OFFICER_LETTER;
    std::fs::write(dir.join("a.txt"), text).unwrap();
    let plain = run_in(&dir, &["check", "--format", "sarif", "a.txt"]);
    let start = text.find("Officer Trebilcock").unwrap();
    let of_name = letterlint::baseline::fingerprint("named-officer", text, start, start + 18);
    assert!(
        sarif_fingerprints(&plain, "named-officer").contains(&of_name),
        "without --redact: the words flagged"
    );
    let o = run_in(&dir, &["check", "--redact", "--format", "sarif", "a.txt"]);
    let out = stdout(&o);
    assert!(!out.contains("Trebilcock"), "{out}");
    let redacted = sarif_fingerprints(&o, "named-officer");
    assert!(!redacted.is_empty(), "{out}");
    assert!(!redacted.contains(&of_name), "{out}");
    let masked = text.replace("Officer Trebilcock", &"*".repeat(18));
    assert!(
        redacted.contains(&letterlint::baseline::fingerprint(
            "named-officer",
            &masked,
            start,
            start + 18
        )),
        "{out}"
    );
}

#[test]
fn a_baseline_written_with_redact_holds_no_hash_of_a_name_and_still_excuses() {
    let dir = temp_dir();
    let text = NAMED_OFFICER_LETTER;
    std::fs::write(dir.join("a.txt"), text).unwrap();
    let o = run_in(
        &dir,
        &[
            "check",
            "--redact",
            "--write-baseline",
            "base.json",
            "a.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written = std::fs::read_to_string(dir.join("base.json")).unwrap();
    assert!(written.contains("\"redacted\": true"), "{written}");
    let start = text.find("Officer Trebilcock").unwrap();
    let of_name = letterlint::baseline::fingerprint("named-officer", text, start, start + 18);
    assert!(written.contains("named-officer"), "{written}");
    assert!(!written.contains(&of_name), "{written}");
    // the findings reported against the baseline, checked with or without --redact
    let reported = |redact: bool| -> serde_json::Value {
        let mut args = vec![
            "check",
            "--format",
            "json",
            "--baseline",
            "base.json",
            "a.txt",
        ];
        if redact {
            args.insert(1, "--redact");
        }
        let o = run_in(&dir, &args);
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        v["files"][0]["diagnostics"].clone()
    };
    for redact in [false, true] {
        let found = reported(redact);
        assert_eq!(found.as_array().map(Vec::len), Some(0), "{redact}: {found}");
    }
    // a new finding is still new
    std::fs::write(
        dir.join("a.txt"),
        text.replace(
            "I am sorry that we let you down.",
            "I apologise for any inconvenience.",
        ),
    )
    .unwrap();
    let found = reported(false).to_string();
    assert!(found.contains("\"rule\":\"apology"), "{found}");
    // a baseline written without --redact is as before: no "redacted" key
    let o = run_in(&dir, &["check", "--write-baseline", "plain.json", "a.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let plain = std::fs::read_to_string(dir.join("plain.json")).unwrap();
    assert!(!plain.contains("redacted"), "{plain}");
}

#[test]
fn redact_keeps_officer_names_out_of_the_output() {
    let dir = temp_dir();
    std::fs::write(
        dir.join("a.txt"),
        "Dear Mrs Green,\n\nI uphold your complaint. Officer Smith failed to call you back. I am sorry that we let you down.\n\nYours sincerely,\n\nA Person\n",
    )
    .unwrap();
    for format in ["human", "json"] {
        let plain = run_in(&dir, &["check", "--format", format, "a.txt"]);
        assert!(
            stdout(&plain).contains("Smith"),
            "without --redact the name is shown"
        );
        let o = run_in(&dir, &["check", "--redact", "--format", format, "a.txt"]);
        let text = stdout(&o);
        assert!(!text.contains("Smith"), "{format}: {text}");
        assert!(
            text.contains("named-officer") && text.contains("Officer A"),
            "{format}: {text}"
        );
    }
}
