//! The holacracy-4.1 rule set: the Holacracy Constitution v4.1 (with Appendix A), each rule
//! with the article that makes it.
//!
//! Owns: that one `Rules` definition. Must not import: rusqlite, ratatui, crossterm, tokio,
//! std::fs, or the clock.

use super::*;

static CHANGES_41: ChangeRules = ChangeRules {
    move_depth: Some(1),
    moves: "4.1 §2.6.1",
    expand: "4.1 §2.6",
    amend_sub_circle: "4.1 §2.6.1",
    renames_sub_circles: false,
    remove_sub_circle: "4.1 §2.6.2",
    role_lead_is_circle_lead: false,
    policies_on_roles: false,
    cross_links: true,
    cross_link: "4.1 §2.7",
};

pub(super) static HOLACRACY_41: Rules = Rules {
    rule_set: RuleSet::Holacracy41,
    governance_steps: &[
        GovStep::CheckIn,
        GovStep::AdminConcerns,
        GovStep::Agenda,
        GovStep::Items,
        GovStep::Closing,
    ],
    time_outs: false,
    special: SpecialRules {
        requesters_items_first: true,
        requester_orders_agenda: false,
        intent_and_limits: false,
    },
    // 4.1 §3.5.1: "The Facilitator of a Circle may declare a Process Breakdown ... If the
    // Proposer specially requested that Governance Meeting specifically for processing that
    // Proposal, then the Proposer may also declare a Process Breakdown in this case."
    breakdown_declarers: &[Declarer::Facilitator, Declarer::SpecialRequester],
    breakdown_article: "4.1 §3.5.1",
    // 4.1 §3.5.3: "These authorities are temporary and cease as soon as the Facilitator of
    // the Super-Circle concludes that due process has been restored within the Circle." 4.1
    // names no one for the anchor circle, which has no super-circle; its own Facilitator
    // judges, as 5.0 §5.5.2 says outright.
    // 4.1 §3.4.3: "a Secretary may choose to publish that interpretation and the logic
    // behind it in the Governance records of the Circle"; each ruling recorded in a meeting
    // is recorded to be published.
    rulings_published: "4.1 §3.4.3",
    restore: RestoreRules {
        article: "4.1 §3.5.3",
        anchor: "4.1 §3.5.3 names the super-circle's Facilitator; the anchor circle has none, so its own Facilitator judges",
    },
    ends_at_planned_time: false,
    changes: &CHANGES_41,
    lead_may_not_fill: &[CoreRole::Facilitator, CoreRole::Rep],
    tie_rules: &[TieRule::RandomDraw],
    election: ElectionRules {
        article: "4.1 §3.3.6",
        tie_options: &[
            (TieRule::RandomDraw, "4.1 §3.3.6(e)(i)"),
            (TieRule::Incumbent, "4.1 §3.3.6(e)(ii)"),
            (TieRule::SelfNominee, "4.1 §3.3.6(e)(iii)"),
            (TieRule::Renominate, "4.1 §3.3.6(e)(iv)"),
        ],
        candidate_asked_last: Some("4.1 §3.3.6(f)"),
        discard: "4.1 §3.3.6(f)",
        discard_after_round: true,
        eligible: "4.1 §2.5.1",
    },
    assignment: AssignmentRules {
        lead_assigns: "4.1 §2.4",
        super_lead_assigns_lead: "4.1 §2.6.3",
        unfilled_lead_covered: "4.1 §2.4.1",
        elected_only_by_election: "4.1 §2.5.1",
        anchor_lead: "4.1 §5.2.1: the ratifiers may appoint an initial Lead Link of the anchor circle; without one, its Lead Link decisions go through its governance (§5.2.2)",
        resignation: "4.1 §2.4.3",
        lead_not_also: "4.1 §2.5.1",
        one_lead: true,
        delegation: None,
        elected_term: "4.1 §2.5.2",
        linked_role_assignment: "4.1 §2.7.2",
        adoption: "4.1 §5.2, §5.3",
    },
    requests_serve_represented_role: None,
    // 4.1 §4.2.3(d): "if another Circle Member explicitly requested updates on a specific
    // Project, that one must be included until it's either completed or dropped".
    breakdown_between: BreakdownBetween {
        article: "4.1 §3.5.2",
        own_and_containing: false,
        secretary: false,
        conflicted_alternates: true,
        escalation: Some("4.1 §3.5.4"),
    },
    progress: ProgressRules {
        article: "4.1 §4.2.3(d)",
        accountabilities: true,
        requested_until: "must be included until it's either completed or dropped",
        filler_ends_request: None,
    },
    surrogates_section: "4.1 §2.5.4",
    // 4.1 §4.1.1(d): "regular, recurring actions that you routinely perform in service your
    // Roles", and "metrics assigned to your Roles by the Circle's Lead Link"; Appendix A: the
    // Lead Link is accountable for "Defining metrics for the circle", the Secretary for
    // "maintaining a compiled view of the Circle's current Governance, checklist items, and
    // metrics".
    records: RecordRules {
        checklist: Definers::SecretaryOrFiller,
        checklist_article: "4.1 §4.1.1(d), Appendix A",
        metrics: Definers::Lead,
        metrics_article: "4.1 Appendix A: the Lead Link defines the circle's metrics",
    },
    idm: IdmRules {
        validity_questions: &[
            "4.1 §3.2.2: does the proposer describe a tension they sense, for one of their roles in the circle or a role they have permission to represent?",
            "4.1 §3.2.3: do they give an actual past or present situation in which the proposal would have reduced that tension?",
            "4.1 §3.2.3: do they explain, with logical reasoning, how it would have helped the circle there in one of the ways §3.2.2 allows?",
        ],
        validity_exceptions: &[
            ValidityException::CapturesActivity,
            ValidityException::TriggersElection,
        ],
        objection_criteria: [
            Criterion {
                slot: 0,
                article: "4.1 §3.2.4(a)",
                question: "would the circle's capacity degrade, not merely fail to improve (decreasing clarity counts)?",
            },
            Criterion {
                slot: 1,
                article: "4.1 §3.2.4(b)",
                question: "would the tension not exist were the proposal withdrawn: is it created by adopting it?",
            },
            Criterion {
                slot: 2,
                article: "4.1 §3.2.4(c)",
                question: "is it triggered by presently known facts, or, if a prediction, is there no chance to sense and respond before significant impact?",
            },
            Criterion {
                slot: 3,
                article: "4.1 §3.2.4(d)",
                question: "does it limit one of the objector's roles in the circle, or a role they have permission to represent?",
            },
        ],
        constitution_question: "4.1 §3.2.4(e): would processing or adopting the proposal break the constitution, or prompt the circle to act outside its authority?",
        amend_step: "Amend and clarify",
    },
    // 4.1 §3.3.1: "the Lead Link and any Rep Links or Cross Links to the Circle may each
    // invite up to one additional person, solely to aid the link in processing a specific
    // Tension. The invited participant then becomes a Core Circle Member as well for the
    // duration of that Governance Meeting." (Cross Links are not modelled yet.)
    guests: GuestRules {
        inviters: &[GuestKind::Lead, GuestKind::Rep, GuestKind::Cross],
        scope: GuestScope::WholeMeeting,
        article: "4.1 §3.3.1",
        says: "the Lead Link and each Rep Link or Cross Link may invite one guest, for a named tension",
    },
    core_roles: CORE_41,
    anchor_has_lead: true,
    anchor_lead_article: "4.1 §2.2",
    rep_needs_other_members: true,
    core_limits: CoreLimits {
        protected: "4.1 §2.5.3",
        closed: &[(CoreRole::Lead, "4.1 §2.2.3")],
        lead_additions_recurse: None,
        lead_delegation: "4.1 §2.2.3",
    },
};
