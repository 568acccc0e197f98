# cli messages (en). Keys are shared by both languages; see crates/kantel-i18n/src/lib.rs.

## Workflow (kantel-workflow): studies, imports, analyses, demo
wf-study-file = study file { $path }: { $error }
wf-io = { $path }: { $error }
wf-no-database = no database yet: { $path } does not exist. Import data first with `kantel import answers` (or `register`, `ratings`).
wf-empty-database = { $path } is empty (0 bytes), so not a kantel database; the file was probably truncated. Restore a backup, or remove the file to start afresh.
wf-year-out-of-range = { $option } { $year } is not a plausible year: choose a year from { $from } to { $to }
wf-register-nothing-matched = { $file }: none of the { $rows } rows matched a municipality, nothing was stored (first reason: { $first })
wf-register-no-year = { $file }: indicator "{ $indicator }" has no year; give --year, or put the year in the column header ("{ $indicator }|2017")
wf-coverage = { $set } (indicator "{ $indicator }"): { $have } of { $total } municipalities, year { $year }
wf-coverage-none = { $set } (indicator "{ $indicator }"): no values for this set yet (0 of { $total } municipalities); a column is named after the set or the indicator
wf-without-value = without a value: { $list }
wf-note-municipality-left = answers of { $code } ({ $respondents } respondents) are stored, but that municipality is no longer in the study file: they are left out
wf-note-item-unknown = { $answers } stored answers to item { $item } are left out: the item is no longer in the codebook
wf-note-item-not-asked = { $answers } stored answers to item { $item } by group { $group } are left out: the item is not (or no longer) asked of that group
wf-pdf-no-browser = a PDF needs Chromium: install the Debian package `chromium` or set KANTEL_CHROMIUM to a Chromium or Chrome binary (the HTML report was written)
wf-pdf-failed = { $browser } could not print { $html } to { $pdf }
wf-demo-dir-foreign = { $dir } exists and is not an earlier kantel demo: choose another folder with --dir
wf-demo-dir-files = { $dir } holds files that are not the demo's: { $files }
wf-demo-size = --municipalities { $n }: a demo simulates { $from } to { $to } municipalities

## kantel study, import, analyse, report, demo
cli-init-exists = { $file } exists already (use --force to overwrite)
cli-init-written = Study template written to { $file }
cli-check = { $name }: { $municipalities } municipalities, { $groups } respondent groups, { $sets } sets, { $items } items
cli-import-written = { $file }: imported as import { $id } (data version { $version }); { $what }
cli-import-unchanged-stored = { $file }: everything in this file is stored like this already, nothing changed
cli-import-unchanged = { $file }: this content is stored already (import { $id }), nothing changed
cli-answers-written = { $respondents } respondents ({ $created } new), { $values } answers stored
cli-register-written = { $rows } rows matched, { $missing } empty cells (missing, not 0)
cli-ratings-written = ratings stored
cli-ratings-coverage = { $set }: { $have } of { $total } municipalities rated
cli-ignored-columns = survey-tool columns left aside: { $columns }
cli-matched-name = municipality "{ $text }" recognised as { $code }
cli-without-answers = { $n ->
    [one] 1 study municipality has no answers yet: { $list }
   *[other] { $n } study municipalities have no answers yet: { $list }
}
cli-unmatched = not matched ({ $n }):
cli-unmatched-row = { "  " }line { $line }: { $name } — { $reason }
cli-solution-parsimonious = parsimonious solution ({ $models } { $models ->
    [one] model
   *[other] models
}; { $cases } of { $total } municipalities analysed):
cli-solution-conservative = conservative solution ({ $models } { $models ->
    [one] model
   *[other] models
}; { $cases } of { $total } municipalities analysed):
cli-no-solution = no solution
cli-note = note: { $text }
cli-warning = warning: { $text }
cli-sets-written = Memberships written to { $path }
cli-report-written = Report written to { $path }
cli-demo-simulated = SIMULATED study ({ $n } municipalities, not real data)
cli-demo-recovered = planted structure { $planted }: recovered
cli-demo-not-recovered = planted structure { $planted }: found { $found }; not found { $missing }. With few municipalities not every configuration occurs (limited diversity), so a planted term can stay hidden; see the report.
wf-unmatched-first = { $name }: { $reason }
cli-replaced = import { $id } replaced:
cli-removed = import { $id } ({ $file }) removed: { $respondents } respondents, { $answers } answers and { $values } register values deleted; data version now { $version }
cli-list-version = data version { $version }; { $active } active imports
cli-list-status = { $status }
cli-list-replaced-by = replaced by import { $id }
cli-list-import = { "  " }import { $id }: { $kind } from { $file } (sha256 { $sha }…, { $at }, { $rows } rows): { $status }
cli-list-events = history:
cli-list-event = { "  " }version { $version }: { $action ->
    [import] imported
    [replace] replaced
    [remove] removed
   *[other] { $action }
} import { $id } ({ $file }, { $at }); added { $added_respondents } respondents, { $added_answers } answers, { $added_values } values; removed { $removed_respondents } respondents, { $removed_answers } answers, { $removed_values } values
cli-data-version = data version { $version } (active imports: { $imports }; { $answers ->
    [one] 1 answer
   *[other] { $answers } answers
} stored, imported and from the web)
cli-step-failed = step failed: { $step }: { $reason }
cli-strict-failed = --strict: not every analysis step succeeded ({ $steps })
wf-file-changed = { $path } changed while it was being read; nothing was stored. Import it again.
cli-arg-unknown = unknown option { $arg }{ $suggestion ->
    [none] {""}
   *[other] ; did you mean { $suggestion }?
}
cli-arg-unknown-command = unknown command "{ $command }"
cli-arg-invalid-value = invalid value "{ $value }" for { $arg }; possible: { $valid }
cli-arg-not-valid = invalid value "{ $value }" for { $arg }
cli-arg-missing = these options are required: { $args }
cli-arg-conflict = { $arg } cannot be used with { $other }
cli-arg-help = More information: kantel --help (or kantel COMMAND --help)
cli-stdout-failed = cannot write the output: { $error }
wf-password-hash = the password could not be hashed: { $error }
wf-password-short = the password is too short: use at least { $min } characters
wf-password-long = the password is too long: use at most { $max } characters
wf-email-invalid = "{ $email }" is not an e-mail address
wf-base-url = "{ $url }" is not a usable web address for the links: use for example https://survey.example.org
wf-invite-municipality = municipality "{ $municipality }" is not part of this study (municipalities in the study: { $known })
wf-invite-group = respondent group "{ $group }" does not exist in this study (groups: { $known })
wf-invite-count = { $count } links is not possible: choose a number from 1 to { $max }
wf-stored-study = the stored definition of study { $id } is invalid: { $error }
cli-password-prompt = Password (at least 10 characters; it is shown):
cli-password-read = the password could not be read from standard input: { $error }
cli-password-empty = no password received: give it on standard input, for example `kantel user add … < password.txt`
cli-user-researcher-municipality = a researcher sees all municipalities: leave out --municipality, or choose --role contact
cli-user-contact-municipality = a contact belongs to one municipality: give --municipality CODE
cli-user-added = account { $email } added ({ $role ->
    [researcher] researcher
   *[other] { $role }
})
cli-user-added-contact = account { $email } added (contact of { $municipality })
cli-links-exists = { $file } exists already: choose a new file name (the links in an existing file would otherwise be lost)
cli-links-written = { $count ->
    [one] 1 personal link
   *[other] { $count } personal links
} written to { $file } ({ $first } … { $last }). Keep this file safe: the links are nowhere else, the database keeps only a fingerprint.
cli-serve-what = which study? Give --study study.toml (the SQLite database next to it) or --database postgres://… (all studies in that database)
cli-serve-started = kantel is listening on { $address } (stop: Ctrl-C)

## Progress of long searches (drawn on stderr after a second)
progress-minimize = minimizing
progress-prime-implicants = prime implicants
progress-cover = minimal covers
progress-necessity = necessity: expressions
progress-cna = cna: candidates
progress-retention = retention: combinations
progress-robustness = robustness: steps
