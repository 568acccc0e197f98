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
