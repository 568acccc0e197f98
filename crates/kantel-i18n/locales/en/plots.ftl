# kantel plots (en): the SVG plots of crates/kantel-report/src/plots.rs and `kantel qca … --svg`
# (prefix qca-plots-). R terms (inclS, covS, covU, OUT, incl.cut, n.cut) stay as they are.

## Robustness over a threshold range
qca-plots-range-aria = Robustness over { $parameter }: { $solutions ->
    [one] one solution
   *[other] { $solutions } different solutions
} over { $values } tested values
qca-plots-range-initial = initial value
qca-plots-range-stable = solution unchanged
qca-plots-range-no-solution = no solution
qca-plots-range-fit = fit

## XY plot with case types
qca-plots-xy-aria = XY plot of { $x } (horizontal) and { $y } (vertical) with { $cases } cases, marked by case type
qca-plots-type-typical = typical
qca-plots-type-deviant-degree = deviant consistency in degree
qca-plots-type-deviant-kind = deviant consistency in kind
qca-plots-type-deviant-coverage = deviant coverage
qca-plots-type-irrelevant = individually irrelevant
qca-plots-type-robust-typical = robust typical
qca-plots-type-robust-deviant = robust deviant
qca-plots-type-shaky-typical = shaky typical
qca-plots-type-shaky-deviant = shaky deviant
qca-plots-type-possible-typical = possible typical
qca-plots-type-possible-deviant = possible deviant
qca-plots-type-extreme-deviant = extreme deviant coverage
qca-plots-type-robust-irrelevant = irrelevant
qca-plots-type-unclassified = on 0.5 (no type)
qca-plots-type-case = case
qca-plots-zone-robust = IS·TS: robust
qca-plots-zone-shaky = IS·~TS: shaky
qca-plots-zone-possible = ~IS·TS: possible
qca-plots-zone-extreme = ~IS·~TS

## Configuration chart
qca-plots-chart-aria = Configuration chart of { $terms ->
    [one] one term
   *[other] { $terms } terms
} over { $conditions } conditions
qca-plots-chart-consistency = Consistency (inclS)
qca-plots-chart-raw-coverage = Raw coverage (covS)
qca-plots-chart-unique-coverage = Unique coverage (covU)
qca-plots-chart-solution-consistency = Solution consistency
qca-plots-chart-solution-coverage = Solution coverage
qca-plots-chart-present = present
qca-plots-chart-absent = absent
qca-plots-chart-core = core condition
qca-plots-chart-peripheral = peripheral condition
qca-plots-chart-key-core = large: core condition
qca-plots-chart-key-peripheral = small: peripheral condition
qca-plots-chart-blank = blank: not in the term

## Venn diagram
qca-plots-venn-aria = Venn diagram of the truth table of { $sets } sets ({ $names }), regions coloured and labelled by output value
qca-plots-venn-cases = { $n ->
    [one] 1 case
   *[other] { $n } cases
}
qca-plots-venn-out-one = outcome (positive)
qca-plots-venn-out-zero = no outcome (negative)
qca-plots-venn-out-contradiction = contradiction
qca-plots-venn-out-remainder = remainder
qca-plots-venn-key-count = In brackets: the number of cases in the configuration.
qca-plots-venn-too-many = a Venn diagram shows 1 to { $max } sets, not { $sets }: choose at most { $max } conditions with --conditions
qca-plots-venn-bad-region = a Venn region has { $got } memberships for { $sets } sets

## kantel qca … --svg
qca-plots-write-failed = cannot write the plot to { $file } (--svg): { $error }
qca-plots-venn-multi-value = a Venn diagram shows crisp and fuzzy sets; { $condition } is multi-value
qca-plots-fit-one-expression = --svg plots one expression: give exactly one --expression (now { $count })
qca-plots-no-model = --svg: the minimization has no model to chart
qca-plots-chart-title = Configuration chart: { $model } → { $outcome }
qca-plots-xy-title = XY plot: { $x } and { $y }
qca-plots-venn-title = Venn diagram of the truth table for { $outcome }
