//! Command-line flags, parsed once into typed structs, and the one line a mistake in them prints.
//! Nothing here does work: `main` hands each command's struct to the library.

use std::path::PathBuf;

use clap::error::ErrorKind;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

/// The one line to print for a command-line mistake clap found: its message, the lines clap puts
/// under it joined in, and which help to read ("invalid value 'abc' for '--limit <LIMIT>': invalid
/// digit found in string (see `newsdex search --help`)"). None for a request for help or the
/// version, which clap prints itself.
pub fn mistake(err: &clap::Error) -> Option<String> {
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        return None;
    }
    let text = err.render().to_string();
    let mut line = String::new();
    for part in text
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty())
    {
        let part = part.strip_prefix("error: ").unwrap_or(part);
        if !line.is_empty() {
            let joint = if line.ends_with(':') || part.starts_with('[') {
                " "
            } else {
                "; "
            };
            line.push_str(joint);
        }
        line.push_str(part);
    }
    // The subcommand typed, for where to read more.
    let command = Cli::command();
    let sub = std::env::args()
        .skip(1)
        .find(|a| command.get_subcommands().any(|c| c.get_name() == a));
    let help = match sub {
        Some(sub) => format!("newsdex {sub} --help"),
        None => "newsdex --help".to_string(),
    };
    Some(format!("{line} (see `{help}`)"))
}

/// newsdex: search a news archive by words and by the people it names.
#[derive(Debug, Parser)]
#[command(name = "newsdex", version, about, max_term_width = 100)]
pub struct Cli {
    /// Index directory.
    #[arg(
        long,
        global = true,
        env = "NEWSDEX_INDEX",
        default_value = "index",
        value_name = "DIR"
    )]
    pub index: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index the articles in files and folders (default ./corpus).
    Index(IndexArgs),
    /// Search the index (builds it from ./corpus on first use).
    Search(SearchArgs),
    /// List the people in the index or in the articles matching a query.
    People(PeopleArgs),
    /// Show what the indexer would index for each article in FILEs, without touching an index.
    Parse(ParseArgs),
    /// Train, evaluate and run the named-entity recogniser.
    #[command(subcommand)]
    Ner(NerCommand),
    /// Serve a web page and JSON API over the index.
    Serve(ServeArgs),
    /// Write the articles as files a Quickwit cluster ingests (index config, documents, people).
    Export(ExportArgs),
    /// Send the articles to a running Quickwit cluster (--index names the Quickwit index).
    Push(PushArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "\
Re-running on an indexed corpus reads only new and changed files and removes the articles of files \
that are gone from the folders named. Copies of an article share its group.

Exit status: 0 every file was read; 3 some files or records were skipped (each listed once in the \
summary); 2 a usage error (a path that does not exist or holds no news files, an index another \
`newsdex index` is writing); 1 any other failure.")]
pub struct IndexArgs {
    /// Files and folders to index.
    #[arg(value_name = "PATH", default_value = "corpus")]
    pub paths: Vec<PathBuf>,
    /// Commit at least every N articles (and every 10 seconds), so that an interrupted run loses
    /// little work.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub commit_every: usize,
    /// Index without finding people, organisations and places (for benchmarks: the indexer's
    /// speed without the recogniser).
    #[arg(long, hide = true)]
    pub no_entities: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "\
DIR receives quickwit-index.yaml (the index config), docs-NNNNN.ndjson (one article a line, at most \
100 MB each), deletes-NNNNN.ndjson (Quickwit delete queries to run before ingesting docs-NNNNN: the \
old articles of files changed or gone), people.ndjson (the people table) and manifest.json. \
Re-running writes only new and changed files. docs/scale-out.md says how to ingest them.

Exit status: as `newsdex index`: 0 every file was read; 3 some were skipped (listed); 2 a usage \
error; 1 any other failure.")]
pub struct ExportArgs {
    /// Files and folders to export.
    #[arg(value_name = "PATH", default_value = "corpus")]
    pub paths: Vec<PathBuf>,
    /// Folder to write to (created if needed; an earlier export there is updated).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Commit at least every N articles (and every 10 seconds).
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub commit_every: usize,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Creates the index (--index NAME) from newsdex's index config if it is missing, and refuses an index \
whose doc mapping is not newsdex's. Re-running sends only new and changed files; the old articles of \
changed and removed files are deleted first (Quickwit applies deletes in the background). A push \
stopped at any point is resumed by running it again: nothing is lost or sent twice. The manifest of \
what the cluster holds is kept in --state.

Exit status: 0 every file was read; 3 some were skipped (listed); 2 a usage error (bad URL or index \
name, a server that is not Quickwit, an index of another schema); 1 any other failure (the cluster \
cannot be reached or keeps refusing: run again to resume).")]
pub struct PushArgs {
    /// Files and folders to send.
    #[arg(value_name = "PATH", default_value = "corpus")]
    pub paths: Vec<PathBuf>,
    /// Address of a Quickwit node's REST API.
    #[arg(long, value_name = "URL", required = true)]
    pub quickwit: String,
    /// Folder of the manifests of what each cluster holds.
    #[arg(long, value_name = "DIR", default_value = ".newsdex-push")]
    pub state: PathBuf,
    /// Commit (and wait for Quickwit to commit) at least every N articles, and every 10 seconds.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub commit_every: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Sort {
    Relevance,
    Date,
}

/// Filters shared by `search` and `people`.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only articles naming this person (canonical name or unambiguous surname); repeatable, all must match.
    #[arg(long = "person", value_name = "NAME")]
    pub persons: Vec<String>,
    /// Only articles from this source.
    #[arg(long, value_name = "SOURCE")]
    pub source: Option<String>,
    /// Only articles published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only articles published on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words, "phrases", OR, -word, field:word; `*` matches every article.
    pub query: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Order of results.
    #[arg(long, value_enum, default_value_t = Sort::Relevance)]
    pub sort: Sort,
    /// Number of results to show.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Number of results to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Show every copy of duplicated articles instead of one result with "+N copies".
    #[arg(long)]
    pub all_copies: bool,
    /// Print one JSON object per result.
    #[arg(long)]
    pub json: bool,
    /// Search the archive `newsdex push` sent to this Quickwit node (http://HOST:PORT) instead of
    /// a local index; --index names the Quickwit index.
    #[arg(long, value_name = "URL")]
    pub quickwit: Option<String>,
}

#[derive(Debug, Args)]
pub struct PeopleArgs {
    /// Only count people in articles matching this query.
    pub query: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Rank who appears most often in the same articles as this person.
    #[arg(long, value_name = "NAME")]
    pub with: Option<String>,
    /// Number of people to show.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Print one JSON object per person.
    #[arg(long)]
    pub json: bool,
    /// Search the archive `newsdex push` sent to this Quickwit node (http://HOST:PORT) instead of
    /// a local index; --index names the Quickwit index.
    #[arg(long, value_name = "URL")]
    pub quickwit: Option<String>,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Exit status: 0 every file was read; 3 some files or records were skipped (listed on stderr); 2 a \
file that does not exist.")]
pub struct ParseArgs {
    /// Files to parse (folders are walked as `index` walks them).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Print one JSON object per article.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum NerCommand {
    /// Train a model on CoNLL-2003 files.
    Train(NerTrainArgs),
    /// Score the model on a CoNLL-2003 file (entity-level precision, recall, F1).
    Eval(NerEvalArgs),
    /// Tag a text file (people, organisations, places), or with --conll print a CoNLL file with
    /// the predicted tag as one more column.
    Tag(NerTagArgs),
    /// Learn Brown word clusters from unlabelled news (the tagger's word-class features).
    Clusters(NerClustersArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "\
Writes one `path<TAB>word<TAB>count` line per word; `ner train --clusters FILE` uses the file. \
Deterministic: the same input and options give the same file.

Exit status: 0 every file was read; 3 some files or records were skipped (listed on stderr); 2 a \
path that does not exist.")]
pub struct NerClustersArgs {
    /// News files or folders to learn from (read as `index` reads them).
    #[arg(value_name = "PATH", required_unless_present = "conll")]
    pub paths: Vec<PathBuf>,
    /// CoNLL-2003 files whose words are added to the text (tags are not read).
    #[arg(long, value_name = "FILE")]
    pub conll: Vec<PathBuf>,
    /// Where to write the clusters.
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
    /// Clusters kept while words enter (the tree's width at the bottom; memory grows with its
    /// square: 4,096 takes about 400 MB).
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u16).range(2..=4096))]
    pub clusters: u16,
    /// Words seen fewer times are left out.
    #[arg(long, default_value_t = 5)]
    pub min_count: u64,
}

#[derive(Debug, Args)]
pub struct NerTrainArgs {
    /// CoNLL-2003 training file.
    #[arg(long, value_name = "FILE")]
    pub train: PathBuf,
    /// CoNLL-2003 development file, scored after training.
    #[arg(long, value_name = "FILE")]
    pub dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
    /// US census name lists folder (dist.male.first, dist.female.first, dist.all.last).
    #[arg(long, value_name = "DIR")]
    pub names: Option<PathBuf>,
    /// Groningen Meaning Bank NER zip (ner_dataset.csv.zip), used as a gazetteer.
    #[arg(long, value_name = "FILE")]
    pub gmb: Option<PathBuf>,
    /// First names and surnames from many countries (models/world-names.txt).
    #[arg(long, value_name = "FILE")]
    pub world_names: Option<PathBuf>,
    /// Word clusters written by `newsdex ner clusters` (models/clusters.txt).
    #[arg(long, value_name = "FILE")]
    pub clusters: Option<PathBuf>,
    /// Print L-BFGS progress.
    #[arg(long)]
    pub verbose: bool,
    /// L1 regularisation.
    #[arg(long, default_value_t = 0.05)]
    pub c1: f64,
    /// L2 regularisation.
    #[arg(long, default_value_t = 0.01)]
    pub c2: f64,
    /// Maximum L-BFGS iterations.
    #[arg(long, default_value_t = 300)]
    pub iterations: usize,
}

#[derive(Debug, Args)]
pub struct NerEvalArgs {
    /// CoNLL-2003 file with gold tags.
    pub file: PathBuf,
    /// Model to use instead of the bundled one.
    #[arg(long, value_name = "PATH")]
    pub model: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct NerTagArgs {
    /// Text file to tag.
    #[arg(value_name = "FILE", required_unless_present = "conll")]
    pub file: Option<PathBuf>,
    /// CoNLL file to tag token by token.
    #[arg(long, value_name = "FILE", conflicts_with = "file")]
    pub conll: Option<PathBuf>,
    /// Model to use instead of the bundled one.
    #[arg(long, value_name = "PATH")]
    pub model: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Open the printed address in a browser. The JSON API is under /api (search, articles/ID, people, \
health). The server only reads the index and picks up what a running `newsdex index` commits. It has \
no authentication: keep it on a loopback address unless everyone who can reach it may read the \
archive.

Exit status: 0 stopped by Ctrl-C; 2 a bad or busy --addr, a bad --cors, no index; 1 any other failure.")]
pub struct ServeArgs {
    /// Address to listen on (HOST:PORT; port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:7700", value_name = "HOST:PORT")]
    pub addr: String,
    /// Let web pages from ORIGIN (such as http://localhost:3000, or * for any) call the API.
    #[arg(long, value_name = "ORIGIN")]
    pub cors: Option<String>,
    /// Answers kept in memory for identical requests, of each kind (0 keeps none); a new commit
    /// empties them.
    #[arg(long = "answer-memory", default_value_t = newsdex::search::ANSWERS_KEPT, value_name = "N")]
    pub answers_kept: usize,
    /// Serve the archive `newsdex push` sent to this Quickwit node (http://HOST:PORT) instead of a
    /// local index; --index names the Quickwit index.
    #[arg(long, value_name = "URL")]
    pub quickwit: Option<String>,
}
