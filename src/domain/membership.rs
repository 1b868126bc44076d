//! Who belongs to a circle's meetings, for every flow and screen that asks: the circle's
//! members (4.1 §2.3.1 Core Circle Members; 5.0 §5.1 Circle Members), the links that may
//! invite a guest, and what an attendee's standing (member, guest, observer) lets them do.
//!
//! A sub-circle is a role of its super-circle (4.1 §2.6; 5.0 §1.3.1), so its Lead fills a
//! role there (4.1 §2.3.1(a), (b) with §2.6.3; 5.0 §5.1 "each Partner serving as Role Lead
//! for a Role in the Circle"), and its Rep is a member too (4.1 §2.3.1(c); 5.0 §5.1.1 "The
//! selected Circle Rep becomes a Circle Member of any Circle containing that Circle").
//!
//! Owns: `members`, `leads`, `GuestLink`, `Invitation`, `links_of`, the checks on guest
//! invitations, and who may be a candidate or bring an item as far as membership decides. Elections and rounds ask here rather than deciding membership themselves.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::ids::{CircleId, PersonId, RoleId};
use super::meeting::Attendee;
use super::org::Organisation;
use super::rules::Rules;
use super::ruleset::{CoreRole, RuleSet};
use serde::{Deserialize, Serialize};

/// Why someone is a member of a circle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// Fills a role of the circle (its Lead, Facilitator and Secretary included).
    Fills(RoleId),
    /// Fills the Lead of a sub-circle, which is a role of this circle.
    SubCircleLead(CircleId),
    /// Fills the Rep of a sub-circle, elected to this circle.
    SubCircleRep(CircleId),
    /// Fills a Cross Link Role into this circle (4.1 §2.3.1(d) "each Cross Link into the
    /// Circle"; §2.7.3 "A Cross Link becomes a Core Circle Member of the Target Circle").
    CrossLink(RoleId),
}

/// A member of a circle with every reason they are one, in the order found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub person: PersonId,
    pub bases: Vec<Basis>,
}

/// The current fillers of a circle's Lead. 5.0 §1.4 allows several Circle Leads, all of them
/// members; 4.1 §2.2 names one Lead Link.
pub fn leads(org: &Organisation, circle: CircleId) -> Vec<PersonId> {
    fillers(org, circle, CoreRole::Lead)
}

/// The current fillers of one core role of a circle.
fn fillers(org: &Organisation, circle: CircleId, core: CoreRole) -> Vec<PersonId> {
    org.core_role(circle, core)
        .map(|role| {
            org.fillers_of(role.id)
                .map(|a| a.person)
                .filter(|p| org.person(*p).is_some_and(|p| p.is_current()))
                .collect()
        })
        .unwrap_or_default()
}

/// The circle's members, each once, in order: the fillers of its roles (core roles first, a
/// Cross Link Role's as a Cross Link), then per sub-circle its Lead and its Rep (under 4.1 not
/// the Rep of a sub-circle that has only its Lead Link and Cross Links, §2.6.4). Former
/// members of the organisation are left out.
pub fn members(org: &Organisation, circle: CircleId) -> Vec<Member> {
    let mut out: Vec<Member> = Vec::new();
    let mut add = |person: PersonId, basis: Basis| {
        if !org.person(person).is_some_and(|p| p.is_current()) {
            return;
        }
        match out.iter_mut().find(|m| m.person == person) {
            Some(m) => m.bases.push(basis),
            None => out.push(Member {
                person,
                bases: vec![basis],
            }),
        }
    };
    for role in org.roles_in(circle) {
        let cross = org.cross_link(role.id).is_some();
        for a in org.fillers_of(role.id) {
            let basis = if cross {
                Basis::CrossLink(role.id)
            } else {
                Basis::Fills(role.id)
            };
            add(a.person, basis);
        }
    }
    for sub in org.sub_circles(Some(circle)) {
        for person in fillers(org, sub.id, CoreRole::Lead) {
            add(person, Basis::SubCircleLead(sub.id));
        }
        if !rep_is_member(org, sub.id) {
            continue;
        }
        for person in fillers(org, sub.id, CoreRole::Rep) {
            add(person, Basis::SubCircleRep(sub.id));
        }
    }
    out
}

/// Whether the Rep of `sub` is a member of its super-circle. 4.1 §2.6.4: "this election is
/// not required when a Circle lacks any Core Circle Members other than those serving as Lead
/// Link and Cross Links into the Circle. In this case, even if the election is conducted, the
/// elected Rep Link does not become a Core Circle Member of the Super-Circle." 5.0 §5.1.1
/// makes no such exception: "The selected Circle Rep becomes a Circle Member of any Circle
/// containing that Circle".
pub fn rep_is_member(org: &Organisation, sub: CircleId) -> bool {
    if !org.rule_set().rules().rep_needs_other_members {
        return true;
    }
    let leads = leads(org, sub);
    members(org, sub).iter().any(|m| {
        !leads.contains(&m.person) && !m.bases.iter().any(|b| matches!(b, Basis::CrossLink(_)))
    })
}

/// Whether `person` is a member of the circle.
pub fn is_member(org: &Organisation, circle: CircleId, person: PersonId) -> bool {
    members(org, circle).iter().any(|m| m.person == person)
}

/// A link into a circle that may invite a guest to its meetings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "link")]
pub enum GuestLink {
    /// The circle's own Lead (4.1 §3.3.1: "the Lead Link ... may each invite up to one").
    Lead,
    /// The Rep of a sub-circle (4.1 §3.3.1 "any Rep Links"; 5.0 §5.4.1 "As a Circle Rep for
    /// a Circle, you may invite any Partner ... of any Circle immediately containing your
    /// Circle").
    Rep { circle: CircleId },
    /// A Cross Link into the circle, by its role (4.1 §3.3.1 "any Rep Links or Cross Links to
    /// the Circle may each invite up to one additional person").
    Cross { role: RoleId },
}

/// How long a guest takes part (the rule set says which, `GuestRules::scope`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuestScope {
    /// 4.1 §3.3.1: "The invited participant then becomes a Core Circle Member as well for the
    /// duration of that Governance Meeting": every round of the meeting.
    WholeMeeting,
    /// 5.0 §5.4.1: "Your guest may represent your Circle along with you in the meeting, but
    /// only while processing that specific Tension": the meeting's opening and closing
    /// rounds, and the agenda item of their tension, no other item. Never an election: the
    /// guest is invited "only to aid in the processing of a specific Tension", and an
    /// election item is "a request for an election", processed by the Integrative Election
    /// Process, not a tension processed by integrative decision-making (5.0 §5.4.4).
    OwnTension,
}

/// What part of a governance meeting is under way, as far as a guest's part in it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part<'a> {
    /// The rounds that open and close the meeting, and anything outside an agenda item.
    Rounds,
    /// An agenda item processing the tension labelled so (integrative decision-making).
    Tension(&'a str),
    /// An agenda item requesting an election.
    Election,
}

/// Who may invite guests, how many, and for how long they take part.
#[derive(Debug)]
pub struct GuestRules {
    /// The links that may invite.
    pub inviters: &'static [GuestKind],
    /// How long the guest takes part.
    pub scope: GuestScope,
    /// The article, for the screen and refusals.
    pub article: &'static str,
    /// The rule in one line, for the setup screen.
    pub says: &'static str,
}

/// A kind of link, without the circle it links (for `GuestRules::inviters`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuestKind {
    /// The circle's own Lead ([`GuestLink::Lead`]).
    Lead,
    /// The Rep of a sub-circle ([`GuestLink::Rep`]).
    Rep,
    /// A Cross Link into the circle ([`GuestLink::Cross`]).
    Cross,
}

impl GuestLink {
    fn kind(self) -> GuestKind {
        match self {
            GuestLink::Lead => GuestKind::Lead,
            GuestLink::Rep { .. } => GuestKind::Rep,
            GuestLink::Cross { .. } => GuestKind::Cross,
        }
    }

    /// "Circle Rep of Bakehouse", "Lead Link".
    pub fn says(self, org: &Organisation) -> String {
        let rules = org.rule_set();
        match self {
            GuestLink::Lead => CoreRole::Lead.name(rules).to_string(),
            GuestLink::Rep { circle } => format!(
                "{} of {}",
                CoreRole::Rep.name(rules),
                org.circle(circle).map_or("?", |c| c.name.as_str())
            ),
            GuestLink::Cross { role } => org
                .role(role)
                .map_or("Cross Link".to_string(), |r| r.name.clone()),
        }
    }
}

/// Who invited a guest, through which link, and for which tension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    /// The attendee (index) who invited.
    pub by: usize,
    /// The link they invited through.
    #[serde(flatten)]
    pub link: GuestLink,
    /// The tension the guest helps process: a short label, as on the agenda.
    pub tension: String,
}

/// The links `person` holds into the circle that the rule set lets invite a guest.
pub fn links_of(
    org: &Organisation,
    rules: &Rules,
    circle: CircleId,
    person: PersonId,
) -> Vec<GuestLink> {
    let mut links = Vec::new();
    if leads(org, circle).contains(&person) {
        links.push(GuestLink::Lead);
    }
    for sub in org.sub_circles(Some(circle)) {
        if fillers(org, sub.id, CoreRole::Rep).contains(&person) {
            links.push(GuestLink::Rep { circle: sub.id });
        }
    }
    for (role, _) in org.cross_links_into(circle) {
        if org.fillers_of(role.id).any(|a| a.person == person) {
            links.push(GuestLink::Cross { role: role.id });
        }
    }
    links.retain(|l| rules.guests.inviters.contains(&l.kind()));
    links
}

/// Checks the guests of a meeting's attendance against the rule set: each invited by a
/// member attendee through a link the rule set allows, with a tension named, and no link
/// inviting more than one (4.1 §3.3.1 "up to one additional person"; 5.0 §5.4.1 "only ...
/// one Partner at a time"). Answers the first breach in words.
pub fn check_guests(rules: &Rules, attendees: &[Attendee]) -> Result<(), String> {
    let article = rules.guests.article;
    let mut used: Vec<(usize, GuestLink)> = Vec::new();
    for guest in attendees.iter().filter(|a| a.guest) {
        // Guests of logs written before invitations were recorded have none.
        let Some(inv) = &guest.invitation else {
            continue;
        };
        let inviter = attendees.get(inv.by);
        if inviter.is_none_or(|a| a.is_guest() || a.observer) {
            return Err(format!(
                "{article}: {} must be invited by a member of the circle",
                guest.name
            ));
        }
        if !rules.guests.inviters.contains(&inv.link.kind()) {
            return Err(format!("{article}: {}", rules.guests.says));
        }
        if inv.tension.trim().is_empty() {
            return Err(format!(
                "{article}: a guest is invited for a specific tension; name it"
            ));
        }
        if used.contains(&(inv.by, inv.link)) {
            return Err(format!(
                "{article}: each link invites one guest at a time; {} already has one",
                attendees.get(inv.by).map_or("?", |a| a.name.as_str())
            ));
        }
        used.push((inv.by, inv.link));
    }
    Ok(())
}

/// Why `attendee` may not bring an agenda item labelled `label`, if they may not: 5.0
/// §5.4.1, the guest represents the circle "only while processing that specific Tension", so
/// the only item a guest brings is that tension.
pub fn item_refusal(rules: RuleSet, attendee: &Attendee, label: &str) -> Option<String> {
    let guests = &rules.rules().guests;
    let inv = attendee.invitation.as_ref().filter(|_| attendee.guest)?;
    (guests.scope == GuestScope::OwnTension && !is_guests_tension(inv, label)).then(|| {
        format!(
            "{}: a guest brings only the tension they were invited for, \"{}\"",
            guests.article, inv.tension
        )
    })
}

/// Why `nominee` may not be a candidate for `role` in the circle's election, if they may not:
/// a guest or an observer never is; nor, where the rule set says so, any of the circle's
/// Leads (4.1 §2.5.1: the Lead Link not Facilitator or Rep Link; 5.0 §5.1.1: no Circle Lead,
/// however many there are, as Circle Rep).
pub fn nominee_refusal(
    org: &Organisation,
    circle: CircleId,
    rules: RuleSet,
    nominee: Option<&Attendee>,
    role: CoreRole,
) -> Option<String> {
    let Some(person) = nominee
        .filter(|a| a.may_be_elected())
        .and_then(|a| a.person)
    else {
        return Some("a guest or an observer cannot be elected".into());
    };
    let r = rules.rules();
    (!r.lead_may_fill(role) && leads(org, circle).contains(&person)).then(|| {
        format!(
            "{}: no {} may be elected {}",
            r.assignment.lead_not_also,
            CoreRole::Lead.name(rules),
            role.name(rules)
        )
    })
}

/// Whether an agenda item labelled `label` processes the tension the guest was invited for.
pub fn is_guests_tension(invitation: &Invitation, label: &str) -> bool {
    invitation.tension.trim().eq_ignore_ascii_case(label.trim())
}

#[cfg(test)]
mod tests;
