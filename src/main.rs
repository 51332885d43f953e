//! The `newsdex` command line: parses arguments and dispatches to the library.

mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches};
use newsdex::{Error, index};

use crate::cli::{Cli, Command};

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    // The index is "named" when the user chose it (--index or NEWSDEX_INDEX): a named index that
    // does not exist is an error, the default one is built from ./corpus on first use.
    let index_named = matches.value_source("index") != Some(ValueSource::DefaultValue);
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => err.exit(),
    };
    match run(cli, index_named) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("newsdex: {err}");
            ExitCode::from(err.code())
        }
    }
}

fn run(cli: Cli, index_named: bool) -> Result<ExitCode, Error> {
    let _ = index_named;
    match cli.command {
        Command::Index(args) => {
            let options = index::Options {
                commit_every: args.commit_every,
                ..index::Options::default()
            };
            let summary = index::build(&cli.index, &args.paths, &options)?;
            eprint!("{summary}");
            Ok(ExitCode::from(summary.exit_code()))
        }
        Command::Parse(args) => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let problems = index::parse::parse(&args.files, args.json, &mut out)?;
            let _ = out.flush();
            for problem in &problems {
                eprintln!("newsdex: skipped {problem}");
            }
            Ok(ExitCode::from(if problems.is_empty() {
                0
            } else {
                index::EXIT_SKIPPED
            }))
        }
        Command::Search(_) | Command::People(_) | Command::Ner(_) | Command::Serve(_) => {
            Err(Error::failure("this command is not built yet"))
        }
    }
}
