//! The retraction property that tests/org_apply.rs (tactical effects) and tests/org_govern.rs
//! (adoptions, elections, breakdowns, requests) both check: entries and takings back in any
//! order, each written by the store and applied in memory; after each, memory is what a
//! reload reads, or it asked for the reload.

use proptest::prelude::*;
use roundtable::domain::meeting::Effect;
use roundtable::domain::org::{Applied, Source, Stamp};
use roundtable::domain::{MeetingId, Organisation};
use roundtable::store::Store;
use roundtable::store::prelude::*;

/// A step of the test: an entry, or taking back the `n`th latest standing one.
#[derive(Debug, Clone)]
pub enum Step<P> {
    Entry(P),
    Retract(usize),
}

/// Three entries to one taking back, each of the last three standing.
pub fn any_step<P: std::fmt::Debug + Clone>(
    pick: impl Strategy<Value = P>,
) -> impl Strategy<Value = Step<P>> {
    prop_oneof![
        3 => pick.prop_map(Step::Entry),
        1 => (0usize..3).prop_map(Step::Retract),
    ]
}

/// Runs `steps` in `meeting` (begun at `at`, its first entry written): `effect` gives the
/// effect of the `n`th step's pick on the organisation as it stands (`None`: nothing to do),
/// `seen` what is compared with a reload. Memory takes back in memory the latest entry
/// applied since the last read; older ones may ask for a reload.
pub fn run<P, S: PartialEq + std::fmt::Debug>(
    (store, mut org): (&mut Store, Organisation),
    (meeting, at): (MeetingId, chrono::DateTime<chrono::Utc>),
    steps: &[Step<P>],
    effect: impl Fn(&Organisation, &P, usize) -> Option<Effect>,
    seen: impl Fn(&Organisation) -> S,
) -> Result<(), TestCaseError> {
    let mut seq = 1;
    // Entries standing, oldest first, each marked whether applied since the last read.
    let mut standing: Vec<(u64, bool)> = Vec::new();
    for (n, step) in steps.iter().enumerate() {
        let effect = match step {
            Step::Entry(pick) => effect(&org, pick, n),
            Step::Retract(back) if *back < standing.len() => Some(Effect::Undo {
                seq: standing[standing.len() - 1 - back].0,
            }),
            Step::Retract(_) => None,
        };
        let Some(effect) = effect else { continue };
        let when = at + chrono::Duration::minutes(i64::try_from(seq).unwrap_or(0));
        let written =
            store.append_entry(meeting, seq, when, &"entry", std::slice::from_ref(&effect));
        let appended = match written {
            Ok(appended) => appended,
            // Taking back what a later entry builds on (a project updated since, a policy
            // on a role the entry made) is refused by the store, as in the program: nothing
            // changed.
            Err(e) if matches!(effect, Effect::Undo { .. }) => {
                prop_assert!(e.to_string().contains("FOREIGN KEY"), "{}", e);
                continue;
            }
            Err(e) => panic!("append: {e}"),
        };
        seq = appended.seq;
        let stamp = Stamp::at(Source { meeting, seq }, when);
        let created = appended.created[0].clone();
        let applied = org.apply_entry(&stamp, &[(effect.clone(), created)]);
        match &effect {
            Effect::Undo { seq: undone } => {
                let at = standing
                    .iter()
                    .position(|(s, _)| s == undone)
                    .expect("standing");
                let (_, since_read) = standing.remove(at);
                if at == standing.len() && since_read {
                    prop_assert_eq!(applied, Applied::Done, "the latest is taken back in memory");
                }
            }
            _ => {
                prop_assert_eq!(applied, Applied::Done, "{:?} is applied in memory", effect);
                standing.push((seq, true));
            }
        }
        let reloaded = store.load_whole_organisation().expect("load").expect("org");
        if applied == Applied::Reload {
            org = reloaded;
            standing.iter_mut().for_each(|(_, since)| *since = false);
        } else {
            prop_assert_eq!(seen(&org), seen(&reloaded), "after {:?}", effect);
        }
    }
    Ok(())
}
