# web messages (en). Keys are shared by both languages.
# Keys web-r-* belong to the respondent's questionnaire, web-d-* (in dashboard.ftl) to the
# researcher's and contact's pages, the other web-* keys to every page.

## Server

web-bind-failed = cannot listen on { $address }: { $error }
web-serve-failed = the web server stopped with an error: { $error }

## Every page

web-skip-to-content = Skip to content
web-nav-label = Main menu
web-lang-label = Language
web-signed-in-as = Signed in as { $email }
web-logout = Sign out

## Error pages

web-error-title-denied = No access
web-error-title-404 = Not found
web-error-title-409 = No longer possible
web-error-title-input = This cannot be processed
web-error-title-429 = Please wait
web-error-title-500 = Something went wrong
web-error-code = Error code { $code }
web-error-400 = The request is incomplete or incorrect. Go back and try again.
web-error-401 = Please sign in first.
web-error-403 = You do not have access to this page, or the form has expired. Reload the page and try again.
web-error-404 = This page does not exist. Check that you copied the whole link.
web-error-405 = This page cannot be used this way.
web-error-408 = The request took too long. Please try again.
web-error-409 = This is no longer possible.
web-error-413 = What you are sending is too large.
web-error-422 = What you are sending cannot be processed.
web-error-429 = Too many requests in a short time. Wait a minute and try again.
web-error-500 = Something went wrong on our side. Answers you saved before are kept. Please try again later.

## Signing in

web-login-title = Sign in
web-login-email = E-mail address
web-login-password = Password
web-login-submit = Sign in
web-login-failed = The e-mail address or the password is wrong.
web-login-respondent-hint = Are you filling in a questionnaire? Then you need no account: use the personal link from your invitation.

## The questionnaire

web-r-start = Start the questionnaire
web-r-continue = Continue where you were
web-r-intro-group = You answer the questionnaire as: { $group }.
web-r-intro-size = The questionnaire has { $sections ->
    [one] one part
   *[other] { $sections } parts
}
web-r-intro-items = with { $items ->
    [one] one question.
   *[other] { $items } questions in all.
}
web-r-intro-saving = Every answer is saved at once. You can stop at any time and continue later with the same link; your answers will still be there.
web-r-intro-dont-know = If you do not know the answer to a question, choose ‘Don't know’.
web-r-intro-private = This link is personal: anyone who has it can see and change your answers. Do not share it.
web-r-back-to-intro = Back to the introduction
web-r-section-help = For each statement, choose the answer that fits best. Your answer is saved as soon as you choose it.
web-r-progress-section = Part { $n } of { $total }
web-r-progress-answered = { $answered } of { $total ->
    [one] one question
   *[other] { $total } questions
} answered
web-r-likert-1 = Strongly disagree
web-r-likert-2 = Disagree
web-r-likert-3 = Neither agree nor disagree
web-r-likert-4 = Agree
web-r-likert-5 = Strongly agree
web-r-yes = Yes
web-r-no = No
web-r-dont-know = Don't know
web-r-next = Save and continue
web-r-previous = Save and go back
web-r-to-review = Save and review your answers
web-r-saved = Saved
web-r-review-title = Review of your answers
web-r-review-unanswered = You have not answered { $count ->
    [one] one question
   *[other] { $count } questions
} yet. You can find them below and answer them still, or submit the questionnaire as it is.
web-r-review-complete = You have answered every question.
web-r-review-answer = Your answer: { $answer }
web-r-review-missing = Not answered yet
web-r-review-edit = Change the answers on ‘{ $section }’
web-r-submit-warning = After submitting you can no longer change your answers.
web-r-submit = Submit the questionnaire
web-r-submitted-title = Thank you
web-r-submitted = Your answers have been submitted ({ $date }). Thank you for taking part. Nothing can be changed through this link any more.
web-r-closed-title = The questionnaire is closed
web-r-closed = The study is closed: no more answers are accepted. Answers you gave before are kept.
web-r-error-item = question { $item } is not part of your questionnaire
web-r-error-value = { $value } is not a valid answer to question { $item }
web-r-error-no-item = the answer does not say which question it belongs to
