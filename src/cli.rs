//! The command line: what a person can ask for without the full screen.
//!
//! Owns: the clap definitions and their help texts, and the one-line, terminal-safe form of
//! an error. Must not import: rusqlite, ratatui, crossterm, tokio.

use crate::domain::meeting::MeetingKind;
use crate::domain::text::printable;
use crate::domain::{Frequency, RuleSet};
use crate::export::Format;
use crate::export::org::OrgFormat;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Roundtable facilitates the tactical and governance meetings of a self-managing
/// organisation and keeps everything in one local SQLite file (or a PostgreSQL database
/// shared by many facilitators). Run it without a command to open the full-screen program.
#[derive(Debug, Parser)]
#[command(name = "roundtable", version)]
pub struct Cli {
    /// The database: a file, or a PostgreSQL database as postgres://user@host:port/dbname
    /// (password from PGPASSWORD) [default: roundtable.db in the platform's data directory]
    #[arg(long, global = true, env = "ROUNDTABLE_DB", value_name = "PATH|URL")]
    pub db: Option<PathBuf>,

    /// Who is at the keyboard: recorded with every meeting entry this program makes and named
    /// to other programs; for assign and unassign, the person acting
    #[arg(long = "as", global = true, env = "ROUNDTABLE_AS", value_name = "NAME")]
    pub actor: Option<String>,

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
    /// Write a large generated organisation, with years of meetings of every kind, into an
    /// empty database file: for trying the program and measuring it at scale
    Generate(GenerateArgs),
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
    /// A person's own work between meetings ("My work"); with --print, the same as text
    Work {
        /// The person's name (any case)
        #[arg(long, value_name = "NAME")]
        person: String,
        /// Print the roles, open projects, next actions, due items and open tensions
        #[arg(long)]
        print: bool,
    },
    /// People: add one, rename one, or mark one as having left
    #[command(subcommand)]
    Person(PersonCommand),
    /// Assign a person to a role, --as the Lead who may (elected roles only by election)
    Assign {
        /// The role's name (any case)
        role: String,
        /// The person to assign
        person: String,
        /// What the assignment focuses on
        #[arg(long, value_name = "FOCUS")]
        focus: Option<String>,
        /// The role's circle, when several circles have a role of that name
        #[arg(long, value_name = "NAME")]
        circle: Option<String>,
    },
    /// End a person's assignment to a role, --as the Lead (or the person, resigning)
    Unassign {
        /// The role's name (any case)
        role: String,
        /// The person whose assignment ends
        person: String,
        /// The role's circle, when several circles have a role of that name
        #[arg(long, value_name = "NAME")]
        circle: Option<String>,
    },
    /// A role's checklist items: add one or end one (as the circle's Secretary or the filler)
    #[command(subcommand)]
    Checklist(ChecklistCommand),
    /// A role's metrics: add one or end one (who may depends on the rule set)
    #[command(subcommand)]
    Metric(MetricCommand),
    /// Declare a process breakdown in a circle, with the pattern that conflicts with the
    /// constitution, --as one who may (4.1 §3.5.2, §3.5.4: the super-circle's Facilitator;
    /// 5.0 §5.5: a Facilitator or Secretary of the circle or one containing it)
    Declare {
        /// The circle's name (any case)
        #[arg(long, value_name = "NAME")]
        circle: String,
        /// Why: the pattern of behaviour or outputs that conflicts with the constitution
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// End a circle's process breakdown: due process is restored, --as the super-circle's
    /// Facilitator (the anchor circle's own)
    Restore {
        /// The circle's name (any case)
        #[arg(long, value_name = "NAME")]
        circle: String,
    },
    /// Take back the latest change made between meetings (person, assign, unassign, records)
    Undo,
    /// Follow a circle's meeting that another program facilitates: read-only and live
    Follow {
        /// The circle's name (any case)
        #[arg(long, value_name = "NAME")]
        circle: String,
        /// Start in presentation mode (large, for a projector)
        #[arg(long)]
        presentation: bool,
    },
    /// The database itself: copy an organisation between a file and PostgreSQL
    #[command(subcommand)]
    Db(DbCommand),
    /// Open a circle's meeting full screen: resumes its unfinished one, or sets up a new one
    Meet {
        /// The meeting's kind
        #[arg(value_parser = meeting_kinds())]
        kind: MeetingKind,
        /// The circle's name (any case)
        #[arg(long, value_name = "NAME")]
        circle: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Copy the whole organisation (every meeting, version and answer) from FROM (or --db)
    /// into TO, a new file or an empty PostgreSQL database, and check both read the same
    Copy {
        /// FROM TO, or just FROM with --to (FROM defaults to --db)
        #[arg(value_name = "PATH|URL", num_args = 0..=2)]
        places: Vec<PathBuf>,
        /// Where to copy to: a new file, or an empty PostgreSQL database
        #[arg(long, value_name = "PATH|URL")]
        to: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Add a person to the organisation
    Add {
        /// Their name (unique, ignoring case)
        name: String,
        /// Their e-mail address
        #[arg(long, value_name = "E")]
        email: Option<String>,
    },
    /// Give a person another name
    Rename {
        /// Their name now
        old: String,
        /// Their new name
        new: String,
    },
    /// Mark a person as having left: their assignments end today, their history stays
    Leave {
        /// Their name
        name: String,
    },
}

/// Which role a record is on (who is acting is the global `--as`: the circle's Secretary
/// or the role's filler; for 4.1 metrics, the Lead Link).
#[derive(Debug, Args)]
pub struct RecordOf {
    /// The role's name (any case)
    pub role: String,
    /// The role's circle, when several circles have a role of that name
    #[arg(long, value_name = "NAME")]
    pub circle: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ChecklistCommand {
    /// Add a recurring action the role reports on in tactical meetings
    Add {
        #[command(flatten)]
        of: RecordOf,
        /// What is done, as the filler would check it off
        text: String,
        /// weekly, monthly or quarterly
        #[arg(long, default_value = "weekly")]
        frequency: Frequency,
    },
    /// Stop asking a checklist item (its answers stay in the history)
    End {
        #[command(flatten)]
        of: RecordOf,
        /// The item's text (any case)
        text: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum MetricCommand {
    /// Add a number the role reports in tactical meetings
    Add {
        #[command(flatten)]
        of: RecordOf,
        /// The metric's name
        name: String,
        /// Its unit, such as loaves or EUR
        #[arg(long, value_name = "UNIT")]
        unit: Option<String>,
        /// weekly, monthly or quarterly
        #[arg(long, default_value = "weekly")]
        frequency: Frequency,
    },
    /// Stop asking a metric (its values stay in the history)
    End {
        #[command(flatten)]
        of: RecordOf,
        /// The metric's name (any case)
        name: String,
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

/// The sizes of a generated organisation; the same sizes and seed write the same database.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Circles, nested breadth first six to a circle
    #[arg(long, default_value_t = 1_000, value_name = "N")]
    pub circles: usize,
    /// Roles in all, each circle's core roles included
    #[arg(long, default_value_t = 14_000, value_name = "N")]
    pub roles: usize,
    /// People
    #[arg(long, default_value_t = 5_000, value_name = "N")]
    pub people: usize,
    /// Meetings: seven in ten tactical, two governance, one a solo review
    /// followed by a few entries of the person's own work ("My work")
    #[arg(long, default_value_t = 50_000, value_name = "N")]
    pub meetings: usize,
    /// Entries of all the meetings together (at least two a meeting)
    #[arg(long, default_value_t = 1_000_000, value_name = "N")]
    pub entries: usize,
    /// Years the meetings are spread over, ending 27 November 2026
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub years: u32,
    /// The seed of the generator's random choices
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub seed: u64,
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
    #[arg(conflicts_with_all = ["last", "since"])]
    pub id: Option<i64>,
    /// The most recent ended meeting
    #[arg(long, conflicts_with = "since")]
    pub last: bool,
    /// With --last: of this circle; with --since: the circle whose meetings are written
    #[arg(long, value_name = "NAME")]
    pub circle: Option<String>,
    /// Every ended meeting of --circle begun on this day (YYYY-MM-DD) or later, each in
    /// every --format, into the directory -o names (default: the current one)
    #[arg(long, value_name = "DATE", requires = "circle")]
    pub since: Option<chrono::NaiveDate>,
    /// With --since: up to this day (YYYY-MM-DD) included [default: today]
    #[arg(long, value_name = "DATE", requires = "since")]
    pub until: Option<chrono::NaiveDate>,
    /// md, html, json or eml; with --since, several, comma-separated (md,html,json,eml)
    #[arg(long, value_name = "FORMAT", value_delimiter = ',', required = true)]
    pub format: Vec<Format>,
    /// Where to write; - for standard output [default: a file named by date, circle and kind];
    /// with --since, a directory
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace the file if it exists
    #[arg(long)]
    pub force: bool,
}

/// The meeting kinds `meet` takes, every kind this version has, listed by `--help`.
fn meeting_kinds() -> impl clap::builder::TypedValueParser<Value = MeetingKind> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(MeetingKind::ALL.map(MeetingKind::id))
        .try_map(|id| id.parse::<MeetingKind>())
}

/// An error and its causes as one line fit for a terminal. A cause that only repeats what was
/// said (a database error's SQLite message, said again with its code) is left out, and every
/// control character is dropped, so a file name holding an escape sequence stays text.
pub fn error_line(err: &(dyn std::error::Error + 'static)) -> String {
    let mut line = err.to_string();
    let mut previous = line.clone();
    let mut cause = err.source();
    while let Some(c) = cause {
        let text = c.to_string();
        if !line.contains(&text) && !text.contains(&previous) {
            line.push_str(": ");
            line.push_str(&text);
        }
        previous = text;
        cause = c.source();
    }
    printable(&line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("database error: {0}")]
    struct Outer(#[source] Inner);

    #[derive(Debug, thiserror::Error)]
    #[error("attempt to write a readonly database")]
    struct Inner(#[source] Code);

    #[derive(Debug, thiserror::Error)]
    #[error("Error code 8: attempt to write a readonly database")]
    struct Code;

    #[test]
    fn a_cause_that_repeats_the_message_is_said_once() {
        let line = error_line(&Outer(Inner(Code)));
        assert_eq!(line, "database error: attempt to write a readonly database");
    }

    #[test]
    fn a_new_cause_is_added_and_escapes_are_dropped() {
        #[derive(Debug, thiserror::Error)]
        #[error("reading /tmp/a\u{1b}]0;x\u{7}.toml")]
        struct Reading(#[source] std::io::Error);
        let err = Reading(std::io::Error::other("no such file\nor directory"));
        assert_eq!(
            error_line(&err),
            "reading /tmp/a]0;x.toml: no such file or directory"
        );
    }
}
