# Shared words and the examples of the crate documentation (Dutch).
i18n-example = { $file }: { $count ->
    [one] { $count } rij
   *[other] { $count } rijen
}
i18n-nested = let op: { $inner }
# Text from outside the catalogue (a driver's or parser's own message), shown as it is.
text = { $text }
