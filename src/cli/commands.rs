//! The subcommands.

use super::args::{
    AnonFormat, Cli, Command, Common, ListFormat, OutputFormat, RewriteTo, RunOptions,
};
use super::files::{plan, read, single, Input, Job, Plan};
use letterlint::baseline::Baseline;
use letterlint::redact::Redaction;
use letterlint::render::json::{FileResult, Summary};
use letterlint::render::{concise, github, human, json, junit, sarif, statistics};
use letterlint::{Applicability, Error, Format, Severity};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Exit code: nothing at or above the failing severity.
pub const CLEAN: i32 = 0;
/// Exit code: findings at or above the failing severity.
pub const FINDINGS: i32 = 1;
/// Exit code: usage, configuration or I/O error.
pub const TROUBLE: i32 = 2;

pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Check {
            paths,
            format,
            redact,
            baseline,
            write_baseline,
            run,
            common,
        } => {
            let opts = CheckOptions {
                format,
                redact,
                baseline,
                write_baseline,
                run,
            };
            check(&paths, &opts, common)
        }
        Command::Rewrite {
            file,
            unsafe_fixes,
            to,
            common,
        } => rewrite(&file, unsafe_fixes, to, common, false),
        Command::Diff {
            file,
            unsafe_fixes,
            common,
        } => rewrite(&file, unsafe_fixes, None, common, true),
        Command::Fix {
            paths,
            format,
            run,
            common,
        } => fix(&paths, format, &run, common),
        Command::Rules { format, common } => rules(format, common),
        Command::Anonymise {
            file,
            format,
            common,
        } => anonymise(&file, format, common),
        Command::Explain { rule, common } => explain(&rule, common),
    }
}

fn color(common: &Common) -> bool {
    !common.no_color && std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}

fn eprint_error(e: &Error) {
    eprintln!("error: {e}");
}

fn out(s: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(s.as_bytes());
    let _ = stdout.flush();
}

/// What `check` was asked for.
struct CheckOptions {
    format: OutputFormat,
    redact: bool,
    baseline: Option<PathBuf>,
    write_baseline: Option<PathBuf>,
    run: RunOptions,
}

/// One file's outcome, computed on any thread.
struct Outcome {
    result: FileResult,
    /// The text linted (for SARIF fingerprints and baselines; dropped with its chunk).
    text: Option<String>,
    /// The human rendering of its findings.
    human: String,
    /// Its failing severity.
    fail_on: Severity,
    /// Findings the baseline excused.
    excused: usize,
    /// A note for standard error (what `fix` did).
    note: String,
}

fn failed(input: &Input, e: &Error, fail_on: Severity) -> Outcome {
    Outcome {
        result: FileResult {
            path: input.display(),
            kind: None,
            sector: None,
            diagnostics: vec![],
            error: Some(e.to_string()),
            encoding: None,
            context: None,
        },
        text: None,
        human: String::new(),
        fail_on,
        excused: 0,
        note: String::new(),
    }
}

/// Runs one file's `work` under [`letterlint::guard::isolate`]: a bug while handling
/// this file becomes its error (exit 2), and every other file is reported as usual.
fn guarded(job: &Job, work: impl FnOnce() -> Outcome) -> Outcome {
    letterlint::guard::isolate(&job.input.display(), work)
        .unwrap_or_else(|e| failed(&job.input, &e, job.linter.config().fail_on()))
}

/// How many files are linted between two flushes of the output: the outcomes of one
/// chunk are printed (or recorded) and dropped before the next, so memory stays flat
/// however large the library.
const CHUNK: usize = 256;

/// Runs `work` over the plan's jobs on the requested number of threads, a chunk at a
/// time, handing each chunk's outcomes (in job order) to `sink`.
fn run_jobs<F>(
    plan: &Plan,
    run: &RunOptions,
    work: F,
    mut sink: impl FnMut(&[Job], Vec<Outcome>),
) -> Result<(), Error>
where
    F: Fn(&Job) -> Outcome + Sync + Send,
{
    let work = |job: &Job| guarded(job, || work(job));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(run.threads.unwrap_or(0))
        .build()
        .map_err(|e| Error::Config {
            file: "--threads".to_string(),
            line: 1,
            column: 1,
            message: e.to_string(),
        })?;
    for jobs in plan.jobs.chunks(CHUNK) {
        let outcomes = pool.install(|| jobs.par_iter().map(&work).collect());
        sink(jobs, outcomes);
    }
    Ok(())
}

fn make_plan(paths: &[PathBuf], common: &Common, run: &RunOptions) -> Result<Plan, i32> {
    if run.threads == Some(0) {
        eprintln!("error: --threads must be at least 1");
        return Err(TROUBLE);
    }
    let plan = plan(paths, common, &run.exclude).map_err(|e| {
        eprint_error(&e);
        TROUBLE
    })?;
    for e in &plan.errors {
        eprint_error(e);
    }
    if !run.quiet {
        for p in &plan.excluded {
            eprintln!(
                "note: {} is excluded (exclude globs); not checked",
                p.display()
            );
        }
    }
    // a run that checks nothing must not pass, unless every file it was given by name
    // is excluded by the configuration (a hook passing changed files, say)
    if plan.jobs.is_empty() && plan.errors.is_empty() && plan.excluded.is_empty() {
        let given = if paths.is_empty() {
            ".".to_string()
        } else {
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut why = String::new();
        if plan.excluded_walked > 0 {
            why += &format!(
                "; {} excluded by exclude globs",
                plural(plan.excluded_walked, "file", "files")
            );
        }
        if !plan.skipped.is_empty() {
            why += &format!("; {}", skipped_note(&plan.skipped));
        }
        eprintln!(
            "error: no letters to check in {given}: letterlint reads .txt, .md, .markdown and .docx files{why}"
        );
        return Err(TROUBLE);
    }
    Ok(plan)
}

/// Lints every input, printing findings; returns the exit code.
fn check(paths: &[PathBuf], opts: &CheckOptions, common: Common) -> i32 {
    let plan = match make_plan(paths, &common, &opts.run) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let baseline = match &opts.baseline {
        Some(f) => match Baseline::load(f) {
            Ok(b) => Some(b),
            Err(e) => {
                eprint_error(&e);
                return TROUBLE;
            }
        },
        None => None,
    };
    let colour = color(&common);
    let keep_text = opts.format == OutputFormat::Sarif || opts.write_baseline.is_some();
    let work = |job: &Job| -> Outcome {
        let fail_on = job.linter.config().fail_on();
        let source = match read(&job.input, &job.read) {
            Ok(s) => s,
            Err(e) => return failed(&job.input, &e, fail_on),
        };
        let mut report = job.linter.lint(&source);
        // officers' names masked: for what --redact prints and writes, and for a
        // baseline written with --redact, whose fingerprints were taken from masked text
        let filter = baseline.as_ref().filter(|_| opts.write_baseline.is_none());
        let redaction = (opts.redact || filter.is_some_and(|b| b.redacted))
            .then(|| Redaction::new(&job.linter, &source));
        let mut excused = 0;
        if let (Some(b), Input::File(p)) = (filter, &job.input) {
            let text = match &redaction {
                Some(r) if b.redacted => r.text(),
                _ => &source.text,
            };
            excused = b.filter(p, text, &mut report.diagnostics);
        }
        let text = match &redaction {
            Some(r) if opts.redact => {
                r.apply(&mut report.diagnostics);
                r.text()
            }
            _ => &source.text,
        };
        let human = if opts.format == OutputFormat::Human {
            context_line(&source.name, &report, opts.run.quiet)
                + &human::render(&source.name, text, &report.diagnostics, colour)
        } else {
            String::new()
        };
        Outcome {
            result: FileResult {
                path: job.input.display(),
                kind: Some(report.kind),
                sector: Some(report.sector),
                diagnostics: report.diagnostics,
                error: None,
                encoding: encoding_note(&source),
                context: Some(report.context),
            },
            text: keep_text.then(|| text.to_string()),
            human,
            fail_on,
            excused,
            note: String::new(),
        }
    };
    if let Some(file) = &opts.write_baseline {
        let mut b = Baseline::new_for(file);
        b.redacted = opts.redact;
        let (mut files, mut trouble) = (0, !plan.errors.is_empty());
        let recorded = run_jobs(&plan, &opts.run, work, |jobs, outcomes| {
            for (o, job) in outcomes.iter().zip(jobs) {
                files += 1;
                if let Some(e) = &o.result.error {
                    trouble = true;
                    eprintln!("error: {e}");
                }
                if let (Some(text), Input::File(p)) = (&o.text, &job.input) {
                    b.record(p, text, &o.result.diagnostics);
                }
            }
        });
        if let Err(e) =
            recorded.and_then(|()| letterlint::io::write_atomic(file, b.to_json().as_bytes()))
        {
            eprint_error(&e);
            return TROUBLE;
        }
        if !opts.run.quiet {
            eprintln!(
                "Recorded {} in {} ({}).",
                plural(b.findings.len(), "finding", "findings"),
                file.display(),
                plural(files, "file", "files")
            );
        }
        return if trouble { TROUBLE } else { CLEAN };
    }
    let mut reporter = Reporter::new(&plan, opts.format, &opts.run);
    if let Err(e) = run_jobs(&plan, &opts.run, work, |_, o| reporter.add(o)) {
        eprint_error(&e);
        return TROUBLE;
    }
    reporter.finish()
}

/// Prints outcomes as they come (human, concise, github; json, sarif and junit through
/// their [`Document`]), keeping no file's result once its chunk is done; keeps the
/// totals, statistics and exit code.
struct Reporter<'a> {
    plan: &'a Plan,
    format: OutputFormat,
    run: &'a RunOptions,
    /// The machine format's document, opened at the first file.
    document: Option<Document>,
    summary: Summary,
    stats: statistics::Counts,
    excused: usize,
    fail_on: Option<Severity>,
    failing: bool,
    trouble: bool,
}

impl<'a> Reporter<'a> {
    fn new(plan: &'a Plan, format: OutputFormat, run: &'a RunOptions) -> Reporter<'a> {
        Reporter {
            plan,
            format,
            run,
            document: None,
            summary: Summary::default(),
            stats: statistics::Counts::default(),
            excused: 0,
            fail_on: None,
            failing: false,
            trouble: !plan.errors.is_empty(),
        }
    }

    /// Machine formats are one document on standard output (statistics and `fix`'s
    /// notes go to standard error).
    fn machine(&self) -> bool {
        matches!(
            self.format,
            OutputFormat::Json | OutputFormat::Sarif | OutputFormat::Junit
        )
    }

    fn add(&mut self, outcomes: Vec<Outcome>) {
        for o in outcomes {
            self.summary.add(&o.result);
            self.stats.add(&o.result);
            self.excused += o.excused;
            self.fail_on = Some(self.fail_on.map_or(o.fail_on, |f| f.min(o.fail_on)));
            self.failing |= o.result.diagnostics.iter().any(|d| d.severity >= o.fail_on);
            self.trouble |= o.result.error.is_some();
            if let (Some(enc), false) = (&o.result.encoding, self.run.quiet) {
                eprintln!("note: {}: read as {enc}", o.result.path);
            }
            // what `fix` changed, on standard error in every format
            if !o.note.is_empty() && !self.run.quiet {
                eprint!("{}", o.note);
            }
            match self.format {
                OutputFormat::Human => {
                    if let Some(e) = &o.result.error {
                        eprintln!("error: {e}");
                    }
                    out(&o.human);
                }
                OutputFormat::Concise => out(&concise::render(std::slice::from_ref(&o.result))),
                OutputFormat::Github => out(&github::render(std::slice::from_ref(&o.result))),
                OutputFormat::Json | OutputFormat::Sarif | OutputFormat::Junit => {
                    if self.document.is_none() {
                        self.document = Document::open(self.format, self.plan);
                    }
                    if let Some(d) = &mut self.document {
                        d.file(&o);
                    }
                }
            }
        }
    }

    /// Finishes the document, writes the statistics and the summary; returns the exit
    /// code.
    fn finish(mut self) -> i32 {
        let document = self
            .document
            .take()
            .or_else(|| Document::open(self.format, self.plan));
        if let Some(d) = document {
            if let Err(e) = d.close() {
                eprintln!("error: could not hold the report in a temporary file: {e}");
                self.trouble = true;
            }
        }
        if self.run.statistics {
            let s = self.stats.render();
            if self.machine() {
                eprint!("{s}");
            } else {
                out(&s);
            }
        }
        if self.format == OutputFormat::Human && !self.run.quiet {
            let fail_on = self.fail_on.unwrap_or(Severity::Error);
            out(&summary_line(
                &self.summary,
                fail_on,
                self.excused,
                &self.plan.skipped,
            ));
        } else if !self.plan.skipped.is_empty() && !self.run.quiet {
            eprintln!("note: {}", skipped_note(&self.plan.skipped));
        }
        if self.trouble {
            TROUBLE
        } else if self.failing {
            FINDINGS
        } else {
            CLEAN
        }
    }
}

/// The one document of a machine format, written a file at a time: JSON straight to
/// standard output; SARIF and JUnit open with what only the last file settles (the files
/// that could not be read; the totals), so each file's part goes to a [`Spool`] until
/// the opening can be written.
enum Document {
    Json(json::Stream),
    Sarif(sarif::Stream, Spool),
    Junit(junit::Stream, Spool),
}

impl Document {
    /// The document of `format` (none for the formats printed a file at a time), its
    /// opening written when that needs no file.
    fn open(format: OutputFormat, plan: &Plan) -> Option<Document> {
        Some(match format {
            OutputFormat::Json => {
                let mut s = json::Stream::default();
                s.skipped(plan.skipped.len());
                out(&s.begin());
                Document::Json(s)
            }
            OutputFormat::Sarif => {
                Document::Sarif(sarif::Stream::new(&sarif_rules(plan)), Spool::new())
            }
            OutputFormat::Junit => Document::Junit(junit::Stream::default(), Spool::new()),
            OutputFormat::Human | OutputFormat::Concise | OutputFormat::Github => return None,
        })
    }

    /// Adds one file.
    fn file(&mut self, o: &Outcome) {
        match self {
            Document::Json(s) => out(&s.file(&o.result)),
            Document::Sarif(s, spool) => spool.write(&s.file(&o.result, o.text.as_deref())),
            Document::Junit(s, spool) => spool.write(&s.file(&o.result, o.fail_on)),
        }
    }

    /// Writes the rest of the document (for SARIF and JUnit, all of it: the opening, the
    /// spooled files, the close); an error if the spool failed (see [`Spool::finish`]).
    fn close(self) -> std::io::Result<()> {
        match self {
            Document::Json(s) => out(&s.end()),
            Document::Sarif(s, spool) => spool.finish(&s.head(), &s.end())?,
            Document::Junit(s, spool) => spool.finish(&s.head(), &s.end())?,
        }
        Ok(())
    }
}

/// The files' parts of a SARIF or JUnit document until its opening can be written: in an
/// unnamed temporary file (created private to the user and removed by the system when
/// it is closed, however the run ends), so memory stays flat however many files; in
/// memory if no temporary file can be made.
enum Spool {
    File(std::io::BufWriter<std::fs::File>),
    Memory(String),
    /// A write to the temporary file failed: the document cannot be completed.
    Failed(std::io::Error),
}

impl Spool {
    fn new() -> Spool {
        match tempfile::tempfile() {
            Ok(f) => Spool::File(std::io::BufWriter::new(f)),
            Err(_) => Spool::Memory(String::new()),
        }
    }

    fn write(&mut self, s: &str) {
        match self {
            Spool::File(w) => {
                if let Err(e) = w.write_all(s.as_bytes()) {
                    *self = Spool::Failed(e);
                }
            }
            Spool::Memory(m) => m.push_str(s),
            Spool::Failed(_) => {}
        }
    }

    /// Writes `head`, what was spooled, then `end` to standard output; if a write to the
    /// temporary file failed, writes nothing and returns the error (and should reading it
    /// back fail, the error, the document cut short). Like [`out`], gives up quietly when
    /// standard output is closed.
    fn finish(self, head: &str, end: &str) -> std::io::Result<()> {
        use std::io::{ErrorKind, Read, Seek};
        let mut file = match self {
            Spool::Failed(e) => return Err(e),
            Spool::Memory(m) => {
                out(head);
                out(&m);
                out(end);
                return Ok(());
            }
            Spool::File(w) => w.into_inner().map_err(|e| e.into_error())?,
        };
        file.rewind()?;
        let mut stdout = std::io::stdout().lock();
        if stdout.write_all(head.as_bytes()).is_err() {
            return Ok(());
        }
        let mut buf = vec![0; 64 * 1024];
        loop {
            let n = match file.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if stdout.write_all(&buf[..n]).is_err() {
                return Ok(());
            }
        }
        let _ = stdout.write_all(end.as_bytes());
        let _ = stdout.flush();
        Ok(())
    }
}

/// The rules of every linter of the run (a user pack may add some), once each.
fn sarif_rules(plan: &Plan) -> Vec<letterlint::rules::RuleDef> {
    let mut rules: Vec<letterlint::rules::RuleDef> = Vec::new();
    for l in &plan.linters {
        for r in &l.pack().rules {
            if !rules.iter().any(|x| x.id == r.id) {
                rules.push(r.clone());
            }
        }
    }
    if rules.is_empty() {
        if let Ok(p) = letterlint::rules::Pack::builtin() {
            rules = p.rules;
        }
    }
    rules
}

/// "2 files skipped (.doc, .pdf): letterlint cannot read them; save them as .docx or
/// .txt to check them".
fn skipped_note(skipped: &[PathBuf]) -> String {
    let mut types: Vec<String> = skipped
        .iter()
        .filter_map(|p| p.extension())
        .map(|e| format!(".{}", e.to_string_lossy().to_lowercase()))
        .collect();
    types.sort();
    types.dedup();
    format!(
        "{} skipped ({}): letterlint cannot read them; save them as .docx or .txt to check them",
        plural(skipped.len(), "file", "files"),
        types.join(", ")
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary_line(s: &Summary, fail_on: Severity, excused: usize, skipped: &[PathBuf]) -> String {
    let files = plural(s.files - s.not_checked, "file", "files");
    let mut after = String::new();
    if excused > 0 {
        after += &format!(
            " {} in the baseline not shown.",
            plural(excused, "finding", "findings")
        );
    }
    if s.not_checked > 0 {
        after += &format!(
            " {} could not be checked (see the errors above).",
            plural(s.not_checked, "file", "files")
        );
    }
    if !skipped.is_empty() {
        after += &format!(" {}.", skipped_note(skipped));
    }
    if s.files == s.not_checked && s.not_checked > 0 {
        let skipped = if skipped.is_empty() {
            String::new()
        } else {
            format!(" {}.", skipped_note(skipped))
        };
        return format!(
            "Nothing was checked: {} could not be (see the errors above).{skipped}\n",
            plural(s.not_checked, "file", "files")
        );
    }
    if s.errors + s.warnings + s.infos == 0 {
        return format!("No findings in {files}.{after}\n");
    }
    format!(
        "Found {}, {}, {} in {files} (failing on {} and above).{after}\n",
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.infos, "info", "infos"),
        fail_on.as_str()
    )
}

/// The line above a letter's findings that says what it was judged as: "a.txt: decision
/// letter; England (postcode NE12 …); local-government (…); council (…)". None for a
/// letter without findings, or with `--quiet`.
fn context_line(name: &str, report: &letterlint::Report, quiet: bool) -> String {
    if quiet || report.diagnostics.is_empty() {
        return String::new();
    }
    format!(
        "{name}: {} letter; {}\n",
        report.kind.as_str(),
        report.context.describe()
    )
}

/// How a text letter was stored, for the report, when it was not plain UTF-8.
fn encoding_note(source: &letterlint::Source) -> Option<String> {
    (!source.encoding.is_plain_utf8()).then(|| source.encoding.describe())
}

fn input_of(file: &std::path::Path) -> Input {
    if file.as_os_str() == "-" {
        Input::Stdin
    } else {
        Input::File(file.to_path_buf())
    }
}

/// A Word document's rewrite as Markdown: paragraphs styled as headings (whose text the
/// rewrite kept) become `#` headings.
fn docx_to_markdown(source: &letterlint::Source, rewritten: &str) -> String {
    let Some(doc) = &source.docx else {
        return rewritten.to_string();
    };
    let headings: Vec<(&str, usize)> = doc
        .paragraphs
        .iter()
        .filter_map(|p| {
            let style = p.style.as_deref()?;
            let level = match style {
                "Title" => 1,
                s if s.starts_with("Heading") => s[7..].parse::<usize>().ok()?.clamp(1, 6),
                _ => return None,
            };
            Some((&doc.text[p.range.clone()], level))
        })
        .collect();
    rewritten
        .split("\n\n")
        .map(
            |para| match headings.iter().find(|(t, _)| *t == para && !t.is_empty()) {
                Some((_, level)) => format!("{} {para}", "#".repeat(*level)),
                None => para.to_string(),
            },
        )
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Prints the suggested rewrite (or its diff).
fn rewrite(
    file: &std::path::Path,
    unsafe_fixes: bool,
    to: Option<RewriteTo>,
    common: Common,
    diff: bool,
) -> i32 {
    let input = input_of(file);
    let (linter, source) = match open(&input, &common) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let level = if unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Manual
    };
    let fixed = match linter.try_fix(&source, level) {
        Ok(f) => f,
        Err(e) => {
            eprint_error(&e);
            return TROUBLE;
        }
    };
    if diff {
        let name = input.display();
        let d = similar::TextDiff::from_lines(&source.text, &fixed.text);
        out(&d
            .unified_diff()
            .context_radius(3)
            .header(&name, &format!("{name} (rewritten)"))
            .to_string());
    } else if to == Some(RewriteTo::Md) && source.format == Format::Docx {
        out(&docx_to_markdown(&source, &fixed.text));
    } else {
        // in the letter's own line endings (UTF-8 on standard output)
        out(&source.encoding.line_endings(&fixed.text));
    }
    CLEAN
}

/// Applies safe fixes in place, then reports what remains.
fn fix(paths: &[PathBuf], format: OutputFormat, run: &RunOptions, common: Common) -> i32 {
    let plan = match make_plan(paths, &common, run) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let colour = color(&common);
    let work = |job: &Job| -> Outcome {
        let fail_on = job.linter.config().fail_on();
        match fix_one(job, format, colour) {
            Ok(o) => o,
            Err(e) => failed(&job.input, &e, fail_on),
        }
    };
    let mut reporter = Reporter::new(&plan, format, run);
    if let Err(e) = run_jobs(&plan, run, work, |_, o| reporter.add(o)) {
        eprint_error(&e);
        return TROUBLE;
    }
    reporter.finish()
}

/// Fixes one file in place (a Word document within its text runs).
fn fix_one(job: &Job, format: OutputFormat, colour: bool) -> Result<Outcome, Error> {
    let Input::File(path) = &job.input else {
        return Err(Error::Io {
            path: PathBuf::from("<stdin>"),
            source: std::io::Error::other("fix rewrites files in place; use `rewrite -` for stdin"),
        });
    };
    let fail_on = job.linter.config().fail_on();
    let is_docx = job.read.format.or_else(|| Format::from_path(path)) == Some(Format::Docx);
    let mut note = String::new();
    let mut encoding = None;
    let (remaining, text) = if is_docx {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        if bytes.len() as u64 > letterlint::io::MAX_DOCX_PACKAGE_BYTES {
            return Err(Error::TooLarge {
                path: path.clone(),
                size: bytes.len() as u64,
                limit: letterlint::io::MAX_DOCX_PACKAGE_BYTES,
            });
        }
        let fixed = job
            .linter
            .fix_docx(path, &bytes, job.read.docx_headers_footers)?;
        if fixed.applied > 0 {
            letterlint::io::write_atomic(path, &fixed.bytes)?;
            note.push_str(&format!(
                "fixed: {} ({} in {})\n",
                path.display(),
                plural(fixed.applied, "edit", "edits"),
                plural(fixed.passes, "pass", "passes")
            ));
        }
        for d in &fixed.manual {
            note.push_str(&format!(
                "manual fix needed: {}: paragraph {}: [{}] the fix crosses a change of formatting; make it in Word: {}\n",
                path.display(),
                d.paragraph.unwrap_or(0),
                d.rule,
                d.fixes.first().map_or("", |f| f.description.as_str())
            ));
        }
        let text = fixed.remaining.source_text().to_string();
        (fixed.remaining, text)
    } else {
        let source = read(&job.input, &job.read)?;
        encoding = encoding_note(&source);
        let not_fixed = |why: String| Error::Io {
            path: path.clone(),
            source: std::io::Error::other(format!("not fixed: {why}")),
        };
        if source.encoding.lossy {
            return Err(not_fixed(
                "it was read with --lossy, and writing it back would lose the bytes that were replaced; convert it to UTF-8 first".to_string(),
            ));
        }
        let fixed = job.linter.fix(&source, Applicability::Safe);
        if fixed.text != source.text {
            let bytes = source.encoding.encode(&fixed.text).map_err(not_fixed)?;
            letterlint::io::write_atomic(path, &bytes)?;
            note.push_str(&format!(
                "fixed: {} ({})\n",
                path.display(),
                plural(fixed.passes, "pass", "passes")
            ));
        }
        let text = fixed.remaining.source_text().to_string();
        (fixed.remaining, text)
    };
    let human = if format == OutputFormat::Human {
        context_line(&job.input.display(), &remaining, false)
            + &human::render(&job.input.display(), &text, &remaining.diagnostics, colour)
    } else {
        String::new()
    };
    Ok(Outcome {
        result: FileResult {
            path: job.input.display(),
            kind: Some(remaining.kind),
            sector: Some(remaining.sector),
            diagnostics: remaining.diagnostics,
            error: None,
            encoding,
            context: Some(remaining.context),
        },
        text: Some(text),
        human,
        fail_on,
        excused: 0,
        note,
    })
}

fn linter_for_cwd(common: Common) -> Result<std::sync::Arc<letterlint::Linter>, Error> {
    single(&Input::Stdin, &common).map(|(l, _)| l)
}

/// Lists the rules.
fn rules(format: ListFormat, common: Common) -> i32 {
    let linter = match linter_for_cwd(common) {
        Ok(l) => l,
        Err(e) => {
            eprint_error(&e);
            return TROUBLE;
        }
    };
    let pack = linter.pack();
    match format {
        ListFormat::Json => {
            let rows: Vec<serde_json::Value> = linter
                .rules()
                .iter()
                .map(|r| {
                    serde_json::json!({"id": &*r.id, "group": &*r.group, "severity": r.severity, "enabled": r.enabled, "principle": &*r.principle})
                })
                .collect();
            out(&format!(
                "{}\n",
                serde_json::to_string_pretty(&rows).unwrap_or_default()
            ));
        }
        ListFormat::Human => {
            let width = pack.rules.iter().map(|r| r.id.len()).max().unwrap_or(10);
            let mut s = String::new();
            for r in linter.rules().iter() {
                let off = if r.enabled { "" } else { " (disabled)" };
                s.push_str(&format!(
                    "{:<width$}  {:<7}  {:<10}  {}{}\n",
                    r.id,
                    r.severity.as_str(),
                    r.group,
                    r.principle,
                    off
                ));
            }
            out(&s);
        }
    }
    CLEAN
}

/// Explains one rule.
fn explain(rule: &str, common: Common) -> i32 {
    let linter = match linter_for_cwd(common) {
        Ok(l) => l,
        Err(e) => {
            eprint_error(&e);
            return TROUBLE;
        }
    };
    match linter.pack().rule(rule) {
        Some(r) => {
            out(&letterlint::render::explain(r));
            CLEAN
        }
        None => {
            eprintln!("error: no rule `{rule}` (see `letterlint rules`)");
            TROUBLE
        }
    }
}

/// Prints the letter with its officers anonymised, or the JSON report.
fn anonymise(file: &std::path::Path, format: AnonFormat, common: Common) -> i32 {
    let input = input_of(file);
    let (linter, source) = match open(&input, &common) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let mode = linter.config().mode.unwrap_or_default();
    let result = match linter.try_anonymise(&source, mode) {
        Ok(r) => r,
        Err(e) => {
            eprint_error(&e);
            return TROUBLE;
        }
    };
    match format {
        AnonFormat::Text => out(&result.text),
        AnonFormat::Json => out(&format!(
            "{}\n",
            serde_json::to_string_pretty(&result).unwrap_or_default()
        )),
    }
    CLEAN
}

/// The linter for one input and its text, or the exit code after reporting why not.
fn open(
    input: &Input,
    common: &Common,
) -> Result<(std::sync::Arc<letterlint::Linter>, letterlint::Source), i32> {
    let (linter, options) = single(input, common).map_err(|e| {
        eprint_error(&e);
        TROUBLE
    })?;
    let source = read(input, &options).map_err(|e| {
        eprint_error(&e);
        TROUBLE
    })?;
    Ok((linter, source))
}
