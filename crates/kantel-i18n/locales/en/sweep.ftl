# Robustness sweeps (kantel_qca::sweep, kantel qca sweep).
qca-sweep-threads = could not start the worker threads: { $error }
qca-sweep-twice = { $name } is given twice in the sweep
qca-sweep-no-values = { $name } has no values to sweep
qca-sweep-bad-value = { $name }: { $value } is not a number
qca-sweep-ncut-integer = n.cut takes whole numbers of cases, not { $value }
qca-sweep-not-calibrated = { $name }: the set { $set } is not calibrated in this sweep; give its calibration (--calibrate "{ $set }=fuzzy:e=…,c=…,i=…")
qca-sweep-no-anchor = { $name }: the calibration { $calibration } has no such anchor (e, c and i for fuzzy calibrations, t1, t2, … for crisp thresholds)
qca-sweep-too-many = the grid has { $settings } settings, more than the budget of { $max }; raise --max-settings or use fewer values
qca-sweep-calibration-failed = calibrating { $set } with { $calibration } failed: { $error }
qca-sweep-no-initial-model = the initial setting gives no model, so there is nothing to compare
qca-sweep-no-tests = no other setting gave a solution to compare with

# kantel qca sweep (text output and options).
qca-sweep-cli-number = --vary { $name }: "{ $value }" is not a number
qca-sweep-cli-range = --vary { $name }: "{ $value }" is not a range; write from:to:step with a positive step (0.7:0.9:0.01) or a list (1,2,3)
qca-sweep-cli-parameter = --vary: unknown parameter "{ $name }"; use incl.cut, pri.cut, n.cut or SET.e, SET.c, SET.i, SET.t1 for an anchor of a set given with --calibrate
qca-sweep-cli-calibrate = --calibrate "{ $value }": write SET=METHOD, e.g. "DEVELOPED=fuzzy:e=400,c=550,i=900"
qca-sweep-cli-vary = --vary "{ $value }": write PARAMETER=VALUES, e.g. "incl.cut=0.7:0.9:0.01" or "n.cut=1,2,3"
qca-sweep-cli-no-vary = nothing to sweep: give at least one --vary (e.g. --vary incl.cut=0.7:0.9:0.01)
qca-sweep-cli-summary = Robustness sweep: { $total } settings ({ $models } with models, { $empty } without a positive row, { $failed } failed); initial setting { $initial }
qca-sweep-cli-col-parameter = parameter
qca-sweep-cli-col-values = values
qca-sweep-cli-col-initial = initial
qca-sweep-cli-col-range = range of the initial solution
qca-sweep-cli-range-note = Range: the values around the initial one, other parameters at their initial values, within which the solution (all its models) stays the same; * = the range reaches the end of the grid.
qca-sweep-cli-not-at-initial = -
qca-sweep-cli-models = Models ({ $n } distinct)
qca-sweep-cli-col-settings = settings
qca-sweep-cli-col-share = share
qca-sweep-cli-col-model = model
qca-sweep-cli-more-models = … and { $n } more models (--show-models, or --json for all)
qca-sweep-cli-models-note = * = a model of the initial setting; share = of the settings with models; per parameter the range within which the model stays a model.
qca-sweep-cli-terms = Terms (* = in every model of the initial setting; robust = in every model of every setting with models)
qca-sweep-cli-col-term = term
qca-sweep-cli-col-in-all = in all models
qca-sweep-cli-col-in-some = in some model
qca-sweep-cli-col-robust = robust
qca-sweep-cli-yes = yes
qca-sweep-cli-fit = Robustness fit of the initial solution { $model } against all { $tests } test solutions (every model of every other setting)
qca-sweep-cli-fit-note = RF_cov, RF_cons: coverage and consistency of the robust core relative to the initial solution; RF_SC: overlap of the initial solution with the intersection (minTS) and the union (maxTS) of the test solutions. Cons.Suf, Cov.Suf, PRI: fit of the robust core.
qca-sweep-cli-cases = Cases (SetMethods' rob.cases: initial solution IS against the intersection of the test solutions TS)
qca-sweep-cli-group-S1S2Y = robust typical (IS*TS, Y > 0.5)
qca-sweep-cli-group-S1S2y = robust deviant (IS*TS, Y < 0.5)
qca-sweep-cli-group-S1s2Y = shaky typical (IS*~TS, Y > 0.5)
qca-sweep-cli-group-S1s2y = shaky deviant (IS*~TS, Y < 0.5)
qca-sweep-cli-group-s1S2Y = possible typical (~IS*TS, Y > 0.5)
qca-sweep-cli-group-s1S2y = possible deviant (~IS*TS, Y < 0.5)
qca-sweep-cli-group-s1s2Y = extreme deviant coverage (~IS*~TS, Y > 0.5)
qca-sweep-cli-group-s1s2y = irrelevant (~IS*~TS, Y < 0.5)
qca-sweep-cli-failed = { $n } settings failed, the first at { $first }: { $reason }
qca-sweep-cli-more-reasons = … and { $n } other reasons (--json lists every setting)
qca-tt-recut-edited = a truth table with edits cannot take other cut-offs; build it again from the data

# The study file's [analysis.robustness].
study-robustness-not-analysed = { $set } is not the outcome or a condition of the analysis
study-robustness-not-calibrated = { $set } has no [calibration.{ $set }] whose anchors could move
study-robustness-anchor = anchor "{ $anchor }" is not an anchor of this calibration: exclusion, crossover or inclusion for fuzzy calibrations, threshold1, threshold2, … for crisp ones
study-robustness-values = give the anchor's values as a list of numbers (values = [3.2, 3.45, 3.7])
study-robustness-too-many = the sweep has { $settings } settings, more than max_settings = { $max }; raise max_settings or give fewer values

# The report's robustness section.
report-section-robuustheid = Robustness
report-rob-intro = The analysis (its parsimonious solution) was repeated at every combination of the settings below (other calibration anchors and cut-offs), with every model of every run recorded. A term is robust when it is in every model of every setting that gave a solution.
report-rob-settings = { $total } settings: { $models } with a solution, { $empty } without a positive configuration, { $failed } failed; { $distinct } different models.
report-rob-anchor = { $set }: { $anchor }
report-rob-anchor-e = exclusion anchor
report-rob-anchor-c = crossover
report-rob-anchor-i = inclusion anchor
report-rob-anchor-t1 = threshold 1
report-rob-anchor-t2 = threshold 2
report-rob-anchor-t3 = threshold 3
report-rob-not-initial = –
report-rob-axes-caption = What was varied
report-rob-col-parameter = Setting
report-rob-col-values = Values
report-rob-col-initial = Initial
report-rob-col-range = Range of the initial solution
report-rob-range-note = Range: the values around the initial one (the other settings at their initial values) within which the solution stays exactly the same; * means the range reaches the edge of what was tried.
report-rob-planted-title = The planted terms
report-rob-planted-robust = { $term } is robust: it is in every model of every setting.
report-rob-planted-partly = { $term } is not robust: it is in every model in { $share } of the settings.
report-rob-planted-some = { $term } is not robust: it is in some models only ({ $share } of the settings).
report-rob-planted-never = { $term } is in no model of any setting.
report-rob-terms-caption = Terms across all settings (* = in every model of the initial setting)
report-rob-col-term = Term
report-rob-col-in-all = In every model
report-rob-col-robust = Robust
report-rob-yes = yes
report-rob-no = no
report-rob-terms-note = The { $listed } most frequent of { $all } terms; per setting the range within which the term stays in every model.
report-rob-fit-title = Robustness fit
report-rob-fit-intro = The initial solution { $model } against all { $tests } test solutions (every model of every other setting).
report-rob-core-incl = core inclS
report-rob-core-cov = core covS
report-rob-core-pri = core PRI
report-rob-fit-note = The robust core is what the initial solution and every test solution share. RF_cov and RF_cons compare its coverage and consistency with the initial solution's (1 = no loss); RF_SC_minTS and RF_SC_maxTS measure the overlap of the initial solution with the intersection and the union of the test solutions (SetMethods' rob.fit, over all test solutions).
report-rob-cases-title = Municipalities by robustness
report-rob-col-type = Type
report-rob-col-municipalities = Municipalities
report-rob-ratios = Robustness case ratios: RCR_typ { $typ }, RCR_dev { $dev }, RCC_Rank { $rank } (1 = no shaky and no possible cases, 4 = both).
report-rob-xy-caption = Each point is a municipality (highlighted: outcome above 0.5). Below the diagonal on the right are the shaky cases: members of the initial solution that some test solution loses.
report-rob-failed = { $n } settings failed: { $reason }

# The report's ESA and case-selection sections.
report-section-esa = Enhanced standard analysis
report-esa-intro = Remainders (configurations no municipality has) that the parsimonious and intermediate solutions may not assume sufficient: those lacking a necessary condition, declared impossible, or assumed both for the outcome and for its absence. They are excluded and the truth table is minimized again (Schneider & Wagemann's enhanced standard analysis).
report-esa-necessary = Necessary conditions found (inclN ≥ the plan's cut-off, RoN ≥ 0.5): { $conditions }.
report-esa-nothing = No remainder had to be excluded: the solutions stand as they are.
report-esa-excluded-caption = Excluded remainders
report-esa-col-reason = Why
report-esa-col-rows = Configurations
report-esa-changes-caption = Solutions before and after
report-esa-col-solution = Solution
report-esa-col-before = Standard analysis
report-esa-col-after = Enhanced
report-esa-col-changed = Changed
report-esa-dropped = without { $terms }
report-esa-added = with { $terms }
report-section-casusselectie = Case selection
report-cases-intro = Which municipalities to study in depth (set-theoretic multi-method research, SetMethods' smmr): typical cases show how a term works, deviant cases in kind (the term holds, the outcome does not) where it fails, deviant cases in coverage (the outcome without any term) what the solution misses.
report-cases-solution = For the solution { $solution }:
report-cases-terms-caption = Typical and deviant municipalities per term
report-cases-col-term = Term
report-cases-col-typical = Typical
report-cases-col-most-typical = Most typical
report-cases-col-unique = Uniquely covered typical
report-cases-col-deviant = Deviant in kind
report-cases-visit-typical = Most typical for the solution
report-cases-visit-deviant = Deviant in kind (term holds, outcome does not)
report-cases-visit-coverage = Deviant in coverage (outcome without a term)
report-cases-pairs-caption = Pairs to compare: a typical and the most similar deviant municipality
report-cases-col-typical-case = Typical
report-cases-col-deviant-case = Deviant
report-cases-note = Rankings as in SetMethods (cases.suf.typ.most, matches.suf.typdcn); `kantel qca cases` lists all types, all pairs and their scores.

# kantel demo: the planted terms in the robustness sweep.
cli-demo-sweep = robustness ({ $settings } settings): { $verdict }
cli-demo-robust = { $term } is robust (in every model of every setting)
cli-demo-not-robust = { $term } is not robust (in every model in { $share } of the settings)
cli-demo-never = { $term } is in no model of any setting
qca-sweep-cli-incomplete = { $n } settings have more models than were recorded; the comparison uses those recorded (raise --max-models)
qca-sweep-all-failed = all { $n } settings failed; the first reason: { $reason }
