//! The seven requests of the 2.7 reference by their wire names, so that client and gadget
//! never spell a method differently.

/// A request method of the Integration API 2.7.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    /// `dialOrConsult(channelId, address)`: start a call, or a consultation call when one is up.
    DialOrConsult,
    /// `getChannel(channelId)`: the agent and channel information.
    GetChannel,
    /// `getReasonCodeList(channelId, reasonType)`: the reason codes of one type.
    GetReasonCodeList,
    /// `isUpdateWorkitemDataEnabled(channelId, workitemId)`: whether call data may be updated now.
    IsUpdateWorkitemDataEnabled,
    /// `setAgentState(channelId, state, reasonCode)`: change the agent state on a channel.
    SetAgentState,
    /// `setWrapupReason(channelId, workitemId, wrapUpReason)`: set the wrap-up reason of a call.
    SetWrapupReason,
    /// `updateWorkitemData(channelId, workitemId, updatedData)`: update call variables.
    UpdateWorkitemData,
}

impl Method {
    /// Every method, in the reference's (alphabetical) order.
    pub const ALL: [Method; 7] = [
        Method::DialOrConsult,
        Method::GetChannel,
        Method::GetReasonCodeList,
        Method::IsUpdateWorkitemDataEnabled,
        Method::SetAgentState,
        Method::SetWrapupReason,
        Method::UpdateWorkitemData,
    ];

    /// The wire name, which is also the JS method name of `cil`.
    ///
    /// ```
    /// assert_eq!(cil_protocol::Method::GetChannel.name(), "getChannel");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Method::DialOrConsult => "dialOrConsult",
            Method::GetChannel => "getChannel",
            Method::GetReasonCodeList => "getReasonCodeList",
            Method::IsUpdateWorkitemDataEnabled => "isUpdateWorkitemDataEnabled",
            Method::SetAgentState => "setAgentState",
            Method::SetWrapupReason => "setWrapupReason",
            Method::UpdateWorkitemData => "updateWorkitemData",
        }
    }

    /// The method with this exact (case-sensitive) wire name.
    pub fn from_name(name: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|method| method.name() == name)
    }

    /// The positional argument names, in order, without the optional trailing `requestId`.
    /// They are also the field names of the request's `params` object.
    ///
    /// ```
    /// use cil_protocol::Method;
    /// assert_eq!(Method::SetAgentState.params(), ["channelId", "state", "reasonCode"]);
    /// ```
    pub fn params(self) -> &'static [&'static str] {
        match self {
            Method::DialOrConsult => &["channelId", "address"],
            Method::GetChannel => &["channelId"],
            Method::GetReasonCodeList => &["channelId", "reasonType"],
            Method::IsUpdateWorkitemDataEnabled => &["channelId", "workitemId"],
            Method::SetAgentState => &["channelId", "state", "reasonCode"],
            Method::SetWrapupReason => &["channelId", "workitemId", "wrapUpReason"],
            Method::UpdateWorkitemData => &["channelId", "workitemId", "updatedData"],
        }
    }
}

impl core::fmt::Display for Method {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Method {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Method {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Method::from_name(&name)
            .ok_or_else(|| serde::de::Error::custom(format_args!("unknown method {name:?}")))
    }
}
