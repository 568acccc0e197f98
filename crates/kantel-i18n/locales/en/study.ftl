# study messages (en). Keys are shared by both languages; see crates/kantel-i18n/src/lib.rs.

## Answers files (kantel import answers)
answers-no-rows = the file has a header but no rows of answers
answers-missing-column = missing required column "{ $column }" (also recognised: { $alternatives })
answers-unknown-item = unknown item column; the study's items are { $items }
answers-unknown-item-suggest = unknown item column; did you mean { $suggestion }?
answers-item-twice = item { $item } already has column no. { $column }
answers-missing-item = missing required column for item "{ $item }"
answers-no-respondent = missing respondent id
answers-respondent-twice = respondent "{ $respondent }" occurs twice: lines { $first } and { $line }
answers-no-municipality = missing municipality
answers-no-group = missing group
answers-unknown-group = unknown group "{ $group }"; the study's groups are { $groups }
answers-not-asked = item { $item } is not asked of group { $group } (only of { $groups }); leave the cell empty
answers-municipality-not-in-study = "{ $text }" is { $name } ({ $code }), but that municipality is not part of the study ([[municipality]] in the study file)
answers-municipality-ambiguous = "{ $text }" fits several municipalities ({ $codes }); use the CBS code
answers-municipality-unknown = "{ $text }" is not a known municipality name or CBS code (such as GM0363)
answers-not-yes-no = "{ $answer }" is not a yes/no answer (ja, nee, yes, no, 1, 0, or empty/"weet niet" for no answer)
answers-not-an-answer = "{ $answer }" is not an answer (1-5, or "weet niet", "wn", "-" or empty for no answer)
answers-not-whole = answer { $answer } is not a whole number: answers are 1, 2, 3, 4 or 5
answers-out-of-range = answer { $answer } is outside 1-5

## Places in files
place-file = { $file }: { $message }
place-file-column = { $file }, column "{ $column }" (no. { $number }): { $message }
place-file-line = { $file }, line { $line }: { $message }
place-file-line-column = { $file }, line { $line }, column "{ $column }" (no. { $number }): { $message }

## Ratings files (kantel import ratings)
ratings-no-rows = the file has a header but no rows of ratings
ratings-set-twice = set { $set } already has a column
ratings-not-rated = set { $set } is not measured by an expert rating (measure = "rating" in the study file)
ratings-unknown-column = unknown column; the rated sets are { $rated } (remarks may go in a column "toelichting")
ratings-no-sets = no column for a rated set; expected: { $rated }
ratings-municipality-twice = municipality { $code } is already on line { $first }
ratings-out-of-range = rating { $value } is outside 0-1 (membership scores such as 0, 0.33, 0.67, 1)

## Register tables (kantel import register): why a row was not matched
register-no-key = the row has neither a municipality name nor a code
register-name-code-conflict = code { $code } is { $official }, but the name column says "{ $name }" ({ $by_name })
register-duplicate = same municipality ({ $code }) as line { $first }
register-unknown = not a known municipality name or CBS code
register-ambiguous = the name fits several municipalities: { $candidates }
register-merged = merged into { $into } in { $year }{ $boundary ->
    [none] {""}
   *[other] { " " }(boundaries of { $boundary })
}; the merger combined { $from }
register-dissolved = dissolved in { $year }{ $boundary ->
    [none] {""}
   *[other] { " " }(boundaries of { $boundary })
}; its territory went to { $successors }
register-not-yet = did not exist yet{ $boundary ->
    [none] {""}
   *[other] { " " }(boundaries of { $boundary })
}: created in { $year } from { $predecessors }
register-matched = matched { $code }

## Study files (kantel study check, and every command that reads one)
study-invalid = { $location }: { $message }
study-parse = line { $line }, column { $column }: { $message }
study-measurement = measurement of { $set }: { $message }
study-answer = answers, respondent "{ $respondent }": { $message }
study-calibration = calibration of { $set }: { $message }
study-io = file: { $error }
study-must-not-be-empty = must not be empty
study-municipality-twice = this municipality code occurs twice
study-name-empty = name must not be empty
study-id-empty = id must not be empty
study-group-twice = this group id occurs twice
study-set-id-form = id must be upper-case letters, digits or '_', starting with a letter (it is used in Boolean expressions)
study-set-id-twice = set id "{ $id }" is used twice
study-code-empty = code must not be empty
study-code-twice = code "{ $code }" is used twice
study-labels = label_nl and label_en must both be given
study-scale-no-items = measure is "scale" but the set has no [[item]]
study-indicator-missing = measure is "indicator" but there is no [indicator] table
study-items-not-scale = only sets with measure = "scale" may have items
study-item-id-empty = item id must not be empty
study-item-twice = this item id occurs twice in the study
study-item-texts = text_nl and text_en must both be given
study-item-no-groups = groups must name at least one respondent group
study-item-unknown-group = unknown respondent group "{ $group }" (defined groups: { $groups })
study-calibration-unknown-set = there is no condition, outcome or context with this id
study-outcome-wrong-kind = "{ $id }" is a { $kind }, not an outcome
study-outcome-unknown = "{ $id }" is not an outcome in the codebook
study-no-conditions = list at least one condition
study-condition-is-outcome = "{ $id }" is an outcome, not a condition
study-condition-unknown = "{ $id }" is not a condition or context condition in the codebook
study-listed-twice = "{ $id }" is listed twice
study-no-calibration = set "{ $id }" is analysed but has no [calibration.{ $id }] table
study-not-0-1 = { $value } is not between 0 and 1
study-at-least-1 = must be at least 1
study-dir-exp-unknown = "{ $expectation }" does not name an analysed condition (write "X" or "~X")
study-count-at-least-1 = a count must be at least 1
study-fraction = a fraction must be above 0 and at most 1, got { $value }
cal-justification = justification must explain the anchors
cal-fuzzy-no-thresholds = method "fuzzy" takes exclusion/crossover/inclusion, not thresholds
cal-fuzzy-needs-anchors = method "fuzzy" needs exclusion, crossover and inclusion
cal-finite = anchors must be finite numbers
cal-order = anchors in wrong order: the crossover ({ $crossover }) must lie strictly between exclusion ({ $exclusion }) and inclusion ({ $inclusion })
cal-idm-logistic = idm applies to logistic calibration only
cal-idm-range = idm must lie between 0.5 and 1 (exclusive), got { $idm }
cal-crisp-no-anchors = method "crisp" takes thresholds, not exclusion/crossover/inclusion
cal-logistic-fuzzy = logistic and idm apply to method "fuzzy" only
cal-crisp-needs-thresholds = method "crisp" needs thresholds
cal-thresholds-empty = thresholds must not be empty
cal-thresholds-finite = thresholds must be finite numbers
cal-thresholds-order = thresholds in wrong order: { $thresholds } must be strictly increasing

## Reading tables (CSV and spreadsheets)
table-cannot-read = cannot read file: { $error }
table-utf16 = the file is UTF-16 encoded; save it as UTF-8 (CSV UTF-8)
table-missing-value = missing value in column { $column }, line { $line }
table-no-data-columns = the table has no data columns besides the case identifiers
table-empty = the file is empty
table-csv-parse = cannot parse CSV: { $error }
table-spreadsheet-open = cannot open spreadsheet: { $error }
table-no-sheets = the workbook has no sheets
table-no-sheet = no sheet named "{ $sheet }"; the sheets are { $sheets }
table-sheet-read = cannot read sheet: { $error }
table-sheet-empty = the sheet is empty
table-no-header-names = the header has no column names
table-column-no-name = the column has no name in the header
table-duplicate-column = duplicate column name; column no. { $column } has the same name
table-write-csv = cannot write CSV: { $error }
table-not-a-file-name = not a file name
table-write-file = cannot write file: { $error }
table-unknown-column = unknown column "{ $name }" (the columns are { $columns }){ $suggestion ->
    [none] {""}
   *[other] ; did you mean "{ $suggestion }"?
}
table-case-column-as-set = "{ $name }" holds the case identifiers and cannot be a set
table-new-column-name = a new column needs a name
table-column-exists = the table already has a column named "{ $name }"
table-not-a-number = "{ $text }" is not a number
table-not-a-number-comma = "{ $text }" is not a number (the file uses a decimal point; a comma is not allowed)
table-not-a-number-point = "{ $text }" is not a number (the file uses a decimal comma; a point is not allowed)
table-mixed-column = { $why } (the column also holds { $numbers ->
    [one] 1 number
   *[other] { $numbers } numbers
}, so it is read as a column of numbers)
register-no-such-column = no { $what } column named "{ $name }"; the columns are { $columns }
register-no-key-column = no column with municipality names or CBS codes
register-header-year = "{ $year }" after '|' is not a year (expected "Indicator|2015")
table-unknown-case-column = no case column named "{ $name }"; the columns are { $columns }
table-spreadsheet-is-text = this is not a spreadsheet but a text file (probably CSV with the wrong extension): give the file the extension .csv
