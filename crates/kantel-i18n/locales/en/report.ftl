# report messages (en). Keys are shared by both languages; see crates/kantel-i18n/src/lib.rs.
# Texts are trusted HTML fragments; the report escapes the values it puts into them.

report-doc-title = kantel report
report-nav-label = Contents
report-footer-generated = Made with { $tool }. This file is self-contained: it works without an internet connection.
report-banner-title = SIMULATED DATA / GESIMULEERDE GEGEVENS
report-banner-text = This report was made from simulated data. Its results say nothing about real municipalities.
report-section-studie = Study and response
report-section-betrouwbaarheid = Reliability of the scales
report-section-kalibratie = Calibration
report-section-noodzakelijkheid = Necessary conditions
report-section-waarheidstabel = Truth table
report-section-oplossingen = Solutions
report-section-statistiek = Leading and lagging municipalities: statistics
report-section-herontdekking = Recovery of the planted structure
report-section-spiegel = Mirror reports per municipality
report-word-yes = yes
report-word-no = no
report-col-code = Code
report-col-municipality = Municipality
report-col-municipalities = Municipalities
report-col-inhabitants = Inhabitants
report-col-group = Group
report-col-label = Label
report-col-in-analysis = Analysed
report-col-flags = Flags
report-col-min-respondents = Minimum per municipality
report-col-respondents = Respondents
report-col-below-min = Municipalities below minimum
report-col-set = Set
report-col-items = Items
report-col-n-complete = n complete
report-col-remark = Remark
report-col-item = Item
report-col-text = Text
report-col-alpha-if-deleted = α if deleted
report-col-item-rest = Item-rest correlation
report-col-condition = Condition
report-col-expression = Expression
report-col-kind = Kind
report-col-row = Row
report-col-rows = Rows
report-col-term = Term
report-study-title = Title
report-study-name = Name
report-study-year = Year
report-study-data = Data
report-study-data-real = real data
report-study-data-simulated = <strong>simulated</strong>
report-study-outcome = Outcome
report-study-conditions = Conditions
report-study-cases = Municipalities analysed
report-study-generated = Made with
report-study-municipalities = Municipalities and response
report-study-groups = Respondent groups
report-study-settings = Analysis settings
report-study-correction = Multiple-testing correction
report-study-seed = Seed of the permutation tests
report-study-warnings = Warnings
report-flag-few-respondents = too few respondents in group { $group }: { $n } (minimum { $min })
report-flag-few-scored = { $set }: too few respondents with a score in group { $group }: { $n } (minimum { $min })
report-rel-intro = Cronbach's alpha over the respondents who answered every item of a scale. An alpha of 0.70 or more is usually considered sufficient. An item whose removal raises alpha (in bold) fits the scale less well.
report-rel-none = This study has no survey scales.
report-rel-low = alpha below 0.70
report-rel-reversed = reverse-scored
report-cal-intro = Calibration turns raw scores into membership of a set (0 = fully out, 0.5 = crossover, 1 = fully in). The anchors and their justification come from the study file.
report-cal-source = Source
report-cal-source-survey = survey (scale mean)
report-cal-source-register = register data
report-cal-source-rating = researchers' rating
report-cal-method = Method
report-cal-anchors = Anchors
report-cal-justification = Justification
report-cal-e = exclusion
report-cal-c = crossover
report-cal-i = inclusion
report-cal-plot-title = Calibration of { $set }
report-cal-axis-raw = raw score
report-cal-axis-membership = membership { $set }
report-cal-caption = Each point is a municipality. Dashed vertical lines: the anchors; horizontal lines: membership 0.05, 0.5 and 0.95.
report-cal-data = Raw scores and membership
report-cal-data-note = Per municipality: raw score → membership.
report-nec-intro = Is a condition necessary for { $outcome }? inclN says to what degree the outcome is a subset of the condition (0.9 or more: possibly necessary, in bold); RoN (relevance) is low when the condition is present almost everywhere and hence trivial; covN says how large the outcome is relative to the condition.
report-nec-search = Search for necessary combinations
report-nec-search-intro = Combinations (and, or) that pass the search's cut-offs, as R's <code>superSubset()</code> finds them.
report-nec-search-none = The search found no necessary combinations.
report-nec-conjunction = and (conjunction)
report-nec-disjunction = or (disjunction)
report-tt-summary = Outcome { $outcome }; incl.cut = { $incl }, pri.cut = { $pri }, n.cut = { $ncut }; { $cases } municipalities. { $observed } of the { $total } configurations are observed: { $pos } positive (OUT = 1), { $neg } negative (OUT = 0), { $con } contradictory (C); { $rem } logical remainders without (enough) municipalities.
report-tt-intro = Each row is a combination of conditions (1 = present, 0 = absent). n: number of municipalities with membership above 0.5 in the combination; incl: consistency with the outcome; PRI: consistency that does not also hold for the absence of the outcome. Positive rows are in bold.
report-tt-edits = Manual edits
report-tt-edit = row { $row }: OUT set to { $out }, reason: { $reason }
report-tt-excluded = Remainders excluded as negative (exclude): rows { $rows }.
report-sol-intro = Solutions in R notation: <code>*</code> is AND, <code>+</code> is OR, <code>~</code> is NOT. The conservative solution uses no remainders, the parsimonious one every useful one, the intermediate one only the easy ones (in line with the expected direction). inclS: consistency; PRI: see truth table; covS: coverage; covU: unique coverage within the model.
report-sol-xy-howto = XY plots: horizontally a municipality's membership in the term or solution, vertically in the outcome. Points on or above the diagonal agree with ‘the term is sufficient for the outcome’; points at the bottom right (term yes, outcome no) contradict it; points at the top left are municipalities with the outcome that the term does not explain.
report-sol-conservative = Conservative solution
report-sol-parsimonious = Parsimonious solution
report-sol-intermediate = Intermediate solution { $from }
report-sol-incomplete = Note: the cap on models was reached; more models exist than are listed here.
report-sol-n-models = { $n } models explain the data equally well.
report-sol-model = Model
report-sol-simplifying = Simplifying assumptions (remainders used as positive)
report-sol-easy = Easy counterfactuals
report-sol-difficult = Difficult counterfactuals
report-sol-by-term = too many to list one by one; the terms that cover them (terms may overlap, so their counts can add up to more):
report-sol-term-count = { $n ->
    [one] { $count } configuration
   *[other] { $count } configurations
}
report-sol-xy-aria = XY plot of { $x } (horizontal) against { $y } (vertical) for { $n } municipalities; { $fit }
report-stat-intro = Leading municipalities have outcome membership above 0.5, lagging ones below. All p-values are permutation p-values: exact where every permutation was enumerated, otherwise with a fixed seed ({ $seed }), hence reproducible. Adjusted for multiple testing with { $correction }.
report-stat-leading = Leading
report-stat-lagging = Lagging
report-stat-leadlag = Differences between leading and lagging municipalities (raw scores)
report-stat-median-leading = Median leading
report-stat-median-lagging = Median lagging
report-stat-p-adjusted = p adjusted
report-stat-size = Size
report-stat-method = How p was computed
report-stat-exact = exact
report-stat-permutation = permutation ({ $n } draws, seed { $seed })
report-stat-delta-negligible = negligible
report-stat-delta-small = small
report-stat-delta-medium = medium
report-stat-delta-large = large
report-stat-correlations = Rank correlations with { $outcome }
report-stat-holm = Holm
report-stat-bh = Benjamini-Hochberg
report-stat-caution = With a few dozen municipalities tests have little power: a non-significant difference is no proof of no difference. Cliff's δ (from −1 to 1) says how often a leading municipality scores higher than a lagging one, minus the reverse; size after Romano et al. (2006).
report-rec-intro = The data were simulated with a known (planted) structure. This check shows whether the analysis finds that structure again.
report-rec-planted = Planted structure
report-rec-found = Found
report-rec-solution = Solution compared
report-rec-terms-found = Terms found
report-rec-terms-missing = Terms missed
report-mirror-title = Mirror report
report-mirror-intro = One page per municipality: how it scores compared with all others, which solution terms apply to it, which truth-table row it falls in, and its flags.
report-mirror-heading = Mirror report { $name } ({ $code })
report-mirror-status = Position
report-mirror-leading = leading (outcome membership above 0.5)
report-mirror-lagging = lagging (outcome membership below 0.5)
report-mirror-neither = exactly at the outcome's crossover
report-mirror-not-analysed = not analysed
report-mirror-dropped = This municipality was left out of the analysis:
report-mirror-profile = Profile
report-mirror-profile-note = Each strip shows all { $n } municipalities; this municipality is the large orange dot. Top strip: raw score; bottom: membership (dashed line: 0.5).
report-mirror-raw = raw score
report-mirror-membership = membership
report-mirror-position = Compared with the others
report-mirror-rank = higher than { $k } of the { $others } other municipalities
report-mirror-plots = Distribution
report-mirror-groups = Per respondent group
report-mirror-gap = gap between groups
report-mirror-strip-aria = { $set }, { $what }: { $name } { $value } among { $n } municipalities
report-mirror-coverage = Solution terms that apply to this municipality
report-mirror-coverage-note = A term applies at a membership above 0.5 (in brackets).
report-mirror-covered-none = no term
report-mirror-case-type = Membership solution { $x }, outcome { $y }: { $type }.
report-mirror-type-typical = typical case (solution and outcome both present)
report-mirror-type-deviant-consistency = deviant case: the solution is present, the outcome is not
report-mirror-type-deviant-coverage = unexplained case: the outcome is present but the solution does not explain it
report-mirror-type-irrelevant = solution and outcome both absent
report-mirror-type-crossover = exactly at the crossover
report-mirror-tt-row = Truth-table row
report-mirror-tt-row-none = This municipality falls in no row (a membership of exactly 0.5 in a condition).
report-mirror-tt-row-text = Row { $row }: { $config }; OUT = { $out }, n = { $n }, incl = { $incl }, PRI = { $pri }. Other municipalities in this row: { $others }.
report-mirror-no-flags = No flags.

# Summary, steps and failures.
report-summary-title = Summary
report-summary-steps = Not every step of the analysis succeeded; the report shows the results of the steps that did:
report-status-ok = succeeded
report-status-failed = failed
report-status-skipped = not carried out
report-step-failed = This step failed:
report-step-skipped = This step was not carried out:
report-sol-empty = Empty solution:
report-sol-none = none (empty solution)
report-half-exclude = municipalities with a membership of exactly 0.5 in a condition are left out of the truth table and the solutions
report-half-error = a membership of exactly 0.5 in a condition makes the truth table fail
report-half-r = as R: a municipality with a membership of exactly 0.5 is in no truth-table row but counts in every row's consistency

# Municipalities, missing values, flags.
report-study-not-in-truth-table = (not in the truth table: a membership of exactly 0.5)
report-study-flags-note = Flags about scales that are not analysed are listed in the mirror reports only.
report-missing-title = Missing values
report-missing-intro = Every municipality without a value on an analysed set, per set, with the reason. A municipality that lacks a value on any analysed set is left out of the analysis.
report-col-reason = Reason

# Where values come from.
report-source-indicator = indicator “{ $indicator }”
report-source-label = source { $label }
report-source-year = year { $year }
report-source-files = { $count ->
    [one] file
   *[other] files
    } { $files }
report-source-no-file = file not recorded
report-source-values = { $n } of { $total } municipalities have a value

# Recovery and mirror reports.
report-rec-explanation = Explanation
report-mirror-analysed = analysed
report-mirror-not-in-truth-table = This municipality is not in the truth table and the solutions: its membership in { $conditions } is exactly 0.5.
report-mirror-other-flags = Flags about scales outside the analysis:
report-mirror-axis-raw = { $set }: raw score
report-mirror-axis-membership = { $set }: membership
report-tt-half-exclude = { $count ->
    [one] 1 municipality has a membership of exactly 0.5 in a condition and is therefore left out of the truth table and the solutions (half_membership = "exclude"): { $cases }
   *[other] { $count } municipalities have a membership of exactly 0.5 in a condition and are therefore left out of the truth table and the solutions (half_membership = "exclude"): { $cases }
}
report-tt-half-r = { $count ->
    [one] 1 municipality has a membership of exactly 0.5 in a condition: as in R it counts in the consistency sums but in no row (half_membership = "r"): { $cases }
   *[other] { $count } municipalities have a membership of exactly 0.5 in a condition: as in R they count in the consistency sums but in no row (half_membership = "r"): { $cases }
}
