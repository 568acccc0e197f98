//! The report rendered from a real analysis: Lipset's fuzzy data (testdata/validation/data/LF.csv,
//! raw values from LR.csv) treated as a study of 18 "municipalities", analysed by calling the
//! engine directly (truth table, minimization with remainders and directional expectations,
//! necessity, kantel-stats), with hand-made survey answers for one scale so that the
//! measurement has reliability figures. R's results for LF (testdata/validation/expected/
//! LF_SURV_i0.8.json) serve as the independent reference for the numbers the report prints.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use kantel_i18n::{Msg, msg};
use kantel_qca::SetData;
use kantel_qca::fit;
use kantel_qca::minimize::{MinimizeOptions, minimize};
use kantel_qca::necessity::{SearchOptions, necessity_table, super_subset};
use kantel_qca::truth_table::{Outcome, TruthTable, TruthTableSpec};
use kantel_report::{Lang, ReportError, ReportInput, render_mirror, render_report};
use kantel_stats::Correction;
use kantel_study::analysis::{
    Calibrated, CaseCount, ConditionComparison, ConditionCorrelation, DataSource,
    LeadLagComparison, MissingValue, Necessity, RawValues, Recovery, Reliability, SetCalibration,
    Solutions, SourceKind, Statistics, Step, StudyAnalysis, TruthTableResult,
};
use kantel_study::measure::{Measurement, RespondentAnswers, measure};
use kantel_study::study::{HalfMembershipRule, Study};

const CONDITIONS: [&str; 5] = ["DEV", "URB", "LIT", "IND", "STB"];
const SEED: u64 = 20_250_101;

/// The 18 countries of the Lipset data, as (code in the data, fixture municipality code, name).
/// The codes have the CBS form only so that the study file accepts them.
const CASES: [(&str, &str, &str); 18] = [
    ("AU", "GM9001", "Oostenrijk"),
    ("BE", "GM9002", "België"),
    ("CZ", "GM9003", "Tsjechoslowakije"),
    ("EE", "GM9004", "Nuenen, Gerwen en Nederwetten"),
    ("FI", "GM9005", "Finland"),
    ("FR", "GM9006", "Frankrijk"),
    ("DE", "GM9007", "Duitsland"),
    ("GR", "GM9008", "Griekenland"),
    ("HU", "GM9009", "Hongarije"),
    ("IE", "GM9010", "Ierland"),
    ("IT", "GM9011", "Italië"),
    ("NL", "GM9012", "Nederland"),
    ("PL", "GM9013", "Polen"),
    ("PT", "GM9014", "Portugal"),
    ("RO", "GM9015", "Roemenië"),
    ("ES", "GM9016", "Spanje"),
    ("SE", "GM9017", "Zweden"),
    ("UK", "GM9018", "'s-Verenigd Koninkrijk"),
];

/// A study municipality without data: it must get a mirror page saying why it was left out.
const DROPPED: (&str, &str) = ("GM9019", "Zwitserland");

/// (set, exclusion, crossover, inclusion): anchors that reproduce LF from LR (STB is a
/// decreasing set: fewer cabinets is more stable).
const ANCHORS: [(&str, f64, f64, f64); 6] = [
    ("DEV", 400.0, 550.0, 900.0),
    ("URB", 25.0, 50.0, 65.0),
    ("LIT", 50.0, 75.0, 90.0),
    ("IND", 20.0, 30.0, 40.0),
    ("STB", 15.0, 9.5, 5.0),
    ("SURV", -9.0, 0.0, 10.0),
];

/// Reads one of the validation CSV files: a quoted case column, then numbers.
fn read_csv(name: &str) -> (Vec<String>, Vec<String>, Vec<Vec<f64>>) {
    let path = format!(
        "{}/../../testdata/validation/data/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let unquote = |s: &str| s.trim().trim_matches('"').to_string();
    let header: Vec<String> = lines
        .next()
        .expect("header")
        .split(',')
        .skip(1)
        .map(unquote)
        .collect();
    let mut cases = Vec::new();
    let mut columns = vec![Vec::new(); header.len()];
    for line in lines {
        let mut fields = line.split(',');
        cases.push(unquote(fields.next().expect("case")));
        for (col, f) in columns.iter_mut().zip(fields) {
            col.push(
                f.trim()
                    .parse::<f64>()
                    .unwrap_or_else(|e| panic!("{name}: {f:?}: {e}")),
            );
        }
    }
    (cases, header, columns)
}

fn study_toml(simulated: bool) -> String {
    let mut s = format!(
        r#"[study]
name = "lipset-als-gemeenten"
title_nl = "Lipset als gemeenten <test>"
title_en = "Lipset as municipalities <test>"
year = 2025
description = "Testfixture: <script>alert('x')</script> & Lipset (1959)."
simulated = {simulated}
"#
    );
    for (i, (_, code, name)) in CASES
        .iter()
        .chain(std::iter::once(&("", DROPPED.0, DROPPED.1)))
        .enumerate()
    {
        let group = if i % 2 == 0 { "even" } else { "oneven" };
        s += &format!(
            "\n[[municipality]]\ncode = \"{code}\"\nname = \"{name}\"\ninhabitants = {}\ngroup = \"{group}\"\n",
            10_000 + 12_345 * i as u64
        );
    }
    s += r#"
[[respondent_group]]
id = "bestuur"
label_nl = "Bestuurder"
label_en = "Administrator"
min_respondents = 1

[[respondent_group]]
id = "wijkteam"
label_nl = "Wijkteammedewerker"
label_en = "Neighbourhood team worker"
min_respondents = 3
"#;
    let labels = [
        ("DEV", "Welvaart", "Development", "BNP per hoofd (USD)"),
        (
            "URB",
            "Verstedelijking",
            "Urbanisation",
            "% in steden van 20.000+",
        ),
        ("LIT", "Geletterdheid", "Literacy", "% geletterd"),
        (
            "IND",
            "Industrialisatie",
            "Industrialisation",
            "% industriële arbeid",
        ),
        (
            "STB",
            "Stabiele regering",
            "Stable government",
            "aantal kabinetten",
        ),
    ];
    for (k, (id, nl, en, indicator)) in labels.iter().enumerate() {
        s += &format!(
            "\n[[condition]]\nid = \"{id}\"\ncode = \"C{}\"\nlabel_nl = \"{nl}\"\nlabel_en = \"{en}\"\nmeasure = \"indicator\"\n\n[condition.indicator]\nname = \"{indicator}\"\nsource = \"Lipset (1959)\"\n",
            k + 1
        );
    }
    s += r#"
[[condition]]
id = "SAMEN"
code = "C9"
label_nl = "Samenwerking in de wijk"
label_en = "Cooperation in the neighbourhood"

[[condition.item]]
id = "S1"
text_nl = "We werken goed samen."
text_en = "We cooperate well."
groups = ["bestuur", "wijkteam"]

[[condition.item]]
id = "S2"
text_nl = "Afspraken worden nagekomen."
text_en = "Agreements are kept."
groups = ["bestuur", "wijkteam"]

[[condition.item]]
id = "S3"
text_nl = "Samenwerken kost te veel tijd."
text_en = "Cooperation takes too much time."
reverse = true
groups = ["wijkteam"]

[[outcome]]
id = "SURV"
code = "O1"
label_nl = "Overleving van de democratie"
label_en = "Survival of democracy"
measure = "indicator"

[outcome.indicator]
name = "overleving"
source = "Lipset (1959)"
"#;
    for (set, e, c, i) in ANCHORS {
        s += &format!(
            "\n[calibration.{set}]\nmethod = \"fuzzy\"\nexclusion = {e:?}\ncrossover = {c:?}\ninclusion = {i:?}\njustification = \"Ankers die LF uit LR reproduceren.\"\n"
        );
    }
    s += r#"
[analysis]
outcome = "SURV"
conditions = ["DEV", "URB", "LIT", "IND", "STB"]
incl_cut = 0.8
dir_exp = ["DEV", "URB", "LIT", "IND", "STB"]
"#;
    s
}

/// Hand-made answers to the SAMEN scale: one administrator and three team workers per
/// municipality (two in GM9004, which is flagged), agreeing more in higher-numbered ones.
fn answers() -> Vec<RespondentAnswers> {
    let mut out = Vec::new();
    for (i, (_, code, _)) in CASES.iter().enumerate() {
        let base = 1 + (i % 4) as u8;
        let workers = if *code == "GM9004" { 2 } else { 3 };
        for r in 0..=workers {
            let group = if r == 0 { "bestuur" } else { "wijkteam" };
            let mut a = BTreeMap::new();
            a.insert("S1".to_string(), Some(base + (r % 2) as u8));
            if *code == "GM9006" && r > 0 {
                // Too few items for a score: a flag about the SAMEN scale, which is not
                // analysed.
                out.push(RespondentAnswers {
                    respondent: format!("{code}-{r}"),
                    municipality: code.to_string(),
                    group: group.to_string(),
                    answers: a,
                });
                continue;
            }
            a.insert("S2".to_string(), Some(base + ((r + i) % 2) as u8));
            if r > 0 {
                // Reverse-scored: a high answer means little cooperation.
                a.insert("S3".to_string(), Some(6 - base - (r % 2) as u8));
            }
            out.push(RespondentAnswers {
                respondent: format!("{code}-{r}"),
                municipality: code.to_string(),
                group: group.to_string(),
                answers: a,
            });
        }
    }
    out
}

#[derive(Clone)]
struct Fixture {
    study: Study,
    measurement: Measurement,
    analysis: StudyAnalysis,
}

/// The fixture is built once per variant: the permutation tests in it are slow in debug builds.
fn fixture(simulated: bool) -> &'static Fixture {
    static REAL: OnceLock<Fixture> = OnceLock::new();
    static SIMULATED: OnceLock<Fixture> = OnceLock::new();
    let cell = if simulated { &SIMULATED } else { &REAL };
    cell.get_or_init(|| build_fixture(simulated))
}

fn build_fixture(simulated: bool) -> Fixture {
    let study = Study::from_toml_str(&study_toml(simulated)).expect("study file");
    let measurement = measure(&study, &answers()).expect("measurement");

    let (lf_cases, lf_names, lf_cols) = read_csv("LF.csv");
    let (lr_cases, lr_names, lr_cols) = read_csv("LR.csv");
    assert_eq!(lf_cases, lr_cases);
    assert_eq!(lf_names, lr_names);
    let codes: Vec<String> = lf_cases
        .iter()
        .map(|c| {
            CASES
                .iter()
                .find(|x| x.0 == c)
                .expect("known case")
                .1
                .to_string()
        })
        .collect();
    let sets = SetData::new(codes.clone(), lf_names.clone(), lf_cols).expect("sets");
    let raw = SetData::new(codes.clone(), lr_names, lr_cols).expect("raw");
    let conditions: Vec<String> = CONDITIONS.iter().map(|s| s.to_string()).collect();

    let mut spec =
        TruthTableSpec::new(Outcome::parse("SURV").expect("outcome"), conditions.clone());
    spec.incl_cut = 0.8;
    let tt = TruthTable::build(&sets, &spec).expect("truth table");
    let options = MinimizeOptions {
        include_remainders: true,
        dir_exp: Some("DEV, URB, LIT, IND, STB".into()),
        ..MinimizeOptions::default()
    };
    let minimization = minimize(&tt, &options).expect("minimize");
    let necessity = necessity_table(&sets, "SURV", false, &conditions).expect("necessity");
    let search = SearchOptions {
        incl_cut: 0.9,
        cov_cut: 0.5,
        ..SearchOptions::default()
    };
    let necessity_search =
        super_subset(&sets, "SURV", false, &conditions, &search).expect("superSubset");

    let y = sets.column("SURV").expect("SURV");
    let y_raw = raw.column("SURV").expect("SURV raw");
    let leading: Vec<usize> = (0..codes.len()).filter(|&k| y[k] > 0.5).collect();
    let lagging: Vec<usize> = (0..codes.len()).filter(|&k| y[k] < 0.5).collect();
    let mut comparisons = Vec::new();
    let mut correlations = Vec::new();
    for c in CONDITIONS {
        let x = raw.column(c).expect("raw condition");
        let lead: Vec<f64> = leading.iter().map(|&k| x[k]).collect();
        let lag: Vec<f64> = lagging.iter().map(|&k| x[k]).collect();
        comparisons.push(ConditionComparison {
            set: c.to_string(),
            median_leading: kantel_stats::median(&lead).expect("median"),
            median_lagging: kantel_stats::median(&lag).expect("median"),
            test: kantel_stats::mann_whitney(&lead, &lag).expect("mann-whitney"),
            cliffs_delta: kantel_stats::cliffs_delta(&lead, &lag).expect("delta"),
            p_adjusted: f64::NAN,
        });
        correlations.push(ConditionCorrelation {
            set: c.to_string(),
            spearman: kantel_stats::spearman(x, y_raw, SEED).expect("spearman"),
            kendall: kantel_stats::kendall_tau_b(x, y_raw, SEED).expect("kendall"),
            spearman_p_adjusted: f64::NAN,
            kendall_p_adjusted: f64::NAN,
        });
    }
    let adjust = |p: Vec<f64>| kantel_stats::adjust_p_values(&p, Correction::Holm);
    let adj = adjust(comparisons.iter().map(|c| c.test.p_value).collect());
    comparisons
        .iter_mut()
        .zip(adj)
        .for_each(|(c, p)| c.p_adjusted = p);
    let adj = adjust(correlations.iter().map(|c| c.spearman.p_value).collect());
    correlations
        .iter_mut()
        .zip(adj)
        .for_each(|(c, p)| c.spearman_p_adjusted = p);
    let adj = adjust(correlations.iter().map(|c| c.kendall.p_value).collect());
    correlations
        .iter_mut()
        .zip(adj)
        .for_each(|(c, p)| c.kendall_p_adjusted = p);

    let calibrations = ANCHORS
        .iter()
        .map(|(set, e, c, i)| {
            let def = study.set(set).expect("set in study").set;
            SetCalibration {
                set: set.to_string(),
                label_nl: def.label_nl.clone(),
                label_en: def.label_en.clone(),
                source: "register".into(),
                method: format!("fuzzy:e={e},c={c},i={i}"),
                justification: study.calibration[*set].justification.clone(),
                anchors: vec![*e, *c, *i],
                warnings: Vec::new(),
            }
        })
        .collect();
    let sources = ANCHORS
        .iter()
        .map(|(set, ..)| {
            let def = study.set(set).expect("set in study").set;
            DataSource {
                set: set.to_string(),
                kind: SourceKind::Register,
                label: def.indicator.as_ref().map(|i| i.source.clone()),
                indicator: def.indicator.as_ref().map(|i| i.name.clone()),
                files: vec!["lipset_LR.csv".into()],
                year: Some(2025),
                year_note: Some(msg!("analysis-year-study", year = "2025")),
                n_values: if *set == "SURV" { 18 } else { 19 },
            }
        })
        .collect();
    let parsimonious = minimization.parsimonious.as_ref().expect("parsimonious");
    let found = parsimonious.models[0].expression.clone();
    let recovery = simulated.then(|| {
        Step::ok_with(Recovery {
            planted: "DEV*~IND + URB*STB".into(),
            found: found.clone(),
            solution: "parsimonious".into(),
            recovered: true,
            terms_found: vec!["DEV*~IND".into(), "URB*STB".into()],
            terms_missing: Vec::new(),
            terms_extra: Vec::new(),
            cases: 18,
            observed_configurations: 9,
            configurations: 32,
            explanation: vec![
                msg!(
                    "analysis-recovery-equivalent",
                    solution = Msg::new("analysis-solution-parsimonious")
                ),
                msg!(
                    "analysis-recovery-diversity",
                    cases = 18usize,
                    observed = 9usize,
                    total = 32usize,
                    conditions = 5usize,
                    remainders = 23usize
                ),
            ],
        })
    });

    let analysis = StudyAnalysis {
        study: study.study.name.clone(),
        simulated,
        outcome: "SURV".into(),
        conditions,
        seed: SEED,
        correction: Correction::Holm,
        half_membership: HalfMembershipRule::Exclude,
        cases: CaseCount {
            study: CASES.len() + 1,
            analysed: CASES.len(),
            truth_table: Some(CASES.len()),
        },
        missing: vec![MissingValue {
            municipality: DROPPED.0.to_string(),
            set: "SURV".into(),
            reason: msg!(
                "analysis-missing-register",
                set = "SURV",
                indicator = "overleving",
                year = "2025"
            ),
        }],
        dropped: vec![DROPPED.0.to_string()],
        sources,
        measurement: Step::ok_with(RawValues { raw }),
        reliability: Step::ok_with(Reliability { scales: Vec::new() }),
        calibration: Step::ok_with(Calibrated { sets, calibrations }),
        necessity: Step::ok_with(Necessity {
            conditions: necessity,
            search: necessity_search,
        }),
        truth_table: Step::ok_with(TruthTableResult {
            table: tt,
            half_membership: HalfMembershipRule::Exclude,
            half_cases: Vec::new(),
        }),
        minimization: Step::ok_with(Solutions::Found {
            minimization: Box::new(minimization),
        }),
        statistics: Step::ok_with(Statistics {
            comparison: LeadLagComparison {
                leading: leading.iter().map(|&k| codes[k].clone()).collect(),
                lagging: lagging.iter().map(|&k| codes[k].clone()).collect(),
                conditions: comparisons,
            },
            correlations,
        }),
        recovery,
        robustness: None,
        esa: None,
        case_selection: None,
        warnings: vec![Msg::from("testwaarschuwing <b>")],
    };
    Fixture {
        study,
        measurement,
        analysis,
    }
}

fn render(f: &Fixture, lang: Lang) -> String {
    let input = ReportInput {
        study: &f.study,
        measurement: &f.measurement,
        analysis: &f.analysis,
        generated_by: "kantel 0.1.0",
    };
    render_report(&input, lang).expect("report")
}

/// The part of the document from `id="<id>"` up to the next major section.
fn section<'h>(html: &'h str, id: &str) -> &'h str {
    let start = html
        .find(&format!("<section class=\"major\" id=\"{id}\""))
        .unwrap_or_else(|| panic!("no section {id}"));
    let rest = &html[start..];
    let end = rest[1..]
        .find("<section class=\"major\"")
        .map_or(rest.len(), |e| e + 1);
    &rest[..end]
}

const IDS: [&str; 9] = [
    "studie",
    "betrouwbaarheid",
    "kalibratie",
    "noodzakelijkheid",
    "waarheidstabel",
    "oplossingen",
    "statistiek",
    "herontdekking",
    "spiegel",
];

#[test]
fn every_section_is_present_in_both_languages() {
    let f = fixture(true);
    for lang in [Lang::Nl, Lang::En] {
        let html = render(f, lang);
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains(&format!("<html lang=\"{}\">", lang.code())));
        for id in IDS {
            assert_eq!(
                html.matches(&format!(" id=\"{id}\"")).count(),
                1,
                "{lang}: section {id}"
            );
            assert!(
                html.contains(&format!("href=\"#{id}\"")),
                "{lang}: no link to {id}"
            );
        }
        assert!(
            !html.contains(kantel_report::i18n::MISSING),
            "{lang}: untranslated key"
        );
    }
    let nl = render(f, Lang::Nl);
    let en = render(f, Lang::En);
    assert!(nl.contains("Waarheidstabel</h2>") && en.contains("Truth table</h2>"));
    assert!(nl.contains("Spaarzame oplossing") && en.contains("Parsimonious solution"));
}

#[test]
fn simulated_data_carry_a_banner_on_every_page() {
    let sim = fixture(true);
    let html = render(sim, Lang::Nl);
    let banners = html.matches("<div class=\"banner-sim\"").count();
    // Header, nine major sections and one per mirror page (19 municipalities).
    assert_eq!(banners, 1 + IDS.len() + CASES.len() + 1);
    assert!(html.contains("GESIMULEERDE GEGEVENS / SIMULATED DATA"));
    assert!(html.contains("<div class=\"sim-running\""));
    let en = render(sim, Lang::En);
    assert!(en.contains("SIMULATED DATA / GESIMULEERDE GEGEVENS"));

    let real = fixture(false);
    let html = render(real, Lang::Nl);
    assert!(!html.contains("<div class=\"banner-sim\""));
    assert!(!html.contains("<div class=\"sim-running\""));
    assert!(!html.contains("GESIMULEERDE GEGEVENS"));
    // Without a planted structure there is no recovery section.
    assert!(!html.contains("id=\"herontdekking\""));
    for id in IDS.iter().filter(|i| **i != "herontdekking") {
        assert!(html.contains(&format!(" id=\"{id}\"")), "{id}");
    }
}

#[test]
fn the_report_is_self_contained_and_escaped() {
    let f = fixture(true);
    for lang in [Lang::Nl, Lang::En] {
        let html = render(f, lang);
        assert!(
            !html.contains("http://") && !html.contains("https://"),
            "{lang}: external reference"
        );
        assert!(
            !html.to_ascii_lowercase().contains("<script"),
            "{lang}: script element"
        );
        assert!(!html.contains("<link") && !html.contains("@import") && !html.contains("url("));
        assert!(html.contains(
            "Testfixture: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Lipset (1959)."
        ));
        assert!(html.contains("testwaarschuwing &lt;b&gt;"));
        assert!(html.contains("&#39;s-Verenigd Koninkrijk"));
        assert!(html.contains("@media print"));
        assert!(html.contains("break-before: page"));
    }
}

#[test]
fn output_is_byte_stable() {
    let f = fixture(true);
    assert_eq!(render(f, Lang::Nl), render(f, Lang::Nl));
    // A second analysis built from scratch gives the same bytes.
    let again = build_fixture(true);
    assert_eq!(render(f, Lang::En), render(&again, Lang::En));
}

#[test]
fn solutions_print_the_engines_numbers() {
    let f = fixture(false);
    let html = render(f, Lang::Nl);
    let sol = section(&html, "oplossingen");
    let m = f.analysis.minimization().expect("minimization");
    let pars = &m.parsimonious.as_ref().expect("parsimonious").models[0];
    // R: minimize(tt, include = "?") gives DEV*~IND + URB*STB with inclS 0.850, PRI 0.819,
    // covS 0.714 (LF_SURV_i0.8.json).
    assert_eq!(pars.expression, "DEV*~IND + URB*STB");
    assert!(sol.contains("<span class=\"expr model\">DEV*~IND + URB*STB</span>"));
    assert!(sol.contains(
        "<td class=\"num\">0.850</td><td class=\"num\">0.819</td><td class=\"num\">0.714</td>"
    ));
    assert_eq!(kantel_report_f3(pars.incl), "0.850");

    let tt = f.analysis.truth_table().expect("truth table");
    let y = tt.outcome_membership();
    let all_models = m
        .conservative
        .as_ref()
        .expect("cons")
        .models
        .iter()
        .chain(&m.parsimonious.as_ref().expect("pars").models)
        .chain(m.intermediate.iter().flat_map(|i| &i.models));
    let mut figures = 0;
    for model in all_models {
        assert!(sol.contains(&format!(
            "<span class=\"expr model\">{}</span>",
            model.expression
        )));
        let mut terms = Vec::new();
        for t in &model.terms {
            // The caption shows the engine's inclS and covS, and the plotted memberships
            // give the same values when recomputed here.
            let x = tt.term_membership(&t.implicant);
            let recomputed = fit::sufficiency(&x, y);
            assert!(
                (recomputed.incl - t.incl).abs() < 1e-9 && (recomputed.cov - t.cov).abs() < 1e-9
            );
            let caption = format!(
                "<span class=\"expr\">{}</span> → <span class=\"expr\">SURV</span>: inclS = {}, covS = {}</figcaption>",
                t.term,
                kantel_report_f3(t.incl),
                kantel_report_f3(t.cov)
            );
            assert!(sol.contains(&caption), "missing caption {caption}");
            // Every municipality is a point in the term's plot.
            for (k, code) in tt.case_names().iter().enumerate() {
                let name = CASES
                    .iter()
                    .find(|c| c.1 == code)
                    .map(|c| c.2)
                    .expect("name");
                let tip = format!(
                    "<title>{}: {}, {}</title>",
                    escape(name),
                    kantel_report_f3(x[k]),
                    kantel_report_f3(y[k])
                );
                assert!(sol.contains(&tip), "missing point {tip}");
            }
            terms.push(x);
            figures += 1;
        }
        if model.terms.len() > 1 {
            let union = fit::union(&terms, y.len());
            let s = fit::sufficiency(&union, y);
            assert_eq!(kantel_report_f3(s.incl), kantel_report_f3(model.incl));
            assert!(sol.contains(&format!(
                "<span class=\"expr\">{}</span> → <span class=\"expr\">SURV</span>: inclS = {}, covS = {}</figcaption>",
                model.expression,
                kantel_report_f3(model.incl),
                kantel_report_f3(model.cov)
            )));
            figures += 1;
        }
    }
    assert_eq!(sol.matches("<figure class=\"xy\">").count(), figures);
    assert_eq!(sol.matches("role=\"img\"").count(), figures);

    // Intermediate C1P1: R's easy counterfactual is row 30; difficult ones 10..29.
    let inter = &m.intermediate[0];
    assert_eq!(inter.easy_counterfactuals.rows, Some(vec![30]));
    assert!(sol.contains("<li>Rij 30: <span class=\"expr\">DEV*URB*LIT*~IND*STB</span></li>"));
    let difficult = inter.difficult_counterfactuals.rows.as_ref().unwrap();
    assert_eq!(
        difficult.len() as u64,
        inter.difficult_counterfactuals.count
    );
    for r in difficult {
        assert!(
            sol.contains(&format!("<li>Rij {r}: ")),
            "difficult counterfactual {r}"
        );
    }
    assert!(sol.contains("Makkelijke contrafeitelijke gevallen (1)"));
}

#[test]
fn necessity_truth_table_and_statistics_print_the_engines_numbers() {
    let f = fixture(false);
    let html = render(f, Lang::En);
    let a = &f.analysis;

    let nec = section(&html, "noodzakelijkheid");
    let necessity = a.necessity.ok().expect("necessity");
    for r in &necessity.conditions {
        let row = format!(
            "<td class=\"expr\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
            r.expression,
            kantel_report_f3(r.fit.incl),
            kantel_report_f3(r.fit.ron),
            kantel_report_f3(r.fit.cov)
        );
        assert!(nec.contains(&row), "{row}");
    }
    assert!(!necessity.search.is_empty());
    for t in &necessity.search {
        assert!(nec.contains(&format!("<td class=\"expr\">{}</td>", t.expression)));
    }

    let tts = section(&html, "waarheidstabel");
    let tt = a.truth_table().expect("truth table");
    for r in tt.rows() {
        let names: Vec<String> = r
            .cases
            .iter()
            .map(|&k| {
                escape(
                    CASES
                        .iter()
                        .find(|c| c.1 == tt.case_names()[k])
                        .map(|c| c.2)
                        .expect("name"),
                )
            })
            .collect();
        let expected = format!(
            "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            r.out.code(),
            r.n,
            kantel_report_f3(r.incl),
            kantel_report_f3(r.pri),
            names.join("; ")
        );
        assert!(tts.contains(&expected), "{expected}");
    }
    // R: row 32 holds BE, CZ, NL, UK with incl 0.904 and PRI 0.886.
    assert!(tts.contains(
        "<td class=\"num\">1</td><td class=\"num\">4</td><td class=\"num\">0.904</td><td class=\"num\">0.886</td><td>België; Tsjechoslowakije; Nederland; &#39;s-Verenigd Koninkrijk</td>"
    ));
    assert!(
        tts.contains("9 of the 32 configurations are observed: 2 positive (OUT = 1), 7 negative")
    );

    let stat = section(&html, "statistiek");
    let stats = a.statistics().expect("statistics");
    for c in &stats.comparison.conditions {
        assert!(stat.contains(&format!(
            "<td><code>{}</code></td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
            c.set,
            kantel_report_f3(c.median_leading),
            kantel_report_f3(c.median_lagging)
        )));
        assert!(stat.contains(&kantel_report_f3(c.cliffs_delta)));
    }
    for c in &stats.correlations {
        assert!(stat.contains(&format!(
            "<td><code>{}</code></td><td class=\"num\">{}</td>",
            c.set,
            kantel_report_f3(c.spearman.estimate)
        )));
        assert!(stat.contains(&kantel_report_f3(c.kendall.estimate)));
    }
    // 18 cases: Mann-Whitney and Kendall are exact, Spearman (n > 9) is a seeded permutation test.
    assert!(stat.contains(&format!("permutation (20000 draws, seed {SEED})")));
    assert!(stat.contains("<td>exact</td>"));
    assert!(stat.contains("Holm"));

    let rel = section(&html, "betrouwbaarheid");
    let scale = &f.measurement.scales[0];
    assert_eq!(scale.set, "SAMEN");
    assert!(rel.contains(&format!(
        "(α = {})</h3>",
        kantel_report_f3(scale.alpha.expect("alpha"))
    )));
    for v in scale.alpha_if_deleted.iter().flatten() {
        assert!(rel.contains(&kantel_report_f3(*v)));
    }
    assert!(rel.contains("We cooperate well."));

    let cal = section(&html, "kalibratie");
    assert!(cal.contains("exclusion = 400, crossover = 550, inclusion = 900"));
    assert!(cal.contains("exclusion = 15, crossover = 9.5, inclusion = 5"));
    assert_eq!(cal.matches("role=\"img\"").count(), ANCHORS.len());
    // Austria: GDP 720 -> membership 0.81.
    assert!(cal.contains("<title>Oostenrijk: 720.000, 0.810</title>"));

    let study = section(&html, "studie");
    assert!(study.contains("18 of 19"));
    assert!(
        study.contains("too few respondents in group Neighbourhood team worker: 2 (minimum 3)")
    );
    assert!(study.contains("SURV: no register value for indicator “overleving” in 2025"));
}

#[test]
fn every_municipality_has_a_mirror_page() {
    let f = fixture(true);
    let html = render(f, Lang::Nl);
    let mirror = section(&html, "spiegel");
    assert_eq!(
        mirror.matches("<section class=\"mirror\"").count(),
        CASES.len() + 1
    );
    for (_, code, name) in CASES
        .iter()
        .chain(std::iter::once(&("", DROPPED.0, DROPPED.1)))
    {
        assert!(
            mirror.contains(&format!("<section class=\"mirror\" id=\"spiegel-{code}\"")),
            "{code}"
        );
        assert!(mirror.contains(&format!("Spiegelrapport {} ({code})", escape(name))));
    }
    let input = ReportInput {
        study: &f.study,
        measurement: &f.measurement,
        analysis: &f.analysis,
        generated_by: "kantel 0.1.0",
    };
    // Finland (FI: DEV 0.58, IND 0.08, SURV 0.77) is covered by DEV*~IND and sits in row 22
    // with Ireland.
    let fi = render_mirror(&input, "GM9005", Lang::Nl).expect("mirror");
    assert!(fi.starts_with("<!DOCTYPE html>"));
    assert_eq!(fi.matches("<section class=\"mirror\"").count(), 1);
    assert!(fi.contains("<div class=\"banner-sim\""));
    assert!(fi.contains("<span class=\"expr\">DEV*~IND</span> (0.580)"));
    assert!(fi.contains("Rij 22: <span class=\"expr\">DEV*~URB*LIT*~IND*STB</span>; OUT = 1"));
    assert!(fi.contains("Andere gemeenten in deze rij: Ierland."));
    assert!(fi.contains("koploper"));
    assert!(fi.contains("class=\"hi\" r=\"5.00\""));
    assert!(!fi.contains("http://") && !fi.contains("<script"));
    // The same section as in the full report.
    let start = mirror
        .find("<section class=\"mirror\" id=\"spiegel-GM9005\"")
        .expect("in report");
    let end = mirror[start..].find("</section>").expect("closed") + start;
    assert!(fi.contains(&mirror[start..end]));

    let estonia = render_mirror(&input, "GM9004", Lang::En).expect("mirror");
    assert!(
        estonia.contains("too few respondents in group Neighbourhood team worker: 2 (minimum 3)")
    );
    let dropped = render_mirror(&input, DROPPED.0, Lang::En).expect("mirror");
    assert!(dropped.contains(
        "This municipality was left out of the analysis: SURV: no register value for indicator “overleving” in 2025"
    ));

    match render_mirror(&input, "GM0363", Lang::Nl) {
        Err(ReportError::UnknownMunicipality { code, known }) => {
            assert_eq!(code, "GM0363");
            assert!(known.contains("GM9001"));
        }
        other => panic!("expected UnknownMunicipality, got {other:?}"),
    }
}

#[test]
fn inconsistent_analyses_are_errors_not_panics() {
    let mut f = fixture(false).clone();
    f.analysis.conditions.push("MANDAAT".into());
    let input = ReportInput {
        study: &f.study,
        measurement: &f.measurement,
        analysis: &f.analysis,
        generated_by: "t",
    };
    let err = render_report(&input, Lang::Nl).expect_err("must fail");
    assert!(err.to_string().contains("MANDAAT"), "{err}");
}

/// The document with the inside of every `<svg>` replaced by `…` (the opening tag, with
/// its aria-label, stays): the plots themselves are snapshotted separately.
fn without_plot_bodies(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 4);
    let mut rest = html;
    while let Some(start) = rest.find("<svg ") {
        let open_end = rest[start..]
            .find('>')
            .map_or(rest.len(), |e| start + e + 1);
        out.push_str(&rest[..open_end]);
        out.push('…');
        let close = rest[open_end..]
            .find("</svg>")
            .map_or(rest.len(), |e| open_end + e);
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

#[test]
fn snapshot_of_the_rendered_report() {
    let f = fixture(true);
    let nl = render(f, Lang::Nl);
    insta::assert_snapshot!("report_nl_without_plot_bodies", without_plot_bodies(&nl));
    let en = render(f, Lang::En);
    insta::assert_snapshot!("solutions_en_with_plots", section(&en, "oplossingen"));
    let input = ReportInput {
        study: &f.study,
        measurement: &f.measurement,
        analysis: &f.analysis,
        generated_by: "kantel 0.1.0",
    };
    insta::assert_snapshot!(
        "mirror_en_GM9012",
        render_mirror(&input, "GM9012", Lang::En).expect("mirror")
    );
}

/// Three decimals, written independently of the crate's formatter.
fn kantel_report_f3(x: f64) -> String {
    if !x.is_finite() {
        return "NA".into();
    }
    let s = format!("{x:.3}");
    if s == "-0.000" { "0.000".into() } else { s }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The labels next to points in every plot of `html`: (viewBox width, viewBox height, x, y,
/// anchor, text).
fn point_labels(html: &str) -> Vec<(f64, f64, f64, f64, String, String)> {
    let mut out = Vec::new();
    for svg in html.split("<svg ").skip(1) {
        let svg = &svg[..svg.find("</svg>").expect("closed svg")];
        let vb_start = svg.find("viewBox=\"0 0 ").expect("viewBox") + 13;
        let vb: Vec<f64> = svg[vb_start..vb_start + svg[vb_start..].find('"').expect("quote")]
            .split(' ')
            .map(|v| v.parse().expect("number"))
            .collect();
        for part in svg.split("<text class=\"pl\" ").skip(1) {
            let attr = |name: &str| {
                let start = part.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
                part[start..start + part[start..].find('"').expect("quote")].to_string()
            };
            let text = &part[part.find('>').expect(">") + 1..part.find("</text>").expect("end")];
            out.push((
                vb[0],
                vb[1],
                attr("x").parse().expect("x"),
                attr("y").parse().expect("y"),
                attr("text-anchor"),
                text.to_string(),
            ));
        }
    }
    out
}

#[test]
fn xy_plot_labels_stay_inside_the_view_box_and_plots_are_readable() {
    let f = fixture(false);
    let html = render(f, Lang::Nl);
    let sol = section(&html, "oplossingen");
    let labels = point_labels(sol);
    assert!(!labels.is_empty());
    for (w, h, x, y, anchor, text) in &labels {
        // Escaped text: count characters of the unescaped name.
        let plain = text.replace("&#39;", "'").replace("&amp;", "&");
        let width = kantel_report::svg::label_width(&plain, kantel_report::svg::POINT_LABEL_FONT);
        let (left, right) = if anchor == "start" {
            (*x, x + width)
        } else {
            (x - width, *x)
        };
        assert!(left >= 0.0 && right <= *w, "{text}: {left}..{right} of {w}");
        assert!(*y - 10.0 >= 0.0 && *y <= *h, "{text}: y {y} of {h}");
    }
    // Plots are about 520 px wide and shrink with the page.
    assert!(sol.contains("width=\"520.00\" height=\"520.00\""));
    assert!(html.contains("svg.plot { max-width: 100%; height: auto; }"));
    // The mirror strip plots have axis titles.
    let mirror = section(&html, "spiegel");
    assert!(mirror.contains(">DEV: ruwe score</text>"));
    assert!(mirror.contains(">DEV: lidmaatschap</text>"));
}

#[test]
fn mann_whitney_u_is_an_integer_and_headers_say_what_columns_hold() {
    let f = fixture(false);
    for lang in [Lang::Nl, Lang::En] {
        let html = render(f, lang);
        let stat = section(&html, "statistiek");
        let stats = f.analysis.statistics().expect("statistics");
        for c in &stats.comparison.conditions {
            let u = kantel_i18n::format_number(c.test.u);
            assert!(!u.contains('.') || c.test.u.fract() == 0.5, "{u}");
            assert!(
                stat.contains(&format!(
                    "<td class=\"num\">{}</td><td class=\"num\">{u}</td>",
                    kantel_report_f3(c.median_lagging)
                )),
                "{lang}: U of {} printed as {u}",
                c.set
            );
        }
        // No U with three decimals, and the method column is not called "p-value".
        assert!(!stat.contains(".000</td><td class=\"num\">0."), "{lang}");
        let (method, wrong) = match lang {
            Lang::Nl => ("<th>Berekening van p</th>", "<th>p-waarde</th>"),
            Lang::En => ("<th>How p was computed</th>", "<th>p-value</th>"),
        };
        assert_eq!(stat.matches(method).count(), 3, "{lang}");
        assert!(!stat.contains(wrong), "{lang}");
    }
}

#[test]
fn lists_of_municipalities_are_separated_by_semicolons() {
    let f = fixture(false);
    let html = render(f, Lang::En);
    let name = "Nuenen, Gerwen en Nederwetten";
    let tt = section(&html, "waarheidstabel");
    let row = tt
        .lines()
        .find(|l| l.contains(name))
        .expect("the municipality is in a truth-table row");
    let cell = &row[row.rfind("<td>").expect("cell") + 4..row.rfind("</td>").expect("cell")];
    let names: Vec<&str> = cell.split("; ").collect();
    assert!(names.contains(&name), "{cell}");
    for n in names {
        assert!(
            CASES.iter().any(|c| escape(c.2) == n),
            "{n} is not a whole name"
        );
    }
    let stat = section(&html, "statistiek");
    assert!(!stat.contains("Nuenen, Gerwen en Nederwetten, "));
}

#[test]
fn data_sources_name_file_indicator_and_year() {
    let f = fixture(false);
    let en = render(f, Lang::En);
    let cal = section(&en, "kalibratie");
    assert!(cal.contains(
        "register data: indicator “BNP per hoofd (USD)”; source Lipset (1959); year 2025, the study year; file lipset_LR.csv; 19 of 19 municipalities have a value"
    ), "{cal}");
    let nl = render(f, Lang::Nl);
    let cal = section(&nl, "kalibratie");
    assert!(cal.contains("registergegevens: indicator ‘overleving’; bron Lipset (1959); jaar 2025, het onderzoeksjaar; bestand lipset_LR.csv; 18 van 19 gemeenten hebben een waarde"));
}

#[test]
fn flags_of_scales_outside_the_analysis_are_kept_apart() {
    let f = fixture(false);
    let flags = &scores_of(f, "GM9006").flags;
    assert!(
        flags.iter().any(
            |fl| matches!(fl, kantel_study::measure::Flag::FewScored { set, .. } if set == "SAMEN")
        ),
        "{flags:?}"
    );
    let html = render(f, Lang::En);
    let study = section(&html, "studie");
    assert!(!study.contains("SAMEN: too few respondents with a score"));
    let input = ReportInput {
        study: &f.study,
        measurement: &f.measurement,
        analysis: &f.analysis,
        generated_by: "kantel 0.1.0",
    };
    let mirror = render_mirror(&input, "GM9006", Lang::En).expect("mirror");
    assert!(mirror.contains(
        "Flags about scales outside the analysis: SAMEN: too few respondents with a score"
    ));
}

fn scores_of<'a>(f: &'a Fixture, code: &str) -> &'a kantel_study::measure::MunicipalityScores {
    f.measurement
        .municipalities
        .iter()
        .find(|m| m.municipality == code)
        .expect("scores")
}

#[test]
fn the_headline_names_every_model_and_the_cases_analysed() {
    let mut f = fixture(false).clone();
    // A second parsimonious model (as with several equally good covers).
    let Step::Ok {
        result: Solutions::Found { minimization },
    } = &mut f.analysis.minimization
    else {
        panic!("solutions");
    };
    let pars = minimization.parsimonious.as_mut().expect("parsimonious");
    let mut second = pars.models[0].clone();
    second.expression = "DEV*~IND + LIT*STB".into();
    pars.models.push(second);
    let headline = f.analysis.headline();
    for lang in [Lang::Nl, Lang::En] {
        let text = headline.render(lang);
        assert!(
            text.contains("M1: DEV*~IND + URB*STB (inclS 0.850, covS 0.714)"),
            "{text}"
        );
        assert!(text.contains("; M2: DEV*~IND + LIT*STB"), "{text}");
        let html = render(&f, lang);
        let study = section(&html, "studie");
        assert!(study.contains("<p class=\"headline\">"));
        assert!(study.contains("M2: DEV*~IND + LIT*STB"));
        let cases = match lang {
            Lang::Nl => "18 van 19 gemeenten geanalyseerd",
            Lang::En => "18 of 19 municipalities analysed",
        };
        assert!(study.contains(cases), "{lang}");
        assert!(text.contains(cases), "{lang}");
        assert!(!html.contains(kantel_report::i18n::MISSING));
    }
}

/// Analyses a simulated pre-study after `change`, and renders it in both languages.
fn simulated_report(
    change: impl FnOnce(&mut kantel_study::simulate::SimulatedStudy),
) -> (StudyAnalysis, String, String) {
    use kantel_study::simulate::{SimConfig, simulate};
    let mut sim = simulate(&SimConfig::pre_study(4)).expect("simulation");
    change(&mut sim);
    let measurement = measure(&sim.study, &sim.answers).expect("measurement");
    let analysis =
        kantel_study::analysis::analyse(&sim.study, &measurement, &sim.register, &sim.ratings, 1)
            .expect("analysis");
    let input = ReportInput {
        study: &sim.study,
        measurement: &measurement,
        analysis: &analysis,
        generated_by: "kantel 0.1.0",
    };
    let nl = render_report(&input, Lang::Nl).expect("nl");
    let en = render_report(&input, Lang::En).expect("en");
    for html in [&nl, &en] {
        assert!(!html.contains(kantel_report::i18n::MISSING), "untranslated");
        for m in &sim.study.municipalities {
            let page = render_mirror(&input, m.code.as_str(), Lang::En).expect("mirror");
            assert!(!page.contains(kantel_report::i18n::MISSING));
        }
    }
    (analysis, nl, en)
}

#[test]
fn a_report_with_a_failed_truth_table_shows_the_failure_and_the_rest() {
    let mut code = String::new();
    let (a, nl, en) = simulated_report(|sim| {
        // Municipality 3 exactly on the LOSLATEN crossover, with half_membership = "error".
        let m = measure(&sim.study, &sim.answers).expect("measurement");
        let x = m.municipalities[3]
            .scale("LOSLATEN")
            .and_then(|s| s.mean)
            .expect("mean");
        code = m.municipalities[3].municipality.clone();
        let cal = sim.study.calibration.get_mut("LOSLATEN").expect("anchors");
        cal.crossover = Some(x);
        cal.exclusion = Some(x - 1.0);
        cal.inclusion = Some(x + 1.0);
        sim.study.analysis.half_membership = HalfMembershipRule::Error;
    });
    assert!(!a.all_steps_ok());
    for (html, failed, skipped) in [
        (&en, "This step failed:", "This step was not carried out:"),
        (
            &nl,
            "Deze stap is mislukt:",
            "Deze stap is niet uitgevoerd:",
        ),
    ] {
        let tt = section(html, "waarheidstabel");
        assert!(tt.contains("<div class=\"step-failed\" role=\"alert\">"));
        assert!(tt.contains(failed) && tt.contains(&code));
        let sol = section(html, "oplossingen");
        assert!(
            sol.contains("<div class=\"step-skipped\" role=\"alert\">") && sol.contains(skipped)
        );
        // The steps that succeeded are there in full.
        assert!(section(html, "noodzakelijkheid").contains("<table class=\"necessity\">"));
        assert!(section(html, "kalibratie").contains("<table class=\"data\">"));
        assert!(section(html, "statistiek").contains("<table class=\"lead-lag\">"));
        let study = section(html, "studie");
        assert!(study.contains("<ul class=\"steps\">"));
        assert!(section(html, "herontdekking").contains("step-skipped"));
    }
}

#[test]
fn a_report_without_positive_rows_shows_the_empty_solution() {
    let (a, nl, en) = simulated_report(|sim| {
        let cal = sim
            .study
            .calibration
            .get_mut("EERSTELIJN")
            .expect("anchors");
        cal.exclusion = Some(0.6);
        cal.crossover = Some(0.7);
        cal.inclusion = Some(0.8);
    });
    assert!(a.all_steps_ok());
    let row = a
        .minimization
        .ok()
        .and_then(Solutions::empty)
        .and_then(|e| e.best_row)
        .expect("best row");
    let sol = section(&en, "oplossingen");
    assert!(sol.contains("<div class=\"step-empty\" role=\"status\"><strong>Empty solution:</strong> no configuration passes incl.cut 0.8; the highest inclS is"));
    assert!(sol.contains(&format!("in row {row}")));
    assert!(section(&nl, "oplossingen").contains("Lege oplossing:"));
    assert!(section(&en, "studie").contains("Empty solution for EERSTELIJN"));
    assert!(section(&en, "noodzakelijkheid").contains("<table class=\"necessity\">"));
    assert!(section(&en, "waarheidstabel").contains("<table class=\"truth-table\">"));
}

#[test]
fn a_report_without_measured_values_still_renders() {
    let (a, nl, en) = simulated_report(|sim| sim.register.clear());
    assert_eq!(
        a.measurement.status(),
        kantel_study::analysis::StepStatus::Failed
    );
    for html in [&nl, &en] {
        assert!(section(html, "studie").contains("step-failed"));
        assert!(section(html, "betrouwbaarheid").contains("<table class=\"reliability\">"));
        assert!(section(html, "kalibratie").contains("step-skipped"));
        assert!(section(html, "studie").contains("<table class=\"missing\">"));
    }
    assert!(en.contains("EERSTELIJN: the register data have no indicator"));
}
