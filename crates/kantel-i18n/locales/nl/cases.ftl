# Casusselectie en paneldiagnostiek (nl): de module cases van kantel-qca (prefix qca-cases-) en
# `kantel qca cases` / `kantel qca cluster` (prefix qca-cases-cli-). Sleutels zijn gedeeld door beide
# talen; zie crates/kantel-i18n/src/lib.rs. Namen uit R en SetMethods (Best, X, Y, dBP, dWP, POCOS,
# BECOS, WICONS) blijven zoals ze zijn.

## Fouten van de engine
qca-cases-raw-condition = conditie { $name } bevat ruwe waarden; kalibreer haar voordat je casussen selecteert
qca-cases-panel-length = de panellabels passen niet bij de casussen: { $units } eenheden en { $periods } perioden voor { $cases } casussen
qca-cases-panel-empty = het panel heeft geen casussen
qca-cases-panel-duplicate = eenheid { $unit } komt twee keer voor in periode { $period } (casussen { $first } en { $second }); elke eenheid mag één keer per periode voorkomen
