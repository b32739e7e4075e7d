//! Which agent-state changes an agent (or an integration, through `setAgentState`) may ask for,
//! in one table, so the rule is stated once and tested exhaustively.
//!
//! The gadget itself moves the agent to Active and Wrapup when calls come and go; a request can
//! only ask for Ready, NotReady or Logout. The table follows Finesse's behaviour as far as the
//! reference and domain notes describe it; where they are silent the choice is the conservative
//! one and the refusal message says what would have been allowed.

use crate::names::{AgentState, TargetState};

/// Whether a request to move from `from` to `to` is legal; `Err` carries the reason.
///
/// `reason_changes` says whether a NotReady → NotReady request names a different reason code
/// (that is a legal change of reason; the same code again is refused as a no-op).
pub fn check(from: AgentState, to: TargetState, reason_changes: bool) -> Result<(), String> {
    use AgentState as A;
    use TargetState as T;
    match (from, to) {
        (A::Ready, T::NotReady | T::Logout) => Ok(()),
        (A::NotReady, T::Ready | T::Logout) => Ok(()),
        (A::NotReady, T::NotReady) if reason_changes => Ok(()),
        (A::Wrapup, T::Ready | T::NotReady) => Ok(()),
        (A::Offline | A::Unknown, T::Logout) => Ok(()),
        (A::Ready, T::Ready) => Err("the agent is already Ready".into()),
        (A::NotReady, T::NotReady) => {
            Err("the agent is already NotReady with this reason code".into())
        }
        (A::Logout, _) => Err(format!(
            "the agent is logged out; {to} needs a login on the gadget first"
        )),
        (A::Active, _) => Err(format!(
            "the agent is Active on a work item; {to} is possible once the work ends"
        )),
        (A::Wrapup, T::Logout) => {
            Err("the agent is in Wrapup; end wrap-up (Ready or NotReady) before Logout".into())
        }
        (A::Offline | A::Unknown, _) => Err(format!(
            "the channel is {from}; only Logout is possible from there"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AgentState as A;
    use TargetState as T;

    /// Every (from, to) pair, with the expected verdict, so a change to the table shows up here.
    #[test]
    fn full_table() {
        let legal = [
            (A::Ready, T::NotReady),
            (A::Ready, T::Logout),
            (A::NotReady, T::Ready),
            (A::NotReady, T::Logout),
            (A::Wrapup, T::Ready),
            (A::Wrapup, T::NotReady),
            (A::Offline, T::Logout),
            (A::Unknown, T::Logout),
        ];
        for from in A::ALL {
            for to in T::ALL {
                let verdict = check(*from, *to, false);
                assert_eq!(
                    verdict.is_ok(),
                    legal.contains(&(*from, *to)),
                    "{from} -> {to}: {verdict:?}"
                );
            }
        }
    }

    #[test]
    fn not_ready_reason_change_is_legal_only_with_a_new_code() {
        assert!(check(A::NotReady, T::NotReady, true).is_ok());
        let err = check(A::NotReady, T::NotReady, false).unwrap_err();
        assert!(err.contains("already NotReady"));
    }

    #[test]
    fn refusals_say_why() {
        assert!(check(A::Active, T::Ready, false)
            .unwrap_err()
            .contains("Active"));
        assert!(check(A::Logout, T::Ready, false)
            .unwrap_err()
            .contains("logged out"));
    }
}
