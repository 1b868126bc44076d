//! The organisation as an indented plain-text tree, for `roundtable org` and scripts.
//!
//! Owns: the outline's text format. Must not import: rusqlite, ratatui, crossterm, tokio.

use super::org::{Circle, Organisation};
use std::fmt::Write;

/// One line per circle, role and policy, two spaces of indent per level.
pub fn outline(org: &Organisation) -> String {
    let mut out = format!("{} ({})\n", org.name(), org.rule_set());
    for (circle, depth) in org.circles_depth_first() {
        write_circle(&mut out, org, circle, depth);
    }
    out
}

fn write_circle(out: &mut String, org: &Organisation, circle: &Circle, depth: usize) {
    let pad = "  ".repeat(depth);
    // Writing to a String cannot fail.
    let _ = writeln!(out, "{pad}circle {}", circle.name);
    for role in org.roles_in(circle.id) {
        let fillers: Vec<String> = org
            .fillers_of(role.id)
            .map(|a| {
                let mut s = org.person_name(a.person).to_string();
                if let Some(focus) = &a.focus {
                    let _ = write!(s, " [{focus}]");
                }
                if let Some(end) = a.term_end {
                    let _ = write!(s, " (term ends {end})");
                }
                s
            })
            .collect();
        let fillers = if fillers.is_empty() {
            "(unfilled)".to_string()
        } else {
            fillers.join(", ")
        };
        let _ = writeln!(out, "{pad}  role {}: {fillers}", role.name);
    }
    for policy in org.policies_of(circle.id) {
        let _ = writeln!(out, "{pad}  policy {}", policy.name);
    }
}
