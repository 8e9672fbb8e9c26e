#![recursion_limit = "256"]
//! Causal Edge: the Leptos application shared by the server (SSR) and the
//! browser (WASM islands). `shell` is the HTML document; `App` the route table.

pub mod api;
pub mod app;
pub mod charts;
pub mod components;
pub mod domain;
pub mod error;
pub mod markdown;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod services;
#[cfg(feature = "ssr")]
pub mod state;

pub use app::{shell, App};
