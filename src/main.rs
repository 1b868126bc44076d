//! The `roundtable` binary: parses the command line, finds the database, and runs the command
//! or the full-screen program. Every error ends as one line on stderr and a non-zero exit.

use anyhow::{Context, Result, bail};
use clap::Parser;
use roundtable::app::{self, App, org_entries, setup};
use roundtable::cli::{Cli, Command, ExportCommand, GenerateArgs, PersonCommand, error_line};
use roundtable::domain::MeetingId;
use roundtable::domain::org_log::OrgRequest;
use roundtable::domain::outline::outline;
use roundtable::domain::text::printable;
use roundtable::export;
use roundtable::store::postgres::is_postgres_address;
use roundtable::store::prelude::*;
use roundtable::store::{PgStore, Store};
use roundtable::{domain::RuleSet, logging};
use std::io::Write;
use std::os::unix::fs::DirBuilderExt;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Under NO_COLOR or on a dumb terminal every screen is drawn without colours.
    let env = |name| std::env::var(name).ok();
    roundtable::ui::theme::use_plain(roundtable::ui::theme::plain_wanted(
        env("NO_COLOR").as_deref(),
        env("TERM").as_deref(),
    ));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "roundtable: {} (see --help)",
                printable(&one_line(&e.render().to_string()))
            );
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            // The terminal may be gone; an error line that cannot be written is dropped.
            let _ = writeln!(std::io::stderr(), "roundtable: {}", error_line(e.as_ref()));
            ExitCode::FAILURE
        }
    }
}

/// A clap error message as one line: the error and what it lists, without the usage block.
fn one_line(message: &str) -> String {
    let text: Vec<&str> = message
        .lines()
        .take_while(|l| {
            !l.trim_start().starts_with("Usage:") && !l.starts_with("For more information")
        })
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    text.join(" ").trim_start_matches("error: ").to_string()
}

/// Prints `text` on standard output, each line cleaned as the screen cleans text: a name or a
/// path holding an escape sequence cannot command the terminal.
fn say(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    for line in text.lines() {
        writeln!(out, "{}", printable(line))?;
    }
    out.flush()
}

/// Where the data lives: a SQLite file, or a PostgreSQL database.
enum Db {
    File(PathBuf),
    Postgres(String),
}

impl Db {
    /// Opens the store for reading and writing (creating and migrating it as needed).
    fn open(&self) -> Result<Box<dyn Backend>> {
        Ok(match self {
            Db::File(path) => Box::new(Store::open(path)?),
            Db::Postgres(address) => Box::new(PgStore::open(address)?),
        })
    }

    /// Opens the store for reading (a file is opened read-only; on PostgreSQL reading and
    /// writing go through one connection).
    fn open_read_only(&self) -> Result<Box<dyn Backend>> {
        Ok(match self {
            Db::File(path) => Box::new(Store::open_read_only(path)?),
            Db::Postgres(_) => self.open()?,
        })
    }

    /// Starts logging: beside the database file, or for PostgreSQL in the data directory.
    fn start_logging(&self) -> Result<()> {
        match self {
            Db::File(path) => logging::init(path)?,
            Db::Postgres(_) => {
                let beside = default_database_path()?;
                if let Some(dir) = beside.parent() {
                    // Without its directory there is no log, and the program runs on.
                    let _ = std::fs::DirBuilder::new()
                        .recursive(true)
                        .mode(0o700)
                        .create(dir);
                }
                logging::init(&beside)?
            }
        }
        Ok(())
    }
}

/// `roundtable.db` in the platform's data directory.
fn default_database_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("org", "Roundtable", "roundtable")
        .context("no home directory to keep the database in; pass --db PATH")?;
    Ok(dirs.data_dir().join("roundtable.db"))
}

/// The database: `--db`/`ROUNDTABLE_DB` (a path, or a `postgres://` address), or
/// `roundtable.db` in the platform data dir.
fn database(cli: &Cli) -> Result<Db> {
    match &cli.db {
        Some(path) => match path.to_str() {
            Some(text) if is_postgres_address(text) => Ok(Db::Postgres(text.to_string())),
            _ => Ok(Db::File(path.clone())),
        },
        None => Ok(Db::File(default_database_path()?)),
    }
}

/// Writes an export to standard output (`-o -`), to `output`, or to `default_name` here.
fn write_output(
    text: &str,
    output: Option<PathBuf>,
    default_name: &str,
    force: bool,
) -> Result<ExitCode> {
    let path = output.unwrap_or_else(|| PathBuf::from(default_name));
    if path.as_os_str() == "-" {
        std::io::stdout().write_all(text.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    export::file::write_atomic(&path, text.as_bytes(), force)?;
    say(&format!("Wrote {}", path.display()))?;
    Ok(ExitCode::SUCCESS)
}

/// What a `person` command asks, with the names resolved.
fn people_request(
    org: &roundtable::domain::Organisation,
    command: PersonCommand,
) -> Result<(OrgRequest, Option<roundtable::domain::PersonId>), String> {
    Ok(match command {
        PersonCommand::Add { name, email } => (OrgRequest::AddPerson { name, email }, None),
        PersonCommand::Rename { old, new } => {
            let person = org_entries::person(org, &old)?;
            (OrgRequest::RenamePerson { person, name: new }, None)
        }
        PersonCommand::Leave { name } => {
            let person = org_entries::person(org, &name)?;
            (OrgRequest::PersonLeaves { person }, None)
        }
    })
}

/// Records one change between meetings and says what it was; a refusal is an error line.
fn org_change(
    db: &Db,
    ask: impl FnOnce(
        &roundtable::domain::Organisation,
    ) -> Result<(OrgRequest, Option<roundtable::domain::PersonId>), String>,
) -> Result<ExitCode> {
    let mut store = db.open()?;
    db.start_logging()?;
    let org = store.load_organisation()?.with_context(|| {
        format!(
            "{}: the database holds no organisation yet",
            store.location()
        )
    })?;
    let (request, actor) = ask(&org).map_err(anyhow::Error::msg)?;
    let said = org_entries::record(store.as_mut(), &org, &request, actor, chrono::Utc::now())
        .map_err(anyhow::Error::msg)?;
    say(&format!("{said}."))?;
    Ok(ExitCode::SUCCESS)
}

/// Runs the full-screen program until it ends.
fn full_screen(mut app: App) -> Result<ExitCode> {
    tracing::info!("full screen");
    let reason = app::run(&mut app)?;
    tracing::info!("ended: {reason:?}");
    Ok(ExitCode::from(reason.exit_code()))
}

/// `roundtable generate`: into a database file only (its writes are batched in SQLite
/// transactions).
fn generate(db: &Db, args: &GenerateArgs) -> Result<ExitCode> {
    let Db::File(path) = db else {
        bail!("generate writes into a database file: pass --db PATH");
    };
    let sizes = app::generate::Sizes {
        circles: args.circles,
        roles: args.roles,
        people: args.people,
        meetings: args.meetings,
        entries: args.entries,
        years: args.years,
        seed: args.seed,
    };
    let mut store = Store::open(path)?;
    db.start_logging()?;
    let started = std::time::Instant::now();
    let made = app::generate::generate(&mut store, &sizes)?;
    say(&format!(
        "Generated into {} in {:.1} s:\n{made}",
        store.location(),
        started.elapsed().as_secs_f64()
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn run(cli: Cli) -> Result<ExitCode> {
    let db = database(&cli)?;
    match cli.command {
        None => {
            let store = db.open()?;
            db.start_logging()?;
            full_screen(App::on(store)?)
        }
        Some(Command::Export(ExportCommand::Minutes(args))) => {
            let store = db.open_read_only()?;
            let id = match (args.id, args.last) {
                (Some(id), false) => MeetingId(id),
                (None, true) => app::minutes::last(&*store, args.circle.as_deref())
                    .map_err(anyhow::Error::msg)?,
                _ => bail!(
                    "say which meeting: its number, or --last (with --circle NAME for one circle)"
                ),
            };
            let minutes = app::minutes::load(&*store, id).map_err(anyhow::Error::msg)?;
            let text = export::minutes(&minutes, args.format, chrono::Local::now().fixed_offset());
            write_output(
                &text,
                args.output,
                &export::minutes_file_name(&minutes, args.format),
                args.force,
            )
        }
        Some(Command::Export(ExportCommand::Org {
            format,
            output,
            force,
        })) => {
            let store = db.open_read_only()?;
            let org = store.load_organisation()?.with_context(|| {
                format!(
                    "{}: the database holds no organisation yet",
                    store.location()
                )
            })?;
            let text = export::org::render(&org, format).map_err(anyhow::Error::msg)?;
            let name =
                export::file::safe_file_name(&[org.name(), "organisation"], format.extension());
            write_output(&text, output, &name, force)
        }
        Some(Command::Review {
            person,
            print: false,
        }) => {
            let store = db.open()?;
            db.start_logging()?;
            let where_ = store.location();
            let mut app = App::on(store)?;
            app.open_review(&person)
                .map_err(|e| anyhow::anyhow!("{where_}: {e}"))?;
            full_screen(app)
        }
        Some(Command::Review {
            person,
            print: true,
        }) => {
            let store = db.open_read_only()?;
            let org = store.load_organisation()?.with_context(|| {
                format!(
                    "{}: the database holds no organisation yet",
                    store.location()
                )
            })?;
            let who = org
                .people()
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(person.trim()))
                .with_context(|| format!("no person named \"{person}\""))?;
            say(&roundtable::domain::review::overview(
                &org,
                who.id,
                chrono::Local::now().date_naive(),
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Meet { kind, circle }) => {
            let store = db.open()?;
            db.start_logging()?;
            let where_ = store.location();
            let mut app = App::on(store)?;
            app.open_meeting(&circle, kind)
                .map_err(|e| anyhow::anyhow!("{where_}: {e}"))?;
            full_screen(app)
        }
        Some(Command::Init(args)) => {
            let mut store = db.open()?;
            db.start_logging()?;
            if args.demo {
                setup::load_demo(&mut *store)?;
                say(&format!(
                    "Loaded the demo organisation into {}",
                    store.location()
                ))?;
            } else if let Some(name) = &args.name {
                setup::create_empty(
                    &mut *store,
                    name,
                    args.rule_set.unwrap_or(RuleSet::default()),
                )?;
                say(&format!(
                    "Started \"{}\" in {}",
                    name.trim(),
                    store.location()
                ))?;
            } else {
                bail!("say what to start: --demo, or --name NAME");
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Import { file }) => {
            // Read and check the file first: a file refused leaves no database behind.
            let org = setup::read_org_file(&file)?;
            let mut store = db.open()?;
            db.start_logging()?;
            store.import(&org)?;
            let name = store.organisation_name()?.unwrap_or_default();
            say(&format!(
                "Imported \"{name}\" from {} into {}",
                file.display(),
                store.location()
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Person(command)) => org_change(&db, |org| people_request(org, command)),
        Some(Command::Assign {
            role,
            person,
            focus,
            circle,
            actor,
        }) => org_change(&db, |org| {
            let role = org_entries::role(org, &role, circle.as_deref())?.id;
            let person = org_entries::person(org, &person)?;
            let request = OrgRequest::Assign {
                role,
                person,
                focus,
            };
            Ok((request, Some(org_entries::person(org, &actor)?)))
        }),
        Some(Command::Unassign {
            role,
            person,
            circle,
            actor,
        }) => org_change(&db, |org| {
            let role = org_entries::role(org, &role, circle.as_deref())?;
            let person = org_entries::person(org, &person)?;
            let assignment = org_entries::assignment(org, role, person)?;
            let request = OrgRequest::EndAssignment { assignment };
            Ok((request, Some(org_entries::person(org, &actor)?)))
        }),
        Some(Command::Undo) => org_change(&db, |_| Ok((OrgRequest::Undo, None))),
        Some(Command::Generate(args)) => generate(&db, &args),
        Some(Command::Org) => {
            let store = db.open_read_only()?;
            let org = store.load_organisation()?.with_context(|| {
                format!(
                    "{}: the database holds no organisation yet",
                    store.location()
                )
            })?;
            say(&outline(&org))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
