//! Finding the letters to lint, and the configuration (and so the linter) for each.

use super::args::{Common, InputFormat};
use letterlint::{Config, Error, Format, Linter, Source};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

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
}

/// Expands `paths` into inputs: files named explicitly are kept whatever their type
/// (reading them reports an unsupported type); directories are walked recursively for
/// .txt, .md and .markdown files, respecting .gitignore and .letterlintignore and
/// skipping hidden files. Sorted by path; `-` is standard input.
pub fn expand(paths: &[PathBuf]) -> (Vec<Input>, Vec<Error>) {
    let defaults = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &defaults[..]
    } else {
        paths
    };
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
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
                    Ok(_) => {}
                    Err(err) => errors.push(Error::Io {
                        path: p.clone(),
                        source: std::io::Error::other(err.to_string()),
                    }),
                }
            }
            found.sort();
            inputs.extend(found.into_iter().map(Input::File));
        } else {
            inputs.push(Input::File(p.clone()));
        }
    }
    (inputs, errors)
}

/// Reads an input as a [`Source`].
pub fn read(input: &Input, format_in: Option<InputFormat>) -> Result<Source, Error> {
    let forced = format_in.map(|f| match f {
        InputFormat::Text => Format::Text,
        InputFormat::Markdown => Format::Markdown,
    });
    match input {
        Input::File(p) => letterlint::io::read_source(p, forced),
        Input::Stdin => {
            use std::io::Read;
            let mut bytes = Vec::new();
            let path = Path::new("<stdin>");
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|source| Error::Io {
                    path: path.to_path_buf(),
                    source,
                })?;
            let text = letterlint::io::decode(path, bytes)?;
            Ok(Source::new("<stdin>", text, forced.unwrap_or(Format::Text)))
        }
    }
}

/// Builds and caches one linter per configuration file.
pub struct Linters {
    common: Common,
    cache: HashMap<Option<PathBuf>, std::rc::Rc<Linter>>,
}

impl Linters {
    pub fn new(common: Common) -> Linters {
        Linters {
            common,
            cache: HashMap::new(),
        }
    }

    /// The configuration file that applies to `input`.
    fn config_path(&self, input: &Input) -> Option<PathBuf> {
        if let Some(c) = &self.common.config {
            return Some(c.clone());
        }
        match input {
            Input::File(p) => Config::find(p),
            Input::Stdin => Config::find(Path::new(".")),
        }
    }

    /// The linter for `input`: its configuration file, overridden by the command-line flags.
    pub fn for_input(&mut self, input: &Input) -> Result<std::rc::Rc<Linter>, Error> {
        let key = self.config_path(input);
        if let Some(l) = self.cache.get(&key) {
            return Ok(l.clone());
        }
        let mut config = match &key {
            Some(path) => Config::load(path)?,
            None => Config::default(),
        };
        let c = &self.common;
        if c.sector.is_some() {
            config.sector = c.sector;
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
        let linter = std::rc::Rc::new(Linter::new(config)?);
        self.cache.insert(key, linter.clone());
        Ok(linter)
    }
}
