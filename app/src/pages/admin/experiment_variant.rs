//! `/admin/experiments/{id}/variants/{arm}/edit`: a variant of a draft
//! experiment in the page builder — the same editor as a page's draft, with
//! autosave to the variant. Once the experiment has started the variant is
//! shown read-only (its variants are fixed).

use crate::api::experiments::experiment_variant;
use crate::components::admin_page::AdminPage;
use crate::components::loaded::Loaded;
use crate::components::page_editor::PageBuilder;
use crate::domain::admin_section::AdminSection;
use crate::model::experiments::VariantEditor;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ExperimentVariantPage() -> impl IntoView {
    let (id, arm) = use_params_map().with_untracked(|p| {
        (
            p.get("id").unwrap_or_default(),
            p.get("arm").unwrap_or_default(),
        )
    });
    let back = format!("/admin/experiments/{id}");
    let variant = Resource::new_blocking(
        move || (id.clone(), arm.clone()),
        |(id, arm)| experiment_variant(id, arm),
    );
    view! {
        <AdminPage section=AdminSection::Experiments>
            <p class="small"><a href=back.clone()>"← Back to the experiment"</a></p>
            <Loaded resource=variant render=move |variant| view! { <VariantBuilder variant /> } />
        </AdminPage>
    }
}

#[component]
fn VariantBuilder(variant: VariantEditor) -> impl IntoView {
    let title = format!("{} — {}", variant.arm_name, variant.experiment_name);
    let preview = format!(
        "/admin/experiments/{}#variants-title",
        variant.experiment_id
    );
    view! {
        <div class="admin-head">
            <h1>{title}</h1>
        </div>
        <p class="muted">
            {format!("A variant of “{}”. Changes save as you go and show to this variant's visitors once the experiment starts; the published page stays as it is.", variant.page_title)}
        </p>
        {if variant.editable {
            view! {
                <PageBuilder id=variant.experiment_id.clone() revision=variant.revision
                    document=variant.document_json.clone() data=variant.editor_data.clone()
                    arm=variant.arm_key.clone() />
            }
            .into_any()
        } else {
            view! {
                <p class="alert" role="status">
                    "The experiment has started, so its variants are fixed. "
                    <a href=preview>"Back to the experiment"</a>
                </p>
            }
            .into_any()
        }}
    }
}
