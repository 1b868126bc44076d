//! Home's list of circles and the organisation browser's tree of circles and roles: the rows,
//! the selection kept across a rebuild, and the browser's past date and detail scroll.
//!
//! Owns: `HomeState`, `PersonPick`, `TreeRow`, `BrowserState`. Must not import: rusqlite,
//! tokio, `crate::store`, `crate::app`.

use super::{Modal, Prompt};
use crate::domain::meeting::MeetingKind;
use crate::domain::{CircleId, MeetingId, Organisation, PersonId, RoleId};
use std::cell::Cell;
use std::collections::HashSet;
use std::sync::Arc;

/// Home: the circles, depth first, and which one is selected.
#[derive(Debug, Default)]
pub struct HomeState {
    pub circles: Vec<(CircleId, usize)>,
    pub selected: usize,
    /// The "who are you?" picker of a solo review, with the people in its order.
    pub modal: Option<Modal>,
    pub people: Vec<PersonId>,
    /// What the person picked opens.
    pub picking: PersonPick,
    /// The change between meetings the open modal is part of, if any.
    pub form: Option<crate::ui::OrgForm>,
    /// The meeting another program seems to facilitate, whose "follow or take over?"
    /// picker is open.
    pub offer: Option<(MeetingId, MeetingKind)>,
    /// The key that starts (or resumes) each kind of meeting, in the order the panel lists
    /// them: the keys the shell binds, given by it.
    pub starts: Vec<(&'static str, MeetingKind)>,
}

/// What home's "who are you?" picker opens for the person picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PersonPick {
    /// Their solo role review.
    #[default]
    Review,
    /// Their own work between meetings.
    Work,
    /// Who is at the keyboard (recorded with every entry).
    Keyboard,
}

impl HomeState {
    pub fn new(org: &Organisation) -> HomeState {
        HomeState {
            circles: org
                .circles_depth_first()
                .iter()
                .map(|(c, d)| (c.id, *d))
                .collect(),
            selected: 0,
            modal: None,
            people: Vec::new(),
            picking: PersonPick::Review,
            form: None,
            offer: None,
            starts: Vec::new(),
        }
    }

    pub fn selected_circle(&self) -> Option<CircleId> {
        self.circles.get(self.selected).map(|(id, _)| *id)
    }

    /// The circles of `org` as it now stands (another program added or removed one), the
    /// same circle selected where it is still there.
    pub fn refresh(&mut self, org: &Organisation) {
        let selected = self.selected_circle();
        self.circles = org
            .circles_depth_first()
            .iter()
            .map(|(c, d)| (c.id, *d))
            .collect();
        self.selected = selected
            .and_then(|id| self.circles.iter().position(|(c, _)| *c == id))
            .unwrap_or(0)
            .min(self.circles.len().saturating_sub(1));
    }
}

/// One row of the organisation tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TreeRow {
    /// A circle, `depth` levels below the top; when `collapsed` its roles and sub-circles are
    /// hidden.
    Circle {
        id: CircleId,
        depth: usize,
        collapsed: bool,
    },
    /// A role of the circle above it, indented `depth` levels.
    Role { id: RoleId, depth: usize },
}

/// The organisation browser: a tree of circles and roles, and the selected item's details.
#[derive(Debug, Default)]
pub struct BrowserState {
    pub rows: Vec<TreeRow>,
    pub selected: usize,
    pub collapsed: HashSet<CircleId>,
    /// Lines scrolled in the detail pane.
    pub detail_scroll: u16,
    /// The furthest the detail pane can scroll, as found by the last frame drawn.
    pub detail_max_scroll: Cell<u16>,
    /// Browsing the organisation as it stood on a past date.
    pub as_of: Option<(chrono::NaiveDate, Arc<Organisation>)>,
    /// The date being typed.
    pub prompt: Option<Prompt>,
    /// A change between meetings being put together, and its open modal.
    pub form: Option<crate::ui::OrgForm>,
    pub modal: Option<Modal>,
}

impl BrowserState {
    /// A browser with every circle open and `focus` selected.
    pub fn new(org: &Organisation, focus: Option<CircleId>) -> BrowserState {
        let mut state = BrowserState::default();
        state.rebuild(org);
        if let Some(focus) = focus {
            state.select_circle(focus);
        }
        state
    }

    /// Rebuilds the rows after the organisation or the collapsed set changed.
    pub fn rebuild(&mut self, org: &Organisation) {
        let selected = self.rows.get(self.selected).copied();
        self.rows.clear();
        let mut stack: Vec<(CircleId, usize)> = org.sub_circles(None).map(|c| (c.id, 0)).collect();
        stack.reverse();
        while let Some((id, depth)) = stack.pop() {
            let collapsed = self.collapsed.contains(&id);
            self.rows.push(TreeRow::Circle {
                id,
                depth,
                collapsed,
            });
            if collapsed {
                continue;
            }
            self.rows.extend(org.roles_in(id).map(|r| TreeRow::Role {
                id: r.id,
                depth: depth + 1,
            }));
            let mut kids: Vec<_> = org
                .sub_circles(Some(id))
                .map(|c| (c.id, depth + 1))
                .collect();
            kids.reverse();
            stack.extend(kids);
        }
        let same = |row: &TreeRow| match (row, selected) {
            (TreeRow::Circle { id, .. }, Some(TreeRow::Circle { id: old, .. })) => *id == old,
            (TreeRow::Role { id, .. }, Some(TreeRow::Role { id: old, .. })) => *id == old,
            _ => false,
        };
        self.selected = self.rows.iter().position(same).unwrap_or(0);
    }

    pub fn select_circle(&mut self, circle: CircleId) {
        if let Some(i) = self
            .rows
            .iter()
            .position(|r| matches!(r, TreeRow::Circle { id, .. } if *id == circle))
        {
            self.selected = i;
        }
    }

    pub fn selected_row(&self) -> Option<TreeRow> {
        self.rows.get(self.selected).copied()
    }

    /// The organisation the browser shows: today's, or that of the date chosen.
    pub fn shown<'a>(&'a self, today: &'a Organisation) -> &'a Organisation {
        self.as_of.as_ref().map_or(today, |(_, org)| org.as_ref())
    }
}
