//! What each key does on an election being processed, and what the prompts and pickers it
//! opens complete: the term, ballots, reasons, the change round asking each voter in turn,
//! the tie option, and in the objection round integrating (amending the term, abandoning
//! with a reason), asking again, setting the candidate aside and electing. The objection's
//! words, role and test are shared with proposals (`outcomes`, `items`).
//!
//! Owns: those entries. Every refusal is the domain's (`Election::decide`), asked before a
//! prompt opens. Must not import: tokio; must not draw.

use super::items::ask_test;
use super::{confirm, may_vote, pick, prompt, screen, vote};
use crate::app::App;
use crate::app::keys::Action;
use crate::app::modal::Outcome;
use crate::domain::Organisation;
use crate::domain::meeting::flow::STAND_IN;
use crate::domain::meeting::governance::{
    Election, ElectionEvent, ElectionStep, GovItem, Governance, ObjectionState, TieBreak, TieOption,
};
use crate::domain::rules::TieRule;
use crate::ui::{GovDraft, Modal, TestTarget};
use chrono::NaiveDate;

/// Whether `draft` is one of an election's own (its outcome is `outcome` here).
pub fn is_election_draft(draft: &GovDraft) -> bool {
    matches!(
        draft,
        GovDraft::Term
            | GovDraft::Voter(_)
            | GovDraft::Nominee(..)
            | GovDraft::Reason(_)
            | GovDraft::ChangeNominee(..)
            | GovDraft::ChangeReason(..)
            | GovDraft::TieOptions
            | GovDraft::AmendTerm
            | GovDraft::ElectionAbandonReason(_)
            | GovDraft::Elect
            | GovDraft::SetAsideReason
    )
}

/// A key's action on the election `e` of `item`.
pub fn act(app: &mut App, item: &GovItem, e: &Election, action: Action) {
    let Some(org) = app.view.org.clone() else {
        return;
    };
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let name = |i: usize| state.name_of(i).to_string();
    let present = state.present();
    match (e.step, action) {
        (ElectionStep::Describe, Action::Open) => {
            let stand_in = e.held_on + chrono::Days::new(365);
            if may_vote(app, ElectionEvent::Described { term_end: stand_in }) {
                let title = format!(
                    "Term of the {}: it ends on (YYYY-MM-DD)",
                    e.role.name(e.rules)
                );
                prompt(app, title, &stand_in.to_string(), GovDraft::Term);
            }
        }
        (ElectionStep::Ballots, Action::Open) => {
            let voters: Vec<usize> = present
                .iter()
                .copied()
                .filter(|p| !e.ballots.iter().any(|(v, _)| v == p))
                .collect();
            if voters.is_empty() {
                return app.info("Every ballot is in: n reads them.");
            }
            let options = voters.iter().map(|&v| name(v)).collect();
            pick(app, "Whose ballot?", options, GovDraft::Voter(voters));
        }
        (ElectionStep::Nominations, Action::Open) => match e.next_to_read() {
            Some((voter, nominee)) => {
                let title = format!("{} nominates {}: why?", name(voter), name(nominee));
                let reason = STAND_IN.into();
                if may_vote(app, ElectionEvent::Reason { voter, reason }) {
                    prompt(app, title, "", GovDraft::Reason(voter));
                }
            }
            None => app.info("Every ballot has been read: n opens the nomination change round."),
        },
        (ElectionStep::Changes, Action::Open) => match e.next_to_change() {
            Some(voter) => {
                vote(app, ElectionEvent::Kept { voter });
            }
            None => app.info("Everyone has been asked: n counts the nominations."),
        },
        (ElectionStep::Changes, Action::EditChanges) => match e.next_to_change() {
            Some(voter) => {
                let (mut people, mut options) = nominees(state, &org, e);
                // Tie option (iv): only the tied are offered.
                if let Some(tied) = &e.renominate_among {
                    (people, options) = people
                        .into_iter()
                        .zip(options)
                        .filter(|(p, _)| tied.contains(p))
                        .unzip();
                }
                let title = format!("{} now nominates", name(voter));
                pick(app, &title, options, GovDraft::ChangeNominee(voter, people));
            }
            None => app.info("Everyone has been asked: n counts the nominations."),
        },
        (ElectionStep::Ballots, Action::SubStep) => step_to(app, ElectionStep::Nominations),
        (ElectionStep::Nominations, Action::SubStep) => step_to(app, ElectionStep::Changes),
        (ElectionStep::Changes, Action::SubStep) => step_to(app, ElectionStep::Count),
        (ElectionStep::Count, Action::Open | Action::SubStep) => propose(app, e),
        (ElectionStep::Objections, _) => objections(app, item, e, action),
        _ => {}
    }
}

fn step_to(app: &mut App, step: ElectionStep) {
    vote(app, ElectionEvent::StepTo { step });
}

/// The count: the most nominated is proposed, or on a tie the options that apply are
/// offered in the rule set's order.
fn propose(app: &mut App, e: &Election) {
    let top = e.top();
    if let [candidate] = top[..] {
        if vote(
            app,
            ElectionEvent::Proposed {
                candidate,
                tie: None,
            },
        ) {
            app.info(objection_round_note(e));
        }
        return;
    }
    let options = e.tie_options();
    if options.is_empty() {
        return app.error("Every nominee has been set aside: nobody is left to propose.");
    }
    let Some(screen) = screen(app) else { return };
    let labels = options
        .iter()
        .map(|o| tie_label(&screen.state, e, o))
        .collect();
    pick(
        app,
        "A tie: the facilitator chooses one option",
        labels,
        GovDraft::TieOptions,
    );
}

/// A tie option in words, with its article and the candidate it proposes.
fn tie_label(state: &Governance, e: &Election, o: &TieOption) -> String {
    let who = |c: Option<usize>| c.map_or(String::new(), |c| format!(": {}", state.name_of(c)));
    let tied: Vec<&str> = e.top().iter().map(|&c| state.name_of(c)).collect();
    let what = match o.rule {
        TieRule::SelfNominee => format!("The only tied self-nominee{}", who(o.candidate)),
        TieRule::Incumbent => format!("The incumbent{}", who(o.candidate)),
        TieRule::RandomDraw if tied.len() > 2 => "A blind random draw among the tied".into(),
        TieRule::RandomDraw => format!("A blind random draw: {}", tied.join(" or ")),
        TieRule::Renominate => {
            "Re-nominate: whoever chose someone else picks one of the tied".to_string()
        }
    };
    format!("{what} ({})", o.article)
}

fn objection_round_note(e: &Election) -> &'static str {
    match e.rules.rules().election.candidate_asked_last {
        Some(_) => "Proposed. The objection round asks everyone, the candidate last.",
        None => "Proposed. The objection round asks everyone in turn.",
    }
}

/// Keys of the objection round on the candidate.
// Recording writes to the store, so it stays in the arm's body, not in a match guard.
#[allow(clippy::collapsible_match)]
fn objections(app: &mut App, item: &GovItem, e: &Election, action: Action) {
    let Some(screen) = screen(app) else { return };
    let present = screen.state.present();
    let open_here = e
        .this_round()
        .find(|(_, o)| o.state == ObjectionState::Open)
        .map(|(i, _)| i);
    match action {
        Action::Open | Action::Objection => {
            let asked = e.next_to_answer(&present);
            let name = asked.map(|who| screen.state.name_of(who).to_string());
            answer_round(app, asked.zip(name), action)
        }
        Action::TestObjection => test_objection(app, item, e),
        Action::Resolve => match e.this_round().find(|(_, o)| o.blocks()) {
            Some((objection, _)) => {
                if vote(app, ElectionEvent::Resolved { objection }) {
                    app.info("Resolved. n asks everyone again.");
                }
            }
            None => app.info("No valid objection is open."),
        },
        Action::Abandon => match open_here {
            Some(objection) => {
                let reason = STAND_IN.into();
                if may_vote(app, ElectionEvent::Abandoned { objection, reason }) {
                    let title = "Abandon the objection: why (not in good faith)?".to_string();
                    prompt(app, title, "", GovDraft::ElectionAbandonReason(objection));
                }
            }
            None => app.info("No objection is open."),
        },
        Action::EditChanges => ask_term(app, e),
        Action::SubStep => {
            if vote(app, ElectionEvent::NewRound) {
                app.info("A new objection round: everyone is asked again.");
            }
        }
        Action::DiscardCandidate => {
            let reason = STAND_IN.into();
            if may_vote(app, ElectionEvent::SetAside { reason }) {
                let who = e.proposed.map_or("?", |c| screen_name(app, c));
                let title = format!("Set {who} aside: why?");
                prompt(app, title, "", GovDraft::SetAsideReason);
            }
        }
        Action::Elect => ask_elect(app, e),
        _ => {}
    }
}

/// The objection round, for the person asked (`asked`, with their name): Enter records that
/// they have no objection, `x` asks for the objection they state.
fn answer_round(app: &mut App, asked: Option<(usize, String)>, action: Action) {
    match asked {
        Some((who, _)) if action == Action::Open => {
            vote(app, ElectionEvent::NoObjection { attendee: who });
        }
        Some((who, name)) => {
            let title = format!("Objection of {name}");
            let objection = ElectionEvent::Objected {
                attendee: who,
                text: STAND_IN.into(),
                role: None,
            };
            if may_vote(app, objection) {
                prompt(app, title, "", GovDraft::ElectionObjection(who));
            }
        }
        None => app.info("Everyone has answered: a elects, c amends the term, d sets aside."),
    }
}

/// `w`: the test of this round's first open objection not tested yet.
fn test_objection(app: &mut App, item: &GovItem, e: &Election) {
    let untested = e
        .this_round()
        .find(|(_, o)| o.test.is_none() && o.state == ObjectionState::Open);
    match untested {
        Some((objection, _)) => {
            let target = TestTarget::Election {
                item: item.seq,
                objection,
            };
            ask_test(app, target, Vec::new());
        }
        None => app.info("No objection is waiting for a test."),
    }
}

/// `c`: asks for the amended term's end, starting from the term as it is.
fn ask_term(app: &mut App, e: &Election) {
    let stand_in = e.held_on + chrono::Days::new(366);
    if may_vote(app, ElectionEvent::TermAmended { term_end: stand_in }) {
        let value = e.term_end.map_or(String::new(), |d| d.to_string());
        let title = "Amended term: it ends on (YYYY-MM-DD)".to_string();
        prompt(app, title, &value, GovDraft::AmendTerm);
    }
}

fn screen_name(app: &mut App, who: usize) -> &str {
    match screen(app) {
        Some(s) => s.state.name_of(who),
        None => "?",
    }
}

/// `a`: asks first, once the meeting would elect.
fn ask_elect(app: &mut App, e: &Election) {
    if !may_vote(app, ElectionEvent::Elect) {
        return;
    }
    let Some(candidate) = e.proposed else { return };
    let who = screen_name(app, candidate).to_string();
    let role = e.role.name(e.rules);
    let term = e.term_end.map_or(String::new(), |d| {
        format!(" until {}", d.format("%-d %B %Y"))
    });
    confirm(
        app,
        format!("Elect {who} {role}{term}? The role is assigned now."),
        ("elect", "not yet"),
        GovDraft::Elect,
    );
}

/// Everyone the meeting knows as a nominee (members present or absent, and guests), each
/// name marked absent or with why they cannot be elected (a ballot for them is refused
/// with that reason).
fn nominees(state: &Governance, org: &Organisation, e: &Election) -> (Vec<usize>, Vec<String>) {
    let seats = state.seats(org);
    let people: Vec<usize> = (0..state.attendees.len()).collect();
    let labels = people
        .iter()
        .map(|&p| {
            let name = state.name_of(p);
            let absent = if seats.present.contains(&p) {
                ""
            } else {
                " (absent)"
            };
            match e.ineligible(p, &seats) {
                Some(why) => format!("{name}{absent} — not eligible: {why}"),
                None => format!("{name}{absent}"),
            }
        })
        .collect();
    (people, labels)
}

/// A date typed as YYYY-MM-DD, else the message to show.
fn date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("\"{text}\" is not a date: type it as 2027-11-24."))
}

/// Puts a modal back as it was, with a message: the answer was not usable.
fn keep(app: &mut App, modal: Option<Modal>, draft: GovDraft, message: &str) {
    restore(app, modal, draft);
    app.error(message);
}

/// Puts a modal back as it was (the status already says why).
fn restore(app: &mut App, modal: Option<Modal>, draft: GovDraft) {
    if let Some(screen) = screen(app) {
        screen.modal = modal;
        screen.draft = draft;
    }
}

/// What a modal's outcome completes for the election being processed.
// Recording writes to the store, so it stays in the arm's body, not in a match guard.
#[allow(clippy::collapsible_match)]
pub fn outcome(app: &mut App, outcome: Outcome, draft: GovDraft, modal: Option<Modal>) {
    let Some(org) = app.view.org.clone() else {
        return;
    };
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let Some(e) = state
        .current_item()
        .and_then(|i| i.election.as_ref())
        .cloned()
    else {
        return;
    };
    match (outcome, draft) {
        (Outcome::Submitted(text), draft @ (GovDraft::Term | GovDraft::AmendTerm)) => {
            set_term(app, &text, draft, modal);
        }
        (Outcome::Picked(i), GovDraft::Voter(voters)) => {
            if let Some(&voter) = voters.get(i) {
                let (people, options) = nominees(state, &org, &e);
                let title = format!("{} nominates", state.name_of(voter));
                pick(app, &title, options, GovDraft::Nominee(voter, people));
            }
        }
        (Outcome::Picked(i), GovDraft::Nominee(voter, people)) => {
            if let Some(&nominee) = people.get(i)
                && vote(app, ElectionEvent::Ballot { voter, nominee })
            {
                app.info("Ballot recorded; it stays hidden until read.");
            }
        }
        (Outcome::Submitted(reason), GovDraft::Reason(voter)) => {
            vote(app, ElectionEvent::Reason { voter, reason });
        }
        (Outcome::Picked(i), GovDraft::ChangeNominee(voter, people)) => {
            let Some(&nominee) = people.get(i) else {
                return;
            };
            let changed = ElectionEvent::Changed {
                voter,
                nominee,
                reason: STAND_IN.into(),
            };
            if may_vote(app, changed) {
                let title = "Why the change?".to_string();
                prompt(app, title, "", GovDraft::ChangeReason(voter, nominee));
            }
        }
        (Outcome::Submitted(reason), GovDraft::ChangeReason(voter, nominee)) => {
            vote(
                app,
                ElectionEvent::Changed {
                    voter,
                    nominee,
                    reason,
                },
            );
        }
        (Outcome::Picked(i), GovDraft::TieOptions) => tie_chosen(app, &e, i),
        (Outcome::Submitted(reason), GovDraft::ElectionAbandonReason(objection)) => {
            vote(app, ElectionEvent::Abandoned { objection, reason });
        }
        (Outcome::Submitted(reason), GovDraft::SetAsideReason) => {
            if vote(app, ElectionEvent::SetAside { reason }) {
                app.info("Set aside: their nominations are ignored. Enter proposes again.");
            }
        }
        (Outcome::Answered(true), GovDraft::Elect) => {
            if vote(app, ElectionEvent::Elect) {
                app.info("Elected: the role is assigned with its term.");
            }
        }
        _ => {}
    }
}

/// The term typed in describing the role, or amended in integration.
fn set_term(app: &mut App, text: &str, draft: GovDraft, modal: Option<Modal>) {
    let term_end = match date(text) {
        Ok(d) => d,
        Err(message) => return keep(app, modal, draft, &message),
    };
    let event = match draft {
        GovDraft::Term => ElectionEvent::Described { term_end },
        _ => ElectionEvent::TermAmended { term_end },
    };
    // A date the election refuses (not after the meeting's day) keeps the prompt
    // open with the reason, so the facilitator corrects it.
    if !may_vote(app, event.clone()) {
        return restore(app, modal, draft);
    }
    if vote(app, event) {
        app.info(match draft {
            GovDraft::Term => "Term set. Enter records each signed ballot.",
            _ => "Term amended: everyone is asked again.",
        });
    }
}

/// The tie option picked (`i` of those that apply): a proposal, or re-nominating.
fn tie_chosen(app: &mut App, e: &Election, i: usize) {
    let Some(option) = e.tie_options().get(i).copied() else {
        return;
    };
    let event = match (option.rule, option.candidate) {
        (TieRule::Renominate, _) => ElectionEvent::Renominate,
        (TieRule::RandomDraw, _) => {
            let seed = app.now().timestamp_nanos_opt().unwrap_or(0).unsigned_abs();
            let tie = Some(TieBreak::Random { seed });
            match e.drawn(seed) {
                Some(candidate) => ElectionEvent::Proposed { candidate, tie },
                None => return,
            }
        }
        (TieRule::SelfNominee, Some(candidate)) => ElectionEvent::Proposed {
            candidate,
            tie: Some(TieBreak::SelfNominee),
        },
        (TieRule::Incumbent, Some(candidate)) => ElectionEvent::Proposed {
            candidate,
            tie: Some(TieBreak::Incumbent),
        },
        _ => return,
    };
    let draw = event.is_draw();
    let renominate = event == ElectionEvent::Renominate;
    if vote(app, event) {
        app.info(if renominate {
            "Back to the change round: each who chose someone else picks one of the tied."
        } else if draw {
            "Drawn. The draw stays in the record; it cannot be taken back."
        } else {
            objection_round_note(e)
        });
    }
}
