# analysis messages: warnings, step failures, reasons (nl). Keys are shared by both languages.

## Steps and their status.
analysis-step-measurement = meting (ruwe waarden)
analysis-step-reliability = betrouwbaarheid
analysis-step-calibration = kalibratie
analysis-step-necessity = noodzakelijkheid
analysis-step-truth-table = waarheidstabel
analysis-step-minimization = minimalisatie
analysis-step-statistics = statistiek
analysis-step-recovery = herontdekking van de geplante structuur
analysis-step-robustness = robuustheidsraster
analysis-skipped = niet uitgevoerd, omdat de stap ‘{ $step }’ niet is gelukt

## Solution types.
analysis-solution-parsimonious = spaarzame oplossing
analysis-solution-conservative = conservatieve oplossing
analysis-solution-intermediate = intermediaire oplossing { $from }
analysis-solution-none = geen oplossing (leeg)

## Cases.
analysis-cases = { $analysed } van { $total } gemeenten geanalyseerd
analysis-cases-truth-table = { $analysed } van { $total } gemeenten geanalyseerd, waarvan { $table } in de waarheidstabel

## Headline.
analysis-headline = { $outcome }: { $solution } met { $count ->
        [one] 1 model
       *[other] { $count } modellen
    }: { $models }. { $cases }.
analysis-headline-empty = Lege oplossing voor { $outcome }: { $reason } { $cases }.
analysis-headline-failed = Geen oplossing: de stap ‘{ $step }’ is mislukt: { $reason }. { $cases }.
analysis-headline-none = Geen oplossing. { $cases }.
analysis-headline-none-plain = er is geen oplossing om te vergelijken.

## The empty solution.
analysis-empty-solution = geen configuratie haalt incl.cut { $incl_cut }; de hoogste inclS is { $incl } in rij { $row } (PRI { $pri }).
analysis-empty-solution-pri = geen configuratie haalt zowel incl.cut { $incl_cut } als pri.cut { $pri_cut }; de hoogste inclS is { $incl } in rij { $row }, maar de PRI daarvan is { $pri }.
analysis-empty-solution-n-cut = geen configuratie heeft minstens n.cut = { $n_cut } gemeenten.

## Why a municipality has no value.
analysis-missing-no-answers = { $set }: geen antwoorden op de items van deze schaal
analysis-missing-few-items = { $set }: { $respondents ->
    [one] 1 respondent antwoordde
   *[other] { $respondents } respondenten antwoordden
    }, maar niemand beantwoordde het minimum aantal items voor een score (min_items_answered = { $min })
analysis-missing-register = { $set }: geen registerwaarde voor indicator ‘{ $indicator }’ in { $year }
analysis-missing-register-value = { $set }: geen registerwaarde voor indicator ‘{ $indicator }’
analysis-missing-register-indicator = { $set }: de registergegevens hebben geen indicator ‘{ $indicator }’
analysis-missing-rating = { $set }: geen beoordeling

## Where values come from.
analysis-year-study = { $year }, het onderzoeksjaar
analysis-year-latest = { $year }, het laatste jaar in het register (er zijn geen waarden voor het onderzoeksjaar { $study_year })

## Failures.
analysis-fail-engine = { $step }: { $detail }
analysis-fail-unknown-set = { $set } heeft geen waarden in de analyse
analysis-fail-scale-not-measured = { $set } is een vragenlijstschaal, maar de meting heeft er geen scores voor
analysis-fail-set-empty = geen enkele gemeente heeft een waarde voor { $set } (bijvoorbeeld: { $reason }); de analyse heeft deze set voor elke gemeente nodig
analysis-fail-set-empty-plain = geen enkele gemeente heeft een waarde voor { $set }; de analyse heeft deze set voor elke gemeente nodig
analysis-fail-no-complete-case = elk van de { $total } gemeenten mist een waarde op minstens één geanalyseerde set, dus er blijft er geen over (zie de ontbrekende waarden)
analysis-fail-register-duplicate = { $set }: het register heeft twee waarden van ‘{ $indicator }’ voor { $name } ({ $municipality }) in { $year }: regels { $first } en { $second }
analysis-fail-rating-not-a-number = { $set }: de beoordeling van { $municipality } is geen getal
analysis-fail-rating-twice = { $set }: { $municipality } is twee keer beoordeeld
analysis-fail-rating-range = { $set }: de beoordeling { $value } van { $municipality } ligt buiten [0, 1]; beoordelingen zonder tabel [calibration.{ $set }] worden als lidmaatschap gebruikt
analysis-fail-calibration = kalibratie van { $set }: { $detail }
analysis-fail-no-calibration = het studiebestand heeft geen tabel [calibration.{ $set }]
analysis-fail-half-membership = { $count ->
    [one] een gemeente heeft
   *[other] { $count } gemeenten hebben
    } een lidmaatschap van precies 0,5 in een conditie en { $count ->
    [one] past
   *[other] passen
    } in geen rij van de waarheidstabel: { $cases } (half_membership = "error"; kies "exclude" of "r" in [analysis], of verschuif het omslagpunt)
analysis-fail-half-membership-all = elke geanalyseerde gemeente heeft een lidmaatschap van precies 0,5 in een conditie: { $cases }
analysis-fail-comparison = vergelijking van koplopers en achterblijvers op { $set }: { $detail }
analysis-fail-planted = de geplante structuur ‘{ $planted }’ is niet te lezen: { $detail }
analysis-fail-recovery-too-many = { $conditions } condities zijn te veel om alle combinaties te vergelijken (hoogstens 20)

## Warnings.
analysis-warn-unknown-ratings = { $count ->
    [one] een beoordeling voor een gemeente
   *[other] beoordelingen voor { $count } gemeenten
    } buiten de studie genegeerd: { $codes }
analysis-warn-register-year = { $set }: het register heeft geen waarden van ‘{ $indicator }’ voor het onderzoeksjaar { $study_year }; { $year } gebruikt, het laatste jaar dat het heeft
analysis-warn-calibration = kalibratie van { $set }: { $detail }
analysis-warn-half-excluded = weggelaten uit de waarheidstabel en de oplossingen wegens een lidmaatschap van precies 0,5 (half_membership = "exclude"): { $cases }
analysis-warn-half-r = een lidmaatschap van precies 0,5: in geen rij van de waarheidstabel, maar meegeteld in de consistentie van elke rij, zoals R doet (half_membership = "r"): { $cases }
analysis-warn-no-comparison = geen vergelijking van koplopers en achterblijvers: { $leading } koplopers en { $lagging } achterblijvers
analysis-warn-no-correlation = { $set }: geen rangcorrelatie met { $outcome }: { $detail }
analysis-warn-planted-not-simulated = de studie noemt een planted_structure maar is niet als gesimuleerd gemarkeerd; herontdekking is niet beoordeeld
analysis-warn-simulated-without-planted = de studie is gesimuleerd maar noemt geen planted_structure; herontdekking is niet beoordeeld

## Recovery of a planted structure.
analysis-recovery-verdict-yes = Ja: de analyse vond precies de geplante structuur terug.
analysis-recovery-verdict-no = Nee: de analyse vond de geplante structuur niet terug.
analysis-recovery-verdict-partly = Gedeeltelijk: { $found } van de { $planted } geplante termen teruggevonden, maar de oplossing is niet gelijk aan de geplante structuur.
analysis-recovery-equivalent = De { $solution } is logisch gelijk aan de geplante structuur.
analysis-recovery-not-equivalent = De { $solution } is niet logisch gelijk aan de geplante structuur ({ $count ->
        [one] 1 model
       *[other] { $count } modellen
    } vergeleken).
analysis-recovery-empty = Er is geen oplossing om te vergelijken: { $reason }
analysis-recovery-found = Teruggevonden (als term van de oplossing, of binnen een specifiekere term): { $terms }.
analysis-recovery-missing = Niet teruggevonden: { $term }. { $cases ->
    [one] 1 gemeente heeft
   *[other] { $cases } gemeenten hebben
    } deze term (lidmaatschap boven 0,5); { $observed } van de { $total } configuraties ervan komen voor.
analysis-recovery-missing-unanalysed = Niet teruggevonden: { $term }, met condities die niet geanalyseerd zijn ({ $conditions }).
analysis-recovery-extra = De oplossing heeft ook termen die niet geplant zijn: { $terms }.
analysis-recovery-diversity = De waarheidstabel bevat { $cases } gemeenten in { $observed } van de { $total } configuraties van de { $conditions } condities; de andere { $remainders } configuraties zijn logische restgevallen, waarover de gegevens niets zeggen.
analysis-recovery-limited-diversity = Met zo weinig waargenomen configuraties (beperkte diversiteit) moet de minimalisatie aannames doen over de niet-waargenomen configuraties: een geplante term waarvan de configuraties geen of weinig gemeenten hebben, wordt vaak gemist of door een eenvoudiger term vervangen. Met meer gemeenten wordt de geplante structuur meestal wel teruggevonden (docs/simulation.md).
analysis-step-esa = uitgebreide standaardanalyse
analysis-step-case-selection = casusselectie
analysis-fail-no-solution = geen configuratie is voldoende, dus er is geen oplossing om mee te werken
