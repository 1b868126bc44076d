//! The text of the browser's detail pane: everything about one circle or one role.
//!
//! Owns: which facts are shown and in what order, the number format, and inline sparklines.
//! Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use super::theme;
use crate::domain::{Circle, CoreRole, Organisation, Role};
use ratatui::text::{Line, Span};

/// How many recent values of a metric are shown.
const RECENT_VALUES: usize = 8;

/// A number as a person writes it: no trailing zeros, at most two decimals.
pub fn format_number(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.to_string()
    }
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

fn section(lines: &mut Vec<Line<'static>>, title: &str) {
    lines.push(Line::raw(""));
    lines.push(Line::styled(title.to_string(), theme::heading()));
}

fn bullet(text: impl Into<String>) -> Line<'static> {
    Line::raw(format!("  • {}", text.into()))
}

fn bullets(lines: &mut Vec<Line<'static>>, title: &str, items: &[String], empty: &str) {
    section(lines, title);
    if items.is_empty() {
        lines.push(Line::styled(format!("  {empty}"), theme::muted()));
    }
    lines.extend(items.iter().map(|i| bullet(i.clone())));
}

pub fn circle_lines(org: &Organisation, circle: &Circle) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(circle.name.clone(), theme::strong())];
    if let Some(parent) = circle.parent.and_then(|p| org.circle(p)) {
        lines.push(Line::styled(
            format!("sub-circle of {}", parent.name),
            theme::muted(),
        ));
    } else {
        lines.push(Line::styled("anchor circle", theme::muted()));
    }
    section(&mut lines, "Purpose");
    lines.push(Line::raw(if circle.purpose.is_empty() {
        "(none yet)".into()
    } else {
        circle.purpose.clone()
    }));
    if let Some(strategy) = &circle.strategy {
        section(&mut lines, "Strategy");
        lines.push(Line::raw(strategy.clone()));
    }
    let rules = org.rule_set();
    section(&mut lines, "Core roles");
    for core in CoreRole::ALL {
        if let Some(role) = org.core_role(circle.id, core) {
            let who: Vec<String> = org
                .fillers_of(role.id)
                .map(|a| org.person_name(a.person).to_string())
                .collect();
            let who = if who.is_empty() {
                "(unfilled)".to_string()
            } else {
                who.join(", ")
            };
            lines.push(bullet(format!("{}: {who}", core.name(rules))));
        }
    }
    let members: Vec<String> = org
        .members_of(circle.id)
        .iter()
        .map(|p| p.name.clone())
        .collect();
    bullets(
        &mut lines,
        "Members",
        &members,
        "nobody fills a role here yet",
    );
    let subs: Vec<String> = org
        .sub_circles(Some(circle.id))
        .map(|c| c.name.clone())
        .collect();
    if !subs.is_empty() {
        bullets(&mut lines, "Sub-circles", &subs, "");
    }
    let policies: Vec<String> = org
        .policies_of(circle.id)
        .map(|p| format!("{}: {}", p.name, p.text))
        .collect();
    bullets(&mut lines, "Policies", &policies, "no policies");
    let tensions: Vec<String> = org
        .tensions_in(circle.id)
        .filter(|t| t.open)
        .map(|t| format!("{} ({}, {})", t.text, org.person_name(t.person), t.kind))
        .collect();
    bullets(&mut lines, "Open tensions", &tensions, "none");
    lines
}

pub fn role_lines(org: &Organisation, role: &Role) -> Vec<Line<'static>> {
    let circle = org.circle(role.circle).map_or("?", |c| c.name.as_str());
    let kind = if role.core.is_some() {
        "core role"
    } else {
        "role"
    };
    let mut lines = vec![
        Line::styled(role.name.clone(), theme::strong()),
        Line::styled(format!("{kind} in {circle}"), theme::muted()),
    ];
    section(&mut lines, "Purpose");
    lines.push(Line::raw(if role.purpose.is_empty() {
        "(none yet)".into()
    } else {
        role.purpose.clone()
    }));
    bullets(&mut lines, "Domains", &role.domains, "none");
    bullets(
        &mut lines,
        "Accountabilities",
        &role.accountabilities,
        "none",
    );

    let fillers: Vec<String> = org
        .fillers_of(role.id)
        .map(|a| {
            let mut s = org.person_name(a.person).to_string();
            if let Some(focus) = &a.focus {
                s.push_str(&format!(" — focus: {focus}"));
            }
            if let Some(end) = a.term_end {
                s.push_str(&format!(" — term ends {end}"));
            }
            s
        })
        .collect();
    bullets(&mut lines, "Filled by", &fillers, "unfilled");

    let checklist: Vec<String> = org
        .checklist_of(role.id)
        .map(|c| format!("{} ({})", c.text, c.frequency))
        .collect();
    bullets(&mut lines, "Checklist", &checklist, "no checklist items");

    section(&mut lines, "Metrics");
    let mut any_metric = false;
    for metric in org.metrics_of(role.id) {
        any_metric = true;
        let unit = metric
            .unit
            .as_deref()
            .map_or(String::new(), |u| format!(" {u}"));
        let values: Vec<_> = org.values_of(metric.id).collect();
        let recent = &values[values.len().saturating_sub(RECENT_VALUES)..];
        let numbers: Vec<f64> = recent.iter().map(|v| v.value).collect();
        let mut spans = vec![Span::raw(format!(
            "  • {} ({})",
            metric.name, metric.frequency
        ))];
        match recent.last() {
            Some(last) => {
                spans.push(Span::styled(
                    format!("  {} ", sparkline(&numbers)),
                    theme::heading(),
                ));
                spans.push(Span::styled(
                    format!("{}{unit}", format_number(last.value)),
                    theme::strong(),
                ));
                spans.push(Span::styled(format!(" on {}", last.period), theme::muted()));
            }
            None => spans.push(Span::styled("  no values yet", theme::muted())),
        }
        lines.push(Line::from(spans));
        if recent.len() > 1 {
            let history: Vec<String> = recent.iter().map(|v| format_number(v.value)).collect();
            lines.push(Line::styled(
                format!("    {}", history.join(" · ")),
                theme::muted(),
            ));
        }
    }
    if !any_metric {
        lines.push(Line::styled("  no metrics", theme::muted()));
    }

    let projects: Vec<String> = org
        .projects_of(role.id)
        .map(|p| {
            let who = p
                .person
                .map_or(String::new(), |id| format!(", {}", org.person_name(id)));
            format!("{} ({}{who})", p.title, p.status)
        })
        .collect();
    bullets(&mut lines, "Projects", &projects, "no projects");

    let actions: Vec<String> = org
        .next_actions_of(role.id)
        .map(|a| {
            let mark = if a.done { "[x]" } else { "[ ]" };
            format!("{mark} {} ({})", a.text, org.person_name(a.person))
        })
        .collect();
    bullets(&mut lines, "Next actions", &actions, "no next actions");

    let policies: Vec<String> = org
        .policies_of(role.circle)
        .map(|p| format!("{}: {}", p.name, p.text))
        .collect();
    bullets(
        &mut lines,
        &format!("Policies of {circle}"),
        &policies,
        "no policies",
    );
    lines
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
