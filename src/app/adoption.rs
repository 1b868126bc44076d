//! The adoption from an empty organisation: the keys of its steps, the questions they ask,
//! and recording the adoption once the ratifiers confirm it. The draft itself and every check
//! on it are the domain's (`domain::adoption`); it is kept with the database after each key
//! (`kept`), so a program killed mid-adoption comes back to it.
//!
//! Owns: the flow of `AdoptForm`, opening and resuming the adoption, adopting.
//! Must not import: tokio; must not draw.

use super::App;
use super::keys::Action;
use super::modal::Outcome;
use crate::app::Screen;
use crate::domain::RuleSet;
use crate::domain::adoption::{Adoption, NewRole, Refusal, Step, lines_of};
use crate::domain::text::and_list;
use crate::store::Adopted;
use crate::ui::{AdoptForm, AdoptionState, Confirm, Modal, Picker, Prompt, PromptKind};
use chrono::NaiveDate;

/// Opens the adoption: the one kept from before, or a new one.
pub fn begin(app: &mut App) {
    let mut state = AdoptionState::default();
    let kept = match app.store.adoption_draft() {
        Ok(kept) => kept,
        Err(e) => return app.error(format!("The adoption kept before cannot be read: {e}.")),
    };
    let resumed = kept.is_some();
    app.view.screen = Screen::Adoption(Box::new(state.clone()));
    if let Some(text) = kept {
        app.resume_adoption(&text);
    } else {
        state.draft = Adoption::new(RuleSet::default());
        app.view.screen = Screen::Adoption(Box::new(state));
    }
    let Screen::Adoption(s) = &mut app.view.screen else {
        return;
    };
    s.selected = selected_choice(&s.draft);
    if resumed {
        app.info("Back to the adoption you were writing: nothing entered was lost.");
    }
}

/// On a step that chooses one, the row of the current choice.
fn selected_choice(d: &Adoption) -> usize {
    match d.step {
        Step::RuleSet => RuleSet::ALL
            .iter()
            .position(|r| *r == d.rule_set)
            .unwrap_or(0),
        Step::Assignments => d
            .controls()
            .iter()
            .position(|c| *c == d.control)
            .unwrap_or(0),
        _ => 0,
    }
}

fn state(app: &mut App) -> Option<&mut AdoptionState> {
    match &mut app.view.screen {
        Screen::Adoption(s) => Some(s),
        _ => None,
    }
}

/// Opens a question on the adoption screen.
fn ask(app: &mut App, form: AdoptForm, modal: Modal) {
    if let Some(s) = state(app) {
        s.form = Some(form);
        s.modal = Some(modal);
    }
}

fn prompt(app: &mut App, form: AdoptForm, kind: PromptKind, title: &str) {
    ask(
        app,
        form,
        Modal::Prompt(Prompt::titled(kind, title.to_string())),
    );
}

/// Runs an action on the adoption screen.
pub fn act(app: &mut App, action: Action) {
    let Some(s) = state(app) else { return };
    let len = s.rows().len();
    let step = s.draft.step;
    match action {
        Action::Up => s.selected = crate::ui::step(s.selected, len, -1),
        Action::Down => s.selected = crate::ui::step(s.selected, len, 1),
        Action::NextStep => next(app),
        Action::PreviousStep => {
            s.draft.back();
            s.selected = selected_choice(&s.draft);
        }
        Action::Leave | Action::Back => {
            app.view.screen = Screen::Welcome(Default::default());
            app.info("The adoption is kept: 2 takes it up again where you left it.");
        }
        Action::AdoptToggle => s.draft.toggle_ratifier(s.selected),
        Action::AdoptRemove => remove(s),
        Action::AdoptCircle => prompt(
            app,
            AdoptForm::CircleName,
            PromptKind::PersonName,
            "Name of the sub-circle",
        ),
        Action::AdoptAdd => add(app, step),
        Action::Open => open(app),
        _ => {}
    }
}

fn remove(s: &mut AdoptionState) {
    let i = s.selected;
    match s.draft.step {
        Step::People => s.draft.remove_person(i),
        Step::Roles => s.draft.remove_role(i),
        Step::Structure => s.draft.remove_structure(i),
        Step::Fillers => {
            if let Some(seat) = s.draft.seats().get(i) {
                s.draft.clear_seat(seat);
            }
        }
        _ => {}
    }
    s.selected = s.selected.min(s.rows().len().saturating_sub(1));
}

fn add(app: &mut App, step: Step) {
    match step {
        Step::People => prompt(
            app,
            AdoptForm::PersonName,
            PromptKind::PersonName,
            "Name of the person",
        ),
        Step::Roles => prompt(
            app,
            AdoptForm::RoleName,
            PromptKind::PersonName,
            "Name of the role",
        ),
        Step::Structure => prompt(
            app,
            AdoptForm::PolicyName,
            PromptKind::PersonName,
            "Name of the policy",
        ),
        _ => {}
    }
}

/// Enter on the step: choose, edit or fill the selected row; adopt on the last step.
fn open(app: &mut App) {
    let Some(s) = state(app) else { return };
    let i = s.selected;
    match s.draft.step {
        Step::RuleSet => {
            if let Some(r) = RuleSet::ALL.get(i) {
                s.draft.choose_rule_set(*r);
                next(app);
            }
        }
        Step::Assignments => {
            if let Some(c) = s.draft.controls().get(i).cloned() {
                s.draft.set_control(c);
                next(app);
            }
        }
        Step::Organisation if i == 1 => {
            let purpose = s.draft.purpose.clone();
            let p = Prompt::filled(
                PromptKind::Text,
                "The organisation's purpose".into(),
                &purpose,
            );
            ask(app, AdoptForm::Purpose, Modal::Prompt(p));
        }
        Step::Organisation => {
            let name = s.draft.name.clone();
            let p = Prompt::filled(
                PromptKind::OrganisationName,
                "Name of the organisation".into(),
                &name,
            );
            ask(app, AdoptForm::Name, Modal::Prompt(p));
        }
        Step::Fillers => fill(app, i),
        Step::Confirm => confirm(app),
        _ => {}
    }
}

fn next(app: &mut App) {
    if let Some(s) = state(app) {
        match s.draft.advance() {
            Ok(()) => s.selected = selected_choice(&s.draft),
            Err(why) => app.error(super::tactical::capitalised(&why.to_string())),
        }
    }
}

fn fill(app: &mut App, seat: usize) {
    let Some(s) = state(app) else { return };
    let Some(label) = s.draft.seats().get(seat).map(|s| s.label()) else {
        return;
    };
    let options = s.draft.people.iter().map(|p| p.name.clone()).collect();
    let picker = Picker {
        title: format!("Who fills {label} from the start?"),
        options,
        selected: 0,
    };
    ask(app, AdoptForm::FillWho { seat }, Modal::Picker(picker));
}

fn confirm(app: &mut App) {
    let Some(s) = state(app) else { return };
    if let Err(why) = s.draft.file() {
        return app.error(super::tactical::capitalised(&why.to_string()));
    }
    let d = &s.draft;
    let question = format!(
        "{} adopt {} for {}? From then on only governance and the Lead's assignments change its structure.",
        and_list(&d.ratifiers, ""),
        d.rule_set,
        d.name
    );
    let modal = Modal::Confirm(Confirm::new(question, "adopt", "not yet"));
    ask(app, AdoptForm::Adopt, modal);
}

/// Records the adoption and opens home.
fn adopt(app: &mut App) {
    let Some(s) = state(app) else { return };
    let file = match s.draft.file() {
        Ok(file) => file,
        Err(why) => return app.error(super::tactical::capitalised(&why.to_string())),
    };
    let now = app.now();
    if let Err(e) = app.store.adopt(&file, &Adopted::at(now)) {
        return app.error(format!(
            "Not adopted: {e}. Everything entered is still here: try again."
        ));
    }
    app.kept_entry = None;
    match app.reload_home() {
        Ok(()) => app.info(format!(
            "Adopted by {}. Next: t starts a tactical meeting, g a governance one.",
            and_list(&file.ratifiers, "the ratifiers")
        )),
        Err(e) => app.error(e.to_string()),
    }
}

/// The answer to the question open on the adoption screen: the draft takes it, the next
/// question opens, or a one-line refusal says why nothing changed.
pub fn outcome(app: &mut App, outcome: Outcome) {
    let Some(s) = state(app) else { return };
    let asked = s.modal.take();
    let Some(form) = s.form.take() else { return };
    // A refused answer leaves its question open with what was typed, to be corrected.
    let again = (form.clone(), asked);
    let result = match form {
        AdoptForm::RoleName
        | AdoptForm::RolePurpose { .. }
        | AdoptForm::RoleAccountabilities { .. }
        | AdoptForm::RoleDomains { .. } => role_answer(app, form, outcome),
        AdoptForm::FillWho { .. } | AdoptForm::Term { .. } | AdoptForm::Focus { .. } => {
            fill_answer(app, form, outcome)
        }
        AdoptForm::Adopt => {
            if outcome == Outcome::Answered(true) {
                adopt(app);
            }
            Ok(())
        }
        _ => answer(app, form, outcome),
    };
    if let Err(why) = result {
        if let (Some(s), (form, Some(modal))) = (state(app), again)
            && s.modal.is_none()
        {
            s.form = Some(form);
            s.modal = Some(modal);
        }
        app.error(super::tactical::capitalised(&why.to_string()));
    }
}

/// The draft on screen and its selection.
fn parts(app: &mut App) -> Option<(&mut Adoption, &mut usize)> {
    state(app).map(|s| (&mut s.draft, &mut s.selected))
}

/// The organisation's name and purpose, people, policies and sub-circles.
fn answer(app: &mut App, form: AdoptForm, outcome: Outcome) -> Result<(), Refusal> {
    let Outcome::Submitted(text) = outcome else {
        return Ok(());
    };
    let Some((d, selected)) = parts(app) else {
        return Ok(());
    };
    match form {
        AdoptForm::Name => {
            d.set_name(&text)?;
            if d.purpose.is_empty() {
                *selected = 1;
            }
        }
        AdoptForm::Purpose => d.set_purpose(&text),
        AdoptForm::PersonName => {
            let name = d.person_name(&text)?;
            let title = "E-mail (optional: Enter to skip)";
            prompt(
                app,
                AdoptForm::PersonEmail { name },
                PromptKind::Email,
                title,
            );
        }
        AdoptForm::PersonEmail { name } => {
            d.add_person(&name, Some(&text))?;
            *selected = d.people.len() - 1;
        }
        AdoptForm::PolicyName => {
            let name = d.policy_name(&text)?;
            let title = "The policy's text";
            prompt(app, AdoptForm::PolicyText { name }, PromptKind::Text, title);
        }
        AdoptForm::PolicyText { name } => d.add_policy(&name, &text)?,
        AdoptForm::CircleName => {
            let name = d.anchor_name(&text, "a sub-circle")?;
            let title = "The sub-circle's purpose";
            prompt(
                app,
                AdoptForm::CirclePurpose { name },
                PromptKind::Text,
                title,
            );
        }
        AdoptForm::CirclePurpose { name } => d.add_circle(&name, &text)?,
        _ => {}
    }
    Ok(())
}

/// A new role: its name, purpose, accountabilities and domains, one question each.
fn role_answer(app: &mut App, form: AdoptForm, outcome: Outcome) -> Result<(), Refusal> {
    let Outcome::Submitted(text) = outcome else {
        return Ok(());
    };
    let Some((d, selected)) = parts(app) else {
        return Ok(());
    };
    match form {
        AdoptForm::RoleName => {
            let name = d.anchor_name(&text, "a role")?;
            let title = "The role's purpose";
            prompt(
                app,
                AdoptForm::RolePurpose { name },
                PromptKind::Text,
                title,
            );
        }
        AdoptForm::RolePurpose { name } => {
            let next = AdoptForm::RoleAccountabilities {
                name,
                purpose: text,
            };
            let title = "Its accountabilities, one a line (Enter when done)";
            prompt(app, next, PromptKind::List, title);
        }
        AdoptForm::RoleAccountabilities { name, purpose } => {
            let next = AdoptForm::RoleDomains {
                name,
                purpose,
                accountabilities: lines_of(&text),
            };
            let title = "Its domains, one a line (Enter for none)";
            prompt(app, next, PromptKind::List, title);
        }
        AdoptForm::RoleDomains {
            name,
            purpose,
            accountabilities,
        } => {
            d.add_role(NewRole {
                name,
                purpose,
                accountabilities,
                domains: lines_of(&text),
            })?;
            *selected = d.roles.len() - 1;
        }
        _ => {}
    }
    Ok(())
}

/// A first filler: who, then (for an elected role) the term's last day.
fn fill_answer(app: &mut App, form: AdoptForm, outcome: Outcome) -> Result<(), Refusal> {
    let today = app.now().date_naive();
    let Some((d, _)) = parts(app) else {
        return Ok(());
    };
    match (form, outcome) {
        (AdoptForm::FillWho { seat }, Outcome::Picked(person)) => {
            let elected = d
                .seats()
                .get(seat)
                .and_then(|s| s.core)
                .is_some_and(|c| c.is_elected());
            if !elected {
                fill_seat(d, seat, person, None, today)?;
                let title = format!(
                    "Focus for {} (optional: Enter for none)",
                    d.people.get(person).map_or("", |p| p.name.as_str())
                );
                prompt(
                    app,
                    AdoptForm::Focus { seat, person },
                    PromptKind::Focus,
                    &title,
                );
                return Ok(());
            }
            let title = "Last day of the term (YYYY-MM-DD)";
            prompt(
                app,
                AdoptForm::Term { seat, person },
                PromptKind::Date,
                title,
            );
            Ok(())
        }
        (AdoptForm::Term { seat, person }, Outcome::Submitted(text)) => {
            match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
                Ok(end) => fill_seat(d, seat, person, Some(end), today),
                Err(_) => Err(Refusal::Rule(format!(
                    "\"{text}\" is not a date: type it as 2027-06-30"
                ))),
            }
        }
        (AdoptForm::Focus { seat, person }, Outcome::Submitted(text)) => {
            if let Some(s) = d.seats().get(seat) {
                d.focus(s, person, &text);
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

fn fill_seat(
    d: &mut Adoption,
    seat: usize,
    person: usize,
    term_end: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(), Refusal> {
    match d.seats().get(seat) {
        Some(s) => d.fill(s, person, term_end, today),
        None => Ok(()),
    }
}
