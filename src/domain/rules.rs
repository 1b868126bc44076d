//! What differs between rule sets, answered in one place: one `Rules` definition per rule set
//! that the meeting flows, the shell and the screens ask, instead of comparing rule-set names.
//! Adding a rule set (an organisation's own variant, another family) adds one definition here.
//!
//! Owns: `Rules` and the definitions of holacracy-4.1 and holacracy-5.0, each rule with the
//! article that makes it. Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the
//! clock.

use super::meeting::governance::GovStep;
use super::membership::{GuestKind, GuestRules, GuestScope};
use super::ruleset::{CoreRole, RuleSet};

/// A way to settle a tied nomination count in an integrative election.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieRule {
    /// The only tied candidate who nominated themself.
    SelfNominee,
    /// The incumbent, if tied.
    Incumbent,
    /// A blind random draw among the tied.
    RandomDraw,
}

/// How a rule set runs a circle's meetings.
#[derive(Debug)]
pub struct Rules {
    /// The rule set this defines.
    pub rule_set: RuleSet,
    /// The steps of a governance meeting, in order. 4.1 §3.3.3 adds administrative concerns
    /// after the check-in; 5.0 §5.4.3 has check-in, agenda building and processing, closing.
    pub governance_steps: &'static [GovStep],
    /// 5.0 §5.4.3: "a participant may request a Time Out"; the Facilitator grants or denies.
    pub time_outs: bool,
    /// 5.0 §5.4.2: "Governance Meetings end once they reach the duration initially scheduled
    /// by the Secretary", who may extend it.
    pub ends_at_planned_time: bool,
    /// 5.0 §5.2(c), (d): roles and policies move into a sub-circle (or any sub-circle of it)
    /// or out of one into the circle.
    pub moves_between_circles: bool,
    /// The elected roles the circle's Lead may not fill. 4.1 §2.5.1: the Lead Link "may not be
    /// elected as its Facilitator or Rep Link"; 5.0 §5.1.1: a Circle Lead "may not also serve
    /// as its Circle Rep".
    pub lead_may_not_fill: &'static [CoreRole],
    /// How a tie in an election is settled, in the order tried.
    pub tie_rules: &'static [TieRule],
    /// Who assigns people to roles between meetings, and the articles that say so.
    pub assignment: AssignmentRules,
    /// Where the rule set names the surrogates for an absent or unfilled Facilitator or
    /// Secretary (the order is the same in both: `meeting::surrogate`).
    pub surrogates_section: &'static str,
    /// Who may invite a guest to the circle's meetings, and for how long the guest takes part.
    pub guests: GuestRules,
}

/// Role assignment outside governance: each rule with the article that makes it, quoted
/// where a refusal names it.
#[derive(Debug)]
pub struct AssignmentRules {
    /// The Lead assigns people to the circle's roles (4.1 §2.4 "The Lead Link of a Circle may
    /// assign people to fill Defined Roles in the Circle"; 5.0 §1.4.1 "No one other than a
    /// Circle Lead may assign a Role or revoke a Role assignment within the Circle").
    pub lead_assigns: &'static str,
    /// The super-circle's Lead assigns a sub-circle's Lead (4.1 §2.6.3; 5.0 §1.4: the Role
    /// Lead of a role expanded into a circle is its Circle Lead, assigned as any role of the
    /// super-circle is, §1.4.1).
    pub super_lead_assigns_lead: &'static str,
    /// An unfilled Lead is covered by the super-circle's Lead (4.1 §2.4.1 "the Circle's Lead
    /// Link is considered to be filling the Role"; 5.0 §1.4.2 "each Circle Lead is
    /// automatically considered a Role Lead of the unfilled Role").
    pub unfilled_lead_covered: &'static str,
    /// Elected roles are filled only by an election (4.1 §2.5, §2.5.1; 5.0 §5.1.1, §5.1.2 "No
    /// Role or Policy may assign the Facilitator Role or Secretary Role or remove an
    /// assignment via any other means").
    pub elected_only_by_election: &'static str,
    /// Who names the anchor circle's Lead, when nobody above may.
    pub anchor_lead: &'static str,
    /// Anyone assigned may resign (4.1 §2.4.3; 5.0 §1.4.1 "Anyone so assigned may later
    /// resign from filling the Role").
    pub resignation: &'static str,
    /// The article that keeps the Lead out of some elected roles (`lead_may_not_fill`).
    pub lead_not_also: &'static str,
    /// 4.1 names one Lead Link per circle ("the Lead Link", §2.6.3 "assign someone to fill
    /// the Lead Link Role"); 5.0 §1.4 allows several Circle Leads.
    pub one_lead: bool,
}

impl Rules {
    /// Whether the circle's Lead may be elected to `role`.
    pub fn lead_may_fill(&self, role: CoreRole) -> bool {
        !self.lead_may_not_fill.contains(&role)
    }
}

static HOLACRACY_41: Rules = Rules {
    rule_set: RuleSet::Holacracy41,
    governance_steps: &[
        GovStep::CheckIn,
        GovStep::AdminConcerns,
        GovStep::Agenda,
        GovStep::Items,
        GovStep::Closing,
    ],
    time_outs: false,
    ends_at_planned_time: false,
    moves_between_circles: false,
    lead_may_not_fill: &[CoreRole::Facilitator, CoreRole::Rep],
    tie_rules: &[TieRule::RandomDraw],
    assignment: AssignmentRules {
        lead_assigns: "4.1 §2.4",
        super_lead_assigns_lead: "4.1 §2.6.3",
        unfilled_lead_covered: "4.1 §2.4.1",
        elected_only_by_election: "4.1 §2.5.1",
        anchor_lead: "4.1 §5.2.1: the ratifiers may appoint an initial Lead Link of the anchor circle; without one, its Lead Link decisions go through its governance (§5.2.2)",
        resignation: "4.1 §2.4.3",
        lead_not_also: "4.1 §2.5.1",
        one_lead: true,
    },
    surrogates_section: "4.1 §2.5.4",
    // 4.1 §3.3.1: "the Lead Link and any Rep Links or Cross Links to the Circle may each
    // invite up to one additional person, solely to aid the link in processing a specific
    // Tension. The invited participant then becomes a Core Circle Member as well for the
    // duration of that Governance Meeting." (Cross Links are not modelled yet.)
    guests: GuestRules {
        inviters: &[GuestKind::Lead, GuestKind::Rep],
        scope: GuestScope::WholeMeeting,
        article: "4.1 §3.3.1",
        says: "the Lead Link and each Rep Link may invite one guest, for a named tension",
    },
};

static HOLACRACY_50: Rules = Rules {
    rule_set: RuleSet::Holacracy50,
    governance_steps: &[
        GovStep::CheckIn,
        GovStep::Agenda,
        GovStep::Items,
        GovStep::Closing,
    ],
    time_outs: true,
    ends_at_planned_time: true,
    moves_between_circles: true,
    lead_may_not_fill: &[CoreRole::Rep],
    tie_rules: &[
        TieRule::SelfNominee,
        TieRule::Incumbent,
        TieRule::RandomDraw,
    ],
    assignment: AssignmentRules {
        lead_assigns: "5.0 §1.4.1",
        super_lead_assigns_lead: "5.0 §1.4, §1.4.1",
        unfilled_lead_covered: "5.0 §1.4.2",
        elected_only_by_election: "5.0 §5.1.1, §5.1.2",
        anchor_lead: "5.0 §1.4: the anchor circle has no Circle Lead unless a policy says so, and a policy delegating its role assignments is not supported yet",
        resignation: "5.0 §1.4.1",
        lead_not_also: "5.0 §5.1.1",
        one_lead: false,
    },
    surrogates_section: "5.0 §5.3.6",
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
};

impl RuleSet {
    /// The definition of this rule set.
    pub fn rules(self) -> &'static Rules {
        match self {
            RuleSet::Holacracy41 => &HOLACRACY_41,
            RuleSet::Holacracy50 => &HOLACRACY_50,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_definition_is_of_its_own_rule_set() {
        for rules in RuleSet::ALL {
            assert_eq!(rules.rules().rule_set, rules);
        }
    }

    #[test]
    fn only_holacracy_four_one_raises_administrative_concerns_and_only_five_has_time_outs() {
        let concerns = |r: RuleSet| r.rules().governance_steps.contains(&GovStep::AdminConcerns);
        assert!(concerns(RuleSet::Holacracy41) && !concerns(RuleSet::Holacracy50));
        assert!(RuleSet::Holacracy50.rules().time_outs && !RuleSet::Holacracy41.rules().time_outs);
    }

    #[test]
    fn the_lead_may_never_be_rep_and_under_four_one_not_facilitator_either() {
        for rules in RuleSet::ALL {
            assert!(!rules.rules().lead_may_fill(CoreRole::Rep), "{rules}");
            assert!(rules.rules().lead_may_fill(CoreRole::Secretary), "{rules}");
        }
        assert!(
            !RuleSet::Holacracy41
                .rules()
                .lead_may_fill(CoreRole::Facilitator)
        );
        assert!(
            RuleSet::Holacracy50
                .rules()
                .lead_may_fill(CoreRole::Facilitator)
        );
    }
}
