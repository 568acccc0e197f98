# kantel qca messages (nl). Keys are shared by both languages; see crates/kantel-i18n/src/lib.rs.
# Tekstuitvoer, opmerkingen en fouten van de commando's `kantel qca …` (crates/kantel-cli, prefix qca-cli-).
# R's kolomnamen (inclS, PRI, covS, covU, inclN, RoN, covN, OUT, n, incl, cases), R-notatie,
# R-termen (incl.cut, n.cut, asf, csf) en optienamen blijven zoals ze zijn.

## Regels rond elke uitvoer
# De regel waarmee `kantel` een mislukt commando meldt (elk commando, niet alleen qca).
qca-cli-error = fout: { $message }
qca-cli-warning = waarschuwing: { $message }
qca-cli-note = opmerking: { $message }
qca-cli-none = geen
qca-cli-left-out = tekstkolommen overgeslagen (ze bevatten geen getallen): { $columns }

## Waarheidstabel (de legenda staat naast R's kolomnamen OUT, n, incl en PRI)
qca-cli-tt-legend-out = uitkomstwaarde
qca-cli-tt-legend-n = aantal gevallen in de configuratie
qca-cli-tt-legend-incl = consistentie (sufficiëntie-inclusie)
qca-cli-tt-legend-pri = proportionele reductie in inconsistentie
qca-cli-tt-settings = uitkomst { $outcome }; incl.cut { $incl }; pri.cut { $pri }; n.cut { $n }
qca-cli-tt-settings-contradiction = uitkomst { $outcome }; incl.cut { $incl }, { $incl0 }; pri.cut { $pri }; n.cut { $n }

## Oplossingen (kantel qca minimize)
qca-cli-solution-conservative = Conservatieve oplossing
qca-cli-solution-parsimonious = Spaarzame oplossing
qca-cli-solution-intermediate = Intermediaire oplossing { $from }
qca-cli-minimum-proved = minimaal { $terms } { $terms ->
    [one] term
   *[other] termen
} (bewezen)
qca-cli-minimum-bounds = minimum niet bewezen: tussen { $lower } en { $upper } termen
qca-cli-model-count = { $count ->
    [one] 1 model
   *[other] { $count } modellen
}{ $listed ->
    [0] {""}
   *[other] , { $listed } getoond
}
qca-cli-model-count-at-least = ten minste { $count ->
    [one] { $count } model
   *[other] { $count } modellen
}, { $listed } getoond
qca-cli-best-model-listed = het beste gevonden model ({ $terms } termen) wordt getoond
qca-cli-models-capped = LET OP: het maximum aantal modellen is bereikt; er bestaan meer modellen.
qca-cli-easy-counterfactuals = makkelijke contrafeitelijken (rijen): { $rows }
qca-cli-difficult-counterfactuals = moeilijke contrafeitelijken (rijen): { $rows }
qca-cli-easy-counterfactuals-by-term = makkelijke contrafeitelijken: { $count } configuraties, te veel om op te sommen (--list-assumptions somt er tot { $max } op); per term: { $terms }
qca-cli-difficult-counterfactuals-by-term = moeilijke contrafeitelijken: { $count } configuraties, te veel om op te sommen (--list-assumptions somt er tot { $max } op); per term: { $terms }

## Fit en noodzakelijkheid
qca-cli-fit-outcome = uitkomst: { $outcome }
qca-cli-necessity-title = Noodzakelijkheid van elke conditie voor { $outcome }
qca-cli-necessity-found = Noodzakelijke expressies (incl.cut { $incl }, cov.cut { $cov }, ron.cut { $ron })
qca-cli-sufficiency-title = Voldoendheid van elke conditie voor { $outcome }
qca-cli-sufficiency-found = Voldoende expressies (incl.cut { $incl }, cov.cut { $cov }, pri.cut { $pri })
qca-cli-fit-sufficiency = Voldoendheid voor { $outcome } (->)
qca-cli-fit-necessity = Noodzakelijkheid voor { $outcome } (<-)
qca-cli-ron-cut-sufficiency = --ron-cut (minimale RoN) hoort bij zoeken naar noodzakelijkheid; gebruik bij --relation sufficiency --pri-cut (minimale PRI)
qca-cli-pri-cut-necessity = --pri-cut (minimale PRI) hoort bij zoeken naar voldoendheid (--relation sufficiency); zoeken naar noodzakelijkheid neemt --ron-cut (minimale RoN)

## Coincidence analysis (kantel qca cna)
qca-cli-cna-asf = Atomaire oplossingsformules (asf)
qca-cli-cna-csf = Complexe oplossingsformules (csf)

## Robuustheid en retentie
qca-cli-robustness-range = { $name } vanaf: { $threshold }, ondergrens: { $lower }, bovengrens: { $upper }
qca-cli-robustness-not-reached = niet bereikt
qca-cli-retention = kans dat de oplossing behouden blijft: { $p }

## Expressies (kantel qca expression)
qca-cli-expression-given = expressie: { $expression }
qca-cli-expression-negated = negatie: { $expression }
qca-cli-expression-simplified = vereenvoudigd: { $expression }
qca-cli-expression-factorization = factorisatie: { $expression }

## Kolommen en kalibratie (kantel qca columns, kantel qca calibrate)
qca-cli-cases = { $cases ->
    [one] { $cases } geval
   *[other] { $cases } gevallen
}
qca-cli-cases-named = { $cases ->
    [one] { $cases } geval (namen uit kolom "{ $column }")
   *[other] { $cases } gevallen (namen uit kolom "{ $column }")
}
qca-cli-header-case = geval
qca-cli-header-column = kolom
qca-cli-header-kind = soort
qca-cli-header-levels = niveaus
qca-cli-header-missing = ontbrekend
qca-cli-kind-crisp = crisp
qca-cli-kind-multi-value = multi-value
qca-cli-kind-fuzzy = fuzzy
qca-cli-kind-raw = ruw
qca-cli-kind-text = tekst
qca-cli-kind-empty = leeg
qca-cli-column-mixed = { $numbers ->
    [one] kolom "{ $column }" bevat { $numbers } getal, maar regel { $line } bevat "{ $text }"
   *[other] kolom "{ $column }" bevat { $numbers } getallen, maar regel { $line } bevat "{ $text }"
}
qca-cli-calibrated-written = kolom { $column } toegevoegd; de tabel met alle kolommen is geschreven naar { $file }

## Fouten in gegevensbestanden (de plaats, bestand, regel en kolom, staat ervoor)
qca-cli-no-file = { $file } bestaat niet
qca-cli-no-rows = de tabel heeft een kopregel maar geen rijen met gegevens
qca-cli-role-condition = een conditie
qca-cli-role-outcome = de uitkomst
qca-cli-role-calibrated = de kolom die gekalibreerd wordt
qca-cli-role-in-expression = een set in de expressie
qca-cli-role-factor = een factor
qca-cli-not-a-number = "{ $text }" is geen getal
qca-cli-not-a-number-comma = "{ $text }" is geen getal (het bestand gebruikt een decimale punt; een komma kan niet)
qca-cli-not-a-number-point = "{ $text }" is geen getal (het bestand gebruikt een decimale komma; een punt kan niet)
qca-cli-set-needs-numbers = { $problem }; { $name } is { $role } en moet getallen bevatten
qca-cli-set-needs-numbers-only-text = { $problem }; { $name } is { $role } en moet getallen bevatten, maar de kolom bevat alleen tekst
qca-cli-set-empty-cell = lege cel; { $name } is { $role } en heeft voor elk geval een getal nodig
qca-cli-mixed-column = { $numbers ->
    [one] { $problem } (de kolom bevat ook { $numbers } getal en wordt dus gelezen als kolom met getallen)
   *[other] { $problem } (de kolom bevat ook { $numbers } getallen en wordt dus gelezen als kolom met getallen)
}
qca-cli-column-exists = de tabel heeft al een kolom "{ $name }"
qca-cli-column-no-name = een nieuwe kolom heeft een naam nodig

## Fouten in opties
qca-cli-option-not-a-number = { $option }: "{ $value }" is geen getal
qca-cli-option-not-whole = { $option }: "{ $value }" is geen heel getal
qca-cli-incl-cut-count = --incl-cut heeft één of twee waarden, niet { $count }
qca-cli-include-bad = --include: "{ $value }" is geen "?" of "C"
qca-cli-maxstep-count = --maxstep heeft drie getallen, bijvoorbeeld 3,4,10 (niet { $count })
qca-cli-retention-type = --type: "{ $value }" is geen corruption of deletion
qca-cli-retention-pert = geef precies één van --n-pert (afhankelijke verstoringen) of --p-pert (onafhankelijke verstoringen)
qca-cli-calibrate-no-method = geef --method (bijvoorbeeld "fuzzy:e=350,c=550,i=900") of --find-thresholds N
qca-cli-out-needs-method = --out schrijft een gekalibreerde kolom: geef --method, niet --find-thresholds
qca-cli-out-csv = --out schrijft CSV; geef een bestandsnaam die op .csv eindigt
qca-cli-out-is-input = --out is het invoerbestand; kies een ander bestand, zodat de gegevens blijven zoals ze zijn
qca-cli-json = JSON schrijven mislukt: { $detail }
qca-cli-case-numbers = kolom { $column } bevat de getallen 1 tot en met { $n }, één per geval, en wordt als set gebruikt (een conditie met { $n } waarden). Zijn het volgnummers van de gevallen, geef dan --case-column { $column }.
