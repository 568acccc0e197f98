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

## Workflow: analysis and exports

wf-d-too-many-conditions = { $count } condities gekozen: de analyse in de pagina neemt er hoogstens { $max }
wf-d-cut = { $field }: "{ $text }" is geen getal van 0 tot en met 1
wf-d-n-cut = frequentiedrempel: "{ $text }" is geen geheel getal van 1 of meer
wf-d-no-municipalities = de studie heeft nog geen gemeenten: voeg eerst gemeenten toe
wf-d-export-failed = de export kon niet worden gemaakt: { $error }
wf-d-export-too-large = de export is te groot voor een werkblad
