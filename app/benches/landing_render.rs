//! Server-side rendering of a published landing page: milliseconds to turn a
//! 500-block document (the six built-in templates' sections repeated, every
//! block type) into HTML with the published page's components. Case-study
//! cards render their empty state (no database here). Run with
//! `cargo bench -p app --features ssr --bench landing_render`.

use app::components::landing::{LandingData, LandingDocument};
use app::domain::page_document::{parse_value, Document, BUILT_IN_TEMPLATES};
use leptos::prelude::*;
use serde_json::Value;
use std::time::Instant;

/// Appends `suffix` to every node id, so repeated sections stay unique.
fn rename_ids(value: &mut Value, suffix: &str) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(id)) = map.get_mut("id") {
                id.push_str(suffix);
            }
            for (key, child) in map.iter_mut() {
                if key != "id" {
                    rename_ids(child, suffix);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rename_ids(v, suffix)),
        _ => {}
    }
}

/// A document of at least `blocks` blocks, made of the templates' sections.
fn document_with(blocks: usize) -> (Document, usize) {
    let templates: Vec<Value> = BUILT_IN_TEMPLATES
        .iter()
        .map(|t| serde_json::to_value(t.document().expect("a built-in template parses")).unwrap())
        .collect();
    let mut root = templates[0].clone();
    let mut sections = Vec::new();
    let mut count = 0;
    let mut round = 0;
    while count < blocks {
        for template in &templates {
            for section in template["sections"].as_array().unwrap() {
                let mut section = section.clone();
                rename_ids(&mut section, &format!("-r{round}"));
                count += count_blocks(&section);
                sections.push(section);
            }
            round += 1;
        }
    }
    root["sections"] = Value::Array(sections);
    let document = parse_value(root).expect("the repeated document parses");
    (document, count)
}

fn count_blocks(section: &Value) -> usize {
    section["blocks"]
        .as_array()
        .map(|blocks| {
            blocks
                .iter()
                .map(|b| {
                    1 + b["columns"]
                        .as_array()
                        .map(|cols| {
                            cols.iter()
                                .map(|c| c["blocks"].as_array().map_or(0, Vec::len))
                                .sum()
                        })
                        .unwrap_or(0)
                })
                .sum()
        })
        .unwrap_or(0)
}

fn main() {
    let (document, blocks) = document_with(500);
    let data = LandingData {
        slug: document.settings.slug.clone(),
        ..LandingData::default()
    };
    let render = || {
        let owner = Owner::new();
        owner.with(|| {
            view! { <LandingDocument document=document.clone() data=data.clone() /> }.to_html()
        })
    };
    let html = render();
    for _ in 0..20 {
        render();
    }
    let mut times: Vec<f64> = (0..200)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(render());
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "landing page, {blocks} blocks ({} nodes), {} KB of HTML: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms over {} renders",
        document.node_count(),
        html.len() / 1024,
        at(0.5),
        at(0.95),
        at(1.0),
        times.len()
    );
}
