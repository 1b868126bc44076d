//! Cleaning of every text in an organisation file of control and bidi characters, with
//! empty optional lines and list entries dropped, before it is checked.
//!
//! Owns: the `clean` of each entry. Must not import: rusqlite, ratatui, crossterm, tokio,
//! std::fs.

use super::{CircleEntry, OrgFile, RoleEntry};
use crate::domain::text::{clean_line, clean_text};

impl OrgFile {
    /// Cleans every text of control and bidi characters.
    pub(super) fn clean(&mut self) {
        self.name = clean_line(&self.name);
        self.ratifiers.iter_mut().for_each(|r| *r = clean_line(r));
        for p in &mut self.people {
            p.name = clean_line(&p.name);
            p.email = p.email.as_deref().map(clean_line).filter(|e| !e.is_empty());
        }
        self.circle.clean();
    }
}

impl CircleEntry {
    /// Cleans the circle, its roles, policies and tensions, and every circle inside it.
    fn clean(&mut self) {
        self.name = clean_line(&self.name);
        self.purpose = clean_text(&self.purpose);
        self.strategy = self
            .strategy
            .as_deref()
            .map(clean_text)
            .filter(|s| !s.is_empty());
        clean_list(&mut self.domains);
        clean_list(&mut self.accountabilities);
        for role in &mut self.roles {
            role.clean();
        }
        for p in &mut self.policies {
            p.name = clean_line(&p.name);
            p.text = clean_text(&p.text);
            clean_opt_line(&mut p.role);
        }
        for t in &mut self.tensions {
            t.person = clean_line(&t.person);
            clean_opt_line(&mut t.role);
            t.text = clean_text(&t.text);
        }
        for c in &mut self.circles {
            c.clean();
        }
    }
}

impl RoleEntry {
    /// Cleans the role and everything it holds.
    fn clean(&mut self) {
        self.name = clean_line(&self.name);
        self.purpose = clean_text(&self.purpose);
        clean_list(&mut self.domains);
        clean_list(&mut self.accountabilities);
        for f in &mut self.fillers {
            f.person = clean_line(&f.person);
            clean_opt_line(&mut f.focus);
        }
        for c in &mut self.checklist {
            c.text = clean_line(&c.text);
        }
        for m in &mut self.metrics {
            m.name = clean_line(&m.name);
            clean_opt_line(&mut m.unit);
            for v in &mut m.values {
                clean_opt_line(&mut v.comment);
            }
        }
        for p in &mut self.projects {
            p.title = clean_line(&p.title);
            clean_opt_line(&mut p.person);
        }
        for a in &mut self.next_actions {
            a.text = clean_line(&a.text);
            a.person = clean_line(&a.person);
        }
        if let Some(link) = &mut self.cross_link {
            link.clean();
        }
    }
}

fn clean_opt_line(value: &mut Option<String>) {
    *value = value.as_deref().map(clean_line).filter(|v| !v.is_empty());
}

fn clean_list(items: &mut Vec<String>) {
    items.iter_mut().for_each(|i| *i = clean_line(i));
    items.retain(|i| !i.is_empty());
}
