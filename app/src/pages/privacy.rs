use crate::components::seo::Seo;
use crate::components::site_layout::SiteLayout;
use leptos::prelude::*;

/// What we collect from prospects and why, in plain words.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    view! {
        <Seo title="Privacy notice".to_string()
            description="What Causal Edge collects when you use this site, and why.".to_string()
            path="/privacy".to_string() />
        <SiteLayout>
            <section class="section">
                <div class="container narrow prose">
                    <h1 class="page-title">"Privacy notice"</h1>
                    <h2>"The visitor cookie"</h2>
                    <p>
                        "When you read a case study or use the ROI calculator we set one first-party cookie, "
                        <code>"ce_vid"</code>
                        ", holding a random number. It lets us count a case study's readers once a day and, if you later send us "
                        "the contact form, show your consultant which case studies you read and which estimate you made, so the "
                        "conversation starts where you are. It is never shared with anyone else and we store only a hash of it. "
                        "It expires after a year; deleting it in your browser breaks the link."
                    </p>
                    <h2>"The contact form"</h2>
                    <p>
                        "We use what you send only to answer your enquiry (our legitimate interest in replying to you). "
                        "Your consultant may email you about it whatever you tick."
                    </p>
                    <h2>"Marketing email"</h2>
                    <p>
                        "Only if you tick the marketing box, we send a few follow-up emails about your enquiry: for the "
                        "most pressing enquiries a confirmation at once and a reminder a day later; for others a welcome and "
                        "two notes over the following week; otherwise a monthly email listing new case studies. The "
                        "follow-ups stop as soon as a consultant takes up your enquiry. We record when you agreed and to "
                        "which wording."
                    </p>
                    <p>
                        "Every such email has a one-click unsubscribe link, and a List-Unsubscribe header your mail program "
                        "may show as an “Unsubscribe” button. Unsubscribing withdraws your consent: we record the time, "
                        "stop every marketing email to you at once, and never restart them without a new tick."
                    </p>
                    <h2>"ROI estimates"</h2>
                    <p>"Each estimate is stored with its inputs so its link keeps working; it holds no personal details."</p>
                </div>
            </section>
        </SiteLayout>
    }
}
