# engine messages (nl). Keys are shared by both languages; see crates/kantel-i18n/src/lib.rs.
# Fouten, waarschuwingen en opmerkingen van kantel-qca (prefix qca-) en kantel-stats (prefix stats-).
# R-termen (inclS, PRI, incl.cut, n.cut, prime implicant, …) en optienamen blijven zoals ze zijn.

## Soorten fouten (QcaError::msg zet de details hierin)

qca-error-data = gegevens: { $detail }
qca-error-calibration = kalibratie: { $detail }
qca-error-minimization = minimalisatie: { $detail }
qca-error-expression = expressie "{ $expression }", positie { $position }: { $detail }
qca-unknown-column = onbekende kolom "{ $name }" (bekende kolommen: { $known })

## Gegevenstabellen (data.rs)

qca-data-name-count = { $names } kolomnamen voor { $columns } kolommen
qca-data-empty-name = kolom { $column } heeft geen naam
qca-data-duplicate-name = de kolomnaam "{ $name }" komt twee keer voor
qca-data-column-length = kolom { $column } heeft { $values } waarden voor { $cases } casussen
qca-data-missing-value = kolom { $column }, casus { $case }: de waarde ontbreekt of is geen getal

## Kalibratie (calibrate.rs)

qca-anchor-exclusion = uitsluitingsanker e
qca-anchor-crossover = omslagpunt c
qca-anchor-inclusion = insluitingsanker i
qca-anchor-threshold = drempel { $number }
qca-anchor-named = anker { $name }
qca-calibrate-anchor-outside-data = { $anchor } { $value } ligt buiten het bereik van de gegevens [{ $min }, { $max }]
qca-calibrate-not-converged = indirecte kalibratie: de fractionele logit-schatting is na { $iterations } iteraties niet geconvergeerd (R's glm waarschuwt dan ook); de lidmaatschapsscores komen uit de laatste iteratie
qca-calibrate-too-few-groups = drempels zoeken kan alleen voor minstens 2 groepen, gevraagd zijn er { $groups }
qca-calibrate-too-many-groups = { $values } waarden kunnen niet in { $groups } groepen worden verdeeld
qca-calibrate-no-values = er zijn geen waarden om te kalibreren
qca-calibrate-missing-value = de waarde op index { $index } (casus { $case }) is { $value }; ontbrekende waarden zijn niet toegestaan
qca-calibrate-ecdf-empty = ecdf-kalibratie: geen enkele waarde ligt tussen de ankers { $low } en { $high }, dus er is geen verdeling om langs te kalibreren
qca-calibrate-indirect-negative = indirecte kalibratie neemt logaritmen en wortels, maar de waarde op index { $index } (casus { $case }) is negatief: { $value }
qca-calibrate-indirect-diverged = indirecte kalibratie: de fractionele logit-schatting liep vast (oneindige deviantie)
qca-calibrate-anchor-not-finite = { $anchor } is { $value }; dat moet een eindig getal zijn
qca-calibrate-no-threshold = er is minstens één drempel nodig
qca-calibrate-threshold-twice = drempel { $threshold } staat er twee keer in
qca-calibrate-bad-idm = idm = { $idm }: de lidmaatschapsgraad bij het insluitingsanker moet boven 0.5 en onder 1 liggen
qca-calibrate-bell-order = ankers in de verkeerde volgorde: e1={ $e1 }, c1={ $c1 }, i1={ $i1 }, i2={ $i2 }, c2={ $c2 }, e2={ $e2 }; een klokvorm vraagt e1 < c1 < i1 <= i2 < c2 < e2, een omgekeerde klok i1 < c1 < e1 <= e2 < c2 < i2
qca-calibrate-anchor-order = ankers in de verkeerde volgorde: uitsluiting e={ $e }, omslagpunt c={ $c }, insluiting i={ $i }; het omslagpunt moet strikt tussen uitsluiting en insluiting liggen (e < c < i voor een stijgende set, e > c > i voor een dalende)
qca-calibrate-bad-shape = { $name } = { $value }: vormexponenten moeten positief zijn
qca-calibration-unreadable = "{ $text }" is niet te lezen: { $detail }
qca-calibration-empty-argument = argument { $number } is leeg
qca-calibration-not-a-number = argument { $number } ("{ $argument }"): "{ $value }" is geen getal
qca-calibration-option-twice = { $name } staat er twee keer in
qca-calibration-positional-after-named = argument { $number } ("{ $argument }"): waarden zonder naam moeten vóór de benoemde komen
qca-calibration-anchor-count = { $method }-kalibratie vraagt { $needed } ankers ({ $names }), gegeven zijn er { $given }
qca-calibration-anchor-twice = anker { $name } is zowel op positie als met naam gegeven
qca-calibration-anchor-missing = anker { $name } ontbreekt (nodig: { $names })
qca-calibration-unknown-option = onbekende optie "{ $name }" voor { $method }-kalibratie
qca-calibration-needs-threshold = { $method }-kalibratie vraagt minstens één drempel
qca-calibration-unknown-method = onbekende methode "{ $method }" (bekend: { $known })

## Expressies (expr.rs)

qca-expr-raw-condition = conditie { $name } bevat ruwe waarden (geen setlidmaatschappen in [0, 1] of niveaus 0, 1, 2, ...): kalibreer deze conditie voordat u haar in een expressie gebruikt
qca-expr-bare-multi-value = conditie { $name } is multi-value (niveaus 0 tot en met { $max }): schrijf { $name }[niveau], bijvoorbeeld { $name }[1], in plaats van alleen de naam
qca-expr-level-of-fuzzy = { $literal } vraagt om een niveau, maar { $name } bevat fuzzy lidmaatschappen: schrijf { $name } of ~{ $name }
qca-expr-case-out-of-range = casusindex { $case } valt buiten het bereik: de gegevens hebben { $cases } casussen
qca-expr-empty = lege expressie: hier hoort een conditienaam
qca-expr-unmatched-close = onverwachte ')' zonder bijbehorende '('
qca-expr-unexpected = onverwacht teken '{ $char }'
qca-expr-unexpected-in-group = onverwacht teken '{ $char }': hier hoort '*', '+' of ')'
qca-expr-too-large = de expressie wordt meer dan { $max } termen als haakjes en negaties worden uitgewerkt
qca-expr-unclosed = '{ $open }' wordt niet gesloten: hier hoort '{ $close }'
qca-expr-missing-operator = tussen twee condities hoort '*' of '+' (namen mogen geen spaties bevatten)
qca-expr-expected-name = hier hoort een conditienaam
qca-expr-expected-name-after = na '{ $op }' hoort een conditienaam
qca-expr-name-start = { $expected }: een conditienaam begint met een letter
qca-expr-name-ends-dash = een conditienaam mag niet op '-' eindigen
qca-expr-empty-levels = lege niveaulijst: hier hoort een niveau (0, 1, 2, ...)
qca-expr-level-too-large = niveau te groot: hoogstens { $max }
qca-expr-expected-level = hier hoort een niveau (een heel getal 0, 1, 2, ...), niet '{ $char }'
qca-expr-expected-level-after-comma = na ',' hoort een niveau
qca-expr-expected-level-separator = in de niveaulijst hoort ',' of '{ $close }', niet '{ $char }'
qca-expr-arrow = een pijl ('{ $arrow }') kan niet in deze expressie staan; pijlen horen bij fit, zoals in "A*B + C -> Y"
qca-fit-arrow-both = '{ $arrow }' stelt noodzakelijkheid en voldoendheid tegelijk; fit berekent één relatie: schrijf -> (de expressie is voldoende voor de uitkomst) of <- (noodzakelijk)
qca-fit-arrow-twice = een tweede pijl: een expressie heeft één pijl, met de uitkomst aan de andere kant
qca-fit-arrow-no-expression = niets vóór '{ $arrow }': verwacht een expressie, zoals in "A*B + C -> Y"
qca-fit-arrow-no-outcome = niets na '{ $arrow }': verwacht de uitkomst, zoals in "A*B + C -> Y"
qca-fit-arrow-outcome-not-a-set = de uitkomst aan één kant van '{ $arrow }' moet één set zijn (Y, ~Y of Y[1]), niet "{ $outcome }"
qca-fit-no-outcome = geen uitkomst: geef --outcome, of schrijf de uitkomst na een pijl in --expression (zoals in "A*B + C -> Y")
qca-fit-outcome-conflict = --outcome { $given } en de uitkomst { $arrow } van de expressie "{ $expression }" verschillen: laat --outcome weg, of geef in beide dezelfde uitkomst
qca-fit-outcomes-differ = de expressies noemen verschillende uitkomsten: { $first } in "{ $first_expression }" en { $second } in "{ $second_expression }"; fit berekent één uitkomst tegelijk
qca-simplify-order-missing = de volgorde van de condities noemt { $name } niet, maar de expressie gebruikt die conditie wel
qca-simplify-too-many-conditions = de expressie heeft { $conditions } condities; vereenvoudigen loopt elke configuratie af en kan hoogstens { $max } condities aan
qca-simplify-bad-levels = conditie { $name } heeft { $levels } niveaus; vereenvoudigen vraagt 2 tot en met 64 niveaus
qca-simplify-too-many-configurations = de condities hebben samen { $configurations } configuraties; vereenvoudigen loopt ze allemaal af en kan er hoogstens { $max } aan
qca-simplify-bare-multi-value = conditie { $name } heeft { $levels } niveaus: schrijf { $name }[niveau] in plaats van alleen de naam
qca-simplify-level-out-of-range = { $literal }: niveau { $level } bestaat niet, { $name } heeft { $levels } niveaus (0 tot en met { $max })
qca-simplify-negation-too-large = de negatie heeft vóór vereenvoudiging meer dan { $max } termen
qca-simplify-too-many-primes = vereenvoudigen vond meer dan { $max } prime implicants; de expressie is te ingewikkeld om exact te vereenvoudigen
qca-simplify-cover-too-large = de expressie is te ingewikkeld om exact te vereenvoudigen: het zoeken naar een minimale dekking met haar { $primes } prime implicants had meer dan { $max } stappen nodig

## Gedeeld door meerdere analyses

qca-cut-out-of-range = { $name } moet tussen 0 en 1 liggen, niet { $value }
qca-cut-second-value = { $name } (tweede waarde)
qca-condition-twice = conditie { $name } staat er twee keer in
qca-outcome-as-condition = { $name } is de uitkomst en kan niet ook een conditie zijn

## Waarheidstabellen (truth_table.rs)

qca-tt-cut-order = incl.cut: de tweede waarde ({ $second }) mag niet groter zijn dan de eerste ({ $first })
qca-tt-no-conditions = er zijn geen condities opgegeven
qca-tt-raw-condition = conditie { $name }, casus { $case }: de waarde { $value } is geen lidmaatschap in [0,1] en geen multi-value-niveau; kalibreer deze conditie eerst
qca-tt-too-many-conditions = te veel condities: { $conditions } condities geven ongeveer 10^{ $exponent } configuraties, meer dan de { $max } die een waarheidstabel kan nummeren; gebruik minder condities
qca-tt-half-membership = fuzzy lidmaatschappen van precies 0.5 passen in geen enkele rij van de waarheidstabel: { $cases } (kalibreer opnieuw, of --allow-half voor R's gedrag: waarschuwen en doorgaan)
qca-tt-half-membership-warning = { $count ->
    [one] een lidmaatschap van precies 0.5 (de casus valt buiten elke rij): { $cases }
   *[other] lidmaatschappen van precies 0.5 (de casussen vallen buiten elke rij): { $cases }
}
qca-tt-empty = de waarheidstabel is leeg: geen configuratie heeft minstens n.cut = { $n_cut } casussen
qca-tt-exclude-outside = exclude: rij { $row } valt buiten de waarheidstabel (rijen 1..{ $total })
qca-tt-exclude-observed = exclude: rij { $row } is waargenomen ({ $cases ->
    [one] { $cases } casus
   *[other] { $cases } casussen
}) en houdt haar OUT-waarde
qca-tt-row-outside = rij { $row } valt buiten de waarheidstabel (rijen 1..{ $total })
qca-tt-complete-too-large = de volledige waarheidstabel heeft { $rows } rijen, meer dan de grens van { $limit }

## Minimalisatie (minimize.rs, intermediate.rs)

qca-min-dir-exp-needs-remainders = verwachte richtingen (dir.exp) vragen dat de remainders worden meegenomen (--include ?)
qca-min-max-models-zero = het maximumaantal modellen (--max-models) moet minstens 1 zijn
qca-min-nothing-to-explain = niets te verklaren: geen rij van de waarheidstabel heeft OUT = 1 voor { $outcome } (controleer incl.cut = { $incl_cut }, pri.cut = { $pri_cut }, n.cut = { $n_cut })
qca-min-no-negative-rows = alle configuraties van de waarheidstabel zijn positief of remainder: met de remainders erbij wordt elke conditie weggeminimaliseerd (controleer de waarheidstabel)
qca-min-everything-explained = alle configuraties worden verklaard: elke conditie wordt weggeminimaliseerd (controleer de waarheidstabel)
qca-min-pi-cons-dropped = pi.cons = { $pi_cons }: { $count ->
    [one] { $count } prime implicant lag daaronder en bleef buiten de prime implicant chart
   *[other] { $count } prime implicants lagen daaronder en bleven buiten de prime implicant chart
}
qca-min-rows-uncovered = geen oplossing onder deze voorwaarden: { $count ->
    [one] positieve rij { $rows } wordt
   *[other] positieve rijen { $rows } worden
} door geen enkele prime implicant met een inclusie van minstens pi.cons = { $pi_cons } gedekt
qca-min-solution = { $solution ->
    [conservative] conservatieve oplossing
    [parsimonious] spaarzame oplossing
   *[intermediate] intermediaire oplossing
}
qca-min-models-listed = { qca-min-solution }: { $listed } van { $count } modellen getoond (verhoog --max-models om er meer te tonen)
qca-min-models-at-least = { qca-min-solution }: ten minste { $count ->
    [one] { $count } model
   *[other] { $count } modellen
}; { $listed } getoond (het tellen is gestopt: verhoog --max-count, of het zoekbudget --max-nodes of --max-conflicts, om verder te tellen; --max-models om er meer te tonen)
qca-min-not-proved = { qca-min-solution }: het minimale aantal termen is niet bewezen: tussen { $lower } en { $upper } termen; het beste gevonden model wordt getoond (het zoekbudget van { $max } conflicten is op; verhoog --max-conflicts)
qca-min-chart-not-proved = { qca-min-solution }: het minimale aantal termen is niet bewezen: tussen { $lower } en { $upper } termen; het beste gevonden model wordt getoond (het zoekbudget van { $max } knopen per blok van de priemimplicantentabel is op; verhoog --max-nodes)
qca-min-count-stopped = { qca-min-solution }: het minimum is bewezen, maar het tellen van de modellen stopte bij { $count } (het zoekbudget van { $max } conflicten is op; verhoog --max-conflicts)
qca-min-too-many-terms = { qca-min-solution }: het minimum van { $terms } termen is bewezen; modellen met meer dan { $max } termen worden uit de prime implicants opgesomd, en dat zijn er meer dan { $primes }, dus één model wordt getoond en het aantal is een ondergrens
qca-min-intermediate-needs-dir-exp = de intermediaire oplossing vraagt verwachte richtingen (--dir-exp)
qca-sat-inconsistent = interne tegenstrijdigheid in het zoeken naar minimale dekkingen bij { $terms } termen; meld dit met de data
qca-min-sol-cons-none = geen enkel model haalt sol.cons = { $sol_cons } ({ $count ->
    [one] { $count } model ligt eronder
   *[other] { $count } modellen liggen eronder
})
qca-min-sol-cons-dropped = sol.cons = { $sol_cons }: { $count ->
    [one] { $count } model lag eronder en is weggelaten
   *[other] { $count } modellen lagen eronder en zijn weggelaten
}
qca-dir-exp-none = er zijn geen verwachte richtingen opgegeven
qca-dir-exp-not-a-level = "{ $value }" is geen niveau
qca-dir-exp-level-out-of-range = { $name } heeft de niveaus 0..{ $max }, niet { $level }
qca-dir-exp-empty-item = lege verwachting tussen twee komma's
qca-dir-exp-not-a-level-in = "{ $value }" is geen niveau in "{ $literal }"
qca-dir-exp-not-a-condition = "{ $name }" is geen conditie (condities: { $conditions })
qca-dir-exp-multi-value = { $name } is multi-value: schrijf { $name }[niveau]
qca-dir-exp-twice = { $name } komt twee keer voor in "{ $item }"
qca-intermediate-too-many-easy = { $from }: de intermediaire termen nemen { $count } remainders aan (makkelijke contrafeitelijken), meer dan de { $max } die kantel als don't cares kan gebruiken; deze intermediaire oplossing is weggelaten (gebruik minder condities, of minder verwachte richtingen)
qca-min-assumptions-budget = { $what }: het tellen van de configuraties die het aanneemt (vereenvoudigende aannames of contrafeitelijken) was niet binnen { $steps } stappen klaar (gebruik minder condities, of condities met minder niveaus)

## De exacte Booleaanse kern (boolean/)

qca-bool-config-length = { $what }-configuratie { $row } heeft { $values } waarden, verwacht is één per conditie ({ $conditions })
qca-bool-config-level = { $what }-configuratie { $row }, conditie { $condition }: niveau { $level } bestaat niet (de conditie heeft { $levels } niveaus, 0 tot en met { $max })
qca-bool-no-conditions = geen condities: er valt niets te minimaliseren
qca-bool-too-many-conditions = { $conditions } condities: de exacte minimalisatie kan er hoogstens { $max } aan
qca-bool-too-few-levels = conditie { $condition } heeft { $levels ->
    [one] { $levels } niveau
   *[other] { $levels } niveaus
}; elke conditie heeft er minstens 2 nodig
qca-bool-no-on = geen ON-configuratie: er valt niets te verklaren
qca-bool-on-and-off = configuratie { $configuration } is zowel ON (rij { $on_row }) als OFF (rij { $off_row })
qca-bool-too-many-primes = meer dan { $max } prime implicants: het zoeken is gestopt, dus de lijst is niet aantoonbaar volledig (gebruik minder condities, of condities met minder niveaus)
qca-chart-no-on = geen ON-configuratie: de prime implicant chart heeft geen kolommen
qca-chart-config-length = ON-configuratie { $row } heeft { $values } waarden, ON-configuratie 0 heeft er { $first }
qca-chart-prime-length = prime implicant { $prime } heeft { $entries } posities, de ON-configuraties hebben er { $values }
qca-chart-uncovered = ON-configuratie { $row } { $configuration } wordt door geen van de { $primes } prime implicants gedekt: de chart heeft geen oplossing
qca-chart-out-of-nodes = de prime implicant chart (een blok van { $columns } ON-configuraties en { $primes } prime implicants) is niet binnen { $max_nodes } zoekstappen opgelost: het minimum kon niet worden bewezen (verhoog --max-nodes, of vereenvoudig het probleem)
qca-chart-unproved = de prime implicant chart (een blok van { $columns } ON-configuraties en { $primes } prime implicants) is niet binnen { $max_nodes } zoekstappen opgelost: het minimum kon niet worden bewezen; het ligt voor dit blok tussen minstens { $lower } (grens uit lineair programmeren) en hoogstens { $upper } (beste gevonden dekking) prime implicants (verhoog --max-nodes, of vereenvoudig het probleem)

## Uitkomsten en noodzakelijkheid (necessity.rs)

qca-outcome-unclosed = hier hoort een sluitende '{ $close }'
qca-outcome-bad-level = niveau "{ $value }" is geen heel getal
qca-outcome-no-name = de uitkomst heeft geen naam
qca-outcome-raw = uitkomst { $name }, casus { $case }: lidmaatschap { $value } ligt buiten [0,1] (ruwe waarden, geen lidmaatschappen of niveaus); kalibreer de uitkomst eerst
qca-outcome-fuzzy-levels = uitkomst { $name } is fuzzy en heeft geen niveaus; schrijf haar zonder haken
qca-outcome-bare-multi-value = uitkomst { $name } is multi-value (niveaus 0 tot en met { $max }); noem een niveau, bijvoorbeeld { $name }[{ $max }]
qca-outcome-level-out-of-range = uitkomst { $name }: niveau { $level } bestaat niet (niveaus 0 tot en met { $max })
qca-nec-no-conditions = geen condities: de gegevens bevatten alleen de uitkomst
qca-nec-raw-condition = conditie { $name } bevat ruwe waarden (geen lidmaatschappen in [0, 1] of niveaus); kalibreer deze conditie eerst
qca-nec-depth-zero = depth moet minstens 1 zijn

## findRows en modelFit (find_rows.rs, model_fit.rs)

qca-find-rows-no-level = { $expression }: conditie { $name } heeft geen niveau { $level } (niveaus 0 tot en met { $max })
qca-find-rows-term-too-large = { $expression }: de term { $term } dekt { $rows } rijen, meer dan de { $max } die kantel opsomt
qca-find-rows-no-parsimonious = er is geen spaarzame oplossing
qca-find-rows-too-many-assumptions = { $count } remainders zijn vereenvoudigende aannames voor zowel de uitkomst als haar negatie, meer dan de { $max } die kantel opsomt
qca-model-fit-raw-condition = conditie { $name } bevat ruwe waarden; kalibreer deze conditie voordat u een theorie toetst

## Retentie (retention.rs)

qca-retention-n-cut-zero = n.cut moet minstens 1 zijn
qca-retention-bad-p-pert = p.pert moet een kans tussen 0 en 1 zijn, niet { $value }
qca-retention-bad-n-pert = n.pert moet tussen 1 en het aantal casussen ({ $cases }) liggen, niet { $value }
qca-retention-not-crisp = retentie vraagt crisp of multi-value condities: conditie { $name }, casus { $case } heeft { $value }
qca-retention-outcome-not-crisp = retentie vraagt een crisp uitkomst: { $outcome }, casus { $case } heeft lidmaatschap { $value }
qca-retention-too-many-combinations = retentie: { $rows } rijen van de waarheidstabel en n.pert = { $n_pert } vragen meer dan { $max } berekeningen (combinaties van rijen en verstoringspatronen); kies een kleinere --n-pert, of onafhankelijke verstoringen (--p-pert)

## Robuustheid (robustness.rs)

qca-robust-no-model = de minimalisatie heeft geen model
qca-robust-step-failed = { $label } = { $value }: de analyse is mislukt ({ $error }); het zoeken is daar gestopt
qca-robust-bad-step = step moet een positief getal zijn, niet { $value }
qca-robust-max-runs-zero = max.runs moet minstens 1 zijn
qca-robust-no-membership = de ankers e = { $e }, c = { $c }, i = { $i } geven geen lidmaatschap voor de waarde { $value } (casus { $case })
qca-robust-raw-length = { $values } ruwe waarden voor conditie { $name }, maar de gegevens hebben { $cases } casussen
qca-robust-raw-missing = de ruwe waarde van { $name } voor casus { $case } ontbreekt of is geen getal
qca-robust-anchor-order = de ankers e = { $e }, c = { $c }, i = { $i } staan in de verkeerde volgorde; het omslagpunt moet tussen het uitsluitings- en het insluitingsanker liggen
qca-robust-anchors-crossed = { $anchor } is voorbij een ander anker geschoven; zoals SetMethods doet, zijn die stappen gekalibreerd met R's logistische formule voor ankers in de verkeerde volgorde
qca-robust-thresholds = de drempels
qca-robust-no-tests = de robuustheidsfit vraagt minstens één testoplossing
qca-robust-other-outcome = testoplossing { $test } verklaart { $outcome }, de oorspronkelijke oplossing { $initial }

## Coincidence analysis (cna.rs)

qca-cna-no-arrow = tussen conditie en uitkomst hoort `<->` of `->`
qca-cna-empty-literal = lege literal
qca-cna-bad-level = niveau "{ $value }" van { $name } is geen heel getal
qca-cna-not-a-value = "{ $token }" is geen waarde van een factor
qca-cna-mixed-case = "{ $token }" mengt hoofd- en kleine letters: de cna-notatie vraagt factornamen in hoofdletters
qca-cna-unbalanced = de haakjes sluiten niet
qca-cna-too-few-factors = CNA vraagt minstens twee factoren; de gegevens hebben er { $factors }
qca-cna-raw-column = kolom { $name } bevat ruwe waarden (geen lidmaatschappen in [0, 1] en geen hele niveaus): kalibreer deze kolom vóór CNA
qca-cna-mixed-types = kolom { $fuzzy } is fuzzy maar kolom { $multi_value } is multi-value: CNA vraagt één soort gegevens
qca-cna-too-few-configurations = CNA vraagt minstens twee verschillende configuraties; de { $cases } casussen hebben er { $configurations }
qca-cna-too-many-configurations = de factoren { $factors } hebben { $configurations } configuraties, meer dan het maximum van { $max }
qca-cna-asf-cap = uitkomst { $outcome }: niet alle kandidaat-asfs met structuur { $structure } zijn bewaard (maximum { $max })
qca-cna-ordering-empty = ordeningsniveau { $level } noemt geen factor
qca-cna-ordering-unknown = factor "{ $name }" in ordeningsniveau { $level } staat niet in de gegevens (factoren: { $factors })
qca-cna-ordering-twice = factor { $name } komt twee keer voor in de ordening
qca-cna-no-outcomes = de lijst met uitkomsten is leeg
qca-cna-unknown-outcome = uitkomst "{ $outcome }" is geen factor en geen waargenomen waarde X=v van een multi-value factor (factoren: { $factors })
qca-cna-bad-maxstep = elke waarde van maxstep moet minstens 1 zijn, niet { $maxstep }
qca-cna-caps-zero = csf n.init en het maximum aantal kandidaat-asfs moeten minstens 1 zijn
qca-cna-csf-n-init = slechts { $examined } van de { $total } combinaties van asfs zijn als csf onderzocht (n.init = { $n_init })
qca-cna-asfs-alone = de asfs konden niet tot csfs worden gecombineerd; ze staan elk apart
qca-cna-budget-zero = { $option } moet minstens 1 zijn
qca-cna-msc-budget = uitkomst { $outcome }: het zoeken naar minimaal voldoende condities bereikte zijn budget van { $max } kandidaatevaluaties (--max-msc-candidates) { $begun ->
    [yes] tijdens het zoeken naar conjuncties van { $level } factoren; die zijn gedeeltelijk doorzocht
   *[no] vóór de conjuncties van { $level } factoren; die zijn niet doorzocht
  }, dus asfs met grotere conjuncties kunnen ontbreken; verhoog --max-msc-candidates, of verlaag de eerste waarde van --maxstep
qca-cna-asf-budget = uitkomst { $outcome }: het zoeken naar asfs bereikte zijn budget van { $max } kandidaten (--max-asf-candidates) en is gestopt; de getoonde asfs zijn daarvoor gevonden, complexere kunnen ontbreken; verhoog --max-asf-candidates, of verlaag --maxstep
qca-cna-outcomes-skipped = het budget van { $max } ({ $option }) was op voordat { $count } uitkomsten konden worden doorzocht: { $outcomes }; verhoog { $option }, of noem de te analyseren uitkomsten met --outcome
qca-cna-csf-budget = het zoeken naar csfs bereikte zijn budget van { $max } kandidaten (--max-csf-candidates) en is gestopt; de getoonde csfs zijn daarvoor gevonden; verhoog --max-csf-candidates, of verlaag --n-init

## Statistiek voor kleine aantallen (kantel-stats)

stats-empty = { $what }: er zijn geen waarden
stats-non-finite = { $what } heeft een ongeldige waarde ({ $value }) op index { $index } (vanaf 0 geteld)
stats-length-mismatch = ongelijke lengte: x heeft { $x_len } waarden en y { $y_len }; gepaarde gegevens moeten even lang zijn
stats-too-few = te weinig { $what }: minstens { $needed } nodig, { $got } gegeven
stats-constant = { $what } is constant (elke waarde is { $value }), dus { $statistic } is niet gedefinieerd
stats-ragged-row = rij { $row } heeft { $got } items, maar rij 0 heeft er { $expected }
stats-non-finite-cell = ongeldige waarde ({ $value }) in rij { $row }, item { $item } (vanaf 0 geteld); verwijder onvolledige rijen voordat u de betrouwbaarheid berekent
stats-zero-total-variance = de totaalscore varieert niet over alle { $respondents } respondenten, dus Cronbachs alfa is niet gedefinieerd
stats-no-permutations = het aantal permutaties moet minstens 1 zijn
stats-term-rows = rijen
stats-term-paired-observations = gepaarde waarnemingen
stats-term-items-alpha = items per respondent voor Cronbachs alfa
stats-term-respondents-alpha = respondenten voor Cronbachs alfa
stats-term-spearman = Spearmans rho
stats-term-kendall = Kendalls tau-b
stats-term-pearson = de Pearson-correlatie
qca-expr-too-deep = meer dan { $max } haakjes of negaties in elkaar: schrijf de expressie eenvoudiger
qca-robust-step-too-small = { $label }: stap { $step } is kleiner dan de rekenprecisie bij { $value }; de drempel verandert er niet door. Kies een grotere --step
qca-dir-exp-count = { $given ->
    [one] 1 waarde
   *[other] { $given } waarden
} voor { $needed } condities: geef per conditie één waarde (1, 0 of -), in de volgorde { $conditions }, of schrijf de verwachtingen uit (bijvoorbeeld "DEV, ~URB")
qca-data-not-a-name = kolom "{ $name }" kan geen set zijn: een setnaam begint met een letter en bevat verder alleen letters, cijfers, _ . of - (anders leest een expressie hem als iets anders, zoals ~ voor "niet"). Hernoem de kolom, of laat haar weg met --conditions
qca-nec-budget = de zoektocht bereikte zijn budget van { $max } expressies (--max-expressions) en is gestopt: expressies van hoogstens { $searched } condities zijn volledig doorzocht, niet alle tot en met { $depth }; verhoog --max-expressions, of beperk het zoeken met --depth
