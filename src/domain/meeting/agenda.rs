//! Building an agenda from what people bring: the open tensions of those present offered as
//! items, and the short label a tension becomes.
//!
//! Owns: tension offers and agenda labels, for tactical and governance meetings alike.
//! Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use super::Attendee;
use crate::domain::{CircleId, Organisation, TensionId, TensionKind};

/// Labels longer than this many words get a gentle warning.
pub const LABEL_WORDS: usize = 3;

/// The open tensions of `kind` in `circle` held by someone present and not yet on the
/// agenda, as (tension, attendee, text): what the agenda's "tensions" key offers.
pub fn tension_offers(
    org: &Organisation,
    circle: CircleId,
    kind: TensionKind,
    attendees: &[Attendee],
    on_agenda: &[TensionId],
) -> Vec<(TensionId, usize, String)> {
    org.tensions_in(circle)
        .filter(|t| t.open && t.kind == kind && !on_agenda.contains(&t.id))
        .filter_map(|t| {
            let owner = attendees
                .iter()
                .position(|a| a.present && a.person == Some(t.person))?;
            Some((t.id, owner, t.text.clone()))
        })
        .collect()
}

/// "Tension text (Name)" for each offer, as the picker lists them.
pub fn offer_labels(offers: &[(TensionId, usize, String)], attendees: &[Attendee]) -> Vec<String> {
    offers
        .iter()
        .map(|(_, who, text)| {
            let name = attendees.get(*who).map_or("?", |a| a.name.as_str());
            format!("{text} ({name})")
        })
        .collect()
}

/// The first words of a tension, as an agenda label.
pub fn short_label(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= LABEL_WORDS {
        text.to_string()
    } else {
        format!("{}…", words[..LABEL_WORDS].join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tension_becomes_a_short_label() {
        assert_eq!(
            short_label("Butter deliveries arrive after lamination"),
            "Butter deliveries arrive…"
        );
        assert_eq!(short_label("Queue"), "Queue");
    }
}
