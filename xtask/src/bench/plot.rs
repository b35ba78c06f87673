//! The report's plots, drawn as SVG with `plotters`: the start-up and spawn latency
//! distributions, memory against the number of concurrent programs, and preload time,
//! spawn latency and fork cost against preload size.

use std::path::Path;

use anyhow::{Result, anyhow};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::fork::Scale;
use super::memory::Memory;

const SIZE: (u32, u32) = (860, 520);

fn err(e: impl std::fmt::Display) -> anyhow::Error {
    anyhow!("plot: {e}")
}

/// An axis label without trailing zeros: `2`, `0.25`, `150`.
fn compact(v: f64) -> String {
    if v.abs() >= 10.0 {
        return format!("{v:.0}");
    }
    let text = format!("{v:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// One named line of points.
struct Line {
    label: String,
    points: Vec<(f64, f64)>,
}

/// Draws `lines` on `area` with a legend; `log_x` puts x on a logarithmic scale.
fn chart(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    title: &str,
    x_desc: &str,
    y_desc: &str,
    log_x: bool,
    lines: &[Line],
) -> Result<()> {
    let xs = lines.iter().flat_map(|l| l.points.iter().map(|p| p.0));
    let ys = lines.iter().flat_map(|l| l.points.iter().map(|p| p.1));
    let x_max = xs.clone().fold(f64::MIN, f64::max).max(1e-3) * 1.15;
    let x_min = xs.fold(f64::MAX, f64::min);
    let y_max = ys.fold(0.0, f64::max).max(1e-3) * 1.15;
    let mut builder = ChartBuilder::on(area);
    builder
        .caption(title, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(60);
    // The two coordinate types differ, so each branch draws on its own chart.
    macro_rules! draw {
        ($chart:expr) => {{
            let mut chart = $chart;
            chart
                .configure_mesh()
                .x_desc(x_desc)
                .y_desc(y_desc)
                .x_label_formatter(&|v: &f64| compact(*v))
                .y_label_formatter(&|v: &f64| compact(*v))
                .draw()
                .map_err(err)?;
            for (i, line) in lines.iter().enumerate() {
                let color = Palette99::pick(i).to_rgba();
                chart
                    .draw_series(LineSeries::new(
                        line.points.iter().copied(),
                        color.stroke_width(2),
                    ))
                    .map_err(err)?
                    .label(line.label.as_str())
                    .legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2))
                    });
                chart
                    .draw_series(
                        line.points
                            .iter()
                            .map(|&p| Circle::new(p, 3, color.filled())),
                    )
                    .map_err(err)?;
            }
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperLeft)
                .background_style(WHITE.mix(0.85))
                .border_style(BLACK)
                .draw()
                .map_err(err)?;
        }};
    }
    if log_x {
        let low = (x_min * 0.8).max(1e-3);
        // Labels at 1, 2 and 5 times each power of ten: the default ones crowd together.
        let mut ticks = Vec::new();
        let mut decade = 10f64.powi(low.log10().floor() as i32);
        while decade <= x_max {
            ticks.extend(
                [decade, 2.0 * decade, 5.0 * decade]
                    .iter()
                    .filter(|t| (low..=x_max).contains(*t)),
            );
            decade *= 10.0;
        }
        draw!(
            builder
                .build_cartesian_2d((low..x_max).log_scale().with_key_points(ticks), 0.0..y_max)
                .map_err(err)?
        );
    } else {
        draw!(
            builder
                .build_cartesian_2d(0.0..x_max, 0.0..y_max)
                .map_err(err)?
        );
    }
    Ok(())
}

/// A cumulative distribution of `series` (ms samples per command): `startup.svg` and
/// `spawn.svg`.
pub fn distribution(path: &Path, title: &str, series: &[(String, Vec<f64>)]) -> Result<()> {
    let lines: Vec<Line> = series
        .iter()
        .map(|(label, samples)| {
            let mut sorted = samples.clone();
            sorted.sort_by(f64::total_cmp);
            let n = sorted.len() as f64;
            Line {
                label: label.clone(),
                points: sorted
                    .iter()
                    .enumerate()
                    .map(|(i, &v)| (v, (i + 1) as f64 / n))
                    .collect(),
            }
        })
        .collect();
    let area = SVGBackend::new(path, SIZE).into_drawing_area();
    area.fill(&WHITE).map_err(err)?;
    chart(
        &area,
        title,
        "ms (log scale)",
        "fraction of runs",
        true,
        &lines,
    )?;
    area.present().map_err(err)
}

/// `memory.svg`: per-process PSS and Private_Dirty against the number of programs.
pub fn memory(path: &Path, memory: &Memory) -> Result<()> {
    let mut lines = Vec::new();
    for (runtime, points) in [("HotSpot", &memory.hotspot), ("jfork", &memory.jfork)] {
        if points.is_empty() {
            continue;
        }
        lines.push(Line {
            label: format!("{runtime} PSS per process"),
            points: points
                .iter()
                .map(|p| (p.count as f64, p.pss_mib.median))
                .collect(),
        });
        lines.push(Line {
            label: format!("{runtime} Private_Dirty per process"),
            points: points
                .iter()
                .map(|p| (p.count as f64, p.private_dirty_mib.median))
                .collect(),
        });
    }
    let area = SVGBackend::new(path, SIZE).into_drawing_area();
    area.fill(&WHITE).map_err(err)?;
    chart(
        &area,
        "Memory per process with N concurrent sleeping programs",
        "N concurrent programs (log scale)",
        "MiB per process (median)",
        true,
        &lines,
    )?;
    area.present().map_err(err)
}

/// `scale.svg`: preload wall time (top), `jfork run` launch → main (middle) and the fork
/// floor (bottom) against classes preloaded.
pub fn scale(path: &Path, scale: &Scale) -> Result<()> {
    let panel = SIZE.1 - 40;
    let root = SVGBackend::new(path, (SIZE.0, panel * 3)).into_drawing_area();
    root.fill(&WHITE).map_err(err)?;
    let (top, rest) = root.split_vertically(panel);
    let (middle, bottom) = rest.split_vertically(panel);
    let preload = [Line {
        label: "jfork preload wall (median)".to_string(),
        points: scale
            .points
            .iter()
            .map(|p| (p.classes as f64, p.preload_ms))
            .collect(),
    }];
    chart(
        &top,
        "Preload time against preload size",
        "classes loaded",
        "ms",
        false,
        &preload,
    )?;
    let run = [Line {
        label: "jfork run Stamp, launch → main (median)".to_string(),
        points: scale
            .points
            .iter()
            .filter_map(|p| Some((p.classes as f64, p.run_to_main_ms?)))
            .collect(),
    }];
    chart(
        &middle,
        "Spawn latency through a master against preload size",
        "classes preloaded",
        "ms",
        false,
        &run,
    )?;
    let floor = |label: &str, pick: fn(&super::fork::ScalePoint) -> Option<f64>| Line {
        label: label.to_string(),
        points: scale
            .points
            .iter()
            .filter_map(|p| Some((p.classes as f64, pick(p)?)))
            .collect(),
    };
    let floors = [
        floor("bare fork floor, plain heap", |p| p.floor_plain_ms),
        floor("bare fork floor, huge-page arena", |p| p.floor_arena_ms),
    ];
    chart(
        &bottom,
        "fork→child floor for a parent of the master's size",
        "classes loaded",
        "ms (median)",
        false,
        &floors,
    )?;
    root.present().map_err(err)
}
