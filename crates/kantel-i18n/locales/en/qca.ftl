# kantel qca messages (en). Keys are shared by both languages; see crates/kantel-i18n/src/lib.rs.
# Text output, notes and errors of the `kantel qca …` commands (crates/kantel-cli, prefix qca-cli-).
# R's column names (inclS, PRI, covS, covU, inclN, RoN, covN, OUT, n, incl, cases), R notation,
# R terms (incl.cut, n.cut, asf, csf) and option names stay as they are.

## Lines around any output
# The line with which `kantel` reports a failed command (every command, not only qca).
qca-cli-error = error: { $message }
qca-cli-warning = warning: { $message }
qca-cli-note = note: { $message }
qca-cli-none = none
qca-cli-left-out = text columns left out (they hold no numbers): { $columns }

## Truth table (the legend stands beside R's column names OUT, n, incl and PRI)
qca-cli-tt-legend-out = output value
qca-cli-tt-legend-n = number of cases in configuration
qca-cli-tt-legend-incl = sufficiency inclusion score
qca-cli-tt-legend-pri = proportional reduction in inconsistency
qca-cli-tt-settings = outcome { $outcome }; incl.cut { $incl }; pri.cut { $pri }; n.cut { $n }
qca-cli-tt-settings-contradiction = outcome { $outcome }; incl.cut { $incl }, { $incl0 }; pri.cut { $pri }; n.cut { $n }

## Solutions (kantel qca minimize)
qca-cli-solution-conservative = Conservative solution
qca-cli-solution-parsimonious = Parsimonious solution
qca-cli-solution-intermediate = Intermediate solution { $from }
qca-cli-minimum-proved = minimum { $terms } { $terms ->
    [one] term
   *[other] terms
} (proved)
qca-cli-minimum-bounds = minimum not proved: between { $lower } and { $upper } terms
qca-cli-model-count = { $count ->
    [one] 1 model
   *[other] { $count } models
}{ $listed ->
    [0] {""}
   *[other] , { $listed } listed
}
qca-cli-model-count-at-least = at least { $count ->
    [one] { $count } model
   *[other] { $count } models
}, { $listed } listed
qca-cli-best-model-listed = the best model found ({ $terms } terms) is listed
qca-cli-models-capped = NOTE: the cap on models was reached; more models exist.
qca-cli-easy-counterfactuals = easy counterfactuals (rows): { $rows }
qca-cli-difficult-counterfactuals = difficult counterfactuals (rows): { $rows }
qca-cli-easy-counterfactuals-by-term = easy counterfactuals: { $count } configurations, too many to list (--list-assumptions lists up to { $max }); by term: { $terms }
qca-cli-difficult-counterfactuals-by-term = difficult counterfactuals: { $count } configurations, too many to list (--list-assumptions lists up to { $max }); by term: { $terms }

## Fit and necessity
qca-cli-fit-outcome = outcome: { $outcome }
qca-cli-necessity-title = Necessity of each condition for { $outcome }
qca-cli-necessity-found = Necessary expressions (incl.cut { $incl }, cov.cut { $cov }, ron.cut { $ron })
qca-cli-sufficiency-title = Sufficiency of each condition for { $outcome }
qca-cli-sufficiency-found = Sufficient expressions (incl.cut { $incl }, cov.cut { $cov }, pri.cut { $pri })
qca-cli-fit-sufficiency = Sufficiency for { $outcome } (->)
qca-cli-fit-necessity = Necessity for { $outcome } (<-)
qca-cli-ron-cut-sufficiency = --ron-cut (minimum RoN) belongs to a necessity search; with --relation sufficiency, use --pri-cut (minimum PRI)
qca-cli-pri-cut-necessity = --pri-cut (minimum PRI) belongs to a sufficiency search (--relation sufficiency); a necessity search takes --ron-cut (minimum RoN)

## Coincidence analysis (kantel qca cna)
qca-cli-cna-asf = Atomic solution formulas (asf)
qca-cli-cna-csf = Complex solution formulas (csf)

## Robustness and retention
qca-cli-robustness-range = { $name } from: { $threshold }, lower bound: { $lower }, upper bound: { $upper }
qca-cli-robustness-not-reached = not reached
qca-cli-retention = probability that the solution is retained: { $p }

## Expressions (kantel qca expression)
qca-cli-expression-given = expression: { $expression }
qca-cli-expression-negated = negated: { $expression }
qca-cli-expression-simplified = simplified: { $expression }
qca-cli-expression-factorization = factorization: { $expression }

## Columns and calibration (kantel qca columns, kantel qca calibrate)
qca-cli-cases = { $cases ->
    [one] { $cases } case
   *[other] { $cases } cases
}
qca-cli-cases-named = { $cases ->
    [one] { $cases } case (names from column "{ $column }")
   *[other] { $cases } cases (names from column "{ $column }")
}
qca-cli-header-case = case
qca-cli-header-column = column
qca-cli-header-kind = kind
qca-cli-header-levels = levels
qca-cli-header-missing = missing
qca-cli-kind-crisp = crisp
qca-cli-kind-multi-value = multi-value
qca-cli-kind-fuzzy = fuzzy
qca-cli-kind-raw = raw
qca-cli-kind-text = text
qca-cli-kind-empty = empty
qca-cli-column-mixed = { $numbers ->
    [one] column "{ $column }" holds { $numbers } number, but line { $line } holds "{ $text }"
   *[other] column "{ $column }" holds { $numbers } numbers, but line { $line } holds "{ $text }"
}
qca-cli-calibrated-written = column { $column } added; the table with all its columns is written to { $file }

## Errors in data files (the place, file, line and column, comes first)
qca-cli-no-file = { $file } does not exist
qca-cli-no-rows = the table has a header but no data rows
qca-cli-role-condition = a condition
qca-cli-role-outcome = the outcome
qca-cli-role-calibrated = the column to calibrate
qca-cli-role-in-expression = a set in the expression
qca-cli-role-factor = a factor
qca-cli-not-a-number = "{ $text }" is not a number
qca-cli-not-a-number-comma = "{ $text }" is not a number (the file uses a decimal point; a comma is not allowed)
qca-cli-not-a-number-point = "{ $text }" is not a number (the file uses a decimal comma; a point is not allowed)
qca-cli-set-needs-numbers = { $problem }; { $name } is { $role } and must hold numbers
qca-cli-set-needs-numbers-only-text = { $problem }; { $name } is { $role } and must hold numbers, but the column holds only text
qca-cli-set-empty-cell = empty cell; { $name } is { $role } and needs a number for every case
qca-cli-mixed-column = { $numbers ->
    [one] { $problem } (the column also holds { $numbers } number, so it is read as a column of numbers)
   *[other] { $problem } (the column also holds { $numbers } numbers, so it is read as a column of numbers)
}
qca-cli-column-exists = the table already has a column named "{ $name }"
qca-cli-column-no-name = a new column needs a name

## Errors in options
qca-cli-option-not-a-number = { $option }: "{ $value }" is not a number
qca-cli-option-not-whole = { $option }: "{ $value }" is not a whole number
qca-cli-incl-cut-count = --incl-cut takes one or two values, not { $count }
qca-cli-include-bad = --include: "{ $value }" is not "?" or "C"
qca-cli-maxstep-count = --maxstep takes three numbers, e.g. 3,4,10 (not { $count })
qca-cli-retention-type = --type: "{ $value }" is not corruption or deletion
qca-cli-retention-pert = give exactly one of --n-pert (dependent perturbations) or --p-pert (independent perturbations)
qca-cli-calibrate-no-method = give --method (e.g. "fuzzy:e=350,c=550,i=900") or --find-thresholds N
qca-cli-out-needs-method = --out writes a calibrated column: give --method, not --find-thresholds
qca-cli-out-csv = --out writes CSV; give a file name ending in .csv
qca-cli-out-is-input = --out is the input file; choose another file so that the data stay as they are
qca-cli-json = writing JSON failed: { $detail }
qca-cli-case-numbers = column { $column } holds the numbers 1 to { $n }, one per case, and is used as a set (a condition with { $n } values). If these number the cases, give --case-column { $column }.
