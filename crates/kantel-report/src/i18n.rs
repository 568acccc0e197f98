//! The in-house message catalog: one table of keys with their Dutch and English text.
//!
//! Texts are trusted HTML fragments (they may contain entities and inline tags); values put
//! into `{placeholders}` must be escaped by the caller when they come from input. A key
//! that is not in the catalog renders as [`MISSING`], which tests look for.

use std::fmt;
use std::str::FromStr;

use crate::ReportError;

/// Report language. Dutch is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Dutch.
    #[default]
    Nl,
    /// English.
    En,
}

impl Lang {
    /// The language code used in `<html lang>`: `nl` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}

impl FromStr for Lang {
    type Err = ReportError;
    /// Parses `nl` or `en` (case-insensitive, surrounding spaces ignored).
    fn from_str(s: &str) -> Result<Lang, ReportError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "nl" => Ok(Lang::Nl),
            "en" => Ok(Lang::En),
            _ => Err(ReportError::UnknownLanguage(s.to_string())),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// What a key without a catalog entry renders as.
pub const MISSING: &str = "⟦untranslated⟧";

/// Key → (Dutch, English).
pub const CATALOG: &[(&str, &str, &str)] = &[
    ("doc.title", "Rapport kantel", "kantel report"),
    ("nav.label", "Inhoud", "Contents"),
    (
        "footer.generated",
        "Gemaakt met {tool}. Dit bestand is volledig zelfstandig: het werkt zonder internetverbinding.",
        "Made with {tool}. This file is self-contained: it works without an internet connection.",
    ),
    (
        "banner.title",
        "GESIMULEERDE GEGEVENS / SIMULATED DATA",
        "SIMULATED DATA / GESIMULEERDE GEGEVENS",
    ),
    (
        "banner.text",
        "Dit rapport is gemaakt met gesimuleerde gegevens. De uitkomsten zeggen niets over echte gemeenten.",
        "This report was made from simulated data. Its results say nothing about real municipalities.",
    ),
    // Section titles.
    (
        "section.studie",
        "Onderzoek en respons",
        "Study and response",
    ),
    (
        "section.betrouwbaarheid",
        "Betrouwbaarheid van de schalen",
        "Reliability of the scales",
    ),
    ("section.kalibratie", "Kalibratie", "Calibration"),
    (
        "section.noodzakelijkheid",
        "Noodzakelijke condities",
        "Necessary conditions",
    ),
    ("section.waarheidstabel", "Waarheidstabel", "Truth table"),
    ("section.oplossingen", "Oplossingen", "Solutions"),
    (
        "section.statistiek",
        "Koplopers en achterblijvers: statistiek",
        "Leading and lagging municipalities: statistics",
    ),
    (
        "section.herontdekking",
        "Herontdekking van de geplante structuur",
        "Recovery of the planted structure",
    ),
    (
        "section.spiegel",
        "Spiegelrapporten per gemeente",
        "Mirror reports per municipality",
    ),
    // Words and column headings.
    ("word.yes", "ja", "yes"),
    ("word.no", "nee", "no"),
    ("col.code", "Code", "Code"),
    ("col.municipality", "Gemeente", "Municipality"),
    ("col.municipalities", "Gemeenten", "Municipalities"),
    ("col.inhabitants", "Inwoners", "Inhabitants"),
    ("col.group", "Groep", "Group"),
    ("col.label", "Omschrijving", "Label"),
    ("col.in_analysis", "In analyse", "Analysed"),
    ("col.flags", "Signaleringen", "Flags"),
    (
        "col.min_respondents",
        "Minimum per gemeente",
        "Minimum per municipality",
    ),
    ("col.respondents", "Respondenten", "Respondents"),
    (
        "col.below_min",
        "Gemeenten onder minimum",
        "Municipalities below minimum",
    ),
    ("col.set", "Set", "Set"),
    ("col.items", "Items", "Items"),
    ("col.n_complete", "n volledig", "n complete"),
    ("col.remark", "Opmerking", "Remark"),
    ("col.item", "Item", "Item"),
    ("col.text", "Tekst", "Text"),
    ("col.alpha_if_deleted", "α zonder item", "α if deleted"),
    (
        "col.item_rest",
        "Item-rest-correlatie",
        "Item-rest correlation",
    ),
    ("col.condition", "Conditie", "Condition"),
    ("col.expression", "Uitdrukking", "Expression"),
    ("col.kind", "Soort", "Kind"),
    ("col.row", "Rij", "Row"),
    ("col.rows", "Rijen", "Rows"),
    ("col.term", "Term", "Term"),
    // Study.
    ("study.title", "Titel", "Title"),
    ("study.name", "Naam", "Name"),
    ("study.year", "Jaar", "Year"),
    ("study.data", "Gegevens", "Data"),
    ("study.data.real", "echte gegevens", "real data"),
    (
        "study.data.simulated",
        "<strong>gesimuleerd</strong>",
        "<strong>simulated</strong>",
    ),
    ("study.outcome", "Uitkomst", "Outcome"),
    ("study.conditions", "Condities", "Conditions"),
    (
        "study.cases",
        "Gemeenten in de analyse",
        "Municipalities analysed",
    ),
    ("study.cases.value", "{n} van {total}", "{n} of {total}"),
    ("study.generated", "Gemaakt met", "Made with"),
    (
        "study.municipalities",
        "Gemeenten en respons",
        "Municipalities and response",
    ),
    ("study.groups", "Respondentgroepen", "Respondent groups"),
    (
        "study.settings",
        "Instellingen van de analyse",
        "Analysis settings",
    ),
    (
        "study.correction",
        "Correctie voor meervoudig toetsen",
        "Multiple-testing correction",
    ),
    (
        "study.seed",
        "Seed van de permutatietoetsen",
        "Seed of the permutation tests",
    ),
    ("study.warnings", "Waarschuwingen", "Warnings"),
    (
        "flag.few_respondents",
        "te weinig respondenten in groep {group}: {n} (minimum {min})",
        "too few respondents in group {group}: {n} (minimum {min})",
    ),
    (
        "flag.few_scored",
        "{set}: te weinig respondenten met een score in groep {group}: {n} (minimum {min})",
        "{set}: too few respondents with a score in group {group}: {n} (minimum {min})",
    ),
    // Reliability.
    (
        "rel.intro",
        "Cronbachs alfa over de respondenten die alle items van een schaal beantwoordden. Een alfa van 0,70 of hoger geldt gewoonlijk als voldoende. Een item waarvan het weglaten de alfa verhoogt (vetgedrukt) past minder goed bij de schaal.",
        "Cronbach's alpha over the respondents who answered every item of a scale. An alpha of 0.70 or more is usually considered sufficient. An item whose removal raises alpha (in bold) fits the scale less well.",
    ),
    (
        "rel.none",
        "Deze studie heeft geen vragenlijstschalen.",
        "This study has no survey scales.",
    ),
    ("rel.low", "alfa lager dan 0,70", "alpha below 0.70"),
    ("rel.reversed", "omgekeerd gescoord", "reverse-scored"),
    // Calibration.
    (
        "cal.intro",
        "Kalibratie zet ruwe scores om in lidmaatschap van een verzameling (0 = volledig erbuiten, 0,5 = omslagpunt, 1 = volledig erin). De ankers en hun onderbouwing komen uit het studiebestand.",
        "Calibration turns raw scores into membership of a set (0 = fully out, 0.5 = crossover, 1 = fully in). The anchors and their justification come from the study file.",
    ),
    ("cal.source", "Bron", "Source"),
    (
        "cal.source.survey",
        "vragenlijst (schaalgemiddelde)",
        "survey (scale mean)",
    ),
    ("cal.source.register", "registergegevens", "register data"),
    (
        "cal.source.rating",
        "beoordeling door onderzoekers",
        "researchers' rating",
    ),
    ("cal.method", "Methode", "Method"),
    ("cal.anchors", "Ankers", "Anchors"),
    ("cal.justification", "Onderbouwing", "Justification"),
    ("cal.e", "uitsluiting", "exclusion"),
    ("cal.c", "omslagpunt", "crossover"),
    ("cal.i", "insluiting", "inclusion"),
    (
        "cal.plot.title",
        "Kalibratie van {set}",
        "Calibration of {set}",
    ),
    ("cal.axis.raw", "ruwe score", "raw score"),
    (
        "cal.axis.membership",
        "lidmaatschap {set}",
        "membership {set}",
    ),
    (
        "cal.caption",
        "Elk punt is een gemeente. Gestippelde verticale lijnen: de ankers; horizontale lijnen: lidmaatschap 0,05, 0,5 en 0,95.",
        "Each point is a municipality. Dashed vertical lines: the anchors; horizontal lines: membership 0.05, 0.5 and 0.95.",
    ),
    (
        "cal.data",
        "Ruwe scores en lidmaatschap",
        "Raw scores and membership",
    ),
    (
        "cal.data.note",
        "Per gemeente: ruwe score → lidmaatschap.",
        "Per municipality: raw score → membership.",
    ),
    // Necessity.
    (
        "nec.intro",
        "Is een conditie noodzakelijk voor {outcome}? inclN zegt in welke mate de uitkomst een deelverzameling van de conditie is (0,9 of hoger: mogelijk noodzakelijk, vetgedrukt); RoN (relevantie) is laag wanneer de conditie bijna overal aanwezig is en dus triviaal; covN zegt hoe groot de uitkomst is ten opzichte van de conditie.",
        "Is a condition necessary for {outcome}? inclN says to what degree the outcome is a subset of the condition (0.9 or more: possibly necessary, in bold); RoN (relevance) is low when the condition is present almost everywhere and hence trivial; covN says how large the outcome is relative to the condition.",
    ),
    (
        "nec.search",
        "Zoeken naar noodzakelijke combinaties",
        "Search for necessary combinations",
    ),
    (
        "nec.search.intro",
        "Combinaties (en, of) die de drempels van de zoektocht halen, zoals R's <code>superSubset()</code> ze vindt.",
        "Combinations (and, or) that pass the search's cut-offs, as R's <code>superSubset()</code> finds them.",
    ),
    (
        "nec.search.none",
        "De zoektocht vond geen noodzakelijke combinaties.",
        "The search found no necessary combinations.",
    ),
    ("nec.conjunction", "en (conjunctie)", "and (conjunction)"),
    ("nec.disjunction", "of (disjunctie)", "or (disjunction)"),
    // Truth table.
    (
        "tt.summary",
        "Uitkomst {outcome}; incl.cut = {incl}, pri.cut = {pri}, n.cut = {ncut}. {observed} van de {total} configuraties komen voor: {pos} positief (OUT = 1), {neg} negatief (OUT = 0), {con} tegenstrijdig (C); {rem} logische restgevallen zonder (genoeg) gemeenten.",
        "Outcome {outcome}; incl.cut = {incl}, pri.cut = {pri}, n.cut = {ncut}. {observed} of the {total} configurations are observed: {pos} positive (OUT = 1), {neg} negative (OUT = 0), {con} contradictory (C); {rem} logical remainders without (enough) municipalities.",
    ),
    (
        "tt.intro",
        "Elke rij is een combinatie van condities (1 = aanwezig, 0 = afwezig). n: aantal gemeenten met lidmaatschap boven 0,5 in die combinatie; incl: consistentie met de uitkomst; PRI: consistentie die niet ook voor de afwezigheid van de uitkomst geldt. Positieve rijen zijn vetgedrukt.",
        "Each row is a combination of conditions (1 = present, 0 = absent). n: number of municipalities with membership above 0.5 in the combination; incl: consistency with the outcome; PRI: consistency that does not also hold for the absence of the outcome. Positive rows are in bold.",
    ),
    ("tt.edits", "Handmatige aanpassingen", "Manual edits"),
    (
        "tt.edit",
        "rij {row}: OUT gezet op {out}, reden: {reason}",
        "row {row}: OUT set to {out}, reason: {reason}",
    ),
    (
        "tt.excluded",
        "Restgevallen als negatief uitgesloten (exclude): rijen {rows}.",
        "Remainders excluded as negative (exclude): rows {rows}.",
    ),
    // Solutions.
    (
        "sol.intro",
        "Oplossingen in R-notatie: <code>*</code> is EN, <code>+</code> is OF, <code>~</code> is NIET. De conservatieve oplossing gebruikt geen restgevallen, de spaarzame alle bruikbare, de intermediaire alleen de makkelijke (in lijn met de verwachte richting). inclS: consistentie; PRI: zie waarheidstabel; covS: dekking; covU: unieke dekking binnen het model.",
        "Solutions in R notation: <code>*</code> is AND, <code>+</code> is OR, <code>~</code> is NOT. The conservative solution uses no remainders, the parsimonious one every useful one, the intermediate one only the easy ones (in line with the expected direction). inclS: consistency; PRI: see truth table; covS: coverage; covU: unique coverage within the model.",
    ),
    (
        "sol.xy.howto",
        "XY-plots: horizontaal het lidmaatschap van een gemeente in de term of oplossing, verticaal in de uitkomst. Punten op of boven de diagonaal passen bij ‘term is voldoende voor de uitkomst’; punten rechtsonder (term wel, uitkomst niet) spreken dat tegen; punten linksboven zijn gemeenten met de uitkomst die de term niet verklaart.",
        "XY plots: horizontally a municipality's membership in the term or solution, vertically in the outcome. Points on or above the diagonal agree with ‘the term is sufficient for the outcome’; points at the bottom right (term yes, outcome no) contradict it; points at the top left are municipalities with the outcome that the term does not explain.",
    ),
    (
        "sol.conservative",
        "Conservatieve oplossing",
        "Conservative solution",
    ),
    (
        "sol.parsimonious",
        "Spaarzame oplossing",
        "Parsimonious solution",
    ),
    (
        "sol.intermediate",
        "Intermediaire oplossing {from}",
        "Intermediate solution {from}",
    ),
    (
        "sol.incomplete",
        "Let op: het maximale aantal modellen is bereikt; er bestaan meer modellen dan hier staan.",
        "Note: the cap on models was reached; more models exist than are listed here.",
    ),
    (
        "sol.n_models",
        "{n} modellen verklaren de gegevens even goed.",
        "{n} models explain the data equally well.",
    ),
    ("sol.model", "Model", "Model"),
    (
        "sol.simplifying",
        "Vereenvoudigende aannames (restgevallen als positief gebruikt)",
        "Simplifying assumptions (remainders used as positive)",
    ),
    (
        "sol.easy",
        "Makkelijke contrafeitelijke gevallen",
        "Easy counterfactuals",
    ),
    (
        "sol.difficult",
        "Moeilijke contrafeitelijke gevallen",
        "Difficult counterfactuals",
    ),
    (
        "sol.xy.aria",
        "XY-plot van {x} (horizontaal) tegen {y} (verticaal) voor {n} gemeenten; {fit}",
        "XY plot of {x} (horizontal) against {y} (vertical) for {n} municipalities; {fit}",
    ),
    // Statistics.
    (
        "stat.intro",
        "Koplopers hebben een lidmaatschap van de uitkomst boven 0,5, achterblijvers eronder. Alle p-waarden zijn permutatie-p-waarden: exact waar alle permutaties zijn doorgerekend, anders met een vaste seed ({seed}), dus reproduceerbaar. Gecorrigeerd voor meervoudig toetsen met {correction}.",
        "Leading municipalities have outcome membership above 0.5, lagging ones below. All p-values are permutation p-values: exact where every permutation was enumerated, otherwise with a fixed seed ({seed}), hence reproducible. Adjusted for multiple testing with {correction}.",
    ),
    ("stat.leading", "Koplopers", "Leading"),
    ("stat.lagging", "Achterblijvers", "Lagging"),
    (
        "stat.leadlag",
        "Verschillen tussen koplopers en achterblijvers (ruwe scores)",
        "Differences between leading and lagging municipalities (raw scores)",
    ),
    ("stat.median_leading", "Mediaan koplopers", "Median leading"),
    (
        "stat.median_lagging",
        "Mediaan achterblijvers",
        "Median lagging",
    ),
    ("stat.p_adjusted", "p gecorrigeerd", "p adjusted"),
    ("stat.size", "Omvang", "Size"),
    ("stat.method", "p-waarde", "p-value"),
    ("stat.exact", "exact", "exact"),
    (
        "stat.permutation",
        "permutatie ({n} trekkingen, seed {seed})",
        "permutation ({n} draws, seed {seed})",
    ),
    ("stat.delta.negligible", "verwaarloosbaar", "negligible"),
    ("stat.delta.small", "klein", "small"),
    ("stat.delta.medium", "middelgroot", "medium"),
    ("stat.delta.large", "groot", "large"),
    (
        "stat.correlations",
        "Rangcorrelaties met {outcome}",
        "Rank correlations with {outcome}",
    ),
    ("stat.holm", "Holm", "Holm"),
    ("stat.bh", "Benjamini-Hochberg", "Benjamini-Hochberg"),
    (
        "stat.caution",
        "Bij enkele tientallen gemeenten zijn toetsen weinig krachtig: een niet-significant verschil is geen bewijs dat er geen verschil is. Cliff's δ (van −1 tot 1) zegt hoe vaak een koploper hoger scoort dan een achterblijver, min het omgekeerde; omvang volgens Romano e.a. (2006).",
        "With a few dozen municipalities tests have little power: a non-significant difference is no proof of no difference. Cliff's δ (from −1 to 1) says how often a leading municipality scores higher than a lagging one, minus the reverse; size after Romano et al. (2006).",
    ),
    // Recovery.
    (
        "rec.intro",
        "De gegevens zijn gesimuleerd met een bekende (geplante) structuur. Deze toets laat zien of de analyse die structuur terugvindt.",
        "The data were simulated with a known (planted) structure. This check shows whether the analysis finds that structure again.",
    ),
    ("rec.planted", "Geplante structuur", "Planted structure"),
    ("rec.found", "Gevonden", "Found"),
    ("rec.solution", "Vergeleken oplossing", "Solution compared"),
    ("rec.terms_found", "Teruggevonden termen", "Terms found"),
    ("rec.terms_missing", "Gemiste termen", "Terms missed"),
    (
        "rec.yes",
        "Ja: de analyse vond precies de geplante structuur terug.",
        "Yes: the analysis recovered exactly the planted structure.",
    ),
    (
        "rec.no",
        "Nee: de analyse vond de geplante structuur niet terug.",
        "No: the analysis did not recover the planted structure.",
    ),
    (
        "rec.partly",
        "Gedeeltelijk: {found} van de {planted} geplante termen teruggevonden, maar de oplossing is niet gelijk aan de geplante structuur.",
        "Partly: {found} of the {planted} planted terms were found, but the solution is not equivalent to the planted structure.",
    ),
    // Mirror reports.
    ("mirror.title", "Spiegelrapport", "Mirror report"),
    (
        "mirror.intro",
        "Per gemeente één pagina: hoe de gemeente scoort ten opzichte van alle andere, welke oplossingstermen op haar van toepassing zijn, in welke rij van de waarheidstabel ze valt en welke signaleringen er zijn.",
        "One page per municipality: how it scores compared with all others, which solution terms apply to it, which truth-table row it falls in, and its flags.",
    ),
    (
        "mirror.heading",
        "Spiegelrapport {name} ({code})",
        "Mirror report {name} ({code})",
    ),
    ("mirror.status", "Positie", "Position"),
    (
        "mirror.leading",
        "koploper (lidmaatschap van de uitkomst boven 0,5)",
        "leading (outcome membership above 0.5)",
    ),
    (
        "mirror.lagging",
        "achterblijver (lidmaatschap van de uitkomst onder 0,5)",
        "lagging (outcome membership below 0.5)",
    ),
    (
        "mirror.neither",
        "precies op het omslagpunt van de uitkomst",
        "exactly at the outcome's crossover",
    ),
    ("mirror.not_analysed", "niet in de analyse", "not analysed"),
    (
        "mirror.dropped",
        "Deze gemeente is niet in de analyse opgenomen:",
        "This municipality was left out of the analysis:",
    ),
    ("mirror.profile", "Profiel", "Profile"),
    (
        "mirror.profile.note",
        "Elke strook toont alle {n} gemeenten; deze gemeente is het grote oranje punt. Bovenste strook: ruwe score; onderste: lidmaatschap (streepjeslijn: 0,5).",
        "Each strip shows all {n} municipalities; this municipality is the large orange dot. Top strip: raw score; bottom: membership (dashed line: 0.5).",
    ),
    ("mirror.raw", "ruwe score", "raw score"),
    ("mirror.membership", "lidmaatschap", "membership"),
    (
        "mirror.position",
        "Ten opzichte van de anderen",
        "Compared with the others",
    ),
    (
        "mirror.rank",
        "hoger dan {k} van de {others} andere gemeenten",
        "higher than {k} of the {others} other municipalities",
    ),
    ("mirror.plots", "Verdeling", "Distribution"),
    (
        "mirror.groups",
        "Per respondentgroep",
        "Per respondent group",
    ),
    (
        "mirror.gap",
        "verschil tussen groepen",
        "gap between groups",
    ),
    (
        "mirror.strip.aria",
        "{set}, {what}: {name} {value} tussen {n} gemeenten",
        "{set}, {what}: {name} {value} among {n} municipalities",
    ),
    (
        "mirror.coverage",
        "Oplossingstermen die op deze gemeente van toepassing zijn",
        "Solution terms that apply to this municipality",
    ),
    (
        "mirror.coverage.note",
        "Een term is van toepassing bij een lidmaatschap boven 0,5 (tussen haakjes).",
        "A term applies at a membership above 0.5 (in brackets).",
    ),
    ("mirror.covered.none", "geen term", "no term"),
    (
        "mirror.case_type",
        "Lidmaatschap oplossing {x}, uitkomst {y}: {type}.",
        "Membership solution {x}, outcome {y}: {type}.",
    ),
    (
        "mirror.type.typical",
        "typisch geval (oplossing en uitkomst beide aanwezig)",
        "typical case (solution and outcome both present)",
    ),
    (
        "mirror.type.deviant_consistency",
        "afwijkend geval: de oplossing is aanwezig, de uitkomst niet",
        "deviant case: the solution is present, the outcome is not",
    ),
    (
        "mirror.type.deviant_coverage",
        "onverklaard geval: de uitkomst is aanwezig, maar de oplossing verklaart haar niet",
        "unexplained case: the outcome is present but the solution does not explain it",
    ),
    (
        "mirror.type.irrelevant",
        "oplossing en uitkomst beide afwezig",
        "solution and outcome both absent",
    ),
    (
        "mirror.type.crossover",
        "precies op het omslagpunt",
        "exactly at the crossover",
    ),
    (
        "mirror.tt_row",
        "Rij in de waarheidstabel",
        "Truth-table row",
    ),
    (
        "mirror.tt_row.none",
        "Deze gemeente valt in geen rij (een lidmaatschap van precies 0,5).",
        "This municipality falls in no row (a membership of exactly 0.5).",
    ),
    (
        "mirror.tt_row.text",
        "Rij {row}: {config}; OUT = {out}, n = {n}, incl = {incl}, PRI = {pri}. Andere gemeenten in deze rij: {others}.",
        "Row {row}: {config}; OUT = {out}, n = {n}, incl = {incl}, PRI = {pri}. Other municipalities in this row: {others}.",
    ),
    ("mirror.no_flags", "Geen signaleringen.", "No flags."),
];

/// The text of `key` in `lang`, if the catalog has it.
pub fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    CATALOG
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, nl, en)| match lang {
            Lang::Nl => *nl,
            Lang::En => *en,
        })
}

/// The text of `key` in `lang`, or [`MISSING`].
pub fn text(lang: Lang, key: &str) -> &'static str {
    lookup(lang, key).unwrap_or(MISSING)
}

/// The text of `key` with every `{name}` replaced by its value.
pub fn format(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut s = text(lang, key).to_string();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<&str> {
        let mut out: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(name, _)| name))
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn every_key_is_unique_and_has_both_languages() {
        for (i, (key, nl, en)) in CATALOG.iter().enumerate() {
            assert!(!nl.trim().is_empty(), "{key}: Dutch text is empty");
            assert!(!en.trim().is_empty(), "{key}: English text is empty");
            assert!(
                !CATALOG[..i].iter().any(|(k, _, _)| k == key),
                "{key} occurs twice in the catalog"
            );
            assert_eq!(
                placeholders(nl),
                placeholders(en),
                "{key}: placeholders differ between nl and en"
            );
            // Catalog texts are inserted unescaped, so they must not link anywhere.
            assert!(
                !nl.contains("http") && !en.contains("http"),
                "{key} contains a link"
            );
        }
    }

    #[test]
    fn lookup_and_format() {
        assert_eq!(text(Lang::Nl, "word.yes"), "ja");
        assert_eq!(text(Lang::En, "word.yes"), "yes");
        assert_eq!(text(Lang::En, "no.such.key"), MISSING);
        assert_eq!(
            format(
                Lang::En,
                "study.cases.value",
                &[("n", "16"), ("total", "18")]
            ),
            "16 of 18"
        );
        assert_eq!(
            format(
                Lang::Nl,
                "study.cases.value",
                &[("n", "16"), ("total", "18")]
            ),
            "16 van 18"
        );
    }

    #[test]
    fn language_codes_parse() {
        assert_eq!("nl".parse::<Lang>().ok(), Some(Lang::Nl));
        assert_eq!(" EN ".parse::<Lang>().ok(), Some(Lang::En));
        assert_eq!(Lang::default(), Lang::Nl);
        let err = "de"
            .parse::<Lang>()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("\"de\""), "{err}");
        assert_eq!(Lang::En.to_string(), "en");
    }
}
