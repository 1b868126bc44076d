//! The constitution's own texts of the core roles, per rule set: 4.1 Appendix A word for word,
//! and 5.0's from the articles that define them. Kept apart from the rest of the rule-set
//! definitions because they are long.
//!
//! Owns: `CORE_41`, `CORE_50`. Must not import: rusqlite, ratatui, crossterm, tokio, std::fs,
//! or the clock.

use super::CoreRoleText;
use crate::domain::ruleset::CoreRole;

/// 4.1 Appendix A, "Definition of Core Roles", word for word.
pub(super) const CORE_41: [CoreRoleText; 4] = [
    CoreRoleText {
        role: CoreRole::Lead,
        purpose: "The Lead Link holds the Purpose of the overall Circle.",
        domains: &["Role assignments within the Circle"],
        accountabilities: &[
            "Structuring the Governance of the Circle to enact its Purpose and Accountabilities",
            "Assigning Partners to the Circle’s Roles; monitoring the fit; offering feedback to enhance fit; and re-assigning Roles to other Partners when useful for enhancing fit",
            "Allocating the Circle’s resources across its various Projects and/or Roles",
            "Establishing priorities and Strategies for the Circle",
            "Defining metrics for the circle",
            "Removing constraints within the Circle to the Super-Circle enacting its Purpose and Accountabilities",
        ],
        article: "4.1 Appendix A, Lead Link",
    },
    CoreRoleText {
        role: CoreRole::Facilitator,
        purpose: "Circle governance and operational practices aligned with the Constitution.",
        domains: &[],
        accountabilities: &[
            "Facilitating the Circle’s constitutionally-required meetings",
            "Auditing the meetings and records of Sub-Circles as needed, and declaring a Process Breakdown upon discovering a pattern of behavior that conflicts with the rules of the Constitution",
        ],
        article: "4.1 Appendix A, Facilitator",
    },
    CoreRoleText {
        role: CoreRole::Secretary,
        purpose: "Steward and stabilize the Circle’s formal records and record-keeping process.",
        domains: &["All constitutionally-required records of the Circle"],
        accountabilities: &[
            "Scheduling the Circle’s required meetings, and notifying all Core Circle Members of scheduled times and locations",
            "Capturing and publishing the outputs of the Circle’s required meetings, and maintaining a compiled view of the Circle’s current Governance, checklist items, and metrics",
            "Interpreting Governance and the Constitution upon request",
        ],
        article: "4.1 Appendix A, Secretary",
    },
    CoreRoleText {
        role: CoreRole::Rep,
        purpose: "Within the Super-Circle, the Rep Link holds the Purpose of the Sub-Circle; within the Sub-Circle, the Rep Link’s Purpose is: Tensions relevant to process in the Super-Circle channeled out and resolved.",
        domains: &[],
        accountabilities: &[
            "Removing constraints within the broader Organization that limit the Sub-Circle",
            "Seeking to understand Tensions conveyed by Sub-Circle Circle Members, and discerning those appropriate to process in the Super-Circle",
            "Providing visibility to the Super-Circle into the health of the Sub-Circle, including reporting on any metrics or checklist items assigned to the whole Sub-Circle",
        ],
        article: "4.1 Appendix A, Rep Link",
    },
];

/// 5.0's core roles, from the articles that define them (5.0 has no appendix of them).
pub(super) const CORE_50: [CoreRoleText; 4] = [
    // §1.4: "The Circle Lead Role holds the overall Purpose of that broader Role, and all
    // Accountabilities on that Role to the extent they are not covered by other Roles or
    // processes within the Circle": nothing of its own beyond that.
    CoreRoleText {
        role: CoreRole::Lead,
        purpose: "The overall Purpose of the Circle, and all its Accountabilities not covered by other Roles or processes within the Circle",
        domains: &[],
        accountabilities: &[],
        article: "5.0 §1.4",
    },
    // §1.3.5 (purpose); §5.1.2 "accountable for facilitating its Governance Process"; §3.2
    // "accountable for facilitating the Circle's regular Tactical Meetings"; §5.3.5
    // "accountable for triggering new elections"; §5.5 "accountable for auditing a
    // Sub-Circle's meetings and records on request and declaring a Process Breakdown".
    CoreRoleText {
        role: CoreRole::Facilitator,
        purpose: "Circle governance and operational practices aligned with the Constitution",
        domains: &[],
        accountabilities: &[
            "Facilitating the Circle's Governance Process",
            "Facilitating the Circle's regular Tactical Meetings",
            "Triggering new elections for the Circle's elected Roles after each election term expires",
            "Auditing a Sub-Circle's meetings and records on request, and declaring a Process Breakdown if one is discovered",
        ],
        article: "5.0 §1.3.5, §3.2, §5.1.2, §5.3.5, §5.5",
    },
    // §1.3.5 (purpose); §5.1.2 "capturing and publishing the outputs of its Governance
    // Process, and holds a Domain over the Circle's governance records"; Art. 3 "scheduling
    // regular Tactical Meetings", §3.2 "capturing and publishing Tactical Meeting outputs";
    // §5.4 "accountable for scheduling its Governance Meetings"; §4.2.1 "accountable for
    // interpreting the Constitution and anything under its authority upon request".
    CoreRoleText {
        role: CoreRole::Secretary,
        purpose: "Stabilize the Circle’s constitutionally-required records and meetings",
        domains: &["The Circle's governance records"],
        accountabilities: &[
            "Scheduling the Circle's regular Tactical Meetings",
            "Capturing and publishing Tactical Meeting outputs",
            "Scheduling the Circle's Governance Meetings, and special Governance Meetings promptly upon request of any Circle Member",
            "Capturing and publishing the outputs of the Circle's Governance Process",
            "Interpreting the Constitution and anything under its authority upon request",
        ],
        article: "5.0 §1.3.5, Art. 3, §3.2, §4.2.1, §5.1.2, §5.4",
    },
    // §5.1.1, word for word.
    CoreRoleText {
        role: CoreRole::Rep,
        purpose: "Tensions relevant to process in a broader Circle channeled out and resolved",
        domains: &[],
        accountabilities: &[
            "Seeking to understand Tensions conveyed by Role Leads within the Circle",
            "Discerning Tensions appropriate to process within a broader Circle that holds the Circle",
            "Processing Tensions within a broader Circle to remove constraints on the Circle",
        ],
        article: "5.0 §5.1.1",
    },
];
