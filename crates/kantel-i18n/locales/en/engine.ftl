# engine messages (en). Keys are shared by both languages; see crates/kantel-i18n/src/lib.rs.
# Errors, warnings and notes of kantel-qca (prefix qca-) and kantel-stats (prefix stats-).

## Error kinds (QcaError::msg wraps the detail in these)

qca-error-data = data: { $detail }
qca-error-calibration = calibration: { $detail }
qca-error-minimization = minimization: { $detail }
qca-error-expression = expression "{ $expression }", position { $position }: { $detail }
qca-unknown-column = unknown column "{ $name }" (known columns: { $known })

## Data tables (data.rs)

qca-data-name-count = { $names } column names for { $columns } columns
qca-data-empty-name = column { $column } has an empty name
qca-data-duplicate-name = column name "{ $name }" occurs twice
qca-data-column-length = column { $column } has { $values } values for { $cases } cases
qca-data-missing-value = column { $column }, case { $case }: value is missing or not a number

## Calibration (calibrate.rs)

qca-anchor-exclusion = exclusion anchor e
qca-anchor-crossover = crossover c
qca-anchor-inclusion = inclusion anchor i
qca-anchor-threshold = threshold { $number }
qca-anchor-named = anchor { $name }
qca-calibrate-anchor-outside-data = { $anchor } { $value } lies outside the data range [{ $min }, { $max }]
qca-calibrate-not-converged = indirect calibration: the fractional logit fit did not converge in { $iterations } iterations (R's glm would warn as well); memberships are from the last iteration
qca-calibrate-too-few-groups = finding thresholds needs at least 2 groups, { $groups } asked for
qca-calibrate-too-many-groups = cannot split { $values } values into { $groups } groups
qca-calibrate-no-values = no values to calibrate
qca-calibrate-missing-value = value at index { $index } (case { $case }) is { $value }; missing values are not allowed
qca-calibrate-ecdf-empty = ecdf calibration: no value lies between the anchors { $low } and { $high }, so there is no distribution to calibrate along
qca-calibrate-indirect-negative = indirect calibration takes logarithms and square roots, but the value at index { $index } (case { $case }) is negative: { $value }
qca-calibrate-indirect-diverged = indirect calibration: the fractional logit fit broke down (infinite deviance)
qca-calibrate-anchor-not-finite = { $anchor } is { $value }; it must be a finite number
qca-calibrate-no-threshold = at least one threshold is needed
qca-calibrate-threshold-twice = threshold { $threshold } is given twice
qca-calibrate-bad-idm = idm = { $idm }: the inclusion degree of membership must be above 0.5 and below 1
qca-calibrate-bell-order = anchors in the wrong order: e1={ $e1 }, c1={ $c1 }, i1={ $i1 }, i2={ $i2 }, c2={ $c2 }, e2={ $e2 }; a bell shape needs e1 < c1 < i1 <= i2 < c2 < e2, an inverse bell i1 < c1 < e1 <= e2 < c2 < i2
qca-calibrate-anchor-order = anchors in the wrong order: exclusion e={ $e }, crossover c={ $c }, inclusion i={ $i }; the crossover must lie strictly between exclusion and inclusion (e < c < i for an increasing set, e > c > i for a decreasing one)
qca-calibrate-bad-shape = { $name } = { $value }: shape exponents must be positive
qca-calibration-unreadable = cannot read calibration "{ $text }": { $detail }
qca-calibration-empty-argument = argument { $number } is empty
qca-calibration-not-a-number = argument { $number } ("{ $argument }"): "{ $value }" is not a number
qca-calibration-option-twice = { $name } is given twice
qca-calibration-positional-after-named = argument { $number } ("{ $argument }"): unnamed values must come before named ones
qca-calibration-anchor-count = { $method } calibration needs { $needed } anchors ({ $names }), { $given } given
qca-calibration-anchor-twice = anchor { $name } is given both by position and by name
qca-calibration-anchor-missing = anchor { $name } is missing (need { $names })
qca-calibration-unknown-option = unknown option "{ $name }" for { $method } calibration
qca-calibration-needs-threshold = { $method } calibration needs at least one threshold
qca-calibration-unknown-method = unknown method "{ $method }" (known: { $known })

## Expressions (expr.rs)

qca-expr-raw-condition = condition { $name } holds raw values (not set memberships in [0, 1] or levels 0, 1, 2, ...): calibrate it before using it in an expression
qca-expr-bare-multi-value = condition { $name } is multi-value (levels 0 to { $max }): write { $name }[level], e.g. { $name }[1], instead of the bare name
qca-expr-level-of-fuzzy = { $literal } asks for a level, but { $name } holds fuzzy memberships: write { $name } or ~{ $name }
qca-expr-case-out-of-range = case index { $case } is out of range: the data have { $cases } cases
qca-expr-empty = empty expression: expected a condition name
qca-expr-unmatched-close = unexpected ')' without a matching '('
qca-expr-unexpected = unexpected character '{ $char }'
qca-expr-unexpected-in-group = unexpected character '{ $char }': expected '*', '+' or ')'
qca-expr-too-large = the expression expands to more than { $max } terms when parentheses and negations are multiplied out
qca-expr-unclosed = unclosed '{ $open }': expected '{ $close }'
qca-expr-missing-operator = expected '*' or '+' between two conditions (names cannot contain spaces)
qca-expr-expected-name = expected a condition name
qca-expr-expected-name-after = expected a condition name after '{ $op }'
qca-expr-name-start = { $expected }: a condition name must start with a letter
qca-expr-name-ends-dash = a condition name cannot end with '-'
qca-expr-empty-levels = empty level list: expected a level (0, 1, 2, ...)
qca-expr-level-too-large = level too large: at most { $max }
qca-expr-expected-level = expected a level (a whole number 0, 1, 2, ...), found '{ $char }'
qca-expr-expected-level-after-comma = expected a level after ','
qca-expr-expected-level-separator = expected ',' or '{ $close }' in the level list, found '{ $char }'
qca-expr-arrow = an arrow ('{ $arrow }') cannot stand in this expression; arrows belong in fit, as in "A*B + C -> Y"
qca-fit-arrow-both = '{ $arrow }' states necessity and sufficiency at once; fit computes one relation: write -> (the expression is sufficient for the outcome) or <- (necessary)
qca-fit-arrow-twice = a second arrow: an expression takes one arrow, with the outcome on its other side
qca-fit-arrow-no-expression = nothing before '{ $arrow }': expected an expression, as in "A*B + C -> Y"
qca-fit-arrow-no-outcome = nothing after '{ $arrow }': expected the outcome, as in "A*B + C -> Y"
qca-fit-arrow-outcome-not-a-set = the outcome on one side of '{ $arrow }' must be one set (Y, ~Y or Y[1]), not "{ $outcome }"
qca-fit-no-outcome = no outcome: give --outcome, or write the outcome after an arrow in --expression (as in "A*B + C -> Y")
qca-fit-outcome-conflict = --outcome { $given } and the outcome { $arrow } of the expression "{ $expression }" differ: leave --outcome out, or give the same outcome in both
qca-fit-outcomes-differ = the expressions name different outcomes: { $first } in "{ $first_expression }" and { $second } in "{ $second_expression }"; fit computes one outcome at a time
qca-simplify-order-missing = the order of conditions does not name { $name }, which the expression uses
qca-simplify-too-many-conditions = the expression has { $conditions } conditions; simplification enumerates every configuration and supports at most { $max }
qca-simplify-bad-levels = condition { $name } has { $levels } levels; simplification needs 2 to 64
qca-simplify-too-many-configurations = the conditions have { $configurations } configurations; simplification enumerates them and supports at most { $max }
qca-simplify-bare-multi-value = condition { $name } has { $levels } levels: write { $name }[level] instead of the bare name
qca-simplify-level-out-of-range = { $literal }: level { $level } is out of range, { $name } has { $levels } levels (0 to { $max })
qca-simplify-negation-too-large = the negation has more than { $max } terms before simplification
qca-simplify-too-many-primes = simplification found more than { $max } prime implicants; the expression is too complex to simplify exactly
qca-simplify-cover-too-large = the expression is too complex to simplify exactly: the search for a minimal cover of its { $primes } prime implicants exceeded { $max } steps

## Shared by several analyses

qca-cut-out-of-range = { $name } must be between 0 and 1, not { $value }
qca-cut-second-value = { $name } (second value)
qca-condition-twice = condition { $name } is listed twice
qca-outcome-as-condition = { $name } is the outcome and cannot also be a condition

## Truth tables (truth_table.rs)

qca-tt-cut-order = incl.cut: the second value ({ $second }) must not exceed the first ({ $first })
qca-tt-no-conditions = no conditions given
qca-tt-raw-condition = condition { $name }, case { $case }: value { $value } is neither a membership in [0,1] nor a multi-value level; calibrate this condition first
qca-tt-too-many-conditions = too many conditions: { $conditions } conditions give about 10^{ $exponent } configurations, more than the { $max } a truth table can number; use fewer conditions
qca-tt-half-membership = fuzzy memberships of exactly 0.5 cannot be assigned to a truth-table row: { $cases } (recalibrate, or --allow-half for R's behaviour: warn and continue)
qca-tt-half-membership-warning = { $count ->
    [one] a membership of exactly 0.5 (the case is left out of every row): { $cases }
   *[other] memberships of exactly 0.5 (cases left out of every row): { $cases }
}
qca-tt-empty = the truth table is empty: no configuration has at least n.cut = { $n_cut } cases
qca-tt-exclude-outside = exclude: row { $row } is outside the truth table (rows 1..{ $total })
qca-tt-exclude-observed = exclude: row { $row } is observed ({ $cases ->
    [one] { $cases } case
   *[other] { $cases } cases
}) and keeps its OUT value
qca-tt-row-outside = row { $row } is outside the truth table (rows 1..{ $total })
qca-tt-complete-too-large = the complete truth table has { $rows } rows, more than the limit of { $limit }

## Minimization (minimize.rs, intermediate.rs)

qca-min-dir-exp-needs-remainders = directional expectations need the remainders included (--include ?)
qca-min-max-models-zero = the cap on models (--max-models) must be at least 1
qca-min-nothing-to-explain = nothing to explain: no truth-table row has OUT = 1 for { $outcome } (check incl.cut = { $incl_cut }, pri.cut = { $pri_cut }, n.cut = { $n_cut })
qca-min-no-negative-rows = all truth-table configurations are positive or remainders: with remainders included every condition is minimized away (check the truth table)
qca-min-everything-explained = all configurations are explained: every condition is minimized away (check the truth table)
qca-min-pi-cons-dropped = pi.cons = { $pi_cons }: { $count ->
    [one] { $count } prime implicant below it was left out of the chart
   *[other] { $count } prime implicants below it were left out of the chart
}
qca-min-rows-uncovered = no solution under these constraints: { $count ->
    [one] positive row { $rows } is
   *[other] positive rows { $rows } are
} covered by no prime implicant with inclusion of at least pi.cons = { $pi_cons }
qca-min-solution = { $solution ->
    [conservative] conservative solution
    [parsimonious] parsimonious solution
   *[intermediate] intermediate solution
}
qca-min-models-listed = { qca-min-solution }: { $listed } of { $count } models listed (raise --max-models to list more)
qca-min-models-at-least = { qca-min-solution }: at least { $count ->
    [one] { $count } model
   *[other] { $count } models
}; { $listed } listed (counting stopped: raise --max-count, or the search budget --max-nodes or --max-conflicts, to count further; --max-models to list more)
qca-min-not-proved = { qca-min-solution }: the minimum number of terms is not proved: between { $lower } and { $upper } terms; the best model found is listed (the search budget of { $max } conflicts ran out; raise --max-conflicts)
qca-min-chart-not-proved = { qca-min-solution }: the minimum number of terms is not proved: between { $lower } and { $upper } terms; the best model found is listed (the search budget of { $max } nodes per block of the prime implicant chart ran out; raise --max-nodes)
qca-min-count-stopped = { qca-min-solution }: the minimum is proved, but counting its models stopped at { $count } (the search budget of { $max } conflicts ran out; raise --max-conflicts)
qca-min-too-many-terms = { qca-min-solution }: the minimum of { $terms } terms is proved; models with more than { $max } terms are enumerated from the prime implicants, and there are more than { $primes }, so one model is listed and the count is a lower bound
qca-min-intermediate-needs-dir-exp = the intermediate solution needs directional expectations (--dir-exp)
qca-sat-inconsistent = internal inconsistency in the search for minimal covers at { $terms } terms; please report this with the data
qca-min-sol-cons-none = no model reaches sol.cons = { $sol_cons } ({ $count ->
    [one] { $count } model below it
   *[other] { $count } models below it
})
qca-min-sol-cons-dropped = sol.cons = { $sol_cons }: { $count ->
    [one] { $count } model below it was dropped
   *[other] { $count } models below it were dropped
}
qca-dir-exp-none = no directional expectations given
qca-dir-exp-not-a-level = "{ $value }" is not a level
qca-dir-exp-level-out-of-range = { $name } has levels 0..{ $max }, not { $level }
qca-dir-exp-empty-item = empty expectation between commas
qca-dir-exp-not-a-level-in = "{ $value }" is not a level in "{ $literal }"
qca-dir-exp-not-a-condition = "{ $name }" is not a condition (conditions: { $conditions })
qca-dir-exp-multi-value = { $name } is multi-value: write { $name }[level]
qca-dir-exp-twice = { $name } appears twice in "{ $item }"
qca-intermediate-too-many-easy = { $from }: the intermediate terms assume { $count } remainders (easy counterfactuals), more than the { $max } kantel can use as don't cares; this intermediate solution was left out (use fewer conditions, or fewer directional expectations)
qca-min-assumptions-budget = { $what }: counting the configurations it assumes (simplifying assumptions or counterfactuals) did not finish within { $steps } steps (use fewer conditions, or conditions with fewer levels)

## The exact Boolean core (boolean/)

qca-bool-config-length = { $what } configuration { $row } has { $values } values, expected one per condition ({ $conditions })
qca-bool-config-level = { $what } configuration { $row }, condition { $condition }: level { $level } is out of range (the condition has { $levels } levels, 0 to { $max })
qca-bool-no-conditions = no conditions: nothing to minimize
qca-bool-too-many-conditions = { $conditions } conditions: the exact minimizer supports at most { $max }
qca-bool-too-few-levels = condition { $condition } has { $levels ->
    [one] { $levels } level
   *[other] { $levels } levels
}; every condition needs at least 2
qca-bool-no-on = no ON configuration: nothing to explain
qca-bool-on-and-off = configuration { $configuration } is both ON (row { $on_row }) and OFF (row { $off_row })
qca-bool-too-many-primes = more than { $max } prime implicants: the search stopped and the result could not be proved complete (use fewer conditions, or conditions with fewer levels)
qca-chart-no-on = no ON configuration: the prime implicant chart has no columns
qca-chart-config-length = ON configuration { $row } has { $values } values, ON configuration 0 has { $first }
qca-chart-prime-length = prime implicant { $prime } has { $entries } entries, the ON configurations have { $values }
qca-chart-uncovered = ON configuration { $row } { $configuration } is covered by none of the { $primes } prime implicants: the chart has no solution
qca-chart-out-of-nodes = the prime implicant chart (a block of { $columns } ON configurations and { $primes } prime implicants) was not solved within { $max_nodes } search nodes: the minimum could not be proved (raise --max-nodes, or simplify the problem)
qca-chart-unproved = the prime implicant chart (a block of { $columns } ON configurations and { $primes } prime implicants) was not solved within { $max_nodes } search nodes: the minimum could not be proved; it is at least { $lower } (linear programming bound) and at most { $upper } (best cover found) prime implicants for this block (raise --max-nodes, or simplify the problem)

## Outcomes and necessity (necessity.rs)

qca-outcome-unclosed = expected a closing '{ $close }'
qca-outcome-bad-level = level "{ $value }" is not a whole number
qca-outcome-no-name = the outcome has no name
qca-outcome-raw = outcome { $name }, case { $case }: membership { $value } outside [0,1] (raw values, not memberships or levels); calibrate it first
qca-outcome-fuzzy-levels = outcome { $name } is fuzzy and has no levels; write it without brackets
qca-outcome-bare-multi-value = outcome { $name } is multi-value (levels 0 to { $max }); name a level, e.g. { $name }[{ $max }]
qca-outcome-level-out-of-range = outcome { $name }: level { $level } does not exist (levels 0 to { $max })
qca-nec-no-conditions = no conditions: the data hold only the outcome
qca-nec-raw-condition = condition { $name } holds raw values (not memberships in [0, 1] or levels); calibrate it first
qca-nec-depth-zero = depth must be at least 1

## findRows and modelFit (find_rows.rs, model_fit.rs)

qca-find-rows-no-level = { $expression }: condition { $name } has no level { $level } (levels 0 to { $max })
qca-find-rows-term-too-large = { $expression }: the term { $term } covers { $rows } rows, more than the { $max } kantel lists
qca-find-rows-no-parsimonious = no parsimonious solution
qca-find-rows-too-many-assumptions = { $count } remainders are simplifying assumptions for both the outcome and its negation, more than the { $max } kantel lists
qca-model-fit-raw-condition = condition { $name } holds raw values; calibrate it before evaluating a theory

## Retention (retention.rs)

qca-retention-n-cut-zero = n.cut must be at least 1
qca-retention-bad-p-pert = p.pert must be a probability between 0 and 1, not { $value }
qca-retention-bad-n-pert = n.pert must be between 1 and the number of cases ({ $cases }), not { $value }
qca-retention-not-crisp = retention needs crisp or multi-value conditions: condition { $name }, case { $case } has { $value }
qca-retention-outcome-not-crisp = retention needs a crisp outcome: { $outcome }, case { $case } has membership { $value }
qca-retention-too-many-combinations = retention: { $rows } truth-table rows and n.pert = { $n_pert } need more than { $max } evaluations (row combinations and perturbation patterns); use a smaller --n-pert, or independent perturbations (--p-pert) instead

## Robustness (robustness.rs)

qca-robust-no-model = the minimization has no model
qca-robust-step-failed = { $label } = { $value }: the analysis failed ({ $error }); the search stopped there
qca-robust-bad-step = step must be a positive number, not { $value }
qca-robust-max-runs-zero = max.runs must be at least 1
qca-robust-no-membership = anchors e = { $e }, c = { $c }, i = { $i } give no membership for value { $value } (case { $case })
qca-robust-raw-length = { $values } raw values for condition { $name }, but the data have { $cases } cases
qca-robust-raw-missing = raw value of { $name } for case { $case } is missing or not a number
qca-robust-anchor-order = anchors e = { $e }, c = { $c }, i = { $i } are out of order; the crossover must lie between the exclusion and inclusion anchors
qca-robust-anchors-crossed = { $anchor } was moved past another anchor; as SetMethods does, those steps were calibrated with R's logistic formula for anchors out of order
qca-robust-thresholds = the thresholds
qca-robust-no-tests = robustness fit needs at least one test solution
qca-robust-other-outcome = test solution { $test } explains { $outcome }, the initial solution { $initial }

## Coincidence analysis (cna.rs)

qca-cna-no-arrow = expected `<->` or `->` between condition and outcome
qca-cna-empty-literal = empty literal
qca-cna-bad-level = level "{ $value }" of { $name } is not a whole number
qca-cna-not-a-value = "{ $token }" is not a factor value
qca-cna-mixed-case = "{ $token }" mixes upper and lower case: cna notation needs upper-case factor names
qca-cna-unbalanced = unbalanced parentheses
qca-cna-too-few-factors = CNA needs at least two factors; the data have { $factors }
qca-cna-raw-column = column { $name } holds raw values (neither memberships in [0, 1] nor whole-number levels): calibrate it before CNA
qca-cna-mixed-types = column { $fuzzy } is fuzzy but column { $multi_value } is multi-value: CNA needs one data type
qca-cna-too-few-configurations = CNA needs at least two different configurations; the { $cases } cases have { $configurations }
qca-cna-too-many-configurations = the factors { $factors } have { $configurations } configurations, more than the cap of { $max }
qca-cna-asf-cap = outcome { $outcome }: not all candidate asfs of structure { $structure } were recorded (cap of { $max })
qca-cna-ordering-empty = ordering level { $level } names no factor
qca-cna-ordering-unknown = factor "{ $name }" in ordering level { $level } is not in the data (factors: { $factors })
qca-cna-ordering-twice = factor { $name } appears twice in the ordering
qca-cna-no-outcomes = the list of outcomes is empty
qca-cna-unknown-outcome = outcome "{ $outcome }" is neither a factor nor an observed value X=v of a multi-value factor (factors: { $factors })
qca-cna-bad-maxstep = every maxstep value must be at least 1, not { $maxstep }
qca-cna-caps-zero = csf n.init and the cap on candidate asfs must be at least 1
qca-cna-csf-n-init = only { $examined } of { $total } combinations of asfs were examined as csfs (n.init = { $n_init })
qca-cna-asfs-alone = the asfs could not be combined to csfs; they are listed alone
qca-cna-budget-zero = { $option } must be at least 1
qca-cna-msc-budget = outcome { $outcome }: the search for minimally sufficient conditions reached its budget of { $max } candidate evaluations (--max-msc-candidates) { $begun ->
    [yes] while searching conjunctions of { $level } factors; those were searched in part
   *[no] before conjunctions of { $level } factors; those were not searched
  }, so asfs with larger conjunctions may be missing; raise --max-msc-candidates, or lower the first value of --maxstep
qca-cna-asf-budget = outcome { $outcome }: the search for asfs reached its budget of { $max } candidates (--max-asf-candidates) and stopped; the asfs listed were found before that, more complex ones may be missing; raise --max-asf-candidates, or lower --maxstep
qca-cna-outcomes-skipped = the budget of { $max } ({ $option }) was used up before { $count } outcomes could be searched: { $outcomes }; raise { $option }, or name the outcomes to analyse with --outcome
qca-cna-csf-budget = the search for csfs reached its budget of { $max } candidates (--max-csf-candidates) and stopped; the csfs listed were found before that; raise --max-csf-candidates, or lower --n-init

## Small-N statistics (kantel-stats)

stats-empty = { $what } is empty
stats-non-finite = { $what } has a non-finite value ({ $value }) at index { $index } (0-based)
stats-length-mismatch = length mismatch: x has { $x_len } values but y has { $y_len }; paired data must have equal length
stats-too-few = too few { $what }: at least { $needed } needed, { $got } given
stats-constant = { $what } is constant (every value is { $value }), so { $statistic } is undefined
stats-ragged-row = row { $row } has { $got } items, but row 0 has { $expected }
stats-non-finite-cell = non-finite value ({ $value }) at row { $row }, item { $item } (0-based); delete incomplete rows before computing reliability
stats-zero-total-variance = the total score has zero variance across all { $respondents } respondents, so Cronbach's alpha is undefined
stats-no-permutations = the number of permutations must be at least 1
stats-term-rows = rows
stats-term-paired-observations = paired observations
stats-term-items-alpha = items per respondent for Cronbach's alpha
stats-term-respondents-alpha = respondents for Cronbach's alpha
stats-term-spearman = Spearman's rho
stats-term-kendall = Kendall's tau-b
stats-term-pearson = the Pearson correlation
qca-expr-too-deep = more than { $max } brackets or negations inside each other: write the expression more simply
qca-robust-step-too-small = { $label }: step { $step } is smaller than the arithmetic precision at { $value }; it does not move the threshold. Choose a larger --step
qca-dir-exp-count = { $given ->
    [one] 1 value
   *[other] { $given } values
} for { $needed } conditions: give one value per condition (1, 0 or -), in the order { $conditions }, or write the expectations out (for example "DEV, ~URB")
qca-data-not-a-name = column "{ $name }" cannot be a set: a set name starts with a letter and holds only letters, digits, _ . or - (otherwise an expression reads it as something else, such as ~ for "not"). Rename the column, or leave it out with --conditions
qca-nec-budget = the search reached its budget of { $max } expressions (--max-expressions) and stopped: expressions of up to { $searched } conditions were searched completely, not all up to { $depth }; raise --max-expressions, or limit the search with --depth
