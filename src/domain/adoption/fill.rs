//! The first fillers the ratifiers name, and the finished draft as an organisation file.
//!
//! Owns: `Seat`, `Adoption::fill`, `Adoption::file`. Must not import: rusqlite, ratatui,
//! crossterm, tokio, std::fs, or the clock.

use super::*;
use crate::domain::orgfile::{FillerEntry, from_date};

/// A role the ratifiers may fill: in the anchor circle (`circle` is `None`) or a
/// sub-circle's core role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seat {
    pub circle: Option<String>,
    pub role: String,
    pub core: Option<CoreRole>,
}

impl Seat {
    /// "Facilitator" in the anchor circle, "Circle Lead of Bakehouse" in a sub-circle.
    pub fn label(&self) -> String {
        match &self.circle {
            Some(c) => format!("{} of {c}", self.role),
            None => self.role.clone(),
        }
    }

    fn elected(&self) -> bool {
        self.core.is_some_and(|c| c.is_elected())
    }

    fn holds(&self, f: &NewFiller) -> bool {
        f.circle == self.circle && f.role.eq_ignore_ascii_case(&self.role)
    }
}

impl Adoption {
    /// Every role a first filler may be named for: the anchor circle's core and other roles,
    /// then each sub-circle's core roles. Under 4.1 without a Lead Link the anchor circle's
    /// Lead Link is left unfilled (§5.2.2).
    pub fn seats(&self) -> Vec<Seat> {
        let rules = self.rule_set;
        let mut seats: Vec<Seat> = rules
            .core_roles(true, self.control == Control::Lead)
            .iter()
            .filter(|c| **c != CoreRole::Lead || self.control == Control::Lead)
            .map(|c| Seat {
                circle: None,
                role: c.name(rules).to_string(),
                core: Some(*c),
            })
            .collect();
        seats.extend(self.roles.iter().map(|r| Seat {
            circle: None,
            role: r.name.clone(),
            core: None,
        }));
        for circle in &self.circles {
            seats.extend(rules.core_roles(false, true).iter().map(|c| Seat {
                circle: Some(circle.name.clone()),
                role: c.name(rules).to_string(),
                core: Some(*c),
            }));
        }
        seats
    }

    /// The first fillers named for `seat`.
    pub fn fillers_on<'a>(&'a self, seat: &'a Seat) -> impl Iterator<Item = &'a NewFiller> {
        self.fillers.iter().filter(move |f| seat.holds(f))
    }

    /// Names the `person`-th person as a first filler of `seat`; an elected role's filler
    /// needs a term that ends after `today`, an appointed role's none.
    pub fn fill(
        &mut self,
        seat: &Seat,
        person: usize,
        term_end: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<(), Refusal> {
        let rules = self.rule_set.rules();
        let Some(who) = self.people.get(person).map(|p| p.name.clone()) else {
            return Err(Refusal::Missing("add people first (step 3)"));
        };
        match (seat.elected(), term_end) {
            (true, Some(end)) if end > today => {}
            (true, _) => {
                return Err(Refusal::Term {
                    role: seat.role.clone(),
                    article: rules.assignment.elected_term,
                });
            }
            (false, Some(_)) => return Err(Refusal::NoTerm(seat.role.clone())),
            (false, None) => {}
        }
        if self
            .fillers_on(seat)
            .any(|f| f.person.eq_ignore_ascii_case(&who))
        {
            return Err(Refusal::Fills {
                person: who,
                role: seat.label(),
            });
        }
        self.lead_limits(seat, &who)?;
        self.fillers.push(NewFiller {
            circle: seat.circle.clone(),
            role: seat.role.clone(),
            person: who,
            term_end,
            focus: None,
        });
        Ok(())
    }

    /// Gives the `person`-th person's first assignment to `seat` a focus (cleaned; nothing
    /// left of it is none). An elected role is filled without one: elections assign no focus.
    pub fn focus(&mut self, seat: &Seat, person: usize, focus: &str) {
        let Some(who) = self.people.get(person).map(|p| p.name.clone()) else {
            return;
        };
        let focus = Some(crate::domain::text::clean_line(focus)).filter(|f| !f.is_empty());
        if let Some(f) = self
            .fillers
            .iter_mut()
            .find(|f| seat.holds(f) && f.person.eq_ignore_ascii_case(&who) && !seat.elected())
        {
            f.focus = focus;
        }
    }

    /// A circle's Lead may not also fill some elected roles of it (4.1 §2.5.1; 5.0 §5.1.1),
    /// and under 4.1 a circle has one Lead Link.
    fn lead_limits(&self, seat: &Seat, who: &str) -> Result<(), Refusal> {
        let rule_set = self.rule_set;
        let rules = rule_set.rules();
        let lead = CoreRole::Lead.name(rule_set);
        let holds = |core: CoreRole| {
            self.fillers.iter().any(|f| {
                f.circle == seat.circle
                    && f.person.eq_ignore_ascii_case(who)
                    && f.role.eq_ignore_ascii_case(core.name(rule_set))
            })
        };
        let clash = match seat.core {
            Some(CoreRole::Lead) => CoreRole::ALL
                .into_iter()
                .find(|c| !rules.lead_may_fill(*c) && holds(*c)),
            Some(core) if !rules.lead_may_fill(core) && holds(CoreRole::Lead) => Some(core),
            _ => None,
        };
        if let Some(core) = clash {
            return Err(Refusal::Rule(format!(
                "{who} may not be both {lead} and {} of one circle ({})",
                core.name(rule_set),
                rules.assignment.lead_not_also
            )));
        }
        if seat.core == Some(CoreRole::Lead)
            && rules.assignment.one_lead
            && self.fillers_on(seat).next().is_some()
        {
            return Err(Refusal::Rule(format!(
                "a circle has one {lead} ({}): take the one named off first (x)",
                rules.assignment.super_lead_assigns_lead
            )));
        }
        Ok(())
    }

    /// Takes the first fillers of `seat` off.
    pub fn clear_seat(&mut self, seat: &Seat) {
        self.fillers.retain(|f| !seat.holds(f));
    }

    /// The fillers of `seat` as the file lists them.
    fn filler_entries(&self, seat: &Seat) -> Vec<FillerEntry> {
        self.fillers_on(seat)
            .map(|f| FillerEntry {
                person: f.person.clone(),
                focus: f.focus.clone(),
                term_end: f.term_end.map(from_date),
            })
            .collect()
    }

    /// The core roles of a circle that have first fillers, as entries of the file.
    fn core_entries(&self, circle: Option<&str>) -> Vec<RoleEntry> {
        self.seats()
            .into_iter()
            .filter(|s| s.core.is_some() && s.circle.as_deref() == circle)
            .map(|s| role_entry(&s.role, "", &[], &[], self.filler_entries(&s)))
            .filter(|r| !r.fillers.is_empty())
            .collect()
    }

    /// The policy that says who controls the anchor circle's role assignments, if one must.
    fn control_policy(&self) -> Option<PolicyEntry> {
        let rules = self.rule_set.rules();
        let lead = CoreRole::Lead.name(self.rule_set);
        match &self.control {
            Control::Lead if rules.anchor_has_lead => None,
            Control::Lead => Some(PolicyEntry {
                name: format!("{lead} of the anchor circle"),
                text: format!(
                    "The anchor circle has a {lead}, appointed by the organisation's ratifiers ({}, {}).",
                    rules.anchor_lead_article, rules.assignment.adoption
                ),
                role: None,
            }),
            Control::Delegated(d) => rules.assignment.delegation.map(|article| PolicyEntry {
                name: Delegation::POLICY_NAME.to_string(),
                text: d.policy_text(article),
                role: None,
            }),
        }
    }

    /// The draft as an organisation file, cleaned and checked as an imported one is.
    pub fn file(&self) -> Result<OrgFile, Refusal> {
        let mut anchor = CircleEntry::named(&self.name);
        anchor.purpose = self.purpose.clone();
        anchor.roles = self.core_entries(None);
        for r in &self.roles {
            let seat = Seat {
                circle: None,
                role: r.name.clone(),
                core: None,
            };
            let fillers = self.filler_entries(&seat);
            let entry = role_entry(
                &r.name,
                &r.purpose,
                &r.accountabilities,
                &r.domains,
                fillers,
            );
            anchor.roles.push(entry);
        }
        anchor.policies = self.control_policy().into_iter().collect();
        anchor
            .policies
            .extend(self.policies.iter().map(|p| PolicyEntry {
                name: p.name.clone(),
                text: p.text.clone(),
                role: None,
            }));
        for c in &self.circles {
            let mut circle = CircleEntry::named(&c.name);
            circle.purpose = c.purpose.clone();
            circle.roles = self.core_entries(Some(&c.name));
            anchor.circles.push(circle);
        }
        OrgFile {
            name: self.name.clone(),
            rule_set: self.rule_set,
            people: self
                .people
                .iter()
                .map(|p| PersonEntry {
                    name: p.name.clone(),
                    email: p.email.clone(),
                    left: None,
                })
                .collect(),
            ratifiers: self.ratifiers.clone(),
            circle: anchor,
        }
        .checked()
        .map_err(Refusal::File)
    }
}

fn role_entry(
    name: &str,
    purpose: &str,
    accountabilities: &[String],
    domains: &[String],
    fillers: Vec<FillerEntry>,
) -> RoleEntry {
    RoleEntry {
        name: name.to_string(),
        purpose: purpose.to_string(),
        domains: domains.to_vec(),
        accountabilities: accountabilities.to_vec(),
        fillers,
        checklist: vec![],
        metrics: vec![],
        projects: vec![],
        next_actions: vec![],
        cross_link: None,
    }
}
