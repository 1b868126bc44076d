//! The holacracy-5.0 rule set: the Holacracy Constitution v5.0, each rule
//! with the article that makes it.
//!
//! Owns: that one `Rules` definition. Must not import: rusqlite, ratatui, crossterm, tokio,
//! std::fs, or the clock.

use super::*;

static CHANGES_50: ChangeRules = ChangeRules {
    move_depth: None,
    moves: "5.0 §5.2(c), (d)",
    expand: "5.0 §1.3.1",
    amend_sub_circle: "5.0 §5.2(a) with §1.3.1",
    renames_sub_circles: true,
    remove_sub_circle: "5.0 §5.2(a) with §1.3.1",
    role_lead_is_circle_lead: true,
    policies_on_roles: true,
    cross_links: false,
    cross_link: "5.0 §1.3.4",
};

pub(super) static HOLACRACY_50: Rules = Rules {
    rule_set: RuleSet::Holacracy50,
    governance_steps: &[
        GovStep::CheckIn,
        GovStep::Agenda,
        GovStep::Items,
        GovStep::Closing,
    ],
    time_outs: true,
    special: SpecialRules {
        requesters_items_first: false,
        requester_orders_agenda: true,
        intent_and_limits: true,
    },
    // 5.0 §5.5: "The Facilitator or Secretary of a Circle may declare a Process Breakdown in
    // their own Circle"; §5.5.1 failed governance.
    breakdown_declarers: &[Declarer::Facilitator, Declarer::Secretary],
    breakdown_article: "5.0 §5.5, §5.5.1",
    // 5.0 §5.5.2: "These authorities end as soon as due process is restored in the Circle, as
    // assessed by the Facilitator of the Super-Circle. If the Circle in Process Breakdown has
    // no Super-Circle, then the powers above all vest with its own Facilitator instead."
    // 5.0 §4.2: governance is interpreted "within any official interpretation rulings of
    // that Circle or any Super-Circle thereof"; §4.2.1 "everyone must align with that
    // Secretary's ruling".
    rulings_published: "5.0 §4.2, §4.2.1",
    restore: RestoreRules {
        article: "5.0 §5.5.2",
        anchor: "5.0 §5.5.2: with no super-circle, its own Facilitator",
    },
    ends_at_planned_time: true,
    changes: &CHANGES_50,
    lead_may_not_fill: &[CoreRole::Rep],
    tie_rules: &[
        TieRule::SelfNominee,
        TieRule::Incumbent,
        TieRule::RandomDraw,
    ],
    election: ElectionRules {
        article: "5.0 §5.3.5",
        tie_options: &[
            (TieRule::SelfNominee, "5.0 §5.3.5(e)(i)"),
            (TieRule::Incumbent, "5.0 §5.3.5(e)(ii)"),
            (TieRule::RandomDraw, "5.0 §5.3.5(e)(iii)"),
            (TieRule::Renominate, "5.0 §5.3.5(e)(iv)"),
        ],
        candidate_asked_last: None,
        discard: "5.0 §5.3.5(f)",
        discard_after_round: false,
        eligible: "5.0 §5.1.1, §5.1.2",
    },
    assignment: AssignmentRules {
        lead_assigns: "5.0 §1.4.1",
        super_lead_assigns_lead: "5.0 §1.4, §1.4.1",
        unfilled_lead_covered: "5.0 §1.4.2",
        elected_only_by_election: "5.0 §5.1.1, §5.1.2",
        anchor_lead: "5.0 §1.4, §1.4.1: the anchor circle has no Circle Lead unless a policy says so, nor anyone else assigning its roles unless a policy delegates that to a role",
        resignation: "5.0 §1.4.1",
        lead_not_also: "5.0 §5.1.1",
        one_lead: false,
        delegation: Some("5.0 §1.4.1"),
        elected_term: "5.0 §5.3.5(a)",
        linked_role_assignment: "5.0 §1.3.4",
        adoption: "5.0 §1.3.3",
    },
    requests_serve_represented_role: Some("5.0 §3.2(f)"),
    // 5.0 §2.1(f): "If requested, you must continue to share these updates regularly, until
    // you determine they are no longer useful"; §3.2(d) "any Project or other initiative".
    breakdown_between: BreakdownBetween {
        article: "5.0 §5.5",
        own_and_containing: true,
        secretary: true,
        conflicted_alternates: false,
        escalation: None,
    },
    progress: ProgressRules {
        article: "5.0 §2.1(f)",
        accountabilities: false,
        requested_until: "must be shared regularly until its filler determines the updates are no longer useful",
        filler_ends_request: Some("5.0 §2.1(f)"),
    },
    surrogates_section: "5.0 §5.3.6",
    // 5.0 §2.1(d), (e): you verify "recurring actions that you perform for your Roles" and
    // share "any metrics you collect in your Roles"; §1.3.5: the Secretary stabilises "the
    // Circle's constitutionally-required records".
    records: RecordRules {
        checklist: Definers::SecretaryOrFiller,
        checklist_article: "5.0 §2.1(d), §1.3.5",
        metrics: Definers::SecretaryOrFiller,
        metrics_article: "5.0 §2.1(e), §1.3.5",
    },
    idm: IdmRules {
        validity_questions: &[
            "5.0 §5.3.1(a): can the proposer describe a tension the proposal would address for one of their roles?",
            "5.0 §5.3.1(b): can they share an example of an actual past or present situation illustrating that tension?",
            "5.0 §5.3.1(c): can they give a reasonable explanation of how the proposal would have reduced the tension in that example?",
        ],
        validity_exceptions: &[],
        objection_criteria: [
            Criterion {
                slot: 0,
                article: "5.0 §5.3.2(a)",
                question: "would the proposal reduce the capacity of the circle to enact its purpose or accountabilities?",
            },
            Criterion {
                slot: 3,
                article: "5.0 §5.3.2(b)",
                question: "would it limit the objector's capacity to enact the purpose or an accountability of a role they represent in the circle?",
            },
            Criterion {
                slot: 1,
                article: "5.0 §5.3.2(c)",
                question: "does the concern not already exist without the proposal: would adopting it create a new tension?",
            },
            Criterion {
                slot: 2,
                article: "5.0 §5.3.2(d)",
                question: "would the proposal necessarily cause the impact, or, if it might, would the circle have no adequate chance to adapt before significant harm?",
            },
        ],
        constitution_question: "5.0 §5.3.2: would adopting the proposal violate a rule in the constitution?",
        amend_step: "Option to clarify",
    },
    // 5.0 §5.4.1: "As a Circle Rep for a Circle, you may invite any Partner to join the
    // Governance Meeting of any Circle immediately containing your Circle. You may only
    // extend this invitation to one Partner at a time, and only to aid in the processing of
    // a specific Tension affecting the Circle you represent."
    guests: GuestRules {
        inviters: &[GuestKind::Rep],
        scope: GuestScope::OwnTension,
        article: "5.0 §5.4.1",
        says: "only a sub-circle's Circle Rep may invite a guest, one at a time, for a tension of that sub-circle",
    },
    core_roles: CORE_50,
    anchor_has_lead: false,
    anchor_lead_article: "5.0 §1.4",
    rep_needs_other_members: false,
    core_limits: CoreLimits {
        protected: "5.0 §1.3.5, §5.1.1",
        closed: &[],
        lead_additions_recurse: Some("5.0 §1.4.5"),
        lead_delegation: "5.0 §1.4.5",
    },
};
