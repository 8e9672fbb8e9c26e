//! Demo content for the showcase: consultants and case studies with
//! internally consistent numbers. Plain data; `seed::showcase` inserts it.

/// A demo consultant. `key` links case studies to their consultant.
pub struct DemoConsultant {
    pub key: &'static str,
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub email: &'static str,
    pub title: &'static str,
    /// Markdown.
    pub bio: &'static str,
    pub years_experience: i64,
    pub specializations: &'static [&'static str],
    /// SIC codes (as used by the case studies' `industry_sic_code`).
    pub primary_industries: &'static [&'static str],
    pub secondary_industries: &'static [&'static str],
    pub average_project_roi_pct: f64,
    pub projects_completed: i64,
    pub satisfaction_score: f64,
    pub capacity_pct: i64,
    pub hourly_rate_gbp: i64,
    pub consultation_rate_gbp: i64,
    pub available_for_new_clients: bool,
    pub preferred_contact: &'static str, // "email" | "phone" | "calendar"
    pub calendar_url: Option<&'static str>,
    pub linkedin_url: Option<&'static str>,
    /// Two colours (CSS hex) for the generated avatar.
    pub avatar_colors: (&'static str, &'static str),
}

pub struct DemoMetric {
    pub name: &'static str,
    pub baseline: f64,
    pub result: f64,
    pub improvement_pct: f64,
    pub unit: &'static str,
}

pub struct DemoCaseStudy {
    pub title: &'static str,
    pub slug: &'static str,
    pub summary: &'static str,
    pub industry_sic_code: &'static str,
    pub industry_name: &'static str,
    pub client_type: &'static str,
    pub company_size: &'static str, // "smb" | "mid_market" | "enterprise"
    /// domain::lead_fields::Challenge wire value.
    pub challenge: &'static str,
    pub client_size_label: &'static str,
    pub client_region: &'static str,
    /// Markdown texts.
    pub business_challenge: &'static str,
    pub previous_approaches: &'static str,
    pub stakeholder_concerns: &'static str,
    pub success_criteria: &'static str,
    pub consultant_key: &'static str,
    pub methodology: &'static str, // see domain::showcase::Methodology::as_str
    pub duration_days: i64,
    pub sample_size: i64,
    pub confidence_level: f64,
    pub primary_metric: DemoMetric,
    pub secondary_metrics: &'static [DemoMetric],
    pub roi_pct: f64,
    pub roi_value_gbp: i64,
    pub roi_timeframe: &'static str, // "annually" | "quarterly" | "monthly" | "one_off"
    pub payback_months: f64,
    /// Markdown.
    pub methodology_details: &'static str,
    pub testimonial_text: &'static str,
    pub testimonial_author: &'static str,
    pub testimonial_role: &'static str,
    pub meta_description: &'static str,
    pub meta_keywords: &'static str,
    pub featured: bool,
    /// Days before the seeding time that it was published.
    pub published_days_ago: i64,
    pub view_count: i64,
}

pub const CONSULTANTS: &[DemoConsultant] = &[
    DemoConsultant {
        key: "priya",
        first_name: "Priya",
        last_name: "Raman",
        email: "priya.raman@causal-edge.example",
        title: "Principal Experimentation Consultant",
        bio: r#"Priya has spent fourteen years helping online retailers and travel businesses turn "we think" into "we know". Before joining Causal Edge she ran the experimentation programme at a large UK fashion e-tailer, growing it from a handful of ad-hoc tests a quarter to more than 300 trustworthy experiments a year, with a shared metrics layer and a review board that product teams actually wanted to attend.

Her work sits where checkout journeys, merchandising and statistics meet. She is happiest designing tests that answer a commercial question cleanly: which delivery promise is worth paying for, which results-page layout helps customers choose, how much friction a returns policy can carry. She is an advocate of **pre-registered hypotheses, sensible guardrail metrics and sequential designs** that let teams stop early without fooling themselves.

Priya is based in Manchester, mentors analysts through a regional data community, and is usually the first to ask what a result would change before the test is built."#,
        years_experience: 14,
        specializations: &[
            "Conversion rate optimisation",
            "Experiment design",
            "Multivariate testing",
            "Sequential testing",
            "Experimentation programme coaching",
        ],
        primary_industries: &["4791", "7911"],
        secondary_industries: &["5510"],
        average_project_roi_pct: 410.0,
        projects_completed: 62,
        satisfaction_score: 4.9,
        capacity_pct: 70,
        hourly_rate_gbp: 240,
        consultation_rate_gbp: 150,
        available_for_new_clients: true,
        preferred_contact: "calendar",
        calendar_url: Some("https://cal.causal-edge.example/priya"),
        linkedin_url: Some("https://www.linkedin.com/in/priya-raman-example"),
        avatar_colors: ("#5B8DEF", "#A3C4F3"),
    },
    DemoConsultant {
        key: "tom",
        first_name: "Tom",
        last_name: "Whitfield",
        email: "tom.whitfield@causal-edge.example",
        title: "Causal Inference Lead",
        bio: r#"Tom is an econometrician by training and a sceptic by temperament. He spent the first part of his career building pricing and claims models for a UK general insurer, then led marketing-effectiveness work for a retail bank, where he learned that the hardest question in analytics is usually "compared with what?".

At Causal Edge he leads engagements where a clean randomised test is impractical: media that cannot be switched off for half the country, product launches that go live for everyone on the same day, regulatory changes that arrive unannounced. His toolkit includes **difference-in-differences with staggered adoption, synthetic control, Bayesian media mix models calibrated against geo-lift tests**, and plenty of placebo checks to keep everyone honest.

Tom writes clear, assumption-first reports that finance directors and regulators can follow, and he is known for putting the uncertainty on the front page rather than in an appendix."#,
        years_experience: 11,
        specializations: &[
            "Marketing attribution",
            "Media mix modelling",
            "Difference-in-differences",
            "Synthetic control",
        ],
        primary_industries: &["6419", "6512"],
        secondary_industries: &["6190", "3514"],
        average_project_roi_pct: 520.0,
        projects_completed: 41,
        satisfaction_score: 4.7,
        capacity_pct: 55,
        hourly_rate_gbp: 220,
        consultation_rate_gbp: 0,
        available_for_new_clients: true,
        preferred_contact: "email",
        calendar_url: None,
        linkedin_url: Some("https://www.linkedin.com/in/tom-whitfield-example"),
        avatar_colors: ("#2A9D8F", "#A8DADC"),
    },
    DemoConsultant {
        key: "amara",
        first_name: "Amara",
        last_name: "Okonkwo",
        email: "amara.okonkwo@causal-edge.example",
        title: "Pricing Scientist",
        bio: r#"Amara builds pricing that customers understand and finance teams trust. She began in revenue management for a hotel group, moved into leisure and ticketing, and now leads Causal Edge's pricing practice for cinemas, hotels and travel operators.

Her approach starts with elasticity: how sensitive is demand to price for this product, on this day, through this channel? She combines **demand modelling, switchback and geo tests, and carefully designed price experiments** with the operational realities of front-of-house staff, rate parity agreements and seasonal peaks. She is firm that pricing experiments need fairness guardrails, and she designs them in from the start.

Amara holds a master's degree in operational research, speaks regularly at hospitality revenue forums, and lives in Leeds with an ever-growing collection of vintage film posters."#,
        years_experience: 9,
        specializations: &[
            "Pricing optimisation",
            "Dynamic pricing",
            "Price elasticity modelling",
            "Revenue management",
        ],
        primary_industries: &["5914", "5510"],
        secondary_industries: &["7911", "9313"],
        average_project_roi_pct: 385.0,
        projects_completed: 33,
        satisfaction_score: 4.8,
        capacity_pct: 40,
        hourly_rate_gbp: 195,
        consultation_rate_gbp: 120,
        available_for_new_clients: true,
        preferred_contact: "calendar",
        calendar_url: Some("https://cal.causal-edge.example/amara"),
        linkedin_url: Some("https://www.linkedin.com/in/amara-okonkwo-example"),
        avatar_colors: ("#E76F51", "#F4A261"),
    },
    DemoConsultant {
        key: "mateusz",
        first_name: "Mateusz",
        last_name: "Kowalczyk",
        email: "mateusz.kowalczyk@causal-edge.example",
        title: "Geo Experimentation Lead",
        bio: r#"Mateusz has seventeen years of experience measuring what happens in physical places: stores, clubs, regions and TV areas. He started as a retail analyst for a grocery chain in Poland, moved to the UK to lead store-trial analytics for a national grocer, and has since run more than a hundred geo experiments across retail, leisure and utilities.

He specialises in experiments where the unit of randomisation is a store or a region and there are only a few dozen of them. That means **matched-pair and stratified designs, synthetic control, careful power analysis and honest confidence intervals** rather than optimistic point estimates. He is equally comfortable in a boardroom and on a shop floor checking that a planogram was actually changed.

Mateusz is based in Birmingham and prefers a phone call to a long email thread."#,
        years_experience: 17,
        specializations: &[
            "Geo experiments",
            "Store-level testing",
            "Synthetic control",
            "Retail media measurement",
            "Power analysis",
        ],
        primary_industries: &["4711", "9313"],
        secondary_industries: &["3514", "5914"],
        average_project_roi_pct: 330.0,
        projects_completed: 58,
        satisfaction_score: 4.6,
        capacity_pct: 85,
        hourly_rate_gbp: 210,
        consultation_rate_gbp: 180,
        available_for_new_clients: true,
        preferred_contact: "phone",
        calendar_url: None,
        linkedin_url: Some("https://www.linkedin.com/in/mateusz-kowalczyk-example"),
        avatar_colors: ("#6A994E", "#A7C957"),
    },
    DemoConsultant {
        key: "siobhan",
        first_name: "Siobhan",
        last_name: "Gallagher",
        email: "siobhan.gallagher@causal-edge.example",
        title: "Retention Modelling Lead",
        bio: r#"Siobhan helps subscription businesses keep the customers they have worked hard to win. She built churn and uplift models for a telecom operator in Belfast before joining Causal Edge, where she now leads retention work for telecoms, energy suppliers, lenders and membership businesses.

Her speciality is the difference between predicting who will leave and knowing who can be persuaded to stay. She uses **uplift modelling, randomised holdouts and regression discontinuity designs** to target retention offers and outreach at the customers they actually change, which usually means spending less on discounts while saving more customers.

Siobhan is a careful communicator who is happy to sit with contact-centre teams to understand how a model's output becomes a conversation. She offers a free first call to organisations exploring their first retention experiment."#,
        years_experience: 6,
        specializations: &[
            "Retention modelling",
            "Churn prediction",
            "Uplift modelling",
            "Lifecycle marketing",
        ],
        primary_industries: &["6190", "3514"],
        secondary_industries: &["6419", "9313"],
        average_project_roi_pct: 470.0,
        projects_completed: 19,
        satisfaction_score: 4.8,
        capacity_pct: 30,
        hourly_rate_gbp: 150,
        consultation_rate_gbp: 0,
        available_for_new_clients: true,
        preferred_contact: "calendar",
        calendar_url: Some("https://cal.causal-edge.example/siobhan"),
        linkedin_url: Some("https://www.linkedin.com/in/siobhan-gallagher-example"),
        avatar_colors: ("#9B5DE5", "#F15BB5"),
    },
    DemoConsultant {
        key: "hamza",
        first_name: "Hamza",
        last_name: "Siddiqui",
        email: "hamza.siddiqui@causal-edge.example",
        title: "Experiment Platform Architect",
        bio: r#"Hamza designs the machinery that lets companies run many experiments safely: assignment services, exposure logging, metric pipelines and the statistics that sit on top. He spent twelve years in product engineering and data platforms at software companies, most recently as the engineering lead for an in-house experimentation platform serving dozens of product teams.

He works mainly with B2B SaaS and digital businesses that have outgrown spreadsheets and one-off analyses. Typical engagements cover **experiment platform design, sample-ratio-mismatch monitoring, CUPED variance reduction, sequential testing and multi-armed bandits** for problems where learning while earning matters more than a tidy p-value.

Hamza is fully booked on a long-running platform build until later this year and is not taking on new clients at the moment, but he is always glad to be introduced by a colleague."#,
        years_experience: 12,
        specializations: &[
            "Experiment platform design",
            "Multi-armed bandits",
            "Product analytics",
            "Sequential testing",
            "Variance reduction (CUPED)",
        ],
        primary_industries: &["5829"],
        secondary_industries: &["4791", "6190"],
        average_project_roi_pct: 445.0,
        projects_completed: 47,
        satisfaction_score: 4.5,
        capacity_pct: 95,
        hourly_rate_gbp: 260,
        consultation_rate_gbp: 250,
        available_for_new_clients: false,
        preferred_contact: "email",
        calendar_url: None,
        linkedin_url: Some("https://www.linkedin.com/in/hamza-siddiqui-example"),
        avatar_colors: ("#264653", "#E9C46A"),
    },
];

// Money figures such as £3.14 are data, not approximations of π.
#[allow(clippy::approx_constant)]
pub const CASE_STUDIES: &[DemoCaseStudy] = &[
    DemoCaseStudy {
        title: "Regional cinema chain lifts advance bookings 18% with dynamic seat pricing",
        slug: "regional-cinema-chain-lifts-advance-bookings-18-pct-with-dynamic-seat-pricing",
        summary: "A 24-site cinema chain replaced flat ticket prices with demand-based seat pricing. A staggered geo experiment across its sites showed advance bookings up 18% with no loss of overall attendance.",
        industry_sic_code: "5914",
        industry_name: "Cinemas",
        client_type: "Regional cinema chain",
        company_size: "mid_market",
        challenge: "pricing",
        client_size_label: "24 sites, around 600 staff",
        client_region: "North of England",
        business_challenge: r#"The chain charged the same price for every seat in a screen, whether it was a Tuesday matinee or the opening Friday of a blockbuster. Peak shows sold out days ahead while off-peak screenings ran at a fifth of capacity, and most customers bought on the night, which made staffing and concession stock hard to plan.

The commercial director wanted to introduce tiered seat pricing and demand-based pricing by show, but the board was wary of the headlines that "surge pricing" at cinemas had attracted elsewhere. They needed evidence that pricing could shift demand towards advance booking and quieter shows without alienating regulars."#,
        previous_approaches: r#"- A one-off "Cheap Tuesdays" promotion lifted Tuesday attendance but appeared to cannibalise Wednesdays and Thursdays; nobody could say by how much.
- Premium recliner seats had been introduced at six sites, but they were introduced alongside refurbishments, so their price effect was tangled up with the new screens.
- Pricing decisions were made by site managers using a spreadsheet of last year's admissions."#,
        stakeholder_concerns: r#"The board's main worry was reputational: a visible backlash on social media, or customers feeling they had paid more than the person in the next seat. Site managers were concerned about queries at the box office, and the finance team wanted to be sure any uplift in advance bookings was not simply the same customers buying earlier at a lower price."#,
        success_criteria: r#"- Advance bookings (more than 24 hours before the show) up at least 10% per site
- No statistically significant fall in total admissions
- Average ticket price flat or higher
- Customer complaints about pricing no higher than the pre-test rate"#,
        consultant_key: "amara",
        methodology: "geo_experiment",
        duration_days: 84,
        sample_size: 24,
        confidence_level: 0.9,
        primary_metric: DemoMetric {
            name: "Advance bookings per site per week",
            baseline: 1240.0,
            result: 1463.0,
            improvement_pct: 18.0,
            unit: "bookings/week",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Average ticket price",
                baseline: 8.1,
                result: 8.42,
                improvement_pct: 4.0,
                unit: "£",
            },
            DemoMetric {
                name: "Off-peak seat occupancy",
                baseline: 21.5,
                result: 24.9,
                improvement_pct: 15.8,
                unit: "%",
            },
            DemoMetric {
                name: "Walk-up tickets per site per week",
                baseline: 2050.0,
                result: 1968.0,
                improvement_pct: -4.0,
                unit: "tickets/week",
            },
        ],
        roi_pct: 340.0,
        roi_value_gbp: 1150000,
        roi_timeframe: "annually",
        payback_months: 4.0,
        methodology_details: r#"We randomised at the **site level**, because pricing has to be consistent within a cinema and customers compare prices between screens. The 24 sites were grouped into matched pairs on admissions, screen count, local competition and audience mix, and one site from each pair switched to the new pricing. A further four-week cool-down period let us check that effects did not simply reflect novelty.

The pricing model set three seat tiers and adjusted the base price by show using forecast occupancy, with a hard ceiling of £1.50 above the old flat price and a floor for concessions and members. Prices were fixed once a show went on sale, which addressed the fairness concern head-on: nobody saw a price rise while they were booking.

Analysis used a **difference-in-differences estimator on weekly site data**, with 16 weeks of pre-period to check parallel trends and randomisation inference over all possible pair assignments to get honest intervals with only 24 units. We also ran a placebo test on the pre-period, which came back flat. Given the small number of sites we agreed a 90% confidence level with the board in advance."#,
        testimonial_text: "We had talked about dynamic pricing for years and always backed away. Seeing it work at half our sites first, with the numbers laid out honestly, made the decision easy.",
        testimonial_author: "Commercial Director",
        testimonial_role: "Regional cinema chain",
        meta_description: "How a 24-site cinema chain used a geo experiment to test dynamic seat pricing and lifted advance bookings 18% without losing attendance.",
        meta_keywords: "cinema pricing, dynamic pricing, geo experiment, advance bookings, difference-in-differences",
        featured: true,
        published_days_ago: 12,
        view_count: 3420,
    },
    DemoCaseStudy {
        title: "Independent cinema group grows concession spend per head 11% with pre-order bundles",
        slug: "independent-cinema-group-grows-concession-spend-per-head-11-pct-with-pre-order-bundles",
        summary: "A nine-screen independent cinema group tested bundled snack-and-drink pre-orders in its online booking flow. A multivariate test found the winning combination and lifted concession spend per admission by 11%.",
        industry_sic_code: "5914",
        industry_name: "Cinemas",
        client_type: "Independent cinema group",
        company_size: "smb",
        challenge: "basket_value",
        client_size_label: "9 sites, 140 staff",
        client_region: "Scotland",
        business_challenge: r#"Concessions make up a large share of a cinema's margin, yet this group sold almost nothing before customers arrived. Two thirds of tickets were booked online, but the booking flow ended at seat selection, and the kiosk queues at peak times meant some customers gave up on snacks altogether.

The operations team had built a pre-order step, but there was disagreement about everything: whether to show bundles or single items, what price to anchor them at, and where in the flow the offer should appear. With limited developer time they could not afford a long series of one-at-a-time A/B tests."#,
        previous_approaches: r#"The group had tried a "large popcorn for £1 extra" offer at the kiosk, which moved sizes up but did not increase the number of customers buying. An earlier pre-order pilot at one site had been switched off after a week because the numbers looked poor, though on inspection the sample was too small to say anything."#,
        stakeholder_concerns: r#"- **Booking conversion:** the digital lead was worried that an extra step would cause people to abandon their ticket purchase.
- **Operations:** site managers needed pre-orders to be collected quickly, not to create a second queue.
- **Brand:** the group prides itself on a relaxed, independent feel and did not want a hard sell."#,
        success_criteria: r#"- Concession spend per admission up at least 6%
- Online booking conversion not worse by more than 1 percentage point
- Peak-time kiosk queues shorter, not longer"#,
        consultant_key: "amara",
        methodology: "multivariate",
        duration_days: 42,
        sample_size: 612000,
        confidence_level: 0.95,
        primary_metric: DemoMetric {
            name: "Concession spend per admission",
            baseline: 3.62,
            result: 4.02,
            improvement_pct: 11.0,
            unit: "£",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Online booking conversion",
                baseline: 38.4,
                result: 38.1,
                improvement_pct: -0.8,
                unit: "%",
            },
            DemoMetric {
                name: "Peak kiosk queue time",
                baseline: 7.5,
                result: 5.9,
                improvement_pct: -21.3,
                unit: "min",
            },
            DemoMetric {
                name: "Pre-order attach rate",
                baseline: 6.2,
                result: 11.8,
                improvement_pct: 90.3,
                unit: "%",
            },
        ],
        roi_pct: 520.0,
        roi_value_gbp: 310000,
        roi_timeframe: "annually",
        payback_months: 2.0,
        methodology_details: r#"We ran a **full-factorial 2×2×2 multivariate test** on the booking flow, randomising by booking session: bundle versus single items, a "save £1.20" anchor versus plain pricing, and the offer placed before versus after seat selection. Eight cells of roughly 76,000 sessions each gave enough power to estimate main effects and the two-way interactions that mattered most.

The primary metric was concession spend per admission, including kiosk purchases, so that pre-orders which simply replaced a kiosk sale were not counted as gains. We matched online bookings to till data using the booking reference printed on collection slips. **Booking conversion was a guardrail** with a pre-agreed non-inferiority margin of one percentage point.

The clear winner was a bundle offer with explicit savings, shown after seat selection. Placing it before seat selection cost conversion, which the factorial design revealed as an interaction we would have missed testing one change at a time. CUPED adjustment using each customer's previous concession spend cut the variance by about 30%."#,
        testimonial_text: "We thought we needed six months of tests. Running them all at once told us in six weeks, and it showed us the one combination that would have hurt bookings.",
        testimonial_author: "Head of Operations",
        testimonial_role: "Independent cinema group",
        meta_description: "A multivariate test of pre-order bundles in a cinema booking flow lifted concession spend per admission 11% while protecting ticket conversion.",
        meta_keywords: "cinema concessions, multivariate testing, booking flow, bundles, CUPED",
        featured: false,
        published_days_ago: 143,
        view_count: 1180,
    },
    DemoCaseStudy {
        title: "Boutique hotel group raises RevPAR 9% after an elasticity study of length-of-stay pricing",
        slug: "boutique-hotel-group-raises-revpar-9-pct-after-an-elasticity-study-of-length-of-stay-pricing",
        summary: "Seven boutique hotels used two years of booking data to estimate how guests respond to length-of-stay discounts. The new pricing rules lifted revenue per available room by 9% and lengthened the average stay.",
        industry_sic_code: "5510",
        industry_name: "Hotels & hospitality",
        client_type: "Boutique hotel group",
        company_size: "smb",
        challenge: "pricing",
        client_size_label: "7 properties, 310 rooms",
        client_region: "South West England",
        business_challenge: r#"The group's hotels were busy at weekends and patchy midweek. One-night Saturday stays blocked rooms that could have sold as Friday-to-Sunday breaks, and midweek occupancy dropped sharply outside the summer holidays.

The owners wanted to know whether discounts for longer stays would pay for themselves, and at what level. With only seven properties and strong seasonality, a conventional test across hotels would have taken more than a year to give a clear answer."#,
        previous_approaches: r#"The revenue manager had introduced a blanket 10% discount for three-night stays two years earlier. Bookings for three nights rose, but so did the number of guests who would have stayed three nights anyway, and nobody could say whether the discount had paid off."#,
        stakeholder_concerns: r#"The general managers worried that discounting would cheapen the brand, and the finance director wanted any change to be reversible within a week if occupancy fell. Everyone was wary of rate-parity clauses with the booking platforms."#,
        success_criteria: r#"- RevPAR up at least 5% across the portfolio over the following quarter
- No reduction in average daily rate for Saturday nights
- A clear, documented rule the revenue team can maintain without outside help"#,
        consultant_key: "amara",
        methodology: "causal_analysis",
        duration_days: 120,
        sample_size: 186000,
        confidence_level: 0.95,
        primary_metric: DemoMetric {
            name: "RevPAR",
            baseline: 96.4,
            result: 105.05,
            improvement_pct: 9.0,
            unit: "£",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Average length of stay",
                baseline: 1.9,
                result: 2.3,
                improvement_pct: 21.1,
                unit: "nights",
            },
            DemoMetric {
                name: "Occupancy",
                baseline: 71.2,
                result: 73.0,
                improvement_pct: 2.5,
                unit: "%",
            },
            DemoMetric {
                name: "Average daily rate",
                baseline: 135.4,
                result: 143.9,
                improvement_pct: 6.3,
                unit: "£",
            },
        ],
        roi_pct: 410.0,
        roi_value_gbp: 385000,
        roi_timeframe: "annually",
        payback_months: 3.0,
        methodology_details: r#"We assembled two years of enquiry-level data (186,000 searches and quotes from the booking engine), including stays searched for, prices shown and whether a booking followed. The challenge with observational pricing data is that prices are high precisely when demand is high, so a naive analysis makes price look harmless or even attractive.

To separate the effect of price from demand we used **quasi-random price variation**: rate changes made by the revenue manager for operational reasons, such as late room closures for maintenance, and the timing of the old three-night discount. We estimated elasticities by stay length and day of week with a **double machine learning** model, controlling for lead time, season, events and competitor rates.

Before rolling out, we checked the model's key prediction with a six-week **switchback test** at two properties, alternating the new length-of-stay rules week by week. The observed uplift fell inside the model's prediction interval. The new rules then went live across the group, with weekly monitoring against a seasonal forecast."#,
        testimonial_text: "Amara gave us a rule our revenue manager understands and can defend. The extra night most guests now stay has changed the feel of our midweek.",
        testimonial_author: "Managing Director",
        testimonial_role: "Boutique hotel group",
        meta_description: "A causal elasticity study of length-of-stay pricing helped a seven-property boutique hotel group lift RevPAR 9% and lengthen stays.",
        meta_keywords: "hotel pricing, RevPAR, price elasticity, length of stay, causal inference",
        featured: false,
        published_days_ago: 388,
        view_count: 960,
    },
    DemoCaseStudy {
        title: "Hotel group grows direct-booking share 22% with a staggered member-rate rollout",
        slug: "hotel-group-grows-direct-booking-share-22-pct-with-a-staggered-member-rate-rollout",
        summary: "A fourteen-hotel group introduced a members-only rate hotel by hotel. Treating the rollout as a natural experiment showed a 22% rise in direct-booking share and lower commission costs.",
        industry_sic_code: "5510",
        industry_name: "Hotels & hospitality",
        client_type: "Upscale boutique hotel group",
        company_size: "mid_market",
        challenge: "conversion",
        client_size_label: "14 hotels, 1,050 rooms",
        client_region: "London & South East",
        business_challenge: r#"Around two thirds of the group's bookings came through online travel agencies, at commissions of 15% to 18%. Direct bookings were more profitable and the guests more loyal, but the website offered little reason to book there rather than on a familiar platform.

Leadership had decided to launch a free membership scheme with a members-only rate. Because of integration work, the scheme had to go live one hotel at a time over five months. The question was whether it was working, and whether it was worth extending the discount."#,
        previous_approaches: r#"The marketing team had relied on year-on-year comparisons, but the same months saw a new website and a price-comparison widget, so the comparisons could not isolate the membership effect. A brief "book direct and get breakfast" campaign the year before had no measurement plan."#,
        stakeholder_concerns: r#"- Would the member rate simply give a discount to guests who would have booked direct anyway?
- Could the platforms penalise the hotels in their rankings?
- The finance team needed a result they could present to the group's lenders."#,
        success_criteria: r#"- Direct share of bookings up by at least 3 percentage points
- Net average daily rate after distribution costs at least flat
- A repeatable measurement approach for future loyalty changes"#,
        consultant_key: "amara",
        methodology: "quasi_experiment",
        duration_days: 150,
        sample_size: 92400,
        confidence_level: 0.95,
        primary_metric: DemoMetric {
            name: "Direct booking share",
            baseline: 34.0,
            result: 41.5,
            improvement_pct: 22.1,
            unit: "%",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Distribution cost per booking",
                baseline: 38.2,
                result: 31.6,
                improvement_pct: -17.3,
                unit: "£",
            },
            DemoMetric {
                name: "Net ADR after distribution costs",
                baseline: 161.0,
                result: 166.8,
                improvement_pct: 3.6,
                unit: "£",
            },
            DemoMetric {
                name: "Repeat-stay rate",
                baseline: 18.5,
                result: 21.0,
                improvement_pct: 13.5,
                unit: "%",
            },
        ],
        roi_pct: 290.0,
        roi_value_gbp: 920000,
        roi_timeframe: "annually",
        payback_months: 5.0,
        methodology_details: r#"The staggered launch was a gift for measurement. Working with the IT team we fixed the launch order in advance and, where the integration plan allowed, randomised which hotels went first within each wave. That gave us a **staggered-adoption difference-in-differences design**: at each point in time, hotels that had not yet launched served as controls for those that had.

We used a **heterogeneity-robust estimator** (Callaway–Sant'Anna style) rather than a single two-way fixed-effects regression, because effects grew over time and the simple estimator can be badly biased when that happens. Event-study plots showed flat pre-trends for all fourteen hotels and a clear step at launch.

To address the cannibalisation question we tracked each member's booking history: members who had previously booked through platforms accounted for most of the shift. Rankings on the two biggest platforms were monitored weekly as a guardrail and did not move outside their normal range."#,
        testimonial_text: "The rollout was going to happen anyway. Amara turned it into an experiment, and now we have a number our lenders accepted without a single follow-up question.",
        testimonial_author: "Chief Financial Officer",
        testimonial_role: "Hotel group",
        meta_description: "A staggered member-rate rollout, analysed as a difference-in-differences quasi-experiment, raised the direct-booking share of a hotel group by 22%.",
        meta_keywords: "hotel direct bookings, member rate, quasi-experiment, staggered difference-in-differences, distribution costs",
        featured: false,
        published_days_ago: 256,
        view_count: 1320,
    },
    DemoCaseStudy {
        title: "Coastal hotel group lifts pre-arrival upsell take-up 31% with personalised emails",
        slug: "coastal-hotel-group-lifts-pre-arrival-upsell-take-up-31-pct-with-personalised-emails",
        summary: "Five seaside hotels tested personalised pre-arrival emails offering room upgrades, dinner and late checkout. The winning version lifted upsell take-up by 31% and revenue per booking by nearly a third.",
        industry_sic_code: "5510",
        industry_name: "Hotels & hospitality",
        client_type: "Coastal hotel group",
        company_size: "smb",
        challenge: "basket_value",
        client_size_label: "5 hotels, 240 rooms",
        client_region: "Wales",
        business_challenge: r#"The group sent a standard confirmation email and a reminder three days before arrival. Both mentioned extras such as sea-view upgrades, dinner packages and late checkout, but only in a list at the bottom, and take-up was low.

With a small marketing team and no developer, any change had to work within the existing booking engine and email tool. The owners wanted to know whether personalisation was worth the effort before committing to a new guest-messaging system."#,
        previous_approaches: r#"Front-desk staff offered upgrades at check-in, with mixed results depending on who was on shift. A discount code for dinner had been included in the reminder email for one summer, but it was used mostly by guests who had already booked a table."#,
        stakeholder_concerns: r#"The general managers did not want guests to feel sold to before they had even arrived. The marketing manager was also concerned about unsubscribes, as the email list is the group's main channel for repeat business."#,
        success_criteria: r#"- Upsell take-up up by at least 15% relative to the current emails
- Unsubscribe rate not materially higher
- A template the team can maintain without agency support"#,
        consultant_key: "priya",
        methodology: "ab_test",
        duration_days: 56,
        sample_size: 21800,
        confidence_level: 0.9,
        primary_metric: DemoMetric {
            name: "Upsell take-up rate",
            baseline: 8.4,
            result: 11.0,
            improvement_pct: 31.0,
            unit: "%",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Upsell revenue per booking",
                baseline: 6.1,
                result: 8.05,
                improvement_pct: 32.0,
                unit: "£",
            },
            DemoMetric {
                name: "Email unsubscribe rate",
                baseline: 0.42,
                result: 0.45,
                improvement_pct: 7.1,
                unit: "%",
            },
            DemoMetric {
                name: "Post-stay guest satisfaction",
                baseline: 8.6,
                result: 8.7,
                improvement_pct: 1.2,
                unit: "score /10",
            },
        ],
        roi_pct: 610.0,
        roi_value_gbp: 96000,
        roi_timeframe: "annually",
        payback_months: 1.5,
        methodology_details: r#"We randomised at the **booking level**, splitting confirmed bookings equally between the existing emails and a new sequence. The new version led with one offer chosen by simple rules (sea-view upgrade for couples, dinner for stays including a Saturday, late checkout for Sunday departures) and a single clear button, instead of a list of everything.

With around 21,800 bookings over eight weeks the test had 80% power to detect a 15% relative lift in take-up at a 90% confidence level, which the owners chose knowingly in exchange for a faster decision. We checked the **sample ratio** daily and confirmed the split was balanced.

Upsell revenue and unsubscribes were pre-registered as secondary metrics, and post-stay satisfaction scores as a guardrail. The analysis used a straightforward difference in proportions with a bootstrap interval for revenue, which is heavily skewed by a few large dinner bookings."#,
        testimonial_text: "It was reassuring to see that guests liked hearing from us more, not less. The upgrade emails now pay for our whole email platform several times over.",
        testimonial_author: "Marketing Manager",
        testimonial_role: "Coastal hotel group",
        meta_description: "A booking-level A/B test of personalised pre-arrival emails lifted upsell take-up 31% for a five-hotel coastal group without hurting guest satisfaction.",
        meta_keywords: "hotel upsell, pre-arrival email, A/B test, ancillary revenue, personalisation",
        featured: false,
        published_days_ago: 61,
        view_count: 540,
    },
    DemoCaseStudy {
        title: "Online fashion retailer raises checkout conversion 9.4% by redesigning delivery options",
        slug: "online-fashion-retailer-raises-checkout-conversion-9-4-pct-by-redesigning-delivery-options",
        summary: "A large online fashion retailer tested a simplified delivery-choice step with clearer dates and a cheaper next-day option. Checkout conversion rose 9.4% across 2.9 million sessions.",
        industry_sic_code: "4791",
        industry_name: "E-commerce retail",
        client_type: "Online fashion retailer",
        company_size: "enterprise",
        challenge: "conversion",
        client_size_label: "£480M annual online revenue",
        client_region: "UK & Ireland",
        business_challenge: r#"The retailer's analytics showed that the delivery step was the leakiest part of checkout: more than a fifth of customers who reached it did not continue. Customers saw six delivery options, described by carrier service names rather than dates, with prices that changed depending on basket value.

The product team had a redesign ready, but the commercial team feared that making next-day delivery cheaper and more visible would erode margin. They needed a clear view of the trade-off between conversion and delivery income before the peak season."#,
        previous_approaches: r#"Two earlier tests of the delivery step had been stopped early after a few days when the dashboard showed a "significant" result, and both effects disappeared after launch. The team had lost confidence in its own testing process."#,
        stakeholder_concerns: r#"- **Finance:** delivery income and carrier costs had to be modelled, not just conversion.
- **Customer service:** contact volumes about delivery dates were already high.
- **Product:** after two false positives, the team wanted a process that stopped early only when it was genuinely safe."#,
        success_criteria: r#"- Checkout conversion up at least 3% relative, measured with a valid sequential design
- Net margin per session, after delivery income and carrier costs, not worse
- Delivery-related contacts reduced"#,
        consultant_key: "priya",
        methodology: "ab_test",
        duration_days: 28,
        sample_size: 2860000,
        confidence_level: 0.95,
        primary_metric: DemoMetric {
            name: "Checkout conversion rate",
            baseline: 46.8,
            result: 51.2,
            improvement_pct: 9.4,
            unit: "%",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Average order value",
                baseline: 71.2,
                result: 70.4,
                improvement_pct: -1.1,
                unit: "£",
            },
            DemoMetric {
                name: "Delivery contacts per 1,000 orders",
                baseline: 23.0,
                result: 17.5,
                improvement_pct: -23.9,
                unit: "contacts",
            },
            DemoMetric {
                name: "Next-day delivery share",
                baseline: 14.0,
                result: 19.6,
                improvement_pct: 40.0,
                unit: "%",
            },
        ],
        roi_pct: 780.0,
        roi_value_gbp: 6800000,
        roi_timeframe: "annually",
        payback_months: 2.0,
        methodology_details: r#"Customers were randomised by **logged-in customer ID** (or a first-party cookie for guests) so that repeat visits saw a consistent experience. The variant showed three options labelled by delivery date, with next-day delivery £1 cheaper and free above a lower basket threshold.

We used a **group-sequential design** with four pre-planned looks and O'Brien–Fleming boundaries, which let the team peek weekly without inflating the false-positive rate, the problem behind their earlier failed tests. **CUPED**, using each customer's conversion history over the previous eight weeks, cut the variance of the primary metric by about 35% and shortened the test by more than a week.

Net margin per session was the key guardrail, built from order lines, delivery fees and the carrier's rate card. Conversion gains more than covered the lower delivery income. We checked for novelty effects by comparing the first and last fortnight of exposure, and the effect held steady."#,
        testimonial_text: "Priya fixed how we test, not just what we tested. The delivery redesign paid for itself before peak, and we now trust our dashboards again.",
        testimonial_author: "Director of Digital Product",
        testimonial_role: "Online fashion retailer",
        meta_description: "A sequential A/B test of clearer delivery options raised checkout conversion 9.4% for a £480M online fashion retailer, with margin protected.",
        meta_keywords: "checkout conversion, delivery options, A/B test, sequential testing, CUPED, fashion e-commerce",
        featured: true,
        published_days_ago: 5,
        view_count: 4870,
    },
    DemoCaseStudy {
        title: "Fashion e-tailer lifts net sales per order 10% with a multivariate fit-guidance test",
        slug: "fashion-e-tailer-lifts-net-sales-per-order-10-pct-with-a-multivariate-fit-guidance-test",
        summary: "A mid-sized fashion e-tailer tested four fit-guidance features at once on product pages. The best combination cut returns by 12% and lifted net sales per order by 10%.",
        industry_sic_code: "4791",
        industry_name: "E-commerce retail",
        client_type: "Online womenswear retailer",
        company_size: "mid_market",
        challenge: "basket_value",
        client_size_label: "£65M revenue, 180 staff",
        client_region: "Netherlands & Belgium",
        business_challenge: r#"Almost four in ten orders came back, mostly because of fit. Each return cost the business around £9 in postage, handling and write-downs, and returns were growing faster than sales as customers ordered several sizes at once.

The team had a list of possible fixes: a new size chart, a fit-predictor widget, a filter for reviews by body shape and model measurements on every photo. Each had a vendor or an internal champion, and there was not enough traffic in a season to test them one at a time."#,
        previous_approaches: r#"A fit-predictor had been trialled on a single category and "seemed to help", but the comparison was with the previous season, when the range and weather were different. The returns policy had also been tightened once, which reduced returns but caused complaints."#,
        stakeholder_concerns: r#"The trading team feared that more fit information would put customers off buying, lowering conversion. The vendor of the fit predictor had a contract renewal coming up and the team wanted an independent view of its value."#,
        success_criteria: r#"- Net sales per order after returns up at least 5%
- Add-to-bag rate not lower
- A clear view of which features are worth keeping"#,
        consultant_key: "priya",
        methodology: "multivariate",
        duration_days: 49,
        sample_size: 1240000,
        confidence_level: 0.95,
        primary_metric: DemoMetric {
            name: "Net sales per order after returns",
            baseline: 44.1,
            result: 48.7,
            improvement_pct: 10.4,
            unit: "£",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Return rate",
                baseline: 38.5,
                result: 33.9,
                improvement_pct: -11.9,
                unit: "%",
            },
            DemoMetric {
                name: "Add-to-bag rate",
                baseline: 9.2,
                result: 9.4,
                improvement_pct: 2.2,
                unit: "%",
            },
            DemoMetric {
                name: "Size exchanges per 1,000 orders",
                baseline: 61.0,
                result: 48.0,
                improvement_pct: -21.3,
                unit: "exchanges",
            },
        ],
        roi_pct: 460.0,
        roi_value_gbp: 2100000,
        roi_timeframe: "annually",
        payback_months: 3.0,
        methodology_details: r#"We ran a **2⁴⁻¹ fractional factorial design**: four features, each on or off, in eight combinations chosen so that every main effect and the most plausible two-way interactions could be estimated. Randomisation was by customer, so a shopper saw the same combination on every product page.

Returns arrive weeks after purchase, so we defined the primary metric as net sales per order once a 35-day return window had closed, and ran the analysis only after the last cohort had matured. Add-to-bag rate and conversion were monitored daily as guardrails.

The clearest effects came from the fit predictor and model measurements; the review filter added little and the new size chart nothing measurable. The fit predictor and model measurements also had a positive interaction, which the factorial design was able to detect. The retailer kept those two features and renegotiated the predictor contract from a position of evidence."#,
        testimonial_text: "We were about to spend money on all four ideas. The test told us which two actually mattered, and gave us the numbers to negotiate the vendor contract.",
        testimonial_author: "Head of E-commerce",
        testimonial_role: "Online womenswear retailer",
        meta_description: "A fractional factorial test of four fit-guidance features cut returns 12% and raised net sales per order 10% for a fashion e-tailer.",
        meta_keywords: "fashion returns, fit guidance, multivariate test, fractional factorial, e-commerce",
        featured: false,
        published_days_ago: 212,
        view_count: 2210,
    },
    DemoCaseStudy {
        title: "Sportswear e-commerce site lifts revenue per visitor 6.8% with a Thompson-sampling homepage",
        slug: "sportswear-e-commerce-site-lifts-revenue-per-visitor-6-8-pct-with-a-thompson-sampling-homepage",
        summary: "A sportswear e-tailer replaced weekly homepage debates with a multi-armed bandit that allocates traffic to the best-performing hero content. Revenue per visitor rose 6.8% over five weeks.",
        industry_sic_code: "4791",
        industry_name: "E-commerce retail",
        client_type: "Online sportswear retailer",
        company_size: "mid_market",
        challenge: "conversion",
        client_size_label: "£120M annual revenue",
        client_region: "Germany, Austria & Switzerland",
        business_challenge: r#"The homepage hero banner changed every week and was chosen in a meeting between trading, brand and marketing. With new campaigns launching constantly, there was never time for a two-week A/B test, and the loudest opinion usually won.

The team wanted a way to learn which content worked while still earning from it, across three languages and a catalogue that changes with the seasons."#,
        previous_approaches: r#"A/B tests of the homepage had been attempted, but campaigns often ended before the tests did. Click-through rates were reported for each banner, but they rewarded eye-catching images rather than content that led to purchases."#,
        stakeholder_concerns: r#"- Brand wanted to keep control over what could appear on the homepage.
- Analysts were sceptical of "black box" optimisation and wanted to see how decisions were made.
- Trading needed campaigns with contractual commitments to brand partners to get a guaranteed minimum share of impressions."#,
        success_criteria: r#"- Revenue per visitor up at least 3% against a fixed, evenly split control group
- Every approved banner receives at least 5% of traffic
- A transparent allocation log the analytics team can audit"#,
        consultant_key: "hamza",
        methodology: "bandit",
        duration_days: 35,
        sample_size: 3400000,
        confidence_level: 0.9,
        primary_metric: DemoMetric {
            name: "Revenue per visitor",
            baseline: 2.94,
            result: 3.14,
            improvement_pct: 6.8,
            unit: "£",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Homepage click-through rate",
                baseline: 41.0,
                result: 44.3,
                improvement_pct: 8.0,
                unit: "%",
            },
            DemoMetric {
                name: "Homepage bounce rate",
                baseline: 37.5,
                result: 35.2,
                improvement_pct: -6.1,
                unit: "%",
            },
            DemoMetric {
                name: "Average order value",
                baseline: 68.5,
                result: 68.9,
                improvement_pct: 0.6,
                unit: "£",
            },
        ],
        roi_pct: 350.0,
        roi_value_gbp: 1900000,
        roi_timeframe: "annually",
        payback_months: 3.0,
        methodology_details: r#"We built a **Thompson-sampling bandit** that chose among the banners approved by the brand team each week, using revenue per session within 24 hours as the reward. Each banner had a floor of 5% of traffic to satisfy partner commitments, and new banners started with a weakly informative prior so they were explored before being judged.

To measure the value of the bandit itself, 10% of visitors were held out in a **fixed control group** that saw an even rotation of the same banners. Comparing bandit traffic with the holdout gave an unbiased estimate of the uplift from adaptive allocation, which is the primary metric reported here.

Every allocation decision and posterior was logged, so analysts could replay the bandit's choices. Because revenue is skewed, we used a **log-normal hurdle model** for the reward and checked the final result with a bootstrap on the holdout comparison."#,
        testimonial_text: "The homepage meeting used to take an hour every Monday. Now we agree what is allowed to go on it and the data decides the rest.",
        testimonial_author: "Head of Trading",
        testimonial_role: "Online sportswear retailer",
        meta_description: "A Thompson-sampling bandit on the homepage lifted revenue per visitor 6.8% for a sportswear e-tailer, measured against a fixed holdout.",
        meta_keywords: "multi-armed bandit, Thompson sampling, homepage personalisation, e-commerce, revenue per visitor",
        featured: false,
        published_days_ago: 97,
        view_count: 1730,
    },
    DemoCaseStudy {
        title: "B2B SaaS company lifts trial-to-paid conversion 21% with guided onboarding",
        slug: "b2b-saas-company-lifts-trial-to-paid-conversion-21-pct-with-guided-onboarding",
        summary: "A B2B analytics software company tested a guided onboarding checklist and template library for new trials. Trial-to-paid conversion rose 21% and support tickets fell.",
        industry_sic_code: "5829",
        industry_name: "Software (B2B SaaS)",
        client_type: "B2B analytics software company",
        company_size: "mid_market",
        challenge: "conversion",
        client_size_label: "Series C, 260 staff, around 4,000 customers",
        client_region: "London",
        business_challenge: r#"The company's 14-day free trial attracted plenty of sign-ups, but most trial accounts never connected a data source, and only one in seven converted to a paid plan. Sales focused on the largest trials, leaving self-serve users to work things out alone.

The product team had designed a guided onboarding flow with a checklist and ready-made report templates. Because trials are shared by whole teams, the test had to randomise at the account level, which meant far fewer units than a typical consumer experiment."#,
        previous_approaches: r#"An earlier onboarding email sequence had been launched to everyone at once, and conversion rose in the following month, but it was also the month of a price change and a big marketing campaign. Sales and product each credited their own initiative."#,
        stakeholder_concerns: r#"Sales leadership worried that a self-serve flow would reduce the number of demo calls booked. Engineering wanted assurance that the experiment framework could handle account-level assignment without leaking the variant to new users joining an existing trial."#,
        success_criteria: r#"- Trial-to-paid conversion up at least 10% relative
- Demo bookings from trials not down by more than 10%
- Early paid retention (day 60) no worse"#,
        consultant_key: "hamza",
        methodology: "ab_test",
        duration_days: 63,
        sample_size: 18400,
        confidence_level: 0.95,
        primary_metric: DemoMetric {
            name: "Trial-to-paid conversion",
            baseline: 14.2,
            result: 17.2,
            improvement_pct: 21.1,
            unit: "%",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Median time to first report",
                baseline: 3.8,
                result: 2.1,
                improvement_pct: -44.7,
                unit: "days",
            },
            DemoMetric {
                name: "Support tickets per trial",
                baseline: 0.62,
                result: 0.48,
                improvement_pct: -22.6,
                unit: "tickets",
            },
            DemoMetric {
                name: "Day-60 paid retention",
                baseline: 88.0,
                result: 89.5,
                improvement_pct: 1.7,
                unit: "%",
            },
        ],
        roi_pct: 520.0,
        roi_value_gbp: 2400000,
        roi_timeframe: "annually",
        payback_months: 4.0,
        methodology_details: r#"Randomisation was at the **account level**, assigned when the first user created the trial, and stored in the account record so every colleague invited later saw the same experience. We ran a **sample-ratio-mismatch check** every day and caught, in the first week, an assignment bug affecting single sign-on sign-ups, which was fixed before the analysis window opened.

Because conversion happens up to 30 days after a trial begins, we fixed the enrolment window at five weeks and waited for every cohort to mature. Variance was reduced with **CUPED using pre-trial signals** such as company size and the sign-up source, cutting the required sample by about a fifth.

Demo bookings were monitored as a guardrail and fell only slightly, within the agreed margin. Day-60 retention was tracked after the test to confirm that the extra conversions were real customers rather than accounts that cancelled immediately."#,
        testimonial_text: "Hamza helped us run our first experiment we could genuinely trust, and then helped us build the platform to run the next fifty.",
        testimonial_author: "VP Product",
        testimonial_role: "B2B analytics software company",
        meta_description: "An account-level A/B test of guided onboarding raised trial-to-paid conversion 21% for a B2B SaaS company, with CUPED and SRM checks.",
        meta_keywords: "SaaS onboarding, trial conversion, A/B test, account-level randomisation, CUPED, product-led growth",
        featured: true,
        published_days_ago: 33,
        view_count: 4110,
    },
    DemoCaseStudy {
        title: "Payroll software provider raises annual-plan uptake 27% with a pricing-page bandit",
        slug: "payroll-software-provider-raises-annual-plan-uptake-27-pct-with-a-pricing-page-bandit",
        summary: "A payroll software company for small businesses used a bandit to test five presentations of its annual plan. Annual-plan share of new subscriptions rose 27% with no loss of sign-ups.",
        industry_sic_code: "5829",
        industry_name: "Software (B2B SaaS)",
        client_type: "Payroll software provider for small businesses",
        company_size: "smb",
        challenge: "pricing",
        client_size_label: "60 staff, 9,000 customers",
        client_region: "Ireland",
        business_challenge: r#"Most new customers chose monthly billing, which meant higher churn and lumpier cash flow. The company wanted more customers on annual plans but could not agree on how to present them: as a discount, as free months, or as a default choice.

Traffic to the pricing page was modest, around 2,300 visitors a day, so a classic five-arm A/B test would have taken months and cost sign-ups on the weaker designs in the meantime."#,
        previous_approaches: r#"The annual plan had been offered at a 15% discount for two years without change. A toggle defaulting to annual had been tried briefly but removed after complaints from the support team about customers who had not noticed it."#,
        stakeholder_concerns: r#"The founders cared about trust as much as revenue: no dark patterns, and no customers accidentally committed to a year. Support wanted to avoid an increase in refund requests."#,
        success_criteria: r#"- Annual-plan share of new subscriptions up at least 15% relative
- Pricing-page conversion to sign-up not lower
- Refund requests in the first 30 days not higher"#,
        consultant_key: "hamza",
        methodology: "bandit",
        duration_days: 42,
        sample_size: 96000,
        confidence_level: 0.9,
        primary_metric: DemoMetric {
            name: "Annual-plan share of new subscriptions",
            baseline: 22.0,
            result: 28.0,
            improvement_pct: 27.3,
            unit: "%",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Pricing-page sign-up rate",
                baseline: 6.4,
                result: 6.6,
                improvement_pct: 3.1,
                unit: "%",
            },
            DemoMetric {
                name: "Average first-year contract value",
                baseline: 684.0,
                result: 742.0,
                improvement_pct: 8.5,
                unit: "£",
            },
            DemoMetric {
                name: "Refunds in first 30 days",
                baseline: 2.1,
                result: 2.0,
                improvement_pct: -4.8,
                unit: "%",
            },
        ],
        roi_pct: 380.0,
        roi_value_gbp: 260000,
        roi_timeframe: "annually",
        payback_months: 3.0,
        methodology_details: r#"Five pricing-page designs were agreed with the founders, all passing a "no surprises" review: the annual price shown clearly, the total charged stated before payment, and monthly billing always one click away. A **top-two Thompson-sampling bandit** allocated traffic, optimising first-year contract value per visitor rather than annual-plan share alone so that a design could not win by suppressing sign-ups.

We set a minimum allocation of 8% per arm for the first two weeks and stopped when one design had a posterior probability above 95% of being best. A **20% uniform-allocation holdout** ran throughout, giving an unbiased comparison with the old page for the figures reported here.

The winning design presented the annual plan as "two months free" alongside the monthly price, without a default selection. Refund requests were tracked for 30 days after the test and did not rise."#,
        testimonial_text: "It found a better page faster than we could have argued about it, and it never once tried to trick a customer.",
        testimonial_author: "Co-founder and CEO",
        testimonial_role: "Payroll software provider",
        meta_description: "A pricing-page bandit raised annual-plan uptake 27% for a payroll SaaS provider while keeping sign-ups steady and refunds flat.",
        meta_keywords: "SaaS pricing page, annual plan, multi-armed bandit, subscription billing, small business software",
        featured: false,
        published_days_ago: 176,
        view_count: 890,
    },
    DemoCaseStudy {
        title: "Project-management SaaS raises net revenue retention 6% by finding features that drive expansion",
        slug: "project-management-saas-raises-net-revenue-retention-6-pct-by-finding-features-that-drive-expansion",
        summary: "A project-management software vendor used causal analysis of 21,500 customer accounts to find which features genuinely drive seat expansion. Redirecting onboarding and success effort lifted net revenue retention by six points.",
        industry_sic_code: "5829",
        industry_name: "Software (B2B SaaS)",
        client_type: "Project-management software vendor",
        company_size: "enterprise",
        challenge: "retention",
        client_size_label: "1,400 staff, 21,500 business customers",
        client_region: "UK & Nordics",
        business_challenge: r#"Customer success managers were told to push "sticky" features, chosen because customers who used them had higher retention and expansion. But those customers were also larger, more mature and better resourced, so it was unclear whether the features caused the growth or simply marked successful customers.

Leadership wanted to reallocate a £4M customer-success budget towards what actually worked. Randomly withholding features from paying customers was not an option."#,
        previous_approaches: r#"The analytics team had produced correlation-based "health scores" that ranked features by their association with renewal. These scores had never been validated, and some of the top features were ones that only enterprise plans could access."#,
        stakeholder_concerns: r#"- Customer success leaders feared losing budget for programmes they believed in.
- The board wanted a clear chain of reasoning, not a model nobody could explain.
- Product worried that the analysis would be used to deprioritise features important to smaller customers."#,
        success_criteria: r#"- Causal estimates of the effect of adopting each of the top ten features on 12-month expansion
- A re-targeted onboarding programme live within one quarter
- Net revenue retention up at least 3 points over the following two quarters"#,
        consultant_key: "hamza",
        methodology: "causal_analysis",
        duration_days: 120,
        sample_size: 21500,
        confidence_level: 0.95,
        primary_metric: DemoMetric {
            name: "Net revenue retention",
            baseline: 104.0,
            result: 110.3,
            improvement_pct: 6.1,
            unit: "%",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Accounts adopting automations within 90 days",
                baseline: 18.0,
                result: 26.0,
                improvement_pct: 44.4,
                unit: "%",
            },
            DemoMetric {
                name: "Annual gross churn",
                baseline: 9.8,
                result: 8.6,
                improvement_pct: -12.2,
                unit: "%",
            },
            DemoMetric {
                name: "Seats per account",
                baseline: 46.0,
                result: 49.2,
                improvement_pct: 7.0,
                unit: "seats",
            },
        ],
        roi_pct: 640.0,
        roi_value_gbp: 8500000,
        roi_timeframe: "annually",
        payback_months: 6.0,
        methodology_details: r#"We built a **target-trial emulation** for each feature: for accounts that had not yet adopted it, we compared those that adopted it in a given month with similar accounts that did not, matching on plan, size, industry, tenure and usage trajectory over the previous six months. Effects were estimated with **doubly robust estimators** combining propensity weighting and outcome models.

Where available we used natural experiments to check the estimates. Two features had been rolled out in waves by data-centre region, allowing a **difference-in-differences** comparison that agreed with the observational estimates within their confidence intervals. We also ran **negative-control outcomes** (features that should not affect billing) to test for residual confounding.

The findings were blunt: automations and shared dashboards caused substantial expansion, while two heavily promoted features had no detectable effect once customer maturity was accounted for. Onboarding and customer-success playbooks were rebuilt around the features with real effects, and NRR was tracked against a forecast for two quarters afterwards."#,
        testimonial_text: "We had been steering our customer success team by correlation for years. The analysis was careful enough that even the sceptics changed their playbooks.",
        testimonial_author: "Chief Customer Officer",
        testimonial_role: "Project-management software vendor",
        meta_description: "Causal analysis of 21,500 accounts showed which SaaS features drive expansion, helping a software vendor raise net revenue retention six points.",
        meta_keywords: "net revenue retention, SaaS expansion, causal inference, target trial emulation, customer success",
        featured: false,
        published_days_ago: 301,
        view_count: 2640,
    },
    DemoCaseStudy {
        title: "UK retail bank lifts current-account openings 16% by rebalancing its media mix",
        slug: "uk-retail-bank-lifts-current-account-openings-16-pct-by-rebalancing-its-media-mix",
        summary: "A high-street bank built a media mix model calibrated with regional lift tests to find where its £38M marketing budget was working. Rebalancing spend lifted current-account openings by 16% at a lower cost per account.",
        industry_sic_code: "6419",
        industry_name: "Retail banking",
        client_type: "High-street retail bank",
        company_size: "enterprise",
        challenge: "marketing",
        client_size_label: "7 million personal customers",
        client_region: "UK-wide",
        business_challenge: r#"The bank spent heavily on paid search, television, out-of-home and social media to attract current-account switchers. Last-click attribution gave most of the credit to branded paid search, so each year search budgets grew while the channels that created demand were squeezed.

The marketing director suspected that much of the search spend was capturing customers who would have arrived anyway, but had no evidence strong enough to move money in a regulated, risk-averse organisation."#,
        previous_approaches: r#"- A media agency's attribution model used rules of thumb about decay and had never been validated against an experiment.
- Branded search had once been paused for a day by accident; traffic barely changed, but nobody had analysed it properly.
- Budget reviews were largely based on the previous year's allocation."#,
        stakeholder_concerns: r#"The chief marketing officer was concerned about losing share during the busiest switching season. Risk and compliance required that any model used for budgeting be documented and explainable. The media agency was, understandably, nervous."#,
        success_criteria: r#"- A validated, documented model of the incremental contribution of each channel
- At least two channels calibrated with a controlled experiment
- Current-account openings up, or cost per account down, by at least 10%"#,
        consultant_key: "tom",
        methodology: "causal_analysis",
        duration_days: 180,
        sample_size: 1872,
        confidence_level: 0.9,
        primary_metric: DemoMetric {
            name: "Current-account openings per month",
            baseline: 38500.0,
            result: 44700.0,
            improvement_pct: 16.1,
            unit: "accounts/month",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Cost per acquired account",
                baseline: 148.0,
                result: 124.0,
                improvement_pct: -16.2,
                unit: "£",
            },
            DemoMetric {
                name: "Paid search share of budget",
                baseline: 41.0,
                result: 28.0,
                improvement_pct: -31.7,
                unit: "%",
            },
            DemoMetric {
                name: "Switch-service completions per month",
                baseline: 9200.0,
                result: 10400.0,
                improvement_pct: 13.0,
                unit: "switches/month",
            },
        ],
        roi_pct: 690.0,
        roi_value_gbp: 14500000,
        roi_timeframe: "annually",
        payback_months: 2.0,
        methodology_details: r#"We built a **Bayesian media mix model** on three years of weekly data for twelve UK regions (1,872 region-weeks), with adstock and saturation curves for each channel and controls for seasonality, interest rates, competitor switching incentives and the bank's own pricing.

Observational models alone can be misleading, so we **calibrated the model with two geo-lift experiments**: branded search was switched off in four randomly chosen regions for five weeks, and out-of-home was increased in another matched set. The experimental results were used as informative priors for those channels, and we checked the model's out-of-sample forecast against held-out quarters.

The model showed branded search was largely non-incremental and television was undervalued. The bank moved budget gradually over two quarters, monitoring openings against the model's forecast with pre-agreed stop rules. The reported uplift compares actual openings with the model's counterfactual forecast under the old mix."#,
        testimonial_text: "Tom gave us a model our risk committee could read and our finance team could audit. Moving budget out of search felt brave; the numbers made it easy.",
        testimonial_author: "Marketing Director",
        testimonial_role: "UK retail bank",
        meta_description: "A media mix model calibrated with geo-lift tests helped a UK retail bank lift current-account openings 16% and cut cost per account.",
        meta_keywords: "media mix modelling, marketing attribution, retail banking, geo-lift, incrementality",
        featured: true,
        published_days_ago: 22,
        view_count: 3960,
    },
    DemoCaseStudy {
        title: "Retail bank raises monthly savings 12% with a staggered rollout of round-ups",
        slug: "retail-bank-raises-monthly-savings-12-pct-with-a-staggered-rollout-of-round-ups",
        summary: "A retail bank launched automatic round-ups into savings pots in waves across its app. Analysing the waves as a quasi-experiment showed monthly savings inflows up 12% among active customers.",
        industry_sic_code: "6419",
        industry_name: "Retail banking",
        client_type: "Retail bank",
        company_size: "enterprise",
        challenge: "customer_experience",
        client_size_label: "3.2 million app users",
        client_region: "Scotland & North of England",
        business_challenge: r#"The bank wanted to help customers build savings habits and to grow its deposit base. Its product team had built a round-up feature that moved spare change into a savings pot after each card payment.

Regulators and the board wanted evidence that the feature improved customers' financial resilience rather than simply moving money between accounts. A randomised test was ruled out because the feature had been announced publicly, but technical constraints meant it would be released to customers in waves."#,
        previous_approaches: r#"Previous feature launches had been evaluated by comparing adopters with non-adopters. Those comparisons consistently overstated effects, because the customers who opt in to savings tools are already savers."#,
        stakeholder_concerns: r#"- Would round-ups push customers into their overdraft?
- Could the bank demonstrate a real effect to the regulator's consumer duty team?
- Product wanted results by customer segment, especially for younger customers."#,
        success_criteria: r#"- Average monthly savings inflow per active customer up, with a credible counterfactual
- No increase in overdraft usage
- Effects reported separately for customers under 30"#,
        consultant_key: "tom",
        methodology: "quasi_experiment",
        duration_days: 140,
        sample_size: 1150000,
        confidence_level: 0.95,
        primary_metric: DemoMetric {
            name: "Monthly savings inflow per active customer",
            baseline: 212.0,
            result: 238.0,
            improvement_pct: 12.3,
            unit: "£",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Customers with an active savings goal",
                baseline: 17.5,
                result: 23.1,
                improvement_pct: 32.0,
                unit: "%",
            },
            DemoMetric {
                name: "Weekly active app users",
                baseline: 54.0,
                result: 56.2,
                improvement_pct: 4.1,
                unit: "%",
            },
            DemoMetric {
                name: "Customers using an arranged overdraft",
                baseline: 11.3,
                result: 10.9,
                improvement_pct: -3.5,
                unit: "%",
            },
        ],
        roi_pct: 310.0,
        roi_value_gbp: 4200000,
        roi_timeframe: "annually",
        payback_months: 7.0,
        methodology_details: r#"The release plan allocated customers to six waves based on the last digit of an internal customer number, which has no relationship with customer behaviour. That made wave timing **as good as random**, and we confirmed balance on age, balance, income and previous savings across waves.

We estimated effects with a **staggered-adoption difference-in-differences** design using customers in later waves as controls for earlier ones, and an **intention-to-treat** definition: every customer in a released wave counted as treated, whether or not they switched the feature on. This avoids the self-selection that inflated earlier analyses.

Overdraft usage was a pre-registered harm metric. We also ran a **placebo test** on the months before release and examined event-study plots for each wave. Effects were largest among customers under 30, and overdraft usage fell slightly rather than rising."#,
        testimonial_text: "The intention-to-treat result was smaller than our internal dashboard suggested, and far more convincing. It is the number we took to the regulator.",
        testimonial_author: "Head of Savings Products",
        testimonial_role: "Retail bank",
        meta_description: "Analysing a staggered app rollout as a quasi-experiment showed round-ups raised monthly savings 12% for a retail bank, with no overdraft harm.",
        meta_keywords: "retail banking, savings, quasi-experiment, staggered rollout, difference-in-differences, consumer duty",
        featured: false,
        published_days_ago: 164,
        view_count: 1490,
    },
    DemoCaseStudy {
        title: "Building society retains 10% more mortgage customers at product expiry with uplift-targeted offers",
        slug: "building-society-retains-10-pct-more-mortgage-customers-at-product-expiry-with-uplift-targeted-offers",
        summary: "A regional building society used an uplift model to decide which members to contact before their fixed rate ended. A randomised test showed retention up 10% while retention offer costs fell.",
        industry_sic_code: "6419",
        industry_name: "Retail banking",
        client_type: "Regional building society",
        company_size: "mid_market",
        challenge: "retention",
        client_size_label: "420,000 members",
        client_region: "Midlands",
        business_challenge: r#"Every month, hundreds of the society's mortgage members reached the end of a fixed-rate deal. Many switched lenders through a broker without ever speaking to the society, and the member team only had capacity to call a fraction of them.

Calls had been prioritised by loan size and a simple "likely to leave" score. The society wanted to know whether calling different members, or offering different rates, would keep more of them, and at what cost."#,
        previous_approaches: r#"The propensity score targeted members most likely to leave, but many of them had already agreed a deal elsewhere by the time the call came. A blanket loyalty rate had been tried but was expensive and mainly benefited members who would have stayed anyway."#,
        stakeholder_concerns: r#"- Fair treatment of members was non-negotiable under consumer duty; no member could be offered a worse deal because of a model.
- The member team wanted a call list they could work through, not a black box.
- The finance committee wanted to know the net margin impact, not just retention."#,
        success_criteria: r#"- Retention at product expiry up at least 5% relative
- Cost of retention offers per retained mortgage down
- Documented fairness review signed off by the compliance team"#,
        consultant_key: "siobhan",
        methodology: "ab_test",
        duration_days: 120,
        sample_size: 26400,
        confidence_level: 0.95,
        primary_metric: DemoMetric {
            name: "Retention at product expiry",
            baseline: 68.0,
            result: 74.8,
            improvement_pct: 10.0,
            unit: "%",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Retention offer cost per retained mortgage",
                baseline: 410.0,
                result: 295.0,
                improvement_pct: -28.0,
                unit: "£",
            },
            DemoMetric {
                name: "Members switching via a broker",
                baseline: 19.5,
                result: 15.8,
                improvement_pct: -19.0,
                unit: "%",
            },
            DemoMetric {
                name: "Member satisfaction at renewal",
                baseline: 7.9,
                result: 8.2,
                improvement_pct: 3.8,
                unit: "score /10",
            },
        ],
        roi_pct: 560.0,
        roi_value_gbp: 2700000,
        roi_timeframe: "annually",
        payback_months: 3.0,
        methodology_details: r#"We trained an **uplift model** (a two-model approach with gradient-boosted trees) on three years of historical calls, estimating for each member how much a proactive call would change their chance of staying. The model only changed *who was called first*; every member remained eligible for the same product range.

Members approaching expiry were randomised to the existing propensity-based call list or the uplift-ranked list, with the same call capacity in each arm. Randomisation was by member and stratified by loan-to-value band and term remaining, over four monthly cohorts.

Retention was measured 60 days after expiry to capture late switches. The compliance team reviewed outcomes by age, vulnerability flags and region to confirm that no group was disadvantaged. The uplift list reached more persuadable members earlier, which lifted retention while needing fewer costly rate concessions."#,
        testimonial_text: "The same team, making the same number of calls, now keeps far more members. Siobhan made sure our compliance colleagues were in the room from day one.",
        testimonial_author: "Director of Mortgages",
        testimonial_role: "Regional building society",
        meta_description: "Uplift modelling, tested with a randomised trial, helped a building society retain 10% more mortgage members at product expiry for less cost.",
        meta_keywords: "mortgage retention, uplift modelling, building society, A/B test, consumer duty",
        featured: false,
        published_days_ago: 233,
        view_count: 1070,
    },
    DemoCaseStudy {
        title: "Home insurer gets 26% more from its media budget after regional TV holdout tests",
        slug: "home-insurer-gets-26-pct-more-from-its-media-budget-after-regional-tv-holdout-tests",
        summary: "A home and motor insurer paused television advertising in randomly chosen regions to measure its true effect. A third of TV spend proved non-incremental, and moving it elsewhere raised policies per pound of media by 26%.",
        industry_sic_code: "6512",
        industry_name: "Insurance",
        client_type: "Home and motor insurer",
        company_size: "enterprise",
        challenge: "marketing",
        client_size_label: "2.1 million policies in force",
        client_region: "Great Britain",
        business_challenge: r#"The insurer spent more than £20M a year on media, with television taking the largest share. Most customers bought through price-comparison sites, so the link between a TV campaign and a sold policy was indirect, and attribution reports credited the aggregators with almost everything.

The new chief marketing officer wanted to know how much of the TV budget was genuinely driving quotes and sales, and how much was simply keeping the brand visible to people who would have bought anyway."#,
        previous_approaches: r#"Econometric models commissioned from the media agency had produced estimates that varied by a factor of three from one year to the next. A brand-tracking survey showed awareness was high, but said nothing about sales."#,
        stakeholder_concerns: r#"The brand team feared long-term damage from going dark, even briefly. The pricing team needed to know whether a change in quote volumes would disrupt their risk models. Finance wanted the test to be cheap to run."#,
        success_criteria: r#"- A causal estimate of TV's incremental effect on policies sold, with a confidence interval
- A reallocation plan that holds total policies sold flat or higher
- Brand awareness in test regions not down by more than 3 points"#,
        consultant_key: "tom",
        methodology: "geo_experiment",
        duration_days: 70,
        sample_size: 42,
        confidence_level: 0.9,
        primary_metric: DemoMetric {
            name: "Incremental policies per £1k of media",
            baseline: 1.84,
            result: 2.31,
            improvement_pct: 25.5,
            unit: "policies",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "TV share of media budget",
                baseline: 46.0,
                result: 31.0,
                improvement_pct: -32.6,
                unit: "%",
            },
            DemoMetric {
                name: "Weekly aggregator quotes",
                baseline: 61000.0,
                result: 62400.0,
                improvement_pct: 2.3,
                unit: "quotes/week",
            },
            DemoMetric {
                name: "Cost per acquired policy",
                baseline: 96.0,
                result: 79.0,
                improvement_pct: -17.7,
                unit: "£",
            },
        ],
        roi_pct: 820.0,
        roi_value_gbp: 5600000,
        roi_timeframe: "annually",
        payback_months: 1.0,
        methodology_details: r#"We divided Great Britain into **42 geographic clusters** based on postcode areas, aligned as closely as possible with the regional TV buying areas. Clusters were matched into pairs on historical quotes, sales and demographic profile, and within each pair one was randomly assigned to have regional TV paused for six weeks.

Quotes and policy sales were attributed to clusters using the customer's postcode, which the insurer captures for every quote. We estimated the effect with a **synthetic control** for each treated cluster, built from a weighted combination of untreated clusters, and aggregated across clusters with **randomisation inference** to get intervals that respect the small number of units.

A brand-tracking boost sample in test and control regions measured awareness before, during and after the pause. The test showed TV's effect on short-term sales was real but much smaller than assumed, and it diminished sharply above a certain weekly weight. The insurer moved a third of TV budget into digital and partnership channels, and sales held steady."#,
        testimonial_text: "Switching TV off in part of the country felt terrifying. Tom designed it so the risk was small and the answer was clear, and it has changed how we plan every campaign.",
        testimonial_author: "Chief Marketing Officer",
        testimonial_role: "Home and motor insurer",
        meta_description: "Regional TV holdouts analysed with synthetic control showed a home insurer where media worked, raising policies per pound of media by 26%.",
        meta_keywords: "TV advertising incrementality, geo experiment, synthetic control, insurance marketing, media effectiveness",
        featured: false,
        published_days_ago: 118,
        view_count: 2980,
    },
    DemoCaseStudy {
        title: "Pet insurer lifts multi-pet policy sales 19% with a multivariate quote-journey test",
        slug: "pet-insurer-lifts-multi-pet-policy-sales-19-pct-with-a-multivariate-quote-journey-test",
        summary: "A specialist pet insurer tested three changes to its online quote journey at once. The best combination raised the share of multi-pet policies by 19% and reduced drop-off at the cover-selection step.",
        industry_sic_code: "6512",
        industry_name: "Insurance",
        client_type: "Specialist pet insurer",
        company_size: "smb",
        challenge: "conversion",
        client_size_label: "95,000 policies in force",
        client_region: "Ireland & Northern Ireland",
        business_challenge: r#"A quarter of the insurer's customers had more than one pet, but only one in nine new policies covered several animals. Customers with two cats or two dogs often bought a single policy online and then called to add the second pet, or insured it elsewhere.

The quote journey asked about one pet at a time and only mentioned the multi-pet discount on the final page. The digital team had three ideas for improving it but a small share of traffic to work with."#,
        previous_approaches: r#"A banner advertising the multi-pet discount had been added to the home page, with no measurable change in sales mix. Call-centre staff offered the discount on inbound calls, which worked but was expensive."#,
        stakeholder_concerns: r#"- Underwriting needed the extra questions for each pet to remain accurate.
- The head of digital was worried that a longer form would cost single-pet sales.
- Customer service wanted fewer calls to add a second pet after purchase."#,
        success_criteria: r#"- Multi-pet share of new policies up by at least 10% relative
- Overall quote-to-buy conversion not lower
- Fewer calls to add pets within 30 days of purchase"#,
        consultant_key: "tom",
        methodology: "multivariate",
        duration_days: 35,
        sample_size: 142000,
        confidence_level: 0.95,
        primary_metric: DemoMetric {
            name: "Multi-pet share of new policies",
            baseline: 11.6,
            result: 13.8,
            improvement_pct: 19.0,
            unit: "%",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Quote-to-buy conversion",
                baseline: 17.2,
                result: 17.9,
                improvement_pct: 4.1,
                unit: "%",
            },
            DemoMetric {
                name: "Average premium per policy",
                baseline: 312.0,
                result: 326.0,
                improvement_pct: 4.5,
                unit: "£",
            },
            DemoMetric {
                name: "Abandonment at cover selection",
                baseline: 27.0,
                result: 22.4,
                improvement_pct: -17.0,
                unit: "%",
            },
        ],
        roi_pct: 470.0,
        roi_value_gbp: 340000,
        roi_timeframe: "annually",
        payback_months: 2.0,
        methodology_details: r#"We tested three factors in a **2×2×2 full-factorial design**, randomising by quote session: asking "how many pets?" at the start, showing the multi-pet saving on the cover-selection page, and a simplified cover comparison table. Each of the eight cells received around 17,750 quote journeys.

A factorial design allowed each factor's effect to be estimated using all the traffic, which gave far more power than testing the ideas one after another. We pre-registered the primary metric and two guardrails (overall conversion and average premium) and used a **logistic regression with interaction terms** for the analysis, adjusting for multiple comparisons with the Holm method.

The early "how many pets?" question and the visible saving each lifted multi-pet share, with a small positive interaction. The simplified comparison table had little effect on mix but reduced abandonment. All three changes were launched together."#,
        testimonial_text: "We learned more in five weeks than in the previous two years of tweaks. The quote journey now sells the product the way our customers actually live.",
        testimonial_author: "Head of Digital",
        testimonial_role: "Specialist pet insurer",
        meta_description: "A factorial test of three quote-journey changes raised multi-pet policy sales 19% for a specialist pet insurer without hurting conversion.",
        meta_keywords: "pet insurance, quote journey, multivariate test, factorial design, conversion optimisation",
        featured: false,
        published_days_ago: 412,
        view_count: 620,
    },
    DemoCaseStudy {
        title: "Mobile operator saves 25% more at-risk customers with uplift-targeted retention offers",
        slug: "mobile-operator-saves-25-pct-more-at-risk-customers-with-uplift-targeted-retention-offers",
        summary: "A mobile network operator replaced churn-score targeting with an uplift model for its retention offers. A randomised trial with 480,000 customers showed 25% more saves and far lower discount costs.",
        industry_sic_code: "6190",
        industry_name: "Telecommunications",
        client_type: "Mobile network operator",
        company_size: "enterprise",
        challenge: "retention",
        client_size_label: "9 million subscribers",
        client_region: "United Kingdom",
        business_challenge: r#"The operator spent tens of millions of pounds a year on retention discounts offered to customers nearing the end of their contracts. Offers went to customers with the highest predicted churn, but many of those customers had already decided to leave, while others would have stayed anyway.

The retention director suspected that a large share of the discount budget was wasted, but the churn model was trusted and the risk of increasing churn during a price-sensitive period was significant."#,
        previous_approaches: r#"The churn model had been refined for years and predicted churn well, with good discrimination. But it had never been tested on the question that mattered: which customers change their decision because of an offer? A small uplift pilot two years before had been too small to read."#,
        stakeholder_concerns: r#"- Churn could not rise during the test; the operator was reporting to investors quarterly.
- Contact-centre advisers needed clear guidance on which offer to make.
- Marketing wanted to avoid offering discounts to customers who had not asked for them if it could be avoided."#,
        success_criteria: r#"- Save rate among at-risk customers up at least 10% relative
- Retention discount cost per saved customer down at least 15%
- Monthly churn in the targeted segment no higher than control"#,
        consultant_key: "siobhan",
        methodology: "ab_test",
        duration_days: 90,
        sample_size: 480000,
        confidence_level: 0.99,
        primary_metric: DemoMetric {
            name: "Save rate among at-risk customers",
            baseline: 22.0,
            result: 27.5,
            improvement_pct: 25.0,
            unit: "%",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Monthly churn in targeted segment",
                baseline: 2.8,
                result: 2.41,
                improvement_pct: -13.9,
                unit: "%",
            },
            DemoMetric {
                name: "Retention discount cost per save",
                baseline: 86.0,
                result: 61.0,
                improvement_pct: -29.1,
                unit: "£",
            },
            DemoMetric {
                name: "Retention offers issued per month",
                baseline: 120000.0,
                result: 74000.0,
                improvement_pct: -38.3,
                unit: "offers/month",
            },
        ],
        roi_pct: 720.0,
        roi_value_gbp: 11800000,
        roi_timeframe: "annually",
        payback_months: 2.0,
        methodology_details: r#"We built an **uplift model** using a causal forest trained on two years of historical offers, including a small random-offer holdout that the operator had fortunately kept running. For each customer, the model estimated the change in retention probability for each of three offer levels, allowing offers to be matched to the customers they would actually persuade.

480,000 customers entering the last three months of their contract were randomised into two arms: the existing churn-score targeting and the uplift targeting, with **identical budgets**. A further 2% were held out from all proactive offers to measure the baseline. Randomisation was stratified by tariff, tenure and region.

With very large samples and a decision worth millions, we used a **99% confidence level** and a pre-registered analysis plan. Saves were measured at 90 days. The uplift arm saved more customers while issuing far fewer offers, because it stopped giving discounts to customers who would have stayed regardless."#,
        testimonial_text: "We had a very good model answering the wrong question. Siobhan changed the question, and our retention budget now works twice as hard.",
        testimonial_author: "Retention Director",
        testimonial_role: "Mobile network operator",
        meta_description: "Uplift modelling tested in a 480,000-customer randomised trial helped a mobile operator save 25% more at-risk customers at lower discount cost.",
        meta_keywords: "telecom churn, uplift modelling, causal forest, retention offers, randomised trial",
        featured: true,
        published_days_ago: 46,
        view_count: 3610,
    },
    DemoCaseStudy {
        title: "Full-fibre provider gets 18% more customers set up in week one with proactive welcome calls",
        slug: "full-fibre-provider-gets-18-pct-more-customers-set-up-in-week-one-with-proactive-welcome-calls",
        summary: "A regional broadband provider called new customers whose risk score crossed a threshold. A regression discontinuity design showed the calls raised week-one setup completion by 18% and cut early-life churn.",
        industry_sic_code: "6190",
        industry_name: "Telecommunications",
        client_type: "Regional full-fibre broadband provider",
        company_size: "mid_market",
        challenge: "customer_experience",
        client_size_label: "210,000 customers",
        client_region: "Yorkshire & North East England",
        business_challenge: r#"The provider's early-life churn was high: about one in sixteen new customers left within 90 days, often after struggling to set up their router or move their old services across. Each lost customer cost around £300 in installation and marketing.

An operations lead had started calling new customers whose onboarding risk score exceeded a threshold. The programme was popular internally but expensive, and the board wanted to know whether it worked before expanding it."#,
        previous_approaches: r#"Comparisons between called and uncalled customers suggested calls made things worse, because the customers being called were the ones most likely to struggle. Customer satisfaction surveys had too few responses to draw conclusions."#,
        stakeholder_concerns: r#"The operations team did not want to stop calling any customers to create a control group. Finance needed a clear cost per retained customer to justify hiring more agents."#,
        success_criteria: r#"- A credible estimate of the effect of a welcome call on setup completion and early churn
- Cost per additional retained customer below £120
- A recommendation on where to set the risk-score threshold"#,
        consultant_key: "siobhan",
        methodology: "quasi_experiment",
        duration_days: 105,
        sample_size: 38600,
        confidence_level: 0.95,
        primary_metric: DemoMetric {
            name: "Setup completed within 7 days",
            baseline: 71.0,
            result: 83.5,
            improvement_pct: 17.6,
            unit: "%",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Early-life churn (90 days)",
                baseline: 6.2,
                result: 5.1,
                improvement_pct: -17.7,
                unit: "%",
            },
            DemoMetric {
                name: "Support calls per new customer",
                baseline: 1.35,
                result: 1.02,
                improvement_pct: -24.4,
                unit: "calls",
            },
            DemoMetric {
                name: "Net Promoter Score at 30 days",
                baseline: 31.0,
                result: 38.0,
                improvement_pct: 22.6,
                unit: "NPS",
            },
        ],
        roi_pct: 260.0,
        roi_value_gbp: 780000,
        roi_timeframe: "annually",
        payback_months: 6.0,
        methodology_details: r#"Because calls were triggered by a fixed risk-score threshold, customers just above and just below it were very similar apart from whether they received a call. That is the setting for a **regression discontinuity design**, which gives a causal estimate without withholding calls from anyone.

We used a **local linear regression** with a data-driven bandwidth, checked that customers could not manipulate their score (they did not know it existed), and ran a **McCrary density test** for bunching at the threshold. Placebo thresholds and pre-installation covariates showed no jumps, supporting the design.

The estimate applies strictly to customers near the threshold. To inform the expansion decision, we modelled how the effect varied with the score and then ran a short randomised extension that lowered the threshold for half of new customers, which confirmed the calls were still cost-effective slightly below the original cut-off."#,
        testimonial_text: "We were never going to stop calling customers to run a test, and we did not have to. The result gave us the business case for six more agents.",
        testimonial_author: "Head of Customer Operations",
        testimonial_role: "Regional full-fibre provider",
        meta_description: "A regression discontinuity design showed proactive welcome calls raised week-one broadband setup completion 18% and cut early churn.",
        meta_keywords: "broadband onboarding, early-life churn, regression discontinuity, quasi-experiment, telecoms",
        featured: false,
        published_days_ago: 340,
        view_count: 780,
    },
    DemoCaseStudy {
        title: "Converged telecom operator measures the true value of its loyalty app and lifts ARPU 5%",
        slug: "converged-telecom-operator-measures-the-true-value-of-its-loyalty-app-and-lifts-arpu-5-pct",
        summary: "A converged mobile and broadband operator used causal analysis to separate the effect of its loyalty app from the kind of customers who use it. Refocusing rewards on what worked lifted ARPU by 5% while cutting programme costs by a quarter.",
        industry_sic_code: "6190",
        industry_name: "Telecommunications",
        client_type: "Converged mobile and broadband operator",
        company_size: "enterprise",
        challenge: "retention",
        client_size_label: "4.5 million customers",
        client_region: "Benelux",
        business_challenge: r#"The operator's loyalty app offered weekly rewards, from cinema tickets to data boosts. App users spent more and churned less than other customers, and the loyalty team cited these figures to justify a growing budget.

The finance director was unconvinced. Loyal, high-spending customers were always more likely to download a loyalty app, so the comparison said little about what the app itself achieved."#,
        previous_approaches: r#"Annual reviews compared app users with non-users, adjusting only for tariff. A survey suggested customers valued the app, but answers about future behaviour rarely predict what customers actually do."#,
        stakeholder_concerns: r#"- The loyalty team feared the analysis would be used to close the programme.
- Partners who provided rewards needed reassurance about continuity.
- The board wanted a recommendation, not just a measurement."#,
        success_criteria: r#"- Causal estimate of the app's effect on ARPU and churn, by reward type
- A redesigned reward mix with lower cost per customer
- ARPU in the engaged segment up over the following two quarters"#,
        consultant_key: "tom",
        methodology: "causal_analysis",
        duration_days: 98,
        sample_size: 2600000,
        confidence_level: 0.95,
        primary_metric: DemoMetric {
            name: "Monthly ARPU in engaged segment",
            baseline: 31.4,
            result: 33.1,
            improvement_pct: 5.4,
            unit: "£",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Loyalty cost per customer per year",
                baseline: 7.8,
                result: 5.9,
                improvement_pct: -24.4,
                unit: "£",
            },
            DemoMetric {
                name: "Monthly churn among app users",
                baseline: 1.45,
                result: 1.38,
                improvement_pct: -4.8,
                unit: "%",
            },
            DemoMetric {
                name: "Reward redemptions per month",
                baseline: 410000.0,
                result: 352000.0,
                improvement_pct: -14.1,
                unit: "redemptions",
            },
        ],
        roi_pct: 430.0,
        roi_value_gbp: 3900000,
        roi_timeframe: "annually",
        payback_months: 4.0,
        methodology_details: r#"We combined three sources of evidence. First, a **propensity-score matched comparison** of customers who installed the app with similar customers who did not, matching on tenure, tariff, spend trajectory, contact history and household products. Second, a **difference-in-differences** analysis of a natural experiment: the app was unavailable on one handset platform for four months because of a technical issue, which affected customers regardless of their loyalty.

Third, reward-level effects were estimated by exploiting the **weekly rotation of rewards**, which followed a partner schedule unrelated to customer behaviour. That let us ask which rewards changed spending and which were simply redeemed by customers who would have spent anyway.

The app had a genuine but modest effect on churn, and data boosts and upgrades drove ARPU, while ticket-type rewards did not. The reward mix was reshaped accordingly. ARPU and churn were tracked for two quarters against a synthetic counterfactual built from non-users."#,
        testimonial_text: "Tom managed to make both our finance director and our loyalty team happy, which I would not have bet on. The programme is smaller, cheaper and does more.",
        testimonial_author: "Chief Commercial Officer",
        testimonial_role: "Converged telecom operator",
        meta_description: "Causal analysis of a telecom loyalty app separated its effect from selection bias, cutting costs by a quarter and lifting ARPU 5%.",
        meta_keywords: "telecom loyalty programme, causal analysis, ARPU, propensity score matching, natural experiment",
        featured: false,
        published_days_ago: 521,
        view_count: 1150,
    },
    DemoCaseStudy {
        title: "Grocery chain lifts own-label sales 7% with a 48-store shelf-layout geo test",
        slug: "grocery-chain-lifts-own-label-sales-7-pct-with-a-48-store-shelf-layout-geo-test",
        summary: "A national grocery chain tested a new shelf layout for own-label products in 24 of 48 matched stores. Own-label sales rose 7% with higher category margin and no loss of total category sales.",
        industry_sic_code: "4711",
        industry_name: "Grocery retail",
        client_type: "National grocery chain",
        company_size: "enterprise",
        challenge: "basket_value",
        client_size_label: "320 stores",
        client_region: "Midlands & North West England",
        business_challenge: r#"Own-label products carry much higher margins for the chain than branded goods, but they were often placed on lower shelves, next to branded equivalents that paid for prominent positions. The category team proposed a new layout that placed own-label products at eye level with clearer comparison labelling.

Changing planograms across 320 stores is expensive and disruptive, and branded suppliers threatened to reduce promotional funding. The trading director needed robust evidence before committing."#,
        previous_approaches: r#"Store trials had been run before, typically in six to ten stores chosen by regional managers, compared with the rest of the estate. Results were often impressive but rarely repeated after rollout, probably because managers chose their best stores."#,
        stakeholder_concerns: r#"- Supplier funding was at risk if branded sales fell sharply.
- Store operations needed planogram changes to fit the overnight replenishment schedule.
- Finance wanted to see the effect on total category sales, not just own label."#,
        success_criteria: r#"- Own-label sales up at least 4% in test stores
- Total category sales not significantly lower
- Category gross margin higher"#,
        consultant_key: "mateusz",
        methodology: "geo_experiment",
        duration_days: 84,
        sample_size: 48,
        confidence_level: 0.9,
        primary_metric: DemoMetric {
            name: "Own-label sales per store per week",
            baseline: 41200.0,
            result: 44100.0,
            improvement_pct: 7.0,
            unit: "£",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Category gross margin",
                baseline: 27.8,
                result: 29.1,
                improvement_pct: 4.7,
                unit: "%",
            },
            DemoMetric {
                name: "Total category sales per store per week",
                baseline: 118000.0,
                result: 119400.0,
                improvement_pct: 1.2,
                unit: "£",
            },
            DemoMetric {
                name: "On-shelf availability",
                baseline: 96.1,
                result: 95.8,
                improvement_pct: -0.3,
                unit: "%",
            },
        ],
        roi_pct: 540.0,
        roi_value_gbp: 6300000,
        roi_timeframe: "annually",
        payback_months: 2.0,
        methodology_details: r#"We selected 48 stores representative of the estate by format, size, region and customer profile, and formed **24 matched pairs** using a year of weekly sales by category. One store in each pair was randomly assigned the new layout, removing the selection bias that had affected earlier trials.

A **power analysis** using the pairs' historical variability showed that 12 weeks would detect a 4% effect at 90% confidence with 80% power; the pairing roughly halved the required duration compared with unpaired stores. Store teams photographed each planogram change, and we audited compliance before the analysis window opened.

We analysed weekly sales with a **difference-in-differences model with pair fixed effects**, using the 26 weeks before the change as the pre-period, and confirmed the result with randomisation inference across all possible assignments. Availability was monitored as a guardrail, because a new layout can cause gaps while replenishment teams adjust."#,
        testimonial_text: "This is the first store trial I have seen that did what it said on rollout. Mateusz spent as much time in our stores as in the data, and it showed.",
        testimonial_author: "Trading Director",
        testimonial_role: "National grocery chain",
        meta_description: "A randomised 48-store geo experiment on shelf layout lifted own-label grocery sales 7% and category margin, without hurting total sales.",
        meta_keywords: "grocery store trial, geo experiment, own-label, planogram, matched pairs, retail experimentation",
        featured: true,
        published_days_ago: 74,
        view_count: 3190,
    },
    DemoCaseStudy {
        title: "Regional grocer gets 40% more from local media after a matched-market radio test",
        slug: "regional-grocer-gets-40-pct-more-from-local-media-after-a-matched-market-radio-test",
        summary: "A Scottish grocer tested its local radio advertising by switching it off in half of 22 matched markets. Moving the budget into what worked raised incremental sales per pound of local media by 40%.",
        industry_sic_code: "4711",
        industry_name: "Grocery retail",
        client_type: "Regional grocer",
        company_size: "mid_market",
        challenge: "marketing",
        client_size_label: "86 stores",
        client_region: "Scotland",
        business_challenge: r#"The grocer had advertised on local radio for decades, spending around £1.5M a year. The new marketing director could find no evidence that it worked, but the board saw it as part of the brand's identity and store managers believed in it.

The business also wanted to test a shift towards local social media and in-store sampling, but had no way of comparing channels fairly."#,
        previous_approaches: r#"Footfall after radio campaigns had been compared with the previous year, with results strongly affected by weather and competitor openings. A customer survey found high recall of the radio adverts."#,
        stakeholder_concerns: r#"The board was wary of losing the radio presence entirely. Store managers worried about lower footfall during the test period, and the radio stations offered discounts to discourage a pause."#,
        success_criteria: r#"- A causal estimate of radio's incremental effect on store sales
- A reallocation plan with better return per pound
- Footfall in test markets not more than 2% below forecast during the test"#,
        consultant_key: "mateusz",
        methodology: "geo_experiment",
        duration_days: 56,
        sample_size: 22,
        confidence_level: 0.9,
        primary_metric: DemoMetric {
            name: "Incremental sales per £1 of local media",
            baseline: 2.1,
            result: 2.95,
            improvement_pct: 40.5,
            unit: "£",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Weekly footfall per store",
                baseline: 14800.0,
                result: 15050.0,
                improvement_pct: 1.7,
                unit: "visits/week",
            },
            DemoMetric {
                name: "Quarterly local radio budget",
                baseline: 380000.0,
                result: 228000.0,
                improvement_pct: -40.0,
                unit: "£",
            },
            DemoMetric {
                name: "Loyalty-card sign-ups per week",
                baseline: 2150.0,
                result: 2410.0,
                improvement_pct: 12.1,
                unit: "sign-ups/week",
            },
        ],
        roi_pct: 390.0,
        roi_value_gbp: 1250000,
        roi_timeframe: "annually",
        payback_months: 3.0,
        methodology_details: r#"The 86 stores fall into 22 local media markets defined by radio transmitter coverage. We formed **11 matched pairs of markets** based on two years of sales, store count and demographics, and in each pair randomly chose one market to pause radio for eight weeks while the other continued as normal.

We estimated the effect with **synthetic control**, building a counterfactual for each paused market from a weighted combination of the others, and used **randomisation inference** to produce a confidence interval. Weather and competitor openings were included as covariates.

Radio had a small positive effect, but at a cost per incremental pound far higher than local social media and in-store sampling, which were tested in a second eight-week wave using the same design. The grocer kept a reduced radio presence for brand reasons and moved the rest of the budget, raising return per pound across its local media."#,
        testimonial_text: "The test let us keep what mattered about radio and stop paying for what did not. The board agreed in one meeting.",
        testimonial_author: "Marketing Director",
        testimonial_role: "Regional grocer",
        meta_description: "A matched-market radio test with synthetic control helped a regional grocer raise incremental sales per pound of local media by 40%.",
        meta_keywords: "local radio advertising, matched-market test, synthetic control, grocery marketing, geo experiment",
        featured: false,
        published_days_ago: 455,
        view_count: 840,
    },
    DemoCaseStudy {
        title: "Convenience grocery chain grows loyalty-app redemptions 26% with a personalised-offer bandit",
        slug: "convenience-grocery-chain-grows-loyalty-app-redemptions-26-pct-with-a-personalised-offer-bandit",
        summary: "A convenience chain used a contextual bandit to choose which weekly offers each app user sees. Redemptions rose 26% and basket values grew, while the discount cost as a share of sales fell slightly.",
        industry_sic_code: "4711",
        industry_name: "Grocery retail",
        client_type: "Convenience grocery chain",
        company_size: "mid_market",
        challenge: "retention",
        client_size_label: "410 stores, 640,000 app users",
        client_region: "Republic of Ireland",
        business_challenge: r#"The chain's loyalty app showed every user the same ten weekly offers, chosen by the category team with supplier input. Redemption rates were low, and many offers went to customers who would have bought the product anyway.

The team wanted to personalise offers, but had a limited catalogue of funded promotions and no data science team to build and maintain a recommendation system."#,
        previous_approaches: r#"Segment-based offers (students, families, commuters) had been tried for a quarter. Redemptions rose slightly, but it was unclear whether the segments or seasonal effects were responsible, and maintaining the segments took a full-time analyst."#,
        stakeholder_concerns: r#"- Suppliers funding the offers needed reports on reach and redemption.
- Discount costs could not rise as a share of sales.
- The app team wanted something they could run without specialist support."#,
        success_criteria: r#"- Offer redemptions per app user up at least 10%
- Discount cost as a share of sales flat or lower
- Basket value among redeeming customers not lower"#,
        consultant_key: "mateusz",
        methodology: "bandit",
        duration_days: 70,
        sample_size: 640000,
        confidence_level: 0.9,
        primary_metric: DemoMetric {
            name: "Offer redemptions per 1,000 app users per week",
            baseline: 185.0,
            result: 233.1,
            improvement_pct: 26.0,
            unit: "redemptions",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Basket value for redeeming customers",
                baseline: 11.8,
                result: 12.6,
                improvement_pct: 6.8,
                unit: "£",
            },
            DemoMetric {
                name: "Discount cost as share of sales",
                baseline: 3.1,
                result: 3.0,
                improvement_pct: -3.2,
                unit: "%",
            },
            DemoMetric {
                name: "Weekly active app users",
                baseline: 212000.0,
                result: 231000.0,
                improvement_pct: 9.0,
                unit: "users",
            },
        ],
        roi_pct: 300.0,
        roi_value_gbp: 940000,
        roi_timeframe: "annually",
        payback_months: 4.0,
        methodology_details: r#"We implemented a **contextual bandit** using a linear Thompson-sampling model. For each user and week, it chose five of the available funded offers based on the user's recent purchase categories, time of day they usually shop and store format. The reward was margin-adjusted redemption, so offers with heavier discounts had to earn their place.

To measure the impact honestly, 15% of app users were kept in a **holdout** that received the standard category-team selection throughout. All figures reported here compare the bandit with that holdout. Supplier reporting was generated automatically from the allocation log, with guaranteed minimum impressions for each funded offer.

The model was retrained weekly on a schedule the app team can run themselves, with automated checks for reward drift and a kill switch that returns everyone to the standard selection."#,
        testimonial_text: "Our offers finally feel like they were picked for the person holding the phone. The app team runs it themselves now, which was the real win.",
        testimonial_author: "Head of Loyalty",
        testimonial_role: "Convenience grocery chain",
        meta_description: "A contextual bandit choosing personalised loyalty-app offers lifted redemptions 26% for a convenience grocery chain, measured against a holdout.",
        meta_keywords: "loyalty app, personalised offers, contextual bandit, grocery, Thompson sampling",
        featured: false,
        published_days_ago: 189,
        view_count: 1010,
    },
    DemoCaseStudy {
        title: "Online travel agency raises search-to-booking conversion 7.5% with a multivariate results-page test",
        slug: "online-travel-agency-raises-search-to-booking-conversion-7-5-pct-with-a-multivariate-results-page-test",
        summary: "An online travel agency tested four results-page changes simultaneously across 4.75 million search sessions. The winning combination lifted search-to-booking conversion by 7.5%.",
        industry_sic_code: "7911",
        industry_name: "Online travel",
        client_type: "Online travel agency",
        company_size: "enterprise",
        challenge: "conversion",
        client_size_label: "28 million annual visits",
        client_region: "UK, Spain & Portugal",
        business_challenge: r#"The search results page was where customers spent the most time and where most of them left. The product team had four ideas in the backlog: a price calendar, clearer total prices including fees, a simplified filter panel and larger hotel images.

Each idea had been in the queue for months because the team ran one A/B test at a time on this page, and seasonal patterns made every test slow to read."#,
        previous_approaches: r#"The team had run sequential A/B tests on the results page, about four a year. Two tests had overlapped by accident and produced contradictory results, which led to a rule against running tests concurrently on the page."#,
        stakeholder_concerns: r#"- Engineering worried about the complexity of serving sixteen combinations.
- Commercial wanted to know whether showing total prices upfront would reduce average booking value.
- The analytics team needed interactions to be properly accounted for."#,
        success_criteria: r#"- Search-to-booking conversion up at least 4% relative
- Average booking value not lower by more than 2%
- A clear recommendation on each of the four changes"#,
        consultant_key: "priya",
        methodology: "multivariate",
        duration_days: 42,
        sample_size: 4750000,
        confidence_level: 0.95,
        primary_metric: DemoMetric {
            name: "Search-to-booking conversion",
            baseline: 3.2,
            result: 3.44,
            improvement_pct: 7.5,
            unit: "%",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Average booking value",
                baseline: 742.0,
                result: 736.0,
                improvement_pct: -0.8,
                unit: "£",
            },
            DemoMetric {
                name: "Filter uses per session",
                baseline: 1.4,
                result: 1.9,
                improvement_pct: 35.7,
                unit: "uses",
            },
            DemoMetric {
                name: "Results-page load time (p75)",
                baseline: 2.6,
                result: 2.4,
                improvement_pct: -7.7,
                unit: "s",
            },
        ],
        roi_pct: 850.0,
        roi_value_gbp: 9200000,
        roi_timeframe: "annually",
        payback_months: 1.0,
        methodology_details: r#"We ran a **2⁴ full-factorial test** with sixteen combinations, randomised by visitor so that each person saw a consistent results page across searches. Engineering built each change behind its own feature flag, so the combinations were simply the product of four independent flags, which kept the implementation manageable.

With almost five million sessions, the design estimated all four main effects and six two-way interactions with good precision. The analysis used a **regression with CUPED adjustment**, based on each visitor's booking history, and a pre-registered hierarchy: main effects first, then interactions, with Holm correction for multiple comparisons.

Total-price display and the price calendar had the largest effects and a small positive interaction. Larger images had no effect on conversion but slowed the page, so they were dropped. A page-speed guardrail caught this, and the final build was faster than the original."#,
        testimonial_text: "We tested a year of ideas in six weeks. Priya showed us that running experiments together, properly designed, is not the risk we had assumed.",
        testimonial_author: "Chief Product Officer",
        testimonial_role: "Online travel agency",
        meta_description: "A 16-combination factorial test of results-page changes raised search-to-booking conversion 7.5% for an online travel agency.",
        meta_keywords: "online travel, multivariate test, factorial design, search results page, conversion rate optimisation",
        featured: true,
        published_days_ago: 27,
        view_count: 3750,
    },
    DemoCaseStudy {
        title: "City-break travel agency grows ancillary revenue 23% by testing add-on presentation",
        slug: "city-break-travel-agency-grows-ancillary-revenue-23-pct-by-testing-add-on-presentation",
        summary: "A city-break specialist tested how travel insurance, seat selection and airport transfers are offered during booking. Ancillary revenue per booking rose 23% with no measurable effect on booking completion.",
        industry_sic_code: "7911",
        industry_name: "Online travel",
        client_type: "Specialist city-break travel agency",
        company_size: "mid_market",
        challenge: "basket_value",
        client_size_label: "1.1 million bookings a year",
        client_region: "France & Benelux",
        business_challenge: r#"The agency's margins on flights and hotels were thin, and ancillary products such as travel insurance, seat selection and airport transfers provided a growing share of profit. They were offered through a long series of pop-ups during checkout, which customers found annoying and often dismissed without reading.

The commercial team wanted to increase ancillary take-up without damaging conversion, while staying well within consumer protection rules on pre-ticked boxes and drip pricing."#,
        previous_approaches: r#"Pop-ups had been added one at a time over several years, each justified by a local A/B test measuring only that product's take-up, never the impact on the whole journey. A previous attempt to bundle all add-ons into a single package had reduced conversion and was withdrawn."#,
        stakeholder_concerns: r#"- Legal required all add-ons to be opt-in, with prices clearly shown.
- The head of conversion feared that any change to checkout would cost bookings.
- Customer service wanted fewer cancellations from customers who had bought add-ons by mistake."#,
        success_criteria: r#"- Ancillary revenue per booking up at least 10%
- Booking completion not lower by more than 1 percentage point
- Post-booking cancellation rate not higher"#,
        consultant_key: "priya",
        methodology: "ab_test",
        duration_days: 35,
        sample_size: 610000,
        confidence_level: 0.95,
        primary_metric: DemoMetric {
            name: "Ancillary revenue per booking",
            baseline: 14.6,
            result: 17.96,
            improvement_pct: 23.0,
            unit: "£",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Booking completion rate",
                baseline: 61.5,
                result: 61.0,
                improvement_pct: -0.8,
                unit: "%",
            },
            DemoMetric {
                name: "Travel insurance attach rate",
                baseline: 9.8,
                result: 12.7,
                improvement_pct: 29.6,
                unit: "%",
            },
            DemoMetric {
                name: "Post-booking cancellations",
                baseline: 4.4,
                result: 4.3,
                improvement_pct: -2.3,
                unit: "%",
            },
        ],
        roi_pct: 490.0,
        roi_value_gbp: 1650000,
        roi_timeframe: "annually",
        payback_months: 2.0,
        methodology_details: r#"The variant replaced the sequence of pop-ups with a single "make your trip easier" step after passenger details, showing relevant add-ons with clear prices and short explanations, all unticked by default. The control kept the existing pop-ups. Randomisation was by visitor, and the test ran for five full weeks to cover weekday and weekend booking patterns.

The primary metric was ancillary revenue per booking, with booking completion as a **non-inferiority guardrail** (margin of one percentage point). Because revenue per booking is skewed by occasional large transfer bookings, we used a **trimmed mean with a bootstrap interval** as a robustness check alongside the standard analysis.

We also ran a **sample-ratio-mismatch check** each day and discovered that a browser extension was blocking the new step for a small share of visitors; those sessions were kept in the analysis on an intention-to-treat basis so the result reflects real-world performance."#,
        testimonial_text: "One clear page beat five pop-ups on every measure we cared about, including the ones our legal team cared about.",
        testimonial_author: "Commercial Director",
        testimonial_role: "City-break travel agency",
        meta_description: "An A/B test replacing checkout pop-ups with one clear add-on step grew ancillary revenue 23% for a city-break agency without hurting conversion.",
        meta_keywords: "ancillary revenue, travel checkout, A/B test, travel insurance, online travel agency",
        featured: false,
        published_days_ago: 268,
        view_count: 1420,
    },
    DemoCaseStudy {
        title: "Package-holiday agency raises margin per booking 6% with a booking-fee pricing bandit",
        slug: "package-holiday-agency-raises-margin-per-booking-6-pct-with-a-booking-fee-pricing-bandit",
        summary: "An online package-holiday agency used a bandit to test five booking-fee levels by route type. Contribution margin per booking rose 6% with only a small effect on conversion.",
        industry_sic_code: "7911",
        industry_name: "Online travel",
        client_type: "Online package-holiday agency",
        company_size: "mid_market",
        challenge: "pricing",
        client_size_label: "240,000 bookings a year",
        client_region: "North West England",
        business_challenge: r#"The agency charged a flat booking fee of £12 per passenger on every holiday, whether a £400 short-haul week or a £4,000 long-haul family trip. The commercial team believed customers on higher-value trips would barely notice a higher fee, but feared a backlash on price-comparison forums.

With fast-changing demand and seasonal pricing, they needed an approach that would learn quickly and stop showing poor fee levels as soon as possible."#,
        previous_approaches: r#"The fee had been raised once, from £10 to £12, across all holidays at the same time, coinciding with the summer peak. Bookings rose, but that was clearly due to the season, and the effect of the fee could not be separated."#,
        stakeholder_concerns: r#"- Fees had to be shown clearly from the first price displayed, not added at the end.
- Customers booking similar holidays should not see wildly different fees.
- Conversion had to be protected during the peak booking period in January."#,
        success_criteria: r#"- Contribution margin per booking up at least 3%
- Quote-to-booking conversion not lower by more than 3% relative
- Consistent fees within each route type and price band"#,
        consultant_key: "amara",
        methodology: "bandit",
        duration_days: 56,
        sample_size: 880000,
        confidence_level: 0.9,
        primary_metric: DemoMetric {
            name: "Contribution margin per booking",
            baseline: 96.0,
            result: 101.9,
            improvement_pct: 6.1,
            unit: "£",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Quote-to-booking conversion",
                baseline: 4.1,
                result: 4.02,
                improvement_pct: -2.0,
                unit: "%",
            },
            DemoMetric {
                name: "Booking fee per passenger",
                baseline: 12.0,
                result: 16.5,
                improvement_pct: 37.5,
                unit: "£",
            },
            DemoMetric {
                name: "Deposit-option uptake",
                baseline: 38.0,
                result: 41.0,
                improvement_pct: 7.9,
                unit: "%",
            },
        ],
        roi_pct: 260.0,
        roi_value_gbp: 620000,
        roi_timeframe: "annually",
        payback_months: 5.0,
        methodology_details: r#"Holidays were grouped into twelve cells by route type (short-haul, medium-haul, long-haul) and price band. In each cell, a **Thompson-sampling bandit** chose among five fee levels from £10 to £22 per passenger, optimising contribution margin per quote rather than conversion alone. Assignments were made per **customer and cell**, so a returning customer always saw the same fee for similar holidays.

Fees appeared in the first price displayed, in line with the agency's commitment to all-in pricing. A **fixed 15% control group** stayed on the £12 fee throughout, and all reported figures compare the bandit arms with that control.

The bandit converged within three weeks for most cells. It settled on higher fees for long-haul and premium trips and kept the lower fee for budget short-haul holidays, where customers proved most sensitive. The final fee table was then fixed and published."#,
        testimonial_text: "The bandit found a fair fee structure faster than any pricing review we have ever run, and it stopped testing the bad options on its own.",
        testimonial_author: "Head of Pricing",
        testimonial_role: "Online package-holiday agency",
        meta_description: "A Thompson-sampling bandit testing booking-fee levels raised margin per booking 6% for an online package-holiday agency.",
        meta_keywords: "booking fee pricing, multi-armed bandit, package holidays, price testing, travel margin",
        featured: false,
        published_days_ago: 599,
        view_count: 430,
    },
    DemoCaseStudy {
        title: "Fitness club chain lifts January joiners 15% with a geo-tested joining-fee promotion",
        slug: "fitness-club-chain-lifts-january-joiners-15-pct-with-a-geo-tested-joining-fee-promotion",
        summary: "A mid-price gym chain tested waiving its joining fee in 18 of 36 matched clubs over the new-year peak. Joiners rose 15%, and membership income more than made up for the lost fees.",
        industry_sic_code: "9313",
        industry_name: "Fitness clubs",
        client_type: "Mid-price gym chain",
        company_size: "mid_market",
        challenge: "pricing",
        client_size_label: "72 clubs",
        client_region: "England & Wales",
        business_challenge: r#"January brings a third of the chain's new members for the year, and competitors advertise heavily with fee-free offers. The chain charged a £15 joining fee, which the finance team valued as a source of income and a barrier to short-term members.

Marketing believed the fee was costing members at the most important time of the year. Finance believed waiving it would attract people who would cancel by spring. Both had anecdotes; neither had evidence."#,
        previous_approaches: r#"A fee-free weekend had been run the previous September across all clubs. Joining spiked, but the comparison with the previous weekend said nothing about what would happen in January, when demand is very different."#,
        stakeholder_concerns: r#"- Finance needed retention of new joiners to be tracked, not just sign-ups.
- Club managers worried that members would notice different prices at nearby clubs.
- The offer had to be planned months ahead to fit the January campaign."#,
        success_criteria: r#"- New joiners per club up at least 8% in January and February
- Three-month retention of new joiners no more than 3 points lower
- Net membership income per club higher over six months"#,
        consultant_key: "mateusz",
        methodology: "geo_experiment",
        duration_days: 60,
        sample_size: 36,
        confidence_level: 0.9,
        primary_metric: DemoMetric {
            name: "New joiners per club (January–February)",
            baseline: 312.0,
            result: 359.0,
            improvement_pct: 15.1,
            unit: "joiners",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Joining-fee income per club",
                baseline: 4680.0,
                result: 2870.0,
                improvement_pct: -38.7,
                unit: "£",
            },
            DemoMetric {
                name: "Three-month retention of new joiners",
                baseline: 71.0,
                result: 69.8,
                improvement_pct: -1.7,
                unit: "%",
            },
            DemoMetric {
                name: "Membership income per club (first 6 months)",
                baseline: 61800.0,
                result: 69900.0,
                improvement_pct: 13.1,
                unit: "£",
            },
        ],
        roi_pct: 210.0,
        roi_value_gbp: 540000,
        roi_timeframe: "one_off",
        payback_months: 6.0,
        methodology_details: r#"We selected 36 clubs that were at least 10 miles from another club in the chain, to limit customers travelling to a cheaper club. They were grouped into **18 matched pairs** on size, local competition and the previous two Januaries' joiners, and one club from each pair was randomly selected to waive the fee.

The analysis compared joiners in treated and control clubs using a **difference-in-differences model with pair fixed effects**, with the previous two years providing the pre-period. Because the number of units was small, we report **randomisation-inference intervals** at a 90% confidence level, agreed with the finance director before launch.

New joiners were then followed for six months to measure retention and income. Fee-free joiners were only slightly less likely to stay, and the extra memberships outweighed both the lost fees and the small drop in retention. The chain waived the fee nationally the following January."#,
        testimonial_text: "Finance and marketing had argued about that joining fee for years. The test settled it in one January, and both sides accepted the answer.",
        testimonial_author: "Marketing Director",
        testimonial_role: "Mid-price gym chain",
        meta_description: "A 36-club geo experiment found waiving the joining fee lifted January gym joiners 15% and raised six-month membership income.",
        meta_keywords: "gym membership, joining fee, geo experiment, fitness marketing, matched pairs",
        featured: false,
        published_days_ago: 367,
        view_count: 1260,
    },
    DemoCaseStudy {
        title: "Boutique fitness studio group keeps 11% more new members to month three with habit-forming onboarding",
        slug: "boutique-fitness-studio-group-keeps-11-pct-more-new-members-to-month-three-with-habit-forming-onboarding",
        summary: "An eleven-studio boutique fitness group tested a structured first-month programme for new members. Three-month retention rose by 11% and first-month class attendance by a third.",
        industry_sic_code: "9313",
        industry_name: "Fitness clubs",
        client_type: "Boutique fitness studio group",
        company_size: "smb",
        challenge: "customer_experience",
        client_size_label: "11 studios",
        client_region: "London",
        business_challenge: r#"More than a third of new members cancelled within their first three months. Exit surveys pointed to the usual reasons: too busy, not seeing results, not feeling comfortable in classes. The studios' business model relied on members staying for at least six months to recover the cost of acquiring them.

The head coach had designed a four-week "first month" programme, with a personal welcome session, a recommended class plan and check-in messages from a named coach. It needed coach time, so the founders wanted proof that it worked before making it standard."#,
        previous_approaches: r#"New members were offered a free personal training session, but only about a third booked it, and those who did were already the most motivated. A welcome email series had been running for two years with no measurement."#,
        stakeholder_concerns: r#"- Coaches had limited time and could not support every new member at once.
- The founders did not want some members to feel they were getting a worse service.
- The result had to be clear enough to justify hiring additional coaches."#,
        success_criteria: r#"- Three-month retention up at least 5% relative
- Coach time per new member under two hours
- A programme the studios can run consistently"#,
        consultant_key: "siobhan",
        methodology: "ab_test",
        duration_days: 120,
        sample_size: 5400,
        confidence_level: 0.9,
        primary_metric: DemoMetric {
            name: "Three-month member retention",
            baseline: 64.0,
            result: 71.0,
            improvement_pct: 10.9,
            unit: "%",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Classes attended in first 30 days",
                baseline: 5.2,
                result: 6.9,
                improvement_pct: 32.7,
                unit: "classes",
            },
            DemoMetric {
                name: "Cancellations within 90 days",
                baseline: 36.0,
                result: 29.0,
                improvement_pct: -19.4,
                unit: "%",
            },
            DemoMetric {
                name: "Coach hours per new member",
                baseline: 1.5,
                result: 1.8,
                improvement_pct: 20.0,
                unit: "hours",
            },
        ],
        roi_pct: 330.0,
        roi_value_gbp: 185000,
        roi_timeframe: "annually",
        payback_months: 4.0,
        methodology_details: r#"New members were randomised individually at sign-up, stratified by studio and membership type, to either the new programme or the existing welcome. Coach capacity limited the programme to half of new joiners, so randomisation was also the **fairest way to ration it**, which reassured the founders.

Retention was measured at 90 days for every member who joined during the eight-week enrolment period, so the test ran for about four months in total. We pre-registered retention as the primary metric and used **logistic regression adjusting for studio and membership type**, with a 90% confidence level agreed in advance given the modest sample.

We also checked for spillover: friends often join together, and members in different arms could attend the same classes. Excluding members who joined on the same day as another member in the opposite arm did not change the result."#,
        testimonial_text: "Siobhan helped us test something we believed in, the honest way. The result justified two new coaches and it is now how every member starts with us.",
        testimonial_author: "Co-founder",
        testimonial_role: "Boutique fitness studio group",
        meta_description: "A randomised test of a habit-forming first-month programme lifted three-month retention 11% for a boutique fitness studio group.",
        meta_keywords: "gym retention, member onboarding, A/B test, fitness studios, churn reduction",
        featured: false,
        published_days_ago: 134,
        view_count: 720,
    },
    DemoCaseStudy {
        title: "Energy supplier lifts fixed-tariff renewals 11% with uplift-modelled outreach",
        slug: "energy-supplier-lifts-fixed-tariff-renewals-11-pct-with-uplift-modelled-outreach",
        summary: "An energy supplier used an uplift model to decide which customers to contact before their fixed tariff ended, and how. A randomised trial with 310,000 accounts showed renewals up 11% at lower contact cost.",
        industry_sic_code: "3514",
        industry_name: "Energy supply",
        client_type: "Energy supplier",
        company_size: "enterprise",
        challenge: "retention",
        client_size_label: "3.4 million customer accounts",
        client_region: "Great Britain",
        business_challenge: r#"When a fixed tariff ends, customers who do nothing roll onto the standard variable tariff, which often leads to complaints, bill shock and eventually switching. The supplier sent every customer the required end-of-tariff notice and then called as many as its outbound team could reach.

The outbound team could call only about one in five customers, prioritised by annual consumption. The retention lead wanted to know whether a smarter choice of who to call, email or text could keep more customers on fixed tariffs."#,
        previous_approaches: r#"The consumption-based call list focused on high-usage households, many of which were already engaged and renewed online without help. A/B tests of email subject lines had produced small, inconsistent gains."#,
        stakeholder_concerns: r#"- Regulatory notices had to go to every customer in the same form; only additional contact could vary.
- Vulnerable customers had to receive appropriate support regardless of the model.
- The contact-centre manager needed stable call volumes to plan staffing."#,
        success_criteria: r#"- Fixed-tariff renewal rate up at least 5% relative
- Fewer customers rolling onto the standard variable tariff
- Complaints not higher"#,
        consultant_key: "siobhan",
        methodology: "ab_test",
        duration_days: 90,
        sample_size: 310000,
        confidence_level: 0.95,
        primary_metric: DemoMetric {
            name: "Fixed-tariff renewal rate",
            baseline: 57.0,
            result: 63.3,
            improvement_pct: 11.1,
            unit: "%",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Customers rolling onto the standard variable tariff",
                baseline: 31.0,
                result: 25.8,
                improvement_pct: -16.8,
                unit: "%",
            },
            DemoMetric {
                name: "Outbound contact cost per renewal",
                baseline: 4.2,
                result: 3.1,
                improvement_pct: -26.2,
                unit: "£",
            },
            DemoMetric {
                name: "Complaints per 10,000 accounts",
                baseline: 8.4,
                result: 8.1,
                improvement_pct: -3.6,
                unit: "complaints",
            },
        ],
        roi_pct: 480.0,
        roi_value_gbp: 7400000,
        roi_timeframe: "annually",
        payback_months: 2.0,
        methodology_details: r#"We built a **multi-treatment uplift model** estimating, for each customer, the effect of a phone call, a personalised email and an SMS reminder on the chance of renewing. Training data came from two years of outreach, including a period when the outbound team's capacity was cut for unrelated reasons, which gave useful variation.

Customers reaching the end of a fixed tariff were randomised by account into two arms of equal contact budget: the existing consumption-based approach and the uplift-based allocation. Customers flagged as vulnerable were excluded from model-based allocation and received priority support in both arms.

The analysis followed a pre-registered plan with renewal within 30 days of tariff end as the primary outcome. Call volumes were kept within the contact centre's planning range by capping daily allocations. The uplift arm renewed more customers with fewer calls, mainly by switching engaged high-usage customers to email."#,
        testimonial_text: "Same team, same budget, thousands more customers on a tariff they chose. Siobhan made sure vulnerable customers were protected throughout.",
        testimonial_author: "Head of Customer Retention",
        testimonial_role: "Energy supplier",
        meta_description: "An uplift-modelled outreach plan, tested in a 310,000-account trial, lifted fixed-tariff renewals 11% for an energy supplier.",
        meta_keywords: "energy retention, uplift modelling, fixed tariff renewals, A/B test, customer outreach",
        featured: false,
        published_days_ago: 88,
        view_count: 1890,
    },
    DemoCaseStudy {
        title: "Challenger energy supplier raises smart-meter bookings 24% with a regional outreach test",
        slug: "challenger-energy-supplier-raises-smart-meter-bookings-24-pct-with-a-regional-outreach-test",
        summary: "A challenger energy supplier compared door-knocking, digital reminders and a mixed approach across 40 postcode areas. The best mix lifted smart-meter installation bookings by 24% at a lower cost per booking.",
        industry_sic_code: "3514",
        industry_name: "Energy supply",
        client_type: "Challenger energy supplier",
        company_size: "mid_market",
        challenge: "customer_experience",
        client_size_label: "640,000 customers",
        client_region: "England, Scotland & Wales",
        business_challenge: r#"The supplier had a regulatory target for smart-meter installations and was falling behind. Most remaining customers had ignored several emails and letters, and installation capacity was being wasted in areas where appointments were not filled.

The operations team was considering a costly door-to-door campaign through a field-marketing agency, while the digital team argued for more targeted reminders. Each channel's effect had to be measured by area, because installers are scheduled regionally."#,
        previous_approaches: r#"Campaigns had been evaluated by counting bookings in the weeks that followed. Because campaigns tended to be run in areas with spare installer capacity, where bookings were already rising, the results were unreliable."#,
        stakeholder_concerns: r#"- Field marketing was expensive and the agency contract required a minimum commitment.
- Missed appointments wasted installer time and needed to fall, not rise.
- The regulator would review the supplier's installation plan."#,
        success_criteria: r#"- Installation bookings per 10,000 customers up at least 10%
- Cost per booking lower than the current channel mix
- Missed-appointment rate not higher"#,
        consultant_key: "mateusz",
        methodology: "geo_experiment",
        duration_days: 70,
        sample_size: 40,
        confidence_level: 0.9,
        primary_metric: DemoMetric {
            name: "Smart-meter bookings per 10,000 customers per week",
            baseline: 31.0,
            result: 38.5,
            improvement_pct: 24.2,
            unit: "bookings/week",
        },
        secondary_metrics: &[
            DemoMetric {
                name: "Cost per installation booked",
                baseline: 42.0,
                result: 33.0,
                improvement_pct: -21.4,
                unit: "£",
            },
            DemoMetric {
                name: "Missed-appointment rate",
                baseline: 12.5,
                result: 10.9,
                improvement_pct: -12.8,
                unit: "%",
            },
            DemoMetric {
                name: "Weekly customer contacts about meters",
                baseline: 2900.0,
                result: 3050.0,
                improvement_pct: 5.2,
                unit: "contacts/week",
            },
        ],
        roi_pct: 180.0,
        roi_value_gbp: 1100000,
        roi_timeframe: "one_off",
        payback_months: 8.0,
        methodology_details: r#"Forty postcode areas with enough installer capacity were stratified by region, urban or rural setting, and historical booking rates, then randomly assigned to four arms of ten: door-to-door, targeted digital reminders, a mix of both, and business as usual. Randomising whole areas matched the way installers are scheduled and avoided one neighbour's conversation influencing another's decision.

We used a **difference-in-differences model with area and week fixed effects**, with eight weeks of pre-period data, and **cluster-robust randomisation inference** to account for the small number of areas per arm. Missed appointments were tracked as a guardrail.

The mixed approach, with digital reminders followed by a door knock only for non-responders, was the clear winner on bookings per pound. Door-to-door alone booked more appointments than digital alone, but at more than twice the cost. The supplier renegotiated its agency contract around the mixed approach."#,
        testimonial_text: "We were about to spend a fortune on door-knocking everywhere. The test showed us how to use it only where it mattered.",
        testimonial_author: "Director of Metering Operations",
        testimonial_role: "Challenger energy supplier",
        meta_description: "A 40-area geo experiment comparing outreach channels lifted smart-meter bookings 24% for a challenger energy supplier at lower cost.",
        meta_keywords: "smart meter installation, geo experiment, energy supplier, field marketing, difference-in-differences",
        featured: false,
        published_days_ago: 683,
        view_count: 380,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet, HashSet};

    const COMPANY_SIZES: [&str; 3] = ["smb", "mid_market", "enterprise"];
    const METHODOLOGIES: [&str; 6] = [
        "ab_test",
        "multivariate",
        "causal_analysis",
        "quasi_experiment",
        "geo_experiment",
        "bandit",
    ];
    const ROI_TIMEFRAMES: [&str; 4] = ["annually", "quarterly", "monthly", "one_off"];
    const CONTACTS: [&str; 3] = ["email", "phone", "calendar"];

    fn consultant(key: &str) -> Option<&'static DemoConsultant> {
        CONSULTANTS.iter().find(|c| c.key == key)
    }

    fn slug_is_valid(slug: &str) -> bool {
        (3..=120).contains(&slug.len())
            && slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !slug.starts_with('-')
            && !slug.ends_with('-')
            && !slug.contains("--")
    }

    fn improvement_matches(metric: &DemoMetric) -> bool {
        if metric.baseline == 0.0 || !metric.baseline.is_finite() || !metric.result.is_finite() {
            return false;
        }
        let actual = (metric.result - metric.baseline) / metric.baseline.abs() * 100.0;
        (actual - metric.improvement_pct).abs() <= 0.5
    }

    fn is_css_hex(colour: &str) -> bool {
        colour.len() == 7
            && colour.starts_with('#')
            && colour[1..].chars().all(|c| c.is_ascii_hexdigit())
    }

    #[test]
    fn there_is_enough_content() {
        assert_eq!(CONSULTANTS.len(), 6, "six consultants");
        assert!(
            CASE_STUDIES.len() >= 24,
            "only {} case studies",
            CASE_STUDIES.len()
        );
        let industries: BTreeSet<_> = CASE_STUDIES.iter().map(|s| s.industry_sic_code).collect();
        assert!(
            industries.len() >= 8,
            "only {} industries: {industries:?}",
            industries.len()
        );
    }

    #[test]
    fn each_sic_code_has_one_industry_name() {
        let mut names: BTreeMap<&str, &str> = BTreeMap::new();
        for study in CASE_STUDIES {
            assert!(
                study.industry_sic_code.len() == 4
                    && study.industry_sic_code.chars().all(|c| c.is_ascii_digit()),
                "{}: SIC code {:?} is not four digits",
                study.slug,
                study.industry_sic_code
            );
            let name = names
                .entry(study.industry_sic_code)
                .or_insert(study.industry_name);
            assert_eq!(
                *name, study.industry_name,
                "{}: SIC {} has two names",
                study.slug, study.industry_sic_code
            );
        }
    }

    #[test]
    fn slugs_are_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for study in CASE_STUDIES {
            assert!(slug_is_valid(study.slug), "invalid slug {:?}", study.slug);
            assert!(seen.insert(study.slug), "duplicate slug {:?}", study.slug);
        }
    }

    #[test]
    fn slug_rules_reject_bad_slugs() {
        for bad in [
            "ab",
            "Upper-case",
            "double--hyphen",
            "-leading",
            "trailing-",
            "space here",
        ] {
            assert!(!slug_is_valid(bad), "{bad:?} should be rejected");
        }
        assert!(!slug_is_valid(&"a".repeat(121)));
        assert!(slug_is_valid("regional-cinema-chain-18-pct"));
    }

    #[test]
    fn consultants_are_well_formed() {
        let mut emails = HashSet::new();
        let mut keys = HashSet::new();
        for c in CONSULTANTS {
            assert!(keys.insert(c.key), "duplicate consultant key {}", c.key);
            assert!(emails.insert(c.email), "duplicate email {}", c.email);
            assert_eq!(
                c.email,
                c.email.to_lowercase(),
                "{}: email must be lowercase",
                c.key
            );
            assert!(
                c.email.ends_with("@causal-edge.example"),
                "{}: {}",
                c.key,
                c.email
            );
            assert!(
                CONTACTS.contains(&c.preferred_contact),
                "{}: preferred_contact {:?}",
                c.key,
                c.preferred_contact
            );
            if c.preferred_contact == "calendar" {
                assert!(
                    c.calendar_url.is_some(),
                    "{}: prefers calendar but has no URL",
                    c.key
                );
            }
            assert!((4..=18).contains(&c.years_experience), "{}: years", c.key);
            assert!(
                (3..=5).contains(&c.specializations.len()),
                "{}: specializations",
                c.key
            );
            assert!(
                !c.primary_industries.is_empty(),
                "{}: no primary industries",
                c.key
            );
            assert!(
                (3.8..=5.0).contains(&c.satisfaction_score),
                "{}: satisfaction",
                c.key
            );
            assert!((0..=100).contains(&c.capacity_pct), "{}: capacity", c.key);
            assert!(c.average_project_roi_pct >= 0.0, "{}: average ROI", c.key);
            assert!(
                c.hourly_rate_gbp > 0 && c.consultation_rate_gbp >= 0,
                "{}: rates",
                c.key
            );
            assert!(
                is_css_hex(c.avatar_colors.0) && is_css_hex(c.avatar_colors.1),
                "{}: avatar colours {:?}",
                c.key,
                c.avatar_colors
            );
            assert!(!c.bio.trim().is_empty(), "{}: empty bio", c.key);
        }
        assert!(
            CONSULTANTS.iter().any(|c| c.available_for_new_clients),
            "somebody must be available"
        );
    }

    #[test]
    fn every_case_study_has_a_consultant_and_every_consultant_has_three() {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for study in CASE_STUDIES {
            let c = consultant(study.consultant_key).unwrap_or_else(|| {
                panic!(
                    "{}: unknown consultant {:?}",
                    study.slug, study.consultant_key
                )
            });
            assert!(
                c.primary_industries.contains(&study.industry_sic_code)
                    || c.secondary_industries.contains(&study.industry_sic_code),
                "{}: industry {} is outside {}'s industries",
                study.slug,
                study.industry_sic_code,
                c.key
            );
            *counts.entry(study.consultant_key).or_default() += 1;
        }
        for c in CONSULTANTS {
            let n = counts.get(c.key).copied().unwrap_or(0);
            assert!(n >= 3, "{} has only {n} case studies", c.key);
            for sic in c.primary_industries.iter().chain(c.secondary_industries) {
                assert!(
                    CASE_STUDIES.iter().any(|s| s.industry_sic_code == *sic),
                    "{}: industry {sic} has no case study",
                    c.key
                );
            }
            for sic in c.primary_industries {
                assert!(
                    CASE_STUDIES
                        .iter()
                        .any(|s| s.consultant_key == c.key && s.industry_sic_code == *sic),
                    "{}: no own case study in primary industry {sic}",
                    c.key
                );
            }
        }
    }

    #[test]
    fn enumerated_fields_use_allowed_values() {
        for study in CASE_STUDIES {
            assert!(
                COMPANY_SIZES.contains(&study.company_size),
                "{}: company_size {:?}",
                study.slug,
                study.company_size
            );
            assert!(
                METHODOLOGIES.contains(&study.methodology),
                "{}: methodology {:?}",
                study.slug,
                study.methodology
            );
            assert!(
                ROI_TIMEFRAMES.contains(&study.roi_timeframe),
                "{}: roi_timeframe {:?}",
                study.slug,
                study.roi_timeframe
            );
        }
        for methodology in METHODOLOGIES {
            assert!(
                CASE_STUDIES.iter().any(|s| s.methodology == methodology),
                "no case study uses {methodology}"
            );
        }
        for size in COMPANY_SIZES {
            assert!(
                CASE_STUDIES.iter().any(|s| s.company_size == size),
                "no case study for {size}"
            );
        }
    }

    #[test]
    fn numbers_are_plausible() {
        for study in CASE_STUDIES {
            let slug = study.slug;
            assert!(
                (0.80..=0.99).contains(&study.confidence_level),
                "{slug}: confidence {}",
                study.confidence_level
            );
            assert!(study.roi_pct >= 0.0, "{slug}: negative ROI");
            assert!(study.roi_value_gbp >= 0, "{slug}: negative ROI value");
            assert!(
                (14..=180).contains(&study.duration_days),
                "{slug}: duration"
            );
            assert!(study.sample_size > 0, "{slug}: sample size");
            assert!(
                (1.0..=18.0).contains(&study.payback_months),
                "{slug}: payback"
            );
            assert!(
                (2..=4).contains(&study.secondary_metrics.len()),
                "{slug}: {} secondary metrics",
                study.secondary_metrics.len()
            );
            let roi_band = match study.company_size {
                "smb" => 40_000..=400_000,
                "mid_market" => 250_000..=3_000_000,
                _ => 1_000_000..=25_000_000,
            };
            assert!(
                roi_band.contains(&study.roi_value_gbp),
                "{slug}: £{} is implausible for {}",
                study.roi_value_gbp,
                study.company_size
            );
            assert!(
                (3..=700).contains(&study.published_days_ago),
                "{slug}: published"
            );
            assert!(study.view_count >= 0, "{slug}: views");
        }
    }

    #[test]
    fn improvements_match_baselines_and_results() {
        for study in CASE_STUDIES {
            for metric in std::iter::once(&study.primary_metric).chain(study.secondary_metrics) {
                let actual = (metric.result - metric.baseline) / metric.baseline.abs() * 100.0;
                assert!(
                    improvement_matches(metric),
                    "{}: {:?} states {}% but {} -> {} is {actual:.2}%",
                    study.slug,
                    metric.name,
                    metric.improvement_pct,
                    metric.baseline,
                    metric.result
                );
            }
        }
    }

    #[test]
    fn improvement_check_can_fail() {
        let wrong = DemoMetric {
            name: "Conversion",
            baseline: 3.2,
            result: 4.0,
            improvement_pct: 30.0,
            unit: "%",
        };
        assert!(!improvement_matches(&wrong));
        let right = DemoMetric {
            improvement_pct: 25.0,
            ..wrong
        };
        assert!(improvement_matches(&right));
        let zero = DemoMetric {
            baseline: 0.0,
            ..right
        };
        assert!(!improvement_matches(&zero));
    }

    #[test]
    fn texts_are_present_and_meta_fits() {
        let featured = CASE_STUDIES.iter().filter(|s| s.featured).count();
        assert!(
            (6..=8).contains(&featured),
            "{featured} featured case studies"
        );
        for study in CASE_STUDIES {
            let slug = study.slug;
            assert!(
                study.meta_description.chars().count() <= 160,
                "{slug}: meta description is {} characters",
                study.meta_description.chars().count()
            );
            assert!(
                (3..=200).contains(&study.title.chars().count()),
                "{slug}: title length"
            );
            for (field, text) in [
                ("summary", study.summary),
                ("business_challenge", study.business_challenge),
                ("previous_approaches", study.previous_approaches),
                ("stakeholder_concerns", study.stakeholder_concerns),
                ("success_criteria", study.success_criteria),
                ("methodology_details", study.methodology_details),
                ("testimonial_text", study.testimonial_text),
                ("testimonial_author", study.testimonial_author),
                ("meta_description", study.meta_description),
                ("meta_keywords", study.meta_keywords),
            ] {
                assert!(!text.trim().is_empty(), "{slug}: empty {field}");
            }
            assert!(
                study.summary.chars().count() <= 1000,
                "{slug}: summary too long"
            );
        }
    }
}
