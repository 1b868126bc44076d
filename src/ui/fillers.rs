//! Who fills a role, as the browser's detail pane says it: its fillers with focus and term,
//! its changes between meetings and elections newest first, the assignments that ended, and
//! the first fillers the adoption named.
//!
//! Owns: those lines. Must not import: rusqlite, tokio, `crate::store`, `crate::app`.

use crate::domain::{Organisation, RoleId};

/// "Name — focus: X — term ends D" for each filler of a role.
pub(super) fn fillers(org: &Organisation, role: RoleId) -> Vec<String> {
    org.fillers_of(role)
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
        .collect()
}

/// The role's changes between meetings (assignments, circle records, and its fillers' own
/// work: a next action done, a project's status, a tension noted or dropped) and by
/// election, newest first: when, who, what changed (an entry taken back says so); then the
/// assignments that ended, with their days. At most `room` lines: each change is one at
/// least, so only the newest `room` of each kind are looked at, however long the history.
pub(super) fn assignment_history(org: &Organisation, role: RoleId, room: usize) -> Vec<String> {
    // The newest `room` of the log's and of the work's, each put back oldest first.
    let mut dated: Vec<(chrono::DateTime<chrono::Utc>, String)> = org
        .log_of(role)
        .rev()
        .take(room)
        .map(|e| {
            let back = if org.is_undone(e.seq) {
                " (taken back)"
            } else {
                ""
            };
            (e.at, format!("{}{back}", e.describe(org)))
        })
        .collect();
    dated.reverse();
    let mut work: Vec<_> = (org.work_of(role).rev().take(room))
        .map(|n| (n.at, n.describe(org)))
        .collect();
    work.reverse();
    dated.extend(work);
    // Newest first; the sort below is stable, so entries of one moment stay in that order.
    dated.reverse();
    // An elected role is filled only by elections (4.1 §2.5.1; 5.0 §5.1.1, §5.1.2): each
    // assignment that began in the record is an election's result.
    if org
        .role(role)
        .and_then(|r| r.core)
        .is_some_and(|c| c.is_elected())
    {
        // One made by the adoption was not elected: the adoption's ratifiers named it.
        let adopted = org.adoption().map(|e| e.at);
        let elected = org
            .fillers_of(role)
            .chain(org.ended_fillers_of(role).rev().take(room));
        let elected = elected.filter(|a| adopted.is_none() || a.since != adopted);
        dated.extend(elected.filter_map(|a| {
            let term = a
                .term_end
                .map_or(String::new(), |d| format!(" (term to {d})"));
            let line = format!("{} elected{term}", org.person_name(a.person));
            a.since.map(|at| (at, line))
        }));
    }
    dated.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    let mut lines: Vec<String> = dated
        .into_iter()
        .take(room)
        .map(|(at, line)| format!("{}: {line}", at.format("%Y-%m-%d %H:%M")))
        .collect();
    let ended = org.ended_fillers_of(role);
    let ended = ended.take(room.saturating_sub(lines.len()));
    lines.extend(ended.map(|a| {
        let day = |t: Option<chrono::DateTime<chrono::Utc>>| {
            t.map_or("before the record".to_string(), |t| {
                t.format("%Y-%m-%d").to_string()
            })
        };
        let former = match org.person(a.person) {
            Some(p) if !p.is_current() => " (former member)",
            _ => "",
        };
        format!(
            "ended: {}{former}, {} to {}",
            org.person_name(a.person),
            day(a.since),
            day(a.until)
        )
    }));
    lines
}

/// ", filled by Ana and Ben": the first fillers the adoption named (5.0 §1.3.3; 4.1 Art.
/// V), whether they fill it still or not (nothing when it named none).
pub(super) fn first_fillers(
    org: &Organisation,
    role: RoleId,
    adopted: chrono::DateTime<chrono::Utc>,
) -> String {
    let names: Vec<String> = org
        .fillers_of(role)
        .chain(org.ended_fillers_of(role))
        .filter(|a| a.since == Some(adopted))
        .map(|a| org.person_name(a.person).to_string())
        .collect();
    match names.is_empty() {
        true => String::new(),
        false => format!(", filled by {}", crate::domain::text::and_list(&names, "")),
    }
}
