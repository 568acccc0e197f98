# Shared words and the examples of the crate documentation (English).
i18n-example = { $file }: { $count ->
    [one] { $count } row
   *[other] { $count } rows
}
i18n-nested = note: { $inner }
