//! `kantel qca minimize|fit|truth-table --svg FILE`: the file is written, is a well-formed
//! standalone SVG, the same bytes twice, and shows what R's QCA computes for the Lipset
//! data (testdata/validation/expected/LF_SURV_i0.8.json); clear errors otherwise.

mod support;

use support::kantel;

use std::path::PathBuf;

use serde_json::Value;

fn testdata(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/validation")
        .join(path)
}

fn data(name: &str) -> String {
    testdata(&format!("data/{name}")).display().to_string()
}

fn expected() -> Value {
    let text = std::fs::read_to_string(testdata("expected/LF_SURV_i0.8.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

mod tempdir {
    /// A temporary directory removed on drop.
    pub struct Dir {
        pub path: std::path::PathBuf,
    }
    impl Dir {
        pub fn new() -> Dir {
            use std::sync::atomic::{AtomicUsize, Ordering};
            static N: AtomicUsize = AtomicUsize::new(0);
            let path = std::env::temp_dir().join(format!(
                "kantel-plots-test-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::SeqCst)
            ));
            std::fs::create_dir_all(&path).unwrap();
            Dir { path }
        }
        pub fn file(&self, name: &str) -> String {
            self.path.join(name).display().to_string()
        }
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

/// A structural check of well-formed XML without a parser: the declaration, one `<svg>`
/// root in the SVG namespace, every start tag closed in order, attributes quoted, and only
/// the five predefined entities.
fn well_formed(svg: &str) {
    let body = svg
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .expect("XML declaration");
    assert!(body.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" "));
    assert!(body.trim_end().ends_with("</svg>"));
    let mut stack: Vec<String> = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find('<') {
        let text = &rest[..start];
        check_entities(text);
        let end = rest[start..].find('>').expect("tag closed") + start;
        let tag = &rest[start + 1..end];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
        } else {
            let self_closing = tag.ends_with('/');
            let tag = tag.trim_end_matches('/');
            let name = tag.split_whitespace().next().expect("name").to_string();
            // Attributes: name="value" pairs; values without < or stray quotes.
            let attrs = tag[name.len()..].trim();
            let mut a = attrs;
            while !a.is_empty() {
                let eq = a
                    .find("=\"")
                    .unwrap_or_else(|| panic!("attribute in <{tag}>"));
                let close = a[eq + 2..].find('"').expect("quoted") + eq + 2;
                check_entities(&a[eq + 2..close]);
                a = a[close + 1..].trim_start();
            }
            if !self_closing {
                stack.push(name);
            }
        }
        rest = &rest[end + 1..];
        if stack.is_empty() {
            assert!(rest.trim().is_empty(), "content after the root");
            break;
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
}

fn check_entities(text: &str) {
    for (i, _) in text.match_indices('&') {
        let entity = &text[i..text[i..].find(';').expect("entity ends") + i + 1];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].contains(&entity),
            "entity {entity}"
        );
    }
}

#[test]
fn the_structural_check_catches_broken_xml() {
    let ok = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" a=\"1\"><g><title>A &amp; B</title></g></svg>\n";
    well_formed(ok);
    for broken in [
        ok.replace("</g>", ""),
        ok.replace("&amp;", "&"),
        ok.replace("a=\"1\"", "a=1"),
        ok.replace("<title>", "<title><b>"),
    ] {
        let caught = std::panic::catch_unwind(|| well_formed(&broken)).is_err();
        assert!(caught, "not caught: {broken}");
    }
}

/// The text of every `<title>` in the file.
fn titles(svg: &str) -> Vec<String> {
    svg.split("<title>")
        .skip(1)
        .map(|t| t[..t.find("</title>").expect("closed")].replace("&amp;", "&"))
        .collect()
}

fn run_ok(args: &[&str]) -> String {
    let (ok, out, err) = kantel(args);
    assert!(ok, "kantel {args:?} failed: {err}");
    out
}

#[test]
fn minimize_writes_the_configuration_chart_of_the_intermediate_solution() {
    let dir = tempdir::Dir::new();
    let file = dir.file("chart.svg");
    let lf = data("LF.csv");
    let args = [
        "qca",
        "minimize",
        "--data",
        &lf,
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--include",
        "?",
        "--dir-exp",
        "DEV, URB, LIT, IND, STB",
        "--lang",
        "en",
        "--svg",
        &file,
    ];
    let text = run_ok(&args);
    assert!(text.contains("C1P1-M1: DEV*URB*LIT*STB + DEV*LIT*~IND*STB"));
    let svg = std::fs::read_to_string(&file).unwrap();
    well_formed(&svg);
    // Same bytes when run again.
    run_ok(&args);
    assert_eq!(svg, std::fs::read_to_string(&file).unwrap());

    // R: the intermediate solution C1P1, its terms' fit and the solution's.
    let r = &expected()["minimize"]["intermediate"]["i.sol"]["C1P1"];
    let ic = &r["IC"]["incl.cov"];
    let rows: Vec<&str> = ic[".row"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(svg.matches(r#"<g class="term">"#).count(), rows.len());
    for (i, term) in rows.iter().enumerate() {
        assert!(svg.contains(&format!(">{term}</text>")), "column {term}");
        for col in ["inclS", "covS", "covU"] {
            let v = format!(">{:.3}</text>", ic[col][i].as_f64().unwrap());
            assert!(svg.contains(&v), "{term} {col} {v}");
        }
    }
    let sol = &r["IC"]["sol.incl.cov"];
    for col in ["inclS", "covS"] {
        let v = format!(">{:.3}</text>", sol[col].as_f64().unwrap());
        assert!(svg.contains(&v), "solution {col} {v}");
    }
    // Core conditions: those of R's parsimonious terms (p.sol: DEV*~IND, URB*STB) that each
    // intermediate term contains. DEV*URB*LIT*STB contains URB*STB: URB and STB core, DEV
    // and LIT peripheral. DEV*LIT*~IND*STB contains DEV*~IND: DEV and ~IND core.
    let t = titles(&svg);
    for expected in [
        "DEV*URB*LIT*STB: DEV present (peripheral condition)",
        "DEV*URB*LIT*STB: URB present (core condition)",
        "DEV*URB*LIT*STB: LIT present (peripheral condition)",
        "DEV*URB*LIT*STB: STB present (core condition)",
        "DEV*LIT*~IND*STB: DEV present (core condition)",
        "DEV*LIT*~IND*STB: LIT present (peripheral condition)",
        "DEV*LIT*~IND*STB: IND absent (core condition)",
        "DEV*LIT*~IND*STB: STB present (peripheral condition)",
    ] {
        assert!(t.iter().any(|x| x == expected), "{expected} in {t:?}");
    }
    // One symbol per condition named in a term: 4 + 4; URB is blank in the second term.
    assert_eq!(svg.matches(r#"class="present""#).count(), 7);
    assert_eq!(svg.matches(r#"class="absent""#).count(), 1);
}

#[test]
fn minimize_json_with_svg_writes_the_chart_and_keeps_the_json() {
    let dir = tempdir::Dir::new();
    let file = dir.file("p.svg");
    let lf = data("LF.csv");
    let out = run_ok(&[
        "qca",
        "minimize",
        "--data",
        &lf,
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--include",
        "?",
        "--json",
        "--svg",
        &file,
    ]);
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert!(v["parsimonious"].is_object());
    let svg = std::fs::read_to_string(&file).unwrap();
    well_formed(&svg);
    // The parsimonious solution is reported (no intermediate): R's DEV*~IND + URB*STB, all
    // conditions core; Dutch by default.
    assert!(svg.contains(">DEV*~IND</text>") && svg.contains(">URB*STB</text>"));
    assert!(svg.contains("<title>DEV*~IND: IND afwezig (kernconditie)</title>"));
    assert!(!svg.contains("randconditie)</title>"));
}

#[test]
fn minimize_conservative_only_has_no_core_marks() {
    let dir = tempdir::Dir::new();
    let file = dir.file("c.svg");
    let lf = data("LF.csv");
    run_ok(&[
        "qca",
        "minimize",
        "--data",
        &lf,
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--svg",
        &file,
        "--lang",
        "en",
    ]);
    let svg = std::fs::read_to_string(&file).unwrap();
    well_formed(&svg);
    // R's conservative solution: DEV*URB*LIT*IND*STB + DEV*~URB*LIT*~IND*STB.
    let r = &expected()["minimize"]["conservative"]["solution"][0];
    for term in r.as_array().unwrap() {
        assert!(svg.contains(&format!(">{}</text>", term.as_str().unwrap())));
    }
    assert!(!svg.contains("core condition"));
    assert_eq!(svg.matches(r#"class="present""#).count(), 8);
    assert_eq!(svg.matches(r#"class="absent""#).count(), 2);
}

/// LF's cases with their membership in DEV*~IND + URB*STB and in SURV, computed here from
/// the data file (max of the terms' minima).
fn lf_memberships() -> Vec<(String, f64, f64)> {
    let text = std::fs::read_to_string(data("LF.csv")).unwrap();
    text.lines()
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            let v = |i: usize| f[i].parse::<f64>().unwrap();
            let (dev, urb, ind, stb, surv) = (v(1), v(2), v(4), v(5), v(6));
            let x = dev.min(1.0 - ind).max(urb.min(stb));
            (f[0].trim_matches('"').to_string(), x, surv)
        })
        .collect()
}

#[test]
fn fit_writes_the_xy_plot_with_a_marker_and_type_per_case() {
    let dir = tempdir::Dir::new();
    let file = dir.file("xy.svg");
    let lf = data("LF.csv");
    run_ok(&[
        "qca",
        "fit",
        "--data",
        &lf,
        "--outcome",
        "SURV",
        "--expression",
        "DEV*~IND + URB*STB",
        "--svg",
        &file,
        "--lang",
        "en",
    ]);
    let svg = std::fs::read_to_string(&file).unwrap();
    well_formed(&svg);
    let cases = lf_memberships();
    assert_eq!(cases.len(), 18);
    assert_eq!(svg.matches(r#"<g class="case "#).count(), cases.len());
    // Each case's tooltip: its values and its type by SetMethods' rules, worked out here.
    let t = titles(&svg);
    for (name, x, y) in &cases {
        let kind = if *x > 0.5 && *y > 0.5 {
            if x <= y {
                "typical"
            } else {
                "deviant consistency in degree"
            }
        } else if *x > 0.5 {
            "deviant consistency in kind"
        } else if *y > 0.5 {
            "deviant coverage"
        } else {
            "individually irrelevant"
        };
        let expected = format!("{name}: {x:.3}, {y:.3} ({kind})");
        assert!(t.contains(&expected), "{expected} in {t:?}");
    }
    // R's fit of the solution (modelFit/pof): inclS 0.850, covS 0.714.
    assert!(svg.contains("inclS 0.850; PRI 0.819; covS 0.714"));
}

#[test]
fn fit_svg_needs_exactly_one_expression() {
    let dir = tempdir::Dir::new();
    let file = dir.file("xy.svg");
    let lf = data("LF.csv");
    for extra in [&[][..], &["--expression", "DEV", "--expression", "URB"][..]] {
        let mut args = vec![
            "qca",
            "fit",
            "--data",
            &lf,
            "--outcome",
            "SURV",
            "--svg",
            &file,
            "--lang",
            "en",
        ];
        args.extend_from_slice(extra);
        let (ok, _, err) = kantel(&args);
        assert!(!ok);
        assert!(
            err.contains("--svg plots one expression: give exactly one --expression"),
            "{err}"
        );
    }
    assert!(!std::path::Path::new(&file).exists());
}

#[test]
fn truth_table_writes_the_venn_diagram_with_rs_output_values() {
    let dir = tempdir::Dir::new();
    let file = dir.file("venn.svg");
    let lf = data("LF.csv");
    run_ok(&[
        "qca",
        "truth-table",
        "--data",
        &lf,
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--svg",
        &file,
    ]);
    let svg = std::fs::read_to_string(&file).unwrap();
    well_formed(&svg);
    assert_eq!(svg.matches(r#"<g class="region""#).count(), 32);
    assert_eq!(svg.matches(r#"class="venn-set""#).count(), 5);
    // Every region's label: R's OUT and n of that configuration (R's rows: DEV varies
    // slowest, STB fastest; the label's code lists DEV first).
    let tt = &expected()["truthTable"]["tt"];
    let sets = ["DEV", "URB", "LIT", "IND", "STB"];
    for row in 0..32 {
        let code: String = sets
            .iter()
            .map(|s| char::from(b'0' + tt[*s][row].as_u64().unwrap() as u8))
            .collect();
        let out = tt["OUT"][row].as_str().unwrap();
        let n = tt["n"][row].as_u64().unwrap();
        let label = if n == 0 {
            out.to_string()
        } else {
            format!("{out} ({n})")
        };
        let at = svg
            .find(&format!(r#"class="venn-label" data-region="{code}""#))
            .unwrap_or_else(|| panic!("label {code}"));
        let first = &svg[at..];
        let first = &first[first.find("<tspan").unwrap()..];
        let value = &first[first.find('>').unwrap() + 1..first.find("</tspan>").unwrap()];
        assert_eq!(value, label, "region {code}");
    }
}

#[test]
fn truth_table_svg_refuses_more_than_five_conditions_and_multi_value() {
    let dir = tempdir::Dir::new();
    let file = dir.file("venn.svg");
    let six = dir.file("six.csv");
    let mut csv = String::from("case,A,B,C,D,E,F,Y\n");
    for i in 0..8u32 {
        let bits: Vec<String> = (0..7).map(|b| (((i * 37) >> b) & 1).to_string()).collect();
        csv.push_str(&format!("c{i},{}\n", bits.join(",")));
    }
    std::fs::write(&six, csv).unwrap();
    let (ok, _, err) = kantel(&[
        "qca",
        "truth-table",
        "--data",
        &six,
        "--outcome",
        "Y",
        "--svg",
        &file,
        "--lang",
        "en",
    ]);
    assert!(!ok);
    assert!(
        err.contains("a Venn diagram shows 1 to 5 sets, not 6"),
        "{err}"
    );
    let lm = data("LM.csv");
    let (ok, _, err) = kantel(&[
        "qca",
        "truth-table",
        "--data",
        &lm,
        "--outcome",
        "SURV",
        "--svg",
        &file,
        "--lang",
        "en",
    ]);
    assert!(!ok);
    assert!(err.contains("DEV is multi-value"), "{err}");
    assert!(!std::path::Path::new(&file).exists());
}

#[test]
fn an_unwritable_svg_path_is_a_clear_error() {
    let lf = data("LF.csv");
    let dir = tempdir::Dir::new();
    let missing = dir.path.join("no-such-dir").join("plot.svg");
    let missing = missing.display().to_string();
    for lang in ["en", "nl"] {
        let (ok, _, err) = kantel(&[
            "qca",
            "truth-table",
            "--data",
            &lf,
            "--outcome",
            "SURV",
            "--svg",
            &missing,
            "--lang",
            lang,
        ]);
        assert!(!ok);
        let expected = if lang == "en" {
            format!("cannot write the plot to {missing} (--svg)")
        } else {
            format!("kan de plot niet naar {missing} schrijven (--svg)")
        };
        assert!(err.contains(&expected), "{err}");
    }
}

#[test]
fn minimize_chart_of_multi_value_data_shows_levels_only_where_a_condition_has_more_than_two() {
    // R (QCA's LM example, incl.cut 0.8, include "?"): DEV[2] + DEV[1]*STB[1]. DEV has
    // three levels: its level in a circle; STB is binary: ● for STB[1].
    let dir = tempdir::Dir::new();
    let file = dir.file("lm.svg");
    let lm = data("LM.csv");
    let text = run_ok(&[
        "qca",
        "minimize",
        "--data",
        &lm,
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--include",
        "?",
        "--svg",
        &file,
        "--lang",
        "en",
    ]);
    assert!(text.contains("M1: DEV[2] + DEV[1]*STB[1] -> SURV"));
    let svg = std::fs::read_to_string(&file).unwrap();
    well_formed(&svg);
    assert_eq!(svg.matches(r#"<g class="level">"#).count(), 2);
    assert_eq!(svg.matches(r#"class="present""#).count(), 1);
    let t = titles(&svg);
    assert!(
        t.iter().any(|x| x == "DEV[2]: DEV [2] (core condition)"),
        "{t:?}"
    );
    assert!(
        t.iter()
            .any(|x| x == "DEV[1]*STB[1]: STB present (core condition)")
    );
}
