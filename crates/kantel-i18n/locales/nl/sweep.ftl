# Robuustheidsrasters (kantel_qca::sweep, kantel qca sweep).
qca-sweep-threads = de rekenthreads konden niet starten: { $error }
qca-sweep-twice = { $name } staat twee keer in het raster
qca-sweep-no-values = { $name } heeft geen waarden om te variëren
qca-sweep-bad-value = { $name }: { $value } is geen getal
qca-sweep-ncut-integer = n.cut is een heel aantal casussen, niet { $value }
qca-sweep-not-calibrated = { $name }: de set { $set } wordt in dit raster niet gekalibreerd; geef de kalibratie (--calibrate "{ $set }=fuzzy:e=…,c=…,i=…")
qca-sweep-no-anchor = { $name }: de kalibratie { $calibration } heeft zo'n anker niet (e, c en i bij fuzzy kalibratie, t1, t2, … bij crisp drempels)
qca-sweep-too-many = het raster heeft { $settings } instellingen, meer dan het budget van { $max }; verhoog --max-settings of gebruik minder waarden
qca-sweep-calibration-failed = kalibreren van { $set } met { $calibration } mislukte: { $error }
qca-sweep-no-initial-model = de beginstelling geeft geen model, dus er valt niets te vergelijken
qca-sweep-no-tests = geen andere instelling gaf een oplossing om mee te vergelijken

# kantel qca sweep (tekstuitvoer en opties).
qca-sweep-cli-number = --vary { $name }: "{ $value }" is geen getal
qca-sweep-cli-range = --vary { $name }: "{ $value }" is geen bereik; schrijf van:tot:stap met een positieve stap (0.7:0.9:0.01) of een lijst (1,2,3)
qca-sweep-cli-parameter = --vary: onbekende parameter "{ $name }"; gebruik incl.cut, pri.cut, n.cut of SET.e, SET.c, SET.i, SET.t1 voor een anker van een set die met --calibrate is gegeven
qca-sweep-cli-calibrate = --calibrate "{ $value }": schrijf SET=METHODE, bijvoorbeeld "DEVELOPED=fuzzy:e=400,c=550,i=900"
qca-sweep-cli-vary = --vary "{ $value }": schrijf PARAMETER=WAARDEN, bijvoorbeeld "incl.cut=0.7:0.9:0.01" of "n.cut=1,2,3"
qca-sweep-cli-no-vary = niets te variëren: geef minstens één --vary (bijvoorbeeld --vary incl.cut=0.7:0.9:0.01)
qca-sweep-cli-summary = Robuustheidsraster: { $total } instellingen ({ $models } met modellen, { $empty } zonder positieve rij, { $failed } mislukt); beginstelling { $initial }
qca-sweep-cli-col-parameter = parameter
qca-sweep-cli-col-values = waarden
qca-sweep-cli-col-initial = begin
qca-sweep-cli-col-range = bereik van de beginoplossing
qca-sweep-cli-range-note = Bereik: de waarden rond de beginwaarde, met de andere parameters op hun beginwaarde, waarbinnen de oplossing (al haar modellen) gelijk blijft; * = het bereik loopt tot de rand van het raster.
qca-sweep-cli-not-at-initial = -
qca-sweep-cli-models = Modellen ({ $n } verschillende)
qca-sweep-cli-col-settings = instellingen
qca-sweep-cli-col-share = aandeel
qca-sweep-cli-col-model = model
qca-sweep-cli-more-models = … en nog { $n } modellen (--show-models, of --json voor alle)
qca-sweep-cli-models-note = * = een model van de beginstelling; aandeel = van de instellingen met modellen; per parameter het bereik waarbinnen het model een model blijft.
qca-sweep-cli-terms = Termen (* = in elk model van de beginstelling; robuust = in elk model van elke instelling met modellen)
qca-sweep-cli-col-term = term
qca-sweep-cli-col-in-all = in alle modellen
qca-sweep-cli-col-in-some = in een model
qca-sweep-cli-col-robust = robuust
qca-sweep-cli-yes = ja
qca-sweep-cli-fit = Robuustheidsfit van de beginoplossing { $model } tegen alle { $tests } testoplossingen (elk model van elke andere instelling)
qca-sweep-cli-fit-note = RF_cov, RF_cons: dekking en consistentie van de robuuste kern ten opzichte van de beginoplossing; RF_SC: overlap van de beginoplossing met de doorsnede (minTS) en de vereniging (maxTS) van de testoplossingen. Cons.Suf, Cov.Suf, PRI: fit van de robuuste kern.
qca-sweep-cli-cases = Casussen (rob.cases van SetMethods: beginoplossing IS tegen de doorsnede van de testoplossingen TS)
qca-sweep-cli-group-S1S2Y = robuust typisch (IS*TS, Y > 0.5)
qca-sweep-cli-group-S1S2y = robuust afwijkend (IS*TS, Y < 0.5)
qca-sweep-cli-group-S1s2Y = wankel typisch (IS*~TS, Y > 0.5)
qca-sweep-cli-group-S1s2y = wankel afwijkend (IS*~TS, Y < 0.5)
qca-sweep-cli-group-s1S2Y = mogelijk typisch (~IS*TS, Y > 0.5)
qca-sweep-cli-group-s1S2y = mogelijk afwijkend (~IS*TS, Y < 0.5)
qca-sweep-cli-group-s1s2Y = extreem afwijkend in dekking (~IS*~TS, Y > 0.5)
qca-sweep-cli-group-s1s2y = irrelevant (~IS*~TS, Y < 0.5)
qca-sweep-cli-failed = { $n } instellingen mislukten, de eerste bij { $first }: { $reason }
qca-sweep-cli-more-reasons = … en nog { $n } andere redenen (--json geeft elke instelling)
qca-tt-recut-edited = een waarheidstabel met wijzigingen kan geen andere drempels krijgen; bouw haar opnieuw uit de data

# [analysis.robustness] in het studiebestand.
study-robustness-not-analysed = { $set } is niet de uitkomst of een conditie van de analyse
study-robustness-not-calibrated = { $set } heeft geen [calibration.{ $set }] waarvan de ankers kunnen verschuiven
study-robustness-anchor = anker "{ $anchor }" is geen anker van deze kalibratie: exclusion, crossover of inclusion bij fuzzy kalibratie, threshold1, threshold2, … bij crisp kalibratie
study-robustness-values = geef de waarden van het anker als lijst getallen (values = [3.2, 3.45, 3.7])
study-robustness-too-many = het raster heeft { $settings } instellingen, meer dan max_settings = { $max }; verhoog max_settings of geef minder waarden

# De robuustheidssectie van het rapport.
report-section-robuustheid = Robuustheid
report-rob-intro = De analyse (haar spaarzame oplossing) is herhaald bij elke combinatie van de instellingen hieronder (andere kalibratie-ankers en drempels), met elk model van elke run vastgelegd. Een term is robuust als hij in elk model van elke instelling met een oplossing zit.
report-rob-settings = { $total } instellingen: { $models } met een oplossing, { $empty } zonder positieve configuratie, { $failed } mislukt; { $distinct } verschillende modellen.
report-rob-anchor = { $set }: { $anchor }
report-rob-anchor-e = uitsluitingsanker
report-rob-anchor-c = omslagpunt
report-rob-anchor-i = insluitingsanker
report-rob-anchor-t1 = drempel 1
report-rob-anchor-t2 = drempel 2
report-rob-anchor-t3 = drempel 3
report-rob-not-initial = –
report-rob-axes-caption = Wat gevarieerd is
report-rob-col-parameter = Instelling
report-rob-col-values = Waarden
report-rob-col-initial = Begin
report-rob-col-range = Bereik van de beginoplossing
report-rob-range-note = Bereik: de waarden rond de beginwaarde (de andere instellingen op hun beginwaarde) waarbinnen de oplossing precies gelijk blijft; * betekent dat het bereik tot de rand van het geprobeerde loopt.
report-rob-planted-title = De geplante termen
report-rob-planted-robust = { $term } is robuust: de term zit in elk model van elke instelling.
report-rob-planted-partly = { $term } is niet robuust: de term zit in elk model bij { $share } van de instellingen.
report-rob-planted-some = { $term } is niet robuust: de term zit alleen in sommige modellen ({ $share } van de instellingen).
report-rob-planted-never = { $term } zit in geen enkel model van geen enkele instelling.
report-rob-terms-caption = Termen over alle instellingen (* = in elk model van de beginstelling)
report-rob-col-term = Term
report-rob-col-in-all = In elk model
report-rob-col-robust = Robuust
report-rob-yes = ja
report-rob-no = nee
report-rob-terms-note = De { $listed } vaakst voorkomende van { $all } termen; per instelling het bereik waarbinnen de term in elk model blijft.
report-rob-fit-title = Robuustheidsfit
report-rob-fit-intro = De beginoplossing { $model } tegen alle { $tests } testoplossingen (elk model van elke andere instelling).
report-rob-core-incl = kern inclS
report-rob-core-cov = kern covS
report-rob-core-pri = kern PRI
report-rob-fit-note = De robuuste kern is wat de beginoplossing en elke testoplossing gemeen hebben. RF_cov en RF_cons vergelijken de dekking en consistentie ervan met die van de beginoplossing (1 = geen verlies); RF_SC_minTS en RF_SC_maxTS meten de overlap van de beginoplossing met de doorsnede en de vereniging van de testoplossingen (rob.fit van SetMethods, over alle testoplossingen).
report-rob-cases-title = Gemeenten naar robuustheid
report-rob-col-type = Type
report-rob-col-municipalities = Gemeenten
report-rob-ratios = Robuustheidsverhoudingen van casussen: RCR_typ { $typ }, RCR_dev { $dev }, RCC_Rank { $rank } (1 = geen wankele en geen mogelijke casussen, 4 = beide).
report-rob-xy-caption = Elk punt is een gemeente (gemarkeerd: uitkomst boven 0,5). Rechts onder de diagonaal staan de wankele casussen: leden van de beginoplossing die een testoplossing kwijtraakt.
report-rob-failed = { $n } instellingen mislukten: { $reason }

# De secties ESA en casusselectie van het rapport.
report-section-esa = Uitgebreide standaardanalyse
report-esa-intro = Remainders (configuraties die geen gemeente heeft) die de spaarzame en intermediaire oplossing niet als voldoende mogen aannemen: zonder een noodzakelijke conditie, onmogelijk verklaard, of aangenomen voor zowel de uitkomst als haar afwezigheid. Ze worden uitgesloten en de waarheidstabel wordt opnieuw geminimaliseerd (enhanced standard analysis van Schneider & Wagemann).
report-esa-necessary = Gevonden noodzakelijke condities (inclN ≥ de drempel van het plan, RoN ≥ 0,5): { $conditions }.
report-esa-nothing = Geen remainder hoefde te worden uitgesloten: de oplossingen blijven zoals ze zijn.
report-esa-excluded-caption = Uitgesloten remainders
report-esa-col-reason = Waarom
report-esa-col-rows = Configuraties
report-esa-changes-caption = Oplossingen voor en na
report-esa-col-solution = Oplossing
report-esa-col-before = Standaardanalyse
report-esa-col-after = Uitgebreid
report-esa-col-changed = Veranderd
report-esa-dropped = zonder { $terms }
report-esa-added = met { $terms }
report-section-casusselectie = Casusselectie
report-cases-intro = Welke gemeenten diepgaand te bestuderen (verzamelingstheoretisch multimethodeonderzoek, smmr van SetMethods): typische casussen tonen hoe een term werkt, afwijkende casussen in soort (de term geldt, de uitkomst niet) waar hij faalt, afwijkende casussen in dekking (de uitkomst zonder een term) wat de oplossing mist.
report-cases-solution = Voor de oplossing { $solution }:
report-cases-terms-caption = Typische en afwijkende gemeenten per term
report-cases-col-term = Term
report-cases-col-typical = Typisch
report-cases-col-most-typical = Meest typisch
report-cases-col-unique = Uniek gedekt typisch
report-cases-col-deviant = Afwijkend in soort
report-cases-visit-typical = Meest typisch voor de oplossing
report-cases-visit-deviant = Afwijkend in soort (term geldt, uitkomst niet)
report-cases-visit-coverage = Afwijkend in dekking (uitkomst zonder term)
report-cases-pairs-caption = Paren om te vergelijken: een typische en de meest gelijkende afwijkende gemeente
report-cases-col-typical-case = Typisch
report-cases-col-deviant-case = Afwijkend
report-cases-note = Rangschikking als in SetMethods (cases.suf.typ.most, matches.suf.typdcn); `kantel qca cases` geeft alle typen, alle paren en hun scores.

# kantel demo: de geplante termen in het robuustheidsraster.
cli-demo-sweep = robuustheid ({ $settings } instellingen): { $verdict }
cli-demo-robust = { $term } is robuust (in elk model van elke instelling)
cli-demo-not-robust = { $term } is niet robuust (in elk model bij { $share } van de instellingen)
cli-demo-never = { $term } zit in geen enkel model van geen enkele instelling
qca-sweep-cli-incomplete = { $n } instellingen hebben meer modellen dan vastgelegd; de vergelijking gebruikt de vastgelegde (verhoog --max-models)
qca-sweep-all-failed = alle { $n } instellingen mislukten; de eerste reden: { $reason }
