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
