//! One letter's bug is that letter's error, never the run's.
//!
//! [`isolate`] runs work on one letter under [`std::panic::catch_unwind`]: a panic becomes
//! an [`Error::Internal`] naming the letter, the stage that was running (parse, facts, a
//! check, the rewrite…) and what went wrong, so a batch over many letters reports that
//! file and goes on. The stage is kept in a thread-local that the linter's stages set as
//! they run ([`enter`]); it costs a store per stage.
//!
//! ```
//! use letterlint::guard::isolate;
//!
//! let ok = isolate("a.txt", || 2 + 2).unwrap();
//! assert_eq!(ok, 4);
//! let err = isolate("b.txt", || -> u32 { panic!("boom") }).unwrap_err();
//! assert!(err.to_string().starts_with("b.txt: internal error in "));
//! assert!(err.to_string().contains("boom"));
//! ```

use crate::error::Error;
use std::cell::{Cell, RefCell};

thread_local! {
    static STAGE: Cell<&'static str> = const { Cell::new("lint") };
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The stage running on this thread until the guard is dropped (then the previous one).
#[must_use = "the stage lasts as long as the guard"]
pub(crate) struct Stage(&'static str);

impl Drop for Stage {
    fn drop(&mut self) {
        // while unwinding, the stage that panicked stays for `isolate` to report
        if !std::thread::panicking() {
            STAGE.with(|s| s.set(self.0));
        }
    }
}

/// Marks `stage` as running on this thread: what an internal error names.
pub(crate) fn enter(stage: &'static str) -> Stage {
    Stage(STAGE.with(|s| s.replace(stage)))
}

/// Runs `work` for the letter `name`; a panic inside becomes [`Error::Internal`].
pub fn isolate<T>(name: &str, work: impl FnOnce() -> T) -> Result<T, Error> {
    let outer = STAGE.with(|s| s.get());
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)) {
        Ok(v) => Ok(v),
        Err(payload) => {
            let stage = STAGE.with(|s| s.replace(outer));
            let message = LAST_PANIC
                .with(|l| l.borrow_mut().take())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "a panic with no message".to_string());
            Err(Error::Internal {
                name: name.to_string(),
                stage: stage.to_string(),
                message,
            })
        }
    }
}

/// Replaces the process's panic hook with one that prints nothing and keeps the
/// message and place for [`isolate`] to report (unless `RUST_BACKTRACE` is set, when
/// the default hook prints as well). For programs, like the command line, whose every
/// letter runs under [`isolate`]; call it once, early.
pub fn quiet_panics() {
    let default = std::panic::take_hook();
    let verbose = std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0");
    std::panic::set_hook(Box::new(move |info| {
        let what = info
            .payload()
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| info.payload().downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "a panic with no message".to_string());
        let message = match info.location() {
            Some(l) => format!("{what} (at {}:{}:{})", l.file(), l.line(), l.column()),
            None => what,
        };
        LAST_PANIC.with(|l| *l.borrow_mut() = Some(message));
        if verbose {
            default(info);
        }
    }));
}

/// For testing [`isolate`] end to end: when the environment variable
/// `LETTERLINT_DEBUG_PANIC` is set to a non-empty text, linting a letter that contains
/// it panics (in the stage "debug"). Read once per process.
pub(crate) fn debug_panic(text: &str) {
    static TRIGGER: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let trigger = TRIGGER.get_or_init(|| {
        std::env::var("LETTERLINT_DEBUG_PANIC")
            .ok()
            .filter(|t| !t.is_empty())
    });
    if let Some(t) = trigger {
        if text.contains(t.as_str()) {
            let _stage = enter("debug");
            panic!("LETTERLINT_DEBUG_PANIC: the letter contains {t:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_names_the_stage_it_happened_in_and_the_stage_is_restored() {
        let _outer = enter("outer");
        let err = isolate("letter.txt", || {
            let _s = enter("check apology");
            panic!("index out of bounds")
        })
        .unwrap_err();
        let s = err.to_string();
        assert!(
            s.starts_with("letter.txt: internal error in check apology: index out of bounds"),
            "{s}"
        );
        assert_eq!(STAGE.with(|s| s.get()), "outer");
    }

    #[test]
    fn no_panic_no_error() {
        assert_eq!(isolate("x", || "fine").unwrap(), "fine");
    }
}
