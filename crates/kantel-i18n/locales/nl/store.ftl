# store messages (nl). Keys are shared by both languages; see crates/kantel-i18n/src/lib.rs.
store-not-a-database = { $path } is geen kantel-database (het is geen SQLite-bestand)
store-corrupt = de database { $path } is beschadigd (SQLite: database disk image is malformed); zet een reservekopie terug
store-read-only = kan niet schrijven naar de database { $path }: het bestand is alleen-lezen
store-busy = de database { $path } bleef { $seconds } s bezet door een andere schrijver; probeer het opnieuw
store-folder-missing = kan de database { $path } niet maken: de map bestaat niet
store-not-a-file = { $path } is geen databasebestand
store-cannot-open = kan de database { $path } niet openen: { $error }
store-unknown-import = deze studie heeft geen import { $id } (zie `kantel import list`)
store-import-not-active = import { $id } is { $status ->
    [replaced] al vervangen
    [removed] al verwijderd
   *[other] { $status }
}; alleen een actieve import kan worden vervangen of verwijderd (zie `kantel import list`)
store-import-kind = import { $id } bevat { $kind }, maar het nieuwe bestand bevat { $given }
store-respondent-mismatch = respondent "{ $respondent }" is opgeslagen bij { $stored_municipality } (groep { $stored_group }), maar deze rij zegt { $municipality } (groep { $group }); vervang de oude import met `kantel import replace` als dit een correctie is
store-answer-range = antwoord { $value } op item { $item } ligt buiten het bereik
store-unsupported-url = databaseadres { $url } wordt niet ondersteund: gebruik een SQLite-bestand (standaard) of postgres://GEBRUIKER@HOST:POORT/DATABASE
store-connect = kan geen verbinding maken met { $url }: { $error }
store-migrate = bijwerken van het databaseschema mislukt: { $error }
store-migrate-fk = bijwerken van het databaseschema mislukt: tabel { $table } heeft rijen die een verwijzing breken (er is niets veranderd)
store-database = databasefout: { $error }
store-row = rij { $row }: { $problem }
store-other = databasefout: { $error }
store-study-closed = de studie is gesloten: er worden geen antwoorden meer aangenomen
store-already-submitted = de vragenlijst is al verzonden: er worden geen antwoorden meer aangenomen
store-unknown-token = deze persoonlijke link is onbekend of niet meer geldig
store-duplicate-email = er bestaat al een account voor { $email }
store-unknown-study-municipality = gemeente { $code } hoort niet bij deze studie (zet haar eerst in het studiebestand)
store-unknown-study = er is geen studie met nummer { $id }
store-duplicate-study-name = er bestaat al een studie met de naam "{ $name }"
store-row-unknown-municipality = gemeente { $code } hoort niet bij deze studie
store-row-respondent-exists = respondent "{ $respondent }" bestaat al in deze studie
store-row-empty = { $field } is leeg
store-row-duplicate = { $key } komt meer dan eens voor (voor het eerst in rij { $first })
