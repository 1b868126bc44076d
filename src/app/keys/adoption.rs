//! The adoption screens' keys, one table per kind of step, so that the hint bar offers
//! exactly what the step takes and always how to go on and back.
//!
//! Owns: those tables and which step uses which. Must not import: rusqlite, tokio.

use super::{Action, Binding, HELP, MOVE_DOWN, MOVE_UP, also, bind};
use crate::domain::adoption::Step;
use ratatui::crossterm::event::KeyCode::{BackTab, Char, Enter, Esc, Tab};

const NEXT: Binding = bind(
    &[Tab],
    Action::NextStep,
    "Tab",
    "next step",
    "on to the next step",
);
const BACK: Binding = bind(
    &[BackTab],
    Action::PreviousStep,
    "Shift+Tab",
    "back",
    "back to the previous step (nothing is lost)",
);
const LEAVE: Binding = bind(
    &[Esc],
    Action::Leave,
    "Esc",
    "later",
    "back to the welcome screen; the adoption is kept for later",
);
const ADD: Binding = bind(&[Char('a')], Action::AdoptAdd, "a", "add", "add one");
const REMOVE: Binding = bind(
    &[Char('x'), Char('d')],
    Action::AdoptRemove,
    "x",
    "remove",
    "take the selected one out",
);

/// Choosing one of a list (the constitution, who assigns roles).
pub const ADOPT_CHOOSE: &[Binding] = &[
    bind(
        &[Enter, Char(' ')],
        Action::Open,
        "Enter",
        "choose",
        "choose the selected one and go on",
    ),
    MOVE_UP,
    MOVE_DOWN,
    NEXT,
    BACK,
    LEAVE,
    HELP,
];

/// The organisation's name and purpose.
pub const ADOPT_ORGANISATION: &[Binding] = &[
    bind(
        &[Enter],
        Action::Open,
        "Enter",
        "edit",
        "type the selected one (name, then purpose)",
    ),
    MOVE_UP,
    MOVE_DOWN,
    NEXT,
    BACK,
    LEAVE,
    HELP,
];

/// A list the ratifiers add to (people, roles).
pub const ADOPT_LIST: &[Binding] = &[
    ADD,
    also(&[Enter], Action::AdoptAdd),
    REMOVE,
    MOVE_UP,
    MOVE_DOWN,
    NEXT,
    BACK,
    LEAVE,
    HELP,
];

/// Policies and sub-circles.
pub const ADOPT_STRUCTURE: &[Binding] = &[
    bind(
        &[Char('a'), Enter],
        Action::AdoptAdd,
        "a",
        "policy",
        "add a policy of the anchor circle",
    ),
    bind(
        &[Char('c')],
        Action::AdoptCircle,
        "c",
        "sub-circle",
        "add a sub-circle of the anchor circle",
    ),
    REMOVE,
    MOVE_UP,
    MOVE_DOWN,
    NEXT,
    BACK,
    LEAVE,
    HELP,
];

/// Who ratifies.
pub const ADOPT_RATIFIERS: &[Binding] = &[
    bind(
        &[Char(' '), Enter],
        Action::AdoptToggle,
        "Space",
        "ratifies",
        "mark the selected person as a ratifier, or not",
    ),
    MOVE_UP,
    MOVE_DOWN,
    NEXT,
    BACK,
    LEAVE,
    HELP,
];

/// The first fillers.
pub const ADOPT_FILLERS: &[Binding] = &[
    bind(
        &[Enter, Char('a')],
        Action::Open,
        "Enter",
        "fill",
        "name a first filler of the selected role",
    ),
    bind(
        &[Char('x'), Char('d')],
        Action::AdoptRemove,
        "x",
        "clear",
        "take the selected role's first fillers off",
    ),
    MOVE_UP,
    MOVE_DOWN,
    NEXT,
    BACK,
    LEAVE,
    HELP,
];

/// Reading it through and adopting.
pub const ADOPT_CONFIRM: &[Binding] = &[
    bind(
        &[Enter],
        Action::Open,
        "Enter",
        "adopt",
        "adopt the constitution with this structure (asks first)",
    ),
    MOVE_UP,
    MOVE_DOWN,
    BACK,
    LEAVE,
    HELP,
];

/// The table of a step.
pub fn adoption_table(step: Step) -> &'static [Binding] {
    match step {
        Step::RuleSet | Step::Assignments => ADOPT_CHOOSE,
        Step::Organisation => ADOPT_ORGANISATION,
        Step::People | Step::Roles => ADOPT_LIST,
        Step::Ratifiers => ADOPT_RATIFIERS,
        Step::Structure => ADOPT_STRUCTURE,
        Step::Fillers => ADOPT_FILLERS,
        Step::Confirm => ADOPT_CONFIRM,
    }
}
