# study messages (nl). Keys are shared by both languages; see crates/kantel-i18n/src/lib.rs.

## Answers files (kantel import answers)
answers-no-rows = het bestand heeft een kopregel maar geen rijen met antwoorden
answers-missing-column = verplichte kolom "{ $column }" ontbreekt (ook herkend: { $alternatives })
answers-unknown-item = onbekende itemkolom; de items van de studie zijn { $items }
answers-unknown-item-suggest = onbekende itemkolom; bedoelt u { $suggestion }?
answers-item-twice = item { $item } heeft al kolom nr. { $column }
answers-missing-item = kolom voor item "{ $item }" ontbreekt
answers-no-respondent = respondentnummer ontbreekt
answers-respondent-twice = respondent "{ $respondent }" komt twee keer voor: regels { $first } en { $line }
answers-no-municipality = gemeente ontbreekt
answers-no-group = groep ontbreekt
answers-unknown-group = onbekende groep "{ $group }"; de groepen van de studie zijn { $groups }
answers-not-asked = item { $item } wordt niet gevraagd aan groep { $group } (alleen aan { $groups }); laat de cel leeg
answers-municipality-not-in-study = "{ $text }" is { $name } ({ $code }), maar die gemeente doet niet mee aan de studie ([[municipality]] in het studiebestand)
answers-municipality-ambiguous = "{ $text }" past bij meerdere gemeenten ({ $codes }); gebruik de CBS-code
answers-municipality-unknown = "{ $text }" is geen bekende gemeentenaam of CBS-code (zoals GM0363)
answers-not-yes-no = "{ $answer }" is geen ja/nee-antwoord (ja, nee, yes, no, 1, 0, of leeg/"weet niet" voor geen antwoord)
answers-not-an-answer = "{ $answer }" is geen antwoord (1-5, of "weet niet", "wn", "-" of leeg voor geen antwoord)
answers-not-whole = antwoord { $answer } is geen geheel getal: antwoorden zijn 1, 2, 3, 4 of 5
answers-out-of-range = antwoord { $answer } ligt buiten 1-5

## Places in files
place-file = { $file }: { $message }
place-file-column = { $file }, kolom "{ $column }" (nr. { $number }): { $message }
place-file-line = { $file }, regel { $line }: { $message }
place-file-line-column = { $file }, regel { $line }, kolom "{ $column }" (nr. { $number }): { $message }

## Ratings files (kantel import ratings)
ratings-no-rows = het bestand heeft een kopregel maar geen rijen met oordelen
ratings-set-twice = set { $set } heeft al een kolom
ratings-not-rated = set { $set } wordt niet met een expertoordeel gemeten (measure = "rating" in het studiebestand)
ratings-unknown-column = onbekende kolom; de sets met een expertoordeel zijn { $rated } (opmerkingen mogen in een kolom "toelichting")
ratings-no-sets = geen kolom voor een set met een expertoordeel; verwacht: { $rated }
ratings-municipality-twice = gemeente { $code } staat er al op regel { $first }
ratings-out-of-range = oordeel { $value } ligt buiten 0-1 (lidmaatschapsscores zoals 0, 0.33, 0.67, 1)

## Register tables (kantel import register): why a row was not matched
register-no-key = de rij heeft geen gemeentenaam en geen code
register-name-code-conflict = code { $code } is { $official }, maar de naamkolom zegt "{ $name }" ({ $by_name })
register-duplicate = dezelfde gemeente ({ $code }) als regel { $first }
register-unknown = geen bekende gemeentenaam of CBS-code
register-ambiguous = de naam past bij meerdere gemeenten: { $candidates }
register-merged = in { $year } opgegaan in { $into }{ $boundary ->
    [none] {""}
   *[other] { " " }(grenzen van { $boundary })
}; de fusie voegde samen: { $from }
register-dissolved = in { $year } opgeheven{ $boundary ->
    [none] {""}
   *[other] { " " }(grenzen van { $boundary })
}; het grondgebied ging naar { $successors }
register-not-yet = bestond nog niet{ $boundary ->
    [none] {""}
   *[other] { " " }(grenzen van { $boundary })
}: ontstaan in { $year } uit { $predecessors }
register-matched = gekoppeld aan { $code }

## Study files (kantel study check, and every command that reads one)
study-invalid = { $location }: { $message }
study-parse = regel { $line }, kolom { $column }: { $message }
study-measurement = meting van { $set }: { $message }
study-answer = antwoorden van respondent "{ $respondent }": { $message }
study-calibration = kalibratie van { $set }: { $message }
study-io = bestand: { $error }
study-must-not-be-empty = mag niet leeg zijn
study-municipality-twice = deze gemeentecode komt twee keer voor
study-name-empty = de naam (name) mag niet leeg zijn
study-id-empty = het id mag niet leeg zijn
study-group-twice = dit groeps-id komt twee keer voor
study-set-id-form = het id bestaat uit hoofdletters, cijfers of '_' en begint met een letter (het wordt in Booleaanse expressies gebruikt)
study-set-id-twice = set-id "{ $id }" wordt twee keer gebruikt
study-code-empty = de code mag niet leeg zijn
study-code-twice = code "{ $code }" wordt twee keer gebruikt
study-labels = label_nl en label_en moeten allebei ingevuld zijn
study-scale-no-items = measure is "scale", maar de set heeft geen [[item]]
study-indicator-missing = measure is "indicator", maar er is geen tabel [indicator]
study-items-not-scale = alleen sets met measure = "scale" mogen items hebben
study-item-id-empty = het item-id mag niet leeg zijn
study-item-twice = dit item-id komt twee keer voor in de studie
study-item-texts = text_nl en text_en moeten allebei ingevuld zijn
study-item-no-groups = groups moet ten minste één respondentgroep noemen
study-item-unknown-group = onbekende respondentgroep "{ $group }" (gedefinieerde groepen: { $groups })
study-calibration-unknown-set = er is geen conditie, uitkomst of contextconditie met dit id
study-outcome-wrong-kind = "{ $id }" is een { $kind }, geen uitkomst (outcome)
study-outcome-unknown = "{ $id }" is geen uitkomst in het codeboek
study-no-conditions = noem ten minste één conditie
study-condition-is-outcome = "{ $id }" is een uitkomst, geen conditie
study-condition-unknown = "{ $id }" is geen conditie of contextconditie in het codeboek
study-listed-twice = "{ $id }" staat er twee keer in
study-no-calibration = set "{ $id }" wordt geanalyseerd maar heeft geen tabel [calibration.{ $id }]
study-not-0-1 = { $value } ligt niet tussen 0 en 1
study-at-least-1 = moet ten minste 1 zijn
study-dir-exp-unknown = "{ $expectation }" noemt geen geanalyseerde conditie (schrijf "X" of "~X")
study-count-at-least-1 = een aantal moet ten minste 1 zijn
study-fraction = een fractie moet boven 0 en hoogstens 1 zijn, niet { $value }
cal-justification = justification moet de ankers toelichten
cal-fuzzy-no-thresholds = method "fuzzy" gebruikt exclusion/crossover/inclusion, geen thresholds
cal-fuzzy-needs-anchors = method "fuzzy" heeft exclusion, crossover en inclusion nodig
cal-finite = ankers moeten eindige getallen zijn
cal-order = ankers in de verkeerde volgorde: het kantelpunt (crossover { $crossover }) moet strikt tussen exclusion ({ $exclusion }) en inclusion ({ $inclusion }) liggen
cal-idm-logistic = idm geldt alleen voor logistische kalibratie
cal-idm-range = idm moet tussen 0.5 en 1 liggen (grenzen niet inbegrepen), niet { $idm }
cal-crisp-no-anchors = method "crisp" gebruikt thresholds, geen exclusion/crossover/inclusion
cal-logistic-fuzzy = logistic en idm gelden alleen voor method "fuzzy"
cal-crisp-needs-thresholds = method "crisp" heeft thresholds nodig
cal-thresholds-empty = thresholds mag niet leeg zijn
cal-thresholds-finite = thresholds moeten eindige getallen zijn
cal-thresholds-order = thresholds in de verkeerde volgorde: { $thresholds } moet strikt oplopen

## Reading tables (CSV and spreadsheets)
table-cannot-read = kan het bestand niet lezen: { $error }
table-utf16 = het bestand is UTF-16 gecodeerd; sla het op als UTF-8 (CSV UTF-8)
table-missing-value = ontbrekende waarde in kolom { $column }, regel { $line }
table-no-data-columns = de tabel heeft geen gegevenskolommen naast de casusnamen
table-empty = het bestand is leeg
table-csv-parse = kan de CSV niet lezen: { $error }
table-spreadsheet-open = kan het spreadsheet niet openen: { $error }
table-no-sheets = de werkmap heeft geen werkbladen
table-no-sheet = geen werkblad "{ $sheet }"; de werkbladen zijn { $sheets }
table-sheet-read = kan het werkblad niet lezen: { $error }
table-sheet-empty = het werkblad is leeg
table-no-header-names = de kopregel heeft geen kolomnamen
table-column-no-name = de kolom heeft geen naam in de kopregel
table-duplicate-column = dubbele kolomnaam; kolom nr. { $column } heeft dezelfde naam
table-write-csv = kan de CSV niet schrijven: { $error }
table-not-a-file-name = geen bestandsnaam
table-write-file = kan het bestand niet schrijven: { $error }
table-unknown-column = onbekende kolom "{ $name }" (de kolommen zijn { $columns }){ $suggestion ->
    [none] {""}
   *[other] ; bedoelt u "{ $suggestion }"?
}
table-case-column-as-set = "{ $name }" bevat de namen van de gevallen en kan geen set zijn
table-new-column-name = een nieuwe kolom heeft een naam nodig
table-column-exists = de tabel heeft al een kolom "{ $name }"
table-not-a-number = "{ $text }" is geen getal
table-not-a-number-comma = "{ $text }" is geen getal (het bestand gebruikt een decimale punt; een komma mag niet)
table-not-a-number-point = "{ $text }" is geen getal (het bestand gebruikt een decimale komma; een punt mag niet)
table-mixed-column = { $why } (de kolom bevat ook { $numbers ->
    [one] 1 getal
   *[other] { $numbers } getallen
}, dus wordt hij als getallenkolom gelezen)
register-no-such-column = geen { $what ->
    [code] codekolom
   *[other] naamkolom
} met de naam "{ $name }"; de kolommen zijn { $columns }
register-no-key-column = geen kolom met gemeentenamen of CBS-codes
register-header-year = "{ $year }" na '|' is geen jaartal (verwacht "Indicator|2015")
table-unknown-case-column = er is geen kolom "{ $name }" met de namen van de gevallen; de kolommen zijn { $columns }
table-spreadsheet-is-text = dit is geen spreadsheet maar een tekstbestand (waarschijnlijk CSV met een verkeerde extensie): geef het bestand de extensie .csv
