//! Result charts drawn on the server with plotters as inline SVG: no chart
//! library in the browser, and they render without JavaScript. Each SVG gets
//! a `<title>` and scales to its container (readable on phones).

use crate::domain::showcase::SecondaryMetric;

// Charts are drawn only by server-rendered pages; the browser build gets
// these empty versions so the pages compile there without plotters.
#[cfg(not(feature = "ssr"))]
pub fn baseline_vs_result(_title: &str, _unit: &str, _baseline: f64, _result: f64) -> String {
    String::new()
}

#[cfg(not(feature = "ssr"))]
pub fn cumulative_rates(
    _title: &str,
    _days: &[String],
    _series: &[(String, Vec<(u32, f64)>)],
) -> String {
    String::new()
}

#[cfg(not(feature = "ssr"))]
pub fn secondary_changes(_title: &str, _metrics: &[SecondaryMetric]) -> String {
    String::new()
}

#[cfg(feature = "ssr")]
const INK: (u8, u8, u8) = (15, 61, 62);
#[cfg(feature = "ssr")]
const MUTED: (u8, u8, u8) = (148, 163, 162);
#[cfg(feature = "ssr")]
const ACCENT: (u8, u8, u8) = (201, 122, 20);

/// A two-bar chart: the primary metric's baseline and result.
#[cfg(feature = "ssr")]
pub fn baseline_vs_result(title: &str, unit: &str, baseline: f64, result: f64) -> String {
    // Drawn small with large type, so the labels stay legible when the SVG is
    // scaled down to a phone's width.
    draw(title, 480, 300, |root| {
        use plotters::prelude::*;
        let labels = ["Baseline", "Result"];
        let values = [
            (baseline, RGBColor(MUTED.0, MUTED.1, MUTED.2)),
            (result, RGBColor(INK.0, INK.1, INK.2)),
        ];
        let top = baseline.max(result).max(f64::MIN_POSITIVE) * 1.2;
        let bottom = baseline.min(result).min(0.0) * 1.2;
        let mut chart = ChartBuilder::on(root)
            .margin(18)
            .x_label_area_size(40)
            .y_label_area_size(96)
            // A segmented range includes its end: 0..1 gives exactly two slots.
            .build_cartesian_2d((0u32..1u32).into_segmented(), bottom..top)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => {
                    labels.get(*i as usize).copied().unwrap_or("").to_string()
                }
                _ => String::new(),
            })
            .y_label_formatter(&|v| format_value(*v, unit))
            .y_labels(6)
            .label_style(
                ("sans-serif", 19)
                    .into_font()
                    .color(&RGBColor(INK.0, INK.1, INK.2)),
            )
            .light_line_style(RGBColor(230, 236, 236))
            .bold_line_style(RGBColor(214, 222, 222))
            .axis_style(RGBColor(120, 135, 134))
            .draw()
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(values.iter().enumerate().map(|(i, (value, color))| {
                let i = i as u32;
                let mut bar = Rectangle::new(
                    [
                        (SegmentValue::Exact(i), 0.0),
                        (SegmentValue::Exact(i + 1), *value),
                    ],
                    color.filled(),
                );
                bar.set_margin(0, 0, 40, 40);
                bar
            }))
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(values.iter().enumerate().map(|(i, (value, _))| {
                Text::new(
                    format_value(*value, unit),
                    (
                        SegmentValue::CenterOf(i as u32),
                        *value + (top - bottom) * 0.06,
                    ),
                    ("sans-serif", 18)
                        .into_font()
                        .color(&RGBColor(INK.0, INK.1, INK.2))
                        .pos(plotters::style::text_anchor::Pos::new(
                            plotters::style::text_anchor::HPos::Center,
                            plotters::style::text_anchor::VPos::Center,
                        )),
                )
            }))
            .map_err(|e| e.to_string())?;
        Ok(())
    })
}

/// Horizontal bars: the relative change of each secondary metric, in percent.
#[cfg(feature = "ssr")]
pub fn secondary_changes(title: &str, metrics: &[SecondaryMetric]) -> String {
    let rows = metrics.len().max(1) as u32;
    let height = 64 + rows * 50;
    let longest = metrics
        .iter()
        .map(|m| m.name.chars().count())
        .max()
        .unwrap_or(8) as u32;
    let label_width = (longest * 10 + 24).clamp(100, 240);
    draw(title, 520, height, |root| {
        use plotters::prelude::*;
        let extent = metrics
            .iter()
            .map(|m| m.improvement_percentage.abs())
            .fold(10.0_f64, f64::max)
            * 1.3;
        let has_negative = metrics.iter().any(|m| m.improvement_percentage < 0.0);
        let left = if has_negative { -extent } else { 0.0 };
        // A continuous row axis (row i spans i..i+1, the first metric on
        // top) with the names drawn beside it: a segmented axis of one row
        // is degenerate and drew a bar of negative height.
        let mut chart = ChartBuilder::on(root)
            .margin(18)
            .x_label_area_size(36)
            .y_label_area_size(label_width)
            .build_cartesian_2d(left..extent, 0f64..rows as f64)
            .map_err(|e| e.to_string())?;
        let ink = RGBColor(INK.0, INK.1, INK.2);
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_label_formatter(&|_| String::new())
            .x_label_formatter(&|v| format!("{v:+.0}%"))
            .x_labels(6)
            .label_style(("sans-serif", 15).into_font().color(&ink))
            .light_line_style(RGBColor(230, 236, 236))
            .bold_line_style(RGBColor(214, 222, 222))
            .axis_style(RGBColor(120, 135, 134))
            .draw()
            .map_err(|e| e.to_string())?;
        let centre = |index: usize| rows as f64 - index as f64 - 0.5;
        chart
            .draw_series(metrics.iter().enumerate().map(|(index, metric)| {
                let color = if metric.improvement_percentage >= 0.0 {
                    ink
                } else {
                    RGBColor(ACCENT.0, ACCENT.1, ACCENT.2)
                };
                let middle = centre(index);
                Rectangle::new(
                    [
                        (0.0, middle - 0.3),
                        (metric.improvement_percentage, middle + 0.3),
                    ],
                    color.filled(),
                )
            }))
            .map_err(|e| e.to_string())?;
        let name_style =
            ("sans-serif", 15)
                .into_font()
                .color(&ink)
                .pos(plotters::style::text_anchor::Pos::new(
                    plotters::style::text_anchor::HPos::Right,
                    plotters::style::text_anchor::VPos::Center,
                ));
        for (index, metric) in metrics.iter().enumerate() {
            let (x, y) = chart.backend_coord(&(left, centre(index)));
            root.draw(&Text::new(
                metric.name.clone(),
                (x - 10, y),
                name_style.clone(),
            ))
            .map_err(|e| e.to_string())?;
        }
        Ok(())
    })
}

/// Horizontal bars of counts, one row per (label, count), in the given order.
#[cfg(feature = "ssr")]
pub fn count_bars(title: &str, rows: &[(String, i64)]) -> String {
    // At least two slots: plotters cannot draw a one-value segmented axis.
    let n = rows.len().max(2) as u32;
    let height = 56 + n * 40;
    let longest = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(6) as u32;
    let label_width = (longest * 11 + 24).clamp(90, 260);
    // Whole-number ticks only: a count axis up to 2 must not read "0 0 1 2 2".
    let most = rows.iter().map(|(_, c)| *c).max().unwrap_or(0).max(1);
    let top = most + (most / 8).max(1);
    draw(title, 440, height, |root| {
        use plotters::prelude::*;
        let mut chart = ChartBuilder::on(root)
            .margin(14)
            .x_label_area_size(30)
            .y_label_area_size(label_width)
            .build_cartesian_2d(0i64..top, (0u32..n - 1).into_segmented())
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => (n - 1)
                    .checked_sub(*i)
                    .and_then(|index| rows.get(index as usize))
                    .map(|(label, count)| format!("{label} ({count})"))
                    .unwrap_or_default(),
                _ => String::new(),
            })
            .x_label_formatter(&|v| format!("{v}"))
            .x_labels((top as usize + 1).min(6))
            .label_style(
                ("sans-serif", 16)
                    .into_font()
                    .color(&RGBColor(INK.0, INK.1, INK.2)),
            )
            .light_line_style(RGBColor(230, 236, 236))
            .bold_line_style(RGBColor(214, 222, 222))
            .axis_style(RGBColor(120, 135, 134))
            .draw()
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(rows.iter().enumerate().map(|(index, (_, count))| {
                let row = n - 1 - index as u32;
                let mut bar = Rectangle::new(
                    [
                        (0, SegmentValue::Exact(row)),
                        (*count, SegmentValue::Exact(row + 1)),
                    ],
                    RGBColor(INK.0, INK.1, INK.2).filled(),
                );
                bar.set_margin(10, 10, 0, 0);
                bar
            }))
            .map_err(|e| e.to_string())?;
        Ok(())
    })
}

/// Renders with `paint` into an SVG string, then makes it responsive and titled.
#[cfg(feature = "ssr")]
fn draw(
    title: &str,
    width: u32,
    height: u32,
    paint: impl FnOnce(
        &plotters::drawing::DrawingArea<plotters::prelude::SVGBackend, plotters::coord::Shift>,
    ) -> Result<(), String>,
) -> String {
    use plotters::prelude::*;
    let mut svg = String::new();
    let outcome = {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE)
            .map_err(|e| e.to_string())
            .and_then(|_| paint(&root))
            .and_then(|_| root.present().map_err(|e| e.to_string()))
    };
    if let Err(error) = outcome {
        tracing::error!(%error, "chart could not be drawn");
        return String::new();
    }
    make_responsive(&svg, title, width, height)
}

/// Replaces the fixed size with a viewBox-only SVG that fills its container,
/// and adds an accessible title.
#[cfg(feature = "ssr")]
fn make_responsive(svg: &str, title: &str, width: u32, height: u32) -> String {
    let fixed = format!(r#"width="{width}" height="{height}" viewBox="0 0 {width} {height}""#);
    let responsive = format!(
        r#"viewBox="0 0 {width} {height}" class="chart__svg" role="img" preserveAspectRatio="xMidYMid meet""#
    );
    let svg = svg.replacen(&fixed, &responsive, 1);
    match svg.find('>') {
        Some(end) => format!(
            "{}<title>{}</title>{}",
            &svg[..=end],
            escape(title),
            &svg[end + 1..]
        ),
        None => svg,
    }
}

#[cfg(feature = "ssr")]
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A metric value with its unit: `£42.50`, `3.2%`, `12.5 min`.
pub fn format_value(value: f64, unit: &str) -> String {
    let number = if value.abs() >= 1000.0 {
        crate::domain::lift::group_thousands(value)
    } else if value.fract().abs() < 1e-9 {
        format!("{value:.0}")
    } else {
        format!("{value:.2}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    };
    match unit {
        "" => number,
        "£" | "$" | "€" => format!("{unit}{number}"),
        "%" => format!("{number}%"),
        other => format!("{number} {other}"),
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn cumulative_rates_draw_a_line_per_arm_with_its_name() {
        let days = vec!["12-01".to_string(), "12-02".to_string()];
        let svg = cumulative_rates(
            "Cumulative conversion rate by day",
            &days,
            &[
                ("Control".to_string(), vec![(0, 2.0), (1, 2.5)]),
                ("Variant B".to_string(), vec![(0, 3.0), (1, 3.1)]),
            ],
        );
        assert!(
            svg.contains("<title>Cumulative conversion rate by day</title>"),
            "{svg}"
        );
        assert!(
            svg.contains("Control") && svg.contains("Variant B"),
            "{svg}"
        );
        assert!(svg.contains("12-02"), "{svg}");
        assert!(svg.matches("<polyline").count() >= 2, "{svg}");
    }

    #[test]
    fn count_bars_label_every_row_even_a_single_one() {
        let one = count_bars("Leads by source", &[("ROI calculator".to_string(), 3)]);
        assert!(one.contains("ROI calculator (3)"), "{one}");
        assert!(
            one.matches("<rect").count() >= 2,
            "a bar besides the background"
        );
        let three = count_bars(
            "Leads by tier",
            &[
                ("Tier 1".into(), 0),
                ("Tier 2".into(), 5),
                ("Tier 3".into(), 2),
            ],
        );
        for label in ["Tier 1 (0)", "Tier 2 (5)", "Tier 3 (2)"] {
            assert!(three.contains(label), "{label}");
        }
    }

    #[test]
    fn primary_chart_is_a_titled_responsive_svg_with_both_values() {
        let svg = baseline_vs_result("Conversion rate <before & after>", "%", 2.4, 3.1);
        assert!(svg.starts_with("<svg"), "{}", &svg[..80.min(svg.len())]);
        assert!(svg.contains("<title>Conversion rate &lt;before &amp; after&gt;</title>"));
        assert!(svg.contains(r#"viewBox="0 0 480 300""#));
        let start_tag = &svg[..svg.find('>').unwrap()];
        assert!(
            !start_tag.contains("width="),
            "scales to its container: {start_tag}"
        );
        assert!(
            svg.contains("2.4%") && svg.contains("3.1%"),
            "value labels drawn"
        );
        assert!(svg.contains("Baseline") && svg.contains("Result"));
    }

    #[test]
    fn secondary_chart_names_every_metric() {
        let metrics = vec![
            SecondaryMetric {
                name: "Basket size".into(),
                baseline: 40.0,
                result: 44.0,
                improvement_percentage: 10.0,
                unit: Some("£".into()),
            },
            SecondaryMetric {
                name: "Churn".into(),
                baseline: 5.0,
                result: 4.0,
                improvement_percentage: -20.0,
                unit: Some("%".into()),
            },
        ];
        let svg = secondary_changes("Secondary metrics", &metrics);
        assert!(svg.contains("Basket size") && svg.contains("Churn"));
        assert!(
            svg.matches("<rect").count() >= 3,
            "background plus two bars"
        );
    }

    /// Every bar has a positive size, however many metrics there are (one
    /// metric once drew a bar of negative height, which browsers reject).
    #[test]
    fn no_rectangle_has_a_negative_size() {
        for count in 1..=4 {
            let metrics: Vec<SecondaryMetric> = (0..count)
                .map(|i| SecondaryMetric {
                    name: format!("Metric {i}"),
                    baseline: 100.0,
                    result: 80.0,
                    improvement_percentage: -20.0,
                    unit: None,
                })
                .collect();
            let svg = secondary_changes("Secondary metrics", &metrics);
            assert!(!svg.is_empty());
            assert!(
                !svg.contains("height=\"-") && !svg.contains("width=\"-"),
                "{count} metric(s): {svg}"
            );
            assert_eq!(
                svg.matches("<rect").count(),
                count + 1,
                "background plus the bars"
            );
        }
    }

    #[test]
    fn values_are_formatted_with_units() {
        assert_eq!(format_value(42.5, "£"), "£42.5");
        assert_eq!(format_value(3.0, "%"), "3%");
        assert_eq!(
            format_value(12500.0, "bookings/week"),
            "12,500 bookings/week"
        );
        assert_eq!(format_value(0.126, ""), "0.13");
    }
}

/// Lines of each arm's cumulative conversion rate (percent) by day: one
/// series per arm as (name, points of (day index from the start, rate)).
/// Shows whether an early lead held or faded as the data came in.
#[cfg(feature = "ssr")]
pub fn cumulative_rates(
    title: &str,
    days: &[String],
    series: &[(String, Vec<(u32, f64)>)],
) -> String {
    let last_day = days.len().saturating_sub(1).max(1) as u32;
    let top = series
        .iter()
        .flat_map(|(_, points)| points.iter().map(|(_, rate)| *rate))
        .fold(0.0f64, f64::max)
        .max(0.5)
        * 1.15;
    const PALETTE: [(u8, u8, u8); 4] = [MUTED, INK, ACCENT, (20, 90, 88)];
    draw(title, 640, 320, |root| {
        use plotters::prelude::*;
        let mut chart = ChartBuilder::on(root)
            .margin(16)
            .x_label_area_size(36)
            .y_label_area_size(64)
            .build_cartesian_2d(0u32..last_day, 0f64..top)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(days.len().clamp(2, 7))
            .x_label_formatter(&|d| days.get(*d as usize).cloned().unwrap_or_default())
            .y_label_formatter(&|v| format!("{v:.1}%"))
            .y_labels(6)
            .label_style(
                ("sans-serif", 15)
                    .into_font()
                    .color(&RGBColor(INK.0, INK.1, INK.2)),
            )
            .light_line_style(RGBColor(230, 236, 236))
            .bold_line_style(RGBColor(214, 222, 222))
            .axis_style(RGBColor(120, 135, 134))
            .draw()
            .map_err(|e| e.to_string())?;
        for (i, (name, points)) in series.iter().enumerate() {
            let (r, g, b) = PALETTE[i % PALETTE.len()];
            let colour = RGBColor(r, g, b);
            chart
                .draw_series(
                    LineSeries::new(points.iter().copied(), colour.stroke_width(3)).point_size(4),
                )
                .map_err(|e| e.to_string())?
                .label(name.clone())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(3))
                });
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.9))
            .border_style(RGBColor(214, 222, 222))
            .label_font(
                ("sans-serif", 15)
                    .into_font()
                    .color(&RGBColor(INK.0, INK.1, INK.2)),
            )
            .draw()
            .map_err(|e| e.to_string())?;
        Ok(())
    })
}
