//! What a key asks for, whatever the screen: the one vocabulary every binding table and every
//! screen's dispatch share.
//!
//! Owns: `Action`. Must not import: rusqlite, tokio.

use crate::domain::meeting::MeetingKind;
/// What a key asks for, whatever the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Move the selection up one row.
    Up,
    /// Move the selection down one row.
    Down,
    /// Move the selection up one screenful.
    PageUp,
    /// Move the selection down one screenful.
    PageDown,
    /// Select the first row.
    Top,
    /// Select the last row.
    Bottom,
    /// Enter: open or confirm.
    Open,
    /// Esc: go back or cancel.
    Back,
    /// Follow the selected circle's meeting another program facilitates (home).
    Follow,
    /// Say who is at the keyboard (home).
    AtTheKeyboard,
    /// q: leave this screen (quit from home).
    Leave,
    /// ?: open or close the help overlay.
    Help,
    /// Browser: show the selected circle's roles.
    Expand,
    /// Browser: hide the selected circle's roles.
    Collapse,
    /// Pick the n-th choice of a menu (0-based).
    Choose(usize),
    /// Home: set up (or resume) a meeting of this kind of the selected circle.
    Start(MeetingKind),
    /// Home: start (or resume) a person's solo role review.
    StartReview,
    /// Home: a person's own work between meetings ("My work").
    StartWork,
    /// My work: drop the selected tension (asks first).
    DropTension,
    /// Browser, on a role: add a checklist item.
    AddChecklistItem,
    /// Browser, on a role: add a metric.
    AddMetric,
    /// Browser, on a role: end one of its checklist items or metrics.
    EndRecord,
    /// Home: the list of past meetings.
    PastMeetings,
    /// Meeting setup: mark the selected attendee present or absent.
    TogglePresent,
    /// Meeting setup: the selected attendee facilitates.
    MakeFacilitator,
    /// Meeting setup: the selected attendee takes the minutes.
    MakeSecretary,
    /// Meeting setup: the selected link invites a guest.
    AddGuest,
    /// Meeting setup: someone present who takes no part.
    AddObserver,
    /// Meeting setup: plan a longer meeting.
    Longer,
    /// Meeting setup: plan a shorter meeting.
    Shorter,
    /// Meetings: the next speaker or item.
    Next,
    /// Meetings: the previous speaker or item.
    Previous,
    /// Meetings: on to the next step (the end after the last).
    NextStep,
    /// Meetings: back to the previous step.
    PreviousStep,
    /// Meetings: more time for the current step (and the meeting).
    OneMoreMinute,
    /// Meetings: take back the last entry still standing.
    Retract,
    /// Meetings: end the meeting (asks first).
    EndMeeting,
    /// Meetings: presentation mode for a shared screen, on or off.
    Presentation,
    /// Check-in: draw another question.
    NewQuestion,
    /// Rounds: shuffle the speaking order.
    Shuffle,
    /// Rounds: the selected speaker speaks one place earlier.
    MoveEarlier,
    /// Rounds: the selected speaker speaks one place later.
    MoveLater,
    /// Checklist: the item is answered "check".
    Check,
    /// Checklist: the item is answered "no check".
    NoCheck,
    /// Review steps: someone else present reports for the item.
    Reporter,
    /// Progress: "no updates" on the project.
    NoUpdates,
    /// Home: the selected circle's due process is restored (its breakdown ends).
    RestoreProcess,
    /// Home: a process breakdown is declared in the selected circle between meetings.
    DeclareBreakdown,
    /// Progress: another circle member asks for updates on the project.
    AskUpdates,
    /// Progress: the filler ends requested updates as no longer useful (5.0 §2.1(f)).
    EndUpdates,
    /// Progress: the project is done.
    MarkDone,
    /// Progress: the project is waiting.
    MarkWaiting,
    /// Progress: a waiting project is current again.
    MarkCurrent,
    /// Agenda: add an item (a label, then its owner).
    AddItem,
    /// Agenda: add an open tension of someone present as an item.
    OfferTensions,
    /// Agenda: take the selected item off the agenda.
    DeleteItem,
    /// Triage: close the item ("did you get what you need?").
    CloseItem,
    /// Minutes: write them to a file.
    Export,
    /// Browser: the organisation as it stood on a past date.
    AsOf,
    /// Solo review: a next action.
    AddNextAction,
    /// Solo review: a project.
    AddProject,
    /// Solo review: a tension for the circle's next tactical meeting.
    TacticalTension,
    /// Solo review: a tension for the circle's next governance meeting.
    GovernanceTension,
    /// Governance: ask for (or end) a time out.
    TimeOut,
    /// Governance: edit the proposal's changes (a new version once past presenting).
    EditChanges,
    /// Governance: test the proposal's validity.
    TestValidity,
    /// Governance: the next step of the proposal or election being processed.
    SubStep,
    /// Governance: close the proposal (drop, withdraw, discard as invalid, breakdown).
    CloseProposal,
    /// Governance: the person asked answers "no objection".
    NoObjection,
    /// Governance: the person asked states an objection.
    Objection,
    /// Governance: test the latest untested objection.
    TestObjection,
    /// Governance integration: the objector confirms the objection no longer applies.
    ObjectorOk,
    /// Governance integration: the proposer confirms the tension is still addressed.
    ProposerOk,
    /// Governance integration: the objector is not working toward an amendment.
    Abandon,
    /// Governance: the facilitator asks the Secretary to rule on the constitution.
    AskSecretary,
    /// Governance: anyone asks the Secretary to interpret the constitution or governance.
    Interpret,
    /// Governance: record that this is a special meeting, requested by a member.
    SpecialMeeting,
    /// Governance integration: the objector's amended proposal and the proposer's answer.
    SuggestAmendment,
    /// Governance: adopt the proposal (asks first).
    Adopt,
    /// Governance agenda: this election goes first.
    ElectionFirst,
    /// Governance election: an objection to the candidate is integrated.
    Resolve,
    /// Governance election: the candidate is set aside and the next proposed.
    DiscardCandidate,
    /// Governance election: the candidate is elected (asks first).
    Elect,
    /// Home and browser: add a person to the organisation.
    AddPerson,
    /// Browser, on a role: assign a person to it.
    AssignRole,
    /// Browser, on a role: change the focus of an assignment.
    ChangeFocus,
    /// Browser, on a role: end an assignment.
    EndAssignment,
    /// Home and browser: take back the latest change made between meetings.
    UndoOrgEntry,
    /// Home: give a person another name.
    RenamePerson,
    /// Home: mark a person as having left the organisation (asks first).
    PersonLeaves,
    /// Text of several lines: start a new line (Alt+Enter or Ctrl+J).
    NewLine,
    /// Text fields: a key the field itself handles (moving, deleting, undoing).
    Edit,
    /// Adoption: add one to the step's list (a person, a role, a policy).
    AdoptAdd,
    /// Adoption: add a sub-circle.
    AdoptCircle,
    /// Adoption: take the selected one out.
    AdoptRemove,
    /// Adoption: the selected person ratifies, or no longer.
    AdoptToggle,
    /// Modals: yes.
    Yes,
    /// Modals: no.
    No,
}
