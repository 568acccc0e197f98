# Case selection and panel diagnostics (en): kantel-qca's cases module (prefix qca-cases-) and
# `kantel qca cases` / `kantel qca cluster` (prefix qca-cases-cli-). Keys are shared by both
# languages; see crates/kantel-i18n/src/lib.rs. R's and SetMethods' names (Best, X, Y, dBP, dWP,
# POCOS, BECOS, WICONS) stay as they are.

## Engine errors
qca-cases-raw-condition = condition { $name } holds raw values; calibrate it before selecting cases
qca-cases-panel-length = the panel labels do not match the cases: { $units } units and { $periods } periods for { $cases } cases
qca-cases-panel-empty = the panel has no cases
qca-cases-panel-duplicate = unit { $unit } appears twice in period { $period } (cases { $first } and { $second }); each unit may appear once per period
