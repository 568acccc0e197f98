# Casusselectie en paneldiagnostiek (nl): de module cases van kantel-qca (prefix qca-cases-) en
# `kantel qca cases` / `kantel qca cluster` (prefix qca-cases-cli-). Sleutels zijn gedeeld door beide
# talen; zie crates/kantel-i18n/src/lib.rs. Namen uit R en SetMethods (Best, X, Y, dBP, dWP, POCOS,
# BECOS, WICONS) blijven zoals ze zijn.

## Fouten van de engine
qca-cases-raw-condition = conditie { $name } bevat ruwe waarden; kalibreer haar voordat je casussen selecteert
qca-cases-panel-length = de panellabels passen niet bij de casussen: { $units } eenheden en { $periods } perioden voor { $cases } casussen
qca-cases-panel-empty = het panel heeft geen casussen
qca-cases-panel-duplicate = eenheid { $unit } komt twee keer voor in periode { $period } (casussen { $first } en { $second }); elke eenheid mag één keer per periode voorkomen

## kantel qca cases
qca-cases-cli-header = Casusselectie: uitkomst { $outcome }, oplossing { $solution } ({ $source })
qca-cases-cli-source-expression = gegeven met --expression
qca-cases-cli-source-model = model { $model } van { $count } van de { $solution ->
    [intermediate] intermediaire oplossing { $from }
    [parsimonious] spaarzame oplossing
   *[conservative] conservatieve oplossing
}
qca-cases-cli-no-model = de minimalisatie geeft geen model om casussen voor te selecteren; verlaag --incl-cut of geef de oplossing met --expression
qca-cases-cli-model-range = --model { $model }: de gerapporteerde oplossing heeft { $count } { $count ->
    [one] model
   *[other] modellen
}
qca-cases-cli-rows = rijen van de waarheidstabel over: { $conditions }
qca-cases-cli-term = Term { $term }
qca-cases-cli-solution = Oplossing { $solution }
qca-cases-cli-counts = typisch { $typical }; afwijkend in consistentie naar graad { $degree }; afwijkend in consistentie naar soort { $kind }; afwijkend in dekking { $coverage }; individueel irrelevant { $irrelevant }; op het omslagpunt { $crossover }
qca-cases-cli-most-typical = meest typisch: { $cases }
qca-cases-cli-uniquely-covered = uniek gedekte typische casussen: { $cases }
qca-cases-cli-typical = Typische casussen (X > 0,5, Y > 0,5, X ≤ Y; Best = 2(Y − X) + (1 − X), lager is typischer)
qca-cases-cli-kind = Casussen afwijkend in consistentie naar soort (X > 0,5, Y < 0,5; Best = 1 − (X − Y) + (1 − X), lager is afwijkender)
qca-cases-cli-degree = afwijkend in consistentie naar graad (X > Y > 0,5): { $cases }
qca-cases-cli-coverage = afwijkend in dekking (X < 0,5 < Y): { $cases }
qca-cases-cli-irrelevant = individueel irrelevant (X < 0,5, Y < 0,5): { $cases }
qca-cases-cli-crossover = op het omslagpunt (X of Y precies 0,5, geen type): { $cases }
qca-cases-cli-dcv-rows = Casussen afwijkend in dekking per rij van de waarheidstabel (W: lidmaatschap van de rij; Best = 1 − W)
qca-cases-cli-iir-rows = Individueel irrelevante casussen per rij van de waarheidstabel
qca-cases-cli-col-case = casus
qca-cases-cli-col-most = meest
qca-cases-cli-col-unique = uniek
qca-cases-cli-col-row = rij
qca-cases-cli-col-consistent = consistent
qca-cases-cli-pairs = Paren om te vergelijken (hoogstens { $max } per lijst; Best: lager is een betere match)
qca-cases-cli-flags-legend = kenmerken eerste/tweede: M meest typisch, F meest typisch voor de focale conjunct, U uniek gedekt, K focale conjunct ≤ Y, D meest afwijkend, G buiten de hele oplossing, C rij consistent
qca-cases-cli-pairs-typ-dcn = Typisch × afwijkend in consistentie naar soort, term { $group }: { $shown } van { $total } { $total ->
    [one] paar
   *[other] paren
}
qca-cases-cli-pairs-dcv-iir = Afwijkend in dekking × individueel irrelevant, rij { $group }: { $shown } van { $total } { $total ->
    [one] paar
   *[other] paren
}
qca-cases-cli-pairs-typ-typ = Typisch × typisch, term { $group }: { $shown } van { $total } { $total ->
    [one] paar
   *[other] paren
}
qca-cases-cli-pairs-typ-iir = Typisch × individueel irrelevant, term { $group }: { $shown } van { $total } { $total ->
    [one] paar
   *[other] paren
}
qca-cases-cli-pairs-typ-typ-fc = Typisch × typisch, term { $group }, focale conjunct { $focal }: { $shown } van { $total } { $total ->
    [one] paar
   *[other] paren
}
qca-cases-cli-pairs-typ-iir-fc = Typisch × individueel irrelevant, term { $group }, focale conjunct { $focal }: { $shown } van { $total } { $total ->
    [one] paar
   *[other] paren
}
qca-cases-cli-focal = Typische casussen voor focale conjunct { $focal } (Best = 2|Y − focaal| + (1 − X); rang 1: de focale conjunct bepaalt X)
qca-cases-cli-col-focal = focaal
qca-cases-cli-col-other = overig
qca-cases-cli-col-rank = rang
qca-cases-cli-col-typical = typisch
qca-cases-cli-col-deviant = afwijkend
qca-cases-cli-col-coverage = afwijkend in dekking
qca-cases-cli-col-irrelevant = irrelevant
qca-cases-cli-col-typical1 = typisch 1
qca-cases-cli-col-typical2 = typisch 2
qca-cases-cli-col-flags = kenmerken

## kantel qca cluster
qca-cases-cli-empty-label = kolom { $column } ({ $option }) heeft een lege cel; elke rij heeft een eenheid en een periode nodig
qca-cases-cli-panel-duplicate = eenheid { $unit } komt twee keer voor in periode { $period } (eerst op regel { $line }); elke eenheid mag één keer per periode voorkomen
qca-cases-cli-label-as-set = kolom { $column } is de eenheid- of periodekolom en kan geen verzameling in de expressie of de uitkomst zijn
qca-cases-cli-cluster-header = Paneldiagnostiek: uitkomst { $outcome }, oplossing { $solution }; { $units } { $units ->
    [one] eenheid
   *[other] eenheden
}, { $periods } { $periods ->
    [one] periode
   *[other] perioden
}
qca-cases-cli-pooled = gepoold (POCOS): consistentie { $consistency }, dekking { $coverage }
qca-cases-cli-distances = dBP { $dbp } (tussen perioden t.o.v. gepoold), dWP { $dwp } (binnen eenheden t.o.v. gepoold)
qca-cases-cli-between = Tussen (BECOS), per periode
qca-cases-cli-within = Binnen (WICONS), per eenheid
qca-cases-cli-col-period = periode
qca-cases-cli-col-unit = eenheid
qca-cases-cli-col-consistency = consistentie
qca-cases-cli-col-coverage-fit = dekking
