## Enhanced standard analysis and theory evaluation (kantel qca esa, kantel qca theory)

qca-esa-reason = { $rule ->
    [necessary_condition] lacks the necessary condition { $expression }
    [necessary_condition_found] lacks the condition { $expression }, found necessary
    [impossible] impossible configuration { $expression }
    [contradictory_simplifying_assumption] contradictory simplifying assumption
   *[other] simultaneous subset relation
}
qca-esa-bad-expression = { $option } { $expression }: { $detail }
qca-esa-empty-expression = { $option } { $expression }: the expression is empty (every term contradicts itself)
qca-esa-unknown-condition = { $option } { $expression }: { $name } is not a condition of the truth table (conditions: { $known })
qca-esa-no-rules = no rule given (--necessary, --impossible, --auto-necessary or --contradictory): the enhanced solutions are the standard ones
qca-esa-nothing-excluded = no remainder is excluded: the enhanced solutions are the standard ones
qca-esa-title = Enhanced standard analysis for { $outcome }
qca-esa-auto-found = Necessary conditions found (inclN at least { $incl }, RoN at least { $ron }): { $conditions }
qca-esa-group = { $reason }: { $count ->
    [0] no rows
    [one] 1 row
   *[other] { $count } rows
}
qca-esa-group-negation = rows in { $negation }
qca-esa-excluded-total = Excluded in total: { $count ->
    [0] no rows
    [one] 1 row
   *[other] { $count } rows
}
qca-esa-col-reason = reason
qca-esa-col-configuration = configuration
qca-esa-summary = Solutions, standard and enhanced
qca-esa-col-solution = solution
qca-esa-col-standard = standard
qca-esa-col-enhanced = enhanced
qca-esa-col-changed = changed
qca-esa-yes = yes
qca-esa-no = no
qca-esa-terms-dropped = terms dropped: { $terms }
qca-esa-terms-added = terms added: { $terms }
qca-esa-standard = Standard analysis
qca-esa-enhanced = Enhanced analysis
qca-esa-after-failed = no enhanced solution: { $reason }
qca-esa-solution-name = { $solution ->
    [conservative] conservative
    [parsimonious] parsimonious
   *[other] intermediate { $from }
}
qca-esa-theory-title = Theory evaluation of { $outcome }: theory { $theory }
qca-esa-theory-model = Model { $name }
qca-esa-theory-cases = Cases in each intersection (membership above 0.5)
qca-esa-theory-cell = { $code ->
    [TEY] covered most likely (model*theory, { $outcome } above 0.5)
    [tEY] covered least likely (model*~theory, { $outcome } above 0.5)
    [TeY] uncovered most likely (~model*theory, { $outcome } above 0.5)
    [teY] uncovered least likely (~model*~theory, { $outcome } above 0.5)
    [TEy] inconsistent most likely (model*theory, { $outcome } below 0.5)
    [tEy] inconsistent least likely (model*~theory, { $outcome } below 0.5)
    [Tey] consistent most likely (~model*theory, { $outcome } below 0.5)
    [tey] consistent least likely (~model*~theory, { $outcome } below 0.5)
   *[other] { $intersection }, { $outcome } exactly 0.5
}: { $count } of { $total }
qca-esa-more-rows = … and { $count } more rows (all of them with --json)
