//! Faults a test can inject into the gadget's answers — a failing request, a lost, doubled or
//! late response — so that the client's reliability can be proven against a misbehaving host.
//!
//! Each fault is armed once and consumed by the first request it matches (a method, or any).

use crate::error::SimError;
use cil_protocol::Method;

/// What to do to a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseFault {
    /// Do not send it (the client's request must time out).
    Drop,
    /// Send it twice (the client must ignore the second).
    Duplicate,
    /// Send it after this many milliseconds (out-of-order and late answers).
    Delay(u32),
}

/// The armed faults.
#[derive(Debug, Default)]
pub struct Faults {
    failures: Vec<(Option<Method>, SimError)>,
    responses: Vec<(Option<Method>, ResponseFault)>,
}

impl Faults {
    /// Makes the next request of `method` (any method when `None`) fail with `error`.
    pub fn fail_next(&mut self, method: Option<Method>, error: SimError) {
        self.failures.push((method, error));
    }

    /// Applies `fault` to the next response to a request of `method` (any when `None`).
    pub fn response_fault(&mut self, method: Option<Method>, fault: ResponseFault) {
        self.responses.push((method, fault));
    }

    /// The armed failure for a request of `method`, consumed.
    pub fn take_failure(&mut self, method: Option<Method>) -> Option<SimError> {
        let i = self
            .failures
            .iter()
            .position(|(m, _)| m.is_none() || *m == method)?;
        Some(self.failures.remove(i).1)
    }

    /// The armed response fault for a request of `method`, consumed.
    pub fn take_response_fault(&mut self, method: Option<Method>) -> Option<ResponseFault> {
        let i = self
            .responses
            .iter()
            .position(|(m, _)| m.is_none() || *m == method)?;
        Some(self.responses.remove(i).1)
    }

    /// Disarms everything.
    pub fn clear(&mut self) {
        self.failures.clear();
        self.responses.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cil_protocol::ErrorCode;

    #[test]
    fn consumed_once_in_order_matching_method() {
        let mut f = Faults::default();
        f.fail_next(
            Some(Method::GetChannel),
            SimError::new(ErrorCode::RequestFailed, "a"),
        );
        f.fail_next(None, SimError::new(ErrorCode::RequestFailed, "b"));
        assert_eq!(
            f.take_failure(Some(Method::SetAgentState))
                .map(|e| e.message),
            Some("b".into())
        );
        assert_eq!(f.take_failure(Some(Method::SetAgentState)), None);
        assert_eq!(
            f.take_failure(Some(Method::GetChannel)).map(|e| e.message),
            Some("a".into())
        );
        f.response_fault(None, ResponseFault::Delay(5));
        assert_eq!(f.take_response_fault(None), Some(ResponseFault::Delay(5)));
        assert_eq!(f.take_response_fault(None), None);
    }
}
