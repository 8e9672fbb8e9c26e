//! A/B experiments on landing pages, as pure rules: which visitor sees which
//! variant (`assignment`), what a marketer may set (`settings`) and the
//! status flow (`status`). The statistics that judge the results are in
//! `domain::stats`; storage and rendering are the services' business.

pub mod assignment;
pub mod calculator;
pub mod events;
pub mod readout;
pub mod settings;
pub mod status;
pub mod tally;
pub mod variant_text;

pub use assignment::{bucket, choose_variant, in_coverage};
pub use settings::{
    parse_arms, ArmForm, ArmPlan, Audience, DeviceClass, Engine, Goal, Settings, SettingsForm,
    Targeting, Visit, MAX_ARMS,
};
pub use status::{Action, Status};
