# Dashboard, researcher and contact pages, and their workflows (nl). Keys web-d-* (pages)
# and wf-d-* (workflow messages); the same keys as en/dashboard.ftl.

## Workflow: studies, municipalities, respondents

wf-d-study-name = "{ $name }" is geen geldige studienaam: gebruik 1 tot { $max } letters, cijfers, - , _ of . (bijvoorbeeld decentralisatie-2026)
wf-d-study-exists = er is al een studie met de naam "{ $name }": kies een andere naam
wf-d-line = regel { $line }: { $message }
wf-d-municipalities-none = geef ten minste één gemeente (CBS-code of naam, één per regel)
wf-d-municipality-fields = "{ $text }" heeft te veel delen: schrijf "gemeente", "gemeente; inwoners" of "gemeente; inwoners; groep"
wf-d-inhabitants-bad = "{ $text }" is geen aantal inwoners: schrijf een geheel getal zonder punten
wf-d-municipality-unknown = "{ $name }" is geen gemeente in het register: geef een CBS-code (GM0363) of een naam (Amsterdam)
wf-d-municipality-ambiguous = "{ $name }" past bij meer dan één gemeente: { $candidates }; geef de CBS-code
wf-d-municipality-merged = { $name } ({ $code }) is in { $year } opgegaan in { $into_name } ({ $into }): voeg die gemeente toe
wf-d-municipality-dissolved = { $name } ({ $code }) is in { $year } opgeheven en verdeeld over { $successors }
wf-d-inhabitants-unknown = kantel kent het inwonertal van { $name } ({ $code }) niet (de CBS-cijfers zijn van 2019): schrijf "{ $code }; inwoners"
wf-d-file-other-study = { $path } is het studiebestand van "{ $file_study }", niet van "{ $study }": er is niets gewijzigd
wf-d-col-respondent = respondent
wf-d-col-municipality = gemeente
wf-d-col-group = groep
wf-d-field = { $field }: { $message }
wf-d-csv-place = { $file }, regel { $line }, kolom "{ $column }": { $message }
wf-d-cell-empty = dit veld is leeg
wf-d-respondents-column = kolom "{ $column }" ontbreekt: het bestand heeft de kolommen respondent, municipality en group (of gemeente en groep)
wf-d-respondents-none = het bestand bevat geen respondenten
wf-d-respondent-municipality = "{ $municipality }" is geen gemeente van deze studie (gemeenten: { $known })
wf-d-respondent-group = "{ $group }" is geen respondentgroep van deze studie (groepen: { $known })
wf-d-respondent-id = een respondentcode heeft hoogstens { $max } tekens, zonder regeleinden of tabs
wf-d-respondent-twice = respondent "{ $respondent }" staat ook op regel { $first }
wf-d-respondent-exists = respondent "{ $respondent }" bestaat al in deze studie
wf-d-other-municipality = andere gemeente
# How many other municipalities share the contact's truth-table row, in the mirror report's
# sentence "Andere gemeenten in deze rij: …" (their names are not shown to a contact).
wf-d-others-in-row = { $count } (niet bij naam genoemd)

## Workflow: analysis and exports

wf-d-too-many-conditions = { $count } condities gekozen: de analyse in de pagina neemt er hoogstens { $max }
wf-d-cut = { $field }: "{ $text }" is geen getal van 0 tot en met 1
wf-d-n-cut = frequentiedrempel: "{ $text }" is geen geheel getal van 1 of meer
wf-d-cut-value = "{ $text }" is geen getal van 0 tot en met 1 (bijvoorbeeld 0,8)
wf-d-n-cut-value = "{ $text }" is geen geheel getal van 1 of meer
wf-d-outcome-none = kies een uitkomst
wf-d-outcome-unknown = "{ $id }" is geen uitkomst van deze studie: kies een van de uitkomsten in de lijst
wf-d-not-calibrated = de studie legt voor { $id } geen kalibratie vast: kies een andere set, of vul de kalibratie aan in het studiebestand
wf-d-conditions-none = kies ten minste één conditie
wf-d-condition-unknown = "{ $id }" is geen conditie van deze studie: kies condities uit de lijst
wf-d-condition-twice = "{ $id }" is twee keer gekozen
wf-d-dir-exp-empty = "{ $expectation }" noemt geen conditie: schrijf de naam van een conditie, met ~ ervoor voor afwezigheid
wf-d-dir-exp-not-chosen = "{ $expectation }" gaat over een conditie die niet is gekozen: kies { $condition } ook bij Condities, of haal "{ $expectation }" hier weg
wf-d-dir-exp-twice = "{ $expectation }" staat er twee keer
wf-d-no-municipalities = de studie heeft nog geen gemeenten: voeg eerst gemeenten toe
wf-d-export-failed = de export kon niet worden gemaakt: { $error }
wf-d-export-too-large = de export is te groot voor een werkblad

## Pages: researcher (studies, dashboard, municipalities, respondents, analysis) and contact

web-d-nav-studies = Studies
web-d-nav-dashboard = Overzicht
web-d-nav-municipalities = Gemeenten
web-d-nav-respondents = Respondenten en links
web-d-nav-analysis = Analyse
web-d-studies-title = Studies
web-d-studies-none = Er zijn nog geen studies.
web-d-new-link = Nieuwe studie
web-d-col-study = Studie
web-d-col-name = Naam
web-d-col-status = Status
web-d-col-municipalities = Gemeenten
web-d-col-municipality = Gemeente
web-d-col-code = CBS-code
web-d-col-inhabitants = Inwoners
web-d-col-group = Groep
web-d-col-total = Totaal
web-d-col-submitted = Ingediend
web-d-col-rate = Respons
web-d-col-raw = Ruwe score
web-d-col-membership = Lidmaatschap
web-d-col-row = Rij
web-d-col-cases = Gemeenten
web-d-col-term = Term
web-d-col-plot = XY-plot
web-d-status-open = open: de links nemen antwoorden aan
web-d-status-closed = gesloten: de links nemen geen antwoorden meer aan
web-d-status-open-short = open
web-d-status-closed-short = gesloten
web-d-status-unknown = Onbekende status: kies open of gesloten.
web-d-new-title = Nieuwe studie
web-d-new-builtin = Met de ingebouwde vragenlijst
web-d-new-builtin-help = De studie krijgt het codeboek van kantel (condities, uitkomsten, items, kalibratie en analyseplan), nog zonder gemeenten: die voegt u daarna toe uit het register.
web-d-new-name = Naam van de studie
web-d-new-name-help = Letters, cijfers, - , _ en . , bijvoorbeeld decentralisatie-2026. De naam is uniek.
web-d-new-study-title = Titel (optioneel)
web-d-new-create = Studie aanmaken
web-d-new-upload = Met een studiebestand
web-d-new-upload-help = Een studiebestand (TOML) zoals `kantel study init` het maakt. De naam van de studie staat in het bestand.
web-d-new-file = Studiebestand
web-d-new-upload-submit = Studiebestand inlezen
web-d-upload-missing = Kies eerst een bestand.
web-d-upload-not-utf8 = Het bestand is geen tekst in UTF-8. Sla het op als UTF-8 en probeer het opnieuw.
web-d-upload-unreadable = Het verstuurde formulier kon niet worden gelezen. Probeer het opnieuw.
web-d-summary = { $municipalities ->
    [one] 1 gemeente
   *[other] { $municipalities } gemeenten
}, { $respondents ->
    [one] 1 respondent
   *[other] { $respondents } respondenten
}, waarvan { $started } begonnen en { $submitted } ingediend.
web-d-close = Studie sluiten
web-d-close-help = Daarna nemen de links geen antwoorden meer aan; wat is ingevuld blijft bewaard.
web-d-reopen = Studie weer openen
web-d-reopen-help = De links nemen dan weer antwoorden aan (behalve van wie al heeft ingediend).
web-d-progress-title = Respons
web-d-progress-caption = Respons per gemeente en groep: begonnen van het aantal respondenten
web-d-progress-legend = Per groep: respondenten met antwoorden van het aantal respondenten. Een uitroepteken: minder dan het minimum dat de studie voor die groep vraagt. Respons = respondenten met antwoorden als deel van alle respondenten (via de link of ingelezen). De tabel ververst zichzelf; zonder JavaScript laadt u de pagina opnieuw.
web-d-below-minimum = minder dan het minimum voor deze groep
web-d-not-in-study = niet meer in de studie
web-d-reload = Pagina opnieuw laden
web-d-downloads = Downloads
web-d-download-report = Rapport (HTML) met het analyseplan van de studie
web-d-download-answers = Alle antwoorden (via de link en ingelezen)
web-d-download-scores = Setscores per gemeente (ruwe score en lidmaatschap)
web-d-municipalities-title = Gemeenten
web-d-municipalities-none = De studie heeft nog geen gemeenten.
web-d-municipalities-count = { $count ->
    [one] 1 gemeente
   *[other] { $count } gemeenten
} in de studie
web-d-municipalities-add = Gemeenten toevoegen uit het register
web-d-municipalities-lines = Gemeenten, één per regel
web-d-municipalities-help = Een CBS-code (GM0363 of 363) of een naam (ook Den Haag, Den Bosch). Optioneel na een puntkomma het aantal inwoners en een groep: "Utrecht; 361924; G4". Zonder inwonertal neemt kantel het CBS-cijfer van 2019.
web-d-municipalities-submit = Toevoegen
web-d-municipalities-file = Het studiebestand { $path } krijgt dezelfde gemeenten, zodat de opdrachtregel en de website hetzelfde zien.
web-d-municipality-added = { $name } ({ $code }) is toegevoegd.
web-d-municipality-already = { $name } ({ $code }) zat al in de studie.
web-d-respondents-title = Respondenten en links
web-d-respondents-no-municipalities = Voeg eerst gemeenten toe.
web-d-respondents-closed = De studie is gesloten: nieuwe links nemen pas antwoorden aan als u de studie weer opent.
web-d-links-start = De links beginnen met { $base }
web-d-links-title = Links maken
web-d-links-help = Maakt nieuwe respondenten met elk een persoonlijke link en geeft ze als CSV-bestand voor een mailing (gemeente, groep, respondent, link). De links zijn alleen nu te zien: kantel bewaart ze niet leesbaar.
web-d-links-count = Aantal links
web-d-links-submit = Links maken en downloaden (CSV)
web-d-respondent-one = Eén respondent toevoegen
web-d-respondent-id = Respondentcode (optioneel)
web-d-respondent-id-help = Leeg laten geeft een genummerde code, zoals GM0363-wijkteam-004.
web-d-respondent-submit = Respondent toevoegen
web-d-respondent-created = Respondent { $respondent } is toegevoegd. De persoonlijke link:
web-d-link-once = Kopieer de link nu: hij wordt niet nog eens getoond.
web-d-respondents-csv = Respondenten uit een bestand (CSV of Excel)
web-d-respondents-csv-help = Een CSV-bestand of een Excel-werkmap (.xlsx, het eerste werkblad) met de kolommen respondent, municipality (of gemeente) en group (of groep); gemeente als CBS-code of naam, groep als code of naam. Een lege respondentcode wordt genummerd. U krijgt de links als CSV-bestand terug.
web-d-respondents-csv-file = Bestand met respondenten (CSV of .xlsx)
web-d-respondents-csv-submit = Respondenten inlezen en links downloaden (CSV)
web-d-analysis-title = Analyse
web-d-outcome = Uitkomst
web-d-negate = Analyseer de negatie van de uitkomst (~)
web-d-conditions = Condities
web-d-incl-cut = Inclusiedrempel (incl.cut)
web-d-pri-cut = PRI-drempel (pri.cut)
web-d-n-cut = Frequentiedrempel (n.cut)
web-d-dir-exp = Richtingsverwachtingen (dir.exp)
web-d-dir-exp-help = Condities waarvan u verwacht dat hun aanwezigheid bijdraagt, gescheiden door komma's; ~ voor afwezigheid (~MANDAAT). Leeg: geen intermediaire oplossing.
web-d-analyse = Analyseren
web-d-report-settings = Rapport met deze instellingen (HTML)
web-d-results = Resultaat
web-d-cases = { $analysed } van { $total } gemeenten hebben op elke gekozen set een waarde; { $tt } staan in de waarheidstabel.
web-d-run-recorded = Vastgelegd als analyse { $run } (dataversie { $version }).
web-d-dropped = { $count ->
    [one] 1 gemeente
   *[other] { $count } gemeenten
} niet geanalyseerd
web-d-calibration = Kalibratie
web-d-calibration-table = Ruwe scores en lidmaatschap van { $set }
web-d-truth-table = Waarheidstabel
web-d-tt-caption = Waargenomen configuraties voor { $outcome }.
web-d-tt-remainders = { $count ->
    [one] 1 configuratie zonder gemeenten (logische rest).
   *[other] { $count } configuraties zonder gemeenten (logische resten).
}
web-d-solutions = Oplossingen
web-d-sol-conservative = Conservatieve oplossing
web-d-sol-parsimonious = Spaarzame oplossing
web-d-sol-intermediate = Intermediaire oplossing (vanuit { $from })
web-d-sol-incomplete = Er zijn meer modellen dan hier staan.
web-d-xy-plots = XY-plots
web-d-xy-help = Elk punt is een gemeente: horizontaal het lidmaatschap in de term of het model, verticaal in de uitkomst. Punten op of boven de diagonaal passen bij voldoendheid.
web-d-xy-link = plot
web-d-contact-intro = Respons en spiegelrapport van uw gemeente in de studie "{ $study }". U ziet alleen uw eigen gemeente.
web-d-mirror-title = Spiegelrapport
web-d-mirror-help = Uw gemeente naast de verdeling van alle gemeenten in de studie; de andere gemeenten worden niet genoemd. Het rapport is een HTML-bestand dat u kunt openen, bewaren en afdrukken.
web-d-mirror-download = Spiegelrapport downloaden (HTML)
