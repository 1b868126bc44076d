//! Who acts as Facilitator or Secretary of a meeting when the role is unfilled or its filler
//! is not there (5.0 §5.3.6; 4.1 §2.5.4). Both versions give the same order once the person
//! to be replaced has named nobody: for Facilitator the acting Secretary, for Secretary the
//! acting Facilitator (4.1 lists "the acting Facilitator; or the acting Secretary", which for
//! either role leaves the other); then the circle's Lead; then the first member to declare,
//! whom the facilitator of the setup chooses by hand.
//!
//! Owns: that order, and saying which rule gave the surrogate. Must not import: rusqlite,
//! ratatui, crossterm, tokio, std::fs, or the clock.

use super::Attendee;

/// One of the two roles every meeting needs someone present to act in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chair {
    /// The Facilitator, who runs the meeting's process.
    Facilitator,
    /// The Secretary, who keeps its minutes.
    Secretary,
}

impl Chair {
    pub fn name(self) -> &'static str {
        match self {
            Chair::Facilitator => "Facilitator",
            Chair::Secretary => "Secretary",
        }
    }

    /// The other chair, whose acting person is this one's first surrogate.
    pub fn other(self) -> Chair {
        match self {
            Chair::Facilitator => Chair::Secretary,
            Chair::Secretary => Chair::Facilitator,
        }
    }
}

/// Why someone acts as surrogate: the rule of precedence that named them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precedence {
    /// The acting holder of the other chair (5.0 §5.3.6(b); 4.1 §2.5.4(b)-(c)).
    OtherChair(Chair),
    /// The circle's Lead (5.0 §5.3.6(c); 4.1 §2.5.4(d)).
    Lead,
}

impl Precedence {
    /// "acting Secretary", "the circle's Lead": for a line on the setup screen.
    pub fn says(self) -> String {
        match self {
            Precedence::OtherChair(chair) => format!("acting {}", chair.name()),
            Precedence::Lead => "the circle's Lead".to_string(),
        }
    }
}

/// Whether attendee `i` exists and is present.
pub fn is_present(attendees: &[Attendee], i: Option<usize>) -> bool {
    i.and_then(|i| attendees.get(i)).is_some_and(|a| a.present)
}

/// The surrogate for `chair`, given who acts in the other chair and who is the circle's Lead
/// (attendee indexes): the first of them present. `None`: nobody by precedence, so the first
/// member to declare acts (5.0 §5.3.6(d); 4.1 §2.5.4(e)).
pub fn surrogate(
    chair: Chair,
    attendees: &[Attendee],
    other_chair: Option<usize>,
    lead: Option<usize>,
) -> Option<(usize, Precedence)> {
    [
        (other_chair, Precedence::OtherChair(chair.other())),
        (lead, Precedence::Lead),
    ]
    .into_iter()
    .find(|(who, _)| is_present(attendees, *who))
    .and_then(|(who, why)| who.map(|w| (w, why)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(present: &[bool]) -> Vec<Attendee> {
        present
            .iter()
            .enumerate()
            .map(|(i, &p)| Attendee {
                person: None,
                name: format!("P{i}"),
                present: p,
                guest: false,
                invitation: None,
                observer: false,
            })
            .collect()
    }

    #[test]
    fn an_absent_facilitator_is_replaced_by_the_acting_secretary_first() {
        let attendees = people(&[false, true, true]);
        assert_eq!(
            surrogate(Chair::Facilitator, &attendees, Some(1), Some(2)),
            Some((1, Precedence::OtherChair(Chair::Secretary)))
        );
    }

    #[test]
    fn with_the_other_chair_absent_too_the_lead_is_the_surrogate() {
        let attendees = people(&[false, false, true]);
        assert_eq!(
            surrogate(Chair::Secretary, &attendees, Some(0), Some(2)),
            Some((2, Precedence::Lead))
        );
    }

    #[test]
    fn nobody_by_precedence_leaves_it_to_the_first_member_to_declare() {
        let attendees = people(&[false, false, true]);
        assert_eq!(surrogate(Chair::Secretary, &attendees, Some(0), None), None);
    }
}
