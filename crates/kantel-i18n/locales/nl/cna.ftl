## Coincidentieanalyse: opties van cna 4.0 en fit-robuustheidsscores (cna.rs, qca_cna.rs)

qca-cna-unknown-measure = "{ $measure }" is geen maat van cna; kies uit: { $measures }, of een getal 1-8
qca-cna-notcols-multi-value = --notcols (notcols van cna) geldt niet voor meerwaardige data: noem de uitkomstwaarde, bijv. --outcome "B=0"
qca-cna-notcols-unknown = factor "{ $name }" van --notcols staat niet in de data (factoren: { $factors })
qca-cna-exclude-syntax = --exclude "{ $rule }" vraagt factorwaarden, een pijl en een uitkomst, bijv. "A,c -> B"
qca-cna-exclude-unknown = --exclude "{ $rule }": "{ $value }" is geen factorwaarde in de data (factoren: { $factors })
qca-cna-fr-empty-grid = --fr-grid noemt geen drempel
qca-cna-fr-too-many-runs = de fit-robuustheidsreeks zou { $runs } analyses doen ({ $values } drempels in het kwadraat), meer dan --fr-max-runs { $max }; neem minder drempels of verhoog --fr-max-runs
qca-cna-fr-thread-failed = een analyse van de fit-robuustheidsreeks mislukte in haar thread
qca-cna-cli-measures-count = --measures vraagt twee maten (voldoendheid, noodzakelijkheid), niet { $count }
qca-cna-cli-bad-choice = { $option } "{ $value }" is niet een van: { $choices }
qca-cna-cli-not-a-number = { $option }: "{ $value }" is geen getal
qca-cna-cli-fr-fixed = { $option } kan niet samen met --fr-grid: de reeks varieert con en cov (en con.msc volgt con)
qca-cna-cli-fr-title = Fit-robuustheidsscores (frscore)
qca-cna-cli-fr-settings = { $runs } analyses over de drempels { $grid } (con × cov); { $types } modeltypen, { $scored } gescoord
qca-cna-cli-fr-excluded = { $excluded } modeltypen zijn niet gescoord (--fr-max-sols { $max })
qca-cna-cli-fr-more = … nog { $more } modeltypen (--fr-top, of --json voor alle)
qca-cna-cli-fr-warned-runs = { $runs } analyses van de reeks gaven waarschuwingen (budget bereikt); --json noemt ze per analyse
qca-cna-cli-measures = con is { $con }, cov is { $cov } (--measures)
