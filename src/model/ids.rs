//! Typed identifiers. Every entity is named by a UUID (REFI-QDA needs GUIDs), so two coders who
//! create entities on separate clones never collide and merge with plain `git merge`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh random id.
            #[must_use]
            pub fn new() -> Self {
                Self(Uuid::new_v4())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0.hyphenated())
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

id_type!(
    /// A document (interview, chat log, notes).
    DocumentId
);
id_type!(
    /// A code in the codebook.
    CodeId
);
id_type!(
    /// One coding: a code applied by a coder to a range of a document.
    CodingId
);
id_type!(
    /// A case (a participant, usually).
    CaseId
);
id_type!(
    /// An attribute (variable) that cases carry.
    AttributeId
);
id_type!(
    /// A coder: a person who codes.
    CoderId
);
id_type!(
    /// A memo.
    MemoId
);
