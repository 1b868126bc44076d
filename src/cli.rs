//! The command line: what a person can ask for without the full screen.
//!
//! Owns: the clap definitions and their help texts. Must not import: rusqlite, ratatui,
//! crossterm, tokio.

use crate::domain::RuleSet;
use crate::domain::meeting::MeetingKind;
use crate::export::Format;
use crate::export::org::OrgFormat;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Roundtable facilitates the tactical and governance meetings of a self-managing
/// organisation and keeps everything in one local SQLite file. Run it without a command to
/// open the full-screen program.
#[derive(Debug, Parser)]
#[command(name = "roundtable", version)]
pub struct Cli {
    /// The database file [default: roundtable.db in the platform's data directory]
    #[arg(long, global = true, env = "ROUNDTABLE_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the organisation: the demo (--demo) or an empty one (--name)
    Init(InitArgs),
    /// Load an organisation file (TOML) into an empty database, all or nothing
    Import {
        /// The organisation file to load
        file: PathBuf,
    },
    /// Print the organisation as an indented tree (read-only)
    Org,
    /// Write minutes to a file (or standard output with -o -)
    #[command(subcommand)]
    Export(ExportCommand),
    /// A person's solo role review; with --print, an overview of their roles as text
    Review {
        /// The person's name (any case)
        #[arg(long, value_name = "NAME")]
        person: String,
        /// Print the roles, open projects, next actions, due checklist items and metrics
        #[arg(long)]
        print: bool,
    },
    /// Open a circle's meeting full screen: resumes its unfinished one, or sets up a new one
    Meet {
        /// tactical or governance
        kind: MeetingKind,
        /// The circle's name (any case)
        #[arg(long, value_name = "NAME")]
        circle: String,
    },
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Load the demo organisation, Riverbend Bakery Cooperative
    #[arg(long, conflicts_with_all = ["name", "rule_set"], required_unless_present = "name")]
    pub demo: bool,
    /// Start an empty organisation with this name
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// The rule set of a new empty organisation: holacracy-5.0 (default) or holacracy-4.1
    #[arg(long, value_name = "RULES", requires = "name")]
    pub rule_set: Option<RuleSet>,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// A meeting's minutes, by id or the last one: md, html, json or eml
    Minutes(MinutesArgs),
    /// The governance record: toml (the import format), md (a handbook) or json
    Org {
        /// toml, md or json
        #[arg(long, value_name = "FORMAT")]
        format: OrgFormat,
        /// Where to write; - for standard output [default: a file named after the organisation]
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Replace the file if it exists
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Args)]
pub struct MinutesArgs {
    /// The meeting's number
    #[arg(conflicts_with = "last")]
    pub id: Option<i64>,
    /// The most recent ended meeting
    #[arg(long)]
    pub last: bool,
    /// With --last: of this circle
    #[arg(long, value_name = "NAME", requires = "last")]
    pub circle: Option<String>,
    /// md, html, json or eml
    #[arg(long, value_name = "FORMAT")]
    pub format: Format,
    /// Where to write; - for standard output [default: a file named by date, circle and kind]
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace the file if it exists
    #[arg(long)]
    pub force: bool,
}
