//! What differs between rule sets, answered in one place: one `Rules` definition per rule set
//! that the meeting flows, the shell and the screens ask, instead of comparing rule-set names.
//! Adding a rule set (an organisation's own variant, another family) adds one definition here.
//!
//! Owns: `Rules` and the definitions of holacracy-4.1 and holacracy-5.0, each rule with the
//! article that makes it. Must not import: rusqlite, ratatui, crossterm, tokio, std::fs, or the
//! clock.

use super::meeting::governance::{GovStep, ObjectionTest, ValidityException};
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
    /// Back to the change round: whoever nominated someone not tied re-nominates one of the
    /// tied.
    Renominate,
}

/// How a rule set runs an integrative election (4.1 §3.3.6; 5.0 §5.3.5).
#[derive(Debug)]
pub struct ElectionRules {
    /// The article of the Integrative Election Process.
    pub article: &'static str,
    /// The tie options the facilitator may choose "any one of", in the order the article
    /// lists them (4.1 §3.3.6(e): (i) random, (ii) incumbent, (iii) only self-nominee, (iv)
    /// re-nominate; 5.0 §5.3.5(e): (i) only self-nominee, (ii) incumbent, (iii) random, (iv)
    /// re-nominate), with the article of each.
    pub tie_options: &'static [(TieRule, &'static str)],
    /// 4.1 §3.3.6(f): "if the proposed candidate is present, the Facilitator must ask the
    /// candidate for Objections last". 5.0 §5.3.5(f) only "asks each Circle Member".
    pub candidate_asked_last: Option<&'static str>,
    /// The article for discarding a proposed candidate and proposing another without a new
    /// change round (4.1 §3.3.6(f); 5.0 §5.3.5(f)).
    pub discard: &'static str,
    /// 4.1 §3.3.6(f): the facilitator may discard the proposal "either immediately after the
    /// Objection round or at any point during the integration step", so not while the round
    /// is under way; 5.0 §5.3.5(f) allows it as soon as "any Objections surface".
    pub discard_after_round: bool,
    /// The article that makes the circle's members eligible (4.1 §2.5.1 "All Core Circle
    /// Members are eligible"; 5.0 §5.1.1, §5.1.2 "the only candidates eligible for this
    /// election are a Circle's Circle Members").
    pub eligible: &'static str,
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
    /// What a special governance meeting's requester may ask of it.
    pub special: SpecialRules,
    /// Who may declare a process breakdown in the circle, and the article.
    pub breakdown_declarers: &'static [Declarer],
    pub breakdown_article: &'static str,
    /// Who concludes that due process is restored in a circle in breakdown, ending it.
    pub restore: RestoreRules,
    /// The article that puts the Secretary's rulings in the circle's governance record.
    pub rulings_published: &'static str,
    /// 5.0 §5.4.2: "Governance Meetings end once they reach the duration initially scheduled
    /// by the Secretary", who may extend it.
    pub ends_at_planned_time: bool,
    /// What a proposal may do to sub-circles, and how far roles and policies move.
    pub changes: &'static ChangeRules,
    /// The elected roles the circle's Lead may not fill. 4.1 §2.5.1: the Lead Link "may not be
    /// elected as its Facilitator or Rep Link"; 5.0 §5.1.1: a Circle Lead "may not also serve
    /// as its Circle Rep".
    pub lead_may_not_fill: &'static [CoreRole],
    /// How logs written before the facilitator chose a tie option (`ElectionEvent::Propose`)
    /// settled a tie: these rules tried in order. New elections use `election.tie_options`.
    pub tie_rules: &'static [TieRule],
    /// The integrative election.
    pub election: ElectionRules,
    /// Who assigns people to roles between meetings, and the articles that say so.
    pub assignment: AssignmentRules,
    /// 5.0 §3.2(f): "requests to a Role may only be made in service of a Role the requester
    /// represents in the meeting" (the article, quoted in the refusal); 4.1 §4.2.3(e) has no
    /// such limit.
    pub requests_serve_represented_role: Option<&'static str>,
    /// What the progress updates cover, and how long a request for updates lasts.
    pub progress: ProgressRules,
    /// Who declares a process breakdown outside a meeting.
    pub breakdown_between: BreakdownBetween,
    /// Where the rule set names the surrogates for an absent or unfilled Facilitator or
    /// Secretary (the order is the same in both: `meeting::surrogate`).
    pub surrogates_section: &'static str,
    /// Who adds and ends a role's checklist items and metrics between meetings.
    pub records: RecordRules,
    /// How a proposal and its objections are tested, in the rule set's words.
    pub idm: IdmRules,
    /// Who may invite a guest to the circle's meetings, and for how long the guest takes part.
    pub guests: GuestRules,
    /// The constitution's own definition of each core role, in `CoreRole::ALL` order.
    pub core_roles: [CoreRoleText; 4],
    /// Whether the anchor circle has a Lead without a policy saying so. 4.1 §2.2: "Each
    /// Circle has a Lead Link Role"; 5.0 §1.4: "The Anchor Circle has no Circle Leads, unless
    /// a Policy of the Circle says otherwise."
    pub anchor_has_lead: bool,
    /// The article for `anchor_has_lead`.
    pub anchor_lead_article: &'static str,
    /// What a proposal may do to the core roles' constitutional parts.
    pub core_limits: CoreLimits,
    /// Whether a sub-circle's Rep joins the super-circle only when the sub-circle has members
    /// other than its Lead Link and Cross Links (4.1 §2.6.4); 5.0 §5.1.1 has no exception.
    pub rep_needs_other_members: bool,
}

/// Who may define one kind of a circle's operational records on a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Definers {
    /// The circle's Secretary, who keeps the records, or the role's own filler.
    SecretaryOrFiller,
    /// The circle's Lead only.
    Lead,
}

/// The checklist items and metrics a role reports in tactical meetings: who defines them, each
/// with the article that says so.
#[derive(Debug)]
pub struct RecordRules {
    pub checklist: Definers,
    pub checklist_article: &'static str,
    pub metrics: Definers,
    pub metrics_article: &'static str,
}

/// One criterion of an objection test, in the rule set's words.
#[derive(Debug)]
pub struct Criterion {
    /// Where its answer is kept in `ObjectionTest::answers` (the same slot in every rule set).
    pub slot: usize,
    /// The article that sets it.
    pub article: &'static str,
    /// The question the facilitator asks the objector.
    pub question: &'static str,
}

/// Proposal validity and objection tests: each question with its article.
#[derive(Debug)]
pub struct IdmRules {
    /// The validity questions, in order (5.0 §5.3.1; 4.1 §3.2.2-3.2.3).
    pub validity_questions: &'static [&'static str],
    /// What makes a proposal valid whatever the answers (4.1 §3.2.2; none under 5.0).
    pub validity_exceptions: &'static [ValidityException],
    /// The four objection criteria, in the order the rule set lists them.
    pub objection_criteria: [Criterion; 4],
    /// The constitution criterion: valid whatever the four (4.1 §3.2.4(e); 5.0 §5.3.2).
    pub constitution_question: &'static str,
    /// The name of the step after the reaction round (4.1 §3.3.5(d) "Amend & Clarify"; 5.0
    /// §5.4.5(d) "Option to Clarify").
    pub amend_step: &'static str,
}

/// Someone who may declare a process breakdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declarer {
    /// The circle's Facilitator (4.1 §3.5.1 "The Facilitator of a Circle may declare a
    /// Process Breakdown in the Circle"; 5.0 §5.5).
    Facilitator,
    /// The circle's Secretary, under 5.0 only (§5.5 "The Facilitator or Secretary of a
    /// Circle may declare a Process Breakdown").
    Secretary,
    /// The proposer of a meeting they specially requested for that proposal (4.1 §3.5.1).
    SpecialRequester,
}

/// Who ends a circle's process breakdown: in both rule sets the super-circle's Facilitator,
/// each with the article.
#[derive(Debug)]
pub struct RestoreRules {
    /// The article that gives the super-circle's Facilitator the judgement.
    pub article: &'static str,
    /// Who judges for the anchor circle, which has no super-circle: its own Facilitator.
    pub anchor: &'static str,
}

/// What a participant reports on in the progress updates of a tactical meeting, and how long
/// another member's request for updates on a project binds them.
#[derive(Debug)]
pub struct ProgressRules {
    /// The article that makes a requested update binding.
    pub article: &'static str,
    /// 4.1 §4.2.3(d): "progress towards achieving any Project or expressing any
    /// Accountability of any of the participant's Roles": accountabilities are reported on
    /// too. 5.0 §3.2(d) names "any Project or other initiative" only.
    pub accountabilities: bool,
    /// How long the request binds, in the rule set's words.
    pub requested_until: &'static str,
    /// 5.0 §2.1(f): "you must continue to share these updates regularly, until you determine
    /// they are no longer useful": the filler may end the request. 4.1 §4.2.3(d) keeps it
    /// "until it's either completed or dropped" (`None`).
    pub filler_ends_request: Option<&'static str>,
}

/// Who may declare a process breakdown between meetings, on a pattern of behaviour or outputs
/// that conflicts with the constitution.
#[derive(Debug)]
pub struct BreakdownBetween {
    pub article: &'static str,
    /// 5.0 §5.5: "The Facilitator or Secretary of a Circle may declare a Process Breakdown in
    /// their own Circle or any Sub-Circle": the circle's own and every containing circle's.
    /// 4.1 §3.5.2: "The Facilitator of a Circle may declare a Process Breakdown within one of
    /// its Sub-Circles": the super-circle's only.
    pub own_and_containing: bool,
    /// 5.0: the Secretary as well as the Facilitator.
    pub secretary: bool,
    /// 4.1 §3.5.2: "if that Facilitator is also the Sub-Circle's Lead Link or Facilitator,
    /// then the Super-Circle's Secretary or Rep Link may also make this declaration".
    pub conflicted_alternates: bool,
    /// 4.1 §3.5.4: "if the Process Breakdown is not resolved within a reasonable timeframe,
    /// then the Facilitator of any Super-Circle that ultimately contains the offending Circle
    /// may declare a Process Breakdown within the offending Circle's Super-Circle as well".
    /// 5.0 §5.5.3 has no declaration for it (the super-circle "is also considered in a
    /// Process Breakdown"), and its Facilitators may declare in any circle below anyway.
    pub escalation: Option<&'static str>,
}

/// A special governance meeting, scheduled on a member's request (4.1 §3.3; 5.0 §5.4).
#[derive(Debug)]
pub struct SpecialRules {
    /// 4.1 §3.3.4(b): "the Facilitator must place all agenda items raised by that participant
    /// before any raised by others, unless that participant allows otherwise".
    pub requesters_items_first: bool,
    /// 5.0 §5.4.4: "For a special Governance Meeting scheduled on request of a participant,
    /// that participant may choose the agenda order".
    pub requester_orders_agenda: bool,
    /// 5.0 §5.4: "The requester may further specify an intention for a special Governance
    /// Meeting and any limits on what the meeting may change ... the authority of that special
    /// Governance Meeting is constrained to only processing Proposals for the stated intent,
    /// and only making changes within the stated limits".
    pub intent_and_limits: bool,
}

/// A core role as the constitution defines it: what every circle's copy carries and no
/// proposal may amend or remove.
#[derive(Debug)]
pub struct CoreRoleText {
    pub role: CoreRole,
    pub purpose: &'static str,
    pub domains: &'static [&'static str],
    pub accountabilities: &'static [&'static str],
    /// Where the constitution defines it.
    pub article: &'static str,
}

/// What governance may change on the core roles.
#[derive(Debug)]
pub struct CoreLimits {
    /// The article that keeps the constitution's purpose, domains and accountabilities of the
    /// elected core roles (4.1 §2.5.3; 5.0 §1.3.5, §5.1.1); the Lead's, `lead_delegation`.
    pub protected: &'static str,
    /// Core roles a circle may add nothing to, with the article (4.1 §2.2.3: "A Circle may
    /// not add Accountabilities or other functions to its own Lead Link Role").
    pub closed: &'static [(CoreRole, &'static str)],
    /// 5.0 §1.4.5: additions to the Circle Lead Role "automatically apply to every
    /// Sub-Circle's Circle Lead Role as well, recursively".
    pub lead_additions_recurse: Option<&'static str>,
    /// The Lead's own accountabilities and domains may be removed by placing them on another
    /// role or defining another means (4.1 §2.2.3; 5.0 §1.4.5 "A Circle may remove any
    /// Accountabilities, Domains, authorities, or functions of its own Circle Lead Role").
    pub lead_delegation: &'static str,
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
    /// A circle may delegate control of its role assignments to a role or process by
    /// policy (5.0 §1.4.1 "unless the Circle has delegated control of Role assignments to a
    /// different Role or process"); 4.1 knows no such delegation.
    pub delegation: Option<&'static str>,
    /// An elected role is filled for a term (4.1 §2.5.2 "the Facilitator will specify a term
    /// for each election"; 5.0 §5.3.5(a) "chooses a term for the election"): the first
    /// fillers the ratifiers name have one too.
    pub elected_term: &'static str,
    /// Who assigns into a role linked in from elsewhere: 4.1 §2.7.2 the Linked Entity "using
    /// whatever process it already has", or the Target Circle for a group with "no single
    /// locus of authority", and "only one person may be assigned to each Cross Link Role";
    /// 5.0 §1.3.4 "The authority to add or change assignments into the Role stays with its
    /// source Circle".
    pub linked_role_assignment: &'static str,
    /// The ratifiers define the initial structure on adopting the constitution (4.1 §5.2,
    /// §5.2.1, §5.3; 5.0 §1.3.3 "The Ratifiers may define an initial structure and other
    /// Governance within the Anchor Circle upon adopting this Constitution").
    pub adoption: &'static str,
}

/// What a governance proposal may change beyond the circle's own roles and policies: its
/// sub-circles, and roles and policies moved between it and them. Each rule with its article,
/// quoted where a refusal names it.
#[derive(Debug)]
pub struct ChangeRules {
    /// How many levels below the circle a role or policy may move to or come from: 4.1 §2.6.1
    /// "move its own Defined Roles or Policies into a Sub-Circle, or move any from within the
    /// Sub-Circle into itself" (one); 5.0 §5.2(c), (d) "into a Sub-Circle or any Sub-Circle
    /// thereof" and back out (`None`: any depth).
    pub move_depth: Option<usize>,
    /// The article that allows moves.
    pub moves: &'static str,
    /// The article that lets a role become a sub-circle and keeps the constitution's own
    /// roles out of it (4.1 §2.6 "A Circle may expand its Defined Roles into full Circles";
    /// 5.0 §1.3.1 "The inside of every Role is a Circle … This does not apply to the Roles
    /// defined in this Constitution, which may not be further broken down").
    pub expand: &'static str,
    /// The article that lets the circle amend a sub-circle (4.1 §2.6.1 "modify the Purpose,
    /// Domain, or Accountabilities on a Sub-Circle"; 5.0 §5.2(a) "amend … the Circle's Roles",
    /// a sub-circle being a role, §1.3.1).
    pub amend_sub_circle: &'static str,
    /// Whether the amendment may rename the sub-circle: 4.1 §2.6.1 names only its purpose,
    /// domain and accountabilities; under 5.0 it is a role, whose definition begins with "a
    /// descriptive name" (§1.1).
    pub renames_sub_circles: bool,
    /// The article that lets the circle collapse a sub-circle into a role or remove it (4.1
    /// §2.6.2 "remove a Sub-Circle … entirely … or by collapsing it from a Circle back into
    /// just a Role"; 5.0 §5.2(a) "remove the Circle's Roles", with §1.3.1).
    pub remove_sub_circle: &'static str,
    /// 5.0 §1.4: "Serving as a Role Lead also means serving as a Circle Lead within that
    /// Role's internal Circle": the fillers of a role expanded into a sub-circle fill its
    /// Circle Lead, and the fillers of a collapsed one's Circle Lead fill the role. Under 4.1
    /// the super-circle's Lead Link assigns the Lead Link (§2.6.3), so nobody is carried over.
    pub role_lead_is_circle_lead: bool,
    /// 5.0 §1.1 "A Role may also hold Policies"; under 4.1 policies govern the circle's domain
    /// (§2.1.1) and are the circle's.
    pub policies_on_roles: bool,
    /// Whether a circle may invite a Cross Link (4.1 §2.7 "A Circle may create a “Cross Link
    /// Policy” to invite any entity or group to participate within another Circle’s Governance
    /// Process and operations"). 5.0 has no Cross Link: "A Role may link into another Circle
    /// if a Policy of that other Circle or any Super-Circle thereof invites it" (§1.3.4).
    pub cross_links: bool,
    /// The article of Cross Links, or (5.0) of the linking it has instead.
    pub cross_link: &'static str,
}

impl IdmRules {
    /// The test that answers given in this rule set's order make (the four criteria, then
    /// the constitution), once all five are in.
    pub fn test_of(&self, asked: &[bool]) -> Option<ObjectionTest> {
        let [.., constitution] = asked else {
            return None;
        };
        if asked.len() != self.objection_criteria.len() + 1 {
            return None;
        }
        let mut answers = [false; 4];
        for (criterion, answer) in self.objection_criteria.iter().zip(asked) {
            answers[criterion.slot] = *answer;
        }
        Some(ObjectionTest {
            answers,
            breaks_constitution: *constitution,
        })
    }

    /// A test's answers in this rule set's order, each with its article.
    pub fn answers_of(&self, test: &ObjectionTest) -> Vec<(&'static str, bool)> {
        self.objection_criteria
            .iter()
            .map(|c| (c.article, test.answers[c.slot]))
            .collect()
    }

    /// Whether validity answers are complete: each question answered until the first "no".
    pub fn validity_complete(&self, answers: &[bool]) -> bool {
        answers.len() == self.validity_questions.len() || answers.last() == Some(&false)
    }
}

impl Rules {
    /// The constitution's definition of a core role under this rule set.
    pub fn core(&self, role: CoreRole) -> &CoreRoleText {
        // `core_roles` is in `CoreRole::ALL` order (a test checks it).
        let at = CoreRole::ALL.iter().position(|c| *c == role).unwrap_or(0);
        &self.core_roles[at]
    }

    /// Whether a policy of the anchor circle with this text gives it a Lead (5.0 §1.4
    /// "unless a Policy of the Circle says otherwise"): the policy names the Lead role.
    pub fn policy_gives_anchor_a_lead(&self, text: &str) -> bool {
        let lead = CoreRole::Lead.name(self.rule_set).to_lowercase();
        text.to_lowercase().contains(&lead)
    }

    /// The article that keeps `role` closed to additions, if it is.
    pub fn closed_to_additions(&self, role: CoreRole) -> Option<&'static str> {
        self.core_limits
            .closed
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, a)| *a)
    }

    /// Whether the circle's Lead may be elected to `role`.
    pub fn lead_may_fill(&self, role: CoreRole) -> bool {
        !self.lead_may_not_fill.contains(&role)
    }
}

mod core_texts;
pub mod delegation;
mod holacracy_41;
mod holacracy_50;
use core_texts::{CORE_41, CORE_50};
use holacracy_41::HOLACRACY_41;
use holacracy_50::HOLACRACY_50;

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
mod tests;
