//! What someone at a governance meeting asks of it, and time: an election to go first (4.1
//! §3.3.4(b); 5.0 §5.4.4), an interpretation from the Secretary (4.1 §3.4; 5.0 §4.2), the
//! scheduled end and the Secretary's extension (5.0 §5.4.2). Each asks who is asking, then
//! records it with their name.
//!
//! Owns: starting those entries and completing them from their pickers and prompts.
//! Must not import: tokio; must not draw.

use super::{ask, confirm, may, pick, prompt, record, screen};
use crate::app::App;
use crate::app::modal::Outcome;
use crate::app::modal::attendee_options;
use crate::domain::meeting::flow::STAND_IN;
use crate::domain::meeting::governance::{GovEvent, GovStep, ItemKind};
use crate::domain::names::same_name;
use crate::ui::GovDraft;

/// Whether `draft` is one of this module's.
pub fn is_ask_draft(draft: &GovDraft) -> bool {
    matches!(
        draft,
        GovDraft::FirstBy(..)
            | GovDraft::ExtendBy
            | GovDraft::ExtendAsk(_)
            | GovDraft::InterpretBy(_)
            | GovDraft::InterpretQuestion(_)
            | GovDraft::InterpretRuling(..)
            | GovDraft::SpecialBy(_)
            | GovDraft::RequesterAllows(_)
            | GovDraft::SpecialIntent(_)
            | GovDraft::SpecialLimits(..)
            | GovDraft::BreakdownBy(_)
            | GovDraft::BreakdownReason(_)
    )
}

/// `f` in agenda building: who asks for the selected election to go first.
pub(super) fn election_first(app: &mut App) {
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let selected = state.order.get(state.cursors[GovStep::Agenda.index()]);
    let Some(item) = selected
        .and_then(|&s| state.item(s))
        .filter(|i| matches!(i.kind, ItemKind::Election { .. }))
        .map(|i| i.seq)
    else {
        return app.info("Select an election (→ ←) to move it first.");
    };
    let present = state.present();
    let names = attendee_options(&present, |i| state.name_of(i));
    let asked_by = present.first().copied();
    if may(app, &GovEvent::ElectionFirst { item, asked_by }) {
        pick(
            app,
            "Who asks for the election to go first?",
            names,
            GovDraft::FirstBy(item, present),
        );
    }
}

/// Under a rule set that ends meetings at their scheduled end (5.0 §5.4.2), records that
/// the end was reached, the first time a key is pressed after it.
pub(super) fn notice_time_up(app: &mut App) {
    let now = app.now();
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let due = state.rules.rules().ends_at_planned_time
        && !state.time_up
        && state.ended_at.is_none()
        && now > state.deadline();
    if due && record(app, GovEvent::TimeUp) {
        app.info("The scheduled end is reached (5.0 §5.4.2): e ends the meeting; t if the Secretary extends it.");
    }
}

/// `t` under 5.0: the Secretary extends the meeting, if no member asks otherwise.
pub(super) fn extend(app: &mut App) {
    let Some(screen) = screen(app) else { return };
    let Some(secretary) = screen.state.secretary else {
        return app.info("Only the Secretary extends the meeting (5.0 §5.4.2), and it has none.");
    };
    let name = screen.state.name_of(secretary).to_string();
    let asked = GovEvent::Extended {
        secretary,
        minutes: 15,
    };
    if may(app, &asked) {
        let title = format!("{name} (Secretary) extends the meeting by how many minutes?");
        prompt(app, title, "15", GovDraft::ExtendBy);
    }
}

/// `I`: who asks the Secretary for an interpretation.
pub(super) fn interpret(app: &mut App) {
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let present = state.present();
    let (Some(&asked_by), Some(secretary)) = (present.first(), state.secretary) else {
        return app.info(
            "Interpretations are the Secretary's (4.1 §3.4; 5.0 §4.2): this meeting has none.",
        );
    };
    let asked = GovEvent::Interpreted {
        asked_by,
        secretary,
        question: STAND_IN.into(),
        ruling: STAND_IN.into(),
    };
    if !may(app, &asked) {
        return;
    }
    let Some(screen) = super::screen(app) else {
        return;
    };
    let state = &screen.state;
    let names = attendee_options(&present, |i| state.name_of(i));
    pick(
        app,
        "Who asks the Secretary for a ruling?",
        names,
        GovDraft::InterpretBy(present),
    );
}

/// `S`: who requested this special meeting (4.1 §3.3; 5.0 §5.4); once recorded, under 4.1,
/// whether the requester allows others' items before theirs (§3.3.4(b)).
pub(super) fn special(app: &mut App) {
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    if let Some(special) = &state.special {
        let requester = special.requester;
        if !may(app, &GovEvent::RequesterAllows { requester }) {
            return;
        }
        let Some(screen) = super::screen(app) else {
            return;
        };
        let question = format!(
            "Does {} allow others' items before theirs? (4.1 §3.3.4(b): \"unless that participant allows otherwise\")",
            screen.state.name_of(requester)
        );
        return confirm(
            app,
            question,
            ("allows", "not"),
            GovDraft::RequesterAllows(requester),
        );
    }
    let present = state.present();
    let Some(&requester) = present.first() else {
        return;
    };
    let asked = GovEvent::SpecialRequested {
        requester,
        intent: String::new(),
        limits: Vec::new(),
    };
    if !may(app, &asked) {
        return;
    }
    let Some(screen) = super::screen(app) else {
        return;
    };
    let state = &screen.state;
    let names = attendee_options(&present, |i| state.name_of(i));
    pick(
        app,
        "Who requested this special meeting?",
        names,
        GovDraft::SpecialBy(present),
    );
}

/// The roles of the meeting's circle named in `text` (comma-separated, any case), or the
/// first name that is none of them.
fn roles_named(app: &App, text: &str) -> Result<Vec<crate::domain::RoleId>, String> {
    let (Some(org), Some(state)) = (
        app.view.org.as_ref(),
        match &app.view.screen {
            crate::app::Screen::Governance(g) => Some(&g.state),
            _ => None,
        },
    ) else {
        return Ok(Vec::new());
    };
    text.split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| {
            org.roles_in(state.circle)
                .find(|r| same_name(&r.name, n))
                .map(|r| r.id)
                .ok_or_else(|| format!("\"{n}\" is not a role of this circle."))
        })
        .collect()
}

/// The breakdown option of `d`: who declares it, among those present the rule set allows
/// (4.1 §3.5.1; 5.0 §5.5).
pub(super) fn ask_breakdown(app: &mut App) {
    let Some(org) = app.view.org.clone() else {
        return;
    };
    let Some(screen) = screen(app) else { return };
    let state = &screen.state;
    let item = state.current_item().map(|i| i.seq);
    let allowed: Vec<usize> = state
        .present()
        .into_iter()
        .filter(|&by| {
            let declared = GovEvent::BreakdownDeclared {
                by,
                reason: STAND_IN.into(),
                item,
            };
            state.decide(&declared, &org).is_ok()
        })
        .collect();
    if allowed.is_empty() {
        let article = state.rules.rules().breakdown_article;
        return app.info(format!(
            "Nobody here may declare a process breakdown ({article})."
        ));
    }
    let names = attendee_options(&allowed, |i| state.name_of(i));
    pick(
        app,
        "Who declares the process breakdown?",
        names,
        GovDraft::BreakdownBy(allowed),
    );
}

/// What an answer completes.
pub fn outcome(app: &mut App, outcome: Outcome) {
    let Some(gov) = screen(app) else { return };
    let draft = std::mem::take(&mut gov.draft);
    gov.modal = None;
    let secretary = gov.state.secretary;
    let name = |i: Option<usize>| {
        i.map(|i| gov.state.name_of(i).to_string())
            .unwrap_or_default()
    };
    let secretary_name = name(secretary);
    match (outcome, draft) {
        (Outcome::Picked(i), GovDraft::FirstBy(item, people)) => {
            election_asked_first(app, item, people.get(i).copied());
        }
        (Outcome::Submitted(text), GovDraft::ExtendBy) => {
            ask_members_about_extension(app, &secretary_name, &text);
        }
        (Outcome::Answered(true), GovDraft::ExtendAsk(minutes)) => {
            if let Some(secretary) = secretary {
                record_extension(app, secretary, minutes);
            }
        }
        (Outcome::Answered(false), GovDraft::ExtendAsk(_)) => {
            app.info("Not extended: a member asked otherwise (5.0 §5.4.2).");
        }
        (Outcome::Picked(i), GovDraft::InterpretBy(people)) => {
            if let Some(&who) = people.get(i) {
                let title = format!("{}'s question for the Secretary", name(Some(who)));
                prompt(app, title, "", GovDraft::InterpretQuestion(who));
            }
        }
        (Outcome::Submitted(question), GovDraft::InterpretQuestion(who))
            if !question.trim().is_empty() =>
        {
            let title = format!("{secretary_name}'s ruling, with its logic (Secretary)");
            prompt(app, title, "", GovDraft::InterpretRuling(who, question));
        }
        (Outcome::Submitted(ruling), GovDraft::InterpretRuling(asked_by, question))
            if !ruling.trim().is_empty() =>
        {
            if let Some(secretary) = secretary {
                record_ruling(app, (asked_by, secretary), question, ruling);
            }
        }
        (Outcome::Answered(true), GovDraft::RequesterAllows(requester)) => {
            allow_otherwise(app, requester)
        }
        (Outcome::Picked(i), GovDraft::SpecialBy(people)) => {
            if let Some(&requester) = people.get(i) {
                let with_intent = gov.state.rules.rules().special.intent_and_limits;
                let requester = (requester, name(Some(requester)));
                special_requested_by(app, requester, with_intent);
            }
        }
        (Outcome::Submitted(intent), GovDraft::SpecialIntent(requester)) => prompt(
            app,
            "Roles it may change, by name, comma-separated (empty: no limit)".into(),
            "",
            GovDraft::SpecialLimits(requester, intent),
        ),
        (Outcome::Submitted(text), GovDraft::SpecialLimits(requester, intent)) => {
            limits_typed(app, requester, intent, &text)
        }
        (Outcome::Picked(i), GovDraft::BreakdownBy(people)) => {
            if let Some(&by) = people.get(i) {
                let title = format!("Process breakdown declared by {}: why?", name(Some(by)));
                prompt(app, title, "", GovDraft::BreakdownReason(by));
            }
        }
        (Outcome::Submitted(reason), GovDraft::BreakdownReason(by))
            if !reason.trim().is_empty() =>
        {
            declare_breakdown(app, by, reason);
        }
        (Outcome::Submitted(_), _) => app.error("Nothing was recorded: the words were empty."),
        _ => {}
    }
}

/// The roles a special meeting's request may change, typed by name: the request is recorded
/// with its intent, or refused (a name no role of the circle has) with nothing recorded.
fn limits_typed(app: &mut App, requester: usize, intent: String, text: &str) {
    match roles_named(app, text) {
        Ok(limits) => record_special(app, requester, intent, limits),
        Err(why) => app.error(why),
    }
}

/// The minutes the Secretary extends the meeting by, typed: the members are asked whether
/// any asks otherwise (5.0 §5.4.2).
fn ask_members_about_extension(app: &mut App, secretary_name: &str, text: &str) {
    match text.trim().parse::<u32>() {
        Ok(minutes) if (1..=240).contains(&minutes) => ask(
            app,
            "Extending the meeting (5.0 §5.4.2)",
            format!(
                "{secretary_name} extends the meeting by {minutes} minutes. Does any member ask otherwise?"
            ),
            ("nobody does", "a member does"),
            GovDraft::ExtendAsk(minutes),
        ),
        _ => app.error("Type the minutes, 1 to 240."),
    }
}

/// No member asked otherwise: the Secretary's extension is recorded.
fn record_extension(app: &mut App, secretary: usize, minutes: u32) {
    if record(app, GovEvent::Extended { secretary, minutes }) {
        app.info(format!("Extended by {minutes} minutes by the Secretary."));
    }
}

/// Records that the election `item` goes first, as `asked_by` asked.
fn election_asked_first(app: &mut App, item: u64, asked_by: Option<usize>) {
    if record(app, GovEvent::ElectionFirst { item, asked_by }) {
        app.info("The election goes first, and stays first.");
    }
}

/// A process breakdown declared by `by`, with its reason, on the item being processed.
fn declare_breakdown(app: &mut App, by: usize, reason: String) {
    let item = gov_item(app);
    if record(app, GovEvent::BreakdownDeclared { by, reason, item }) {
        app.info("Process breakdown declared and recorded with its reason.");
    }
}

/// The Secretary's ruling on the question `asked_by` asked, recorded for the minutes to
/// publish.
fn record_ruling(
    app: &mut App,
    (asked_by, secretary): (usize, usize),
    question: String,
    ruling: String,
) {
    let ruled = GovEvent::Interpreted {
        asked_by,
        secretary,
        question,
        ruling,
    };
    if record(app, ruled) {
        app.info("The ruling is recorded; the minutes publish it.");
    }
}

/// The member who requested a special meeting picked: their intent is asked for where the
/// rule set has one (5.0 §5.4), or the request is recorded.
fn special_requested_by(app: &mut App, (requester, name): (usize, String), with_intent: bool) {
    if with_intent {
        let title = format!("{name}'s intent for the meeting (empty: none; 5.0 §5.4)");
        return prompt(app, title, "", GovDraft::SpecialIntent(requester));
    }
    record_special(app, requester, String::new(), Vec::new());
}

/// Records that the requester allows others' items before theirs (4.1 §3.3.4(b)).
fn allow_otherwise(app: &mut App, requester: usize) {
    if record(app, GovEvent::RequesterAllows { requester }) {
        app.info("Recorded: the facilitator may order the agenda as for any meeting.");
    }
}

fn record_special(
    app: &mut App,
    requester: usize,
    intent: String,
    limits: Vec<crate::domain::RoleId>,
) {
    let requested = GovEvent::SpecialRequested {
        requester,
        intent,
        limits,
    };
    if record(app, requested) {
        app.info("A special meeting: recorded with who requested it.");
    }
}

/// The item being processed, if any.
fn gov_item(app: &mut App) -> Option<u64> {
    screen(app)?.state.current_item().map(|i| i.seq)
}
