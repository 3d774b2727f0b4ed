//! Who someone is: invitations now; passkeys, sessions and the access
//! policy build on them (issue 4).

pub mod invitations;
