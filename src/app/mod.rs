//! The commands, above the pipeline: the command line, batch builds, watch, init,
//! import and export, output files and reports.

pub mod batch;
pub mod cli;
pub mod commands;
pub mod export;
pub mod import;
pub mod init;
pub mod init_budget;
pub mod manifest;
pub mod output;
pub mod report;
pub mod watch;
