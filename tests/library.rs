//! `letterlint check LIBRARY/` as teams run it in CI, over the sample template library
//! in `examples/library/`: every output format (snapshots; SARIF validated against the
//! official schema), the walker, determinism across thread counts, `[[overrides]]`,
//! directives and suppressions, baselines, Word documents, and exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

use common::cli::{report_paths, run, run_in, stderr, stdout, temp_dir};
use common::root;

const LIBRARY: &str = "examples/library";

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A copy of the sample library in a temp dir.
fn library_copy() -> PathBuf {
    let d = temp_dir().join("library");
    copy_dir(&root().join(LIBRARY), &d);
    d
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

/// `(path, rule)` of every finding in a JSON report, paths relative to the library.
fn findings(v: &serde_json::Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for f in v["files"].as_array().unwrap() {
        let path = f["path"].as_str().unwrap();
        let short = path
            .split_once("library/")
            .map_or(path, |(_, p)| p)
            .to_string();
        for d in f["diagnostics"].as_array().unwrap() {
            out.push((short.clone(), d["rule"].as_str().unwrap().to_string()));
        }
    }
    out
}

fn has(f: &[(String, String)], path: &str, rule: &str) -> bool {
    f.iter().any(|(p, r)| p == path && r == rule)
}

#[test]
fn every_output_format_over_the_library() {
    for format in ["human", "concise", "json", "sarif", "github", "junit"] {
        let o = run(&["check", LIBRARY, "--format", format]);
        assert_eq!(o.status.code(), Some(1), "{format}: {}", stderr(&o));
        insta::assert_snapshot!(format!("library_{format}"), stdout(&o));
    }
}

#[test]
fn the_library_shows_what_each_template_was_written_to_show() {
    let o = run(&["check", LIBRARY, "--format", "json"]);
    let v = json(&o);
    let f = findings(&v);
    let files: Vec<&str> = report_paths(&v);
    assert_eq!(files.len(), 11, "{files:?}");
    for ext in [".md", ".txt", ".docx"] {
        assert!(
            f.iter().any(|(p, _)| p.ends_with(ext)),
            "no finding from a {ext} file: {f:?}"
        );
    }
    assert!(has(
        &f,
        "decisions/council-planning-legacy.txt",
        "invented-stage"
    ));
    assert!(has(
        &f,
        "decisions/council-planning-legacy.txt",
        "non-apology"
    ));
    assert!(has(
        &f,
        "decisions/council-planning-legacy.txt",
        "ombudsman-outdated"
    ));
    assert!(has(
        &f,
        "decisions/housing-repairs-partly.txt",
        "named-officer-placeholder"
    ));
    assert!(has(&f, "decisions/nhs-discharge-partly.docx", "jargon"));
    assert!(has(
        &f,
        "decisions/council-landlord-asb-partly.md",
        "unused-suppression"
    ));
    // The good templates stay clean.
    for clean in [
        "acknowledgements/council-stage1-ack.md",
        "acknowledgements/housing-stage1-ack.txt",
        "acknowledgements/financial-complaint-ack.docx",
        "updates/nhs-investigation-update.md",
        "updates/housing-damp-update.docx",
        "decisions/council-bins-upheld.md",
        "decisions/financial-card-fraud-partly.md",
    ] {
        assert!(!f.iter().any(|(p, _)| p == clean), "{clean}: {f:?}");
    }
}

#[test]
fn walker_skips_ignored_excluded_hidden_and_unsupported_files() {
    let o = run(&["check", LIBRARY, "--format", "concise"]);
    let text = stdout(&o);
    assert!(
        !text.contains("drafts/"),
        "excluded by letterlint.toml:\n{text}"
    );
    assert!(
        !text.contains("old/"),
        "ignored by .letterlintignore:\n{text}"
    );
    assert!(
        !text.contains("LIBRARY.rst"),
        "unsupported type walked:\n{text}"
    );

    let d = temp_dir();
    let letter = "Dear Mr Khan,\n\nGoing forward, we will call before each visit.\n\nYours sincerely,\n\nJane Doe\n";
    for name in [
        "a.txt",
        ".hidden.txt",
        "skip/b.txt",
        "kept/c.md",
        "notes.rtf",
        "kept/d.txt",
    ] {
        let p = d.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, letter).unwrap();
    }
    std::fs::write(d.join(".gitignore"), "skip/\n").unwrap();
    let o = run_in(
        &d,
        &["check", ".", "--format", "json", "--exclude", "d.txt"],
    );
    let v = json(&o);
    let paths: Vec<&str> = report_paths(&v);
    assert_eq!(paths, ["./a.txt", "./kept/c.md"]);

    // Named explicitly: an unsupported type is an error, an excluded file is skipped.
    let o = run_in(&d, &["check", "notes.rtf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "notes.rtf: a Rich Text Format document (.rtf), which letterlint cannot read; save the letter as .docx or .txt"
        ),
        "{}",
        stderr(&o)
    );
    let o = run_in(&d, &["check", "kept/d.txt", "--exclude", "kept/*.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("kept/d.txt is excluded"),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o).contains("No findings in 0 files"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn output_is_the_same_on_one_thread_and_two() {
    for format in ["json", "human", "sarif"] {
        let one = run(&["check", LIBRARY, "--format", format, "--threads", "1"]);
        let two = run(&["check", LIBRARY, "--format", format, "--threads", "2"]);
        assert_eq!(stdout(&one), stdout(&two), "{format}");
        assert_eq!(one.status.code(), two.status.code());
    }
    let o = run(&["check", LIBRARY, "--threads", "0"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn overrides_set_kind_sector_and_rules_per_folder() {
    let v = json(&run(&["check", LIBRARY, "--format", "json"]));
    let kind_of = |name: &str| -> (String, String) {
        let f = v["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name))
            .unwrap();
        (
            f["kind"].as_str().unwrap().to_string(),
            f["sector"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(kind_of("council-stage1-ack.md").0, "acknowledgement");
    assert_eq!(kind_of("nhs-investigation-update.md").0, "update");
    assert_eq!(
        kind_of("housing-repairs-partly.txt"),
        ("decision".to_string(), "housing".to_string())
    );
    // The housing override ignores long-sentence; without the library's configuration
    // the long sentence it keeps on purpose is reported.
    let f = findings(&v);
    assert!(!has(
        &f,
        "decisions/housing-repairs-partly.txt",
        "long-sentence"
    ));
    let bare = run(&[
        "check",
        "--config",
        "/dev/null",
        "--format",
        "json",
        "examples/library/decisions/housing-repairs-partly.txt",
    ]);
    assert!(has(
        &findings(&json(&bare)),
        "decisions/housing-repairs-partly.txt",
        "long-sentence"
    ));

    // select, severity and the command line over an override, in a library of one's own.
    let d = temp_dir();
    std::fs::create_dir_all(d.join("acks")).unwrap();
    let letter = "Dear Mr Khan,\n\nThank you for your complaint. Going forward, we will reply within 10 working days.\n\nYours sincerely,\n\nJane Doe\n";
    std::fs::write(d.join("acks/a.txt"), letter).unwrap();
    std::fs::write(
        d.join("letterlint.toml"),
        "[[overrides]]\nfiles = [\"acks/**\"]\nkind = \"acknowledgement\"\nselect = [\"plain-language\"]\n[overrides.severity]\njargon = \"error\"\n",
    )
    .unwrap();
    let o = run_in(&d, &["check", "--format", "json", "acks/a.txt"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json(&o);
    let f = &v["files"][0];
    assert_eq!(f["kind"], "acknowledgement");
    let diags = f["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["rule"], "jargon");
    assert_eq!(diags[0]["severity"], "error");
    let o = run_in(
        &d,
        &[
            "check",
            "--format",
            "json",
            "--kind",
            "decision",
            "acks/a.txt",
        ],
    );
    assert_eq!(json(&o)["files"][0]["kind"], "decision");
}

#[test]
fn suppressions_used_unused_and_unknown() {
    let v = json(&run(&[
        "check",
        "--format",
        "json",
        "examples/library/decisions/council-landlord-asb-partly.md",
    ]));
    let f = findings(&v);
    assert!(
        !has(&f, "decisions/council-landlord-asb-partly.md", "jargon"),
        "{f:?}"
    );
    assert_eq!(
        f.iter().filter(|(_, r)| r == "unused-suppression").count(),
        1,
        "{f:?}"
    );

    let d = temp_dir();
    let letter = "<!-- letterlint: kind=acknowledgement sector=housing -->\n\
                  Dear Mr Khan,\n\n\
                  <!-- letterlint-disable-next-line jargn -->\n\
                  Going forward, we will call before each visit.\n\n\
                  <!-- letterlint-disable plain-language -->\n\
                  We will escalate your complaint.\n\n\
                  <!-- letterlint-enable plain-language -->\n\
                  <!-- letterlint-enable jargon -->\n\
                  Yours sincerely,\n\nJane Doe\n";
    std::fs::write(d.join("a.md"), letter).unwrap();
    let o = run_in(&d, &["check", "--format", "json", "a.md"]);
    let v = json(&o);
    let file = &v["files"][0];
    assert_eq!(file["kind"], "acknowledgement");
    assert_eq!(file["sector"], "housing");
    let rules: Vec<(&str, u64, &str)> = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap(),
                d["span"]["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap(),
            )
        })
        .collect();
    // The misspelt id suppresses nothing, so the jargon on line 5 is still reported;
    // "escalate" (line 8) is suppressed by the plain-language group; the stray enable
    // is an invalid directive.
    let ids: Vec<(&str, u64)> = rules.iter().map(|(r, l, _)| (*r, *l)).collect();
    assert_eq!(
        ids,
        [
            ("unused-suppression", 4),
            ("jargon", 5),
            ("invalid-directive", 11)
        ],
        "{rules:?}"
    );
    assert!(
        rules[0].2.contains("`jargn` is not a rule id or group"),
        "{rules:?}"
    );

    // `fix` removes the unused suppression (a safe fix) and nothing else of the comments.
    let o = run_in(&d, &["fix", "a.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let fixed = std::fs::read_to_string(d.join("a.md")).unwrap();
    assert!(!fixed.contains("jargn"), "{fixed}");
    assert!(
        fixed.contains("<!-- letterlint-disable plain-language -->"),
        "{fixed}"
    );
}

#[test]
fn baseline_round_trip_reports_only_new_findings() {
    let lib = library_copy();
    let base = lib.join(".letterlint-baseline.json");
    let base_arg = base.to_str().unwrap();
    let o = run_in(&lib, &["check", ".", "--write-baseline", base_arg]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("Recorded 7 findings"), "{}", stderr(&o));
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    assert_eq!(recorded["version"], 1);
    assert_eq!(recorded["findings"].as_array().unwrap().len(), 7);

    let o = run_in(&lib, &["check", ".", "--baseline", base_arg]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("No findings in 11 files. 7 findings in the baseline not shown."),
        "{}",
        stdout(&o)
    );

    // An unrelated edit moves the old findings down; one new finding is added.
    let legacy = lib.join("decisions/council-planning-legacy.txt");
    let text = std::fs::read_to_string(&legacy).unwrap();
    let edited = text.replacen(
        "\n\n",
        "\n\nA new opening paragraph, added later.\n\nGoing forward, we will write to you sooner.\n\n",
        1,
    );
    std::fs::write(&legacy, edited).unwrap();
    let o = run_in(
        &lib,
        &["check", ".", "--baseline", base_arg, "--format", "json"],
    );
    let f = findings(&json(&o));
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].1, "jargon");
    assert_eq!(
        o.status.code(),
        Some(0),
        "jargon is info; the library fails on warnings"
    );

    // The baseline is read from another directory too (paths are relative to it).
    let o = run_in(
        lib.parent().unwrap(),
        &[
            "check",
            "library",
            "--baseline",
            base_arg,
            "--format",
            "concise",
        ],
    );
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));

    std::fs::write(&base, "{\"version\": 1, \"findings\": [{\"path\": 3}]}").unwrap();
    let o = run_in(&lib, &["check", ".", "--baseline", base_arg]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(".letterlint-baseline.json:1:"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn word_documents_are_read_by_paragraph_and_fixed_within_runs() {
    let v = json(&run(&[
        "check",
        "--format",
        "json",
        "examples/library/decisions/nhs-discharge-partly.docx",
    ]));
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 2, "{diags:?}");
    assert!(
        diags.iter().all(|d| d["paragraph"].as_u64() == Some(27)),
        "{diags:?}"
    );

    let lib = library_copy();
    let doc = lib.join("decisions/nhs-discharge-partly.docx");
    let before = std::fs::read(&doc).unwrap();
    let o = run_in(&lib, &["fix", "decisions/nhs-discharge-partly.docx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("fixed: decisions/nhs-discharge-partly.docx (1 edit in 1 pass)"),
        "{err}"
    );
    assert!(
        err.contains(
            "manual fix needed: decisions/nhs-discharge-partly.docx: paragraph 27: [jargon]"
        ),
        "{err}"
    );
    let after = std::fs::read(&doc).unwrap();
    assert_ne!(before, after);
    let text = letterlint::docx::read(&after, &letterlint::docx::Limits::default(), false)
        .unwrap()
        .text;
    let old = letterlint::docx::read(&before, &letterlint::docx::Limits::default(), false)
        .unwrap()
        .text;
    assert_eq!(text, old.replace("Going forward", "From now on"));
    if let Some(txt) = libreoffice_text(&doc) {
        assert!(txt.contains("From now on"), "{txt}");
    }

    let o = run(&[
        "rewrite",
        "--to",
        "md",
        "examples/library/decisions/nhs-discharge-partly.docx",
    ]);
    assert!(stdout(&o).starts_with("# "), "{}", stdout(&o));
    assert!(stdout(&o).contains("From now on"), "{}", stdout(&o));
}

/// The text LibreOffice reads from a .docx, where LibreOffice is installed.
fn libreoffice_text(doc: &Path) -> Option<String> {
    let out = temp_dir();
    let status = Command::new("libreoffice")
        .args(["--headless", "--convert-to", "txt", "--outdir"])
        .arg(&out)
        .arg(doc)
        .output()
        .ok()?;
    if !status.status.success() {
        return None;
    }
    let name = doc.file_stem()?.to_str()?.to_string() + ".txt";
    std::fs::read_to_string(out.join(name)).ok()
}

#[test]
fn a_generated_docx_with_tables_and_broken_packages() {
    use letterlint::docx::testutil::make_docx;
    let d = temp_dir();
    let body = r#"<w:p><w:r><w:t>Dear Mrs Brown,</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Your complaint</w:t></w:r></w:p></w:tc>
<w:tc><w:p><w:r><w:t xml:space="preserve">We will escalate this going forward.</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>Yours sincerely,</w:t></w:r></w:p><w:p><w:r><w:t>Jane Doe</w:t></w:r></w:p>"#;
    std::fs::write(d.join("t.docx"), make_docx(body)).unwrap();
    let o = run_in(
        &d,
        &["check", "--format", "concise", "--kind", "update", "t.docx"],
    );
    let text = stdout(&o);
    assert!(text.contains("t.docx:5:9: info [jargon]"), "{text}");
    assert!(text.contains("(paragraph 3)"), "{text}");

    std::fs::write(d.join("broken.docx"), b"PK\x03\x04 not really a zip").unwrap();
    std::fs::write(d.join("text.docx"), b"Dear Sir").unwrap();
    let o = run_in(&d, &["check", "broken.docx", "text.docx", "t.docx"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("broken.docx: not a readable .docx (zip) file"),
        "{err}"
    );
    assert!(
        err.contains("text.docx: not a readable .docx (zip) file"),
        "{err}"
    );
    assert!(
        stdout(&o).contains("t.docx"),
        "the good file is still linted"
    );
    let o = run_in(&d, &["fix", "broken.docx"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        std::fs::read(d.join("broken.docx")).unwrap(),
        b"PK\x03\x04 not really a zip"
    );
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/sarif/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.set_default_draft(boon::Draft::V7);
    compiler
        .add_resource("urn:sarif-schema-2.1.0", schema)
        .unwrap();
    let index = compiler
        .compile("urn:sarif-schema-2.1.0", &mut schemas)
        .unwrap();
    let d = temp_dir();
    std::fs::write(d.join("bad.txt"), b"\xff\xfe").unwrap();
    for (dir, args) in [
        (root(), vec!["check", LIBRARY, "--format", "sarif"]),
        (d.clone(), vec!["check", "bad.txt", "--format", "sarif"]),
    ] {
        let o = run_in(&dir, &args);
        let log: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        if let Err(e) = schemas.validate(&log, index) {
            panic!("SARIF does not validate: {e:#}");
        }
        assert_eq!(log["version"], "2.1.0");
    }
    let o = run(&["check", LIBRARY, "--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let run0 = &log["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 7);
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        assert!(rules[i]["help"]["text"]
            .as_str()
            .unwrap()
            .contains("## What it does"));
    }
    assert!(results.iter().any(|r| r["fixes"].is_array()));
}

#[test]
fn config_errors_name_the_file_line_and_key() {
    let cases = [
        (
            "colour = \"red\"\n",
            "letterlint.toml:1:1: invalid configuration: unknown field `colour`",
        ),
        (
            "fail-on = \"warning\"\n\n[[overrides]]\nfiles = [\"a/[b\"]\n",
            "letterlint.toml:4:10: invalid configuration: overrides.files: bad glob `a/[b`",
        ),
        (
            "[[overrides]]\nfiles = [\"a/**\"]\nignore = [\"jargonn\"]\n",
            "letterlint.toml:3:11: invalid configuration: unknown rule id or group `jargonn`",
        ),
        (
            "[[overrides]]\nfiles = [\"a/**\"]\nkind = \"memo\"\n",
            "letterlint.toml:3:8: invalid configuration: unknown variant `memo`",
        ),
        (
            "placeholders = ['%(%']\n",
            "letterlint.toml:1:17: invalid configuration: placeholders: bad pattern `%(%`",
        ),
    ];
    for (config, expected) in cases {
        let d = temp_dir();
        std::fs::write(d.join("letterlint.toml"), config).unwrap();
        std::fs::write(d.join("a.txt"), "Dear Sir,\n\nThank you.\n").unwrap();
        let o = run_in(&d, &["check", "a.txt"]);
        assert_eq!(o.status.code(), Some(2), "{config}");
        let err = stderr(&o);
        assert!(
            err.contains(expected),
            "{config}\nexpected: {expected}\ngot: {err}"
        );
    }
}

#[test]
fn statistics_and_quiet() {
    let o = run(&[
        "check",
        LIBRARY,
        "--statistics",
        "--quiet",
        "--format",
        "concise",
    ]);
    let text = stdout(&o);
    assert!(text.contains("    2  jargon"), "{text}");
    assert!(!text.contains("Found"), "{text}");
    let o = run(&["check", LIBRARY, "--quiet"]);
    assert!(!stdout(&o).contains("Found "), "{}", stdout(&o));
    assert!(stdout(&o).contains("[jargon]"), "{}", stdout(&o));
    // Machine formats keep stdout parseable: statistics go to stderr.
    let o = run(&["check", LIBRARY, "--statistics", "--format", "json"]);
    json(&o);
    assert!(stderr(&o).contains("jargon"), "{}", stderr(&o));
}
