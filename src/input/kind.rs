//! Which booklet a file is for: what the input declares and an edition lays out.

use serde::Deserialize;

/// Which booklet: 部门决算公开 or 部门预算公开.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookletKind {
    /// 部门决算公开
    #[default]
    Final,
    /// 部门预算公开
    Budget,
}

impl BookletKind {
    /// As the input and editions write it: `final`, `budget`.
    pub fn key(self) -> &'static str {
        match self {
            BookletKind::Final => "final",
            BookletKind::Budget => "budget",
        }
    }

    /// `部门决算`, `部门预算`.
    pub fn name(self) -> &'static str {
        match self {
            BookletKind::Final => "部门决算",
            BookletKind::Budget => "部门预算",
        }
    }
}
