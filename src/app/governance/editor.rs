//! The proposal editor's key: `c` opens the editor's menu on the current proposal, with the
//! changes being written (else its latest version's) to add to, take out of, or save as its
//! next version. The menu and every question after it are the domain's forms'
//! (`GovernanceForm::menu`); the changes being written stay on the screen until saved.
//!
//! Owns: opening the editor. Must not import: tokio; must not draw.

use super::{Form, ask_with, screen};
use crate::app::App;
use crate::domain::meeting::governance::IdmEvent;

/// Opens the editor on the current proposal: what is being written, else its latest version.
pub fn open(app: &mut App) {
    // Asked whatever the changes will be (a version of none asks only whether one may be
    // written now): a time out, or a step where nobody amends, is refused before any typing.
    let drafted = IdmEvent::Drafted {
        changes: Vec::new(),
    };
    if !super::may_idm(app, drafted) {
        return;
    }
    let Some(screen) = screen(app) else { return };
    let Some(p) = screen
        .state
        .current_item()
        .and_then(|i| i.proposal.as_ref())
    else {
        return;
    };
    if screen.editing.is_none() {
        screen.editing = Some(p.current().cloned().unwrap_or_default());
    }
    ask_with(app, Form::menu);
}
