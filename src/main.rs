//! The `roundtable` binary: parses the command line, finds the database, and runs the command
//! or the full-screen program. Every error ends as one line on stderr and a non-zero exit.

use anyhow::{Context, Result, bail};
use clap::Parser;
use roundtable::app::{self, App, org_entries, setup};
use roundtable::cli::{Cli, Command, DbCommand, ExportCommand, GenerateArgs, error_line};
use roundtable::domain::MeetingId;
use roundtable::domain::outline::outline;
use roundtable::domain::text::printable;
use roundtable::export;
use roundtable::logging;
use roundtable::store::postgres::is_postgres_address;
use roundtable::store::prelude::*;
use roundtable::store::transfer::Transfer;
use roundtable::store::{PgStore, Store};
use roundtable::ui::PersonPick;
use std::io::Write;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
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

/// `path`, once it is said on standard error that opening it brings it up to date, when it
/// will: on a large file the migrations take seconds (about 7 s for migration 022 at a decade
/// of history), before anything else can be shown.
fn announced(path: &Path) -> &Path {
    let latest = roundtable::store::latest_schema();
    if let Ok(Some(version)) = Store::file_schema_version(path)
        && version > 0
        && version < latest
    {
        eprintln!(
            "Bringing {} up to date (schema {version} to {latest}); a large file takes a few seconds.",
            path.display()
        );
    }
    path
}

/// The PostgreSQL database at `address`, said on standard error first when opening it brings
/// it up to date (as `announced` for a file).
fn open_postgres(address: &str) -> Result<PgStore, roundtable::store::StoreError> {
    let target = roundtable::store::postgres::Target::parse(address)?;
    let shown = target.shown().to_string();
    let announce = Box::new(move |version: u32, latest: u32| {
        eprintln!(
            "Bringing {} up to date (schema {version} to {latest}); a large database takes a while.",
            printable(&shown)
        );
    });
    PgStore::open_announcing(target, announce)
}

/// Where the data lives: a SQLite file, or a PostgreSQL database.
enum Db {
    /// A SQLite file at this path.
    File(PathBuf),
    /// A PostgreSQL database at this `postgres://` address.
    Postgres(String),
}

impl Db {
    /// Opens the store for reading and writing (creating and migrating it as needed).
    fn open(&self) -> Result<Box<dyn Backend>> {
        Ok(match self {
            Db::File(path) => Box::new(Store::open(announced(path))?),
            Db::Postgres(address) => Box::new(open_postgres(address)?),
        })
    }

    /// Opens the store for the full-screen program: as `open`, a file's checks running beside
    /// the organisation's load (the app waits for both before its first frame).
    fn open_screen(&self) -> Result<Box<dyn Backend>> {
        Ok(match self {
            Db::File(path) => Box::new(Store::open_overlapped(announced(path))?),
            Db::Postgres(_) => self.open()?,
        })
    }

    /// Opens the store for copying from or into (created and migrated as needed).
    fn open_transfer(&self) -> Result<Box<dyn Transfer>> {
        Ok(match self {
            Db::File(path) => Box::new(Store::open(announced(path))?),
            Db::Postgres(address) => Box::new(open_postgres(address)?),
        })
    }

    /// Opens the store for reading (a file is opened read-only, its checks running beside
    /// the first reads; on PostgreSQL reading and writing go through one connection).
    fn open_read_only(&self) -> Result<Box<dyn Backend>> {
        Ok(match self {
            Db::File(path) => Box::new(Store::open_read_only_overlapped(path)?),
            Db::Postgres(_) => self.open()?,
        })
    }

    /// What `read` makes of the store opened for reading, answered only once the file's
    /// checks passed: a damaged file is reported as such (rather than as what reading it
    /// met), and nothing read from it is shown or written.
    fn reading<T>(&self, read: impl FnOnce(&dyn Backend) -> Result<T>) -> Result<T> {
        let mut store = self.open_read_only()?;
        let made = read(&*store);
        store.settle_checks()?;
        made
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
        Some(path) => Ok(place(path)),
        None => Ok(Db::File(default_database_path()?)),
    }
}

/// A `--db` value: a `postgres://` address, or a path.
fn place(path: &std::path::Path) -> Db {
    match path.to_str() {
        Some(text) if is_postgres_address(text) => Db::Postgres(text.to_string()),
        _ => Db::File(path.to_path_buf()),
    }
}

/// `db copy`: FROM TO, or FROM (default `--db`) with `--to TO`. A file the copy created is
/// removed again when the copy fails.
fn db_copy(db: Db, places: Vec<PathBuf>, to: Option<PathBuf>) -> Result<ExitCode> {
    let (from, to) = match (places.as_slice(), to) {
        ([], Some(to)) => (db, place(&to)),
        ([from], Some(to)) => (place(from), place(&to)),
        ([from, to], None) => (place(from), place(to)),
        _ => bail!("say where to copy: roundtable db copy FROM TO, or --db FROM db copy --to TO"),
    };
    let new_file = match &to {
        Db::File(path) => (!path.exists()).then(|| path.clone()),
        Db::Postgres(_) => None,
    };
    let source = from.open_transfer()?;
    from.start_logging()?;
    let copied = to.open_transfer().and_then(|mut target| {
        let checked =
            app::transfer::copy_checked(&*source, &mut *target).map_err(anyhow::Error::msg)?;
        Ok((checked, target.location()))
    });
    let (checked, into) = match copied {
        Ok(done) => done,
        Err(e) => {
            if let Some(path) = new_file {
                for suffix in ["", "-wal", "-shm"] {
                    let mut name = path.clone().into_os_string();
                    name.push(suffix);
                    let _ = std::fs::remove_file(name);
                }
            }
            return Err(e);
        }
    };
    say(&format!(
        "Copied {} into {}: {} rows in {} tables; the governance record and the minutes of all {} meetings read the same in both.",
        source.location(),
        into,
        checked.copied.rows,
        checked.copied.tables,
        checked.meetings
    ))?;
    Ok(ExitCode::SUCCESS)
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

/// The organisation `store` holds as read at start (see `Backend::load_organisation`).
fn organisation_of(store: &dyn Backend) -> Result<roundtable::domain::Organisation> {
    store
        .load_organisation()?
        .with_context(|| no_organisation(store))
}

/// The error line for a database that holds no organisation yet.
fn no_organisation(store: &dyn Backend) -> String {
    format!(
        "{}: the database holds no organisation yet",
        store.location()
    )
}

/// Records one change between meetings and says what it was; a refusal is an error line.
fn org_change(
    db: &Db,
    ask: impl FnOnce(&roundtable::domain::Organisation) -> Result<app::requests::Asked, String>,
) -> Result<ExitCode> {
    let mut store = db.open()?;
    db.start_logging()?;
    let mut org = organisation_of(&*store)?;
    let (request, actor) = ask(&org).map_err(anyhow::Error::msg)?;
    let roles = app::reports::of_request(&org, &request);
    app::reports::hold(&*store, &mut org, roles)?;
    let written = org_entries::record(store.as_mut(), &org, &request, actor, chrono::Utc::now())
        .map_err(anyhow::Error::msg)?;
    say(&roundtable::domain::text::sentence(&written.said))?;
    Ok(ExitCode::SUCCESS)
}

/// The full-screen program on `store`, recording `actor` (`--as NAME`) with its entries.
fn program(store: Box<dyn Backend>, actor: Option<&str>) -> Result<App> {
    on_app(App::on(store)?, actor)
}

/// As `program`, opening on home: its first screen drawn before the whole organisation is
/// read (`App::on_staged`).
fn program_on_home(store: Box<dyn Backend>, actor: Option<&str>) -> Result<App> {
    on_app(App::on_staged(store)?, actor)
}

/// The full-screen program `app`, recording `actor` with its entries.
fn on_app(mut app: App, actor: Option<&str>) -> Result<App> {
    app.set_actor(actor).map_err(anyhow::Error::msg)?;
    // Without a data directory nothing is remembered: `--as` still names who is there.
    if let Ok(beside) = default_database_path() {
        let file = beside.with_file_name("keyboard.json");
        app.remember_keyboard_in(&file, actor.is_some())
            .map_err(anyhow::Error::msg)?;
    }
    Ok(app)
}

/// Runs the full-screen program until it ends.
fn full_screen(mut app: App) -> Result<ExitCode> {
    tracing::info!("full screen");
    let reason = app::run(&mut app)?;
    tracing::info!("ended: {reason:?}");
    Ok(ExitCode::from(reason.exit_code()))
}

/// `review` and `work`: the person's review or "My work" full screen, or (`print`) the
/// overview of their roles and lists as text.
fn for_person(
    db: &Db,
    actor: Option<&str>,
    (person, print): (&str, bool),
    pick: PersonPick,
) -> Result<ExitCode> {
    if !print {
        let store = db.open_screen()?;
        db.start_logging()?;
        let where_ = store.location();
        let mut app = program(store, actor)?;
        app.open_for_person(person, pick)
            .map_err(|e| anyhow::anyhow!("{where_}: {e}"))?;
        return full_screen(app);
    }
    let overview = db.reading(|store| {
        let mut org = organisation_of(store)?;
        let who = roundtable::app::org_entries::person(&org, person).map_err(anyhow::Error::msg)?;
        // What is due depends on what the person's roles reported already.
        let roles = app::reports::of_person(&org, who);
        app::reports::hold(store, &mut org, roles)?;
        Ok(roundtable::domain::review::overview(
            &org,
            who,
            chrono::Local::now().date_naive(),
        ))
    })?;
    say(&overview)?;
    Ok(ExitCode::SUCCESS)
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

/// `export minutes --circle NAME --since DATE`: every ended meeting of the circle from that
/// day, each in every format asked, into one directory, all files or none; two meetings of
/// one day and kind are told apart by their number.
fn export_minutes_between(db: &Db, args: roundtable::cli::MinutesArgs) -> Result<ExitCode> {
    let (Some(circle), Some(since)) = (args.circle.as_deref(), args.since) else {
        bail!("--since goes with --circle NAME");
    };
    let dir = args.output.unwrap_or_else(|| PathBuf::from("."));
    if dir.as_os_str() == "-" || !dir.is_dir() {
        bail!(
            "{}: not a directory (-o names where the files go)",
            dir.display()
        );
    }
    let (meetings, files) = db.reading(|store| {
        let all = app::minutes::of_circle_between(store, circle, since, args.until)
            .map_err(anyhow::Error::msg)?;
        let now = chrono::Local::now().fixed_offset();
        let mut files: Vec<(String, String)> = Vec::new();
        for minutes in &all {
            for &format in &args.format {
                let mut name = export::minutes_file_name(minutes, format);
                if files.iter().any(|(n, _)| *n == name) {
                    let (stem, ext) = name.rsplit_once('.').unwrap_or((&name, ""));
                    name = format!("{stem}-{}.{ext}", minutes.meeting);
                }
                files.push((name, export::minutes(minutes, format, now)));
            }
        }
        Ok((all.len(), files))
    })?;
    export::file::write_all_atomic(&dir, &files, args.force)?;
    say(&format!(
        "Wrote {} files ({meetings} meetings of {circle}, {} formats) into {}",
        files.len(),
        args.format.len(),
        dir.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// `export minutes` and `export org`: read-only, to standard output or a file.
fn export_command(db: &Db, command: ExportCommand) -> Result<ExitCode> {
    match command {
        ExportCommand::Minutes(args) if args.since.is_some() => export_minutes_between(db, args),
        ExportCommand::Minutes(args) => {
            let [format] = args.format[..] else {
                bail!(
                    "one meeting is written in one format: for several, use --circle NAME --since DATE"
                );
            };
            let (text, name) = db.reading(|store| {
                let id = match (args.id, args.last) {
                    (Some(id), false) => MeetingId(id),
                    (None, true) => app::minutes::last(store, args.circle.as_deref())
                        .map_err(anyhow::Error::msg)?,
                    _ => bail!(
                        "say which meeting: its number, --last (with --circle NAME for one circle), or --circle NAME --since DATE"
                    ),
                };
                let minutes = app::minutes::load(store, id).map_err(anyhow::Error::msg)?;
                let now = chrono::Local::now().fixed_offset();
                Ok((
                    export::minutes(&minutes, format, now),
                    export::minutes_file_name(&minutes, format),
                ))
            })?;
            write_output(&text, args.output, &name, args.force)
        }
        ExportCommand::Org {
            format,
            output,
            force,
        } => {
            let (text, name) = db.reading(|store| {
                let org = store
                    .load_whole_organisation()?
                    .with_context(|| no_organisation(store))?;
                let rulings = roundtable::app::minutes::published_rulings(store, &org)
                    .map_err(anyhow::Error::msg)?;
                let text =
                    export::org::render(&org, &rulings, format).map_err(anyhow::Error::msg)?;
                let name =
                    export::file::safe_file_name(&[org.name(), "organisation"], format.extension());
                Ok((text, name))
            })?;
            write_output(&text, output, &name, force)
        }
    }
}

/// `init --demo` or `init --name NAME`.
fn init(db: &Db, args: &roundtable::cli::InitArgs) -> Result<ExitCode> {
    let mut store = db.open()?;
    db.start_logging()?;
    if args.demo {
        setup::load_demo(&mut *store)?;
        say(&format!(
            "Loaded the demo organisation into {}",
            store.location()
        ))?;
    } else if let Some(name) = &args.name {
        setup::create_empty(&mut *store, name, args.rule_set.unwrap_or_default())?;
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

/// `import FILE`: the organisation file adopted, all or nothing.
fn import(db: &Db, file: &std::path::Path) -> Result<ExitCode> {
    // Read and check the file first: a file refused leaves no database behind.
    let org = setup::read_org_file(file)?;
    let mut store = db.open()?;
    db.start_logging()?;
    store.adopt(
        &org,
        &roundtable::store::Adopted::from_file(file, chrono::Utc::now()),
    )?;
    let name = store.organisation_name()?.unwrap_or_default();
    say(&format!(
        "Imported \"{name}\" from {} into {}",
        file.display(),
        store.location()
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn run(cli: Cli) -> Result<ExitCode> {
    let db = database(&cli)?;
    let actor = cli.actor.clone();
    match cli.command {
        None => {
            let store = db.open_screen()?;
            db.start_logging()?;
            full_screen(program_on_home(store, actor.as_deref())?)
        }
        Some(Command::Export(command)) => export_command(&db, command),
        Some(Command::Review { person, print }) => {
            for_person(&db, actor.as_deref(), (&person, print), PersonPick::Review)
        }
        Some(Command::Work { person, print }) => {
            for_person(&db, actor.as_deref(), (&person, print), PersonPick::Work)
        }
        Some(Command::Meet { kind, circle }) => {
            let store = db.open_screen()?;
            db.start_logging()?;
            let where_ = store.location();
            let mut app = program(store, actor.as_deref())?;
            app.open_meeting(&circle, kind)
                .map_err(|e| anyhow::anyhow!("{where_}: {e}"))?;
            full_screen(app)
        }
        Some(Command::Init(args)) => init(&db, &args),
        Some(Command::Import { file }) => import(&db, &file),
        Some(Command::Db(DbCommand::Copy { places, to })) => db_copy(db, places, to),
        Some(Command::Follow {
            circle,
            presentation,
        }) => {
            let store = db.open_screen()?;
            db.start_logging()?;
            let where_ = store.location();
            let mut app = program(store, actor.as_deref())?;
            app.follow_meeting(&circle, presentation)
                .map_err(|e| anyhow::anyhow!("{where_}: {e}"))?;
            full_screen(app)
        }
        Some(Command::Generate(args)) => generate(&db, &args),
        Some(Command::Org) => {
            let outlined = db.reading(|store| Ok(outline(&organisation_of(store)?)))?;
            say(&outlined)?;
            Ok(ExitCode::SUCCESS)
        }
        // The changes between meetings: person, assign, unassign, checklist, metric,
        // declare, restore, undo.
        Some(command) => org_change(&db, |org| {
            app::requests::asked(org, command, actor.as_deref())
        }),
    }
}
