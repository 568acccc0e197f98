//! # kantel-workflow: a study from study file to report, for every shell
//!
//! The command line (`kantel-cli`) and the web server are thin shells over this crate: they
//! parse what the user asked, call one function here, and render what it returns in the
//! user's language. Everything a study does with its files and its database lives here:
//!
//! 1. [`Workspace::open`]: read the study file, open its database (an SQLite file next to
//!    the study file, or PostgreSQL), bring the study and its municipalities up to date.
//! 2. [`imports`]: questionnaire answers, register indicators and expert ratings, checked
//!    against everything the analysis will require before anything is written, with a
//!    summary per set ("TRANSFORMATIE: 12 of 12 municipalities, year 2017"); the import
//!    history can be listed, and an import replaced by a corrected file or removed.
//! 3. [`analysis`]: load what is stored, measure, analyse, record the run with the data
//!    version it used → [`analysis::StudyRun`].
//! 4. [`report`]: the HTML report (and PDF through headless Chromium).
//! 5. [`demo`]: the simulated study end to end.
//!
//! Results carry typed messages ([`kantel_i18n::Msg`]) rather than prose, so each shell
//! renders them in Dutch or English. Nothing here writes to a terminal.

pub mod accounts;
pub mod analysis;
pub mod collection;
pub mod dashboard;
pub mod demo;
pub mod error;
pub mod imports;
pub mod invite;
pub mod report;
pub mod workspace;

pub use error::WorkflowError;
pub use workspace::{Access, StudyPaths, Workspace};
