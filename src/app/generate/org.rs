//! The generated organisation's structure, as an organisation file: people, circles nested
//! breadth first (six sub-circles each, so 1,000 circles are five levels deep), each with its
//! core roles filled, roles with fillers and focus, checklists, metrics, projects, next
//! actions, policies and tensions. Imported like any file, so it is checked like one.
//!
//! Owns: the shape and the words of the generated records. Must not import: rusqlite,
//! ratatui, crossterm, tokio.

use super::Sizes;
use super::rng::Rng;
use crate::domain::orgfile::{
    ChecklistEntry, CircleEntry, FillerEntry, MetricEntry, NextActionEntry, PersonEntry,
    PolicyEntry, ProjectEntry, RoleEntry, TensionEntry,
};
use crate::domain::{CoreRole, Frequency, OrgFile, ProjectStatus, RuleSet, TensionKind};

/// Sub-circles of each circle, filled breadth first.
const BRANCHING: usize = 6;

const FIRST: [&str; 40] = [
    "Amara", "Ben", "Chloe", "Dmitri", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kaito",
    "Lena", "Mateo", "Nadia", "Oskar", "Priya", "Quinn", "Rosa", "Samir", "Tamsin", "Umar", "Vera",
    "Wim", "Xenia", "Yusuf", "Zofia", "Aiko", "Bruno", "Carmen", "Dev", "Esther", "Felix", "Greta",
    "Hassan", "Ivy", "Joel", "Keira", "Luca", "Maya", "Nils",
];
const LAST: [&str; 40] = [
    "Okafor",
    "Raman",
    "Chen",
    "Novak",
    "Silva",
    "Haddad",
    "Murphy",
    "Laurent",
    "Moreau",
    "Berg",
    "Tanaka",
    "Fischer",
    "Rossi",
    "Karimi",
    "Lindqvist",
    "Patel",
    "Walsh",
    "Costa",
    "Aziz",
    "Reid",
    "Farouk",
    "Petrova",
    "de Vries",
    "Ivanova",
    "Demir",
    "Kowalska",
    "Sato",
    "Ferreira",
    "Ortiz",
    "Sharma",
    "Cohen",
    "Weber",
    "Nilsson",
    "Mansour",
    "Brennan",
    "Park",
    "Adeyemi",
    "Bianchi",
    "Gupta",
    "Horvat",
];
const AREAS: [&str; 24] = [
    "Bakehouse",
    "Shopfront",
    "Community",
    "Logistics",
    "Finance",
    "Purchasing",
    "Pastry",
    "Delivery",
    "Training",
    "Maintenance",
    "Events",
    "Wholesale",
    "Quality",
    "Garden",
    "Kitchen",
    "Outreach",
    "Workshop",
    "Archive",
    "Hiring",
    "Research",
    "Catering",
    "Market",
    "Studio",
    "Mill",
];
const SUBJECTS: [&str; 20] = [
    "Flour",
    "Oven",
    "Order",
    "Supplier",
    "Rota",
    "Budget",
    "Customer",
    "Website",
    "Recipe",
    "Safety",
    "Stock",
    "Van",
    "Newsletter",
    "Tooling",
    "Pricing",
    "Waste",
    "Cleaning",
    "Inventory",
    "Partner",
    "Volunteer",
];
const KEEPERS: [&str; 8] = [
    "Steward",
    "Keeper",
    "Coordinator",
    "Planner",
    "Buyer",
    "Caretaker",
    "Tracker",
    "Liaison",
];
const VERBS: [&str; 10] = [
    "Keeping",
    "Ordering",
    "Checking",
    "Planning",
    "Reporting on",
    "Scheduling",
    "Repairing",
    "Publishing",
    "Reviewing",
    "Tracking",
];

/// Person `i`'s name: unique, as names must be (the surname turns with the first name, so
/// neighbours, who work in the same circles, are not all of one family).
fn person_name(i: usize) -> String {
    let a = i % FIRST.len();
    let b = (i / FIRST.len() + 7 * a) % LAST.len();
    let (first, last) = (FIRST[a], LAST[b]);
    match i / (FIRST.len() * LAST.len()) {
        0 => format!("{first} {last}"),
        n => format!("{first} {last} {}", n + 1),
    }
}

/// Circle `i`'s name (0 is the anchor, named after the organisation).
fn circle_name(i: usize) -> String {
    let area = AREAS[(i - 1) % AREAS.len()];
    match (i - 1) / AREAS.len() {
        0 => area.to_string(),
        n => format!("{area} {}", n + 1),
    }
}

/// Role `j` of circle `c`: unique within the circle.
fn role_name(c: usize, j: usize) -> String {
    let subject = SUBJECTS[(j + c) % SUBJECTS.len()];
    let keeper = KEEPERS[(j / SUBJECTS.len()) % KEEPERS.len()];
    match j / (SUBJECTS.len() * KEEPERS.len()) {
        0 => format!("{subject} {keeper}"),
        n => format!("{subject} {keeper} {}", n + 1),
    }
}

/// How many of `total` things the `i`th of `n` holders gets, spread evenly.
pub fn share(total: usize, n: usize, i: usize) -> usize {
    if n == 0 {
        return 0;
    }
    total / n + usize::from(i < total % n)
}

/// The people who work in circle `c`: a run of consecutive people, overlapping the next
/// circles', so that most people work in a few circles.
struct Team {
    base: usize,
    size: usize,
    people: usize,
}

impl Team {
    fn member(&self, k: usize) -> String {
        person_name((self.base + k % self.size.max(1)) % self.people.max(1))
    }
}

/// The organisation file for `sizes`.
pub fn org_file(sizes: &Sizes, rng: &mut Rng) -> OrgFile {
    let name = "Lakeside Cooperative".to_string();
    let rules = RuleSet::Holacracy50;
    let circles = sizes.circles.max(1);
    let core_total: usize = (0..circles)
        .map(|c| rules.core_roles(c == 0, false).len())
        .sum();
    let custom = sizes.roles.saturating_sub(core_total);
    let people = sizes.people.max(1);
    let mut entries: Vec<CircleEntry> = (0..circles)
        .map(|c| {
            let roles = share(custom, circles, c);
            let team = Team {
                base: c * people / circles,
                size: (roles + 3).min(people),
                people,
            };
            circle(c, &name, roles, &team, rules, rng)
        })
        .collect();
    // A circle's parent comes before it, so the tree is assembled from the last up.
    while entries.len() > 1 {
        let Some(child) = entries.pop() else { break };
        let parent = (entries.len() - 1) / BRANCHING;
        entries[parent].circles.push(child);
    }
    let mut anchor = entries.pop().unwrap_or_else(|| CircleEntry::named(&name));
    reverse_sub_circles(&mut anchor);
    OrgFile {
        name,
        rule_set: rules,
        people: (0..people)
            .map(|i| PersonEntry {
                name: person_name(i),
                email: Some(format!("person{i}@lakeside.example")),
                left: None,
            })
            .collect(),
        ratifiers: vec![],
        circle: anchor,
    }
}

/// Puts sub-circles back in the order they were made (assembly pushed them last first).
fn reverse_sub_circles(circle: &mut CircleEntry) {
    circle.circles.reverse();
    for sub in &mut circle.circles {
        reverse_sub_circles(sub);
    }
}

fn circle(
    c: usize,
    org_name: &str,
    roles: usize,
    team: &Team,
    rules: RuleSet,
    rng: &mut Rng,
) -> CircleEntry {
    let name = if c == 0 {
        org_name.to_string()
    } else {
        circle_name(c)
    };
    let mut entry = CircleEntry::named(&name);
    entry.purpose = format!("{name} works so that every neighbour gets what they need from us");
    entry.roles = rules
        .core_roles(c == 0, false)
        .iter()
        .enumerate()
        .map(|(k, core)| core_role(*core, rules, team.member(k)))
        .collect();
    entry
        .roles
        .extend((0..roles).map(|j| role(c, j, team, rng)));
    entry.policies = (0..rng.below(3))
        .map(|k| PolicyEntry {
            name: format!("{name} policy {}", k + 1),
            text: format!(
                "Anyone may use the {} of {name} after telling its Steward.",
                rng.pick(&SUBJECTS).to_lowercase()
            ),
            role: None,
        })
        .collect();
    entry.tensions = (0..rng.below(3))
        .map(|k| TensionEntry {
            person: team.member(rng.below(team.size)),
            role: None,
            text: format!(
                "The {} keeps running late",
                rng.pick(&SUBJECTS).to_lowercase()
            ),
            kind: if k % 2 == 0 {
                TensionKind::Tactical
            } else {
                TensionKind::Governance
            },
        })
        .collect();
    entry
}

fn core_role(core: CoreRole, rules: RuleSet, person: String) -> RoleEntry {
    RoleEntry {
        name: core.name(rules).to_string(),
        purpose: String::new(),
        domains: vec![],
        accountabilities: vec![],
        fillers: vec![FillerEntry {
            person,
            focus: None,
            term_end: None,
        }],
        checklist: vec![],
        metrics: vec![],
        projects: vec![],
        next_actions: vec![],
        cross_link: None,
    }
}

fn frequency(rng: &mut Rng) -> Frequency {
    match rng.below(10) {
        0..=6 => Frequency::Weekly,
        7..=8 => Frequency::Monthly,
        _ => Frequency::Quarterly,
    }
}

fn role(c: usize, j: usize, team: &Team, rng: &mut Rng) -> RoleEntry {
    let name = role_name(c, j);
    let subject = name.split(' ').next().unwrap_or("work").to_lowercase();
    // Members 0..3 fill the core roles; the others fill these, a few with a second filler.
    let first = team.member(3 + j);
    let mut fillers = vec![FillerEntry {
        person: first.clone(),
        focus: rng
            .chance(30)
            .then(|| format!("The {subject} of the morning shift")),
        term_end: None,
    }];
    if rng.chance(15) {
        let second = team.member(3 + j + 1 + rng.below(team.size));
        if second != first {
            fillers.push(FillerEntry {
                person: second,
                focus: Some(format!("The {subject} of the evening shift")),
                term_end: None,
            });
        }
    }
    let doer = first;
    RoleEntry {
        purpose: format!("The {subject} is ready whenever it is needed"),
        domains: if rng.chance(20) {
            vec![format!("The {subject} records")]
        } else {
            vec![]
        },
        accountabilities: (0..1 + rng.below(3))
            .map(|_| format!("{} the {subject}", rng.pick(&VERBS)))
            .collect(),
        fillers,
        checklist: (0..rng.below(3))
            .map(|k| ChecklistEntry {
                text: format!("{} the {subject} ({})", rng.pick(&VERBS), k + 1),
                frequency: frequency(rng),
            })
            .collect(),
        metrics: (0..usize::from(rng.chance(60)))
            .map(|_| MetricEntry {
                name: format!("{} handled", rng.pick(&SUBJECTS)),
                unit: rng.chance(50).then(|| "items".to_string()),
                frequency: frequency(rng),
                values: vec![],
            })
            .collect(),
        projects: (0..rng.below(3))
            .map(|k| ProjectEntry {
                title: format!("New {subject} process, part {}", k + 1),
                person: Some(doer.clone()),
                status: match rng.below(10) {
                    0..=5 => ProjectStatus::Current,
                    6..=7 => ProjectStatus::Waiting,
                    _ => ProjectStatus::Done,
                },
            })
            .collect(),
        next_actions: (0..rng.below(3))
            .map(|_| NextActionEntry {
                text: format!("Call the {subject} supplier back"),
                person: doer.clone(),
                done: rng.chance(30),
            })
            .collect(),
        name,
        cross_link: None,
    }
}
