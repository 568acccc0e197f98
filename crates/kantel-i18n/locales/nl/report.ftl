# report messages (nl). Keys are shared by both languages; see crates/kantel-i18n/src/lib.rs.
# Texts are trusted HTML fragments; the report escapes the values it puts into them.

report-doc-title = Rapport kantel
report-nav-label = Inhoud
report-footer-generated = Gemaakt met { $tool }. Dit bestand is volledig zelfstandig: het werkt zonder internetverbinding.
report-banner-title = GESIMULEERDE GEGEVENS / SIMULATED DATA
report-banner-text = Dit rapport is gemaakt met gesimuleerde gegevens. De uitkomsten zeggen niets over echte gemeenten.
report-section-studie = Onderzoek en respons
report-section-betrouwbaarheid = Betrouwbaarheid van de schalen
report-section-kalibratie = Kalibratie
report-section-noodzakelijkheid = Noodzakelijke condities
report-section-waarheidstabel = Waarheidstabel
report-section-oplossingen = Oplossingen
report-section-statistiek = Koplopers en achterblijvers: statistiek
report-section-herontdekking = Herontdekking van de geplante structuur
report-section-spiegel = Spiegelrapporten per gemeente
report-word-yes = ja
report-word-no = nee
report-col-code = Code
report-col-municipality = Gemeente
report-col-municipalities = Gemeenten
report-col-inhabitants = Inwoners
report-col-group = Groep
report-col-label = Omschrijving
report-col-in-analysis = In analyse
report-col-flags = Signaleringen
report-col-min-respondents = Minimum per gemeente
report-col-respondents = Respondenten
report-col-below-min = Gemeenten onder minimum
report-col-set = Set
report-col-items = Items
report-col-n-complete = n volledig
report-col-remark = Opmerking
report-col-item = Item
report-col-text = Tekst
report-col-alpha-if-deleted = α zonder item
report-col-item-rest = Item-rest-correlatie
report-col-condition = Conditie
report-col-expression = Uitdrukking
report-col-kind = Soort
report-col-row = Rij
report-col-rows = Rijen
report-col-term = Term
report-study-title = Titel
report-study-name = Naam
report-study-year = Jaar
report-study-data = Gegevens
report-study-data-real = echte gegevens
report-study-data-simulated = <strong>gesimuleerd</strong>
report-study-outcome = Uitkomst
report-study-conditions = Condities
report-study-cases = Gemeenten in de analyse
report-study-generated = Gemaakt met
report-study-municipalities = Gemeenten en respons
report-study-groups = Respondentgroepen
report-study-settings = Instellingen van de analyse
report-study-correction = Correctie voor meervoudig toetsen
report-study-seed = Seed van de permutatietoetsen
report-study-warnings = Waarschuwingen
report-flag-few-respondents = te weinig respondenten in groep { $group }: { $n } (minimum { $min })
report-flag-few-scored = { $set }: te weinig respondenten met een score in groep { $group }: { $n } (minimum { $min })
report-rel-intro = Cronbachs alfa over de respondenten die alle items van een schaal beantwoordden. Een alfa van 0,70 of hoger geldt gewoonlijk als voldoende. Een item waarvan het weglaten de alfa verhoogt (vetgedrukt) past minder goed bij de schaal.
report-rel-none = Deze studie heeft geen vragenlijstschalen.
report-rel-low = alfa lager dan 0,70
report-rel-reversed = omgekeerd gescoord
report-cal-intro = Kalibratie zet ruwe scores om in lidmaatschap van een verzameling (0 = volledig erbuiten, 0,5 = omslagpunt, 1 = volledig erin). De ankers en hun onderbouwing komen uit het studiebestand.
report-cal-source = Bron
report-cal-source-survey = vragenlijst (schaalgemiddelde)
report-cal-source-register = registergegevens
report-cal-source-rating = beoordeling door onderzoekers
report-cal-method = Methode
report-cal-anchors = Ankers
report-cal-justification = Onderbouwing
report-cal-e = uitsluiting
report-cal-c = omslagpunt
report-cal-i = insluiting
report-cal-plot-title = Kalibratie van { $set }
report-cal-axis-raw = ruwe score
report-cal-axis-membership = lidmaatschap { $set }
report-cal-caption = Elk punt is een gemeente. Gestippelde verticale lijnen: de ankers; horizontale lijnen: lidmaatschap 0,05, 0,5 en 0,95.
report-cal-data = Ruwe scores en lidmaatschap
report-cal-data-note = Per gemeente: ruwe score → lidmaatschap.
report-nec-intro = Is een conditie noodzakelijk voor { $outcome }? inclN zegt in welke mate de uitkomst een deelverzameling van de conditie is (0,9 of hoger: mogelijk noodzakelijk, vetgedrukt); RoN (relevantie) is laag wanneer de conditie bijna overal aanwezig is en dus triviaal; covN zegt hoe groot de uitkomst is ten opzichte van de conditie.
report-nec-search = Zoeken naar noodzakelijke combinaties
report-nec-search-intro = Combinaties (en, of) die de drempels van de zoektocht halen, zoals R's <code>superSubset()</code> ze vindt.
report-nec-search-none = De zoektocht vond geen noodzakelijke combinaties.
report-nec-conjunction = en (conjunctie)
report-nec-disjunction = of (disjunctie)
report-tt-summary = Uitkomst { $outcome }; incl.cut = { $incl }, pri.cut = { $pri }, n.cut = { $ncut }; { $cases } gemeenten. { $observed } van de { $total } configuraties komen voor: { $pos } positief (OUT = 1), { $neg } negatief (OUT = 0), { $con } tegenstrijdig (C); { $rem } logische restgevallen zonder (genoeg) gemeenten.
report-tt-intro = Elke rij is een combinatie van condities (1 = aanwezig, 0 = afwezig). n: aantal gemeenten met lidmaatschap boven 0,5 in die combinatie; incl: consistentie met de uitkomst; PRI: consistentie die niet ook voor de afwezigheid van de uitkomst geldt. Positieve rijen zijn vetgedrukt.
report-tt-edits = Handmatige aanpassingen
report-tt-edit = rij { $row }: OUT gezet op { $out }, reden: { $reason }
report-tt-excluded = Restgevallen als negatief uitgesloten (exclude): rijen { $rows }.
report-sol-intro = Oplossingen in R-notatie: <code>*</code> is EN, <code>+</code> is OF, <code>~</code> is NIET. De conservatieve oplossing gebruikt geen restgevallen, de spaarzame alle bruikbare, de intermediaire alleen de makkelijke (in lijn met de verwachte richting). inclS: consistentie; PRI: zie waarheidstabel; covS: dekking; covU: unieke dekking binnen het model.
report-sol-xy-howto = XY-plots: horizontaal het lidmaatschap van een gemeente in de term of oplossing, verticaal in de uitkomst. Punten op of boven de diagonaal passen bij ‘term is voldoende voor de uitkomst’; punten rechtsonder (term wel, uitkomst niet) spreken dat tegen; punten linksboven zijn gemeenten met de uitkomst die de term niet verklaart.
report-sol-conservative = Conservatieve oplossing
report-sol-parsimonious = Spaarzame oplossing
report-sol-intermediate = Intermediaire oplossing { $from }
report-sol-incomplete = Let op: het maximale aantal modellen is bereikt; er bestaan meer modellen dan hier staan.
report-sol-n-models = { $n } modellen verklaren de gegevens even goed.
report-sol-model = Model
report-sol-simplifying = Vereenvoudigende aannames (restgevallen als positief gebruikt)
report-sol-easy = Makkelijke contrafeitelijke gevallen
report-sol-difficult = Moeilijke contrafeitelijke gevallen
report-sol-by-term = te veel om één voor één op te sommen; de termen die ze dekken (termen kunnen overlappen, dus hun aantallen kunnen samen meer zijn):
report-sol-term-count = { $n ->
    [one] { $count } configuratie
   *[other] { $count } configuraties
}
report-sol-xy-aria = XY-plot van { $x } (horizontaal) tegen { $y } (verticaal) voor { $n } gemeenten; { $fit }
report-stat-intro = Koplopers hebben een lidmaatschap van de uitkomst boven 0,5, achterblijvers eronder. Alle p-waarden zijn permutatie-p-waarden: exact waar alle permutaties zijn doorgerekend, anders met een vaste seed ({ $seed }), dus reproduceerbaar. Gecorrigeerd voor meervoudig toetsen met { $correction }.
report-stat-leading = Koplopers
report-stat-lagging = Achterblijvers
report-stat-leadlag = Verschillen tussen koplopers en achterblijvers (ruwe scores)
report-stat-median-leading = Mediaan koplopers
report-stat-median-lagging = Mediaan achterblijvers
report-stat-p-adjusted = p gecorrigeerd
report-stat-size = Omvang
report-stat-method = Berekening van p
report-stat-exact = exact
report-stat-permutation = permutatie ({ $n } trekkingen, seed { $seed })
report-stat-delta-negligible = verwaarloosbaar
report-stat-delta-small = klein
report-stat-delta-medium = middelgroot
report-stat-delta-large = groot
report-stat-correlations = Rangcorrelaties met { $outcome }
report-stat-holm = Holm
report-stat-bh = Benjamini-Hochberg
report-stat-caution = Bij enkele tientallen gemeenten zijn toetsen weinig krachtig: een niet-significant verschil is geen bewijs dat er geen verschil is. Cliff's δ (van −1 tot 1) zegt hoe vaak een koploper hoger scoort dan een achterblijver, min het omgekeerde; omvang volgens Romano e.a. (2006).
report-rec-intro = De gegevens zijn gesimuleerd met een bekende (geplante) structuur. Deze toets laat zien of de analyse die structuur terugvindt.
report-rec-planted = Geplante structuur
report-rec-found = Gevonden
report-rec-solution = Vergeleken oplossing
report-rec-terms-found = Teruggevonden termen
report-rec-terms-missing = Gemiste termen
report-mirror-title = Spiegelrapport
report-mirror-intro = Per gemeente één pagina: hoe de gemeente scoort ten opzichte van alle andere, welke oplossingstermen op haar van toepassing zijn, in welke rij van de waarheidstabel ze valt en welke signaleringen er zijn.
report-mirror-heading = Spiegelrapport { $name } ({ $code })
report-mirror-status = Positie
report-mirror-leading = koploper (lidmaatschap van de uitkomst boven 0,5)
report-mirror-lagging = achterblijver (lidmaatschap van de uitkomst onder 0,5)
report-mirror-neither = precies op het omslagpunt van de uitkomst
report-mirror-not-analysed = niet in de analyse
report-mirror-dropped = Deze gemeente is niet in de analyse opgenomen:
report-mirror-profile = Profiel
report-mirror-profile-note = Elke strook toont alle { $n } gemeenten; deze gemeente is het grote oranje punt. Bovenste strook: ruwe score; onderste: lidmaatschap (streepjeslijn: 0,5).
report-mirror-raw = ruwe score
report-mirror-membership = lidmaatschap
report-mirror-position = Ten opzichte van de anderen
report-mirror-rank = hoger dan { $k } van de { $others } andere gemeenten
report-mirror-plots = Verdeling
report-mirror-groups = Per respondentgroep
report-mirror-gap = verschil tussen groepen
report-mirror-strip-aria = { $set }, { $what }: { $name } { $value } tussen { $n } gemeenten
report-mirror-coverage = Oplossingstermen die op deze gemeente van toepassing zijn
report-mirror-coverage-note = Een term is van toepassing bij een lidmaatschap boven 0,5 (tussen haakjes).
report-mirror-covered-none = geen term
report-mirror-case-type = Lidmaatschap oplossing { $x }, uitkomst { $y }: { $type }.
report-mirror-type-typical = typisch geval (oplossing en uitkomst beide aanwezig)
report-mirror-type-deviant-consistency = afwijkend geval: de oplossing is aanwezig, de uitkomst niet
report-mirror-type-deviant-coverage = onverklaard geval: de uitkomst is aanwezig, maar de oplossing verklaart haar niet
report-mirror-type-irrelevant = oplossing en uitkomst beide afwezig
report-mirror-type-crossover = precies op het omslagpunt
report-mirror-tt-row = Rij in de waarheidstabel
report-mirror-tt-row-none = Deze gemeente valt in geen rij (een lidmaatschap van precies 0,5 in een conditie).
report-mirror-tt-row-text = Rij { $row }: { $config }; OUT = { $out }, n = { $n }, incl = { $incl }, PRI = { $pri }. Andere gemeenten in deze rij: { $others }.
report-mirror-no-flags = Geen signaleringen.

# Summary, steps and failures.
report-summary-title = Samenvatting
report-summary-steps = Niet elke stap van de analyse is gelukt; het rapport toont de resultaten van de stappen die wel gelukt zijn:
report-status-ok = gelukt
report-status-failed = mislukt
report-status-skipped = niet uitgevoerd
report-step-failed = Deze stap is mislukt:
report-step-skipped = Deze stap is niet uitgevoerd:
report-sol-empty = Lege oplossing:
report-sol-none = geen (lege oplossing)
report-half-exclude = gemeenten met een lidmaatschap van precies 0,5 in een conditie worden weggelaten uit de waarheidstabel en de oplossingen
report-half-error = een lidmaatschap van precies 0,5 in een conditie laat de waarheidstabel mislukken
report-half-r = zoals R: een gemeente met een lidmaatschap van precies 0,5 staat in geen rij van de waarheidstabel, maar telt mee in de consistentie van elke rij

# Municipalities, missing values, flags.
report-study-not-in-truth-table = (niet in de waarheidstabel: een lidmaatschap van precies 0,5)
report-study-flags-note = Signaleringen over schalen die niet geanalyseerd zijn, staan alleen in de spiegelrapporten.
report-missing-title = Ontbrekende waarden
report-missing-intro = Elke gemeente zonder waarde op een geanalyseerde set, per set, met de reden. Een gemeente die op een geanalyseerde set een waarde mist, blijft buiten de analyse.
report-col-reason = Reden

# Where values come from.
report-source-indicator = indicator ‘{ $indicator }’
report-source-label = bron { $label }
report-source-year = jaar { $year }
report-source-files = { $count ->
    [one] bestand
   *[other] bestanden
    } { $files }
report-source-no-file = bestand niet vastgelegd
report-source-values = { $n } van { $total } gemeenten hebben een waarde

# Recovery and mirror reports.
report-rec-explanation = Toelichting
report-mirror-analysed = geanalyseerd
report-mirror-not-in-truth-table = Deze gemeente staat niet in de waarheidstabel en de oplossingen: haar lidmaatschap van { $conditions } is precies 0,5.
report-mirror-other-flags = Signaleringen bij schalen buiten de analyse:
report-mirror-axis-raw = { $set }: ruwe score
report-mirror-axis-membership = { $set }: lidmaatschap
report-tt-half-exclude = { $count ->
    [one] 1 gemeente heeft een lidmaatschap van precies 0,5 in een conditie en valt daarom buiten de waarheidstabel en de oplossingen (half_membership = "exclude"): { $cases }
   *[other] { $count } gemeenten hebben een lidmaatschap van precies 0,5 in een conditie en vallen daarom buiten de waarheidstabel en de oplossingen (half_membership = "exclude"): { $cases }
}
report-tt-half-r = { $count ->
    [one] 1 gemeente heeft een lidmaatschap van precies 0,5 in een conditie: zoals in R telt zij mee in de consistentie, maar in geen enkele rij (half_membership = "r"): { $cases }
   *[other] { $count } gemeenten hebben een lidmaatschap van precies 0,5 in een conditie: zoals in R tellen zij mee in de consistentie, maar in geen enkele rij (half_membership = "r"): { $cases }
}
