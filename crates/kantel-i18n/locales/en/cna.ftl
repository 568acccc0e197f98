## Coincidence analysis: cna 4.0 options and fit-robustness scores (cna.rs, qca_cna.rs)

qca-cna-unknown-measure = "{ $measure }" is not a measure of cna; choose one of: { $measures }, or a number 1-8
qca-cna-notcols-multi-value = --notcols (cna's notcols) does not apply to multi-value data: name the outcome value, e.g. --outcome "B=0"
qca-cna-notcols-unknown = factor "{ $name }" of --notcols is not in the data (factors: { $factors })
qca-cna-exclude-syntax = --exclude "{ $rule }" needs factor values, an arrow and an outcome, e.g. "A,c -> B"
qca-cna-exclude-unknown = --exclude "{ $rule }": "{ $value }" is not a factor value of the data (factors: { $factors })
qca-cna-fr-empty-grid = --fr-grid names no threshold
qca-cna-fr-too-many-runs = the fit-robustness series would run { $runs } analyses ({ $values } thresholds squared), more than --fr-max-runs { $max }; use fewer thresholds or raise --fr-max-runs
qca-cna-fr-thread-failed = an analysis of the fit-robustness series failed in its thread
qca-cna-cli-measures-count = --measures needs two measures (sufficiency, necessity), not { $count }
qca-cna-cli-bad-choice = { $option } "{ $value }" is not one of: { $choices }
qca-cna-cli-not-a-number = { $option }: "{ $value }" is not a number
qca-cna-cli-fr-fixed = { $option } cannot be given with --fr-grid: the series varies con and cov (and con.msc follows con)
qca-cna-cli-fr-title = Fit-robustness scores (frscore)
qca-cna-cli-fr-settings = { $runs } analyses over the thresholds { $grid } (con × cov); { $types } model types, { $scored } scored
qca-cna-cli-fr-excluded = { $excluded } model types were not scored (--fr-max-sols { $max })
qca-cna-cli-fr-more = … { $more } more model types (--fr-top, or --json for all)
qca-cna-cli-fr-warned-runs = { $runs } analyses of the series gave warnings (budgets reached); --json lists them per analysis
qca-cna-cli-measures = con is { $con }, cov is { $cov } (--measures)
