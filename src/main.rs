//! The `newsdex` command line: parses arguments and dispatches to the library.

mod cli;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches};
use newsdex::error::print;
use newsdex::quickwit::cluster::Cluster;
use newsdex::search::{self, Engine, Filters, PeopleRequest, SearchRequest, Searcher};
use newsdex::{Error, index};

use crate::cli::{Cli, Command, FilterArgs, NerCommand, PeopleArgs, SearchArgs, Sort};

fn main() -> ExitCode {
    let matches = match Cli::command().try_get_matches() {
        Ok(matches) => matches,
        Err(err) => return usage_error(err),
    };
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
            if !err.is_quiet() {
                eprintln!("newsdex: {err}");
            }
            ExitCode::from(err.code())
        }
    }
}

/// Prints a command-line mistake as one line and exits 2; help and the version are printed as clap
/// prints them.
fn usage_error(err: clap::Error) -> ExitCode {
    match cli::mistake(&err) {
        Some(line) => {
            eprintln!("newsdex: {line}");
            ExitCode::from(Error::USAGE)
        }
        None => err.exit(),
    }
}

fn run(cli: Cli, index_named: bool) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Index(args) => {
            let options = index::Options {
                commit_every: args.commit_every,
                entities: !args.no_entities,
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
        Command::Export(args) => {
            let options = index::Options {
                commit_every: args.commit_every,
                ..index::Options::default()
            };
            let summary = newsdex::quickwit::export::export(&args.out, &args.paths, &options)?;
            eprint!("{summary}");
            Ok(ExitCode::from(summary.exit_code()))
        }
        Command::Push(args) => {
            if !index_named {
                return Err(Error::usage(
                    "name the Quickwit index to push to with --index NAME",
                ));
            }
            let target = newsdex::quickwit::push::Target {
                url: args.quickwit,
                index: cli.index.to_string_lossy().into_owned(),
                state: args.state,
            };
            let options = index::Options {
                commit_every: args.commit_every,
                ..index::Options::default()
            };
            let summary = newsdex::quickwit::push::push(&target, &args.paths, &options)?;
            eprint!("{summary}");
            Ok(ExitCode::from(summary.exit_code()))
        }
        Command::Search(args) => search(&cli.index, index_named, args),
        Command::People(args) => people(&cli.index, index_named, args),
        Command::Ner(cmd) => ner(cmd),
        Command::Serve(args) => {
            let index = cli.index;
            let (quickwit, answers_kept) = (args.quickwit, args.answers_kept);
            let open = || -> Result<Arc<dyn Engine>, Error> {
                match quickwit {
                    Some(url) => Ok(Arc::new(open_cluster(&url, &index, index_named)?)),
                    None => newsdex::serve::open_local(&index, index_named, answers_kept),
                }
            };
            newsdex::serve::serve(
                open,
                &newsdex::serve::Options {
                    addr: args.addr,
                    cors: args.cors,
                },
            )?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn ner(cmd: NerCommand) -> Result<ExitCode, Error> {
    use newsdex::ner::{annotated, brown, eval, model::Model, train};
    match cmd {
        NerCommand::Clusters(a) => {
            let options = brown::Options {
                clusters: usize::from(a.clusters),
                min_count: a.min_count,
            };
            let problems = brown::learn(&a.paths, &a.conll, options, &a.out)?;
            if problems > 0 {
                return Ok(ExitCode::from(newsdex::index::EXIT_SKIPPED));
            }
        }
        NerCommand::Train(a) => {
            train::train(&train::Options {
                train: a.train,
                out: a.out.clone(),
                census: a.names,
                gmb: a.gmb,
                clusters: a.clusters,
                world_names: a.world_names,
                c1: a.c1,
                c2: a.c2,
                iterations: a.iterations,
                folds: 5,
                verbose: a.verbose,
            })?;
            if let Some(dev) = a.dev {
                let model = Model::open(&a.out)?;
                print(&eval::evaluate(&model, &annotated::read(&dev)?).report())?;
            }
        }
        NerCommand::Eval(a) => {
            let recognizer = recognizer(a.model.as_deref())?;
            print(&eval::evaluate(recognizer.model(), &annotated::read(&a.file)?).report())?;
        }
        NerCommand::Tag(a) => {
            let recognizer = recognizer(a.model.as_deref())?;
            if let Some(path) = a.conll {
                print(&eval::tagged_conll(
                    recognizer.model(),
                    &annotated::read(&path)?,
                ))?;
            }
            if let Some(path) = a.file {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| Error::io("cannot read", &path, e))?;
                let entities = recognizer.entities(None, &text);
                if a.json {
                    print(&format!("{}\n", entities.to_json()))?;
                } else {
                    print(&entities.report())?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The recogniser with the model at `path`, or the bundled one (loaded once; lives as long as the process).
fn recognizer(path: Option<&std::path::Path>) -> Result<&'static newsdex::ner::Recognizer, Error> {
    match path {
        Some(path) => Ok(Box::leak(Box::new(newsdex::ner::Recognizer::open(path)?))),
        None => newsdex::ner::Recognizer::bundled(),
    }
}

/// Opens the archive `search` and `people` ask: the Quickwit index named `index` on the node at
/// `quickwit`, or the local index at `index` (building the default one first if needed, and
/// telling the user once if its search tables had to be built).
fn open_engine(
    index: &Path,
    named: bool,
    quickwit: Option<&str>,
) -> Result<Box<dyn Engine>, Error> {
    if let Some(url) = quickwit {
        return Ok(Box::new(open_cluster(url, index, named)?));
    }
    let searcher = Searcher::in_folder(index::ensure_index(index, named)?, index)?;
    if let Some(note) = searcher.prepare()? {
        eprintln!("{note}");
    }
    Ok(Box::new(searcher))
}

/// The archive in the Quickwit index named by `--index` on the node at `url`.
fn open_cluster(url: &str, index: &Path, named: bool) -> Result<Cluster, Error> {
    if !named {
        return Err(Error::usage(
            "name the Quickwit index to search with --index NAME",
        ));
    }
    Cluster::open(url, &index.to_string_lossy())
}

fn search(index: &Path, named: bool, args: SearchArgs) -> Result<ExitCode, Error> {
    let engine = open_engine(index, named, args.quickwit.as_deref())?;
    let results = engine.search(&SearchRequest {
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
    print(&if args.json {
        search::print::hits_json(&results)
    } else {
        search::print::hits(&results, search::print::use_color())
    })?;
    eprintln!("{}", search::print::hits_summary(&results));
    Ok(ExitCode::SUCCESS)
}

fn people(index: &Path, named: bool, args: PeopleArgs) -> Result<ExitCode, Error> {
    let engine = open_engine(index, named, args.quickwit.as_deref())?;
    let results = engine.people(&PeopleRequest {
        query: args.query,
        filters: filters(args.filters),
        with: args.with,
        limit: args.limit,
    })?;
    print(&search::print::people_list(&results, args.json))?;
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
