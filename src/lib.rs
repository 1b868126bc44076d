//! Roundtable: a terminal facilitator for the meetings of self-managing organisations.
//!
//! Layers (dependencies point one way): `app -> {ui, store, domain}`, `ui -> domain`,
//! `store -> domain`. `domain` is pure.

pub mod app;
pub mod background;
pub mod cli;
pub mod data;
pub mod domain;
pub mod export;
pub mod logging;
pub mod store;
pub mod ui;
