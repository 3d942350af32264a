//! README's configuration reference is checked against the configuration's own struct:
//! every key the struct has is documented, every documented key exists, and every
//! example value parses, so the reference cannot drift from the code.

use letterlint::config::{Config, Override};
use std::collections::BTreeSet;

/// `(key, example)` rows of the reference table in README.md.
fn documented() -> Vec<(String, String)> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("<!-- config-reference:start -->")
        .expect("start marker");
    let end = readme
        .find("<!-- config-reference:end -->")
        .expect("end marker");
    readme[start..end]
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let l = l.replace("\\|", "\u{1}");
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let strip = |c: &str| c.trim_matches('`').replace('\u{1}', "|");
            (strip(cells[1]), strip(cells[2]))
        })
        .collect()
}

fn keys_of(value: serde_json::Value) -> BTreeSet<String> {
    value.as_object().unwrap().keys().cloned().collect()
}

#[test]
fn every_key_is_documented_and_every_documented_key_exists() {
    let rows = documented();
    let doc_top: BTreeSet<String> = rows
        .iter()
        .filter(|(k, _)| !k.contains('.'))
        .map(|(k, _)| k.clone())
        .collect();
    let doc_override: BTreeSet<String> = rows
        .iter()
        .filter_map(|(k, _)| k.strip_prefix("overrides.").map(str::to_string))
        .collect();
    let top = keys_of(serde_json::to_value(Config::default()).unwrap());
    let over = keys_of(serde_json::to_value(Override::default()).unwrap());
    assert_eq!(doc_top, top, "top-level keys: README vs Config");
    assert_eq!(doc_override, over, "[[overrides]] keys: README vs Override");
}

#[test]
fn every_example_parses_and_sets_its_key() {
    for (key, example) in documented() {
        let toml = match key.strip_prefix("overrides.") {
            Some("files") => format!("[[overrides]]\nfiles = {example}\n"),
            Some(k) => format!("[[overrides]]\nfiles = [\"a/**\"]\n{k} = {example}\n"),
            None => format!("{key} = {example}\n"),
        };
        let config: Config = toml
            .parse()
            .unwrap_or_else(|e| panic!("README example for `{key}` does not parse: {e}\n{toml}"));
        assert_ne!(config, Config::default(), "`{key}` example changes nothing");
    }
    let bad: Result<Config, _> = "colour = \"red\"\n".parse();
    assert!(bad
        .unwrap_err()
        .to_string()
        .contains("unknown field `colour`"));
}

#[test]
fn pre_commit_hooks_run_real_commands_on_supported_files() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/.pre-commit-hooks.yaml"
    ))
    .unwrap();
    let entries: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("entry: "))
        .collect();
    assert_eq!(
        entries,
        ["letterlint check --quiet", "letterlint fix --quiet"]
    );
    for e in entries {
        let mut args: Vec<&str> = e.split_whitespace().skip(1).collect();
        args.push("--help");
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_letterlint"))
            .args(&args)
            .output()
            .unwrap();
        assert!(o.status.success(), "`{e}` is not a valid command line");
    }
    let files = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("files: "))
        .unwrap();
    let re = regex::Regex::new(files).unwrap();
    for ext in ["txt", "md", "markdown", "docx"] {
        assert!(re.is_match(&format!("letters/a.{ext}")));
    }
    assert!(!re.is_match("letters/a.rst"));
}
