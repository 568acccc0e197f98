# kantel-plots (nl): de SVG-plots van crates/kantel-report/src/plots.rs en `kantel qca … --svg`
# (voorvoegsel qca-plots-). R-termen (inclS, covS, covU, OUT, incl.cut, n.cut) blijven zoals ze zijn.

## Robuustheid over een bereik van een drempel
qca-plots-range-aria = Robuustheid over { $parameter }: { $solutions ->
    [one] één oplossing
   *[other] { $solutions } verschillende oplossingen
} bij { $values } geteste waarden
qca-plots-range-initial = beginwaarde
qca-plots-range-stable = oplossing ongewijzigd
qca-plots-range-no-solution = geen oplossing
qca-plots-range-fit = fit

## XY-plot met casustypen
qca-plots-xy-aria = XY-plot van { $x } (horizontaal) en { $y } (verticaal) met { $cases } casussen, gemarkeerd naar casustype
qca-plots-type-typical = typisch
qca-plots-type-deviant-degree = afwijkend in consistentie, in graad
qca-plots-type-deviant-kind = afwijkend in consistentie, in soort
qca-plots-type-deviant-coverage = afwijkend in dekking
qca-plots-type-irrelevant = individueel irrelevant
qca-plots-type-robust-typical = robuust typisch
qca-plots-type-robust-deviant = robuust afwijkend
qca-plots-type-shaky-typical = wankel typisch
qca-plots-type-shaky-deviant = wankel afwijkend
qca-plots-type-possible-typical = mogelijk typisch
qca-plots-type-possible-deviant = mogelijk afwijkend
qca-plots-type-extreme-deviant = extreem afwijkend in dekking
qca-plots-type-robust-irrelevant = irrelevant
qca-plots-type-unclassified = op 0,5 (geen type)
qca-plots-type-case = casus
qca-plots-zone-robust = IS·TS: robuust
qca-plots-zone-shaky = IS·~TS: wankel
qca-plots-zone-possible = ~IS·TS: mogelijk
qca-plots-zone-extreme = ~IS·~TS

## Configuratiekaart
qca-plots-chart-aria = Configuratiekaart van { $terms ->
    [one] één term
   *[other] { $terms } termen
} over { $conditions } condities
qca-plots-chart-consistency = Consistentie (inclS)
qca-plots-chart-raw-coverage = Ruwe dekking (covS)
qca-plots-chart-unique-coverage = Unieke dekking (covU)
qca-plots-chart-solution-consistency = Consistentie van de oplossing
qca-plots-chart-solution-coverage = Dekking van de oplossing
qca-plots-chart-present = aanwezig
qca-plots-chart-absent = afwezig
qca-plots-chart-core = kernconditie
qca-plots-chart-peripheral = randconditie
qca-plots-chart-key-core = groot: kernconditie
qca-plots-chart-key-peripheral = klein: randconditie
qca-plots-chart-blank = leeg: niet in de term

## Venndiagram
qca-plots-venn-aria = Venndiagram van de waarheidstabel van { $sets } verzamelingen ({ $names }), gebieden gekleurd en benoemd naar uitkomstwaarde
qca-plots-venn-cases = { $n ->
    [one] 1 casus
   *[other] { $n } casussen
}
qca-plots-venn-out-one = uitkomst (positief)
qca-plots-venn-out-zero = geen uitkomst (negatief)
qca-plots-venn-out-contradiction = tegenstrijdig
qca-plots-venn-out-remainder = logische rest
qca-plots-venn-key-count = Tussen haakjes: het aantal casussen in de configuratie.
qca-plots-venn-too-many = een venndiagram toont 1 tot { $max } verzamelingen, niet { $sets }: kies hoogstens { $max } condities met --conditions
qca-plots-venn-bad-region = een gebied van het venndiagram heeft { $got } lidmaatschappen voor { $sets } verzamelingen

## kantel qca … --svg
qca-plots-write-failed = kan de plot niet naar { $file } schrijven (--svg): { $error }
qca-plots-venn-multi-value = een venndiagram toont scherpe en vage verzamelingen; { $condition } heeft meer waarden
qca-plots-fit-one-expression = --svg plot één expressie: geef precies één --expression (nu { $count })
qca-plots-no-model = --svg: de minimalisatie heeft geen model om in kaart te brengen
qca-plots-chart-title = Configuratiekaart: { $model } → { $outcome }
qca-plots-xy-title = XY-plot: { $x } en { $y }
qca-plots-venn-title = Venndiagram van de waarheidstabel voor { $outcome }
