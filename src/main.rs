//! The `newsdex` command line: parses arguments and dispatches to the library.

mod cli;

use std::process::ExitCode;

use clap::Parser;
use newsdex::Error;

use crate::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("newsdex: {err}");
            ExitCode::from(err.code())
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Index(_)
        | Command::Search(_)
        | Command::People(_)
        | Command::Parse(_)
        | Command::Ner(_)
        | Command::Serve(_) => Err(Error::failure("this command is not built yet")),
    }
}
