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
# How many other municipalities share the contact's truth-table row, in the mirror report's
# sentence "Other municipalities in this row: …" (their names are not shown to a contact).
wf-d-others-in-row = { $count } (not named)

## Workflow: analysis and exports

wf-d-too-many-conditions = { $count } conditions chosen: the analysis in the page takes at most { $max }
wf-d-cut = { $field }: "{ $text }" is not a number from 0 to 1
wf-d-n-cut = frequency cut-off: "{ $text }" is not a whole number of 1 or more
wf-d-cut-value = "{ $text }" is not a number from 0 to 1 (for example 0.8)
wf-d-n-cut-value = "{ $text }" is not a whole number of 1 or more
wf-d-outcome-none = choose an outcome
wf-d-outcome-unknown = "{ $id }" is not an outcome of this study: choose one of the outcomes in the list
wf-d-not-calibrated = the study sets no calibration for { $id }: choose another set, or add the calibration to the study file
wf-d-conditions-none = choose at least one condition
wf-d-condition-unknown = "{ $id }" is not a condition of this study: choose conditions from the list
wf-d-condition-twice = "{ $id }" is chosen twice
wf-d-dir-exp-empty = "{ $expectation }" names no condition: write a condition's name, with ~ in front for absence
wf-d-dir-exp-not-chosen = "{ $expectation }" is about a condition that is not chosen: choose { $condition } under Conditions too, or remove "{ $expectation }" here
wf-d-dir-exp-twice = "{ $expectation }" is there twice
wf-d-no-municipalities = the study has no municipalities yet: add municipalities first
wf-d-export-failed = the export could not be made: { $error }
wf-d-export-too-large = the export is too large for a worksheet

## Pages: researcher (studies, dashboard, municipalities, respondents, analysis) and contact

web-d-nav-studies = Studies
web-d-nav-dashboard = Overview
web-d-nav-municipalities = Municipalities
web-d-nav-respondents = Respondents and links
web-d-nav-analysis = Analysis
web-d-studies-title = Studies
web-d-studies-none = There are no studies yet.
web-d-new-link = New study
web-d-col-study = Study
web-d-col-name = Name
web-d-col-status = Status
web-d-col-municipalities = Municipalities
web-d-col-municipality = Municipality
web-d-col-code = CBS code
web-d-col-inhabitants = Inhabitants
web-d-col-group = Group
web-d-col-total = Total
web-d-col-submitted = Submitted
web-d-col-rate = Response
web-d-col-raw = Raw score
web-d-col-membership = Membership
web-d-col-row = Row
web-d-col-cases = Municipalities
web-d-col-term = Term
web-d-col-plot = XY plot
web-d-status-open = open: the links accept answers
web-d-status-closed = closed: the links accept no more answers
web-d-status-open-short = open
web-d-status-closed-short = closed
web-d-status-unknown = Unknown status: choose open or closed.
web-d-new-title = New study
web-d-new-builtin = With the built-in questionnaire
web-d-new-builtin-help = The study gets kantel's codebook (conditions, outcomes, items, calibration and analysis plan), without municipalities yet: you add those from the register afterwards.
web-d-new-name = Name of the study
web-d-new-name-help = Letters, digits, - , _ and . , for example decentralisation-2026. The name is unique.
web-d-new-study-title = Title (optional)
web-d-new-create = Create study
web-d-new-upload = With a study file
web-d-new-upload-help = A study file (TOML) as `kantel study init` makes it. The study's name is in the file.
web-d-new-file = Study file
web-d-new-upload-submit = Read study file
web-d-upload-missing = Choose a file first.
web-d-upload-not-utf8 = The file is not UTF-8 text. Save it as UTF-8 and try again.
web-d-upload-unreadable = The form could not be read. Please try again.
web-d-summary = { $municipalities ->
    [one] 1 municipality
   *[other] { $municipalities } municipalities
}, { $respondents ->
    [one] 1 respondent
   *[other] { $respondents } respondents
}, of whom { $started } started and { $submitted } submitted.
web-d-close = Close study
web-d-close-help = The links then accept no more answers; what was answered is kept.
web-d-reopen = Open study again
web-d-reopen-help = The links accept answers again (except from those who submitted).
web-d-progress-title = Response
web-d-progress-caption = Response per municipality and group: started of all respondents
web-d-progress-legend = Per group: respondents with answers of all respondents. An exclamation mark: fewer than the minimum the study asks for that group. Response = respondents with answers as a share of all respondents (through the link or imported). The table refreshes itself; without JavaScript, reload the page.
web-d-below-minimum = fewer than the minimum for this group
web-d-not-in-study = no longer in the study
web-d-reload = Reload the page
web-d-downloads = Downloads
web-d-download-report = Report (HTML) with the study's analysis plan
web-d-download-answers = All answers (through the link and imported)
web-d-download-scores = Set scores per municipality (raw score and membership)
web-d-municipalities-title = Municipalities
web-d-municipalities-none = The study has no municipalities yet.
web-d-municipalities-count = { $count ->
    [one] 1 municipality
   *[other] { $count } municipalities
} in the study
web-d-municipalities-add = Add municipalities from the register
web-d-municipalities-lines = Municipalities, one per line
web-d-municipalities-help = A CBS code (GM0363 or 363) or a name (also Den Haag, Den Bosch). Optionally, after a semicolon, the number of inhabitants and a group: "Utrecht; 361924; G4". Without inhabitants kantel takes the CBS figure of 2019.
web-d-municipalities-submit = Add
web-d-municipalities-file = The study file { $path } gets the same municipalities, so that the command line and the website agree.
web-d-municipality-added = { $name } ({ $code }) was added.
web-d-municipality-already = { $name } ({ $code }) was in the study already.
web-d-respondents-title = Respondents and links
web-d-respondents-no-municipalities = Add municipalities first.
web-d-respondents-closed = The study is closed: new links accept answers only once you open the study again.
web-d-links-start = The links start with { $base }
web-d-links-title = Make links
web-d-links-help = Makes new respondents, each with a personal link, and gives them as a CSV file for a mail merge (municipality, group, respondent, link). The links are visible only now: kantel does not keep them readable.
web-d-links-count = Number of links
web-d-links-submit = Make links and download (CSV)
web-d-respondent-one = Add one respondent
web-d-respondent-id = Respondent id (optional)
web-d-respondent-id-help = Left empty, the id is numbered, like GM0363-wijkteam-004.
web-d-respondent-submit = Add respondent
web-d-respondent-created = Respondent { $respondent } was added. The personal link:
web-d-link-once = Copy the link now: it is not shown again.
web-d-respondents-csv = Respondents from a file (CSV or Excel)
web-d-respondents-csv-help = A CSV file or an Excel workbook (.xlsx, the first sheet) with the columns respondent, municipality and group; municipality as CBS code or name, group as id or name. An empty respondent id is numbered. You get the links back as a CSV file.
web-d-respondents-csv-file = File with respondents (CSV or .xlsx)
web-d-respondents-csv-submit = Read respondents and download links (CSV)
web-d-analysis-title = Analysis
web-d-outcome = Outcome
web-d-negate = Analyse the negated outcome (~)
web-d-conditions = Conditions
web-d-incl-cut = Inclusion cut-off (incl.cut)
web-d-pri-cut = PRI cut-off (pri.cut)
web-d-n-cut = Frequency cut-off (n.cut)
web-d-dir-exp = Directional expectations (dir.exp)
web-d-dir-exp-help = Conditions whose presence you expect to contribute, separated by commas; ~ for absence (~MANDAAT). Empty: no intermediate solution.
web-d-analyse = Analyse
web-d-report-settings = Report with these settings (HTML)
web-d-results = Results
web-d-cases = { $analysed } of { $total } municipalities have a value on every chosen set; { $tt } are in the truth table.
web-d-run-recorded = Recorded as analysis { $run } (data version { $version }).
web-d-dropped = { $count ->
    [one] 1 municipality
   *[other] { $count } municipalities
} not analysed
web-d-calibration = Calibration
web-d-calibration-table = Raw scores and membership of { $set }
web-d-truth-table = Truth table
web-d-tt-caption = Observed configurations for { $outcome }.
web-d-tt-remainders = { $count ->
    [one] 1 configuration without municipalities (logical remainder).
   *[other] { $count } configurations without municipalities (logical remainders).
}
web-d-solutions = Solutions
web-d-sol-conservative = Conservative solution
web-d-sol-parsimonious = Parsimonious solution
web-d-sol-intermediate = Intermediate solution (from { $from })
web-d-sol-incomplete = There are more models than shown here.
web-d-xy-plots = XY plots
web-d-xy-help = Each dot is a municipality: horizontally its membership in the term or model, vertically in the outcome. Dots on or above the diagonal fit sufficiency.
web-d-xy-link = plot
web-d-contact-intro = Response and mirror report of your municipality in the study "{ $study }". You see only your own municipality.
web-d-mirror-title = Mirror report
web-d-mirror-help = Your municipality beside the distribution of all municipalities in the study; the other municipalities are not named. The report is an HTML file you can open, keep and print.
web-d-mirror-download = Download mirror report (HTML)
