//! Why a change between meetings is refused, in one line that names the rule.
//!
//! Owns: `Refusal` and its wording. Must not import: rusqlite, ratatui, crossterm, tokio.

use crate::domain::names::bad_email;
use std::fmt;

/// Why a request was refused. Nothing is recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The person named is not in the organisation.
    UnknownPerson,
    /// The role named is not in the organisation (or its circle is gone).
    UnknownRole,
    /// The assignment does not exist or has already ended.
    NotCurrent,
    /// A person's name was left empty.
    EmptyName,
    /// Names are unique, ignoring case: this is the name someone already bears.
    NameTaken(String),
    /// A rename to the name the person has already.
    SameName(String),
    /// An e-mail address that is not one (`why` from `names::email_problem`).
    BadEmail { email: String, why: &'static str },
    /// A former member is offered nowhere: they fill no role and assign none.
    FormerMember(String),
    /// The person is marked as having left already.
    AlreadyLeft(String),
    /// An elected role (its name) is filled only by an election.
    Elected {
        role: String,
        article: &'static str,
        /// The article that lets a filler resign.
        resign: &'static str,
    },
    /// The anchor circle's Lead is named by no one between meetings.
    AnchorLead { lead: String, article: &'static str },
    /// Nobody holds the authority to assign in the circle.
    NoLead {
        circle: String,
        lead: String,
        article: &'static str,
    },
    /// The circle's policy leaves its role assignments to its governance process.
    ByGovernance {
        circle: String,
        article: &'static str,
    },
    /// The circle's policy gives control of its role assignments to `role`, which nobody fills.
    NoDelegate {
        role: String,
        circle: String,
        article: &'static str,
    },
    /// The adoption is the organisation's start: it is never taken back.
    Adoption,
    /// The request needs someone acting, who may: these people may.
    NoActor {
        may: Vec<String>,
        as_lead: String,
        article: &'static str,
    },
    /// The actor may not assign there; these people may.
    NotLead {
        actor: String,
        may: Vec<String>,
        as_lead: String,
        article: &'static str,
    },
    /// The person fills the role already with that focus (or with none): change the focus.
    AlreadyFills { person: String, role: String },
    /// The person fills `holds` in the circle, which its Lead may not also fill.
    LeadMayNotFill {
        person: String,
        holds: String,
        lead: String,
        article: &'static str,
    },
    /// The rule set has one Lead per circle, and `current` fills it.
    OneLead {
        lead: String,
        current: String,
        article: &'static str,
    },
    /// A Cross Link Role has one filler (4.1 §2.7.2).
    OneCrossLink {
        role: String,
        current: String,
        article: &'static str,
    },
    /// A change of focus to the one the assignment has already.
    SameFocus,
    /// The circle is in no process breakdown to restore.
    NoBreakdown(String),
    /// Only these people may conclude that due process is restored in the circle; `actor`
    /// (if anyone said who is acting) is not one of them.
    NotRestorer {
        actor: Option<String>,
        circle: String,
        may: Vec<String>,
        article: &'static str,
    },
    /// Only these people may declare a process breakdown in the circle between meetings.
    NotDeclarer {
        actor: Option<String>,
        circle: String,
        may: Vec<String>,
        article: &'static str,
    },
    /// The circle is in a process breakdown already.
    InBreakdown(String),
    /// A process breakdown is declared with its reason.
    NoReason,
    /// The actor may not add or end these records on the role; these people may.
    NotRecordKeeper {
        actor: String,
        what: &'static str,
        role: String,
        may: Vec<String>,
        article: &'static str,
    },
    /// Adding or ending records needs someone acting, who may: these people may.
    NoRecordKeeper {
        what: &'static str,
        role: String,
        may: Vec<String>,
        article: &'static str,
    },
    /// A checklist item's text or a metric's name was left empty.
    EmptyText,
    /// The role already has a checklist item or metric of this name (ignoring case).
    RecordTaken(String),
    /// The checklist item or metric named is not in the organisation.
    NoSuchRecord,
    /// The checklist item or metric has already ended.
    RecordEnded(String),
    /// It was answered or reported since it was added: end it instead.
    RecordUsed(String),
    /// Nothing since the adoption is left standing to take back.
    NothingToUndo,
    /// The person cannot be taken back: they appear in the record since.
    StillReferenced(String),
}

/// "Ana Silva", "Ana Silva or Ben Okoro", "Ana, Ben or Chloé".
fn either(names: &[String]) -> String {
    match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => "nobody".into(),
    }
}

/// How a breakdown refusal starts: "say who is acting" when nobody said, else "Ana may not".
fn acting(actor: &Option<String>) -> String {
    actor
        .as_ref()
        .map_or("say who is acting".to_string(), |a| format!("{a} may not"))
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::UnknownPerson
            | Refusal::EmptyName
            | Refusal::NameTaken(_)
            | Refusal::SameName(_)
            | Refusal::BadEmail { .. }
            | Refusal::FormerMember(_)
            | Refusal::AlreadyLeft(_)
            | Refusal::StillReferenced(_) => self.person_words(f),
            Refusal::Elected { .. }
            | Refusal::AnchorLead { .. }
            | Refusal::NoLead { .. }
            | Refusal::ByGovernance { .. }
            | Refusal::NoDelegate { .. }
            | Refusal::NoActor { .. }
            | Refusal::NotLead { .. } => self.authority_words(f),
            Refusal::UnknownRole
            | Refusal::NotCurrent
            | Refusal::AlreadyFills { .. }
            | Refusal::LeadMayNotFill { .. }
            | Refusal::OneLead { .. }
            | Refusal::OneCrossLink { .. }
            | Refusal::SameFocus => self.assignment_words(f),
            Refusal::NoBreakdown(_)
            | Refusal::NotRestorer { .. }
            | Refusal::NotDeclarer { .. }
            | Refusal::InBreakdown(_)
            | Refusal::NoReason => self.breakdown_words(f),
            Refusal::NotRecordKeeper { .. }
            | Refusal::NoRecordKeeper { .. }
            | Refusal::EmptyText
            | Refusal::RecordTaken(_)
            | Refusal::NoSuchRecord
            | Refusal::RecordEnded(_)
            | Refusal::RecordUsed(_) => self.record_words(f),
            Refusal::Adoption => write!(
                f,
                "the adoption is the organisation's start and is not taken back: change the structure through governance"
            ),
            Refusal::NothingToUndo => write!(f, "there is nothing to take back"),
        }
    }
}

// Each helper words the refusals `fmt` routes to it; any other it is given (none is) is
// written as its name.
impl Refusal {
    /// Why a change to who is in the organisation (joining, renaming, leaving) is refused.
    fn person_words(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::UnknownPerson => write!(f, "no such person"),
            Refusal::EmptyName => write!(f, "a person needs a name"),
            Refusal::NameTaken(name) => write!(
                f,
                "\"{name}\" is already someone's name (names are unique, ignoring case)"
            ),
            Refusal::SameName(name) => write!(f, "{name} already has that name"),
            Refusal::BadEmail { email, why } => f.write_str(&bad_email(email, why)),
            Refusal::FormerMember(name) => write!(
                f,
                "{name} has left the organisation: a former member fills no role and assigns none"
            ),
            Refusal::AlreadyLeft(name) => write!(f, "{name} has already left"),
            Refusal::StillReferenced(name) => write!(
                f,
                "{name} appears in the record since being added: mark them as having left instead"
            ),
            other => write!(f, "{other:?}"),
        }
    }

    /// Why someone may not assign the role: who assigns it, if anyone does, between meetings.
    fn authority_words(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Elected {
                role,
                article,
                resign,
            } => write!(
                f,
                "the {role} is elected ({article}): a governance meeting of the circle elects it (g on home, or roundtable meet governance --circle NAME), and its filler's term ends only by an election or by resigning ({resign}: roundtable unassign, --as the filler)"
            ),
            Refusal::AnchorLead { lead, article } => write!(
                f,
                "nobody assigns the anchor circle's {lead} between meetings ({article})"
            ),
            Refusal::NoLead {
                circle,
                lead,
                article,
            } => write!(
                f,
                "roles in {circle} are assigned by its {lead} ({article}), and nobody fills it or covers it"
            ),
            Refusal::ByGovernance { circle, article } => write!(
                f,
                "a policy of {circle} has its roles assigned only through its governance process ({article}): propose the assignment in a governance meeting"
            ),
            Refusal::NoDelegate {
                role,
                circle,
                article,
            } => write!(
                f,
                "a policy of {circle} gives control of its role assignments to {role} ({article}), and nobody fills {role}"
            ),
            Refusal::NoActor {
                may,
                as_lead,
                article,
            } => write!(
                f,
                "say who is acting: {} may, as {as_lead} ({article})",
                either(may)
            ),
            Refusal::NotLead {
                actor,
                may,
                as_lead,
                article,
            } => write!(
                f,
                "{actor} may not: only the {as_lead} assigns here ({article}), that is {}",
                either(may)
            ),
            other => write!(f, "{other:?}"),
        }
    }

    /// Why the assignment itself cannot be made or changed: the role, its fillers, the focus.
    fn assignment_words(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::UnknownRole => write!(f, "no such role"),
            Refusal::NotCurrent => write!(f, "that assignment has already ended"),
            Refusal::AlreadyFills { person, role } => write!(
                f,
                "{person} already fills {role} with that focus: change the focus instead"
            ),
            Refusal::LeadMayNotFill {
                person,
                holds,
                lead,
                article,
            } => write!(
                f,
                "{person} is the circle's {holds}, which its {lead} may not also be ({article})"
            ),
            Refusal::OneLead {
                lead,
                current,
                article,
            } => write!(
                f,
                "a circle has one {lead} ({article}), and {current} fills it: end that assignment first"
            ),
            Refusal::OneCrossLink {
                role,
                current,
                article,
            } => write!(
                f,
                "only one person fills a Cross Link Role ({article}), and {current} fills \"{role}\": end that assignment first"
            ),
            Refusal::SameFocus => write!(f, "the assignment already has that focus"),
            other => write!(f, "{other:?}"),
        }
    }

    /// Why a process breakdown cannot be declared or concluded.
    fn breakdown_words(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NoBreakdown(circle) => write!(f, "{circle} is in no process breakdown"),
            Refusal::NotRestorer {
                actor,
                circle,
                may,
                article,
            } => {
                let who = acting(actor);
                write!(
                    f,
                    "{who}: the Facilitator who judges that due process is restored in {circle} is {} ({article})",
                    either(may)
                )
            }
            Refusal::NotDeclarer {
                actor,
                circle,
                may,
                article,
            } => {
                let who = acting(actor);
                if may.is_empty() {
                    return write!(
                        f,
                        "{who}: nobody may declare a process breakdown in {circle} between meetings ({article})"
                    );
                }
                write!(
                    f,
                    "{who}: a process breakdown in {circle} is declared by {} ({article})",
                    either(may)
                )
            }
            Refusal::InBreakdown(circle) => {
                write!(f, "{circle} is in a process breakdown already")
            }
            Refusal::NoReason => write!(
                f,
                "say why: the pattern that conflicts with the constitution"
            ),
            other => write!(f, "{other:?}"),
        }
    }

    /// Why a role's checklist item or metric cannot be added or ended.
    fn record_words(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NotRecordKeeper {
                actor,
                what,
                role,
                may,
                article,
            } => write!(
                f,
                "{actor} may not: {role}'s {what} are kept by {} ({article})",
                either(may)
            ),
            Refusal::NoRecordKeeper {
                what,
                role,
                may,
                article,
            } => write!(
                f,
                "say who is acting: {role}'s {what} are kept by {} ({article})",
                either(may)
            ),
            Refusal::EmptyText => write!(f, "the text is empty"),
            Refusal::RecordTaken(name) => write!(
                f,
                "the role already has \"{name}\" (names are unique on a role, ignoring case)"
            ),
            Refusal::NoSuchRecord => write!(f, "no such checklist item or metric"),
            Refusal::RecordEnded(name) => write!(f, "\"{name}\" has already ended"),
            Refusal::RecordUsed(name) => write!(
                f,
                "\"{name}\" was answered or reported since it was added: end it instead"
            ),
            other => write!(f, "{other:?}"),
        }
    }
}

impl std::error::Error for Refusal {}
