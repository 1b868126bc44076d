//! The text of the browser's detail pane: everything about one circle or one role.
//!
//! Owns: which facts are shown and in what order, the number format, inline sparklines and
//! checklist answer histories (shared with the meeting and review screens).
//! Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::fillers::{assignment_history, fillers, first_fillers};
use super::theme;
use super::wrap::wrap;
use crate::domain::meeting::periods::{answers_up_to, dated_answers};
use crate::domain::org::Frequency;
use crate::domain::{ChecklistItem, Circle, CircleId, CoreRole, Organisation, RecordVersion, Role};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// How many recent values of a metric are shown.
const RECENT_VALUES: usize = 8;
/// How many periods of a checklist item's answers the details show.
const RECENT_ANSWERS: usize = 4;

pub use crate::domain::text::format_number;

/// A checklist item's answers before the period being answered, dated, with the gaps:
/// "Before: 26 Oct ✓  2 Nov ·  9 Nov ✗  16 Nov ✓  (· not answered)". The tactical
/// checklist and the solo review show it. Narrower than `width` by leaving out the legend,
/// then the oldest periods: the latest are the ones that matter.
pub fn answers_line(
    frequency: Frequency,
    answers: &[(chrono::NaiveDate, Option<bool>)],
    width: usize,
) -> Line<'static> {
    use unicode_width::UnicodeWidthStr;
    const BEFORE: &str = "Before: ";
    const LEGEND: &str = "  (· not answered)";
    let mut said = dated_answers(frequency, answers);
    let wide = |said: &[String]| BEFORE.width() + said.join("  ").width();
    let legend = wide(&said) + LEGEND.width() <= width;
    while said.len() > 1 && wide(&said) > width {
        said.remove(0);
    }
    let mut spans = vec![
        Span::styled(BEFORE, theme::muted()),
        Span::styled(said.join("  "), theme::strong()),
    ];
    if legend {
        spans.push(Span::styled(LEGEND, theme::muted()));
    }
    Line::from(spans)
}

/// A row of block characters, one per value, scaled between the smallest and largest.
pub fn sparkline(values: &[f64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let (lo, hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        });
    values
        .iter()
        .map(|v| {
            let level = if hi > lo {
                ((v - lo) / (hi - lo) * 7.0).round() as usize
            } else {
                3
            };
            BARS[level.min(7)]
        })
        .collect()
}

/// Lines of the detail pane, wrapped to its width as they are added, down to `limit`: what
/// lies below is not formatted or wrapped at all, so a circle with a
/// decade of governance costs a frame what a screenful does.
struct Doc {
    width: usize,
    limit: usize,
    lines: Vec<Line<'static>>,
}

impl Doc {
    fn new(width: usize, limit: usize) -> Doc {
        Doc {
            width,
            limit,
            lines: Vec::new(),
        }
    }

    /// Whether the limit is reached: nothing more is built.
    fn full(&self) -> bool {
        self.lines.len() >= self.limit
    }

    /// How many more lines are built.
    fn room(&self) -> usize {
        self.limit.saturating_sub(self.lines.len())
    }

    fn push(&mut self, line: Line<'static>) {
        if !self.full() {
            self.lines.push(line);
        }
    }

    /// `text` wrapped, its later paragraphs (a policy of two) indented under the first line
    /// rather than each made an item of its own.
    fn wrapped(&mut self, text: &str, first: &str, rest: &str, style: Style) {
        if self.full() {
            return;
        }
        for line in wrap(text, self.width, first, rest) {
            self.push(Line::styled(line, style));
        }
    }

    fn text(&mut self, text: &str, style: Style) {
        self.wrapped(text, "", "", style);
    }

    fn purpose(&mut self, purpose: &str) {
        self.section("Purpose");
        let text = if purpose.is_empty() {
            "(none yet)"
        } else {
            purpose
        };
        self.text(text, Style::new());
    }

    fn section(&mut self, title: &str) {
        self.push(Line::raw(""));
        self.text(title, theme::heading());
    }

    fn bullet(&mut self, text: &str) {
        self.wrapped(text, "  • ", "    ", Style::new());
    }

    fn note(&mut self, text: &str) {
        self.wrapped(text, "    ", "    ", theme::muted());
    }

    /// A section of bullets, or a muted line saying there are none (`empty`; no section at
    /// all when that is ""). The items are made only as far as the limit reaches.
    fn bullets<S: AsRef<str>>(
        &mut self,
        title: &str,
        items: impl IntoIterator<Item = S>,
        empty: &str,
    ) {
        let mut items = items.into_iter().peekable();
        if items.peek().is_none() && empty.is_empty() {
            return;
        }
        self.section(title);
        if items.peek().is_none() {
            self.wrapped(empty, "  ", "  ", theme::muted());
        }
        for item in items {
            if self.full() {
                return;
            }
            self.bullet(item.as_ref());
        }
    }
}

/// A circle's policies, one line each.
fn policies(org: &Organisation, circle: CircleId) -> impl Iterator<Item = String> {
    org.policies_of(circle).map(|p| org.policy_line(p))
}

/// What a version changed from the one before it, in a few words.
pub fn version_change(
    org: &Organisation,
    previous: Option<&RecordVersion>,
    v: &RecordVersion,
) -> String {
    // An expansion or a collapse writes a role and a sub-circle of one name, one removed.
    match (org.counterpart(v).is_some(), v.role.is_some(), v.removed) {
        (true, true, true) => return "expanded into a sub-circle".into(),
        (true, false, false) => return "created from the role of the same name".into(),
        (true, false, true) => return "collapsed into a role".into(),
        (true, true, false) => return "created from the sub-circle of the same name".into(),
        _ => {}
    }
    let Some(p) = previous else {
        return if v.removed {
            "removed".into()
        } else {
            "created".into()
        };
    };
    if v.removed && !p.removed {
        return "removed".into();
    }
    // An expanded role moves into its new sub-circle of its own name as the Lead.
    let sub = org
        .circle(v.circle)
        .filter(|c| v.role.is_some() && c.parent == Some(p.circle) && c.name == p.name);
    if let Some(sub) = sub {
        return format!(
            "expanded into the sub-circle {}, whose Lead it now is",
            sub.name
        );
    }
    let mut parts = Vec::new();
    if p.name != v.name {
        parts.push(format!("renamed from {}", p.name));
    }
    if p.text != v.text {
        parts.push(format!(
            "{} now \"{}\"",
            if v.policy.is_some() {
                "text"
            } else {
                "purpose"
            },
            v.text
        ));
    }
    let added: Vec<&String> = v
        .accountabilities
        .iter()
        .filter(|a| !p.accountabilities.contains(a))
        .collect();
    let dropped: Vec<&String> = p
        .accountabilities
        .iter()
        .filter(|a| !v.accountabilities.contains(a))
        .collect();
    parts.extend(added.iter().map(|a| format!("+ {a}")));
    parts.extend(dropped.iter().map(|a| format!("− {a}")));
    if p.domains != v.domains {
        parts.push(format!("domains now {}", v.domains.join("; ")));
    }
    if p.circle != v.circle {
        parts.push(format!(
            "moved to {}",
            org.circle(v.circle).map_or("?", |c| c.name.as_str())
        ));
    }
    if parts.is_empty() {
        "unchanged".into()
    } else {
        parts.join("; ")
    }
}

/// "2026-11-24 · meeting 3 · proposal “Waste”": when and where a version was adopted (or
/// "· migration 011: …" for one a schema migration wrote).
fn version_source(v: &RecordVersion) -> String {
    let meeting = v
        .meeting
        .map_or(String::new(), |m| format!(" · meeting {}", m.0));
    let proposal = v
        .proposal
        .as_ref()
        .map_or(String::new(), |p| format!(" · proposal “{p}”"));
    let migration = v
        .migration
        .as_ref()
        .map_or(String::new(), |m| format!(" · migration {m}"));
    let by = v
        .recorded_by
        .as_ref()
        .map_or(String::new(), |name| format!(" · recorded by {name}"));
    format!(
        "{}{meeting}{proposal}{migration}{by}",
        v.recorded_at.format("%Y-%m-%d")
    )
}

/// Everything about a circle, wrapped to `width` columns, from the top down to `limit` lines
/// (what lies below is not built).
pub fn circle_lines(
    org: &Organisation,
    circle: &Circle,
    width: usize,
    limit: usize,
) -> Vec<Line<'static>> {
    let mut doc = Doc::new(width, limit);
    doc.text(&circle.name, theme::strong());
    match circle.parent.and_then(|p| org.circle(p)) {
        Some(parent) => doc.text(&format!("sub-circle of {}", parent.name), theme::muted()),
        None => doc.text("anchor circle", theme::muted()),
    }
    doc.purpose(&circle.purpose);
    doc.bullets("Domains", &circle.domains, "");
    doc.bullets("Accountabilities", &circle.accountabilities, "");
    if let Some(strategy) = &circle.strategy {
        doc.section("Strategy");
        doc.text(strategy, Style::new());
    }
    doc.bullets("Core roles", core_roles(org, circle.id), "none");
    let links = org
        .cross_links_into(circle.id)
        .into_iter()
        .map(|(role, _)| format!("{}: {}", role.name, fillers(org, role.id).join(", ")));
    doc.bullets("Cross Links (4.1 §2.7)", links, "");
    let members = org.members_of(circle.id);
    let members = members.iter().map(|p| &p.name);
    doc.bullets("Members", members, "nobody fills a role here yet");
    let subs = org.sub_circles(Some(circle.id)).map(|c| &c.name);
    doc.bullets("Sub-circles", subs, "");
    doc.bullets("Policies", policies(org, circle.id), "no policies");
    circle_tensions(&mut doc, org, circle.id);
    doc.bullets(
        "Governance log, newest first",
        governance_log(org, circle),
        "no governed changes yet",
    );
    doc.lines
}

/// A circle's core roles and who fills each: "Circle Lead: Ana Silva", "(unfilled)".
fn core_roles(org: &Organisation, circle: CircleId) -> Vec<String> {
    let rules = org.rule_set();
    CoreRole::ALL
        .iter()
        .filter_map(|&c| org.core_role(circle, c).map(|r| (c, r)))
        .map(|(c, role)| {
            let who = fillers(org, role.id);
            let who = if who.is_empty() {
                "(unfilled)".to_string()
            } else {
                who.join(", ")
            };
            format!("{}: {who}", c.name(rules))
        })
        .collect()
}

/// A circle's open tensions, then those noted between meetings (newest first, when any).
fn circle_tensions(doc: &mut Doc, org: &Organisation, circle: CircleId) {
    let tensions = org
        .tensions_in(circle)
        .filter(|t| t.open)
        .map(|t| format!("{} ({}, for {})", t.text, org.person_name(t.person), t.kind));
    doc.bullets("Open tensions", tensions, "none");
    let noted = org
        .tension_work_in(circle)
        .rev()
        .map(|n| format!("{}: {}", n.at.format("%Y-%m-%d %H:%M"), n.describe(org)));
    doc.bullets("Tensions noted between meetings, newest first", noted, "");
}

/// Every governed change in a circle, newest first, down to the adoption when the circle
/// was there at it (its governance begins with it).
fn governance_log<'a>(
    org: &'a Organisation,
    circle: &'a Circle,
) -> impl Iterator<Item = String> + 'a {
    let changes = org.circle_log(circle.id).into_iter().rev().map(|v| {
        let earlier = org.previous_version(v);
        let what = match (v.role, v.policy) {
            (Some(_), _) => "role",
            (None, Some(_)) => "policy",
            (None, None) => "sub-circle",
        };
        format!(
            "{} · {what} {}: {}",
            version_source(v),
            v.name,
            version_change(org, earlier, v)
        )
    });
    changes.chain(std::iter::once_with(|| adoption_line(org, circle)).flatten())
}

/// The governance log's first line, when the circle was there at the adoption.
fn adoption_line(org: &Organisation, circle: &Circle) -> Option<String> {
    let from_start = circle.parent.is_none()
        || org
            .history_of_circle(circle.id)
            .next()
            .is_none_or(|v| v.baseline);
    // A circle there at the adoption begins its governance with it.
    let adoption = org.adoption().filter(|_| from_start)?;
    let words = adoption.adoption_words(org)?;
    Some(format!("{} · {words}", adoption.at.format("%Y-%m-%d")))
}

/// A checklist item's latest answers, period by period up to the last one answered, with the
/// periods nobody answered as gaps: " — 26 Oct ✓, 2 Nov ·, 9 Nov ✗" (nothing if never).
fn recent_answers(org: &Organisation, item: &ChecklistItem) -> String {
    let marks: Vec<_> = org.marks_of(item.id).collect();
    let Some(last) = marks.iter().map(|m| m.period).max() else {
        return String::new();
    };
    let answers = answers_up_to(item, last, &marks, RECENT_ANSWERS);
    format!(" — {}", dated_answers(item.frequency, &answers).join(", "))
}

/// Everything about a role, wrapped to `width` columns, from the top down to `limit` lines
/// (what lies below is not built).
pub fn role_lines(
    org: &Organisation,
    role: &Role,
    width: usize,
    limit: usize,
) -> Vec<Line<'static>> {
    let mut doc = Doc::new(width, limit);
    let circle = org.circle(role.circle).map_or("?", |c| c.name.as_str());
    role_heading(&mut doc, org, role, circle);
    doc.purpose(&role.purpose);
    doc.bullets("Domains", &role.domains, "none");
    doc.bullets("Accountabilities", &role.accountabilities, "none");
    doc.bullets("Filled by", fillers(org, role.id), "unfilled");
    let heading = if role.core.is_some_and(|c| c.is_elected()) {
        "Elections and changes, newest first"
    } else {
        "Changes between meetings, newest first"
    };
    if org.holds_reports_of(role.id) {
        doc.bullets(heading, assignment_history(org, role.id, doc.room()), "");
        let checklist = org
            .checklist_of(role.id)
            .map(|c| format!("{} ({}){}", c.text, c.frequency, recent_answers(org, c)));
        doc.bullets("Checklist", checklist, "no checklist items");
        role_metrics(&mut doc, org, role);
        role_work(&mut doc, org, role);
    } else {
        // A move onto the role is drawn before its record is read; the next frame has it.
        doc.section("Checklist, metrics, projects and next actions");
        doc.note("reading…");
    }
    doc.bullets(
        &format!("Policies of {circle}"),
        policies(org, role.circle),
        "no policies",
    );
    doc.bullets(
        "History, newest first",
        role_history(org, role),
        "as imported: no governed changes yet",
    );
    doc.lines
}

/// A role's name, and what it is: a (core) role in its circle, or a Cross Link into it.
fn role_heading(doc: &mut Doc, org: &Organisation, role: &Role, circle: &str) {
    let kind = if role.core.is_some() {
        "core role"
    } else {
        "role"
    };
    doc.text(&role.name, theme::strong());
    match org.cross_link(role.id) {
        // 4.1 §2.7: a Cross Link Role resides in the Target Circle, filled by the Linked
        // Entity's choice, its filler a Core Circle Member there.
        Some(link) => doc.text(
            &format!(
                "Cross Link into {circle} from {} (4.1 §2.7): its filler is a member of {circle}",
                org.linked_entity_name(&link.from)
            ),
            theme::muted(),
        ),
        None => doc.text(&format!("{kind} in {circle}"), theme::muted()),
    }
}

/// A role's metrics, each with a sparkline of its recent values, the latest, and those
/// values in figures.
fn role_metrics(doc: &mut Doc, org: &Organisation, role: &Role) {
    doc.section("Metrics");
    let mut any_metric = false;
    for metric in org.metrics_of(role.id) {
        any_metric = true;
        if doc.full() {
            return;
        }
        let unit = metric
            .unit
            .as_deref()
            .map_or(String::new(), |u| format!(" {u}"));
        doc.bullet(&format!("{} ({})", metric.name, metric.frequency));
        let values: Vec<_> = org.values_of(metric.id).collect();
        let recent = &values[values.len().saturating_sub(RECENT_VALUES)..];
        let Some(last) = recent.last() else {
            doc.note("no values yet");
            continue;
        };
        let numbers: Vec<f64> = recent.iter().map(|v| v.value).collect();
        doc.push(Line::from(vec![
            Span::styled(format!("    {}  ", sparkline(&numbers)), theme::heading()),
            Span::styled(
                format!("{}{unit}", format_number(last.value)),
                theme::strong(),
            ),
            Span::styled(format!(" on {}", last.period), theme::muted()),
        ]));
        if recent.len() > 1 {
            let history: Vec<String> = recent.iter().map(|v| format_number(v.value)).collect();
            doc.note(&history.join(" · "));
        }
    }
    if !any_metric {
        doc.wrapped("no metrics", "  ", "  ", theme::muted());
    }
}

/// A role's projects (with their status and who owns each) and next actions.
fn role_work(doc: &mut Doc, org: &Organisation, role: &Role) {
    let projects = org.projects_of(role.id).map(|p| {
        let who = p
            .person
            .map_or(String::new(), |id| format!(", {}", org.person_name(id)));
        format!("{} ({}{who})", p.title, p.status)
    });
    doc.bullets("Projects", projects, "no projects");
    let actions = org.next_actions_of(role.id).map(|a| {
        let mark = if a.done { "[x]" } else { "[ ]" };
        format!("{mark} {} ({})", a.text, org.person_name(a.person))
    });
    doc.bullets("Next actions", actions, "no next actions");
}

/// A role's governed changes, newest first, down to its definition at the adoption when it
/// was there from the start.
fn role_history<'a>(org: &'a Organisation, role: &Role) -> impl Iterator<Item = String> + 'a {
    let versions: Vec<&RecordVersion> = org.history_of(role.id).collect();
    // A role with no version of its own creation was there from the start: the adoption's.
    let from_start = versions.first().is_none_or(|v| v.baseline);
    let role = role.id;
    let defined = move || {
        let adoption = org.adoption().filter(|_| from_start)?;
        Some(format!(
            "defined at the adoption on {}{}",
            adoption.at.format("%Y-%m-%d"),
            first_fillers(org, role, adoption.at)
        ))
    };
    let changes = (0..versions.len()).rev().filter_map(move |i| {
        let v = versions[i];
        let previous = i.checked_sub(1).map(|j| versions[j]);
        (!v.baseline).then(|| {
            format!(
                "{}: {}",
                version_source(v),
                version_change(org, previous, v)
            )
        })
    });
    changes.chain(std::iter::once_with(defined).flatten())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_without_needless_decimals() {
        assert_eq!(format_number(1840.0), "1840");
        assert_eq!(format_number(9.5), "9.5");
        assert_eq!(format_number(0.97), "0.97");
        assert_eq!(format_number(-0.001), "0");
    }

    #[test]
    fn a_sparkline_rises_with_its_values() {
        assert_eq!(sparkline(&[1.0, 2.0, 3.0]), "▁▅█");
        assert_eq!(sparkline(&[5.0, 5.0]), "▄▄");
        assert_eq!(sparkline(&[]), "");
    }
}
