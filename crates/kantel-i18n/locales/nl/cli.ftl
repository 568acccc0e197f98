# cli messages (nl). Keys are shared by both languages; see crates/kantel-i18n/src/lib.rs.

## Workflow (kantel-workflow): studies, imports, analyses, demo
wf-study-file = studiebestand { $path }: { $error }
wf-io = { $path }: { $error }
wf-no-database = nog geen database: { $path } bestaat niet. Lees eerst gegevens in met `kantel import answers` (of `register`, `ratings`).
wf-empty-database = { $path } is leeg (0 bytes) en dus geen kantel-database; het bestand is waarschijnlijk afgekapt. Zet een reservekopie terug, of verwijder het bestand om opnieuw te beginnen.
wf-year-out-of-range = { $option } { $year } is geen plausibel jaar: kies een jaar van { $from } tot en met { $to }
wf-register-nothing-matched = { $file }: geen van de { $rows } rijen is aan een gemeente gekoppeld, er is niets opgeslagen (eerste reden: { $first })
wf-register-no-year = { $file }: indicator "{ $indicator }" heeft geen jaar; geef --year, of zet het jaar in de kolomkop ("{ $indicator }|2017")
wf-coverage = { $set } (indicator "{ $indicator }"): { $have } van { $total } gemeenten, jaar { $year }
wf-coverage-none = { $set } (indicator "{ $indicator }"): nog geen waarden voor deze set (0 van { $total } gemeenten); een kolom heet naar de set of naar de indicator
wf-without-value = zonder waarde: { $list }
wf-note-municipality-left = antwoorden van { $code } ({ $respondents } respondenten) zijn opgeslagen, maar die gemeente staat niet meer in het studiebestand: ze tellen niet mee
wf-note-item-unknown = { $answers } opgeslagen antwoorden op item { $item } tellen niet mee: het item staat niet meer in het codeboek
wf-note-item-not-asked = { $answers } opgeslagen antwoorden op item { $item } van groep { $group } tellen niet mee: het item wordt niet (meer) aan die groep gevraagd
wf-pdf-no-browser = voor een PDF is Chromium nodig: installeer het Debian-pakket `chromium` of zet KANTEL_CHROMIUM op een Chromium- of Chrome-programma (het HTML-rapport is wel geschreven)
wf-pdf-failed = { $browser } kon { $html } niet afdrukken naar { $pdf }
wf-demo-dir-foreign = { $dir } bestaat al en is geen eerdere kantel-demo: kies een andere map met --dir
wf-demo-dir-files = { $dir } bevat bestanden die niet van de demo zijn: { $files }
wf-demo-size = --municipalities { $n }: een demo simuleert { $from } tot en met { $to } gemeenten

## kantel study, import, analyse, report, demo
cli-init-exists = { $file } bestaat al (gebruik --force om te overschrijven)
cli-init-written = Studiesjabloon geschreven naar { $file }
cli-check = { $name }: { $municipalities } gemeenten, { $groups } respondentgroepen, { $sets } sets, { $items } items
cli-import-written = { $file }: ingelezen als import { $id } (gegevensversie { $version }); { $what }
cli-import-unchanged-stored = { $file }: alles in dit bestand is al zo opgeslagen, niets veranderd
cli-import-unchanged = { $file }: deze inhoud is al opgeslagen (import { $id }), niets veranderd
cli-answers-written = { $respondents } respondenten ({ $created } nieuw), { $values } antwoorden opgeslagen
cli-register-written = { $rows } rijen gekoppeld, { $missing } lege cellen (ontbrekend, niet 0)
cli-ratings-written = oordelen opgeslagen
cli-ratings-coverage = { $set }: { $have } van { $total } gemeenten beoordeeld
cli-ignored-columns = kolommen van het enquêteprogramma overgeslagen: { $columns }
cli-matched-name = gemeente "{ $text }" herkend als { $code }
cli-without-answers = { $n ->
    [one] 1 gemeente van de studie heeft nog geen antwoorden: { $list }
   *[other] { $n } gemeenten van de studie hebben nog geen antwoorden: { $list }
}
cli-unmatched = niet gekoppeld ({ $n }):
cli-unmatched-row = { "  " }regel { $line }: { $name } — { $reason }
cli-solution-parsimonious = spaarzame oplossing ({ $models } { $models ->
    [one] model
   *[other] modellen
}; { $cases } van { $total } gemeenten geanalyseerd):
cli-solution-conservative = conservatieve oplossing ({ $models } { $models ->
    [one] model
   *[other] modellen
}; { $cases } van { $total } gemeenten geanalyseerd):
cli-no-solution = geen oplossing
cli-note = let op: { $text }
cli-warning = waarschuwing: { $text }
cli-sets-written = Lidmaatschappen geschreven naar { $path }
cli-report-written = Rapport geschreven naar { $path }
cli-demo-simulated = GESIMULEERDE studie ({ $n } gemeenten, geen echte gegevens)
cli-demo-recovered = geplante structuur { $planted }: teruggevonden
cli-demo-not-recovered = geplante structuur { $planted }: gevonden { $found }; niet gevonden { $missing }. Met weinig gemeenten komen niet alle configuraties voor (beperkte diversiteit), zodat een geplante term verborgen kan blijven; zie het rapport.
wf-unmatched-first = { $name }: { $reason }
cli-replaced = import { $id } vervangen:
cli-removed = import { $id } ({ $file }) verwijderd: { $respondents } respondenten, { $answers } antwoorden en { $values } registerwaarden gewist; gegevensversie nu { $version }
cli-list-version = gegevensversie { $version }; { $active } actieve imports
cli-list-status = { $status ->
    [active] actief
    [removed] verwijderd
   *[other] { $status }
}
cli-list-replaced-by = vervangen door import { $id }
cli-list-import = { "  " }import { $id }: { $kind } uit { $file } (sha256 { $sha }…, { $at }, { $rows } rijen): { $status }
cli-list-events = geschiedenis:
cli-list-event = { "  " }versie { $version }: { $action ->
    [import] ingelezen
    [replace] vervangen
    [remove] verwijderd
   *[other] { $action }
} import { $id } ({ $file }, { $at }); erbij { $added_respondents } respondenten, { $added_answers } antwoorden, { $added_values } waarden; eraf { $removed_respondents } respondenten, { $removed_answers } antwoorden, { $removed_values } waarden
cli-data-version = gegevensversie { $version } (actieve imports: { $imports }; { $answers ->
    [one] 1 antwoord
   *[other] { $answers } antwoorden
} opgeslagen, ingelezen en via het web)
cli-step-failed = stap mislukt: { $step }: { $reason }
cli-strict-failed = --strict: niet alle analysestappen zijn gelukt ({ $steps })
wf-file-changed = { $path } veranderde terwijl het werd gelezen; er is niets opgeslagen. Lees het opnieuw in.
cli-arg-unknown = onbekende optie { $arg }{ $suggestion ->
    [none] {""}
   *[other] ; bedoelt u { $suggestion }?
}
cli-arg-unknown-command = onbekende opdracht "{ $command }"
cli-arg-invalid-value = ongeldige waarde "{ $value }" voor { $arg }; mogelijk: { $valid }
cli-arg-not-valid = ongeldige waarde "{ $value }" voor { $arg }
cli-arg-missing = deze opties zijn verplicht: { $args }
cli-arg-conflict = { $arg } gaat niet samen met { $other }
cli-arg-help = Meer informatie: kantel --help (of kantel OPDRACHT --help)
cli-stdout-failed = kan de uitvoer niet schrijven: { $error }
wf-password-hash = het wachtwoord kon niet worden versleuteld: { $error }
wf-password-short = het wachtwoord is te kort: gebruik minstens { $min } tekens
wf-password-long = het wachtwoord is te lang: gebruik hoogstens { $max } tekens
wf-email-invalid = "{ $email }" is geen e-mailadres
wf-base-url = "{ $url }" is geen bruikbaar webadres voor de links: gebruik bijvoorbeeld https://enquete.voorbeeld.nl
wf-invite-municipality = gemeente "{ $municipality }" hoort niet bij deze studie (gemeenten in de studie: { $known })
wf-invite-group = respondentgroep "{ $group }" bestaat niet in deze studie (groepen: { $known })
wf-invite-count = { $count } links is niet mogelijk: kies een aantal van 1 tot en met { $max }
wf-stored-study = de opgeslagen studiedefinitie van studie { $id } is ongeldig: { $error }
cli-password-prompt = Wachtwoord (minstens 10 tekens; het wordt getoond):
cli-password-read = het wachtwoord kon niet van de standaardinvoer worden gelezen: { $error }
cli-password-empty = geen wachtwoord ontvangen: geef het op de standaardinvoer, bijvoorbeeld `kantel user add … < wachtwoord.txt`
cli-user-researcher-municipality = een onderzoeker ziet alle gemeenten: laat --municipality weg, of kies --role contact
cli-user-contact-municipality = een contactpersoon hoort bij één gemeente: geef --municipality CODE
cli-user-added = account { $email } toegevoegd ({ $role ->
    [researcher] onderzoeker
   *[other] { $role }
})
cli-user-added-contact = account { $email } toegevoegd (contactpersoon van { $municipality })
cli-links-exists = { $file } bestaat al: kies een nieuwe bestandsnaam (de links in een bestaand bestand zouden anders verloren gaan)
cli-links-written = { $count ->
    [one] 1 persoonlijke link
   *[other] { $count } persoonlijke links
} geschreven naar { $file } ({ $first } … { $last }). Bewaar dit bestand goed: de links staan nergens anders, de database bewaart alleen een vingerafdruk.
cli-serve-what = welke studie? Geef --study studie.toml (de SQLite-database ernaast) of --database postgres://… (alle studies in die database)
cli-serve-started = kantel luistert op { $address } (stoppen: Ctrl-C)

## Voortgang van lange zoektochten (na een seconde op stderr getekend)
progress-minimize = minimaliseren
progress-prime-implicants = priemimplicanten
progress-cover = minimale bedekkingen
progress-necessity = noodzakelijkheid: expressies
progress-cna = cna: kandidaten
progress-retention = retentie: combinaties
progress-robustness = robuustheid: stappen
