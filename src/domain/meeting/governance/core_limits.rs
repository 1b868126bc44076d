//! What governance may do to a core role: add to it, and amend or remove its additions, but
//! never amend or remove what the constitution gives it (4.1 §2.5.3 "no Circle may amend or
//! remove any Purpose, Domain, Accountabilities, or authorities granted to an Elected Role by
//! this Constitution"; 5.0 §1.3.5, §5.1.1). 4.1 §2.2.3: nothing may be added to the Lead
//! Link. 5.0 §1.4.5: what is added to a Circle Lead applies to every sub-circle's Circle Lead,
//! recursively. The texts and articles are the rule set's (`Rules::core`, `core_limits`).
//!
//! Owns: `check_core_amendment`, `is_constitutional`, `core_list_note`, `split_items` and
//! `with_lead_additions`. Must not
//! import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::change::Change;
use crate::domain::ids::CircleId;
use crate::domain::org::{Organisation, Role};
use crate::domain::ruleset::{CoreRole, RuleSet};

/// Whether `item` is one of the domains or accountabilities the constitution gives `core`.
pub fn is_constitutional(rules: RuleSet, core: CoreRole, item: &str) -> bool {
    let text = rules.rules().core(core);
    text.domains
        .iter()
        .chain(text.accountabilities)
        .any(|given| *given == item)
}

/// Items typed as "a; b; c", where an item the constitution gives a core role stays whole
/// though it holds a ";" itself (4.1 Appendix A: "Assigning Partners to the Circle’s Roles;
/// monitoring the fit; …").
pub fn split_items(text: &str) -> Vec<String> {
    let whole: Vec<&str> = RuleSet::ALL
        .iter()
        .flat_map(|r| CoreRole::ALL.iter().map(move |c| r.rules().core(*c)))
        .flat_map(|t| t.accountabilities.iter().chain(t.domains))
        .filter(|item| item.contains(';'))
        .copied()
        .collect();
    let mut out = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let kept = whole.iter().find(|w| {
            rest.strip_prefix(**w).is_some_and(|after| {
                after.trim_start().is_empty() || after.trim_start().starts_with(';')
            })
        });
        let (item, after) = match kept {
            Some(w) => (*w, &rest[w.len()..]),
            None => rest.split_once(';').unwrap_or((rest, "")),
        };
        let item = item.trim();
        if !item.is_empty() {
            out.push(item.to_string());
        }
        rest = after.trim_start().trim_start_matches(';').trim_start();
    }
    out
}

/// What the proposal editor says of a core role's list: how many of `items` are the
/// constitution's (they stay), and whether anything may be added (4.1 §2.2.3: nothing to the
/// Lead Link; 5.0 §1.4.5: additions to a Circle Lead reach every sub-circle's).
pub fn core_list_note(rules: RuleSet, core: CoreRole, items: &[String]) -> String {
    let given = items
        .iter()
        .filter(|item| is_constitutional(rules, core, item))
        .count();
    let limits = &rules.rules().core_limits;
    let additions = match (rules.rules().closed_to_additions(core), core) {
        (Some(article), _) => format!("no additions ({article})"),
        (None, CoreRole::Lead) => limits.lead_additions_recurse.map_or_else(
            || "additions after them".to_string(),
            |article| format!("additions reach sub-circles' too ({article})"),
        ),
        (None, _) => "additions after them".to_string(),
    };
    let kept = match core {
        CoreRole::Lead => format!("only delegated ({})", limits.lead_delegation),
        _ => format!("kept ({})", limits.protected),
    };
    format!("{given} constitutional, {kept}; {additions}")
}

/// Checks an amendment of `role` (name, purpose, domains, accountabilities as the change
/// gives them) against the core role limits; says the article that refuses.
pub fn check_core_amendment(
    rules: RuleSet,
    role: &Role,
    renamed: bool,
    purpose: bool,
    domains: Option<&[String]>,
    accountabilities: Option<&[String]>,
) -> Result<(), String> {
    let Some(core) = role.core else {
        return Ok(());
    };
    let limits = &rules.rules().core_limits;
    let name = core.name(rules);
    if renamed || purpose {
        return Err(format!(
            "{}: \"{}\" is a core role: its name and purpose are the constitution's",
            limits.protected, role.name
        ));
    }
    let closed = rules.rules().closed_to_additions(core);
    for (field, new, current) in [
        ("domain", domains, &role.domains),
        ("accountability", accountabilities, &role.accountabilities),
    ] {
        let Some(new) = new else { continue };
        let kept = |item: &String| new.iter().any(|n| n == item);
        // The Lead's own may go, by delegation (`lead_delegation`); the elected roles' never.
        if let Some(gone) = current
            .iter()
            .filter(|_| core != CoreRole::Lead)
            .find(|item| is_constitutional(rules, core, item) && !kept(item))
        {
            return Err(format!(
                "{}: \"{gone}\" is the constitution's {field} of the {name}: it cannot be amended or removed (additions can)",
                limits.protected
            ));
        }
        if let Some(article) = closed
            && let Some(added) = new
                .iter()
                .find(|n| !current.contains(n) && !is_constitutional(rules, core, n))
        {
            return Err(format!(
                "{article}: nothing may be added to the {name} (\"{added}\"); put it on another role"
            ));
        }
    }
    Ok(())
}

/// The adopted changes with, under 5.0 §1.4.5, each addition to (or removal of an addition
/// from) the circle's Circle Lead carried to every sub-circle's Circle Lead, recursively.
pub fn with_lead_additions(
    org: &Organisation,
    rules: RuleSet,
    circle: CircleId,
    changes: &[Change],
) -> Vec<Change> {
    let mut out = changes.to_vec();
    if rules.rules().core_limits.lead_additions_recurse.is_none() {
        return out;
    }
    for change in changes {
        let Change::AmendRole {
            role,
            domains,
            accountabilities,
            ..
        } = change
        else {
            continue;
        };
        let Some(lead) = org
            .role(*role)
            .filter(|r| r.core == Some(CoreRole::Lead) && r.circle == circle)
        else {
            continue;
        };
        for sub in descendants(org, circle) {
            let Some(sub_lead) = org.core_role(sub, CoreRole::Lead) else {
                continue;
            };
            let carry = |new: &Option<Vec<String>>, before: &[String], theirs: &[String]| {
                new.as_ref().map(|new| {
                    let mut list: Vec<String> = theirs
                        .iter()
                        .filter(|t| new.contains(t) || !before.contains(t))
                        .cloned()
                        .collect();
                    list.extend(new.iter().filter(|n| !theirs.contains(n)).cloned());
                    list
                })
            };
            let domains = carry(domains, &lead.domains, &sub_lead.domains);
            let accountabilities = carry(
                accountabilities,
                &lead.accountabilities,
                &sub_lead.accountabilities,
            );
            let changed = |new: &Option<Vec<String>>, theirs: &[String]| {
                new.as_deref().is_some_and(|n| n != theirs)
            };
            if changed(&domains, &sub_lead.domains)
                || changed(&accountabilities, &sub_lead.accountabilities)
            {
                out.push(Change::AmendRole {
                    role: sub_lead.id,
                    name: None,
                    purpose: None,
                    domains,
                    accountabilities,
                });
            }
        }
    }
    out
}

/// Every circle inside `circle`, at any depth.
fn descendants(org: &Organisation, circle: CircleId) -> Vec<CircleId> {
    let mut out = Vec::new();
    let mut stack = vec![circle];
    while let Some(c) = stack.pop() {
        for sub in org.sub_circles(Some(c)) {
            out.push(sub.id);
            stack.push(sub.id);
        }
    }
    out
}

#[cfg(test)]
mod tests;
