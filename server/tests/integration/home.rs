//! The home page's figures come from the published case studies and follow
//! them when studies are published or withdrawn.
use crate::common::{client, TestApp};

on_both_backends!(the_home_figures_follow_the_published_studies);

async fn the_home_figures_follow_the_published_studies(app: TestApp) {
    // Nothing published: no figures at all (none made up).
    let html = app.page(&client(), "/").await;
    assert!(!html.contains("median payback"), "figures without studies");

    app.seed_showcase().await;
    let published: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM case_studies WHERE published = 1")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    let html = app.page(&client(), "/").await;
    assert!(
        html.contains(&format!(
            "Computed from our {published} published case studies."
        )),
        "{html}"
    );
    assert!(
        !html.contains("+18%") && !html.contains("4.2 mo"),
        "the old hand-written figures"
    );

    // Withdraw all but one: the figures are that study's own.
    let (keep, improvement, payback, confidence): (String, f64, f64, f64) = sqlx::query_as(
        "SELECT id, primary_metric_improvement_pct, payback_months, confidence_level \
         FROM case_studies WHERE published = 1 ORDER BY id LIMIT 1",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    sqlx::query("UPDATE case_studies SET published = 0 WHERE id <> $1")
        .bind(&keep)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let html = app.page(&client(), "/").await;
    assert!(
        html.contains("Computed from our 1 published case study."),
        "{html}"
    );
    let expected = app::domain::portfolio_figures::PortfolioFigures {
        studies: 1,
        median_improvement_pct: improvement,
        median_payback_months: payback,
        at_95_confidence: usize::from(confidence >= 0.95 - 1e-9),
    };
    assert!(html.contains(&expected.improvement_label()), "{html}");
    assert!(html.contains(&expected.payback_label()), "{html}");
    assert!(html.contains(&format!("{} of 1", expected.at_95_confidence)));
}
