//! The `newsdex` command line: parses arguments and dispatches to the library.

mod cli;

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use newsdex::Error;
use newsdex::search::{self, Filters, PeopleRequest, SearchRequest, Searcher};

use crate::cli::{Cli, Command, FilterArgs, PeopleArgs, SearchArgs, Sort};

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
        Command::Search(args) => search(&cli.index, args),
        Command::People(args) => people(&cli.index, args),
        Command::Index(_) | Command::Parse(_) | Command::Ner(_) | Command::Serve(_) => {
            Err(Error::failure("this command is not built yet"))
        }
    }
}

fn search(index: &Path, args: SearchArgs) -> Result<ExitCode, Error> {
    let searcher = Searcher::open(index)?;
    let results = searcher.search(&SearchRequest {
        query: args.query,
        filters: filters(args.filters),
        sort: match args.sort {
            Sort::Relevance => search::Sort::Relevance,
            Sort::Date => search::Sort::Date,
        },
        limit: args.limit,
        offset: args.offset,
        all_copies: args.all_copies,
        ..SearchRequest::default()
    })?;
    print(|out| {
        if args.json {
            search::print::hits_json(out, &results)
        } else {
            search::print::hits(out, &results, search::print::use_color())
        }
    })?;
    eprintln!("{}", search::print::hits_summary(&results));
    Ok(ExitCode::SUCCESS)
}

fn people(index: &Path, args: PeopleArgs) -> Result<ExitCode, Error> {
    let searcher = Searcher::open(index)?;
    let results = searcher.people(&PeopleRequest {
        query: args.query,
        filters: filters(args.filters),
        with: args.with,
        limit: args.limit,
    })?;
    print(|out| search::print::people_list(out, &results, args.json))?;
    eprintln!("{}", search::print::people_summary(&results));
    Ok(ExitCode::SUCCESS)
}

fn filters(args: FilterArgs) -> Filters {
    Filters {
        persons: args.persons,
        source: args.source,
        since: args.since,
        until: args.until,
    }
}

/// Runs `write` on buffered stdout. A closed pipe (`newsdex search … | head`) is not an error.
fn print(
    write: impl FnOnce(&mut BufWriter<io::StdoutLock>) -> io::Result<()>,
) -> Result<(), Error> {
    let mut out = BufWriter::new(io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(Error::failure(format!("writing the results: {e}")))
        }
        _ => Ok(()),
    }
}
