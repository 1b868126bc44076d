//! What roles reported (metric values, checklist answers), read from the store by role when
//! a screen needs them: the organisation is loaded without them (`domain::org::reported`).
//! Before a screen is drawn, the roles it shows have theirs held: the browser's selected
//! role (in the organisation of today and as of a date), a tactical meeting's circle's
//! roles, the roles of whoever is reviewing or at their own work.
//!
//! A key held down the browser reads only the row it stops on (`handle_key_ahead`,
//! `before_frame`).
//!
//! Owns: which roles a screen shows reports of, and `hold`. Must not import: ratatui,
//! crossterm, tokio; must not draw.

use super::{App, Screen};
use crate::domain::org_log::{self, OrgRequest};
use crate::domain::{CircleId, Organisation, PersonId, RoleId};
use crate::store::{OrganisationStore, StoreError};
use crate::ui::view::TreeRow;
use std::sync::Arc;

/// Reads and holds the reports of those of `roles` whose are not held yet.
pub fn hold(
    store: &dyn OrganisationStore,
    org: &mut Organisation,
    roles: impl IntoIterator<Item = RoleId>,
) -> Result<(), StoreError> {
    let missing = org.reports_missing(roles);
    if missing.is_empty() {
        return Ok(());
    }
    let reported = store.reported(Some(&missing))?;
    org.hold_reports(&missing, reported);
    Ok(())
}

/// The organisation read anew (after another program's entries, or an entry memory could
/// not apply), holding the reports of the roles `old` held, read anew too: what the screen
/// shows of them is what the store holds now.
pub fn reload(
    store: &dyn OrganisationStore,
    old: &Organisation,
) -> Result<Option<Organisation>, StoreError> {
    let Some(mut fresh) = store.load_organisation()? else {
        return Ok(None);
    };
    hold(store, &mut fresh, old.held_roles())?;
    Ok(Some(fresh))
}

/// The roles of a circle.
pub fn of_circle(org: &Organisation, circle: CircleId) -> Vec<RoleId> {
    org.roles_in(circle).map(|r| r.id).collect()
}

/// The roles a person fills.
pub fn of_person(org: &Organisation, person: PersonId) -> Vec<RoleId> {
    org.assignments_of(person).map(|a| a.role).collect()
}

/// The roles whose reports deciding `request` reads: taking back an added checklist item
/// or metric is refused once it has answers or values (`org_log::undo`).
pub fn of_request(org: &Organisation, request: &OrgRequest) -> Vec<RoleId> {
    match request {
        OrgRequest::Undo => org_log::latest_standing(org.log())
            .map(|e| e.change.roles())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Holds `roles`' reports in `org`, copying it only if something else still holds it.
fn hold_in(
    store: &dyn OrganisationStore,
    org: &mut Arc<Organisation>,
    roles: Vec<RoleId>,
) -> Result<(), StoreError> {
    if org.reports_missing(roles.iter().copied()).is_empty() {
        return Ok(());
    }
    hold(store, Arc::make_mut(org), roles)
}

impl App {
    /// Holds the reports of `roles` in the organisation shown.
    pub(super) fn hold_reports(&mut self, roles: Vec<RoleId>) {
        let Some(org) = self.view.org.as_mut() else {
            return;
        };
        if let Err(e) = hold_in(self.store.as_ref(), org, roles) {
            self.error(e.to_string());
        }
    }

    /// Reads what a held key left unread (`handle_key_ahead`): due before a frame is drawn,
    /// and before the next key, paste or tick acts on the screen.
    pub fn before_frame(&mut self) {
        self.read_after_frame = false;
        if std::mem::take(&mut self.reports_left) {
            self.hold_screen_reports();
        }
    }

    /// Whether the next frame is to be drawn before the record it leaves unread is read
    /// (`handle_key_frame_first`); `before_frame` reads it once that frame is drawn.
    pub fn reads_after_frame(&self) -> bool {
        self.reports_left && self.read_after_frame
    }

    /// Whether a held key left reports to read before the next frame (`before_frame`).
    pub fn reads_left(&self) -> bool {
        self.reports_left
    }

    /// After a key: holds the reports of the roles the screen shows, or, for a move (`moved`:
    /// an arrow, a page, the top or the end) in the browser with another key waiting behind
    /// it, leaves them to `before_frame`; for such a move pressed by itself onto a role not
    /// held, leaves them until its frame is drawn (`reads_after_frame`).
    pub(super) fn hold_after_key(&mut self, moved: bool) {
        let browsing = moved && matches!(self.view.screen, Screen::Browser(_));
        if browsing && self.key_waiting {
            self.reports_left = true;
        } else if browsing && self.frame_first && !self.screen_roles_missing().is_empty() {
            self.reports_left = true;
            self.read_after_frame = true;
        } else {
            self.reports_left = false;
            self.hold_screen_reports();
        }
    }

    /// Holds the reports of the roles the screen shows, before it is drawn.
    pub(super) fn hold_screen_reports(&mut self) {
        let roles = self.screen_roles();
        if roles.is_empty() {
            return;
        }
        let store = self.store.as_ref();
        let mut result = Ok(());
        if let Screen::Browser(b) = &mut self.view.screen
            && let Some((_, then)) = b.as_of.as_mut()
        {
            result = hold_in(store, then, roles.clone());
        }
        if let Some(org) = self.view.org.as_mut() {
            result = result.and(hold_in(store, org, roles));
        }
        if let Err(e) = result {
            self.error(e.to_string());
        }
    }

    /// The roles whose reports the screen shows.
    fn screen_roles(&self) -> Vec<RoleId> {
        let Some(org) = self.view.org.as_deref() else {
            return Vec::new();
        };
        match &self.view.screen {
            Screen::Browser(b) => match b.selected_row() {
                Some(TreeRow::Role { id, .. }) => vec![id],
                _ => Vec::new(),
            },
            Screen::Tactical(s) => of_circle(org, s.state.circle),
            Screen::Review(s) => of_person(org, s.state.person),
            Screen::Work(s) => of_person(org, s.state.person),
            _ => Vec::new(),
        }
    }

    /// Of the roles the screen shows, those whose reports are not held (in the organisation
    /// shown, or the one as of a date the browser shows).
    fn screen_roles_missing(&self) -> Vec<RoleId> {
        let roles = self.screen_roles();
        let as_of = match &self.view.screen {
            Screen::Browser(b) => b.as_of.as_ref().map(|(_, then)| then.as_ref()),
            _ => None,
        };
        let org = as_of.or(self.view.org.as_deref());
        org.map_or(Vec::new(), |o| o.reports_missing(roles))
    }
}
