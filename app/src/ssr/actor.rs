//! Who performs a mutation. Every write takes an [`Actor`] as a value and records it, so that
//! permissions can later be checked in one place.

/// The acting user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor(String);

impl Actor {
    /// The reserved user that acts until accounts exist.
    pub fn anonymous() -> Self {
        Actor("anonymous".to_owned())
    }

    pub fn id(&self) -> &str {
        &self.0
    }
}

/// The user behind the request being handled. Until accounts exist this is always the
/// reserved anonymous user; this is the one place that will read the session.
pub fn current() -> Actor {
    Actor::anonymous()
}
