## Uitgebreide standaardanalyse en theorie-evaluatie (kantel qca esa, kantel qca theory)

qca-esa-reason = { $rule ->
    [necessary_condition] mist de noodzakelijke voorwaarde { $expression }
    [necessary_condition_found] mist de voorwaarde { $expression }, noodzakelijk bevonden
    [impossible] onmogelijke configuratie { $expression }
    [contradictory_simplifying_assumption] tegenstrijdige vereenvoudigende aanname
   *[other] gelijktijdige deelverzamelingsrelatie
}
qca-esa-bad-expression = { $option } { $expression }: { $detail }
qca-esa-empty-expression = { $option } { $expression }: de expressie is leeg (elke term spreekt zichzelf tegen)
qca-esa-unknown-condition = { $option } { $expression }: { $name } is geen voorwaarde van de waarheidstabel (voorwaarden: { $known })
qca-esa-no-rules = geen regel opgegeven (--necessary, --impossible, --auto-necessary of --contradictory): de uitgebreide oplossingen zijn de standaardoplossingen
qca-esa-nothing-excluded = er wordt geen restgeval uitgesloten: de uitgebreide oplossingen zijn de standaardoplossingen
qca-esa-title = Uitgebreide standaardanalyse voor { $outcome }
qca-esa-auto-found = Gevonden noodzakelijke voorwaarden (inclN minstens { $incl }, RoN minstens { $ron }): { $conditions }
qca-esa-group = { $reason }: { $count ->
    [0] geen rijen
    [one] 1 rij
   *[other] { $count } rijen
}
qca-esa-group-negation = rijen in { $negation }
qca-esa-excluded-total = In totaal uitgesloten: { $count ->
    [0] geen rijen
    [one] 1 rij
   *[other] { $count } rijen
}
qca-esa-col-reason = reden
qca-esa-col-configuration = configuratie
qca-esa-summary = Oplossingen, standaard en uitgebreid
qca-esa-col-solution = oplossing
qca-esa-col-standard = standaard
qca-esa-col-enhanced = uitgebreid
qca-esa-col-changed = veranderd
qca-esa-yes = ja
qca-esa-no = nee
qca-esa-terms-dropped = termen vervallen: { $terms }
qca-esa-terms-added = termen toegevoegd: { $terms }
qca-esa-standard = Standaardanalyse
qca-esa-enhanced = Uitgebreide analyse
qca-esa-after-failed = geen uitgebreide oplossing: { $reason }
qca-esa-solution-name = { $solution ->
    [conservative] conservatief
    [parsimonious] spaarzaam
   *[other] intermediair { $from }
}
qca-esa-theory-title = Theorie-evaluatie van { $outcome }: theorie { $theory }
qca-esa-theory-model = Model { $name }
qca-esa-theory-cases = Gevallen per doorsnede (lidmaatschap boven 0,5)
qca-esa-theory-cell = { $code ->
    [TEY] gedekt, meest waarschijnlijk (model*theory, { $outcome } boven 0,5)
    [tEY] gedekt, minst waarschijnlijk (model*~theory, { $outcome } boven 0,5)
    [TeY] niet gedekt, meest waarschijnlijk (~model*theory, { $outcome } boven 0,5)
    [teY] niet gedekt, minst waarschijnlijk (~model*~theory, { $outcome } boven 0,5)
    [TEy] inconsistent, meest waarschijnlijk (model*theory, { $outcome } onder 0,5)
    [tEy] inconsistent, minst waarschijnlijk (model*~theory, { $outcome } onder 0,5)
    [Tey] consistent, meest waarschijnlijk (~model*theory, { $outcome } onder 0,5)
    [tey] consistent, minst waarschijnlijk (~model*~theory, { $outcome } onder 0,5)
   *[other] { $intersection }, { $outcome } precies 0,5
}: { $count } van { $total }
qca-esa-more-rows = … en nog { $count } rijen (allemaal met --json)
