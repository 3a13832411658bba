//! The values every layer above the parser shares: a file's text with its
//! name, and the law the engine applies. Loading them is [`crate::load`]'s job.

use crate::model::{AuthorityLibrary, Rubric};

/// Raw text and the name to use for it in messages.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: String,
}

/// The rubric and the authorities it cites: the law the engine applies.
#[derive(Debug, Clone)]
pub struct Library {
    pub rubric: Rubric,
    pub authorities: AuthorityLibrary,
}
