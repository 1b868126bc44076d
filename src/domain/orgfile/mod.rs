//! The human-editable TOML file that describes a whole organisation.
//!
//! Owns: the file's types (read by import, written by export) and parsing with line and
//! column in errors (invalid UTF-8 and too deep nesting included); the cleaning of every text
//! (`clean`) and the validation that finds every unknown name before anything is written
//! (`validate`, `former`, `depth`, `cross_links`) are its submodules.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs.

mod clean;
mod cross_links;
mod depth;
mod former;
mod validate;

pub use cross_links::CrossLinkEntry;
pub use depth::MAX_CIRCLE_DEPTH;

use super::names::same_name;
use super::org::{Frequency, ProjectStatus, TensionKind};
use super::ruleset::{CoreRole, RuleSet};
use super::text::clean_line;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use toml::value::Datetime;

/// A whole organisation: its name, rule set, people, and the anchor circle with everything
/// nested inside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgFile {
    pub name: String,
    #[serde(default)]
    pub rule_set: RuleSet,
    #[serde(default)]
    pub people: Vec<PersonEntry>,
    /// Who adopted the constitution with this structure (5.0 §1.3.3; 4.1 Art. V), among the
    /// people: named in the adoption entry the import records.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ratifiers: Vec<String>,
    /// The anchor circle.
    pub circle: CircleEntry,
}

/// A person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonEntry {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The day a former member left: kept for the history, filling no role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<Datetime>,
}

/// A circle with its roles, policies, tensions and sub-circles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CircleEntry {
    pub name: String,
    #[serde(default)]
    pub purpose: String,
    /// A sub-circle's domains and accountabilities, as a role of its super-circle has them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accountabilities: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policies: Vec<PolicyEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tensions: Vec<TensionEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub circles: Vec<CircleEntry>,
}

/// A role. An entry named like a core role (for example "Facilitator") fills in that core
/// role: it may add fillers, domains, accountabilities and operational items, but its purpose
/// comes from the rule set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleEntry {
    pub name: String,
    #[serde(default)]
    pub purpose: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accountabilities: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fillers: Vec<FillerEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checklist: Vec<ChecklistEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metrics: Vec<MetricEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<ProjectEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub next_actions: Vec<NextActionEntry>,
    /// Set on a Cross Link Role (4.1 §2.7): where it comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cross_link: Option<CrossLinkEntry>,
}

/// A person filling a role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FillerEntry {
    pub person: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_end: Option<Datetime>,
}

/// A policy of a circle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyEntry {
    pub name: String,
    pub text: String,
    /// The role of the circle that holds it (5.0 §1.1), if not the circle itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// A checklist item of a role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistEntry {
    pub text: String,
    pub frequency: Frequency,
}

/// A metric of a role, with optional past values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricEntry {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub frequency: Frequency,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<MetricValueEntry>,
}

/// One past value of a metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricValueEntry {
    pub date: Datetime,
    pub value: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A project of a role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectEntry {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    #[serde(default)]
    pub status: ProjectStatus,
}

/// A next action of a role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NextActionEntry {
    pub text: String,
    pub person: String,
    #[serde(default)]
    pub done: bool,
}

/// A tension noted for a circle's next meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TensionEntry {
    pub person: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    pub text: String,
    pub kind: TensionKind,
}

/// Why an organisation file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrgFileError {
    /// The text is not valid TOML, or does not have the file's shape.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// The file is well formed but names something that does not exist or repeats a name.
    Invalid(String),
}

impl fmt::Display for OrgFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OrgFileError::Syntax {
                line,
                column,
                message,
            } => {
                write!(f, "line {line}, column {column}: {}", clean_line(message))
            }
            OrgFileError::Invalid(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for OrgFileError {}

/// The 1-based line and column of a byte offset in a text.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// A TOML date as a calendar date; times and offsets are refused.
pub fn to_date(value: &Datetime) -> Option<NaiveDate> {
    match (value.date, value.time, value.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
        }
        _ => None,
    }
}

/// A calendar date as a TOML date.
pub fn from_date(date: NaiveDate) -> Datetime {
    use chrono::Datelike;
    Datetime {
        date: Some(toml::value::Date {
            // Years of chrono dates made from TOML or the store fit in u16 (0..=9999).
            year: u16::try_from(date.year()).unwrap_or(0),
            month: date.month() as u8,
            day: date.day() as u8,
        }),
        time: None,
        offset: None,
    }
}

/// Stack for parsing, cleaning and validating a file: a file nested [`MAX_CIRCLE_DEPTH`]
/// levels deep needs several megabytes in a debug build, more than a test thread has. Only
/// the pages used are ever touched.
const PARSE_STACK_BYTES: usize = 256 << 20;

/// Runs `work` on a thread with a [`PARSE_STACK_BYTES`] stack and waits for it; the error is
/// the thread failing to start. A panic in `work` goes on in the caller.
fn on_deep_stack<T: Send>(work: impl FnOnce() -> T + Send) -> std::io::Result<T> {
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("org file".into())
            .stack_size(PARSE_STACK_BYTES)
            .spawn_scoped(scope, work)?;
        Ok(worker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })
}

impl OrgFile {
    /// Parses, cleans and validates an organisation file read as bytes: text that is not
    /// UTF-8 is refused with the line and column of its first bad byte.
    pub fn parse_bytes(bytes: &[u8]) -> Result<OrgFile, OrgFileError> {
        match std::str::from_utf8(bytes) {
            Ok(text) => OrgFile::parse(text),
            Err(e) => {
                let good = &bytes[..e.valid_up_to()];
                // Everything before `valid_up_to` is valid UTF-8 by definition.
                let before = std::str::from_utf8(good).unwrap_or_default();
                let (line, column) = line_and_column(before, before.len());
                Err(OrgFileError::Syntax {
                    line,
                    column,
                    message: "not UTF-8 text (save the file as UTF-8)".into(),
                })
            }
        }
    }

    /// Parses, cleans and validates an organisation file. The work runs on a thread of its
    /// own with a large stack, after a check that the nesting is within the limits, so no
    /// file can overflow the stack.
    pub fn parse(text: &str) -> Result<OrgFile, OrgFileError> {
        on_deep_stack(|| OrgFile::parse_here(text)).unwrap_or_else(|e| {
            Err(OrgFileError::Invalid(format!(
                "could not start reading the file: {e}"
            )))
        })
    }

    fn parse_here(text: &str) -> Result<OrgFile, OrgFileError> {
        depth::check_nesting(text)?;
        let mut file: OrgFile = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((1, 1), |s| line_and_column(text, s.start));
            OrgFileError::Syntax {
                line,
                column,
                message: e.message().to_string(),
            }
        })?;
        depth::check_circle_depth(&file.circle)?;
        file.clean();
        file.validate()?;
        Ok(file)
    }

    /// Writes the file as TOML text (on a large stack, as deep circles nest deep tables).
    pub fn to_toml(&self) -> Result<String, toml::ser::Error> {
        on_deep_stack(|| toml::to_string_pretty(self))
            .unwrap_or_else(|e| Err(serde::ser::Error::custom(e)))
    }

    /// The file as built in memory (by the adoption screens), cleaned and checked exactly as
    /// a file read from disk is.
    pub fn checked(mut self) -> Result<OrgFile, OrgFileError> {
        depth::check_circle_depth(&self.circle)?;
        self.clean();
        self.validate()?;
        Ok(self)
    }
}

impl CircleEntry {
    /// Whether one of the circle's policies gives it a Lead where the rule set gives an
    /// anchor circle none by default (5.0 §1.4 "unless a Policy of the Circle says
    /// otherwise"). Only asked of the anchor circle.
    pub fn lead_by_policy(&self, rules: RuleSet) -> bool {
        self.policies
            .iter()
            .any(|p| rules.rules().policy_gives_anchor_a_lead(&p.text))
    }

    /// Whether the file lists the circle's Lead among its roles.
    pub fn lists_lead(&self, rules: RuleSet) -> bool {
        let lead = CoreRole::Lead.name(rules);
        self.roles.iter().any(|r| same_name(&r.name, lead))
    }

    /// Whether the circle has a Lead, asked of the anchor circle where the rule set gives it
    /// none by default (5.0 §1.4): a policy says so, or the file lists one (an older file,
    /// or the ratifiers' initial structure, §1.3.3; the import then records the policy).
    pub fn has_lead(&self, rules: RuleSet) -> bool {
        self.lead_by_policy(rules) || self.lists_lead(rules)
    }

    /// A circle with a name and nothing else yet.
    pub fn named(name: &str) -> CircleEntry {
        CircleEntry {
            name: name.to_string(),
            purpose: String::new(),
            domains: vec![],
            accountabilities: vec![],
            strategy: None,
            roles: vec![],
            policies: vec![],
            tensions: vec![],
            circles: vec![],
        }
    }
}

#[cfg(test)]
mod tests;
