//! The governance record exported: the organisation file as TOML (the import format), as
//! JSON (the same structure), and as a Markdown handbook of every circle, role, policy and
//! filler. A role's checklist items and metrics are in every format, marked operational
//! (not governance), as issue #15 asks: they are the role's, not the circle's governance.
//!
//! Owns: those three renderings. Must not import: rusqlite, ratatui, tokio.

use super::markdown;
use crate::domain::document::Block;
use crate::domain::minutes::PublishedRuling;
use crate::domain::org_file_of::org_file;
use crate::domain::{Circle, CoreRole, Frequency, Organisation, Role};
use std::fmt;
use std::str::FromStr;

/// The formats the organisation exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgFormat {
    /// The organisation file (`toml`), the format an import reads.
    Toml,
    /// A handbook (`md`) of every circle, role, policy and filler, with the published rulings.
    Markdown,
    /// The organisation file's structure as JSON (`json`), with the published rulings.
    Json,
}

impl OrgFormat {
    pub const ALL: [OrgFormat; 3] = [OrgFormat::Toml, OrgFormat::Markdown, OrgFormat::Json];

    pub fn extension(self) -> &'static str {
        match self {
            OrgFormat::Toml => "toml",
            OrgFormat::Markdown => "md",
            OrgFormat::Json => "json",
        }
    }
}

impl fmt::Display for OrgFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

impl FromStr for OrgFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        OrgFormat::ALL
            .into_iter()
            .find(|f| f.extension() == s)
            .ok_or_else(|| format!("unknown format \"{s}\" (toml, md or json)"))
    }
}

/// TOML values as JSON, dates as ISO 8601 strings.
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => s.into(),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => {
            serde_json::Number::from_f64(f).map_or(serde_json::Value::Null, Into::into)
        }
        toml::Value::Boolean(b) => b.into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(items) => items.into_iter().map(toml_to_json).collect(),
        toml::Value::Table(table) => table
            .into_iter()
            .map(|(k, v)| (k, toml_to_json(v)))
            .collect(),
    }
}

/// The organisation in `format`, with the Secretaries' published rulings (oldest first). The
/// TOML is the import format and leaves them out: they are read from the meetings' logs.
pub fn render(
    org: &Organisation,
    rulings: &[PublishedRuling],
    format: OrgFormat,
) -> Result<String, String> {
    let file = org_file(org);
    let toml = file
        .to_toml()
        .map_err(|e| format!("the organisation cannot be written as TOML: {e}"))?;
    match format {
        OrgFormat::Toml => Ok(marked_toml(&toml)),
        OrgFormat::Json => {
            let value: toml::Value = toml::from_str(&toml).map_err(|e| e.to_string())?;
            let mut json = toml_to_json(value);
            mark_json(&mut json);
            if let (Some(object), false) = (json.as_object_mut(), rulings.is_empty()) {
                // Serialising plain records cannot fail.
                let rulings = serde_json::to_value(rulings).unwrap_or_default();
                object.insert("interpretations".into(), rulings);
            }
            // Serialising plain JSON values cannot fail.
            Ok(serde_json::to_string_pretty(&json).unwrap_or_default() + "\n")
        }
        OrgFormat::Markdown => Ok(markdown::render(&handbook(org, rulings))),
    }
}

/// How checklist items and metrics are marked in every format of the record.
pub const OPERATIONAL: &str = "operational (not governance)";

/// The TOML with a comment over each checklist item and metric table (comments are not read
/// back, so the file imports the same). Lines inside a multi-line string are left alone.
fn marked_toml(toml: &str) -> String {
    let mut out = String::with_capacity(toml.len() + 256);
    let mut in_string = false;
    for line in toml.split_inclusive('\n') {
        let header = line.trim_end();
        let operational = header.starts_with("[[")
            && (header.ends_with(".checklist]]") || header.ends_with(".metrics]]"));
        if operational && !in_string {
            out.push_str(&format!("# {OPERATIONAL}\n"));
        }
        if (line.matches("\"\"\"").count() + line.matches("'''").count()) % 2 == 1 {
            in_string = !in_string;
        }
        out.push_str(line);
    }
    out
}

/// Marks each role (of every circle, at any depth) that has checklist items or metrics with
/// `"operational": "operational (not governance)"`, beside them.
fn mark_json(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(object) => {
            if object.contains_key("checklist") || object.contains_key("metrics") {
                object.insert("operational".into(), OPERATIONAL.into());
            }
            object.values_mut().for_each(mark_json);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(mark_json),
        _ => {}
    }
}

fn every(frequency: Frequency) -> &'static str {
    match frequency {
        Frequency::Weekly => "weekly",
        Frequency::Monthly => "monthly",
        Frequency::Quarterly => "quarterly",
    }
}

/// A role's checklist items and metrics in the handbook, each list headed as operational.
fn operational_blocks(org: &Organisation, role: &Role) -> Vec<Block> {
    let checklist: Vec<String> = org
        .checklist_of(role.id)
        .map(|c| format!("{} ({})", c.text, every(c.frequency)))
        .collect();
    let metrics: Vec<String> = org
        .metrics_of(role.id)
        .map(|m| match &m.unit {
            Some(unit) => format!("{} ({unit}, {})", m.name, every(m.frequency)),
            None => format!("{} ({})", m.name, every(m.frequency)),
        })
        .collect();
    let mut blocks = Vec::new();
    for (what, list) in [("Checklist items", checklist), ("Metrics", metrics)] {
        if !list.is_empty() {
            blocks.push(Block::Paragraph(format!("{what}, {OPERATIONAL}:")));
            blocks.push(Block::Bullets(list));
        }
    }
    blocks
}

/// "Riverbend › Bakehouse": a circle's place in the organisation.
fn path(org: &Organisation, circle: &Circle) -> String {
    let mut names = vec![circle.name.clone()];
    let mut parent = circle.parent;
    while let Some(p) = parent.and_then(|id| org.circle(id)) {
        names.push(p.name.clone());
        parent = p.parent;
    }
    names.reverse();
    names.join(" › ")
}

/// Every circle with its purpose, policies, published rulings and roles, and every role with
/// its fillers.
fn handbook(org: &Organisation, rulings: &[PublishedRuling]) -> Vec<Block> {
    let mut doc = vec![
        Block::Title(format!("{}: governance record", org.name())),
        Block::Subtitle(format!("Rule set {}", org.rule_set())),
    ];
    for (circle, _) in org.circles_depth_first() {
        circle_blocks(&mut doc, org, circle, rulings);
        for role in org.roles_in(circle.id) {
            role_blocks(&mut doc, org, circle, role);
        }
    }
    doc
}

/// A circle's heading (its path from the anchor circle), definition, policies and the
/// Secretary's rulings published in it.
fn circle_blocks(
    doc: &mut Vec<Block>,
    org: &Organisation,
    circle: &Circle,
    rulings: &[PublishedRuling],
) {
    doc.push(Block::Heading(path(org, circle)));
    let mut facts = vec![("Purpose".to_string(), or_none(&circle.purpose))];
    if !circle.domains.is_empty() {
        facts.push(("Domains".into(), circle.domains.join("; ")));
    }
    if let Some(strategy) = &circle.strategy {
        facts.push(("Strategy".into(), strategy.clone()));
    }
    doc.push(Block::Facts(facts));
    if !circle.accountabilities.is_empty() {
        doc.push(Block::Bullets(circle.accountabilities.clone()));
    }
    let policies: Vec<String> = org
        .policies_of(circle.id)
        .map(|p| org.policy_line(p))
        .collect();
    if !policies.is_empty() {
        doc.push(Block::Paragraph("Policies:".into()));
        doc.push(Block::Bullets(policies));
    }
    let published: Vec<String> = rulings
        .iter()
        .filter(|r| r.circle == circle.name)
        .map(PublishedRuling::text)
        .collect();
    if !published.is_empty() {
        let article = org.rule_set().rules().rulings_published;
        doc.push(Block::Paragraph(format!(
            "Interpretations (the Secretary's rulings, {article}):"
        )));
        doc.push(Block::Bullets(published));
    }
}

/// A role of `circle`: its heading, definition, who fills it, and its operational records.
fn role_blocks(doc: &mut Vec<Block>, org: &Organisation, circle: &Circle, role: &Role) {
    let core = if role.core.is_some() {
        " (core role)"
    } else {
        ""
    };
    doc.push(Block::Subheading(format!("{}{core}", role.name)));
    let fillers: Vec<String> = org
        .fillers_of(role.id)
        .map(|a| {
            let mut s = org.person_name(a.person).to_string();
            if let Some(focus) = &a.focus {
                s.push_str(&format!(" (focus: {focus})"));
            }
            if let Some(end) = a.term_end {
                s.push_str(&format!(" (term ends {end})"));
            }
            s
        })
        .collect();
    let mut facts = vec![("Purpose".to_string(), or_none(&role.purpose))];
    if let Some(link) = org.cross_link(role.id) {
        let from = org.linked_entity_name(&link.from);
        facts.push(("Cross Link (4.1 §2.7) from".into(), from));
    }
    if !role.domains.is_empty() {
        facts.push(("Domains".into(), role.domains.join("; ")));
    }
    let filled = if fillers.is_empty() {
        "(unfilled)".to_string()
    } else {
        fillers.join(", ")
    };
    facts.push(("Filled by".into(), filled));
    doc.push(Block::Facts(facts));
    if !role.accountabilities.is_empty() {
        doc.push(Block::Bullets(role.accountabilities.clone()));
    }
    if role.core == Some(CoreRole::Lead) && circle.parent.is_some() {
        doc.push(Block::Empty("Appointed by the super-circle.".into()));
    }
    doc.extend(operational_blocks(org, role));
}

fn or_none(text: &str) -> String {
    if text.is_empty() {
        "(none yet)".into()
    } else {
        text.to_string()
    }
}
