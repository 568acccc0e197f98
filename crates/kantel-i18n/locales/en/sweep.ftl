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
