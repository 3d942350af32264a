//! Configuration: `letterlint.toml`, found upward from a letter, or built in code.

use crate::diagnostic::Severity;
use crate::error::{from_toml, Error};
use crate::facts::{Given, Kind, Nation, Sector, Service};
use serde::{Deserialize, Serialize};
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
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Assume this sector instead of inferring it: a shorthand for a nation, a service
    /// and sometimes a sender (`council` is an English council; `scotland` any Scottish
    /// public service). `nation` and `service` win over it.
    pub sector: Option<Sector>,
    /// Assume this nation (england, scotland, wales, ni) instead of inferring it.
    pub nation: Option<Nation>,
    /// Assume this service (local-government, social-care, housing, health, financial,
    /// energy, communications, water, legal, pensions, property) instead of inferring it.
    pub service: Option<Service>,
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
    /// Per-rule (or per-group) severity overrides.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// More placeholder syntaxes, as regular expressions, on top of the built-in ones
    /// (`{{…}}`, `[…]`, `<<…>>`, `«…»`, `$…$`): never prose, never names, kept by fixes.
    #[serde(default)]
    pub placeholders: Vec<String>,
    /// Files never checked: globs relative to the configuration file (`drafts/**`).
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Text inputs (a .docx: its text) larger than this many bytes are refused with an
    /// error (default 10 MB).
    pub max_file_bytes: Option<u64>,
    /// Also read Word documents' headers and footers (default false: the body only).
    pub docx_headers_footers: Option<bool>,
    /// Settings for the files matching globs, applied in order over the top level.
    #[serde(default)]
    pub overrides: Vec<Override>,
    /// Where the configuration was read from (set by [`Config::load`]).
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

/// An `[[overrides]]` block: settings for the files its globs match, as Ruff's
/// per-file settings. `kind` and `sector` replace the top level's; `select` (when not
/// empty) replaces the selection; `ignore` and `severity` add to the top level's.
///
/// ```
/// use letterlint::{Config, Kind};
/// let config: Config = r#"
/// [[overrides]]
/// files = ["acknowledgements/**"]
/// kind = "acknowledgement"
/// "#.parse().unwrap();
/// let file = config.for_file(std::path::Path::new("acknowledgements/repairs.md")).unwrap();
/// assert_eq!(file.kind, Some(Kind::Acknowledgement));
/// ```
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Override {
    /// Globs relative to the configuration file; a glob without `/` matches at any depth.
    pub files: Vec<String>,
    /// The letter kind for these files.
    pub kind: Option<Kind>,
    /// The sector for these files.
    pub sector: Option<Sector>,
    /// The nation for these files.
    pub nation: Option<Nation>,
    /// The service for these files.
    pub service: Option<Service>,
    /// Only these rule ids or groups (replaces the top-level selection when not empty).
    #[serde(default)]
    pub select: Vec<String>,
    /// Also never these rule ids or groups.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// More per-rule severity overrides.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
}

/// A configuration's globs, compiled: which files are excluded, which overrides apply.
#[derive(Debug, Clone)]
pub struct FileMatcher {
    base: PathBuf,
    exclude: globset::GlobSet,
    overrides: Vec<globset::GlobSet>,
}

impl FileMatcher {
    /// The directory globs are relative to.
    pub fn base(&self) -> &Path {
        &self.base
    }

    /// `path` relative to the base, with `/` separators, or `None` if it lies outside.
    fn relative(&self, path: &Path) -> Option<PathBuf> {
        if let Ok(rel) = path.strip_prefix(&self.base) {
            return Some(rel.to_path_buf());
        }
        let abs = std::fs::canonicalize(path)
            .ok()
            .or_else(|| std::env::current_dir().ok().map(|d| d.join(path)))?;
        let base = std::fs::canonicalize(&self.base).unwrap_or_else(|_| self.base.clone());
        abs.strip_prefix(&base).ok().map(Path::to_path_buf)
    }

    /// Whether `exclude` matches `path`.
    pub fn excluded(&self, path: &Path) -> bool {
        self.relative(path)
            .is_some_and(|rel| self.exclude.is_match(&rel))
    }

    /// The indexes of the overrides whose globs match `path`, in order.
    pub fn overrides_for(&self, path: &Path) -> Vec<usize> {
        let Some(rel) = self.relative(path) else {
            return Vec::new();
        };
        self.overrides
            .iter()
            .enumerate()
            .filter(|(_, g)| g.is_match(&rel))
            .map(|(i, _)| i)
            .collect()
    }
}

/// Compiles file globs as `exclude` and `[[overrides]]` read them: `*` stays within one
/// path component, and a glob without `/` matches at any depth. An error gives the glob
/// and what is wrong with it.
pub fn compile_globs(globs: &[String]) -> Result<globset::GlobSet, (String, String)> {
    let mut b = globset::GlobSetBuilder::new();
    for g in globs {
        let pattern = if g.contains('/') {
            g.trim_start_matches("./").to_string()
        } else {
            format!("**/{g}")
        };
        let glob = globset::GlobBuilder::new(&pattern)
            .literal_separator(true)
            .build()
            .map_err(|e| (g.clone(), format!("bad glob `{g}`: {}", e.kind())))?;
        b.add(glob);
    }
    b.build().map_err(|e| (String::new(), e.to_string()))
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

    /// Compiles the `exclude` and `overrides` globs; a bad glob is an error naming the
    /// file, line and glob.
    pub fn matcher(&self) -> Result<FileMatcher, Error> {
        let base = self
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let set = |globs: &[String], key: &str| -> Result<globset::GlobSet, Error> {
            compile_globs(globs).map_err(|(g, why)| self.error_at(&g, format!("{key}: {why}")))
        };
        let exclude = set(&self.exclude, "exclude")?;
        let mut overrides = Vec::with_capacity(self.overrides.len());
        for o in &self.overrides {
            if o.files.is_empty() {
                return Err(self.error_at(
                    "[[overrides]]",
                    "[[overrides]]: `files` must list at least one glob".to_string(),
                ));
            }
            overrides.push(set(&o.files, "overrides.files")?);
        }
        Ok(FileMatcher {
            base,
            exclude,
            overrides,
        })
    }

    /// What the configuration says of a letter's context: `sector`'s nation, service and
    /// sender, with `nation` and `service` over them.
    pub fn given(&self) -> Given {
        let mut g = self.sector.map(Sector::given).unwrap_or_default();
        if self.nation.is_some() {
            g.nation = self.nation;
        }
        if let Some(s) = self.service {
            if g.service != Some(s) {
                g.sender = None;
            }
            g.service = Some(s);
        }
        g
    }

    /// This configuration with the overrides at `indexes` applied, in order.
    pub fn with_overrides(&self, indexes: &[usize]) -> Config {
        let mut c = self.clone();
        for o in indexes.iter().filter_map(|&i| self.overrides.get(i)) {
            if o.kind.is_some() {
                c.kind = o.kind;
            }
            if o.sector.is_some() {
                c.sector = o.sector;
            }
            if o.nation.is_some() {
                c.nation = o.nation;
            }
            if o.service.is_some() {
                c.service = o.service;
            }
            if !o.select.is_empty() {
                c.select = o.select.clone();
            }
            c.ignore.extend(o.ignore.iter().cloned());
            c.severity
                .extend(o.severity.iter().map(|(k, v)| (k.clone(), *v)));
        }
        c
    }

    /// The configuration for one file: the overrides matching `path` applied (globs are
    /// relative to the configuration file, or to the current directory for a
    /// configuration built in code).
    pub fn for_file(&self, path: &Path) -> Result<Config, Error> {
        let m = self.matcher()?;
        Ok(self.with_overrides(&m.overrides_for(path)))
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

    /// An error pointing at the first place `needle` appears (quoted, if it can be
    /// found so) in the configuration file, or at its first line.
    pub(crate) fn error_at(&self, needle: &str, message: String) -> Error {
        let file = self
            .path
            .as_ref()
            .map_or("<config>".to_string(), |p| p.display().to_string());
        let (mut line, mut column) = (1, 1);
        if let Some(text) = self
            .path
            .as_ref()
            .and_then(|p| std::fs::read_to_string(p).ok())
        {
            let found = [
                format!("\"{needle}\""),
                format!("'{needle}'"),
                needle.to_string(),
            ]
            .iter()
            .filter(|n| !needle.is_empty() && !n.is_empty())
            .find_map(|n| text.find(n.as_str()));
            if let Some(at) = found {
                (line, column) = crate::error::line_col(&text, at);
            }
        }
        Error::Config {
            file,
            line,
            column,
            message,
        }
    }
}
