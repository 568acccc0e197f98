# Case selection and panel diagnostics (en): kantel-qca's cases module (prefix qca-cases-) and
# `kantel qca cases` / `kantel qca cluster` (prefix qca-cases-cli-). Keys are shared by both
# languages; see crates/kantel-i18n/src/lib.rs. R's and SetMethods' names (Best, X, Y, dBP, dWP,
# POCOS, BECOS, WICONS) stay as they are.

## Engine errors
qca-cases-raw-condition = condition { $name } holds raw values; calibrate it before selecting cases
qca-cases-panel-length = the panel labels do not match the cases: { $units } units and { $periods } periods for { $cases } cases
qca-cases-panel-empty = the panel has no cases
qca-cases-panel-duplicate = unit { $unit } appears twice in period { $period } (cases { $first } and { $second }); each unit may appear once per period

## kantel qca cases
qca-cases-cli-header = Case selection: outcome { $outcome }, solution { $solution } ({ $source })
qca-cases-cli-source-expression = given with --expression
qca-cases-cli-source-model = model { $model } of { $count } of the { $solution ->
    [intermediate] intermediate solution { $from }
    [parsimonious] parsimonious solution
   *[conservative] conservative solution
}
qca-cases-cli-no-model = the minimization gives no model to select cases for; lower --incl-cut or give the solution with --expression
qca-cases-cli-model-range = --model { $model }: the reported solution has { $count } { $count ->
    [one] model
   *[other] models
}
qca-cases-cli-rows = truth-table rows over: { $conditions }
qca-cases-cli-term = Term { $term }
qca-cases-cli-solution = Solution { $solution }
qca-cases-cli-counts = typical { $typical }; deviant consistency in degree { $degree }; deviant consistency in kind { $kind }; deviant coverage { $coverage }; individually irrelevant { $irrelevant }; crossover { $crossover }
qca-cases-cli-most-typical = most typical: { $cases }
qca-cases-cli-uniquely-covered = uniquely covered typical cases: { $cases }
qca-cases-cli-typical = Typical cases (X > 0.5, Y > 0.5, X ≤ Y; Best = 2(Y − X) + (1 − X), lower is more typical)
qca-cases-cli-kind = Deviant cases consistency in kind (X > 0.5, Y < 0.5; Best = 1 − (X − Y) + (1 − X), lower is more deviant)
qca-cases-cli-degree = deviant consistency in degree (X > Y > 0.5): { $cases }
qca-cases-cli-coverage = deviant coverage (X < 0.5 < Y): { $cases }
qca-cases-cli-irrelevant = individually irrelevant (X < 0.5, Y < 0.5): { $cases }
qca-cases-cli-crossover = on the crossover (X or Y exactly 0.5, no type): { $cases }
qca-cases-cli-dcv-rows = Deviant coverage cases by truth-table row (W: membership in the row; Best = 1 − W)
qca-cases-cli-iir-rows = Individually irrelevant cases by truth-table row
qca-cases-cli-col-case = case
qca-cases-cli-col-most = most
qca-cases-cli-col-unique = unique
qca-cases-cli-col-row = row
qca-cases-cli-col-consistent = consistent
qca-cases-cli-pairs = Pairs for comparison (at most { $max } per list; Best: lower is a better match)
qca-cases-cli-flags-legend = flags first/second: M most typical, F most typical for the focal conjunct, U uniquely covered, K focal conjunct ≤ Y, D most deviant, G outside the whole solution, C row consistent
qca-cases-cli-pairs-typ-dcn = Typical × deviant consistency in kind, term { $group }: { $shown } of { $total } { $total ->
    [one] pair
   *[other] pairs
}
qca-cases-cli-pairs-dcv-iir = Deviant coverage × individually irrelevant, row { $group }: { $shown } of { $total } { $total ->
    [one] pair
   *[other] pairs
}
qca-cases-cli-pairs-typ-typ = Typical × typical, term { $group }: { $shown } of { $total } { $total ->
    [one] pair
   *[other] pairs
}
qca-cases-cli-pairs-typ-iir = Typical × individually irrelevant, term { $group }: { $shown } of { $total } { $total ->
    [one] pair
   *[other] pairs
}
qca-cases-cli-pairs-typ-typ-fc = Typical × typical, term { $group }, focal conjunct { $focal }: { $shown } of { $total } { $total ->
    [one] pair
   *[other] pairs
}
qca-cases-cli-pairs-typ-iir-fc = Typical × individually irrelevant, term { $group }, focal conjunct { $focal }: { $shown } of { $total } { $total ->
    [one] pair
   *[other] pairs
}
qca-cases-cli-focal = Typical cases for focal conjunct { $focal } (Best = 2|Y − focal| + (1 − X); rank 1: the focal conjunct sets X)
qca-cases-cli-col-focal = focal
qca-cases-cli-col-other = other
qca-cases-cli-col-rank = rank
qca-cases-cli-col-typical = typical
qca-cases-cli-col-deviant = deviant
qca-cases-cli-col-coverage = deviant coverage
qca-cases-cli-col-irrelevant = irrelevant
qca-cases-cli-col-typical1 = typical 1
qca-cases-cli-col-typical2 = typical 2
qca-cases-cli-col-flags = flags

## kantel qca cluster
qca-cases-cli-empty-label = column { $column } ({ $option }) has an empty cell; every row needs a unit and a period
qca-cases-cli-panel-duplicate = unit { $unit } appears twice in period { $period } (first on line { $line }); each unit may appear once per period
qca-cases-cli-label-as-set = column { $column } is the unit or period column and cannot be a set in the expression or the outcome
qca-cases-cli-cluster-header = Panel diagnostics: outcome { $outcome }, solution { $solution }; { $units } { $units ->
    [one] unit
   *[other] units
}, { $periods } { $periods ->
    [one] period
   *[other] periods
}
qca-cases-cli-pooled = pooled (POCOS): consistency { $consistency }, coverage { $coverage }
qca-cases-cli-distances = dBP { $dbp } (between periods vs pooled), dWP { $dwp } (within units vs pooled)
qca-cases-cli-between = Between (BECOS), per period
qca-cases-cli-within = Within (WICONS), per unit
qca-cases-cli-col-period = period
qca-cases-cli-col-unit = unit
qca-cases-cli-col-consistency = consistency
qca-cases-cli-col-coverage-fit = coverage
