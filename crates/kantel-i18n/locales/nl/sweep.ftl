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
