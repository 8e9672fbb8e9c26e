use leptos::prelude::*;

#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="container site-footer__inner">
                <div>
                    <p class="brand brand--footer">
                        <span class="brand__mark" aria-hidden="true">"CE"</span>
                        "Causal Edge"
                    </p>
                    <p class="muted">"Experimentation and causal analysis for growing businesses."</p>
                </div>
                <nav aria-label="Footer">
                    <ul class="site-footer__links">
                        <li><a href="/case-studies">"Case studies"</a></li>
                        <li><a href="/consultants">"Consultants"</a></li>
                        <li><a href="/roi-calculator">"ROI calculator"</a></li>
                        <li><a href="/tools/ab-test-calculator">"A/B test calculator"</a></li>
                        <li><a href="/contact">"Contact"</a></li>
                        <li><a href="/#approach">"Approach"</a></li>
                        <li><a href="/privacy">"Privacy"</a></li>
                        <li><a href="/login">"Staff sign in"</a></li>
                    </ul>
                </nav>
                <p class="muted site-footer__legal">"© 2026 Causal Edge. Estimates are illustrations, not promises."</p>
            </div>
        </footer>
    }
}
