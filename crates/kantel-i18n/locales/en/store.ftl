# store messages (en). Keys are shared by both languages; see crates/kantel-i18n/src/lib.rs.
store-not-a-database = { $path } is not a kantel database (it is not an SQLite file)
store-corrupt = the database { $path } is damaged (SQLite: database disk image is malformed); restore a backup
store-read-only = cannot write to the database { $path }: the file is read-only
store-busy = the database { $path } stayed locked by another writer for { $seconds } s; try again
store-folder-missing = cannot create the database { $path }: its folder does not exist
store-not-a-file = { $path } is not a database file
store-cannot-open = cannot open the database { $path }: { $error }
store-unknown-import = this study has no import { $id } (see `kantel import list`)
store-import-not-active = import { $id } is { $status ->
    [replaced] replaced already
    [removed] removed already
   *[other] { $status }
}; only an active import can be replaced or removed (see `kantel import list`)
store-import-kind = import { $id } holds { $kind }, but the new file holds { $given }
store-respondent-mismatch = respondent "{ $respondent }" is stored with { $stored_municipality } (group { $stored_group }), but this row says { $municipality } (group { $group }); replace the old import with `kantel import replace` if this is a correction
store-answer-range = answer { $value } to item { $item } is out of range
store-unsupported-url = database address { $url } is not supported: use an SQLite file (the default) or postgres://USER@HOST:PORT/DATABASE
store-connect = cannot connect to { $url }: { $error }
store-migrate = updating the database schema failed: { $error }
store-migrate-fk = updating the database schema failed: table { $table } has rows that break a reference (nothing was changed)
store-database = database error: { $error }
store-row = row { $row }: { $problem }
store-other = database error: { $error }
store-study-closed = the study is closed: no more answers are accepted
store-already-submitted = the questionnaire was submitted already: no more answers are accepted
store-unknown-token = this personal link is unknown or no longer valid
store-duplicate-email = an account for { $email } exists already
store-unknown-study-municipality = municipality { $code } is not part of this study (add it to the study file first)
store-unknown-study = there is no study with number { $id }
store-duplicate-study-name = a study named "{ $name }" exists already
store-row-unknown-municipality = municipality { $code } is not part of this study
store-row-respondent-exists = respondent "{ $respondent }" exists already in this study
store-row-empty = { $field } is empty
store-row-duplicate = { $key } appears more than once (first in row { $first })
