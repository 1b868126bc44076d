//! Forms: an entry put together over several answers (a label, then its owner; a value, then
//! a yes that it is meant, then a comment) as a pure value that asks one question at a time.
//!
//! A form says what it asks now ([`Form::question`]: a text of some kind, a pick among the
//! options it lists, or a yes/no), and [`Form::answer`] takes the answer and returns what comes
//! of it as data: the next form, the finished entry to record, a one-line refusal naming the
//! rule (the form is left as it was: the question is asked again), or nothing to record. The
//! app drives every form the same way (shows the question, passes the answer in, commits what
//! is finished); the ui draws the question and keeps only where the selection and the cursor
//! are. Forms are tested here without a terminal.
//!
//! When what a form is decided against changes while its question is open (another program
//! adopts a role, or takes one back), the form is asked again ([`Form::asked_again`]): what it
//! offers is made again from the organisation as it now stands. A pick made on the question as
//! it stood before is then found again by its line, or refused ([`Form::gone`]) when the
//! organisation no longer has what it named.
//!
//! Owns: `Form`, `Question`, `Answer`, `Answered` and `PromptKind` (what a text question asks
//! for). Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the clock.

use serde::{Deserialize, Serialize};

/// An entry being put together, one question at a time. `Default` is no form: nothing asked.
pub trait Form: Sized + Default + Clone {
    /// What the questions and answers are decided against (a meeting's state, the
    /// organisation): read, never changed.
    type Context<'a>;
    /// What a finished form gives to record.
    type Done;

    /// The question this form asks now (`None` for no form).
    fn question(&self, context: &Self::Context<'_>) -> Option<Question>;

    /// What the answer to the question asked makes of the form. The form itself is not
    /// changed: a refusal leaves it asking the same question.
    fn answer(&self, answer: Answer, context: &Self::Context<'_>) -> Answered<Self, Self::Done>;

    /// This form asked again against `context`, which changed since its question was asked
    /// (what another program recorded, taken in): the options it holds (roles, people,
    /// tensions) made again from it. `None` for a form that holds nothing the organisation
    /// decides: it stays as it is.
    fn asked_again(&self, _context: &Self::Context<'_>) -> Option<Self> {
        None
    }

    /// What a cancel (Esc) of the question asked makes of the form: by default it closes with
    /// nothing to record; a form may go back to an earlier question, or say what was kept.
    fn cancelled(&self, _context: &Self::Context<'_>) -> Answered<Self, Self::Done> {
        Answered::Closed
    }

    /// Why option `n` of this form's question, asked against `before` and shown as `line`,
    /// is no longer offered against `now` (another program changed the organisation between
    /// the question and its answer), in one line that asks to choose again.
    fn gone(
        &self,
        _n: usize,
        line: &str,
        _before: &Self::Context<'_>,
        _now: &Self::Context<'_>,
    ) -> String {
        gone_line(line)
    }
}

/// An option no longer offered, said with its line: "\"Bread Sommelier — Ana\" changed in
/// another program meanwhile: choose again."
pub fn gone_line(line: &str) -> String {
    format!(
        "\"{}\" changed in another program meanwhile: choose again.",
        line.trim()
    )
}

/// What a form asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// A text of this kind, under this title.
    Text { kind: PromptKind, title: String },
    /// One of these options (answered by its index).
    Pick { title: String, options: Vec<String> },
    /// A yes or a no, with what each means in a word ("yes"/"no", "drop"/"keep").
    YesNo {
        question: String,
        yes: &'static str,
        no: &'static str,
    },
    /// A text of this kind, under this title, starting from `value` to edit (a field's text
    /// as it stands, a date suggested).
    Edit {
        kind: PromptKind,
        title: String,
        value: String,
    },
    /// One question of a series under `title` (a test's): a cancel stops the series rather
    /// than answering no.
    Series {
        title: String,
        question: String,
        yes: &'static str,
        no: &'static str,
    },
}

impl Question {
    /// A text question of `kind`, titled with the kind's own question.
    pub fn text(kind: PromptKind) -> Question {
        Question::Text {
            kind,
            title: kind.question().to_string(),
        }
    }

    /// A text question of `kind` under `title`.
    pub fn titled(kind: PromptKind, title: impl Into<String>) -> Question {
        Question::Text {
            kind,
            title: title.into(),
        }
    }

    /// A pick among `options`.
    pub fn pick(title: impl Into<String>, options: Vec<String>) -> Question {
        Question::Pick {
            title: title.into(),
            options,
        }
    }

    /// A yes/no question.
    pub fn yes_no(question: impl Into<String>) -> Question {
        Question::yes_or(question, "yes", "no")
    }

    /// A yes/no question whose answers are said as `yes` and `no`.
    pub fn yes_or(question: impl Into<String>, yes: &'static str, no: &'static str) -> Question {
        Question::YesNo {
            question: question.into(),
            yes,
            no,
        }
    }

    /// A text question of `kind` under `title`, holding `value` to edit.
    pub fn edit(kind: PromptKind, title: impl Into<String>, value: impl Into<String>) -> Question {
        Question::Edit {
            kind,
            title: title.into(),
            value: value.into(),
        }
    }

    /// One yes/no question of a series under `title`, its answers said as `yes` and `no`.
    pub fn series(
        title: impl Into<String>,
        question: impl Into<String>,
        (yes, no): (&'static str, &'static str),
    ) -> Question {
        Question::Series {
            title: title.into(),
            question: question.into(),
            yes,
            no,
        }
    }

    /// The question's title, as a person reads it.
    pub fn title(&self) -> &str {
        match self {
            Question::Text { title, .. }
            | Question::Pick { title, .. }
            | Question::Edit { title, .. } => title,
            Question::YesNo { question, .. } | Question::Series { question, .. } => question,
        }
    }
}

/// An answer to a form's question.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// The text typed, cleaned of control characters.
    Text(String),
    /// The index of the option picked.
    Pick(usize),
    /// Yes (`true`) or no.
    Yes(bool),
}

/// What an answer made of a form.
#[derive(Debug, Clone, PartialEq)]
pub enum Answered<F, D> {
    /// The next question, with what has been gathered so far.
    Ask(F),
    /// The form is complete: this is to be recorded.
    Done(D),
    /// Not taken, in one line naming the rule; the form is unchanged and asks again.
    Refused(String),
    /// Nothing to record: the form closes (a "no", or a pick of something gone).
    Closed,
}

/// What a text question is asking for: its words, its limits, and whether it may span lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PromptKind {
    /// The name of a new organisation, on one line.
    OrganisationName,
    /// The path of an organisation file to import.
    ImportPath,
    /// The name of a guest invited to a meeting.
    GuestName,
    /// The tension a guest helps with, as its agenda label.
    GuestTension,
    /// The name of an observer of a meeting.
    ObserverName,
    /// A note for the speaker in a round; it may span lines.
    Note,
    /// A metric's value, as reported in a meeting or review.
    MetricValue,
    /// A comment on a metric's value; optional.
    MetricComment,
    /// What changed in a project since its last update.
    ProjectUpdate,
    /// A tactical agenda item: a word or two.
    AgendaLabel,
    /// A line of text whose title the question gives (a name, a next action, a reason).
    OutputText,
    /// A date typed as YYYY-MM-DD (the day to show the organisation as it stood, a term's end).
    Date,
    /// The name of a person joining the organisation.
    PersonName,
    /// A person's e-mail address; optional.
    Email,
    /// The focus of someone's assignment to a role; optional.
    Focus,
    /// A text that may run to paragraphs: a purpose, a policy, information shared.
    Text,
    /// A list, one item a line: domains, accountabilities.
    List,
}

impl PromptKind {
    pub fn question(self) -> &'static str {
        match self {
            PromptKind::OrganisationName => "Name of the organisation",
            PromptKind::ImportPath => "Path of the organisation file",
            PromptKind::GuestName => "Name of the guest",
            PromptKind::GuestTension => "The tension the guest helps with (its agenda label)",
            PromptKind::ObserverName => "Name of the observer",
            PromptKind::Note => "Note for the speaker",
            PromptKind::MetricValue => "Value",
            PromptKind::MetricComment => "Comment (optional: Enter to skip)",
            PromptKind::ProjectUpdate => "What changed since the last update",
            PromptKind::AgendaLabel => "Agenda item (one or two words)",
            PromptKind::OutputText | PromptKind::Text => "Text",
            PromptKind::List => "One item a line",
            PromptKind::Date => "Show the organisation as it stood on (YYYY-MM-DD)",
            PromptKind::PersonName => "Name of the new person",
            PromptKind::Email => "E-mail (optional: Enter to skip)",
            PromptKind::Focus => "Focus (optional: Enter for none)",
        }
    }

    /// The most characters the field holds (a line break counts as one); typing stops there
    /// and a paste is shortened.
    pub fn max_chars(self) -> usize {
        match self {
            PromptKind::OrganisationName
            | PromptKind::GuestName
            | PromptKind::ObserverName
            | PromptKind::PersonName
            | PromptKind::Email
            | PromptKind::Focus => 200,
            PromptKind::ImportPath => 4096,
            PromptKind::MetricValue | PromptKind::Date => 100,
            PromptKind::Note
            | PromptKind::MetricComment
            | PromptKind::ProjectUpdate
            | PromptKind::AgendaLabel
            | PromptKind::GuestTension
            | PromptKind::OutputText
            | PromptKind::Text
            | PromptKind::List => crate::domain::text::MAX_ENTRY_CHARS,
        }
    }

    /// Whether the text may span lines (Alt+Enter adds one; a paste keeps its line breaks).
    pub fn is_multi_line(self) -> bool {
        matches!(self, PromptKind::Note | PromptKind::Text | PromptKind::List)
    }
}

/// Why a pick of `role` or `person`, offered against `before`, is no longer offered against
/// `now` (another program removed the role, or the person left meanwhile), in one line that
/// asks to choose again; `None` while both still stand.
pub fn pick_gone(
    role: Option<crate::domain::RoleId>,
    person: Option<crate::domain::PersonId>,
    before: &crate::domain::Organisation,
    now: &crate::domain::Organisation,
) -> Option<String> {
    if let Some(role) = role
        && now.role(role).is_none()
    {
        let name = before.role(role).map_or("The role", |r| r.name.as_str());
        return Some(format!(
            "{name} was removed in another program meanwhile: choose again."
        ));
    }
    let person = person.and_then(|p| now.person(p))?;
    (!person.is_current()).then(|| {
        format!(
            "{} left the organisation in another program meanwhile: choose again.",
            person.name
        )
    })
}
