//! The QCA plots (`kantel_report::plots`): well-formed XML, same bytes twice, one marker per
//! case, one column per term, 2^k Venn regions with a label inside each, and the refusals.
//!
//! Set `KANTEL_PLOTS_DIR` to a directory to get the sample plots written there as files
//! (to look at them: `rsvg-convert` or `chromium --headless --screenshot`).

use kantel_report::Lang;
use kantel_report::plots::{
    CaseType, ChartCell, ChartTerm, ConfigChart, Ellipse, PlotError, RangePlot, RangePoint,
    VENN_BOX, Venn, VennOut, VennRegion, XyCase, XyCaseTypes, configuration_chart,
    robustness_range_plot, standalone, venn, venn_shapes, xy_case_types_plot,
};
use quick_xml::Reader;
use quick_xml::events::Event;

/// An element: name, attributes, and the text directly inside it.
#[derive(Debug, Clone)]
struct El {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
    /// Names of the enclosing elements, outermost first.
    path: Vec<String>,
}

impl El {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    fn num(&self, name: &str) -> f64 {
        self.attr(name)
            .unwrap_or_else(|| panic!("{} has no {name}", self.name))
            .parse()
            .expect("number")
    }
    fn class(&self) -> &str {
        self.attr("class").unwrap_or("")
    }
}

/// Parses an SVG with quick-xml (a real XML parser: unbalanced tags, bad escapes and
/// duplicate attributes are errors) into its elements in document order.
fn parse(svg: &str) -> Vec<El> {
    let mut reader = Reader::from_str(svg);
    reader.config_mut().check_end_names = true;
    let mut out: Vec<El> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut depth_names: Vec<String> = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let el = element(&e, &depth_names);
                depth_names.push(el.name.clone());
                out.push(el);
                stack.push(out.len() - 1);
            }
            Event::Empty(e) => {
                let el = element(&e, &depth_names);
                out.push(el);
            }
            Event::End(_) => {
                stack.pop().expect("balanced");
                depth_names.pop();
            }
            Event::Text(t) => {
                if let Some(&i) = stack.last() {
                    let s = t.xml10_content();
                    assert!(!s.contains('&'), "text split at references");
                    out[i].text.push_str(&s);
                }
            }
            Event::GeneralRef(r) => {
                // &amp; and friends: keep them so that text comparisons see the character.
                if let Some(&i) = stack.last() {
                    let name = r.xml10_content();
                    let c = match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        other if other.starts_with('#') => "?",
                        other => panic!("unknown entity &{other};"),
                    };
                    out[i].text.push_str(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty(), "unclosed elements");
    out
}

fn element(e: &quick_xml::events::BytesStart, path: &[String]) -> El {
    let name = e.name().as_ref().to_string();
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.expect("well-formed attribute");
        let key = a.key.as_ref().to_string();
        assert!(
            !attrs.iter().any(|(k, _): &(String, String)| *k == key),
            "duplicate attribute {key} on {name}"
        );
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .expect("valid escapes")
            .into_owned();
        attrs.push((key, value));
    }
    El {
        name,
        attrs,
        text: String::new(),
        path: path.to_vec(),
    }
}

fn save(name: &str, svg: &str) {
    if let Ok(dir) = std::env::var("KANTEL_PLOTS_DIR") {
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(format!("{dir}/{name}.svg"), standalone(svg)).expect("write");
    }
}

/// Checks what every plot must have: one root `<svg>` with role, aria-label and a first
/// `<title>`, and no script or external reference.
fn accessible(svg: &str, title: &str) -> Vec<El> {
    let els = parse(svg);
    assert_eq!(els[0].name, "svg");
    assert_eq!(els[0].attr("role"), Some("img"));
    assert!(!els[0].attr("aria-label").unwrap_or("").is_empty());
    assert_eq!(els[1].name, "title");
    assert_eq!(els[1].text, title);
    assert!(!svg.contains("<script") && !svg.contains("href") && !svg.contains("@import"));
    // Standalone files parse too (namespace and declaration).
    parse(&standalone(svg));
    els
}

fn xy_cases() -> Vec<XyCase> {
    // (x, y) and the type a sufficiency XY plot gives it (SetMethods' rules:
    // typical X>0.5, Y>0.5, X<=Y; degree X>Y; kind Y<0.5; coverage X<0.5<Y; IIR both <0.5).
    let spec = [
        ("Amsterdam", 0.9, 0.95, CaseType::Typical),
        ("Rotterdam", 0.8, 0.6, CaseType::DeviantConsistencyDegree),
        ("Den Haag & Co", 0.7, 0.2, CaseType::DeviantConsistencyKind),
        ("Utrecht", 0.2, 0.9, CaseType::DeviantCoverage),
        ("Eindhoven", 0.1, 0.1, CaseType::Irrelevant),
        ("Tilburg", 0.5, 0.7, CaseType::Unclassified),
        ("Súdwest-Fryslân", 0.6, 0.99, CaseType::Typical),
    ];
    spec.iter()
        .map(|(n, x, y, k)| XyCase {
            name: (*n).to_string(),
            x: *x,
            y: *y,
            kind: *k,
            label: true,
        })
        .collect()
}

fn xy(lang: Lang) -> XyCaseTypes {
    XyCaseTypes {
        lang,
        title: "XY: DEV*~IND + URB*STB → SURV".into(),
        x_label: "DEV*~IND + URB*STB".into(),
        y_label: "SURV".into(),
        subtitle: "inclS 0.904; PRI 0.886; covS 0.752".into(),
        cases: xy_cases(),
        robustness: false,
    }
}

#[test]
fn xy_plot_has_one_marker_per_case_with_its_type_and_a_label_for_each_named_case() {
    let p = xy(Lang::En);
    let svg = xy_case_types_plot(&p);
    save("xy", &svg);
    assert_eq!(svg, xy_case_types_plot(&p), "same bytes twice");
    let els = accessible(&svg, &p.title);
    let cases: Vec<&El> = els
        .iter()
        .filter(|e| e.name == "g" && e.class().starts_with("case "))
        .collect();
    assert_eq!(cases.len(), p.cases.len(), "one marker per case");
    let mut drawn: Vec<String> = cases.iter().map(|g| g.class().to_string()).collect();
    let mut expected: Vec<String> = p
        .cases
        .iter()
        .map(|c| format!("case {}", c.kind.id()))
        .collect();
    drawn.sort();
    expected.sort();
    assert_eq!(drawn, expected, "one marker per case, of its type");
    // Each marker's tooltip names the case, its values and its type.
    let titles: Vec<&str> = els
        .iter()
        .filter(|e| e.name == "title" && e.path.iter().any(|p| p == "g"))
        .map(|e| e.text.as_str())
        .collect();
    assert!(titles.contains(&"Rotterdam: 0.800, 0.600 (deviant consistency in degree)"));
    assert!(titles.contains(&"Den Haag & Co: 0.700, 0.200 (deviant consistency in kind)"));
    // Seven cases spread over the plot: every one gets its label.
    let labels: Vec<&str> = els
        .iter()
        .filter(|e| e.class() == "pl")
        .map(|e| e.text.as_str())
        .collect();
    for c in &p.cases {
        assert!(labels.contains(&c.name.as_str()), "{} unlabelled", c.name);
    }
    // The legend lists each type present once, with its count.
    let texts: Vec<&str> = els.iter().map(|e| e.text.as_str()).collect();
    assert!(texts.contains(&"typical (2)"));
    assert!(texts.contains(&"individually irrelevant (1)"));
    assert!(texts.contains(&"on 0.5 (no type) (1)"));
    // Diagonal and the two 0.5 lines.
    assert_eq!(els.iter().filter(|e| e.class() == "diagonal").count(), 1);
    assert_eq!(els.iter().filter(|e| e.class() == "guide").count(), 2);
    // Types differ in shape, not only colour.
    let styles: std::collections::BTreeSet<String> = [
        CaseType::Typical,
        CaseType::DeviantConsistencyDegree,
        CaseType::DeviantConsistencyKind,
        CaseType::DeviantCoverage,
        CaseType::Irrelevant,
        CaseType::Unclassified,
    ]
    .iter()
    .map(|k| format!("{:?}", k.style().0))
    .collect();
    assert_eq!(styles.len(), 6);
}

#[test]
fn xy_plot_in_dutch_and_the_robustness_variant_names_its_zones() {
    let mut p = xy(Lang::Nl);
    p.robustness = true;
    for c in &mut p.cases {
        c.kind = match c.kind {
            CaseType::Typical => CaseType::RobustTypical,
            CaseType::DeviantConsistencyDegree => CaseType::ShakyTypical,
            CaseType::DeviantConsistencyKind => CaseType::ShakyDeviant,
            CaseType::DeviantCoverage => CaseType::PossibleTypical,
            _ => CaseType::ExtremeDeviantCoverage,
        };
    }
    let svg = xy_case_types_plot(&p);
    save("xy-robustness", &svg);
    let els = accessible(&svg, &p.title);
    let zones: Vec<&str> = els
        .iter()
        .filter(|e| e.class() == "zone")
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(
        zones,
        [
            "IS·TS: robuust",
            "IS·~TS: wankel",
            "~IS·TS: mogelijk",
            "~IS·~TS"
        ]
    );
    assert!(els.iter().any(|e| e.text == "robuust typisch (2)"));
    // No case label covers a zone name (boxes estimated at 0.6 em per character).
    let bbox = |e: &El, size: f64| {
        let w = e.text.chars().count() as f64 * size * 0.6;
        let (x, y) = (e.num("x"), e.num("y"));
        let left = if e.attr("text-anchor") == Some("end") {
            x - w
        } else {
            x
        };
        (left, left + w, y - size * 0.8, y + size * 0.25)
    };
    let zone_boxes: Vec<_> = els
        .iter()
        .filter(|e| e.class() == "zone")
        .map(|e| bbox(e, 11.0))
        .collect();
    let labels: Vec<&El> = els.iter().filter(|e| e.class() == "pl").collect();
    assert!(labels.len() >= 6, "most cases labelled");
    for l in labels {
        let b = bbox(l, 11.0);
        for z in &zone_boxes {
            let overlap = b.0 < z.1 && z.0 < b.1 && b.2 < z.3 && z.2 < b.3;
            assert!(!overlap, "{} covers a zone name", l.text);
        }
    }
    assert!(!svg.contains("⟦"), "untranslated text");
}

fn chart() -> ConfigChart {
    use ChartCell::*;
    ConfigChart {
        lang: Lang::En,
        title: "DEV*~IND + URB*STB → SURV".into(),
        conditions: ["DEV", "URB", "LIT", "IND", "STB"]
            .map(String::from)
            .to_vec(),
        terms: vec![
            ChartTerm {
                label: "DEV*~IND".into(),
                cells: vec![Present, DontCare, DontCare, Absent, DontCare],
                core: vec![true, false, false, false, false],
                consistency: 0.8148,
                raw_coverage: 0.5893,
                unique_coverage: 0.2321,
            },
            ChartTerm {
                label: "URB*STB".into(),
                cells: vec![DontCare, Present, DontCare, DontCare, Present],
                core: vec![false, false, false, false, true],
                consistency: 0.9,
                raw_coverage: 0.4,
                unique_coverage: 0.05,
            },
            ChartTerm {
                label: "LIT[2]".into(),
                cells: vec![DontCare, DontCare, Level(2), DontCare, DontCare],
                core: vec![false; 5],
                consistency: 1.0,
                raw_coverage: 0.1,
                unique_coverage: 0.0,
            },
        ],
        core_known: true,
        solution_consistency: 0.8045,
        solution_coverage: 0.6518,
    }
}

#[test]
fn configuration_chart_has_a_column_per_term_and_a_symbol_per_mentioned_condition() {
    let c = chart();
    let svg = configuration_chart(&c);
    save("chart", &svg);
    assert_eq!(svg, configuration_chart(&c));
    let els = accessible(&svg, &c.title);
    let heads: Vec<&str> = els
        .iter()
        .filter(|e| e.name == "text" && e.path.last().map(String::as_str) == Some("g"))
        .filter(|e| e.attr("font-weight") == Some("bold"))
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(
        heads,
        ["DEV*~IND", "URB*STB", "LIT[2]"],
        "one column per term"
    );
    // Present: DEV (core, large) and URB (peripheral, small), STB (core); absent: IND.
    let present: Vec<f64> = els
        .iter()
        .filter(|e| e.class() == "present")
        .map(|e| e.num("r"))
        .collect();
    assert_eq!(present, [8.0, 4.5, 8.0]);
    assert_eq!(els.iter().filter(|e| e.class() == "absent").count(), 1);
    assert_eq!(els.iter().filter(|e| e.class() == "level").count(), 1);
    // Fit rows with three decimals, as R prints them (0.8045 is just below .8045 in binary).
    let texts: Vec<&str> = els.iter().map(|e| e.text.as_str()).collect();
    for v in [
        "0.815", "0.589", "0.232", "0.900", "0.400", "0.050", "0.804", "0.652",
    ] {
        assert!(texts.contains(&v), "{v} missing");
    }
    assert!(texts.contains(&"Unique coverage (covU)"));
    assert!(texts.contains(&"large: core condition"));
    assert!(texts.contains(&"small: peripheral condition"));
    // Every column is as wide as its heading needs: headings do not overlap.
    let xs: Vec<f64> = els
        .iter()
        .filter(|e| e.attr("font-weight") == Some("bold") && e.name == "text")
        .map(|e| e.num("x"))
        .collect();
    for w in xs.windows(2) {
        assert!(w[1] - w[0] >= 64.0);
    }
}

#[test]
fn configuration_chart_without_core_draws_every_symbol_large() {
    let mut c = chart();
    c.core_known = false;
    let els = parse(&configuration_chart(&c));
    assert!(
        els.iter()
            .filter(|e| e.class() == "present")
            .all(|e| e.num("r") == 8.0)
    );
    assert!(!els.iter().any(|e| e.text.contains("peripheral condition")));
    assert!(!els.iter().any(|e| e.text.contains("core condition")));
}

fn range() -> RangePlot {
    let s1 = "DEV*~IND + URB*STB".to_string();
    let s2 = "DEV*~IND".to_string();
    let points = [
        (0.70, None, None),
        (0.75, Some(&s2), Some(0.70)),
        (0.80, Some(&s1), Some(0.80)),
        (0.85, Some(&s1), Some(0.81)),
        (0.90, Some(&s1), Some(0.86)),
        (0.95, Some(&s2), Some(0.95)),
    ];
    RangePlot {
        lang: Lang::En,
        title: "incl.cut".into(),
        parameter: "incl.cut".into(),
        initial: 0.8,
        stable: Some((0.78, 0.92)),
        points: points
            .iter()
            .map(|(v, s, m)| RangePoint {
                value: *v,
                solution: s.cloned(),
                measures: vec![*m, m.map(|m| 1.0 - m / 2.0)],
            })
            .collect(),
        measures: vec!["inclS".into(), "covS".into()],
    }
}

#[test]
fn range_plot_has_a_band_per_solution_a_marker_per_value_and_the_stable_range() {
    let p = range();
    let svg = robustness_range_plot(&p);
    save("range", &svg);
    assert_eq!(svg, robustness_range_plot(&p));
    let els = accessible(&svg, &p.title);
    let found: Vec<&El> = els
        .iter()
        .filter(|e| e.path.last().map(String::as_str) == Some("g"))
        .filter(|e| {
            els.iter().any(|g| g.class() == "found") && e.name != "title" && e.name != "text"
        })
        .collect();
    assert!(found.len() >= p.points.len());
    // One tooltip per tested value in the bands, naming the solution.
    let band_tips: Vec<&str> = els
        .iter()
        .filter(|e| {
            e.name == "title"
                && e.text.starts_with("incl.cut = ")
                && !e.text.contains("inclS")
                && !e.text.contains("covS")
        })
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(band_tips.len(), 6, "{band_tips:?}");
    assert!(band_tips.contains(&"incl.cut = 0.7: no solution"));
    assert!(band_tips.contains(&"incl.cut = 0.8: DEV*~IND + URB*STB"));
    // Bands: S1 (the initial solution), S2 and the band of no solution.
    let bold: Vec<&str> = els
        .iter()
        .filter(|e| e.attr("font-weight") == Some("bold"))
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(bold, ["S1", "S2", "—"]);
    assert!(
        els.iter()
            .any(|e| e.text == "S1 (initial value): DEV*~IND + URB*STB")
    );
    // Stable range shaded from 0.78 to 0.92; initial line at 0.80; measure lines.
    let stable = els.iter().find(|e| e.class() == "stable").expect("stable");
    let initial = els
        .iter()
        .find(|e| e.class() == "initial")
        .expect("initial");
    let (l, w, x) = (stable.num("x"), stable.num("width"), initial.num("x1"));
    assert!(l < x && x < l + w);
    // incl.cut 0.7..0.95 over 58..624 px with 5% padding: 0.8 lies at 58 + (0.8 - 0.6875)
    // / 0.275 * 566 = 289.55.
    assert_eq!(initial.attr("x1"), Some("289.55"));
    assert_eq!(els.iter().filter(|e| e.class() == "measure").count(), 2);
    // The measure line skips the value without a solution: it starts at 0.75.
    let d = els
        .iter()
        .find(|e| e.class() == "measure")
        .and_then(|e| e.attr("d"))
        .expect("path");
    assert_eq!(d.matches('M').count(), 1);
    assert_eq!(d.matches('L').count(), 4);
}

#[test]
fn range_plot_without_measures_or_stable_range() {
    let mut p = range();
    p.measures.clear();
    p.stable = None;
    for q in &mut p.points {
        q.measures.clear();
    }
    let els = accessible(&robustness_range_plot(&p), "incl.cut");
    assert!(
        !els.iter()
            .any(|e| e.class() == "stable" || e.class() == "measure")
    );
}

// --- Venn ---------------------------------------------------------------------------

/// The ellipses as drawn: parsed from the SVG (centre, radii, rotation), in px.
fn drawn_ellipses(els: &[El]) -> Vec<Ellipse> {
    els.iter()
        .filter(|e| e.class() == "venn-set")
        .map(|e| {
            let angle = e.attr("transform").map_or(0.0, |t| {
                t.trim_start_matches("rotate(")
                    .split(' ')
                    .next()
                    .expect("angle")
                    .parse()
                    .expect("number")
            });
            Ellipse {
                cx: e.num("cx"),
                cy: e.num("cy"),
                rx: e.num("rx"),
                ry: e.num("ry"),
                angle,
            }
        })
        .collect()
}

/// Membership of a point in each drawn ellipse, computed here from the SVG's attributes
/// (SVG's rotate(a cx cy) turns the ellipse clockwise on screen by a degrees).
fn inside(e: &Ellipse, x: f64, y: f64) -> bool {
    let t = e.angle.to_radians();
    let (dx, dy) = (x - e.cx, y - e.cy);
    // Undo the rotation: rotate the point by -a around the centre.
    let u = dx * t.cos() + dy * t.sin();
    let v = -dx * t.sin() + dy * t.cos();
    (u / e.rx).powi(2) + (v / e.ry).powi(2) < 1.0
}

fn venn_of(k: usize) -> Venn {
    let sets: Vec<String> = ["DEV", "URB", "LIT", "IND", "STB", "X6"][..k]
        .iter()
        .map(|s| s.to_string())
        .collect();
    // A few configurations with cases; the rest are remainders.
    let regions = (0..(1usize << k))
        .filter(|m| m % 3 != 2)
        .map(|m| VennRegion {
            config: (0..k).map(|i| m & (1 << i) != 0).collect(),
            out: [VennOut::One, VennOut::Zero, VennOut::Contradiction][m % 3],
            cases: (0..(m % 4)).map(|c| format!("case {m}.{c}")).collect(),
        })
        .collect();
    Venn {
        lang: Lang::En,
        title: format!("Venn {k}"),
        id: format!("v{k}"),
        sets,
        regions,
        show_names: true,
    }
}

#[test]
fn venn_has_every_region_with_its_label_inside_it_for_one_to_five_sets() {
    for k in 1..=5 {
        let v = venn_of(k);
        let svg = venn(&v).expect("venn");
        save(&format!("venn{k}"), &svg);
        assert_eq!(svg, venn(&v).expect("venn"), "same bytes twice");
        let els = accessible(&svg, &v.title);
        let shapes = drawn_ellipses(&els);
        assert_eq!(shapes.len(), k);
        let pattern = |x: f64, y: f64| {
            shapes
                .iter()
                .enumerate()
                .filter(|(_, e)| inside(e, x, y))
                .fold(0usize, |m, (i, _)| m | (1 << i))
        };
        // A 300 × 300 grid over the drawing (480 px square at 10 px margin): every one of
        // the 2^k membership patterns occurs, and occurs more than once (an interior).
        let mut seen = vec![0usize; 1 << k];
        for r in 0..300 {
            for c in 0..300 {
                let (x, y) = (10.0 + 1.6 * (c as f64 + 0.5), 10.0 + 1.6 * (r as f64 + 0.5));
                seen[pattern(x, y)] += 1;
            }
        }
        for (m, n) in seen.iter().enumerate() {
            assert!(*n >= 12, "k = {k}: region {m:b} has {n} grid points");
        }
        // One filled region and one label per configuration; each label's anchor lies in
        // the region it names, and the region it names has that configuration.
        let regions: Vec<&El> = els.iter().filter(|e| e.class() == "region").collect();
        assert_eq!(regions.len(), 1 << k);
        let labels: Vec<&El> = els.iter().filter(|e| e.class() == "venn-label").collect();
        assert_eq!(labels.len(), 1 << k);
        let mut codes = std::collections::BTreeSet::new();
        for l in &labels {
            let code = l.attr("data-region").expect("data-region");
            let m = code
                .chars()
                .enumerate()
                .filter(|(_, c)| *c == '1')
                .fold(0usize, |m, (i, _)| m | (1 << i));
            let (x, y) = (l.num("x"), l.num("y"));
            // The text's anchor is the region's label point (its lines are placed around it).
            assert_eq!(pattern(x, y), m, "k = {k}: label {code} outside its region");
            codes.insert(code.to_string());
        }
        assert_eq!(codes.len(), 1 << k);
        // Every region's fill follows its OUT value: the nested groups end in a rect whose
        // fill is the OUT colour; remainders are hatched.
        let hatched = els
            .iter()
            .filter(|e| e.name == "rect" && e.attr("fill") == Some(&format!("url(#v{k}-hatch)")))
            .count();
        let remainders = (1usize << k) - v.regions.len();
        assert_eq!(
            hatched,
            remainders + 1,
            "k = {k}: one per remainder, one in the key"
        );
    }
}

#[test]
fn venn_label_points_lie_in_their_regions_in_world_coordinates() {
    for k in 1..=5 {
        let shapes = venn_shapes(k).expect("shapes");
        let points = kantel_report::plots::venn_label_points(&shapes);
        assert_eq!(points.len(), 1 << k);
        for (m, p) in points.iter().enumerate() {
            let (x, y) = p.unwrap_or_else(|| panic!("k = {k}: region {m:b} has no point"));
            assert!(x.abs() < VENN_BOX && y.abs() < VENN_BOX);
            let got = shapes
                .iter()
                .enumerate()
                .filter(|(_, e)| e.contains(x, y))
                .fold(0usize, |a, (i, _)| a | (1 << i));
            assert_eq!(got, m);
        }
    }
}

#[test]
fn venn_counts_and_names_the_cases() {
    let v = venn_of(2);
    let els = parse(&venn(&v).expect("venn"));
    // Region 11 (m = 3: in both sets) has OUT 1 and three cases.
    let label = els
        .iter()
        .find(|e| e.class() == "venn-label" && e.attr("data-region") == Some("11"))
        .expect("label 11");
    let i = els
        .iter()
        .position(|e| std::ptr::eq(e, label))
        .expect("index");
    let lines: Vec<&str> = els[i + 1..i + 5].iter().map(|e| e.text.as_str()).collect();
    assert_eq!(lines, ["1 (3)", "case 3.0", "case 3.1", "case 3.2"]);
    // The region's tooltip gives the configuration, OUT and the cases.
    assert!(
        els.iter()
            .any(|e| e.text == "DEV*URB: OUT = 1, 3 cases: case 3.0; case 3.1; case 3.2")
    );
    // Region 01 (m = 2) is not listed: a remainder without cases.
    assert!(
        els.iter()
            .any(|e| e.text.starts_with("~DEV*URB: OUT = ?, 0 cases"))
    );
}

#[test]
fn venn_refuses_more_than_five_sets_and_bad_regions_as_values() {
    let v = venn_of(6);
    let err = venn(&v).expect_err("six sets");
    assert_eq!(err, PlotError::TooManySets { sets: 6, max: 5 });
    assert_eq!(
        err.msg().render(Lang::En),
        "a Venn diagram shows 1 to 5 sets, not 6: choose at most 5 conditions with --conditions"
    );
    assert!(err.msg().render(Lang::Nl).contains("hoogstens 5"));
    let mut none = venn_of(1);
    none.sets.clear();
    none.regions.clear();
    assert_eq!(venn(&none), Err(PlotError::TooManySets { sets: 0, max: 5 }));
    let mut bad = venn_of(3);
    bad.regions[0].config.pop();
    assert_eq!(venn(&bad), Err(PlotError::BadRegion { sets: 3, got: 2 }));
}

#[test]
fn range_plot_wraps_long_solutions_and_counts_on_a_whole_number_axis() {
    let long = (0..12)
        .map(|i| format!("DEV*~URB*LIT*~IND*STB{i}"))
        .collect::<Vec<_>>()
        .join(" + ");
    let p = RangePlot {
        lang: Lang::Nl,
        title: "n.cut".into(),
        parameter: "n.cut".into(),
        initial: 1.0,
        stable: Some((1.0, 2.0)),
        points: (1..=5)
            .map(|n| RangePoint {
                value: f64::from(n),
                solution: Some(if n <= 2 { long.clone() } else { "DEV".into() }),
                measures: Vec::new(),
            })
            .collect(),
        measures: Vec::new(),
    };
    let svg = robustness_range_plot(&p);
    save("range-ncut", &svg);
    let els = accessible(&svg, "n.cut");
    assert!(!svg.contains("⟦"), "untranslated text");
    // Whole-number ticks for n.cut: 1 to 5 without decimals.
    let ticks: Vec<&str> = els
        .iter()
        .filter(|e| e.name == "text" && e.attr("font-size") == Some("12"))
        .map(|e| e.text.as_str())
        .filter(|t| t.len() == 1 && t.chars().all(|c| c.is_ascii_digit()))
        .collect();
    assert_eq!(ticks, ["1", "2", "3", "4", "5"]);
    // The long formula is wrapped at " + " into lines that fit the plot's width (640 px,
    // text from x = 76): every legend line at most 600 px at 0.6 em per character.
    let lines: Vec<&str> = els
        .iter()
        .filter(|e| e.name == "text" && e.text.contains("DEV*~URB"))
        .map(|e| e.text.as_str())
        .collect();
    assert!(lines.len() >= 3, "{lines:?}");
    for l in &lines {
        assert!(l.chars().count() as f64 * 12.0 * 0.6 <= 600.0, "{l}");
    }
    assert_eq!(lines.join(" "), format!("S1 (beginwaarde): {long}"));
}
