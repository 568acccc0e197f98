//! A simulator of the municipal support system with a planted causal structure, to test
//! whether the analysis finds what is known to be there.
//!
//! The Dutch social domain is organised in lines: the *nulde lijn* (residents' own strength
//! and network), the *eerste lijn* (general facilities and the freely accessible sociale
//! wijkteams) and the *tweede lijn* (specialist care, by referral only). A municipality
//! "transforms" when support shifts from the second to the first and zeroth line. The
//! simulator gives every municipality latent levels of the conditions, derives its degree of
//! transformation from a planted Boolean structure, and then produces what a researcher
//! would actually see: questionnaire answers (1-5 or "weet niet") of administrators,
//! managers and wijkteam workers, register shares of youth care delivered by the wijkteam,
//! and an expert rating. The model and its limits are documented in `docs/simulation.md`.
//!
//! Everything is drawn from one ChaCha8 stream seeded with [`SimConfig::seed`], in a fixed
//! order, so a configuration always gives the same study.

use std::collections::BTreeMap;

use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::StudyError;
use crate::codebook::MeasureKind;
use crate::import::RegisterValue;
use crate::measure::RespondentAnswers;
use crate::register::MunicipalityRegister;
use crate::study::CbsCode;
use crate::study::{
    Analysis, AnchorSweep, CalibrationMethod, CalibrationSpec, HalfMembershipRule, MinItems,
    Municipality, RobustnessPlan, Study,
};

/// The planted structure: transformation happens with (BESTLEID and LOSLATEN) or
/// (EXPERIMENT and MANDAAT).
pub const PLANTED: &str = "BESTLEID*LOSLATEN + EXPERIMENT*MANDAAT";

/// Conditions that drive the outcome, in the order of [`PLANTED`].
pub const CAUSAL_CONDITIONS: [&str; 4] = ["BESTLEID", "LOSLATEN", "EXPERIMENT", "MANDAAT"];

/// Conditions that are measured and analysed but have no effect on the outcome.
pub const NOISE_CONDITIONS: [&str; 2] = ["INTEGRAAL", "VISIE"];

/// The outcome set measured by the register indicator (share of youth care delivered by
/// the wijkteam); the outcome of the simulated study's analysis plan.
pub const OUTCOME_INDICATOR: &str = "EERSTELIJN";

/// The outcome set measured by an expert rating (4-value scheme).
pub const OUTCOME_RATING: &str = "TRANSFORMATIE";

/// Inhabitants per municipality: CBS Kerncijfers wijken en buurten 2019 (CC BY 4.0), the
/// same table the built-in municipality register was derived from.
const POPULATION_2019: &str = include_str!("../../../testdata/register/kwb_2019_gemeenten.csv");

/// Expected scale mean at latent level 0.5; equal to the crossover of the Likert
/// calibration, so a latent level of 0.5 is maximally ambiguous in the data as well.
const LIKERT_CENTRE: f64 = 3.45;
/// Crossover of the Likert calibration in the simulated study. 3.45 itself is hit: a mean
/// of group means such as (3.4 + 3.5) / 2 equals it. In lowest terms 3.4537 has denominator
/// 10 000 = 2^4 * 5^4, while a mean of at most three group means of at most seven respondents
/// with three to five scored items has at most 5^2 in its denominator, so no scale mean of
/// this design equals it.
const LIKERT_CROSSOVER: f64 = 3.4537;
/// Expected scale mean = LIKERT_CENTRE + LIKERT_SPAN * (level - 0.5): level 0 gives 2.35
/// (below the exclusion anchor 2.5), level 1 gives 4.55 (above the inclusion anchor 4.2).
const LIKERT_SPAN: f64 = 2.2;
/// Share of youths with jeugdhulp without residence delivered by the wijkteam:
/// SHARE_BASE + SHARE_SPAN * T. T = 0 gives 6%, T = 0.5 gives 21% (about the national 19%
/// of 2019), T = 1 gives 36%.
const SHARE_BASE: f64 = 0.06;
const SHARE_SPAN: f64 = 0.30;
/// Youths with jeugdhulp without residence per inhabitant (about 2.2% nationally); the
/// denominator of the register share, which makes small municipalities noisier.
const YOUTH_CARE_RATE: f64 = 0.022;
/// Progress of the shift two years before the last register year, relative to the last.
const EARLIER_PROGRESS: f64 = 0.85;

/// One respondent group in the simulation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupPlan {
    /// Group id of the built-in template: `bestuur`, `management` or `wijkteam`.
    pub group: String,
    /// Typical number of invited respondents per municipality.
    pub invited: usize,
    /// Systematic bias of this group's answers in Likert points (administrators tend to
    /// see their own policy more favourably than wijkteam workers do).
    pub bias: f64,
}

/// Settings of a simulation. [`SimConfig::pre_study`] and [`SimConfig::large`] give the two
/// standard designs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimConfig {
    /// Number of municipalities (16 = the original pre-study; about 120 = the large variant).
    pub municipalities: usize,
    /// Respondent groups, their typical size and their bias.
    pub groups: Vec<GroupPlan>,
    /// Invited respondents per group vary uniformly by up to this many (at least 1 invited).
    pub invited_spread: usize,
    /// Probability that an invited respondent does not respond at all.
    pub nonresponse: f64,
    /// Probability that a respondent answers "weet niet" to an item.
    pub dont_know: f64,
    /// SD of one answer around the respondent's expected value, in Likert points.
    pub rater_noise: f64,
    /// SD of a respondent's personal leniency, in Likert points (shared by all their answers).
    pub respondent_bias: f64,
    /// SD of the noise added to the planted degree of transformation (0..1 scale).
    pub outcome_noise: f64,
    /// SD of the expert's error when rating the degree of transformation (0..1 scale).
    pub expert_noise: f64,
    /// Probability that a municipality's value in the last register year is missing.
    pub register_missing: f64,
    /// Shape of the latent condition levels: 1 = uniform on [0, 1]; below 1 pushes levels
    /// towards 0 and 1 (clearer cases), above 1 towards 0.5.
    pub latent_shape: f64,
    /// Year of data collection; register values are for the two years before it.
    pub year: u16,
    /// Seed of the random stream.
    pub seed: u64,
}

impl SimConfig {
    /// The original design: 16 municipalities.
    pub fn pre_study(seed: u64) -> SimConfig {
        SimConfig {
            municipalities: 16,
            ..SimConfig::large(seed)
        }
    }

    /// The large variant: 120 municipalities.
    pub fn large(seed: u64) -> SimConfig {
        SimConfig {
            municipalities: 120,
            groups: vec![
                GroupPlan {
                    group: "bestuur".into(),
                    invited: 2,
                    bias: 0.1,
                },
                GroupPlan {
                    group: "management".into(),
                    invited: 3,
                    bias: 0.05,
                },
                GroupPlan {
                    group: "wijkteam".into(),
                    invited: 6,
                    bias: -0.075,
                },
            ],
            invited_spread: 1,
            nonresponse: 0.1,
            dont_know: 0.05,
            rater_noise: 0.8,
            respondent_bias: 0.3,
            outcome_noise: 0.03,
            expert_noise: 0.1,
            register_missing: 0.0,
            latent_shape: 0.4,
            year: 2025,
            seed,
        }
    }

    fn check(&self) -> Result<(), StudyError> {
        let bad = |field: &str, message: String| StudyError::Invalid {
            location: format!("simulation settings, {field}"),
            message: message.into(),
        };
        if self.municipalities == 0 {
            return Err(bad("municipalities", "must be at least 1".into()));
        }
        for (name, p) in [
            ("nonresponse", self.nonresponse),
            ("dont_know", self.dont_know),
            ("register_missing", self.register_missing),
        ] {
            if !(0.0..1.0).contains(&p) {
                return Err(bad(name, format!("{p} is not a probability in [0, 1)")));
            }
        }
        for (name, v) in [
            ("rater_noise", self.rater_noise),
            ("respondent_bias", self.respondent_bias),
            ("outcome_noise", self.outcome_noise),
            ("expert_noise", self.expert_noise),
        ] {
            if !(v.is_finite() && v >= 0.0) {
                return Err(bad(name, format!("{v} is not a standard deviation (>= 0)")));
            }
        }
        if !(self.latent_shape.is_finite() && self.latent_shape > 0.0) {
            return Err(bad(
                "latent_shape",
                format!("{} must be a positive number", self.latent_shape),
            ));
        }
        if self.groups.is_empty() {
            return Err(bad("groups", "name at least one respondent group".into()));
        }
        for (i, g) in self.groups.iter().enumerate() {
            if g.invited == 0 {
                return Err(bad(
                    &format!("groups[{i}] ({})", g.group),
                    "invite at least one respondent".into(),
                ));
            }
            if !g.bias.is_finite() {
                return Err(bad(
                    &format!("groups[{i}] ({})", g.group),
                    "bias must be a finite number".into(),
                ));
            }
            if self.groups[..i].iter().any(|h| h.group == g.group) {
                return Err(bad(
                    &format!("groups[{i}] ({})", g.group),
                    "group listed twice".into(),
                ));
            }
        }
        Ok(())
    }
}

/// The hidden truth about one simulated municipality.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LatentMunicipality {
    /// CBS code.
    pub code: String,
    /// CBS name.
    pub name: String,
    /// Inhabitants (CBS 2019).
    pub inhabitants: u64,
    /// Latent level in [0, 1] of every simulated condition (causal and noise).
    pub conditions: BTreeMap<String, f64>,
    /// Degree of transformation by the planted structure alone:
    /// max(min(BESTLEID, LOSLATEN), min(EXPERIMENT, MANDAAT)).
    pub planted_transformation: f64,
    /// The degree of transformation after outcome noise, in [0, 1]; drives the register
    /// shares and the expert rating.
    pub transformation: f64,
}

/// A complete simulated study: the study file, its data and the hidden truth.
#[derive(Clone, Debug)]
pub struct SimulatedStudy {
    /// The settings that produced it.
    pub config: SimConfig,
    /// The study (built from the built-in template; `simulated = true`).
    pub study: Study,
    /// The study file text; [`Study::from_toml_str`] reads it back as `study`.
    pub study_toml: String,
    /// Questionnaire answers: asked items map to 1-5 or `None` ("weet niet").
    pub answers: Vec<RespondentAnswers>,
    /// Register values of the outcome indicator, one per municipality and year.
    pub register: Vec<RegisterValue>,
    /// Expert ratings: (municipality code, set id, membership 0, 0.33, 0.67 or 1).
    pub ratings: Vec<(String, String, f64)>,
    /// The planted structure in R notation (also in the study's `planted_structure`).
    pub planted: String,
    /// The hidden truth per municipality, in study order.
    pub latent: Vec<LatentMunicipality>,
}

/// Simulates a study. Errors for invalid settings and for more municipalities than the
/// register has with known inhabitants.
pub fn simulate(config: &SimConfig) -> Result<SimulatedStudy, StudyError> {
    config.check()?;
    let mut rng = Draw(ChaCha8Rng::seed_from_u64(config.seed));
    let mut study = base_study(config)?;

    // Municipalities: a seeded random sample of those existing in the study year whose
    // 2019 population is known, listed by code.
    let mut pool = candidate_municipalities(i32::from(config.year))?;
    if config.municipalities > pool.len() {
        return Err(StudyError::Invalid {
            location: "simulation settings, municipalities".into(),
            message: format!(
                "{} asked for, but only {} municipalities of {} have known inhabitants",
                config.municipalities,
                pool.len(),
                config.year
            )
            .into(),
        });
    }
    for i in 0..config.municipalities {
        let j = i + rng.below(pool.len() - i);
        pool.swap(i, j);
    }
    pool.truncate(config.municipalities);
    pool.sort();
    study.municipalities = pool
        .iter()
        .map(|(code, name, inhabitants)| {
            Ok(Municipality {
                code: CbsCode::parse(code).map_err(|message| StudyError::Invalid {
                    location: "simulation, municipality register".into(),
                    message: message.into(),
                })?,
                name: name.clone(),
                inhabitants: *inhabitants,
                group: None,
            })
        })
        .collect::<Result<_, StudyError>>()?;

    let simulated: Vec<&str> = CAUSAL_CONDITIONS
        .iter()
        .chain(NOISE_CONDITIONS.iter())
        .copied()
        .collect();

    // 1. Latent truth.
    let mut latent = Vec::with_capacity(pool.len());
    for (code, name, inhabitants) in &pool {
        let mut levels = BTreeMap::new();
        for c in &simulated {
            levels.insert(c.to_string(), rng.latent(config.latent_shape));
        }
        let l = |c: &str| levels[c];
        let planted = l("BESTLEID")
            .min(l("LOSLATEN"))
            .max(l("EXPERIMENT").min(l("MANDAAT")));
        let transformation = (planted + config.outcome_noise * rng.normal()).clamp(0.0, 1.0);
        latent.push(LatentMunicipality {
            code: code.clone(),
            name: name.clone(),
            inhabitants: *inhabitants,
            conditions: levels,
            planted_transformation: planted,
            transformation,
        });
    }

    // 2. Questionnaire answers.
    let mut answers = Vec::new();
    for m in &latent {
        for plan in &config.groups {
            let spread = config.invited_spread as i64;
            let invited = (plan.invited as i64 - spread + rng.below(2 * spread as usize + 1) as i64)
                .max(1) as usize;
            for k in 0..invited {
                if rng.uniform() < config.nonresponse {
                    continue;
                }
                let leniency = config.respondent_bias * rng.normal();
                let mut given = BTreeMap::new();
                for set in &study.conditions {
                    let level = m.conditions[&set.id];
                    let expected =
                        LIKERT_CENTRE + LIKERT_SPAN * (level - 0.5) + plan.bias + leniency;
                    for item in set.items_for_group(&plan.group) {
                        let noisy = expected + config.rater_noise * rng.normal();
                        let dont_know = rng.uniform() < config.dont_know;
                        let agree = noisy.round().clamp(1.0, 5.0) as u8;
                        // The respondent agrees with the statement; a reversed statement
                        // gets the mirrored answer, which scoring turns back.
                        let answer = if item.reverse { 6 - agree } else { agree };
                        given.insert(item.id.clone(), (!dont_know).then_some(answer));
                    }
                }
                answers.push(RespondentAnswers {
                    respondent: format!("{}-{}-{}", m.code, plan.group, k + 1),
                    municipality: m.code.clone(),
                    group: plan.group.clone(),
                    answers: given,
                });
            }
        }
    }

    // 3. Register shares for the two years before data collection, and expert ratings.
    let years = [i32::from(config.year) - 2, i32::from(config.year) - 1];
    let mut register = Vec::new();
    let mut ratings = Vec::new();
    for (row, m) in latent.iter().enumerate() {
        for (k, &year) in years.iter().enumerate() {
            let progress = if k == 0 { EARLIER_PROGRESS } else { 1.0 };
            let p = SHARE_BASE + SHARE_SPAN * m.transformation * progress;
            let clients = ((m.inhabitants as f64 * YOUTH_CARE_RATE).round()).max(10.0);
            let sd = (p * (1.0 - p) / clients).sqrt();
            let share = ((p + sd * rng.normal()).clamp(0.0, 1.0) * 1000.0).round() / 1000.0;
            let missing = k == years.len() - 1 && rng.uniform() < config.register_missing;
            register.push(RegisterValue {
                // The line this value has in `register_csv` (header on line 1).
                line: row + 2,
                code: m.code.clone(),
                name: m.name.clone(),
                indicator: OUTCOME_INDICATOR.to_string(),
                year: Some(year),
                value: (!missing).then_some(share),
            });
        }
        let seen = m.transformation + config.expert_noise * rng.normal();
        let rating = if seen < 0.25 {
            0.0
        } else if seen < 0.5 {
            0.33
        } else if seen < 0.75 {
            0.67
        } else {
            1.0
        };
        ratings.push((m.code.clone(), OUTCOME_RATING.to_string(), rating));
    }

    let study_toml = study.to_toml_string()?;
    // The text is what users see and store; it must read back as exactly this study.
    let reread = Study::from_toml_str(&study_toml)?;
    if reread != study {
        return Err(StudyError::Serialize(
            "the simulated study does not read back unchanged from its TOML text".into(),
        ));
    }
    Ok(SimulatedStudy {
        config: config.clone(),
        study,
        study_toml,
        answers,
        register,
        ratings,
        planted: PLANTED.to_string(),
        latent,
    })
}

impl SimulatedStudy {
    /// The answers as a questionnaire file for [`crate::import::read_answers`]: columns
    /// `respondent`, `gemeente`, `groep` and one per item (study order); `weet niet` for
    /// "don't know", an empty cell for items the respondent's group is not asked.
    pub fn answers_csv(&self) -> String {
        let items: Vec<&str> = self
            .study
            .sets()
            .flat_map(|s| s.set.items.iter().map(|i| i.id.as_str()))
            .collect();
        let mut w = csv::Writer::from_writer(Vec::new());
        let mut header = vec!["respondent", "gemeente", "groep"];
        header.extend(&items);
        write_record(&mut w, &header);
        for r in &self.answers {
            let mut row = vec![
                r.respondent.clone(),
                r.municipality.clone(),
                r.group.clone(),
            ];
            for item in &items {
                row.push(match r.answers.get(*item) {
                    Some(Some(v)) => v.to_string(),
                    Some(None) => "weet niet".to_string(),
                    None => String::new(),
                });
            }
            write_record(&mut w, &row);
        }
        finish(w)
    }

    /// The register values as a CBS-style Dutch export for
    /// [`crate::import::import_register`]: `;`-separated, decimal comma, columns
    /// `Gemeente`, `Code` and one `EERSTELIJN|<year>` column per year, `.` for missing.
    pub fn register_csv(&self) -> String {
        let mut years: Vec<i32> = self.register.iter().filter_map(|v| v.year).collect();
        years.sort();
        years.dedup();
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(Vec::new());
        let mut header = vec!["Gemeente".to_string(), "Code".to_string()];
        header.extend(years.iter().map(|y| format!("{OUTCOME_INDICATOR}|{y}")));
        write_record(&mut w, &header);
        for m in &self.latent {
            let mut row = vec![m.name.clone(), m.code.clone()];
            for y in &years {
                let value = self
                    .register
                    .iter()
                    .find(|v| v.code == m.code && v.year == Some(*y))
                    .and_then(|v| v.value);
                row.push(match value {
                    Some(x) => format!("{x:.3}").replace('.', ","),
                    None => ".".to_string(),
                });
            }
            write_record(&mut w, &row);
        }
        finish(w)
    }
}

fn write_record<T: AsRef<[u8]>>(w: &mut csv::Writer<Vec<u8>>, record: &[T]) {
    // Writing into memory cannot fail.
    w.write_record(record)
        .expect("writing CSV into memory cannot fail");
}

fn finish(w: csv::Writer<Vec<u8>>) -> String {
    let bytes = w
        .into_inner()
        .expect("flushing CSV written into memory cannot fail");
    String::from_utf8(bytes).expect("CSV built from UTF-8 strings is UTF-8")
}

/// The built-in template reduced to the simulated sets, marked as simulated, with the
/// planted structure, anchors for the register share and the analysis plan.
fn base_study(config: &SimConfig) -> Result<Study, StudyError> {
    let mut study = Study::builtin()?;
    let info = &mut study.study;
    info.name = "gesimuleerde-studie-sociaal-domein".into();
    info.title_nl =
        "Gesimuleerde studie: succesfactoren voor de transformatie van het sociaal domein".into();
    info.title_en = "Simulated study: success factors for transforming the social domain".into();
    info.year = config.year;
    info.simulated = true;
    info.planted_structure = Some(PLANTED.to_string());
    info.description = format!(
        "SIMULATED DATA (kantel simulate, seed {}, {} municipalities). Transformation was \
         planted as {PLANTED}; {} have no effect. Answers, register shares and expert ratings \
         are drawn from that truth with noise (docs/simulation.md). Not real data about \
         these municipalities.",
        config.seed,
        config.municipalities,
        NOISE_CONDITIONS.join(" and ")
    );

    for plan in &config.groups {
        if study.respondent_group(&plan.group).is_none() {
            return Err(StudyError::Invalid {
                location: format!("simulation settings, group {:?}", plan.group),
                message: format!(
                    "not a respondent group of the built-in template (groups: {})",
                    study
                        .respondent_groups
                        .iter()
                        .map(|g| g.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
                .into(),
            });
        }
    }
    study
        .respondent_groups
        .retain(|g| config.groups.iter().any(|p| p.group == g.id));

    let keep: Vec<&str> = CAUSAL_CONDITIONS
        .iter()
        .chain(NOISE_CONDITIONS.iter())
        .copied()
        .collect();
    study.conditions.retain(|c| keep.contains(&c.id.as_str()));
    // Items of groups that are not simulated are dropped; a set left without items cannot
    // be measured.
    for c in &mut study.conditions {
        for item in &mut c.items {
            item.groups
                .retain(|g| config.groups.iter().any(|p| &p.group == g));
        }
        c.items.retain(|i| !i.groups.is_empty());
        if c.items.is_empty() {
            return Err(StudyError::Invalid {
                location: "simulation settings, groups".into(),
                message: format!("no simulated group is asked the items of {}", c.id).into(),
            });
        }
    }
    study
        .outcomes
        .retain(|o| o.id == OUTCOME_INDICATOR || o.id == OUTCOME_RATING);
    study.contexts.clear();
    for id in [OUTCOME_INDICATOR, OUTCOME_RATING] {
        if study.set(id).is_none() {
            return Err(StudyError::Invalid {
                location: "built-in template".into(),
                message: format!("the simulation needs the outcome {id}").into(),
            });
        }
    }
    if let Some(o) = study.outcomes.iter().find(|o| o.id == OUTCOME_INDICATOR)
        && o.measure != MeasureKind::Indicator
    {
        return Err(StudyError::Invalid {
            location: "built-in template".into(),
            message: format!("{OUTCOME_INDICATOR} must be a register indicator").into(),
        });
    }

    study
        .calibration
        .retain(|id, _| keep.contains(&id.as_str()));
    for id in &keep {
        study.calibration.insert(
            id.to_string(),
            CalibrationSpec {
                method: CalibrationMethod::Fuzzy,
                exclusion: Some(2.5),
                crossover: Some(LIKERT_CROSSOVER),
                inclusion: Some(4.2),
                logistic: None,
                idm: None,
                thresholds: None,
                justification: format!(
                    "Scale mean 1-5 (codebook section 5). Fully out at 2.5 or less (on average \
                     disagreeing), fully in at 4.2 or more (on average agreeing). Crossover \
                     {LIKERT_CROSSOVER}, just above the neutral midpoint so that neutrality counts \
                     as out; not 3.45, because a mean of group means of 1-5 answers can equal \
                     3.45 exactly (e.g. group means 3.4 and 3.5), which would put a municipality \
                     on the crossover (membership 0.5) and out of every truth-table row."
                ),
            },
        );
    }
    study.calibration.insert(
        OUTCOME_INDICATOR.to_string(),
        CalibrationSpec {
            method: CalibrationMethod::Fuzzy,
            exclusion: Some(0.08),
            crossover: Some(0.2105),
            inclusion: Some(0.31),
            logistic: None,
            idm: None,
            thresholds: None,
            justification: "Simulated share of youths with jeugdhulp without residence delivered \
                by the wijkteam (national level about 0.19 in 2019). Crossover 21.05%, the share \
                at a transformation degree of 0.5 (the extra digit keeps shares reported to \
                three decimals off it). Fully out at 8% or less and fully in at 31% or more: the \
                shares at the degrees (0.07 and 0.84) where the Likert anchors 2.5 and 4.2 put \
                the conditions, so outcome and conditions are calibrated alike."
                .into(),
        },
    );

    let conditions: Vec<String> = keep.iter().map(|s| s.to_string()).collect();
    study.analysis = Analysis {
        outcome: OUTCOME_INDICATOR.into(),
        dir_exp: conditions.clone(),
        conditions,
        negate_outcome: false,
        incl_cut: 0.8,
        pri_cut: 0.5,
        n_cut: if config.municipalities >= 60 { 2 } else { 1 },
        min_items_answered: MinItems::Fraction(0.6),
        half_membership: HalfMembershipRule::default(),
        // The robustness protocol: other cut-offs and crossovers of two planted
        // conditions, a tenth of a scale point either way (kept off the values scale means
        // can take, like the crossover itself).
        robustness: Some(RobustnessPlan {
            incl_cut: vec![0.85, 0.9],
            pri_cut: Vec::new(),
            // With a handful of municipalities a second case per row empties the table.
            n_cut: if config.municipalities >= 60 {
                vec![1, 2, 3]
            } else {
                Vec::new()
            },
            anchors: [CAUSAL_CONDITIONS[0], CAUSAL_CONDITIONS[2]]
                .iter()
                .map(|set| AnchorSweep {
                    set: set.to_string(),
                    anchor: "crossover".into(),
                    values: [-0.2, -0.1, 0.1, 0.2]
                        .iter()
                        .map(|d| ((LIKERT_CROSSOVER + d) * 1e4).round() / 1e4)
                        .collect(),
                })
                .collect(),
            max_settings: kantel_qca::sweep::DEFAULT_MAX_SETTINGS,
        }),
        esa: None,
    };
    study.validate()?;
    Ok(study)
}

/// (code, name, inhabitants) of municipalities that exist in `year` and have a 2019
/// population figure, sorted by code.
fn candidate_municipalities(year: i32) -> Result<Vec<(String, String, u64)>, StudyError> {
    let register = MunicipalityRegister::builtin();
    let mut population: BTreeMap<String, u64> = BTreeMap::new();
    let mut reader = csv::Reader::from_reader(POPULATION_2019.as_bytes());
    let bad = |message: String| StudyError::Table {
        file: "testdata/register/kwb_2019_gemeenten.csv".into(),
        line: 0,
        column: None,
        message: message.into(),
    };
    let headers = reader.headers().map_err(|e| bad(e.to_string()))?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| bad(format!("no column {name:?}")))
    };
    let (code_col, pop_col) = (col("unique_id")?, col("population")?);
    for record in reader.records() {
        let record = record.map_err(|e| bad(e.to_string()))?;
        let (Some(code), Some(pop)) = (record.get(code_col), record.get(pop_col)) else {
            continue;
        };
        if let Ok(n) = pop.trim().parse::<u64>() {
            population.insert(code.trim().to_string(), n);
        }
    }
    let mut out: Vec<(String, String, u64)> = register
        .existing_in(year)
        .into_iter()
        .filter_map(|m| {
            population
                .get(&m.code)
                .map(|&n| (m.code.clone(), m.name.clone(), n))
        })
        .collect();
    out.sort();
    Ok(out)
}

/// The random stream with the few distributions the simulation needs.
struct Draw(ChaCha8Rng);

impl Draw {
    /// Uniform on [0, 1) with 53 random bits.
    fn uniform(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform integer in 0..n (n >= 1), by rejection so that it is unbiased.
    fn below(&mut self, n: usize) -> usize {
        let n = n as u64;
        let zone = u64::MAX - (u64::MAX % n);
        loop {
            let x = self.0.next_u64();
            if x < zone {
                return (x % n) as usize;
            }
        }
    }

    /// Standard normal (Box-Muller; one value per call keeps the stream order simple).
    fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.uniform(); // (0, 1]: ln is finite
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }

    /// A latent level: 0.5 + 0.5 * sign(v) * |v|^shape with v uniform on [-1, 1].
    fn latent(&mut self, shape: f64) -> f64 {
        let v = 2.0 * self.uniform() - 1.0;
        0.5 + 0.5 * v.signum() * v.abs().powf(shape)
    }
}
