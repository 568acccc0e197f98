# web messages (nl). Keys are shared by both languages.
# Keys web-r-* belong to the respondent's questionnaire, web-d-* (in dashboard.ftl) to the
# researcher's and contact's pages, the other web-* keys to every page.

## Server

web-bind-failed = kan niet luisteren op { $address }: { $error }
web-serve-failed = de webserver is gestopt door een fout: { $error }

## Every page

web-skip-to-content = Naar de inhoud
web-nav-label = Hoofdmenu
web-lang-label = Taal
web-signed-in-as = Ingelogd als { $email }
web-logout = Uitloggen

## Error pages

web-error-title-denied = Geen toegang
web-error-title-404 = Niet gevonden
web-error-title-409 = Niet meer mogelijk
web-error-title-input = Dit kan zo niet worden verwerkt
web-error-title-429 = Even geduld
web-error-title-500 = Er ging iets mis
web-error-code = Foutcode { $code }
web-error-400 = Het verzoek is onvolledig of onjuist. Ga terug en probeer het opnieuw.
web-error-401 = U moet eerst inloggen.
web-error-403 = U heeft geen toegang tot deze pagina, of het formulier is verlopen. Laad de pagina opnieuw en probeer het nog eens.
web-error-404 = Deze pagina bestaat niet. Controleer of u de link volledig heeft overgenomen.
web-error-405 = Deze pagina kan zo niet worden gebruikt.
web-error-408 = Het verzoek duurde te lang. Probeer het opnieuw.
web-error-409 = Dit kan niet meer.
web-error-413 = Wat u verstuurt is te groot.
web-error-422 = Wat u verstuurt kan niet worden verwerkt.
web-error-429 = Te veel verzoeken in korte tijd. Wacht een minuut en probeer het opnieuw.
web-error-500 = Er ging aan onze kant iets mis. Uw eerder opgeslagen antwoorden zijn bewaard. Probeer het later opnieuw.

## Signing in

web-login-title = Inloggen
web-login-email = E-mailadres
web-login-password = Wachtwoord
web-login-submit = Inloggen
web-login-failed = Het e-mailadres of het wachtwoord klopt niet.
web-login-respondent-hint = Vult u een vragenlijst in? Dan heeft u geen account nodig: gebruik de persoonlijke link uit uw uitnodiging.

## The questionnaire

web-r-start = Begin met de vragenlijst
web-r-continue = Ga verder waar u was
web-r-intro-group = U vult de vragenlijst in als: { $group }.
web-r-intro-size = De vragenlijst heeft { $sections ->
    [one] één deel
   *[other] { $sections } delen
}
web-r-intro-items = met samen { $items ->
    [one] één vraag.
   *[other] { $items } vragen.
}
web-r-intro-saving = Elk antwoord wordt meteen bewaard. U kunt op elk moment stoppen en later met dezelfde link verder gaan; uw antwoorden staan er dan nog.
web-r-intro-dont-know = Weet u het antwoord op een vraag niet, kies dan ‘Weet ik niet’.
web-r-intro-private = Deze link is persoonlijk: iedereen die hem heeft, kan uw antwoorden zien en wijzigen. Deel hem niet.
web-r-back-to-intro = Terug naar de uitleg
web-r-section-help = Kies bij elke uitspraak het antwoord dat het best past. Uw antwoord wordt bewaard zodra u het kiest.
web-r-progress-section = Deel { $n } van { $total }
web-r-progress-answered = { $answered } van { $total ->
    [one] één vraag
   *[other] { $total } vragen
} beantwoord
web-r-likert-1 = Helemaal mee oneens
web-r-likert-2 = Mee oneens
web-r-likert-3 = Niet eens, niet oneens
web-r-likert-4 = Mee eens
web-r-likert-5 = Helemaal mee eens
web-r-yes = Ja
web-r-no = Nee
web-r-dont-know = Weet ik niet
web-r-next = Opslaan en verder
web-r-previous = Opslaan en terug
web-r-to-review = Opslaan en naar het overzicht
web-r-saved = Bewaard
web-r-review-title = Overzicht van uw antwoorden
web-r-review-unanswered = U heeft { $count ->
    [one] één vraag
   *[other] { $count } vragen
} nog niet beantwoord. U kunt ze hieronder vinden en alsnog beantwoorden, of de vragenlijst toch verzenden.
web-r-review-complete = U heeft alle vragen beantwoord.
web-r-review-answer = Uw antwoord: { $answer }
web-r-review-missing = Nog niet beantwoord
web-r-review-edit = Antwoorden bij ‘{ $section }’ wijzigen
web-r-submit-warning = Na het verzenden kunt u uw antwoorden niet meer wijzigen.
web-r-submit = Vragenlijst verzenden
web-r-submitted-title = Bedankt
web-r-submitted = Uw antwoorden zijn verzonden ({ $date }). Hartelijk dank voor uw medewerking. Via deze link kunt u niets meer wijzigen.
web-r-closed-title = De vragenlijst is gesloten
web-r-closed = Het onderzoek is gesloten: er worden geen antwoorden meer aangenomen. Antwoorden die u eerder gaf, zijn bewaard.
web-r-error-item = de vraag { $item } hoort niet bij uw vragenlijst
web-r-error-value = { $value } is geen geldig antwoord op vraag { $item }
web-r-error-no-item = er is niet aangegeven bij welke vraag het antwoord hoort
