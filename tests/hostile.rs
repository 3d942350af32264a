//! Hostile and broken input, end to end: each gives a clear error (the exact text users
//! see is asserted) or is linted safely, and nothing is lost. The list is in README's
//! "Hostile input" section.

use std::path::Path;
use std::process::{Command, Stdio};

mod common;

use common::cli::{run_in, stderr, stdout, temp_dir};

const LETTER: &str = "Dear Mrs Brown,\n\nThank you for your complaint about the repairs to your kitchen. Going forward, we will call you before each visit.\n\nYours sincerely,\n\nJane Doe\nComplaints Manager\n";

/// Runs `check` on one file and returns (exit code, stderr).
fn check(dir: &Path, name: &str, extra: &[&str]) -> (Option<i32>, String, String) {
    let mut args = vec!["check", name];
    args.extend_from_slice(extra);
    let o = run_in(dir, &args);
    (o.status.code(), stderr(&o), stdout(&o))
}

#[test]
fn invalid_utf8_names_the_offset_and_lossy_goes_on() {
    let d = temp_dir();
    let mut bytes = LETTER.as_bytes().to_vec();
    // 0x81 is neither UTF-8 nor Windows-1252 (which would be read: see tests/isolation.rs)
    bytes.insert(20, 0x81);
    bytes.insert(21, 0x28);
    std::fs::write(d.join("bad.txt"), &bytes).unwrap();
    let (code, err, _) = check(&d, "bad.txt", &[]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        "error: bad.txt: not valid UTF-8 (first invalid byte at offset 20), nor Windows-1252 or UTF-16 text; use --lossy to replace invalid bytes and go on\n"
    );
    let (code, err, out) = check(&d, "bad.txt", &["--lossy", "--kind", "acknowledgement"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("[jargon]") || out.contains("jargon"), "{out}");
}

#[test]
fn a_nul_laden_binary_file_is_refused() {
    let d = temp_dir();
    std::fs::write(d.join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let (code, err, _) = check(&d, "image.txt", &[]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        "error: image.txt: looks like a binary file (NUL byte at offset 8); not linted\n"
    );
}

#[test]
fn an_empty_file_is_an_error_not_a_letter_missing_everything() {
    let d = temp_dir();
    std::fs::write(d.join("empty.md"), b"").unwrap();
    std::fs::write(d.join("blank.txt"), b"  \n\n\t\n").unwrap();
    for name in ["empty.md", "blank.txt"] {
        let (code, err, _) = check(&d, name, &[]);
        assert_eq!(code, Some(2));
        assert_eq!(
            err,
            format!("error: {name}: the file is empty (or only white space); nothing to lint\n")
        );
    }
}

#[test]
fn files_over_the_size_limit_are_refused() {
    let d = temp_dir();
    // A sparse 10 MB + 1 byte file: refused from its size alone, never read.
    let big = std::fs::File::create(d.join("big.txt")).unwrap();
    big.set_len(10_000_001).unwrap();
    drop(big);
    let (code, err, _) = check(&d, "big.txt", &[]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        "error: big.txt: 10000001 bytes is over the size limit of 10000000 bytes; not linted (raise `max-file-bytes` in letterlint.toml or --max-file-bytes)\n"
    );
    std::fs::write(d.join("small.txt"), LETTER).unwrap();
    let (code, err, _) = check(&d, "small.txt", &["--max-file-bytes", "100"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("small.txt: 179 bytes is over the size limit of 100 bytes"),
        "{err}"
    );
    std::fs::write(d.join("letterlint.toml"), "max-file-bytes = 100\n").unwrap();
    let (code, err, _) = check(&d, "small.txt", &[]);
    assert_eq!(code, Some(2));
    assert!(err.contains("over the size limit of 100 bytes"), "{err}");
}

#[test]
fn a_one_megabyte_line_and_deep_markdown_are_linted_safely() {
    use letterlint::{invariants, Config, Format, Linter, Source};
    let linter = Linter::new(Config::default()).unwrap();
    let line = "Going forward we will escalate it. ".repeat(30_000);
    assert!(line.len() > 1_000_000);
    let deep = [
        ">".repeat(10_000) + " Dear Sir",
        "- ".repeat(10_000) + "x",
        "[".repeat(10_000) + "x" + &"]".repeat(10_000),
        "*".repeat(10_000) + "x" + &"*".repeat(10_000),
        "  ".repeat(10_000) + "1. x",
    ];
    let report = linter.lint(&Source::new("line.txt", line.as_str(), Format::Text));
    assert!(report.diagnostics.iter().any(|d| &*d.rule == "jargon"));
    for (i, text) in deep.iter().enumerate() {
        let source = Source::new(format!("deep-{i}.md"), text.as_str(), Format::Markdown);
        if let Err(e) = invariants::check(&linter, &source) {
            panic!("deep-{i}: {e}");
        }
    }
}

#[test]
fn a_zip_bomb_and_an_entity_laden_docx_are_refused() {
    use letterlint::docx::testutil::{
        make_docx_with_parts, make_zip, make_zip_bomb, ZIP_BOMB_SIZE,
    };
    let d = temp_dir();
    std::fs::write(
        d.join("bomb.docx"),
        make_zip_bomb("word/document.xml", u32::try_from(ZIP_BOMB_SIZE).unwrap()),
    )
    .unwrap();
    let (code, err, _) = check(&d, "bomb.docx", &[]);
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("error: bomb.docx: the .docx file is too large: "),
        "{err}"
    );
    let xxe = concat!(
        r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>"#,
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
        r#"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"#
    );
    std::fs::write(
        d.join("xxe.docx"),
        make_zip(&[("word/document.xml", xxe.as_bytes())]),
    )
    .unwrap();
    let (code, err, _) = check(&d, "xxe.docx", &[]);
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("error: xxe.docx: word/document.xml: byte "),
        "{err}"
    );
    assert!(err.contains("DOCTYPE"), "{err}");
    assert!(!err.contains("root:"), "an entity was resolved: {err}");
    // A header with a DOCTYPE is refused too when headers are read.
    let ok = make_docx_with_parts(
        "<w:p><w:r><w:t>Dear Sir</w:t></w:r></w:p>",
        &[(
            "word/header1.xml",
            "<w:p><w:r><w:t>OFFICIAL</w:t></w:r></w:p>",
        )],
    );
    std::fs::write(d.join("fine.docx"), ok).unwrap();
    let (code, err, _) = check(&d, "fine.docx", &["--kind", "update"]);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn a_user_pack_with_an_enormous_regex_is_a_clear_error() {
    let d = temp_dir();
    std::fs::create_dir_all(d.join("rules")).unwrap();
    let rule = |pattern: &str| {
        format!(
            "[[rule]]\nid = \"house-big\"\ngroup = \"house\"\nkind = \"require\"\nseverity = \"info\"\nprinciple = \"p\"\nprinciple_source = \"s\"\nmessage = \"m\"\nhelp = \"h\"\nwhat = \"w\"\nwhy = \"y\"\nfix_safety = \"f\"\n[rule.require]\nwhen = \"decision\"\ncues = [\"x\"]\npatterns = ['{pattern}']\ninsert = \"[[x]]\"\ninsert_at = \"before-sign-off\"\n"
        )
    };
    std::fs::write(d.join("rules/big.toml"), rule("(?:a{1000}){1000}")).unwrap();
    std::fs::write(d.join("a.txt"), LETTER).unwrap();
    let (code, err, _) = check(&d, "a.txt", &["--rules", "rules"]);
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with(
            "error: rules/big.toml:16:14: invalid rule pack: rule `house-big`: bad pattern `(?:a{1000}){1000}`: Compiled regex exceeds size limit"
        ),
        "{err}"
    );
    assert!(err.contains("exceeds size limit"), "{err}");
    // A pattern that backtracking engines take exponential time on is linear here.
    std::fs::write(d.join("rules/big.toml"), rule("(a*)*b")).unwrap();
    let (code, err, _) = check(&d, "a.txt", &["--rules", "rules"]);
    assert!(code == Some(0) || code == Some(1), "{err}");
}

#[test]
fn a_bad_pattern_in_a_user_section_names_its_file_and_line() {
    let d = temp_dir();
    std::fs::create_dir_all(d.join("rules")).unwrap();
    std::fs::write(d.join("a.txt"), LETTER).unwrap();
    // a user [officers] section replaces the built-in one; its phone pattern is bad
    let officers = include_str!("../rules/officers.toml");
    let key = officers
        .lines()
        .find(|l| l.starts_with("phone_pattern = "))
        .expect("the built-in pack has a phone pattern");
    let bad = officers.replace(key, "phone_pattern = '(?:0'");
    let line = bad
        .lines()
        .position(|l| l.starts_with("phone_pattern = "))
        .unwrap()
        + 1;
    // writes a user pack file and expects the error to start with `want`
    let expect = |file: &str, text: &str, want: String| {
        std::fs::write(d.join(file), text).unwrap();
        let (code, err, _) = check(&d, "a.txt", &["--rules", "rules"]);
        assert_eq!(code, Some(2), "{err}");
        assert!(err.starts_with(&want), "{err}");
        std::fs::remove_file(d.join(file)).unwrap();
    };
    expect(
        "rules/officers.toml",
        &bad,
        format!("error: rules/officers.toml:{line}:18: invalid rule pack: bad phone_pattern `(?:0`: regex parse error:"),
    );
    // the same for a section the pack checks elsewhere: [signposting]'s time limits
    let signposting = include_str!("../rules/signposting.toml");
    let bad = signposting.replacen(
        "time_limit_patterns = [",
        "time_limit_patterns = [\n  '(unclosed',",
        1,
    );
    assert_ne!(bad, signposting);
    let line = bad.lines().position(|l| l.contains("'(unclosed'")).unwrap() + 1;
    expect(
        "rules/signposting.toml",
        &bad,
        format!(
            "error: rules/signposting.toml:{line}:4: invalid rule pack: bad pattern `(unclosed`:"
        ),
    );
}

#[test]
fn fix_on_a_read_only_file_leaves_it_intact() {
    let d = temp_dir();
    let p = d.join("ro.txt");
    std::fs::write(&p, LETTER).unwrap();
    let mut perms = std::fs::metadata(&p).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&p, perms).unwrap();
    let o = run_in(&d, &["fix", "ro.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: ro.txt: file is read-only; not changed\n"
    );
    assert_eq!(std::fs::read_to_string(&p).unwrap(), LETTER);
    assert_eq!(
        std::fs::read_dir(&d).unwrap().count(),
        1,
        "a temporary file was left"
    );
}

#[test]
fn fix_on_a_full_disk_leaves_the_original_intact() {
    // A file-size limit (ulimit -f, with SIGXFSZ ignored) makes the write of the
    // temporary file fail part-way, as a full disk does.
    let d = temp_dir();
    let p = d.join("full.txt");
    let text = LETTER.repeat(20);
    std::fs::write(&p, &text).unwrap();
    let o = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f 2; exec '{}' fix --kind acknowledgement full.txt",
            env!("CARGO_BIN_EXE_letterlint")
        ))
        .current_dir(&d)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with("error: full.txt: "),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        text,
        "the original changed"
    );
    assert_eq!(
        std::fs::read_dir(&d).unwrap().count(),
        1,
        "a temporary file was left"
    );
}

#[test]
fn parallel_fixes_of_one_file_never_mix() {
    let d = temp_dir();
    let p = d.join("race.txt");
    let text = LETTER.repeat(40);
    let expected = {
        std::fs::write(&p, &text).unwrap();
        let o = run_in(&d, &["fix", "--kind", "acknowledgement", "race.txt"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        std::fs::read_to_string(&p).unwrap()
    };
    assert_ne!(expected, text);
    for _ in 0..5 {
        std::fs::write(&p, &text).unwrap();
        let children: Vec<_> = (0..4)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_letterlint"))
                    .args(["fix", "--quiet", "--kind", "acknowledgement", "race.txt"])
                    .current_dir(&d)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut c in children {
            c.wait().unwrap();
        }
        let got = std::fs::read_to_string(&p).unwrap();
        assert!(got == expected, "parallel fixes produced a mix");
        assert_eq!(
            std::fs::read_dir(&d).unwrap().count(),
            1,
            "a temporary file was left"
        );
    }
}

#[test]
fn unknown_config_keys_name_the_file_line_and_key() {
    let d = temp_dir();
    std::fs::write(
        d.join("letterlint.toml"),
        "fail-on = \"warning\"\nselct = [\"jargon\"]\n",
    )
    .unwrap();
    std::fs::write(d.join("a.txt"), LETTER).unwrap();
    let (code, err, _) = check(&d, "a.txt", &[]);
    assert_eq!(code, Some(2));
    assert!(err.starts_with("error: "), "{err}");
    assert!(
        err.contains(
            "letterlint.toml:2:1: invalid configuration: unknown field `selct`, expected one of"
        ),
        "{err}"
    );
}

#[test]
fn a_missing_path_is_reported_as_missing() {
    let d = temp_dir();
    for name in ["gone/", "gone.txt", "gone.rtf"] {
        let (code, err, _) = check(&d, name, &[]);
        assert_eq!(code, Some(2));
        assert_eq!(
            err,
            format!("error: {name}: No such file or directory (os error 2)\n"),
            "{name}"
        );
    }
}
