//! A small hand-written SVG plot module: scatter plots (XY plots of set relations,
//! calibration plots) and one-line strip plots.
//!
//! Output is deterministic: every coordinate is printed with two decimals and every value
//! in a tooltip with three, so a report renders byte for byte the same on every machine.
//! Every plot is accessible: `role="img"`, an `aria-label` and a `<title>` element, and
//! every point carries its own `<title>` (name and values). Styling uses presentation
//! attributes only, so a plot stays readable when copied out of the report.

use std::fmt::Write;

use crate::html::{escape, f3};

pub(crate) const POINT: &str = "#1f5f8b";
pub(crate) const HIGHLIGHT: &str = "#d95f02";
pub(crate) const GUIDE: &str = "#9a9a9a";
pub(crate) const AXIS: &str = "#333";
pub(crate) const FONT: &str = r#"font-family="sans-serif""#;

/// A plot coordinate with two decimals; never `-0.00`.
pub fn num(x: f64) -> String {
    crate::html::fixed(x, 2)
}

/// One axis: its label, its range and where the tick marks go.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// Axis title.
    pub label: String,
    /// Smallest value shown.
    pub min: f64,
    /// Largest value shown.
    pub max: f64,
    /// Tick positions (within `min..=max`).
    pub ticks: Vec<f64>,
    /// Decimals of the tick labels.
    pub tick_decimals: usize,
}

impl Axis {
    /// The membership axis 0..1 with ticks every 0.25.
    pub fn membership(label: &str) -> Axis {
        Axis {
            label: label.to_string(),
            min: 0.0,
            max: 1.0,
            ticks: vec![0.0, 0.25, 0.5, 0.75, 1.0],
            tick_decimals: 2,
        }
    }

    /// An axis that spans `values` (non-finite values ignored) with about five "nice" ticks
    /// (steps of 1, 2, 2.5 or 5 times a power of ten) and a little padding.
    pub fn spanning(label: &str, values: &[f64]) -> Axis {
        let finite = values.iter().copied().filter(|v| v.is_finite());
        let (lo, hi) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        let (lo, hi) = if !lo.is_finite() {
            (0.0, 1.0)
        } else if hi - lo < 1e-12 {
            (lo - 1.0, hi + 1.0)
        } else {
            (lo, hi)
        };
        let (ticks, step) = nice_ticks(lo, hi, 5);
        let pad = (hi - lo) * 0.05;
        let decimals = if step >= 1.0 {
            0
        } else {
            // 0.25 needs two decimals, 0.5 one, 0.02 two.
            let mut d = 0;
            while d < 10 && ((step * 10f64.powi(d)).round() - step * 10f64.powi(d)).abs() > 1e-9 {
                d += 1;
            }
            d as usize
        };
        Axis {
            label: label.to_string(),
            min: lo - pad,
            max: hi + pad,
            ticks,
            tick_decimals: decimals,
        }
    }

    /// Maps a value onto `from..from + length` px.
    pub(crate) fn scale(&self, v: f64, from: f64, length: f64) -> f64 {
        let span = self.max - self.min;
        if span.abs() < 1e-300 {
            return from + length / 2.0;
        }
        from + (v - self.min) / span * length
    }
}

/// Ticks at multiples of a step of 1, 2, 2.5 or 5 × 10^k covering `lo..=hi`, and the step.
pub fn nice_ticks(lo: f64, hi: f64, target: usize) -> (Vec<f64>, f64) {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo || target < 2 {
        return (vec![lo], 1.0);
    }
    let raw = (hi - lo) / (target - 1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let f = raw / magnitude;
    let step = magnitude
        * if f <= 1.0 {
            1.0
        } else if f <= 2.0 {
            2.0
        } else if f <= 2.5 {
            2.5
        } else if f <= 5.0 {
            5.0
        } else {
            10.0
        };
    let first = (lo / step).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    let ticks = (first..=last).map(|k| k as f64 * step).collect();
    (ticks, step)
}

/// One data point.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// Horizontal value.
    pub x: f64,
    /// Vertical value.
    pub y: f64,
    /// Name shown in the tooltip (and next to the point when labels are on).
    pub label: String,
    /// Drawn larger and in the highlight colour.
    pub highlight: bool,
}

/// A reference line at a value, with an optional label.
#[derive(Clone, Debug, PartialEq)]
pub struct Guide {
    /// Position on the axis.
    pub at: f64,
    /// Text next to the line (may be empty).
    pub label: String,
}

/// A scatter plot.
#[derive(Clone, Debug, PartialEq)]
pub struct Scatter {
    /// The plot's accessible title (`<title>`).
    pub title: String,
    /// A one-sentence description for screen readers (`aria-label`).
    pub aria_label: String,
    /// Width in px.
    pub width: f64,
    /// Height in px.
    pub height: f64,
    /// Horizontal axis.
    pub x: Axis,
    /// Vertical axis.
    pub y: Axis,
    /// The points, drawn in this order (highlighted points on top).
    pub points: Vec<Point>,
    /// Draw the line y = x.
    pub diagonal: bool,
    /// Vertical reference lines.
    pub x_guides: Vec<Guide>,
    /// Horizontal reference lines.
    pub y_guides: Vec<Guide>,
    /// Write each point's label next to it.
    pub point_labels: bool,
}

const LEFT: f64 = 58.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 48.0;

/// Font size of tick labels.
pub(crate) const TICK_FONT: f64 = 12.0;
/// Font size of axis titles.
pub(crate) const AXIS_FONT: f64 = 13.0;
/// Font size of the labels next to points.
pub const POINT_LABEL_FONT: f64 = 11.0;

/// Width of an XY plot in px (and its height): readable on screen and on A4, and shrunk by
/// the stylesheet (`max-width: 100%`) on narrow screens.
pub const XY_SIZE: f64 = 520.0;

/// The estimated width of a text in px: 0.6 em per character, a little more than the
/// average of a sans-serif font, so that estimated boxes do not underestimate.
pub fn label_width(text: &str, font_size: f64) -> f64 {
    text.chars().count() as f64 * font_size * 0.6
}

/// A rectangle: left, top, right, bottom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub left: f64,
    /// Top edge.
    pub top: f64,
    /// Right edge.
    pub right: f64,
    /// Bottom edge.
    pub bottom: f64,
}

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
        self.left < o.right && o.left < self.right && self.top < o.bottom && o.top < self.bottom
    }

    fn inside(&self, o: &Rect) -> bool {
        self.left >= o.left && self.right <= o.right && self.top >= o.top && self.bottom <= o.bottom
    }
}

/// A point label placed by [`place_labels`]: the index of its point, where its text starts
/// (`x`, baseline `y`), its anchor (`start` or `end`) and the box it takes.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedLabel {
    /// Index of the point.
    pub point: usize,
    /// Horizontal position of the anchor.
    pub x: f64,
    /// Baseline.
    pub y: f64,
    /// `start` (text to the right of x) or `end` (text to the left).
    pub anchor: &'static str,
    /// The box the text takes.
    pub rect: Rect,
}

/// Places a label next to each point (given in px) where it fits: inside `area`, not over
/// another label and not over another point. Tried positions: right above, right below,
/// left above, left below. Points with few neighbours are labelled first, so that a cluster
/// costs as few labels as possible; a point whose label fits nowhere gets none (its tooltip
/// still names it). Deterministic.
pub fn place_labels(points: &[(f64, f64, &str)], area: Rect, font_size: f64) -> Vec<PlacedLabel> {
    place_labels_avoiding(points, &[], area, font_size)
}

/// [`place_labels`] that also keeps labels off `obstacles` (e.g. texts already drawn).
pub fn place_labels_avoiding(
    points: &[(f64, f64, &str)],
    obstacles: &[Rect],
    area: Rect,
    font_size: f64,
) -> Vec<PlacedLabel> {
    const GAP: f64 = 5.0;
    const DOT: f64 = 3.5;
    let neighbours = |i: usize| {
        points
            .iter()
            .enumerate()
            .filter(|(j, q)| {
                *j != i && (q.0 - points[i].0).abs() < 40.0 && (q.1 - points[i].1).abs() < 16.0
            })
            .count()
    };
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by_key(|&i| (neighbours(i), i));
    let dots: Vec<Rect> = points
        .iter()
        .map(|p| Rect {
            left: p.0 - DOT,
            top: p.1 - DOT,
            right: p.0 + DOT,
            bottom: p.1 + DOT,
        })
        .collect();
    let ascent = font_size * 0.8;
    let descent = font_size * 0.25;
    let mut placed: Vec<PlacedLabel> = Vec::new();
    for i in order {
        let (px, py, text) = points[i];
        if text.is_empty() {
            continue;
        }
        let w = label_width(text, font_size);
        let candidates = [
            (px + GAP, py - GAP, "start"),
            (px + GAP, py + GAP + ascent, "start"),
            (px - GAP, py - GAP, "end"),
            (px - GAP, py + GAP + ascent, "end"),
        ];
        for (x, y, anchor) in candidates {
            let (left, right) = if anchor == "start" {
                (x, x + w)
            } else {
                (x - w, x)
            };
            let rect = Rect {
                left,
                top: y - ascent,
                right,
                bottom: y + descent,
            };
            let free = rect.inside(&area)
                && !placed.iter().any(|l| l.rect.overlaps(&rect))
                && !obstacles.iter().any(|o| o.overlaps(&rect))
                && !dots
                    .iter()
                    .enumerate()
                    .any(|(j, d)| j != i && d.overlaps(&rect));
            if free {
                placed.push(PlacedLabel {
                    point: i,
                    x,
                    y,
                    anchor,
                    rect,
                });
                break;
            }
        }
    }
    placed.sort_by_key(|l| l.point);
    placed
}

pub(crate) fn open_svg(out: &mut String, width: f64, height: f64, title: &str, aria: &str) {
    let _ = write!(
        out,
        r#"<svg class="plot" role="img" aria-label="{aria}" width="{w}" height="{h}" viewBox="0 0 {w} {h}"><title>{title}</title>"#,
        aria = escape(aria),
        w = num(width),
        h = num(height),
        title = escape(title),
    );
}

/// Renders a scatter plot as an inline `<svg>` element.
pub fn scatter(s: &Scatter) -> String {
    let mut out = String::with_capacity(4096);
    open_svg(&mut out, s.width, s.height, &s.title, &s.aria_label);
    let (x0, x1) = (LEFT, s.width - RIGHT);
    let (y0, y1) = (s.height - BOTTOM, TOP);
    let px = |v: f64| s.x.scale(v, x0, x1 - x0);
    let py = |v: f64| s.y.scale(v, y0, y1 - y0);

    // Frame and ticks.
    let _ = write!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="{AXIS}" stroke-width="1"/>"#,
        num(x0),
        num(y1),
        num(x1 - x0),
        num(y0 - y1)
    );
    for &t in &s.x.ticks {
        let x = px(t);
        let _ = write!(
            out,
            r#"<line x1="{x}" y1="{a}" x2="{x}" y2="{b}" stroke="{AXIS}"/><text x="{x}" y="{ty}" font-size="{TICK_FONT}" {FONT} text-anchor="middle">{label}</text>"#,
            x = num(x),
            a = num(y0),
            b = num(y0 + 4.0),
            ty = num(y0 + 4.0 + TICK_FONT),
            label = crate::html::fixed(t, s.x.tick_decimals),
        );
    }
    for &t in &s.y.ticks {
        let y = py(t);
        let _ = write!(
            out,
            r#"<line x1="{a}" y1="{y}" x2="{b}" y2="{y}" stroke="{AXIS}"/><text x="{tx}" y="{ty}" font-size="{TICK_FONT}" {FONT} text-anchor="end">{label}</text>"#,
            y = num(y),
            a = num(x0 - 4.0),
            b = num(x0),
            tx = num(x0 - 6.0),
            ty = num(y + TICK_FONT * 0.35),
            label = crate::html::fixed(t, s.y.tick_decimals),
        );
    }
    let _ = write!(
        out,
        r#"<text class="axis-title" x="{}" y="{}" font-size="{AXIS_FONT}" {FONT} text-anchor="middle">{}</text>"#,
        num((x0 + x1) / 2.0),
        num(s.height - 8.0),
        escape(&s.x.label)
    );
    let _ = write!(
        out,
        r#"<text class="axis-title" x="16" y="{cy}" font-size="{AXIS_FONT}" {FONT} text-anchor="middle" transform="rotate(-90 16 {cy})">{}</text>"#,
        escape(&s.y.label),
        cy = num((y0 + y1) / 2.0),
    );

    // Reference lines.
    if s.diagonal {
        let lo = s.x.min.max(s.y.min);
        let hi = s.x.max.min(s.y.max);
        if hi > lo {
            let _ = write!(
                out,
                r#"<line class="diagonal" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{GUIDE}" stroke-width="1"/>"#,
                num(px(lo)),
                num(py(lo)),
                num(px(hi)),
                num(py(hi))
            );
        }
    }
    for g in &s.x_guides {
        let x = num(px(g.at));
        let _ = write!(
            out,
            r#"<line class="guide" x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="{GUIDE}" stroke-dasharray="4 3"/>"#,
            num(y0),
            num(y1)
        );
        if !g.label.is_empty() {
            let _ = write!(
                out,
                r#"<text x="{}" y="{}" font-size="{TICK_FONT}" {FONT}>{}</text>"#,
                num(px(g.at) + 3.0),
                num(y1 + TICK_FONT),
                escape(&g.label)
            );
        }
    }
    for g in &s.y_guides {
        let y = num(py(g.at));
        let _ = write!(
            out,
            r#"<line class="guide" x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{GUIDE}" stroke-dasharray="4 3"/>"#,
            num(x0),
            num(x1)
        );
        if !g.label.is_empty() {
            let _ = write!(
                out,
                r#"<text x="{}" y="{}" font-size="{TICK_FONT}" {FONT} text-anchor="end">{}</text>"#,
                num(x1 - 3.0),
                num(py(g.at) - 3.0),
                escape(&g.label)
            );
        }
    }

    // Points: ordinary first, highlighted on top; shared styling on the group keeps
    // reports with many plots small.
    let _ = write!(
        out,
        r#"<g class="points" fill="{POINT}" fill-opacity="0.8" stroke="{AXIS}" stroke-width="0.5">"#
    );
    for highlight in [false, true] {
        for p in s.points.iter().filter(|p| p.highlight == highlight) {
            if !(p.x.is_finite() && p.y.is_finite()) {
                continue;
            }
            let (cx, cy) = (px(p.x), py(p.y));
            let style = if p.highlight {
                format!(r#"class="hi" r="5.00" fill="{HIGHLIGHT}""#)
            } else {
                r#"r="3.00""#.to_string()
            };
            let _ = write!(
                out,
                r#"<circle cx="{}" cy="{}" {style}><title>{}: {}, {}</title></circle>"#,
                num(cx),
                num(cy),
                escape(&p.label),
                f3(p.x),
                f3(p.y),
            );
        }
    }
    out.push_str("</g>");
    if s.point_labels {
        let at: Vec<(f64, f64, &str)> = s
            .points
            .iter()
            .filter(|p| p.x.is_finite() && p.y.is_finite())
            .map(|p| (px(p.x), py(p.y), p.label.as_str()))
            .collect();
        let area = Rect {
            left: x0 + 1.0,
            top: y1 + 1.0,
            right: x1 - 1.0,
            bottom: y0 - 1.0,
        };
        for l in place_labels(&at, area, POINT_LABEL_FONT) {
            let _ = write!(
                out,
                r#"<text class="pl" x="{}" y="{}" font-size="{POINT_LABEL_FONT}" {FONT} text-anchor="{}">{}</text>"#,
                num(l.x),
                num(l.y),
                l.anchor,
                escape(at[l.point].2)
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// An XY plot of a set relation: x = membership in a term or solution, y = membership in
/// the outcome, with the diagonal (points on or above it are consistent with sufficiency)
/// and quadrant lines at 0.5.
pub fn xy_plot(
    title: &str,
    aria_label: &str,
    x_label: &str,
    y_label: &str,
    points: Vec<Point>,
) -> String {
    scatter(&Scatter {
        title: title.to_string(),
        aria_label: aria_label.to_string(),
        width: XY_SIZE,
        height: XY_SIZE,
        x: Axis::membership(x_label),
        y: Axis::membership(y_label),
        points,
        diagonal: true,
        x_guides: vec![Guide {
            at: 0.5,
            label: String::new(),
        }],
        y_guides: vec![Guide {
            at: 0.5,
            label: String::new(),
        }],
        point_labels: true,
    })
}

/// A calibration plot: raw value (x) against membership (y), with a dashed vertical line
/// at each anchor (labelled with `anchor_names`) and horizontal lines at 0.05, 0.5 and 0.95.
pub fn calibration_plot(
    title: &str,
    aria_label: &str,
    x_label: &str,
    y_label: &str,
    points: Vec<Point>,
    anchors: &[(f64, String)],
) -> String {
    let mut span: Vec<f64> = points.iter().map(|p| p.x).collect();
    span.extend(anchors.iter().map(|a| a.0));
    scatter(&Scatter {
        title: title.to_string(),
        aria_label: aria_label.to_string(),
        width: 560.0,
        height: 360.0,
        x: Axis::spanning(x_label, &span),
        y: Axis::membership(y_label),
        points,
        diagonal: false,
        x_guides: anchors
            .iter()
            .map(|(at, label)| Guide {
                at: *at,
                label: label.clone(),
            })
            .collect(),
        y_guides: [0.05, 0.5, 0.95]
            .iter()
            .map(|&at| Guide {
                at,
                label: String::new(),
            })
            .collect(),
        point_labels: false,
    })
}

/// A one-line dot plot of every municipality's value with one highlighted, used in the
/// mirror reports. Dots with (nearly) the same value are stacked upwards.
#[derive(Clone, Debug, PartialEq)]
pub struct Strip {
    /// Accessible title.
    pub title: String,
    /// Screen-reader description.
    pub aria_label: String,
    /// Axis title, printed under the axis (e.g. `BESTLEID: raw score`).
    pub axis_label: String,
    /// Values with their names.
    pub values: Vec<(f64, String)>,
    /// Index into `values` of the highlighted value.
    pub highlight: Option<usize>,
    /// Axis range: membership (0..1) when true, else spanning the values.
    pub membership: bool,
}

/// Width of a strip plot in px.
pub const STRIP_WIDTH: f64 = 320.0;
/// Height of a strip plot in px (dots, axis with ticks, axis title).
pub const STRIP_HEIGHT: f64 = 66.0;

/// Renders a [`Strip`] as an inline `<svg>` (320 × 66 px) with its axis title.
pub fn strip_plot(s: &Strip) -> String {
    let (width, height) = (STRIP_WIDTH, STRIP_HEIGHT);
    let mut out = String::with_capacity(2048);
    open_svg(&mut out, width, height, &s.title, &s.aria_label);
    let axis = if s.membership {
        Axis::membership("")
    } else {
        let v: Vec<f64> = s.values.iter().map(|v| v.0).collect();
        Axis::spanning("", &v)
    };
    let (x0, x1, base) = (12.0, width - 12.0, 34.0);
    let px = |v: f64| axis.scale(v, x0, x1 - x0);
    let _ = write!(
        out,
        r#"<line x1="{}" y1="{b}" x2="{}" y2="{b}" stroke="{AXIS}"/>"#,
        num(x0),
        num(x1),
        b = num(base)
    );
    for &t in &axis.ticks {
        let x = num(px(t));
        let _ = write!(
            out,
            r#"<line x1="{x}" y1="{a}" x2="{x}" y2="{b}" stroke="{AXIS}"/><text x="{x}" y="{ty}" font-size="10" {FONT} text-anchor="middle">{}</text>"#,
            crate::html::fixed(t, axis.tick_decimals),
            a = num(base),
            b = num(base + 3.0),
            ty = num(base + 13.0),
        );
    }
    if !s.axis_label.is_empty() {
        let _ = write!(
            out,
            r#"<text class="axis-title" x="{}" y="{}" font-size="10" {FONT} text-anchor="middle">{}</text>"#,
            num(width / 2.0),
            num(height - 4.0),
            escape(&s.axis_label)
        );
    }
    if s.membership {
        let x = num(px(0.5));
        let _ = write!(
            out,
            r#"<line class="guide" x1="{x}" y1="4" x2="{x}" y2="{}" stroke="{GUIDE}" stroke-dasharray="3 2"/>"#,
            num(base)
        );
    }
    // Stack dots that would overlap: the k-th dot within 4 px of earlier ones moves up.
    let mut placed: Vec<f64> = Vec::new();
    let mut dots: Vec<(f64, f64, usize)> = Vec::new();
    for (i, (v, _)) in s.values.iter().enumerate() {
        if !v.is_finite() {
            continue;
        }
        let x = px(*v);
        let level = placed
            .iter()
            .filter(|p| (*p - x).abs() < 4.0)
            .count()
            .min(5);
        placed.push(x);
        dots.push((x, base - 5.0 - 4.0 * level as f64, i));
    }
    let _ = write!(
        out,
        r#"<g class="points" fill="{POINT}" fill-opacity="0.8" stroke="{AXIS}" stroke-width="0.5">"#
    );
    for highlight in [false, true] {
        for &(x, y, i) in &dots {
            let hi = s.highlight == Some(i);
            if hi != highlight {
                continue;
            }
            let (v, name) = &s.values[i];
            let style = if hi {
                format!(
                    r#"cx="{}" cy="{}" class="hi" r="5.00" fill="{HIGHLIGHT}""#,
                    num(x),
                    num(base - 6.0)
                )
            } else {
                format!(r#"cx="{}" cy="{}" r="2.50""#, num(x), num(y))
            };
            let _ = write!(
                out,
                r#"<circle {style}><title>{}: {}</title></circle>"#,
                escape(name),
                f3(*v)
            );
        }
    }
    out.push_str("</g>");
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pt(x: f64, y: f64, label: &str) -> Point {
        Point {
            x,
            y,
            label: label.into(),
            highlight: false,
        }
    }

    #[test]
    fn coordinates_have_two_decimals_and_no_negative_zero() {
        assert_eq!(num(1.0), "1.00");
        assert_eq!(num(12.345_6), "12.35");
        assert_eq!(num(-0.001), "0.00");
    }

    #[test]
    fn nice_ticks_cover_the_range_with_round_steps() {
        let (t, step) = nice_ticks(320.0, 1098.0, 5);
        assert_eq!(step, 200.0);
        assert_eq!(t, vec![400.0, 600.0, 800.0, 1000.0]);
        let (t, step) = nice_ticks(0.0, 1.0, 5);
        assert_eq!(step, 0.25);
        assert_eq!(t, vec![0.0, 0.25, 0.5, 0.75, 1.0]);
        let (t, step) = nice_ticks(-10.0, 10.0, 5);
        assert_eq!(step, 5.0);
        assert_eq!(t, vec![-10.0, -5.0, 0.0, 5.0, 10.0]);
        assert_eq!(Axis::spanning("", &[0.0, 1.0]).tick_decimals, 2);
        assert_eq!(Axis::spanning("", &[320.0, 1098.0]).tick_decimals, 0);
    }

    #[test]
    fn xy_plot_maps_points_into_the_frame_and_is_accessible() {
        let svg = xy_plot(
            "DEV*~IND",
            "XY plot of DEV*~IND & SURV",
            "DEV*~IND",
            "SURV",
            vec![pt(0.0, 0.0, "A"), pt(1.0, 1.0, "B<"), pt(0.5, 0.25, "C")],
        );
        assert!(svg.starts_with("<svg "));
        assert!(svg.ends_with("</svg>"));
        assert!(svg.contains(r#"role="img""#));
        assert!(svg.contains(r#"aria-label="XY plot of DEV*~IND &amp; SURV""#));
        assert!(svg.contains("<title>DEV*~IND</title>"));
        // Frame 520x520, left 58, right 16, top 16, bottom 48: plot area x 58..504,
        // y 472 (value 0) .. 16 (value 1).
        assert!(svg.contains(r#"width="520.00" height="520.00" viewBox="0 0 520.00 520.00""#));
        assert!(svg.contains(r#"cx="58.00" cy="472.00""#), "{svg}");
        assert!(svg.contains(r#"cx="504.00" cy="16.00""#));
        // (0.5, 0.25): x = 58 + 223, y = 472 - 114.
        assert!(svg.contains(r#"cx="281.00" cy="358.00""#));
        // The label is escaped in the tooltip and next to the point.
        assert!(svg.contains("<title>B&lt;: 1.000, 1.000</title>"));
        assert!(svg.contains(">B&lt;</text>"));
        // Diagonal from (0,0) to (1,1) and quadrant lines at 0.5.
        assert!(svg.contains(r#"class="diagonal" x1="58.00" y1="472.00" x2="504.00" y2="16.00""#));
        assert!(svg.contains(r#"class="guide" x1="281.00" y1="472.00" x2="281.00" y2="16.00""#));
        assert!(svg.contains(r#"class="guide" x1="58.00" y1="244.00" x2="504.00" y2="244.00""#));
        assert_eq!(svg.matches("<circle").count(), 3);
    }

    #[test]
    fn output_is_deterministic() {
        let make = || xy_plot("t", "a", "x", "y", vec![pt(0.123_456, 0.987_654, "P")]);
        assert_eq!(make(), make());
        assert!(make().contains("<title>P: 0.123, 0.988</title>"));
    }

    #[test]
    fn highlighted_points_are_drawn_last_and_larger() {
        let mut points = vec![pt(0.2, 0.2, "a"), pt(0.4, 0.4, "b")];
        points[0].highlight = true;
        let svg = xy_plot("t", "a", "x", "y", points);
        let a = svg.find("<title>a:").unwrap_or(0);
        let b = svg.find("<title>b:").unwrap_or(usize::MAX);
        assert!(b < a, "the highlighted point must come last");
        assert!(svg.contains(r##"class="hi" r="5.00" fill="#d95f02""##));
    }

    #[test]
    fn non_finite_points_are_skipped() {
        let svg = xy_plot(
            "t",
            "a",
            "x",
            "y",
            vec![pt(f64::NAN, 0.2, "a"), pt(0.1, 0.2, "b")],
        );
        assert_eq!(svg.matches("<circle").count(), 1);
    }

    #[test]
    fn calibration_plot_marks_the_anchors() {
        let svg = calibration_plot(
            "DEV",
            "calibration of DEV",
            "GDP",
            "membership",
            vec![pt(400.0, 0.05, "x"), pt(900.0, 0.95, "y")],
            &[
                (400.0, "e".into()),
                (550.0, "c".into()),
                (900.0, "i".into()),
            ],
        );
        // Range 400..900 padded by 25 each side: 375..925 over 58..544 px.
        // Anchor 550 lies at 58 + 175/550*486 = 212.64.
        assert!(svg.contains(r#"class="guide" x1="212.64""#), "{svg}");
        assert!(
            svg.contains(">e</text>") && svg.contains(">c</text>") && svg.contains(">i</text>")
        );
        // Horizontal guides at 0.05, 0.5 and 0.95 plus one vertical per anchor.
        assert_eq!(svg.matches(r#"class="guide""#).count(), 6);
        assert!(svg.contains(r#"role="img""#));
    }

    #[test]
    fn strip_plot_highlights_one_value_and_stacks_ties() {
        let s = Strip {
            title: "DEV".into(),
            aria_label: "B: 0.5".into(),
            axis_label: "DEV: membership".into(),
            values: vec![
                (0.0, "A".into()),
                (0.5, "B".into()),
                (0.5, "C".into()),
                (1.0, "D".into()),
            ],
            highlight: Some(1),
            membership: true,
        };
        let svg = strip_plot(&s);
        assert_eq!(svg.matches("<circle").count(), 4);
        assert!(
            svg.contains(r#"<circle cx="160.00" cy="28.00" class="hi" r="5.00""#),
            "{svg}"
        );
        // C ties with B: stacked one level up (29 - 4).
        assert!(svg.contains(r#"cx="160.00" cy="25.00" r="2.50""#));
        // The axis has a title.
        assert!(svg.contains(r#"class="axis-title""#) && svg.contains(">DEV: membership</text>"));
        assert!(svg.contains("<title>C: 0.500</title>"));
        assert!(svg.ends_with("</svg>"));
        assert!(svg.contains(r#"aria-label="B: 0.5""#));
    }

    /// The labels an SVG draws next to points: (x, y, anchor, text).
    fn labels(svg: &str) -> Vec<(f64, f64, String, String)> {
        let mut out = Vec::new();
        for part in svg.split(r#"<text class="pl" "#).skip(1) {
            let attr = |name: &str| {
                let start = part.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
                let end = part[start..].find('"').expect("quote") + start;
                part[start..end].to_string()
            };
            let text = part[part.find('>').expect(">") + 1..part.find("</text>").expect("end")]
                .to_string();
            out.push((
                attr("x").parse().expect("x"),
                attr("y").parse().expect("y"),
                attr("text-anchor"),
                text,
            ));
        }
        out
    }

    #[test]
    fn point_labels_stay_inside_the_plot_and_do_not_overlap() {
        // A pile of municipalities near (0, 0), some along the right edge and one in the
        // top right corner: the situation that cut labels off and piled them up.
        let mut points = Vec::new();
        for k in 0..12 {
            let v = 0.01 * f64::from(k);
            points.push(pt(v, v / 2.0, &format!("Gemeente nummer {k}")));
        }
        for k in 0..5 {
            points.push(pt(1.0, 0.2 * f64::from(k), &format!("Rechterrand {k}")));
        }
        points.push(pt(0.99, 0.99, "Súdwest-Fryslân"));
        points.push(pt(0.6, 0.4, "Nuenen, Gerwen en Nederwetten"));
        let svg = xy_plot("t", "a", "x", "y", points.clone());
        let placed = labels(&svg);
        assert!(!placed.is_empty());
        assert!(
            placed.len() < points.len(),
            "the pile cannot be labelled in full"
        );
        // Every point is still named in its tooltip.
        assert_eq!(svg.matches("<title>").count(), points.len() + 1);
        let mut boxes = Vec::new();
        for (x, y, anchor, text) in &placed {
            let w = label_width(text, POINT_LABEL_FONT);
            let (left, right) = if anchor == "start" {
                (*x, x + w)
            } else {
                (x - w, *x)
            };
            let (top, bottom) = (y - POINT_LABEL_FONT * 0.8, y + POINT_LABEL_FONT * 0.25);
            assert!(
                left >= 0.0 && right <= XY_SIZE && top >= 0.0 && bottom <= XY_SIZE,
                "{text} outside the viewBox: {left}..{right} x {top}..{bottom}"
            );
            boxes.push((left, right, top, bottom, text.clone()));
        }
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let overlap =
                    a.0 < b.1 - 0.01 && b.0 < a.1 - 0.01 && a.2 < b.3 - 0.01 && b.2 < a.3 - 0.01;
                assert!(!overlap, "{} overlaps {}", a.4, b.4);
            }
        }
        // An isolated point is labelled; the corner point is labelled to its left.
        assert!(
            placed
                .iter()
                .any(|l| l.3 == "Nuenen, Gerwen en Nederwetten")
        );
        let corner = placed
            .iter()
            .find(|l| l.3 == "Súdwest-Fryslân")
            .expect("corner label");
        assert_eq!(corner.2, "end");
    }

    #[test]
    fn label_placement_is_deterministic() {
        let points = [
            (100.0, 100.0, "a"),
            (104.0, 101.0, "b"),
            (300.0, 300.0, "c"),
        ];
        let area = Rect {
            left: 0.0,
            top: 0.0,
            right: 400.0,
            bottom: 400.0,
        };
        let a = place_labels(&points, area, 11.0);
        assert_eq!(a, place_labels(&points, area, 11.0));
        assert!(a.iter().any(|l| l.point == 2));
    }
}
