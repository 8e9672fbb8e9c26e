//! Showcase query latency with 10,000 published case studies, on SQLite and
//! (when CE_TEST_POSTGRES_URL is set) PostgreSQL:
//!
//!     cargo bench -p server --bench showcase_queries
//!
//! Prints p50/p95/p99 for the gallery query under several filter/sort
//! combinations and for the full detail query (study, consultant, related
//! work). Figures are recorded in docs/performance.md. Set
//! CE_BENCH_KEEP_SQLITE=/path/file.db to keep the filled SQLite database.

use app::db::{case_study_admin, Db};
use app::domain::case_study_form::CaseStudyInput;
use app::domain::gallery_query::GalleryQuery;
use app::services::showcase;
use std::time::{Duration, Instant};

mod support;

const ROWS: usize = 10_000;
const RUNS: usize = 300;

async fn fill(db: &Db) {
    server::seed::showcase::seed_showcase(db, &std::env::temp_dir().join("ce-bench-media"))
        .await
        .expect("seed");
    let consultants = case_study_admin::consultant_choices(db)
        .await
        .expect("consultants");
    let author = app::services::users::insert(
        db,
        None,
        app::services::users::parse_new_user(
            "bench@example.com",
            "Bench",
            "marketer",
            Some("Bench-Password-1"),
        )
        .unwrap(),
    )
    .await
    .expect("author")
    .id;
    let mut tx_count = 0;
    let demo = app::domain::demo_showcase::DemoShowcase::bundled().expect("the bundled demo");
    let studies = &demo.case_studies;
    for i in studies.len()..ROWS {
        let base = &studies[i % studies.len()].form;
        let result: f64 = base.primary_metric_result.parse().expect("a number");
        let roi: f64 = base.roi_pct.parse().expect("a number");
        let input = CaseStudyInput {
            title: format!("{} (variant {i})", base.title),
            slug: format!(
                "{}-{i}",
                base.slug[..base.slug.len().min(90)].trim_end_matches('-')
            ),
            consultant_id: consultants[i % consultants.len()].0.clone(),
            primary_metric_result: (result * (1.0 + (i % 7) as f64 / 100.0)).to_string(),
            roi_pct: (roi + (i % 50) as f64).to_string(),
            ..base.clone()
        };
        let draft = input.parse().expect("valid generated study");
        if let Err(e) = case_study_admin::save(db, None, &draft, Some(&author)).await {
            panic!("insert failed: {e}");
        }
        tx_count += 1;
    }
    sqlx::query("UPDATE case_studies SET published = 1, published_at = created_at - (length(id) * 1000), view_count = length(slug) * 7")
        .execute(&db.pool)
        .await
        .expect("publish all");
    assert!(tx_count + studies.len() >= ROWS);
}

fn percentiles(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let at = |q: f64| {
        samples[((samples.len() as f64 - 1.0) * q).round() as usize].as_secs_f64() * 1000.0
    };
    format!(
        "p50 {:>6.2} ms   p95 {:>6.2} ms   p99 {:>6.2} ms",
        at(0.50),
        at(0.95),
        at(0.99)
    )
}

async fn measure(db: &Db, backend: &str) {
    let queries = [
        ("gallery, default (recent)", ""),
        ("gallery, highest ROI", "sort_by=roi_desc"),
        (
            "gallery, popular, featured first",
            "sort_by=popular&featured_first=true",
        ),
        (
            "gallery, industry + size + ROI range",
            "industry=5510&company_size=mid_market&roi_min=100&roi_max=800",
        ),
        (
            "gallery, method, page 20",
            "experiment_type=ab_test&page=20",
        ),
    ];
    println!("\n{backend}: {ROWS} published case studies, {RUNS} runs each");
    for (label, qs) in queries {
        let pairs: Vec<(String, String)> = qs
            .split('&')
            .filter(|p| !p.is_empty())
            .filter_map(|p| {
                p.split_once('=')
                    .map(|(k, v)| (k.to_string(), v.to_string()))
            })
            .collect();
        let query =
            GalleryQuery::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).unwrap();
        let mut samples = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let started = Instant::now();
            let list = showcase::gallery(db, &query).await.unwrap();
            samples.push(started.elapsed());
            assert!(list.total_count > 0, "{label} matches something");
        }
        println!("  {label:<40} {}", percentiles(samples));
    }
    let slugs: Vec<String> =
        sqlx::query_scalar("SELECT slug FROM case_studies ORDER BY id LIMIT 300")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    let mut samples = Vec::with_capacity(RUNS);
    for slug in slugs.iter().cycle().take(RUNS) {
        let started = Instant::now();
        let detail = showcase::case_study(db, slug, false).await.unwrap();
        samples.push(started.elapsed());
        assert!(detail.is_some());
    }
    println!(
        "  {:<40} {}",
        "detail (study + consultant + related)",
        percentiles(samples)
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let dir = std::env::temp_dir().join(format!("ce-bench-{}", std::process::id()));
    let sqlite = Db::connect(&format!("sqlite://{}/bench.db", dir.display()), 5)
        .await
        .unwrap();
    sqlite.migrate().await.unwrap();
    let started = Instant::now();
    fill(&sqlite).await;
    println!(
        "SQLite: inserted {ROWS} case studies in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    measure(&sqlite, "SQLite").await;
    // Keep the filled database for query-plan work with the sqlite3 shell.
    if let Ok(keep) = std::env::var("CE_BENCH_KEEP_SQLITE") {
        sqlite.pool.close().await;
        std::fs::copy(dir.join("bench.db"), &keep).expect("copy the bench database");
        println!("SQLite database kept at {keep}");
    }
    let _ = std::fs::remove_dir_all(&dir);

    if let Some(scratch) = support::ScratchPostgres::create("ce_bench").await {
        let pg = scratch.connect().await;
        let started = Instant::now();
        fill(&pg).await;
        println!(
            "\nPostgreSQL: inserted {ROWS} case studies in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        // What autovacuum does soon after a bulk load: statistics, and the
        // visibility map that lets index-only scans skip the table.
        sqlx::query("VACUUM ANALYZE")
            .execute(&pg.pool)
            .await
            .unwrap();
        measure(&pg, "PostgreSQL").await;
        pg.pool.close().await;
        scratch.drop_database().await;
    }
}
