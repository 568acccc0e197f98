# Dashboard, researcher and contact pages, and their workflows (en). Keys web-d-* (pages)
# and wf-d-* (workflow messages); the same keys as nl/dashboard.ftl.

## Workflow: studies, municipalities, respondents

wf-d-study-name = "{ $name }" is not a valid study name: use 1 to { $max } letters, digits, - , _ or . (for example decentralisation-2026)
wf-d-study-exists = a study named "{ $name }" exists already: choose another name
wf-d-line = line { $line }: { $message }
wf-d-municipalities-none = give at least one municipality (CBS code or name, one per line)
wf-d-municipality-fields = "{ $text }" has too many parts: write "municipality", "municipality; inhabitants" or "municipality; inhabitants; group"
wf-d-inhabitants-bad = "{ $text }" is not a number of inhabitants: write a whole number without separators
wf-d-municipality-unknown = "{ $name }" is not a municipality in the register: give a CBS code (GM0363) or a name (Amsterdam)
wf-d-municipality-ambiguous = "{ $name }" fits more than one municipality: { $candidates }; give the CBS code
wf-d-municipality-merged = { $name } ({ $code }) merged into { $into_name } ({ $into }) in { $year }: add that municipality
wf-d-municipality-dissolved = { $name } ({ $code }) was dissolved in { $year } and divided over { $successors }
wf-d-inhabitants-unknown = kantel does not know the population of { $name } ({ $code }) (the CBS figures are from 2019): write "{ $code }; inhabitants"
wf-d-file-other-study = { $path } is the study file of "{ $file_study }", not of "{ $study }": nothing was changed
wf-d-col-respondent = respondent
wf-d-col-municipality = municipality
wf-d-col-group = group
wf-d-field = { $field }: { $message }
wf-d-csv-place = { $file }, line { $line }, column "{ $column }": { $message }
wf-d-cell-empty = this field is empty
wf-d-respondents-column = column "{ $column }" is missing: the file has the columns respondent, municipality and group
wf-d-respondents-none = the file holds no respondents
wf-d-respondent-municipality = "{ $municipality }" is not a municipality of this study (municipalities: { $known })
wf-d-respondent-group = "{ $group }" is not a respondent group of this study (groups: { $known })
wf-d-respondent-id = a respondent id has at most { $max } characters, without line breaks or tabs
wf-d-respondent-twice = respondent "{ $respondent }" is also on line { $first }
wf-d-respondent-exists = respondent "{ $respondent }" exists already in this study
wf-d-other-municipality = another municipality

## Workflow: analysis and exports

wf-d-too-many-conditions = { $count } conditions chosen: the analysis in the page takes at most { $max }
wf-d-cut = { $field }: "{ $text }" is not a number from 0 to 1
wf-d-n-cut = frequency cut-off: "{ $text }" is not a whole number of 1 or more
wf-d-no-municipalities = the study has no municipalities yet: add municipalities first
wf-d-export-failed = the export could not be made: { $error }
wf-d-export-too-large = the export is too large for a worksheet
