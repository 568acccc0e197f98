//! The QCA plots of issue 9: robustness over a threshold range, XY plots with case types,
//! the configuration chart of a solution (Fiss and Ragin's ●/⊗ table) and Venn diagrams of a
//! truth table for 1 to 5 sets.
//!
//! Every plot takes a plain input struct (filled by the report, the CLI or a sweep) and
//! returns a self-contained `<svg>` element: no JavaScript, no external fonts or links, a
//! `<title>` and an `aria-label`, texts as text, and categories told apart by shape (or
//! printed code) as well as colour, so that a plot survives printing in grey. Coordinates
//! have two decimals and values three ([`crate::svg::num`], [`crate::html::f3`]): the same
//! input gives the same bytes. Fixed words (legends, row names) come from the `qca-plots-*`
//! messages of the catalogue in the input's [`Lang`]; names (sets, terms, cases, titles)
//! are given as rendered strings and escaped here.
//!
//! [`standalone`] turns an inline `<svg>` into a file of its own (XML declaration and the
//! SVG namespace), as `kantel qca … --svg FILE` writes it.

use std::collections::BTreeMap;
use std::fmt::Write;

use kantel_i18n::{Arg, Lang, Msg, msg};

pub use crate::html::f3;
use crate::html::{escape, fixed};
use crate::svg::{
    AXIS, AXIS_FONT, Axis, FONT, GUIDE, POINT_LABEL_FONT, Rect, TICK_FONT, label_width, num,
    open_svg, place_labels_avoiding,
};

/// A marker shape. Categories get a shape and a colour each, so that they can be told apart
/// without colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Filled circle.
    Circle,
    /// Open circle.
    OpenCircle,
    /// Filled square.
    Square,
    /// Open square.
    OpenSquare,
    /// Filled diamond.
    Diamond,
    /// Triangle pointing up.
    TriangleUp,
    /// Triangle pointing down.
    TriangleDown,
    /// A cross (×).
    Cross,
    /// A plus (+).
    Plus,
}

/// The colour-blind-safe palette (Okabe and Ito), dark enough for white text on none of it:
/// markers are outlined.
const PALETTE: [&str; 8] = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#444444", "#f0e442",
];
const SHAPES: [Shape; 9] = [
    Shape::Circle,
    Shape::TriangleUp,
    Shape::Square,
    Shape::Diamond,
    Shape::TriangleDown,
    Shape::Cross,
    Shape::OpenCircle,
    Shape::Plus,
    Shape::OpenSquare,
];

/// Draws a marker of `shape` centred on (x, y) with "radius" `r`; `title` (escaped) becomes
/// its tooltip when not empty.
fn marker(out: &mut String, shape: Shape, x: f64, y: f64, r: f64, colour: &str, title: &str) {
    let t = if title.is_empty() {
        String::new()
    } else {
        format!("<title>{}</title>", escape(title))
    };
    let close = |out: &mut String, tag: &str| {
        if t.is_empty() {
            out.push_str("/>");
        } else {
            let _ = write!(out, ">{t}</{tag}>");
        }
    };
    match shape {
        Shape::Circle | Shape::OpenCircle => {
            let fill = if shape == Shape::Circle {
                colour
            } else {
                "#fff"
            };
            let _ = write!(
                out,
                r#"<circle cx="{}" cy="{}" r="{}" fill="{fill}" stroke="{colour}" stroke-width="1.5""#,
                num(x),
                num(y),
                num(r)
            );
            close(out, "circle");
        }
        Shape::Square | Shape::OpenSquare => {
            let fill = if shape == Shape::Square {
                colour
            } else {
                "#fff"
            };
            let s = r * 0.9;
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{fill}" stroke="{colour}" stroke-width="1.5""#,
                num(x - s),
                num(y - s),
                num(2.0 * s),
                num(2.0 * s)
            );
            close(out, "rect");
        }
        Shape::Diamond | Shape::TriangleUp | Shape::TriangleDown => {
            let r = r * 1.25;
            let pts: Vec<(f64, f64)> = match shape {
                Shape::Diamond => vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)],
                Shape::TriangleUp => vec![
                    (x, y - r),
                    (x + r * 0.87, y + r * 0.5),
                    (x - r * 0.87, y + r * 0.5),
                ],
                _ => vec![
                    (x, y + r),
                    (x + r * 0.87, y - r * 0.5),
                    (x - r * 0.87, y - r * 0.5),
                ],
            };
            let points: Vec<String> = pts
                .iter()
                .map(|(a, b)| format!("{},{}", num(*a), num(*b)))
                .collect();
            let _ = write!(
                out,
                r#"<polygon points="{}" fill="{colour}" stroke="{colour}" stroke-width="1""#,
                points.join(" ")
            );
            close(out, "polygon");
        }
        Shape::Cross | Shape::Plus => {
            let d = if shape == Shape::Cross {
                let s = r * 0.9;
                format!(
                    "M{} {}L{} {}M{} {}L{} {}",
                    num(x - s),
                    num(y - s),
                    num(x + s),
                    num(y + s),
                    num(x - s),
                    num(y + s),
                    num(x + s),
                    num(y - s)
                )
            } else {
                let s = r * 1.1;
                format!(
                    "M{} {}L{} {}M{} {}L{} {}",
                    num(x - s),
                    num(y),
                    num(x + s),
                    num(y),
                    num(x),
                    num(y - s),
                    num(x),
                    num(y + s)
                )
            };
            let _ = write!(
                out,
                r#"<path d="{d}" fill="none" stroke="{colour}" stroke-width="2.5""#
            );
            close(out, "path");
        }
    }
}

fn text(out: &mut String, x: f64, y: f64, size: f64, anchor: &str, extra: &str, content: &str) {
    let _ = write!(
        out,
        r#"<text x="{}" y="{}" font-size="{}" {FONT} text-anchor="{anchor}"{extra}>{}</text>"#,
        num(x),
        num(y),
        size,
        escape(content)
    );
}

/// Splits `line` into lines of at most `width` px at `font` size, breaking after the
/// separators `sep` (e.g. `" + "`); a piece longer than a line stays whole.
fn wrap(line: &str, sep: &str, width: f64, font: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let pieces: Vec<&str> = line.split(sep).collect();
    for (i, piece) in pieces.iter().enumerate() {
        let piece = if i + 1 < pieces.len() {
            format!("{piece}{}", sep.trim_end())
        } else {
            (*piece).to_string()
        };
        let candidate = if current.is_empty() {
            piece.clone()
        } else {
            format!("{current} {piece}")
        };
        if !current.is_empty() && label_width(&candidate, font) > width {
            lines.push(std::mem::take(&mut current));
            current = piece;
        } else {
            current = candidate;
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

/// Draws the frame, ticks and axis titles of a plot area `x0..x1` × `y1..y0` (y0 is the
/// bottom). `x_title_y` is the baseline of the x axis title.
#[allow(clippy::too_many_arguments)]
fn axes(
    out: &mut String,
    x: &Axis,
    y: Option<&Axis>,
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
    x_title_y: f64,
) {
    let _ = write!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="{AXIS}" stroke-width="1"/>"#,
        num(x0),
        num(y1),
        num(x1 - x0),
        num(y0 - y1)
    );
    for &t in &x.ticks {
        let px = x.scale(t, x0, x1 - x0);
        let _ = write!(
            out,
            r#"<line x1="{p}" y1="{a}" x2="{p}" y2="{b}" stroke="{AXIS}"/>"#,
            p = num(px),
            a = num(y0),
            b = num(y0 + 4.0),
        );
        text(
            out,
            px,
            y0 + 4.0 + TICK_FONT,
            TICK_FONT,
            "middle",
            "",
            &fixed(t, x.tick_decimals),
        );
    }
    text(
        out,
        (x0 + x1) / 2.0,
        x_title_y,
        AXIS_FONT,
        "middle",
        r#" class="axis-title""#,
        &x.label,
    );
    if let Some(y) = y {
        for &t in &y.ticks {
            let py = y.scale(t, y0, y1 - y0);
            let _ = write!(
                out,
                r#"<line x1="{a}" y1="{p}" x2="{b}" y2="{p}" stroke="{AXIS}"/>"#,
                p = num(py),
                a = num(x0 - 4.0),
                b = num(x0),
            );
            text(
                out,
                x0 - 6.0,
                py + TICK_FONT * 0.35,
                TICK_FONT,
                "end",
                "",
                &fixed(t, y.tick_decimals),
            );
        }
        let cy = num((y0 + y1) / 2.0);
        let _ = write!(
            out,
            r#"<text class="axis-title" x="16" y="{cy}" font-size="{AXIS_FONT}" {FONT} text-anchor="middle" transform="rotate(-90 16 {cy})">{}</text>"#,
            escape(&y.label),
        );
    }
}

/// Draws a legend of (shape, colour, text) entries from (x, y) downwards in rows of
/// `row` px, `columns` per row over `width` px; returns the y below the last row.
fn legend(
    out: &mut String,
    entries: &[(Shape, &str, String)],
    x: f64,
    y: f64,
    width: f64,
    columns: usize,
) -> f64 {
    const ROW: f64 = 18.0;
    let columns = columns.max(1);
    let col_w = width / columns as f64;
    out.push_str(r#"<g class="legend">"#);
    for (i, (shape, colour, label)) in entries.iter().enumerate() {
        let cx = x + (i % columns) as f64 * col_w + 7.0;
        let cy = y + (i / columns) as f64 * ROW + 6.0;
        marker(out, *shape, cx, cy, 4.5, colour, "");
        text(out, cx + 11.0, cy + 4.0, 12.0, "start", "", label);
    }
    out.push_str("</g>");
    y + entries.len().div_ceil(columns) as f64 * ROW
}

// ---------------------------------------------------------------------------------------
// 1. Robustness over a threshold range
// ---------------------------------------------------------------------------------------

/// One tested value of a threshold and what it gave.
#[derive(Clone, Debug, PartialEq)]
pub struct RangePoint {
    /// The threshold value tested.
    pub value: f64,
    /// The solution found (its formula, or the models joined, as the caller chooses);
    /// `None` when the run gave no solution (an error, no positive rows).
    pub solution: Option<String>,
    /// The fit measures at this value, in the order of [`RangePlot::measures`]; `None`
    /// (or a missing entry) where there is none.
    pub measures: Vec<Option<f64>>,
}

/// The robustness of a solution over the range of one threshold (incl.cut, n.cut or a
/// calibration anchor).
#[derive(Clone, Debug, PartialEq)]
pub struct RangePlot {
    /// Language of the fixed words.
    pub lang: Lang,
    /// The plot's title (`<title>`), e.g. `incl.cut: DEV*~IND + URB*STB`.
    pub title: String,
    /// The threshold's name, the x axis title (e.g. `incl.cut`, `DEV: crossover`).
    pub parameter: String,
    /// The value of the initial analysis.
    pub initial: f64,
    /// The range (lower, upper) within which the solution stays the initial one, shaded.
    pub stable: Option<(f64, f64)>,
    /// The tested values (any order; drawn sorted by value).
    pub points: Vec<RangePoint>,
    /// Names of the fit measures drawn as lines (e.g. `inclS`, `covS`); empty for none.
    pub measures: Vec<String>,
}

/// Colours of the fit lines (told apart by dashes and markers too).
const MEASURE_COLOURS: [&str; 4] = ["#222222", "#7a5195", "#8c510a", "#2f7f7f"];

/// Width of a range plot in px.
pub const RANGE_WIDTH: f64 = 640.0;

/// Renders a [`RangePlot`]: a band per distinct solution (the initial one first, the others
/// in order of first appearance along the range; "no solution" last) with a marker at each
/// tested value where it was found, the shaded stable range, a line at the initial value,
/// and under it a panel with a line per fit measure (0 to 1). The legend under the plot
/// spells the solution of each band out.
pub fn robustness_range_plot(p: &RangePlot) -> String {
    let lang = p.lang;
    let mut points: Vec<&RangePoint> = p.points.iter().filter(|q| q.value.is_finite()).collect();
    points.sort_by(|a, b| a.value.total_cmp(&b.value));
    // The bands: the solution at the value nearest the initial one first.
    let initial_solution = points
        .iter()
        .min_by(|a, b| {
            (a.value - p.initial)
                .abs()
                .total_cmp(&(b.value - p.initial).abs())
        })
        .and_then(|q| q.solution.clone());
    let mut bands: Vec<Option<String>> = Vec::new();
    if let Some(s) = &initial_solution {
        bands.push(Some(s.clone()));
    }
    for q in &points {
        if q.solution.is_some() && !bands.contains(&q.solution) {
            bands.push(q.solution.clone());
        }
    }
    if points.iter().any(|q| q.solution.is_none()) {
        bands.push(None);
    }
    let band_name = |i: usize| -> String {
        match &bands[i] {
            Some(_) => format!("S{}", i + 1),
            None => "—".to_string(),
        }
    };

    const LEFT: f64 = 58.0;
    const RIGHT: f64 = 16.0;
    const BAND: f64 = 24.0;
    let width = RANGE_WIDTH;
    let (x0, x1) = (LEFT, width - RIGHT);
    let top = 14.0;
    let band_bottom = top + BAND * bands.len().max(1) as f64;
    let has_measures = !p.measures.is_empty();
    let (m_top, m_bottom) = if has_measures {
        (band_bottom + 14.0, band_bottom + 14.0 + 150.0)
    } else {
        (band_bottom, band_bottom)
    };
    let axis_bottom = m_bottom;
    let mut span: Vec<f64> = points.iter().map(|q| q.value).collect();
    span.push(p.initial);
    if let Some((a, b)) = p.stable {
        span.extend([a, b]);
    }
    let x_axis = Axis::spanning(&p.parameter, &span);
    let px = |v: f64| x_axis.scale(v, x0, x1 - x0);
    let x_title_y = axis_bottom + 40.0;

    // Legend lines: one per band, wrapped at " + ".
    let legend_font = 12.0;
    let mut legend_lines: Vec<(usize, String)> = Vec::new();
    for (i, b) in bands.iter().enumerate() {
        let text = match b {
            Some(s) => {
                let mark = if Some(s) == initial_solution.as_ref() {
                    format!(" ({})", lang.t("qca-plots-range-initial"))
                } else {
                    String::new()
                };
                format!("{}{mark}: {s}", band_name(i))
            }
            None => format!(
                "{}: {}",
                band_name(i),
                lang.t("qca-plots-range-no-solution")
            ),
        };
        for (k, line) in wrap(&text, " + ", width - 40.0, legend_font)
            .into_iter()
            .enumerate()
        {
            legend_lines.push((if k == 0 { i } else { usize::MAX }, line));
        }
    }
    let measure_rows = if has_measures { 1 } else { 0 };
    let legend_top = x_title_y + 14.0;
    let height = legend_top + 18.0 * (legend_lines.len() + measure_rows + 1) as f64 + 6.0;

    let aria = lang.tr(
        "qca-plots-range-aria",
        &[
            ("parameter", Arg::from(p.parameter.as_str())),
            ("solutions", Arg::from(bands.len())),
            ("values", Arg::from(points.len())),
        ],
    );
    let mut out = String::with_capacity(8192);
    open_svg(&mut out, width, height, &p.title, &aria);

    // The stable range, shaded over both panels, and its label.
    if let Some((a, b)) = p.stable {
        let (l, r) = (px(a.min(b)), px(a.max(b)));
        let _ = write!(
            out,
            r##"<rect class="stable" x="{}" y="{}" width="{}" height="{}" fill="#cfe8d5" stroke="#5aa469" stroke-dasharray="3 2"/>"##,
            num(l),
            num(top),
            num((r - l).max(1.0)),
            num(axis_bottom - top)
        );
    }
    // Bands.
    for i in 0..bands.len() {
        let y = top + BAND * (i as f64 + 0.5);
        let _ = write!(
            out,
            r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{GUIDE}" stroke-dasharray="1 3"/>"#,
            num(x0),
            num(x1),
            y = num(y)
        );
        text(
            &mut out,
            x0 - 8.0,
            y + 4.0,
            12.0,
            "end",
            r#" font-weight="bold""#,
            &band_name(i),
        );
    }
    let _ = write!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="{AXIS}"/>"#,
        num(x0),
        num(top),
        num(x1 - x0),
        num(band_bottom - top)
    );
    let style = |i: usize| -> (Shape, &'static str) {
        if bands[i].is_none() {
            (Shape::Cross, "#666666")
        } else {
            (SHAPES[i % SHAPES.len()], PALETTE[i % PALETTE.len()])
        }
    };
    out.push_str(r#"<g class="found">"#);
    for q in &points {
        let Some(i) = bands.iter().position(|b| *b == q.solution) else {
            continue;
        };
        let (shape, colour) = style(i);
        let tip = format!(
            "{} = {}: {}",
            p.parameter,
            crate::html::count_or_number(q.value),
            q.solution
                .clone()
                .unwrap_or_else(|| lang.t("qca-plots-range-no-solution"))
        );
        marker(
            &mut out,
            shape,
            px(q.value),
            top + BAND * (i as f64 + 0.5),
            5.0,
            colour,
            &tip,
        );
    }
    out.push_str("</g>");

    // Fit measures.
    let dashes = ["", "6 3", "2 2", "8 3 2 3"];
    if has_measures {
        let y_axis = Axis::membership(&lang.t("qca-plots-range-fit"));
        let py = |v: f64| y_axis.scale(v, m_bottom, m_top - m_bottom);
        axes(
            &mut out,
            &x_axis,
            Some(&y_axis),
            x0,
            x1,
            m_bottom,
            m_top,
            x_title_y,
        );
        for (k, _) in p.measures.iter().enumerate() {
            let colour = MEASURE_COLOURS[k % MEASURE_COLOURS.len()];
            let shape = [
                Shape::Circle,
                Shape::Square,
                Shape::TriangleUp,
                Shape::Diamond,
            ][k % 4];
            // Lines between consecutive values that have the measure.
            let mut d = String::new();
            let mut pen = false;
            for q in &points {
                match q
                    .measures
                    .get(k)
                    .copied()
                    .flatten()
                    .filter(|v| v.is_finite())
                {
                    Some(v) => {
                        let _ = write!(
                            d,
                            "{}{} {}",
                            if pen { "L" } else { "M" },
                            num(px(q.value)),
                            num(py(v))
                        );
                        pen = true;
                    }
                    None => pen = false,
                }
            }
            if !d.is_empty() {
                let _ = write!(
                    out,
                    r#"<path class="measure" d="{d}" fill="none" stroke="{colour}" stroke-width="1.5" stroke-dasharray="{}"/>"#,
                    dashes[k % dashes.len()]
                );
            }
            for q in &points {
                if let Some(v) = q
                    .measures
                    .get(k)
                    .copied()
                    .flatten()
                    .filter(|v| v.is_finite())
                {
                    let tip = format!(
                        "{} = {}: {} {}",
                        p.parameter,
                        crate::html::count_or_number(q.value),
                        p.measures[k],
                        f3(v)
                    );
                    marker(&mut out, shape, px(q.value), py(v), 3.0, colour, &tip);
                }
            }
        }
    } else {
        axes(&mut out, &x_axis, None, x0, x1, band_bottom, top, x_title_y);
    }
    // The initial value.
    let xi = px(p.initial);
    let _ = write!(
        out,
        r#"<line class="initial" x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="{AXIS}" stroke-width="2"/>"#,
        num(top),
        num(axis_bottom),
        x = num(xi)
    );

    // Legend: the line styles, then one entry per band.
    let mut y = legend_top;
    let mut key: Vec<(Shape, &str, String)> = Vec::new();
    let _ = write!(
        out,
        r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{AXIS}" stroke-width="2"/>"#,
        num(x0),
        num(y),
        num(x0),
        num(y + 12.0)
    );
    text(
        &mut out,
        x0 + 8.0,
        y + 10.0,
        12.0,
        "start",
        "",
        &format!(
            "{} ({})",
            lang.t("qca-plots-range-initial"),
            crate::html::count_or_number(p.initial)
        ),
    );
    if p.stable.is_some() {
        let _ = write!(
            out,
            r##"<rect x="{}" y="{}" width="14" height="12" fill="#cfe8d5" stroke="#5aa469" stroke-dasharray="3 2"/>"##,
            num(x0 + 200.0),
            num(y)
        );
        text(
            &mut out,
            x0 + 220.0,
            y + 10.0,
            12.0,
            "start",
            "",
            &lang.t("qca-plots-range-stable"),
        );
    }
    y += 18.0;
    if has_measures {
        for (k, name) in p.measures.iter().enumerate() {
            let colour = MEASURE_COLOURS[k % MEASURE_COLOURS.len()];
            let shape = [
                Shape::Circle,
                Shape::Square,
                Shape::TriangleUp,
                Shape::Diamond,
            ][k % 4];
            key.push((shape, colour, name.clone()));
        }
        y = legend(&mut out, &key, x0, y, x1 - x0, 4);
    }
    for (band, line) in &legend_lines {
        if *band != usize::MAX {
            let (shape, colour) = style(*band);
            marker(&mut out, shape, x0 + 7.0, y + 6.0, 4.5, colour, "");
        }
        text(
            &mut out,
            x0 + 18.0,
            y + 10.0,
            legend_font,
            "start",
            "",
            line,
        );
        y += 18.0;
    }
    out.push_str("</svg>");
    out
}

// ---------------------------------------------------------------------------------------
// 2. XY plots with case types
// ---------------------------------------------------------------------------------------

/// The type of a case in an XY plot of a sufficient solution X and outcome Y (Schneider and
/// Rohlfing; SetMethods' cases.suf.*), or in the robustness plot of an initial solution IS
/// against a test solution TS (SetMethods' rob.cases).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum CaseType {
    /// X > 0.5, Y > 0.5, X ≤ Y.
    Typical,
    /// X > 0.5, Y > 0.5, X > Y.
    DeviantConsistencyDegree,
    /// X > 0.5, Y < 0.5.
    DeviantConsistencyKind,
    /// X < 0.5, Y > 0.5.
    DeviantCoverage,
    /// X < 0.5, Y < 0.5: individually irrelevant.
    Irrelevant,
    /// IS·TS > 0.5 and Y > 0.5.
    RobustTypical,
    /// IS·TS > 0.5 and Y < 0.5.
    RobustDeviant,
    /// IS·~TS > 0.5 and Y > 0.5.
    ShakyTypical,
    /// IS·~TS > 0.5 and Y < 0.5.
    ShakyDeviant,
    /// ~IS·TS > 0.5 and Y > 0.5.
    PossibleTypical,
    /// ~IS·TS > 0.5 and Y < 0.5.
    PossibleDeviant,
    /// ~IS·~TS > 0.5 and Y > 0.5: extreme deviant coverage.
    ExtremeDeviantCoverage,
    /// ~IS·~TS > 0.5 and Y < 0.5.
    RobustIrrelevant,
    /// A membership of exactly 0.5: no type.
    Unclassified,
    /// No classification (e.g. an XY plot of a necessity relation): a plain marker.
    Plain,
}

impl CaseType {
    /// The catalogue key suffix (`qca-plots-type-<id>`), also the CSS class.
    pub fn id(self) -> &'static str {
        match self {
            CaseType::Typical => "typical",
            CaseType::DeviantConsistencyDegree => "deviant-degree",
            CaseType::DeviantConsistencyKind => "deviant-kind",
            CaseType::DeviantCoverage => "deviant-coverage",
            CaseType::Irrelevant => "irrelevant",
            CaseType::RobustTypical => "robust-typical",
            CaseType::RobustDeviant => "robust-deviant",
            CaseType::ShakyTypical => "shaky-typical",
            CaseType::ShakyDeviant => "shaky-deviant",
            CaseType::PossibleTypical => "possible-typical",
            CaseType::PossibleDeviant => "possible-deviant",
            CaseType::ExtremeDeviantCoverage => "extreme-deviant",
            CaseType::RobustIrrelevant => "robust-irrelevant",
            CaseType::Unclassified => "unclassified",
            CaseType::Plain => "case",
        }
    }

    /// The marker of this type: shape and colour.
    pub fn style(self) -> (Shape, &'static str) {
        match self {
            CaseType::Typical | CaseType::RobustTypical => (Shape::Circle, "#0072b2"),
            CaseType::DeviantConsistencyDegree | CaseType::ShakyTypical => {
                (Shape::Diamond, "#e69f00")
            }
            CaseType::DeviantConsistencyKind | CaseType::RobustDeviant => {
                (Shape::TriangleDown, "#d55e00")
            }
            CaseType::DeviantCoverage | CaseType::PossibleTypical => (Shape::Square, "#cc79a7"),
            CaseType::Irrelevant | CaseType::RobustIrrelevant => (Shape::Plus, "#777777"),
            CaseType::ShakyDeviant => (Shape::Cross, "#d55e00"),
            CaseType::PossibleDeviant => (Shape::TriangleUp, "#009e73"),
            CaseType::ExtremeDeviantCoverage => (Shape::OpenSquare, "#000000"),
            CaseType::Unclassified => (Shape::OpenCircle, "#555555"),
            CaseType::Plain => (Shape::Circle, "#1f5f8b"),
        }
    }

    /// The name of this type in `lang`.
    pub fn name(self, lang: Lang) -> String {
        lang.t(&format!("qca-plots-type-{}", self.id()))
    }
}

/// One case in an XY plot.
#[derive(Clone, Debug, PartialEq)]
pub struct XyCase {
    /// Its name (tooltip, label).
    pub name: String,
    /// Membership in X (the solution, or the initial solution).
    pub x: f64,
    /// Membership in Y (the outcome, or the test solution).
    pub y: f64,
    /// Its type (the marker).
    pub kind: CaseType,
    /// Write its name next to the marker (where there is room).
    pub label: bool,
}

/// An XY plot with the case types marked.
#[derive(Clone, Debug, PartialEq)]
pub struct XyCaseTypes {
    /// Language of the fixed words.
    pub lang: Lang,
    /// The plot's title (`<title>`).
    pub title: String,
    /// X axis title (e.g. the solution `DEV*~IND + URB*STB`).
    pub x_label: String,
    /// Y axis title (e.g. the outcome `SURV`).
    pub y_label: String,
    /// A line under the plot, e.g. the fit (`inclS 0.904; covS 0.752`); may be empty.
    pub subtitle: String,
    /// The cases.
    pub cases: Vec<XyCase>,
    /// The robustness variant (SetMethods' rob.xyplot): X is the initial solution, Y the
    /// test solution (or robust core), and the four quadrants are named.
    pub robustness: bool,
}

/// Renders an [`XyCaseTypes`] plot: the frame 0..1 × 0..1, the lines at 0.5 and the
/// diagonal, one marker per case (shape and colour by type, a tooltip with the name, the
/// values and the type), names where they fit (via [`place_labels`]), and a legend of the
/// types present with their counts.
pub fn xy_case_types_plot(p: &XyCaseTypes) -> String {
    let lang = p.lang;
    const LEFT: f64 = 58.0;
    const RIGHT: f64 = 16.0;
    const TOP: f64 = 16.0;
    let width = crate::svg::XY_SIZE;
    let plot_bottom = TOP + (width - LEFT - RIGHT);
    let (x0, x1, y0, y1) = (LEFT, width - RIGHT, plot_bottom, TOP);
    let x_axis = Axis::membership(&p.x_label);
    let y_axis = Axis::membership(&p.y_label);
    let px = |v: f64| x_axis.scale(v, x0, x1 - x0);
    let py = |v: f64| y_axis.scale(v, y0, y1 - y0);

    let mut counts: BTreeMap<CaseType, usize> = BTreeMap::new();
    for c in p
        .cases
        .iter()
        .filter(|c| c.x.is_finite() && c.y.is_finite())
    {
        *counts.entry(c.kind).or_default() += 1;
    }
    let entries: Vec<(Shape, &str, String)> = counts
        .iter()
        .map(|(k, n)| {
            let (shape, colour) = k.style();
            (shape, colour, format!("{} ({n})", k.name(lang)))
        })
        .collect();
    let x_title_y = y0 + 40.0;
    let mut legend_top = x_title_y + 12.0;
    let subtitle_lines = if p.subtitle.is_empty() {
        Vec::new()
    } else {
        wrap(&p.subtitle, "; ", width - 20.0, 12.0)
    };
    legend_top += 16.0 * subtitle_lines.len() as f64;
    let height = legend_top + entries.len().div_ceil(2) as f64 * 18.0 + 8.0;

    let aria = lang.tr(
        "qca-plots-xy-aria",
        &[
            ("x", Arg::from(p.x_label.as_str())),
            ("y", Arg::from(p.y_label.as_str())),
            ("cases", Arg::from(p.cases.len())),
        ],
    );
    let mut out = String::with_capacity(8192);
    open_svg(&mut out, width, height, &p.title, &aria);
    axes(&mut out, &x_axis, Some(&y_axis), x0, x1, y0, y1, x_title_y);
    let _ = write!(
        out,
        r#"<line class="diagonal" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{GUIDE}" stroke-width="1"/>"#,
        num(px(0.0)),
        num(py(0.0)),
        num(px(1.0)),
        num(py(1.0))
    );
    let _ = write!(
        out,
        r#"<line class="guide" x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="{GUIDE}" stroke-dasharray="4 3"/><line class="guide" x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{GUIDE}" stroke-dasharray="4 3"/>"#,
        num(y0),
        num(y1),
        num(x0),
        num(x1),
        x = num(px(0.5)),
        y = num(py(0.5)),
    );
    let mut obstacles: Vec<Rect> = Vec::new();
    if p.robustness {
        // The zones of rob.xyplot: IS·TS (upper right), IS·~TS (lower right), ~IS·TS
        // (upper left), ~IS·~TS (lower left).
        for (key, x, y, anchor) in [
            ("qca-plots-zone-robust", x1 - 4.0, y1 + 14.0, "end"),
            ("qca-plots-zone-shaky", x1 - 4.0, py(0.5) + 14.0, "end"),
            ("qca-plots-zone-possible", x0 + 4.0, y1 + 14.0, "start"),
            ("qca-plots-zone-extreme", x0 + 4.0, py(0.5) + 14.0, "start"),
        ] {
            let label = lang.t(key);
            let w = label_width(&label, 11.0);
            let left = if anchor == "end" { x - w } else { x };
            obstacles.push(Rect {
                left,
                top: y - 11.0,
                right: left + w,
                bottom: y + 3.0,
            });
            text(
                &mut out,
                x,
                y,
                11.0,
                anchor,
                r##" class="zone" fill="#555" font-style="italic""##,
                &label,
            );
        }
    }
    // Markers: unclassified first, then the types in order, so deviant cases are on top of
    // typical ones where they overlap.
    let mut order: Vec<usize> = (0..p.cases.len()).collect();
    order.sort_by_key(|&i| {
        let k = p.cases[i].kind;
        (k != CaseType::Unclassified, k == CaseType::Typical, i)
    });
    out.push_str(r#"<g class="cases">"#);
    for &i in &order {
        let c = &p.cases[i];
        if !(c.x.is_finite() && c.y.is_finite()) {
            continue;
        }
        let (shape, colour) = c.kind.style();
        let tip = format!(
            "{}: {}, {} ({})",
            c.name,
            f3(c.x),
            f3(c.y),
            c.kind.name(lang)
        );
        let _ = write!(out, r#"<g class="case {}">"#, c.kind.id());
        marker(&mut out, shape, px(c.x), py(c.y), 4.0, colour, &tip);
        out.push_str("</g>");
    }
    out.push_str("</g>");
    let at: Vec<(f64, f64, &str)> = p
        .cases
        .iter()
        .filter(|c| c.x.is_finite() && c.y.is_finite())
        .map(|c| (px(c.x), py(c.y), if c.label { c.name.as_str() } else { "" }))
        .collect();
    let area = Rect {
        left: x0 + 1.0,
        top: y1 + 1.0,
        right: x1 - 1.0,
        bottom: y0 - 1.0,
    };
    for l in place_labels_avoiding(&at, &obstacles, area, POINT_LABEL_FONT) {
        let _ = write!(
            out,
            r#"<text class="pl" x="{}" y="{}" font-size="{POINT_LABEL_FONT}" {FONT} text-anchor="{}">{}</text>"#,
            num(l.x),
            num(l.y),
            l.anchor,
            escape(at[l.point].2)
        );
    }
    let mut y = x_title_y + 20.0;
    for line in &subtitle_lines {
        text(&mut out, x0, y, 12.0, "start", r#" class="subtitle""#, line);
        y += 16.0;
    }
    legend(&mut out, &entries, x0, legend_top, x1 - x0, 2);
    out.push_str("</svg>");
    out
}

// ---------------------------------------------------------------------------------------
// 3. Configuration chart
// ---------------------------------------------------------------------------------------

/// What a term says about a condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartCell {
    /// The condition is present (●).
    Present,
    /// The condition is absent (⊗).
    Absent,
    /// A multi-value condition at this level (the level printed in a circle).
    Level(u8),
    /// The term does not mention the condition (blank).
    DontCare,
}

/// One column of a configuration chart: a term with its cells and fit.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartTerm {
    /// Column heading (e.g. the term `DEV*~IND`, or `1`, `2a`).
    pub label: String,
    /// One cell per condition of [`ConfigChart::conditions`].
    pub cells: Vec<ChartCell>,
    /// Per condition: whether it is a core condition (also in the parsimonious solution).
    /// Ignored unless [`ConfigChart::core_known`].
    pub core: Vec<bool>,
    /// Consistency (inclS).
    pub consistency: f64,
    /// Raw coverage (covS).
    pub raw_coverage: f64,
    /// Unique coverage (covU).
    pub unique_coverage: f64,
}

/// The configuration chart of a solution (Ragin and Fiss): columns are terms, rows are
/// conditions.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfigChart {
    /// Language of the fixed words.
    pub lang: Lang,
    /// The plot's title (`<title>`), e.g. the solution's formula.
    pub title: String,
    /// The conditions, in row order.
    pub conditions: Vec<String>,
    /// The terms, in column order.
    pub terms: Vec<ChartTerm>,
    /// Whether core and peripheral conditions are told apart (large and small circles).
    pub core_known: bool,
    /// Consistency of the solution.
    pub solution_consistency: f64,
    /// Coverage of the solution.
    pub solution_coverage: f64,
}

/// Renders a [`ConfigChart`]: a table with a column per term and a row per condition;
/// ● present, ⊗ absent, blank not in the term; large circles for core conditions and small
/// for peripheral ones (when known); under it consistency, raw and unique coverage per term
/// and the solution's consistency and coverage, and a key to the symbols.
pub fn configuration_chart(c: &ConfigChart) -> String {
    let lang = c.lang;
    const FONT_SIZE: f64 = 12.0;
    const ROW: f64 = 26.0;
    let row_names: Vec<String> = c
        .conditions
        .iter()
        .cloned()
        .chain(
            [
                "qca-plots-chart-consistency",
                "qca-plots-chart-raw-coverage",
                "qca-plots-chart-unique-coverage",
                "qca-plots-chart-solution-consistency",
                "qca-plots-chart-solution-coverage",
            ]
            .iter()
            .map(|k| lang.t(k)),
        )
        .collect();
    let head_w = row_names
        .iter()
        .map(|n| label_width(n, FONT_SIZE))
        .fold(60.0, f64::max)
        + 16.0;
    let col_w: Vec<f64> = c
        .terms
        .iter()
        .map(|t| (label_width(&t.label, FONT_SIZE) * 1.15 + 24.0).max(64.0))
        .collect();
    let table_w = head_w + col_w.iter().sum::<f64>();
    let key_w = 30.0
        + [
            "qca-plots-chart-present",
            "qca-plots-chart-absent",
            "qca-plots-chart-key-core",
            "qca-plots-chart-key-peripheral",
            "qca-plots-chart-blank",
        ]
        .iter()
        .filter(|k| c.core_known || !k.ends_with("core") && !k.ends_with("peripheral"))
        .map(|k| 22.0 + label_width(&lang.t(k), 11.0))
        .sum::<f64>();
    let width = (table_w + 20.0).max(key_w);
    let left = 10.0;
    let top = 10.0;
    let header_h = 30.0;
    let n_cond = c.conditions.len();
    let body_top = top + header_h;
    let fit_top = body_top + ROW * n_cond as f64;
    let sol_top = fit_top + ROW * 3.0;
    let table_bottom = sol_top + ROW * 2.0;
    let key_top = table_bottom + 14.0;
    let height = key_top + 30.0;
    let aria = lang.tr(
        "qca-plots-chart-aria",
        &[
            ("terms", Arg::from(c.terms.len())),
            ("conditions", Arg::from(n_cond)),
        ],
    );
    let mut out = String::with_capacity(8192);
    open_svg(&mut out, width, height, &c.title, &aria);
    // Column x positions.
    let mut col_x = Vec::with_capacity(c.terms.len());
    let mut x = left + head_w;
    for w in &col_w {
        col_x.push(x);
        x += w;
    }
    let right = x;
    // Zebra rows for the conditions, rules between the parts.
    for r in 0..n_cond {
        if r % 2 == 1 {
            let _ = write!(
                out,
                r##"<rect x="{}" y="{}" width="{}" height="{ROW}" fill="#f2f2f2"/>"##,
                num(left),
                num(body_top + ROW * r as f64),
                num(right - left)
            );
        }
    }
    for (y, w) in [
        (body_top, 1.5),
        (fit_top, 1.0),
        (sol_top, 1.0),
        (table_bottom, 1.5),
    ] {
        let _ = write!(
            out,
            r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{AXIS}" stroke-width="{w}"/>"#,
            num(left),
            num(right),
            y = num(y)
        );
    }
    // Headings.
    for (j, t) in c.terms.iter().enumerate() {
        let cx = col_x[j] + col_w[j] / 2.0;
        let _ = write!(out, r#"<g class="term">"#);
        text(
            &mut out,
            cx,
            top + header_h - 10.0,
            FONT_SIZE,
            "middle",
            r#" font-weight="bold""#,
            &t.label,
        );
        out.push_str("</g>");
    }
    for (r, name) in row_names.iter().enumerate() {
        let y = body_top + ROW * r as f64 + ROW / 2.0 + 4.0;
        text(&mut out, left + 6.0, y, FONT_SIZE, "start", "", name);
    }
    // Cells.
    for (j, t) in c.terms.iter().enumerate() {
        let cx = col_x[j] + col_w[j] / 2.0;
        for (r, cell) in t.cells.iter().enumerate().take(n_cond) {
            let cy = body_top + ROW * r as f64 + ROW / 2.0;
            let core = !c.core_known || t.core.get(r).copied().unwrap_or(false);
            let rad = if core { 8.0 } else { 4.5 };
            let role = if !c.core_known {
                String::new()
            } else if core {
                format!(" ({})", lang.t("qca-plots-chart-core"))
            } else {
                format!(" ({})", lang.t("qca-plots-chart-peripheral"))
            };
            let tip = |state: &str| format!("{}: {} {state}{role}", t.label, c.conditions[r]);
            match cell {
                ChartCell::Present => {
                    let _ = write!(
                        out,
                        r##"<circle class="present" cx="{}" cy="{}" r="{}" fill="#111"><title>{}</title></circle>"##,
                        num(cx),
                        num(cy),
                        num(rad),
                        escape(&tip(&lang.t("qca-plots-chart-present")))
                    );
                }
                ChartCell::Absent => {
                    let d = rad * std::f64::consts::FRAC_1_SQRT_2;
                    let _ = write!(
                        out,
                        r##"<g class="absent" fill="none" stroke="#111" stroke-width="{}"><title>{}</title><circle cx="{}" cy="{}" r="{}"/><path d="M{} {}L{} {}M{} {}L{} {}"/></g>"##,
                        if core { "1.8" } else { "1.3" },
                        escape(&tip(&lang.t("qca-plots-chart-absent"))),
                        num(cx),
                        num(cy),
                        num(rad),
                        num(cx - d),
                        num(cy - d),
                        num(cx + d),
                        num(cy + d),
                        num(cx - d),
                        num(cy + d),
                        num(cx + d),
                        num(cy - d)
                    );
                }
                ChartCell::Level(v) => {
                    let rad = if core { 9.0 } else { 6.5 };
                    let _ = write!(
                        out,
                        r##"<g class="level"><title>{}</title><circle cx="{}" cy="{}" r="{}" fill="#fff" stroke="#111" stroke-width="1.5"/>"##,
                        escape(&tip(&format!("[{v}]"))),
                        num(cx),
                        num(cy),
                        num(rad)
                    );
                    let size = if core { 11.0 } else { 9.0 };
                    text(
                        &mut out,
                        cx,
                        cy + size * 0.36,
                        size,
                        "middle",
                        "",
                        &v.to_string(),
                    );
                    out.push_str("</g>");
                }
                ChartCell::DontCare => {}
            }
        }
        for (k, v) in [t.consistency, t.raw_coverage, t.unique_coverage]
            .iter()
            .enumerate()
        {
            let y = fit_top + ROW * k as f64 + ROW / 2.0 + 4.0;
            text(&mut out, cx, y, FONT_SIZE, "middle", "", &f3(*v));
        }
    }
    let mid = (left + head_w + right) / 2.0;
    for (k, v) in [c.solution_consistency, c.solution_coverage]
        .iter()
        .enumerate()
    {
        let y = sol_top + ROW * k as f64 + ROW / 2.0 + 4.0;
        text(&mut out, mid, y, FONT_SIZE, "middle", "", &f3(*v));
    }
    // Key.
    let ky = key_top + 10.0;
    let mut kx = left + 8.0;
    let key_item =
        |out: &mut String, kx: &mut f64, draw: &dyn Fn(&mut String, f64), label: String| {
            draw(out, *kx);
            text(out, *kx + 12.0, ky + 4.0, 11.0, "start", "", &label);
            *kx += 22.0 + label_width(&label, 11.0);
        };
    key_item(
        &mut out,
        &mut kx,
        &|out, x| {
            let _ = write!(
                out,
                r##"<circle cx="{}" cy="{}" r="6" fill="#111"/>"##,
                num(x),
                num(ky)
            );
        },
        lang.t("qca-plots-chart-present"),
    );
    key_item(
        &mut out,
        &mut kx,
        &|out, x| {
            let d = 6.0 * std::f64::consts::FRAC_1_SQRT_2;
            let _ = write!(
                out,
                r##"<g fill="none" stroke="#111" stroke-width="1.5"><circle cx="{}" cy="{}" r="6"/><path d="M{} {}L{} {}M{} {}L{} {}"/></g>"##,
                num(x),
                num(ky),
                num(x - d),
                num(ky - d),
                num(x + d),
                num(ky + d),
                num(x - d),
                num(ky + d),
                num(x + d),
                num(ky - d)
            );
        },
        lang.t("qca-plots-chart-absent"),
    );
    if c.core_known {
        key_item(
            &mut out,
            &mut kx,
            &|out, x| {
                let _ = write!(
                    out,
                    r##"<circle cx="{}" cy="{}" r="7" fill="#111"/>"##,
                    num(x),
                    num(ky)
                );
            },
            lang.t("qca-plots-chart-key-core"),
        );
        key_item(
            &mut out,
            &mut kx,
            &|out, x| {
                let _ = write!(
                    out,
                    r##"<circle cx="{}" cy="{}" r="4" fill="#111"/>"##,
                    num(x),
                    num(ky)
                );
            },
            lang.t("qca-plots-chart-key-peripheral"),
        );
    }
    text(
        &mut out,
        kx,
        ky + 4.0,
        11.0,
        "start",
        "",
        &lang.t("qca-plots-chart-blank"),
    );
    out.push_str("</svg>");
    out
}

// ---------------------------------------------------------------------------------------
// 4. Venn diagrams
// ---------------------------------------------------------------------------------------

/// The most sets a Venn diagram shows.
pub const VENN_MAX_SETS: usize = 5;

/// The output value of a truth-table row, as a Venn region shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VennOut {
    /// Positive (OUT = 1).
    One,
    /// Negative (OUT = 0).
    Zero,
    /// Contradiction (OUT = C).
    Contradiction,
    /// Remainder (OUT = ?).
    Remainder,
}

impl VennOut {
    /// R's code: `1`, `0`, `C`, `?`.
    pub fn code(self) -> &'static str {
        match self {
            VennOut::One => "1",
            VennOut::Zero => "0",
            VennOut::Contradiction => "C",
            VennOut::Remainder => "?",
        }
    }

    fn fill(self) -> &'static str {
        match self {
            VennOut::One => "#8fd19e",
            VennOut::Zero => "#ffffff",
            VennOut::Contradiction => "#f5b971",
            VennOut::Remainder => "url(#PREFIX-hatch)",
        }
    }

    fn key(self) -> &'static str {
        match self {
            VennOut::One => "qca-plots-venn-out-one",
            VennOut::Zero => "qca-plots-venn-out-zero",
            VennOut::Contradiction => "qca-plots-venn-out-contradiction",
            VennOut::Remainder => "qca-plots-venn-out-remainder",
        }
    }
}

/// One region of a Venn diagram: a configuration of the sets.
#[derive(Clone, Debug, PartialEq)]
pub struct VennRegion {
    /// Membership per set, in the order of [`Venn::sets`] (true = in the set).
    pub config: Vec<bool>,
    /// Its output value.
    pub out: VennOut,
    /// Its cases (names); their number is printed.
    pub cases: Vec<String>,
}

/// A Venn diagram of a truth table.
#[derive(Clone, Debug, PartialEq)]
pub struct Venn {
    /// Language of the fixed words.
    pub lang: Lang,
    /// The plot's title (`<title>`).
    pub title: String,
    /// A prefix for the ids of the clip paths and masks, unique within a page (e.g.
    /// `venn-1`); letters, digits and `-` only.
    pub id: String,
    /// The sets (conditions), 1 to [`VENN_MAX_SETS`].
    pub sets: Vec<String>,
    /// The regions; configurations not listed are remainders without cases.
    pub regions: Vec<VennRegion>,
    /// Print the case names under the counts (in diagrams of at most three sets).
    pub show_names: bool,
}

/// Why a plot cannot be drawn: a value, not a panic.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlotError {
    /// A Venn diagram of more sets than it can show.
    #[error("a Venn diagram shows 1 to {max} sets, not {sets}")]
    TooManySets {
        /// The sets asked for.
        sets: usize,
        /// [`VENN_MAX_SETS`].
        max: usize,
    },
    /// A region's configuration does not have one value per set.
    #[error("a Venn region has {got} memberships for {sets} sets")]
    BadRegion {
        /// The sets.
        sets: usize,
        /// The memberships given.
        got: usize,
    },
}

impl PlotError {
    /// The error as a catalogue message.
    pub fn msg(&self) -> Msg {
        match self {
            PlotError::TooManySets { sets, max } => {
                msg!("qca-plots-venn-too-many", sets = *sets, max = *max)
            }
            PlotError::BadRegion { sets, got } => {
                msg!("qca-plots-venn-bad-region", sets = *sets, got = *got)
            }
        }
    }
}

/// An ellipse in the Venn diagram's world coordinates (the box −1.3..1.3 in both
/// directions, y downwards as in SVG); `angle` in degrees, clockwise as SVG's `rotate`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ellipse {
    /// Centre, x.
    pub cx: f64,
    /// Centre, y.
    pub cy: f64,
    /// Semi-axis along the rotated x direction.
    pub rx: f64,
    /// Semi-axis along the rotated y direction.
    pub ry: f64,
    /// Rotation in degrees.
    pub angle: f64,
}

impl Ellipse {
    /// Whether (x, y) lies inside (or on) the ellipse.
    pub fn contains(&self, x: f64, y: f64) -> bool {
        let t = self.angle.to_radians();
        let (dx, dy) = (x - self.cx, y - self.cy);
        let u = dx * t.cos() + dy * t.sin();
        let v = -dx * t.sin() + dy * t.cos();
        (u / self.rx).powi(2) + (v / self.ry).powi(2) <= 1.0
    }
}

/// Half the side of the Venn diagram's world box.
pub const VENN_BOX: f64 = 1.3;

/// The shapes of a Venn diagram of `k` sets (1 to 5): circles for up to three sets,
/// ellipses for four and five (as the `venn` package that R's QCA uses), placed so that all
/// 2^k regions exist. `None` for other `k`.
pub fn venn_shapes(k: usize) -> Option<Vec<Ellipse>> {
    let circle = |cx: f64, cy: f64, r: f64| Ellipse {
        cx,
        cy,
        rx: r,
        ry: r,
        angle: 0.0,
    };
    Some(match k {
        1 => vec![circle(0.0, 0.0, 0.75)],
        2 => vec![circle(-0.38, 0.0, 0.68), circle(0.38, 0.0, 0.68)],
        3 => (0..3)
            .map(|i| {
                let a = (-90.0 + 120.0 * i as f64).to_radians();
                circle(0.4 * a.cos(), 0.4 * a.sin() + 0.08, 0.66)
            })
            .collect(),
        4 => {
            // Two mirrored pairs of ellipses at ±45°.
            let (c1, y1, c2, y2, a, b) = VENN4;
            vec![
                Ellipse {
                    cx: -c1,
                    cy: y1,
                    rx: a,
                    ry: b,
                    angle: 45.0,
                },
                Ellipse {
                    cx: -c2,
                    cy: y2,
                    rx: a,
                    ry: b,
                    angle: 45.0,
                },
                Ellipse {
                    cx: c2,
                    cy: y2,
                    rx: a,
                    ry: b,
                    angle: -45.0,
                },
                Ellipse {
                    cx: c1,
                    cy: y1,
                    rx: a,
                    ry: b,
                    angle: -45.0,
                },
            ]
        }
        5 => {
            // Five congruent ellipses turned by 72° each (Grünbaum's symmetric diagram).
            let (d, a, b, alpha) = VENN5;
            (0..5)
                .map(|i| {
                    let theta = -90.0 + 72.0 * i as f64;
                    let t = f64::to_radians(theta);
                    Ellipse {
                        cx: d * t.cos(),
                        cy: d * t.sin(),
                        rx: a,
                        ry: b,
                        angle: theta + alpha,
                    }
                })
                .collect()
        }
        _ => return None,
    })
}

/// Four ellipses: (x offset of the outer pair, its y, x offset of the inner pair, its y,
/// semi-axes a, b), found by a search for the largest smallest region.
const VENN4: (f64, f64, f64, f64, f64, f64) = (-0.039, -0.077, 0.229, 0.206, 1.099, 0.554);
/// Five ellipses: (distance of the centres from the middle, semi-axes a, b, turn of each
/// ellipse against its direction from the middle in degrees).
const VENN5: (f64, f64, f64, f64) = (0.26, 0.9, 0.45, -15.3);

/// The membership pattern of a point: bit i set when inside shape i.
fn pattern(shapes: &[Ellipse], x: f64, y: f64) -> usize {
    shapes
        .iter()
        .enumerate()
        .filter(|(_, e)| e.contains(x, y))
        .fold(0, |m, (i, _)| m | (1 << i))
}

/// Grid resolution used to find a label point inside every region.
const VENN_GRID: usize = 240;

/// A point well inside each of the 2^k regions (world coordinates), indexed by the
/// membership pattern (bit i = in set i): the grid point farthest from the region's edge
/// (a discrete distance transform). `None` for a region that has no grid point.
pub fn venn_label_points(shapes: &[Ellipse]) -> Vec<Option<(f64, f64)>> {
    let n = VENN_GRID;
    let step = 2.0 * VENN_BOX / n as f64;
    let at = |i: usize| -VENN_BOX + step * (i as f64 + 0.5);
    let mut pat = vec![0usize; n * n];
    for r in 0..n {
        for c in 0..n {
            pat[r * n + c] = pattern(shapes, at(c), at(r));
        }
    }
    // Chamfer distance (3-4) to the nearest cell of another pattern or the box edge.
    const INF: u32 = u32::MAX / 2;
    let mut dist = vec![INF; n * n];
    for r in 0..n {
        for c in 0..n {
            let p = pat[r * n + c];
            let edge = r == 0 || c == 0 || r + 1 == n || c + 1 == n;
            let differs = !edge
                && (pat[(r - 1) * n + c] != p
                    || pat[(r + 1) * n + c] != p
                    || pat[r * n + c - 1] != p
                    || pat[r * n + c + 1] != p);
            if edge || differs {
                dist[r * n + c] = 0;
            }
        }
    }
    for r in 0..n {
        for c in 0..n {
            let mut d = dist[r * n + c];
            if r > 0 {
                d = d.min(dist[(r - 1) * n + c] + 3);
                if c > 0 {
                    d = d.min(dist[(r - 1) * n + c - 1] + 4);
                }
                if c + 1 < n {
                    d = d.min(dist[(r - 1) * n + c + 1] + 4);
                }
            }
            if c > 0 {
                d = d.min(dist[r * n + c - 1] + 3);
            }
            dist[r * n + c] = d;
        }
    }
    for r in (0..n).rev() {
        for c in (0..n).rev() {
            let mut d = dist[r * n + c];
            if r + 1 < n {
                d = d.min(dist[(r + 1) * n + c] + 3);
                if c > 0 {
                    d = d.min(dist[(r + 1) * n + c - 1] + 4);
                }
                if c + 1 < n {
                    d = d.min(dist[(r + 1) * n + c + 1] + 4);
                }
            }
            if c + 1 < n {
                d = d.min(dist[r * n + c + 1] + 3);
            }
            dist[r * n + c] = d;
        }
    }
    let mut best: Vec<Option<(u32, usize)>> = vec![None; 1 << shapes.len()];
    for (i, (&p, &d)) in pat.iter().zip(&dist).enumerate() {
        if best[p].is_none_or(|(bd, _)| d > bd) {
            best[p] = Some((d, i));
        }
    }
    best.iter()
        .map(|b| b.map(|(_, i)| (at(i % n), at(i / n))))
        .collect()
}

/// Renders a [`Venn`] diagram: each region filled by its output value (1 green, 0 white,
/// C orange, remainders hatched grey) and labelled with the value's code and its number of
/// cases (and their names with `show_names`, up to three sets); the outline and name of
/// each set; a key. More than [`VENN_MAX_SETS`] sets is a [`PlotError`].
pub fn venn(v: &Venn) -> Result<String, PlotError> {
    let lang = v.lang;
    let k = v.sets.len();
    let Some(shapes) = venn_shapes(k).filter(|_| k <= VENN_MAX_SETS) else {
        return Err(PlotError::TooManySets {
            sets: k,
            max: VENN_MAX_SETS,
        });
    };
    let mut regions: Vec<Option<&VennRegion>> = vec![None; 1 << k];
    for r in &v.regions {
        if r.config.len() != k {
            return Err(PlotError::BadRegion {
                sets: k,
                got: r.config.len(),
            });
        }
        let m = r
            .config
            .iter()
            .enumerate()
            .filter(|(_, b)| **b)
            .fold(0, |m, (i, _)| m | (1 << i));
        regions[m] = Some(r);
    }
    let id: String =
        v.id.chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
    let id = if id.is_empty() {
        "venn".to_string()
    } else {
        id
    };
    let size = 480.0;
    let margin = 10.0;
    let scale = size / (2.0 * VENN_BOX);
    let wx = |x: f64| margin + (x + VENN_BOX) * scale;
    let wy = |y: f64| margin + (y + VENN_BOX) * scale;
    let width = size + 2.0 * margin;
    let key_top = size + 2.0 * margin + 6.0;
    let height = key_top + 18.0 * 3.0 + 6.0;
    let aria = lang.tr(
        "qca-plots-venn-aria",
        &[
            ("sets", Arg::from(k)),
            ("names", Arg::from(v.sets.join(", "))),
        ],
    );
    let mut out = String::with_capacity(16384);
    open_svg(&mut out, width, height, &v.title, &aria);
    let ellipse_attrs = |e: &Ellipse| {
        let (cx, cy) = (num(wx(e.cx)), num(wy(e.cy)));
        let rot = if e.angle == 0.0 {
            String::new()
        } else {
            format!(r#" transform="rotate({} {cx} {cy})""#, num(e.angle))
        };
        format!(
            r#"cx="{cx}" cy="{cy}" rx="{}" ry="{}"{rot}"#,
            num(e.rx * scale),
            num(e.ry * scale)
        )
    };
    // Definitions: a clip path per set (inside) and a mask per set (outside), the hatching.
    out.push_str("<defs>");
    let _ = write!(
        out,
        r##"<pattern id="{id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#e6e6e6"/><line x1="0" y1="0" x2="0" y2="6" stroke="#9a9a9a" stroke-width="1.5"/></pattern>"##
    );
    for (i, e) in shapes.iter().enumerate() {
        let attrs = ellipse_attrs(e);
        let _ = write!(
            out,
            r#"<clipPath id="{id}-in{i}"><ellipse {attrs}/></clipPath><mask id="{id}-out{i}" maskUnits="userSpaceOnUse" x="0" y="0" width="{w}" height="{h}"><rect width="{w}" height="{h}" fill="white"/><ellipse {attrs} fill="black"/></mask>"#,
            w = num(width),
            h = num(height),
        );
    }
    out.push_str("</defs>");
    let points = venn_label_points(&shapes);
    let config_text = |m: usize| -> String {
        v.sets
            .iter()
            .enumerate()
            .map(|(i, s)| {
                if m & (1 << i) != 0 {
                    s.clone()
                } else {
                    format!("~{s}")
                }
            })
            .collect::<Vec<_>>()
            .join("*")
    };
    // Regions.
    out.push_str(r#"<g class="regions">"#);
    for (m, region) in regions.iter().enumerate() {
        let out_value = region.map_or(VennOut::Remainder, |r| r.out);
        let cases = region.map_or(&[][..], |r| r.cases.as_slice());
        let tip = format!(
            "{}: OUT = {}, {}{}",
            config_text(m),
            out_value.code(),
            lang.tr("qca-plots-venn-cases", &[("n", Arg::from(cases.len()))]),
            if cases.is_empty() {
                String::new()
            } else {
                format!(": {}", cases.join("; "))
            }
        );
        let _ = write!(
            out,
            r#"<g class="region" data-region="{}"><title>{}</title>"#,
            region_code(m, k),
            escape(&tip)
        );
        for i in 0..k {
            if m & (1 << i) != 0 {
                let _ = write!(out, r#"<g clip-path="url(#{id}-in{i})">"#);
            } else {
                let _ = write!(out, r#"<g mask="url(#{id}-out{i})">"#);
            }
        }
        let fill = out_value.fill().replace("PREFIX", &id);
        let _ = write!(
            out,
            r#"<rect x="{m0}" y="{m0}" width="{s}" height="{s}" fill="{fill}"/>"#,
            m0 = num(margin),
            s = num(size),
        );
        for _ in 0..k {
            out.push_str("</g>");
        }
        out.push_str("</g>");
    }
    out.push_str("</g>");
    // Outlines.
    out.push_str(r#"<g class="sets" fill="none" stroke-width="2">"#);
    for (i, e) in shapes.iter().enumerate() {
        let _ = write!(
            out,
            r#"<ellipse class="venn-set" {} stroke="{}"/>"#,
            ellipse_attrs(e),
            PALETTE[i % PALETTE.len()]
        );
    }
    out.push_str("</g>");
    // Region labels.
    let font = if k >= 4 { 11.0 } else { 13.0 };
    for (m, region) in regions.iter().enumerate() {
        let Some((x, y)) = points[m] else { continue };
        let out_value = region.map_or(VennOut::Remainder, |r| r.out);
        let cases = region.map_or(&[][..], |r| r.cases.as_slice());
        let label = if cases.is_empty() {
            out_value.code().to_string()
        } else {
            format!("{} ({})", out_value.code(), cases.len())
        };
        let (sx, sy) = (wx(x), wy(y));
        let mut lines = vec![label];
        if v.show_names && k <= 3 && !cases.is_empty() {
            lines.extend(cases.iter().take(3).cloned());
            if cases.len() > 3 {
                lines.push("…".to_string());
            }
        }
        let top = sy + font * 0.35 - (lines.len() - 1) as f64 * font * 0.55;
        let _ = write!(
            out,
            r#"<text class="venn-label" data-region="{}" x="{}" y="{}" font-size="{font}" {FONT} text-anchor="middle">"#,
            region_code(m, k),
            num(sx),
            num(sy)
        );
        for (j, line) in lines.iter().enumerate() {
            let weight = if j == 0 { r#" font-weight="bold""# } else { "" };
            let size = if j == 0 { font } else { font - 2.0 };
            let _ = write!(
                out,
                r#"<tspan x="{}" y="{}" font-size="{size}"{weight}>{}</tspan>"#,
                num(sx),
                num(top + j as f64 * font * 1.1),
                escape(line)
            );
        }
        out.push_str("</text>");
    }
    // Set names, just outside each shape on the side away from the middle.
    for (i, e) in shapes.iter().enumerate() {
        let (nx, ny) = set_name_point(e, k);
        let anchor = if nx < -0.2 {
            "end"
        } else if nx > 0.2 {
            "start"
        } else {
            "middle"
        };
        let w = label_width(&v.sets[i], 14.0);
        let x = match anchor {
            "end" => wx(nx).max(margin + w),
            "start" => wx(nx).min(width - margin - w),
            _ => wx(nx).clamp(margin + w / 2.0, width - margin - w / 2.0),
        };
        text(
            &mut out,
            x,
            wy(ny) + 5.0,
            14.0,
            anchor,
            &format!(
                r#" class="set-name" font-weight="bold" fill="{}""#,
                PALETTE[i % PALETTE.len()]
            ),
            &v.sets[i],
        );
    }
    // Key.
    let mut kx = margin + 4.0;
    let mut ky = key_top;
    for o in [
        VennOut::One,
        VennOut::Zero,
        VennOut::Contradiction,
        VennOut::Remainder,
    ] {
        let label = format!("{} = {}", o.code(), lang.t(o.key()));
        let w = 30.0 + label_width(&label, 11.0);
        if kx + w > width - margin {
            kx = margin + 4.0;
            ky += 18.0;
        }
        let _ = write!(
            out,
            r#"<rect x="{}" y="{}" width="14" height="12" fill="{}" stroke="{AXIS}"/>"#,
            num(kx),
            num(ky),
            o.fill().replace("PREFIX", &id)
        );
        text(&mut out, kx + 20.0, ky + 10.0, 11.0, "start", "", &label);
        kx += w;
    }
    text(
        &mut out,
        margin + 4.0,
        ky + 30.0,
        11.0,
        "start",
        "",
        &lang.t("qca-plots-venn-key-count"),
    );
    out.push_str("</svg>");
    Ok(out)
}

/// The region's configuration as 0/1 digits, set 1 first (`101` = in sets 1 and 3).
fn region_code(m: usize, k: usize) -> String {
    (0..k)
        .map(|i| if m & (1 << i) != 0 { '1' } else { '0' })
        .collect()
}

/// Where the name of a set goes: beyond the shape's far end, away from the middle.
fn set_name_point(e: &Ellipse, k: usize) -> (f64, f64) {
    if k == 1 {
        return (0.0, -e.ry - 0.12);
    }
    // The point on the outline farthest from the origin, pushed out a little.
    let mut best = (0.0, 0.0, f64::NEG_INFINITY);
    for s in 0..72 {
        let t = (s as f64 * 5.0).to_radians();
        let (u, w) = (e.rx * t.cos(), e.ry * t.sin());
        let a = e.angle.to_radians();
        let x = e.cx + u * a.cos() - w * a.sin();
        let y = e.cy + u * a.sin() + w * a.cos();
        let d = x.hypot(y);
        if d > best.2 + 1e-9 {
            best = (x, y, d);
        }
    }
    let (x, y, d) = best;
    let f = (d + 0.1) / d.max(1e-9);
    ((x * f).clamp(-1.25, 1.25), (y * f).clamp(-1.22, 1.25))
}

/// An inline `<svg>` as a file of its own: the XML declaration and the SVG namespace.
pub fn standalone(svg: &str) -> String {
    let body = svg.strip_prefix("<svg ").unwrap_or(svg);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" {body}\n"
    )
}
