# Shared words and the examples of the crate documentation (Dutch).
i18n-example = { $file }: { $count ->
    [one] { $count } rij
   *[other] { $count } rijen
}
i18n-nested = let op: { $inner }
