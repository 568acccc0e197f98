# analysis messages: warnings, step failures, reasons (en). Keys are shared by both languages.

## Steps and their status.
analysis-step-measurement = measurement (raw values)
analysis-step-reliability = reliability
analysis-step-calibration = calibration
analysis-step-necessity = necessity
analysis-step-truth-table = truth table
analysis-step-minimization = minimization
analysis-step-statistics = statistics
analysis-step-recovery = recovery of the planted structure
analysis-step-robustness = robustness sweep
analysis-skipped = not carried out, because the step “{ $step }” did not succeed

## Solution types.
analysis-solution-parsimonious = parsimonious solution
analysis-solution-conservative = conservative solution
analysis-solution-intermediate = intermediate solution { $from }
analysis-solution-none = no solution (empty)

## Cases.
analysis-cases = { $analysed } of { $total } municipalities analysed
analysis-cases-truth-table = { $analysed } of { $total } municipalities analysed, { $table } of them in the truth table

## Headline.
analysis-headline = { $outcome }: { $solution } with { $count ->
        [one] 1 model
       *[other] { $count } models
    }: { $models }. { $cases }.
analysis-headline-empty = Empty solution for { $outcome }: { $reason } { $cases }.
analysis-headline-failed = No solution: the step “{ $step }” failed: { $reason }. { $cases }.
analysis-headline-none = No solution. { $cases }.
analysis-headline-none-plain = there is no solution to compare.

## The empty solution.
analysis-empty-solution = no configuration passes incl.cut { $incl_cut }; the highest inclS is { $incl } in row { $row } (PRI { $pri }).
analysis-empty-solution-pri = no configuration passes both incl.cut { $incl_cut } and pri.cut { $pri_cut }; the highest inclS is { $incl } in row { $row }, but its PRI is { $pri }.
analysis-empty-solution-n-cut = no configuration has at least n.cut = { $n_cut } municipalities.

## Why a municipality has no value.
analysis-missing-no-answers = { $set }: no answers to the items of this scale
analysis-missing-few-items = { $set }: { $respondents ->
    [one] 1 respondent answered
   *[other] { $respondents } respondents answered
    }, but none answered the minimum number of items for a score (min_items_answered = { $min })
analysis-missing-register = { $set }: no register value for indicator “{ $indicator }” in { $year }
analysis-missing-register-value = { $set }: no register value for indicator “{ $indicator }”
analysis-missing-register-indicator = { $set }: the register data have no indicator “{ $indicator }”
analysis-missing-rating = { $set }: no rating

## Where values come from.
analysis-year-study = { $year }, the study year
analysis-year-latest = { $year }, the latest year in the register (there are no values for the study year { $study_year })

## Failures.
analysis-fail-engine = { $step }: { $detail }
analysis-fail-unknown-set = { $set } has no values in the analysis
analysis-fail-scale-not-measured = { $set } is a survey scale, but the measurement has no scores for it
analysis-fail-set-empty = no municipality has a value for { $set } (for example: { $reason }); the analysis needs this set for every municipality
analysis-fail-set-empty-plain = no municipality has a value for { $set }; the analysis needs this set for every municipality
analysis-fail-no-complete-case = each of the { $total } municipalities lacks a value on at least one analysed set, so none is left (see the missing values)
analysis-fail-register-duplicate = { $set }: the register has two values of “{ $indicator }” for { $name } ({ $municipality }) in { $year }: lines { $first } and { $second }
analysis-fail-rating-not-a-number = { $set }: the rating of { $municipality } is not a number
analysis-fail-rating-twice = { $set }: { $municipality } is rated twice
analysis-fail-rating-range = { $set }: the rating { $value } of { $municipality } lies outside [0, 1]; ratings without a [calibration.{ $set }] table are used as memberships
analysis-fail-calibration = calibration of { $set }: { $detail }
analysis-fail-no-calibration = the study file has no [calibration.{ $set }] table
analysis-fail-half-membership = { $count ->
    [one] a municipality has
   *[other] { $count } municipalities have
    } a membership of exactly 0.5 in a condition and fit no truth-table row: { $cases } (half_membership = "error"; choose "exclude" or "r" in [analysis], or move the crossover)
analysis-fail-half-membership-all = every analysed municipality has a membership of exactly 0.5 in a condition: { $cases }
analysis-fail-comparison = leading-versus-lagging comparison on { $set }: { $detail }
analysis-fail-planted = the planted structure “{ $planted }” cannot be read: { $detail }
analysis-fail-recovery-too-many = { $conditions } conditions are too many to compare by enumeration (at most 20)

## Warnings.
analysis-warn-unknown-ratings = { $count ->
    [one] a rating for a municipality
   *[other] ratings for { $count } municipalities
    } not in the study were ignored: { $codes }
analysis-warn-register-year = { $set }: the register has no values of “{ $indicator }” for the study year { $study_year }; used { $year }, the latest year it has
analysis-warn-calibration = calibration of { $set }: { $detail }
analysis-warn-half-excluded = left out of the truth table and the solutions, because of a membership of exactly 0.5 (half_membership = "exclude"): { $cases }
analysis-warn-half-r = a membership of exactly 0.5: in no truth-table row, but counted in the consistency of every row, as R does (half_membership = "r"): { $cases }
analysis-warn-no-comparison = no leading-versus-lagging comparison: { $leading } leading and { $lagging } lagging municipalities
analysis-warn-no-correlation = { $set }: no rank correlation with { $outcome }: { $detail }
analysis-warn-planted-not-simulated = the study names a planted_structure but is not marked simulated; recovery was not assessed
analysis-warn-simulated-without-planted = the study is simulated but names no planted_structure; recovery was not assessed

## Recovery of a planted structure.
analysis-recovery-verdict-yes = Yes: the analysis recovered exactly the planted structure.
analysis-recovery-verdict-no = No: the analysis did not recover the planted structure.
analysis-recovery-verdict-partly = Partly: { $found } of the { $planted } planted terms were found, but the solution is not equivalent to the planted structure.
analysis-recovery-equivalent = The { $solution } is logically equivalent to the planted structure.
analysis-recovery-not-equivalent = The { $solution } is not logically equivalent to the planted structure ({ $count ->
        [one] 1 model
       *[other] { $count } models
    } compared).
analysis-recovery-empty = There is no solution to compare: { $reason }
analysis-recovery-found = Found (as a term of the solution, or inside a more specific term): { $terms }.
analysis-recovery-missing = Not found: { $term }. { $cases ->
    [one] 1 municipality has
   *[other] { $cases } municipalities have
    } this term (membership above 0.5); { $observed } of its { $total } configurations are observed.
analysis-recovery-missing-unanalysed = Not found: { $term }, which uses conditions that are not analysed ({ $conditions }).
analysis-recovery-extra = The solution also has terms that are not planted: { $terms }.
analysis-recovery-diversity = The truth table holds { $cases } municipalities in { $observed } of the { $total } configurations of the { $conditions } conditions; the other { $remainders } configurations are logical remainders, about which the data say nothing.
analysis-recovery-limited-diversity = With so few observed configurations (limited diversity) the minimization must make assumptions about the unobserved ones: a planted term whose configurations have no or few municipalities is often missed or replaced by a simpler term. With more municipalities the planted structure is usually recovered (docs/simulation.md).
analysis-step-esa = enhanced standard analysis
analysis-step-case-selection = case selection
analysis-fail-no-solution = no configuration is sufficient, so there is no solution to work with
