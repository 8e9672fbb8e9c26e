use crate::model::leads::ThankYou;
use leptos::prelude::*;

/// What happens next, after a prospect sent the lead form: who will answer,
/// how soon, the next steps, and a prefilled booking link when the consultant has one.
#[component]
pub fn ThankYouPanel(thanks: ThankYou) -> impl IntoView {
    view! {
        <div class="thank-you" role="status" data-testid="thank-you">
            <h3 class="thank-you__title">"Thank you — we have your details."</h3>
            {thanks.consultant.clone().map(|c| view! {
                <div class="thank-you__consultant">
                    {c.profile_image_url.clone().map(|src| view! {
                        <img class="avatar" src=src alt="" width="64" height="64" />
                    })}
                    <p>
                        "Your consultant: "
                        <a href=format!("/consultants/{}", c.id) data-testid="assigned-consultant">
                            <strong>{format!("{} {}", c.first_name, c.last_name)}</strong>
                        </a>
                        <br />
                        <span class="muted">{c.title.clone()}</span>
                    </p>
                </div>
            })}
            <p>"Expect a reply within " <strong data-testid="response-time">{thanks.estimated_response_time.clone()}</strong> "."</p>
            <h4>"Next steps"</h4>
            <ol class="thank-you__steps">
                {thanks.next_steps.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}
            </ol>
            {thanks.booking_url.clone().map(|url| view! {
                <p><a class="button button--primary" href=url rel="noopener" target="_blank" data-testid="booking-link">"Book a call now"</a></p>
            })}
        </div>
    }
}
