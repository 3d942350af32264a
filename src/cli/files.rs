//! Finding the letters to lint, and the configuration (and so the linter) for each.
//!
//! A run is planned before anything is linted: the paths are expanded (directories
//! walked with the `ignore` crate), each file gets its `letterlint.toml` (the nearest
//! upward, or `--config`), the configuration's `exclude` and `[[overrides]]` globs are
//! matched, and one [`Linter`] is compiled per distinct configuration and set of
//! overrides. The jobs are then independent, so they can run on any number of threads.

use super::args::{Common, InputFormat};
use letterlint::io::{ReadOptions, DEFAULT_MAX_FILE_BYTES};
use letterlint::{config::FileMatcher, Config, Error, Format, Linter, Source};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One input: a path to read, or standard input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File(p) => p.display().to_string(),
        }
    }

    fn path(&self) -> &Path {
        match self {
            Input::Stdin => Path::new("<stdin>"),
            Input::File(p) => p,
        }
    }
}

/// One file to lint, with its linter and how to read it.
pub struct Job {
    pub input: Input,
    pub linter: Arc<Linter>,
    pub read: ReadOptions,
}

/// What a run will do.
pub struct Plan {
    /// The files, in output order: each directory's files sorted by path, directories
    /// and files in the order given.
    pub jobs: Vec<Job>,
    /// Paths that could not be walked.
    pub errors: Vec<Error>,
    /// Files named on the command line but excluded by a glob.
    pub excluded: Vec<PathBuf>,
    /// How many files found in directories were excluded by a glob.
    pub excluded_walked: usize,
    /// Files found in directories whose type letterlint cannot read though they may be
    /// letters (.pdf, .doc, …; see [`letterlint::io::document_extension`]).
    pub skipped: Vec<PathBuf>,
    /// Every distinct linter, in first-use order.
    pub linters: Vec<Arc<Linter>>,
}

/// `--exclude` globs, matched against paths as given and relative to the walked directory.
struct Excludes(globset::GlobSet);

impl Excludes {
    fn new(globs: &[String]) -> Result<Excludes, Error> {
        letterlint::config::compile_globs(globs)
            .map(Excludes)
            .map_err(|(_, message)| Error::Config {
                file: "--exclude".to_string(),
                line: 1,
                column: 1,
                message,
            })
    }

    fn matches(&self, path: &Path, root: Option<&Path>) -> bool {
        if self.0.is_empty() {
            return false;
        }
        let given = path.strip_prefix(".").unwrap_or(path);
        self.0.is_match(given)
            || root
                .and_then(|r| path.strip_prefix(r).ok())
                .is_some_and(|rel| self.0.is_match(rel))
    }
}

/// Expands `paths` into inputs (with the directory each was walked from): files named
/// explicitly are kept whatever their type (reading them reports an unsupported type);
/// directories are walked recursively for .txt, .md, .markdown and .docx files,
/// respecting .gitignore and .letterlintignore and skipping hidden files.
fn expand(
    paths: &[PathBuf],
    errors: &mut Vec<Error>,
    skipped: &mut Vec<PathBuf>,
) -> Vec<(Input, Option<PathBuf>)> {
    let defaults = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &defaults[..]
    } else {
        paths
    };
    let mut inputs = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push((Input::Stdin, None));
        } else if p.is_dir() {
            let walker = ignore::WalkBuilder::new(p)
                .add_custom_ignore_filename(".letterlintignore")
                .require_git(false)
                .build();
            let mut found: Vec<PathBuf> = Vec::new();
            for entry in walker {
                match entry {
                    Ok(e)
                        if e.file_type().is_some_and(|t| t.is_file())
                            && Format::from_path(e.path()).is_some() =>
                    {
                        found.push(e.into_path())
                    }
                    Ok(e)
                        if e.file_type().is_some_and(|t| t.is_file())
                            && letterlint::io::document_extension(e.path()).is_some() =>
                    {
                        skipped.push(e.into_path())
                    }
                    Ok(_) => {}
                    Err(err) => errors.push(Error::Io {
                        path: p.clone(),
                        source: std::io::Error::other(err.to_string()),
                    }),
                }
            }
            found.sort();
            inputs.extend(found.into_iter().map(|f| (Input::File(f), Some(p.clone()))));
        } else {
            inputs.push((Input::File(p.clone()), None));
        }
    }
    inputs
}

/// A loaded configuration: the file's settings with the command line's over them, its
/// compiled globs, and the linters built from it (one per set of overrides).
struct Loaded {
    config: Config,
    matcher: FileMatcher,
    linters: HashMap<Vec<usize>, Arc<Linter>>,
}

/// Plans a run over `paths`: a configuration error is returned (exit 2), a path that
/// cannot be walked is noted in the plan.
pub fn plan(paths: &[PathBuf], common: &Common, exclude: &[String]) -> Result<Plan, Error> {
    let excludes = Excludes::new(exclude)?;
    let (mut errors, mut skipped) = (Vec::new(), Vec::new());
    let inputs = expand(paths, &mut errors, &mut skipped);
    skipped.sort();
    let mut dirs: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    let mut loaded: HashMap<Option<PathBuf>, Loaded> = HashMap::new();
    let mut plan = Plan {
        jobs: Vec::with_capacity(inputs.len()),
        errors,
        excluded: Vec::new(),
        excluded_walked: 0,
        skipped,
        linters: Vec::new(),
    };
    for (input, root) in inputs {
        let walked = root.is_some();
        if excludes.matches(input.path(), root.as_deref()) {
            if walked {
                plan.excluded_walked += 1;
            } else {
                plan.excluded.push(input.path().to_path_buf());
            }
            continue;
        }
        let key = match (&common.config, &input) {
            (Some(c), _) => Some(c.clone()),
            (None, Input::Stdin) => Config::find(Path::new(".")),
            (None, Input::File(p)) => {
                let dir = p
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
                    .unwrap_or(Path::new("."))
                    .to_path_buf();
                dirs.entry(dir)
                    .or_insert_with_key(|d| Config::find(d))
                    .clone()
            }
        };
        if !loaded.contains_key(&key) {
            let config = with_flags(
                match &key {
                    Some(path) => Config::load(path)?,
                    None => Config::default(),
                },
                common,
            );
            let matcher = config.matcher()?;
            loaded.insert(
                key.clone(),
                Loaded {
                    config,
                    matcher,
                    linters: HashMap::new(),
                },
            );
        }
        let Some(l) = loaded.get_mut(&key) else {
            continue;
        };
        let (overrides, excluded) = match &input {
            Input::File(p) => (l.matcher.overrides_for(p), l.matcher.excluded(p)),
            Input::Stdin => (Vec::new(), false),
        };
        if excluded {
            if walked {
                plan.excluded_walked += 1;
            } else {
                plan.excluded.push(input.path().to_path_buf());
            }
            continue;
        }
        let linter = match l.linters.get(&overrides) {
            Some(linter) => linter.clone(),
            None => {
                let config = with_flags(l.config.with_overrides(&overrides), common);
                let linter = Arc::new(Linter::new(config)?);
                l.linters.insert(overrides, linter.clone());
                plan.linters.push(linter.clone());
                linter
            }
        };
        let read = read_options(linter.config(), common);
        plan.jobs.push(Job {
            input,
            linter,
            read,
        });
    }
    Ok(plan)
}

/// The command line's settings over a configuration's (they win over `[[overrides]]`
/// too; only a letter's own directives win over them).
fn with_flags(mut config: Config, c: &Common) -> Config {
    if c.sector.is_some() {
        config.sector = c.sector;
        // the shorthand on the command line replaces the configuration's pieces too
        config.nation = None;
        config.service = None;
    }
    if c.nation.is_some() {
        config.nation = c.nation;
    }
    if c.service.is_some() {
        config.service = c.service;
    }
    if c.kind.is_some() {
        config.kind = c.kind;
    }
    if c.rules.is_some() {
        config.rules = c.rules.clone();
    }
    if c.fail_on.is_some() {
        config.fail_on = c.fail_on;
    }
    if c.mode.is_some() {
        config.mode = c.mode;
    }
    if c.roster.is_some() {
        config.roster = c.roster.clone();
    }
    if c.max_file_bytes.is_some() {
        config.max_file_bytes = c.max_file_bytes;
    }
    config
}

/// How to read inputs under `config` and the command line.
pub fn read_options(config: &Config, common: &Common) -> ReadOptions {
    ReadOptions {
        format: common.format_in.map(|f| match f {
            InputFormat::Text => Format::Text,
            InputFormat::Markdown => Format::Markdown,
            InputFormat::Docx => Format::Docx,
        }),
        lossy: common.lossy,
        max_bytes: config.max_file_bytes.unwrap_or(DEFAULT_MAX_FILE_BYTES),
        docx_headers_footers: config.docx_headers_footers.unwrap_or(false),
    }
}

/// Reads an input as a [`Source`].
pub fn read(input: &Input, options: &ReadOptions) -> Result<Source, Error> {
    match input {
        Input::File(p) => letterlint::io::read_source_with(p, options),
        Input::Stdin => {
            use std::io::Read;
            let path = Path::new("<stdin>");
            let mut bytes = Vec::new();
            std::io::stdin()
                .take(options.max_bytes.saturating_add(1))
                .read_to_end(&mut bytes)
                .map_err(|source| Error::Io {
                    path: path.to_path_buf(),
                    source,
                })?;
            letterlint::io::source_from_bytes(
                path,
                bytes,
                options.format.unwrap_or(Format::Text),
                options,
            )
        }
    }
}

/// The linter and read options for one input (for the single-file commands).
pub fn single(input: &Input, common: &Common) -> Result<(Arc<Linter>, ReadOptions), Error> {
    let path = match input {
        Input::Stdin => PathBuf::from("-"),
        Input::File(p) => p.clone(),
    };
    let key = match (&common.config, input) {
        (Some(c), _) => Some(c.clone()),
        (None, Input::Stdin) => Config::find(Path::new(".")),
        (None, Input::File(p)) => Config::find(p),
    };
    let config = match &key {
        Some(k) => Config::load(k)?,
        None => Config::default(),
    };
    let config = match input {
        Input::File(_) => {
            let m = config.matcher()?;
            config.with_overrides(&m.overrides_for(&path))
        }
        Input::Stdin => config,
    };
    let config = with_flags(config, common);
    let read = read_options(&config, common);
    Ok((Arc::new(Linter::new(config)?), read))
}
