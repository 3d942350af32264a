//! Configuration: `letterlint.toml`, found upward from a letter, or built in code.

use crate::diagnostic::Severity;
use crate::error::{from_toml, Error};
use crate::facts::{Kind, Sector};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file name searched for upward from each letter.
pub const CONFIG_FILE: &str = "letterlint.toml";

/// What a linter is told. Every field is optional; the defaults lint with the built-in
/// pack, infer kind and sector, and fail on errors.
///
/// ```
/// use letterlint::{Config, Severity, Sector};
/// let config: Config = "sector = \"housing\"\nfail-on = \"warning\"\n".parse().unwrap();
/// assert_eq!(config.sector, Some(Sector::Housing));
/// assert_eq!(config.fail_on, Some(Severity::Warning));
/// ```
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Assume this sector instead of inferring it.
    pub sector: Option<Sector>,
    /// Assume this letter kind instead of inferring it.
    pub kind: Option<Kind>,
    /// A directory of user rule-pack files merged over the built-in pack (relative to
    /// the configuration file).
    pub rules: Option<PathBuf>,
    /// The lowest severity that makes `check` exit with 1 (default `error`).
    pub fail_on: Option<Severity>,
    /// Only these rule ids or groups (all when empty).
    #[serde(default)]
    pub select: Vec<String>,
    /// Never these rule ids or groups.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// How officers are anonymised: `label` (default), `role` or `organisation`.
    pub mode: Option<crate::anonymise::Mode>,
    /// A staff roster file: one person a line, `Name | optional role` (relative to the
    /// configuration file).
    pub roster: Option<PathBuf>,
    /// Staff names given inline, in the same form as roster lines.
    #[serde(default)]
    pub staff: Vec<String>,
    /// The word limit for `long-sentence` (default 35).
    pub long_sentence_words: Option<usize>,
    /// Per-rule severity overrides.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Where the configuration was read from (set by [`Config::load`]).
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

impl std::str::FromStr for Config {
    type Err = Error;
    fn from_str(s: &str) -> Result<Config, Error> {
        toml::from_str(s).map_err(|e| from_toml("<config>", s, &e, true))
    }
}

impl Config {
    /// Reads a configuration file; errors name the file, line and key.
    pub fn load(path: &Path) -> Result<Config, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let mut c: Config = toml::from_str(&text)
            .map_err(|e| from_toml(&path.display().to_string(), &text, &e, true))?;
        let base = path.parent().unwrap_or(Path::new("."));
        if let Some(r) = c.rules.take() {
            c.rules = Some(base.join(r));
        }
        if let Some(r) = c.roster.take() {
            c.roster = Some(base.join(r));
        }
        c.path = Some(path.to_path_buf());
        Ok(c)
    }

    /// The nearest `letterlint.toml` in `start` or a parent directory.
    pub fn find(start: &Path) -> Option<PathBuf> {
        let abs = std::fs::canonicalize(start).ok()?;
        let mut dir = if abs.is_dir() {
            Some(abs.as_path())
        } else {
            abs.parent()
        };
        while let Some(d) = dir {
            let candidate = d.join(CONFIG_FILE);
            if candidate.is_file() {
                return Some(candidate);
            }
            dir = d.parent();
        }
        None
    }

    /// The failing severity (default `error`).
    pub fn fail_on(&self) -> Severity {
        self.fail_on.unwrap_or(Severity::Error)
    }

    /// The staff roster: the `roster` file's lines and the `staff` list.
    pub fn roster_entries(&self) -> Result<Vec<crate::anonymise::RosterEntry>, Error> {
        let mut lines: Vec<String> = self.staff.clone();
        if let Some(path) = &self.roster {
            let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            lines.extend(text.lines().map(str::to_string));
        }
        Ok(crate::anonymise::parse_roster(
            lines.iter().map(String::as_str),
        ))
    }

    pub(crate) fn error(&self, message: String) -> Error {
        let file = self
            .path
            .as_ref()
            .map_or("<config>".to_string(), |p| p.display().to_string());
        Error::Config {
            file,
            line: 1,
            column: 1,
            message,
        }
    }
}
