//! Errors a user sees: one line that says what went wrong, where, and what to do, plus an exit code.
//!
//! Every failure that reaches `main` is an [`Error`]. Library code builds them with the constructors
//! below so that messages keep one shape across the whole program.

use std::fmt;
use std::path::Path;

/// The result type used across newsdex.
pub type Result<T> = std::result::Result<T, Error>;

/// A user-facing failure: a one-line message and the process exit code that goes with it.
#[derive(Debug)]
pub struct Error {
    message: String,
    code: u8,
}

impl Error {
    /// Exit code for a problem the user can fix by changing how they called newsdex
    /// (bad flag value, missing index, unknown person, unparsable query).
    pub const USAGE: u8 = 2;
    /// Exit code for a failure of the machine or the data that is not the caller's doing.
    pub const FAILURE: u8 = 1;

    /// A problem with what the user asked for; exit code 2.
    pub fn usage(message: impl Into<String>) -> Error {
        Error {
            message: message.into(),
            code: Error::USAGE,
        }
    }

    /// A failure while doing what was asked; exit code 1.
    pub fn failure(message: impl Into<String>) -> Error {
        Error {
            message: message.into(),
            code: Error::FAILURE,
        }
    }

    /// An I/O failure on `path`, with what newsdex was doing when it happened.
    pub fn io(doing: &str, path: &Path, err: std::io::Error) -> Error {
        Error::failure(format!("{doing} {}: {err}", path.display()))
    }

    /// Returns true if and only if this is the quiet stop after the reader of our output went away
    /// (`newsdex search … | head`): nothing to report, exit 0.
    pub fn is_quiet(&self) -> bool {
        self.message.is_empty()
    }

    /// The process exit code for this error.
    pub fn code(&self) -> u8 {
        self.code
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<tantivy::TantivyError> for Error {
    fn from(err: tantivy::TantivyError) -> Error {
        Error::failure(format!("index error: {err}"))
    }
}

/// Writes `text` to standard output. A closed pipe (the reader quit, as `head` does) becomes the quiet
/// error [`Error::is_quiet`], so that commands stop at once without a message.
pub fn print(text: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Error {
            message: String::new(),
            code: 0,
        }),
        Err(e) => Err(Error::failure(format!(
            "cannot write to standard output: {e}"
        ))),
    }
}
