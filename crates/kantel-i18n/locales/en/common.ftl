# Shared words and the examples of the crate documentation (English).
i18n-example = { $file }: { $count ->
    [one] { $count } row
   *[other] { $count } rows
}
i18n-nested = note: { $inner }
# Text from outside the catalogue (a driver's or parser's own message), shown as it is.
text = { $text }
