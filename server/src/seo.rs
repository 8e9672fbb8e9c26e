//! `/sitemap.xml` (published content only) and `/robots.txt`.

use app::db::{case_studies, consultants};
use app::domain::dates::iso_date;
use app::state::AppState;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub async fn sitemap(State(state): State<AppState>) -> Response {
    let origin = &state.settings.public_url;
    let (studies, people) = match (
        case_studies::published_slugs(&state.db).await,
        consultants::active_ids(&state.db).await,
    ) {
        (Ok(s), Ok(p)) => (s, p),
        (Err(e), _) | (_, Err(e)) => {
            tracing::error!(error = %e, "sitemap query failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let landing_pages = match app::services::landing_pages::sitemap_entries(&state.db).await {
        Ok(pages) => pages,
        Err(e) => {
            tracing::error!(error = %e, "sitemap query failed (landing pages)");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in [
        "/",
        "/case-studies",
        "/consultants",
        "/roi-calculator",
        "/tools/ab-test-calculator",
    ] {
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            xml_escape(&format!("{origin}{path}"))
        ));
    }
    for (slug, updated) in studies {
        xml.push_str(&format!(
            "  <url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
            xml_escape(&format!("{origin}/case-studies/{slug}")),
            iso_date(updated)
        ));
    }
    for (id, updated) in people {
        xml.push_str(&format!(
            "  <url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
            xml_escape(&format!("{origin}/consultants/{id}")),
            iso_date(updated)
        ));
    }
    for (slug, updated) in landing_pages {
        xml.push_str(&format!(
            "  <url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
            xml_escape(&format!("{origin}/landing/{slug}")),
            iso_date(updated)
        ));
    }
    xml.push_str("</urlset>\n");
    (
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        xml,
    )
        .into_response()
}

pub async fn robots(State(state): State<AppState>) -> Response {
    let body = format!(
        "User-agent: *\nDisallow: /admin\nDisallow: /api/\nDisallow: /login\n\nSitemap: {}/sitemap.xml\n",
        state.settings.public_url
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}
