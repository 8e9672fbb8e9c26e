//! Native micro-benchmark of the ROI engine: microseconds per estimate over
//! the 29 demo case studies and over 1,000 synthetic ones (the island runs an
//! estimate on every keystroke). Run with `cargo bench -p app --bench roi_estimate`.

use app::domain::lead_fields::{Challenge, CurrentSolution, IndustryRef};
use app::domain::roi::{estimate, known_industries, RoiInput, StudyEvidence};
use app::domain::showcase::CompanySize;
use std::hint::black_box;
use std::time::Instant;

fn demo() -> Vec<StudyEvidence> {
    app::domain::demo_showcase::DemoShowcase::bundled()
        .and_then(|demo| demo.evidence())
        .expect("the bundled demo parses")
}

/// Deterministic pseudo-random studies spread over 40 industries.
fn synthetic(n: usize) -> Vec<StudyEvidence> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|i| {
            let industry = 1000 + next() % 40;
            StudyEvidence {
                slug: format!("synthetic-study-{i}"),
                title: format!("Synthetic study {i}"),
                industry_sic_code: industry.to_string(),
                industry_name: format!("Industry {industry}"),
                challenge: Challenge::ALL[(next() % 6) as usize],
                company_size: CompanySize::ALL[(next() % 3) as usize],
                improvement_pct: (next() % 400) as f64 / 10.0,
                roi_pct: 100.0 + (next() % 900) as f64,
                payback_months: 1.0 + (next() % 12) as f64,
            }
        })
        .collect()
}

fn input(industry: Option<IndustryRef>) -> RoiInput {
    RoiInput {
        industry,
        annual_revenue_gbp: 20_000_000.0,
        locations: Some(12),
        company_size: CompanySize::MidMarket,
        challenge: Challenge::Conversion,
        current_solutions: vec![CurrentSolution::WebAnalytics],
    }
}

fn time(label: &str, evidence: &[StudyEvidence], iterations: u32) {
    let industry = known_industries(evidence).into_iter().next();
    let input = input(industry);
    for _ in 0..iterations / 10 {
        black_box(estimate(black_box(&input), black_box(evidence)).unwrap());
    }
    let start = Instant::now();
    for i in 0..iterations {
        let revenue = 1_000_000.0 + f64::from(i);
        let input = RoiInput {
            annual_revenue_gbp: revenue,
            ..input.clone()
        };
        black_box(estimate(black_box(&input), black_box(evidence)).unwrap());
    }
    let micros = start.elapsed().as_secs_f64() * 1e6 / f64::from(iterations);
    println!("{label:>28}: {micros:8.2} µs per estimate ({iterations} runs)");
}

fn main() {
    time("29 demo case studies", &demo(), 20_000);
    time("1,000 synthetic studies", &synthetic(1_000), 2_000);
}
