//! The meetings the golden fixtures record, driven key by key through the headless app as a
//! facilitator would. Each script leaves the app where the fixture wants it (ended, or open
//! mid-way) and returns the meeting's id.

use crate::common::Harness;
use ratatui::crossterm::event::KeyCode::{self, Char, Enter, Right};
use roundtable::app::Screen;
use roundtable::domain::MeetingId;
use roundtable::ui::Modal;

/// Bakehouse's row in home's list of circles.
const BAKEHOUSE: usize = 1;

/// A whole tactical meeting of the Bakehouse, Mei absent: a second check-in question drawn,
/// notes, checklist answers (one "no check", one reported for Mei), metric values, progress
/// (an update and a "done"), an agenda reordered and with an item taken off, triage with a
/// next action, a project, information and a tension for governance, a minute added, a
/// closing round reordered, with a note taken back.
pub fn tactical(h: &mut Harness) -> MeetingId {
    h.start_tactical(BAKEHOUSE, &["Mei Chen"]);
    let id = h.meeting().meeting;
    h.press(Char('n'));
    h.press(Enter).enter_text("Tired but happy");
    h.wait(80).press(Right).wait(40).press(Right).wait(5);
    h.press(Enter).enter_text("Looking forward to the weekend");
    h.press(Char('>'));
    // Checklist: "no check", one reported by Jonas for Mei, then checks.
    h.press(Char('c')).press(Char('x'));
    h.press(Char('b')).press(Char('c'));
    h.press(Char('c')).press(Char('c'));
    h.press(Char('>'));
    h.press(Enter)
        .enter_text("2,050")
        .enter_text("Festival week");
    h.press(Enter).enter_text("5.1").enter_text("");
    h.press(Enter).enter_text("0.96").enter_text("");
    h.press(Char('>'));
    h.press(Enter).enter_text("Three test batches baked");
    h.press(Char('d')).enter_text("Range tasted and chosen");
    h.press(Char('>'));
    // Agenda: three items, the last taken back.
    h.press(Char('a'))
        .enter_text("Butter timing")
        .choose("Lucía Fernández");
    h.press(Char('a'))
        .enter_text("Oven quote")
        .choose("Kwame Mensah");
    h.press(Char(']')).press(Char('['));
    h.press(Char('a'))
        .enter_text("Mixer noise")
        .choose("Jonas Lindqvist");
    h.press_n(Right, 2).press(Char('x')).press(Char('y'));
    h.press(Char('>'));
    triage(h);
    h.press(Char('t'));
    h.wait(600).press(Char('>'));
    h.press(Char(']'));
    h.press(Enter).enter_text("Typo");
    h.press(Char('u')).press(Char('y'));
    h.press(Enter).enter_text("Good meeting");
    h.press(Char('>')).press(Char('y'));
    assert!(
        matches!(h.app.view().screen, Screen::Minutes(_)),
        "the tactical meeting did not end:\n{}",
        h.screen(100, 30)
    );
    id
}

/// Triage of the two items: outputs of every kind, one closed satisfied and one not.
fn triage(h: &mut Harness) {
    h.press(Enter)
        .choose("Next action")
        .enter_text("Ask the dairy for a 5 am delivery");
    h.choose("Ingredients Buyer — Mei Chen");
    h.press(Enter)
        .choose("Project")
        .enter_text("Dairy contract renegotiated");
    h.choose("Pastry Lead — Lucía Fernández");
    h.press(Char('c')).choose("Yes");
    h.wait(300);
    h.press(Enter)
        .choose("Information")
        .enter_text("Electrician comes Thursday");
    h.press(Enter)
        .choose("Tension")
        .enter_text("Nobody decides which oven to buy");
    h.choose("Ovens and Equipment Keeper");
    h.press(Char('c')).choose("No");
}

/// Shopfront's row in home's list of circles.
const SHOPFRONT: usize = 2;

/// A tactical meeting of Shopfront left open mid-triage: a check-in note, the tension Mei's
/// review raised taken onto the agenda, a second item, a request for the first, the cursor
/// on the second; left with q.
pub fn tactical_open(h: &mut Harness) -> MeetingId {
    h.press_n(KeyCode::Up, 50);
    h.start_tactical(SHOPFRONT, &[]);
    let id = h.meeting().meeting;
    h.press(Enter).enter_text("Busy morning");
    h.press_n(Char('>'), 4);
    h.press(Char('T')).choose("Bags run out on Saturdays");
    h.press(Char('a'))
        .enter_text("Till roll")
        .choose("Mei Chen");
    h.press(Char('>'));
    h.press(Enter)
        .choose("Request")
        .enter_text("Order bags from the second supplier");
    h.choose("Mei Chen's own");
    h.press(Right).press(Char('q'));
    id
}

/// Check-in, then an agenda of a proposal by Kwame ("Waste") and a Secretary election, moved
/// and moved back, the election asked to go first; five minutes more.
fn governance_agenda(h: &mut Harness) -> MeetingId {
    h.start_governance(BAKEHOUSE);
    let id = h.governance().meeting;
    h.press(Enter).enter_text("Ready");
    h.press(Char('>'));
    h.press(Char('a'))
        .choose("A proposal")
        .enter_text("Waste")
        .choose("Kwame Mensah");
    h.press(Char('a')).choose("An election of the Secretary");
    h.press(Char(']')).press(Char('['));
    // Someone present asks for the election to go first; the Secretary extends the meeting
    // by 15 minutes and no member asks otherwise (5.0 §5.4.2).
    h.press(Right).press(Char('f')).press(Enter);
    h.press(Char('t')).enter_text("").press(Char('y'));
    h.press(Char('>'));
    id
}

/// The first option of the open picker.
fn first_option(h: &Harness) -> String {
    match &h.governance().modal {
        Some(Modal::Picker(p)) => p.options[0].clone(),
        _ => panic!("no picker:\n{}", h.screen(100, 30)),
    }
}

/// The Secretary election: the term set, ballots 3-2-1, a change round (Mei to Tomasz, the
/// others keeping theirs) that makes a tie, given to the incumbent, then no objections and
/// the election.
fn election(h: &mut Harness) {
    h.press(Enter).enter_text("");
    for nominee in ["Elif", "Elif", "Elif", "Tomasz", "Tomasz", "Mei"] {
        h.press(Enter);
        let voter = first_option(h);
        h.choose(&voter).choose(nominee);
    }
    h.press(Char('n'));
    for _ in 0..6 {
        h.press(Enter).enter_text("Steady and careful");
    }
    h.press(Char('n'));
    h.press_n(Enter, 5);
    h.press(Char('c'))
        .choose("Tomasz")
        .enter_text("Tomasz has the time");
    h.press(Char('n')).press(Enter).choose("The incumbent");
    for _ in 0..6 {
        h.press(Enter);
    }
    h.press(Char('a')).press(Char('y'));
}

/// Kwame's proposal framed and drafted (a new Waste Tracker role), a clarifying question, a
/// reaction, an amendment (version 2), up to the objection round.
fn proposal_to_objections(h: &mut Harness) {
    h.press(Enter)
        .enter_text("Too much bread thrown away")
        .enter_text("Forty loaves last Friday")
        .choose("Ovens and Equipment Keeper");
    h.press(Char('c'))
        .choose("Create a role")
        .enter_text("Waste Tracker")
        .enter_text("Bread that is baked gets eaten")
        .enter_text("Waste log")
        .enter_text("Weighing unsold bread daily; Reporting waste weekly")
        .choose("Save");
    h.press(Char('n'));
    h.press(Enter)
        .enter_text("Who weighs on Sundays?")
        .enter_text("Nobody yet");
    h.press(Char('n'));
    h.press(Enter).enter_text("Good idea");
    h.press(Char('n'));
    h.press(Char('c'))
        .choose("Create a policy")
        .enter_text("Bread donations")
        .enter_text("Unsold bread goes to the food bank on Mondays.")
        .choose("Save as version 2");
    h.press(Char('n'));
}

/// The objection round: Mei objects, the objection is tested valid, integrated (version 3)
/// and a new round adopts it.
fn objection_integrated(h: &mut Harness) {
    h.press(Enter).press(Enter).press(Enter).press(Enter);
    h.press(Char('x'))
        .enter_text("Nobody weighs on Sundays")
        .choose("No role named");
    h.press(Enter);
    h.press(Char('w'));
    for answer in ['y', 'y', 'y', 'y', 'n'] {
        h.press(Char(answer));
    }
    h.press(Char('n'));
    h.press(Char('c'))
        .choose("Create a policy")
        .enter_text("Sunday weighing")
        .enter_text("The Ovens Keeper weighs unsold bread on Sundays.")
        .choose("Save as version 3");
    h.press(Char('o')).press(Char('p'));
    h.press(Char('n'));
    for _ in 0..6 {
        h.press(Enter);
    }
    h.press(Char('a')).press(Char('y'));
}

/// A time out asked for by the first person present, granted, lasting two minutes.
fn time_out(h: &mut Harness) {
    h.press(Char('T'));
    let who = first_option(h);
    h.choose(&who).press(Char('y'));
    h.wait(120).press(Char('T'));
}

/// A whole governance meeting of the Bakehouse: check-in, agenda, the Secretary election
/// first, a time out, the proposal through an amendment and an integrated objection to its
/// adoption, a closing round with a note taken back, the end.
pub fn governance(h: &mut Harness) -> MeetingId {
    let id = governance_agenda(h);
    election(h);
    h.press(Right);
    time_out(h);
    proposal_to_objections(h);
    objection_integrated(h);
    h.press(Char('>'));
    h.press(Enter).enter_text("Typo");
    h.press(Char('u')).press(Char('y'));
    h.press(Enter).enter_text("Good work");
    h.press(Char('e')).press(Char('y'));
    assert!(
        matches!(h.app.view().screen, Screen::Minutes(_)),
        "the governance meeting did not end:\n{}",
        h.screen(100, 30)
    );
    id
}

/// A second governance meeting of the Bakehouse, left open mid-integration: a proposal for a
/// Crumb Sweeper role, an objection tested valid, the objector satisfied, the proposer not yet; left with q.
pub fn governance_open(h: &mut Harness) -> MeetingId {
    h.start_governance(BAKEHOUSE);
    let id = h.governance().meeting;
    h.press(Char('>'));
    h.press(Char('a'))
        .choose("A proposal")
        .enter_text("Crumbs")
        .choose("Lucía Fernández");
    h.press(Char('>'));
    h.press(Enter)
        .enter_text("Crumbs everywhere at closing")
        .enter_text("The floor on Saturday")
        .choose("Pastry Lead");
    h.press(Char('c'))
        .choose("Create a role")
        .enter_text("Crumb Sweeper")
        .enter_text("A clean floor")
        .enter_text("")
        .enter_text("Sweeping after closing")
        .choose("Save");
    h.press_n(Char('n'), 4);
    h.press(Char('x'))
        .enter_text("Sweeping needs a broom budget")
        .choose("No role named");
    h.press(Char('w'));
    for answer in ['y', 'y', 'y', 'y', 'n'] {
        h.press(Char(answer));
    }
    h.press(Char('n')).press(Char('o'));
    h.press(Char('q'));
    id
}

/// Picks `name` in home's "whose roles?" picker.
fn start_review(h: &mut Harness, name: &str) {
    h.press_n(KeyCode::Up, 50).press(Char('r'));
    let Screen::Home(home) = &h.app.view().screen else {
        panic!("not home:\n{}", h.screen(100, 30))
    };
    let Some(Modal::Picker(p)) = &home.modal else {
        panic!("no person picker")
    };
    let at = p.options.iter().position(|o| o == name).expect("listed");
    h.press_n(KeyCode::Down, at).press(Enter);
}

fn review_screen(h: &Harness) -> &roundtable::app::ReviewScreen {
    match &h.app.view().screen {
        Screen::Review(r) => r,
        _ => panic!("no review:\n{}", h.screen(100, 30)),
    }
}

/// Presses → until the review stands on a stop matching `wanted`.
fn go_to(h: &mut Harness, wanted: impl Fn(roundtable::domain::review::Stop) -> bool) {
    for _ in 0..100 {
        if wanted(review_screen(h).state.stop()) {
            return;
        }
        h.press(Right);
    }
    panic!("no such stop:\n{}", h.screen(100, 30));
}

/// Mei's solo review: a next action and a project for an accountability, one taken back, a
/// project done, a checklist answer, a tension for Shopfront, then the summary and the end.
pub fn review(h: &mut Harness) -> MeetingId {
    use roundtable::domain::review::Stop;
    start_review(h, "Mei Chen");
    h.press(Right)
        .press(Char('n'))
        .enter_text("Draft the December minutes template");
    h.press(Char('n')).enter_text("Typo");
    h.press(Char('u')).press(Char('y'));
    h.press(Char('p')).enter_text("Minutes template adopted");
    go_to(h, |s| matches!(s, Stop::Project { .. }));
    h.press(Char('d'));
    go_to(h, |s| matches!(s, Stop::Checklist { .. }));
    h.press(Char('x'));
    go_to(h, |s| s == Stop::Tensions);
    h.press(Char('t'));
    let Some(Modal::Picker(p)) = &review_screen(h).modal else {
        panic!("no circle picker")
    };
    let shopfront = p.options.iter().position(|o| o == "Shopfront");
    h.press_n(KeyCode::Down, shopfront.expect("Shopfront"))
        .press(Enter)
        .enter_text("Bags run out on Saturdays");
    h.press(Right);
    let id = h
        .app
        .store()
        .open_review(person(h, "Mei Chen"))
        .expect("query")
        .expect("an open review");
    h.press(Enter).press(Char('y'));
    assert!(matches!(h.app.view().screen, Screen::Home(_)));
    id
}

/// Jonas's solo review left open at its third stop with one entry.
pub fn review_open(h: &mut Harness) -> MeetingId {
    start_review(h, "Jonas Lindqvist");
    h.press(Right)
        .press(Char('n'))
        .enter_text("Order more proofing baskets");
    h.press(Right).press(Right);
    let id = h
        .app
        .store()
        .open_review(person(h, "Jonas Lindqvist"))
        .expect("query")
        .expect("an open review");
    h.press(Char('q'));
    id
}

fn person(h: &Harness, name: &str) -> roundtable::domain::PersonId {
    let org = h.app.view().org.clone().expect("org");
    org.people()
        .iter()
        .find(|p| p.name == name)
        .map(|p| p.id)
        .expect(name)
}
